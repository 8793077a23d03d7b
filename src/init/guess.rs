//! Column roles for `cxsite init --from-csv`: each column is profiled over a sample and given
//! a role (respondent, date, score, comment, touchpoint, segment, dimension, or left out) from
//! its name and values.

use indexmap::IndexMap;

use crate::produce::csv::value;
/// Distinct values kept (in order of appearance) per column.
const MAX_DISTINCT: usize = 1000;

/// Most values a dimension may have (stores of a chain: hundreds).
const MAX_DIMENSION_VALUES: usize = 500;

/// The value a not-applicable word gets among the labels: none; it is written to `na:`.
pub(super) const NA_LABEL: i64 = i64::MIN;

/// Most touchpoints a touchpoint column may have.
const MAX_TOUCHPOINTS: usize = 30;

/// Known text scales: label → value.
const LABEL_SETS: &[&[(&str, i64)]] = &[
    &[
        ("非常满意", 5),
        ("很满意", 5),
        ("满意", 4),
        ("比较满意", 4),
        ("一般", 3),
        ("不满意", 2),
        ("比较不满意", 2),
        ("非常不满意", 1),
        ("很不满意", 1),
    ],
    &[("非常同意", 5), ("同意", 4), ("一般", 3), ("不同意", 2), ("非常不同意", 1)],
    &[
        ("very satisfied", 5),
        ("satisfied", 4),
        ("neutral", 3),
        ("neither satisfied nor dissatisfied", 3),
        ("dissatisfied", 2),
        ("very dissatisfied", 1),
    ],
    &[
        ("strongly agree", 5),
        ("agree", 4),
        ("neither agree nor disagree", 3),
        ("neutral", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[("satisfied", 1), ("neutral or dissatisfied", 0)],
    // Zendesk's satisfaction rating (its "Offered" and "Unoffered" are no rating: NA_WORDS).
    &[("good", 1), ("bad", 0), ("good, i'm satisfied", 1), ("bad, i'm unsatisfied", 0)],
];

/// What a column is taken to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Respondent,
    Date {
        format: Option<String>,
        why: String,
    },
    Score {
        scale: (i64, i64),
        na_zero: bool,
        labels: Vec<(String, i64)>,
        why: String,
    },
    Comment,
    Touchpoint(Vec<String>),
    Segment(usize),
    Dimension(usize),
    /// A checkbox question's answers joined in one column, with its options.
    MultiSelect(Vec<String>),
    Left(String),
}

/// One column's profile over the sample.
#[derive(Default)]
pub(super) struct Profile {
    filled: usize,
    /// Distinct values with their counts, the first [`MAX_DISTINCT`].
    distinct: IndexMap<String, usize>,
    overflow: bool,
    /// Every distinct value, for an exact uniqueness test.
    all: std::collections::HashSet<String>,
    /// Whole numbers (also `10 - Extremely likely`, `5分`) and how often each occurs.
    ints: std::collections::BTreeMap<i64, usize>,
    int_count: usize,
    /// Values that are not whole numbers, the first few.
    other: IndexMap<String, usize>,
    chars: usize,
    emails: usize,
    phones: usize,
    /// Values that are one of [`NA_WORDS`].
    na: usize,
}

/// Cell values that mean "not applicable" or "no answer" in exports (lower-cased), among them
/// what 问卷星 writes for a skipped question and an empty answer.
const NA_WORDS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "#n/a",
    "not applicable",
    "don't know",
    "don’t know",
    "-",
    "不适用",
    "无法评价",
    "不知道",
    "不清楚",
    "offered",
    "unoffered",
    "(跳过)",
    "(空)",
    "（跳过）",
    "（空）",
];

fn is_na_word(v: &str) -> bool {
    NA_WORDS.contains(&v.to_lowercase().as_str())
}

impl Profile {
    pub(super) fn add(&mut self, raw: &str) {
        // As the build reads the cell (`cell_value`), and its digits as the score reader does
        // (`١٠`, `１０` are 10).
        let cleaned = crate::aggregate::redact::cell_value(raw);
        let v = &*cleaned;
        let ascii = crate::text::digits::ascii_digits(v);
        if v.is_empty() {
            return;
        }
        self.filled += 1;
        self.na += usize::from(is_na_word(v));
        self.chars += v.chars().count();
        if self.distinct.len() < MAX_DISTINCT || self.distinct.contains_key(v) {
            *self.distinct.entry(v.to_string()).or_default() += 1;
        } else {
            self.overflow = true;
        }
        if !self.all.contains(v) {
            self.all.insert(v.to_string());
        }
        if let Some(n) = leading_int(&ascii) {
            *self.ints.entry(n).or_default() += 1;
            self.int_count += 1;
        } else if self.other.len() < 50 || self.other.contains_key(v) {
            *self.other.entry(v.to_string()).or_default() += 1;
        }
        if is_email(v) {
            self.emails += 1;
        }
        if is_phone(&ascii) {
            self.phones += 1;
        }
    }

    /// Every value differs (and there are enough to tell).
    fn unique(&self) -> bool {
        self.all.len() == self.filled && self.filled >= 10
    }

    fn distinct_count(&self) -> usize {
        self.all.len()
    }

    /// The range of the whole numbers without rare strays at either end (a 99 or -1 typed
    /// by mistake is skipped and counted by the build, and must not widen the scale).
    fn int_range(&self) -> Option<(i64, i64)> {
        let stray = self.int_count / 200;
        let mut keys: Vec<(i64, usize)> = self.ints.iter().map(|(k, n)| (*k, *n)).collect();
        while keys.len() > 2 && keys.first().is_some_and(|k| k.1 <= stray) {
            keys.remove(0);
        }
        while keys.len() > 2 && keys.last().is_some_and(|k| k.1 <= stray) {
            keys.pop();
        }
        Some((keys.first()?.0, keys.last()?.0))
    }

    /// The not-applicable words among the values that are not numbers.
    fn na_words(&self) -> Vec<String> {
        self.other.keys().filter(|v| is_na_word(v)).cloned().collect()
    }
}

/// A whole number, or one followed by a label (`10 - Extremely likely`, `5 非常满意`, `5分`),
/// as the score reader accepts it.
fn leading_int(v: &str) -> Option<i64> {
    let v = v.strip_suffix(".0").unwrap_or(v);
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    let rest = v[digits..].trim().trim_start_matches(['-', '–', ':', '.']).trim();
    if !rest.is_empty() && (rest.chars().any(|c| c.is_ascii_digit() || c == '@') || digits > 2) {
        return None;
    }
    v[..digits].parse().ok()
}

fn is_email(v: &str) -> bool {
    let Some((user, host)) = v.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
}

fn is_phone(v: &str) -> bool {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let cn_mobile = digits.len() == 11 && digits.starts_with('1') && digits.as_bytes()[1] >= b'3';
    let cn_mobile_86 = digits.len() == 13 && digits.starts_with("861");
    let international = v.starts_with('+') && (8..=15).contains(&digits.len());
    only_phone_chars && (cn_mobile || cn_mobile_86 || international)
}

pub(super) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// Whether a column name contains one of `words` (case-insensitive).
pub(super) fn named(name: &str, words: &[&str]) -> bool {
    let n = name.to_lowercase();
    words.iter().any(|w| n.contains(w))
}

fn named_id(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n == "id"
        || n == "no"
        || n.ends_with("_id")
        || n.ends_with(" id")
        || n.starts_with("id_")
        || n.contains("respondent")
        || named(name, &["编号", "序号", "用户id", "答卷", "会员号", "uuid"])
}

const DATE_WORDS: &[&str] = &["date", "time", "日期", "时间", "submitted", "created", "_at", "day", "when"];
/// The date format of a column whose values are all dates, tried in order: the standard
/// forms, then day-first and month-first patterns (with times); `None` when not dates.
fn date_role(values: &[&str], workbook: bool) -> Option<(Option<String>, String)> {
    let tz = chrono_tz::UTC;
    let sample: Vec<&str> = values.iter().copied().take(500).collect();
    if sample.is_empty() {
        return None;
    }
    // Nearly all: a stray `yesterday` is counted by the build, not a reason to doubt the column.
    let all = |f: Option<&str>| {
        let read = sample.iter().filter(|v| value::read_date(v, tz, f, workbook).is_some()).count();
        read * 20 >= sample.len() * 19
    };
    if all(None) {
        let serial = sample.iter().take(20).all(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        let why = if serial && workbook { "Excel serial day numbers" } else { "dates in a standard form" };
        return Some((None, why.into()));
    }
    let mut fits = Vec::new();
    for sep in ['/', '-', '.'] {
        for (first, second, label) in [("DD", "MM", "day first"), ("MM", "DD", "month first")] {
            for time in ["", " HH:mm", " HH:mm:ss", " h:mm A", " h:mm:ss A"] {
                let tokens = format!("{first}{sep}{second}{sep}YYYY{time}");
                let Ok(pattern) = crate::project::date_pattern(&tokens) else { continue };
                if all(Some(&pattern)) {
                    fits.push((tokens, label));
                }
            }
        }
    }
    let (tokens, label) = fits.first()?.clone();
    let ambiguous = fits.iter().any(|(_, l)| *l != label);
    let why = if ambiguous {
        format!("dates written {tokens}; no day is above 12, so day first is a guess")
    } else {
        format!("dates written {tokens} ({label})")
    };
    Some((Some(tokens), why))
}

/// The labelled scale that every given text value belongs to, if any.
fn label_role<'a>(values: impl Iterator<Item = &'a String> + Clone) -> Option<Vec<(String, i64)>> {
    'sets: for set in LABEL_SETS {
        let mut used = Vec::new();
        for v in values.clone() {
            let low = v.trim().to_lowercase();
            if is_na_word(&low) {
                continue;
            }
            match set.iter().find(|(l, _)| *l == low) {
                Some((_, n)) => used.push((v.trim().to_string(), *n)),
                None => continue 'sets,
            }
        }
        if used.is_empty() {
            return None;
        }
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        return Some(used);
    }
    None
}

const EFFORT_WORDS: &[&str] = &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"];

/// Guesses a column's role from its name and profile.
pub(super) fn classify(name: &str, p: &Profile, values: &[&str], workbook: bool) -> Role {
    if p.filled == 0 {
        return Role::Left("empty in the sample".into());
    }
    if p.emails * 2 > p.filled {
        return Role::Left("e-mail addresses: personal data, never shown".into());
    }
    if p.phones * 2 > p.filled {
        return Role::Left("phone numbers: personal data, never shown".into());
    }
    // Answers: the filled cells but those that say there is none (`(跳过)`, `N/A`).
    let answered = p.filled - p.na;
    let mostly_ints = answered > 0 && p.int_count * 10 >= answered * 9;
    let (lo, hi) = p.int_range().unwrap_or((0, 0));
    if !mostly_ints || (named(name, DATE_WORDS) && lo >= 30000) {
        if let Some((format, why)) = date_role(values, workbook) {
            return Role::Date { format, why };
        }
    }
    if named_id(name) && p.distinct_count() * 5 >= p.filled {
        return Role::Respondent;
    }
    // Numbers, possibly with labels for some answers (`非常满意` beside `4`) and N/A words.
    let labels = match label_role(p.other.keys()) {
        Some(l) => Some(l),
        None if mostly_ints => Some(Vec::new()),
        None => None,
    };
    let numbers_or_labels = p.int_count * 2 >= answered || (p.int_count == 0 && labels.is_some());
    if let (Some(labels), true) = (labels, numbers_or_labels && !p.unique()) {
        let (mut lo, mut hi) = if p.int_count == 0 { (i64::MAX, i64::MIN) } else { (lo, hi) };
        for (_, n) in &labels {
            lo = lo.min(*n);
            hi = hi.max(*n);
        }
        let nps_named = named(name, &["nps", "recommend", "推荐"]);
        let effort = named(name, EFFORT_WORDS);
        let na = p.na_words();
        let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
        let labelled = if labels.is_empty() { "" } else { " and text labels" };
        let score = |scale: (i64, i64), na_zero, why: String| {
            let mut labels = labels.clone();
            labels.extend(na.iter().map(|w| (w.clone(), NA_LABEL)));
            Some(Role::Score { scale, na_zero, labels, why: format!("{why}{labelled}{na_note}") })
        };
        let guess = if lo >= 0 && hi <= 10 && (hi >= 8 || (nps_named && hi > 1)) {
            score((0, 10), false, "whole numbers from 0 to 10: a likelihood to recommend (NPS)".into())
        } else if lo >= 0 && hi <= 1 && p.distinct_count() >= 2 {
            score((0, 1), false, "only 0 and 1: a yes/no outcome, 1 counted as positive".into())
        } else if lo >= 1 && hi <= 5 && !effort {
            score((1, 5), false, "whole numbers from 1 to 5".into())
        } else if lo == 0 && hi <= 5 && !effort {
            score((1, 5), true, "whole numbers from 0 to 5: a 1–5 rating with 0 for not applicable".into())
        } else if lo >= 1 && hi <= 7 {
            score((1, 7), false, "whole numbers from 1 to 7".into())
        } else {
            None
        };
        if let Some(role) = guess {
            return role;
        }
    }
    let avg = p.chars as f64 / p.filled as f64;
    let distinct = p.distinct_count();
    if named(name, &["touchpoint", "touch point", "触点", "接触点", "环节", "journey"])
        && !p.overflow
        && distinct <= MAX_TOUCHPOINTS
    {
        return Role::Touchpoint(p.distinct.keys().cloned().collect());
    }
    let commenty = named(
        name,
        &[
            "comment", "feedback", "verbatim", "text", "remark", "评论", "意见", "建议", "评价", "留言", "原因",
            "reason",
        ],
    );
    let varied = distinct * 2 >= p.filled;
    if !mostly_ints && varied && (avg >= 15.0 || (commenty && avg >= 4.0)) {
        return Role::Comment;
    }
    if p.unique() || (distinct * 10 >= p.filled * 9 && p.filled >= 10) {
        return Role::Left("a different value on (almost) every row: an identifier".into());
    }
    if (2..=6).contains(&distinct) && distinct * 3 <= p.filled {
        return Role::Segment(distinct);
    }
    if (2..=MAX_DIMENSION_VALUES).contains(&distinct) && distinct * 5 <= p.filled {
        return Role::Dimension(distinct);
    }
    if distinct < 2 {
        return Role::Left("the same value on every row".into());
    }
    Role::Left(format!("{distinct} different values: too many to break down by"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_followed_by_labels_read_as_their_number() {
        assert_eq!(leading_int("10 - Extremely likely"), Some(10));
        assert_eq!(leading_int("5分"), Some(5));
        assert_eq!(leading_int("7.0"), Some(7));
        assert_eq!(leading_int("2024-03-05"), None);
        assert_eq!(leading_int("12 Main St 3"), None);
    }

    #[test]
    fn personal_data_is_recognised() {
        assert!(is_email("a.b@example.com"));
        assert!(is_phone("13812345678"));
        assert!(is_phone("+86 138 1234 5678"));
        assert!(!is_phone("45356"));
    }
}
