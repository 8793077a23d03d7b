//! The executive summary: headline tiles, findings in words, the journey at a glance.

use super::routes;
use super::views::*;
use super::{clean_text, preview, Ctx, Job};
use crate::insights::{Finding, SegmentGap};
use crate::metrics::{Importance, Measure};

impl<'a> Ctx<'a> {
    /// The headline tiles, with the period key each covers (for the preview image).
    fn kpi_tiles(&self) -> Vec<(Tile, Option<String>)> {
        self.insights
            .kpis
            .iter()
            .filter_map(|k| {
                let def = self.metrics.defs.iter().find(|d| d.name == k.metric)?;
                let scope = k.period.as_deref().map(|p| self.period(p)).unwrap_or_else(|| self.tr("all_time").into());
                let mut tile = self.tile(def, k.latest.as_ref(), scope, k.change.as_ref());
                // Beside a period's figure, unless that period is all there is.
                if (k.period.is_some() && self.insights.periods.len() > 1) || k.thin.is_some() {
                    tile.whole = Some(self.whole_figure(def, k.overall.as_ref()));
                }
                tile.thin = k.thin.as_ref().map(|t| self.thin_note(t));
                tile.whole_html = tile.whole.as_deref().map(|w| self.keep_periods(w));
                tile.thin_html = tile.thin.as_deref().map(|t| self.keep_periods(t));
                Some((tile, k.period.clone()))
            })
            .collect()
    }

    /// The link-preview image: the headline tiles as PNG bytes (see [`super::preview`]).
    pub(super) fn preview_png(&self) -> Vec<u8> {
        let tiles: Vec<preview::PreviewTile> = self
            .kpi_tiles()
            .into_iter()
            .map(|(t, period)| preview::PreviewTile {
                label: t.label,
                // The period in words ("Oct 2026", "2026年10月"): the image now has Chinese glyphs.
                scope: period.map(|p| super::locale::period_label(&p, self.cat)).unwrap_or_default(),
                value: if t.suppressed.is_some() { String::new() } else { t.value },
                interval: if t.suppressed.is_some() { String::new() } else { t.interval },
                n: t.n,
                class: t.class,
            })
            .collect();
        let q = &self.ingested.quality;
        let period = match (&q.first_date, &q.last_date) {
            (Some(a), Some(b)) => format!("{a} – {b}"),
            _ => String::new(),
        };
        preview::png(&preview::svg(&self.site_title(), &period, &tiles)).unwrap_or_default()
    }

    pub(super) fn summary_page(&self) -> Job {
        let kpis: Vec<Tile> = self.kpi_tiles().into_iter().map(|(t, _)| t).collect();
        let findings: Vec<FindingView> = self.insights.findings.iter().map(|f| self.finding(f)).collect();
        // A journey of one touchpoint with answers is no journey: no map, no one-row ranking.
        let journey = self.insights.touchpoints_by_score.len() > 1;
        let (map, lowest) = match self.tp.filter(|_| journey) {
            Some((def, _)) => {
                let lowest: Vec<BarRow> = self
                    .insights
                    .touchpoints_by_score
                    .iter()
                    .take(5)
                    .map(|r| {
                        let t = &self.project.touchpoints[r.touchpoint];
                        self.bar_row(
                            t.name.clone(),
                            Some(routes::link(routes::INDEX, &routes::touchpoint_of(self.project, t))),
                            self.metrics.get("touchpoint", &t.id, &def.name),
                            def,
                            r.pain_point,
                        )
                    })
                    .collect();
                let key = if self.lower_better(def) { "lowest_title_lower" } else { "lowest_title" };
                let args = [
                    ("metric", self.metric(&def.name)),
                    ("nouns", self.tp_noun(true).into()),
                    ("scope", self.all_scope()),
                ];
                let title = self.msg(key, &args.each_ref().map(|(k, v)| (*k, v.as_str())));
                let lowest = self.breakdown("lowest", title, def, lowest, false);
                (self.map_svg(routes::INDEX), Some(lowest))
            }
            None => (String::new(), None),
        };
        let map_title = if map.is_empty() { String::new() } else { self.map_title() };
        // Under the section's own heading ("Trends").
        let trend = self
            .headline
            .and_then(|(def, _)| self.trend_chart("trend", def, "period", None))
            .map(|c| Chart { heading: false, ..c });
        let complaints = self.pain_point_complaints();
        let said = self.said_in_words();
        let page = serde_json::json!({
            "heading": self.tr("executive_summary"),
            "tiles": kpis,
            "findings": findings,
            "map": map,
            "map_key": self.tp.map(|(def, _)| self.colour_key(def)),
            "pain_key": self.pain_key(),
            "map_title": map_title,
            "lowest": lowest,
            "lowest_heading": self.msg("lowest_heading", &[("nouns", self.tp_noun(true))]),
            "trend": trend,
            "choices": self.choice_breakdowns("overall", crate::aggregate::ALL),
            "complaints": complaints,
            "said": said,
        });
        self.job(routes::INDEX.into(), "index.html", String::new(), &page)
    }

    /// A finding as data: its message key and named arguments, the sentence the catalogue
    /// makes of them, and a link to its evidence. Insignificant moves are never called rises
    /// or falls (they have their own message).
    pub(super) fn finding(&self, f: &Finding) -> FindingView {
        let (kind, args, to) = self.finding_parts(f);
        let pairs: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
        FindingView {
            kind: kind.to_string(),
            text: self.msg(kind, &pairs),
            args: args.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            href: routes::link(routes::INDEX, &to),
        }
    }

    /// A finding's message key, its named arguments and the route of its evidence: one arm
    /// per kind of finding, each handing its fields to the function that words it.
    fn finding_parts(&self, f: &Finding) -> FindingParts {
        match f {
            Finding::Movement { metric, period, previous, value, diff, significant, mix } => {
                let m = self.measure(metric);
                let args = vec![
                    ("metric", self.metric(metric)),
                    ("value", self.num().value(*value, m)),
                    // The difference of this period's figure and the previous one's, as the
                    // tiles and the trend's table write them.
                    ("diff", self.num().change_between(*value, *value - *diff, m)),
                    ("period", self.period(period)),
                    ("previous", self.period(previous)),
                    ("mix", self.movement_mix(metric, *significant, mix)),
                ];
                (movement_kind(*significant, *diff), args, routes::TRENDS.to_string())
            }
            Finding::WeakestTouchpoint { touchpoint, metric, value, overall, pain_point } => (
                self.weakest_kind(metric, *pain_point),
                self.touchpoint_args(*touchpoint, metric, *value, *overall),
                self.tp_route(*touchpoint),
            ),
            Finding::StrongestTouchpoint { touchpoint, metric, value, overall, standout } => (
                self.strongest_kind(metric, *standout),
                self.touchpoint_args(*touchpoint, metric, *value, *overall),
                self.tp_route(*touchpoint),
            ),
            Finding::LowestSegment { gap, metric } => (
                if self.metric_lower_better(metric) {
                    "finding_lowest_segment_lower"
                } else {
                    "finding_lowest_segment"
                },
                self.segment_gap_args(gap, metric),
                routes::segment(&gap.segment),
            ),
            Finding::HighestSegment { gap, metric } => (
                if self.metric_lower_better(metric) {
                    "finding_highest_segment_lower"
                } else {
                    "finding_highest_segment"
                },
                self.segment_gap_args(gap, metric),
                routes::segment(&gap.segment),
            ),
            Finding::FixFirst { touchpoint, importance, performance, performance_metric, .. } => (
                fix_first_kind(
                    self.metrics.drivers.as_ref().map(|d| d.importance()),
                    self.metrics.drivers.as_ref().is_some_and(|d| self.metric_lower_better(&d.outcome)),
                ),
                self.fix_first_args(*touchpoint, *importance, *performance, performance_metric),
                routes::DRIVERS.to_string(),
            ),
            Finding::HarshestSegment { segment, name, score, value, low, high } => {
                let lower = self.project.scores.iter().any(|s| &s.id == score && s.lower_better);
                (
                    if lower { "finding_harshest_lower" } else { "finding_harshest" },
                    self.harshest_args(name, score, *value, *low, *high, lower),
                    routes::segment(segment),
                )
            }
            Finding::ThemeGap { theme, metric, with, without, .. } => {
                ("finding_theme_gap", self.theme_gap_args(*theme, metric, *with, *without), self.theme_route(*theme))
            }
            Finding::EmergingTheme { theme, period, previous, share, previous_share } => (
                "finding_emerging_theme",
                self.emerging_theme_args(*theme, period, previous, *share, *previous_share),
                self.theme_route(*theme),
            ),
            Finding::StarSpread { dimension, name, five, one, rated, unrated } => (
                star_spread_kind(five, one),
                self.star_spread_args(
                    &self
                        .project
                        .dimensions
                        .iter()
                        .position(|d| &d.id == dimension)
                        .map(|i| self.dimension_name(i))
                        .unwrap_or_else(|| name.clone()),
                    five,
                    one,
                    *rated,
                    *unrated,
                ),
                routes::dimension(dimension),
            ),
        }
    }

    /// The clause naming the partition whose mix explains a significant move, else nothing.
    fn movement_mix(&self, metric: &str, significant: bool, mix: &Option<(String, f64, f64)>) -> String {
        let m = self.measure(metric);
        match mix {
            Some((name, mx, within)) if significant => self.msg(
                "finding_mix",
                &[
                    ("mix", &self.num().change(*mx, m)),
                    ("partition", &self.partition_label(name)),
                    ("within", &self.num().change(*within, m)),
                ],
            ),
            _ => String::new(),
        }
    }

    /// The message of the weakest touchpoint: a pain point's wording says when lower is better.
    fn weakest_kind(&self, metric: &str, pain_point: bool) -> &'static str {
        let lower = self.metric_lower_better(metric);
        match (pain_point, lower) {
            (true, true) => "finding_weakest_pain_lower",
            (true, false) => "finding_weakest_pain",
            (false, _) => "finding_weakest",
        }
    }

    /// The message of the strongest touchpoint: beyond the margin of error or within it.
    fn strongest_kind(&self, metric: &str, standout: bool) -> &'static str {
        match (standout, self.metric_lower_better(metric)) {
            (true, true) => "finding_strongest_clear_lower",
            (true, false) => "finding_strongest_clear",
            (false, _) => "finding_strongest",
        }
    }

    /// The arguments of a lowest- or highest-segment finding: the segment, its value and gap.
    fn segment_gap_args(&self, gap: &SegmentGap, metric: &str) -> FindingArgs {
        let m = self.measure(metric);
        vec![
            ("segment", clean_text(&gap.name)),
            ("metric", self.metric(metric)),
            ("value", self.num().value(gap.value, m)),
            // From all customers' figure, as the headline tile writes it.
            ("gap", self.num().change_between(gap.value, gap.value - gap.gap, m)),
        ]
    }

    /// The arguments of a fix-first finding: the driver's share of importance and its performance.
    fn fix_first_args(&self, touchpoint: usize, importance: f64, performance: f64, metric: &str) -> FindingArgs {
        vec![
            ("touchpoint", clean_text(&self.project.touchpoints[touchpoint].name)),
            ("share", self.num().share(100.0 * importance)),
            // Where there are no weights, importance is the correlation itself.
            ("r", self.num().fixed(importance, 2)),
            ("outcome", self.headline.map(|(d, _)| self.metric(&d.name)).unwrap_or_default()),
            ("metric", self.metric(metric)),
            ("performance", self.num().share(performance)),
            ("interval", self.tp_interval(touchpoint, metric)),
        ]
    }

    /// The arguments of a harshest-segment finding: its gap and interval, signed as harshness
    /// (points lower; points higher where lower is better).
    fn harshest_args(&self, name: &str, score: &str, value: f64, low: f64, high: f64, lower: bool) -> FindingArgs {
        let (value, low, high) = if lower { (-value, -high, -low) } else { (value, low, high) };
        // The gap is on the score's own scale (a mean), not in the share a CSAT tile shows.
        let def = self.project.scores.iter().find(|s| s.id == score);
        let (min, max) = def.map(|d| (d.show(d.min), d.show(d.max))).unwrap_or_default();
        // "Harsher" is a verdict on the interval: its ends as that verdict reads them.
        let (gap_low, gap_high, decimals) = super::format::verdict_ends(-high, -low, 2);
        vec![
            ("segment", clean_text(name)),
            ("metric", self.metric(score)),
            ("min", min),
            ("max", max),
            ("gap", self.num().fixed(-value, 2)),
            // Written as every interval on the site is ("0.18 – 0.22").
            ("interval", self.num().range(&self.num().fixed(gap_low, decimals), &self.num().fixed(gap_high, decimals))),
        ]
    }

    /// The arguments of a theme-gap finding: the metric with and without the theme.
    fn theme_gap_args(&self, theme: usize, metric: &str, with: f64, without: f64) -> FindingArgs {
        let m = self.measure(metric);
        vec![
            ("theme", self.theme_name(theme)),
            ("metric", self.metric(metric)),
            // Scores as every page writes them, the gap as their difference as written: "−20
            // against +19 (−39 pts)" — the table of themes shows the same figures.
            ("with", self.num().value(with, m)),
            ("without", self.num().value(without, m)),
            ("diff", self.num().change_between(with, without, m)),
        ]
    }

    /// The arguments of an emerging-theme finding: its share of comments then and now.
    fn emerging_theme_args(
        &self,
        theme: usize,
        period: &str,
        previous: &str,
        share: f64,
        previous_share: f64,
    ) -> FindingArgs {
        vec![
            ("theme", self.theme_name(theme)),
            ("period", self.period(period)),
            ("previous", self.period(previous)),
            ("share", self.num().share(share)),
            ("previous_share", self.num().share(previous_share)),
        ]
    }

    /// The arguments of a star-spread finding: the first three groups at each end and how many more.
    fn star_spread_args(
        &self,
        name: &str,
        five: &[String],
        one: &[String],
        rated: usize,
        unrated: usize,
    ) -> FindingArgs {
        let list =
            |v: &[String]| v.iter().take(3).map(|s| clean_text(s)).collect::<Vec<_>>().join(self.tr("list_separator"));
        let more = |v: &[String]| self.cat.plural("finding_star_more", v.len().saturating_sub(3) as u64, &[]);
        vec![
            ("dimension", clean_text(name)),
            ("rated", self.num().count(rated as u64)),
            ("unrated", self.num().count(unrated as u64)),
            ("unrated_note", self.cat.plural("finding_star_unrated_more", unrated as u64, &[])),
            ("five", list(five)),
            ("five_more", more(five)),
            ("five_count", self.num().count(five.len() as u64)),
            ("one", list(one)),
            ("one_more", more(one)),
            ("one_count", self.num().count(one.len() as u64)),
        ]
    }

    /// Where the project has no score to lead with (forum posts, tickets: comments alone),
    /// what customers talk about, in words: the top themes with their shares, the comments'
    /// sentiment, and the main complaint at the touchpoints with most comments (at most three).
    /// Empty where a headline leads the page, or fewer than min_n comments were analysed.
    fn said_in_words(&self) -> Vec<Link> {
        use crate::aggregate::{Dim, ALL};
        if self.headline.is_some() {
            return Vec::new();
        }
        let Some(g) = self.ingested.text.group(Dim::Overall, ALL).filter(|g| g.comments >= self.project.min_n) else {
            return Vec::new();
        };
        let num = self.num();
        let share = |part: u64| num.share(100.0 * part as f64 / g.comments as f64);
        let mut out = Vec::new();
        let mut themes: Vec<(usize, u64)> = g.themes.iter().map(|(t, c)| (*t, c.mentions)).collect();
        themes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let named: Vec<String> = themes
            .iter()
            .take(3)
            .map(|(t, m)| self.msg("said_theme", &[("theme", &self.theme_name(*t)), ("share", &share(*m))]))
            .collect();
        let comments = self.cat.plural("comment_count", g.comments, &[]);
        let themes_href = routes::link(routes::INDEX, routes::THEMES);
        if !named.is_empty() {
            let text =
                self.msg("said_themes", &[("comments", &comments), ("themes", &named.join(self.tr("list_separator")))]);
            out.push(Link { text, href: themes_href.clone() });
        }
        let [negative, neutral, positive] = g.sentiment;
        let text = self.msg(
            "said_sentiment",
            &[("negative", &share(negative)), ("neutral", &share(neutral)), ("positive", &share(positive))],
        );
        out.push(Link { text, href: themes_href });
        let mut busiest: Vec<(usize, u64)> = (0..self.project.touchpoints.len())
            .filter(|t| self.tp_shows_comments(*t))
            .filter_map(|t| {
                let id = &self.project.touchpoints[t].id;
                self.ingested.text.group(Dim::Touchpoint, id).map(|g| (t, g.comments))
            })
            .collect();
        busiest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for (t, _) in busiest.into_iter().take(3) {
            let t = &self.project.touchpoints[t];
            let who = self.msg("complaint_who_touchpoint", &[("name", &clean_text(&t.name))]);
            if let Some(text) = self.complaint(Dim::Touchpoint, &t.id, &who) {
                out.push(Link { text, href: routes::link(routes::INDEX, &routes::touchpoint_of(self.project, t)) });
            }
        }
        out
    }

    /// What customers complain about at each pain point (at most [`MAX_PAIN_POINT_COMPLAINTS`],
    /// weakest first), in words.
    fn pain_point_complaints(&self) -> Vec<Link> {
        self.insights
            .touchpoints_by_score
            .iter()
            .filter(|r| r.pain_point)
            .take(MAX_PAIN_POINT_COMPLAINTS)
            .filter_map(|r| {
                let t = &self.project.touchpoints[r.touchpoint];
                let who = self.msg("complaint_who_touchpoint", &[("name", &clean_text(&t.name))]);
                let text = self.complaint(crate::aggregate::Dim::Touchpoint, &t.id, &who)?;
                Some(Link { text, href: routes::link(routes::INDEX, &routes::touchpoint(&t.id)) })
            })
            .collect()
    }

    /// The whole data's figure, always beside a period's on the summary.
    pub(super) fn whole_figure(
        &self,
        def: &crate::metrics::MetricDef,
        row: Option<&crate::metrics::MetricRow>,
    ) -> String {
        let n = row.map(|r| r.n).unwrap_or(0);
        let value = match row.and_then(|r| r.value) {
            Some(v) => self.num().value(v, def.measure),
            None => self.suppressed_text(n),
        };
        let span = self.period_span();
        let args = [("scope", self.tr("all_time")), ("span", &span), ("value", &value), ("n", &self.num().count(n))];
        self.msg("tile_whole", &args)
    }

    /// The periods the data spans, as the tiles name them ("Jan 2024 – Mar 2024", or one
    /// period's name); empty for undated data.
    fn period_span(&self) -> String {
        let ps = &self.insights.periods;
        match (ps.first(), ps.last()) {
            (Some(a), Some(b)) if a != b => {
                self.msg("period_span", &[("first", &self.period(a)), ("last", &self.period(b))])
            }
            (Some(a), _) => self.period(a),
            _ => String::new(),
        }
    }

    /// What a figure of all responses covers, in the tiles' words: "all responses (Jan 2024 –
    /// Mar 2024)", or "all responses" for undated data. The journey map, the ranking of
    /// touchpoints and the journey page's tables say it in their titles.
    pub(super) fn all_scope(&self) -> String {
        match self.period_span() {
            span if span.is_empty() => self.tr("scope_all").into(),
            span => self.msg("scope_all_span", &[("span", &span)]),
        }
    }

    /// Why the latest period is not the headline: its days so far, or its few answers.
    fn thin_note(&self, t: &crate::insights::ThinPeriod) -> String {
        let (period, n) = (self.period(&t.period), self.num().count(t.n));
        match t.days {
            Some(days) => {
                let days = self.counted("count_days", u64::from(days));
                self.msg("tile_thin_days", &[("period", &period), ("days", &days), ("n", &n)])
            }
            None => self.msg("tile_thin_n", &[("period", &period), ("n", &n)]),
        }
    }

    /// What the journey's parts are called: stages when every touchpoint stands for its stage
    /// (data that knows only stages), else touchpoints.
    pub(super) fn tp_noun(&self, plural: bool) -> &'a str {
        self.tr(match (self.stages_only(), plural) {
            (true, false) => "noun_stage",
            (true, true) => "noun_stages",
            (false, false) => "noun_touchpoint",
            (false, true) => "noun_touchpoints",
        })
    }

    /// Whether a lower value of this metric is the better one.
    fn lower_better(&self, def: &crate::metrics::MetricDef) -> bool {
        self.project.scores[def.score].lower_better
    }

    /// Whether a lower value of the metric of this name is the better one.
    pub(super) fn metric_lower_better(&self, metric: &str) -> bool {
        self.metrics.defs.iter().find(|d| d.name == metric).is_some_and(|d| self.lower_better(d))
    }

    /// How a metric is measured (NPS when it is not known).
    pub(super) fn measure(&self, metric: &str) -> Measure {
        self.metrics.defs.iter().find(|d| d.name == metric).map(|d| d.measure).unwrap_or(Measure::Nps)
    }

    fn tp_route(&self, i: usize) -> String {
        routes::touchpoint_of(self.project, &self.project.touchpoints[i])
    }

    /// " (95% interval a – b)" of a touchpoint's metric, so a number is never without its
    /// precision; empty when it has no interval.
    fn tp_interval(&self, i: usize, metric: &str) -> String {
        let row = self.metrics.get("touchpoint", &self.project.touchpoints[i].id, metric);
        match (row.and_then(|r| r.ci_low), row.and_then(|r| r.ci_high)) {
            (Some(a), Some(b)) => {
                self.msg("finding_interval", &[("interval", &self.num().interval(a, b, self.measure(metric)))])
            }
            _ => String::new(),
        }
    }

    /// The arguments of the weakest- and strongest-touchpoint findings.
    fn touchpoint_args(&self, tp: usize, metric: &str, value: f64, overall: f64) -> Vec<(&'static str, String)> {
        let m = self.measure(metric);
        vec![
            ("noun", self.tp_noun(false).to_string()),
            ("touchpoint", clean_text(&self.project.touchpoints[tp].name)),
            ("metric", self.metric(metric)),
            ("value", self.num().value(value, m)),
            ("interval", self.tp_interval(tp, metric)),
            ("overall", self.num().value(overall, m)),
        ]
    }

    /// The name of a mix partition for sentences.
    pub(super) fn partition_label(&self, name: &str) -> String {
        match name {
            "touchpoint" => self.tr("partition_touchpoint").to_string(),
            "source" => self.tr("partition_source").to_string(),
            other => self
                .project
                .segments
                .iter()
                .find(|s| s.id == other)
                .map(|s| clean_text(&s.name))
                .unwrap_or_else(|| other.to_string()),
        }
    }
}

/// A finding's named message arguments.
type FindingArgs = Vec<(&'static str, String)>;

/// A finding's message key, its named arguments and the route of its evidence.
type FindingParts = (&'static str, FindingArgs, String);

/// The message of a movement: insignificant moves are never called rises or falls.
fn movement_kind(significant: bool, diff: f64) -> &'static str {
    match (significant, diff > 0.0) {
        (false, _) => "finding_noise",
        (true, true) => "finding_rose",
        (true, false) => "finding_fell",
    }
}

/// The message of a fix-first finding, by what ranked the drivers: relative weights, the
/// correlations alone where the weights could not be worked out, or the top-box gap, which
/// says which way the outcome moves (`lower` when a lower outcome is the better one).
fn fix_first_kind(importance: Option<Importance>, lower: bool) -> &'static str {
    match (importance, lower) {
        (Some(Importance::Weights), _) => "finding_fix_first_weights",
        (Some(Importance::Correlation), _) => "finding_fix_first_correlation",
        (_, false) => "finding_fix_first_top_box",
        (_, true) => "finding_fix_first_top_box_lower",
    }
}

/// The message of a star spread. Tied groups can leave an end of the scale empty: never
/// "One star: ."
fn star_spread_kind(five: &[String], one: &[String]) -> &'static str {
    match (five.is_empty(), one.is_empty()) {
        (false, false) => "finding_star_spread",
        (false, true) => "finding_star_spread_no_one",
        (true, false) => "finding_star_spread_no_five",
        (true, true) => "finding_star_spread_middle",
    }
}

/// The most pain points whose complaints the summary names, weakest first: every one of a
/// journey's usual few (the sample's four; it named three), and no more than a glance takes
/// where a long journey has many (the journey map flags them all).
const MAX_PAIN_POINT_COMPLAINTS: usize = 6;
