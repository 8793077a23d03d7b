//! Reading one cell: scores on their scale (`score`), and dates in the project's time zone
//! (`date`).

mod date;
mod entities;
mod score;

pub use date::{
    ambiguous_abbreviation, ambiguous_zone_note, java_date, month_only, quarter_only, read_date, read_date_from,
    written_offset, year_first, zone_refusal,
};
pub(crate) use entities::decode_entities;
pub(crate) use score::{
    number_and_label, points_unit, star_score, trailing_score, unit_word, OUT_OF_WORDS, TIME_UNITS,
};
pub use score::{read_score, Cell};

#[cfg(test)]
mod tests;
