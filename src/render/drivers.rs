//! The key-driver page: the importance × performance map and the table behind it.

use super::routes;
use super::views::*;
use super::{clean_text, quadrant, Ctx, Job};
use crate::metrics::Importance;

impl<'a> Ctx<'a> {
    /// The key-driver page: the importance × performance map and the table behind it.
    pub(super) fn drivers_page(&self) -> Option<Job> {
        let d = self.metrics.drivers.as_ref()?;
        let perf = self.insights.performance_metric.as_deref()?;
        let (outcome, pl) = (self.metric(&d.outcome), self.metric(perf));
        let o: &[(&str, &str)] = &[("outcome", &outcome), ("metric", &pl)];
        let map_title = self.msg("drivers_map_title", o);
        let svg = self.drivers_map(d, &map_title, o);
        let (intro, method) = self.drivers_intro(d, &outcome, &pl);
        let table = self.drivers_table(d, perf, &pl, o);
        let map_note = self.tr("drivers_map_note").to_string();
        let title = self.tr("drivers").to_string();
        let method_title = self.tr("drivers_method_title").to_string();
        let page = serde_json::json!({ "heading": title, "intro": intro, "svg": svg, "map_title": map_title, "map_note": map_note, "table": table, "method_title": method_title, "method": method });
        Some(self.job(routes::DRIVERS.into(), "drivers.html", title, &page))
    }

    /// The importance × performance map (empty when no touchpoint could be analysed).
    fn drivers_map(&self, d: &crate::metrics::Drivers, map_title: &str, o: &[(&str, &str)]) -> String {
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
        if points.is_empty() {
            return String::new();
        }
        let (mi, mp) = self.insights.quadrant_medians.unwrap_or((0.0, 0.0));
        let x_axis = self.msg("drivers_x_axis", o);
        let y_axis = self.msg(
            match d.importance() {
                Importance::Weights => "drivers_y_axis_weights",
                Importance::Correlation => "drivers_y_axis_correlation",
                Importance::TopBoxGap => "drivers_y_axis_top_box",
            },
            o,
        );
        let labels = quadrant::Labels {
            title: map_title,
            x_axis: &x_axis,
            y_axis: &y_axis,
            fix_first: self.tr("fix_first"),
            keep: self.tr("quadrant_keep"),
            monitor: self.tr("quadrant_monitor"),
            maintain: self.tr("quadrant_maintain"),
        };
        quadrant::draw(&points, mp, mi, &labels)
    }

    /// The quadrant the map puts a touchpoint in, as its row's priority (not "Fix first" alone:
    /// four of six rows had a blank priority though the map placed them).
    fn quadrant_name(&self, q: &crate::insights::QuadrantPoint, perf: &str) -> &'a str {
        let (mi, mp) = self.insights.quadrant_medians.unwrap_or((0.0, 0.0));
        let good = crate::project::favourable(self.metric_lower_better(perf), q.performance - mp) > 0.0;
        self.tr(match (q.fix_first, q.importance > 0.0 && q.importance >= mi, good) {
            (true, _, _) => "fix_first",
            (false, true, true) => "quadrant_keep",
            (false, false, true) => "quadrant_maintain",
            (false, _, false) => "quadrant_monitor",
        })
    }

    /// The table behind the map: importance, the driver statistic with its interval,
    /// performance, n and priority per touchpoint.
    fn drivers_table(&self, d: &crate::metrics::Drivers, perf: &str, pl: &str, o: &[(&str, &str)]) -> Table {
        let relative = d.method == "relative_weights";
        // Importance is a share (of R², or of the largest gap) but where there are no weights.
        let weighted = d.importance() != Importance::Correlation;
        let m = self.measure(&d.outcome);
        let num = self.num();
        let rows = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                let r = d.rows.iter().find(|r| r.touchpoint == q.touchpoint);
                let (value, ci) = match r {
                    Some(r) if relative => (
                        num.fixed(r.value, 2),
                        r.ci.map(|i| num.range(&num.fixed(i.low, 2), &num.fixed(i.high, 2))).unwrap_or_default(),
                    ),
                    Some(r) => (
                        num.change(r.value, m),
                        r.ci.map(|i| num.change_interval(i.low, i.high, m)).unwrap_or_default(),
                    ),
                    None => (String::new(), String::new()),
                };
                vec![
                    Cell { href: Some(routes::touchpoint_of(self.project, t)), ..Cell::text(clean_text(&t.name)) },
                    // A share of R², or where there are no weights the correlation itself.
                    Cell::num(
                        if weighted { num.share(100.0 * q.importance) } else { num.fixed(q.importance, 2) },
                        Some(q.importance),
                    ),
                    Cell::num(value, r.map(|r| r.value)),
                    Cell::num(ci, None),
                    Cell::num(num.share(q.performance), Some(q.performance)),
                    Cell::num(r.map(|r| num.count(r.n)).unwrap_or_default(), r.map(|r| r.n as f64)),
                    // Its weight earned by going with a worse outcome: no driver, no quadrant.
                    Cell::text(if r.is_some_and(|r| r.against) {
                        self.tr("drivers_against")
                    } else {
                        self.quadrant_name(q, perf)
                    }),
                ]
            })
            .collect();
        let head = vec![
            Head::sorted(self.tr("touchpoint"), false),
            // Most important first (`insights::quadrant`).
            Head::sorted(self.tr("importance_column"), true).in_order(Order::Descending),
            Head::sorted(self.msg(if relative { "correlation_column" } else { "gap_column" }, o), true),
            Head::plain(self.tr("interval_column"), true),
            Head::sorted(pl.to_string(), true),
            Head::sorted(self.tr("n"), true),
            Head::plain(self.tr("priority_column"), false),
        ];
        // The table is named apart from the map: two regions with one name are one landmark twice.
        let title = self.msg("drivers_table_title", o);
        let against: Vec<String> = self
            .insights
            .quadrant
            .iter()
            .filter(|q| d.rows.iter().any(|r| r.touchpoint == q.touchpoint && r.against))
            .map(|q| clean_text(&self.project.touchpoints[q.touchpoint].name))
            .collect();
        let note = if against.is_empty() {
            String::new()
        } else {
            let outcome = self.metric(&d.outcome);
            self.msg(
                "drivers_against_note",
                &[("names", &against.join(self.tr("list_separator"))), ("outcome", &outcome)],
            )
        };
        Table { id: "drivers".into(), title, note, head, rows, sortable: true, heading: true, key: None }
    }

    /// The answers in the top box of the touchpoints' rating, in words: "4–5 on its 1–5
    /// scale" (the top box named with what it holds where it is first named).
    fn top_box_values(&self) -> String {
        let Some((_, s)) = self.tp else { return String::new() };
        let (top, min, max) = (s.show(s.top_box), s.show(s.min), s.show(s.max));
        let key = if s.top_box >= s.max { "top_box_values_one" } else { "top_box_values" };
        self.msg(key, &[("top", &top), ("min", &min), ("max", &max)])
    }

    /// The page's introduction — its question, what it found when nothing is to fix first,
    /// and how many touchpoints the analysis could take and why not the others — and, apart,
    /// the method, shown after the map: an executive reads the map before the statistics.
    fn drivers_intro(&self, d: &crate::metrics::Drivers, outcome: &str, pl: &str) -> (String, String) {
        let relative = d.method == "relative_weights";
        let quadrant = &self.insights.quadrant;
        let r2 = d.r2.map(|r| self.num().share(100.0 * r)).unwrap_or_default();
        // Without weights the correlations alone rank the touchpoints, and the intro says why.
        let intro_key = match d.importance() {
            Importance::Weights => "drivers_intro_weights",
            Importance::Correlation => "drivers_intro_correlations",
            Importance::TopBoxGap => "drivers_intro_top_box",
        };
        let top_box = self.top_box_values();
        let method = self.msg(intro_key, &[("outcome", outcome), ("metric", pl), ("r2", &r2), ("top_box", &top_box)]);
        let mut intro = self.msg("drivers_lead", &[("outcome", outcome)]);
        // Where no touchpoint's raters are more loyal for rating it well, nothing is to fix first.
        if !relative && !quadrant.is_empty() && quadrant.iter().all(|q| q.importance <= 0.0) {
            let key = if self.metric_lower_better(&d.outcome) { "drivers_none_lower" } else { "drivers_none" };
            intro = Self::sentences(&intro, &self.msg(key, &[("outcome", outcome)]));
        }
        let left_out: Vec<String> = self
            .project
            .touchpoints
            .iter()
            .enumerate()
            .filter(|(i, _)| !quadrant.iter().any(|q| q.touchpoint == *i))
            .map(|(_, t)| clean_text(&t.name))
            .collect();
        if !left_out.is_empty() && !quadrant.is_empty() {
            let key = if relative { "drivers_coverage_weights" } else { "drivers_coverage_top_box" };
            let args = [
                ("count", self.num().count(quadrant.len() as u64)),
                ("total", self.num().count(self.project.touchpoints.len() as u64)),
                ("nouns", self.tp_noun(true).to_string()),
                ("min_n", self.num().count(self.project.min_n)),
                ("answers", self.counted("count_answers", self.project.min_n)),
                ("respondents", self.counted("count_respondents", self.project.min_n)),
                ("outcome", outcome.to_string()),
                ("names", left_out.join(self.tr("list_separator"))),
            ];
            let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            intro = Self::sentences(&intro, &self.msg(key, &pairs));
        }
        (intro, method)
    }
}
