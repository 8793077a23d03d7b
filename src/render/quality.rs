//! The data-quality page.

use super::format::count;
use super::locale::{self};
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
                    .map(|(r, t, row)| serde_json::json!({ "reason": clean_text(&locale::reason_label(r, self.locale)), "count": count(t.count), "row": row, "examples": t.examples.iter().map(|e| clean_text(e)).collect::<Vec<_>>() }))
                    .collect();
                let columns: Vec<serde_json::Value> = d
                    .columns
                    .iter()
                    .map(|(c, s)| serde_json::json!({ "name": clean_text(c), "valid": count(s.valid), "blank": count(s.blank), "na": count(s.not_applicable), "invalid": count(s.invalid) }))
                    .collect();
                serde_json::json!({
                    "id": d.id, "path": clean_text(&d.path), "source": clean_text(&d.source), "role": d.role,
                    "rows_read": count(d.rows_read), "rows_used": count(d.rows_used), "rows_rejected": count(d.rows_rejected),
                    "values_skipped": count(d.problem_count()), "reasons": reasons, "columns": columns,
                })
            })
            .collect();
        let page = serde_json::json!({ "heading": self.tr("data_quality"), "datasets": datasets, "rows_read": count(q.rows_read()), "rows_rejected": count(q.rows_rejected()), "values_skipped": count(q.values_skipped()), "warnings": q.warnings.iter().map(|w| clean_text(w)).collect::<Vec<_>>() });
        self.job(routes::QUALITY.into(), "quality.html", self.tr("data_quality").into(), page)
    }
}
