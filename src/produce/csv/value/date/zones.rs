//! Zones written in a date cell: abbreviations (`EDT`, refused when they name more than one
//! offset), offsets after `GMT`/`UTC`, and the local time they apply to.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use super::Zones;

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
pub(super) fn zoned_format(format: &str) -> Option<&str> {
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
pub(super) fn zoned_date(t: &str, local_format: &str, zones: Zones) -> Option<NaiveDate> {
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
pub(super) fn trailing_offset(t: &str) -> Option<(&str, chrono::FixedOffset)> {
    // The zone abbreviation and bracketed forms are taken only after a year-first date
    // (`2024-03-05`, `2024/3/5`), whose day and month cannot swap: `05/03/2024 10:00 CET`
    // is left to the rules (and `date_format`) of a date without a zone, and RFC 2822's
    // `Mon, 04 Mar 2024 10:15:02 EST` to its own reader.
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

/// A year-first local time followed by an abbreviation that names several zones
/// (`2024-03-05 20:00:00 CST`, as Chinese systems write China Standard Time): the local part,
/// for a column whose zone is declared (`date_timezone:`, a zone in its header). Read alone
/// it could be any of them, so without a declared zone it stays unreadable.
pub(super) fn ambiguous_after_year_first(t: &str) -> Option<&str> {
    let (local, zone) = t.rsplit_once(' ')?;
    let local = local.trim_end();
    (year_first(local) && ambiguous_abbreviation(zone)).then_some(local)
}

/// Whether a date starts with its year (`2024-03-05`, `2024/3/5`, `2024.3.5`), so that its day
/// and month cannot swap — as Chinese systems and ISO write dates.
pub fn year_first(local: &str) -> bool {
    let b = local.trim_start().as_bytes();
    b.len() > 5 && b[..4].iter().all(u8::is_ascii_digit) && matches!(b[4], b'-' | b'/' | b'.')
}

/// Whether a zone abbreviation names more than one zone (`CST`, `IST`, `BST`, `PST`, `MST`,
/// `AST`: the list `AMBIGUOUS_ZONES`).
pub fn ambiguous_abbreviation(zone: &str) -> bool {
    AMBIGUOUS_ZONES.iter().any(|(z, _)| *z == zone)
}

/// A date as Java's `Date.toString()` writes it, which Java back ends pass on into their
/// exports: `Tue Mar 05 20:00:00 CST 2024` — weekday, month, day, time, zone abbreviation,
/// year. The local time and its abbreviation.
pub fn java_date(t: &str) -> Option<(NaiveDateTime, &str)> {
    // Cheap first: every date cell no earlier form read comes this way.
    let b = t.as_bytes();
    if b.len() < 27 || b[3] != b' ' || b[7] != b' ' || !b[0].is_ascii_alphabetic() {
        return None;
    }
    let mut words = t.split_whitespace();
    let mut next = || words.next();
    let (weekday, month, day, time, zone, year) = (next()?, next()?, next()?, next()?, next()?, next()?);
    if next().is_some() || !(2..=5).contains(&zone.len()) || !zone.bytes().all(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let local = format!("{weekday} {month} {day} {time} {year}");
    let naive = NaiveDateTime::parse_from_str(&local, "%a %b %d %H:%M:%S %Y").ok()?;
    Some((naive, zone))
}

/// The day of a Java date (see [`java_date`]): by its abbreviation when it names one offset,
/// else, when the column's zone is declared, as a local time there (which tells `CST` from
/// `CDT`, and China's `CST` from Chicago's). `None` for an ambiguous or unknown abbreviation
/// in a column of no declared zone: unreadable, and counted.
pub(super) fn java_day(naive: NaiveDateTime, zone: &str, zones: Zones) -> Option<NaiveDate> {
    if zones.declared {
        return zones.day(naive);
    }
    let offset = abbreviation_offset(zone)?;
    offset.from_local_datetime(&naive).single().map(|at| at.with_timezone(&zones.tz).date_naive())
}

/// Why a date cell that reads but for its zone abbreviation is unreadable, when that
/// abbreviation names several zones and the column has none declared: a Java date
/// (`Tue Mar 05 20:00:00 CST 2024`) or a year-first time (`2024-03-05 20:00:00 CST`).
pub fn ambiguous_zone_note(raw: &str) -> Option<String> {
    let t = raw.trim();
    let zone = match java_date(t) {
        Some((_, zone)) => zone,
        None => {
            let local = ambiguous_after_year_first(t)?;
            super::clock::local_datetime(local, true)?;
            t.rsplit_once(' ')?.1
        }
    };
    let (_, zones) = AMBIGUOUS_ZONES.iter().find(|(z, _)| *z == zone)?;
    Some(format!("`{zone}` names more than one zone ({zones}): name the column's zone with `date_timezone:` (an IANA name such as `Asia/Shanghai`) and its times are read there"))
}
