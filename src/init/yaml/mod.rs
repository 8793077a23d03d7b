//! The cxsite.yaml `init --from-csv` writes from its guesses: settings, journey, segments and
//! the dataset (columns, scores, touchpoint scores, dimensions, multi-selects), each guess
//! marked `# guessed: … — review`, and the columns left out with why.

use std::fmt::Write as _;

use std::path::Path;

use super::guess::Role;

mod dataset;
mod journey;
mod names;
mod scores;

use crate::produce::csv::reader;
use dataset::*;
use journey::*;
pub(super) use names::c;
use names::*;
use scores::*;

pub(super) struct YamlInput<'a> {
    pub(super) file_name: &'a str,
    pub(super) header: &'a [String],
    pub(super) roles: &'a [Role],
    pub(super) rows: usize,
    pub(super) encoding: Option<&'static encoding_rs::Encoding>,
    pub(super) chinese: bool,
    pub(super) layout: reader::Layout,
    /// The sheet read of a workbook of several, and all their names.
    pub(super) sheet: Option<(&'a str, &'a [String])>,
    /// Each column's question text where the tool writes it apart from the name (Qualtrics'
    /// second header row); else empty.
    pub(super) questions: &'a [String],
    /// The zone the dates declare or are written in, and why (see `guess::guess_zone`).
    pub(super) zone: Option<(String, String)>,
    /// A score column that holds several metrics, told by a type column: a dataset per type.
    pub(super) metric_split: Option<&'a super::from_csv::MetricTypes>,
    /// Long data, a row per answer: a dataset per question.
    pub(super) long: Option<&'a super::from_csv::QuestionRows>,
}

/// Columns a survey tool adds to every export that are neither answers nor breakdowns
/// (Qualtrics' status codes and coordinates, SurveyMonkey's collector, 问卷星's source).
pub(super) const TOOL_METADATA: &[&str] = &[
    "Status",
    "IPAddress",
    "Progress",
    "Duration (in seconds)",
    "Finished",
    "StartDate",
    "EndDate",
    "LocationLatitude",
    "LocationLongitude",
    "DistributionChannel",
    "UserLanguage",
    "Collector ID",
    "Start Date",
    "IP Address",
    "所用时间",
    "来源详情",
    "来自IP",
    // Qualtrics' bot and fraud checks, and its other embedded data.
    "Q_RecaptchaScore",
    "Q_RelevantIDDuplicate",
    "Q_RelevantIDDuplicateScore",
    "Q_RelevantIDFraudScore",
    "Q_RelevantIDLastStartDate",
    "Q_BallotBoxStuffing",
    "Q_DuplicateRespondent",
    "Q_TotalDuration",
    "Q_URL",
];

/// Writes the guessed cxsite.yaml, one section after another.
pub(super) fn write_yaml(input: &YamlInput) -> String {
    // A column saying which metric a row answers is no breakdown: it splits the datasets.
    let split_roles: Vec<Role>;
    let input = match input.metric_split {
        Some(split) => {
            split_roles = input
                .roles
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    if i == split.column {
                        Role::Left("which metric the row answers: a dataset per metric".into())
                    } else {
                        r.clone()
                    }
                })
                .collect();
            &YamlInput { roles: &split_roles, zone: input.zone.clone(), ..*input }
        }
        None => input,
    };
    let YamlInput { file_name, header, roles, rows, chinese, .. } = *input;
    let header = &Header::new(header, input.questions);
    let stem = Path::new(file_name).file_stem().and_then(|s| s.to_str()).unwrap_or("survey");
    let mut ids = Ids::default();
    let touchpoint_col = roles.iter().position(|r| matches!(r, Role::Touchpoint(_)));
    let overall = overall_rating(header, roles);
    // An NPS asked on 1–10 is the headline score, not a touchpoint rated on 1–10.
    let nps_on_1_to_10 = |i: usize| {
        matches!(&roles[i], Role::Score { scale: (1, 10), .. }) && crate::init::guess::recommend_named(&header[i])
    };
    let ratings: Vec<usize> = (0..roles.len())
        .filter(|i| {
            Some(*i) != overall && matches!(&roles[*i], Role::Score { scale: (1, _), .. }) && !nps_on_1_to_10(*i)
        })
        .collect();
    // Three ratings, or two rows of one grid question (`3(结账速度)`, `3(店员服务)`), are
    // touchpoints rated side by side.
    let one_grid = ratings.len() >= 2 && grid_rows(header, input.questions, &ratings).is_some();
    let wide = touchpoint_col.is_none() && (ratings.len() >= 3 || one_grid);
    let scores = guess_scores(header, roles, &ratings, wide, &mut ids);
    // The scores' ids are taken first: they are what metrics.csv, the tiles and scripts name
    // (`nps`), so a file called nps.csv names its dataset `nps_data`, not its score `nps2`.
    let stem_id = slug(stem, "survey");
    let dataset_id = if ids.has(&stem_id) { ids.take(format!("{stem_id}_data")) } else { ids.take(stem_id) };
    let loyalty = guess_loyalty(roles, &scores, overall);

    let mut y = String::new();
    write_header_comment(&mut y, file_name, rows);
    let quarterly =
        roles.iter().any(|r| matches!(r, Role::Date { why, .. } if why.starts_with(crate::init::guess::QUARTERS)));
    write_settings(&mut y, stem, chinese, input.zone.as_ref(), loyalty.as_deref(), quarterly);
    let journey = write_journey(&mut y, input, header, touchpoint_col, &ratings, wide);
    write_segments(&mut y, header, roles);
    y.push_str("\ndatasets:\n");
    if let Some(split) = input.metric_split {
        write_metric_datasets(&mut y, input, header, split, &dataset_id, journey.single_tp);
        write_left_out(&mut y, header, roles);
        return y;
    }
    if let Some(long) = input.long {
        write_question_datasets(&mut y, input, header, long, &dataset_id, journey.single_tp, &mut ids);
        write_left_out(&mut y, header, roles);
        return y;
    }
    write_dataset_keys(&mut y, input, header, &dataset_id, wide, journey.single_tp);
    write_columns(&mut y, header, roles);
    write_scores(&mut y, header, roles, &scores);
    if wide {
        // The metric ids go on from the score ids, so that none repeats one.
        write_touchpoint_scores(&mut y, header, roles, &journey.wide_tps, &scores, ids);
    }
    write_dimensions(&mut y, header, roles);
    write_multi_selects(&mut y, header, roles);
    write_left_out(&mut y, header, roles);
    y
}

/// The comment at the top: where the file came from and how to review it.
fn write_header_comment(y: &mut String, file_name: &str, rows: usize) {
    let _ =
        writeln!(y, "# cxsite project guessed by `cxsite init --from-csv` from {} ({rows} rows read).", c(file_name));
    y.push_str("# Every line marked `# guessed:` is a guess from the column names and values: review it.\n");
    y.push_str("# Reference of every key: docs/config.md in cxsite's source. Preview while you edit:\n");
    y.push_str("#   cxsite serve .      Build:  cxsite build .\n\n");
}

/// The site-wide settings: title, locale, timezone, min_n and the loyalty outcome.
fn write_settings(
    y: &mut String,
    stem: &str,
    chinese: bool,
    zone: Option<&(String, String)>,
    loyalty: Option<&str>,
    quarterly: bool,
) {
    let title = if chinese { format!("{stem} 客户体验") } else { format!("{stem} — customer experience") };
    let _ = writeln!(y, "title: {}   # guessed: from the file name — review", q(&title));
    if chinese {
        y.push_str("locale: zh-CN         # guessed: the data is in Chinese — review (en | zh-CN)\n");
    } else {
        y.push_str("locale: en            # en | zh-CN: the language of the site\n");
    }
    match zone {
        Some((zone, why)) => {
            let _ =
                writeln!(y, "timezone: {zone}   # guessed: {why} — review: dates are cut into periods in this zone");
        }
        None if chinese => {
            y.push_str("timezone: Asia/Shanghai   # guessed — review: dates are cut into periods in this zone\n")
        }
        None => y.push_str(
            "timezone: UTC         # guessed — review: dates are cut into periods in this zone, e.g. Europe/Paris\n",
        ),
    }
    if quarterly {
        y.push_str("period: quarter       # guessed: the dates are quarters (2024-Q1) — review\n");
    }
    y.push_str("min_n: 30             # groups with fewer answers show \"not enough answers\" instead of a number\n");
    if let Some(l) = loyalty {
        let _ = writeln!(y, "loyalty: {l}          # guessed: the outcome key drivers are computed against — review");
    }
}
