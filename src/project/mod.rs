//! `cxsite.yaml` → [`Project`]: typed, validated, with references resolved.
//! Knows nothing of CSV or HTML and reads no file in [`parse`]: paths are resolved and
//! checked, and column names matched, where the producer opens the files.

pub mod choices;
pub mod config;
mod datasets;
pub mod files;
pub mod rule;
mod validate;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{hint, Diagnostic, Error, Result};
use config::RawProject;
pub use datasets::WENJUANXING_NA;
pub use rule::Rule;
use validate::Validator;
pub use validate::{MAX_SCALE_END, MAX_SCALE_WIDTH, PRIVATE_MIN_N};

/// The name of the project file.
pub const PROJECT_FILE: &str = "cxsite.yaml";

/// Interface language of the site: a locale tag such as `en` or `zh-CN`, naming the message
/// catalogue the site is written from (a built-in one, or the project's `locales/<tag>.yaml`).
/// Short and `Copy`: tags are at most [`Locale::MAX_LEN`] bytes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    bytes: [u8; Locale::MAX_LEN],
    len: u8,
}

impl Locale {
    /// The longest tag accepted.
    pub const MAX_LEN: usize = 15;
    /// English, the default.
    pub const EN: Locale = Locale::new_const(b"en");
    /// Simplified Chinese.
    pub const ZH_CN: Locale = Locale::new_const(b"zh-CN");

    const fn new_const(tag: &[u8]) -> Locale {
        let mut bytes = [0; Locale::MAX_LEN];
        let mut i = 0;
        while i < tag.len() {
            bytes[i] = tag[i];
            i += 1;
        }
        Locale { bytes, len: tag.len() as u8 }
    }

    /// A tag as written in cxsite.yaml: `zh` and `zh-cn` mean `zh-CN`; any other tag of
    /// letters, digits and `-` (starting with a letter) names a catalogue file.
    pub fn parse(tag: &str) -> Option<Locale> {
        match tag {
            "zh" | "zh-cn" | "zh-CN" => return Some(Locale::ZH_CN),
            _ => {}
        }
        let ok = !tag.is_empty()
            && tag.len() <= Locale::MAX_LEN
            && tag.starts_with(|c: char| c.is_ascii_alphabetic())
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        ok.then(|| Locale::new_const(tag.as_bytes()))
    }

    /// The BCP 47 tag (`en`, `zh-CN`).
    pub fn tag(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len as usize]).unwrap_or("en")
    }
}

impl std::fmt::Debug for Locale {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Locale({})", self.tag())
    }
}

impl Serialize for Locale {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.tag())
    }
}

/// The length of a reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Month,
    Quarter,
    Week,
}

impl Period {
    /// The period a date falls in: `2024-03` (month), `2024-Q1` (quarter), `2024-W09` (ISO week).
    pub fn key(self, date: NaiveDate) -> String {
        use chrono::Datelike;
        match self {
            Period::Month => format!("{:04}-{:02}", date.year(), date.month()),
            Period::Quarter => format!("{:04}-Q{}", date.year(), (date.month() - 1) / 3 + 1),
            Period::Week => {
                let w = date.iso_week();
                format!("{:04}-W{:02}", w.year(), w.week())
            }
        }
    }
}

/// A place in `cxsite.yaml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Pos {
    pub line: u64,
    pub column: u64,
}

/// A column name together with where the project file wrote it, for located errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ColumnName {
    pub name: String,
    #[serde(skip)]
    pub pos: Pos,
}

/// A journey stage.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// Indices into [`Project::touchpoints`], in journey order.
    pub touchpoints: Vec<usize>,
}

/// A touchpoint.
#[derive(Debug, Clone, Serialize)]
pub struct Touchpoint {
    pub id: String,
    pub name: String,
    pub channel: Option<String>,
    pub owner: Option<String>,
    pub description: Option<String>,
    /// Index into [`Project::stages`].
    pub stage: usize,
    /// Stands for a stage written without touchpoints (data that knows only stages): it has
    /// the stage's id and name, and the navigation lists the stage alone.
    pub implicit: bool,
}

/// How a segment decides membership.
#[derive(Debug, Clone)]
pub enum SegmentKind {
    /// A rule evaluated on every response.
    Rule(Rule),
    /// One segment per distinct value of the column.
    FromColumn(ColumnName),
}

/// A configured segment (or family of segments, for `from_column`).
#[derive(Debug, Clone)]
pub struct Segment {
    /// The id; for `from_column` the prefix of each value's id (`tier:gold`).
    pub id: String,
    pub name: String,
    pub kind: SegmentKind,
    /// Response datasets it is evaluated on (indices into [`Project::datasets`]).
    pub datasets: Vec<usize>,
    /// Whether `datasets:` was written (then every listed dataset must have the columns).
    pub explicit_datasets: bool,
    /// Where it was written.
    pub pos: Pos,
}

/// How a score is summarised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScoreKind {
    /// 0–10 likelihood to recommend: NPS.
    Nps,
    /// A satisfaction-style rating: top-box % (CSAT, 好评率) and mean.
    Rating,
    /// A score summarised by its mean only (CES).
    Mean,
}

/// A score measured in one or more datasets.
#[derive(Debug, Clone, Serialize)]
pub struct ScoreDef {
    pub id: String,
    pub kind: ScoreKind,
    pub min: i64,
    pub max: i64,
    /// Lowest value counted as positive (ratings).
    pub top_box: i64,
    /// Display names by locale tag; the tag `""` names it in every locale.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<(String, String)>,
    /// A lower value is the better one (complaint rate, waiting time).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub lower_better: bool,
    /// An option of a multi-select question, read as 1 (chosen) or 0: (index into
    /// [`Project::multi_selects`], option index). Such a score has only its share in
    /// metrics.csv and is not shown as a score.
    #[serde(skip)]
    pub choice: Option<(usize, usize)>,
}

impl ScoreDef {
    /// A score read as written, with no display name, higher being better.
    pub fn new(id: &str, kind: ScoreKind, min: i64, max: i64, top_box: i64) -> ScoreDef {
        ScoreDef { id: id.into(), kind, min, max, top_box, names: Vec::new(), lower_better: false, choice: None }
    }

    /// Its display name in a locale, when the project gave one.
    pub fn name_in(&self, locale: &str) -> Option<&str> {
        let find = |tag: &str| self.names.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag)).map(|(_, n)| n.as_str());
        find(locale).or_else(|| find(""))
    }

    /// Whether its rating mean is worth a metric: not for a two-value (0/1) label, whose
    /// mean is its top-box share over again.
    pub fn has_mean(&self) -> bool {
        self.kind == ScoreKind::Rating && self.max - self.min > 1
    }

    /// Number of distinct values on the scale.
    pub fn width(&self) -> usize {
        (self.max - self.min + 1) as usize
    }
}

/// A breakdown dimension (store, channel…).
#[derive(Debug, Clone, Serialize)]
pub struct DimensionDef {
    pub id: String,
    pub name: String,
}

/// How one column's cells become score values.
#[derive(Debug, Clone, Default)]
pub struct Reading {
    /// Cell texts (trimmed, lower-cased) meaning "not applicable".
    pub na: Vec<String>,
    /// Cell texts (trimmed, lower-cased) and their values.
    pub labels: Vec<(String, i64)>,
    /// The column's own scale when narrower than the score's: an NPS asked on 1–10 (a 0 is
    /// then outside it); `None` reads on the score's scale.
    pub range: Option<(i64, i64)>,
    /// Values are read as min + max − v of the column's scale (`reverse: true`).
    pub reverse: bool,
}

/// A score read from one column of a dataset, optionally tied to one touchpoint.
#[derive(Debug, Clone)]
pub struct ScoreColumn {
    /// Index into [`Project::scores`].
    pub score: usize,
    pub column: ColumnName,
    pub reading: Reading,
    /// For wide data: the touchpoint this column rates.
    pub touchpoint: Option<usize>,
}

/// The file format of a response dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Long,
    Wide,
}

/// Where a file is and how to decode it.
#[derive(Debug, Clone)]
pub struct FileSpec {
    /// Absolute (or root-joined) path.
    pub path: PathBuf,
    /// The path as written in cxsite.yaml, for messages.
    pub display: String,
    /// The declared encoding; `None`: UTF-8, or UTF-16 when the file starts with its BOM.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The declared delimiter; `None`: detected from the header line.
    pub delimiter: Option<u8>,
    /// 1-based row of the header.
    pub header_row: u64,
    /// Workbooks: sheet name or 1-based position.
    pub sheet: Option<String>,
    /// Where `sheet:` is written in cxsite.yaml (line, column), for messages.
    pub sheet_at: Option<(u64, u64)>,
    /// Read with calamine rather than as CSV.
    pub workbook: bool,
    /// Skip rows with the wrong number of fields (counted) instead of failing.
    pub skip_malformed: bool,
    /// The project directory that the file must stay inside (resolved where the file is opened).
    pub root: Option<PathBuf>,
    /// The survey tool whose export layout the file has (`export:`), if declared.
    pub export: Option<Export>,
}

/// A survey tool whose export layout cxsite reads as the tool writes it (`export:`); see
/// docs/exports.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Export {
    /// Three header rows: question id, question text, ImportId JSON.
    Qualtrics,
    /// Two header rows: the question (over all its columns), then the answer option.
    SurveyMonkey,
    /// One header row of question texts; multi-select answers joined with ", ".
    GoogleForms,
    /// 问卷星: GBK, fixed leading columns (序号, 提交答卷时间…), multi-select joined with ┋.
    Wenjuanxing,
}

impl Export {
    /// The names `export:` accepts.
    pub const NAMES: [&'static str; 4] = ["qualtrics", "surveymonkey", "google_forms", "wenjuanxing"];

    /// The tool named as in cxsite.yaml.
    pub fn parse(name: &str) -> Option<Export> {
        match name {
            "qualtrics" => Some(Export::Qualtrics),
            "surveymonkey" => Some(Export::SurveyMonkey),
            "google_forms" => Some(Export::GoogleForms),
            "wenjuanxing" => Some(Export::Wenjuanxing),
            _ => None,
        }
    }

    /// The name cxsite.yaml uses.
    pub fn name(self) -> &'static str {
        match self {
            Export::Qualtrics => "qualtrics",
            Export::SurveyMonkey => "surveymonkey",
            Export::GoogleForms => "google_forms",
            Export::Wenjuanxing => "wenjuanxing",
        }
    }

    /// The tool's name for people.
    pub fn title(self) -> &'static str {
        match self {
            Export::Qualtrics => "Qualtrics",
            Export::SurveyMonkey => "SurveyMonkey",
            Export::GoogleForms => "Google Forms",
            Export::Wenjuanxing => "问卷星 (Wenjuanxing)",
        }
    }
}

/// A response dataset (survey, tickets, reviews…).
#[derive(Debug, Clone)]
pub struct Dataset {
    pub id: String,
    pub source: String,
    pub file: FileSpec,
    pub format: Format,
    pub respondent: Option<ColumnName>,
    pub date: Option<ColumnName>,
    pub touchpoint_column: Option<ColumnName>,
    /// Free-text columns (`columns.comment`), each with its question.
    pub comments: Vec<CommentColumn>,
    /// Multi-select questions (`multi_select:`).
    pub multi_selects: Vec<DatasetChoice>,
    /// chrono pattern for dates that ISO forms do not cover (`%d/%m/%Y`).
    pub date_format: Option<String>,
    /// The format as cxsite.yaml wrote it (`DD/MM/YYYY`), for messages.
    pub date_format_written: Option<String>,
    /// Every row belongs to this touchpoint.
    pub fixed_touchpoint: Option<usize>,
    pub scores: Vec<ScoreColumn>,
    /// (index into [`Project::dimensions`], column).
    pub dimensions: Vec<(usize, ColumnName)>,
    pub joins: Vec<Join>,
    /// Breakdown values that look like personal identifiers are allowed (`allow_identifiers`).
    pub allow_identifiers: bool,
    /// Rows the tool marks incomplete (Qualtrics `Finished` = 0) are read (`include_incomplete`).
    pub include_incomplete: bool,
    /// The tool's preview and test responses are read (`include_test_responses`).
    pub include_tests: bool,
}

/// A multi-select question (`multi_select:`): one yes/no indicator per option.
#[derive(Debug, Clone, Serialize)]
pub struct MultiSelect {
    pub id: String,
    /// Names by locale tag; the tag `""` names it in every locale.
    pub names: Vec<(String, String)>,
    /// The options as the tool writes them.
    pub options: Vec<String>,
    /// Index into [`Project::scores`] of each option's indicator.
    pub scores: Vec<usize>,
}

impl MultiSelect {
    /// Its name in a locale: the one given for the locale, for every locale, or the id.
    pub fn name(&self, locale: &str) -> &str {
        let find = |tag: &str| self.names.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag)).map(|(_, n)| n.as_str());
        find(locale).or_else(|| find("")).unwrap_or(&self.id)
    }
}

/// How a dataset's file holds a multi-select question.
#[derive(Debug, Clone)]
pub enum ChoiceForm {
    /// One column, the chosen options joined by `separator`.
    Joined { column: ColumnName, separator: String },
    /// A column per option, in the question's option order.
    Columns(Vec<ColumnName>),
}

/// A multi-select question read by a dataset.
#[derive(Debug, Clone)]
pub struct DatasetChoice {
    /// Index into [`Project::multi_selects`].
    pub select: usize,
    pub form: ChoiceForm,
}

/// One comment column of a dataset.
#[derive(Debug, Clone)]
pub struct CommentColumn {
    pub column: ColumnName,
    /// Index into [`Project::questions`].
    pub question: usize,
}

/// A comment question: the comment columns of one id over all datasets.
#[derive(Debug, Clone, Serialize)]
pub struct Question {
    /// `comment:`'s `id`, or the column as written; the `question` column of comments.csv.
    pub id: String,
    /// Labels by locale tag; the tag `""` labels it in every locale.
    pub labels: Vec<(String, String)>,
}

impl Question {
    /// Its label in a locale: the one given for the locale, for every locale, or the id.
    pub fn label(&self, locale: &str) -> &str {
        let find = |tag: &str| self.labels.iter().find(|(t, _)| t.eq_ignore_ascii_case(tag)).map(|(_, n)| n.as_str());
        find(locale).or_else(|| find("")).unwrap_or(&self.id)
    }
}

/// A lookup joined onto a response dataset.
#[derive(Debug, Clone)]
pub struct Join {
    /// Column of the response dataset holding the key.
    pub column: ColumnName,
    /// Index into [`Project::lookups`].
    pub lookup: usize,
}

/// A lookup table (CRM, orders) keyed by one column.
#[derive(Debug, Clone)]
pub struct Lookup {
    pub id: String,
    pub file: FileSpec,
    pub key: ColumnName,
}

/// A dated annotation.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    pub date: NaiveDate,
    pub name: String,
    pub description: Option<String>,
}

/// The validated project.
#[derive(Debug, Clone)]
pub struct Project {
    /// The project directory.
    pub root: PathBuf,
    pub title: String,
    pub locale: Locale,
    pub min_n: u64,
    /// Hide a second figure wherever one hidden group could be worked out from a sum
    /// (`metrics::suppression`).
    pub complementary_suppression: bool,
    pub confidence: f64,
    pub timezone: Tz,
    pub period: Period,
    /// Index into [`Project::scores`] of the loyalty outcome.
    pub loyalty: Option<usize>,
    pub public: bool,
    pub base_url: Option<String>,
    pub stages: Vec<Stage>,
    pub touchpoints: Vec<Touchpoint>,
    pub segments: Vec<Segment>,
    pub scores: Vec<ScoreDef>,
    pub dimensions: Vec<DimensionDef>,
    /// Comment questions, in the order datasets name them.
    pub questions: Vec<Question>,
    /// Multi-select questions, in the order datasets name them.
    pub multi_selects: Vec<MultiSelect>,
    pub datasets: Vec<Dataset>,
    pub lookups: Vec<Lookup>,
    pub events: Vec<Event>,
    /// Star thresholds of league tables; `None`: quintiles of the shrunk scores.
    pub stars: Option<Vec<f64>>,
    /// Comment text analysis settings (`text:`).
    pub text: crate::text::TextConfig,
    /// The team's pages, template overrides and static files.
    pub files: files::ProjectFiles,
    /// Things in cxsite.yaml that are allowed but risky (a small `min_n`), with their place.
    pub warnings: Vec<Diagnostic>,
}

impl Project {
    /// Whether comments are shown with their question: some dataset reads several comment
    /// columns (with one, the question goes without saying).
    pub fn shows_questions(&self) -> bool {
        self.datasets.iter().any(|d| d.comments.len() > 1)
    }
}

/// File extensions read as workbooks (calamine) rather than as CSV.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Suffixes a derived metric appends to a score's metric name in metrics.csv
/// (`<metric>_<suffix>`; see `metrics::ids`). A score id may not be another score's metric
/// name plus one of these, or two rows of metrics.csv would share a name.
pub const DERIVED_METRIC_SUFFIXES: &[&str] =
    &["mean", "change", "harshness", "shrunk", "rank", "stars", "driver_r", "driver_gap", "driver_weight", "driver_r2"];

/// Derived suffixes that continue with a partition id (`nps_mix_touchpoint`).
pub const DERIVED_METRIC_PREFIXES: &[&str] = &["mix_", "within_"];

/// The base metric names a score yields in metrics.csv: its id, and `<id>_mean` for a rating.
pub fn base_metric_names(id: &str, kind: ScoreKind) -> Vec<String> {
    match kind {
        ScoreKind::Rating => vec![id.to_string(), format!("{id}_mean")],
        ScoreKind::Nps | ScoreKind::Mean => vec![id.to_string()],
    }
}

/// Whether metric name `a` is, or derives a name equal to, metric name `b`'s derived names.
fn derives_from(a: &str, b: &str) -> bool {
    a.strip_prefix(b).and_then(|r| r.strip_prefix('_')).is_some_and(|rest| {
        DERIVED_METRIC_SUFFIXES.contains(&rest) || DERIVED_METRIC_PREFIXES.iter().any(|p| rest.starts_with(p))
    })
}

/// The first clash between a new score's metric names and those of earlier scores, as
/// (new name, earlier score id).
fn metric_name_clash(id: &str, kind: ScoreKind, earlier: &[ScoreDef]) -> Option<(String, String)> {
    let mine = base_metric_names(id, kind);
    earlier.iter().find_map(|e| {
        let theirs = base_metric_names(&e.id, e.kind);
        mine.iter()
            .find(|m| theirs.iter().any(|t| *m == t || derives_from(m, t) || derives_from(t, m)))
            .map(|m| (m.clone(), e.id.clone()))
    })
}

/// Dimension names cxsite itself uses in metrics.csv; a configured dimension may not take them.
pub const RESERVED_DIMENSIONS: &[&str] =
    &["overall", "stage", "touchpoint", "segment", "period", "touchpoint_segment", "touchpoint_period", "source"];

/// Reads and validates `ROOT/cxsite.yaml`.
pub fn load(root: &Path) -> Result<Project> {
    let path = root.join(PROJECT_FILE);
    // A project file is a page or two of YAML; a huge one is a mistake or an attack.
    const MAX_BYTES: u64 = 1 << 20;
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) > MAX_BYTES {
        return Err(Error::one(Diagnostic::file(
            PROJECT_FILE,
            "the project file is larger than 1 MiB; it should describe the data, not hold it",
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let text = project_text(bytes)?;
    let mut project = parse(&text, root)?;
    let private: Vec<&Path> = project
        .datasets
        .iter()
        .map(|d| d.file.path.as_path())
        .chain(project.lookups.iter().map(|l| l.file.path.as_path()))
        .collect();
    project.files = files::load(root, &private)?;
    Ok(project)
}

/// The project file's text. UTF-8 (with or without its byte-order mark) is read as it is,
/// and so is UTF-16 with its byte-order mark (Windows Notepad's "Unicode"); anything else is
/// an error at the first byte that is not UTF-8, naming the encoding it looks like.
pub(crate) fn project_text(bytes: Vec<u8>) -> Result<String> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
        Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(enc) = utf16 {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[2..]);
        if !bad {
            return Ok(text.into_owned());
        }
        return Err(Error::one(Diagnostic::file(
            PROJECT_FILE,
            format!("{PROJECT_FILE} starts as {} but is not valid in it; save it as UTF-8", enc.name()),
        )));
    }
    let e = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let at = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    let nuls = bytes.iter().take(4096).filter(|&&b| b == 0).count();
    let looks = if nuls * 4 >= bytes.len().min(4096) {
        "UTF-16 without a byte-order mark"
    } else if encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes).is_some() {
        "GBK (GB18030), as Windows Notepad saves it on Chinese Windows"
    } else {
        "Windows-1252 (Latin-1)"
    };
    Err(Error::one(Diagnostic::at(
        PROJECT_FILE,
        line,
        column,
        format!("{PROJECT_FILE} must be UTF-8; it looks like {looks}: save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)"),
    )))
}

/// Parses and validates project text; `root` is where relative paths start.
///
/// Invisible format characters (a zero-width space, a byte-order mark, a bidirectional mark:
/// see [`crate::aggregate::redact::strip_invisible`]) are taken out of the whole text first, as
/// they are out of every cell a value is compared with: a rule value, an `na:` word, a label, a
/// touchpoint id or an option pasted with one matches what it looks like.
pub fn parse(text: &str, root: &Path) -> Result<Project> {
    let text = &*crate::aggregate::redact::strip_invisible(text);
    let raw: RawProject = serde_saphyr::from_str(text).map_err(|e| yaml_error(e, text))?;
    Validator::default().project(raw, root)
}

/// Turns a YAML/serde error into a located diagnostic with a did-you-mean for unknown keys,
/// followed by serde-saphyr's snippet of the offending line with a caret.
fn yaml_error(e: serde_saphyr::Error, text: &str) -> Error {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
    let full = e.to_string();
    let message = first_message_line(&full);
    if message.starts_with("multiple YAML documents") {
        // The `---` that starts a second document: the last such line before the error.
        let at = text
            .lines()
            .take(line as usize)
            .enumerate()
            .filter(|(_, l)| *l == "---" || l.starts_with("--- "))
            .map(|(i, _)| i as u64 + 1)
            .last()
            .unwrap_or(line);
        return Error::one(Diagnostic::at(
            PROJECT_FILE,
            at,
            1,
            format!("{PROJECT_FILE} holds more than one YAML document (a `---` line at line {at}); keep one"),
        ));
    }
    let mut message = match unknown_field(&message) {
        Some((field, expected)) => {
            let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
            let h = hint(&field, &refs);
            format!("unknown key `{field}`{h}; expected one of: {}", expected.join(", "))
        }
        None => match plain_expectation(&message) {
            Some(expected) => format!("expected {expected}, not {}", found_at(text, line as usize, column as usize)),
            None => message,
        },
    };
    // serde-saphyr draws its own snippet; the command line draws one for every located
    // error (crate::diagnostics), so only the message is kept.
    message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    Error::one(Diagnostic::at(PROJECT_FILE, line, column, message))
}

/// What a YAML value of the wrong kind should have been, in words, for the parser's terms
/// ("invalid u64", "expected sequence start"); `None` for messages already in words.
pub(crate) fn plain_expectation(message: &str) -> Option<&'static str> {
    Some(match message {
        "invalid u8" | "invalid u16" | "invalid u32" | "invalid u64" | "invalid usize" => "a whole number, 0 or more",
        "invalid i8" | "invalid i16" | "invalid i32" | "invalid i64" | "invalid isize" => "a whole number",
        "invalid floating point" | "invalid f32" | "invalid f64" => "a number",
        "expected string scalar" => "a text value",
        "expected sequence start" => "a list: `[a, b]`, or one `- item` per line",
        "expected mapping start" => "keys with values: `key: value` lines, or `{ key: value }`",
        m if m.starts_with("invalid boolean") => "`true` or `false`",
        _ => return None,
    })
}

/// The value written at `line`:`column` (1-based) of the project text, for "expected …, not
/// `many`": a scalar up to the end of its line (or of its flow item), or the kind of a list
/// or mapping.
pub(crate) fn found_at(text: &str, line: usize, column: usize) -> String {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else { return "what is written".into() };
    let rest: String = row.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim();
    let value = match rest.chars().next() {
        None | Some('#') => {
            // A block below the key: a list when its first line starts with `- `.
            let below = text.lines().skip(line).map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
            return match below {
                Some(l) if l.starts_with("- ") || l == "-" => "a list".into(),
                Some(l) if l.contains(':') => "keys with values".into(),
                _ => "an empty value".into(),
            };
        }
        Some('[') => return "a list".into(),
        // A block list item (`- stage: buy`) is a list, whatever its items hold.
        Some('-') if rest == "-" || rest.starts_with("- ") => return "a list".into(),
        Some('{') => return "keys with values".into(),
        Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
            Some(end) => &rest[..end + 2],
            None => rest,
        },
        Some(_) if rest.ends_with(':') || rest.contains(": ") => return "keys with values".into(),
        Some(_) => {
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            let end = rest[..end].find(" #").unwrap_or(end);
            rest[..end].trim_end()
        }
    };
    let short: String = value.chars().take(40).collect();
    let tail = if short.len() < value.len() { "…" } else { "" };
    format!("`{short}{tail}`")
}

/// The message of serde-saphyr's error, without its own location prefix or advice meant for
/// programmers ("set DuplicateKeyPolicy…").
fn first_message_line(full: &str) -> String {
    let mut line = full.lines().next().unwrap_or(full).trim();
    line = line.strip_prefix("error: ").unwrap_or(line);
    if line.starts_with("line ") {
        if let Some(i) = line.find(": ") {
            line = &line[i + 2..];
        }
    }
    let line = line.split(", set DuplicateKeyPolicy").next().unwrap_or(line);
    line.to_string()
}

/// Parses serde's "unknown field `x`, expected one of a, b" into (x, [a, b]).
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let list = rest.split_once("expected ").map(|(_, l)| l).unwrap_or("");
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let expected = list
        .split(", ")
        .flat_map(|x| x.split(" or "))
        .map(|x| x.trim().trim_matches('`').to_string())
        .filter(|x| !x.is_empty())
        .collect();
    Some((field.to_string(), expected))
}

/// `DD/MM/YYYY HH:mm` → `%d/%m/%Y %H:%M`; a pattern with `%` is taken as chrono's own.
/// Tokens: YYYY, YY, MM or M, DD or D, HH or H (24-hour), hh or h (12-hour) with A (AM/PM),
/// mm, ss. Any other letter is an error, so a
/// pattern that could never match is caught when the project loads.
pub fn date_pattern(s: &str) -> Result<String, String> {
    // `excel`: Excel serial day numbers (45384, 45384.5) in a CSV, as in a workbook.
    if s == "excel" || s.contains('%') {
        return Ok(s.to_string());
    }
    const TOKENS: [(&str, &str); 13] = [
        ("YYYY", "%Y"),
        ("YY", "%y"),
        ("MM", "%m"),
        ("M", "%m"),
        ("DD", "%d"),
        ("D", "%d"),
        ("HH", "%H"),
        ("H", "%H"),
        // A 12-hour clock and its AM / PM (`3/14/2024 5:23 PM`, US exports).
        ("hh", "%I"),
        ("h", "%I"),
        ("A", "%p"),
        ("mm", "%M"),
        ("ss", "%S"),
    ];
    let mut out = String::new();
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for (t, f) in TOKENS {
            if let Some(r) = rest.strip_prefix(t) {
                out.push_str(f);
                rest = r;
                continue 'outer;
            }
        }
        if c.is_alphabetic() {
            return Err(format!(
                "date_format `{s}`: `{c}` is not a token; use YYYY, YY, MM, M, DD, D, HH, H, hh, h, A, mm, ss (or a chrono pattern such as %d.%m.%Y)"
            ));
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
