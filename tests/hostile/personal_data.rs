//! Group 3: personal data. E-mails, Chinese mobile numbers however written, resident ID
//! numbers with a valid check digit and Luhn-valid card numbers in comments appear nowhere in
//! the output directory (every file, metrics.json included); look-alikes that fail the
//! checks (dates, prices, order numbers, "5分") are kept; respondent ids and the project's
//! absolute path never appear.

use std::path::Path;

use crate::fixture::{rows, HEADER, YAML};
use crate::site::{assert_site_clean, page};
use crate::support::{contains, csv_bytes, files, Proj};

/// GB 11643 check character of the first 17 digits of a resident ID (ISO 7064 MOD 11-2),
/// computed here independently of cxsite.
fn id_check(first17: &str) -> char {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.chars().zip(W).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
    ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'][(sum % 11) as usize]
}

/// The Luhn check digit to append to `body`.
fn luhn_digit(body: &str) -> char {
    let sum: u32 = body
        .chars()
        .rev()
        .enumerate()
        .map(|(i, c)| {
            let v = c.to_digit(10).unwrap();
            if i % 2 == 0 {
                let d = v * 2;
                if d > 9 {
                    d - 9
                } else {
                    d
                }
            } else {
                v
            }
        })
        .sum();
    char::from_digit((10 - sum % 10) % 10, 10).unwrap()
}

/// A valid resident ID: 440304 (Shenzhen Futian), born 1990-01-01, sequence 123.
fn valid_id() -> String {
    let body = "44030419900101123";
    format!("{body}{}", id_check(body))
}

/// A Luhn-valid 19-digit card number (UnionPay-like 622202…).
fn valid_card() -> String {
    let body = "622202123456789012";
    format!("{body}{}", luhn_digit(body))
}

/// Comments with personal data, and the strings that must not appear anywhere afterwards.
fn personal() -> Vec<(String, Vec<String>)> {
    let id = valid_id();
    let card = valid_card();
    let spaced_card = format!("{} {} {} {} {}", &card[..4], &card[4..8], &card[8..12], &card[12..16], &card[16..]);
    vec![
        ("请联系 li.na@example.com.cn 谢谢".into(), vec!["li.na@example.com.cn".into(), "li.na@".into()]),
        ("Mail ZHANG_San+cx@Mail.Example.ORG now".into(), vec!["ZHANG_San+cx".into()]),
        ("联系我abc123@qq.com谢谢".into(), vec!["abc123@qq.com".into(), "abc123".into()]),
        ("call +86 138 1234 5678 please".into(), vec!["138 1234 5678".into(), "13812345678".into()]),
        ("电话：+86-139-8765-4321".into(), vec!["139-8765-4321".into(), "13987654321".into()]),
        ("手机１３６１２３４５６７８尽快".into(), vec!["１３６１２３４５６７８".into(), "13612345678".into()]),
        ("电话15912345678谢谢".into(), vec!["15912345678".into()]),
        ("0086 13700001111 找我".into(), vec!["13700001111".into(), "1370000".into()]),
        (format!("身份证号{id}已提供"), vec![id.clone(), id[..17].to_string()]),
        (
            format!("ID {} lower x", "11010519491231002x"),
            vec!["11010519491231002x".into(), "ID 11010519491231002".into()],
        ),
        (format!("卡号 {spaced_card} 退款"), vec![spaced_card.clone(), card.clone(), card[..16].to_string()]),
        ("Visa 4111-1111-1111-1111 refund".into(), vec!["4111-1111-1111-1111".into(), "4111111111111111".into()]),
        // The gaps of issue 13: a first-generation ID (15 digits: 310104, born 1985-07-12),
        // landlines with area codes, a full-width e-mail and a card glued to letters.
        ("旧身份证310104850712123请核对".into(), vec!["310104850712123".into(), "850712123".into()]),
        ("座机(0755) 8123 9876下午打".into(), vec!["8123 9876".into(), "81239876".into()]),
        ("总部010-87654321转8".into(), vec!["87654321".into()]),
        ("邮箱zhangsan＠example．com谢谢".into(), vec!["zhangsan".into(), "example．com".into()]),
        ("pay by card4111111111111111 please".into(), vec!["4111111111111111".into()]),
        // Numbers of other countries: international, North American, a US SSN, and Hong Kong
        // and Taiwan IDs with valid check digits (A123456(3), A123456789).
        ("ring me on +44 20 7946 0958 today".into(), vec!["7946 0958".into(), "79460958".into()]),
        ("call (415) 555-0132 after 5".into(), vec!["555-0132".into()]),
        ("my cell is 415.555.0187".into(), vec!["415.555.0187".into(), "555.0187".into()]),
        ("SSN 123-45-6789 was asked for at the desk".into(), vec!["123-45-6789".into()]),
        ("身份證 A123456(3) 被影印".into(), vec!["A123456(3)".into(), "A123456".into()]),
        ("身分證字號A123456789請刪除".into(), vec!["A123456789".into()]),
    ]
}

/// Look-alikes that fail the checks and must be kept as written.
const KEPT: &[&str] = &[
    "5分好评，下次还来",
    "2024-03-05 买的薯片",
    "价格 39.9 元，¥1,299.00 也行",
    "订单号 20240305001 已收到",
    "单号110105194912310021有误",
    "order DD20240305123456 late",
    "NPS 10, 14:30 到店",
    "Visa 4111 1111 1111 1112 declined",
    "流水号202403051234567已退",
    "共(12) 3456 7890件",
    "SKU4111111111111112 缺货",
    "NPS went +12 after the refit",
    "part 123-456-7890 reordered",
];

/// The fixture with the comments above (four per touchpoint row group), respondent ids that
/// are secrets, and one valid of each kind per touchpoint.
fn project() -> Proj {
    let mut rows = rows("plain");
    let comments: Vec<String> =
        personal().into_iter().map(|(c, _)| c).chain(KEPT.iter().map(|s| s.to_string())).collect();
    for (i, r) in rows.iter_mut().enumerate() {
        r[0] = format!("SECRET-RID-{i:04}");
        r[9] = comments.get(i).cloned().unwrap_or_default();
    }
    Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))])
}

/// The files of the site that contain `needle`.
fn files_with(site: &Path, needle: &str) -> Vec<String> {
    files(site).into_iter().filter(|(_, b)| contains(b, needle.as_bytes())).map(|(k, _)| k).collect()
}

#[test]
fn e_mails_mobiles_id_and_card_numbers_in_comments_appear_in_no_file_of_the_site() {
    let p = project();
    p.build().expect(0);
    let site = p.public();
    assert_site_clean(&site);
    for (comment, secrets) in personal() {
        for s in secrets {
            let hit = files_with(&site, &s);
            assert!(hit.is_empty(), "{s:?} (from {comment:?}) is in {hit:?}");
        }
    }
}

/// Chinese contacts: a QQ number, a WeChat id, a passport number, and mainland mobiles spelt
/// out in Chinese numerals and written with the network code in brackets; with the strings
/// that must not appear and the words around them that must.
const CHINESE_CONTACTS: &[(&str, &[&str], &str)] = &[
    ("加我QQ号 12345678 详聊退款", &["12345678"], "加我QQ号 [id] 详聊退款"),
    ("微信 wxid_abc123 加一下", &["wxid_abc123", "wxid_", "abc123"], "微信 [id] 加一下"),
    ("护照 E12345678 被前台复印", &["E12345678", "12345678"], "护照 [id] 被前台复印"),
    ("手机一三八零零一三八零零零请回电", &["一三八零零一三八零零零", "一三八零零"], "手机[phone]请回电"),
    ("电话(138)0013-8000晚上打", &["(138)0013-8000", "0013-8000", "13800138000"], "电话[phone]晚上打"),
];

/// How many times `needle` occurs in each file of the site.
fn occurrences(site: &Path, needle: &str) -> std::collections::BTreeMap<String, usize> {
    files(site)
        .into_iter()
        .map(|(k, b)| (k, b.windows(needle.len()).filter(|w| *w == needle.as_bytes()).count()))
        .filter(|(_, n)| *n > 0)
        .collect()
}

/// The Chinese contacts above appear in no file of the site — the comments file and
/// metrics.json included — beyond where a site without them has them (the methodology page
/// gives `(138)0013-8000` and `一三八零零一三八零零零` as examples of what is redacted), while
/// the words around them are shown.
#[test]
fn chinese_contacts_in_comments_appear_in_no_file_of_the_site_and_their_words_do() {
    let with = |contacts: bool| {
        let mut rows = rows("plain");
        for (i, r) in rows.iter_mut().enumerate() {
            r[0] = format!("SECRET-RID-{i:04}");
            r[9] = CHINESE_CONTACTS.get(i).filter(|_| contacts).map(|c| c.0.to_string()).unwrap_or_default();
        }
        let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
        p.build().expect(0);
        p
    };
    let (p, without) = (with(true), with(false));
    let (site, base) = (p.public(), without.public());
    assert_site_clean(&site);
    for (comment, secrets, _) in CHINESE_CONTACTS {
        for s in *secrets {
            let (hit, expected) = (occurrences(&site, s), occurrences(&base, s));
            assert_eq!(hit, expected, "{s:?} (from {comment:?}) leaked into the site");
        }
    }
    let comments = std::fs::read_to_string(site.join("data/comments.csv")).unwrap();
    let shown: Vec<String> = crate::fixture::TOUCHPOINTS
        .iter()
        .flat_map(|tp| page(&site, &format!("touchpoints/{tp}.html")).texts("q"))
        .collect();
    for (_, _, redacted) in CHINESE_CONTACTS {
        assert!(comments.contains(redacted), "{redacted:?} not in data/comments.csv:\n{comments}");
        assert!(shown.iter().any(|q| q == redacted), "{redacted:?} not among {shown:?}");
    }
}

#[test]
fn redacted_comments_keep_their_words_around_the_placeholders() {
    let p = project();
    p.build().expect(0);
    let shown: Vec<String> = crate::fixture::TOUCHPOINTS
        .iter()
        .flat_map(|tp| page(&p.public(), &format!("touchpoints/{tp}.html")).texts("q"))
        .collect();
    for expected in [
        "请联系 [email] 谢谢",
        "电话[phone]谢谢",
        "手机[phone]尽快",
        "卡号 [card] 退款",
        "身份证号[id]已提供",
        "旧身份证[id]请核对",
        "座机[phone]下午打",
        "邮箱[email]谢谢",
        "pay by card[card] please",
    ] {
        assert!(shown.iter().any(|q| q == expected), "{expected:?} not among {shown:?}");
    }
}

#[test]
fn dates_prices_order_numbers_and_scores_in_comments_are_kept_as_written() {
    let p = project();
    p.build().expect(0);
    let shown: Vec<String> = crate::fixture::TOUCHPOINTS
        .iter()
        .flat_map(|tp| page(&p.public(), &format!("touchpoints/{tp}.html")).texts("q"))
        .collect();
    for kept in KEPT {
        assert!(shown.iter().any(|q| q == kept), "{kept:?} was changed or dropped; shown: {shown:?}");
    }
}

#[test]
fn respondent_ids_appear_in_no_file_of_the_site() {
    let p = project();
    p.build().expect(0);
    let hit = files_with(&p.public(), "SECRET-RID");
    assert!(hit.is_empty(), "respondent ids in {hit:?}");
}

#[test]
fn the_projects_absolute_path_appears_in_no_file_of_the_site() {
    let p = project();
    p.build().expect(0);
    let canonical = std::fs::canonicalize(&p.dir).unwrap();
    for path in [p.dir.clone(), canonical, p.tmp().to_path_buf()] {
        let s = path.to_string_lossy().into_owned();
        let hit = files_with(&p.public(), &s);
        assert!(hit.is_empty(), "{s} is in {hit:?}");
    }
    // Nor the temporary directory's name, spelt any way.
    let name = p.tmp().file_name().unwrap().to_string_lossy().into_owned();
    assert!(files_with(&p.public(), &name).is_empty());
}

#[test]
fn a_mobile_number_written_right_after_an_id_number_ending_in_x_is_redacted_too() {
    let mut rows = rows("plain");
    rows[0][9] = "身份证11010519491231002X13812345678".into();
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
    p.build().expect(0);
    let hit = files_with(&p.public(), "13812345678");
    assert!(hit.is_empty(), "the mobile number is in {hit:?}");
}

#[test]
fn personal_data_typed_into_a_rejected_cell_is_redacted_in_the_data_quality_examples() {
    let yaml = YAML.replace(
        "    dimensions: [store, { id: region, column: region, name: Region }]\n",
        "    dimensions: [store, { id: region, column: region, name: Region }]\n  - { id: crm, path: data/crm.csv, key: phone }\njoins:\n  - { dataset: survey, column: resp_id, to: crm }\n",
    );
    let mut rows = rows("plain");
    rows[36][2] = "13812345678".into(); // a mobile typed where the touchpoint belongs
    rows[37][1] = "li.na@example.com".into(); // an e-mail in the date column
    rows[38][7] = "+86 139 8765 4321".into(); // a mobile in the score column
    rows[35][8] = "(415) 555-0132".into(); // a North American number in another score column
    rows[0][0] = "13700001111".into(); // a join key (the CRM is keyed by phone) with no match
    let crm = csv_bytes(&["phone", "tier2"], &[vec!["15900000000".to_string(), "gold".to_string()]]);
    let p = Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&HEADER, &rows)), ("data/crm.csv", &crm)]);
    p.build().expect(0);
    for s in ["13812345678", "li.na@example.com", "139 8765 4321", "13700001111", "555-0132"] {
        let hit = files_with(&p.public(), s);
        assert!(hit.is_empty(), "{s:?} is in {hit:?}");
    }
}

/// Personal numbers split by characters that show nothing (zero-width space, word joiner,
/// soft hyphen, byte-order mark, a zero-width joiner between digits) or by no-break spaces
/// and dots, as text copied from a chat app or a web page holds them: each is redacted like
/// the plain number, and the e-mail address with a zero-width space before its at sign too.
#[test]
fn personal_numbers_split_by_invisible_characters_or_no_break_spaces_are_redacted() {
    let cases: [(&str, &[&str]); 8] = [
        ("call 137\u{200B}0000\u{200B}2221 now", &["137\u{200B}0000", "13700002221", "0000\u{200B}2221"]),
        ("call 137\u{2060}0000\u{2060}2222 now", &["137\u{2060}0000", "13700002222", "0000\u{2060}2222"]),
        ("call 137\u{00AD}0000\u{00AD}2223 now", &["137\u{00AD}0000", "13700002223", "0000\u{00AD}2223"]),
        ("call 137\u{FEFF}0000\u{FEFF}2224 now", &["137\u{FEFF}0000", "13700002224", "0000\u{FEFF}2224"]),
        ("call 137\u{200D}0000\u{200D}2225 now", &["137\u{200D}0000", "13700002225", "0000\u{200D}2225"]),
        ("call 137\u{00A0}0000\u{00A0}2226 now", &["137\u{00A0}0000", "13700002226", "0000\u{00A0}2226"]),
        ("call 137.0000.2227 now", &["137.0000", "13700002227", "0000.2227"]),
        ("mail wang.fang\u{200B}@example.com now", &["wang.fang", "@example.com"]),
    ];
    let mut rows = rows("plain");
    for (i, (comment, _)) in cases.iter().enumerate() {
        rows[i][9] = comment.to_string();
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows))]);
    p.build().expect(0);
    for (comment, secrets) in cases {
        for s in secrets {
            let hit = files_with(&p.public(), s);
            assert!(hit.is_empty(), "{s:?} (from {comment:?}) is in {hit:?}");
        }
    }
}
