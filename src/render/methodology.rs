//! The methodology page.

use super::routes;
use super::{Ctx, Job};
use crate::metrics::Measure;

impl<'a> Ctx<'a> {
    /// A score's scale as the methodology's table gives it: `1–5`, or `1–5 in steps of 0.5`.
    fn scale_text(&self, s: &crate::project::ScoreDef) -> String {
        let range = format!("{}–{}", s.show(s.min), s.show(s.max));
        if s.per_point == 1 {
            return range;
        }
        self.msg("scale_in_steps", &[("range", &range), ("step", &s.show(1))])
    }

    pub(super) fn methodology_page(&self) -> Job {
        let z = crate::metrics::z_critical(self.project.confidence);
        let scores: Vec<serde_json::Value> = self
            .project
            .scores
            .iter()
            .map(|s| serde_json::json!({ "id": s.id, "kind": self.tr(&format!("score_type_{:?}", s.kind).to_lowercase()), "scale": self.scale_text(s), "top_box": s.show(s.top_box) }))
            .collect();
        let confidence = self.num().percent(self.project.confidence * 100.0, 0);
        let (min_n, z) = (self.num().count(self.project.min_n), self.num().fixed(z, 6));
        let decimals = crate::metrics::DECIMALS.to_string();
        // The catalogue's markup is trusted; the arguments are escaped by `html`.
        let body = self.cat.html(
            "methodology_html",
            &[
                ("confidence", &confidence),
                ("z", &z),
                ("timezone", self.project.timezone.name()),
                ("periods", self.tr(&format!("periods_{}", self.period_kind()))),
                ("min_n", &min_n),
                ("min_n_answers", &self.counted("count_answers", self.project.min_n)),
                (
                    "remainder_answers",
                    &self.counted("count_answers", crate::metrics::suppression::remainder_floor(self.project.min_n)),
                ),
                ("min_n_comments", &self.counted("comment_count", self.project.min_n)),
                ("decimals", &decimals),
            ],
        );
        // Only the scores the project has are explained: no NPS section without an NPS.
        let has = |m: Measure| self.metrics.defs.iter().any(|d| d.measure == m);
        let absent: Vec<&str> = [("nps", Measure::Nps), ("csat", Measure::TopBox), ("mean", Measure::Mean)]
            .into_iter()
            .filter(|(_, m)| !has(*m))
            .map(|(id, _)| id)
            .collect();
        let body = without_sections(&body, &absent);
        // Comment themes are described where comments were analysed.
        let body = if self.metrics.themes.rows.is_empty() {
            body
        } else {
            let themes = self.cat.html(
                "methodology_themes_html",
                &[
                    ("min_n", &min_n),
                    ("min_n_answers", &self.counted("count_answers", self.project.min_n)),
                    ("min_n_comments", &self.counted("comment_count", self.project.min_n)),
                    ("min_n_mentions", &self.counted("count_mentions", self.project.min_n)),
                    ("min_complaints", &self.num().count(self.min_complaints())),
                ],
            );
            format!("{body}\n{themes}")
        };
        let page = serde_json::json!({
            "body": body,
            "heading": self.tr("methodology"),
            "min_n": self.project.min_n,
            "confidence": confidence,
            "z": z,
            "timezone": self.project.timezone.name(),
            "period": format!("{:?}", self.project.period).to_lowercase(),
            "scores": scores,
            "decimals": crate::metrics::DECIMALS,
            "scale_notes": self.scale_notes(),
        });
        self.job(routes::METHODOLOGY.into(), "methodology.html", self.tr("methodology").into(), &page)
    }

    /// One sentence per dataset and score read other than plainly: an NPS asked on 1–10, a
    /// scale written with 1 as the best answer, a multi-select question.
    fn scale_notes(&self) -> Vec<String> {
        let mut notes = Vec::new();
        for d in &self.project.datasets {
            for sc in &d.scores {
                let score = &self.project.scores[sc.score].id;
                let args = [("dataset", d.id.as_str()), ("score", score.as_str())];
                let keys =
                    [(sc.reading.range.is_some(), "scale_note_nps_1_10"), (sc.reading.reverse, "scale_note_reversed")];
                for (_, key) in keys.iter().filter(|(on, _)| *on) {
                    let note = self.cat.format(key, &args);
                    if !notes.contains(&note) {
                        notes.push(note);
                    }
                }
            }
            for c in &d.multi_selects {
                let question = super::clean_text(self.project.multi_selects[c.select].name(self.project.locale.tag()));
                notes.push(self.cat.format("choice_note", &[("dataset", d.id.as_str()), ("question", &question)]));
            }
        }
        notes
    }
}

/// The methodology's HTML without the sections (an `<h2 id="…">` and what follows it up to
/// the next `<h2`) whose ids are listed.
fn without_sections(html: &str, ids: &[&str]) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let Some(at) = rest.find("<h2") else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..at]);
        let section = &rest[at..];
        let end = section[3..].find("<h2").map_or(section.len(), |e| e + 3);
        let dropped = ids.iter().any(|id| section.starts_with(&format!("<h2 id=\"{id}\"")));
        if !dropped {
            out.push_str(&section[..end]);
        }
        rest = &section[end..];
    }
}

#[cfg(test)]
mod tests {
    use super::without_sections;

    #[test]
    fn sections_of_absent_scores_are_left_out() {
        let html = "<p>a</p>\n<h2 id=\"nps\">NPS</h2>\n<p>n</p>\n<h2 id=\"csat\">C</h2>\n<p>c</p>\n";
        assert_eq!(without_sections(html, &["nps"]), "<p>a</p>\n<h2 id=\"csat\">C</h2>\n<p>c</p>\n");
        assert_eq!(without_sections(html, &["csat"]), "<p>a</p>\n<h2 id=\"nps\">NPS</h2>\n<p>n</p>\n");
        assert_eq!(without_sections(html, &[]), html);
    }
}
