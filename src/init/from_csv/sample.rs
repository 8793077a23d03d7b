//! The sample guessed from: up to [`SAMPLE_ROWS`] rows, column by column, without the lines
//! the build leaves out (totals, repeated headers, a report's title or footer).

use super::*;

/// Rows read to guess from.
pub(super) const SAMPLE_ROWS: usize = 20_000;

/// The header and up to [`SAMPLE_ROWS`] rows, cell by cell in columns.
pub(super) struct Sample {
    pub(super) header: Vec<String>,
    pub(super) questions: Vec<String>,
    /// The zones a tool's header declares for columns' local times (see `reader::Table`).
    pub(super) declared_zones: Vec<reader::DeclaredZone>,
    /// The columns the tool's header marks as a text box ([`reader::open_ended_columns`]).
    pub(super) open_ended: Vec<bool>,
    pub(super) columns: Vec<Vec<String>>,
    pub(super) rows: usize,
    /// Lines left out of the guess, as the build leaves them out: totals rows, then headers
    /// repeated in the middle of the file (their line numbers).
    pub(super) totals: Vec<u64>,
    pub(super) repeated_headers: Vec<u64>,
    /// Lines of words in the first cell alone: a report's title or footer (`制表人：张三
    /// 电话：138…`), whose text would otherwise make its column look like personal data or a
    /// group of its own.
    pub(super) notes: Vec<u64>,
}

/// Reads the sample to guess from; a file with a header and no rows is an error.
pub(super) fn sample_columns(spec: &FileSpec) -> Result<Sample> {
    let mut table = reader::open(spec)?;
    let header = table.header.clone();
    let questions = table.questions.clone();
    let declared_zones = table.declared_zones.clone();
    let open_ended = reader::open_ended_columns(spec.export, &table.header_rows, header.len());
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0;
    let (mut totals, mut repeated_headers, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    // Rows with a totals label, held until the sample says whether the label is a value.
    let mut held: Vec<(u64, String, Vec<String>)> = Vec::new();
    // Whether the line before was a totals row (Excel's `Grand Total` follows the last group's).
    let mut after_subtotal = false;
    while rows < SAMPLE_ROWS {
        match table.next_bytes(&mut rec)? {
            // Nor a totals or summary row (`Total`, `合计` first): its sums are off the scale.
            Some(line) if totals_row(&rec) || subtotal_row(&rec, &columns, after_subtotal) => {
                after_subtotal = true;
                // A sum or a mean is a report's line however often it comes; what else a
                // totals label says waits for the sample's count (as many as the sample holds).
                let label = first_label(&rec);
                if reader::sums_or_means(&label) || held.len() >= SAMPLE_ROWS {
                    totals.push(line);
                } else {
                    held.push((line, label, row_cells(&rec, header.len())));
                }
            }
            Some(line) if lone_note(&rec, header.len()) => {
                after_subtotal = false;
                notes.push(line)
            }
            // A header repeated in the middle (files joined together) is no answer to guess from.
            Some(line)
                if reader::repeats_header(&table.header_rows, |i| {
                    rec.get(i).and_then(|c| std::str::from_utf8(c).ok()).unwrap_or("")
                }) =>
            {
                repeated_headers.push(line)
            }
            Some(_) => {
                after_subtotal = false;
                // Undecodable bytes come through as 0xFF; a guess only needs the readable rest,
                // and of a long cell (a pasted document) its beginning.
                for (i, cell) in row_cells(&rec, header.len()).into_iter().enumerate() {
                    columns[i].push(cell);
                }
                rows += 1;
            }
            None => break,
        }
    }
    drop(table);
    // A totals label on many rows is a value (a plan `Max`), as the build reads it.
    let mut counts: std::collections::HashMap<&str, u64> = std::collections::HashMap::new();
    for (_, label, _) in &held {
        *counts.entry(label.as_str()).or_default() += 1;
    }
    let all = (rows + held.len()) as u64;
    let values: Vec<bool> =
        held.iter().map(|(_, label, _)| reader::label_of_many_rows(counts[label.as_str()], all)).collect();
    for ((line, _, cells), value) in held.into_iter().zip(values) {
        if !value {
            totals.push(line);
            continue;
        }
        for (i, cell) in cells.into_iter().enumerate() {
            columns[i].push(cell);
        }
        rows += 1;
    }
    if rows == 0 {
        return Err(Error::one(Diagnostic::file(
            spec.display.clone(),
            "the file has a header but no rows to guess from",
        )));
    }
    Ok(Sample { header, questions, declared_zones, open_ended, columns, rows, totals, repeated_headers, notes })
}

/// A record's cells as a guess reads them (undecodable bytes as U+FFFD, a long cell's
/// beginning), trimmed, up to the header's `width`.
fn row_cells(rec: &csv::ByteRecord, width: usize) -> Vec<String> {
    rec.iter().take(width).map(|cell| String::from_utf8_lossy(guessed_part(cell)).trim().to_string()).collect()
}

/// A record's first filled cell, trimmed, in lower case: what a totals label is counted by.
fn first_label(rec: &csv::ByteRecord) -> String {
    let cell = rec.iter().find(|c| !c.trim_ascii().is_empty()).unwrap_or_default();
    String::from_utf8_lossy(cell).trim().to_lowercase()
}

/// The most of one cell a guess looks at, in bytes: a long comment is long well before this,
/// and a 40 MB cell would otherwise be copied and scanned whole by every guess.
const GUESSED_BYTES: usize = 4096;

/// The beginning of `cell`, at most [`GUESSED_BYTES`] long, cut before a UTF-8 sequence that
/// would be split (so that the cut adds no replacement character).
fn guessed_part(cell: &[u8]) -> &[u8] {
    if cell.len() <= GUESSED_BYTES {
        return cell;
    }
    let mut end = GUESSED_BYTES;
    // Back over continuation bytes to the start of the character the cut falls in.
    while end > 0 && (cell[end] & 0xC0) == 0x80 {
        end -= 1;
    }
    &cell[..end]
}

/// The zone of each date column whose times end in an abbreviation that names several zones
/// (`CST`), from its abbreviations and the file's language ([`crate::init::guess::abbreviation_zone`]).
pub(super) fn name_abbreviated_zones(roles: &mut [Role], columns: &[Vec<String>], chinese: bool) {
    for (role, values) in roles.iter_mut().zip(columns) {
        if let Role::Date { zone, .. } = role {
            let values: Vec<&str> = values.iter().map(String::as_str).collect();
            *zone = crate::init::guess::abbreviation_zone(&values, chinese).map(|(z, why)| (z.to_string(), why));
        }
    }
}

/// The project's zone from the date column: declared by the export, or the offsets its dates
/// are written with (see [`crate::init::guess::guess_zone`]).
pub(super) fn date_zone(
    roles: &[Role],
    columns: &[Vec<String>],
    declared: &[reader::DeclaredZone],
    chinese: bool,
) -> Option<(String, String)> {
    let d = roles.iter().position(|r| matches!(r, Role::Date { .. }))?;
    // Times written `CST` and `CDT` are Chicago's: the project's periods are cut there too.
    if let Role::Date { zone: Some(zone), .. } = &roles[d] {
        return Some(zone.clone());
    }
    let declared = declared.iter().find(|(c, _, _)| *c == d).map(|(_, _, z)| z.as_str());
    let dates: Vec<&str> = columns[d].iter().map(String::as_str).collect();
    crate::init::guess::guess_zone(&dates, declared, chinese)
}

/// Whether a record is a totals or summary row: its first filled cell is `Total`, `合计`,
/// `Average`…, or labels a summary after the data (`Promoters`, `NPS Score`, `All stores`)
/// with at most one number beside it and a blank cell (its date), as the build leaves such a
/// row out. A summary's counts (`Detractors,28`) would push a score column off its scale.
fn totals_row(rec: &csv::ByteRecord) -> bool {
    let Some((i, first)) = rec.iter().enumerate().find(|(_, c)| !c.trim_ascii().is_empty()) else {
        return false;
    };
    let Ok(label) = std::str::from_utf8(first) else { return false };
    let others =
        || rec.iter().enumerate().filter(move |(j, _)| *j != i).map(|(_, c)| std::str::from_utf8(c).unwrap_or("x"));
    // A line naming all groups together (`Overall`, `All stores`) may carry a figure per score.
    reader::totals_label(label)
        || (reader::summary_label(label)
            && (reader::summary_shape(others()) || reader::names_a_whole(label))
            && others().any(|c| c.trim().is_empty()))
}

/// Whether a record is a row Excel's Data → Subtotal writes ([`reader::subtotal_group`]): its
/// first filled cell names the group of the rows just above it in that column (`Central
/// Average` after `Central`'s rows), or follows another totals row (`Grand Total`), and the
/// row has a blank cell (its date and other labels). The build, which knows the date column,
/// leaves out such a row when its date is blank.
fn subtotal_row(rec: &csv::ByteRecord, columns: &[Vec<String>], after_totals: bool) -> bool {
    let Some((i, first)) = rec.iter().enumerate().find(|(_, c)| !c.trim_ascii().is_empty()) else {
        return false;
    };
    let Some(group) = std::str::from_utf8(first).ok().and_then(reader::subtotal_group) else {
        return false;
    };
    let above = columns.get(i).and_then(|c| c.last()).is_some_and(|v| v.to_lowercase() == group);
    let grand = after_totals || reader::grand_subtotal(&group);
    (above || grand) && rec.iter().any(|c| c.trim_ascii().is_empty())
}

/// Whether a record is words in its first cell alone, under a header of three or more
/// columns: a report's title or footer, as the build reads such a line (`Acc::lone_note`).
fn lone_note(rec: &csv::ByteRecord, columns: usize) -> bool {
    let mut cells = rec.iter();
    let first = cells.next().map(<[u8]>::trim_ascii).unwrap_or_default();
    columns >= 3
        && std::str::from_utf8(first).is_ok_and(|t| t.trim().contains(char::is_whitespace))
        && cells.all(|c| c.trim_ascii().is_empty())
}
/// What the terminal says of the lines the guess left out (and the build will leave out too):
/// how many of each kind, with the first line, so that "read N rows" adds up with the file.
pub(super) fn left_out_lines(totals: &[u64], repeated_headers: &[u64], notes: &[u64]) -> String {
    let mut out = String::new();
    let kinds = [
        (totals, "totals or summary row"),
        (repeated_headers, "repeated header"),
        (notes, "title or footer (words in the first cell alone)"),
    ];
    for (lines, what) in kinds {
        if let Some(first) = lines.first() {
            let s = if lines.len() == 1 { "" } else { "s" };
            let _ = writeln!(
                out,
                "left out {} line{s} read as a {what} (line {first} first); the build leaves {} out too",
                lines.len(),
                if lines.len() == 1 { "it" } else { "them" }
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{guessed_part, GUESSED_BYTES};

    #[test]
    fn a_long_cell_is_guessed_from_its_beginning_cut_between_characters() {
        assert_eq!(guessed_part(b"short"), b"short");
        // 好 is three bytes: 4096 is no multiple of three, so the cut falls inside one.
        let long = "好".repeat(2000);
        let part = std::str::from_utf8(guessed_part(long.as_bytes())).expect("cut between characters");
        assert_eq!(part.len(), GUESSED_BYTES / 3 * 3);
        assert!(long.starts_with(part));
    }
}
