//! A dataset's entry: its keys (path, sheet, encoding, layout), `columns:`, `drop_rows:`,
//! `dimensions:`, `multi_select:`, the columns left out, and a dataset per metric type.

use std::fmt::Write as _;

use super::names::*;
use super::scores::*;
use super::YamlInput;
use crate::init::guess::Role;

/// One dataset per metric of a score column that holds several ([`crate::init::from_csv::MetricTypes`]):
/// each reads the rows of its type (`keep_rows:`) on that type's scale. `input.roles` has the
/// type column left out already ([`super::write_yaml`]).
pub(super) fn write_metric_datasets(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    split: &crate::init::from_csv::MetricTypes,
    stem_id: &str,
    single_tp: Option<&str>,
) {
    for (value, id, scale) in &split.types {
        let mut roles = input.roles.to_vec();
        if let Role::Score { scale: s, labels, why, .. } = &mut roles[split.score] {
            *s = *scale;
            labels.retain(|l| l.1 == crate::init::guess::NA_LABEL);
            *why = format!("the answers of the rows of type {value}, on {}–{}", scale.0, scale.1);
        }
        let kind = match *id {
            "ces" => Some("mean"),
            _ => None,
        };
        let score =
            ScoreOut { id: id.to_string(), column: split.score, kind, lower_better: false, leaving: false, name: None };
        let kept = Kept { column: split.column, value, id: &format!("{stem_id}_{id}"), source: stem_id };
        write_kept_dataset(
            y,
            &YamlInput { roles: &roles, zone: input.zone.clone(), ..*input },
            header,
            &kept,
            &[score],
            single_tp,
        );
    }
}

/// The rows a dataset over a shared file keeps: those whose `column` holds `value`.
struct Kept<'a> {
    column: usize,
    value: &'a str,
    /// The dataset's id.
    id: &'a str,
    /// The `source:` every dataset of the file shares.
    source: &'a str,
}

/// One dataset of several over one file, reading the rows [`Kept`] names: its keys, `source:`,
/// `keep_rows:`, columns, scores, dimensions and multi-selects, under a comment naming them.
fn write_kept_dataset(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    kept: &Kept,
    scores: &[ScoreOut],
    single_tp: Option<&str>,
) {
    let roles = input.roles;
    let _ = writeln!(y, "  # `{}` rows: {}", c(&header[kept.column]), c(kept.value));
    write_dataset_keys(y, input, header, kept.id, false, single_tp);
    let _ = writeln!(y, "    source: {}", q(kept.source));
    let _ = writeln!(y, "    keep_rows: {{ {}: {} }}", column_ref(header, kept.column), q(kept.value));
    write_columns(y, header, roles);
    write_scores(y, header, roles, scores);
    write_dimensions(y, header, roles);
    write_multi_selects(y, header, roles);
}

/// Long data ([`crate::init::from_csv::QuestionRows`]): a dataset per question read, each
/// keeping the rows of its question, its answers a score (named by the question) or comments.
pub(super) fn write_question_datasets(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    long: &crate::init::from_csv::QuestionRows,
    stem_id: &str,
    single_tp: Option<&str>,
    ids: &mut Ids,
) {
    for (question, role) in &long.items {
        let mut roles = input.roles.to_vec();
        roles[long.answer] = role.clone();
        // The score's id and type as if the question were the column's header.
        let mut asked: Vec<String> = header.to_vec();
        asked[long.answer] = question.clone();
        let scores: Vec<ScoreOut> = super::scores::guess_scores(&asked, &roles, &[], false, ids)
            .into_iter()
            .map(|s| ScoreOut { name: Some(question.clone()), ..s })
            .collect();
        let what = scores.first().map_or("comments".to_string(), |s| s.id.clone());
        let id = ids.take(format!("{stem_id}_{what}"));
        let kept = Kept { column: long.question, value: question, id: &id, source: stem_id };
        write_kept_dataset(
            y,
            &YamlInput { roles: &roles, zone: input.zone.clone(), ..*input },
            header,
            &kept,
            &scores,
            single_tp,
        );
    }
}

/// The dataset's id, path and how its file is read: export layout, header row, encoding,
/// format, fixed touchpoint and date format.
pub(super) fn write_dataset_keys(
    y: &mut String,
    input: &YamlInput,
    header: &Header,
    dataset_id: &str,
    wide: bool,
    single_tp: Option<&str>,
) {
    let YamlInput { file_name, roles, encoding, layout, sheet, .. } = *input;
    let _ = writeln!(y, "  - id: {dataset_id}\n    path: {}", q(&format!("data/{file_name}")));
    if let Some((read, all)) = sheet {
        let others = all.iter().map(|n| q(n)).collect::<Vec<_>>().join(", ");
        let _ = writeln!(y, "    sheet: {}   # guessed: the sheet of most rows, of {} — review", q(read), c(&others));
    }
    if let Some(e) = layout.export {
        let _ = writeln!(
            y,
            "    export: {}   # guessed: the file is laid out as {} writes it (docs/exports.md) — review",
            e.name(),
            e.title()
        );
    }
    if layout.header_row > 1 {
        let _ = writeln!(
            y,
            "    header_row: {}   # guessed: the lines above look like a title or banner — review",
            layout.header_row
        );
    }
    if let Some(enc) = encoding {
        let label = if enc == encoding_rs::GB18030 { "gb18030" } else { enc.name() };
        let label = label.to_ascii_lowercase();
        if enc == encoding_rs::UTF_8 {
            let _ = writeln!(
                y,
                "    encoding: {label}   # guessed: UTF-8 but for a few bytes; cells holding them are skipped and counted — review"
            );
        } else {
            let _ = writeln!(y, "    encoding: {label}   # guessed: the file is not UTF-8 — review");
        }
    }
    if wide {
        y.push_str(
            "    format: wide          # guessed: one row per respondent, a rating column per touchpoint — review\n",
        );
    } else {
        y.push_str("    format: long          # one row per rating\n");
    }
    if let Some(tp) = single_tp {
        let _ = writeln!(y, "    touchpoint: {tp}   # every row rates this touchpoint");
    }
    if let Some(Role::Date { format, why, zone }) = roles.iter().find(|r| matches!(r, Role::Date { .. })) {
        if let Some(f) = format {
            let _ = writeln!(y, "    date_format: {}   # guessed: {} — review", q(f), c(why));
        }
        if let Some((z, why)) = zone {
            let _ = writeln!(y, "    date_timezone: {}   # guessed: {} — review", q(z), c(why));
        }
    }
    write_drop_rows(y, header, roles);
}

/// `drop_rows:` for the columns that mark rows as no response (tests, deleted, rejected).
pub(super) fn write_drop_rows(y: &mut String, header: &Header, roles: &[Role]) {
    let screens: Vec<(usize, &Vec<String>)> = roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Role::Screen(v) => Some((i, v)),
            _ => None,
        })
        .collect();
    if screens.is_empty() {
        return;
    }
    y.push_str(
        "    drop_rows:   # guessed: rows the export marks as tests, deleted, rejected or unfinished — review
",
    );
    for (i, values) in screens {
        let values: Vec<String> = values.iter().map(|v| q(v)).collect();
        let _ = writeln!(y, "      {}: [{}]", column_ref(header, i), values.join(", "));
    }
}

/// The dataset's `columns:`: respondent, date, touchpoint and comment (a list when several
/// columns hold free text).
pub(super) fn write_columns(y: &mut String, header: &Header, roles: &[Role]) {
    let mut cols = Vec::new();
    let comments: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Comment)).collect();
    for (i, r) in roles.iter().enumerate() {
        let (key, why) = match r {
            Role::Respondent => ("respondent", "an id on every row".to_string()),
            Role::Date { why, .. } => ("date", why.clone()),
            Role::Touchpoint(v) => ("touchpoint", format!("{} distinct values", v.len())),
            _ => continue,
        };
        cols.push(format!("      {key}: {}   # guessed: {} — review", column_ref(header, i), c(&why)));
    }
    match comments.as_slice() {
        [] => {}
        [i] => cols.push(format!("      comment: {}   # guessed: free text — review", column_ref(header, *i))),
        many => {
            cols.push(
                "      comment:   # guessed: free text, each analysed and shown with its question — review".into(),
            );
            for i in many {
                cols.push(format!(
                    "        - {{ column: {}, label: {} }}",
                    column_ref(header, *i),
                    q(&readable_name(header, *i))
                ));
            }
        }
    }
    if !cols.is_empty() {
        y.push_str("    columns:\n");
        for l in cols {
            y.push_str(&l);
            y.push('\n');
        }
    }
}

/// The dataset's `dimensions:`: the extra breakdowns.
pub(super) fn write_dimensions(y: &mut String, header: &Header, roles: &[Role]) {
    let dims: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Dimension(_))).collect();
    if dims.is_empty() {
        return;
    }
    y.push_str("    dimensions:           # extra breakdowns (stores, channels, products…)\n");
    let mut dim_ids = Ids::default();
    for i in dims {
        let Role::Dimension(n) = roles[i] else { continue };
        let want = slug(&header[i], &format!("dim{}", i + 1));
        // `period`, `stage`, `source`… are breakdowns cxsite makes itself: a column so named
        // (a `Period` of shift names) takes another id, else the project would not load.
        let want =
            if crate::project::RESERVED_DIMENSIONS.contains(&want.as_str()) { format!("{want}_dim") } else { want };
        let id = dim_ids.take(want);
        let (col, name) = (column_ref(header, i), q(&readable_name(header, i)));
        let _ = writeln!(y, "      - {{ id: {id}, column: {col}, name: {name} }}   # guessed: {n} values — review");
    }
}

/// The dataset's `multi_select:`: each checkbox question with the options its answers hold.
pub(super) fn write_multi_selects(y: &mut String, header: &Header, roles: &[Role]) {
    let mut ids = Ids::default();
    let mut written: Vec<&str> = Vec::new();
    for (i, r) in roles.iter().enumerate() {
        // A column per option: the question once, with each option's column.
        if let Role::OptionOf { question, .. } = r {
            if written.contains(&question.as_str()) {
                continue;
            }
            written.push(question);
            if ids.0.is_empty() {
                y.push_str("    multi_select:         # \"tick all that apply\": the share choosing each option\n");
            }
            let id = ids.take(slug(question, &format!("choice{}", i + 1)));
            let options: Vec<String> = (i..roles.len())
                .filter_map(|k| match &roles[k] {
                    Role::OptionOf { question: q2, option } if q2 == question => {
                        Some(format!("{}: {}", q(option), column_ref(header, k)))
                    }
                    _ => None,
                })
                .collect();
            let _ = writeln!(
                y,
                "      - {{ id: {id}, name: {}, columns: {{ {} }} }}   # guessed: a column per option, chosen when neither blank nor 0 — review",
                q(question),
                options.join(", ")
            );
            continue;
        }
        let Role::MultiSelect(options, separator) = r else { continue };
        if ids.0.is_empty() {
            y.push_str("    multi_select:         # \"tick all that apply\": the share choosing each option\n");
        }
        let id = ids.take(slug(&header[i], &format!("choice{}", i + 1)));
        let options: Vec<String> = options.iter().map(|o| q(o)).collect();
        // Written even when it is the build's default `,`: with `export: wenjuanxing` the
        // default is `┋`, and a comma-joined column of that export would be split on it.
        let sep = format!(", separator: {}", q(separator.trim()));
        let _ = writeln!(
            y,
            "      - {{ id: {id}, column: {}{sep}, options: [{}] }}   # guessed: answers joined with \"{}\" — review the options",
            column_ref(header, i),
            options.join(", "),
            separator
        );
    }
}

/// The closing comment listing the columns left out, and why.
pub(super) fn write_left_out(y: &mut String, header: &Header, roles: &[Role]) {
    let left: Vec<String> = header
        .iter()
        .zip(roles)
        .filter_map(|(h, r)| match r {
            Role::Left(why) => Some(format!("#   {}: {}", c(&q(h)), c(why))),
            _ => None,
        })
        .collect();
    if !left.is_empty() {
        y.push_str("\n# Columns left out (guessed — review; add them above if they matter):\n");
        for l in left {
            y.push_str(&l);
            y.push('\n');
        }
    }
}
