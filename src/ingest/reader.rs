//! Opening a data file: decoding to UTF-8 as it streams, and reading its header.

use std::fs::File;
use std::io::{BufReader, Read};

use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::{ColumnName, FileSpec, PROJECT_FILE};

/// An open CSV file with its header.
pub struct CsvFile {
    pub reader: csv::Reader<Box<dyn Read + Send>>,
    /// Header names, trimmed, BOM removed.
    pub header: Vec<String>,
}

/// Opens `spec` and reads its header row.
pub fn open(spec: &FileSpec) -> Result<CsvFile> {
    let file = File::open(&spec.path)
        .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot open the file: {e}"))))?;
    // The decoder strips a BOM and turns GB18030 / UTF-16 into UTF-8; UTF-8 input passes
    // through untouched so that invalid bytes are reported by row, not silently replaced.
    let source: Box<dyn Read + Send> = if spec.encoding == encoding_rs::UTF_8 {
        Box::new(BufReader::with_capacity(1 << 16, file))
    } else {
        Box::new(
            encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(spec.encoding))
                .build(BufReader::with_capacity(1 << 16, file)),
        )
    };
    let mut reader =
        csv::ReaderBuilder::new().delimiter(spec.delimiter).has_headers(true).flexible(false).from_reader(source);
    let raw_header = reader.byte_headers().map_err(|e| csv_error(spec, e))?;
    if spec.encoding == encoding_rs::UTF_8 && raw_header.iter().any(|h| std::str::from_utf8(h).is_err()) {
        let mut d = Diagnostic::file(
            &spec.display,
            "the header row is not valid UTF-8; if the file was saved by Excel on Chinese Windows, set `encoding: gb18030` for this dataset",
        );
        d.line = Some(1);
        return Err(Error::one(d));
    }
    let header = raw_header
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let h = if i == 0 { h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h) } else { h };
            String::from_utf8_lossy(h).trim().to_string()
        })
        .collect::<Vec<_>>();
    if header.iter().all(String::is_empty) {
        return Err(Error::one(Diagnostic::file(&spec.display, "the file is empty or has no header row")));
    }
    Ok(CsvFile { reader, header })
}

/// A located message for a structural CSV problem.
pub fn csv_error(spec: &FileSpec, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line()).unwrap_or(0);
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => format!(
            "this row has {len} fields but the header has {expected_len}; check the delimiter (`delimiter:`) and quoting"
        ),
        csv::ErrorKind::Utf8 { err, .. } => format!(
            "field {} is not valid UTF-8; if the file was saved by Excel on Chinese Windows, set `encoding: gb18030`",
            err.field() + 1
        ),
        csv::ErrorKind::Io(io) => format!("cannot read the file: {io}"),
        _ => e.to_string(),
    };
    let mut d = Diagnostic::file(&spec.display, message);
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
