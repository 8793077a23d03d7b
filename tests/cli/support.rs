//! Helpers of the command-line tests: fixture projects copied into fresh temporary
//! directories and run through the real binary, and what they wrote, read back (the
//! helpers all test binaries share are in `tests/common`).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

pub use crate::common::{build_on_threads, copy_dir, cxsite, cxsite_env, fixtures, paths, snapshot, Lcg, Run, TempDir};

/// The min_n of the `metrics` fixture.
pub const MIN_N: u64 = 30;

/// A copy of a fixture project in its own temporary directory (`TMP/<fixture>`).
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

    /// A project that `write` makes in `TMP/<name>` (a test's own cxsite.yaml and data).
    pub fn written(name: &str, write: impl FnOnce(&Path)) -> Project {
        let tmp = TempDir::new();
        let dir = tmp.path().join(name);
        write(&dir);
        Project { tmp, dir }
    }

    /// The temporary directory holding the project: its parent.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the project.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// The default output directory, `PROJECT/public`.
    pub fn public(&self) -> PathBuf {
        self.dir.join("public")
    }

    /// A file of the built site (`PROJECT/public/REL`), as text.
    #[track_caller]
    pub fn built(&self, rel: &str) -> String {
        std::fs::read_to_string(self.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Replaces the one occurrence of `from` in a project file by `to`.
    #[track_caller]
    pub fn replace(&self, rel: &str, from: &str, to: &str) {
        let path = self.path(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.matches(from).count(), 1, "{from:?} must occur exactly once in {rel}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }

    /// Appends bytes to a project file.
    pub fn append(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        let mut all = fs::read(&path).unwrap();
        all.extend_from_slice(bytes);
        fs::write(&path, all).unwrap();
    }

    /// Runs `cxsite ARGS` from the temporary directory.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        cxsite(self.tmp(), args)
    }

    /// `cxsite build PROJECT` (into `PROJECT/public`).
    pub fn build(&self) -> Run {
        self.run([OsStr::new("build"), self.dir.as_os_str()])
    }

    /// `cxsite build PROJECT --output OUT`.
    pub fn build_into(&self, out: &Path) -> Run {
        self.run([OsStr::new("build"), self.dir.as_os_str(), OsStr::new("--output"), out.as_os_str()])
    }

    /// `cxsite check PROJECT`.
    pub fn check(&self) -> Run {
        self.run([OsStr::new("check"), self.dir.as_os_str()])
    }

    /// Builds into `PROJECT/public`, expecting success, and reads its metrics.csv.
    #[track_caller]
    pub fn built_metrics(&self) -> MetricsCsv {
        self.build().expect(0);
        MetricsCsv::read(&self.public())
    }

    /// Builds into `PROJECT/public`, expecting success, and reads its metrics.json.
    #[track_caller]
    pub fn built_json(&self) -> serde_json::Value {
        self.build().expect(0);
        read_json(&self.public())
    }
}

/// One row of metrics.csv, as the text of its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub dimension: String,
    pub group: String,
    pub metric: String,
    pub n: String,
    pub value: String,
    pub ci_low: String,
    pub ci_high: String,
}

/// `SITE/data/metrics.csv`, parsed.
#[derive(Debug)]
pub struct MetricsCsv {
    /// The first line, byte for byte (without its line break).
    pub header: String,
    pub rows: Vec<Row>,
}

impl MetricsCsv {
    #[track_caller]
    pub fn read(site: &Path) -> MetricsCsv {
        let path = site.join("data").join("metrics.csv");
        let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        let text = String::from_utf8(bytes).expect("metrics.csv must be UTF-8");
        let header = text.lines().next().unwrap_or("").to_string();
        let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(text.as_bytes());
        let rows = reader
            .records()
            .map(|r| {
                let r = r.expect("metrics.csv must be well-formed CSV");
                assert_eq!(r.len(), 7, "row {r:?} must have 7 cells");
                Row {
                    dimension: r[0].to_string(),
                    group: r[1].to_string(),
                    metric: r[2].to_string(),
                    n: r[3].to_string(),
                    value: r[4].to_string(),
                    ci_low: r[5].to_string(),
                    ci_high: r[6].to_string(),
                }
            })
            .collect();
        MetricsCsv { header, rows }
    }

    /// The row of a dimension, group and metric.
    #[track_caller]
    pub fn row(&self, dimension: &str, group: &str, metric: &str) -> &Row {
        self.rows.iter().find(|r| r.dimension == dimension && r.group == group && r.metric == metric).unwrap_or_else(
            || panic!("no row {dimension},{group},{metric}; groups of `{dimension}`: {:?}", self.groups(dimension)),
        )
    }

    /// `[n, value, ci_low, ci_high]` of a row.
    #[track_caller]
    pub fn cells(&self, dimension: &str, group: &str, metric: &str) -> [&str; 4] {
        let r = self.row(dimension, group, metric);
        [&r.n, &r.value, &r.ci_low, &r.ci_high]
    }

    /// Whether the file has a row of a dimension, group and metric.
    pub fn has(&self, dimension: &str, group: &str, metric: &str) -> bool {
        self.rows.iter().any(|r| r.dimension == dimension && r.group == group && r.metric == metric)
    }

    /// The value of a row as a number; panics when the row is missing or its value blank.
    #[track_caller]
    pub fn value(&self, dimension: &str, group: &str, metric: &str) -> f64 {
        let r = self.row(dimension, group, metric);
        r.value.parse().unwrap_or_else(|_| panic!("value of {r:?} is not a number"))
    }

    /// The distinct groups of a dimension, in file order.
    pub fn groups(&self, dimension: &str) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in self.rows.iter().filter(|r| r.dimension == dimension) {
            if out.last() != Some(&r.group.as_str()) {
                out.push(&r.group);
            }
        }
        out
    }

    /// The dimensions of the rows, in file order, each once per run of rows.
    pub fn dimensions(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for r in &self.rows {
            if out.last() != Some(&r.dimension.as_str()) {
                out.push(&r.dimension);
            }
        }
        out
    }
}

/// `SITE/data/metrics.json`, parsed.
#[track_caller]
pub fn read_json(site: &Path) -> serde_json::Value {
    let path = site.join("data").join("metrics.json");
    let bytes = fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_slice(&bytes).expect("metrics.json must be valid JSON")
}

/// Every HTML page of a site, in path order.
pub fn html_pages(site: &Path) -> Vec<PathBuf> {
    let mut pages = Vec::new();
    let mut stack = vec![site.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "html") {
                pages.push(path);
            }
        }
    }
    pages.sort();
    pages
}
