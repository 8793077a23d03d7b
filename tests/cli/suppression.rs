//! Complementary suppression end to end, on `tests/fixtures/metrics` with the rule on (the
//! fixture turns it off to test formulas). Shape: web 40 answers, store 19, hotline 1; stage
//! buy 59, help 1; 2024-01 40, 2024-02 20; region North 30, South 29, east 1; min_n 30.

use std::collections::BTreeMap;

use crate::support::{MetricsCsv, Project};

fn suppressed_metrics() -> (Project, MetricsCsv) {
    let p = Project::new("metrics");
    p.replace("cxsite.yaml", "complementary_suppression: false", "");
    let m = p.built_metrics();
    (p, m)
}

fn shown(m: &MetricsCsv, dimension: &str, group: &str, metric: &str) -> bool {
    !m.row(dimension, group, metric).value.is_empty()
}

#[test]
fn a_stage_that_would_give_away_a_one_answer_stage_is_hidden_with_its_count_kept() {
    let (_p, m) = suppressed_metrics();
    // overall (60) − buy (59) = help (1 answer): buy is hidden too; its n stays.
    assert!(shown(&m, "overall", "all", "nps"));
    assert_eq!(m.cells("stage", "help", "nps"), ["1", "", "", ""]);
    assert_eq!(m.cells("stage", "buy", "nps"), ["59", "", "", ""]);
    // overall (60) − January (40) = February (20 < 30): January is hidden too.
    assert_eq!(m.cells("period", "2024-02", "nps"), ["20", "", "", ""]);
    assert_eq!(m.cells("period", "2024-01", "nps"), ["40", "", "", ""]);
    // Two regions are small already (South 29, east 1): North (exactly 30) stays.
    assert!(shown(&m, "region", "North", "nps"));
}

/// The sums a reader could take: (parent dimension, parent group) → child (dimension, group)s,
/// restated here from the fixture's shape, not from cxsite's code.
fn sums(m: &MetricsCsv) -> BTreeMap<(String, String), Vec<(String, String)>> {
    let mut out: BTreeMap<(String, String), Vec<(String, String)>> = BTreeMap::new();
    let all = ("overall".to_string(), "all".to_string());
    for dim in ["touchpoint", "stage", "region", "period", "source"] {
        for g in m.groups(dim) {
            out.entry(all.clone()).or_default().push((dim.into(), g.into()));
        }
    }
    for (stage, tps) in [("buy", ["web", "store"].as_slice()), ("help", ["hotline"].as_slice())] {
        for t in tps.iter().filter(|t| m.groups("touchpoint").contains(t)) {
            out.entry(("stage".into(), stage.into())).or_default().push(("touchpoint".into(), t.to_string()));
        }
    }
    for dim in ["touchpoint", "region"] {
        for g in m.groups(&format!("{dim}_period")) {
            let (group, period) = g.split_once('|').unwrap();
            out.entry((dim.into(), group.into())).or_default().push((format!("{dim}_period"), g.into()));
            out.entry(("period".into(), period.into())).or_default().push((format!("{dim}_period"), g.into()));
        }
    }
    out
}

#[test]
fn no_published_total_has_exactly_one_hidden_part() {
    let (_p, m) = suppressed_metrics();
    let sums = sums(&m);
    assert!(sums.len() > 8, "{sums:?}");
    for metric in ["nps", "csat", "csat_mean", "ces"] {
        for ((pd, pg), children) in &sums {
            if !m.has(pd, pg, metric) || !shown(&m, pd, pg, metric) {
                continue;
            }
            let present: Vec<_> = children.iter().filter(|(d, g)| m.has(d, g, metric)).collect();
            let hidden: Vec<_> = present.iter().filter(|(d, g)| !shown(&m, d, g, metric)).collect();
            assert!(
                hidden.len() != 1,
                "{metric}: {pd}/{pg} is published and only {hidden:?} of its parts is hidden: it could be worked out"
            );
        }
    }
}

#[test]
fn a_hidden_group_has_no_change_and_no_league_rank_that_would_give_its_value_back() {
    let (p, m) = suppressed_metrics();
    for r in m.rows.iter().filter(|r| ["nps", "csat", "csat_mean", "ces"].contains(&r.metric.as_str())) {
        if r.value.is_empty() {
            for derived in ["change", "shrunk", "rank", "stars"] {
                let d = format!("{}_{derived}", r.metric);
                assert!(
                    !m.has(&r.dimension, &r.group, &d) || m.row(&r.dimension, &r.group, &d).value.is_empty(),
                    "{} {} {d} published although {} is hidden",
                    r.dimension,
                    r.group,
                    r.metric
                );
            }
        }
    }
    // Turning the rule off is allowed, with a warning naming the key.
    p.replace("cxsite.yaml", "min_n: 30", "min_n: 30\ncomplementary_suppression: false");
    let run = p.build();
    assert!(run.stderr.contains("complementary_suppression is off"), "{}", run.stderr);
}
