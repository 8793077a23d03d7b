//! Answer scales known by their form rather than a listed wording: a column of faces, a degree
//! word before any one adjective, yes / partly / no, and an API's star enum.

use super::Labels;
use crate::init::guess::profile::is_na_word;

/// Faces in order of feeling, as smiley scales rate (`😀 😐 😞`, Freshdesk and kiosk surveys
/// write the face alone); a column's faces are ranked by it. Star eyes and heart eyes are past
/// a grin: Intercom rates 😠 🙁 😐 😃 🤩, Terrible to Amazing.
const FACES: &[(char, i64)] = &[
    ('😡', 1),
    ('😠', 1),
    ('😭', 1),
    ('😖', 1),
    ('😞', 2),
    ('🙁', 2),
    ('☹', 2),
    ('😟', 2),
    ('😕', 2),
    ('😢', 2),
    ('😐', 3),
    ('😑', 3),
    ('😶', 3),
    ('🙂', 4),
    ('😊', 4),
    ('☺', 4),
    ('😀', 5),
    ('😃', 5),
    ('😄', 5),
    ('😁', 5),
    ('😍', 6),
    ('🤩', 6),
];

/// A column of faces alone: each face's place among the faces the column uses, on a scale of
/// as many points (`😀 😐 😞` are 3, 2, 1); `None` unless every value is one known face (a
/// variation selector allowed) and two faces never share a feeling.
pub(super) fn face_scale<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    let mut used: Vec<(String, i64)> = Vec::new();
    for v in values {
        let t = v.trim();
        if is_na_word(&t.to_lowercase()) {
            continue;
        }
        let mut chars = t.chars().filter(|c| *c != '\u{fe0f}');
        let (Some(face), None) = (chars.next(), chars.next()) else { return None };
        let (_, feeling) = FACES.iter().find(|(f, _)| *f == face)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *feeling));
        }
    }
    let mut feelings: Vec<i64> = used.iter().map(|u| u.1).collect();
    feelings.sort_unstable();
    let n = feelings.len();
    feelings.dedup();
    if n < 2 || feelings.len() != n {
        return None;
    }
    // The faces in order of feeling are the scale's points, 1 the worst.
    let mut labels: Labels =
        used.iter().map(|(t, f)| (t.clone(), feelings.iter().position(|x| x == f).unwrap_or(0) as i64 + 1)).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    Some((labels, (1, n as i64)))
}

/// A five-point scale written as percents, as mystery-shopping and audit tools export a
/// rating (`20%` … `100%`, or `0%`, `25%` … `100%`): each percent is its point on 1–5. `None`
/// unless every value is one of the five percents of one such scale and three or more are used.
pub(super) fn percent_scale<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    const SCALES: [[i64; 5]; 2] = [[20, 40, 60, 80, 100], [0, 25, 50, 75, 100]];
    let mut used: Vec<(String, i64)> = Vec::new();
    for v in values {
        let t = v.trim();
        if is_na_word(&t.to_lowercase()) {
            continue;
        }
        let n: i64 = t.strip_suffix(['%', '％'])?.trim().parse().ok()?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), n));
        }
    }
    let scale = SCALES.iter().find(|s| used.iter().all(|(_, n)| s.contains(n)))?;
    if used.len() < 3 {
        return None;
    }
    let mut labels: Labels =
        used.into_iter().map(|(t, n)| (t, scale.iter().position(|p| *p == n).unwrap_or(0) as i64 + 1)).collect();
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    Some((labels, (1, 5)))
}

/// Degrees of a unipolar scale (SurveyMonkey's `Extremely helpful` … `Not at all helpful`,
/// `Completely satisfied` … `Not at all satisfied`, `Extremely`, `Moderately`, `Slightly`):
/// the degree's place on 1–5.
const DEGREES: &[(&str, i64)] = &[
    ("extremely", 5),
    ("completely", 5),
    ("totally", 5),
    ("very", 4),
    ("mostly", 4),
    ("quite", 4),
    ("somewhat", 3),
    ("moderately", 3),
    ("fairly", 3),
    ("slightly", 2),
    ("a little", 2),
    ("not so", 2),
    ("not very", 2),
    ("not too", 2),
    ("not at all", 1),
];

/// A column whose every answer is one degree word and one adjective, the same adjective
/// throughout (`Extremely helpful`, `Very helpful`, `Somewhat helpful`, `Not so helpful`, `Not
/// at all helpful`): a unipolar 1–5 scale whatever it rates. `None` unless at least two degrees
/// are used and one of them is above the middle and one below (`Very` and `Somewhat` alone could
/// be any two points).
pub(super) fn degree_scale<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    let mut adjective: Option<String> = None;
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        let low = t.to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        let (degree, rest) = DEGREES.iter().find_map(|(d, n)| {
            let rest = low.strip_prefix(d)?.strip_prefix(' ')?;
            Some((*n, rest.trim()))
        })?;
        if rest.is_empty() || !rest.chars().all(|c| c.is_alphabetic() || c == '-') {
            return None;
        }
        match &adjective {
            Some(a) if a != rest => return None,
            Some(_) => {}
            None => adjective = Some(rest.to_string()),
        }
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), degree));
        }
    }
    let (lo, hi) = (used.iter().map(|u| u.1).min()?, used.iter().map(|u| u.1).max()?);
    if used.len() < 2 || lo >= 3 || hi <= 3 {
        return None;
    }
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some((used, (1, 5)))
}

/// Answers of a question of fact answered in three steps (`Was your issue resolved?` `Yes`,
/// `Partially`, `No`; 已解决 / 部分解决 / 未解决): a 1–3 scale whose top box is the full yes.
/// `None` unless both ends and the middle are used (yes and no alone are a yes/no outcome).
pub(super) fn yes_partly_no<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    const STEPS: &[(&str, i64)] = &[
        ("yes", 3),
        ("yes, completely", 3),
        ("yes, fully", 3),
        ("somewhat", 2),
        ("partially", 2),
        ("partly", 2),
        ("yes, partially", 2),
        ("to some extent", 2),
        ("no", 1),
        ("not at all", 1),
        ("是", 3),
        ("已解决", 3),
        ("完全解决", 3),
        ("部分", 2),
        ("部分解决", 2),
        ("基本解决", 2),
        ("否", 1),
        ("未解决", 1),
        ("没有解决", 1),
    ];
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        let low = t.trim_end_matches(['.', '。', '!', '！']).to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        let (_, n) = STEPS.iter().find(|(w, _)| *w == low)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *n));
        }
    }
    let has = |n: i64| used.iter().any(|u| u.1 == n);
    if !(has(1) && has(2) && has(3)) {
        return None;
    }
    used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    Some((used, (1, 3)))
}

/// A star rating as Google Business Profile's API writes it, `ONE` … `FIVE` (upper case, as
/// the API's enum: a column of `one`, `two` written by hand may count anything): 1–5.
pub(super) fn star_enum<'a>(values: impl Iterator<Item = &'a String>) -> Option<(Labels, (i64, i64))> {
    const STARS: [(&str, i64); 5] = [("FIVE", 5), ("FOUR", 4), ("THREE", 3), ("TWO", 2), ("ONE", 1)];
    let mut used: Labels = Vec::new();
    for v in values {
        let t = v.trim();
        if is_na_word(t) {
            continue;
        }
        let (_, n) = STARS.iter().find(|(w, _)| *w == t)?;
        if !used.iter().any(|(u, _)| u == t) {
            used.push((t.to_string(), *n));
        }
    }
    if used.len() < 2 {
        return None;
    }
    used.sort_by_key(|l| std::cmp::Reverse(l.1));
    Some((used, (1, 5)))
}
