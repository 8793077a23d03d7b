//! Pages of one group: stages, touchpoints, segments and configured dimensions, with their
//! distribution charts, sampled comments and the segments' harshness tables — each kind of
//! page, and each part they share, in a file of its own.

mod comments;
mod dimensions;
mod figures;
mod harshness;
mod segments;
mod stages;

use super::views::Breakdown;

/// A group page's breakdowns, each titled by a section heading (h2): before, the numbers under
/// the tiles sat under no heading, and a screen reader's list of headings skipped them.
fn headed(breakdowns: Vec<Breakdown>) -> Vec<Breakdown> {
    breakdowns.into_iter().map(|b| Breakdown { heading: true, ..b }).collect()
}
