//! Runs of digits (of any script, in groups joined by spaces, dashes, dots, slashes, underscores,
//! asterisks or tabs): each span of
//! whole groups is classified, longest first, as a mobile, landline, ID or card number.

use super::checks::{first_generation_id, id_checksum, luhn, north_american, social_security};
use crate::text::digits::ascii_digit;

pub(super) fn redact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // One scratch for every run of the text: a run allocates nothing of its own.
    let mut scratch = Scratch::default();
    let mut i = 0;
    while i < chars.len() {
        let starts_run = ascii_digit(chars[i]).is_some()
            || (matches!(chars[i], '+' | '＋') && chars.get(i + 1).and_then(|c| ascii_digit(*c)).is_some());
        // Glue is judged on what was written: after a placeholder (`[id]`) a new number starts.
        let before = out.chars().next_back();
        let glued_to_digit = before.is_some_and(|c| ascii_digit(c).is_some());
        let glued_to_letter = before.is_some_and(|c| c.is_ascii_alphabetic());
        if !starts_run || glued_to_digit {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = run_end(&chars, i);
        // Digits after a bracket (`(12) 3456 7890`) are the rest of a number whose area code
        // the bracketed pass did not take: never a number alone, judged by their grouping.
        let after_bracket = out.trim_end_matches([' ', '\u{3000}', '\u{00A0}']).ends_with([')', '）']);
        // A run glued to a Latin letter (an order code like AB13812345678) is redacted only
        // where a checksum says it is a card or an ID number.
        redact_run(&chars[i..end], glued_to_letter, !after_bracket, &mut scratch, &mut out);
        i = end;
    }
    out
}

/// The end of a run of digit groups joined by single spaces (also no-break and thin ones), dashes,
/// dots or slashes (and a final X).
fn run_end(chars: &[char], start: usize) -> usize {
    let mut j = start;
    if matches!(chars[j], '+' | '＋') {
        j += 1;
    }
    loop {
        while j < chars.len() && ascii_digit(chars[j]).is_some() {
            j += 1;
        }
        // A slash too: German numbers are written `030/1234567`, `0151/23456789`.
        // And what else people type between a number's groups: `138_1234_5678`, `138*1234*5678`,
        // a tab. (Not `~`, which joins the two dates of a range, `2024-01-15~2024-02-14`.)
        let sep = j < chars.len()
            && matches!(
                chars[j],
                ' ' | '-' | '－' | '.' | '/' | '_' | '*' | '\t' | '\u{3000}' | '\u{00A0}' | '\u{2009}' | '\u{202F}'
            );
        if sep && chars.get(j + 1).and_then(|c| ascii_digit(*c)).is_some() {
            j += 1;
            continue;
        }
        break;
    }
    // An ID number's check letter, full-width too (`…002Ｘ`, typed in full-width mode).
    if j < chars.len() && matches!(chars[j], 'X' | 'x' | 'Ｘ' | 'ｘ') {
        j += 1;
    }
    j
}

/// The most digits a personal number has (a 19-digit card).
const MAX_DIGITS: usize = 19;

/// What [`redact_run`] works in, kept from run to run of a text so that a run allocates
/// nothing: its digit groups, and all its digits as ASCII (`X` for a final X).
#[derive(Default)]
struct Scratch {
    /// (start, end) char offsets of the run's digit chunks, X attached to the last.
    groups: Vec<(usize, usize)>,
    /// The run's digits, group after group, without separators: a span of groups is a slice.
    digits: String,
}

/// Redacts the personal numbers inside one run onto `out`, trying the longest spans of whole
/// groups first (spans of at most [`MAX_DIGITS`] digits, so a long run costs linear time).
/// With `checksummed_only`, only card and 18-character ID numbers count; `alone`: nothing but
/// space before the run says it belongs to what comes before it.
///
/// Every span of a run (up to nineteen of them from each group, in a run of digits spaced one
/// by one) is judged, so a span is first told by its length and number of groups alone whether
/// any rule could take it: the digits are read once per run, each span is a slice of them, and
/// nothing is allocated per span (`tests::the_number_pass_keeps_its_results`).
fn redact_run(run: &[char], checksummed_only: bool, alone: bool, scratch: &mut Scratch, out: &mut String) {
    let Scratch { groups, digits } = scratch;
    groups.clear();
    digits.clear();
    let last = run.len() - 1;
    let in_group = |k: usize| ascii_digit(run[k]).is_some() || (k == last && matches!(run[k], 'X' | 'x' | 'Ｘ' | 'ｘ'));
    let mut k = 0;
    while k < run.len() {
        if in_group(k) {
            let s = k;
            while k < run.len() && in_group(k) {
                digits.push(ascii_digit(run[k]).unwrap_or('X'));
                k += 1;
            }
            groups.push((s, k));
        } else {
            k += 1;
        }
    }
    let len = |g: usize| groups[g].1 - groups[g].0;
    let mut copied = 0;
    // Group g, and where its digits begin in `digits`.
    let (mut g, mut at) = (0, 0);
    while g < groups.len() {
        let mut hit = None;
        // The spans from group g: groups g..h with at most MAX_DIGITS digits, longest first.
        let (mut h, mut end) = (g, at);
        while h < groups.len() && end + len(h) - at <= MAX_DIGITS {
            end += len(h);
            h += 1;
        }
        while h > g {
            let span = &digits[at..end];
            let spans = &groups[g..h];
            // A first-generation ID is taken only when written as one block of 15 digits.
            let classify_digits = |span: &str| {
                classify(span)
                    .filter(|t| !(checksummed_only && *t == "[phone]"))
                    .filter(|t| *t != "[phone]" || phone_grouping(spans, run))
                    .filter(|t| !(*t == "[id]" && span.len() == 15 && (h - g > 1 || checksummed_only)))
            };
            // Whether a rule of `grouped_kind` could take these groups: two to five of them,
            // eight to eleven characters in all (with a final X).
            let groupable = !checksummed_only && (2..=5).contains(&spans.len()) && (8..=11).contains(&span.len());
            let tag = |span: &str| {
                let whole = alone && g == 0 && h == groups.len() && ascii_digit(run[0]).is_some();
                let by_grouping = groupable.then(|| grouped_kind(spans, run, span, whole)).flatten();
                // Every kind `classify` knows has ten digits or more.
                by_grouping.or_else(|| (span.len() >= 10).then(|| classify_digits(span)).flatten())
            };
            if let Some(tag) = tag(span) {
                hit = Some((h, tag, 0));
                break;
            }
            // A final X that is no ID's check character is a letter after the number
            // (`4111111111111111x`): the number is judged without it, and the X kept.
            if let Some(tag) = span.strip_suffix('X').and_then(tag) {
                hit = Some((h, tag, 1));
                break;
            }
            h -= 1;
            end -= len(h);
        }
        match hit {
            Some((h, tag, letter_after)) => {
                // Take a leading + with the number.
                let start = if g == 0 { 0 } else { groups[g].0 };
                out.extend(&run[copied..start]);
                out.push_str(tag);
                copied = groups[h - 1].1 - letter_after;
                at += (g..h).map(len).sum::<usize>();
                g = h;
            }
            None => {
                at += len(g);
                g += 1;
            }
        }
    }
    out.extend(&run[copied..]);
}

/// Whether digit groups are written as a phone number is: one block, or groups of at least
/// three digits after an optional country code (`138 1234 5678`, `010-12345678`,
/// `+86 138 1234 5678`). Dates and times split into twos (`05.03.2024 10:00`,
/// `2024-03-05 10.15.02`) hold ten digits that start with 0, like a landline, but no one
/// writes a phone number so.
fn phone_grouping(groups: &[(usize, usize)], run: &[char]) -> bool {
    let digits = |&(s, e): &(usize, usize)| e - s;
    let country_code = |&(s, e): &(usize, usize)| {
        let code = || run[s..e].iter().filter_map(|c| ascii_digit(*c));
        code().eq("86".chars()) || code().eq("0086".chars())
    };
    match groups {
        [] | [_] => true,
        [first, rest @ ..] => (digits(first) >= 3 || country_code(first)) && rest.iter().all(|g| digits(g) >= 3),
    }
}

/// What digit groups are by the way they are written, when their digits alone cannot tell:
/// a North American number `415-555-0132`, `415.555.0132`, `1-800-555-0199`; a US Social
/// Security number `123-45-6789`; a French number in pairs `01 23 45 67 89`; and, only when
/// the groups are the whole run (`whole`: nothing glued before or after), a number with a
/// two-digit area code `02 9876 5432` (Australia), `03-1234-5678` (Tokyo, Osaka), a
/// Singapore or Hong Kong number in two fours `9123 4567`, `8123-4567`, `2812 3456`, an
/// Indian mobile in two fives `98765 43210` and a Brazilian mobile `11 98765-4321`. The groups must be split by one
/// kind of separator throughout, and the digits be valid for their kind. (Numbers with a
/// leading 0 and area codes of three digits or more — UK, German, Australian mobile,
/// Japanese mobile — are told by their digits, [`classify`].)
fn grouped_kind(groups: &[(usize, usize)], run: &[char], digits: &str, whole: bool) -> Option<&'static str> {
    // Two to five groups (every form below), read into arrays: this runs for many spans of a
    // long run, and allocates nothing.
    if !(2..=5).contains(&groups.len()) {
        return None;
    }
    let (mut lens, mut seps) = ([0usize; 5], [' '; 4]);
    for (k, (s, e)) in groups.iter().enumerate() {
        lens[k] = e - s;
        if k > 0 {
            seps[k - 1] = run[groups[k - 1].1];
        }
    }
    let (lens, seps) = (&lens[..groups.len()], &seps[..groups.len() - 1]);
    // A Brazilian mobile without its brackets, `11 98765-4321`, written with a space after the
    // area code and a dash in the number: a two-digit area code with no 0 in it, then nine
    // digits from 9, alone.
    let space_or_dash = |c: &char| matches!(c, ' ' | '-' | '－' | '\u{00A0}' | '\u{3000}');
    if lens == [2, 5, 4] && whole && seps.iter().all(space_or_dash) && brazil_mobile(digits) {
        return Some("[phone]");
    }
    if seps.is_empty() || seps.iter().any(|c| *c != seps[0]) {
        return None;
    }
    let b = digits.as_bytes();
    let spaced = matches!(seps[0], ' ' | '-' | '－' | '\u{00A0}' | '\u{3000}');
    // A year in the middle (`03-2024-0001`) is a reference, not an exchange.
    let year = |s: &str| s.starts_with("19") || s.starts_with("20");
    // A round group (`9000`, `75000`) is an amount more often than part of a number.
    let round = |s: &str| s.ends_with("00");
    // A time of day written as four digits (`2130`): two of them are a span of time.
    let time = |s: &str| s.len() == 4 && &s[..2] <= "23" && s.as_bytes()[2] <= b'5';
    match lens {
        [3, 3, 4] if north_american(digits) => Some("[phone]"),
        [1, 3, 3, 4] if digits.starts_with('1') && north_american(&digits[1..]) => Some("[phone]"),
        [3, 2, 4] if matches!(seps[0], '-' | ' ') && social_security(digits) => Some("[id]"),
        [2, 2, 2, 2, 2] if digits.starts_with('0') && !digits.starts_with("00") => Some("[phone]"),
        [2, 4, 4] if whole && spaced && b[0] == b'0' && (b'2'..=b'9').contains(&b[1]) && !year(&digits[2..6]) => {
            Some("[phone]")
        }
        // Singapore (from 8 or 9) and Hong Kong (mobiles from 5, 6 or 9, landlines from 2 or
        // 3). Round groups (`9000 8000`, `8800-9900`) are amounts, and a year in either group
        // (`2023 2024`, `5678 2024`) a reference or a date, and two times of day (`2130-2245`)
        // a span of time, more often than a number.
        [4, 4]
            if whole
                && spaced
                && matches!(b[0], b'2' | b'3' | b'5' | b'6' | b'8' | b'9')
                && !round(&digits[..4])
                && !round(&digits[4..])
                && !year(&digits[..4])
                && !year(&digits[4..])
                && !(time(&digits[..4]) && time(&digits[4..])) =>
        {
            Some("[phone]")
        }
        // An Indian mobile, ten digits from 6–9 written as two fives (`98765 43210`), alone:
        // not round (`75000 80000`), and not two neighbouring codes (`94105 94107`).
        [5, 5]
            if whole
                && spaced
                && (b'6'..=b'9').contains(&b[0])
                && !round(&digits[..5])
                && !round(&digits[5..])
                && digits[..3] != digits[5..8] =>
        {
            Some("[phone]")
        }

        _ => None,
    }
}

/// A Brazilian mobile's eleven digits: a two-digit area code (11–99, no 0 in it), then nine
/// digits from 9 (`11 98765-4321`).
pub(super) fn brazil_mobile(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 11 && (b'1'..=b'9').contains(&b[0]) && (b'1'..=b'9').contains(&b[1]) && b[2] == b'9'
}

/// What a digit string is, if it is personal data.
fn classify(d: &str) -> Option<&'static str> {
    let mobile = |s: &str| s.len() == 11 && s.starts_with('1') && matches!(s.as_bytes()[1], b'3'..=b'9');
    if !d.ends_with(['X', 'x']) {
        let national = d.strip_prefix("0086").or_else(|| d.strip_prefix("86")).unwrap_or(d);
        if mobile(d) || mobile(national) {
            return Some("[phone]");
        }
        if d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len()) {
            return Some("[phone]");
        }
        if (16..=19).contains(&d.len()) && luhn(d) {
            return Some("[card]");
        }
    }
    if d.len() == 18 && id_checksum(d) {
        return Some("[id]");
    }
    if d.len() == 15 && first_generation_id(d) {
        return Some("[id]");
    }
    if short_card(d) {
        return Some("[card]");
    }
    None
}

/// A card number shorter than 16 digits that passes the Luhn check: American Express (15
/// digits from 34 or 37, written 4-6-5) or Diners Club (14 digits from 300–305, 36, 38 or 39,
/// written 4-6-4). The issuer prefixes (ISO/IEC 7812 ranges as the networks publish them) keep
/// most other 14- and 15-digit numbers out.
fn short_card(d: &str) -> bool {
    let amex = d.len() == 15 && (d.starts_with("34") || d.starts_with("37"));
    let diners = d.len() == 14
        && (matches!(&d[..2], "36" | "38" | "39") || (d.starts_with("30") && (b'0'..=b'5').contains(&d.as_bytes()[2])));
    (amex || diners) && luhn(d)
}
