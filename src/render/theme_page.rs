//! The themes page (`themes.html`, when text analysis is on): every theme with its share,
//! negative share and score gap; a theme × touchpoint heat map; each theme's share over the
//! periods with emerging themes flagged; verbatims per theme; and comments whose sentiment
//! contradicts their score.

use serde::Serialize;

use super::routes;
use super::views::*;
use super::{clean_text, Ctx, Job};
use crate::aggregate::{Comment, Dim, TextGroup, ALL};
use crate::metrics::themes::ThemeRow;

/// Verbatims shown per theme.
const PER_THEME: usize = 6;
/// Comments "worth reading" shown on the themes page.
const DISAGREE_SHOWN: usize = 12;
/// Upper bounds of the heat map's negative-share bands, percent (the last is open).
const BANDS: [u64; 4] = [20, 40, 60, 80];
/// Periods of the trend table that a printed page has room for (the latest); the others are
/// left off paper, and the printed note says so.
const PRINTED_PERIODS: usize = 12;
/// The size of a theme's trend line, px.
const SPARK: (f64, f64) = (96.0, 24.0);

/// One cell of the heat map.
#[derive(Debug, Clone, Serialize)]
struct HeatCell {
    /// Share of the touchpoint's comments that mention the theme.
    share: String,
    /// Negative share of those mentions (blank under min_n mentions).
    negative: String,
    /// Band class `h0`…`h4`, `hx` when too few mentions to colour.
    class: String,
    /// The cell in words, for screen readers and tooltips.
    label: String,
}

/// One theme's row of the heat map or of the trend table.
#[derive(Debug, Clone, Serialize)]
struct ThemeLine<T> {
    name: String,
    href: String,
    cells: Vec<T>,
    emerging: bool,
    /// The trend table's line of the theme's shares (inline SVG of numbers only).
    #[serde(skip_serializing_if = "String::is_empty")]
    spark: String,
}

/// A period's column of the trend table: its name or a share, and whether it is too old to be
/// printed (see [`PRINTED_PERIODS`]).
#[derive(Debug, Clone, Serialize)]
struct PeriodCell {
    text: String,
    older: bool,
}

/// A theme's shares over the periods (oldest first, percent) as a small line from 0 to its
/// highest share, the latest period marked with a dot. Numbers only: nothing to escape.
fn sparkline(shares: &[f64]) -> String {
    let (w, h) = SPARK;
    let pad = 3.0;
    let max = shares.iter().copied().fold(0.0, f64::max);
    let n = shares.len();
    let at = |i: usize, v: f64| {
        let x = if n > 1 { pad + (w - 2.0 * pad) * i as f64 / (n - 1) as f64 } else { w / 2.0 };
        let y = if max > 0.0 { h - pad - (h - 2.0 * pad) * v / max } else { h - pad };
        (x, y)
    };
    let points: Vec<String> = shares
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let (x, y) = at(i, *v);
            format!("{x:.1},{y:.1}")
        })
        .collect();
    let (lx, ly) = shares.last().map_or((0.0, 0.0), |v| at(n - 1, *v));
    format!(
        r##"<svg class="spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" aria-hidden="true" focusable="false" xmlns="http://www.w3.org/2000/svg"><line x1="{pad}" x2="{x2}" y1="{base}" y2="{base}" stroke="#dedbd3" stroke-width="1"/><polyline points="{}" fill="none" stroke="#1f4e79" stroke-width="1.5" stroke-linejoin="round"/><circle cx="{lx:.1}" cy="{ly:.1}" r="2.5" fill="#1f4e79"/></svg>"##,
        points.join(" "),
        x2 = w - pad,
        base = h - pad,
    )
}

/// One theme's section: its numbers in a sentence and its verbatims.
#[derive(Debug, Clone, Serialize)]
struct Section {
    id: String,
    name: String,
    /// Its numbers, its score gap, whether it is emerging and the themes most often mentioned
    /// in the same comments: sentences joined as the site's language joins them.
    text: String,
    emerging: bool,
    comments: Vec<CommentView>,
}

/// The heat-map shade of a negative share (percent), by the share as written (whole): two cells
/// shown as 20% share a shade.
fn band(negative: f64) -> String {
    let shown = crate::metrics::written::as_written(negative, crate::metrics::Measure::TopBox);
    let b = BANDS.iter().position(|&u| shown < u as f64).unwrap_or(BANDS.len());
    format!("h{b}")
}

impl Ctx<'_> {
    /// The themes of all customers with at least one mention, most mentioned first.
    fn overall_themes(&self) -> Vec<&ThemeRow> {
        crate::metrics::themes::ranked(self.metrics.themes.group(Dim::Overall, ALL))
    }

    /// The themes page, when comments were analysed.
    pub(super) fn themes_page(&self) -> Option<Job> {
        let all = self.overall_themes();
        let overall = self.ingested.text.group(Dim::Overall, ALL)?;
        if self.metrics.themes.rows.is_empty() {
            return None;
        }
        let enough = overall.comments >= self.project.min_n;
        let emerging: Vec<String> = self
            .metrics
            .themes
            .emerging()
            .map(|s| {
                let f = crate::insights::Finding::EmergingTheme {
                    theme: s.index,
                    period: s.period.clone(),
                    previous: s.previous.clone(),
                    share: s.share,
                    previous_share: s.previous_share,
                };
                self.finding(&f).text
            })
            .collect();
        let sections: Vec<Section> = if enough { all.iter().map(|r| self.section(r)).collect() } else { vec![] };
        let page = serde_json::json!({
            "heading": self.tr("themes_heading"),
            "intro": self.msg("themes_intro", &[("comments", &self.counted("comment_count", overall.comments))]),
            "few": !enough,
            "emerging": emerging,
            "table": if enough { Some(self.themes_table(&all)) } else { None },
            "heat": if enough { self.heat_map(&all) } else { None },
            "trend": if enough { self.theme_trends(&all) } else { None },
            "latest_words": if enough { self.latest_words() } else { None },
            "comments_scored": sections.iter().any(|s| super::views::any_scored(&s.comments)),
            "sections": sections,
            "worth_reading": if enough { self.worth_reading(None, DISAGREE_SHOWN) } else { vec![] },
        });
        Some(self.job(routes::THEMES.into(), "themes.html", self.tr("themes_heading").into(), &page))
    }

    /// Every theme of all customers: mentions, share, negative share and the score gap.
    fn themes_table(&self, all: &[&ThemeRow]) -> Table {
        let num = self.num();
        let metric = self.headline.map(|(d, _)| self.metric(&d.name)).unwrap_or_default();
        let scored = self.headline.is_some();
        let columns = if scored { 8 } else { 4 };
        let rows = all
            .iter()
            .map(|r| {
                let neg_shown = r.mentions >= self.project.min_n;
                let (with, without, gap, verdict) = match &r.gap {
                    Some(g) => {
                        let m = self.measure_of(&g.metric);
                        let z = crate::metrics::z_critical(self.project.confidence);
                        let (lo, hi) = g.change.interval(z);
                        (
                            Cell::num(num.value(g.with, m), Some(g.with)),
                            Cell::num(num.value(g.without, m), Some(g.without)),
                            Cell::num(
                                // The cell may break before its interval, nowhere else (the column's CSS lets
                                // it wrap): the gap is the difference of the two scores as written beside it,
                                // its interval at their decimals, its ends as the verdict reads them.
                                self.msg(
                                    "value_with_interval",
                                    &[
                                        ("value", &num.change_between(g.with, g.without, m).replace(' ', "\u{a0}")),
                                        // (A range is one piece of itself: `Numbers::range`.)
                                        ("interval", &num.verdict_interval(lo, hi, super::format::value_decimals(m))),
                                    ],
                                ),
                                Some(g.change.diff),
                            ),
                            Cell::text(self.tr(if g.significant {
                                "verdict_beyond_chance"
                            } else {
                                "verdict_no_different"
                            })),
                        )
                    }
                    None => (Cell::num("", None), Cell::num("", None), Cell::num("", None), Cell::text("")),
                };
                vec![
                    Cell {
                        href: Some(format!("#theme-{}", super::format::slug(&r.theme))),
                        ..Cell::text(self.theme_name(r.index))
                    },
                    Cell::num(num.count(r.mentions), Some(r.mentions as f64)),
                    Cell::num(num.share(r.share()), Some(r.share())),
                    if neg_shown {
                        Cell::num(num.share(r.negative()), Some(r.negative()))
                    } else {
                        Cell::num("", None)
                    },
                    with,
                    without,
                    gap,
                    verdict,
                ]
                .into_iter()
                .take(columns)
                .collect()
            })
            .collect();
        let confidence = num.percent(self.project.confidence * 100.0, 0);
        let m = [("metric", metric.as_str()), ("confidence", confidence.as_str())];
        let head = vec![
            Head::sorted(self.tr("voc_theme"), false),
            // Most mentioned first (`metrics::themes::ranked`).
            Head::sorted(self.tr("voc_mentions"), true).in_order(Order::Descending),
            Head::sorted(self.tr("voc_share"), true),
            Head::sorted(self.tr("voc_negative"), true),
            Head::sorted(self.msg("themes_with", &m), true),
            Head::sorted(self.msg("themes_without", &m), true),
            Head::sorted(self.tr("themes_gap"), true),
            Head::plain(self.tr("verdict"), false),
        ];
        Table {
            id: "themes".into(),
            title: self.tr("themes_table_title").into(),
            // Without a score (comments alone) there is no gap to show: its four columns would
            // be empty in every row, and its note would explain them.
            note: self.msg(if scored { "themes_table_note" } else { "themes_table_note_comments" }, &m),
            head: head.into_iter().take(columns).collect(),
            rows,
            sortable: true,
            heading: true,
            key: None,
        }
    }

    fn measure_of(&self, metric: &str) -> crate::metrics::Measure {
        self.metrics.defs.iter().find(|d| d.name == metric).map_or(crate::metrics::Measure::Nps, |d| d.measure)
    }

    /// Theme × touchpoint: share of the touchpoint's comments, coloured by negative share.
    fn heat_map(&self, all: &[&ThemeRow]) -> Option<serde_json::Value> {
        let tps: Vec<(usize, &TextGroup)> = (0..self.project.touchpoints.len())
            .filter_map(|i| {
                let g = self.ingested.text.group(Dim::Touchpoint, &self.project.touchpoints[i].id)?;
                (g.comments >= self.project.min_n).then_some((i, g))
            })
            .collect();
        if tps.is_empty() || all.is_empty() {
            return None;
        }
        let num = self.num();
        let columns: Vec<Link> = tps
            .iter()
            .map(|(i, _)| {
                let t = &self.project.touchpoints[*i];
                Link { text: clean_text(&t.name), href: routes::link(routes::THEMES, &routes::touchpoint(&t.id)) }
            })
            .collect();
        let rows: Vec<ThemeLine<HeatCell>> = all
            .iter()
            .map(|r| {
                let name = self.theme_name(r.index);
                let cells = tps
                    .iter()
                    .map(|(i, g)| {
                        let c = g.themes.get(&r.index).cloned().unwrap_or_default();
                        let share = num.share(100.0 * c.mentions as f64 / g.comments as f64);
                        let tp = clean_text(&self.project.touchpoints[*i].name);
                        if c.mentions >= self.project.min_n {
                            let neg = 100.0 * c.sentiment[0] as f64 / c.mentions as f64;
                            let negative = num.share(neg);
                            let label = self.msg(
                                "heat_label",
                                &[("theme", &name), ("touchpoint", &tp), ("share", &share), ("negative", &negative)],
                            );
                            HeatCell { share, negative, class: band(neg), label }
                        } else {
                            let label =
                                self.msg("heat_label_few", &[("theme", &name), ("touchpoint", &tp), ("share", &share)]);
                            HeatCell { share, negative: String::new(), class: "hx".into(), label }
                        }
                    })
                    .collect();
                ThemeLine {
                    name,
                    href: format!("#theme-{}", super::format::slug(&r.theme)),
                    cells,
                    emerging: false,
                    spark: String::new(),
                }
            })
            .collect();
        let mut legend: Vec<(String, String)> = Vec::new();
        let mut low = 0;
        for (b, up) in BANDS.iter().chain([&100]).enumerate() {
            let range = num.range(&num.share(low as f64), &num.share(*up as f64));
            legend.push((format!("h{b}"), range));
            low = *up;
        }
        let few = self.msg("heat_few", &[("mentions", &self.counted("count_mentions", self.project.min_n))]);
        legend.push(("hx".into(), few));
        Some(serde_json::json!({ "columns": columns, "rows": rows, "legend": legend }))
    }

    /// Each theme's share of all comments per period (periods of min_n comments or more): a
    /// line over the periods, then the shares, oldest first as the line runs (the table ran
    /// newest first beside it); on paper the latest [`PRINTED_PERIODS`].
    fn theme_trends(&self, all: &[&ThemeRow]) -> Option<serde_json::Value> {
        let periods: Vec<(&str, &TextGroup)> = self
            .ingested
            .text
            .groups
            .iter()
            .filter(|(k, g)| k.dim == Dim::Overall && g.comments >= self.project.min_n)
            .filter_map(|(k, g)| k.period.as_deref().map(|p| (p, g)))
            .collect();
        if periods.len() < 2 {
            return None;
        }
        let num = self.num();
        let emerging: Vec<usize> = self.metrics.themes.emerging().map(|s| s.index).collect();
        // Column k of the table is period k; the oldest are off paper.
        let older = |k: usize| k + PRINTED_PERIODS < periods.len();
        let rows: Vec<ThemeLine<PeriodCell>> = all
            .iter()
            .map(|r| {
                let shares: Vec<f64> = periods
                    .iter()
                    .map(|(_, g)| {
                        let m = g.themes.get(&r.index).map_or(0, |c| c.mentions);
                        100.0 * m as f64 / g.comments as f64
                    })
                    .collect();
                ThemeLine {
                    name: self.theme_name(r.index),
                    href: format!("#theme-{}", super::format::slug(&r.theme)),
                    cells: shares
                        .iter()
                        .enumerate()
                        .map(|(k, v)| PeriodCell { text: num.share(*v), older: older(k) })
                        .collect(),
                    emerging: emerging.contains(&r.index),
                    spark: sparkline(&shares),
                }
            })
            .collect();
        let labels: Vec<PeriodCell> = periods
            .iter()
            .enumerate()
            .map(|(k, (p, _))| PeriodCell { text: super::locale::column_period_label(p, self.cat), older: older(k) })
            .collect();
        let print_note = (periods.len() > PRINTED_PERIODS).then(|| {
            self.msg(
                "themes_trend_print_note",
                &[("shown", &num.count(PRINTED_PERIODS as u64)), ("all", &num.count(periods.len() as u64))],
            )
        });
        Some(serde_json::json!({ "periods": labels, "rows": rows, "print_note": print_note }))
    }

    /// The words that set the latest period with `min_n` comments apart from the others (an
    /// empty list says none did), when comments span two such periods or more.
    fn latest_words(&self) -> Option<serde_json::Value> {
        let mut periods = self
            .ingested
            .text
            .groups
            .iter()
            .filter(|(k, g)| k.dim == Dim::Overall && k.period.is_some() && g.comments >= self.project.min_n);
        let (key, _) = periods.next_back()?;
        periods.next()?;
        let period = self.period(key.period.as_deref()?);
        let words = self.keyword_bars(key);
        Some(serde_json::json!({
            "title": self.msg("themes_period_words", &[("period", &period)]),
            "none": self.msg("themes_period_words_none", &[("period", &period)]),
            "words": words,
        }))
    }

    /// One theme's section: a sentence of its numbers, its gap, and balanced verbatims.
    fn section(&self, r: &ThemeRow) -> Section {
        let num = self.num();
        let name = self.theme_name(r.index);
        let negative = if r.mentions >= self.project.min_n {
            self.msg("theme_negative", &[("negative", &num.share(r.negative()))])
        } else {
            String::new()
        };
        let summary = self.msg(
            "theme_summary",
            &[
                ("comments", &self.counted("comment_count", r.mentions)),
                ("share", &num.share(r.share())),
                ("negative", &negative),
            ],
        );
        let gap = match &r.gap {
            Some(g) if g.significant => {
                let f = crate::insights::Finding::ThemeGap {
                    theme: r.index,
                    metric: g.metric.clone(),
                    with: g.with,
                    without: g.without,
                    diff: g.change.diff,
                };
                self.finding(&f).text
            }
            _ => String::new(),
        };
        let emerging = if self.metrics.themes.emerging().any(|s| s.index == r.index) {
            self.tr("theme_emerging").to_string()
        } else {
            String::new()
        };
        let with = self.co_mentioned(r);
        let comments = self.theme_verbatims(r.index, PER_THEME).into_iter().map(|c| self.comment_view(c)).collect();
        let text = [summary, gap, emerging.clone(), with]
            .into_iter()
            .filter(|s| !s.is_empty())
            .reduce(|first, next| self.msg("sentence_join", &[("first", &first), ("next", &next)]))
            .unwrap_or_default();
        let emerging = !emerging.is_empty();
        Section { id: format!("theme-{}", super::format::slug(&r.theme)), name, text, emerging, comments }
    }

    /// A sentence naming the (up to) three themes most often mentioned in the same comments as
    /// `r`'s, each with its share of `r`'s mentions; empty under `min_n` mentions or with none.
    fn co_mentioned(&self, r: &ThemeRow) -> String {
        if r.mentions < self.project.min_n {
            return String::new();
        }
        let themes = &self.project.text.themes;
        let mut with: Vec<(usize, u64)> =
            r.co_mentions.iter().filter_map(|(id, n)| Some((themes.iter().position(|t| &t.id == id)?, *n))).collect();
        with.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let num = self.num();
        let items: Vec<String> = with
            .into_iter()
            .take(3)
            .map(|(t, n)| {
                let share = num.share(100.0 * n as f64 / r.mentions as f64);
                self.msg("theme_with_item", &[("theme", &self.theme_name(t)), ("share", &share)])
            })
            .collect();
        if items.is_empty() {
            return String::new();
        }
        self.msg("theme_with", &[("themes", &items.join(self.tr("list_separator")))])
    }

    /// Comments whose sentiment contradicts their score, of one touchpoint (or of all,
    /// `None`), from touchpoints whose pages may show comments; newest first.
    pub(super) fn worth_reading(&self, touchpoint: Option<usize>, k: usize) -> Vec<CommentView> {
        let shown = |tp: &Option<usize>| match tp {
            Some(t) => self.tp_shows_comments(*t),
            None => self.ingested.text.group(Dim::Overall, ALL).is_some_and(|g| g.comments >= self.project.min_n),
        };
        let mut picked: Vec<&Comment> = self
            .ingested
            .comments
            .disagree
            .iter()
            .filter(|(tp, _)| touchpoint.is_none() || **tp == touchpoint)
            .filter(|(tp, _)| shown(tp))
            .flat_map(|(_, s)| s.values())
            .collect();
        picked.sort_by(|a, b| crate::aggregate::Comment::newest_first(a, b));
        // Each text once (the newest), then the first k.
        let mut picked = crate::aggregate::verbatims::distinct(picked);
        picked.truncate(k);
        picked.into_iter().map(|c| self.comment_view(c)).collect()
    }
}

#[cfg(test)]
mod tests {
    /// From 0 (the bottom, 21 px) to the highest share (the top, 3 px), first period at the
    /// left (3 px), latest at the right (93 px) with a dot.
    #[test]
    fn a_themes_line_runs_from_zero_to_its_highest_share() {
        let svg = super::sparkline(&[10.0, 20.0, 5.0]);
        assert!(svg.contains(r#"points="3.0,12.0 48.0,3.0 93.0,16.5""#), "{svg}");
        assert!(svg.contains(r#"<circle cx="93.0" cy="16.5""#), "{svg}");
        let flat = super::sparkline(&[0.0, 0.0]);
        assert!(flat.contains(r#"points="3.0,21.0 93.0,21.0""#), "{flat}");
    }

    #[test]
    fn negative_shares_fall_into_five_bands() {
        // 19.4 is written 19%, 19.9 is written 20%: shaded as written.
        let got: Vec<String> = [0.0, 19.4, 19.9, 20.0, 59.0, 80.0, 100.0].iter().map(|v| super::band(*v)).collect();
        assert_eq!(got, ["h0", "h0", "h1", "h1", "h2", "h4", "h4"]);
    }
}
