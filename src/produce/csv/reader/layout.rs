//! Layouts as survey tools write them: header rows below the first (Qualtrics, SurveyMonkey),
//! the tool recognised from its fixed columns, and preambles (title lines, an `unzip`
//! banner) above the header. docs/exports.md describes each tool's layout.

use std::io::Read;

use super::decode::decoded;
use super::header::delimiter_of;
use crate::error::{Diagnostic, Error, Result};
use crate::project::{Export, FileSpec};

/// Records looked at below the header to find a preamble or a tool's extra header rows.
pub(super) const PEEK_RECORDS: usize = 64;

/// A record read ahead: its line and its cells as text.
pub(super) type Peeked = (u64, Vec<String>);

/// Where a file's header is and which tool wrote it, as far as its first lines tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Layout {
    /// The 1-based line of the header (after a preamble, the line past it).
    pub header_row: u64,
    /// The tool whose export this looks like.
    pub export: Option<Export>,
}

/// How many records right below the first header row are header rows too.
pub(super) fn rows_below(export: Export, below: &[Peeked]) -> usize {
    match export {
        // The legacy export has no ImportId row; a current one has it as the third. One whose
        // question texts and ImportIds were deleted (a common tidy-up) has answers right
        // below its ids: no row of it is a header (the first respondent was lost).
        Export::Qualtrics if below.first().is_some_and(|(_, r)| looks_like_data(r)) => 0,
        Export::Qualtrics if below.get(1).is_some_and(|(_, r)| has_import_ids(r)) => 2,
        Export::Qualtrics => 1,
        Export::SurveyMonkey => 1,
        Export::GoogleForms | Export::Wenjuanxing => 0,
    }
    .min(below.len())
}

/// A tool's header row below the first that is missing (deleted when the file was tidied):
/// the row there reads as answers, and would be taken for the header's second half.
pub(super) fn check_rows_below(spec: &FileSpec, export: Export, below: &[Peeked], line: u64) -> Result<()> {
    let Some((next_line, next)) = below.first() else { return Ok(()) };
    let options = |r: &[String]| r.iter().any(|c| c == "Response" || c == "Open-Ended Response");
    if export != Export::SurveyMonkey || options(next) || !looks_like_data(next) {
        return Ok(());
    }
    let mut d = Diagnostic::file(
        &spec.display,
        format!(
            "a SurveyMonkey export has a second header row of answer options (`Response`, `Open-Ended Response`, each option of a question that spans columns) below the questions, but line {next_line} reads as answers: the row of options seems missing; export the file again as it comes, or remove `export: surveymonkey` for this dataset and name columns by the first row (a column under a blank header cell by position, `$N`)"
        ),
    );
    d.line = Some(line);
    Err(Error::one(d))
}

/// The time zones a Qualtrics ImportId row declares (`{"ImportId":"startDate","timeZone":
/// "America/Denver"}` over a date column), as (column, line of the row, zone as written); the
/// rows are the header rows below the first that `rows_below` counted.
pub(super) fn declared_zones(export: Export, below: &[Peeked]) -> Vec<super::DeclaredZone> {
    let Some((line, row)) = below.get(1).filter(|(_, r)| export == Export::Qualtrics && has_import_ids(r)) else {
        return Vec::new();
    };
    row.iter()
        .enumerate()
        .filter_map(|(c, cell)| {
            let json: serde_json::Value = serde_json::from_str(cell.trim()).ok()?;
            let zone = json.get("timeZone")?.as_str()?;
            Some((c, *line, zone.to_string()))
        })
        .collect()
}

/// The columns a tool's header rows mark as a text box (`header_rows` as
/// [`super::Table::header_rows`] holds them, `width` columns): SurveyMonkey's `Open-Ended
/// Response` under a question, and a Qualtrics text-entry question, whose ImportId is
/// `QID4_TEXT` (an option's typed "Other" is `QID5_4_TEXT`, and stays with its question).
/// A hint for `init`, which still looks at what was typed: a text box may ask for a store's
/// name or a number.
pub fn open_ended_columns(export: Option<Export>, header_rows: &[Vec<String>], width: usize) -> Vec<bool> {
    let marks = |row: Option<&Vec<String>>, test: &dyn Fn(&str) -> bool| -> Vec<bool> {
        (0..width).map(|i| row.and_then(|r| r.get(i)).is_some_and(|c| test(c.trim()))).collect()
    };
    match export {
        Some(Export::SurveyMonkey) => marks(header_rows.get(1), &|c| c == "Open-Ended Response"),
        Some(Export::Qualtrics) => {
            let row = header_rows.iter().skip(1).find(|r| has_import_ids(r));
            marks(row, &|c| {
                let id = serde_json::from_str::<serde_json::Value>(c)
                    .ok()
                    .and_then(|j| j.get("ImportId").and_then(|v| v.as_str()).map(str::to_string));
                id.as_deref()
                    .and_then(|id| id.strip_prefix("QID"))
                    .and_then(|rest| rest.strip_suffix("_TEXT"))
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            })
        }
        _ => vec![false; width],
    }
}

fn has_import_ids(row: &[String]) -> bool {
    row.iter().any(|c| c.trim_start().starts_with("{\"ImportId\""))
}

/// The column names and question texts of a tool's header rows (`first` and the rows below).
pub(super) fn combine(export: Export, first: Vec<String>, below: &[Vec<String>]) -> (Vec<String>, Vec<String>) {
    match (export, below.first()) {
        (Export::Qualtrics, Some(texts)) => {
            let questions = (0..first.len()).map(|i| texts.get(i).map_or("", |t| t.trim()).to_string()).collect();
            (first, questions)
        }
        (Export::SurveyMonkey, Some(options)) => {
            // A question names its first column only; its other columns are blank above their option.
            // The options row may reach further right than the questions: a question that
            // spans the last columns leaves their header cells blank, and a workbook's row
            // ends at its last filled cell.
            let width = first.len().max(options.iter().rposition(|o| !o.trim().is_empty()).map_or(0, |i| i + 1));
            let mut question = String::new();
            let mut names = Vec::with_capacity(width);
            let mut questions = Vec::with_capacity(width);
            for i in 0..width {
                let q = first.get(i).map_or("", String::as_str);
                if !q.is_empty() {
                    question = q.to_string();
                }
                let option = options.get(i).map_or("", |o| o.trim());
                names.push(match option {
                    "" | "Response" | "Open-Ended Response" => question.clone(),
                    o => format!("{question} / {o}"),
                });
                questions.push(question.clone());
            }
            (names, questions)
        }
        _ => (first, Vec::new()),
    }
}

/// The tool a header looks like it came from; `next` is the record below it.
pub fn detect(header: &[String], next: Option<&[String]>) -> Option<Export> {
    let has = |name: &str| header.iter().any(|h| h == name);
    let first = header.first().map_or("", |h| h.trim_start_matches('\u{feff}').trim());
    if (has("ResponseId") || has("ResponseID")) && (has("Finished") || next.is_some_and(has_import_ids)) {
        Some(Export::Qualtrics)
    } else if has("Collector ID")
        && (matches!(first, "Respondent ID" | "Response ID" | "RespondentID") || next.is_some_and(answer_kinds))
    {
        Some(Export::SurveyMonkey)
    } else if first == "序号" && has("提交答卷时间") {
        Some(Export::Wenjuanxing)
    } else if matches!(first, "Timestamp" | "时间戳记" | "時間戳記") {
        Some(Export::GoogleForms)
    } else {
        None
    }
}

/// SurveyMonkey's second header row: each question's answer option, `Response` for a
/// question of one answer and `Open-Ended Response` for text.
fn answer_kinds(next: &[String]) -> bool {
    next.iter().any(|c| matches!(c.trim(), "Response" | "Open-Ended Response"))
}

/// An export with header rows below the first, read without `export:`: its second and third
/// rows would be read as answers. The message names the setting.
pub(super) fn undeclared(spec: &FileSpec, header: &[String], below: &[Peeked], line: u64) -> Result<()> {
    let next = below.first().map(|(_, r)| r.as_slice());
    let third = below.get(1).map(|(_, r)| r.as_slice()).filter(|r| has_import_ids(r));
    let (export, rows) = match detect(header, third.or(next)) {
        Some(e @ Export::Qualtrics) if third.is_some() => {
            (e, "three header rows (question ids, question texts, ImportId)")
        }
        Some(e @ Export::SurveyMonkey)
            if next.is_some_and(|r| r.iter().any(|c| c == "Response" || c == "Open-Ended Response")) =>
        {
            (e, "two header rows (questions, then answer options)")
        }
        _ => return Ok(()),
    };
    let mut d = Diagnostic::file(
        &spec.display,
        format!(
            "this looks like a {} export with {rows}; set `export: {}` for this dataset so they are read as one header (see docs/exports.md)",
            export.title(),
            export.name()
        ),
    );
    d.line = Some(line);
    Err(Error::one(d))
}

/// A preamble above a header of `header_width` fields read as `export`: the tool's own header
/// rows below the first (SurveyMonkey's options, which reach further right than its
/// questions when the last question spans columns) widen the header and are no preamble.
pub(super) fn preamble_for(export: Option<Export>, header_width: usize, below: &[Peeked]) -> Option<(u64, usize)> {
    let n = export.map_or(0, |e| rows_below(e, below));
    let width = below[..n].iter().map(|(_, r)| filled(r)).fold(header_width, usize::max);
    preamble(width, &below[n..])
}

/// The cells of a row up to its last filled one.
fn filled(row: &[String]) -> usize {
    row.iter().rposition(|c| !c.trim().is_empty()).map_or(0, |i| i + 1)
}

/// A preamble: the header row has fewer fields than most records below it. Returns the line
/// where the real header seems to start (the first record as wide as most) and that width.
pub(super) fn preamble(header_width: usize, below: &[Peeked]) -> Option<(u64, usize)> {
    let widths: Vec<(u64, usize)> =
        below.iter().filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty())).map(|(l, r)| (*l, r.len())).collect();
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for (_, w) in &widths {
        match counts.iter_mut().find(|(x, _)| x == w) {
            Some(c) => c.1 += 1,
            None => counts.push((*w, 1)),
        }
    }
    let (mode, n) = counts.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))?;
    if *mode <= header_width || *n < 2 {
        return None;
    }
    // The first row as wide as most, or wider: a header names columns that may be empty on
    // every row below it (a notes column left blank), so its row can be the wider one.
    // A title line padded to that width (`Erstellt am 02.04.2024;;;;`) names one cell: not it.
    let (line, _) = widths
        .iter()
        .find(|(l, w)| w >= mode && below.iter().find(|(x, _)| x == l).is_some_and(|(_, r)| named(r) >= 2))?;
    // The header would be a row of data (dates, numbers): the rows are wider than the header
    // (a delimiter at the end of each, an unnamed column), not below a preamble.
    let row = &below.iter().find(|(l, _)| l == line)?.1;
    (!looks_like_data(row)).then_some((*line, *mode))
}

/// The line of the real header below the title lines that spreadsheet programs pad to the
/// table's width (`Survey export 2024,,,`, as Excel saves a sheet with a title in A1; a
/// `Generated 2024-04-02,,,` line under it; blank lines between): the "header" is a title
/// line, and so is every line down to the first that names two or more columns and is no row
/// of data — the header. A title line names one cell only, or two where the header below names
/// four times as many; a header of one name and unnamed columns is no header anyone writes, so
/// this is safe to call a title.
pub(super) fn title_above(header: &[String], below: &[Peeked]) -> Option<u64> {
    if header.len() < 2 {
        return None;
    }
    let first = named(header);
    if first == 0 || first > 2 {
        return None;
    }
    let mut rows = below.iter().filter(|(_, r)| named(r) > 0);
    // Down past the title lines of one cell to the first line naming two or more.
    let (mut line, mut row) = rows.by_ref().map(|(l, r)| (*l, r)).find(|(_, r)| named(r) >= 2)?;
    if looks_like_data(row) {
        return None;
    }
    // A line of two cells (`Bericht;Q1 2024;;;;;;;`) is a title too when the next names four
    // times as many and is no row of data.
    if let Some((l, r)) = rows.next().filter(|(_, r)| named(row) == 2 && named(r) >= 8 && !looks_like_data(r)) {
        (line, row) = (*l, r);
    }
    (first == 1 || named(row) >= 4 * first).then_some(line)
}

/// The cells of a row that are not blank.
fn named(row: &[String]) -> usize {
    row.iter().filter(|c| !c.trim().is_empty()).count()
}

/// A file whose every record is quoted as a whole (`"Date,NPS,Comment"`, then
/// `"2024-01-19,5,ok ""fine"""`), as some scripts and copy-pastes write it: it reads as one
/// column of whole lines. Refused at the header's line: the header is one field holding a
/// delimiter, and every record below is one field that splits at it into as many parts
/// (half of them at least: a comment may hold the delimiter too, or a trailing one be left out).
/// Only the file's `delimiter` counts: a field holds it only when quoted (a `;` file read at
/// `,` is one column of unquoted lines, said with the column it lacks). Returns it.
pub(super) fn quoted_whole(header: &[String], below: &[Peeked], delimiter: u8) -> Option<char> {
    let [name] = header else { return None };
    let rows: Vec<&Vec<String>> = below.iter().map(|(_, r)| r).filter(|r| named(r) > 0).collect();
    let d = char::from(delimiter);
    let parts = name.split(d).count();
    let same = rows.iter().filter(|r| r.len() == 1 && r[0].split(d).count() == parts).count();
    let quoted = parts >= 2
        && !rows.is_empty()
        && rows.iter().all(|r| r.len() == 1 && r[0].contains(d))
        && same * 2 >= rows.len();
    quoted.then_some(d)
}

/// The error for records quoted whole ([`quoted_whole`]): `name` is the header's one field.
pub(super) fn quoted_whole_error(spec: &FileSpec, name: &str, d: char, line: u64) -> Error {
    let shown = if d == '\t' { "tab".to_string() } else { format!("`{d}`") };
    let mut dg = Diagnostic::file(
        &spec.display,
        format!(
            "each line of the file is quoted as a whole (line {line} is the one field `\"{name}\"`, and so is every line below it): the {shown}-separated values inside the quotes read as one column; remove the quote at the start and end of each line (and write each `\"\"` inside as `\"`), or export the file again as plain CSV"
        ),
    );
    dg.line = Some(line);
    Error::one(dg)
}

/// Whether a row reads as answers rather than column names: at least a third of its filled
/// cells are numbers, dates or times (`10`, `2024-06-01`, `03/04/2024 10:15:02 AM`), which a
/// header's names almost never are.
pub(super) fn looks_like_data(row: &[String]) -> bool {
    let filled: Vec<&str> = row.iter().map(|c| c.trim()).filter(|c| !c.is_empty()).collect();
    let values = filled.iter().filter(|c| is_number_or_date(c)).count();
    values > 0 && values * 3 >= filled.len()
}

/// A number (`10`, `-3.5`, `1,234`) or a date or time written in digits (`2024-06-01`,
/// `01.06.2024`, `10:15`, `2024-06-01T10:15:00Z`, `3/4/2024 10:15 AM`).
fn is_number_or_date(cell: &str) -> bool {
    let c = cell.trim_end_matches(|ch: char| ch.is_ascii_whitespace());
    let c = ["AM", "PM", "am", "pm"].iter().find_map(|s| c.strip_suffix(s)).unwrap_or(c);
    c.chars().any(|ch| ch.is_ascii_digit())
        && c.chars().all(|ch| ch.is_ascii_digit() || matches!(ch, '-' | '/' | '.' | ':' | ',' | '+' | ' ' | 'T' | 'Z'))
}

/// The error for a preamble above the header.
pub(super) fn preamble_error(spec: &FileSpec, header_line: u64, header_width: usize, at: (u64, usize)) -> Error {
    let fields = |n: usize| if n == 1 { "1 field".to_string() } else { format!("{n} fields") };
    let mut d = Diagnostic::file(
        &spec.display,
        format!(
            "line {header_line}, read as the header, has {} but the rows below it have {}: the lines above line {} look like a preamble (a title, an export banner); set `header_row: {}` for this dataset",
            fields(header_width),
            fields(at.1),
            at.0,
            at.0
        ),
    );
    d.line = Some(header_line);
    Error::one(d)
}

/// Reads a CSV file's first lines to find where its header is and which tool wrote it
/// (`cxsite init --from-csv`).
pub fn sniff_layout(spec: &FileSpec) -> Result<Layout> {
    let mut text = Vec::new();
    // Line ends normalised, blank lines kept as records, so that lines count as the file's.
    let mut reader = super::lines::LineEnds::new(decoded(spec)?.reader, b',').take(256 * 1024);
    if let Err(e) = reader.read_to_end(&mut text) {
        if e.kind() != std::io::ErrorKind::InvalidData {
            return Err(Error::one(Diagnostic::file(&spec.display, format!("cannot read the file: {e}"))));
        }
    }
    let delimiter = spec.delimiter.unwrap_or_else(|| delimiter_of(&text));
    let mut csv =
        csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_slice());
    let mut records: Vec<Peeked> = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while records.len() < PEEK_RECORDS && matches!(csv.read_byte_record(&mut rec), Ok(true)) {
        let line = rec.position().map_or(1, |p| p.line());
        records.push((line, rec.iter().map(|c| String::from_utf8_lossy(c).trim().to_string()).collect()));
    }
    Ok(layout_of(&records))
}

/// Where the header of the first `records` of a file or sheet is (the first of them, or
/// below a preamble), and the survey tool their layout is of.
pub(super) fn layout_of(records: &[Peeked]) -> Layout {
    let Some((first_line, first)) = records.first() else {
        return Layout { header_row: 1, export: None };
    };
    // A tool's own header rows below the first (SurveyMonkey's options) are no preamble.
    let tool = detect(first, records.get(1).map(|(_, r)| r.as_slice()));
    let (at, header) = match preamble_for(tool, first.len(), &records[1..]) {
        Some((line, _)) => match records.iter().position(|(l, _)| *l == line) {
            Some(i) => (i, &records[i]),
            None => (0, &records[0]),
        },
        None => (0, &records[0]),
    };
    // Title lines padded to the table's width above the header (one or several), as a build
    // refuses them (`title_above`): the header is the line below them.
    let (at, header) = match title_above(&header.1, &records[at + 1..]) {
        Some(line) => match records.iter().position(|(l, _)| *l == line) {
            Some(i) => (i, &records[i]),
            None => (at, header),
        },
        None => (at, header),
    };
    let header_row = if at == 0 { *first_line } else { header.0 };
    let next = records.get(at + 1).map(|(_, r)| r.as_slice());
    let after = records.get(at + 2).map(|(_, r)| r.as_slice());
    let export = detect(&header.1, after.filter(|r| has_import_ids(r)).or(next));
    Layout { header_row, export }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|c| c.to_string()).collect()
    }

    #[test]
    fn a_narrow_first_line_above_wide_rows_is_a_preamble_ending_where_the_wide_rows_start() {
        let below =
            vec![(2, row(&["Exported 2024-03-01"])), (3, row(&["id", "nps", "comment"])), (4, row(&["1", "9", "ok"]))];
        assert_eq!(preamble(1, &below), Some((3, 3)));
        let plain = vec![(2, row(&["1", "9", "ok"])), (3, row(&["2", "7", ""]))];
        assert_eq!(preamble(3, &plain), None);
        // A header naming a column every row below leaves empty is wider than the rows.
        let notes = vec![
            (2, row(&["门店", "日期", "推荐意愿", "备注"])),
            (3, row(&["A店", "2024-03-01", "9"])),
            (4, row(&["A店", "2024-03-02", "7"])),
        ];
        assert_eq!(preamble(1, &notes), Some((2, 3)));
    }

    #[test]
    fn a_title_padded_to_the_tables_width_is_told_from_a_header() {
        let row = |l: u64, cells: &[&str]| (l, cells.iter().map(|c| c.to_string()).collect::<Vec<String>>());
        let title: Vec<String> = ["Survey export 2024", "", "", ""].iter().map(|c| c.to_string()).collect();
        let below =
            [row(2, &["", "", "", ""]), row(3, &["id", "Satisfaction", "", "Recommend"]), row(4, &["1", "5", "", "9"])];
        assert_eq!(title_above(&title, &below), Some(3));
        // Rows of data below, a single column, or a header naming two columns are no title.
        assert_eq!(title_above(&title, &[row(2, &["1", "5", "", "9"])]), None);
        assert_eq!(title_above(&title[..1], &below), None);
        let header: Vec<String> = ["id", "score", "", ""].iter().map(|c| c.to_string()).collect();
        assert_eq!(title_above(&header, &below), None);
    }

    #[test]
    fn a_run_of_padded_title_lines_ends_at_the_header_in_a_build_and_in_init() {
        let cells = |s: &str| s.split(';').map(str::to_string).collect::<Vec<String>>();
        // `Bericht Q1 2024;;;;`, `Erstellt am 02.04.2024;;;;`, a blank `;;;;`, then the header.
        let file = ["Bericht Q1 2024;;;;", "Erstellt am 02.04.2024;;;;", ";;;;", "Datum;Filiale;NPS;CSAT;Kommentar"];
        let data = ["2024-01-12;A;5;1;ok", "2024-02-11;B;9;5;ok"];
        let records: Vec<Peeked> =
            file.iter().chain(&data).enumerate().map(|(i, l)| (i as u64 + 1, cells(l))).collect();
        assert_eq!(title_above(&records[0].1, &records[1..]), Some(4));
        assert_eq!(layout_of(&records), Layout { header_row: 4, export: None });
        // From the second title line (`header_row: 2`), and without the blank line.
        assert_eq!(title_above(&records[1].1, &records[2..]), Some(4));
        let no_blank: Vec<Peeked> = records.iter().filter(|(l, _)| *l != 3).cloned().collect();
        assert_eq!(layout_of(&no_blank).header_row, 4);
        // Excel's `sep=;` line first (two fields, one named): the header is still line 5.
        let sep: Vec<Peeked> =
            std::iter::once((1, cells("sep=;"))).chain(records.iter().map(|(l, r)| (l + 1, r.clone()))).collect();
        assert_eq!(layout_of(&sep).header_row, 5);
        // A title of two cells over a header of eight or more.
        let wide = ["Bericht;Q1 2024;;;;;;;", "a;b;c;d;e;f;g;h", "1;2;3;4;5;6;7;8"];
        let wide: Vec<Peeked> = wide.iter().enumerate().map(|(i, l)| (i as u64 + 1, cells(l))).collect();
        assert_eq!(layout_of(&wide).header_row, 2);
        // Over a header of three, two cells are the header; so is one name above rows of data.
        let narrow = [cells("id;score;;"), cells("x;y;z;"), cells("1;2;3;4")];
        assert_eq!(title_above(&narrow[0], &[(2, narrow[1].clone()), (3, narrow[2].clone())]), None);
        assert_eq!(title_above(&cells("Store;;"), &[(2, cells("A;9;2024-01-01"))]), None);
    }

    #[test]
    fn records_quoted_whole_are_refused_and_a_column_of_comments_is_not() {
        let rows =
            |cells: &[&str]| cells.iter().enumerate().map(|(i, c)| (i as u64 + 2, row(&[*c]))).collect::<Vec<_>>();
        let whole = rows(&["2024-01-19,5,ok \"fine\"", "2024-01-20,9,great, thanks", "2024-01-21,7,"]);
        assert_eq!(quoted_whole(&row(&["Date,NPS,Comment"]), &whole, b','), Some(','));
        let semi = rows(&["2024-01-19;5;ok", "2024-01-20;9;gut"]);
        assert_eq!(quoted_whole(&row(&["Datum;NPS;Kommentar"]), &semi, b';'), Some(';'));
        // One comment column whose header and comments hold commas, but not all of them.
        let comments = rows(&["Great, thanks", "slow"]);
        assert_eq!(quoted_whole(&row(&["Comment, if any"]), &comments, b','), None);
        // Two columns, or no rows: nothing to say.
        assert_eq!(quoted_whole(&row(&["Date", "NPS"]), &whole, b','), None);
        assert_eq!(quoted_whole(&row(&["Date,NPS,Comment"]), &[], b','), None);
        // Read at another delimiter, the lines were not quoted: `nps;comment` read at `,`.
        assert_eq!(quoted_whole(&row(&["nps;comment"]), &rows(&["9;good"]), b','), None);
    }

    #[test]
    fn a_surveymonkey_options_row_wider_than_its_questions_is_no_preamble() {
        let records = vec![
            (1, row(&["Respondent ID", "Collector ID", "How likely?", "How satisfied?"])),
            (2, row(&["", "", "Response", "Checkout", "Staff"])),
            (3, row(&["114523098712", "431234567", "9", "Satisfied", "Very satisfied"])),
            (4, row(&["114523098713", "431234567", "3", "Dissatisfied", "Satisfied"])),
        ];
        assert_eq!(layout_of(&records), Layout { header_row: 1, export: Some(Export::SurveyMonkey) });
    }

    #[test]
    fn rows_wider_than_the_header_are_no_preamble_when_the_wider_row_is_data() {
        // Each data row ends with a delimiter, or a column has no name: row 2 is no header.
        let below = vec![
            (2, row(&["R0", "2024-06-01", "web", "10", "5", ""])),
            (3, row(&["R1", "2024-06-02", "store", "9", "4", ""])),
        ];
        assert_eq!(preamble(5, &below), None);
        let sm = row(&["114227", "03/04/2024 10:15:02 AM", "Satisfied", "Very satisfied", "9"]);
        assert!(looks_like_data(&sm));
        assert!(!looks_like_data(&row(&["Respondent ID", "Start Date", "Q1", "How likely (0-10)?"])));
    }

    #[test]
    fn surveymonkey_questions_span_their_option_columns() {
        let first = row(&["Respondent ID", "How likely?", "Which languages?", "", "Comments"]);
        let options = row(&["", "Response", "Python", "R, or S", "Open-Ended Response"]);
        let (names, questions) = combine(Export::SurveyMonkey, first, &[options]);
        assert_eq!(
            names,
            row(&[
                "Respondent ID",
                "How likely?",
                "Which languages? / Python",
                "Which languages? / R, or S",
                "Comments"
            ])
        );
        assert_eq!(questions[3], "Which languages?");
        // A workbook's header row ends at its last filled cell, under a question that spans
        // the last columns: the options row says how far the columns go.
        let first = row(&["Respondent ID", "How satisfied with each part?"]);
        let options = row(&["", "Checkout", "Staff"]);
        let (names, _) = combine(Export::SurveyMonkey, first, &[options]);
        assert_eq!(names[2], "How satisfied with each part? / Staff");
    }

    #[test]
    fn each_tool_is_known_by_its_fixed_columns() {
        let q = row(&["StartDate", "Status", "Finished", "ResponseId", "Q1"]);
        assert_eq!(detect(&q, None), Some(Export::Qualtrics));
        assert_eq!(detect(&row(&["Respondent ID", "Collector ID", "Start Date"]), None), Some(Export::SurveyMonkey));
        // Newer exports name the first column `Response ID`; the options row tells it too.
        assert_eq!(detect(&row(&["Response ID", "Collector ID", "Start Date"]), None), Some(Export::SurveyMonkey));
        let options = row(&["", "", "", "Response", "Open-Ended Response"]);
        assert_eq!(
            detect(&row(&["Id", "Collector ID", "Start Date", "Q1", "Q2"]), Some(&options)),
            Some(Export::SurveyMonkey)
        );
        assert_eq!(detect(&row(&["Id", "Collector ID", "Start Date", "Q1", "Q2"]), None), None);
        assert_eq!(detect(&row(&["序号", "提交答卷时间", "所用时间"]), None), Some(Export::Wenjuanxing));
        assert_eq!(detect(&row(&["Timestamp", "How likely?"]), None), Some(Export::GoogleForms));
        assert_eq!(detect(&row(&["id", "nps"]), None), None);
    }
}
