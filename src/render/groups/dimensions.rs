//! The pages of each configured dimension and of its values.

use super::headed;
use crate::aggregate::Dim;
use crate::error::Result;
use crate::render::routes;
use crate::render::views::*;
use crate::render::{clean_text, Ctx, Pages};
use rayon::prelude::*;

impl<'a> Ctx<'a> {
    pub(in crate::render) fn dimension_pages(&self, out: &Pages) -> Result<()> {
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
                        comment_count: self.group_comment_count(Dim::Custom(di), g, &comments),
                        comments_scored: crate::render::views::any_scored(&comments),
                        comments,
                        up: Some(Link { text: clean_text(&dim_name), href: routes::link(&path, &index) }),
                    };
                    self.job(path, "group.html", (*g).clone(), &page)
                })
                .try_for_each(out)?;
        }
        Ok(())
    }
}
