//! The cxsite.yaml `init --from-csv` writes from its guesses: settings, journey, segments and
//! the dataset (columns, scores, touchpoint scores, dimensions, multi-selects), each guess
//! marked `# guessed: … — review`, and the columns left out with why.

use std::collections::HashMap;
use std::fmt::Write as _;

use std::path::Path;

use super::guess::{named, Role, NA_LABEL};
use crate::produce::csv::reader;

/// An id made of ASCII letters, digits and `_` from `s`, or `fallback` when none is left.
fn slug(s: &str, fallback: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = shortened(out.trim_end_matches('_')).to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        fallback.to_string()
    } else if ["null", "nan"].contains(&out.as_str()) || crate::project::config::YES_NO_WORDS.contains(&out.as_str()) {
        // Written plainly, YAML would read `id: null` as nothing and `id: no` as false.
        format!("{out}_{fallback}")
    } else {
        out
    }
}

/// The most of a header an id keeps: a question's whole text ("Customer support: How
/// satisfied were you with each of the following?") would pass the 64-character limit on
/// ids, and with it a repeat's number.
const SLUG_MAX: usize = 40;

/// `id` cut to [`SLUG_MAX`] characters (all ASCII), at the end of a word when one ends past
/// the first third.
fn shortened(id: &str) -> &str {
    if id.len() <= SLUG_MAX {
        return id;
    }
    let head = &id[..SLUG_MAX];
    match head.rfind('_') {
        Some(i) if i >= SLUG_MAX / 3 => &head[..i],
        _ => head.trim_end_matches('_'),
    }
}

/// Makes ids unique by numbering repeats.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    fn take(&mut self, want: String) -> String {
        let n = self.0.entry(want.clone()).or_default();
        *n += 1;
        if *n == 1 {
            want
        } else {
            let id = format!("{want}{n}");
            self.0.insert(id.clone(), 1);
            id
        }
    }
}

/// A YAML double-quoted scalar (JSON's escaping is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// Text safe inside a YAML comment: one line, no control characters.
pub(super) fn c(s: &str) -> String {
    s.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
}

pub(super) struct YamlInput<'a> {
    pub(super) file_name: &'a str,
    pub(super) header: &'a [String],
    pub(super) roles: &'a [Role],
    pub(super) rows: usize,
    pub(super) encoding: Option<&'static encoding_rs::Encoding>,
    pub(super) chinese: bool,
    pub(super) layout: reader::Layout,
    /// The sheet read of a workbook of several, and all their names.
    pub(super) sheet: Option<(&'a str, &'a [String])>,
    /// Each column's question text where the tool writes it apart from the name (Qualtrics'
    /// second header row); else empty.
    pub(super) questions: &'a [String],
    /// The zone the dates declare or are written in, and why (see `guess::guess_zone`).
    pub(super) zone: Option<(String, String)>,
    /// A score column that holds several metrics, told by a type column: a dataset per type.
    pub(super) metric_split: Option<&'a super::from_csv::MetricTypes>,
}

/// Columns a survey tool adds to every export that are neither answers nor breakdowns
/// (Qualtrics' status codes and coordinates, SurveyMonkey's collector, 问卷星's source).
pub(super) const TOOL_METADATA: [&str; 17] = [
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "StartDate",
    "EndDate",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
    "Collector ID",
    "Start Date",
    "IP Address",
    "所用时间",
    "来源详情",
    "来自IP",
];

/// A score column as it will be written.
struct ScoreOut {
    id: String,
    column: usize,
    kind: Option<&'static str>,
}

/// How a score column is read: `scale: [1, 5]`, `top_box: 1`, `na: [0]`, `labels: {…}`.
fn reading(role: &Role) -> Vec<String> {
    let Role::Score { scale, na_zero, labels, half, reverse, .. } = role else { return Vec::new() };
    let mut out = vec![format!("scale: [{}, {}]", scale.0, scale.1)];
    if *half {
        out.push("step: 0.5".into());
    }
    if *reverse {
        out.push("reverse: true".into());
    }
    if *scale == (0, 1) {
        out.push("top_box: 1".into());
    }
    let mut na: Vec<String> = labels.iter().filter(|l| l.1 == NA_LABEL).map(|l| q(&l.0)).collect();
    if *na_zero {
        na.insert(0, "0".into());
    }
    if !na.is_empty() {
        out.push(format!("na: [{}]", na.join(", ")));
    }
    let labels: Vec<&(String, i64)> = labels.iter().filter(|l| l.1 != NA_LABEL).collect();
    if !labels.is_empty() {
        let l: Vec<String> = labels.iter().map(|(t, n)| format!("{}: {n}", q(t))).collect();
        out.push(format!("labels: {{ {} }}", l.join(", ")));
    }
    out
}

/// Why a score was guessed.
fn score_why(role: &Role) -> String {
    match role {
        Role::Score { why, .. } => c(why),
        _ => String::new(),
    }
}

/// Writes the guessed cxsite.yaml, one section after another.
pub(super) fn write_yaml(input: &YamlInput) -> String {
    // A column saying which metric a row answers is no breakdown: it splits the datasets.
    let split_roles: Vec<Role>;
    let input = match input.metric_split {
        Some(split) => {
            split_roles = input
                .roles
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    if i == split.column {
                        Role::Left("which metric the row answers: a dataset per metric".into())
                    } else {
                        r.clone()
                    }
                })
                .collect();
            &YamlInput { roles: &split_roles, zone: input.zone.clone(), ..*input }
        }
        None => input,
    };
    let YamlInput { file_name, header, roles, rows, chinese, .. } = *input;
    let header = &Header::new(header);
    let stem = Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("survey");
    let mut ids = Ids::default();
    let dataset_id = ids.take(slug(stem, "survey"));
    let touchpoint_col = roles.iter().position(|r| matches!(r, Role::Touchpoint(_)));
    let overall = overall_rating(header, roles);
    let ratings: Vec<usize> = (0..roles.len())
        .filter(|i| Some(*i) != overall && matches!(&roles[*i], Role::Score { scale: (1, _), .. }))
        .collect();
    // Three ratings, or two rows of one grid question (`3(结账速度)`, `3(店员服务)`), are
    // touchpoints rated side by side.
    let one_grid = ratings.len() >= 2 && grid_rows(header, input.questions, &ratings).is_some();
    let wide = touchpoint_col.is_none() && (ratings.len() >= 3 || one_grid);
    let scores = guess_scores(header, roles, &ratings, wide, &mut ids);
    let loyalty = guess_loyalty(roles, &scores, overall);

    let mut y = String::new();
    write_header_comment(&mut y, file_name, rows);
    write_settings(&mut y, stem, chinese, input.zone.as_ref(), loyalty.as_deref());
    let journey = write_journey(&mut y, input, header, touchpoint_col, &ratings, wide);
    write_segments(&mut y, header, roles);
    y.push_str("\ndatasets:\n");
    if let Some(split) = input.metric_split {
        write_metric_datasets(&mut y, input, header, split, &dataset_id, journey.single_tp);
        write_left_out(&mut y, header, roles);
        return y;
    }
    write_dataset_keys(&mut y, input, header, &dataset_id, wide, journey.single_tp);
    write_columns(&mut y, header, roles);
    write_scores(&mut y, header, roles, &scores);
    if wide {
        // The metric ids go on from the score ids, so that none repeats one.
        write_touchpoint_scores(&mut y, header, roles, &journey.wide_tps, &scores, ids);
    }
    write_dimensions(&mut y, header, roles);
    write_multi_selects(&mut y, header, roles);
    write_left_out(&mut y, header, roles);
    y
}

/// One dataset per metric of a score column that holds several ([`super::from_csv::MetricTypes`]):
/// each reads the rows of its type (`keep_rows:`) on that type's scale. `input.roles` has the
/// type column left out already ([`write_yaml`]).
fn write_metric_datasets(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    split: &super::from_csv::MetricTypes,
    stem_id: &str,
    single_tp: Option<&str>,
) {
    for (value, id, scale) in &split.types {
        let mut roles = input.roles.to_vec();
        if let Role::Score { scale: s, labels, why, .. } = &mut roles[split.score] {
            *s = *scale;
            labels.retain(|l| l.1 == super::guess::NA_LABEL);
            *why = format!("the answers of the rows of type {value}, on {}–{}", scale.0, scale.1);
        }
        let _ = writeln!(y, "  # `{}` rows: {}", c(&header[split.column]), c(value));
        let typed = YamlInput { roles: &roles, zone: input.zone.clone(), ..*input };
        write_dataset_keys(y, &typed, header, &format!("{stem_id}_{id}"), false, single_tp);
        let _ = writeln!(y, "    source: {}", q(stem_id));
        let _ = writeln!(y, "    keep_rows: {{ {}: {} }}", column_ref(header, split.column), q(value));
        write_columns(y, header, &roles);
        let kind = match *id {
            "ces" => Some("mean"),
            _ => None,
        };
        write_scores(y, header, &roles, &[ScoreOut { id: id.to_string(), column: split.score, kind }]);
        write_dimensions(y, header, &roles);
        write_multi_selects(y, header, &roles);
    }
}

/// Column `i` as a row of a grid question: the question and the row, from the header
/// (`Q4:…|结账速度`, `Which? [Checkout]`, 问卷星's `3(结账速度)` after a question's number) or
/// from the question text a tool writes apart (Qualtrics' `Q2_1` asks `How satisfied were you
/// with... - Checkout`). `None` for a question of its own.
fn grid_row<'h>(header: &'h [String], questions: &'h [String], i: usize) -> Option<(&'h str, &'h str)> {
    let h = header[i].trim();
    // 问卷星 numbers its questions; `Overall satisfaction (1-5)` is no grid row.
    let numbered = h.split(['(', '（']).next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if let Some(found) = super::guess::question_and_item(h, numbered) {
        return Some(found);
    }
    // Qualtrics names a grid's rows `Q2_1`, `Q2_2` and writes `question - row` as their text.
    let (stem, row) = h.rsplit_once('_')?;
    if stem.is_empty() || row.is_empty() || !row.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (question, row) = questions.get(i)?.trim().rsplit_once(" - ")?;
    let (question, row) = (question.trim(), row.trim());
    (!question.is_empty() && !row.is_empty()).then_some((question, row))
}

/// The rows of one grid question that `columns` are, all of them: their question.
fn grid_rows<'h>(header: &'h [String], questions: &'h [String], columns: &[usize]) -> Option<&'h str> {
    let mut asked = columns.iter().map(|&i| grid_row(header, questions, i).map(|(q, _)| q));
    let first = asked.next()??;
    asked.all(|q| q == Some(first)).then_some(first)
}

/// The file's column names, with how cxsite.yaml refers to each worked out once: a file of
/// 20,000 columns would otherwise compare every name with every other for each reference.
struct Header<'a> {
    names: &'a [String],
    refs: Vec<String>,
}

impl<'a> Header<'a> {
    /// A name two columns share is written by position, the one way to name either; so is a
    /// column with no name (a merged title cell above it).
    fn new(names: &'a [String]) -> Self {
        let mut uses: HashMap<&str, usize> = HashMap::new();
        for n in names {
            *uses.entry(n.as_str()).or_default() += 1;
        }
        let refs = names
            .iter()
            .enumerate()
            .map(|(i, n)| if n.trim().is_empty() || uses[n.as_str()] > 1 { format!("${}", i + 1) } else { q(n) })
            .collect();
        Header { names, refs }
    }
}

impl std::ops::Deref for Header<'_> {
    type Target = [String];
    fn deref(&self) -> &[String] {
        self.names
    }
}

/// How cxsite.yaml names column `i` (see [`Header::new`]).
fn column_ref(header: &Header, i: usize) -> String {
    header.refs[i].clone()
}

/// A name to show for column `i`: its header, or `Column 5` when it has none.
fn readable_name(header: &[String], i: usize) -> String {
    let h = header[i].trim();
    if h.is_empty() {
        format!("Column {}", i + 1)
    } else {
        h.to_string()
    }
}

/// Guesses the dataset's scores: 0–10 → nps; 1–7 named for effort → ces (mean); the first
/// plain 1–5 → csat. In wide data the touchpoint ratings are left to `touchpoint_scores`.
fn guess_scores(header: &[String], roles: &[Role], ratings: &[usize], wide: bool, ids: &mut Ids) -> Vec<ScoreOut> {
    let mut scores: Vec<ScoreOut> = Vec::new();
    // Of several 0–10 columns, those named for recommending are NPS and the rest ratings: the
    // first NPS is the site's headline, which a 0–10 satisfaction question must not take.
    let zero_to_ten = |i: usize| matches!(roles[i], Role::Score { scale: (0, 10), .. });
    let any_recommend = (0..roles.len()).any(|i| zero_to_ten(i) && super::guess::recommend_named(&header[i]));
    let is_nps = |i: usize| {
        let h = &header[i];
        zero_to_ten(i) && (super::guess::recommend_named(h) || (!any_recommend && !super::guess::rating_worded(h)))
    };
    let touchpoint_rating: std::collections::HashSet<usize> =
        if wide { ratings.iter().copied().collect() } else { Default::default() };
    for (i, r) in roles.iter().enumerate() {
        let Role::Score { scale, .. } = r else { continue };
        if touchpoint_rating.contains(&i) {
            continue;
        }
        let effort = named(&header[i], &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"]);
        let (want, kind) = match scale {
            (0, 10) if is_nps(i) => ("nps".to_string(), "nps"),
            (1, 7) if effort => ("ces".to_string(), "mean"),
            (1, 5) if !scores.iter().any(|s| s.id == "csat") => ("csat".to_string(), "rating"),
            // A hotline's 满意 / 基本满意 / 不满意 is its satisfaction score too.
            (1, 3) if super::guess::satisfaction_worded(&header[i]) && !scores.iter().any(|s| s.id == "csat") => {
                ("csat".to_string(), "rating")
            }
            _ => (slug(&header[i], "score"), "rating"),
        };
        let id = ids.take(want.clone());
        // The type goes without saying only where the id implies it (`nps`, `ces`, and `rating`
        // for any other id): a second NPS (`nps2`) says `type: nps`, and an id that happens to
        // be `nps` or `ces` does not change the type of a rating.
        let implied = match id.as_str() {
            "nps" => "nps",
            "ces" => "mean",
            _ => "rating",
        };
        let kind = (kind != implied || (kind == "rating" && want != "csat")).then_some(kind);
        scores.push(ScoreOut { id, column: i, kind });
    }
    scores
}

/// Without an NPS, the overall rating ([`overall_rating`]), else the first yes/no (0–1)
/// score, is the outcome key drivers are computed against.
fn guess_loyalty(roles: &[Role], scores: &[ScoreOut], overall: Option<usize>) -> Option<String> {
    if scores.iter().any(|s| s.id == "nps") {
        return None;
    }
    let of = |column: usize| scores.iter().find(|s| s.column == column).map(|s| s.id.clone());
    overall.and_then(of).or_else(|| {
        scores.iter().find(|s| matches!(roles[s.column], Role::Score { scale: (0, 1), .. })).map(|s| s.id.clone())
    })
}

/// A rating of the whole experience (`Overall satisfaction`, `总体满意度`, 大众点评's `星级`):
/// the outcome the touchpoints explain, not a touchpoint of its own; the first such column.
fn overall_rating(header: &[String], roles: &[Role]) -> Option<usize> {
    const OVERALL: &[&str] =
        &["overall", "总体", "整体", "综合", "总评", "星级", "總體", "整體", "總評", "星級", "gesamt", "global"];
    (0..roles.len()).find(|i| matches!(&roles[*i], Role::Score { scale: (1, _), .. }) && named(&header[*i], OVERALL))
}

/// The comment at the top: where the file came from and how to review it.
fn write_header_comment(y: &mut String, file_name: &str, rows: usize) {
    let _ =
        writeln!(y, "# cxsite project guessed by `cxsite init --from-csv` from {} ({rows} rows read).", c(file_name));
    y.push_str("# Every line marked `# guessed:` is a guess from the column names and values: review it.\n");
    y.push_str("# Reference of every key: docs/config.md in cxsite's source. Preview while you edit:\n");
    y.push_str("#   cxsite serve .      Build:  cxsite build .\n\n");
}

/// The site-wide settings: title, locale, timezone, min_n and the loyalty outcome.
fn write_settings(y: &mut String, stem: &str, chinese: bool, zone: Option<&(String, String)>, loyalty: Option<&str>) {
    let title = if chinese { format!("{stem} 客户体验") } else { format!("{stem} — customer experience") };
    let _ = writeln!(y, "title: {}   # guessed: from the file name — review", q(&title));
    if chinese {
        y.push_str("locale: zh-CN         # guessed: the data is in Chinese — review (en | zh-CN)\n");
    } else {
        y.push_str("locale: en            # en | zh-CN: the language of the site\n");
    }
    match zone {
        Some((zone, why)) => {
            let _ =
                writeln!(y, "timezone: {zone}   # guessed: {why} — review: dates are cut into periods in this zone");
        }
        None if chinese => {
            y.push_str("timezone: Asia/Shanghai   # guessed — review: dates are cut into periods in this zone\n")
        }
        None => y.push_str(
            "timezone: UTC         # guessed — review: dates are cut into periods in this zone, e.g. Europe/Paris\n",
        ),
    }
    y.push_str("min_n: 30             # groups with fewer answers show \"not enough answers\" instead of a number\n");
    if let Some(l) = loyalty {
        let _ = writeln!(y, "loyalty: {l}          # guessed: the outcome key drivers are computed against — review");
    }
}

/// The touchpoints the journey section declared, as the dataset section refers to them.
struct JourneyOut {
    /// In wide data: (touchpoint id, its rating column).
    wide_tps: Vec<(String, usize)>,
    /// Where the file names no touchpoints: the one every row rates.
    single_tp: Option<&'static str>,
}

/// The journey: one stage whose touchpoints are the touchpoint column's values, the rating
/// columns of wide data, or a single overall touchpoint.
fn write_journey(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    touchpoint_col: Option<usize>,
    ratings: &[usize],
    wide: bool,
) -> JourneyOut {
    let YamlInput { roles, chinese, .. } = *input;
    let mut tp_ids = Ids::default();
    y.push_str(
        "\n# The customer journey: stages in order, touchpoints in order inside each stage.\njourney:\n  stages:\n",
    );
    let (stage_name, whole) = if chinese { ("体验", "整体体验") } else { ("Experience", "Overall experience") };
    let _ = writeln!(y, "    - id: experience\n      name: {}   # guessed — review: split into your journey's stages\n      touchpoints:", q(stage_name));
    let mut out = JourneyOut { wide_tps: Vec::new(), single_tp: None };
    if let Some(t) = touchpoint_col {
        let Role::Touchpoint(values) = &roles[t] else { unreachable!() };
        // Values differing only in case or spacing are one touchpoint, as the build reads them.
        let mut seen = Vec::new();
        for (k, v) in values.iter().enumerate() {
            let key = crate::aggregate::redact::name_key(v);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let id = tp_ids.take(slug(v, &format!("tp{}", k + 1)));
            let _ = writeln!(
                y,
                "        - {{ id: {id}, name: {} }}   # guessed: a value of column {} — review",
                q(v),
                c(&column_ref(header, t))
            );
        }
    } else if wide {
        for (k, i) in ratings.iter().enumerate() {
            // A grid question's row is the touchpoint (`Q3:请对以下方面进行评价|结账速度` is
            // 结账速度), not the question asked of every row.
            let row = grid_row(header, input.questions, *i).map(|(_, row)| row.to_string());
            let name = row.unwrap_or_else(|| readable_name(header, *i));
            let id = tp_ids.take(slug(&name, &format!("tp{}", k + 1)));
            let _ = writeln!(y, "        - {{ id: {id}, name: {} }}   # guessed: a rating column — review", q(&name));
            out.wide_tps.push((id, *i));
        }
    } else {
        let _ = writeln!(
            y,
            "        - {{ id: overall, name: {} }}   # guessed: the file names no touchpoints — review",
            q(whole)
        );
        out.single_tp = Some("overall");
    }
    out
}

/// The segments: one `from_column` segment per column guessed to hold customer groups.
fn write_segments(y: &mut String, header: &Header, roles: &[Role]) {
    let segs: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).collect();
    if segs.is_empty() {
        return;
    }
    y.push_str("\n# Customer groups: one segment per value of a column (or a rule: see docs/config.md).\nsegments:\n");
    let mut seg_ids = Ids::default();
    for i in segs {
        let Role::Segment(n) = roles[i] else { continue };
        let id = seg_ids.take(slug(&header[i], &format!("segment{}", i + 1)));
        let (col, name) = (column_ref(header, i), q(&readable_name(header, i)));
        let _ = writeln!(y, "  - {{ from_column: {col}, id: {id}, name: {name} }}   # guessed: {n} values — review");
    }
}

/// The dataset's id, path and how its file is read: export layout, header row, encoding,
/// format, fixed touchpoint and date format.
fn write_dataset_keys(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    dataset_id: &str,
    wide: bool,
    single_tp: Option<&str>,
) {
    let YamlInput { file_name, roles, encoding, layout, sheet, .. } = *input;
    let _ = writeln!(y, "  - id: {dataset_id}\n    path: {}", q(&format!("data/{file_name}")));
    if let Some((read, all)) = sheet {
        let others = all.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ");
        let _ = writeln!(y, "    sheet: {}   # guessed: the sheet of most rows, of {} — review", q(read), c(&others));
    }
    if let Some(e) = layout.export {
        let _ = writeln!(
            y,
            "    export: {}   # guessed: the file is laid out as {} writes it (docs/exports.md) — review",
            e.name(),
            e.title()
        );
    }
    if layout.header_row > 1 {
        let _ = writeln!(
            y,
            "    header_row: {}   # guessed: the lines above look like a title or banner — review",
            layout.header_row
        );
    }
    if let Some(enc) = encoding {
        let label = if enc == encoding_rs::GB18030 { "gb18030" } else { enc.name() };
        let label = label.to_ascii_lowercase();
        if enc == encoding_rs::UTF_8 {
            let _ = writeln!(
                y,
                "    encoding: {label}   # guessed: UTF-8 but for a few bytes; cells holding them are skipped and counted — review"
            );
        } else {
            let _ = writeln!(y, "    encoding: {label}   # guessed: the file is not UTF-8 — review");
        }
    }
    if wide {
        y.push_str(
            "    format: wide          # guessed: one row per respondent, a rating column per touchpoint — review\n",
        );
    } else {
        y.push_str("    format: long          # one row per rating\n");
    }
    if let Some(tp) = single_tp {
        let _ = writeln!(y, "    touchpoint: {tp}   # every row rates this touchpoint");
    }
    if let Some(Role::Date { format: Some(f), why }) = roles.iter().find(|r| matches!(r, Role::Date { .. })) {
        let _ = writeln!(y, "    date_format: {}   # guessed: {} — review", q(f), c(why));
    }
    write_drop_rows(y, header, roles);
}

/// `drop_rows:` for the columns that mark rows as no response (tests, deleted, rejected).
fn write_drop_rows(y: &mut String, header: &Header, roles: &[Role]) {
    let screens: Vec<(usize, &Vec<String>)> = roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Role::Screen(v) => Some((i, v)),
            _ => None,
        })
        .collect();
    if screens.is_empty() {
        return;
    }
    y.push_str(
        "    drop_rows:   # guessed: rows the export marks as tests, deleted, rejected or unfinished — review
",
    );
    for (i, values) in screens {
        let values: Vec<String> = values.iter().map(|v| q(v)).collect();
        let _ = writeln!(y, "      {}: [{}]", column_ref(header, i), values.join(", "));
    }
}

/// The dataset's `columns:`: respondent, date, touchpoint and comment (a list when several
/// columns hold free text).
fn write_columns(y: &mut String, header: &Header, roles: &[Role]) {
    let mut cols = Vec::new();
    let comments: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Comment)).collect();
    for (i, r) in roles.iter().enumerate() {
        let (key, why) = match r {
            Role::Respondent => ("respondent", "an id on every row".to_string()),
            Role::Date { why, .. } => ("date", why.clone()),
            Role::Touchpoint(v) => ("touchpoint", format!("{} distinct values", v.len())),
            _ => continue,
        };
        cols.push(format!("      {key}: {}   # guessed: {} — review", column_ref(header, i), c(&why)));
    }
    match comments.as_slice() {
        [] => {}
        [i] => cols.push(format!("      comment: {}   # guessed: free text — review", column_ref(header, *i))),
        many => {
            cols.push(
                "      comment:   # guessed: free text, each analysed and shown with its question — review".into(),
            );
            for i in many {
                cols.push(format!(
                    "        - {{ column: {}, label: {} }}",
                    column_ref(header, *i),
                    q(&readable_name(header, *i))
                ));
            }
        }
    }
    if !cols.is_empty() {
        y.push_str("    columns:\n");
        for l in cols {
            y.push_str(&l);
            y.push('\n');
        }
    }
}

/// The dataset's `scores:`, one line per guessed score.
fn write_scores(y: &mut String, header: &Header, roles: &[Role], scores: &[ScoreOut]) {
    if scores.is_empty() {
        return;
    }
    y.push_str("    scores:\n");
    for s in scores {
        let mut items = vec![format!("column: {}", column_ref(header, s.column))];
        items.extend(s.kind.map(|k| format!("type: {k}")));
        items.extend(reading(&roles[s.column]));
        let why = score_why(&roles[s.column]);
        let _ = writeln!(y, "      {}: {{ {} }}   # guessed: {why} — review", s.id, items.join(", "));
    }
}

/// Wide data's `touchpoint_scores:`: one group per scale (and labels), so that columns read the
/// same way share a group. `metric_ids` holds the ids already taken.
fn write_touchpoint_scores(
    y: &mut String,
    header: &Header,
    roles: &[Role],
    wide_tps: &[(String, usize)],
    scores: &[ScoreOut],
    mut metric_ids: Ids,
) {
    y.push_str("    touchpoint_scores:\n");
    // Columns of one scale share a group, their labels merged: a grid row whose sample never
    // had the low answers (`非常满意 … 一般` only) is on the same 1–5 scale as the others, and
    // one metric compares them all.
    // (scale, na_zero, half points, reversed), every label its members use with its value, and
    // the members: touchpoint id, column. The labels are kept as one map so that a column is
    // checked against a group at once, not against each member (a file may have thousands).
    type Group<'r> = ((&'r (i64, i64), bool, bool, bool), HashMap<&'r str, i64>, Vec<(String, usize)>);
    let mut groups: Vec<Group> = Vec::new();
    for (id, i) in wide_tps {
        let Role::Score { scale, na_zero, labels, half, reverse, .. } = &roles[*i] else { continue };
        let key = (scale, *na_zero, *half, *reverse);
        // No label of another member read as another value.
        let agrees =
            |used: &HashMap<&str, i64>| labels.iter().all(|(t, n)| used.get(t.as_str()).is_none_or(|v| v == n));
        let at = match groups.iter().position(|(k, used, _)| *k == key && agrees(used)) {
            Some(at) => at,
            None => {
                groups.push((key, HashMap::new(), Vec::new()));
                groups.len() - 1
            }
        };
        let (_, used, members) = &mut groups[at];
        used.extend(labels.iter().map(|(t, n)| (t.as_str(), *n)));
        members.push((id.clone(), *i));
    }
    for (k, (_, _, members)) in groups.iter().enumerate() {
        let first = &merged_labels(members.iter().map(|(_, i)| &roles[*i]));
        let Role::Score { scale, .. } = first else { continue };
        let want = if *scale == (1, 5) && k == 0 && !scores.iter().any(|s| s.id == "csat") {
            "csat".to_string()
        } else {
            format!("rating_{}_{}", scale.0, scale.1)
        };
        let metric = metric_ids.take(want);
        let _ = writeln!(y, "      - metric: {metric}   # guessed: {} — review", score_why(first));
        for item in reading(first) {
            let _ = writeln!(y, "        {item}");
        }
        y.push_str("        columns:\n");
        for (id, i) in members {
            let _ = writeln!(y, "          {id}: {}", column_ref(header, *i));
        }
    }
}

/// One score role standing for several columns of one scale: the first's, with every label
/// any of them uses (highest value first).
fn merged_labels<'r>(mut roles: impl Iterator<Item = &'r Role>) -> Role {
    let Some(first) = roles.next() else { return Role::Left(String::new()) };
    let mut merged = first.clone();
    if let Role::Score { labels, .. } = &mut merged {
        for r in roles {
            let Role::Score { labels: more, .. } = r else { continue };
            for l in more {
                if !labels.iter().any(|have| have.0 == l.0) {
                    labels.push(l.clone());
                }
            }
        }
        labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    }
    merged
}

/// The dataset's `dimensions:`: the extra breakdowns.
fn write_dimensions(y: &mut String, header: &Header, roles: &[Role]) {
    let dims: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Dimension(_))).collect();
    if dims.is_empty() {
        return;
    }
    y.push_str("    dimensions:           # extra breakdowns (stores, channels, products…)\n");
    let mut dim_ids = Ids::default();
    for i in dims {
        let Role::Dimension(n) = roles[i] else { continue };
        let id = dim_ids.take(slug(&header[i], &format!("dim{}", i + 1)));
        let (col, name) = (column_ref(header, i), q(&readable_name(header, i)));
        let _ = writeln!(y, "      - {{ id: {id}, column: {col}, name: {name} }}   # guessed: {n} values — review");
    }
}

/// The dataset's `multi_select:`: each checkbox question with the options its answers hold.
fn write_multi_selects(y: &mut String, header: &Header, roles: &[Role]) {
    let mut ids = Ids::default();
    let mut written: Vec<&str> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        // A column per option: the question once, with each option's column.
        if let Role::OptionOf { question, .. } = r {
            if written.contains(&question.as_str()) {
                continue;
            }
            written.push(question);
            if ids.0.is_empty() {
                y.push_str("    multi_select:         # \"tick all that apply\": the share choosing each option\n");
            }
            let id = ids.take(slug(question, &format!("choice{}", i + 1)));
            let options: Vec<String> = (i..roles.len())
                .filter_map(|k| match &roles[k] {
                    Role::OptionOf { question: q2, option } if q2 == question => {
                        Some(format!("{}: {}", q(option), column_ref(header, k)))
                    }
                    _ => None,
                })
                .collect();
            let _ = writeln!(
                y,
                "      - {{ id: {id}, name: {}, columns: {{ {} }} }}   # guessed: a column per option, chosen when neither blank nor 0 — review",
                q(question),
                options.join(", ")
            );
            continue;
        }
        let Role::MultiSelect(options, separator) = r else { continue };
        if ids.0.is_empty() {
            y.push_str("    multi_select:         # \"tick all that apply\": the share choosing each option\n");
        }
        let id = ids.take(slug(&header[i], &format!("choice{}", i + 1)));
        let options: Vec<String> = options.iter().map(|o| q(o)).collect();
        let sep = if *separator == ", " { String::new() } else { format!(", separator: {}", q(separator)) };
        let _ = writeln!(
            y,
            "      - {{ id: {id}, column: {}{sep}, options: [{}] }}   # guessed: answers joined with \"{}\" — review the options",
            column_ref(header, i),
            options.join(", "),
            separator
        );
    }
}

/// The closing comment listing the columns left out, and why.
fn write_left_out(y: &mut String, header: &Header, roles: &[Role]) {
    let left: Vec<String> = header
        .iter()
        .zip(roles)
        .filter_map(|(h, r)| match r {
            Role::Left(why) => Some(format!("#   {}: {}", c(&q(h)), c(why))),
            _ => None,
        })
        .collect();
    if !left.is_empty() {
        y.push_str("\n# Columns left out (guessed — review; add them above if they matter):\n");
        for l in left {
            y.push_str(&l);
            y.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_ids() {
        assert_eq!(slug("Inflight wifi service", "x"), "inflight_wifi_service");
        assert_eq!(slug("门店", "dim1"), "dim1");
        assert_eq!(slug("2nd", "x"), "x");
        assert_eq!(slug("NULL", "tp1"), "null_tp1");
        assert_eq!(slug("Yes", "score"), "yes_score");
        assert_eq!(slug("nullable", "x"), "nullable");
        // A question's whole text is cut at a word, within 40 characters.
        assert_eq!(
            slug("Customer support:How satisfied were you with each of the following?", "x"),
            "customer_support_how_satisfied_were_you"
        );
        assert_eq!(slug(&"a".repeat(70), "x"), "a".repeat(40));
    }
}
