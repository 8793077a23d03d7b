//! A 0–10 recommendation whose two ends an export writes as their anchor labels.

use super::Labels;
use crate::init::guess::profile::{is_na_word, Profile};

/// The end labels of a 0–10 likelihood-to-recommend question, as a choice-text export writes
/// the two anchored answers in place of their numbers.
const NPS_ANCHORS: &[(&str, i64)] = &[
    ("not at all likely", 0),
    ("not likely at all", 0),
    ("extremely unlikely", 0),
    ("extremely likely", 10),
    ("完全不可能", 0),
    ("非常不可能", 0),
    ("不可能", 0),
    ("极不可能", 0),
    ("极有可能", 10),
    ("非常可能", 10),
    ("极可能", 10),
    ("非常有可能", 10),
    ("一定会", 10),
];

/// A 0–10 question whose two ends are written as their anchor labels and the answers between
/// as numbers (`Not at all likely`, `1` … `9`, `Extremely likely`): the labels with 0 and 10.
/// `None` unless every text value is such a label (or not applicable) and every number is on 0–10.
pub(in crate::init::guess) fn nps_anchor_labels(p: &Profile) -> Option<Labels> {
    if p.int_count == 0 || p.ints.keys().any(|k| !(0..=10).contains(k)) {
        return None;
    }
    let mut used = Vec::new();
    for v in p.other.keys() {
        let low = v.trim().to_lowercase();
        if is_na_word(&low) {
            continue;
        }
        used.push((v.trim().to_string(), NPS_ANCHORS.iter().find(|(l, _)| *l == low)?.1));
    }
    (!used.is_empty()).then(|| {
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        used
    })
}
