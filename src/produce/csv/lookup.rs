//! Lookup tables (CRM extracts joined to responses): loaded whole, by key, once per build.

use std::collections::HashMap;

use super::reader;
use crate::aggregate::{redact, DatasetQuality};
use crate::error::{Diagnostic, Error, Result};
use crate::project::Lookup;
/// A lookup table loaded in memory: key → record.
pub(super) struct LoadedLookup {
    pub(super) header: Vec<String>,
    pub(super) rows: HashMap<String, csv::StringRecord>,
    /// The first key of the file as it is compared (see `join_key`), to show beside a join
    /// key that finds no row.
    pub(super) first_key: Option<String>,
}

/// A join key as both sides are compared: the cell trimmed and without invisible characters
/// (`redact::cell_value`), and a whole number written with a zero fraction (`1000.0`,
/// `1000.00`, as Excel and pandas write a numeric id) read as its digits, so `1000.0` finds
/// `1000`. Only the fraction goes: `007.0` is `007` and never `7`, since an id with leading
/// zeros is a text id and `7` is another one.
/// An e-mail address is compared in lower case: `USER5@CORP5.COM` in a survey export is
/// `user5@corp5.com` in the CRM (mail systems treat them as one address).
pub(super) fn join_key(cell: &str) -> std::borrow::Cow<'_, str> {
    let key = without_zero_fraction(redact::cell_value(cell));
    if key.contains('@') && !key.contains(char::is_whitespace) && key.bytes().any(|b| b.is_ascii_uppercase()) {
        return std::borrow::Cow::Owned(key.to_ascii_lowercase());
    }
    key
}

/// A whole number written with a zero fraction (`1000.0`, `1000.00`) as its digits; any
/// other text as it is (`007.0` is `007`, `1.5` and `1.0.0` stay).
pub(super) fn without_zero_fraction(key: std::borrow::Cow<'_, str>) -> std::borrow::Cow<'_, str> {
    let whole = match key.split_once('.') {
        Some((digits, zeros))
            if !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && !zeros.is_empty()
                && zeros.bytes().all(|b| b == b'0') =>
        {
            Some(digits.len())
        }
        _ => None,
    };
    match (whole, key) {
        (Some(n), std::borrow::Cow::Borrowed(k)) => std::borrow::Cow::Borrowed(&k[..n]),
        (Some(n), std::borrow::Cow::Owned(mut k)) => {
            k.truncate(n);
            std::borrow::Cow::Owned(k)
        }
        (None, key) => key,
    }
}

pub(super) fn load_lookup(l: &Lookup) -> Result<(LoadedLookup, DatasetQuality)> {
    let mut f = reader::open(&l.file)?;
    let key = reader::resolve(&f.header, &f.questions, &l.key, &l.id, &l.file.display).map_err(Error::one)?;
    let mut q = DatasetQuality {
        id: l.id.clone(),
        path: l.file.display.clone(),
        source: l.id.clone(),
        role: "lookup",
        ..Default::default()
    };
    let mut rows: HashMap<String, csv::StringRecord> = HashMap::new();
    let mut first_line: HashMap<String, u64> = HashMap::new();
    let mut dups = Vec::new();
    let mut first_key = None;
    let mut rec = csv::StringRecord::new();
    let mut bytes = csv::ByteRecord::new();
    while let Some(line) = f.next_bytes(&mut bytes)? {
        q.rows_read += 1;
        rec.clear();
        for (c, cell) in bytes.iter().enumerate() {
            let column = f.header.get(c).map(String::as_str).unwrap_or("?");
            match std::str::from_utf8(cell) {
                Ok(t) => rec.push_field(t),
                Err(_) => {
                    // Undecodable bytes in a decoded file: the cell is skipped and counted.
                    let Some(enc) = f.encoding else {
                        return Err(reader::not_utf8(&l.file, line, column, bytes.as_slice()));
                    };
                    q.problem(format!("{column}: not valid {enc}"), line, || {
                        let shown = redact::redact(String::from_utf8_lossy(cell).trim());
                        format!("{}:{line}:{column}: {shown:?} — bytes that are not valid {enc} (shown as �); the cell is skipped", l.file.display)
                    });
                    rec.push_field("");
                }
            }
        }
        // The key as the answers' join column is read (`join_key`): a byte-order mark or
        // zero-width space around a member id, or a `.0` after it, must not keep the rows apart.
        let k = join_key(rec.get(key).unwrap_or("")).into_owned();
        // `NULL`, `\N` (a database's dump) are no key, as they are no value in an answer's row.
        if k.is_empty() || reader::null_marker(&k) {
            q.reject_row("blank key", line, || format!("{}:{line}:{}: blank key", l.file.display, l.key.name));
            continue;
        }
        if let Some(first) = first_line.get(&k) {
            if dups.len() < 5 {
                dups.push(Diagnostic::at(
                    &l.file.display,
                    line,
                    0,
                    format!(
                        "duplicate key `{}` in column `{}` (first on row {first}); a lookup needs one row per key",
                        redact::redact(&k),
                        l.key.name
                    ),
                ));
            }
            continue;
        }
        first_line.insert(k.clone(), line);
        if first_key.is_none() {
            first_key = Some(k.clone());
        }
        q.rows_used += 1;
        rows.insert(k, rec.clone());
    }
    // Empty rows, and rows of the wrong width skipped by `skip_malformed_rows`, are counted,
    // never dropped silently.
    for line in std::mem::take(&mut f.empty) {
        q.rows_read += 1;
        q.reject_row(crate::aggregate::quality::EMPTY_ROW, line, || format!("{}:{line}: empty row", l.file.display));
    }
    for (line, kind) in std::mem::take(&mut f.malformed) {
        q.rows_read += 1;
        q.reject_row(kind.reason(), line, || kind.example(&l.file.display, line));
    }
    if !dups.is_empty() {
        return Err(Error::Invalid(dups));
    }
    q.warnings = std::mem::take(&mut f.warnings);
    Ok((LoadedLookup { header: f.header, rows, first_key }, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_whole_number_with_a_zero_fraction_is_its_digits_as_a_join_key_and_nothing_else_changes() {
        for (cell, key) in [
            ("1000.0", "1000"),
            ("1000.00", "1000"),
            (" 1000.0\u{200b}", "1000"),
            ("1000", "1000"),
            ("007.0", "007"),
            ("007", "007"),
            ("0.0", "0"),
            ("1000.5", "1000.5"),
            ("1000.", "1000."),
            (".0", ".0"),
            ("-1000.0", "-1000.0"),
            ("1e3", "1e3"),
            ("M001.0", "M001.0"),
            ("1000.0.0", "1000.0.0"),
            ("１０００.0", "１０００.0"),
            // E-mail addresses whatever their case; other text as written.
            ("USER5@Corp5.COM", "user5@corp5.com"),
            (" user5@corp5.com ", "user5@corp5.com"),
            ("Gold", "Gold"),
            ("A@B C", "A@B C"),
        ] {
            assert_eq!(join_key(cell), key, "{cell:?}");
        }
    }
}
