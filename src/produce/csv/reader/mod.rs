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
mod labels;
mod layout;
mod lines;
mod missing;
mod open;
pub(crate) mod quotes;
mod rows;
mod workbook;

use decode::decoded;
pub use decode::{guess_encoding, plainly_utf8, utf8_profile};
use header::{check_header, clean_header, delimiter_note, other_split, sniff_delimiter};
pub use header::{
    delimiter_of, missing_column, reorders_header, repeats_header, resolve, resolve_in, untypable, HeaderNames,
};
pub use kind::{sniff_kind, Kind};
pub use labels::{
    grand_subtotal, label_of_many_rows, names_a_whole, null_marker, subtotal_group, summary_label, summary_shape,
    sums_or_means, totals_label,
};
pub use layout::{detect, open_ended_columns, sniff_layout, Layout};
use lines::{LineEnds, UnclosedQuote};
pub use open::open;
pub use rows::{CsvShape, Malformed, Row};
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
                    None | Some(Row::Cut(_) | Row::OpenQuote(_)) => {}
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
