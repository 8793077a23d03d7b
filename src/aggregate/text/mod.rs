//! Text partials: per group, comment counts, sentiment mix, theme mentions (with their
//! sentiment and the headline-score histogram of the answers that mention them) and keyword
//! counts. They merge by addition, like the histograms, so the fold and any future producer
//! can count them apart.

mod budget;
mod keywords;

use std::collections::BTreeMap;

pub use budget::{
    fitting_level, fitting_levels, kept_at, keyword_budget, keyword_hash, keyword_kind, passes, phrase_hash,
    KeywordHasher, KEYWORD_BUDGET,
};
use keywords::kept_vocabulary;
pub use keywords::{add_sorted, KeywordPartials, KeywordTable, Keywords, KEYWORD_VOCABULARY};

use super::{Dim, GroupKey, Histogram, Merge};

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
