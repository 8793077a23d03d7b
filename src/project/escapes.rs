//! YAML escapes that write a character nobody can see: taken out of the project text before
//! it is parsed, as the characters themselves are.
//!
//! [`crate::aggregate::redact::strip_invisible`] takes a bidirectional override, a zero-width
//! space or a byte-order mark out of the text as typed; YAML's double-quoted scalars can also
//! write one as an escape (`"Acme\u202e"`), and a control character (`"\0"`, `"\x07"`, `"\e"`)
//! that the text as typed may not hold at all. Decoded, either would reach the site's title, a
//! touchpoint's name or metrics.json: an override turns round the text beside it, a NUL is no
//! character of HTML or XML. So an escape that decodes to one is removed where it stands, in
//! double-quoted scalars only: a backslash means nothing in a plain or single-quoted scalar
//! (`file: data\0901.csv`, `'C:\exports\a.csv'`), in a comment or in a block scalar. A
//! `path:` keeps them: a file name is matched against the files as they are named, and shown
//! without such characters wherever it is shown.

use std::borrow::Cow;

use crate::aggregate::redact::is_invisible;

/// `text` without the double-quoted escapes that decode to an invisible character or to a
/// control character other than tab, line feed and carriage return.
pub(super) fn without_invisible_escapes(text: &str) -> Cow<'_, str> {
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut quoted = Quoted::No;
    // The indentation of the line that opened a block scalar (`|`, `>`) whose lines follow.
    let mut block: Option<usize> = None;
    for line in text.split_inclusive('\n') {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some(opener) = block {
            if line.trim().is_empty() || indent > opener {
                out.push_str(line);
                continue;
            }
            block = None;
        }
        quoted = scan_line(line, quoted, &mut out);
        if quoted == Quoted::No && opens_block_scalar(line) {
            block = Some(indent);
        }
    }
    if out == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(out)
    }
}

/// Whether a double-quoted scalar is open, and whether its hidden escapes go.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Quoted {
    No,
    Cleaned,
    /// A `path:`'s value.
    Kept,
}

/// Copies one line to `out`, leaving out the escapes [`writes_hidden`] finds inside double
/// quotes; what is open at its end. `quoted` says what was open at its start.
fn scan_line(line: &str, mut quoted: Quoted, out: &mut String) -> Quoted {
    let mut single = false;
    // The last character outside a scalar's quotes that was not a space.
    let mut before: Option<char> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if quoted != Quoted::No {
            match c {
                '\\' => {
                    let rest = &line[i..];
                    let len = escape_len(rest);
                    if quoted == Quoted::Kept || !writes_hidden(rest) {
                        out.push_str(&rest[..len]);
                    }
                    while chars.peek().is_some_and(|(j, _)| *j < i + len) {
                        chars.next();
                    }
                }
                '"' => {
                    quoted = Quoted::No;
                    before = Some('"');
                    out.push(c);
                }
                _ => out.push(c),
            }
            continue;
        }
        out.push(c);
        if single {
            // `''` is a quote inside the scalar: the first closes, the second opens again.
            if c == '\'' {
                single = false;
                before = Some('\'');
            }
            continue;
        }
        match c {
            '#' if before.is_none() || line[..i].ends_with([' ', '\t']) => {
                out.push_str(&line[i + 1..]);
                return Quoted::No;
            }
            '"' if starts_scalar(before) => {
                let key = line[..i].trim_end().strip_suffix(':').map(str::trim_end);
                let path =
                    key.is_some_and(|k| k.ends_with("path") && !k[..k.len() - 4].ends_with(char::is_alphanumeric));
                quoted = if path { Quoted::Kept } else { Quoted::Cleaned };
            }
            '\'' if starts_scalar(before) => single = true,
            ' ' | '\t' | '\r' | '\n' => {}
            _ => before = Some(c),
        }
    }
    quoted
}

/// Whether a quote after `before` (the last character that was not a space; `None` at the
/// line's start) opens a scalar: after a key's colon, a list's dash, a flow collection's
/// bracket or comma, a complex key's `?`, or on a line of its own.
fn starts_scalar(before: Option<char>) -> bool {
    matches!(before, None | Some(':' | '-' | '[' | '{' | ',' | '?'))
}

/// Whether `line` ends with a block scalar's header (`key: |`, `- >-`, `text: |2 # note`).
fn opens_block_scalar(line: &str) -> bool {
    let line = line.trim_end();
    let line = match line.find(" #") {
        Some(at) => line[..at].trim_end(),
        None => line,
    };
    let Some(at) = line.rfind([' ', '\t']) else {
        return false;
    };
    let head = &line[at + 1..];
    let before = line[..at].trim_end();
    (before.ends_with(':') || before.ends_with('-') || before.is_empty())
        && head.starts_with(['|', '>'])
        && head[1..].chars().all(|c| matches!(c, '+' | '-' | '1'..='9'))
}

/// The length of the escape at the start of `rest` (a backslash and what it escapes), at
/// least the backslash.
fn escape_len(rest: &str) -> usize {
    let digits = match rest.as_bytes().get(1) {
        Some(b'x') => 2,
        Some(b'u') => 4,
        Some(b'U') => 8,
        Some(_) => return 1 + rest[1..].chars().next().map_or(0, char::len_utf8),
        None => return 1,
    };
    let hex = rest[2..].bytes().take(digits).take_while(u8::is_ascii_hexdigit).count();
    2 + hex
}

/// Whether the escape at the start of `rest` writes a character [`without_invisible_escapes`]
/// removes.
fn writes_hidden(rest: &str) -> bool {
    hidden_char(rest).is_some_and(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_invisible(c))
}

/// The character the escape at the start of `rest` writes, for the escapes that can write one
/// [`writes_hidden`] looks for.
fn hidden_char(rest: &str) -> Option<char> {
    let decoded = match rest.as_bytes().get(1)? {
        b'0' => '\0',
        b'a' => '\u{7}',
        b'b' => '\u{8}',
        b'v' => '\u{B}',
        b'f' => '\u{C}',
        b'e' => '\u{1B}',
        b'N' => '\u{85}',
        b'x' | b'u' | b'U' => {
            let len = escape_len(rest);
            let want = match rest.as_bytes()[1] {
                b'x' => 2,
                b'u' => 4,
                _ => 8,
            };
            if len != 2 + want {
                return None;
            }
            char::from_u32(u32::from_str_radix(&rest[2..len], 16).ok()?)?
        }
        _ => return None,
    };
    Some(decoded)
}

#[cfg(test)]
mod tests {
    use super::without_invisible_escapes as clean;

    #[test]
    fn escapes_of_invisible_and_control_characters_go_from_double_quoted_scalars() {
        assert_eq!(clean(r#"title: "Acme\u202eevil\0x\u200B\x07 \e\U0000FEFF <b>""#), r#"title: "Acmeevilx  <b>""#);
        assert_eq!(clean("- { id: \"a\\u2066b\", name: \"c\\\"\\u202Ed\" }"), "- { id: \"ab\", name: \"c\\\"d\" }");
        // A scalar continued on the next line is still quoted there.
        assert_eq!(clean("t: \"one\n  \\u202etwo\"\nu: x\n"), "t: \"one\n  two\"\nu: x\n");
    }

    #[test]
    fn other_escapes_and_backslashes_outside_double_quotes_stay() {
        for text in [
            r#"t: "tab\there, quote \", slash \\, é \u00e9, 中 \u4e2d, emoji \U0001F600""#,
            r"file: data\0901.csv",
            r"file: 'C:\exports\a\u202e.csv'",
            "t: plain # comment \"\\u202e\"",
            "t: |\n  \"\\u202e\" as typed\n  more\nu: \"\\u00e9\"",
            "t: 5\" screen \\0",
            "  - { id: s, path: \"data/survey\\u202E.csv\" }",
            r#"t: 'it''s "\0"'"#,
        ] {
            assert_eq!(clean(text), text);
        }
        // After a block scalar, double quotes count again.
        assert_eq!(clean("t: >-\n  x\nu: \"a\\u202eb\""), "t: >-\n  x\nu: \"ab\"");
    }
}
