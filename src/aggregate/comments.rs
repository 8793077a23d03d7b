//! Comment counts and bounded, order-independent samples of comments: the text part of the
//! contract. A producer redacts a comment (see [`super::redact`]) before it hands it over, and
//! gives it the [`text_key`] of its text as written, by which samples tell texts apart.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Merge;

/// Comments kept per touchpoint (a uniform, deterministic sample; see [`Comments`]).
pub const COMMENT_SAMPLE: usize = 40;

/// One customer comment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comment {
    pub text: String,
    /// Index into `Project::touchpoints`.
    pub touchpoint: Option<usize>,
    /// The loyalty score (or the first score) given in the same row, with its score index.
    pub score: Option<(usize, i64)>,
    pub date: Option<NaiveDate>,
    pub source: String,
    /// The dataset and the record's line in its file (as data-quality messages give it).
    pub dataset: String,
    pub row: u64,
    /// Sentiment index (negative, neutral, positive) and theme bit set (see [`crate::text`]).
    pub sentiment: usize,
    pub themes: u64,
    /// Index into `Project::questions`: the comment column it was written in.
    pub question: usize,
    /// The [`text_key`] of the text as written, before redaction: what a sample tells texts
    /// apart by, in a producer (which may hold the text as written) and in the merge (which
    /// holds it redacted) alike, so that two comments that differ only in what redaction
    /// hides are two texts wherever the rows were split.
    #[serde(skip)]
    pub key: u64,
}

/// Bytes of a comment a sample holds as written until its producer redacts it
/// ([`Comments::redact`]); a longer one (rare: real comments run to some tens of bytes) is held
/// redacted and cut to what is shown at once, so a sample's memory is bounded whatever the
/// comments' length.
pub const HELD_BYTES: usize = 4096;

/// The text a sample holds of `text` until its producer redacts what it keeps: as written, or
/// past [`HELD_BYTES`] already redacted and cut ([`super::redact::comment`], which redacting
/// again leaves as it is).
pub fn held_text(text: &str) -> String {
    if text.len() <= HELD_BYTES {
        text.to_string()
    } else {
        super::redact::comment(text)
    }
}

/// The identity of a comment's text as written: a hash of its [`super::verbatims::same_text`]
/// ("Great!" and "Great" are one text). Two texts share a key with a chance of about 2⁻⁶⁴.
pub fn text_key(text: &str) -> u64 {
    stable_hash(&[super::verbatims::same_text(text).as_bytes()])
}

/// Comments kept per key of [`Comments::voc`].
pub const VOC_SAMPLE: usize = 12;

/// What a balanced verbatim sample is kept for: a touchpoint (or none) or a theme, each
/// within one sentiment, so the shown sample can follow the group's sentiment mix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SampleKey {
    Touchpoint(Option<usize>, usize),
    Theme(usize, usize),
}

/// Comments kept per touchpoint whose sentiment contradicts their score (see
/// [`Comments::disagree`]).
pub const DISAGREE_SAMPLE: usize = 6;

/// Comment counts and bounded samples.
///
/// Each touchpoint keeps the `COMMENT_SAMPLE` distinct texts whose comments have the smallest
/// hash of what they are (dataset, text, date, touchpoint, question, score; see
/// [`keep_smallest`]): a sample that is the same whatever the order rows are read in, and
/// that merges (keep the smallest hashes of the union).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Comments {
    /// Number of non-blank comments per touchpoint (`None`: not tied to a touchpoint).
    pub counts: BTreeMap<Option<usize>, u64>,
    pub samples: BTreeMap<Option<usize>, BTreeMap<u64, Comment>>,
    /// Per touchpoint or theme and sentiment, the [`VOC_SAMPLE`] comments of smallest hash.
    pub voc: BTreeMap<SampleKey, BTreeMap<u64, Comment>>,
    /// Per touchpoint, the [`DISAGREE_SAMPLE`] comments of smallest hash whose sentiment
    /// contradicts their score (a promoter or top-box answer with a negative comment, a
    /// detractor or bottom-box answer with a positive one): worth reading.
    pub disagree: BTreeMap<Option<usize>, BTreeMap<u64, Comment>>,
    /// Per segment or dimension value (over all periods) and sentiment, the [`VOC_SAMPLE`]
    /// comments of smallest hash.
    pub groups: BTreeMap<(super::GroupKey, usize), BTreeMap<u64, Comment>>,
}

/// Keeps `make()` under `hash` in `sample` if it is among the `cap` smallest hashes, each text
/// once: a sample holds distinct texts (by [`Comment::key`], the text as written), each by
/// the smallest hash of its comments. So a text written by many customers is likelier to be
/// kept (its smallest hash is smaller) but takes one place, and `好` written 500 times does
/// not crowd out the rest. Ties of hash keep the smaller by `order_key`, the earlier row.
/// Which comments are kept depends only on the set offered, not on the order: a text's
/// smallest hash only falls, and the cutoff only falls.
pub fn keep_smallest(sample: &mut BTreeMap<u64, Comment>, cap: usize, hash: u64, make: impl FnOnce() -> Comment) {
    if sample.len() >= cap && sample.last_key_value().is_some_and(|(h, _)| hash > *h) {
        return;
    }
    let c = make();
    let before = |h: u64, kept: &Comment| (hash, order_key(&c)) < (h, order_key(kept));
    if let Some((&h, kept)) = sample.iter().find(|(_, kept)| kept.key == c.key) {
        if !before(h, kept) {
            return;
        }
        sample.remove(&h);
    }
    match sample.entry(hash) {
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(c);
        }
        // Two texts of one hash: the smaller by `order_key` stays.
        std::collections::btree_map::Entry::Occupied(mut e) => {
            if order_key(&c) < order_key(e.get()) {
                e.insert(c);
            }
        }
    }
    while sample.len() > cap {
        sample.pop_last();
    }
}

/// Adds `other` to `mine`: each sample keeps what [`keep_smallest`] would have kept of both
/// parts' comments, whatever the order of the parts.
fn merge_samples<K: Ord>(
    mine: &mut BTreeMap<K, BTreeMap<u64, Comment>>,
    other: BTreeMap<K, BTreeMap<u64, Comment>>,
    cap: usize,
) {
    for (k, sample) in other {
        let m = mine.entry(k).or_default();
        for (h, c) in sample {
            keep_smallest(m, cap, h, || c);
        }
    }
}

/// A total order of comments, for ties of hash.
/// (The text by its key: a producer may hold it as written, the merge holds it redacted.)
type OrderKey<'c> =
    (&'c str, u64, usize, u64, Option<NaiveDate>, Option<(usize, i64)>, Option<usize>, usize, u64, &'c str);

fn order_key(c: &Comment) -> OrderKey<'_> {
    (&c.dataset, c.row, c.question, c.key, c.date, c.score, c.touchpoint, c.sentiment, c.themes, &c.source)
}

impl Comment {
    /// Newest first (undated last), then by what the comments say, the row last: the order
    /// verbatims are shown in, which the order of the file's rows does not change.
    pub fn newest_first(a: &Comment, b: &Comment) -> std::cmp::Ordering {
        b.date
            .cmp(&a.date)
            .then_with(|| a.dataset.cmp(&b.dataset))
            .then_with(|| a.text.cmp(&b.text))
            .then_with(|| a.touchpoint.cmp(&b.touchpoint))
            .then_with(|| a.score.cmp(&b.score))
            .then_with(|| a.row.cmp(&b.row))
    }
}

impl Comments {
    /// Keeps a comment (not counted here) if its hash is among the smallest; `make` runs only
    /// then. Returns the cutoff: a later hash above it would not be kept (one equal to it may
    /// replace the kept comment of that hash: see [`keep_smallest`]).
    pub fn keep(&mut self, touchpoint: Option<usize>, hash: u64, make: impl FnOnce() -> Comment) -> u64 {
        let sample = self.samples.entry(touchpoint).or_default();
        keep_smallest(sample, COMMENT_SAMPLE, hash, make);
        match sample.last_key_value() {
            Some((h, _)) if sample.len() >= COMMENT_SAMPLE => *h,
            _ => u64::MAX,
        }
    }

    /// Adds one segment's or dimension value's sample of one sentiment (a producer's part of
    /// it), keeping the [`VOC_SAMPLE`] smallest hashes of both, as [`Merge::merge`] does.
    pub fn merge_group_sample(&mut self, key: (super::GroupKey, usize), sample: BTreeMap<u64, Comment>) {
        merge_samples(&mut self.groups, BTreeMap::from([(key, sample)]), VOC_SAMPLE);
    }

    /// Redacts the text of every kept comment, each distinct comment (dataset, row, question)
    /// once: what a producer does last, so that its parts are sampled and merged by the text
    /// as written ([`Comment::key`]) and redacted once, not part by part.
    pub fn redact(&mut self) {
        let mut done: rustc_hash::FxHashMap<(String, u64, usize), String> = Default::default();
        let samples = self
            .samples
            .values_mut()
            .chain(self.voc.values_mut())
            .chain(self.disagree.values_mut())
            .chain(self.groups.values_mut())
            .flat_map(|s| s.values_mut());
        for c in samples {
            let key = (c.dataset.clone(), c.row, c.question);
            let text = done.entry(key).or_insert_with(|| super::redact::comment(&c.text));
            c.text.clone_from(text);
        }
    }

    /// The sampled comments of one touchpoint, in sample order.
    pub fn sample(&self, touchpoint: Option<usize>) -> impl Iterator<Item = &Comment> {
        self.samples.get(&touchpoint).into_iter().flat_map(|m| m.values())
    }
}

/// FNV-1a: a small, stable hash (the standard library's may change between releases).
pub fn stable_hash(parts: &[&[u8]]) -> u64 {
    parts.iter().fold(FNV_OFFSET, |h, p| fnv1a(fnv1a(h, p), &[0xff]))
}

/// FNV-1a's starting value.
pub const FNV_OFFSET: u64 = 0xcbf29ce484222325;

/// Continues an FNV-1a hash `h` over `bytes`.
pub fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x100000001b3))
}

impl Merge for Comments {
    /// Adds another part's counts and keeps the smallest hashes of both samples.
    fn merge(&mut self, other: Comments) {
        for (k, n) in other.counts {
            *self.counts.entry(k).or_default() += n;
        }
        merge_samples(&mut self.samples, other.samples, COMMENT_SAMPLE);
        merge_samples(&mut self.voc, other.voc, VOC_SAMPLE);
        merge_samples(&mut self.disagree, other.disagree, DISAGREE_SAMPLE);
        merge_samples(&mut self.groups, other.groups, VOC_SAMPLE);
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A comment of row `row` of dataset `d`, for tests of samples.
    pub(crate) fn comment(row: u64) -> Comment {
        with_text(row, &format!("c{row}"))
    }

    /// A comment of row `row` saying `text`, its key that of the text.
    pub(crate) fn with_text(row: u64, text: &str) -> Comment {
        Comment {
            text: text.to_string(),
            key: text_key(text),
            touchpoint: None,
            score: None,
            date: None,
            source: "s".into(),
            dataset: "d".into(),
            row,
            sentiment: 0,
            themes: 0,
            question: 0,
        }
    }

    /// A sample holds a comment as written up to HELD_BYTES; a longer one already as shown
    /// (redacted, cut to MAX_COMMENT_CHARS), which the producer's redaction leaves as it is.
    #[test]
    fn a_long_comment_is_held_redacted_and_cut_and_redacting_it_again_changes_nothing() {
        let short = "送货太慢，call 13812345678";
        assert_eq!(held_text(short), short);
        // A mobile number across the cut, and another well past it.
        let long = format!("{}13812345678 {} 13987654321", "很好 ".repeat(332), "x".repeat(HELD_BYTES));
        let held = held_text(&long);
        assert!(held.chars().count() <= crate::aggregate::redact::MAX_COMMENT_CHARS + 1, "{}", held.len());
        assert!(held.ends_with('…') && !held.contains("138") && !held.contains("1398"), "{held}");
        assert_eq!(crate::aggregate::redact::comment(&held), held);
        assert_eq!(held, crate::aggregate::redact::comment(&long));
    }

    #[test]
    fn two_comments_of_one_hash_merge_alike_in_either_order() {
        let mut x = Comments::default();
        x.samples.entry(None).or_default().insert(7, with_text(1, "客"));
        let mut y = Comments::default();
        y.samples.entry(None).or_default().insert(7, with_text(1, "坚"));
        let xy = Comments::merge_all([x.clone(), y.clone()]);
        let yx = Comments::merge_all([y, x]);
        assert_eq!(xy, yx);
        // Same dataset, row and question: the tie goes to the smaller text key (FNV-1a 64 of
        // the text's bytes, then 0xff), worked out apart here.
        let fnv = |t: &str| {
            t.bytes()
                .chain([0xff])
                .fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
        };
        let winner = if fnv("客") < fnv("坚") { "客" } else { "坚" };
        assert_eq!(xy.samples[&None][&7].text, winner);
    }

    /// A text written many times takes one place, by its comment of smallest hash, and the
    /// sample is the same in any order of offering and of merging.
    #[test]
    fn a_sample_holds_each_text_once_whatever_the_order() {
        // 60 comments of 12 texts (text i % 12), hashes a fixed permutation of 0..60.
        let offered: Vec<(u64, Comment)> =
            (0..60u64).map(|r| ((r * 37) % 60, with_text(r, &format!("t{}", r % 12)))).collect();
        let fill = |cap: usize, order: &mut dyn Iterator<Item = &(u64, Comment)>| {
            let mut s = BTreeMap::new();
            for (h, c) in order {
                keep_smallest(&mut s, cap, *h, || c.clone());
            }
            s
        };
        let forward = fill(5, &mut offered.iter());
        let backward = fill(5, &mut offered.iter().rev());
        assert_eq!(forward, backward);
        // Text k's smallest hash: of rows k, k + 12, …, k + 48, hash (37·r) mod 60. Worked
        // out by hand: t0 0, t1 1 (r 13), t2 2 (r 26), t3 3 (r 39), t4 4 (r 52), t5 5 (r 5)…
        // the five smallest are t0 … t4, by rows 0, 13, 26, 39, 52.
        let kept: Vec<(u64, &str, u64)> = forward.iter().map(|(h, c)| (*h, c.text.as_str(), c.row)).collect();
        assert_eq!(kept, [(0, "t0", 0), (1, "t1", 13), (2, "t2", 26), (3, "t3", 39), (4, "t4", 52)]);
        // Merging two parts (samples of VOC_SAMPLE), either way round, gives the sample of all.
        let (a, b) = offered.split_at(23);
        let mut x = Comments::default();
        x.voc.insert(SampleKey::Theme(0, 0), fill(VOC_SAMPLE, &mut a.iter()));
        let mut y = Comments::default();
        y.voc.insert(SampleKey::Theme(0, 0), fill(VOC_SAMPLE, &mut b.iter()));
        let xy = Comments::merge_all([x.clone(), y.clone()]);
        let yx = Comments::merge_all([y, x]);
        assert_eq!(xy, yx);
        assert_eq!(xy.voc[&SampleKey::Theme(0, 0)], fill(VOC_SAMPLE, &mut offered.iter()));
        assert_eq!(xy.voc[&SampleKey::Theme(0, 0)].len(), VOC_SAMPLE);
    }

    #[test]
    fn samples_of_two_parts_merge_into_the_sample_of_the_whole() {
        let hash = |row: u64| stable_hash(&[b"d", &row.to_le_bytes()]);
        let fill = |rows: std::ops::Range<u64>| {
            let mut c = Comments::default();
            for r in rows {
                keep_smallest(c.disagree.entry(Some(1)).or_default(), DISAGREE_SAMPLE, hash(r), || comment(r));
            }
            c
        };
        let whole = fill(0..100);
        let mut ab = fill(0..37);
        ab.merge(fill(37..100));
        let mut ba = fill(37..100);
        ba.merge(fill(0..37));
        assert_eq!(ab, whole);
        assert_eq!(ba, whole);
        let kept = &whole.disagree[&Some(1)];
        assert_eq!(kept.len(), DISAGREE_SAMPLE);
        // The kept rows are those of the smallest hashes.
        let mut all: Vec<u64> = (0..100).map(hash).collect();
        all.sort_unstable();
        assert_eq!(kept.keys().copied().collect::<Vec<_>>(), all[..DISAGREE_SAMPLE]);
    }
}
