//! A group's text counts while the fold runs: comments, sentiment, the headline score and,
//! by index, themes and questions ([`Slot`]), turned into the contract's [`TextGroup`] at the end.

use std::collections::BTreeMap;

use crate::aggregate::{Histogram, QuestionCounts, TextGroup, ThemeCounts};
use crate::text::members;

/// One comment's analysis and what it is counted with.
pub(super) struct Counted {
    pub(super) sentiment: usize,
    pub(super) themes: u64,
    /// The headline score's counter and scale width, when the row answered it.
    pub(super) scored: Option<(usize, usize)>,
    pub(super) question: usize,
}

/// A comment question's counts in a slot, themes by index.
#[derive(Default)]
pub(super) struct QuestionSlot {
    pub(super) comments: u64,
    pub(super) sentiment: [u64; 3],
    pub(super) themes: Vec<u64>,
}

/// A group's text counts (all customers: in one period, or of undated rows), themes and
/// questions by index.
pub(super) struct Slot {
    /// The group's packed key (dimension, value, period; period 0 but for all customers).
    pub(super) key: u64,
    pub(super) comments: u64,
    pub(super) sentiment: [u64; 3],
    pub(super) score: Histogram,
    pub(super) themes: Vec<ThemeCounts>,
    pub(super) questions: Vec<QuestionSlot>,
    /// Pairs of themes mentioned together, for all customers' slots only (`None` elsewhere).
    pub(super) co_mentions: Option<BTreeMap<(usize, usize), u64>>,
}

impl Slot {
    pub(super) fn count(&mut self, c: &Counted) {
        self.comments += 1;
        self.sentiment[c.sentiment] += 1;
        if let Some((at, width)) = c.scored {
            self.score.add(at, width);
        }
        if self.questions.len() <= c.question {
            self.questions.resize_with(c.question + 1, QuestionSlot::default);
        }
        let q = &mut self.questions[c.question];
        q.comments += 1;
        q.sentiment[c.sentiment] += 1;
        for t in members(c.themes) {
            if self.themes.len() <= t {
                self.themes.resize_with(t + 1, ThemeCounts::default);
            }
            if q.themes.len() <= t {
                q.themes.resize(t + 1, 0);
            }
            q.themes[t] += 1;
            let theme = &mut self.themes[t];
            theme.mentions += 1;
            theme.sentiment[c.sentiment] += 1;
            if let Some((at, width)) = c.scored {
                theme.score.add(at, width);
            }
        }
        if let Some(co) = self.co_mentions.as_mut().filter(|_| c.themes.count_ones() > 1) {
            for a in members(c.themes) {
                for b in members(c.themes).filter(|b| *b > a) {
                    *co.entry((a, b)).or_default() += 1;
                }
            }
        }
    }

    /// The slot's counts in the contract's form (themes and questions by index, as mentioned).
    pub(super) fn into_group(self) -> TextGroup {
        let themes = self.themes.into_iter().enumerate().filter(|(_, c)| c.mentions > 0).collect();
        let questions = self
            .questions
            .into_iter()
            .enumerate()
            .filter(|(_, q)| q.comments > 0)
            .map(|(i, q)| {
                let themes = q.themes.into_iter().enumerate().filter(|(_, n)| *n > 0).collect();
                (i, QuestionCounts { comments: q.comments, sentiment: q.sentiment, themes })
            })
            .collect();
        TextGroup {
            comments: self.comments,
            sentiment: self.sentiment,
            score: self.score,
            themes,
            keywords: Default::default(),
            questions,
            co_mentions: self.co_mentions.unwrap_or_default(),
        }
    }
}
