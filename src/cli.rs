//! The command line. The `///` comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Turn customer-feedback data into a static CX-metrics website.
#[derive(Debug, Parser)]
#[command(name = "cxsite", version, about, long_about = None)]
pub struct Cli {
    /// Print only errors.
    #[arg(short, long, global = true)]
    pub quiet: bool,
    #[command(subcommand)]
    pub command: Command,
}

/// What to do.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compute the metrics and write the site.
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
    Check {
        /// The project directory (holding cxsite.yaml).
        #[arg(default_value = ".")]
        project: PathBuf,
        /// Fail when any row or value of the data had to be skipped.
        #[arg(long)]
        strict: bool,
    },
    /// Create a small commented project that builds at once.
    Init {
        /// The directory to create (must be empty or missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}
