//! Date columns: which forms a sample of cells is written in, and times cxsite does not read.

use super::*;

/// Words that name a date column.
pub(in crate::init) const DATE_WORDS: &[&str] =
    &["date", "time", "日期", "时间", "submitted", "created", "responded", "answered", "_at", "day", "when"];

/// The start of the reason given for a date column of quarters (`2024-Q1`): the project is
/// written with `period: quarter`.
pub(in crate::init) const QUARTERS: &str = "quarters (2024-Q1), each read as its first day";

/// Whether most filled values read as a date or time that cxsite does not take: a year and
/// at least two more numbers, a clock (`:`), and few letters (a zone or month abbreviation);
/// a month and day without a year (`02-19`); or a relative time (`3天前`, `2 hours ago`).
pub(in crate::init) fn looks_like_times(values: &[&str]) -> bool {
    let filled: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let timelike = |v: &str| {
        let numbers: Vec<&str> = v.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
        let letters = v.chars().filter(|c| c.is_alphabetic()).count();
        // A year (`2024`): a time slot (`10:00-12:00`) is no date.
        let year = numbers.iter().any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
        // A clock written `14:43`, or `14h43` as the French write it.
        let b = v.as_bytes();
        let h_clock = (1..b.len().saturating_sub(1))
            .any(|i| b[i] == b'h' && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit());
        let full =
            (v.contains(':') || h_clock) && year && numbers.len() >= 4 && letters <= 8 && v.chars().count() <= 40;
        // A date without its year (`02-19`, `2/19 12:02`), as social-media scrapes write this
        // year's posts: month and day, then perhaps a clock. (Not a time slot, `10:00-12:00`.)
        let (day, clock) = v.split_once(' ').unwrap_or((v, ""));
        let month_day = day.split(['-', '/', '.']).collect::<Vec<_>>();
        let bare = month_day.len() == 2
            && month_day.iter().all(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
            && clock.bytes().all(|b| b.is_ascii_digit() || b == b':');
        // A relative time (`3天前`, `昨天 12:02`, `2 hours ago`).
        let relative = crate::aggregate::quality::relative_time(v);
        full || bare || relative
    };
    !filled.is_empty() && filled.iter().filter(|v| timelike(v)).count() * 10 >= filled.len() * 9
}

/// The date format of a column whose values are all dates, tried in order: the standard
/// forms, then day-first and month-first patterns (with times); `None` when not dates.
pub(in crate::init) fn date_role(values: &[&str], workbook: bool) -> Option<(Option<String>, String)> {
    let tz = chrono_tz::UTC;
    let sample: Vec<&str> = values.iter().copied().take(500).collect();
    if sample.is_empty() {
        return None;
    }
    // Times written with an abbreviation that names several zones (`CST`) read as local times
    // in the zone the column's abbreviations point to, as `date_timezone:` will have it.
    let named_zone = abbreviation_zone(&sample, true).and_then(|(z, _)| z.parse::<chrono_tz::Tz>().ok());
    // Nearly all: a stray `yesterday`, or the tenth of a scraped review site's dates written
    // `3 weeks ago`, is counted by the build, not a reason to lose the column's dates.
    let all = |f: Option<&str>| {
        let read = sample.iter().filter(|v| value::read_date_from(v, named_zone, tz, f, workbook).is_some()).count();
        read * 20 >= sample.len() * 17
    };
    let numeric = |v: &&&str| v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let serial = sample.iter().take(20).all(|v| numeric(&v));
    // Some cells typed as dates and the rest left as Excel's serial numbers, in one column.
    let some_serial = sample.iter().take(40).filter(numeric).count() * 4 >= sample.len().min(40);
    if all(None) {
        let quarters = sample.iter().filter(|v| value::quarter_only(v).is_some()).count() * 2 > sample.len();
        let why = if quarters {
            QUARTERS
        } else if serial && workbook {
            "Excel serial day numbers"
        } else {
            "dates in a standard form"
        };
        return Some((None, why.into()));
    }
    // A CSV saved from Excel with the date cells in General format holds their serial day
    // numbers (`45384`, `45384.75`); only a date-named column gets here with numbers.
    if serial && all(Some("excel")) {
        return Some((Some("excel".into()), "Excel serial day numbers written into a CSV".into()));
    }
    if some_serial && all(Some("excel")) {
        return Some((
            Some("excel".into()),
            "dates, and Excel serial day numbers (45365.12) among them, written into a CSV".into(),
        ));
    }
    let mut fits = Vec::new();
    for sep in ['/', '-', '.'] {
        // Microsoft Forms writes `1/5/25 22:00:00`: a year of two digits.
        for (first, second, label, year) in [
            ("DD", "MM", "day first", "YYYY"),
            ("MM", "DD", "month first", "YYYY"),
            ("DD", "MM", "day first", "YY"),
            ("MM", "DD", "month first", "YY"),
        ] {
            // SurveySparrow writes `23/03/2024, 07:17:26 PM`: a comma before the time.
            for time in
                ["", " HH:mm", " HH:mm:ss", " h:mm A", " h:mm:ss A", ", HH:mm", ", HH:mm:ss", ", h:mm A", ", h:mm:ss A"]
            {
                let tokens = format!("{first}{sep}{second}{sep}{year}{time}");
                let Ok(pattern) = crate::project::date_pattern(&tokens) else { continue };
                if !years_written_in(&sample, sep, year.len()) {
                    continue;
                }
                if all(Some(&pattern)) {
                    fits.push((tokens, label));
                } else if !time.is_empty() && all(Some(&format!("{pattern} %Z"))) {
                    // Medallia's `03/31/2024 09:10:00 PM EDT`: a zone abbreviation of one
                    // offset after the time, written as chrono's `%Z` (no token names it).
                    fits.push((format!("{pattern} %Z"), label));
                }
            }
        }
    }
    if fits.is_empty() {
        fits = worded_times(&sample, &all);
    }
    // A 12-hour clock (`5:23 PM`) is the United States' habit, where the month comes first: of
    // dates that read both ways, month first.
    let twelve_hour = fits.iter().any(|(t, l)| *l == "month first" && t.contains(" A"));
    // So are slashed dates without leading zeros (`6/12/2024 20:27:32`, Google Forms and Excel
    // in the United States); day-first exports pad theirs (`06/12/2024`, `27/05/2024`).
    let unpadded = fits.iter().any(|(t, l)| *l == "month first" && t.contains('/')) && unpadded_slashed(&sample);
    let month_first = twelve_hour || unpadded;
    let (tokens, label) = fits.iter().find(|(_, l)| !month_first || *l == "month first").or(fits.first())?.clone();
    let ambiguous = fits.iter().any(|(_, l)| *l != label);
    let why = match (ambiguous, twelve_hour, unpadded) {
        (true, true, _) => format!(
            "dates written {tokens}; no day is above 12, so month first is a guess from the 12-hour clock (AM/PM), as United States exports write it"
        ),
        (true, false, true) => format!(
            "dates written {tokens}; no day is above 12, so month first is a guess from the numbers written without a leading zero (6/12/2024), as United States exports write them"
        ),
        (true, false, false) => format!("dates written {tokens}; no day is above 12, so day first is a guess"),
        _ => format!("dates written {tokens} ({label})"),
    };
    Some((Some(tokens), why))
}

/// Whether some date of the sample writes its first or second number with one digit
/// (`6/12/2024`, `12/6/2024`) where day-first exports write two.
fn unpadded_slashed(sample: &[&str]) -> bool {
    sample.iter().any(|v| {
        let mut parts = v.trim().split('/');
        let short = |p: Option<&str>| p.is_some_and(|p| p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()));
        short(parts.next()) || short(parts.next())
    })
}

/// Day-first dates with a time written in words, as French, German and Spanish exports do
/// (`04/02/2024 à 16h21`, `04.02.2024 um 16:21 Uhr`, `04/02/2024 a las 16:21`): the chrono
/// pattern that reads them all (the tokens of `date_format` have no literal words).
fn worded_times(sample: &[&str], all: &dyn Fn(Option<&str>) -> bool) -> Vec<(String, &'static str)> {
    const TIMES: [&str; 9] = [
        " à %Hh%M",
        " à %H:%M",
        " à %Hh",
        " %Hh%M",
        " - %Hh%M",
        " um %H:%M",
        " um %H:%M Uhr",
        " %H:%M Uhr",
        " a las %H:%M",
    ];
    for sep in ['/', '-', '.'] {
        if !years_written_in(sample, sep, 4) {
            continue;
        }
        for time in TIMES {
            let pattern = format!("%d{sep}%m{sep}%Y{time}");
            if all(Some(&pattern)) {
                return vec![(pattern, "day first")];
            }
        }
    }
    Vec::new()
}

/// Whether the third number of every value that has one (its year, in `DD/MM/YYYY` and the
/// like) has `digits` digits, and nearly every value has one: a version number `4.1.2` reads as 4 January 2002 to a parser that takes `2` for a
/// two-digit year, and is no date.
pub(in crate::init) fn years_written_in(sample: &[&str], sep: char, digits: usize) -> bool {
    // Every date of the shape writes its year so; nearly every value has the shape (as for
    // reading them: the tenth of a scraped site's written `3 weeks ago` has none).
    let years: Vec<usize> = sample
        .iter()
        .filter_map(|v| {
            let date = v.trim().split([' ', 'T']).next().unwrap_or("");
            date.split(sep).nth(2).map(|y| y.bytes().take_while(u8::is_ascii_digit).count())
        })
        .collect();
    years.len() * 20 >= sample.len() * 17 && years.iter().all(|d| *d == digits)
}

/// The zone that a date column's zone abbreviations point to when one of them names several
/// zones (`CST`: US Central, China or Cuba), and why; `None` when none does, or when they
/// point nowhere in particular (`IST` alone). US standard and summer abbreviations side by
/// side name their zone (`CST` and `CDT`: America/Chicago). `CST` alone is China's in a file
/// written in Chinese after a year-first date or in Java's form (`2024-03-05 20:00:00 CST`,
/// `Tue Mar 05 20:00:00 CST 2024`, as Chinese systems write them), and US Central otherwise;
/// `PST` and `MST` alone after a month-first date are the US zones. A guess `init` marks for
/// review.
pub(in crate::init) fn abbreviation_zone(values: &[&str], chinese: bool) -> Option<(&'static str, String)> {
    const PAIRS: &[(&str, &str, &str, &str)] = &[
        ("CST", "CDT", "America/Chicago", "US Central time"),
        ("PST", "PDT", "America/Los_Angeles", "US Pacific time"),
        ("MST", "MDT", "America/Denver", "US Mountain time"),
        ("AST", "ADT", "America/Halifax", "Atlantic time"),
        ("GMT", "BST", "Europe/London", "British time"),
    ];
    let mut seen: Vec<&str> = Vec::new();
    let (mut year_first, mut other) = (0usize, 0usize);
    let abbreviation = |z: &str| (2..=4).contains(&z.len()) && z.bytes().all(|b| b.is_ascii_uppercase());
    for v in values {
        // Java's `Tue Mar 05 20:00:00 CST 2024`: Chinese systems' habit as year-first is.
        let (zone, chinese_habit) = match value::java_date(v.trim()) {
            Some((_, zone)) => (zone, true),
            None => match v.trim().rsplit_once(' ') {
                Some((local, zone)) if abbreviation(zone) => (zone, value::year_first(local)),
                _ => continue,
            },
        };
        if !seen.contains(&zone) {
            seen.push(zone);
        }
        if chinese_habit {
            year_first += 1;
        } else {
            other += 1;
        }
    }
    if !seen.iter().any(|z| value::ambiguous_abbreviation(z)) {
        return None;
    }
    let written = seen.iter().map(|z| format!("`{z}`")).collect::<Vec<_>>().join(" and ");
    if let Some((_, _, zone, what)) = PAIRS.iter().find(|(w, s, _, _)| seen.contains(w) && seen.contains(s)) {
        if seen.len() == 2 {
            return Some((zone, format!("the times are written {written}, which side by side are {what}")));
        }
    }
    let month_first = other > 0 && year_first == 0;
    let zone = match seen[..] {
        ["CST"] if chinese && year_first > 0 && other == 0 => "Asia/Shanghai",
        ["CST"] => "America/Chicago",
        ["PST"] if month_first => "America/Los_Angeles",
        ["MST"] if month_first => "America/Denver",
        _ => return None,
    };
    let habit = match (month_first, zone) {
        (true, _) => "a month-first date, as US systems write it",
        (false, "Asia/Shanghai") => "a year-first date or in Java's form in a file written in Chinese",
        _ => "dates in a file not written in Chinese",
    };
    Some((zone, format!("the times are written {written} after {habit}, so {zone} is a guess")))
}
