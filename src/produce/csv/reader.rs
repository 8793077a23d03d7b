//! Opening a data file as a table of text cells: CSV (decoded to UTF-8 as it streams, the
//! delimiter declared or detected, the header on any row) or a workbook sheet (XLSX, XLS,
//! XLSB, ODS through calamine).
//!
//! A CSV file is handed out in [`Chunk`]s of whole records (cut outside quotes, line ends
//! normalised), so that the fold can split them into rows on every core: only the cheap
//! cutting is serial.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};

use csv::{ByteRecord, StringRecord};

use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::{ColumnName, FileSpec, PROJECT_FILE};

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

/// An open table with its header.
pub struct Table {
    source: Source,
    /// Header names, trimmed, BOM removed.
    pub header: Vec<String>,
    /// Rows read by [`Table::next_bytes`] that had the wrong number of fields and were
    /// skipped (opt-in).
    pub malformed: Vec<u64>,
    /// The file as written in cxsite.yaml, for messages.
    pub display: String,
}

enum Source {
    Csv(Box<CsvSource>),
    Sheet { rows: std::vec::IntoIter<(u64, Vec<String>)> },
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
    /// A record of another width, skipped because `skip_malformed_rows` is on.
    Malformed(u64),
}

impl CsvShape {
    fn reader<R: Read>(&self, text: R) -> csv::Reader<R> {
        csv::ReaderBuilder::new().delimiter(self.delimiter).has_headers(false).flexible(true).from_reader(text)
    }

    /// What a parsed record is: data, a blank line (`None`: not data, in CSV as in
    /// workbooks — a line of empty cells `,,,,` too), or a record of the wrong width.
    fn classify<'r>(&self, rec: &'r ByteRecord, line: u64) -> Result<Option<Row<'r>>> {
        if rec.len() == self.width {
            if rec.as_slice().trim_ascii().is_empty() {
                return Ok(None);
            }
            return Ok(Some(Row::Data(line, rec)));
        }
        if rec.iter().all(|c| c.trim_ascii().is_empty()) {
            return Ok(None);
        }
        if self.skip_malformed {
            return Ok(Some(Row::Malformed(line)));
        }
        let mut d = Diagnostic::file(
            self.display.as_str(),
            format!(
                "this row has {} fields but the header has {}; check the delimiter (`delimiter:`) and the quoting (an unclosed quote swallows the rows after it), or set `skip_malformed_rows: true` to skip such rows",
                rec.len(),
                self.width
            ),
        );
        d.line = Some(line);
        Err(Error::one(d))
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
        loop {
            match reader.read_byte_record(rec) {
                Ok(true) => {}
                Ok(false) => return Ok(()),
                Err(e) => return Err(csv_error(&self.display, e, chunk.first_line)),
            }
            let line = chunk.first_line + rec.position().map_or(1, |p| p.line()) - 1;
            if let Some(row) = self.classify(rec, line)? {
                f(row)?;
            }
        }
    }
}

impl Table {
    /// Reads the next data row into `rec`, as text; returns its line (CSV) or row (sheet)
    /// number, 1-based. Used for lookups, whose every cell may be read.
    pub fn next(&mut self, rec: &mut StringRecord) -> Result<Option<u64>> {
        let mut bytes = ByteRecord::new();
        let Some(line) = self.next_bytes(&mut bytes)? else { return Ok(None) };
        match StringRecord::from_byte_record(bytes) {
            Ok(r) => {
                *rec = r;
                Ok(Some(line))
            }
            Err(e) => {
                let field = e.utf8_error().field();
                Err(not_utf8(&self.display, line, self.header.get(field).map(String::as_str).unwrap_or("?")))
            }
        }
    }

    /// Reads the next data row as bytes, one at a time (rows of the wrong width that are
    /// skipped go to [`Table::malformed`]).
    pub fn next_bytes(&mut self, rec: &mut ByteRecord) -> Result<Option<u64>> {
        match &mut self.source {
            Source::Sheet { rows } => Ok(rows.next().map(|(row, cells)| {
                *rec = ByteRecord::from(cells);
                row
            })),
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
                match csv.shape.classify(rec, line)? {
                    None => {}
                    Some(Row::Data(line, _)) => return Ok(Some(line)),
                    Some(Row::Malformed(line)) => self.malformed.push(line),
                }
            },
        }
    }

    /// The next piece of the table to fold, in file order; `reuse` is a spent chunk's
    /// buffer to fill again.
    pub fn next_chunk(&mut self, reuse: Vec<u8>) -> Result<Option<Chunk>> {
        match &mut self.source {
            Source::Sheet { rows } => {
                let batch: Vec<(u64, ByteRecord)> =
                    rows.by_ref().take(SHEET_ROWS).map(|(row, cells)| (row, ByteRecord::from(cells))).collect();
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

/// The message for a cell that is not UTF-8.
pub fn not_utf8(display: &str, line: u64, column: &str) -> Error {
    let mut d = Diagnostic::file(
        display,
        format!("column `{column}` is not valid UTF-8; if the file was saved by Excel on Chinese Windows, set `encoding: gb18030`"),
    );
    d.line = Some(line);
    Error::one(d)
}

/// Opens `spec` and reads its header row.
pub fn open(spec: &FileSpec) -> Result<Table> {
    // The path was checked as text; a symlink could still point outside the project.
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
        let why = if spec.path.exists() { "it is not a regular file" } else { "it does not exist" };
        return Err(Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {why}"))));
    }
    if spec.workbook {
        return open_workbook(spec);
    }
    let delimiter = match spec.delimiter {
        Some(d) => d,
        None => sniff_delimiter(spec)?,
    };
    let shape = CsvShape { delimiter, width: 0, skip_malformed: spec.skip_malformed, display: spec.display.clone() };
    let mut chunker = LineEnds::new(decoded(spec)?, delimiter);
    let mut raw = csv::ByteRecord::new();
    // The header is the first record on or after line `header_row` (blank lines hold a
    // space after LineEnds, so they are records and count as lines).
    let (header_line, rest) = 'search: loop {
        let mut bytes = Vec::new();
        let Some(first_line) = chunker.next_chunk(&mut bytes, CHUNK_BYTES).map_err(|e| io_error(&spec.display, e))?
        else {
            let what = if spec.header_row > 1 {
                format!("has fewer than {} lines", spec.header_row)
            } else {
                "is empty".into()
            };
            return Err(Error::one(Diagnostic::file(&spec.display, format!("the file {what}: no header row"))));
        };
        let mut reader = shape.reader(bytes.as_slice());
        while reader.read_byte_record(&mut raw).map_err(|e| csv_error(&spec.display, e, first_line))? {
            let line = first_line + raw.position().map_or(1, |p| p.line()) - 1;
            if line >= spec.header_row {
                // The data starts right after the header record, in this chunk.
                let at = (reader.position().byte() as usize).min(bytes.len());
                let data_line = first_line + memchr::memchr_iter(b'\n', &bytes[..at]).count() as u64;
                bytes.drain(..at);
                break 'search (line, TextChunk { first_line: data_line, bytes });
            }
        }
    };
    if raw.iter().any(|h| std::str::from_utf8(h).is_err()) {
        let mut d = Diagnostic::file(
            &spec.display,
            "the header row is not valid UTF-8; if the file was saved by Excel on Chinese Windows, set `encoding: gb18030` for this dataset",
        );
        d.line = Some(header_line);
        return Err(Error::one(d));
    }
    let header = clean_header(raw.iter().map(|h| String::from_utf8_lossy(h).into_owned()));
    check_header(spec, &header, header_line)?;
    let shape = CsvShape { width: header.len(), ..shape };
    Ok(Table {
        source: Source::Csv(Box::new(CsvSource { chunker, shape, pending: Some(rest), current: None })),
        display: spec.display.clone(),
        header,
        malformed: Vec::new(),
    })
}

/// The file as a UTF-8 stream: a declared encoding is decoded; otherwise a UTF-8 or UTF-16
/// BOM is honoured and anything else passes through, so invalid bytes are reported by row.
fn decoded(spec: &FileSpec) -> Result<Box<dyn Read + Send>> {
    let mut file = File::open(&spec.path)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {e}"))))?;
    if spec.encoding.is_none() {
        // The common case, UTF-8: read the file as it is (no decoder copying every byte),
        // after its BOM if it has one. A UTF-16 BOM goes to the decoder.
        let mut bom = [0u8; 3];
        let n = read_up_to(&mut file, &mut bom)
            .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))))?;
        let utf16 = n >= 2 && (bom[..2] == [0xff, 0xfe] || bom[..2] == [0xfe, 0xff]);
        if !utf16 {
            let keep = if bom[..n] == [0xef, 0xbb, 0xbf] { &[][..] } else { &bom[..n] };
            return Ok(Box::new(Cursor::new(keep.to_vec()).chain(file)));
        }
        let head = Cursor::new(bom[..n].to_vec());
        return Ok(Box::new(decoder(None, head.chain(file))));
    }
    Ok(Box::new(decoder(spec.encoding, file)))
}

/// A stream decoded from `encoding` (or the encoding its BOM names) to UTF-8.
fn decoder<R: Read>(encoding: Option<&'static encoding_rs::Encoding>, inner: R) -> impl Read {
    encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(encoding)
        .bom_sniffing(true)
        .strip_bom(true)
        .utf8_passthru(true)
        .build(BufReader::with_capacity(1 << 16, inner))
}

/// Reads until `buf` is full or the input ends; the number of bytes read.
fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// A quote that opens a cell and is never closed.
#[derive(Debug)]
struct UnclosedQuote {
    line: u64,
}

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the quote (\") opened on this line is never closed, so the rest of the file would be one cell; close it, or check the delimiter and quoting"
        )
    }
}

impl std::error::Error for UnclosedQuote {}

/// Normalises line ends outside quoted cells and finds unclosed quotes.
///
/// - CRLF and lone CR line ends become LF, and every blank line gets a space. The csv crate
///   counts lines by LF only, so without this every row of a Windows (CRLF) file after the
///   first is reported one line too early (rust-csv issue 395) and a CR-only file is all
///   "line 1"; it also skips blank lines without counting them into the next record's position,
///   while a line holding a space is an ordinary empty record, which the table skips.
/// - Inside a quoted cell nothing is changed: a comment's own line breaks are its text.
/// - The csv crate reads an unclosed quote as one cell running to the end of the file; here it
///   is an error naming the line where the quote opened.
struct LineEnds<R> {
    inner: R,
    delimiter: u8,
    buf: Vec<u8>,
    /// Converted bytes not yet handed out, from `pos` on.
    ready: Vec<u8>,
    pos: usize,
    /// The last chunk ended in CR (outside quotes): its LF, if any, starts the next chunk.
    pending_cr: bool,
    /// Nothing but a line end was written on the current line yet.
    at_line_start: bool,
    /// The next byte starts a cell (a quote there opens a quoted cell).
    at_field_start: bool,
    in_quotes: bool,
    /// A quote just closed a quoted cell; a second one means a literal quote inside it.
    after_quote: bool,
    line: u64,
    quote_line: u64,
    /// Chunking: `ready[..boundary]` ends on a line end outside quotes, a record boundary,
    /// and `boundary_line` is the line that starts there.
    boundary: usize,
    boundary_line: u64,
    /// The line `ready` starts on.
    ready_line: u64,
    /// See [`MAX_RECORD_BYTES`].
    max_record: usize,
}

impl<R: Read> LineEnds<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        LineEnds {
            inner,
            delimiter,
            buf: vec![0; 1 << 17],
            ready: Vec::new(),
            pos: 0,
            pending_cr: false,
            at_line_start: true,
            at_field_start: true,
            in_quotes: false,
            after_quote: false,
            line: 1,
            quote_line: 0,
            boundary: 0,
            boundary_line: 1,
            ready_line: 1,
            max_record: MAX_RECORD_BYTES,
        }
    }

    /// The error for a record past [`MAX_RECORD_BYTES`].
    fn record_too_long(&self) -> std::io::Error {
        if self.in_quotes {
            return std::io::Error::new(std::io::ErrorKind::InvalidData, UnclosedQuote { line: self.quote_line });
        }
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "line {} runs on for more than {} MB without a line end; is this a CSV file?",
                self.boundary_line,
                self.max_record >> 20
            ),
        )
    }

    /// Moves the next run of whole records, at least `target` bytes unless the input ends,
    /// into `out`; returns the line it starts on, or `None` at the end of the input.
    fn next_chunk(&mut self, out: &mut Vec<u8>, target: usize) -> std::io::Result<Option<u64>> {
        while self.boundary < target {
            let n = match self.inner.read(&mut self.buf) {
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if n == 0 {
                if self.in_quotes {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        UnclosedQuote { line: self.quote_line },
                    ));
                }
                // The last record may have no line end.
                self.boundary = self.ready.len();
                self.boundary_line = self.line;
                break;
            }
            self.convert(n);
            if self.ready.len() - self.boundary > self.max_record {
                return Err(self.record_too_long());
            }
        }
        if self.boundary == 0 {
            return Ok(None);
        }
        // Hand over the whole buffer and keep only the unfinished record after the boundary.
        out.clear();
        std::mem::swap(out, &mut self.ready);
        self.ready.extend_from_slice(&out[self.boundary..]);
        out.truncate(self.boundary);
        let first = self.ready_line;
        self.ready_line = self.boundary_line;
        self.boundary = 0;
        Ok(Some(first))
    }

    /// Reads and converts the next chunk; false at the end of the input.
    fn fill(&mut self) -> std::io::Result<bool> {
        self.ready.clear();
        self.pos = 0;
        while self.ready.is_empty() {
            let n = self.inner.read(&mut self.buf)?;
            if n == 0 {
                if self.in_quotes {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        UnclosedQuote { line: self.quote_line },
                    ));
                }
                return Ok(false);
            }
            self.convert(n);
        }
        Ok(true)
    }

    /// Converts `buf[..n]` into `ready`, copying runs without quotes or line ends in bulk.
    fn convert(&mut self, n: usize) {
        let mut i = 0;
        while i < n {
            let chunk = &self.buf[i..n];
            // Inside quotes only quotes and LFs (for the line count) matter; outside, CRs too.
            let next = if self.in_quotes {
                memchr::memchr2(b'"', b'\n', chunk)
            } else {
                memchr::memchr3(b'"', b'\n', b'\r', chunk)
            };
            let run = next.unwrap_or(chunk.len());
            if run > 0 {
                self.pending_cr = false;
                if !self.in_quotes {
                    self.after_quote = false;
                    self.at_line_start = false;
                    self.at_field_start = chunk[run - 1] == self.delimiter;
                }
                self.ready.extend_from_slice(&chunk[..run]);
                i += run;
                continue;
            }
            let b = chunk[0];
            self.step(b);
            i += 1;
        }
    }

    fn step(&mut self, b: u8) {
        // CR LF: the LF was already written for the CR. Whatever else follows a CR — a quote
        // too — ends the wait, or a later LF would be swallowed (`\r""\n` lost a line).
        if std::mem::take(&mut self.pending_cr) && b == b'\n' {
            return;
        }
        if self.in_quotes {
            if b == b'"' {
                self.in_quotes = false;
                self.after_quote = true;
            } else if b == b'\n' {
                self.line += 1;
            }
            self.ready.push(b);
            return;
        }
        if b == b'"' {
            if self.after_quote {
                // `""` inside a quoted cell: a literal quote, still inside.
                self.in_quotes = true;
            } else if self.at_field_start {
                self.in_quotes = true;
                self.quote_line = self.line;
            }
            self.after_quote = false;
            self.at_field_start = false;
            self.at_line_start = false;
            self.ready.push(b);
            return;
        }
        self.after_quote = false;
        let byte = if b == b'\r' {
            self.pending_cr = true;
            b'\n'
        } else {
            b
        };
        if byte == b'\n' {
            if self.at_line_start {
                self.ready.push(b' ');
            }
            self.at_line_start = true;
            self.at_field_start = true;
            self.line += 1;
            self.ready.push(byte);
            self.boundary = self.ready.len();
            self.boundary_line = self.line;
            return;
        }
        self.at_line_start = false;
        self.at_field_start = byte == self.delimiter;
        self.ready.push(byte);
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        if out.is_empty() {
            return Ok(0);
        }
        if self.pos >= self.ready.len() && !self.fill()? {
            return Ok(0);
        }
        let n = out.len().min(self.ready.len() - self.pos);
        out[..n].copy_from_slice(&self.ready[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

/// Picks the delimiter that splits the header line into the most fields (outside quotes).
fn sniff_delimiter(spec: &FileSpec) -> Result<u8> {
    let mut text = Vec::new();
    // Quotes are tracked with `,`: only line ends matter here, and an unclosed quote is
    // reported when the file is read for real, with its delimiter.
    let mut reader = LineEnds::new(decoded(spec)?, b',').take(256 * 1024);
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

fn clean_header(names: impl Iterator<Item = String>) -> Vec<String> {
    names
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 { h.trim_start_matches('\u{feff}').to_string() } else { h };
            h.trim().to_string()
        })
        .collect()
}

/// An empty header, or two columns of one name (a mapping could not tell them apart), is an error.
fn check_header(spec: &FileSpec, header: &[String], line: u64) -> Result<()> {
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

/// Reads one sheet of a workbook into memory (workbooks are bounded by Excel's row limit).
fn open_workbook(spec: &FileSpec) -> Result<Table> {
    use calamine::{open_workbook_auto, Data, Reader};
    let fail = |m: String| Error::one(Diagnostic::file(&spec.display, m));
    check_unpacked_size(spec)?;
    let mut wb = open_workbook_auto(&spec.path).map_err(|e| fail(format!("cannot read the workbook: {e}")))?;
    let names = wb.sheet_names();
    let name = match &spec.sheet {
        None => names.first().cloned().ok_or_else(|| fail("the workbook has no sheet".into()))?,
        Some(s) => match s.parse::<usize>() {
            Ok(i) if i >= 1 && i <= names.len() => names[i - 1].clone(),
            Ok(i) => {
                return Err(fail(format!(
                    "sheet {i} does not exist; the workbook has {} sheets: {}",
                    names.len(),
                    names.join(", ")
                )))
            }
            Err(_) if names.contains(s) => s.clone(),
            Err(_) => {
                let hint = did_you_mean(s, names.iter().map(String::as_str))
                    .map(|c| format!(" (did you mean `{c}`?)"))
                    .unwrap_or_default();
                return Err(fail(format!("no sheet named `{s}`{hint}; the sheets are: {}", names.join(", "))));
            }
        },
    };
    let range = wb.worksheet_range(&name).map_err(|e| fail(format!("cannot read sheet `{name}`: {e}")))?;
    let first_row = range.start().map(|(r, _)| u64::from(r) + 1).unwrap_or(1);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    let cell_text = |d: &Data| -> String {
        match d {
            Data::Empty => String::new(),
            Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
            Data::Int(i) => i.to_string(),
            Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Data::Float(f) => f.to_string(),
            Data::Bool(b) => b.to_string(),
            Data::DateTime(dt) => match dt.as_datetime() {
                Some(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
                Some(t) => t.format("%Y-%m-%d %H:%M:%S").to_string(),
                None => dt.as_f64().to_string(),
            },
            Data::Error(e) => format!("#{e:?}"),
        }
    };
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    for (i, r) in range.rows().enumerate() {
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend(r.iter().map(cell_text));
        rows.push((first_row + i as u64, cells));
    }
    // The header is the row Excel shows as `header_row`; rows above it (titles) are skipped.
    let Some(pos) = rows.iter().position(|(row, _)| *row == spec.header_row) else {
        return Err(fail(format!("sheet `{name}` has no row {} to read the header from", spec.header_row)));
    };
    let mut rest = rows.split_off(pos);
    let (header_row, header_cells) = rest.remove(0);
    let header = clean_header(header_cells.into_iter());
    check_header(spec, &header, header_row)?;
    let width = header.len();
    let data: Vec<(u64, Vec<String>)> = rest
        .into_iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .map(|(row, mut cells)| {
            cells.resize(width, String::new());
            (row, cells)
        })
        .collect();
    Ok(Table {
        source: Source::Sheet { rows: data.into_iter() },
        header,
        malformed: Vec::new(),
        display: spec.display.clone(),
    })
}

/// Most workbook formats are zip archives. Before calamine unpacks one, its table of contents
/// says how large it would become: a workbook that would unpack to more than 1 GiB, or a
/// member that inflates more than 1,000-fold past 10 MiB, is refused as a likely zip bomb.
fn check_unpacked_size(spec: &FileSpec) -> Result<()> {
    const MAX_TOTAL: u64 = 1 << 30;
    let Ok(file) = File::open(&spec.path) else { return Ok(()) };
    // Not a zip (an .xls is an OLE file): calamine reads it as it is.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        let (size, packed) = (entry.size(), entry.compressed_size().max(1));
        total = total.saturating_add(size);
        if total > MAX_TOTAL || (size > 10 << 20 && size / packed > 1000) {
            return Err(Error::one(Diagnostic::file(
                &spec.display,
                format!(
                    "the workbook would unpack to {} MB (`{}` inflates {}-fold); refused as a likely zip bomb — export the sheet as CSV instead",
                    total >> 20,
                    entry.name().map(|n| n.into_owned()).unwrap_or_default(),
                    size / packed
                ),
            )));
        }
    }
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
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8; if the file was saved by Excel on Chinese Windows, set `encoding: gb18030`",
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => io.to_string(),
        csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
        _ => e.to_string(),
    };
    let mut d = Diagnostic::file(display, message);
    d.line = (line > 0).then_some(line);
    Error::one(d)
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

#[cfg(test)]
mod line_end_tests {
    use super::*;

    fn convert(input: &[u8]) -> String {
        let mut out = Vec::new();
        LineEnds::new(input, b',').read_to_end(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn crlf_and_cr_become_lf_and_blank_lines_hold_a_space() {
        assert_eq!(convert(b"a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(convert(b"Title\r\n\r\nid;x\r\n"), "Title\n \nid;x\n");
        assert_eq!(convert(b"\nfirst"), " \nfirst");
        // A line that starts with a quote after a lone CR keeps its own LF.
        assert_eq!(convert(b"a\r\"\"\nb"), "a\n\"\"\nb");
    }

    #[test]
    fn line_ends_inside_quoted_cells_are_left_as_written() {
        assert_eq!(convert(b"a,\"x\r\ny\n\nz\"\r\nb"), "a,\"x\r\ny\n\nz\"\nb");
        assert_eq!(convert(b"a,\"say \"\"hi\"\"\r\n\"\r\n"), "a,\"say \"\"hi\"\"\r\n\"\n");
        // A quote in the middle of a cell is an ordinary character.
        assert_eq!(convert(b"5\" screen,ok\r\nnext"), "5\" screen,ok\nnext");
    }

    #[test]
    fn an_unclosed_quote_is_an_error_naming_its_line() {
        let mut out = Vec::new();
        let e = LineEnds::new(&b"id,c\n1,ok\n2,\"never closed\n3,x\n"[..], b',').read_to_end(&mut out).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(3), "{e}");
    }

    #[test]
    fn a_reader_asking_one_byte_at_a_time_gets_everything() {
        let mut r = LineEnds::new(&b"ab\r\ncd"[..], b',');
        let mut out = Vec::new();
        let mut one = [0u8; 1];
        while r.read(&mut one).unwrap() == 1 {
            out.push(one[0]);
        }
        assert_eq!(out, b"ab\ncd");
    }
}

#[cfg(test)]
mod chunk_tests {
    use super::*;

    /// Hands out its input one byte per read, as a slow pipe might.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
            let Some((first, rest)) = self.0.split_first() else { return Ok(0) };
            out[0] = *first;
            self.0 = rest;
            Ok(1)
        }
    }

    /// Every chunk of `input` cut with a `target` of a few bytes, with its first line.
    fn chunks(input: &[u8], target: usize) -> Vec<(u64, String)> {
        let mut r = LineEnds::new(Trickle(input), b',');
        let mut out = Vec::new();
        let mut buf = Vec::new();
        while let Some(line) = r.next_chunk(&mut buf, target).unwrap() {
            out.push((line, String::from_utf8(buf.clone()).unwrap()));
        }
        out
    }

    #[test]
    fn chunks_end_on_record_boundaries_never_inside_quotes() {
        let input = b"a,\"x\ny\",1\nb,2\r\nc,\"p\r\n\"\"q\"\"\",3\n\nd,4";
        let got = chunks(input, 1);
        assert_eq!(
            got,
            vec![
                (1, "a,\"x\ny\",1\n".to_string()),
                (3, "b,2\n".to_string()),
                (4, "c,\"p\r\n\"\"q\"\"\",3\n".to_string()),
                (6, " \n".to_string()),
                (7, "d,4".to_string()),
            ]
        );
        // Whatever the chunk size, the chunks join up to the whole normalised text.
        for target in [2, 5, 13, 1000] {
            let joined: String = chunks(input, target).into_iter().map(|(_, t)| t).collect();
            assert_eq!(joined, "a,\"x\ny\",1\nb,2\nc,\"p\r\n\"\"q\"\"\",3\n \nd,4");
        }
    }

    #[test]
    fn an_unclosed_quote_fails_the_chunk_with_its_line() {
        let mut r = LineEnds::new(&b"id,c\n1,\"open\n2,x\n"[..], b',');
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(2));
    }

    #[test]
    fn a_record_past_the_limit_is_an_error_not_a_buffer_of_the_whole_file() {
        let mut input = b"id,c\n1,\"open\n".to_vec();
        input.extend(std::iter::repeat_n(b'x', 5000));
        let mut r = LineEnds::new(Trickle(&input), b',');
        r.max_record = 1000;
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        let q = e.get_ref().and_then(|i| i.downcast_ref::<UnclosedQuote>()).map(|q| q.line);
        assert_eq!(q, Some(2));
        assert!(r.ready.len() < 1100, "{} bytes held", r.ready.len());

        let mut r = LineEnds::new(Trickle(&[b'y'; 5000]), b',');
        r.max_record = 1000;
        let e = r.next_chunk(&mut Vec::new(), 1 << 20).unwrap_err();
        assert!(e.to_string().contains("line 1 runs on for more than"), "{e}");
    }

    /// Records of CSV text, as the csv crate reads them.
    fn records(text: &[u8]) -> Vec<Vec<Vec<u8>>> {
        let shape = CsvShape { delimiter: b',', width: 0, skip_malformed: true, display: String::new() };
        let mut reader = shape.reader(text);
        let mut rec = ByteRecord::new();
        let mut out = Vec::new();
        while reader.read_byte_record(&mut rec).unwrap() {
            out.push(rec.iter().map(<[u8]>::to_vec).collect());
        }
        out
    }

    proptest::proptest! {
        /// Whatever the text and the chunk size: the chunks join up to the text normalised in
        /// one go, each starts on the line that text says, and parsing them one by one gives
        /// the records of parsing the whole — no cut falls inside a record.
        #[test]
        fn chunks_never_split_a_record(input in "[ab,\"\r\n]{0,120}", target in 1usize..40) {
            let mut whole = Vec::new();
            let read = LineEnds::new(input.as_bytes(), b',').read_to_end(&mut whole);
            let mut r = LineEnds::new(Trickle(input.as_bytes()), b',');
            let mut chunks = Vec::new();
            let mut buf = Vec::new();
            loop {
                match r.next_chunk(&mut buf, target) {
                    Ok(Some(line)) => chunks.push((line, buf.clone())),
                    Ok(None) => break,
                    Err(_) => {
                        proptest::prop_assert!(read.is_err(), "only the one-go read may succeed");
                        return Ok(());
                    }
                }
            }
            proptest::prop_assert!(read.is_ok());
            let joined: Vec<u8> = chunks.iter().flat_map(|(_, c)| c.clone()).collect();
            proptest::prop_assert_eq!(&joined, &whole);
            let mut at = 0;
            let mut parts = Vec::new();
            for (line, c) in &chunks {
                let expected = 1 + whole[..at].iter().filter(|b| **b == b'\n').count() as u64;
                proptest::prop_assert_eq!(*line, expected);
                at += c.len();
                parts.extend(records(c));
            }
            proptest::prop_assert_eq!(parts, records(&whole));
        }
    }

    #[test]
    fn rows_of_a_chunk_carry_their_file_line() {
        let shape = CsvShape { delimiter: b',', width: 2, skip_malformed: true, display: "t.csv".into() };
        let chunk = TextChunk { first_line: 10, bytes: b"a,\"x\ny\"\n \n,\nb,1,extra\nc,2\n".to_vec() };
        let mut seen = Vec::new();
        shape
            .for_each_row(&chunk, &mut ByteRecord::new(), |row| {
                seen.push(match row {
                    Row::Data(line, r) => format!("{line}:{}", String::from_utf8_lossy(r.get(0).unwrap())),
                    Row::Malformed(line) => format!("{line}:malformed"),
                });
                Ok(())
            })
            .unwrap();
        // The blank line (12) and the row of empty cells (13) are not rows.
        assert_eq!(seen, ["10:a", "14:malformed", "15:c"]);
    }
}
