//! Reading one cell: scores on their scale (`score`), and dates in the project's time zone
//! (`date`).

mod date;
mod entities;
mod score;

pub use date::{read_date, read_date_from, written_offset};
pub(crate) use entities::decode_entities;
pub use score::{read_score, Cell};
pub(crate) use score::{star_score, trailing_score};

#[cfg(test)]
mod tests;
