//! Date cells: the accepted forms, time zones and offsets, 12-hour and Chinese clocks, and
//! Excel serial days, read into a calendar day in the project's time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

use crate::project::names_day;

mod calendar;
mod clock;
mod zones;

use calendar::{foreign_month_date, full_width_date, iso_week_date, month_name_date};
pub use calendar::{month_only, quarter_only};
use clock::{day_half, local_datetime, normalise_date, time_of_day};
pub use zones::{ambiguous_abbreviation, ambiguous_zone_note, java_date, year_first, zone_refusal};
use zones::{ambiguous_after_year_first, java_day, trailing_offset, zoned_date, zoned_format};

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
    if let Some(dt) = javascript_date(t) {
        return Some(*dt.offset());
    }
    trailing_offset(t).filter(|(local, _)| local_datetime(local, true).is_some()).map(|(_, offset)| offset)
}

/// A date as JavaScript's `Date.prototype.toString` writes it, which web apps and their
/// exports pass on as text: `Sat May 11 2024 14:23:05 GMT+0800 (China Standard Time)`. The
/// zone's name in brackets is the browser's wording and may be in any language; the offset
/// before it says the instant.
fn javascript_date(t: &str) -> Option<DateTime<chrono::FixedOffset>> {
    let b = t.as_bytes();
    if b.len() < 33 || b[3] != b' ' || b[7] != b' ' || !t.is_char_boundary(24) || !t[24..].starts_with(" GMT") {
        return None;
    }
    let stamp = t.split_once(" (").map_or(t, |(stamp, _)| stamp).trim_end();
    DateTime::parse_from_str(stamp, "%a %b %d %Y %H:%M:%S GMT%z").ok()
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

/// What the readers of one family of forms make of a cell: `None` when the cell is none of
/// their forms (the next family is tried), else their answer — which may be no date (a
/// declared format's zone abbreviation that names no one offset, an impossible serial).
type Claim = Option<Option<NaiveDate>>;

/// A date cell read by each family of forms in turn: the declared `date_format`, digits
/// alone, the ISO forms, Excel serials with a time, instants with an offset, local times
/// with a zone, and last the forms written in words or other scripts.
fn read_any_date(raw: &str, zones: Zones, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
    let t = raw.trim();
    // `date_format: excel` reads serial day numbers as a workbook's cells are read.
    let (format, workbook) = match format {
        Some("excel") => (None, true),
        f => (f, workbook),
    };
    by_format(t, format, zones)
        .or_else(|| digits_only(t, zones, workbook))
        .or_else(|| iso_forms(t, zones))
        .or_else(|| excel_serial_with_time(t, zones, workbook))
        .or_else(|| instant(t, zones.tz))
        .or_else(|| zoned_local_time(t, zones))
        .unwrap_or_else(|| written_date(t, zones, format, workbook))
}

/// A cell under the dataset's `date_format`.
fn by_format(t: &str, format: Option<&str>, zones: Zones) -> Claim {
    let f = format?;
    // A month without its day (`%Y-%m`, `%b %Y`): the month's first day.
    if !names_day(f) {
        if let Ok(d) = NaiveDate::parse_from_str(&format!("{t}|1"), &format!("{f}|%d")) {
            return Some(Some(d));
        }
    }
    // A zone abbreviation at the end (`… 09:10:00 PM EDT`): chrono reads `%Z` and drops it.
    if let Some(local) = zoned_format(f) {
        return Some(zoned_date(t, local, zones));
    }
    // An offset (`%z`, `%:z`, `%#z`): the instant it writes, converted into `tz`.
    if ["%z", "%:z", "%#z"].iter().any(|z| f.contains(z)) {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(Some(dt.with_timezone(&zones.tz).date_naive()));
        }
    }
    // With a time first: a date alone would take `%d/%m/%Y %H:%M` and drop the time.
    if let Ok(naive) = NaiveDateTime::parse_from_str(t, f) {
        return Some(zones.day(naive));
    }
    NaiveDate::parse_from_str(t, f).ok().map(Some)
}

/// A cell of digits alone: a local time without separators (`20240305101502`,
/// `202403051015`, as many Chinese systems and SAP export it), else a compact date, a Unix
/// timestamp or an Excel serial ([`numeric_date`]).
fn digits_only(t: &str, zones: Zones, workbook: bool) -> Claim {
    if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(match t.len() {
        14 => NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M%S").ok().and_then(|n| zones.day(n)),
        12 => NaiveDateTime::parse_from_str(t, "%Y%m%d%H%M").ok().and_then(|n| zones.day(n)),
        _ => numeric_date(t, zones.tz, workbook),
    })
}

/// An ISO week (`2024-W09`), or `YYYY-MM-DD` with a local time or none: the fast path of the
/// commonest export form, converted only when the column's zone is another.
fn iso_forms(t: &str, zones: Zones) -> Claim {
    if let Some(d) = iso_week_date(t) {
        return Some(Some(d));
    }
    let d = iso_local_date(t)?;
    if zones.from.is_none() || t.len() == 10 {
        return Some(Some(d));
    }
    let naive = ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(t, f).ok());
    Some(naive.map_or(Some(d), |n| zones.day(n)))
}

/// An Excel serial with a time of day in a workbook (45384.427083): the day is the whole part,
/// or, from another zone, the day of the time it holds.
fn excel_serial_with_time(t: &str, zones: Zones, workbook: bool) -> Claim {
    if !workbook {
        return None;
    }
    let f = t.parse::<f64>().ok().filter(|f| (30000.0..80000.0).contains(f))?;
    let Some(day) = excel_serial(f.floor()) else { return Some(None) };
    if zones.from.is_none() {
        return Some(Some(day));
    }
    let seconds = ((f - f.floor()) * 86_400.0).round() as i64;
    Some(day.and_hms_opt(0, 0, 0).and_then(|midnight| zones.day(midnight + chrono::TimeDelta::seconds(seconds))))
}

/// An instant its own offset places, converted into `tz`: RFC 3339, an ISO time with an offset
/// (`%#z` takes `+08:00`, `+0800` and PostgreSQL's `+08`, how `psql` writes a `timestamptz` in a
/// zone of whole hours), or JavaScript's `Date.prototype.toString`.
fn instant(t: &str, tz: Tz) -> Claim {
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Some(Some(dt.with_timezone(&tz).date_naive()));
    }
    for f in ["%Y-%m-%dT%H:%M:%S%.f%#z", "%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M%#z", "%Y-%m-%d %H:%M%#z"] {
        if let Ok(dt) = DateTime::parse_from_str(t, f) {
            return Some(Some(dt.with_timezone(&tz).date_naive()));
        }
    }
    javascript_date(t).map(|dt| Some(dt.with_timezone(&tz).date_naive()))
}

/// A local time with its zone written after it: Java's `Tue Mar 05 20:00:00 CST 2024`; a
/// year-first time ending in an abbreviation of several zones in a column whose zone is
/// declared (`2024-03-05 20:00:00 CST`: a local time there); Google Forms' `2024/03/01
/// 9:15:22 AM GMT+8` and `2024/03/04 上午10:15:02 GMT+8` (a local time and its offset,
/// converted into `tz`).
fn zoned_local_time(t: &str, zones: Zones) -> Claim {
    if let Some((naive, zone)) = java_date(t) {
        return Some(java_day(naive, zone, zones));
    }
    if zones.declared {
        if let Some(local) = ambiguous_after_year_first(t) {
            return Some(local_datetime(local, true).and_then(|n| zones.day(n)));
        }
    }
    let (local, offset) = trailing_offset(t)?;
    let at = local_datetime(local, true).and_then(|naive| offset.from_local_datetime(&naive).single());
    Some(at.map(|at| at.with_timezone(&zones.tz).date_naive()))
}

/// The forms left: a date with a time of day (a half of the day in any script: `上午`, `PM`),
/// a date alone, a month or quarter alone, month names, full-width digits and foreign months.
fn written_date(t: &str, zones: Zones, format: Option<&str>, workbook: bool) -> Option<NaiveDate> {
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
    let month = if format.is_none_or(|f| !names_day(f)) { month_only(t).or_else(|| quarter_only(t)) } else { None };
    month
        .or_else(|| month_name_date(t, zones))
        .or_else(|| full_width_date(t, zones, format, workbook))
        .or_else(|| foreign_month_date(t, zones))
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
