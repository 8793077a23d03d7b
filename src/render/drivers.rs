//! The key-driver page: the importance × performance map and the table behind it.

use super::format::{change_text, count};
use super::locale::metric_label;
use super::routes;
use super::views::*;
use super::{clean_text, quadrant, Ctx, Job};
use crate::metrics::Measure;
use crate::project::Locale;

impl<'a> Ctx<'a> {
    /// The key-driver page: the importance × performance map and the table behind it.
    pub(super) fn drivers_page(&self) -> Option<Job> {
        let d = self.metrics.drivers.as_ref()?;
        let perf = self.insights.performance_metric.as_deref()?;
        let zh = self.locale == Locale::ZH_CN;
        let outcome = metric_label(&d.outcome, self.locale);
        let pl = metric_label(perf, self.locale);
        let points: Vec<quadrant::Point> = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                quadrant::Point {
                    label: clean_text(&t.name),
                    href: routes::touchpoint(&t.id),
                    performance: q.performance,
                    importance: q.importance,
                    fix_first: q.fix_first,
                }
            })
            .collect();
        let (mi, mp) = self.insights.quadrant_medians.unwrap_or((0.0, 0.0));
        let relative = d.method == "relative_weights";
        let (x_axis, y_axis) = if zh {
            (
                format!("表现：{pl}"),
                if relative {
                    format!("重要性：对{outcome}解释力的占比")
                } else {
                    "重要性：相对最大差值".to_string()
                },
            )
        } else {
            (
                format!("Performance: {pl}"),
                if relative {
                    format!("Importance: share of explained {outcome}")
                } else {
                    "Importance: relative to the largest gap".to_string()
                },
            )
        };
        let map_title = if zh {
            format!("驱动因素地图：重要性 × 表现（{}）", outcome)
        } else {
            format!("Key drivers of {outcome}: importance × performance")
        };
        let labels = quadrant::Labels {
            title: &map_title,
            x_axis: &x_axis,
            y_axis: &y_axis,
            fix_first: if zh { "优先改进" } else { "Fix first" },
            keep: if zh { "继续保持" } else { "Keep it up" },
            monitor: if zh { "关注" } else { "Monitor" },
            maintain: if zh { "维持" } else { "Maintain" },
        };
        let svg = if points.is_empty() { String::new() } else { quadrant::draw(&points, mp, mi, &labels) };
        let m = self.metrics.defs.iter().find(|x| x.name == d.outcome).map(|x| x.measure).unwrap_or(Measure::Nps);
        let rows = self
            .insights
            .quadrant
            .iter()
            .map(|q| {
                let t = &self.project.touchpoints[q.touchpoint];
                let r = d.rows.iter().find(|r| r.touchpoint == q.touchpoint);
                let (value, ci) = match r {
                    Some(r) if relative => (
                        format!("{:.2}", r.value),
                        r.ci.map(|i| format!("{:.2} – {:.2}", i.low, i.high)).unwrap_or_default(),
                    ),
                    Some(r) => (
                        change_text(r.value, m),
                        r.ci.map(|i| format!("{} – {}", change_text(i.low, m), change_text(i.high, m)))
                            .unwrap_or_default(),
                    ),
                    None => (String::new(), String::new()),
                };
                vec![
                    Cell { href: Some(routes::touchpoint(&t.id)), ..Cell::text(clean_text(&t.name)) },
                    Cell::num(format!("{:.0}%", 100.0 * q.importance), Some(q.importance)),
                    Cell::num(value, r.map(|r| r.value)),
                    Cell::num(ci, None),
                    Cell::num(format!("{:.0}%", q.performance), Some(q.performance)),
                    Cell::num(r.map(|r| count(r.n)).unwrap_or_default(), r.map(|r| r.n as f64)),
                    Cell::text(if q.fix_first { self.tr("fix_first") } else { "" }),
                ]
            })
            .collect();
        let head = match (relative, zh) {
            (true, false) => vec![
                Head::sorted("Touchpoint", false),
                Head::sorted("Importance", true),
                Head::sorted(format!("Correlation with {outcome}"), true),
                Head::plain("95% interval", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("n", true),
                Head::plain("", false),
            ],
            (false, false) => vec![
                Head::sorted("Touchpoint", false),
                Head::sorted("Importance", true),
                Head::sorted(format!("{outcome} gap, top box vs rest"), true),
                Head::plain("95% interval", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("n", true),
                Head::plain("", false),
            ],
            (true, true) => vec![
                Head::sorted("触点", false),
                Head::sorted("重要性", true),
                Head::sorted(format!("与{outcome}的相关"), true),
                Head::plain("95% 区间", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("样本量", true),
                Head::plain("", false),
            ],
            (false, true) => vec![
                Head::sorted("触点", false),
                Head::sorted("重要性", true),
                Head::sorted(format!("{outcome}差值（最高档 vs 其他）"), true),
                Head::plain("95% 区间", true),
                Head::sorted(pl.clone(), true),
                Head::sorted("样本量", true),
                Head::plain("", false),
            ],
        };
        let r2 = d.r2.map(|r| format!("{:.0}%", 100.0 * r)).unwrap_or_default();
        let intro = match (relative, zh) {
            (true, false) => format!("Which touchpoints move {outcome}? Each respondent's rating of every touchpoint is related to their {outcome}: importance is Johnson's relative weight, the share of the explained variation that each touchpoint carries (together they explain {r2} of {outcome}). Performance is the touchpoint's {pl}. Touchpoints of above-median importance and below-median performance are the ones to fix first."),
            (false, false) => format!("Which touchpoints move {outcome}? Each respondent here rated one touchpoint, so no respondent-level model is possible; instead importance is the gap in {outcome} between customers who rated the touchpoint in its top box and the rest. Performance is the touchpoint's {pl}. Touchpoints of above-median importance and below-median performance are the ones to fix first."),
            (true, true) => format!("哪些触点影响{outcome}？把每位受访者对各触点的评分与其{outcome}关联：重要性为 Johnson 相对权重，即各触点在可解释变异中所占份额（各触点合计解释{outcome}的 {r2}）。表现为该触点的{pl}。重要性高于中位数且表现低于中位数的触点应优先改进。"),
            (false, true) => format!("哪些触点影响{outcome}？此处每位受访者只评价了一个触点，无法建立受访者层面的模型；重要性改用“给该触点最高档评分的客户”与其他客户之间的{outcome}差值。表现为该触点的{pl}。重要性高于中位数且表现低于中位数的触点应优先改进。"),
        };
        let map_note = if zh {
            "虚线为中位数；红色方块为优先改进的触点。".to_string()
        } else {
            "Dashed lines are the medians; red squares are the touchpoints to fix first.".to_string()
        };
        let title = if zh { "关键驱动因素".to_string() } else { "Key drivers".to_string() };
        let table =
            Table { id: "drivers".into(), title: map_title.clone(), note: String::new(), head, rows, sortable: true };
        let page = serde_json::json!({ "heading": title, "intro": intro, "svg": svg, "map_title": map_title, "map_note": map_note, "table": table });
        Some(self.job(routes::DRIVERS.into(), "drivers.html", title, page))
    }
}
