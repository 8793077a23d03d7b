//! What the fold says about single cells: examples for the data-quality page (redacted),
//! undecodable bytes, and breakdown values that look like personal identifiers.

use std::collections::BTreeSet;

use crate::aggregate::redact;
use crate::error::{Diagnostic, Error};

/// A cell value as a data-quality example shows it: quoted, personal data redacted (a phone
/// typed into a score column must not reach the public site) and cut to 80 characters.
pub(super) fn example(raw: &str) -> String {
    let redacted = redact::redact(raw);
    let cut: String = redacted.chars().take(80).collect();
    let tail = if cut.len() < redacted.len() { "…" } else { "" };
    format!("{:?}", format!("{cut}{tail}"))
}

/// The `date_format`s that would read an unreadable date: one, or both readings when the
/// date cannot tell day from month; `None` for a date of no shape cxsite knows.
pub(super) fn date_formats(raw: &str) -> Option<BTreeSet<String>> {
    let (set, alt) = date_shape(raw.trim())?;
    Some(std::iter::once(set).chain(alt).collect())
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
    if time.is_none() && raw.len() == 5 && raw.bytes().all(|b| b.is_ascii_digit()) {
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
    let (a, b, _) = (number(a, 1..=2)?, number(b, 1..=2)?, number(y, 4..=4)?);
    let time = match time.map(|t| t.split(':').count()) {
        None => "",
        Some(2) => " HH:mm",
        Some(3) => " HH:mm:ss",
        Some(_) => return None,
    };
    let (day_first, month_first) = (format!("DD{sep}MM{sep}YYYY{time}"), format!("MM{sep}DD{sep}YYYY{time}"));
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

/// Whether a breakdown value looks like a personal identifier: redaction would change it.
pub(super) fn is_identifier(value: &str) -> bool {
    redact::redact(value) != value
}

#[cfg(test)]
mod date_hint_tests {
    use super::date_formats;
    use crate::aggregate::DateHint;

    fn hint(raws: &[&str]) -> String {
        let mut fits: Option<std::collections::BTreeSet<String>> = None;
        for r in raws {
            if let Some(f) = date_formats(r) {
                fits = Some(match fits {
                    Some(a) => a.intersection(&f).cloned().collect(),
                    None => f,
                });
            }
        }
        DateHint::of(None, fits.as_ref()).text()
    }

    #[test]
    fn unreadable_dates_of_a_common_shape_name_the_date_format_to_set() {
        assert!(hint(&["31/03/2024"]).contains("`date_format: DD/MM/YYYY`"));
        assert!(hint(&["03/31/2024 14:30"]).contains("`date_format: MM/DD/YYYY HH:mm`"));
        assert!(
            hint(&["05.03.2024"]).contains("`date_format: DD.MM.YYYY` on the dataset to read them (or `MM.DD.YYYY` if")
        );
        assert!(hint(&["45384"]).contains("`date_format: excel`"));
        assert!(hint(&["next tuesday"]).contains("write dates as e.g. 2024-03-05, 2024/3/5"));
        assert_eq!(
            DateHint::of(Some("DD/MM/YYYY"), None).text(),
            "dates must match the declared date_format DD/MM/YYYY"
        );
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
