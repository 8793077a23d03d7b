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

/// A word of up to 15 bytes as one integer: its bytes, and its length in the top byte (so
/// two words of different lengths never share a key).
fn short_key(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    (b.len() < 16).then(|| {
        let mut bytes = [0u8; 16];
        bytes[..b.len()].copy_from_slice(b);
        bytes[15] = b.len() as u8;
        u128::from_le_bytes(bytes)
    })
}

/// A token of a comment being analysed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tok {
    /// A word, by its index in [`Words`].
    Word(u32),
    /// An emoji or other pictograph.
    Emoji(char),
    /// A clause break.
    Break,
    /// A sentence end.
    Stop,
}

impl Tok {
    /// Appends a clause break or sentence end ([`super::tokens::merge_break`]).
    pub(super) fn push_break(out: &mut Vec<Tok>, stop: bool) {
        super::tokens::merge_break(out, stop, Tok::Break, Tok::Stop);
    }
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
    /// Word → index into `infos`; the remembered words are the first `remembered` of `infos`.
    /// Words of up to 15 bytes (most: a Chinese word of up to five characters, an English
    /// word) are keyed by their bytes in one integer, so a look-up compares in the table
    /// instead of following a pointer to the word; longer ones by their text.
    short: FxHashMap<u128, u32>,
    long: FxHashMap<Box<str>, u32>,
    /// How many words are remembered.
    remembered: usize,
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
            short: FxHashMap::default(),
            long: FxHashMap::default(),
            remembered: 0,
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
        self.infos.truncate(self.remembered);
        self.text.truncate(self.remembered_text);
    }

    /// The index of `w`, worked out (and remembered, room permitting) if not seen before.
    pub(super) fn word(&mut self, an: &Analyzer, w: &str) -> u32 {
        let key = short_key(w);
        let found = match key {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        };
        if let Some(i) = found {
            return *i;
        }
        let start = self.text.len() as u32;
        self.text.push_str(w);
        let i = self.infos.len() as u32;
        let entry = an.lexicon.lookup(w);
        self.infos.push(Info { start, end: self.text.len() as u32, entry, keyword: an.is_keyword(w), id: None });
        // Remembered words stay the first ones: a word is remembered only if no word of this
        // comment was left out before it (it will be, on its next sight).
        if self.remembered < self.max_words && w.len() <= MAX_WORD_LEN && i as usize == self.remembered {
            match key {
                Some(k) => self.short.insert(k, i),
                None => self.long.insert(w.into(), i),
            };
            self.remembered += 1;
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
        let remembered = self.remembered as u32;
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
    pub(super) fn text(&self, i: u32) -> &str {
        let info = &self.infos[i as usize];
        &self.text[info.start as usize..info.end as usize]
    }

    /// A token as the sentiment rules see it.
    pub(super) fn item(&self, t: Tok) -> Item<'_> {
        match t {
            Tok::Word(i) => Item::Word(Hit::new(self.text(i), self.infos[i as usize].entry.as_ref())),
            Tok::Emoji(c) => Item::Emoji(c),
            Tok::Break => Item::Break,
            Tok::Stop => Item::Stop,
        }
    }

    /// Whether word `i` is a keyword.
    pub(super) fn is_keyword(&self, i: u32) -> bool {
        self.infos[i as usize].keyword
    }

    /// Forgets every keyword id given.
    pub(super) fn forget_ids(&mut self) {
        for info in &mut self.infos {
            info.id = None;
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_tell_apart_words_that_differ_only_in_length() {
        assert_ne!(short_key("ab"), short_key("ab\0"));
        assert_eq!(short_key("送货太慢"), short_key("送货太慢"));
        assert_eq!(short_key("fifteen-bytes!!").map(|_| ()), Some(()));
        assert_eq!(short_key("sixteen-bytes!!!"), None);
    }

    #[test]
    fn a_word_seen_again_has_its_first_index_short_or_long() {
        let an = Analyzer::new(&crate::text::TextConfig::default());
        let mut words = Words::default();
        let long = "an-unusually-long-english-token";
        let (a, b, c) = (words.word(&an, "送货"), words.word(&an, long), words.word(&an, "slow"));
        assert_eq!((a, b, c), (0, 1, 2));
        words.start_comment();
        assert_eq!((words.word(&an, long), words.word(&an, "送货"), words.word(&an, "slow")), (1, 0, 2));
        assert_eq!(words.text(1), long);
    }
}
