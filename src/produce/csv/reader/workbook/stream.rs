//! An `.xlsx` sheet streamed: a thread walks its cells with calamine's cell reader and sends
//! rows in batches; cell references past Excel's limits are found in the XML first.

use super::*;

/// Streams an `.xlsx` sheet's rows from a reading thread.
pub(super) fn stream_xlsx(spec: &FileSpec) -> Result<(Picked, SheetRows, Vec<calamine::Dimensions>)> {
    let fail = |m: String| Error::one(Diagnostic::file(&spec.display, m));
    let mut wb: calamine::Xlsx<BufReader<File>> =
        calamine::open_workbook(&spec.path).map_err(|e| fail(format!("cannot read the workbook: {e}")))?;
    let (name, note) = pick_sheet(spec, wb.sheets_metadata())?;
    // The merged cells are listed after the sheet's cells, so they are read first, in a pass
    // of their own; a sheet whose list cannot be read is read with none (its cells, read next,
    // say what is wrong with it).
    let merges = if super::merged::xlsx_has_merged_cells(&spec.path) {
        wb.merge_cells_by_sheet_name(&name).unwrap_or_default()
    } else {
        Vec::new()
    };
    let recalculate = results_to_recalculate(&spec.path);
    let sheet = name.clone();
    let (tx, rx) = mpsc::sync_channel::<Batch>(BATCHES_IN_FLIGHT);
    let path = spec.path.clone();
    std::thread::Builder::new()
        .name("xlsx-reader".into())
        .spawn(move || {
            // The references are checked beside the reading, on the file's own bytes.
            let refs = std::thread::Builder::new().name("xlsx-refs".into()).spawn(move || check_cell_refs(&path));
            let read = send_rows(&mut wb, &name, recalculate, &tx);
            let refs = refs.map_or(Ok(()), |h| h.join().unwrap_or(Ok(())));
            // A reference the reading found past the sheet is told by sheet and cell; one
            // that wrapped into it only the check finds, and what the reading made of it
            // (rows out of order) would mislead.
            let told = match (read, refs) {
                (Err(r), Err(_)) if r.starts_with(&format!("sheet `{name}`, cell ")) => Err(r),
                (_, Err(x)) => Err(x),
                (read, Ok(())) => read,
            };
            if let Err(e) = told {
                // The table may be gone already (a failed build); nothing to tell then.
                let _ = tx.send(Err(e));
            }
        })
        .map_err(|e| fail(format!("cannot start reading the workbook: {e}")))?;
    Ok((
        (sheet, note),
        Box::new(Received { rx, batch: Vec::new().into_iter(), display: spec.display.clone(), done: false }),
        merges,
    ))
}

/// Whether the workbook asks for every formula to be worked out again when it is opened
/// (`<calcPr fullCalcOnLoad="1"/>` in `xl/workbook.xml`): its saved results are then not to be
/// trusted. Excel and LibreOffice clear the flag when they save, with each result stored.
fn results_to_recalculate(path: &std::path::Path) -> bool {
    let Ok(file) = File::open(path) else { return false };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return false };
    let Ok(entry) = zip.by_name("xl/workbook.xml") else { return false };
    let mut text = Vec::new();
    // The workbook part is small (sheet names, defined names); read no more than 4 MB of it.
    if std::io::Read::read_to_end(&mut std::io::Read::take(entry, 4 << 20), &mut text).is_err() {
        return false;
    }
    let Some(at) = memchr::memmem::find(&text, b"<calcPr") else { return false };
    let tag = &text[at..text[at..].iter().position(|b| *b == b'>').map_or(text.len(), |e| at + e)];
    let tag = String::from_utf8_lossy(tag);
    tag.contains("fullCalcOnLoad=\"1\"")
        || tag.contains("fullCalcOnLoad=\"true\"")
        || tag.contains("fullCalcOnLoad='1'")
}

/// Excel's last row (1,048,576) and column (16,384, `XFD`), 0-based: a cell past them is
/// not one Excel could have written, and a reference such as `ZZZZZZ3` would otherwise make
/// a row of hundreds of millions of cells out of a few bytes.
pub(super) const MAX_ROW: u32 = 1_048_575;
pub(super) const MAX_COL: u32 = 16_383;

/// Cells (filled or padding) in a batch of rows: a batch is sent when it holds this many, so
/// memory in flight follows the sheet's real rows, however wide its rows are written.
pub(super) const BATCH_CELLS: usize = 1 << 18;

/// A cell's reference as Excel writes it (`A1`, `XFD1048576`), from 0-based row and column.
pub(in crate::produce::csv::reader) fn cell_ref(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        letters.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8_lossy(&letters), u64::from(row) + 1)
}

/// Why a cell at (0-based) `row`, `col` is not one Excel could have written, if it is not.
pub(in crate::produce::csv::reader) fn out_of_sheet(sheet: &str, row: u32, col: u32) -> Option<String> {
    let what = if col > MAX_COL {
        "past Excel's last column, XFD (16,384 columns)"
    } else if row > MAX_ROW {
        "past Excel's last row, 1,048,576"
    } else {
        return None;
    };
    Some(format!(
        "sheet `{sheet}`, cell {}: the cell is {what}; the file is damaged or was not written by a spreadsheet — open and save it in Excel, or export the sheet as CSV",
        cell_ref(row, col)
    ))
}

/// calamine reads a cell reference's column letters and row digits into 32-bit numbers that
/// wrap: `MWLQKWW1` is column A, `A4294967297` row 1, and such a cell would land, unseen, on
/// a real cell of the sheet (the header, even). So every `r` of a `<c>` or `<row>` tag of the
/// workbook's worksheets is checked as written: at most three letters up to `XFD` and seven
/// digits up to 1,048,576. `Err`: the message naming the worksheet part and the reference.
pub(super) fn check_cell_refs(path: &std::path::Path) -> std::result::Result<(), String> {
    let Ok(file) = File::open(path) else { return Ok(()) };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let Ok(part) = entry.name().map(|n| n.into_owned()) else { continue };
        if !is_worksheet_part(&part) {
            continue;
        }
        if let Some((r, what)) = bad_cell_ref(entry) {
            return Err(format!(
                "`{part}` has a cell `{r}` {what}; the file is damaged or was not written by a spreadsheet — open and save it in Excel, or export the sheet as CSV"
            ));
        }
    }
    Ok(())
}

/// Whether a part of an `.xlsx` package is a worksheet's XML (`xl/worksheets/sheet1.xml`).
pub(super) fn is_worksheet_part(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.starts_with("xl/worksheets/") && lower.ends_with(".xml")
}

/// The first `r` of a `<c>` or `<row>` tag in a worksheet's XML past Excel's limits (as
/// written, cut at 40 characters), and which limit.
pub(super) fn bad_cell_ref(mut xml: impl std::io::Read) -> Option<(String, &'static str)> {
    const LONGEST_TAG: usize = 4096;
    let mut buf = vec![0u8; 64 << 10];
    // The text not yet looked at: from an unfinished tag on.
    let mut carry: Vec<u8> = Vec::new();
    loop {
        let n = match xml.read(&mut buf) {
            Ok(0) | Err(_) => return None,
            Ok(n) => n,
        };
        carry.extend_from_slice(&buf[..n]);
        let mut at = 0;
        while let Some(open) = carry[at..].iter().position(|&b| b == b'<').map(|p| at + p) {
            let Some(close) = carry[open..].iter().position(|&b| b == b'>').map(|p| open + p) else {
                // An unfinished tag: kept for the next read, unless no tag is that long.
                at = if carry.len() - open > LONGEST_TAG { carry.len() } else { open };
                break;
            };
            if let Some(bad) = tag_ref(&carry[open + 1..close]) {
                return Some(bad);
            }
            at = close + 1;
        }
        if at == 0 && !carry.contains(&b'<') {
            carry.clear();
        } else {
            carry.drain(..at.min(carry.len()));
        }
    }
}

/// The `r` of a `c` or `row` tag (its text between `<` and `>`), when it is past Excel's
/// limits.
pub(super) fn tag_ref(tag: &[u8]) -> Option<(String, &'static str)> {
    let row_tag = tag.starts_with(b"row ");
    if !(row_tag || tag.starts_with(b"c ")) {
        return None;
    }
    let at = tag.windows(3).position(|w| w[0].is_ascii_whitespace() && w[1] == b'r' && w[2] == b'=')? + 3;
    let quote = *tag.get(at)?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let value = &tag[at + 1..];
    let value = &value[..value.iter().position(|&b| b == quote).unwrap_or(value.len())];
    let letters = value.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let (col, row) = value.split_at(letters);
    let number = |d: &[u8], base: u64, digit: fn(u8) -> u64| {
        d.iter().fold(0u64, |n, &b| n.saturating_mul(base).saturating_add(digit(b)))
    };
    let col_n = number(col, 26, |b| u64::from(b.to_ascii_uppercase() - b'A') + 1);
    let row_n = if row.iter().all(u8::is_ascii_digit) { number(row, 10, |b| u64::from(b - b'0')) } else { 0 };
    let what = if col_n > u64::from(MAX_COL) + 1 {
        "past Excel's last column, XFD (16,384 columns)"
    } else if row_n > u64::from(MAX_ROW) + 1 {
        "past Excel's last row, 1,048,576"
    } else {
        return None;
    };
    let shown: String = String::from_utf8_lossy(value).chars().take(40).collect();
    Some((shown, what))
}

/// Walks a sheet's cells into rows and sends them in batches; stops when the table is gone.
pub(super) fn send_rows(
    wb: &mut calamine::Xlsx<BufReader<File>>,
    name: &str,
    recalculate: bool,
    tx: &mpsc::SyncSender<Batch>,
) -> std::result::Result<(), String> {
    let mut cells = wb.worksheet_cells_reader(name).map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
    let mut batch: Vec<(u64, Vec<String>)> = Vec::with_capacity(SHEET_ROWS);
    let mut in_batch = 0usize;
    // The row being read, its cells as (column, text) until it is whole: a row is as wide as
    // its last cell, no wider than Excel's 16,384 columns.
    let mut row: Option<(u32, Vec<(u32, String)>)> = None;
    let mut flush = |at: u32, sparse: Vec<(u32, String)>, batch: &mut Vec<(u64, Vec<String>)>| {
        let dense = dense_row(sparse);
        in_batch += dense.len().max(1);
        batch.push((u64::from(at) + 1, dense));
        if batch.len() >= SHEET_ROWS || in_batch >= BATCH_CELLS {
            in_batch = 0;
            return tx.send(Ok(std::mem::take(batch))).is_ok();
        }
        true
    };
    loop {
        let cell = cells.next_cell_with_formula_metadata().map_err(|e| format!("cannot read sheet `{name}`: {e}"))?;
        let Some(cell) = cell else { break };
        let (r, c) = cell.pos;
        if let Some(m) = out_of_sheet(name, r, c) {
            return Err(m);
        }
        let value = Data::from(cell.value);
        // A formula is stored with its last result, which is what is read. A program that
        // writes formulas without calculating them (a script with openpyxl) stores none: the
        // cell would read as blank where Excel shows a number.
        if value == Data::Empty && cell.formula.is_some() {
            return Err(format!(
                "sheet `{name}`, cell {} holds a formula whose result was never saved (the program that wrote the file does not calculate formulas): open and save the file in Excel or LibreOffice, which store each result, or export the sheet as CSV",
                cell_ref(r, c)
            ));
        }
        // XlsxWriter (pandas' `to_excel`) stores 0 as every formula's result and asks Excel
        // to work them out on opening (`fullCalcOnLoad`): the 0 is a placeholder, no answer.
        if recalculate && cell.formula.is_some() {
            return Err(format!(
                "sheet `{name}`, cell {} holds a formula whose saved result is only a placeholder (the workbook asks to be recalculated when opened, as files written by XlsxWriter or pandas do): open and save the file in Excel or LibreOffice, which store each result, or export the sheet as CSV",
                cell_ref(r, c)
            ));
        }
        // Like calamine's ranges: empty cells are not cells.
        if value == Data::Empty {
            continue;
        }
        match &mut row {
            // A cell at or left of the row's last one: the row is listed twice (two `<row
            // r="10">` elements), which read as one would lose a respondent.
            Some((at, cells)) if *at == r && cells.last().is_some_and(|(last, _)| *last >= c) => {
                return Err(format!(
                    "sheet `{name}` lists row {} twice, or its cells out of order (cell {} after {}); open and save it in Excel, or export it as CSV",
                    r + 1,
                    cell_ref(r, c),
                    cell_ref(r, cells.last().map_or(0, |(last, _)| *last))
                ))
            }
            Some((at, _)) if *at == r => {}
            Some((at, _)) if *at > r => {
                return Err(format!(
                    "sheet `{name}` lists row {} after row {}; open and save it in Excel, or export it as CSV",
                    r + 1,
                    *at + 1
                ))
            }
            _ => {
                if let Some((at, done)) = row.take() {
                    if !flush(at, done, &mut batch) {
                        return Ok(());
                    }
                }
                row = Some((r, Vec::new()));
            }
        }
        if let Some((_, cells)) = &mut row {
            cells.push((c, cell_text(&value)));
        }
    }
    if let Some((at, done)) = row {
        if !flush(at, done, &mut batch) {
            return Ok(());
        }
    }
    if !batch.is_empty() {
        let _ = tx.send(Ok(batch));
    }
    Ok(())
}

/// A row's cells by column, from its (column, text) cells: a column written twice keeps its
/// last text, as a sheet would.
pub(super) fn dense_row(sparse: Vec<(u32, String)>) -> Vec<String> {
    let width = sparse.iter().map(|(c, _)| *c as usize + 1).max().unwrap_or(0);
    let mut cells = vec![String::new(); width];
    for (c, text) in sparse {
        cells[c as usize] = text;
    }
    cells
}

/// Rows as they arrive from the reading thread.
pub(super) struct Received {
    rx: mpsc::Receiver<Batch>,
    batch: std::vec::IntoIter<(u64, Vec<String>)>,
    display: String,
    done: bool,
}

impl Iterator for Received {
    type Item = Result<(u64, Vec<String>)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(r) = self.batch.next() {
                return Some(Ok(r));
            }
            if self.done {
                return None;
            }
            match self.rx.recv() {
                Ok(Ok(b)) => self.batch = b.into_iter(),
                Ok(Err(m)) => {
                    self.done = true;
                    return Some(Err(Error::one(Diagnostic::file(&self.display, m))));
                }
                Err(_) => return None,
            }
        }
    }
}
