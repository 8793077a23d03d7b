//! The executive summary: headline tiles, findings in words, the journey at a glance.

use super::format::{change_text, interval_text, value_text};
use super::locale::{metric_label, period_label};
use super::routes;
use super::views::*;
use super::{clean_text, Ctx, Job};
use crate::insights::Finding;
use crate::metrics::Measure;
use crate::project::Locale;

impl<'a> Ctx<'a> {
    pub(super) fn summary_page(&self) -> Job {
        let kpis: Vec<Tile> = self
            .insights
            .kpis
            .iter()
            .filter_map(|k| {
                let def = self.metrics.defs.iter().find(|d| d.name == k.metric)?;
                let scope = k
                    .period
                    .as_deref()
                    .map(|p| period_label(p, self.locale))
                    .unwrap_or_else(|| self.tr("all_time").into());
                Some(self.tile(def, k.latest.as_ref(), scope, k.change.as_ref()))
            })
            .collect();
        let findings: Vec<serde_json::Value> = self.insights.findings.iter().map(|f| self.finding(f)).collect();
        let (map, lowest, trend) = match self.headline {
            Some((def, _)) => {
                let lowest: Vec<BarRow> = self
                    .insights
                    .touchpoints_by_score
                    .iter()
                    .take(5)
                    .map(|r| {
                        let t = &self.project.touchpoints[r.touchpoint];
                        self.bar_row(
                            t.name.clone(),
                            Some(routes::link(routes::INDEX, &routes::touchpoint(&t.id))),
                            self.metrics.get("touchpoint", &t.id, &def.name),
                            def,
                            r.pain_point,
                        )
                    })
                    .collect();
                let title = if self.locale == Locale::ZH_CN {
                    format!("{}：最低的触点", metric_label(&def.name, self.locale))
                } else {
                    format!("{} at the lowest-scoring touchpoints, all responses", metric_label(&def.name, self.locale))
                };
                let lowest = self.breakdown("lowest", title, def, lowest, false);
                (self.map_svg(routes::INDEX), Some(lowest), self.trend_chart("trend", def, "period", None))
            }
            None => (String::new(), None, None),
        };
        let page = serde_json::json!({
            "heading": self.tr("executive_summary"),
            "tiles": kpis,
            "findings": findings,
            "map": map,
            "lowest": lowest,
            "trend": trend,
        });
        self.job(routes::INDEX.into(), "index.html", String::new(), page)
    }

    /// A finding in words, with a link to its evidence. Insignificant moves are never called
    /// rises or falls.
    pub(super) fn finding(&self, f: &Finding) -> serde_json::Value {
        let zh = self.locale == Locale::ZH_CN;
        let measure =
            |m: &str| self.metrics.defs.iter().find(|d| d.name == m).map(|d| d.measure).unwrap_or(Measure::Nps);
        let tp_name = |i: usize| clean_text(&self.project.touchpoints[i].name);
        let tp_href = |i: usize| routes::link(routes::INDEX, &routes::touchpoint(&self.project.touchpoints[i].id));
        // " (95% interval a – b)" of a touchpoint's metric, so a number is never without its precision.
        let tp_ci = |i: usize, metric: &str| -> String {
            let row = self.metrics.get("touchpoint", &self.project.touchpoints[i].id, metric);
            match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
                (Some(a), Some(b)) => {
                    let t = interval_text(a, b, measure(metric));
                    if zh {
                        format!("（95% 区间 {t}）")
                    } else {
                        format!(" (95% interval {t})")
                    }
                }
                _ => String::new(),
            }
        };
        let (text, href) = match f {
            Finding::Movement { metric, period, previous, value, diff, significant, mix } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (p, q) = (period_label(period, self.locale), period_label(previous, self.locale));
                let (v, d) = (value_text(*value, m), change_text(*diff, m));
                let mix_text = match mix {
                    Some((name, mx, within)) if *significant => {
                        let part = self.partition_label(name);
                        let (mx, within) = (change_text(*mx, m), change_text(*within, m));
                        if zh {
                            format!("其中 {mx} 来自{part}构成的变化，{within} 来自其内部体验的变化。")
                        } else {
                            format!(" Of this, {mx} comes from a different mix of {part} answering and {within} from experience changing within them.")
                        }
                    }
                    _ => String::new(),
                };
                let text = match (significant, zh) {
                    (true, false) => {
                        let verb = if *diff > 0.0 { "rose" } else { "fell" };
                        format!("{l} {verb} to {v} in {p} ({d} vs {q}), a change larger than chance.{mix_text}")
                    }
                    (false, false) => {
                        format!("{l} was {v} in {p}; the {d} move vs {q} is within sampling noise, not a real change.")
                    }
                    (true, true) => {
                        let verb = if *diff > 0.0 { "上升" } else { "下降" };
                        format!("{p}{l}{verb}至 {v}（较{q} {d}），变化显著。{mix_text}")
                    }
                    (false, true) => format!("{p}{l}为 {v}；较{q}的 {d} 变化在抽样误差之内，并非真实变化。"),
                };
                (text, routes::link(routes::INDEX, routes::TRENDS))
            }
            Finding::WeakestTouchpoint { touchpoint, metric, value, overall, pain_point } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (v, o, t) = (value_text(*value, m), value_text(*overall, m), tp_name(*touchpoint));
                let ci = tp_ci(*touchpoint, metric);
                let text = match (zh, pain_point) {
                    (true, true) => format!("最弱的触点是「{t}」：{l} {v}{ci}，全体为 {o}，显著低于整体，是痛点。"),
                    (true, false) => format!("最弱的触点是「{t}」：{l} {v}{ci}，全体为 {o}。"),
                    (false, true) => format!("The weakest touchpoint is {t}: {l} {v}{ci} against {o} overall, significantly below — a pain point."),
                    (false, false) => format!("The weakest touchpoint is {t}: {l} {v}{ci} against {o} overall."),
                };
                (text, tp_href(*touchpoint))
            }
            Finding::StrongestTouchpoint { touchpoint, metric, value, overall } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let (v, o, t) = (value_text(*value, m), value_text(*overall, m), tp_name(*touchpoint));
                let ci = tp_ci(*touchpoint, metric);
                let text = if zh {
                    format!("表现最好的触点是「{t}」：{l} {v}{ci}，全体 {o}。")
                } else {
                    format!("The strongest touchpoint is {t}: {l} {v}{ci} against {o} overall.")
                };
                (text, tp_href(*touchpoint))
            }
            Finding::LowestSegment { gap, metric } | Finding::HighestSegment { gap, metric } => {
                let l = metric_label(metric, self.locale);
                let m = measure(metric);
                let low = matches!(f, Finding::LowestSegment { .. });
                let (name, v, d) = (clean_text(&gap.name), value_text(gap.value, m), change_text(gap.gap, m));
                let text = match (low, zh) {
                    (true, false) => {
                        format!("{name} are the least satisfied segment: {l} {v}, {d} vs all customers (significant).")
                    }
                    (false, false) => {
                        format!("{name} are the most satisfied segment: {l} {v}, {d} vs all customers (significant).")
                    }
                    (true, true) => format!("「{name}」是满意度最低的客群：{l} {v}，较全体 {d}（显著）。"),
                    (false, true) => format!("「{name}」是满意度最高的客群：{l} {v}，较全体 {d}（显著）。"),
                };
                (text, routes::link(routes::INDEX, &routes::segment(&gap.segment)))
            }
            Finding::FixFirst { touchpoint, importance, performance, performance_metric, method } => {
                let pl = metric_label(performance_metric, self.locale);
                let outcome = self.headline.map(|(d, _)| metric_label(&d.name, self.locale)).unwrap_or_default();
                let t = tp_name(*touchpoint);
                let share = 100.0 * importance;
                let ci = tp_ci(*touchpoint, performance_metric);
                let text = match (*method == "relative_weights", zh) {
                    (true, false) => format!("Fix {t} first: it carries {share:.0}% of the touchpoints' explained influence on {outcome} (relative weights), yet its {pl} is only {performance:.0}%{ci}, below most touchpoints."),
                    (false, false) => format!("Fix {t} first: customers who rate it in the top box give a much higher {outcome}, yet its {pl} is only {performance:.0}%{ci}, below most touchpoints."),
                    (true, true) => format!("优先改进「{t}」：它在各触点对{outcome}的解释力中占 {share:.0}%（相对权重），而{pl}仅 {performance:.0}%{ci}，低于多数触点。"),
                    (false, true) => format!("优先改进「{t}」：给它最高评分的客户{outcome}明显更高，而{pl}仅 {performance:.0}%{ci}，低于多数触点。"),
                };
                (text, routes::link(routes::INDEX, routes::DRIVERS))
            }
            Finding::HarshestSegment { segment, name, score, value, low, high } => {
                let name = clean_text(name);
                let s = metric_label(score, self.locale);
                let text = if zh {
                    format!("「{name}」是最严苛的客群：在相同触点上，其{s}评分比全体客户低 {:.2} 分（95% 区间 {:.2} 至 {:.2}），并非因为他们使用了更差的触点。", -value, -high, -low)
                } else {
                    format!("{name} are the harshest segment: at the same touchpoints they rate {s} {:.2} points lower than all customers (95% interval {:.2} to {:.2}) — not because they use worse touchpoints.", -value, -high, -low)
                };
                (text, routes::link(routes::INDEX, &routes::segment(segment)))
            }
            Finding::StarSpread { dimension, name, five, one, rated, unrated } => {
                let sep = if zh { "、" } else { "; " };
                let list = |v: &Vec<String>| v.iter().take(3).map(|s| clean_text(s)).collect::<Vec<_>>().join(sep);
                let more = |v: &Vec<String>| v.len().saturating_sub(3);
                let name = clean_text(name);
                let text = if zh {
                    format!("{name}：{rated} 个分组获评星级（另有 {unrated} 个样本不足）。五星：{} 等 {} 个；一星：{} 等 {} 个。", list(five), five.len(), list(one), one.len())
                } else {
                    let (m5, m1) = (more(five), more(one));
                    let tail = |m: usize| if m > 0 { format!(" and {m} more") } else { String::new() };
                    format!("{name}: {rated} earn stars ({unrated} have too few answers). Five stars: {}{}. One star: {}{}.", list(five), tail(m5), list(one), tail(m1))
                };
                (text, routes::link(routes::INDEX, &routes::dimension(dimension)))
            }
        };
        serde_json::json!({ "text": text, "href": href })
    }

    /// The name of a mix partition for sentences.
    pub(super) fn partition_label(&self, name: &str) -> String {
        match name {
            "touchpoint" => self.tr("touchpoints").to_lowercase(),
            "source" => self.tr("source").to_lowercase(),
            other => self
                .project
                .segments
                .iter()
                .find(|s| s.id == other)
                .map(|s| clean_text(&s.name))
                .unwrap_or_else(|| other.to_string()),
        }
    }
}
