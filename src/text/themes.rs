//! Themes: a dictionary of theme → keywords in both languages, matched in one pass.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use serde::Deserialize;

use super::tokens::is_han;

/// The built-in theme dictionary (retail and service CX).
pub const DEFAULT_THEMES: &str = include_str!("data/themes.yaml");

/// Themes a comment can carry at most (a bit set of 64).
pub const MAX_THEMES: usize = 64;

/// One theme.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    #[serde(skip)]
    pub id: String,
    /// Display name per locale (`en`, `zh-CN`); the id where a locale has none. Written as a
    /// map of locales, or as one string for every locale (kept as the English name, which
    /// [`Theme::display`] falls back to).
    #[serde(default, deserialize_with = "name_per_locale")]
    pub name: std::collections::BTreeMap<String, String>,
    pub keywords: Vec<String>,
}

/// A theme's `name:`: one string, or a map of locales to strings.
fn name_per_locale<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, String>, D::Error> {
    // As a score's name: any scalar but yes/no is text (`name: 7`).
    Ok(match crate::project::config::ScoreName::deserialize(d)? {
        crate::project::config::ScoreName::All(name) => [("en".to_string(), name)].into(),
        crate::project::config::ScoreName::PerLocale(map) => map.into_iter().collect(),
    })
}

impl Theme {
    /// The theme's name in `locale`, else English, else its id.
    pub fn display(&self, locale: &str) -> &str {
        self.name.get(locale).or_else(|| self.name.get("en")).map_or(self.id.as_str(), String::as_str)
    }
}

/// The built-in themes, in file order.
pub fn default_themes() -> Vec<Theme> {
    let map: indexmap::IndexMap<String, Theme> = serde_saphyr::from_str(DEFAULT_THEMES).unwrap_or_default();
    map.into_iter().map(|(id, t)| Theme { id, ..t }).collect()
}

/// Finds the themes of a text.
pub struct ThemeMatcher {
    ac: Option<DFA>,
    /// Pattern → (theme, whether it must sit on word boundaries).
    patterns: Vec<(usize, bool)>,
}

/// The patterns of `themes` (the first [`MAX_THEMES`]): each keyword trimmed and lower-cased,
/// and for each its theme and whether it must sit on word boundaries (Latin ones).
pub(crate) fn patterns(themes: &[Theme]) -> (Vec<String>, Vec<(usize, bool)>) {
    let mut words = Vec::new();
    let mut patterns = Vec::new();
    for (i, t) in themes.iter().enumerate().take(MAX_THEMES) {
        for k in &t.keywords {
            // Comments are matched in Simplified form, so keywords are too (see `script`).
            let k = matchable(&super::script::simplified(k.trim()).to_lowercase()).into_owned();
            if !k.is_empty() {
                patterns.push((i, !k.chars().any(is_han)));
                words.push(k);
            }
        }
    }
    (words, patterns)
}

impl ThemeMatcher {
    /// A matcher for `themes` (the first [`MAX_THEMES`]).
    pub fn new(themes: &[Theme]) -> Self {
        let (words, patterns) = patterns(themes);
        // A DFA, stepped byte by byte here: `AhoCorasick` would pick an NFA for this many
        // patterns, and its type-erased automaton costs a dynamic call per byte; this is one
        // table look-up per byte, for a table of some hundred kilobytes. The same matches.
        // ASCII letters in either case match, so a text whose lower case differs from it in
        // ASCII letters only needs no lower-casing (patterns are lower case).
        let ac = DFA::builder()
            .match_kind(MatchKind::Standard)
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(&words)
            .ok();
        ThemeMatcher { ac, patterns }
    }

    /// The themes of `text`, as a bit set: every occurrence of every pattern counts (Latin
    /// ones on word boundaries only). `text` is lower case, or differs from its lower case in
    /// ASCII letters only: the themes are those of its lower case.
    pub fn themes(&self, text: &str) -> u64 {
        let text = &*matchable(text);
        let Some(dfa) = &self.ac else { return 0 };
        // Unanchored is the DFA's kind: no error.
        let Ok(mut sid) = dfa.start_state(Anchored::No) else { return 0 };
        let mut set = 0u64;
        for (at, b) in text.bytes().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                break;
            }
            // A match state: every pattern ending here (an overlapping search's matches).
            for i in 0..dfa.match_len(sid) {
                let p = dfa.match_pattern(sid, i);
                let (end, (theme, bounded)) = (at + 1, self.patterns[p.as_usize()]);
                if !bounded || on_word_boundaries(text, end - dfa.pattern_len(p), end) {
                    set |= 1 << theme;
                }
            }
        }
        set
    }
}

/// `text` as keywords are matched: in NFC (`cafe` + a combining acute, as macOS types it, is
/// `café`) with every run of white space (spaces, a line break, a no-break or ideographic
/// space) one space, so `very  good` and `very⏎good` hold the keyword `very good`. Borrowed
/// when nothing changes (nearly every comment): a walk of its bytes.
pub(crate) fn matchable(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let spaced = bytes.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'\n' | b'\r' | b'\t' | 0x0B | 0x0C) || (b == b' ' && bytes.get(i + 1) == Some(&b' '))
    }) || (!text.is_ascii() && text.chars().any(|c| c.is_whitespace() && c != ' '));
    let composed = crate::aggregate::redact::nfc(text);
    if !spaced {
        return composed;
    }
    let mut out = String::with_capacity(composed.len());
    for (i, word) in composed.split(char::is_whitespace).filter(|w| !w.is_empty()).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
    // Spaces at either end stay one, so a keyword at the text's edge is on a word boundary as before.
    if composed.starts_with(char::is_whitespace) {
        out.insert(0, ' ');
    }
    if composed.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    std::borrow::Cow::Owned(out)
}

/// Whether `text[start..end]` has no Latin letter or digit on either side.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let inside = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !is_han(c));
    !inside(text[..start].chars().next_back()) && !inside(text[end..].chars().next())
}

/// The theme indices of a bit set, in order. Visits only the set bits: the fold calls it for
/// every group of every comment, where scanning all 64 bits showed in profiles.
pub fn members(set: u64) -> impl Iterator<Item = usize> {
    let mut rest = set;
    std::iter::from_fn(move || {
        (rest != 0).then(|| {
            let i = rest.trailing_zeros() as usize;
            rest &= rest - 1;
            i
        })
    })
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

    #[test]
    fn a_keyword_matches_across_any_run_of_white_space_and_either_form_of_an_accent() {
        let theme = |id: &str, keywords: &[&str]| Theme {
            id: id.into(),
            name: Default::default(),
            keywords: keywords.iter().map(|k| k.to_string()).collect(),
        };
        let m = ThemeMatcher::new(&[theme("phrase", &["very good"]), theme("accent", &["café", "nai\u{308}ve"])]);
        for text in
            ["very good stuff", "very  good", "very\ngood", "very\u{a0}good", "very \t\r\n good", "very\u{3000}good"]
        {
            assert_eq!(m.themes(text), 0b01, "{text:?}");
        }
        for text in ["cafe\u{301} latte", "café latte", "naïve", "nai\u{308}ve"] {
            assert_eq!(m.themes(text), 0b10, "{text:?}");
        }
        assert_eq!(m.themes("verygood"), 0);
        assert_eq!(m.themes("very goods"), 0, "still on word boundaries");
        assert!(matches!(matchable("a plain comment, 配送太慢"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn members_lists_the_set_bits_in_order() {
        assert_eq!(members(0).count(), 0);
        assert_eq!(members(0b1011).collect::<Vec<_>>(), [0, 1, 3]);
        assert_eq!(members(1 << 63 | 1 << 5).collect::<Vec<_>>(), [5, 63]);
        assert_eq!(members(u64::MAX).count(), 64);
    }
}
