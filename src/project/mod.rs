//! `cxsite.yaml` → [`Project`]: typed, validated, with references resolved.
//! Knows nothing of CSV or HTML and reads no file in [`parse`]: paths are resolved and
//! checked, and column names matched, where the producer opens the files.

pub mod config;
pub mod files;
pub mod rule;

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use chrono_tz::Tz;
use serde::Serialize;

use crate::error::{hint, Diagnostic, Error, Result};
use config::{Located, RawDataset, RawProject, RawSegment};
pub use rule::Rule;

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
}

impl ScoreDef {
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
    /// Read with calamine rather than as CSV.
    pub workbook: bool,
    /// Skip rows with the wrong number of fields (counted) instead of failing.
    pub skip_malformed: bool,
    /// The project directory that the file must stay inside (resolved where the file is opened).
    pub root: Option<PathBuf>,
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
    pub comment: Option<ColumnName>,
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
    pub datasets: Vec<Dataset>,
    pub lookups: Vec<Lookup>,
    pub events: Vec<Event>,
    /// Star thresholds of league tables; `None`: quintiles of the shrunk scores.
    pub stars: Option<Vec<f64>>,
    /// The team's pages, template overrides and static files.
    pub files: files::ProjectFiles,
    /// Things in cxsite.yaml that are allowed but risky (a small `min_n`), with their place.
    pub warnings: Vec<Diagnostic>,
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
    let text = std::fs::read_to_string(&path).map_err(|e| Error::io("read", &path, e))?;
    let mut project = parse(&text, root)?;
    project.files = files::load(root)?;
    Ok(project)
}

/// Parses and validates project text; `root` is where relative paths start.
pub fn parse(text: &str, root: &Path) -> Result<Project> {
    let raw: RawProject = serde_saphyr::from_str(text).map_err(yaml_error)?;
    Validator::default().project(raw, root)
}

/// Turns a YAML/serde error into a located diagnostic with a did-you-mean for unknown keys,
/// followed by serde-saphyr's snippet of the offending line with a caret.
fn yaml_error(e: serde_saphyr::Error) -> Error {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
    let full = e.to_string();
    let message = first_message_line(&full);
    let mut message = match unknown_field(&message) {
        Some((field, expected)) => {
            let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
            let h = hint(&field, &refs);
            format!("unknown key `{field}`{h}; expected one of: {}", expected.join(", "))
        }
        None => message,
    };
    let snippet: Vec<&str> = full.lines().skip_while(|l| !l.trim_start().starts_with("-->")).collect();
    if !snippet.is_empty() {
        message.push('\n');
        message.push_str(
            &snippet
                .join("\n")
                .replace("<input>", PROJECT_FILE)
                .replace(", set DuplicateKeyPolicy in Options if acceptable", ""),
        );
    }
    Error::one(Diagnostic::at(PROJECT_FILE, line, column, message))
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

/// An absolute http(s) address with a host and nothing a link should not hold.
fn is_web_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let Some(rest) = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty()
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
}

fn pos(l: &Located) -> Pos {
    Pos { line: l.referenced.line(), column: l.referenced.column() }
}

fn column(l: &Located) -> ColumnName {
    ColumnName { name: l.value.trim().to_string(), pos: pos(l) }
}

/// Collects every validation problem before failing, so one run shows them all.
#[derive(Default)]
struct Validator {
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
}

/// Below this `min_n`, a group's number can point at a handful of people.
pub const PRIVATE_MIN_N: u64 = 10;

/// The widest score scale: every value of a scale gets a counter in every group, so
/// `max - min` may be at most this (1,001 values, e.g. `[0, 1000]`).
pub const MAX_SCALE_WIDTH: i64 = 1000;

/// The ends of a score scale lie within ± this, so that sums over them cannot overflow.
pub const MAX_SCALE_END: i64 = 1_000_000;

impl Validator {
    fn error(&mut self, at: Pos, message: impl Into<String>) {
        self.errors.push(Diagnostic::at(PROJECT_FILE, at.line, at.column, message));
    }

    fn warning(&mut self, at: Pos, message: impl Into<String>) {
        self.warnings.push(Diagnostic::at(PROJECT_FILE, at.line, at.column, message));
    }

    fn check_id(&mut self, l: &Located, what: &str, seen: &mut BTreeSet<String>) -> String {
        let id = l.value.trim().to_string();
        if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
            self.error(
                pos(l),
                format!("{what} id `{id}` must be letters, digits, `_` or `-` (it is used in file names)"),
            );
        } else if !seen.insert(id.clone()) {
            self.error(pos(l), format!("duplicate {what} id `{id}`"));
        }
        id
    }

    fn project(mut self, raw: RawProject, root: &Path) -> Result<Project> {
        let locale = match raw.locale.as_ref().map(|l| (l.value.as_str(), pos(l))) {
            None => Locale::EN,
            Some((tag, at)) => Locale::parse(tag).unwrap_or_else(|| {
                self.error(
                    at,
                    format!("unknown locale `{tag}`; expected `en`, `zh-CN` or the tag of a catalogue in locales/ (letters, digits and `-`)"),
                );
                Locale::EN
            }),
        };
        let min_n = match &raw.min_n {
            Some(m) if m.value == 0 => {
                self.error(
                    Pos { line: m.referenced.line(), column: m.referenced.column() },
                    "min_n must be at least 1",
                );
                1
            }
            Some(m) => {
                if m.value < PRIVATE_MIN_N {
                    self.warning(
                        Pos { line: m.referenced.line(), column: m.referenced.column() },
                        format!(
                            "min_n is {}: numbers of groups this small can identify the people in them; \
                             use at least {PRIVATE_MIN_N} (30 is the default) for a site others will read",
                            m.value
                        ),
                    );
                }
                m.value
            }
            None => 30,
        };
        let complementary_suppression = match &raw.complementary_suppression {
            Some(c) if !c.value => {
                self.warning(
                    Pos { line: c.referenced.line(), column: c.referenced.column() },
                    "complementary_suppression is off: a group below min_n can then be worked out by subtracting the published groups from their total; keep it on for a site others will read",
                );
                false
            }
            _ => true,
        };
        let base_url = raw.base_url.as_ref().map(|b| {
            if !is_web_url(&b.value) {
                self.error(
                    pos(b),
                    "base_url must be an absolute `https://` or `http://` address such as \
                     `https://cx.example.com/site` (it is written into every page's links for sharing)",
                );
            }
            b.value.clone()
        });
        let confidence = match &raw.confidence {
            // Above 0.999 the normal quantile runs off to infinity in floating point (0.9999999999999999
            // gave intervals of NaN and a template error); no report needs more.
            Some(c) if !(c.value > 0.5 && c.value <= 0.999) => {
                let at = Pos { line: c.referenced.line(), column: c.referenced.column() };
                self.error(at, format!("confidence must be above 0.5 and at most 0.999 (e.g. 0.95), not {}", c.value));
                0.95
            }
            Some(c) => c.value,
            None => 0.95,
        };
        let timezone = match &raw.timezone {
            None => Tz::UTC,
            Some(t) => t.value.parse::<Tz>().unwrap_or_else(|_| {
                self.error(
                    pos(t),
                    format!("unknown time zone `{}`; use an IANA name such as `Asia/Shanghai` or `UTC`", t.value),
                );
                Tz::UTC
            }),
        };
        let period = match raw.period.as_ref().map(|p| (p.value.as_str(), pos(p))) {
            None | Some(("month", _)) => Period::Month,
            Some(("quarter", _)) => Period::Quarter,
            Some(("week", _)) => Period::Week,
            Some((other, at)) => {
                self.error(
                    at,
                    format!(
                        "unknown period `{other}`{}; expected month, quarter or week",
                        hint(other, &["month", "quarter", "week"])
                    ),
                );
                Period::Month
            }
        };

        let (stages, touchpoints) = self.journey(&raw);
        let mut scores: Vec<ScoreDef> = Vec::new();
        let mut dimensions: Vec<DimensionDef> = Vec::new();
        let mut lookups = Vec::new();
        let mut datasets = Vec::new();
        let mut dataset_ids = BTreeSet::new();
        for d in &raw.datasets {
            let id = self.check_id(&d.id, "dataset", &mut dataset_ids);
            let file = self.file_spec(d, root);
            if let Some(key) = &d.key {
                self.lookup_only(d);
                lookups.push(Lookup { id, file, key: column(key) });
            } else {
                let ds = self.dataset(d, id, file, &touchpoints, &mut scores, &mut dimensions);
                datasets.push(ds);
            }
        }
        if datasets.is_empty() {
            self.error(
                Pos::default(),
                "no response dataset: add a dataset with `scores:` or `touchpoint_scores:` under `datasets:`",
            );
        }
        self.joins(&raw, &mut datasets, &lookups);
        let segments = self.segments(&raw.segments, &datasets);
        let loyalty = match &raw.loyalty {
            Some(l) => {
                let found = scores.iter().position(|s| s.id == l.value);
                if found.is_none() {
                    let ids: Vec<&str> = scores.iter().map(|s| s.id.as_str()).collect();
                    self.error(
                        pos(l),
                        format!(
                            "loyalty score `{}` is not a score of any dataset{}; scores: {}",
                            l.value,
                            hint(&l.value, &ids),
                            ids.join(", ")
                        ),
                    );
                }
                found
            }
            None => scores.iter().position(|s| s.kind == ScoreKind::Nps),
        };
        let events = self.events(&raw);
        let stars = raw.stars.as_ref().map(|s| {
            let t = &s.thresholds.value;
            if t.len() != 4 || t.windows(2).any(|w| w[0] >= w[1]) || t.iter().any(|x| !x.is_finite()) {
                let at = Pos { line: s.thresholds.referenced.line(), column: s.thresholds.referenced.column() };
                self.error(
                    at,
                    "stars.thresholds must be four increasing numbers on the headline metric, e.g. [0, 15, 25, 35]",
                );
            }
            t.clone()
        });
        if !self.errors.is_empty() {
            return Err(Error::Invalid(self.errors));
        }
        Ok(Project {
            root: root.to_path_buf(),
            title: raw.title,
            locale,
            min_n,
            complementary_suppression,
            confidence,
            timezone,
            period,
            loyalty,
            public: raw.public,
            base_url,
            stages,
            touchpoints,
            segments,
            scores,
            dimensions,
            datasets,
            lookups,
            events,
            stars,
            files: files::ProjectFiles::default(),
            warnings: self.warnings,
        })
    }

    fn journey(&mut self, raw: &RawProject) -> (Vec<Stage>, Vec<Touchpoint>) {
        let mut stages = Vec::new();
        let mut touchpoints = Vec::new();
        let mut stage_ids = BTreeSet::new();
        let mut tp_ids = BTreeSet::new();
        if raw.journey.stages.is_empty() {
            self.error(Pos::default(), "journey.stages is empty: list the stages of the customer journey in order");
        }
        for (si, s) in raw.journey.stages.iter().enumerate() {
            let id = self.check_id(&s.id, "stage", &mut stage_ids);
            let mut members = Vec::new();
            for t in &s.touchpoints {
                let tid = self.check_id(&t.id, "touchpoint", &mut tp_ids);
                members.push(touchpoints.len());
                touchpoints.push(Touchpoint {
                    id: tid,
                    name: t.name.clone(),
                    channel: t.channel.clone(),
                    owner: t.owner.clone(),
                    description: t.description.clone(),
                    stage: si,
                });
            }
            stages.push(Stage { id, name: s.name.clone(), description: s.description.clone(), touchpoints: members });
        }
        (stages, touchpoints)
    }

    fn file_spec(&mut self, d: &RawDataset, root: &Path) -> FileSpec {
        let rel = d.path.value.trim();
        let rel_path = Path::new(rel);
        if rel.contains("://") {
            self.error(pos(&d.path), format!("dataset path `{rel}` is a URL; cxsite reads files inside the project only (download it into data/)"));
        } else if rel_path.is_absolute() || rel_path.components().any(|c| matches!(c, Component::ParentDir)) {
            self.error(
                pos(&d.path),
                format!("dataset path `{rel}` must stay inside the project directory (no absolute path, no `..`)"),
            );
        }
        let encoding = match &d.encoding {
            None => None,
            Some(e) => {
                match encoding_rs::Encoding::for_label(e.value.trim().as_bytes()) {
                    // GBK files often hold GB18030-only characters; decoding as GB18030 is a superset.
                    Some(enc) if enc == encoding_rs::GBK => Some(encoding_rs::GB18030),
                    Some(enc) => Some(enc),
                    None => {
                        self.error(pos(e), format!("unknown encoding `{}`; expected utf-8, gbk, gb18030, utf-16le, utf-16be, big5, shift_jis…", e.value));
                        None
                    }
                }
            }
        };
        let delimiter = d.delimiter.as_ref().and_then(|l| match l.value.as_str() {
            "\\t" | "\t" | "tab" => Some(b'\t'),
            s if s.len() == 1 && s.is_ascii() => Some(s.as_bytes()[0]),
            s => {
                self.error(pos(l), format!("delimiter `{s}` must be one ASCII character (`,`, `;`, `|`) or `tab`"));
                None
            }
        });
        let header_row = match &d.header_row {
            Some(h) if h.value == 0 => {
                self.error(
                    Pos { line: h.referenced.line(), column: h.referenced.column() },
                    "header_row counts from 1 (the first row)",
                );
                1
            }
            Some(h) => h.value,
            None => 1,
        };
        let ext = rel_path.extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let workbook = WORKBOOK_EXTENSIONS.contains(&ext.as_str());
        if !workbook && d.sheet.is_some() {
            self.error(pos(&d.path), format!("`sheet:` applies to workbooks (xlsx, xls, ods), not to `{rel}`"));
        }
        FileSpec {
            path: root.join(rel_path),
            display: rel.to_string(),
            encoding,
            delimiter,
            header_row,
            sheet: d.sheet.as_ref().map(|s| s.0.clone()),
            workbook,
            skip_malformed: d.skip_malformed_rows,
            root: Some(root.to_path_buf()),
        }
    }

    fn lookup_only(&mut self, d: &RawDataset) {
        let extra = [
            (!d.scores.is_empty(), "scores"),
            (d.touchpoint_scores.is_some(), "touchpoint_scores"),
            (!d.dimensions.is_empty(), "dimensions"),
            (d.format.is_some(), "format"),
            (d.touchpoint.is_some(), "touchpoint"),
        ];
        for (present, key) in extra {
            if present {
                self.error(
                    pos(&d.id),
                    format!(
                        "dataset `{}` has `key:` (a lookup joined onto responses) and so cannot have `{key}:`",
                        d.id.value
                    ),
                );
            }
        }
    }

    fn dataset(
        &mut self,
        d: &RawDataset,
        id: String,
        file: FileSpec,
        touchpoints: &[Touchpoint],
        scores: &mut Vec<ScoreDef>,
        dimensions: &mut Vec<DimensionDef>,
    ) -> Dataset {
        let format = match d.format.as_ref().map(|f| (f.value.as_str(), pos(f))) {
            None | Some(("long", _)) => Format::Long,
            Some(("wide", _)) => Format::Wide,
            Some((other, at)) => {
                self.error(at, format!("unknown format `{other}`{}; expected `long` (a row per rating) or `wide` (a row per respondent)", hint(other, &["long", "wide"])));
                Format::Long
            }
        };
        let tp_index = |v: &Located| touchpoints.iter().position(|t| t.id == v.value.trim());
        let tp_ids: Vec<&str> = touchpoints.iter().map(|t| t.id.as_str()).collect();
        let fixed_touchpoint = d.touchpoint.as_ref().and_then(|t| {
            let found = tp_index(t);
            if found.is_none() {
                self.error(
                    pos(t),
                    format!("touchpoint `{}` is not in the journey{}", t.value, hint(&t.value, &tp_ids)),
                );
            }
            found
        });
        let mut score_columns = Vec::new();
        for (sid, s) in &d.scores {
            let def = ScoreInput { id: sid, at: pos(&s.column), scale: &s.scale, kind: &s.kind, top_box: &s.top_box };
            if let Some(score) = self.score_def(def, scores) {
                score_columns.push(ScoreColumn {
                    score,
                    column: column(&s.column),
                    reading: reading(&s.na, &s.labels),
                    touchpoint: None,
                });
            }
        }
        for ts in d.touchpoint_scores.iter().flat_map(|g| &g.0) {
            let metric = ts.metric.as_ref().map(|m| m.value.clone()).unwrap_or_else(|| "csat".into());
            let at = ts.metric.as_ref().map(pos).unwrap_or(pos(&d.id));
            let def = ScoreInput { id: &metric, at, scale: &ts.scale, kind: &ts.kind, top_box: &ts.top_box };
            if let Some(score) = self.score_def(def, scores) {
                let r = reading(&ts.na, &ts.labels);
                for (tp, col) in &ts.columns {
                    match touchpoints.iter().position(|t| &t.id == tp) {
                        Some(ti) => score_columns.push(ScoreColumn {
                            score,
                            column: column(col),
                            reading: r.clone(),
                            touchpoint: Some(ti),
                        }),
                        None => self.error(
                            pos(col),
                            format!(
                                "`touchpoint_scores.columns` names touchpoint `{tp}`, which is not in the journey{}",
                                hint(tp, &tp_ids)
                            ),
                        ),
                    }
                }
            }
        }
        if score_columns.is_empty() {
            self.error(pos(&d.id), format!("dataset `{id}` has no `scores:` or `touchpoint_scores:`; add them, or give it `key:` to make it a lookup"));
        }
        if format == Format::Long && d.touchpoint_scores.is_some() {
            self.error(pos(&d.id), format!("dataset `{id}` has `touchpoint_scores:`, which needs `format: wide`"));
        }
        if format == Format::Wide && d.columns.touchpoint.is_some() {
            self.error(pos(&d.id), format!("dataset `{id}` is wide: its touchpoints come from `touchpoint_scores.columns`, not from `columns.touchpoint`"));
        }
        let mut dims = Vec::new();
        for raw in &d.dimensions {
            let bare;
            let (idl, col, name) = match &raw.value {
                config::RawDimension::Column(c) => {
                    bare = Located::new(c.clone(), raw.referenced, raw.defined);
                    (&bare, &bare, None)
                }
                config::RawDimension::Full { id, column, name } => (id, column.as_ref().unwrap_or(id), name.clone()),
            };
            let did = idl.value.trim().to_string();
            if RESERVED_DIMENSIONS.contains(&did.as_str()) {
                self.error(pos(idl), format!("`{did}` is a dimension cxsite computes itself; give this dimension another id with `{{ id: my_{did}, column: {} }}`", col.value));
                continue;
            }
            // A dimension's trend is the dimension `<id>_period`, so `x` and `x_period` cannot both be.
            let clash = did
                .strip_suffix("_period")
                .filter(|stem| RESERVED_DIMENSIONS.contains(stem) || dimensions.iter().any(|x| x.id == *stem))
                .map(|stem| (stem.to_string(), did.clone()))
                .or_else(|| {
                    let trend = format!("{did}_period");
                    dimensions.iter().any(|x| x.id == trend).then(|| (did.clone(), trend))
                });
            if let Some((stem, trend)) = clash {
                self.error(pos(idl), format!("dimension `{did}` clashes in metrics.csv: the trend of `{stem}` is written as dimension `{trend}`; give this dimension another id"));
                continue;
            }
            if did.is_empty() || !did.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
                self.error(pos(idl), format!("dimension id `{did}` must be letters, digits, `_` or `-`; write `{{ id: store, column: \"{}\" }}` to read a column with another name", col.value));
                continue;
            }
            let di = match dimensions.iter().position(|x| x.id == did) {
                Some(i) => i,
                None => {
                    dimensions
                        .push(DimensionDef { id: did.clone(), name: name.clone().unwrap_or_else(|| did.clone()) });
                    dimensions.len() - 1
                }
            };
            if let Some(n) = name {
                dimensions[di].name = n;
            }
            dims.push((di, column(col)));
        }
        Dataset {
            source: d.source.clone().unwrap_or_else(|| id.clone()),
            id,
            file,
            format,
            respondent: d.columns.respondent.as_ref().map(column),
            date: d.columns.date.as_ref().map(column),
            touchpoint_column: d.columns.touchpoint.as_ref().map(column),
            comment: d.columns.comment.as_ref().map(column),
            date_format_written: d.date_format.as_ref().map(|f| f.value.clone()),
            date_format: d.date_format.as_ref().and_then(|f| match date_pattern(&f.value) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.error(pos(f), e);
                    None
                }
            }),
            fixed_touchpoint,
            scores: score_columns,
            dimensions: dims,
            joins: Vec::new(),
            allow_identifiers: d.allow_identifiers,
        }
    }

    /// Registers a score id (or checks it agrees with an earlier dataset's) and returns its index.
    fn score_def(&mut self, s: ScoreInput, scores: &mut Vec<ScoreDef>) -> Option<usize> {
        if s.id.is_empty() || !s.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            self.error(s.at, format!("score id `{}` must be letters, digits or `_`", s.id));
            return None;
        }
        let kind = match s.kind.as_ref().map(|k| (k.value.as_str(), pos(k))) {
            Some(("nps", _)) => ScoreKind::Nps,
            Some(("rating", _)) => ScoreKind::Rating,
            Some(("mean", _)) => ScoreKind::Mean,
            Some((other, at)) => {
                self.error(
                    at,
                    format!(
                        "unknown score type `{other}`{}; expected nps, rating or mean",
                        hint(other, &["nps", "rating", "mean"])
                    ),
                );
                return None;
            }
            None => match s.id {
                "nps" => ScoreKind::Nps,
                "ces" => ScoreKind::Mean,
                _ => ScoreKind::Rating,
            },
        };
        let (min, max) = match (s.scale, kind) {
            (Some(sc), _) => {
                let at = Pos { line: sc.referenced.line(), column: sc.referenced.column() };
                match sc.value.as_slice() {
                    [a, b] if a >= b => {
                        self.error(at, format!("scale of `{}` must be `[min, max]` with min < max, e.g. [1, 5]", s.id));
                        return None;
                    }
                    [a, b]
                        if a.abs_diff(*b) > MAX_SCALE_WIDTH as u64
                            || a.abs_diff(0).max(b.abs_diff(0)) > MAX_SCALE_END as u64 =>
                    {
                        self.error(
                            at,
                            format!(
                                "scale of `{}` is [{a}, {b}], wider than cxsite supports: every value of a scale is counted, so max − min may be at most {MAX_SCALE_WIDTH} and both ends must lie between −{MAX_SCALE_END} and {MAX_SCALE_END}",
                                s.id
                            ),
                        );
                        return None;
                    }
                    [a, b] => (*a, *b),
                    _ => {
                        self.error(at, format!("scale of `{}` must be `[min, max]` with min < max, e.g. [1, 5]", s.id));
                        return None;
                    }
                }
            }
            (None, ScoreKind::Nps) => (0, 10),
            (None, _) => {
                self.error(s.at, format!("score `{}` needs a `scale: [min, max]`", s.id));
                return None;
            }
        };
        if kind == ScoreKind::Nps && (min, max) != (0, 10) {
            self.error(s.at, format!("score `{}` is an NPS and so must use the 0–10 scale, not [{min}, {max}]", s.id));
            return None;
        }
        let top_box = match s.top_box {
            Some(t) if t.value < min || t.value > max => {
                let at = Pos { line: t.referenced.line(), column: t.referenced.column() };
                self.error(at, format!("top_box {} is outside the scale [{min}, {max}]", t.value));
                return None;
            }
            Some(t) => t.value,
            // Top-two box: 4–5 of 1–5, 6–7 of 1–7. A 0–1 outcome counts 1 as positive.
            None => (max - 1).max(min + 1),
        };
        let def = ScoreDef { id: s.id.to_string(), kind, min, max, top_box };
        if !scores.iter().any(|x| x.id == def.id) {
            if let Some((name, other)) = metric_name_clash(&def.id, kind, scores) {
                self.error(s.at, format!("score `{}` would write metric `{name}`, which clashes with a metric of score `{other}` in metrics.csv; give it another id", s.id));
                return None;
            }
        }
        match scores.iter().position(|x| x.id == def.id) {
            Some(i) => {
                let x = &scores[i];
                if (x.kind, x.min, x.max, x.top_box) != (def.kind, def.min, def.max, def.top_box) {
                    self.error(s.at, format!("score `{}` is read differently here than in an earlier dataset (type, scale or top_box differ); give it another id", s.id));
                    return None;
                }
                Some(i)
            }
            None => {
                scores.push(def);
                Some(scores.len() - 1)
            }
        }
    }

    fn joins(&mut self, raw: &RawProject, datasets: &mut [Dataset], lookups: &[Lookup]) {
        let ds_ids: Vec<String> = datasets.iter().map(|d| d.id.clone()).collect();
        let lk_ids: Vec<String> = lookups.iter().map(|d| d.id.clone()).collect();
        for j in &raw.joins {
            let di = ds_ids.iter().position(|d| *d == j.dataset.value);
            let li = lk_ids.iter().position(|d| *d == j.to.value);
            if di.is_none() {
                let refs: Vec<&str> = ds_ids.iter().map(String::as_str).collect();
                self.error(
                    pos(&j.dataset),
                    format!(
                        "join names dataset `{}`, which is not a response dataset{}",
                        j.dataset.value,
                        hint(&j.dataset.value, &refs)
                    ),
                );
            }
            if li.is_none() {
                let refs: Vec<&str> = lk_ids.iter().map(String::as_str).collect();
                self.error(
                    pos(&j.to),
                    format!(
                        "join target `{}` is not a lookup dataset (one with `key:`){}",
                        j.to.value,
                        hint(&j.to.value, &refs)
                    ),
                );
            }
            if let (Some(di), Some(li)) = (di, li) {
                if datasets[di].joins.iter().any(|x| x.lookup == li) {
                    self.error(pos(&j.to), format!("`{}` is joined onto `{}` twice", j.to.value, j.dataset.value));
                }
                datasets[di].joins.push(Join { column: column(&j.column), lookup: li });
            }
        }
    }

    fn segments(&mut self, raw: &[RawSegment], datasets: &[Dataset]) -> Vec<Segment> {
        let mut out = Vec::new();
        let mut ids = BTreeSet::new();
        for s in raw {
            let (kind, at, default_id) = match (&s.when, &s.from_column) {
                (Some(w), None) => match rule::parse(&w.value) {
                    Ok(r) => (SegmentKind::Rule(r), pos(w), None),
                    Err(e) => {
                        self.error(pos(w), format!("segment rule `{}`: {e}", w.value));
                        continue;
                    }
                },
                (None, Some(c)) => (SegmentKind::FromColumn(column(c)), pos(c), Some(c.value.trim().to_string())),
                _ => {
                    let at = s.id.as_ref().map(pos).unwrap_or_default();
                    self.error(
                        at,
                        "a segment needs exactly one of `when:` (a rule) or `from_column:` (one segment per value)",
                    );
                    continue;
                }
            };
            let id = match (&s.id, default_id) {
                (Some(l), _) => self.check_id(l, "segment", &mut ids),
                (None, Some(col)) => {
                    // A column name may hold any text; keep the id to safe characters, and give a
                    // column with none of them (会员等级) an id from its position.
                    let safe: String = col
                        .chars()
                        .map(|c| if c.is_ascii_alphanumeric() || c == '-' { c.to_ascii_lowercase() } else { '_' })
                        .collect();
                    let safe = safe.trim_matches('_').to_string();
                    let id = if safe.is_empty() { format!("segment{}", out.len() + 1) } else { safe };
                    if !ids.insert(id.clone()) {
                        self.error(at, format!("duplicate segment id `{id}`; give this segment an `id:`"));
                    }
                    id
                }
                (None, None) => {
                    self.error(at, "a segment with `when:` needs an `id:`");
                    continue;
                }
            };
            let applies = match &s.datasets {
                None => (0..datasets.len()).collect(),
                Some(list) => list
                    .iter()
                    .filter_map(|l| {
                        let found = datasets.iter().position(|d| d.id == l.value);
                        if found.is_none() {
                            let refs: Vec<&str> = datasets.iter().map(|d| d.id.as_str()).collect();
                            self.error(
                                pos(l),
                                format!(
                                    "segment `{id}` names dataset `{}`, which is not a response dataset{}",
                                    l.value,
                                    hint(&l.value, &refs)
                                ),
                            );
                        }
                        found
                    })
                    .collect(),
            };
            let name = s.name.clone().unwrap_or_else(|| id.clone());
            out.push(Segment { id, name, kind, datasets: applies, explicit_datasets: s.datasets.is_some(), pos: at });
        }
        out
    }

    fn events(&mut self, raw: &RawProject) -> Vec<Event> {
        let mut events: Vec<Event> = raw
            .events
            .iter()
            .filter_map(|e| match NaiveDate::parse_from_str(e.date.value.trim(), "%Y-%m-%d") {
                Ok(date) => Some(Event { date, name: e.name.clone(), description: e.description.clone() }),
                Err(_) => {
                    self.error(pos(&e.date), format!("event date `{}` must be YYYY-MM-DD", e.date.value));
                    None
                }
            })
            .collect();
        events.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        events
    }
}

/// The parts of a score definition shared by `scores:` and `touchpoint_scores:`.
struct ScoreInput<'a> {
    id: &'a str,
    at: Pos,
    scale: &'a Option<serde_saphyr::Spanned<Vec<i64>>>,
    kind: &'a Option<Located>,
    top_box: &'a Option<serde_saphyr::Spanned<i64>>,
}

/// `DD/MM/YYYY HH:mm` → `%d/%m/%Y %H:%M`; a pattern with `%` is taken as chrono's own.
/// Tokens: YYYY, YY, MM or M, DD or D, HH or H, mm, ss. Any other letter is an error, so a
/// pattern that could never match is caught when the project loads.
pub fn date_pattern(s: &str) -> Result<String, String> {
    if s.contains('%') {
        return Ok(s.to_string());
    }
    const TOKENS: [(&str, &str); 10] = [
        ("YYYY", "%Y"),
        ("YY", "%y"),
        ("MM", "%m"),
        ("M", "%m"),
        ("DD", "%d"),
        ("D", "%d"),
        ("HH", "%H"),
        ("H", "%H"),
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
                "date_format `{s}`: `{c}` is not a token; use YYYY, YY, MM, M, DD, D, HH, H, mm, ss (or a chrono pattern such as %d.%m.%Y)"
            ));
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}

fn reading(na: &[config::Scalar], labels: &indexmap::IndexMap<String, i64>) -> Reading {
    Reading {
        na: na.iter().map(|s| s.0.trim().to_lowercase()).collect(),
        labels: labels.iter().map(|(k, v)| (k.trim().to_lowercase(), *v)).collect(),
    }
}

#[cfg(test)]
mod tests;
