//! The command line. The `///` comments are the `--help` text.

use std::net::IpAddr;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Turn customer-feedback data into a static CX-metrics website.
#[derive(Debug, Parser)]
#[command(name = "cxsite", version, about, long_about = None, after_help = MAIN_EXAMPLES)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// How errors and warnings are written on stderr: `text` (with the source line and a
    /// caret; colour on a terminal unless NO_COLOR is set) or `json` (one object per line, for CI).
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, global = true)]
    pub format: OutputFormat,
    #[command(subcommand)]
    pub command: Command,
}

/// How diagnostics are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    Text,
    Json,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute the metrics and write the site.
    #[command(after_help = BUILD_EXAMPLES)]
    Build {
        /// The project directory (holding cxsite.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Where to write the site [default: PROJECT/public].
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// Fail when any row or value of the data had to be skipped.
        #[arg(long)]
        strict: bool,
        /// Replace the output directory even if it is not empty and was not written by cxsite.
        #[arg(long)]
        force: bool,
    },
    /// Validate the project and its data, and print a data summary; writes nothing.
    #[command(after_help = CHECK_EXAMPLES)]
    Check {
        /// The project directory (holding cxsite.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail when any row or value of the data had to be skipped.
        #[arg(long)]
        strict: bool,
    },
    /// Create a small commented project that builds at once, from a sample or from your own file.
    #[command(after_help = INIT_EXAMPLES)]
    Init {
        /// The directory to create (must be empty or missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Guess the project from this export (CSV in UTF-8, GBK or UTF-16, or XLSX): its
        /// columns' roles, scales and date format are guessed and marked for review in
        /// cxsite.yaml, and the file is copied into DIR/data/.
        #[arg(long, value_name = "FILE")]
        from_csv: Option<PathBuf>,
    },
    /// Preview the site in a browser: build, serve on this machine, rebuild on every change.
    #[command(after_help = SERVE_EXAMPLES)]
    Serve {
        /// The project directory (holding cxsite.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// The port to listen on; the next free one is used when it is taken (0: any free port).
        #[arg(short, long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on. Anything but 127.0.0.1 / ::1 makes the site (and its
        /// data) visible to other machines on the network.
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        bind: IpAddr,
    },
    /// Explain a metric: its definition, formula and source, as the methodology page gives them.
    #[command(after_help = EXPLAIN_EXAMPLES)]
    Explain {
        /// The metric or concept (nps, csat, mean, ces, change, multiple, mix, drivers,
        /// harshness, stars, pain, min_n, na, privacy); `list` shows them all.
        #[arg(default_value = "list")]
        metric: String,
        /// The language: en or zh-CN [default: the locale of ./cxsite.yaml, else en].
        #[arg(long)]
        locale: Option<String>,
    },
}

const MAIN_EXAMPLES: &str = "\
Examples:
  cxsite init --from-csv survey.csv my-report   start a project from your own export
  cxsite serve my-report                        preview at http://127.0.0.1:1111/ while you edit
  cxsite build my-report                        write the site to my-report/public
  cxsite explain nps                            how NPS and its interval are computed

Reference: docs/config.md (cxsite.yaml), docs/publishing.md (putting the site online).";

const BUILD_EXAMPLES: &str = "\
Examples:
  cxsite build                        build the project in this folder into ./public
  cxsite build my-report -o /srv/cx   write the site somewhere else
  cxsite build --strict               fail if any row or value had to be skipped (for CI)

Exit codes: 0 built, 1 invalid project or data (the message names file, line and column),
2 usage error. Building twice gives byte-identical files.";

const CHECK_EXAMPLES: &str = "\
Examples:
  cxsite check                 validate ./cxsite.yaml and the data, print rows read and rejected
  cxsite check my-report -q    only errors, e.g. in a pre-commit hook";

const INIT_EXAMPLES: &str = "\
Examples:
  cxsite init my-report                          a sample project with made-up data
  cxsite init --from-csv export.csv my-report    guess a project from your own export
  cxsite init --from-csv 问卷.xlsx report          XLSX, GBK and UTF-16 CSV work too

Every guess in the generated cxsite.yaml is marked `# guessed: … — review`; see docs/config.md.";

const SERVE_EXAMPLES: &str = "\
Examples:
  cxsite serve                       preview ./ at http://127.0.0.1:1111/
  cxsite serve my-report -p 8080     another port
  cxsite serve --bind 0.0.0.0        let colleagues on the network look (the data too!)

The site is built into a temporary folder (removed on Ctrl-C) and rebuilt when a file of the
project changes (any folder but public/; hidden files and editors' backups are ignored); open
pages reload. A failed rebuild shows its error on the page and in the terminal and keeps the
last good site. On 127.0.0.1 only requests for localhost, 127.0.0.1 or [::1] are answered, so
another web site cannot read the preview through a name of its own.";

const EXPLAIN_EXAMPLES: &str = "\
Examples:
  cxsite explain nps                 NPS and its adjusted-Wald interval
  cxsite explain harshness --locale zh-CN
  cxsite explain list                every metric that can be explained";
