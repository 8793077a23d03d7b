//! The trends page and the trend chart that the summary and touchpoint pages share.

use super::routes;
use super::views::*;
use super::{charts, clean_text, Ctx, Job};
use crate::metrics::MetricDef;

impl<'a> Ctx<'a> {
    /// Whether the data spans two periods or more: a trend needs them.
    pub(super) fn has_trends(&self) -> bool {
        self.insights.periods.len() >= 2
    }

    /// A trend chart of one metric over a series of period groups.
    // Long on purpose: the points, the table of numbers and the event marks come from one walk over the periods.
    pub(super) fn trend_chart(
        &self,
        id: &str,
        def: &MetricDef,
        dimension: &str,
        prefix: Option<&str>,
    ) -> Option<Chart> {
        let score = &self.project.scores[def.score];
        let mut points = Vec::new();
        let mut table = Vec::new();
        let mut withheld = false;
        // Periods with answers but no figure: (period, the word for why).
        let mut gaps: Vec<(String, String)> = Vec::new();
        for period in &self.insights.periods {
            let group = match prefix {
                Some(p) => format!("{p}|{period}"),
                None => period.clone(),
            };
            let Some(row) = self.metrics.get(dimension, &group, &def.name) else { continue };
            let change = self.metrics.change(dimension, &group, &def.name);
            withheld |= row.value.is_none() && self.is_withheld(row.n);
            let significant = change.is_some_and(|c| c.change.significant);
            let gap = row.value.is_none().then(|| self.hidden_word(row.n).to_string());
            if let Some(why) = &gap {
                gaps.push((period.clone(), why.clone()));
            }
            points.push(charts::TrendPoint {
                label: period.clone(),
                axis: super::locale::axis_period_label(period, self.cat),
                value: row.value,
                low: row.ci_low,
                high: row.ci_high,
                significant,
                gap,
            });
            let events: Vec<String> = self
                .project
                .events
                .iter()
                .enumerate()
                .filter(|(_, e)| self.project.period.key(e.date) == *period)
                .map(|(ei, e)| {
                    self.msg("event_label", &[("number", &(ei + 1).to_string()), ("name", &clean_text(&e.name))])
                })
                .collect();
            table.push(vec![
                self.period(period),
                self.num().count(row.n),
                row.value.map(|v| self.num().value(v, def.measure)).unwrap_or_else(|| self.hidden_word(row.n).into()),
                match (row.ci_low, row.ci_high) {
                    (Some(a), Some(b)) => self.num().interval(a, b, def.measure),
                    _ => String::new(),
                },
                change
                    .map(|c| {
                        format!(
                            "{}{}",
                            self.num().change(c.change.diff, def.measure),
                            if c.change.significant { " ◆" } else { "" }
                        )
                    })
                    .unwrap_or_default(),
                events.join(self.tr("events_separator")),
            ]);
        }
        // One period is no trend: a chart needs two, and a value in one of them.
        if points.len() < 2 || points.iter().all(|p| p.value.is_none()) {
            return None;
        }
        // Events by number (their position in cxsite.yaml's sorted list), at their period.
        let events: Vec<(usize, String)> = self
            .project
            .events
            .iter()
            .enumerate()
            .filter_map(|(ei, e)| {
                let key = self.project.period.key(e.date);
                points.iter().position(|p| p.label == key).map(|i| (i, (ei + 1).to_string()))
            })
            .collect();
        let key: Vec<EventKey> = events
            .iter()
            .map(|(_, number)| {
                let e = number.parse::<usize>().ok().and_then(|k| self.project.events.get(k - 1));
                EventKey { number: number.clone(), name: e.map(|e| clean_text(&e.name)).unwrap_or_default() }
            })
            .collect();
        let svg = charts::trend(&points, def.measure, score, &events);
        let label = self.metric(&def.name);
        let first = points.first().map(|p| self.period(&p.label)).unwrap_or_default();
        let last = points.last().map(|p| self.period(&p.label)).unwrap_or_default();
        let title = self.msg(
            &format!("trend_title_{}", self.period_kind()),
            &[("metric", &label), ("first", &first), ("last", &last)],
        );
        // Which axis the chart has, in the caption: zoomed to the data, or the full scale.
        let full = super::format::axis(def.measure, score);
        let (lo, hi) = charts::trend_axis(&points, def.measure, score).unwrap_or(full);
        let which = if (lo, hi) == full { "trend_caption_full" } else { "trend_caption" };
        let (low, high) = (self.num().value(lo, def.measure), self.num().value(hi, def.measure));
        let mut caption = self.msg(which, &[("low", &low), ("high", &high)]);
        if !gaps.is_empty() {
            let list: Vec<String> = gaps
                .iter()
                .map(|(p, why)| self.msg("trend_gap", &[("period", &self.period(p)), ("why", why)]))
                .collect();
            let gaps = self.msg("trend_gaps", &[("periods", &list.join(self.tr("list_separator")))]);
            caption = format!("{caption} {gaps}");
        }
        if withheld {
            caption = format!("{caption} {}", self.tr("withheld_note"));
        }
        Some(Chart {
            id: id.into(),
            heading: true,
            title,
            caption,
            svg,
            table_head: vec![
                self.tr("period").into(),
                self.tr("n").into(),
                self.tr("value").into(),
                self.tr("interval").into(),
                self.tr("change").into(),
                self.tr("events").into(),
            ],
            table,
            events: key,
        })
    }

    /// The trends page; none for undated data or data of one period, which have no periods
    /// to trend over.
    pub(super) fn trends_page(&self) -> Option<Job> {
        if !self.has_trends() {
            return None;
        }
        let charts: Vec<Chart> = self
            .tile_defs()
            .into_iter()
            .filter_map(|d| self.trend_chart(&format!("trend-{}", d.name), d, "period", None))
            .collect();
        let events: Vec<serde_json::Value> = self
            .project
            .events
            .iter()
            .map(|e| serde_json::json!({ "date": e.date.to_string(), "name": clean_text(&e.name), "description": e.description.as_deref().map(clean_text) }))
            .collect();
        let page = serde_json::json!({ "heading": self.tr("trends"), "charts": charts, "events": events });
        Some(self.job(routes::TRENDS.into(), "trends.html", self.tr("trends").into(), page))
    }
}
