//! Dates written by their calendar names: months alone (`2024-03`, `2024年3月`), ISO weeks
//! (`2024-W09`), month names in English and six other languages, full-width and other scripts'
//! digits.

use chrono::{DateTime, NaiveDate};

use super::{read_any_date, Zones};

/// A month written without its day, as a monthly export writes its period: `2024-03`,
/// `2024/03`, `2024.03`, `2024年3月`, `03/2024`, `Mar 2024`, `March 2024` — its first day.
pub fn month_only(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    let day = |y: &str, m: &str| {
        let digits =
            |s: &str, n: std::ops::RangeInclusive<usize>| n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
        (digits(y, 4..=4) && digits(m, 1..=2))
            .then(|| NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1))
            .flatten()
    };
    if let Some(ym) = t.strip_suffix('月') {
        let (y, m) = ym.split_once('年')?;
        return day(y.trim(), m.trim());
    }
    for sep in ['-', '/', '.'] {
        if let Some((a, b)) = t.split_once(sep) {
            // Two-digit months after a point: `2024.3` could be a number.
            if sep == '.' && b.len() != 2 {
                return None;
            }
            return day(a, b).or_else(|| if sep == '/' { day(b, a) } else { None });
        }
    }
    let (month, year) = t.split_once(' ')?;
    NaiveDate::parse_from_str(&format!("1 {} {}", month.trim_end_matches(['.', ',']), year.trim()), "%d %B %Y").ok()
}

/// A quarter written without its day, as a quarterly report writes its period: `2024-Q1`,
/// `2024Q1`, `2024 Q1`, `Q1 2024`, `Q1-2024`, `2024年Q1`, `2024年第1季度`, `2024年一季度` — its
/// first day.
pub fn quarter_only(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    if !t.contains(['Q', 'q', '季']) {
        return None;
    }
    let first_day = |year: &str, q: u32| {
        (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) && (1..=4).contains(&q))
            .then(|| NaiveDate::from_ymd_opt(year.parse().ok()?, 3 * q - 2, 1))
            .flatten()
    };
    let digit = |s: &str| match s {
        "1" | "一" => Some(1),
        "2" | "二" => Some(2),
        "3" | "三" => Some(3),
        "4" | "四" => Some(4),
        _ => None,
    };
    if let Some((year, rest)) = t.split_once('年') {
        let q = rest.trim().trim_start_matches(['Q', 'q', '第']).trim_end_matches(['度']).trim_end_matches('季');
        return first_day(year.trim(), digit(q.trim())?);
    }
    // `Q1 2024`, `Q1-2024`, `Q1/2024`
    if let Some(rest) = t.strip_prefix(['Q', 'q']) {
        let (q, year) = rest.split_once([' ', '-', '/'])?;
        return first_day(year.trim(), digit(q)?);
    }
    // `2024-Q1`, `2024Q1`, `2024 Q1`
    let (year, q) = t.split_once(['Q', 'q'])?;
    first_day(year.trim_end_matches(['-', ' ', '/']), digit(q)?)
}

/// An ISO 8601 week (`2024-W09`, `2024W09`, `2024-W09-3` with its weekday): its day, or the
/// week's Monday, as a weekly pulse survey or a BI export writes its period.
pub(super) fn iso_week_date(t: &str) -> Option<NaiveDate> {
    // The year is four digits, so the first `W` sits at byte 4 (`2024W09`) or 5 (`2024-W09`):
    // checked first, as every date cell of a file passes here (searching the whole cell for
    // a `W` was 2% of a 5M-row check).
    let b = t.as_bytes();
    let w_at = |i: usize| matches!(b.get(i), Some(b'W' | b'w'));
    if t.get(4..).is_some_and(|r| r.starts_with('年')) {
        return chinese_week_date(t);
    }
    if !(w_at(4) || (b.get(4) == Some(&b'-') && w_at(5))) {
        return None;
    }
    let (year, rest) = t.split_once(['W', 'w'])?;
    let year = year.strip_suffix('-').unwrap_or(year);
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (week, day) = match rest.split_once('-') {
        Some((w, d)) => (w, d),
        None if rest.len() == 3 => (&rest[..2], &rest[2..]),
        None => (rest, "1"),
    };
    if week.len() != 2 || !week.bytes().all(|b| b.is_ascii_digit()) || day.len() != 1 {
        return None;
    }
    let day = chrono::Weekday::try_from(day.parse::<u8>().ok()?.checked_sub(1)?).ok()?;
    NaiveDate::from_isoywd_opt(year.parse().ok()?, week.parse().ok()?, day)
}

/// A week as Chinese BI tools and weekly reports write it (`2024年第18周`, `2024年第 18 週`):
/// the ISO week's Monday.
fn chinese_week_date(t: &str) -> Option<NaiveDate> {
    let (year, rest) = t.split_once('年')?;
    let week = rest.trim().strip_prefix('第')?.trim_end();
    let week = week.strip_suffix('周').or_else(|| week.strip_suffix('週'))?.trim();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        (len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse::<u32>().ok()).flatten()
    };
    NaiveDate::from_isoywd_opt(number(year, 4..=4)? as i32, number(week, 1..=2)?, chrono::Weekday::Mon)
}

/// Month names in French, German, Spanish, Italian, Portuguese and Dutch, full and short,
/// lower case without a trailing dot, with the month's number.
const FOREIGN_MONTHS: &[(&str, u32)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("januar", 1),
    ("jänner", 1),
    ("enero", 1),
    ("ene", 1),
    ("gennaio", 1),
    ("gen", 1),
    ("janeiro", 1),
    ("januari", 1),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("februar", 2),
    ("febrero", 2),
    ("febbraio", 2),
    ("fevereiro", 2),
    ("fev", 2),
    ("februari", 2),
    ("mars", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("marzo", 3),
    ("março", 3),
    ("marco", 3),
    ("maart", 3),
    ("mrt", 3),
    ("avril", 4),
    ("avr", 4),
    ("abril", 4),
    ("abr", 4),
    ("aprile", 4),
    ("mai", 5),
    ("mayo", 5),
    ("maggio", 5),
    ("mag", 5),
    ("maio", 5),
    ("mei", 5),
    ("juin", 6),
    ("juni", 6),
    ("junio", 6),
    ("giugno", 6),
    ("giu", 6),
    ("junho", 6),
    ("juillet", 7),
    ("juil", 7),
    ("juli", 7),
    ("julio", 7),
    ("luglio", 7),
    ("lug", 7),
    ("julho", 7),
    ("août", 8),
    ("aout", 8),
    ("agosto", 8),
    ("ago", 8),
    ("augustus", 8),
    ("septembre", 9),
    ("septiembre", 9),
    ("setiembre", 9),
    ("settembre", 9),
    ("setembro", 9),
    ("set", 9),
    ("octobre", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octubre", 10),
    ("ottobre", 10),
    ("ott", 10),
    ("outubro", 10),
    ("out", 10),
    ("novembre", 11),
    ("noviembre", 11),
    ("novembro", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("dezember", 12),
    ("dez", 12),
    ("diciembre", 12),
    ("dic", 12),
    ("dicembre", 12),
    ("dezembro", 12),
];

/// A date with its month written in French, German, Spanish, Italian, Portuguese or Dutch
/// (`4 juin 2024`, `3. März 2024 10:15`, `4 de junio de 2024`, `12 mrt. 2024`): read as its
/// English form. (`november`, `september`, `april`, `august` are written alike in English.)
pub(super) fn foreign_month_date(t: &str, zones: Zones) -> Option<NaiveDate> {
    const ENGLISH: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut found = false;
    let mut words: Vec<String> = Vec::new();
    for word in t.split_whitespace() {
        let bare = word.trim_end_matches(['.', ',']).to_lowercase();
        // Spanish and Portuguese `4 de junio de 2024`.
        if matches!(bare.as_str(), "de" | "del" | "do" | "las") {
            continue;
        }
        // `4 juin 2024 à 10:15`, `3. März 2024 um 10:15`.
        if matches!(bare.as_str(), "à" | "um" | "às" | "alle" | "om" | "a") {
            words.push("at".into());
            continue;
        }
        match FOREIGN_MONTHS.iter().find(|(m, _)| *m == bare) {
            Some((_, n)) if !found => {
                found = true;
                words.push(ENGLISH[*n as usize - 1].to_string());
            }
            // German `3.` before its month: the day.
            _ if word.ends_with('.') && bare.bytes().all(|b| b.is_ascii_digit()) && !bare.is_empty() => {
                words.push(bare)
            }
            _ => words.push(word.to_string()),
        }
    }
    if !found {
        return None;
    }
    month_name_date(&words.join(" "), zones)
}

/// A date with its month written as an English name, which no reading can take for another
/// day: `Mar 4, 2024`, `March 4, 2024`, `4 Mar 2024`, `04-Mar-2024` (Excel's `dd-mmm-yyyy`),
/// `Monday, March 4, 2024`, optionally followed by a local time (`10:15`, `10:15:02`,
/// `10:15 AM`, after a comma or `at`); and RFC 2822 (`Mon, 04 Mar 2024 10:15:02 +0800`, as
/// e-mail based help desks export), converted from its offset into `tz`.
pub(super) fn month_name_date(t: &str, zones: Zones) -> Option<NaiveDate> {
    let tz = zones.tz;
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
    // An ordinal day (`May 3rd, 2024`, `3rd May 2024`) as English writes it: its number.
    let unordinal = without_ordinal_suffix(t);
    let t = unordinal.as_deref().unwrap_or(t);
    // `%d/%B/%y`: Jira's `25/Jan/24 01:28 AM`.
    const DATES: [&str; 10] = [
        "%B %d, %Y",
        "%B %d %Y",
        "%d %B %Y",
        "%d %B, %Y",
        "%d-%B-%y",
        "%d-%B-%Y",
        "%B-%d-%Y",
        "%Y-%B-%d",
        "%d/%B/%y",
        "%d/%B/%Y",
    ];
    const TIMES: [&str; 5] = ["%H:%M:%S%.f", "%H:%M", "%I:%M:%S %p", "%I:%M %p", "%I:%M%p"];
    DATES.iter().find_map(|f| {
        let (date, rest) = NaiveDate::parse_and_remainder(t, f).ok()?;
        let rest = rest.trim_start_matches(',').trim();
        let rest = rest.strip_prefix("at ").unwrap_or(rest).trim();
        if rest.is_empty() {
            return Some(date);
        }
        let time = TIMES.iter().find_map(|f| chrono::NaiveTime::parse_from_str(rest, f).ok())?;
        zones.day(date.and_time(time))
    })
}

/// `t` without the suffix of an ordinal day (`3rd`, `21st`, `22nd`, `4th`: one or two digits,
/// then the suffix, then no letter); `None` when it has none.
fn without_ordinal_suffix(t: &str) -> Option<String> {
    let b = t.as_bytes();
    for i in 1..b.len().saturating_sub(1) {
        let suffix = b[i..].get(..2).map(|s| s.to_ascii_lowercase());
        let ordinal = matches!(suffix.as_deref(), Some(b"st" | b"nd" | b"rd" | b"th"));
        let digits = b[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let ends = b.get(i + 2).is_none_or(|c| !c.is_ascii_alphabetic());
        let starts = i == digits || !b[i - digits - 1].is_ascii_alphanumeric();
        if ordinal && (1..=2).contains(&digits) && ends && starts {
            return Some(format!("{}{}", &t[..i], &t[i + 2..]));
        }
    }
    None
}

/// A date typed with full-width digits and punctuation (`２０２４－０３－０４`, `２０２４／３／４
/// １０：１５`), as a Chinese or Japanese input method writes it: read as its ASCII form.
///
/// The decimal digits of every other script (`٢٠٢٤-٠٣-٠٤`, `२०२४/३/४`) are read the same way,
/// as scores are (see `half_width`).
pub(super) fn full_width_date(t: &str, zones: Zones, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
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
    read_any_date(&ascii, zones, format, workbook)
}
