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
    /// The same counts of the same words in the same groups, whatever the ids and tables.
    fn eq(&self, other: &Self) -> bool {
        self.by_word() == other.by_word()
    }
}

impl Merge for KeywordPartials {
    fn merge(&mut self, other: KeywordPartials) {
        if self.words.is_empty() && self.tables.is_empty() {
            *self = other;
            return;
        }
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
    }
}

/// Text counts of every group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextPartials {
    pub groups: BTreeMap<GroupKey, TextGroup>,
    /// Keyword counts (into each group's `keywords` at the roll-up).
    pub keywords: KeywordPartials,
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
    }
}

impl TextPartials {
    /// Rolls base groups up as [`super::roll_up`] does histograms (source → all customers,
    /// touchpoint → stage, each period → all periods), then gives each group over all periods,
    /// and all customers in each period, its counts of the [`KEYWORD_VOCABULARY`] most
    /// frequent keywords (over all periods). Keywords in a period are counted apart by the
    /// producer, so they roll up to all customers in that period only.
    pub fn roll_up(self, stage_of: &dyn Fn(&str) -> Option<String>) -> TextPartials {
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
        TextPartials { groups: sums, keywords: KeywordPartials::default() }
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
        let mut k = KeywordPartials { words: vec!["slow".into(), "cheap".into()], tables: Vec::new() };
        let (src, a, b) =
            (GroupKey::all(Dim::Source, "survey"), GroupKey::all(Dim::Segment, "a"), GroupKey::all(Dim::Segment, "b"));
        k.tables.push(KeywordTable { groups: vec![src.clone(), a.clone(), b.clone()], counts: vec![(0, 3), (1, 1)] });
        k.tables.push(KeywordTable { groups: vec![src.clone(), a.clone()], counts: vec![(1, 4)] });
        let month = GroupKey::all(Dim::Source, "survey").in_period("2026-01");
        k.tables.push(KeywordTable { groups: vec![month.clone()], counts: vec![(0, 2)] });
        let up = TextPartials { groups: BTreeMap::new(), keywords: k }.roll_up(&|_| None);
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
        let up = TextPartials { groups: BTreeMap::new(), keywords: k }.roll_up(&|_| None);
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
