//! The segments' pages and their index, with the note on `from_column` families past their
//! `max_pages`.

use super::headed;
use crate::aggregate::Dim;
use crate::error::Result;
use crate::render::routes;
use crate::render::views::*;
use crate::render::{clean_text, Ctx, Pages};
use rayon::prelude::*;

impl<'a> Ctx<'a> {
    pub(in crate::render) fn segment_pages(&self, out: &Pages) -> Result<()> {
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
                        let (low, high, decimals) = crate::render::format::verdict_ends(h.ci.low, h.ci.high, 2);
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
                comment_count: self.group_comment_count(Dim::Segment, id, &comments),
                comments_scored: crate::render::views::any_scored(&comments),
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
}
