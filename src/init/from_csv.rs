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
use crate::produce::csv::{reader, value};
use crate::project::FileSpec;

/// Rows read to guess from.
const SAMPLE_ROWS: usize = 20_000;

/// Distinct values kept (in order of appearance) per column.
const MAX_DISTINCT: usize = 1000;

/// Most values a dimension may have (stores of a chain: hundreds).
const MAX_DIMENSION_VALUES: usize = 500;

/// The value a not-applicable word gets among the labels: none; it is written to `na:`.
const NA_LABEL: i64 = i64::MIN;

/// Most touchpoints a touchpoint column may have.
const MAX_TOUCHPOINTS: usize = 30;

/// Known text scales: label → value.
const LABEL_SETS: &[&[(&str, i64)]] = &[
    &[
        ("非常满意", 5),
        ("很满意", 5),
        ("满意", 4),
        ("比较满意", 4),
        ("一般", 3),
        ("不满意", 2),
        ("比较不满意", 2),
        ("非常不满意", 1),
        ("很不满意", 1),
    ],
    &[("非常同意", 5), ("同意", 4), ("一般", 3), ("不同意", 2), ("非常不同意", 1)],
    &[
        ("very satisfied", 5),
        ("satisfied", 4),
        ("neutral", 3),
        ("neither satisfied nor dissatisfied", 3),
        ("dissatisfied", 2),
        ("very dissatisfied", 1),
    ],
    &[
        ("strongly agree", 5),
        ("agree", 4),
        ("neither agree nor disagree", 3),
        ("neutral", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[("satisfied", 1), ("neutral or dissatisfied", 0)],
];

/// What a column is taken to be.
#[derive(Debug, Clone, PartialEq)]
enum Role {
    Respondent,
    Date { format: Option<String>, why: String },
    Score { scale: (i64, i64), na_zero: bool, labels: Vec<(String, i64)>, why: String },
    Comment,
    Touchpoint(Vec<String>),
    Segment(usize),
    Dimension(usize),
    Left(String),
}

/// One column's profile over the sample.
#[derive(Default)]
struct Profile {
    filled: usize,
    /// Distinct values with their counts, the first [`MAX_DISTINCT`].
    distinct: IndexMap<String, usize>,
    overflow: bool,
    /// Every distinct value, for an exact uniqueness test.
    all: std::collections::HashSet<String>,
    /// Whole numbers (also `10 - Extremely likely`, `5分`) and how often each occurs.
    ints: std::collections::BTreeMap<i64, usize>,
    int_count: usize,
    /// Values that are not whole numbers, the first few.
    other: IndexMap<String, usize>,
    chars: usize,
    emails: usize,
    phones: usize,
}

/// Cell values that mean "not applicable" in exports.
const NA_WORDS: &[&str] = &["n/a", "na", "不适用", "无法评价", "not applicable", "-"];

impl Profile {
    fn add(&mut self, raw: &str) {
        let v = raw.trim();
        if v.is_empty() {
            return;
        }
        self.filled += 1;
        self.chars += v.chars().count();
        if self.distinct.len() < MAX_DISTINCT || self.distinct.contains_key(v) {
            *self.distinct.entry(v.to_string()).or_default() += 1;
        } else {
            self.overflow = true;
        }
        if !self.all.contains(v) {
            self.all.insert(v.to_string());
        }
        if let Some(n) = leading_int(v) {
            *self.ints.entry(n).or_default() += 1;
            self.int_count += 1;
        } else if self.other.len() < 50 || self.other.contains_key(v) {
            *self.other.entry(v.to_string()).or_default() += 1;
        }
        if is_email(v) {
            self.emails += 1;
        }
        if is_phone(v) {
            self.phones += 1;
        }
    }

    /// Every value differs (and there are enough to tell).
    fn unique(&self) -> bool {
        self.all.len() == self.filled && self.filled >= 10
    }

    fn distinct_count(&self) -> usize {
        self.all.len()
    }

    /// The range of the whole numbers without rare strays at either end (a 99 or -1 typed
    /// by mistake is skipped and counted by the build, and must not widen the scale).
    fn int_range(&self) -> Option<(i64, i64)> {
        let stray = self.int_count / 200;
        let mut keys: Vec<(i64, usize)> = self.ints.iter().map(|(k, n)| (*k, *n)).collect();
        while keys.len() > 2 && keys.first().is_some_and(|k| k.1 <= stray) {
            keys.remove(0);
        }
        while keys.len() > 2 && keys.last().is_some_and(|k| k.1 <= stray) {
            keys.pop();
        }
        Some((keys.first()?.0, keys.last()?.0))
    }

    /// The not-applicable words among the values that are not numbers.
    fn na_words(&self) -> Vec<String> {
        self.other.keys().filter(|v| NA_WORDS.contains(&v.to_lowercase().as_str())).cloned().collect()
    }
}

/// A whole number, or one followed by a label (`10 - Extremely likely`, `5 非常满意`, `5分`),
/// as the score reader accepts it.
fn leading_int(v: &str) -> Option<i64> {
    let v = v.strip_suffix(".0").unwrap_or(v);
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    let rest = v[digits..].trim().trim_start_matches(['-', '–', ':', '.']).trim();
    if !rest.is_empty() && (rest.chars().any(|c| c.is_ascii_digit() || c == '@') || digits > 2) {
        return None;
    }
    v[..digits].parse().ok()
}

fn is_email(v: &str) -> bool {
    let Some((user, host)) = v.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
}

fn is_phone(v: &str) -> bool {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let cn_mobile = digits.len() == 11 && digits.starts_with('1') && digits.as_bytes()[1] >= b'3';
    let cn_mobile_86 = digits.len() == 13 && digits.starts_with("861");
    let international = v.starts_with('+') && (8..=15).contains(&digits.len());
    only_phone_chars && (cn_mobile || cn_mobile_86 || international)
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// Whether a column name contains one of `words` (case-insensitive).
fn named(name: &str, words: &[&str]) -> bool {
    let n = name.to_lowercase();
    words.iter().any(|w| n.contains(w))
}

fn named_id(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    n == "id"
        || n == "no"
        || n.ends_with("_id")
        || n.ends_with(" id")
        || n.starts_with("id_")
        || n.contains("respondent")
        || named(name, &["编号", "序号", "用户id", "答卷", "会员号", "uuid"])
}

const DATE_WORDS: &[&str] = &["date", "time", "日期", "时间", "submitted", "created", "_at", "day", "when"];

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
        Err(_) => Ok(Some(encoding_rs::GB18030)),
    }
}

/// The date format of a column whose values are all dates, tried in order: the standard
/// forms, then day-first and month-first patterns (with times); `None` when not dates.
fn date_role(values: &[&str], workbook: bool) -> Option<(Option<String>, String)> {
    let tz = chrono_tz::UTC;
    let sample: Vec<&str> = values.iter().copied().take(500).collect();
    if sample.is_empty() {
        return None;
    }
    // Nearly all: a stray `yesterday` is counted by the build, not a reason to doubt the column.
    let all = |f: Option<&str>| {
        let read = sample.iter().filter(|v| value::read_date(v, tz, f, workbook).is_some()).count();
        read * 20 >= sample.len() * 19
    };
    if all(None) {
        let serial = sample.iter().take(20).all(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        let why = if serial && workbook { "Excel serial day numbers" } else { "dates in a standard form" };
        return Some((None, why.into()));
    }
    let mut fits = Vec::new();
    for sep in ['/', '-', '.'] {
        for (first, second, label) in [("DD", "MM", "day first"), ("MM", "DD", "month first")] {
            for time in ["", " HH:mm", " HH:mm:ss"] {
                let tokens = format!("{first}{sep}{second}{sep}YYYY{time}");
                let Ok(pattern) = crate::project::date_pattern(&tokens) else { continue };
                if all(Some(&pattern)) {
                    fits.push((tokens, label));
                }
            }
        }
    }
    let (tokens, label) = fits.first()?.clone();
    let ambiguous = fits.iter().any(|(_, l)| *l != label);
    let why = if ambiguous {
        format!("dates written {tokens}; no day is above 12, so day first is a guess")
    } else {
        format!("dates written {tokens} ({label})")
    };
    Some((Some(tokens), why))
}

/// The labelled scale that every given text value belongs to, if any.
fn label_role<'a>(values: impl Iterator<Item = &'a String> + Clone) -> Option<Vec<(String, i64)>> {
    'sets: for set in LABEL_SETS {
        let mut used = Vec::new();
        for v in values.clone() {
            let low = v.trim().to_lowercase();
            if NA_WORDS.contains(&low.as_str()) {
                continue;
            }
            match set.iter().find(|(l, _)| *l == low) {
                Some((_, n)) => used.push((v.trim().to_string(), *n)),
                None => continue 'sets,
            }
        }
        if used.is_empty() {
            return None;
        }
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        return Some(used);
    }
    None
}

const EFFORT_WORDS: &[&str] = &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"];

/// Guesses a column's role from its name and profile.
fn classify(name: &str, p: &Profile, values: &[&str], workbook: bool) -> Role {
    if p.filled == 0 {
        return Role::Left("empty in the sample".into());
    }
    if p.emails * 2 > p.filled {
        return Role::Left("e-mail addresses: personal data, never shown".into());
    }
    if p.phones * 2 > p.filled {
        return Role::Left("phone numbers: personal data, never shown".into());
    }
    let mostly_ints = p.int_count * 10 >= p.filled * 9;
    let (lo, hi) = p.int_range().unwrap_or((0, 0));
    if !mostly_ints || (named(name, DATE_WORDS) && lo >= 30000) {
        if let Some((format, why)) = date_role(values, workbook) {
            return Role::Date { format, why };
        }
    }
    if named_id(name) && p.distinct_count() * 5 >= p.filled {
        return Role::Respondent;
    }
    // Numbers, possibly with labels for some answers (`非常满意` beside `4`) and N/A words.
    let labels = match label_role(p.other.keys()) {
        Some(l) => Some(l),
        None if mostly_ints => Some(Vec::new()),
        None => None,
    };
    let numbers_or_labels = p.int_count * 2 >= p.filled || (p.int_count == 0 && labels.is_some());
    if let (Some(labels), true) = (labels, numbers_or_labels && !p.unique()) {
        let (mut lo, mut hi) = if p.int_count == 0 { (i64::MAX, i64::MIN) } else { (lo, hi) };
        for (_, n) in &labels {
            lo = lo.min(*n);
            hi = hi.max(*n);
        }
        let nps_named = named(name, &["nps", "recommend", "推荐"]);
        let effort = named(name, EFFORT_WORDS);
        let na = p.na_words();
        let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
        let labelled = if labels.is_empty() { "" } else { " and text labels" };
        let score = |scale: (i64, i64), na_zero, why: String| {
            let mut labels = labels.clone();
            labels.extend(na.iter().map(|w| (w.clone(), NA_LABEL)));
            Some(Role::Score { scale, na_zero, labels, why: format!("{why}{labelled}{na_note}") })
        };
        let guess = if lo >= 0 && hi <= 10 && (hi >= 8 || (nps_named && hi > 1)) {
            score((0, 10), false, "whole numbers from 0 to 10: a likelihood to recommend (NPS)".into())
        } else if lo >= 0 && hi <= 1 && p.distinct_count() >= 2 {
            score((0, 1), false, "only 0 and 1: a yes/no outcome, 1 counted as positive".into())
        } else if lo >= 1 && hi <= 5 && !effort {
            score((1, 5), false, "whole numbers from 1 to 5".into())
        } else if lo == 0 && hi <= 5 && !effort {
            score((1, 5), true, "whole numbers from 0 to 5: a 1–5 rating with 0 for not applicable".into())
        } else if lo >= 1 && hi <= 7 {
            score((1, 7), false, "whole numbers from 1 to 7".into())
        } else {
            None
        };
        if let Some(role) = guess {
            return role;
        }
    }
    let avg = p.chars as f64 / p.filled as f64;
    let distinct = p.distinct_count();
    if named(name, &["touchpoint", "touch point", "触点", "接触点", "环节", "journey"])
        && !p.overflow
        && distinct <= MAX_TOUCHPOINTS
    {
        return Role::Touchpoint(p.distinct.keys().cloned().collect());
    }
    let commenty = named(
        name,
        &[
            "comment", "feedback", "verbatim", "text", "remark", "评论", "意见", "建议", "评价", "留言", "原因",
            "reason",
        ],
    );
    let varied = distinct * 2 >= p.filled;
    if !mostly_ints && varied && (avg >= 15.0 || (commenty && avg >= 4.0)) {
        return Role::Comment;
    }
    if p.unique() || (distinct * 10 >= p.filled * 9 && p.filled >= 10) {
        return Role::Left("a different value on (almost) every row: an identifier".into());
    }
    if (2..=6).contains(&distinct) && distinct * 3 <= p.filled {
        return Role::Segment(distinct);
    }
    if (2..=MAX_DIMENSION_VALUES).contains(&distinct) && distinct * 5 <= p.filled {
        return Role::Dimension(distinct);
    }
    if distinct < 2 {
        return Role::Left("the same value on every row".into());
    }
    Role::Left(format!("{distinct} different values: too many to break down by"))
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
    let name = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", file.display())))?
        .to_string();
    let ext = file.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let workbook = matches!(ext.as_str(), "xlsx" | "xlsm" | "xls" | "xlsb" | "ods");
    if !file.is_file() {
        return Err(Error::one(Diagnostic::file(
            file.display().to_string(),
            "cannot open the file: it does not exist",
        )));
    }
    let encoding = if workbook { None } else { sniff_encoding(file)? };
    let mut spec = FileSpec {
        path: file.to_path_buf(),
        display: file.display().to_string(),
        encoding,
        delimiter: None,
        header_row: 1,
        sheet: None,
        workbook,
        skip_malformed: true,
        root: None,
        export: None,
    };
    // A preamble above the header and a survey tool's layout, from the first lines.
    let layout = if workbook { reader::Layout { header_row: 1, export: None } } else { reader::sniff_layout(&spec)? };
    spec.header_row = layout.header_row;
    spec.export = layout.export;
    let mut table = reader::open(&spec)?;
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

    let mut roles = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let mut p = Profile::default();
        for v in &columns[i] {
            p.add(v);
        }
        let values: Vec<&str> = columns[i].iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
        roles.push(match layout.export {
            Some(e) if TOOL_METADATA.contains(&h.as_str()) => Role::Left(format!("{} metadata", e.title())),
            _ => classify(h, &p, &values, workbook),
        });
    }
    // One of each single-column role; a second date, respondent, comment or touchpoint is left out.
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in roles.iter_mut().enumerate() {
        let kind = match r {
            Role::Respondent => "respondent",
            Role::Date { .. } => "date",
            Role::Comment => "comment",
            Role::Touchpoint(_) => "touchpoint",
            _ => continue,
        };
        if let Some(first) = seen.get(kind) {
            *r = Role::Left(format!("another {kind} column; `{}` is used", c(header[*first].as_str())));
        } else {
            seen.insert(kind, i);
        }
    }
    if !roles.iter().any(|r| matches!(r, Role::Score { .. })) {
        let mut d = String::new();
        for (h, r) in header.iter().zip(&roles) {
            let _ = write!(d, "\n  {:<24} {}", c(h), describe(r));
        }
        return Err(Error::one(Diagnostic::file(
            spec.display.clone(),
            format!(
                "found no score column (0–10, 1–5, 1–7, 0/1, or labels such as 非常满意 or \"Very satisfied\"), and every cxsite project needs at least one (`scores:` in docs/config.md): a file of comments alone cannot make a report yet. The columns were read as:{d}"
            ),
        )));
    }
    let chinese = header.iter().any(|h| has_cjk(h)) || columns.iter().flatten().take(2000).any(|v| has_cjk(v));

    let yaml =
        write_yaml(&YamlInput { file_name: &name, header: &header, roles: &roles, rows, encoding, chinese, layout });
    let data = dir.join("data");
    fs::create_dir_all(&data).map_err(|e| Error::io("create directory", &data, e))?;
    fs::copy(file, data.join(&name)).map_err(|e| Error::io("copy", file, e))?;
    let yaml_path = dir.join(crate::project::PROJECT_FILE);
    fs::write(&yaml_path, &yaml).map_err(|e| Error::io("write", &yaml_path, e))?;

    let mut report = format!("read {rows} rows of {name}; the columns were guessed as:\n");
    for (h, r) in header.iter().zip(&roles) {
        let _ = writeln!(report, "  {:<24} {}", c(h), describe(r));
    }
    // The guesses must build; if they do not, say so rather than leave a broken project.
    if let Err(e) = crate::check(dir, false) {
        return Err(Error::one(Diagnostic::file(
            yaml_path.display().to_string(),
            format!("{report}the guessed project does not build yet; fix it (see docs/config.md):\n{e}"),
        )));
    }
    Ok(report)
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

fn write_yaml(input: &YamlInput) -> String {
    let YamlInput { file_name, header, roles, rows, encoding, chinese, layout } = *input;
    let stem = Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("survey");
    let mut ids = Ids::default();
    let dataset_id = ids.take(slug(stem, "survey"));
    // A name two columns share is written by position, the one way to name either.
    let col = |i: usize| {
        if header.iter().filter(|h| **h == header[i]).count() > 1 {
            format!("${}", i + 1)
        } else {
            q(&header[i])
        }
    };
    let find = |f: &dyn Fn(&Role) -> bool| roles.iter().position(f);

    // Scores: 0–10 → nps; 1–7 named for effort → ces (mean); the first plain 1–5 → csat.
    let touchpoint_col = find(&|r| matches!(r, Role::Touchpoint(_)));
    let ratings: Vec<usize> =
        (0..roles.len()).filter(|i| matches!(&roles[*i], Role::Score { scale: (1, _), .. })).collect();
    let wide = touchpoint_col.is_none() && ratings.len() >= 3;
    let mut scores: Vec<ScoreOut> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let Role::Score { scale, .. } = r else { continue };
        if wide && ratings.contains(&i) {
            continue;
        }
        let effort = named(&header[i], &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"]);
        let (want, kind) = match scale {
            (0, 10) => ("nps".to_string(), None),
            (1, 7) if effort => ("ces".to_string(), None),
            (1, 5) if !scores.iter().any(|s| s.id == "csat") => ("csat".to_string(), None),
            _ => (slug(&header[i], "score"), Some("rating")),
        };
        let id = ids.take(want);
        // An id that happens to be `nps` or `ces` must not change the type of a rating.
        let kind = if kind.is_some() && (id == "nps" || id == "ces") { Some("rating") } else { kind };
        scores.push(ScoreOut { id, column: i, kind });
    }
    let loyalty = if scores.iter().any(|s| s.id == "nps") {
        None
    } else {
        scores.iter().find(|s| matches!(roles[s.column], Role::Score { scale: (0, 1), .. })).map(|s| s.id.clone())
    };

    let mut y = String::new();
    let _ =
        writeln!(y, "# cxsite project guessed by `cxsite init --from-csv` from {} ({rows} rows read).", c(file_name));
    y.push_str("# Every line marked `# guessed:` is a guess from the column names and values: review it.\n");
    y.push_str("# Reference of every key: docs/config.md in cxsite's source. Preview while you edit:\n");
    y.push_str("#   cxsite serve .      Build:  cxsite build .\n\n");
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
    if let Some(l) = &loyalty {
        let _ = writeln!(y, "loyalty: {l}          # guessed: the outcome key drivers are computed against — review");
    }

    // The journey.
    let mut tp_ids = Ids::default();
    y.push_str(
        "\n# The customer journey: stages in order, touchpoints in order inside each stage.\njourney:\n  stages:\n",
    );
    let (stage_name, whole) = if chinese { ("体验", "整体体验") } else { ("Experience", "Overall experience") };
    let _ = writeln!(y, "    - id: experience\n      name: {}   # guessed — review: split into your journey's stages\n      touchpoints:", q(stage_name));
    let mut wide_tps = Vec::new();
    let mut single_tp = None;
    if let Some(t) = touchpoint_col {
        let Role::Touchpoint(values) = &roles[t] else { unreachable!() };
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
                c(&col(t))
            );
        }
    } else if wide {
        for (k, i) in ratings.iter().enumerate() {
            let id = tp_ids.take(slug(&header[*i], &format!("tp{}", k + 1)));
            let _ = writeln!(y, "        - {{ id: {id}, name: {} }}   # guessed: a rating column — review", col(*i));
            wide_tps.push((id, *i));
        }
    } else {
        let _ = writeln!(
            y,
            "        - {{ id: overall, name: {} }}   # guessed: the file names no touchpoints — review",
            q(whole)
        );
        single_tp = Some("overall");
    }

    // Segments.
    let segs: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).collect();
    if !segs.is_empty() {
        y.push_str(
            "\n# Customer groups: one segment per value of a column (or a rule: see docs/config.md).\nsegments:\n",
        );
        let mut seg_ids = Ids::default();
        for i in segs {
            let Role::Segment(n) = roles[i] else { continue };
            let id = seg_ids.take(slug(&header[i], &format!("segment{}", i + 1)));
            let _ = writeln!(
                y,
                "  - {{ from_column: {}, id: {id}, name: {} }}   # guessed: {n} values — review",
                col(i),
                col(i)
            );
        }
    }

    // The dataset.
    y.push_str("\ndatasets:\n");
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
        let _ = writeln!(y, "    encoding: {label}   # guessed: the file is not UTF-8 — review");
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
    if let Some(Role::Date { format: Some(f), why }) = find(&|r| matches!(r, Role::Date { .. })).map(|i| &roles[i]) {
        let _ = writeln!(y, "    date_format: {}   # guessed: {} — review", q(f), c(why));
    }
    let mut cols = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        let (key, why) = match r {
            Role::Respondent => ("respondent", "an id on every row".to_string()),
            Role::Date { why, .. } => ("date", why.clone()),
            Role::Touchpoint(v) => ("touchpoint", format!("{} distinct values", v.len())),
            Role::Comment => ("comment", "free text".to_string()),
            _ => continue,
        };
        cols.push(format!("      {key}: {}   # guessed: {} — review", col(i), c(&why)));
    }
    if !cols.is_empty() {
        y.push_str("    columns:\n");
        for l in cols {
            y.push_str(&l);
            y.push('\n');
        }
    }
    if !scores.is_empty() {
        y.push_str("    scores:\n");
        for s in &scores {
            let mut items = vec![format!("column: {}", col(s.column))];
            items.extend(s.kind.map(|k| format!("type: {k}")));
            items.extend(reading(&roles[s.column]));
            let why = score_why(&roles[s.column]);
            let _ = writeln!(y, "      {}: {{ {} }}   # guessed: {why} — review", s.id, items.join(", "));
        }
    }
    if wide {
        // One group per scale (and labels): columns read the same way share a group.
        y.push_str("    touchpoint_scores:\n");
        let mut groups: IndexMap<String, Vec<(String, usize)>> = IndexMap::new();
        for (id, i) in &wide_tps {
            let Role::Score { scale, na_zero, labels, .. } = &roles[*i] else { continue };
            let key = format!("{scale:?}{na_zero}{labels:?}");
            groups.entry(key).or_default().push((id.clone(), *i));
        }
        let mut metric_ids = ids;
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
                let _ = writeln!(y, "          {id}: {}", col(*i));
            }
        }
    }
    let dims: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Dimension(_))).collect();
    if !dims.is_empty() {
        y.push_str("    dimensions:           # extra breakdowns (stores, channels, products…)\n");
        let mut dim_ids = Ids::default();
        for i in dims {
            let Role::Dimension(n) = roles[i] else { continue };
            let id = dim_ids.take(slug(&header[i], &format!("dim{}", i + 1)));
            let _ = writeln!(
                y,
                "      - {{ id: {id}, column: {}, name: {} }}   # guessed: {n} values — review",
                col(i),
                col(i)
            );
        }
    }
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
    y
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_followed_by_labels_read_as_their_number() {
        assert_eq!(leading_int("10 - Extremely likely"), Some(10));
        assert_eq!(leading_int("5分"), Some(5));
        assert_eq!(leading_int("7.0"), Some(7));
        assert_eq!(leading_int("2024-03-05"), None);
        assert_eq!(leading_int("12 Main St 3"), None);
    }

    #[test]
    fn slugs_are_ascii_ids() {
        assert_eq!(slug("Inflight wifi service", "x"), "inflight_wifi_service");
        assert_eq!(slug("门店", "dim1"), "dim1");
        assert_eq!(slug("2nd", "x"), "x");
    }

    #[test]
    fn personal_data_is_recognised() {
        assert!(is_email("a.b@example.com"));
        assert!(is_phone("13812345678"));
        assert!(is_phone("+86 138 1234 5678"));
        assert!(!is_phone("45356"));
    }
}
