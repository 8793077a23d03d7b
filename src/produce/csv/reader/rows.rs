//! CSV text into rows: fitting a record to the header's width, telling a data row from an
//! empty one, one cut by a line break or one of the wrong width, and the errors for those.

use std::io::Read;

use csv::ByteRecord;

use super::{csv_error, quotes, CutRecord, TextChunk};
use crate::error::{Diagnostic, Error, Result};

/// What splitting CSV text into rows needs to know.
#[derive(Clone)]
pub struct CsvShape {
    pub(super) delimiter: u8,
    pub(super) width: usize,
    pub(super) skip_malformed: bool,
    pub(super) display: String,
}

/// One row of a table as the fold sees it.
pub enum Row<'r> {
    /// A record of the header's width, at its line (CSV) or row (sheet).
    Data(u64, &'r ByteRecord),
    /// A record that is not a row, skipped because `skip_malformed_rows` is on.
    Malformed(u64, Malformed),
    /// A blank line, or a line of empty cells (`,,,,`): no response, but a line of the file,
    /// counted as read and left out.
    Empty(u64),
    /// Told just before the row at `line` (which follows as a row all the same): it has
    /// fewer fields than the header, right after a record whose fields and its make the
    /// header's count when the cut field is joined again ([`CutRecord`]).
    Cut(CutRecord),
    /// Told just before the row it is found in (which follows as a row all the same): a cell
    /// whose quote was left open took in the row after it (`quotes::one_row_swallowed`).
    OpenQuote(quotes::Swallowed),
}

/// Why a record is not a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// It has more fields than the header, and the ones past it are not empty.
    Width,
    /// A quoted cell took in the rows after it (see the `quotes` module).
    StrayQuote { close_line: u64, rows: u64 },
    /// The file's last record, with no line end and fewer fields than the header: the file
    /// ends inside it (a download or a copy cut off), so its last cell may be cut too (a
    /// score of `10` read as `1`).
    CutAtEnd { fields: usize, width: usize },
}

impl Malformed {
    /// The reason a record is rejected for, on the data-quality page.
    pub fn reason(&self) -> &'static str {
        match self {
            Malformed::Width => "wrong number of fields",
            Malformed::StrayQuote { .. } => "quoted cell swallows rows",
            Malformed::CutAtEnd { .. } => "the file ends inside the row",
        }
    }

    /// The example of a rejected record at `line` of `path`.
    pub fn example(&self, path: &str, line: u64) -> String {
        match self {
            Malformed::Width => format!("{path}:{line}: the row has a different number of fields than the header"),
            Malformed::CutAtEnd { fields, width } => format!(
                "{path}:{line}: the file ends inside this row ({fields} of the header's {width} fields, and no line end): was the export cut off?"
            ),
            Malformed::StrayQuote { close_line, rows } => format!(
                "{path}:{line}: the quote opened on this line closes only on line {close_line}, taking in {rows} lines that read as rows"
            ),
        }
    }
}

impl CsvShape {
    pub(super) fn reader<R: Read>(&self, text: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new().delimiter(self.delimiter).has_headers(false).flexible(true).from_reader(text)
    }

    /// Brings a record to the header's width where that loses nothing: fields past the
    /// header's that are all empty (a delimiter at the end of every data row, an unnamed
    /// column left blank) are dropped, and a short row is padded with empty cells (Excel
    /// leaves out a row's trailing empty fields; a missing trailing cell is a blank one).
    /// A record with non-empty fields past the header's is left as it is, an error.
    pub(super) fn fit(&self, rec: &mut ByteRecord) {
        unwrap_text_formulas(rec);
        if self.width == 0 || rec.len() == self.width {
            return;
        }
        if rec.len() > self.width {
            if rec.iter().skip(self.width).all(|c| c.trim_ascii().is_empty()) {
                rec.truncate(self.width);
            }
            return;
        }
        // A record of one empty field is a blank line: left for `classify` to count as empty.
        if rec.as_slice().trim_ascii().is_empty() {
            return;
        }
        while rec.len() < self.width {
            rec.push_field(b"");
        }
    }

    /// Whether `rec`, at `line` and byte `start`, looks like the rest of the record before it
    /// (`previous`: its first line, the byte after it, its fields), cut by a line break in a
    /// cell that is not quoted: it is short and not blank, starts right after that record (no
    /// blank line between), and the two records' fields, the cut one counted once, are the
    /// header's.
    pub(super) fn cut_record(
        &self,
        previous: Option<(u64, u64, usize)>,
        rec: &ByteRecord,
        line: u64,
        start: u64,
    ) -> Option<CutRecord> {
        let (previous_line, previous_end, previous_fields) = previous?;
        let fields = rec.len();
        let short = self.width > 1 && fields < self.width && !rec.as_slice().trim_ascii().is_empty();
        (short && previous_end == start && previous_fields + fields == self.width + 1).then_some(CutRecord {
            line,
            fields,
            previous_line,
            previous_fields,
            width: self.width,
        })
    }

    /// A record read as one field that another delimiter splits as the header is split
    /// (`R0004;2025-04-18;website;…` in a comma-separated file of 8 columns): a row written
    /// or pasted in another export's delimiter, no cell of this file's. Read padded, it had
    /// been told of as the tail of a cell cut by a line break and rejected as having no score.
    /// Files of four columns or more, where a comment's punctuation does not pass for it.
    fn other_delimiter(&self, rec: &ByteRecord) -> Option<(u8, usize)> {
        if rec.len() != 1 || self.width < 4 {
            return None;
        }
        let cell = rec.get(0)?;
        [b';', b'\t', b'|', b','].into_iter().filter(|d| *d != self.delimiter).find_map(|d| {
            let pieces = cell.iter().filter(|b| **b == d).count() + 1;
            (self.width - 1..=self.width + 1).contains(&pieces).then_some((d, pieces))
        })
    }

    /// The error for a row written in another delimiter ([`CsvShape::other_delimiter`]).
    fn other_delimiter_error(&self, other: u8, pieces: usize, line: u64) -> Diagnostic {
        let name = |d: u8| match d {
            b'\t' => "a tab".to_string(),
            d => format!("`{}`", d as char),
        };
        let mut d = Diagnostic::file(
            self.display.as_str(),
            format!(
                "this row is one field that {} splits into {pieces} (the header's {} fields are split by {}): it is written with another delimiter, as a row pasted from another export; write it with {}, or set `skip_malformed_rows: true` to skip such rows (counted on the data-quality page)",
                name(other),
                self.width,
                name(self.delimiter),
                name(self.delimiter)
            ),
        );
        d.line = Some(line);
        d
    }

    /// What a parsed record is: data, an empty row (a blank line, or a line of empty cells
    /// `,,,,`), a record of the wrong width, or one whose quoted cell swallowed rows.
    /// `end_line` is the line after the record.
    pub(super) fn classify<'r>(&self, rec: &'r ByteRecord, line: u64, end_line: u64) -> Result<Option<Row<'r>>> {
        if rec.len() == self.width {
            if rec.as_slice().trim_ascii().is_empty() {
                return Ok(Some(Row::Empty(line)));
            }
            let span = end_line.saturating_sub(line);
            let Some(s) = quotes::swallowed(rec, line, span, self.delimiter, self.width) else {
                return Ok(Some(Row::Data(line, rec)));
            };
            if self.skip_malformed {
                let kind = Malformed::StrayQuote { close_line: s.close_line, rows: s.rows };
                return Ok(Some(Row::Malformed(s.quote_line, kind)));
            }
            let mut d = Diagnostic::file(
                self.display.as_str(),
                format!(
                    "the quote (\") opened in this row closes only on line {}, so the {} lines between, which read as rows of {} fields, would be one cell; a later cell likely holds a stray quote: write a quote inside a cell as \"\" and quote the whole cell, or set `skip_malformed_rows: true` to skip such records (counted on the data-quality page)",
                    s.close_line, s.rows, self.width
                ),
            );
            d.line = Some(s.quote_line);
            return Err(Error::one(d));
        }
        if rec.iter().all(|c| c.trim_ascii().is_empty()) {
            return Ok(Some(Row::Empty(line)));
        }
        if self.skip_malformed {
            return Ok(Some(Row::Malformed(line, Malformed::Width)));
        }
        Err(Error::one(self.width_error(rec.len(), line)))
    }

    /// Whether `rec` (fitted) is a row of the wrong width that [`CsvShape::classify`] refuses.
    fn refused_width(&self, rec: &ByteRecord) -> bool {
        !self.skip_malformed && rec.len() != self.width && !rec.iter().all(|c| c.trim_ascii().is_empty())
    }

    /// The error for a row of `fields` fields at `line`.
    fn width_error(&self, fields: usize, line: u64) -> Diagnostic {
        let mut d = Diagnostic::file(
            self.display.as_str(),
            format!(
                "this row has {fields} fields but the header has {}, and the fields past the header's are not all empty; check the delimiter (`delimiter:`) and the quoting (an unclosed quote swallows the rows after it), or set `skip_malformed_rows: true` to skip such rows",
                self.width
            ),
        );
        d.line = Some(line);
        d
    }

    /// The errors for the rows of the wrong width in one chunk: the first [`LISTED_WIDTHS`]
    /// named by line, so that a file with a few bad rows is mended in one go, and a count of
    /// the rest.
    fn width_errors(&self, rows: &[(u64, usize)], more: usize) -> Error {
        let mut all: Vec<Diagnostic> = Vec::new();
        for &(line, fields) in rows {
            let d = if all.is_empty() {
                self.width_error(fields, line)
            } else {
                let mut d = Diagnostic::file(
                    self.display.as_str(),
                    format!("this row too has {fields} fields (the header has {})", self.width),
                );
                d.line = Some(line);
                d
            };
            all.push(d);
        }
        if more > 0 {
            all.push(Diagnostic::file(
                self.display.as_str(),
                format!("{more} more rows after these have the wrong number of fields"),
            ));
        }
        Error::Invalid(all)
    }

    /// Whether `rec`, ending at byte `end` of `chunk`, is a record the file ends inside: the
    /// chunk's last, with no line end after it (only the file's last chunk can end so) and
    /// fewer fields than the header, none of them empty — a row whose trailing cells were
    /// left out, as Excel writes them, is no sign of a cut.
    fn ends_inside(&self, chunk: &TextChunk, end: u64, rec: &ByteRecord) -> bool {
        let bytes = &chunk.bytes;
        end as usize >= bytes.len()
            && !bytes.ends_with(b"\n")
            && !bytes.ends_with(b"\r")
            && rec.len() > 1
            && rec.len() < self.width
            && rec.iter().next_back().is_some_and(|c| !c.is_empty())
    }

    /// Splits a chunk into records and hands every row of it to `f`, in file order; `rec`
    /// is the caller's buffer, reused from row to row.
    pub fn for_each_row(
        &self,
        chunk: &TextChunk,
        rec: &mut ByteRecord,
        mut f: impl FnMut(Row) -> Result<()>,
    ) -> Result<()> {
        let mut reader = self.reader(chunk.bytes.as_slice());
        // The record before: (its first line, the byte after it, its number of fields).
        let mut previous: Option<(u64, u64, usize)> = None;
        // Rows of the wrong width: the first few (line, fields), and how many more.
        let (mut wide, mut more) = (Vec::new(), 0);
        loop {
            match reader.read_byte_record(rec) {
                Ok(true) => {}
                Ok(false) if wide.is_empty() => return Ok(()),
                Ok(false) => return Err(self.width_errors(&wide, more)),
                Err(e) => return Err(csv_error(&self.display, e, chunk.first_line)),
            }
            let line = chunk.first_line + rec.position().map_or(1, |p| p.line()) - 1;
            let end_line = chunk.first_line + reader.position().line() - 1;
            let start = rec.position().map_or(0, |p| p.byte());
            if let Some((other, pieces)) = self.other_delimiter(rec) {
                previous = Some((line, reader.position().byte(), rec.len()));
                if self.skip_malformed {
                    f(Row::Malformed(line, Malformed::Width))?;
                    continue;
                }
                return Err(Error::one(self.other_delimiter_error(other, pieces, line)));
            }
            if self.ends_inside(chunk, reader.position().byte(), rec) {
                f(Row::Malformed(line, Malformed::CutAtEnd { fields: rec.len(), width: self.width }))?;
                continue;
            }
            if let Some(cut) = self.cut_record(previous, rec, line, start) {
                f(Row::Cut(cut))?;
            }
            previous = Some((line, reader.position().byte(), rec.len()));
            self.fit(rec);
            if rec.len() == self.width {
                if let Some(s) = quotes::one_row_swallowed(rec, line, self.delimiter, self.width) {
                    f(Row::OpenQuote(s))?;
                }
            }
            if self.refused_width(rec) {
                if wide.len() < LISTED_WIDTHS {
                    wide.push((line, rec.len()));
                } else {
                    more += 1;
                }
                continue;
            }
            if let Some(row) = self.classify(rec, line, end_line)? {
                f(row)?;
            }
        }
    }
}

/// Reads Excel's text-forcing formula as the text it holds: a cell written `="0012"` (or,
/// quoted, `"=""0012"""`) is the text `0012`. Chinese e-commerce back ends and survey tools
/// write every cell so, to keep Excel from turning an order number into `1.2E+10` or a date
/// into a serial; read as written, no score, date or segment value would be found in them.
/// Inside, `""` is one quote, as in any Excel string; a cell whose inside holds a lone quote
/// is no such formula and is left as it is. The record's position (its line) is kept.
pub(crate) fn unwrap_text_formulas(rec: &mut ByteRecord) {
    // Most records hold no `="` at all: one scan of the bytes settles it.
    if memchr::memmem::find(rec.as_slice(), b"=\"").is_none() || !rec.iter().any(|c| text_formula(c).is_some()) {
        return;
    }
    let mut out = ByteRecord::with_capacity(rec.as_slice().len(), rec.len());
    let mut inner = Vec::new();
    for cell in rec.iter() {
        match text_formula(cell) {
            Some(text) => {
                inner.clear();
                unescape_quotes(text, &mut inner);
                out.push_field(&inner);
            }
            None => out.push_field(cell),
        }
    }
    out.set_position(rec.position().cloned());
    *rec = out;
}

/// The inside of a text-forcing formula `="…"` (surrounding spaces allowed), if `cell` is one:
/// every quote inside doubled.
fn text_formula(cell: &[u8]) -> Option<&[u8]> {
    let inner = cell.trim_ascii().strip_prefix(b"=\"")?.strip_suffix(b"\"")?;
    let mut quotes = 0usize;
    for b in inner {
        if *b == b'"' {
            quotes += 1;
        } else if quotes % 2 == 1 {
            return None;
        }
    }
    quotes.is_multiple_of(2).then_some(inner)
}

/// `text` with each doubled quote made one.
fn unescape_quotes(text: &[u8], out: &mut Vec<u8>) {
    let mut i = 0;
    while i < text.len() {
        out.push(text[i]);
        i += if text[i] == b'"' { 2 } else { 1 };
    }
}

/// The most rows of the wrong width one error names by line.
const LISTED_WIDTHS: usize = 5;

#[cfg(test)]
mod tests {
    use super::*;

    fn unwrapped(line: &[u8]) -> Vec<String> {
        let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(line);
        let mut rec = ByteRecord::new();
        assert!(reader.read_byte_record(&mut rec).unwrap());
        let line_before = rec.position().map(|p| p.line());
        unwrap_text_formulas(&mut rec);
        assert_eq!(rec.position().map(|p| p.line()), line_before, "the record keeps its line");
        rec.iter().map(|c| String::from_utf8(c.to_vec()).unwrap()).collect()
    }

    #[test]
    fn excel_text_formulas_are_read_as_the_text_they_hold() {
        // Unquoted, as 订单 exports write them, and quoted with the quotes doubled.
        assert_eq!(unwrapped(b"=\"9\",=\"2024-03-23 10:00:00\",=\"0012\"\n"), ["9", "2024-03-23 10:00:00", "0012"]);
        assert_eq!(unwrapped(b"\"=\"\"9\"\"\",\"=\"\"\"\"\"\"\"\"\"\n"), ["9", "\""]);
        // A quote inside is written twice; an empty formula is an empty cell.
        assert_eq!(unwrapped(b"\"=\"\"He said \"\"\"\"hi\"\"\"\"\"\"\",=\"\"\n"), ["He said \"hi\"", ""]);
        assert_eq!(unwrapped("=\"包装破损\", =\"x\" \n".as_bytes()), ["包装破损", "x"]);
    }

    #[test]
    fn cells_that_are_no_text_formula_stay_as_written() {
        // A lone quote inside, a formula of another kind, an equals sign in a comment.
        let kept = "\"=\"\"a\"\"b\"\"\",=SUM(A1:A3),a = \"b\",=\"x,1 + 1 = 2";
        assert_eq!(unwrapped(kept.as_bytes()), ["=\"a\"b\"", "=SUM(A1:A3)", "a = \"b\"", "=\"x", "1 + 1 = 2"]);
    }
}
