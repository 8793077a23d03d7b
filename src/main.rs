//! `cxsite`: parses the command line, calls the library, maps errors to exit codes
//! (0 success, 1 invalid project or data, 2 usage).

mod cli;

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Parser;
use cxsite::aggregate::Quality;
use cxsite::diagnostics::{render, render_error, Severity, Style};
use cxsite::{progress, BuildOptions, CheckReport, Diagnostic};

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help / --version.
    let mut cli = cli::Cli::parse();
    if let Err(message) = resolve_project_folder(&mut cli.command) {
        let _ = writeln!(io::stderr(), "error: {message}");
        return ExitCode::from(2);
    }
    let style = match cli.format {
        cli::OutputFormat::Json => Style::Json,
        cli::OutputFormat::Text => Style::for_stderr(),
    };
    // Errors name files relative to the project; their snippets are read from there.
    let root = match &cli.command {
        cli::Command::Build { project, .. }
        | cli::Command::Check { project, .. }
        | cli::Command::Serve { project, .. } => Some(project.clone()),
        _ => None,
    };
    // Everything for stdout is written through `out`: a write error ends the command with a
    // message instead of a panic, and a closed pipe (`cxsite check | head -1`) ends it quietly.
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (result, printed) = run(cli.command, cli.quiet, style, &mut out);
    let printed = printed.and_then(|_| out.flush());
    exit_code(result, printed, root.as_deref(), style)
}

/// `cxsite build proj/cxsite.yaml` means the project folder that holds it: the command's
/// project made that folder, or an error (a usage error) for another file.
fn resolve_project_folder(command: &mut cli::Command) -> Result<(), String> {
    if let cli::Command::Build { project, .. }
    | cli::Command::Check { project, .. }
    | cli::Command::Serve { project, .. } = command
    {
        if let Some(folder) = project_folder(project)? {
            *project = folder;
        }
    }
    Ok(())
}

/// Runs one command: what the library returned, and whether what it printed on stdout was
/// written.
fn run(command: cli::Command, quiet: bool, style: Style, out: &mut impl Write) -> (cxsite::Result<()>, io::Result<()>) {
    let mut printed: io::Result<()> = Ok(());
    let result = match command {
        cli::Command::Build { project, output, strict, force } => {
            cxsite::output::interrupt::install();
            let options = BuildOptions { root: project, output, strict, force, quiet };
            run_build(&options, style, out, &mut printed)
        }
        cli::Command::Check { project, strict } => cxsite::check(&project, strict).map(|r| {
            let warnings = if quiet { 0 } else { warn(&r.warnings, &[], Some(&project), style) };
            if !quiet {
                printed = print_check(out, &r).and_then(|_| {
                    if warnings > 0 {
                        writeln!(out, "{}", warning_count(warnings).trim_start_matches(", "))
                    } else {
                        Ok(())
                    }
                });
            }
        }),
        cli::Command::Init { dir, from_csv: None } => cxsite::init::init(&dir).map(|_| {
            if !quiet {
                printed = writeln!(out, "created a project in {0}; build it with: cxsite build {0}", dir.display());
            }
        }),
        cli::Command::Init { dir, from_csv: Some(file) } => cxsite::init::from_csv(&file, &dir).map(|report| {
            if !quiet {
                printed = write!(out, "{report}").and_then(|_| {
                    writeln!(
                        out,
                        "review the `# guessed:` lines of {}, then: cxsite serve {}",
                        dir.join("cxsite.yaml").display(),
                        dir.display()
                    )
                });
            }
        }),
        cli::Command::Serve { project, port, bind } => {
            cxsite::serve::serve(&cxsite::serve::ServeOptions { root: project, bind, port, quiet })
        }
        cli::Command::Explain { metric, locale } => {
            let cwd = std::path::Path::new(".");
            cxsite::explain::resolve_locale(locale.as_deref(), cwd)
                .and_then(|l| cxsite::explain::explain(&metric, l, cwd))
                .map(|text| printed = write!(out, "{text}"))
        }
    };
    (result, printed)
}

/// `cxsite build`: builds with a progress bar on a terminal, then prints the warnings and the
/// summary line (rows read, rejected, left out as asked, values skipped, time).
fn run_build(
    options: &BuildOptions,
    style: Style,
    out: &mut impl Write,
    printed: &mut io::Result<()>,
) -> cxsite::Result<()> {
    let started = Instant::now();
    let bar = (!options.quiet && style != Style::Json).then(ProgressBar::start);
    let built = cxsite::build_then_exit(options);
    drop(bar);
    built.map(|s| {
        // `-q`: only errors.
        if options.quiet {
            return;
        }
        let warnings = warn(&s.warnings, &s.quality.warnings, Some(&options.root), style);
        if !s.kept.is_empty() {
            let shown: Vec<&str> = s.kept.iter().take(5).map(String::as_str).collect();
            let more = if s.kept.len() > 5 { format!(" and {} more", s.kept.len() - 5) } else { String::new() };
            let _ = writeln!(
                io::stderr(),
                "kept what you added to the previous site, which cxsite did not write: {}{more}",
                shown.join(", ")
            );
        }
        // Rows the project's own `keep_rows:` / `drop_rows:` leave out are said apart: a
        // dataset per question of a long file leaves out most rows.
        let asked = s.quality.rows_left_out_as_asked();
        let asked_text = if asked > 0 { format!(", {asked} left out as cxsite.yaml asks or holding no response") } else { String::new() };
        *printed = writeln!(
            out,
            "built {} ({} files, {} metric rows) from {} rows ({} rejected{asked_text}, {} values skipped) in {:.1} s{}",
            s.output.display(),
            s.files,
            s.metric_rows,
            s.quality.rows_read(),
            s.quality.rows_failed(),
            s.quality.values_skipped(),
            started.elapsed().as_secs_f64(),
            warning_count(warnings)
        );
    })
}

/// The exit code: the error's (1 invalid project or data, 2 usage) after printing it; 1 when
/// stdout could not be written, but success when its reader went away.
fn exit_code(result: cxsite::Result<()>, printed: io::Result<()>, root: Option<&Path>, style: Style) -> ExitCode {
    match (result, printed) {
        (Err(e), _) => {
            let _ = writeln!(io::stderr(), "{}", render_error(&e, root, style));
            ExitCode::from(e.exit_code() as u8)
        }
        // The reader went away (`| head`): what it wanted it has; like ripgrep, not an error.
        (Ok(()), Err(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        (Ok(()), Err(e)) => {
            let _ = writeln!(io::stderr(), "error: cannot write to standard output: {e}");
            ExitCode::from(1)
        }
        (Ok(()), Ok(())) => ExitCode::SUCCESS,
    }
}

/// The project folder when `given` is a file: its folder when it is a cxsite.yaml, an error
/// saying to give the folder otherwise; `None` when `given` is not a file.
fn project_folder(given: &Path) -> Result<Option<std::path::PathBuf>, String> {
    if !given.is_file() {
        return Ok(None);
    }
    if given.file_name().is_some_and(|n| n == cxsite::project::PROJECT_FILE) {
        let folder = given.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        return Ok(Some(folder.to_path_buf()));
    }
    Err(format!(
        "{} is a file; give the project folder, the one that holds cxsite.yaml",
        cxsite::output::shown_path(given)
    ))
}

/// The most warnings of one file printed as text.
const SHOWN_PER_FILE: usize = 50;

/// Prints warnings on stderr (located ones with their snippet); returns how many. A closed
/// stderr is not worth a panic.
fn warn(located: &[Diagnostic], plain: &[String], root: Option<&Path>, style: Style) -> usize {
    let mut err = io::stderr().lock();
    // Past the first few of one file, a person learns nothing more from each (a page of
    // 50,000 broken links printed 13 MB); JSON output, for tools, lists every one.
    let mut per_file: std::collections::BTreeMap<&str, usize> = std::collections::BTreeMap::new();
    for d in located {
        let n = per_file.entry(d.file.as_str()).or_default();
        *n += 1;
        if style == Style::Json || *n <= SHOWN_PER_FILE {
            let _ = writeln!(err, "{}", render(d, Severity::Warning, root, style));
        }
    }
    for (file, n) in per_file.iter().filter(|(_, n)| style != Style::Json && **n > SHOWN_PER_FILE) {
        let more = n - SHOWN_PER_FILE;
        let _ =
            writeln!(err, "warning: {}: {more} more warnings not shown (`--format json` lists every one)", shown(file));
    }
    for w in plain {
        let line = match style {
            Style::Json => render(&Diagnostic::file("", shown(w)), Severity::Warning, None, style),
            _ => format!("warning: {}", shown(w)),
        };
        let _ = writeln!(err, "{line}");
    }
    located.len() + plain.len()
}

/// ", 2 warnings" for the closing line; nothing when there are none.
fn warning_count(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => ", 1 warning".into(),
        n => format!(", {n} warnings"),
    }
}

/// The progress bar of a build, drawn on stderr only when it is a terminal and only for a
/// build that lasts (a quick build shows nothing).
struct ProgressBar {
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl ProgressBar {
    fn start() -> ProgressBar {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let thread = io::stderr().is_terminal().then(|| {
            std::thread::spawn(move || {
                let bar = indicatif::ProgressBar::hidden();
                let started = Instant::now();
                while !flag.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(100));
                    if started.elapsed() < Duration::from_millis(500) {
                        continue;
                    }
                    if bar.is_hidden() {
                        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
                    }
                    draw(&bar, progress::snapshot());
                }
                bar.finish_and_clear();
            })
        });
        ProgressBar { stop, thread }
    }
}

/// One frame: bytes of data read while reading, then files written.
fn draw(bar: &indicatif::ProgressBar, s: progress::Snapshot) {
    use progress::Stage;
    match s.stage {
        Stage::Reading if s.bytes_total > 0 => {
            bar.set_style(
                indicatif::ProgressStyle::with_template("reading data {bar:30} {bytes}/{total_bytes} ({eta})")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
            );
            bar.set_length(s.bytes_total);
            bar.set_position(s.bytes_read.min(s.bytes_total));
        }
        Stage::Writing => {
            bar.set_style(
                indicatif::ProgressStyle::with_template("writing the site {spinner} {pos} files")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.set_position(s.files_written);
        }
        _ => {
            bar.set_style(
                indicatif::ProgressStyle::with_template("computing {spinner}")
                    .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
            );
            bar.tick();
        }
    }
}

impl Drop for ProgressBar {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// Text from the data as the terminal should see it: control characters (escape sequences
/// in a hostile file) are replaced, never sent.
fn shown(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

fn print_quality(out: &mut impl Write, q: &Quality) -> io::Result<()> {
    for d in &q.datasets {
        writeln!(
            out,
            "{} ({}, {}): {} rows read, {} used, {} rejected{}, {} values skipped",
            d.id,
            d.path,
            d.role,
            d.rows_read,
            d.rows_used,
            d.rows_failed(),
            match d.rows_left_out_as_asked() {
                0 => String::new(),
                asked => format!(", {asked} left out as cxsite.yaml asks or holding no response"),
            },
            d.problem_count()
        )?;
        // Every read column's cells, as the data-quality page counts them: blanks and
        // not-applicable values are no answers, and are counted here too.
        if !d.columns.is_empty() {
            let width = d.columns.keys().map(|c| shown(c).chars().count()).max().unwrap_or(0).max(6);
            writeln!(out, "  {:<width$} {:>9} {:>9} {:>9} {:>9}", "column", "valid", "blank", "n/a", "invalid")?;
            for (c, q) in &d.columns {
                let name = shown(c);
                let pad = width.saturating_sub(name.chars().count());
                writeln!(
                    out,
                    "  {name}{:pad$} {:>9} {:>9} {:>9} {:>9}",
                    "", q.valid, q.blank, q.not_applicable, q.invalid
                )?;
            }
        }
        for (reason, t) in d.rejected_rows.iter().chain(&d.problems) {
            writeln!(out, "  {} × {}", t.count, shown(reason))?;
            for e in &t.examples {
                writeln!(out, "      {}", shown(e))?;
            }
            if let Some(h) = &t.hint {
                writeln!(out, "      hint: {}", h.text())?;
            }
        }
        if let Some(dup) = &d.duplicate_ids {
            let key = if dup.per_touchpoint { "respondent id and touchpoint" } else { "respondent id" };
            match dup.count {
                0 => writeln!(out, "  no row repeats a {key} (column {})", shown(&dup.column))?,
                n => {
                    let rows = if n == 1 { "row repeats" } else { "rows repeat" };
                    writeln!(
                        out,
                        "  {n} {rows} the {key} of an earlier row (column {}); counted, not dropped",
                        shown(&dup.column)
                    )?;
                    for e in &dup.examples {
                        writeln!(out, "      {}", shown(e))?;
                    }
                }
            }
        }
    }
    for w in &q.warnings {
        writeln!(out, "warning: {}", shown(w))?;
    }
    if let (Some(a), Some(b)) = (&q.first_date, &q.last_date) {
        writeln!(out, "responses dated {a} to {b}")?;
    }
    Ok(())
}

fn print_check(out: &mut impl Write, r: &CheckReport) -> io::Result<()> {
    print_quality(out, &r.quality)?;
    let p = &r.project;
    let metric = p.loyalty.map(|i| p.scores[i].id.clone()).or_else(|| r.metrics.defs.first().map(|d| d.name.clone()));
    let Some(metric) = metric else { return Ok(()) };
    // A wide survey's outcome has no answers per touchpoint: count the touchpoints' own ratings.
    let tp_metric = cxsite::insights::touchpoint_metric(p, &r.metrics).unwrap_or_else(|| metric.clone());
    let n_of = |id: &str, metric: &str| r.metrics.get("touchpoint", id, metric).map(|m| m.n).unwrap_or(0);
    // A touchpoint rated on another score only (`ease` where the others have `csat`) is
    // counted on that one, named, rather than listed as 0.
    let line = |id: &str| {
        let n = n_of(id, &tp_metric);
        let other = (n == 0)
            .then(|| r.metrics.defs.iter().map(|d| (n_of(id, &d.name), &d.name)).find(|(n, _)| *n > 0))
            .flatten();
        let (n, named) = other.map_or((n, String::new()), |(n, name)| (n, format!(" ({})", shown(name))));
        let flag = if n < p.min_n { "  (below min_n)" } else { "" };
        format!("    {:<28} {n:>7}{named}{flag}", shown(id))
    };
    // Data that knows only stages: each stage is counted as itself, once.
    if p.touchpoints.iter().all(|t| t.implicit) {
        writeln!(out, "\nanswers per stage ({tp_metric}; min_n = {}):", p.min_n)?;
        for tp in &p.touchpoints {
            writeln!(out, "{}", line(&tp.id))?;
        }
    } else {
        writeln!(out, "\nanswers per touchpoint ({tp_metric}; min_n = {}):", p.min_n)?;
        for s in &p.stages {
            writeln!(out, "  {}", s.name)?;
            for t in &s.touchpoints {
                writeln!(out, "{}", line(&p.touchpoints[*t].id))?;
            }
        }
    }
    if !r.metrics.segments.is_empty() {
        writeln!(out, "\nanswers per segment ({metric}):")?;
        for (id, _) in &r.metrics.segments {
            let n = r.metrics.get("segment", id, &metric).map(|m| m.n).unwrap_or(0);
            let flag = if n < p.min_n { "  (below min_n)" } else { "" };
            writeln!(out, "    {:<28} {n:>7}{flag}", shown(id))?;
        }
    }
    Ok(())
}
