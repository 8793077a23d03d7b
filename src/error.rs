//! Errors that leave the library, each mapped to one exit code in `main`.

use std::fmt;
use std::path::{Path, PathBuf};

/// One problem found in the project or its data, with the place it was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file, as the user would type it (relative to the project where possible).
    pub file: String,
    /// 1-based line (or CSV row) number, when known.
    pub line: Option<u64>,
    /// 1-based column number, or a CSV column name, when known.
    pub column: Option<String>,
    /// What is wrong and, where possible, how to fix it.
    pub message: String,
}

impl Diagnostic {
    /// A diagnostic at a line and numeric column of a file.
    pub fn at(file: impl Into<String>, line: u64, column: u64, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: (line > 0).then_some(line),
            column: (column > 0).then(|| column.to_string()),
            message: message.into(),
        }
    }

    /// A diagnostic about a whole file.
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic { file: file.into(), line: None, column: None, message: message.into() }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A file name is data too: a bidi control in it (U+202E) would turn round the line and
        // value after it, so invisible and direction characters are taken out.
        write!(f, "{}", printable(&self.file))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = &self.column {
                write!(f, ":{col}")?;
            }
        }
        // Data can reach a message (a header cell, a value): control characters are shown, not
        // sent to the terminal.
        let safe: String = crate::aggregate::redact::strip_invisible(&self.message)
            .chars()
            .map(|c| if c.is_control() && c != '\n' && c != '\t' { '\u{FFFD}' } else { c })
            .collect();
        write!(f, ": {safe}")
    }
}

/// A name (a file's, a path given on the command line) as the terminal may be sent it:
/// invisible and direction characters taken out (a U+202E would turn the line round), control
/// characters (an escape sequence that recolours or retitles the terminal) shown as U+FFFD.
pub fn printable(name: &str) -> String {
    crate::aggregate::redact::strip_invisible(name)
        .chars()
        .map(|c| if c.is_control() { '\u{FFFD}' } else { c })
        .collect()
}

/// Everything that can stop a build or a check.
#[derive(Debug)]
pub enum Error {
    /// The project or its data is invalid (exit code 1).
    Invalid(Vec<Diagnostic>),
    /// A file could not be read or written (exit code 1).
    Io { path: PathBuf, action: &'static str, source: std::io::Error },
    /// The command was used wrongly, e.g. an output directory that must not be used (exit code 2).
    Usage(String),
}

impl Error {
    /// An `Invalid` error with a single diagnostic.
    pub fn one(d: Diagnostic) -> Self {
        Error::Invalid(vec![d])
    }

    /// Wraps an I/O error with the path and what was being done.
    pub fn io(action: &'static str, path: &Path, source: std::io::Error) -> Self {
        Error::Io { path: path.to_path_buf(), action, source }
    }

    /// The process exit code this error maps to.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(ds) => {
                for (i, d) in ds.iter().enumerate() {
                    if i > 0 {
                        writeln!(f)?;
                    }
                    write!(f, "error: {d}")?;
                }
                Ok(())
            }
            Error::Io { path, action, source } => {
                write!(f, "error: cannot {action} {}: {source}", printable(&path.to_string_lossy()))
            }
            // A usage error may quote a path given on the command line.
            Error::Usage(m) => write!(f, "error: {}", m.lines().map(printable).collect::<Vec<_>>().join("\n")),
        }
    }
}

impl std::error::Error for Error {}

/// Result with the crate's error.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Suggests the closest of `candidates` to `word`, if one is close enough to be a typo.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    // Close in edit distance (a transposition counts once), or sharing most of a long prefix.
    let lower = word.to_lowercase();
    let allowed = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| {
            let lc = c.to_lowercase();
            (strsim::damerau_levenshtein(&lower, &lc), strsim::jaro_winkler(&lower, &lc), c)
        })
        .filter(|(d, jw, _)| *d <= allowed || *jw >= 0.9)
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then_with(|| a.2.cmp(b.2)))
        .map(|(_, _, c)| c)
}

/// " (did you mean `x`?)" or "".
pub fn hint(word: &str, candidates: &[&str]) -> String {
    did_you_mean(word, candidates.iter().copied()).map(|c| format!(" (did you mean `{c}`?)")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_typos_and_transpositions_but_not_unrelated_words() {
        let keys = ["title", "locale", "min_n", "segments", "web", "recommend"];
        assert_eq!(did_you_mean("titel", keys), Some("title"));
        assert_eq!(did_you_mean("wbe", keys), Some("web"));
        assert_eq!(did_you_mean("recomend", keys), Some("recommend"));
        assert_eq!(did_you_mean("Segments", keys), Some("segments"));
        assert_eq!(did_you_mean("colour", keys), None);
    }
}
