//! Score columns from numbers: the scale their range and name say, half points, codes past
//! the ends, a header that reverses the scale, and NPS groups.

use super::*;

/// Words an export writes for the NPS groups (HubSpot's `Sentiment`, Delighted's and
/// Qualtrics' labels): worked out from the 0–10 answer, whatever the column is called.
/// The names of the NPS groups in the languages exports are written in (lower case): a
/// promoter's, a passive's and a detractor's, singular and plural.
const PROMOTER_WORDS: &[&str] = &[
    "promoter",
    "promoters",
    "promotor",
    "promotores",
    "promotora",
    "promotoras",
    "promoteur",
    "promoteurs",
    "promotoren",
    "promotore",
    "promotori",
    "推荐者",
    "推薦者",
    "推奨者",
];
const PASSIVE_WORDS: &[&str] = &[
    "passive",
    "passives",
    "neutral",
    "neutrals",
    "pasivo",
    "pasivos",
    "pasiva",
    "neutro",
    "neutros",
    "passivo",
    "passivos",
    "passif",
    "passifs",
    "neutre",
    "neutres",
    "passiver",
    "indifferente",
    "neutrale",
    "neutrali",
    "passivi",
    "passief",
    "passieven",
    "被动者",
    "被動者",
    "中立者",
];
const DETRACTOR_WORDS: &[&str] = &[
    "detractor",
    "detractors",
    "detractores",
    "detractora",
    "detrator",
    "detratores",
    "détracteur",
    "détracteurs",
    "detraktor",
    "detraktoren",
    "kritiker",
    "detrattore",
    "detrattori",
    "criticaster",
    "criticasters",
    "贬损者",
    "貶損者",
    "批评者",
    "批評者",
    "批判者",
];

/// How a column of NPS groups is said to be left out (see `from_csv::shapes::nps_groups_alone`).
pub(in crate::init) const NPS_GROUPS: &str = "NPS groups";

/// A named NPS group as a 0–10 answer in it: a promoter 10, a passive 8, a detractor 0.
pub(in crate::init) fn nps_group_value(group: &str) -> Option<i64> {
    let g = group.trim().to_lowercase();
    // The group's name may come with its range (`Promoters (9-10)`, `Detractor - 0-6`).
    let word = g.split(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    // Or the answer's part of the NPS: 100 a promoter's, 0 a passive's, −100 a detractor's.
    if g == "100" || PROMOTER_WORDS.contains(&word) {
        Some(10)
    } else if g == "0" || PASSIVE_WORDS.contains(&word) {
        Some(8)
    } else if ["-100", "−100"].contains(&g.as_str()) || DETRACTOR_WORDS.contains(&word) {
        Some(0)
    } else {
        None
    }
}

/// Whether a value names an NPS group, in any language [`nps_group_value`] knows.
fn nps_group_word(g: &str) -> bool {
    !["0", "100", "-100", "−100"].contains(&g) && nps_group_value(g).is_some()
}

/// A column of NPS groups (Qualtrics' `Q1_NPS_GROUP`: 1 detractor, 2 passive, 3 promoter;
/// or the groups' names, `Promoter` … `Detractor`), worked out from the 0–10 answers: no
/// score of its own.
pub(in crate::init) fn nps_group(name: &str, p: &Profile) -> bool {
    if p.int_count == 0 && p.distinct_count() >= 2 {
        let groups: Vec<String> = p.distinct.keys().map(|v| v.trim().to_lowercase()).collect();
        if groups.iter().all(|g| nps_group_word(g)) && groups.iter().any(|g| nps_group_value(g) == Some(10)) {
            return true;
        }
    }
    let w = words(name);
    let nps = w.iter().any(|x| x == "nps") || named(name, &["net promoter"]);
    let group = w
        .iter()
        .any(|x| ["group", "category", "categories", "segment", "class", "bucket", "type"].contains(&x.as_str()));
    let codes = p.ints.keys().all(|k| (0..=3).contains(k));
    // Each answer's part of the NPS, −100 (detractor), 0 (passive) or 100 (promoter), as
    // Qualtrics' and Medallia's NPS fields write it.
    let part = |v: &str| ["-100", "0", "100", "−100"].contains(&v.trim());
    let parts = p.distinct.keys().all(|v| part(v)) && p.distinct.keys().any(|v| v.trim().starts_with(['-', '−']));
    nps && (group || parts || (codes && p.distinct_count() <= 3))
}

/// Whether the header says its scale runs from the best answer down: anchors at both ends
/// (`1 = sehr zufrieden, 5 = sehr unzufrieden`, `(1=Very satisfied; 5=Very dissatisfied)`,
/// `1分=非常满意，5分=非常不满意`) whose labels, on a known scale, fall as the numbers rise.
pub(in crate::init) fn reversed_by_anchors(name: &str, scale: (i64, i64)) -> bool {
    static ANCHOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        // `1 = …`, `1分=…`, and as IVR prompts and questionnaires list keys: `1.非常满意`,
        // `1-非常满意`, `按1非常满意`, `Press 1 if very satisfied`.
        // `1 (very satisfied) to 5 (very dissatisfied)`: the label in brackets after its number.
        regex::Regex::new(
            r"(\d{1,2})\s*分?\s*(?:[=:：＝.．、\-–(（]|if\s+|for\s+|表示|为|是)?\s*([^,;，；、/()（）\[\]=:：＝\d]+)",
        )
        .expect("anchor pattern")
    });
    let mut low: Option<String> = None;
    let mut high: Option<String> = None;
    for c in ANCHOR.captures_iter(name) {
        let Ok(n) = c[1].parse::<i64>() else { continue };
        // `1 = very satisfied and 5 = very dissatisfied`: the label ends at the joining word.
        const JOINTS: [&str; 9] = ["and", "to", "bis", "und", "et", "y", "e", "–", "-"];
        let words: Vec<&str> =
            c[2].split_whitespace().take_while(|w| !JOINTS.contains(&w.to_lowercase().as_str())).collect();
        let label = words.join(" ").trim_end_matches(['.', '…', '～', '〜', '~']).trim().to_string();
        // `1 being the best`, `5 is worst`: the label after its linking word.
        let label = ["being ", "is ", "as "].iter().find_map(|w| label.strip_prefix(w)).unwrap_or(&label).trim();
        if label.is_empty() {
            continue;
        }
        if n == scale.0 {
            low = Some(label.to_string());
        } else if n == scale.1 {
            high = Some(label.to_string());
        }
    }
    let falls = match (&low, &high) {
        (Some(l), Some(h)) => anchor_values(l, h).is_some_and(|(l, h)| l > h),
        // One end named (`1 being the best`, `1 = excellent`, `5 = worst`): reversed when the
        // low end is the best answer or the top end the worst.
        (Some(l), None) => end_value(l) == Some(1),
        (None, Some(h)) => end_value(h) == Some(0),
        (None, None) => false,
    };
    school_grade_named(name) || falls
}

/// Words that name the best (1) or the worst (0) end of any scale, in the languages exports
/// come in: `best`, `excellent`, `très bien`, `excelente`, `とても良い`, `最满意` and their
/// opposites.
const ENDS: &[(&str, i64)] = &[
    ("best", 1),
    ("the best", 1),
    ("excellent", 1),
    ("very good", 1),
    ("outstanding", 1),
    ("worst", 0),
    ("the worst", 0),
    ("poor", 0),
    ("very poor", 0),
    ("very bad", 0),
    ("terrible", 0),
    ("sehr gut", 1),
    ("ungenügend", 0),
    ("mangelhaft", 0),
    ("sehr schlecht", 0),
    ("meilleur", 1),
    ("très bien", 1),
    ("très bon", 1),
    ("très bonne", 1),
    ("pire", 0),
    ("mauvais", 0),
    ("mauvaise", 0),
    ("très mauvais", 0),
    ("très mauvaise", 0),
    ("mejor", 1),
    ("excelente", 1),
    ("muy bien", 1),
    ("muy bueno", 1),
    ("muy buena", 1),
    ("peor", 0),
    ("muy malo", 0),
    ("muy mala", 0),
    ("malo", 0),
    ("mala", 0),
    ("ottimo", 1),
    ("pessimo", 0),
    ("最好", 1),
    ("最佳", 1),
    ("最满意", 1),
    ("最滿意", 1),
    ("最差", 0),
    ("最不满意", 0),
    ("最不滿意", 0),
    ("とても良い", 1),
    ("非常に良い", 1),
    ("最高", 1),
    ("とても悪い", 0),
    ("非常に悪い", 0),
    ("最低", 0),
];

/// The end of a scale `label` names ([`ENDS`]): 1 the best, 0 the worst. (Not a known scale's
/// label alone: `satisfied` tops a two-answer scale and is the fourth of five.)
fn end_value(label: &str) -> Option<i64> {
    let low = label.trim().to_lowercase();
    ENDS.iter().find(|(w, _)| *w == low).map(|(_, v)| *v)
}

/// The values of a header's two end labels: on one known scale (`very satisfied` and `very
/// dissatisfied`), or words that name an end of any scale (`best` and `worst`, a German
/// school grade's `sehr gut` and `ungenügend`, `最好` and `最差`).
fn anchor_values(low: &str, high: &str) -> Option<(i64, i64)> {
    if let Some(v) = labels::values_on_one_scale(&[low, high]) {
        return Some((v[0], v[1]));
    }
    Some((end_value(low)?, end_value(high)?))
}

/// Whether the cells write each answer as a number beside its label (`1 - Very satisfied`,
/// 问卷星's `非常满意(1)`, where the number is the option's place in the list) and the labels,
/// on a known scale, fall as the numbers rise: 1 is the best answer, so the numbers are read
/// reversed. Every labelled number must agree (two at least).
pub(in crate::init) fn reversed_by_cell_labels(p: &Profile) -> bool {
    let split: Vec<(i64, &str)> =
        p.distinct.keys().filter_map(|cell| crate::produce::csv::value::number_and_label(cell)).collect();
    let words: Vec<&str> = split.iter().map(|s| s.1).collect();
    let Some(values) = labels::values_on_one_scale(&words) else { return false };
    let mut pairs: Vec<(i64, i64)> = split.iter().map(|s| s.0).zip(values).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let numbers: std::collections::BTreeSet<i64> = pairs.iter().map(|p| p.0).collect();
    numbers.len() >= 2
        && pairs.windows(2).all(|w| w[0].0 == w[1].0 || w[0].1 > w[1].1)
        && pairs.windows(2).all(|w| w[0].0 != w[1].0 || w[0].1 == w[1].1)
}

/// Why a recommendation answered 1–11 is read as 0–10, one lower.
const ONE_TO_ELEVEN: &str =
    "whole numbers from 1 to 11 and no 0: a 0–10 likelihood to recommend (NPS) that the survey tool coded 1–11, each answer read one lower";

/// A score read from whole numbers, possibly with labels for some answers (`非常满意` beside
/// `4`) and not-applicable words: its scale guessed from the numbers' range and the name.
pub(in crate::init) fn numeric_score(name: &str, p: &Profile, answered: usize, mostly_ints: bool) -> Option<Role> {
    // An app's version (`5.4`, `5.5`) is a group, not tenths of a point.
    if version_named(name) {
        return None;
    }
    if let Some(role) = half_point_score(p, answered)
        .or_else(|| tenth_point_score(p, answered))
        .or_else(|| bubbles(name, p, answered))
        .or_else(|| percent_score(name, p, answered))
    {
        return Some(role);
    }
    let (labels, lo, hi) = labels_and_range(name, p, answered, mostly_ints)?;
    let nps_named = recommend_named(name);
    if !nps_named && no_answer_scale(name, p, lo, hi) {
        return None;
    }
    let answers = Answers { labels, na_words: p.na_words(), na_codes: p.na_codes() };
    // A recommendation coded 1–11: each answer is read one lower, as the 0–10 it was asked on.
    if nps_named && p.coded_one_to_eleven() {
        let mut role = answers.score((0, 10), false, ONE_TO_ELEVEN);
        if let Role::Score { labels, .. } = &mut role {
            labels.extend((1..=11).map(|k| (k.to_string(), k - 1)));
        }
        return Some(role);
    }
    if let Some((scale, why)) = stated_scale(name, lo, hi, nps_named) {
        return Some(answers.score(scale, false, &why));
    }
    let (scale, na_zero, why) = scale_of_range(name, p, answered, lo, hi, nps_named)?;
    Some(answers.score(scale, na_zero, why))
}

/// Text labels and the value each is read as.
type Labels = Vec<(String, i64)>;

/// The labels a column's words are read with (none for numbers alone) and the range of its
/// numbers and labels; `None` when it is neither mostly numbers nor labelled.
fn labels_and_range(name: &str, p: &Profile, answered: usize, mostly_ints: bool) -> Option<(Labels, i64, i64)> {
    // A recommend question's ends written as words are read before the other scales, where
    // `Extremely likely` is the top of 1–5.
    let anchors = recommend_named(name).then(|| labels::nps_anchor_labels(p)).flatten();
    let labels = match anchors.or_else(|| label_role(p.other.keys()).map(|(l, _)| l)) {
        Some(l) => Some(l),
        None if mostly_ints => Some(Vec::new()),
        None => None,
    };
    let numbers_or_labels = p.int_count * 2 >= answered || (p.int_count == 0 && labels.is_some());
    let labels = labels.filter(|_| numbers_or_labels && !p.unique())?;
    let (mut lo, mut hi) = if p.int_count == 0 { (i64::MAX, i64::MIN) } else { p.int_range().unwrap_or((0, 0)) };
    for (_, n) in &labels {
        lo = lo.min(*n);
        hi = hi.max(*n);
    }
    Some((labels, lo, hi))
}

/// Whether numbers from `lo` to `hi` answer a question of fact or measure something rather
/// than rate: coded answers (`您所在的城市` 1–9, `性别` 1–2, `Which store did you visit?` 1–3, as
/// 问卷星 and Qualtrics export choices by number) are groups; counts and measures (`Helpful
/// Votes` 0–12, `Times contacted`, `Wartezeit (Min.)`) are no answer scale, however their
/// numbers fall.
fn no_answer_scale(name: &str, p: &Profile, lo: i64, hi: i64) -> bool {
    if category_named(name) {
        return true;
    }
    // A measure's zeros are its commonest value or it runs past a rating's top (`Ring Time`
    // 0–10, `Transfers` mostly 0); a rating's 0 is "not applicable" beside answers 1–5.
    let mode = p.ints.iter().max_by_key(|(v, n)| (**n, std::cmp::Reverse(**v))).map(|(v, _)| *v);
    let measured = lo == 0 && (mode == Some(0) || hi > 7);
    counted_named(name, measured)
}

/// A column's text labels and its not-applicable words and codes, from which a score on a
/// guessed scale is made.
struct Answers {
    labels: Labels,
    na_words: Vec<String>,
    na_codes: Vec<i64>,
}

impl Answers {
    /// The score on `scale` (0 not applicable with `na_zero`), saying `why`.
    fn score(&self, scale: (i64, i64), na_zero: bool, why: &str) -> Role {
        // A code inside the scale guessed is an answer: a 9 of an NPS asked 0–10 whose sample
        // has no 8 or 10 is a promoter, not "don't know".
        let codes = self.na_codes.iter().filter(|c| **c < scale.0 || **c > scale.1).map(i64::to_string);
        let na: Vec<String> = self.na_words.iter().cloned().chain(codes).collect();
        let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
        let labelled = if self.labels.is_empty() { "" } else { " and text labels" };
        let mut labels = self.labels.clone();
        labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
        Role::Score { scale, na_zero, labels, per_point: 1, reverse: false, why: format!("{why}{labelled}{na_note}") }
    }
}

/// The scale the header states, when the answers (`lo` to `hi`) fit it: they may stop short of
/// its ends (`Ease (1-7)` answered 1–6, `Satisfaction (1-10)` answered 3–9, a `(0-100)`
/// slider). Out of 10 or 100 starts at 0 where an answer is 0, else at 1 (a grade `sur 10`).
fn stated_scale(name: &str, lo: i64, hi: i64, nps_named: bool) -> Option<((i64, i64), String)> {
    let low_name = name.to_lowercase();
    let out_of = || stated_out_of(&low_name).map(|top| (if top > 7 && lo == 0 { 0 } else { 1 }, top));
    let (from, top) = stated_range(&low_name)
        .or_else(out_of)
        .or_else(|| stated_anchors(&low_name))
        .or_else(|| stated_span(&low_name))
        .filter(|r| lo >= r.0 && hi <= r.1 && hi >= 2)?;
    let why = match (from, top) {
        (1, 10) if nps_named => "whole numbers on the 1–10 scale the header states: a likelihood to recommend asked without a 0 (NPS on 1–10)".to_string(),
        (0, 10) if nps_named => "whole numbers on the 0–10 scale the header states: a likelihood to recommend (NPS)".to_string(),
        (_, 100) => format!("whole numbers on the {from}–100 scale the header states: a score whose mean is reported"),
        _ => format!("whole numbers on the {from}–{top} scale the header states"),
    };
    Some(((from, top), why))
}

/// The scale answers from `lo` to `hi` reach, with no scale stated: (scale, 0 not applicable,
/// why). A scale's answers reach its top end (a 0–10 question gets its 10s, a 1–5 its 4s and
/// 5s); codes 1–9 or 1–2 that stop short are something else.
fn scale_of_range(
    name: &str,
    p: &Profile,
    answered: usize,
    lo: i64,
    hi: i64,
    nps_named: bool,
) -> Option<((i64, i64), bool, &'static str)> {
    let effort = effort_named(name);
    Some(if lo >= 1 && hi == 10 && !nps_named && rating_worded(name) {
        // NPS is asked 0–10; a satisfaction question scored 1–10 (`满意度打分（1-10分）`) is a
        // rating. (A column merely without 0s is not: few answer 0, and a small file of NPS
        // answers often has none.)
        ((1, 10), false, "whole numbers from 1 to 10, named for satisfaction or a grade: a 1–10 rating, not NPS")
    } else if lo >= 0 && hi == 10 && !nps_named && rating_worded(name) {
        ((0, 10), false, "whole numbers from 0 to 10, named for satisfaction or a grade: a 0–10 rating, not NPS")
    } else if lo >= 0 && hi == 10 && (leaving_named(name) || returning_named(name)) {
        ((0, 10), false, "whole numbers from 0 to 10")
    } else if nps_named && lo >= 1 && (4..=5).contains(&hi) && answered >= 20 {
        // 20 answers of a 0–10 question, none above 5, would be an NPS of −100: a
        // recommendation asked on five points is a rating.
        ((1, 5), false, RECOMMEND_ON_FIVE)
    } else if lo >= 0 && hi <= 10 && (hi == 10 || (nps_named && hi > 1)) {
        ((0, 10), false, "whole numbers from 0 to 10: a likelihood to recommend (NPS)")
    } else if lo >= 0 && hi <= 1 && p.distinct_count() >= 2 && !attribute_flag(name) {
        ((0, 1), false, "only 0 and 1: a yes/no outcome, 1 counted as positive")
    } else if lo >= 1 && hi == 4 && four_point(p, answered) {
        ((1, 4), false, FOUR_POINT)
    } else if lo == 0 && hi == 4 && !effort && four_point(p, answered) {
        ((1, 4), true, FOUR_POINT_NA)
    } else if lo >= 1 && (4..=5).contains(&hi) {
        ((1, 5), false, "whole numbers from 1 to 5")
    } else if lo == 0 && (4..=5).contains(&hi) && !effort {
        ((1, 5), true, "whole numbers from 0 to 5: a 1–5 rating with 0 for not applicable")
    } else if lo >= 1 && hi == 7 {
        ((1, 7), false, "whole numbers from 1 to 7")
    } else if lo >= 1 && hi == 6 {
        // A seven-point scale whose sample has no 7 (its top box, usually its commonest answer)
        // is rarer than a six-point one; read on 1–7, a 6 would be no top-two answer.
        (
            (1, 6),
            false,
            "whole numbers from 1 to 6, none higher: a six-point scale (if 6 codes `not applicable`, set `scale: [1, 5]` and `na: [\"6\"]`)",
        )
    } else {
        return None;
    })
}

/// Why a likelihood to recommend is read as a 1–5 rating, not an NPS.
const RECOMMEND_ON_FIVE: &str = "whole numbers from 1 to 5 over 20 answers or more, none higher: a likelihood to recommend asked on five points, a rating (an NPS is asked 0–10)";

/// Why a column is read on 1–4 ([`four_point`]).
pub(in crate::init) const FOUR_POINT: &str = "whole numbers from 1 to 4, none higher though 4 is a common answer: a four-point scale (if 5 can be answered, set `scale: [1, 5]`)";
/// Why a column with zeros is read on 1–4, 0 not applicable ([`four_point`]).
pub(in crate::init) const FOUR_POINT_NA: &str = "whole numbers from 0 to 4, none higher though 4 is a common answer: a four-point scale with 0 for not applicable (if 5 can be answered, set `scale: [1, 5]`)";

/// Whether answers that stop at 4 are a four-point scale rather than a five-point one whose
/// sample has no 5: 20 answers or more, a fifth or more of them 4. A five-point scale's top
/// answer is usually its commonest, so that many 4s and not one 5 would be unlikely (read on
/// 1–5, the 3s would count as no top-two answer and CSAT would be half what it is).
fn four_point(p: &Profile, answered: usize) -> bool {
    let fours = p.ints.get(&4).copied().unwrap_or(0);
    answered >= 20 && fours * 5 >= answered
}

/// A rating in half stars (大众点评's `4.5`): whole and half points from 0 or 1 to 5, at least
/// two answers and one in a hundred halves, nine in ten answers numbers. Read on 1–5 (0–5 when
/// a 0 or 0.5 is among them, more than a stray) with `step: 0.5`, so no half is left unread;
/// a rare value past the ends (a `5.5` or `0.5`, one answer in forty or fewer) is a stray the build reports,
/// not a reason to widen the scale.
pub(in crate::init) fn half_point_score(p: &Profile, answered: usize) -> Option<Role> {
    let halves: usize = p.halves.values().sum();
    if halves < 2 || halves * 100 < answered || (p.int_count + halves) * 10 < answered * 9 {
        return None;
    }
    // In halves: the whole numbers doubled beside the halves, strays at the ends left out.
    let mut all: std::collections::BTreeMap<i64, usize> = p.halves.clone();
    for (v, n) in &p.ints {
        *all.entry(2 * v).or_default() += n;
    }
    let stray = (p.int_count + halves) / 40;
    while all.len() > 2 && all.first_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_first();
    }
    while all.len() > 2 && all.last_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_last();
    }
    let (lo, hi) = (*all.first_key_value()?.0, *all.last_key_value()?.0);
    if lo < 0 || !(7..=10).contains(&hi) {
        return None;
    }
    let (scale, why) = if lo >= 2 {
        ((1, 5), "whole and half points from 1 to 5 (4.5): a 1–5 rating in half stars")
    } else {
        ((0, 5), "whole and half points from 0 to 5 (4.5): a 0–5 rating in half stars")
    };
    let labels = p.na_words().into_iter().map(|w| (w, NA_LABEL)).collect();
    Some(Role::Score { scale, na_zero: false, labels, per_point: 2, reverse: false, why: why.into() })
}

/// Numbers with one decimal (`8.3`, `4,8`: Booking.com's review scores out of 10, 携程's out of
/// 5), beside whole and half points, over nine answers in ten: a rating read with `step: 0.1`
/// on 1–5 (or 0–5) or 1–10 (or 0–10), by the largest answer, strays at the ends left out. Never
/// an NPS, which has whole points only; read as text, the column was a breakdown of its values
/// and the project had no score.
pub(in crate::init) fn tenth_point_score(p: &Profile, answered: usize) -> Option<Role> {
    let tenths: usize = p.tenths.values().sum();
    let halves: usize = p.halves.values().sum();
    if tenths < 2 || tenths * 100 < answered || (p.int_count + halves + tenths) * 10 < answered * 9 {
        return None;
    }
    let mut all: std::collections::BTreeMap<i64, usize> = p.tenths.clone();
    for (v, n) in &p.halves {
        *all.entry(5 * v).or_default() += n;
    }
    for (v, n) in &p.ints {
        *all.entry(10 * v).or_default() += n;
    }
    let stray = (p.int_count + halves + tenths) / 40;
    while all.len() > 2 && all.first_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_first();
    }
    while all.len() > 2 && all.last_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_last();
    }
    let (lo, hi) = (*all.first_key_value()?.0, *all.last_key_value()?.0);
    let top = match hi {
        31..=50 => 5,
        51..=100 => 10,
        _ => return None,
    };
    if lo < 0 {
        return None;
    }
    let bottom = if lo >= 10 { 1 } else { 0 };
    let why = format!(
        "numbers with one decimal from {bottom} to {top} ({}): a {bottom}–{top} rating in tenths of a point",
        if top == 5 { "4.8" } else { "8.3" }
    );
    let labels = p.na_words().into_iter().map(|w| (w, NA_LABEL)).collect();
    Some(Role::Score { scale: (bottom, top), na_zero: false, labels, per_point: 10, reverse: false, why })
}

/// Percents from 0% to 100% over nine answers in ten, at least five different ones (`93%`,
/// `78.5%`: a mystery-shopping audit's score, a quiz's result): a 0–100 score whose mean is
/// reported, with `step: 0.1` when a tenth is written. Five steps of a rating written as
/// percents (`20%` … `100%`) are labels, read before (`percent_scale`); a percent named for a
/// quantity (`Progress`, `Discount`, `完成率`) is no score.
pub(in crate::init) fn percent_score(name: &str, p: &Profile, answered: usize) -> Option<Role> {
    let percents: usize = p.percents.values().sum();
    if percents * 10 < answered * 9 || p.percents.len() < 5 || percent_quantity(name) {
        return None;
    }
    let per_point = if p.percents.keys().all(|t| t % 10 == 0) { 1 } else { 10 };
    let why = "percents from 0% to 100% (93%): a 0–100 score whose mean is reported".to_string();
    let labels = p.na_words().into_iter().map(|w| (w, NA_LABEL)).collect();
    Some(Role::Score { scale: (0, 100), na_zero: false, labels, per_point, reverse: false, why })
}

/// Whether a column of percents is named for a quantity, not a score.
fn percent_quantity(name: &str) -> bool {
    const QUANTITY: &[&str] = &[
        "progress",
        "complete",
        "completed",
        "completion",
        "discount",
        "tax",
        "vat",
        "margin",
        "growth",
        "change",
        "share",
        "rate",
        "ratio",
        "duration",
        "time",
        "进度",
        "折扣",
        "完成",
        "增长",
        "同比",
        "环比",
        "占比",
        "比例",
        "税",
    ];
    worded(name, QUANTITY) || counted_named(name, false)
}

/// Tripadvisor's bubble ratings as its exports write them, 10 to 50 in tens (`50` is five
/// bubbles), over nine answers in ten and three values at least, under a header naming a
/// rating (an age band of 20, 30, 40 is none): a 1–5 rating, each written value a label
/// (`"50": 5`). Read as numbers they were a breakdown of five groups.
pub(in crate::init) fn bubbles(name: &str, p: &Profile, answered: usize) -> Option<Role> {
    let rating = named(name, &["rating", "bubble", "score"]) || rating_worded(name);
    if !rating
        || p.int_count * 10 < answered * 9
        || p.ints.len() < 3
        || !p.ints.keys().all(|k| [10, 20, 30, 40, 50].contains(k))
    {
        return None;
    }
    let mut labels: Vec<(String, i64)> = p.ints.keys().rev().map(|k| (k.to_string(), k / 10)).collect();
    labels.extend(p.na_words().into_iter().map(|w| (w, NA_LABEL)));
    let why = "whole numbers 10 to 50 in tens: Tripadvisor's bubbles, a 1–5 rating (50 is five bubbles)".to_string();
    Some(Role::Score { scale: (1, 5), na_zero: false, labels, per_point: 1, reverse: false, why })
}

/// A 0/1 column that says what a row *is* (`is_anonymous`, `has_coupon`, `IsMember`, `是否匿名`)
/// rather than how an experience went: a breakdown, not a yes/no outcome — unless the header
/// also names an outcome (`Is your issue resolved?`, `是否解决`).
fn attribute_flag(name: &str) -> bool {
    let w = super::personal::words(name);
    let attribute = matches!(w.first().map(String::as_str), Some("is" | "has"))
        || ["是否", "有无", "有没有"].iter().any(|p| name.trim_start().starts_with(p));
    attribute && !super::outcomes::outcome_named(name)
}
