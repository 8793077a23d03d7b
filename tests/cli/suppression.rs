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

/// The audit's shape (min_n 10): touchpoints a (stage s1) and b (stage s2), 20 answers each,
/// 10 in March and 10 in April 2024, stores S1 and S2; and three answers of score 0 that one
/// breakdown each leaves out: one with a blank touchpoint, one at `a` with an unreadable date,
/// one at `b` with a blank store. Each partition's children then add up to one answer short of
/// their parent: the one answer is a part nobody publishes, and subtracting must not give it.
fn write_remainders(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let yaml = "title: Remainders\nmin_n: 10\njourney:\n  stages:\n    - { id: s1, name: Buy, touchpoints: [{ id: a, name: Alpha }] }\n    - { id: s2, name: Use, touchpoints: [{ id: b, name: Beta }] }\ndatasets:\n  - id: sv\n    path: data/sv.csv\n    columns: { touchpoint: tp, date: date }\n    scores:\n      nps: { column: nps }\n    dimensions: [store]\n";
    std::fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let mut csv = String::from("date,tp,store,nps\n");
    for (i, tp) in ["a", "b"].iter().cycle().take(40).enumerate() {
        let (month, store) = (3 + (i / 2) % 2, if i < 20 { "S1" } else { "S2" });
        csv.push_str(&format!("2024-0{month}-{:02},{tp},{store},{}\n", 1 + i % 20, [10, 9, 7, 3, 6][i % 5]));
    }
    csv.push_str("2024-03-15,,S1,0\nsomeday,a,S2,0\n2024-04-10,b,,0\n");
    std::fs::write(dir.join("data/sv.csv"), csv).unwrap();
}

/// A row of metrics.csv by (dimension, group).
type Cell = (String, String);

#[test]
fn answers_that_a_breakdown_leaves_out_cannot_be_worked_out_by_subtraction() {
    let p = Project::written("remainders", write_remainders);
    let m = p.built_metrics();
    let min_n = 10;
    let n = |d: &str, g: &str| -> u64 { m.row(d, g, "nps").n.parse().unwrap() };
    assert_eq!(n("overall", "all"), 43);
    // The sums a reader could take, restated from the shape.
    let mut sums: BTreeMap<Cell, Vec<Vec<Cell>>> = BTreeMap::new();
    let all = ("overall".to_string(), "all".to_string());
    for dim in ["touchpoint", "stage", "store", "period", "source"] {
        let parts = m.groups(dim).iter().map(|g| (dim.to_string(), g.to_string())).collect();
        sums.entry(all.clone()).or_default().push(parts);
    }
    for (stage, tp) in [("s1", "a"), ("s2", "b")] {
        sums.entry(("stage".into(), stage.into())).or_default().push(vec![("touchpoint".into(), tp.into())]);
    }
    for dim in ["touchpoint", "stage", "store", "source"] {
        let twin = format!("{dim}_period");
        let mut by_group: BTreeMap<Cell, Vec<Cell>> = BTreeMap::new();
        let mut by_period: BTreeMap<Cell, Vec<Cell>> = BTreeMap::new();
        for g in m.groups(&twin) {
            let (group, period) = g.split_once('|').unwrap();
            by_group.entry((dim.into(), group.into())).or_default().push((twin.clone(), g.into()));
            by_period.entry(("period".into(), period.into())).or_default().push((twin.clone(), g.into()));
        }
        for (parent, parts) in by_group.into_iter().chain(by_period) {
            sums.entry(parent).or_default().push(parts);
        }
    }
    let mut remainders = 0;
    for ((pd, pg), partitions) in &sums {
        for parts in partitions {
            let parent_shown = shown(&m, pd, pg, "nps");
            let rest = n(pd, pg) - parts.iter().map(|(d, g)| n(d, g)).sum::<u64>();
            let hidden: Vec<_> = parts.iter().filter(|(d, g)| !shown(&m, d, g, "nps")).collect();
            let hidden_n: u64 = hidden.iter().map(|(d, g)| n(d, g)).sum();
            if rest > 0 {
                remainders += 1;
            }
            if parent_shown && rest > 0 && rest < min_n {
                // parent − published parts = the hidden parts and the left-out answers.
                assert!(
                    !hidden.is_empty() && hidden_n + rest >= min_n,
                    "{pd}/{pg} is published, {parts:?} leave out {rest} answer(s) and only {hidden:?} are hidden: \
                     the left-out answers could be worked out"
                );
            } else if parent_shown {
                assert!(hidden.len() != 1, "{pd}/{pg}: only {hidden:?} is hidden among {parts:?}");
            } else if rest == 0 {
                assert!(!hidden.is_empty(), "{pd}/{pg} is hidden but {parts:?} are all published and add up to it");
            }
        }
    }
    // The blank touchpoint, the undated answer and the blank store each leave a sum short.
    assert!(remainders >= 3, "{sums:?}");
}

/// Channel `web` is served by touchpoint `a` alone, so both publish the same figure. Touchpoint
/// `c` (3 answers, min_n 10) is hidden, and `a` (12, the smallest other touchpoint) with it;
/// publishing `web` would print `a`'s hidden NPS under another name.
fn write_twins(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    let yaml = "title: Twins\nmin_n: 10\njourney:\n  stages:\n    - { id: s1, name: Buy, touchpoints: [{ id: a, name: Alpha }, { id: b, name: Beta }, { id: c, name: Gamma }] }\ndatasets:\n  - id: sv\n    path: data/sv.csv\n    columns: { touchpoint: tp }\n    scores:\n      nps: { column: nps }\n    dimensions: [channel]\n";
    std::fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let mut csv = String::from("tp,channel,nps\n");
    let rows = std::iter::repeat_n("a,web", 12)
        .chain(std::iter::repeat_n("b,store", 30))
        .chain(std::iter::repeat_n("c,store", 3));
    for (i, r) in rows.enumerate() {
        csv.push_str(&format!("{r},{}\n", [10, 9, 7, 3, 6, 10, 8][i % 7]));
    }
    std::fs::write(dir.join("data/sv.csv"), csv).unwrap();
}

#[test]
fn a_withheld_figure_is_not_published_again_under_another_breakdown() {
    let p = Project::written("twins", write_twins);
    let m = p.built_metrics();
    assert_eq!(m.cells("touchpoint", "c", "nps")[1..], ["", "", ""]);
    assert_eq!(m.cells("touchpoint", "a", "nps"), ["12", "", "", ""], "a is the complement of c");
    assert_eq!(m.cells("channel", "web", "nps"), ["12", "", "", ""], "web is a under another name");
    // With web hidden, store (its breakdown's only other part) would give web back as
    // all customers − store: it goes too.
    assert!(!shown(&m, "channel", "store", "nps") && shown(&m, "overall", "all", "nps"));
    assert!(shown(&m, "touchpoint", "b", "nps"));
}

/// One touchpoint; tiers gold (100 answers: 1 to 5 in turn), silver (60: 2 to 5) and vip (5,
/// all 1); min_n 30. The shape an audit worked vip's exact mean out of.
fn harsh_tiers() -> Project {
    Project::written("harsh_tiers", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: t\nmin_n: 30\njourney:\n  stages:\n    - id: s\n      name: S\n      touchpoints:\n        \
             - { id: t, name: T }\nsegments:\n  - { from_column: tier, id: tier, name: Tier }\ndatasets:\n  \
             - id: d\n    path: data/d.csv\n    touchpoint: t\n    scores:\n      csat: { column: s, scale: [1, 5] }\n",
        )
        .unwrap();
        let mut csv = String::from("tier,s\n");
        for i in 0..100 {
            csv += &format!("gold,{}\n", 1 + i % 5);
        }
        for i in 0..60 {
            csv += &format!("silver,{}\n", 2 + i % 4);
        }
        csv += &"vip,1\n".repeat(5);
        std::fs::write(dir.join("data/d.csv"), csv).unwrap();
    })
}

#[test]
fn a_withheld_segment_has_no_harshness_that_would_give_its_mean_back() {
    let p = harsh_tiers();
    let m = p.built_metrics();
    // vip (5 answers) is hidden; silver, its complement in the sum of 165, is withheld.
    assert_eq!(m.cells("segment", "tier:vip", "csat_mean"), ["5", "", "", ""]);
    assert_eq!(m.cells("segment", "tier:silver", "csat_mean"), ["60", "", "", ""]);
    // Before, silver's harshness (its mean minus all customers' at t) was published: overall
    // mean − harshness gave silver's mean, and the sum then vip's.
    assert!(!m.has("segment", "tier:silver", "csat_harshness"));
    assert!(!m.has("segment", "tier:vip", "csat_harshness"));
    // Gold is published: its harshness is its mean (3) minus t's, (300 + 210 + 5) / 165.
    let want = 3.0 - 515.0 / 165.0;
    assert!((m.value("segment", "tier:gold", "csat_harshness") - want).abs() < 5e-4, "{want}");
    // The segments page shows no harshness or gap for silver either.
    let page = std::fs::read_to_string(p.public().join("segments/index.html")).unwrap();
    let json = p.built_json();
    let harsh = json["harshness"].as_array().cloned().unwrap_or_default();
    assert!(harsh.iter().all(|h| h["segment"] != "tier:silver"), "{harsh:?}");
    // Silver's mean is 3.5: its harshness and naive gap were +0.38 (3.5 − 515/165).
    assert!(!page.contains("data-value=\"0.378788\""), "silver's gap on the page");
}

/// Segments defined by rules may hold one another. Members (96 answers) hold the members
/// outside the South (88): published side by side, the two gave away the 8 Southern members'
/// NPS, (96·m − 88·o) / 8, though the South's own figure is hidden below min_n. And a rule
/// that takes two tiers (`premium`: gold and platinum) less the gold tier gave away the hidden
/// platinum tier. The producer counts which segments hold all of another's answers; each such
/// pair is a sum like any other.
#[test]
fn a_segment_inside_another_does_not_give_away_the_answers_between_them() {
    let yaml = "title: T\nmin_n: 30\ntimezone: UTC\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\nsegments:\n  - { id: members, name: Members, when: \"member == 'yes'\" }\n  - { id: members_not_south, name: Members outside the South, when: \"member == 'yes' and region != 'South'\" }\n  - { id: south, name: South, when: \"region == 'South'\" }\n  - { from_column: tier, name: Tier }\n  - { id: premium, name: Premium, when: \"tier in ['gold', 'platinum']\" }\ndatasets:\n  - id: s\n    path: data/s.csv\n    touchpoint: web\n    scores:\n      nps: { column: recommend, scale: [0, 10] }\n";
    // 140 rows: 96 members (8 of them in the South, all detractors), 44 others in the North.
    // Tiers: 12 platinum, 60 gold, 68 silver.
    let mut csv = String::from("id,region,member,tier,recommend\n");
    for i in 0..140 {
        let (region, member) = match i {
            0..=7 => ("South", "yes"),
            8..=95 => ("North", "yes"),
            _ => ("North", "no"),
        };
        let tier = match i % 10 {
            0 if i < 120 => "platinum",
            1..=5 => "gold",
            _ => "silver",
        };
        let score = if i < 8 { 0 } else { [10, 9, 7, 3, 10][i % 5] };
        csv += &format!("R{i},{region},{member},{tier},{score}\n");
    }
    let p = Project::written("nested", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
        std::fs::write(dir.join("data/s.csv"), &csv).unwrap();
    });
    let m = p.built_metrics();
    assert_eq!(m.cells("segment", "south", "nps"), ["8", "", "", ""]);
    assert_eq!(m.row("segment", "members", "nps").n, "96");
    assert_eq!(m.row("segment", "members_not_south", "nps").n, "88");
    assert!(
        !(shown(&m, "segment", "members", "nps") && shown(&m, "segment", "members_not_south", "nps")),
        "members less members outside the South gives the South away"
    );
    assert_eq!(m.row("segment", "tier:platinum", "nps").n, "12");
    assert!(!shown(&m, "segment", "tier:platinum", "nps"));
    assert!(
        !(shown(&m, "segment", "premium", "nps") && shown(&m, "segment", "tier:gold", "nps")),
        "premium less gold gives platinum away"
    );
}
