//! League tables of configured dimensions, and which of their groups are shown.

use super::format::{change_text, count, interval_text, score_class, value_text};
use super::locale::metric_label;
use super::routes;
use super::views::*;
use super::{clean_text, Ctx, LARGE_DIMENSION};
use crate::project::Locale;

impl<'a> Ctx<'a> {
    /// The values of a configured dimension that get a page and a league row. All of them,
    /// unless there are more than [`LARGE_DIMENSION`]: then only those with at least min_n
    /// answers (the others have no figure to show, and 100,000 pages or table rows of blanks
    /// would bury the ones that do; their counts stay in data/metrics.csv).
    pub(super) fn shown_groups<'g>(&self, dimension: &str, groups: Vec<&'g String>) -> Vec<&'g String> {
        if groups.len() <= LARGE_DIMENSION {
            return groups;
        }
        let metric = match self.metrics.league(dimension) {
            Some(l) => l.metric.as_str(),
            None => match self.headline {
                Some((def, _)) => def.name.as_str(),
                None => return groups,
            },
        };
        groups
            .into_iter()
            .filter(|g| self.metrics.get(dimension, g, metric).is_some_and(|r| r.n >= self.project.min_n))
            .collect()
    }

    /// The league table of a dimension: rank, stars, shrunk and raw value, interval, n, change.
    pub(super) fn league_table(&self, dimension: &str) -> Option<Table> {
        let league = self.metrics.league(dimension)?;
        let def = self.metrics.defs.iter().find(|d| d.name == league.metric)?;
        let zh = self.locale == Locale::ZH_CN;
        let large = league.rows.len() > LARGE_DIMENSION;
        let min_n = self.project.min_n;
        let left_out = if large { league.rows.iter().filter(|r| r.n < min_n).count() } else { 0 };
        let rows = league
            .rows
            .iter()
            .filter(|r| !large || r.n >= min_n)
            .map(|r| {
                let row = self.metrics.get(dimension, &r.group, &def.name);
                let value = row.and_then(|x| x.value);
                let ci = match (row.and_then(|x| x.ci_low), row.and_then(|x| x.ci_high)) {
                    (Some(a), Some(b)) => interval_text(a, b, def.measure),
                    _ => String::new(),
                };
                let change = self.metrics.change(dimension, &r.group, &def.name);
                let stars = match r.stars {
                    Some(s) => Cell {
                        text: format!("{}{}", "★".repeat(s as usize), "☆".repeat(5 - s as usize)),
                        sort: Some(s.to_string()),
                        label: Some(if zh { format!("{s} 星") } else { format!("{s} of 5 stars") }),
                        ..Default::default()
                    },
                    None => Cell { sort: Some("0".into()), ..Cell::text(self.tr("unrated")) },
                };
                vec![
                    Cell {
                        href: Some(routes::link(
                            &routes::dimension(dimension),
                            &routes::dimension_group(dimension, &r.group),
                        )),
                        ..Cell::text(clean_text(&r.group))
                    },
                    Cell::num(r.rank.map(|x| x.to_string()).unwrap_or_default(), r.rank.map(f64::from)),
                    stars,
                    Cell::num(r.shrunk.map(|v| value_text(v, def.measure)).unwrap_or_default(), r.shrunk),
                    Cell {
                        class: value.map(|v| score_class(v, def.measure, &self.project.scores[def.score]).to_string()),
                        ..Cell::num(
                            value.map(|v| value_text(v, def.measure)).unwrap_or_else(|| self.tr("not_enough").into()),
                            value,
                        )
                    },
                    Cell::num(ci, None),
                    Cell::num(count(r.n), Some(r.n as f64)),
                    Cell::num(
                        change
                            .map(|c| {
                                format!(
                                    "{}{}",
                                    change_text(c.change.diff, def.measure),
                                    if c.significant { " ●" } else { "" }
                                )
                            })
                            .unwrap_or_default(),
                        change.map(|c| c.change.diff),
                    ),
                ]
            })
            .collect();
        let l = metric_label(&def.name, self.locale);
        let head = if zh {
            vec![
                Head::sorted("名称", false),
                Head::sorted("排名", true),
                Head::sorted("星级", true),
                Head::sorted(format!("收缩后{l}"), true),
                Head::sorted(l.clone(), true),
                Head::plain("95% 区间", true),
                Head::sorted("样本量", true),
                Head::sorted("较上期", true),
            ]
        } else {
            vec![
                Head::sorted("Name", false),
                Head::sorted("Rank", true),
                Head::sorted("Stars", true),
                Head::sorted(format!("Shrunk {l}"), true),
                Head::sorted(l.clone(), true),
                Head::plain("95% interval", true),
                Head::sorted("n", true),
                Head::sorted("Change", true),
            ]
        };
        let thresholds = league.thresholds.iter().map(|t| value_text(*t, def.measure)).collect::<Vec<_>>().join(" / ");
        let note = if zh {
            let stars = if thresholds.is_empty() {
                String::new()
            } else {
                format!("星级门槛（2–5 星）：{thresholds}。")
            };
            format!("按收缩后{l}排名：(n·数值 + {m}·全体值)/(n + {m})，小样本不会因偶然高分登顶。{stars}样本量低于 {m} 的分组不评级。● 表示较上期变化显著（Holm 校正）。", m = self.project.min_n)
        } else {
            let stars = if thresholds.is_empty() {
                String::new()
            } else {
                format!(" Star thresholds (2–5 stars): {thresholds}.")
            };
            format!("Ranked by shrunk {l}: (n·value + {m}·overall)/(n + {m}), so a group with a few lucky answers cannot top the table.{stars} Groups with fewer than {m} answers are unrated. ● marks a change from the previous period that is significant after Holm's correction.", m = self.project.min_n)
        };
        let note = match (left_out, zh) {
            (0, _) => note,
            (k, true) => format!("{note} 另有 {} 个分组回答少于 {min_n} 条，未列入此表，也没有单独页面；它们的数字在 data/metrics.csv 中。", count(k as u64)),
            (k, false) => format!("{note} {} more groups have fewer than {min_n} answers: they are left out of this table and have no page of their own; their numbers are in data/metrics.csv.", count(k as u64)),
        };
        let title = if zh { format!("{l}排行榜") } else { format!("{l} league table") };
        Some(Table { id: "league".into(), title, note, head, rows, sortable: true })
    }
}
