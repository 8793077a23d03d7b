//! Key drivers of the loyalty score (NPS).
//!
//! Wide data, `tests/fixtures/insights_wide` (min_n 10): 18 respondents, each with a 0–10
//! likelihood to recommend and a 1–5 rating of delivery, app, hotline and store (0 = not
//! applicable). P18 gave no NPS and takes no part. Pairs with the outcome: delivery 16 (P03
//! blank), app 17, hotline 12 (four N/A, one blank), store 5 (< min_n: no driver rows).
//!
//! Long data, `tests/fixtures/insights_trend` (min_n 5): one touchpoint per row, so the gap in
//! NPS between rows whose CSAT is in the top-2 box and the rest stands in.
//!
//! Expected figures: `python3 tests/tools/expected_insights.py wide` and `… trend`, which compute
//! Pearson's r with numpy.corrcoef, Johnson's relative weights with numpy.linalg.eigh and the
//! R² of the OLS model separately as r_xyᵀ R_xx⁻¹ r_xy.

use crate::support::{read_json, MetricsCsv, Project};

fn wide() -> MetricsCsv {
    Project::new("insights_wide").built_metrics()
}

#[test]
fn driver_correlation_uses_the_respondents_who_gave_both_scores_with_a_fisher_interval() {
    let m = wide();
    // delivery × NPS over 16 pairs: Σx = 49, Σy = 102, Σx² = 189, Σy² = 734, Σxy = 356 →
    // Sxx = 38.9375, Syy = 83.75, Sxy = 43.625, r = 43.625/√(38.9375·83.75) = .763940.
    // Fisher: atanh(r) = 1.005609 ∓ 1.959964/√13 = ∓ .543596 → tanh: .4317 … .9137.
    assert_eq!(m.cells("touchpoint", "delivery", "nps_driver_r"), ["16", "0.7639", "0.4317", "0.9137"]);
    // app × NPS, 17 pairs: Σx = 56, Σy = 110, Σx² = 214, Σy² = 798, Σxy = 376 → Sxx = 29.5294,
    // Syy = 86.2353, Sxy = 13.6471, r = .270439; atanh .277337 ∓ 1.959964/√14 = ∓ .523822.
    assert_eq!(m.cells("touchpoint", "app", "nps_driver_r"), ["17", "0.2704", "-0.2416", "0.6647"]);
    // hotline × NPS, 12 pairs (the 0s are N/A, not ratings): Σx = 41, Σy = 78, Σx² = 161,
    // Σy² = 550, Σxy = 263 → Sxx = 20.9167, Syy = 43, Sxy = −3.5, r = −.116704;
    // atanh −.117239 ∓ 1.959964/3 = ∓ .653321.
    assert_eq!(m.cells("touchpoint", "hotline", "nps_driver_r"), ["12", "-0.1167", "-0.6473", "0.4900"]);
    // Wide data has no top-box gap rows.
    assert!(!m.rows.iter().any(|r| r.metric == "nps_driver_gap"), "gap rows on wide data");
}

#[test]
fn relative_weights_follow_johnson_and_add_up_to_r_squared() {
    let m = wide();
    // Correlations among delivery, app, hotline (pairwise, over respondents with an NPS):
    //   R_xx = [[1, .201544, −.208232], [.201544, 1, −.463831], [−.208232, −.463831, 1]],
    //   r_xy = (.763940, .270439, −.116704).
    // numpy.linalg.eigh: eigenvalues .536109, .860834, 1.603057; Λ* = V Λ^½ Vᵀ;
    // β = Λ*⁻¹ r_xy = (.751790, .209511, .004396); w_i = Σ_j Λ*²_ij β_j² =
    // .555692, .045826, .007584, printed ×100.
    assert_eq!(m.cells("touchpoint", "delivery", "nps_driver_weight"), ["16", "55.5692", "", ""]);
    assert_eq!(m.cells("touchpoint", "app", "nps_driver_weight"), ["17", "4.5826", "", ""]);
    assert_eq!(m.cells("touchpoint", "hotline", "nps_driver_weight"), ["12", "0.7584", "", ""]);
    // R² = r_xyᵀ R_xx⁻¹ r_xy = .609102 (OLS, computed apart from the weights); n is the
    // fewest pairs of any driver (hotline's 12).
    assert_eq!(m.cells("overall", "all", "nps_driver_r2"), ["12", "60.9102", "", ""]);
    let sum: f64 = ["delivery", "app", "hotline"].iter().map(|t| m.value("touchpoint", t, "nps_driver_weight")).sum();
    assert!((sum - m.value("overall", "all", "nps_driver_r2")).abs() <= 0.0003, "weights add up to {sum}");
}

#[test]
fn a_touchpoint_with_fewer_than_min_n_pairs_has_no_driver_rows() {
    let m = wide();
    // store: 6 ratings, 5 of them from respondents with an NPS (< min_n 10).
    for metric in ["nps_driver_r", "nps_driver_weight", "nps_driver_gap"] {
        assert!(!m.has("touchpoint", "store", metric), "store has {metric}");
    }
    // Its CSAT is still reported (6 answers, below min_n: n only).
    assert_eq!(m.cells("touchpoint", "store", "csat"), ["6", "", "", ""]);
}

#[test]
fn long_data_gives_the_nps_gap_between_top_box_raters_of_a_touchpoint_and_the_rest() {
    let m = Project::new("insights_trend").built_metrics();
    // web, 26 rows with both NPS and CSAT. CSAT 4–5: 18 rows, 15 promoters, 0 detractors →
    // NPS 83.3333; n' = 21, p' = .75, d' = .035714, SE = √((.785714 − .510204)/21) = 11.4541.
    // CSAT 1–3: 8 rows, 0 promoters, 7 detractors → −87.5; n' = 11, p' = .068182, d' = .704545,
    // SE = √((.772727 − .404959)/11) = 18.2848. Gap 170.8333, SE = √(11.4541² + 18.2848²)
    // = 21.5762 → ∓ 42.2885 → 128.5448 … 213.1218, and a gap between two NPS cannot pass 200,
    // so the upper bound is clipped there. n = both groups.
    assert_eq!(m.cells("touchpoint", "web", "nps_driver_gap"), ["26", "170.8333", "128.5448", "200.0000"]);
    // store: 4 rows in the top box (< min_n 5) and 9 others → no gap. hotline: tickets have no CSAT.
    assert!(!m.has("touchpoint", "store", "nps_driver_gap"));
    assert!(!m.has("touchpoint", "hotline", "nps_driver_gap"));
    // No respondent-level model on long data.
    assert!(!m
        .rows
        .iter()
        .any(|r| ["nps_driver_r", "nps_driver_weight", "nps_driver_r2"].contains(&r.metric.as_str())));
}

/// The whitespace-normalised texts of what `css` selects on a built page.
fn texts(site: &std::path::Path, rel: &str, css: &str) -> Vec<String> {
    let html = scraper::Html::parse_document(&std::fs::read_to_string(site.join(rel)).unwrap());
    let sel = scraper::Selector::parse(css).unwrap();
    html.select(&sel)
        .map(|e| e.text().collect::<Vec<_>>().join(" ").split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Relative weights are sums of squares, blind to sign. `tests/fixtures/drivers_against`:
/// returns is rated higher by the less loyal (Σz = 30, Σz² = 110, Σy = 59, Σzy = 137 →
/// Szz = 20, Syy = 100.9, Szy = −40, r = −40/√(20·100.9) = −.890429), yet its weight is .316051
/// of R² = .964622 — a third of the explained variance, which the page called importance as
/// if better returns went with more loyalty. It now has no importance and is marked as going
/// against NPS; the others keep their weight's share of R² (`python3
/// tests/tools/expected_insights.py against`): delivery (r .957211) .419426/.964622 = 43.4808%,
/// app (r .824807) .229145/.964622 = 23.7549%.
#[test]
fn a_touchpoint_whose_rating_goes_with_a_worse_outcome_is_no_driver() {
    let p = Project::new("drivers_against");
    p.build().expect(0);
    // Its weight is still reported, with the correlation that gives its direction.
    let m = MetricsCsv::read(&p.public());
    assert_eq!(m.cells("touchpoint", "returns", "nps_driver_r"), ["10", "-0.8904", "-0.9740", "-0.5936"]);
    assert_eq!(m.cells("touchpoint", "returns", "nps_driver_weight"), ["10", "31.6051", "", ""]);
    assert_eq!(m.cells("touchpoint", "delivery", "nps_driver_weight"), ["10", "41.9426", "", ""]);
    assert_eq!(m.cells("touchpoint", "app", "nps_driver_weight"), ["10", "22.9145", "", ""]);
    assert_eq!(m.cells("overall", "all", "nps_driver_r2"), ["10", "96.4622", "", ""]);
    let rows = texts(&p.public(), "drivers.html", "table.data tbody tr");
    let row = |name: &str| -> String { rows.iter().find(|r| r.starts_with(name)).cloned().unwrap_or_default() };
    assert!(row("Delivery").starts_with("Delivery 43% 0.96"), "{rows:?}");
    assert!(row("App").starts_with("App 24% 0.82"), "{rows:?}");
    let returns = row("Returns");
    assert!(returns.starts_with("Returns 0% -0.89") && returns.ends_with("Goes against"), "{rows:?}");
    let page = texts(&p.public(), "drivers.html", "main").join(" ");
    assert!(page.contains("Goes against: Returns — rated higher by respondents whose NPS is worse"), "{page}");
    // The touchpoint's own page says why it has no importance.
    let facts = texts(&p.public(), "touchpoints/returns.html", "main").join(" ");
    assert!(facts.contains("None: its ratings go with a worse NPS (r = -0.89)"), "{facts}");
    // metrics.json flags it, and only it. Touchpoints by index: delivery 0, app 1, returns 2.
    let json = read_json(&p.public());
    let rows: Vec<(u64, bool, f64)> = json["drivers"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (r["touchpoint"].as_u64().unwrap(), r["against"].as_bool().unwrap(), r["importance"].as_f64().unwrap())
        })
        .collect();
    let by = |t: u64| rows.iter().find(|f| f.0 == t).copied().unwrap();
    assert!(!by(0).1 && (by(0).2 - 0.434808).abs() < 1e-5, "{rows:?}");
    assert!(!by(1).1 && (by(1).2 - 0.237549).abs() < 1e-5, "{rows:?}");
    assert!(by(2).1 && by(2).2 == 0.0, "{rows:?}");
    // Nothing that goes against NPS is to be fixed first, on the map or in the summary.
    let summary = texts(&p.public(), "index.html", "main").join(" ");
    assert!(!summary.contains("Fix Returns first"), "{summary}");
}

/// With `min_n` above the pairs the data has (app × NPS: 17 respondents, the most of any
/// touchpoint), there is no key-driver page, and the build and `check` say why with the
/// number, instead of the page simply missing.
#[test]
fn too_few_respondents_for_key_drivers_is_said_with_how_many_there_are() {
    let p = Project::new("insights_wide");
    p.replace("cxsite.yaml", "min_n: 10", "min_n: 18");
    let warning = "key drivers need at least 18 respondents (`min_n`) who answered `nps` and rated a touchpoint; the most for any touchpoint is 17, so the site has no key-driver page";
    let run = p.build();
    run.expect(0);
    assert!(run.stderr.contains(warning), "{}", run.stderr);
    assert!(!p.public().join("drivers.html").exists());
    let check = p.check();
    assert!(check.stdout.contains(warning) || check.stderr.contains(warning), "{}{}", check.stdout, check.stderr);
    // At min_n 10 the page is there and nothing is said.
    let p = Project::new("insights_wide");
    let run = p.build();
    assert!(!run.stderr.contains("key drivers need"), "{}", run.stderr);
    assert!(p.public().join("drivers.html").exists());
}

/// Enough respondents but an outcome everyone answered alike (every NPS answer a 10) has no
/// key drivers either: the warning says that, not that respondents are too few.
#[test]
fn an_outcome_that_never_varies_is_said_to_be_why_there_are_no_key_drivers() {
    let p = Project::new("insights_wide");
    let csv = p.path("data/respondents.csv");
    {
        let text = std::fs::read_to_string(&csv).unwrap();
        let mut out = String::new();
        for (i, line) in text.lines().enumerate() {
            let mut cells: Vec<&str> = line.split(',').collect();
            if i > 0 && cells.len() > 2 {
                cells[2] = "10";
            }
            out.push_str(&cells.join(","));
            out.push('\n');
        }
        std::fs::write(&csv, out).unwrap();
    }
    let run = p.build();
    run.expect(0);
    assert!(
        run.stderr.contains("who answered `nps` and rated a touchpoint all gave `nps` the same answer"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("key drivers need at least"), "{}", run.stderr);
    assert!(!p.public().join("drivers.html").exists());
}

#[test]
fn ratings_that_explain_nothing_name_no_touchpoint_to_fix_first() {
    // insights_noise: NPS drawn apart from the ratings. Pearson r and Fisher intervals by
    // hand (n 400, ± 1.959964/√397): delivery .0377 (−.0606 … .1353), app −.0201 (−.1179 …
    // .0781), store −.0521 (−.1494 … .0462). Delivery has the largest weight and the lowest
    // CSAT, and the weights alone once made it "fix first".
    let p = Project::new("insights_noise");
    let m = p.built_metrics();
    assert_eq!(m.cells("touchpoint", "delivery", "nps_driver_r"), ["400", "0.0377", "-0.0606", "0.1353"]);
    assert_eq!(m.cells("touchpoint", "app", "nps_driver_r"), ["400", "-0.0201", "-0.1179", "0.0781"]);
    assert_eq!(m.cells("touchpoint", "store", "nps_driver_r"), ["400", "-0.0521", "-0.1494", "0.0462"]);
    let index = p.built("index.html");
    assert!(!index.contains("Fix Delivery first") && !index.contains(">Fix "), "{index}");
    // Nor does the drivers page's table mark one (its map's key still names the quadrant).
    let drivers = p.built("drivers.html");
    assert!(!drivers.contains("<td data-label=\"Priority\">Fix first</td>"), "{drivers}");
}
