//! What the terminal says of the guesses: each column's role and what needs a word of its own.

use super::*;

/// The terminal's summary: rows read, each column's guessed role, then what needs a word of
/// its own: the columns left out as personal data, and a status column whose partial or
/// disqualified responses are read with the rest.
pub(super) fn summary(rows: usize, name: &str, header: &[String], roles: &[Role]) -> String {
    let mut report = format!("read {rows} rows of {name}; the columns were guessed as:\n");
    for (h, r) in header.iter().zip(roles) {
        // Padded by display width: a Chinese header's characters take two columns each.
        let h = c(h);
        let pad = 24usize.saturating_sub(crate::init::guess::text_width(&h));
        let _ = writeln!(report, "  {h}{:pad$} {}", "", describe(r));
    }
    let left = |prefix: &str| -> Vec<String> {
        header
            .iter()
            .zip(roles)
            .filter(|(_, r)| matches!(r, Role::Left(why) if why.starts_with(prefix)))
            .map(|(h, _)| format!("`{}`", c(h)))
            .collect()
    };
    let personal = left(PERSONAL);
    if !personal.is_empty() {
        let _ = writeln!(
            report,
            "note: left out as personal data (names, contact details): {}; they are never shown nor used to group answers",
            personal.join(", ")
        );
    }
    let screened = crate::produce::csv::unfinished_column(header);
    if let Some((i, crate::produce::csv::Unfinished::Blank)) = screened {
        let _ = writeln!(
            report,
            "note: a blank `{}` marks a response never submitted: those rows are left out, counted on the data-quality page as incomplete responses (`include_incomplete: true` reads them)",
            c(&header[i])
        );
    }
    let screened = screened.map(|u| u.0);
    for (i, _) in
        header.iter().enumerate().filter(|(i, _)| matches!(&roles[*i], Role::Left(why) if why.starts_with(STATUS)))
    {
        if screened == Some(i) {
            let _ = writeln!(
                report,
                "note: `{}` marks responses partial or disqualified: they are left out, counted on the data-quality page as incomplete responses (`include_incomplete: true` reads them)",
                c(&header[i])
            );
        }
    }
    for (i, values) in roles.iter().enumerate().filter_map(|(i, r)| match r {
        Role::Screen(v) => Some((i, v)),
        _ => None,
    }) {
        let _ = writeln!(
            report,
            "note: `{}` marks rows that are no response ({}): `drop_rows:` leaves them out, counted on the data-quality page",
            c(&header[i]),
            values.join(", ")
        );
    }
    report
}

/// A note for each segment or dimension whose answers read like a rating scale cxsite does
/// not know (`Terrible` … `Excellent` in other words): three or more of its values, and two
/// thirds of them, are scale words. It stays a breakdown, which loses no answer; the note says
/// how to score it instead.
pub(super) fn unknown_scales(header: &[String], roles: &[Role], columns: &[Vec<String>]) -> String {
    let mut out = String::new();
    for (i, r) in roles.iter().enumerate() {
        if !matches!(r, Role::Segment(_) | Role::Dimension(_)) {
            continue;
        }
        let mut values: Vec<&str> = columns[i].iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
        values.sort_unstable();
        values.dedup();
        let like: Vec<&str> = values.iter().copied().filter(|v| crate::init::guess::scale_like(v)).collect();
        if like.len() >= 3 && like.len() * 3 >= values.len() * 2 && values.len() <= 11 {
            let shown: Vec<String> = like.iter().take(4).map(|v| format!("`{}`", c(v))).collect();
            let _ = writeln!(
                out,
                "note: `{}` is a {} of answers such as {}, which read like a rating scale cxsite does not know: to score it, make it a score with its answers under `labels:` (docs/config.md, `scores`)",
                c(&header[i]),
                if matches!(r, Role::Segment(_)) { "segment" } else { "dimension" },
                shown.join(", ")
            );
        }
    }
    out
}

pub(super) fn describe(r: &Role) -> String {
    match r {
        Role::Respondent => "respondent id".into(),
        Role::Date { why, .. } => format!("date ({why})"),
        Role::Score { scale, why, .. } => format!("score [{}, {}]: {why}", scale.0, scale.1),
        Role::Comment => "comment".into(),
        Role::Touchpoint(v) => format!("touchpoint ({} touchpoints)", v.len()),
        Role::Segment(n) => format!("segment ({n} groups)"),
        Role::Dimension(n) => format!("dimension ({n} values)"),
        Role::MultiSelect(o, _) => format!("multi-select ({} options)", o.len()),
        Role::OptionOf { option, .. } => format!("multi-select option `{}`", c(option)),
        Role::Left(why) => format!("left out: {why}"),
        Role::Screen(values) => {
            format!("marks rows that are no response: left out where it holds {}", values.join(", "))
        }
    }
}
