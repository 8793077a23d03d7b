//! League tables of configured dimensions, and which of their groups are shown.

use super::format::score_class;
use super::routes;
use super::views::*;
use super::{clean_text, Ctx, LARGE_DIMENSION};
use crate::metrics::{ChangeRow, LeagueRow, MetricDef};

impl<'a> Ctx<'a> {
    /// The values of a configured dimension that get a page and a league row. All of them,
    /// unless there are more than [`LARGE_DIMENSION`]: then only those with at least min_n
    /// answers (the others have no figure to show, and 100,000 pages or table rows of blanks
    /// would bury the ones that do; their counts stay in data/metrics.csv).
    pub(super) fn shown_groups<'g>(&self, dimension: &str, groups: Vec<&'g String>) -> Vec<&'g String> {
        if groups.len() <= LARGE_DIMENSION {
            return groups;
        }
        let metric = match self.metrics.league(dimension) {
            Some(l) => l.metric.as_str(),
            None => match self.headline {
                Some((def, _)) => def.name.as_str(),
                None => return groups,
            },
        };
        groups
            .into_iter()
            .filter(|g| self.metrics.get(dimension, g, metric).is_some_and(|r| r.n >= self.project.min_n))
            .collect()
    }

    /// The league table of a dimension: rank, stars, shrunk and raw value, interval, n, change.
    pub(super) fn league_table(&self, dimension: &str) -> Option<Table> {
        let league = self.metrics.league(dimension)?;
        let def = self.metrics.defs.iter().find(|d| d.name == league.metric)?;
        let large = league.rows.len() > LARGE_DIMENSION;
        let min_n = self.project.min_n;
        let left_out = if large { league.rows.iter().filter(|r| r.n < min_n).count() } else { 0 };
        // Each shown group with its latest-period change, looked up once.
        let shown: Vec<(&LeagueRow, Option<&ChangeRow>)> = league
            .rows
            .iter()
            .filter(|r| !large || r.n >= min_n)
            .map(|r| (r, self.metrics.change(dimension, &r.group, &def.name)))
            .collect();
        let changes: Vec<&ChangeRow> = shown.iter().filter_map(|(_, c)| *c).collect();
        let rows =
            shown.iter().map(|(r, change)| self.league_row(dimension, def, r, *change, !changes.is_empty())).collect();
        let l = self.metric(&def.name);
        let change_head = match changes.first() {
            Some(c) => self.msg("league_change_in", &[("period", &self.period(&c.period))]),
            None => self.tr("league_change").to_string(),
        };
        let head = vec![
            Head::sorted(self.tr("name"), false),
            // Best first: by rank, the unrated last (`metrics::breakdowns::leagues`).
            Head::sorted(self.tr("rank"), true).in_order(Order::Ascending),
            Head::sorted(self.tr("stars"), true),
            Head::sorted(self.msg("shrunk", &[("metric", &l)]), true),
            Head::sorted(l.clone(), true),
            Head::plain(self.tr("interval_column"), true),
            Head::sorted(self.tr("n"), true),
            Head::sorted(change_head, true),
        ];
        let mut note = self.league_note(league, def, &l, left_out);
        if changes.iter().any(|c| c.significant) {
            note += self.tr("league_note_marked");
        }
        if changes.iter().any(|c| !c.significant) {
            note += self.tr("league_note_noise");
        }
        if league.rows.iter().any(|r| {
            self.is_withheld(r.n) && self.metrics.get(dimension, &r.group, &def.name).is_some_and(|x| x.value.is_none())
        }) {
            note = Self::sentences(&note, self.tr("withheld_note"));
        }
        let title = self.msg("league_title", &[("metric", &l)]);
        Some(
            Table {
                id: "league".into(),
                title,
                note,
                head,
                rows,
                sortable: true,
                heading: true,
                key: Some(self.colour_key(def)),
            }
            .without_empty_columns(),
        )
    }

    /// A group's row of the league table; `others_changed`: whether any shown group has a
    /// change (then one without says why instead of leaving a blank).
    fn league_row(
        &self,
        dimension: &str,
        def: &MetricDef,
        r: &LeagueRow,
        change: Option<&ChangeRow>,
        others_changed: bool,
    ) -> Vec<Cell> {
        let row = self.metrics.get(dimension, &r.group, &def.name);
        let value = row.and_then(|x| x.value);
        let ci = match (row.and_then(|x| x.ci_low), row.and_then(|x| x.ci_high)) {
            (Some(a), Some(b)) => self.num().interval(a, b, def.measure),
            _ => String::new(),
        };
        vec![
            Cell {
                href: Some(routes::link(&routes::dimension(dimension), &routes::dimension_group(dimension, &r.group))),
                ..Cell::text(clean_text(&r.group))
            },
            Cell::num(r.rank.map(|x| x.to_string()).unwrap_or_default(), r.rank.map(f64::from)),
            self.stars_cell(r.stars),
            Cell::num(r.shrunk.map(|v| self.num().value(v, def.measure)).unwrap_or_default(), r.shrunk),
            Cell {
                class: value.map(|v| score_class(v, def.measure, &self.project.scores[def.score]).to_string()),
                title: value.is_none().then(|| self.suppressed_text(r.n)),
                muted: value.is_none(),
                ..Cell::num(
                    value.map(|v| self.num().value(v, def.measure)).unwrap_or_else(|| self.hidden_word(r.n).into()),
                    value,
                )
            },
            Cell::num(ci, None),
            Cell::num(self.num().count(r.n), Some(r.n as f64)),
            // A change within sampling noise is grey.
            match change {
                Some(c) => Cell {
                    muted: !c.significant,
                    ..Cell::num(self.marked_change(c.change.diff, c.significant, def.measure), Some(c.change.diff))
                },
                None if others_changed => {
                    Cell { muted: true, title: Some(self.no_change_reason()), ..Cell::num("–", None) }
                }
                None => Cell::num(String::new(), None),
            },
        ]
    }

    /// A group's stars, or a muted dash read out as "unrated".
    fn stars_cell(&self, stars: Option<u8>) -> Cell {
        match stars {
            Some(s) => Cell {
                text: format!("{}{}", "★".repeat(s as usize), "☆".repeat(5 - s as usize)),
                sort: Some(s.to_string()),
                label: Some(self.cat.plural("stars_label", u64::from(s), &[])),
                // Aligned as its heading is (a sortable number, right).
                num: true,
                ..Default::default()
            },
            None => Cell {
                sort: Some("0".into()),
                num: true,
                muted: true,
                label: Some(self.tr("unrated").into()),
                ..Cell::text("–")
            },
        }
    }

    /// A group's place in its dimension's league, as a fact at the top of its page: its
    /// stars and rank among the rated groups, or why it is not rated. None without a league.
    pub(super) fn league_facts(&self, dimension: &str, group: &str) -> Vec<(String, String)> {
        let Some(league) = self.metrics.league(dimension) else { return Vec::new() };
        let Some(row) = league.row(group) else { return Vec::new() };
        let label = self.tr("fact_league").to_string();
        let value = match (row.stars, row.rank) {
            (Some(s), Some(rank)) => {
                let count = league.ranked();
                let metric = self.msg("shrunk", &[("metric", &self.metric(&league.metric))]);
                self.msg(
                    "fact_league_value",
                    &[
                        ("stars", &format!("{}{}", "★".repeat(s as usize), "☆".repeat(5 - s as usize))),
                        ("stars_label", &self.cat.plural("stars_label", u64::from(s), &[])),
                        ("rank", &self.num().count(u64::from(rank))),
                        ("count", &self.num().count(count as u64)),
                        ("metric", &metric),
                    ],
                )
            }
            _ => self.msg("fact_league_unrated", &[("why", &self.suppressed_text(row.n))]),
        };
        vec![(label, value)]
    }

    /// Why a group of a league has no change: too few answers in one of the two periods
    /// (with `min_n: 1`, none at all).
    fn no_change_reason(&self) -> String {
        match self.project.min_n {
            0 | 1 => self.tr("league_no_change_empty").to_string(),
            n => self.cat.plural("league_no_change", n, &[]),
        }
    }

    /// The note under a league table: how it is ranked, the star thresholds, and the groups
    /// left out of a very long table.
    fn league_note(&self, league: &crate::metrics::League, def: &MetricDef, label: &str, left_out: usize) -> String {
        let num = self.num();
        let thresholds: Vec<String> = league.thresholds.iter().map(|t| num.value(*t, def.measure)).collect();
        // Thresholds that coincide ("50% / 50% / 50% / 51%": many groups share a score) are
        // explained, with how stars are then given (`metrics::league::stars`).
        let collapsed = thresholds.windows(2).any(|w| w[0] == w[1])
            || league
                .thresholds
                .windows(2)
                .any(|w| crate::metrics::league::comparable(w[0]) == crate::metrics::league::comparable(w[1]));
        let stars = if thresholds.is_empty() {
            String::new()
        } else {
            let key = if collapsed { "league_stars_tied" } else { "league_stars" };
            self.msg(key, &[("thresholds", &thresholds.join(self.tr("thresholds_separator")))])
        };
        let min_n = num.count(self.project.min_n);
        let answers = self.counted("count_answers", self.project.min_n);
        // With `min_n: 1` every group in a table is rated: no sentence about "fewer than 1".
        let unrated = if self.project.min_n > 1 {
            self.msg("league_unrated", &[("min_n", &min_n), ("answers", &answers)])
        } else {
            String::new()
        };
        let note = self.cat.plural(
            "league_note",
            self.project.min_n,
            &[("metric", label), ("min_n", &min_n), ("stars", &stars), ("unrated", &unrated)],
        );
        match left_out {
            0 => note,
            k => self.cat.plural(
                "league_left_out",
                k as u64,
                &[("note", &note), ("min_n", &min_n), ("answers", &answers)],
            ),
        }
    }
}
