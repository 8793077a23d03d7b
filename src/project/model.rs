//! The typed project: what cxsite.yaml describes once read and checked — journey, segments,
//! scores, datasets, lookups and events.

use std::path::PathBuf;

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use super::{files, Rule};
use crate::error::Diagnostic;

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

    /// A tag as written in cxsite.yaml: `zh` and `zh-cn` mean `zh-CN`, `EN` means `en`; any other tag of
    /// letters, digits and `-` (starting with a letter) names a catalogue file.
    pub fn parse(tag: &str) -> Option<Locale> {
        // The built-in ones in any case (`EN`, `zh-cn`), as tags are case-insensitive.
        match tag.to_ascii_lowercase().as_str() {
            "en" => return Some(Locale::EN),
            "zh" | "zh-cn" => return Some(Locale::ZH_CN),
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

    /// The first day of the period a key names (`2024-03`, `2024-Q1`, `2024-W09`); `None`
    /// for a key of another length of period.
    pub fn start(self, key: &str) -> Option<NaiveDate> {
        let (year, rest) = key.split_once('-')?;
        let year: i32 = year.parse().ok()?;
        match self {
            Period::Month => NaiveDate::from_ymd_opt(year, rest.parse().ok()?, 1),
            Period::Quarter => {
                let q: u32 = rest.strip_prefix('Q')?.parse().ok()?;
                (1..=4).contains(&q).then(|| NaiveDate::from_ymd_opt(year, 3 * q - 2, 1)).flatten()
            }
            Period::Week => {
                NaiveDate::from_isoywd_opt(year, rest.strip_prefix('W')?.parse().ok()?, chrono::Weekday::Mon)
            }
        }
    }

    /// Every period from the first of `periods` (sorted keys) to the last, the empty ones
    /// between included, so that a trend shows a month without answers as a gap rather than
    /// drawing its neighbours side by side. When that would be more than `cap` periods (a
    /// stray date decades away), or a key cannot be read, `periods` as they are.
    pub fn calendar(self, periods: &[String], cap: usize) -> Vec<String> {
        let (Some(first), Some(last)) = (periods.first(), periods.last()) else { return Vec::new() };
        let (Some(mut day), Some(end)) = (self.start(first), self.start(last)) else { return periods.to_vec() };
        let mut out = Vec::new();
        while day <= end {
            if out.len() == cap {
                return periods.to_vec();
            }
            out.push(self.key(day));
            let next = match self {
                Period::Month => day.checked_add_months(chrono::Months::new(1)),
                Period::Quarter => day.checked_add_months(chrono::Months::new(3)),
                Period::Week => day.checked_add_days(chrono::Days::new(7)),
            };
            let Some(next) = next else { break };
            day = next;
        }
        // Every period with answers must be on it (they are, unless a key was not this kind's).
        if periods.iter().all(|p| out.binary_search(p).is_ok()) {
            out
        } else {
            periods.to_vec()
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
    /// For `from_column`: the most values that get a page, a place in the segment lists and
    /// harshness (those with the most answers); the others are in metrics.csv only.
    pub max_pages: usize,
    /// With `from_column`, the values in the order they are listed (`order:`), as written;
    /// values not listed follow, largest first.
    pub order: Vec<String>,
    /// Where it was written.
    pub pos: Pos,
}

/// The most values of a `from_column` segment family that get pages, unless `max_pages:` says.
pub const DEFAULT_MAX_PAGES: usize = 100;

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
///
/// Values are counted in steps: `min`, `max`, `top_box` and every value read are whole
/// numbers of steps of `1 / per_point` of a point. A scale of whole points (nearly all) has
/// `per_point` 1, so a step is a point; a rating in half stars (`step: 0.5`, 大众点评's 4.5星)
/// has 2, so 1–5 is counted as 2–10. Histograms stay integer counts per step, and what is shown
/// (a mean, a scale's ends, a value) is turned back into points ([`ScoreDef::points`]).
#[derive(Debug, Clone)]
pub struct ScoreDef {
    pub id: String,
    pub kind: ScoreKind,
    /// Lowest value, in steps.
    pub min: i64,
    /// Highest value, in steps.
    pub max: i64,
    /// Lowest value counted as positive (ratings), in steps.
    pub top_box: i64,
    /// Steps per point: 1 for whole points, 2 for half points (`step: 0.5`), 10 for tenths.
    pub per_point: i64,
    /// Display names by locale tag; the tag `""` names it in every locale.
    pub names: Vec<(String, String)>,
    /// A lower value is the better one (complaint rate, waiting time).
    pub lower_better: bool,
    /// An option of a multi-select question, read as 1 (chosen) or 0: (index into
    /// [`Project::multi_selects`], option index). Such a score has only its share in
    /// metrics.csv and is not shown as a score.
    pub choice: Option<(usize, usize)>,
}

/// `points` counted in steps of `1 / per_point` of a point (4.5 is step 9 of a half-point
/// scale), if it falls on one: how a value, a label or a top box written in points is counted.
pub fn points_in_steps(points: f64, per_point: i64) -> Option<i64> {
    let steps = points * per_point as f64;
    (steps.is_finite() && steps.abs() < 1e15 && (steps - steps.round()).abs() < 1e-6).then_some(steps.round() as i64)
}

/// Why a value is no value of a scale counted in parts of a point: it falls between two steps.
pub fn between_steps(per_point: i64) -> String {
    format!("not on the scale's steps of {}", 1.0 / per_point as f64)
}

/// A value in points as metrics.json writes it: a whole number without a decimal point.
#[derive(Serialize)]
#[serde(untagged)]
enum Point {
    Whole(i64),
    Part(f64),
}

impl ScoreDef {
    fn point(&self, steps: i64) -> Point {
        if steps % self.per_point == 0 {
            Point::Whole(steps / self.per_point)
        } else {
            Point::Part(self.points(steps))
        }
    }
}

/// metrics.json's `scores`: the scale in points (as cxsite.yaml writes it), and its `step`
/// where it is not whole points.
impl Serialize for ScoreDef {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Shown<'a> {
            id: &'a str,
            kind: ScoreKind,
            min: Point,
            max: Point,
            top_box: Point,
            #[serde(skip_serializing_if = "Option::is_none")]
            step: Option<f64>,
            #[serde(skip_serializing_if = "<[_]>::is_empty")]
            names: &'a [(String, String)],
            #[serde(skip_serializing_if = "std::ops::Not::not")]
            lower_better: bool,
        }
        Shown {
            id: &self.id,
            kind: self.kind,
            min: self.point(self.min),
            max: self.point(self.max),
            top_box: self.point(self.top_box),
            step: (self.per_point != 1).then(|| 1.0 / self.per_point as f64),
            names: &self.names,
            lower_better: self.lower_better,
        }
        .serialize(s)
    }
}

/// `v` turned so that more is better: negated when `lower_better` (see
/// [`ScoreDef::favourable`]).
pub fn favourable(lower_better: bool, v: f64) -> f64 {
    if lower_better {
        -v
    } else {
        v
    }
}

impl ScoreDef {
    /// A score read as written, with no display name, higher being better.
    pub fn new(id: &str, kind: ScoreKind, min: i64, max: i64, top_box: i64) -> ScoreDef {
        ScoreDef {
            id: id.into(),
            kind,
            min,
            max,
            top_box,
            per_point: 1,
            names: Vec::new(),
            lower_better: false,
            choice: None,
        }
    }

    /// A value counted in steps, in points (4.5 for step 9 of a half-point scale).
    pub fn points(&self, steps: i64) -> f64 {
        steps as f64 / self.per_point as f64
    }

    /// A value counted in steps, written in points as the site shows a scale's value: `4`,
    /// `4.5` (with a point: the catalogue's number format is for statistics, not scale values).
    pub fn show(&self, steps: i64) -> String {
        match self.point(steps) {
            Point::Whole(v) => v.to_string(),
            Point::Part(v) => format!("{v}"),
        }
    }

    /// The scale's ends in points.
    pub fn range(&self) -> (f64, f64) {
        (self.points(self.min), self.points(self.max))
    }

    /// Count, sum and sum of squares of a histogram of this score, in points.
    pub fn moments(&self, counts: &[u64]) -> crate::metrics::mean::Moments {
        crate::metrics::mean::Moments::from_histogram(counts, self.min).in_points(self.per_point)
    }

    /// `v` (a value, gap or difference of this score) turned so that more is better: as it is,
    /// or negated where lower is better. Every "worse side" and "best first" reads it.
    pub fn favourable(&self, v: f64) -> f64 {
        favourable(self.lower_better, v)
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
    /// The values in the order they are listed (`order:`), as written; values not listed
    /// follow in their usual order (A–Z).
    #[serde(skip)]
    pub order: Vec<String>,
}

/// Where `value` stands in an `order:` list (of a `from_column` segment or a dimension);
/// `None` when not listed.
pub fn listed_at(order: &[String], value: &str) -> Option<usize> {
    order.iter().position(|o| same_value(o, value))
}

/// Whether an `order:` entry names a value: compared as a rule compares text, case and runs
/// of spaces aside (`Gold` is `gold`, `Key  Account` is `key account`).
pub fn same_value(listed: &str, value: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    norm(listed) == norm(value)
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
    /// Where `path:` is written in cxsite.yaml (line, column), for messages.
    pub path_at: Option<(u64, u64)>,
    /// The declared encoding; `None`: UTF-8, or UTF-16 when the file starts with its BOM.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// The declared delimiter; `None`: detected from the header line.
    pub delimiter: Option<u8>,
    /// 1-based row of the header.
    pub header_row: u64,
    /// Where `header_row:` is written in cxsite.yaml (line, column), for messages.
    pub header_row_at: Option<(u64, u64)>,
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

impl FileSpec {
    /// ` (`key:` at cxsite.yaml:L:C)` for a setting written at `at`, or nothing: appended to
    /// a message about the file that the setting explains, so the fix is one look away.
    pub fn setting_at(key: &str, at: Option<(u64, u64)>) -> String {
        at.map(|(line, column)| format!(" (`{key}:` at {}:{line}:{column})", crate::project::PROJECT_FILE))
            .unwrap_or_default()
    }
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
    /// `date_timezone:`: the zone the date column's local times are in, whatever the file's
    /// header declares; `None`: the file's declaration, else the project's `timezone`.
    pub date_timezone: Option<chrono_tz::Tz>,
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
    /// `keep_rows:` then `drop_rows:`, in the order written.
    pub row_filters: Vec<RowFilter>,
}

/// A row filter: `keep_rows:` (a row is read only when its column holds one of `values`) or
/// `drop_rows:` (a row whose column holds one is left out). Values are compared as `order:`
/// entries are ([`same_value`]).
#[derive(Debug, Clone, Serialize)]
pub struct RowFilter {
    /// `keep_rows` (true) or `drop_rows`.
    pub keep: bool,
    pub column: ColumnName,
    /// The listed values, trimmed.
    pub values: Vec<String>,
    /// Each listed value as [`lower_words`] gives it, worked out once rather than on every row.
    #[serde(skip)]
    keys: Vec<String>,
}

impl RowFilter {
    /// A filter of `column` listing `values`.
    pub fn new(keep: bool, column: ColumnName, values: Vec<String>) -> RowFilter {
        let keys = values.iter().map(|v| lower_words(v).collect()).collect();
        RowFilter { keep, column, values, keys }
    }

    /// `keep_rows` or `drop_rows`, as written in cxsite.yaml.
    pub fn key(&self) -> &'static str {
        if self.keep {
            "keep_rows"
        } else {
            "drop_rows"
        }
    }

    /// The index of the listed value `cell` is, if any ([`same_value`], without allocating:
    /// a filter is asked on every row).
    pub fn listed(&self, cell: &str) -> Option<usize> {
        self.keys.iter().position(|k| k.chars().eq(lower_words(cell)))
    }
}

/// `s` in lower case, each word followed by one space: what [`same_value`] compares.
fn lower_words(s: &str) -> impl Iterator<Item = char> + '_ {
    s.split_whitespace().flat_map(|w| w.chars().flat_map(char::to_lowercase).chain(std::iter::once(' ')))
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

    /// Whether comments are analysed (themes, keywords, sentiment); see [`analyses_comments`].
    pub fn analyses_comments(&self) -> bool {
        analyses_comments(self.text.enabled, &self.datasets)
    }
}

/// Whether comments are analysed: the project asked (`text:`), or a dataset is comments
/// only; and some dataset has comments.
pub fn analyses_comments(text_enabled: bool, datasets: &[Dataset]) -> bool {
    let text_only = datasets.iter().any(|d| !d.comments.is_empty() && d.scores.is_empty());
    (text_enabled || text_only) && datasets.iter().any(|d| !d.comments.is_empty())
}

/// File extensions read as workbooks (calamine) rather than as CSV.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

#[cfg(test)]
mod row_filter_tests {
    use super::*;

    #[test]
    fn a_row_filter_finds_its_values_as_order_entries_are_found() {
        let f = RowFilter::new(
            true,
            ColumnName { name: "Status".into(), pos: Pos::default() },
            vec!["APPROVED".into(), "Key  Account".into()],
        );
        for (cell, at) in
            [("approved", Some(0)), (" Approved ", Some(0)), ("key account", Some(1)), ("KEY\tACCOUNT", Some(1))]
        {
            assert_eq!(f.listed(cell), at, "{cell}");
            assert_eq!(f.listed(cell).is_some(), f.values.iter().any(|v| same_value(v, cell)), "{cell}");
        }
        for cell in ["", "approve", "approved!", "keyaccount", "REJECTED"] {
            assert_eq!(f.listed(cell), None, "{cell}");
        }
    }
}
