//! `cxsite::produce::csv::value::read_score` and `read_date` (and `Period::key` of every date read):
//! a cell is a value on the scale, blank, not applicable or invalid — never a panic, and
//! never a value off the scale.
//! The input is `cell \0 date_format`; the first byte picks the scale, zone and period.
#![no_main]

use cxsite::produce::csv::value::{read_date, read_score, Cell};
use cxsite::project::{Period, Reading, ScoreDef, ScoreKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else { return };
    let text = String::from_utf8_lossy(rest);
    let (cell, format) = match text.split_once('\0') {
        Some((c, f)) => (c, Some(f)),
        None => (&*text, None),
    };
    let defs = [
        ScoreDef { id: "nps".into(), kind: ScoreKind::Nps, min: 0, max: 10, top_box: 9 },
        ScoreDef { id: "csat".into(), kind: ScoreKind::Rating, min: 1, max: 5, top_box: 4 },
        ScoreDef { id: "ces".into(), kind: ScoreKind::Mean, min: -3, max: 3, top_box: 2 },
    ];
    let def = &defs[usize::from(selector) % defs.len()];
    let reading = Reading {
        na: vec!["n/a".into(), "不适用".into(), "0".into()],
        labels: vec![("非常满意".into(), 5), ("very satisfied".into(), 5), ("10 - extremely likely".into(), 10)],
    };
    if let Cell::Value(v) = read_score(cell, &reading, def) {
        assert!(v >= def.min && v <= def.max, "{cell:?} read as {v}, off the scale {}–{}", def.min, def.max);
    }
    let zones =
        [chrono_tz::UTC, chrono_tz::Asia::Shanghai, chrono_tz::America::New_York, chrono_tz::Pacific::Kiritimati];
    let tz = zones[usize::from(selector >> 2) % zones.len()];
    let workbook = selector & 0x40 != 0;
    let format = if selector & 0x80 != 0 { format } else { None };
    if let Some(d) = read_date(cell, tz, format, workbook) {
        for p in [Period::Month, Period::Quarter, Period::Week] {
            let _ = p.key(d);
        }
    }
});
