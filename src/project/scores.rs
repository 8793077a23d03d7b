//! Validation of a dataset's scores: their ids, types, scales and steps, top boxes, labels and
//! not-applicable values, in `scores:` and `touchpoint_scores:` alike.

use super::config::{self, Located, RawDataset};
use super::datasets::locale_names;
use super::validate::{column, pos, Validator};
use super::*;
use crate::aggregate::redact::{cell_value, spaced};

impl Validator {
    /// The columns of `scores:`, each score defined (or matched) in `scores`.
    pub(super) fn score_columns(&mut self, d: &RawDataset, scores: &mut Vec<ScoreDef>) -> Vec<ScoreColumn> {
        let mut score_columns = Vec::new();
        for (sid_at, s) in &d.scores {
            let sid = &sid_at.value;
            let def = ScoreInput {
                id: sid,
                id_at: pos(sid_at),
                at: pos(&s.column),
                scale: &s.scale,
                kind: &s.kind,
                top_box: &s.top_box,
                step: &s.step,
                name: s.name.as_ref(),
                better: s.better.as_ref(),
            };
            if let Some(score) = self.score_def(def, scores) {
                self.check_na_labels(sid, &s.na, &s.labels, pos(&s.column));
                let labels = self.labels_in_steps(sid, &s.labels, &scores[score], pos(&s.column));
                let mut reading = reading(&s.na, labels, s.reverse);
                reading.range = self.nps_one_to_ten(&scores[score], &s.scale, pos(&s.column));
                score_columns.push(ScoreColumn { score, column: column(&s.column), reading, touchpoint: None });
            }
        }
        score_columns
    }

    /// A value listed under both `na:` and `labels:` of a score is an error: it cannot be both
    /// no answer and an answer (compared as cells are, trimmed and in any case).
    fn check_na_labels(
        &mut self,
        score: &str,
        na: &[config::Scalar],
        labels: &indexmap::IndexMap<String, f64>,
        at: Pos,
    ) {
        for v in na {
            let key = spaced(&cell_value(&v.0)).to_lowercase();
            if let Some((label, n)) = labels.iter().find(|(l, _)| spaced(&cell_value(l)).to_lowercase() == key) {
                self.error(
                    at,
                    format!("score `{score}`: `{label}` is listed under both `na:` (not an answer) and `labels:` (read as {n}); a value is one or the other"),
                );
            }
        }
    }

    /// The columns of `touchpoint_scores:` (a wide dataset), one per touchpoint named.
    pub(super) fn touchpoint_score_columns(
        &mut self,
        d: &RawDataset,
        touchpoints: &[Touchpoint],
        scores: &mut Vec<ScoreDef>,
    ) -> Vec<ScoreColumn> {
        let tp_ids: Vec<&str> = touchpoints.iter().map(|t| t.id.as_str()).collect();
        // Id → the first touchpoint of that id, looked up per column (a wide file may name
        // thousands).
        let mut tp_index: rustc_hash::FxHashMap<&str, usize> = rustc_hash::FxHashMap::default();
        for (i, id) in tp_ids.iter().enumerate().rev() {
            tp_index.insert(id, i);
        }
        let mut score_columns = Vec::new();
        // (score, column as a header is matched) → the touchpoint that reads it first.
        let mut read_by: std::collections::HashMap<(usize, String), &str> = Default::default();
        for ts in d.touchpoint_scores.iter().flat_map(|g| &g.0) {
            let metric = ts.metric.as_ref().map(|m| m.value.clone()).unwrap_or_else(|| "csat".into());
            let at = ts.metric.as_ref().map(pos).unwrap_or(pos(&d.id));
            let def = ScoreInput {
                id: &metric,
                id_at: at,
                at,
                scale: &ts.scale,
                kind: &ts.kind,
                top_box: &ts.top_box,
                step: &ts.step,
                name: None,
                better: None,
            };
            if let Some(score) = self.score_def(def, scores) {
                self.check_na_labels(&metric, &ts.na, &ts.labels, at);
                let labels = self.labels_in_steps(&metric, &ts.labels, &scores[score], at);
                let mut r = reading(&ts.na, labels, ts.reverse);
                r.range = self.nps_one_to_ten(&scores[score], &ts.scale, at);
                for (tp, col) in &ts.columns {
                    let key = (score, crate::aggregate::redact::name_key(&col.value));
                    match read_by.get(&key) {
                        Some(first) => self.warning(
                            pos(col),
                            format!(
                                "column `{}` is read for touchpoints `{first}` and `{tp}`: each answer in it counts at both, so all customers, the stage and `{metric}` overall count it twice; give each touchpoint its own column",
                                col.value
                            ),
                        ),
                        None => {
                            read_by.insert(key, tp.as_str());
                        }
                    }
                    match tp_index.get(tp.as_str()).copied() {
                        Some(ti) => score_columns.push(ScoreColumn {
                            score,
                            column: column(col),
                            reading: r.clone(),
                            touchpoint: Some(ti),
                        }),
                        None => self.error(
                            pos(col),
                            format!(
                                "`touchpoint_scores.columns` names touchpoint `{tp}`, which is not in the journey{}",
                                hint(tp, &tp_ids)
                            ),
                        ),
                    }
                }
            }
        }
        score_columns
    }

    /// The column's own range for an NPS declared `scale: [1, 10]` (with a warning that says how
    /// it is scored); `None` for every other score.
    fn nps_one_to_ten(
        &mut self,
        def: &ScoreDef,
        scale: &Option<serde_saphyr::Spanned<Vec<i64>>>,
        at: Pos,
    ) -> Option<(i64, i64)> {
        let declared = scale.as_ref().map(|s| s.value.as_slice());
        (def.kind == ScoreKind::Nps && declared == Some(&[1, 10][..])).then(|| {
            self.warning(
                at,
                format!(
                    "score `{}` is an NPS asked on 1–10: it is scored as on 0–10 without the 0 (9–10 promoters, 1–6 detractors), which is not exactly comparable with an NPS asked on 0–10",
                    def.id
                ),
            );
            (1, 10)
        })
    }

    /// Registers a score id (or checks it agrees with an earlier dataset's) and returns its index.
    /// The first error found ends the checks, in the order of these calls.
    pub(super) fn score_def(&mut self, s: ScoreInput, scores: &mut Vec<ScoreDef>) -> Option<usize> {
        self.check_score_id(&s)?;
        let kind = self.score_kind(&s)?;
        let (min, max) = self.score_scale(&s, kind)?;
        let per_point = self.per_point(&s, kind, min, max)?;
        let top_box = self.top_box(&s, min, max, per_point)?;
        let lower_better = self.lower_better(&s)?;
        let names = locale_names(s.name);
        // Counted in steps (see `ScoreDef`): the scale's ends are whole points.
        let (min, max) = (min * per_point, max * per_point);
        let def = ScoreDef { names, lower_better, per_point, ..ScoreDef::new(s.id, kind, min, max, top_box) };
        self.register_score(&s, def, scores)
    }

    /// A score id is letters (of any script, as in 好评率: it names a metric, never a file),
    /// digits or `_`.
    fn check_score_id(&mut self, s: &ScoreInput) -> Option<()> {
        if s.id.is_empty() || !s.id.chars().all(|c| c.is_alphanumeric() || c == '_') {
            self.error(s.id_at, format!("score id `{}` must be letters, digits or `_`", s.id));
            return None;
        }
        Some(())
    }

    /// `type:`, or by the id when not given: `nps` is an NPS, `ces` a mean, the rest ratings.
    fn score_kind(&mut self, s: &ScoreInput) -> Option<ScoreKind> {
        match s.kind.as_ref().map(|k| (k.value.as_str(), pos(k))) {
            Some(("nps", _)) => Some(ScoreKind::Nps),
            Some(("rating", _)) => Some(ScoreKind::Rating),
            Some(("mean", _)) => Some(ScoreKind::Mean),
            Some((other, at)) => {
                self.error(
                    at,
                    format!(
                        "unknown score type `{other}`{}; expected nps, rating or mean",
                        hint(other, &["nps", "rating", "mean"])
                    ),
                );
                None
            }
            None => Some(match s.id {
                "nps" => ScoreKind::Nps,
                "ces" => ScoreKind::Mean,
                _ => ScoreKind::Rating,
            }),
        }
    }

    /// The scale the score is counted on: `scale:`, or 0–10 for an NPS, which must be on
    /// 0–10 (1–10 is read as 0–10).
    fn score_scale(&mut self, s: &ScoreInput, kind: ScoreKind) -> Option<(i64, i64)> {
        let (min, max) = match (s.scale, kind) {
            (Some(sc), _) => self.written_scale(s, sc)?,
            (None, ScoreKind::Nps) => (0, 10),
            (None, _) => {
                self.error(s.id_at, format!("score `{}` needs a `scale: [min, max]`", s.id));
                return None;
            }
        };
        // An NPS asked on 1–10 is scored on 0–10; the column keeps its own range in its reading.
        let (min, max) = if kind == ScoreKind::Nps && (min, max) == (1, 10) { (0, 10) } else { (min, max) };
        if kind == ScoreKind::Nps && (min, max) != (0, 10) {
            self.error(s.at, format!("score `{}` is an NPS and so must use the 0–10 scale (or 1–10 where the survey tool drops the 0), not [{min}, {max}]", s.id));
            return None;
        }
        Some((min, max))
    }

    /// A written `scale: [min, max]`: two values, min < max, within what cxsite counts.
    fn written_scale(&mut self, s: &ScoreInput, sc: &serde_saphyr::Spanned<Vec<i64>>) -> Option<(i64, i64)> {
        let at = Pos { line: sc.referenced.line(), column: sc.referenced.column() };
        match sc.value.as_slice() {
            [a, b]
                if a < b
                    && (a.abs_diff(*b) > MAX_SCALE_WIDTH as u64
                        || a.abs_diff(0).max(b.abs_diff(0)) > MAX_SCALE_END as u64) =>
            {
                self.error(
                    at,
                    format!(
                        "scale of `{}` is [{a}, {b}], wider than cxsite supports: every value of a scale is counted, so max − min may be at most {MAX_SCALE_WIDTH} and both ends must lie between −{MAX_SCALE_END} and {MAX_SCALE_END}",
                        s.id
                    ),
                );
                None
            }
            [a, b] if a < b => Some((*a, *b)),
            _ => {
                self.error(at, format!("scale of `{}` must be `[min, max]` with min < max, e.g. [1, 5]", s.id));
                None
            }
        }
    }

    /// Steps per point from `step:` (1 when not given): a step that divides a point evenly
    /// (0.5, 0.25, 0.2, 0.1, down to 0.01), not for an NPS, with no more steps on the scale than
    /// cxsite counts.
    fn per_point(&mut self, s: &ScoreInput, kind: ScoreKind, min: i64, max: i64) -> Option<i64> {
        let Some(step) = s.step else { return Some(1) };
        let at = Pos { line: step.referenced.line(), column: step.referenced.column() };
        let v = step.value;
        let per_point = (1.0 / v).round();
        if !(v > 0.0 && v <= 1.0) || per_point > 100.0 || (per_point * v - 1.0).abs() > 1e-9 {
            self.error(
                at,
                format!("`step: {v}` of `{}` must divide a point evenly: 1, 0.5 (half stars), 0.25, 0.2 or 0.1, down to 0.01", s.id),
            );
            return None;
        }
        let per_point = per_point as i64;
        if kind == ScoreKind::Nps && per_point != 1 {
            self.error(
                at,
                format!("score `{}` is an NPS, which is asked in whole points 0–10; leave out `step:`", s.id),
            );
            return None;
        }
        if (max - min) * per_point > MAX_SCALE_WIDTH {
            self.error(
                at,
                format!(
                    "`{}` on [{min}, {max}] in steps of {v} has {} values, more than the {MAX_SCALE_WIDTH} cxsite counts (every value of a scale is counted); use a larger step",
                    s.id,
                    (max - min) * per_point + 1
                ),
            );
            return None;
        }
        Some(per_point)
    }

    /// `top_box:` in steps (see `ScoreDef`), within the scale and on a step (`4.5` with
    /// `step: 0.5`); when not given, the top-two box, or the top box alone on a scale of three
    /// points.
    fn top_box(&mut self, s: &ScoreInput, min: i64, max: i64, per_point: i64) -> Option<i64> {
        let k = per_point;
        match s.top_box {
            Some(t) if t.value < min as f64 || t.value > max as f64 => {
                let at = Pos { line: t.referenced.line(), column: t.referenced.column() };
                self.error(at, format!("top_box {} is outside the scale [{min}, {max}]", t.value));
                None
            }
            Some(t) => {
                let steps = points_in_steps(t.value, k);
                if steps.is_none() {
                    let at = Pos { line: t.referenced.line(), column: t.referenced.column() };
                    self.error(at, format!("top_box {} is {}", t.value, off_step(t.value, k)));
                }
                steps
            }
            // Top-two box: 4–5 of 1–5, 6–7 of 1–7. A 0–1 outcome counts 1 as positive. Of
            // three points (好评 / 中评 / 差评, Awesome / Just okay / Not good) the top two are
            // all but the worst, the middle "neutral" counted as satisfied: the top box alone.
            None if max - min == 2 => Some(max * k),
            None => Some((max - 1).max(min + 1) * k),
        }
    }

    /// A score's `labels:` with their values in its steps (`{ 四星半: 4.5 }` is step 9 of a
    /// half-point scale); a value between steps is an error at the score.
    fn labels_in_steps(
        &mut self,
        score: &str,
        labels: &indexmap::IndexMap<String, f64>,
        def: &ScoreDef,
        at: Pos,
    ) -> Vec<(String, i64)> {
        let mut out = Vec::new();
        for (label, v) in labels {
            match points_in_steps(*v, def.per_point) {
                // A label past the scale's ends would make every answer with it invalid.
                Some(steps) if !(def.min..=def.max).contains(&steps) => self.error(
                    at,
                    format!(
                        "score `{score}`: label `{label}` is {v}, outside its scale [{}, {}]",
                        def.show(def.min),
                        def.show(def.max)
                    ),
                ),
                Some(steps) => out.push((label.clone(), steps)),
                None => self.error(
                    at,
                    format!("score `{score}`: label `{label}` is {v}, which is {}", off_step(*v, def.per_point)),
                ),
            }
        }
        out
    }

    /// `better: lower` (as for effort); higher is better otherwise.
    fn lower_better(&mut self, s: &ScoreInput) -> Option<bool> {
        match s.better.map(|b| (b.value.as_str(), pos(b))) {
            None | Some(("higher", _)) => Some(false),
            Some(("lower", _)) => Some(true),
            Some((other, at)) => {
                self.error(at, format!("unknown `better: {other}`; expected `higher` or `lower`"));
                None
            }
        }
    }

    /// Adds `def` to `scores`, or finds the earlier dataset's score of the same id, which must
    /// be read the same way; a new id must not write a metric name another score writes.
    fn register_score(&mut self, s: &ScoreInput, def: ScoreDef, scores: &mut Vec<ScoreDef>) -> Option<usize> {
        let Some(i) = scores.iter().position(|x| x.id == def.id) else {
            if let Some((name, other)) = metric_name_clash(&def.id, def.kind, scores) {
                self.error(s.id_at, format!("score `{}` would write metric `{name}`, which clashes with a metric of score `{other}` in metrics.csv; give it another id", s.id));
                return None;
            }
            self.score_at.insert(def.id.clone(), s.id_at);
            scores.push(def);
            return Some(scores.len() - 1);
        };
        let x = &scores[i];
        if x.choice.is_some() {
            self.error(
                s.id_at,
                format!("score `{}` has the id of a multi-select option's share; give it another id", s.id),
            );
            return None;
        }
        if (x.kind, x.min, x.max, x.top_box, x.per_point) != (def.kind, def.min, def.max, def.top_box, def.per_point) {
            self.error(s.id_at, format!("score `{}` is read differently here than in an earlier dataset (type, scale, step or top_box differ); give it another id", s.id));
            return None;
        }
        Some(i)
    }
}

/// The parts of a score definition shared by `scores:` and `touchpoint_scores:`.
pub(super) struct ScoreInput<'a> {
    id: &'a str,
    /// Where the id is written (the key of `scores:`, or `metric:`).
    id_at: Pos,
    /// Where the score's column is named: what is said of the score as a whole points here.
    at: Pos,
    scale: &'a Option<serde_saphyr::Spanned<Vec<i64>>>,
    kind: &'a Option<Located>,
    top_box: &'a Option<serde_saphyr::Spanned<f64>>,
    step: &'a Option<serde_saphyr::Spanned<f64>>,
    name: Option<&'a config::ScoreName>,
    better: Option<&'a Located>,
}

/// A score's reading of its `na:` words and labels, each as a cell is read ([`cell_value`]:
/// a zero-width space or a bidirectional mark written as an escape is no part of it), its
/// spaces evened out ([`spaced`]) and in lower case.
pub(super) fn reading(na: &[config::Scalar], labels: Vec<(String, i64)>, reverse: bool) -> Reading {
    Reading {
        range: None,
        reverse,
        na: na.iter().map(|s| spaced(&cell_value(&s.0)).to_lowercase()).collect(),
        labels: labels.into_iter().map(|(k, v)| (spaced(&cell_value(&k)).to_lowercase(), v)).collect(),
    }
}

/// Why `v` points is no value of a score counted in `per_point` steps a point (to follow
/// "is"): between its steps, or on a scale of whole points a part of one, with the setting to
/// add for half points.
fn off_step(v: f64, per_point: i64) -> String {
    if per_point > 1 {
        return between_steps(per_point);
    }
    let half = if (v * 2.0).fract() == 0.0 { "; add `step: 0.5` to the score to count half points" } else { "" };
    format!("not a whole point of the scale{half}")
}
