//! The comments a group page shows: whether a touchpoint may show them, the sample, and one
//! comment as the page draws it.

use crate::aggregate::Dim;
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
                _ => three_way_class(v, def),
            };
        }
        if let Some(d) = cm.date {
            meta.push(d.to_string());
        }
        if self.project.shows_questions() {
            meta.insert(0, self.question_label(cm.question));
        }
        let mut view = CommentView {
            text: clean_text(&cm.text),
            meta: meta.join(" · "),
            parts: meta,
            class: class.into(),
            lang: self.foreign_language(&cm.text),
        };
        crate::render::themes::tag(&mut view, self.theme_tags(cm.themes));
        view
    }
}

/// A rated comment's dot, in the three colours of the comments' key (low, middle, high): the
/// top boxes high; as many boxes at the bottom low; the rest middle. Turned around where lower
/// is better. (A dot in one of the seven colours of the scores' scale had no key: a 3.5-star
/// review was light blue.)
fn three_way_class(v: i64, def: &crate::project::ScoreDef) -> &'static str {
    let (good, bad) = if def.lower_better { ("s1", "s7") } else { ("s7", "s1") };
    if v >= def.top_box {
        good
    } else if v <= def.min + (def.max - def.top_box) {
        bad
    } else {
        "s4"
    }
}

#[cfg(test)]
mod tests {
    use super::three_way_class;
    use crate::project::{ScoreDef, ScoreKind};

    #[test]
    fn a_rated_comments_dot_is_low_middle_or_high_as_its_key_says() {
        // 1–5, top two boxes: 1–2 low, 3 middle, 4–5 high.
        let csat = ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4);
        let got: Vec<&str> = (1..=5).map(|v| three_way_class(v, &csat)).collect();
        assert_eq!(got, ["s1", "s1", "s4", "s7", "s7"]);
        // Half stars (steps of 0.5, 1–5 as 2–10, top box 4): 3.5 stars is middle.
        let mut stars = ScoreDef::new("stars", ScoreKind::Rating, 2, 10, 8);
        stars.per_point = 2;
        assert_eq!([3, 4, 7, 8].map(|v| three_way_class(v, &stars)), ["s1", "s1", "s4", "s7"]);
        // Lower is better: the top boxes are the bad end.
        let mut wait = ScoreDef::new("wait", ScoreKind::Rating, 1, 5, 4);
        wait.lower_better = true;
        assert_eq!([1, 3, 5].map(|v| three_way_class(v, &wait)), ["s7", "s4", "s1"]);
    }
}
