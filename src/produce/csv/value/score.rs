//! Score cells: labels, `na:` words, whole numbers and their common written forms, on the
//! dataset's scale.

use crate::aggregate::redact::{cell_value, spaced};
use crate::project::{between_steps, Reading, ScoreDef};

/// What a score cell holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Nothing written.
    Blank,
    /// A listed not-applicable value.
    NotApplicable,
    /// A usable value on the scale.
    Value(i64),
    /// Something that cannot be used, and why.
    Invalid(String),
}

/// Reads a score cell: labels first, then a whole number, then the common written forms
/// ("10 - Extremely likely", "5分"); the result must lie on the scale.
///
/// The cell is read as [`cell_value`] reads it (`10\u{200b}` is 10, `n/a\u{feff}` is `n/a`),
/// and the listed labels and `na:` words are compared to it as written in cxsite.yaml, which is
/// read the same way.
pub fn read_score(raw: &str, reading: &Reading, def: &ScoreDef) -> Cell {
    let cleaned = cell_value(raw);
    let text = &*cleaned;
    if text.is_empty() {
        return Cell::Blank;
    }
    // The common cell, a plain whole number, read without the label, star and full-width
    // checks: with no label listed, they give the same answer (`na:` compared as below).
    if reading.labels.is_empty() && text.len() <= 18 && text.bytes().all(|b| b.is_ascii_digit()) {
        return match text.parse::<i64>() {
            Ok(v) if reading.na.iter().any(|na| na == text) || lists_number(&reading.na, v) => Cell::NotApplicable,
            Ok(v) => in_steps(v, reading, def),
            Err(_) => Cell::Invalid("not a number and not a listed label (add it under `labels:` or `na:`)".into()),
        };
    }
    // Labels and `na:` words are stored with their spaces evened out (`Very\u{a0}satisfied`).
    let words = spaced(text);
    let words = &*words;
    // Listed values match case-insensitively (they are stored lower-case); no allocation per cell.
    let same =
        |listed: &str| listed.eq_ignore_ascii_case(words) || (!words.is_ascii() && *listed == words.to_lowercase());
    if reading.na.iter().any(|na| same(na)) {
        return Cell::NotApplicable;
    }
    if let Some((_, v)) = reading.labels.iter().find(|(l, _)| same(l)) {
        // Labels are stored in steps.
        return in_range(*v, reading, def);
    }
    // A listed label beside a number (`Very satisfied (1)`, `1 - Very satisfied`): the label
    // says what the answer is, as listed; the number may be the option's place in a list.
    if !reading.labels.is_empty() {
        if let Some((_, label)) = number_and_label(words) {
            let same_label = |listed: &str| {
                listed.eq_ignore_ascii_case(label) || (!label.is_ascii() && *listed == label.to_lowercase())
            };
            if let Some((_, v)) = reading.labels.iter().find(|(l, _)| same_label(l)) {
                return in_range(*v, reading, def);
            }
        }
    }
    // A label written as a number (`"1": 5`) is that number however the cell writes it:
    // `1.0`, as pandas writes a whole-number column with blanks, as a workbook's 1 already is.
    // (A plain `1` was compared as written just above.)
    if let Some(Ok(n)) = text.contains(['.', ',']).then(|| whole_number(text)).flatten() {
        let listed = |l: &str| l.parse::<i64>().is_ok_and(|k| k == n);
        if let Some((_, v)) = reading.labels.iter().find(|(l, _)| listed(l)) {
            return in_range(*v, reading, def);
        }
    }
    let number = half_width(text);
    // `93%`, `93.5 %`: an audit or completion score written as a percent.
    let number = match percent_number(&number) {
        Some(n) if on_percent_scale(def) => n,
        Some(_) => return Cell::Invalid(PERCENT_OFF_SCALE.into()),
        None => number,
    };
    let number = &*number;
    // The top of the scale in points, for "4/5".
    let max = reading.range.map_or(def.max, |r| r.1) / def.per_point;
    // `★★★★½`: half a star is half a point, read where the scale counts halves.
    if let Some((halves, written)) = half_star_score(number) {
        return match half_stars_on_scale(halves, written, max, def) {
            Ok(v) => in_range(v, reading, def),
            Err(why) => Cell::Invalid(why),
        };
    }
    if def.per_point > 1 {
        if let Some(steps) = steps_of_decimal(number, def, max) {
            return match steps {
                Ok(v) => in_range(v, reading, def),
                Err(why) => Cell::Invalid(why),
            };
        }
    }
    match number_in(number, max) {
        // `na: [0]` also covers 0.0 and 0分: compare the number, not the text.
        Some(Ok(v)) if lists_number(&reading.na, v) => Cell::NotApplicable,
        Some(Ok(v)) => in_steps(v, reading, def),
        Some(Err(why)) => Cell::Invalid(why),
        None => Cell::Invalid("not a number and not a listed label (add it under `labels:` or `na:`)".into()),
    }
}

/// Why a percent is skipped on a scale other than 0–100: it is a share of a hundred, which
/// no other scale's numbers are.
pub(crate) const PERCENT_OFF_SCALE: &str = "a percentage, read as its number only on `scale: [0, 100]`";

/// The number of a percent cell (`93%`, `93.5 %`, `93％`), as its own text: a plain decimal
/// before the sign, nothing after it. `None` for anything else.
fn percent_number(text: &str) -> Option<std::borrow::Cow<'_, str>> {
    let number = text.strip_suffix(['%', '％'])?.trim_end();
    let unsigned = number.strip_prefix(['-', '+']).unwrap_or(number);
    let plain = unsigned.starts_with(|c: char| c.is_ascii_digit())
        && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',');
    plain.then_some(std::borrow::Cow::Borrowed(number))
}

/// Whether a score's scale is 0–100 in points, on which `93%` is 93.
fn on_percent_scale(def: &ScoreDef) -> bool {
    def.min == 0 && def.max == 100 * def.per_point
}

/// A value read in whole points, counted in the score's steps (see `ScoreDef`).
fn in_steps(points: i64, reading: &Reading, def: &ScoreDef) -> Cell {
    match points.checked_mul(def.per_point) {
        Some(v) => in_range(v, reading, def),
        None => in_range(if points < 0 { i64::MIN } else { i64::MAX }, reading, def),
    }
}

/// On a scale counted in parts of a point (`step: 0.5`), a decimal ("4.5", "4,5", "4.5星",
/// "4.5分", "4.5 of 5 bubbles") as steps: `Ok` when it falls on a step, `Err` when between two
/// (4.3 in half points). `None` for anything else, read as whole points are. What follows the
/// number must be what may follow a whole one (a label, "of 5").
fn steps_of_decimal(text: &str, def: &ScoreDef, max: i64) -> Option<Result<i64, String>> {
    let t = text.strip_suffix(['分', '星']).unwrap_or(text).trim();
    let (number, rest) = leading_decimal(t)?;
    if !rest.trim().is_empty() {
        let whole = number.split(['.', ',']).next().unwrap_or(number);
        if !matches!(number_in(&format!("{whole}{rest}"), max), Some(Ok(_))) {
            return None;
        }
    }
    Some(exact_steps(number, def.per_point)?.map_err(|()| between_steps(def.per_point)))
}

/// A decimal written with digits, a sign and one point or comma (`-12.50`, `4,5`, `7.`) in
/// steps of `1 / per_point`, worked out from its digits: `Ok` on a step, `Err` between two or
/// past ±10¹⁵; `None` when the text is no such decimal. Not through a float, which holds
/// `6.99999999999999999` as exactly 7 (a detractor counted a passive) and `4.4999999999` as
/// 4.5 within any tolerance.
fn exact_steps(number: &str, per_point: i64) -> Option<Result<i64, ()>> {
    let (negative, unsigned) = match number.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, number.strip_prefix('+').unwrap_or(number)),
    };
    let (whole, fraction) = unsigned.split_once(['.', ',']).unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !digits(fraction) || (whole.is_empty() && fraction.is_empty()) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    // Past 15 digits no survey answer; past 30 decimals no step of a scale (its steps are at
    // least a thousandth of a point, so a fraction on one has at most as many digits).
    if whole.len() > 15 || fraction.len() > 30 {
        return Some(Err(()));
    }
    let whole: i128 = if whole.is_empty() { 0 } else { whole.parse().ok()? };
    let (part, scale) = if fraction.is_empty() {
        (0u128, 1u128)
    } else {
        (fraction.parse::<u128>().ok()?, 10u128.pow(fraction.len() as u32))
    };
    let per_point = u128::try_from(per_point).ok()?;
    // part / scale of a point is a whole number of steps when part · per_point divides by scale.
    let in_steps = part.checked_mul(per_point)?;
    if in_steps % scale != 0 {
        return Some(Err(()));
    }
    let steps = whole * per_point as i128 + (in_steps / scale) as i128;
    let steps = if negative { -steps } else { steps };
    Some(i64::try_from(steps).map_err(|_| ()))
}

/// A decimal leading `t` (`4.5`, `-0.5`, `4,5` — not `1,000`, a thousand in one locale and
/// one in another), and what follows it.
fn leading_decimal(t: &str) -> Option<(&str, &str)> {
    let sign = usize::from(t.starts_with(['-', '+']));
    let digits = |from: usize| t[from..].bytes().take_while(u8::is_ascii_digit).count();
    let whole = digits(sign);
    let sep = t.as_bytes().get(sign + whole).copied();
    if whole == 0 || !matches!(sep, Some(b'.') | Some(b',')) {
        return None;
    }
    let part = digits(sign + whole + 1);
    if part == 0 || (sep == Some(b',') && part == 3) {
        return None;
    }
    Some(t.split_at(sign + whole + 1 + part))
}

/// `value` (in steps) if on the reading's scale (turned round for a reversed one), else why not.
fn in_range(value: i64, reading: &Reading, def: &ScoreDef) -> Cell {
    let (min, max) = reading.range.unwrap_or((def.min, def.max));
    if value < min || value > max {
        return Cell::Invalid(format!("outside the scale {}–{}", def.show(min), def.show(max)));
    }
    // A reversed scale (1 = strongly agree) is turned round so that higher is better.
    Cell::Value(if reading.reverse { min + max - value } else { value })
}

/// Full-width digits, minus, plus and point (`１０`, `－１`, `４．０`, as a Chinese or Japanese
/// input method types them) as their ASCII forms, and so the decimal digits of every other
/// script (`٩` and `۹` from a survey exported in an Arabic or Persian locale, `९` in a Hindi
/// one; the Arabic decimal separator `٫` as a point) and the minus sign U+2212 (`−2`, as Excel
/// writes a negative number in Swedish, Norwegian or Finnish); other text unchanged, and not
/// copied when there is none.
fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::text::digits::ascii_digit;
    let full = |c: char| matches!(c, '－' | '＋' | '．' | '٫' | '−') || (!c.is_ascii() && ascii_digit(c).is_some());
    if text.is_ascii() || !text.chars().any(full) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '－' | '＋' | '．' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '٫' => '.',
            '−' => '-',
            c => ascii_digit(c).unwrap_or(c),
        })
        .collect::<String>()
        .into()
}

/// Whether `list` holds `v` written plainly, without allocating (this runs for every score).
fn lists_number(list: &[String], v: i64) -> bool {
    use std::io::Write;
    if list.is_empty() {
        return false;
    }
    let mut buf = [0u8; 24];
    let mut rest = &mut buf[..];
    let _ = write!(rest, "{v}");
    let len = 24 - rest.len();
    list.iter().any(|l| l.as_bytes() == &buf[..len])
}

/// A whole number written plainly ("7", "7.0"), with a trailing 分 or 星 ("7分", "5星"), or
/// leading a label ("10 - Extremely likely", "5 非常满意", "1. Very poor"); out of the scale's
/// top (`max`) as "4/5" or "4 / 5".
///
/// A cell whose leading number goes on as a decimal ("9.5 - very likely", "4.5星"), a range
/// ("9-10"), a time ("10:15") or a fraction of another scale ("4 / 5" on 0–10) is invalid, not
/// read as its whole part: that would count 6.9 as a detractor without a word.
fn number_in(text: &str, max: i64) -> Option<Result<i64, String>> {
    // App-store and review exports write the rating as stars: `★★★★☆` is 4 (of 5).
    if let Some((filled, written)) = star_score(text) {
        if written > filled && written != max {
            return Some(Err(format!(
                "written as {filled} of {written} stars (\"{text}\"), but the scale goes to {max}"
            )));
        }
        return Some(Ok(filled));
    }
    let t = text.strip_suffix(['分', '星']).unwrap_or(text).trim();
    if let Ok(v) = t.parse::<i64>() {
        return Some(Ok(v));
    }
    if let Some(whole) = whole_number(t) {
        return Some(whole);
    }
    // 问卷星's "选项 (分值)": the option's text, then its score in brackets ("非常满意(5)").
    if let Some(v) = trailing_score(t) {
        return Some(Ok(v));
    }
    let digits_end = t.char_indices().find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && *c == '-'))).map(|(i, _)| i)?;
    let (num, rest) = t.split_at(digits_end);
    if num.is_empty() || num == "-" {
        return None;
    }
    // A whole number written with a zero decimal before its label: TripAdvisor's "4.0 of 5
    // bubbles", Yelp's "4.0 star rating", "4.0 - Good".
    let rest = match rest.strip_prefix(['.', ',']) {
        Some(after) if after.starts_with('0') => {
            let after = after.trim_start_matches('0');
            // Then a label, as after a whole number (`1.0e1` is no "1, label e1").
            let label = after.is_empty()
                || after
                    .starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '=' | '(' | '（'));
            if label {
                after
            } else {
                rest
            }
        }
        _ => rest,
    };
    if let Some(more) = number_after_leading(rest) {
        return Some(more.and_then(|denominator| match num.parse::<i64>() {
            Ok(v) if denominator == max => Ok(v),
            _ => Err(format!("written out of {denominator} (\"{t}\"), but the scale goes to {max}")),
        }));
    }
    // A unit after the number (`10分`, `10 points`, `10pts`), then perhaps a label: the unit
    // says nothing the number does not (`5分钟`, `5 pts ago` stay unread below).
    let rest = match points_unit(rest) {
        Some("") => return num.parse::<i64>().ok().map(Ok),
        Some(after) if label_starts(after) => after,
        _ => rest,
    };
    let rest_starts_label = label_starts(rest) || rest.starts_with(['.', '、']);
    if rest_starts_label {
        if let Some(why) = not_a_label(rest) {
            return Some(Err(why));
        }
        return num.parse::<i64>().ok().map(Ok);
    }
    None
}

/// Whether `rest` (after a cell's number and unit) opens a label: a space, a dash, a colon, an
/// equals sign or a bracket, half- or full-width (`10分（非常愿意）`, `10分：非常愿意`,
/// `10分【非常愿意】`).
fn label_starts(rest: &str) -> bool {
    rest.starts_with(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '：' | '=' | '(' | '（' | '[' | '［' | '【')
    })
}

/// The text after a unit of points written right after a cell's number (`分`, `points`,
/// `point`, `pts`, `pt`, any case), with a space before the word allowed; `None` when no
/// unit follows (`分钟` is minutes: `分` then `钟` opens no label, so it is left unread).
pub(crate) fn points_unit(rest: &str) -> Option<&str> {
    if let Some(after) = rest.strip_prefix('分') {
        return Some(after);
    }
    let word = rest.trim_start();
    let letters = word.bytes().take_while(u8::is_ascii_alphabetic).count();
    let unit = &word[..letters];
    ["points", "point", "pts", "pt"].iter().any(|u| unit.eq_ignore_ascii_case(u)).then(|| &word[letters..])
}

/// Why the text after a cell's leading number is not a scale label: it holds another number
/// ("3 to 5", "8 or 9", "5 out of 5", "0 (not likely) - 10 (very likely)", "1 0") or a unit
/// of time or a percent ("2 weeks ago", "15 minutes", "3天"), so the number is not a score.
fn not_a_label(rest: &str) -> Option<String> {
    if rest.chars().any(|c| c.is_ascii_digit()) {
        return Some("holds more than one number; a score is one whole number on the scale".into());
    }
    let label = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '=' | '.'));
    let first = label.split(|c: char| c.is_whitespace() || c == ',').next().unwrap_or("").to_lowercase();
    unit_word(&first, TIME_UNITS).then(|| format!("a quantity (\"{}\"), not a score", rest.trim()))
}

/// Units of time and percents that, after a number, make it a quantity ("2 weeks ago",
/// "15 minutes", "3天"); `init` reads a header's `1-3 days` with them too.
pub(crate) const TIME_UNITS: &[&str] = &[
    "sec", "second", "min", "minute", "hour", "hr", "day", "week", "month", "year", "ago", "%", "percent", "秒",
    "分钟", "小时", "天", "周", "星期", "个月", "月", "年", "前", "％",
];

/// Whether `word` (lower case) is one of `units`: a Latin unit whole or with `s` or `.`
/// after it (`days`, `min.`), a Chinese one at its start (`3天` has `天`).
pub(crate) fn unit_word(word: &str, units: &[&str]) -> bool {
    units.iter().any(|u| {
        word == *u
            || (u.is_ascii() && word.strip_prefix(u).is_some_and(|s| s.is_empty() || s == "s" || s == "."))
            || (!u.is_ascii() && word.starts_with(u))
    })
}

/// A plain decimal ("7.0", "7,0" as a European locale writes it): the whole number when it is
/// one, else invalid. Only digits, a sign and one point: scientific notation (`1e1`), `inf`
/// and `NaN` are no survey answer and not read as numbers.
fn whole_number(t: &str) -> Option<Result<i64, String>> {
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    let plain =
        unsigned.bytes().any(|b| b.is_ascii_digit()) && unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let steps = if plain { exact_steps(t, 1) } else { exact_steps(&decimal_comma(t)?, 1) }?;
    Some(steps.map_err(|()| "not a whole number on the scale".into()))
}

/// "7,5" as "7.5": digits, one comma, digits. Not three digits after the comma: `1,000` is a
/// thousand in one locale and one in another, so it is left unread (invalid), not guessed.
fn decimal_comma(t: &str) -> Option<String> {
    let (a, b) = t.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(a.strip_prefix('-').unwrap_or(a)) && digits(b) && b.len() != 3).then(|| format!("{a}.{b}"))
}

/// What follows a cell's leading whole number when it is another number, not a label:
/// The words between a score and the scale's top it is out of (`4 out of 5`, `8 de 10`, `4 sur
/// 5`), lower case, each with its space after.
pub const OUT_OF_WORDS: &[&str] = &["out of ", "of ", "de ", "sur ", "von ", "su ", "van ", "из "];

/// `Some(Ok(m))` for a fraction "/ m", `Some(Err(..))` for a decimal part ("9.5 …", "9,5 …"),
/// a range ("9-10", "9 – 10") or a time ("10:15"); `None` when a label (or nothing) follows.
fn number_after_leading(rest: &str) -> Option<Result<i64, String>> {
    let digit_at = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    if let Some(after) = rest.strip_prefix(['.', ',']) {
        return digit_at(after).then(|| Err("not a whole number on the scale".into()));
    }
    let trimmed = rest.trim_start();
    // Out of the scale's top: "4/5", "4 / 5", "4 of 5 bubbles", "4 out of 5 stars", and as
    // Spanish and Portuguese ("8 de 10"), French ("4 sur 5"), German ("4 von 5"), Italian ("4
    // su 5"), Dutch ("4 van 5") and Russian ("4 из 5") exports write it.
    let lower = trimmed.get(..7).unwrap_or(trimmed).to_ascii_lowercase();
    let top = OUT_OF_WORDS
        .iter()
        .find(|w| lower.starts_with(**w))
        .map(|w| &trimmed[w.len()..])
        .filter(|a| digit_at(a))
        .or_else(|| trimmed.strip_prefix(['/', '／']).map(str::trim_start));
    if let Some(after) = top {
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        return Some(after[..end].parse::<i64>().map_err(|_| "not one whole number on the scale".into()));
    }
    let after = trimmed.strip_prefix(['-', '–', '—', '~', '～', ':'])?;
    // "10 - Extremely likely" is a label; "9-10", "9 - 10" and "10:15" are two numbers.
    digit_at(after.trim_start())
        .then(|| Err("holds more than one number; a score is one whole number on the scale".into()))
}

/// The whole number in brackets at the end of a label: `非常满意(5)`, `满意（4分）`.
/// A rating written as stars, as app-store and review exports write it: filled stars (`★`,
/// or the emoji `⭐`) then, optionally, empty ones (`☆`) making up the scale, with spaces or
/// an emoji's variation selector between them. Gives (filled, written in all); `None` for
/// text that holds anything else, or no star.
pub(crate) fn star_score(t: &str) -> Option<(i64, i64)> {
    let (mut filled, mut empty) = (0i64, 0i64);
    for c in t.chars() {
        match c {
            // A filled star after an empty one is no rating.
            '★' | '⭐' if empty == 0 => filled += 1,
            '☆' => empty += 1,
            '\u{fe0f}' | ' ' => {}
            _ => return None,
        }
    }
    (filled + empty > 0 && filled + empty <= 10).then_some((filled, filled + empty))
}

/// The glyphs review sites write for half a star: `½` after the filled stars, or a star
/// half filled (U+2BE8, U+2BEA).
const HALF_STARS: [char; 3] = ['½', '\u{2be8}', '\u{2bea}'];

/// A rating of stars with half a star (`★★★★½`, `★★★⯪☆`): filled stars, one half, then
/// optionally empty ones. Gives (the rating in halves, the stars written in all, counting the
/// half as one); `None` for text that holds anything else, or no half.
pub(crate) fn half_star_score(t: &str) -> Option<(i64, i64)> {
    let (mut filled, mut half, mut empty) = (0i64, 0i64, 0i64);
    for c in t.chars() {
        match c {
            '★' | '⭐' if half + empty == 0 => filled += 1,
            c if HALF_STARS.contains(&c) && half + empty == 0 => half += 1,
            '☆' if half == 1 => empty += 1,
            '\u{fe0f}' | ' ' => {}
            _ => return None,
        }
    }
    let written = filled + half + empty;
    (half == 1 && written <= 10).then_some((filled * 2 + 1, written))
}

/// A half-star rating as steps of the score: on a scale that counts halves (`step: 0.5`, or
/// finer), and with empty stars making up its top when any are written.
fn half_stars_on_scale(halves: i64, written: i64, max: i64, def: &ScoreDef) -> Result<i64, String> {
    let text = || format!("{} stars", halves as f64 / 2.0);
    if def.per_point % 2 != 0 {
        return Err(format!(
            "{} (a half star) on a scale of whole points: set `step: 0.5` on the score to read halves",
            text()
        ));
    }
    // Empty stars after the half say how many the scale has.
    if written > (halves + 1) / 2 && written != max {
        return Err(format!("{} written out of {written} stars, but the scale goes to {max}", text()));
    }
    Ok(halves * (def.per_point / 2))
}

/// The label beside a cell's number, with the number: `1 - Very satisfied`, `1. Very
/// satisfied`, `1: Very satisfied` (number first) or `非常满意(1)`, `Very satisfied (1)` (number
/// last, in brackets). `None` for a cell that is not one number and words.
pub(crate) fn number_and_label(t: &str) -> Option<(i64, &str)> {
    let t = t.trim();
    if let Some(n) = trailing_score(t) {
        let open = t.rfind(['(', '（'])?;
        return Some((n, t[..open].trim()));
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let (num, rest) = t.split_at(digits);
    let label = rest.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '：' | '=' | '.' | '、' | ')' | '）')
    });
    let separated = label.len() < rest.len();
    (separated && !label.is_empty() && !label.chars().any(|c| c.is_ascii_digit()))
        .then(|| Some((num.parse().ok()?, label.trim())))
        .flatten()
}

pub(crate) fn trailing_score(t: &str) -> Option<i64> {
    let inner = t.strip_suffix(')').or_else(|| t.strip_suffix('）'))?;
    let open = inner.rfind(['(', '（'])?;
    let label = inner[..open].trim();
    let number = inner[open..].trim_start_matches(['(', '（']).trim();
    let number = number.strip_suffix('分').unwrap_or(number).trim();
    if label.is_empty() || number.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // An option's words, not any text that happens to end in "(1)" (`javascript:alert(1)`).
    let wordy = |c: char| c.is_alphanumeric() || c.is_whitespace() || "-'’&,.，、·".contains(c);
    if !label.chars().all(wordy) {
        return None;
    }
    number.parse().ok()
}
