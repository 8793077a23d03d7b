//! The segments' harshness tables: a verdict per segment and score, and the segments left out
//! of a table with why.

use crate::render::routes;
use crate::render::views::*;
use crate::render::{clean_text, Ctx};

impl<'a> Ctx<'a> {
    /// A harshness in words: harsher when its interval lies wholly on the worse side of 0
    /// (below, or above where lower is better), more lenient on the other side.
    pub(super) fn harshness_verdict(&self, h: &crate::metrics::HarshnessRow) -> &'a str {
        let lower = self.project.scores.get(h.score_index).is_some_and(|s| s.lower_better);
        let (a, b) = (crate::project::favourable(lower, h.ci.low), crate::project::favourable(lower, h.ci.high));
        self.tr(if a.max(b) < 0.0 {
            "verdict_harsher"
        } else if a.min(b) > 0.0 {
            "verdict_more_lenient"
        } else {
            "verdict_no_different"
        })
    }

    /// The segments without a harshness on score `si`, in sentences by why (each naming at
    /// most [`LEFT_OUT_NAMED`] of them): a segment is never missing from a table unexplained.
    fn harshness_left_out(&self, si: usize) -> Vec<String> {
        use crate::metrics::LeftOut;
        let answers = self.counted("count_answers", self.project.min_n);
        let name =
            |id: &str| clean_text(self.metrics.segments.iter().find(|s| s.0 == id).map(|s| s.1.as_str()).unwrap_or(id));
        [
            (LeftOut::NoAnswers, "harshness_out_empty"),
            (LeftOut::FewAnswers, "harshness_out_small"),
            (LeftOut::Withheld, "harshness_out_withheld"),
            (LeftOut::NoTouchpoint, "harshness_out_no_touchpoint"),
            (LeftOut::FewCounted, "harshness_out_few_counted"),
        ]
        .into_iter()
        .filter_map(|(why, key)| {
            let names: Vec<String> = self
                .metrics
                .harshness_left_out
                .iter()
                .filter(|l| l.score_index == si && l.why == why)
                .map(|l| name(&l.segment))
                .collect();
            if names.is_empty() {
                return None;
            }
            let shown = names[..names.len().min(LEFT_OUT_NAMED)].join(self.tr("list_separator"));
            let rest = names.len().saturating_sub(LEFT_OUT_NAMED) as u64;
            let names =
                if rest > 0 { self.cat.plural("harshness_out_more", rest, &[("names", &shown)]) } else { shown };
            Some(self.msg(key, &[("names", &names), ("answers", &answers)]))
        })
        .collect()
    }

    /// Harshness of each segment on each score, as tables with their intervals, each noting
    /// the segments left out of it; and for a score no segment has one of, a sentence saying
    /// so and why (there is no table to note it under).
    pub(in crate::render) fn harshness_tables(&self) -> (Vec<Table>, Vec<String>) {
        let mut untabled = Vec::new();
        let tables = self
            .project
            .scores
            .iter()
            .enumerate()
            .filter(|(_, score)| score.choice.is_none())
            .filter_map(|(si, score)| {
                let left_out = self.harshness_left_out(si);
                let mut rows: Vec<&crate::metrics::HarshnessRow> =
                    self.metrics.harshness.iter().filter(|h| h.score == score.id).collect();
                if rows.is_empty() {
                    let metric = [("metric", self.metric(&score.id))];
                    let metric: Vec<(&str, &str)> = metric.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    // A score no segment's customers gave (one of another dataset): that, in one
                    // sentence, not every segment by name.
                    let answered = self
                        .metrics
                        .harshness_left_out
                        .iter()
                        .any(|l| l.score_index == si && l.why != crate::metrics::LeftOut::NoAnswers);
                    if !answered && !left_out.is_empty() {
                        untabled.push(self.msg("harshness_none_answered", &metric));
                    } else if !left_out.is_empty() {
                        let none = self.msg("harshness_none", &metric);
                        // Each sentence begins with the space (if any) its language puts before it.
                        untabled.push(std::iter::once(none).chain(left_out).collect());
                    }
                    return None;
                }
                // Harshest first: lowest, or highest where lower is better.
                rows.sort_by(|a, b| {
                    score
                        .favourable(a.value)
                        .total_cmp(&score.favourable(b.value))
                        .then_with(|| a.segment.cmp(&b.segment))
                });
                let label = self.metric(&score.id);
                let title = self.msg(
                    "harshness_title",
                    &[("metric", &label), ("min", &score.show(score.min)), ("max", &score.show(score.max))],
                );
                let body = rows
                    .iter()
                    .map(|h| {
                        let name =
                            self.metrics.segments.iter().find(|s| s.0 == h.segment).map(|s| s.1.as_str()).unwrap_or("");
                        let verdict = self.harshness_verdict(h);
                        vec![
                            Cell {
                                href: Some(routes::link(routes::SEGMENTS, &routes::segment(&h.segment))),
                                ..Cell::text(clean_text(name))
                            },
                            Cell::num(self.num().signed(h.value, 2), Some(h.value)),
                            Cell::num(self.num().verdict_interval(h.ci.low, h.ci.high, 2), None),
                            Cell::text(verdict),
                            Cell::num(h.naive_gap.map(|g| self.num().signed(g, 2)).unwrap_or_default(), h.naive_gap),
                            Cell::num(self.num().count(h.n), Some(h.n as f64)),
                        ]
                    })
                    .collect();
                let head = vec![
                    Head::sorted(self.tr("segment"), false),
                    // Harshest first (above): lowest, or highest where lower is better.
                    Head::sorted(self.tr("harshness"), true).in_order(if score.lower_better {
                        Order::Descending
                    } else {
                        Order::Ascending
                    }),
                    Head::plain(self.tr("interval_column"), true),
                    Head::plain(self.tr("verdict"), false),
                    Head::sorted(self.tr("naive_gap"), true),
                    Head::sorted(self.tr("n"), true),
                ];
                let note: String = std::iter::once(self.tr("harshness_note").to_string()).chain(left_out).collect();
                Some(Table {
                    id: format!("harshness-{}", score.id),
                    title,
                    note,
                    head,
                    rows: body,
                    sortable: true,
                    heading: true,
                    key: None,
                })
            })
            .collect();
        (tables, untabled)
    }
}

/// The most segments a sentence under a harshness table names for one reason; the others are
/// counted ("and 12 more").
const LEFT_OUT_NAMED: usize = 10;
