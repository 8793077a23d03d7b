//! The `journey:` and `segments:` sections: touchpoints from a column's values or from wide
//! rating columns (a grid question's rows).

use std::fmt::Write as _;

use super::names::*;
use super::YamlInput;
use crate::init::guess::Role;

/// Column `i` as a row of a grid question: the question and the row, from the header
/// (`Q4:…|结账速度`, `Which? [Checkout]`, 问卷星's `3(结账速度)` after a question's number) or
/// from the question text a tool writes apart (Qualtrics' `Q2_1` asks `How satisfied were you
/// with... - Checkout`). `None` for a question of its own.
pub(super) fn grid_row<'h>(header: &'h [String], questions: &'h [String], i: usize) -> Option<(&'h str, &'h str)> {
    let h = header[i].trim();
    // 问卷星 numbers its questions; `Overall satisfaction (1-5)` is no grid row.
    let numbered = h.split(['(', '（']).next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if let Some(found) = crate::init::guess::tool_question_and_item(h, questions.get(i).map(String::as_str))
        .or_else(|| crate::init::guess::question_and_item(h, numbered))
    {
        return Some(found);
    }
    // Qualtrics names a grid's rows `Q2_1`, `Q2_2` and writes `question - row` as their text.
    let (stem, row) = h.rsplit_once('_')?;
    if stem.is_empty() || row.is_empty() || !row.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (question, row) = questions.get(i)?.trim().rsplit_once(" - ")?;
    let (question, row) = (question.trim(), row.trim());
    (!question.is_empty() && !row.is_empty()).then_some((question, row))
}

/// The rows of one grid question that `columns` are, all of them: their question.
pub(super) fn grid_rows<'h>(header: &'h [String], questions: &'h [String], columns: &[usize]) -> Option<&'h str> {
    let mut asked = columns.iter().map(|&i| grid_row(header, questions, i).map(|(q, _)| q));
    let first = asked.next()??;
    asked.all(|q| q == Some(first)).then_some(first)
}

/// The touchpoints the journey section declared, as the dataset section refers to them.
pub(super) struct JourneyOut {
    /// In wide data: (touchpoint id, its rating column).
    pub(super) wide_tps: Vec<(String, usize)>,
    /// Where the file names no touchpoints: the one every row rates.
    pub(super) single_tp: Option<&'static str>,
}

/// The journey: one stage whose touchpoints are the touchpoint column's values, the rating
/// columns of wide data, or a single overall touchpoint.
pub(super) fn write_journey(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    touchpoint_col: Option<usize>,
    ratings: &[usize],
    wide: bool,
) -> JourneyOut {
    let YamlInput { roles, chinese, .. } = *input;
    let mut tp_ids = Ids::default();
    y.push_str(
        "\n# The customer journey: stages in order, touchpoints in order inside each stage.\njourney:\n  stages:\n",
    );
    let (stage_name, whole) = if chinese { ("体验", "整体体验") } else { ("Experience", "Overall experience") };
    let _ = writeln!(y, "    - id: experience\n      name: {}   # guessed — review: split into your journey's stages\n      touchpoints:", q(stage_name));
    let mut out = JourneyOut { wide_tps: Vec::new(), single_tp: None };
    if let Some(t) = touchpoint_col {
        let Role::Touchpoint(values) = &roles[t] else { unreachable!() };
        // Values differing only in case or spacing are one touchpoint, as the build reads them.
        let mut seen = Vec::new();
        for (k, v) in values.iter().enumerate() {
            let key = crate::aggregate::redact::name_key(v);
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let id = tp_ids.take(slug(v, &format!("tp{}", k + 1)));
            let _ = writeln!(
                y,
                "        - {{ id: {id}, name: {} }}   # guessed: a value of column {} — review",
                q(v),
                c(column_ref(header, t))
            );
        }
    } else if wide {
        let mut names = Vec::new();
        for (k, i) in ratings.iter().enumerate() {
            // A grid question's row is the touchpoint (`Q3:请对以下方面进行评价|结账速度` is
            // 结账速度), not the question asked of every row.
            let grid = grid_row(header, input.questions, *i);
            let name = grid.map(|(_, row)| row.to_string()).unwrap_or_else(|| readable_name(header, *i));
            let name = distinct_name(&mut names, name, grid.map(|(question, _)| question));
            let id = tp_ids.take(slug(&name, &format!("tp{}", k + 1)));
            let _ = writeln!(y, "        - {{ id: {id}, name: {} }}   # guessed: a rating column — review", q(&name));
            out.wide_tps.push((id, *i));
        }
    } else {
        let _ = writeln!(
            y,
            "        - {{ id: overall, name: {} }}   # guessed: the file names no touchpoints — review",
            q(whole)
        );
        out.single_tp = Some("overall");
    }
    out
}

/// `name`, or, when a touchpoint before it has that name (as the build compares names: case
/// and spacing aside), `name (question)` for a grid row (`Staff` rated in two grids), else
/// `name (2)`, `name (3)`…: two touchpoints of one name would not build. `seen` holds the
/// names given so far.
fn distinct_name(seen: &mut Vec<String>, name: String, question: Option<&str>) -> String {
    let key = crate::aggregate::redact::name_key;
    let free = |seen: &[String], n: &str| !seen.contains(&key(n));
    let name = if free(seen, &name) {
        name
    } else if let Some(qualified) = question.map(|q| format!("{name} ({})", q.trim())).filter(|n| free(seen, n)) {
        qualified
    } else {
        (2..).map(|k| format!("{name} ({k})")).find(|n| free(seen, n)).unwrap_or(name)
    };
    seen.push(key(&name));
    name
}

/// The segments: one `from_column` segment per column guessed to hold customer groups.
pub(super) fn write_segments(y: &mut String, header: &Header, roles: &[Role]) {
    let segs: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).collect();
    if segs.is_empty() {
        return;
    }
    y.push_str("\n# Customer groups: one segment per value of a column (or a rule: see docs/config.md).\nsegments:\n");
    let mut seg_ids = Ids::default();
    for i in segs {
        let Role::Segment(n) = roles[i] else { continue };
        let id = seg_ids.take(slug(&header[i], &format!("segment{}", i + 1)));
        let (col, name) = (column_ref(header, i), q(&readable_name(header, i)));
        let _ = writeln!(y, "  - {{ from_column: {col}, id: {id}, name: {name} }}   # guessed: {n} values — review");
    }
}
