//! Text partials: per group, comment counts, sentiment mix, theme mentions (with their
//! sentiment and the headline-score histogram of the answers that mention them) and keyword
//! counts. They merge by addition, like the histograms, so the fold and any future producer
//! can count them apart.

use std::collections::BTreeMap;

use super::{Dim, GroupKey, Histogram, Merge};

/// Keywords kept per group after the merge: the `KEYWORD_VOCABULARY` most frequent over all
/// comments; rarer words are dropped from every group, so memory follows groups, not rows.
pub const KEYWORD_VOCABULARY: usize = 2000;

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
    /// Keyword → comments using it (groups over all periods only).
    pub keywords: BTreeMap<String, u64>,
    /// Question index (`Project::questions`) → its comments' counts.
    pub questions: BTreeMap<usize, QuestionCounts>,
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
        for (k, n) in &o.keywords {
            *self.keywords.entry(k.clone()).or_default() += n;
        }
        for (q, c) in &o.questions {
            self.questions.entry(*q).or_default().add(c);
        }
    }
}

/// Text counts of every group.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TextPartials {
    pub groups: BTreeMap<GroupKey, TextGroup>,
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
    }
}

impl TextPartials {
    /// Rolls base groups up as [`super::roll_up`] does histograms (source → all customers,
    /// touchpoint → stage, each period → all periods), then keeps the most frequent keywords.
    pub fn roll_up(self, stage_of: &dyn Fn(&str) -> Option<String>) -> TextPartials {
        let mut sums: BTreeMap<GroupKey, TextGroup> = BTreeMap::new();
        let mut add = |key: GroupKey, g: &TextGroup, keywords: bool| {
            let e = sums.entry(key).or_default();
            if keywords {
                e.add(g);
            } else {
                e.add(&TextGroup { keywords: BTreeMap::new(), ..g.clone() });
            }
        };
        for (key, g) in &self.groups {
            let parent = match key.dim {
                Dim::Source => Some((Dim::Overall, super::ALL.to_string())),
                Dim::Touchpoint => stage_of(&key.group).map(|s| (Dim::Stage, s)),
                _ => None,
            };
            // Keywords are counted over all periods only.
            add(key.clone(), g, true);
            if let Some((dim, group)) = &parent {
                add(GroupKey { dim: *dim, group: group.clone(), period: key.period.clone() }, g, true);
            }
            if key.period.is_some() {
                add(GroupKey::all(key.dim, key.group.clone()), g, true);
                if let Some((dim, group)) = parent {
                    add(GroupKey::all(dim, group), g, true);
                }
            }
        }
        for (k, g) in sums.iter_mut() {
            if k.period.is_some() {
                g.keywords.clear();
            }
        }
        let mut out = TextPartials { groups: sums };
        out.cap_keywords(KEYWORD_VOCABULARY);
        out
    }

    /// Drops from every group the keywords outside the `k` most frequent overall.
    pub fn cap_keywords(&mut self, k: usize) {
        let mut total: BTreeMap<&str, u64> = BTreeMap::new();
        if let Some(all) = self.groups.get(&GroupKey::overall()) {
            for (w, n) in &all.keywords {
                total.insert(w, *n);
            }
        }
        let mut ranked: Vec<(&str, u64)> = total.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let keep: std::collections::BTreeSet<String> = ranked.into_iter().take(k).map(|(w, _)| w.to_string()).collect();
        for g in self.groups.values_mut() {
            g.keywords.retain(|w, _| keep.contains(w));
        }
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
            *g.keywords.entry(format!("w{}", (x >> 10) % 5)).or_default() += 1;
        }
        p
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
