//! Opening the export as the build will read it: its encoding, the reader's spec with the
//! layout a survey tool writes, and, of a workbook, the sheet to guess from.

use super::*;

/// The encoding a CSV file needs declared: `None` for UTF-8 or a file with a UTF-16 BOM.
pub(super) fn sniff_encoding(path: &Path) -> Result<Option<&'static encoding_rs::Encoding>> {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(1 << 18).read_to_end(&mut head))
        .map_err(|e| Error::io("read", path, e))?;
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) || head.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Ok(None);
    }
    // UTF-16 without a BOM: every other byte of ASCII text is 0.
    let pairs = head.len() / 2;
    if pairs >= 4 {
        let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        if zero_odd * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16LE));
        }
        if zero_even * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16BE));
        }
    }
    match std::str::from_utf8(&head) {
        Ok(_) => Ok(None),
        // Cut in the middle of a character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok(None),
        // UTF-8 but for a character cut short somewhere: read as UTF-8, that cell skipped.
        Err(_) if reader::plainly_utf8(reader::utf8_profile(&head)) => Ok(Some(encoding_rs::UTF_8)),
        // The guess a build's message would give (Shift-JIS, Big5, GB18030, Windows-1252…).
        Err(_) => Ok(Some(
            reader::guess_encoding(&head)
                .and_then(|(label, _)| encoding_rs::Encoding::for_label(label.as_bytes()))
                .unwrap_or(encoding_rs::WINDOWS_1252),
        )),
    }
}
/// The reader's spec for `file`, with its layout (a preamble above the header and a survey
/// tool's layout) sniffed from the first lines or rows.
pub(super) fn open_spec(
    file: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    workbook: bool,
    sheet: Option<String>,
) -> Result<(FileSpec, reader::Layout)> {
    let mut spec = FileSpec { sheet, ..open_spec_base(file, encoding, workbook) };
    let layout = if workbook { reader::sniff_workbook_layout(&spec)? } else { reader::sniff_layout(&spec)? };
    spec.header_row = layout.header_row;
    spec.export = layout.export;
    Ok((spec, layout))
}

/// The reader's spec for `file` read from its first line or sheet.
pub(super) fn open_spec_base(
    file: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    workbook: bool,
) -> FileSpec {
    FileSpec {
        path: file.to_path_buf(),
        display: file.display().to_string(),
        path_at: None,
        header_row_at: None,
        encoding,
        delimiter: None,
        header_row: 1,
        sheet: None,
        sheet_at: None,
        workbook,
        skip_malformed: true,
        root: None,
        export: None,
    }
}

/// Of a workbook of several visible worksheets, the one of most rows (up to [`super::sample::SAMPLE_ROWS`];
/// the first of equals) and all their names: a `Summary` or cover sheet before the responses
/// is not what to report on. `None` for a workbook of one sheet.
pub(super) fn busiest_sheet(file: &Path) -> Result<Option<(String, Vec<String>)>> {
    let probe = open_spec_base(file, None, true);
    let names = reader::worksheet_names(&probe)?;
    if names.len() < 2 {
        return Ok(None);
    }
    let mut best: Option<(usize, &String)> = None;
    for name in &names {
        // A sheet with no table to read (a cover sheet of text) counts as none.
        let rows = open_spec(file, None, true, Some(name.clone()))
            .and_then(|(spec, _)| sample_columns(&spec))
            .map_or(0, |s| s.rows);
        if best.is_none_or(|(most, _)| rows > most) {
            best = Some((rows, name));
        }
    }
    let read = best.map_or_else(|| names[0].clone(), |(_, n)| n.clone());
    Ok(Some((read, names)))
}
