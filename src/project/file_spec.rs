//! Validation of how a dataset's file is read: its path, export, encoding, delimiter, header
//! row and sheet.

use std::path::{Component, Path};

use super::config::RawDataset;
use super::validate::{pos, Validator};
use super::*;

impl Validator {
    /// The file of a dataset and how to read it. Each part's errors come in the order of
    /// these calls.
    pub(super) fn file_spec(&mut self, d: &RawDataset, root: &Path) -> FileSpec {
        let rel = d.path.value.trim();
        let rel_path = Path::new(rel);
        self.check_dataset_path(d, rel, root);
        let export = self.export(d);
        let encoding = self.encoding(d);
        let delimiter = self.delimiter(d);
        let header_row = self.header_row(d);
        let workbook = self.workbook(d, rel);
        FileSpec {
            path: root.join(rel_path),
            // Shown on the quality page, in metrics.json and in messages: without invisible or
            // direction characters, which would turn round the row and value shown after it.
            display: crate::aggregate::redact::strip_invisible(rel).into_owned(),
            path_at: Some((d.path.referenced.line(), d.path.referenced.column())),
            encoding,
            delimiter,
            header_row,
            header_row_at: d.header_row.as_ref().map(|h| (h.referenced.line(), h.referenced.column())),
            sheet: d.sheet.as_ref().map(|s| s.value.0.clone()),
            sheet_at: d.sheet.as_ref().map(|s| (s.referenced.line(), s.referenced.column())),
            workbook,
            skip_malformed: d.skip_malformed_rows,
            root: Some(root.to_path_buf()),
            export,
        }
    }

    /// `path:` must be a file inside the project: no URL, no absolute path, no `..`.
    fn check_dataset_path(&mut self, d: &RawDataset, rel: &str, root: &Path) {
        let rel_path = Path::new(rel);
        if rel.is_empty() {
            self.error(
                pos(&d.path),
                "dataset path is empty; name a CSV or XLSX file inside the project, such as `data/survey.csv`",
            );
        } else if rel.contains("://") {
            self.error(pos(&d.path), format!("dataset path `{rel}` is a URL; cxsite reads files inside the project only (download it into data/)"));
        } else if rel_path.is_absolute() || rel_path.components().any(|c| matches!(c, Component::ParentDir)) {
            self.error(
                pos(&d.path),
                format!("dataset path `{rel}` must stay inside the project directory (no absolute path, no `..`)"),
            );
        } else if root.join(rel_path).is_dir() {
            self.error(
                pos(&d.path),
                format!(
                    "dataset path `{rel}` is a folder; name a CSV or XLSX file in it, such as `{}/survey.csv`",
                    rel.trim_end_matches('/')
                ),
            );
        }
    }

    /// `export:`, the survey tool the file comes from, if given and known.
    fn export(&mut self, d: &RawDataset) -> Option<Export> {
        let e = d.export.as_ref()?;
        let found = Export::parse(e.value.trim());
        if found.is_none() {
            self.error(
                pos(e),
                format!(
                    "unknown export `{}`{}; expected one of: {}",
                    e.value,
                    hint(&e.value, &Export::NAMES),
                    Export::NAMES.join(", ")
                ),
            );
        }
        found
    }

    /// `encoding:`; `None` reads UTF-8 (or by the BOM), or for a 问卷星 export GBK unless the
    /// file is UTF-8 (the reader tells).
    fn encoding(&mut self, d: &RawDataset) -> Option<&'static encoding_rs::Encoding> {
        match &d.encoding {
            None => None,
            Some(e) => {
                match encoding_rs::Encoding::for_label(e.value.trim().as_bytes()) {
                    // GBK files often hold GB18030-only characters; decoding as GB18030 is a superset.
                    Some(enc) if enc == encoding_rs::GBK => Some(encoding_rs::GB18030),
                    Some(enc) => Some(enc),
                    None => {
                        self.error(pos(e), format!("unknown encoding `{}`; expected utf-8, gbk, gb18030, utf-16le, utf-16be, big5, shift_jis…", e.value));
                        None
                    }
                }
            }
        }
    }

    /// `delimiter:`, one ASCII character or `tab`; `None` guesses it from the file.
    fn delimiter(&mut self, d: &RawDataset) -> Option<u8> {
        d.delimiter.as_ref().and_then(|l| match l.value.as_str() {
            "\\t" | "\t" | "tab" => Some(b'\t'),
            // The quote and line ends are CSV's own syntax: a file split at them is one cell.
            s @ ("\"" | "\n" | "\r") => {
                let shown = s.escape_default();
                self.error(
                    pos(l),
                    format!("delimiter `{shown}` cannot split a CSV file: the quote and line ends are CSV's own syntax; use `,`, `;`, `|` or `tab`"),
                );
                None
            }
            s if s.len() == 1 && s.is_ascii() => Some(s.as_bytes()[0]),
            s => {
                self.error(pos(l), format!("delimiter `{s}` must be one ASCII character (`,`, `;`, `|`) or `tab`"));
                None
            }
        })
    }

    /// `header_row:`, counted from 1 (the first row, also when it is 0 by mistake).
    fn header_row(&mut self, d: &RawDataset) -> u64 {
        match &d.header_row {
            Some(h) if h.value == 0 => {
                self.error(
                    Pos { line: h.referenced.line(), column: h.referenced.column() },
                    "header_row counts from 1 (the first row)",
                );
                1
            }
            Some(h) => h.value,
            None => 1,
        }
    }

    /// Whether the file is a workbook (by its extension); `sheet:` is for workbooks only.
    fn workbook(&mut self, d: &RawDataset, rel: &str) -> bool {
        let ext = Path::new(rel).extension().map(|e| e.to_string_lossy().to_lowercase()).unwrap_or_default();
        let workbook = WORKBOOK_EXTENSIONS.contains(&ext.as_str());
        if !workbook && d.sheet.is_some() {
            self.error(pos(&d.path), format!("`sheet:` applies to workbooks (xlsx, xls, ods), not to `{rel}`"));
        }
        workbook
    }
}
