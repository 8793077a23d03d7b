//! `cxsite`: parses the command line, calls the library, maps errors to exit codes
//! (0 success, 1 invalid project or data, 2 usage).

mod cli;

use std::process::ExitCode;

use clap::Parser;
use cxsite::aggregate::Quality;
use cxsite::{BuildOptions, CheckReport};

fn main() -> ExitCode {
    // clap exits with 2 on usage errors and 0 for --help / --version.
    let cli = cli::Cli::parse();
    let result = match cli.command {
        cli::Command::Build { project, output, strict, force } => {
            cxsite::build(&BuildOptions { root: project, output, strict, force }).map(|s| {
                for w in &s.quality.warnings {
                    eprintln!("warning: {}", shown(w));
                }
                if !cli.quiet {
                    println!(
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
            if !cli.quiet {
                print_check(&r);
            }
        }),
        cli::Command::Init { dir, from_csv: None } => cxsite::init::init(&dir).map(|_| {
            if !cli.quiet {
                println!("created a project in {0}; build it with: cxsite build {0}", dir.display());
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
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Text from the data as the terminal should see it: control characters (escape sequences
/// in a hostile file) are replaced, never sent.
fn shown(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '\u{FFFD}' } else { c }).collect()
}

fn print_quality(q: &Quality) {
    for d in &q.datasets {
        println!(
            "{} ({}, {}): {} rows read, {} used, {} rejected, {} values skipped",
            d.id,
            d.path,
            d.role,
            d.rows_read,
            d.rows_used,
            d.rows_rejected,
            d.problem_count()
        );
        for (reason, t) in d.rejected_rows.iter().chain(&d.problems) {
            println!("  {} × {}", t.count, shown(reason));
            for e in &t.examples {
                println!("      {}", shown(e));
            }
        }
    }
    for w in &q.warnings {
        println!("warning: {}", shown(w));
    }
    if let (Some(a), Some(b)) = (&q.first_date, &q.last_date) {
        println!("responses dated {a} to {b}");
    }
}

fn print_check(r: &CheckReport) {
    print_quality(&r.quality);
    let p = &r.project;
    let metric = p.loyalty.map(|i| p.scores[i].id.clone()).or_else(|| r.metrics.defs.first().map(|d| d.name.clone()));
    let Some(metric) = metric else { return };
    println!("\nanswers per touchpoint ({metric}; min_n = {}):", p.min_n);
    for s in &p.stages {
        println!("  {}", s.name);
        for t in &s.touchpoints {
            let tp = &p.touchpoints[*t];
            let n = r.metrics.get("touchpoint", &tp.id, &metric).map(|m| m.n).unwrap_or(0);
            let flag = if n < p.min_n { "  (below min_n)" } else { "" };
            println!("    {:<28} {n:>7}{flag}", tp.id);
        }
    }
    if !r.metrics.segments.is_empty() {
        println!("\nanswers per segment ({metric}):");
        for (id, _) in &r.metrics.segments {
            let n = r.metrics.get("segment", id, &metric).map(|m| m.n).unwrap_or(0);
            let flag = if n < p.min_n { "  (below min_n)" } else { "" };
            println!("    {:<28} {n:>7}{flag}", shown(id));
        }
    }
}
