//! Text → tokens: Chinese runs segmented by jieba (its dictionary compiled in), Latin words
//! lower-cased, emoji kept as tokens (and the bracketed text emoticons of Chinese social and
//! chat apps, `[哈哈]`, `[泪]`, read as the emoji they stand for), punctuation as clause breaks
//! and sentence ends.

use jieba_rs::Jieba;

/// One token of a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// A word: a jieba word of a Chinese run, or a lower-cased Latin word or number.
    Word(String),
    /// An emoji or other pictograph.
    Emoji(char),
    /// Clause-ending punctuation inside a sentence (, ; : 、 and their full-width forms).
    Break,
    /// A sentence end (. ! ? … and their full-width forms, line breaks): a clause break that
    /// also ends the reach of a contrast word.
    Stop,
}

impl Token {
    /// Appends a clause break or sentence end to `out` ([`merge_break`]).
    pub(crate) fn push_break(out: &mut Vec<Token>, stop: bool) {
        merge_break(out, stop, Token::Break, Token::Stop);
    }
}

/// Appends a clause break (`brk`) or, with `stop`, a sentence end (`end`) to `out`, a run of
/// them kept as one token: a sentence end if any of them is one. For [`Token`]s and the
/// analyser's own tokens alike.
pub(crate) fn merge_break<T: PartialEq>(out: &mut Vec<T>, stop: bool, brk: T, end: T) {
    match out.last_mut() {
        Some(last) if *last == brk && stop => *last = end,
        Some(last) if *last == brk || *last == end => {}
        _ => out.push(if stop { end } else { brk }),
    }
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

/// Whether the break `c` ends a sentence: `.` only before a space, a line end or the end of
/// the text, so that `3.5`, `e.g.` and `www.example.com` are not read as sentences.
fn is_stop(c: char, next: Option<u8>) -> bool {
    match c {
        '.' => next.is_none_or(|b| b.is_ascii_whitespace() || !b.is_ascii()),
        '!' | '?' | '\n' | '。' | '！' | '？' | '…' => true,
        _ => false,
    }
}

fn is_break(c: char) -> bool {
    matches!(c, '.' | ',' | '!' | '?' | ';' | ':' | '\n' | '。' | '，' | '！' | '？' | '；' | '：' | '、' | '~' | '…')
}

/// Text emoticons of Chinese social and chat apps (Weibo's `[哈哈]`, `[泪]`, `[抓狂]`; WeChat's
/// `[强]`, `[流泪]`…) and the emoji that means the same: a comment copied from such an app
/// carries its mood in them. The codes are the apps' own names for their faces; a code not
/// listed stays text.
pub(crate) const EMOTICONS: &[(&str, char)] = &[
    ("哈哈", '😄'),
    ("笑哈哈", '😄'),
    ("憨笑", '😄'),
    ("嘻嘻", '😊'),
    ("可爱", '😊'),
    ("愉快", '😊'),
    ("太开心", '😁'),
    ("开心", '😁'),
    ("呲牙", '😁'),
    ("微笑", '🙂'),
    ("害羞", '☺'),
    ("偷笑", '🤭'),
    ("爱你", '🥰'),
    ("花心", '😍'),
    ("色", '😍'),
    ("亲亲", '😘'),
    ("馋嘴", '😋'),
    ("调皮", '😜'),
    ("酷", '😎'),
    ("得意", '😎'),
    ("抱抱", '🤗'),
    ("拥抱", '🤗'),
    ("鼓掌", '👏'),
    ("赞", '👍'),
    ("强", '👍'),
    ("good", '👍'),
    ("ok", '👌'),
    ("OK", '👌'),
    ("耶", '✌'),
    ("威武", '💪'),
    ("给力", '💪'),
    ("握手", '🤝'),
    ("心", '❤'),
    ("爱心", '❤'),
    ("玫瑰", '🌹'),
    ("礼物", '🎁'),
    ("蛋糕", '🎂'),
    ("泪", '😢'),
    ("流泪", '😢'),
    ("伤心", '😢'),
    ("悲伤", '😢'),
    ("大哭", '😭'),
    ("难过", '🙁'),
    ("委屈", '🥺'),
    ("可怜", '🥺'),
    ("快哭了", '🥺'),
    ("失望", '😞'),
    ("衰", '😞'),
    ("怒", '😠'),
    ("发怒", '😠'),
    ("怒骂", '🤬'),
    ("抓狂", '😫'),
    ("哼", '😤'),
    ("左哼哼", '😤'),
    ("右哼哼", '😤'),
    ("鄙视", '😒'),
    ("撇嘴", '😒'),
    ("白眼", '🙄'),
    ("黑线", '😑'),
    ("晕", '😵'),
    ("汗", '😓'),
    ("生病", '🤒'),
    ("吐", '🤮'),
    ("弱", '👎'),
    ("心碎", '💔'),
    ("伤心碎", '💔'),
    ("蜡烛", '🕯'),
];

/// The text emoticon (see [`EMOTICONS`]) `rest` starts with, if it does: the emoji it stands
/// for and its length in bytes.
pub(crate) fn emoticon(rest: &str) -> Option<(char, usize)> {
    let inner = rest.strip_prefix('[')?;
    let end = inner.bytes().take(16).position(|b| b == b']')?;
    let code = &inner[..end];
    EMOTICONS.iter().find(|(k, _)| *k == code).map(|(_, e)| (*e, end + 2))
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
    /// A clause-ending punctuation mark inside a sentence (every one: runs of them are for the
    /// caller to merge).
    Break,
    /// A sentence-ending punctuation mark or line break ([`is_stop`]).
    Stop,
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

/// Whether the character at byte `i` of `b` (UTF-8, `i` on a character boundary) is Han
/// ([`is_han`]), told by its first two bytes: U+3400–U+3FFF are E3 90–BF, U+4000–U+4DBF E4
/// 80–B6, U+4E00–U+4FFF E4 B8–BF, U+5000–U+9FFF E5–E9 (E4 B7 is U+4DC0–U+4DFF, not Han).
#[inline]
fn han_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        0xE5..=0xE9 => true,
        0xE4 => b[i + 1] != 0xB7,
        0xE3 => b[i + 1] >= 0x90,
        _ => false,
    }
}

/// The character at byte `i` of `text` (on a character boundary).
#[inline]
fn char_at(text: &str, i: usize) -> char {
    match text.as_bytes()[i] {
        b if b < 0x80 => char::from(b),
        _ => text[i..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER),
    }
}

/// Cuts `text` into pieces, in order; what is none of them (spaces, other symbols) is skipped.
/// One pass over the bytes: Han characters and ASCII are classified without being decoded.
/// Returns whether every character but ASCII letters is its own lower case, so that the
/// text's lower case differs from it in ASCII letters only (Han characters and punctuation
/// marks have no case).
pub(crate) fn pieces<'a>(text: &'a str, mut each: impl FnMut(Piece<'a>)) -> bool {
    let b = text.as_bytes();
    let mut caseless = true;
    let mut i = 0;
    while i < b.len() {
        let start = i;
        if han_at(b, i) {
            while i < b.len() && han_at(b, i) {
                i += 3;
            }
            each(Piece::Han(&text[start..i]));
            continue;
        }
        let c = char_at(text, i);
        i += c.len_utf8();
        caseless &= c.is_ascii() || is_break(c) || is_own_lowercase(c);
        if class(c) == Class::Latin {
            i = latin_run_end(text, i, &mut caseless);
            let w = trim_apostrophes(&text[start..i]);
            if !w.is_empty() {
                each(Piece::Latin(w));
            }
        } else if is_break(c) {
            each(if is_stop(c, b.get(i).copied()) { Piece::Stop } else { Piece::Break });
        } else if c == '[' {
            if let Some((e, len)) = emoticon(&text[start..]) {
                each(Piece::Emoji(e));
                i = start + len;
            }
        } else if is_emoji(c) {
            each(Piece::Emoji(c));
        }
    }
    caseless
}

/// Where the Latin run going on at byte `i` of `text` ends; `caseless` cleared if a
/// character of it other than an ASCII one is not its own lower case.
fn latin_run_end(text: &str, mut i: usize, caseless: &mut bool) -> usize {
    let b = text.as_bytes();
    loop {
        while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'\'') {
            i += 1;
        }
        if i == b.len() || b[i] < 0x80 || han_at(b, i) {
            return i;
        }
        let c = char_at(text, i);
        if class(c) != Class::Latin {
            return i;
        }
        *caseless &= is_own_lowercase(c);
        i += c.len_utf8();
    }
}

/// `w.trim_matches('\'')`, on bytes.
fn trim_apostrophes(w: &str) -> &str {
    let b = w.as_bytes();
    let start = b.iter().position(|x| *x != b'\'').unwrap_or(b.len());
    let end = b.iter().rposition(|x| *x != b'\'').map_or(start, |e| e + 1);
    &w[start..end]
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
        Piece::Break => Token::push_break(out, false),
        Piece::Stop => Token::push_break(out, true),
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
                Token::Stop => "‖".into(),
            })
            .collect()
    }

    #[test]
    fn mixed_chinese_and_english_text_is_split_into_words() {
        assert_eq!(words("送货太慢了，App crashes! 😡"), ["送货", "太慢", "了", "|", "app", "crashes", "‖", "😡"]);
        // Sentence ends (‖) against clause breaks (|): a point inside a number or a host name
        // is a clause break, a run of marks is one token, the strongest of them.
        assert_eq!(
            words("4.5 of 5. OK, www.x.cn;。好"),
            ["4", "|", "5", "of", "5", "‖", "ok", "|", "www", "|", "x", "|", "cn", "‖", "好"]
        );
        assert_eq!(words("好！！但是，差\n贵"), ["好", "‖", "但是", "|", "差", "‖", "贵"]);
        assert_eq!(words("Don't like it"), ["don't", "like", "it"]);
    }

    #[test]
    fn app_text_emoticons_are_read_as_the_emoji_they_stand_for() {
        assert_eq!(words("太慢了[抓狂][抓狂]"), ["太慢", "了", "😫", "😫"]);
        assert_eq!(words("赞[good]，[泪]"), ["赞", "👍", "|", "😢"]);
        // A code the table does not know, or an unclosed bracket, stays text.
        assert_eq!(words("[新品]上市"), ["新品", "上市"]);
        assert_eq!(words("[哈哈"), ["哈哈"]);
    }

    #[test]
    fn han_characters_are_told_by_their_first_two_bytes() {
        for c in char::MIN..=char::MAX {
            let mut buf = [0u8; 4];
            assert_eq!(han_at(c.encode_utf8(&mut buf).as_bytes(), 0), is_han(c), "{c:?}");
        }
    }

    /// `pieces` takes Han characters and clause breaks to be their own lower case unasked.
    #[test]
    fn han_characters_have_no_case() {
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
        assert!(caseless("Café")); // its lower case differs in the C only
        for t in ["CAFÉ", "ΣΟΦΟΣ", "Ａpp", "İ", "Ⓐ", "Ⅻ"] {
            assert!(!caseless(t), "{t}");
        }
    }
}
