//! Distinguishing keywords: the words and two-word phrases a group uses more than everyone
//! else, by the weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi
//! & Quinn 2008, "Fightin' Words", eq. 16 and 22), the prior being all comments' counts
//! (α_w = y_w, α₀ = n). For word w, group i against the rest j:
//!
//! δ_w = ln((y_wi + α_w) / (n_i + α₀ − y_wi − α_w)) − ln((y_wj + α_w) / (n_j + α₀ − y_wj − α_w)),
//! σ²(δ_w) ≈ 1/(y_wi + α_w) + 1/(y_wj + α_w), z = δ_w / σ.
//!
//! Counts are comments using the word (a comment counts a word once), over the keywords kept
//! by the roll-up (the most frequent overall). Every group over all periods with `min_n`
//! comments gets its list, and so does all customers in each period (what set a month apart
//! from the others); all customers over all periods get their most used words (z is not
//! defined against nobody). A word is listed only when its z reaches the two-sided critical
//! value of the project's confidence (1.96 at 95 %): a word used once in a small group has a
//! z near 1 and says nothing about it.

use serde::Serialize;

use super::{row_key, z_critical};
use crate::aggregate::{Dim, GroupKey, TextGroup, TextPartials, ALL};
use crate::project::Project;

/// Keywords listed per group in metrics.json and data/keywords.csv (pages show fewer).
pub const LISTED: usize = 20;

/// One keyword of a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordScore {
    pub word: String,
    /// Comments of the group using it.
    pub count: u64,
    /// Its z-score against the other comments; `None` for all customers over all periods.
    pub z: Option<f64>,
}

/// A group's listed keywords, most distinguishing (or, for all customers, most used) first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordRow {
    /// As in metrics.csv (`touchpoint`, `period`, …).
    pub dimension: String,
    pub group: String,
    #[serde(skip)]
    pub key: GroupKey,
    /// Comments in the group.
    pub comments: u64,
    pub words: Vec<KeywordScore>,
}

/// The keyword lists of every group with `min_n` comments, in group order.
pub fn rows(project: &Project, text: &TextPartials) -> Vec<KeywordRow> {
    let Some(all) = text.group(Dim::Overall, ALL) else { return Vec::new() };
    let listed = |k: &GroupKey, g: &TextGroup| {
        (k.period.is_none() || k.dim == Dim::Overall) && g.comments >= project.min_n && g.comments > 0
    };
    let floor = z_critical(project.confidence);
    let groups: Vec<(&GroupKey, &TextGroup)> = text.groups.iter().filter(|(k, g)| listed(k, g)).collect();
    // Each group's list is independent of the others': on every core, in group order.
    use rayon::prelude::*;
    groups.into_par_iter().filter_map(|(key, g)| row(project, key, g, all, floor)).collect()
}

/// Candidates ranked for a group's list: enough that words left out for their phrases
/// ([`without_subsumed_words`]) are replaced by the next ones.
const CANDIDATES: usize = 3 * LISTED;

/// One group's row, or none when no word is listed.
fn row(project: &Project, key: &GroupKey, g: &TextGroup, all: &TextGroup, floor: f64) -> Option<KeywordRow> {
    let ranked: Vec<KeywordScore> = if *key == GroupKey::overall() {
        most_used(g, CANDIDATES).into_iter().map(|(word, count)| KeywordScore { word, count, z: None }).collect()
    } else {
        distinguishing(g, all, CANDIDATES)
            .into_iter()
            .filter(|(_, _, z)| *z >= floor)
            .map(|(word, count, z)| KeywordScore { word, count, z: Some(z) })
            .collect()
    };
    let words = without_subsumed_words(ranked, LISTED);
    if words.is_empty() {
        return None;
    }
    let (dimension, group) = row_key(project, key);
    Some(KeywordRow { dimension, group, key: key.clone(), comments: g.comments, words })
}

/// Share of a word's comments that a listed phrase holding it must have for the word to be left
/// out: "gift" beside "gift box" in the same 581 comments says nothing the phrase does not.
const SUBSUMED: f64 = 0.9;

/// The first `top` of `ranked` (in its order) without the single words that a listed two-word
/// phrase holding them stands for: a word is left out when such a phrase is used by at least
/// 90 % (`SUBSUMED`) of the comments using the word, and the next candidate takes its place. Words
/// left out only bring later candidates in, so the list settles.
pub fn without_subsumed_words(ranked: Vec<KeywordScore>, top: usize) -> Vec<KeywordScore> {
    let mut left_out = vec![false; ranked.len()];
    loop {
        let listed: Vec<usize> = (0..ranked.len()).filter(|&i| !left_out[i]).take(top).collect();
        let mut changed = false;
        for &i in &listed {
            let word = &ranked[i];
            if crate::aggregate::keyword_kind(&word.word) == 1 {
                continue;
            }
            let stands_for = |p: &KeywordScore| {
                p.word.split(' ').any(|w| w == word.word) && p.count as f64 >= SUBSUMED * word.count as f64
            };
            if listed.iter().any(|&j| j != i && stands_for(&ranked[j])) {
                left_out[i] = true;
                changed = true;
            }
        }
        if !changed {
            return listed.into_iter().map(|i| ranked[i].clone()).collect();
        }
    }
}

/// The `top` words and phrases of `group` used by most comments, ties in word order.
pub fn most_used(group: &TextGroup, top: usize) -> Vec<(String, u64)> {
    let mut words: Vec<(&str, u64)> = group.keywords.iter().collect();
    words.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    words.into_iter().take(top).map(|(w, n)| (w.to_string(), n)).collect()
}

/// The `top` keywords of `group` by weighted log-odds z-score against all other comments,
/// with all comments' counts (`all`, which includes the group's) as the informative Dirichlet
/// prior; highest first, positive z only, ties in word order.
pub fn distinguishing(group: &TextGroup, all: &TextGroup, top: usize) -> Vec<(String, u64, f64)> {
    let (mine, everyone) = (&group.keywords, &all.keywords);
    if !mine.shares_words(everyone) {
        // Counts built apart (by hand): in one vocabulary first.
        let (mine, everyone) = crate::aggregate::Keywords::in_one_vocabulary(mine, everyone);
        let g = TextGroup { keywords: mine, ..TextGroup::default() };
        let all = TextGroup { keywords: everyone, ..TextGroup::default() };
        return distinguishing_shared(&g, &all, top);
    }
    distinguishing_shared(group, all, top)
}

/// [`distinguishing`] of two groups whose keyword ids are into one vocabulary.
fn distinguishing_shared(group: &TextGroup, all: &TextGroup, top: usize) -> Vec<(String, u64, f64)> {
    let n_i: f64 = group.keywords.total() as f64;
    let n_all: f64 = all.keywords.total() as f64;
    let a0 = n_all;
    let n_j = n_all - n_i;
    // Both lists are in id order and the group's words are among all words: walk them
    // together instead of looking each word up.
    let mut everyone = all.keywords.ids().iter().peekable();
    let mut scored: Vec<(u32, u64, f64)> = group
        .keywords
        .ids()
        .iter()
        .filter_map(|&(w, y_i)| {
            while everyone.next_if(|(v, _)| *v < w).is_some() {}
            let y_all = everyone.peek().filter(|(v, _)| *v == w).map_or(y_i, |(_, n)| *n) as f64;
            let a = y_all; // α_w = overall count (α₀ = overall total)
            let y_i = y_i as f64;
            let y_j = (y_all - y_i).max(0.0);
            let d = ((y_i + a) / (n_i + a0 - y_i - a)).ln() - ((y_j + a) / (n_j + a0 - y_j - a)).ln();
            let z = d / (1.0 / (y_i + a) + 1.0 / (y_j + a)).sqrt();
            (z.is_finite() && z > 0.0).then_some((w, y_i as u64, z))
        })
        .collect();
    // Ids are in word order, so ties by id are ties by word.
    let order = |a: &(u32, u64, f64), b: &(u32, u64, f64)| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0));
    // The top first in that order, without sorting the rest (a store has thousands).
    if top > 0 && scored.len() > top {
        scored.select_nth_unstable_by(top - 1, order);
        scored.truncate(top);
    }
    scored.sort_unstable_by(order);
    scored.into_iter().map(|(w, n, z)| (group.keywords.word(w).to_string(), n, z)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group(words: &[(&str, u64)]) -> TextGroup {
        TextGroup { keywords: crate::aggregate::Keywords::from_words(words.iter().copied()), ..TextGroup::default() }
    }

    #[test]
    fn a_word_used_more_in_a_group_than_elsewhere_has_a_positive_z() {
        let g = group(&[("delivery", 40), ("good", 20), ("late", 15)]);
        let all = group(&[("delivery", 50), ("good", 200), ("late", 20)]);
        let z = distinguishing(&g, &all, 8);
        let words: Vec<&str> = z.iter().map(|x| x.0.as_str()).collect();
        // "good" is used less here (20 of 75) than elsewhere (180 of 195): not distinguishing.
        assert_eq!(words, ["delivery", "late"]);
        // Hand computation for "delivery": y_i=40, y_j=10, α=50, n_i=75, n_j=195, α0=270.
        let d = ((40.0f64 + 50.0) / (75.0 + 270.0 - 90.0)).ln() - ((10.0f64 + 50.0) / (195.0 + 270.0 - 60.0)).ln();
        let want = d / (1.0 / 90.0f64 + 1.0 / 60.0).sqrt();
        assert!((z[0].2 - want).abs() < 1e-9);
        assert_eq!(distinguishing(&g, &all, 1).len(), 1);
    }

    fn scored(words: &[(&str, u64)]) -> Vec<KeywordScore> {
        words.iter().map(|&(w, count)| KeywordScore { word: w.into(), count, z: None }).collect()
    }

    #[test]
    fn a_word_a_listed_phrase_stands_for_is_left_out_and_the_next_comes_in() {
        // "gift" is in 100 comments and "gift box" in 95 of them (95 % ≥ 90 %): left out.
        // "box" (200) is mostly used without "gift" (95 of 200): kept. "late" (50) has its
        // phrase "late delivery" (44, 88 %) below the share: kept. "x" comes in for "gift".
        let ranked =
            scored(&[("gift", 100), ("box", 200), ("gift box", 95), ("late", 50), ("late delivery", 44), ("x", 9)]);
        let listed: Vec<String> = without_subsumed_words(ranked, 5).into_iter().map(|k| k.word).collect();
        assert_eq!(listed, ["box", "gift box", "late", "late delivery", "x"]);
    }

    #[test]
    fn a_phrase_outside_the_list_leaves_its_word_in() {
        // "gift box" would stand for "gift" but is not among the two listed.
        let ranked = scored(&[("gift", 100), ("box", 200), ("gift box", 100)]);
        let listed: Vec<String> = without_subsumed_words(ranked, 2).into_iter().map(|k| k.word).collect();
        assert_eq!(listed, ["gift", "box"]);
        // Both words of a phrase in all its words' comments go; the list may be shorter.
        let ranked = scored(&[("through", 15), ("through quickly", 15), ("quickly", 15)]);
        let listed: Vec<String> = without_subsumed_words(ranked, 3).into_iter().map(|k| k.word).collect();
        assert_eq!(listed, ["through quickly"]);
    }

    #[test]
    fn most_used_words_come_by_count_then_word() {
        let g = group(&[("b", 3), ("a", 3), ("c", 9), ("d", 1)]);
        assert_eq!(most_used(&g, 3), [("c".to_string(), 9), ("a".into(), 3), ("b".into(), 3)]);
    }
}
