//! The fold's comment hook: each comment analysed once and counted in its row's groups, or
//! set aside until the analyser is ready.

use chrono::NaiveDate;

use crate::aggregate::{held_text, text_key, Comment};
use crate::produce::csv::fold::Acc;
use crate::project::{ScoreDef, ScoreKind};
use crate::text::Analyzer;

use super::Counted;

/// A comment met before the analyser was ready, with what its row counts in.
pub(super) struct Pending {
    pub(super) comment: CommentAt,
    pub(super) groups: Vec<u32>,
    pub(super) text: String,
    pub(super) held: Held,
}

/// The text a sample holds of a comment ([`held_text`]) and its [`text_key`], once worked
/// out for one sample: the touchpoint sample and the text samples share it, so a long comment
/// is redacted once however many samples keep it.
pub(in crate::produce::csv::fold) type Held = Option<(String, u64)>;

/// Where a comment was met: what [`Acc::count_comment`] needs besides its text and groups.
#[derive(Clone, Copy)]
pub(in crate::produce::csv::fold) struct CommentAt {
    pub question: usize,
    pub tp: Option<usize>,
    pub date: Option<NaiveDate>,
    pub score: Option<(usize, i64)>,
    pub line: u64,
    pub hash: u64,
    /// Whether this is the first comment of its row counted (see [`Counted::new_answer`]).
    pub first_of_row: bool,
}

impl Acc<'_> {
    /// Counts one comment in the row's groups and offers it to the verbatim samples; set aside
    /// if the analyser is not built yet (and counted once it is).
    /// `held`: the comment as a sample holds it, if the touchpoint sample has worked it out.
    pub(in crate::produce::csv::fold) fn analyze_comment(&mut self, text: &str, at: CommentAt, held: Held) {
        let Some(shared) = self.text.analyzer else { return };
        if shared.ready().is_none() {
            let held_len = held.as_ref().map_or(0, |(h, _)| h.len());
            let cost = std::mem::size_of::<Pending>() + text.len() + held_len + self.row_groups.len() * 4;
            if shared.take_room(cost) {
                let groups = self.row_groups.clone();
                self.text.pending.push(Pending { comment: at, groups, text: text.to_string(), held });
                return;
            }
        }
        let an = shared.wait();
        self.count_pending(an);
        let groups = std::mem::take(&mut self.row_groups);
        self.count_comment(an, text, &groups, at, held);
        self.row_groups = groups;
    }

    /// Counts the comments set aside.
    fn count_pending(&mut self, an: &Analyzer) {
        for p in std::mem::take(&mut self.text.pending) {
            self.count_comment(an, &p.text, &p.groups, p.comment, p.held);
        }
    }

    /// Counts the comments set aside, waiting for the analyser if there are any.
    pub(in crate::produce::csv::fold) fn finish_pending(&mut self) {
        if let Some(shared) = self.text.analyzer.filter(|_| !self.text.pending.is_empty()) {
            self.count_pending(shared.wait());
        }
    }

    /// Counts an analysed comment in its row's groups (`groups`, dense indices) and offers it
    /// to the verbatim samples.
    fn count_comment(&mut self, an: &Analyzer, text: &str, groups: &[u32], at: CommentAt, held: Held) {
        let CommentAt { question, tp, date, score, line, hash, first_of_row } = at;
        let (sentiment, themes) = match crate::text::unread_language(text) {
            // Counted and sampled as it is, neutral, with no theme or keyword.
            Some(lang) => {
                let path = &self.plan.ds.file.display;
                self.quality
                    .unread_comments
                    .entry(lang.to_string())
                    .or_default()
                    .add(line, || format!("{path}:{line}"));
                self.text.unread_comment();
                (crate::text::Sentiment::Neutral.index(), 0)
            }
            None => self.text.analyse(an, text),
        };
        let project = self.project;
        let headline = project.loyalty.unwrap_or(0);
        let scored = score.filter(|(s, _)| *s == headline).and_then(|(s, v)| {
            let def = project.scores.get(s)?;
            Some(((v - def.min) as usize, def.width()))
        });
        // A row's comments are counted one after another, set aside or not, so the themes its
        // earlier comments mentioned are known here.
        if first_of_row {
            self.text.row_themes = 0;
        }
        let new_themes = themes & !self.text.row_themes;
        self.text.row_themes |= themes;
        let counted = Counted { sentiment, themes, scored, new_answer: first_of_row, new_themes, question };
        // The row's groups (its segment combination, or all customers and each segment, and
        // each dimension value, in the row's period) and the comment's touchpoint.
        self.text.row_slots.clear();
        self.text.row_tables.clear();
        for &g in groups {
            self.text.push_group(g, self.packed[g as usize]);
        }
        if let Some(t) = tp {
            self.text.push_touchpoint(t);
        }
        self.text.count(&counted);
        self.text.keep_to_budget();
        let ds = self.plan.ds;
        let disagrees = score.is_some_and(|(s, v)| project.scores.get(s).is_some_and(|d| disagrees(d, v, sentiment)));
        // Worked out once, however many samples keep the comment (a long one is redacted here,
        // unless the touchpoint sample did it first).
        let mut held = held;
        let mut make = || {
            let (text, key) = held.get_or_insert_with(|| (held_text(text), text_key(text))).clone();
            Comment {
                text,
                touchpoint: tp,
                score,
                date,
                source: ds.source.clone(),
                dataset: ds.id.clone(),
                row: line,
                sentiment,
                themes,
                question,
                key,
            }
        };
        self.text.offer(&counted, tp, hash, disagrees, &mut make);
    }
}

/// Whether a comment's sentiment (negative 0, neutral 1, positive 2) contradicts its score:
/// a promoter (9–10) or top-box rating with a negative comment, or a detractor (0–6) or
/// bottom-two-box rating with a positive one. Means and lower-is-better scales are not read.
fn disagrees(def: &ScoreDef, value: i64, sentiment: usize) -> bool {
    let (high, low) = match def.kind {
        ScoreKind::Nps => (value >= 9, value <= 6),
        ScoreKind::Rating if !def.lower_better && def.max - def.min >= 2 => {
            (value >= def.top_box, value <= def.min + def.per_point)
        }
        _ => return false,
    };
    (high && sentiment == 0) || (low && sentiment == 2)
}
