//! Golden sites: two fixture projects, one long-format and one wide-format survey, are built
//! and compared file by file, byte for byte, with the sites committed under `tests/golden/`.
//! Any changed, missing or unexpected file fails, so a refactoring that changes a single byte
//! of output is caught, and an intended change shows up as a reviewable diff.
//!
//! Each site is built twice: once in a plain environment (1 thread, `TZ=UTC`, `LC_ALL=C`,
//! absolute paths), once in an unusual one (3 threads, a UTC+14 time zone, German and Chinese
//! locales, relative paths from a directory whose name has a space and non-ASCII letters).
//! Both must equal the golden tree: nothing of the build machine may leak into a site.
//!
//! To accept an intended change: `CXSITE_BLESS=1 cargo test --test cli golden` rewrites
//! `tests/golden/` (and `tests/snapshots/`, see `golden_errors.rs`), deleting stale files.
//! Review every golden diff as code before committing it.

use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::files;
use crate::support::{copy_dir, cxsite_env, fixtures, TempDir};

/// The environment variable that turns golden comparisons into rewrites.
pub const BLESS: &str = "CXSITE_BLESS";

/// The command that accepts an intended change, for failure messages.
pub const BLESS_HINT: &str = "If the change is intended, run `CXSITE_BLESS=1 cargo test --test cli golden` \
     and review the diff of tests/golden/ and tests/snapshots/ like code before committing it.";

/// Whether this run rewrites golden files instead of comparing with them.
pub fn blessing() -> bool {
    matches!(std::env::var(BLESS).as_deref(), Ok(v) if !v.is_empty() && v != "0")
}

/// `tests/<name>`.
pub fn tests_dir(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join(name)
}

/// How a golden site is built: the environment and where from.
struct Machine {
    /// Shown in failure messages.
    label: &'static str,
    env: &'static [(&'static str, &'static str)],
    /// The directory, under the temporary one, holding the project copy and the site.
    parent: &'static str,
    /// Run from `parent` with relative paths instead of from the temporary directory with
    /// absolute ones.
    relative: bool,
}

const PLAIN: Machine = Machine {
    label: "1 thread, TZ=UTC, LC_ALL=C, absolute paths",
    env: &[("RAYON_NUM_THREADS", "1"), ("TZ", "UTC"), ("LC_ALL", "C"), ("LANG", "C")],
    parent: "plain",
    relative: false,
};

const UNUSUAL: Machine = Machine {
    label: "3 threads, TZ=Pacific/Kiritimati, LC_ALL=de_DE.UTF-8, LANG=zh_CN.UTF-8, \
            relative paths from `odd dir ü 目录/nested`",
    env: &[
        ("RAYON_NUM_THREADS", "3"),
        ("TZ", "Pacific/Kiritimati"),
        ("LC_ALL", "de_DE.UTF-8"),
        ("LANG", "zh_CN.UTF-8"),
        ("LANGUAGE", "zh_CN"),
    ],
    parent: "odd dir ü 目录/nested",
    relative: true,
};

/// Builds a copy of `tests/fixtures/<fixture>` with `cxsite build PROJECT -o SITE -q` on
/// `machine`, expecting success, and returns every file of the site.
fn build(fixture: &str, machine: &Machine) -> BTreeMap<String, Vec<u8>> {
    let tmp = TempDir::new();
    let parent = tmp.path().join(machine.parent);
    let project = parent.join(fixture);
    copy_dir(&fixtures().join(fixture), &project);
    let site = parent.join("site");
    let run = if machine.relative {
        cxsite_env(&parent, ["build", fixture, "-o", "site", "-q"], machine.env)
    } else {
        cxsite_env(
            tmp.path(),
            [OsStr::new("build"), project.as_os_str(), OsStr::new("-o"), site.as_os_str(), OsStr::new("-q")],
            machine.env,
        )
    };
    run.expect(0);
    // The fixtures use a small min_n, which the build rightly warns about; nothing else.
    let unexpected: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.starts_with(' ') && !l.contains("min_n is") && !l.starts_with(char::is_numeric))
        .collect();
    assert!(unexpected.is_empty(), "a clean build of {fixture} printed to stderr: {unexpected:?}");
    let out = files(&site);
    assert!(out.len() > 10, "too few files in the site of {fixture}: {:?}", out.keys());
    out
}

/// Rewrites `dir` to hold exactly `actual`: changed and new files written, stale files and
/// the directories they leave empty deleted.
fn bless_tree(actual: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    let expected = if dir.exists() { files(dir) } else { BTreeMap::new() };
    for rel in expected.keys().filter(|rel| !actual.contains_key(*rel)) {
        fs::remove_file(dir.join(rel)).unwrap_or_else(|e| panic!("cannot delete {rel}: {e}"));
    }
    remove_empty_dirs(dir);
    for (rel, bytes) in actual {
        if expected.get(rel) != Some(bytes) {
            let path = dir.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
        }
    }
    eprintln!("blessed {} ({} files)", dir.display(), actual.len());
}

/// Deletes the empty directories under `dir` (not `dir` itself); returns whether `dir` is
/// left empty.
fn remove_empty_dirs(dir: &Path) -> bool {
    let Ok(entries) = fs::read_dir(dir) else { return false };
    let mut empty = true;
    for entry in entries {
        let path = entry.unwrap().path();
        if path.is_dir() && remove_empty_dirs(&path) {
            fs::remove_dir(&path).unwrap();
        } else {
            empty = false;
        }
    }
    empty
}

/// Compares `actual` with the files under `dir`; panics listing every changed, missing and
/// unexpected file, with the first differing lines of the first few changed ones.
#[track_caller]
fn assert_tree(actual: &BTreeMap<String, Vec<u8>>, dir: &Path, what: &str) {
    let expected = if dir.exists() { files(dir) } else { BTreeMap::new() };
    let shown = dir.strip_prefix(env!("CARGO_MANIFEST_DIR")).unwrap_or(dir).display().to_string();
    let mut problems = Vec::new();
    let mut diffs = Vec::new();
    for (rel, want) in &expected {
        match actual.get(rel) {
            None => problems.push(format!("  missing:    {rel} (in the golden tree, not built)")),
            Some(got) if got != want => {
                problems.push(format!("  changed:    {rel}"));
                if diffs.len() < 5 {
                    diffs.push(format!("--- {shown}/{rel}\n+++ built {rel}\n{}", diff(want, got)));
                }
            }
            Some(_) => {}
        }
    }
    for rel in actual.keys().filter(|rel| !expected.contains_key(*rel)) {
        problems.push(format!("  unexpected: {rel} (built, not in the golden tree)"));
    }
    if !problems.is_empty() {
        panic!(
            "the site {what} differs from {shown}/ in {} file(s):\n{}\n\n{}\n{BLESS_HINT}",
            problems.len(),
            problems.join("\n"),
            diffs.join("\n")
        );
    }
}

/// Builds `fixture` on both machines and compares each site with `tests/golden/<fixture>/`
/// (blessing the plain build first when `CXSITE_BLESS` is set).
#[track_caller]
fn assert_golden_site(fixture: &str) {
    let dir = tests_dir("golden").join(fixture);
    let plain = build(fixture, &PLAIN);
    if blessing() {
        bless_tree(&plain, &dir);
    }
    assert_tree(&plain, &dir, &format!("of tests/fixtures/{fixture} built with {}", PLAIN.label));
    // Blessing never hides a leak: the unusual build must equal what the plain one wrote.
    let unusual = build(fixture, &UNUSUAL);
    assert_tree(&unusual, &dir, &format!("of tests/fixtures/{fixture} built with {}", UNUSUAL.label));
}

/// The longest line excerpt shown, in characters.
const CLIP: usize = 160;
/// Lines shown on each side of a difference.
const CONTEXT: usize = 3;
/// Changed lines shown on each side before the rest is elided.
const SHOWN: usize = 12;

/// A unified-style excerpt of the first block of lines that differs between `want` and
/// `got`; for content that is not UTF-8, the sizes and the first differing byte.
pub fn diff(want: &[u8], got: &[u8]) -> String {
    let (Ok(w), Ok(g)) = (std::str::from_utf8(want), std::str::from_utf8(got)) else {
        let at = want.iter().zip(got).take_while(|(a, b)| a == b).count();
        return format!(
            "binary content differs: golden {} bytes, built {} bytes, first difference at byte {at}\n",
            want.len(),
            got.len()
        );
    };
    // Split on '\n' only, so a final newline or a '\r' is a visible difference.
    let w: Vec<&str> = w.split('\n').collect();
    let g: Vec<&str> = g.split('\n').collect();
    let prefix = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let suffix = w[prefix..].iter().rev().zip(g[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let (removed, added) = (&w[prefix..w.len() - suffix], &g[prefix..g.len() - suffix]);
    let mut out =
        format!("@@ line {}: {} line(s) in the golden file, {} built @@\n", prefix + 1, removed.len(), added.len());
    for line in &w[prefix.saturating_sub(CONTEXT)..prefix] {
        out += &format!("  {}\n", clip(line, 0));
    }
    for (sign, lines, other) in [('-', removed, added), ('+', added, removed)] {
        for (i, line) in lines.iter().enumerate().take(SHOWN) {
            // Long lines (minified JSON) are shown around their first difference.
            let at = other.get(i).map_or(0, |o| line.chars().zip(o.chars()).take_while(|(a, b)| a == b).count());
            out += &format!("{sign} {}\n", clip(line, at));
        }
        if lines.len() > SHOWN {
            out += &format!("{sign} … {} more line(s)\n", lines.len() - SHOWN);
        }
    }
    for line in w[w.len() - suffix..].iter().take(CONTEXT) {
        out += &format!("  {}\n", clip(line, 0));
    }
    out
}

/// At most `CLIP` characters of `line` around character `at`, control characters escaped.
fn clip(line: &str, at: usize) -> String {
    let chars: Vec<char> = line.chars().collect();
    let start = at.saturating_sub(CLIP / 3).min(chars.len().saturating_sub(CLIP));
    let end = (start + CLIP).min(chars.len());
    let mut out = String::new();
    if start > 0 {
        out += &format!("…[from character {}] ", start + 1);
    }
    for &c in &chars[start..end] {
        if c.is_control() && c != '\t' {
            out += &c.escape_default().to_string();
        } else {
            out.push(c);
        }
    }
    if end < chars.len() {
        out += " […]";
    }
    out
}

#[test]
fn long_format_survey_basic_builds_the_golden_site_byte_for_byte_on_any_machine() {
    assert_golden_site("basic");
}

#[test]
fn wide_format_survey_exports_wide_builds_the_golden_site_byte_for_byte_on_any_machine() {
    assert_golden_site("exports_wide");
}

#[test]
fn golden_diff_shows_the_first_differing_lines_with_context() {
    let d = diff(b"a\nb\nc\nd\ne\n", b"a\nb\nC\nd\ne\n");
    assert_eq!(d, "@@ line 3: 1 line(s) in the golden file, 1 built @@\n  a\n  b\n- c\n+ C\n  d\n  e\n  \n");
    // A missing final newline is a difference too.
    assert!(diff(b"x\n", b"x").contains("@@ line 2: 1 line(s) in the golden file, 0 built @@\n  x\n- \n"));
    // A long line is shown around its first difference.
    let (a, b) =
        (format!("{}X{}", "-".repeat(500), "=".repeat(500)), format!("{}Y{}", "-".repeat(500), "=".repeat(500)));
    let d = diff(a.as_bytes(), b.as_bytes());
    assert!(d.contains("…[from character 448] ") && d.contains("-X=") && d.contains("-Y="), "{d}");
    assert!(d.lines().all(|l| l.chars().count() < CLIP + 40), "{d}");
    // Bytes that are not UTF-8 are compared as bytes.
    assert_eq!(
        diff(b"\x89PNG\x00\x01", b"\x89PNG\x00\x02"),
        "binary content differs: golden 6 bytes, built 6 bytes, first difference at byte 5\n"
    );
}
