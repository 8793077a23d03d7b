//! Workbook sheets (XLSX, XLS, XLSB, ODS) through calamine.
//!
//! An `.xlsx` sheet is read as a stream: a thread walks its cells with calamine's cell
//! reader and hands rows over in batches through a bounded channel, so memory stays flat
//! however many rows a small file unpacks to. Other formats are read whole, under a cap on
//! their (unpacked) size and on the size their sheets declare (`declared`).

use std::fs::File;
use std::io::BufReader;
use std::sync::mpsc;

use calamine::{Data, Reader};

use super::header::{check_header, clean_header};
use super::kind::Kind;
use super::{Source, Table, SHEET_ROWS};
use crate::error::{did_you_mean, Diagnostic, Error, Result};
use crate::project::FileSpec;

mod cells;
mod limits;
mod merged;
mod stream;

use cells::*;
use limits::*;
use stream::*;
pub(super) use stream::{cell_ref, out_of_sheet};

/// A sheet's rows after its header: (1-based row, cells by column), in sheet order.
pub(super) type SheetRows = Box<dyn Iterator<Item = Result<(u64, Vec<String>)>> + Send>;

/// Rows sent from the reading thread, or why reading stopped.
type Batch = std::result::Result<Vec<(u64, Vec<String>)>, String>;

/// The largest workbook (unpacked, or the file for `.xls`) read whole.
const MAX_WHOLE: u64 = 256 << 20;

/// Batches of rows in flight from the reading thread.
const BATCHES_IN_FLIGHT: usize = 2;

/// Opens one sheet of a workbook and reads its header.
pub(super) fn open_workbook(spec: &FileSpec, kind: Kind) -> Result<Table> {
    let ((name, note), rows, regions) = sheet_rows(spec, kind)?;
    let merges = merged::merged_down(&regions, spec.header_row);
    let warning = merged::merged_warning(&spec.display, &merges);
    let mut table = with_header(spec, &name, merged::fill_merged(rows, merges))?;
    table.column_note = note;
    table.warnings.extend(warning);
    Ok(table)
}

/// Runs `read` on its own thread, named so that a panic there is not printed: calamine's
/// readers index a file's tables with the numbers the file gives (in `.xlsb`, a shared string
/// past the end of the table, a sheet relation that is not there, a record shorter than its
/// fields) and may panic on a damaged file, which becomes an error naming it.
fn contained<T: Send>(spec: &FileSpec, read: impl FnOnce() -> Result<T> + Send) -> Result<T> {
    const NAME: &str = "workbook-reader";
    static QUIET: std::sync::Once = std::sync::Once::new();
    QUIET.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if std::thread::current().name() != Some(NAME) {
                previous(info);
            }
        }));
    });
    let damaged = || {
        Error::one(Diagnostic::file(
            &spec.display,
            "cannot read the workbook: the file is damaged (it points at parts or values it does not hold) — open and save it in Excel, or export the sheet as CSV",
        ))
    };
    std::thread::scope(|s| match std::thread::Builder::new().name(NAME.into()).spawn_scoped(s, read) {
        Ok(handle) => handle.join().unwrap_or_else(|_| Err(damaged())),
        Err(_) => Err(damaged()),
    })
}

/// Reads a workbook's first rows to find where its header is (below a title, a date of
/// export) and which tool wrote it, as [`super::layout::sniff_layout`] does for a CSV file
/// (`cxsite init --from-csv`).
pub fn sniff_workbook_layout(spec: &FileSpec) -> Result<super::layout::Layout> {
    let kind = super::sniff_kind(&spec.path, &spec.display)?;
    let (_, rows, regions) = sheet_rows(spec, kind)?;
    let rows = merged::fill_merged(rows, merged::merged_down(&regions, spec.header_row));
    let mut records: Vec<super::layout::Peeked> = Vec::new();
    for r in rows.take(super::layout::PEEK_RECORDS) {
        let (line, cells) = r?;
        let cells: Vec<String> = cells.iter().take(filled(&cells)).map(|c| c.trim().to_string()).collect();
        // Rows of empty cells above the header are no record, as blank lines in a CSV.
        if !(cells.is_empty() && records.is_empty()) {
            records.push((line, cells));
        }
    }
    Ok(super::layout::layout_of(&records))
}

/// The sheet to read, its rows and its merged cells (as calamine finds them: in `.xlsx` and
/// `.xls`): streamed from an `.xlsx`, read whole from other formats, after the zip-bomb check.
fn sheet_rows(spec: &FileSpec, kind: Kind) -> Result<(Picked, SheetRows, Vec<calamine::Dimensions>)> {
    check_before_open(spec, kind)?;
    let fail = |e: String| Error::one(Diagnostic::file(&spec.display, format!("cannot read the workbook: {e}")));
    match kind {
        Kind::Xlsx => stream_xlsx(spec),
        Kind::Xls => contained(spec, || {
            let mut wb: calamine::Xls<_> =
                calamine::open_workbook(&spec.path).map_err(|e: calamine::XlsError| fail(e.to_string()))?;
            let (picked, rows) = read_whole(spec, &mut wb)?;
            let merges = wb.merge_cells_by_sheet_name(&picked.0).unwrap_or_default();
            Ok((picked, rows, merges))
        }),
        Kind::Xlsb => contained(spec, || {
            let mut wb: calamine::Xlsb<BufReader<File>> =
                calamine::open_workbook(&spec.path).map_err(|e: calamine::XlsbError| fail(e.to_string()))?;
            // The sheet's size is known only from its cells: checked before it is laid out.
            let (name, _) = pick_sheet(spec, wb.sheets_metadata())?;
            super::declared::check_xlsb(&mut wb, &name).map_err(|m| Error::one(Diagnostic::file(&spec.display, m)))?;
            let (picked, rows) = read_whole(spec, &mut wb)?;
            Ok((picked, rows, Vec::new()))
        }),
        Kind::Ods => contained(spec, || {
            let mut wb: calamine::Ods<_> =
                calamine::open_workbook(&spec.path).map_err(|e: calamine::OdsError| fail(e.to_string()))?;
            let (picked, rows) = read_whole(spec, &mut wb)?;
            Ok((picked, rows, Vec::new()))
        }),
        Kind::Text => Err(fail("the file is text, not a workbook".into())),
    }
}

/// The checks a workbook passes before calamine opens it: its unpacked size (zip bombs), and,
/// as calamine lays out every sheet of an .xls or .ods when it opens one, the size the file
/// declares (super::declared). An .xlsb sheet is checked when it is read (see `sheet_rows`).
fn check_before_open(spec: &FileSpec, kind: Kind) -> Result<()> {
    check_unpacked_size(spec, kind == Kind::Xlsx)?;
    let declared = match kind {
        Kind::Xls => super::declared::check_xls(&spec.path),
        Kind::Ods => super::declared::check_ods(&spec.path),
        _ => Ok(()),
    };
    declared.map_err(|m| Error::one(Diagnostic::file(&spec.display, m)))?;
    Ok(())
}

/// The visible worksheets of a workbook, in order (`cxsite init --from-csv` reads the one of
/// most rows), after the same size checks as reading one.
pub fn worksheet_names(spec: &FileSpec) -> Result<Vec<String>> {
    let kind = super::sniff_kind(&spec.path, &spec.display)?;
    check_before_open(spec, kind)?;
    contained(spec, || {
        let wb = calamine::open_workbook_auto(&spec.path)
            .map_err(|e| Error::one(Diagnostic::file(&spec.display, format!("cannot read the workbook: {e}"))))?;
        Ok(wb
            .sheets_metadata()
            .iter()
            .filter(|s| s.visible == calamine::SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet)
            .map(|s| s.name.clone())
            .collect())
    })
}

/// The number of cells of a row up to its last filled one: a sheet's rows are padded to its
/// range.
fn filled(row: &[String]) -> usize {
    row.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1)
}

/// The sheet read and, when the dataset names none and the workbook has others, a note for a
/// message about a column the sheet lacks.
type Picked = (String, Option<String>);

/// The sheet the dataset names (by name or 1-based position), or the first visible worksheet:
/// a hidden sheet (lookup lists, an old copy) or a chart sheet before it is not what anyone
/// who opens the workbook sees first.
fn pick_sheet(spec: &FileSpec, sheets: &[calamine::Sheet]) -> Result<Picked> {
    let fail = |m: String| Error::one(Diagnostic::file(&spec.display, m));
    // A sheet that is not there is a mistake in cxsite.yaml: shown at its `sheet:`.
    let at_sheet = |m: String| match spec.sheet_at {
        Some((line, column)) => Error::one(Diagnostic::at(crate::project::PROJECT_FILE, line, column, m)),
        None => fail(m),
    };
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let named = match &spec.sheet {
        None => {
            let shown = |s: &&calamine::Sheet| {
                s.visible == calamine::SheetVisible::Visible && s.typ == calamine::SheetType::WorkSheet
            };
            let first = sheets
                .iter()
                .find(shown)
                .or_else(|| sheets.iter().find(|s| s.typ == calamine::SheetType::WorkSheet))
                .or_else(|| sheets.first())
                .map(|s| s.name.clone())
                .ok_or_else(|| fail("the workbook has no sheet".into()))?;
            let skipped = names.iter().position(|n| *n == first).unwrap_or(0);
            let note = (names.len() > 1).then(|| {
                let which = if skipped == 0 { "first sheet" } else { "first visible worksheet" };
                format!(
                    " (read from the workbook's {which}, `{first}`, as the dataset names no `sheet:`; its sheets are: {})",
                    names.join(", ")
                )
            });
            return Ok((first, note));
        }
        Some(s) => {
            // A sheet named exactly so wins over a position: sheets named `2023` and `2024`,
            // or `2` and `1`, are found by name.
            if names.iter().any(|n| n == s) {
                s.clone()
            } else {
                match s.trim().parse::<usize>() {
                    Ok(i) if i >= 1 && i <= names.len() => names[i - 1].clone(),
                    Ok(i) => {
                        return Err(at_sheet(format!(
                            "{} has no sheet named `{s}`, nor a sheet {i} by position: it has {} sheets: {}",
                            spec.display,
                            names.len(),
                            names.join(", ")
                        )))
                    }
                    Err(_) => {
                        let hint = did_you_mean(s, names.iter().map(String::as_str))
                            .map(|c| format!(" (did you mean `{c}`?)"))
                            .unwrap_or_default();
                        return Err(at_sheet(format!(
                            "{} has no sheet named `{s}`{hint}; its sheets are: {}",
                            spec.display,
                            names.join(", ")
                        )));
                    }
                }
            }
        }
    };
    Ok((named, None))
}

/// Reads a whole sheet (formats calamine cannot stream); every row of its used range.
fn read_whole<W>(spec: &FileSpec, wb: &mut W) -> Result<(Picked, SheetRows)>
where
    W: Reader<BufReader<File>>,
    W::Error: std::fmt::Display,
{
    let fail = |m: String| Error::one(Diagnostic::file(&spec.display, m));
    let (name, note) = pick_sheet(spec, wb.sheets_metadata())?;
    let range = wb.worksheet_range(&name).map_err(|e| fail(format!("cannot read sheet `{name}`: {e}")))?;
    if let Some(m) = range.end().and_then(|(r, c)| out_of_sheet(&name, r, c)) {
        return Err(fail(m));
    }
    let first_row = range.start().map(|(r, _)| u64::from(r) + 1).unwrap_or(1);
    let first_col = range.start().map(|(_, c)| c as usize).unwrap_or(0);
    // Rows as text one at a time, not the whole sheet twice over.
    let height = range.height();
    let rows = (0..height).map(move |i| {
        let mut cells: Vec<String> = vec![String::new(); first_col];
        cells.extend((0..range.width()).map(|j| range.get((i, j)).map(cell_text).unwrap_or_default()));
        Ok((first_row + i as u64, cells))
    });
    Ok(((name, note), Box::new(rows)))
}

/// Finds the header — the row Excel shows as `header_row`; rows above it (titles) are
/// skipped — and hands out the non-blank rows after it, as wide as the header.
fn with_header(spec: &FileSpec, name: &str, mut rows: SheetRows) -> Result<Table> {
    let fail = |m: String| Error::one(Diagnostic::file(&spec.display, m));
    let no_row = || {
        let at = FileSpec::setting_at("header_row", spec.header_row_at);
        fail(format!("sheet `{name}` has no row {} to read the header from{at}", spec.header_row))
    };
    let mut first = true;
    let (header_row, header_cells) = loop {
        let Some(r) = rows.next() else { return Err(no_row()) };
        let (row, cells) = r?;
        if first && row > spec.header_row {
            return Err(no_row());
        }
        first = false;
        if row == spec.header_row {
            break (row, cells);
        }
        if row > spec.header_row {
            // The header row is inside the sheet but holds nothing.
            break (spec.header_row, Vec::new());
        }
    };
    let header = clean_header(header_cells.into_iter());
    check_header(spec, &header, header_row)?;
    // The rows below the header, read ahead for a preamble and a tool's header rows, then
    // handed back in front of the rest. A sheet's rows are padded to its range, so a
    // preamble shows as fewer filled cells.
    let ahead: Vec<(u64, Vec<String>)> = rows.by_ref().take(super::layout::PEEK_RECORDS).collect::<Result<_>>()?;
    let below: Vec<super::layout::Peeked> =
        ahead.iter().map(|(l, r)| (*l, r.iter().take(filled(r)).map(|c| c.trim().to_string()).collect())).collect();
    if let Some(at) = super::layout::preamble_for(spec.export, filled(&header), &below) {
        return Err(super::layout::preamble_error(spec, header_row, filled(&header), at));
    }
    let mut header_rows = vec![header.clone()];
    let (header, questions, skip, declared_zones) = match spec.export {
        None => {
            super::layout::undeclared(spec, &header, &below, header_row)?;
            (header, Vec::new(), 0, Vec::new())
        }
        Some(export) => {
            let n = super::layout::rows_below(export, &below);
            let extra: Vec<Vec<String>> = ahead[..n].iter().map(|(_, r)| r.clone()).collect();
            let zones = super::layout::declared_zones(export, &below[..n]);
            header_rows.extend(extra.iter().map(|r| clean_header(r.iter().cloned())));
            let (h, q) = super::layout::combine(export, header, &extra);
            (h, q, n, zones)
        }
    };
    let mut last = if skip > 0 { ahead[skip - 1].0 } else { header_row };
    let first_data_line = last + 1;
    let rows = ahead.into_iter().skip(skip).map(Ok).chain(rows);
    let width = header.len();
    // A row of empty cells between rows — or a row a streamed sheet does not hold at all — is
    // a row of the sheet like a blank line of a CSV: handed on with no cells (the header has
    // at least one), to be counted and left out. Empty rows after the last row are the sheet's
    // formatted range, not rows: never handed on.
    let mut blank: Vec<u64> = Vec::new();
    let data = rows.flat_map(move |r| -> Vec<Result<(u64, Vec<String>)>> {
        match r {
            Ok((row, cells)) => {
                blank.extend(last + 1..row);
                last = row;
                if cells.iter().all(|c| c.trim().is_empty()) {
                    blank.push(row);
                    return Vec::new();
                }
                let mut cells = cells;
                cells.resize(width, String::new());
                blank.drain(..).map(|b| Ok((b, Vec::new()))).chain([Ok((row, cells))]).collect()
            }
            Err(e) => vec![Err(e)],
        }
    });
    Ok(Table {
        source: Source::Sheet { rows: Box::new(data) },
        header,
        questions,
        declared_zones,
        header_rows,
        first_data_line,
        malformed: Vec::new(),
        empty: Vec::new(),
        display: spec.display.clone(),
        encoding: None,
        warnings: Vec::new(),
        column_note: None,
        other_split: None,
    })
}
#[cfg(test)]
mod tests {
    use super::*;
    use calamine::CellErrorType as E;

    #[test]
    fn times_and_durations_are_shown_as_excel_shows_them_not_as_times_on_1899_12_31() {
        use calamine::{ExcelDateTime, ExcelDateTimeType as T};
        let cell = |v: f64, t: T| cells::cell_text(&Data::DateTime(ExcelDateTime::new(v, t, false)));
        // 9 min 57 s as `h:mm:ss`; 27.5 hours as `[h]:mm:ss`; a date and a date with a time.
        assert_eq!(cell(597.0 / 86_400.0, T::DateTime), "0:09:57");
        assert_eq!(cell(27.5 / 24.0, T::TimeDelta), "27:30:00");
        assert_eq!(cell(45_000.0, T::DateTime), "2023-03-15");
        assert_eq!(cell(45_000.5, T::DateTime), "2023-03-15 12:00:00");
    }

    #[test]
    fn cell_references_past_excels_limits_are_found_as_written_wherever_a_read_cuts_them() {
        let sheet = |cells: &str| {
            format!(
                r#"<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row>{cells}</sheetData></worksheet>"#
            )
        };
        let found = |xml: &str| bad_cell_ref(xml.as_bytes()).map(|(r, _)| r);
        assert_eq!(found(&sheet(r#"<row r="2"><c r="XFD2" t="n"><v>1</v></c></row>"#)), None);
        assert_eq!(found(&sheet(r#"<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#)), None);
        // Column A and row 1 to calamine, once its 32-bit numbers wrap.
        assert_eq!(found(&sheet(r#"<row r="2"><c r="MWLQKWW2"><v>1</v></c></row>"#)).as_deref(), Some("MWLQKWW2"));
        assert_eq!(
            found(&sheet(r#"<row r="4294967297"><c r="B4294967297"><v>1</v></c></row>"#)).as_deref(),
            Some("4294967297")
        );
        assert_eq!(found(&sheet(r#"<row r='3'><c s="1" r='xfe3'><v>1</v></c></row>"#)).as_deref(), Some("xfe3"));
        // Text that looks like a reference is no tag; `<cols>` and `<col>` are other tags.
        assert_eq!(found(&sheet(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>c r="ZZZZ9"</t></is></c></row>"#)), None);
        // Read a few bytes at a time, a tag cut anywhere is still whole when looked at.
        struct Trickle<'a>(&'a [u8]);
        impl std::io::Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                let n = self.0.len().min(3).min(buf.len());
                buf[..n].copy_from_slice(&self.0[..n]);
                self.0 = &self.0[n..];
                Ok(n)
            }
        }
        let xml = sheet(r#"<row r="2"><c r="A2"><v>1</v></c><c r="MWLQKWX2"><v>1</v></c></row>"#);
        assert_eq!(bad_cell_ref(Trickle(xml.as_bytes())).map(|(r, _)| r).as_deref(), Some("MWLQKWX2"));
    }

    #[test]
    fn error_cells_read_as_excel_writes_them() {
        let text = |e| cell_text(&Data::Error(e));
        assert_eq!(text(E::NA), "#N/A");
        assert_eq!(text(E::Div0), "#DIV/0!");
        assert_eq!(text(E::Value), "#VALUE!");
        assert_eq!(text(E::Ref), "#REF!");
        assert_eq!(text(E::Name), "#NAME?");
        assert_eq!(text(E::Num), "#NUM!");
        assert_eq!(text(E::Null), "#NULL!");
        assert_eq!(text(E::GettingData), "#GETTING_DATA");
    }

    /// Formula results carry binary noise Excel never shows: read as shown, not rejected.
    #[test]
    fn numbers_read_as_excel_shows_them_to_15_significant_digits() {
        let text = |f: f64| cell_text(&Data::Float(f));
        assert_eq!(text(9.000000000000002), "9");
        assert_eq!(text(4.999999999999999), "5");
        assert_eq!(text(0.1 + 0.2), "0.3");
        assert_eq!(text(-7.000000000000001), "-7");
        assert_eq!(text(3.5), "3.5");
        assert_eq!(text(0.8), "0.8");
        assert_eq!(text(45384.75), "45384.75");
        assert_eq!(text(123456789012345.0), "123456789012345");
        assert_eq!(text(1.234567890123456e-7), "0.000000123456789012346");
        assert_eq!(text(1e20), "100000000000000000000");
    }

    #[test]
    fn cells_past_excels_last_row_or_column_are_named_and_refused() {
        assert_eq!(cell_ref(0, 0), "A1");
        assert_eq!(cell_ref(2, 25), "Z3");
        assert_eq!(cell_ref(0, 26), "AA1");
        assert_eq!(cell_ref(1_048_575, 16_383), "XFD1048576");
        assert_eq!(out_of_sheet("S", 1_048_575, 16_383), None);
        let m = out_of_sheet("S", 2, 321_272_405).unwrap();
        assert!(m.contains("sheet `S`, cell ZZZZZZ3") && m.contains("XFD"), "{m}");
        let m = out_of_sheet("S", 1_048_576, 0).unwrap();
        assert!(m.contains("cell A1048577") && m.contains("1,048,576"), "{m}");
    }

    #[test]
    fn a_shared_strings_count_is_read_from_the_sst_tag() {
        let head = br#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="99999999999999999999999"><si>"#;
        assert_eq!(declared_count(head, b"uniqueCount"), Some(u64::MAX));
        assert_eq!(declared_count(head, b"count"), Some(3));
        assert_eq!(declared_count(b"<sst>", b"uniqueCount"), None);
    }
}
