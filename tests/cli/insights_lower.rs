//! A lower-is-better score, `tests/fixtures/insights_lower` (min_n 5): `wait` is 1 for a long
//! wait and 0 otherwise, `better: lower`, and the loyalty outcome; CSAT (1–5, top box 4–5) is
//! the touchpoint rating of each row (long data). The same data mirrored — wait → 1 − wait,
//! `better: higher`, "Short wait" — describes the same experience, so every verdict must be
//! the same with the signs of the numbers turned round.
//!
//! By hand (the fixture's counts, in its cxsite.yaml):
//! - long waits: web 28/40 = 70 %, store 11/40 = 27.5 %, all 39/80 = 48.75 %; Young 27/40 =
//!   67.5 % (gap +18.75), Old 12/40 = 30 % (gap −18.75). Wilson 95 % (z² = 3.841459):
//!   Young .675 → centre (.675 + .048018)/1.096037 = .659670, half √(.675·.325/40 +
//!   3.841459/6400)·1.959964/1.096037 = .139489 → 52.02 … 79.92 %; Old .3 → centre .317525,
//!   half .136776 → 18.07 … 45.43 %. Both exclude 48.75: significant.
//! - harshness (means of 0/1): Young web .9 − .7 = +.2, store .45 − .275 = +.175, 20 answers
//!   each → H = (20·.2 + 20·.175)/40 = .1875; s² = 20·.9·.1/19 = .094737 and 20·.45·.55/19 =
//!   .260526, SE = √(20·.355263)/40 = .066639, ∓ 1.959964·SE = ∓ .130610 → .0569 … .3181.
//!   Old: −.2 and −.175 → H = −.1875; s² = 20·.5·.5/19 = .263158 and 20·.1·.9/19 = .094737,
//!   SE = √(20·.357895)/40 = .066886, ∓ .131093 → −.3186 … −.0564.
//! - driver gap (long-wait share of CSAT top-box raters − the rest): web 6/16 − 22/24 =
//!   37.5 − 91.6667 = −54.1667 points; store 3/24 − 8/16 = 12.5 − 50 = −37.5. Top-box raters
//!   wait long less often: the favourable direction. Importance relative to the largest
//!   favourable gap: web 54.1667/54.1667 = 100 %, store 37.5/54.1667 = .6923 → 69 %.
//! - CSAT top box: web 16/40 = 40 %, store 24/40 = 60 %: web is the one to fix first.
//! - Mermaid mood, 1 + 4·(position on 0–100 % with better = 1): web long waits 70 % → 1 +
//!   4·.3 = 2.2 → 2; store 27.5 % → 1 + 4·.725 = 3.9 → 4.

use std::path::Path;

use scraper::{Html, Selector};

use crate::support::*;

/// The whitespace-normalised texts of what `css` selects on a built page.
fn texts(site: &Path, rel: &str, css: &str) -> Vec<String> {
    let html = Html::parse_document(&std::fs::read_to_string(site.join(rel)).unwrap());
    let sel = Selector::parse(css).unwrap();
    html.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// The fixture as it is (long waits, lower is better), built.
fn lower() -> Project {
    let p = Project::new("insights_lower");
    p.build().expect(0);
    p
}

/// The fixture mirrored: each wait v read as 1 − v ("short wait"), higher is better; built.
fn mirrored() -> Project {
    let p = Project::new("insights_lower");
    p.replace("cxsite.yaml", "better: lower, name: Long wait", "better: higher, name: Short wait");
    let path = p.path("data/survey.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let flipped: Vec<String> = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut cells: Vec<String> = line.split(',').map(str::to_string).collect();
            if i > 0 {
                cells[3] = if cells[3] == "1" { "0".into() } else { "1".into() };
            }
            cells.join(",")
        })
        .collect();
    std::fs::write(&path, flipped.join("\n") + "\n").unwrap();
    p.build().expect(0);
    p
}

/// The Mermaid mood of each touchpoint in data/journey.mmd: (name, 1–5).
fn moods(p: &Project) -> Vec<(String, i64)> {
    p.built("data/journey.mmd")
        .lines()
        .filter(|l| l.starts_with("    "))
        .map(|l| {
            let mut parts = l.trim().split(':');
            let name = parts.next().unwrap().split(" (").next().unwrap().to_string();
            (name, parts.next().unwrap().trim().parse().unwrap())
        })
        .collect()
}

#[test]
fn a_lower_is_better_score_has_its_harshness_and_driver_gaps_as_computed_by_hand() {
    let m = MetricsCsv::read(&lower().public());
    assert_eq!(m.cells("segment", "young", "wait_harshness"), ["40", "0.1875", "0.0569", "0.3181"]);
    assert_eq!(m.cells("segment", "old", "wait_harshness"), ["40", "-0.1875", "-0.3186", "-0.0564"]);
    assert_eq!(m.cells("segment", "young", "wait"), ["40", "67.5000", "52.0177", "79.9155"]);
    assert_eq!(m.cells("segment", "old", "wait"), ["40", "30.0000", "18.0748", "45.4300"]);
    // The gaps keep their sign (top box minus the rest); only their reading turns around.
    assert_eq!(m.value("touchpoint", "web", "wait_driver_gap"), -54.1667);
    assert_eq!(m.value("touchpoint", "store", "wait_driver_gap"), -37.5);
}

#[test]
fn findings_on_a_lower_is_better_score_name_the_segment_that_waits_longest_the_harshest() {
    let p = lower();
    let findings = texts(&p.public(), "index.html", ".findings li");
    assert_eq!(
        findings,
        [
            "Fix Website first: customers who rate it well give a much lower Long wait (lower is better), \
             yet its CSAT is only 40% (95% interval 26% –\u{2060} 55%), below most touchpoints. →",
            "Young are the harshest segment: at the same touchpoints their answers to the Long wait question are 0.19 \
             points higher, on its 0–1 answer scale, than all customers’, where lower is better (95% interval \
             0.05 –\u{2060} 0.32) — not because they use worse touchpoints. →",
            "The strongest touchpoint is Store: Long wait 28% (95% interval 16% –\u{2060} 43%) against 49% overall \
             (lower is better), significantly below. →",
            "Old are the most satisfied segment: Long wait 30%, −19 pts vs all customers (lower is better; \
             significant). →",
        ]
    );
    // The CSAT top-box share of web, 16/40 = 40 %: Wilson 26 % – 55 % (centre (.4 + .048018)/1.096037
    // = .408762, half √(.4·.6/40 + .000600)·1.959964/1.096037 = .143778); store 11/40 long waits
    // = 27.5 %: 16 % – 43 %.
    let mirrored = mirrored();
    let findings = texts(&mirrored.public(), "index.html", ".findings li");
    assert_eq!(findings.len(), 4, "{findings:?}");
    assert_eq!(
        findings[0],
        "Fix Website first: customers who rate it well give a much higher Short wait, \
         yet its CSAT is only 40% (95% interval 26% –\u{2060} 55%), below most touchpoints. →"
    );
    assert_eq!(
        findings[1],
        "Young are the harshest segment: at the same touchpoints their answers to the Short wait question are 0.19 \
         points lower, on its 0–1 answer scale, than all customers’ (95% interval 0.05 –\u{2060} 0.32) — not because \
         they use worse touchpoints. →"
    );
    // Store: 29/40 = 72.5 % short waits, Wilson 57 % – 84 % (centre .705286, half .133635).
    assert!(findings[2].starts_with("The strongest touchpoint is Store: Short wait 7"), "{findings:?}");
    assert!(
        findings[2].ends_with("(95% interval 57% –\u{2060} 84%) against 51% overall, significantly above. →"),
        "{findings:?}"
    );
    assert_eq!(
        findings[3],
        "Old are the most satisfied segment: Short wait 70%, +19 pts vs all customers (significant). →"
    );
}

#[test]
fn a_top_box_of_the_scale_top_alone_is_one_answer_not_a_range() {
    // Long waits: 39 of 80 = 48.75 % → 49 %; the top box is 1 of 0–1, not "1–1".
    let tiles = texts(&lower().public(), "index.html", ".tile");
    assert!(
        tiles[0].starts_with("Long wait All responses share answering 1 on a 0–1 scale · lower is better 49%"),
        "{tiles:?}"
    );
}

#[test]
fn harshness_verdicts_turn_around_where_lower_is_better() {
    // The intervals rounded outward, as beside every verdict (README, "Numbers on the site").
    for (p, young, old) in [
        (
            lower(),
            "Young +0.19 +0.05 –\u{2060} +0.32 harsher +0.19 40",
            "Old −0.19 −0.32 –\u{2060} −0.05 more lenient −0.19 40",
        ),
        (
            mirrored(),
            "Young −0.19 −0.32 –\u{2060} −0.05 harsher −0.19 40",
            "Old +0.19 +0.05 –\u{2060} +0.32 more lenient +0.19 40",
        ),
    ] {
        // The harshest first in both.
        assert_eq!(texts(&p.public(), "segments/index.html", "#harshness-wait tbody tr"), [young, old]);
    }
}

#[test]
fn driver_importance_looks_for_the_favourable_direction_of_the_outcome() {
    for p in [lower(), mirrored()] {
        let rows = texts(&p.public(), "drivers.html", "table.data tbody tr");
        let importance: Vec<(&str, &str)> =
            rows.iter().map(|r| r.split(' ').collect::<Vec<_>>()).map(|c| (c[0], c[1])).collect::<Vec<_>>();
        assert_eq!(importance, [("Website", "100%"), ("Store", "69%")], "{rows:?}");
        assert!(rows[0].ends_with("Fix first"), "{rows:?}");
        let intro = texts(&p.public(), "drivers.html", "main p").join(" ");
        assert!(!intro.contains("none is marked to fix first"), "{intro}");
    }
}

#[test]
fn the_mermaid_mood_is_happier_where_waits_are_shorter() {
    let want = [("Website".to_string(), 2), ("Store".to_string(), 4)];
    assert_eq!(moods(&lower()), want);
    assert_eq!(moods(&mirrored()), want);
}

#[test]
fn the_emotion_curve_puts_the_shorter_waits_higher() {
    // The wide map's curve (the first polyline): Website then Store. Store's waits are
    // shorter (27.5 % long against 70 %), so its point is higher (a smaller y) whichever way
    // the score is written.
    for p in [lower(), mirrored()] {
        let index = p.built("index.html");
        let points = index.split("<polyline points=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        let y: Vec<f64> = points.split(' ').map(|xy| xy.split(',').nth(1).unwrap().parse().unwrap()).collect();
        assert!(y.len() == 2 && y[1] < y[0], "{points}");
    }
}

#[test]
fn a_change_between_periods_whose_answers_are_all_alike_is_significant_not_noise() {
    // 40 answers in January, all sat 5 and yn 1; 40 in February, all sat 4 and yn 0. Every
    // SE is 0: the change of means −1 (sat) is exact; the share's −100 points (yn, top box 1
    // of 0–1) is tested the Agresti–Caffo way: 1/42 − 41/42 over 100·√(2·(41/42)(1/42)/42) =
    // 3.3268 points, z = −28.63.
    let p = Project::written("zse", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: zse\nmin_n: 30\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\ndatasets:\n  - id: survey\n    path: data/s.csv\n    touchpoint: web\n    columns: { date: date }\n    scores:\n      sat: { column: sat, scale: [1, 5], type: mean }\n      yn: { column: yn, scale: [0, 1] }\n",
        )
        .unwrap();
        let mut csv = String::from("date,sat,yn\n");
        for d in 1..=20 {
            csv += &format!("2024-01-{d:02},5,1\n2024-01-{d:02},5,1\n2024-02-{d:02},4,0\n2024-02-{d:02},4,0\n");
        }
        std::fs::write(dir.join("data/s.csv"), csv).unwrap();
    });
    let json = p.built_json();
    let changes = json["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    for c in changes {
        let diff = c["change"]["diff"].as_f64().unwrap();
        assert!(diff == -1.0 || diff == -100.0, "{c}");
        if diff == -1.0 {
            assert_eq!(c["change"]["se"], 0.0, "{c}");
            // z = −∞ has no JSON number: null.
            assert!(c["change"]["z"].is_null(), "{c}");
        } else {
            assert!((c["change"]["se"].as_f64().unwrap() - 3.3268).abs() < 1e-4, "{c}");
            assert!((c["change"]["z"].as_f64().unwrap() + 28.627).abs() < 1e-3, "{c}");
        }
        assert_eq!((c["p_value"].as_f64(), c["p_adjusted"].as_f64()), (Some(0.0), Some(0.0)), "{c}");
        assert_eq!((c["change"]["significant"].as_bool(), c["significant"].as_bool()), (Some(true), Some(true)));
    }
    let findings = texts(&p.public(), "index.html", ".findings li").join("\n");
    assert!(
        findings.contains("Sat fell to 4.00 in Feb 2024 (−1.00 vs Jan 2024), a change larger than chance"),
        "{findings}"
    );
    assert!(!findings.contains("noise"), "{findings}");
}

#[test]
fn a_lower_is_better_touchpoint_rating_drives_loyalty_from_below_its_top_box() {
    // Long data, NPS the outcome, each row's touchpoint rated for effort on 1–5, `better:
    // lower`: the top box (4–5) is high effort, the bad answers. By hand:
    // - web: 10 rows effort 1 (8 promoters, 2 detractors: NPS +60) and 10 rows effort 5
    //   (2 promoters, 8 detractors: NPS −60). Low-effort raters are the favourable side: gap
    //   +60 − (−60) = +120. Adjusted-Wald SE of each side: n′ = 13, p′ = 8.75/13, d′ = 2.75/13,
    //   √((11.5/13 − (6/13)²)/13) = .227291 (either side, mirrored); SE = √2·22.7291 = 32.1439
    //   points; 120 ± 1.959964·32.1439 = 56.9992 … 183.0008.
    // - store: effort 2 (6 promoters, 2 detractors, 2 passives: +40) vs effort 4 (4, 4, 2: 0):
    //   gap +40; SE √((9.5/13 − (4/13)²)/13 + (9.5/13)/13) = .324258 → 40 ± 63.5534 =
    //   −23.5534 … 103.5534.
    // - importance relative to the largest favourable gap: web 120/120 = 1, store 40/120 = 1/3.
    // Read as "top box minus the rest", both gaps were negative and no touchpoint mattered.
    let p = Project::written("effort", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            "title: effort\nmin_n: 5\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - { id: web, name: Website }\n        - { id: store, name: Store }\nloyalty: nps\ndatasets:\n  - id: survey\n    path: data/s.csv\n    columns: { respondent: id, touchpoint: tp }\n    scores:\n      nps: { column: rec }\n      effort: { column: effort, scale: [1, 5], better: lower }\n",
        )
        .unwrap();
        let mut csv = String::from("id,tp,effort,rec\n");
        type Group<'a> = (&'a str, u8, &'a [(u8, usize)]);
        let groups: [Group; 4] = [
            ("web", 5, &[(10, 2), (3, 8)]),
            ("web", 1, &[(9, 8), (5, 2)]),
            ("store", 4, &[(10, 4), (2, 4), (7, 2)]),
            ("store", 2, &[(9, 6), (0, 2), (8, 2)]),
        ];
        let mut id = 0;
        for (tp, effort, recs) in groups {
            for &(rec, times) in recs {
                for _ in 0..times {
                    id += 1;
                    csv += &format!("R{id:03},{tp},{effort},{rec}\n");
                }
            }
        }
        std::fs::write(dir.join("data/s.csv"), csv).unwrap();
    });
    p.build().expect(0);
    let m = p.built_metrics();
    assert_eq!(m.cells("touchpoint", "web", "nps_driver_gap"), ["20", "120.0000", "56.9992", "183.0008"]);
    assert_eq!(m.cells("touchpoint", "store", "nps_driver_gap"), ["20", "40.0000", "-23.5534", "103.5534"]);
    let json = p.built_json();
    let importance: Vec<f64> =
        json["drivers"]["rows"].as_array().unwrap().iter().map(|r| r["importance"].as_f64().unwrap()).collect();
    assert_eq!(importance.len(), 2);
    assert!((importance[0] - 1.0).abs() < 1e-12 && (importance[1] - 1.0 / 3.0).abs() < 1e-12, "{importance:?}");
}
