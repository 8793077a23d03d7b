//! Scores read from cells: scale ends, labels and `na:`, written forms (stars, half points,
//! points with their labels, digits of every script), and what is not a score.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::*;

fn nps() -> ScoreDef {
    ScoreDef::new("nps", ScoreKind::Nps, 0, 10, 9)
}

fn csat() -> ScoreDef {
    ScoreDef::new("csat", ScoreKind::Rating, 1, 5, 4)
}

#[test]
fn scale_ends_are_values_and_one_past_them_is_invalid() {
    let r = Reading::default();
    assert_eq!(read_score("0", &r, &nps()), Cell::Value(0));
    assert_eq!(read_score("10", &r, &nps()), Cell::Value(10));
    assert!(matches!(read_score("11", &r, &nps()), Cell::Invalid(w) if w.contains("outside the scale 0–10")));
    assert!(matches!(read_score("-1", &r, &nps()), Cell::Invalid(_)));
    assert!(matches!(read_score("0", &r, &csat()), Cell::Invalid(_)));
}

#[test]
fn blanks_and_listed_na_values_are_not_answers_and_not_errors() {
    let r = Reading { na: vec!["n/a".into(), "0".into()], labels: vec![], ..Default::default() };
    assert_eq!(read_score("0.0", &r, &csat()), Cell::NotApplicable);
    assert_eq!(read_score("  ", &r, &csat()), Cell::Blank);
    assert_eq!(read_score("N/A", &r, &csat()), Cell::NotApplicable);
    assert_eq!(read_score("0", &r, &csat()), Cell::NotApplicable);
}

#[test]
fn labels_and_common_written_forms_are_read_and_other_text_is_never_zero() {
    let r =
        Reading { na: vec![], labels: vec![("非常满意".into(), 5), ("satisfied".into(), 4)], ..Default::default() };
    assert_eq!(read_score("非常满意", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("Satisfied", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("5分", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("10 - Extremely likely", &r, &nps()), Cell::Value(10));
    assert_eq!(read_score("4.0", &r, &csat()), Cell::Value(4));
    assert!(matches!(read_score("4.5", &r, &csat()), Cell::Invalid(_)));
    assert!(matches!(read_score("great", &r, &csat()), Cell::Invalid(w) if w.contains("labels")));
    assert!(matches!(read_score("2024-01-01", &r, &csat()), Cell::Invalid(_)));
    assert_eq!(read_score("5星", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("1. Very poor", &r, &csat()), Cell::Value(1));
    assert_eq!(read_score("4,0", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("4/5", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("8 / 10", &r, &nps()), Cell::Value(8));
    // Labels that merely start like a unit or hold no number stay labels.
    assert_eq!(read_score("9 - Daily user", &r, &nps()), Cell::Value(9));
    assert_eq!(read_score("2 (Minimal effort)", &r, &csat()), Cell::Value(2));
    assert_eq!(read_score("5 - 非常满意", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("0 - Not at all likely", &r, &nps()), Cell::Value(0));
}

#[test]
fn a_decimal_range_time_or_other_scale_after_the_leading_number_is_invalid_not_its_whole_part() {
    let r = Reading::default();
    for (raw, def) in [
        ("9.5 - very likely", nps()),
        ("8.5 (passive)", nps()),
        ("6.9 detractor", nps()),
        ("6,9 detractor", nps()),
        ("7,5", nps()),
        ("4.5星", csat()),
        ("3.5 stars", csat()),
        ("4.9分 好", csat()),
        ("1.5. ok", csat()),
        ("2.5/5", csat()),
        ("10:15", nps()),
        ("9-10", nps()),
        ("9 - 10", nps()),
        ("9–10 very likely", nps()),
        ("4 / 5", nps()),
        ("4/5", nps()),
        // Another number or a quantity after the leading one (an audit's cells).
        ("3 to 5", nps()),
        ("8 or 9", nps()),
        ("0 (not likely) - 10 (very likely)", nps()),
        ("5 out of 5", nps()),
        ("1 0", nps()),
        ("2 weeks ago", nps()),
        ("15 minutes", nps()),
        ("3 days", nps()),
        ("3天", nps()),
        ("5 %", nps()),
        ("1,000", nps()),
        ("4,500", csat()),
    ] {
        assert!(matches!(read_score(raw, &r, &def), Cell::Invalid(_)), "{raw} → {:?}", read_score(raw, &r, &def));
    }
    assert!(matches!(read_score("4 / 5", &r, &nps()), Cell::Invalid(w) if w.contains("out of 5")));
}

#[test]
fn invisible_characters_in_a_score_cell_hide_neither_its_number_nor_its_label() {
    let r =
        Reading {
            na: vec!["n/a".into(), "不适用".into()], labels: vec![("非常满意".into(), 5)], ..Default::default()
        };
    assert_eq!(read_score("4\u{200b}", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("\u{feff}3", &r, &csat()), Cell::Value(3));
    assert_eq!(read_score("非常满意\u{200e}", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("\u{2066}N/A\u{2069}", &r, &csat()), Cell::NotApplicable);
    assert_eq!(read_score("不适用\u{200b} ", &r, &csat()), Cell::NotApplicable);
    assert_eq!(read_score("\u{200b}", &r, &csat()), Cell::Blank);
    // Spaces inside a label, however written, are one space; so in cxsite.yaml.
    let r = Reading { labels: vec![("very satisfied".into(), 5), ("非常 满意".into(), 5)], ..Default::default() };
    assert_eq!(read_score("Very\u{a0}satisfied", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("very  satisfied\u{3000}", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("非常\u{3000}满意", &r, &csat()), Cell::Value(5));
    assert!(matches!(read_score("verysatisfied", &r, &csat()), Cell::Invalid(_)));
}

#[test]
fn full_width_digits_read_as_their_numbers() {
    let def = csat();
    let r = Reading::default();
    assert_eq!(read_score("５", &r, &def), Cell::Value(5));
    assert_eq!(read_score("４．０", &r, &def), Cell::Value(4));
    assert_eq!(read_score("３分", &r, &def), Cell::Value(3));
    assert_eq!(read_score("满意（４）", &r, &def), Cell::Value(4));
    assert_eq!(read_score("－１", &r, &def), Cell::Invalid("outside the scale 1–5".into()));
    assert_eq!(read_score("４．５", &r, &def), Cell::Invalid("not a whole number on the scale".into()));
    let nps = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    assert_eq!(read_score("１０", &r, &nps), Cell::Value(10));
    assert_eq!(read_score("１０ - Extremely likely", &r, &nps), Cell::Value(10));
    // `na: [0]` covers a full-width 0 too.
    let na = Reading { na: vec!["0".into()], ..Reading::default() };
    assert_eq!(read_score("０", &na, &nps), Cell::NotApplicable);
}

#[test]
fn the_digits_of_every_script_read_as_scores_and_dates() {
    let r = Reading::default();
    let nps = ScoreDef::new("nps", crate::project::ScoreKind::Nps, 0, 10, 9);
    // Arabic-Indic ١٠, Persian ۹, Devanagari ७, Thai ๘, mixed ١0, and with a label or 分.
    for (written, want) in [("١٠", 10), ("۹", 9), ("७", 7), ("๘", 8), ("١0", 10), ("٧ - likely", 7), ("٥分", 5)]
    {
        assert_eq!(read_score(written, &r, &nps), Cell::Value(want), "{written}");
    }
    assert_eq!(read_score("٤٫٠", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("١١", &r, &nps), Cell::Invalid("outside the scale 0–10".into()));
    assert_eq!(read_score("٤٫٥", &r, &csat()), Cell::Invalid("not a whole number on the scale".into()));
    // Numerals that are no digits stay no number: circled, Roman, Chinese.
    for junk in ["⑤", "Ⅴ", "五"] {
        assert!(matches!(read_score(junk, &r, &csat()), Cell::Invalid(_)), "{junk}");
    }
    let na = Reading { na: vec!["0".into()], ..Reading::default() };
    assert_eq!(read_score("٠", &na, &nps), Cell::NotApplicable);
    let day = NaiveDate::from_ymd_opt(2024, 3, 4);
    for written in ["٢٠٢٤-٠٣-٠٤", "۲۰۲۴/۳/۴", "२०२४-०३-०४ १०:१५", "2024-٠٣-04"]
    {
        assert_eq!(read_date(written, Tz::UTC, None, false), day, "{written}");
    }
}

#[test]
fn a_score_in_brackets_after_its_option_is_read_as_wenjuanxing_writes_it() {
    let def = csat();
    let r = Reading::default();
    assert_eq!(read_score("非常满意(5)", &r, &def), Cell::Value(5));
    assert_eq!(read_score("满意（4分）", &r, &def), Cell::Value(4));
    assert!(matches!(read_score("(5)", &r, &def), Cell::Invalid(_)));
    assert!(matches!(read_score("很好(9)", &r, &def), Cell::Invalid(_)));
    // Only an option's words before the bracket: not code that ends in "(1)".
    assert!(matches!(read_score("javascript:alert(1)", &r, &def), Cell::Invalid(_)));
}

#[test]
fn scientific_notation_is_no_answer_and_the_minus_sign_is_a_minus() {
    let r = Reading::default();
    let nps = nps();
    // `1e1` is 10 to a parser of floats, but no survey tool writes an answer so: not read.
    let not_a_number = Cell::Invalid("not a number and not a listed label (add it under `labels:` or `na:`)".into());
    for cell in ["1e1", "1E1", "1e+1", "5e0", "inf", "NaN", "0x5"] {
        assert_eq!(read_score(cell, &r, &nps), not_a_number, "{cell}");
    }
    // `1.0e1` leads with a decimal: not a whole number, as `9.5` is not.
    assert_eq!(read_score("1.0e1", &r, &nps), Cell::Invalid("not a whole number on the scale".into()));
    // Plain decimals still read: 7.0 is 7, +7 is 7, 7.5 is not whole.
    assert_eq!(read_score("7.0", &r, &nps), Cell::Value(7));
    assert_eq!(read_score("+7", &r, &nps), Cell::Value(7));
    assert_eq!(read_score("7.5", &r, &nps), Cell::Invalid("not a whole number on the scale".into()));
    // On a −2…2 scale, U+2212 MINUS SIGN (Excel in sv, nb, fi) reads as the ASCII and the
    // full-width minus do: −2 is −2, −1.0 is −1, −3 is off the scale.
    let likert = ScoreDef::new("lik", ScoreKind::Rating, -2, 2, 1);
    for cell in ["\u{2212}2", "-2", "－２"] {
        assert_eq!(read_score(cell, &r, &likert), Cell::Value(-2), "{cell}");
    }
    assert_eq!(read_score("\u{2212}1.0", &r, &likert), Cell::Value(-1));
    assert_eq!(read_score("\u{2212}3", &r, &likert), Cell::Invalid("outside the scale -2–2".into()));
}

#[test]
fn ratings_written_as_stars_are_their_count_of_filled_stars() {
    let r = Reading::default();
    assert_eq!(read_score("★★★★☆", &r, &csat()), Cell::Value(4));
    assert_eq!(read_score("★☆☆☆☆", &r, &csat()), Cell::Value(1));
    assert_eq!(read_score(" ★★★ ", &r, &csat()), Cell::Value(3));
    assert_eq!(read_score("⭐️⭐️⭐️⭐️⭐️", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("★ ★ ☆ ☆ ☆", &r, &csat()), Cell::Value(2));
    // No filled star: 0, below a 1–5 scale.
    assert!(matches!(read_score("☆☆☆☆☆", &r, &csat()), Cell::Invalid(w) if w.contains("outside the scale 1–5")));
    // Out of another number of stars than the scale's top.
    assert!(
        matches!(read_score("★★★☆☆☆☆☆☆☆", &r, &csat()), Cell::Invalid(w) if w.contains("written as 3 of 10 stars"))
    );
    // A filled star after an empty one, or stars with words, are no rating.
    assert!(matches!(read_score("★☆★", &r, &csat()), Cell::Invalid(w) if w.starts_with("not a number")));
    assert!(matches!(read_score("★★★★ great", &r, &csat()), Cell::Invalid(w) if w.starts_with("not a number")));
}

#[test]
fn half_stars_are_half_points_where_the_scale_counts_halves_and_named_where_it_does_not() {
    let r = Reading::default();
    // 1–5 in halves: 4.5 stars is 9 steps, 0.5 of a star 1 step (below the scale's 1).
    assert_eq!(read_score("★★★★½", &r, &half_stars()), Cell::Value(9));
    assert_eq!(read_score("★★★⯪☆", &r, &half_stars()), Cell::Value(7));
    assert_eq!(read_score("★ ★ ⯨ ☆ ☆", &r, &half_stars()), Cell::Value(5));
    assert!(matches!(read_score("½", &r, &half_stars()), Cell::Invalid(w) if w.contains("outside the scale")));
    // Empty stars that make up another top than the scale's.
    assert!(matches!(read_score("★★⯪☆☆☆☆☆☆☆", &r, &half_stars()), Cell::Invalid(w) if w.contains("out of 10 stars")));
    // On whole points, a half star says how to read it rather than being rounded.
    assert!(matches!(read_score("★★★★½", &r, &csat()), Cell::Invalid(w) if w.contains("set `step: 0.5`")));
    // A half before a filled star, or two halves, are no rating.
    assert!(matches!(read_score("½★★", &r, &half_stars()), Cell::Invalid(w) if w.starts_with("not a number")));
    assert!(matches!(read_score("★½½", &r, &half_stars()), Cell::Invalid(w) if w.starts_with("not a number")));
}

#[test]
fn plain_whole_numbers_read_as_every_other_cell_does() {
    // `na:` as text (`99`, `007`) and as a number (`0` covers `000`); a label spelled in
    // digits wins over the number; a reversed 1–5 column turns round; spaces around are
    // trimmed; past the scale is an error.
    let r = Reading { na: vec!["99".into(), "007".into(), "0".into()], ..Default::default() };
    assert_eq!(read_score("99", &r, &nps()), Cell::NotApplicable);
    assert_eq!(read_score("007", &r, &nps()), Cell::NotApplicable);
    assert_eq!(read_score("000", &r, &nps()), Cell::NotApplicable);
    assert_eq!(read_score(" 7 ", &r, &nps()), Cell::Value(7));
    assert_eq!(read_score("08", &r, &nps()), Cell::Value(8));
    assert!(matches!(read_score("12", &r, &nps()), Cell::Invalid(w) if w.contains("outside the scale 0–10")));
    let labelled = Reading { labels: vec![("1".into(), 5)], ..Default::default() };
    assert_eq!(read_score("1", &labelled, &csat()), Cell::Value(5));
    // The same label however the number is written (pandas' `1.0`); other numbers as they are.
    assert_eq!(read_score("1.0", &labelled, &csat()), Cell::Value(5));
    assert_eq!(read_score("1,00", &labelled, &csat()), Cell::Value(5));
    assert_eq!(read_score("2.0", &labelled, &csat()), Cell::Value(2));
    let reversed = Reading { reverse: true, range: Some((1, 5)), ..Default::default() };
    assert_eq!(read_score("1", &reversed, &csat()), Cell::Value(5));
    assert_eq!(read_score("4", &reversed, &csat()), Cell::Value(2));
}

/// 1–5 in half points (`step: 0.5`): counted in steps 2–10, top box 4 points (8).
fn half_stars() -> ScoreDef {
    ScoreDef { per_point: 2, ..ScoreDef::new("stars", ScoreKind::Rating, 2, 10, 8) }
}

#[test]
fn a_whole_number_with_a_zero_decimal_before_its_label_or_out_of_the_top_is_read() {
    let r = Reading::default();
    for raw in ["4.0 of 5 bubbles", "4.0 star rating", "4.0 - Good", "4 out of 5 stars", "4 of 5"] {
        assert_eq!(read_score(raw, &r, &csat()), Cell::Value(4), "{raw}");
    }
    // Out of the top in other languages: Spanish and Portuguese, French, German, Italian,
    // Dutch, Russian.
    for raw in ["4 de 5", "4 sur 5", "4 von 5", "4 su 5", "4 van 5", "4 из 5", "4 De 5"] {
        assert_eq!(read_score(raw, &r, &csat()), Cell::Value(4), "{raw}");
    }
    assert!(matches!(read_score("8 de 10", &r, &csat()), Cell::Invalid(w) if w.contains("out of 10")));
    // Out of another scale's top, or a decimal that is not zero: not read as its whole part.
    assert!(matches!(read_score("8 of 10", &r, &csat()), Cell::Invalid(w) if w.contains("out of 10")));
    assert!(matches!(read_score("4.05 of 5", &r, &csat()), Cell::Invalid(_)));
}

#[test]
fn half_points_are_read_as_steps_on_a_half_point_scale_in_every_written_form() {
    let r = Reading::default();
    let def = half_stars();
    for (raw, steps) in [
        ("4.5", 9),
        ("4,5", 9),
        ("4.5星", 9),
        ("3.5分", 7),
        ("４．５", 9),
        ("4.5 of 5 bubbles", 9),
        ("4.50", 9),
        ("4", 8),
        ("4.0", 8),
        ("5", 10),
        ("1", 2),
        ("★★★★☆", 8),
    ] {
        assert_eq!(read_score(raw, &r, &def), Cell::Value(steps), "{raw}");
    }
    assert_eq!(read_score("4.3", &r, &def), Cell::Invalid("not on the scale's steps of 0.5".into()));
    assert!(matches!(read_score("5.5", &r, &def), Cell::Invalid(w) if w == "outside the scale 1–5"));
    assert!(matches!(read_score("0.5", &r, &def), Cell::Invalid(w) if w == "outside the scale 1–5"));
    // Labels are stored in steps (cxsite.yaml's `{ 好: 4 }` becomes 8 when the project loads).
    let labelled = Reading { labels: vec![("好".into(), 8)], ..Reading::default() };
    assert_eq!(read_score("好", &labelled, &def), Cell::Value(8));
    // Reversed: min + max − v in steps, 4.5 → 1.5.
    let reversed = Reading { reverse: true, ..Reading::default() };
    assert_eq!(read_score("4.5", &reversed, &def), Cell::Value(3));
}

#[test]
fn a_number_of_points_with_its_end_label_is_the_number() {
    let r = Reading::default();
    for (cell, v) in [
        ("10分（非常愿意）", 10),
        ("0分（非常不愿意）", 0),
        ("10分-非常愿意", 10),
        ("10分 (非常愿意)", 10),
        ("10分(非常愿意)", 10),
        ("10分：非常愿意", 10),
        ("10分:非常愿意", 10),
        ("10分【非常愿意】", 10),
        ("10：非常愿意", 10),
        ("１０分（非常愿意）", 10),
        ("10 points (Extremely likely)", 10),
        ("10pts - Extremely likely", 10),
        ("0 pt", 0),
        ("10 Points", 10),
        ("5分", 5),
    ] {
        assert_eq!(read_score(cell, &r, &nps()), Cell::Value(v), "{cell}");
    }
    // A label never changes the number, and a number off the scale stays invalid.
    assert_eq!(read_score("3分（非常愿意）", &r, &nps()), Cell::Value(3));
    assert!(matches!(read_score("11分（非常愿意）", &r, &nps()), Cell::Invalid(w) if w.contains("outside")));
    assert!(matches!(read_score("6分（非常愿意）", &r, &csat()), Cell::Invalid(w) if w.contains("outside")));
    // Minutes, a unit word run on, or a second number are no points.
    for cell in ["5分钟", "5分钟（等待）", "5 pts ago", "10分（0-10分）", "10分非常愿意", "10ptsx"] {
        assert!(matches!(read_score(cell, &r, &nps()), Cell::Invalid(_)), "{cell}");
    }
}

#[test]
fn a_decimal_a_hair_from_a_whole_number_or_a_step_is_not_taken_for_it() {
    // As floats `6.99999999999999999` is exactly 7 and `4.9999999999999999999` exactly 5:
    // read so, a detractor would count as a passive and a 4 as a top-box 5.
    let r = Reading::default();
    let not_whole = Cell::Invalid("not a whole number on the scale".into());
    for raw in ["6.99999999999999999", "8.99999999999999999", "10.0000000000000001", "6,99999999999999999"] {
        assert_eq!(read_score(raw, &r, &nps()), not_whole, "{raw}");
    }
    assert_eq!(read_score("4.9999999999999999999", &r, &csat()), not_whole);
    // Zeros after the point, however many, are still the whole number.
    for (raw, v) in [("7.000000000000000000000000000000000000", 7), ("+9.0", 9), ("10.", 10), ("0.0", 0)] {
        assert_eq!(read_score(raw, &r, &nps()), Cell::Value(v), "{raw}");
    }
    // On half points: 4.4999999 is between steps, 4.50000000000000000000 on one.
    let between = Cell::Invalid("not on the scale's steps of 0.5".into());
    assert_eq!(read_score("4.4999999", &r, &half_stars()), between);
    assert_eq!(read_score("4.5000000000000000000001", &r, &half_stars()), between);
    assert_eq!(read_score("4.50000000000000000000", &r, &half_stars()), Cell::Value(9));
}

#[test]
fn a_listed_label_beside_a_number_is_read_as_listed_not_by_the_number() {
    // 问卷星 writes an option's place in its list after it: `Very satisfied (1)` is the label's
    // 5, as cxsite.yaml lists it; so is `1 - Very satisfied`.
    let r = Reading {
        labels: vec![("very satisfied".into(), 5), ("very dissatisfied".into(), 1), ("非常满意".into(), 5)],
        ..Default::default()
    };
    assert_eq!(read_score("Very satisfied (1)", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("1 - Very satisfied", &r, &csat()), Cell::Value(5));
    assert_eq!(read_score("5. Very dissatisfied", &r, &csat()), Cell::Value(1));
    assert_eq!(read_score("非常满意(1)", &r, &csat()), Cell::Value(5));
    // A label not listed: the number, as before.
    assert_eq!(read_score("Satisfied (2)", &r, &csat()), Cell::Value(2));
    // Without labels, the number.
    assert_eq!(read_score("Very satisfied (1)", &Reading::default(), &csat()), Cell::Value(1));
}

/// 0–100, whole points or tenths (`step: 0.1`).
fn percent(per_point: i64) -> ScoreDef {
    ScoreDef { per_point, ..ScoreDef::new("audit", ScoreKind::Mean, 0, 100 * per_point, 100 * per_point) }
}

#[test]
fn a_percent_is_its_number_on_a_0_to_100_scale_and_skipped_with_its_reason_on_any_other() {
    let r = Reading::default();
    for raw in ["93%", "93 %", "93％", "９３％", "93.0%"] {
        assert_eq!(read_score(raw, &r, &percent(1)), Cell::Value(93), "{raw}");
    }
    assert_eq!(read_score("0%", &r, &percent(1)), Cell::Value(0));
    assert_eq!(read_score("85.5%", &r, &percent(10)), Cell::Value(855));
    assert_eq!(read_score("85,5 %", &r, &percent(10)), Cell::Value(855));
    // A tenth on a scale of whole points, and past either end: skipped, never rounded.
    assert_eq!(read_score("85.5%", &r, &percent(1)), Cell::Invalid("not a whole number on the scale".into()));
    assert!(matches!(read_score("120%", &r, &percent(1)), Cell::Invalid(w) if w.contains("outside the scale")));
    assert!(matches!(read_score("-5%", &r, &percent(1)), Cell::Invalid(w) if w.contains("outside the scale")));
    // On 1–5 or 0–10 a percent is no point of the scale.
    for def in [csat(), nps()] {
        assert_eq!(read_score("80%", &r, &def), Cell::Invalid(super::super::score::PERCENT_OFF_SCALE.into()));
    }
    // Not a percent: text around the number.
    assert!(
        matches!(read_score("about 90%", &r, &percent(1)), Cell::Invalid(w) if w != super::super::score::PERCENT_OFF_SCALE)
    );
}
