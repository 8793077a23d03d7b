//! Typed group keys: which customers a partial aggregate counts.

use serde::Serialize;

/// The kinds of group cxsite computes metrics for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Dim {
    Overall,
    Stage,
    Touchpoint,
    Segment,
    Source,
    /// A configured dimension, by index into `Project::dimensions`.
    Custom(usize),
    /// Touchpoint × segment; group `touchpoint_id|segment_id`.
    TouchpointSegment,
}

/// One group: a dimension, the group's key within it and, for the trend of a group, the
/// period (`overall` + period is the `period` dimension of metrics.csv; any other dimension
/// + period is `<dimension>_period` with group `<group>|<period>`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupKey {
    pub dim: Dim,
    pub group: String,
    pub period: Option<String>,
}

/// The one group of [`Dim::Overall`]: all customers.
pub const ALL: &str = "all";

impl GroupKey {
    /// All customers, over all periods.
    pub fn overall() -> Self {
        GroupKey::all(Dim::Overall, ALL)
    }

    /// Customers of a segment who rated a touchpoint (all periods): group `touchpoint|segment`.
    pub fn touchpoint_segment(touchpoint: &str, segment: &str) -> Self {
        GroupKey::all(Dim::TouchpointSegment, format!("{touchpoint}|{segment}"))
    }

    /// A group over all periods.
    pub fn all(dim: Dim, group: impl Into<String>) -> Self {
        GroupKey { dim, group: group.into(), period: None }
    }

    /// The same group in one period.
    pub fn in_period(&self, period: &str) -> Self {
        GroupKey { dim: self.dim, group: self.group.clone(), period: Some(period.to_string()) }
    }
}
