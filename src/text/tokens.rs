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

/// What a character is to the tokeniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Han,
    Latin,
    Other,
}

fn class(c: char) -> Class {
    if c.is_ascii() {
        if c.is_ascii_alphanumeric() || c == '\'' {
            Class::Latin
        } else {
            Class::Other
        }
    } else if is_han(c) {
        Class::Han
    } else if !is_break(c) && is_latin(c) {
        // (Breaks are punctuation: asking first spares the Unicode tables for ，and 。.)
        Class::Latin
    } else {
        Class::Other
    }
}

/// Whether `c` is its own lower case.
pub(crate) fn is_own_lowercase(c: char) -> bool {
    let mut l = c.to_lowercase();
    l.next() == Some(c) && l.next().is_none()
}

/// Cuts `text` into pieces, in order; what is none of them (spaces, other symbols) is skipped.
/// One pass, each character decoded and classified once. Returns whether every character
/// but ASCII letters is its own lower case, so that the text's lower case differs from it in
/// ASCII letters only (Han characters and punctuation marks have no case).
pub(crate) fn pieces<'a>(text: &'a str, mut each: impl FnMut(Piece<'a>)) -> bool {
    let mut caseless = true;
    let mut chars = text.char_indices();
    let mut next = chars.next();
    while let Some((start, c)) = next {
        let kind = class(c);
        if kind == Class::Other {
            if is_break(c) {
                each(Piece::Break);
            } else {
                if is_emoji(c) {
                    each(Piece::Emoji(c));
                }
                caseless &= c.is_ascii() || is_own_lowercase(c);
            }
            next = chars.next();
            continue;
        }
        // The run of characters of this class.
        next = chars.by_ref().find(|(_, c)| class(*c) != kind);
        let run = &text[start..next.map_or(text.len(), |(end, _)| end)];
        if kind == Class::Han {
            each(Piece::Han(run));
        } else {
            caseless &= run.is_ascii() || run.chars().all(is_own_lowercase);
            let w = run.trim_matches('\'');
            if !w.is_empty() {
                each(Piece::Latin(w));
            }
        }
    }
    caseless
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
    let _caseless = pieces(text, |p| match p {
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

    /// `pieces` takes Han characters and clause breaks to be their own lower case unasked.
    #[test]
    fn han_characters_and_breaks_have_no_case() {
        let han = ('\u{3400}'..='\u{4DBF}').chain('\u{4E00}'..='\u{9FFF}');
        let breaks = (char::MIN..=char::MAX).filter(|c| is_break(*c));
        assert!(han.chain(breaks).all(is_own_lowercase));
        assert!(!is_own_lowercase('Σ') && !is_own_lowercase('É') && !is_own_lowercase('Ａ'));
    }

    #[test]
    fn pieces_tell_whether_lower_case_changes_more_than_ascii_letters() {
        let caseless = |t: &str| pieces(t, |_| {});
        assert!(caseless("送货太慢了，App crashes! 😡 Don't"));
        assert!(caseless("café ΣΟΦΟΣ".to_lowercase().as_str()));
        for t in ["Café", "ΣΟΦΟΣ", "Ａpp", "İ", "Ⓐ", "Ⅻ"] {
            assert!(!caseless(t), "{t}");
        }
    }
}
