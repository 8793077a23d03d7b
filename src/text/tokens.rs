//! Text → tokens: Chinese runs segmented by jieba (its dictionary compiled in), Latin words
//! lower-cased, emoji kept as tokens, punctuation as clause breaks.

use jieba_rs::Jieba;

/// One token of a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A word: a jieba word of a Chinese run, or a lower-cased Latin word or number.
    Word(String),
    /// An emoji or other pictograph.
    Emoji(char),
    /// Clause-ending punctuation (. , ! ? ; and their full-width forms, line breaks).
    Break,
}

/// Whether `c` is a CJK ideograph (the unified block and extension A).
pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

fn is_latin(c: char) -> bool {
    c.is_alphanumeric() && !is_han(c) || c == '\''
}

fn is_emoji(c: char) -> bool {
    matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}')
}

fn is_break(c: char) -> bool {
    matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '\n' | '。' | '，' | '！' | '？' | '；' | '：' | '、' | '~' | '…')
}

/// A piece of a comment as the tokeniser cuts it, before words are segmented and lower-cased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Piece<'a> {
    /// A run of Han characters, for jieba.
    Han(&'a str),
    /// A Latin word or number, apostrophes trimmed from its ends, as written (not lower-cased).
    Latin(&'a str),
    /// An emoji or other pictograph.
    Emoji(char),
    /// A clause-ending punctuation mark (every one: runs of them are for the caller to merge).
    Break,
}

/// Cuts `text` into pieces, in order; what is none of them (spaces, other symbols) is skipped.
pub(crate) fn pieces<'a>(text: &'a str, mut each: impl FnMut(Piece<'a>)) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if is_han(c) {
            let end = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
            each(Piece::Han(&rest[..end]));
            rest = &rest[end..];
        } else if is_latin(c) {
            let end = rest.find(|c: char| !is_latin(c)).unwrap_or(rest.len());
            let w = rest[..end].trim_matches('\'');
            if !w.is_empty() {
                each(Piece::Latin(w));
            }
            rest = &rest[end..];
        } else {
            if is_emoji(c) {
                each(Piece::Emoji(c));
            } else if is_break(c) {
                each(Piece::Break);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// A Latin word as a token: lower-cased (`str::to_lowercase`, so a final Σ is ς), with ’ as '.
/// Appends to `out`; ASCII words, nearly all of them, without allocating.
pub(crate) fn latin_word(w: &str, out: &mut String) {
    if w.is_ascii() {
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
    } else {
        out.push_str(&w.to_lowercase().replace('’', "'"));
    }
}

/// Splits `text` into tokens, appending to `out`.
pub fn tokenize(jieba: &Jieba, text: &str, out: &mut Vec<Token>) {
    pieces(text, |p| match p {
        Piece::Han(run) => out.extend(jieba.cut(run, false).into_iter().map(|t| Token::Word(t.word.to_string()))),
        Piece::Latin(w) => {
            let mut word = String::new();
            latin_word(w, &mut word);
            out.push(Token::Word(word));
        }
        Piece::Emoji(c) => out.push(Token::Emoji(c)),
        Piece::Break if out.last() != Some(&Token::Break) => out.push(Token::Break),
        Piece::Break => {}
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        tokenize(&Jieba::new(), text, &mut out);
        out.into_iter()
            .map(|t| match t {
                Token::Word(w) => w,
                Token::Emoji(c) => c.to_string(),
                Token::Break => "|".into(),
            })
            .collect()
    }

    #[test]
    fn mixed_chinese_and_english_text_is_split_into_words() {
        assert_eq!(words("送货太慢了，App crashes! 😡"), ["送货", "太慢", "了", "|", "app", "crashes", "|", "😡"]);
        assert_eq!(words("Don't like it"), ["don't", "like", "it"]);
    }
}
