//! What the fold says about single cells: examples for the data-quality page (redacted),
//! undecodable bytes, and breakdown values that look like personal identifiers.

use std::collections::BTreeSet;

use crate::aggregate::redact;
use crate::error::{Diagnostic, Error};

/// A cell value as a data-quality example shows it: quoted, personal data redacted (a phone
/// typed into a score column must not reach the public site) and cut to 80 characters.
pub(super) fn example(raw: &str) -> String {
    // Trimmed again after redaction, which drops invisible characters a trim left inside.
    let redacted = redact::redact(raw);
    let redacted = redacted.trim();
    let cut: String = redacted.chars().take(80).collect();
    let tail = if cut.len() < redacted.len() { "…" } else { "" };
    quoted(&format!("{cut}{tail}"))
}

/// `text` in double quotes, with Rust's escapes (`\n`, `\"`, `\u{202e}`) but for NUL, which
/// Rust writes `\0`: before digits (`2\0024`) that reads as an octal escape; `\u{0}` names it.
fn quoted(text: &str) -> String {
    let parts: Vec<String> = text
        .split('\0')
        .map(|p| {
            let d = format!("{p:?}");
            d[1..d.len() - 1].to_string()
        })
        .collect();
    format!("\"{}\"", parts.join("\\u{0}"))
}

/// The `date_format`s that read an unreadable date: one, or both readings when the date
/// cannot tell day from month; none (an empty set) for a value with digits that no format
/// cxsite could suggest reads; `None` for text with no digit at all (`next tuesday`), which
/// no format could read and which says nothing of the column's dates. Each format suggested is
/// tried on the value: a hint never names a format that cannot read it.
pub(super) fn date_formats(raw: &str) -> Option<BTreeSet<String>> {
    let raw = raw.trim();
    if !raw.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let Some((set, alt)) = date_shape(raw) else { return Some(BTreeSet::new()) };
    let reads = |f: &String| {
        crate::project::date_pattern(f)
            .is_ok_and(|p| crate::produce::csv::value::read_date(raw, chrono_tz::Tz::UTC, Some(&p), false).is_some())
    };
    Some(std::iter::once(set).chain(alt).filter(reads).collect())
}

/// Whether `raw` is written as a date but names a day the calendar does not have
/// (`31/04/2024`, `2023-02-29`, `02/30/2024`): three numbers, the year first or last, of which
/// some reading has a month of 1–12 and a day of 1–31, and no such reading is a real day. The
/// data-quality page then says so, rather than blaming the date's format: a typo in the export,
/// not a `date_format` to set.
pub(super) fn no_such_day(raw: &str) -> bool {
    let raw = raw.trim();
    let date = raw.split([' ', 'T']).next().unwrap_or(raw);
    let Some(sep) = date.chars().find(|c| matches!(c, '/' | '.' | '-')) else { return false };
    let parts: Vec<&str> = date.split(sep).collect();
    let digits = |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    let [a, b, c] = parts.as_slice() else { return false };
    if ![a, b, c].iter().all(|p| digits(p)) {
        return false;
    }
    let n = |p: &str| p.parse::<u32>().unwrap_or(0);
    // (year, month, day) readings: year first, or year last with the day or the month first.
    let readings: Vec<(i32, u32, u32)> = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        vec![(n(a) as i32, n(b), n(c))]
    } else if a.len() <= 2 && b.len() <= 2 && matches!(c.len(), 2 | 4) {
        let year = if c.len() == 2 { 2000 + n(c) as i32 } else { n(c) as i32 };
        vec![(year, n(b), n(a)), (year, n(a), n(b))]
    } else {
        return false;
    };
    let plausible: Vec<_> =
        readings.into_iter().filter(|(_, m, d)| (1..=12).contains(m) && (1..=31).contains(d)).collect();
    !plausible.is_empty() && plausible.iter().all(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(*y, *m, *d).is_none())
}

/// The `date_format` that reads a date of a common shape the standard forms cannot tell
/// apart, and the other reading when the date itself cannot tell: day or month first
/// (`05/03/2024`, with a time `05/03/2024 14:30`), or an Excel serial day number written into
/// a CSV (`45384`).
fn date_shape(raw: &str) -> Option<(String, Option<String>)> {
    let (date, time) = match raw.split_once(' ') {
        Some((d, t)) => (d, Some(t.trim())),
        None => (raw, None),
    };
    // A serial day number, with the time of day as its fraction (`45386.5`).
    let (day, fraction) = raw.split_once('.').unwrap_or((raw, "0"));
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if time.is_none() && day.len() == 5 && digits(day) && digits(fraction) {
        return Some(("excel".into(), None));
    }
    let sep = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(sep).collect();
    let [a, b, y] = parts.as_slice() else { return None };
    let number = |p: &str, len: std::ops::RangeInclusive<usize>| {
        if len.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit()) {
            p.parse::<u32>().ok()
        } else {
            None
        }
    };
    let (a, b, _) = (number(a, 1..=2)?, number(b, 1..=2)?, number(y, 2..=4).filter(|_| y.len() != 3)?);
    let year = if y.len() == 2 { "YY" } else { "YYYY" };
    // A 12-hour clock ends with its AM or PM (`5:23 PM`, `5:23:10 pm`).
    let twelve = time.is_some_and(|t| {
        let t = t.to_ascii_uppercase();
        t.ends_with("AM") || t.ends_with("PM")
    });
    let time = match (time.map(|t| t.split(':').count()), twelve) {
        (None, _) => "",
        (Some(2), false) => " HH:mm",
        (Some(3), false) => " HH:mm:ss",
        (Some(2), true) => " h:mm A",
        (Some(3), true) => " h:mm:ss A",
        (Some(_), _) => return None,
    };
    let (day_first, month_first) = (format!("DD{sep}MM{sep}{year}{time}"), format!("MM{sep}DD{sep}{year}{time}"));
    Some(match (a > 12, b > 12) {
        (true, _) => (day_first, None),
        (false, true) => (month_first, None),
        (false, false) => (day_first, Some(month_first)),
    })
}

/// The refusal of a breakdown column whose value `raw` (on `line`) looks like a personal
/// identifier: its values would become page titles, file names and rows of metrics.csv.
pub(super) fn identifier_error(path: &str, line: u64, dataset: &str, column: &str, what: &str, raw: &str) -> Error {
    let mut d = Diagnostic::file(
        path,
        format!(
            "column `{column}` of dataset `{dataset}` is a breakdown ({what}) but holds a personal identifier ({} on this row); its values would become page titles, file names and rows of metrics.csv. Remove it from the breakdowns, or set `allow_identifiers: true` on dataset `{dataset}` if its values may be published",
            example(raw)
        ),
    );
    d.line = Some(line);
    Error::one(d)
}

/// The longest value (in characters) of a breakdown column that names a group: it becomes a
/// page's title, part of a file name and a row of metrics.csv. A cell of ten megabytes in a
/// store column made a site of a gigabyte, every metric row repeating it. A longer value is
/// skipped (the row counts everywhere else) and listed on the data-quality page.
pub(super) const MAX_GROUP_VALUE: usize = 1_000;

/// Whether a group value `v` is longer than [`MAX_GROUP_VALUE`] (bytes first: most are short).
pub(super) fn too_long_group_value(v: &str) -> bool {
    v.len() > MAX_GROUP_VALUE && v.chars().count() > MAX_GROUP_VALUE
}

/// The data-quality problem of a breakdown value too long to name a group.
pub(super) fn long_value_problem(column: &str) -> String {
    format!("{column}: longer than {MAX_GROUP_VALUE} characters, not a group")
}

/// An example of it: file, line, column, the start of the value and its length.
pub(super) fn long_value_example(path: &str, line: u64, column: &str, v: &str) -> String {
    format!(
        "{path}:{line}:{column}: {} — {} characters; a breakdown value names a page, a file and rows of metrics.csv (is this the right column?)",
        example(v),
        v.chars().count()
    )
}

/// A chrono date pattern with day and month swapped (`%m/%d/%Y` → `%d/%m/%Y`); `None` when it
/// has not both.
pub(super) fn swapped_order(pattern: Option<&str>) -> Option<String> {
    let p = pattern?;
    (p.contains("%m") && p.contains("%d")).then(|| p.replace("%m", "\u{0}").replace("%d", "%m").replace('\u{0}', "%d"))
}

/// A chrono pattern as cxsite.yaml's `date_format` writes it (`%d/%m/%Y %I:%M:%S %p` →
/// `DD/MM/YYYY hh:mm:ss A`).
fn written_format(pattern: &str) -> String {
    const TOKENS: [(&str, &str); 9] = [
        ("%Y", "YYYY"),
        ("%y", "YY"),
        ("%m", "MM"),
        ("%d", "DD"),
        ("%H", "HH"),
        ("%I", "hh"),
        ("%M", "mm"),
        ("%S", "ss"),
        ("%p", "A"),
    ];
    TOKENS.iter().fold(pattern.to_string(), |s, (chrono, ours)| s.replace(chrono, ours))
}

/// The refusal of a date (on `line`) that reads only with day and month swapped: the
/// column's other dates were then read the wrong way round.
pub(super) fn swapped_date_error(
    path: &str,
    line: u64,
    ds: &crate::project::Dataset,
    column: &str,
    raw: &str,
) -> Error {
    let pattern = ds.date_format.as_deref().unwrap_or_default();
    let (now, other) = (written_format(pattern), written_format(&swapped_order(Some(pattern)).unwrap_or_default()));
    let whence = match (&ds.date_format_written, ds.file.export) {
        (Some(w), Some(e)) if w == pattern => format!("as `export: {}` writes them by default", e.name()),
        _ => "as the dataset's `date_format` says".to_string(),
    };
    let mut d = Diagnostic::file(
        path,
        format!(
            "column `{column}`: {} reads only with day and month the other way round from `{now}`, which dataset `{}` reads its dates with ({whence}); its other dates would be read with day and month swapped. Set `date_format: {other}` on dataset `{}`",
            example(raw),
            ds.id,
            ds.id
        ),
    );
    d.line = Some(line);
    Error::one(d)
}

/// Whether a breakdown value looks like a personal identifier: redaction would change it.
pub(super) fn is_identifier(value: &str) -> bool {
    redact::redact(value) != value
}

/// The error for a date whose zone abbreviation names no one offset (`CST`) under a
/// `date_format` ending in `%Z`, with no zone declared for the column: the row could land a
/// day (and a month) off either way, so the build stops at the cell and says how to name the
/// zone.
pub(super) fn zone_error(
    path: &str,
    line: u64,
    ds: &crate::project::Dataset,
    column: &str,
    raw: &str,
    why: &str,
) -> Error {
    let mut d = Diagnostic::file(
        path,
        format!(
            "{} — {why}, so the time it names is not known (expected a zone of one offset: UTC, GMT, EST, EDT, CDT, MDT, PDT, CET, CEST, JST, AEST, …). Name the zone its times are written in, `date_timezone: America/Chicago` under dataset `{}` (an IANA name; it knows summer time too), or after the column's header in brackets, `{column} (America/Chicago)`, and the dataset reads them as local times there",
            example(raw),
            ds.id
        ),
    );
    d.line = Some(line);
    d.column = Some(column.to_string());
    Error::one(d)
}

#[cfg(test)]
mod date_hint_tests {
    use super::date_formats;
    use crate::aggregate::DateHint;

    fn hint(raws: &[&str]) -> String {
        let mut q = crate::aggregate::DatasetQuality::default();
        for (line, r) in raws.iter().enumerate() {
            q.date_shape("d: unreadable date", date_formats(r), line as u64 + 2, || super::example(r));
        }
        let fits = q.date_shapes.get("d: unreadable date").and_then(Option::as_ref);
        let unfit = q.date_unfit.get("d: unreadable date").map(|u| u.1.as_str());
        DateHint::of(None, fits, unfit).text()
    }

    #[test]
    fn an_example_names_a_nul_byte_so_that_it_does_not_read_as_an_octal_escape() {
        assert_eq!(super::example("2\u{0}024-02-20"), r#""2\u{0}024-02-20""#);
        assert_eq!(super::example("don't \"x\""), r#""don't \"x\"""#);
        assert_eq!(super::example("a\\0"), r#""a\\0""#);
    }

    #[test]
    fn a_hint_names_only_a_format_that_reads_the_values_or_says_none_does() {
        // Year first with a 12-hour mark of another language: no DD/MM/YYYY reads it.
        let h = hint(&["2024/03/04 上午x10:15:02 GMT+8", "3/4/2024 14:00:00"]);
        assert!(!h.contains("DD/MM"), "{h}");
        assert_eq!(
            h,
            "no date_format reads dates such as \"2024/03/04 上午x10:15:02 GMT+8\": write them as e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30"
        );
        // A shape that looks day-first but whose time no format reads.
        assert!(hint(&["31/03/2024 14h30"]).starts_with("no date_format reads dates such as \"31/03/2024 14h30\""));
        // Every format suggested reads the value it was suggested for.
        for raw in ["31/03/2024", "03/31/2024 14:30", "05.03.2024 10:15:02", "45384"] {
            for f in date_formats(raw).expect("a shape") {
                let p = crate::project::date_pattern(&f).expect("a pattern");
                assert!(
                    crate::produce::csv::value::read_date(raw, chrono_tz::Tz::UTC, Some(&p), false).is_some(),
                    "{raw} {f}"
                );
            }
        }
    }

    #[test]
    fn unreadable_dates_of_a_common_shape_name_the_date_format_to_set() {
        assert!(hint(&["31/03/2024"]).contains("`date_format: DD/MM/YYYY`"));
        // A two-digit year: the format names it so, and it reads the date.
        assert!(hint(&["31/03/24", "05/03/24"]).contains("`date_format: DD/MM/YY`"), "{}", hint(&["31/03/24"]));
        assert!(hint(&["03/31/24 14:30"]).contains("`date_format: MM/DD/YY HH:mm`"));
        for f in date_formats("31/03/24").expect("a shape") {
            let p = crate::project::date_pattern(&f).expect("a pattern");
            let read = crate::produce::csv::value::read_date("31/03/24", chrono_tz::Tz::UTC, Some(&p), false);
            assert_eq!(read, chrono::NaiveDate::from_ymd_opt(2024, 3, 31), "{f}");
        }
        assert!(hint(&["03/31/2024 14:30"]).contains("`date_format: MM/DD/YYYY HH:mm`"));
        assert!(
            hint(&["05.03.2024"]).contains("`date_format: DD.MM.YYYY` on the dataset to read them (or `MM.DD.YYYY` if")
        );
        // US exports' 12-hour clock.
        assert!(hint(&["3/14/2024 5:23 PM"]).contains("`date_format: MM/DD/YYYY h:mm A`"));
        assert!(hint(&["14/3/2024 5:23:10 am"]).contains("`date_format: DD/MM/YYYY h:mm:ss A`"));
        assert!(hint(&["45384"]).contains("`date_format: excel`"));
        assert!(hint(&["45386.5", "45384.25"]).contains("`date_format: excel`"), "{}", hint(&["45386.5"]));
        assert!(hint(&["next tuesday"]).contains("write dates as e.g. 2024-03-05, 2024/3/5"));
        assert_eq!(
            DateHint::of(Some("DD/MM/YYYY"), None, None).text(),
            "dates must match the declared date_format DD/MM/YYYY"
        );
    }

    #[test]
    fn a_day_the_calendar_lacks_is_told_from_a_date_of_an_unknown_format() {
        use super::no_such_day;
        for raw in ["31/04/2024", "29/02/2023", "2023-02-29", "02/30/2024", "31.06.24", "2024-04-31 10:00", "31/9/2024"]
        {
            assert!(no_such_day(raw), "{raw}");
        }
        // Real days, either way round; and values that are no day of any month at all.
        for raw in [
            "29/02/2024",
            "30/04/2024",
            "04/30/2024",
            "13/13/2024",
            "2024-99-01",
            "00/05/2024",
            "next tuesday",
            "45384",
            "31/04",
        ] {
            assert!(!no_such_day(raw), "{raw}");
        }
    }

    #[test]
    fn the_hint_fits_every_unreadable_date_of_the_column() {
        // 05/03 could be either; 31/03 settles it: day first.
        assert!(hint(&["05/03/2024", "31/03/2024", "garbage"])
            .ends_with("`date_format: DD/MM/YYYY` on the dataset to read them"));
        // Day first and month first in one column: no one format reads them all.
        assert!(hint(&["31/03/2024", "03/31/2024"]).starts_with("the dates have more than one shape"));
    }
}
