//! Personal numbers told by their written form rather than their digits alone: a `+` and a
//! country code, an area code in brackets, letters before the digits (Hong Kong and Taiwan
//! IDs). Each pass replaces whole matches that no digit or Latin letter touches.

use std::sync::LazyLock;

use regex::Regex;

use super::checks::{hong_kong_id, north_american, taiwan_id};
use super::numbers::brazil_mobile;
use crate::text::digits::ascii_digit;

/// A landline with its area code in brackets: `(021) 6123 4567`, `（010）12345678`, and a
/// two-digit one `(02) 9876 5432` (Australia, Tokyo's `(03)`); a Brazilian mobile
/// `(11) 98765-4321`.
static BRACKETED_LANDLINE: LazyLock<Regex> =
    // `\d` is any decimal digit (Unicode-aware), as `ascii_digit` reads them.
    LazyLock::new(|| Regex::new(r"[(（][ ]?\d{2,4}[ ]?[)）][ \-－]?\d{3,5}[ \-－]?\d{4}").expect("valid"));

/// A number written with a `+` and a country code, in any grouping, an area code in brackets
/// included (`+1 (415) 555-0132`, `+44 (0)20 7946 0958`); its digits are counted after.
static INTERNATIONAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[+＋]\d{1,3}(?:[ .\-]?[(（]\d{1,4}[)）])?(?:[ .\-]?\d{1,5}){1,7}").expect("valid"));

/// A Hong Kong identity card number, `A123456(3)` or `AB9876543`, and a Taiwan national ID,
/// `A123456789`: both checked by their check digit ([`hong_kong_id`], [`taiwan_id`]).
static LETTER_IDS: LazyLock<Regex> = LazyLock::new(|| {
    // Taiwan's form first: at one start the first alternative that matches wins, and an HK
    // reading of a Taiwan ID's first eight characters would be glued to its last two digits.
    Regex::new(r"[A-Z][0-9]{9}|[A-Z]{1,2}[0-9]{6}(?:[(（][0-9A][)）]|[0-9A])").expect("valid")
});

/// `(021) 6123 4567` and `(415) 555-0132` → `[phone]`, unless more digits follow (then it is
/// not a phone number).
pub(super) fn redact_bracketed_landlines(text: &str) -> std::borrow::Cow<'_, str> {
    replace_matches(text, &BRACKETED_LANDLINE, "[phone]", |m| {
        let digits = ascii_digits(m);
        let area = m.find([')', '）']).map_or(0, |end| ascii_digits(&m[..end]).len());
        // Five digits after the brackets: only a Brazilian mobile is written so.
        if digits.len() == area + 9 {
            return area == 2 && brazil_mobile(&digits);
        }
        // A Chinese area code starts with a zero, and so does a two-digit one, with eight digits
        // after it; a North American one is three digits, and the number after it seven, with
        // a valid area code and exchange.
        // A mainland mobile with its first three digits in brackets, `(138)0013-8000`.
        (area == 3 && digits.len() == 11 && digits.starts_with('1') && matches!(digits.as_bytes()[1], b'3'..=b'9'))
            || (digits.starts_with('0') && (area > 2 || (digits.len() == 10 && digits.as_bytes()[1] >= b'2')))
            || (area == 3 && digits.len() == 10 && north_american(&digits))
    })
}

/// `+44 20 7946 0958` → `[phone]`: a `+`, a country code, and 8–15 digits in all (E.164),
/// unless a digit or a Latin letter is glued to either end (then it is part of something else).
pub(super) fn redact_international(text: &str) -> std::borrow::Cow<'_, str> {
    replace_matches(text, &INTERNATIONAL, "[phone]", |m| (8..=15).contains(&ascii_digits(m).len()))
}

/// Hong Kong and Taiwan ID numbers with a right check digit → `[id]`.
pub(super) fn redact_letter_ids(text: &str) -> std::borrow::Cow<'_, str> {
    replace_matches(text, &LETTER_IDS, "[id]", |m| hong_kong_id(m) || taiwan_id(m))
}

/// `text` with each match of `re` that `keep` accepts, and that no digit or Latin letter
/// touches on either side, replaced by `tag`. Borrowed when nothing is replaced.
fn replace_matches<'t>(text: &'t str, re: &Regex, tag: &str, keep: impl Fn(&str) -> bool) -> std::borrow::Cow<'t, str> {
    let glued = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || ascii_digit(c).is_some());
    // A placeholder the number pass writes later stands for digits: on a second run, a match
    // right after one was glued to those digits on the first, and must stay as it was then.
    let after_number = |before: &str| ["[id]", "[phone]", "[card]"].iter().any(|p| before.ends_with(p));
    let mut out = String::new();
    let mut copied = 0;
    for m in re.find_iter(text) {
        let before = &text[..m.start()];
        if glued(before.chars().next_back())
            || after_number(before)
            || glued(text[m.end()..].chars().next())
            || !keep(m.as_str())
        {
            continue;
        }
        out.push_str(&text[copied..m.start()]);
        out.push_str(tag);
        copied = m.end();
    }
    if copied == 0 {
        return std::borrow::Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// The digits of `s`, of whichever script, as ASCII.
fn ascii_digits(s: &str) -> String {
    s.chars().filter_map(ascii_digit).collect()
}
