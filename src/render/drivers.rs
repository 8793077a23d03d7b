//! The key-driver page: the importance × performance map and the table behind it.

use super::routes;
use super::views::*;
use super::{clean_text, quadrant, Ctx, Job};
use crate::metrics::Measure;

impl<'a> Ctx<'a> {
    /// The key-driver page: the importance × performance map and the table behind it.
    // Long on purpose: the map, its table and their words are one view and read best in order.
    pub(super) fn drivers_page(&self) -> Option<Job> {
        let d = self.metrics.drivers.as_ref()?;
        let perf = self.insights.performance_metric.as_deref()?;
        let outcome = self.metric(&d.outcome);
        let pl = self.metric(perf);
        let points: Vec<quadrant::Point> = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                quadrant::Point {
                    label: clean_text(&t.name),
                    href: routes::touchpoint_of(self.project, t),
                    performance: q.performance,
                    importance: q.importance,
                    fix_first: q.fix_first,
                }
            })
            .collect();
        let (mi, mp) = self.insights.quadrant_medians.unwrap_or((0.0, 0.0));
        let relative = d.method == "relative_weights";
        let o: &[(&str, &str)] = &[("outcome", &outcome), ("metric", &pl)];
        let x_axis = self.msg("drivers_x_axis", o);
        let y_axis = self.msg(if relative { "drivers_y_axis_weights" } else { "drivers_y_axis_top_box" }, o);
        let map_title = self.msg("drivers_map_title", o);
        let labels = quadrant::Labels {
            title: &map_title,
            x_axis: &x_axis,
            y_axis: &y_axis,
            fix_first: self.tr("fix_first"),
            keep: self.tr("quadrant_keep"),
            monitor: self.tr("quadrant_monitor"),
            maintain: self.tr("quadrant_maintain"),
        };
        let svg = if points.is_empty() { String::new() } else { quadrant::draw(&points, mp, mi, &labels) };
        let m = self.metrics.defs.iter().find(|x| x.name == d.outcome).map(|x| x.measure).unwrap_or(Measure::Nps);
        // Each row names the quadrant the map puts it in, not "Fix first" alone (four of six
        // rows had a blank priority though the map placed them).
        let lower = self
            .metrics
            .defs
            .iter()
            .find(|x| x.name == perf)
            .is_some_and(|x| self.project.scores[x.score].lower_better);
        let quadrant_of = |q: &crate::insights::QuadrantPoint| {
            let good = if lower { q.performance < mp } else { q.performance > mp };
            self.tr(if q.fix_first {
                "fix_first"
            } else if q.importance > 0.0 && q.importance >= mi {
                if good {
                    "quadrant_keep"
                } else {
                    "quadrant_monitor"
                }
            } else if good {
                "quadrant_maintain"
            } else {
                "quadrant_monitor"
            })
        };
        let rows = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                let r = d.rows.iter().find(|r| r.touchpoint == q.touchpoint);
                let (value, ci) = match r {
                    Some(r) if relative => (
                        self.num().fixed(r.value, 2),
                        r.ci.map(|i| self.num().range(&self.num().fixed(i.low, 2), &self.num().fixed(i.high, 2)))
                            .unwrap_or_default(),
                    ),
                    Some(r) => (
                        self.num().change(r.value, m),
                        r.ci.map(|i| self.num().change_interval(i.low, i.high, m)).unwrap_or_default(),
                    ),
                    None => (String::new(), String::new()),
                };
                vec![
                    Cell { href: Some(routes::touchpoint_of(self.project, t)), ..Cell::text(clean_text(&t.name)) },
                    Cell::num(self.num().percent(100.0 * q.importance, 0), Some(q.importance)),
                    Cell::num(value, r.map(|r| r.value)),
                    Cell::num(ci, None),
                    Cell::num(self.num().percent(q.performance, 0), Some(q.performance)),
                    Cell::num(r.map(|r| self.num().count(r.n)).unwrap_or_default(), r.map(|r| r.n as f64)),
                    Cell::text(quadrant_of(q)),
                ]
            })
            .collect();
        let head = vec![
            Head::sorted(self.tr("touchpoint"), false),
            Head::sorted(self.tr("importance_column"), true),
            Head::sorted(self.msg(if relative { "correlation_column" } else { "gap_column" }, o), true),
            Head::plain(self.tr("interval_column"), true),
            Head::sorted(pl.clone(), true),
            Head::sorted(self.tr("n"), true),
            Head::plain(self.tr("priority_column"), false),
        ];
        let r2 = d.r2.map(|r| self.num().percent(100.0 * r, 0)).unwrap_or_default();
        let intro_key = if relative { "drivers_intro_weights" } else { "drivers_intro_top_box" };
        let mut intro = self.msg(intro_key, &[("outcome", &outcome), ("metric", &pl), ("r2", &r2)]);
        // Where no touchpoint's raters are more loyal for rating it well, nothing is to fix first.
        if !relative && !self.insights.quadrant.is_empty() && self.insights.quadrant.iter().all(|q| q.importance <= 0.0)
        {
            let key = if self.metric_lower_better(&d.outcome) { "drivers_none_lower" } else { "drivers_none" };
            intro = format!("{intro} {}", self.msg(key, &[("outcome", &outcome)]));
        }
        // How many touchpoints the analysis could take, and why not the others.
        let names: Vec<String> = self
            .project
            .touchpoints
            .iter()
            .enumerate()
            .filter(|(i, _)| !self.insights.quadrant.iter().any(|q| q.touchpoint == *i))
            .map(|(_, t)| clean_text(&t.name))
            .collect();
        if !names.is_empty() && !self.insights.quadrant.is_empty() {
            let key = if relative { "drivers_coverage_weights" } else { "drivers_coverage_top_box" };
            let args = [
                ("count", self.num().count(self.insights.quadrant.len() as u64)),
                ("total", self.num().count(self.project.touchpoints.len() as u64)),
                ("nouns", self.tp_noun(true).to_string()),
                ("min_n", self.num().count(self.project.min_n)),
                ("outcome", outcome.clone()),
                ("names", names.join(self.tr("list_separator"))),
            ];
            let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            intro = format!("{intro} {}", self.msg(key, &pairs));
        }
        let map_note = self.tr("drivers_map_note").to_string();
        let title = self.tr("drivers").to_string();
        // The table is named apart from the map: two regions with one name are one landmark twice.
        let table_title = self.msg("drivers_table_title", o);
        let table = Table {
            id: "drivers".into(),
            title: table_title,
            note: String::new(),
            head,
            rows,
            sortable: true,
            heading: true,
        };
        let page = serde_json::json!({ "heading": title, "intro": intro, "svg": svg, "map_title": map_title, "map_note": map_note, "table": table });
        Some(self.job(routes::DRIVERS.into(), "drivers.html", title, page))
    }
}
