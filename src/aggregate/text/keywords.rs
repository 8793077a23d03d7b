//! Keyword counts across the contract: a producer's vocabulary and counted tables
//! ([`KeywordPartials`], merged by remapping ids and kept to the budget), and a group's counts
//! after the roll-up ([`Keywords`], ids into one shared vocabulary of the most frequent words).

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::budget::kept_at;
use super::budget::{fitting_levels, keyword_budget, keyword_hash, keyword_kind, passes};
use crate::aggregate::{Dim, GroupKey, Merge};

/// Keywords kept per group after the merge: the `KEYWORD_VOCABULARY` most frequent over all
/// comments; rarer words are dropped from every group, so memory follows groups, not rows.
pub const KEYWORD_VOCABULARY: usize = 2000;

/// A group's keyword counts after the roll-up: ids into one vocabulary shared by every group
/// (the kept words, ids in word order), so a group holds numbers, not a string per word, and
/// two groups' counts walk together by id.
#[derive(Clone, Default)]
pub struct Keywords {
    pub(super) words: Arc<[Box<str>]>,
    /// (word id, comments using it), by id (so in word order), counts above zero.
    pub(super) counts: Vec<(u32, u64)>,
}

impl Keywords {
    /// Counts by word, each with its own vocabulary (tests, and parts built by hand).
    pub fn from_words<'a>(counts: impl IntoIterator<Item = (&'a str, u64)>) -> Keywords {
        let by_word: BTreeMap<&str, u64> =
            counts.into_iter().filter(|(_, n)| *n > 0).fold(BTreeMap::new(), |mut m, (w, n)| {
                *m.entry(w).or_default() += n;
                m
            });
        let words: Arc<[Box<str>]> = by_word.keys().map(|w| Box::from(*w)).collect();
        let counts = by_word.values().enumerate().map(|(i, n)| (i as u32, *n)).collect();
        Keywords { words, counts }
    }

    /// Words and counts, in word order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u64)> + '_ {
        self.counts.iter().map(|(id, n)| (&*self.words[*id as usize], *n))
    }

    /// (word id, count) in word order: ids into [`Keywords::word`] of this and of every group
    /// of the same roll-up ([`Keywords::shares_words`]).
    pub fn ids(&self) -> &[(u32, u64)] {
        &self.counts
    }

    /// The word with id `id`.
    pub fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// Whether `other`'s ids are into the same vocabulary.
    pub fn shares_words(&self, other: &Keywords) -> bool {
        Arc::ptr_eq(&self.words, &other.words)
    }

    /// Comments using `word` (0 if none).
    pub fn get(&self, word: &str) -> u64 {
        // Ids are in word order.
        self.counts.binary_search_by(|(id, _)| (*self.words[*id as usize]).cmp(word)).map_or(0, |i| self.counts[i].1)
    }

    /// The number of words counted.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether no word is counted.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The sum of the counts.
    pub fn total(&self) -> u64 {
        self.counts.iter().map(|(_, n)| n).sum()
    }

    /// Both counts with ids into one vocabulary (the words of either, in word order).
    pub fn in_one_vocabulary(a: &Keywords, b: &Keywords) -> (Keywords, Keywords) {
        let union: std::collections::BTreeSet<&str> = a.iter().chain(b.iter()).map(|(w, _)| w).collect();
        let words: Arc<[Box<str>]> = union.into_iter().map(Box::from).collect();
        // Every word of `a` and `b` is in `words`, and each list is in word order, as are the ids.
        let express = |k: &Keywords| {
            let counts = k
                .iter()
                .filter_map(|(w, n)| Some((words.binary_search_by(|v| (**v).cmp(w)).ok()? as u32, n)))
                .collect();
            Keywords { words: words.clone(), counts }
        };
        (express(a), express(b))
    }

    /// Adds another group's counts: by id, in one vocabulary first if they do not share one.
    pub fn add(&mut self, o: &Keywords) {
        if o.is_empty() {
            return;
        }
        if self.is_empty() {
            *self = o.clone();
        } else if self.shares_words(o) {
            add_sorted(&mut self.counts, &o.counts);
        } else {
            let (mine, theirs) = Keywords::in_one_vocabulary(self, o);
            *self = mine;
            add_sorted(&mut self.counts, &theirs.counts);
        }
    }
}

impl std::fmt::Debug for Keywords {
    /// Words and counts (not the whole shared vocabulary).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl PartialEq for Keywords {
    /// The same counts of the same words, whatever the vocabulary.
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

/// The vocabulary kept: the `k` most frequent of `words` in `counts` (ties by word), in word
/// order, and each word's id in it (`u32::MAX` for a word not kept).
pub(super) fn kept_vocabulary(words: &[Box<str>], counts: Vec<(u32, u64)>, k: usize) -> (Arc<[Box<str>]>, Vec<u32>) {
    let mut ranked = counts;
    let order =
        |a: &(u32, u64), b: &(u32, u64)| b.1.cmp(&a.1).then_with(|| words[a.0 as usize].cmp(&words[b.0 as usize]));
    // The k first in that order, without sorting the long tail of rare words.
    if ranked.len() > k && k > 0 {
        ranked.select_nth_unstable_by(k - 1, order);
    }
    let mut kept: Vec<u32> = ranked.into_iter().take(k).map(|(id, _)| id).collect();
    kept.sort_unstable_by(|a, b| words[*a as usize].cmp(&words[*b as usize]));
    let mut new_id = vec![u32::MAX; words.len()];
    for (i, id) in kept.iter().enumerate() {
        new_id[*id as usize] = i as u32;
    }
    (kept.iter().map(|id| words[*id as usize].clone()).collect(), new_id)
}
/// Keyword counts of groups over all periods, and of each source (so all customers) in each
/// period, by id into one vocabulary: a producer hands over its words once and each table's
/// counts as numbers, so neither it nor the merge builds a string per group and word (the
/// vocabulary of real comments runs to hundreds of thousands of words and phrases; only the
/// most frequent are kept, at the roll-up).
#[derive(Debug, Clone, Default)]
pub struct KeywordPartials {
    /// Id → word or two-word phrase, each once.
    pub words: Vec<Box<str>>,
    /// Counted tables. A group's counts are the sum of the tables that name it.
    pub tables: Vec<KeywordTable>,
    /// The hash level of words and of phrases ([`passes`]): 0 (every keyword counted) unless
    /// the comments held more than [`keyword_budget`] of a kind.
    pub levels: [u32; 2],
}

/// Keyword counts a producer kept once for several groups (a segment combination's comments
/// count for all customers and for each of its segments): they are added into each group
/// only at the roll-up, after the vocabulary is cut to the most frequent words, so the long
/// tail of rare words is never copied group by group.
#[derive(Debug, Clone, Default)]
pub struct KeywordTable {
    /// The groups these counts belong to. A group in a period is a source's: its counts are
    /// apart from (not part of) the source's over all periods.
    pub groups: Vec<GroupKey>,
    /// (word id, comments using it), by id, counts above zero.
    pub counts: Vec<(u32, u64)>,
}

/// Adds sorted counts `from` into sorted counts `into`.
pub fn add_sorted(into: &mut Vec<(u32, u64)>, from: &[(u32, u64)]) {
    if into.is_empty() {
        into.extend_from_slice(from);
        return;
    }
    let mine = std::mem::take(into);
    into.reserve(mine.len() + from.len());
    let (mut a, mut b) = (mine.iter().peekable(), from.iter().peekable());
    loop {
        let next = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) if x.0 == y.0 => {
                let (x, y) = (a.next(), b.next());
                x.zip(y).map(|(x, y)| (x.0, x.1 + y.1))
            }
            (Some(x), Some(y)) if x.0 < y.0 => a.next().copied(),
            (Some(_), Some(_)) | (None, Some(_)) => b.next().copied(),
            (Some(_), None) => a.next().copied(),
            (None, None) => None,
        };
        match next {
            Some(e) => into.push(e),
            None => break,
        }
    }
}

impl KeywordPartials {
    /// Adds `n` uses of `word` in `group`, for a part built by hand (tests).
    pub fn add(&mut self, group: GroupKey, word: &str, n: u64) {
        let id = match self.words.iter().position(|w| &**w == word) {
            Some(i) => i as u32,
            None => {
                self.words.push(word.into());
                (self.words.len() - 1) as u32
            }
        };
        self.tables.push(KeywordTable { groups: vec![group], counts: vec![(id, n)] });
    }

    /// Raises the levels until each kind's keywords that pass fit [`keyword_budget`], and drops
    /// the keywords that do not pass (ids renumbered in order). The level reached depends on
    /// the data alone: a producer raises its level only when the keywords it holds exceed the
    /// budget, so the whole data holds more still at that level, and no part ever drops a
    /// keyword the final level counts — whatever the threads, chunks or merge order.
    pub fn settle(&mut self) {
        self.settle_to(keyword_budget());
    }

    /// [`KeywordPartials::settle`] with budget `budget` (words, phrases).
    fn settle_to(&mut self, budget: [usize; 2]) {
        let kinds: Vec<usize> = self.words.iter().map(|w| keyword_kind(w)).collect();
        let held = [kinds.iter().filter(|k| **k == 0).count(), kinds.iter().filter(|k| **k == 1).count()];
        if self.levels == [0, 0] && held[0] <= budget[0] && held[1] <= budget[1] {
            return;
        }
        let hashes: Vec<u64> = self.words.iter().map(|w| keyword_hash(w)).collect();
        self.levels = fitting_levels(&kinds, &hashes, self.levels, budget);
        let levels = self.levels;
        if (0..self.words.len()).all(|i| passes(hashes[i], levels[kinds[i]])) {
            return;
        }
        let (words, new_id) = kept_at(std::mem::take(&mut self.words), &kinds, &hashes, levels);
        self.words = words;
        for t in &mut self.tables {
            // Ids keep their order, so the counts stay sorted by id.
            t.counts = t
                .counts
                .iter()
                .filter_map(|(id, n)| Some((new_id[*id as usize], *n)).filter(|(i, _)| *i != u32::MAX))
                .collect();
        }
        self.tables.retain(|t| !t.counts.is_empty());
    }

    /// Each group's counts by word (its tables added up), for comparing parts whose ids and
    /// tables differ.
    fn by_word(&self) -> BTreeMap<&GroupKey, BTreeMap<&str, u64>> {
        let word = |id: u32| self.words.get(id as usize).map_or("", |w| &**w);
        let mut out: BTreeMap<&GroupKey, BTreeMap<&str, u64>> = BTreeMap::new();
        for t in &self.tables {
            for g in &t.groups {
                let counts = out.entry(g).or_default();
                for (id, n) in &t.counts {
                    *counts.entry(word(*id)).or_default() += n;
                }
            }
        }
        out
    }

    /// The counts of all customers over all periods: the sum of the tables of a source over
    /// all periods (the roll-up's parent of a source is all customers).
    pub(super) fn overall(&self) -> Vec<(u32, u64)> {
        let all = GroupKey::overall();
        let mut out = Vec::new();
        for t in &self.tables {
            let sources =
                t.groups.iter().filter(|g| (g.dim == Dim::Source && g.period.is_none()) || **g == all).count();
            for _ in 0..sources {
                add_sorted(&mut out, &t.counts);
            }
        }
        out
    }
}

impl PartialEq for KeywordPartials {
    /// The same counts of the same words in the same groups at the same levels, whatever
    /// the ids and tables.
    fn eq(&self, other: &Self) -> bool {
        self.levels == other.levels && self.by_word() == other.by_word()
    }
}

impl Merge for KeywordPartials {
    /// The union, at the higher of the two levels of each kind (raised further if the union
    /// does not fit the budget: [`KeywordPartials::settle`]).
    fn merge(&mut self, other: KeywordPartials) {
        self.merge_within(other, keyword_budget());
    }
}

impl KeywordPartials {
    /// [`Merge::merge`] with budget `budget` (words, phrases).
    fn merge_within(&mut self, other: KeywordPartials, budget: [usize; 2]) {
        if self.words.is_empty() && self.tables.is_empty() {
            let levels = [self.levels[0].max(other.levels[0]), self.levels[1].max(other.levels[1])];
            *self = other;
            self.levels = levels;
            self.settle_to(budget);
            return;
        }
        self.levels = [self.levels[0].max(other.levels[0]), self.levels[1].max(other.levels[1])];
        let index: FxHashMap<&str, u32> = self.words.iter().enumerate().map(|(i, w)| (&**w, i as u32)).collect();
        let mut fresh: Vec<Box<str>> = Vec::new();
        let remap: Vec<u32> = other
            .words
            .iter()
            .map(|w| {
                index.get(&**w).copied().unwrap_or_else(|| {
                    fresh.push(w.clone());
                    (self.words.len() + fresh.len() - 1) as u32
                })
            })
            .collect();
        drop(index);
        self.words.extend(fresh);
        for mut t in other.tables {
            for e in &mut t.counts {
                e.0 = remap[e.0 as usize];
            }
            t.counts.sort_unstable_by_key(|e| e.0);
            self.tables.push(t);
        }
        self.settle_to(budget);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a producer does: counts each use of a keyword that passes its levels, and raises
    /// them (settles) when what it holds passes the budget.
    fn produced(uses: &[String], budget: [usize; 2]) -> KeywordPartials {
        let group = GroupKey::all(Dim::Touchpoint, "t");
        let mut k = KeywordPartials::default();
        for w in uses {
            if !passes(keyword_hash(w), k.levels[keyword_kind(w)]) {
                continue;
            }
            let id = match k.words.iter().position(|x| **x == **w) {
                Some(i) => i as u32,
                None => {
                    k.words.push(w.as_str().into());
                    (k.words.len() - 1) as u32
                }
            };
            match k.tables.first_mut() {
                Some(t) => match t.counts.binary_search_by_key(&id, |e| e.0) {
                    Ok(i) => t.counts[i].1 += 1,
                    Err(i) => t.counts.insert(i, (id, 1)),
                },
                None => k.tables.push(KeywordTable { groups: vec![group.clone()], counts: vec![(id, 1)] }),
            }
            let held = [0, 1].map(|kind| k.words.iter().filter(|w| keyword_kind(w) == kind).count());
            if held[0] > budget[0] || held[1] > budget[1] {
                k.settle_to(budget);
            }
        }
        k
    }

    #[test]
    fn keywords_past_the_budget_are_the_same_hash_sample_with_exact_counts_however_the_data_is_split() {
        // 400 words and 300 phrases, word i used 1 + i % 7 times, in a shuffled order.
        let mut uses: Vec<String> = Vec::new();
        for i in 0..400 {
            for _ in 0..1 + i % 7 {
                uses.push(format!("w{i}"));
            }
        }
        for i in 0..300 {
            uses.push(format!("w{i} w{}", i + 1));
        }
        let mut x = 7u64;
        for i in (1..uses.len()).rev() {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            uses.swap(i, (x >> 33) as usize % (i + 1));
        }
        let budget = [60, 50];
        // Worked out on the whole data: the lowest level at which each kind's distinct
        // keywords that pass fit the budget, and every use of those counted.
        let level = |kind: usize| {
            (0..64)
                .find(|l| {
                    let distinct: std::collections::BTreeSet<&String> =
                        uses.iter().filter(|w| keyword_kind(w) == kind && passes(keyword_hash(w), *l)).collect();
                    distinct.len() <= budget[kind]
                })
                .unwrap()
        };
        let want_levels = [level(0), level(1)];
        assert!(want_levels[0] >= 2 && want_levels[1] >= 2, "{want_levels:?}");
        let mut want: BTreeMap<&str, u64> = BTreeMap::new();
        for w in uses.iter().filter(|w| passes(keyword_hash(w), want_levels[keyword_kind(w)])) {
            *want.entry(w).or_default() += 1;
        }
        let group = GroupKey::all(Dim::Touchpoint, "t");
        // One producer; two; three unevenly, merged in two orders.
        let cuts: [&[usize]; 4] = [&[], &[uses.len() / 2], &[100, 1500], &[1500, 100]];
        for cut in cuts {
            let mut bounds = vec![0];
            bounds.extend(cut.iter().copied().filter(|c| *c < uses.len()));
            bounds.push(uses.len());
            bounds.sort_unstable();
            let mut parts: Vec<KeywordPartials> =
                bounds.windows(2).map(|b| produced(&uses[b[0]..b[1]], budget)).collect();
            if cut.first() == Some(&1500) {
                parts.reverse();
            }
            let mut all = KeywordPartials::default();
            for p in parts {
                all.merge_within(p, budget);
            }
            assert_eq!(all.levels, want_levels, "cut {cut:?}");
            assert_eq!(all.by_word().get(&group).cloned().unwrap_or_default(), want, "cut {cut:?}");
        }
    }

    #[test]
    fn keywords_of_two_vocabularies_add_up_by_word() {
        let mut a = Keywords::from_words([("late", 2), ("cold", 1)]);
        a.add(&Keywords::from_words([("cold", 4), ("rude", 3)]));
        assert_eq!(a.iter().collect::<Vec<_>>(), [("cold", 5), ("late", 2), ("rude", 3)]);
        assert_eq!((a.get("cold"), a.get("nice")), (5, 0));
    }
}
