//! Spotting a Google Forms checkbox question: one column of answers joined with ", ", whose
//! options may themselves hold a comma.

use std::collections::{BTreeMap, BTreeSet};

/// Most options a guessed multi-select question may have.
const MAX_OPTIONS: usize = 30;

/// The options of a column of joined answers, when it looks like one: some cell joins
/// several pieces with ", ", and the pieces repeat (at most half as many options as answers).
/// Two pieces that only ever occur one right after the other ("Salted", "roasted nuts") are
/// taken for one option that holds the separator ("Salted, roasted nuts").
pub(super) fn joined_options(values: &[String]) -> Option<Vec<String>> {
    joined_options_by(values, ", ")
}

/// [`joined_options`] of answers joined with `sep`: `", "`, or the comma and enumeration comma
/// of Chinese forms (`，`, `、`, 金数据 and 麦客 join a checkbox question's answers so).
pub(super) fn joined_options_by(values: &[String], sep: &str) -> Option<Vec<String>> {
    let filled: Vec<&str> = answered(values).collect();
    if !filled.iter().any(|v| v.contains(sep)) {
        return None;
    }
    let mut cells: Vec<Vec<String>> =
        filled.iter().map(|v| v.split(sep).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect()).collect();
    while let Some((a, b)) = always_together(&cells) {
        for cell in &mut cells {
            if let Some(i) = (0..cell.len().saturating_sub(1)).find(|&i| cell[i] == a && cell[i + 1] == b) {
                cell[i] = format!("{a}{sep}{b}");
                cell.remove(i + 1);
            }
        }
    }
    let mut options: Vec<String> = Vec::new();
    for p in cells.iter().flatten() {
        // Options the build takes for one (`Tasty`, `tasty`) are listed once: listed twice,
        // the project init wrote failed its first build.
        if !options.iter().any(|o| o.to_lowercase() == p.to_lowercase()) {
            options.push(p.clone());
        }
    }
    (options.len() >= 2 && options.len() <= MAX_OPTIONS && options.len() * 2 <= filled.len()).then_some(options)
}

/// The separators of joined answers looked for in any export: `;` (Microsoft Forms writes
/// `Crisps;Nuts;`, each answer ended by one) and `┋` (问卷星 joins a checkbox question's
/// answers with it: `薯片┋坚果`). Both are rare enough in free text that any export is looked at.
pub(super) const SEPARATORS: [&str; 2] = [";", "┋"];

/// The options of a column of answers joined with `sep` (one of [`SEPARATORS`]), when it
/// looks like one: some cell joins two options, or every filled cell ends with `sep`, and the
/// options repeat (at most half as many as answers).
pub(super) fn separated_options(values: &[String], sep: &str) -> Option<Vec<String>> {
    let filled: Vec<&str> = answered(values).collect();
    let pieces = |v: &str| v.split(sep).map(str::trim).filter(|p| !p.is_empty()).count();
    let joined = filled.iter().any(|v| pieces(v) >= 2);
    let ended = !filled.is_empty() && filled.iter().all(|v| v.ends_with(sep));
    if !joined && !ended {
        return None;
    }
    let mut options: Vec<String> = Vec::new();
    for p in filled.iter().flat_map(|v| v.split(sep)).map(str::trim).filter(|p| !p.is_empty()) {
        if !options.iter().any(|o| o.to_lowercase() == p.to_lowercase()) {
            options.push(p.to_string());
        }
    }
    // An option is a short answer, not a sentence that happened to hold a `;`.
    let short = options.iter().all(|o| o.chars().count() <= 60);
    // Ticked options combine freely: some option is chosen with two different sets of others.
    // A value that merely holds a `;` (`Shampoo; 500ml`, `Conditioner; 250ml`) always brings
    // the same pieces together.
    // `┋` joins nothing but answers.
    let combine = ended || sep == "┋" || {
        let sets: BTreeSet<Vec<&str>> = filled
            .iter()
            .map(|v| {
                let mut set: Vec<&str> = v.split(sep).map(str::trim).filter(|p| !p.is_empty()).collect();
                set.sort_unstable();
                set.dedup();
                set
            })
            .collect();
        options.iter().any(|o| sets.iter().filter(|s| s.contains(&o.as_str())).count() >= 2)
    };
    (short && combine && options.len() >= 2 && options.len() <= MAX_OPTIONS && options.len() * 2 <= filled.len())
        .then_some(options)
}

/// The cells of a column that answer: not blank, nor a skipped question's marker (问卷星's
/// `(跳过)`), which the build reads as no answer and so is no option.
fn answered(values: &[String]) -> impl Iterator<Item = &str> {
    values.iter().map(|v| v.trim()).filter(|v| !v.is_empty() && !crate::project::choices::skipped(v))
}

/// A piece always followed by one other piece that is always preceded by it, if any.
fn always_together(cells: &[Vec<String>]) -> Option<(String, String)> {
    let mut next: BTreeMap<&str, BTreeSet<Option<&str>>> = BTreeMap::new();
    let mut prev: BTreeMap<&str, BTreeSet<Option<&str>>> = BTreeMap::new();
    for cell in cells {
        for (i, p) in cell.iter().enumerate() {
            next.entry(p).or_default().insert(cell.get(i + 1).map(String::as_str));
            prev.entry(p).or_default().insert(i.checked_sub(1).map(|j| cell[j].as_str()));
        }
    }
    next.iter().find_map(|(a, n)| match n.iter().collect::<Vec<_>>().as_slice() {
        [Some(b)] if b != a && prev.get(b).is_some_and(|p| p.len() == 1 && p.contains(&Some(*a))) => {
            Some((a.to_string(), b.to_string()))
        }
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::joined_options;

    fn cells(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_that_hold_a_comma_are_kept_whole() {
        let v = cells(&[
            "Crisps, Salted, roasted nuts",
            "Salted, roasted nuts",
            "Crisps",
            "Crisps, Dried mango",
            "Salted, roasted nuts, Crisps",
            "Crisps",
        ]);
        assert_eq!(joined_options(&v).unwrap(), ["Crisps", "Salted, roasted nuts", "Dried mango"]);
    }

    #[test]
    fn free_text_with_commas_is_no_multi_select() {
        let v = cells(&["Quick checkout, friendly team", "Slow, and rude", "Fine", "Too dear, small bags"]);
        assert_eq!(joined_options(&v), None);
    }
}
