//! The metrics a project's scores yield — a name, a score and what it measures — and the
//! headline among them.

use serde::Serialize;

use super::MetricId;
use crate::project::{Project, ScoreDef, ScoreKind};

/// What a metric name measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// NPS in points.
    Nps,
    /// Share in the top box, percent.
    TopBox,
    /// Mean on the scale.
    Mean,
}

/// A metric name and how it is computed from a score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MetricDef {
    /// What it measures; `name` is its string in metrics.csv.
    #[serde(skip)]
    pub id: MetricId,
    pub name: String,
    /// Index into `Project::scores`.
    pub score: usize,
    pub measure: Measure,
}

impl MetricDef {
    /// Whether this metric headlines its score: every metric except a rating's mean (the
    /// rating's top-box share is its headline).
    pub fn is_headline(&self) -> bool {
        self.id.is_headline()
    }
}

/// The metrics a score yields, in a fixed order. A multi-select option's share is not among
/// them (see [`choice_defs`]): it is not a score the site shows, ranks or follows over time.
pub fn metric_defs(scores: &[ScoreDef]) -> Vec<MetricDef> {
    let mut out = Vec::new();
    let def = |id: MetricId, score: usize, measure: Measure| MetricDef { name: id.name(scores), id, score, measure };
    for (i, s) in scores.iter().enumerate() {
        if s.choice.is_some() {
            continue;
        }
        match s.kind {
            ScoreKind::Nps => out.push(def(MetricId::Headline(i), i, Measure::Nps)),
            ScoreKind::Rating => {
                out.push(def(MetricId::Headline(i), i, Measure::TopBox));
                if s.has_mean() {
                    out.push(def(MetricId::RatingMean(i), i, Measure::Mean));
                }
            }
            ScoreKind::Mean => out.push(def(MetricId::Headline(i), i, Measure::Mean)),
        }
    }
    out
}

/// The share choosing each option of each multi-select question: the top-box share (Wilson
/// interval) of the option's 0/1 indicator.
pub fn choice_defs(scores: &[ScoreDef]) -> Vec<MetricDef> {
    scores
        .iter()
        .enumerate()
        .filter(|(_, s)| s.choice.is_some())
        .map(|(i, _)| MetricDef {
            name: MetricId::Choice(i).name(scores),
            id: MetricId::Choice(i),
            score: i,
            measure: Measure::TopBox,
        })
        .collect()
}

/// The range a measure's values can take: NPS −100…100, shares 0…100, means their scale.
pub fn measure_range(measure: Measure, def: &ScoreDef) -> (f64, f64) {
    match measure {
        Measure::Nps => (-100.0, 100.0),
        Measure::TopBox => (0.0, 100.0),
        Measure::Mean => def.range(),
    }
}

/// The headline metric: the loyalty score's, else the first.
pub fn headline<'d>(project: &Project, defs: &'d [MetricDef]) -> Option<&'d MetricDef> {
    project.loyalty.and_then(|l| defs.iter().find(|d| d.score == l)).or_else(|| defs.first())
}
