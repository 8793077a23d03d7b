//! Helpers of the hostile-input suite: projects written from Rust strings into fresh
//! temporary directories and built by the real binary (the helpers all test binaries share —
//! runs with a time limit, snapshots of trees — are in `tests/common`).

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

pub use crate::common::{
    cxsite, cxsite_limited, files, paths, snapshot, snapshot_except, Run, TempDir, BIN, RUN_LIMIT,
};

/// A project written from strings: `TMP/project/cxsite.yaml` and its files.
pub struct Proj {
    tmp: TempDir,
    /// The project directory.
    pub dir: PathBuf,
}

impl Proj {
    /// A project with this cxsite.yaml and these files (relative path → bytes).
    pub fn new(yaml: &str, files: &[(&str, &[u8])]) -> Proj {
        let tmp = TempDir::new();
        let dir = tmp.path().join("project");
        fs::create_dir_all(&dir).unwrap();
        let p = Proj { tmp, dir };
        p.write("cxsite.yaml", yaml.as_bytes());
        for (rel, bytes) in files {
            p.write(rel, bytes);
        }
        p
    }

    /// The temporary directory holding the project: its parent.
    pub fn tmp(&self) -> &Path {
        self.tmp.path()
    }

    /// A path inside the project.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    /// Writes a project file, creating its folders.
    pub fn write(&self, rel: &str, bytes: &[u8]) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).unwrap();
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
    }

    /// The default output directory, `PROJECT/public`.
    pub fn public(&self) -> PathBuf {
        self.dir.join("public")
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

    /// `cxsite build PROJECT --output OUT` with extra environment variables.
    pub fn build_env(&self, out: &Path, env: &[(&str, &str)]) -> Run {
        cxsite_limited(
            self.tmp(),
            [OsStr::new("build"), self.dir.as_os_str(), OsStr::new("--output"), out.as_os_str()],
            env,
            RUN_LIMIT,
        )
    }
}

/// A CSV file's bytes, quoted by the csv crate (so any text survives as one cell).
pub fn csv_bytes<R: AsRef<[String]>>(header: &[&str], rows: &[R]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    w.write_record(header).unwrap();
    for r in rows {
        w.write_record(r.as_ref()).unwrap();
    }
    w.into_inner().unwrap()
}

/// Whether `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}
