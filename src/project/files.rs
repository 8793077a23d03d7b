//! The team's own files beside cxsite.yaml: `pages/*.md`, `templates/*`, `locales/*.yaml`,
//! `static/**`.
//! Read once here, so that rendering stays pure.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::{Diagnostic, Error, Result};

/// A markdown page of the team's.
#[derive(Debug, Clone)]
pub struct MarkdownPage {
    /// File stem, made safe for a file name ([`page_slug`]); no two pages share one.
    pub slug: String,
    pub title: String,
    /// Position in the navigation (lower first; then by title).
    pub order: i64,
    /// Markdown after the front matter.
    pub body: String,
    /// The line of the file where `body` starts (1-based), for messages.
    pub body_line: u64,
    /// The file, for messages.
    pub file: String,
}

/// The front matter of a page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    #[serde(default)]
    order: i64,
}

/// Everything the team added beside the data.
#[derive(Debug, Clone, Default)]
pub struct ProjectFiles {
    pub pages: Vec<MarkdownPage>,
    /// Template name → source, overriding the built-in template of the same name.
    pub templates: BTreeMap<String, String>,
    /// Message catalogue file name (`xx.yaml`) in `locales/` → source, replacing the built-in
    /// catalogue of that locale or adding one.
    pub locales: BTreeMap<String, String>,
    /// Path under `static/` (with `/`) → the file, copied as is when the site is written
    /// (streamed: a video of gigabytes costs no memory).
    pub static_files: BTreeMap<String, StaticFile>,
    /// Files refused, in every folder (a link out of the project or to nothing, a static
    /// file that is raw data, a page without front matter): errors that
    /// `render::lint::project` reports together with what it finds in the files' content, so
    /// that one run names every problem. A refused file is left out of the fields above.
    pub refused: Vec<Diagnostic>,
    /// Files of `pages/` that are not published (in a folder of it, or not `.md`): warnings,
    /// so that no file the team put there goes missing unsaid.
    pub unpublished: Vec<Diagnostic>,
}

/// A file of `static/`: where it is, and its text when it is text, for the link check.
#[derive(Debug, Clone)]
pub struct StaticFile {
    pub path: PathBuf,
    /// The file's text if it is UTF-8 text of at most [`MAX_STATIC_TEXT`] bytes (a page, a
    /// stylesheet, a script, an SVG), which the site's link rules apply to; `None` for any
    /// other file (an image, a video, a PDF).
    pub text: Option<String>,
}

/// The largest text file of `static/` that is read for the link check (16 MiB). A larger
/// file is published unread if it is not text (its first 64 KiB tell: a NUL byte or bytes
/// that are not UTF-8), and refused if it is, since its links could not be checked.
pub const MAX_STATIC_TEXT: u64 = 16 << 20;

/// Reads `pages/`, `templates/`, `locales/` and `static/` under `root` (each optional).
/// `private` are the files the project reads its data from: a file of `static/` that is one
/// of them, or lies in the project's `data/` folder (through a link, or a `static/` that is a
/// link), is refused, since `static/` is published as is and the raw data never is.
pub fn load(root: &Path, private: &[&Path]) -> Result<ProjectFiles> {
    let mut files = ProjectFiles::default();
    let mut errors = Vec::new();
    // Slug → the page's file: two pages must not be written to one file.
    let mut slugs: BTreeMap<String, String> = BTreeMap::new();
    for (rel, path) in walk(root, "pages", &mut errors)? {
        if let Some(why) = unpublished_page(&rel) {
            files.unpublished.push(Diagnostic::file(format!("pages/{rel}"), why));
            continue;
        }
        let Some(text) = read_text(&path, &format!("pages/{rel}"), &mut errors)? else { continue };
        match parse_page(&rel, &text) {
            Ok(p) => match slugs.get(&p.slug) {
                Some(other) => errors.push(Diagnostic::file(
                    &p.file,
                    format!(
                        "it would be written to pages/{}.html, as {other} is (a page's file name is its name lower-cased, with characters other than letters, digits, `-` and `_` made `-`); rename one of the two",
                        p.slug
                    ),
                )),
                None => {
                    slugs.insert(p.slug.clone(), p.file.clone());
                    files.pages.push(p);
                }
            },
            Err(d) => errors.push(d),
        }
    }
    files.pages.sort_by(|a, b| (a.order, &a.title, &a.slug).cmp(&(b.order, &b.title, &b.slug)));
    for (rel, path) in walk(root, "templates", &mut errors)? {
        if let Some(text) = read_text(&path, &format!("templates/{rel}"), &mut errors)? {
            files.templates.insert(rel, text);
        }
    }
    for (rel, path) in walk(root, "locales", &mut errors)? {
        if rel.ends_with(".yaml") && !rel.contains('/') {
            if let Some(text) = read_text(&path, &format!("locales/{rel}"), &mut errors)? {
                files.locales.insert(rel, text);
            }
        }
    }
    let real = |p: &Path| std::fs::canonicalize(p).ok();
    let data_dir = real(&root.join("data"));
    let private: Vec<_> = private.iter().filter_map(|p| real(p)).collect();
    // Lower-cased name → the file: hosts and disks that ignore case (macOS, Windows, many
    // object stores served as sites) would keep one of two names that differ only in case.
    let mut cased: BTreeMap<String, String> = BTreeMap::new();
    for (rel, path) in walk(root, "static", &mut errors)? {
        if let Some(why) = unportable_name(&rel) {
            errors.push(Diagnostic::file(format!("static/{rel}"), why));
            continue;
        }
        // (Compared in NFC: macOS writes `café` decomposed, and its disk and most hosts take
        // the two forms for one name.)
        let folded: String = rel.nfc().collect::<String>().to_lowercase();
        if let Some(other) = cased.insert(folded, rel.clone()) {
            errors.push(Diagnostic::file(
                format!("static/{rel}"),
                format!("its name differs from static/{other} only in case or in how an accent is encoded: on macOS and Windows, and on hosts that ignore case, one would overwrite the other; rename one of the two"),
            ));
            continue;
        }
        let target = real(&path);
        let is_data = target
            .as_ref()
            .is_some_and(|t| data_dir.as_ref().is_some_and(|d| t.starts_with(d)) || private.iter().any(|p| p == t));
        if is_data {
            errors.push(Diagnostic::file(
                format!("static/{rel}"),
                "it is a file of the project's data (in data/ or a dataset of cxsite.yaml, here through a link): static/ is published as it is and the raw data must never be; remove it from static/ (the site's downloads are data/metrics.csv and data/metrics.json)",
            ));
            continue;
        }
        // A copy (or a hard link) of a dataset is the raw data too, whatever its name.
        if let Some(copied) = private.iter().find(|p| same_bytes(p, &path)) {
            let shown = copied.strip_prefix(real(root).unwrap_or_default()).unwrap_or(copied);
            errors.push(Diagnostic::file(
                format!("static/{rel}"),
                format!(
                    "it has the same bytes as the dataset file {}: static/ is published as it is and the raw data must never be; remove it from static/ (the site's downloads are data/metrics.csv and data/metrics.json)",
                    shown.display()
                ),
            ));
            continue;
        }
        match static_text(&path)? {
            Ok(text) => {
                files.static_files.insert(rel, StaticFile { path, text });
            }
            Err(why) => errors.push(Diagnostic::file(format!("static/{rel}"), why)),
        }
    }
    files.refused = errors;
    Ok(files)
}

/// The largest page, template or catalogue read (1 MiB): a page is a few screens of text; a
/// larger one is a mistake or an attack (a 10 MB table of 5,000 columns took 5 GB to render).
pub const MAX_TEXT_FILE: u64 = 1 << 20;

/// The text of a page, template or catalogue, without a leading byte-order mark; `None`, with
/// the error said in `refused`, when it is not UTF-8 or larger than [`MAX_TEXT_FILE`] (`file`
/// names it as the user knows it).
fn read_text(path: &Path, file: &str, refused: &mut Vec<Diagnostic>) -> Result<Option<String>> {
    let Some(bytes) = super::load::bytes_up_to(path, MAX_TEXT_FILE)? else {
        refused.push(Diagnostic::file(
            file,
            "larger than 1 MiB: a page, template or catalogue is a few screens of text; split it, or put a large file in static/ and link to it",
        ));
        return Ok(None);
    };
    match super::load::utf8_text(file, bytes) {
        Ok(text) => Ok(Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        })),
        Err(d) => {
            refused.push(d);
            Ok(None)
        }
    }
}

/// Whether the files at `a` and `b` hold the same bytes: compared only when their lengths
/// agree, and then a block at a time (memory does not grow with their size).
fn same_bytes(a: &Path, b: &Path) -> bool {
    let len = |p: &Path| std::fs::metadata(p).map(|m| m.len()).ok();
    if len(a).is_none() || len(a) != len(b) {
        return false;
    }
    let (Ok(mut fa), Ok(mut fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else { return false };
    let (mut ba, mut bb) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let Ok(n) = read_full(&mut fa, &mut ba) else { return false };
        let Ok(m) = read_full(&mut fb, &mut bb) else { return false };
        if n != m || ba[..n] != bb[..m] {
            return false;
        }
        if n == 0 {
            return true;
        }
    }
}

/// Fills `buf` from `r` as far as it goes; the bytes read (fewer only at the end).
fn read_full(r: &mut impl std::io::Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The text of a `static/` file for the link check ([`StaticFile::text`]), `None` for a file
/// that is not text; `Err` with the reason for a text file too large to check.
fn static_text(path: &Path) -> Result<Result<Option<String>, String>> {
    use std::io::Read;
    let len = std::fs::metadata(path).map_err(|e| Error::io("read", path, e))?.len();
    let mut file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    if len <= MAX_STATIC_TEXT {
        let mut bytes = Vec::with_capacity(len as usize);
        file.take(MAX_STATIC_TEXT).read_to_end(&mut bytes).map_err(|e| Error::io("read", path, e))?;
        return Ok(Ok(String::from_utf8(bytes).ok()));
    }
    let mut head = vec![0u8; 1 << 16];
    let n = read_full(&mut file, &mut head).map_err(|e| Error::io("read", path, e))?;
    let head = &head[..n];
    // The head may end inside a character: only an error before its last 3 bytes counts.
    let text = !head.contains(&0)
        && match std::str::from_utf8(head) {
            Ok(_) => true,
            Err(e) => e.error_len().is_none() && e.valid_up_to() + 4 > head.len(),
        };
    Ok(if text {
        Err(format!(
            "a text file of {} MiB: text files in static/ are checked for links out of the site, up to 16 MiB; publish it elsewhere or split it",
            len >> 20
        ))
    } else {
        Ok(None)
    })
}

/// Whether the folder `real` holds the link at `link` (a link to a folder above it, which the
/// walk names as a loop).
fn holds_link(real: &Path, link: &Path) -> bool {
    link.parent().and_then(|p| std::fs::canonicalize(p).ok()).is_some_and(|p| p.starts_with(real))
}

/// The refusal of a link whose target does not exist.
const LINK_TO_NOTHING: &str = "it is a link to nothing (what it links to does not exist)";

/// Files under `root/folder` (sorted, relative to the folder, `/`-separated); none when the
/// folder does not exist. Hidden files and folders are left out. Links are followed when they
/// lead to a place inside the project (a page shared between folders); a link out of it (or to
/// nothing) is an error naming it, as for a dataset: `static/` is published as is, so a link to
/// `/etc/passwd` must not be, and a page or template the team linked in must not silently go
/// missing.
/// Refused links are added to `refused` (the walk goes on, so that every one is named).
fn walk(root: &Path, folder: &str, refused: &mut Vec<Diagnostic>) -> Result<Vec<(String, std::path::PathBuf)>> {
    let dir = root.join(folder);
    if !dir.is_dir() && std::fs::symlink_metadata(&dir).is_err() {
        return Ok(Vec::new());
    }
    let real_root = std::fs::canonicalize(root).map_err(|e| Error::io("read", root, e))?;
    let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    let mut out = Vec::new();
    let mut refused_in_walk = Vec::new();
    let real_dir = std::fs::canonicalize(&dir).unwrap_or_else(|_| dir.clone());
    // Folders reached through links, by where they really are: each is walked once.
    let mut linked_folders: std::collections::BTreeSet<std::path::PathBuf> = Default::default();
    let entries = walkdir::WalkDir::new(&dir).follow_links(true).sort_by_file_name().into_iter().filter_entry(|e| {
        if hidden(e) {
            return false;
        }
        if !e.path_is_symlink() {
            return true;
        }
        let shown = match e.path().strip_prefix(root) {
            Ok(rel) => rel.to_string_lossy().replace('\\', "/"),
            Err(_) => e.path().display().to_string(),
        };
        match std::fs::canonicalize(e.path()) {
            // A link to a folder of this one, whose files are walked where they are, or to a
            // folder another link reached: walked again, links that fan out (two in each
            // folder to the next) copy it 2, 4 … 2^20 times over.
            Ok(real)
                if e.depth() > 0
                    && real.is_dir()
                    && real.starts_with(&real_root)
                    && !holds_link(&real, e.path())
                    && (real.starts_with(&real_dir) || linked_folders.contains(&real)) =>
            {
                let at = real.strip_prefix(&real_root).map_or_else(|_| real.display().to_string(), |r| r.to_string_lossy().replace('\\', "/"));
                refused.push(Diagnostic::file(
                    &shown,
                    format!("it is a link to the folder `{at}`, whose files are published already; each folder is published once (links that lead to one folder many ways copy it many times over): remove the link"),
                ));
                false
            }
            Ok(real) if real.starts_with(&real_root) => {
                if real.is_dir() {
                    linked_folders.insert(real);
                }
                true
            }
            Ok(_) => {
                refused.push(Diagnostic::file(
                    &shown,
                    "it is a link to a place outside the project directory; copy what it links to into the project",
                ));
                false
            }
            Err(_) => {
                refused.push(Diagnostic::file(&shown, LINK_TO_NOTHING));
                false
            }
        }
    });
    for entry in entries {
        let entry = match entry {
            Ok(entry) => entry,
            // A link to nothing fails before `filter_entry` sees it.
            Err(e) if e.path().is_some_and(|p| p.is_symlink() && !p.exists()) => {
                let p = e.path().unwrap_or(&dir);
                let shown = p.strip_prefix(root).unwrap_or(p).to_string_lossy().replace('\\', "/");
                refused_in_walk.push(Diagnostic::file(shown, LINK_TO_NOTHING));
                continue;
            }
            // A link to a folder that holds it (`static/self -> .`): walked, it never ends.
            Err(e) if e.loop_ancestor().is_some() => {
                let p = e.path().unwrap_or(&dir);
                let shown = p.strip_prefix(root).unwrap_or(p).to_string_lossy().replace('\\', "/");
                let ancestor = e.loop_ancestor().unwrap_or(&dir);
                let held_by = match ancestor.strip_prefix(root).or_else(|_| ancestor.strip_prefix(&real_root)) {
                    Ok(rel) if rel.as_os_str().is_empty() => "the project folder".to_string(),
                    Ok(rel) => format!("`{}`", rel.to_string_lossy().replace('\\', "/")),
                    Err(_) => format!("`{}`", ancestor.display()),
                };
                refused_in_walk.push(Diagnostic::file(
                    shown,
                    format!("it is a link to {held_by}, a folder that holds the link itself, so its files would repeat for ever; remove the link"),
                ));
                continue;
            }
            Err(e) => return Err(Error::io("read", &dir, e.into())),
        };
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = entry.path().strip_prefix(&dir).unwrap_or(entry.path());
        let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        // A named pipe, socket or device: reading it may never end, and skipped it would be
        // a page or asset silently missing from the site.
        if !entry.file_type().is_file() {
            refused_in_walk.push(Diagnostic::file(
                format!("{folder}/{}", rel.join("/")),
                "it is not a regular file (a named pipe, socket or device), so it cannot be read or published; replace it with a file",
            ));
            continue;
        }
        // A name saved in a legacy code page (GBK from Windows, `logo\xff.png`) is shown with
        // U+FFFD: two such names would be one file on the site, the second overwriting the first.
        if entry.path().strip_prefix(&dir).unwrap_or(entry.path()).to_str().is_none() {
            refused_in_walk.push(Diagnostic::file(
                format!("{folder}/{}", rel.join("/")),
                "its name is not valid UTF-8 (a name saved in a legacy code page, as Windows does for GBK names?), so it cannot be published or told from other such names; rename it",
            ));
            continue;
        }
        out.push((rel.join("/"), entry.path().to_path_buf()));
    }
    refused.extend(refused_in_walk);
    Ok(out)
}

/// Why the file `rel` of `static/` (`/`-separated) cannot be published as it is named, if it
/// cannot: a part that names a device on Windows (`CON`, `aux.png`, `NUL.css`), holds a
/// character Windows forbids in names (`< > : " | ? *`, a control character) or ends in a dot
/// or a space (Windows drops them, so `report.txt.` is `report.txt`). Such a site cannot be
/// unzipped, copied or served there, and `a:b.txt` would be a hidden stream of `a` on NTFS.
fn unportable_name(rel: &str) -> Option<String> {
    for part in rel.split('/') {
        let stem = part.split('.').next().unwrap_or(part);
        if super::device_name_id(stem.trim_end()).is_some() {
            return Some(format!("`{part}` names a device on Windows (CON, PRN, AUX, NUL, COM1–9, LPT1–9, whatever the extension), where the site could not be unzipped or copied; rename it"));
        }
        if let Some(c) =
            part.chars().find(|c| matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*' | '\\') || c.is_control())
        {
            return Some(format!("its name holds `{}`, which Windows does not allow in a file name, so the site could not be unzipped or copied there; rename it", c.escape_debug()));
        }
        if part.ends_with(['.', ' ']) {
            return Some("its name ends in a dot or a space, which Windows drops (`report.txt.` is `report.txt` there), so it would be taken for another file; rename it".into());
        }
    }
    None
}

/// Why the file `rel` of `pages/` is not published as a page, if it is not: only the `.md`
/// files directly in `pages/` are.
fn unpublished_page(rel: &str) -> Option<&'static str> {
    let md = rel.len() > 3 && rel.is_char_boundary(rel.len() - 3) && rel[rel.len() - 3..].eq_ignore_ascii_case(".md");
    if md && !rel.ends_with(".md") {
        Some("it is not published: a page's file name ends in `.md`, in lower case; rename it")
    } else if !rel.ends_with(".md") {
        Some("it is not published: only the `.md` files of pages/ become pages of the site; put an image or another file that pages show or link to in static/ (and link it as ../static/…)")
    } else if rel.contains('/') {
        Some("it is not published: only the `.md` files directly in pages/ become pages of the site, not those in its folders; move it up into pages/")
    } else {
        None
    }
}

/// The slug of the page in the file of this stem: its file is `pages/<slug>.html`.
///
/// The stem lower-cased, with every character but ASCII letters, digits, `-` and `_` made `-`
/// (`About Us` → `about-us`), when that names a file the same on every system and host. A
/// stem with a character outside ASCII (`关于`), longer than 64 characters (as an id) or naming
/// a device on Windows (`con`, `PRN`) is instead made as the site makes the file names of values in any
/// script ([`crate::render::format::slug`]): its ASCII letters and digits (at most 32) and a
/// hash of the whole stem (`关于` → `g-…`, `con` → `con-…`), so that two stems stay apart.
pub fn page_slug(stem: &str) -> String {
    // macOS writes `é` in a file name as `e` and a combining accent (NFD), Linux and Windows
    // as one character (NFC): one name, one slug, whichever machine checked the project out.
    let stem: String = stem.nfc().collect();
    let stem = stem.as_str();
    let plain: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c.to_ascii_lowercase() } else { '-' })
        .collect();
    if stem.is_ascii() && plain.len() <= super::validate::MAX_ID_LEN && super::device_name_id(&plain).is_none() {
        plain
    } else {
        crate::render::format::slug(stem)
    }
}

/// Splits `---` front matter from the body and reads it.
fn parse_page(rel: &str, text: &str) -> Result<MarkdownPage, Diagnostic> {
    let file = format!("pages/{rel}");
    let slug = page_slug(rel.strip_suffix(".md").unwrap_or(rel));
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else {
        return Err(Diagnostic::at(
            &file,
            1,
            1,
            "a page starts with front matter: `---`, `title: …`, optional `order: N`, `---`",
        ));
    };
    // Closed at once (`---` twice): empty front matter, whose missing title is said below.
    let (yaml, after) = if let Some(after) = rest.strip_prefix("---") {
        ("", after)
    } else {
        let Some(end) = rest.find("\n---") else {
            return Err(Diagnostic::at(&file, 1, 1, "the front matter is not closed by a `---` line"));
        };
        (&rest[..end + 1], &rest[end + 4..])
    };
    let body = after.trim_start_matches(['\r', '\n']).to_string();
    if yaml.trim().is_empty() {
        return Err(Diagnostic::at(
            &file,
            2,
            1,
            "the front matter is empty: a page needs `title: …` (the name the menu shows)",
        ));
    }
    let fm: FrontMatter = crate::project::read_yaml(yaml).map_err(|e| {
        let (line, col) = e.location().map(|l| (l.line() + 1, l.column())).unwrap_or((1, 1));
        let msg = e.to_string();
        let mut first = msg.lines().next().unwrap_or("").trim_start_matches("error: ").to_string();
        // Past serde-saphyr's own location prefix, in words (as for cxsite.yaml).
        if let Some(rest) = first.strip_prefix("line ").and_then(|r| r.split_once(": ")).map(|(_, m)| m.to_string()) {
            first = rest;
        }
        // Advice meant for programmers of the YAML library, not for the page's writer.
        if let Some(i) = first.find(", set DuplicateKeyPolicy") {
            first.truncate(i);
        }
        if let (Some(expected), Some(l)) = (super::plain_expectation(&first), e.location()) {
            first =
                format!("expected {expected}, not {}", super::found_at(yaml, l.line() as usize, l.column() as usize));
        }
        Diagnostic::at(&file, line, col, format!("front matter: {first}"))
    })?;
    if fm.title.trim().is_empty() {
        let line = yaml.lines().position(|l| l.trim_start().starts_with("title")).map_or(2, |i| i as u64 + 2);
        return Err(Diagnostic::at(
            &file,
            line,
            1,
            "front matter: `title` is empty: the menu would show a link with no words; give the page its name",
        ));
    }
    // Every page's menu repeats the title: a title of 200,000 characters made five pages
    // a site of 197 MB. Held to the length of the site's title and the journey's names.
    let chars = fm.title.chars().count();
    if chars > super::validate::MAX_TITLE_CHARS {
        let line = yaml.lines().position(|l| l.trim_start().starts_with("title")).map_or(2, |i| i as u64 + 2);
        return Err(Diagnostic::at(
            &file,
            line,
            1,
            format!(
                "front matter: `title` is {chars} characters long; at most {} (every page's menu shows it)",
                super::validate::MAX_TITLE_CHARS
            ),
        ));
    }
    let body_line = 1 + text[..text.len() - body.len()].matches('\n').count() as u64;
    Ok(MarkdownPage { slug, title: fm.title, order: fm.order, body, body_line, file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_title_longer_than_a_menu_can_hold_is_an_error_at_its_line() {
        let long = "x".repeat(201);
        let e = parse_page("a.md", &format!("---\norder: 1\ntitle: {long}\n---\nHi\n")).unwrap_err();
        let shown = format!("{e:?}");
        assert!(shown.contains("201 characters long; at most 200"), "{shown}");
        assert_eq!(e.line, Some(3), "{shown}");
        assert!(parse_page("a.md", &format!("---\ntitle: {}\n---\nHi\n", "x".repeat(200))).is_ok());
    }

    #[test]
    fn front_matter_gives_title_and_order_and_the_rest_is_the_body() {
        let p = parse_page("About Us.md", "---\ntitle: About\norder: 2\n---\n\n# Hi\n").unwrap();
        assert_eq!((p.title.as_str(), p.order, p.slug.as_str()), ("About", 2, "about-us"));
        assert_eq!(p.body, "# Hi\n");
        assert_eq!(p.body_line, 6);
    }

    #[test]
    fn a_page_without_front_matter_or_with_an_unknown_key_is_an_error_with_its_place() {
        assert!(parse_page("a.md", "# no front matter").unwrap_err().to_string().starts_with("pages/a.md:1:1"));
        let e = parse_page("a.md", "---\ntitle: A\nordr: 1\n---\nx").unwrap_err();
        assert!(e.to_string().contains("pages/a.md:3"), "{e}");
        let e = parse_page("a.md", "---\ntitle: A\norder: first\n---\nx").unwrap_err();
        assert!(e.to_string().contains("pages/a.md:3:8: front matter: expected a whole number, not `first`"), "{e}");
        // An empty title would be a menu link with no words; empty front matter is closed, and
        // what it lacks is the title.
        let e = parse_page("a.md", "---\norder: 1\ntitle: \"\"\n---\nx").unwrap_err();
        assert!(e.to_string().contains("pages/a.md:3:1: front matter: `title` is empty"), "{e}");
        let e = parse_page("a.md", "---\n---\nx").unwrap_err();
        assert!(e.to_string().contains("pages/a.md:2:1: the front matter is empty: a page needs `title: …`"), "{e}");
    }

    /// The file names a web server, a zip and every system take as they are.
    fn file_name_safe(slug: &str) -> bool {
        !slug.is_empty() && slug.len() <= 64 && slug.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    }

    #[test]
    fn a_plain_name_keeps_its_slug_and_one_in_another_script_gets_a_distinct_ascii_slug() {
        assert_eq!(page_slug("About Us"), "about-us");
        assert_eq!(page_slug("faq_2024"), "faq_2024");
        // Both made `--` once, and written to one file.
        let (about, contact) = (page_slug("关于"), page_slug("联系"));
        assert_ne!(about, contact);
        assert!(file_name_safe(&about) && file_name_safe(&contact), "{about} {contact}");
        assert_eq!(about, page_slug("关于"), "the same name, the same slug");
        assert!(page_slug("Über uns").starts_with("ber-uns-"), "{}", page_slug("Über uns"));
        // The same name composed (NFC) or decomposed (NFD, as macOS writes file names).
        assert_eq!(page_slug("Caf\u{e9} notes"), page_slug("Cafe\u{301} notes"));
        assert_ne!(page_slug("Caf\u{e9} notes"), page_slug("Cafe notes"));
        assert_ne!(page_slug("Über uns"), page_slug("Uber uns"));
    }

    #[test]
    fn a_long_name_gets_a_short_slug_that_still_tells_names_apart() {
        let (a, b) = ("a".repeat(250) + "1", "a".repeat(250) + "2");
        assert!(file_name_safe(&page_slug(&a)), "{}", page_slug(&a));
        assert_ne!(page_slug(&a), page_slug(&b));
        let chinese = "关于".repeat(125);
        assert!(file_name_safe(&page_slug(&chinese)), "{}", page_slug(&chinese));
        assert_eq!(page_slug(&"x".repeat(64)), "x".repeat(64), "64 characters, as an id, are kept");
    }

    #[test]
    fn a_name_of_a_windows_device_gets_a_slug_that_is_none() {
        for stem in ["PRN", "con", "Aux", "nul", "COM1", "lpt9"] {
            let slug = page_slug(stem);
            assert!(crate::project::device_name_id(&slug).is_none() && file_name_safe(&slug), "{stem} → {slug}");
            assert!(slug.starts_with(&format!("{}-", stem.to_ascii_lowercase())), "{stem} → {slug}");
        }
        assert_eq!(page_slug("console"), "console");
    }

    /// Loads the files of a project holding these pages (path under the project → text).
    fn load_pages(pages: &[(&str, &str)]) -> ProjectFiles {
        let dir = tempfile::tempdir().unwrap();
        for (rel, text) in pages {
            let path = dir.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        load(dir.path(), &[]).unwrap()
    }

    #[test]
    fn two_pages_that_would_be_one_file_are_an_error_naming_both() {
        let page = "---\ntitle: T\n---\nx\n";
        let files = load_pages(&[("pages/About Us.md", page), ("pages/about-us.md", page), ("pages/b.md", page)]);
        let errors: Vec<String> = files.refused.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(
            errors[0]
                .starts_with("pages/about-us.md: it would be written to pages/about-us.html, as pages/About Us.md is"),
            "{errors:?}"
        );
        let slugs: Vec<&str> = files.pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["about-us", "b"]);
        let files = load_pages(&[("pages/关于.md", page), ("pages/联系.md", page)]);
        assert!(files.refused.is_empty(), "{:?}", files.refused);
        assert_eq!(files.pages.len(), 2);
    }

    #[test]
    fn a_page_template_or_catalogue_saved_as_gbk_is_refused_at_its_first_byte_naming_the_encoding() {
        let dir = tempfile::tempdir().unwrap();
        let (gbk, _, _) = encoding_rs::GBK.encode("---\ntitle: 关于\n---\n正文\n");
        for (folder, name) in [("pages", "about.md"), ("templates", "base.html"), ("locales", "fr.yaml")] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(name), &gbk).unwrap();
        }
        // A UTF-8 byte-order mark (Notepad's "UTF-8 with BOM") is read and never published.
        std::fs::write(dir.path().join("templates/footer.html"), "\u{feff}<footer></footer>").unwrap();
        let files = load(dir.path(), &[]).unwrap();
        let errors: Vec<String> = files.refused.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 3, "{errors:?}");
        for file in ["pages/about.md", "templates/base.html", "locales/fr.yaml"] {
            // Line 2, column 8: `title: ` is ASCII, 关 is the first GBK byte.
            let expected = format!("{file}:2:8: {file} must be UTF-8; it looks like GBK");
            assert!(errors.iter().any(|e| e.starts_with(&expected)), "{expected} in {errors:?}");
        }
        assert!(files.pages.is_empty() && !files.templates.contains_key("base.html"));
        assert_eq!(files.templates["footer.html"], "<footer></footer>");
    }

    #[test]
    fn a_page_larger_than_a_mib_is_refused_naming_it() {
        let big = format!("---\ntitle: Big\n---\n{}", "| a | b |\n".repeat(110_000));
        let files = load_pages(&[("pages/big.md", &big), ("pages/ok.md", "---\ntitle: Ok\n---\nx\n")]);
        let errors: Vec<String> = files.refused.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].contains("pages/big.md: larger than 1 MiB"), "{errors:?}");
        assert_eq!(files.pages.len(), 1);
    }

    #[test]
    fn static_names_that_one_file_would_hold_are_refused() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("static")).unwrap();
        for name in [&b"logo\xff.txt"[..], b"logo\xfe.txt", b"Logo.png", b"logo.png", b"ok.txt"] {
            std::fs::write(dir.path().join("static").join(std::ffi::OsStr::from_bytes(name)), name).unwrap();
        }
        let files = load(dir.path(), &[]).unwrap();
        let errors: Vec<String> = files.refused.iter().map(|d| d.to_string()).collect();
        assert_eq!(errors.iter().filter(|e| e.contains("its name is not valid UTF-8")).count(), 2, "{errors:?}");
        assert!(
            errors.iter().any(|e| e.starts_with("static/logo.png: its name differs from static/Logo.png only in case")),
            "{errors:?}"
        );
        assert_eq!(errors.len(), 3, "{errors:?}");
        let kept: Vec<&String> = files.static_files.keys().collect();
        assert_eq!(kept, ["Logo.png", "ok.txt"]);
    }

    #[test]
    fn files_of_pages_that_are_not_published_are_warnings_naming_them() {
        let page = "---\ntitle: T\n---\nx\n";
        let files = load_pages(&[
            ("pages/a.md", page),
            ("pages/team/x.md", page),
            ("pages/logo.png", "png"),
            ("pages/B.MD", page),
        ]);
        assert_eq!(files.pages.len(), 1);
        let warnings: Vec<String> = files.unpublished.iter().map(|d| d.to_string()).collect();
        assert_eq!(warnings.len(), 3, "{warnings:?}");
        assert!(
            warnings
                .iter()
                .any(|w| w.starts_with("pages/team/x.md: it is not published") && w.contains("move it up into pages/")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.starts_with("pages/logo.png: it is not published") && w.contains("static/")),
            "{warnings:?}"
        );
        assert!(
            warnings.iter().any(|w| w.starts_with("pages/B.MD: it is not published") && w.contains("in lower case")),
            "{warnings:?}"
        );
    }
}
