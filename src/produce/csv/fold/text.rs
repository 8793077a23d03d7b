//! The comment hook of the fold: each comment is analysed once (see [`crate::text`]) and
//! counted in its row's base groups — all customers of the source, its touchpoint, segments
//! and dimension values, within its period — with keywords counted over all periods, and
//! offered to the balanced verbatim samples.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::tables::Interner;
use super::{pack, unpack, Acc, CUSTOM, OVERALL, SEGMENT, TOUCHPOINT};
use crate::aggregate::{
    keep_smallest, redact, Comment, Comments, Dim, GroupKey, SampleKey, TextGroup, TextPartials, DISAGREE_SAMPLE,
    VOC_SAMPLE,
};
use crate::project::{ScoreDef, ScoreKind};
use crate::text::{members, Analyzer, Keyword, Scratch};

/// Distinct comment texts whose analysis a worker remembers (short comments repeat: "好",
/// "good", "还行"), so a repeated text is segmented once.
const MEMO: usize = 1 << 14;

/// One analysed comment: sentiment index, theme set, keyword ids.
type Analysed = (usize, u64, Box<[u32]>);

/// A group's text counts while folding (keywords by interned id).
#[derive(Default)]
struct GroupAcc {
    counts: TextGroup,
    keywords: FxHashMap<u32, u64>,
}

/// What one worker has counted of comments.
pub(super) struct TextAcc<'p> {
    analyzer: Option<&'p Analyzer>,
    groups: FxHashMap<u64, GroupAcc>,
    words: Interner,
    /// Two-word phrases by the ids of their words → the phrase's id in `words`.
    pairs: FxHashMap<(u32, u32), u32>,
    scratch: Scratch,
    memo: FxHashMap<Box<str>, Analysed>,
    comments: Comments,
    keys: Vec<u64>,
    /// Verbatim samples of segments and dimension values: (undated packed key, sentiment).
    group_voc: FxHashMap<(u64, usize), BTreeMap<u64, Comment>>,
}

impl<'p> TextAcc<'p> {
    pub(super) fn new(analyzer: Option<&'p Analyzer>) -> Self {
        TextAcc {
            analyzer,
            groups: FxHashMap::default(),
            words: Interner::default(),
            pairs: FxHashMap::default(),
            scratch: Scratch::default(),
            memo: FxHashMap::default(),
            comments: Comments::default(),
            keys: Vec::new(),
            group_voc: FxHashMap::default(),
        }
    }

    fn analyse(&mut self, text: &str) -> Option<Analysed> {
        let an = self.analyzer?;
        if let Some(a) = self.memo.get(text) {
            return Some(a.clone());
        }
        let (words, pairs) = (&mut self.words, &mut self.pairs);
        let (sentiment, themes) = an.analyze_ids(text, &mut self.scratch, &mut |k| match k {
            Keyword::Word(w) => words.id(w),
            Keyword::Phrase(a, b) => *pairs.entry((a, b)).or_insert_with(|| {
                let phrase = format!("{} {}", words.values[a as usize], words.values[b as usize]);
                words.id(&phrase)
            }),
        });
        let out = (sentiment.index(), themes, self.scratch.ids.as_slice().into());
        if self.memo.len() < MEMO {
            self.memo.insert(text.into(), out.clone());
        }
        Some(out)
    }

    /// Keyed base partials (`name` turns a packed key's dimension and value into a group;
    /// `period` a period id into its key) and the verbatim samples.
    pub(super) fn into_partials(
        self,
        name: &dyn Fn(u64, u64) -> Option<(Dim, String)>,
        period: &dyn Fn(u64) -> String,
    ) -> (TextPartials, Comments) {
        let mut groups = BTreeMap::new();
        for (key, g) in self.groups {
            let (dim, value, p) = unpack(key);
            let Some((dim, group)) = name(dim, value) else { continue };
            let mut counts = g.counts;
            counts.keywords =
                g.keywords.into_iter().map(|(id, n)| (self.words.values[id as usize].to_string(), n)).collect();
            let period = (p != 0).then(|| period(p));
            groups.insert(GroupKey { dim, group, period }, counts);
        }
        let mut comments = self.comments;
        for ((key, sentiment), sample) in self.group_voc {
            let (dim, value, _) = unpack(key);
            if let Some((dim, group)) = name(dim, value) {
                comments.groups.insert((GroupKey::all(dim, group), sentiment), sample);
            }
        }
        (TextPartials { groups }, comments)
    }
}

impl Acc<'_> {
    /// Counts one comment in the row's groups and offers it to the verbatim samples.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn analyze_comment(
        &mut self,
        text: &str,
        question: usize,
        tp: Option<usize>,
        period: u64,
        date: Option<NaiveDate>,
        score: Option<(usize, i64)>,
        line: u64,
        hash: u64,
    ) {
        let Some((sentiment, themes, words)) = self.text.analyse(text) else { return };
        let project = self.project;
        let headline = project.loyalty.unwrap_or(0);
        let scored = score.filter(|(s, _)| *s == headline).and_then(|(s, v)| {
            let def = project.scores.get(s)?;
            Some(((v - def.min) as usize, def.width()))
        });
        let mut keys = std::mem::take(&mut self.text.keys);
        keys.clear();
        keys.push(pack(OVERALL, 0, period));
        if let Some(t) = tp {
            keys.push(pack(TOUCHPOINT, t as u64, period));
        }
        for s in &self.segs {
            keys.push(pack(SEGMENT, u64::from(*s), period));
        }
        let plan = self.plan;
        for &(d, _) in &plan.dims {
            // The dimension's value of this row was interned by the fold just before.
            if let Some(v) = self.row_dims.get(d).copied().flatten() {
                keys.push(pack(CUSTOM + d as u64, u64::from(v), period));
            }
        }
        for &key in &keys {
            let g = &mut self.text.groups.entry(key).or_default().counts;
            g.comments += 1;
            g.sentiment[sentiment] += 1;
            if let Some((at, width)) = scored {
                g.score.add(at, width);
            }
            let q = g.questions.entry(question).or_default();
            q.comments += 1;
            q.sentiment[sentiment] += 1;
            for t in members(themes) {
                *q.themes.entry(t).or_default() += 1;
            }
            for t in members(themes) {
                let c = g.themes.entry(t).or_default();
                c.mentions += 1;
                c.sentiment[sentiment] += 1;
                if let Some((at, width)) = scored {
                    c.score.add(at, width);
                }
            }
            // Keywords over all periods only: in the group's undated key.
            let (dim, value, _) = unpack(key);
            let kw = &mut self.text.groups.entry(pack(dim, value, 0)).or_default().keywords;
            for w in words.iter() {
                *kw.entry(*w).or_default() += 1;
            }
        }
        self.text.keys = keys;
        let ds = plan.ds;
        let mut redacted: Option<String> = None;
        let mut make = || Comment {
            text: redacted.get_or_insert_with(|| redact::comment(text)).clone(),
            touchpoint: tp,
            score,
            date,
            source: ds.source.clone(),
            dataset: ds.id.clone(),
            row: line,
            sentiment,
            themes,
            question,
        };
        if score.is_some_and(|(s, v)| project.scores.get(s).is_some_and(|d| disagrees(d, v, sentiment))) {
            let sample = self.text.comments.disagree.entry(tp).or_default();
            keep_smallest(sample, DISAGREE_SAMPLE, hash, &mut make);
        }
        for &key in &self.text.keys {
            let (dim, value, _) = unpack(key);
            if dim == SEGMENT || dim >= CUSTOM {
                let sample = self.text.group_voc.entry((pack(dim, value, 0), sentiment)).or_default();
                keep_smallest(sample, VOC_SAMPLE, hash, &mut make);
            }
        }
        let key = SampleKey::Touchpoint(tp, sentiment);
        if self.text.comments.wants_voc(key, hash) {
            let c = make();
            self.text.comments.keep_voc(key, hash, || c);
        }
        for t in members(themes) {
            let key = SampleKey::Theme(t, sentiment);
            if self.text.comments.wants_voc(key, hash) {
                let c = make();
                self.text.comments.keep_voc(key, hash, || c);
            }
        }
    }
}

/// Whether a comment's sentiment (negative 0, neutral 1, positive 2) contradicts its score:
/// a promoter (9–10) or top-box rating with a negative comment, or a detractor (0–6) or
/// bottom-two-box rating with a positive one. Means and lower-is-better scales are not read.
pub(super) fn disagrees(def: &ScoreDef, value: i64, sentiment: usize) -> bool {
    let (high, low) = match def.kind {
        ScoreKind::Nps => (value >= 9, value <= 6),
        ScoreKind::Rating if !def.lower_better && def.max - def.min >= 2 => {
            (value >= def.top_box, value <= def.min + 1)
        }
        _ => return false,
    };
    (high && sentiment == 0) || (low && sentiment == 2)
}
