//! Stray quotes: a quote that opens a cell and is closed by a stray quote in a later cell
//! turns the rows between into one cell. The record often still has the header's width, so
//! the csv crate reads it without complaint; here it is recognised by what the cell holds.
//!
//! The rule: a quoted cell is a stray quote's work when, of the lines wholly inside it (every
//! line after its first and before its last), at least [`MIN_ROW_LIKE`] split at the
//! delimiter into exactly the header's number of fields, and those are at least three quarters
//! of its non-blank inner lines. A comment's own paragraphs rarely hold exactly `width - 1`
//! delimiters each; swallowed rows always do. Files of one column are never judged.

/// Inner lines that must read as rows before a quoted cell is taken for swallowed rows.
pub const MIN_ROW_LIKE: u64 = 3;

/// A quoted cell that swallowed rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Swallowed {
    /// The line the cell (its opening quote) starts on.
    pub quote_line: u64,
    /// The line its closing quote is on.
    pub close_line: u64,
    /// Inner lines that read as rows of the header's width.
    pub rows: u64,
}

/// Looks for a cell of `rec` (a record starting on `line` that runs over `span` line ends)
/// that swallowed rows of `width` fields split by `delimiter`.
pub fn swallowed(rec: &csv::ByteRecord, line: u64, span: u64, delimiter: u8, width: usize) -> Option<Swallowed> {
    // Cheap test first: a record on few lines holds no swallowed rows.
    if width < 2 || span <= MIN_ROW_LIKE {
        return None;
    }
    let mut before = 0u64;
    for cell in rec.iter() {
        let breaks = memchr::memchr_iter(b'\n', cell).count() as u64;
        if breaks > MIN_ROW_LIKE {
            let lines: Vec<&[u8]> = cell.split(|b| *b == b'\n').collect();
            let inner = &lines[1..lines.len() - 1];
            let mut row_like = 0;
            let mut non_blank = 0;
            for l in inner {
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                if l.trim_ascii().is_empty() {
                    continue;
                }
                non_blank += 1;
                if memchr::memchr_iter(delimiter, l).count() + 1 == width {
                    row_like += 1;
                }
            }
            if row_like >= MIN_ROW_LIKE && row_like * 4 >= non_blank * 3 {
                let quote_line = line + before;
                return Some(Swallowed { quote_line, close_line: quote_line + breaks, rows: row_like });
            }
        }
        before += breaks;
    }
    None
}

/// Looks for a cell of `rec` (a record of the header's width, starting on `line`) whose quote
/// was left open and closed by the next row's opening quote: a cell of one to
/// [`MIN_ROW_LIKE`] line breaks whose first line holds text and whose every later line that
/// is not blank splits at the delimiter into exactly the header's `width` fields — the row it
/// took in. Too few lines to be sure, so the caller warns rather than refuses; files of fewer
/// than four columns are not judged (a comment's line of one or two commas is common).
pub fn one_row_swallowed(rec: &csv::ByteRecord, line: u64, delimiter: u8, width: usize) -> Option<Swallowed> {
    if width < 4 || !rec.as_slice().contains(&b'\n') {
        return None;
    }
    let mut before = 0u64;
    for cell in rec.iter() {
        let breaks = memchr::memchr_iter(b'\n', cell).count() as u64;
        if (1..=MIN_ROW_LIKE).contains(&breaks) {
            let mut lines = cell.split(|b| *b == b'\n').map(|l| l.strip_suffix(b"\r").unwrap_or(l));
            let first_has_text = lines.next().is_some_and(|l| !l.trim_ascii().is_empty());
            let later: Vec<&[u8]> = lines.filter(|l| !l.trim_ascii().is_empty()).collect();
            let row_like = |l: &&[u8]| memchr::memchr_iter(delimiter, l).count() + 1 == width;
            if first_has_text && !later.is_empty() && later.iter().all(row_like) {
                let quote_line = line + before;
                return Some(Swallowed { quote_line, close_line: quote_line + breaks, rows: later.len() as u64 });
            }
        }
        before += breaks;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(cells: &[&str]) -> csv::ByteRecord {
        csv::ByteRecord::from(cells.to_vec())
    }

    #[test]
    fn a_cell_that_runs_into_one_row_of_the_header_width_is_told() {
        // `…,"unclosed quote here` then the next row `150,2024-06-12,B,2,4,"comment …"`.
        let cell = "unclosed quote here\n150,2024-06-12,B,2,4,comment 150 nice\"";
        let rec = record(&["149", "2024-04-12", "A", "9", "4", cell]);
        let got = one_row_swallowed(&rec, 151, b',', 6);
        assert_eq!(got, Some(Swallowed { quote_line: 151, close_line: 152, rows: 1 }));
        // A comment's own second paragraph, a list of fewer or more commas, a blank first line,
        // a narrow file: none is told.
        for cell in ["good\nbut slow, cold", "good\na, b, c, d, e, f, g", "\n1,2,3,4,5,6", "one line"] {
            let rec = record(&["1", "2024-01-01", "A", "9", "4", cell]);
            assert_eq!(one_row_swallowed(&rec, 2, b',', 6), None, "{cell:?}");
        }
        assert_eq!(one_row_swallowed(&record(&["1", "2", "x\n3,4,5"]), 2, b',', 3), None);
    }

    #[test]
    fn a_cell_holding_rows_of_the_header_width_is_swallowed_rows() {
        let cell = "bad\n5,ok\n6,fine\n7,meh\n8,so-so\n10,he said ";
        let rec = record(&["3", cell]);
        let got = swallowed(&rec, 4, 5, b',', 2);
        assert_eq!(got, Some(Swallowed { quote_line: 4, close_line: 9, rows: 4 }));
    }

    #[test]
    fn the_quote_line_counts_the_line_ends_of_earlier_cells() {
        let rec = record(&["a\nb", "x\n1,2\n3,4\n5,6\n7,8\nend"]);
        assert_eq!(swallowed(&rec, 10, 6, b',', 2).map(|s| s.quote_line), Some(11));
    }

    #[test]
    fn a_multi_line_comment_is_not_swallowed_rows() {
        // Paragraphs, blank lines, a list, a line with one comma: not rows of three fields.
        let comment = "Dear team,\n\nthe store was fine, the staff too.\n- queue\n- parking, again\n\nThanks\nA.";
        assert_eq!(swallowed(&record(&["9", comment, "web"]), 2, 8, b',', 3), None);
        // Even at width two, prose with a comma on a few lines stays a comment while over a
        // quarter of its lines have none.
        let comment = "Hi,\nfirst, line\nsecond, line\nthird\nfourth\nfifth, too\nbye";
        assert_eq!(swallowed(&record(&["9", comment]), 2, 6, b',', 2), None);
    }

    #[test]
    fn one_column_files_and_short_cells_are_never_judged() {
        assert_eq!(swallowed(&record(&["a\n1\n2\n3\n4\nz"]), 1, 5, b',', 1), None);
        assert_eq!(swallowed(&record(&["3", "a\n1,2\n3,4\nz"]), 1, 3, b',', 2), None);
    }
}
