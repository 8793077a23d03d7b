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

mod hook;
mod sample;
mod slots;
mod table;

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::tables::{Interner, NO_GROUP};
use super::{pack, unpack, COMBO, CUSTOM, OVERALL, SEGMENT, TOUCHPOINT};
use crate::aggregate::{
    keyword_budget, keyword_hash, keyword_kind, passes, phrase_hash, Comment, Comments, Dim, GroupKey, Histogram,
    KeywordPartials, KeywordTable, SampleKey, TextGroup, TextPartials, DISAGREE_SAMPLE, VOC_SAMPLE,
};
use crate::text::{members, Analyzer, Keyword, Scratch, SharedAnalyzer, NOT_COUNTED};

use hook::Pending;
pub(super) use hook::{CommentAt, Held};
use sample::Sample;
use slots::{Counted, Slot};
use table::Table;

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
    /// The themes the current row's comments so far mentioned ([`Counted::new_themes`]).
    row_themes: u64,
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
            row_themes: 0,
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

    /// A comment not analysed ([`crate::text::unread_language`]): no keyword of it counts.
    fn unread_comment(&mut self) {
        self.scratch.ids.clear();
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
        let (kept, new_id) = crate::aggregate::text::kept_at(values, &kinds, &hashes, self.levels);
        self.held = [0; 2];
        for (i, _) in new_id.iter().enumerate().filter(|(_, id)| **id != NOT_COUNTED) {
            self.held[kinds[i]] += 1;
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
            log: Vec::new(),
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
    /// The text is kept as written; the dataset's fold redacts what stays once its parts are
    /// merged (`Comments::redact`).
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

    /// Keyed base partials and the verbatim samples, as written. `name` turns a packed key's
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
