//! Traditional Chinese read in Simplified form. jieba's dictionary, the sentiment table and
//! the built-in theme keywords are Simplified, so a comment written in Traditional characters
//! (Hong Kong, Taiwan, Macau) is converted before it is analysed — 非常滿意 is read as 非常满意 —
//! and so are a project's own theme keywords, dictionary and stop words, so that keywords
//! written in either script find comments in either. Verbatims keep the text as written.
//!
//! The conversion is OpenCC's (characters and phrases, `ferrous-opencc`). It runs only on a
//! text that has a character OpenCC changes on its own, found by a bit set made once from
//! OpenCC's own table; Simplified, English and mixed comments pay one bit test per character.

use std::borrow::Cow;
use std::sync::OnceLock;

use ferrous_opencc::{config::BuiltinConfig, OpenCC};

/// The Han characters whose Traditional form OpenCC can change: the CJK extension A and
/// unified blocks, and the compatibility ideographs.
const FIRST: u32 = 0x3400;
const LAST: u32 = 0xFAFF;

struct Simplifier {
    opencc: OpenCC,
    /// Bit `c - FIRST` is set when OpenCC turns the character `c`, alone, into another.
    traditional: Vec<u64>,
}

impl Simplifier {
    fn new() -> Option<Self> {
        let opencc = OpenCC::from_config(BuiltinConfig::T2s).ok()?;
        // One conversion of every character of the range, each on a line of its own (so no
        // phrase spans two), read back line by line.
        let chars: Vec<char> = (FIRST..=LAST).filter_map(char::from_u32).collect();
        let mut all = String::with_capacity(chars.len() * 4);
        for c in &chars {
            all.push(*c);
            all.push('\n');
        }
        let converted = opencc.convert(&all);
        let mut traditional = vec![0u64; ((LAST - FIRST) as usize / 64) + 1];
        for (c, line) in chars.iter().zip(converted.lines()) {
            let mut buf = [0u8; 4];
            if line != c.encode_utf8(&mut buf) {
                let i = (*c as u32 - FIRST) as usize;
                traditional[i / 64] |= 1 << (i % 64);
            }
        }
        Some(Simplifier { opencc, traditional })
    }

    fn is_traditional(&self, c: char) -> bool {
        let c = c as u32;
        (FIRST..=LAST).contains(&c) && {
            let i = (c - FIRST) as usize;
            self.traditional[i / 64] & (1 << (i % 64)) != 0
        }
    }
}

fn simplifier() -> Option<&'static Simplifier> {
    static ONCE: OnceLock<Option<Simplifier>> = OnceLock::new();
    ONCE.get_or_init(Simplifier::new).as_ref()
}

/// Makes the conversion table ready (a few milliseconds), so the first comment does not pay.
pub fn prepare() {
    let _ = simplifier();
}

/// `text` in Simplified characters: converted when it has a Traditional one, else as it is.
pub fn simplified(text: &str) -> Cow<'_, str> {
    // ASCII text (most English comments) has no Han character to test.
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    match simplifier() {
        Some(s) if text.chars().any(|c| s.is_traditional(c)) => Cow::Owned(s.opencc.convert(text)),
        _ => Cow::Borrowed(text),
    }
}

/// The language of a comment the analysis does not read, told by its script: Japanese (kana
/// beside the kanji: two hiragana, or three kana and a third of its CJK characters) or Korean
/// (Hangul, a third of its letters). Read as Chinese, `待ち時間が長すぎる` came out positive and its kanji
/// were cut into Chinese words; Korean came out neutral whatever it said. `None` for Chinese,
/// English and any other text.
pub fn unread_language(text: &str) -> Option<&'static str> {
    if text.is_ascii() {
        return latin_language(text);
    }
    let (mut kana, mut hiragana, mut cjk, mut hangul, mut letters) = (0usize, 0usize, 0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            // Hiragana but `の` (a Chinese brand's `の小屋` has it): Japanese grammar, which
            // no Chinese text writes.
            '\u{3041}'..='\u{3096}' if c != 'の' => {
                hiragana += 1;
                kana += 1;
                cjk += 1;
            }
            '\u{3041}'..='\u{309F}' | '\u{30A1}'..='\u{30FA}' | '\u{30FC}' | '\u{31F0}'..='\u{31FF}' => {
                kana += 1;
                cjk += 1;
            }
            '\u{AC00}'..='\u{D7A3}' | '\u{1100}'..='\u{11FF}' | '\u{3131}'..='\u{318E}' => hangul += 1,
            c if super::is_han(c) => cjk += 1,
            c if c.is_alphabetic() => letters += 1,
            _ => {}
        }
    }
    if hangul > 0 && hangul * 3 >= hangul + cjk + letters {
        return Some("Korean");
    }
    // Two hiragana (`料金が高い`), or katakana enough not to be a kaomoji's `ノ`.
    if hiragana >= 2 || (kana >= 3 && kana * 3 >= cjk) {
        return Some("Japanese");
    }
    if cjk == 0 && letters > 0 {
        return latin_language(text);
    }
    None
}

/// The language a comment is written in, as a BCP 47 tag, for the `lang` attribute of a
/// quoted comment: a browser then draws Han characters with Chinese glyphs on an English page
/// (not the Japanese forms a font may default to) and a screen reader speaks the comment in
/// its own language. By script: kana or Hangul as [`unread_language`] tells them, Han
/// characters (each worth two Latin letters) against Latin letters, and the European
/// languages by their function words. `None` when the text has no letters.
pub fn language_tag(text: &str) -> Option<&'static str> {
    if let Some(lang) = unread_language(text) {
        return Some(match lang {
            "Japanese" => "ja",
            "Korean" => "ko",
            "German" => "de",
            "French" => "fr",
            "Spanish" => "es",
            "Italian" => "it",
            "Portuguese" => "pt",
            "Dutch" => "nl",
            _ => return None,
        });
    }
    let (mut han, mut latin) = (0usize, 0usize);
    for c in text.chars() {
        if super::is_han(c) {
            han += 1;
        } else if c.is_ascii_alphabetic() {
            latin += 1;
        }
    }
    match (han, latin) {
        (0, 0) => None,
        (h, l) if h * 2 >= l => Some("zh"),
        _ => Some("en"),
    }
}

/// Function words of the European languages exports come in besides English, none of them an
/// English word or a common part of an English text (`die`, `is`, `was`, `no`, `do`, `met`,
/// `est`, `mi`, `non`, `era` and one-letter words are left out).
const FUNCTION_WORDS: [(&str, &[&str]); 6] = [
    (
        "German",
        &[
            "der",
            "das",
            "und",
            "ist",
            "nicht",
            "sehr",
            "ich",
            "wir",
            "mit",
            "für",
            "auf",
            "zu",
            "ein",
            "eine",
            "einen",
            "dem",
            "des",
            "sich",
            "auch",
            "aber",
            "wie",
            "noch",
            "nur",
            "schon",
            "immer",
            "zum",
            "zur",
            "vom",
            "beim",
            "bei",
            "haben",
            "sind",
            "wurde",
            "waren",
            "kein",
            "keine",
            "leider",
            "schlecht",
            "freundlich",
        ],
    ),
    (
        "French",
        &[
            "le", "les", "et", "très", "pas", "une", "des", "du", "aux", "avec", "pour", "qui", "dans", "sur", "mais",
            "était", "je", "nous", "vous", "ce", "cette", "elle", "sont", "été", "bien", "trop",
        ],
    ),
    (
        "Spanish",
        &[
            "el",
            "los",
            "las",
            "es",
            "muy",
            "una",
            "unos",
            "para",
            "que",
            "del",
            "por",
            "pero",
            "estaba",
            "fue",
            "está",
            "servicio",
            "atención",
        ],
    ),
    ("Italian", &["gli", "è", "molto", "della", "sono", "servizio", "personale", "ottimo"]),
    ("Portuguese", &["os", "é", "muito", "não", "uma", "mas", "foi", "atendimento", "ótimo"]),
    ("Dutch", &["het", "een", "niet", "zeer", "erg", "ik", "wij", "voor", "maar", "ook", "goed"]),
];

/// English function words, to weigh against [`FUNCTION_WORDS`].
const ENGLISH_WORDS: &[&str] = &[
    "do", "does", "did", "would", "will", "from", "got", "get", "the", "and", "is", "was", "were", "to", "of", "in",
    "it", "i", "we", "you", "my", "our", "not", "very", "but", "with", "for", "this", "that", "have", "had", "be",
    "are", "at", "on", "so", "too", "they", "me", "a", "an",
];

/// The European language of a comment in Latin letters that is not English: its function
/// words of one language (at least three) more than twice its English ones, so `The staff at
/// Café de Flore were lovely`, `Le Creuset pan, Les Paul guitar` and `would do again` stay
/// English.
fn latin_language(text: &str) -> Option<&'static str> {
    // Word → the languages it is a function word of, as bits (English the top one): one
    // look-up a word, as every comment in Latin letters is asked.
    static LANGUAGES: OnceLock<rustc_hash::FxHashMap<&'static str, u8>> = OnceLock::new();
    let languages = LANGUAGES.get_or_init(|| {
        let mut m = rustc_hash::FxHashMap::default();
        for (i, (_, words)) in FUNCTION_WORDS.iter().enumerate() {
            for w in *words {
                *m.entry(*w).or_default() |= 1 << i;
            }
        }
        for w in ENGLISH_WORDS {
            *m.entry(*w).or_default() |= 1 << 7;
        }
        m
    });
    let mut counts = [0usize; FUNCTION_WORDS.len()];
    let mut english = 0;
    let mut word = String::new();
    for w in text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty() && w.len() <= 12) {
        let bits = if w.bytes().all(|b| b.is_ascii_lowercase()) {
            languages.get(w)
        } else {
            word.clear();
            word.extend(w.chars().flat_map(char::to_lowercase));
            languages.get(word.as_str())
        };
        let Some(&bits) = bits else { continue };
        english += usize::from(bits >> 7);
        for (i, c) in counts.iter_mut().enumerate() {
            *c += usize::from(bits >> i & 1);
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|(i, n)| (**n, usize::MAX - i))?;
    let tied = counts.iter().filter(|c| **c == n).count() > 1;
    (n >= 3 && n > 2 * english && !tied).then_some(FUNCTION_WORDS[best].0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn european_comments_are_told_by_their_function_words_and_english_is_not() {
        for (text, lang) in [
            ("Das Essen war sehr gut und der Service freundlich", "German"),
            ("Leider war die Lieferung nicht pünktlich und kalt", "German"),
            ("Le service était très lent et le personnel pas aimable", "French"),
            ("La comida estaba muy buena y el servicio rápido", "Spanish"),
            ("Servizio molto lento, il personale non era gentile", "Italian"),
            ("O atendimento foi muito bom e rápido, não demorou", "Portuguese"),
            ("De bezorging was erg laat en niet goed", "Dutch"),
        ] {
            assert_eq!(unread_language(text), Some(lang), "{text}");
        }
        for english in [
            "The staff at Café de Flore were lovely",
            "La Trattoria was great",
            "Great service, fast delivery",
            "The die was cast and the app is slow",
            "Con artists! They charged me twice",
            "10/10 would do again, do recommend",
            "Heel strap broke, expectations met",
            "Shipped from AU, est 5 days",
            "Order pending - Mi Band 8 - Mi Account",
            "Le Creuset pan, Les Paul guitar",
            "ok",
        ] {
            assert_eq!(unread_language(english), None, "{english}");
        }
    }

    #[test]
    fn a_comment_s_language_tag_follows_its_script_and_its_function_words() {
        for (text, tag) in [
            ("送货太慢了", Some("zh")),
            ("APP闪退，购物车清空了！", Some("zh")),
            ("配送很快 but the box was crushed", Some("en")),
            ("Great service", Some("en")),
            ("待ち時間が長すぎる", Some("ja")),
            ("배송이 너무 느려요", Some("ko")),
            ("Le service était très lent et le personnel pas aimable", Some("fr")),
            ("10/10 👍", None),
        ] {
            assert_eq!(language_tag(text), tag, "{text}");
        }
    }

    #[test]
    fn japanese_and_korean_comments_are_told_by_their_script_and_chinese_is_not() {
        for ja in ["待ち時間が長すぎる", "料金が高い", "スタッフの対応がとても丁寧でした", "コーヒー最高"]
        {
            assert_eq!(unread_language(ja), Some("Japanese"), "{ja}");
        }
        for ko in ["배송이 너무 느려요", "직원이 친절했어요 👍", "App이 자꾸 멈춰요"] {
            assert_eq!(unread_language(ko), Some("Korean"), "{ko}");
        }
        // Chinese with a brand's の, English, mixed Chinese and English.
        for other in [
            "送货太慢了",
            "の小屋的面包很好吃，下次还来",
            "Great staff",
            "App很卡，客服說會處理",
            "Café au lait",
            "好评ヽ(✿ﾟ▽ﾟ)ノ",
        ] {
            assert_eq!(unread_language(other), None, "{other}");
        }
    }

    #[test]
    fn traditional_text_is_read_in_simplified_and_other_text_is_left_alone() {
        assert_eq!(simplified("非常滿意，服務很好"), "非常满意，服务很好");
        assert_eq!(simplified("價格太貴了，頭髮"), "价格太贵了，头发");
        for as_is in ["非常满意，服务很好", "Great staff", "😀 ok", ""] {
            assert!(matches!(simplified(as_is), Cow::Borrowed(_)), "{as_is}");
        }
        // Mixed scripts and English around it keep their length in characters and their Latin.
        assert_eq!(simplified("App很卡，客服說會處理 OK"), "App很卡，客服说会处理 OK");
    }
}
