//! A worker's memory of words: what [`super::Analyzer::analyze_ids`] needs to know of a word
//! (its sentiment entry, whether it is a keyword, the keyword id it was given) worked out on
//! its first sight, so a word seen before costs one hash probe; and jieba's cut of a Han run
//! seen before, so a repeated run is not segmented again. Both are bounded (in number, and in
//! length of what is remembered): past their limits new words and runs are worked out afresh
//! each time, which gives the same answers.

use rustc_hash::FxHashMap;

use super::sentiment::{Entry, Hit, Item};
use super::Analyzer;

/// Distinct words remembered (a few megabytes at most).
const MAX_WORDS: usize = 1 << 16;
/// Distinct Han runs whose cut is remembered.
const MAX_RUNS: usize = 1 << 16;
/// Runs longer than this (in bytes; 32 Han characters) are not remembered: they rarely repeat.
const MAX_RUN_LEN: usize = 96;
/// Words longer than this (in bytes) are not remembered, so memory stays bounded.
const MAX_WORD_LEN: usize = 64;

/// A token of a comment being analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// A word, by its index in [`Words`].
    Word(u32),
    /// An emoji or other pictograph.
    Emoji(char),
    /// A clause break.
    Break,
}

/// What the analysis needs of one word.
#[derive(Debug, Clone, Copy)]
struct Info {
    /// Where the word's text sits in [`Words::text`].
    start: u32,
    end: u32,
    /// Its sentiment table entry.
    entry: Option<Entry>,
    /// Whether it is a keyword ([`Analyzer::is_keyword`]).
    keyword: bool,
    /// The id `intern` gave it, once asked (keywords only).
    id: Option<u32>,
}

/// Words and Han runs seen so far, and the words of the comment being analysed.
#[derive(Debug)]
pub(super) struct Words {
    /// Word → index into `infos`; the remembered words are the first `index.len()` of `infos`.
    index: FxHashMap<Box<str>, u32>,
    /// Remembered words, then the words of the current comment that did not fit.
    infos: Vec<Info>,
    /// The words' texts, back to back.
    text: String,
    /// Length of `text` taken by remembered words.
    remembered_text: usize,
    /// Han run → its words, a range of `run_words`.
    runs: FxHashMap<Box<str>, (u32, u32)>,
    run_words: Vec<u32>,
    max_words: usize,
    max_runs: usize,
}

impl Default for Words {
    fn default() -> Self {
        Words::limited(MAX_WORDS, MAX_RUNS)
    }
}

impl Words {
    /// A memory of at most `max_words` words and `max_runs` runs.
    pub(super) fn limited(max_words: usize, max_runs: usize) -> Self {
        Words {
            index: FxHashMap::default(),
            infos: Vec::new(),
            text: String::new(),
            remembered_text: 0,
            runs: FxHashMap::default(),
            run_words: Vec::new(),
            max_words,
            max_runs,
        }
    }

    /// Drops the previous comment's words that were not remembered.
    pub(super) fn start_comment(&mut self) {
        self.infos.truncate(self.index.len());
        self.text.truncate(self.remembered_text);
    }

    /// The index of `w`, worked out (and remembered, room permitting) if not seen before.
    pub(super) fn word(&mut self, an: &Analyzer, w: &str) -> u32 {
        if let Some(i) = self.index.get(w) {
            return *i;
        }
        let start = self.text.len() as u32;
        self.text.push_str(w);
        let i = self.infos.len() as u32;
        let entry = an.lexicon.lookup(w);
        self.infos.push(Info { start, end: self.text.len() as u32, entry, keyword: an.is_keyword(w), id: None });
        // Remembered words stay the first ones: a word is remembered only if no word of this
        // comment was left out before it (it will be, on its next sight).
        if self.index.len() < self.max_words && w.len() <= MAX_WORD_LEN && i as usize == self.index.len() {
            self.index.insert(w.into(), i);
            self.remembered_text = self.text.len();
        }
        i
    }

    /// Appends the words of the Han run `run` to `tokens`: jieba's cut, or the remembered one.
    pub(super) fn han_run(&mut self, an: &Analyzer, run: &str, tokens: &mut Vec<Tok>) {
        if let Some(&(from, to)) = self.runs.get(run) {
            tokens.extend(self.run_words[from as usize..to as usize].iter().map(|i| Tok::Word(*i)));
            return;
        }
        let first = tokens.len();
        for t in an.jieba.cut(run, false) {
            let i = self.word(an, t.word);
            tokens.push(Tok::Word(i));
        }
        self.remember_run(run, &tokens[first..]);
    }

    /// Remembers the cut of `run` if there is room and all its words are remembered.
    fn remember_run(&mut self, run: &str, words: &[Tok]) {
        let remembered = self.index.len() as u32;
        if self.runs.len() >= self.max_runs
            || run.len() > MAX_RUN_LEN
            || !words.iter().all(|t| matches!(t, Tok::Word(i) if *i < remembered))
        {
            return;
        }
        let from = self.run_words.len() as u32;
        self.run_words.extend(words.iter().filter_map(|t| match t {
            Tok::Word(i) => Some(*i),
            _ => None,
        }));
        self.runs.insert(run.into(), (from, self.run_words.len() as u32));
    }

    /// The text of word `i`.
    fn text(&self, i: u32) -> &str {
        let info = &self.infos[i as usize];
        &self.text[info.start as usize..info.end as usize]
    }

    /// A token as the sentiment rules see it.
    pub(super) fn item(&self, t: Tok) -> Item<'_> {
        match t {
            Tok::Word(i) => Item::Word(Hit::new(self.text(i), self.infos[i as usize].entry.as_ref())),
            Tok::Emoji(c) => Item::Emoji(c),
            Tok::Break => Item::Break,
        }
    }

    /// Whether word `i` is a keyword.
    pub(super) fn is_keyword(&self, i: u32) -> bool {
        self.infos[i as usize].keyword
    }

    /// The keyword id of word `i`: `intern`'s, asked on the word's first sight only.
    pub(super) fn keyword_id(&mut self, i: u32, intern: &mut dyn FnMut(super::Keyword) -> u32) -> u32 {
        if let Some(id) = self.infos[i as usize].id {
            return id;
        }
        let info = self.infos[i as usize];
        let id = intern(super::Keyword::Word(&self.text[info.start as usize..info.end as usize]));
        self.infos[i as usize].id = Some(id);
        id
    }
}
