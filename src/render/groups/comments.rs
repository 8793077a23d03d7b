//! The comments a group page shows: whether a touchpoint may show them, the sample, and one
//! comment as the page draws it.

use crate::aggregate::Dim;
use crate::metrics::Measure;
use crate::render::format::score_class;
use crate::render::views::*;
use crate::render::{clean_text, Ctx};

impl<'a> Ctx<'a> {
    /// Whether a touchpoint's page may show comments: min_n comments, and min_n answers or
    /// none at all (a group below min_n shows no number, and no comments either: they could
    /// identify people, and their scores would give the withheld figure away; a text-only
    /// source can bring a handful of comments). A touchpoint customers only write about
    /// (forum posts, tickets) shows its comments with no figures beside them.
    pub(in crate::render) fn tp_shows_comments(&self, tp: usize) -> bool {
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

    /// "N comments" above a segment's or dimension value's verbatims (`shown`): how many
    /// comments the group has, or nothing where none is shown.
    pub(in crate::render) fn group_comment_count(&self, dim: Dim, key: &str, shown: &[CommentView]) -> String {
        if shown.is_empty() {
            return String::new();
        }
        let said = self.ingested.text.group(dim, key).map_or(0, |g| g.comments);
        self.cat.plural("comment_count", said, &[])
    }

    /// Sampled comments, redacted, with their score and touchpoint.
    pub(in crate::render) fn comments(&self, touchpoints: &[usize]) -> (Vec<CommentView>, u64) {
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
    pub(in crate::render) fn comment_view(&self, cm: &crate::aggregate::Comment) -> CommentView {
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
        crate::render::themes::tag(&mut view, self.theme_tags(cm.themes));
        view
    }
}
