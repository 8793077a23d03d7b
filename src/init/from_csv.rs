//! `cxsite init --from-csv FILE DIR`: guesses a project from one export.
//!
//! The file is opened with the producer's own reader (so what is guessed is what a build will
//! read: the same decoding, delimiter detection and workbook cells), a sample of its rows is
//! profiled column by column, and each column gets a role: respondent, date (and its format),
//! score (0–10 NPS, 1–5, 1–7, 0–1, or text labels such as 非常满意), comment, touchpoint,
//! segment or dimension, or left out (identifiers, e-mail addresses, phone numbers). The
//! generated cxsite.yaml marks every guess with `# guessed: … — review`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::error::{Diagnostic, Error, Result};
use crate::produce::csv::reader;
use crate::project::FileSpec;

use super::guess::{classify, has_cjk, Profile, Role, PERSONAL, STATUS};
use super::yaml::{c, write_yaml, YamlInput, TOOL_METADATA};

/// Rows read to guess from.
const SAMPLE_ROWS: usize = 20_000;

/// The encoding a CSV file needs declared: `None` for UTF-8 or a file with a UTF-16 BOM.
fn sniff_encoding(path: &Path) -> Result<Option<&'static encoding_rs::Encoding>> {
    use std::io::Read;
    let mut head = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(1 << 18).read_to_end(&mut head))
        .map_err(|e| Error::io("read", path, e))?;
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) || head.starts_with(&[0xef, 0xbb, 0xbf]) {
        return Ok(None);
    }
    // UTF-16 without a BOM: every other byte of ASCII text is 0.
    let pairs = head.len() / 2;
    if pairs >= 4 {
        let zero_odd = head.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
        let zero_even = head.iter().step_by(2).filter(|b| **b == 0).count();
        if zero_odd * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16LE));
        }
        if zero_even * 2 > pairs {
            return Ok(Some(encoding_rs::UTF_16BE));
        }
    }
    match std::str::from_utf8(&head) {
        Ok(_) => Ok(None),
        // Cut in the middle of a character at the end of the sample: still UTF-8.
        Err(e) if e.error_len().is_none() => Ok(None),
        // UTF-8 but for a character cut short somewhere: read as UTF-8, that cell skipped.
        Err(_) if reader::plainly_utf8(reader::utf8_profile(&head)) => Ok(Some(encoding_rs::UTF_8)),
        // The guess a build's message would give (Shift-JIS, Big5, GB18030, Windows-1252…).
        Err(_) => Ok(Some(
            reader::guess_encoding(&head)
                .and_then(|(label, _)| encoding_rs::Encoding::for_label(label.as_bytes()))
                .unwrap_or(encoding_rs::WINDOWS_1252),
        )),
    }
}

/// Creates `dir` with a cxsite.yaml guessed from `file` and a copy of the file in `data/`;
/// returns a summary of the guesses for the terminal.
pub fn from_csv(file: &Path, dir: &Path) -> Result<String> {
    super::ensure_empty(dir)?;
    let name = file_name(file)?;
    if !file.is_file() {
        // A device, a pipe or a folder exists but is no export to read (and a pipe or
        // /dev/zero would never end).
        let why = match std::fs::metadata(file) {
            Ok(m) if m.is_dir() => "it is a folder; give the export file inside it",
            Ok(_) => "it is not a regular file (a device or a pipe); save the export to a file first",
            Err(_) => "it does not exist",
        };
        return Err(Error::one(Diagnostic::file(file.display().to_string(), format!("cannot open the file: {why}"))));
    }
    // By content, not name: an .xlsx named .xls is a workbook, a TSV named .xls is text, and a
    // gzip or Numbers file is named for what it is.
    let workbook = reader::sniff_kind(file, &file.display().to_string())?.is_workbook();
    let encoding = if workbook { None } else { sniff_encoding(file)? };
    let sheet = if workbook { busiest_sheet(file)? } else { None };
    let (spec, layout) = open_spec(file, encoding, workbook, sheet.as_ref().map(|s| s.0.clone()))?;
    let Sample { header, questions, declared_zones, columns, rows, totals, repeated_headers } = sample_columns(&spec)?;
    let roles = guess_roles(&header, &columns, layout.export, workbook);
    require_score_or_comment(&spec.display, &header, &roles)?;
    let chinese = written_in_chinese(&header, &columns);
    let zone = date_zone(&roles, &columns, &declared_zones, chinese);

    let sheet = sheet.as_ref().map(|(name, all)| (name.as_str(), all.as_slice()));
    let metric_split = metric_types(&roles, &columns);
    let yaml = write_yaml(&YamlInput {
        file_name: &name,
        header: &header,
        roles: &roles,
        rows,
        encoding,
        chinese,
        layout,
        sheet,
        questions: &questions,
        zone,
        metric_split: metric_split.as_ref(),
    });
    too_big(&spec.display, &yaml, &roles)?;
    let yaml_path = write_project(file, dir, &name, &yaml)?;
    let mut report = summary(rows, &name, &header, &roles);
    if let Some(m) = &metric_split {
        let types: Vec<&str> = m.types.iter().map(|t| t.0.as_str()).collect();
        let _ = writeln!(
            report,
            "note: `{}` says which metric each row's `{}` answers ({}): one dataset per metric, each reading its own rows (`keep_rows:`)",
            c(&header[m.column]),
            c(&header[m.score]),
            types.join(", ")
        );
    }
    report.push_str(&left_out_lines(&totals, &repeated_headers));
    if let Some((read, all)) = sheet {
        report =
            format!("read sheet `{read}`, the one of most rows (the workbook's sheets: {})\n{report}", all.join(", "));
    }
    // The guesses must build; if they do not, say so rather than leave a broken project.
    let checked = match crate::check(dir, false) {
        Ok(r) => r,
        Err(e) => {
            return Err(Error::one(Diagnostic::file(
                yaml_path.display().to_string(),
                format!("{report}the guessed project does not build yet; fix it (see docs/config.md):\n{e}"),
            )))
        }
    };
    // Long data that repeats a respondent-level score on each touchpoint row: the guessed
    // project would count it once per row; say so now, not only at the first build.
    for d in &checked.quality.datasets {
        for r in &d.repeated_scores {
            let _ = writeln!(report, "warning: {}", r.warning(&d.path));
        }
    }
    Ok(report)
}

/// Refuses, before anything is written, guesses that make a cxsite.yaml larger than a build
/// reads (a file of thousands of rating columns): such a project could never load.
fn too_big(display: &str, yaml: &str, roles: &[Role]) -> Result<()> {
    let max = crate::project::MAX_PROJECT_BYTES;
    if yaml.len() as u64 <= max {
        return Ok(());
    }
    let used = roles.iter().filter(|r| !matches!(r, Role::Left(_))).count();
    Err(Error::one(Diagnostic::file(
        display.to_string(),
        format!(
            "the file has {} columns, and the project guessed from them ({used} of them read as scores, touchpoints, comments or breakdowns) would need a cxsite.yaml of {:.1} MiB, over the {} MiB a project file may be; nothing was written. Keep the columns you report on (save a copy of the file without the others) and run `cxsite init --from-csv` on it, or write cxsite.yaml by hand (docs/config.md)",
            roles.len(),
            yaml.len() as f64 / (1u64 << 20) as f64,
            max >> 20
        ),
    )))
}

/// The file's name, as the copy in `data/` and the project's `file:` will spell it.
fn file_name(file: &Path) -> Result<String> {
    Ok(file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", file.display())))?
        .to_string())
}

/// The reader's spec for `file`, with its layout (a preamble above the header and a survey
/// tool's layout) sniffed from the first lines or rows.
fn open_spec(
    file: &Path,
    encoding: Option<&'static encoding_rs::Encoding>,
    workbook: bool,
    sheet: Option<String>,
) -> Result<(FileSpec, reader::Layout)> {
    let mut spec = FileSpec { sheet, ..open_spec_base(file, encoding, workbook) };
    let layout = if workbook { reader::sniff_workbook_layout(&spec)? } else { reader::sniff_layout(&spec)? };
    spec.header_row = layout.header_row;
    spec.export = layout.export;
    Ok((spec, layout))
}

/// The reader's spec for `file` read from its first line or sheet.
fn open_spec_base(file: &Path, encoding: Option<&'static encoding_rs::Encoding>, workbook: bool) -> FileSpec {
    FileSpec {
        path: file.to_path_buf(),
        display: file.display().to_string(),
        path_at: None,
        header_row_at: None,
        encoding,
        delimiter: None,
        header_row: 1,
        sheet: None,
        sheet_at: None,
        workbook,
        skip_malformed: true,
        root: None,
        export: None,
    }
}

/// Of a workbook of several visible worksheets, the one of most rows (up to [`SAMPLE_ROWS`];
/// the first of equals) and all their names: a `Summary` or cover sheet before the responses
/// is not what to report on. `None` for a workbook of one sheet.
fn busiest_sheet(file: &Path) -> Result<Option<(String, Vec<String>)>> {
    let probe = open_spec_base(file, None, true);
    let names = reader::worksheet_names(&probe)?;
    if names.len() < 2 {
        return Ok(None);
    }
    let mut best: Option<(usize, &String)> = None;
    for name in &names {
        // A sheet with no table to read (a cover sheet of text) counts as none.
        let rows = open_spec(file, None, true, Some(name.clone()))
            .and_then(|(spec, _)| sample_columns(&spec))
            .map_or(0, |s| s.rows);
        if best.is_none_or(|(most, _)| rows > most) {
            best = Some((rows, name));
        }
    }
    let read = best.map_or_else(|| names[0].clone(), |(_, n)| n.clone());
    Ok(Some((read, names)))
}

/// The header and up to [`SAMPLE_ROWS`] rows, cell by cell in columns.
struct Sample {
    header: Vec<String>,
    questions: Vec<String>,
    /// The zones a tool's header declares for columns' local times (see `reader::Table`).
    declared_zones: Vec<reader::DeclaredZone>,
    columns: Vec<Vec<String>>,
    rows: usize,
    /// Lines left out of the guess, as the build leaves them out: totals rows, then headers
    /// repeated in the middle of the file (their line numbers).
    totals: Vec<u64>,
    repeated_headers: Vec<u64>,
}

/// Reads the sample to guess from; a file with a header and no rows is an error.
fn sample_columns(spec: &FileSpec) -> Result<Sample> {
    let mut table = reader::open(spec)?;
    let header = table.header.clone();
    let questions = table.questions.clone();
    let declared_zones = table.declared_zones.clone();
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); header.len()];
    let mut rec = csv::ByteRecord::new();
    let mut rows = 0;
    let (mut totals, mut repeated_headers) = (Vec::new(), Vec::new());
    while rows < SAMPLE_ROWS {
        match table.next_bytes(&mut rec)? {
            // Nor a totals or summary row (`Total`, `合计` first): its sums are off the scale.
            Some(line) if totals_row(&rec) => totals.push(line),
            // A header repeated in the middle (files joined together) is no answer to guess from.
            Some(line)
                if reader::repeats_header(&table.header_rows, |i| {
                    rec.get(i).and_then(|c| std::str::from_utf8(c).ok()).unwrap_or("")
                }) =>
            {
                repeated_headers.push(line)
            }
            Some(_) => {
                // Undecodable bytes come through as 0xFF; a guess only needs the readable rest.
                for (i, cell) in rec.iter().enumerate().take(header.len()) {
                    columns[i].push(String::from_utf8_lossy(cell).trim().to_string());
                }
                rows += 1;
            }
            None => break,
        }
    }
    drop(table);
    if rows == 0 {
        return Err(Error::one(Diagnostic::file(
            spec.display.clone(),
            "the file has a header but no rows to guess from",
        )));
    }
    Ok(Sample { header, questions, declared_zones, columns, rows, totals, repeated_headers })
}

/// The project's zone from the date column: declared by the export, or the offsets its dates
/// are written with (see [`crate::init::guess::guess_zone`]).
fn date_zone(
    roles: &[Role],
    columns: &[Vec<String>],
    declared: &[reader::DeclaredZone],
    chinese: bool,
) -> Option<(String, String)> {
    let d = roles.iter().position(|r| matches!(r, Role::Date { .. }))?;
    let declared = declared.iter().find(|(c, _, _)| *c == d).map(|(_, _, z)| z.as_str());
    let dates: Vec<&str> = columns[d].iter().map(String::as_str).collect();
    super::guess::guess_zone(&dates, declared, chinese)
}

/// Whether a record is a totals or summary row: its first filled cell is `Total`, `合计`,
/// `Average`… (as the build leaves such a row out).
fn totals_row(rec: &csv::ByteRecord) -> bool {
    let first = rec.iter().find(|c| !c.trim_ascii().is_empty());
    first.and_then(|c| std::str::from_utf8(c).ok()).is_some_and(reader::totals_label)
}

/// Each column's role: classified from its profile, checkbox questions split into options,
/// then one column of each single-column role kept.
fn guess_roles(
    header: &[String],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = classify_columns(header, columns, export, workbook);
    split_checkbox_questions(&mut roles, columns, export == Some(crate::project::Export::GoogleForms));
    group_option_columns(&mut roles, header, columns);
    prefer_unique_respondent(&mut roles, columns);
    keep_first_of_each(&mut roles, header);
    screened_status(&mut roles, header);
    nps_groups_alone(&mut roles, columns);
    test_respondents(&mut roles, columns);
    roles
}

/// What a form's owner types as the name of a test submission (麦客, 金数据, Jotform).
const TEST_NAMES: &[&str] = &["测试", "测试用户", "测试人员", "测试数据", "test", "testing", "test user", "tester"];

/// A name column (personal data, left out) where a few rows say `测试` or `test`: those rows
/// are the form owner's tests, left out by `drop_rows:` (the column stays unshown).
fn test_respondents(roles: &mut [Role], columns: &[Vec<String>]) {
    for (i, role) in roles.iter_mut().enumerate() {
        let Role::Left(why) = role else { continue };
        if !why.starts_with(PERSONAL) || !why.contains("name") {
            continue;
        }
        let mut tests: Vec<String> = Vec::new();
        let mut rows = 0;
        for v in columns[i].iter().map(|v| v.trim()) {
            if TEST_NAMES.iter().any(|t| v.eq_ignore_ascii_case(t)) {
                rows += 1;
                if !tests.iter().any(|t| t == v) {
                    tests.push(v.to_string());
                }
            }
        }
        // Tests are a few rows, not a column of them.
        if rows > 0 && rows * 10 <= columns[i].len() {
            *role = Role::Screen(tests);
        }
    }
}

/// An export that mixes several metrics in one score column, a column saying which each row
/// answers (Retently's `Survey type`: NPS, CSAT, CES): the type column, the score column, and
/// per type its value as written, the score id and the scale of that type's answers. One
/// dataset per type is written, each reading its rows (`keep_rows:`); read as one score, an
/// NPS over CSAT and CES answers was the headline.
pub(super) fn metric_types(roles: &[Role], columns: &[Vec<String>]) -> Option<MetricTypes> {
    let scores: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Score { .. })).collect();
    let [score] = scores[..] else { return None };
    let kind = |v: &str| match v.trim().to_lowercase().as_str() {
        "nps" | "net promoter score" => Some("nps"),
        "csat" | "customer satisfaction" => Some("csat"),
        "ces" | "customer effort score" | "customer effort" => Some("ces"),
        _ => None,
    };
    let (column, values) = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).find_map(|t| {
        let mut values: Vec<(String, &'static str)> = Vec::new();
        for v in columns[t].iter().filter(|v| !v.trim().is_empty()) {
            let k = kind(v)?;
            if !values.iter().any(|(w, _)| w == v.trim()) {
                values.push((v.trim().to_string(), k));
            }
        }
        (values.len() >= 2).then_some((t, values))
    })?;
    let mut types = Vec::new();
    for (value, id) in values {
        let answers = columns[score]
            .iter()
            .zip(&columns[column])
            .filter(|(_, t)| t.trim() == value)
            .filter_map(|(a, _)| a.trim().parse::<i64>().ok());
        let (lo, hi) = answers.fold((i64::MAX, i64::MIN), |(l, h), a| (l.min(a), h.max(a)));
        let scale = match id {
            "nps" => (0, 10),
            _ if lo >= 1 && hi <= 5 => (1, 5),
            _ if lo >= 1 && hi <= 7 => (1, 7),
            _ => return None,
        };
        types.push((value, id, scale));
    }
    Some(MetricTypes { column, score, types })
}

/// What [`metric_types`] found.
pub(super) struct MetricTypes {
    pub(super) column: usize,
    pub(super) score: usize,
    /// (the type as written, the score id, the scale of its answers).
    pub(super) types: Vec<(String, &'static str, (i64, i64))>,
}

/// A column of NPS groups by name (`Promoter`, `Passive`, `Detractor`) in a file with no 0–10
/// answers is the only NPS there is: read as 10, 8 and 0, which puts each answer in its group,
/// so the NPS is exact. Beside a 0–10 question the groups are worked out from it and left out.
fn nps_groups_alone(roles: &mut [Role], columns: &[Vec<String>]) {
    if roles.iter().any(|r| matches!(r, Role::Score { scale: (0, 10), .. })) {
        return;
    }
    let Some(i) = roles.iter().position(|r| matches!(r, Role::Left(why) if why.starts_with(super::guess::NPS_GROUPS)))
    else {
        return;
    };
    let mut labels: Vec<(String, i64)> = Vec::new();
    for v in &columns[i] {
        let v = v.trim();
        if v.is_empty() || labels.iter().any(|(l, _)| l == v) {
            continue;
        }
        let Some(n) = super::guess::nps_group_value(v) else { return };
        labels.push((v.to_string(), n));
    }
    if labels.len() < 2 {
        return;
    }
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    roles[i] = Role::Score {
        scale: (0, 10),
        na_zero: false,
        labels,
        half: false,
        reverse: false,
        why: "NPS groups alone, with no 0–10 answers in the file: promoters read as 10, passives as 8, detractors as 0, so the NPS is exact (its distribution shows the three groups only)".into(),
    };
}

/// The column in which the export marks unfinished responses, which the build leaves out
/// ([`crate::produce::csv::unfinished_column`]): said so, not "every response is read".
fn screened_status(roles: &mut [Role], header: &[String]) {
    let Some((i, crate::produce::csv::Unfinished::Values(_))) = crate::produce::csv::unfinished_column(header) else {
        return;
    };
    // What the build does not leave out itself (a test, a deleted response) is for `drop_rows:`.
    if let Role::Screen(values) = &mut roles[i] {
        values.retain(|v| !crate::produce::csv::is_unfinished_status(v));
        if !values.is_empty() {
            return;
        }
    }
    roles[i] = Role::Left(format!(
        "{STATUS}: its unfinished responses (partial, disqualified, screened out) are left out as incomplete"
    ));
}

/// Of several respondent columns, the one whose every value differs (Typeform's `#` token)
/// goes first: a column that repeats its values beside it is not the response's id.
fn prefer_unique_respondent(roles: &mut [Role], columns: &[Vec<String>]) {
    let candidates: Vec<usize> = (0..roles.len()).filter(|i| roles[*i] == Role::Respondent).collect();
    if candidates.len() < 2 {
        return;
    }
    let unique = |i: usize| {
        let filled: Vec<&String> = columns[i].iter().filter(|v| !v.is_empty()).collect();
        filled.iter().collect::<std::collections::HashSet<_>>().len() == filled.len()
    };
    if let Some(best) = candidates.iter().copied().find(|i| unique(*i)) {
        for i in candidates {
            if i != best {
                roles[i] = Role::Left("another respondent id column whose values repeat; the one with a different value on every row is used".into());
            }
        }
    }
}

/// LimeSurvey's own columns beside the answers: the last page reached, the language, the
/// randomisation seed, the address and the page the respondent came from.
const LIMESURVEY_METADATA: [&str; 5] = ["lastpage", "startlanguage", "seed", "ipaddr", "refurl"];

/// Classifies each column from its sampled values; a survey tool's own metadata is left out.
fn classify_columns(
    header: &[String],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = Vec::new();
    // LimeSurvey's response table starts `id, submitdate, lastpage, startlanguage, seed`.
    let limesurvey = ["lastpage", "startlanguage"].iter().all(|n| header.iter().any(|h| h.eq_ignore_ascii_case(n)));
    for (i, h) in header.iter().enumerate() {
        if limesurvey && LIMESURVEY_METADATA.iter().any(|m| h.eq_ignore_ascii_case(m)) {
            roles.push(Role::Left("LimeSurvey metadata".into()));
            continue;
        }
        let mut p = Profile::default();
        for v in &columns[i] {
            p.add(v);
        }
        let values: Vec<&str> = columns[i].iter().map(String::as_str).filter(|v| !v.is_empty()).collect();
        roles.push(match export {
            Some(e) if TOOL_METADATA.contains(&h.as_str()) => Role::Left(format!("{} metadata", e.title())),
            _ => classify(h, &p, &values, workbook),
        });
    }
    roles
}

/// A Google Forms checkbox question: its options, split as `multi_select:` will.
fn split_checkbox_questions(roles: &mut [Role], columns: &[Vec<String>], google_forms: bool) {
    for (i, r) in roles.iter_mut().enumerate() {
        if matches!(r, Role::Comment | Role::Dimension(_) | Role::Segment(_)) {
            // ", " joins Google Forms' answers; elsewhere it is as likely a comma in a sentence.
            let comma = google_forms.then(|| super::choices::joined_options(&columns[i])).flatten();
            if let Some(options) = comma {
                *r = Role::MultiSelect(options, ", ");
            } else if let Some(options) = super::choices::semicolon_options(&columns[i]) {
                *r = Role::MultiSelect(options, ";");
            }
        }
    }
}

/// Side-by-side columns of one checkbox question, a column per option: their headers share the
/// question and name the option (`Q4:您本次购买了哪些商品？|薯片`, `5(薯片)`, `Which snacks?
/// [Crisps]`), and each holds only 1 / 0 or blank, or the option's own text or blank.
/// Otherwise each would be a yes/no score or a segment of its own.
fn group_option_columns(roles: &mut [Role], header: &[String], columns: &[Vec<String>]) {
    let options: Vec<Option<(String, String)>> = (0..roles.len())
        .map(|i| {
            if matches!(roles[i], Role::Respondent | Role::Date { .. } | Role::Comment | Role::Touchpoint(_)) {
                return None;
            }
            let (question, option) = super::guess::question_and_item(&header[i], true)?;
            let mut filled = columns[i].iter().map(|v| v.trim()).filter(|v| !v.is_empty());
            let ticks = filled.all(|v| v == "0" || v == "1" || v == option);
            ticks.then(|| (question.to_string(), option.to_string()))
        })
        .collect();
    let option_of = |i: usize| options[i].clone();
    let mut i = 0;
    while i < roles.len() {
        let Some((question, _)) = option_of(i) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < roles.len() && option_of(end).is_some_and(|(q, _)| q == question) {
            end += 1;
        }
        if end - i >= 2 {
            for (role, found) in roles[i..end].iter_mut().zip(&options[i..end]) {
                if let Some((question, option)) = found.clone() {
                    *role = Role::OptionOf { question, option };
                }
            }
        }
        i = end;
    }
}

/// Words of a date column that says when the answer was given, not when the survey or the
/// ticket began.
const ANSWERED_WORDS: &[&str] = &[
    "submit",
    "complet",
    "recorded",
    "responded",
    "response date",
    "scored",
    "rated at",
    "rated on",
    "rating date",
    "rating time",
    "answered",
    "end date",
    "enddate",
    "提交",
    "完成",
    "结束",
    "填写时间",
    "答卷时间",
];

/// One of each single-column role; a second date, respondent or touchpoint is left out
/// (comment columns are all read: `comment: [a, b]`). Of several date columns, the first
/// named for when the answer was given ([`ANSWERED_WORDS`]) is kept, else the first whose
/// name says it is a date (`Review Date`, `提交时间`), before a column that merely reads as
/// dates.
fn keep_first_of_each(roles: &mut [Role], header: &[String]) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let dates = || (0..roles.len()).filter(|&i| matches!(roles[i], Role::Date { .. }));
    // When the answer was given: the date named for submitting or completing (Alchemer's
    // `Date Submitted` after its `Time Started`, Gorgias' `Scored datetime` after `Created
    // datetime`, 问卷网's 结束答题时间), else the first named for a date at all.
    let answered = dates().find(|&i| super::guess::named(&header[i], ANSWERED_WORDS));
    if let Some(named) =
        answered.or_else(|| dates().find(|&i| super::guess::named(&header[i], super::guess::DATE_WORDS)))
    {
        seen.insert("date", named);
    }
    for (i, r) in roles.iter_mut().enumerate() {
        let kind = match r {
            Role::Respondent => "respondent",
            Role::Date { .. } => "date",
            Role::Touchpoint(_) => "touchpoint",
            _ => continue,
        };
        if let Some(first) = seen.get(kind).filter(|first| **first != i) {
            *r = Role::Left(format!("another {kind} column; `{}` is used", c(header[*first].as_str())));
        } else {
            seen.insert(kind, i);
        }
    }
}

/// Whether the site should be in Chinese: a column is named in Chinese, or in some column
/// (comments, store names) at least 30% of the cells with words in them (of its first 500,
/// not-applicable words left aside) are Chinese. A few Chinese comments or names in an English company's export do not turn its
/// site, title and time zone Chinese.
fn written_in_chinese(header: &[String], columns: &[Vec<String>]) -> bool {
    // Japanese writes kana among its kanji, Korean hangul: their data is not Chinese (its
    // site is not made Chinese, nor its zone Shanghai's). A brand's `の` in a Chinese
    // comment is not enough: one in five of the CJK texts.
    let other = |s: &String| s.chars().any(|c| matches!(c, '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}'));
    let texts = header.iter().chain(columns.iter().flat_map(|col| col.iter().take(500)));
    let (cjk, kana) =
        texts.fold((0usize, 0usize), |(c, k), t| (c + usize::from(has_cjk(t) || other(t)), k + usize::from(other(t))));
    if kana > 0 && kana * 5 >= cjk {
        return false;
    }
    header.iter().any(|h| has_cjk(h))
        || columns.iter().any(|column| {
            let (mut chinese, mut words) = (0usize, 0usize);
            // `不适用` among the numbers of an English file's ratings says nothing of its language.
            for v in
                column.iter().take(500).filter(|v| v.chars().any(char::is_alphabetic) && !super::guess::is_na_word(v))
            {
                words += 1;
                chinese += usize::from(has_cjk(v));
            }
            chinese > 0 && chinese * 10 >= words * 3
        })
}

/// A cxsite project needs a score or a comment column; a file of comments alone makes a
/// comment-only dataset (forum posts, reviews). Without either, says how each column was read.
fn require_score_or_comment(display: &str, header: &[String], roles: &[Role]) -> Result<()> {
    if roles.iter().any(|r| matches!(r, Role::Score { .. } | Role::Comment)) {
        return Ok(());
    }
    let mut d = String::new();
    for (h, r) in header.iter().zip(roles) {
        let _ = write!(d, "\n  {:<24} {}", c(h), describe(r));
    }
    Err(Error::one(Diagnostic::file(
        display.to_string(),
        format!(
            "found no score column (0–10, 1–5, 1–7, 0/1, or labels such as 非常满意 or \"Very satisfied\"), nor a comment column (free text), and a cxsite project needs one of them (`scores:`, `columns.comment` in docs/config.md). The columns were read as:{d}"
        ),
    )))
}

/// Writes the project: `file` copied into `data/` and the guessed cxsite.yaml, whose path
/// is returned.
fn write_project(file: &Path, dir: &Path, name: &str, yaml: &str) -> Result<std::path::PathBuf> {
    let data = dir.join("data");
    fs::create_dir_all(&data).map_err(|e| Error::io("create directory", &data, e))?;
    fs::copy(file, data.join(name)).map_err(|e| Error::io("copy", file, e))?;
    let yaml_path = dir.join(crate::project::PROJECT_FILE);
    fs::write(&yaml_path, yaml).map_err(|e| Error::io("write", &yaml_path, e))?;
    Ok(yaml_path)
}

/// What the terminal says of the lines the guess left out (and the build will leave out too):
/// how many of each kind, with the first line, so that "read N rows" adds up with the file.
fn left_out_lines(totals: &[u64], repeated_headers: &[u64]) -> String {
    let mut out = String::new();
    for (lines, what) in [(totals, "totals or summary row"), (repeated_headers, "repeated header")] {
        if let Some(first) = lines.first() {
            let s = if lines.len() == 1 { "" } else { "s" };
            let _ = writeln!(
                out,
                "left out {} line{s} read as a {what} (line {first} first); the build leaves {} out too",
                lines.len(),
                if lines.len() == 1 { "it" } else { "them" }
            );
        }
    }
    out
}

/// The terminal's summary: rows read, each column's guessed role, then what needs a word of
/// its own: the columns left out as personal data, and a status column whose partial or
/// disqualified responses are read with the rest.
fn summary(rows: usize, name: &str, header: &[String], roles: &[Role]) -> String {
    let mut report = format!("read {rows} rows of {name}; the columns were guessed as:\n");
    for (h, r) in header.iter().zip(roles) {
        let _ = writeln!(report, "  {:<24} {}", c(h), describe(r));
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

fn describe(r: &Role) -> String {
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
