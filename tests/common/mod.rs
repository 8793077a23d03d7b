//! Helpers shared by the integration-test binaries (`cli`, `exports`, `hostile`): temporary
//! directories, fixture copies, runs of the real `cxsite` binary with a time limit, tree
//! snapshots and a seeded number sequence. Each binary's `support` module re-exports what it
//! uses and adds its own helpers.
#![allow(dead_code)] // each test binary uses part of this module

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The binary under test, built by Cargo for this test run.
pub const BIN: &str = env!("CARGO_BIN_EXE_cxsite");

/// The longest any run may take before it is killed and the test fails (a hang is a bug).
pub const RUN_LIMIT: Duration = Duration::from_secs(60);

/// `tests/fixtures`.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// A fresh directory under Cargo's per-target temporary directory, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let name = format!("{}-{}-{n}", env!("CARGO_CRATE_NAME"), std::process::id());
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        TempDir(dir)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        // Tests make read-only and odd files (FIFOs, links); remove what can be removed.
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Copies a directory tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    for entry in fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display())) {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| panic!("cannot copy {}: {e}", entry.path().display()));
        }
    }
}

/// What one run of the binary did.
#[derive(Debug)]
pub struct Run {
    /// Exit code (-1 when killed by a signal or by the time limit).
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The run was killed because it outlived its time limit.
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl Run {
    /// Asserts the exit code, showing both streams when it differs.
    #[track_caller]
    pub fn expect(&self, code: i32) -> &Run {
        assert!(!self.timed_out, "the run was killed after {:?}\n--- stderr\n{}", self.elapsed, self.stderr);
        assert_eq!(
            self.code, code,
            "expected exit code {code}, got {}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// Asserts stderr contains every one of `parts`.
    #[track_caller]
    pub fn stderr_has(&self, parts: &[&str]) -> &Run {
        for p in parts {
            assert!(self.stderr.contains(p), "stderr lacks {p:?}:\n{}", self.stderr);
        }
        self
    }

    /// Asserts stderr contains none of `parts`.
    #[track_caller]
    pub fn stderr_lacks(&self, parts: &[&str]) -> &Run {
        for p in parts {
            assert!(!self.stderr.contains(p), "stderr has {p:?}:\n{}", self.stderr);
        }
        self
    }
}

/// Runs `cxsite ARGS` in `cwd` with `env` added, killed after `limit`. Output goes through
/// files, so a chatty process can never block on a full pipe.
pub fn cxsite_limited<I, S>(cwd: &Path, args: I, env: &[(&str, &str)], limit: Duration) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let logs = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{}-logs", env!("CARGO_CRATE_NAME")));
    fs::create_dir_all(&logs).unwrap();
    let pid = std::process::id();
    let (out_path, err_path) = (logs.join(format!("{pid}-{n}.out")), logs.join(format!("{pid}-{n}.err")));
    let mut cmd = Command::new(BIN);
    cmd.args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let start = Instant::now();
    let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot run {BIN}: {e}"));
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > limit {
            timed_out = true;
            let _ = child.kill();
            break child.wait().unwrap();
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let elapsed = start.elapsed();
    let read = |p: &Path| String::from_utf8_lossy(&fs::read(p).unwrap_or_default()).into_owned();
    let run =
        Run { code: status.code().unwrap_or(-1), stdout: read(&out_path), stderr: read(&err_path), timed_out, elapsed };
    let _ = fs::remove_file(&out_path);
    let _ = fs::remove_file(&err_path);
    assert_outcome(&run);
    run
}

/// Every run of every test ends in one of the documented outcomes — 0, 1 or 2 — or is killed
/// by its time limit (which the test then reports): a panic (exit 101), an abort or a crash
/// (a signal) is a bug whatever the input, so it fails the test that found it.
#[track_caller]
pub fn assert_outcome(run: &Run) {
    assert!(
        run.timed_out || (matches!(run.code, 0..=2) && !run.stderr.contains("panicked at")),
        "cxsite ended with code {} (101 is a panic, -1 a signal); only 0, 1 and 2 are outcomes\n--- stderr\n{}",
        run.code,
        run.stderr
    );
}

/// Runs `cxsite ARGS` in `cwd` with `env` set, as a user would from a shell.
pub fn cxsite_env<I, S>(cwd: &Path, args: I, env: &[(&str, &str)]) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    cxsite_limited(cwd, args, env, RUN_LIMIT)
}

/// Runs `cxsite ARGS` in `cwd`.
pub fn cxsite<I, S>(cwd: &Path, args: I) -> Run
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    cxsite_limited(cwd, args, &[], RUN_LIMIT)
}

/// `cxsite build PROJECT -o OUT -q` on `threads` threads (RAYON_NUM_THREADS), run from `cwd`.
pub fn build_on_threads(cwd: &Path, project: &Path, out: &Path, threads: &str) -> Run {
    cxsite_env(
        cwd,
        [OsStr::new("build"), project.as_os_str(), OsStr::new("-o"), out.as_os_str(), OsStr::new("-q")],
        &[("RAYON_NUM_THREADS", threads)],
    )
}

/// Every file and directory under `dir` (relative path with `/` → bytes; `None` for a
/// directory, the target for a symbolic link), skipping any path that starts with one of
/// `except`.
pub fn snapshot_except(dir: &Path, except: &[&Path]) -> BTreeMap<String, Option<Vec<u8>>> {
    fn walk(root: &Path, dir: &Path, except: &[&Path], out: &mut BTreeMap<String, Option<Vec<u8>>>) {
        let Ok(entries) = fs::read_dir(dir) else { return };
        for entry in entries {
            let entry = entry.unwrap();
            let path = entry.path();
            if except.iter().any(|e| path.starts_with(e)) {
                continue;
            }
            let rel = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let ft = entry.file_type().unwrap();
            if ft.is_symlink() {
                let target = fs::read_link(&path).unwrap();
                out.insert(rel, Some(format!("-> {}", target.display()).into_bytes()));
            } else if ft.is_dir() {
                out.insert(rel, None);
                walk(root, &path, except, out);
            } else if ft.is_file() {
                out.insert(rel, Some(fs::read(&path).unwrap()));
            } else {
                out.insert(rel, Some(b"(special file)".to_vec()));
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, except, &mut out);
    out
}

/// Every file and directory under `dir`.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    snapshot_except(dir, &[])
}

/// The paths of a snapshot, for readable assertion messages.
pub fn paths(s: &BTreeMap<String, Option<Vec<u8>>>) -> Vec<&str> {
    s.keys().map(String::as_str).collect()
}

/// Every regular file under `dir`: relative path (with `/`) → bytes.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    snapshot(dir).into_iter().filter_map(|(k, v)| v.map(|b| (k, b))).collect()
}

/// A seeded pseudo-random sequence (a 64-bit linear congruential generator, Knuth's MMIX
/// constants), so generated test data is the same on every run.
pub struct Lcg(u64);

impl Lcg {
    pub fn new(seed: u64) -> Lcg {
        Lcg(seed)
    }

    /// The next number below `m`.
    pub fn below(&mut self, m: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % m
    }
}
