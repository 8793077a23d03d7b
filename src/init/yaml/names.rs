//! How the written cxsite.yaml names things: ids made from headers, YAML scalars and comments,
//! and a column by its name or position.

use std::collections::HashMap;

/// An id made of ASCII letters, digits and `_` from `s`, or `fallback` when none is left. A
/// letter with an accent keeps its letter (`gelöst` → `gelost`, `évaluation` → `evaluation`):
/// decomposed, its marks dropped; before, `gel_st`.
pub(super) fn slug(s: &str, fallback: &str) -> String {
    use unicode_normalization::{char::is_combining_mark, UnicodeNormalization};
    let mut out = String::new();
    for c in s.trim().nfd().filter(|c| !is_combining_mark(*c)) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = shortened(out.trim_end_matches('_')).to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        fallback.to_string()
    } else if ["null", "nan"].contains(&out.as_str())
        || crate::project::config::YES_NO_WORDS.contains(&out.as_str())
        || crate::project::device_name_id(&out).is_some()
    {
        // Written plainly, YAML would read `id: null` as nothing and `id: no` as false; and a
        // Windows device name (`aux`, `com1`) is no id (it would name `aux.html`).
        format!("{out}_{fallback}")
    } else {
        out
    }
}

/// What a score's header asks, as an id, for a header with no Latin letters to slug
/// (`问题是否解决` → `resolved`, `服务态度评分` → `attitude`): the first of these words it holds,
/// else `fallback`. Before, every such score was `score`, `score2`…, which metrics.csv and its
/// readers cannot tell apart.
pub(super) fn score_slug(header: &str, fallback: &str) -> String {
    const MEANINGS: &[(&str, &str)] = &[
        ("解决", "resolved"),
        ("解決", "resolved"),
        ("推荐", "recommend"),
        ("推薦", "recommend"),
        ("回购", "repurchase"),
        ("复购", "repurchase"),
        ("再次购买", "repurchase"),
        ("找到", "found"),
        ("完成", "completed"),
        ("速度", "speed"),
        ("态度", "attitude"),
        ("態度", "attitude"),
        ("环境", "environment"),
        ("環境", "environment"),
        ("价格", "price"),
        ("價格", "price"),
        ("质量", "quality"),
        ("品質", "quality"),
        ("口味", "taste"),
        ("卫生", "hygiene"),
        ("衛生", "hygiene"),
        ("等待", "waiting"),
        ("满意", "satisfaction"),
        ("滿意", "satisfaction"),
        ("服务", "service"),
        ("服務", "service"),
    ];
    if header.chars().any(|c| c.is_ascii_alphabetic()) {
        return slug(header, fallback);
    }
    MEANINGS
        .iter()
        .find(|(word, _)| header.contains(word))
        .map_or_else(|| slug(header, fallback), |(_, id)| id.to_string())
}

/// The most of a header an id keeps: a question's whole text ("Customer support: How
/// satisfied were you with each of the following?") would pass the 64-character limit on
/// ids, and with it a repeat's number.
pub(super) const SLUG_MAX: usize = 40;

/// `id` cut to [`SLUG_MAX`] characters (all ASCII), at the end of a word when one ends past
/// the first third.
pub(super) fn shortened(id: &str) -> &str {
    if id.len() <= SLUG_MAX {
        return id;
    }
    let head = &id[..SLUG_MAX];
    match head.rfind('_') {
        Some(i) if i >= SLUG_MAX / 3 => &head[..i],
        _ => head.trim_end_matches('_'),
    }
}

/// Makes ids unique by numbering repeats.
#[derive(Default)]
pub(super) struct Ids(pub(super) HashMap<String, usize>);

impl Ids {
    /// Whether `id` is taken.
    pub(super) fn has(&self, id: &str) -> bool {
        self.0.contains_key(id)
    }

    pub(super) fn take(&mut self, want: String) -> String {
        let n = self.0.entry(want.clone()).or_default();
        *n += 1;
        if *n == 1 {
            want
        } else {
            let id = format!("{want}{n}");
            self.0.insert(id.clone(), 1);
            id
        }
    }
}

/// A YAML double-quoted scalar (JSON's escaping is valid YAML).
pub(super) fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Text safe inside a YAML comment: one line, no control characters.
pub(in crate::init) fn c(s: &str) -> String {
    s.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
}

/// The file's column names, with how cxsite.yaml refers to each worked out once: a file of
/// 20,000 columns would otherwise compare every name with every other for each reference.
pub(super) struct Header<'a> {
    names: &'a [String],
    refs: Vec<String>,
    /// Each column's question where the tool writes it apart (Qualtrics' second header row).
    questions: &'a [String],
}

impl<'a> Header<'a> {
    /// A name two columns share is written by position, the one way to name either; so is a
    /// column with no name (a merged title cell above it), and one holding a control character
    /// (an escape sequence), which the build reads as `�` and no one can type.
    pub(super) fn new(names: &'a [String], questions: &'a [String]) -> Self {
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for n in names {
            *uses.entry(n.as_str()).or_default() += 1;
        }
        let refs = names
            .iter()
            .enumerate()
            .map(|(i, n)| {
                if n.trim().is_empty() || uses[n.as_str()] > 1 || crate::produce::csv::reader::untypable(n) {
                    format!("${}", i + 1)
                } else {
                    q(n)
                }
            })
            .collect();
        Header { names, refs, questions }
    }
}

impl std::ops::Deref for Header<'_> {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.names
    }
}

/// How cxsite.yaml names column `i` (see [`Header::new`]).
pub(super) fn column_ref<'h>(header: &'h Header, i: usize) -> &'h str {
    &header.refs[i]
}

/// A name to show for column `i`: its header, or `Column 5` when it has none; where the header
/// is a survey tool's code (`Q5`, `QID12`, `Q3_1`) and the tool wrote the question apart, the
/// question (`What is your membership tier?`), cut at a word within 60 characters.
pub(super) fn readable_name(header: &Header, i: usize) -> String {
    // An escape sequence's control character is no part of a name (the build drops it too).
    let h: String = header[i].chars().filter(|c| !c.is_control() && *c != '\u{FFFD}').collect();
    let h = h.trim();
    let question = header.questions.get(i).map(|q| q.trim()).filter(|q| !q.is_empty() && *q != h);
    match question {
        Some(q) if is_question_code(h) => cut_at_word(q, 60),
        _ if h.is_empty() => format!("Column {}", i + 1),
        _ => without_stated_scale(h).to_string(),
    }
}

/// A header without the brackets at its end that state its scale by its range or its
/// anchors (`Cleanliness (1-5, where 5 is best)` names the touchpoint `Cleanliness`): the
/// scale is read into `scale:`, not into the name every page shows; so do a yes/no question's
/// codes (`Issue Resolved (1=Yes 2=No)` names `Issue Resolved`).
pub(super) fn without_stated_scale(h: &str) -> &str {
    use crate::init::guess::{stated_anchors, stated_range, stated_span, stated_yes_no_codes};
    let Some(inner_end) = h.strip_suffix(')').or_else(|| h.strip_suffix('）')) else { return h };
    let Some(open) = inner_end.rfind(['(', '（']) else { return h };
    let inner = inner_end[open..].trim_start_matches(['(', '（']).to_lowercase();
    let name = h[..open].trim_end();
    let states = stated_range(&inner).is_some()
        || stated_anchors(&inner).is_some()
        || stated_span(&inner).is_some()
        || stated_yes_no_codes(&inner).is_some();
    if states && !name.is_empty() {
        name
    } else {
        h
    }
}

/// Whether `h` is a question's code rather than words: a letter or two and digits, with `_`
/// between parts (`Q5`, `QID12`, `Q3_1`, `q12_a`).
fn is_question_code(h: &str) -> bool {
    let letters = h.chars().take_while(|c| c.is_ascii_alphabetic()).count();
    (1..=3).contains(&letters)
        && h[letters..].starts_with(|c: char| c.is_ascii_digit())
        && h[letters..].chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `text` cut at the last space within `max` characters, with `…`, when longer.
fn cut_at_word(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let head: String = text.chars().take(max).collect();
    let cut = head.rfind(' ').filter(|&at| at > max / 2).map_or(head.as_str(), |at| &head[..at]);
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_named_by_its_question_cut_at_a_word() {
        assert!(is_question_code("Q5") && is_question_code("QID12") && is_question_code("Q3_1"));
        assert!(!is_question_code("Store") && !is_question_code("Q") && !is_question_code("NPS 2024"));
        let names = ["Q5".to_string(), "Store".to_string(), "Q7".to_string()];
        let long = "How satisfied or dissatisfied were you with the speed of checkout at our store today?";
        let questions = ["Your tier?".to_string(), "Which store?".to_string(), long.to_string()];
        let header = Header::new(&names, &questions);
        assert_eq!(readable_name(&header, 0), "Your tier?");
        assert_eq!(readable_name(&header, 1), "Store");
        assert_eq!(readable_name(&header, 2), "How satisfied or dissatisfied were you with the speed of…");
    }

    #[test]
    fn slugs_are_ascii_ids() {
        assert_eq!(slug("Inflight wifi service", "x"), "inflight_wifi_service");
        assert_eq!(slug("门店", "dim1"), "dim1");
        assert_eq!(slug("2nd", "x"), "x");
        assert_eq!(slug("NULL", "tp1"), "null_tp1");
        assert_eq!(slug("Yes", "score"), "yes_score");
        assert_eq!(slug("nullable", "x"), "nullable");
        assert_eq!(slug("AUX", "tp1"), "aux_tp1");
        // Accented letters keep their letter.
        assert_eq!(slug("Frage 3: Anliegen gelöst?", "x"), "frage_3_anliegen_gelost");
        assert_eq!(slug("Évaluation générale", "x"), "evaluation_generale");
        assert_eq!(slug("Atención al cliente", "x"), "atencion_al_cliente");
        // A stated scale, anchors or yes/no codes leave the name.
        assert_eq!(without_stated_scale("服务评价（1分最满意，5分最不满意）"), "服务评价");
        assert_eq!(without_stated_scale("Issue Resolved (1=Yes 2=No)"), "Issue Resolved");
        assert_eq!(without_stated_scale("Wartezeit (5分钟)"), "Wartezeit (5分钟)");
        // A score with no Latin letters is named for what it asks.
        assert_eq!(score_slug("问题是否解决", "score"), "resolved");
        assert_eq!(score_slug("服务态度评分", "score"), "attitude");
        assert_eq!(score_slug("总体评价", "score"), "score");
        assert_eq!(score_slug("Resolved 解决", "score"), "resolved");
        assert_eq!(slug("COM1", "dim1"), "com1_dim1");
        // A question's whole text is cut at a word, within 40 characters.
        assert_eq!(
            slug("Customer support:How satisfied were you with each of the following?", "x"),
            "customer_support_how_satisfied_were_you"
        );
        assert_eq!(slug(&"a".repeat(70), "x"), "a".repeat(40));
    }
}
