//! Damaged workbooks: `.xls`, `.xlsx`, `.xlsb` and `.ods` files cut short or with bytes
//! overwritten, as a failed download, a broken disk or a hostile upload leaves them. Every
//! such file ends the run with a message naming it (exit 1) or, where the damage misses
//! what is read, with correct output (exit 0) — never a panic, an abort, a crash or a hang.
//!
//! The damage is deterministic (cuts at fixed fractions of the file, bytes overwritten at
//! fixed strides), so a failure names the case and replays. A zipped format is damaged inside
//! its parts and zipped again, since a damaged zip is refused by its checksum before any
//! part is parsed.

use std::io::{Read, Write};
use std::process::Command;
use std::sync::Mutex;

use crate::common::BIN;
use crate::data_files::{ods_of, ods_row, xls_of, xlsb_of, xlsx_of, YAML};
use crate::support::Proj;

/// The damaged copies of `bytes`: cut at sixteenths of its length, and with one byte set to
/// 0x00, 0xFF or 0x7F (in turn) at every `stride`-th position.
fn damaged(bytes: &[u8], stride: usize) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for k in 1..16 {
        let at = bytes.len() * k / 16;
        out.push((format!("cut at {at}"), bytes[..at].to_vec()));
    }
    for (n, at) in (0..bytes.len()).step_by(stride).enumerate() {
        let value = [0x00, 0xFF, 0x7F][n % 3];
        if bytes[at] != value {
            let mut copy = bytes.to_vec();
            copy[at] = value;
            out.push((format!("byte {at} set to {value:#04x}"), copy));
        }
    }
    out
}

/// The parts of a zip archive, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut body = Vec::new();
            file.read_to_end(&mut body).unwrap();
            (file.name().unwrap().to_string(), body)
        })
        .collect()
}

/// A zip archive of these parts (stored).
fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, body) in parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The damaged copies of a zipped workbook: each part damaged in turn (see [`damaged`]), the
/// others whole.
fn damaged_parts(bytes: &[u8], stride: usize) -> Vec<(String, Vec<u8>)> {
    let parts = unzip(bytes);
    let mut out = Vec::new();
    for (i, (name, body)) in parts.iter().enumerate() {
        for (how, broken) in damaged(body, stride) {
            let mut copy = parts.clone();
            copy[i].1 = broken;
            out.push((format!("{name}: {how}"), zip_of(&copy)));
        }
    }
    out
}

/// Runs `cxsite check` on a project reading `file` as `data/s.EXT`, for every damaged copy,
/// two at a time, under a time limit and a 2 GB address-space limit (an allocation the
/// damage asks for past it aborts, which fails the case); the cases that did not end in 0 or
/// 1 with no panic, with how they ended.
fn failures(ext: &str, cases: Vec<(String, Vec<u8>)>) -> Vec<String> {
    let path = format!("data/s.{ext}");
    let yaml = YAML.replace("path: data/s.csv", &format!("path: {path}"));
    let cases = Mutex::new(cases.into_iter());
    let failed = Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| loop {
                let Some((how, bytes)) = cases.lock().unwrap().next() else { break };
                let p = Proj::new(&yaml, &[(path.as_str(), &bytes)]);
                let script = "ulimit -v 2097152; exec timeout 20 \"$0\" check project";
                let out = Command::new("sh").args(["-c", script, BIN]).current_dir(p.tmp()).output().unwrap();
                let stderr = String::from_utf8_lossy(&out.stderr);
                let code = out.status.code().unwrap_or(-1);
                if !matches!(code, 0 | 1) || stderr.contains("panicked") {
                    let first = stderr.lines().take(3).collect::<Vec<_>>().join(" | ");
                    failed.lock().unwrap().push(format!("{ext}, {how}: exit {code}: {first}"));
                }
            });
        }
    });
    failed.into_inner().unwrap()
}

#[track_caller]
fn assert_none(failed: Vec<String>) {
    assert!(failed.is_empty(), "{} damaged file(s) were not refused cleanly:\n{}", failed.len(), failed.join("\n"));
}

#[test]
fn a_damaged_xls_is_refused_by_name_never_a_panic() {
    let rows: Vec<(u16, f64, &str)> = (1..40).map(|r| (r, f64::from(r % 11), "送货太慢 slow")).collect();
    let file = xls_of(&rows, &[(3, 4, "note")], (0, 40, 0, 2));
    assert_none(failures("xls", damaged(&file, 7)));
}

#[test]
fn a_damaged_xlsx_is_refused_by_name_never_a_panic() {
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B9"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>"#,
    );
    for r in 2..10 {
        sheet.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><v>{}</v></c><c r="B{r}" t="s"><v>2</v></c></row>"#,
            r % 11
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3"><si><t>nps</t></si><si><t>comment</t></si><si><t>送货太慢</t></si></sst>"#;
    assert_none(failures("xlsx", damaged_parts(&xlsx_of(&sheet, Some(sst)), 11)));
}

#[test]
fn a_damaged_xlsb_is_refused_by_name_never_a_panic() {
    let rows: Vec<(u32, f64, &str)> = (1..12).map(|r| (r, f64::from(r % 11), "送货太慢")).collect();
    assert_none(failures("xlsb", damaged_parts(&xlsb_of(&rows, &[]), 3)));
}

#[test]
fn a_damaged_ods_is_refused_by_name_never_a_panic() {
    let rows: String = (0..6).map(|r| ods_row(r, "送货太慢", 2)).collect();
    assert_none(failures("ods", damaged_parts(&ods_of(&rows), 13)));
}

/// calamine reads an `.ods` sheet until the end of its `table:table`, and a cell's comment
/// until the end of its `office:annotation`, and at the end of the file read on for ever:
/// a `content.xml` cut inside a sheet, or whose sheet's end tag is damaged, hung the build.
#[test]
fn an_ods_sheet_that_never_ends_is_refused_at_once() {
    let whole = ods_of(&ods_row(9, "fine", 1));
    let parts = unzip(&whole);
    let content = parts.iter().position(|(n, _)| n == "content.xml").unwrap();
    let text = String::from_utf8(parts[content].1.clone()).unwrap();
    let annotated = ods_row(9, "fine", 1).replace(
        "<text:p>fine</text:p>",
        "<office:annotation><text:p>note</text:p></office:annotation><text:p>fine</text:p>",
    );
    for (how, broken) in [
        ("its end tag damaged", text.replace("</table:table>", "</table:tab1e>")),
        ("cut after a row", text[..text.find("</table:table>").unwrap()].to_string()),
        (
            "a comment never closed",
            text.replace(&ods_row(9, "fine", 1), &annotated.replace("</office:annotation>", "")),
        ),
    ] {
        let mut copy = parts.clone();
        copy[content].1 = broken.into_bytes();
        let yaml = YAML.replace("path: data/s.csv", "path: data/s.ods");
        let p = Proj::new(&yaml, &[("data/s.ods", &zip_of(&copy))]);
        let run = p.run(["check", "project"]);
        assert!(!run.timed_out, "{how}: the check hung");
        run.expect(1).stderr_has(&[
            "data/s.ods: cannot read the workbook: the file is damaged (sheet `Data` stops before its end",
        ]);
    }
}
