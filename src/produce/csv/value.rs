//! Reading one cell: scores on their scale, and dates in the project's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::aggregate::redact::{cell_value, spaced};
use crate::project::{Reading, ScoreDef};

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
    // Labels and `na:` words are stored with their spaces evened out (`Very\u{a0}satisfied`).
    let words = spaced(text);
    let words = &*words;
    if text.is_empty() {
        return Cell::Blank;
    }
    // Listed values match case-insensitively (they are stored lower-case); no allocation per cell.
    let same =
        |listed: &str| listed.eq_ignore_ascii_case(words) || (!words.is_ascii() && *listed == words.to_lowercase());
    if reading.na.iter().any(|na| same(na)) {
        return Cell::NotApplicable;
    }
    let value = match reading.labels.iter().find(|(l, _)| same(l)) {
        Some((_, v)) => *v,
        None => match number_in(&half_width(text), reading.range.map_or(def.max, |r| r.1)) {
            // `na: [0]` also covers 0.0 and 0分: compare the number, not the text.
            Some(Ok(v)) if lists_number(&reading.na, v) => return Cell::NotApplicable,
            Some(Ok(v)) => v,
            Some(Err(why)) => return Cell::Invalid(why),
            None => {
                return Cell::Invalid("not a number and not a listed label (add it under `labels:` or `na:`)".into())
            }
        },
    };
    let (min, max) = reading.range.unwrap_or((def.min, def.max));
    if value < min || value > max {
        return Cell::Invalid(format!("outside the scale {min}–{max}"));
    }
    // A reversed scale (1 = strongly agree) is turned round so that higher is better.
    Cell::Value(if reading.reverse { min + max - value } else { value })
}

/// Full-width digits, minus, plus and point (`１０`, `－１`, `４．０`, as a Chinese or Japanese
/// input method types them) as their ASCII forms, and so the decimal digits of every other
/// script (`٩` and `۹` from a survey exported in an Arabic or Persian locale, `९` in a Hindi
/// one; the Arabic decimal separator `٫` as a point); other text unchanged, and not copied
/// when there is none.
fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::text::digits::ascii_digit;
    let full = |c: char| matches!(c, '－' | '＋' | '．' | '٫') || (!c.is_ascii() && ascii_digit(c).is_some());
    if text.is_ascii() || !text.chars().any(full) {
        return std::borrow::Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            '－' | '＋' | '．' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            '٫' => '.',
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
    if let Some(more) = number_after_leading(rest) {
        return Some(more.and_then(|denominator| match num.parse::<i64>() {
            Ok(v) if denominator == max => Ok(v),
            _ => Err(format!("written out of {denominator} (\"{t}\"), but the scale goes to {max}")),
        }));
    }
    let rest_starts_label = rest
        .starts_with(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | ':' | '=' | '(' | '（' | '.' | '、'));
    if rest_starts_label {
        return num.parse::<i64>().ok().map(Ok);
    }
    None
}

/// A plain decimal ("7.0", "7,0" as a European locale writes it): the whole number when it is
/// one, else invalid.
fn whole_number(t: &str) -> Option<Result<i64, String>> {
    let f = t.parse::<f64>().ok().or_else(|| decimal_comma(t)?.parse::<f64>().ok())?;
    if !f.is_finite() {
        return None;
    }
    Some(if f.fract() == 0.0 && f.abs() < 1e15 { Ok(f as i64) } else { Err("not a whole number on the scale".into()) })
}

/// "7,5" as "7.5": digits, one comma, digits.
fn decimal_comma(t: &str) -> Option<String> {
    let (a, b) = t.split_once(',')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (digits(a.strip_prefix('-').unwrap_or(a)) && digits(b)).then(|| format!("{a}.{b}"))
}

/// What follows a cell's leading whole number when it is another number, not a label:
/// `Some(Ok(m))` for a fraction "/ m", `Some(Err(..))` for a decimal part ("9.5 …", "9,5 …"),
/// a range ("9-10", "9 – 10") or a time ("10:15"); `None` when a label (or nothing) follows.
fn number_after_leading(rest: &str) -> Option<Result<i64, String>> {
    let digit_at = |s: &str| s.starts_with(|c: char| c.is_ascii_digit());
    if let Some(after) = rest.strip_prefix(['.', ',']) {
        return digit_at(after).then(|| Err("not a whole number on the scale".into()));
    }
    let trimmed = rest.trim_start();
    if let Some(after) = trimmed.strip_prefix(['/', '／']) {
        let after = after.trim_start();
        let end = after.find(|c: char| !c.is_ascii_digit()).unwrap_or(after.len());
        return match after[..end].parse::<i64>() {
            Ok(m) => Some(Ok(m)),
            Err(_) => Some(Err("not one whole number on the scale".into())),
        };
    }
    let after = trimmed.strip_prefix(['-', '–', '—', '~', '～', ':'])?;
    // "10 - Extremely likely" is a label; "9-10", "9 - 10" and "10:15" are two numbers.
    digit_at(after.trim_start())
        .then(|| Err("holds more than one number; a score is one whole number on the scale".into()))
}

/// The whole number in brackets at the end of a label: `非常满意(5)`, `满意（4分）`.
fn trailing_score(t: &str) -> Option<i64> {
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

/// A trailing offset from GMT or UTC, as Google Forms writes it (`… GMT+8`, `… GMT+08:00`,
/// `… UTC+8`, `… GMT-5`, `… GMT`): the local part before it and the offset.
fn trailing_offset(t: &str) -> Option<(&str, chrono::FixedOffset)> {
    let at = t.rfind("GMT").or_else(|| t.rfind("UTC"))?;
    let (local, offset) = (t[..at].trim_end(), t[at + 3..].trim());
    if local.is_empty() || local.len() == t[..at].len() {
        // `2024-03-04GMT+8`: the offset is a word of its own.
        return None;
    }
    let seconds = if offset.is_empty() {
        0
    } else {
        let sign = match offset.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let digits = &offset[1..];
        let (h, m) = match digits.split_once(':') {
            Some(hm) => hm,
            None if digits.len() == 4 => digits.split_at(2),
            None => (digits, "0"),
        };
        let all_digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(h) || !all_digits(m) {
            return None;
        }
        let (h, m) = (h.parse::<i32>().ok()?, m.parse::<i32>().ok()?);
        if h > 14 || m > 59 {
            return None;
        }
        sign * (h * 3600 + m * 60)
    };
    Some((local, chrono::FixedOffset::east_opt(seconds)?))
}

/// A 12-hour clock's half of the day, and the text without its mark: `AM`/`PM` after the
/// time (any case), or a Chinese part of the day before or after it (with or without a
/// space): `上午`, `凌晨`, `早上`, `早晨` before noon, `下午`, `中午`, `傍晚`, `晚上` after it
/// (`中午1点` is 13:00).
fn day_half(t: &str) -> (std::borrow::Cow<'_, str>, Option<bool>) {
    const PARTS: [(&str, bool); 8] = [
        ("上午", false),
        ("凌晨", false),
        ("早上", false),
        ("早晨", false),
        ("下午", true),
        ("中午", true),
        ("傍晚", true),
        ("晚上", true),
    ];
    for (mark, pm) in PARTS {
        if t.contains(mark) {
            return (t.replacen(mark, " ", 1).into(), Some(pm));
        }
    }
    let upper = t.len() >= 3 && t.is_char_boundary(t.len() - 3);
    if upper {
        let (head, tail) = t.split_at(t.len() - 3);
        if tail.eq_ignore_ascii_case(" AM") {
            return (head.into(), Some(false));
        }
        if tail.eq_ignore_ascii_case(" PM") {
            return (head.into(), Some(true));
        }
    }
    (t.into(), None)
}

/// A date as the year-first formats read it: `年`, `月`, `/` and `.` as `-`, `日` and `T` as a
/// space, a Chinese time of day as `HH:MM[:SS]` (see [`chinese_clock`]), runs of spaces as one
/// (`2024年3月5日 14:30` → `2024-3-5 14:30`, `2024年03月05日 10时15分` → `2024-03-05 10:15`).
fn normalise_date(t: &str) -> String {
    let t = t.replace(['年', '月', '/', '.'], "-").replace(['日', 'T'], " ");
    chinese_clock(&t).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A time of day written with Chinese marks as `HH:MM[:SS]`: `10时15分` and `10点15分` →
/// `10:15`, `10时15分30秒` → `10:15:30`, `10点` → `10:00`, `10点半` → `10:30` (also with the
/// traditional `時`, `點`). Other text is borrowed unchanged.
fn chinese_clock(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains(['时', '時', '点', '點', '分', '秒']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        let digit_next = chars.peek().is_some_and(char::is_ascii_digit);
        match c {
            '时' | '時' | '点' | '點' => {
                out.push(':');
                if chars.peek() == Some(&'半') {
                    chars.next();
                    out.push_str("30");
                } else if !digit_next {
                    out.push_str("00");
                }
            }
            // Minutes end the time, or seconds follow them.
            '分' if digit_next => out.push(':'),
            '分' | '秒' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A local date and time of day: year first (`2024-03-05 14:30`, `2024/3/5 14:30:00`,
/// `2024年3月5日 14:30`), on a 24-hour clock or a 12-hour one (`10:15:02 AM`, `上午10:15:02`,
/// `下午 11:30:00`); `month_first` also reads `3/5/2024 …` (Google Forms in an English locale).
fn local_datetime(t: &str, month_first: bool) -> Option<NaiveDateTime> {
    let (t, half) = day_half(t);
    time_of_day(&normalise_date(&t), half, month_first)
}

/// [`local_datetime`] of a date already [`normalise_date`]d, its half of the day taken off.
fn time_of_day(normalised: &str, half: Option<bool>, month_first: bool) -> Option<NaiveDateTime> {
    use chrono::Timelike;
    let formats: &[&str] = if month_first {
        &["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M", "%m-%d-%Y %H:%M:%S", "%m-%d-%Y %H:%M"]
    } else {
        &["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
    };
    let naive = formats.iter().find_map(|f| NaiveDateTime::parse_from_str(normalised, f).ok())?;
    match half {
        None => Some(naive),
        // 12-hour clock: 12 AM (上午12) is 00, 12 PM (下午12) is 12; no hour past 12.
        Some(_) if naive.hour() > 12 => None,
        Some(pm) => naive.with_hour(naive.hour() % 12 + if pm { 12 } else { 0 }),
    }
}

/// Parses a date or date-time cell into a calendar date in `tz`.
///
/// Accepted: the dataset's `date_format` when it has one (for `05/03/2024`, which is ambiguous
/// without it); `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`, each optionally followed
/// by ` HH:MM` or ` HH:MM:SS` (local time in `tz`); RFC 3339 / ISO 8601 with an offset or `Z`
/// (converted into `tz`); Unix timestamps in seconds (10 digits) or milliseconds (13 digits);
/// a 12-hour time (`10:15:02 AM`, `上午10:15:02`, `下午 11:30:00`); a trailing offset from GMT
/// or UTC as Google Forms writes it (`2024/03/01 9:15:22 AM GMT+8`, `… GMT+08:00`,
/// `… UTC+8`; converted from its offset into `tz`, and month first `3/1/2024 …` read too);
/// and, in workbooks, Excel serial day numbers (e.g. 45356 = 2024-03-05).
pub fn read_date(raw: &str, tz: Tz, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    // A feedback date before 1970 or after 2100 is a typo or junk, and one such date would
    // otherwise become the "latest period" of the whole site.
    read_any_date(raw, tz, format, workbook).filter(|d| (1970..=2100).contains(&d.year()))
}

fn read_any_date(raw: &str, tz: Tz, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    let t = raw.trim();
    // `date_format: excel` reads serial day numbers as a workbook's cells are read.
    let (format, workbook) = match format {
        Some("excel") => (None, true),
        f => (f, workbook),
    };
    if let Some(f) = format {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d);
        }
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, f) {
            return tz.from_local_datetime(&naive).earliest().map(|d| d.date_naive()).or(Some(naive.date()));
        }
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return numeric_date(t, tz, workbook);
    }
    if let Some(d) = iso_local_date(t) {
        return Some(d);
    }
    // An Excel serial with a time of day (45384.427083): the day is the whole part.
    if workbook {
        if let Ok(f) = t.parse::<f64>() {
            if (30000.0..80000.0).contains(&f) {
                return excel_serial(f.floor());
            }
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&tz).date_naive());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%z", "%Y-%m-%d %H:%M:%S%.f%z", "%Y-%m-%dT%H:%M%z"] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(dt.with_timezone(&tz).date_naive());
        }
    }
    // Google Forms' `2024/03/01 9:15:22 AM GMT+8`, `2024/03/04 上午10:15:02 GMT+8`: a local
    // time and its offset, converted into `tz`.
    if let Some((local, offset)) = trailing_offset(t) {
        let naive = local_datetime(local, true)?;
        return offset.from_local_datetime(&naive).single().map(|at| at.with_timezone(&tz).date_naive());
    }
    // Normalised once, for a date with a time of day and for a date alone.
    let (bare, half) = day_half(t);
    let normalised = normalise_date(&bare);
    if let Some(naive) = time_of_day(&normalised, half, false) {
        // Local time in the project's zone; a time skipped by a DST change takes the later offset.
        return tz.from_local_datetime(&naive).earliest().map(|d| d.date_naive()).or(Some(naive.date()));
    }
    if half.is_some() {
        // A half of the day with no time (`2024-03-04 上午`) is no date; `Mar 4, 2024 10:15 AM`
        // is one.
        return month_name_date(t, tz);
    }
    let date_part = normalised.split(' ').next().unwrap_or("");
    if !normalised.contains(' ') {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
            return Some(d);
        }
    }
    month_name_date(t, tz).or_else(|| full_width_date(t, tz, format, workbook))
}

/// A date with its month written as an English name, which no reading can take for another
/// day: `Mar 4, 2024`, `March 4, 2024`, `4 Mar 2024`, `04-Mar-2024` (Excel's `dd-mmm-yyyy`),
/// `Monday, March 4, 2024`, optionally followed by a local time (`10:15`, `10:15:02`,
/// `10:15 AM`, after a comma or `at`); and RFC 2822 (`Mon, 04 Mar 2024 10:15:02 +0800`, as
/// e-mail based help desks export), converted from its offset into `tz`.
fn month_name_date(t: &str, tz: Tz) -> Option<NaiveDate> {
    if !t.bytes().any(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return Some(dt.with_timezone(&tz).date_naive());
    }
    // A leading weekday says nothing the date does not.
    let t = match t.split_once(", ") {
        Some((day, rest)) if day.len() >= 3 && day.bytes().all(|b| b.is_ascii_alphabetic()) && !rest.is_empty() => rest,
        _ => t,
    };
    const DATES: [&str; 8] =
        ["%B %d, %Y", "%B %d %Y", "%d %B %Y", "%d %B, %Y", "%d-%B-%y", "%d-%B-%Y", "%B-%d-%Y", "%Y-%B-%d"];
    const TIMES: [&str; 5] = ["%H:%M:%S%.f", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M%p"];
    DATES.iter().find_map(|f| {
        let (date, rest) = NaiveDate::parse_and_remainder(t, f).ok()?;
        let rest = rest.trim_start_matches(',').trim();
        let rest = rest.strip_prefix("at ").unwrap_or(rest).trim();
        (rest.is_empty() || TIMES.iter().any(|f| chrono::NaiveTime::parse_from_str(rest, f).is_ok())).then_some(date)
    })
}

/// A date typed with full-width digits and punctuation (`２０２４－０３－０４`, `２０２４／３／４
/// １０：１５`), as a Chinese or Japanese input method writes it: read as its ASCII form.
///
/// The decimal digits of every other script (`٢٠٢٤-٠٣-٠٤`, `२०२४/३/४`) are read the same way,
/// as scores are (see `half_width`).
fn full_width_date(t: &str, tz: Tz, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    use crate::text::digits::ascii_digit;
    let full = |c: char| matches!(c, '－' | '／' | '．' | '：' | '\u{3000}');
    let foreign_digit = |c: char| !c.is_ascii() && ascii_digit(c).is_some();
    if t.is_ascii() || !t.chars().any(|c| full(c) || foreign_digit(c)) {
        return None;
    }
    let ascii: String = t
        .chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            c if full(c) => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
            c => ascii_digit(c).unwrap_or(c),
        })
        .collect();
    read_any_date(&ascii, tz, format, workbook)
}

/// The fast path for the commonest export form: `YYYY-MM-DD`, optionally followed by a local
/// time ` HH:MM[:SS[.fff]]` or `THH:MM:SS` without an offset. A local time in the project's
/// zone is on its own calendar date, so the date part is the answer.
fn iso_local_date(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &[u8]| -> Option<u32> {
        s.iter().try_fold(0u32, |acc, c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let (y, m, d) = (num(&b[0..4])?, num(&b[5..7])?, num(&b[8..10])?);
    let rest = &b[10..];
    let time_ok = match rest {
        [] => true,
        [sep, h1, h2, b':', m1, m2, tail @ ..] if *sep == b' ' || *sep == b'T' => {
            let (h, mi) = (num(&[*h1, *h2])?, num(&[*m1, *m2])?);
            let secs_ok = match tail {
                [] => true,
                [b':', s1, s2, frac @ ..] => {
                    num(&[*s1, *s2])? < 61
                        && (frac.is_empty() || (frac[0] == b'.' && frac[1..].iter().all(u8::is_ascii_digit)))
                }
                _ => false,
            };
            h < 24 && mi < 60 && secs_ok
        }
        _ => false,
    };
    if !time_ok {
        return None;
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
}

/// Unix seconds (10 digits), Unix milliseconds (13 digits), or an Excel serial day (workbooks).
fn numeric_date(t: &str, tz: Tz, workbook: bool) -> Option<NaiveDate> {
    let n: i64 = t.parse().ok()?;
    let utc = match t.len() {
        10 => DateTime::from_timestamp(n, 0)?,
        13 => DateTime::from_timestamp_millis(n)?,
        // Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that never was, so days
        // from 61 on are offset from 1899-12-30. Plausible survey dates only: 1982–2119.
        5 if workbook && (30000..80000).contains(&n) => return excel_serial(n as f64),
        _ => return None,
    };
    Some(utc.with_timezone(&tz).date_naive())
}

/// The date of an Excel serial day number (1900 date system).
fn excel_serial(days: f64) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(chrono::Days::new(days as u64))
}

#[cfg(test)]
mod tests {
    #[test]
    fn date_format_excel_reads_serial_day_numbers_in_a_csv() {
        let day = chrono::NaiveDate::from_ymd_opt(2024, 4, 2);
        // 45384 days after Excel's day 0 (30 December 1899) is 2 April 2024.
        assert_eq!(read_date("45384", chrono_tz::UTC, Some("excel"), false), day);
        assert_eq!(read_date("45384.75", chrono_tz::UTC, Some("excel"), false), day);
        // Without it a bare 5-digit number in a CSV is no date.
        assert_eq!(read_date("45384", chrono_tz::UTC, None, false), None);
        // ISO dates still read.
        assert_eq!(read_date("2024-04-02", chrono_tz::UTC, Some("excel"), false), day);
    }

    use super::*;
    use crate::project::{Period, ScoreKind};

    fn nps() -> ScoreDef {
        ScoreDef::new("nps", ScoreKind::Nps, 0, 10, 9)
    }
    fn csat() -> ScoreDef {
        ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4)
    }

    #[test]
    fn scale_ends_are_values_and_one_past_them_is_invalid() {
        let r = Reading::default();
        assert_eq!(read_score("0", &r, &nps()), Cell::Value(0));
        assert_eq!(read_score("10", &r, &nps()), Cell::Value(10));
        assert!(matches!(read_score("11", &r, &nps()), Cell::Invalid(w) if w.contains("outside the scale 0–10")));
        assert!(matches!(read_score("-1", &r, &nps()), Cell::Invalid(_)));
        assert!(matches!(read_score("0", &r, &csat()), Cell::Invalid(_)));
    }

    #[test]
    fn blanks_and_listed_na_values_are_not_answers_and_not_errors() {
        let r = Reading { na: vec!["n/a".into(), "0".into()], labels: vec![], ..Default::default() };
        assert_eq!(read_score("0.0", &r, &csat()), Cell::NotApplicable);
        assert_eq!(read_score("  ", &r, &csat()), Cell::Blank);
        assert_eq!(read_score("N/A", &r, &csat()), Cell::NotApplicable);
        assert_eq!(read_score("0", &r, &csat()), Cell::NotApplicable);
    }

    #[test]
    fn labels_and_common_written_forms_are_read_and_other_text_is_never_zero() {
        let r =
            Reading {
                na: vec![], labels: vec![("非常满意".into(), 5), ("satisfied".into(), 4)], ..Default::default()
            };
        assert_eq!(read_score("非常满意", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("Satisfied", &r, &csat()), Cell::Value(4));
        assert_eq!(read_score("5分", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("10 - Extremely likely", &r, &nps()), Cell::Value(10));
        assert_eq!(read_score("4.0", &r, &csat()), Cell::Value(4));
        assert!(matches!(read_score("4.5", &r, &csat()), Cell::Invalid(_)));
        assert!(matches!(read_score("great", &r, &csat()), Cell::Invalid(w) if w.contains("labels")));
        assert!(matches!(read_score("2024-01-01", &r, &csat()), Cell::Invalid(_)));
        assert_eq!(read_score("5星", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("1. Very poor", &r, &csat()), Cell::Value(1));
        assert_eq!(read_score("4,0", &r, &csat()), Cell::Value(4));
        assert_eq!(read_score("4/5", &r, &csat()), Cell::Value(4));
        assert_eq!(read_score("8 / 10", &r, &nps()), Cell::Value(8));
    }

    #[test]
    fn a_decimal_range_time_or_other_scale_after_the_leading_number_is_invalid_not_its_whole_part() {
        let r = Reading::default();
        for (raw, def) in [
            ("9.5 - very likely", nps()),
            ("8.5 (passive)", nps()),
            ("6.9 detractor", nps()),
            ("6,9 detractor", nps()),
            ("7,5", nps()),
            ("4.5星", csat()),
            ("3.5 stars", csat()),
            ("4.9分 好", csat()),
            ("1.5. ok", csat()),
            ("2.5/5", csat()),
            ("10:15", nps()),
            ("9-10", nps()),
            ("9 - 10", nps()),
            ("9–10 very likely", nps()),
            ("4 / 5", nps()),
            ("4/5", nps()),
        ] {
            assert!(matches!(read_score(raw, &r, &def), Cell::Invalid(_)), "{raw} → {:?}", read_score(raw, &r, &def));
        }
        assert!(matches!(read_score("4 / 5", &r, &nps()), Cell::Invalid(w) if w.contains("out of 5")));
    }

    fn read_date_plain(raw: &str, tz: Tz) -> Option<NaiveDate> {
        read_date(raw, tz, None, false)
    }

    #[test]
    fn dates_in_the_accepted_forms_land_on_the_right_day_in_the_project_zone() {
        let sh: Tz = "Asia/Shanghai".parse().unwrap();
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(read_date_plain("2024-03-05", sh), Some(d(2024, 3, 5)));
        assert_eq!(read_date_plain("2024/3/5", sh), Some(d(2024, 3, 5)));
        assert_eq!(read_date_plain("2024年3月5日", sh), Some(d(2024, 3, 5)));
        // Month names (review, CRM and help-desk exports), full-width digits.
        for written in [
            "Mar 5, 2024",
            "March 5, 2024",
            "5 Mar 2024",
            "05-Mar-2024",
            "05-Mar-24",
            "Tuesday, March 5, 2024",
            "Mar 5, 2024, 10:15 PM",
            "March 5, 2024 at 23:59",
            "Tue, 05 Mar 2024 10:15:02 +0800",
            "２０２４－０３－０５",
            "２０２４／３／５\u{3000}１０：１５",
        ] {
            assert_eq!(read_date_plain(written, sh), Some(d(2024, 3, 5)), "{written}");
        }
        // An offset moves the day: 23:30 in London is the next morning in Shanghai.
        assert_eq!(read_date_plain("Tue, 05 Mar 2024 23:30:00 +0000", sh), Some(d(2024, 3, 6)));
        for junk in ["Mar 2024", "March 5", "5 Mar 2024 soon", "Marc 5, 2024", "next tuesday"] {
            assert_eq!(read_date_plain(junk, sh), None, "{junk}");
        }
        assert_eq!(read_date_plain("2024-03-05 23:59", sh), Some(d(2024, 3, 5)));
        assert_eq!(read_date_plain("2024-03-05 23:59:59", sh), Some(d(2024, 3, 5)));
        // 20:00 UTC on the 31st is 04:00 on 1 April in Shanghai: it belongs to April.
        assert_eq!(read_date_plain("2024-03-31T20:00:00Z", sh), Some(d(2024, 4, 1)));
        assert_eq!(read_date_plain("2024-03-31T20:00:00+08:00", sh), Some(d(2024, 3, 31)));
        assert_eq!(read_date_plain("2024-13-40", sh), None);
        assert_eq!(read_date_plain("yesterday", sh), None);
        assert_eq!(read_date_plain("2024-03-05 garbage", sh), None);
        assert_eq!(read_date_plain("2024-03-05 25:00", sh), None);
        assert_eq!(read_date_plain("2024-03-05T10:00:00.250", sh), Some(d(2024, 3, 5)));
        assert_eq!(read_date_plain("2024-02-30", sh), None);
        assert_eq!(read_date_plain("+99999-01-01", sh), None);
        assert_eq!(read_date_plain("9999999999999", sh), None);
        assert_eq!(read_date_plain("1899-12-31", sh), None);
    }

    #[test]
    fn google_forms_timestamps_move_from_their_gmt_offset_into_the_project_zone() {
        let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
        // 23:30 at GMT+8 is 15:30 UTC the same day, and 10:30 the same day in New York.
        assert_eq!(d("2024/03/01 11:30:00 PM GMT+8", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 1));
        // 1:15 AM at GMT+8 on 2 March is 17:15 UTC on 1 March.
        assert_eq!(d("2024/03/02 1:15:00 AM GMT+8", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(d("2024/03/02 1:15:00 AM GMT+8", Tz::Asia__Shanghai), NaiveDate::from_ymd_opt(2024, 3, 2));
        assert_eq!(d("2024/03/01 9:00:00 PM GMT-5", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 2));
    }

    #[test]
    fn chinese_google_forms_timestamps_read_their_half_of_the_day_and_offset() {
        let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
        let day = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd);
        // 上午10:15 at GMT+8 is 02:15 UTC the same day; 下午10:15 is 14:15 UTC.
        assert_eq!(d("2024/03/04 上午10:15:02 GMT+8", Tz::UTC), day(3, 4));
        assert_eq!(d("2024/03/04 下午10:15:02 GMT+8", Tz::America__New_York), day(3, 4));
        // 下午11:30 (23:30) at GMT+8 on the 31st is 1 April in a zone east of +8:30.
        assert_eq!(d("2024/3/31 下午 11:30:00 GMT+8", Tz::Asia__Tokyo), day(4, 1));
        assert_eq!(d("2024/3/31 下午 11:30:00 GMT+8", Tz::Asia__Shanghai), day(3, 31));
        assert_eq!(d("2024/03/31 下午11:30:00 GMT+08:00", Tz::Asia__Tokyo), day(4, 1));
        assert_eq!(d("2024/03/31 下午11:30:00 UTC+8", Tz::Asia__Tokyo), day(4, 1));
        // 上午12 is midnight, 下午12 noon: 上午12:30 at GMT+8 on the 4th is the 3rd in UTC.
        assert_eq!(d("2024/03/04 上午12:30:00 GMT+8", Tz::UTC), day(3, 3));
        assert_eq!(d("2024/03/04 下午12:30:00 GMT+8", Tz::UTC), day(3, 4));
        assert_eq!(d("2024/03/04 12:05:02 AM GMT-5", Tz::UTC), day(3, 4));
        assert_eq!(d("2024/03/04 11:05:02 PM GMT-5", Tz::UTC), day(3, 5));
        assert_eq!(d("2024-03-04 23:00:00 GMT+05:30", Tz::UTC), day(3, 4));
        assert_eq!(d("2024-03-04 03:00:00 GMT+0530", Tz::UTC), day(3, 3));
        // Without an offset: local time in the project's zone.
        assert_eq!(d("2024/03/04 下午11:30:00", Tz::UTC), day(3, 4));
        assert_eq!(d("2024-03-04 10:15 PM", Tz::UTC), day(3, 4));
        // No hour past 12 on a 12-hour clock; no offset past 14 hours.
        assert_eq!(d("2024/03/04 下午13:30:00 GMT+8", Tz::UTC), None);
        assert_eq!(d("2024/03/04 10:15:02 GMT+99", Tz::UTC), None);
        assert_eq!(d("2024/03/04 上午 GMT+8", Tz::UTC), None);
    }

    #[test]
    fn invisible_characters_in_a_score_cell_hide_neither_its_number_nor_its_label() {
        let r = Reading {
            na: vec!["n/a".into(), "不适用".into()],
            labels: vec![("非常满意".into(), 5)],
            ..Default::default()
        };
        assert_eq!(read_score("4\u{200b}", &r, &csat()), Cell::Value(4));
        assert_eq!(read_score("\u{feff}3", &r, &csat()), Cell::Value(3));
        assert_eq!(read_score("非常满意\u{200e}", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("\u{2066}N/A\u{2069}", &r, &csat()), Cell::NotApplicable);
        assert_eq!(read_score("不适用\u{200b} ", &r, &csat()), Cell::NotApplicable);
        assert_eq!(read_score("\u{200b}", &r, &csat()), Cell::Blank);
        // Spaces inside a label, however written, are one space; so in cxsite.yaml.
        let r =
            Reading { labels: vec![("very satisfied".into(), 5), ("非常 满意".into(), 5)], ..Default::default() };
        assert_eq!(read_score("Very\u{a0}satisfied", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("very  satisfied\u{3000}", &r, &csat()), Cell::Value(5));
        assert_eq!(read_score("非常\u{3000}满意", &r, &csat()), Cell::Value(5));
        assert!(matches!(read_score("verysatisfied", &r, &csat()), Cell::Invalid(_)));
    }

    #[test]
    fn chinese_dates_with_a_chinese_time_of_day_are_read_on_their_own_day() {
        let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
        let day = NaiveDate::from_ymd_opt(2024, 3, 4);
        for written in [
            "2024年03月04日 10时15分",
            "2024年03月04日 10时15分30秒",
            "2024年3月4日10时15分",
            "2024年3月4日 10点15分",
            "2024年3月4日 10点",
            "2024年3月4日 10点半",
            "2024年3月4日 下午3点20分",
            "2024年3月4日下午3点20分",
            "2024年3月4日 下午3:20",
            "2024/3/4 上午10:15:02",
            "2024-03-04 晚上11点59分",
            "2024年3月4日 凌晨0点05分",
            "2024年3月4日 中午12点",
            "２０２４年３月４日 １０时１５分",
            "2024年03月04日 10時15分",
        ] {
            assert_eq!(d(written, Tz::Asia__Shanghai), day, "{written}");
            // Local time in the project's zone: the day is the one written, in any zone.
            assert_eq!(d(written, Tz::America__New_York), day, "{written}");
        }
        // 下午 is after noon: 下午11点 is 23:00, 上午11点 is 11:00; no hour past 12 with a half
        // of the day, no hour past 23 or minute past 59 without.
        assert_eq!(d("2024年3月4日 下午11点30分", Tz::UTC), day);
        for junk in [
            "2024年3月4日 下午13点",
            "2024年3月4日 25时10分",
            "2024年3月4日 10时61分",
            "2024年3月4日 10时15分61秒",
            "2024年3月4日 时分",
            "2024年3月4日 10分",
            "2024年3月4日 下午",
        ] {
            assert_eq!(d(junk, Tz::UTC), None, "{junk}");
        }
        // With a GMT offset (a Google Forms timestamp in Chinese), the time moves the day:
        // 下午11点30分 at GMT+8 on the 31st is 00:30 on 1 April in Tokyo (GMT+9).
        assert_eq!(d("2024/3/31 下午11点30分 GMT+8", Tz::Asia__Tokyo), NaiveDate::from_ymd_opt(2024, 4, 1));
        assert_eq!(d("2024/3/31 下午11点30分 GMT+8", Tz::Asia__Shanghai), NaiveDate::from_ymd_opt(2024, 3, 31));
    }

    #[test]
    fn full_width_digits_read_as_their_numbers() {
        let def = csat();
        let r = Reading::default();
        assert_eq!(read_score("５", &r, &def), Cell::Value(5));
        assert_eq!(read_score("４．０", &r, &def), Cell::Value(4));
        assert_eq!(read_score("３分", &r, &def), Cell::Value(3));
        assert_eq!(read_score("满意（４）", &r, &def), Cell::Value(4));
        assert_eq!(read_score("－１", &r, &def), Cell::Invalid("outside the scale 1–5".into()));
        assert_eq!(read_score("４．５", &r, &def), Cell::Invalid("not a whole number on the scale".into()));
        let nps = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        assert_eq!(read_score("１０", &r, &nps), Cell::Value(10));
        assert_eq!(read_score("１０ - Extremely likely", &r, &nps), Cell::Value(10));
        // `na: [0]` covers a full-width 0 too.
        let na = Reading { na: vec!["0".into()], ..Reading::default() };
        assert_eq!(read_score("０", &na, &nps), Cell::NotApplicable);
    }

    #[test]
    fn the_digits_of_every_script_read_as_scores_and_dates() {
        let r = Reading::default();
        let nps = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
        // Arabic-Indic ١٠, Persian ۹, Devanagari ७, Thai ๘, mixed ١0, and with a label or 分.
        for (written, want) in [("١٠", 10), ("۹", 9), ("७", 7), ("๘", 8), ("١0", 10), ("٧ - likely", 7), ("٥分", 5)]
        {
            assert_eq!(read_score(written, &r, &nps), Cell::Value(want), "{written}");
        }
        assert_eq!(read_score("٤٫٠", &r, &csat()), Cell::Value(4));
        assert_eq!(read_score("١١", &r, &nps), Cell::Invalid("outside the scale 0–10".into()));
        assert_eq!(read_score("٤٫٥", &r, &csat()), Cell::Invalid("not a whole number on the scale".into()));
        // Numerals that are no digits stay no number: circled, Roman, Chinese.
        for junk in ["⑤", "Ⅴ", "五"] {
            assert!(matches!(read_score(junk, &r, &csat()), Cell::Invalid(_)), "{junk}");
        }
        let na = Reading { na: vec!["0".into()], ..Reading::default() };
        assert_eq!(read_score("٠", &na, &nps), Cell::NotApplicable);
        let day = NaiveDate::from_ymd_opt(2024, 3, 4);
        for written in ["٢٠٢٤-٠٣-٠٤", "۲۰۲۴/۳/۴", "२०२४-०३-०४ १०:१५", "2024-٠٣-04"]
        {
            assert_eq!(read_date(written, Tz::UTC, None, false), day, "{written}");
        }
    }

    #[test]
    fn a_score_in_brackets_after_its_option_is_read_as_wenjuanxing_writes_it() {
        let def = csat();
        let r = Reading::default();
        assert_eq!(read_score("非常满意(5)", &r, &def), Cell::Value(5));
        assert_eq!(read_score("满意（4分）", &r, &def), Cell::Value(4));
        assert!(matches!(read_score("(5)", &r, &def), Cell::Invalid(_)));
        assert!(matches!(read_score("很好(9)", &r, &def), Cell::Invalid(_)));
        // Only an option's words before the bracket: not code that ends in "(1)".
        assert!(matches!(read_score("javascript:alert(1)", &r, &def), Cell::Invalid(_)));
    }

    #[test]
    fn a_declared_format_reads_day_first_dates_which_are_otherwise_unreadable() {
        let utc = Tz::UTC;
        let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        assert_eq!(read_date("05/03/2024", utc, None, false), None);
        assert_eq!(read_date("05/03/2024", utc, Some("%d/%m/%Y"), false), Some(d));
        assert_eq!(read_date("05/03/2024 14:30", utc, Some("%d/%m/%Y %H:%M"), false), Some(d));
        // ISO dates still read when a format is declared.
        assert_eq!(read_date("2024-03-05", utc, Some("%d/%m/%Y"), false), Some(d));
    }

    #[test]
    fn unix_timestamps_and_excel_serials_are_dates() {
        let sh: Tz = "Asia/Shanghai".parse().unwrap();
        // 1709654400 = 2024-03-05T16:00:00Z = 2024-03-06 00:00 in Shanghai.
        assert_eq!(read_date("1709654400", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(read_date("1709654400", sh, None, false), NaiveDate::from_ymd_opt(2024, 3, 6));
        assert_eq!(read_date("1709654400000", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
        // Excel: 45356 days after 1899-12-30 is 2024-03-05; only in workbooks.
        assert_eq!(read_date("45356", Tz::UTC, None, true), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(read_date("45356", Tz::UTC, None, false), None);
        assert_eq!(read_date("12345", Tz::UTC, None, true), None);
        assert_eq!(read_date("45356.75", Tz::UTC, None, true), NaiveDate::from_ymd_opt(2024, 3, 5));
    }

    #[test]
    fn periods_are_month_quarter_or_iso_week() {
        let d = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
        assert_eq!(Period::Month.key(d), "2024-12");
        assert_eq!(Period::Quarter.key(d), "2024-Q4");
        assert_eq!(Period::Week.key(d), "2025-W01");
    }
}
