//! `date_format:` as cxsite.yaml writes it (`DD/MM/YYYY`), turned into a chrono pattern.

/// `DD/MM/YYYY HH:mm` → `%d/%m/%Y %H:%M`; a pattern with `%` is taken as chrono's own.
/// Tokens: YYYY, YY, MM or M, DD or D, HH or H (24-hour), hh or h (12-hour) with A (AM/PM),
/// mm, ss. Any other letter is an error, so a
/// pattern that could never match is caught when the project loads.
pub fn date_pattern(s: &str) -> Result<String, String> {
    // `excel`: Excel serial day numbers (45384, 45384.5) in a CSV, as in a workbook.
    if s == "excel" || s.contains('%') {
        return Ok(s.to_string());
    }
    const TOKENS: [(&str, &str); 13] = [
        ("YYYY", "%Y"),
        ("YY", "%y"),
        ("MM", "%m"),
        ("M", "%m"),
        ("DD", "%d"),
        ("D", "%d"),
        ("HH", "%H"),
        ("H", "%H"),
        // A 12-hour clock and its AM / PM (`3/14/2024 5:23 PM`, US exports).
        ("hh", "%I"),
        ("h", "%I"),
        ("A", "%p"),
        ("mm", "%M"),
        ("ss", "%S"),
    ];
    let mut out = String::new();
    let mut rest = s;
    'outer: while let Some(c) = rest.chars().next() {
        for (t, f) in TOKENS {
            if let Some(r) = rest.strip_prefix(t) {
                out.push_str(f);
                rest = r;
                continue 'outer;
            }
        }
        if c.is_alphabetic() {
            return Err(format!(
                "date_format `{s}`: `{c}` is not a token; use YYYY, YY, MM, M, DD, D, HH, H, hh, h, A, mm, ss (or a chrono pattern such as %d.%m.%Y)"
            ));
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    Ok(out)
}
