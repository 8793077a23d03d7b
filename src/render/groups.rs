//! Pages of one group: stages, touchpoints, segments and configured dimensions, with their
//! distribution charts, sampled comments and the segments' harshness tables.

use rayon::prelude::*;

use super::format::{self, count, score_class};
use super::locale::metric_label;
use super::routes;
use super::views::*;
use super::{charts, clean_text, to_value, Ctx, Job};
use crate::ingest::Dim;
use crate::metrics::Measure;
use crate::project::Locale;

impl<'a> Ctx<'a> {
    pub(super) fn stage_pages(&self) -> Vec<Job> {
        let p = self.project;
        p.stages
            .iter()
            .map(|s| {
                let path = routes::stage(&s.id);
                let breakdowns = self
                    .headline
                    .map(|(def, _)| {
                        let rows = s
                            .touchpoints
                            .iter()
                            .map(|i| {
                                let t = &p.touchpoints[*i];
                                self.bar_row(
                                    t.name.clone(),
                                    Some(routes::link(&path, &routes::touchpoint(&t.id))),
                                    self.metrics.get("touchpoint", &t.id, &def.name),
                                    def,
                                    self.pain(*i),
                                )
                            })
                            .collect();
                        vec![self.breakdown(
                            "by-touchpoint",
                            format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_touchpoint")),
                            def,
                            rows,
                            false,
                        )]
                    })
                    .unwrap_or_default();
                let (comments, total) = self.comments(&s.touchpoints);
                let page = GroupPage {
                    kind: self.tr("stage").into(),
                    heading: clean_text(&s.name),
                    description: s.description.as_deref().map(clean_text),
                    facts: vec![],
                    tiles: self.group_tiles("stage", &s.id),
                    charts: self.distribution_chart("dist", Dim::Stage, &s.id).into_iter().collect(),
                    breakdowns,
                    comments,
                    comment_count: count(total),
                    up: Some(Link { text: self.tr("journey_map").into(), href: routes::link(&path, routes::JOURNEY) }),
                };
                self.job(path, "group.html", s.name.clone(), to_value(&page))
            })
            .collect()
    }

    pub(super) fn touchpoint_pages(&self) -> Vec<Job> {
        let p = self.project;
        p.touchpoints
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let path = routes::touchpoint(&t.id);
                let stage = &p.stages[t.stage];
                let mut facts = vec![(self.tr("stage").to_string(), clean_text(&stage.name))];
                if let Some(c) = &t.channel {
                    facts.push((self.tr("channel").into(), clean_text(c)));
                }
                if let Some(o) = &t.owner {
                    facts.push((self.tr("owner").into(), clean_text(o)));
                }
                if let Some(q) = self.insights.quadrant.iter().find(|q| q.touchpoint == i) {
                    let text = format!(
                        "{:.0}%{}",
                        100.0 * q.importance,
                        if q.fix_first { format!(" · {}", self.tr("fix_first")) } else { String::new() }
                    );
                    facts.push((self.tr("importance").into(), text));
                }
                let mut charts: Vec<Chart> = Vec::new();
                let mut breakdowns = Vec::new();
                if let Some((def, _)) = self.headline {
                    charts.extend(self.trend_chart("trend", def, "touchpoint_period", Some(&t.id)));
                    charts.extend(self.distribution_chart("dist", Dim::Touchpoint, &t.id));
                    let rows: Vec<BarRow> = self
                        .metrics
                        .segments
                        .iter()
                        .filter_map(|(sid, name)| {
                            let row = self.metrics.get("touchpoint_segment", &format!("{}|{sid}", t.id), &def.name)?;
                            Some(self.bar_row(
                                name.clone(),
                                Some(routes::link(&path, &routes::segment(sid))),
                                Some(row),
                                def,
                                false,
                            ))
                        })
                        .collect();
                    if !rows.is_empty() {
                        breakdowns.push(self.breakdown(
                            "by-segment",
                            format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_segment")),
                            def,
                            rows,
                            true,
                        ));
                    }
                }
                let (comments, total) = self.comments(&[i]);
                let page = GroupPage {
                    kind: self.tr("touchpoint").into(),
                    heading: clean_text(&t.name),
                    description: t.description.as_deref().map(clean_text),
                    facts,
                    tiles: self.group_tiles("touchpoint", &t.id),
                    charts,
                    breakdowns,
                    comments,
                    comment_count: count(total),
                    up: Some(Link {
                        text: clean_text(&stage.name),
                        href: routes::link(&path, &routes::stage(&stage.id)),
                    }),
                };
                self.job(path, "group.html", t.name.clone(), to_value(&page))
            })
            .collect()
    }

    pub(super) fn segment_pages(&self) -> Vec<Job> {
        if self.metrics.segments.is_empty() {
            return Vec::new();
        }
        let mut jobs = Vec::new();
        if let Some((def, _)) = self.headline {
            let rows: Vec<BarRow> = self
                .metrics
                .segments
                .iter()
                .map(|(id, name)| {
                    self.bar_row(
                        name.clone(),
                        Some(routes::link(routes::SEGMENTS, &routes::segment(id))),
                        self.metrics.get("segment", id, &def.name),
                        def,
                        false,
                    )
                })
                .collect();
            let title = format!("{} · {}", metric_label(&def.name, self.locale), self.tr("segments"));
            let page = serde_json::json!({
                "heading": self.tr("segments"),
                "breakdown": self.breakdown("segments", title, def, rows, true),
                "tables": self.harshness_tables(),
                "note": self.tr("min_n_note"),
            });
            jobs.push(self.job(routes::SEGMENTS.into(), "list.html", self.tr("segments").into(), page));
        }
        for (id, name) in &self.metrics.segments {
            let path = routes::segment(id);
            let mut breakdowns = Vec::new();
            if let Some((def, _)) = self.headline {
                let rows = self.touchpoint_rows(def, &path, "touchpoint_segment", Some(id));
                if !rows.is_empty() {
                    breakdowns.push(self.breakdown(
                        "by-touchpoint",
                        format!("{} · {}", metric_label(&def.name, self.locale), self.tr("by_touchpoint")),
                        def,
                        rows,
                        true,
                    ));
                }
            }
            let page = GroupPage {
                kind: self.tr("segment").into(),
                heading: clean_text(name),
                description: None,
                facts: self
                    .metrics
                    .harshness
                    .iter()
                    .filter(|h| &h.segment == id)
                    .map(|h| {
                        let label = format!("{} · {}", self.tr("harshness"), metric_label(&h.score, self.locale));
                        (
                            label,
                            format!(
                                "{} ({} – {})",
                                format::signed(h.value, 2),
                                format::signed(h.ci.low, 2),
                                format::signed(h.ci.high, 2)
                            ),
                        )
                    })
                    .collect(),
                tiles: self.group_tiles("segment", id),
                charts: self.distribution_chart("dist", Dim::Segment, id).into_iter().collect(),
                breakdowns,
                comments: vec![],
                comment_count: String::new(),
                up: Some(Link { text: self.tr("segments").into(), href: routes::link(&path, routes::SEGMENTS) }),
            };
            jobs.push(self.job(path, "group.html", name.clone(), to_value(&page)));
        }
        jobs
    }

    pub(super) fn dimension_pages(&self) -> Vec<Job> {
        let mut jobs = Vec::new();
        let Some((def, _)) = self.headline else { return jobs };
        for (di, did) in self.dimension_ids() {
            let dim = &self.project.dimensions[di];
            let index = routes::dimension(&did);
            let all: Vec<&String> = self
                .ingested
                .partials
                .groups
                .keys()
                .filter(|k| k.dim == Dim::Custom(di) && k.period.is_none())
                .map(|k| &k.group)
                .collect();
            let total = all.len();
            let groups = self.shown_groups(&did, all);
            let rows: Vec<BarRow> = groups
                .iter()
                .map(|g| {
                    self.bar_row(
                        (*g).clone(),
                        Some(routes::link(&index, &routes::dimension_group(&did, g))),
                        self.metrics.get(&did, g, &def.name),
                        def,
                        false,
                    )
                })
                .collect();
            let title = format!(
                "{} · {} ({} {})",
                metric_label(&def.name, self.locale),
                clean_text(&dim.name),
                count(total as u64),
                self.tr("groups")
            );
            // Thirty dots read as a chart; three hundred do not, so long dimensions get the table.
            let breakdown = (total <= 30).then(|| self.breakdown("groups", title, def, rows, true));
            let tables: Vec<Table> = self.league_table(&did).into_iter().collect();
            let page = serde_json::json!({
                "heading": clean_text(&dim.name),
                "breakdown": breakdown,
                "tables": tables,
                "note": self.tr("min_n_note"),
            });
            jobs.push(self.job(index.clone(), "list.html", dim.name.clone(), page));
            let group_pages: Vec<Job> = groups
                .par_iter()
                .map(|g| {
                    let path = routes::dimension_group(&did, g);
                    let page = GroupPage {
                        kind: clean_text(&dim.name),
                        heading: clean_text(g),
                        description: None,
                        facts: vec![],
                        tiles: self.group_tiles(&did, g),
                        charts: self.distribution_chart("dist", Dim::Custom(di), g).into_iter().collect(),
                        breakdowns: vec![],
                        comments: vec![],
                        comment_count: String::new(),
                        up: Some(Link { text: clean_text(&dim.name), href: routes::link(&path, &index) }),
                    };
                    self.job(path, "group.html", (*g).clone(), to_value(&page))
                })
                .collect();
            jobs.extend(group_pages);
        }
        jobs
    }

    /// The distribution of the headline score in one group.
    pub(super) fn distribution_chart(&self, id: &str, dim: Dim, group: &str) -> Option<Chart> {
        let (def, score) = self.headline?;
        let h = self.ingested.partials.histogram(dim, group, def.score)?;
        let n = h.n();
        if n < self.project.min_n {
            return None;
        }
        let svg = charts::distribution(&h.counts, def.measure, score);
        let label = metric_label(&def.name, self.locale);
        let title = if self.locale == Locale::ZH_CN {
            format!("{label} 回答分布（n = {}）", count(n))
        } else {
            format!("{label}: distribution of answers (n = {})", count(n))
        };
        let caption = match def.measure {
            Measure::Nps if self.locale == Locale::ZH_CN => {
                "红：贬损者（0–6），灰：被动者（7–8），蓝：推荐者（9–10）。".to_string()
            }
            Measure::Nps => "Red: detractors (0–6); grey: passives (7–8); blue: promoters (9–10).".to_string(),
            _ => String::new(),
        };
        let table = (score.min..=score.max)
            .zip(h.counts.iter().chain(std::iter::repeat(&0)))
            .map(|(v, c)| vec![v.to_string(), count(*c), format!("{:.1}%", 100.0 * *c as f64 / n as f64)])
            .collect();
        Some(Chart {
            id: id.into(),
            title,
            caption,
            svg,
            table_head: vec![self.tr("score").into(), self.tr("count").into(), self.tr("share").into()],
            table,
        })
    }

    /// Sampled comments, redacted, with their score and touchpoint.
    pub(super) fn comments(&self, touchpoints: &[usize]) -> (Vec<CommentView>, u64) {
        let c = &self.ingested.comments;
        let mut out = Vec::new();
        let mut total = 0;
        for tp in touchpoints {
            // A group below min_n shows no number, and no comments either: they could identify people.
            let answers = self
                .headline
                .and_then(|(d, _)| self.metrics.get("touchpoint", &self.project.touchpoints[*tp].id, &d.name))
                .map(|r| r.n)
                .unwrap_or(0);
            if answers < self.project.min_n {
                continue;
            }
            total += c.counts.get(&Some(*tp)).copied().unwrap_or(0);
            for cm in c.sample(Some(*tp)).take(if touchpoints.len() > 1 { 4 } else { 12 }) {
                let mut meta = vec![clean_text(&self.project.touchpoints[*tp].name)];
                let mut class = "s0";
                if let Some((s, v)) = cm.score {
                    let def = &self.project.scores[s];
                    meta.push(format!("{} {v}", metric_label(&def.id, self.locale)));
                    let measure = match def.kind {
                        crate::project::ScoreKind::Nps => Measure::Nps,
                        _ => Measure::Mean,
                    };
                    class = if measure == Measure::Nps {
                        match v {
                            0..=6 => "s1",
                            7..=8 => "s4",
                            _ => "s7",
                        }
                    } else {
                        score_class(v as f64, Measure::Mean, def)
                    };
                }
                if let Some(d) = cm.date {
                    meta.push(d.to_string());
                }
                out.push(CommentView { text: clean_text(&cm.text), meta: meta.join(" · "), class: class.into() });
            }
        }
        (out, total)
    }

    /// Harshness of each segment on each score, as tables with their intervals.
    pub(super) fn harshness_tables(&self) -> Vec<Table> {
        let zh = self.locale == Locale::ZH_CN;
        self.project
            .scores
            .iter()
            .filter_map(|score| {
                let mut rows: Vec<&crate::metrics::HarshnessRow> =
                    self.metrics.harshness.iter().filter(|h| h.score == score.id).collect();
                if rows.is_empty() {
                    return None;
                }
                rows.sort_by(|a, b| a.value.total_cmp(&b.value).then_with(|| a.segment.cmp(&b.segment)));
                let label = metric_label(&score.id, self.locale);
                let title = if zh {
                    format!("客群严苛度：相同触点上{label}评分与全体之差（{}–{} 分制）", score.min, score.max)
                } else {
                    format!("Harshness: {label} compared with all customers at the same touchpoints ({}–{} scale)", score.min, score.max)
                };
                let body = rows
                    .iter()
                    .map(|h| {
                        let name = self.metrics.segments.iter().find(|s| s.0 == h.segment).map(|s| s.1.as_str()).unwrap_or("");
                        let sig = h.ci.high < 0.0 || h.ci.low > 0.0;
                        let verdict = match (sig, h.value < 0.0, zh) {
                            (false, _, false) => "no different",
                            (true, true, false) => "harsher",
                            (true, false, false) => "more lenient",
                            (false, _, true) => "无显著差异",
                            (true, true, true) => "更严苛",
                            (true, false, true) => "更宽容",
                        };
                        vec![
                            Cell { href: Some(routes::link(routes::SEGMENTS, &routes::segment(&h.segment))), ..Cell::text(clean_text(name)) },
                            Cell::num(format::signed(h.value, 2), Some(h.value)),
                            Cell::num(format!("{} – {}", format::signed(h.ci.low, 2), format::signed(h.ci.high, 2)), None),
                            Cell::text(verdict),
                            Cell::num(h.naive_gap.map(|g| format::signed(g, 2)).unwrap_or_default(), h.naive_gap),
                            Cell::num(count(h.n), Some(h.n as f64)),
                        ]
                    })
                    .collect();
                let head = if zh {
                    vec![Head::sorted("客群", false), Head::sorted("严苛度", true), Head::plain("95% 区间", true), Head::plain("结论", false), Head::sorted("简单差值", true), Head::sorted("样本量", true)]
                } else {
                    vec![Head::sorted("Segment", false), Head::sorted("Harshness", true), Head::plain("95% interval", true), Head::plain("Verdict", false), Head::sorted("Naive gap", true), Head::sorted("n", true)]
                };
                let note = if zh {
                    "严苛度 = 各触点上（客群均分 − 全体均分）按样本量加权的平均，因此不会因为客群多用低分触点而被判为严苛。“简单差值”未做此调整，仅供对比。".to_string()
                } else {
                    "Harshness is the n-weighted mean of (segment mean − all-customer mean) over the touchpoints the segment rated, so a segment is not called harsh for using harsher touchpoints. The naive gap ignores that, for contrast.".to_string()
                };
                Some(Table { id: format!("harshness-{}", score.id), title, note, head, rows: body, sortable: true })
            })
            .collect()
    }
}
