//! The only module that writes: the pages and downloads go into a staging directory as they
//! are made (so the site is never held in memory whole), which then replaces the previous
//! site in one rename.

pub mod downloads;
mod kept;

use std::collections::BTreeSet;
use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The file that marks a directory as a cxsite output, so a rebuild may replace it.
pub const MARKER: &str = ".cxsite-output";
pub use kept::Kept;
use kept::MARKER_TEXT;

/// Absolute form of a path that may not exist yet (no symlink resolution for the missing part).
fn absolute(p: &Path) -> PathBuf {
    // Resolve `.` and `..` as text first: `PROJECT/new/..` is the project even while `new`
    // does not exist.
    let abs = lexical(p);
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

/// The path `p` made absolute against the current directory with `.` and `..` resolved as
/// text, links left as they are: the place a link is at, where [`absolute`] gives the place
/// it leads to.
fn lexical(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
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
    normal
}

/// Whether replacing `out` wholesale would remove or replace `source`: `source` is `out` or
/// lies inside it, by its written place or by where it leads.
fn would_replace(out: &Path, source: &Path) -> bool {
    absolute(source).starts_with(absolute(out)) || lexical(source).starts_with(lexical(out))
}

/// Refuses an output directory that holds anything the project reads, since the output is
/// replaced wholesale: cxsite.yaml, a dataset or lookup file, or the `pages/`, `templates/`,
/// `locales/`, `static/` and `data/` folders (or lies inside one of those folders). With or
/// without `--force`; nothing is touched here.
pub fn check_output_against_project(project: &crate::project::Project, output: &Path) -> Result<()> {
    // The folder to suggest: `public` beside cxsite.yaml, unless that is the one refused (the
    // project file a link into it); then a `site` folder beside the project.
    let public = project.root.join("public");
    let suggested = if absolute(&public) == absolute(output) {
        project.root.parent().map_or_else(|| PathBuf::from("site"), |p| p.join("site"))
    } else {
        public
    };
    let refuse = |why: String| {
        Err(Error::Usage(format!(
            "refusing to write the site to {}: {why}; the site replaces the whole folder, so choose a folder that holds none of the project's files, such as {}",
            shown_path(output),
            shown_path(&suggested)
        )))
    };
    let yaml = project.root.join(crate::project::PROJECT_FILE);
    if would_replace(output, &yaml) {
        return refuse(format!("it holds the project file {}", shown_path(&yaml)));
    }
    let files = project
        .datasets
        .iter()
        .map(|d| ("dataset", &d.id, &d.file))
        .chain(project.lookups.iter().map(|l| ("lookup", &l.id, &l.file)));
    for (kind, id, file) in files {
        if would_replace(output, &file.path) {
            let at = file
                .path_at
                .map(|(line, column)| format!(", {}:{line}:{column}", crate::project::PROJECT_FILE))
                .unwrap_or_default();
            return refuse(format!(
                "it holds the file of the {kind} `{}` (path: {}{at}), which the build reads",
                crate::aggregate::redact::strip_invisible(id),
                crate::aggregate::redact::strip_invisible(&file.display)
            ));
        }
    }
    for folder in ["data", "pages", "templates", "locales", "static"] {
        let source = project.root.join(folder);
        if would_replace(output, &source) {
            return refuse(format!("it holds the project's `{folder}/` folder, which the build reads"));
        }
        if would_replace(&source, output) {
            return refuse(format!("it is inside the project's `{folder}/` folder, which the build reads"));
        }
    }
    // A link in `static/` that leads into the output would publish the previous site inside
    // the new one, growing it with every build.
    if let Some(rel) = project.files.static_files.iter().find(|(_, f)| would_replace(output, &f.path)).map(|(r, _)| r) {
        return refuse(format!(
            "the project's static/{} leads into it (through a link), so each build would publish the previous site again; remove that link",
            crate::aggregate::redact::strip_invisible(rel)
        ));
    }
    Ok(())
}

/// A path as shown in a message: invisible and direction-changing characters taken out, so
/// that a file name cannot turn round the text after it.
pub fn shown_path(p: &Path) -> String {
    crate::aggregate::redact::strip_invisible(&p.display().to_string()).into_owned()
}

/// The lock of an output folder, held for a whole build: two builds to one folder (`cxsite
/// serve` rebuilding while `cxsite build` runs, two CI jobs) take turns instead of removing
/// each other's staging folders. The lock is on `.NAME.cxsite-lock` beside the output, removed
/// by its holder when the build ends (a build that locked the file just before it was removed
/// sees that the name now leads elsewhere and locks again); the operating system lets go of
/// the lock however the build ends, and a file left by a killed build is simply locked anew.
pub struct OutputLock {
    file: fs::File,
    path: PathBuf,
    /// The output, absolute; [`Staging::begin`] works on this one.
    target: PathBuf,
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        interrupt::keep(&self.path);
        // Removed while still locked, so no other build holds it at this moment.
        if same_file(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Whether the open `file` is the file at `path` now.
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

/// The lock file's name beside the output folder `name`.
pub fn lock_file_name(name: &str) -> String {
    format!(".{name}.cxsite-lock")
}

/// Takes the lock of the output folder `output`, making its parent if need be. When another
/// build holds it, says so on stderr (unless `quiet`) and waits until that build ends.
pub fn lock_output(output: &Path, quiet: bool) -> Result<OutputLock> {
    use std::fs::TryLockError;
    let target = absolute(output);
    let (Some(parent), Some(name)) = (target.parent(), target.file_name()) else {
        return Err(Error::Usage(format!(
            "refusing to write the site to {}: it is the file system root",
            output.display()
        )));
    };
    fs::create_dir_all(parent).map_err(|e| Error::io("create directory", parent, e))?;
    let path = parent.join(lock_file_name(&name.to_string_lossy()));
    let mut said = quiet;
    loop {
        // Only a plain file is opened (never through a link), and its content is left as it is.
        if let Ok(m) = fs::symlink_metadata(&path) {
            if !m.file_type().is_file() {
                return Err(Error::Usage(format!(
                    "refusing to use {} as the output's lock file: it is not a plain file; remove it",
                    shown_path(&path)
                )));
            }
        }
        let file = fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io("create", &path, e))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                if !said {
                    eprintln!(
                        "waiting for another cxsite build to {} to finish (it holds {})",
                        shown_path(&target),
                        shown_path(&path)
                    );
                    said = true;
                }
                file.lock().map_err(|e| Error::io("lock", &path, e))?;
            }
            // A file system without locks (some network shares): build unlocked, as before.
            Err(TryLockError::Error(e)) if e.kind() == std::io::ErrorKind::Unsupported => {}
            Err(TryLockError::Error(e)) => return Err(Error::io("lock", &path, e)),
        }
        // The build that held it may have removed the file meanwhile: then lock the new one.
        if same_file(&file, &path) {
            // Ctrl-C ends the build without dropping the lock: the handler removes its file.
            interrupt::remove_if_interrupted(&path);
            return Ok(OutputLock { file, path, target });
        }
    }
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
    /// Makes the staging directory beside the locked output (the lock is held until the
    /// build ends: only then are other builds' leftovers surely not in use).
    pub fn begin(lock: &OutputLock) -> Result<Staging> {
        let target = lock.target.clone();
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(|e| Error::io("create directory", &parent, e))?;
        // A build that was killed leaves its temporary directories behind: they carry our
        // names, and under the lock no running build owns one, so they are removed.
        remove_stale(&parent, &name)?;
        let pid = std::process::id();
        let tmp = parent.join(format!(".{name}.cxsite-new-{pid}"));
        let old = parent.join(format!(".{name}.cxsite-old-{pid}"));
        fs::create_dir(&tmp).map_err(|e| Error::io("create directory", &tmp, e))?;
        interrupt::remove_if_interrupted(&tmp);
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

    /// Whether the site being written has the file `rel` (a folder counts when it has an
    /// `index.html`, as a host serves it).
    pub fn has(&self, rel: &str) -> bool {
        let rel = rel.trim_end_matches('/');
        let index = if rel.is_empty() { "index.html".to_string() } else { format!("{rel}/index.html") };
        self.files.lock().map(|f| f.contains(rel) || f.contains(&index)).unwrap_or(false)
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
                self.make_folder(folder)?;
                if let Ok(mut f) = self.folders.lock() {
                    f.insert(folder.to_path_buf());
                }
            }
        }
        Ok(path)
    }

    /// Makes `folder` inside the staging directory, one level at a time and never the
    /// staging directory itself: if it has gone (removed by someone else), this fails rather
    /// than write a partial site into a new one.
    fn make_folder(&self, folder: &Path) -> Result<()> {
        let rel = folder.strip_prefix(&self.tmp).unwrap_or(folder);
        let mut path = self.tmp.clone();
        if !path.is_dir() {
            return Err(vanished(&self.tmp));
        }
        for part in rel.components() {
            path.push(part);
            match fs::create_dir(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && path.is_dir() => {}
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(vanished(&self.tmp)),
                Err(e) => return Err(Error::io("create directory", &path, e)),
            }
        }
        Ok(())
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

    /// Copies the file at `from` to file `rel` of the site, streamed.
    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let path = self.claim(rel)?;
        crate::progress::file_written();
        fs::copy(from, &path).map(|_| ()).map_err(|e| Error::io("copy", from, e))
    }

    /// Files written, the marker not counted.
    pub fn file_count(&self) -> usize {
        self.files.lock().map(|f| f.len().saturating_sub(1)).unwrap_or(0)
    }

    /// Puts the staged site in place of the previous one.
    /// Also returns a warning when the previous site, moved aside, could not be removed:
    /// the new site is in place by then, so the build has succeeded.
    /// Also returns what a person had added to the previous site, now moved into the new one.
    pub fn commit(mut self) -> Result<(usize, Option<crate::error::Diagnostic>, Kept)> {
        let files = self.file_count();
        // The marker lists the site's files, so the next build knows what else is a person's.
        let listed = self.files.lock().map(|f| kept::marker_text(f.iter())).unwrap_or_default();
        fs::write(self.tmp.join(MARKER), listed).map_err(|e| Error::io("write", &self.tmp.join(MARKER), e))?;
        let clashing = kept::clashes(&self.target, &self.tmp).map_err(|e| Error::io("read", &self.target, e))?;
        if !clashing.is_empty() {
            return Err(Error::Usage(format!(
                "{} holds {} that cxsite did not write and that the new site has a file of its own at: {}; move {} out of the folder, then build again (the previous site is left as it was)",
                self.target.display(),
                if clashing.len() == 1 { "a file" } else { "files" },
                clashing.join(", "),
                if clashing.len() == 1 { "it" } else { "them" },
            )));
        }
        // The last look before the swap: every file written is there, the marker among them.
        let found = walkdir::WalkDir::new(&self.tmp)
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .count();
        if !self.tmp.join(MARKER).is_file() || found != files + 1 {
            return Err(vanished(&self.tmp));
        }
        // From here an interruption leaves what the swap has done (the next build tidies it).
        interrupt::keep(&self.tmp);
        let (left, kept) = swap(&self.tmp, &self.target, &self.old)?;
        self.committed = true;
        let warning = left.map(|e| {
            crate::error::Diagnostic::file(
                self.old.display().to_string(),
                format!("the new site is in place, but the previous one, moved here, could not be removed ({e}); remove it by hand (the next build tries again)"),
            )
        });
        Ok((files, warning, kept))
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        interrupt::keep(&self.tmp);
        if !self.committed {
            let _ = fs::remove_dir_all(&self.tmp);
        }
    }
}

/// What a build interrupted by Ctrl-C (or a termination signal) leaves: not its staging
/// folder, which it removes before it ends, so only the previous site stays beside the output.
/// (A build killed outright leaves it; the next build removes it, see [`Staging::begin`].)
pub mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::Mutex;

    /// Staging folders (and the lock file) to remove if the build is interrupted.
    static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    /// Installs the handler: on Ctrl-C, removes the staging folders and ends with 130 (as
    /// shells report an interrupted program). For `build`, not `serve`, which has its own.
    pub fn install() {
        let _ = ctrlc::set_handler(|| {
            if let Ok(staged) = STAGED.lock() {
                // Staging folders, and the output's lock file (still locked by this process,
                // so no other build's).
                for path in staged.iter() {
                    if path.is_dir() {
                        let _ = std::fs::remove_dir_all(path);
                    } else {
                        let _ = std::fs::remove_file(path);
                    }
                }
            }
            eprintln!("interrupted: nothing was written over the previous site");
            std::process::exit(130);
        });
    }

    /// Removes `dir` if the build is interrupted before [`keep`] is called for it.
    pub fn remove_if_interrupted(dir: &Path) {
        if let Ok(mut staged) = STAGED.lock() {
            staged.push(dir.to_path_buf());
        }
    }

    /// Leaves `dir` alone if the build is interrupted from now on.
    pub fn keep(dir: &Path) {
        if let Ok(mut staged) = STAGED.lock() {
            staged.retain(|d| d != dir);
        }
    }
}

/// The error of a staging directory changed by someone else while the build wrote it.
fn vanished(tmp: &Path) -> Error {
    Error::io(
        "write",
        tmp,
        std::io::Error::other(
            "the staging folder was removed or changed while the site was written (by another program?); the previous site is left as it was",
        ),
    )
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
        // Best effort: a leftover that cannot be removed (an immutable file in an old site,
        // said by the build that left it) carries another build's number and is in no one's
        // way; refusing to build over it would stop every build after.
        if ft.is_dir() && file_name.contains(".cxsite-old-") && !settle_old_site(&e.path(), &parent.join(name)) {
            continue;
        }
        if ft.is_dir() {
            let _ = fs::remove_dir_all(e.path());
        } else if ft.is_symlink() && e.path().is_dir() {
            let _ = fs::remove_file(e.path());
        }
    }
    Ok(())
}

/// A previous site a killed build set aside (`old`): put back in place when the build died
/// before its own site went in (the output `target` is missing), else what a person had added
/// to it moved into the site in place. Whether it may now be removed: not when anything of the
/// person's could not be moved (it stays beside the output, found by its name).
fn settle_old_site(old: &Path, target: &Path) -> bool {
    if !old.join(MARKER).is_file() {
        return true;
    }
    if fs::symlink_metadata(target).is_err() {
        // Renamed back (nothing left to remove), or, failing that, left as it is.
        let _ = fs::rename(old, target);
        return false;
    }
    matches!(kept::carry_over(old, target), Ok(k) if k.clashing.is_empty())
}

/// An error of the swap, with a way out where the folder cannot be renamed because it is a
/// mount point (EBUSY: a Docker volume, a mounted share): the site must then go into a folder
/// inside it.
fn swap_error(action: &'static str, target: &Path, e: std::io::Error) -> Error {
    const EBUSY: i32 = 16;
    if e.kind() == std::io::ErrorKind::ResourceBusy || (cfg!(unix) && e.raw_os_error() == Some(EBUSY)) {
        let shown = target.display();
        return Error::Usage(format!(
            "cannot replace {shown}: {e}. It is probably a mount point (a mounted volume or share), which cannot be renamed, and a build puts a finished site in place by renaming folders; write the site into a folder inside it instead, e.g. `-o {}`",
            target.join("site").display()
        ));
    }
    Error::io(action, target, e)
}

/// Puts the staged site in place of `target`, moving the previous one aside to `old` and
/// removing it; a failure to remove it (a file made immutable, a folder without write
/// permission) comes back as the error, after the new site is in place.
/// What a person added to the previous site is moved into the new one first ([`Kept`]); if
/// that fails, the previous site is not removed.
fn swap(tmp: &Path, target: &Path, old: &Path) -> Result<(Option<std::io::Error>, Kept)> {
    let kept = std::cell::RefCell::new(Kept::default());
    let left = swap_removing(tmp, target, old, |dir| {
        let carried = kept::carry_over(dir, target)?;
        let clashing = carried.clashing.len();
        *kept.borrow_mut() = carried;
        if clashing > 0 {
            return Err(std::io::Error::other("it holds files you added that the new site has files of its own at"));
        }
        fs::remove_dir_all(dir)
    })?;
    Ok((left, kept.into_inner()))
}

/// [`swap`], with the previous site removed by `remove`.
fn swap_removing(
    tmp: &Path,
    target: &Path,
    old: &Path,
    remove: impl Fn(&Path) -> std::io::Result<()>,
) -> Result<Option<std::io::Error>> {
    // Checked again just before the rename: only a directory is ever moved aside.
    if let Some(kind) = not_a_directory(target) {
        return Err(Error::Usage(format!("refusing to replace {}: it is {kind}", target.display())));
    }
    if fs::symlink_metadata(target).is_ok() {
        fs::rename(target, old).map_err(|e| swap_error("move aside", target, e))?;
        if let Err(e) = fs::rename(tmp, target) {
            // Put the previous site back before reporting.
            let _ = fs::rename(old, target);
            return Err(Error::io("move into place", target, e));
        }
        return Ok(remove(old).err());
    } else {
        fs::rename(tmp, target).map_err(|e| Error::io("move into place", target, e))?;
    }
    Ok(None)
}

#[cfg(test)]
mod swap_tests {
    use super::*;

    #[test]
    fn a_previous_site_that_cannot_be_removed_leaves_the_new_one_in_place_and_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let (tmp, target, old) = (dir.path().join("new"), dir.path().join("public"), dir.path().join("old"));
        fs::create_dir_all(&tmp).unwrap();
        fs::write(tmp.join("index.html"), "new").unwrap();
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("index.html"), "old").unwrap();
        let denied = |_: &Path| Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied));
        let left = swap_removing(&tmp, &target, &old, denied).unwrap();
        assert_eq!(left.map(|e| e.kind()), Some(std::io::ErrorKind::PermissionDenied));
        assert_eq!(fs::read_to_string(target.join("index.html")).unwrap(), "new");
        assert_eq!(fs::read_to_string(old.join("index.html")).unwrap(), "old");
        // The next build's tidying passes over what it cannot remove.
        remove_stale(dir.path(), "public").unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_renamed_because_it_is_busy_says_to_write_into_a_folder_inside_it() {
        let target = Path::new("/mnt/volume");
        let busy = swap_error("move aside", target, std::io::Error::from_raw_os_error(16));
        assert_eq!(busy.exit_code(), 2);
        let message = busy.to_string();
        assert!(message.contains("cannot replace /mnt/volume"), "{message}");
        assert!(message.contains("mount point") && message.contains("`-o /mnt/volume/site`"), "{message}");
        // Any other failure stays an I/O error naming the action.
        let denied = swap_error("move aside", target, std::io::Error::from_raw_os_error(13));
        assert_eq!(denied.exit_code(), 1);
        assert!(!denied.to_string().contains("mount point"), "{denied}");
    }
}
