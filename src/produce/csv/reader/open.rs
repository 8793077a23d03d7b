//! Opening a data file: what it is, its encoding and delimiter, and the header row, into a
//! [`Table`] whose rows can be read.

use csv::ByteRecord;

use super::*;

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
    check_header_width(spec, raw.len(), header_line)?;
    // A header written `="ID",="NPS"` as the rows below it are (see `rows::unwrap_text_formulas`).
    super::rows::unwrap_text_formulas(&mut raw);
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

/// Most columns a file may have: Excel's own limit (a sheet's columns end at XFD). Every
/// column costs the build a name, a profile and a place in each row's plan, so a header of
/// millions of empty names (4 MB of commas) would take gigabytes before a row is read.
pub const MAX_COLUMNS: usize = 16_384;

/// A header wider than [`MAX_COLUMNS`] is an error at its line.
fn check_header_width(spec: &FileSpec, columns: usize, header_line: u64) -> Result<()> {
    if columns <= MAX_COLUMNS {
        return Ok(());
    }
    let mut d = Diagnostic::file(
        &spec.display,
        format!(
            "the header row has {columns} columns; cxsite reads at most {MAX_COLUMNS} (Excel's limit): check the delimiter, or that this line is the header"
        ),
    );
    d.line = Some(header_line);
    Err(Error::one(d))
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
        let sample = decode::sample(&spec.path);
        // A UTF-8 byte-order mark then UTF-16 text (a tool that wrote one and encoded the
        // other): no encoding reads both, and the mark shifts the NUL bytes' places, so that
        // the byte order they tell is the wrong one.
        let after_mark = sample.strip_prefix(&[0xEF, 0xBB, 0xBF][..]);
        match decode::guess_encoding(after_mark.unwrap_or(&sample)) {
            Some(("utf-16le" | "utf-16be", _)) if after_mark.is_some() => Some(
                "the header row holds NUL bytes: the file opens with a UTF-8 byte-order mark, but the text after it is UTF-16 (a NUL byte beside each letter), which no one encoding reads; save the file again as UTF-8 (in Excel: CSV UTF-8)".to_string(),
            ),
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
    if let Some(d) = layout::quoted_whole(&header, &below, shape.delimiter) {
        return Err(layout::quoted_whole_error(spec, &header[0], d, header_line));
    }
    if let Some(line) = layout::title_above(&header, &below) {
        let names = match header.iter().filter(|h| !h.trim().is_empty()).count() {
            1 => format!("only its first column (`{}`)", header[0]),
            n => format!("only {n} of its {} columns", header.len()),
        };
        let mut d = Diagnostic::file(
            &spec.display,
            format!(
                "line {header_line}, read as the header, names {names}, as a title above a table does; line {line} looks like the header: set `header_row: {line}` for this dataset"
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
