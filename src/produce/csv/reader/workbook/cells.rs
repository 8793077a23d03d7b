//! A workbook cell as text, the way Excel shows it.

use super::*;

/// A cell as text, the way Excel shows it (whole numbers without `.0`, dates ISO).
pub(super) fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => excel_number(*f),
        Data::Bool(b) => b.to_string(),
        // A time of day or a duration (`h:mm:ss`, `[h]:mm`: a call's length, a wait) is a
        // serial under one day, or a duration format: shown as Excel shows it, `0:09:57`, not
        // as a time on 1899-12-31 (which read as a date, or as text of every row differing).
        Data::DateTime(dt) if dt.is_duration() || (0.0..1.0).contains(&dt.as_f64()) => duration_text(dt.as_f64()),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
            None => dt.as_f64().to_string(),
        },
        Data::Error(e) => error_text(e).to_string(),
    }
}

/// A time of day or duration of `days` (a fraction of one for a time) as `h:mm:ss`, hours past
/// 24 kept (`27:30:00`), rounded to the second.
pub(super) fn duration_text(days: f64) -> String {
    if !days.is_finite() || days < 0.0 {
        return excel_number(days);
    }
    let seconds = (days * 86_400.0).round() as u64;
    format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// A number as Excel shows it: rounded to 15 significant digits, as Excel does before it
/// shows or saves one, so a formula's `9.000000000000002` is `9` and `0.1+0.2` is `0.3`;
/// whole numbers without `.0`. A percent-formatted cell is its stored value (`80%` is `0.8`).
pub(super) fn excel_number(f: f64) -> String {
    if !f.is_finite() {
        return f.to_string();
    }
    let f: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// An error cell as Excel shows it, and writes it into a CSV saved from the sheet: `#N/A`,
/// `#DIV/0!` (so that `na: ["#N/A"]` lists it as it is seen).
pub(super) fn error_text(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType as E;
    match e {
        E::Div0 => "#DIV/0!",
        E::NA => "#N/A",
        E::Name => "#NAME?",
        E::Null => "#NULL!",
        E::Num => "#NUM!",
        E::Ref => "#REF!",
        E::Value => "#VALUE!",
        E::GettingData => "#GETTING_DATA",
    }
}
