//! Answer scales written as words (`很满意` … `很不满意`, `Very likely` … `Very unlikely`,
//! Zendesk's `Good`/`Bad`, Taobao's `好评`/`中评`/`差评`): which known scale a column's text values belong to.
//!
//! The known wordings are in [`sets`]; scales known by their form (faces, degrees, yes / partly /
//! no, star enums) in [`shapes`]; a recommendation's written ends in [`nps_anchors`]; whether an
//! unknown answer sounds like a scale in [`scale_like`]. Here: which of them a column's answers
//! fit, and the score that makes.

mod nps_anchors;
mod scale_like;
mod sets;
mod shapes;

use super::profile::{is_na_word, Profile};
use super::{Role, NA_LABEL};
pub(in crate::init::guess) use nps_anchors::nps_anchor_labels;
pub(in crate::init) use scale_like::scale_like;
use sets::LABEL_SETS;
use shapes::{degree_scale, face_scale, percent_scale, star_enum, yes_partly_no};

/// Labels as written in the data, with their values.
type Labels = Vec<(String, i64)>;

/// The value of one label on the first known scale that has it (`sehr zufrieden` → 5), as a
/// header's anchors name the ends of its scale (`1 = sehr zufrieden, 5 = sehr unzufrieden`).
pub(super) fn label_value(label: &str) -> Option<i64> {
    let low = label.trim().to_lowercase();
    LABEL_SETS.iter().find_map(|set| set.iter().find(|(l, _)| *l == low).map(|(_, n)| *n))
}

/// The values of `labels` on the first known scale that has every one of them (`Satisfied` is
/// 4 beside `Very satisfied`, where alone it would be the top of a two-point scale).
pub(super) fn values_on_one_scale(labels: &[&str]) -> Option<Vec<i64>> {
    let low: Vec<String> = labels.iter().map(|l| l.trim().to_lowercase()).collect();
    LABEL_SETS.iter().find_map(|set| {
        low.iter().map(|l| set.iter().find(|(w, _)| w == l).map(|(_, n)| *n)).collect::<Option<Vec<i64>>>()
    })
}

/// The labelled scale that every given text value belongs to, if any: the labels used, and
/// the whole scale's range (a sample without `Extremely dissatisfied` is still on 1–7).
pub(super) fn label_role<'a>(values: impl Iterator<Item = &'a String> + Clone) -> Option<(Labels, (i64, i64))> {
    if let Some(faces) = face_scale(values.clone()) {
        return Some(faces);
    }
    if let Some(percents) = percent_scale(values.clone()) {
        return Some(percents);
    }
    if let Some(stars) = star_enum(values.clone()) {
        return Some(stars);
    }
    if let Some(steps) = yes_partly_no(values.clone()) {
        return Some(steps);
    }
    'sets: for set in LABEL_SETS {
        let mut used = Vec::new();
        for v in values.clone() {
            // Without a leading emoji or symbol (Intercom's `🤩 Amazing`); written out as it is.
            if is_na_word(&v.trim().to_lowercase()) {
                continue;
            }
            let low = v.trim().trim_start_matches(|c: char| !c.is_alphanumeric()).trim().to_lowercase();
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
        // Two answers the column tells apart at one point of this scale (`Very easy` and
        // `Extremely easy`, both the top of a five-point wording): the column is on a longer
        // scale that has both.
        if two_answers_at_one_point(&used) {
            continue 'sets;
        }
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let lo = set.iter().map(|l| l.1).min().unwrap_or(0);
        let hi = set.iter().map(|l| l.1).max().unwrap_or(0);
        return Some((used, (lo, hi)));
    }
    degree_scale(values)
}

/// Whether two different answers (compared as the sets are: lower case, spaces evened) were
/// given the same value. Zendesk's `Good` and `Good with comment` (`GoodWithComment` in its
/// older exports) are one answer, with a comment or without.
fn two_answers_at_one_point(used: &[(String, i64)]) -> bool {
    let key = |l: &str| {
        let even = l.to_lowercase().split_whitespace().collect::<Vec<_>>().join(" ");
        let bare = even.strip_suffix("with comment").or_else(|| even.strip_suffix("withcomment"));
        bare.map_or(even.clone(), |b| b.trim_end().to_string())
    };
    used.iter().enumerate().any(|(i, (a, n))| used[..i].iter().any(|(b, m)| m == n && key(a) != key(b)))
}

/// Labels of a five-point scale that use both of its sides and never its middle, over 20
/// answers or more (`Very satisfied`, `Satisfied`, `Dissatisfied`, `Very dissatisfied`): a
/// four-point scale without a midpoint, forced choice, read on 1–4. On 1–5 its top two box is
/// the same, but its mean would stand between points no one could answer.
fn without_midpoint(labels: Labels, scale: (i64, i64), answered: usize) -> (Labels, (i64, i64)) {
    let mut points: Vec<i64> = labels.iter().map(|l| l.1).collect();
    points.sort_unstable();
    points.dedup();
    if scale != (1, 5) || points != [1, 2, 4, 5] || answered < 20 {
        return (labels, scale);
    }
    let labels = labels.into_iter().map(|(l, n)| (l, if n > 3 { n - 1 } else { n })).collect();
    (labels, (1, 4))
}

/// A column whose every answer is a label of one known scale (`很满意` … `很不满意`,
/// `Very likely` … `Very unlikely`, Zendesk's `Good`/`Bad`): a score on that scale, the labels
/// written out, not-applicable words under `na:`.
/// Stars written as asterisks (`***`, `*****`), as review exports and mystery-shopping forms
/// write them: each run read as its length on a 1–5 scale (1–10 when a run is longer), through
/// labels. A lone `*` is one star here, not the "no answer" mark it is beside numbers.
fn asterisk_stars(p: &Profile) -> Option<Role> {
    let stars = |v: &str| (1..=10).contains(&v.len()) && v.bytes().all(|b| b == b'*');
    let na = p.na_words().into_iter().filter(|w| !stars(w)).collect::<Vec<_>>();
    let runs: Vec<usize> =
        p.other.keys().filter(|v| !na.contains(v)).map(|v| v.trim()).filter(|v| stars(v)).map(str::len).collect();
    if runs.len() < 2 || runs.len() + na.len() < p.other.len() {
        return None;
    }
    let top = if runs.iter().all(|n| *n <= 5) { 5 } else { 10 };
    let mut labels: Vec<(String, i64)> = (1..=top).rev().map(|n| ("*".repeat(n as usize), n)).collect();
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
    let why = format!("stars written as asterisks (*** = 3): a 1–{top} rating{na_note}");
    Some(Role::Score { scale: (1, top), na_zero: false, labels, per_point: 1, reverse: false, why })
}

pub(super) fn labelled_score(p: &Profile) -> Option<Role> {
    // Numbers among the labels are read by the mixed path; a label column never holds all
    // its distinct values in a sample this short only when they are too many to be a scale.
    if p.int_count > 0 || p.unique() || p.other.len() < p.distinct_count() {
        return None;
    }
    if let Some(role) = asterisk_stars(p) {
        return Some(role);
    }
    let (labels, scale) = label_role(p.other.keys())?;
    // One label on every row (`good` throughout) tells nothing: left out as the same value on
    // every row, like a constant number, not taken for a yes/no outcome.
    if labels.len() < 2 {
        return None;
    }
    let (labels, scale) = without_midpoint(labels, scale, p.filled - p.na);
    let (top, bottom) = (labels.first()?.0.clone(), labels.last()?.0.clone());
    let na = p.na_words();
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    let why = if scale == (0, 1) {
        format!("text labels ({top} = 1, {bottom} = 0): a yes/no outcome, 1 counted as positive{na_note}")
    } else {
        format!("text labels of a {}-point scale ({top} … {bottom}){na_note}", scale.1 - scale.0 + 1)
    };
    let mut labels = labels;
    labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
    Some(Role::Score { scale, na_zero: false, labels, per_point: 1, reverse: false, why })
}
