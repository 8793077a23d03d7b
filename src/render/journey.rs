//! The journey map page, the map itself, and the Mermaid download of the journey.

use super::format::position;
use super::locale;
use super::routes;
use super::{clean_text, journey_map, to_value, Ctx, Job};

impl<'a> Ctx<'a> {
    /// The journey map's title, naming its time frame as the tiles do.
    pub(super) fn map_title(&self) -> String {
        let Some((def, _)) = self.tp else { return String::new() };
        let scope = self.all_scope();
        self.msg("map_title", &[("metric", &self.metric(&def.name)), ("noun", self.tp_noun(false)), ("scope", &scope)])
    }

    /// The map's key to its pain-point mark ("▼" and a bold outline), when it marks one.
    pub(super) fn pain_key(&self) -> Option<String> {
        let (def, _) = self.tp?;
        self.insights
            .touchpoints_by_score
            .iter()
            .any(|r| r.pain_point)
            .then(|| self.msg("map_pain_key", &[("metric", &self.metric(&def.name))]))
    }

    pub(super) fn map_svg(&self, from: &str) -> String {
        let Some((def, _)) = self.tp else { return String::new() };
        let title = self.map_title();
        journey_map::draw(&journey_map::MapInput {
            project: self.project,
            metrics: self.metrics,
            insights: self.insights,
            metric: &def.name,
            measure: def.measure,
            score: def.score,
            from,
            title: &title,
            noun: self.tp_noun(false),
            cat: self.cat,
            pain: &self.pain_points,
        })
    }

    pub(super) fn journey_page(&self) -> Job {
        let p = self.project;
        let tables: Vec<serde_json::Value> = self
            .tile_defs()
            .into_iter()
            .map(|def| {
                let rows = self.touchpoint_rows(def, routes::JOURNEY, "touchpoint", None);
                let (metric, scope) = (self.metric(&def.name), self.all_scope());
                let args = [("metric", metric.as_str()), ("noun", self.tp_noun(false)), ("scope", &scope)];
                let title = self.msg("journey_table_title", &args);
                to_value(&self.breakdown(&format!("tp-{}", def.name), title, def, rows, true))
            })
            .collect();
        let stages: Vec<serde_json::Value> = p
            .stages
            .iter()
            .map(|s| {
                serde_json::json!({
                    "name": clean_text(&s.name),
                    "href": routes::link(routes::JOURNEY, &routes::stage(&s.id)),
                    "touchpoints": s.touchpoints.iter().filter(|i| !p.touchpoints[**i].implicit).map(|i| {
                        let t = &p.touchpoints[*i];
                        serde_json::json!({
                            "name": clean_text(&t.name), "href": routes::link(routes::JOURNEY, &routes::touchpoint_of(p, t)),
                            "channel": t.channel.as_deref().map(clean_text).unwrap_or_default(),
                            "owner": t.owner.as_deref().map(clean_text).unwrap_or_default(),
                        })
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        let map = self.map_svg(routes::JOURNEY);
        let map_title = if map.is_empty() { String::new() } else { self.map_title() };
        let map_key = self.tp.map(|(def, _)| self.colour_key(def));
        // Where the journey knows only stages, the table of stages and their touchpoints would
        // repeat the map: it is left out — unless there is no map (no ratings), when the table is
        // the journey, and a line says why it is not coloured.
        let stages = if self.stages_only() && !map.is_empty() { Vec::new() } else { stages };
        let empty = map.is_empty().then(|| self.tr("journey_unrated").to_string());
        // Channel and owner columns that no touchpoint fills are left out.
        let has =
            |k: &str| stages.iter().any(|s| s["touchpoints"].as_array().is_some_and(|t| t.iter().any(|t| t[k] != "")));
        let columns = serde_json::json!({ "channel": has("channel"), "owner": has("owner") });
        let page = serde_json::json!({ "heading": self.tr("journey_map"), "map": map, "map_title": map_title, "map_key": map_key, "pain_key": self.pain_key(), "breakdowns": tables, "stages": stages, "columns": columns, "empty": empty });
        self.job(routes::JOURNEY.into(), "journey.html", self.tr("journey_map").into(), &page)
    }

    /// The journey as a Mermaid `journey` block. Mermaid task scores are 1–5 (5 the happiest),
    /// so each touchpoint's headline value is mapped onto 1–5 along its natural axis, turned
    /// around where lower is better.
    pub(super) fn mermaid(&self) -> String {
        let mut out = String::from("journey\n");
        let clean = mermaid_text;
        out.push_str(&format!("  title {}\n", clean(&self.project.title)));
        for s in &self.project.stages {
            out.push_str(&format!("  section {}\n", clean(&s.name)));
            for i in &s.touchpoints {
                let t = &self.project.touchpoints[*i];
                let (label, score) = match self.tp {
                    Some((def, sd)) => match self.metrics.get("touchpoint", &t.id, &def.name).and_then(|r| r.value) {
                        // The whole label is cleaned: the metric's label is the score's own
                        // `name:`, as free as a touchpoint's.
                        Some(v) => (
                            clean(&format!(
                                "{} ({} {})",
                                t.name,
                                locale::metric_label(&def.name, &self.project.scores, self.en),
                                self.en.numbers().value(v, def.measure)
                            )),
                            (1.0 + 4.0 * mood(v, def.measure, sd)).round() as i64,
                        ),
                        None => (format!("{} (n < {})", clean(&t.name), self.project.min_n), 3),
                    },
                    None => (clean(&t.name), 3),
                };
                let actor = t.channel.as_deref().map(clean).unwrap_or_else(|| "customer".into());
                out.push_str(&format!("    {label}: {score}: {actor}\n"));
            }
        }
        out
    }
}

/// Text made safe for one Mermaid `journey` line: the characters that end a line or separate
/// its parts (`:` `;` `#`, any control character, the Unicode line and paragraph separators)
/// become spaces, and a run of `%` becomes one, so no `%%` comment or `%%{init}%%` directive
/// can start inside a name.
fn mermaid_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = if c.is_control() || matches!(c, ':' | '#' | ';' | '\u{2028}' | '\u{2029}') { ' ' } else { c };
        if !(c == '%' && out.ends_with('%')) {
            out.push(c);
        }
    }
    out.trim().to_string()
}

/// Where a value sits on its axis, 0 (worst) … 1 (best): its position, mirrored for a score
/// where lower is better.
fn mood(v: f64, measure: crate::metrics::Measure, def: &crate::project::ScoreDef) -> f64 {
    let p = position(v, measure, def);
    if def.lower_better {
        1.0 - p
    } else {
        p
    }
}
