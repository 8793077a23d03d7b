//! The data-quality page.

use super::locale;
use super::routes;
use super::views::{Cell, Head, Table};
use super::{clean_text, Ctx, Job};
use crate::aggregate::{DatasetQuality, DateHint, Tally};

impl<'a> Ctx<'a> {
    pub(super) fn quality_page(&self) -> Job {
        let q = &self.ingested.quality;
        let datasets: Vec<serde_json::Value> = q
            .datasets
            .iter()
            .map(|d| {
                let mut reasons: Vec<serde_json::Value> = d
                    .rejected_rows
                    .iter()
                    .map(|(r, t)| (r, t, true))
                    .chain(d.problems.iter().map(|(r, t)| (r, t, false)))
                    .map(|(r, t, row)| self.reason_row(r, t, row))
                    .collect();
                reasons.extend(self.duplicates_row(d));
                let columns: Vec<serde_json::Value> = d
                    .columns
                    .iter()
                    .map(|(c, s)| serde_json::json!({ "name": clean_text(c), "valid": self.num().count(s.valid), "blank": self.num().count(s.blank), "na": self.num().count(s.not_applicable), "invalid": self.num().count(s.invalid) }))
                    .collect();
                serde_json::json!({
                    "id": d.id, "path": clean_text(&d.path), "source": clean_text(&d.source), "role": self.tr(&format!("role_{}", d.role)),
                    "rows_read": self.num().count(d.rows_read), "rows_used": self.num().count(d.rows_used), "rows_rejected": self.num().count(d.rows_failed()),
                    "rows_left_out": (d.rows_left_out_as_asked() > 0).then(|| self.num().count(d.rows_left_out_as_asked())),
                    "values_skipped": self.num().count(d.problem_count()), "reasons": reasons, "columns": columns,
                    "repeated_ids": d.duplicate_ids.as_ref().map(|x| self.num().count(x.count)),
                })
            })
            .collect();
        let candidates = self.candidate_themes();
        // Each warning in words once: as text (for template overrides) and with its names as code.
        let warnings: Vec<String> = q.warnings.iter().map(|w| locale::warning_label(w, self.cat)).collect();
        let page = serde_json::json!({ "candidates": candidates, "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": self.num().count(q.rows_read()), "rows_rejected": self.num().count(q.rows_failed()), "rows_left_out": (q.rows_left_out_as_asked() > 0).then(|| self.num().count(q.rows_left_out_as_asked())), "values_skipped": self.num().count(q.values_skipped()), "warnings": warnings.iter().map(|w| clean_text(w)).collect::<Vec<_>>(), "warnings_html": warnings.iter().map(|w| super::code_spans_html(w)).collect::<Vec<_>>() });
        self.job(routes::QUALITY.into(), "quality.html", self.tr("data_quality").into(), &page)
    }

    /// Frequent words of all comments that no theme covers: candidates for the dictionary.
    /// Only with text analysis on and min_n comments; a word needs min_n comments.
    fn candidate_themes(&self) -> Option<Table> {
        let all = self.ingested.text.group(crate::aggregate::Dim::Overall, crate::aggregate::ALL)?;
        if !self.project.text.enabled || all.comments < self.project.min_n {
            return None;
        }
        let words =
            crate::text::candidate_themes(all.keywords.iter(), &self.project.text.themes, self.project.min_n, 20);
        if words.is_empty() {
            return None;
        }
        let rows = words
            .iter()
            .map(|(w, n)| {
                let share = 100.0 * *n as f64 / all.comments as f64;
                vec![
                    Cell::text(clean_text(w)),
                    Cell::num(self.num().count(*n), Some(*n as f64)),
                    Cell::num(self.num().share(share), Some(share)),
                ]
            })
            .collect();
        Some(Table {
            id: "candidate-themes".into(),
            title: self.tr("candidates_title").into(),
            note: self.msg(
                "candidates_note",
                &[
                    ("n", &self.num().count(self.project.min_n)),
                    ("comments", &self.counted("comment_count", self.project.min_n)),
                ],
            ),
            head: vec![
                Head::plain(self.tr("voc_word"), false),
                Head::plain(self.tr("voc_count"), true),
                Head::plain(self.tr("candidates_share"), true),
            ],
            rows,
            sortable: false,
            heading: true,
            key: None,
        })
    }
    /// A row of the reasons table: the reason, its count and examples, and once for all of
    /// them what to do (the `date_format` that reads a column's unreadable dates).
    fn reason_row(&self, reason: &str, t: &Tally, row: bool) -> serde_json::Value {
        let examples: Vec<Vec<String>> =
            t.examples.iter().map(|e| breakable(&clean_text(&locale::reason_label(e, self.cat)))).collect();
        let label = locale::reason_label(reason, self.cat);
        serde_json::json!({
            "reason": clean_text(&label),
            // The same with its `names` in <code> (the built-in template prints this one).
            "reason_html": super::code_spans_html(&label),
            "count": self.num().count(t.count),
            "row": row,
            "examples": examples,
            "hint_html": t.hint.as_ref().map(|h| self.date_hint(h)),
        })
    }

    /// The hint for unreadable dates in the site's language, as HTML (formats in `<code>`).
    fn date_hint(&self, h: &DateHint) -> String {
        match h {
            DateHint::Declared(f) => self.cat.html("hint_date_declared_html", &[("format", f)]),
            DateHint::Set(f) => self.cat.html("hint_date_set_html", &[("format", f)]),
            DateHint::SetEither(f, alt) => self.cat.html("hint_date_either_html", &[("format", f), ("alt", alt)]),
            DateHint::Mixed => self.cat.html("hint_date_mixed_html", &[]),
            DateHint::NoFormat(shown) => self.cat.html("hint_date_none_html", &[("example", shown)]),
            DateHint::Standard => self.cat.html("hint_date_standard_html", &[]),
            DateHint::OutOfRange(shown) => self.cat.html("hint_date_range_html", &[("example", shown)]),
            DateHint::NoSuchDay(shown) => self.cat.html("hint_date_no_such_day_html", &[("example", shown)]),
            DateHint::Relative(shown) => self.cat.html("hint_date_relative_html", &[("example", shown)]),
            DateHint::AmbiguousZone(shown, _) => self.cat.html("hint_date_zone_html", &[("example", shown)]),
        }
    }

    /// The row of repeated respondent ids, when there are any: counted, not dropped.
    fn duplicates_row(&self, d: &DatasetQuality) -> Option<serde_json::Value> {
        let dup = d.duplicate_ids.as_ref().filter(|x| x.count > 0)?;
        let key = if dup.per_touchpoint { "reason_repeated_id_touchpoint" } else { "reason_repeated_id" };
        let column = clean_text(&dup.column);
        let example_key = if dup.per_touchpoint { "repeated_id_touchpoint_example" } else { "repeated_id_example" };
        let examples: Vec<Vec<String>> = dup
            .rows
            .iter()
            .map(|(line, first)| {
                let place = format!("{}:{line}:{column}", clean_text(&d.path));
                breakable(&self.msg(example_key, &[("place", &place), ("first", &first.to_string())]))
            })
            .collect();
        Some(serde_json::json!({
            "reason": self.msg(key, &[("column", &column)]),
            "reason_html": super::code_spans_html(&self.msg(key, &[("column", &column)])),
            "count": self.num().count(dup.count),
            "row": false,
            "examples": examples,
            "hint_html": None::<String>,
        }))
    }
}

/// An example in pieces a line may break between, joined by the template with `<wbr>`: after
/// a Chinese colon before Latin text or a quote, which leaves no space (`…:25186:touchpoint："kiosk"`
/// is one word to the browser, broken inside `kiosk` on a phone). Before Chinese text a line
/// may break anyway.
fn breakable(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        pieces.last_mut().expect("a piece").push(c);
        if c == '：' && chars.peek().is_some_and(char::is_ascii) {
            pieces.push(String::new());
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::breakable;

    #[test]
    fn an_example_may_break_after_a_chinese_colon_before_latin_text_only() {
        assert_eq!(
            breakable("data/s.csv:9:touchpoint：\"kiosk\" — 不是触点"),
            ["data/s.csv:9:touchpoint：", "\"kiosk\" — 不是触点"]
        );
        assert_eq!(breakable("data/s.csv:5：重复了表头"), ["data/s.csv:5：重复了表头"]);
        assert_eq!(breakable("data/s.csv:9:recommend: \"99\""), ["data/s.csv:9:recommend: \"99\""]);
    }
}
