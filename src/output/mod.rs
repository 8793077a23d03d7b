//! The only module that writes: the downloads, then the whole site atomically.

pub mod downloads;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// A site in memory: relative path (with `/`) → bytes. Ordered, so writing is deterministic.
pub type Site = BTreeMap<String, Vec<u8>>;

/// The file that marks a directory as a cxsite output, so a rebuild may replace it.
pub const MARKER: &str = ".cxsite-output";
const MARKER_TEXT: &str = "This directory was written by cxsite build and is replaced by the next build.\n";

/// Absolute form of a path that may not exist yet (no symlink resolution for the missing part).
fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    // Resolve `.` and `..` as text first: `PROJECT/new/..` is the project even while `new`
    // does not exist.
    let mut normal = PathBuf::new();
    for c in abs.components() {
        match c {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    let abs = normal;
    // Canonicalise the longest existing ancestor, then re-append the rest.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        out.push(name);
    }
    out
}

/// Refuses an output directory that would destroy something that is not a cxsite output:
/// the project directory, any ancestor of it, or a non-empty directory without the marker.
pub fn check_output_dir(project_root: &Path, output: &Path, force: bool) -> Result<()> {
    let root = absolute(project_root);
    let out = absolute(output);
    let home = std::env::var_os("HOME").map(|h| absolute(Path::new(&h)));
    if out.parent().is_none() || home.as_ref() == Some(&out) {
        return Err(Error::Usage(format!(
            "refusing to write the site to {}: it is the file system root or the home directory",
            output.display()
        )));
    }
    for source in ["data", "pages", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            return Err(Error::Usage(format!(
                "refusing to write the site to {}: it is inside the project's `{source}/` folder, which holds its sources",
                output.display()
            )));
        }
    }
    if out == root || root.starts_with(&out) {
        return Err(Error::Usage(format!(
            "refusing to write the site to {}: it is the project directory or contains it; choose a new directory such as {}",
            output.display(),
            project_root.join("public").display()
        )));
    }
    if out.is_file() {
        return Err(Error::Usage(format!("refusing to write the site to {}: it is a file", output.display())));
    }
    if out.is_dir() {
        let empty = fs::read_dir(&out).map_err(|e| Error::io("read", &out, e))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() && !force {
            return Err(Error::Usage(format!(
                "refusing to write the site to {}: the directory is not empty and was not written by cxsite; choose an empty or new directory, or add --force to replace it",
                output.display()
            )));
        }
    }
    Ok(())
}

/// Writes `site` into a temporary sibling of `target` and swaps it into place, so a failure
/// at any point leaves the previous site as it was. Only cxsite's own directories are removed.
pub fn write_atomically(site: &Site, target: &Path) -> Result<()> {
    let target = absolute(target);
    let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    fs::create_dir_all(&parent).map_err(|e| Error::io("create directory", &parent, e))?;
    // A build that was killed leaves its temporary directories behind: they carry our names,
    // so the next build removes them.
    remove_stale(&parent, &name)?;
    let pid = std::process::id();
    let tmp = parent.join(format!(".{name}.cxsite-new-{pid}"));
    let old = parent.join(format!(".{name}.cxsite-old-{pid}"));
    let result = write_tree(site, &tmp).and_then(|_| swap(&tmp, &target, &old));
    if result.is_err() {
        let _ = fs::remove_dir_all(&tmp);
    }
    result
}

/// Removes `.NAME.cxsite-new-*` and `.NAME.cxsite-old-*` directories beside the output.
fn remove_stale(parent: &Path, name: &str) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let ours = [format!(".{name}.cxsite-new-"), format!(".{name}.cxsite-old-")]
            .iter()
            .any(|p| file_name.starts_with(p.as_str()));
        if ours && e.path().is_dir() {
            fs::remove_dir_all(e.path()).map_err(|err| Error::io("remove", &e.path(), err))?;
        }
    }
    Ok(())
}

fn write_tree(site: &Site, dir: &Path) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io("create directory", dir, e))?;
    fs::write(dir.join(MARKER), MARKER_TEXT).map_err(|e| Error::io("write", &dir.join(MARKER), e))?;
    // Folders first, in order; then the files, on every core (the swap makes them visible
    // all at once, so the order they are written in does not matter).
    let folders: std::collections::BTreeSet<PathBuf> =
        site.keys().filter_map(|rel| dir.join(rel).parent().map(Path::to_path_buf)).collect();
    for f in &folders {
        fs::create_dir_all(f).map_err(|e| Error::io("create directory", f, e))?;
    }
    use rayon::prelude::*;
    site.par_iter().try_for_each(|(rel, bytes)| {
        let path = dir.join(rel);
        fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    })
}

fn swap(tmp: &Path, target: &Path, old: &Path) -> Result<()> {
    if target.exists() {
        fs::rename(target, old).map_err(|e| Error::io("move aside", target, e))?;
        if let Err(e) = fs::rename(tmp, target) {
            // Put the previous site back before reporting.
            let _ = fs::rename(old, target);
            return Err(Error::io("move into place", target, e));
        }
        fs::remove_dir_all(old).map_err(|e| Error::io("remove", old, e))?;
    } else {
        fs::rename(tmp, target).map_err(|e| Error::io("move into place", target, e))?;
    }
    Ok(())
}
