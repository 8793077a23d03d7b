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

/// Splits `text` into tokens, appending to `out`.
pub fn tokenize(jieba: &Jieba, text: &str, out: &mut Vec<Token>) {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if is_han(c) {
            let end = rest.find(|c: char| !is_han(c)).unwrap_or(rest.len());
            for t in jieba.cut(&rest[..end], false) {
                out.push(Token::Word(t.word.to_string()));
            }
            rest = &rest[end..];
        } else if is_latin(c) {
            let end = rest.find(|c: char| !is_latin(c)).unwrap_or(rest.len());
            let w = rest[..end].trim_matches('\'');
            if !w.is_empty() {
                out.push(Token::Word(w.to_lowercase().replace('’', "'")));
            }
            rest = &rest[end..];
        } else {
            if is_emoji(c) {
                out.push(Token::Emoji(c));
            } else if is_break(c) && out.last() != Some(&Token::Break) {
                out.push(Token::Break);
            }
            rest = &rest[c.len_utf8()..];
        }
    }
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
