//! The size a workbook read whole (`.xls`, `.ods`) lays its sheets out at, found from the
//! file's own records before calamine allocates for it.
//!
//! calamine reads every sheet of an `.xls` or `.ods` when the workbook is opened, and lays
//! each out as a rectangle of cells: an `.xls` sheet makes room for the used range its
//! DIMENSIONS record declares, then for the box from its first to its last cell; an `.ods`
//! sheet repeats a cell `table:number-columns-repeated` times and a row
//! `table:number-rows-repeated` times (up to 100 million cells). A few hundred bytes can so
//! ask for gigabytes, or abort the process, before any row is seen. These checks walk the
//! same records cheaply (the `.xls` compound file's sector chains, its BIFF records; the
//! `.ods` content with calamine's own XML reader), and a sheet that would be laid out past
//! [`MAX_WHOLE_CELLS`] is refused by file and sheet, in the style of the zip-bomb guard.
//!
//! An `.xlsb` sheet is read when asked for, and laid out as the box from its first to its
//! last filled cell (its BrtWsDim record, the declared size, only sizes a small reservation):
//! two cells, at A1 and XFD1048576, ask for 17 billion. Its cells are walked once with
//! calamine's own cell reader, which holds none of them, and the box checked the same way.

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};

/// The most cells (its box, blanks included) one sheet read whole is laid out at: 4,194,304,
/// some 130 MB as calamine holds them. A real `.ods` of that many filled cells unpacks past
/// the 256 MB a workbook read whole may, and an `.xls` holds 16.7 million at most.
pub(super) const MAX_WHOLE_CELLS: u64 = 1 << 22;

/// What to do about a sheet too large to read whole.
const TOO_LARGE: &str = "the file is damaged or was not written by a spreadsheet, or the sheet is too large to read whole — save it as .xlsx (read as a stream) or export the sheet as CSV";

/// What to do about a damaged compound file.
const DAMAGED: &str =
    "the file is damaged or was not written by a spreadsheet — open and save it in Excel, or export the sheet as CSV";

fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Refuses a sheet laid out at `rows` × `cols`, past [`MAX_WHOLE_CELLS`]: "sheet `x` {how}
/// R rows × C columns {source}: …".
fn check_span(sheet: &str, rows: u64, cols: u64, how: &str, source: &str) -> std::result::Result<(), String> {
    let cells = rows.saturating_mul(cols);
    if cells > MAX_WHOLE_CELLS {
        let what = format!("{how} {} rows × {} columns {source}", thousands(rows), thousands(cols));
        return Err(too_many(sheet, what, cells));
    }
    Ok(())
}

fn too_many(sheet: &str, what: String, cells: u64) -> String {
    format!(
        "sheet `{sheet}` {what}: {} cells laid out, more than the {} a sheet read whole may have; {TOO_LARGE}",
        thousands(cells),
        thousands(MAX_WHOLE_CELLS)
    )
}

// ---------------------------------------------------------------------------------------
// .xls: an OLE compound file holding a BIFF `Workbook` stream.

const ENDOFCHAIN: u32 = 0xFFFF_FFFE;
/// Sector numbers from here on are markers, not sectors.
const MAXREGSECT: u32 = 0xFFFF_FFFA;

/// The sectors of a compound file, read on demand.
struct Compound<R> {
    file: R,
    /// The header's first 512 bytes.
    head: [u8; 512],
    shift: u32,
    /// Sectors the file holds (a last, partial one included).
    sectors: u32,
    fat: Vec<u32>,
}

impl<R: Read + Seek> Compound<R> {
    fn open(mut file: R, len: u64) -> std::result::Result<Compound<R>, String> {
        let mut head = [0u8; 512];
        file.read_exact(&mut head).map_err(|_| "the compound-file header is cut short".to_string())?;
        let u16_at = |at: usize| u16::from_le_bytes([head[at], head[at + 1]]);
        let u32_at = |at: usize| u32::from_le_bytes(head[at..at + 4].try_into().unwrap_or([0; 4]));
        let shift = match u16_at(30) {
            9 => 9,
            12 => 12,
            s => return Err(format!("the compound file's sector size (shift {s}) is neither 512 nor 4096 bytes")),
        };
        let size = 1u64 << shift;
        let sectors = u32::try_from(len.saturating_sub(size).div_ceil(size)).unwrap_or(u32::MAX);
        let mut c = Compound { file, head, shift, sectors, fat: Vec::new() };
        // The FAT's sectors: 109 in the header, the rest in a chain of DIFAT sectors.
        let mut fat_sectors: Vec<u32> = (0..109).map(|i| u32_at(76 + 4 * i)).collect();
        let mut difat = u32_at(68);
        let mut steps = 0u32;
        while difat <= MAXREGSECT {
            steps += 1;
            if steps > c.sectors {
                return Err("the compound file's DIFAT chain runs in a circle".into());
            }
            let s = c.sector(difat)?;
            let words: Vec<u32> = s.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
            let Some((&next, entries)) = words.split_last() else { break };
            fat_sectors.extend_from_slice(entries);
            difat = next;
        }
        // Each FAT sector a sector of the file: a list of more (the same one again and
        // again) would make a FAT larger than the file.
        for (n, id) in fat_sectors.into_iter().filter(|&id| id <= MAXREGSECT).enumerate() {
            if n as u64 >= u64::from(c.sectors) {
                return Err("the compound file lists more FAT sectors than it holds".into());
            }
            let s = c.sector(id)?;
            c.fat.extend(s.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])));
        }
        Ok(c)
    }

    fn sector(&mut self, id: u32) -> std::result::Result<Vec<u8>, String> {
        if id >= self.sectors {
            return Err(format!("the compound file points to sector {id}, past its end ({} sectors)", self.sectors));
        }
        let at = (u64::from(id) + 1) << self.shift;
        self.file.seek(SeekFrom::Start(at)).map_err(|e| e.to_string())?;
        let mut buf = Vec::with_capacity(1 << self.shift);
        (&mut self.file).take(1 << self.shift).read_to_end(&mut buf).map_err(|e| e.to_string())?;
        Ok(buf)
    }

    fn read_chain(&mut self, start: u32, len: u64) -> std::result::Result<Vec<u8>, String> {
        let size = 1u64 << self.shift;
        let ids = chain(&self.fat, start, self.sectors, len.div_ceil(size))?;
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.sector(id)?);
        }
        out.truncate(usize::try_from(len).unwrap_or(usize::MAX));
        Ok(out)
    }
}

/// The sector numbers of the chain from `start` in `fat`: every one of the `sectors` there
/// are, none visited twice (a chain longer than there are sectors runs in a circle), at most
/// `limit` of them.
fn chain(fat: &[u32], start: u32, sectors: u32, limit: u64) -> std::result::Result<Vec<u32>, String> {
    let mut ids = Vec::new();
    let mut id = start;
    while id != ENDOFCHAIN && (ids.len() as u64) < limit {
        if id > MAXREGSECT || id >= sectors {
            return Err(format!("a sector chain of the compound file points to {id:#x}, no sector of it"));
        }
        if ids.len() as u64 >= u64::from(sectors) {
            return Err("a sector chain of the compound file runs in a circle".into());
        }
        ids.push(id);
        id = *fat.get(id as usize).ok_or_else(|| format!("sector {id} of the compound file has no FAT entry"))?;
    }
    Ok(ids)
}

/// The `Workbook` (or older `Book`) stream of an `.xls`, read as calamine reads it, after
/// checking that every sector chain on the way stays in the file and ends.
fn workbook_stream(path: &std::path::Path) -> std::result::Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let len = file.metadata().map(|m| m.len()).unwrap_or(0);
    let mut c = Compound::open(BufReader::new(file), len)?;
    let head = c.head;
    let u32_at = |at: usize| u32::from_le_bytes(head[at..at + 4].try_into().unwrap_or([0; 4]));
    let dirs = c.read_chain(u32_at(48), u64::MAX)?;
    // (name, start, length) of each directory entry.
    let large = c.shift == 12;
    let entries: Vec<(String, u32, u64)> = dirs
        .chunks_exact(128)
        .map(|d| {
            let units: Vec<u16> = d[..64].chunks_exact(2).map(|w| u16::from_le_bytes([w[0], w[1]])).collect();
            let name: String = String::from_utf16_lossy(&units).chars().take_while(|&ch| ch != '\0').collect();
            let start = u32::from_le_bytes([d[116], d[117], d[118], d[119]]);
            let len = if large {
                u64::from_le_bytes(d[120..128].try_into().unwrap_or([0; 8]))
            } else {
                u64::from(u32::from_le_bytes([d[120], d[121], d[122], d[123]]))
            };
            (name, start, len)
        })
        .collect();
    let find = |n: &str| entries.iter().find(|e| e.0.eq_ignore_ascii_case(n));
    let Some((_, start, stream_len)) = find("Workbook").or_else(|| find("Book")).cloned() else {
        // calamine says so itself.
        return Ok(Vec::new());
    };
    if stream_len > len.saturating_mul(2) {
        return Err(format!("its workbook stream says it is {stream_len} bytes long, more than the file holds"));
    }
    if stream_len >= 4096 {
        return c.read_chain(start, stream_len);
    }
    // A short stream lives in the mini stream: 64-byte sectors inside the root entry's chain.
    let Some(&(_, root_start, root_len)) = entries.first() else { return Ok(Vec::new()) };
    let mini = c.read_chain(root_start, root_len.min(len))?;
    let minifat_bytes = c.read_chain(u32_at(60), u64::from(u32_at(64)) << c.shift)?;
    let minifat: Vec<u32> =
        minifat_bytes.chunks_exact(4).map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]])).collect();
    let mini_sectors = u32::try_from(mini.len().div_ceil(64)).unwrap_or(u32::MAX);
    let ids = chain(&minifat, start, mini_sectors, stream_len.div_ceil(64))?;
    let mut out = Vec::new();
    for id in ids {
        let at = id as usize * 64;
        out.extend_from_slice(&mini[at..(at + 64).min(mini.len())]);
    }
    out.truncate(stream_len as usize);
    Ok(out)
}

/// The BIFF records of a stream from `at`: (type, data), as calamine splits them; stops at
/// a record cut short (calamine then fails on it itself).
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let head = stream.get(at..at + 4)?;
        let typ = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((typ, data))
    })
}

fn u16_of(d: &[u8], at: usize) -> u32 {
    d.get(at..at + 2).map_or(0, |b| u32::from(u16::from_le_bytes([b[0], b[1]])))
}

fn u32_of(d: &[u8], at: usize) -> u32 {
    d.get(at..at + 4).map_or(0, |b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Why an `.xls` would be laid out past [`MAX_WHOLE_CELLS`] in one of its sheets, or is
/// damaged in a way calamine would not survive (a sector chain in a circle, a sheet that
/// starts past the end of the stream), if so.
pub(super) fn check_xls(path: &std::path::Path) -> std::result::Result<(), String> {
    let stream = workbook_stream(path).map_err(|e| format!("{e}; {DAMAGED}"))?;
    // The sheets: BoundSheet8 records of the workbook globals, up to their EOF.
    let mut sheets: Vec<(usize, String)> = Vec::new();
    for (typ, data) in records(&stream, 0) {
        match typ {
            0x000A => break,
            0x0085 if data.len() >= 8 => {
                let cch = data[6] as usize;
                let wide = data[7] & 1 == 1;
                let name = if wide {
                    let units: Vec<u16> =
                        data[8..].chunks_exact(2).take(cch).map(|w| u16::from_le_bytes([w[0], w[1]])).collect();
                    String::from_utf16_lossy(&units)
                } else {
                    data[8..].iter().take(cch).map(|&b| char::from(b)).collect()
                };
                sheets.push((u32_of(data, 0) as usize, name));
            }
            _ => {}
        }
    }
    for (pos, name) in sheets {
        if pos > stream.len() {
            return Err(format!(
                "sheet `{name}` is said to start at byte {pos} of the workbook stream, past its end ({} bytes); {DAMAGED}",
                stream.len()
            ));
        }
        check_biff_sheet(&name, &stream, pos)?;
    }
    Ok(())
}

/// One sheet's substream: its DIMENSIONS record (calamine makes room for that many cells)
/// and the box its cells span (calamine lays that out).
fn check_biff_sheet(name: &str, stream: &[u8], pos: usize) -> std::result::Result<(), String> {
    let (mut top, mut left, mut bottom, mut right) = (u32::MAX, u32::MAX, 0u32, 0u32);
    let mut cell = |r: u32, c: u32| {
        top = top.min(r);
        bottom = bottom.max(r);
        left = left.min(c);
        right = right.max(c);
    };
    let mut seen_bof = false;
    let mut depth = 0usize;
    for (typ, d) in records(stream, pos) {
        if depth > 0 {
            match typ {
                0x0809 => depth += 1,
                0x000A => depth -= 1,
                _ => {}
            }
            continue;
        }
        match typ {
            0x0809 if seen_bof => depth += 1,
            0x0809 => seen_bof = true,
            0x000A => break,
            0x0200 => {
                // As calamine reads it: BIFF8 rows in 32 bits, older ones in 16.
                let (rf, rl, mut cf, cl) = match d.len() {
                    10 => (u16_of(d, 0), u16_of(d, 2), u16_of(d, 4), u16_of(d, 6)),
                    14 | 16 => (u32_of(d, 0), u32_of(d, 4), u16_of(d, 8), u16_of(d, 10)),
                    _ => continue,
                };
                if cf > 0xFF || cl < cf {
                    cf = 0;
                }
                if rl >= 1 && cl >= 1 {
                    let rows = u64::from((rl - 1).wrapping_sub(rf).wrapping_add(1));
                    let cols = u64::from((cl - 1).wrapping_sub(cf).wrapping_add(1));
                    check_span(name, rows, cols, "declares a used range of", "in its DIMENSIONS record")?;
                }
            }
            // Number, Label, RString, BoolErr, RK, LabelSst, Formula: one cell at (row, col).
            0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 if d.len() >= 4 => {
                cell(u16_of(d, 0), u16_of(d, 2));
            }
            // MulRk: a run of cells from its first column to the last, written at its end.
            0x00BD if d.len() >= 6 => {
                let (row, first, last) = (u16_of(d, 0), u16_of(d, 2), u16_of(d, d.len() - 2));
                cell(row, first);
                cell(row, last.max(first));
            }
            _ => {}
        }
    }
    if bottom >= top {
        let cells = u64::from(bottom - top + 1).saturating_mul(u64::from(right - left + 1));
        if cells > MAX_WHOLE_CELLS {
            let what = format!(
                "has cells from {} to {}",
                super::workbook::cell_ref(top, left),
                super::workbook::cell_ref(bottom, right)
            );
            return Err(too_many(name, what, cells));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// .ods: `content.xml`, read with the XML reader calamine uses.

/// calamine's own caps on an `.ods` sheet: rows past the first 1,048,576 are dropped, and
/// a row is cut at 16,384 columns.
const ODS_MAX_ROWS: u64 = 1_048_576;
const ODS_MAX_COLUMNS: u64 = super::open::MAX_COLUMNS as u64;

/// The row being read: its repeat count, its columns so far, and its first and last filled
/// column.
type OdsRow = (u64, u64, Option<(u64, u64)>);

/// One `.ods` sheet as calamine will lay it out.
#[derive(Default)]
struct OdsSheet {
    name: String,
    /// Cells calamine holds before laying the sheet out: every row's cells up to its last
    /// filled one, each row once.
    held: u64,
    /// Rows so far (repeats counted, capped as calamine caps them).
    rows: u64,
    /// First and last row (repeats counted) with a filled cell, and the columns filled.
    first_row: Option<u64>,
    last_row: u64,
    first_col: u64,
    last_col: u64,
}

impl OdsSheet {
    /// The cells of the laid-out box.
    fn laid_out(&self) -> u64 {
        match self.first_row {
            None => 0,
            Some(f) => (self.last_row - f + 1).saturating_mul(self.last_col - self.first_col + 1),
        }
    }

    fn check(&self) -> std::result::Result<(), String> {
        if self.held > MAX_WHOLE_CELLS {
            let what =
                "repeats its cells across columns (`table:number-columns-repeated`) in more rows than it can hold"
                    .to_string();
            return Err(too_many(&self.name, what, self.held));
        }
        let cells = self.laid_out();
        if cells > MAX_WHOLE_CELLS {
            let what = format!(
                "spans {} rows × {} columns once its repeated rows and cells (`table:number-rows-repeated`, `table:number-columns-repeated`) are laid out",
                thousands(self.last_row - self.first_row.unwrap_or(0) + 1),
                thousands(self.last_col - self.first_col + 1)
            );
            return Err(too_many(&self.name, what, cells));
        }
        Ok(())
    }
}

/// A repeat count as written (saturating); calamine fails on one that is no number itself.
fn repeats(e: &quick_xml::events::BytesStart<'_>, attr: &str) -> u64 {
    let Some(a) = e.attributes().flatten().find(|a| a.key.as_ref() == attr) else { return 1 };
    let digits: Vec<u8> = a.value.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return 1;
    }
    digits.iter().fold(0u64, |n, &d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
}

// ---------------------------------------------------------------------------------------
// .xlsb: the box of the sheet's filled cells.

/// Why sheet `sheet` of an `.xlsb` would be laid out past [`MAX_WHOLE_CELLS`], if so: the
/// box from its first to its last filled cell, as calamine lays it out (empty cells are not
/// laid out, as calamine leaves them out).
pub(super) fn check_xlsb<RS: Read + Seek>(wb: &mut calamine::Xlsb<RS>, sheet: &str) -> std::result::Result<(), String> {
    let unreadable = |e: calamine::XlsbError| format!("cannot read sheet `{sheet}`: {e}");
    let mut cells = wb.worksheet_cells_reader(sheet).map_err(unreadable)?;
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        if matches!(cell.get_value(), calamine::DataRef::Empty) {
            continue;
        }
        let (r, c) = cell.get_position();
        bounds = Some(match bounds {
            None => (r, r, c, c),
            Some((r0, r1, c0, c1)) => (r0.min(r), r1.max(r), c0.min(c), c1.max(c)),
        });
    }
    let Some((r0, r1, c0, c1)) = bounds else { return Ok(()) };
    let (rows, cols) = (u64::from(r1 - r0) + 1, u64::from(c1 - c0) + 1);
    check_span(sheet, rows, cols, "spans", "from its first to its last filled cell")
}

/// Why an `.ods` would be laid out past [`MAX_WHOLE_CELLS`] in one of its sheets, if so.
/// Every sheet counts: calamine reads them all when the workbook is opened.
pub(super) fn check_ods(path: &std::path::Path) -> std::result::Result<(), String> {
    use quick_xml::events::Event;
    let Ok(file) = File::open(path) else { return Ok(()) };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else { return Ok(()) };
    let Ok(content) = zip.by_name("content.xml") else { return Ok(()) };
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    // As calamine reads it, but with `<x/>` told from `<x></x>`.
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.expand_empty_elements = false;
    let mut buf = Vec::new();
    let mut sheet: Option<OdsSheet> = None;
    let mut row: Option<OdsRow> = None;
    // Inside a cell (with content: not empty to calamine).
    let mut cell_depth = 0usize;
    // Inside a cell's comment (`office:annotation`), which only its own end closes.
    let mut in_annotation = false;
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            // calamine fails on it itself.
            Err(_) => return Ok(()),
        };
        let empty = matches!(event, Event::Empty(_));
        match event {
            Event::Eof => return ended_whole(sheet.as_ref(), cell_depth > 0 || in_annotation),
            Event::End(e) if in_annotation && e.name().as_ref() == "office:annotation" => {
                in_annotation = false;
                cell_depth -= 1;
            }
            _ if in_annotation => {}
            Event::Start(e) | Event::Empty(e) => {
                let tag = e.name();
                let tag = tag.as_ref();
                if cell_depth > 0 {
                    if !empty {
                        cell_depth += 1;
                        in_annotation = tag == "office:annotation";
                    }
                } else if tag == "table:table" {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "table:name")
                        .map(|a| a.value.to_string())
                        .unwrap_or_default();
                    sheet = Some(OdsSheet { name, ..OdsSheet::default() });
                } else if tag == "table:table-row" {
                    row = Some((repeats(&e, "table:number-rows-repeated"), 0, None));
                    if empty {
                        end_row(&mut sheet, &mut row)?;
                    }
                } else if tag == "table:table-cell" || tag == "table:covered-table-cell" {
                    let n = repeats(&e, "table:number-columns-repeated");
                    // A cell with a value, a formula or content is filled (as calamine may
                    // read it: counting a doubtful one filled only errs on the safe side).
                    let filled = !empty
                        || e.attributes()
                            .flatten()
                            .any(|a| matches!(a.key.as_ref(), "office:value-type" | "table:formula" | "office:value"));
                    if let Some((_, cols, fill)) = row.as_mut() {
                        let from = (*cols).min(ODS_MAX_COLUMNS);
                        *cols = cols.saturating_add(n).min(ODS_MAX_COLUMNS);
                        if filled && *cols > from {
                            let first = fill.map_or(from, |(f, _)| f);
                            *fill = Some((first, *cols - 1));
                        }
                    }
                    if !empty {
                        cell_depth = 1;
                    }
                }
            }
            Event::End(e) => {
                if cell_depth > 0 {
                    cell_depth -= 1;
                } else if e.name().as_ref() == "table:table-row" {
                    end_row(&mut sheet, &mut row)?;
                } else if e.name().as_ref() == "table:table" {
                    if let Some(s) = sheet.take() {
                        s.check()?;
                    }
                }
            }
            _ => {}
        }
        buf.clear();
    }
}

/// Whether `content.xml` ended with its sheets and cells closed. calamine reads a sheet
/// until the end of its `table:table` and a cell's comment until the end of its
/// `office:annotation`, and at the end of the file reads on for ever: a file cut short or
/// with a damaged end tag hung the build.
fn ended_whole(open_sheet: Option<&OdsSheet>, in_cell: bool) -> std::result::Result<(), String> {
    match open_sheet {
        Some(s) => Err(format!(
            "cannot read the workbook: the file is damaged (sheet `{}` stops before its end{}) — open and save it again, or export the sheet as CSV",
            s.name,
            if in_cell { ", inside a cell" } else { "" }
        )),
        None => Ok(()),
    }
}

/// A row read: its cells held, its repeats laid out.
fn end_row(sheet: &mut Option<OdsSheet>, row: &mut Option<OdsRow>) -> std::result::Result<(), String> {
    let (Some(s), Some((repeat, _, fill))) = (sheet.as_mut(), row.take()) else { return Ok(()) };
    let repeat = repeat.min(ODS_MAX_ROWS - s.rows.min(ODS_MAX_ROWS));
    if let Some((first, last)) = fill {
        s.held = s.held.saturating_add(last + 1);
        if repeat > 0 {
            if s.first_row.is_none() {
                s.first_row = Some(s.rows);
                s.first_col = first;
                s.last_col = last;
            }
            s.first_col = s.first_col.min(first);
            s.last_col = s.last_col.max(last);
            s.last_row = s.rows + repeat - 1;
        }
    }
    s.rows += repeat;
    // Checked as it goes: a sheet past the limit is refused without reading on.
    if s.held > MAX_WHOLE_CELLS || s.laid_out() > MAX_WHOLE_CELLS {
        return s.check();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_with_thousands_separators() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4_194_304), "4,194,304");
    }

    #[test]
    fn sector_chains_end_inside_the_file_and_never_run_in_a_circle() {
        // 0 → 2 → 1 → end.
        let fat = [2, ENDOFCHAIN, 1, ENDOFCHAIN];
        assert_eq!(chain(&fat, 0, 4, u64::MAX), Ok(vec![0, 2, 1]));
        assert_eq!(chain(&fat, 0, 4, 2), Ok(vec![0, 2]));
        assert_eq!(chain(&fat, ENDOFCHAIN, 4, u64::MAX), Ok(vec![]));
        // 0 → 1 → 0 …
        let circle = [1, 0];
        assert!(chain(&circle, 0, 2, u64::MAX).unwrap_err().contains("circle"));
        // A sector past the file's end, or a marker (free sector) in the chain.
        assert!(chain(&[7], 0, 2, u64::MAX).unwrap_err().contains("0x7"));
        assert!(chain(&[0xFFFF_FFFF], 0, 2, u64::MAX).unwrap_err().contains("0xffffffff"));
        // A FAT shorter than the file.
        assert!(chain(&[1], 0, 4, u64::MAX).unwrap_err().contains("no FAT entry"));
    }
}
