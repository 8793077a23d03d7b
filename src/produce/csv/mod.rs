//! The CSV / XLSX producer: files → a [`Contribution`] of base partials, comment samples and
//! a data-quality report. Streams each file once and keeps no rows: memory follows the
//! number of groups (and the bounded comment samples).

mod fold;
pub mod reader;
pub mod value;

use std::collections::{BTreeMap, HashMap};

use crate::aggregate::{redact, CoMoments, Contribution, DatasetQuality, Histogram, Merge};
use crate::error::{Diagnostic, Error, Result};
use crate::project::{ChoiceForm, Dataset, Lookup, Project, ScoreColumn, SegmentKind};
use crate::text::SharedAnalyzer;

/// Reads the project's CSV and workbook files.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvProducer;

impl super::Producer for CsvProducer {
    fn produce(&self, project: &Project) -> Result<Contribution> {
        produce(project, &SharedAnalyzer::new(&project.text), AnalyzerStart::Beside)
    }
}

/// When the comment analyser is built.
#[derive(Debug, Clone, Copy, PartialEq)]
enum AnalyzerStart {
    /// On a thread of its own while the first rows are read (comments met before it is ready
    /// are set aside and counted once it is).
    Beside,
    /// Before any row is read (tests: every comment counted as it comes).
    #[cfg(test)]
    Before,
    /// When a worker has read all its rows (tests: every comment set aside first).
    #[cfg(test)]
    AtEnd,
}

/// A lookup table loaded in memory: key → record.
struct LoadedLookup {
    header: Vec<String>,
    rows: HashMap<String, csv::StringRecord>,
    /// The first key of the file as it is compared (see `join_key`), to show beside a join
    /// key that finds no row.
    first_key: Option<String>,
}

/// A join key as both sides are compared: the cell trimmed and without invisible characters
/// (`redact::cell_value`), and a whole number written with a zero fraction (`1000.0`,
/// `1000.00`, as Excel and pandas write a numeric id) read as its digits, so `1000.0` finds
/// `1000`. Only the fraction goes: `007.0` is `007` and never `7`, since an id with leading
/// zeros is a text id and `7` is another one.
fn join_key(cell: &str) -> std::borrow::Cow<'_, str> {
    let key = redact::cell_value(cell);
    let whole = match key.split_once('.') {
        Some((digits, zeros))
            if !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            Some(digits.len())
        }
        _ => None,
    };
    match (whole, key) {
        (Some(n), std::borrow::Cow::Borrowed(k)) => std::borrow::Cow::Borrowed(&k[..n]),
        (Some(n), std::borrow::Cow::Owned(mut k)) => {
            k.truncate(n);
            std::borrow::Cow::Owned(k)
        }
        (None, key) => key,
    }
}

/// Where a column used by a response dataset lives.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColRef {
    Own(usize),
    /// (index into the dataset's joins, column of the lookup).
    Joined(usize, usize),
}

/// A segment as evaluated on one dataset.
enum SegPlan<'p> {
    Rule {
        id: &'p str,
        rule: &'p crate::project::Rule,
        refs: Vec<ColRef>,
        /// The rule's columns it compares with a number by order ([`crate::project::Rule::ordered_columns`]),
        /// found once rather than for every row.
        ordered: Vec<usize>,
        /// The columns it compares with a date by order ([`crate::project::Rule::dated_columns`]).
        dated: Vec<usize>,
    },
    /// `column`: the column's name, for messages.
    FromColumn {
        prefix: &'p str,
        name: &'p str,
        /// Between the family's name and a value: `: `, or `：` on a Chinese site.
        sep: &'static str,
        col: ColRef,
        column: &'p str,
    },
}

/// A dataset's mapping resolved against its file's header.
struct Plan<'p> {
    ds: &'p Dataset,
    /// Index of the dataset in `Project::datasets`.
    dataset_index: usize,
    header: Vec<String>,
    /// The file's header rows as written (see `reader::Table::header_rows`).
    header_rows: Vec<Vec<String>>,
    /// Columns the mapping reads, reported on the data-quality page.
    used_columns: Vec<usize>,
    /// Every column a row's fold reads (checked for UTF-8).
    read_columns: Vec<usize>,
    touchpoint: Option<usize>,
    date: Option<usize>,
    /// The zone the date column's local times are in when the file declares one (see
    /// `reader::Table::declared_zones`); `None`: the project's.
    date_zone: Option<chrono_tz::Tz>,
    /// (column, index into `Project::questions`) of each comment column.
    comments: Vec<(usize, usize)>,
    /// The dataset's multi-select questions, their columns resolved.
    choices: Vec<PlanChoice<'p>>,
    /// `columns.respondent`: its ids are checked for repeats.
    respondent: Option<usize>,
    scores: Vec<(usize, &'p ScoreColumn)>,
    /// Per score reading, the name its counts go under on the data-quality page when its
    /// column is read by more than one score (`recommend → nps`): each reading counts once
    /// per row, so no count says more answers than rows. `None`: the column's own name.
    reading_names: Vec<Option<String>>,
    dims: Vec<(usize, usize)>,
    joins: Vec<(usize, usize)>,
    segments: Vec<SegPlan<'p>>,
    /// Columns in which the tool marks its test and incomplete responses.
    screens: Screens,
}

/// The columns in which a tool marks responses a report leaves out by default (Qualtrics:
/// `Status` and `DistributionChannel` for previews and tests, `Finished` for incomplete
/// responses; Alchemer: `Status` = Partial or Disqualified; Typeform: `Response Type` =
/// partial); `None` where the file has none or the dataset reads those rows.
#[derive(Debug, Default, Clone, Copy)]
struct Screens {
    status: Option<usize>,
    channel: Option<usize>,
    finished: Option<usize>,
    /// Alchemer's `Status`, Typeform's `Response Type`, LimeSurvey's `submitdate`, a `Response
    /// Status`: the survey was left unfinished or ended by its screening logic ([`unfinished_column`]).
    unfinished: Option<(usize, Unfinished)>,
}

impl Screens {
    fn of(ds: &Dataset, header: &[String]) -> Screens {
        let find = |name: &str| header.iter().position(|h| h == name);
        if ds.file.export != Some(crate::project::Export::Qualtrics) {
            let unfinished = unfinished_column(header).filter(|_| !ds.include_incomplete);
            return Screens { unfinished, ..Screens::default() };
        }
        Screens {
            status: find("Status").filter(|_| !ds.include_tests),
            channel: find("DistributionChannel").filter(|_| !ds.include_tests),
            finished: find("Finished").filter(|_| !ds.include_incomplete),
            unfinished: None,
        }
    }

    fn columns(&self) -> impl Iterator<Item = usize> {
        self.status.into_iter().chain(self.channel).chain(self.finished).chain(self.unfinished.map(|u| u.0))
    }

    /// Why a row is left out, if it is: the reason on the data-quality page.
    fn screen<'c>(&self, cell: impl Fn(usize) -> &'c str) -> Option<&'static str> {
        let is = |c: Option<usize>, values: &[&str]| {
            c.is_some_and(|c| values.iter().any(|v| redact::cell_value(cell(c)).eq_ignore_ascii_case(v)))
        };
        // Qualtrics writes Status (Response Type) as a code (numeric values) or its text
        // (choice text): 0 IP Address, 1 Survey Preview, 2 Survey Test, 4 Imported, 8 Spam,
        // 9 Preview Spam, 12 Imported Spam, 16 Offline, 17 Offline Survey Preview. 0, 4 and 16
        // are real responses.
        if is(self.status, &STATUS_SPAM) {
            Some("spam response")
        } else if is(self.status, &STATUS_PREVIEW) || is(self.channel, &["preview", "test"]) {
            Some("preview or test response")
        } else if is(self.finished, &["0", "False"]) || self.unfinished.is_some_and(|u| left_unfinished(u, &cell)) {
            Some("incomplete response")
        } else {
            None
        }
    }
}

/// Whether a row's cell says it was left unfinished.
fn left_unfinished<'c>((column, how): (usize, Unfinished), cell: &impl Fn(usize) -> &'c str) -> bool {
    let value = redact::cell_value(cell(column));
    match how {
        Unfinished::Values(values) => values.iter().any(|v| value.eq_ignore_ascii_case(v)),
        Unfinished::Blank => value.is_empty(),
    }
}

/// How an export marks a response left unfinished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unfinished {
    /// The column holds one of these (compared in any case).
    Values(&'static [&'static str]),
    /// The column is blank: LimeSurvey's `submitdate` of a response never submitted.
    Blank,
}

/// What a column named `Response Status` or `Completion Status` (QuestionPro, Zoho Survey,
/// SurveySparrow and others) holds for a response that did not finish: started and left,
/// ended by screening logic, or saved part-way.
const UNFINISHED_STATUSES: &[&str] = &[
    "Partial",
    "Partially Completed",
    "Partially Complete",
    "Disqualified",
    "Started",
    "In Progress",
    "Terminated",
    "Incomplete",
    "Screened Out",
    "Dropped",
    "Abandoned",
    "Timed Out",
    "Quota Full",
    "Over Quota",
    "未完成",
    "部分完成",
    "中途退出",
    "被甄别",
    "甄别退出",
    "配额已满",
];

/// The column in which an export marks unfinished responses, as Qualtrics' `Finished` does,
/// and how: Alchemer's `Status` (Partial, Disqualified; known by `Response ID`, `Time Started`
/// and `Date Submitted`), Typeform's `Response Type` (partial; known by `Network ID` or
/// `Submit Date (UTC)`), LimeSurvey's blank `submitdate` / `Date submitted` (known by its
/// `lastpage` and `startlanguage` columns, in codes or in full), and any export's `Response
/// Status` or `Completion Status` ([`UNFINISHED_STATUSES`]).
pub(crate) fn unfinished_column(header: &[String]) -> Option<(usize, Unfinished)> {
    let find = |name: &str| header.iter().position(|h| h == name);
    let named = |names: &[&str]| header.iter().position(|h| names.iter().any(|n| h.trim().eq_ignore_ascii_case(n)));
    if find("Response ID").is_some() && find("Time Started").is_some() && find("Date Submitted").is_some() {
        find("Status").map(|c| (c, Unfinished::Values(&["Partial", "Disqualified"])))
    } else if find("Network ID").is_some() || find("Submit Date (UTC)").is_some() {
        find("Response Type").map(|c| (c, Unfinished::Values(&["partial"])))
    } else if named(&["lastpage", "Last page"]).is_some() && named(&["startlanguage", "Start language"]).is_some() {
        named(&["submitdate", "Date submitted"]).map(|c| (c, Unfinished::Blank))
    } else {
        named(&["Response Status", "Completion Status"]).map(|c| (c, Unfinished::Values(UNFINISHED_STATUSES)))
    }
}

/// Qualtrics `Status` values of previews and tests, as codes and as texts.
const STATUS_PREVIEW: [&str; 6] = ["1", "2", "17", "Survey Preview", "Survey Test", "Offline Survey Preview"];
/// Qualtrics `Status` values of responses it flagged as spam, as codes and as texts.
const STATUS_SPAM: [&str; 6] = ["8", "9", "12", "Spam", "Preview Spam", "Imported Spam"];

/// Diagnostics for segments whose columns a file lacks, by segment index.
type SegmentMisses = Vec<(usize, Diagnostic)>;

/// Reads every dataset of the project.
fn produce(project: &Project, analyzer: &SharedAnalyzer, start: AnalyzerStart) -> Result<Contribution> {
    let mut out = Contribution::default();
    let mut lookups = Vec::new();
    for l in &project.lookups {
        let (loaded, q) = load_lookup(l)?;
        lookups.push(loaded);
        out.quality.push(q);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut seg_missing: Vec<(usize, Diagnostic)> = Vec::new();
    for ds in &project.datasets {
        match reader::open(&ds.file) {
            Ok(f) => {
                let (planned, mut missing) = plan(project, ds, &f.header, &f.questions, &lookups);
                seg_missing.append(&mut missing);
                match planned.and_then(|mut p| {
                    p.date_zone = date_zone(&p, &f)?;
                    p.header_rows = f.header_rows.clone();
                    Ok(p)
                }) {
                    Ok(p) => files.push((p, f)),
                    Err(mut e) => {
                        // A column missing from a workbook's first sheet may be on another one,
                        // or be garbled by the wrong encoding.
                        e.iter_mut().for_each(|d| {
                            let note = f.missing_column_note(&d.message);
                            d.message.push_str(&note);
                        });
                        errors.append(&mut e)
                    }
                }
            }
            Err(Error::Invalid(mut e)) => errors.append(&mut e),
            Err(e) => return Err(e),
        }
    }
    // A segment listing its datasets must be computable on each; one without a list applies
    // where its columns exist, and is an error only when no dataset has them (a typo).
    for (si, seg) in project.segments.iter().enumerate() {
        let misses: Vec<&Diagnostic> = seg_missing.iter().filter(|(i, _)| *i == si).map(|(_, d)| d).collect();
        if seg.explicit_datasets {
            errors.extend(misses.into_iter().cloned());
        } else if !misses.is_empty() && misses.len() == seg.datasets.len() {
            errors.push(misses[0].clone());
        }
    }
    if !errors.is_empty() {
        return Err(Error::Invalid(errors));
    }
    // Built once (jieba's dictionary takes a moment), only when comments are to be analysed:
    // the project asked (`text:`), or a dataset is comments only.
    let text_only = project.datasets.iter().any(|d| !d.comments.is_empty() && d.scores.is_empty());
    let wanted = (project.text.enabled || text_only) && project.datasets.iter().any(|d| !d.comments.is_empty());
    // It is built beside the first rows: comments met before it is ready wait in the fold.
    let analyzer = wanted.then_some(analyzer);
    std::thread::scope(|s| {
        match (analyzer, start) {
            (Some(a), AnalyzerStart::Beside) => {
                // A thread that cannot be started is no loss: the workers build it then.
                let _ = std::thread::Builder::new().name("analyser".into()).spawn_scoped(s, || a.build());
            }
            #[cfg(test)]
            (Some(a), AnalyzerStart::Before) => a.build(),
            _ => {}
        }
        for (plan, file) in files {
            out.merge(fold::fold_dataset(project, &plan, file, &lookups, analyzer)?);
        }
        Ok(out)
    })
}

/// The zone the file declares for the plan's date column, if it declares one: an IANA name
/// (`America/Denver`), or `Z` for UTC (as Qualtrics writes it for exports in UTC). One that is
/// neither is an error naming the file, the declaration's line, the column and the value.
fn date_zone(plan: &Plan, table: &reader::Table) -> Result<Option<chrono_tz::Tz>, Vec<Diagnostic>> {
    let Some(c) = plan.date else { return Ok(None) };
    let Some((_, line, zone)) = table.declared_zones.iter().find(|(col, _, _)| *col == c) else { return Ok(None) };
    let name = zone.trim();
    if name == "Z" {
        return Ok(Some(chrono_tz::UTC));
    }
    name.parse::<chrono_tz::Tz>().map(Some).map_err(|_| {
        let col = plan.header.get(c).map_or("?", String::as_str);
        vec![Diagnostic {
            file: plan.ds.file.display.clone(),
            line: Some(*line),
            column: Some(col.to_string()),
            message: format!(
                "the export's ImportId row gives date column `{col}` the timeZone {:?}, which is no time zone cxsite knows; expected an IANA name such as `America/Denver` or `Asia/Shanghai` (or `Z` for UTC): export the file again, or correct the value in that row",
                redact::redact(zone)
            ),
        }]
    })
}

fn load_lookup(l: &Lookup) -> Result<(LoadedLookup, DatasetQuality)> {
    let mut f = reader::open(&l.file)?;
    let key = reader::resolve(&f.header, &f.questions, &l.key, &l.id, &l.file.display).map_err(Error::one)?;
    let mut q = DatasetQuality {
        id: l.id.clone(),
        path: l.file.display.clone(),
        source: l.id.clone(),
        role: "lookup",
        ..Default::default()
    };
    let mut rows: HashMap<String, csv::StringRecord> = HashMap::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut dups = Vec::new();
    let mut first_key = None;
    let mut rec = csv::StringRecord::new();
    let mut bytes = csv::ByteRecord::new();
    while let Some(line) = f.next_bytes(&mut bytes)? {
        q.rows_read += 1;
        rec.clear();
        for (c, cell) in bytes.iter().enumerate() {
            let column = f.header.get(c).map(String::as_str).unwrap_or("?");
            match std::str::from_utf8(cell) {
                Ok(t) => rec.push_field(t),
                Err(_) => {
                    // Undecodable bytes in a decoded file: the cell is skipped and counted.
                    let Some(enc) = f.encoding else {
                        return Err(reader::not_utf8(&l.file, line, column, bytes.as_slice()));
                    };
                    q.problem(format!("{column}: not valid {enc}"), line, || {
                        let shown = redact::redact(String::from_utf8_lossy(cell).trim());
                        format!("{}:{line}:{column}: {shown:?} — bytes that are not valid {enc} (shown as �); the cell is skipped", l.file.display)
                    });
                    rec.push_field("");
                }
            }
        }
        // The key as the answers' join column is read (`join_key`): a byte-order mark or
        // zero-width space around a member id, or a `.0` after it, must not keep the rows apart.
        let k = join_key(rec.get(key).unwrap_or("")).into_owned();
        if k.is_empty() {
            q.reject_row("blank key", line, || format!("{}:{line}:{}: blank key", l.file.display, l.key.name));
            continue;
        }
        if let Some(first) = first_line.get(&k) {
            if dups.len() < 5 {
                dups.push(Diagnostic::at(
                    &l.file.display,
                    line,
                    0,
                    format!(
                        "duplicate key `{}` in column `{}` (first on row {first}); a lookup needs one row per key",
                        redact::redact(&k),
                        l.key.name
                    ),
                ));
            }
            continue;
        }
        first_line.insert(k.clone(), line);
        if first_key.is_none() {
            first_key = Some(k.clone());
        }
        q.rows_used += 1;
        rows.insert(k, rec.clone());
    }
    // Empty rows, and rows of the wrong width skipped by `skip_malformed_rows`, are counted,
    // never dropped silently.
    for line in std::mem::take(&mut f.empty) {
        q.rows_read += 1;
        q.reject_row(crate::aggregate::quality::EMPTY_ROW, line, || format!("{}:{line}: empty row", l.file.display));
    }
    for (line, kind) in std::mem::take(&mut f.malformed) {
        q.rows_read += 1;
        q.reject_row(kind.reason(), line, || kind.example(&l.file.display, line));
    }
    if !dups.is_empty() {
        return Err(Error::Invalid(dups));
    }
    q.warnings = std::mem::take(&mut f.warnings);
    Ok((LoadedLookup { header: f.header, rows, first_key }, q))
}

/// Resolves every column a dataset's mapping, joins and segments name; reports all that are
/// missing. Segments whose columns this file lacks come back apart, by segment index: whether
/// that is an error depends on the other datasets (see [`ingest`]).
fn plan<'p>(
    project: &'p Project,
    ds: &'p Dataset,
    header: &[String],
    questions: &[String],
    lookups: &[LoadedLookup],
) -> (Result<Plan<'p>, Vec<Diagnostic>>, SegmentMisses) {
    let (mapped, errors) = resolve_mapped(ds, header, questions);
    let ds_index = project.datasets.iter().position(|d| d.id == ds.id).unwrap_or(0);
    let (segments, seg_missing) = plan_segments(project, ds, ds_index, (header, questions), &mapped.joins, lookups);
    if !errors.is_empty() {
        return (Err(errors), seg_missing);
    }
    let screens = Screens::of(ds, header);
    let read_columns = read_columns(&mapped, &screens, &segments);
    let used_columns = used_columns(&mapped);
    let reading_names = reading_names(project, header, &mapped.scores);
    let Mapped { touchpoint, date, comments, choices, respondent, scores, dims, joins } = mapped;
    let plan = Plan {
        ds,
        dataset_index: ds_index,
        header: header.to_vec(),
        header_rows: Vec::new(),
        used_columns,
        read_columns,
        touchpoint,
        date,
        date_zone: None,
        comments,
        choices,
        respondent,
        scores,
        reading_names,
        dims,
        joins,
        segments,
        screens,
    };
    (Ok(plan), seg_missing)
}

/// The name each score reading's counts go under when its column is read by more than one
/// score reading (`recommend → nps`, and in wide data `q7 → csat · wifi`); `None` for a column
/// read once.
fn reading_names(project: &Project, header: &[String], scores: &[(usize, &ScoreColumn)]) -> Vec<Option<String>> {
    scores
        .iter()
        .map(|(c, sc)| {
            if scores.iter().filter(|(o, _)| o == c).count() < 2 {
                return None;
            }
            let col = header.get(*c).map(String::as_str).unwrap_or("?");
            let score = &project.scores[sc.score].id;
            Some(match sc.touchpoint {
                Some(t) => format!("{col} → {score} · {}", project.touchpoints[t].id),
                None => format!("{col} → {score}"),
            })
        })
        .collect()
}

/// A multi-select question of a dataset, resolved against its header.
struct PlanChoice<'p> {
    /// Index into `Project::multi_selects`.
    select: usize,
    /// One column of joined answers and what joins them, or a column per option.
    joined: Option<(usize, &'p str)>,
    columns: Vec<usize>,
}

/// The dataset's own mapped columns (not its segments'), resolved against its header.
struct Mapped<'p> {
    touchpoint: Option<usize>,
    date: Option<usize>,
    /// (column, question) of each comment column.
    comments: Vec<(usize, usize)>,
    choices: Vec<PlanChoice<'p>>,
    respondent: Option<usize>,
    scores: Vec<(usize, &'p ScoreColumn)>,
    dims: Vec<(usize, usize)>,
    /// (join column, lookup index).
    joins: Vec<(usize, usize)>,
}

/// Resolves the columns the dataset's mapping names, collecting a diagnostic for each one
/// missing, in the mapping's order (touchpoint, date, comment, respondent, scores,
/// dimensions, joins).
fn resolve_mapped<'p>(ds: &'p Dataset, header: &[String], questions: &[String]) -> (Mapped<'p>, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let file = ds.file.display.as_str();
    let mut own = |c: &crate::project::ColumnName| match reader::resolve(header, questions, c, &ds.id, file) {
        Ok(i) => Some(i),
        Err(d) => {
            errors.push(d);
            None
        }
    };
    let touchpoint = ds.touchpoint_column.as_ref().and_then(&mut own);
    let date = ds.date.as_ref().and_then(&mut own);
    let comments: Vec<_> = ds.comments.iter().filter_map(|c| own(&c.column).map(|i| (i, c.question))).collect();
    let choices: Vec<_> = ds
        .multi_selects
        .iter()
        .filter_map(|c| match &c.form {
            ChoiceForm::Joined { column, separator } => own(column).map(|i| PlanChoice {
                select: c.select,
                joined: Some((i, separator.as_str())),
                columns: vec![i],
            }),
            ChoiceForm::Columns(cols) => {
                let found: Vec<usize> = cols.iter().filter_map(&mut own).collect();
                (found.len() == cols.len()).then_some(PlanChoice { select: c.select, joined: None, columns: found })
            }
        })
        .collect();
    let respondent = ds.respondent.as_ref().and_then(&mut own);
    let scores: Vec<_> = ds.scores.iter().filter_map(|s| own(&s.column).map(|i| (i, s))).collect();
    let dims: Vec<_> = ds.dimensions.iter().filter_map(|(d, c)| own(c).map(|i| (*d, i))).collect();
    let joins: Vec<_> = ds.joins.iter().filter_map(|j| own(&j.column).map(|i| (i, j.lookup))).collect();
    (Mapped { touchpoint, date, comments, choices, respondent, scores, dims, joins }, errors)
}

/// Plans each segment that applies to the dataset; a segment naming a column neither the file
/// nor its joined lookups have comes back as a miss, by segment index.
fn plan_segments<'p>(
    project: &'p Project,
    ds: &Dataset,
    ds_index: usize,
    (header, questions): (&[String], &[String]),
    joins: &[(usize, usize)],
    lookups: &[LoadedLookup],
) -> (Vec<SegPlan<'p>>, SegmentMisses) {
    let file = ds.file.display.as_str();
    // A rule with `'option' in question` reads the question's column as the dataset's
    // `multi_select:` names it (question text, position, prefix).
    let named = |name: &str| {
        let c = crate::project::ColumnName { name: name.to_string(), pos: Default::default() };
        reader::resolve(header, questions, &c, &ds.id, file).ok().map(ColRef::Own)
    };
    // A rule column is looked up in the dataset, then in each joined lookup.
    let find = |name: &str| -> Option<ColRef> {
        header.iter().position(|h| h == name).map(ColRef::Own).or_else(|| {
            joins.iter().enumerate().find_map(|(ji, (_, li))| {
                lookups[*li].header.iter().position(|h| h == name).map(|c| ColRef::Joined(ji, c))
            })
        })
    };
    let missing = |seg: &crate::project::Segment, col: &crate::project::ColumnName| {
        let mut d = reader::missing_column(all_columns(header, joins, lookups), col, &ds.id, file);
        d.message = format!("segment `{}`: {}", seg.id, d.message);
        d
    };
    let mut segments = Vec::new();
    let mut seg_missing = Vec::new();
    for (si, seg) in project.segments.iter().enumerate().filter(|(_, s)| s.datasets.contains(&ds_index)) {
        match &seg.kind {
            SegmentKind::Rule(rule) => {
                let refs: Vec<Option<ColRef>> = rule
                    .columns
                    .iter()
                    .map(|c| find(c).or_else(|| if rule.has_choices() { named(c) } else { None }))
                    .collect();
                if refs.iter().all(Option::is_some) {
                    segments.push(SegPlan::Rule {
                        id: &seg.id,
                        rule,
                        refs: refs.into_iter().flatten().collect(),
                        ordered: rule.ordered_columns(),
                        dated: rule.dated_columns(),
                    });
                } else {
                    let name = rule
                        .columns
                        .iter()
                        .zip(&refs)
                        .find(|(_, r)| r.is_none())
                        .map(|(c, _)| c.clone())
                        .unwrap_or_default();
                    let col = crate::project::ColumnName { name, pos: seg.pos };
                    seg_missing.push((si, missing(seg, &col)));
                }
            }
            // Named as scores and dimensions are: `$6`, a question's text, any case.
            SegmentKind::FromColumn(c) => match find(&c.name).or_else(|| named(&c.name)) {
                Some(col) => {
                    let sep = if project.locale.tag().starts_with("zh") { "：" } else { ": " };
                    segments.push(SegPlan::FromColumn { prefix: &seg.id, name: &seg.name, sep, col, column: &c.name })
                }
                None => seg_missing.push((si, missing(seg, c))),
            },
        }
    }
    (segments, seg_missing)
}

/// Every column name a segment may use: the file's, then each joined lookup's (the candidates
/// a missing column's "did you mean" picks from).
fn all_columns<'a>(
    header: &'a [String],
    joins: &'a [(usize, usize)],
    lookups: &'a [LoadedLookup],
) -> impl Iterator<Item = &'a str> + Clone {
    header
        .iter()
        .map(String::as_str)
        .chain(joins.iter().flat_map(|(_, li)| lookups[*li].header.iter().map(String::as_str)))
}

/// Every own column a row's fold reads, for the UTF-8 check: sorted, without repeats.
fn read_columns(m: &Mapped, screens: &Screens, segments: &[SegPlan]) -> Vec<usize> {
    let mut read: Vec<usize> = m
        .touchpoint
        .into_iter()
        .chain(screens.columns())
        .chain(m.date)
        .chain(m.comments.iter().map(|c| c.0))
        .chain(m.choices.iter().flat_map(|c| c.columns.iter().copied()))
        .chain(m.respondent)
        .chain(m.joins.iter().map(|j| j.0))
        .chain(m.scores.iter().map(|s| s.0))
        .chain(m.dims.iter().map(|d| d.1))
        .chain(segments.iter().flat_map(own_segment_columns))
        .collect();
    read.sort_unstable();
    read.dedup();
    read
}

/// The dataset's own columns a segment reads (not those of joined lookups).
fn own_segment_columns(s: &SegPlan) -> Vec<usize> {
    match s {
        SegPlan::Rule { refs, .. } => refs
            .iter()
            .filter_map(|r| match r {
                ColRef::Own(i) => Some(*i),
                ColRef::Joined(..) => None,
            })
            .collect(),
        SegPlan::FromColumn { col: ColRef::Own(i), .. } => vec![*i],
        SegPlan::FromColumn { .. } => Vec::new(),
    }
}

/// The columns the mapping reads, as the data-quality page reports them: sorted, without repeats.
fn used_columns(m: &Mapped) -> Vec<usize> {
    let mut used: Vec<usize> = m
        .touchpoint
        .into_iter()
        .chain(m.date)
        .chain(m.respondent)
        .chain(m.joins.iter().map(|j| j.0))
        .chain(m.scores.iter().map(|s| s.0))
        .chain(m.choices.iter().flat_map(|c| c.columns.iter().copied()))
        .collect();
    used.sort_unstable();
    used.dedup();
    used
}

/// The most touchpoints a project may have for key drivers from touchpoint ratings in
/// columns (wide data): each row counts every pair of its ratings.
pub const MAX_DRIVER_RATINGS: usize = 100;

/// Adds one row's answers to the driver partials: in wide data every pair of the loyalty
/// outcome and touchpoint ratings; in long data the outcome split by whether the row's
/// touchpoint was rated on its favourable side (the top box; below it for `better: lower`).
fn fold_drivers(
    project: &Project,
    answers: &[(usize, i64, Option<usize>, bool)],
    pairs: &mut BTreeMap<(usize, usize), CoMoments>,
    gaps: &mut [[Histogram; 2]],
) {
    let Some(loyalty) = project.loyalty else { return };
    let Some(&(_, outcome, _, _)) = answers.iter().find(|a| a.0 == loyalty) else { return };
    let wide: Vec<(usize, i64)> =
        answers.iter().filter(|a| a.3 && a.0 != loyalty).filter_map(|a| a.2.map(|t| (1 + t, a.1))).collect();
    // Past MAX_DRIVER_RATINGS touchpoints there are no respondent-level drivers: every pair is
    // counted on every row, which would cost time and memory in the square of the columns.
    if !wide.is_empty() && project.touchpoints.len() <= MAX_DRIVER_RATINGS {
        let mut vars = vec![(0usize, outcome)];
        vars.extend(wide);
        for i in 0..vars.len() {
            for j in i + 1..vars.len() {
                let (a, b) = if vars[i].0 <= vars[j].0 { (vars[i], vars[j]) } else { (vars[j], vars[i]) };
                pairs.entry((a.0, b.0)).or_default().add(a.1, b.1);
            }
        }
        return;
    }
    // Long data: the row's rating of its touchpoint is its first rating-type score.
    let rating = answers.iter().find(|a| {
        a.0 != loyalty && !a.3 && a.2.is_some() && project.scores[a.0].kind == crate::project::ScoreKind::Rating
    });
    if let Some(&(score, v, Some(t), _)) = rating {
        let out_def = &project.scores[loyalty];
        // The favourable side of the rating: its top box, or — where the rating is `better:
        // lower` (an effort or waiting-time score) and its top box holds the bad answers —
        // the answers below it. The first histogram is that side, so that a gap above 0
        // always says "those who fared well are more loyal".
        let def = &project.scores[score];
        let favourable = (v >= def.top_box) != def.lower_better;
        gaps[t][usize::from(!favourable)].add((outcome - out_def.min) as usize, out_def.width());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_number_with_a_zero_fraction_is_its_digits_as_a_join_key_and_nothing_else_changes() {
        for (cell, key) in [
            ("1000.0", "1000"),
            ("1000.00", "1000"),
            (" 1000.0\u{200b}", "1000"),
            ("1000", "1000"),
            ("007.0", "007"),
            ("007", "007"),
            ("0.0", "0"),
            ("1000.5", "1000.5"),
            ("1000.", "1000."),
            (".0", ".0"),
            ("-1000.0", "-1000.0"),
            ("1e3", "1e3"),
            ("M001.0", "M001.0"),
            ("1000.0.0", "1000.0.0"),
            ("１０００.0", "１０００.0"),
        ] {
            assert_eq!(join_key(cell), key, "{cell:?}");
        }
    }

    #[test]
    fn qualtrics_status_codes_and_texts_of_previews_tests_and_spam_are_left_out() {
        let screens = Screens { status: Some(0), channel: None, finished: None, unfinished: None };
        let why = |v: &str| screens.screen(|_| v);
        for v in ["1", "2", "17", "Survey Preview", "survey test", "Offline Survey Preview", " OFFLINE SURVEY PREVIEW "]
        {
            assert_eq!(why(v), Some("preview or test response"), "{v}");
        }
        for v in ["8", "9", "12", "Spam", "spam", "Preview Spam", "Imported Spam"] {
            assert_eq!(why(v), Some("spam response"), "{v}");
        }
        // Real responses: by IP address, imported, offline.
        for v in ["0", "4", "16", "IP Address", "Imported", "Offline", ""] {
            assert_eq!(why(v), None, "{v}");
        }
    }

    #[test]
    fn comments_set_aside_for_the_analyser_count_as_those_analysed_at_once() {
        // The themes fixture and one with two comment columns: every
        // comment counted as it comes, or every one set aside until the worker's rows are read.
        for dir in ["tests/fixtures/themes", "tests/fixtures/comments_two"] {
            let project = crate::project::load(std::path::Path::new(dir)).expect("fixture loads");
            let before = produce(&project, &SharedAnalyzer::new(&project.text), AnalyzerStart::Before).expect("builds");
            let at_end = produce(&project, &SharedAnalyzer::new(&project.text), AnalyzerStart::AtEnd).expect("builds");
            assert!(before.text.groups.values().any(|g| g.comments > 0), "{dir}: comments were counted");
            assert_eq!(before, at_end, "{dir}");
        }
    }

    #[test]
    fn a_worker_past_its_room_for_set_aside_comments_waits_for_the_analyser_and_counts_the_same() {
        // Room for about a hundred comments set aside: the rest wait for the analyser, which a
        // worker then builds itself, and are counted as they come.
        let dir = tempfile::tempdir().expect("temp dir");
        let mut csv = String::from("date,comment\n");
        let long = "送货太慢，包装破损。".repeat(200);
        let n = 3000;
        for i in 0..n {
            let text =
                if i % 100 == 0 { long.as_str() } else { ["很满意", "delivery was late", "价格太贵了"][i % 3] };
            csv.push_str(&format!("2026-0{}-1{},{text} {i}\n", 1 + i % 9, i % 10));
        }
        std::fs::create_dir(dir.path().join("data")).expect("data dir");
        std::fs::write(dir.path().join("data/posts.csv"), csv).expect("csv");
        let yaml = "title: t\nmin_n: 5\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints:\n        - { id: t, name: T }\ndatasets:\n  - id: posts\n    path: data/posts.csv\n    touchpoint: t\n    columns: { date: date, comment: comment }\n";
        std::fs::write(dir.path().join("cxsite.yaml"), yaml).expect("yaml");
        let project = crate::project::load(dir.path()).expect("project loads");
        let before = produce(&project, &SharedAnalyzer::new(&project.text), AnalyzerStart::Before).expect("builds");
        let small = SharedAnalyzer::with_room(&project.text, 20_000);
        let at_end = produce(&project, &small, AnalyzerStart::AtEnd).expect("builds");
        assert!(small.waits() > 0, "some comments found no room");
        let most = |c: &Contribution| c.text.groups.values().map(|g| g.comments).max();
        assert_eq!(most(&before), Some(n as u64));
        assert_eq!(before, at_end);
    }
}
