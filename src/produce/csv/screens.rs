//! The rows a report leaves out by default: a tool's previews, tests, spam and unfinished
//! responses, known by the columns in which it marks them.

use crate::aggregate::redact;
use crate::project::Dataset;

/// The columns in which a tool marks responses a report leaves out by default (Qualtrics:
/// `Status` and `DistributionChannel` for previews and tests, `Finished` for incomplete
/// responses; Alchemer: `Status` = Partial or Disqualified; Typeform: `Response Type` =
/// partial); `None` where the file has none or the dataset reads those rows.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Screens {
    pub(super) status: Option<usize>,
    pub(super) channel: Option<usize>,
    pub(super) finished: Option<usize>,
    /// Alchemer's `Status`, Typeform's `Response Type`, LimeSurvey's `submitdate`, a `Response
    /// Status`: the survey was left unfinished or ended by its screening logic ([`unfinished_column`]).
    pub(super) unfinished: Option<(usize, Unfinished)>,
}

impl Screens {
    pub(super) fn of(ds: &Dataset, header: &[String]) -> Screens {
        let find = |name: &str| header.iter().position(|h| h == name);
        if ds.file.export != Some(crate::project::Export::Qualtrics) {
            let unfinished = unfinished_column(header).filter(|_| !ds.include_incomplete);
            return Screens { unfinished, ..Screens::default() };
        }
        Screens {
            status: find("Status").filter(|_| !ds.include_tests),
            channel: find("DistributionChannel").filter(|_| !ds.include_tests),
            finished: find("Finished").filter(|_| !ds.include_incomplete),
            unfinished: None,
        }
    }

    pub(super) fn columns(&self) -> impl Iterator<Item = usize> {
        self.status.into_iter().chain(self.channel).chain(self.finished).chain(self.unfinished.map(|u| u.0))
    }

    /// Why a row is left out, if it is: the reason on the data-quality page.
    pub(super) fn screen<'c>(&self, cell: impl Fn(usize) -> &'c str) -> Option<&'static str> {
        let is = |c: Option<usize>, values: &[&str]| {
            c.is_some_and(|c| values.iter().any(|v| redact::cell_value(cell(c)).eq_ignore_ascii_case(v)))
        };
        // Qualtrics writes Status (Response Type) as a code (numeric values) or its text
        // (choice text): 0 IP Address, 1 Survey Preview, 2 Survey Test, 4 Imported, 8 Spam,
        // 9 Preview Spam, 12 Imported Spam, 16 Offline, 17 Offline Survey Preview. 0, 4 and 16
        // are real responses.
        if is(self.status, &STATUS_SPAM) {
            Some(crate::aggregate::quality::SPAM)
        } else if is(self.status, &STATUS_PREVIEW) || is(self.channel, &["preview", "test"]) {
            Some(crate::aggregate::quality::PREVIEW)
        } else if is(self.finished, &["0", "False"]) || self.unfinished.is_some_and(|u| left_unfinished(u, &cell)) {
            Some(crate::aggregate::quality::INCOMPLETE)
        } else {
            None
        }
    }
}

/// Whether a row's cell says it was left unfinished.
pub(super) fn left_unfinished<'c>((column, how): (usize, Unfinished), cell: &impl Fn(usize) -> &'c str) -> bool {
    let value = redact::cell_value(cell(column));
    match how {
        Unfinished::Values(values) => values.iter().any(|v| value.eq_ignore_ascii_case(v)),
        Unfinished::Blank => value.is_empty(),
    }
}

/// How an export marks a response left unfinished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unfinished {
    /// The column holds one of these (compared in any case).
    Values(&'static [&'static str]),
    /// The column is blank: LimeSurvey's `submitdate` of a response never submitted.
    Blank,
}

/// What a column named `Response Status` or `Completion Status` (QuestionPro, Zoho Survey,
/// SurveySparrow and others) holds for a response that did not finish: started and left,
/// ended by screening logic, or saved part-way.
pub(super) const UNFINISHED_STATUSES: &[&str] = &[
    "Partial",
    "Partially Completed",
    "Partially Complete",
    "Disqualified",
    "Started",
    "In Progress",
    "Terminated",
    "Incomplete",
    "Screened Out",
    "Dropped",
    "Abandoned",
    "Timed Out",
    "Quota Full",
    "Over Quota",
    "未完成",
    "部分完成",
    "中途退出",
    "被甄别",
    "甄别退出",
    "配额已满",
];

/// Whether `value` is one of the statuses of an unfinished response ([`UNFINISHED_STATUSES`]),
/// in any case.
pub(crate) fn is_unfinished_status(value: &str) -> bool {
    UNFINISHED_STATUSES.iter().any(|v| value.trim().eq_ignore_ascii_case(v))
}

/// The column in which an export marks unfinished responses, as Qualtrics' `Finished` does,
/// and how: Alchemer's `Status` (Partial, Disqualified; known by `Response ID`, `Time Started`
/// and `Date Submitted`), Typeform's `Response Type` (partial; known by `Network ID` or
/// `Submit Date (UTC)`), LimeSurvey's blank `submitdate` / `Date submitted` (known by its
/// `lastpage` and `startlanguage` columns, in codes or in full), and any export's `Response
/// Status` or `Completion Status` ([`UNFINISHED_STATUSES`]).
pub(crate) fn unfinished_column(header: &[String]) -> Option<(usize, Unfinished)> {
    let find = |name: &str| header.iter().position(|h| h == name);
    let named = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)));
    if find("Response ID").is_some() && find("Time Started").is_some() && find("Date Submitted").is_some() {
        find("Status").map(|c| (c, Unfinished::Values(&["Partial", "Disqualified"])))
    } else if find("Network ID").is_some() || find("Submit Date (UTC)").is_some() {
        find("Response Type").map(|c| (c, Unfinished::Values(&["partial"])))
    } else if named(&["lastpage", "Last page"]).is_some() && named(&["startlanguage", "Start language"]).is_some() {
        named(&["submitdate", "Date submitted"]).map(|c| (c, Unfinished::Blank))
    } else {
        named(&["Response Status", "Completion Status"]).map(|c| (c, Unfinished::Values(UNFINISHED_STATUSES)))
    }
}

/// Qualtrics `Status` values of previews and tests, as codes and as texts.
pub(super) const STATUS_PREVIEW: [&str; 6] =
    ["1", "2", "17", "Survey Preview", "Survey Test", "Offline Survey Preview"];
/// Qualtrics `Status` values of responses it flagged as spam, as codes and as texts.
pub(super) const STATUS_SPAM: [&str; 6] = ["8", "9", "12", "Spam", "Preview Spam", "Imported Spam"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualtrics_status_codes_and_texts_of_previews_tests_and_spam_are_left_out() {
        let screens = Screens { status: Some(0), channel: None, finished: None, unfinished: None };
        let why = |v: &str| screens.screen(|_| v);
        for v in ["1", "2", "17", "Survey Preview", "survey test", "Offline Survey Preview", " OFFLINE SURVEY PREVIEW "]
        {
            assert_eq!(why(v), Some("preview or test response"), "{v}");
        }
        for v in ["8", "9", "12", "Spam", "spam", "Preview Spam", "Imported Spam"] {
            assert_eq!(why(v), Some("spam response"), "{v}");
        }
        // Real responses: by IP address, imported, offline.
        for v in ["0", "4", "16", "IP Address", "Imported", "Offline", ""] {
            assert_eq!(why(v), None, "{v}");
        }
    }
}
