//! cxsite: customer-feedback data → a static CX-metrics website.
//!
//! The pipeline, one module per stage, each a function from one typed value to the next:
//! [`project`] (cxsite.yaml → Project) → [`produce`] (files → contributions of partial
//! aggregates) → [`aggregate`] (merged, rolled up: the contract) → [`metrics`] (partials → numbers) → [`insights`] (numbers → findings) →
//! [`render`] (→ site in memory) → [`output`] (the only writes); `build` puts the stages in order.

pub mod aggregate;
mod build;
pub mod diagnostics;
pub mod error;
pub mod explain;
pub mod init;
pub mod insights;
pub mod metrics;
pub mod output;
pub mod produce;
pub mod progress;
pub mod project;
pub mod render;
pub mod serve;
pub mod text;

use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error, Result};

/// Options of `cxsite build`.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project directory.
    pub root: PathBuf,
    /// Output directory; default `ROOT/public`.
    pub output: Option<PathBuf>,
    /// Fail when any value or row was rejected.
    pub strict: bool,
    /// Replace a non-empty output directory that cxsite did not write.
    pub force: bool,
    /// Say nothing on stderr but errors (the wait for another build's lock included).
    pub quiet: bool,
}

impl BuildOptions {
    /// The directory the site is written to.
    pub fn output_dir(&self) -> PathBuf {
        self.output.clone().unwrap_or_else(|| self.root.join("public"))
    }
}

/// What a build did, for the one-line report.
#[derive(Debug, Clone)]
pub struct BuildSummary {
    pub output: PathBuf,
    pub files: usize,
    pub metric_rows: usize,
    pub quality: aggregate::Quality,
    /// Allowed but risky things in the project (cxsite.yaml, pages, templates) and what the
    /// downloads had to change, with their place; printed on stderr.
    pub warnings: Vec<Diagnostic>,
    /// What a person had added to the previous site (`CNAME`, `.git/`), moved into this one.
    pub kept: Vec<String>,
}

/// Runs the whole pipeline and writes the site.
pub fn build(opts: &BuildOptions) -> Result<BuildSummary> {
    build::run(opts, None, false)
}

/// [`build`] for a process that ends right after it (`cxsite build`): the aggregates, metrics
/// and pages' inputs are left for the operating system to reclaim at exit instead of being
/// freed group by group, which took about a tenth of a second at 1M rows with comments.
pub fn build_then_exit(opts: &BuildOptions) -> Result<BuildSummary> {
    build::run(opts, None, true)
}

/// What a rebuild can reuse: the aggregates of the last build, valid while cxsite.yaml and
/// every data file are unchanged (a page, template or static file edit re-renders only).
#[derive(Debug, Clone)]
pub struct BuildCache {
    /// cxsite.yaml's text and each data file's (path, length, modification time).
    key: (String, Vec<(PathBuf, u64, Option<std::time::SystemTime>)>),
    aggregates: aggregate::Aggregates,
}

impl BuildCache {
    /// The key of a project as it is on disk now.
    fn key_of(project: &project::Project) -> (String, Vec<(PathBuf, u64, Option<std::time::SystemTime>)>) {
        let yaml = std::fs::read_to_string(project.root.join(project::PROJECT_FILE)).unwrap_or_default();
        let files = project.datasets.iter().map(|d| &d.file).chain(project.lookups.iter().map(|l| &l.file));
        let stamps = files
            .map(|f| {
                let m = std::fs::metadata(&f.path).ok();
                (f.path.clone(), m.as_ref().map_or(0, |m| m.len()), m.and_then(|m| m.modified().ok()))
            })
            .collect();
        (yaml, stamps)
    }
}

/// [`build`], reusing `cache`'s aggregates when the project's data is unchanged, and leaving
/// this build's in it (`cxsite serve`: only what changed is read again).
pub fn build_cached(opts: &BuildOptions, cache: &mut Option<BuildCache>) -> Result<BuildSummary> {
    build::run(opts, Some(cache), false)
}

/// Stage timings on stderr when `CXSITE_TIMINGS` is set (for the benchmark harness).
pub(crate) struct Stopwatch {
    on: bool,
    last: std::time::Instant,
}

impl Stopwatch {
    pub(crate) fn new() -> Self {
        Stopwatch { on: std::env::var_os("CXSITE_TIMINGS").is_some(), last: std::time::Instant::now() }
    }
    pub(crate) fn lap(&mut self, stage: &str) {
        if self.on {
            // A closed stderr is no reason to panic.
            use std::io::Write;
            let _ = writeln!(std::io::stderr(), "timing {stage}: {:.3} s", self.last.elapsed().as_secs_f64());
        }
        self.last = std::time::Instant::now();
    }
}

/// Runs every producer of the project and merges and rolls up what they hand over.
pub fn aggregate_all(project: &project::Project) -> Result<aggregate::Aggregates> {
    use produce::Producer;
    let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
    let files = project.datasets.iter().map(|d| &d.file).chain(project.lookups.iter().map(|l| &l.file));
    progress::start(files.map(|f| size(&f.path)).sum());
    let contribution = produce::csv::CsvProducer.produce(project)?;
    progress::set_stage(progress::Stage::Computing);
    Ok(aggregate::finish(project, contribution))
}

/// What `cxsite check` reports.
#[derive(Debug, Clone)]
pub struct CheckReport {
    pub project: project::Project,
    pub quality: aggregate::Quality,
    pub metrics: metrics::Metrics,
    /// As in [`BuildSummary::warnings`].
    pub warnings: Vec<Diagnostic>,
}

/// The project's warnings: cxsite.yaml's, then its pages' and templates' (an image from
/// another host in a page is an error).
fn project_warnings(project: &project::Project) -> Result<Vec<Diagnostic>> {
    let mut warnings = project.warnings.clone();
    // Both are checked before either fails, so one run names every refused link and every
    // template or catalogue that would not load.
    match (render::lint::project(project), render::check_sources(project)) {
        (Ok(lint), Ok(())) => warnings.extend(lint),
        (Err(Error::Invalid(mut a)), Err(Error::Invalid(b))) => {
            a.extend(b);
            return Err(Error::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    }
    warnings.extend(preview_warning(project));
    warnings.extend(drivers_warning(project));
    Ok(warnings)
}

/// Key drivers from ratings in columns are left out past [`produce::csv::MAX_DRIVER_RATINGS`]
/// touchpoints (each row would count every pair of them); the author should know why the
/// drivers page is missing.
fn drivers_warning(project: &project::Project) -> Option<Diagnostic> {
    let wide = project.datasets.iter().any(|d| d.scores.iter().any(|c| c.touchpoint.is_some()));
    let n = project.touchpoints.len();
    (project.loyalty.is_some() && wide && n > produce::csv::MAX_DRIVER_RATINGS).then(|| {
        Diagnostic::file(
            project::PROJECT_FILE,
            format!(
                "the journey has {n} touchpoints: key drivers from touchpoint ratings are worked out for at most {}, so the site has no key-driver analysis",
                produce::csv::MAX_DRIVER_RATINGS
            ),
        )
    })
}

/// Key drivers the data holds but cannot give: an outcome answered beside touchpoint ratings
/// by fewer than `min_n`, or by enough but with the outcome or every rating never varying, or
/// ratings too few or in step (wide data); a touchpoint's top-box raters or the rest fewer than
/// `min_n` (long data). The site then has no key-driver page, and the
/// author should know why and how far short the data is. (Data with nothing to relate, and
/// a journey of one touchpoint, have no drivers to expect.)
fn no_drivers_warning(
    project: &project::Project,
    d: &aggregate::DriverPartials,
    metrics: &metrics::Metrics,
) -> Option<Diagnostic> {
    let loyalty = project.loyalty?;
    if metrics.drivers.is_some() || project.touchpoints.len() < 2 || drivers_warning(project).is_some() {
        return None;
    }
    let (outcome, min_n) = (&project.scores[loyalty].id, project.min_n);
    let wide = (0..project.touchpoints.len()).filter_map(|t| d.pairs.get(&(0, 1 + t)).map(|c| c.n)).max();
    let long = d.gaps.values().map(|[top, rest]| top.n().min(rest.n())).max();
    // Enough respondents, but nothing varies: a correlation with a constant is undefined.
    let varies = |c: &aggregate::CoMoments, x: bool| {
        let (s, ss) = if x { (c.sx, c.sxx) } else { (c.sy, c.syy) };
        i128::from(c.n) * ss != s * s
    };
    let answered: Vec<&aggregate::CoMoments> =
        (0..project.touchpoints.len()).filter_map(|t| d.pairs.get(&(0, 1 + t))).filter(|c| c.n >= min_n).collect();
    let message = match (wide, long) {
        (Some(most), _) if most >= min_n && answered.iter().all(|c| !varies(c, true)) => format!(
            "the {most} respondents who answered `{outcome}` and rated a touchpoint all gave `{outcome}` the same answer: with nothing varying, no touchpoint can explain it, so the site has no key-driver page"
        ),
        (Some(most), _) if most >= min_n && answered.iter().all(|c| !varies(c, false)) => format!(
            "every touchpoint was given one rating by all who rated it and answered `{outcome}` ({most} at most): with nothing varying, no rating can explain `{outcome}`, so the site has no key-driver page"
        ),
        (Some(most), _) if most >= min_n => format!(
            "key drivers of `{outcome}` could not be worked out from the touchpoint ratings of {most} respondents (the ratings that vary are too few, or move in step), so the site has no key-driver page"
        ),
        (Some(most), _) => format!(
            "key drivers need at least {min_n} respondents (`min_n`) who answered `{outcome}` and rated a touchpoint; the most for any touchpoint is {most}, so the site has no key-driver page"
        ),
        (None, Some(most)) => format!(
            "key drivers compare `{outcome}` between those who rated a touchpoint in its top box and the rest, each at least {min_n} (`min_n`); the smaller side is {most} at most, so the site has no key-driver page"
        ),
        (None, None) => return None,
    };
    Some(Diagnostic::file(project::PROJECT_FILE, message))
}

/// Characters of the title that the link-preview image has no glyph for (a hanzi outside
/// GB2312, an emoji): the image leaves a gap for each, which the author should know.
fn preview_warning(project: &project::Project) -> Option<Diagnostic> {
    let missing = render::preview::undrawable(&project.title);
    (!missing.is_empty()).then(|| {
        Diagnostic::file(
            project::PROJECT_FILE,
            format!(
                "the link-preview image (assets/preview.png) has no glyph for {missing} of the title and leaves a gap for it; the pages show it (covered: assets/fonts/README.md)"
            ),
        )
    })
}

/// Runs everything but rendering.
pub fn check(root: &Path, strict: bool) -> Result<CheckReport> {
    let mut clock = Stopwatch::new();
    let project = project::load(root)?;
    let mut warnings = project_warnings(&project)?;
    let ingested = aggregate_all(&project)?;
    clock.lap("ingest");
    let metrics = numbers(&project, &ingested, strict, &mut warnings)?;
    clock.lap("metrics");
    Ok(CheckReport { project, quality: ingested.quality, metrics, warnings })
}

/// The metrics of what was read, as `build` and `check` both work them out: `--strict` held
/// to first, then what the data deserves a warning for, then the numbers (themes included)
/// and whether key drivers could be given.
fn numbers(
    project: &project::Project,
    ingested: &aggregate::Aggregates,
    strict: bool,
    warnings: &mut Vec<Diagnostic>,
) -> Result<metrics::Metrics> {
    strict_check(strict, &ingested.quality)?;
    warnings.extend(data_warnings(project, &ingested.quality));
    let mut metrics = metrics::compute(project, &ingested.partials);
    metrics::themes::add(project, &ingested.text, &mut metrics);
    warnings.extend(no_drivers_warning(project, &ingested.partials.drivers, &metrics));
    Ok(metrics)
}

/// What the data itself deserves a warning for, once per dataset and column: rows repeating
/// a respondent id, and unreadable dates with the `date_format` that would read them.
fn data_warnings(project: &project::Project, quality: &aggregate::Quality) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for d in &quality.datasets {
        // A column with values of which none could be used: most often a score written as
        // labels that cxsite.yaml does not list, which would build a site without its numbers.
        // A column of which a twentieth or more could not be used (half-star ratings `4.5` on a
        // scale of whole stars, a label the yaml does not list): its figures leave those out,
        // which the author should know without opening the data-quality page.
        for (col, c) in d.columns.iter().filter(|(_, c)| c.valid > 0 && c.invalid > 0) {
            // Not for a multi-select answer with an unlisted option (still counted as
            // answered), nor for dates, whose own warning below names the `date_format`.
            let reason = first_problem(d, col).map_or("", |(k, _)| k.as_str());
            if reason.ends_with(": not a listed option") || reason.ends_with(aggregate::quality::UNREADABLE_DATE) {
                continue;
            }
            let total = c.valid + c.invalid;
            // Half stars (4.5) on a rating of whole points: the setting that reads them.
            let halves = rates_in_whole_points(project, &d.id, col)
                && first_problem(d, col).is_some_and(|(k, t)| {
                    k.ends_with("not a whole number on the scale")
                        && t.examples
                            .first()
                            .and_then(|e| e.split('"').nth(1))
                            .is_some_and(|v| v.ends_with(".5") || v.ends_with(",5"))
                });
            // Half stars are worth the warning however few; other problems from a twentieth.
            if !halves && c.invalid * 20 < total {
                continue;
            }
            let fix = if halves { "; if they are half points (4.5), add `step: 0.5` to the score" } else { "" };
            out.push(Diagnostic::file(
                &d.path,
                format!(
                    "{} of the {total} values of column `{col}` ({:.0}%) could not be used{}, so its figures leave them out{fix}; the data-quality page lists them by line",
                    c.invalid,
                    100.0 * c.invalid as f64 / total as f64,
                    first_reason(d, col)
                ),
            ));
        }
        for (col, c) in d.columns.iter().filter(|(_, c)| c.valid == 0 && c.invalid > 0) {
            let why = first_reason(d, col);
            // The labels hint only where words were read as no answer: a date column's own
            // warning (below) names its `date_format`, and other reasons say their fix.
            let reason = first_problem(d, col).map_or("", |(k, _)| k.as_str());
            let fix = if reason.contains("not a listed label") {
                "; if they are answer labels, list them under the score's `labels:` (or `na:`)"
            } else {
                ""
            };
            out.push(Diagnostic::file(
                &d.path,
                format!(
                    "none of the {} values of column `{col}` could be used{why}, so nothing of it is on the site{fix}",
                    c.invalid
                ),
            ));
        }
        if let Some(m) = nothing_used_message(d) {
            out.push(Diagnostic::file(&d.path, m));
        }
        if let Some(dup) = d.duplicate_ids.as_ref().filter(|x| x.count > 0) {
            out.push(Diagnostic::file(&d.path, duplicates_message(dup)));
        }
        for (reason, t) in &d.problems {
            if let (Some(h), Some(col)) = (&t.hint, reason.strip_suffix(aggregate::quality::UNREADABLE_DATE)) {
                let what = if t.count == 1 { "date" } else { "dates" };
                // The first by line, so the terminal alone says where to look.
                let first = t.examples.first().map(|e| format!(" (first: {e})")).unwrap_or_default();
                out.push(Diagnostic::file(
                    &d.path,
                    format!("{} {what} of column `{col}` could not be read{first}: {}", t.count, h.text()),
                ));
            }
        }
    }
    out
}

/// A response dataset of which no row could be used, in words with the commonest reason: its
/// rows were read and the site says nothing of them (a score column blank on every row, an
/// export of the wrong survey), which the author must hear of without opening the
/// data-quality page.
fn nothing_used_message(d: &aggregate::quality::DatasetQuality) -> Option<String> {
    if d.role != "response" || d.rows_read == 0 || d.rows_used > 0 {
        return None;
    }
    let why = d
        .rejected_rows
        .iter()
        .max_by_key(|(k, t)| (t.count, std::cmp::Reverse(*k)))
        .map(|(k, t)| {
            let example = t.examples.first().map(|e| format!(", e.g. {e}")).unwrap_or_default();
            format!(" ({k}: {} rows{example})", t.count)
        })
        .unwrap_or_default();
    Some(format!(
        "none of the {} rows read could be used{why}, so nothing of this dataset is on the site; the data-quality page lists the rows by line",
        d.rows_read
    ))
}

/// Whether the column (as the quality report names it: `column`, or `column → score` where
/// several scores read it) is read by a score that could be given `step: 0.5`: any but an NPS,
/// counted in whole points.
fn rates_in_whole_points(project: &project::Project, dataset: &str, col: &str) -> bool {
    let Some(ds) = project.datasets.iter().find(|d| d.id == dataset) else { return false };
    ds.scores.iter().any(|sc| {
        let def = &project.scores[sc.score];
        let name = &sc.column.name;
        let named = col == name || col.strip_prefix(name.as_str()).is_some_and(|r| r.starts_with(" → "));
        named && def.kind != project::ScoreKind::Nps && def.per_point == 1
    })
}

/// The first reason a column's values could not be used, with an example, in brackets
/// (` (not a whole number, e.g. data/s.csv:3: 4.5)`), or nothing.
fn first_reason(d: &aggregate::quality::DatasetQuality, col: &str) -> String {
    first_problem(d, col)
        .map(|(k, t)| {
            let example = t.examples.first().map(|e| format!(", e.g. {e}")).unwrap_or_default();
            format!(" ({}{example})", k.split_once(": ").map_or(k.as_str(), |x| x.1))
        })
        .unwrap_or_default()
}

/// The first problem recorded for a column's values (its reason and tally), if any.
fn first_problem<'d>(
    d: &'d aggregate::quality::DatasetQuality,
    col: &str,
) -> Option<(&'d String, &'d aggregate::quality::Tally)> {
    let name = col.split(" → ").next().unwrap_or(col);
    d.problems.iter().find(|(k, _)| k.split(": ").next() == Some(col) || k.starts_with(&format!("{name}: ")))
}

/// Rows repeating a respondent id, in words: counted, not dropped.
fn duplicates_message(dup: &aggregate::DuplicateIds) -> String {
    let rows = if dup.count == 1 { "row repeats" } else { "rows repeat" };
    let key = if dup.per_touchpoint { "respondent id and touchpoint" } else { "respondent id" };
    let example = dup.examples.first().map(|e| format!(" ({e})")).unwrap_or_default();
    format!(
        "{} {rows} the {key} (column `{}`) of an earlier row{example}; repeats are counted, not dropped: if they are the same response twice, remove them from the export",
        dup.count, dup.column
    )
}

/// With `--strict`, any rejected row, skipped value, repeated respondent id, score repeated on
/// every row of a respondent or record that looks cut in two fails the build,
/// listing the reasons.
fn strict_check(strict: bool, quality: &aggregate::Quality) -> Result<()> {
    if !strict {
        return Ok(());
    }
    let mut diags = Vec::new();
    for d in &quality.datasets {
        // An empty line holds no response: counted on the page, no reason to fail.
        // Nor does a row a filter of the project's own leaves out.
        let rejected = d.rejected_rows.iter().filter(|(r, _)| !aggregate::quality::ASKED.contains(&r.as_str()));
        for (reason, t) in rejected.chain(&d.problems) {
            let example = t.examples.first().cloned().unwrap_or_default();
            diags.push(Diagnostic::file(&d.path, format!("--strict: {} × {reason}, e.g. {example}", t.count)));
        }
        if let Some(dup) = d.duplicate_ids.as_ref().filter(|x| x.count > 0) {
            diags.push(Diagnostic::file(&d.path, format!("--strict: {}", duplicates_message(dup))));
        }
        // A respondent-level score counted once per touchpoint row: the numbers are wrong.
        for r in &d.repeated_scores {
            diags.push(Diagnostic::file(&d.path, format!("--strict: {}", r.warning(&d.path))));
        }
        // A quote left open reads two rows as one: one response is inside another's cell.
        if let Some(example) = d.open_quotes.examples.first() {
            diags.push(Diagnostic::file(
                &d.path,
                format!(
                    "--strict: {} × a quote left open that takes in the row after it, e.g. {example}",
                    d.open_quotes.count
                ),
            ));
        }
        // A record cut by an unquoted line break is read as two rows: no row is skipped, but
        // the data is not what the file meant.
        if let Some(example) = d.cut_records.examples.first() {
            diags.push(Diagnostic::file(
                &d.path,
                format!(
                    "--strict: {} × a short row that looks like the rest of the row before it, cut by a line break in a cell that is not quoted, e.g. {example}",
                    d.cut_records.count
                ),
            ));
        }
    }
    if diags.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid(diags))
    }
}
