//! Multi-select questions: the share choosing each option, with its interval, as a breakdown
//! per question (on the summary for all customers, and on touchpoint and segment pages).

use super::views::Breakdown;
use super::Ctx;
use crate::metrics::choice_defs;

impl Ctx<'_> {
    /// One breakdown per multi-select question with answers in the group (`overall`/`all` for
    /// all customers): each option's share, neutral in colour (no option is better).
    pub(super) fn choice_breakdowns(&self, dimension: &str, group: &str) -> Vec<Breakdown> {
        let defs = choice_defs(&self.project.scores);
        let tag = self.project.locale.tag();
        self.project
            .multi_selects
            .iter()
            .enumerate()
            .filter_map(|(qi, q)| {
                let mine: Vec<_> =
                    defs.iter().filter(|d| self.project.scores[d.score].choice.is_some_and(|c| c.0 == qi)).collect();
                let first = mine.first()?;
                // Options of a question all count the same respondents: the first one's n.
                self.metrics.get(dimension, group, &first.name)?;
                let rows = mine
                    .iter()
                    .map(|d| {
                        let option = self.project.scores[d.score].name_in("").unwrap_or_default().to_string();
                        let mut row = self.bar_row(option, None, self.metrics.get(dimension, group, &d.name), d, false);
                        row.class = "s4".into();
                        row
                    })
                    .collect();
                let title = self.msg("choice_title", &[("question", &super::clean_text(q.name(tag)))]);
                let mut b = self.breakdown(&format!("choice-{qi}"), title, first, rows, false);
                b.reference = None;
                b.reference_label = String::new();
                Some(b)
            })
            .collect()
    }
}
