//! Reading cxsite.yaml: the file and its encoding, the YAML parse and its errors, into a
//! checked [`Project`].

use std::path::Path;

use super::config::RawProject;
use super::validate::Validator;
use super::{files, Locale, Project, PROJECT_FILE};
use crate::error::{hint, Diagnostic, Error, Result};

/// The largest cxsite.yaml read: a project file is a page or two of YAML; a huge one is a
/// mistake or an attack.
pub const MAX_BYTES: u64 = 1 << 20;

/// Reads and validates `ROOT/cxsite.yaml`.
pub fn load(root: &Path) -> Result<Project> {
    let path = root.join(PROJECT_FILE);
    let bytes = read_bounded(&path)?;
    let text = project_text(bytes)?;
    let mut project = parse(&text, root)?;
    let private: Vec<&Path> = project
        .datasets
        .iter()
        .map(|d| d.file.path.as_path())
        .chain(project.lookups.iter().map(|l| l.file.path.as_path()))
        .collect();
    project.files = files::load(root, &private)?;
    let tag = project.locale.tag();
    let builtin = [Locale::EN.tag(), Locale::ZH_CN.tag()].contains(&tag);
    if !builtin && !project.files.locales.contains_key(&format!("{tag}.yaml")) {
        // Said here, at its line, rather than when the site's words are looked up.
        let (line, column) = top_level_value_at(&text, "locale").unwrap_or((1, 1));
        return Err(Error::one(Diagnostic::at(
            PROJECT_FILE,
            line,
            column,
            format!("unknown locale `{tag}`: the built-in ones are en and zh-CN, and the project has no catalogue locales/{tag}.yaml"),
        )));
    }
    Ok(project)
}

/// The bytes of the project file, refused when it is no regular file (a pipe would block the
/// read for ever, a device such as /dev/zero never end it) or larger than [`MAX_BYTES`]; the
/// read itself stops past that size, whatever the file's metadata says.
fn read_bounded(path: &Path) -> Result<Vec<u8>> {
    let too_large = || {
        Error::one(Diagnostic::file(
            PROJECT_FILE,
            "the project file is larger than 1 MiB; it should describe the data, not hold it",
        ))
    };
    match std::fs::metadata(path) {
        Ok(m) if !m.is_file() => return Err(Error::one(Diagnostic::file(
            PROJECT_FILE,
            "the project file is not a regular file (a folder, pipe or device): write cxsite.yaml as a plain text file",
        ))),
        Ok(m) if m.len() > MAX_BYTES => return Err(too_large()),
        _ => {}
    }
    bytes_up_to(path, MAX_BYTES)?.ok_or_else(too_large)
}

/// The bytes of the file at `path`, or `None` when it holds more than `max`: the read stops
/// past `max`, whatever the file's metadata says.
pub(crate) fn bytes_up_to(path: &Path, max: u64) -> Result<Option<Vec<u8>>> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let mut bytes = Vec::new();
    file.take(max + 1).read_to_end(&mut bytes).map_err(|e| Error::io("read", path, e))?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// Where the value of the top-level `key` starts (line, column; 1-based), if it is written.
fn top_level_value_at(text: &str, key: &str) -> Option<(u64, u64)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let value = top_level_value(l, key)?.trim_start_matches(' ');
        Some((i as u64 + 1, (l.chars().count() - value.chars().count() + 1) as u64))
    })
}

/// What follows `key:` on a line that gives the top-level `key`; `None` on any other line.
fn top_level_value<'l>(line: &'l str, key: &str) -> Option<&'l str> {
    line.strip_prefix(key)?.trim_start().strip_prefix(':')
}

/// The project file's text. UTF-8 (with or without its byte-order mark) is read as it is,
/// and so is UTF-16 with its byte-order mark (Windows Notepad's "Unicode"); anything else is
/// an error at the first byte that is not UTF-8, naming the encoding it looks like.
pub(crate) fn project_text(bytes: Vec<u8>) -> Result<String> {
    utf8_text(PROJECT_FILE, bytes).map_err(Error::one)
}

/// The text of a project file the user writes (cxsite.yaml, a page, a template, a catalogue),
/// which must be UTF-8 (a UTF-16 file with its byte-order mark is read too). Any other
/// encoding is an error at the first byte that is not UTF-8, naming the encoding the file
/// looks like and how to save it again: Notepad on Chinese Windows saves GBK.
pub(crate) fn utf8_text(file: &str, bytes: Vec<u8>) -> std::result::Result<String, Diagnostic> {
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
        return Err(Diagnostic::file(
            file,
            format!("{file} starts as {} but is not valid in it; save it as UTF-8", enc.name()),
        ));
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
    Err(Diagnostic::at(
        file,
        line,
        column,
        format!("{file} must be UTF-8; it looks like {looks}: save it as UTF-8 (in Notepad: File > Save as > Encoding: UTF-8)"),
    ))
}

/// Parses and validates project text; `root` is where relative paths start.
///
/// Invisible format characters (a zero-width space, a byte-order mark, a bidirectional mark:
/// see [`crate::aggregate::redact::strip_invisible`]) are taken out of the whole text first, as
/// they are out of every cell a value is compared with: a rule value, an `na:` word, a label, a
/// touchpoint id or an option pasted with one matches what it looks like. So are the escapes
/// of double-quoted scalars that write one, or a control character (`project::escapes`).
pub fn parse(text: &str, root: &Path) -> Result<Project> {
    let stripped = crate::aggregate::redact::strip_invisible(text);
    let mut text = super::escapes::without_invisible_escapes(&stripped).into_owned();
    let mut quoted = 0;
    let raw: RawProject = loop {
        match read_yaml(&text) {
            Ok(raw) => break raw,
            Err(e) => {
                // A name YAML reads as yes/no (`name: On`) is text as written, as a touchpoint's
                // is: its spelling is gone once read, so it is quoted in the text read again.
                let again = (quoted < MAX_UNKNOWN_KEYS && e.to_string().contains(super::config::YES_NO_NAME))
                    .then(|| e.location())
                    .flatten()
                    .and_then(|l| quote_yes_no_at(&text, l.line() as usize, l.column() as usize));
                match again {
                    Some(edited) => {
                        text = edited;
                        quoted += 1;
                    }
                    None => return Err(yaml_errors(e, &text)),
                }
            }
        }
    };
    Validator::default().project(raw, root)
}

/// Reads YAML the project wrote (cxsite.yaml, a page's front matter, a catalogue), with a
/// `!!binary` value taken as the text it is written as, not decoded: decoded, it would bring
/// back the invisible and direction characters (U+202E) the text was cleaned of.
pub(crate) fn read_yaml<'de, T: serde::Deserialize<'de>>(
    text: &'de str,
) -> std::result::Result<T, serde_saphyr::Error> {
    let mut options = serde_saphyr::Options::default();
    options.ignore_binary_tag_for_string = true;
    serde_saphyr::from_str_with_options(text, options)
}

/// `text` with the plain yes/no word at `line`:`column` (1-based, in characters) in double
/// quotes; `None` when no such word starts there.
fn quote_yes_no_at(text: &str, line: usize, column: usize) -> Option<String> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let row = *lines.get(line.checked_sub(1)?)?;
    let start = row.char_indices().nth(column.checked_sub(1)?).map(|(i, _)| i)?;
    let rest = &row[start..];
    let end = rest.find([',', ']', '}', '\r']).unwrap_or(rest.len());
    let end = rest[..end].find(" #").unwrap_or(end);
    let word = rest[..end].trim_end();
    if !super::config::YES_NO_WORDS.contains(&word.to_ascii_lowercase().as_str()) {
        return None;
    }
    let edited = format!("{}\"{word}\"{}", &row[..start], &rest[word.len()..]);
    lines[line - 1] = &edited;
    Some(lines.join("\n"))
}

/// The most unknown keys one run reports.
const MAX_UNKNOWN_KEYS: usize = 50;

/// The parse error, and when it is an unknown key, every other unknown key of the file too:
/// a user with three typos fixes them in one go instead of one per run. The text is parsed
/// again with each unknown key found made harmless: renamed to the key it is a typo of (so
/// a misspelt required key does not make the next parse fail for its absence), or, when that
/// fails for another reason (the key is there too) or nothing is close, blanked out with its
/// value. It stops at the first error that is not an unknown key: likely one the edit caused,
/// so not reported; the file's other errors are reported once its keys are right.
fn yaml_errors(e: serde_saphyr::Error, text: &str) -> Error {
    let Some(mut at) = unknown_at(&e) else { return Error::one(yaml_error(e, text)) };
    let mut diagnostics = vec![yaml_error(e, text)];
    // The text as parsed, and the columns it moved: (line, from column, by how much).
    let mut edited = text.to_string();
    let mut shifts: Vec<(u64, u64, i64)> = Vec::new();
    while diagnostics.len() < MAX_UNKNOWN_KEYS {
        let (place, field, expected) = &at;
        let typo_of = crate::error::did_you_mean(field, expected.iter().map(String::as_str));
        let renamed = typo_of.and_then(|to| edit_key(&edited, *place, Some(to)));
        let blanked = || edit_key(&edited, *place, None);
        let mut next = None;
        for (candidate, shift) in renamed.into_iter().chain(blanked()) {
            match read_yaml::<RawProject>(&candidate) {
                Ok(_) => return Error::Invalid(diagnostics),
                Err(e) => {
                    if let Some(here) = unknown_at(&e).filter(|h| h.0 > *place) {
                        next = Some((candidate, shift, e, here));
                        break;
                    }
                }
            }
        }
        let Some((candidate, shift, e, here)) = next else { break };
        if shift != 0 {
            shifts.push((place.0, place.1, shift));
        }
        let (line, column) = here.0;
        let mut d = yaml_error(e, &candidate);
        let moved: i64 = shifts.iter().filter(|(l, c, _)| *l == line && *c < column).map(|s| s.2).sum();
        d.column = Some((column as i64 - moved).max(1).to_string());
        diagnostics.push(d);
        edited = candidate;
        at = here;
    }
    Error::Invalid(diagnostics)
}

/// An unknown-key error's place (line, column; 1-based), key and the keys expected there.
type UnknownKey = ((u64, u64), String, Vec<String>);

/// The place, key and expected keys of an unknown-key error.
fn unknown_at(e: &serde_saphyr::Error) -> Option<UnknownKey> {
    let l = e.location()?;
    unknown_field(&first_message_line(&e.to_string())).map(|(f, x)| ((l.line(), l.column()), f, x))
}

/// `text` with the key that starts at `at` (line, column; 1-based, in characters) renamed
/// `to`, or (no `to`) blanked out with its value: spaces for its characters, line breaks
/// kept, so every other line and column stays where it was. With it, how many characters the
/// rest of the key's line moved. `None` when no key starts there. In block style the entry
/// is the key's line and the lines below indented deeper (or a `- ` list at the key's own
/// indentation, under a key with no value on its line); in flow style (`{ a: 1, key: [0, 10] }`)
/// it runs to the next `,` or `}` outside brackets and quotes.
pub(crate) fn edit_key(text: &str, at: (u64, u64), to: Option<&str>) -> Option<(String, i64)> {
    let mut chars: Vec<char> = text.chars().collect();
    let (line, column) = (usize::try_from(at.0).ok()?, usize::try_from(at.1).ok()?);
    let line_start =
        if line <= 1 { 0 } else { chars.iter().enumerate().filter(|(_, c)| **c == '\n').nth(line - 2)?.0 + 1 };
    let start = line_start + column.checked_sub(1)?;
    let line_end = chars[line_start..].iter().position(|c| *c == '\n').map_or(chars.len(), |i| line_start + i);
    if start >= line_end {
        return None;
    }
    // The key: quoted, or plain up to the `:` that ends it.
    let mut i = start;
    let key_end;
    match chars[i] {
        q @ ('"' | '\'') => {
            i += 1;
            while i < line_end && chars[i] != q {
                i += usize::from(q == '"' && chars[i] == '\\') + 1;
            }
            i += 1;
            key_end = i.min(line_end);
            while i < line_end && chars[i] == ' ' {
                i += 1;
            }
            if chars.get(i) != Some(&':') {
                return None;
            }
        }
        _ => {
            let ends = |c: Option<&char>| c.is_none_or(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | ',' | '}' | ']'));
            while i < line_end && !(chars[i] == ':' && ends(chars.get(i + 1))) {
                i += 1;
            }
            if i >= line_end {
                return None;
            }
            key_end = chars[start..i].iter().rposition(|c| !c.is_whitespace()).map_or(start, |p| start + p + 1);
        }
    }
    if let Some(to) = to {
        let shift = to.chars().count() as i64 - (key_end - start) as i64;
        chars.splice(start..key_end, to.chars());
        return Some((chars.into_iter().collect(), shift));
    }
    let colon = i;
    let before = chars[..start].iter().rev().find(|c| !c.is_whitespace());
    let flow = matches!(before, Some('{' | ','));
    let end = if flow {
        flow_value_end(&chars, colon + 1)?
    } else {
        // Only indentation, or list dashes, before a block key.
        if !chars[line_start..start].iter().all(|c| matches!(c, ' ' | '-')) {
            return None;
        }
        let indent = start - line_start;
        let rest = &chars[colon + 1..line_end];
        let value_on_line = rest.iter().take_while(|c| **c != '#').any(|c| !c.is_whitespace());
        let mut end = line_end;
        while end < chars.len() {
            let from = end + 1;
            let to = chars[from..].iter().position(|c| *c == '\n').map_or(chars.len(), |i| from + i);
            let row = &chars[from..to];
            let deep = row.iter().take_while(|c| **c == ' ').count();
            let content = &row[deep..];
            let inside = content.iter().all(|c| c.is_whitespace())
                || content.first() == Some(&'#')
                || deep > indent
                || (deep == indent && !value_on_line && content.first() == Some(&'-'));
            if !inside || from >= chars.len() {
                break;
            }
            end = to;
        }
        end
    };
    for c in &mut chars[start..end] {
        if *c != '\n' && *c != '\r' {
            *c = ' ';
        }
    }
    Some((chars.into_iter().collect(), 0))
}

/// The end of a flow mapping's value that starts at `from`: the `,` after it (included) or
/// the `}` that closes the mapping (excluded).
fn flow_value_end(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            q @ ('"' | '\'') => {
                i += 1;
                while i < chars.len() && chars[i] != q {
                    i += usize::from(q == '"' && chars[i] == '\\') + 1;
                }
            }
            '[' | '{' => depth += 1,
            ']' | '}' if depth > 0 => depth -= 1,
            '}' => return Some(i),
            ',' if depth == 0 => return Some(i + 1),
            ']' => return None,
            _ => {}
        }
        i += 1;
    }
    None
}

/// Turns a YAML/serde error into a located diagnostic with a did-you-mean for unknown keys,
/// followed by serde-saphyr's snippet of the offending line with a caret.
fn yaml_error(e: serde_saphyr::Error, text: &str) -> Diagnostic {
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
        return Diagnostic::at(
            PROJECT_FILE,
            at,
            1,
            format!("{PROJECT_FILE} holds more than one YAML document (a `---` line at line {at}); keep one"),
        );
    }
    // A tab in a line's indentation: the parser stops at the line before, on the scalar it
    // was reading, and says nothing of indenting. The line with the tab is the place.
    if message.contains("found a tab") || message.contains("found tab") {
        if let Some((at, column)) = tab_indent_near(text, line as usize) {
            return Diagnostic::at(
                PROJECT_FILE,
                at as u64,
                column as u64,
                format!("line {at} is indented with a tab: YAML indents with spaces only; replace the tab with spaces"),
            );
        }
    }
    // `title: !!int "5"`, `date: !!timestamp 2024-01-01`: the parser's own words name serde.
    if message.contains("tagged scalar") {
        let found = found_at(text, line as usize, column as usize);
        return Diagnostic::at(
            PROJECT_FILE,
            line,
            column,
            format!("expected text, not {found}{}", tag_note(text, line as usize, column as usize)),
        );
    }
    let mut message = match unknown_field(&message) {
        Some((field, expected)) => {
            let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
            let h = hint(&field, &refs);
            format!("unknown key `{field}`{h}; expected one of: {}", expected.join(", "))
        }
        None => match plain_expectation(&message) {
            // A whole number past what a count holds (`min_n: 99999999999999999999`) is a whole
            // number: the trouble is its size.
            Some(expected)
                if expected.starts_with("a whole number") && {
                    let found = found_at(text, line as usize, column as usize);
                    let digits = found.trim_matches('`');
                    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && digits.parse::<u64>().is_err()
                } =>
            {
                format!("{} is too large: at most {}", found_at(text, line as usize, column as usize), u64::MAX)
            }
            // `min_n` must be 1 or more, not only 0 or more, as its own check says.
            Some(expected) if at_key(text, line as usize, "min_n") && expected.ends_with("0 or more") => {
                let found = found_at(text, line as usize, column as usize);
                format!(
                    "expected a whole number, 1 or more, not {found}{}",
                    tag_note(text, line as usize, column as usize)
                )
            }
            Some(expected) => {
                let found = found_at(text, line as usize, column as usize);
                // A list or mapping where a number goes is reported by the parser as wanting
                // text (`min_n: {}`); the key says what it wants.
                let expected = match key_before(text, line as usize, column as usize) {
                    Some(key) if expected.starts_with("a text value") => numeric_key(&key).unwrap_or(expected),
                    _ => expected,
                };
                format!("expected {expected}, not {found}{}", tag_note(text, line as usize, column as usize))
            }
            None => message,
        },
    };
    // The parser's budget against alias bombs speaks in its own terms
    // (`budget breached: AliasAnchorRatio { aliases: 2000, anchors: 1 }`).
    if message.contains("budget breached") {
        message = "the file uses YAML anchors and aliases (`&name`, `*name`) more than a project needs (a file that expands to a huge one is refused); write the values out".into();
    }
    // serde-saphyr draws its own snippet; the command line draws one for every located
    // error (crate::diagnostics), so only the message is kept.
    message = message.replace(", set DuplicateKeyPolicy in Options if acceptable", "");
    Diagnostic::at(PROJECT_FILE, line, column, message)
}

/// The first line at or after `line - 1` (1-based) whose indentation holds a tab, with the
/// tab's column (1-based, in characters).
fn tab_indent_near(text: &str, line: usize) -> Option<(usize, usize)> {
    text.lines().enumerate().skip(line.saturating_sub(2)).find_map(|(i, row)| {
        let indent: String = row.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        indent.chars().position(|c| c == '\t').filter(|_| indent.len() < row.len()).map(|col| (i + 1, col + 1))
    })
}

/// The key whose value starts at `line`:`column` (1-based): `min_n` for `min_n: {}`, `step`
/// for `{ scale: [1, 5], step: [1] }`; `None` for a list item or a value on its own line.
fn key_before(text: &str, line: usize, column: usize) -> Option<String> {
    let row = text.lines().nth(line.checked_sub(1)?)?;
    let before: String = row.chars().take(column.saturating_sub(1)).collect();
    let key = before.trim_end().strip_suffix(':')?;
    let key = key.rsplit(|c: char| c.is_whitespace() || c == '{' || c == ',').next()?;
    let key = key.trim_matches(|c| c == '"' || c == '\'');
    (!key.is_empty()).then(|| key.to_string())
}

/// What a number-valued key of cxsite.yaml takes, in words; `None` for keys of other kinds.
fn numeric_key(key: &str) -> Option<&'static str> {
    Some(match key {
        "min_n" | "header_row" => "a whole number, 1 or more",
        "confidence" => "a number between 0 and 1, such as 0.95",
        "top_box" | "step" => "a number",
        _ => return None,
    })
}

/// Whether line `line` (1-based) of the project text gives the top-level `key`.
fn at_key(text: &str, line: usize, key: &str) -> bool {
    text.lines().nth(line.saturating_sub(1)).and_then(|l| top_level_value(l, key)).is_some()
}

/// What a YAML value of the wrong kind should have been, in words, for the parser's terms
/// ("invalid u64", "expected sequence start"); `None` for messages already in words.
pub(crate) fn plain_expectation(message: &str) -> Option<&'static str> {
    Some(match message {
        "invalid u8" | "invalid u16" | "invalid u32" | "invalid u64" | "invalid usize" => "a whole number, 0 or more",
        "invalid i8" | "invalid i16" | "invalid i32" | "invalid i64" | "invalid isize" => "a whole number",
        "invalid floating point" | "invalid f32" | "invalid f64" => "a number",
        "expected string scalar" => "a text value",
        // `id: null`, `name: ~` or a key with nothing after it where text is expected.
        m if m.starts_with("cannot deserialize null into string") => {
            "a text value (in quotes if it is `null`, `~` or empty)"
        }
        "expected sequence start" => "a list: `[a, b]`, or one `- item` per line",
        "expected mapping start" => "keys with values: `key: value` lines, or `{ key: value }`",
        m if m.starts_with("invalid boolean") => "`true` or `false`",
        _ => return None,
    })
}

/// When a YAML tag stands before the value at `line`:`column` (`min_n: !!str 30`), a note
/// saying the tag made it what it is; else nothing.
fn tag_note(text: &str, line: usize, column: usize) -> String {
    let Some(l) = text.lines().nth(line.saturating_sub(1)) else { return String::new() };
    let before: String = l.chars().take(column.saturating_sub(1)).collect();
    match before.split_whitespace().last().filter(|w| w.starts_with('!')) {
        Some("!!str") => " (the `!!str` tag before it makes it text: remove the tag)".to_string(),
        Some(tag) => format!(" (read as the `{tag}` tag before it says: remove the tag)"),
        None => String::new(),
    }
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
        Some(_) => {
            // The value ends at a flow collection's `,`, `]` or `}` (`[0.1, 0.2], step: 0.01`
            // is the value `0.1`); a key and its colon before that is a mapping.
            let end = rest.find([',', ']', '}']).unwrap_or(rest.len());
            let own = &rest[..end];
            if own.trim_end().ends_with(':') || own.contains(": ") {
                return "keys with values".into();
            }
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
pub(crate) fn first_message_line(full: &str) -> String {
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
