//! Date cells: the accepted forms, time zones and offsets, 12-hour and Chinese clocks, and
//! Excel serial days, read into a calendar day in the project's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// Zone abbreviations that name one offset the world over, as help desks and CRMs append
/// them (`2024-01-27 02:10:57 EST`). `CST` (China or US Central), `IST` (India, Ireland or
/// Israel), `BST` (British summer or Bangladesh), `PST` (US Pacific or the Philippines) and
/// `MST` (US Mountain or Malaysia) are left out: read as either, a row could move a day, so
/// such a date stays unreadable and is reported.
const ZONE_ABBREVIATIONS: &[(&str, i32)] = &[
    ("EST", -5 * 3600),
    ("EDT", -4 * 3600),
    ("CDT", -5 * 3600),
    ("MDT", -6 * 3600),
    ("PDT", -7 * 3600),
    ("AKST", -9 * 3600),
    ("AKDT", -8 * 3600),
    ("HST", -10 * 3600),
    ("WET", 0),
    ("WEST", 3600),
    ("CET", 3600),
    ("CEST", 2 * 3600),
    ("EET", 2 * 3600),
    ("EEST", 3 * 3600),
    ("MSK", 3 * 3600),
    ("HKT", 8 * 3600),
    ("SGT", 8 * 3600),
    ("JST", 9 * 3600),
    ("KST", 9 * 3600),
    ("AWST", 8 * 3600),
    ("ACST", 9 * 3600 + 1800),
    ("AEST", 10 * 3600),
    ("AEDT", 11 * 3600),
    ("NZST", 12 * 3600),
    ("NZDT", 13 * 3600),
];

/// Abbreviations that name two or more zones, with those zones: a date written with one is
/// refused under a `date_format` with `%Z` unless the column's zone is declared.
const AMBIGUOUS_ZONES: &[(&str, &str)] = &[
    ("CST", "US Central (America/Chicago), China (Asia/Shanghai) or Cuba (America/Havana)"),
    ("IST", "India (Asia/Kolkata), Ireland (Europe/Dublin) or Israel (Asia/Jerusalem)"),
    ("BST", "British summer time (Europe/London) or Bangladesh (Asia/Dhaka)"),
    ("PST", "US Pacific (America/Los_Angeles) or the Philippines (Asia/Manila)"),
    ("MST", "US Mountain (America/Denver or America/Phoenix) or Malaysia (Asia/Kuala_Lumpur)"),
    ("AST", "Atlantic (America/Halifax) or Arabia (Asia/Riyadh)"),
];

/// The offset a zone abbreviation names the world over: `UTC`, `GMT`, `Z`, or one of
/// [`ZONE_ABBREVIATIONS`]; `None` for an ambiguous or unknown one.
fn abbreviation_offset(zone: &str) -> Option<chrono::FixedOffset> {
    let seconds = match zone {
        "UTC" | "GMT" | "Z" | "UT" => 0,
        _ => ZONE_ABBREVIATIONS.iter().find(|(z, _)| *z == zone)?.1,
    };
    chrono::FixedOffset::east_opt(seconds)
}

/// The chrono pattern of the local part of a `date_format` that ends in `%Z` (a zone
/// abbreviation, `03/31/2024 09:10:00 PM EDT`), without it; `None` for any other format.
fn zoned_format(format: &str) -> Option<&str> {
    format.trim_end().strip_suffix("%Z").map(str::trim_end)
}

/// Why a date cell read under a `date_format` ending in `%Z` cannot be placed in time,
/// when its local part reads but its zone abbreviation names no one offset (`CST`) or none
/// cxsite knows: what the abbreviation may mean. `None` when the cell reads, or its local
/// part does not (an unreadable date, counted as any other).
pub fn zone_refusal(raw: &str, format: Option<&str>) -> Option<String> {
    let local_format = zoned_format(format?)?;
    let (local, zone) = raw.trim().rsplit_once(char::is_whitespace)?;
    let local = local.trim_end();
    let reads = NaiveDateTime::parse_from_str(local, local_format).is_ok()
        || NaiveDate::parse_from_str(local, local_format).is_ok();
    if !reads || abbreviation_offset(zone).is_some() {
        return None;
    }
    Some(match AMBIGUOUS_ZONES.iter().find(|(z, _)| *z == zone) {
        Some((_, zones)) => format!("`{zone}` names more than one zone: {zones}"),
        None => format!("`{zone}` is no zone abbreviation cxsite knows"),
    })
}

/// A date cell under a `date_format` ending in `%Z`: its local part read by the rest of the
/// format, placed in time by its zone abbreviation — or, when the column's zone is declared,
/// as a local time in that zone (which tells `CST` apart, and knows when summer time starts).
/// `None` when it does not read, or its abbreviation is ambiguous or unknown.
fn zoned_date(t: &str, local_format: &str, zones: Zones) -> Option<NaiveDate> {
    let (local, zone) = t.rsplit_once(char::is_whitespace)?;
    let local = local.trim_end();
    let naive = match NaiveDateTime::parse_from_str(local, local_format) {
        Ok(n) => n,
        // A date alone is its day whatever its zone.
        Err(_) => return NaiveDate::parse_from_str(local, local_format).ok(),
    };
    if zones.declared {
        return zones.day(naive);
    }
    let offset = abbreviation_offset(zone)?;
    offset.from_local_datetime(&naive).single().map(|at| at.with_timezone(&zones.tz).date_naive())
}

/// A trailing zone: an offset from GMT or UTC, as Google Forms writes it (`… GMT+8`,
/// `… GMT+08:00`, `… UTC+8`, `… GMT-5`, `… GMT`), also in brackets as Outlook and Windows
/// write it (`… (GMT+08:00)`, `… (UTC-05:00)`), or a zone abbreviation of one offset
/// (`… EST`, `… CET`, [`ZONE_ABBREVIATIONS`]): the local part before it and the offset.
fn trailing_offset(t: &str) -> Option<(&str, chrono::FixedOffset)> {
    // The zone abbreviation and bracketed forms are taken only after a year-first date
    // (`2024-03-05`, `2024/3/5`), whose day and month cannot swap: `05/03/2024 10:00 CET`
    // is left to the rules (and `date_format`) of a date without a zone, and RFC 2822's
    // `Mon, 04 Mar 2024 10:15:02 EST` to its own reader.
    let year_first = |local: &str| {
        let b = local.as_bytes();
        b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/' | b'.')
    };
    if let Some((local, zone)) = t.rsplit_once(' ') {
        if let Some((_, seconds)) = ZONE_ABBREVIATIONS.iter().find(|(z, _)| *z == zone) {
            let local = local.trim_end();
            return if year_first(local) { Some((local, chrono::FixedOffset::east_opt(*seconds)?)) } else { None };
        }
    }
    if let Some((local, zone)) = t.strip_suffix(')').and_then(|s| s.rsplit_once('(')) {
        let local = local.trim_end();
        if year_first(local) && (zone.starts_with("GMT") || zone.starts_with("UTC")) {
            return Some((local, offset_after_gmt(zone[3..].trim())?));
        }
    }
    let at = t.rfind("GMT").or_else(|| t.rfind("UTC"))?;
    let (local, offset) = (t[..at].trim_end(), t[at + 3..].trim());
    if local.is_empty() || local.len() == t[..at].len() {
        // `2024-03-04GMT+8`: the offset is a word of its own.
        return None;
    }
    Some((local, offset_after_gmt(offset)?))
}

/// The offset written after `GMT` or `UTC`: `+8`, `+08:00`, `+0800`, `-5`, or nothing (zero).
fn offset_after_gmt(offset: &str) -> Option<chrono::FixedOffset> {
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
    chrono::FixedOffset::east_opt(seconds)
}

/// A part of the day that a time of day is read in (see `day_half`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Half {
    /// Before noon: 12 is midnight at the start of the day (`12 AM`, `上午12点`, `凌晨12点`).
    Am,
    /// After noon: 12 is noon (`12 PM`, `下午12点`, `中午12点`).
    Pm,
    /// The evening, `晚上`: after noon, and 12 (or 0) is midnight at the end of the day —
    /// `晚上12点` is 00:00 of the next day, as Chinese time parsers (Time-NLP, JioNLP) and
    /// speakers read it, not noon.
    Night,
}

/// A 12-hour clock's half of the day, and the text without its mark: `AM`/`PM` after the
/// time (any case), or a Chinese part of the day before or after it (with or without a
/// space): `上午`, `凌晨`, `早上`, `早晨` before noon, `下午`, `中午`, `傍晚`, `晚上` after it
/// (`中午1点` is 13:00; `晚上12点` is midnight, see `Half::Night`).
fn day_half(t: &str) -> (std::borrow::Cow<'_, str>, Option<Half>) {
    const PARTS: [(&str, Half); 12] = [
        // Korean and Japanese (Google Forms in those locales: `2024. 3. 14 오후 3:15:02`).
        ("오전", Half::Am),
        ("오후", Half::Pm),
        ("午前", Half::Am),
        ("午後", Half::Pm),
        ("上午", Half::Am),
        ("凌晨", Half::Am),
        ("早上", Half::Am),
        ("早晨", Half::Am),
        ("下午", Half::Pm),
        ("中午", Half::Pm),
        ("傍晚", Half::Pm),
        ("晚上", Half::Night),
    ];
    for (mark, half) in PARTS {
        if t.contains(mark) {
            return (t.replacen(mark, " ", 1).into(), Some(half));
        }
    }
    let upper = t.len() >= 3 && t.is_char_boundary(t.len() - 3);
    if upper {
        let (head, tail) = t.split_at(t.len() - 3);
        if tail.eq_ignore_ascii_case(" AM") {
            return (head.into(), Some(Half::Am));
        }
        if tail.eq_ignore_ascii_case(" PM") {
            return (head.into(), Some(Half::Pm));
        }
    }
    (t.into(), None)
}

/// A date as the year-first formats read it: `年`, `月`, `/` and `.` as `-`, `日` and `T` as a
/// space, a Chinese time of day as `HH:MM[:SS]` (see [`chinese_clock`]), runs of spaces as one
/// (`2024年3月5日 14:30` → `2024-3-5 14:30`, `2024年03月05日 10时15分` → `2024-03-05 10:15`).
fn normalise_date(t: &str) -> String {
    let t = without_chinese_weekday(t);
    let t = spaced_dotted(&t);
    let t = t.replace(['年', '月', '/', '.'], "-").replace(['日', 'T'], " ");
    chinese_clock(&t).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Korean date's dotted form, `2024. 3. 14.` (spaces after the points, a point after the
/// day), as `2024-3-14`; other text as it is.
fn spaced_dotted(t: &str) -> std::borrow::Cow<'_, str> {
    static DOTTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\d{4})\.\s+(\d{1,2})\.\s+(\d{1,2})\.?(\s|$)").expect("dotted date pattern")
    });
    DOTTED.replace(t, "$1-$2-$3$4")
}

/// `t` without a Chinese day of the week, which says nothing the date does not:
/// `2024年3月5日 星期二`, `2024/3/5（周二）10:15`, `2024-03-05 礼拜二` (also 週, 禮拜; 日 or
/// 天 for Sunday). Other text is borrowed unchanged.
fn without_chinese_weekday(t: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [&str; 5] = ["星期", "礼拜", "禮拜", "周", "週"];
    const DAYS: &str = "一二三四五六日天";
    // Japanese writes the day alone in brackets: `2024年1月12日(金) 9:57`.
    const JAPANESE_DAYS: &str = "月火水木金土日";
    if !t.contains(['星', '礼', '禮', '周', '週', '(', '（']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while !rest.is_empty() {
        let open = rest.strip_prefix(['(', '（']);
        let after_open = open.unwrap_or(rest);
        let day = MARKS
            .iter()
            .find_map(|m| after_open.strip_prefix(m))
            .and_then(|r| {
                let d = r.chars().next().filter(|c| DAYS.contains(*c))?;
                Some(&r[d.len_utf8()..])
            })
            .or_else(|| {
                // A Japanese day needs its brackets round it (月 alone is a month).
                open?;
                let d = after_open.chars().next().filter(|c| JAPANESE_DAYS.contains(*c))?;
                let r = &after_open[d.len_utf8()..];
                r.starts_with([')', '）']).then_some(r)
            });
        match day {
            Some(r) => {
                // With its brackets, when it has them; a space keeps what follows apart.
                rest = if open.is_some() { r.strip_prefix([')', '）']).unwrap_or(r) } else { r };
                out.push(' ');
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    std::borrow::Cow::Owned(out)
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
fn time_of_day(normalised: &str, half: Option<Half>, month_first: bool) -> Option<NaiveDateTime> {
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
        Some(Half::Am) => naive.with_hour(naive.hour() % 12),
        Some(Half::Pm) => naive.with_hour(naive.hour() % 12 + 12),
        // 晚上12点 (and 晚上0点) is the midnight that ends the day: 00:00 of the next.
        Some(Half::Night) if naive.hour() % 12 == 0 => {
            naive.with_hour(0)?.checked_add_signed(chrono::TimeDelta::days(1))
        }
        Some(Half::Night) => naive.with_hour(naive.hour() + 12),
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
    read_date_from(raw, None, tz, format, workbook)
}

/// The offset from UTC a date cell writes (`2024-03-05T10:15:02+08:00`, `… +0800`,
/// `… GMT+8`, `… (UTC-05:00)`, `Mon, 04 Mar 2024 10:15:02 +0800`); `None` for a local time.
/// `cxsite init` guesses the project's zone from it.
pub fn written_offset(raw: &str) -> Option<chrono::FixedOffset> {
    let t = raw.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(*dt.offset());
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z"] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(*dt.offset());
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc2822(t) {
        return Some(*dt.offset());
    }
    trailing_offset(t).filter(|(local, _)| local_datetime(local, true).is_some()).map(|(_, offset)| offset)
}

/// [`read_date`] of a column whose local times are in zone `from` (a Qualtrics column whose
/// ImportId declares its `timeZone`) rather than in `tz`: a date with a time of day and no
/// offset is the instant it names in `from`, and its day is that instant's day in `tz`. A
/// date without a time stays the day it is; a time with an offset is read by its offset.
pub fn read_date_from(raw: &str, from: Option<Tz>, tz: Tz, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    // A feedback date before 1970 or after 2100 is a typo or junk, and one such date would
    // otherwise become the "latest period" of the whole site.
    let declared = from.is_some();
    let from = from.filter(|f| *f != tz);
    read_any_date(raw, Zones { from, tz, declared }, format, workbook).filter(|d| (1970..=2100).contains(&d.year()))
}

/// The zone a cell's local times are in (`from`; `None`: `tz`), and the project's zone.
#[derive(Clone, Copy)]
struct Zones {
    from: Option<Tz>,
    tz: Tz,
    /// The column's zone is declared (`from`, or `tz` itself when `from` is `None`).
    declared: bool,
}

impl Zones {
    /// The day in `tz` of a local date and time. In `tz` itself that is its date; from another
    /// zone it is converted (a time a DST change skips is read an hour later, an hour it
    /// repeats as its first).
    fn day(self, naive: NaiveDateTime) -> Option<NaiveDate> {
        let Some(from) = self.from else { return Some(naive.date()) };
        let at = from
            .from_local_datetime(&naive)
            .earliest()
            .or_else(|| from.from_local_datetime(&(naive + chrono::TimeDelta::hours(1))).earliest());
        Some(at.map_or(naive.date(), |at| at.with_timezone(&self.tz).date_naive()))
    }
}

fn read_any_date(raw: &str, zones: Zones, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    let tz = zones.tz;
    let t = raw.trim();
    // `date_format: excel` reads serial day numbers as a workbook's cells are read.
    let (format, workbook) = match format {
        Some("excel") => (None, true),
        f => (f, workbook),
    };
    if let Some(f) = format {
        // A month without its day (`%Y-%m`, `%b %Y`): the month's first day.
        if !names_day(f) {
            if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}|1"), &format!("{f}|%d")) {
                return Some(d);
            }
        }
        // A zone abbreviation at the end (`… 09:10:00 PM EDT`): chrono reads `%Z` and drops it.
        if let Some(local) = zoned_format(f) {
            return zoned_date(t, local, zones);
        }
        // An offset (`%z`, `%:z`, `%#z`): the instant it writes, converted into `tz`.
        if ["%z", "%:z", "%#z"].iter().any(|z| f.contains(z)) {
            if let Ok(dt) = DateTime::parse_from_str(t, f) {
                return Some(dt.with_timezone(&tz).date_naive());
            }
        }
        // With a time first: a date alone would take `%d/%m/%Y %H:%M` and drop the time.
        if let Ok(naive) = NaiveDateTime::parse_from_str(t, f) {
            return zones.day(naive);
        }
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d);
        }
    }
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        // `20240305101502`, `202403051015`: a local time written without separators, as
        // many Chinese systems and SAP export it.
        if let Some(f) = match t.len() {
            14 => Some("%Y%m%d%H%M%S"),
            12 => Some("%Y%m%d%H%M"),
            _ => None,
        } {
            return NaiveDateTime::parse_from_str(t, f).ok().and_then(|n| zones.day(n));
        }
        return numeric_date(t, tz, workbook);
    }
    if let Some(d) = iso_week_date(t) {
        return Some(d);
    }
    if let Some(d) = iso_local_date(t) {
        if zones.from.is_none() || t.len() == 10 {
            return Some(d);
        }
        let naive = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok());
        return naive.map_or(Some(d), |n| zones.day(n));
    }
    // An Excel serial with a time of day (45384.427083): the day is the whole part, or, from
    // another zone, the day of the time it holds.
    if workbook {
        if let Ok(f) = t.parse::<f64>() {
            if (30000.0..80000.0).contains(&f) {
                let day = excel_serial(f.floor())?;
                if zones.from.is_none() {
                    return Some(day);
                }
                let seconds = ((f - f.floor()) * 86_400.0).round() as i64;
                return zones.day(day.and_hms_opt(0, 0, 0)? + chrono::TimeDelta::seconds(seconds));
            }
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(dt.with_timezone(&tz).date_naive());
    }
    // `%#z` takes `+08:00`, `+0800` and PostgreSQL's `+08` (how `psql` writes a
    // `timestamptz` in a zone of whole hours).
    for f in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z"] {
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
        // Local time in the project's zone, or converted from the column's.
        return zones.day(naive);
    }
    if half.is_some() {
        // A half of the day with no time (`2024-03-04 上午`) is no date; `Mar 4, 2024 10:15 AM`
        // is one.
        return month_name_date(t, zones);
    }
    let date_part = normalised.split(' ').next().unwrap_or("");
    if !normalised.contains(' ') {
        if let Ok(d) = NaiveDate::parse_from_str(date_part, "%Y-%m-%d") {
            return Some(d);
        }
    }
    // A month alone first (`Mar 2024` is no 20 March of the year 24), and not under a format
    // with a day: there a month alone is an unreadable date.
    let month = if format.is_none_or(|f| !names_day(f)) { month_only(t) } else { None };
    month
        .or_else(|| month_name_date(t, zones))
        .or_else(|| full_width_date(t, zones, format, workbook))
        .or_else(|| foreign_month_date(t, zones))
}

/// Whether a chrono pattern names a day (`%d`, `%e`, `%j`, or a whole date: `%F`, `%D`, `%x`,
/// `%c`, `%+`, `%s`); one that does not names a month (see `date_pattern`).
pub(crate) fn names_day(format: &str) -> bool {
    const DAYS: [&str; 9] = ["%d", "%e", "%j", "%F", "%D", "%x", "%c", "%+", "%s"];
    let plain = format.replace("%%", "");
    DAYS.iter().any(|d| plain.contains(d) || plain.contains(&d.replacen('%', "%-", 1)))
}

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

/// An ISO 8601 week (`2024-W09`, `2024W09`, `2024-W09-3` with its weekday): its day, or the
/// week's Monday, as a weekly pulse survey or a BI export writes its period.
fn iso_week_date(t: &str) -> Option<NaiveDate> {
    // The year is four digits, so the first `W` sits at byte 4 (`2024W09`) or 5 (`2024-W09`):
    // checked first, as every date cell of a file passes here (searching the whole cell for
    // a `W` was 2% of a 5M-row check).
    let b = t.as_bytes();
    let w_at = |i: usize| matches!(b.get(i), Some(b'W' | b'w'));
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
fn foreign_month_date(t: &str, zones: Zones) -> Option<NaiveDate> {
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
fn month_name_date(t: &str, zones: Zones) -> Option<NaiveDate> {
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

/// A date typed with full-width digits and punctuation (`２０２４－０３－０４`, `２０２４／３／４
/// １０：１５`), as a Chinese or Japanese input method writes it: read as its ASCII form.
///
/// The decimal digits of every other script (`٢٠٢٤-٠٣-٠٤`, `२०२४/३/४`) are read the same way,
/// as scores are (see `half_width`).
fn full_width_date(t: &str, zones: Zones, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
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

/// Unix seconds (10 digits), Unix milliseconds (13 digits), ISO 8601's basic form (8 digits,
/// `20240305`), or an Excel serial day (workbooks).
fn numeric_date(t: &str, tz: Tz, workbook: bool) -> Option<NaiveDate> {
    let n: i64 = t.parse().ok()?;
    let utc = match t.len() {
        10 => DateTime::from_timestamp(n, 0)?,
        13 => DateTime::from_timestamp_millis(n)?,
        // ISO 8601's basic form, `20240305`.
        8 => return NaiveDate::parse_from_str(t, "%Y%m%d").ok(),
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
