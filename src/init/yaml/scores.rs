//! The scores guessed for a dataset: which column is NPS, CSAT, CES or a rating, how each is
//! read, and wide data's `touchpoint_scores:` grouped by scale.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::names::*;
use crate::init::guess::{named, Role, NA_LABEL};

/// A score column as it will be written.
pub(super) struct ScoreOut {
    pub(super) id: String,
    pub(super) column: usize,
    pub(super) kind: Option<&'static str>,
    /// `better: lower`: an effort score asked as how much effort was spent, or a likelihood
    /// to leave.
    pub(super) lower_better: bool,
    /// Whether it asks how likely the customer is to leave (why lower is better).
    pub(super) leaving: bool,
    /// The name to show when it is not the column's header (long data's question).
    pub(super) name: Option<String>,
}

/// How a score column is read: `scale: [1, 5]`, `top_box: 1`, `na: [0]`, `labels: {…}`.
pub(super) fn reading(role: &Role) -> Vec<String> {
    let Role::Score { scale, na_zero, labels, per_point, reverse, .. } = role else { return Vec::new() };
    let mut out = vec![format!("scale: [{}, {}]", scale.0, scale.1)];
    if *per_point > 1 {
        out.push(format!("step: {}", 1.0 / f64::from(*per_point)));
    }
    if *reverse {
        out.push("reverse: true".into());
    }
    if *scale == (0, 1) {
        out.push("top_box: 1".into());
    }
    // 满意 / 基本满意 / 不满意: "basically satisfied" is satisfied, as China's public-service
    // hotlines (12345) count their 满意率, so the top two of three points are the positive ones.
    let basically = labels.iter().any(|(t, n)| *n == 2 && ["基本满意", "比较满意", "基本滿意"].contains(&t.trim()));
    if *scale == (1, 3) && basically {
        out.push("top_box: 2".into());
    }
    let mut na: Vec<String> = labels.iter().filter(|l| l.1 == NA_LABEL).map(|l| q(&l.0)).collect();
    if *na_zero {
        na.insert(0, "0".into());
    }
    if !na.is_empty() {
        out.push(format!("na: [{}]", na.join(", ")));
    }
    let labels: Vec<&(String, i64)> = labels.iter().filter(|l| l.1 != NA_LABEL).collect();
    if !labels.is_empty() {
        let l: Vec<String> = labels.iter().map(|(t, n)| format!("{}: {n}", q(t))).collect();
        out.push(format!("labels: {{ {} }}", l.join(", ")));
    }
    out
}

/// Whether a score's answers are written as ease or effort (`Very easy` … `Very difficult`,
/// `非常容易` … `非常困难`): an effort score however its column is named (Qualtrics names it
/// `Q2`, its question in a row below), not a satisfaction.
fn ease_labelled(role: &Role) -> bool {
    let Role::Score { labels, .. } = role else { return false };
    const WORDS: [&str; 7] = ["easy", "difficult", "effort", "容易", "困难", "费力", "轻松"];
    labels.iter().any(|(t, n)| *n != NA_LABEL && WORDS.iter().any(|w| t.to_lowercase().contains(w)))
}

/// Why a score was guessed.
pub(super) fn score_why(role: &Role) -> String {
    match role {
        Role::Score { why, .. } => c(why),
        _ => String::new(),
    }
}

/// Guesses the dataset's scores: 0–10 → nps; 1–7 named for effort → ces (mean); the first
/// plain 1–5 → csat. In wide data the touchpoint ratings are left to `touchpoint_scores`.
pub(super) fn guess_scores(
    header: &[String],
    roles: &[Role],
    ratings: &[usize],
    wide: bool,
    ids: &mut Ids,
) -> Vec<ScoreOut> {
    let mut scores: Vec<ScoreOut> = Vec::new();
    // Of several 0–10 columns, those named for recommending are NPS and the rest ratings: the
    // first NPS is the site's headline, which a 0–10 satisfaction question must not take.
    // An NPS asked on 1–10 (the header states it and names a recommendation) is NPS too.
    // Whole points only: an NPS has no step.
    let zero_to_ten = |i: usize| match roles[i] {
        Role::Score { scale: (0, 10), per_point: 1, .. } => true,
        Role::Score { scale: (1, 10), per_point: 1, .. } => crate::init::guess::recommend_named(&header[i]),
        _ => false,
    };
    let any_recommend = (0..roles.len()).any(|i| zero_to_ten(i) && crate::init::guess::recommend_named(&header[i]));
    let is_nps = |i: usize| {
        let h = &header[i];
        let other_intent = crate::init::guess::leaving_named(h) || crate::init::guess::returning_named(h);
        zero_to_ten(i)
            && (crate::init::guess::recommend_named(h)
                || (!any_recommend && !crate::init::guess::rating_worded(h) && !other_intent))
    };
    let touchpoint_rating: std::collections::HashSet<usize> =
        if wide { ratings.iter().copied().collect() } else { Default::default() };
    for (i, r) in roles.iter().enumerate() {
        let Role::Score { scale, .. } = r else { continue };
        if touchpoint_rating.contains(&i) {
            continue;
        }
        let effort = crate::init::guess::effort_named(&header[i]) || ease_labelled(r);
        let leaving = crate::init::guess::leaving_named(&header[i]);
        let (want, kind) = match scale {
            (0, 10) | (1, 10) if is_nps(i) => ("nps".to_string(), "nps"),
            // How likely to cancel: its mean, lower the better (below), not a top box.
            (0, 10) | (1, 10) if leaving => (score_slug(without_stated_scale(header[i].trim()), "score"), "mean"),
            // A 0–100 slider or index: its mean, as no two-box share says much on 101 points.
            (0, 100) | (1, 100) => (score_slug(without_stated_scale(header[i].trim()), "score"), "mean"),
            (1, 5) | (1, 7) if effort => ("ces".to_string(), "mean"),
            // A recommendation asked on five points is no satisfaction: a rating of its own.
            (1, 5) if crate::init::guess::recommend_named(&header[i]) => ("recommend".to_string(), "rating"),
            (1, 5) if !scores.iter().any(|s| s.id == "csat") => ("csat".to_string(), "rating"),
            // A hotline's 满意 / 基本满意 / 不满意 is its satisfaction score too, and so is a
            // satisfaction question on a four-point or 0–5 scale the header states.
            (1, 3) | (1, 4) | (0, 5)
                if crate::init::guess::satisfaction_worded(&header[i]) && !scores.iter().any(|s| s.id == "csat") =>
            {
                ("csat".to_string(), "rating")
            }
            _ => (score_slug(without_stated_scale(header[i].trim()), "score"), "rating"),
        };
        let id = ids.take(want.clone());
        // The type goes without saying only where the id implies it (`nps`, `ces`, and `rating`
        // for any other id): a second NPS (`nps2`) says `type: nps`, and an id that happens to
        // be `nps` or `ces` does not change the type of a rating.
        let implied = match id.as_str() {
            "nps" => "nps",
            "ces" => "mean",
            _ => "rating",
        };
        let kind = (kind != implied || (kind == "rating" && want != "csat")).then_some(kind);
        // Numbers asked as effort spent run the wrong way; labels (`Very low effort` 5) are
        // written best-first whatever the question asks.
        let numbers = match r {
            Role::Score { labels, .. } => labels.iter().all(|l| l.1 == crate::init::guess::NA_LABEL),
            _ => true,
        };
        let lower_better = (want == "ces" && numbers && crate::init::guess::effort_spent_named(&header[i])) || leaving;
        scores.push(ScoreOut { id, column: i, kind, lower_better, leaving, name: None });
    }
    scores
}

/// Without an NPS, the overall rating ([`overall_rating`]), else the first yes/no (0–1)
/// score, is the outcome key drivers are computed against.
pub(super) fn guess_loyalty(roles: &[Role], scores: &[ScoreOut], overall: Option<usize>) -> Option<String> {
    if scores.iter().any(|s| s.id == "nps") {
        return None;
    }
    let of = |column: usize| scores.iter().find(|s| s.column == column).map(|s| s.id.clone());
    overall.and_then(of).or_else(|| {
        scores.iter().find(|s| matches!(roles[s.column], Role::Score { scale: (0, 1), .. })).map(|s| s.id.clone())
    })
}

/// A rating of the whole experience (`Overall satisfaction`, `总体满意度`, 大众点评's `星级`):
/// the outcome the touchpoints explain, not a touchpoint of its own; the first such column.
pub(super) fn overall_rating(header: &[String], roles: &[Role]) -> Option<usize> {
    const OVERALL: &[&str] =
        &["overall", "总体", "整体", "综合", "总评", "星级", "總體", "整體", "總評", "星級", "gesamt", "global"];
    (0..roles.len()).find(|i| matches!(&roles[*i], Role::Score { scale: (1, _), .. }) && named(&header[*i], OVERALL))
}

/// The dataset's `scores:`, one line per guessed score.
pub(super) fn write_scores(y: &mut String, header: &Header, roles: &[Role], scores: &[ScoreOut]) {
    if scores.is_empty() {
        return;
    }
    y.push_str("    scores:\n");
    for s in scores {
        let mut items = vec![format!("column: {}", column_ref(header, s.column))];
        items.extend(s.kind.map(|k| format!("type: {k}")));
        items.extend(reading(&roles[s.column]));
        if s.lower_better {
            items.push("better: lower".into());
        }
        // The site shows an id without `name:` as written (`issue_resolved` → "Issue
        // resolved"): a header the id does not spell (`问题是否解决`, a question behind `Q5`)
        // is given as the name.
        let shown = s.name.clone().unwrap_or_else(|| readable_name(header, s.column));
        if !["nps", "csat", "ces"].contains(&s.id.as_str()) && !shown.eq_ignore_ascii_case(&s.id.replace('_', " ")) {
            items.push(format!("name: {}", q(&shown)));
        }
        let mut why = score_why(&roles[s.column]);
        if s.leaving {
            why.push_str("; it asks how likely the customer is to leave, so lower is better (no NPS)");
        } else if s.lower_better {
            why.push_str("; it asks how much effort was spent, so lower is better");
        }
        let _ = writeln!(y, "      {}: {{ {} }}   # guessed: {why} — review", s.id, items.join(", "));
    }
}

/// Wide data's `touchpoint_scores:`: one group per scale (and labels), so that columns read the
/// same way share a group. `metric_ids` holds the ids already taken.
pub(super) fn write_touchpoint_scores(
    y: &mut String,
    header: &Header,
    roles: &[Role],
    wide_tps: &[(String, usize)],
    scores: &[ScoreOut],
    mut metric_ids: Ids,
) {
    y.push_str("    touchpoint_scores:\n");
    // Columns of one scale share a group, their labels merged: a grid row whose sample never
    // had the low answers (`非常满意 … 一般` only) is on the same 1–5 scale as the others, and
    // one metric compares them all.
    // (scale, na_zero, half points, reversed), every label its members use with its value, and
    // the members: touchpoint id, column. The labels are kept as one map so that a column is
    // checked against a group at once, not against each member (a file may have thousands).
    type Group<'r> = ((&'r (i64, i64), bool, u8, bool), HashMap<&'r str, i64>, Vec<(String, usize)>);
    let mut groups: Vec<Group> = Vec::new();
    for (id, i) in wide_tps {
        let Role::Score { scale, na_zero, labels, per_point, reverse, .. } = &roles[*i] else { continue };
        let key = (scale, *na_zero, *per_point, *reverse);
        // No label of another member read as another value; and, where both have labels, one
        // label in common: `Excellent … Poor` and `Extremely easy … Not at all easy` are two
        // questions on 1–5, not one scale to compare touchpoints on.
        let words: Vec<&(String, i64)> = labels.iter().filter(|(_, n)| *n != NA_LABEL).collect();
        let agrees = |used: &HashMap<&str, i64>| {
            let shares = words.is_empty()
                || used.values().all(|n| *n == NA_LABEL)
                || words.iter().any(|(t, _)| used.contains_key(t.as_str()));
            shares && labels.iter().all(|(t, n)| used.get(t.as_str()).is_none_or(|v| v == n))
        };
        let at = match groups.iter().position(|(k, used, _)| *k == key && agrees(used)) {
            Some(at) => at,
            None => {
                groups.push((key, HashMap::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let (_, used, members) = &mut groups[at];
        used.extend(labels.iter().map(|(t, n)| (t.as_str(), *n)));
        members.push((id.clone(), *i));
    }
    for (k, (_, _, members)) in groups.iter().enumerate() {
        let first = &merged_labels(members.iter().map(|(_, i)| &roles[*i]));
        let Role::Score { scale, .. } = first else { continue };
        let want = if *scale == (1, 5) && k == 0 && !scores.iter().any(|s| s.id == "csat") {
            "csat".to_string()
        } else if members.iter().all(|(_, i)| crate::init::guess::effort_named(&readable_name(header, *i))) {
            "ease".to_string()
        } else if !metric_ids.has("rating") && !scores.iter().any(|s| s.id == "rating") {
            // Shown as the metric's name where the project gives none: "Rating", not the
            // "Rating 1 5" of `rating_1_5` that tiles and findings had read.
            "rating".to_string()
        } else {
            format!("rating_{}_to_{}", scale.0, scale.1)
        };
        let metric = metric_ids.take(want);
        let _ = writeln!(y, "      - metric: {metric}   # guessed: {} — review", score_why(first));
        for item in reading(first) {
            let _ = writeln!(y, "        {item}");
        }
        y.push_str("        columns:\n");
        for (id, i) in members {
            let _ = writeln!(y, "          {id}: {}", column_ref(header, *i));
        }
    }
}

/// One score role standing for several columns of one scale: the first's, with every label
/// any of them uses (highest value first).
pub(super) fn merged_labels<'r>(mut roles: impl Iterator<Item = &'r Role>) -> Role {
    let Some(first) = roles.next() else { return Role::Left(String::new()) };
    let mut merged = first.clone();
    if let Role::Score { labels, .. } = &mut merged {
        for r in roles {
            let Role::Score { labels: more, .. } = r else { continue };
            for l in more {
                if !labels.iter().any(|have| have.0 == l.0) {
                    labels.push(l.clone());
                }
            }
        }
        labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    merged
}
