//! The header row: finding the delimiter, cleaning and checking names, resolving mapped columns.

use std::io::Read;

use super::decode::decoded;
use super::lines::LineEnds;
use super::DELIMITERS;
use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::{ColumnName, FileSpec, PROJECT_FILE};

/// Picks the delimiter that splits the header line into the most fields (outside quotes).
pub(super) fn sniff_delimiter(spec: &FileSpec) -> Result<u8> {
    let mut text = Vec::new();
    // Quotes are tracked with `,`: only line ends matter here, and an unclosed quote is
    // reported when the file is read for real, with its delimiter.
    let mut reader = LineEnds::new(decoded(spec)?.reader, b',').take(256 * 1024);
    if let Err(e) = reader.read_to_end(&mut text) {
        if e.kind() != std::io::ErrorKind::InvalidData {
            return Err(Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))));
        }
    }
    let line = nth_line(&text, spec.header_row as usize);
    Ok(best_delimiter(line))
}

/// The `n`-th (1-based) line of text, ignoring line breaks inside double quotes.
fn nth_line(text: &[u8], n: usize) -> &[u8] {
    let mut line = 1;
    let mut start = 0;
    let mut quoted = false;
    for (i, b) in text.iter().enumerate() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => {
                if line == n {
                    return &text[start..i];
                }
                if *b == b'\n' || text.get(i + 1) != Some(&b'\n') {
                    line += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    &text[start.min(text.len())..]
}

/// The delimiter occurring most often outside quotes; `,` when none occurs.
pub fn best_delimiter(line: &[u8]) -> u8 {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for b in line {
        if *b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = DELIMITERS.iter().position(|d| d == b) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..DELIMITERS.len()).max_by(|a, b| counts[*a].cmp(&counts[*b]).then(b.cmp(a))).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        DELIMITERS[best]
    }
}

pub(super) fn clean_header(names: impl Iterator<Item = String>) -> Vec<String> {
    names
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 { h.trim_start_matches('\u{feff}').to_string() } else { h };
            h.trim().to_string()
        })
        .collect()
}

/// An empty header, or two columns of one name (a mapping could not tell them apart), is an error.
pub(super) fn check_header(spec: &FileSpec, header: &[String], line: u64) -> Result<()> {
    let located = |message: String| {
        let mut d = Diagnostic::file(&spec.display, message);
        d.line = Some(line);
        Error::one(d)
    };
    if header.iter().all(String::is_empty) {
        return Err(located("the header row is empty; set `header_row:` to the row that names the columns".into()));
    }
    for (i, h) in header.iter().enumerate() {
        if !h.is_empty() && header[..i].contains(h) {
            return Err(located(format!("two columns are named `{h}`; rename one so the mapping can tell them apart")));
        }
    }
    Ok(())
}

/// Finds a mapped column in a header, or says which columns exist and which one was meant.
pub fn resolve(header: &[String], col: &ColumnName, dataset: &str, file: &str) -> Result<usize, Diagnostic> {
    if let Some(i) = header.iter().position(|h| *h == col.name) {
        return Ok(i);
    }
    if let Some(i) = header.iter().position(|h| h.eq_ignore_ascii_case(&col.name)) {
        return Ok(i);
    }
    Err(missing_column(header.iter().map(String::as_str), col, dataset, file))
}

/// The "no such column" diagnostic, pointing at cxsite.yaml where the name was written.
pub fn missing_column<'a>(
    columns: impl Iterator<Item = &'a str> + Clone,
    col: &ColumnName,
    dataset: &str,
    file: &str,
) -> Diagnostic {
    let hint = did_you_mean(&col.name, columns.clone()).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default();
    let list: Vec<&str> = columns.collect();
    Diagnostic::at(
        PROJECT_FILE,
        col.pos.line,
        col.pos.column,
        format!(
            "dataset `{dataset}` ({file}) has no column `{}`{hint}; its columns are: {}",
            col.name,
            list.join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_header_most_outside_quotes() {
        assert_eq!(best_delimiter(b"a,b,c"), b',');
        assert_eq!(best_delimiter(b"a;b;c"), b';');
        assert_eq!(best_delimiter(b"a\tb\tc"), b'\t');
        assert_eq!(best_delimiter(b"\"x;y;z\",b,c"), b',');
        assert_eq!(best_delimiter(b"single"), b',');
    }

    #[test]
    fn the_nth_line_skips_breaks_inside_quotes() {
        let text = b"title line\r\n\"a\nb\",c\nlast";
        assert_eq!(nth_line(text, 1), b"title line");
        assert_eq!(nth_line(text, 2), b"\"a\nb\",c");
        assert_eq!(nth_line(text, 3), b"last");
    }
}
