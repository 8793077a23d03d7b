//! Helpers of the export tests: copy a fixture project into a fresh temporary directory, run
//! the real `cxsite` binary on it, and read metrics.csv and the data-quality report it wrote
//! (the helpers all test binaries share are in `tests/common`).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

pub use crate::common::Run;
use crate::common::{copy_dir, cxsite, fixtures, TempDir};

/// A copy of a fixture project (`tests/fixtures/<name>`) in its own temporary directory,
/// removed when dropped.
pub struct Project {
    tmp: TempDir,
    /// The project directory (holds cxsite.yaml).
    pub dir: PathBuf,
}

impl Project {
    pub fn new(fixture: &str) -> Project {
        let tmp = TempDir::new();
        let dir = tmp.path().join(fixture);
        copy_dir(&fixtures().join(fixture), &dir);
        Project { tmp, dir }
    }

    /// A path inside the project.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// The default output directory, `PROJECT/public`.
    pub fn public(&self) -> PathBuf {
        self.dir.join("public")
    }

    /// Replaces the one occurrence of `from` in a project file by `to`.
    #[track_caller]
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in {rel}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Rewrites a project file's bytes.
    pub fn edit(&self, rel: &str, f: impl FnOnce(Vec<u8>) -> Vec<u8>) {
        let path = self.path(rel);
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        fs::write(&path, f(bytes)).unwrap();
    }

    /// Runs `cxsite ARGS` from the temporary directory.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        cxsite(self.tmp.path(), args)
    }

    /// `cxsite build PROJECT`.
    pub fn build(&self) -> Run {
        self.run([OsStr::new("build"), self.dir.as_os_str()])
    }

    /// `cxsite check PROJECT`.
    pub fn check(&self) -> Run {
        self.run([OsStr::new("check"), self.dir.as_os_str()])
    }

    /// `cxsite build PROJECT --strict`.
    pub fn build_strict(&self) -> Run {
        self.run([OsStr::new("build"), self.dir.as_os_str(), OsStr::new("--strict")])
    }

    /// Builds, expecting success, and reads metrics.csv and metrics.json.
    #[track_caller]
    pub fn built(&self) -> Site {
        self.build().expect(0);
        Site::read(&self.public())
    }

    /// Asserts a failed build left no site behind.
    #[track_caller]
    pub fn assert_nothing_written(&self) {
        assert!(!self.public().exists(), "a failed build wrote {}", self.public().display());
    }
}

/// One row of metrics.csv as the text of its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub dimension: String,
    pub group: String,
    pub metric: String,
    pub cells: [String; 4],
}

/// What a build wrote: metrics.csv, metrics.json and the site's directory.
pub struct Site {
    pub rows: Vec<Row>,
    pub json: Value,
    pub dir: PathBuf,
}

impl Site {
    #[track_caller]
    pub fn read(dir: &Path) -> Site {
        let csv_path = dir.join("data/metrics.csv");
        let text = fs::read_to_string(&csv_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", csv_path.display()));
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows = reader
            .records()
            .map(|r| {
                let r = r.expect("metrics.csv must be well-formed CSV");
                assert_eq!(r.len(), 7, "row {r:?} must have 7 cells");
                Row {
                    dimension: r[0].to_string(),
                    group: r[1].to_string(),
                    metric: r[2].to_string(),
                    cells: [r[3].to_string(), r[4].to_string(), r[5].to_string(), r[6].to_string()],
                }
            })
            .collect();
        let json_path = dir.join("data/metrics.json");
        let bytes = fs::read(&json_path).unwrap_or_else(|e| panic!("cannot read {}: {e}", json_path.display()));
        let json = serde_json::from_slice(&bytes).expect("metrics.json must be valid JSON");
        Site { rows, json, dir: dir.to_path_buf() }
    }

    /// `[n, value, ci_low, ci_high]` of a row of metrics.csv.
    #[track_caller]
    pub fn cells(&self, dimension: &str, group: &str, metric: &str) -> [&str; 4] {
        let r = self
            .rows
            .iter()
            .find(|r| r.dimension == dimension && r.group == group && r.metric == metric)
            .unwrap_or_else(|| {
                panic!("no row {dimension},{group},{metric}; groups of `{dimension}`: {:?}", self.groups(dimension))
            });
        [&r.cells[0], &r.cells[1], &r.cells[2], &r.cells[3]].map(String::as_str)
    }

    /// The distinct groups of a dimension, in file order.
    pub fn groups(&self, dimension: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.rows.iter().filter(|r| r.dimension == dimension) {
            if !out.contains(&r.group.as_str()) {
                out.push(&r.group);
            }
        }
        out
    }

    /// The data-quality report of one dataset in metrics.json.
    #[track_caller]
    pub fn quality(&self, id: &str) -> Quality<'_> {
        let all = self.json["quality"]["datasets"].as_array().expect("quality.datasets is an array");
        let q = all.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("no dataset `{id}` in {all:#?}"));
        Quality(q)
    }

    /// `[first, last]` response date of metrics.json's `data_period`.
    pub fn data_period(&self) -> [&Value; 2] {
        [&self.json["data_period"]["first"], &self.json["data_period"]["last"]]
    }

    /// The text of a page of the site.
    #[track_caller]
    pub fn page(&self, rel: &str) -> String {
        fs::read_to_string(self.dir.join(rel)).unwrap_or_else(|e| panic!("cannot read page {rel}: {e}"))
    }
}

/// `quality.datasets[i]` of metrics.json.
pub struct Quality<'a>(pub &'a Value);

#[track_caller]
fn count(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("{v} is not a count"))
}

impl<'a> Quality<'a> {
    /// `[rows_read, rows_used, rows_rejected]`.
    #[track_caller]
    pub fn rows(&self) -> [u64; 3] {
        [count(&self.0["rows_read"]), count(&self.0["rows_used"]), count(&self.0["rows_rejected"])]
    }

    /// `[valid, blank, not_applicable, invalid]` of a mapped column.
    #[track_caller]
    pub fn column(&self, name: &str) -> [u64; 4] {
        let c = &self.0["columns"][name];
        assert!(c.is_object(), "no column {name:?} in {:#}", self.0["columns"]);
        [count(&c["valid"]), count(&c["blank"]), count(&c["not_applicable"]), count(&c["invalid"])]
    }

    /// The keys of `problems` or `rejected_rows`, sorted.
    pub fn keys(&self, section: &str) -> Vec<&'a str> {
        self.0[section].as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default()
    }

    /// The count and the examples of one entry of `problems` or `rejected_rows`.
    #[track_caller]
    pub fn tally(&self, section: &str, key: &str) -> (u64, Vec<&'a str>) {
        let t: &'a Value = &self.0[section][key];
        assert!(t.is_object(), "no {section}.{key:?} in {:#}", self.0[section]);
        let examples = t["examples"].as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect();
        (count(&t["count"]), examples)
    }
}

/// CRLF → LF, as if the file had been saved on Linux or macOS. Byte-wise: right for UTF-8 and
/// GBK (no byte of a multi-byte character is CR or LF), not for UTF-16.
pub fn lf(bytes: Vec<u8>) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    for (i, b) in bytes.iter().enumerate() {
        if !(*b == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
            out.push(*b);
        }
    }
    out
}
