//! Producers: where rows become partial aggregates. Each returns a
//! [`Contribution`] of the base grouping sets; the
//! [`crate::aggregate`] stage merges and rolls them up. Today the CSV / XLSX fold;
//! a SQL engine computing the same partials next to the data plugs in beside it.

pub mod csv;

use crate::aggregate::Contribution;
use crate::error::Result;
use crate::project::Project;

/// A source of partial aggregates for a project.
pub trait Producer {
    /// Reads what this producer is responsible for and returns its contribution: partials
    /// of the base grouping sets, comment samples, data quality and the date range.
    fn produce(&self, project: &Project) -> Result<Contribution>;
}
