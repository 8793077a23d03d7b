//! Decimal digits of every script: `٣`, `۳`, `३`, `３` and `3` are all three.
//!
//! Exports from a survey or CRM set to an Arabic, Persian, Hindi or Thai locale write numbers
//! in their own digits, and customers type them in comments. Unicode's decimal digits (general
//! category Nd) come in runs of ten, zero to nine, so the value of one is its distance from
//! its run's zero: a table of the 70 zeros is all that is needed, where a crate of general
//! categories would add megabytes of tables for one property. `char::is_numeric` is no
//! substitute: it also takes Roman numerals, fractions and circled numbers (`Ⅻ`, `½`, `①`),
//! which are no digits of a number.

/// The zero of every run of ten decimal digits (general category Nd), in order: Unicode 16.0.
/// The test below checks it against the regex crate's own Unicode tables, character by
/// character.
const ZEROS: [u32; 70] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50, 0x1BB0, 0x1C40,
    0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066,
    0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0,
    0x11950, 0x11BF0, 0x11C50, 0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6,
];
/// Runs above the last of [`ZEROS`] (kept apart so the table above stays one screen).
const HIGH_ZEROS: [u32; 6] = [0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0];

/// The value of a decimal digit of any script, `None` for any other character.
#[inline]
pub fn decimal_value(c: char) -> Option<u32> {
    let c = c as u32;
    if c < 0x80 {
        return (0x30..=0x39).contains(&c).then(|| c - 0x30);
    }
    // Between the Ol Chiki digits and the Vai digits lie no digits: CJK, kana and hangul,
    // most of the non-ASCII text of comments, skip the search.
    if (0x1C5A..0xA620).contains(&c) {
        return None;
    }
    let table: &[u32] = if c >= HIGH_ZEROS[0] { &HIGH_ZEROS } else { &ZEROS };
    // The last zero at or below `c`; `c` is its digit if it is fewer than ten above it.
    let at = table.partition_point(|z| *z <= c).checked_sub(1)?;
    let offset = c - table[at];
    (offset < 10).then_some(offset)
}

/// Whether `c` is a decimal digit of any script.
#[inline]
pub fn is_decimal_digit(c: char) -> bool {
    decimal_value(c).is_some()
}

/// The ASCII digit of a decimal digit of any script (`٣` → `3`).
#[inline]
pub fn ascii_digit(c: char) -> Option<char> {
    decimal_value(c).and_then(|v| char::from_digit(v, 10))
}

/// `text` with every decimal digit of another script as its ASCII digit; borrowed when there
/// is none, which a byte check decides for ASCII text.
pub fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| !c.is_ascii() && is_decimal_digit(c)) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars().map(|c| if c.is_ascii() { c } else { ascii_digit(c).unwrap_or(c) }).collect::<String>().into()
}

/// A number as a CRM or a spreadsheet writes it: with the digits of any script, a full-width
/// sign or point (or the Arabic decimal separator `٫`), and its thousands grouped by commas
/// (`,`, `，`, `٬`), apostrophes or spaces (ASCII, no-break, narrow no-break, thin or
/// ideographic): `1,234`, `１２３４`, `١٬٢٣٤`, `1\u{a0}234.5`. A group mark must stand between
/// groups of three digits, so `1 2` is no number.
///
/// Or as a locale whose decimal mark is a comma writes it, where that cannot be read the first
/// way: `850,00`, `3,5` (one or two digits after the comma), `1.234,50`, `1 234,5`,
/// `1.234.567` (thousands grouped by points). `1,234` stays a thousand and `1.234` one point
/// two three four: either could be the other, and the first reading is the commoner. `None`
/// for anything else.
pub fn read_number(t: &str) -> Option<f64> {
    let t = t.trim();
    if let Ok(v) = t.parse::<f64>() {
        return v.is_finite().then_some(v);
    }
    let mut s = String::with_capacity(t.len());
    for c in t.chars() {
        s.push(match c {
            '-' | '－' | '−' => '-',
            '+' | '＋' => '+',
            '.' | '．' | '٫' => '.',
            ',' | '，' | '٬' => ',',
            '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{3000}' => ' ',
            c => ascii_digit(c)?,
        });
    }
    grouped_number(&s, '.', [',', ' ']).or_else(|| {
        let (_, frac) = s.rsplit_once(',').unwrap_or((&s, ""));
        let grouped = s.contains(['.', ' ']);
        // A comma decimal with three digits after it is a thousands group (read above).
        (grouped || (1..=2).contains(&frac.len())).then(|| grouped_number(&s, ',', ['.', ' '])).flatten()
    })
}

/// `s` (ASCII digits, a sign, marks) read with `point` as its decimal mark and `groups` as
/// thousands marks, each between groups of three digits.
fn grouped_number(s: &str, point: char, groups: [char; 2]) -> Option<f64> {
    let unsigned = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (int, frac) = unsigned.split_once(point).unwrap_or((unsigned, ""));
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = int.split(groups);
    let first = parts.next().unwrap_or("");
    let grouped = (1..=3).contains(&first.len()) && parts.all(|g| g.len() == 3 && digits(g));
    if int.contains(groups) && !grouped || !digits(first) || !digits(frac) || int.is_empty() {
        return None;
    }
    let sign = if s.starts_with('-') { "-" } else { "" };
    let plain: String = int.chars().filter(char::is_ascii_digit).collect();
    format!("{sign}{plain}.{frac}").trim_end_matches('.').parse::<f64>().ok().filter(|v| v.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decimal_digit_and_nothing_else_has_a_value() {
        // The regex crate's Unicode tables (\p{Nd}) are an independent source.
        let nd = regex::Regex::new(r"^\p{Nd}$").unwrap();
        let mut count = 0;
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            assert_eq!(nd.is_match(c.encode_utf8(&mut buf)), is_decimal_digit(c), "U+{:04X}", c as u32);
            count += usize::from(is_decimal_digit(c));
        }
        assert_eq!(count, (ZEROS.len() + HIGH_ZEROS.len()) * 10);
        assert!(ZEROS.windows(2).chain(HIGH_ZEROS.windows(2)).all(|w| w[1] >= w[0] + 10));
    }

    #[test]
    fn numbers_are_read_with_any_digits_and_thousands_groups_only_where_they_are_groups() {
        for (written, want) in [
            ("1234", 1234.0),
            ("-7.5", -7.5),
            ("1,234", 1234.0),
            ("12,345,678", 12_345_678.0),
            ("1\u{a0}234.5", 1234.5),
            ("1\u{202f}234", 1234.0),
            ("1 234 567", 1_234_567.0),
            ("１２３４", 1234.0),
            ("１，２３４．５", 1234.5),
            ("－３", -3.0),
            ("١٬٢٣٤", 1234.0),
            ("٣٫٥", 3.5),
            ("۱۲", 12.0),
            ("1'234", 1234.0),
            // A locale whose decimal mark is a comma.
            ("3,5", 3.5),
            ("850,00", 850.0),
            ("-3,25", -3.25),
            ("1.234,50", 1234.5),
            ("12.000,00", 12000.0),
            ("1.234.567", 1_234_567.0),
            ("1 234,5", 1234.5),
            ("1\u{a0}234\u{a0}567,89", 1_234_567.89),
            // Either way round, the commoner reading.
            ("1.234", 1.234),
            ("1,234", 1234.0),
        ] {
            assert_eq!(read_number(written), Some(want), "{written:?}");
        }
        for junk in [
            "1 2",
            "1,2345",
            ",123",
            "1,,234",
            "12a",
            "",
            "-",
            "1.2.3",
            "1,234.5,6",
            "inf",
            "NaN",
            "1.23,4",
            "1.2345,6",
            "1,234,5",
            "3,5,7",
            "1.234,5.6",
        ] {
            assert_eq!(read_number(junk), None, "{junk:?}");
        }
    }

    #[test]
    fn digits_of_each_script_have_their_values() {
        // Arabic-Indic, Extended Arabic-Indic (Persian), Devanagari, Thai, full-width, ASCII.
        for (written, value) in [('٣', 3), ('۷', 7), ('९', 9), ('๐', 0), ('５', 5), ('8', 8)] {
            assert_eq!(decimal_value(written), Some(value), "{written}");
        }
        for not_a_digit in ['Ⅻ', '½', '①', '²', 'a', '三', '٫'] {
            assert_eq!(decimal_value(not_a_digit), None, "{not_a_digit}");
        }
        assert_eq!(ascii_digits("١٣٨ 1234 ۵۶۷۸"), "138 1234 5678");
        assert!(matches!(ascii_digits("plain 42"), std::borrow::Cow::Borrowed(_)));
    }
}
