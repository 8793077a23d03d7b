//! Building blocks shared by page families: KPI tiles, breakdown rows, touchpoint rows.

use super::format::{self, position, score_class};
use super::routes;
use super::views::*;
use super::{clean_text, Ctx, Job};
use crate::metrics::{Measure, MetricDef, MetricRow};

impl<'a> Ctx<'a> {
    /// Why a figure is not shown: too few answers, or (with enough answers) withheld so that
    /// a smaller group's figure cannot be worked out by subtraction.
    pub(super) fn suppressed_text(&self, n: u64) -> String {
        let key = if n == 0 {
            "no_answers_n"
        } else if n < self.project.min_n {
            "suppressed"
        } else {
            "withheld"
        };
        self.msg(key, &[("n", &self.num().count(n))])
    }

    /// The word a table cell shows for a figure it does not give: "no answers", "not enough
    /// answers", or "withheld" (enough answers, hidden so that a smaller group's figure cannot
    /// be worked out by subtraction). The cell's n says how many; `suppressed_text` why.
    pub(super) fn hidden_word(&self, n: u64) -> &'a str {
        self.tr(hidden_key(n, self.project.min_n))
    }

    /// Whether a figure with `n` answers and no value was withheld rather than too small.
    pub(super) fn is_withheld(&self, n: u64) -> bool {
        n >= self.project.min_n && n > 0
    }

    /// A tile for one metric row.
    pub(super) fn tile(
        &self,
        def: &MetricDef,
        row: Option<&MetricRow>,
        scope: String,
        change: Option<&crate::metrics::ChangeRow>,
    ) -> Tile {
        let score = &self.project.scores[def.score];
        let n = row.map(|r| r.n).unwrap_or(0);
        let value = row.and_then(|r| r.value);
        let interval = match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
            (Some(a), Some(b)) => self.num().interval(a, b, def.measure),
            _ => String::new(),
        };
        let change = change.map(|c| {
            // The row's own verdict: Holm-adjusted for a group's latest change, the test's
            // for a step of a trend.
            let sig = c.significant;
            let direction = if !sig {
                "flat"
            } else if c.change.diff > 0.0 {
                "up"
            } else {
                "down"
            };
            let tone = match (direction, score.lower_better) {
                ("up", true) => "down",
                ("down", true) => "up",
                (d, _) => d,
            };
            let key = if sig { "change_significant" } else { "change_noise" };
            let note = self.msg(key, &[("previous", &self.period(&c.previous))]);
            ChangeView {
                // The difference of the tile's figure and the previous period's as its trend's
                // table writes them.
                text: match value {
                    Some(v) => self.num().change_between(v, v - c.change.diff, def.measure),
                    None => self.num().change(c.change.diff, def.measure),
                },
                direction: direction.into(),
                tone: tone.into(),
                significant: sig,
                note_html: self.keep_periods(&note),
                note,
            }
        });
        Tile {
            label: self.metric(&def.name),
            value: value.map(|v| self.num().value(v, def.measure)).unwrap_or_default(),
            interval,
            n: self.num().count(n),
            suppressed: value.is_none().then(|| self.suppressed_text(n)),
            class: value.map(|v| score_class(v, def.measure, score)).unwrap_or("s0").into(),
            scale: self.scale_note(def),
            scope_html: self.keep_periods(&scope),
            scope,
            change,
            whole: None,
            thin: None,
            whole_html: None,
            thin_html: None,
        }
    }

    /// `text` as HTML with every period label of the site in it (a month "Nov 2026" or
    /// "2026年11月", a quarter, a week) in a `nowrap` span, so that a narrow tile breaks the
    /// line between words, never inside a period's name.
    pub(super) fn keep_periods(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 32);
        let mut rest = text;
        'scan: while !rest.is_empty() {
            for label in &self.period_labels {
                if let Some(after) = rest.strip_prefix(label.as_str()) {
                    out.push_str(r#"<span class="nowrap">"#);
                    out.push_str(&super::escape_html(label));
                    out.push_str("</span>");
                    rest = after;
                    continue 'scan;
                }
            }
            let c = rest.chars().next().unwrap_or_default();
            out.push_str(&super::escape_html(c.encode_utf8(&mut [0; 4])));
            rest = &rest[c.len_utf8()..];
        }
        out
    }

    /// The headline metrics (one per score; the top-box share for ratings).
    pub(super) fn tile_defs(&self) -> Vec<&'a MetricDef> {
        self.metrics.defs.iter().filter(|d| d.is_headline()).collect()
    }

    /// Tiles of every headline metric for one group. With a trend to read (two periods or
    /// more), as the summary's: the period the summary headlines, its change from the period
    /// before (significant or within noise), and the group's figure over all its answers
    /// beside it; a group with no answers in that period, or undated data, shows all its
    /// answers. Every figure is a published row: a withheld one stays withheld.
    pub(super) fn group_tiles(&self, dimension: &str, group: &str) -> Vec<Tile> {
        self.tile_defs()
            .into_iter()
            .filter_map(|d| {
                let whole = self.metrics.get(dimension, group, &d.name)?;
                let period = self
                    .insights
                    .kpis
                    .iter()
                    .find(|k| k.metric == d.name)
                    .and_then(|k| k.period.as_deref())
                    .filter(|_| self.has_trends());
                let trend = format!("{dimension}_period");
                let at = period.and_then(|p| {
                    let key = format!("{group}|{p}");
                    self.metrics.get(&trend, &key, &d.name).map(|row| (p, key, row))
                });
                let Some((p, key, row)) = at else {
                    return Some(self.tile(d, Some(whole), self.tr("all_time").into(), None));
                };
                // The period's figure not shown (a store's month of five answers): the figure
                // over all its answers is the headline, and the tile says why.
                if row.value.is_none() {
                    let mut tile = self.tile(d, Some(whole), self.tr("all_time").into(), None);
                    let why = self.suppressed_text(row.n);
                    tile.thin = Some(self.msg("tile_period_hidden", &[("period", &self.period(p)), ("why", &why)]));
                    tile.thin_html = tile.thin.as_deref().map(|t| self.keep_periods(t));
                    return Some(tile);
                }
                // The group's latest-period change (Holm-adjusted within its dimension, as its
                // league says it); when the summary headlines an earlier period (the latest is
                // thin), that period's step of the group's trend.
                let change = self
                    .metrics
                    .change(dimension, group, &d.name)
                    .filter(|c| c.period == p)
                    .or_else(|| self.metrics.change(&trend, &key, &d.name));
                let mut tile = self.tile(d, Some(row), self.period(p), change);
                tile.whole = Some(self.whole_figure(d, Some(whole)));
                tile.whole_html = tile.whole.as_deref().map(|w| self.keep_periods(w));
                Some(tile)
            })
            .collect()
    }

    /// One breakdown row.
    pub(super) fn bar_row(
        &self,
        label: String,
        href: Option<String>,
        row: Option<&MetricRow>,
        def: &MetricDef,
        pain_point: bool,
    ) -> BarRow {
        let score = &self.project.scores[def.score];
        let n = row.map(|r| r.n).unwrap_or(0);
        let value = row.and_then(|r| r.value);
        let (lo, hi) = (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high));
        BarRow {
            hidden: if value.is_none() { self.hidden_word(n).into() } else { String::new() },
            withheld: value.is_none() && self.is_withheld(n),
            label: clean_text(&label),
            href,
            n: self.num().count(n),
            n_sort: n,
            value: value.map(|v| self.num().value(v, def.measure)).unwrap_or_default(),
            value_sort: value.map(|v| format!("{v:.4}")).unwrap_or_default(),
            interval: match (lo, hi) {
                (Some(a), Some(b)) => self.num().interval(a, b, def.measure),
                _ => String::new(),
            },
            class: value.map(|v| score_class(v, def.measure, score)).unwrap_or("s0").into(),
            dot: value.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            low: lo.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            high: hi.map(|v| 100.0 * position(v, def.measure, score)).unwrap_or(0.0),
            suppressed: value.is_none().then(|| self.suppressed_text(n)),
            pain_point,
            note: if pain_point { self.tr("pain_point").into() } else { String::new() },
        }
    }

    pub(super) fn breakdown(
        &self,
        id: &str,
        title: String,
        def: &MetricDef,
        rows: Vec<BarRow>,
        sortable: bool,
    ) -> Breakdown {
        let overall = self.metrics.get("overall", "all", &def.name).and_then(|r| r.value);
        let label = |v: &str| self.msg("reference_label", &[("value", v)]);
        self.breakdown_against(id, title, def, rows, sortable, overall, &label)
    }

    /// A breakdown whose dotted reference line is at `overall`, the page's own all-customer
    /// value (a stage's or touchpoint's over all its parts, a segment's over all its
    /// touchpoints), labelled by `label` given the formatted value.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn breakdown_against(
        &self,
        id: &str,
        title: String,
        def: &MetricDef,
        rows: Vec<BarRow>,
        sortable: bool,
        overall: Option<f64>,
        label: &dyn Fn(&str) -> String,
    ) -> Breakdown {
        let score = &self.project.scores[def.score];
        let (lo, hi) = format::axis(def.measure, score);
        // A withheld row is explained once, under the table.
        let withheld_note = rows.iter().any(|r| r.withheld).then(|| self.tr("withheld_note").to_string());
        // No row with an answer (the question is not asked in any of them): that, once,
        // instead of a table of empty rows. Rows with answers keep their table, each with its n.
        let hidden = rows.iter().all(|r| r.n_sort == 0).then(|| all_hidden(&rows)).flatten();
        // The axis zoomed to the rows' intervals and the reference, in round steps, so that
        // differences are not squashed on the measure's whole range; its ends are written
        // above the column.
        let mut rows = rows;
        let shown: Vec<f64> = rows
            .iter()
            .filter(|r| r.suppressed.is_none())
            .flat_map(|r| [r.low, r.high, r.dot])
            .chain(overall.map(|v| 100.0 * position(v, def.measure, score)))
            .map(|p| lo + p / 100.0 * (hi - lo))
            .collect();
        let (a, b) = format::zoomed_axis(&shown, def.measure, score);
        let to_zoomed = |p: f64| {
            let v = lo + p / 100.0 * (hi - lo);
            ((10_000.0 * (v - a) / (b - a)).round() / 100.0).clamp(0.0, 100.0)
        };
        for r in rows.iter_mut().filter(|r| r.suppressed.is_none()) {
            (r.dot, r.low, r.high) = (to_zoomed(r.dot), to_zoomed(r.low), to_zoomed(r.high));
        }
        Breakdown {
            id: id.into(),
            title,
            axis_low: self.num().value(a, def.measure),
            axis_high: self.num().value(b, def.measure),
            reference: overall.map(|v| to_zoomed(100.0 * position(v, def.measure, score))),
            reference_label: overall.map(|v| label(&self.num().value(v, def.measure))).unwrap_or_default(),
            withheld_note,
            hidden,
            rows,
            sortable,
            heading: false,
            key: self.colour_key(def),
        }
    }

    /// What a score's number means, said once beside it: its range and which way is better.
    pub(super) fn scale_note(&self, def: &MetricDef) -> String {
        let s = &self.project.scores[def.score];
        let (min, max, top) = (s.show(s.min), s.show(s.max), s.show(s.top_box));
        // Zendesk's Good / Bad: the words answered, not "1 on a 0–1 scale".
        let words = (def.measure == Measure::TopBox && (s.min, s.max) == (0, 1))
            .then(|| self.yes_no_words(def.score))
            .flatten();
        let range = match def.measure {
            Measure::Nps => self.tr("scale_nps").to_string(),
            Measure::TopBox if words.is_some() => {
                let (yes, no) = words.unwrap_or_default();
                self.msg("scale_yes_no", &[("yes", &yes), ("no", &no)])
            }
            // A top box of the scale's top alone (1 of 0–1) is one answer, not a range "1–1".
            Measure::TopBox if s.top_box == s.max => self.msg("scale_top_box_one", &[("min", &min), ("max", &max)]),
            Measure::TopBox => self.msg("scale_top_box", &[("min", &min), ("max", &max), ("top", &top)]),
            Measure::Mean => self.msg("scale_mean", &[("min", &min), ("max", &max)]),
        };
        let direction = self.tr(if s.lower_better { "lower_is_better" } else { "higher_is_better" });
        self.msg("scale_note", &[("scale", &range), ("direction", direction)])
    }

    /// The words a 0–1 score's columns read as 1 and as 0 (`Good`, `Bad`), each side's words
    /// joined by " / ", when every column of the score reads both from labels; `None` for
    /// numbers. Labels are kept lower-cased: a Latin word gets its capital back.
    fn yes_no_words(&self, score: usize) -> Option<(String, String)> {
        let readings: Vec<&crate::project::Reading> = self
            .project
            .datasets
            .iter()
            .flat_map(|d| d.scores.iter().filter(|c| c.score == score).map(|c| &c.reading))
            .collect();
        let side = |value: i64| {
            let mut words: Vec<String> = readings
                .iter()
                .flat_map(|r| r.labels.iter().filter(|(_, v)| *v == value).map(|(t, _)| capitalised(t)))
                .collect();
            words.sort();
            words.dedup();
            (!words.is_empty() && words.len() <= 3).then(|| words.join(" / "))
        };
        let labelled = !readings.is_empty() && readings.iter().all(|r| r.labels.iter().any(|(_, v)| *v == 1));
        labelled.then(|| Some((side(1)?, side(0)?))).flatten()
    }

    /// The key of the colour scale for a metric: each class `s1`…`s7` with the values it
    /// covers, from [`format::class_bounds`] (the bounds `score_class` cuts at).
    pub(super) fn colour_key(&self, def: &MetricDef) -> ColourKey {
        let score = &self.project.scores[def.score];
        let v = |x: f64| self.num().value(x, def.measure);
        let b = format::class_bounds(def.measure, score);
        let bands = (0..7)
            .map(|k| {
                let text = match k {
                    0 if score.lower_better => self.msg("key_above", &[("value", &v(b[0]))]),
                    0 => self.msg("key_below", &[("value", &v(b[0]))]),
                    6 if score.lower_better => self.msg("key_below", &[("value", &v(b[5]))]),
                    6 => self.msg("key_above", &[("value", &v(b[5]))]),
                    _ => {
                        let (a, c) = (b[k - 1].min(b[k]), b[k - 1].max(b[k]));
                        self.num().range(&v(a), &v(c))
                    }
                };
                KeyBand { class: format!("s{}", k + 1), text }
            })
            .collect();
        ColourKey { label: self.msg("colour_key", &[("metric", &self.metric(&def.name))]), bands }
    }

    /// Whether a group has answers to another headline metric than `def`'s.
    pub(super) fn answered_elsewhere(&self, dimension: &str, group: &str, def: &MetricDef) -> bool {
        self.tile_defs()
            .into_iter()
            .filter(|d| d.score != def.score)
            .any(|d| self.metrics.get(dimension, group, &d.name).is_some_and(|r| r.n > 0))
    }

    /// Whether touchpoint `tp` is ranked a pain point.
    pub(super) fn pain(&self, tp: usize) -> bool {
        self.pain_points.get(tp).copied().unwrap_or(false)
    }

    /// Touchpoint rows for a dimension (`touchpoint`, or `touchpoint_segment` with a suffix),
    /// linked from page `from`.
    pub(super) fn touchpoint_rows(
        &self,
        def: &MetricDef,
        from: &str,
        dimension: &str,
        suffix: Option<&str>,
    ) -> Vec<BarRow> {
        let p = self.project;
        p.touchpoints
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                let group = match suffix {
                    Some(s) => format!("{}|{s}", t.id),
                    None => t.id.clone(),
                };
                let row = self.metrics.get(dimension, &group, &def.name);
                if row.is_none() && suffix.is_some() {
                    return None;
                }
                // The pain point is judged on the map's metric: its flag belongs in that
                // metric's table only.
                let pain = suffix.is_none() && self.tp.is_some_and(|(m, _)| m.name == def.name) && self.pain(i);
                let mut r = self.bar_row(
                    t.name.clone(),
                    Some(routes::link(from, &routes::touchpoint_of(p, t))),
                    row,
                    def,
                    pain,
                );
                // No answer to this question where the touchpoint has answers to others: the
                // question is not asked there.
                if r.n_sort == 0 && self.answered_elsewhere(dimension, &group, def) {
                    r.hidden = self.tr("not_asked").into();
                    r.suppressed = Some(r.hidden.clone());
                }
                Some(r)
            })
            .collect()
    }

    pub(super) fn job<P: serde::Serialize + ?Sized>(
        &self,
        path: String,
        template: &'static str,
        title: String,
        page: &P,
    ) -> Job {
        // Made a template value directly (not through a JSON value first): a page per store
        // makes the conversion add up.
        Job { path, template, title, page: tera::Value::from_serializable(page) }
    }
}

/// Why no row of a breakdown shows a figure, when it is one same reason for every row (the
/// text of their `suppressed`); `None` when a row shows a figure or the reasons differ.
pub(super) fn all_hidden(rows: &[BarRow]) -> Option<String> {
    let why = rows.first()?.suppressed.as_ref()?;
    rows.iter().all(|r| r.suppressed.as_ref() == Some(why)).then(|| why.clone())
}

/// The catalogue key of the word for a figure not shown, by its count of answers.
pub(super) fn hidden_key(n: u64, min_n: u64) -> &'static str {
    if n == 0 {
        "no_answers"
    } else if n < min_n {
        "not_enough"
    } else {
        "withheld_short"
    }
}

/// A label as cxsite.yaml likely wrote it: its first letter upper-cased (`good` → `Good`).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
