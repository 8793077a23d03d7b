//! The comment hook of the fold: each comment is analysed once (see [`crate::text`]) and
//! counted in its row's base groups — the row's segment combination (or each segment), its
//! touchpoint and dimension values, over all periods, and all customers of the source in the
//! row's period — with keywords counted over all periods (and, for all customers, by period
//! too), and offered to the balanced verbatim samples.
//!
//! Only all customers are counted period by period, because theme shares and their shifts
//! are read by period for all customers alone (`metrics::themes`); every other group is
//! counted once over all periods, which keeps a worker's slots few (a store has one, not one
//! a month) and in the cache.
//!
//! The per-comment work is array reads: a text slot and keyword table per score group (found
//! by the group's dense index), keyword counts of frequent words in a flat array, and a cutoff
//! per sample that most comments fail at once. Nothing is named until the end
//! ([`TextAcc::into_partials`]), where a segment combination is spread into its groups, as the
//! score counters are.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::tables::{Interner, NO_GROUP};
use super::{pack, unpack, Acc, COMBO, CUSTOM, OVERALL, SEGMENT, TOUCHPOINT};
use crate::aggregate::{
    keep_smallest, keyword_budget, keyword_hash, keyword_kind, passes, phrase_hash, redact, Comment, Comments, Dim,
    GroupKey, Histogram, KeywordPartials, KeywordTable, QuestionCounts, SampleKey, TextGroup, TextPartials,
    ThemeCounts, DISAGREE_SAMPLE, VOC_SAMPLE,
};
use crate::project::{ScoreDef, ScoreKind};
use crate::text::{members, Analyzer, Keyword, Scratch, SharedAnalyzer, NOT_COUNTED};

/// Keyword ids under this are counted in a flat array per group. Ids are given in order of
/// first use, so the frequent words of a Zipf-like vocabulary get small ids early and their
/// counts stay in the cache; rarer words and phrases are counted in a map.
const DENSE_WORDS: usize = 1 << 13;

/// One comment's analysis and what it is counted with.
struct Counted {
    sentiment: usize,
    themes: u64,
    /// The headline score's counter and scale width, when the row answered it.
    scored: Option<(usize, usize)>,
    question: usize,
}

/// A comment question's counts in a slot, themes by index.
#[derive(Default)]
struct QuestionSlot {
    comments: u64,
    sentiment: [u64; 3],
    themes: Vec<u64>,
}

/// A group's text counts (all customers: in one period, or of undated rows), themes and
/// questions by index.
struct Slot {
    /// The group's packed key (dimension, value, period; period 0 but for all customers).
    key: u64,
    comments: u64,
    sentiment: [u64; 3],
    score: Histogram,
    themes: Vec<ThemeCounts>,
    questions: Vec<QuestionSlot>,
    /// Pairs of themes mentioned together, for all customers' slots only (`None` elsewhere).
    co_mentions: Option<BTreeMap<(usize, usize), u64>>,
}

impl Slot {
    fn count(&mut self, c: &Counted) {
        self.comments += 1;
        self.sentiment[c.sentiment] += 1;
        if let Some((at, width)) = c.scored {
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
            if let Some((at, width)) = c.scored {
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
    fn into_group(self) -> TextGroup {
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

/// A sample of the comments of smallest hash, and the hash a comment must be under to enter.
#[derive(Default)]
struct Sample {
    kept: BTreeMap<u64, Comment>,
    /// The largest kept hash once the sample is full.
    cutoff: Option<u64>,
}

impl Sample {
    /// Offers a comment: `make` runs only if it is kept.
    fn offer(&mut self, cap: usize, hash: u64, make: impl FnOnce() -> Comment) {
        if self.cutoff.is_some_and(|c| hash > c) {
            return;
        }
        keep_smallest(&mut self.kept, cap, hash, make);
        if self.kept.len() >= cap {
            self.cutoff = self.kept.last_key_value().map(|(h, _)| *h);
        }
    }
}

/// A group's keyword counts over all periods and, for segments and dimension values, its
/// verbatim samples by sentiment.
struct Table {
    /// The group's packed key (period 0).
    key: u64,
    /// Counts of ids under [`DENSE_WORDS`], two bytes each (so a table of frequent words
    /// takes half the cache); each wrap past `u16::MAX` carries 65,536 into `carried`.
    dense: Vec<u16>,
    /// The other ids as they come, folded into `runs` once there are as many as `runs` holds
    /// (or [`LOG_MIN`]): rare words and phrases, most of them used once in a group, cost a push
    /// here and eight bytes there instead of a probe into a large hash map each.
    log: Vec<u32>,
    /// Counts of the other ids, sorted by id.
    runs: Vec<(u32, u32)>,
    /// Counts carried out of `dense` (past `u16::MAX`) or `runs` (past `u32::MAX`), so counts
    /// stay exact.
    carried: FxHashMap<u32, u64>,
    samples: Option<Box<[Sample; 3]>>,
}

/// The fewest ids a keyword table's log holds before it is folded into its runs.
const LOG_MIN: usize = 512;

impl Table {
    fn count(&mut self, id: u32) {
        let i = id as usize;
        if i < DENSE_WORDS {
            if i >= self.dense.len() {
                self.dense.resize((i + 1).next_power_of_two().clamp(64, DENSE_WORDS), 0);
            }
            let c = &mut self.dense[i];
            *c = c.wrapping_add(1);
            if *c == 0 {
                *self.carried.entry(id).or_default() += 1 << 16;
            }
            return;
        }
        self.log.push(id);
        if self.log.len() >= LOG_MIN.max(self.runs.len()) {
            self.fold_log();
        }
    }

    /// Folds the log into the runs: the log sorted and counted, merged with the runs by id.
    fn fold_log(&mut self) {
        if self.log.is_empty() {
            return;
        }
        self.log.sort_unstable();
        let mut merged = Vec::with_capacity(self.runs.len() + self.log.len());
        let mut runs = self.runs.iter().copied().peekable();
        for same in self.log.chunk_by(|a, b| a == b) {
            let id = same[0];
            while let Some(r) = runs.next_if(|r| r.0 < id) {
                merged.push(r);
            }
            let mut n = same.len() as u64 + runs.next_if(|r| r.0 == id).map_or(0, |r| u64::from(r.1));
            if n > u64::from(u32::MAX) {
                *self.carried.entry(id).or_default() += n - u64::from(u32::MAX);
                n = u64::from(u32::MAX);
            }
            merged.push((id, n as u32));
        }
        merged.extend(runs);
        self.runs = merged;
        self.log.clear();
    }

    /// Renumbers the counts by `new_id` (ascending where kept), dropping ids it maps to
    /// [`NOT_COUNTED`].
    fn renumber(&mut self, new_id: &[u32]) {
        let counts = self.counts();
        self.dense = Vec::new();
        self.runs = Vec::new();
        self.carried = FxHashMap::default();
        for (id, n) in counts {
            let id = new_id[id as usize];
            if id == NOT_COUNTED {
                continue;
            }
            let i = id as usize;
            // As `count` keeps them: the low two bytes in the array, four in the runs, the
            // rest carried.
            let kept = if i < DENSE_WORDS {
                if i >= self.dense.len() {
                    self.dense.resize((i + 1).next_power_of_two().clamp(64, DENSE_WORDS), 0);
                }
                self.dense[i] = (n & 0xFFFF) as u16;
                n & 0xFFFF
            } else {
                let kept = n.min(u64::from(u32::MAX));
                self.runs.push((id, kept as u32));
                kept
            };
            if n > kept {
                self.carried.insert(id, n - kept);
            }
        }
    }

    /// The counts by id, in order (an id whose count was carried sits in more than one place
    /// before they are added up here).
    fn counts(&mut self) -> Vec<(u32, u64)> {
        self.fold_log();
        let mut out: Vec<(u32, u64)> =
            self.dense.iter().enumerate().filter(|(_, n)| **n > 0).map(|(i, n)| (i as u32, u64::from(*n))).collect();
        let runs = self.runs.iter().map(|(id, n)| (*id, u64::from(*n)));
        let mut rest: Vec<(u32, u64)> = runs.chain(self.carried.iter().map(|(id, n)| (*id, *n))).collect();
        rest.sort_unstable();
        rest.dedup_by(|later, kept| {
            later.0 == kept.0 && {
                kept.1 += later.1;
                true
            }
        });
        crate::aggregate::add_sorted(&mut out, &rest);
        out
    }
}

/// What one worker has counted of comments.
pub(super) struct TextAcc<'p> {
    analyzer: Option<&'p SharedAnalyzer<'p>>,
    /// Comments met before the analyser was ready, counted once it is.
    pending: Vec<Pending>,
    words: Interner,
    /// Two-word phrases by the ids of their words → the phrase's id in `words`.
    pairs: FxHashMap<(u32, u32), u32>,
    /// Keywords in `words`: single words, phrases.
    held: [usize; 2],
    /// The hash levels of words and phrases ([`passes`]), raised when `held` passes `budget`.
    levels: [u32; 2],
    budget: [usize; 2],
    scratch: Scratch,
    /// Score group (the fold's dense index) → the slots and keyword tables a comment of the
    /// group counts in: two of each at most, [`NO_GROUP`] for none (see `push_group`).
    of_group: Vec<[u32; 4]>,
    /// Packed key → slot.
    slot_of: FxHashMap<u64, u32>,
    /// Touchpoint → its slot and keyword table, or [`NO_GROUP`]s.
    of_touchpoint: Vec<[u32; 2]>,
    slots: Vec<Slot>,
    /// Packed key → keyword table (period 0: over all periods).
    table_of: FxHashMap<u64, u32>,
    tables: Vec<Table>,
    /// Balanced samples by touchpoint (0: none, else index + 1) and by theme.
    tp_samples: Vec<[Sample; 3]>,
    theme_samples: Vec<[Sample; 3]>,
    disagree: Vec<Sample>,
    /// The comment's slots and keyword tables, reused.
    row_slots: Vec<u32>,
    row_tables: Vec<u32>,
}

impl<'p> TextAcc<'p> {
    pub(super) fn new(analyzer: Option<&'p SharedAnalyzer<'p>>) -> Self {
        TextAcc {
            analyzer,
            pending: Vec::new(),
            words: Interner::default(),
            pairs: FxHashMap::default(),
            held: [0; 2],
            levels: [0; 2],
            budget: keyword_budget(),
            scratch: Scratch::default(),
            of_group: Vec::new(),
            slot_of: FxHashMap::default(),
            of_touchpoint: Vec::new(),
            slots: Vec::new(),
            table_of: FxHashMap::default(),
            tables: Vec::new(),
            tp_samples: Vec::new(),
            theme_samples: Vec::new(),
            disagree: Vec::new(),
            row_slots: Vec::new(),
            row_tables: Vec::new(),
        }
    }

    /// Sentiment index and theme set of `text`, its keyword ids left in `scratch.ids`. A
    /// repeated comment costs little: the scratch remembers its words and Han runs.
    fn analyse(&mut self, an: &Analyzer, text: &str) -> (usize, u64) {
        let (words, pairs, held, levels) = (&mut self.words, &mut self.pairs, &mut self.held, self.levels);
        // Ids given to new keywords are counted in `held` by kind; below the budget (levels 0)
        // every keyword passes and no hash is taken.
        let (sentiment, themes) = an.analyze_ids(text, &mut self.scratch, &mut |k| match k {
            Keyword::Word(w) if levels[0] > 0 && !passes(keyword_hash(w), levels[0]) => NOT_COUNTED,
            Keyword::Word(w) => intern_counted(words, w, &mut held[0]),
            Keyword::Phrase { words: (a, b), .. } if levels[1] > 0 && !passes(phrase_hash(a, b), levels[1]) => {
                NOT_COUNTED
            }
            Keyword::Phrase { ids: (a, b), words: (ta, tb) } if a == NOT_COUNTED || b == NOT_COUNTED => {
                intern_counted(words, &format!("{ta} {tb}"), &mut held[1])
            }
            Keyword::Phrase { ids: (a, b), words: (ta, tb) } => {
                *pairs.entry((a, b)).or_insert_with(|| intern_counted(words, &format!("{ta} {tb}"), &mut held[1]))
            }
        });
        (sentiment.index(), themes)
    }

    /// When a kind of keyword held passes the budget: raises its level to the lowest at
    /// which the keywords held fit, and drops the ones that no longer pass, renumbering the
    /// rest in order (tables, phrases and the analyser's memory of ids with them). As the
    /// whole data holds at least what this worker does, the level the merge settles on
    /// ([`KeywordPartials::settle`]) is at least this one: no keyword it counts is dropped.
    fn keep_to_budget(&mut self) {
        if self.held[0] <= self.budget[0] && self.held[1] <= self.budget[1] {
            return;
        }
        // The old maps are freed before the new ones are built.
        let values = std::mem::take(&mut self.words).values;
        let kinds: Vec<usize> = values.iter().map(|w| keyword_kind(w)).collect();
        let hashes: Vec<u64> = values.iter().map(|w| keyword_hash(w)).collect();
        self.levels = crate::aggregate::text::fitting_levels(&kinds, &hashes, self.levels, self.budget);
        let mut new_id = vec![NOT_COUNTED; values.len()];
        let mut kept = Vec::new();
        self.held = [0; 2];
        for (i, w) in values.into_iter().enumerate() {
            if passes(hashes[i], self.levels[kinds[i]]) {
                new_id[i] = kept.len() as u32;
                self.held[kinds[i]] += 1;
                kept.push(w);
            }
        }
        self.words = Interner::of(kept);
        let renumber = |id: u32| new_id[id as usize];
        self.pairs = std::mem::take(&mut self.pairs)
            .into_iter()
            .filter_map(|((a, b), p)| {
                let (a, b, p) = (renumber(a), renumber(b), renumber(p));
                (a != NOT_COUNTED && b != NOT_COUNTED && p != NOT_COUNTED).then_some(((a, b), p))
            })
            .collect();
        for t in &mut self.tables {
            t.renumber(&new_id);
        }
        self.scratch.forget_keyword_ids();
    }

    /// The keyword table of packed key `key` (a group over all periods when its period is 0),
    /// made on first use.
    fn table(&mut self, key: u64) -> u32 {
        if let Some(t) = self.table_of.get(&key) {
            return *t;
        }
        let (dim, _, period) = unpack(key);
        let t = self.tables.len() as u32;
        let sampled = period == 0 && (dim == SEGMENT || dim == COMBO || dim >= CUSTOM);
        self.tables.push(Table {
            key,
            dense: Vec::new(),
            log: Vec::new(),
            runs: Vec::new(),
            carried: FxHashMap::default(),
            samples: sampled.then(Default::default),
        });
        self.table_of.insert(key, t);
        t
    }

    /// The slot of packed key `key`, made on first use.
    fn slot(&mut self, key: u64) -> u32 {
        if let Some(s) = self.slot_of.get(&key) {
            return *s;
        }
        let s = self.slots.len() as u32;
        self.slots.push(Slot {
            key,
            comments: 0,
            sentiment: [0; 3],
            score: Histogram::default(),
            themes: Vec::new(),
            questions: Vec::new(),
            co_mentions: (unpack(key).0 == OVERALL).then(BTreeMap::new),
        });
        self.slot_of.insert(key, s);
        s
    }

    /// Pushes the slots and keyword tables of score group `g` (packed key `key`) for the
    /// comment: every group over all periods, and all customers also in the group's period
    /// (their keywords by period say what set a month apart).
    fn push_group(&mut self, g: u32, key: u64) {
        let g = g as usize;
        if g >= self.of_group.len() {
            self.of_group.resize(g + 1, [NO_GROUP; 4]);
        }
        if self.of_group[g][0] == NO_GROUP {
            let (dim, value, period) = unpack(key);
            let undated = pack(dim, value, 0);
            let at = pack(OVERALL, 0, period);
            // All customers' counts over all periods are the sum of their periods' (made by the
            // roll-up); their keywords are counted over all periods and, apart, by period.
            self.of_group[g] = match dim {
                OVERALL if period != 0 => [self.slot(at), self.table(undated), NO_GROUP, self.table(at)],
                // A combination's slot stands for its segments; all customers are counted in
                // the period's slot (or the undated rows').
                COMBO => {
                    let by_period = if period != 0 { self.table(at) } else { NO_GROUP };
                    [self.slot(undated), self.table(undated), self.slot(at), by_period]
                }
                _ => [self.slot(undated), self.table(undated), NO_GROUP, NO_GROUP],
            };
        }
        let [slot, table, period_slot, period_table] = self.of_group[g];
        self.row_slots.extend([slot, period_slot].into_iter().filter(|s| *s != NO_GROUP));
        self.row_tables.extend([table, period_table].into_iter().filter(|t| *t != NO_GROUP));
    }

    /// Pushes the slot and keyword table of touchpoint `t` (over all periods).
    fn push_touchpoint(&mut self, t: usize) {
        if t >= self.of_touchpoint.len() {
            self.of_touchpoint.resize(t + 1, [NO_GROUP; 2]);
        }
        if self.of_touchpoint[t][0] == NO_GROUP {
            let key = pack(TOUCHPOINT, t as u64, 0);
            self.of_touchpoint[t] = [self.slot(key), self.table(key)];
        }
        let [slot, table] = self.of_touchpoint[t];
        self.row_slots.push(slot);
        self.row_tables.push(table);
    }

    /// Counts the analysed comment in the slots of `row_slots` and its keywords (in
    /// `scratch.ids`) in the tables of `row_tables`.
    fn count(&mut self, c: &Counted) {
        for &s in &self.row_slots {
            self.slots[s as usize].count(c);
        }
        for &t in &self.row_tables {
            let table = &mut self.tables[t as usize];
            for &w in &self.scratch.ids {
                table.count(w);
            }
        }
    }

    /// Offers the comment to the verbatim samples of its groups, touchpoint and themes, and,
    /// when its sentiment contradicts its score, to its touchpoint's "worth reading" sample.
    /// The text is kept as written; [`TextAcc::into_partials`] redacts what stays.
    fn offer(&mut self, c: &Counted, tp: Option<usize>, hash: u64, disagrees: bool, make: &mut dyn FnMut() -> Comment) {
        let se = c.sentiment;
        for &t in &self.row_tables {
            if let Some(samples) = &mut self.tables[t as usize].samples {
                samples[se].offer(VOC_SAMPLE, hash, &mut *make);
            }
        }
        let at = tp.map_or(0, |t| t + 1);
        if self.tp_samples.len() <= at {
            self.tp_samples.resize_with(at + 1, Default::default);
            self.disagree.resize_with(at + 1, Default::default);
        }
        self.tp_samples[at][se].offer(VOC_SAMPLE, hash, &mut *make);
        if disagrees {
            self.disagree[at].offer(DISAGREE_SAMPLE, hash, &mut *make);
        }
        for t in members(c.themes) {
            if self.theme_samples.len() <= t {
                self.theme_samples.resize_with(t + 1, Default::default);
            }
            self.theme_samples[t][se].offer(VOC_SAMPLE, hash, &mut *make);
        }
    }

    /// Keyed base partials and the verbatim samples, redacted. `name` turns a packed key's
    /// dimension and value into the groups it stands for (a segment combination: the source
    /// and each of its segments); `period` a period id into its key.
    pub(super) fn into_partials(
        mut self,
        name: &dyn Fn(u64, u64) -> Vec<(Dim, String)>,
        period: &dyn Fn(u64) -> String,
    ) -> (TextPartials, Comments) {
        // The maps from keyword to id are done with: freed before the tables are converted.
        let words = std::mem::take(&mut self.words.values);
        self.words = Interner::default();
        self.pairs = FxHashMap::default();
        let mut text = TextPartials::default();
        for slot in self.slots {
            let (dim, value, p) = unpack(slot.key);
            let period = (p != 0).then(|| period(p));
            let group = slot.into_group();
            let mut names = name(dim, value);
            if dim == COMBO {
                // All customers of a combination's rows are counted in their periods' slots.
                names.retain(|(d, _)| *d != Dim::Source);
            }
            let last = names.pop();
            for (dim, name) in names {
                let key = GroupKey { dim, group: name, period: period.clone() };
                text.groups.entry(key).or_default().add(&group);
            }
            if let Some((dim, name)) = last {
                add_group(&mut text.groups, GroupKey { dim, group: name, period }, group);
            }
        }
        let mut keywords =
            KeywordPartials { words, tables: Vec::with_capacity(self.tables.len()), levels: self.levels };
        let mut comments = Comments::default();
        // Each table is dropped once counted, so its rare words are never held twice.
        for mut table in std::mem::take(&mut self.tables) {
            let (dim, value, p) = unpack(table.key);
            let period = (p != 0).then(|| period(p));
            let names = name(dim, value);
            if let Some(samples) = table.samples.take() {
                let sampled: Vec<&(Dim, String)> = names.iter().filter(|(dim, _)| *dim != Dim::Source).collect();
                for (se, sample) in samples.into_iter().enumerate() {
                    // Each group but the last takes a copy; the last takes the sample.
                    if let Some(((dim, name), others)) = sampled.split_last() {
                        for (dim, name) in others {
                            comments.merge_group_sample((GroupKey::all(*dim, name.clone()), se), sample.kept.clone());
                        }
                        comments.merge_group_sample((GroupKey::all(*dim, name.clone()), se), sample.kept);
                    }
                }
            }
            let groups =
                names.into_iter().map(|(dim, group)| GroupKey { dim, group, period: period.clone() }).collect();
            keywords.tables.push(KeywordTable { groups, counts: table.counts() });
        }
        text.keywords = keywords;
        for (at, samples) in self.tp_samples.into_iter().enumerate() {
            for (se, s) in samples.into_iter().enumerate().filter(|(_, s)| !s.kept.is_empty()) {
                comments.voc.insert(SampleKey::Touchpoint(at.checked_sub(1), se), s.kept);
            }
        }
        for (t, samples) in self.theme_samples.into_iter().enumerate() {
            for (se, s) in samples.into_iter().enumerate().filter(|(_, s)| !s.kept.is_empty()) {
                comments.voc.insert(SampleKey::Theme(t, se), s.kept);
            }
        }
        for (at, s) in self.disagree.into_iter().enumerate().filter(|(_, s)| !s.kept.is_empty()) {
            comments.disagree.insert(at.checked_sub(1), s.kept);
        }
        redact_samples(&mut comments);
        (text, comments)
    }
}

/// The id of `keyword`, adding one to `held` when it is new.
fn intern_counted(words: &mut Interner, keyword: &str, held: &mut usize) -> u32 {
    let before = words.values.len();
    let id = words.id(keyword);
    if words.values.len() > before {
        *held += 1;
    }
    id
}

/// Adds `group` under `key`, moving it in when the key is new.
fn add_group(groups: &mut BTreeMap<GroupKey, TextGroup>, key: GroupKey, group: TextGroup) {
    match groups.entry(key) {
        std::collections::btree_map::Entry::Vacant(e) => {
            e.insert(group);
        }
        std::collections::btree_map::Entry::Occupied(mut e) => e.get_mut().add(&group),
    }
}

/// Redacts the text of every kept comment (each distinct comment once).
fn redact_samples(comments: &mut Comments) {
    let mut done: FxHashMap<(u64, usize), String> = FxHashMap::default();
    let samples = comments
        .voc
        .values_mut()
        .chain(comments.disagree.values_mut())
        .chain(comments.groups.values_mut())
        .flat_map(|s| s.values_mut());
    for c in samples {
        let text = done.entry((c.row, c.question)).or_insert_with(|| redact::comment(&c.text));
        c.text.clone_from(text);
    }
}

/// A comment met before the analyser was ready, with what its row counts in.
struct Pending {
    comment: CommentAt,
    groups: Vec<u32>,
    text: String,
}

/// Where a comment was met: what [`Acc::count_comment`] needs besides its text and groups.
#[derive(Clone, Copy)]
pub(super) struct CommentAt {
    pub question: usize,
    pub tp: Option<usize>,
    pub date: Option<NaiveDate>,
    pub score: Option<(usize, i64)>,
    pub line: u64,
    pub hash: u64,
}

impl Acc<'_> {
    /// Counts one comment in the row's groups and offers it to the verbatim samples; set aside
    /// if the analyser is not built yet (and counted once it is).
    pub(super) fn analyze_comment(&mut self, text: &str, at: CommentAt) {
        let Some(shared) = self.text.analyzer else { return };
        if shared.ready().is_none() {
            let cost = std::mem::size_of::<Pending>() + text.len() + self.row_groups.len() * 4;
            if shared.take_room(cost) {
                let groups = self.row_groups.clone();
                self.text.pending.push(Pending { comment: at, groups, text: text.to_string() });
                return;
            }
        }
        let an = shared.wait();
        self.count_pending(an);
        let groups = std::mem::take(&mut self.row_groups);
        self.count_comment(an, text, &groups, at);
        self.row_groups = groups;
    }

    /// Counts the comments set aside.
    fn count_pending(&mut self, an: &Analyzer) {
        for p in std::mem::take(&mut self.text.pending) {
            self.count_comment(an, &p.text, &p.groups, p.comment);
        }
    }

    /// Counts the comments set aside, waiting for the analyser if there are any.
    pub(super) fn finish_pending(&mut self) {
        if let Some(shared) = self.text.analyzer.filter(|_| !self.text.pending.is_empty()) {
            self.count_pending(shared.wait());
        }
    }

    /// Counts an analysed comment in its row's groups (`groups`, dense indices) and offers it
    /// to the verbatim samples.
    fn count_comment(&mut self, an: &Analyzer, text: &str, groups: &[u32], at: CommentAt) {
        let CommentAt { question, tp, date, score, line, hash } = at;
        let (sentiment, themes) = self.text.analyse(an, text);
        let project = self.project;
        let headline = project.loyalty.unwrap_or(0);
        let scored = score.filter(|(s, _)| *s == headline).and_then(|(s, v)| {
            let def = project.scores.get(s)?;
            Some(((v - def.min) as usize, def.width()))
        });
        let counted = Counted { sentiment, themes, scored, question };
        // The row's groups (its segment combination, or all customers and each segment, and
        // each dimension value, in the row's period) and the comment's touchpoint.
        self.text.row_slots.clear();
        self.text.row_tables.clear();
        for &g in groups {
            self.text.push_group(g, self.packed[g as usize]);
        }
        if let Some(t) = tp {
            self.text.push_touchpoint(t);
        }
        self.text.count(&counted);
        self.text.keep_to_budget();
        let ds = self.plan.ds;
        let disagrees = score.is_some_and(|(s, v)| project.scores.get(s).is_some_and(|d| disagrees(d, v, sentiment)));
        let mut make = || Comment {
            text: text.to_string(),
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
        self.text.offer(&counted, tp, hash, disagrees, &mut make);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        Table {
            key: 0,
            dense: Vec::new(),
            log: Vec::new(),
            runs: Vec::new(),
            carried: FxHashMap::default(),
            samples: None,
        }
    }

    #[test]
    fn keyword_counts_are_the_same_in_the_array_the_map_and_past_four_billion() {
        let mut t = table();
        let ids = [3u32, 3, 9000, 3, 70_000, 9000];
        for id in ids {
            t.count(id);
        }
        assert_eq!(t.counts(), [(3, 3), (9000, 2), (70_000, 1)]);
        // A count at the top of its two bytes (the array) or four (the runs) carries on in
        // the map, exactly.
        let mut t = table();
        t.count(5);
        t.count(9000);
        t.dense[5] = u16::MAX - 1;
        t.fold_log();
        t.runs = vec![(9000, u32::MAX - 1)];
        for _ in 0..3 {
            t.count(5);
            t.count(9000);
        }
        assert_eq!(t.counts(), [(5, u64::from(u16::MAX) + 2), (9000, u64::from(u32::MAX) + 2)]);
        // Many wraps of the array.
        let mut t = table();
        for _ in 0..200_000 {
            t.count(7);
        }
        assert_eq!(t.counts(), [(7, 200_000)]);
    }

    #[test]
    fn renumbered_counts_keep_their_totals_in_the_array_the_runs_and_the_carried_map() {
        let mut t = table();
        for _ in 0..70_000 {
            t.count(2);
        }
        for id in [5u32, 9000, 9000, 20_000, 20_000, 20_000] {
            t.count(id);
        }
        t.runs.push((30_000, u32::MAX));
        // Old ids 0..=30,000; 5 and 20,000 dropped, the others moved down in order: 2 stays
        // in the array (its 65,536 carried), 9000 moves into it, 30,000 stays in the runs.
        let mut new_id = vec![NOT_COUNTED; 30_001];
        (new_id[2], new_id[9000], new_id[30_000]) = (0, 1, 9_999);
        t.renumber(&new_id);
        assert_eq!(t.counts(), [(0, 70_000), (1, 2), (9_999, u64::from(u32::MAX))]);
        // Counting goes on from there.
        t.count(1);
        t.count(9_999);
        assert_eq!(t.counts(), [(0, 70_000), (1, 3), (9_999, u64::from(u32::MAX) + 1)]);
    }

    #[test]
    fn keyword_counts_stay_exact_across_many_folds_of_the_log() {
        // 200,000 ids, Zipf-like (a few frequent, a long tail) from a seeded xorshift, against
        // a plain count: the log is folded into the runs many times over.
        let mut t = table();
        let mut want: BTreeMap<u32, u64> = BTreeMap::new();
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let id = ((x % 1_000_000) * (x % 1_000_000) / 1_000_000) as u32 * 7;
            t.count(id);
            *want.entry(id).or_default() += 1;
        }
        assert!(t.runs.len() > LOG_MIN, "folded at least once");
        assert_eq!(t.counts(), want.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_sample_keeps_the_smallest_hashes_and_skips_the_rest_at_its_cutoff() {
        let mut s = Sample::default();
        let comment = crate::aggregate::test_comment;
        let mut made = 0;
        for h in [50u64, 10, 40, 30, 20, 60, 5] {
            s.offer(3, h, || {
                made += 1;
                comment(h)
            });
        }
        assert_eq!(s.kept.keys().copied().collect::<Vec<_>>(), [5, 10, 20]);
        assert_eq!(s.cutoff, Some(20));
        // 50, 10, 40 fill it; 30 and 20 replace; 60 is past the cutoff and never made; 5 enters.
        assert_eq!(made, 6);
    }
}
