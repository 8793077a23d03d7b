//! The downloads of the output contract: `data/metrics.csv` and `data/metrics.json`.

use serde::Serialize;
use serde_json::json;

use crate::aggregate::Quality;
use crate::metrics::{MetricRow, Metrics, DECIMALS};
use crate::project::Project;

/// The header of metrics.csv, fixed by the output contract.
pub const CSV_HEADER: [&str; 7] = ["dimension", "group", "metric", "n", "value", "ci_low", "ci_high"];

/// Neutralises a text cell a spreadsheet would run as a formula (OWASP "CSV injection"):
/// a cell beginning with `=`, `+`, `-`, `@`, tab, CR or LF gets a leading `'`. So does one
/// that already begins with `'`, so that no two texts are written alike: a store `=1+1` is
/// `'=1+1` and a store `'=1+1` is `''=1+1` (both had been `'=1+1`, two rows of one group).
/// A reader takes one leading `'` off a cell whose next character is one of these.
pub fn spreadsheet_safe(text: &str) -> String {
    if needs_quote(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Whether [`spreadsheet_safe`] prefixes `text`.
fn needs_quote(text: &str) -> bool {
    text.starts_with(['=', '+', '-', '@', '\t', '\r', '\n', '\''])
}

/// A text cell with every control character that has no place in a CSV cell (U+0000–U+001F
/// but tab, LF and CR, and U+007F–U+009F) replaced by U+FFFD, and how many were replaced.
/// Tab, LF and CR stay: the writer quotes the cell, and a cell that begins with one is
/// prefixed by [`spreadsheet_safe`].
pub fn without_controls(text: &str) -> (std::borrow::Cow<'_, str>, usize) {
    let bad = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    let n = text.chars().filter(|c| bad(*c)).count();
    if n == 0 {
        return (std::borrow::Cow::Borrowed(text), 0);
    }
    (std::borrow::Cow::Owned(text.chars().map(|c| if bad(c) { '\u{FFFD}' } else { c }).collect()), n)
}

/// A text cell as metrics.csv writes it: control characters replaced (counted into
/// `replaced`), then made spreadsheet-safe.
fn text_cell(text: &str, replaced: &mut usize) -> String {
    let (clean, n) = without_controls(text);
    *replaced += n;
    spreadsheet_safe(&clean)
}

/// A number with the fixed precision, or blank.
fn number(v: Option<f64>) -> String {
    let mut out = String::new();
    if let Some(x) = v {
        write_number(&mut out, x);
    }
    out
}

/// Appends `x` with [`DECIMALS`] decimals, exactly as `format!("{x:.4}")` would.
///
/// Metric values are rounded to four decimals before they are written, so each is the double nearest some
/// k / 10⁴; then the digits are those of the integer k, which is much cheaper to print than
/// an exact decimal expansion (100,000 rows × 3 numbers). Any other value takes `format!`.
fn write_number(out: &mut String, x: f64) {
    use std::fmt::Write;
    const SCALE: f64 = 1e4;
    debug_assert_eq!(DECIMALS, 4);
    let k = (x.abs() * SCALE).round();
    if x.is_finite() && k < 1e15 && k / SCALE == x.abs() {
        let k = k as u64;
        let sign = if x.is_sign_negative() { "-" } else { "" };
        let _ = write!(out, "{sign}{}.{:04}", k / 10_000, k % 10_000);
    } else {
        let _ = write!(out, "{x:.prec$}", prec = DECIMALS as usize);
    }
}

/// metrics.csv, streamed into `out`: UTF-8, the contract header, one row per dimension ×
/// group × metric, sorted. Returns how many control characters were replaced.
pub fn write_metrics_csv(metrics: &Metrics, out: &mut dyn std::io::Write) -> std::io::Result<usize> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(CSV_HEADER)?;
    let mut replaced = 0;
    let text = |r: &crate::metrics::MetricRow, replaced: &mut usize| {
        [text_cell(&r.dimension, replaced), text_cell(&r.group, replaced), text_cell(&r.metric, replaced)]
    };
    // The rows are sorted by their texts; a prefixed text sorts elsewhere as written (`'=`
    // before `'+`, but `=` after `+`), so the rows are sorted again as written when one is.
    let changed = |r: &crate::metrics::MetricRow| [&r.dimension, &r.group, &r.metric].iter().any(|t| needs_quote(t));
    let mut order: Vec<usize> = (0..metrics.rows.len()).collect();
    if metrics.rows.iter().any(changed) {
        let mut ignored = 0;
        let keys: Vec<[String; 3]> = metrics.rows.iter().map(|r| text(r, &mut ignored)).collect();
        order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    }
    for i in order {
        let r = &metrics.rows[i];
        let [dimension, group, metric] = text(r, &mut replaced);
        w.write_record([
            dimension,
            group,
            metric,
            r.n.to_string(),
            number(r.value.map(crate::metrics::round)),
            number(r.ci_low.map(crate::metrics::round)),
            number(r.ci_high.map(crate::metrics::round)),
        ])?;
    }
    w.flush()?;
    Ok(replaced)
}

#[derive(Serialize)]
struct JsonTouchpoint<'a> {
    id: &'a str,
    name: &'a str,
    channel: &'a Option<String>,
    owner: &'a Option<String>,
}

/// metrics.json, streamed into `out`: the same numbers (raw strings, no spreadsheet prefix), the project's
/// structure, and the data-quality report. Strict JSON: blanks are `null`, never NaN.
pub fn write_metrics_json(
    project: &Project,
    metrics: &Metrics,
    quality: &Quality,
    segment_names: &[(String, String)],
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    let stages: Vec<_> = project
        .stages
        .iter()
        .map(|s| {
            let tps: Vec<_> = s
                .touchpoints
                .iter()
                .map(|i| {
                    let t = &project.touchpoints[*i];
                    JsonTouchpoint { id: &t.id, name: &t.name, channel: &t.channel, owner: &t.owner }
                })
                .collect();
            json!({ "id": s.id, "name": s.name, "touchpoints": tps })
        })
        .collect();
    let segments: Vec<_> = segment_names.iter().map(|(id, name)| json!({ "id": id, "name": name })).collect();
    let scores: Vec<_> =
        project.scores.iter().map(|def| JsonScore { def, option_of: option_of(project, def) }).collect();
    // Serialised straight from the computed values (a serde_json::Value tree of 100,000 rows
    // would cost seconds and hundreds of MB).
    #[derive(Serialize)]
    struct Doc<'a> {
        generator: &'a str,
        title: &'a str,
        locale: crate::project::Locale,
        min_n: u64,
        confidence: f64,
        period: crate::project::Period,
        decimals: i32,
        data_period: serde_json::Value,
        journey: serde_json::Value,
        segments: Vec<serde_json::Value>,
        dimensions: &'a [crate::project::DimensionDef],
        scores: Vec<JsonScore<'a>>,
        metric_definitions: &'a [crate::metrics::MetricDef],
        events: &'a [crate::project::Event],
        metrics: &'a [MetricRow],
        changes: &'a [crate::metrics::ChangeRow],
        drivers: &'a Option<crate::metrics::Drivers>,
        harshness: &'a [crate::metrics::HarshnessRow],
        leagues: &'a [crate::metrics::League],
        mix: &'a [crate::metrics::MixRow],
        /// Comment themes (only when text analysis found any comment).
        #[serde(skip_serializing_if = "Option::is_none")]
        themes: Option<&'a crate::metrics::themes::ThemeMetrics>,
        quality: serde_json::Value,
    }
    let doc = Doc {
        generator: concat!("cxsite ", env!("CARGO_PKG_VERSION")),
        title: &project.title,
        locale: project.locale,
        min_n: project.min_n,
        confidence: project.confidence,
        period: project.period,
        decimals: DECIMALS,
        data_period: json!({ "first": quality.first_date, "last": quality.last_date }),
        journey: json!({ "stages": stages }),
        segments,
        dimensions: &project.dimensions,
        scores,
        metric_definitions: &metrics.defs,
        events: &project.events,
        metrics: &metrics.rows,
        changes: &metrics.changes,
        drivers: &metrics.drivers,
        harshness: &metrics.harshness,
        leagues: &metrics.leagues,
        mix: &metrics.mix,
        themes: (!metrics.themes.rows.is_empty()).then_some(&metrics.themes),
        quality: quality_json(quality),
    };
    // Compact: the file is for programs; pretty-printing doubled its size.
    serde_json::to_writer(&mut *out, &doc)?;
    out.write_all(b"\n")
}

/// The data-quality report for metrics.json, each dataset with its rejected rows split as the
/// site and the command line split them: `rows_failed` (a bad or missing value) and
/// `rows_left_out` (as cxsite.yaml asks, or empty), which add up to `rows_rejected`.
fn quality_json(quality: &Quality) -> serde_json::Value {
    let mut value = serde_json::to_value(quality).unwrap_or(serde_json::Value::Null);
    let datasets = value.get_mut("datasets").and_then(serde_json::Value::as_array_mut);
    for (d, q) in datasets.into_iter().flatten().zip(&quality.datasets) {
        if let Some(d) = d.as_object_mut() {
            d.insert("rows_failed".into(), q.rows_failed().into());
            d.insert("rows_left_out".into(), q.rows_left_out_as_asked().into());
        }
    }
    value
}

/// A score in metrics.json: its definition and, for an option of a multi-select question,
/// which question and option it is (its metric is the share choosing it, not a rating).
#[derive(Serialize)]
struct JsonScore<'a> {
    #[serde(flatten)]
    def: &'a crate::project::ScoreDef,
    #[serde(skip_serializing_if = "Option::is_none")]
    option_of: Option<JsonOption<'a>>,
}

/// The multi-select question and option a score stands for.
#[derive(Serialize)]
struct JsonOption<'a> {
    question: &'a str,
    option: &'a str,
}

/// The question and option of a multi-select option's score; `None` for any other score.
fn option_of<'a>(project: &'a Project, def: &crate::project::ScoreDef) -> Option<JsonOption<'a>> {
    let (q, o) = def.choice?;
    let question = project.multi_selects.get(q)?;
    Some(JsonOption { question: &question.id, option: question.options.get(o)? })
}

/// The header of data/keywords.csv.
pub const KEYWORDS_HEADER: [&str; 6] = ["dimension", "group", "rank", "word", "count", "z"];

/// Writes `data/keywords.csv`: each group's distinguishing keywords as metrics.json has them
/// under `themes.keywords` (a row per group and word, most distinguishing first; `z` blank for
/// all customers over all periods, whose words are listed by use). Text cells are written as
/// in metrics.csv; returns how many control characters were replaced.
pub fn write_keywords_csv(metrics: &Metrics, out: &mut dyn std::io::Write) -> std::io::Result<usize> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(out);
    w.write_record(KEYWORDS_HEADER)?;
    let mut replaced = 0;
    for r in &metrics.themes.keywords {
        for (rank, k) in r.words.iter().enumerate() {
            w.write_record([
                text_cell(&r.dimension, &mut replaced),
                text_cell(&r.group, &mut replaced),
                (rank + 1).to_string(),
                text_cell(&k.word, &mut replaced),
                k.count.to_string(),
                number(k.z),
            ])?;
        }
    }
    w.flush()?;
    Ok(replaced)
}

/// The most verbatims a page shows of one touchpoint's plain sample (without text analysis).
const PLAIN_SHOWN: usize = 12;

/// Writes `data/comments.csv`: the verbatims the site shows (the balanced samples of each
/// touchpoint, theme, segment and dimension value, and the comments that contradict their
/// score; redacted when read), one row per comment, in (dataset, row) order.
/// Header `dataset,row,touchpoint,period,sentiment,themes,text,question`; `row` is the
/// record's line in its file, `question` the comment column's question id (a dataset may
/// have several); no segment or dimension columns, so small groups cannot be picked out.
/// Comments of touchpoints under `min_n` answers with a comment are left out.
pub fn write_comments_csv(
    project: &crate::project::Project,
    aggregates: &crate::aggregate::Aggregates,
    out: &mut dyn std::io::Write,
) -> std::io::Result<usize> {
    use crate::aggregate::Dim;
    let min_n = project.min_n;
    let big = |dim: Dim, group: &str| aggregates.text.group(dim, group).is_some_and(|g| g.comments >= min_n);
    // A comment of a touchpoint (or, tied to none, of the project) under min_n comments is
    // never written, whichever sample it was kept for.
    let tp_big = |c: &crate::aggregate::Comment| match c.touchpoint {
        Some(t) => big(Dim::Touchpoint, &project.touchpoints[t].id),
        None => big(Dim::Overall, crate::aggregate::ALL),
    };
    let c = &aggregates.comments;
    let kept = c
        .voc
        .values()
        .chain(c.disagree.values())
        .chain(c.groups.iter().filter(|((k, _), _)| big(k.dim, &k.group)).map(|(_, s)| s));
    let mut rows: std::collections::BTreeMap<(&str, u64, usize), &crate::aggregate::Comment> = Default::default();
    for c in kept.flat_map(|s| s.values()).filter(|c| tp_big(c)) {
        rows.insert((c.dataset.as_str(), c.row, c.question), c);
    }
    // Without text analysis (no `text:`) the pages show each touchpoint's plain sample, gated
    // by its count of comments: those verbatims, with no sentiment or themes.
    let analysed = aggregates.text.group(Dim::Overall, crate::aggregate::ALL).is_some();
    if !analysed {
        for (tp, sample) in c.samples.iter().filter(|(tp, _)| c.counts.get(tp).is_some_and(|n| *n >= min_n)) {
            let shown = crate::aggregate::verbatims::distinct(sample.values()).into_iter().take(PLAIN_SHOWN);
            for c in shown.filter(|c| c.touchpoint == *tp) {
                rows.insert((c.dataset.as_str(), c.row, c.question), c);
            }
        }
    }
    let mut replaced = 0;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(["dataset", "row", "touchpoint", "period", "sentiment", "themes", "text", "question"])?;
    for ((dataset, row, question), c) in rows {
        let tp = c.touchpoint.map(|t| project.touchpoints[t].id.as_str()).unwrap_or("");
        let period = c.date.map(|d| project.period.key(d)).unwrap_or_default();
        let sentiment = if analysed { crate::text::Sentiment::ALL[c.sentiment.min(2)].id() } else { "" };
        let themes: Vec<&str> =
            crate::text::members(c.themes).filter_map(|t| project.text.themes.get(t)).map(|t| t.id.as_str()).collect();
        w.write_record([
            text_cell(dataset, &mut replaced),
            row.to_string(),
            text_cell(tp, &mut replaced),
            period,
            sentiment.to_string(),
            text_cell(&themes.join(";"), &mut replaced),
            text_cell(&c.text, &mut replaced),
            text_cell(project.questions.get(question).map_or("", |q| q.id.as_str()), &mut replaced),
        ])?;
    }
    w.flush()?;
    Ok(replaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cells_that_spreadsheets_would_run_get_a_quote() {
        for bad in ["=HYPERLINK(\"x\")", "+1", "-cmd", "@SUM(A1)", "\tx", "\rx", "\nx"] {
            assert_eq!(spreadsheet_safe(bad), format!("'{bad}"));
        }
        assert_eq!(spreadsheet_safe("'=1+1"), "''=1+1", "one quote more: never written as `=1+1` is");
        assert_eq!(spreadsheet_safe("Shanghai"), "Shanghai");
        assert_eq!(spreadsheet_safe("上海=店"), "上海=店");
    }

    #[test]
    fn fast_numbers_print_exactly_what_format_prints() {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let mut cases = vec![0.0, -0.0, 0.00005, -0.00005, 1.23445, 99.99995, 1e20, f64::NAN, f64::INFINITY, 1e-300];
        for _ in 0..200_000 {
            let raw = (next() as i64 as f64) / 1e14 * 10f64.powi((next() % 8) as i32 - 2);
            cases.push(raw);
            cases.push(crate::metrics::round(raw));
        }
        for x in cases {
            let mut fast = String::new();
            write_number(&mut fast, x);
            assert_eq!(fast, format!("{x:.4}"), "{x:e}");
        }
    }

    #[test]
    fn numbers_have_four_decimals_and_blanks_stay_blank() {
        assert_eq!(number(Some(30.0)), "30.0000");
        assert_eq!(number(Some(-6.57934)), "-6.5793");
        assert_eq!(number(None), "");
    }
}
