//! What the fold says about single cells: examples for the data-quality page (redacted),
//! undecodable bytes, and breakdown values that look like personal identifiers.

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

/// What a date should look like, by the dataset's declared format or the standard forms.
pub(super) fn date_hint(format: Option<&str>) -> String {
    match format {
        Some(f) => format!("expected the declared date_format {f}"),
        None => "expected e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30".to_string(),
    }
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
