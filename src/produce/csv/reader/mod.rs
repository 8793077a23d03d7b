//! Opening a data file as a table of text cells: CSV (decoded to UTF-8 as it streams, the
//! delimiter declared or detected, the header on any row) or a workbook sheet (XLSX, XLS,
//! XLSB, ODS through calamine).
//!
//! A CSV file is handed out in [`Chunk`]s of whole records (cut outside quotes, line ends
//! normalised), so that the fold can split them into rows on every core: only the cheap
//! cutting is serial.

use std::io::{Cursor, Read};

use csv::ByteRecord;

pub use crate::aggregate::quality::CutRecord;
use crate::error::{Diagnostic, Error, Result};
use crate::project::FileSpec;

mod declared;
mod decode;
mod header;
mod kind;
mod layout;
mod lines;
mod missing;
mod quotes;
mod workbook;

use decode::decoded;
pub use decode::{guess_encoding, plainly_utf8, utf8_profile};
use header::{check_header, clean_header, delimiter_note, other_split, sniff_delimiter};
pub use header::{delimiter_of, missing_column, repeats_header, resolve, resolve_in, totals_label, HeaderNames};
pub use kind::{sniff_kind, Kind};
pub use layout::{detect, sniff_layout, Layout};
use lines::{LineEnds, UnclosedQuote};
use workbook::open_workbook;
pub use workbook::{sniff_workbook_layout, worksheet_names};

/// Delimiters tried when none is declared, in order of preference on a tie.
const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// Bytes of CSV text per chunk: large enough that handing a chunk to a core costs nothing
/// next to folding it, small enough that two cores get hundreds of chunks from a big file.
const CHUNK_BYTES: usize = 1 << 20;

/// The longest record read (a spreadsheet cell holds at most 32,767 characters): past it, an
/// open quote is reported as unclosed, and a line without end as not CSV, instead of holding
/// the rest of a broken file in memory.
const MAX_RECORD_BYTES: usize = 64 << 20;

/// Workbook rows per chunk.
const SHEET_ROWS: usize = 4096;

/// Workbook cells per chunk at most (one row at least).
const SHEET_CELLS: usize = 1 << 18;

/// A time zone a tool's header declares for a column: (column, line of the declaration, the
/// zone as written).
pub type DeclaredZone = (usize, u64, String);

/// An open table with its header.
pub struct Table {
    source: Source,
    /// Header names, trimmed, BOM removed.
    pub header: Vec<String>,
    /// Each column's question text when a tool writes it apart from the name (Qualtrics'
    /// second header row, SurveyMonkey's question over its options); else empty.
    pub questions: Vec<String>,
    /// The time zone a tool's header declares for a column's local times, as (column, line
    /// of the declaration, zone as written): Qualtrics' ImportId row (`"timeZone":
    /// "America/Denver"`).
    pub declared_zones: Vec<DeclaredZone>,
    /// The header rows as the file writes them (the first, then a tool's rows below it),
    /// cleaned as names are: a row of data that repeats one of them is a header repeated
    /// in the middle of the file (files joined with `cat`, or a header per page).
    pub header_rows: Vec<Vec<String>>,
    /// The line (a workbook's row) right under the header and a tool's rows below it: where
    /// a second header row in other words would be (see `fold::row`).
    pub first_data_line: u64,
    /// Records read by [`Table::next_bytes`] that were not rows and were skipped (opt-in).
    pub malformed: Vec<(u64, Malformed)>,
    /// Lines read by [`Table::next_bytes`] that were empty rows.
    pub empty: Vec<u64>,
    /// The file as written in cxsite.yaml, for messages.
    pub display: String,
    /// The encoding the text was decoded from; `None` for UTF-8 read as it is and for
    /// workbooks. In a decoded table a cell that is not UTF-8 holds undecodable bytes (see
    /// `decode`), a value problem; elsewhere it means a wrong encoding, an error.
    pub encoding: Option<&'static str>,
    /// Not errors, but for the data-quality page (a byte-order mark that overrode `encoding:`).
    pub warnings: Vec<String>,
    /// Added to a message about a column the file lacks: for a workbook read from its first
    /// sheet because the dataset names none, while it has others, which sheet was read and
    /// which others there are; for a text file decoded as an encoding its bytes plainly
    /// contradict, the encoding they look like.
    pub column_note: Option<String>,
    /// A CSV header line split at another delimiter that gives more columns (see
    /// [`Table::missing_column_note`]).
    other_split: Option<(u8, Vec<String>)>,
}

impl Table {
    /// What to add to `message`, a diagnostic about this table's columns: for a column the
    /// header lacks (`has no column `name``) that another delimiter would make exist, the
    /// delimiter to set; and [`Table::column_note`].
    pub fn missing_column_note(&self, message: &str) -> String {
        let name = message.split_once("has no column `").and_then(|(_, rest)| rest.split_once('`')).map(|(n, _)| n);
        let delimiter = self.other_split.as_ref().zip(name).and_then(|(o, n)| delimiter_note(o, n));
        format!("{}{}", delimiter.unwrap_or_default(), self.column_note.as_deref().unwrap_or(""))
    }
}

enum Source {
    Csv(Box<CsvSource>),
    Sheet { rows: workbook::SheetRows },
}

/// A CSV file after its header: the chunker, and the chunk being read row by row.
struct CsvSource {
    chunker: LineEnds<Box<dyn Read + Send>>,
    shape: CsvShape,
    /// Data text already read past the header (the rest of the header's chunk).
    pending: Option<TextChunk>,
    /// The chunk [`Table::next_bytes`] is reading, with its first line.
    current: Option<(u64, csv::Reader<Cursor<Vec<u8>>>)>,
}

/// Whole CSV records, line ends normalised to LF, and the line the first one starts on.
pub struct TextChunk {
    pub first_line: u64,
    pub bytes: Vec<u8>,
}

/// A piece of a table to fold: CSV text, or workbook rows with their row numbers.
pub enum Chunk {
    Text(TextChunk),
    Rows(Vec<(u64, ByteRecord)>),
}

/// What splitting CSV text into rows needs to know.
#[derive(Clone)]
pub struct CsvShape {
    delimiter: u8,
    width: usize,
    skip_malformed: bool,
    display: String,
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
}

/// Why a record is not a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Malformed {
    /// It has more fields than the header, and the ones past it are not empty.
    Width,
    /// A quoted cell took in the rows after it (see the `quotes` module).
    StrayQuote { close_line: u64, rows: u64 },
}

impl Malformed {
    /// The reason a record is rejected for, on the data-quality page.
    pub fn reason(&self) -> &'static str {
        match self {
            Malformed::Width => "wrong number of fields",
            Malformed::StrayQuote { .. } => "quoted cell swallows rows",
        }
    }

    /// The example of a rejected record at `line` of `path`.
    pub fn example(&self, path: &str, line: u64) -> String {
        match self {
            Malformed::Width => format!("{path}:{line}: the row has a different number of fields than the header"),
            Malformed::StrayQuote { close_line, rows } => format!(
                "{path}:{line}: the quote opened on this line closes only on line {close_line}, taking in {rows} lines that read as rows"
            ),
        }
    }
}

impl CsvShape {
    fn reader<R: Read>(&self, text: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new().delimiter(self.delimiter).has_headers(false).flexible(true).from_reader(text)
    }

    /// Brings a record to the header's width where that loses nothing: fields past the
    /// header's that are all empty (a delimiter at the end of every data row, an unnamed
    /// column left blank) are dropped, and a short row is padded with empty cells (Excel
    /// leaves out a row's trailing empty fields; a missing trailing cell is a blank one).
    /// A record with non-empty fields past the header's is left as it is, an error.
    fn fit(&self, rec: &mut ByteRecord) {
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
    fn cut_record(
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

    /// What a parsed record is: data, an empty row (a blank line, or a line of empty cells
    /// `,,,,`), a record of the wrong width, or one whose quoted cell swallowed rows.
    /// `end_line` is the line after the record.
    fn classify<'r>(&self, rec: &'r ByteRecord, line: u64, end_line: u64) -> Result<Option<Row<'r>>> {
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
            if let Some(cut) = self.cut_record(previous, rec, line, start) {
                f(Row::Cut(cut))?;
            }
            previous = Some((line, reader.position().byte(), rec.len()));
            self.fit(rec);
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

/// The most rows of the wrong width one error names by line.
const LISTED_WIDTHS: usize = 5;

impl Table {
    /// Reads the next data row as bytes, one at a time (records that are not rows and are
    /// skipped go to [`Table::malformed`]); returns its line (CSV) or row (sheet) number,
    /// 1-based. Used for lookups, whose every cell may be read.
    pub fn next_bytes(&mut self, rec: &mut ByteRecord) -> Result<Option<u64>> {
        match &mut self.source {
            Source::Sheet { rows } => loop {
                match rows.next().transpose()? {
                    // A row of empty cells between rows (see `workbook::with_header`).
                    Some((row, cells)) if cells.is_empty() => self.empty.push(row),
                    Some((row, cells)) => {
                        *rec = ByteRecord::from(cells);
                        return Ok(Some(row));
                    }
                    None => return Ok(None),
                }
            },
            Source::Csv(csv) => loop {
                if csv.current.is_none() {
                    let Some(chunk) = csv.next_text(Vec::new())? else { return Ok(None) };
                    csv.current = Some((chunk.first_line, csv.shape.reader(Cursor::new(chunk.bytes))));
                }
                let Some((first_line, reader)) = csv.current.as_mut() else { continue };
                match reader.read_byte_record(rec) {
                    Ok(true) => {}
                    Ok(false) => {
                        csv.current = None;
                        continue;
                    }
                    Err(e) => return Err(csv_error(&csv.shape.display, e, *first_line)),
                }
                let line = *first_line + rec.position().map_or(1, |p| p.line()) - 1;
                let end_line = *first_line + reader.position().line() - 1;
                csv.shape.fit(rec);
                match csv.shape.classify(rec, line, end_line)? {
                    // Lookups are keyed tables: a cut record there has no comment to lose.
                    None | Some(Row::Cut(_)) => {}
                    Some(Row::Data(line, _)) => return Ok(Some(line)),
                    Some(Row::Malformed(line, kind)) => self.malformed.push((line, kind)),
                    Some(Row::Empty(line)) => self.empty.push(line),
                }
            },
        }
    }

    /// The next piece of the table to fold, in file order; `reuse` is a spent chunk's
    /// buffer to fill again.
    pub fn next_chunk(&mut self, reuse: Vec<u8>) -> Result<Option<Chunk>> {
        match &mut self.source {
            Source::Sheet { rows } => {
                // At most SHEET_ROWS rows, and fewer when rows are wide: a chunk holds about
                // as many cells as a CSV chunk would, whatever width the rows are written at.
                let mut batch: Vec<(u64, ByteRecord)> = Vec::new();
                let mut cells_in = 0usize;
                while batch.len() < SHEET_ROWS && cells_in < SHEET_CELLS {
                    let Some(r) = rows.next() else { break };
                    let (row, cells) = r?;
                    cells_in += cells.len().max(1);
                    batch.push((row, ByteRecord::from(cells)));
                }
                Ok((!batch.is_empty()).then_some(Chunk::Rows(batch)))
            }
            Source::Csv(csv) => Ok(csv.next_text(reuse)?.map(Chunk::Text)),
        }
    }

    /// How CSV chunks split into rows (`None` for a workbook).
    pub fn shape(&self) -> Option<&CsvShape> {
        match &self.source {
            Source::Csv(csv) => Some(&csv.shape),
            Source::Sheet { .. } => None,
        }
    }
}

impl CsvSource {
    fn next_text(&mut self, reuse: Vec<u8>) -> Result<Option<TextChunk>> {
        if let Some(p) = self.pending.take() {
            return Ok(Some(p));
        }
        let mut bytes = reuse;
        match self.chunker.next_chunk(&mut bytes, CHUNK_BYTES) {
            Ok(Some(first_line)) => Ok(Some(TextChunk { first_line, bytes })),
            Ok(None) => Ok(None),
            Err(e) => Err(io_error(&self.shape.display, e)),
        }
    }
}

/// The message for a cell of `file` that is not UTF-8, in a row (`bytes`) at `line`: when the
/// rest of the file is plainly UTF-8 (a character cut short by an editor or a truncating
/// export), the bytes that are not, and `encoding: utf-8`, which reads the file and skips
/// such cells; else the encoding the file's bytes look like.
pub fn not_utf8(file: &FileSpec, line: u64, column: &str, bytes: &[u8]) -> Error {
    let head = decode::head(&file.path, decode::PROFILE_BYTES);
    let profile = decode::utf8_profile(&head);
    let message = if decode::plainly_utf8(profile) {
        let bad = std::str::from_utf8(bytes)
            .err()
            .map(|e| {
                let at = e.valid_up_to();
                let n = e.error_len().unwrap_or(bytes.len() - at).min(4);
                bytes[at..at + n].iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(" ")
            })
            .unwrap_or_default();
        let (multi, invalid) = profile;
        let read = if head.len() as u64 >= decode::PROFILE_BYTES as u64 { "its first 16 MB" } else { "the file" };
        format!(
            "column `{column}` is not valid UTF-8 (bytes {bad}); the rest of {read} is UTF-8 ({multi} characters outside ASCII, {invalid} sequence{} that {} not): set `encoding: utf-8` for this dataset to read it as UTF-8 and skip such cells (counted on the data-quality page)",
            if invalid == 1 { "" } else { "s" },
            if invalid == 1 { "is" } else { "are" },
        )
    } else {
        let sample = if head.is_empty() { bytes } else { &head[..head.len().min(1 << 16)] };
        format!("column `{column}` is not valid UTF-8; {}", decode::encoding_advice(sample))
    };
    let mut d = Diagnostic::file(file.display.as_str(), message);
    d.line = Some(line);
    Error::one(d)
}

/// The delimiter that Excel's `sep=;` line names when a file starts with one (after a UTF-8
/// or UTF-16 byte-order mark): Excel writes and reads it, and the header is on the line after it.
fn sep_line(path: &std::path::Path) -> Option<u8> {
    use std::io::Read;
    let mut raw = [0u8; 32];
    let n = std::fs::File::open(path).ok()?.take(32).read(&mut raw).ok()?;
    let raw = &raw[..n];
    // UTF-16's ASCII characters as bytes: each unit whose other byte is 0 (a unit that is not
    // ASCII ends the head, and no `sep=` line holds one).
    let utf16 = |units: &[u8], little: bool| -> Vec<u8> {
        units
            .chunks_exact(2)
            .map(|u| if little { (u[0], u[1]) } else { (u[1], u[0]) })
            .take_while(|(lo, hi)| *hi == 0 && lo.is_ascii())
            .map(|(lo, _)| lo)
            .collect()
    };
    let head: Vec<u8> = match raw {
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => raw.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(raw).to_vec(),
    };
    let rest = head.strip_prefix(b"sep=").or_else(|| head.strip_prefix(b"SEP="))?;
    match rest {
        [d, b'\r' | b'\n', ..] | [d] if d.is_ascii_punctuation() || *d == b'\t' || *d == b' ' => Some(*d),
        _ => None,
    }
}

/// Opens `spec` and reads its header row.
pub fn open(spec: &FileSpec) -> Result<Table> {
    check_regular_file(spec)?;
    // The file is read as what its content is, whatever its name says.
    let kind = sniff_kind(&spec.path, &spec.display)?;
    if kind.is_workbook() {
        return open_workbook(spec, kind);
    }
    let spec = &text_spec(spec);
    let delimiter = match spec.delimiter {
        Some(d) => d,
        None => sniff_delimiter(spec)?,
    };
    let shape = CsvShape { delimiter, width: 0, skip_malformed: spec.skip_malformed, display: spec.display.clone() };
    let text = decoded(spec)?;
    let encoding = text.encoding.map(|e| e.name());
    let mut chunker = LineEnds::new(text.reader, delimiter);
    let mut raw = csv::ByteRecord::new();
    let (header_line, mut rest) = header_record(spec, &shape, &mut chunker, &mut raw)?;
    check_header_bytes(spec, &raw, encoding, header_line)?;
    let other_split = other_split(&raw, delimiter);
    let header = clean_header(raw.iter().map(|h| String::from_utf8_lossy(h).into_owned()));
    if header.iter().all(String::is_empty) {
        blank_header_hint(spec, &shape, &rest, header_line)?;
    }
    check_header(spec, &header, header_line)?;
    // A header row set to a row of data (`header_row:` one too low): said with a missing column.
    let data_note = (spec.header_row > 1 && layout::looks_like_data(&header)).then(|| {
        format!("; line {header_line}, read as the header (`header_row: {}`), reads as a row of data (dates, numbers): check `header_row:`", spec.header_row)
    });
    let first_row = header.clone();
    let (header, questions, declared_zones, below) = export_header(spec, &shape, header, &mut rest, header_line)?;
    let shape = CsvShape { width: header.len(), ..shape };
    let first_data_line = rest.first_line;
    let header_rows =
        std::iter::once(first_row).chain(below.into_iter().map(|r| clean_header(r.into_iter()))).collect();
    Ok(Table {
        source: Source::Csv(Box::new(CsvSource { chunker, shape, pending: Some(rest), current: None })),
        display: spec.display.clone(),
        header,
        questions,
        declared_zones,
        header_rows,
        first_data_line,
        malformed: Vec::new(),
        empty: Vec::new(),
        encoding,
        warnings: text.warning.into_iter().collect(),
        column_note: match (text.header_note, data_note) {
            (Some(a), Some(b)) => Some(a + &b),
            (a, b) => a.or(b),
        },
        other_split,
    })
}

/// Refuses a path that is not a regular file inside the project. The path was checked as
/// text; a symlink could still point outside the project.
fn check_regular_file(spec: &FileSpec) -> Result<()> {
    let root = spec.root.as_ref().and_then(|r| std::fs::canonicalize(r).ok());
    if let (Ok(real), Some(root)) = (std::fs::canonicalize(&spec.path), root) {
        if !real.starts_with(root) {
            return Err(Error::one(Diagnostic::file(
                &spec.display,
                "the file is a link to a place outside the project directory; copy the file into the project",
            )));
        }
    }
    if !spec.path.is_file() {
        let why = match &spec.root {
            _ if spec.path.exists() => "it is not a regular file".to_string(),
            Some(root) => missing::missing_file_reason(root, &spec.display),
            None => "it does not exist".to_string(),
        };
        // Where the path is written, so the fix is one look away.
        let at = FileSpec::setting_at("path", spec.path_at);
        return Err(Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {why}{at}"))));
    }
    Ok(())
}

/// How a text file is read: as text even under a workbook's name (a TSV saved as `.xls`), and
/// with the delimiter of an Excel `sep=` first line, the header then on line 2 at the earliest.
fn text_spec(spec: &FileSpec) -> FileSpec {
    let mut text = FileSpec { workbook: false, ..spec.clone() };
    if let Some(sep) = sep_line(&spec.path) {
        text.delimiter = text.delimiter.or(Some(sep));
        text.header_row = text.header_row.max(2);
    }
    text
}

/// Reads the header record into `raw`: the first record on or after line `header_row` (blank
/// lines hold a space after LineEnds, so they are records and count as lines). Returns its
/// line and the rest of its chunk, where the data starts.
fn header_record<R: std::io::Read>(
    spec: &FileSpec,
    shape: &CsvShape,
    chunker: &mut LineEnds<R>,
    raw: &mut ByteRecord,
) -> Result<(u64, TextChunk)> {
    loop {
        let mut bytes = Vec::new();
        let Some(first_line) = chunker.next_chunk(&mut bytes, CHUNK_BYTES).map_err(|e| io_error(&spec.display, e))?
        else {
            let what = if spec.header_row > 1 {
                format!(
                    "has fewer than {} lines{}",
                    spec.header_row,
                    FileSpec::setting_at("header_row", spec.header_row_at)
                )
            } else {
                "is empty".into()
            };
            return Err(Error::one(Diagnostic::file(&spec.display, format!("the file {what}: no header row"))));
        };
        let mut reader = shape.reader(bytes.as_slice());
        while reader.read_byte_record(raw).map_err(|e| csv_error(&spec.display, e, first_line))? {
            let line = first_line + raw.position().map_or(1, |p| p.line()) - 1;
            if line >= spec.header_row {
                // The data starts right after the header record, in this chunk.
                let at = (reader.position().byte() as usize).min(bytes.len());
                let data_line = first_line + memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64;
                bytes.drain(..at);
                return Ok((line, TextChunk { first_line: data_line, bytes }));
            }
        }
    }
}

/// Refuses a header row that is not valid text in the file's encoding, or that holds the NUL
/// bytes of UTF-16 without a byte-order mark (which pass as UTF-8), with the encoding to set.
fn check_header_bytes(spec: &FileSpec, raw: &ByteRecord, encoding: Option<&str>, header_line: u64) -> Result<()> {
    let message = if raw.iter().any(|h| std::str::from_utf8(h).is_err()) {
        Some(match encoding {
            Some(e) => format!("the header row holds bytes that are not valid {e}; check `encoding:` for this dataset"),
            None => format!(
                "the header row is not valid UTF-8; {} for this dataset",
                decode::encoding_advice(&decode::sample(&spec.path))
            ),
        })
    } else if encoding.is_none() && raw.iter().any(|h| h.contains(&0)) {
        match decode::guess_encoding(&decode::sample(&spec.path)) {
            Some((label @ ("utf-16le" | "utf-16be"), why)) => {
                Some(format!("the header row holds NUL bytes; {why}: set `encoding: {label}` for this dataset"))
            }
            _ => None,
        }
    } else {
        None
    };
    match message {
        Some(message) => {
            let mut d = Diagnostic::file(&spec.display, message);
            d.line = Some(header_line);
            Err(Error::one(d))
        }
        None => Ok(()),
    }
}

/// An empty header row with a blank line above the real one: names the line that looks like
/// the header (`header_row: N`). Otherwise nothing is said here.
fn blank_header_hint(spec: &FileSpec, shape: &CsvShape, rest: &TextChunk, header_line: u64) -> Result<()> {
    let below = peek(shape, rest, &spec.display)?;
    let next = below.iter().find(|(_, r)| r.iter().any(|c| !c.is_empty()));
    if let Some((line, _)) = next.filter(|(_, r)| r.len() > 1 && !layout::looks_like_data(r)) {
        let mut d = Diagnostic::file(
            &spec.display,
            format!(
                "the header row is empty; line {line} looks like the header: set `header_row: {line}` for this dataset"
            ),
        );
        d.line = Some(header_line);
        return Err(Error::one(d));
    }
    Ok(())
}

/// A header as [`export_header`] reads it: the column names, their questions, the time zones
/// the header declares, and the tool's header rows below the first, as written.
type ExportHeader = (Vec<String>, Vec<String>, Vec<DeclaredZone>, Vec<Vec<String>>);

/// The header as a survey tool's export writes it: the rows below the question row that
/// belong to the header (`export:`) are taken off `rest` and combined with it, giving the
/// column names and their questions; without `export:`, the header as it is, after checking
/// that no tool's layout or a title block above it was missed. Also gives the tool's header
/// rows below the first, as written.
fn export_header(
    spec: &FileSpec,
    shape: &CsvShape,
    header: Vec<String>,
    rest: &mut TextChunk,
    header_line: u64,
) -> Result<ExportHeader> {
    let below = peek(shape, rest, &spec.display)?;
    if let Some(line) = layout::title_above(&header, &below) {
        let mut d = Diagnostic::file(
            &spec.display,
            format!(
                "line {header_line}, read as the header, names only its first column (`{}`), as a title above a table does; line {line} looks like the header: set `header_row: {line}` for this dataset",
                header[0]
            ),
        );
        d.line = Some(header_line);
        return Err(Error::one(d));
    }
    if let Some(at) = layout::preamble_for(spec.export, header.len(), &below) {
        return Err(layout::preamble_error(spec, header_line, header.len(), at));
    }
    match spec.export {
        None => {
            layout::undeclared(spec, &header, &below, header_line)?;
            Ok((header, Vec::new(), Vec::new(), Vec::new()))
        }
        Some(export) => {
            layout::check_rows_below(spec, export, &below, header_line)?;
            let n = layout::rows_below(export, &below);
            let rows: Vec<Vec<String>> = below[..n].iter().map(|(_, r)| r.clone()).collect();
            skip_records(shape, rest, n, &spec.display)?;
            let zones = layout::declared_zones(export, &below[..n]);
            let (header, questions) = layout::combine(export, header, &rows);
            Ok((header, questions, zones, rows))
        }
    }
}

/// The first records of `rest` (up to [`layout::PEEK_RECORDS`]), with their lines, as text.
fn peek(shape: &CsvShape, rest: &TextChunk, display: &str) -> Result<Vec<layout::Peeked>> {
    let mut reader = shape.reader(rest.bytes.as_slice());
    let mut rec = ByteRecord::new();
    let mut out = Vec::new();
    while out.len() < layout::PEEK_RECORDS
        && reader.read_byte_record(&mut rec).map_err(|e| csv_error(display, e, rest.first_line))?
    {
        let line = rest.first_line + rec.position().map_or(1, |p| p.line()) - 1;
        out.push((line, rec.iter().map(|c| String::from_utf8_lossy(c).trim().to_string()).collect()));
    }
    Ok(out)
}

/// Drops the first `n` records of `rest` (a tool's header rows below the first).
fn skip_records(shape: &CsvShape, rest: &mut TextChunk, n: usize, display: &str) -> Result<()> {
    if n == 0 {
        return Ok(());
    }
    let mut reader = shape.reader(rest.bytes.as_slice());
    let mut rec = ByteRecord::new();
    for _ in 0..n {
        reader.read_byte_record(&mut rec).map_err(|e| csv_error(display, e, rest.first_line))?;
    }
    let at = (reader.position().byte() as usize).min(rest.bytes.len());
    rest.first_line += memchr::memchr_iter(b'\n', &rest.bytes[..at]).count() as u64;
    rest.bytes.drain(..at);
    Ok(())
}

/// A located message for a problem reading the file itself.
fn io_error(display: &str, e: std::io::Error) -> Error {
    if let Some(q) = e.get_ref().and_then(|inner| inner.downcast_ref::<UnclosedQuote>()) {
        let mut d = Diagnostic::file(display, q.to_string());
        d.line = Some(q.line);
        return Error::one(d);
    }
    let message = match e.kind() {
        std::io::ErrorKind::InvalidData => e.to_string(),
        _ => format!("cannot read the file: {e}"),
    };
    Error::one(Diagnostic::file(display, message))
}

/// A located message for a structural CSV problem in text that starts on `first_line`.
fn csv_error(display: &str, e: csv::Error, first_line: u64) -> Error {
    let line = e.position().map_or(0, |p| first_line + p.line() - 1);
    let message = match e.kind() {
        csv::ErrorKind::Utf8 { err, .. } => {
            format!("field {} is not valid UTF-8; {}", err.field() + 1, decode::encoding_advice(&[]))
        }
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => io.to_string(),
        csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
        _ => e.to_string(),
    };
    let mut d = Diagnostic::file(display, message);
    d.line = (line > 0).then_some(line);
    Error::one(d)
}
