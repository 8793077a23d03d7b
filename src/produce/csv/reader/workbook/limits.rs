//! Zip-bomb and shared-string guards, checked before calamine unpacks a workbook.

use super::*;

/// Most workbook formats are zip archives. Before calamine unpacks one, its table of contents
/// says how large it would become: a workbook that would unpack to more than 1 GiB, or a
/// member that inflates more than 1,000-fold past 10 MiB, is refused as a likely zip bomb.
/// A workbook read whole (not `.xlsx`) may unpack to [`MAX_WHOLE`] at most; an `.xls`, not a
/// zip, may be that large itself.
pub(super) fn check_unpacked_size(spec: &FileSpec, streamed: bool) -> Result<()> {
    const MAX_TOTAL: u64 = 1 << 30;
    let too_large = |size: u64| {
        Error::one(Diagnostic::file(
            &spec.display,
            format!(
                "the workbook is too large to read whole ({} MB; only .xlsx sheets are read as a stream): save it as .xlsx or export the sheet as CSV",
                size >> 20
            ),
        ))
    };
    let Ok(file) = File::open(&spec.path) else { return Ok(()) };
    let file_size = file.metadata().map(|m| m.len()).unwrap_or(0);
    // Not a zip (an .xls is an OLE file): calamine reads it as it is.
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return if !streamed && file_size > MAX_WHOLE { Err(too_large(file_size)) } else { Ok(()) };
    };
    check_shared_strings(spec, &mut zip)?;
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
    if !streamed && total > MAX_WHOLE {
        return Err(too_large(total));
    }
    Ok(())
}

/// The largest shared-strings part read: memory for it is up to five times its size (see
/// [`check_shared_strings`]). A sheet of a million rows of distinct 100-character comments
/// has about 120 MB.
const MAX_SHARED_STRINGS: u64 = 192 << 20;

/// An `.xlsx` says in its shared-strings part how many strings it holds, and the reader
/// makes room for that many before reading one: a count no larger part could hold (each
/// string takes 5 bytes at least, `<si/>`) is refused rather than believed, so that memory
/// follows what the file holds, not a number it states.
pub(super) fn check_shared_strings<R: std::io::Read + std::io::Seek>(
    spec: &FileSpec,
    zip: &mut zip::ZipArchive<R>,
) -> Result<()> {
    shared_strings_within(spec, zip, MAX_SHARED_STRINGS)
}

/// [`check_shared_strings`], with the part's largest size `max`.
fn shared_strings_within<R: std::io::Read + std::io::Seek>(
    spec: &FileSpec,
    zip: &mut zip::ZipArchive<R>,
    max: u64,
) -> Result<()> {
    use std::io::Read;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index(i) else { continue };
        let Ok(name) = entry.name().map(|n| n.into_owned()) else { continue };
        if !name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            continue;
        }
        let size = entry.size();
        // Held whole, each string a `String` (24 bytes, whether used by a cell or not): an
        // `<si/>` of 5 bytes takes five times its size. 190 million of them (950 MB unpacked,
        // a 1.4 MB file) took 4.5 GB.
        if size > max {
            return Err(Error::one(Diagnostic::file(
                &spec.display,
                format!(
                    "`{name}` (the workbook's shared strings) unpacks to {} MB, more than cxsite holds in memory ({} MB): export the sheet as CSV instead",
                    size >> 20,
                    max >> 20
                ),
            )));
        }
        let mut head = Vec::new();
        // The `<sst …>` tag opens the part, after the XML declaration.
        if entry.take(64 << 10).read_to_end(&mut head).is_err() {
            continue;
        }
        let Some(count) = declared_count(&head, b"uniqueCount") else { continue };
        if count > size / 5 {
            return Err(Error::one(Diagnostic::file(
                &spec.display,
                format!(
                    "`{name}` says it holds {count} shared strings, more than its {size} bytes can; the file is damaged or was not written by a spreadsheet — open and save it in Excel, or export the sheet as CSV"
                ),
            )));
        }
    }
    Ok(())
}

/// The number in `attr="…"` of the `<sst` tag in `head`, if written (saturating: a number
/// of any length is as large as it says or larger).
pub(super) fn declared_count(head: &[u8], attr: &[u8]) -> Option<u64> {
    let start = head.windows(4).position(|w| w == b"<sst")?;
    let tag = &head[start..];
    let tag = &tag[..tag.iter().position(|&b| b == b'>').unwrap_or(tag.len())];
    let at = tag.windows(attr.len() + 1).position(|w| &w[..attr.len()] == attr && w[attr.len()] == b'=')?;
    let value = &tag[at + attr.len() + 1..];
    let value = value.strip_prefix(b"\"").or_else(|| value.strip_prefix(b"'"))?;
    let digits = value.iter().take_while(|b| b.is_ascii_digit());
    Some(digits.fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of one shared-strings part of `n` empty strings, stored.
    fn zip_of_empty_strings(n: usize) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        w.start_file("xl/sharedStrings.xml", stored).unwrap();
        w.write_all(format!("<sst uniqueCount=\"{n}\">").as_bytes()).unwrap();
        w.write_all("<si/>".repeat(n).as_bytes()).unwrap();
        w.write_all(b"</sst>").unwrap();
        zip::ZipArchive::new(w.finish().unwrap()).unwrap()
    }

    #[test]
    fn a_shared_strings_part_past_the_limit_is_refused_before_it_is_read() {
        let spec = FileSpec {
            path: "data/r.xlsx".into(),
            display: "data/r.xlsx".into(),
            path_at: None,
            header_row_at: None,
            encoding: None,
            delimiter: None,
            header_row: 1,
            sheet: None,
            sheet_at: None,
            workbook: true,
            skip_malformed: false,
            root: None,
            export: None,
        };
        // 3 MiB of `<si/>` against a 2 MiB limit; the same part under a 4 MiB limit reads.
        let mut zip = zip_of_empty_strings((3 << 20) / 5);
        let e = shared_strings_within(&spec, &mut zip, 2 << 20).unwrap_err().to_string();
        assert!(
            e.contains("data/r.xlsx") && e.contains("unpacks to 3 MB, more than cxsite holds in memory (2 MB)"),
            "{e}"
        );
        assert!(shared_strings_within(&spec, &mut zip, 4 << 20).is_ok());
    }
}
