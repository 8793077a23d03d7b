//! `cxsite`: parses the command line, calls the library, maps errors to exit codes
//! (0 success, 1 invalid project or data, 2 usage).

mod cli;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use cxsite::aggregate::Quality;
use cxsite::{BuildOptions, CheckReport};

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help / --version.
    let cli = cli::Cli::parse();
    // Everything for stdout is written through `out`: a write error ends the command with a
    // message instead of a panic, and a closed pipe (`cxsite check | head -1`) ends it quietly.
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut printed: io::Result<()> = Ok(());
    let result = match cli.command {
        cli::Command::Build { project, output, strict, force } => {
            cxsite::build(&BuildOptions { root: project, output, strict, force }).map(|s| {
                warn(s.warnings.iter().map(ToString::to_string).chain(s.quality.warnings.iter().map(|w| shown(w))));
                if !cli.quiet {
                    printed = writeln!(
                        out,
                        "built {} ({} files, {} metric rows) from {} rows ({} rejected, {} values skipped)",
                        s.output.display(),
                        s.files,
                        s.metric_rows,
                        s.quality.rows_read(),
                        s.quality.rows_rejected(),
                        s.quality.values_skipped()
                    );
                }
            })
        }
        cli::Command::Check { project, strict } => cxsite::check(&project, strict).map(|r| {
            warn(r.warnings.iter().map(ToString::to_string));
            if !cli.quiet {
                printed = print_check(&mut out, &r);
            }
        }),
        cli::Command::Init { dir, from_csv: None } => cxsite::init::init(&dir).map(|_| {
            if !cli.quiet {
                printed = writeln!(out, "created a project in {0}; build it with: cxsite build {0}", dir.display());
            }
        }),
        cli::Command::Init { dir, from_csv: Some(file) } => cxsite::init::from_csv(&file, &dir).map(|report| {
            if !cli.quiet {
                print!("{report}");
                println!(
                    "review the `# guessed:` lines of {}, then: cxsite serve {}",
                    dir.join("cxsite.yaml").display(),
                    dir.display()
                );
            }
        }),
        cli::Command::Serve { project, port, bind } => {
            cxsite::serve::serve(&cxsite::serve::ServeOptions { root: project, bind, port, quiet: cli.quiet })
        }
        cli::Command::Explain { metric, locale } => {
            let cwd = std::path::Path::new(".");
            cxsite::explain::resolve_locale(locale.as_deref(), cwd)
                .and_then(|l| cxsite::explain::explain(&metric, l, cwd))
                .map(|text| print!("{text}"))
        }
    };
    let printed = printed.and_then(|_| out.flush());
    match (result, printed) {
        (Err(e), _) => {
            let _ = writeln!(io::stderr(), "{e}");
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

/// Prints warnings on stderr, each on its own line; a closed stderr is not worth a panic.
fn warn(warnings: impl Iterator<Item = String>) {
    let mut err = io::stderr().lock();
    for w in warnings {
        let _ = writeln!(err, "warning: {w}");
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
            "{} ({}, {}): {} rows read, {} used, {} rejected, {} values skipped",
            d.id,
            d.path,
            d.role,
            d.rows_read,
            d.rows_used,
            d.rows_rejected,
            d.problem_count()
        )?;
        for (reason, t) in d.rejected_rows.iter().chain(&d.problems) {
            writeln!(out, "  {} × {}", t.count, shown(reason))?;
            for e in &t.examples {
                writeln!(out, "      {}", shown(e))?;
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
    writeln!(out, "\nanswers per touchpoint ({tp_metric}; min_n = {}):", p.min_n)?;
    for s in &p.stages {
        writeln!(out, "  {}", s.name)?;
        for t in &s.touchpoints {
            let tp = &p.touchpoints[*t];
            let n = r.metrics.get("touchpoint", &tp.id, &tp_metric).map(|m| m.n).unwrap_or(0);
            let flag = if n < p.min_n { "  (below min_n)" } else { "" };
            writeln!(out, "    {:<28} {n:>7}{flag}", tp.id)?;
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
