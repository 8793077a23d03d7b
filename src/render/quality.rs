//! The data-quality page.

use super::locale;
use super::routes;
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
        let page = serde_json::json!({ "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": self.num().count(q.rows_read()), "rows_rejected": self.num().count(q.rows_rejected()), "values_skipped": self.num().count(q.values_skipped()), "warnings": q.warnings.iter().map(|w| clean_text(w)).collect::<Vec<_>>() });
        self.job(routes::QUALITY.into(), "quality.html", self.tr("data_quality").into(), page)
    }
}
