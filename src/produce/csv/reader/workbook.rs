//! Workbook sheets (XLSX, XLS, XLSB, ODS) through calamine.

use std::fs::File;
use std::io::BufReader;

use super::header::{check_header, clean_header};
use super::{Source, Table};
use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::FileSpec;

/// Reads one sheet of a workbook into memory (workbooks are bounded by Excel's row limit).
pub(super) fn open_workbook(spec: &FileSpec) -> Result<Table> {
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
        encoding: None,
        warnings: Vec::new(),
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
