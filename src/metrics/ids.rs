//! Typed metric and dimension ids, and the one place they become the strings of the output
//! contract (`metrics.csv`'s `dimension` and `metric` columns).
//!
//! Nothing else in cxsite builds or parses these strings: code that needs to know what a
//! row measures reads its [`MetricId`] or [`Dim`], never a suffix such as `_mean`.

use crate::aggregate::{Dim, GroupKey};
use crate::project::{Project, ScoreDef};

/// What a metric measures.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MetricId {
    /// A score's headline measure, named by the score's id: NPS in points, a rating's
    /// top-box share, or a mean score's mean (`nps`, `csat`, `ces`).
    Headline(usize),
    /// A rating's mean on its scale: `<rating>_mean`.
    RatingMean(usize),
    /// The change of a metric from the previous period: `<metric>_change`.
    Change(Box<MetricId>),
    /// A segment's harshness on a score, in the score's points: `<score>_harshness`.
    Harshness(usize),
    /// A league-table column of a metric: `<metric>_shrunk`, `_rank`, `_stars`.
    League(Box<MetricId>, LeagueColumn),
    /// The mix or within part of a period's change, by partition: `<metric>_mix_<partition>`.
    Mix(Box<MetricId>, MixPart, String),
    /// A key-driver statistic of the outcome: `<outcome>_driver_r`, `_driver_gap`,
    /// `_driver_weight`, `_driver_r2`.
    Driver(Box<MetricId>, DriverStat),
    /// The share choosing one option of a multi-select question, named by the option's
    /// indicator: `<question>_<option>` (`languages_python`).
    Choice(usize),
    /// A statistic of a comment theme (by theme id): `<theme>_mentions`, `<theme>_share`,
    /// `<theme>_negative`, `<theme>_share_change`, `<theme>_<metric>_gap`.
    Theme(String, ThemeStat),
}

/// A statistic of a comment theme in a group.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ThemeStat {
    /// Comments mentioning the theme.
    Mentions,
    /// Share of the group's comments that mention it, percent.
    Share,
    /// Share of the theme's mentions that are negative, percent.
    Negative,
    /// Change of the share from the previous period, in %-points.
    ShareChange,
    /// The metric of answers whose comment mentions the theme minus that of the others.
    Gap(Box<MetricId>),
}

/// A league-table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeagueColumn {
    Shrunk,
    Rank,
    Stars,
}

/// The two parts of a change split by [`super::mix`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MixPart {
    Mix,
    Within,
}

/// A key-driver statistic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DriverStat {
    /// Correlation with the outcome (respondent level).
    R,
    /// Outcome gap, top box minus the rest (one touchpoint per respondent).
    Gap,
    /// Johnson's relative weight, percent.
    Weight,
    /// R² of all touchpoints together, percent.
    R2,
}

impl MetricId {
    /// The metric's name in metrics.csv.
    pub fn name(&self, scores: &[ScoreDef]) -> String {
        match self {
            MetricId::Headline(s) | MetricId::Choice(s) => scores[*s].id.clone(),
            MetricId::RatingMean(s) => format!("{}_mean", scores[*s].id),
            MetricId::Change(m) => format!("{}_change", m.name(scores)),
            MetricId::Harshness(s) => format!("{}_harshness", scores[*s].id),
            MetricId::League(m, c) => {
                let c = match c {
                    LeagueColumn::Shrunk => "shrunk",
                    LeagueColumn::Rank => "rank",
                    LeagueColumn::Stars => "stars",
                };
                format!("{}_{c}", m.name(scores))
            }
            MetricId::Mix(m, part, partition) => {
                let part = match part {
                    MixPart::Mix => "mix",
                    MixPart::Within => "within",
                };
                format!("{}_{part}_{partition}", m.name(scores))
            }
            MetricId::Driver(m, stat) => {
                let stat = match stat {
                    DriverStat::R => "driver_r",
                    DriverStat::Gap => "driver_gap",
                    DriverStat::Weight => "driver_weight",
                    DriverStat::R2 => "driver_r2",
                };
                format!("{}_{stat}", m.name(scores))
            }
            MetricId::Theme(theme, stat) => match stat {
                ThemeStat::Mentions => format!("{theme}_mentions"),
                ThemeStat::Share => format!("{theme}_share"),
                ThemeStat::Negative => format!("{theme}_negative"),
                ThemeStat::ShareChange => format!("{theme}_share_change"),
                ThemeStat::Gap(m) => format!("{theme}_{}_gap", m.name(scores)),
            },
        }
    }

    /// Whether this is a score's headline (a rating's headline is its top-box share, not its mean).
    pub fn is_headline(&self) -> bool {
        matches!(self, MetricId::Headline(_))
    }
}

/// The `dimension` column for a group kind (without period).
pub fn dimension_name(project: &Project, dim: Dim) -> String {
    match dim {
        Dim::Overall => "overall".into(),
        Dim::Stage => "stage".into(),
        Dim::Touchpoint => "touchpoint".into(),
        Dim::Segment => "segment".into(),
        Dim::Source => "source".into(),
        Dim::Custom(i) => project.dimensions[i].id.clone(),
        Dim::TouchpointSegment => "touchpoint_segment".into(),
    }
}

/// The `dimension` column of a group's trend: `period` for all customers, else
/// `<dimension>_period`.
pub fn trend_dimension_name(project: &Project, dim: Dim) -> String {
    match dim {
        Dim::Overall => "period".into(),
        d => format!("{}_period", dimension_name(project, d)),
    }
}

/// The (dimension, group) of metrics.csv for a group key: a group within a period is
/// `period`/`2025-03` for all customers and `<dimension>_period`/`<group>|2025-03` otherwise.
pub fn row_key(project: &Project, key: &GroupKey) -> (String, String) {
    match (&key.period, key.dim) {
        (None, d) => (dimension_name(project, d), key.group.clone()),
        (Some(p), Dim::Overall) => (trend_dimension_name(project, Dim::Overall), p.clone()),
        (Some(p), d) => (trend_dimension_name(project, d), format!("{}|{p}", key.group)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ScoreKind;

    fn score(id: &str, kind: ScoreKind) -> ScoreDef {
        ScoreDef::new(id, kind, 1, 5, 4)
    }

    #[test]
    fn every_metric_kind_has_its_contract_name() {
        let scores = [score("nps", ScoreKind::Nps), score("csat", ScoreKind::Rating)];
        let nps = || Box::new(MetricId::Headline(0));
        let cases = [
            (MetricId::Headline(1), "csat"),
            (MetricId::RatingMean(1), "csat_mean"),
            (MetricId::Change(Box::new(MetricId::RatingMean(1))), "csat_mean_change"),
            (MetricId::Harshness(1), "csat_harshness"),
            (MetricId::League(nps(), LeagueColumn::Stars), "nps_stars"),
            (MetricId::Mix(nps(), MixPart::Within, "touchpoint".into()), "nps_within_touchpoint"),
            (MetricId::Driver(nps(), DriverStat::R2), "nps_driver_r2"),
            (MetricId::Choice(1), "csat"),
        ];
        for (id, name) in cases {
            assert_eq!(id.name(&scores), name);
            // Project validation refuses score ids that would clash with a derived name, so
            // every derived name must end in a suffix it knows.
            if !matches!(id, MetricId::Headline(_) | MetricId::Choice(_)) {
                let rest = name.split_once('_').map(|x| x.1).unwrap_or("");
                assert!(
                    crate::project::DERIVED_METRIC_SUFFIXES.contains(&rest)
                        || crate::project::DERIVED_METRIC_PREFIXES.iter().any(|p| rest.starts_with(p))
                        || rest.starts_with("mean_"),
                    "{name}"
                );
            }
        }
        let theme = |stat| MetricId::Theme("delivery".into(), stat).name(&scores);
        assert_eq!(theme(ThemeStat::Share), "delivery_share");
        assert_eq!(theme(ThemeStat::Mentions), "delivery_mentions");
        assert_eq!(theme(ThemeStat::Negative), "delivery_negative");
        assert_eq!(theme(ThemeStat::ShareChange), "delivery_share_change");
        assert_eq!(theme(ThemeStat::Gap(nps())), "delivery_nps_gap");
        assert_eq!(theme(ThemeStat::Gap(Box::new(MetricId::Headline(1)))), "delivery_csat_gap");
        assert!(MetricId::Headline(1).is_headline());
        assert!(!MetricId::RatingMean(1).is_headline());
    }
}
