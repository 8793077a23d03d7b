//! Comment text → tokens, themes, sentiment and keywords: one job, no I/O.
//!
//! Chinese is segmented by jieba (dictionary compiled in; a project adds its brand and
//! product names), Latin text is split into lower-cased words, and mixed text is cut into runs
//! of each. Stop words of both languages (and a project's own) are not keywords. Themes come
//! from a keyword dictionary ([`themes`]); sentiment from a lexicon with rules ([`sentiment`]).

pub mod digits;
mod non_answer;
mod script;
pub mod sentiment;
mod shared;
pub mod themes;
pub mod tokens;
mod words;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

pub use non_answer::is_non_answer;
pub use script::{language_tag, simplified, unread_language};
pub use sentiment::{Lexicon, Sentiment};
pub use shared::{SharedAnalyzer, SET_ASIDE_BYTES};
pub use themes::{candidate_themes, default_themes, members, Theme, ThemeMatcher, MAX_THEMES};
pub use tokens::{is_han, tokenize, Token};
use tokens::{latin_word, pieces, Piece};
use words::{Tok, Words};

const STOP_ZH: &str = include_str!("data/stopwords-zh.txt");
const STOP_EN: &str = include_str!("data/stopwords-en.txt");

/// The most of a comment that is analysed, in bytes (about 5,000 Chinese characters or 16,000
/// Latin letters; a shown comment is cut at 1,000 characters): a pasted document of megabytes
/// in one cell would otherwise cost jieba gigabytes and seconds, and say no more.
pub const MAX_ANALYSED_BYTES: usize = 16 * 1024;

/// `text` cut to [`MAX_ANALYSED_BYTES`], at a character boundary.
fn analysed_part(text: &str) -> &str {
    if text.len() <= MAX_ANALYSED_BYTES {
        return text;
    }
    let mut end = MAX_ANALYSED_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A project's text settings (`text:` in cxsite.yaml).
#[derive(Debug, Clone, PartialEq)]
pub struct TextConfig {
    /// Whether comments are analysed: the project has a `text:` section, or a dataset is
    /// comments only. Off otherwise, so a project that did not ask pays nothing for it.
    pub enabled: bool,
    /// Words jieba keeps whole (brand and product names).
    pub dictionary: Vec<String>,
    /// Words that are never keywords, besides the built-in ones.
    pub stop_words: Vec<String>,
    /// The themes comments are tagged with, in order.
    pub themes: Vec<Theme>,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig { enabled: false, dictionary: Vec::new(), stop_words: Vec::new(), themes: default_themes() }
    }
}

/// What one comment says.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub sentiment: Sentiment,
    /// Theme indices (into [`TextConfig::themes`]) as a bit set.
    pub themes: u64,
    /// Keywords: content words and two-word phrases (`送货 太慢`, `app crashes`), each once.
    pub keywords: Vec<String>,
}

/// A keyword to intern ([`Analyzer::analyze_ids`]).
#[derive(Debug, Clone, Copy)]
pub enum Keyword<'a> {
    /// A single word.
    Word(&'a str),
    /// The phrase of two words: the ids `intern` gave them ([`NOT_COUNTED`] for a word it
    /// does not count) and their texts.
    Phrase { ids: (u32, u32), words: (&'a str, &'a str) },
}

/// The id `intern` gives a keyword it does not count (past the keyword budget, a keyword whose
/// hash does not pass the level): left out of [`Scratch::ids`].
pub const NOT_COUNTED: u32 = u32::MAX;

/// What [`Analyzer::analyze_ids`] keeps from one comment to the next: buffers, and a memory
/// of the words and Han runs seen (bounded), so a word seen before costs one hash probe.
///
/// The memory includes the keyword ids `intern` returned, so a `Scratch` must always be used
/// with the same `intern` (the same interner): the fold keeps one per worker, with the
/// worker's one interner, and has it forget them ([`Scratch::forget_keyword_ids`]) when it
/// renumbers its keywords.
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Vec<Tok>,
    words: Words,
    /// A Latin word being lower-cased.
    word: String,
    /// The keyword ids of the last comment analysed.
    pub ids: Vec<u32>,
}

impl Scratch {
    /// Forgets the keyword ids `intern` gave (asked again on each word's next sight): for an
    /// interner that has renumbered or dropped keywords.
    pub fn forget_keyword_ids(&mut self) {
        self.words.forget_ids();
    }
}

/// The analyser of a build: built once, shared by every worker.
pub struct Analyzer {
    jieba: Jieba,
    lexicon: Lexicon,
    themes: ThemeMatcher,
    stop: FxHashSet<String>,
}

impl Analyzer {
    /// An analyser for a project's settings.
    pub fn new(config: &TextConfig) -> Self {
        script::prepare();
        let mut jieba = Jieba::new();
        // A project's words, like its comments, are read in Simplified form (see [`script`]).
        for w in &config.dictionary {
            jieba.add_word(&script::simplified(w.trim()), Some(100_000), None);
        }
        let mut stop: FxHashSet<String> =
            STOP_ZH.split_whitespace().chain(STOP_EN.split_whitespace()).map(String::from).collect();
        stop.extend(config.stop_words.iter().map(|w| script::simplified(w.trim()).to_lowercase()));
        Analyzer { jieba, lexicon: Lexicon::default(), themes: ThemeMatcher::new(&config.themes), stop }
    }

    /// Tokenises a text.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        tokenize(&self.jieba, &script::simplified(text), &mut out);
        out
    }

    /// The sentiment of a text.
    pub fn sentiment(&self, text: &str) -> Sentiment {
        self.lexicon.classify(&self.tokens(text))
    }

    /// Sentiment, themes and keywords of one comment.
    pub fn analyze(&self, text: &str) -> Analysis {
        if unread_language(text).is_some() {
            return Analysis { sentiment: Sentiment::Neutral, themes: 0, keywords: Vec::new() };
        }
        let text = &*crate::aggregate::redact::without_emails(analysed_part(text));
        let text = &*script::simplified(text);
        let mut tokens = Vec::new();
        tokenize(&self.jieba, text, &mut tokens);
        let sentiment = self.lexicon.classify(&tokens);
        let themes = self.themes.themes(&text.to_lowercase());
        let mut keywords: Vec<String> = Vec::new();
        let mut prev: Option<&str> = None;
        for t in &tokens {
            let w = match t {
                Token::Word(w) if self.is_keyword(w) => w.as_str(),
                _ => {
                    prev = None;
                    continue;
                }
            };
            if let Some(p) = prev {
                keywords.push(format!("{p} {w}"));
            }
            keywords.push(w.to_string());
            prev = Some(w);
        }
        keywords.sort_unstable();
        keywords.dedup();
        Analysis { sentiment, themes, keywords }
    }

    /// Sentiment and themes of one comment, with its keywords as ids: `intern` turns a word,
    /// or the two-word phrase of two interned words (`送货 太慢` from the ids of `送货` and
    /// `太慢`), into an id. The same keywords as [`Analyzer::analyze`], without building their
    /// strings: `scratch.ids` is cleared, filled, sorted and deduplicated. The rest of
    /// `scratch` is reused buffers and a memory of words: a word seen before costs one hash
    /// probe, its keyword id included, so `intern` is asked for a word's id once only, and a
    /// `scratch` must always be used with the same `intern` (see [`Scratch`]). Nothing is
    /// allocated per token.
    pub fn analyze_ids(
        &self,
        text: &str,
        scratch: &mut Scratch,
        intern: &mut dyn FnMut(Keyword) -> u32,
    ) -> (Sentiment, u64) {
        let text = &*crate::aggregate::redact::without_emails(analysed_part(text));
        let text = &*script::simplified(text);
        let Scratch { tokens, words, word, ids } = scratch;
        words.start_comment();
        tokens.clear();
        let caseless = self.scan(text, words, word, tokens);
        let sentiment = self.lexicon.classify_items(tokens.iter().map(|t| words.item(*t)));
        let themes = if caseless { self.themes.themes(text) } else { self.themes.themes(&text.to_lowercase()) };
        ids.clear();
        // The previous keyword's id and word index, for the phrase of the two.
        let mut prev: Option<(u32, u32)> = None;
        for t in tokens.iter() {
            let (id, i) = match *t {
                Tok::Word(i) if words.is_keyword(i) => (words.keyword_id(i, intern), i),
                _ => {
                    prev = None;
                    continue;
                }
            };
            if let Some((p, pi)) = prev {
                let phrase = intern(Keyword::Phrase { ids: (p, id), words: (words.text(pi), words.text(i)) });
                if phrase != NOT_COUNTED {
                    ids.push(phrase);
                }
            }
            if id != NOT_COUNTED {
                ids.push(id);
            }
            prev = Some((id, i));
        }
        ids.sort_unstable();
        ids.dedup();
        (sentiment, themes)
    }

    /// [`tokenize`], into word indices of `words` (`word` a buffer for lower-casing); whether
    /// the text's lower case differs from it in ASCII letters only ([`tokens::pieces`]).
    fn scan(&self, text: &str, words: &mut Words, word: &mut String, tokens: &mut Vec<Tok>) -> bool {
        pieces(text, |p| match p {
            Piece::Han(run) => words.han_run(self, run, tokens),
            // A word already in lower case (most are) is looked up as it stands.
            Piece::Latin(w) if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) => {
                tokens.push(Tok::Word(words.word(self, w)));
            }
            Piece::Latin(w) => {
                word.clear();
                latin_word(w, word);
                tokens.push(Tok::Word(words.word(self, word)));
            }
            Piece::Emoji(c) => tokens.push(Tok::Emoji(c)),
            Piece::Break => Tok::push_break(tokens, false),
            Piece::Stop => Tok::push_break(tokens, true),
        })
    }

    /// A content word: not a stop or rule word, two characters or more, without a digit of any
    /// script (a word with one may be part of an order, phone, card or account number, whether
    /// written `138…`, `１３８…` or `١٣٨…`: never a keyword).
    fn is_keyword(&self, w: &str) -> bool {
        w.chars().count() >= 2
            && !w.chars().any(digits::is_decimal_digit)
            && !self.stop.contains(w)
            && !self.lexicon.is_rule_word(w)
    }
}

#[cfg(test)]
mod tests;
