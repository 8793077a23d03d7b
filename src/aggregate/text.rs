//! Text partials: per group, comment counts, sentiment mix, theme mentions (with their
//! sentiment and the headline-score histogram of the answers that mention them) and keyword
//! counts. They merge by addition, like the histograms, so the fold and any future producer
//! can count them apart.

use std::collections::BTreeMap;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::{Dim, GroupKey, Histogram, Merge};

/// Keywords kept per group after the merge: the `KEYWORD_VOCABULARY` most frequent over all
/// comments; rarer words are dropped from every group, so memory follows groups, not rows.
pub const KEYWORD_VOCABULARY: usize = 2000;

/// Distinct keywords a worker, or a merge, holds at most: single words, and two-word phrases.
/// Natural comments stay far below (the 1M-row benchmark's 300,000 comments hold about 7,300
/// words and 23,000 phrases per worker); text no customer wrote (every word new) would
/// otherwise hold each word and phrase it has, with a count per group, until the roll-up (a
/// 64 MB file of random words: 3.3 GB). Past a budget, only keywords passing a hash level are
/// counted ([`passes`]); at these budgets that file peaks at about 460 MB, and so would a
/// larger one.
pub const KEYWORD_BUDGET: [usize; 2] = [1 << 18, 1 << 19];

/// The keyword budget: [`KEYWORD_BUDGET`], or `CXSITE_KEYWORD_BUDGET=words,phrases` (so tests
/// reach it with little data). Read once.
pub fn keyword_budget() -> [usize; 2] {
    static BUDGET: std::sync::OnceLock<[usize; 2]> = std::sync::OnceLock::new();
    *BUDGET.get_or_init(|| {
        std::env::var("CXSITE_KEYWORD_BUDGET")
            .ok()
            .and_then(|v| {
                let (w, p) = v.split_once(',')?;
                Some([w.trim().parse().ok()?, p.trim().parse().ok()?])
            })
            .filter(|b: &[usize; 2]| b[0] > 0 && b[1] > 0)
            .unwrap_or(KEYWORD_BUDGET)
    })
}

/// A keyword's kind: 0 a single word, 1 a two-word phrase (words hold no space; a phrase is
/// its two words joined by one).
pub fn keyword_kind(keyword: &str) -> usize {
    usize::from(keyword.as_bytes().contains(&b' '))
}

/// A fixed 64-bit hash of a keyword's text, the same on every machine and in every version
/// that keeps it: FNV-1a over the bytes, then MurmurHash3's 64-bit finaliser so that its low
/// bits, which [`passes`] reads, depend on every byte. Fed in pieces, so a phrase hashes as
/// its text without being written out.
#[derive(Clone, Copy)]
pub struct KeywordHasher(u64);

impl Default for KeywordHasher {
    fn default() -> Self {
        KeywordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl KeywordHasher {
    /// Feeds `text`'s bytes.
    pub fn feed(mut self, text: &str) -> Self {
        for b in text.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }

    /// The hash of everything fed.
    pub fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

/// The [`KeywordHasher`] hash of `keyword`.
pub fn keyword_hash(keyword: &str) -> u64 {
    KeywordHasher::default().feed(keyword).finish()
}

/// The hash of the phrase of words `a` and `b` (`"a b"`), without writing it out.
pub fn phrase_hash(a: &str, b: &str) -> u64 {
    KeywordHasher::default().feed(a).feed(" ").feed(b).finish()
}

/// Whether a keyword of hash `hash` is counted at level `level`: its `level` lowest bits are
/// zero, so one keyword in 2^level is, the same ones wherever they are met, and a keyword
/// counted at a level is counted at every lower one.
pub fn passes(hash: u64, level: u32) -> bool {
    level == 0 || hash.trailing_zeros() >= level
}

/// Each kind's level (of keywords of kinds `kinds` and hashes `hashes`) raised from `levels`
/// to the lowest at which that kind's keywords that pass fit `budget`.
pub fn fitting_levels(kinds: &[usize], hashes: &[u64], levels: [u32; 2], budget: [usize; 2]) -> [u32; 2] {
    [0, 1].map(|kind| {
        let of_kind = hashes.iter().zip(kinds).filter(|(_, k)| **k == kind).map(|(h, _)| *h);
        fitting_level(of_kind, levels[kind], budget[kind])
    })
}

/// The lowest level from `from` up at which at most `budget` of the keywords of hashes
/// `hashes` pass.
pub fn fitting_level(hashes: impl Iterator<Item = u64>, from: u32, budget: usize) -> u32 {
    // Keywords by the number of low zero bits of their hash: those passing level L are the
    // ones with L or more.
    let mut by_zeros = [0usize; 65];
    for h in hashes {
        by_zeros[h.trailing_zeros() as usize] += 1;
    }
    let mut passing: usize = by_zeros[from as usize..].iter().sum();
    let mut level = from;
    while passing > budget && level < 64 {
        passing -= by_zeros[level as usize];
        level += 1;
    }
    level
}

/// A group's keyword counts after the roll-up: ids into one vocabulary shared by every group
/// (the kept words, ids in word order), so a group holds numbers, not a string per word, and
/// two groups' counts walk together by id.
#[derive(Clone, Default)]
pub struct Keywords {
    words: Arc<[Box<str>]>,
    /// (word id, comments using it), by id (so in word order), counts above zero.
    counts: Vec<(u32, u64)>,
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
fn kept_vocabulary(words: &[Box<str>], counts: Vec<(u32, u64)>, k: usize) -> (Arc<[Box<str>]>, Vec<u32>) {
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

/// One theme's counts in a group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ThemeCounts {
    pub mentions: u64,
    /// Negative, neutral, positive.
    pub sentiment: [u64; 3],
    /// Headline score of the rows whose comment mentions the theme.
    pub score: Histogram,
}

impl ThemeCounts {
    fn add(&mut self, o: &ThemeCounts) {
        self.mentions += o.mentions;
        for i in 0..3 {
            self.sentiment[i] += o.sentiment[i];
        }
        self.score.add_counts(&o.score);
    }
}

/// One comment question's counts in a group (a dataset with several comment columns).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionCounts {
    pub comments: u64,
    /// Negative, neutral, positive.
    pub sentiment: [u64; 3],
    /// Theme index → comments of this question mentioning it.
    pub themes: BTreeMap<usize, u64>,
}

impl QuestionCounts {
    fn add(&mut self, o: &QuestionCounts) {
        self.comments += o.comments;
        for i in 0..3 {
            self.sentiment[i] += o.sentiment[i];
        }
        for (t, n) in &o.themes {
            *self.themes.entry(*t).or_default() += n;
        }
    }
}

/// The text counts of one group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextGroup {
    pub comments: u64,
    /// Negative, neutral, positive.
    pub sentiment: [u64; 3],
    /// Headline score of the rows with a comment.
    pub score: Histogram,
    /// Theme index → counts.
    pub themes: BTreeMap<usize, ThemeCounts>,
    /// Keyword → comments using it (groups over all periods, and all customers in each
    /// period), filled by [`TextPartials::roll_up`] from [`TextPartials::keywords`] with the
    /// most frequent words.
    pub keywords: Keywords,
    /// Question index (`Project::questions`) → its comments' counts.
    pub questions: BTreeMap<usize, QuestionCounts>,
    /// Two themes (lower index first) → comments mentioning both; counted for all customers
    /// only (the themes page says what each theme is mentioned with).
    pub co_mentions: BTreeMap<(usize, usize), u64>,
}

impl TextGroup {
    /// Adds another group's counts.
    pub fn add(&mut self, o: &TextGroup) {
        self.comments += o.comments;
        for i in 0..3 {
            self.sentiment[i] += o.sentiment[i];
        }
        self.score.add_counts(&o.score);
        for (t, c) in &o.themes {
            self.themes.entry(*t).or_default().add(c);
        }
        self.keywords.add(&o.keywords);
        for (q, c) in &o.questions {
            self.questions.entry(*q).or_default().add(c);
        }
        for (pair, n) in &o.co_mentions {
            *self.co_mentions.entry(*pair).or_default() += n;
        }
    }
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
        let kept = |i: usize| passes(hashes[i], levels[kinds[i]]);
        if (0..self.words.len()).all(kept) {
            return;
        }
        let mut new_id = vec![u32::MAX; self.words.len()];
        let mut words = Vec::new();
        for (i, w) in std::mem::take(&mut self.words).into_iter().enumerate().filter(|(i, _)| kept(*i)) {
            new_id[i] = words.len() as u32;
            words.push(w);
        }
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
    fn overall(&self) -> Vec<(u32, u64)> {
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

/// Text counts of every group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextPartials {
    pub groups: BTreeMap<GroupKey, TextGroup>,
    /// Keyword counts (into each group's `keywords` at the roll-up).
    pub keywords: KeywordPartials,
    /// After the roll-up, the hash levels the keywords were counted at (words, phrases): 0
    /// when every keyword was counted ([`KeywordPartials::levels`]).
    pub keyword_levels: [u32; 2],
}

impl Merge for TextPartials {
    fn merge(&mut self, other: TextPartials) {
        for (k, g) in other.groups {
            match self.groups.get_mut(&k) {
                Some(mine) => mine.add(&g),
                None => {
                    self.groups.insert(k, g);
                }
            }
        }
        self.keywords.merge(other.keywords);
        self.keyword_levels =
            [self.keyword_levels[0].max(other.keyword_levels[0]), self.keyword_levels[1].max(other.keyword_levels[1])];
    }
}

impl TextPartials {
    /// Rolls base groups up as [`super::roll_up`] does histograms (source → all customers,
    /// touchpoint → stage, each period → all periods), then gives each group over all periods,
    /// and all customers in each period, its counts of the [`KEYWORD_VOCABULARY`] most
    /// frequent keywords (over all periods). Keywords in a period are counted apart by the
    /// producer, so they roll up to all customers in that period only.
    pub fn roll_up(mut self, stage_of: &dyn Fn(&str) -> Option<String>) -> TextPartials {
        self.keywords.settle();
        let keyword_levels = self.keywords.levels;
        let parent = |key: &GroupKey| match key.dim {
            Dim::Source => Some((Dim::Overall, super::ALL.to_string())),
            Dim::Touchpoint => stage_of(&key.group).map(|s| (Dim::Stage, s)),
            _ => None,
        };
        let mut sums: BTreeMap<GroupKey, TextGroup> = BTreeMap::new();
        for (key, g) in self.groups {
            let up = parent(&key);
            let mut add = |k: GroupKey| sums.entry(k).or_default().add(&g);
            if let Some((dim, group)) = &up {
                add(GroupKey { dim: *dim, group: group.clone(), period: key.period.clone() });
            }
            if key.period.is_some() {
                add(GroupKey::all(key.dim, key.group.clone()));
                if let Some((dim, group)) = up {
                    add(GroupKey::all(dim, group));
                }
            }
            // The group itself last, moved in rather than copied when it is new.
            match sums.entry(key) {
                std::collections::btree_map::Entry::Vacant(e) => {
                    e.insert(g);
                }
                std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().add(&g),
            }
        }
        // The vocabulary is cut first (on all customers' counts), in word order: each table is
        // cut to the kept words, with their ids in it, before it is added into its groups and
        // their parents, and every group's ids point into it.
        let (vocabulary, new_id) = kept_vocabulary(&self.keywords.words, self.keywords.overall(), KEYWORD_VOCABULARY);
        let mut keywords: BTreeMap<GroupKey, Vec<(u32, u64)>> = BTreeMap::new();
        for table in self.keywords.tables {
            let mut kept: Vec<(u32, u64)> = table
                .counts
                .into_iter()
                .filter_map(|(id, n)| Some((new_id[id as usize], n)).filter(|(i, _)| *i != u32::MAX))
                .collect();
            kept.sort_unstable_by_key(|e| e.0);
            for key in table.groups {
                if let Some((dim, group)) = parent(&key) {
                    let up = GroupKey { dim, group, period: key.period.clone() };
                    add_sorted(keywords.entry(up).or_default(), &kept);
                }
                add_sorted(keywords.entry(key).or_default(), &kept);
            }
        }
        for (key, counts) in keywords {
            sums.entry(key).or_default().keywords = Keywords { words: vocabulary.clone(), counts };
        }
        TextPartials { groups: sums, keywords: KeywordPartials::default(), keyword_levels }
    }

    /// A group over all periods.
    pub fn group(&self, dim: Dim, group: &str) -> Option<&TextGroup> {
        self.groups.get(&GroupKey::all(dim, group))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(seed: u64) -> TextPartials {
        let mut p = TextPartials::default();
        let mut x = seed;
        for _ in 0..50 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let key = GroupKey::all(Dim::Touchpoint, ["a", "b"][(x >> 40) as usize % 2]).in_period("2026-01");
            let g = p.groups.entry(key).or_default();
            g.comments += 1;
            g.sentiment[(x >> 20) as usize % 3] += 1;
            g.themes.entry((x >> 30) as usize % 4).or_default().mentions += 1;
            let all = GroupKey::all(Dim::Touchpoint, ["a", "b"][(x >> 40) as usize % 2]);
            p.keywords.add(all, &format!("w{}", (x >> 10) % 5), 1);
        }
        p
    }

    #[test]
    fn a_table_counts_for_each_group_it_names_and_their_parents_at_the_roll_up() {
        // A segment combination's table names the source and both its segments; a second
        // table names the source and one segment; a third is the source in a period.
        let mut k = KeywordPartials { words: vec!["slow".into(), "cheap".into()], ..Default::default() };
        let (src, a, b) =
            (GroupKey::all(Dim::Source, "survey"), GroupKey::all(Dim::Segment, "a"), GroupKey::all(Dim::Segment, "b"));
        k.tables.push(KeywordTable { groups: vec![src.clone(), a.clone(), b.clone()], counts: vec![(0, 3), (1, 1)] });
        k.tables.push(KeywordTable { groups: vec![src.clone(), a.clone()], counts: vec![(1, 4)] });
        let month = GroupKey::all(Dim::Source, "survey").in_period("2026-01");
        k.tables.push(KeywordTable { groups: vec![month.clone()], counts: vec![(0, 2)] });
        let up = TextPartials { groups: BTreeMap::new(), keywords: k, ..Default::default() }.roll_up(&|_| None);
        let words =
            |key: &GroupKey| up.groups[key].keywords.iter().map(|(w, n)| (w.to_string(), n)).collect::<Vec<_>>();
        let pairs = |v: &[(&str, u64)]| v.iter().map(|(w, n)| (w.to_string(), *n)).collect::<Vec<_>>();
        assert_eq!(words(&src), pairs(&[("cheap", 5), ("slow", 3)]));
        assert_eq!(words(&GroupKey::overall()), pairs(&[("cheap", 5), ("slow", 3)]));
        assert_eq!(words(&a), pairs(&[("cheap", 5), ("slow", 3)]));
        assert_eq!(words(&b), pairs(&[("cheap", 1), ("slow", 3)]));
        // The period's counts are apart from the all-period ones, and roll up in their period.
        assert_eq!(words(&month), pairs(&[("slow", 2)]));
        assert_eq!(words(&GroupKey::overall().in_period("2026-01")), pairs(&[("slow", 2)]));
    }

    #[test]
    fn the_vocabulary_is_cut_on_all_customers_counts_before_groups_are_added_up() {
        // KEYWORD_VOCABULARY + 1 words used once by all customers, and one more used twice:
        // the one word cut is the last of the once-used (ties by word), in every group.
        let mut k = KeywordPartials::default();
        let n = KEYWORD_VOCABULARY + 1;
        k.words = (0..=n).map(|i| format!("w{i:05}").into()).collect();
        let src = GroupKey::all(Dim::Source, "s");
        let store = GroupKey::all(Dim::Custom(0), "store 1");
        k.tables.push(KeywordTable {
            groups: vec![src],
            counts: (0..n as u32).map(|i| (i, 1)).chain([(n as u32, 2)]).collect(),
        });
        k.tables.push(KeywordTable { groups: vec![store.clone()], counts: vec![(0, 7), ((n - 1) as u32, 9)] });
        let up = TextPartials { groups: BTreeMap::new(), keywords: k, ..Default::default() }.roll_up(&|_| None);
        let all = &up.groups[&GroupKey::overall()].keywords;
        assert_eq!(all.len(), KEYWORD_VOCABULARY);
        assert_eq!(all.get(&format!("w{n:05}")), 2);
        assert_eq!(all.get(&format!("w{:05}", n - 1)), 0);
        // A store's word outside the vocabulary is dropped though the store uses it most.
        assert_eq!(up.groups[&store].keywords.iter().collect::<Vec<_>>(), [("w00000", 7)]);
        // Every group's ids are into one vocabulary, in word order.
        assert!(up.groups[&store].keywords.shares_words(all));
        let listed: Vec<&str> = all.iter().map(|(w, _)| w).collect();
        assert!(listed.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_keyword_hash_is_fnv_1a_with_a_finaliser_and_a_phrase_hashes_as_its_text() {
        // Worked out apart (Python: FNV-1a 64 over the UTF-8 bytes, then MurmurHash3's fmix64).
        assert_eq!(keyword_hash("delivery"), 0x7e42_3f27_0aa3_aad6);
        assert_eq!(keyword_hash("送货"), 0x3281_b8eb_6028_987a);
        assert_eq!(keyword_hash("slow delivery"), 0x2d58_0915_78eb_9310);
        assert_eq!(keyword_hash(""), 0xefd0_1f60_ba99_2926);
        assert_eq!(phrase_hash("slow", "delivery"), keyword_hash("slow delivery"));
        assert_eq!((keyword_kind("slow"), keyword_kind("slow delivery")), (0, 1));
    }

    #[test]
    fn a_level_passes_the_hashes_with_as_many_low_zero_bits_and_fits_the_budget_lowest() {
        assert!(passes(0b1011, 0) && !passes(0b1011, 1));
        assert!(passes(0b1000, 3) && !passes(0b1000, 4) && passes(0, 64));
        // Low zero bits 0, 0, 1, 2, 3, 5: at level 1 four pass, at 2 three, at 3 two.
        let hashes = [1u64, 3, 2, 4, 8, 32];
        assert_eq!(fitting_level(hashes.into_iter(), 0, 6), 0);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 4), 1);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 2), 3);
        assert_eq!(fitting_level(hashes.into_iter(), 0, 0), 6);
        // Never below where it starts.
        assert_eq!(fitting_level(hashes.into_iter(), 2, 6), 2);
    }

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

    #[test]
    fn text_partials_merge_in_any_order() {
        let (a, b) = (part(1), part(2));
        let mut ab = a.clone();
        ab.merge(b.clone());
        let mut ba = b;
        ba.merge(a);
        assert_eq!(ab, ba);
        let total: u64 = ab.groups.values().map(|g| g.comments).sum();
        assert_eq!(total, 100);
    }
}
