//! Characters that show nothing, and white space as cells are compared: what every key,
//! label and group name reads a cell through.

use crate::text::digits::ascii_digit;

/// Characters that show nothing but change what text means or how it is laid out: the
/// soft hyphen, zero-width space, word joiner and invisible operators, the byte-order mark,
/// the bidirectional marks and the embedding, override and isolate controls (U+202A–U+202E,
/// U+2066–U+2069). An override in a comment or a store name would otherwise reverse the text
/// beside it on a page ("NPS 10" read as "01 SPN"), and a zero-width space would split a
/// phone number so that redaction misses it, or make two look-alike groups of one store.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{180E}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Whether `text` holds an [`is_invisible`] character or a zero-width (non-)joiner, told by
/// their UTF-8 bytes (in valid UTF-8 each sequence below is that character and no other), so
/// that Chinese text, whose full-width punctuation shares the lead byte 0xEF with the
/// byte-order mark, is not decoded character by character.
fn holds_invisible(text: &str) -> bool {
    let b = text.as_bytes();
    let mut from = 0;
    while let Some(at) = b[from..].iter().position(|x| matches!(x, 0xC2 | 0xD8 | 0xE1 | 0xE2 | 0xEF)) {
        let hit = match &b[from + at..] {
            // U+00AD, U+061C, U+180E, U+FEFF.
            [0xC2, 0xAD, ..] | [0xD8, 0x9C, ..] | [0xE1, 0xA0, 0x8E, ..] | [0xEF, 0xBB, 0xBF, ..] => true,
            // U+200B–U+200F (the joiners among them), U+202A–U+202E.
            [0xE2, 0x80, x, ..] => matches!(x, 0x8B..=0x8F | 0xAA..=0xAE),
            // U+2060–U+2064, U+2066–U+2069.
            [0xE2, 0x81, x, ..] => matches!(x, 0xA0..=0xA4 | 0xA6..=0xA9),
            _ => false,
        };
        if hit {
            return true;
        }
        from += at + 1;
    }
    false
}

/// `text` without invisible format characters (`is_invisible`), and without the zero-width
/// (non-)joiners U+200C/U+200D next to an ASCII character, a full-width digit, white space or
/// the start or end of the text, where they join nothing (in emoji sequences and in the
/// scripts that need them they stay): a cell of joiners alone is blank. Borrowed when
/// there is nothing to remove, which a byte check decides for most text.
pub fn strip_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if !holds_invisible(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let joiner = |c: char| matches!(c, '\u{200C}' | '\u{200D}');
    let kept: Vec<char> = text.chars().filter(|c| !is_invisible(*c)).collect();
    let plain = |c: Option<&char>| {
        c.is_none_or(|c| c.is_ascii() || c.is_whitespace() || ascii_digit(*c).is_some() || *c == '＠')
    };
    // A run of joiners goes or stays as a whole, judged by the characters around the run, so
    // that stripping twice changes nothing more.
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < kept.len() {
        if !joiner(kept[i]) {
            out.push(kept[i]);
            i += 1;
            continue;
        }
        let end = (i..kept.len()).find(|&k| !joiner(kept[k])).unwrap_or(kept.len());
        let before = i.checked_sub(1).and_then(|k| kept.get(k));
        if !(plain(before) || plain(kept.get(end))) {
            out.extend(&kept[i..end]);
        }
        i = end;
    }
    if out == text {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(out)
}

/// A cell's value as every comparison and key sees it: without invisible format characters
/// ([`strip_invisible`]), then trimmed of white space (no-break and ideographic spaces too).
/// Segment rules, join keys, labels and `na:` words, touchpoints, dimensions, respondent ids
/// and options all read cells through this one function, so that `Gold\u{200b}` or
/// `\u{feff}S001` matches what it looks like everywhere or nowhere. Borrowed unless something
/// invisible had to go. White space inside is kept (a line break in a store name is text);
/// where a cell is matched with words of cxsite.yaml, [`spaced`] evens it out. The text is
/// in Unicode's composed form (NFC), so `Cafe\u{301}` (as macOS and some Korean input write
/// it) is the `Café` it looks like; comments shown keep the form they were written in.
pub fn cell_value(text: &str) -> std::borrow::Cow<'_, str> {
    // ASCII (most cells: numbers, codes, dates) has no invisible character and is in NFC.
    if text.is_ascii() {
        return std::borrow::Cow::Borrowed(text.trim());
    }
    match strip_invisible(text) {
        std::borrow::Cow::Borrowed(t) => nfc(t.trim()),
        std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(nfc(t.trim()).into_owned()),
    }
}

/// `text` in NFC; borrowed, after a quick check, for ASCII and for text already composed
/// (nearly every cell), so the hot path allocates nothing.
pub fn nfc(text: &str) -> std::borrow::Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return std::borrow::Cow::Borrowed(text);
    }
    let composed: String = text.nfc().collect();
    if composed == text {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(composed)
    }
}

/// Whether `text` holds two ASCII spaces in a row: a plain walk, as `str::contains` sets up
/// a substring searcher per call, which costs more than the short cells it runs on.
fn two_spaces(text: &str) -> bool {
    text.as_bytes().windows(2).any(|w| w == b"  ")
}

/// A cell as a group's name: [`cell_value`], with each run of space characters (Unicode's
/// space separators: the ASCII space, no-break, ideographic, thin and other spaces) as one
/// ASCII space, so `Shop\u{a0}A`, `Shop\u{3000}A` and `Shop  A` are the one group `Shop A`
/// they look like. Tabs, line breaks and other controls stay: they are shown as written.
pub fn group_value(text: &str) -> std::borrow::Cow<'_, str> {
    let cell = without_variation_selectors(cell_value(text));
    let odd = two_spaces(&cell) || (!cell.is_ascii() && cell.chars().any(|c| c != ' ' && is_space_separator(c)));
    if !odd {
        return cell;
    }
    std::borrow::Cow::Owned(one_space_per_run(&cell, is_space_separator))
}

/// `text` without variation selectors (U+FE00–U+FE0F): they only choose how the character
/// before them is drawn (`❤` or `❤️`) or, after a letter, nothing at all, so `Shop ❤️`,
/// `Shop ❤` and `Shop A\u{FE0F}` and `Shop A` would be look-alike groups.
fn without_variation_selectors(text: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let selector = |c: char| matches!(c, '\u{FE00}'..='\u{FE0F}');
    if text.is_ascii() || !text.chars().any(selector) {
        return text;
    }
    std::borrow::Cow::Owned(text.chars().filter(|c| !selector(*c)).collect::<String>().trim().to_string())
}

/// Unicode's space separators (general category Zs).
fn is_space_separator(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}')
}

/// `text` with each run of white space as one ASCII space (no-break, ideographic and other
/// Unicode spaces, tabs and line breaks alike), for matching a cell with a word written in
/// cxsite.yaml (a label, an `na:` word, a rule's text): `Very\u{a0}satisfied` is the label
/// `Very satisfied`. Borrowed when there is nothing to even out.
pub fn spaced(text: &str) -> std::borrow::Cow<'_, str> {
    let odd = two_spaces(text)
        || if text.is_ascii() {
            text.bytes().any(|b| matches!(b, b'\t' | b'\n' | b'\x0b' | b'\x0c' | b'\r'))
        } else {
            text.chars().any(|c| c != ' ' && c.is_whitespace())
        };
    if !odd {
        return std::borrow::Cow::Borrowed(text);
    }
    // Runs at either end are one space too (a trimmed cell has none).
    std::borrow::Cow::Owned(one_space_per_run(text, char::is_whitespace))
}

/// A word of cxsite.yaml or a cell as the two are matched with each other (touchpoint ids
/// and names): [`cell_value`], [`spaced`], in lower case.
pub fn name_key(text: &str) -> String {
    spaced(&cell_value(text)).to_lowercase()
}

/// `text` with each run of characters that `is_space` takes as one ASCII space.
fn one_space_per_run(text: &str, is_space: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_run = false;
    for c in text.chars() {
        if !is_space(c) {
            out.push(c);
        } else if !in_run {
            out.push(' ');
        }
        in_run = is_space(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_byte_test_finds_exactly_the_invisible_characters_and_joiners() {
        // Every character alone, and between a Han character and full-width punctuation (the
        // lead byte 0xEF of `，` is the byte-order mark's too).
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let want = is_invisible(c) || matches!(c, '\u{200C}' | '\u{200D}');
            let alone = c.to_string();
            assert_eq!(holds_invisible(&alone), want, "U+{:04X}", c as u32);
            assert_eq!(holds_invisible(&format!("好{c}，")), want, "U+{:04X} in text", c as u32);
        }
        assert!(!holds_invisible("送货太慢了，快递员态度很差！"));
    }
}
