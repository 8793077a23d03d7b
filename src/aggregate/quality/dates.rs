//! Unreadable dates: what a column's unreadable dates need (a `date_format`, a day the
//! calendar has, dates that are not relative), judged from all of them as the parts merge.

use std::collections::BTreeSet;

use serde::Serializer;

use super::DatasetQuality;

/// What an unreadable date column needs, judged from all of its unreadable dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateHint {
    /// The dataset declares a `date_format` these dates do not match.
    Declared(String),
    /// Every unreadable date of a known shape fits this `date_format`.
    Set(String),
    /// Every one fits either (day first, month first): no date tells which.
    SetEither(String, String),
    /// The unreadable dates have shapes no one `date_format` reads.
    Mixed,
    /// No `date_format` cxsite knows reads this unreadable date (shown quoted, redacted).
    NoFormat(String),
    /// None has a shape cxsite knows: the standard forms are the way.
    Standard,
    /// A date written in a standard form, in a year before 1970 or after 2100 (shown quoted,
    /// redacted): a typo or a placeholder (`1900-01-01`), which would otherwise become the
    /// site's first or latest period.
    OutOfRange(String),
    /// Every unreadable date names a day the calendar does not have (shown quoted, redacted):
    /// a typo in the export, whatever the format.
    NoSuchDay(String),
    /// A relative time (`3 weeks ago`, `3天前`, `昨天 12:02`: shown quoted, redacted), as
    /// scraped reviews and social posts write them: it names no day without the day it was
    /// scraped, so no `date_format` reads it.
    Relative(String),
    /// A date that reads but for its zone abbreviation, which names several zones (`CST` in
    /// `Tue Mar 05 20:00:00 CST 2024`; see `value::ambiguous_zone_note`): the date shown
    /// (quoted, redacted) and the note in English.
    AmbiguousZone(String, String),
}

/// Whether `v` is a relative time as review sites and social media show one (`3 weeks ago`,
/// `2 hours ago`, `3天前`, `昨天 12:02`, `刚刚`): short, ending in `ago` or `前`, or opening with
/// a day named from today.
pub fn relative_time(v: &str) -> bool {
    let v = v.trim();
    v.chars().count() <= 20
        && (v.ends_with('前')
            || v.to_ascii_lowercase().ends_with(" ago")
            || ["昨天", "今天", "前天", "刚刚", "yesterday", "today", "Yesterday", "Today"]
                .iter()
                .any(|w| v.starts_with(w)))
}

impl DateHint {
    /// The hint for a column's unreadable dates: `declared`, or from the formats that fit
    /// every one of a known shape (`None`: none had a known shape).
    /// `unfit`: a date no format reads, when there is one.
    pub fn of(declared: Option<&str>, fits: Option<&BTreeSet<String>>, unfit: Option<&str>) -> DateHint {
        if let Some(f) = declared {
            return DateHint::Declared(f.to_string());
        }
        if let Some(shown) = unfit {
            if year_out_of_range(shown) {
                return DateHint::OutOfRange(shown.to_string());
            }
            if relative_time(shown.trim_matches('"')) {
                return DateHint::Relative(shown.to_string());
            }
            if let Some(note) = crate::produce::csv::value::ambiguous_zone_note(shown.trim_matches('"')) {
                return DateHint::AmbiguousZone(shown.to_string(), note);
            }
            return DateHint::NoFormat(shown.to_string());
        }
        let Some(fits) = fits else { return DateHint::Standard };
        let v: Vec<&String> = fits.iter().collect();
        match v.as_slice() {
            [] => DateHint::Mixed,
            [one] => DateHint::Set(one.to_string()),
            [a, b] if a.starts_with("DD") => DateHint::SetEither(a.to_string(), b.to_string()),
            [a, b] => DateHint::SetEither(b.to_string(), a.to_string()),
            _ => DateHint::Mixed,
        }
    }

    /// The hint in English (metrics.json, `cxsite check`, build warnings).
    pub fn text(&self) -> String {
        match self {
            DateHint::Declared(f) => format!("dates must match the declared date_format {f}"),
            DateHint::Set(f) => format!("set `date_format: {f}` on the dataset to read them"),
            DateHint::SetEither(f, alt) => {
                format!("set `date_format: {f}` on the dataset to read them (or `{alt}` if the month comes first)")
            }
            DateHint::Mixed => {
                "the dates have more than one shape: write them as 2024-03-05 (or 2024-03-05 14:30)".to_string()
            }
            DateHint::NoFormat(shown) => format!(
                "no date_format reads dates such as {shown}: write them as e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30"
            ),
            DateHint::Standard => "write dates as e.g. 2024-03-05, 2024/3/5 or 2024-03-05 14:30".to_string(),
            DateHint::OutOfRange(shown) => format!(
                "dates such as {shown} are outside the years read (1970 to 2100): a typo, or a placeholder for no date?"
            ),
            DateHint::Relative(shown) => format!(
                "dates such as {shown} are relative to the day they were exported and name no day: export dates (most review tools can), or leave the cells blank"
            ),
            DateHint::AmbiguousZone(shown, note) => format!("dates such as {shown}: {note}"),
            DateHint::NoSuchDay(shown) => format!(
                "dates such as {shown} name a day the calendar does not have: a typo? Correct them in the data, or leave the cells blank"
            ),
        }
    }
}

/// Whether a shown date (quoted, as examples are) starts with a year — four digits, then `-`,
/// `/`, `.` or `年` — before 1970 or after 2100, the years a date is read in.
fn year_out_of_range(shown: &str) -> bool {
    let t = shown.trim().trim_start_matches('"');
    let (year, rest) = t.split_at(t.char_indices().nth(4).map_or(t.len(), |(i, _)| i));
    let year: Option<i32> =
        (year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit())).then(|| year.parse().ok()).flatten();
    let separated = rest.starts_with(['-', '/', '.', '年']);
    year.is_some_and(|y| separated && !(1970..=2100).contains(&y))
}

pub(super) fn hint_text<S: Serializer>(hint: &Option<DateHint>, s: S) -> Result<S::Ok, S::Error> {
    match hint {
        Some(h) => s.serialize_str(&h.text()),
        None => s.serialize_none(),
    }
}

impl DatasetQuality {
    /// Notes the formats that would read an unreadable date (`fits`; `None` for text that is
    /// no date at all) under problem `key`, at `line`: a column's hint is what fits all of
    /// them; a date no format reads (an empty `fits`) is kept as the hint's example (`shown`).
    pub fn date_shape(&mut self, key: &str, fits: Option<BTreeSet<String>>, line: u64, shown: impl FnOnce() -> String) {
        if fits.as_ref().is_some_and(BTreeSet::is_empty) {
            self.note_unfit(key, line, shown);
        }
        self.meet_shape(key, fits);
    }

    /// Counts a date naming a day the calendar does not have under problem `key`, at `line`,
    /// keeping the earliest as the hint's example (`shown`).
    pub fn no_such_day(&mut self, key: &str, line: u64, shown: impl FnOnce() -> String) {
        self.meet_no_such_day(key, 1, line, shown);
    }

    pub(super) fn meet_no_such_day(&mut self, key: &str, count: u64, line: u64, shown: impl FnOnce() -> String) {
        match self.date_no_such_day.get_mut(key) {
            Some(u) => {
                u.0 += count;
                if line < u.1 {
                    (u.1, u.2) = (line, shown());
                }
            }
            None => {
                self.date_no_such_day.insert(key.to_string(), (count, line, shown()));
            }
        }
    }

    /// Keeps the earliest date no format reads under `key`.
    pub(super) fn note_unfit(&mut self, key: &str, line: u64, shown: impl FnOnce() -> String) {
        match self.date_unfit.get_mut(key) {
            Some(u) if u.0 <= line => {}
            Some(u) => *u = (line, shown()),
            None => {
                self.date_unfit.insert(key.to_string(), (line, shown()));
            }
        }
    }

    pub(super) fn meet_shape(&mut self, key: &str, fits: Option<BTreeSet<String>>) {
        match self.date_shapes.get_mut(key) {
            Some(seen) => *seen = meet(seen.take(), fits),
            None => {
                self.date_shapes.insert(key.to_string(), fits);
            }
        }
    }
}

/// What fits both: the formats in both sets; a side with no known shape adds no constraint.
fn meet(a: Option<BTreeSet<String>>, b: Option<BTreeSet<String>>) -> Option<BTreeSet<String>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.intersection(&b).cloned().collect()),
        (a, None) => a,
        (None, b) => b,
    }
}

#[cfg(test)]
mod tests {
    use super::DateHint;

    #[test]
    fn a_standard_date_outside_the_years_read_is_hinted_as_such_not_as_a_format() {
        for shown in ["\"1969-12-15\"", "\"1900/01/01 00:00\"", "\"2999.1.1\"", "\"1899年12月30日\""] {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::OutOfRange(shown.into()), "{shown}");
        }
        // In the years read, or no year first: a shape no format reads.
        for shown in ["\"2024-13-45\"", "\"15/12/1969\"", "\"19691215\"", "\"next week\""] {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::NoFormat(shown.into()), "{shown}");
        }
        assert!(DateHint::OutOfRange("\"1969-12-15\"".into()).text().contains("outside the years read (1970 to 2100)"));
    }

    /// Relative times, as scraped reviews and posts write them, are hinted as such: no
    /// `date_format` would read them.
    #[test]
    fn a_relative_time_is_hinted_as_naming_no_day() {
        for shown in ["\"3 weeks ago\"", "\"2 Hours Ago\"", "\"3天前\"", "\"昨天 12:02\"", "\"yesterday\"", "\"刚刚\""]
        {
            assert_eq!(DateHint::of(None, None, Some(shown)), DateHint::Relative(shown.into()), "{shown}");
        }
        assert!(DateHint::Relative("\"3 weeks ago\"".into()).text().contains("relative to the day they were exported"));
        // A declared format is said first, whatever the date.
        assert_eq!(
            DateHint::of(Some("%d/%m/%Y"), None, Some("\"3 weeks ago\"")),
            DateHint::Declared("%d/%m/%Y".into())
        );
    }
}
