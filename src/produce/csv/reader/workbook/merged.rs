//! Cells merged down several rows, read as the sheet shows them.
//!
//! A hand-made workbook merges a store's or a month's cell over the rows it heads: Excel
//! shows the one value beside each of them, but the file holds it in the top cell only, and
//! the cells under it are empty. Read as written, every row but the first would lose its
//! store. So the top cell's value is read on each row the merged cell covers — in its first
//! column only: a cell merged across columns (a note over several) is not copied into the
//! columns beside it, which may hold scores.

use std::collections::HashMap;

use super::stream::cell_ref;
use super::SheetRows;

/// A merged cell spanning rows below the header: its column, and its first and last rows
/// (1-based, as the rows are numbered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MergedDown {
    pub col: usize,
    pub top: u64,
    pub bottom: u64,
}

/// The merged cells, from calamine's regions (0-based, inclusive), that span more than one row
/// and start below row `header_row` (1-based): in order of their top row. A merge in the header
/// (a question over its options, a two-row header) is the header's business.
pub(super) fn merged_down(regions: &[calamine::Dimensions], header_row: u64) -> Vec<MergedDown> {
    let mut out: Vec<MergedDown> = regions
        .iter()
        .filter(|d| d.end.0 > d.start.0 && u64::from(d.start.0) + 1 > header_row)
        .map(|d| MergedDown { col: d.start.1 as usize, top: u64::from(d.start.0) + 1, bottom: u64::from(d.end.0) + 1 })
        .collect();
    out.sort_by_key(|m| (m.top, m.col));
    out
}

/// The largest worksheet part (unpacked) scanned for merged cells. Merged cells are a hand-made
/// sheet's (a few thousand rows at most); past this size a sheet is a program's export, which
/// does not merge cells, and the scan would cost a whole extra unpacking of it (0.2–0.7 s for
/// 300,000 rows).
const MAX_SCANNED: u64 = 16 << 20;

/// Whether a worksheet of the `.xlsx` at `path` (of at most [`MAX_SCANNED`] unpacked) lists
/// merged cells: a scan of its bytes for the element's name, much cheaper than calamine's
/// parse of a whole sheet, which a sheet without merged cells (every tool's export) is
/// spared. A false alarm (the name in a cell's text) costs only that parse.
pub(super) fn xlsx_has_merged_cells(path: &std::path::Path) -> bool {
    const NAME: &[u8] = b"mergeCell";
    let Ok(file) = std::fs::File::open(path) else { return false };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::BufReader::new(file)) else { return false };
    let finder = memchr::memmem::Finder::new(NAME);
    (0..zip.len()).any(|i| {
        let Ok(mut entry) = zip.by_index(i) else { return false };
        let is_sheet = entry.name().is_ok_and(|n| super::stream::is_worksheet_part(&n));
        if !is_sheet || entry.size() > MAX_SCANNED {
            return false;
        }
        let mut buf = vec![0u8; 64 << 10];
        // The end of the previous read, for a name cut in two between reads.
        let mut kept = 0;
        loop {
            let n = match std::io::Read::read(&mut entry, &mut buf[kept..]) {
                Ok(0) | Err(_) => return false,
                Ok(n) => n,
            };
            let end = kept + n;
            if finder.find(&buf[..end]).is_some() {
                return true;
            }
            kept = (NAME.len() - 1).min(end);
            buf.copy_within(end - kept..end, 0);
        }
    })
}

/// The data-quality note on a sheet's merged cells: how many, and the first as Excel names it
/// (`A3:A5`).
pub(super) fn merged_warning(display: &str, merges: &[MergedDown]) -> Option<String> {
    let first = merges.first()?;
    let at = |row: u64| cell_ref((row - 1) as u32, first.col as u32);
    Some(format!(
        "{display} has cells merged down over several rows (the first {}:{}, {} in all): each row such a cell covers is read with its value, as the sheet shows it",
        at(first.top),
        at(first.bottom),
        merges.len()
    ))
}

/// `rows` with each empty cell under a merged cell's top given the top cell's value, while
/// the rows are read (memory: one value per column with a merge in progress).
pub(super) fn fill_merged(rows: SheetRows, merges: Vec<MergedDown>) -> SheetRows {
    if merges.is_empty() {
        return rows;
    }
    let mut pending = merges.into_iter().peekable();
    // Column → (last row, value) of the merge in progress there.
    let mut open: HashMap<usize, (u64, String)> = HashMap::new();
    Box::new(rows.map(move |r| {
        let (row, mut cells) = r?;
        open.retain(|_, (bottom, _)| *bottom >= row);
        while let Some(m) = pending.next_if(|m| m.top <= row) {
            // A merge whose top row is blank (not handed on) has nothing to give.
            let value = cells.get(m.col).filter(|v| !v.trim().is_empty());
            if let (true, Some(value)) = (m.top == row, value) {
                open.insert(m.col, (m.bottom, value.clone()));
            }
        }
        for (&col, (_, value)) in &open {
            if col >= cells.len() {
                cells.resize(col + 1, String::new());
            }
            if cells[col].trim().is_empty() {
                cells[col].clone_from(value);
            }
        }
        Ok((row, cells))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dims(start: (u32, u32), end: (u32, u32)) -> calamine::Dimensions {
        calamine::Dimensions { start, end }
    }

    fn row(n: u64, cells: &[&str]) -> crate::error::Result<(u64, Vec<String>)> {
        Ok((n, cells.iter().map(|c| c.to_string()).collect()))
    }

    #[test]
    fn a_workbook_is_scanned_for_merged_cells_across_reads() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, sheet: &[u8]| {
            let path = dir.path().join(name);
            let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            std::io::Write::write_all(&mut zip, sheet).unwrap();
            zip.finish().unwrap();
            path
        };
        // The name placed so that it straddles the first 64 kB read.
        let mut sheet = vec![b' '; (64 << 10) - 4];
        sheet.extend_from_slice(b"<mergeCells count=\"1\"><mergeCell ref=\"A2:A4\"/></mergeCells>");
        assert!(xlsx_has_merged_cells(&write("merged.xlsx", &sheet)));
        assert!(!xlsx_has_merged_cells(&write("plain.xlsx", &vec![b' '; 200_000])));
    }

    #[test]
    fn merges_in_the_header_or_across_one_row_are_not_filled() {
        let regions = [dims((0, 0), (1, 0)), dims((2, 1), (2, 3)), dims((3, 0), (5, 1)), dims((2, 2), (4, 2))];
        // Header in row 1: the merge from row 1 is the header's; B3:D3 spans one row.
        assert_eq!(
            merged_down(&regions, 1),
            vec![MergedDown { col: 2, top: 3, bottom: 5 }, MergedDown { col: 0, top: 4, bottom: 6 }]
        );
    }

    #[test]
    fn each_row_a_merged_cell_covers_reads_its_value_in_its_first_column_only() {
        // Rows 2-4 of store A merged (A2:A4), a note merged across C4:D5, row 6 a new store.
        let rows: SheetRows = Box::new(
            vec![
                row(2, &["南京路店", "5", "好"]),
                row(3, &["", "4", ""]),
                row(4, &["", "3", "慢", ""]),
                row(5, &["", "2"]),
                row(6, &["淮海路店", "1", ""]),
            ]
            .into_iter(),
        );
        let merges = merged_down(&[dims((1, 0), (3, 0)), dims((3, 2), (4, 3))], 1);
        assert_eq!(
            merged_warning("data/s.xlsx", &merges).unwrap(),
            "data/s.xlsx has cells merged down over several rows (the first A2:A4, 2 in all): each row such a cell covers is read with its value, as the sheet shows it"
        );
        let got: Vec<Vec<String>> = fill_merged(rows, merges).map(|r| r.unwrap().1).collect();
        assert_eq!(got[0], ["南京路店", "5", "好"]);
        assert_eq!(got[1], ["南京路店", "4", ""]);
        assert_eq!(got[2], ["南京路店", "3", "慢", ""]);
        // Row 5 is past the store's merge; C5 is under the note's top, D5 (beside it) is not.
        assert_eq!(got[3], ["", "2", "慢"]);
        assert_eq!(got[4], ["淮海路店", "1", ""]);
    }

    #[test]
    fn a_filled_cell_under_a_merge_keeps_its_own_value() {
        // A file may hold a value under a merged cell's top (Excel keeps only the top's, but a
        // program may write both): the row's own value is kept.
        let rows: SheetRows = Box::new(vec![row(2, &["A"]), row(3, &["B"])].into_iter());
        let got: Vec<Vec<String>> =
            fill_merged(rows, merged_down(&[dims((1, 0), (2, 0))], 1)).map(|r| r.unwrap().1).collect();
        assert_eq!(got, [vec!["A".to_string()], vec!["B".to_string()]]);
    }
}
