//! The pages of the journey's stages and touchpoints: facts, tiles, charts, breakdowns and
//! sampled comments of each, laid out by one group page.

use super::headed;
use crate::aggregate::Dim;
use crate::error::Result;
use crate::metrics::MetricDef;
use crate::render::routes;
use crate::render::views::*;
use crate::render::{clean_text, Ctx, Job, Pages};
use rayon::prelude::*;

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
    pub(in crate::render) fn stage_pages(&self, out: &Pages) -> Result<()> {
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
    pub(in crate::render) fn touchpoint_pages(&self, out: &Pages) -> Result<()> {
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
            comments_scored: crate::render::views::any_scored(&comments),
            comments,
            comment_count: self.cat.plural("comment_count", total, &[]),
            up: Some(g.up),
        };
        self.job(path.to_string(), "group.html", g.name.to_string(), &page)
    }

    /// "NPS · By touchpoint", or "By stage" where the journey knows only stages.
    pub(in crate::render) fn by_touchpoint_title(&self, def: &MetricDef) -> String {
        let key = if self.stages_only() { "breakdown_by_stage" } else { "breakdown_by_touchpoint" };
        self.msg(key, &[("metric", &self.metric(&def.name)), ("scope", &self.all_scope())])
    }
}
