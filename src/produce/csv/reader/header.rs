//! The header row: finding the delimiter, cleaning and checking names, resolving mapped columns.

use std::io::Read;

use super::decode::decoded;
use super::lines::LineEnds;
use super::DELIMITERS;
use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::{ColumnName, FileSpec, PROJECT_FILE};

/// Picks the delimiter from the header line and the rows after it (see [`delimiter_of`]).
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
    Ok(delimiter_of(from_line(&text, spec.header_row as usize)))
}

/// Bytes of records looked at (from the header on) to pick a delimiter: the same stretch of
/// the file for every candidate, however many records each splits it into.
const SNIFF_BYTES: u64 = 64 * 1024;

/// The delimiter of CSV text from its header on (or from a preamble above it): the one whose
/// records of one same number of fields, at least two, cover the most of the file's first
/// bytes (quotes respected); on a tie, the one that splits them into more fields, then the
/// first of `DELIMITERS`. Question texts with commas in a semicolon or tab file split the
/// header line at commas as often as at the real delimiter; the rows below do not. Bytes,
/// not records, are weighed: a quoted cell holding a line break and another delimiter
/// (`"|⏎|#"`) is two short records of one same width at that other delimiter, one at the
/// real one.
pub fn delimiter_of(text: &[u8]) -> u8 {
    let mut best: Option<((u64, usize), u8)> = None;
    for d in DELIMITERS {
        let mut reader = csv::ReaderBuilder::new().delimiter(d).has_headers(false).flexible(true).from_reader(text);
        let mut rec = csv::ByteRecord::new();
        // (fields, bytes covered by records of that many fields)
        let mut widths: Vec<(usize, u64)> = Vec::new();
        let mut start = 0;
        while start < SNIFF_BYTES && matches!(reader.read_byte_record(&mut rec), Ok(true)) {
            let end = reader.position().byte();
            let bytes = end - start;
            start = end;
            if rec.as_slice().trim_ascii().is_empty() {
                continue;
            }
            let w = rec.len();
            match widths.iter_mut().find(|(x, _)| *x == w) {
                Some(c) => c.1 += bytes,
                None => widths.push((w, bytes)),
            }
        }
        let Some(&(w, n)) = widths.iter().filter(|(w, _)| *w >= 2).max_by_key(|(w, n)| (*n, *w)) else {
            continue;
        };
        if best.is_none_or(|(score, _)| (n, w) > score) {
            best = Some(((n, w), d));
        }
    }
    best.map_or(b',', |(_, d)| d)
}

/// The header line (`raw`, read at `delimiter`) split at the first other delimiter that
/// splits it into more columns: the delimiter and the names.
pub(super) fn other_split(raw: &csv::ByteRecord, delimiter: u8) -> Option<(u8, Vec<String>)> {
    let line = raw.iter().collect::<Vec<_>>().join(&[delimiter][..]);
    DELIMITERS.iter().filter(|d| **d != delimiter).find_map(|d| {
        let mut reader =
            csv::ReaderBuilder::new().delimiter(*d).has_headers(false).flexible(true).from_reader(line.as_slice());
        let mut rec = csv::ByteRecord::new();
        if !matches!(reader.read_byte_record(&mut rec), Ok(true)) || rec.len() <= raw.len() {
            return None;
        }
        Some((*d, clean_header(rec.iter().map(|c| String::from_utf8_lossy(c).into_owned()))))
    })
}

/// Said after "has no column `name`" when the header split at `other.0` has that column.
pub(super) fn delimiter_note(other: &(u8, Vec<String>), name: &str) -> Option<String> {
    let (d, names) = other;
    if !names.iter().any(|n| n == name || n.eq_ignore_ascii_case(name)) {
        return None;
    }
    let (shown, yaml) = match d {
        b'\t' => ("a tab".to_string(), "\"\\t\"".to_string()),
        d => (format!("`{}`", *d as char), format!("\"{}\"", *d as char)),
    };
    Some(format!(
        "; split at {shown} instead, the header has {} columns, `{name}` among them: set `delimiter: {yaml}` for this dataset",
        names.len()
    ))
}

/// Text from the `n`-th (1-based) line on, ignoring line breaks inside double quotes.
fn from_line(text: &[u8], n: usize) -> &[u8] {
    let line = nth_line(text, n);
    let start = line.as_ptr() as usize - text.as_ptr() as usize;
    &text[start..]
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

pub(super) fn clean_header(names: impl Iterator<Item = String>) -> Vec<String> {
    names
        // Names are matched as cells are: the byte-order mark before the first name, or a
        // zero-width space in `tier\u{200b}`, is no part of the name the mapping writes.
        .map(|h| crate::aggregate::redact::cell_value(&h).into_owned())
        .collect()
}

/// Whether a row (its cells by column, `cell`) repeats one of a file's header rows
/// (`header_rows`, cleaned as by `clean_header`) — all its named cells, or all but one in ten
/// (a column renamed between two exports) — as files joined with `cat` do, and exports that
/// write the header again on each page: a header, not a response. At least two names must
/// match and one of them must not be a number, so a row of answers under a header of scale
/// points (`1,2,3,4,5`) is read as answers.
pub fn repeats_header<'c>(header_rows: &[Vec<String>], cell: impl Fn(usize) -> &'c str) -> bool {
    header_rows.iter().any(|names| {
        let named = names.iter().filter(|n| !n.is_empty()).count();
        if named < 2 {
            return false;
        }
        let allowed = named / 10;
        let (mut matched, mut missed, mut words) = (0, 0, false);
        for (i, name) in names.iter().enumerate().filter(|(_, n)| !n.is_empty()) {
            let c = cell(i);
            // The cheap tests first: nearly every row differs in its first named cell, most at
            // its first byte past the ASCII white space `trim` removes. Both that byte and the
            // name's first must be ASCII: a byte that is not could start a space or invisible
            // character cleaning removes, and a name's accented first letter could be an ASCII
            // letter and a combining mark in the cell. Cleaning changes nothing but the spaces
            // around an ASCII cell.
            let lead = c.bytes().find(|b| !matches!(b, b' ' | b'\t'..=b'\r'));
            let first = name.as_bytes().first().copied();
            if lead.is_some_and(|b| b.is_ascii() && first.is_some_and(|f| f.is_ascii() && f != b)) {
                missed += 1;
                if missed > allowed {
                    return false;
                }
                continue;
            }
            if c.trim() == name.as_str() || (!c.is_ascii() && crate::aggregate::redact::cell_value(c) == name.as_str())
            {
                matched += 1;
                words |= name.parse::<f64>().is_err();
            } else {
                missed += 1;
                if missed > allowed {
                    return false;
                }
            }
        }
        matched >= 2 && words
    })
}

/// The first two columns whose names a row repeats in another order than the header's: files
/// joined after a question was moved (`id,date,nps,csat` then `id,date,csat,nps`). Every named
/// cell of the header (cleaned as by `clean_header`) is in the row once, at least one name is
/// words, and the row holds nothing else. `None` for any other row, the header repeated as it
/// is among them (see [`repeats_header`]).
pub fn reorders_header<'c>(names: &[String], width: usize, cell: impl Fn(usize) -> &'c str) -> Option<(usize, usize)> {
    let named: Vec<&str> = names.iter().map(String::as_str).filter(|n| !n.is_empty()).collect();
    if named.len() < 2 || !named.iter().any(|n| n.parse::<f64>().is_err()) {
        return None;
    }
    let cells: Vec<String> = (0..width.max(names.len()))
        .map(|i| crate::aggregate::redact::cell_value(cell(i).trim()).into_owned())
        .collect();
    let mut written: Vec<&str> = cells.iter().map(String::as_str).filter(|c| !c.is_empty()).collect();
    let mut wanted = named.clone();
    written.sort_unstable();
    wanted.sort_unstable();
    if written != wanted {
        return None;
    }
    let moved: Vec<usize> = (0..names.len()).filter(|&i| !names[i].is_empty() && cells[i] != names[i]).collect();
    let first = *moved.first()?;
    // The column whose name the first moved column now holds.
    let to = names.iter().position(|n| *n == cells[first]).unwrap_or(first);
    Some((first, to))
}

/// An empty header is an error. Two columns of one name are not: only naming one of them
/// in the mapping is (see [`resolve`]), so a repeated question the project never reads does
/// not block the file.
pub(super) fn check_header(spec: &FileSpec, header: &[String], line: u64) -> Result<()> {
    if header.iter().all(String::is_empty) {
        let mut d = Diagnostic::file(
            &spec.display,
            "the header row is empty; set `header_row:` to the row that names the columns",
        );
        d.line = Some(line);
        return Err(Error::one(d));
    }
    Ok(())
}

/// Finds a mapped column in a header, or says which columns exist and which one was meant.
///
/// A column is named by its header (exactly, then ignoring ASCII case), by its question text
/// (`questions`: a tool's second header row, or empty), by position (`$12`: the twelfth), or
/// by a prefix of a long header or question text that only one column starts with. A name
/// that several columns answer to is an error that lists them by position.
pub fn resolve(
    header: &[String],
    questions: &[String],
    col: &ColumnName,
    dataset: &str,
    file: &str,
) -> Result<usize, Diagnostic> {
    resolve_in(&HeaderNames::new(header, questions), col, dataset, file)
}

/// A file's header and question texts, with the columns each exact name stands for: made
/// once for a dataset whose mapping names many columns, so that finding each is a look-up
/// instead of a walk of a header of thousands of columns ([`resolve_in`]).
pub struct HeaderNames<'h> {
    header: &'h [String],
    questions: &'h [String],
    /// Name (header or question text, not empty) → the columns it names, ascending, once each.
    exact: rustc_hash::FxHashMap<&'h str, Vec<usize>>,
}

impl<'h> HeaderNames<'h> {
    /// The names of a header and its question texts (a tool's second header row, or empty).
    pub fn new(header: &'h [String], questions: &'h [String]) -> Self {
        let mut exact: rustc_hash::FxHashMap<&str, Vec<usize>> = rustc_hash::FxHashMap::default();
        for (i, h) in header.iter().chain(questions).enumerate().filter(|(_, h)| !h.is_empty()) {
            exact.entry(h.as_str()).or_default().push(i % header.len().max(1));
        }
        for columns in exact.values_mut() {
            columns.sort_unstable();
            columns.dedup();
        }
        HeaderNames { header, questions, exact }
    }
}

/// A test of a header or question text against the name sought.
type NameTest<'a> = dyn Fn(&str) -> bool + 'a;

/// [`resolve`], with the header's names worked out once.
pub fn resolve_in(names: &HeaderNames, col: &ColumnName, dataset: &str, file: &str) -> Result<usize, Diagnostic> {
    let HeaderNames { header, questions, .. } = *names;
    let name = col.name.as_str();
    let here = |message: String| Diagnostic::at(PROJECT_FILE, col.pos.line, col.pos.column, message);
    if let Some(n) = name.strip_prefix('$').and_then(|n| n.parse::<usize>().ok()) {
        return if (1..=header.len()).contains(&n) {
            Ok(n - 1)
        } else {
            Err(here(format!(
                "dataset `{dataset}` ({file}) has no column `{name}`: `$N` counts columns from 1, and the file has {}",
                header.len()
            )))
        };
    }
    let exact = names.exact.get(name);
    let names = || header.iter().chain(questions).enumerate().map(|(i, h)| (i % header.len().max(1), h));
    // A header cell with a line break in it (Excel's Alt+Enter, shown there as two lines)
    // is named as it reads: `Overall satisfaction` names `Overall⏎satisfaction`.
    let spaced_name = crate::aggregate::redact::spaced(name);
    let spaced = |h: &str| crate::aggregate::redact::spaced(h).eq_ignore_ascii_case(&spaced_name);
    // Round 0, the exact name, is looked up in `names.exact`; the others walk the names.
    let tests: [Option<&NameTest>; 4] =
        [None, Some(&|h| h.eq_ignore_ascii_case(name)), Some(&spaced), Some(&|h| is_question_prefix(name, h))];
    for (round, test) in tests.iter().enumerate() {
        let found: Vec<usize> = match test {
            None => exact.cloned().unwrap_or_default(),
            Some(test) => {
                let mut found: Vec<usize> = names().filter(|(_, h)| !h.is_empty() && test(h)).map(|(i, _)| i).collect();
                found.sort_unstable();
                found.dedup();
                found
            }
        };
        match found.as_slice() {
            [] => continue,
            [one] => return Ok(*one),
            many => {
                let list: Vec<String> =
                    many.iter().take(8).map(|i| format!("`${}` {}", i + 1, shorten(&header[*i]))).collect();
                let more = if many.len() > 8 { format!(" and {} more", many.len() - 8) } else { String::new() };
                let what = if round == 3 { "start with" } else { "are named" };
                return Err(here(format!(
                    "dataset `{dataset}` ({file}): {} columns {what} `{name}`: {}{more}; name the one to read by position (`${}`) or by a longer name",
                    many.len(),
                    list.join(", "),
                    many[0] + 1
                )));
            }
        }
    }
    let mut d = missing_column(header.iter().map(String::as_str), col, dataset, file);
    // A name too short to count as a prefix: say why the column it starts was not taken.
    if let Some((i, h)) = names().find(|(_, h)| h.starts_with(name) && h.len() > name.len() && !name.is_empty()) {
        d.message = format!(
            "{}; `{name}` starts column `${}` {} but names a column by a prefix only from {MIN_PREFIX_CHARS} characters on (or ending in a question number such as `3.`): write more of it, or `${}`",
            d.message,
            i + 1,
            shorten(h),
            i + 1
        );
    }
    Err(d)
}

/// Whether `name` names `header` by a prefix: a question text cut short (at least
/// [`MIN_PREFIX_CHARS`] characters) or a question's number as survey tools write it (`1、`,
/// `Q3.`, `4:`), so a short column name (`nps`) never silently reads `nps;comment`, a
/// header that a wrong delimiter left whole.
fn is_question_prefix(name: &str, header: &str) -> bool {
    let numbered = name.ends_with(['、', '.', ':', '：', ')', '）']) && name.chars().any(|c| c.is_ascii_digit());
    header.starts_with(name) && header.len() > name.len() && (numbered || name.chars().count() >= MIN_PREFIX_CHARS)
}

/// The shortest prefix that may name a column.
pub const MIN_PREFIX_CHARS: usize = 10;

/// A header as a message shows it: quoted, long question texts cut at 60 characters.
fn shorten(h: &str) -> String {
    let h = &*one_line(h);
    match h.char_indices().nth(60) {
        Some((at, _)) => format!("\"{}…\"", &h[..at]),
        None => format!("\"{h}\""),
    }
}

/// A column name on one line for a message: each line break (and the white space around it)
/// as one space, so a header written over two lines in Excel does not split the message; cut
/// to 80 characters (a header cell of megabytes, listed in each of several messages, made tens
/// of megabytes of output).
fn one_line(h: &str) -> std::borrow::Cow<'_, str> {
    const MAX_SHOWN: usize = 80;
    let h = if h.contains(['\n', '\r']) { crate::aggregate::redact::spaced(h) } else { std::borrow::Cow::Borrowed(h) };
    match h.char_indices().nth(MAX_SHOWN) {
        Some((at, _)) => std::borrow::Cow::Owned(format!("{}…", &h[..at])),
        None => h,
    }
}

/// Whether a header holds a character no name in cxsite.yaml can match: a control character
/// (an escape sequence's; tabs and line breaks aside, which read as spaces) or `�`, as the
/// reader writes one. Such a column is named by its position (`$2`).
pub fn untypable(header: &str) -> bool {
    header.chars().any(|c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFD}')
}

/// The "no such column" diagnostic, pointing at cxsite.yaml where the name was written.
pub fn missing_column<'a>(
    columns: impl Iterator<Item = &'a str> + Clone,
    col: &ColumnName,
    dataset: &str,
    file: &str,
) -> Diagnostic {
    let hint = did_you_mean(&col.name, columns.clone())
        .map(|c| match columns.clone().position(|h| h == c) {
            // A header holding a control character (shown as �) cannot be typed as written:
            // its position can.
            Some(at) if untypable(c) => {
                format!(" (did you mean `${}`, the column headed `{}`?)", at + 1, one_line(c))
            }
            _ => format!(" (did you mean `{}`?)", one_line(c)),
        })
        .unwrap_or_default();
    let list: Vec<std::borrow::Cow<str>> = columns.map(one_line).collect();
    // A file of thousands of columns would make this one line tens of kilobytes: the first
    // MAX_LISTED are named, the rest counted.
    const MAX_LISTED: usize = 40;
    let more = match list.len().saturating_sub(MAX_LISTED) {
        0 => String::new(),
        n => format!(" … and {n} more"),
    };
    Diagnostic::at(
        PROJECT_FILE,
        col.pos.line,
        col.pos.column,
        format!(
            "dataset `{dataset}` ({file}) has no column `{}`{hint}; its columns are: {}{more}",
            col.name,
            list[..list.len().min(MAX_LISTED)].join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_repeated_header_is_told_whatever_spaces_invisible_characters_or_composition_it_has() {
        let header = vec![vec!["évaluation".to_string(), "date".into(), "store".into(), String::new()]];
        let row = |cells: [&'static str; 4]| repeats_header(&header, move |i| cells[i]);
        assert!(row(["évaluation", "date", "store", "x"]));
        assert!(row(["  évaluation ", "\u{0b}date", "\u{a0}store", ""]));
        assert!(row(["e\u{301}valuation", "\u{200b}date", "store\u{3000}", ""]));
        assert!(!row(["évaluation", "date", "shop", ""]), "three names: no miss allowed");
        assert!(!row(["9", "2024-01-02", "S1", ""]));
        assert!(!row(["évaluation", "dates", "shop", ""]));
    }

    #[test]
    fn a_header_in_another_order_is_told_from_the_header_and_from_answers() {
        let header: Vec<String> = ["id", "date", "nps", "csat", ""].iter().map(|s| s.to_string()).collect();
        let row = |cells: [&'static str; 5]| reorders_header(&header, 5, move |i| cells[i]);
        assert_eq!(row(["id", "date", "csat", "nps", ""]), Some((2, 3)));
        assert_eq!(row(["date", "id", " nps", "csat\u{200b}", ""]), Some((0, 1)));
        // The same order is the header repeated, told elsewhere; a name missing, doubled or
        // another cell filled is no header.
        assert_eq!(row(["id", "date", "nps", "csat", ""]), None);
        assert_eq!(row(["id", "date", "csat", "", ""]), None);
        assert_eq!(row(["id", "date", "csat", "csat", ""]), None);
        assert_eq!(row(["id", "date", "csat", "nps", "x"]), None);
        assert_eq!(row(["R1", "2024-01-02", "9", "4", ""]), None);
        // A header of numbers alone (scale points) is never one.
        let points: Vec<String> = ["1", "2", "3"].iter().map(|s| s.to_string()).collect();
        assert_eq!(reorders_header(&points, 3, |i| ["2", "1", "3"][i]), None);
    }

    #[test]
    fn a_header_alone_is_split_by_the_delimiter_that_splits_it_most_outside_quotes() {
        assert_eq!(delimiter_of(b"a,b,c"), b',');
        assert_eq!(delimiter_of(b"a;b;c"), b';');
        assert_eq!(delimiter_of(b"a\tb\tc"), b'\t');
        assert_eq!(delimiter_of(b"\"x;y;z\",b,c"), b',');
        assert_eq!(delimiter_of(b"single"), b',');
    }

    fn col(name: &str) -> ColumnName {
        ColumnName { name: name.into(), pos: Default::default() }
    }

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_column_is_found_by_name_position_question_text_or_unique_prefix() {
        let header = names(&["id", "Q1", "Q2", "Q2"]);
        let questions =
            names(&["", "How likely are you to recommend us?", "What did you like?", "What did you dislike?"]);
        let find = |n: &str| resolve(&header, &questions, &col(n), "survey", "s.csv");
        assert_eq!(find("id"), Ok(0));
        assert_eq!(find("$3"), Ok(2));
        assert_eq!(find("How likely"), Ok(1));
        assert_eq!(find("What did you dis"), Ok(3));
        assert!(find("$5").unwrap_err().message.contains("the file has 4"));
    }

    #[test]
    fn a_header_written_over_two_lines_is_named_as_it_reads_and_shown_on_one_line() {
        // Excel's Alt+Enter puts a line break inside a header cell.
        let header = names(&["id", "Overall\nsatisfaction", "Likely to\r\n recommend"]);
        let find = |n: &str| resolve(&header, &[], &col(n), "survey", "s.xlsx");
        assert_eq!(find("Overall satisfaction"), Ok(1));
        assert_eq!(find("overall  satisfaction"), Ok(1));
        assert_eq!(find("Likely to recommend"), Ok(2));
        // A message lists such a header on one line.
        let e = find("Overall satisfied").unwrap_err();
        assert!(!e.message.contains('\n'), "{}", e.message);
        assert!(e.message.contains("did you mean `Overall satisfaction`?"), "{}", e.message);
    }

    /// A header holding an escape sequence is read with `�` for its control character, which
    /// no one can type: the hint names the column by its position.
    #[test]
    fn a_header_with_a_control_character_is_suggested_by_its_position() {
        let header = names(&["date", "\u{FFFD}[1mtier", "recommend"]);
        let e = resolve(&header, &[], &col("[1mtier"), "survey", "s.csv").unwrap_err();
        assert!(e.message.contains("did you mean `$2`, the column headed `\u{FFFD}[1mtier`?"), "{}", e.message);
        assert_eq!(resolve(&header, &[], &col("$2"), "survey", "s.csv"), Ok(1));
    }

    #[test]
    fn a_prefix_too_short_to_name_a_column_says_so() {
        let header = names(&["提交时间", "您有多大可能向朋友推荐我们？"]);
        let e = resolve(&header, &[], &col("您有多大可能"), "survey", "s.csv").unwrap_err();
        assert!(e.message.contains("has no column `您有多大可能`"), "{}", e.message);
        assert!(
            e.message.contains("`您有多大可能` starts column `$2` \"您有多大可能向朋友推荐我们？\"")
                && e.message.contains("from 10 characters on")
                && e.message.ends_with("or `$2`"),
            "{}",
            e.message
        );
        // A name no column starts with gets no such note.
        let e = resolve(&header, &[], &col("推荐"), "survey", "s.csv").unwrap_err();
        assert!(!e.message.contains("starts column"), "{}", e.message);
    }

    #[test]
    fn a_repeated_or_ambiguous_name_is_an_error_listing_the_candidates() {
        let header = names(&["id", "Q1", "Q2", "Q2"]);
        let questions = names(&["", "", "What did you like?", "What did you dislike?"]);
        let e = resolve(&header, &questions, &col("Q2"), "survey", "s.csv").unwrap_err();
        assert!(e.message.contains("2 columns are named `Q2`: `$3` \"Q2\", `$4` \"Q2\""), "{}", e.message);
        let e = resolve(&header, &questions, &col("What did you"), "survey", "s.csv").unwrap_err();
        assert!(e.message.contains("2 columns start with `What did you`"), "{}", e.message);
        // A short name is no prefix: `nps` never reads `nps;comment`.
        let header = names(&["nps;comment", "Inflight wifi service"]);
        let none: Vec<String> = Vec::new();
        assert!(resolve(&header, &none, &col("nps"), "survey", "s.csv").is_err());
        assert_eq!(resolve(&header, &none, &col("Inflight wifi"), "survey", "s.csv"), Ok(1));
    }

    #[test]
    fn the_delimiter_is_the_one_that_splits_the_rows_as_the_header() {
        // Commas in the question texts split the header as often as the semicolons do.
        let text = b"id;When, roughly?;How likely, 0 to 10, to recommend?;Satisfaction, overall\n1;2024-06-01;9;4\n2;2024-06-02;10;5\n";
        assert_eq!(delimiter_of(text), b';');
        let text = b"id\tWhen, roughly, did you visit?\tHow likely, 0-10?\n1\t2024-06-01\t9\n";
        assert_eq!(delimiter_of(text), b'\t');
        // A comma file whose comments hold semicolons, a quoted header, a header alone.
        assert_eq!(delimiter_of(b"id,comment\n1,a;b;c\n2,\"x;y\"\n"), b',');
        assert_eq!(delimiter_of(b"\"a;b\",c\n1,2\n"), b',');
        // A title line above the header does not count.
        assert_eq!(delimiter_of(b"Exported, 2024\nid;nps;store\n1;9;A\n2;7;B\n"), b';');
        // A quoted cell holding a line break between pipes: at `|` every row is two records
        // of two fields, more records than the comma's rows of four.
        let mut text = b"id,store,nps,csat\n".to_vec();
        for i in 0..12 {
            text.extend_from_slice(format!("{i},\"|\n|#\",9,4\n").as_bytes());
        }
        assert_eq!(delimiter_of(&text), b',');
    }

    #[test]
    fn the_nth_line_skips_breaks_inside_quotes() {
        let text = b"title line\r\n\"a\nb\",c\nlast";
        assert_eq!(nth_line(text, 1), b"title line");
        assert_eq!(nth_line(text, 2), b"\"a\nb\",c");
        assert_eq!(nth_line(text, 3), b"last");
    }
}
