//! Files a person added to a built site (`CNAME` and `.git/` for GitHub Pages, a `notes.txt`):
//! kept by the next build. The marker names every file the build wrote; at the swap, whatever
//! the previous site holds besides them is moved into the new one, so a rebuild replaces only
//! what cxsite wrote. (A site from a build before this rule has a marker without the list: all
//! of it is the build's, as it then was.)

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

/// The marker's first line, which a check for a cxsite output reads nothing past.
pub(super) const MARKER_TEXT: &str = "This directory was written by cxsite build and is replaced by the next build.\n";

/// The line before the list of the build's files in the marker.
const LIST_HEADING: &str = "Files you add are kept by the next build; the build's own files, replaced by it, are:\n";

/// The marker of a site made of `files` (paths with `/`, the marker's own left out).
pub(super) fn marker_text<'a>(files: impl Iterator<Item = &'a String>) -> String {
    let mut text = format!("{MARKER_TEXT}{LIST_HEADING}");
    for f in files.filter(|f| f.as_str() != super::MARKER) {
        text.push_str(f);
        text.push('\n');
    }
    text
}

/// The files a previous site's marker lists as the build's; `None` for a marker without the
/// list (or none at all), when every file is taken for the build's.
fn listed_files(site: &Path) -> Option<BTreeSet<String>> {
    let text = fs::read_to_string(site.join(super::MARKER)).ok()?;
    let (_, list) = text.split_once(LIST_HEADING)?;
    Some(list.lines().filter(|l| !l.is_empty()).map(str::to_string).collect())
}

/// What moving a person's files into a new site did: the paths moved into the new site (a folder with `/` after it),
/// and those left in the previous one because the new site has a file of the same name.
#[derive(Debug, Default, PartialEq)]
pub struct Kept {
    pub moved: Vec<String>,
    pub clashing: Vec<String>,
}

/// What a site holds besides its build's files, by path: a folder none of whose files were
/// the build's (`.git/`) once, whole. A name that is not UTF-8 is an error (it could not be
/// told from the build's), which stops the build before the swap.
fn added_files(site: &Path) -> std::io::Result<Vec<String>> {
    let Some(files) = listed_files(site) else { return Ok(Vec::new()) };
    // The folders of the build's files: a folder among them is the build's, looked into.
    let folders: BTreeSet<String> =
        files.iter().flat_map(|f| f.match_indices('/').map(move |(i, _)| f[..i].to_string())).collect();
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(site).min_depth(1).sort_by_file_name().into_iter();
    while let Some(entry) = walk.next() {
        let entry = entry.map_err(std::io::Error::other)?;
        let rel = entry.path().strip_prefix(site).map_err(std::io::Error::other)?;
        let Some(rel) = rel.to_str() else {
            return Err(std::io::Error::other(format!(
                "{} was added to the site and its name is not UTF-8: move it out of the folder",
                entry.path().display()
            )));
        };
        let rel = rel.replace(std::path::MAIN_SEPARATOR, "/");
        if rel == super::MARKER || files.contains(&rel) {
            continue;
        }
        if entry.file_type().is_dir() {
            if folders.contains(&rel) {
                continue;
            }
            walk.skip_current_dir();
        }
        found.push(rel);
    }
    Ok(found)
}

/// The files a person added to the site at `site` that the new one, staged at `staged`, has a
/// file of its own at (`about.html`, added by hand, and now a page of the project): the build
/// stops before the swap rather than replace them.
pub(super) fn clashes(site: &Path, staged: &Path) -> std::io::Result<Vec<String>> {
    let mut kept = Kept::default();
    for rel in added_files(site)? {
        merge(site, staged, &rel, false, &mut kept)?;
    }
    Ok(kept.clashing)
}

/// Moves what `old` (the previous site, set aside) holds besides its build's files into `new`
/// (the site now in place), at the same paths.
pub(super) fn carry_over(old: &Path, new: &Path) -> std::io::Result<Kept> {
    let mut kept = Kept::default();
    for rel in added_files(old)? {
        merge(old, new, &rel, true, &mut kept)?;
    }
    Ok(kept)
}

/// Puts `rel` of `from` at `rel` of `to` (when `moving`; else only notes what would happen): a
/// path `to` lacks is moved whole; a folder both have is merged, file by file; anything else
/// clashes and stays.
fn merge(from: &Path, to: &Path, rel: &str, moving: bool, kept: &mut Kept) -> std::io::Result<()> {
    let (source, dest) = (from.join(rel), to.join(rel));
    let real_folder = |p: &Path| fs::symlink_metadata(p).is_ok_and(|m| m.is_dir());
    if fs::symlink_metadata(&dest).is_err() {
        if moving {
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::rename(&source, &dest)?;
        }
        kept.moved.push(if real_folder(&dest) || real_folder(&source) { format!("{rel}/") } else { rel.to_string() });
        return Ok(());
    }
    if !(real_folder(&source) && real_folder(&dest)) {
        kept.clashing.push(rel.to_string());
        return Ok(());
    }
    let mut names: Vec<_> = fs::read_dir(&source)?.map(|e| e.map(|e| e.file_name())).collect::<Result<_, _>>()?;
    names.sort();
    for name in names {
        // Not skipped: the folder it is in is removed after the merge.
        let Some(name) = name.to_str() else {
            return Err(std::io::Error::other(format!(
                "{} was added to the site and its name is not UTF-8: move it out of the folder",
                source.join(name).display()
            )));
        };
        merge(from, to, &format!("{rel}/{name}"), moving, kept)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, rel: &str, text: &str) {
        let path = dir.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    #[test]
    fn what_the_build_did_not_write_moves_into_the_new_site_and_a_clash_stays_behind() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        let built: Vec<String> = ["index.html", "data/metrics.csv", "pages/gone.html"].map(String::from).to_vec();
        for f in &built {
            write(&old, f, "build's");
        }
        write(&old, super::super::MARKER, &marker_text(built.iter()));
        // Added by a person: a file at the top, one in a folder of the build's, a folder of
        // their own, and one the new site now writes too.
        for f in ["CNAME", "data/notes.txt", ".git/HEAD", ".git/refs/main", "about.html"] {
            write(&old, f, "mine");
        }
        write(&new, "index.html", "new");
        write(&new, "about.html", "new page");
        assert_eq!(clashes(&old, &new).unwrap(), ["about.html"]);
        let kept = carry_over(&old, &new).unwrap();
        assert_eq!(kept.moved, [".git/", "CNAME", "data/notes.txt"]);
        assert_eq!(kept.clashing, ["about.html"]);
        assert_eq!(fs::read_to_string(new.join(".git/refs/main")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(new.join("data/notes.txt")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(new.join("about.html")).unwrap(), "new page");
        assert_eq!(fs::read_to_string(old.join("about.html")).unwrap(), "mine");
        // The build's own old files are not carried: a page since removed goes with the old site.
        assert!(!new.join("pages/gone.html").exists());
    }

    #[test]
    fn a_marker_without_the_list_keeps_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old"), dir.path().join("new"));
        write(&old, super::super::MARKER, MARKER_TEXT);
        write(&old, "CNAME", "x");
        fs::create_dir_all(&new).unwrap();
        assert_eq!(carry_over(&old, &new).unwrap(), Kept::default());
        assert!(!new.join("CNAME").exists());
    }
}
