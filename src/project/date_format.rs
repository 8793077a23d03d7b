//! `date_format:` as cxsite.yaml writes it (`DD/MM/YYYY`), turned into a chrono pattern.

/// `DD/MM/YYYY HH:mm` → `%d/%m/%Y %H:%M`; a pattern with `%` is taken as chrono's own.
/// Tokens: YYYY, YY, MM or M, DD or D, HH or H (24-hour), hh or h (12-hour) with A (AM/PM),
/// mm, ss. Any other letter is an error, so a
/// pattern that could never match is caught when the project loads.
pub fn date_pattern(s: &str) -> Result<String, String> {
    // `excel`: Excel serial day numbers (45384, 45384.5) in a CSV, as in a workbook.
    if s == "excel" {
        return Ok(s.to_string());
    }
    if s.contains('%') {
        return chrono_pattern(s);
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

/// A chrono pattern as written, when chrono reads it and it names a day: `%Q`, a lone `%` or
/// `%H:%M` could never give a date, so every cell would be skipped as unreadable.
fn chrono_pattern(s: &str) -> Result<String, String> {
    use chrono::format::{Item, StrftimeItems};
    if StrftimeItems::new(s).any(|i| matches!(i, Item::Error)) {
        return Err(format!(
            "date_format `{s}` is not a chrono pattern chrono can read (a `%` must be followed by a field such as %Y, %m, %d, %H, %M; `%%` is a percent sign)"
        ));
    }
    let plain = s.replace("%%", "");
    // A zone abbreviation is read only at the end, after the local date and time it places.
    if plain.contains("%Z") && !plain.trim_end().ends_with("%Z") {
        return Err(format!(
            "date_format `{s}`: `%Z` (a zone abbreviation such as EDT) must come last, after the date and time it places"
        ));
    }
    // A field that gives the day, or the whole date; without one, a month and its year
    // (`%Y-%m`, `%b %Y`: a monthly export, each date read as the month's first day).
    let month = fields(s).any(|c| matches!(c, 'm' | 'b' | 'B' | 'h'));
    let year = fields(s).any(|c| matches!(c, 'Y' | 'y' | 'C'));
    if !(names_day(s) || (month && year)) {
        return Err(format!(
            "date_format `{s}` names no day: add %d (day of the month), %j (day of the year), or write the whole date as %F (or a month and its year, %Y-%m, for a monthly export)"
        ));
    }
    Ok(s.to_string())
}

/// Whether a chrono pattern names a day (`%d`, `%e`, `%j`, or a whole date: `%F`, `%D`, `%x`,
/// `%c`, `%+`, `%s`); one that does not names a month (see `date_pattern`). Read per date
/// cell, so it scans the pattern without allocating.
pub fn names_day(format: &str) -> bool {
    fields(format).any(|c| matches!(c, 'd' | 'e' | 'j' | 'F' | 'D' | 'x' | 'c' | '+' | 's'))
}

/// The field letters of a chrono pattern in order: `%-d`, `%_d` and `%0d` give `d`, `%.3f`
/// gives `f`, `%:z` gives `z`; `%%` (a percent sign) gives none.
fn fields(format: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = format.chars();
    std::iter::from_fn(move || loop {
        if chars.next()? != '%' {
            continue;
        }
        let mut c = chars.next()?;
        if c == '%' {
            continue;
        }
        // Padding, precision and colon modifiers come between `%` and the field's letter.
        while matches!(c, '-' | '_' | '0'..='9' | '.' | ':' | '#') {
            c = chars.next()?;
        }
        return Some(c);
    })
}

#[cfg(test)]
mod tests {
    use super::{date_pattern, names_day};

    #[test]
    fn a_chrono_pattern_that_cannot_give_a_date_is_refused() {
        for ok in [
            "%Y-%m",
            "%b %Y",
            "%Y年%m月",
            "%d.%m.%Y",
            "%Y-%m-%dT%H:%M:%S%z",
            "%-d/%-m/%Y",
            "%F",
            "%s",
            "%d%%%m%%%Y",
            "%Y年%m月%d日",
            "%_d.%m.%Y",
            "%e %b %Y %H:%M:%S%.3f",
        ] {
            assert_eq!(date_pattern(ok).as_deref(), Ok(ok), "{ok}");
        }
        for bad in ["%Q", "%", "%d/%m/%Y %", "%H:%M", "%m", "%Y", "%%d", "%%Y-%m"] {
            assert!(date_pattern(bad).is_err(), "{bad}");
        }
        assert_eq!(date_pattern("DD/MM/YYYY").as_deref(), Ok("%d/%m/%Y"));
    }

    #[test]
    fn a_day_is_named_by_its_field_and_not_by_a_percent_sign() {
        for day in ["%d", "%-d.%m", "%_d", "%0e", "%j", "%F", "%D %H", "%x", "%c", "%+", "%s", "%%%d"] {
            assert!(names_day(day), "{day}");
        }
        for month in ["%Y-%m", "%%d %Y-%m", "%m/%Y %H:%M:%S%.3f%:z", "d", "%", "%-"] {
            assert!(!names_day(month), "{month}");
        }
    }
}
