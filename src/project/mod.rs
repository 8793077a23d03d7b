//! `cxsite.yaml` → [`Project`]: typed, validated, with references resolved.
//! Knows nothing of CSV or HTML and reads no file in [`parse`]: paths are resolved and
//! checked, and column names matched, where the producer opens the files.

pub mod choices;
pub mod config;
mod datasets;
mod date_format;
mod escapes;
mod file_spec;
pub mod files;
mod load;
mod model;
mod names;
pub mod rule;
mod scores;
mod validate;

// The submodules read these through `use super::*`.
use chrono::NaiveDate;
use chrono_tz::Tz;

use crate::error::{hint, Diagnostic, Error, Result};
pub use datasets::WENJUANXING_NA;
pub use date_format::{date_pattern, names_day};
pub(crate) use load::read_yaml;
pub(crate) use load::{first_message_line, found_at, plain_expectation, MAX_BYTES as MAX_PROJECT_BYTES};
pub use load::{load, parse};
pub use model::*;
use names::metric_name_clash;
pub use names::{base_metric_names, DERIVED_METRIC_PREFIXES, DERIVED_METRIC_SUFFIXES, RESERVED_DIMENSIONS};
pub use rule::Rule;
pub use validate::{device_name_id, MAX_SCALE_END, MAX_SCALE_WIDTH, PRIVATE_MIN_N};

/// The name of the project file.
pub const PROJECT_FILE: &str = "cxsite.yaml";

#[cfg(test)]
mod tests;
