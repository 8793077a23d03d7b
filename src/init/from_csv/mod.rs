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

use super::yaml::{c, write_yaml, YamlInput, TOOL_METADATA};
use crate::init::guess::{classify, has_cjk, Profile, Role, PERSONAL, STATUS};

mod open;
mod report;
mod roles;
mod sample;
mod shapes;

use open::{busiest_sheet, open_spec, sniff_encoding};
use report::{describe, summary, unknown_scales};
use roles::guess_roles;
use sample::{date_zone, left_out_lines, name_abbreviated_zones, sample_columns, Sample};
use shapes::{metric_types, nps_groups_alone, question_rows, test_respondents};
pub(in crate::init) use shapes::{MetricTypes, QuestionRows};

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
    let Sample { header, questions, declared_zones, open_ended, columns, rows, totals, repeated_headers, notes } =
        sample_columns(&spec)?;
    let mut roles = guess_roles(&header, &questions, &open_ended, &columns, layout.export, workbook);
    let long = question_rows(&roles, &header, &columns, workbook);
    match &long {
        // The question and answer columns of long data are no breakdowns: they split the
        // datasets.
        Some(l) => {
            for r in roles.iter_mut() {
                if matches!(r, Role::Left(why) if why.starts_with(crate::init::guess::QUESTION_ROWS)) {
                    *r = Role::Left("another column naming the question each row answers".into());
                }
            }
            roles[l.question] = Role::Left("which question the row answers: a dataset per question".into());
            roles[l.answer] = Role::Left("the answers, read per question".into());
        }
        None => require_score_or_comment(&spec.display, &header, &roles)?,
    }
    let chinese = written_in_chinese(&header, &columns);
    name_abbreviated_zones(&mut roles, &columns, chinese);
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
        long: long.as_ref(),
    });
    too_big(&spec.display, &yaml, &roles)?;
    let yaml_path = write_project(file, dir, &name, &yaml)?;
    let mut report = summary(rows, &name, &header, &roles);
    report.push_str(&unknown_scales(&header, &roles, &columns));
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
    if let Some(l) = &long {
        let _ = writeln!(
            report,
            "note: a row per answer, `{}` saying which question `{}` answers: one dataset per question, each reading its own rows (`keep_rows:`) — {} of {} questions read",
            c(&header[l.question]),
            c(&header[l.answer]),
            l.items.len(),
            l.items.len() + l.others.len()
        );
        for q in &l.others {
            let _ = writeln!(report, "  not read (neither a score nor free text): {}", c(q));
        }
    }
    report.push_str(&left_out_lines(&totals, &repeated_headers, &notes));
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

/// The file's name, as the copy in `data/` and the project's `file:` will spell it: without
/// invisible characters (a zero-width space pasted from a web page), which `path:` in
/// cxsite.yaml cannot hold, and without control characters (a line break in a name would
/// break the lines of cxsite.yaml and the terminal's messages).
fn file_name(file: &Path) -> Result<String> {
    let raw = file
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Error::Usage(format!("{}: not a file name", file.display())))?;
    let name: String = crate::aggregate::redact::strip_invisible(raw).chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    if name.is_empty() || name == "." || name == ".." {
        return Err(Error::Usage(format!("{}: not a file name", file.display())));
    }
    Ok(name.to_string())
}
/// Whether the site should be in Chinese: a column is named in Chinese, or in some column
/// (comments, store names) most of the cells with words in them (of its first 500,
/// not-applicable words left aside) are Chinese. A few Chinese comments or names in an
/// English company's export, or a third of them (a Singapore or Hong Kong brand's), do not
/// turn its site, title and time zone Chinese.
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
            for v in column
                .iter()
                .take(500)
                .filter(|v| v.chars().any(char::is_alphabetic) && !crate::init::guess::is_na_word(v))
            {
                words += 1;
                chinese += usize::from(has_cjk(v));
            }
            chinese * 2 > words
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
