//! Producer conformance: a producer's contributions must merge like the data they came from.
//!
//! For every fixture project (and the sample project), each response dataset's CSV file is cut
//! into two files at a record boundary, the producer reads the two halves as two projects,
//! and `merge(produce(a), produce(b))` must equal `produce(a ++ b)`, in either order:
//! every partial (histograms, co-moments), comment count, date range and data-quality count.
//!
//! Two things legitimately differ between a split and a whole file and are not compared:
//! the row numbers in quality examples and beside respondent ids, and the comment samples (a
//! sample is drawn by a hash of dataset and row number, and the second half's rows are
//! renumbered). Lookup datasets
//! are read whole by both halves, so only response datasets' reports are compared.
//! Workbooks and UTF-16 files are not cut (their bytes cannot be split as text); they go
//! through the same fold as CSV.

#[path = "common/mod.rs"]
mod common;

use std::fs;
use std::path::Path;

use common::{copy_dir, fixtures, TempDir};
use cxsite::aggregate::{Contribution, DatasetQuality, Merge};
use cxsite::produce::csv::CsvProducer;
use cxsite::produce::Producer;
use cxsite::project::Project;

/// Byte offsets just after each line end that is outside quotes: the record boundaries of a
/// CSV file in an ASCII-compatible encoding (in GBK and GB18030 a `"` byte is never part of a
/// multi-byte character).
fn record_ends(bytes: &[u8]) -> Vec<usize> {
    let mut quoted = false;
    let mut ends = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => ends.push(i + 1),
            _ => {}
        }
    }
    if ends.last() != Some(&bytes.len()) && !bytes.is_empty() {
        ends.push(bytes.len());
    }
    ends
}

/// Splits a CSV file's bytes into two files that each keep the header (and any lines above
/// it), with the data records divided at their middle. `None` when there are too few records.
fn split_csv(bytes: &[u8], header_rows: usize) -> Option<(Vec<u8>, Vec<u8>)> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None; // UTF-16
    }
    let ends = record_ends(bytes);
    if ends.len() < header_rows + 2 {
        return None;
    }
    let head = ends[header_rows - 1];
    let middle = ends[header_rows - 1 + (ends.len() - header_rows) / 2];
    let mut a = bytes[..middle].to_vec();
    let mut b = bytes[..head].to_vec();
    b.extend_from_slice(&bytes[middle..]);
    if !a.ends_with(b"\n") {
        a.push(b'\n');
    }
    Some((a, b))
}

/// The lines each half must keep: the header row and those above it, and the extra header
/// rows a survey tool's layout adds below it (Qualtrics' question texts and ImportIds,
/// SurveyMonkey's answer options).
fn header_lines(spec: &cxsite::project::FileSpec, bytes: &[u8]) -> usize {
    use cxsite::project::Export;
    let first = spec.header_row as usize;
    match spec.export {
        Some(Export::Qualtrics) => {
            let ends = record_ends(bytes);
            let third = ends.get(first + 1).map(|&e| &bytes[ends[first]..e]).unwrap_or_default();
            first + if third.windows(8).any(|w| w == b"ImportId") { 2 } else { 1 }
        }
        Some(Export::SurveyMonkey) => first + 1,
        _ => first,
    }
}

/// A contribution with what a split changes taken out: example rows and comment samples
/// (their hashes include the line number).
fn comparable(mut c: Contribution) -> Contribution {
    c.comments.samples.clear();
    c.comments.voc.clear();
    c.comments.disagree.clear();
    c.comments.groups.clear();
    c.quality.retain(|q| q.role == "response");
    for q in &mut c.quality {
        strip_examples(q);
    }
    c.quality.sort_by(|a, b| a.id.cmp(&b.id));
    c
}

fn strip_examples(q: &mut DatasetQuality) {
    for t in q.rejected_rows.values_mut().chain(q.problems.values_mut()) {
        t.examples.clear();
        t.lines.clear();
    }
    // The example of a date no format reads: which one is earliest depends on the rows'
    // numbering in each part; that there is one does not.
    for u in q.date_unfit.values_mut() {
        *u = (0, String::new());
    }
    // Of the days the calendar lacks, the count must add up; the earliest is the parts' own.
    for u in q.date_no_such_day.values_mut() {
        (u.1, u.2) = (0, String::new());
    }
    // The same for the first date of each precision (a month alone, a day): that the column
    // has one is what the merge must keep.
    for p in q.date_precisions.iter_mut().flatten() {
        *p = (0, String::new());
    }
    // Respondent ids: the same hashes, whatever the runs they came in (rows renumbered).
    let mut ids: Vec<(u64, u64)> = q.id_rows.drain(..).flatten().map(|(h, _)| (h, 0)).collect();
    ids.sort_unstable();
    if !ids.is_empty() {
        q.id_rows.push(ids);
    }
    // Respondents' score values (for the repeated-score check): the same entries, whatever
    // the runs they came in; they hold no row number.
    let mut scores: Vec<(u64, u64)> = q.score_rows.drain(..).flatten().collect();
    scores.sort_unstable();
    if !scores.is_empty() {
        q.score_rows.push(scores);
    }
}

fn produce(project: &Project) -> Contribution {
    CsvProducer.produce(project).unwrap_or_else(|e| panic!("{}: {e}", project.root.display()))
}

/// Checks one project; returns whether any file could be split (false: nothing to check).
fn check_project(source: &Path) -> bool {
    let tmp = TempDir::new();
    let (whole_dir, a_dir, b_dir) = (tmp.path().join("whole"), tmp.path().join("a"), tmp.path().join("b"));
    for d in [&whole_dir, &a_dir, &b_dir] {
        copy_dir(source, d);
    }
    let Ok(whole_project) = cxsite::project::load(&whole_dir) else { return false };
    let Ok(whole) = CsvProducer.produce(&whole_project) else { return false };
    let mut split_any = false;
    for ds in &whole_project.datasets {
        if ds.file.workbook {
            continue;
        }
        let rel = ds.file.path.strip_prefix(&whole_dir).expect("a dataset inside the project");
        let bytes = fs::read(&ds.file.path).unwrap();
        if let Some((a, b)) = split_csv(&bytes, header_lines(&ds.file, &bytes)) {
            fs::write(a_dir.join(rel), a).unwrap();
            fs::write(b_dir.join(rel), b).unwrap();
            split_any = true;
        }
    }
    if !split_any {
        return false;
    }
    let a = produce(&cxsite::project::load(&a_dir).unwrap());
    let b = produce(&cxsite::project::load(&b_dir).unwrap());
    let name = source.display();
    // The samples (verbatims, worth-reading, per-group) keep the smallest hashes of the union,
    // whatever the order the parts are merged in.
    let (ab, ba) = (Contribution::merge_all([a.clone(), b.clone()]), Contribution::merge_all([b.clone(), a.clone()]));
    assert_eq!(ab.comments, ba.comments, "{name}: comment samples must not depend on the merge order");
    let whole = comparable(whole);
    let ab = comparable(Contribution::merge_all([a.clone(), b.clone()]));
    let ba = comparable(Contribution::merge_all([b, a]));
    assert_eq!(ab.partials.groups.len(), whole.partials.groups.len(), "{name}: number of groups");
    for (key, g) in &whole.partials.groups {
        assert_eq!(ab.partials.groups.get(key), Some(g), "{name}: group {key:?}");
    }
    assert_eq!(ab.partials, whole.partials, "{name}: partials");
    assert_eq!(ab.comments, whole.comments, "{name}: comment counts");
    assert_eq!(ab.text, whole.text, "{name}: themes, sentiment and keywords of comments");
    assert_eq!(ab.dates, whole.dates, "{name}: date range");
    assert_eq!(ab.quality, whole.quality, "{name}: data-quality counts");
    assert_eq!(ab, ba, "{name}: merging must not depend on the order");
    true
}

#[test]
fn every_fixture_merges_like_its_data() {
    let mut checked = Vec::new();
    let mut dirs: Vec<_> = fs::read_dir(fixtures()).unwrap().map(|e| e.unwrap().path()).collect();
    dirs.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-project"));
    dirs.sort();
    for dir in dirs.iter().filter(|d| d.join("cxsite.yaml").is_file()) {
        if check_project(dir) {
            checked.push(dir.file_name().unwrap().to_string_lossy().to_string());
        }
    }
    // The check must not pass by skipping: most fixtures are plain CSV and must be cut.
    assert!(checked.len() >= 12, "only {} projects could be split: {checked:?}", checked.len());
    assert!(checked.iter().any(|c| c == "sample-project"), "{checked:?}");
}

#[test]
fn splitting_keeps_the_header_and_every_record_once() {
    let csv = b"title line\nid,text\n1,\"a\nb\"\n2,x\n3,y\n";
    let (a, b) = split_csv(csv, 2).unwrap();
    assert_eq!(a, b"title line\nid,text\n1,\"a\nb\"\n".to_vec());
    assert_eq!(b, b"title line\nid,text\n2,x\n3,y\n".to_vec());
    assert!(split_csv(b"id\n", 1).is_none());
}
