//! Multi-select questions: the share choosing each option, with its interval, as a breakdown
//! per question (on the summary for all customers, and on touchpoint and segment pages).

use super::views::{Breakdown, ColourKey, KeyBand};
use super::Ctx;
use crate::metrics::choice_defs;

impl Ctx<'_> {
    /// One breakdown per multi-select question with answers in the group (`overall`/`all` for
    /// all customers): each option's share, neutral in colour (no option is better).
    pub(super) fn choice_breakdowns(&self, dimension: &str, group: &str) -> Vec<Breakdown> {
        let defs = choice_defs(&self.project.scores);
        let tag = self.project.locale.tag();
        self.project
            .multi_selects
            .iter()
            .enumerate()
            .filter_map(|(qi, q)| {
                let mine: Vec<_> =
                    defs.iter().filter(|d| self.project.scores[d.score].choice.is_some_and(|c| c.0 == qi)).collect();
                let first = mine.first()?;
                // Options of a question all count the same respondents: the first one's n.
                self.metrics.get(dimension, group, &first.name)?;
                let rows = mine
                    .iter()
                    .map(|d| {
                        let option = self.project.scores[d.score].name_in("").unwrap_or_default().to_string();
                        let metric = self.metrics.get(dimension, group, &d.name);
                        let mut row = self.bar_row(option, None, metric, d, false);
                        // Not the score scale (an option's share is neither good nor bad).
                        if let Some(v) = metric.and_then(|m| m.value) {
                            row.class = share_class(v).into();
                        }
                        row
                    })
                    .collect();
                let title = self.msg("choice_title", &[("question", &super::clean_text(q.name(tag)))]);
                let mut b = self.breakdown(&format!("choice-{qi}"), title, first, rows, false);
                // The options share their respondents, so when one is hidden all are, for the
                // same reason and count: said once rather than in a table of empty rows.
                b.hidden = super::widgets::all_hidden(&b.rows);
                b.reference = None;
                b.reference_label = String::new();
                b.key = self.share_key();
                Some(b)
            })
            .collect()
    }

    /// The key of [`share_class`]: what each shade of a share means.
    fn share_key(&self) -> ColourKey {
        let num = self.num();
        let pct = |v: f64| num.share(v);
        let bands = (0..SHARE_BANDS.len() + 1)
            .map(|k| {
                let text = match k {
                    0 => self.msg("key_below", &[("value", &pct(SHARE_BANDS[0]))]),
                    k if k == SHARE_BANDS.len() => self.msg("key_from", &[("value", &pct(SHARE_BANDS[k - 1]))]),
                    k => num.range(&pct(SHARE_BANDS[k - 1]), &pct(SHARE_BANDS[k])),
                };
                KeyBand { class: format!("q{}", k + 1), text }
            })
            .collect();
        ColourKey { label: self.tr("choice_colour_key").into(), bands }
    }
}

/// Where the shades of an option's share change, percent: `q1` below the first, `q5` from
/// the last up.
const SHARE_BANDS: [f64; 4] = [20.0, 40.0, 60.0, 80.0];

/// The shade of an option's share (percent): one hue, lighter to darker, `q1`…`q5` in steps
/// of [`SHARE_BANDS`]; a share on a bound takes the darker shade. The share as written (whole,
/// [`super::format::Numbers::share`]): two options shown as 20% share a shade, whether one is
/// 19.6% and the other 20.3%.
fn share_class(v: f64) -> &'static str {
    let shown = crate::metrics::written::as_written(v, crate::metrics::Measure::TopBox);
    match SHARE_BANDS.iter().filter(|b| shown >= **b).count() {
        0 => "q1",
        1 => "q2",
        2 => "q3",
        3 => "q4",
        _ => "q5",
    }
}

#[cfg(test)]
mod tests {
    use super::share_class;

    #[test]
    fn shares_shade_by_their_value_in_steps_of_twenty() {
        let got: Vec<&str> =
            [0.0, 14.0, 19.4, 19.6, 20.0, 20.3, 39.4, 39.9, 40.0, 59.0, 63.0, 80.0, 100.0].map(share_class).to_vec();
        // 19.6 and 39.9 are written 20% and 40%: the shade of what is shown.
        assert_eq!(got, ["q1", "q1", "q1", "q2", "q2", "q2", "q2", "q3", "q3", "q3", "q4", "q5", "q5"]);
    }
}
