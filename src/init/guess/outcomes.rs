//! Yes/no questions of outcome (resolved, found, would recommend or buy again): a 0–1 rate,
//! not a breakdown.

use super::{named, Profile, Role, NA_LABEL};

/// Words of a header asking for an outcome a yes or no answers: resolved, found, recommend,
/// would buy again, satisfied, completed the task (`Was your issue resolved?`, `问题是否解决`,
/// `Problem gelöst?`, `Task Completed`).
const OUTCOME_WORDS: &[&str] = &[
    "resolv",
    "solved",
    "fixed",
    "answered your question",
    "answer your question",
    "found what",
    "find what",
    "recommend",
    "buy again",
    "purchase again",
    "shop again",
    "order again",
    "come back",
    "return",
    "satisf",
    "expectation",
    "first contact",
    "fcr",
    "task complet",
    // Was the answer or article helpful; did the order arrive on time, as described (Amazon's
    // seller feedback).
    "helpful",
    "on time",
    "as described",
    "complete your task",
    "completed your task",
    "accomplish",
    "gelöst",
    "geloest",
    "erledigt",
    "empfehlen",
    "zufrieden",
    "résolu",
    "resolu",
    "recommander",
    "resuelto",
    "resuelta",
    "recomendar",
    "risolto",
    "解决",
    "解決",
    "推荐",
    "满意",
    "滿意",
    "找到",
    "回购",
    "复购",
    "再次购买",
    "再来",
    "完成任务",
];

/// Yes and no answers as customers and exports write them, lower case: (yes, no).
const YES_NO: &[(&str, &str)] = &[
    ("yes", "no"),
    ("y", "n"),
    ("true", "false"),
    ("是", "否"),
    ("有", "没有"),
    ("已解决", "未解决"),
    ("解决", "未解决"),
    ("ja", "nein"),
    ("oui", "non"),
    ("sí", "no"),
    ("si", "no"),
    ("sim", "não"),
    ("はい", "いいえ"),
    ("예", "아니오"),
    ("👍", "👎"),
];

/// A yes/no question of outcome ([`OUTCOME_WORDS`]: `Was your issue resolved?` Yes/No, `问题是否
/// 解决` 是/否, `Task Completed` TRUE/FALSE): a 0–1 outcome, yes counted as positive, its two
/// answers as labels — the resolution rate an executive asks for, where before it was a
/// segment. `None` unless both answers of one pair are used and nothing else (not-applicable
/// words aside).
pub(super) fn yes_no_outcome(name: &str, p: &Profile) -> Option<Role> {
    if p.overflow || p.int_count > 0 {
        return None;
    }
    let na = p.na_words();
    let answers: Vec<&String> = p.distinct.keys().filter(|v| !na.contains(v)).collect();
    // A thumb's skin tone says nothing of the answer.
    let low = |v: &String| {
        v.trim().replace(|c: char| ('\u{1F3FB}'..='\u{1F3FF}').contains(&c) || c == '\u{FE0F}', "").to_lowercase()
    };
    // Thumbs up and down are an outcome whatever the header (`Rating`, `Helpful?`).
    let thumbs = !answers.is_empty() && answers.iter().all(|v| ["👍", "👎"].contains(&low(v).as_str()));
    if !named(name, OUTCOME_WORDS) && !thumbs {
        return None;
    }
    let (yes, no) = YES_NO.iter().find(|(y, n)| answers.iter().all(|v| low(v) == *y || low(v) == *n))?;
    let said_yes: Vec<&String> = answers.iter().copied().filter(|v| low(v) == *yes).collect();
    let said_no: Vec<&String> = answers.iter().copied().filter(|v| low(v) == *no).collect();
    if said_yes.is_empty() || said_no.is_empty() {
        return None;
    }
    let mut labels: Vec<(String, i64)> = said_yes.iter().map(|v| (v.trim().to_string(), 1)).collect();
    labels.extend(said_no.iter().map(|v| (v.trim().to_string(), 0)));
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
    let why = format!(
        "{} / {} answers to a question of outcome: a yes/no outcome, {} counted as positive{na_note}",
        said_yes[0].trim(),
        said_no[0].trim(),
        said_yes[0].trim()
    );
    Some(Role::Score { scale: (0, 1), na_zero: false, labels, per_point: 1, reverse: false, why })
}

/// The codes a header states for yes and no (`Issue Resolved (1=Yes 2=No)`, `问题是否解决（1=是，
/// 2=否）`, `Resolved? Yes=1, No=0`, `1 - Yes / 2 - No`): `(yes, no)` when it names exactly one
/// code for each, in the same language pair ([`YES_NO`]).
pub(in crate::init) fn stated_yes_no_codes(header: &str) -> Option<(i64, i64)> {
    static CODE_FIRST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d.])(-?\d{1,2})\s*(?:=|:|：|＝|-|–|\)|）)\s*(\p{L}+)").expect("code pattern")
    });
    static WORD_FIRST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\p{L}])(\p{L}+)\s*(?:=|:|：|＝)\s*(-?\d{1,2})(?:[^\d.]|$)").expect("word pattern")
    });
    let low = header.to_lowercase();
    let mut pairs: Vec<(i64, String)> =
        CODE_FIRST.captures_iter(&low).filter_map(|c| Some((c[1].parse().ok()?, c[2].to_string()))).collect();
    pairs.extend(WORD_FIRST.captures_iter(&low).filter_map(|c| Some((c[2].parse().ok()?, c[1].to_string()))));
    YES_NO.iter().find_map(|(y, n)| {
        let codes = |word: &str| {
            let mut c: Vec<i64> = pairs.iter().filter(|p| p.1 == word).map(|p| p.0).collect();
            c.dedup();
            c
        };
        match (&codes(y)[..], &codes(n)[..]) {
            ([yes], [no]) if yes != no => Some((*yes, *no)),
            _ => None,
        }
    })
}

/// A yes/no question of outcome answered with the codes its header states ([`stated_yes_no_codes`]:
/// `Issue Resolved (1=Yes 2=No)` holding 1 and 2): a 0–1 outcome as [`yes_no_outcome`] makes
/// of written answers, the yes code counted as positive. Before, such a column was a breakdown
/// of two codes. Every answer must be one of the two codes (both used), a code the header
/// names as no answer, or a not-applicable word.
pub(super) fn numbered_yes_no(name: &str, p: &Profile) -> Option<Role> {
    if !named(name, OUTCOME_WORDS) || p.overflow {
        return None;
    }
    let (yes, no) = stated_yes_no_codes(name)?;
    let na = p.na_words();
    let only_codes = p.ints.keys().all(|k| *k == yes || *k == no || p.stated_na.contains(k));
    let only_numbers = p.int_count + p.na >= p.filled;
    if !only_codes || !only_numbers || !p.ints.contains_key(&yes) || !p.ints.contains_key(&no) {
        return None;
    }
    let mut labels = vec![(yes.to_string(), 1), (no.to_string(), 0)];
    let codes: Vec<String> =
        p.stated_na.iter().filter(|c| p.ints.contains_key(c)).map(i64::to_string).chain(na).collect();
    let na_note =
        if codes.is_empty() { String::new() } else { format!("; {} read as not applicable", codes.join(", ")) };
    labels.extend(codes.into_iter().map(|w| (w, NA_LABEL)));
    let why = format!(
        "the header's codes for a question of outcome ({yes} = yes, {no} = no): a yes/no outcome, {yes} counted as positive{na_note}"
    );
    Some(Role::Score { scale: (0, 1), na_zero: false, labels, per_point: 1, reverse: false, why })
}

/// Whether a header names an outcome ([`OUTCOME_WORDS`]: resolved, satisfied, recommend…).
pub(super) fn outcome_named(name: &str) -> bool {
    named(name, OUTCOME_WORDS)
}
