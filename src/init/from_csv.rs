//! `cxsite init --from-csv FILE DIR`: guesses a project from one export.
//!
//! The file is opened with the producer's own reader (so what is guessed is what a build will
//! read: the same decoding, delimiter detection and workbook cells), a sample of its rows is
//! profiled column by column, and each column gets a role: respondent, date (and its format),
//! score (0–10 NPS, 1–5, 1–7, 0–1, or text labels such as 非常满意), comment, touchpoint,
//! segment or dimension, or left out (identifiers, e-mail addresses, phone numbers). The
//! generated cxsite.yaml marks every guess with `# guessed: … — review`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use indexmap::IndexMap;

use crate::error::{Diagnostic, Error, Result};
use crate::produce::csv::reader;
use crate::project::FileSpec;

use super::guess::{classify, has_cjk, named, Profile, Role, NA_LABEL, PERSONAL, STATUS};

/// Rows read to guess from.
const SAMPLE_ROWS: usize = 20_000;

/// The encoding a CSV file needs declared: `None` for UTF-8 or a file with a UTF-16 BOM.
fn sniff_encoding(path: &Path) -> Result<Option<&'static encoding_rs::Encoding>> {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(1 << 18).read_to_end(&mut head))
        .map_err(|e| Error::io("read", path, e))?;
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) || head.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Ok(None);
    }
    // UTF-16 without a BOM: every other byte of ASCII text is 0.
    let pairs = head.len() / 2;
    if pairs >= 4 {
        let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        if zero_odd * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16LE));
        }
        if zero_even * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16BE));
        }
    }
    match std::str::from_utf8(&head) {
        Ok(_) => Ok(None),
        // Cut in the middle of a character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok(None),
        // UTF-8 but for a character cut short somewhere: read as UTF-8, that cell skipped.
        Err(_) if reader::plainly_utf8(reader::utf8_profile(&head)) => Ok(Some(encoding_rs::UTF_8)),
        // The guess a build's message would give (Shift-JIS, Big5, GB18030, Windows-1252…).
        Err(_) => Ok(Some(
            reader::guess_encoding(&head)
                .and_then(|(label, _)| encoding_rs::Encoding::for_label(label.as_bytes()))
                .unwrap_or(encoding_rs::WINDOWS_1252),
        )),
    }
}

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
    let out = out.trim_end_matches('_').to_string();
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        fallback.to_string()
    } else {
        out
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
fn c(s: &str) -> String {
    s.chars().map(|ch| if ch.is_control() { ' ' } else { ch }).collect()
}

/// Creates `dir` with a cxsite.yaml guessed from `file` and a copy of the file in `data/`;
/// returns a summary of the guesses for the terminal.
pub fn from_csv(file: &Path, dir: &Path) -> Result<String> {
    super::ensure_empty(dir)?;
    let name = file_name(file)?;
    if !file.is_file() {
        return Err(Error::one(Diagnostic::file(
            file.display().to_string(),
            "cannot open the file: it does not exist",
        )));
    }
    // By content, not name: an .xlsx named .xls is a workbook, a TSV named .xls is text, and a
    // gzip or Numbers file is named for what it is.
    let workbook = reader::sniff_kind(file, &file.display().to_string())?.is_workbook();
    let encoding = if workbook { None } else { sniff_encoding(file)? };
    let (spec, layout) = open_spec(file, encoding, workbook)?;
    let Sample { header, columns, rows } = sample_columns(&spec)?;
    let roles = guess_roles(&header, &columns, layout.export, workbook);
    require_score_or_comment(&spec.display, &header, &roles)?;
    let chinese = header.iter().any(|h| has_cjk(h)) || columns.iter().flatten().take(2000).any(|v| has_cjk(v));

    let yaml =
        write_yaml(&YamlInput { file_name: &name, header: &header, roles: &roles, rows, encoding, chinese, layout });
    too_big(&spec.display, &yaml, &roles)?;
    let yaml_path = write_project(file, dir, &name, &yaml)?;
    let report = summary(rows, &name, &header, &roles);
    // The guesses must build; if they do not, say so rather than leave a broken project.
    if let Err(e) = crate::check(dir, false) {
        return Err(Error::one(Diagnostic::file(
            yaml_path.display().to_string(),
            format!("{report}the guessed project does not build yet; fix it (see docs/config.md):\n{e}"),
        )));
    }
    Ok(report)
}

/// Refuses, before anything is written, guesses that make a cxsite.yaml larger than a build
/// reads (a file of thousands of rating columns): such a project could never load.
fn too_big(display: &str, yaml: &str, roles: &[Role]) -> Result<()> {
    let max = crate::project::MAX_PROJECT_BYTES;
    if yaml.len() as u64 <= max {
        return Ok(());
    }
    let used = roles.iter().filter(|r| !matches!(r, Role::Left(_))).count();
    Err(Error::one(Diagnostic::file(
        display.to_string(),
        format!(
            "the file has {} columns, and the project guessed from them ({used} of them read as scores, touchpoints, comments or breakdowns) would need a cxsite.yaml of {:.1} MiB, over the {} MiB a project file may be; nothing was written. Keep the columns you report on (save a copy of the file without the others) and run `cxsite init --from-csv` on it, or write cxsite.yaml by hand (docs/config.md)",
            roles.len(),
            yaml.len() as f64 / (1u64 << 20) as f64,
            max >> 20
        ),
    )))
}

/// The file's name, as the copy in `data/` and the project's `file:` will spell it.
fn file_name(file: &Path) -> Result<String> {
    Ok(file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", file.display())))?
        .to_string())
}

/// The reader's spec for `file`, with its layout (a preamble above the header and a survey
/// tool's layout) sniffed from the first lines or rows.
fn open_spec(
    file: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    workbook: bool,
) -> Result<(FileSpec, reader::Layout)> {
    let mut spec = FileSpec {
        path: file.to_path_buf(),
        display: file.display().to_string(),
        encoding,
        delimiter: None,
        header_row: 1,
        sheet: None,
        sheet_at: None,
        workbook,
        skip_malformed: true,
        root: None,
        export: None,
    };
    let layout = if workbook { reader::sniff_workbook_layout(&spec)? } else { reader::sniff_layout(&spec)? };
    spec.header_row = layout.header_row;
    spec.export = layout.export;
    Ok((spec, layout))
}

/// The header and up to [`SAMPLE_ROWS`] rows, cell by cell in columns.
struct Sample {
    header: Vec<String>,
    columns: Vec<Vec<String>>,
    rows: usize,
}

/// Reads the sample to guess from; a file with a header and no rows is an error.
fn sample_columns(spec: &FileSpec) -> Result<Sample> {
    let mut table = reader::open(spec)?;
    let header = table.header.clone();
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0;
    while rows < SAMPLE_ROWS {
        match table.next_bytes(&mut rec)? {
            Some(_) => {
                // Undecodable bytes come through as 0xFF; a guess only needs the readable rest.
                for (i, cell) in rec.iter().enumerate().take(header.len()) {
                    columns[i].push(String::from_utf8_lossy(cell).trim().to_string());
                }
                rows += 1;
            }
            None => break,
        }
    }
    drop(table);
    if rows == 0 {
        return Err(Error::one(Diagnostic::file(
            spec.display.clone(),
            "the file has a header but no rows to guess from",
        )));
    }
    Ok(Sample { header, columns, rows })
}

/// Each column's role: classified from its profile, checkbox questions split into options,
/// then one column of each single-column role kept.
fn guess_roles(
    header: &[String],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = classify_columns(header, columns, export, workbook);
    if export == Some(crate::project::Export::GoogleForms) {
        split_checkbox_questions(&mut roles, columns);
    }
    prefer_unique_respondent(&mut roles, columns);
    keep_first_of_each(&mut roles, header);
    roles
}

/// Of several respondent columns, the one whose every value differs (Typeform's `#` token)
/// goes first: a column that repeats its values beside it is not the response's id.
fn prefer_unique_respondent(roles: &mut [Role], columns: &[Vec<String>]) {
    let candidates: Vec<usize> = (0..roles.len()).filter(|i| roles[*i] == Role::Respondent).collect();
    if candidates.len() < 2 {
        return;
    }
    let unique = |i: usize| {
        let filled: Vec<&String> = columns[i].iter().filter(|v| !v.is_empty()).collect();
        filled.iter().collect::<std::collections::HashSet<_>>().len() == filled.len()
    };
    if let Some(best) = candidates.iter().copied().find(|i| unique(*i)) {
        for i in candidates {
            if i != best {
                roles[i] = Role::Left("another respondent id column whose values repeat; the one with a different value on every row is used".into());
            }
        }
    }
}

/// Classifies each column from its sampled values; a survey tool's own metadata is left out.
fn classify_columns(
    header: &[String],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let mut p = Profile::default();
        for v in &columns[i] {
            p.add(v);
        }
        let values: Vec<&str> = columns[i].iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
        roles.push(match export {
            Some(e) if TOOL_METADATA.contains(&h.as_str()) => Role::Left(format!("{} metadata", e.title())),
            _ => classify(h, &p, &values, workbook),
        });
    }
    roles
}

/// A Google Forms checkbox question: its options, split as `multi_select:` will.
fn split_checkbox_questions(roles: &mut [Role], columns: &[Vec<String>]) {
    for (i, r) in roles.iter_mut().enumerate() {
        if matches!(r, Role::Comment | Role::Dimension(_) | Role::Segment(_)) {
            if let Some(options) = super::choices::joined_options(&columns[i]) {
                *r = Role::MultiSelect(options);
            }
        }
    }
}

/// One of each single-column role; a second date, respondent or touchpoint is left out
/// (comment columns are all read: `comment: [a, b]`).
fn keep_first_of_each(roles: &mut [Role], header: &[String]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in roles.iter_mut().enumerate() {
        let kind = match r {
            Role::Respondent => "respondent",
            Role::Date { .. } => "date",
            Role::Touchpoint(_) => "touchpoint",
            _ => continue,
        };
        if let Some(first) = seen.get(kind) {
            *r = Role::Left(format!("another {kind} column; `{}` is used", c(header[*first].as_str())));
        } else {
            seen.insert(kind, i);
        }
    }
}

/// A cxsite project needs a score or a comment column; a file of comments alone makes a
/// comment-only dataset (forum posts, reviews). Without either, says how each column was read.
fn require_score_or_comment(display: &str, header: &[String], roles: &[Role]) -> Result<()> {
    if roles.iter().any(|r| matches!(r, Role::Score { .. } | Role::Comment)) {
        return Ok(());
    }
    let mut d = String::new();
    for (h, r) in header.iter().zip(roles) {
        let _ = write!(d, "\n  {:<24} {}", c(h), describe(r));
    }
    Err(Error::one(Diagnostic::file(
        display.to_string(),
        format!(
            "found no score column (0–10, 1–5, 1–7, 0/1, or labels such as 非常满意 or \"Very satisfied\"), nor a comment column (free text), and a cxsite project needs one of them (`scores:`, `columns.comment` in docs/config.md). The columns were read as:{d}"
        ),
    )))
}

/// Writes the project: `file` copied into `data/` and the guessed cxsite.yaml, whose path
/// is returned.
fn write_project(file: &Path, dir: &Path, name: &str, yaml: &str) -> Result<std::path::PathBuf> {
    let data = dir.join("data");
    fs::create_dir_all(&data).map_err(|e| Error::io("create directory", &data, e))?;
    fs::copy(file, data.join(name)).map_err(|e| Error::io("copy", file, e))?;
    let yaml_path = dir.join(crate::project::PROJECT_FILE);
    fs::write(&yaml_path, yaml).map_err(|e| Error::io("write", &yaml_path, e))?;
    Ok(yaml_path)
}

/// The terminal's summary: rows read, each column's guessed role, then what needs a word of
/// its own: the columns left out as personal data, and a status column whose partial or
/// disqualified responses are read with the rest.
fn summary(rows: usize, name: &str, header: &[String], roles: &[Role]) -> String {
    let mut report = format!("read {rows} rows of {name}; the columns were guessed as:\n");
    for (h, r) in header.iter().zip(roles) {
        let _ = writeln!(report, "  {:<24} {}", c(h), describe(r));
    }
    let left = |prefix: &str| -> Vec<String> {
        header
            .iter()
            .zip(roles)
            .filter(|(_, r)| matches!(r, Role::Left(why) if why.starts_with(prefix)))
            .map(|(h, _)| format!("`{}`", c(h)))
            .collect()
    };
    let personal = left(PERSONAL);
    if !personal.is_empty() {
        let _ = writeln!(
            report,
            "note: left out as personal data (names, contact details): {}; they are never shown nor used to group answers",
            personal.join(", ")
        );
    }
    for s in left(STATUS) {
        let _ = writeln!(
            report,
            "note: {s} marks responses partial or disqualified, and cxsite reads every row: partial and disqualified responses are included; remove those rows from the file if they should not count"
        );
    }
    report
}

fn describe(r: &Role) -> String {
    match r {
        Role::Respondent => "respondent id".into(),
        Role::Date { why, .. } => format!("date ({why})"),
        Role::Score { scale, why, .. } => format!("score [{}, {}]: {why}", scale.0, scale.1),
        Role::Comment => "comment".into(),
        Role::Touchpoint(v) => format!("touchpoint ({} touchpoints)", v.len()),
        Role::Segment(n) => format!("segment ({n} groups)"),
        Role::Dimension(n) => format!("dimension ({n} values)"),
        Role::MultiSelect(o) => format!("multi-select ({} options)", o.len()),
        Role::Left(why) => format!("left out: {why}"),
    }
}

struct YamlInput<'a> {
    file_name: &'a str,
    header: &'a [String],
    roles: &'a [Role],
    rows: usize,
    encoding: Option<&'static encoding_rs::Encoding>,
    chinese: bool,
    layout: reader::Layout,
}

/// Columns a survey tool adds to every export that are neither answers nor breakdowns
/// (Qualtrics' status codes and coordinates, SurveyMonkey's collector, 问卷星's source).
const TOOL_METADATA: [&str; 17] = [
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
    let Role::Score { scale, na_zero, labels, .. } = role else { return Vec::new() };
    let mut out = vec![format!("scale: [{}, {}]", scale.0, scale.1)];
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
fn write_yaml(input: &YamlInput) -> String {
    let YamlInput { file_name, header, roles, rows, chinese, .. } = *input;
    let stem = Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("survey");
    let mut ids = Ids::default();
    let dataset_id = ids.take(slug(stem, "survey"));
    let touchpoint_col = roles.iter().position(|r| matches!(r, Role::Touchpoint(_)));
    let ratings: Vec<usize> =
        (0..roles.len()).filter(|i| matches!(&roles[*i], Role::Score { scale: (1, _), .. })).collect();
    let wide = touchpoint_col.is_none() && ratings.len() >= 3;
    let scores = guess_scores(header, roles, &ratings, wide, &mut ids);
    let loyalty = guess_loyalty(roles, &scores);

    let mut y = String::new();
    write_header_comment(&mut y, file_name, rows);
    write_settings(&mut y, stem, chinese, loyalty.as_deref());
    let journey = write_journey(&mut y, input, touchpoint_col, &ratings, wide);
    write_segments(&mut y, header, roles);
    y.push_str("\ndatasets:\n");
    write_dataset_keys(&mut y, input, &dataset_id, wide, journey.single_tp);
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

/// How the file names column `i`: a name two columns share is written by position, the one way
/// to name either.
fn column_ref(header: &[String], i: usize) -> String {
    if header.iter().filter(|h| **h == header[i]).count() > 1 {
        format!("${}", i + 1)
    } else {
        q(&header[i])
    }
}

/// Guesses the dataset's scores: 0–10 → nps; 1–7 named for effort → ces (mean); the first
/// plain 1–5 → csat. In wide data the touchpoint ratings are left to `touchpoint_scores`.
fn guess_scores(header: &[String], roles: &[Role], ratings: &[usize], wide: bool, ids: &mut Ids) -> Vec<ScoreOut> {
    let mut scores: Vec<ScoreOut> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let Role::Score { scale, .. } = r else { continue };
        if wide && ratings.contains(&i) {
            continue;
        }
        let effort = named(&header[i], &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"]);
        let (want, kind) = match scale {
            (0, 10) => ("nps".to_string(), "nps"),
            (1, 7) if effort => ("ces".to_string(), "mean"),
            (1, 5) if !scores.iter().any(|s| s.id == "csat") => ("csat".to_string(), "rating"),
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

/// Without an NPS, the first yes/no (0–1) score is the outcome key drivers are computed against.
fn guess_loyalty(roles: &[Role], scores: &[ScoreOut]) -> Option<String> {
    if scores.iter().any(|s| s.id == "nps") {
        None
    } else {
        scores.iter().find(|s| matches!(roles[s.column], Role::Score { scale: (0, 1), .. })).map(|s| s.id.clone())
    }
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
fn write_settings(y: &mut String, stem: &str, chinese: bool, loyalty: Option<&str>) {
    let title = if chinese { format!("{stem} 客户体验") } else { format!("{stem} — customer experience") };
    let _ = writeln!(y, "title: {}   # guessed: from the file name — review", q(&title));
    if chinese {
        y.push_str("locale: zh-CN         # guessed: the data is in Chinese — review (en | zh-CN)\n");
        y.push_str("timezone: Asia/Shanghai   # guessed — review: dates are cut into periods in this zone\n");
    } else {
        y.push_str("locale: en            # en | zh-CN: the language of the site\n");
        y.push_str(
            "timezone: UTC         # guessed — review: dates are cut into periods in this zone, e.g. Europe/Paris\n",
        );
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
    touchpoint_col: Option<usize>,
    ratings: &[usize],
    wide: bool,
) -> JourneyOut {
    let YamlInput { header, roles, chinese, .. } = *input;
    let mut tp_ids = Ids::default();
    y.push_str(
        "\n# The customer journey: stages in order, touchpoints in order inside each stage.\njourney:\n  stages:\n",
    );
    let (stage_name, whole) = if chinese { ("体验", "整体体验") } else { ("Experience", "Overall experience") };
    let _ = writeln!(y, "    - id: experience\n      name: {}   # guessed — review: split into your journey's stages\n      touchpoints:", q(stage_name));
    let mut out = JourneyOut { wide_tps: Vec::new(), single_tp: None };
    if let Some(t) = touchpoint_col {
        let Role::Touchpoint(values) = &roles[t] else { unreachable!() };
        // Values differing only in case are one touchpoint.
        let mut seen_lower = Vec::new();
        for (k, v) in values.iter().enumerate() {
            if seen_lower.contains(&v.to_lowercase()) {
                continue;
            }
            seen_lower.push(v.to_lowercase());
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
            let id = tp_ids.take(slug(&header[*i], &format!("tp{}", k + 1)));
            let _ = writeln!(
                y,
                "        - {{ id: {id}, name: {} }}   # guessed: a rating column — review",
                column_ref(header, *i)
            );
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
fn write_segments(y: &mut String, header: &[String], roles: &[Role]) {
    let segs: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).collect();
    if segs.is_empty() {
        return;
    }
    y.push_str("\n# Customer groups: one segment per value of a column (or a rule: see docs/config.md).\nsegments:\n");
    let mut seg_ids = Ids::default();
    for i in segs {
        let Role::Segment(n) = roles[i] else { continue };
        let id = seg_ids.take(slug(&header[i], &format!("segment{}", i + 1)));
        let col = column_ref(header, i);
        let _ = writeln!(y, "  - {{ from_column: {col}, id: {id}, name: {col} }}   # guessed: {n} values — review");
    }
}

/// The dataset's id, path and how its file is read: export layout, header row, encoding,
/// format, fixed touchpoint and date format.
fn write_dataset_keys(y: &mut String, input: &YamlInput, dataset_id: &str, wide: bool, single_tp: Option<&str>) {
    let YamlInput { file_name, roles, encoding, layout, .. } = *input;
    let _ = writeln!(y, "  - id: {dataset_id}\n    path: {}", q(&format!("data/{file_name}")));
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
}

/// The dataset's `columns:`: respondent, date, touchpoint and comment (a list when several
/// columns hold free text).
fn write_columns(y: &mut String, header: &[String], roles: &[Role]) {
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
                cols.push(format!("        - {{ column: {}, label: {} }}", column_ref(header, *i), q(&header[*i])));
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
fn write_scores(y: &mut String, header: &[String], roles: &[Role], scores: &[ScoreOut]) {
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
    header: &[String],
    roles: &[Role],
    wide_tps: &[(String, usize)],
    scores: &[ScoreOut],
    mut metric_ids: Ids,
) {
    y.push_str("    touchpoint_scores:\n");
    let mut groups: IndexMap<String, Vec<(String, usize)>> = IndexMap::new();
    for (id, i) in wide_tps {
        let Role::Score { scale, na_zero, labels, .. } = &roles[*i] else { continue };
        let key = format!("{scale:?}{na_zero}{labels:?}");
        groups.entry(key).or_default().push((id.clone(), *i));
    }
    for (k, (_, members)) in groups.iter().enumerate() {
        let first = &roles[members[0].1];
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

/// The dataset's `dimensions:`: the extra breakdowns.
fn write_dimensions(y: &mut String, header: &[String], roles: &[Role]) {
    let dims: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Dimension(_))).collect();
    if dims.is_empty() {
        return;
    }
    y.push_str("    dimensions:           # extra breakdowns (stores, channels, products…)\n");
    let mut dim_ids = Ids::default();
    for i in dims {
        let Role::Dimension(n) = roles[i] else { continue };
        let id = dim_ids.take(slug(&header[i], &format!("dim{}", i + 1)));
        let col = column_ref(header, i);
        let _ = writeln!(y, "      - {{ id: {id}, column: {col}, name: {col} }}   # guessed: {n} values — review");
    }
}

/// The dataset's `multi_select:`: each checkbox question with the options its answers hold.
fn write_multi_selects(y: &mut String, header: &[String], roles: &[Role]) {
    let mut ids = Ids::default();
    for (i, r) in roles.iter().enumerate() {
        let Role::MultiSelect(options) = r else { continue };
        if ids.0.is_empty() {
            y.push_str("    multi_select:         # \"tick all that apply\": the share choosing each option\n");
        }
        let id = ids.take(slug(&header[i], &format!("choice{}", i + 1)));
        let options: Vec<String> = options.iter().map(|o| q(o)).collect();
        let _ = writeln!(
            y,
            "      - {{ id: {id}, column: {}, options: [{}] }}   # guessed: answers joined with \", \" — review the options",
            column_ref(header, i),
            options.join(", ")
        );
    }
}

/// The closing comment listing the columns left out, and why.
fn write_left_out(y: &mut String, header: &[String], roles: &[Role]) {
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
    }
}
