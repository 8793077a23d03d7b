//! Pages of one group: stages, touchpoints, segments and configured dimensions, with their
//! distribution charts, sampled comments and the segments' harshness tables.

use rayon::prelude::*;

use super::format::score_class;
use super::routes;
use super::views::*;
use super::{charts, clean_text, Ctx, Job, Pages};
use crate::aggregate::Dim;
use crate::error::Result;
use crate::metrics::{Measure, MetricDef};
use crate::project::ScoreDef;

/// The parts of a stage's or touchpoint's page.
struct GroupParts<'g> {
    /// `stage` or `touchpoint` (its catalogue key).
    kind: &'static str,
    name: &'g str,
    description: Option<&'g str>,
    facts: Vec<(String, String)>,
    /// The dimension and group of its tiles.
    tiles: (&'static str, &'g str),
    charts: Vec<Chart>,
    breakdowns: Vec<Breakdown>,
    /// The touchpoints whose comments it shows.
    touchpoints: &'g [usize],
    voc: (Dim, &'g str),
    up: Link,
}

impl<'a> Ctx<'a> {
    pub(super) fn stage_pages(&self, out: &Pages) -> Result<()> {
        let p = self.project;
        p.stages
            .par_iter()
            .map(|s| {
                let path = routes::stage(&s.id);
                // A stage written without touchpoints has one that stands for it and no page
                // of its own: the stage's page shows what that touchpoint's would.
                if let [only] = s.touchpoints[..] {
                    if p.touchpoints[only].implicit {
                        let (facts, charts, breakdowns) = self.touchpoint_parts(only, &path);
                        return self.group_page(
                            &path,
                            GroupParts {
                                kind: "stage",
                                name: &s.name,
                                description: s.description.as_deref(),
                                facts,
                                tiles: ("stage", &s.id),
                                charts,
                                breakdowns,
                                touchpoints: &s.touchpoints,
                                voc: (Dim::Stage, &s.id),
                                up: Link {
                                    text: self.tr("journey_map").into(),
                                    href: routes::link(&path, routes::JOURNEY),
                                },
                            },
                        );
                    }
                }
                let breakdowns = self
                    .tp
                    .map(|(def, _)| {
                        let rows = s
                            .touchpoints
                            .iter()
                            .map(|i| {
                                let t = &p.touchpoints[*i];
                                self.bar_row(
                                    t.name.clone(),
                                    Some(routes::link(&path, &routes::touchpoint_of(p, t))),
                                    self.metrics.get("touchpoint", &t.id, &def.name),
                                    def,
                                    self.pain(*i),
                                )
                            })
                            .collect();
                        // The line to compare the touchpoints with is this stage's own.
                        let own = self.metrics.get("stage", &s.id, &def.name).and_then(|r| r.value);
                        let name = clean_text(&s.name);
                        let label = |v: &str| self.msg("reference_label_group", &[("name", &name), ("value", v)]);
                        let title = self.by_touchpoint_title(def);
                        vec![self.breakdown_against("by-touchpoint", title, def, rows, false, own, &label)]
                    })
                    .unwrap_or_default();
                self.group_page(
                    &path,
                    GroupParts {
                        kind: "stage",
                        name: &s.name,
                        description: s.description.as_deref(),
                        facts: vec![],
                        tiles: ("stage", &s.id),
                        charts: self.group_charts(Dim::Stage, &s.id),
                        breakdowns,
                        touchpoints: &s.touchpoints,
                        voc: (Dim::Stage, &s.id),
                        up: Link { text: self.tr("journey_map").into(), href: routes::link(&path, routes::JOURNEY) },
                    },
                )
            })
            .try_for_each(out)
    }

    /// A page of each touchpoint, but those that stand for a stage (its page is theirs).
    pub(super) fn touchpoint_pages(&self, out: &Pages) -> Result<()> {
        let p = self.project;
        p.touchpoints
            .par_iter()
            .enumerate()
            .filter(|(_, t)| !t.implicit)
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
                let (importance, charts, breakdowns) = self.touchpoint_parts(i, &path);
                facts.extend(importance);
                self.group_page(
                    &path,
                    GroupParts {
                        kind: "touchpoint",
                        name: &t.name,
                        description: t.description.as_deref(),
                        facts,
                        tiles: ("touchpoint", &t.id),
                        charts,
                        breakdowns,
                        touchpoints: &[i],
                        voc: (Dim::Touchpoint, &t.id),
                        up: Link {
                            text: clean_text(&stage.name),
                            href: routes::link(&path, &routes::stage(&stage.id)),
                        },
                    },
                )
            })
            .try_for_each(out)
    }

    /// What a touchpoint's page shows besides its tiles: its importance as a key driver, its
    /// trend and distribution, and its segments.
    fn touchpoint_parts(&self, i: usize, path: &str) -> (Vec<(String, String)>, Vec<Chart>, Vec<Breakdown>) {
        let t = &self.project.touchpoints[i];
        let mut facts = Vec::new();
        if let Some(q) = self.insights.quadrant.iter().find(|q| q.touchpoint == i) {
            let drivers = self.metrics.drivers.as_ref();
            let against = drivers.and_then(|d| d.rows.iter().find(|r| r.touchpoint == i && r.against).map(|r| (d, r)));
            let text = match against {
                Some((d, r)) => {
                    let (outcome, r) = (self.metric(&d.outcome), self.num().fixed(r.value, 2));
                    self.msg("fact_importance_against", &[("outcome", &outcome), ("r", &r)])
                }
                None => {
                    let share = self.num().share(100.0 * q.importance);
                    let key = if q.fix_first { "fact_importance_fix_first" } else { "fact_importance" };
                    self.msg(key, &[("share", &share)])
                }
            };
            facts.push((self.tr("importance").into(), text));
        }
        let mut charts: Vec<Chart> = Vec::new();
        let mut breakdowns = Vec::new();
        if let Some((def, _)) = self.tp {
            charts.extend(self.group_trend(Some(def), Dim::Touchpoint, &t.id));
            charts.extend(self.distribution_of(self.tp, "dist", Dim::Touchpoint, &t.id));
            let rows: Vec<BarRow> = self
                .metrics
                .segments
                .iter()
                .filter_map(|(sid, name)| {
                    let row = self.metrics.get("touchpoint_segment", &format!("{}|{sid}", t.id), &def.name)?;
                    Some(self.bar_row(
                        name.clone(),
                        Some(routes::link(path, &routes::segment(sid))),
                        Some(row),
                        def,
                        false,
                    ))
                })
                .collect();
            if !rows.is_empty() {
                // The line to compare the segments with is this touchpoint's own, not the site's.
                let own = self.metrics.get("touchpoint", &t.id, &def.name).and_then(|r| r.value);
                let name = clean_text(&t.name);
                let label = |v: &str| self.msg("reference_label_group", &[("name", &name), ("value", v)]);
                breakdowns.push(self.breakdown_against(
                    "by-segment",
                    self.msg(
                        "breakdown_by_segment",
                        &[("metric", &self.metric(&def.name)), ("scope", &self.all_scope())],
                    ),
                    def,
                    rows,
                    true,
                    own,
                    &label,
                ));
            }
        }
        (facts, charts, breakdowns)
    }

    /// A stage's or touchpoint's page from its parts.
    fn group_page(&self, path: &str, g: GroupParts<'_>) -> Job {
        let (comments, total) = self.comments(g.touchpoints);
        let (themes, keywords) = self.voc(g.voc.0, g.voc.1);
        let questions = self.voc_questions(g.voc.0, g.voc.1);
        let who_key = if g.kind == "touchpoint" { "complaint_who_touchpoint" } else { "complaint_who_group" };
        let who = self.msg(who_key, &[("name", &clean_text(g.name))]);
        // Comments that contradict their score are kept per touchpoint: a page of one shows them.
        let worth_reading = match g.touchpoints {
            [i] => self.worth_reading(Some(*i), 6),
            _ => vec![],
        };
        // A touchpoint no one has rated yet says so, rather than showing a blank page.
        let answered = self
            .tile_defs()
            .into_iter()
            .any(|d| self.metrics.get(g.tiles.0, g.tiles.1, &d.name).is_some_and(|r| r.n > 0));
        // One with comments but no ratings says that its figures are what is missing.
        let empty = (g.kind == "touchpoint" && !answered).then(|| {
            let key = if total == 0 { "touchpoint_empty" } else { "touchpoint_unrated" };
            let min_n = self.project.min_n;
            let answers = self.cat.plural("count_answers", min_n, &[]);
            let comments = self.cat.plural("comment_count", min_n, &[]);
            self.msg(key, &[("answers", &answers), ("comments", &comments)])
        });
        let page = GroupPage {
            empty,
            themes,
            keywords,
            questions,
            complaint: self.complaint(g.voc.0, g.voc.1, &who),
            worth_reading,
            kind: self.tr(g.kind).into(),
            heading: clean_text(g.name),
            description: g.description.map(clean_text),
            facts: g.facts.into_iter().chain(self.trend_fact(&g.charts, g.voc.0, g.voc.1)).collect(),
            tiles: self.group_tiles(g.tiles.0, g.tiles.1),
            charts: g.charts,
            breakdowns: headed([g.breakdowns, self.choice_breakdowns(g.tiles.0, g.tiles.1)].concat()),
            comments_scored: super::views::any_scored(&comments),
            comments,
            comment_count: self.cat.plural("comment_count", total, &[]),
            up: Some(g.up),
        };
        self.job(path.to_string(), "group.html", g.name.to_string(), &page)
    }

    /// "NPS · By touchpoint", or "By stage" where the journey knows only stages.
    pub(super) fn by_touchpoint_title(&self, def: &MetricDef) -> String {
        let key = if self.stages_only() { "breakdown_by_stage" } else { "breakdown_by_touchpoint" };
        self.msg(key, &[("metric", &self.metric(&def.name)), ("scope", &self.all_scope())])
    }

    pub(super) fn segment_pages(&self, out: &Pages) -> Result<()> {
        if self.metrics.segments.is_empty() {
            return Ok(());
        }
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
            let title = self.msg("breakdown_segments", &[("metric", &self.metric(&def.name))]);
            let (tables, untabled) = self.harshness_tables();
            let page = serde_json::json!({
                "heading": self.tr("segments"),
                "breakdown": Breakdown { heading: true, ..self.breakdown("segments", title, def, rows, true) },
                "tables": tables,
                "note": self.tr("min_n_note"),
                "more": self.capped_family_notes().into_iter().chain(untabled).collect::<Vec<_>>(),
            });
            out(self.job(routes::SEGMENTS.into(), "list.html", self.tr("segments").into(), &page))?;
        }
        self.metrics.segments.par_iter().try_for_each(|(id, name)| {
            let path = routes::segment(id);
            let mut breakdowns = Vec::new();
            if let Some((def, _)) = self.tp {
                let rows = self.touchpoint_rows(def, &path, "touchpoint_segment", Some(id));
                if !rows.is_empty() {
                    // The line to compare the touchpoints with is this segment's own.
                    let own = self.metrics.get("segment", id, &def.name).and_then(|r| r.value);
                    let seg = clean_text(name);
                    let label = |v: &str| self.msg("reference_label_segment", &[("name", &seg), ("value", v)]);
                    let title = self.by_touchpoint_title(def);
                    breakdowns.push(self.breakdown_against("by-touchpoint", title, def, rows, true, own, &label));
                }
            }
            let (themes, keywords) = self.voc(Dim::Segment, id);
            let questions = self.voc_questions(Dim::Segment, id);
            let who = self.msg("complaint_who_group", &[("name", &clean_text(name))]);
            let comments = self.group_verbatims(Dim::Segment, id, 12);
            let said = self.ingested.text.group(Dim::Segment, id).map_or(0, |g| g.comments);
            let charts = self.group_charts(Dim::Segment, id);
            let trend_fact = self.trend_fact(&charts, Dim::Segment, id);
            let page = GroupPage {
                empty: None,
                themes,
                keywords,
                questions,
                complaint: self.complaint(Dim::Segment, id, &who),
                worth_reading: vec![],
                kind: self.tr("segment").into(),
                heading: clean_text(name),
                description: None,
                facts: self
                    .metrics
                    .harshness
                    .iter()
                    .filter(|h| &h.segment == id)
                    .map(|h| {
                        let label = self.msg("fact_harshness", &[("metric", &self.metric(&h.score))]);
                        let num = self.num();
                        // Its scale and what it means, as the harshness table says them.
                        let (min, max) = self
                            .project
                            .scores
                            .iter()
                            .find(|s| s.id == h.score)
                            .map(|s| (s.show(s.min), s.show(s.max)))
                            .unwrap_or_default();
                        let verdict = self.harshness_verdict(h);
                        // The interval's ends as the verdict reads them (`verdict_ends`).
                        let (low, high, decimals) = super::format::verdict_ends(h.ci.low, h.ci.high, 2);
                        let value = self.msg(
                            "harshness_value",
                            &[
                                ("value", &num.signed(h.value, 2)),
                                // The interval in one piece (a no-break range); its ends
                                // too, for a project's catalogue that writes them apart.
                                ("interval", &num.verdict_interval(h.ci.low, h.ci.high, 2)),
                                ("low", &num.signed(low, decimals)),
                                ("high", &num.signed(high, decimals)),
                                ("min", &min),
                                ("max", &max),
                                ("verdict", verdict),
                            ],
                        );
                        (label, value)
                    })
                    .chain(trend_fact)
                    .collect(),
                tiles: self.group_tiles("segment", id),
                charts,
                breakdowns: headed([breakdowns, self.choice_breakdowns("segment", id)].concat()),
                comment_count: if comments.is_empty() {
                    String::new()
                } else {
                    self.cat.plural("comment_count", said, &[])
                },
                comments_scored: super::views::any_scored(&comments),
                comments,
                up: Some(Link { text: self.tr("segments").into(), href: routes::link(&path, routes::SEGMENTS) }),
            };
            out(self.job(path, "group.html", name.clone(), &page))
        })
    }

    /// "… and 3 more City values": for each `from_column` family past its `max_pages`, how
    /// many of its values have no page and are not listed, and that all are in metrics.csv
    /// (the data-quality page's warning says the same to the team).
    fn capped_family_notes(&self) -> Vec<String> {
        self.project
            .segments
            .iter()
            .filter(|s| matches!(s.kind, crate::project::SegmentKind::FromColumn(_)))
            .filter_map(|s| {
                let (shown, total) = crate::aggregate::paged_family(&self.ingested.partials, s);
                let rest = total.checked_sub(shown.len()).filter(|r| *r > 0)?;
                let (shown, total) = (self.num().count(shown.len() as u64), self.num().count(total as u64));
                let args = [("family", clean_text(&s.name)), ("shown", shown), ("total", total)];
                let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                Some(self.cat.plural("segments_more", rest as u64, &args))
            })
            .collect()
    }

    pub(super) fn dimension_pages(&self, out: &Pages) -> Result<()> {
        let Some((def, _)) = self.headline else { return Ok(()) };
        for (di, did) in self.dimension_ids() {
            let dim_name = self.dimension_name(di);
            let index = routes::dimension(&did);
            let mut all: Vec<&String> = self
                .ingested
                .partials
                .groups
                .keys()
                .filter(|k| k.dim == Dim::Custom(di) && k.period.is_none())
                .map(|k| &k.group)
                .collect();
            // The dimension's `order:` first (regions north to south), the rest A–Z after them.
            let order = &self.project.dimensions[di].order;
            all.sort_by_key(|g| crate::project::listed_at(order, g).unwrap_or(usize::MAX));
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
            let title = self.cat.plural(
                "dimension_title",
                total as u64,
                &[("metric", &self.metric(&def.name)), ("dimension", &clean_text(&dim_name))],
            );
            // Thirty dots read as a chart; three hundred do not, so long dimensions get the table.
            let breakdown =
                (total <= 30).then(|| Breakdown { heading: true, ..self.breakdown("groups", title, def, rows, true) });
            let tables: Vec<Table> = self.league_table(&did).into_iter().collect();
            let page = serde_json::json!({
                "heading": clean_text(&dim_name),
                "breakdown": breakdown,
                "tables": tables,
                "note": self.tr("min_n_note"),
                "more": [],
            });
            out(self.job(index.clone(), "list.html", dim_name.clone(), &page))?;
            groups
                .par_iter()
                .map(|g| {
                    let path = routes::dimension_group(&did, g);
                    let (themes, keywords) = self.voc(Dim::Custom(di), g);
                    let questions = self.voc_questions(Dim::Custom(di), g);
                    let who = self.msg("complaint_who_group", &[("name", &clean_text(g))]);
                    let comments = self.group_verbatims(Dim::Custom(di), g, 12);
                    let said = self.ingested.text.group(Dim::Custom(di), g).map_or(0, |t| t.comments);
                    let charts = self.group_charts(Dim::Custom(di), g);
                    let facts = self
                        .league_facts(&did, g)
                        .into_iter()
                        .chain(self.trend_fact(&charts, Dim::Custom(di), g))
                        .collect();
                    let page = GroupPage {
                        empty: None,
                        themes,
                        keywords,
                        questions,
                        complaint: self.complaint(Dim::Custom(di), g, &who),
                        worth_reading: vec![],
                        kind: clean_text(&dim_name),
                        heading: clean_text(g),
                        description: None,
                        facts,
                        tiles: self.group_tiles(&did, g),
                        charts,
                        breakdowns: headed(self.choice_breakdowns(&did, g)),
                        comment_count: if comments.is_empty() {
                            String::new()
                        } else {
                            self.cat.plural("comment_count", said, &[])
                        },
                        comments_scored: super::views::any_scored(&comments),
                        comments,
                        up: Some(Link { text: clean_text(&dim_name), href: routes::link(&path, &index) }),
                    };
                    self.job(path, "group.html", (*g).clone(), &page)
                })
                .try_for_each(out)?;
        }
        Ok(())
    }

    /// Why a group whose figure is shown has no trend, as a fact at the top of its page;
    /// none when it has one, or when there is no trend to draw (undated data, one period).
    fn trend_fact(&self, charts: &[Chart], dim: Dim, group: &str) -> Option<(String, String)> {
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
    fn group_charts(&self, dim: Dim, group: &str) -> Vec<Chart> {
        let trend = self.group_trend(self.headline.map(|(d, _)| d), dim, group);
        trend.into_iter().chain(self.distribution_chart("dist", dim, group)).collect()
    }

    /// The trend of one group, as the summary's and the touchpoint pages' (the same chart):
    /// of `first`, else of the first headline metric the group has a published figure of.
    /// None for a group whose figure over all its answers is not shown (below min_n, or
    /// withheld to protect another): its periods would give it back. A period not shown is
    /// marked on the chart, never drawn.
    pub(super) fn group_trend(&self, first: Option<&MetricDef>, dim: Dim, group: &str) -> Option<Chart> {
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
    pub(super) fn distribution_chart(&self, id: &str, dim: Dim, group: &str) -> Option<Chart> {
        self.distribution_of(self.headline, id, dim, group)
    }

    /// The distribution of a metric's score in one group.
    fn distribution_of(
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

    /// Whether a touchpoint's page may show comments: min_n comments, and min_n answers or
    /// none at all (a group below min_n shows no number, and no comments either: they could
    /// identify people, and their scores would give the withheld figure away; a text-only
    /// source can bring a handful of comments). A touchpoint customers only write about
    /// (forum posts, tickets) shows its comments with no figures beside them.
    pub(super) fn tp_shows_comments(&self, tp: usize) -> bool {
        let id = &self.project.touchpoints[tp].id;
        let answers = self.tp.and_then(|(d, _)| self.metrics.get("touchpoint", id, &d.name)).map(|r| r.n).unwrap_or(0);
        // (Without text analysis, the plain count of comments.)
        let said = self
            .ingested
            .text
            .group(Dim::Touchpoint, id)
            .map(|g| g.comments)
            .unwrap_or_else(|| self.ingested.comments.counts.get(&Some(tp)).copied().unwrap_or(0));
        (answers == 0 || answers >= self.project.min_n) && said >= self.project.min_n
    }

    /// Sampled comments, redacted, with their score and touchpoint.
    pub(super) fn comments(&self, touchpoints: &[usize]) -> (Vec<CommentView>, u64) {
        let c = &self.ingested.comments;
        let mut out = Vec::new();
        let mut total = 0;
        for tp in touchpoints {
            if !self.tp_shows_comments(*tp) {
                continue;
            }
            total += c.counts.get(&Some(*tp)).copied().unwrap_or(0);
            // One touchpoint's page: 12 verbatims balanced by sentiment that cover its top themes;
            // a stage's: 4 of each touchpoint, chosen alike.
            out.extend(self.balanced(*tp, if touchpoints.len() == 1 { 12 } else { 4 }));
        }
        // A stage's list shows a text once, even when two of its touchpoints picked it.
        let out = crate::aggregate::verbatims::distinct(out).into_iter().map(|cm| self.comment_view(cm)).collect();
        (out, total)
    }

    /// One comment for a page: its text, touchpoint, score, date and themes.
    pub(super) fn comment_view(&self, cm: &crate::aggregate::Comment) -> CommentView {
        let mut meta: Vec<String> =
            cm.touchpoint.map(|tp| clean_text(&self.project.touchpoints[tp].name)).into_iter().collect();
        let mut class = "s0";
        if let Some((s, v)) = cm.score {
            let def = &self.project.scores[s];
            meta.push(self.msg("comment_score", &[("metric", &self.metric(&def.id)), ("score", &def.show(v))]));
            class = match def.kind {
                crate::project::ScoreKind::Nps => match v {
                    0..=6 => "s1",
                    7..=8 => "s4",
                    _ => "s7",
                },
                _ => score_class(def.points(v), Measure::Mean, def),
            };
        }
        if let Some(d) = cm.date {
            meta.push(d.to_string());
        }
        if self.project.shows_questions() {
            meta.insert(0, self.question_label(cm.question));
        }
        let mut view =
            CommentView { text: clean_text(&cm.text), meta: meta.join(" · "), parts: meta, class: class.into() };
        super::themes::tag(&mut view, self.theme_tags(cm.themes));
        view
    }

    /// A harshness in words: harsher when its interval lies wholly on the worse side of 0
    /// (below, or above where lower is better), more lenient on the other side.
    fn harshness_verdict(&self, h: &crate::metrics::HarshnessRow) -> &'a str {
        let lower = self.project.scores.get(h.score_index).is_some_and(|s| s.lower_better);
        let (a, b) = (crate::project::favourable(lower, h.ci.low), crate::project::favourable(lower, h.ci.high));
        self.tr(if a.max(b) < 0.0 {
            "verdict_harsher"
        } else if a.min(b) > 0.0 {
            "verdict_more_lenient"
        } else {
            "verdict_no_different"
        })
    }

    /// The segments without a harshness on score `si`, in sentences by why (each naming at
    /// most [`LEFT_OUT_NAMED`] of them): a segment is never missing from a table unexplained.
    fn harshness_left_out(&self, si: usize) -> Vec<String> {
        use crate::metrics::LeftOut;
        let answers = self.counted("count_answers", self.project.min_n);
        let name =
            |id: &str| clean_text(self.metrics.segments.iter().find(|s| s.0 == id).map(|s| s.1.as_str()).unwrap_or(id));
        [
            (LeftOut::NoAnswers, "harshness_out_empty"),
            (LeftOut::FewAnswers, "harshness_out_small"),
            (LeftOut::Withheld, "harshness_out_withheld"),
            (LeftOut::NoTouchpoint, "harshness_out_no_touchpoint"),
            (LeftOut::FewCounted, "harshness_out_few_counted"),
        ]
        .into_iter()
        .filter_map(|(why, key)| {
            let names: Vec<String> = self
                .metrics
                .harshness_left_out
                .iter()
                .filter(|l| l.score_index == si && l.why == why)
                .map(|l| name(&l.segment))
                .collect();
            if names.is_empty() {
                return None;
            }
            let shown = names[..names.len().min(LEFT_OUT_NAMED)].join(self.tr("list_separator"));
            let rest = names.len().saturating_sub(LEFT_OUT_NAMED) as u64;
            let names =
                if rest > 0 { self.cat.plural("harshness_out_more", rest, &[("names", &shown)]) } else { shown };
            Some(self.msg(key, &[("names", &names), ("answers", &answers)]))
        })
        .collect()
    }

    /// Harshness of each segment on each score, as tables with their intervals, each noting
    /// the segments left out of it; and for a score no segment has one of, a sentence saying
    /// so and why (there is no table to note it under).
    pub(super) fn harshness_tables(&self) -> (Vec<Table>, Vec<String>) {
        let mut untabled = Vec::new();
        let tables = self
            .project
            .scores
            .iter()
            .enumerate()
            .filter(|(_, score)| score.choice.is_none())
            .filter_map(|(si, score)| {
                let left_out = self.harshness_left_out(si);
                let mut rows: Vec<&crate::metrics::HarshnessRow> =
                    self.metrics.harshness.iter().filter(|h| h.score == score.id).collect();
                if rows.is_empty() {
                    let metric = [("metric", self.metric(&score.id))];
                    let metric: Vec<(&str, &str)> = metric.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    // A score no segment's customers gave (one of another dataset): that, in one
                    // sentence, not every segment by name.
                    let answered = self
                        .metrics
                        .harshness_left_out
                        .iter()
                        .any(|l| l.score_index == si && l.why != crate::metrics::LeftOut::NoAnswers);
                    if !answered && !left_out.is_empty() {
                        untabled.push(self.msg("harshness_none_answered", &metric));
                    } else if !left_out.is_empty() {
                        let none = self.msg("harshness_none", &metric);
                        // Each sentence begins with the space (if any) its language puts before it.
                        untabled.push(std::iter::once(none).chain(left_out).collect());
                    }
                    return None;
                }
                // Harshest first: lowest, or highest where lower is better.
                rows.sort_by(|a, b| {
                    score
                        .favourable(a.value)
                        .total_cmp(&score.favourable(b.value))
                        .then_with(|| a.segment.cmp(&b.segment))
                });
                let label = self.metric(&score.id);
                let title = self.msg(
                    "harshness_title",
                    &[("metric", &label), ("min", &score.show(score.min)), ("max", &score.show(score.max))],
                );
                let body = rows
                    .iter()
                    .map(|h| {
                        let name =
                            self.metrics.segments.iter().find(|s| s.0 == h.segment).map(|s| s.1.as_str()).unwrap_or("");
                        let verdict = self.harshness_verdict(h);
                        vec![
                            Cell {
                                href: Some(routes::link(routes::SEGMENTS, &routes::segment(&h.segment))),
                                ..Cell::text(clean_text(name))
                            },
                            Cell::num(self.num().signed(h.value, 2), Some(h.value)),
                            Cell::num(self.num().verdict_interval(h.ci.low, h.ci.high, 2), None),
                            Cell::text(verdict),
                            Cell::num(h.naive_gap.map(|g| self.num().signed(g, 2)).unwrap_or_default(), h.naive_gap),
                            Cell::num(self.num().count(h.n), Some(h.n as f64)),
                        ]
                    })
                    .collect();
                let head = vec![
                    Head::sorted(self.tr("segment"), false),
                    // Harshest first (above): lowest, or highest where lower is better.
                    Head::sorted(self.tr("harshness"), true).in_order(if score.lower_better {
                        Order::Descending
                    } else {
                        Order::Ascending
                    }),
                    Head::plain(self.tr("interval_column"), true),
                    Head::plain(self.tr("verdict"), false),
                    Head::sorted(self.tr("naive_gap"), true),
                    Head::sorted(self.tr("n"), true),
                ];
                let note: String = std::iter::once(self.tr("harshness_note").to_string()).chain(left_out).collect();
                Some(Table {
                    id: format!("harshness-{}", score.id),
                    title,
                    note,
                    head,
                    rows: body,
                    sortable: true,
                    heading: true,
                })
            })
            .collect();
        (tables, untabled)
    }
}

/// The most segments a sentence under a harshness table names for one reason; the others are
/// counted ("and 12 more").
const LEFT_OUT_NAMED: usize = 10;

/// A group page's breakdowns, each titled by a section heading (h2): before, the numbers under
/// the tiles sat under no heading, and a screen reader's list of headings skipped them.
fn headed(breakdowns: Vec<Breakdown>) -> Vec<Breakdown> {
    breakdowns.into_iter().map(|b| Breakdown { heading: true, ..b }).collect()
}
