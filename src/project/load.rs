//! Reading cxsite.yaml: the file and its encoding, the YAML parse and its errors, into a
//! checked [`Project`].

use std::path::Path;

use super::config::RawProject;
use super::validate::Validator;
use super::{files, Project, PROJECT_FILE};
use crate::error::{hint, Diagnostic, Error, Result};

/// The largest cxsite.yaml read: a project file is a page or two of YAML; a huge one is a
/// mistake or an attack.
pub const MAX_BYTES: u64 = 1 << 20;

/// Reads and validates `ROOT/cxsite.yaml`.
pub fn load(root: &Path) -> Result<Project> {
    let path = root.join(PROJECT_FILE);
    if std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0) > MAX_BYTES {
        return Err(Error::one(Diagnostic::file(
            PROJECT_FILE,
            "the project file is larger than 1 MiB; it should describe the data, not hold it",
        )));
    }
    let bytes = std::fs::read(&path).map_err(|e| Error::io("read", &path, e))?;
    let text = project_text(bytes)?;
    let mut project = parse(&text, root)?;
    let private: Vec<&Path> = project
        .datasets
        .iter()
        .map(|d| d.file.path.as_path())
        .chain(project.lookups.iter().map(|l| l.file.path.as_path()))
        .collect();
    project.files = files::load(root, &private)?;
    Ok(project)
}

/// The project file's text. UTF-8 (with or without its byte-order mark) is read as it is,
/// and so is UTF-16 with its byte-order mark (Windows Notepad's "Unicode"); anything else is
/// an error at the first byte that is not UTF-8, naming the encoding it looks like.
pub(crate) fn project_text(bytes: Vec<u8>) -> Result<String> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(encoding_rs::UTF_16LE),
        Some([0xFE, 0xFF]) => Some(encoding_rs::UTF_16BE),
        _ => None,
    };
    if let Some(enc) = utf16 {
        let (text, bad) = enc.decode_without_bom_handling(&bytes[2..]);
        if !bad {
            return Ok(text.into_owned());
        }
        return Err(Error::one(Diagnostic::file(
            PROJECT_FILE,
            format!("{PROJECT_FILE} starts as {} but is not valid in it; save it as UTF-8", enc.name()),
        )));
    }
    let e = match String::from_utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let at = e.utf8_error().valid_up_to();
    let bytes = e.into_bytes();
    let before = &bytes[..at];
    let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() as u64 + 1;
    let nuls = bytes.iter().take(4096).filter(|&&b| b == 0).count();
    let looks = if nuls * 4 >= bytes.len().min(4096) {
        "UTF-16 without a byte-order mark"
    } else if encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(&bytes).is_some() {
        "GBK (GB18030), as Windows Notepad saves it on Chinese Windows"
    } else {
        "Windows-1252 (Latin-1)"
    };
    Err(Error::one(Diagnostic::at(
        PROJECT_FILE,
        line,
        column,
        format!("{PROJECT_FILE} must be UTF-8; it looks like {looks}: save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)"),
    )))
}

/// Parses and validates project text; `root` is where relative paths start.
///
/// Invisible format characters (a zero-width space, a byte-order mark, a bidirectional mark:
/// see [`crate::aggregate::redact::strip_invisible`]) are taken out of the whole text first, as
/// they are out of every cell a value is compared with: a rule value, an `na:` word, a label, a
/// touchpoint id or an option pasted with one matches what it looks like.
pub fn parse(text: &str, root: &Path) -> Result<Project> {
    let text = &*crate::aggregate::redact::strip_invisible(text);
    let raw: RawProject = serde_saphyr::from_str(text).map_err(|e| yaml_error(e, text))?;
    Validator::default().project(raw, root)
}

/// Turns a YAML/serde error into a located diagnostic with a did-you-mean for unknown keys,
/// followed by serde-saphyr's snippet of the offending line with a caret.
fn yaml_error(e: serde_saphyr::Error, text: &str) -> Error {
    let (line, column) = e.location().map(|l| (l.line(), l.column())).unwrap_or((0, 0));
    let full = e.to_string();
    let message = first_message_line(&full);
    if message.starts_with("multiple YAML documents") {
        // The `---` that starts a second document: the last such line before the error.
        let at = text
            .lines()
            .take(line as usize)
            .enumerate()
            .filter(|(_, l)| *l == "---" || l.starts_with("--- "))
            .map(|(i, _)| i as u64 + 1)
            .last()
            .unwrap_or(line);
        return Error::one(Diagnostic::at(
            PROJECT_FILE,
            at,
            1,
            format!("{PROJECT_FILE} holds more than one YAML document (a `---` line at line {at}); keep one"),
        ));
    }
    let mut message = match unknown_field(&message) {
        Some((field, expected)) => {
            let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
            let h = hint(&field, &refs);
            format!("unknown key `{field}`{h}; expected one of: {}", expected.join(", "))
        }
        None => match plain_expectation(&message) {
            Some(expected) => format!("expected {expected}, not {}", found_at(text, line as usize, column as usize)),
            None => message,
        },
    };
    // serde-saphyr draws its own snippet; the command line draws one for every located
    // error (crate::diagnostics), so only the message is kept.
    message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    Error::one(Diagnostic::at(PROJECT_FILE, line, column, message))
}

/// What a YAML value of the wrong kind should have been, in words, for the parser's terms
/// ("invalid u64", "expected sequence start"); `None` for messages already in words.
pub(crate) fn plain_expectation(message: &str) -> Option<&'static str> {
    Some(match message {
        "invalid u8" | "invalid u16" | "invalid u32" | "invalid u64" | "invalid usize" => "a whole number, 0 or more",
        "invalid i8" | "invalid i16" | "invalid i32" | "invalid i64" | "invalid isize" => "a whole number",
        "invalid floating point" | "invalid f32" | "invalid f64" => "a number",
        "expected string scalar" => "a text value",
        "expected sequence start" => "a list: `[a, b]`, or one `- item` per line",
        "expected mapping start" => "keys with values: `key: value` lines, or `{ key: value }`",
        m if m.starts_with("invalid boolean") => "`true` or `false`",
        _ => return None,
    })
}

/// The value written at `line`:`column` (1-based) of the project text, for "expected …, not
/// `many`": a scalar up to the end of its line (or of its flow item), or the kind of a list
/// or mapping.
pub(crate) fn found_at(text: &str, line: usize, column: usize) -> String {
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else { return "what is written".into() };
    let rest: String = row.chars().skip(column.saturating_sub(1)).collect();
    let rest = rest.trim();
    let value = match rest.chars().next() {
        None | Some('#') => {
            // A block below the key: a list when its first line starts with `- `.
            let below = text.lines().skip(line).map(str::trim).find(|l| !l.is_empty() && !l.starts_with('#'));
            return match below {
                Some(l) if l.starts_with("- ") || l == "-" => "a list".into(),
                Some(l) if l.contains(':') => "keys with values".into(),
                _ => "an empty value".into(),
            };
        }
        Some('[') => return "a list".into(),
        // A block list item (`- stage: buy`) is a list, whatever its items hold.
        Some('-') if rest == "-" || rest.starts_with("- ") => return "a list".into(),
        Some('{') => return "keys with values".into(),
        Some(q @ ('"' | '\'')) => match rest[1..].find(q) {
            Some(end) => &rest[..end + 2],
            None => rest,
        },
        Some(_) if rest.ends_with(':') || rest.contains(": ") => return "keys with values".into(),
        Some(_) => {
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            let end = rest[..end].find(" #").unwrap_or(end);
            rest[..end].trim_end()
        }
    };
    let short: String = value.chars().take(40).collect();
    let tail = if short.len() < value.len() { "…" } else { "" };
    format!("`{short}{tail}`")
}

/// The message of serde-saphyr's error, without its own location prefix or advice meant for
/// programmers ("set DuplicateKeyPolicy…").
fn first_message_line(full: &str) -> String {
    let mut line = full.lines().next().unwrap_or(full).trim();
    line = line.strip_prefix("error: ").unwrap_or(line);
    if line.starts_with("line ") {
        if let Some(i) = line.find(": ") {
            line = &line[i + 2..];
        }
    }
    let line = line.split(", set DuplicateKeyPolicy").next().unwrap_or(line);
    line.to_string()
}

/// Parses serde's "unknown field `x`, expected one of a, b" into (x, [a, b]).
fn unknown_field(message: &str) -> Option<(String, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, rest) = rest.split_once('`')?;
    let list = rest.split_once("expected ").map(|(_, l)| l).unwrap_or("");
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let expected = list
        .split(", ")
        .flat_map(|x| x.split(" or "))
        .map(|x| x.trim().trim_matches('`').to_string())
        .filter(|x| !x.is_empty())
        .collect();
    Some((field.to_string(), expected))
}
