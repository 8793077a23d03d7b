//! A group page's charts: its trend (or why it has none) and its distribution.

use crate::aggregate::Dim;
use crate::metrics::{Measure, MetricDef};
use crate::project::ScoreDef;
use crate::render::views::*;
use crate::render::{charts, Ctx};

impl<'a> Ctx<'a> {
    /// Why a group whose figure is shown has no trend, as a fact at the top of its page;
    /// none when it has one, or when there is no trend to draw (undated data, one period).
    pub(super) fn trend_fact(&self, charts: &[Chart], dim: Dim, group: &str) -> Option<(String, String)> {
        let name = crate::metrics::dimension_name(self.project, dim);
        let shown = self
            .tile_defs()
            .into_iter()
            .any(|d| self.metrics.get(&name, group, &d.name).is_some_and(|r| r.value.is_some()));
        if !self.has_trends() || !shown || charts.iter().any(|c| c.id == "trend") {
            return None;
        }
        // Answers in two periods or more, but no period's figure shown: too few in each (a
        // group whose answers fall in one period has no trend to speak of).
        let trend = crate::metrics::trend_dimension_name(self.project, dim);
        let periods = self
            .insights
            .periods
            .iter()
            .filter(|p| {
                let key = format!("{group}|{p}");
                self.tile_defs().into_iter().any(|d| self.metrics.get(&trend, &key, &d.name).is_some_and(|r| r.n > 0))
            })
            .count();
        if periods < 2 {
            return None;
        }
        let min_n = self.num().count(self.project.min_n);
        Some((self.tr("fact_trend").into(), self.msg("fact_trend_none", &[("min_n", &min_n)])))
    }

    /// A stage's, segment's or dimension value's charts: its trend and its distribution.
    pub(super) fn group_charts(&self, dim: Dim, group: &str) -> Vec<Chart> {
        let trend = self.group_trend(self.headline.map(|(d, _)| d), dim, group);
        trend.into_iter().chain(self.distribution_chart("dist", dim, group)).collect()
    }

    /// The trend of one group, as the summary's and the touchpoint pages' (the same chart):
    /// of `first`, else of the first headline metric the group has a published figure of.
    /// None for a group whose figure over all its answers is not shown (below min_n, or
    /// withheld to protect another): its periods would give it back. A period not shown is
    /// marked on the chart, never drawn.
    pub(in crate::render) fn group_trend(&self, first: Option<&MetricDef>, dim: Dim, group: &str) -> Option<Chart> {
        if !self.has_trends() {
            return None;
        }
        let name = crate::metrics::dimension_name(self.project, dim);
        let trend = crate::metrics::trend_dimension_name(self.project, dim);
        let published = |d: &MetricDef| self.metrics.get(&name, group, &d.name).is_some_and(|r| r.value.is_some());
        first
            .into_iter()
            .chain(self.tile_defs().into_iter().filter(|d| Some(d.name.as_str()) != first.map(|f| f.name.as_str())))
            .filter(|d| published(d))
            .find_map(|d| self.trend_chart("trend", d, &trend, Some(group)))
    }

    /// The distribution of the headline score in one group.
    pub(in crate::render) fn distribution_chart(&self, id: &str, dim: Dim, group: &str) -> Option<Chart> {
        self.distribution_of(self.headline, id, dim, group)
    }

    /// The distribution of a metric's score in one group.
    pub(super) fn distribution_of(
        &self,
        metric: Option<(&MetricDef, &ScoreDef)>,
        id: &str,
        dim: Dim,
        group: &str,
    ) -> Option<Chart> {
        let (def, score) = metric?;
        let h = self.ingested.partials.histogram(dim, group, def.score)?;
        let n = h.n();
        // Not for a group below min_n, nor for one withheld to protect another: the bars
        // would give its number back.
        let published = self
            .metrics
            .get(&crate::metrics::dimension_name(self.project, dim), group, &def.name)
            .is_some_and(|r| r.value.is_some());
        if n < self.project.min_n || !published {
            return None;
        }
        let svg = charts::distribution(&h.counts, def.measure, score);
        let label = self.metric(&def.name);
        let title = self.msg("distribution_title", &[("metric", &label), ("n", &self.num().count(n))]);
        let caption = match def.measure {
            Measure::Nps => self.tr("distribution_caption_nps").to_string(),
            _ => String::new(),
        };
        let table = (score.min..=score.max)
            .zip(h.counts.iter().chain(std::iter::repeat(&0)))
            .map(|(v, c)| vec![score.show(v), self.num().count(*c), self.num().share(100.0 * *c as f64 / n as f64)])
            .collect();
        Some(Chart {
            id: id.into(),
            heading: true,
            title,
            caption,
            svg,
            table_head: vec![self.tr("score").into(), self.tr("count").into(), self.tr("share").into()],
            table,
            events: Vec::new(),
        })
    }
}
