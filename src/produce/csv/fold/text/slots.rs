//! A group's text counts while the fold runs: comments, sentiment, the headline score and,
//! by index, themes and questions ([`Slot`]), turned into the contract's [`TextGroup`] at the end.

use std::collections::BTreeMap;

use crate::aggregate::{Histogram, QuestionCounts, TextGroup, ThemeCounts};
use crate::text::members;

/// One comment's analysis and what it is counted with.
#[derive(Clone, Copy)]
pub(super) struct Counted {
    pub(super) sentiment: usize,
    pub(super) themes: u64,
    /// The headline score's counter and scale width, when the row answered it.
    pub(super) scored: Option<(usize, usize)>,
    /// Whether this is the first comment of its row: a score is counted once per answer, not
    /// once per comment, so that a respondent who answered two comment questions does not
    /// weigh twice in a theme's gap (nor land on both its sides).
    pub(super) new_answer: bool,
    /// The themes whose answers' scores this comment adds its row's score to: its themes that
    /// no earlier comment of the row mentioned.
    pub(super) new_themes: u64,
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
    /// Comments not yet added ([`Slot::count`]).
    pub(super) log: Vec<Counted>,
}

/// Comments a slot logs before adding them to its counts.
const SLOT_LOG: usize = 64;

impl Slot {
    /// Counts one comment: logged, and added when the log is full. A slot's counts sit in
    /// several allocations (histograms, themes, questions) and a build has hundreds of slots,
    /// so adding each comment as it came cost a cache miss at each; a full log is added with
    /// them in the cache.
    pub(super) fn count(&mut self, c: &Counted) {
        if self.log.capacity() == 0 {
            self.log.reserve_exact(SLOT_LOG);
        }
        self.log.push(*c);
        if self.log.len() >= SLOT_LOG {
            self.add_log();
        }
    }

    /// Adds the logged comments to the counts.
    fn add_log(&mut self) {
        let log = std::mem::take(&mut self.log);
        for c in &log {
            self.add(c);
        }
        self.log = log;
        self.log.clear();
    }

    fn add(&mut self, c: &Counted) {
        self.comments += 1;
        self.sentiment[c.sentiment] += 1;
        if let Some((at, width)) = c.scored.filter(|_| c.new_answer) {
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
            if let Some((at, width)) = c.scored.filter(|_| c.new_themes & (1 << t) != 0) {
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
    pub(super) fn into_group(mut self) -> TextGroup {
        self.add_log();
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Comments logged past several full logs and a part-full one are all in the group, each
    /// once: worked out apart from the slot's own adding.
    #[test]
    fn a_slot_counts_every_comment_logged_full_logs_and_the_rest() {
        let mut slot = Slot {
            key: 0,
            comments: 0,
            sentiment: [0; 3],
            score: Histogram::default(),
            themes: Vec::new(),
            questions: Vec::new(),
            co_mentions: None,
            log: Vec::new(),
        };
        let n = SLOT_LOG * 3 + 5;
        let (mut sentiment, mut theme2, mut scored) = ([0u64; 3], 0u64, 0u64);
        for i in 0..n {
            let c = Counted {
                sentiment: i % 3,
                themes: if i % 4 == 0 { 0b100 } else { 0 },
                scored: (i % 2 == 0).then_some((i % 11, 11)),
                new_answer: true,
                new_themes: if i % 4 == 0 { 0b100 } else { 0 },
                question: 0,
            };
            sentiment[c.sentiment] += 1;
            theme2 += u64::from(c.themes != 0);
            scored += u64::from(c.scored.is_some());
            slot.count(&c);
        }
        let group = slot.into_group();
        assert_eq!(group.comments, n as u64);
        assert_eq!(group.sentiment, sentiment);
        assert_eq!(group.score.counts.iter().sum::<u64>(), scored);
        assert_eq!(group.themes.get(&2).map(|t| t.mentions), Some(theme2));
        assert_eq!(group.questions.get(&0).map(|q| q.comments), Some(n as u64));
    }
}
