//! HTML character references in text cells: review and social exports scraped from web pages
//! (Tmall, WeChat, forums) carry `&nbsp;`, `&amp;` and `&#128077;` as written in the page's
//! source. Left as they are, `amp` and `nbsp` became top keywords and verbatims showed
//! `&nbsp;`; decoded, the comment says what its writer saw.

use std::borrow::Cow;

/// `text` with its HTML character references decoded: named ones from the HTML standard's
/// table (`&amp;`, `&nbsp;`, `&hellip;` — with their `;`, as a scrape writes them; `AT&T` and
/// `R&D` stay as they are), decimal `&#128077;` and hexadecimal `&#x1F44D;`. A number that
/// names no character (a surrogate, past U+10FFFF) or NUL becomes U+FFFD, as a browser shows
/// it. Text without `&` is returned as it is, unread past the search for one.
pub(crate) fn decode_entities(text: &str) -> Cow<'_, str> {
    let Some(first) = memchr::memchr(b'&', text.as_bytes()) else { return Cow::Borrowed(text) };
    let mut out = String::with_capacity(text.len());
    out.push_str(&text[..first]);
    let mut rest = &text[first..];
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((decoded, len)) => {
                out.extend(decoded.into_iter().flatten());
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// The character(s) a reference at the start of `s` (which starts with `&`) stands for, and
/// its length in bytes with the `;`.
fn reference(s: &str) -> Option<([Option<char>; 2], usize)> {
    // The longest named reference is 33 bytes (`&CounterClockwiseContourIntegral;`).
    let end = s.bytes().take(40).position(|b| b == b';')?;
    let body = &s[1..end];
    if let Some(num) = body.strip_prefix('#') {
        let n = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 8 => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty() && num.len() <= 10 && num.bytes().all(|b| b.is_ascii_digit()) => {
                num.parse().ok()?
            }
            _ => return None,
        };
        let c = char::from_u32(n).filter(|c| *c != '\0').unwrap_or('\u{FFFD}');
        return Some(([Some(c), None], end + 1));
    }
    if body.is_empty() || !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let (a, b) = *markup5ever::data::NAMED_ENTITIES.get(&s[1..=end])?;
    Some(([char::from_u32(a), (b != 0).then(|| char::from_u32(b)).flatten()], end + 1))
}

#[cfg(test)]
mod tests {
    use super::decode_entities;

    #[test]
    fn references_are_decoded_and_ampersands_of_plain_text_kept() {
        assert_eq!(decode_entities("好吃&nbsp;下次还买"), "好吃\u{a0}下次还买");
        assert_eq!(decode_entities("fast &amp; friendly"), "fast & friendly");
        assert_eq!(decode_entities("&#128077;&#x1F44D;&#X1f44d;"), "👍👍👍");
        assert_eq!(decode_entities("&lt;b&gt; &quot;ok&quot; &hellip;"), "<b> \"ok\" …");
        // Not references: no `;`, an unknown name, an empty number, text around a lone `&`.
        for plain in ["AT&T", "R&D; more", "M&S", "&nbsp", "&notaname;", "&#;", "&#x;", "a & b", "&", "&&;"] {
            assert_eq!(decode_entities(plain), plain);
            assert!(matches!(decode_entities(plain), std::borrow::Cow::Borrowed(_)), "{plain}");
        }
        // A number that names no character shows as U+FFFD.
        assert_eq!(decode_entities("&#xD800;&#0;&#1114112;"), "\u{FFFD}\u{FFFD}\u{FFFD}");
        assert_eq!(decode_entities("&amp;amp;"), "&amp;", "decoded once, not again");
    }
}
