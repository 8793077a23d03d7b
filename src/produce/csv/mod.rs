//! The CSV / XLSX producer: files → a [`Contribution`] of base partials, comment samples and
//! a data-quality report. Streams each file once and keeps no rows: memory follows the
//! number of groups (and the bounded comment samples).
//!
//! A reader finds, by file: `reader` (bytes → records), `lookup` (joined tables), `plan` (a
//! dataset's columns resolved), `screens` (rows a report leaves out), `fold` (rows → partials,
//! on every core), `drivers` (the key-driver partials a row adds to) and `value` (one cell).

mod drivers;
mod fold;
mod lookup;
mod plan;
pub mod reader;
mod screens;
pub mod value;

use crate::aggregate::{Contribution, Merge};
use crate::error::{Diagnostic, Error, Result};
use crate::project::Project;
use crate::text::SharedAnalyzer;

use drivers::fold_drivers;
pub use drivers::MAX_DRIVER_RATINGS;
use lookup::{join_key, load_lookup, LoadedLookup};
use plan::{date_zone, plan, ColRef, Plan, SegPlan};
pub(crate) use screens::{is_unfinished_status, unfinished_column, Unfinished};

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
                    p.header_names =
                        f.header_rows.first().into_iter().flatten().filter(|n| !n.is_empty()).cloned().collect();
                    p.first_data_line = f.first_data_line;
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
    let wanted = project.analyses_comments();
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

#[cfg(test)]
mod tests {
    use super::*;

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
