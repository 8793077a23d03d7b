//! The only module that writes: the pages and downloads go into a staging directory as they
//! are made (so the site is never held in memory whole), which then replaces the previous
//! site in one rename.

pub mod downloads;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

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

/// What kind of thing is at `path` when it is neither missing nor a directory (a link is
/// judged by its target; a dangling link is one too): `None` for a directory or nothing.
fn not_a_directory(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let own = fs::symlink_metadata(path).ok()?;
    let ft = if own.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m.file_type(),
            Err(_) => return Some("a symbolic link to nothing"),
        }
    } else {
        own.file_type()
    };
    let kind = if ft.is_dir() {
        return None;
    } else if ft.is_file() {
        "a file"
    } else if ft.is_fifo() {
        "a named pipe (FIFO)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_char_device() || ft.is_block_device() {
        "a device"
    } else {
        "not a directory"
    };
    Some(kind)
}

/// Refuses an output directory that would destroy something that is not a cxsite output:
/// the file system root; the home directory, the current directory or the project, or any
/// folder holding one of them (even with `--force`); a source folder of the project; anything
/// that is not a directory (a file, a FIFO, a device, a socket, or a link to one); or a
/// non-empty directory without the marker (unless `--force`). Nothing is touched here.
pub fn check_output_dir(project_root: &Path, output: &Path, force: bool) -> Result<()> {
    let root = absolute(project_root);
    let out = absolute(output);
    let refuse = |why: &str| Err(Error::Usage(format!("refusing to write the site to {}: {why}", output.display())));
    if let Some(kind) = not_a_directory(output) {
        return refuse(&format!("it is {kind}; the site is a directory"));
    }
    if out.parent().is_none() {
        return refuse("it is the file system root");
    }
    let home = std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|h| absolute(Path::new(&h)));
    if let Some(home) = home.filter(|h| h.starts_with(&out)) {
        let what = if home == out {
            "it is the home directory".to_string()
        } else {
            format!("it holds the home directory {}", home.display())
        };
        return refuse(&what);
    }
    for source in ["data", "pages", "templates", "static"] {
        if out.starts_with(root.join(source)) {
            return refuse(&format!("it is inside the project's `{source}/` folder, which holds its sources"));
        }
    }
    if out == root || root.starts_with(&out) {
        return refuse(&format!(
            "it is the project directory or contains it; choose a new directory such as {}",
            project_root.join("public").display()
        ));
    }
    if let Ok(cwd) = std::env::current_dir() {
        if absolute(&cwd).starts_with(&out) {
            return refuse("it is the current directory or contains it");
        }
    }
    if out.is_dir() {
        let empty = fs::read_dir(&out).map_err(|e| Error::io("read", &out, e))?.next().is_none();
        if !empty && !out.join(MARKER).is_file() && !force {
            return refuse("the directory is not empty and was not written by cxsite; choose an empty or new directory, or add --force to replace it");
        }
    }
    Ok(())
}

/// A site being written: files go into a temporary sibling of the target as they are made,
/// on any thread; [`Staging::commit`] swaps the directory into place. Dropped uncommitted
/// (an error anywhere in the build), it is removed and the previous site stays as it was.
/// Only cxsite's own directories are ever removed.
pub struct Staging {
    tmp: PathBuf,
    target: PathBuf,
    old: PathBuf,
    /// Folders made so far, and files written (a second file at one path is an error).
    folders: Mutex<BTreeSet<PathBuf>>,
    files: Mutex<BTreeSet<String>>,
    committed: bool,
}

impl Staging {
    /// Makes the staging directory beside `target`.
    pub fn begin(target: &Path) -> Result<Staging> {
        let target = absolute(target);
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(|e| Error::io("create directory", &parent, e))?;
        // A build that was killed leaves its temporary directories behind: they carry our
        // names, so the next build removes them.
        remove_stale(&parent, &name)?;
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.cxsite-new-{pid}"));
        let old = parent.join(format!(".{name}.cxsite-old-{pid}"));
        fs::create_dir_all(&tmp).map_err(|e| Error::io("create directory", &tmp, e))?;
        let staging = Staging {
            tmp,
            target,
            old,
            folders: Mutex::new(BTreeSet::new()),
            files: Mutex::new(BTreeSet::new()),
            committed: false,
        };
        staging.put(MARKER, MARKER_TEXT.as_bytes())?;
        Ok(staging)
    }

    /// The path of a new file `rel` (with `/`), its folder made; a second file at one path
    /// is an error.
    fn claim(&self, rel: &str) -> Result<PathBuf> {
        let new = self.files.lock().map(|mut f| f.insert(rel.to_string())).unwrap_or(false);
        if !new {
            return Err(Error::one(crate::error::Diagnostic::file(rel, "two files of the site have this same path")));
        }
        let path = self.tmp.join(rel);
        if let Some(folder) = path.parent() {
            let made = self.folders.lock().map(|f| f.contains(folder)).unwrap_or(false);
            if !made {
                fs::create_dir_all(folder).map_err(|e| Error::io("create directory", folder, e))?;
                if let Ok(mut f) = self.folders.lock() {
                    f.insert(folder.to_path_buf());
                }
            }
        }
        Ok(path)
    }

    /// Writes file `rel` of the site.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        let path = self.claim(rel)?;
        crate::progress::file_written();
        fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Writes file `rel` of the site through `fill`, which streams into it.
    pub fn stream(&self, rel: &str, fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
        let path = self.claim(rel)?;
        crate::progress::file_written();
        let file = fs::File::create(&path).map_err(|e| Error::io("write", &path, e))?;
        let mut w = BufWriter::with_capacity(1 << 16, file);
        fill(&mut w).and_then(|_| w.flush()).map_err(|e| Error::io("write", &path, e))
    }

    /// Files written, the marker not counted.
    pub fn file_count(&self) -> usize {
        self.files.lock().map(|f| f.len().saturating_sub(1)).unwrap_or(0)
    }

    /// Puts the staged site in place of the previous one.
    pub fn commit(mut self) -> Result<usize> {
        let files = self.file_count();
        swap(&self.tmp, &self.target, &self.old)?;
        self.committed = true;
        Ok(files)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// Removes `.NAME.cxsite-new-PID` and `.NAME.cxsite-old-PID` directories beside the output
/// (a link of that name is removed, never followed); anything else is not ours.
fn remove_stale(parent: &Path, name: &str) -> Result<()> {
    let Ok(entries) = fs::read_dir(parent) else { return Ok(()) };
    for e in entries.flatten() {
        let file_name = e.file_name().to_string_lossy().into_owned();
        let ours = [format!(".{name}.cxsite-new-"), format!(".{name}.cxsite-old-")].iter().any(|p| {
            file_name
                .strip_prefix(p.as_str())
                .is_some_and(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()))
        });
        let Ok(ft) = e.file_type() else { continue };
        if !ours {
            continue;
        }
        if ft.is_dir() {
            fs::remove_dir_all(e.path()).map_err(|err| Error::io("remove", &e.path(), err))?;
        } else if ft.is_symlink() && e.path().is_dir() {
            fs::remove_file(e.path()).map_err(|err| Error::io("remove", &e.path(), err))?;
        }
    }
    Ok(())
}

fn swap(tmp: &Path, target: &Path, old: &Path) -> Result<()> {
    // Checked again just before the rename: only a directory is ever moved aside.
    if let Some(kind) = not_a_directory(target) {
        return Err(Error::Usage(format!("refusing to replace {}: it is {kind}", target.display())));
    }
    if fs::symlink_metadata(target).is_ok() {
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
