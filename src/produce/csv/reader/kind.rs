//! What a data file really is, by its first bytes rather than its name: exports arrive as
//! HTML or TSV named `.xls`, as `.xls` and `.xlsx` swapped, gzipped, or as Apple Numbers
//! files. A workbook is read as the format it is; a file cxsite cannot read is named for
//! what it is, with what to do.

use std::io::Read;
use std::path::Path;

use crate::error::{Diagnostic, Error, Result};

/// The format of a data file's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text: CSV, TSV or another delimited file.
    Text,
    /// An Office Open XML workbook (`.xlsx`, `.xlsm`).
    Xlsx,
    /// A binary Office Open XML workbook (`.xlsb`).
    Xlsb,
    /// An Excel 97–2003 workbook (an OLE compound file).
    Xls,
    /// An OpenDocument spreadsheet.
    Ods,
}

impl Kind {
    /// Whether the file is read through calamine.
    pub fn is_workbook(self) -> bool {
        self != Kind::Text
    }
}

/// Sniffs `path` (shown as `display`): its format, or an error saying what the file is and
/// what to do with it.
pub fn sniff_kind(path: &Path, display: &str) -> Result<Kind> {
    let fail = |m: &str| Err(Error::one(Diagnostic::file(display, m)));
    let numbers = "this is an Apple Numbers file: in Numbers, export it as CSV or Excel (File > Export To), then point `path:` at that file";
    if path.extension().is_some_and(|e| e.eq_ignore_ascii_case("numbers")) {
        return fail(numbers);
    }
    let mut head = Vec::with_capacity(1024);
    let Ok(file) = std::fs::File::open(path) else { return Ok(Kind::Text) };
    if file.take(1024).read_to_end(&mut head).is_err() {
        return Ok(Kind::Text);
    }
    if head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Ok(Kind::Xls);
    }
    if head.starts_with(&[0x1F, 0x8B]) {
        return fail("this is a gzip file (.gz), not a table: unpack it first and point `path:` at the file inside");
    }
    if head.starts_with(b"PK\x03\x04") || head.starts_with(b"PK\x05\x06") {
        return zip_kind(path, display);
    }
    const EXPORT: &str = "export the data as CSV or XLSX";
    const UNPACK: &str = "unpack it first and point `path:` at the file inside";
    for (magic, what, todo) in [
        (&b"%PDF"[..], "a PDF document", EXPORT),
        (b"Rar!", "a RAR archive", UNPACK),
        (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive", UNPACK),
        (b"BZh", "a bzip2 archive", UNPACK),
        (b"\xFD7zXZ\x00", "an xz archive", UNPACK),
        (b"\x28\xB5\x2F\xFD", "a zstd archive", UNPACK),
        (b"SQLite format 3", "an SQLite database", "export the table as CSV"),
        (b"PAR1", "a Parquet file", "export the table as CSV"),
        (b"\x89PNG\r\n\x1A\n", "a PNG image", EXPORT),
        (b"\xFF\xD8\xFF", "a JPEG image", EXPORT),
        (b"GIF8", "a GIF image", EXPORT),
        (b"\x7FELF", "a program (ELF)", EXPORT),
    ] {
        if head.starts_with(magic) {
            return fail(&format!("this is {what}, not a table: {todo}"));
        }
    }
    if looks_binary(&head) {
        return fail(
            "this is not text: its first bytes hold control characters that no CSV, TSV or spreadsheet export has (an image, an archive or a program saved under a table's name?); export the data as CSV or XLSX",
        );
    }
    // Text: a web page or XML saved under a spreadsheet's name (some systems' "Excel export").
    let text = String::from_utf8_lossy(&head).to_ascii_lowercase();
    let text = text.trim_start_matches('\u{FEFF}').trim_start();
    if text.starts_with('<')
        && ["<html", "<!doctype html", "<table", "<?xml", "<head", "<meta"].iter().any(|t| text.contains(t))
    {
        return fail(
            "this is a web page (HTML or XML), not a CSV or Excel file, though some systems export it so: open it in Excel and save it as .xlsx or CSV (UTF-8), then point `path:` at that file",
        );
    }
    if looks_json(text) {
        return fail(
            "this is JSON (an API's or a tool's data export), not a CSV or Excel file: export the data as CSV or XLSX, or convert it (an array of records with `jq -r '(.[0] | keys_unsorted) as $k | $k, (.[] | [.[$k[]]]) | @csv'`), then point `path:` at that file",
        );
    }
    Ok(Kind::Text)
}

/// Whether text (lower-cased, leading spaces gone) opens as JSON does: an object whose first
/// key is quoted (`{"id": …`, also JSON Lines) or an array of objects, strings or arrays
/// (`[{"id": …`). No header row of a table starts so.
fn looks_json(text: &str) -> bool {
    let after = |open: char| text.strip_prefix(open).map(str::trim_start);
    after('{').is_some_and(|r| r.starts_with('"') || r.starts_with('}'))
        || after('[').is_some_and(|r| r.starts_with(['{', '"', '[']))
}

/// Whether the first bytes of a file are binary: more than one in ten is a control character
/// other than tab, line feed, form feed and carriage return — text has almost none. NUL bytes
/// that fall nearly all on even or all on odd places are UTF-16 text without its byte-order
/// mark (read as such later), not binary.
fn looks_binary(head: &[u8]) -> bool {
    // NUL padding or a Ctrl-Z at the end of a short file is no content (`nul_padding…` test).
    let end = head.iter().rposition(|b| !matches!(b, 0 | 0x1A)).map_or(0, |p| p + 1);
    let head = &head[..end];
    let control = |b: &u8| *b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    let (even, odd) = super::decode::nul_places(head);
    let utf16 = even + odd > 0 && (even.min(odd) * 20 <= even.max(odd));
    let controls = head.iter().filter(|b| control(b)).count();
    let counted = if utf16 { controls - (even + odd) } else { controls };
    head.len() >= 16 && counted * 10 > head.len()
}

/// A zip archive: which workbook it holds, if any.
fn zip_kind(path: &Path, display: &str) -> Result<Kind> {
    let fail = |m: &str| Err(Error::one(Diagnostic::file(display, m)));
    let archive = std::fs::File::open(path).ok().and_then(|f| zip::ZipArchive::new(std::io::BufReader::new(f)).ok());
    let Some(archive) = archive else {
        return fail("this looks like a zip archive but cannot be opened as one: the file is damaged or cut short; export it again");
    };
    let names: Vec<String> = archive.file_names().flatten().map(|n| n.to_ascii_lowercase()).collect();
    let has = |n: &str| names.iter().any(|x| x == n);
    // An .xlsb keeps its sheets under xl/worksheets/ too (as `.bin`): its workbook part tells.
    if has("xl/workbook.xml") {
        Ok(Kind::Xlsx)
    } else if has("xl/workbook.bin") {
        Ok(Kind::Xlsb)
    } else if names.iter().any(|n| n.starts_with("xl/worksheets/")) {
        Ok(Kind::Xlsx)
    } else if has("content.xml") && has("mimetype") {
        Ok(Kind::Ods)
    } else if names.iter().any(|n| n.ends_with(".iwa")) {
        fail("this is an Apple Numbers file: in Numbers, export it as CSV or Excel (File > Export To), then point `path:` at that file")
    } else if has("word/document.xml") {
        fail("this is a Word document, not a table: export the data as CSV or XLSX")
    } else {
        fail("this is a zip archive, not a table: unpack it first and point `path:` at the CSV or XLSX file inside")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind_of(bytes: &[u8]) -> std::result::Result<Kind, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.xls");
        std::fs::write(&path, bytes).unwrap();
        sniff_kind(&path, "data/f.xls").map_err(|e| e.to_string())
    }

    fn zip_of(names: &[&str]) -> Vec<u8> {
        use std::io::Write;
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for n in names {
            zip.start_file(*n, zip::write::SimpleFileOptions::default()).unwrap();
            zip.write_all(b"x").unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn files_are_known_by_their_content_not_their_name() {
        assert_eq!(kind_of(b"a,b\n1,2\n"), Ok(Kind::Text));
        assert_eq!(kind_of(b"a\tb\n1\t2\n"), Ok(Kind::Text));
        assert_eq!(kind_of(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), Ok(Kind::Xls));
        assert_eq!(kind_of(&zip_of(&["[Content_Types].xml", "xl/workbook.xml"])), Ok(Kind::Xlsx));
        assert_eq!(kind_of(&zip_of(&["mimetype", "content.xml"])), Ok(Kind::Ods));
        let e = kind_of(&zip_of(&["Index/Document.iwa"])).unwrap_err();
        assert!(e.contains("data/f.xls") && e.contains("Apple Numbers file"), "{e}");
        let e = kind_of(&zip_of(&["survey.csv"])).unwrap_err();
        assert!(e.contains("zip archive") && e.contains("unpack it first"), "{e}");
        let e = kind_of(&[0x1F, 0x8B, 8, 0]).unwrap_err();
        assert!(e.contains("gzip file") && e.contains("unpack it first"), "{e}");
        let e = kind_of(b"\xEF\xBB\xBF  <html><body><table><tr><td>nps</td></tr></table>").unwrap_err();
        assert!(e.contains("web page (HTML or XML)"), "{e}");
        for json in
            [&b"[{\"id\": \"R1\", \"nps\": 9}]"[..], b"{\"id\":1}\n{\"id\":2}\n", b"\xEF\xBB\xBF\n  [\n  {\"a\": 1}]"]
        {
            let e = kind_of(json).unwrap_err();
            assert!(e.contains("this is JSON"), "{e}");
        }
        // A table whose first header merely has a brace or bracket is a table.
        assert_eq!(kind_of(b"[id],nps\n1,9\n"), Ok(Kind::Text));
        assert_eq!(kind_of(b"{id},nps\n1,9\n"), Ok(Kind::Text));
    }

    #[test]
    fn images_programs_and_other_binary_files_are_named_not_read_as_an_encoding() {
        let png = b"\x89PNG\r\n\x1A\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
        for (bytes, said) in [
            (&png[..], "this is a PNG image, not a table"),
            (b"\xFF\xD8\xFF\xE0\x00\x10JFIF", "a JPEG image"),
            (b"\x7FELF\x02\x01\x01\x00", "a program (ELF)"),
            (b"SQLite format 3\x00", "this is an SQLite database, not a table: export the table as CSV"),
        ] {
            let e = kind_of(bytes).unwrap_err();
            assert!(e.contains(said), "{e}");
        }
        // Random bytes: not text, whatever encoding they could be forced into.
        let noise: Vec<u8> = (0u32..512).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        assert!(kind_of(&noise).unwrap_err().contains("this is not text"));
        // UTF-16 without its mark has a NUL beside each ASCII letter: text.
        let utf16: Vec<u8> = "date,nps\n2024-01-02,9\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(kind_of(&utf16), Ok(Kind::Text));
        let gbk = encoding_rs::GBK.encode("门店,评分\n上海,9\n").0.into_owned();
        assert_eq!(kind_of(&gbk), Ok(Kind::Text));
    }
}
