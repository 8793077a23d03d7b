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

/// Dimension names cxsite itself uses in metrics.csv; a configured dimension may not take them.
pub const RESERVED_DIMENSIONS: &[&str] =
    &["overall", "stage", "touchpoint", "segment", "period", "touchpoint_segment", "touchpoint_period", "source"];
