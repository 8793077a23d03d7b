//! Why a dataset's file could not be found, in words a user can act on: the path of
//! cxsite.yaml is compared, folder by folder, with what is on disk. The usual causes are a
//! Windows path (`data\survey.csv`), a name whose case differs (`Data/Survey.csv` on a
//! case-sensitive disk), a name whose accents are encoded differently (macOS writes `é` as
//! `e` + U+0301, an editor as one character) and a link that leads nowhere or round in a loop.

use std::path::{Component, Path};

use unicode_normalization::UnicodeNormalization;

/// The reason `rel` (as written in cxsite.yaml, relative to `root`) cannot be opened, with a
/// hint when one is found: "it does not exist (did you mean `data/Survey.csv`?…)".
pub(super) fn missing_file_reason(root: &Path, rel: &str) -> String {
    let full = root.join(rel);
    if let (Ok(link), Err(e)) = (std::fs::symlink_metadata(&full), std::fs::metadata(&full)) {
        if link.file_type().is_symlink() {
            return format!("it is a link that leads to no file ({e})");
        }
    }
    // `data/survey.csv/`: a file named as a folder.
    let bare = rel.trim_end_matches(['/', '\\']);
    if bare.len() < rel.len() && root.join(bare).is_file() {
        return format!("the path ends with `/`, which names a folder, but `{bare}` is a file: write `{bare}`");
    }
    if rel.contains('\\') {
        let slashed = rel.replace('\\', "/");
        let found = if root.join(&slashed).is_file() { " (that file exists)" } else { "" };
        return format!(
            "it does not exist; cxsite.yaml separates folders with `/` on every system: write `{slashed}`{found}"
        );
    }
    match nearest_path(root, Path::new(rel)) {
        Some((fixed, why)) => format!("it does not exist; did you mean `{fixed}`? ({why})"),
        None => "it does not exist".to_string(),
    }
}

/// The path on disk that `rel` most likely means, folder by folder from `root`, and why it
/// differs: a name that matches but for case or Unicode form, or a close spelling.
fn nearest_path(root: &Path, rel: &Path) -> Option<(String, &'static str)> {
    let mut at = root.to_path_buf();
    let mut fixed: Vec<String> = Vec::new();
    let mut why = None;
    for part in rel.components() {
        let Component::Normal(name) = part else { continue };
        let name = name.to_string_lossy();
        if at.join(&*name).exists() {
            fixed.push(name.into_owned());
        } else {
            let (found, reason) = nearest_entry(&at, &name)?;
            why.get_or_insert(reason);
            fixed.push(found);
        }
        at.push(fixed.last()?);
    }
    Some((fixed.join("/"), why?))
}

/// The entry of folder `dir` that `name` most likely means.
fn nearest_entry(dir: &Path, name: &str) -> Option<(String, &'static str)> {
    let mut entries: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    // Directory order is the file system's: sort, so the hint is the same on every machine.
    entries.sort();
    let nfc = |s: &str| s.nfc().collect::<String>();
    if let Some(e) = entries.iter().find(|e| nfc(e) == nfc(name)) {
        return Some((e.clone(), "the name on disk writes its accents or marks as other Unicode characters"));
    }
    // A name pasted from a web page or a chat may hold a zero-width space, a soft hyphen or a
    // direction mark: cxsite.yaml drops them from `path:` (an invisible character is never
    // meant), so the name on disk is shown with each written out, to be renamed without it.
    let strip = |s: &str| crate::aggregate::redact::strip_invisible(s).into_owned();
    if let Some(e) = entries.iter().find(|e| strip(e) == strip(name) && e.as_str() != name) {
        let shown: String = e
            .chars()
            .map(|c| {
                let one = c.to_string();
                if strip(&one).is_empty() {
                    format!("<U+{:04X}>", c as u32)
                } else {
                    one
                }
            })
            .collect();
        return Some((shown, "the name on disk holds an invisible character, written out here, that cxsite.yaml cannot hold: rename the file without it"));
    }
    let folded = |s: &str| nfc(s).to_lowercase();
    if let Some(e) = entries.iter().find(|e| folded(e) == folded(name)) {
        return Some((e.clone(), "names differ in upper and lower case, which this disk tells apart"));
    }
    let found = crate::error::did_you_mean(name, entries.iter().map(String::as_str))?;
    Some((found.to_string(), "a file or folder of a close name"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for f in files {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "a\n1\n").unwrap();
        }
        dir
    }

    #[test]
    fn a_name_on_disk_with_an_invisible_character_is_written_out() {
        let dir = project(&["data/survey\u{200B}2024.csv"]);
        let why = missing_file_reason(dir.path(), "data/survey2024.csv");
        assert!(why.contains("did you mean `data/survey<U+200B>2024.csv`?"), "{why}");
        assert!(why.contains("rename the file without it"), "{why}");
    }

    #[test]
    fn a_windows_path_is_told_to_use_slashes() {
        let dir = project(&["data/survey.csv"]);
        let why = missing_file_reason(dir.path(), "data\\survey.csv");
        assert!(why.contains("write `data/survey.csv` (that file exists)"), "{why}");
    }

    #[test]
    fn case_and_unicode_form_are_named_folder_by_folder() {
        let dir = project(&["Data/Survey 2024.csv", "data2/cafe\u{301}.csv"]);
        let why = missing_file_reason(dir.path(), "data/survey 2024.csv");
        assert!(why.contains("did you mean `Data/Survey 2024.csv`?"), "{why}");
        assert!(why.contains("case"), "{why}");
        // Written with é as one character; the disk has e + U+0301 (as macOS writes it).
        let why = missing_file_reason(dir.path(), "data2/caf\u{e9}.csv");
        assert!(why.contains("did you mean `data2/cafe\u{301}.csv`?"), "{why}");
        assert!(why.contains("Unicode"), "{why}");
    }

    #[test]
    fn a_close_spelling_is_suggested_and_nothing_when_nothing_is_close() {
        let dir = project(&["data/survey.csv"]);
        let why = missing_file_reason(dir.path(), "data/survey.cvs");
        assert!(why.contains("did you mean `data/survey.csv`?"), "{why}");
        assert_eq!(missing_file_reason(dir.path(), "data/completely-different.xlsx"), "it does not exist");
        assert_eq!(missing_file_reason(dir.path(), "elsewhere/x.csv"), "it does not exist");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_nowhere_or_in_a_loop_says_so() {
        let dir = project(&[]);
        std::os::unix::fs::symlink("loop-b.csv", dir.path().join("loop-a.csv")).unwrap();
        std::os::unix::fs::symlink("loop-a.csv", dir.path().join("loop-b.csv")).unwrap();
        std::os::unix::fs::symlink("gone.csv", dir.path().join("dangling.csv")).unwrap();
        for name in ["loop-a.csv", "dangling.csv"] {
            let why = missing_file_reason(dir.path(), name);
            assert!(why.starts_with("it is a link that leads to no file ("), "{why}");
        }
    }
}
