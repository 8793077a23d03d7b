//! The methodology page.

use super::routes;
use super::{Ctx, Job};

impl<'a> Ctx<'a> {
    pub(super) fn methodology_page(&self) -> Job {
        let z = crate::metrics::z_critical(self.project.confidence);
        let scores: Vec<serde_json::Value> = self
            .project
            .scores
            .iter()
            .map(|s| serde_json::json!({ "id": s.id, "kind": format!("{:?}", s.kind).to_lowercase(), "scale": format!("{}–{}", s.min, s.max), "top_box": s.top_box }))
            .collect();
        let page = serde_json::json!({
            "heading": self.tr("methodology"),
            "min_n": self.project.min_n,
            "confidence": format!("{:.0}%", self.project.confidence * 100.0),
            "z": format!("{z:.6}"),
            "timezone": self.project.timezone.name(),
            "period": format!("{:?}", self.project.period).to_lowercase(),
            "scores": scores,
            "decimals": crate::metrics::DECIMALS,
        });
        self.job(routes::METHODOLOGY.into(), "methodology.html", self.tr("methodology").into(), page)
    }
}
