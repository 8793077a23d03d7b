//! How problems reach the person at the terminal, or a CI job.
//!
//! Text: each problem as `error: FILE:LINE:COL: message`, then — for the project's own text
//! files (cxsite.yaml, pages, templates) — the source line with a caret under the column, as
//! rustc shows it (drawn by `annotate-snippets`, the crate rustc and cargo use). Colour only
//! on a terminal, and never when `NO_COLOR` is set. Data files get no snippet: their rows are
//! customers' data. JSON: one object per line (`severity`, `file`, `line`, `column`,
//! `message`) for CI to parse.

use std::io::IsTerminal;
use std::path::Path;

use annotate_snippets::{Level, Renderer, Snippet};
use serde::Serialize;

use crate::error::{Diagnostic, Error};

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Plain text with source snippets.
    Text,
    /// Text with ANSI colour (a terminal without `NO_COLOR`).
    Colour,
    /// One JSON object per line.
    Json,
}

impl Style {
    /// Text for stderr: colour when stderr is a terminal and `NO_COLOR` is unset or empty.
    pub fn for_stderr() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if std::io::stderr().is_terminal() && !no_color {
            Style::Colour
        } else {
            Style::Text
        }
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem as JSON.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    file: Option<std::borrow::Cow<'a, str>>,
    line: Option<u64>,
    column: Option<&'a str>,
    message: String,
}

/// Renders an error: every diagnostic it holds, each with its snippet. `root` is the project
/// directory, where the files named by diagnostics are found.
pub fn render_error(e: &Error, root: Option<&Path>, style: Style) -> String {
    match e {
        Error::Invalid(ds) => ds.iter().map(|d| render(d, Severity::Error, root, style)).collect::<Vec<_>>().join("\n"),
        other => {
            let text = other.to_string();
            match style {
                Style::Json => json_line(Severity::Error, None, text.trim_start_matches("error: ").to_string()),
                _ => text,
            }
        }
    }
}

/// Renders one diagnostic.
pub fn render(d: &Diagnostic, severity: Severity, root: Option<&Path>, style: Style) -> String {
    if style == Style::Json {
        return json_line(severity, Some(d), safe(&crate::aggregate::redact::strip_invisible(&d.message)));
    }
    let label = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let head = match (style, severity) {
        (Style::Colour, Severity::Error) => format!("\u{1b}[1;91m{label}\u{1b}[0m: {d}"),
        (Style::Colour, Severity::Warning) => format!("\u{1b}[1;93m{label}\u{1b}[0m: {d}"),
        _ => format!("{label}: {d}"),
    };
    let Some((text, line, column, at)) = snippet_source(d, root) else { return head };
    let level = match severity {
        Severity::Error => Level::Error,
        Severity::Warning => Level::Warning,
    };
    // The caret: the column's character (or the end of the line), counted in bytes for the renderer.
    let start = text.char_indices().nth(at.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
    let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    // The renderer draws a tab as four spaces but places the caret as if it were one column:
    // tabs are drawn as spaces here, and the span moved by what they add before it.
    let tabs_before = text[..start].matches('\t').count();
    let (start, end) = (start + 3 * tabs_before, end + 3 * text[..end].matches('\t').count());
    let text = text.replace('\t', "    ");
    let origin = d.file.clone();
    let message = level.title("").snippet(
        Snippet::source(&text).line_start(line as usize).origin(&origin).annotation(level.span(start..end.max(start))),
    );
    let renderer = if style == Style::Colour { Renderer::styled() } else { Renderer::plain() };
    // The renderer's own title line is replaced by ours (file:line:col: message), which
    // scripts and people already grep for.
    let drawn = renderer.render(message).to_string();
    // Its `-->` line counts columns in the line as drawn (tabs as four): ours, in the file.
    let body: Vec<String> = drawn
        .lines()
        .skip(1)
        .map(|l| match l.split_once("--> ") {
            Some((pad, _)) if pad.trim().is_empty() => format!("{pad}--> {origin}:{line}:{column}"),
            _ => l.to_string(),
        })
        .collect();
    format!("{head}\n{}", body.join("\n"))
}

/// The most of a line a snippet shows, in characters: a longer line (a page of 50,000 links
/// on one line) is shown as a window around the column, so each message stays short.
const SNIPPET_CHARS: usize = 160;

/// `source` cut to a window of [`SNIPPET_CHARS`] around `column` (1-based, in characters) when
/// it is longer, `…` marking each cut; with the column's place in what is shown.
fn snippet_window(source: &str, column: usize) -> (String, usize) {
    if source.chars().count() <= SNIPPET_CHARS {
        return (source.to_string(), column);
    }
    let from = column.saturating_sub(SNIPPET_CHARS / 3 + 1);
    let mut shown: String = if from > 0 { "…".into() } else { String::new() };
    let cut = from > 0;
    shown.extend(source.chars().skip(from).take(SNIPPET_CHARS));
    if source.chars().count() > from + SNIPPET_CHARS {
        shown.push('…');
    }
    (shown, column - from + usize::from(cut))
}

/// The line of a project text file a diagnostic points into (cut to a window around the
/// column when long), with its line and column in the file and the column in what is shown.
fn snippet_source(d: &Diagnostic, root: Option<&Path>) -> Option<(String, u64, usize, usize)> {
    let root = root?;
    let line = d.line?;
    let column: usize = d.column.as_deref().and_then(|c| c.parse().ok()).unwrap_or(1);
    let is_project_text = d.file == crate::project::PROJECT_FILE
        || (d.file.starts_with("pages/") && d.file.ends_with(".md"))
        || d.file.starts_with("templates/");
    if !is_project_text || d.file.contains("..") {
        return None;
    }
    let text = std::fs::read_to_string(root.join(&d.file)).ok()?;
    let source = text.lines().nth(usize::try_from(line).ok()?.checked_sub(1)?)?;
    let (shown, at) = snippet_window(source, column.max(1));
    Some((safe(&shown), line, column, at))
}

fn json_line(severity: Severity, d: Option<&Diagnostic>, message: String) -> String {
    let j = JsonDiagnostic {
        severity,
        file: d.map(|d| crate::aggregate::redact::strip_invisible(&d.file)),
        line: d.and_then(|d| d.line),
        column: d.and_then(|d| d.column.as_deref()),
        message,
    };
    serde_json::to_string(&j).unwrap_or_default()
}

/// Text as a terminal should see it: control characters (escape sequences from a hostile
/// file) are replaced, never sent; line breaks and tabs stay.
fn safe(s: &str) -> String {
    s.chars().map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(yaml: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("cxsite.yaml"), yaml).unwrap();
        dir
    }

    #[test]
    fn a_project_file_error_shows_its_line_with_a_caret_under_the_column() {
        let dir = project("title: T\ntimezon: UTC\n");
        let d = Diagnostic::at("cxsite.yaml", 2, 1, "unknown key `timezon`");
        let text = render(&d, Severity::Error, Some(dir.path()), Style::Text);
        assert_eq!(
            text,
            "error: cxsite.yaml:2:1: unknown key `timezon`\n --> cxsite.yaml:2:1\n  |\n2 | timezon: UTC\n  | ^\n  |"
        );
    }

    #[test]
    fn the_caret_counts_characters_not_bytes() {
        let dir = project("title: 脆脆 x\n");
        let d = Diagnostic::at("cxsite.yaml", 1, 11, "here");
        let text = render(&d, Severity::Warning, Some(dir.path()), Style::Text);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "warning: cxsite.yaml:1:11: here");
        // Under `x`: "title: " (7) + two wide characters (4 columns) + a space = 12 columns in.
        let mark = lines.iter().find(|l| l.trim_end().ends_with('-')).expect(&text);
        assert_eq!(mark.trim_end().chars().count(), "  | ".len() + 12 + 1, "{text}");
    }

    /// A tab on the line is drawn as four spaces, and the caret stays under the column's
    /// character (it had sat three columns left per tab).
    #[test]
    fn the_caret_counts_a_tab_as_the_spaces_it_is_drawn_as() {
        let dir = project("a: {\tid: w,\townr: x }\n");
        // `ownr` is the 13th character: `a: {` (4), a tab, `id: w,` (6), a tab, then `ownr`.
        let d = Diagnostic::at("cxsite.yaml", 1, 13, "unknown key `ownr`");
        let text = render(&d, Severity::Error, Some(dir.path()), Style::Text);
        let lines: Vec<&str> = text.lines().collect();
        let source = lines.iter().find(|l| l.starts_with("1 |")).expect(&text);
        assert!(text.contains(" --> cxsite.yaml:1:13\n"), "{text}");
        let caret = lines.iter().find(|l| l.trim_end().ends_with('^')).expect(&text);
        assert_eq!(source.find("ownr"), Some(caret.trim_end().len() - 1), "{text}");
        assert!(!text.contains('\t'), "{text}");
    }

    #[test]
    fn data_files_get_no_snippet_and_json_is_one_object_per_line() {
        let dir = project("title: T\n");
        std::fs::create_dir(dir.path().join("data")).unwrap();
        std::fs::write(dir.path().join("data/s.csv"), "id,email\n1,a@b.cn\n").unwrap();
        let d = Diagnostic::at("data/s.csv", 2, 2, "bad value");
        assert_eq!(render(&d, Severity::Error, Some(dir.path()), Style::Text), "error: data/s.csv:2:2: bad value");
        let json = render_error(&Error::Invalid(vec![d.clone(), d]), Some(dir.path()), Style::Json);
        let lines: Vec<serde_json::Value> = json.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0]["severity"], "error");
        assert_eq!(lines[0]["file"], "data/s.csv");
        assert_eq!(lines[0]["line"], 2);
        assert_eq!(lines[0]["column"], "2");
        assert_eq!(lines[0]["message"], "bad value");
    }

    #[test]
    fn colour_is_ansi_and_plain_text_has_none() {
        let dir = project("title: T\nx: 1\n");
        let d = Diagnostic::at("cxsite.yaml", 2, 1, "unknown key `x`");
        assert!(render(&d, Severity::Error, Some(dir.path()), Style::Colour).contains('\u{1b}'));
        assert!(!render(&d, Severity::Error, Some(dir.path()), Style::Text).contains('\u{1b}'));
    }
}
