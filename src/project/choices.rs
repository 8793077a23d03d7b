//! `multi_select:` — multi-select questions, each read as one yes/no indicator per option
//! (a `[0, 1]` rating whose top box is 1, so that its share and Wilson interval come from the
//! same histograms as every score).

use super::config::{self, RawDataset};
use super::validate::{column, pos, Validator};
use super::*;

/// The separator of joined answers when `separator:` is left out: 问卷星 joins with `┋`,
/// the other tools with a comma (Google Forms writes `, `; spaces around it are ignored).
fn default_separator(d: &RawDataset) -> &'static str {
    match d.export.as_ref().and_then(|e| Export::parse(e.value.trim())) {
        Some(Export::Wenjuanxing) => "┋",
        _ => ",",
    }
}

/// Whether a cell of an option's own column (already read as `cell_value` reads it) ticks the
/// option: anything but a blank, a zero in whichever digits (`0`, `０`, `٠`, `0.0`), a
/// negative number (问卷星 writes `-3` in every option of a skipped question, `-2` of one
/// not shown) or a skip marker (`(跳过)`).
pub fn ticked(v: &str) -> bool {
    !v.is_empty() && !crate::text::digits::read_number(v).is_some_and(|n| n <= 0.0) && !skipped(v)
}

/// Whether a cell of a multi-select says the question was skipped, in any export: 问卷星's
/// `(跳过)` and `(空)`, in either width of bracket.
pub fn skipped(v: &str) -> bool {
    WENJUANXING_NA.contains(&v.trim())
}

/// An option's part of its indicator's id: its letters and digits (any script), lower-cased,
/// other runs as one `_`; `None` when nothing is left.
pub(super) fn option_slug(text: &str) -> Option<String> {
    let mut out = String::new();
    for ch in text.chars().flat_map(char::to_lowercase) {
        if ch.is_alphanumeric() {
            out.push(ch);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    (!out.is_empty()).then_some(out)
}

/// Links `'option' in question` of a segment rule applied to the datasets `applies`: the
/// column of the first of them that declares the question, and how to read it.
pub(super) fn link(
    question: &str,
    option: &str,
    applies: &[usize],
    datasets: &[Dataset],
    selects: &[MultiSelect],
) -> Result<super::rule::Linked, String> {
    let Some(select) = selects.iter().position(|s| s.id == question) else {
        let ids: Vec<&str> = selects.iter().map(|s| s.id.as_str()).collect();
        return Err(if ids.is_empty() {
            format!("`{question}` after `in` must be a multi-select question (`multi_select:` of a dataset), and there is none")
        } else {
            format!("`{question}` is not a multi-select question{}; they are: {}", hint(question, &ids), ids.join(", "))
        });
    };
    let s = &selects[select];
    let Some(index) = s.options.iter().position(|o| o.to_lowercase() == option.trim().to_lowercase()) else {
        return Err(format!(
            "`{option}` is not an option of multi-select `{question}`{}; its options: {}",
            hint(option, &s.options.iter().map(String::as_str).collect::<Vec<_>>()),
            s.options.iter().map(|o| format!("'{o}'")).collect::<Vec<_>>().join(", ")
        ));
    };
    let form = applies
        .iter()
        .filter_map(|d| datasets.get(*d))
        .find_map(|d| d.multi_selects.iter().find(|c| c.select == select))
        .map(|c| &c.form)
        .ok_or_else(|| format!("no dataset this segment applies to declares multi-select `{question}`"))?;
    Ok(match form {
        ChoiceForm::Joined { column, separator } => (
            column.name.clone(),
            std::sync::Arc::new(super::rule::Chooser::Joined {
                options: s.options.clone(),
                separator: separator.clone(),
                index,
            }),
        ),
        ChoiceForm::Columns(cols) => (cols[index].name.clone(), std::sync::Arc::new(super::rule::Chooser::Own)),
    })
}

/// Options a multi-select question may have (each chosen set is a 64-bit mask).
pub const MAX_OPTIONS: usize = 64;

/// Splits a cell of joined answers against the option list: at each place the longest option
/// that starts there (ignoring ASCII case and the spaces around separators) is taken, so an
/// option may itself hold the separator (`C, C++`). Returns the chosen options as a bit mask
/// and the pieces that are no option (an "Other" answer), cut at the next separator.
pub fn split_joined<'a>(cell: &'a str, options: &[String], separator: &str) -> (u64, Vec<&'a str>) {
    let mut mask = 0u64;
    let mut unlisted = Vec::new();
    let mut rest = cell.trim_start();
    while !rest.is_empty() {
        let found = options
            .iter()
            .enumerate()
            .filter(|(_, o)| {
                rest.len() >= o.len() && rest.is_char_boundary(o.len()) && rest[..o.len()].eq_ignore_ascii_case(o) && {
                    let after = rest[o.len()..].trim_start();
                    after.is_empty() || after.starts_with(separator)
                }
            })
            .max_by_key(|(k, o)| (o.len(), std::cmp::Reverse(*k)));
        let after = match found {
            Some((k, o)) => {
                mask |= 1 << k;
                &rest[o.len()..]
            }
            None => {
                let end = rest.find(separator).unwrap_or(rest.len());
                let piece = rest[..end].trim();
                if !piece.is_empty() {
                    unlisted.push(piece);
                }
                &rest[end..]
            }
        };
        let after = after.trim_start();
        rest = after.strip_prefix(separator).unwrap_or(after).trim_start();
    }
    (mask, unlisted)
}

impl Validator {
    /// The dataset's multi-select questions, each joined to (or added as) a project question
    /// and its option indicators added to `scores`.
    pub(super) fn multi_selects(
        &mut self,
        d: &RawDataset,
        scores: &mut Vec<ScoreDef>,
        selects: &mut Vec<MultiSelect>,
    ) -> Vec<DatasetChoice> {
        let mut out = Vec::new();
        for m in &d.multi_select {
            let id = m.id.value.trim().to_string();
            if id.is_empty() || !id.chars().all(|c| c.is_alphanumeric() || c == '_') {
                self.error(pos(&m.id), format!("multi-select id `{id}` must be letters, digits or `_`"));
                continue;
            }
            if out.iter().any(|c: &DatasetChoice| selects[c.select].id == id) {
                self.error(pos(&m.id), format!("multi-select `{id}` is declared twice in this dataset"));
                continue;
            }
            let Some((form, options)) = self.choice_form(m, &id, d) else { continue };
            let Some(select) = self.select_index(m, &id, options, scores, selects) else { continue };
            out.push(DatasetChoice { select, form });
        }
        out
    }

    /// The question's form in the file and its options, in order.
    fn choice_form(
        &mut self,
        m: &config::RawMultiSelect,
        id: &str,
        d: &RawDataset,
    ) -> Option<(ChoiceForm, Vec<String>)> {
        let at = pos(&m.id);
        match (&m.column, m.columns.is_empty()) {
            (Some(c), true) => {
                if m.options.is_empty() {
                    self.error(pos(c), format!("multi-select `{id}` reads joined answers from `{}`: list every option under `options:` (they are split by the option list, so an option may hold the separator)", c.value));
                    return None;
                }
                let separator = match &m.separator {
                    Some(s) if s.value.trim().is_empty() => {
                        self.error(pos(s), "`separator:` must not be blank");
                        return None;
                    }
                    Some(s) => s.value.trim().to_string(),
                    None => default_separator(d).to_string(),
                };
                // Options are matched with cells as cells are read (see `split_joined`).
                let options: Vec<String> =
                    m.options.iter().map(|o| crate::aggregate::redact::cell_value(&o.value).into_owned()).collect();
                if options.len() > MAX_OPTIONS {
                    self.error(
                        pos(&m.options[MAX_OPTIONS]),
                        format!("multi-select `{id}` lists more than {MAX_OPTIONS} options"),
                    );
                    return None;
                }
                for (k, o) in options.iter().enumerate() {
                    if o.is_empty() || options[..k].iter().any(|p| p.to_lowercase() == o.to_lowercase()) {
                        self.error(
                            pos(&m.options[k]),
                            format!("option `{o}` of multi-select `{id}` is blank or listed twice"),
                        );
                        return None;
                    }
                }
                Some((ChoiceForm::Joined { column: column(c), separator }, options))
            }
            (None, false) => {
                if !m.options.is_empty() || m.separator.is_some() {
                    self.error(at, format!("multi-select `{id}` has a column per option (`columns:`), so it takes no `options:` or `separator:`"));
                    return None;
                }
                let options: Vec<String> =
                    m.columns.keys().map(|k| crate::aggregate::redact::cell_value(k).into_owned()).collect();
                if options.len() > MAX_OPTIONS {
                    self.error(at, format!("multi-select `{id}` has more than {MAX_OPTIONS} option columns"));
                    return None;
                }
                Some((ChoiceForm::Columns(m.columns.values().map(column).collect()), options))
            }
            (Some(_), false) => {
                self.error(at, format!("multi-select `{id}` has both `column:` (joined answers) and `columns:` (a column per option); keep one"));
                None
            }
            (None, true) => {
                self.error(at, format!("multi-select `{id}` needs `column:` and `options:` (answers joined in one column) or `columns: {{ option: column }}` (a column per option)"));
                None
            }
        }
    }

    /// The project's question of this id: an earlier dataset's (same options), or a new one
    /// whose option indicators join `scores`.
    fn select_index(
        &mut self,
        m: &config::RawMultiSelect,
        id: &str,
        options: Vec<String>,
        scores: &mut Vec<ScoreDef>,
        selects: &mut Vec<MultiSelect>,
    ) -> Option<usize> {
        let at = pos(&m.id);
        if let Some(i) = selects.iter().position(|s| s.id == id) {
            if selects[i].options != options {
                self.error(
                    at,
                    format!(
                        "multi-select `{id}` is declared in an earlier dataset with other options; give it another id"
                    ),
                );
                return None;
            }
            return Some(i);
        }
        let select = selects.len();
        let mut option_scores = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        for (k, o) in options.iter().enumerate() {
            let part = option_slug(o).filter(|p| !taken.contains(p)).unwrap_or_else(|| (k + 1).to_string());
            taken.push(part.clone());
            let score_id = format!("{id}_{part}");
            if let Some(other) = scores.iter().find(|s| {
                s.id == score_id || metric_name_clash(&score_id, ScoreKind::Rating, std::slice::from_ref(s)).is_some()
            }) {
                self.error(at, format!("option `{o}` of multi-select `{id}` would write metric `{score_id}`, which clashes with score `{}`; give the multi-select another id", other.id));
                return None;
            }
            let mut def = ScoreDef::new(&score_id, ScoreKind::Rating, 0, 1, 1);
            def.names = vec![(String::new(), o.clone())];
            def.choice = Some((select, k));
            self.score_at.insert(score_id, at);
            scores.push(def);
            option_scores.push(scores.len() - 1);
        }
        let names = match &m.name {
            None => Vec::new(),
            Some(config::ScoreName::All(n)) => vec![(String::new(), n.clone())],
            Some(config::ScoreName::PerLocale(n)) => n.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        };
        selects.push(MultiSelect { id: id.to_string(), names, options, scores: option_scores });
        Some(select)
    }
}

#[cfg(test)]
mod tests {
    use super::{option_slug, split_joined, ticked};

    #[test]
    fn an_option_column_is_ticked_by_anything_but_a_blank_or_a_zero_in_any_digits() {
        for unticked in ["", "0", "０", "٠", "0.0"] {
            assert!(!ticked(unticked), "{unticked:?}");
        }
        for tick in ["1", "１", "Python", "yes", "✓", "00x"] {
            assert!(ticked(tick), "{tick:?}");
        }
    }

    #[test]
    fn joined_answers_are_split_against_the_options_longest_first() {
        let options: Vec<String> = ["Python", "C", "C, C++", "Rust"].iter().map(|s| s.to_string()).collect();
        // "C, C++" is one option, not "C" and an unlisted "C++".
        assert_eq!(split_joined("Python, C, C++, Rust", &options, ","), (0b1101, vec![]));
        assert_eq!(split_joined("C, Rust", &options, ","), (0b1010, vec![]));
        assert_eq!(split_joined("c, c++", &options, ","), (0b0100, vec![]));
        assert_eq!(split_joined("Go, python, Other thing", &options, ","), (0b0001, vec!["Go", "Other thing"]));
        // "Pythonic" is not "Python" followed by a separator.
        assert_eq!(split_joined("Pythonic", &options, ","), (0, vec!["Pythonic"]));
        let wjx: Vec<String> = ["薯片", "坚果"].iter().map(|s| s.to_string()).collect();
        assert_eq!(split_joined("薯片┋坚果", &wjx, "┋"), (0b11, vec![]));
    }

    #[test]
    fn option_slugs_keep_letters_of_any_script() {
        assert_eq!(option_slug("C, C++").as_deref(), Some("c_c"));
        assert_eq!(option_slug("Python").as_deref(), Some("python"));
        assert_eq!(option_slug("薯片").as_deref(), Some("薯片"));
        assert_eq!(option_slug("++"), None);
    }
}
