//! The names a project's scores and dimensions take in metrics.csv, and the clashes between
//! them that loading refuses.

use super::{ScoreDef, ScoreKind};

/// Suffixes a derived metric appends to a score's metric name in metrics.csv
/// (`<metric>_<suffix>`; see `metrics::ids`). A score id may not be another score's metric
/// name plus one of these, or two rows of metrics.csv would share a name.
pub const DERIVED_METRIC_SUFFIXES: &[&str] =
    &["mean", "change", "harshness", "shrunk", "rank", "stars", "driver_r", "driver_gap", "driver_weight", "driver_r2"];

/// Derived suffixes that continue with a partition id (`nps_mix_touchpoint`).
pub const DERIVED_METRIC_PREFIXES: &[&str] = &["mix_", "within_"];

/// The base metric names a score yields in metrics.csv: its id, and `<id>_mean` for a rating.
pub fn base_metric_names(id: &str, kind: ScoreKind) -> Vec<String> {
    match kind {
        ScoreKind::Rating => vec![id.to_string(), format!("{id}_mean")],
        ScoreKind::Nps | ScoreKind::Mean => vec![id.to_string()],
    }
}

/// Whether metric name `a` is, or derives a name equal to, metric name `b`'s derived names.
fn derives_from(a: &str, b: &str) -> bool {
    a.strip_prefix(b).and_then(|r| r.strip_prefix('_')).is_some_and(|rest| {
        DERIVED_METRIC_SUFFIXES.contains(&rest) || DERIVED_METRIC_PREFIXES.iter().any(|p| rest.starts_with(p))
    })
}

/// The first clash between a new score's metric names and those of earlier scores, as
/// (new name, earlier score id).
pub(super) fn metric_name_clash(id: &str, kind: ScoreKind, earlier: &[ScoreDef]) -> Option<(String, String)> {
    let mine = base_metric_names(id, kind);
    earlier.iter().find_map(|e| {
        let theirs = base_metric_names(&e.id, e.kind);
        mine.iter()
            .find(|m| theirs.iter().any(|t| *m == t || derives_from(m, t) || derives_from(t, m)))
            .map(|m| (m.clone(), e.id.clone()))
    })
}

/// Suffixes a comment theme's metrics append to its id in metrics.csv (`<theme>_share`; see
/// `metrics::ids`); a theme also writes `<theme>_<metric>_gap` for the headline metric.
pub const THEME_METRIC_SUFFIXES: &[&str] = &["mentions", "share", "negative", "share_change"];

/// The metric names theme `theme` may write: its statistics, and its gap on any score's base
/// metric (which one is the headline is known only once the data is read, so all are taken).
fn theme_metric_names(theme: &str, scores: &[ScoreDef]) -> Vec<String> {
    let stats = THEME_METRIC_SUFFIXES.iter().map(|s| format!("{theme}_{s}"));
    let gaps = scores.iter().flat_map(|s| base_metric_names(&s.id, s.kind)).map(|m| format!("{theme}_{m}_gap"));
    stats.chain(gaps).collect()
}

/// The first metric name theme `theme` would write that a score (or a multi-select option's
/// share) writes too, as (name, index of the score in `scores`). Theme metrics have no
/// derived names of their own, so a clash is a score's base name or one derived from it.
pub(super) fn theme_metric_clash(theme: &str, scores: &[ScoreDef]) -> Option<(String, usize)> {
    let names = theme_metric_names(theme, scores);
    scores.iter().enumerate().find_map(|(i, s)| {
        let theirs = base_metric_names(&s.id, s.kind);
        names.iter().find(|m| theirs.iter().any(|t| *m == t || derives_from(m, t))).map(|m| (m.clone(), i))
    })
}

/// Dimension names cxsite itself uses in metrics.csv; a configured dimension may not take them.
pub const RESERVED_DIMENSIONS: &[&str] =
    &["overall", "stage", "touchpoint", "segment", "period", "touchpoint_segment", "touchpoint_period", "source"];
