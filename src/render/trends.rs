//! The trends page and the trend chart that the summary and touchpoint pages share.

use super::routes;
use super::views::*;
use super::{charts, clean_text, Ctx, Job};
use crate::metrics::MetricDef;
use rustc_hash::FxHashMap;

impl<'a> Ctx<'a> {
    /// Whether the data spans two periods or more and has a score to trend: a trend needs
    /// both (a project of comments alone has periods but no figure to draw over them).
    pub(super) fn has_trends(&self) -> bool {
        self.insights.periods.len() >= 2 && !self.tile_defs().is_empty()
    }

    /// A trend chart of one metric over a series of period groups (`prefix|period` of
    /// `dimension`, or the periods themselves): its line, the table of its numbers, and the
    /// events that fall in its periods.
    pub(super) fn trend_chart(
        &self,
        id: &str,
        def: &MetricDef,
        dimension: &str,
        prefix: Option<&str>,
    ) -> Option<Chart> {
        let series = self.trend_series(def, dimension, prefix);
        let points = &series.points;
        // One period is no trend: a chart needs two, and a value in one of them.
        if points.len() < 2 || points.iter().all(|p| p.value.is_none()) {
            return None;
        }
        let (events, key) = self.trend_events(points);
        let svg = charts::trend(points, def.measure, &self.project.scores[def.score], &events);
        let first = points.first().map(|p| self.period(&p.label)).unwrap_or_default();
        let last = points.last().map(|p| self.period(&p.label)).unwrap_or_default();
        let title = self.msg(
            &format!("trend_title_{}", self.period_kind()),
            &[("metric", &self.metric(&def.name)), ("first", &first), ("last", &last)],
        );
        Some(Chart {
            id: id.into(),
            heading: true,
            title,
            caption: self.trend_caption(&series, def),
            svg,
            table_head: ["period", "n", "value", "interval", "change", "events"]
                .iter()
                .map(|k| self.tr(k).to_string())
                .collect(),
            table: series.table,
            events: key,
        })
    }

    /// One walk over the periods: each one's point on the line and row of the table, the
    /// periods with no figure, and whether a figure is withheld. The walk follows the
    /// calendar (`Insights::calendar`) from the series' first period with answers to its last,
    /// so that a period with no answers at all is on the axis, a break in the line and a row
    /// of the table, not left out as if its neighbours were adjacent.
    fn trend_series(&self, def: &MetricDef, dimension: &str, prefix: Option<&str>) -> TrendSeries {
        let mut series = TrendSeries::default();
        // The group's figures and changes of every period, each found in one run of the sorted
        // rows rather than by a search per period (a page per store makes this add up).
        let prefix = prefix.map(|p| format!("{p}|")).unwrap_or_default();
        let figures: FxHashMap<&str, &crate::metrics::MetricRow> = (self.metrics.rows_under(dimension, &prefix).iter())
            .filter(|r| r.metric == def.name)
            .map(|r| (&r.group[prefix.len()..], r))
            .collect();
        let changes: FxHashMap<&str, &crate::metrics::ChangeRow> = (self.metrics.changes_under(dimension, &prefix))
            .filter(|c| c.metric == def.name)
            .map(|c| (&c.group[prefix.len()..], c))
            .collect();
        let rows: Vec<(&String, Option<&crate::metrics::MetricRow>)> =
            self.insights.calendar.iter().map(|p| (p, figures.get(p.as_str()).copied())).collect();
        let (Some(first), Some(last)) =
            (rows.iter().position(|r| r.1.is_some()), rows.iter().rposition(|r| r.1.is_some()))
        else {
            return series;
        };
        for (i, &(period, row)) in rows.iter().enumerate().take(last + 1).skip(first) {
            let n = row.map_or(0, |r| r.n);
            let value = row.and_then(|r| r.value);
            let change = row.and(changes.get(period.as_str()).copied());
            series.withheld |= value.is_none() && self.is_withheld(n);
            let gap = value.is_none().then(|| self.hidden_word(n).to_string());
            if let Some(why) = &gap {
                series.gaps.push((period.clone(), why.clone()));
            }
            series.points.push(charts::TrendPoint {
                label: period.clone(),
                axis: self.axis_period(period),
                value,
                low: row.and_then(|r| r.ci_low),
                high: row.and_then(|r| r.ci_high),
                significant: change.is_some_and(|c| c.change.significant),
                gap,
            });
            let events: Vec<String> = self
                .period_events(period)
                .map(|(number, name)| self.msg("event_label", &[("number", &number), ("name", &name)]))
                .collect();
            // A change is from the previous period with answers: where that is not the period
            // just before (an empty one lies between), the cell names it.
            let change_cell = change
                .map(|c| {
                    // Beside this period's figure and the previous one's: their difference as
                    // written (the previous figure is the one the change was computed from).
                    let text = match value {
                        Some(v) => self.num().change_between(v, v - c.change.diff, def.measure),
                        None => self.num().change(c.change.diff, def.measure),
                    };
                    let marked = mark_significant(text, c.change.significant);
                    if i > 0 && rows[i - 1].0 != c.previous {
                        self.msg("change_vs_period", &[("change", &marked), ("period", &self.period(&c.previous))])
                    } else {
                        marked
                    }
                })
                .unwrap_or_default();
            series.table.push(vec![
                self.period(period),
                self.num().count(n),
                value.map(|v| self.num().value(v, def.measure)).unwrap_or_else(|| self.hidden_word(n).into()),
                match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
                    (Some(a), Some(b)) => self.num().interval(a, b, def.measure),
                    _ => String::new(),
                },
                change_cell,
                events.join(self.tr("events_separator")),
            ]);
        }
        series
    }

    /// The events of cxsite.yaml in `period`: (number, by their place in its sorted list;
    /// name).
    fn period_events<'p>(&'p self, period: &'p str) -> impl Iterator<Item = (String, String)> + 'p {
        self.project
            .events
            .iter()
            .enumerate()
            .filter(move |(_, e)| self.project.period.key(e.date) == period)
            .map(|(i, e)| ((i + 1).to_string(), clean_text(&e.name)))
    }

    /// The events that fall in the chart's periods: (point, number) marks for the chart, and
    /// the key below it.
    fn trend_events(&self, points: &[charts::TrendPoint]) -> (Vec<(usize, String)>, Vec<EventKey>) {
        points
            .iter()
            .enumerate()
            .flat_map(|(i, p)| self.period_events(&p.label).map(move |(number, name)| (i, number, name)))
            .map(|(i, number, name)| ((i, number.clone()), EventKey { number, name }))
            .unzip()
    }

    /// The caption: which axis the chart has (zoomed to the data, or the full scale), the
    /// periods with no figure and why, and the withheld note.
    fn trend_caption(&self, series: &TrendSeries, def: &MetricDef) -> String {
        let score = &self.project.scores[def.score];
        let full = super::format::axis(def.measure, score);
        let (lo, hi) = charts::trend_axis(&series.points, def.measure, score).unwrap_or(full);
        let which = if (lo, hi) == full { "trend_caption_full" } else { "trend_caption" };
        let (low, high) = (self.num().value(lo, def.measure), self.num().value(hi, def.measure));
        let mut caption = self.msg(which, &[("low", &low), ("high", &high)]);
        if !series.gaps.is_empty() {
            let list: Vec<String> = series
                .gaps
                .iter()
                .map(|(p, why)| self.msg("trend_gap", &[("period", &self.period(p)), ("why", why)]))
                .collect();
            let gaps = self.msg("trend_gaps", &[("periods", &list.join(self.tr("list_separator")))]);
            caption = Self::sentences(&caption, &gaps);
        }
        if series.withheld {
            caption = Self::sentences(&caption, self.tr("withheld_note"));
        }
        caption
    }

    /// A change as tables show it, with ◆ when it is significant.
    pub(super) fn marked_change(&self, diff: f64, significant: bool, measure: crate::metrics::Measure) -> String {
        mark_significant(self.num().change(diff, measure), significant)
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
        // Every period below min_n: the page says why it has no chart.
        let empty = charts.is_empty().then(|| {
            self.msg("trends_empty", &[("answers", &self.cat.plural("count_answers", self.project.min_n, &[]))])
        });
        let page =
            serde_json::json!({ "heading": self.tr("trends"), "charts": charts, "events": events, "empty": empty });
        Some(self.job(routes::TRENDS.into(), "trends.html", self.tr("trends").into(), &page))
    }
}

/// A metric's periods as a trend chart reads them (see [`Ctx::trend_chart`]).
#[derive(Default)]
struct TrendSeries {
    points: Vec<charts::TrendPoint>,
    /// The table of numbers, a row per period.
    table: Vec<Vec<String>>,
    /// Periods with no figure (too few answers, withheld, or none at all): (period, the word
    /// for why).
    gaps: Vec<(String, String)>,
    /// Whether a figure is withheld (for the note).
    withheld: bool,
}

/// A change's text with ◆ when it is significant.
fn mark_significant(text: String, significant: bool) -> String {
    if significant {
        format!("{text} ◆")
    } else {
        text
    }
}
