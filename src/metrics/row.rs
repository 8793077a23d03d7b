//! One number of the output contract, a row of metrics.csv: blank below `min_n`, kept as
//! computed, and rounded to [`DECIMALS`] places where it is written.

use compact_str::CompactString;
use rayon::prelude::*;
use serde::Serialize;

use super::Estimate;
use crate::project::Project;

/// Decimal places of every value and bound in metrics.csv and metrics.json.
pub const DECIMALS: i32 = 4;

/// Rounds to [`DECIMALS`] places, so that 99.99999999 prints as 100 and −0 as 0.
pub fn round(v: f64) -> f64 {
    let f = 10f64.powi(DECIMALS);
    let r = (v * f).round() / f;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// One number of the output contract.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    /// `overall`, `stage`, `touchpoint`, `segment`, `period`, `source`, a configured dimension's
    /// id, `touchpoint_segment` or `touchpoint_period`.
    pub dimension: CompactString,
    pub group: CompactString,
    /// `nps`, a rating's id (top-box %), `<rating>_mean`, or a mean score's id (`ces`).
    pub metric: CompactString,
    pub n: u64,
    /// Blank when n < min_n. The value as computed: metrics.csv and metrics.json write it
    /// rounded to [`DECIMALS`] places, and a page rounds this value to the places it shows,
    /// never the four-place one (5.395046 is "5.3950" in the CSV and "5.40" on a page; from
    /// "5.3950", stored as 5.39499…, the page wrote "5.39").
    #[serde(serialize_with = "rounded")]
    pub value: Option<f64>,
    #[serde(serialize_with = "rounded")]
    pub ci_low: Option<f64>,
    #[serde(serialize_with = "rounded")]
    pub ci_high: Option<f64>,
}

/// Serialises a metric row's number rounded to [`DECIMALS`] places (metrics.json).
fn rounded<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.serialize_some(&round(*v)),
        None => s.serialize_none(),
    }
}

/// Applies min_n suppression and rounding.
pub(super) fn to_row(project: &Project, dimension: String, group: &str, metric: &str, e: Estimate) -> MetricRow {
    let shown = e.n >= project.min_n;
    let value = e.value.filter(|_| shown);
    let ci = e.ci.filter(|_| shown);
    MetricRow {
        dimension: dimension.into(),
        group: group.into(),
        metric: metric.into(),
        n: e.n,
        value,
        ci_low: ci.map(|i| i.low),
        ci_high: ci.map(|i| i.high),
    }
}

/// Sorts rows by dimension, group and metric (stably).
pub(super) fn sort_rows(rows: &mut [MetricRow]) {
    rows.par_sort_by(|a, b| (&a.dimension, &a.group, &a.metric).cmp(&(&b.dimension, &b.group, &b.metric)));
}

#[cfg(test)]
mod tests {
    #[test]
    fn rounding_removes_float_noise_and_negative_zero() {
        assert_eq!(super::round(99.999_999_999), 100.0);
        assert_eq!(super::round(-0.000_01).to_string(), "0");
        assert_eq!(super::round(14.051_149), 14.0511);
    }
}
