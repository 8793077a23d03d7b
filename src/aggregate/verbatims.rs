//! Which of a group's kept comments a page shows: a verbatim sample that follows the group's
//! sentiment mix and covers its top themes.
//!
//! The fold keeps, per group and sentiment, the [`super::VOC_SAMPLE`] comments of smallest
//! hash (a pool, in hash order). From those pools [`pick`] chooses up to `k`:
//!
//! 1. **Quotas.** `k` (or the group's number of comments, if smaller) is shared among the
//!    sentiments in proportion to the group's mix by largest remainders (ties: the sentiment
//!    with more comments, then negative, neutral, positive), so the shown comments add up to
//!    exactly `k` and keep the mix. A quota is capped at its pool's size.
//! 2. **Cover the top themes.** For each theme of [`covers`] — the one customers of the group
//!    complain about most (most negative mentions), then its [`COVERED_THEMES`] most mentioned
//!    — that no chosen comment mentions yet: the newest comment that mentions it, from the pool
//!    of the sentiment most of the theme's mentions in the group carry (negative first for the
//!    complaint), else of its other sentiments (more mentions first), within quotas not yet full.
//! 3. **Fill** each sentiment's remaining quota newest first.
//!
//! A text shows once: of comments that read the same ([`same_text`]), each pool keeps only the
//! newest (the negative pool first, then neutral and positive), before any is chosen.
//!
//! "Newest first" puts undated comments last and keeps hash order among equal dates.
//! The chosen comments are returned newest first (then by what they say, the row last). Everything depends
//! only on the pools and the counts, which are the same whatever the row order or thread
//! count, so the sample is too.

use std::collections::{BTreeMap, HashSet};

use super::{Comment, ThemeCounts};

/// Top themes of a group that a verbatim sample covers.
pub const COVERED_THEMES: usize = 3;

/// A theme to cover and the sentiments (negative 0, neutral 1, positive 2) to look for its
/// comment in: most of the theme's mentions in the group first (ties by index).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cover {
    pub theme: usize,
    pub sentiments: [usize; 3],
}

/// The themes a group's verbatims cover, in order: the theme of most negative mentions (the
/// page's "complain most about"; ties: the smaller index), sought among negative comments
/// first; then the `n` most mentioned themes (ties: the smaller index), each sought in the
/// sentiment most of its mentions carry first.
pub fn covers(themes: &BTreeMap<usize, ThemeCounts>, n: usize) -> Vec<Cover> {
    let mut ranked: Vec<(usize, &ThemeCounts)> =
        themes.iter().filter(|(_, c)| c.mentions > 0).map(|(t, c)| (*t, c)).collect();
    let complaint = ranked
        .iter()
        .filter(|(_, c)| c.sentiment[0] > 0)
        .max_by(|a, b| a.1.sentiment[0].cmp(&b.1.sentiment[0]).then(b.0.cmp(&a.0)))
        .map(|(t, c)| {
            let rest = if c.sentiment[2] > c.sentiment[1] { [2, 1] } else { [1, 2] };
            Cover { theme: *t, sentiments: [0, rest[0], rest[1]] }
        });
    ranked.sort_by(|a, b| b.1.mentions.cmp(&a.1.mentions).then(a.0.cmp(&b.0)));
    let top = ranked.into_iter().take(n).map(|(theme, c)| Cover { theme, sentiments: by_count(c.sentiment) });
    let first = complaint.map(|c| c.theme);
    complaint.into_iter().chain(top.filter(|c| Some(c.theme) != first)).collect()
}

/// Sentiment indices, the larger count first (ties: negative, neutral, positive).
fn by_count(counts: [u64; 3]) -> [usize; 3] {
    let mut order = [0, 1, 2];
    order.sort_by(|a, b| counts[*b].cmp(&counts[*a]).then(a.cmp(b)));
    order
}

/// How many comments of each sentiment `k` shown comments hold: `min(k, total)` shared in
/// proportion to `mix` by largest remainders (ties: the larger count, then the lower index).
pub fn quotas(mix: [u64; 3], k: usize) -> [usize; 3] {
    let total: u64 = mix.iter().sum();
    let mut out = [0usize; 3];
    if total == 0 {
        return out;
    }
    let k = (k as u64).min(total);
    // Exact integer shares: quota = floor(k·m / total), remainder = k·m mod total.
    let mut rest: Vec<(u64, u64, usize)> = Vec::with_capacity(3);
    for (s, &m) in mix.iter().enumerate() {
        let num = u128::from(k) * u128::from(m);
        out[s] = (num / u128::from(total)) as usize;
        rest.push(((num % u128::from(total)) as u64, m, s));
    }
    let left = k as usize - out.iter().sum::<usize>();
    rest.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    for (_, _, s) in rest.into_iter().take(left) {
        out[s] += 1;
    }
    out
}

/// Up to `k` comments from the per-sentiment `pools` (each in hash order): quotas by `mix`,
/// the `cover` themes covered where a pool allows, the rest newest first; returned newest
/// first. See the module documentation for the rule.
pub fn pick<'c>(
    mix: [u64; 3],
    k: usize,
    pools: [Option<&'c BTreeMap<u64, Comment>>; 3],
    cover: &[Cover],
) -> Vec<&'c Comment> {
    // Each pool newest first (a stable sort: hash order among equal dates, undated last).
    // A text twice in a list says nothing more: each pool keeps the newest of the same text.
    let mut seen = HashSet::new();
    let pools: [Vec<&'c Comment>; 3] = pools.map(|p| {
        let mut v: Vec<&Comment> = p.map_or_else(Vec::new, |p| p.values().collect());
        v.sort_by_key(|c| std::cmp::Reverse(c.date));
        v.retain(|c| seen.insert(same_text(&c.text)));
        v
    });
    let quota = quotas(mix, k);
    let quota: [usize; 3] = [0, 1, 2].map(|s| quota[s].min(pools[s].len()));
    // chosen[s][i]: whether the i-th comment of pool s is shown.
    let mut chosen: [Vec<bool>; 3] = [0, 1, 2].map(|s| vec![false; pools[s].len()]);
    for c in cover {
        if (0..3).any(|s| shown(&pools[s], &chosen[s]).any(|cm| mentions(cm, c.theme))) {
            continue;
        }
        for s in c.sentiments {
            let full = chosen[s].iter().filter(|on| **on).count() >= quota[s];
            let found = (0..pools[s].len()).find(|&i| !chosen[s][i] && mentions(pools[s][i], c.theme));
            if let (false, Some(i)) = (full, found) {
                chosen[s][i] = true;
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(k);
    for s in 0..3 {
        let free: Vec<usize> = (0..pools[s].len()).filter(|&i| !chosen[s][i]).collect();
        let taken = pools[s].len() - free.len();
        for i in free.into_iter().take(quota[s] - taken) {
            chosen[s][i] = true;
        }
        out.extend(shown(&pools[s], &chosen[s]));
    }
    out.sort_by(|a, b| crate::aggregate::Comment::newest_first(a, b));
    out
}

/// What two comments must share to count as the same text in one list: the text without the
/// spaces around it and without its closing punctuation ("Great!" and "Great" are one).
pub fn same_text(text: &str) -> &str {
    text.trim().trim_end_matches(|c: char| {
        c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(
                c,
                '。' | '！'
                    | '？'
                    | '，'
                    | '、'
                    | '；'
                    | '：'
                    | '…'
                    | '～'
                    | '·'
                    | '”'
                    | '’'
                    | '）'
                    | '」'
                    | '』'
                    | '】'
                    | '》'
            )
    })
}

/// `comments` in their order, each text ([`same_text`]) once: its first comment kept.
pub fn distinct<'c>(comments: impl IntoIterator<Item = &'c Comment>) -> Vec<&'c Comment> {
    let mut seen = HashSet::new();
    comments.into_iter().filter(|c| seen.insert(same_text(&c.text))).collect()
}

/// The chosen comments of one pool.
fn shown<'a, 'c>(pool: &'a [&'c Comment], chosen: &'a [bool]) -> impl Iterator<Item = &'c Comment> + 'a {
    pool.iter().zip(chosen).filter(|(_, on)| **on).map(|(cm, _)| *cm)
}

/// Whether a comment is tagged with theme `t`.
fn mentions(c: &Comment, t: usize) -> bool {
    t < 64 && c.themes & (1u64 << t) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    const DELIVERY: usize = 0;
    const STAFF: usize = 1;
    const PRICE: usize = 2;
    const APP: usize = 3;

    /// A comment of row `row`, written on day `day` of March 2025 (0: undated), with themes.
    fn c(row: u64, day: u32, sentiment: usize, themes: &[usize]) -> Comment {
        Comment {
            text: format!("c{row}"),
            touchpoint: None,
            score: None,
            date: (day > 0).then(|| chrono::NaiveDate::from_ymd_opt(2025, 3, day).unwrap()),
            source: "s".into(),
            dataset: "d".into(),
            row,
            sentiment,
            themes: themes.iter().fold(0, |set, t| set | 1 << t),
            question: 0,
            key: crate::aggregate::text_key(&format!("c{row}")),
        }
    }

    /// A pool whose hash order is the order written (hash = position).
    fn pool(comments: Vec<Comment>) -> BTreeMap<u64, Comment> {
        comments.into_iter().enumerate().map(|(i, c)| (i as u64 + 1, c)).collect()
    }

    fn theme(sentiment: [u64; 3]) -> ThemeCounts {
        ThemeCounts { mentions: sentiment.iter().sum(), sentiment, ..ThemeCounts::default() }
    }

    fn rows(picked: &[&Comment]) -> Vec<u64> {
        picked.iter().map(|c| c.row).collect()
    }

    /// The same text twice in a pool (another row, closing punctuation or spaces aside) shows
    /// once, its newest: the quota takes the next comment instead.
    #[test]
    fn a_text_shows_once_in_a_sample() {
        let mut twice = c(4, 20, 2, &[]);
        twice.text = " c1 ! ".into();
        let mut chinese = c(5, 18, 2, &[]);
        chinese.text = "密封条不好用。".into();
        let mut chinese_again = c(6, 17, 2, &[]);
        chinese_again.text = "密封条不好用".into();
        let positive = pool(vec![c(1, 10, 2, &[]), twice, c(2, 9, 2, &[]), chinese, chinese_again, c(3, 8, 2, &[])]);
        let picked = pick([0, 0, 6], 4, [None, None, Some(&positive)], &[]);
        // Newest first: row 4 (day 20, "c1" again) stands for row 1; row 6 repeats row 5.
        assert_eq!(rows(&picked), [4, 5, 2, 3]);
        assert_eq!(same_text("  Mini-program works, layout is cluttered. "), "Mini-program works, layout is cluttered");
        assert_eq!(same_text("还需努力！！"), "还需努力");
        // A sample's identity of a text (`text_key`) is that of its `same_text`.
        let key = crate::aggregate::text_key;
        assert!(key(" 还需努力！！") == key("还需努力") && key("还需努力。") == key("还需努力"));
        // Led by any kind of space (a line break, no-break, ideographic, thin, Ogham), or blank.
        for lead in ["\n", "\u{a0}", "\u{3000}", "\u{2009}", "\u{1680}", "\u{85}"] {
            assert_eq!(key(&format!("{lead}Great!")), key("Great"), "{lead:?}");
        }
        assert!(key("  ") == key("") && key("") != key("Great"));
        assert!(
            key("还需努力吧") != key("还需努力") && key("还需") != key("还需努力") && key("需努力") != key("还需努力")
        );
        let (a, b) = (c(1, 1, 0, &[]), c(2, 1, 0, &[]));
        let mut a2 = c(3, 1, 0, &[]);
        a2.text = "c1.".into();
        assert_eq!(rows(&distinct([&a, &b, &a2])), [1, 2]);
    }

    #[test]
    fn quotas_follow_the_mix_by_largest_remainders_and_add_up_to_k() {
        // 6·2/12 = 1, 6·1/12 = 0.5, 6·9/12 = 4.5: floors 1, 0, 4; the last seat goes to the
        // tied remainder of more comments (positive). Rounding each would show 1 + 1 + 5 = 7.
        assert_eq!(quotas([2, 1, 9], 6), [1, 0, 5]);
        // 4.5, 4.5, 3: a tie of remainders and of counts goes to the lower index.
        assert_eq!(quotas([30, 30, 20], 12), [5, 4, 3]);
        // Fewer comments than k: all of them.
        assert_eq!(quotas([1, 0, 1], 12), [1, 0, 1]);
        assert_eq!(quotas([0, 0, 0], 5), [0, 0, 0]);
    }

    #[test]
    fn the_complaint_comes_first_then_the_most_mentioned_with_their_sentiments_by_count() {
        let themes = BTreeMap::from([
            (DELIVERY, theme([2, 0, 8])),
            (STAFF, theme([1, 0, 5])),
            (PRICE, theme([3, 1, 0])),
            (APP, theme([0, 1, 0])),
        ]);
        // Price has most negative mentions (3); then delivery (10), staff (6), price (4).
        assert_eq!(
            covers(&themes, 3),
            [
                Cover { theme: PRICE, sentiments: [0, 1, 2] },
                Cover { theme: DELIVERY, sentiments: [2, 0, 1] },
                Cover { theme: STAFF, sentiments: [2, 0, 1] },
            ]
        );
        // The complaint is sought among negatives first even when most of its mentions are
        // positive; a tie of negative mentions goes to the smaller index.
        let themes = BTreeMap::from([(STAFF, theme([1, 0, 5])), (APP, theme([1, 2, 0]))]);
        assert_eq!(covers(&themes, 1), [Cover { theme: STAFF, sentiments: [0, 2, 1] }]);
    }

    /// Delivery (negative), staff (positive) and price (negative) are the top themes; 2
    /// negative and 2 positive comments are shown. By hand: delivery → the newest negative
    /// delivery comment, row 5 (day 3; row 3 is day 2); staff → the newest positive staff
    /// comment, row 14 (day 2); price → row 6, the second negative; the positive left over
    /// goes to the newest positive, row 11 (day 10). The old rule (first by hash) showed rows
    /// 1, 2, 11, 12: no delivery and no price comment.
    #[test]
    fn the_top_themes_are_covered_in_their_dominant_sentiment_and_the_rest_is_newest() {
        let neg = pool(vec![
            c(1, 1, 0, &[]),
            c(2, 5, 0, &[STAFF]),
            c(3, 2, 0, &[DELIVERY]),
            c(4, 6, 0, &[]),
            c(5, 3, 0, &[DELIVERY]),
            c(6, 4, 0, &[PRICE]),
        ]);
        let pos = pool(vec![
            c(11, 10, 2, &[]),
            c(12, 1, 2, &[STAFF]),
            c(13, 9, 2, &[]),
            c(14, 2, 2, &[STAFF]),
            c(15, 8, 2, &[DELIVERY]),
            c(16, 7, 2, &[]),
        ]);
        let themes =
            BTreeMap::from([(DELIVERY, theme([8, 0, 2])), (STAFF, theme([1, 0, 5])), (PRICE, theme([2, 0, 0]))]);
        let cover = covers(&themes, COVERED_THEMES);
        let picked = pick([6, 0, 6], 4, [Some(&neg), None, Some(&pos)], &cover);
        assert_eq!(rows(&picked), [11, 6, 5, 14]);
    }

    /// Mix 2 : 1 : 9 of 6 → 1 negative, 0 neutral, 5 positive. Delivery takes the one
    /// negative seat (row 2); app, mostly negative too, falls back to the positive pool, its
    /// newest app comment row 18 (day 3, over row 12 of day 1), which also mentions staff, so
    /// staff needs no seat of its own (row 14 stays out). Four positive seats are left: the
    /// newest, rows 11, 13, 15, 16. The old rule showed rows 1, 21, 11, 12, 13, 14, 15 (seven).
    #[test]
    fn a_theme_whose_sentiment_is_full_is_covered_from_another_and_a_covered_theme_takes_no_seat() {
        let neg = pool(vec![c(1, 1, 0, &[APP]), c(2, 2, 0, &[DELIVERY])]);
        let neu = pool(vec![c(21, 9, 1, &[])]);
        let pos = pool(vec![
            c(11, 20, 2, &[]),
            c(12, 1, 2, &[APP]),
            c(13, 19, 2, &[]),
            c(14, 5, 2, &[DELIVERY, STAFF]),
            c(15, 18, 2, &[]),
            c(16, 17, 2, &[]),
            c(17, 16, 2, &[]),
            c(18, 3, 2, &[APP, STAFF]),
            c(19, 15, 2, &[]),
        ]);
        let themes = BTreeMap::from([(DELIVERY, theme([4, 0, 1])), (APP, theme([3, 0, 1])), (STAFF, theme([0, 0, 3]))]);
        let cover = covers(&themes, COVERED_THEMES);
        let picked = pick([2, 1, 9], 6, [Some(&neg), Some(&neu), Some(&pos)], &cover);
        assert_eq!(rows(&picked), [11, 13, 15, 16, 18, 2]);
    }

    /// App has the only negative mentions (3) but is fourth by mentions: the one negative
    /// seat (1 of 10 for a mix of 3 : 0 : 27) goes to its comment, row 2 of 1 March, not to
    /// the newer row 1 (5 March) that the fill, or the first hash, would take.
    #[test]
    fn the_main_complaint_is_shown_even_outside_the_top_themes() {
        let neg = pool(vec![c(1, 5, 0, &[]), c(2, 1, 0, &[APP])]);
        let pos = pool((0..10).map(|i| c(11 + i, 1 + i as u32, 2, &[i as usize % 3])).collect());
        let themes = BTreeMap::from([
            (DELIVERY, theme([0, 0, 10])),
            (STAFF, theme([0, 0, 9])),
            (PRICE, theme([0, 0, 8])),
            (APP, theme([3, 0, 0])),
        ]);
        let picked = pick([3, 0, 27], 10, [Some(&neg), None, Some(&pos)], &covers(&themes, COVERED_THEMES));
        let negatives: Vec<u64> = picked.iter().filter(|c| c.sentiment == 0).map(|c| c.row).collect();
        assert_eq!(negatives, [2]);
        assert_eq!(picked.len(), 10);
    }

    /// One positive seat: the newest comment; of two of one date the smaller hash (row 7 has
    /// hash 2, row 6 hash 3); the undated row 5 (hash 1, first under the old rule) comes last.
    #[test]
    fn the_fill_is_newest_first_undated_last_and_ties_in_hash_order() {
        let pos = BTreeMap::from([(1, c(5, 0, 2, &[])), (2, c(7, 1, 2, &[])), (3, c(6, 1, 2, &[]))]);
        assert_eq!(rows(&pick([0, 0, 3], 1, [None, None, Some(&pos)], &[])), [7]);
        assert_eq!(rows(&pick([0, 0, 3], 3, [None, None, Some(&pos)], &[])), [6, 7, 5]);
    }
}
