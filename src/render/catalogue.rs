//! Message catalogues: every sentence and label the site shows, one YAML file per locale.
//!
//! The built-in catalogues (`locales/*.yaml`) are compiled into the binary; a project's own
//! `locales/<tag>.yaml` replaces the built-in catalogue of that tag, or adds a new locale.
//! `en` is the reference: every catalogue must have exactly its keys, and may only use the
//! named arguments that `en` uses for a message. A catalogue is checked whole when it is loaded,
//! and a message asked for that does not exist fails the build naming the key and the locale,
//! so no text is ever silently empty.
//!
//! Messages are text: their arguments (customer data among them) are inserted as they are and
//! escaped later by the template. Only messages whose key ends in `_html` hold markup; for those
//! the built-in catalogues' markup is trusted and the arguments are escaped here. A project's
//! own catalogue is a third way, beside templates and pages, for a team to put HTML into the
//! site (and translators are often further from the team): its markup is sanitised as a
//! page's is, and [`check_project_html`] reports what was dropped and what leaves the site.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use serde::Deserialize;

use super::escape_html;
use super::format::Numbers;
use crate::error::{Diagnostic, Error, Result};

/// The built-in catalogues: (locale tag, source).
pub const BUILTIN_LOCALES: &[(&str, &str)] =
    &[("en", include_str!("../../locales/en.yaml")), ("zh-CN", include_str!("../../locales/zh-CN.yaml"))];

/// The reference locale, whose keys every catalogue must have.
pub const REFERENCE: &str = "en";

/// One message: a text, or forms chosen by a count.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Message {
    Text(String),
    Plural(Forms),
}

/// The forms of a message that varies with a count.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Forms {
    /// For a count of 0, when the language words it differently.
    zero: Option<String>,
    /// For a count of 1, when the language words it differently.
    one: Option<String>,
    /// For every other count.
    other: String,
}

impl Message {
    /// Every form of the message.
    fn forms(&self) -> Vec<&str> {
        match self {
            Message::Text(t) => vec![t],
            Message::Plural(f) => {
                [&f.zero, &f.one].into_iter().flatten().map(String::as_str).chain([&*f.other]).collect()
            }
        }
    }
}

/// A catalogue file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogueFile {
    /// The tag the file is for; must match its file name.
    locale: String,
    numbers: Numbers,
    messages: BTreeMap<String, Message>,
}

/// The messages and number rules of one locale.
#[derive(Debug)]
pub struct Catalogue {
    locale: String,
    numbers: Numbers,
    messages: BTreeMap<String, Message>,
    /// Keys asked for that the catalogue does not have (and arguments a message wanted but
    /// was not given); any of these fails the render.
    missing: Mutex<BTreeSet<String>>,
}

impl Catalogue {
    /// The catalogue of `tag`: the project's `locales/<tag>.yaml` when it has one, else the
    /// built-in one. Checked against the reference catalogue.
    pub fn load(tag: &str, project_files: &BTreeMap<String, String>) -> Result<Catalogue> {
        let name = format!("{tag}.yaml");
        let (file, text) = match project_files.get(&name) {
            Some(text) => (format!("locales/{name}"), text.as_str()),
            None => match BUILTIN_LOCALES.iter().find(|(t, _)| *t == tag) {
                Some((_, text)) => (format!("(built-in) locales/{name}"), *text),
                None => {
                    let known: Vec<&str> = BUILTIN_LOCALES.iter().map(|(t, _)| *t).collect();
                    return Err(Error::one(Diagnostic::file(
                        crate::project::PROJECT_FILE,
                        format!(
                            "unknown locale `{tag}`: no catalogue locales/{name} in the project, and the built-in ones are {}",
                            known.join(", ")
                        ),
                    )));
                }
            },
        };
        let mut catalogue = Self::parse(&file, text)?;
        if project_files.contains_key(&name) {
            catalogue.sanitise_html();
        }
        catalogue.keep_hyphenated_numbers_whole();
        if catalogue.locale != tag {
            return Err(Error::one(Diagnostic::file(
                &file,
                format!("the catalogue says `locale: {}` but is the file of locale `{tag}`", catalogue.locale),
            )));
        }
        // A project's own `en.yaml` is held to the built-in one too.
        catalogue.check_against(&Self::builtin(REFERENCE)?, &file)?;
        Ok(catalogue)
    }

    /// A built-in catalogue by tag.
    pub fn builtin(tag: &str) -> Result<Catalogue> {
        let text =
            BUILTIN_LOCALES.iter().find(|(t, _)| *t == tag).map(|(_, s)| *s).ok_or_else(|| {
                Error::one(Diagnostic::file(format!("locales/{tag}.yaml"), "no such built-in catalogue"))
            })?;
        let mut catalogue = Self::parse(&format!("(built-in) locales/{tag}.yaml"), text)?;
        catalogue.keep_hyphenated_numbers_whole();
        Ok(catalogue)
    }

    /// Reads catalogue text; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Catalogue> {
        let raw: CatalogueFile = crate::project::read_yaml(text).map_err(|e| {
            // The parser's lines count from 1, as the file's do; its message loses its own
            // `line 4 column 3:` prefix and the advice meant for the library's programmers.
            let (line, col) = e.location().map(|l| (l.line().max(1), l.column().max(1))).unwrap_or((1, 1));
            Error::one(Diagnostic::at(file, line, col, crate::project::first_message_line(&e.to_string())))
        })?;
        Ok(Catalogue {
            locale: raw.locale,
            numbers: raw.numbers.with_units_unbroken(),
            messages: raw.messages,
            missing: Mutex::new(BTreeSet::new()),
        })
    }

    /// Sanitises the markup of every `_html` message as a markdown page's HTML is.
    fn sanitise_html(&mut self) {
        self.rewrite_html_messages(super::markdown::sanitise);
    }

    /// Rewrites every form of every `_html` message with `f`.
    fn rewrite_html_messages(&mut self, f: impl Fn(&str) -> String) {
        for (_, message) in self.messages.iter_mut().filter(|(k, _)| k.ends_with("_html")) {
            match message {
                Message::Text(t) => *t = f(t),
                Message::Plural(p) => {
                    for form in [&mut p.zero, &mut p.one].into_iter().flatten().chain([&mut p.other]) {
                        *form = f(form);
                    }
                }
            }
        }
    }

    /// Keeps each date or number joined by hyphens in an `_html` message (`2024-03-05`,
    /// `010-1234-5678`) on one line: a browser may break after any hyphen, and `2024-` over
    /// `03-05` reads as two figures. Done after sanitising, which would drop the class.
    fn keep_hyphenated_numbers_whole(&mut self) {
        self.rewrite_html_messages(unbroken_hyphenated_numbers);
    }

    /// Every key of `reference` and no other. (An argument a message uses that the code does
    /// not give fails the render naming it: see [`Catalogue::check_misses`].)
    pub fn check_against(&self, reference: &Catalogue, file: &str) -> Result<()> {
        let mut diags = Vec::new();
        for key in reference.messages.keys().filter(|k| !self.messages.contains_key(*k)) {
            diags.push(Diagnostic::file(file, format!("missing message `{key}` (locale {})", self.locale)));
        }
        for key in self.messages.keys() {
            if !reference.messages.contains_key(key) {
                diags.push(Diagnostic::file(
                    file,
                    format!(
                        "unknown message `{key}` (locale {}): the {REFERENCE} catalogue has no such key",
                        self.locale
                    ),
                ));
                continue;
            };
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid(diags))
        }
    }

    /// The locale tag (`en`, `zh-CN`, …).
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// How this locale writes numbers.
    pub fn numbers(&self) -> &Numbers {
        &self.numbers
    }

    /// The messages without arguments, by key: what templates see as `t`.
    pub fn texts(&self) -> BTreeMap<&str, &str> {
        self.messages
            .iter()
            .filter_map(|(k, m)| match m {
                Message::Text(t) => Some((k.as_str(), t.as_str())),
                Message::Plural(_) => None,
            })
            .collect()
    }

    /// A message as it is written (its `other` form when it has several).
    pub fn text(&self, key: &str) -> &str {
        match self.messages.get(key) {
            Some(Message::Text(t)) => t,
            Some(Message::Plural(f)) => &f.other,
            None => self.miss(format!("message `{key}`")),
        }
    }

    /// A message with its named arguments filled in.
    pub fn format(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.fill(key, self.text(key), args, false)
    }

    /// The form of a message for `count`, with `{n}` the count as this locale writes it.
    pub fn plural(&self, key: &str, count: u64, args: &[(&str, &str)]) -> String {
        let form = match self.messages.get(key) {
            Some(Message::Plural(f)) => match count {
                0 => f.zero.as_ref().unwrap_or(&f.other),
                1 => f.one.as_ref().unwrap_or(&f.other),
                _ => &f.other,
            },
            Some(Message::Text(t)) => t,
            None => self.miss(format!("message `{key}`")),
        };
        let n = self.numbers.count(count);
        let mut all: Vec<(&str, &str)> = vec![("n", &n)];
        all.extend_from_slice(args);
        self.fill(key, form, &all, false)
    }

    /// An `_html` message: its markup kept, its arguments escaped for HTML.
    pub fn html(&self, key: &str, args: &[(&str, &str)]) -> String {
        debug_assert!(key.ends_with("_html"), "{key} is not an HTML message");
        self.fill(key, self.text(key), args, true)
    }

    /// The keys and arguments asked for that were missing, as one error; `Ok` when none were.
    pub fn check_misses(&self) -> Result<()> {
        let missing = self.missing.lock().map(|m| m.clone()).unwrap_or_default();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::Invalid(
            missing
                .into_iter()
                .map(|m| {
                    Diagnostic::file(
                        format!("locales/{}.yaml", self.locale),
                        format!("{m} is missing (locale {})", self.locale),
                    )
                })
                .collect(),
        ))
    }

    fn miss(&self, what: String) -> &'static str {
        if let Ok(mut m) = self.missing.lock() {
            m.insert(what);
        }
        ""
    }

    /// Replaces each `{name}` in `text` by its argument. In Chinese, an argument set against a
    /// Han character with a Latin letter on the other side (`{period}{metric}为` giving
    /// `2026年10月NPS为`) is spaced from it, as the catalogue's own text spaces Latin words
    /// (`2026年10月 NPS 为`); digits are not (`{year}年`).
    fn fill(&self, key: &str, text: &str, args: &[(&str, &str)], html: bool) -> String {
        let spaced = self.locale.starts_with("zh");
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        let mut after_argument = false;
        while let Some(start) = rest.find('{') {
            push_joined(&mut out, &rest[..start], spaced && after_argument);
            let after = &rest[start + 1..];
            match after.find('}').map(|end| (&after[..end], end)) {
                Some((name, end)) if is_name(name) => {
                    match args.iter().find(|(k, _)| *k == name) {
                        Some((_, v)) if html => {
                            push_joined(&mut out, &unbroken_hyphenated_numbers(&escape_html(v)), spaced)
                        }
                        Some((_, v)) => push_joined(&mut out, v, spaced),
                        None => {
                            self.miss(format!("argument `{{{name}}}` of message `{key}`"));
                        }
                    }
                    after_argument = true;
                    rest = &after[end + 1..];
                }
                _ => {
                    out.push('{');
                    after_argument = false;
                    rest = after;
                }
            }
        }
        push_joined(&mut out, rest, spaced && after_argument);
        out
    }
}

/// HTML with each run of digits joined by hyphens (`2024-03-05`, `212-555-0100`) outside
/// its tags wrapped in `<span class="nowrap">`, so no line breaks inside it.
pub fn unbroken_hyphenated_numbers(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let (mut i, mut copied, mut in_tag) = (0, 0, false);
    while i < bytes.len() {
        match bytes[i] {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'0'..=b'9' if !in_tag && (i == 0 || !bytes[i - 1].is_ascii_digit()) => {
                let end = hyphenated_run_end(bytes, i);
                if end > i {
                    out.push_str(&html[copied..i]);
                    out.push_str("<span class=\"nowrap\">");
                    out.push_str(&html[i..end]);
                    out.push_str("</span>");
                    copied = end;
                    i = end;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out.push_str(&html[copied..]);
    out
}

/// Where a run of digit groups joined by single hyphens that starts at `start` ends, when it
/// has at least one hyphen; `start` when it has none.
fn hyphenated_run_end(bytes: &[u8], start: usize) -> usize {
    let digits_from = |mut j: usize| {
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let mut end = digits_from(start);
    let mut joined = false;
    while end + 1 < bytes.len() && bytes[end] == b'-' && bytes[end + 1].is_ascii_digit() {
        end = digits_from(end + 1);
        joined = true;
    }
    if joined {
        end
    } else {
        start
    }
}

/// Appends `piece`, first a space when `spaced` and the join sets a Han character against a
/// Latin letter.
fn push_joined(out: &mut String, piece: &str, spaced: bool) {
    use crate::text::is_han as han;
    if let (true, Some(a), Some(b)) = (spaced, out.chars().next_back(), piece.chars().next()) {
        if (han(a) && b.is_ascii_alphabetic()) || (a.is_ascii_alphabetic() && han(b)) {
            out.push(' ');
        }
    }
    out.push_str(piece);
}

/// The HTML messages of a project's catalogue `file` (source `text`), checked as a page's
/// HTML is: (errors, warnings) at each message's line. Errors: a resource loaded from
/// another host (`<img src="https://…">`), a link out of the site (`/x`, `//host`, `../x`
/// judged from the home page, as messages are shown on pages at every depth). Warnings:
/// markup the sanitiser removed or rewrote (script, frame, event handler, `javascript:` link),
/// with the message as it will be shown. A catalogue that does not parse is reported by
/// [`Catalogue::load`].
pub fn check_project_html(file: &str, text: &str) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let (mut errors, mut warnings) = (Vec::new(), Vec::new());
    let Ok(catalogue) = Catalogue::parse(file, text) else { return (errors, warnings) };
    for (key, message) in catalogue.messages.iter().filter(|(k, _)| k.ends_with("_html")) {
        let line = key_line(text, key);
        for form in message.forms() {
            for found in super::links::markup_urls(form) {
                if let Some(why) = super::links::refusal(Some("index.html"), &found) {
                    errors.push(Diagnostic::at(file, line, 1, format!("message `{key}`: {why}")));
                }
            }
            if !super::markdown::passes_sanitiser(form) {
                let shown: String = super::markdown::sanitise(form).chars().take(160).collect();
                warnings.push(Diagnostic::at(file, line, 1, format!(
                    "message `{key}` holds HTML that catalogue messages may not (as in pages: no script, frame, form, style, event handler or `javascript:` link); it was removed or rewritten, and the site shows: {shown}"
                )));
            }
        }
    }
    (errors, warnings)
}

/// The 1-based line where `key:` is written in a catalogue's source (1 if not found).
fn key_line(text: &str, key: &str) -> u64 {
    text.lines()
        .position(|l| l.trim_start().strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':')))
        .map_or(1, |i| i as u64 + 1)
}

/// Whether `s` can name an argument: ASCII letters, digits and `_`.
fn is_name(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(c: &Catalogue) -> Vec<&String> {
        c.messages.keys().collect()
    }

    #[test]
    fn hyphen_joined_numbers_outside_tags_are_kept_on_one_line() {
        let wrap = |s: &str| format!("<span class=\"nowrap\">{s}</span>");
        assert_eq!(
            unbroken_hyphenated_numbers("write 2024-03-05 (or 2024-03-05 14:30)"),
            format!("write {} (or {} 14:30)", wrap("2024-03-05"), wrap("2024-03-05"))
        );
        assert_eq!(
            unbroken_hyphenated_numbers("<code>010-1234-5678</code>, 3-2-4"),
            format!("<code>{}</code>, {}", wrap("010-1234-5678"), wrap("3-2-4"))
        );
        // Nothing inside a tag, no lone number, no dash but the hyphen, no trailing hyphen.
        for kept in ["<a href=\"a/2024-03.html\">x</a>", "13–19 and 2024", "12- 3", "5-", "-5", "a-b"] {
            assert_eq!(unbroken_hyphenated_numbers(kept), kept);
        }
    }

    #[test]
    fn a_built_in_html_message_and_its_escaped_argument_keep_dates_whole() {
        let en = Catalogue::builtin("en").unwrap();
        let hint = en.html("hint_date_none_html", &[("example", "2025-13-40<b>")]);
        assert!(hint.contains("<code><span class=\"nowrap\">2025-13-40</span>&lt;b&gt;</code>"), "{hint}");
        assert!(hint.contains("<span class=\"nowrap\">2024-03-05</span> 14:30"), "{hint}");
        // Plain-text messages are escaped by the templates: no markup is put in them.
        assert!(!en.format("hint_date_range_html", &[("example", "1-2")]).is_empty());
    }

    /// The built-in catalogues are shown unsanitised; they pass the sanitiser unchanged, so a
    /// project catalogue copied from one gets no warning and renders the same.
    #[test]
    fn built_in_html_messages_pass_the_sanitiser_unchanged() {
        for (tag, text) in BUILTIN_LOCALES {
            let (errors, warnings) = check_project_html(tag, text);
            assert!(errors.is_empty() && warnings.is_empty(), "{tag}: {errors:?} {warnings:?}");
        }
    }

    #[test]
    fn project_html_messages_are_sanitised_and_checked_at_their_line() {
        let en = BUILTIN_LOCALES[0].1;
        let line = 1 + en.lines().position(|l| l.trim_start().starts_with("methodology_html:")).unwrap() as u64;
        // The message is a block scalar: its lines (indented deeper than the key) go with it.
        let (mut bad, mut skipping) = (String::new(), None);
        for l in en.lines() {
            let indent = l.len() - l.trim_start().len();
            if skipping.is_some_and(|key_indent| indent > key_indent || l.trim().is_empty()) {
                continue;
            }
            skipping = None;
            if l.trim_start().starts_with("methodology_html:") {
                bad += "  methodology_html: '<p>x</p><script>alert(1)</script><img src=\"https://evil.example/p.png\"><a href=\"/etc/passwd\">a</a>'\n";
                skipping = Some(indent);
            } else {
                bad += &format!("{l}\n");
            }
        }
        let (errors, warnings) = check_project_html("locales/en.yaml", &bad);
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(
            errors.iter().all(|e| e.line == Some(line) && e.message.starts_with("message `methodology_html`: ")),
            "{errors:?}"
        );
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, Some(line));
        let mut files = BTreeMap::new();
        files.insert("en.yaml".to_string(), bad);
        let c = Catalogue::load("en", &files).unwrap();
        let shown = c.html("methodology_html", &[]);
        assert!(
            shown.starts_with("<p>x</p>") && !shown.contains("<script") && !shown.contains("evil.example"),
            "{shown}"
        );
    }

    /// In Chinese an argument's Latin word is spaced from the Han text around it, on both
    /// sides and between two arguments; digits and English are left as they are.
    #[test]
    fn chinese_spaces_latin_words_set_against_han_by_an_argument() {
        let c = Catalogue::builtin("zh-CN").unwrap();
        let fill = |text: &str, args: &[(&str, &str)]| c.fill("k", text, args, false);
        assert_eq!(
            fill("{period}{metric}为 {value}", &[("period", "2026年10月"), ("metric", "NPS"), ("value", "+29")]),
            "2026年10月 NPS 为 +29"
        );
        assert_eq!(fill("而{metric}仅 {v}", &[("metric", "满意度 CSAT"), ("v", "42%")]), "而满意度 CSAT 仅 42%");
        assert_eq!(fill("{year}年{metric}", &[("year", "2026"), ("metric", "满意度")]), "2026年满意度");
        assert_eq!(fill("（{name}）", &[("name", "Store")]), "（Store）");
        let en = Catalogue::builtin("en").unwrap();
        assert_eq!(en.fill("k", "中{m}", &[("m", "NPS")], false), "中NPS");
    }

    #[test]
    fn every_built_in_catalogue_has_exactly_the_keys_of_english_and_its_arguments() {
        let en = Catalogue::builtin(REFERENCE).unwrap();
        for (tag, _) in BUILTIN_LOCALES {
            let c = Catalogue::builtin(tag).unwrap();
            assert_eq!(c.locale(), *tag);
            assert_eq!(keys(&c), keys(&en), "{tag}");
            c.check_against(&en, tag).unwrap();
            assert_eq!(c.numbers().count(1234), "1,234", "{tag}");
            for (key, m) in &c.messages {
                assert!(m.forms().iter().all(|f| !f.is_empty()) || key.ends_with("_more"), "{tag}: `{key}` is empty");
            }
        }
    }

    /// With `min_n: 1` the methodology said "at least 1 answers": a count written in a
    /// sentence before its noun must come in the sentence's plural forms (as `{n}`), or as an
    /// argument that already holds the count with its noun (`count_answers`: "{answers}").
    /// Ingest's English reasons and warnings (`reason_*`, `warning_*`) are phrases matched as
    /// ingest writes them, and a print note's `{all} periods` is always more than one.
    #[test]
    fn no_english_sentence_writes_a_count_argument_before_a_plural_noun() {
        let en = Catalogue::builtin(REFERENCE).unwrap();
        let nouns = [
            "answers",
            "respondents",
            "comments",
            "mentions",
            "groups",
            "values",
            "days",
            "rows",
            "touchpoints",
            "themes",
            "words",
        ];
        let counts = ["n", "min_n", "count", "total", "shown", "rest", "days", "all", "rated", "unrated", "missed"];
        let exempt =
            |key: &str| key.starts_with("reason_") || key.starts_with("warning_") || key == "themes_trend_print_note";
        let mut found = Vec::new();
        for (key, m) in en.messages.iter().filter(|(k, _)| !exempt(k)) {
            let (forms, plural) = match m {
                Message::Text(t) => (vec![t.as_str()], false),
                Message::Plural(_) => (m.forms(), true),
            };
            for form in forms {
                for (at, _) in form.match_indices('{') {
                    let Some(end) = form[at..].find('}') else { continue };
                    let arg = &form[at + 1..at + end];
                    let after = form[at + end + 1..].trim_start_matches("</strong>");
                    let noun = after.strip_prefix(' ').and_then(|a| a.split(|c: char| !c.is_alphabetic()).next());
                    // A count, not a name ("{family} values"); `league_note`'s forms are chosen
                    // by min_n itself.
                    let count = counts.contains(&arg) && !(plural && (arg == "n" || key == "league_note"));
                    if noun.is_some_and(|w| nouns.contains(&w)) && count {
                        found.push(format!("{key}: {{{arg}}} {}", noun.unwrap_or_default()));
                    }
                }
            }
        }
        assert!(found.is_empty(), "counts written before a plural noun outside plural forms: {found:#?}");
    }

    #[test]
    fn a_catalogue_that_does_not_parse_is_an_error_at_its_own_line_in_plain_words() {
        let e = Catalogue::parse("locales/xx.yaml", "locale: xx\nmessages:\n  summary: a\n  summary: b\n")
            .err()
            .unwrap()
            .to_string();
        assert_eq!(e, "error: locales/xx.yaml:4:3: duplicate mapping key: summary");
    }

    #[test]
    fn a_catalogue_missing_a_key_or_with_an_unknown_one_is_an_error_naming_both() {
        let en = Catalogue::builtin(REFERENCE).unwrap();
        let text = BUILTIN_LOCALES[1].1.replace("  summary: \"摘要\"\n", "  summery: \"摘要\"\n");
        let zh = Catalogue::parse("locales/zh-CN.yaml", &text).unwrap();
        let e = zh.check_against(&en, "locales/zh-CN.yaml").unwrap_err().to_string();
        assert!(e.contains("missing message `summary` (locale zh-CN)"), "{e}");
        assert!(e.contains("unknown message `summery` (locale zh-CN)"), "{e}");
    }

    #[test]
    fn an_unknown_locale_without_a_catalogue_file_is_an_error_naming_it() {
        let e = Catalogue::load("fr", &BTreeMap::new()).unwrap_err().to_string();
        assert!(e.contains("unknown locale `fr`") && e.contains("locales/fr.yaml"), "{e}");
    }

    #[test]
    fn a_message_asked_for_that_does_not_exist_fails_naming_key_and_locale() {
        let en = Catalogue::builtin("en").unwrap();
        assert_eq!(en.format("no_such_message", &[]), "");
        en.format("suppressed", &[]);
        let e = en.check_misses().unwrap_err().to_string();
        assert!(e.contains("message `no_such_message` is missing (locale en)"), "{e}");
        assert!(e.contains("argument `{n}` of message `suppressed`"), "{e}");
    }

    #[test]
    fn arguments_are_filled_by_name_plurals_by_count_and_html_arguments_escaped() {
        let en = Catalogue::builtin("en").unwrap();
        assert_eq!(en.plural("comment_count", 1, &[]), "1 comment");
        assert_eq!(en.plural("comment_count", 1234, &[]), "1,234 comments");
        assert_eq!(en.plural("finding_star_more", 0, &[]), "");
        assert_eq!(en.plural("count_answers", 1, &[]), "1 answer");
        assert_eq!(en.plural("count_answers", 30, &[]), "30 answers");
        assert_eq!(en.format("suppressed", &[("n", "12")]), "not enough answers (n\u{a0}=\u{a0}12)");
        let html = en.html(
            "methodology_html",
            &[
                ("confidence", "95%"),
                ("z", "1.96"),
                ("periods", "months"),
                ("timezone", "<b>"),
                ("min_n", "30"),
                ("min_n_answers", "30 answers"),
                ("remainder_answers", "10 answers"),
                ("min_n_comments", "30 comments"),
                ("decimals", "4"),
            ],
        );
        assert!(html.contains("in the &lt;b&gt; time zone") && html.contains("<strong>30 answers</strong>"), "{html}");
        en.check_misses().unwrap();
    }
}
