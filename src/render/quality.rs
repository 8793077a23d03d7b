//! The data-quality page.

use super::locale;
use super::routes;
use super::views::{Cell, Head, Table};
use super::{clean_text, Ctx, Job};

impl<'a> Ctx<'a> {
    pub(super) fn quality_page(&self) -> Job {
        let q = &self.ingested.quality;
        let datasets: Vec<serde_json::Value> = q
            .datasets
            .iter()
            .map(|d| {
                let reasons: Vec<serde_json::Value> = d
                    .rejected_rows
                    .iter()
                    .map(|(r, t)| (r, t, true))
                    .chain(d.problems.iter().map(|(r, t)| (r, t, false)))
                    .map(|(r, t, row)| serde_json::json!({ "reason": clean_text(&locale::reason_label(r, self.cat)), "count": self.num().count(t.count), "row": row, "examples": t.examples.iter().map(|e| clean_text(&locale::reason_label(e, self.cat))).collect::<Vec<_>>() }))
                    .collect();
                let columns: Vec<serde_json::Value> = d
                    .columns
                    .iter()
                    .map(|(c, s)| serde_json::json!({ "name": clean_text(c), "valid": self.num().count(s.valid), "blank": self.num().count(s.blank), "na": self.num().count(s.not_applicable), "invalid": self.num().count(s.invalid) }))
                    .collect();
                serde_json::json!({
                    "id": d.id, "path": clean_text(&d.path), "source": clean_text(&d.source), "role": self.tr(&format!("role_{}", d.role)),
                    "rows_read": self.num().count(d.rows_read), "rows_used": self.num().count(d.rows_used), "rows_rejected": self.num().count(d.rows_rejected),
                    "values_skipped": self.num().count(d.problem_count()), "reasons": reasons, "columns": columns,
                })
            })
            .collect();
        let candidates = self.candidate_themes();
        let page = serde_json::json!({ "candidates": candidates, "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": self.num().count(q.rows_read()), "rows_rejected": self.num().count(q.rows_rejected()), "values_skipped": self.num().count(q.values_skipped()), "warnings": q.warnings.iter().map(|w| clean_text(w)).collect::<Vec<_>>() });
        self.job(routes::QUALITY.into(), "quality.html", self.tr("data_quality").into(), page)
    }

    /// Frequent words of all comments that no theme covers: candidates for the dictionary.
    /// Only with text analysis on and min_n comments; a word needs min_n comments.
    fn candidate_themes(&self) -> Option<Table> {
        let all = self.ingested.text.group(crate::aggregate::Dim::Overall, crate::aggregate::ALL)?;
        if !self.project.text.enabled || all.comments < self.project.min_n {
            return None;
        }
        let words = crate::text::candidate_themes(&all.keywords, &self.project.text.themes, self.project.min_n, 20);
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
                    Cell::num(self.num().percent(share, 1), Some(share)),
                ]
            })
            .collect();
        Some(Table {
            id: "candidate-themes".into(),
            title: self.tr("candidates_title").into(),
            note: self.msg("candidates_note", &[("n", &self.project.min_n.to_string())]),
            head: vec![
                Head::plain(self.tr("voc_word"), false),
                Head::plain(self.tr("voc_count"), true),
                Head::plain(self.tr("candidates_share"), true),
            ],
            rows,
            sortable: false,
        })
    }
}
