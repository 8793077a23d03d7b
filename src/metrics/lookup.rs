//! Finding a group's row, a change or a league among the sorted metrics: binary searches, as
//! every page looks up its own.

use rayon::prelude::*;

use super::{ChangeRow, League, MetricRow, Metrics};

impl Metrics {
    /// The row for a dimension, group and metric, if the group had answers.
    pub fn get(&self, dimension: &str, group: &str, metric: &str) -> Option<&MetricRow> {
        self.rows
            .binary_search_by(|r| {
                (r.dimension.as_str(), r.group.as_str(), r.metric.as_str()).cmp(&(dimension, group, metric))
            })
            .ok()
            .map(|i| &self.rows[i])
    }

    /// The rows of `dimension` whose group starts with `prefix` (`S001|`: a store's periods),
    /// every metric: one run of the sorted rows, since texts that share a prefix sort together.
    pub fn rows_under(&self, dimension: &str, prefix: &str) -> &[MetricRow] {
        let start = self.rows.partition_point(|r| (r.dimension.as_str(), r.group.as_str()) < (dimension, prefix));
        let len = self.rows[start..].partition_point(|r| r.dimension == dimension && r.group.starts_with(prefix));
        &self.rows[start..start + len]
    }

    /// The changes of `dimension` whose group starts with `prefix`, as [`Metrics::rows_under`]
    /// (by `change_index`, sorted as `change_key`).
    pub fn changes_under<'m>(&'m self, dimension: &str, prefix: &str) -> impl Iterator<Item = &'m ChangeRow> + 'm {
        let key = |i: u32| {
            let (d, g, _) = change_key(&self.changes[i as usize]);
            (d, g)
        };
        let start = self.change_index.partition_point(|&i| key(i) < (dimension, prefix));
        let len = self.change_index[start..].partition_point(|&i| {
            let (d, g) = key(i);
            d == dimension && g.starts_with(prefix)
        });
        self.change_index[start..start + len].iter().map(|&i| &self.changes[i as usize])
    }

    /// The change of a metric for a row key (`period`/`2025-03`, `touchpoint_period`/`tp|2025-03`,
    /// `store`/`S001` for the latest period).
    pub fn change(&self, dimension: &str, group: &str, metric: &str) -> Option<&ChangeRow> {
        let key = (dimension, group, metric);
        let at = self.change_index.partition_point(|&i| change_key(&self.changes[i as usize]) < key);
        self.change_index.get(at).map(|&i| &self.changes[i as usize]).filter(|c| change_key(c) == key)
    }

    /// The league of a dimension.
    pub fn league(&self, dimension: &str) -> Option<&League> {
        self.leagues.iter().find(|l| l.dimension == dimension)
    }
}

/// What a change is looked up by.
fn change_key(c: &ChangeRow) -> (&str, &str, &str) {
    (&c.dimension, &c.group, &c.metric)
}

/// The order of the changes by key, for look-ups. A stable sort: of two changes with one key,
/// the look-up finds the first, as a scan would.
pub(super) fn change_index(changes: &[ChangeRow]) -> Vec<u32> {
    let mut index: Vec<u32> = (0..changes.len() as u32).collect();
    index.par_sort_by(|a, b| change_key(&changes[*a as usize]).cmp(&change_key(&changes[*b as usize])));
    index
}
