//! Scores and dates read from cells, against hand-worked days and values: one file per kind
//! of value, as the readers are split.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::*;
pub(super) use crate::project::{Period, Reading, ScoreDef, ScoreKind};

mod dates;
mod scores;
mod zones;

pub(super) fn read_date_plain(raw: &str, tz: Tz) -> Option<NaiveDate> {
    read_date(raw, tz, None, false)
}
