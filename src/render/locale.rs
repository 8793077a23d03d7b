//! Names the site gives to ids and keys, from the locale's catalogue: metrics (`nps` → "NPS"),
//! periods (`2025-03` → "Mar 2025"), and the data-quality reasons ingest writes.

use super::catalogue::Catalogue;
use crate::project::ScoreDef;

/// The display name of a metric id (`nps` → "NPS", `csat` → "CSAT", `ces` → "CES",
/// `x_mean` → "X mean").
///
/// A score's display name in the site's locale (`name:` in cxsite.yaml) comes first; then the
/// catalogue's names of NPS, CSAT and CES; any other id is shown as written, its `_` read as
/// spaces and its first letter capitalised (`positive_rate` → "Positive rate"), never
/// upper-cased into a code.
pub fn metric_label(metric: &str, scores: &[ScoreDef], cat: &Catalogue) -> String {
    let named = |id: &str| scores.iter().find(|s| s.id == id).and_then(|s| s.name_in(cat.locale()));
    if let Some(n) = named(metric) {
        return n.to_string();
    }
    if let Some(n) = metric.strip_suffix("_mean").and_then(named) {
        return cat.format("metric_mean", &[("metric", n)]);
    }
    match metric {
        "nps" | "csat" | "csat_mean" | "ces" => cat.text(&format!("metric_{metric}")).to_string(),
        other => match other.strip_suffix("_mean") {
            Some(base) => cat.format("metric_mean", &[("metric", &humanize(base))]),
            None => cat.format("metric_other", &[("metric", &humanize(other))]),
        },
    }
}

/// An id for people: `_` read as a space, the first letter capitalised.
fn humanize(id: &str) -> String {
    let spaced = id.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

/// A period key for people: `2025-03` → "Mar 2025" / "2025年3月", `2025-Q1` → "Q1 2025" /
/// "2025年第1季度", `2025-W07` → "Week 7 2025" / "2025年第7周".
pub fn period_label(key: &str, cat: &Catalogue) -> String {
    period_in(key, cat, "period_week")
}

/// A period key as a trend chart's axis names it: like [`period_label`], weeks shorter
/// (`2025-W07` → "W7 2025").
pub fn axis_period_label(key: &str, cat: &Catalogue) -> String {
    period_in(key, cat, "period_week_axis")
}

/// A period key in words, weeks by the catalogue's `week` message.
fn period_in(key: &str, cat: &Catalogue, week: &str) -> String {
    if let Some((y, m)) = key.split_once('-') {
        if let Ok(m) = m.parse::<usize>() {
            if (1..=12).contains(&m) {
                let name = cat.text(&format!("month_{m}"));
                return cat.format("period_month", &[("year", y), ("month", &m.to_string()), ("month_name", name)]);
            }
        }
        let number = |n: &str| n.parse::<u32>().ok().map(|n| n.to_string());
        if let Some(q) = m.strip_prefix('Q').and_then(number) {
            return cat.format("period_quarter", &[("year", y), ("quarter", &q)]);
        }
        if let Some(w) = m.strip_prefix('W').and_then(number) {
            return cat.format(week, &[("year", y), ("week", &w)]);
        }
    }
    key.to_string()
}

/// The phrases ingest writes in data-quality reasons, with their catalogue keys.
const REASONS: [(&str, &str); 11] = [
    ("no score could be used and there is no comment", "reason_no_score_no_comment"),
    ("touchpoint not in the journey", "reason_touchpoint_not_in_journey"),
    ("unreadable date", "reason_unreadable_date"),
    ("no match in", "reason_no_match_in"),
    ("outside the scale", "reason_outside_scale"),
    ("not a number and not a listed label", "reason_not_a_number"),
    ("not a whole number on the scale", "reason_not_whole_number"),
    ("no usable score or comment", "reason_no_usable_score"),
    ("wrong number of fields", "reason_wrong_field_count"),
    ("blank key", "reason_blank_key"),
    ("not a date", "reason_not_a_date"),
];

/// A data-quality reason in the site's language. Reasons are written by ingest in English as
/// `column: why` or `why`; the known phrases are translated, the column names kept.
pub fn reason_label(reason: &str, cat: &Catalogue) -> String {
    let mut out = reason.to_string();
    for (phrase, key) in REASONS {
        if out.contains(phrase) {
            out = out.replace(phrase, cat.text(key));
        }
    }
    // `column: why` with the locale's colon (Chinese `：`).
    out.replace(": ", cat.text("colon"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_quality_reasons_are_translated_and_column_names_kept() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        assert_eq!(reason_label("recommend: outside the scale 0–10", &zh), "recommend：超出量表范围 0–10");
        assert_eq!(reason_label("customer_id: no match in members", &zh), "customer_id：未匹配到 members");
        assert_eq!(reason_label("unreadable date", &en), "unreadable date");
        // Examples carry the reason after the place and the value.
        assert_eq!(
            reason_label("data/s.csv:11:推荐: \"11\" — outside the scale 0–10", &zh),
            "data/s.csv:11:推荐：\"11\" — 超出量表范围 0–10"
        );
        assert_eq!(
            reason_label("data/s.csv:121: no score could be used and there is no comment", &zh),
            "data/s.csv:121：没有可用的评分，也没有评论"
        );
    }

    #[test]
    fn periods_read_naturally_in_both_languages() {
        let (en, zh) = (Catalogue::builtin("en").unwrap(), Catalogue::builtin("zh-CN").unwrap());
        assert_eq!(period_label("2025-03", &en), "Mar 2025");
        assert_eq!(period_label("2025-03", &zh), "2025年3月");
        assert_eq!(period_label("2025-Q1", &en), "Q1 2025");
        assert_eq!(period_label("2025-Q1", &zh), "2025年第1季度");
        // Weeks without a leading zero; shorter on a chart's axis in English.
        assert_eq!(period_label("2024-W05", &en), "Week 5 2024");
        assert_eq!(period_label("2024-W05", &zh), "2024年第5周");
        assert_eq!(axis_period_label("2024-W05", &en), "W5 2024");
        assert_eq!(axis_period_label("2024-W05", &zh), "2024年第5周");
        assert_eq!(axis_period_label("2024-11", &en), "Nov 2024");
        assert_eq!(axis_period_label("2024-11", &zh), "2024年11月");
        assert_eq!(axis_period_label("2024-Q1", &en), "Q1 2024");
        assert_eq!(metric_label("csat_mean", &[], &zh), "满意度均分");
        // Never an upper-cased code: the id as written, `_` as spaces, a capital first letter.
        assert_eq!(metric_label("effort_mean", &[], &en), "Effort mean");
        assert_eq!(metric_label("positive_rate", &[], &en), "Positive rate");
        // A name given per locale wins, for the score and its mean.
        let mut s = ScoreDef::new("好评率", crate::project::ScoreKind::Rating, 1, 5, 4);
        s.names = vec![("en".into(), "Positive rate".into()), ("zh-CN".into(), "好评率".into())];
        assert_eq!(metric_label("好评率", std::slice::from_ref(&s), &en), "Positive rate");
        assert_eq!(metric_label("好评率_mean", std::slice::from_ref(&s), &zh), "好评率 均分");
    }
}
