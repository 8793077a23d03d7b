//! Comment text → tokens, themes, sentiment and keywords: one job, no I/O.
//!
//! Chinese is segmented by jieba (dictionary compiled in; a project adds its brand and
//! product names), Latin text is split into lower-cased words, and mixed text is cut into runs
//! of each. Stop words of both languages (and a project's own) are not keywords. Themes come
//! from a keyword dictionary ([`themes`]); sentiment from a lexicon with rules ([`sentiment`]).

pub mod digits;
mod script;
pub mod sentiment;
pub mod themes;
pub mod tokens;
mod words;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;

pub use sentiment::{Lexicon, Sentiment};
pub use themes::{default_themes, members, Theme, ThemeMatcher, MAX_THEMES};
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
    /// The phrase of two words, by their ids.
    Phrase(u32, u32),
}

/// What [`Analyzer::analyze_ids`] keeps from one comment to the next: buffers, and a memory
/// of the words and Han runs seen (bounded), so a word seen before costs one hash probe.
///
/// The memory includes the keyword ids `intern` returned, so a `Scratch` must always be used
/// with the same `intern` (the same interner): the fold keeps one per worker, with the
/// worker's one interner.
#[derive(Debug, Default)]
pub struct Scratch {
    tokens: Vec<Tok>,
    words: Words,
    /// A Latin word being lower-cased.
    word: String,
    /// The keyword ids of the last comment analysed.
    pub ids: Vec<u32>,
}

/// An analyser being built on a thread of its own while rows are read (jieba's dictionary
/// takes a moment), shared by every worker: [`SharedAnalyzer::ready`] never blocks, so a worker
/// that meets a comment early can set it aside and go on with the rows' scores.
pub struct SharedAnalyzer<'c> {
    cell: std::sync::OnceLock<Analyzer>,
    config: &'c TextConfig,
    /// Bytes the workers together may still spend on comments set aside while it is built.
    room: std::sync::atomic::AtomicUsize,
    /// Comments that found no room and so waited for the analyser.
    waits: std::sync::atomic::AtomicUsize,
}

/// Bytes of comments (with what each is counted with) all workers together set aside, at
/// most, while the analyser is built: past this a worker waits for it, so memory stays
/// bounded whatever the file and the number of cores.
pub const SET_ASIDE_BYTES: usize = 16 << 20;

impl<'c> SharedAnalyzer<'c> {
    /// An analyser for `config`, not built yet: call [`SharedAnalyzer::build`] (on a thread of
    /// its own) or [`SharedAnalyzer::wait`].
    pub fn new(config: &'c TextConfig) -> Self {
        SharedAnalyzer::with_room(config, SET_ASIDE_BYTES)
    }

    /// [`SharedAnalyzer::new`] with room for `bytes` of comments set aside.
    pub fn with_room(config: &'c TextConfig, bytes: usize) -> Self {
        use std::sync::atomic::AtomicUsize;
        SharedAnalyzer {
            cell: std::sync::OnceLock::new(),
            config,
            room: AtomicUsize::new(bytes),
            waits: AtomicUsize::new(0),
        }
    }

    /// Takes `bytes` of the room for a comment set aside: false, and nothing taken, when less
    /// is left (the comment is then counted once the analyser is ready, which it waits for).
    pub fn take_room(&self, bytes: usize) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        let taken = self.room.fetch_update(Relaxed, Relaxed, |left| left.checked_sub(bytes)).is_ok();
        if !taken {
            self.waits.fetch_add(1, Relaxed);
        }
        taken
    }

    /// How many comments found no room to be set aside.
    pub fn waits(&self) -> usize {
        self.waits.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Builds the analyser, unless it is built or being built.
    pub fn build(&self) {
        self.wait();
    }

    /// The analyser if it is built.
    pub fn ready(&self) -> Option<&Analyzer> {
        self.cell.get()
    }

    /// The analyser, waiting for it (or building it here, if no thread has started to): a
    /// build that failed is tried again here, so nothing waits forever.
    pub fn wait(&self) -> &Analyzer {
        self.cell.get_or_init(|| Analyzer::new(self.config))
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
        let mut prev: Option<u32> = None;
        for t in tokens.iter() {
            let id = match *t {
                Tok::Word(i) if words.is_keyword(i) => words.keyword_id(i, intern),
                _ => {
                    prev = None;
                    continue;
                }
            };
            if let Some(p) = prev {
                ids.push(intern(Keyword::Phrase(p, id)));
            }
            ids.push(id);
            prev = Some(id);
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

/// What respondents write in a comment box when they have nothing to say, compared in lower
/// case without the punctuation around it.
const NON_ANSWERS: &[&str] = &[
    "n/a",
    "na",
    "n.a",
    "n a",
    "none",
    "nil",
    "null",
    "no",
    "nope",
    "nothing",
    "no comment",
    "no comments",
    "nothing to add",
    "nothing to say",
    "nothing else",
    "not applicable",
    "no answer",
    "no idea",
    "nothing really",
    "无",
    "没有",
    "暂无",
    "没",
    "无意见",
    "没意见",
    "没有意见",
    "暂无意见",
    "无建议",
    "没有建议",
    "暂无建议",
    "无评论",
    "没有评论",
    "无其他",
    "没有了",
    "没什么",
    "没什么建议",
    "没什么意见",
    "略",
    "空",
    "跳过",
    "不适用",
    "无可奉告",
    "沒有",
    "無",
    "暫無",
    "無意見",
];

/// Whether a comment cell says nothing: blank, only punctuation, symbols and spaces (`-`, `/`,
/// `...`, `？`), or a non-answer (`无`, `没有`, `N/A`, `none`, `No comment.`, `(空)`). Such a
/// cell is no comment: not counted, analysed or quoted.
pub fn is_non_answer(text: &str) -> bool {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() {
        // Nothing but punctuation, symbols and spaces; an emoji alone is a comment.
        return !text.chars().any(|c| matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'));
    }
    t.chars().count() <= 24 && {
        let lower = t.to_lowercase();
        NON_ANSWERS.contains(&lower.as_str())
    }
}

/// Candidate themes: the `n` most frequent single keywords (comments using them, at least
/// `floor`) that no theme covers, most frequent first. For a team extending its theme
/// dictionary; evaluative words ("good", "不错") can appear and are for people to skip.
pub fn candidate_themes<'a>(
    keywords: impl IntoIterator<Item = (&'a str, u64)>,
    themes: &[Theme],
    floor: u64,
    n: usize,
) -> Vec<(String, u64)> {
    let matcher = ThemeMatcher::new(themes);
    let mut out: Vec<(String, u64)> = keywords
        .into_iter()
        .filter(|(w, c)| *c >= floor && !w.contains(' '))
        .filter(|(w, _)| matcher.themes(w) == 0)
        .map(|(w, c)| (w.to_string(), c))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap;

    #[test]
    fn only_the_first_sixteen_kilobytes_of_a_comment_are_analysed() {
        let a = Analyzer::new(&TextConfig::default());
        // A praise, then megabytes of complaint: only the first part counts.
        let head = "服务很好，很满意。".repeat(MAX_ANALYSED_BYTES / "服务很好，很满意。".len() + 1);
        let long = format!("{head}{}", "太慢了，太差了！".repeat(200_000));
        assert_eq!(a.analyze(&long), a.analyze(analysed_part(&long)));
        assert_eq!(a.analyze(&long).sentiment, Sentiment::Positive);
        assert!(analysed_part(&long).len() <= MAX_ANALYSED_BYTES);
        assert!(analysed_part(&long).len() > MAX_ANALYSED_BYTES - 4);
    }

    #[test]
    fn non_answers_say_nothing_and_short_real_comments_do() {
        for t in [
            "",
            "  ",
            "-",
            "/",
            "...",
            "？",
            "无",
            "没有。",
            "暂无",
            "N/A",
            "n/a.",
            "None",
            "No comment.",
            "(空)",
            "（跳过）",
            "nil",
            "--",
        ] {
            assert!(is_non_answer(t), "{t:?}");
        }
        for t in
            ["好", "贵", "ok", "No queue!", "没有货", "无语", "none of the staff helped", "😡", "👍👍", "5", "slow"]
        {
            assert!(!is_non_answer(t), "{t:?}");
        }
    }

    #[test]
    fn candidate_themes_are_frequent_words_no_theme_covers() {
        let counts: std::collections::BTreeMap<String, u64> = [
            ("coupons", 40),
            ("口罩", 35),
            ("delivery", 90), // the delivery theme's keyword
            ("送货", 50),     // delivery in Chinese
            ("good", 80),
            ("coupon", 29),      // under the floor
            ("coupon code", 33), // a phrase: its words are counted on their own
            ("membership", 35),
        ]
        .into_iter()
        .map(|(w, c)| (w.to_string(), c))
        .collect();
        let got = candidate_themes(counts.iter().map(|(w, n)| (w.as_str(), *n)), &default_themes(), 30, 2);
        assert_eq!(got, [("good".to_string(), 80), ("coupons".to_string(), 40)]);
        let got = candidate_themes(counts.iter().map(|(w, n)| (w.as_str(), *n)), &default_themes(), 30, 10);
        // Ties (35) in byte order: Latin before Han.
        assert_eq!(got.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(), ["good", "coupons", "membership", "口罩"]);
    }

    #[test]
    fn themes_sentiment_and_phrases_of_a_mixed_comment() {
        let a = Analyzer::new(&TextConfig::default());
        let all = default_themes();
        let themes: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
        let r = a.analyze("送货太慢了，快递员态度很差");
        let got: Vec<&str> = members(r.themes).map(|i| themes[i]).collect();
        assert_eq!(got, ["delivery", "staff", "waiting"]);
        assert_eq!(r.sentiment, Sentiment::Negative);
        let r = a.analyze("The staff were friendly and the store was clean");
        assert_eq!(r.sentiment, Sentiment::Positive);
        assert!(r.keywords.contains(&"staff".to_string()), "{:?}", r.keywords);
        // Word boundaries: "pricey" is price, "appliance" is not the app.
        let r = a.analyze("pricey appliance");
        assert_eq!(members(r.themes).map(|i| themes[i]).collect::<Vec<_>>(), ["price"]);
    }

    #[test]
    fn no_keyword_holds_a_digit_of_any_script() {
        let a = Analyzer::new(&TextConfig::default());
        // An order number in Arabic-Indic, Persian, Devanagari, full-width and ASCII digits,
        // alone and glued to letters.
        let r = a.analyze("refund order ١٢٣٤٥ ۶۷۸۹ २०२४ ５５ 4242 AB١٢ slow");
        assert!(r.keywords.iter().all(|k| !k.chars().any(digits::is_decimal_digit)), "{:?}", r.keywords);
        assert!(
            r.keywords.contains(&"refund".to_string()) && r.keywords.contains(&"slow".to_string()),
            "{:?}",
            r.keywords
        );
    }

    #[test]
    fn keyword_ids_name_the_same_keywords_as_the_strings() {
        let a = Analyzer::new(&TextConfig::default());
        let mut words: Vec<String> = Vec::new();
        let mut scratch = Scratch::default();
        for text in ["送货太慢了，快递员态度很差", "The APP crashes, the app crashes!", "ΣΟΦΟΣ staff", "好 好 好", ""]
        {
            let (sentiment, themes) = a.analyze_ids(text, &mut scratch, &mut |k| {
                let s = match k {
                    Keyword::Word(w) => w.to_string(),
                    Keyword::Phrase(x, y) => format!("{} {}", words[x as usize], words[y as usize]),
                };
                words.iter().position(|w| *w == s).unwrap_or_else(|| {
                    words.push(s);
                    words.len() - 1
                }) as u32
            });
            let mut got: Vec<String> = scratch.ids.iter().map(|i| words[*i as usize].clone()).collect();
            got.sort();
            let want = a.analyze(text);
            assert_eq!(got, want.keywords, "{text}");
            assert_eq!((sentiment, themes), (want.sentiment, want.themes), "{text}");
        }
    }

    /// The tokeniser as it was before `analyze_ids` remembered words: the reference the
    /// differential test below holds both paths to.
    fn tokenize_before(jieba: &Jieba, text: &str, out: &mut Vec<Token>) {
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if is_han(c) {
                let end = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
                for t in jieba.cut(&rest[..end], false) {
                    out.push(Token::Word(t.word.to_string()));
                }
                rest = &rest[end..];
            } else if c.is_alphanumeric() && !is_han(c) || c == '\'' {
                let end = rest.find(|c: char| !(c.is_alphanumeric() && !is_han(c) || c == '\'')).unwrap_or(rest.len());
                let w = rest[..end].trim_matches('\'');
                if !w.is_empty() {
                    out.push(Token::Word(w.to_lowercase().replace('’', "'")));
                }
                rest = &rest[end..];
            } else if let Some((e, len)) = tokens::emoticon(rest) {
                out.push(Token::Emoji(e));
                rest = &rest[len..];
            } else {
                if matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}') {
                    out.push(Token::Emoji(c));
                } else if matches!(c, ',' | ';' | ':' | '，' | '；' | '：' | '、' | '~') {
                    Token::push_break(out, false);
                } else if matches!(c, '!' | '?' | '\n' | '。' | '！' | '？' | '…') {
                    Token::push_break(out, true);
                } else if c == '.' {
                    let next = rest[1..].chars().next();
                    Token::push_break(out, next.is_none_or(|n| n.is_whitespace() || !n.is_ascii()));
                }
                rest = &rest[c.len_utf8()..];
            }
        }
    }

    /// The theme matcher as it was before: the same patterns, and an `AhoCorasick` searched
    /// for overlapping matches in the lower-cased text.
    fn matcher_before(themes: &[Theme]) -> (aho_corasick::AhoCorasick, Vec<(usize, bool)>) {
        let (words, patterns) = themes::patterns(themes);
        let ac = aho_corasick::AhoCorasickBuilder::new()
            .match_kind(aho_corasick::MatchKind::Standard)
            .build(&words)
            .expect("the built-in patterns");
        (ac, patterns)
    }

    fn themes_before((ac, patterns): &(aho_corasick::AhoCorasick, Vec<(usize, bool)>), lower: &str) -> u64 {
        let mut set = 0u64;
        for m in ac.find_overlapping_iter(lower) {
            let (theme, bounded) = patterns[m.pattern().as_usize()];
            if bounded {
                let before = lower[..m.start()].chars().next_back();
                let after = lower[m.end()..].chars().next();
                let inside = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
                if inside(before) || inside(after) {
                    continue;
                }
            }
            set |= 1 << theme;
        }
        set
    }

    // Fragments of every kind the tokeniser and the rules treat apart, in the order the
    // generator draws them from.
    /// Han text: lexicon, rule, stop and theme words.
    const HAN: &[&str] = &[
        "送货太慢了",
        "快递员态度很差",
        "服务不好",
        "价格有点贵",
        "但是质量非常好",
        "很好吃",
        "下次还买",
        "不太满意",
        "排队等了很久",
        "小程序闪退",
        "店员很热情",
        "没有货",
        "的",
        "了",
        "好",
        "不",
        "很",
        "性价比高",
        "退款拖了两周",
        "干净整洁",
        "味道一般",
        "客服",
        "有点",
    ];

    /// Latin words in any case, apostrophes straight and curly, theme phrases.
    const LATIN: &[&str] = &[
        "The",
        "APP",
        "app",
        "crashes",
        "Don't",
        "don’t",
        "can’t",
        "isn't",
        "not",
        "never",
        "very",
        "good",
        "GOOD",
        "bad",
        "but",
        "however",
        "staff",
        "were",
        "friendly",
        "pricey",
        "appliance",
        "log in",
        "out of stock",
        "value for money",
        "took forever",
        "line",
        "lines",
    ];

    /// Letters whose case is not ASCII's: Σ and final ς, accents, full-width, İ (two characters in lower case).
    const CASED: &[&str] = &["ΣΟΦΟΣ", "Σ", "σς", "naïve", "Ünïcode", "ＡＰＰ", "İstanbul"];

    /// Numbers, dates and bare quotes.
    const NUMBERS_AND_QUOTES: &[&str] = &["3.5", "12", "100%", "2024-01-01", "'quoted'", "''", "'"];

    /// Emoji, one or two.
    const EMOJI: &[&str] = &["😡", "👍", "❤", "☹", "😂😂"];

    /// Punctuation of both widths, line breaks and spaces.
    const PUNCTUATION: &[&str] =
        &["，", "。", "！", "？", ",", ".", "!", "?", "…", "~", "、", "\n", " ", "  ", "-", "#"];

    /// Han and Latin glued together, and words in several cases, one over 64 bytes.
    const MIXED: &[&str] = &[
        "APP很好用",
        "app闪退了",
        "iPhone15",
        "wifi信号差",
        "OK",
        "ok的",
        "Very很好",
        "cafe",
        "CAFÉ",
        "CAFé",
        "Café",
        "İSTANBUL",
        "K歌",
        "LOG IN",
        "Price",
        "Σοφός",
        "PneumonoultramicroscopicsilicovolcanoconiosisPneumonoultramicroscopicsilicovolcanoconiosis",
    ];

    /// All fragments, in order.
    fn fragments() -> Vec<&'static str> {
        [HAN, LATIN, CASED, NUMBERS_AND_QUOTES, EMOJI, PUNCTUATION, MIXED].concat()
    }

    /// A seeded xorshift: each call a number below `m`.
    fn xorshift(mut seed: u64) -> impl FnMut(usize) -> usize {
        move |m| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % m as u64) as usize
        }
    }

    /// `n` varied comments: up to 13 fragments each, joined by nothing, spaces or commas of
    /// either width (and some comments empty).
    fn varied_texts(n: usize) -> Vec<String> {
        let parts = fragments();
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        (0..n)
            .map(|_| {
                let len = next(14);
                let mut t = String::new();
                for _ in 0..len {
                    t.push_str(parts[next(parts.len())]);
                    t.push_str(["", " ", "", "，", ", ", ""][next(6)]);
                }
                t
            })
            .collect()
    }

    /// `analyze_ids` (a reused scratch, ids named back) gives what `analyze` gives, and both
    /// what the tokeniser and lower-casing of before gave: with room to remember every word
    /// and run, and with none (every word then worked out each time).
    #[test]
    fn analyze_ids_equals_analyze_and_the_analysis_before_it_on_varied_texts() {
        // The built-in themes, and a project's with letters that have case beyond ASCII.
        let mut own = default_themes();
        let keywords = ["Café", "naïve", "σοφος", "İstanbul", "ａｐｐ", "k歌", "app闪退", "Log In"];
        own.push(Theme { id: "own".into(), name: Default::default(), keywords: keywords.map(String::from).into() });
        let configs = [TextConfig::default(), TextConfig { themes: own, ..TextConfig::default() }];
        let texts = varied_texts(3000);
        for (config, words) in configs
            .iter()
            .flat_map(|c| [Words::default(), Words::limited(0, 0), Words::limited(50, 20)].map(|w| (c, w)))
        {
            let a = Analyzer::new(config);
            let before_ac = matcher_before(&config.themes);
            let mut scratch = Scratch { words, ..Scratch::default() };
            let mut names: Vec<String> = Vec::new();
            let mut known: FxHashMap<String, u32> = FxHashMap::default();
            for text in texts.iter().map(String::as_str).chain(["", "   ", "Σ", "好"]) {
                let (sentiment, themes) = a.analyze_ids(text, &mut scratch, &mut |k| {
                    let s = match k {
                        Keyword::Word(w) => w.to_string(),
                        Keyword::Phrase(x, y) => format!("{} {}", names[x as usize], names[y as usize]),
                    };
                    *known.entry(s.clone()).or_insert_with(|| {
                        names.push(s);
                        names.len() as u32 - 1
                    })
                });
                let mut got: Vec<String> = scratch.ids.iter().map(|i| names[*i as usize].clone()).collect();
                got.sort();
                let want = a.analyze(text);
                assert_eq!((sentiment, themes, &got), (want.sentiment, want.themes, &want.keywords), "{text:?}");
                let mut before = Vec::new();
                tokenize_before(&a.jieba, text, &mut before);
                assert_eq!(a.tokens(text), before, "{text:?}");
                assert_eq!(want.sentiment, a.lexicon.classify(&before), "{text:?}");
                assert_eq!(want.themes, themes_before(&before_ac, &text.to_lowercase()), "{text:?}");
            }
        }
    }

    #[test]
    fn negation_degree_and_contrast_turn_sentiment() {
        let a = Analyzer::new(&TextConfig::default());
        assert_eq!(a.sentiment("服务很好"), Sentiment::Positive);
        assert_eq!(a.sentiment("服务不好"), Sentiment::Negative);
        assert_eq!(a.sentiment("good"), Sentiment::Positive);
        assert_eq!(a.sentiment("not good"), Sentiment::Negative);
        assert_eq!(a.sentiment("The food was great but the service was terrible and rude"), Sentiment::Negative);
        assert_eq!(a.sentiment("价格有点贵，但是质量非常好"), Sentiment::Positive);
        assert_eq!(a.sentiment("😡"), Sentiment::Negative);
    }

    #[test]
    fn everyday_complaints_and_praise_read_the_way_a_customer_means_them() {
        // Review corpora learn 贵 ("expensive, but worth it") as mildly positive; the hand-set
        // customer-experience words correct that.
        let a = Analyzer::new(&TextConfig::default());
        for negative in ["价格太贵", "送货太慢了，很失望", "app keeps crashing", "too expensive", "店员态度差"]
        {
            assert_eq!(a.sentiment(negative), Sentiment::Negative, "{negative}");
        }
        // A request to improve is a complaint; a noun of the service ("arrived", "checkout")
        // carries no polarity, so a negator before it does not make praise of a complaint.
        for negative in [
            "物流信息3天不更新，配送太差了，希望改进。",
            "外卖配送超时45分钟，希望改进。",
            "Referral bonus never arrived",
            "Not coming back",
            "同样的鱿鱼丝，天猫比店里便宜4块！",
        ] {
            assert_eq!(a.sentiment(negative), Sentiment::Negative, "{negative}");
        }
        for positive in [
            "很好吃，下次还买",
            "staff were friendly and helpful",
            "新鲜又实惠",
            "店里试吃区很棒。",
            "Same-day delivery, impressive",
            "Quick checkout, no queue",
        ] {
            assert_eq!(a.sentiment(positive), Sentiment::Positive, "{positive}");
        }
    }

    #[test]
    fn traditional_chinese_reads_as_simplified_and_theme_keywords_match_either_script() {
        let a = Analyzer::new(&TextConfig::default());
        let all = default_themes();
        let ids = |r: &Analysis| members(r.themes).map(|i| all[i].id.clone()).collect::<Vec<_>>();
        // Before the conversion 非常滿意 scored −2.06: 滿 and 意 are not in the tables.
        for (traditional, simplified) in
            [("非常滿意，服務很好", "非常满意，服务很好"), ("價格太貴了，送貨也很慢", "价格太贵了，送货也很慢")]
        {
            let (t, s) = (a.analyze(traditional), a.analyze(simplified));
            assert_eq!(t, s, "{traditional}");
        }
        assert_eq!(a.sentiment("非常滿意"), Sentiment::Positive);
        assert_eq!(ids(&a.analyze("價格太貴了")), ["price"]);
        // A project's theme written in Traditional finds comments in either script.
        let own = vec![Theme { id: "parking".into(), name: Default::default(), keywords: vec!["停車場".into()] }];
        let a = Analyzer::new(&TextConfig { themes: own, ..TextConfig::default() });
        assert_eq!(a.analyze("停车场太小").themes, 1);
        assert_eq!(a.analyze("停車場太小").themes, 1);
    }

    #[test]
    fn typical_customer_comments_in_both_languages() {
        let a = Analyzer::new(&TextConfig::default());
        let negative = [
            "快递三天都没到，客服也不回复",
            "房间又小又脏，空调还坏了",
            "服务不好，再也不来了",
            "退款拖了两周还没到账",
            "The delivery was late and the driver was rude",
            "I waited an hour and nobody helped me",
            "Not worth the money",
            "The app logged me out and lost my order",
        ];
        let positive = [
            "包装完好，物流很快，满意",
            "服务员很热情，菜也好吃",
            "价格不贵，质量不错",
            "Great service, the staff went out of their way to help",
            "Arrived early and works perfectly",
            "Clean room, comfortable bed, would stay again",
        ];
        for text in negative {
            assert_eq!(a.sentiment(text), Sentiment::Negative, "{text}");
        }
        for text in positive {
            assert_eq!(a.sentiment(text), Sentiment::Positive, "{text}");
        }
    }
}
