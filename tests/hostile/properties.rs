//! Property tests: any comment renders as exactly its text (after the modelled redaction and
//! control-character replacement); redaction is idempotent; metrics.csv round-trips through
//! the csv crate, group names coming back under the documented `'` rule.

use std::collections::BTreeSet;

use cxsite::aggregate::redact::{comment as shown_comment, redact, strip_invisible};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

use crate::fixture::{rows, HEADER, TOUCHPOINTS, YAML};
use crate::site::{as_dom_text, assert_site_clean, clean, json_rows, metrics_csv, metrics_json, page};
use crate::support::{csv_bytes, Proj};

/// Characters that break things: markup, quotes, template and CSV syntax, line breaks and
/// separators, controls, bidi overrides, digits in both widths, redaction triggers, emoji.
const TRICKY: &[char] = &[
    '<', '>', '&', '"', '\'', '/', '=', '{', '}', '%', '#', ',', ';', '|', '\t', '\n', '\r', '\0', '\u{1}', '\u{1b}',
    '\u{7f}', '\u{85}', '\u{a0}', '\u{2028}', '\u{2029}', '\u{202e}', '\u{200d}', '\u{feff}', '\u{fffe}', '\u{ffff}',
    '0', '1', '3', '8', '9', '０', '１', '８', '+', '-', '@', '.', ' ', '\u{3000}', 'X', '分', '好', '😀', '𝕏',
];

/// Any text, with the tricky characters over-represented.
fn text(max: usize) -> impl Strategy<Value = String> {
    let c = prop_oneof![3 => any::<char>(), 5 => proptest::sample::select(TRICKY)];
    proptest::collection::vec(c, 0..max).prop_map(|v| v.into_iter().collect())
}

/// Digits, separators and letters in the shapes that phone, ID and card numbers take.
fn numberish(with_x: bool) -> impl Strategy<Value = String> {
    let mut alphabet = vec![
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '０', '１', '３', '８', ' ', '-', '－', '\u{3000}', '+',
        '＋', '@', '.', 'a', 'b', 'c', 'm', '号', '电', '[', ']', '(', ')', '（', '）', '/',
    ];
    if with_x {
        alphabet.extend(['X', 'x']);
    }
    proptest::collection::vec(proptest::sample::select(alphabet), 0..48).prop_map(|v| v.into_iter().collect())
}

/// Chinese contact details and what stands around them: keywords (QQ, 微信, vx, 护照), ids,
/// digits spaced or joined by ` - `, Chinese numerals, placeholders and at signs.
fn contacts() -> impl Strategy<Value = String> {
    #[rustfmt::skip]
    const TOKENS: &[&str] = &[
        "QQ", "qq", "企鹅", "号", "号码", "：", ":", " ", " - ", "微信", "微信号", "vx", "wx", "wechat", "加V", "护照",
        "wxid_", "a", "b", "G", "E", "_", "1", "3", "8", "0", "138", "0013", "8000", "12345678", "一", "三", "八",
        "零", "幺", "〇", "百", "-", ".", "[", "]", "[id]", "[phone]", "@", "(", ")", "（", "）", "音乐", "支付",
    ];
    proptest::collection::vec(proptest::sample::select(TOKENS), 0..24).prop_map(|v| v.concat())
}

/// An 18-character resident ID with a valid check character (computed here, GB 11643).
fn id_number() -> impl Strategy<Value = String> {
    proptest::collection::vec(0u32..10, 17).prop_map(|d| {
        const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        let sum: u32 = d.iter().zip(W).map(|(a, w)| a * w).sum();
        let check = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize];
        d.iter().map(|x| char::from_digit(*x, 10).unwrap()).chain([check]).collect()
    })
}

/// Personal numbers glued to what surrounds them: text, an ID, then a mobile or more text.
fn glued(with_x: bool) -> impl Strategy<Value = String> {
    (numberish(with_x), id_number(), prop_oneof!["1[3-9][0-9]{9}", numberish(with_x)])
        .prop_map(|(a, id, b)| format!("{a}{id}{b}"))
}

/// What a comment cell becomes on its touchpoint page, as DOM text: trimmed (blank, only
/// invisible characters such as U+200B, only punctuation and symbols, or a non-answer such as
/// `无`: no comment), redacted and cut, XML-illegal characters replaced, line breaks normalised
/// by the parser.
fn rendered(comment: &str) -> Option<String> {
    let t = comment.trim();
    let blank = cxsite::text::is_non_answer(&strip_invisible(t));
    (!blank).then(|| as_dom_text(&clean(&shown_comment(t))))
}

/// Three comments, one per touchpoint, and no other comment in the survey.
fn with_comments(comments: &[String; 3]) -> Proj {
    let mut rows = rows("plain");
    for (i, r) in rows.iter_mut().enumerate() {
        r[9] = if i < 3 { comments[i].clone() } else { String::new() };
    }
    Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_comment_renders_as_exactly_its_redacted_and_cleaned_text(a in text(40), b in text(40), c in text(40)) {
        // (A CR, or a blank line, inside a quoted cell is rewritten by the reader: a known
        // bug, see escaping::carriage_returns_and_blank_lines_inside_a_quoted_cell_….)
        prop_assume!([&a, &b, &c].iter().all(|s| !as_dom_text(s).contains("\n\n")));
        let comments = [a, b, c];
        let p = with_comments(&comments);
        p.build().expect(0);
        assert_site_clean(&p.public());
        for (i, tp) in TOUCHPOINTS.iter().enumerate() {
            let shown = page(&p.public(), &format!("touchpoints/{tp}.html")).texts("q");
            let expected: Vec<String> = rendered(&comments[i]).into_iter().collect();
            prop_assert_eq!(shown, expected, "touchpoint {} of comment {:?}", tp, &comments[i]);
        }
    }

    #[test]
    fn metrics_csv_round_trips_and_group_names_come_back_under_the_quote_rule(
        names in proptest::collection::vec(text(16), 1..5)
    ) {
        // (CR and blank lines inside a cell: the known bug above.)
        prop_assume!(names.iter().all(|n| !n.contains('\r') && !n.contains("\n\n")));
        // A name that looks like an e-mail or a phone number refuses the build (a breakdown of
        // personal identifiers); tests/hostile/personal_data.rs covers that.
        prop_assume!(names.iter().all(|n| redact(n) == strip_invisible(n)));
        let mut rows = rows("plain");
        for (i, r) in rows.iter_mut().enumerate() {
            r[3] = names[i % names.len()].clone();
        }
        let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
        p.build().expect(0);
        assert_site_clean(&p.public());
        // A run of space separators (U+0020, U+00A0, U+1680, U+2000–U+200A, U+202F, U+205F,
        // U+3000) is one space in a group's name: look-alike names are one group. A name is in
        // Unicode's composed form (NFC): a compatibility ideograph (U+F900 `豈`) is the
        // ideograph it stands for (U+8C48 `豈`).
        let spaces = regex::Regex::new(r"\p{Zs}+").unwrap();
        let raw: BTreeSet<String> = names
            .iter()
            .map(|n| spaces.replace_all(strip_invisible(n).trim(), " ").nfc().collect::<String>())
            .filter(|n| !n.is_empty())
            .collect();
        let csv = metrics_csv(&p.public());
        let from_csv: BTreeSet<String> =
            csv.iter().filter(|r| r[0] == "store" && r[2] == "nps").map(|r| r[1].clone()).collect();
        let expected: BTreeSet<String> = raw.iter().map(|n| crate::site::csv_text(n)).collect();
        prop_assert_eq!(from_csv, expected);
        let from_json: BTreeSet<String> = json_rows(&metrics_json(&p.public()))
            .into_keys()
            .filter(|(d, _, m)| d == "store" && m == "nps")
            .map(|(_, g, _)| g)
            .collect();
        prop_assert_eq!(from_json, raw);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn redaction_is_idempotent_on_any_text_without_an_x_before_digits(s in prop_oneof![numberish(false), glued(false), text(48), contacts()]) {
        // (An `X` right before digits is a known bug; see the ignored case below.)
        prop_assume!(!s.chars().collect::<Vec<_>>().windows(2).any(|w| matches!(w[0], 'X' | 'x') && (w[1].is_ascii_digit() || ('０'..='９').contains(&w[1]))));
        let once = redact(&s);
        prop_assert_eq!(redact(&once), once.clone(), "input {:?}", s);
    }

    #[test]
    fn redaction_never_leaves_an_e_mail_address(local in "[a-z0-9._%+-]{1,12}", domain in "[a-z0-9-]{1,10}", tld in "[a-z]{2,4}", before in text(8), after in "[ ,。！]?[^@A-Za-z0-9._%+-]{0,6}") {
        let email = format!("{local}@{domain}.{tld}");
        let out = redact(&format!("{before} {email}{after}"));
        prop_assert!(!out.contains(&email), "{out:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn redaction_is_idempotent_on_any_text(s in prop_oneof![numberish(true), glued(true), text(48), contacts()]) {
        let once = redact(&s);
        prop_assert_eq!(redact(&once), once.clone(), "input {:?}", s);
    }
}

#[test]
fn redaction_of_an_id_glued_to_a_mobile_number_is_idempotent() {
    let once = redact("11010519491231002X13812345678");
    assert_eq!(redact(&once), once);
}

/// The case the property test found: a cell of only zero-width characters is no comment (the
/// fold treats it as blank), so nothing is quoted, not an empty quote.
#[test]
fn a_comment_of_only_invisible_characters_is_no_comment() {
    let comments = ["\u{200b}".to_string(), "\u{feff}\u{200d}".to_string(), "ok".to_string()];
    let p = with_comments(&comments);
    p.build().expect(0);
    for (i, tp) in TOUCHPOINTS.iter().enumerate() {
        let shown = page(&p.public(), &format!("touchpoints/{tp}.html")).texts("q");
        let want: Vec<String> = if i == 2 { vec!["ok".into()] } else { vec![] };
        assert_eq!(shown, want, "touchpoint {tp}");
    }
}

/// The case the property test found: a store named `|⏎|#` in every row. Read at `|`, each
/// row had been two records of two fields, more records than the comma's, and the build
/// took `|` for the delimiter and found no columns.
#[test]
fn a_group_name_holding_a_line_break_between_pipes_leaves_the_delimiter_a_comma() {
    let mut rows = rows("plain");
    for r in rows.iter_mut() {
        r[3] = "|\n|#".to_string();
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
    p.build().expect(0);
    let csv = metrics_csv(&p.public());
    let stores: BTreeSet<String> =
        csv.iter().filter(|r| r[0] == "store" && r[2] == "nps").map(|r| r[1].clone()).collect();
    assert_eq!(stores, BTreeSet::from(["|\n|#".to_string()]));
}

/// The case the property test found: a compatibility ideograph (U+F900) names its group in
/// composed form (U+8C48), in metrics.csv and metrics.json alike.
#[test]
fn a_group_named_with_a_compatibility_ideograph_is_named_in_composed_form() {
    let mut rows = rows("plain");
    for r in rows.iter_mut() {
        r[3] = "\u{f900}".to_string();
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
    p.build().expect(0);
    let csv = metrics_csv(&p.public());
    let stores: BTreeSet<String> =
        csv.iter().filter(|r| r[0] == "store" && r[2] == "nps").map(|r| r[1].clone()).collect();
    assert_eq!(stores, BTreeSet::from(["\u{8c48}".to_string()]));
}
