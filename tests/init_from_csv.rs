//! `cxsite init --from-csv`: a dozen differently shaped exports, each turned into a project
//! that must build at once, with the guesses that matter checked in its cxsite.yaml.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{Lcg, TempDir};

/// Writes `bytes` as `name` in the temp dir, runs `init --from-csv` into `project/`, checks
/// that it and a build of the result succeed, and returns the generated cxsite.yaml.
fn guess(tmp: &TempDir, name: &str, bytes: &[u8]) -> String {
    let file = tmp.path().join(name);
    fs::write(&file, bytes).unwrap();
    guess_file(tmp, &file)
}

fn guess_file(tmp: &TempDir, file: &Path) -> String {
    guess_file_said(tmp, file).0
}

/// As [`guess`], also returning what init printed (its summary of the guesses).
fn guess_said(tmp: &TempDir, name: &str, bytes: &[u8]) -> (String, String) {
    let file = tmp.path().join(name);
    fs::write(&file, bytes).unwrap();
    guess_file_said(tmp, &file)
}

fn guess_file_said(tmp: &TempDir, file: &Path) -> (String, String) {
    let dir = tmp.path().join("project");
    let init = common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file.into(), dir.clone()]].concat());
    init.expect(0);
    let said = format!("{}{}", init.stdout, init.stderr);
    let yaml = fs::read_to_string(dir.join("cxsite.yaml")).unwrap();
    let build = common::cxsite(tmp.path(), [path(&["build", "-q"]), vec![dir.clone()]].concat());
    assert_eq!(build.code, 0, "the guessed project does not build:\n{}\n--- cxsite.yaml\n{yaml}", build.stderr);
    assert!(dir.join("data").join(file.file_name().unwrap()).is_file(), "the file is copied into data/");
    (yaml, said)
}

fn path(args: &[&str]) -> Vec<PathBuf> {
    args.iter().map(PathBuf::from).collect()
}

#[track_caller]
fn has(yaml: &str, parts: &[&str]) {
    for p in parts {
        assert!(yaml.contains(p), "cxsite.yaml lacks {p:?}:\n{yaml}");
    }
}

#[track_caller]
fn lacks(yaml: &str, parts: &[&str]) {
    for p in parts {
        assert!(!yaml.contains(p), "cxsite.yaml has {p:?}:\n{yaml}");
    }
}

/// `cxsite check --strict` passes on the guessed project (`what` names the case).
#[track_caller]
fn assert_strict_passes(tmp: &TempDir, what: &str) {
    let strict = std::process::Command::new(env!("CARGO_BIN_EXE_cxsite"))
        .args(["check", "--strict"])
        .arg(tmp.path().join("project"))
        .output()
        .unwrap();
    assert!(strict.status.success(), "{what}: {}", String::from_utf8_lossy(&strict.stderr));
}

/// No file of the built site holds any of `texts`.
#[track_caller]
fn assert_site_lacks(tmp: &TempDir, texts: &[&str]) {
    for entry in walkdir::WalkDir::new(tmp.path().join("project/public")) {
        let path = entry.unwrap().into_path();
        let text = fs::read_to_string(&path).unwrap_or_default();
        assert!(!texts.iter().any(|t| text.contains(t)), "{}", path.display());
    }
}

/// Asserts the guessed project's built metrics.csv has a row of all customers holding `part`
/// (`_薯片,124,51.6129`: an option's metric, its n and its value).
#[track_caller]
fn assert_overall_row(tmp: &TempDir, part: &str) {
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,") && l.contains(part)), "{part}: {metrics}");
}

/// The line of `yaml` that mentions `needle`.
fn line<'a>(yaml: &'a str, needle: &str) -> &'a str {
    yaml.lines().find(|l| l.contains(needle)).unwrap_or_else(|| panic!("no line with {needle:?}:\n{yaml}"))
}

#[test]
fn long_export_with_a_touchpoint_column() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(1);
    let mut csv = String::from("id,date,touchpoint,region,recommend,satisfaction,comment\n");
    let tps = ["Website", "Store visit", "Hotline"];
    for i in 0..150 {
        csv += &format!(
            "R{i:04},2025-0{}-{:02},{},{},{},{},{}\n",
            1 + i % 4,
            1 + r.below(28),
            tps[i % 3],
            ["North", "South"][r.below(2) as usize],
            r.below(11),
            1 + r.below(5),
            if i % 3 == 0 {
                format!("\"Comment number {i}, quite long and different each time\"")
            } else {
                String::new()
            }
        );
    }
    let yaml = guess(&tmp, "responses.csv", csv.as_bytes());
    has(
        &yaml,
        &["format: long", "touchpoint: \"touchpoint\"", "respondent: \"id\"", "date: \"date\"", "comment: \"comment\""],
    );
    has(&yaml, &["nps: { column: \"recommend\", scale: [0, 10]", "csat: { column: \"satisfaction\", scale: [1, 5]"]);
    has(&yaml, &["name: \"Store visit\"", "from_column: \"region\""]);
    assert!(line(&yaml, "nps:").contains("# guessed:"), "every guess is marked");
    has(&yaml, &["docs/config.md"]);
}

/// An English company's export with a few comments in Chinese, or a third of them (a
/// Singapore or Hong Kong brand's), is guessed as English (site, title, time zone); one whose
/// comments are mostly Chinese under English headers is Chinese.
#[test]
fn the_site_language_follows_most_of_the_text_not_one_chinese_comment() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(4);
    let write = |chinese: fn(usize) -> bool, r: &mut Lcg| {
        let mut csv = String::from("id,date,store,recommend,comment\n");
        for i in 0..200 {
            let comment = if chinese(i) {
                format!("送货太慢了，等了{}天才到", 2 + i % 5)
            } else {
                format!("Delivery took {} days, the driver was friendly and helpful", 2 + i % 5)
            };
            csv += &format!(
                "R{i:04},2025-0{}-{:02},{},{},\"{comment}\"\n",
                1 + i % 4,
                1 + r.below(28),
                ["Leeds", "York"][i % 2],
                r.below(11)
            );
        }
        csv
    };
    let yaml = guess(&tmp, "tickets.csv", write(|i| i % 90 == 0, &mut r).as_bytes());
    has(&yaml, &["locale: en", "timezone: UTC", "— customer experience"]);
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "tickets.csv", write(|i| i % 3 == 0, &mut r).as_bytes());
    has(&yaml, &["locale: en", "timezone: UTC", "— customer experience"]);
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "tickets.csv", write(|i| i % 3 != 0, &mut r).as_bytes());
    has(&yaml, &["locale: zh-CN", "timezone: Asia/Shanghai"]);
}

#[test]
fn wide_export_with_many_aspect_ratings_and_nps() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(2);
    let aspects = [
        "Inflight wifi service",
        "Online boarding",
        "Seat comfort",
        "Food and drink",
        "Cleanliness",
        "Baggage handling",
    ];
    let mut csv = format!(
        "id,flown_on,{},likelihood to recommend\n",
        aspects.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(",")
    );
    for i in 0..120 {
        let ratings: Vec<String> = aspects.iter().map(|_| (r.below(6)).to_string()).collect();
        csv += &format!("{},2024-1{}-0{},{},{}\n", 1000 + i, i % 3, 1 + i % 9, ratings.join(","), r.below(11));
    }
    let yaml = guess(&tmp, "passengers.csv", csv.as_bytes());
    has(&yaml, &["format: wide", "touchpoint_scores:", "na: [0]", "inflight_wifi_service: \"Inflight wifi service\""]);
    has(&yaml, &["nps: { column: \"likelihood to recommend\", scale: [0, 10]"]);
}

/// A GBK export with Chinese headers and 非常满意-style labels.
fn chinese_csv(seed: u64) -> String {
    let mut r = Lcg::new(seed);
    let labels = ["非常满意", "满意", "一般", "不满意", "非常不满意"];
    let stores = ["北京朝阳店", "上海徐汇店", "广州天河店"];
    let mut csv = String::from("编号,提交时间,门店,推荐意愿,满意度,会员等级,评价内容\n");
    for i in 0..160 {
        csv += &format!(
            "{},2024年{}月{}日,{},{},{},{},{}\n",
            i + 1,
            1 + i % 6,
            1 + r.below(28),
            stores[r.below(3) as usize],
            r.below(11),
            labels[r.below(5) as usize],
            ["金卡", "银卡"][r.below(2) as usize],
            if i % 2 == 0 { format!("第{i}位顾客：服务很好，下次还来") } else { String::new() }
        );
    }
    csv
}

#[test]
fn gbk_export_with_chinese_headers_and_labels() {
    let tmp = TempDir::new();
    let text = chinese_csv(3);
    let (bytes, _, _) = encoding_rs::GBK.encode(&text);
    let yaml = guess(&tmp, "问卷 导出.csv", &bytes);
    has(&yaml, &["encoding: gb18030", "locale: zh-CN", "timezone: Asia/Shanghai", "path: \"data/问卷 导出.csv\""]);
    has(&yaml, &["nps: { column: \"推荐意愿\", scale: [0, 10]", "date: \"提交时间\"", "comment: \"评价内容\""]);
    has(&yaml, &["\"非常满意\": 5", "\"非常不满意\": 1", "column: \"满意度\", scale: [1, 5]"]);
    has(&yaml, &["from_column: \"门店\"", "from_column: \"会员等级\""]);
}

/// Legacy encodings the probe found misread: a Korean export saved by Excel on Korean Windows
/// (EUC-KR / CP949) had been read as GB18030 (its Hangul share Chinese lead bytes), and a French
/// one in Windows-1252 with curly quotes and dashes as Mac OS Roman (“ ” – are ì î ñ there):
/// either way the satisfaction labels were garbled into a breakdown and CSAT was lost.
#[test]
fn korean_and_windows_1252_exports_with_typographic_quotes_are_read_in_their_encoding() {
    // Korean: 40 rows of 매우 만족 … 매우 불만족 in turn, 8 of each: top-2 box 16 of 40 = 40 %.
    let labels = ["매우 만족", "만족", "보통", "불만족", "매우 불만족"];
    let mut csv = String::from("응답 ID,응답 일시,전반적 만족도,의견\n");
    for i in 0..40 {
        csv += &format!("K{i},2024-05-{:02},{},배송이 빨라서 좋았습니다 {i}\n", 1 + i % 28, labels[i % 5]);
    }
    let tmp = TempDir::new();
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(&csv);
    let yaml = guess(&tmp, "설문.csv", &bytes);
    has(&yaml, &["encoding: euc-kr", "locale: en", "\"매우 만족\": 5"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,40,40.0000,")), "{metrics}");
    // French, semicolons, Windows-1252: Très satisfait … Très insatisfait, comments quoted
    // “…” with a dash. 50 rows, labels in turn (10 each): top-2 box 20 of 50 = 40 %.
    let labels = ["Très satisfait", "Satisfait", "Neutre", "Insatisfait", "Très insatisfait"];
    let mut csv = String::from("Numéro;Date;Satisfaction générale;Commentaire\n");
    for i in 0..50 {
        let said = ["le service", "la livraison", "le vendeur", "le prix", "l’emballage", "le magasin", "la caisse"];
        csv += &format!(
            "{i};2024-05-{:02};{};“Très bien” – {} {i}, c’était rapide\n",
            1 + i % 28,
            labels[i % 5],
            said[i % 7]
        );
    }
    let tmp = TempDir::new();
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&csv);
    let yaml = guess(&tmp, "avis.csv", &bytes);
    has(&yaml, &["encoding: windows-1252", "column: \"Satisfaction générale\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,50,40.0000,")), "{metrics}");
    let comments = fs::read_to_string(tmp.path().join("project/public/data/comments.csv")).unwrap();
    assert!(comments.contains("\"“Très bien” – le service 7, c’était rapide\""), "{comments}");
}

#[test]
fn utf16_export_with_a_bom() {
    let tmp = TempDir::new();
    let mut bytes = vec![0xff, 0xfe];
    for unit in chinese_csv(4).encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let yaml = guess(&tmp, "unicode.csv", &bytes);
    lacks(&yaml, &["encoding:"]);
    has(&yaml, &["nps: { column: \"推荐意愿\"", "locale: zh-CN"]);
}

/// Google Play's review export (UTF-16 with a BOM): the app's version (`4.1.2`, the same on
/// every row) was read as a date, 4 January 2002, and the review's own time left out as
/// "another date column". A version is no date, and a column named as a date comes first.
#[test]
fn google_play_reviews_are_dated_by_their_submit_time_not_the_app_version() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(8);
    let mut csv = String::from("Package Name,App Version Code,App Version Name,Reviewer Language,Device,Review Submit Date and Time,Review Submit Millis Since Epoch,Star Rating,Review Title,Review Text,Review Link\n");
    let texts = [
        "App keeps crashing at checkout",
        "Love the weekly deals",
        "Slow to load but fine",
        "Cannot log in since the update",
        "",
    ];
    for i in 0..120 {
        let version = ["4.1.2", "4.1.3"][i % 2];
        let when = format!("2024-0{}-{:02}T{:02}:15:02Z", 1 + i % 6, 1 + r.below(28), r.below(24));
        csv += &format!(
            "com.crunchy.app,41{},{version},{},{},{when},{},{},,\"{}\",https://play.google.com/store/apps/details?id=com.crunchy.app&reviewId={i}\n",
            i % 2,
            ["en", "de"][i % 2],
            ["a52q", "redfin", "OnePlus8"][i % 3],
            1_704_067_200_000u64 + i as u64 * 86_400_000,
            1 + r.below(5),
            texts[i % texts.len()],
        );
    }
    let mut bytes = vec![0xff, 0xfe];
    bytes.extend(csv.encode_utf16().flat_map(u16::to_le_bytes));
    let (yaml, said) = guess_said(&tmp, "reviews_reviews_com.crunchy.app_202406.csv", &bytes);
    has(
        &yaml,
        &[
            "date: \"Review Submit Date and Time\"",
            "column: \"Star Rating\", scale: [1, 5]",
            "comment: \"Review Text\"",
        ],
    );
    lacks(&yaml, &["date: \"App Version Name\"", "date_format"]);
    assert!(!said.contains("App Version Name         date"), "{said}");
}

/// HubSpot's NPS export names each answer's group in a `Sentiment` column (`Promoter`,
/// `Passive`, `Detractor`): worked out from the rating, so no segment of its own.
#[test]
fn nps_groups_written_as_words_are_left_out_whatever_the_column_is_called() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(10);
    let mut csv = String::from("Contact ID,Submission date,Rating,Response,Sentiment\n");
    for i in 0..150 {
        let rating = r.below(11);
        let group = match rating {
            9.. => "Promoter",
            7 | 8 => "Passive",
            _ => "Detractor",
        };
        csv += &format!(
            "{},2024-0{}-{:02},{rating},\"Answer {i}, with its own words each time\",{group}\n",
            5000 + i,
            1 + i % 6,
            1 + r.below(28)
        );
    }
    let (yaml, said) = guess_said(&tmp, "hubspot-nps.csv", csv.as_bytes());
    lacks(&yaml, &["from_column: \"Sentiment\""]);
    assert!(said.contains("Sentiment                left out: NPS groups"), "{said}");
}

/// Taobao, Tmall, JD and Meituan grade a review 好评 / 中评 / 差评: a 3-point scale, not three
/// segments.
#[test]
fn taobao_review_grades_are_a_three_point_scale() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(9);
    let mut csv = String::from("订单编号,评价时间,商品名称,评价等级,评价内容\n");
    for i in 0..150 {
        csv += &format!(
            "3{:017},2024-0{}-{:02} 10:15:02,{},{},{}\n",
            1000 + i,
            1 + i % 6,
            1 + r.below(28),
            ["脆脆薯片 原味", "坚果礼盒"][i % 2],
            ["好评", "好评", "中评", "差评"][i % 4],
            ["很好吃，物流很快", "包装破了，薯片碎了一半", "客服态度很差，不回消息"][i % 3],
        );
    }
    let yaml = guess(&tmp, "评价导出.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 3]", "labels: { \"好评\": 3, \"中评\": 2, \"差评\": 1 }", "comment: \"评价内容\""]);
    lacks(&yaml, &["from_column: \"评价等级\""]);
    // The positive rate is the 好评 share: rows with i % 4 of 0 or 1, 37 × 2 + 2 (148, 149) =
    // 76 of 150 = 50.6667 %. On a 3-point scale the top box alone, not the top two, which would
    // count the 37 中评 as satisfied too (113 of 150, 75.3333 %).
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let overall: Vec<&str> = metrics
        .lines()
        .filter(|l| l.starts_with("overall,all,") && !l.split(',').nth(2).unwrap().ends_with("_mean"))
        .collect();
    assert_eq!(overall.len(), 1, "{metrics}");
    let cells: Vec<&str> = overall[0].split(',').collect();
    assert_eq!((cells[3], cells[4]), ("150", "50.6667"), "{}", overall[0]);
}

#[test]
fn semicolon_delimited_export() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv = String::from("respondent_id;date;store;nps\n");
    for i in 0..100 {
        csv += &format!("{i};2025-02-{:02};Store {};{}\n", 1 + i % 28, r.below(12), r.below(11));
    }
    let yaml = guess(&tmp, "semi.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"nps\", scale: [0, 10]", "respondent: \"respondent_id\"", "column: \"store\""]);
}

#[test]
fn day_first_dates_get_a_date_format() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(6);
    let mut csv = String::from("id,visit date,score\n");
    for i in 0..100 {
        csv += &format!("{i},{:02}/{:02}/2024 {:02}:{:02},{}\n", 1 + i % 28, 1 + i % 12, i % 24, i % 60, r.below(11));
    }
    let yaml = guess(&tmp, "dayfirst.csv", csv.as_bytes());
    has(&yaml, &["date_format: \"DD/MM/YYYY HH:mm\"", "date: \"visit date\""]);
}

#[test]
fn chinese_dates_with_a_chinese_time_of_day_are_guessed_as_dates() {
    // 问卷星, 腾讯问卷 and hand-kept sheets: `2024年03月04日 10时15分` and its cousins, mixed in
    // one column; read without a `date_format`. The column is named so that only its values
    // can say it holds dates.
    let tmp = TempDir::new();
    let mut r = Lcg::new(8);
    let mut csv = String::from("id,提交,nps\n");
    for i in 0..120 {
        let (d, h, m) = (1 + i % 28, i % 12, i % 60);
        let when = match i % 6 {
            0 => format!("2024年03月{d:02}日 {h:02}时{m:02}分"),
            1 => format!("2024年3月{d}日 {h}时{m}分{:02}秒", i % 60),
            2 => format!("2024年3月{d}日 {h}点{m}分"),
            3 => format!("2024年3月{d}日 下午{}点{m}分", 1 + h),
            4 => format!("2024年3月{d}日 下午{}:{m:02}", 1 + h),
            _ => format!("2024/3/{d} 上午{h}:{m:02}:02"),
        };
        csv += &format!("R{i},{when},{}\n", r.below(11));
    }
    let yaml = guess(&tmp, "时间.csv", csv.as_bytes());
    has(&yaml, &["date: \"提交\""]);
    lacks(&yaml, &["date_format"]);
}

#[test]
fn scores_in_arabic_indic_and_full_width_digits_are_guessed_as_scores() {
    // A survey exported in an Arabic locale writes its 0–10 answers as ٠…١٠; one typed on a
    // Chinese input method as １０. Both columns are scores, as the build reads them.
    let tmp = TempDir::new();
    let mut r = Lcg::new(9);
    let arabic = |n: u64| {
        n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap()).collect::<String>()
    };
    let full = |n: u64| {
        n.to_string().chars().map(|c| char::from_u32(c as u32 - '0' as u32 + 0xff10).unwrap()).collect::<String>()
    };
    let mut csv = String::from("id,date,recommend,satisfaction\n");
    for i in 0..100 {
        csv += &format!("R{i},2025-01-{:02},{},{}\n", 1 + i % 28, arabic(r.below(11)), full(1 + r.below(5)));
    }
    let yaml = guess(&tmp, "arabic.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"recommend\", scale: [0, 10]", "column: \"satisfaction\", scale: [1, 5]"]);
}

#[test]
fn xlsx_with_excel_serial_dates() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(7);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["id", "date", "channel", "recommend", "effort"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=120u32 {
        sheet.write_number(i, 0, f64::from(i)).unwrap();
        sheet.write_number(i, 1, 45292.0 + f64::from(i % 90)).unwrap(); // 2024-01-01 …
        sheet.write_string(i, 2, ["app", "store", "web"][r.below(3) as usize]).unwrap();
        sheet.write_number(i, 3, r.below(11) as f64).unwrap();
        sheet.write_number(i, 4, (1 + r.below(7)) as f64).unwrap();
    }
    let file = tmp.path().join("export.xlsx");
    book.save(&file).unwrap();
    let yaml = guess_file(&tmp, &file);
    has(
        &yaml,
        &["date: \"date\"", "Excel serial", "ces: { column: \"effort\", scale: [1, 7]", "nps: { column: \"recommend\""],
    );
    lacks(&yaml, &["date_format"]);
}

/// A workbook whose first sheet is a summary (a row per store: responses, promoters,
/// detractors) and whose second holds the responses: init reads the sheet of most rows, names
/// it in `sheet:` and says which it read, instead of taking the summary's counts for scores.
#[test]
fn of_a_workbook_of_several_sheets_the_one_of_most_rows_is_read() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(37);
    let mut book = rust_xlsxwriter::Workbook::new();
    let summary = book.add_worksheet().set_name("Summary").unwrap();
    for (c, h) in ["Store", "Responses", "Promoters", "Detractors"].iter().enumerate() {
        summary.write_string(0, c as u16, *h).unwrap();
    }
    for i in 1..=4u32 {
        summary.write_string(i, 0, format!("S{i}")).unwrap();
        for c in 1..4u16 {
            summary.write_number(i, c, f64::from(i * 7 + u32::from(c))).unwrap();
        }
    }
    let responses = book.add_worksheet().set_name("Responses").unwrap();
    for (c, h) in ["Response Date", "Store", "Likelihood to recommend"].iter().enumerate() {
        responses.write_string(0, c as u16, *h).unwrap();
    }
    let mut net = 0i64;
    for i in 1..=150u32 {
        let score = r.below(11);
        net += i64::from(score >= 9) - i64::from(score <= 6);
        responses.write_string(i, 0, format!("2024-03-{:02}", 1 + i % 28)).unwrap();
        responses.write_string(i, 1, format!("S{}", 1 + i % 4)).unwrap();
        responses.write_number(i, 2, score as f64).unwrap();
    }
    let file = tmp.path().join("medallia.xlsx");
    book.save(&file).unwrap();
    let (yaml, said) = guess_file_said(&tmp, &file);
    has(&yaml, &["sheet: \"Responses\"", "nps: { column: \"Likelihood to recommend\""]);
    lacks(&yaml, &["Promoters", "Detractors"]);
    assert!(said.contains("read sheet `Responses`"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let want = format!("overall,all,nps,150,{:.4},", 100.0 * net as f64 / 150.0);
    assert!(metrics.lines().any(|l| l.starts_with(&want)), "{want}\n{metrics}");
}

/// A report workbook as Chinese offices write them: a merged title, a line with the time of
/// export and an empty row above the header (Excel row 4).
#[test]
fn xlsx_with_a_title_above_its_header() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(9);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.merge_range(0, 0, 0, 4, "脆脆零食 2024年3月 门店满意度调查明细表", &rust_xlsxwriter::Format::new()).unwrap();
    sheet.write_string(1, 0, "导出时间：2024-04-01 09:00").unwrap();
    for (c, h) in ["编号", "日期", "门店", "推荐意愿(0-10)", "意见建议"].iter().enumerate() {
        sheet.write_string(3, c as u16, *h).unwrap();
    }
    let mut n = 0;
    for i in 4..104u32 {
        sheet.write_string(i, 0, format!("N{i:04}")).unwrap();
        sheet.write_string(i, 1, format!("2024-03-{:02}", 1 + r.below(28))).unwrap();
        sheet.write_string(i, 2, ["上海南京路店", "北京三里屯店", "杭州西湖店"][r.below(3) as usize]).unwrap();
        sheet.write_number(i, 3, r.below(11) as f64).unwrap();
        sheet
            .write_string(i, 4, format!("{}{i}", ["排队太久了", "店员很热情", "价格有点贵"][r.below(3) as usize]))
            .unwrap();
        n += 1;
    }
    let file = tmp.path().join("明细表.xlsx");
    book.save(&file).unwrap();
    let yaml = guess_file(&tmp, &file);
    has(&yaml, &["header_row: 4", "date: \"日期\"", "nps: { column: \"推荐意愿(0-10)\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with(&format!("overall,all,nps,{n},"))), "{metrics}");
}

#[test]
fn export_without_dates() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(8);
    let mut csv = String::from("customer,how likely are you to recommend us,how satisfied\n");
    for i in 0..80 {
        csv += &format!("C{i},{},{}\n", r.below(11), 1 + r.below(5));
    }
    let yaml = guess(&tmp, "nodates.csv", csv.as_bytes());
    lacks(&yaml, &["date:", "date_format"]);
    has(&yaml, &["touchpoint: overall", "nps: { column: \"how likely are you to recommend us\""]);
}

#[test]
fn comments_with_star_ratings_build_and_comments_alone_make_a_comment_only_project() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(9);
    let mut csv = String::from("review_id,stars,review\n");
    for i in 0..90 {
        csv += &format!(
            "{i},{},\"Review {i}: the delivery was {} and the box was fine\"\n",
            1 + r.below(5),
            ["fast", "late"][r.below(2) as usize]
        );
    }
    let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
    has(&yaml, &["comment: \"review\"", "csat: { column: \"stars\", scale: [1, 5]"]);

    let only = TempDir::new();
    let mut csv = String::from("comment\n");
    for i in 0..50 {
        csv += &format!("\"Comment {i}, with nothing to score\"\n");
    }
    let yaml = guess(&only, "comments.csv", csv.as_bytes());
    has(&yaml, &["comment: \"comment\"", "touchpoint: overall"]);
    lacks(&yaml, &["scores:"]);

    // Two free-text columns: both read, each labelled with its question.
    let two = TempDir::new();
    let mut csv = String::from("stars,What did you like best?,What did you like least?\n");
    for i in 0..60 {
        csv += &format!("{},\"Liked number {i}, the staff\",\"Disliked number {i}, the queue\"\n", 1 + i % 5);
    }
    let yaml = guess(&two, "two.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "- { column: \"What did you like best?\", label: \"What did you like best?\" }",
            "- { column: \"What did you like least?\", label: \"What did you like least?\" }",
        ],
    );

    // Neither a score nor free text: refused with the columns as they were read.
    let none = TempDir::new();
    let file = none.path().join("ids.csv");
    fs::write(&file, (0..50).map(|i| format!("{i}\n")).fold(String::from("id\n"), |a, b| a + &b)).unwrap();
    let run = common::cxsite(none.path(), [path(&["init", "--from-csv"]), vec![file, none.path().join("p")]].concat());
    assert_ne!(run.code, 0);
    run.stderr_has(&["no score column", "nor a comment column"]);
}

#[test]
fn email_and_phone_columns_are_left_out() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(10);
    let mut csv = String::from("id,email,mobile,plan,nps\n");
    for i in 0..100 {
        csv += &format!(
            "{i},user{}@example.com,138{:08},{},{}\n",
            i % 40,
            i * 7,
            ["basic", "pro"][r.below(2) as usize],
            r.below(11)
        );
    }
    let (yaml, said) = guess_said(&tmp, "crm.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "\"email\": personal data (e-mail addresses)",
            "\"mobile\": personal data (phone numbers)",
            "from_column: \"plan\"",
        ],
    );
    // Both are named in the summary's note of personal data left out, as a name column is.
    assert!(said.contains("note: left out as personal data (names, contact details): `email`, `mobile`"), "{said}");
    lacks(&yaml, &["column: \"email\"", "from_column: \"email\"", "column: \"mobile\""]);
}

#[test]
fn zero_one_outcome_becomes_the_loyalty_measure() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(11);
    let mut csv = String::from("id,date,repurchased,ease of ordering\n");
    for i in 0..100 {
        csv += &format!("{i},2025-03-{:02},{},{}\n", 1 + i % 28, r.below(2), 1 + r.below(5));
    }
    let yaml = guess(&tmp, "outcome.csv", csv.as_bytes());
    has(
        &yaml,
        &["repurchased: { column: \"repurchased\", type: rating, scale: [0, 1], top_box: 1 }", "loyalty: repurchased"],
    );
}

#[test]
fn english_text_labels_become_a_labelled_score() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(12);
    let labels = ["Very satisfied", "Satisfied", "Neutral", "Dissatisfied", "Very dissatisfied", "N/A"];
    let mut csv = String::from("ticket,opened,overall satisfaction,agent\n");
    for i in 0..100 {
        csv += &format!(
            "T{i},2025-01-{:02} 10:00,{},{}\n",
            1 + i % 28,
            labels[r.below(6) as usize],
            ["Ann", "Bo", "Cy"][r.below(3) as usize]
        );
    }
    let yaml = guess(&tmp, "tickets.csv", csv.as_bytes());
    has(&yaml, &["\"Very satisfied\": 5", "\"Very dissatisfied\": 1", "na: [\"N/A\"]", "scale: [1, 5]"]);
}

/// A 问卷星 export saved again as UTF-8, with `(跳过)` where logic skipped the recommend
/// question: the question is still guessed as NPS with `(跳过)` as no answer, and the project
/// builds (问卷星's own encoding, GBK, is not forced on a UTF-8 file).
#[test]
fn a_utf8_wenjuanxing_export_with_skipped_scores_is_guessed_and_builds() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(7);
    let mut csv = String::from(
        "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您向朋友推荐我们的可能性有多大？,2、您对本次服务的满意度\n",
    );
    for i in 1..=60 {
        let nps = if i % 10 == 0 { "(跳过)".to_string() } else { r.below(11).to_string() };
        let csat = ["非常满意", "满意", "一般", "不满意", "非常不满意"][r.below(5) as usize];
        csv += &format!(
            "{i},2024/3/{} 10:15:02,{}秒,微信,直接访问,1.2.3.{i}(上海-上海),{nps},{csat}\n",
            1 + i % 28,
            20 + i
        );
    }
    let yaml = guess(&tmp, "wjx.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "export: wenjuanxing",
            "nps: { column: \"1、您向朋友推荐我们的可能性有多大？\", scale: [0, 10], na: [\"(跳过)\"] }",
        ],
    );
    lacks(&yaml, &["encoding:"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // 60 rows, 6 skipped: 54 answers.
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,54,")), "{metrics}");
    // 问卷星's numeric export writes a skipped question as `-3`: not applicable, not a value
    // outside the scale (a warning for every skip, before).
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "wjx_num.csv", csv.replace("(跳过)", "-3").as_bytes());
    has(&yaml, &["scale: [0, 10], na: [\"-3\"]"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,54,")), "{metrics}");
    let json = fs::read_to_string(tmp.path().join("project/public/data/metrics.json")).unwrap();
    assert!(!json.contains("outside the scale"), "the skips are no values outside the scale");
}

/// Dates a review site or a weekly report writes: a tenth of them relative (`3 weeks ago`, as a
/// scrape keeps the newest), ordinal days (`May 3rd, 2024`), Chinese weeks (`2024年第18周`).
/// Each column is the dates, not "too many values to break down by", and its months count.
#[test]
fn scraped_ordinal_and_weekly_dates_are_guessed_as_dates() {
    let mut r = Lcg::new(11);
    let months = ["January", "February", "March", "April", "May", "June"];
    let suffix = |d: u64| match d {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    let (mut relative, mut ordinal, mut weekly) = (
        String::from("reviewer,rating,date,text\n"),
        String::from("id,Date,recommend\n"),
        String::from("id,周次,推荐意愿\n"),
    );
    for i in 0..200u64 {
        let (m, d) = (1 + r.below(6), 1 + r.below(28));
        let when = if i % 10 == 0 { format!("{} weeks ago", 1 + i % 4) } else { format!("{m}/{d}/2024") };
        relative += &format!("U{i},{}.0,{when},\n", 1 + r.below(5));
        ordinal += &format!("{i},\"{} {d}{}, 2024\",{}\n", months[m as usize - 1], suffix(d), r.below(11));
        weekly += &format!("{i},2024年第{}周,{}\n", 1 + r.below(26), r.below(11));
    }
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "reviews.csv", relative.as_bytes());
    has(&yaml, &["date: \"date\"", "date_format: \"MM/DD/YYYY\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // The 180 dated reviews in their months; the 20 relative ones in none.
    let dated: u64 = metrics
        .lines()
        .filter(|l| l.starts_with("period,2024-") && l.contains(",csat,"))
        .map(|l| l.split(',').nth(3).unwrap().parse::<u64>().unwrap())
        .sum();
    assert_eq!(dated, 180, "{metrics}");
    for (name, csv, column) in [("ordinal.csv", &ordinal, "Date"), ("weekly.csv", &weekly, "周次")] {
        let tmp = TempDir::new();
        let yaml = guess(&tmp, name, csv.as_bytes());
        has(&yaml, &[&format!("date: \"{column}\"")]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        let periods: u64 = metrics
            .lines()
            .filter(|l| l.starts_with("period,2024-") && l.contains(",nps,"))
            .map(|l| l.split(',').nth(3).unwrap().parse::<u64>().unwrap())
            .sum();
        assert_eq!(periods, 200, "{name}: {metrics}");
    }
}

/// A US export's dates on a 12-hour clock (`3/14/2024 5:23 PM`) are a date column, not text.
#[test]
fn us_dates_on_a_twelve_hour_clock_are_guessed_with_their_format() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(3);
    let mut csv = String::from("Survey ID,Response Date,Likelihood to Recommend\n");
    for i in 0..80 {
        let (m, d, h) = (1 + r.below(12), 1 + r.below(28), 1 + r.below(12));
        let half = ["AM", "PM"][r.below(2) as usize];
        csv += &format!("S{i},{m}/{d}/2024 {h}:{:02} {half},{}\n", r.below(60), r.below(11));
    }
    let yaml = guess(&tmp, "medallia.csv", csv.as_bytes());
    has(&yaml, &["date: \"Response Date\"", "date_format: \"MM/DD/YYYY h:mm A\""]);
}

/// Microsoft Forms writes its times month first with a two-digit year (`12/31/24 23:59:59`):
/// a date column with that format, whose months are counted as written.
#[test]
fn microsoft_forms_dates_with_a_two_digit_year_are_guessed_with_their_format() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv = String::from("ID,Start time,Completion time,Email,How likely are you to recommend us?\n");
    // 20 answers in December 2024 (days 13–28, so month first is certain), 25 in January 2025.
    for i in 0..45 {
        let (m, y) = if i < 20 { (12, 24) } else { (1, 25) };
        let (d, h) = (13 + i % 16, r.below(24));
        csv += &format!(
            "{},{m}/{d}/{y} {h}:{:02}:07,{m}/{d}/{y} {h}:59:07,anonymous,{}\n",
            i + 1,
            r.below(59),
            r.below(11)
        );
    }
    let yaml = guess(&tmp, "msforms.csv", csv.as_bytes());
    has(&yaml, &["date: \"Completion time\"", "date_format: \"MM/DD/YY HH:mm:ss\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-12,nps,20,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("period,2025-01,nps,25,")), "{metrics}");
}

/// A CSV saved from Excel with its date cells in General format holds serial day numbers
/// (`45292` is 2024-01-01): a date-named column of them is a date with `date_format: excel`,
/// and its months are counted as the serial numbers say, not left out as an identifier.
#[test]
fn excel_serial_day_numbers_in_a_csv_are_guessed_as_dates() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(7);
    let mut csv = String::from("ResponseDate,Channel,NPS\n");
    // 45292 … 45322 is 2024-01-01 … 2024-01-31; 45323 … 45351 is February 2024 (a leap year).
    for i in 0..70 {
        let day = if i < 40 { 45292 + i % 31 } else { 45323 + i % 29 };
        let time = if i % 3 == 0 { ".75" } else { "" };
        csv += &format!("{day}{time},{},{}\n", ["web", "app"][i as usize % 2], r.below(11));
    }
    let yaml = guess(&tmp, "serial.csv", csv.as_bytes());
    has(&yaml, &["date: \"ResponseDate\"", "date_format: \"excel\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-01,nps,40,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-02,nps,30,")), "{metrics}");
}

/// A semicolon-separated export from a locale whose decimal mark is a comma writes a 1–5
/// rating as `4,0`: a score from 1 to 5, not five groups to break down by; its mean is the
/// mean of the ratings (hand-counted: 12 each of 1 … 5 is a mean of 3, a top-two share of 40 %).
#[test]
fn ratings_written_with_a_decimal_comma_are_guessed_as_scores() {
    let tmp = TempDir::new();
    let mut csv = String::from("sep=;\r\nDatum;Filiale;Zufriedenheit\r\n");
    for i in 0..60 {
        csv += &format!("2024-03-{:02};Filiale {};{},0\r\n", 1 + i % 28, i % 3, 1 + i % 5);
    }
    let yaml = guess(&tmp, "semikolon.csv", csv.as_bytes());
    has(&yaml, &["column: \"Zufriedenheit\", scale: [1, 5]"]);
    lacks(&yaml, &["from_column: \"Zufriedenheit\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,60,40.0000,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat_mean,60,3.0000,")), "{metrics}");
}

/// 问卷星's export "按序号" writes each choice as its number: gender 1–2, age band 1–6, city
/// 1–9 are groups, not ratings, and the one 0–10 question named for recommending is the NPS
/// (before, the city codes became `nps` and the site's headline, and gender a 1–5 touchpoint).
#[test]
fn coded_choices_are_groups_and_the_recommend_question_is_the_nps() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(11);
    let mut csv = String::from("序号,1、您的性别,2、您的年龄段,3、您所在的城市,4、您向朋友推荐本店的可能性\n");
    let mut nps = (0, 0, 0);
    for i in 0..200 {
        let score = r.below(11);
        nps.0 += usize::from(score >= 9);
        nps.1 += usize::from(score <= 6);
        nps.2 += 1;
        csv += &format!("{},{},{},{},{score}\n", i + 1, 1 + r.below(2), 1 + r.below(6), 1 + r.below(9));
    }
    let yaml = guess(&tmp, "wjx_codes.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"4、您向朋友推荐本店的可能性\""]);
    lacks(
        &yaml,
        &["nps2", ": { column: \"1、您的性别\"", ": { column: \"2、您的年龄段\"", ": { column: \"3、您所在的城市\""],
    );
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let want = format!("overall,all,nps,200,{:.4},", 100.0 * (nps.0 as f64 - nps.1 as f64) / nps.2 as f64);
    assert!(metrics.lines().any(|l| l.starts_with(&want)), "{want}\n{metrics}");
}

/// An overall rating beside the touchpoints' is the outcome they explain (`loyalty`), not a
/// fourth touchpoint: the summary must not call it "the strongest touchpoint".
#[test]
fn an_overall_rating_is_the_outcome_not_a_touchpoint() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(13);
    let mut csv = String::from("Overall satisfaction,Checkout,Staff friendliness,Cleanliness\n");
    for _ in 0..150 {
        csv += &format!("{},{},{},{}\n", 1 + r.below(5), 1 + r.below(5), 1 + r.below(5), 1 + r.below(5));
    }
    let yaml = guess(&tmp, "ovr.csv", csv.as_bytes());
    has(&yaml, &["loyalty: csat", "csat: { column: \"Overall satisfaction\""]);
    lacks(&yaml, &["name: Overall satisfaction", "name: \"Overall satisfaction\""]);
    for tp in ["Checkout", "Staff friendliness", "Cleanliness"] {
        assert!(
            yaml.contains(&format!("name: {tp} }}")) || yaml.contains(&format!("name: \"{tp}\" }}")),
            "{tp}\n{yaml}"
        );
    }
}

/// A 问卷星 suggestions column is mostly `无`, `没有`, `暂无`: measured without those
/// non-answers, the rest is varied free text, a comment column (it was left out as "too many
/// values to break down by").
#[test]
fn a_comment_column_full_of_nothing_to_say_is_still_a_comment() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(19);
    let said = [
        "店员很热情",
        "希望多开几家店",
        "价格有点贵",
        "等得太久了",
        "环境不错",
        "外卖送得慢",
        "咖啡太甜",
        "会员积分太少",
    ];
    let mut csv = String::from("序号,1、您对本店的满意度,2、您对本店还有什么建议？\n");
    for i in 0..500 {
        let text = if r.below(10) < 6 {
            ["无", "没有", "暂无", "无意见"][r.below(4) as usize].to_string()
        } else {
            let when = ["周末", "早上", "中午", "晚上", "上周", "昨天", "每次", "最近", "今天", "节假日"];
            format!(
                "{}{}{}",
                when[r.below(10) as usize],
                said[r.below(8) as usize],
                ["", "，谢谢", "。", "！"][r.below(4) as usize]
            )
        };
        csv += &format!("{},{},{text}\n", i + 1, 1 + r.below(5));
    }
    let yaml = guess(&tmp, "wjx_suggest.csv", csv.as_bytes());
    has(&yaml, &["comment: \"2、您对本店还有什么建议？\""]);
}

/// A review export carries the company's replies beside the reviews: they are left out, not
/// analysed and shown as what customers say.
#[test]
fn the_companys_replies_are_not_customer_comments() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(23);
    let mut csv = String::from("Review Created (UTC),Review Stars,Review Content,Reply Content\n");
    let said = [
        "Fast delivery and friendly staff",
        "The parcel arrived broken",
        "Great prices, will order again",
        "Customer service never answered",
    ];
    for i in 0..120 {
        csv += &format!(
            "2024-03-{:02}T10:00:00Z,{},\"{} #{i}\",\"Thank you so much for your kind words, we hope to see you again soon! Ref {i}\"\n",
            1 + i % 28,
            1 + r.below(5),
            said[r.below(4) as usize]
        );
    }
    let (yaml, said) = guess_said(&tmp, "trustpilot.csv", csv.as_bytes());
    has(&yaml, &["comment: \"Review Content\""]);
    lacks(&yaml, &["comment: \"Reply Content\""]);
    assert!(said.contains("the company's replies"), "{said}");
}

/// A hotline log writes `未评价` where the caller gave no rating: not applicable, so the
/// column is a 1–5 score (it was six segments, and init found no score at all).
#[test]
fn unrated_calls_are_not_applicable_not_a_sixth_group() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(29);
    let mut csv = String::from("工单号,来电时间,满意度评价\n");
    for i in 0..90 {
        let rating = match r.below(6) {
            0 => "未评价".to_string(),
            1 => String::new(),
            _ => (1 + r.below(5)).to_string(),
        };
        csv += &format!("T{:05},2024-03-{:02} 10:00,{rating}\n", 10_000 + i, 1 + i % 28);
    }
    let yaml = guess(&tmp, "hotline.csv", csv.as_bytes());
    has(&yaml, &["column: \"满意度评价\", scale: [1, 5]", "\"未评价\""]);
}

/// A column with no header (a merged title cell was above it) is named by position, which
/// the build reads (`column: ""` named nothing and the guessed project did not build), and
/// shown as "Column N".
#[test]
fn a_column_without_a_header_is_named_by_position() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(31);
    let mut csv = String::from("date,,Store\n");
    let mut net = 0i64;
    for i in 0..60 {
        let score = r.below(11);
        net += i64::from(score >= 9) - i64::from(score <= 6);
        csv += &format!("2024-03-{:02},{score},S{}\n", 1 + i % 28, i % 3);
    }
    let yaml = guess(&tmp, "blank_header.csv", csv.as_bytes());
    has(&yaml, &["column: $2"]);
    lacks(&yaml, &["column: \"\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let want = format!("overall,all,nps,60,{:.4},", 100.0 * net as f64 / 60.0);
    assert!(metrics.lines().any(|l| l.starts_with(&want)), "{want}\n{metrics}");
}

/// Chinese says in 8 characters what English says in 20: a column of short, varied Chinese
/// sentences is free text even when its name does not say so.
#[test]
fn short_chinese_comments_are_guessed_as_comments() {
    let tmp = TempDir::new();
    let who = ["店员", "外卖", "咖啡", "蛋糕", "门店", "客服", "小程序", "收银员"];
    let how = ["态度很好很热情", "太慢了等了很久", "味道一般般吧", "非常干净整洁", "价格有点贵了", "让人很失望啊"];
    let mut csv = String::from("id,nps,Q5\n");
    for i in 0..48 {
        csv += &format!("{i},{},{}{}\n", i % 11, who[i % 8], how[(i / 8) % 6]);
    }
    let yaml = guess(&tmp, "zh.csv", csv.as_bytes());
    has(&yaml, &["comment: \"Q5\""]);
}

/// Zendesk's satisfaction export: Good and Bad are a 0/1 rating, Offered and Unoffered (a
/// survey sent and not answered, or never sent) are no rating.
#[test]
fn zendesk_good_and_bad_ratings_become_a_yes_no_score() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv = String::from("Ticket ID,Satisfaction Score,Group,Created at\n");
    let mut good_bad = (0, 0);
    for i in 0..90 {
        let rating = ["Good", "Bad", "Offered", "Unoffered", "Good"][r.below(5) as usize];
        good_bad.0 += usize::from(rating == "Good");
        good_bad.1 += usize::from(rating == "Bad");
        csv += &format!("{},{rating},{},2024-03-{:02}T10:00:00Z\n", 10_000 + i, ["Billing", "Tech"][i % 2], 1 + i % 28);
    }
    let yaml = guess(&tmp, "zendesk.csv", csv.as_bytes());
    has(&yaml, &["scale: [0, 1]", "na: [\"Offered\", \"Unoffered\"]", "\"Good\": 1", "\"Bad\": 0"]);
    // The tile says what the share is of in the tool's words, not "1 on a 0–1 scale".
    let index = fs::read_to_string(tmp.path().join("project/public/index.html")).unwrap();
    assert!(index.contains("share answering “Good” of those answering “Good” or “Bad”"), "{index}");
    assert!(!index.contains("on a 0–1 scale"));
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let n = good_bad.0 + good_bad.1;
    let share = format!("{:.4}", 100.0 * good_bad.0 as f64 / n as f64);
    assert!(
        metrics.lines().any(|l| l.contains(",all,") && l.contains(&format!(",{n},{share},"))),
        "{n} {share}\n{metrics}"
    );
}

/// Zendesk's older satisfaction field has six states: `Good with comment` (or, in its legacy
/// exports, `GoodWithComment`) is a Good rating that came with a comment, not a seventh point
/// of some longer scale; the column had been a breakdown, and every rating without a comment
/// dropped as no answer.
#[test]
fn zendesk_ratings_with_a_comment_are_the_same_good_and_bad() {
    for (good_c, bad_c) in [("Good with comment", "Bad with comment"), ("GoodWithComment", "BadWithComment")] {
        let tmp = TempDir::new();
        let mut r = Lcg::new(7);
        let mut csv = String::from("Ticket ID,Satisfaction Score,Satisfaction Comment,Created at\n");
        let (mut good, mut bad) = (0, 0);
        for i in 0..120 {
            let rating = ["Good", "Bad", good_c, bad_c, "Offered", "Unoffered"][r.below(6) as usize];
            good += usize::from(rating.starts_with("Good"));
            bad += usize::from(rating.starts_with("Bad"));
            let comment = if rating.ends_with("omment") { "waited two days for a reply" } else { "" };
            csv += &format!("{},{rating},{comment},2024-03-{:02}T10:00:00Z\n", 10_000 + i, 1 + i % 28);
        }
        let yaml = guess(&tmp, "zendesk.csv", csv.as_bytes());
        has(&yaml, &["scale: [0, 1]", &format!("\"{good_c}\": 1"), &format!("\"{bad_c}\": 0"), "\"Good\": 1"]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        let share = format!("{:.4}", 100.0 * good as f64 / (good + bad) as f64);
        assert!(
            metrics.lines().any(|l| l.starts_with("overall,all,") && l.contains(&format!(",{},{share},", good + bad))),
            "{good_c}: {good} of {}, {share}\n{metrics}",
            good + bad
        );
    }
}

/// Each survey tool's fixture export is recognised by `init --from-csv`: the generated
/// dataset declares its layout (`export:`), and the project builds.
#[test]
fn init_recognises_each_survey_tool_layout_and_a_preamble() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let cases = [
        ("export_qualtrics/data/Crunchy_Visit_Survey_March_2024.csv", "export: qualtrics"),
        ("export_surveymonkey/data/Sheet_1.csv", "export: surveymonkey"),
        (
            "export_google_forms/data/Crunchy Co. visit survey (Responses) - Form Responses 1.csv",
            "export: google_forms",
        ),
        ("export_wenjuanxing/data/123456789_0_门店体验调查_6_6.csv", "export: wenjuanxing"),
        ("export_preamble/data/complaints.csv", "header_row: 4"),
    ];
    for (file, line) in cases {
        let tmp = TempDir::new();
        let yaml = guess_file(&tmp, &fixtures.join(file));
        has(&yaml, &[line]);
        if line == "export: google_forms" {
            // The checkbox question, its options split as the form wrote them ("Salted,
            // roasted nuts" always comes whole), and both "Anything else?" columns as comments.
            has(
                &yaml,
                &[
                    "column: \"Which snacks did you buy?\", separator: \",\", options: [\"Crisps\", \"Salted, roasted nuts\", \"Dried mango\"]",
                    "- { column: $4, label: \"Anything else?\" }",
                    "- { column: $6, label: \"Anything else?\" }",
                ],
            );
        }
    }
}

/// Rows of a long export: id, date, touchpoint, recommend, satisfaction, and a comment.
fn rows_with_comments(n: usize) -> Vec<[String; 6]> {
    let mut r = Lcg::new(11);
    let comments = ["服务很好，下次还来", "排队太久", "店员很热情", ""];
    (0..n)
        .map(|i| {
            [
                format!("R{i}"),
                format!("2024-06-{:02}", 1 + i % 28),
                ["web", "store"][i % 2].to_string(),
                r.below(11).to_string(),
                (1 + r.below(5)).to_string(),
                comments[i % 4].to_string(),
            ]
        })
        .collect()
}

#[test]
fn data_rows_ending_in_a_delimiter_keep_line_1_as_the_header_and_every_row() {
    // The header has five names; each data row ends with `,`, an empty sixth field.
    let tmp = TempDir::new();
    let mut csv = String::from("resp_id,submitted_at,touchpoint,recommend,satisfaction\n");
    for r in rows_with_comments(40) {
        csv += &format!("{},{},{},{},{},\n", r[0], r[1], r[2], r[3], r[4]);
    }
    let yaml = guess(&tmp, "trailing.csv", csv.as_bytes());
    lacks(&yaml, &["header_row:", "2024-06-01\""]);
    has(&yaml, &["date: \"submitted_at\"", "nps: { column: \"recommend\""]);
    let build = common::cxsite(tmp.path(), [path(&["build"]), vec![tmp.path().join("project")]].concat());
    assert!(build.stdout.contains("from 40 rows"), "{}", build.stdout);
}

#[test]
fn a_semicolon_export_with_commas_in_its_question_texts_is_split_at_semicolons() {
    let tmp = TempDir::new();
    let mut csv =
        String::from("resp_id;When, roughly, did you visit?;touchpoint;How likely, 0 to 10, to recommend us?;Satisfaction, overall\n");
    for r in rows_with_comments(30) {
        csv += &format!("{};{};{};{};{}\n", r[0], r[1], r[2], r[3], r[4]);
    }
    let yaml = guess(&tmp, "semi.csv", csv.as_bytes());
    has(
        &yaml,
        &["nps: { column: \"How likely, 0 to 10, to recommend us?\"", "date: \"When, roughly, did you visit?\""],
    );
}

#[test]
fn shift_jis_big5_and_utf8_with_a_cut_character_get_their_own_encoding() {
    let mut text = String::from("回答ID,日時,推奨度,コメント\n");
    let jp = ["とても良いサービスでした。", "待ち時間が長すぎる", "店員さんが親切", "また来ます"];
    for i in 0..30 {
        text += &format!("A{i},2024-06-{:02},{},{}\n", 1 + i % 28, i % 11, jp[i % 4]);
    }
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "sjis.csv", &encoding_rs::SHIFT_JIS.encode(&text).0);
    has(&yaml, &["encoding: shift_jis", "column: \"推奨度\""]);

    let mut text = String::from("編號,日期,推薦意願,意見\n");
    let tw = ["服務很好，下次還會再來", "排隊等太久了", "店員非常親切", "價格合理"];
    for i in 0..30 {
        text += &format!("A{i},2024-06-{:02},{},{}\n", 1 + i % 28, i % 11, tw[i % 4]);
    }
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "big5.csv", &encoding_rs::BIG5.encode(&text).0);
    has(&yaml, &["encoding: big5", "column: \"推薦意願\""]);

    // UTF-8 but for one character cut short: read as UTF-8, that one cell skipped.
    let mut bytes = String::from("id,date,nps,comment\n").into_bytes();
    for r in rows_with_comments(30) {
        bytes.extend_from_slice(format!("{},{},{},{}\n", r[0], r[1], r[3], r[5]).as_bytes());
    }
    bytes.extend_from_slice(b"X1,2024-06-30,9,\xe6\x9d\n");
    let tmp = TempDir::new();
    let yaml = guess(&tmp, "cut.csv", &bytes);
    has(&yaml, &["encoding: utf-8"]);
}

#[test]
fn xlsx_with_an_unnamed_notes_column_keeps_row_1_as_the_header_and_every_row() {
    // Someone typed notes in column F, which has no header: row 2 is data, not a header.
    let tmp = TempDir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["resp_id", "submitted_at", "touchpoint", "recommend", "satisfaction"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows_with_comments(24).iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in r[..3].iter().enumerate() {
            sheet.write_string(row, c as u16, v).unwrap();
        }
        sheet.write_number(row, 3, r[3].parse::<f64>().unwrap()).unwrap();
        sheet.write_number(row, 4, r[4].parse::<f64>().unwrap()).unwrap();
        sheet.write_string(row, 5, format!("note {i}")).unwrap();
    }
    let file = tmp.path().join("notes.xlsx");
    book.save(&file).unwrap();
    let yaml = guess_file(&tmp, &file);
    lacks(&yaml, &["header_row:", "2024-06-01\""]);
    has(&yaml, &["date: \"submitted_at\"", "nps: { column: \"recommend\""]);
    let build = common::cxsite(tmp.path(), [path(&["build"]), vec![tmp.path().join("project")]].concat());
    assert!(build.stdout.contains("from 24 rows"), "{}", build.stdout);
}

/// Newer SurveyMonkey exports name the first column `Response ID`: the options row below the
/// header (`Response`, `Open-Ended Response`) tells the export too. Before, the options row was
/// an answer and the matrix became segments. An ease question is its own metric, not pooled
/// with the matrix's Excellent … Poor. By hand (40 rows): quality cycles Excellent, Good, Poor,
/// Very good → top two (4–5) 20 of 40 = 50 %; ease cycles Extremely easy, Very easy, Not so
/// easy, Somewhat easy, Very easy → 24 of 40 = 60 %.
#[test]
fn a_surveymonkey_export_with_response_id_and_an_ease_question() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Response ID,Collector ID,End Date,How would you rate the following?,,How easy was it to order?,Comments\n\
         ,,,Product quality,Value for money,Response,Open-Ended Response\n",
    );
    let quality = ["Excellent", "Good", "Poor", "Very good"];
    let ease = ["Extremely easy", "Very easy", "Not so easy", "Somewhat easy", "Very easy"];
    for i in 0..40 {
        csv += &format!(
            "{},4312,03/{:02}/2024 10:15:02 AM,{},{},{},fine\n",
            114_000 + i,
            1 + i % 28,
            quality[i % 4],
            quality[(i + 1) % 4],
            ease[i % 5]
        );
    }
    let yaml = guess(&tmp, "Sheet_1.csv", csv.as_bytes());
    has(&yaml, &["export: surveymonkey", "- metric: ease"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let find = |prefix: &str| {
        metrics.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("{prefix}\n{yaml}\n{metrics}"))
    };
    assert!(find("touchpoint,product_quality,csat,").contains(",40,50.0000,"), "{metrics}");
    assert!(find("touchpoint,how_easy_was_it_to_order,ease,").contains(",40,60.0000,"), "{metrics}");
}

#[test]
fn a_surveymonkey_workbook_whose_last_question_spans_columns_reads_them_all() {
    // Row 1: questions (a matrix question over the last two columns names only the first);
    // row 2: the options. Row 1 ends a cell before row 2.
    let tmp = TempDir::new();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let q = ["Respondent ID", "Collector ID", "End Date", "How likely are you to recommend us?", "How satisfied?"];
    for (c, h) in q.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, o) in ["", "", "", "Response", "Checkout", "Staff"].iter().enumerate() {
        sheet.write_string(1, c as u16, *o).unwrap();
    }
    let labels = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"];
    for i in 0..12u32 {
        let row = i + 2;
        sheet.write_number(row, 0, f64::from(114_000 + i)).unwrap();
        sheet.write_number(row, 1, 4312.0).unwrap();
        sheet.write_string(row, 2, format!("03/{:02}/2024 10:15:02 AM", 1 + i)).unwrap();
        sheet.write_number(row, 3, f64::from(i % 11)).unwrap();
        sheet.write_string(row, 4, labels[i as usize % 5]).unwrap();
        sheet.write_string(row, 5, labels[(i as usize + 2) % 5]).unwrap();
    }
    let dir = tmp.path().join("p");
    fs::create_dir_all(dir.join("data")).unwrap();
    book.save(dir.join("data/sm.xlsx")).unwrap();
    let yaml = "title: SM
min_n: 1
journey:
  stages:
    - id: visit
      name: Visit
      touchpoints: [{ id: checkout, name: Checkout }, { id: staff, name: Staff }]
datasets:
  - id: visits
    path: data/sm.xlsx
    export: surveymonkey
    format: wide
    columns: { respondent: Respondent ID, date: End Date }
    scores:
      nps: { column: How likely are you to recommend us? }
    touchpoint_scores:
      scale: [1, 5]
      columns: { checkout: \"How satisfied? / Checkout\", staff: \"How satisfied? / Staff\" }
      labels: { Very dissatisfied: 1, Dissatisfied: 2, Neutral: 3, Satisfied: 4, Very satisfied: 5 }
";
    fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let build = common::cxsite(tmp.path(), [path(&["build"]), vec![dir.clone()]].concat());
    assert_eq!(build.code, 0, "{}", build.stderr);
    let metrics = fs::read_to_string(dir.join("public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,staff,csat,12,")), "{metrics}");
    // init sees the tool, not a preamble above the options row.
    let yaml = guess_file(&tmp, &dir.join("data/sm.xlsx"));
    has(&yaml, &["export: surveymonkey"]);
    lacks(&yaml, &["header_row:"]);
}

/// Columns that name a person or their contact details — in English, camelCase or Chinese —
/// are never segments or breakdowns, however few their values; nor is a column that holds a
/// stray e-mail address or phone number under a harmless name. The summary says they were
/// left out as personal data; a store's or an app's name stays a breakdown.
#[test]
fn person_names_and_contact_details_are_never_segments() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(21);
    let people = ["Alice Smith", "Bob Jones", "Chen Jing", "Dana Lee"];
    let mut csv = String::from(
        "ID,Name,姓名,RecipientLastName,Customer name,Email,联系电话,WeChat ID,Preferred contact,Store name,Mobile app,nps\n",
    );
    for i in 0..120 {
        let p = r.below(4) as usize;
        csv += &format!(
            "{i},{},{},{},{},{},{},{},{},{},{},{}\n",
            people[p],
            ["陈静", "李娜", "王伟"][p % 3],
            ["Smith", "Jones", "Chen"][p % 3],
            people[3 - p],
            if i % 20 == 0 { "alice.smith@contoso.com" } else { "anonymous" },
            ["无", "13812345678"][usize::from(i % 30 == 0)],
            ["wx_a", "wx_b"][p % 2],
            if i == 7 { "call 13912345678" } else { ["post", "none"][p % 2] },
            ["North", "South", "East"][r.below(3) as usize],
            ["iOS", "Android"][r.below(2) as usize],
            r.below(11)
        );
    }
    let (yaml, said) = guess_said(&tmp, "named.csv", csv.as_bytes());
    for col in
        ["Name", "姓名", "RecipientLastName", "Customer name", "Email", "联系电话", "WeChat ID", "Preferred contact"]
    {
        lacks(&yaml, &[&format!("from_column: \"{col}\""), &format!("column: \"{col}\"")]);
        has(&yaml, &[&format!("#   \"{col}\": personal data")]);
        assert!(said.contains(&format!("`{col}`")), "the summary names {col}:\n{said}");
    }
    assert!(said.contains("left out as personal data"), "{said}");
    has(&yaml, &["from_column: \"Store name\"", "from_column: \"Mobile app\""]);
}

/// A column named for the person alone (`Customer`, `Client`, `Guest`, `客户`) holding names, a
/// date of birth, and a customer's number that repeats were breakdowns, a page per person;
/// they are left out as personal data. A `Customer type` of two values stays a breakdown, and
/// `Respondent` holding ids (R001) is the respondent's id.
#[test]
fn a_column_named_for_the_customer_holding_names_is_personal_data() {
    let tmp = TempDir::new();
    let first =
        ["Anna", "Ben", "Carla", "Dev", "Eva", "Farid", "Gina", "Hugo", "Ines", "Jon", "Kai", "Lena", "Mia", "Noor"];
    let han = ["陈静", "李娜", "王伟", "张敏", "刘洋", "杨帆", "赵磊", "黄丽", "周杰", "吴芳", "徐明", "孙悦"];
    let mut csv =
        String::from("Respondent,Date,Customer,Guest,客户,Customer Number,Date of Birth,出生日期,Customer type,nps\n");
    for i in 0..150 {
        csv += &format!(
            "R{i:03},2024-05-{:02},{} Smith,{},{},C{:03},19{}-0{}-1{},19{}年{}月{}日,{},{}\n",
            1 + i % 28,
            first[i % 14],
            first[(i + 3) % 14],
            han[i % 12],
            i % 20,
            60 + i % 30,
            1 + i % 9,
            i % 10,
            60 + i % 30,
            1 + i % 12,
            1 + i % 28,
            ["New", "Returning"][i % 2],
            i % 11
        );
    }
    let (yaml, said) = guess_said(&tmp, "crm.csv", csv.as_bytes());
    for col in ["Customer", "Guest", "客户", "Customer Number", "Date of Birth", "出生日期"] {
        lacks(&yaml, &[&format!("from_column: \"{col}\""), &format!("column: \"{col}\"")]);
        has(&yaml, &[&format!("#   \"{col}\": personal data")]);
        assert!(said.contains(&format!("`{col}`")), "the summary names {col}:\n{said}");
    }
    has(&yaml, &["respondent: \"Respondent\"", "from_column: \"Customer type\""]);
}

/// Two 0–10 "recommend" questions are two NPS scores: the second id (`nps2`) does not imply
/// the type, so it is written `type: nps` and built as an NPS.
#[test]
fn every_question_guessed_as_nps_is_written_as_nps() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(22);
    let mut csv =
        String::from("Response ID,Date,How likely to recommend our store?,How likely to recommend our app?\n");
    for i in 0..150 {
        csv += &format!("r{i},2024-03-{:02},{},{}\n", 1 + i % 28, r.below(11), r.below(11));
    }
    let yaml = guess(&tmp, "two_nps.csv", csv.as_bytes());
    assert!(line(&yaml, "nps2:").contains("type: nps"), "{yaml}");
    lacks(line(&yaml, " nps:"), &["type:"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // An NPS of uniform answers is near −45; read as a rating it would be a share of top boxes.
    let all = metrics.lines().find(|l| l.starts_with("overall,all,nps2,")).expect("nps2 is built");
    let value: f64 = all.split(',').nth(4).unwrap().parse().unwrap();
    assert!(value < 0.0, "nps2 is an NPS: {all}");
    assert!(!metrics.contains("nps2_mean"), "nps2 is no rating");
}

/// A Qualtrics export (three header rows) with the NPS question's `Q1_NPS_GROUP` (1, 2, 3:
/// Qualtrics' detractor, passive and promoter codes) and `ResponseId` (`R_…`): the group is no
/// second NPS, and the response id is the respondent, not a comment.
#[test]
fn qualtrics_nps_group_is_no_score_and_response_id_is_the_respondent() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(23);
    let mut csv = String::from(
        "StartDate,EndDate,Status,Finished,RecordedDate,ResponseId,Q1,Q1_NPS_GROUP,Q2\n\
         Start Date,End Date,Response Type,Finished,Recorded Date,Response ID,How likely are you to recommend us?,How likely are you to recommend us? - Group,What could we do better?\n",
    );
    csv += "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"finished\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_NPS_GROUP\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_TEXT\"\"}\"\n";
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".chars().collect();
    for i in 0..80 {
        let id: String = (0..15).map(|_| alphabet[r.below(alphabet.len() as u64) as usize]).collect();
        let score = r.below(11);
        let group = if score >= 9 {
            3
        } else if score >= 7 {
            2
        } else {
            1
        };
        let comment = if i % 2 == 0 { format!("\"Visit {i}: quick checkout, friendly team\"") } else { String::new() };
        csv += &format!(
            "2024-03-{d:02} 10:15:02,2024-03-{d:02} 10:20:02,0,1,2024-03-{d:02} 10:20:02,R_{id},{score},{group},{comment}\n",
            d = 1 + i % 28
        );
    }
    let yaml = guess(&tmp, "Visit_Survey.csv", csv.as_bytes());
    has(&yaml, &["export: qualtrics", "respondent: \"ResponseId\"", "nps: { column: \"Q1\"", "comment: \"Q2\""]);
    has(&yaml, &["#   \"Q1_NPS_GROUP\": NPS groups"]);
    lacks(&yaml, &["column: \"Q1_NPS_GROUP\"", "comment: \"ResponseId\"", "nps2"]);
}

/// Typeform's `#` (a 16-hex-digit token, one per response) is the respondent id, not a comment;
/// its `Network ID` (worked out from the IP address, repeating) is neither id nor breakdown.
#[test]
fn typeform_response_token_is_the_respondent_and_its_network_id_is_left_out() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(24);
    let mut csv = String::from(
        "#,How likely are you to recommend us to a friend?,What's the main reason for your score?,Submit Date (UTC),Network ID\n",
    );
    for i in 0..100 {
        let token: String = (0..16).map(|_| format!("{:x}", r.below(16))).collect();
        let reason = if i % 3 == 0 { format!("\"Slow delivery, order {i} came a week late\"") } else { String::new() };
        csv += &format!(
            "{token},{},{reason},2024-03-{:02} 10:15:02,{}\n",
            r.below(11),
            1 + i % 28,
            ["a1ffff", "a10e11", "f63d5d", "f63a86"][r.below(4) as usize]
        );
    }
    let yaml = guess(&tmp, "responses.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "respondent: \"#\"",
            "comment: \"What's the main reason for your score?\"",
            "#   \"Network ID\": personal data",
        ],
    );
    lacks(&yaml, &["respondent: \"Network ID\"", "column: \"#\"", "from_column: \"Network ID\""]);
}

/// A comment column holds free text. Links (Google Play's `Review Link`), one-token codes that
/// vary in every row, and hex tokens are not comments, however long; one-word answers to a
/// "why" question still are.
#[test]
fn links_and_one_token_codes_are_not_comments() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(25);
    let mut csv = String::from("Star Rating,Review Text,Review Link,Session Code,Main reason\n");
    for i in 0..60 {
        let text =
            if i % 2 == 0 { format!("Review {i}: the app crashes when I open my basket") } else { String::new() };
        csv += &format!(
            "{},{text},https://play.google.com/console/developers/x/app/y/user-feedback/review-details?reviewId=gp:AOqpTO{i},{}_{:x}{:x},{}{}\n",
            1 + r.below(5),
            1_700_000_000 + i,
            r.below(1 << 30),
            r.below(1 << 30),
            ["Fa", "Slo", "Gre", "Ru", "Che"][i % 5],
            ["st", "w", "at", "de", "ap", "ndly", "pid", "ck"][(i / 5) % 8]
        );
    }
    let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
    has(&yaml, &["{ column: \"Review Text\"", "{ column: \"Main reason\"", "#   \"Review Link\": web addresses"]);
    lacks(&yaml, &["column: \"Review Link\"", "column: \"Session Code\"", "label: \"Review Link\""]);
}

/// Common answer scales written as words are scores with their `labels:`, not segments:
/// Chinese satisfaction, agreement and ease scales (腾讯问卷), Excellent…Poor, Very likely…Very
/// unlikely, a 7-point agreement scale; Zendesk's Good/Bad beside `Not Offered`; and 问卷星's
/// options with their score in brackets (`非常满意(5)`).
#[test]
fn answer_scales_written_as_words_become_labelled_scores() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(26);
    let scales: [&[&str]; 7] = [
        &["很满意", "比较满意", "一般", "不太满意", "很不满意"],
        &["非常同意", "同意", "不确定", "不同意", "非常不同意"],
        &["非常容易", "容易", "一般", "困难", "非常困难"],
        &["Excellent", "Very good", "Good", "Fair", "Poor"],
        &["Very likely", "Somewhat likely", "Neither likely nor unlikely", "Somewhat unlikely", "Very unlikely"],
        &[
            "Strongly agree",
            "Agree",
            "Somewhat agree",
            "Neither agree nor disagree",
            "Somewhat disagree",
            "Disagree",
            "Strongly disagree",
        ],
        &["Good", "Bad", "Offered", "Not Offered"],
    ];
    let mut csv = String::from("id,收银,店员,结账,quality,likely,agree7,zendesk,结账速度,store\n");
    for i in 0..120 {
        let cells: Vec<&str> = scales.iter().map(|s| s[r.below(s.len() as u64) as usize]).collect();
        let wjx = ["非常满意(5)", "满意(4)", "一般(3)", "不满意(2)", "(跳过)"][r.below(5) as usize];
        csv += &format!("{i},{},{wjx},{}\n", cells.join(","), ["North", "South"][r.below(2) as usize]);
    }
    let (yaml, said) = guess_said(&tmp, "scales.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "\"不太满意\": 2",
            "\"不确定\": 3",
            "\"非常困难\": 1",
            "\"Excellent\": 5",
            "\"Poor\": 1",
            "\"Very likely\": 5",
            "scale: [1, 7]",
            "\"Somewhat agree\": 5",
            "from_column: \"store\"",
        ],
    );
    let zendesk = line(&yaml, "column: \"zendesk\"");
    has(zendesk, &["scale: [0, 1]", "\"Good\": 1", "\"Bad\": 0", "\"Not Offered\", \"Offered\"]"]);
    for col in ["收银", "店员", "结账", "quality", "likely", "agree7", "zendesk", "结账速度"] {
        lacks(&yaml, &[&format!("from_column: \"{col}\""), &format!("column: \"{col}\", name")]);
        assert!(yaml.contains(&format!(": \"{col}\"")), "{col} is a score:\n{yaml}");
    }
    assert!(said.contains("结账速度") && said.contains("score [1, 5]"), "{said}");
}

/// An ease question answered in words (`Very easy` … `Very difficult`) under a header that
/// does not say so (Qualtrics' `Q2`) is an effort score, its mean — not the site's CSAT, shown
/// as "CSAT 56%" of answers that said how easy something was.
#[test]
fn an_ease_question_answered_in_words_is_an_effort_score_whatever_its_header() {
    let tmp = TempDir::new();
    let mut csv = String::from("ResponseId,RecordedDate,Q2\n");
    // In each 4: Very easy, Easy, Easy, Difficult — mean (5 + 4 + 4 + 2) / 4 = 3.75.
    for i in 0..100 {
        let ease = ["Very easy", "Easy", "Easy", "Difficult"][i % 4];
        csv += &format!("R_{i:04},2024-03-{:02} 10:00:00,{ease}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "qualtrics.csv", csv.as_bytes());
    has(&yaml, &["ces: { column: \"Q2\"", "\"Difficult\": 2"]);
    lacks(&yaml, &["csat:"]);
    assert_overall_row(&tmp, "ces,100,3.7500,");
}

/// Alchemer's `Status` (Complete, Partial, Disqualified) is not made a segment without a
/// word: init says that partial and disqualified responses are left out, as the build does.
#[test]
fn a_response_status_column_is_noted_not_made_a_segment() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(27);
    let mut csv = String::from("Response ID,Time Started,Date Submitted,Status,How likely are you to recommend us?\n");
    for i in 0..60 {
        let status = ["Complete", "Complete", "Partial", "Disqualified"][r.below(4) as usize];
        csv += &format!("{i},2024-03-{:02},2024-03-{:02},{status},{}\n", 1 + i % 28, 1 + i % 28, r.below(11));
    }
    // Without Alchemer's columns, a `Status` column's partial and disqualified rows are left
    // out by `drop_rows:`.
    let (_, plain) = guess_said(
        &TempDir::new(),
        "plain.csv",
        b"Id,Status,How likely are you to recommend us?\n1,Complete,9\n2,Partial,3\n3,Complete,10\n4,Disqualified,0\n5,Complete,8\n6,Partial,7\n",
    );
    assert!(
        plain.contains("`Status` marks rows that are no response (Partial, Disqualified): `drop_rows:`"),
        "{plain}"
    );
    let (yaml, said) = guess_said(&tmp, "SurveyExport.csv", csv.as_bytes());
    lacks(&yaml, &["from_column: \"Status\"", "column: \"Status\""]);
    has(&yaml, &["#   \"Status\": response status"]);
    assert!(said.contains("`Status` marks responses partial or disqualified: they are left out"), "{said}");
    // The column's own line agrees (it said "every response is read" beside that note).
    assert!(!said.contains("every response is read"), "{said}");
}

/// A file of 12,000 rating columns would make a cxsite.yaml over the 1 MiB a build reads:
/// init refuses with a message that says so and what to do, and writes nothing.
#[test]
fn a_file_too_wide_for_a_project_is_refused_before_anything_is_written() {
    let tmp = TempDir::new();
    let columns = 12_000;
    let mut csv = String::from("id,v,c");
    for k in 0..columns {
        csv += &format!(",q{k}");
    }
    csv.push('\n');
    for i in 0..40 {
        csv += &format!("r{i},{},hi", i % 11);
        for k in 0..columns {
            csv += &format!(",{}", (i + k) % 5);
        }
        csv.push('\n');
    }
    let file = tmp.path().join("d.csv");
    fs::write(&file, csv).unwrap();
    let dir = tmp.path().join("project");
    let init = common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, dir.clone()]].concat());
    init.expect(1).stderr_has(&["12003 columns", "over the 1 MiB a project file may be", "nothing was written"]);
    assert!(!dir.join("cxsite.yaml").exists(), "no project that cannot load is left behind");
}

#[test]
fn ids_that_yaml_would_read_as_null_or_yes_no_are_not_written_plain() {
    // A file named null.csv (the dataset's id) and a rating column headed NULL (a touchpoint's).
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,NULL,Yes,store\n");
    for i in 0..40 {
        csv.push_str(&format!("r{i},2024-01-{:02},{},{},{}\n", 1 + i % 28, i % 11, 1 + i % 5, ["a", "b"][i % 2]));
    }
    let yaml = guess(&tmp, "null.csv", csv.as_bytes());
    for plain in ["id: null,", "id: null\n", "id: null ", "id: yes,", "id: yes\n", "id: yes "] {
        lacks(&yaml, &[plain]);
    }
}

#[test]
fn a_text_column_with_one_value_is_left_out_not_taken_for_yes_no() {
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,Recommend: 0-10,verdict\n");
    for i in 0..40 {
        csv.push_str(&format!("r{i},2024-01-{:02},{},good\n", 1 + i % 28, i % 11));
    }
    let (yaml, said) = guess_said(&tmp, "survey.csv", csv.as_bytes());
    lacks(&yaml, &["yes/no outcome"]);
    assert!(
        said.contains("one value (`good`) wherever filled") || yaml.contains("one value (`good`) wherever filled"),
        "{said}\n{yaml}"
    );
}

#[test]
fn a_score_repeated_on_every_touchpoint_row_of_a_respondent_is_said() {
    // 40 respondents with 3 touchpoint rows each: `recommend` is one value per respondent
    // (repeated on its rows), `satisfaction` differs between the rows of each respondent.
    let tmp = TempDir::new();
    let mut r = Lcg::new(3);
    let mut csv = String::from("id,touchpoint,recommend,satisfaction\n");
    let tps = ["Website", "Store visit", "Hotline"];
    for i in 0..40 {
        let recommend = r.below(11);
        for (t, tp) in tps.iter().enumerate() {
            csv += &format!("R{i:03},{tp},{recommend},{}\n", 1 + (i + t) % 5);
        }
    }
    let (yaml, said) = guess_said(&tmp, "interactions.csv", csv.as_bytes());
    has(&yaml, &["format: long", "respondent: \"id\"", "touchpoint: \"touchpoint\""]);
    assert!(said.contains("warning: data/interactions.csv repeats score `nps` (column `recommend`)"), "{said}");
    assert!(said.contains("40 of the 40 respondents with more than one row give it one value on all their rows (120 rows from 40 respondents)"), "{said}");
    assert!(!said.contains("score `csat`"), "{said}");
}

#[test]
fn a_header_repeated_in_the_middle_is_not_guessed_from() {
    // Two exports joined with `cat`: the second's header (line 22) would add a fourth store,
    // `store`, and a text to the score column.
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,store,recommend,comment\n");
    for i in 0..40 {
        if i == 20 {
            csv += "id,date,store,recommend,comment\n";
        }
        csv += &format!("R{i},2024-03-{:02},S{},{},ok {i}\n", 1 + i % 9, i % 3, i % 11);
    }
    let (yaml, said) = guess_said(&tmp, "joined.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"recommend\", scale: [0, 10]", "from_column: \"store\""]);
    assert!(line(&yaml, "from_column: \"store\"").contains("3 values"), "{yaml}");
    assert!(said.contains("read 40 rows of joined.csv"), "{said}");
    // Header on line 1, rows 0–19 on lines 2–21: the repeat is line 22.
    assert!(said.contains("left out 1 line read as a repeated header (line 22 first)"), "{said}");
    assert!(!said.contains("totals"), "{said}");
}

#[test]
fn an_app_store_export_of_ratings_written_as_stars_is_a_one_to_five_score() {
    // App Store Connect / Google Play review exports as a review tool writes them: the
    // rating as `★★★★☆`. It was guessed as a segment of five groups.
    let tmp = TempDir::new();
    let mut r = Lcg::new(21);
    let mut csv = String::from("Date,Version,Rating,Title,Review,Territory\n");
    for i in 0..60 {
        let n = 1 + r.below(5) as usize;
        csv += &format!(
            "2024-03-{:02},3.{}.0,{}{},Title {i},\"The app is {} since version 3.{}, review {i}\",{}\n",
            1 + i % 28,
            i % 4,
            "★".repeat(n),
            "☆".repeat(5 - n),
            ["great", "slow", "fine"][i % 3],
            i % 4,
            ["CN", "US"][i % 2]
        );
    }
    let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
    has(&yaml, &["csat: { column: \"Rating\", scale: [1, 5]", "comment: \"Review\""]);
    lacks(&yaml, &["from_column: \"Rating\""]);
}

#[test]
fn totals_and_averages_at_the_end_of_a_report_are_not_guessed_from() {
    // A hand-kept sheet saved as CSV, ending with its sums and averages: 合计 93 is off a 1–5
    // scale, so both score columns were left out as `too many values`, and the store column
    // had a group `合计`.
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv = String::from("门店,日期,满意度,推荐度,评论\n");
    for i in 0..30 {
        csv += &format!("店{},2024-03-{:02},{},{},第{i}条：服务不错\n", i % 3, 1 + i % 28, 1 + r.below(5), r.below(11));
    }
    csv += "合计,,93,210,\n平均值：,,3.1,7.0,\nTotal (30 responses),,,,\n";
    let (yaml, said) = guess_said(&tmp, "stores.csv", csv.as_bytes());
    has(&yaml, &["csat: { column: \"满意度\", scale: [1, 5]", "nps: { column: \"推荐度\", scale: [0, 10]"]);
    assert!(line(&yaml, "from_column: \"门店\"").contains("3 values"), "{yaml}");
    assert!(said.contains("read 30 rows of stores.csv"), "{said}");
    // Header on line 1, 30 rows on lines 2–31: the three summary lines start at 32.
    assert!(said.contains("left out 3 lines read as a totals or summary row (line 32 first)"), "{said}");
}

#[test]
fn answers_from_one_to_six_with_no_seven_are_a_six_point_scale() {
    // A six-point satisfaction question: read on 1–7 (as it was), its 6s were no top-two
    // answer and the share positive was the 6s alone.
    let tmp = TempDir::new();
    let mut csv = String::from("Date,How satisfied were you with delivery?\n");
    let mut top = 0;
    for i in 0..60 {
        let v = 1 + (i * 5) % 6;
        top += usize::from(v >= 5);
        csv += &format!("2025-03-{:02},{v}\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "six.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 6]"]);
    assert!(said.contains("whole numbers from 1 to 6, none higher"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // The top two boxes of 1–6 are 5 and 6: ten of each among the 60 answers.
    assert_eq!(top, 20);
    assert!(metrics.contains("overall,all,how_satisfied_were_you_with_delivery,60,33.3333,"), "{metrics}");
}

#[test]
fn the_rows_excel_subtotal_writes_are_not_guessed_from_nor_counted() {
    // A sheet grouped by store with Excel's Data → Subtotal (Average): `North Average` under
    // North's rows, `South Average`, then `Grand Average`, date blank. Before, they were three
    // more stores and three more answers (NPS 6 and 7 each a passive or detractor).
    let tmp = TempDir::new();
    let mut csv = String::from("Store,Date,NPS,CSAT\n");
    let (mut promoters, mut detractors, mut top) = (0, 0, 0);
    for (store, from) in [("North", 0), ("South", 20)] {
        for i in from..from + 20 {
            let (nps, csat) = ((i * 7) % 11, 1 + (i * 3) % 5);
            promoters += usize::from(nps >= 9);
            detractors += usize::from(nps <= 6);
            top += usize::from(csat >= 4);
            csv += &format!("{store},2024-03-{:02},{nps},{csat}\n", 1 + i % 28);
        }
        csv += &format!("{store} Average,,6.1,3.2\n");
    }
    csv += "Grand Average,,6,3\n";
    let (yaml, said) = guess_said(&tmp, "stores.csv", csv.as_bytes());
    assert!(line(&yaml, "from_column: \"Store\"").contains("2 values"), "{yaml}");
    assert!(said.contains("left out 3 lines read as a totals or summary row (line 22 first)"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // Worked out above from the 40 responses alone.
    let nps = 100.0 * (promoters as f64 - detractors as f64) / 40.0;
    let csat = 100.0 * top as f64 / 40.0;
    assert!(metrics.contains(&format!("overall,all,nps,40,{nps:.4},")), "{nps} {metrics}");
    assert!(metrics.contains(&format!("overall,all,csat,40,{csat:.4},")), "{csat} {metrics}");
}

#[test]
fn a_file_that_is_missing_a_folder_or_a_device_is_refused_saying_which() {
    let tmp = TempDir::new();
    fs::create_dir_all(tmp.path().join("exports")).unwrap();
    for (file, said) in [
        (tmp.path().join("nope.csv"), "it does not exist"),
        (tmp.path().join("exports"), "it is a folder"),
        (PathBuf::from("/dev/zero"), "not a regular file (a device or a pipe)"),
    ] {
        let run =
            common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, tmp.path().join("p")]].concat());
        run.expect(1).stderr_has(&["cannot open the file: ", said]);
        assert!(!tmp.path().join("p").exists(), "a refused init created its folder");
    }
}

/// A 1–10 or 0–10 satisfaction question is a rating, not NPS: the headline `nps` is the
/// question named for recommending, wherever it stands.
#[test]
fn the_nps_is_the_recommend_question_not_the_first_ten_point_column() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(21);
    let mut csv =
        String::from("编号,提交时间,满意度打分（1-10分）,整体评分（0-10）,您向朋友推荐我们的可能性有多大？,意见\n");
    for i in 0..200 {
        csv += &format!(
            "{i},2024-03-{:02} 10:00:00,{},{},{},{}\n",
            1 + i % 28,
            1 + r.below(10),
            r.below(11),
            r.below(11),
            ["很好", "送货太慢", "价格贵"][i % 3]
        );
    }
    let yaml = guess(&tmp, "问卷.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"您向朋友推荐我们的可能性有多大？\", scale: [0, 10]"]);
    // The satisfaction score is read on its own 1–10 scale, and the 0–10 rating as a rating.
    assert!(line(&yaml, "满意度打分（1-10分）").contains("scale: [1, 10]"), "{yaml}");
    lacks(&yaml, &["nps2", "type: nps"]);
}

/// Help-desk exports: Freshdesk's smiley ratings are a 5-point scale and its classic survey a
/// 3-point one; a header as long as a question still makes an id within the limit; a created
/// time with a zone abbreviation is the date, and one in an ambiguous zone is not a comment.
#[test]
fn help_desk_exports_read_their_ratings_long_questions_and_zoned_times() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Ticket ID,Created time,Updated time,Satisfaction rating,Customer support:How satisfied were you with each of the following?,Feedback\n",
    );
    for i in 0..120 {
        let rating = ["Extremely happy", "Happy", "Neutral", "Unhappy", "Extremely unhappy"][i % 5];
        let classic = ["Awesome", "Just Okay", "Not Good"][i % 3];
        csv += &format!(
            "{},2024-01-{:02} 2{}:10:57 EST,2024-01-{:02} 08:00:00 CST,{rating},{classic},\"{}\"\n",
            9000 + i,
            1 + i % 28,
            i % 4,
            1 + i % 28,
            ["Quick answer, thanks", "Nobody called back", "ok"][i % 3]
        );
    }
    let yaml = guess(&tmp, "tickets.csv", csv.as_bytes());
    has(&yaml, &["date: \"Created time\"", "\"Extremely happy\": 5", "\"Awesome\": 3", "scale: [1, 3]"]);
    // The CST times (US Central in an English file, as a guess for `date_timezone:`) are
    // another date column beside the one used, not quoted as comments.
    assert!(line(&yaml, "Updated time").contains("another date column"), "{yaml}");
    lacks(&yaml, &["comment: \"Updated time\""]);
    // The long question's id is cut at a word, within 40 characters.
    assert!(yaml.contains("customer_support_how_satisfied_were_you"), "{yaml}");
    // Freshdesk's 7-point scale, known by its `Very happy` and `Very unhappy`.
    let tmp = TempDir::new();
    let mut csv = String::from("Ticket ID,Created time,Survey results\n");
    for i in 0..70 {
        let rating =
            ["Extremely happy", "Very happy", "Happy", "Neutral", "Unhappy", "Very unhappy", "Extremely unhappy"]
                [i % 7];
        csv += &format!("{},2024-02-{:02} 10:00:00,{rating}\n", 100 + i, 1 + i % 28);
    }
    let yaml = guess(&tmp, "survey_results.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 7]", "\"Extremely happy\": 7", "\"Very happy\": 6", "\"Extremely unhappy\": 1"]);
    // Freshdesk's 3-point smileys, and a plain 5-point `Very happy` … `Very unhappy`: never
    // `Extremely`, so not the middle points of 1–5 and 1–7.
    for (labels, want) in [
        (&["Happy", "Neutral", "Unhappy"][..], &["scale: [1, 3]", "\"Happy\": 3", "\"Unhappy\": 1"][..]),
        (
            &["Very happy", "Happy", "Neutral", "Unhappy", "Very unhappy"][..],
            &["scale: [1, 5]", "\"Very happy\": 5", "\"Very unhappy\": 1"][..],
        ),
    ] {
        let tmp = TempDir::new();
        let mut csv = String::from("Ticket ID,Created time,Survey results\n");
        for i in 0..70 {
            csv += &format!("{},2024-02-{:02} 10:00:00,{}\n", 100 + i, 1 + i % 28, labels[i % labels.len()]);
        }
        has(&guess(&tmp, "survey_results.csv", csv.as_bytes()), want);
    }
}

/// Zendesk's `Satisfaction reason` is a drop-down of a few long answers: a breakdown, not a
/// comment column, though its name says "reason".
#[test]
fn a_drop_down_of_a_few_long_answers_is_no_comment_column() {
    let tmp = TempDir::new();
    let mut csv = String::from("Id,Created at,Satisfaction Score,Satisfaction Reason,Satisfaction Comment\n");
    let reasons = [
        "The issue took too long to resolve",
        "The issue was not resolved",
        "The agent's knowledge is unsatisfactory",
        "The agent's attitude is unsatisfactory",
    ];
    for i in 0..100 {
        csv += &format!(
            "{},2024-02-{:02} 10:00:00,{},{},\"ticket {i}: the courier never came and nobody answered the phone for {} days\"\n",
            500 + i,
            1 + i % 28,
            ["Good", "Bad"][i % 2],
            reasons[i % 4],
            i % 9
        );
    }
    let yaml = guess(&tmp, "zendesk.csv", csv.as_bytes());
    has(&yaml, &["comment: \"Satisfaction Comment\""]);
    lacks(&yaml, &["comment: \"Satisfaction Reason\"", "comments: "]);
}

/// Microsoft Forms joins a "choose all that apply" question's answers with `;`, each ended by
/// one (`Crisps;Nuts;`): a multi-select with `separator: ";"`, not a dimension of every
/// combination; its shares are worked out by hand below.
#[test]
fn microsoft_forms_semicolon_joined_choices_are_a_multi_select() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "ID,Start time,Completion time,Email,Name,How likely are you to recommend us?,Which snacks did you buy?\n",
    );
    let picks = ["Crisps;", "Crisps;Nuts;", "Dried mango;", "Nuts;Dried mango;Crisps;", "Nuts;"];
    for i in 0..100 {
        csv += &format!(
            "{},3/{}/2024 10:00:00,3/{}/2024 10:05:00,anonymous,,{},{}\n",
            i + 1,
            1 + i % 28,
            1 + i % 28,
            i % 11,
            picks[i % 5]
        );
    }
    let yaml = guess(&tmp, "Snack survey(1-100).csv", csv.as_bytes());
    has(&yaml, &["separator: \";\"", "options: [\"Crisps\", \"Nuts\", \"Dried mango\"]"]);
    // Crisps in picks 0, 1, 3: 60 of 100; Nuts in 1, 3, 4: 60; Dried mango in 2, 3: 40.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let share = |option: &str| {
        metrics
            .lines()
            .find(|l| l.starts_with("overall,all,") && l.contains(option))
            .unwrap_or_else(|| panic!("no overall row for {option}:\n{metrics}"))
            .split(',')
            .nth(4)
            .unwrap()
            .to_string()
    };
    assert_eq!(share("crisps"), "60.0000");
    assert_eq!(share("dried_mango"), "40.0000");
}

/// 问卷星 joins a checkbox question's answers with `┋` (`薯片┋坚果`). Every combination of
/// ticked options is a value of its own, so the column once read as a breakdown or was left out
/// for its many values; it is a multi-select whose shares are worked out by hand below.
#[test]
fn wenjuanxing_joined_choices_are_a_multi_select() {
    let tmp = TempDir::new();
    let options = ["薯片", "坚果", "饼干", "果干", "糖果"];
    // Every non-empty set of the five options (31), each on four rows: 124 rows.
    let combos: Vec<String> = (1u32..32)
        .map(|m| {
            options.iter().enumerate().filter(|(k, _)| m & (1 << k) != 0).map(|(_, o)| *o).collect::<Vec<_>>().join("┋")
        })
        .collect();
    let mut csv = String::from(
        "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您向朋友推荐我们的可能性有多大？,2、您购买了哪些商品？,3、其他建议\n",
    );
    for i in 0..124 {
        csv += &format!(
            "{},2024/3/{} 10:00:00,95秒,手机提交,直接访问,1.2.3.{}(上海-上海),{},{},\n",
            i + 1,
            1 + i % 28,
            i % 200,
            i % 11,
            combos[i % 31]
        );
    }
    let (yaml, said) = guess_said(&tmp, "零食调查.csv", csv.as_bytes());
    has(&yaml, &["separator: \"┋\"", "options: [\"薯片\", \"坚果\", \"饼干\", \"果干\", \"糖果\"]"]);
    lacks(&yaml, &["from_column: \"2、"]);
    assert!(said.contains("multi-select (5 options)"), "{said}");
    // Each option is in 16 of the 31 sets: 64 of 124 rows, 51.6129 %.
    for o in options {
        assert_overall_row(&tmp, &format!("_{o},124,51.6129"));
    }
}

/// 腾讯问卷 writes a grid question a column per row (`Q3:请对以下方面进行评价|结账速度`) and a
/// checkbox question a column per option holding 1 or 0 (`Q4:…|薯片`). The grid's rows are the
/// touchpoints, named by the row and read on one scale even when a row's sample lacks the low
/// answers; the options are one multi-select question, not a segment each.
#[test]
fn tencent_grid_rows_are_touchpoints_and_option_columns_one_multi_select() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "编号,开始答题时间,Q1:您向朋友推荐我们的可能性有多大？,Q3:请对以下方面进行评价|结账速度,Q3:请对以下方面进行评价|店员服务,Q3:请对以下方面进行评价|商品陈列,Q4:您本次购买了哪些商品？|薯片,Q4:您本次购买了哪些商品？|坚果\n",
    );
    let labels = ["非常满意", "满意", "一般", "不满意", "非常不满意"];
    for i in 0..100 {
        csv += &format!(
            "{},2024-03-{:02} 10:00:00,{},{},{},{},{},{}\n",
            i + 1,
            1 + i % 28,
            i % 11,
            labels[i % 5],
            labels[(i + 2) % 5],
            // 商品陈列 never drew the two lowest answers.
            labels[i % 3],
            u8::from(i % 2 == 0),
            u8::from(i % 4 == 0),
        );
    }
    let (yaml, said) = guess_said(&tmp, "门店满意度调查.csv", csv.as_bytes());
    has(&yaml, &["name: \"结账速度\"", "name: \"店员服务\"", "name: \"商品陈列\""]);
    // One group of touchpoint scores, with every label.
    assert_eq!(yaml.matches("- metric: ").count(), 1, "{yaml}");
    has(&yaml, &["labels: { \"非常满意\": 5, \"满意\": 4, \"一般\": 3, \"不满意\": 2, \"非常不满意\": 1 }"]);
    has(
        &yaml,
        &["columns: { \"薯片\": \"Q4:您本次购买了哪些商品？|薯片\", \"坚果\": \"Q4:您本次购买了哪些商品？|坚果\" }"],
    );
    lacks(&yaml, &["from_column: \"Q4"]);
    assert!(said.contains("multi-select option `薯片`"), "{said}");
    // Of the 50 rows choosing any (every even row), all chose 薯片 and half 坚果.
    assert_overall_row(&tmp, "_薯片,50,100.0000");
    assert_overall_row(&tmp, "_坚果,50,50.0000");
}

/// Typeform writes each choice of a multiple-selection question as a column headed by the
/// choice alone and holding it when chosen (`Reports`, `Dashboards`), then an `Other` column of
/// what was typed. No header names the question: the columns had each been left out as "one
/// value wherever filled", and the question never reached the site.
#[test]
fn typeform_columns_headed_by_their_choice_are_one_multi_select() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "#,How likely are you to recommend us?,Reports,Dashboards,Other,Anything else?,Submit Date (UTC)\n",
    );
    let typed = ["Exports", "API", "Slack alerts", "SSO"];
    for i in 0..100 {
        let reports = if i % 2 == 0 { "Reports" } else { "" };
        let dashboards = if i % 4 == 1 { "Dashboards" } else { "" };
        let other = if i % 5 == 3 { typed[i % 4] } else { "" };
        csv += &format!(
            "{:x}ab{i},{},{reports},{dashboards},{other},,2024-03-{:02} 10:00:00\n",
            7000 + i,
            i % 11,
            1 + i % 28
        );
    }
    let (yaml, said) = guess_said(&tmp, "typeform.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "name: \"Reports / Dashboards / Other\"",
            "columns: { \"Reports\": \"Reports\", \"Dashboards\": \"Dashboards\", \"Other\": \"Other\" }",
        ],
    );
    assert!(said.contains("multi-select option `Dashboards`"), "{said}");
    // Base: the 50 even rows (Reports), the 25 rows i % 4 == 1 (Dashboards, all odd) and the
    // rows typing another answer (i % 5 == 3) that ticked neither: odd, i % 4 != 1 — 3, 23,
    // 43, 63, 83: 80. Reports 50 / 80, Dashboards 25 / 80, Other 20 / 80.
    assert_overall_row(&tmp, "_reports,80,62.5000");
    assert_overall_row(&tmp, "_dashboards,80,31.2500");
    assert_overall_row(&tmp, "_other,80,25.0000");
}

/// The "Other" option of a column-per-option checkbox question holds what the respondent typed
/// (`辣条`), not 1 or the option's name. It is an option of the question all the same: left out,
/// those who ticked only "Other" fell out of the base and every share rose.
#[test]
fn an_other_option_holding_typed_text_stays_in_its_checkbox_question() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "编号,提交时间,Q1:您有多大可能向朋友推荐我们？,Q3:您购买了哪些产品？|薯片,Q3:您购买了哪些产品？|坚果,Q3:您购买了哪些产品？|其他（请注明）\n",
    );
    let typed = ["辣条", "饮料", "果冻", "糖"];
    for i in 0..100 {
        let other = if i % 5 == 1 { typed[i % 4] } else { "" };
        csv += &format!(
            "{},2024-03-{:02} 10:00:00,{},{},{},{other}\n",
            i + 1,
            1 + i % 28,
            i % 11,
            u8::from(i % 2 == 0),
            u8::from(i % 4 == 0),
        );
    }
    let (yaml, said) = guess_said(&tmp, "门店调查.csv", csv.as_bytes());
    has(&yaml, &["\"其他（请注明）\": \"Q3:您购买了哪些产品？|其他（请注明）\""]);
    assert!(said.contains("multi-select option `其他（请注明）`"), "{said}");
    // Answered: the 50 even rows and the 20 rows i % 5 == 1 (10 of them odd): 60.
    // 薯片 50 / 60, 坚果 (i % 4 == 0) 25 / 60, 其他 20 / 60.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    for (option, row) in [("薯片", ",60,83.3333"), ("坚果", ",60,41.6667"), ("其他", ",60,33.3333")] {
        assert!(
            metrics.lines().any(|l| l.starts_with("overall,all,") && l.contains(option) && l.contains(row)),
            "{option}: {metrics}"
        );
    }
}

/// What the rules of ten-point columns, time columns and `;` must not catch: an NPS column
/// named `Score` or in French whose sample has no 0, a delivery time slot, a product name
/// that holds a `;`.
#[test]
fn ten_point_time_and_semicolon_rules_leave_ordinary_columns_alone() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(33);
    let mut csv = String::from(
        "Id,Submitted,Score,Quelle est la probabilité que vous nous recommandiez ?,Delivery time,Product\n",
    );
    for i in 0..90 {
        csv += &format!(
            "{i},2024-05-{:02},{},{},{},{}\n",
            1 + i % 28,
            1 + r.below(10),
            1 + r.below(10),
            ["10:00-12:00", "12:00-14:00", "14:00-16:00"][i % 3],
            ["Shampoo; 500ml", "Conditioner; 250ml", "Soap; 100g", "Lotion; 200ml"][i % 4]
        );
    }
    // The French question is the one named for recommending: the NPS; `Score` beside it is a
    // 0–10 rating.
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"Quelle est la probabilité que vous nous recommandiez ?\", scale: [0, 10]"]);
    lacks(&yaml, &["scale: [1, 10]", "multi_select", "separator"]);
    assert!(!line(&yaml, "\"Delivery time\"").contains("does not read"), "{yaml}");
    // Alone (Delighted's export), `Score` with no 0 in its sample is the NPS.
    let tmp = TempDir::new();
    let mut csv = String::from("Id,Submitted,Score\n");
    for i in 0..90 {
        csv += &format!("{i},2024-05-{:02},{}\n", 1 + i % 28, 1 + r.below(10));
    }
    let yaml = guess(&tmp, "delighted.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"Score\", scale: [0, 10]"]);
}

/// The overall rows of the built project's metrics.csv: metric → (n, value).
fn overall_metrics(tmp: &TempDir) -> std::collections::BTreeMap<String, (String, String)> {
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    metrics
        .lines()
        .filter(|l| l.starts_with("overall,all,"))
        .map(|l| {
            let c: Vec<&str> = l.split(',').collect();
            (c[2].to_string(), (c[3].to_string(), c[4].to_string()))
        })
        .collect()
}

/// 大众点评 rates in half stars: `step: 0.5`, and every half read.
#[test]
fn half_star_reviews_are_read_in_half_points() {
    let tmp = TempDir::new();
    // 10 rows a cycle: 5, 4.5, 4.5, 4, 3.5, 3, 2.5, 2, 1.5, 1 — 20 cycles.
    let stars = ["5", "4.5", "4.5", "4", "3.5", "3", "2.5", "2", "1.5", "1"];
    let mut csv = String::from("评价时间,门店,星级,评价内容\n");
    for i in 0..200 {
        csv += &format!(
            "2025-0{}-{:02} 12:00,店{},{},第{i}条评价：味道{}\n",
            1 + i % 6,
            1 + i % 28,
            i % 3,
            stars[i % 10],
            ["不错", "一般", "很好"][i % 3]
        );
    }
    let yaml = guess(&tmp, "点评导出.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5], step: 0.5"]);
    let m = overall_metrics(&tmp);
    // Mean of a cycle: 31.5 / 10 = 3.15; top box (4 and up): 4 of 10 = 40 %.
    assert_eq!(m["csat_mean"], ("200".into(), "3.1500".into()), "{m:?}");
    assert_eq!(m["csat"], ("200".into(), "40.0000".into()), "{m:?}");
}

/// A label that is a report's totals line when it stands once (`Max`, `Promoters`) is a value
/// when the file has it on many rows: a SaaS plan `Max` (and `Min`), or an NPS group column
/// first on each row. Those rows were left out as totals, n fell by a third and the NPS moved.
#[test]
fn a_totals_word_on_many_rows_is_a_value_and_once_at_the_end_a_summary() {
    let tmp = TempDir::new();
    // 40 rows, plans Free, Pro, Max, Min in turn; answers 10, 9, 9, 7, 2 in turn: 24 promoters
    // and 8 detractors of 40, NPS 40. Then a summary the export adds: left out.
    let answers = [10, 9, 9, 7, 2];
    let mut csv = String::from("Plan,Seats,How likely are you to recommend us to a colleague?\n");
    for i in 0..40 {
        csv += &format!("{},{},{}\n", ["Free", "Pro", "Max", "Min"][i % 4], 1 + i % 7, answers[i % 5]);
    }
    csv += "Average,,7.4\nPromoters,,24\n";
    let (yaml, said) = guess_said(&tmp, "saas.csv", csv.as_bytes());
    has(&yaml, &["(40 rows read)"]);
    assert!(said.contains("left out 2 lines read as a totals or summary row"), "{said}");
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("40".into(), "40.0000".into()), "{m:?}");

    let tmp = TempDir::new();
    // The group written first, from the score; a comment on every other row. Answers 10, 9, 3,
    // 7, 10, 6 in turn over 30 rows: 15 promoters, 10 detractors, NPS 5 / 30 = 16.6667.
    let answers = [10, 9, 3, 7, 10, 6];
    let mut csv = String::from("NPS Category,Score,Feedback\n");
    for i in 0..30 {
        let a = answers[i % 6];
        let group = if a >= 9 {
            "Promoter"
        } else if a <= 6 {
            "Detractor"
        } else {
            "Passive"
        };
        let comment = if i % 2 == 0 { "Great product" } else { "" };
        csv += &format!("{group},{a},{comment}\n");
    }
    csv += "Promoters,15,\n";
    guess(&tmp, "nps.csv", csv.as_bytes());
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("30".into(), "16.6667".into()), "{m:?}");
}

/// Review exports that draw the rating: half stars (`★★★★½`, `★★★⯪☆`) are half points, read
/// with `step: 0.5`; JD's Chinese star words (五星 … 一星) are a 1–5 rating.
#[test]
fn half_stars_drawn_and_star_words_in_chinese_are_ratings() {
    let tmp = TempDir::new();
    // The cycle of the test above, drawn: mean 3.15, top box 40 %.
    let stars = ["★★★★★", "★★★★½", "★★★★⯪", "★★★★☆", "★★★½☆", "★★★☆☆", "★★½", "★★☆☆☆", "★½☆☆☆", "★☆☆☆☆"];
    let mut csv = String::from("Date,Store,Overall rating,Review\n");
    for i in 0..200 {
        csv += &format!("2025-0{}-{:02},S{},{},review {i}\n", 1 + i % 6, 1 + i % 28, i % 3, stars[i % 10]);
    }
    let yaml = guess(&tmp, "appfigures.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5], step: 0.5"]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["csat_mean"], ("200".into(), "3.1500".into()), "{m:?}");
    assert_eq!(m["csat"], ("200".into(), "40.0000".into()), "{m:?}");

    let tmp = TempDir::new();
    // 五星 ×3, 四星 ×2, 三星, 二星, 一星 a cycle of 8 — mean (15 + 8 + 3 + 2 + 1) / 8 = 29 / 8 = 3.625, top two 5 of 8.
    let words = ["五星", "五星", "五星", "四星", "四星", "三星", "二星", "一星"];
    let mut csv = String::from("评价时间,商品名称,商品评分,评价内容\n");
    for i in 0..160 {
        csv += &format!("2025-0{}-{:02},商品{},{},第{i}条\n", 1 + i % 6, 1 + i % 28, i % 4, words[i % 8]);
    }
    guess(&tmp, "jd.csv", csv.as_bytes());
    let m = overall_metrics(&tmp);
    assert_eq!(m["csat_mean"], ("160".into(), "3.6250".into()), "{m:?}");
    assert_eq!(m["csat"], ("160".into(), "62.5000".into()), "{m:?}");
}

/// QuestionPro's `Response Status` (Started, Terminated) and LimeSurvey's blank `submitdate`
/// mark unfinished responses: left out as incomplete, as Qualtrics' are.
#[test]
fn questionpro_and_limesurvey_unfinished_responses_are_left_out() {
    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Timestamp (mm/dd/yyyy),Time Taken to Complete (Seconds),Response Status,How likely is it that you would recommend this company to a friend or colleague?\n");
    // 60 rows: every 4th Started, every 6th (not also 4th) Terminated; NPS answers cycle 10, 9, 3.
    let (mut kept, mut promoters, mut detractors) = (0, 0, 0);
    for i in 0..60 {
        let status = if i % 4 == 0 {
            "Started"
        } else if i % 6 == 0 {
            "Terminated"
        } else {
            "Completed"
        };
        let nps = [10, 9, 3][i % 3];
        if status == "Completed" {
            kept += 1;
            promoters += usize::from(nps >= 9);
            detractors += usize::from(nps <= 6);
        }
        csv += &format!("{},03/{:02}/2024 10:00:00,{},{status},{nps}\n", 100000 + i, 1 + i % 28, 30 + i);
    }
    let (_, said) = guess_said(&tmp, "QuestionPro-SR-1.csv", csv.as_bytes());
    assert!(said.contains("are left out, counted on the data-quality page as incomplete responses"), "{said}");
    // 40 kept (60 − 15 Started − 5 Terminated of i ≡ 6, 18, 30, 42, 54); worked out above.
    assert_eq!(kept, 40);
    let nps = 100.0 * (promoters as f64 - detractors as f64) / kept as f64;
    assert_eq!(overall_metrics(&tmp)["nps"], (kept.to_string(), format!("{nps:.4}")));

    let tmp = TempDir::new();
    let mut csv = String::from("id,submitdate,lastpage,startlanguage,seed,startdate,NPS\n");
    // 60 rows, every 3rd never submitted (blank submitdate); NPS 10 when submitted, 0 when not.
    for i in 0..60 {
        let (submitted, nps) = if i % 3 == 0 { ("", 0) } else { ("2024-03-05 10:00:00", 10) };
        csv += &format!("{i},{submitted},2,en,{},2024-03-05 09:00:00,{nps}\n", 1000 + i);
    }
    let (_, said) = guess_said(&tmp, "results-survey123.csv", csv.as_bytes());
    assert!(said.contains("a blank `submitdate` marks a response never submitted"), "{said}");
    // `startdate` holds one date on every row: a placeholder, no date column.
    assert!(
        said.contains("startdate                left out: the same date on every row (2024-03-05 09:00:00)"),
        "{said}"
    );
    // The 40 submitted are all promoters: +100 (with the unsubmitted 20 it would be +33.3).
    assert_eq!(overall_metrics(&tmp)["nps"], ("40".into(), "100.0000".into()));
}

/// HubSpot's NPS export calls its 0–10 answer `Rating`: an NPS, not a 0–10 rating.
#[test]
fn a_zero_to_ten_column_named_rating_is_the_nps() {
    let tmp = TempDir::new();
    let mut csv = String::from("Submission date,Survey,Rating,Sentiment,Feedback\n");
    for i in 0..100 {
        let r = i % 11;
        let group = if r >= 9 {
            "Promoter"
        } else if r >= 7 {
            "Passive"
        } else {
            "Detractor"
        };
        csv += &format!("\"Apr {}, 2024 09:38 AM\",Loyalty,{r},{group},\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "hubspot.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"Rating\""]);
    // i % 11 over i = 0…99: 0 occurs 10 times (i = 0, 11, …, 99), 1–10 9 times each.
    // Promoters (9, 10): 18; detractors (0–6): 10 + 6 × 9 = 64: NPS = (18 − 64) / 100 = −46.
    assert_eq!(overall_metrics(&tmp)["nps"], ("100".into(), "-46.0000".into()));
}

/// Comment columns named in German, Japanese or Traditional Chinese are comments; a 評論時間
/// column whose dates lack a year is no comment.
#[test]
fn comment_headers_in_other_languages_and_dates_without_a_year() {
    for header in ["Kommentar", "ご意見・ご感想", "建議"] {
        let tmp = TempDir::new();
        let mut csv = format!("Datum,NPS,{header}\n");
        for i in 0..80 {
            // Short and varied (under 15 characters on average): a comment by its header only.
            csv += &format!(
                "2024-03-{:02},{},{} {i}\n",
                1 + i % 28,
                i % 11,
                ["teuer", "gut", "spät", "nett", "voll"][i % 5]
            );
        }
        let yaml = guess(&tmp, "umfrage.csv", csv.as_bytes());
        has(&yaml, &[&format!("comment: \"{header}\"")]);
        // The same values under a header that does not say so are no comment.
        let tmp = TempDir::new();
        let yaml = guess(&tmp, "umfrage.csv", csv.replacen(header, "Feld", 1).as_bytes());
        lacks(&yaml, &["comment: \"Feld\""]);
    }
    let tmp = TempDir::new();
    let mut csv = String::from("评论ID,评论内容,评论时间\n");
    for i in 0..90 {
        let when = if i % 3 == 0 {
            format!("0{}-{:02}", 1 + i % 9, 1 + i % 28)
        } else {
            format!("2024-02-{:02} 12:02", 1 + i % 28)
        };
        csv += &format!("c{i},这家店的服务很好，第{i}次来了,{when}\n");
    }
    let yaml = guess(&tmp, "小红书评论.csv", csv.as_bytes());
    has(&yaml, &["comment: \"评论内容\""]);
    // A comment column whose few words happen to be a scale's (`ok`, `bad`) is no scale.
    let tmp = TempDir::new();
    let mut csv = String::from("NPS,COMMENT\n");
    for i in 0..60 {
        csv += &format!("{},{}\n", i % 11, ["ok", "bad", ""][i % 3]);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    lacks(&yaml, &["\"ok\": 3", "column: \"COMMENT\", type: rating"]);
    lacks(&yaml, &["comment: \"评论时间\"", "- \"评论时间\""]);
}

/// Satisfaction labels of Zoho Survey (`Very Unsatisfied`), Japanese surveys (満足 … 不満) and
/// Intercom (`🤩 Amazing`) are scales.
#[test]
fn more_satisfaction_label_sets_are_scales() {
    for (labels, expect) in [
        (["Very Satisfied", "Satisfied", "Neutral", "Unsatisfied", "Very Unsatisfied"], "\"Very Unsatisfied\": 1"),
        (["満足", "やや満足", "どちらともいえない", "やや不満", "不満"], "\"不満\": 1"),
        (["🤩 Amazing", "😃 Great", "🙂 OK", "🙁 Bad", "😠 Terrible"], "\"😠 Terrible\": 1"),
    ] {
        let tmp = TempDir::new();
        let mut csv = String::from("Date,Satisfaction\n");
        // 50 rows: labels cycle top to bottom, 10 each; top two 20 of 50 = 40 %.
        for i in 0..50 {
            csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, labels[i % 5]);
        }
        let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
        has(&yaml, &["scale: [1, 5]", expect]);
        assert_eq!(overall_metrics(&tmp)["csat"], ("50".into(), "40.0000".into()), "{yaml}");
    }
}

/// Two rows of one grid question are touchpoints rated side by side (wide), named by their
/// rows, whether the tool writes the row in the header (问卷星's `3(结账速度)`) or in the question
/// text of its second header row (Qualtrics' `Q2_1`: `How satisfied were you with... -
/// Checkout`). Before, they were two scores of one `overall` touchpoint, the second of them a
/// metric of its own. Two unrelated 1–5 questions stay two scores.
#[test]
fn two_rows_of_one_grid_question_are_touchpoints() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(41);
    let mut csv = String::from("序号,提交答卷时间,1、您向朋友推荐我们的可能性有多大？,3(结账速度),3(店员服务)\n");
    // Checkout: 4 on every row but the first 20 (2); staff: 5 throughout.
    for i in 0..60 {
        let checkout = if i < 20 { 2 } else { 4 };
        csv += &format!("{},2024/3/{} 10:15:02,{},{checkout},5\n", i + 1, 1 + i % 28, r.below(11));
    }
    let yaml = guess(&tmp, "wjx_grid.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "format: wide",
            "name: \"结账速度\"",
            "name: \"店员服务\"",
            "touchpoint_scores:",
            "\"3(结账速度)\"",
            "\"3(店员服务)\"",
        ],
    );
    lacks(&yaml, &["touchpoint: overall"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // Top two box of checkout: 40 of 60 = 66.6667 %; staff 60 of 60.
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,tp1,csat,60,66.6667,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,tp2,csat,60,100.0000,")), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from(
        "StartDate,RecordedDate,ResponseId,Q1,Q2_1,Q2_2\n\
         Start Date,Recorded Date,Response ID,How likely are you to recommend Acme?,How satisfied were you with... - Checkout,How satisfied were you with... - Staff\n",
    );
    csv += "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_2\"\"}\"\n";
    // Checkout 1–5 in turn (mean 3, 40 % top box), staff 4 then 5.
    for i in 0..50 {
        csv += &format!(
            "2024-03-01 10:00:00,2024-03-{:02} 10:05:00,R_{i:04},{},{},{}\n",
            1 + i % 28,
            r.below(11),
            1 + i % 5,
            4 + i % 2
        );
    }
    let yaml = guess(&tmp, "Acme_Visit_Survey.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "format: wide",
            "{ id: checkout, name: \"Checkout\" }",
            "{ id: staff, name: \"Staff\" }",
            "checkout: \"Q2_1\"",
            "staff: \"Q2_2\"",
        ],
    );
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,checkout,csat,50,40.0000,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,checkout,csat_mean,50,3.0000,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,staff,csat,50,100.0000,")), "{metrics}");

    // Two questions of their own: two scores of one touchpoint, as before.
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,Overall satisfaction (1-5),Ease of ordering (1-5)\n");
    for i in 0..50 {
        csv += &format!("{i},2024-03-{:02},{},{}\n", 1 + i % 28, 1 + i % 5, 1 + (i * 3) % 5);
    }
    let yaml = guess(&tmp, "two.csv", csv.as_bytes());
    has(&yaml, &["format: long", "touchpoint: overall"]);
    lacks(&yaml, &["touchpoint_scores:"]);
}

/// LimeSurvey's own columns (`lastpage`, `startlanguage`, `seed`) are its metadata, not a
/// breakdown of customers by the page they stopped on.
#[test]
fn limesurvey_metadata_is_left_out() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(42);
    let mut csv = String::from("id,submitdate,lastpage,startlanguage,seed,NPS,SAT\n");
    for i in 0..60 {
        csv += &format!(
            "{i},2024-03-{:02} 10:00:00,{},{},{},{},{}\n",
            1 + i % 28,
            1 + i % 2,
            ["en", "de"][i % 2],
            100_000 + r.below(900_000),
            r.below(11),
            1 + r.below(5)
        );
    }
    let (yaml, said) = guess_said(&tmp, "results-survey123.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "#   \"lastpage\": LimeSurvey metadata",
            "#   \"startlanguage\": LimeSurvey metadata",
            "#   \"seed\": LimeSurvey metadata",
        ],
    );
    lacks(&yaml, &["from_column: \"lastpage\"", "from_column: \"startlanguage\""]);
    assert!(said.contains("lastpage") && said.contains("LimeSurvey metadata"), "{said}");
}

/// The project's zone follows the dates: times written with `+08:00` are cut into months at
/// +08:00 (before, `timezone: UTC` put the evening of 31 March into April), and a Qualtrics
/// export's declared `timeZone` is the project's.
#[test]
fn the_zone_is_guessed_from_the_dates_offsets_and_a_declared_zone() {
    let tmp = TempDir::new();
    let mut csv = String::from("id,created_at,How likely are you to recommend us?\n");
    // 30 on the evening of 31 March at +08:00 (the afternoon in UTC too), 20 on 1 April
    // 07:00 at +08:00 (31 March 23:00 in UTC).
    for i in 0..50 {
        let at = if i < 30 { "2024-03-31T20:15:00+08:00" } else { "2024-04-01T07:00:00+08:00" };
        csv += &format!("{i},{at},{}\n", i % 11);
    }
    let yaml = guess(&tmp, "tickets.csv", csv.as_bytes());
    has(&yaml, &["timezone: Etc/GMT-8   # guessed: the dates are written with offset +08:00"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-03,nps,30,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-04,nps,20,")), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from(
        "RecordedDate,ResponseId,Q1\nRecorded Date,Response ID,How likely are you to recommend us?\n\
         \"{\"\"ImportId\"\":\"\"recordedDate\"\",\"\"timeZone\"\":\"\"America/Denver\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\"\n",
    );
    for i in 0..40 {
        csv += &format!("2024-03-{:02} 20:00:00,R_{i:04},{}\n", 1 + i % 28, i % 11);
    }
    let yaml = guess(&tmp, "Visit_Survey.csv", csv.as_bytes());
    has(&yaml, &["timezone: America/Denver   # guessed: the export declares its times in America/Denver"]);
}

/// Satisfaction written in French, German and Spanish words, Help Scout's three-point
/// `Great`/`Okay`/`Not Good` and a column of faces (`😀 😐 😞`) are scales: before, each was
/// a segment and the rows without another answer were rejected. The counts are by hand.
#[test]
fn scales_in_other_languages_three_points_and_faces_are_read() {
    // 10 rows each: 4 × top, 3 × second, 2 × middle, 1 × bottom → top two 70 %, mean
    // (4·5 + 3·4 + 2·3 + 1·1) / 10 = 3.9.
    let five = [
        ("fr", ["Très satisfait", "Satisfait", "Ni satisfait ni insatisfait", "Très insatisfait"]),
        ("de", ["Sehr zufrieden", "Zufrieden", "Teils/teils", "Sehr unzufrieden"]),
        ("es", ["Muy satisfecho", "Satisfecho", "Ni satisfecho ni insatisfecho", "Muy insatisfecho"]),
    ];
    for (lang, [top, second, middle, bottom]) in five {
        let tmp = TempDir::new();
        let mut csv = String::from("id,date,Zufriedenheit / satisfaction\n");
        for i in 0..40 {
            let v = match i % 10 {
                0..=3 => top,
                4..=6 => second,
                7 | 8 => middle,
                _ => bottom,
            };
            csv += &format!("{i},2024-03-{:02},{v}\n", 1 + i % 28);
        }
        let yaml = guess(&tmp, &format!("labels_{lang}.csv"), csv.as_bytes());
        has(&yaml, &["scale: [1, 5]", &format!("\"{top}\": 5"), &format!("\"{bottom}\": 1")]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,40,70.0000,")), "{lang}: {metrics}");
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat_mean,40,3.9000,")), "{lang}: {metrics}");
    }
    // Three points: 5 × top, 3 × middle, 2 × bottom of 10 → top box (the top one) 50 %,
    // mean (15 + 6 + 2) / 10 = 2.3.
    for (name, [top, middle, bottom]) in [("helpscout", ["Great", "Okay", "Not Good"]), ("faces", ["😀", "😐", "😞"])]
    {
        let tmp = TempDir::new();
        let mut csv = String::from("id,date,Rating,Comments\n");
        for i in 0..40 {
            let v = match i % 10 {
                0..=4 => top,
                5..=7 => middle,
                _ => bottom,
            };
            // Most rows have no comment: they count by their rating alone.
            let comment = if i % 8 == 0 { "Thanks for the quick answer and all sorted" } else { "" };
            csv += &format!("{i},2024-03-{:02},{v},{comment}\n", 1 + i % 28);
        }
        let yaml = guess(&tmp, &format!("{name}.csv"), csv.as_bytes());
        has(
            &yaml,
            &["scale: [1, 3]", &format!("\"{top}\": 3"), &format!("\"{middle}\": 2"), &format!("\"{bottom}\": 1")],
        );
        lacks(&yaml, &["from_column: \"Rating\""]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,rating,40,50.0000,")), "{name}: {metrics}");
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,rating_mean,40,2.3000,")), "{name}: {metrics}");
    }
    // A satisfaction written as percents of a five-point scale (a mystery-shopping export's
    // `20%` … `100%`): 4 × 100%, 3 × 80%, 1 each of 60%, 40%, 20% → top two 70 %, mean 3.8.
    let tmp = TempDir::new();
    let mut csv = String::from("Visit Date,Store,Customer Satisfaction\n");
    for i in 0..40 {
        let v = ["100%", "100%", "100%", "100%", "80%", "80%", "80%", "60%", "40%", "20%"][i % 10];
        csv += &format!("2024-03-{:02},{},{v}\n", 1 + i % 28, ["North", "South"][i % 2]);
    }
    let yaml = guess(&tmp, "mystery.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5]", "\"100%\": 5", "\"20%\": 1"]);
    lacks(&yaml, &["from_column: \"Customer Satisfaction\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.contains("all,") && l.contains(",40,70.0000,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.contains("_mean,40,3.8000,")), "{metrics}");
    // An audit score written as a percent of 0–100 (`93%`, `85.5%`): a 0–100 score whose mean
    // is reported, in tenths where one is written. 40 rows of 93%, 85.5%, 70%, 100%, 61.5%, 40%,
    // 88%, 77%: mean (93 + 85.5 + 70 + 100 + 61.5 + 40 + 88 + 77) / 8 = 615 / 8 = 76.875.
    let tmp = TempDir::new();
    let mut csv = String::from("Visit Date,Store,Audit Score\n");
    let audit = ["93%", "85.5%", "70%", "100%", "61.5%", "40%", "88%", "77%"];
    for i in 0..40 {
        csv += &format!("2024-03-{:02},{},{}\n", 1 + i % 28, ["North", "South"][i % 2], audit[i % 8]);
    }
    let yaml = guess(&tmp, "audit.csv", csv.as_bytes());
    has(&yaml, &["type: mean", "scale: [0, 100]", "step: 0.1"]);
    lacks(&yaml, &["from_column: \"Audit Score\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,audit_score,40,76.8750,")), "{metrics}");
    // A column of percents named for a quantity (a survey's progress) is no score (here a
    // breakdown of its five values).
    let tmp = TempDir::new();
    let mut csv = String::from("Visit Date,Progress,Satisfaction\n");
    for i in 0..40 {
        csv += &format!("2024-03-{:02},{}%,{}\n", 1 + i % 28, [100, 90, 75, 50, 30][i % 5], 1 + i % 5);
    }
    let yaml = guess(&tmp, "progress.csv", csv.as_bytes());
    lacks(&yaml, &["scale: [0, 100]", "type: mean"]);
    // Intercom's five faces, Terrible to Amazing: 😃 and 🤩 both smile, 🤩 more. 40 rows,
    // 4/3/1/1/1 of each ten from 🤩 down: top two 70 %, mean (4·5 + 3·4 + 3 + 2 + 1) / 10 = 3.8.
    let tmp = TempDir::new();
    let mut csv = String::from("Conversation ID,Conversation rating,Rated at\n");
    for i in 0..40 {
        let v = match i % 10 {
            0..=3 => "🤩",
            4..=6 => "😃",
            7 => "😐",
            8 => "🙁",
            _ => "😠",
        };
        csv += &format!("{i},{v},2024-03-{:02} 10:00:00 UTC\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "intercom.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5]", "\"🤩\": 5", "\"😃\": 4", "\"😠\": 1"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.contains("all,") && l.contains(",40,70.0000,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.contains("_mean,40,3.8000,")), "{metrics}");
}

/// A header that says 1 is the best answer (`1 = sehr zufrieden, 5 = sehr unzufrieden`, as a
/// German school grade) is read `reverse: true`; the numbers are turned around before any
/// statistic. Without such anchors, or with anchors the usual way round, it is not.
#[test]
fn a_header_that_puts_the_best_answer_at_1_reads_the_scale_reversed() {
    for header in [
        "Gesamtzufriedenheit (1 = sehr zufrieden, 5 = sehr unzufrieden)",
        "Overall satisfaction (1 = Very satisfied and 5 = Very dissatisfied)",
        "总体满意度（1分=非常满意，5分=非常不满意）",
    ] {
        let tmp = TempDir::new();
        let mut csv = format!("id,date,\"{header}\"\n");
        // 1 1 1 2 2 3 4 5 5 5 ×4: reversed, 5 5 5 4 4 3 2 1 1 1 → top two 50 %, mean 3.1.
        for i in 0..40 {
            csv += &format!("{i},2024-03-{:02},{}\n", 1 + i % 28, [1, 1, 1, 2, 2, 3, 4, 5, 5, 5][i % 10]);
        }
        let (yaml, said) = guess_said(&tmp, "umfrage.csv", csv.as_bytes());
        has(&yaml, &["reverse: true"]);
        assert!(said.contains("the lowest number is the best answer"), "{said}");
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,40,50.0000,")), "{header}: {metrics}");
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat_mean,40,3.1000,")), "{header}: {metrics}");
    }
    // Ease written `hard` as well as `difficult`: 1 very easy is the best answer.
    for header in ["Effort (1 = very easy, 5 = very hard)", "Effort (1 = very easy, 5 = very difficult)"] {
        let tmp = TempDir::new();
        let mut csv = format!("id,date,\"{header}\"\n");
        for i in 0..40 {
            csv += &format!("{i},2024-03-{:02},{}\n", 1 + i % 28, [1, 1, 1, 2, 2, 3, 4, 5, 5, 5][i % 10]);
        }
        has(&guess(&tmp, "effort.csv", csv.as_bytes()), &["reverse: true"]);
        // Reversed as above: a mean of 3.1 (2.9 as written), easier higher.
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,ces,40,3.1000,")), "{header}: {metrics}");
    }
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,\"Overall satisfaction (1 = Very dissatisfied, 5 = Very satisfied)\"\n");
    for i in 0..40 {
        csv += &format!("{i},2024-03-{:02},{}\n", 1 + i % 28, [1, 1, 1, 2, 2, 3, 4, 5, 5, 5][i % 10]);
    }
    lacks(&guess(&tmp, "survey.csv", csv.as_bytes()), &["reverse"]);
}

/// Counts and measures are no scores: `Helpful Votes` of 0–10 was taken for the NPS (and
/// made the site's headline −95), `Not Helpful Votes` 0–5 for a 1–5 rating with 0 as not
/// applicable.
#[test]
fn counts_and_measures_are_not_scores() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(43);
    let mut csv = String::from("Review ID,Submitted,Rating,Helpful Votes,Not Helpful Votes,Wait time (minutes)\n");
    for i in 0..80 {
        let votes = if i % 20 == 0 { 10 } else { r.below(3) };
        csv += &format!("RV{i},2024-03-{:02},{},{votes},{},{}\n", 1 + i % 28, 1 + i % 5, r.below(6), r.below(11));
    }
    let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
    lacks(
        &yaml,
        &[
            "nps:",
            "{ column: \"Helpful Votes\"",
            "{ column: \"Not Helpful Votes\"",
            "{ column: \"Wait time (minutes)\"",
        ],
    );
    has(&yaml, &["csat: { column: \"Rating\", scale: [1, 5] }"]);
}

/// Of several date columns, the one of when the answer was given is the date: Alchemer's
/// `Date Submitted`, not its `Time Started` that comes first (a response begun at 23:54 on
/// 31 March and sent at 00:04 on 1 April is April's).
#[test]
fn the_submission_date_is_the_date_not_when_the_survey_was_started() {
    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Time Started,Date Submitted,How likely are you to recommend us?\n");
    // 12 begun on 31 March and sent on 1 April, 30 begun and sent on 10 April.
    for i in 0..42 {
        let (start, sent) = if i < 12 {
            ("2024-03-31 23:54:52", "2024-04-01 00:04:05")
        } else {
            ("2024-04-10 10:00:00", "2024-04-10 10:06:00")
        };
        csv += &format!("{},{start},{sent},{}\n", 100_000 + i, i % 11);
    }
    let yaml = guess(&tmp, "alchemer_export.csv", csv.as_bytes());
    has(&yaml, &["date: \"Date Submitted\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-04,nps,42,")), "{metrics}");
    assert!(!metrics.lines().any(|l| l.starts_with("period,2024-03,")), "{metrics}");
}

/// French reviews: `4 juin 2024` is a date (before, the column was left out as 122 values too
/// many to break down by, and no `date_format` could read it), and `Nom` is a person's name,
/// never a segment.
#[test]
fn french_month_names_are_dates_and_nom_is_a_name() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(44);
    let months = ["janvier", "février", "mars", "avril", "mai", "juin"];
    let mut csv = String::from("\u{feff}Date de l'avis;Nom;Note;Avis\n");
    // 10 reviews in each month, day 1–28.
    for i in 0..60 {
        csv += &format!(
            "{} {} 2024;{};{};Livraison rapide, produit conforme {i}\n",
            1 + r.below(28),
            months[i / 10],
            ["Jean P.", "Marie", "Luc"][i % 3],
            1 + i % 5
        );
    }
    let yaml = guess(&tmp, "avis_clients.csv", csv.as_bytes());
    has(&yaml, &["date: \"Date de l'avis\"", "#   \"Nom\": personal data"]);
    lacks(&yaml, &["from_column: \"Nom\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    for m in 1..=6 {
        assert!(metrics.lines().any(|l| l.starts_with(&format!("period,2024-0{m},csat,10,"))), "{m}: {metrics}");
    }
}

/// A date column whose cells are partly typed dates and partly Excel's serial numbers
/// (`45365.116944` is 2024-03-14 02:48) is a date column read with `date_format: excel`, not an
/// identifier.
#[test]
fn dates_mixed_with_excel_serial_numbers_are_a_date_column() {
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,nps\n");
    // 20 serials in March 2024 (45352 is 1 March), 10 ISO dates in April, interleaved.
    for i in 0..30 {
        let date =
            if i % 3 != 0 { format!("{}.116944", 45352 + i) } else { format!("2024-04-{:02} 10:00:00", 1 + i / 3) };
        csv += &format!("{i},{date},{}\n", i % 11);
    }
    let yaml = guess(&tmp, "serials.csv", csv.as_bytes());
    has(&yaml, &["date: \"date\"", "date_format: \"excel\"", "Excel serial day numbers (45365.12) among them"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-03,nps,20,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-04,nps,10,")), "{metrics}");
}

/// A file whose only NPS is the group each customer is in (`Promoter`, `Passive`,
/// `Detractor`, no 0–10 answers) gets its NPS from the groups: 5 promoters, 3 passives and 2
/// detractors in each 10 → +30. Before, the column was left out and the file had no NPS.
#[test]
fn nps_groups_alone_give_the_nps() {
    let tmp = TempDir::new();
    let mut csv = String::from("Customer ID,Survey Date,NPS Category,Verbatim\n");
    for i in 0..50 {
        let group = match i % 10 {
            0..=4 => "Promoter",
            5..=7 => "Passive",
            _ => "Detractor",
        };
        csv += &format!("C{i:03},2024-03-{:02},{group},\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "nps_export.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"NPS Category\", scale: [0, 10], labels: { \"Promoter\": 10, \"Passive\": 8, \"Detractor\": 0 } }"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,50,30.0000,")), "{metrics}");
}

/// NPS groups named in Spanish, Portuguese, French, German, Italian and Traditional Chinese,
/// some with their ranges (`Promotores (9-10)`): 5 promoters, 3 passives and 2 detractors in
/// each 10 → +30. Before, a Spanish `Categoría NPS` stopped init with "found no score column".
#[test]
fn nps_groups_in_other_languages_give_the_nps() {
    for (header, [promoter, passive, detractor]) in [
        ("Categoría NPS", ["Promotor", "Pasivo", "Detractor"]),
        ("Categoria NPS", ["Promotores (9-10)", "Neutros (7-8)", "Detratores (0-6)"]),
        ("Catégorie NPS", ["Promoteur", "Passif", "Détracteur"]),
        ("NPS-Gruppe", ["Promotoren", "Indifferente", "Detraktoren"]),
        ("Categoria NPS", ["Promotore", "Passivo", "Detrattore"]),
        ("NPS 類別", ["推薦者", "被動者", "貶損者"]),
    ] {
        let tmp = TempDir::new();
        let mut csv = format!("Fecha,{header}\n");
        for i in 0..50 {
            let group = match i % 10 {
                0..=4 => promoter,
                5..=7 => passive,
                _ => detractor,
            };
            csv += &format!("2024-03-{:02},{group}\n", 1 + i % 28);
        }
        let yaml = guess(&tmp, "nps.csv", csv.as_bytes());
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(
            metrics.lines().any(|l| l.starts_with("overall,all,nps,50,30.0000,")),
            "{header} {promoter}\n{yaml}\n{metrics}"
        );
    }
}

/// An app store export: `Version` (5.4, 5.5) is a group, not a rating in tenths (before, the
/// site had a `version` score, "0 %" top box, mean 5.45); a mystery-shopping `Service` written
/// as asterisks (`***`) is a 1–5 rating (before, a segment of five values). By hand, Service
/// cycles *, **, ***, ****, *****, *****, ****, *** (20 rows each of 160): top two (4–5) 4 of
/// 8 = 50 %, mean (1+2+3+4+5+5+4+3)/8 = 3.375.
#[test]
fn a_version_is_a_group_and_asterisk_stars_are_a_rating() {
    let tmp = TempDir::new();
    let mut csv = String::from("Date,Rating,Version,Service,Review\n");
    for i in 0..160 {
        let stars = "*".repeat([1, 2, 3, 4, 5, 5, 4, 3][i % 8]);
        let version = ["5.4", "5.5"][i % 2];
        csv += &format!("2024-05-{:02},{},{version},{stars},review {i}\n", 1 + i % 28, 1 + i % 5);
    }
    let (yaml, said) = guess_said(&tmp, "appstore_reviews.csv", csv.as_bytes());
    assert!(line(&said, "Version").contains("segment"), "{said}");
    lacks(&yaml, &["version: {"]);
    has(&yaml, &["\"*****\": 5", "\"*\": 1"]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["service"], ("160".into(), "50.0000".into()), "{yaml}");
    assert_eq!(m["service_mean"], ("160".into(), "3.3750".into()), "{yaml}");
}

/// A nine-point scale the header states (`(1-9)`, or by its labelled ends) is a 1–9 rating:
/// before, a dimension of nine values, and rows without a comment were rejected. By hand, the
/// answers cycle 9, 8, 7, 5, 3, 9, 8, 6 (10 rows each of 80): top two (8–9) 4 of 8 = 50 %,
/// mean 55/8 = 6.875.
#[test]
fn a_nine_point_scale_the_header_states_is_a_rating() {
    for header in
        ["Overall satisfaction (1-9)", "Overall satisfaction (1 = extremely dissatisfied, 9 = extremely satisfied)"]
    {
        let tmp = TempDir::new();
        let mut csv = format!("RespondentID,Date,\"{header}\"\n");
        for i in 0..80 {
            csv += &format!("P{i},2024-06-{:02},{}\n", 1 + i % 28, [9, 8, 7, 5, 3, 9, 8, 6][i % 8]);
        }
        let yaml = guess(&tmp, "tracker.csv", csv.as_bytes());
        has(&yaml, &["scale: [1, 9]"]);
        let m = overall_metrics(&tmp);
        assert_eq!(m["overall_satisfaction"], ("80".into(), "50.0000".into()), "{yaml}");
        assert_eq!(m["overall_satisfaction_mean"], ("80".into(), "6.8750".into()), "{yaml}");
    }
}

/// Medallia's `LTR` repeats `Likelihood to Recommend` on every row: a copy, left out (before,
/// a second NPS `nps2`); its alert fields, set from the scores, are no segments (before, each a
/// segment whose detractor-only groups showed NPS −100).
#[test]
fn a_copied_score_column_and_alert_fields_are_left_out() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Survey ID,Response Date,Likelihood to Recommend,LTR,Alert Status,Alert Type,Unit Name,Alert Triggered\n",
    );
    for i in 0..40 {
        let ltr = i % 11;
        let alert = if ltr <= 6 { "Open,Red Alert" } else { "," };
        let triggered = if ltr <= 6 { "Yes" } else { "No" };
        csv += &format!(
            "MED-{i},2024-03-{:02} 10:00:00,{ltr},{ltr},{alert},{},{triggered}\n",
            1 + i % 28,
            ["Soho", "Opéra"][i % 2]
        );
    }
    let (yaml, said) = guess_said(&tmp, "medallia.csv", csv.as_bytes());
    assert!(line(&said, "LTR").contains("a copy of it"), "{said}");
    assert!(line(&said, "Alert Status").contains("alert field"), "{said}");
    assert!(line(&said, "Alert Triggered").contains("alert field"), "{said}");
    lacks(&yaml, &["nps2", "alert_status:"]);
    // By hand: 0–10 cycling over 40 rows (0–10 three times, then 0–6): promoters 9, 10 → 6;
    // detractors 0–6 → 7 × 3 + 7 = 28 → (6 − 28)/40 = −55.
    assert_eq!(overall_metrics(&tmp)["nps"], ("40".into(), "-55.0000".into()), "{yaml}");
}

/// A call centre's measures are no scores: `Ring Time (s)` 0–10 was the site's NPS (−47) and
/// `Transfers` its CSAT; ratings named with words that hold a measure's (`Account Manager`
/// holds `count`, `Delivery times` 1–5 is rated) stay ratings.
#[test]
fn call_centre_measures_are_not_scores_and_ratings_named_like_them_are() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(45);
    let mut csv = String::from(
        "Interaction ID,Ring Time (s),Queue Position,Transfers,Agent Tenure (yrs),Post-call survey: rate the agent (1-5)\n",
    );
    for i in 0..80 {
        let transfers = if i % 4 == 0 { 1 + r.below(3) } else { 0 };
        csv += &format!("I{i},{},{},{transfers},{},{}\n", r.below(11), r.below(10), 1 + r.below(5), 1 + i % 5);
    }
    let yaml = guess(&tmp, "genesys.csv", csv.as_bytes());
    lacks(
        &yaml,
        &[
            "nps",
            "{ column: \"Ring Time (s)\"",
            "{ column: \"Transfers\"",
            "{ column: \"Queue Position\"",
            "{ column: \"Agent Tenure (yrs)\"",
        ],
    );
    has(&yaml, &["csat: { column: \"Post-call survey: rate the agent (1-5)\", scale: [1, 5] }"]);

    let tmp = TempDir::new();
    let mut csv = String::from(
        "Response ID,Satisfaction with your Account Manager,Delivery times,Opening hours,Discount offers\n",
    );
    for i in 0..60 {
        csv += &format!("R{i},{},{},{},{}\n", 1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 2) % 5, 1 + (i + 3) % 5);
    }
    let yaml = guess(&tmp, "b2b.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "format: wide",
            "\"Delivery times\"",
            "\"Opening hours\"",
            "\"Discount offers\"",
            "\"Satisfaction with your Account Manager\"",
        ],
    );
    lacks(&yaml, &["from_column"]);
}

/// A survey's codes past the scale's end are not applicable: `99` ("don't know") beside 1–5
/// answers, even on a touchpoint most did not use, and an IVR's `9` (repeat). Before, each
/// such column was a segment and the journey lost it. Counts by hand: 1–5 in turn on 60 rows
/// → 40 % in the top two.
#[test]
fn codes_past_the_scale_end_are_not_applicable() {
    let tmp = TempDir::new();
    let mut csv = String::from("RespondentID,Q2_1 Website,Q2_2 Mortgage application,Q2_3 Branch visit\n");
    for i in 0..60 {
        let mostly_99 = if i % 10 < 2 { (1 + (i / 10 + i) % 5).to_string() } else { "99".into() };
        let half = if i % 10 < 5 { (1 + i % 5).to_string() } else { "99".into() };
        csv += &format!("R{i},{},{mostly_99},{half}\n", 1 + i % 5);
    }
    let yaml = guess(&tmp, "bank.csv", csv.as_bytes());
    has(&yaml, &["format: wide", "na: [\"99\"]", "\"Q2_2 Mortgage application\"", "\"Q2_3 Branch visit\""]);
    lacks(&yaml, &["from_column"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // Every 99 is left out of n: 30 of Branch visit's 60 and 48 of Mortgage's (their figures
    // are withheld below min_n 30, the smaller as a complement).
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,q2_3_branch_visit,csat,30,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,q2_2_mortgage_application,csat,12,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("touchpoint,q2_1_website,csat,60,40.0000,")), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from("CALL ID,Survey Q1 - Agent Courtesy (1-5)\n");
    // 1–5 in turn, and a 9 on every 12th call.
    for i in 0..60 {
        let v = if i % 12 == 11 { 9 } else { 1 + i % 5 };
        csv += &format!("C{i},{v}\n");
    }
    let yaml = guess(&tmp, "five9.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5], na: [\"9\"]"]);
}

/// A call centre's 满意 / 一般 / 不满意, never at either end of a five-point wording, is a
/// three-point scale: read on 1–5 (as 4 / 3 / 2) its mean was "3.45 on 1–5" where 2.45 of 3 is
/// meant, and the page said "answering 4–5".
#[test]
fn satisfied_neutral_dissatisfied_alone_is_a_three_point_scale() {
    let tmp = TempDir::new();
    let mut csv = String::from("工单号,来电时间,满意度\n");
    // In each 20: 9 满意, 7 一般, 4 不满意 — mean (9·3 + 7·2 + 4·1) / 20 = 2.25, 满意 45 %.
    for i in 0..100 {
        let v = match i % 20 {
            0..=8 => "满意",
            9..=15 => "一般",
            _ => "不满意",
        };
        csv += &format!("GD{i:05},2024-03-{:02} 10:00:00,{v}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "呼叫中心满意度.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 3]", "\"一般\": 2"]);
    lacks(&yaml, &["scale: [1, 5]", "top_box: 2"]);
    assert_overall_row(&tmp, "_mean,100,2.2500");
    assert_overall_row(&tmp, ",100,45.0000,");
}

/// A hotline's 满意 / 基本满意 / 不满意 with 未评价 is a three-point scale; one `不适用` among an
/// English file's numbers does not make the site Chinese; `Product  Search` and `product search`
/// are one touchpoint (init wrote two, and the project did not build); an `Account ID` shared by
/// several contacts is no respondent id.
#[test]
fn hotline_scale_language_touchpoint_spacing_and_shared_ids() {
    let tmp = TempDir::new();
    let mut csv = String::from("工单号,来电时间,满意度\n");
    // 5 满意, 3 基本满意, 1 不满意, 1 未评价 in each 10: 8 of 9 rated satisfied or basically
    // satisfied, the hotline's 满意率 (`top_box: 2`).
    for i in 0..90 {
        let v =
            ["满意", "满意", "满意", "满意", "满意", "基本满意", "基本满意", "基本满意", "不满意", "未评价"][i % 10];
        csv += &format!("GD{i:05},2024-03-{:02} 10:00:00,{v}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "400热线工单导出.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 3], top_box: 2", "na: [\"未评价\"]", "\"基本满意\": 2"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,81,88.8889,")), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Account ID,Touchpoint,Satisfaction (1-5),Ease (1-5)\n");
    let tps = ["Product Search", "Product  Search", "product search", "Checkout", "Delivery"];
    for i in 0..100 {
        let ease = if i == 7 { "不适用".to_string() } else { (1 + i % 5).to_string() };
        csv += &format!("R{i},A{},{},{},{ease}\n", i / 3, tps[i % 5], 1 + i % 5);
    }
    let yaml = guess(&tmp, "journey.csv", csv.as_bytes());
    has(&yaml, &["locale: en", "name: \"Product Search\"", "respondent: \"Response ID\""]);
    lacks(&yaml, &["Product  Search", "name: \"product search\"", "respondent: \"Account ID\""]);
}

/// A column named for what customers wrote is comments however few different texts the sample
/// holds (`Verbatim` of five phrases, 问卷星's `您对我们有什么建议？`): before, a segment of
/// five groups. A column of a drop-down's kinds (`Feedback type`) stays a breakdown.
#[test]
fn a_column_named_for_comments_is_comments_however_repetitive() {
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,nps,Verbatim,Feedback type,4、您对我们有什么建议？\n");
    let said = ["Great service", "Too slow", "Friendly staff", "Long queue", "Price too high"];
    let kinds = ["Bug", "Praise", "Idea"];
    let zh = ["价格贵", "排队久", "服务好", "(空)"];
    for i in 0..100 {
        csv += &format!("{i},2024-03-{:02},{},{},{},{}\n", 1 + i % 28, i % 11, said[i % 5], kinds[i % 3], zh[i % 4]);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["\"Verbatim\"", "\"4、您对我们有什么建议？\"", "from_column: \"Feedback type\""]);
    lacks(&yaml, &["from_column: \"Verbatim\"", "from_column: \"4、您对我们有什么建议？\""]);
    has(&yaml, &["- { column: \"Verbatim\", label: \"Verbatim\" }", "- { column: \"4、您对我们有什么建议？\""]);
}

/// A column marking rows that are no response — a review platform's moderation (REJECTED,
/// PENDING), a Chinese tool's 答卷状态 (测试, 无效) — is written as `drop_rows:`, and the built
/// figures leave those rows out. Before, they were counted (a status was a breakdown).
#[test]
fn a_status_column_of_tests_and_rejected_rows_is_guessed_as_drop_rows() {
    let tmp = TempDir::new();
    // 80 reviews: every fourth REJECTED, every tenth (not a fourth) PENDING, the rest APPROVED.
    // Approved: 80 − 20 − 4 (10, 30, 50, 70) = 56 rows. Rating: 5 when i is odd, else 2. The
    // 40 odd i are all approved (no multiple of 4 or 10 is odd): 40 of 56 in the top two
    // boxes, 71.4286 %.
    let mut csv = String::from("Review ID,Submission Time,Moderation Status,Rating,Review Text\n");
    for i in 0..80 {
        let status = if i % 4 == 0 {
            "REJECTED"
        } else if i % 10 == 0 {
            "PENDING"
        } else {
            "APPROVED"
        };
        let rating = if i % 2 == 1 { 5 } else { 2 };
        csv += &format!("rv{i},2024-03-{:02} 10:00:00,{status},{rating},Review number {i} of the shop\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "bazaarvoice.csv", csv.as_bytes());
    has(&yaml, &["drop_rows:", "\"Moderation Status\": [\"REJECTED\", \"PENDING\"]"]);
    assert!(said.contains("`Moderation Status` marks rows that are no response"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,56,71.4286,")), "{metrics}");

    // 答卷状态 有效 / 测试 / 无效: 60 rows, every fifth 测试 (12), every seventh not a fifth 无效
    // (7, 14, 21, 28, 42, 49, 56): 41 kept. NPS 10 for even i, 3 for odd: of the 30 even i,
    // 6 are fifths and 4 (14, 28, 42, 56) sevenths, so 20 promoters and 21 detractors.
    let tmp = TempDir::new();
    let mut csv = String::from("答卷编号,提交时间,答卷状态,推荐意愿\n");
    let mut kept = (0, 0);
    for i in 0..60 {
        let status = if i % 5 == 0 {
            "测试"
        } else if i % 7 == 0 {
            "无效"
        } else {
            kept = (kept.0 + 1, kept.1 + usize::from(i % 2 == 0));
            "有效"
        };
        let nps = if i % 2 == 0 { 10 } else { 3 };
        csv += &format!("A{i},2024-05-{:02} 09:30,{status},{nps}\n", 1 + i % 28);
    }
    assert_eq!(kept, (41, 20));
    let yaml = guess(&tmp, "bestcem.csv", csv.as_bytes());
    has(&yaml, &["\"答卷状态\": [\"测试\", \"无效\"]"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // NPS 100 · (20 − 21) / 41 = −2.4390.
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,41,-2.4390,")), "{metrics}");
}

/// A review platform's moderation column under any name — Shopify's `state` (published,
/// unpublished, spam), a `moderation` (approved, flagged, spam), Judge.me's `curated` (ok,
/// not-yet, spam), a `Review Status` (Active, Hidden, Reported) — is `drop_rows:`. Before,
/// it was a segment, the spam's one-star ratings were counted and its text was quoted.
#[test]
fn a_review_platforms_moderation_under_any_name_leaves_spam_and_unpublished_reviews_out() {
    let cases: [(&str, [&str; 3]); 4] = [
        ("state", ["published", "unpublished", "spam"]),
        ("moderation", ["approved", "flagged", "spam"]),
        ("curated", ["ok", "not-yet", "spam"]),
        ("Review Status", ["Active", "Hidden", "Reported"]),
    ];
    for (column, [good, held, bad]) in cases {
        let tmp = TempDir::new();
        // 150 reviews, by i % 5: 0, 1, 4 good, 2 held back, 3 bad. Bad ones rate 1 and sell
        // watches; the others rate 4 (i even) or 5 (i odd): all 90 kept in the top two boxes.
        let mut csv = format!("product_handle,{column},rating,body,created_at\n");
        for i in 0..150 {
            let state = [good, good, held, bad, good][i % 5];
            let (rating, body) = if state == bad {
                (1, "BUY CHEAP WATCHES now".to_string())
            } else {
                (4 + i % 2, format!("nice product {i}"))
            };
            csv += &format!(
                "{},{state},{rating},{body},2024-0{}-{:02}\n",
                ["shirt", "scarf"][i % 2],
                1 + i % 3,
                1 + i % 27
            );
        }
        let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
        has(&yaml, &["drop_rows:", &format!("\"{column}\": [")]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.lines().any(|l| l.starts_with("overall,all,csat,90,100.0000,")), "{column}: {metrics}");
        let page = fs::read_to_string(tmp.path().join("project/public/index.html")).unwrap();
        assert!(!page.contains("WATCHES"), "{column}");
    }
    // The same words under another header are customers' answers: a claim declined, an
    // account blocked. No row is left out.
    let tmp = TempDir::new();
    let mut csv = String::from("Claim ID,Date,Claim status,Satisfaction (1-5)\n");
    for i in 0..60 {
        csv += &format!("C{i},2024-02-{:02},{},{}\n", 1 + i % 27, ["Approved", "Declined"][i % 2], 1 + i % 5);
    }
    let yaml = guess(&tmp, "claims.csv", csv.as_bytes());
    lacks(&yaml, &["drop_rows:"]);
}

/// Customers' names under a header no list names (`推荐人`, `Passenger`, `お客様名`, `작성자`)
/// are left out by their values: never a dimension with a page per customer. Before, each
/// became a breakdown whose pages were titled with the customers' names.
#[test]
fn customers_names_under_any_header_are_left_out_as_personal_data() {
    let cases: [(&str, &[&str]); 4] = [
        ("推荐人", &["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏", "黄磊"]),
        ("Passenger", &["Mary Johnson", "John Smith", "Emma Brown", "David Lee", "Sarah Davis", "Tom Wilson"]),
        ("お客様名", &["山田太郎", "佐藤花子", "鈴木一郎", "高橋美咲", "田中健", "伊藤さくら", "渡辺翔", "中村愛"]),
        ("작성자", &["김민준", "이서연", "박지훈", "최수아", "정우진", "강하은"]),
    ];
    for (header, names) in cases {
        let tmp = TempDir::new();
        let mut csv = format!("id,date,recommend (0-10),{header}\n");
        for i in 0..200 {
            csv += &format!("{i},2024-0{}-{:02},{},{}\n", 1 + i % 4, 1 + i % 27, i % 11, names[i % names.len()]);
        }
        let (yaml, said) = guess_said(&tmp, "export.csv", csv.as_bytes());
        assert!(said.contains(&format!("left out as personal data (names, contact details): `{header}`")), "{said}");
        lacks(&yaml, &["dimensions:", "from_column"]);
        assert_site_lacks(&tmp, names);
    }
}

/// A rating of a service not every guest used, with `Did not use` and `N/A` beside 1–5, is a
/// rating whose skip words are not applicable. Before, it was a dimension of seven values
/// (the summary ranked "Five stars: 1; 5; Did not use"), and `--strict` failed on it.
#[test]
fn a_rating_of_an_optional_service_with_skip_words_is_a_rating() {
    let tmp = TempDir::new();
    // 100 stays; breakfast on even i is rated 1 + i % 5 (i even: 1, 3, 5, 2, 4 in turn), odd i
    // skip it, `Did not use` or `N/A` in turn. Rated: 50, of them 4 or 5 where i % 5 is 3 or 4.
    let mut csv = String::from("Guest,Date,Satisfaction: Room,Satisfaction: Breakfast\n");
    let mut top = 0;
    for i in 0..100 {
        let breakfast = if i % 2 == 0 {
            top += usize::from(1 + i % 5 >= 4);
            (1 + i % 5).to_string()
        } else if i % 4 == 1 {
            "Did not use".to_string()
        } else {
            "N/A".to_string()
        };
        csv += &format!("G{i},2024-0{}-{:02},{},{breakfast}\n", 1 + i % 4, 1 + i % 27, 1 + i % 5);
    }
    let yaml = guess(&tmp, "hotel.csv", csv.as_bytes());
    has(&yaml, &["column: \"Satisfaction: Breakfast\"", "\"Did not use\""]);
    lacks(&yaml, &["dimensions:"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let want = format!("overall,all,satisfaction_breakfast,50,{:.4},", 100.0 * top as f64 / 50.0);
    assert!(metrics.lines().any(|l| l.starts_with(&want)), "{want}\n{metrics}");
    assert_strict_passes(&tmp, "hotel.csv");
}

/// A customer's, member's, contact's or user's id that repeats (the customer answered more
/// than once) is no response's id: left out as a customer's number, so `--strict` passes.
/// Before, it was the respondent id, and the build warned of 100 duplicate rows to remove.
#[test]
fn a_customer_id_that_repeats_is_no_respondent_id() {
    for header in ["Customer ID", "Member ID", "Contact ID", "user_id", "客户编号"] {
        let tmp = TempDir::new();
        let mut csv = format!("Survey Date,{header},NPS\n");
        for i in 0..300 {
            csv += &format!("2024-0{}-{:02},C{:05},{}\n", 1 + i % 4, 1 + i % 27, i % 200, i % 11);
        }
        let (yaml, said) = guess_said(&tmp, "crm.csv", csv.as_bytes());
        lacks(&yaml, &["respondent:"]);
        assert!(said.contains("a customer's number"), "{header}: {said}");
        assert_strict_passes(&tmp, header);
    }
}

/// A form owner's test answers under a tester's e-mail (`test@…`, `qa+3@…`, an address at
/// `example.com`) are left out by `drop_rows:` on the e-mail column, which stays unshown.
/// Before, they were counted (four 10s here).
#[test]
fn test_answers_under_a_testers_e_mail_address_are_left_out() {
    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Date,Email,How likely are you to recommend us? (0-10)\n");
    for i in 0..100 {
        let email = match i {
            0 | 1 => "test@acme.com".to_string(),
            2 => "qa+3@acme.com".to_string(),
            3 => "jo@example.com".to_string(),
            _ => format!("user{i}@corp{}.com", i % 7),
        };
        let nps = if i < 4 { 10 } else { i % 11 };
        csv += &format!("R{i},2024-0{}-{:02},{email},{nps}\n", 1 + i % 3, 1 + i % 27);
    }
    let (yaml, said) = guess_said(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["drop_rows:", "\"Email\": [\"test@acme.com\", \"qa+3@acme.com\", \"jo@example.com\"]"]);
    assert!(said.contains("`Email` marks rows that are no response"), "{said}");
    // Kept: i = 4…99, NPS i % 11: 16 promoters, 58 detractors of 96 → −43.75.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,96,-43.7500,")), "{metrics}");
    assert_site_lacks(&tmp, &["acme.com", "example.com"]);
}

/// A German export: a school grade `(Schulnote 1-6)` is a 1–6 scale read reversed (1 the
/// best), `k.A.` ("keine Angabe") is not applicable, and its `Durchschnitt` and
/// `Summe/Mittelwert` rows are totals, not responses. Before, the grade was a 1–7 scale not
/// reversed (top boxes 6 and 7: 3.7 % where it was 61.9 %), and the totals rows were rejected
/// as rows without a usable score.
#[test]
fn a_german_school_grade_is_a_reversed_one_to_six_scale_and_german_totals_are_no_rows() {
    let tmp = TempDir::new();
    let mut csv = String::from("Kd.-Nr.;Datum;Filiale;Zufriedenheit gesamt (1-5);Beratung (Schulnote 1-6)\n");
    for i in 0..40 {
        let sat = if i % 8 == 0 { "k.A.".to_string() } else { (1 + i % 5).to_string() };
        csv += &format!(
            "{};{:02}.03.2024;{};{sat};{}\n",
            40000 + i,
            1 + i % 28,
            ["Augsburg", "Pasing", "Zentrum"][i % 3],
            1 + i % 6
        );
    }
    csv += ";;Durchschnitt;;\nSumme/Mittelwert;;;3,0;3,4\n";
    let (yaml, said) = guess_said(&tmp, "Kundenbefragung.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 6]", "reverse: true", "\"k.A.\""]);
    assert!(said.contains("left out 2 lines read as a totals or summary row"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // Grades 1 + i % 6 over i = 0..40: seven 1s and seven 2s, the two best of a reversed 1–6
    // scale: 14 of 40 = 35 %.
    let grade =
        metrics.lines().find(|l| l.starts_with("overall,all,") && l.contains("beratung") && !l.contains("_mean"));
    assert!(grade.is_some_and(|l| l.contains(",40,35.0000,")), "{metrics}");
    // No row is rejected: the totals lines are left out as totals.
    let json = fs::read_to_string(tmp.path().join("project/public/data/metrics.json")).unwrap();
    assert!(json.contains("\"rows_rejected\":2") || json.contains("\"rows_rejected\": 2"), "two totals rows");
    assert!(json.contains("totals row"), "{json}");
}

/// Google Forms in Korean writes `2024. 3. 14 오후 3:15:02`: a date column, its months
/// counted (before, a comment, and no periods); Japanese data (kana among the kanji) is not
/// taken for Chinese (before: a Chinese site in Shanghai's zone).
#[test]
fn korean_timestamps_are_dates_and_japanese_data_is_not_chinese() {
    let tmp = TempDir::new();
    let mut csv = String::from("타임스탬프,추천 의향을 0~10점으로 평가해 주세요,기타 의견\n");
    // 30 answers in March, 40 in April; 오후 11:50 on 31 March stays in March (local time).
    for i in 0..70 {
        let (m, d) = if i < 30 { (3, 1 + i % 31) } else { (4, 1 + i % 30) };
        let half = if i % 2 == 0 { "오전" } else { "오후" };
        csv += &format!("2024. {m}. {d} {half} 11:50:00,{},좋아요 {i}\n", i % 11);
    }
    let yaml = guess(&tmp, "고객 설문(응답).csv", csv.as_bytes());
    has(&yaml, &["date: \"타임스탬프\"", "locale: en"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-03,nps,30,")), "{metrics}");
    assert!(metrics.lines().any(|l| l.starts_with("period,2024-04,nps,40,")), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from("回答ID,回答日時,総合満足度,ご意見\n");
    for i in 0..40 {
        csv += &format!("A{i},2024/05/{:02} 10:00,{},店員さんの対応がとても良かったです\n", 1 + i % 28, 1 + i % 5);
    }
    let yaml = guess(&tmp, "アンケート.csv", csv.as_bytes());
    has(&yaml, &["locale: en", "timezone: UTC"]);
}

/// Retently's export holds NPS, CSAT and CES answers in one `Score` column, told apart by
/// `Survey type`: one dataset per type, each reading its rows on its own scale. Before, the
/// whole column was one NPS (a 4 of 5 a detractor) and the headline.
#[test]
fn one_score_column_of_several_metrics_is_a_dataset_per_metric() {
    let tmp = TempDir::new();
    let mut csv = String::from("Customer,Survey type,Score,Feedback,Date\n");
    let (mut nps, mut csat, mut ces) = ((0, 0, 0), (0, 0), (0, 0));
    for i in 0..120 {
        let (kind, score) = match i % 3 {
            0 => ("NPS", i % 11),
            1 => ("CSAT", 1 + i % 5),
            _ => ("CES", 1 + i % 7),
        };
        match kind {
            "NPS" => nps = (nps.0 + 1, nps.1 + usize::from(score >= 9), nps.2 + usize::from(score <= 6)),
            "CSAT" => csat = (csat.0 + 1, csat.1 + usize::from(score >= 4)),
            _ => ces = (ces.0 + 1, ces.1 + score),
        }
        csv += &format!("c{i},{kind},{score},Answer {i},2024-04-{:02} 10:00:00\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "retently.csv", csv.as_bytes());
    has(
        &yaml,
        &["keep_rows: { \"Survey type\": \"NPS\" }", "keep_rows: { \"Survey type\": \"CES\" }", "scale: [1, 7]"],
    );
    assert!(said.contains("`Survey type` says which metric each row's `Score` answers (NPS, CSAT, CES)"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let value = |metric: &str| {
        let l = metrics
            .lines()
            .find(|l| l.starts_with(&format!("overall,all,{metric},")))
            .unwrap_or_else(|| panic!("{metrics}"));
        let cells: Vec<&str> = l.split(',').collect();
        (cells[3].parse::<usize>().unwrap(), cells[4].parse::<f64>().unwrap())
    };
    // 40 rows of each type, counted above from the same rows the file holds.
    assert_eq!(value("nps").0, nps.0);
    assert!((value("nps").1 - 100.0 * (nps.1 as f64 - nps.2 as f64) / nps.0 as f64).abs() < 1e-4);
    assert_eq!(value("csat"), (csat.0, (100.0 * csat.1 as f64 / csat.0 as f64 * 1e4).round() / 1e4));
    assert!((value("ces").1 - ces.1 as f64 / ces.0 as f64).abs() < 1e-4 && value("ces").0 == 40);
}

/// A form's owner tests it under the name `测试` (麦客, 金数据): those rows are left out by
/// `drop_rows:` on the name column, which stays unshown. Before, they were counted.
#[test]
fn a_form_owners_test_submissions_by_name_are_left_out() {
    let tmp = TempDir::new();
    let mut csv = String::from("编号,提交时间,姓名,您向朋友推荐我们的可能性\n");
    // 50 rows: rows 0, 10, 20 are tests (NPS 10); the other 47 alternate 9 and 5.
    let names = ["张伟", "王芳", "李娜", "刘洋", "陈静", "杨磊", "赵敏"];
    for i in 0..50 {
        let (name, nps) =
            if i % 10 == 0 && i < 30 { ("测试", 10) } else { (names[i % 7], if i % 2 == 0 { 9 } else { 5 }) };
        csv += &format!("{},2024/6/{} 14:11,{name},{nps}\n", 10001 + i, 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "麦客.csv", csv.as_bytes());
    has(&yaml, &["drop_rows:", "\"姓名\": [\"测试\"]"]);
    assert!(said.contains("`姓名` marks rows that are no response (测试)"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // Kept: 47 rows; even i not 0, 10, 20 → 25 − 3 = 22 promoters (9), 25 detractors (5):
    // NPS 100 · (22 − 25) / 47 = −6.3830.
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,47,-6.3830,")), "{metrics}");
    // No name is shown anywhere.
    let site = fs::read_to_string(tmp.path().join("project/public/index.html")).unwrap();
    assert!(!site.contains("张伟"));
}

/// A hand-made report: each store's cell merged down over its rows (Excel shows the store
/// beside every row; the file holds it in the top cell only), and a title merged over row 1
/// right above the header. Every row counts for its store, as the sheet shows it.
#[test]
fn xlsx_with_store_cells_merged_down_counts_every_row_for_its_store() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(61);
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet.merge_range(0, 0, 0, 3, "2024年3月 门店满意度汇总", &plain).unwrap();
    for (c, h) in ["门店", "日期", "推荐意愿(0-10)", "备注"].iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    // Store → (answers, net promoters), counted as the rows are written.
    let mut want: Vec<(&str, i64, i64)> = Vec::new();
    let mut row = 2u32;
    // 杭州西湖店 writes its name on each of its rows, unmerged.
    for (store, rows, merged) in [
        ("上海南京路店", 31u32, true),
        ("北京三里屯店", 37, true),
        ("杭州西湖店", 30, false),
        ("成都春熙路店", 45, true),
    ] {
        let (mut n, mut net) = (0i64, 0i64);
        for k in 0..rows {
            let score = r.below(11);
            net += i64::from(score >= 9) - i64::from(score <= 6);
            n += 1;
            if !merged {
                sheet.write_string(row + k, 0, store).unwrap();
            }
            sheet.write_string(row + k, 1, format!("2024-03-{:02}", 1 + r.below(28))).unwrap();
            sheet.write_number(row + k, 2, score as f64).unwrap();
        }
        if merged {
            sheet.merge_range(row, 0, row + rows - 1, 0, store, &plain).unwrap();
        }
        want.push((store, n, net));
        row += rows;
    }
    let file = tmp.path().join("门店汇总.xlsx");
    book.save(&file).unwrap();
    let yaml = guess_file(&tmp, &file);
    has(&yaml, &["header_row: 2", "nps: { column: \"推荐意愿(0-10)\"", "\"门店\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let total: i64 = want.iter().map(|w| w.1).sum();
    assert!(metrics.lines().any(|l| l.starts_with(&format!("overall,all,nps,{total},"))), "{metrics}");
    for (store, n, net) in want {
        let line = format!("segment,segment1:{store},nps,{n},{:.4},", 100.0 * net as f64 / n as f64);
        assert!(metrics.lines().any(|l| l.starts_with(&line)), "{line}\n{metrics}");
    }
    let quality = fs::read_to_string(tmp.path().join("project/public/quality.html")).unwrap();
    // The site is in Chinese, as the data is.
    assert!(quality.contains("有跨多行合并的单元格（第一个为 A3:A33，共 3 个）"), "{quality}");
}

/// 美团's order rating is 满意 or 不满意 and nothing else: a yes/no outcome (the share
/// satisfied), not the 4 and 2 of a five-point scale whose mean would be shown and which
/// would pool with the shop's real five-point ratings.
#[test]
fn a_two_answer_satisfied_column_is_a_yes_no_outcome() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(71);
    let mut csv = String::from("订单号,评价时间,门店,是否满意,口味评分\n");
    let (mut yes, mut n) = (0, 0);
    for i in 0..120 {
        let verdict = if r.below(10) < 7 { "满意" } else { "不满意" };
        yes += usize::from(verdict == "满意");
        n += 1;
        csv += &format!("M{i:06},2024-03-{:02} 12:00,店{},{verdict},{}\n", 1 + i % 28, 1 + i % 3, 1 + r.below(5));
    }
    let yaml = guess(&tmp, "meituan.csv", csv.as_bytes());
    has(&yaml, &["column: \"是否满意\", type: rating, scale: [0, 1], top_box: 1", "\"满意\": 1", "\"不满意\": 0"]);
    lacks(&yaml, &["\"满意\": 4"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let share = format!("overall,all,satisfaction,{n},{:.4},", 100.0 * yes as f64 / n as f64);
    assert!(metrics.lines().any(|l| l.starts_with(&share)), "{share}\n{metrics}");
}

/// 问卷网 writes a grid question's rows after an em dash (`3.请对以下方面进行评价—结账速度`) and
/// a checkbox question's options the same way: touchpoints named by the row, one multi-select.
#[test]
fn wenjuan_grid_rows_after_an_em_dash_are_touchpoints() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "序号,提交答卷时间,1.您向朋友推荐我们的可能性有多大？,3.请对以下方面进行评价—结账速度,3.请对以下方面进行评价—店员服务,4.您本次购买了哪些商品？——薯片,4.您本次购买了哪些商品？——坚果\n",
    );
    let labels = ["非常满意", "满意", "一般", "不满意", "非常不满意"];
    let mut top2 = 0;
    for i in 0..100 {
        top2 += usize::from(i % 5 < 2);
        csv += &format!(
            "{},2024-03-{:02} 10:00:00,{},{},{},{},{}\n",
            i + 1,
            1 + i % 28,
            i % 11,
            labels[i % 5],
            labels[(i + 1) % 5],
            u8::from(i % 2 == 0),
            u8::from(i % 4 == 0),
        );
    }
    let yaml = guess(&tmp, "问卷网导出.csv", csv.as_bytes());
    has(&yaml, &["name: \"结账速度\"", "name: \"店员服务\""]);
    has(&yaml, &["\"薯片\": \"4.您本次购买了哪些商品？——薯片\""]);
    lacks(&yaml, &["from_column: \"4."]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    // 结账速度 (the first touchpoint): rows with i % 5 of 0 or 1 answered 非常满意 or 满意.
    let want = format!("touchpoint,tp1,csat,100,{:.4},", 100.0 * top2 as f64 / 100.0);
    assert!(metrics.lines().any(|l| l.starts_with(&want)), "{want}\n{metrics}");
}

/// TheFork's and Tripadvisor-style French reviews grade a visit out of ten (`Note globale (sur
/// 10)`): a rating, shown as its mean and share of high grades, never an NPS (which asks how
/// likely a recommendation is). Where no column is named for recommending, there is no NPS.
#[test]
fn a_grade_out_of_ten_is_a_rating_not_nps() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(83);
    let mut csv = String::from("Date de la visite,Restaurant,Note globale (sur 10),Gesamtnote,Commentaire\n");
    let mut sum = 0;
    for i in 0..150 {
        let grade = 1 + r.below(10);
        sum += grade;
        csv += &format!(
            "2024-03-{:02},Le Bistrot {},{grade},{},{}\n",
            1 + i % 28,
            1 + i % 3,
            r.below(11),
            ["Très bon accueil", "Service lent", "Plats froids"][i % 3]
        );
    }
    let yaml = guess(&tmp, "thefork.csv", csv.as_bytes());
    assert!(line(&yaml, "Note globale (sur 10)").contains("scale: [1, 10]"), "{yaml}");
    assert!(line(&yaml, "\"Gesamtnote\"").contains("scale: [0, 10]"), "{yaml}");
    lacks(&yaml, &["nps:", "type: nps", "likelihood to recommend"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(!metrics.contains(",nps,"), "{metrics}");
    let mean = format!(",150,{:.4},", sum as f64 / 150.0);
    assert!(
        metrics.lines().any(|l| l.starts_with("overall,all,") && l.contains("_mean") && l.contains(&mean)),
        "{mean}\n{metrics}"
    );
}

/// Two Google Forms grids that rate a row of the same name (`[Staff]` in both) give two
/// touchpoints of distinct names, so the guessed project builds; the second is told by its
/// grid's question. A header of one name repeated gets numbered names.
#[test]
fn grid_rows_of_one_name_in_two_grids_get_distinct_touchpoint_names() {
    let tmp = TempDir::new();
    let mut rng = Lcg::new(11);
    let mut csv = String::from(
        "Timestamp,How likely are you to recommend us?,Rate your store visit [Staff],Rate your store visit [Cleanliness],Rate your phone call [Staff],Rate your phone call [Wait time]\n",
    );
    for i in 0..200 {
        let r: Vec<String> = (0..4).map(|_| (1 + rng.below(5)).to_string()).collect();
        csv += &format!("2024-0{}-1{} 10:00:00,{},{}\n", 1 + i % 9, i % 9, rng.below(11), r.join(","));
    }
    let yaml = guess(&tmp, "form.csv", csv.as_bytes());
    has(&yaml, &["name: \"Staff\"", "name: \"Staff (Rate your phone call)\"", "name: \"Wait time\""]);

    let tmp = TempDir::new();
    let mut csv = String::from("date,score,score,score\n");
    for i in 0..60 {
        csv += &format!("2024-03-{:02},{},{},{}\n", 1 + i % 28, 1 + i % 5, 1 + (i + 1) % 5, 1 + (i + 2) % 5);
    }
    let yaml = guess(&tmp, "dup.csv", csv.as_bytes());
    has(&yaml, &["name: \"score\"", "name: \"score (2)\"", "name: \"score (3)\""]);
}

/// A report's footer, words in the first cell alone (`制表人：张三  电话：138…`), is left out
/// of the guess as the build leaves it out: its phone number does not make the store column
/// personal data.
#[test]
fn a_footer_in_the_first_column_is_left_out_of_the_guess() {
    let tmp = TempDir::new();
    let mut csv = String::from("门店,日期,推荐意愿(0-10),意见\n");
    for i in 0..120 {
        let store = ["南京西路店", "淮海路店", "徐家汇店"][i % 3];
        csv += &format!("{store},2024-{:02}-05,{},{}\n", 1 + i % 12, i % 11, ["", "服务好", "排队久"][i % 3]);
    }
    csv += ",,,\n制表人：张三  电话：13800138000,,,\n";
    let (yaml, said) = guess_said(&tmp, "r.csv", csv.as_bytes());
    has(&yaml, &["column: \"门店\""]);
    assert!(said.contains("title or footer (words in the first cell alone) (line 123 first)"), "{said}");
    assert!(!said.contains("personal data"), "{said}");
}

/// Qualtrics names its columns by question number and writes the question on its second
/// header row: `Q3` asking `Which store did you visit?` holds stores as codes 1–4, a group and
/// no rating, as it is when the question is the header itself; `Q_RecaptchaScore`, Qualtrics'
/// bot score, is its metadata, no breakdown; `SC0`, a scoring total of 0–10, is no second NPS.
#[test]
fn qualtrics_coded_answers_to_a_question_of_fact_are_groups_by_the_question_text() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(26);
    let mut csv = String::from(
        "StartDate,RecordedDate,ResponseId,Q_RecaptchaScore,Q1,Q2_1,Q2_2,Q3,SC0\n\
         Start Date,Recorded Date,Response ID,Q_RecaptchaScore,How likely are you to recommend Acme to a friend?,How satisfied were you with... - Checkout,How satisfied were you with... - Delivery,Which store did you visit?,Score\n",
    );
    csv += "\"{\"\"ImportId\"\":\"\"startDate\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"Q_RecaptchaScore\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_1\"\"}\",\"{\"\"ImportId\"\":\"\"QID2_2\"\"}\",\"{\"\"ImportId\"\":\"\"QID3\"\"}\",\"{\"\"ImportId\"\":\"\"SC_eWg3\"\"}\"\n";
    for i in 0..300 {
        let d = format!("2024-{:02}-{:02} 12:00:00", 1 + i % 12, 1 + i % 28);
        let (bot, nps, a, b, store) = (r.below(10), r.below(11), 1 + r.below(5), 1 + r.below(5), 1 + r.below(4));
        csv += &format!("{d},{d},R_{i:05},0.{bot},{nps},{a},{b},{store},{}\n", (a + b) % 11);
    }
    let (yaml, said) = guess_said(&tmp, "q.csv", csv.as_bytes());
    has(&yaml, &["export: qualtrics", "nps: { column: \"Q1\""]);
    let q3 = line(&said, "  Q3 ");
    assert!(!q3.contains("score") && !q3.contains("rating"), "{q3}\n{said}");
    let bot = line(&said, "Q_RecaptchaScore");
    assert!(bot.contains("Qualtrics metadata"), "{bot}");
    has(&yaml, &["from_column: \"Q3\""]);
    assert!(line(&said, "  SC0 ").contains("Qualtrics' own field"), "{said}");
    lacks(
        &yaml,
        &[
            "{ id: q3",
            "columns:\n          q3",
            "from_column: \"Q_RecaptchaScore\"",
            "column: \"Q_RecaptchaScore\"",
            "column: \"SC0\"",
            "nps2",
        ],
    );
}

/// SurveyMonkey writes a "select all that apply" question as a column per option, the
/// question over the first and the option on the second header row, each cell the option's
/// text or blank: one multi-select, its options by the second row's names. Of 300 rows, every
/// third chose Crisps, every other Nuts and every seventh typed an `Other (please specify)`,
/// which is an option of the question too.
#[test]
fn surveymonkey_option_columns_are_one_multi_select() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Respondent ID,Collector ID,End Date,How likely is it that you would recommend us to a friend?,Which of these did you buy? (select all that apply),,,Comments\n\
         ,,,Response,Crisps,Nuts,Other (please specify),Open-Ended Response\n",
    );
    for i in 0..300 {
        let crisps = if i % 3 == 0 { "Crisps" } else { "" };
        let nuts = if i % 2 == 0 { "Nuts" } else { "" };
        let other = if i % 7 == 0 { "Chocolate" } else { "" };
        csv += &format!(
            "{},1,{:02}/{:02}/2024 09:10:00 AM,{},{crisps},{nuts},{other},\n",
            114_000_000 + i,
            1 + i % 12,
            1 + i % 28,
            i % 11
        );
    }
    let (yaml, said) = guess_said(&tmp, "sm.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "export: surveymonkey",
            "multi_select",
            "\"Crisps\": \"Which of these did you buy? (select all that apply) / Crisps\"",
        ],
    );
    assert!(said.contains("multi-select option `Crisps`") && said.contains("multi-select option `Nuts`"), "{said}");
    // Rows that chose any (i divisible by 2, 3 or 7): 150 + 100 + 43 − 50 − 22 − 15 + 8 = 214;
    // Crisps 100 / 214, Nuts 150 / 214, Other 43 / 214.
    for row in ["_crisps,214,46.7290", "_nuts,214,70.0935", "_other_please_specify,214,20.0935"] {
        assert_overall_row(&tmp, row);
    }
}

/// A file whose name holds a zero-width space (pasted from a web page) is copied under its
/// name without it, the name `path:` in cxsite.yaml can hold, so the project builds.
#[test]
fn a_file_name_with_an_invisible_character_is_copied_without_it() {
    let tmp = TempDir::new();
    let file = tmp.path().join("survey\u{200B}2024.csv");
    let mut csv = String::from("date,nps\n");
    for i in 0..40 {
        csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, i % 11);
    }
    fs::write(&file, csv).unwrap();
    let dir = tmp.path().join("project");
    common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, dir.clone()]].concat()).expect(0);
    assert!(dir.join("data/survey2024.csv").is_file());
    let yaml = fs::read_to_string(dir.join("cxsite.yaml")).unwrap();
    has(&yaml, &["path: \"data/survey2024.csv\""]);
    common::cxsite(tmp.path(), [path(&["build", "-q"]), vec![dir]].concat()).expect(0);
}

#[test]
fn a_nine_on_a_zero_to_ten_recommend_question_is_an_answer_even_when_no_eight_or_ten_was_given() {
    // A pilot of 30 answers: twelve 9s, nobody gave 8 or 10. 9 is a "don't know" code beside a
    // 1–5 or 1–7 scale, but a promoter on 0–10: promoters 12, detractors 10 (0–6), NPS +6.7.
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,How likely are you to recommend us to a friend?\n");
    let answers = [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 7, 7, 7, 7, 7, 7, 7, 7, 0, 1, 2, 3, 4, 5, 6, 6, 5, 3];
    for (i, a) in answers.iter().enumerate() {
        csv.push_str(&format!("{i},2025-03-{:02},{a}\n", 1 + i % 28));
    }
    let yaml = guess(&tmp, "pilot.csv", csv.as_bytes());
    let nps = line(&yaml, "nps:");
    assert!(nps.contains("scale: [0, 10]") && !nps.contains("na:"), "{nps}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let row = metrics.lines().find(|l| l.starts_with("overall,all,nps,")).unwrap();
    assert!(row.starts_with("overall,all,nps,30,6.6667,"), "{row}");
}

#[test]
fn an_effort_question_answered_one_to_five_is_an_effort_score_on_one_to_five_lower_better_when_it_asks_how_much() {
    // The first CES question (English) and its usual Chinese wording (努力), answered 1–5 (5 =
    // a great deal of effort); and an ease question, where 5 is the best answer.
    for (header, lower) in [
        ("How much effort did you personally have to put forth to handle your request?", true),
        ("您为解决这个问题付出了多少努力？（1=非常少，5=非常多）", true),
        ("How easy was it to handle your request?", false),
    ] {
        let tmp = TempDir::new();
        let mut csv = format!("date,\"{header}\"\n");
        for i in 0..40 {
            csv.push_str(&format!("2024-03-{:02},{}\n", 1 + i % 28, 1 + i % 5));
        }
        let yaml = guess(&tmp, "effort.csv", csv.as_bytes());
        let ces = line(&yaml, "ces:");
        assert!(ces.contains("scale: [1, 5]"), "{ces}");
        assert_eq!(ces.contains("better: lower"), lower, "{ces}");
        lacks(&yaml, &["csat:"]);
        // Answers 1–5, eight each: mean 3.
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        let row = metrics.lines().find(|l| l.starts_with("overall,all,ces,")).unwrap();
        assert!(row.starts_with("overall,all,ces,40,3.0000,"), "{row}");
    }
}

#[test]
fn a_recommend_question_whose_ends_are_written_as_their_labels_is_an_nps() {
    // 0 and 10 written as `Not at all likely` and `Extremely likely`, 1–9 as numbers: each of
    // 0–10 four times and ten more `Extremely likely` (44 + 10 = 54 answers): promoters 8 + 10 =
    // 18 (9s and 10s), detractors 7 × 4 = 28 (0–6); NPS (18 − 28) / 54 = −18.52.
    let tmp = TempDir::new();
    let mut csv = String::from("Date,How likely are you to recommend us to a friend?\n");
    let answer = |v: u32| match v {
        0 => "Not at all likely".to_string(),
        10 => "Extremely likely".to_string(),
        v => v.to_string(),
    };
    let values: Vec<u32> = (0..44).map(|i| i % 11).chain(std::iter::repeat_n(10, 10)).collect();
    for (i, v) in values.iter().enumerate() {
        csv.push_str(&format!("2024-03-{:02},{}\n", 1 + i % 28, answer(*v)));
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["scale: [0, 10]", "\"Extremely likely\": 10", "\"Not at all likely\": 0"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let row = metrics.lines().find(|l| l.starts_with("overall,all,nps,")).unwrap();
    assert!(row.starts_with("overall,all,nps,54,-18.5185,"), "{row}");
}

#[test]
fn a_qualtrics_group_column_is_named_by_its_question_not_its_code() {
    // Qualtrics' three header rows: codes, question texts, import ids.
    let tmp = TempDir::new();
    let mut csv = String::from("RecordedDate,ResponseId,Q1,Q2,Q5\n");
    csv.push_str("Recorded Date,Response ID,How likely are you to recommend us?,Which store did you visit?,What is your membership tier?\n");
    csv.push_str("{\"ImportId\":\"recordedDate\"},{\"ImportId\":\"_recordId\"},{\"ImportId\":\"QID1\"},{\"ImportId\":\"QID2\"},{\"ImportId\":\"QID5\"}\n");
    for i in 0..120 {
        let store = ["Downtown", "Airport", "Mall"][i % 3];
        let tier = ["Gold", "Silver", "Basic"][(i / 3) % 3];
        csv.push_str(&format!("2024-03-{:02} 10:00:00,R_{i},{},{store},{tier}\n", 1 + i % 28, i % 11));
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["name: \"Which store did you visit?\"", "name: \"What is your membership tier?\""]);
    lacks(&yaml, &["name: \"Q2\"", "name: \"Q5\""]);
}

/// A file named after its score (`nps.csv`) keeps the score's id: the dataset takes another
/// (`nps_data`), since metrics.csv, the tiles and the team's scripts name the score.
#[test]
fn a_file_named_after_its_score_leaves_the_score_its_id() {
    let tmp = TempDir::new();
    let mut csv = String::from("id,date,recommend,store\n");
    for i in 0..60 {
        csv += &format!("R{i},2025-03-{:02},{},{}\n", 1 + i % 28, i % 11, ["North", "South"][i % 2]);
    }
    let yaml = guess(&tmp, "nps.csv", csv.as_bytes());
    has(&yaml, &["- id: nps_data", "nps: { column: \"recommend\""]);
    lacks(&yaml, &["nps2"]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,nps,")), "{metrics}");
}

/// Chinese survey tools label only a scale's ends, after the points: `10分（非常愿意）`,
/// `0分（非常不愿意）`. init guesses a plain 0–10 NPS and the build reads every such cell as
/// its number; skipping them (the 0s and 10s, the answers that matter most) biased the NPS.
#[test]
fn points_written_with_an_end_label_are_read_as_their_number() {
    let tmp = TempDir::new();
    // 6 promoters (10分（非常愿意）×3, 9分 ×1, 10分-非常愿意, 10分 (非常愿意)), 3 passives
    // (8分 ×2, 7分), 5 detractors (0分（非常不愿意）×2, 0分：非常不愿意, 3分, 6分).
    let cells = [
        "10分（非常愿意）",
        "10分（非常愿意）",
        "10分（非常愿意）",
        "9分",
        "10分-非常愿意",
        "10分 (非常愿意)",
        "8分",
        "8分",
        "7分",
        "0分（非常不愿意）",
        "0分（非常不愿意）",
        "0分：非常不愿意",
        "3分",
        "6分",
    ];
    let mut csv = String::from("提交时间,您向朋友推荐我们的可能性有多大？\n");
    for (i, c) in cells.iter().cycle().take(cells.len() * 3).enumerate() {
        csv += &format!("2024-03-{:02} 10:15:02,{c}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "推荐.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"您向朋友推荐我们的可能性有多大？\", scale: [0, 10] }"]);
    lacks(&yaml, &["labels:"]);
    let (promoters, passives, detractors) = (6.0 * 3.0, 3.0 * 3.0, 5.0 * 3.0);
    let n: f64 = promoters + passives + detractors;
    let nps = (promoters - detractors) / n * 100.0;
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let overall = metrics.lines().find(|l| l.starts_with("overall,all,")).unwrap();
    let cells: Vec<&str> = overall.split(',').collect();
    assert_eq!((cells[3], cells[4]), (&*format!("{n}"), &*format!("{nps:.4}")), "{metrics}");
}

/// Report titles padded to the table's width above the header (`Bericht Q1 2024;;;;`, as Excel
/// saves titles in A1 and A2): init writes the `header_row:` of the real header, and the
/// project builds from every row. One title line used to stop init with advice to edit a
/// cxsite.yaml it had not written; two made the title the header (columns `$2`…) and the
/// real header a rejected row; a `sep=;` line in front got `header_row: 2`, the title.
#[test]
fn padded_title_lines_above_the_header_get_the_header_row_of_the_real_header() {
    let mut rows = String::from("Datum;Filiale;Weiterempfehlung;Zufriedenheit;Kommentar\n");
    for (i, r) in rows_with_comments(40).iter().enumerate() {
        rows += &format!("{};{};{};{};{}\n", r[1], ["Nord", "Süd"][i % 2], r[3], r[4], r[5]);
    }
    let cases = [
        ("Bericht Q1 2024;;;;\n", 2),
        ("Bericht Q1 2024;;;;\nErstellt am 02.04.2024;;;;\n", 3),
        ("Bericht Q1 2024;;;;\nErstellt am 02.04.2024;;;;\n;;;;\n", 4),
        ("sep=;\nBericht Q1 2024;;;;\nErstellt am 02.04.2024;;;;\n", 4),
    ];
    for (titles, header_row) in cases {
        let tmp = TempDir::new();
        let yaml = guess(&tmp, "report.csv", format!("{titles}{rows}").as_bytes());
        has(&yaml, &[&format!("header_row: {header_row}"), "date: \"Datum\"", "nps: { column: \"Weiterempfehlung\""]);
        let build = common::cxsite(tmp.path(), [path(&["build"]), vec![tmp.path().join("project")]].concat());
        assert!(build.stdout.contains("from 40 rows"), "{titles:?}: {}", build.stdout);
    }
    // The same with commas.
    let tmp = TempDir::new();
    let csv = format!("Bericht Q1 2024,,,,\nErstellt am 02.04.2024,,,,\n,,,,\n{}", rows.replace(';', ","));
    has(&guess(&tmp, "report.csv", csv.as_bytes()), &["header_row: 4"]);
}

/// A summary block after the data (`,,`, `Summary`, `Promoters,19`, `Passives,18`,
/// `Detractors,63`, `NPS,-44`): its counts are no answers, so the NPS column is still a 0–10
/// score (it was guessed a "dimension" of 14 values, and the project had no NPS), and the
/// build reads the 40 responses.
#[test]
fn a_summary_block_after_the_data_does_not_hide_the_nps_column() {
    let mut csv = String::from("Store,NPS,Date\n");
    for (i, r) in rows_with_comments(40).iter().enumerate() {
        csv += &format!("{},{},{}\n", ["North", "South"][i % 2], r[3], r[1]);
    }
    csv += ",,\nSummary,,\nPromoters,19,\nPassives,18,\nDetractors,63,\nNPS,-44,\n";
    let tmp = TempDir::new();
    let (yaml, said) = guess_said(&tmp, "s.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"NPS\"", "date: \"Date\""]);
    assert!(said.contains("left out 5 lines read as a totals or summary row (line 43 first)"), "{said}");
    let build = common::cxsite(tmp.path(), [path(&["build"]), vec![tmp.path().join("project")]].concat());
    // 40 responses, the empty line 42 and the 5 summary lines read; neither the summary
    // lines nor the empty line is a response, and neither is a failure of the data.
    assert!(
        build.stdout.contains("from 46 rows (0 rejected, 6 left out as cxsite.yaml asks or holding no response"),
        "{}",
        build.stdout
    );
}

/// Records each quoted whole (`"Date,NPS,Comment"`): init fails at line 1 saying so, where it
/// made a comment-only project of the raw lines.
#[test]
fn records_quoted_whole_stop_init_at_line_1() {
    let tmp = TempDir::new();
    let mut csv = String::from("\"Date,NPS,Comment\"\n");
    for r in rows_with_comments(30) {
        csv += &format!("\"{},{},ok \"\"fine\"\"\"\n", r[1], r[3]);
    }
    let file = tmp.path().join("wholeq.csv");
    fs::write(&file, csv).unwrap();
    let dir = tmp.path().join("project");
    let init = common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, dir.clone()]].concat());
    init.expect(1);
    assert!(init.stderr.contains("each line of the file is quoted as a whole"), "{}", init.stderr);
    assert!(!dir.join("cxsite.yaml").exists());
}

/// The metrics.csv row starting `prefix` (`overall,all,ces,`): its n and value.
fn metric_row(tmp: &TempDir, prefix: &str) -> (u64, f64) {
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let row = metrics.lines().find(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no {prefix}\n{metrics}"));
    let cells: Vec<&str> = row.split(',').collect();
    (cells[3].parse().unwrap(), cells[4].parse().unwrap())
}

/// A scale the header states holds whatever the sample's answers reach: `(1-7)` answered 1–6
/// is no six-point scale (its top two boxes are 6 and 7), `(1-10)` answered 3–9 no dimension
/// of seven values, a `(0-100)` slider no "too many values", and `How likely … (1-10)` an
/// NPS asked without a 0. Each figure is counted here from the rows written.
#[test]
fn a_scale_the_header_states_is_kept_when_the_answers_stop_short_of_its_ends() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv =
        String::from("ID,Date,Ordering (1-7),Satisfaction (1-10),Overall satisfaction (0-100),How likely are you to recommend us? (1-10)\n");
    let (mut ease_top2, mut sat_top2, mut slider_sum, mut promoters, mut detractors) = (0, 0, 0, 0, 0);
    let n = 200;
    for i in 0..n {
        let ease = 1 + r.below(6); // 1–6: nobody answers 7
        let sat = 3 + r.below(7); // 3–9
        let slider = 20 + r.below(61); // 20–80
        let nps = 1 + r.below(10); // 1–10
        ease_top2 += u64::from(ease >= 6);
        sat_top2 += u64::from(sat >= 9);
        slider_sum += slider;
        promoters += u64::from(nps >= 9);
        detractors += u64::from(nps <= 6);
        csv += &format!("R{i},2024-05-{:02},{ease},{sat},{slider},{nps}\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "scales.csv", csv.as_bytes());
    assert!(line(&yaml, "\"Ordering (1-7)\"").contains("scale: [1, 7]"), "{yaml}");
    assert!(line(&yaml, "\"Satisfaction (1-10)\"").contains("scale: [1, 10]"), "{yaml}");
    assert!(line(&yaml, "\"Overall satisfaction (0-100)\"").contains("type: mean, scale: [0, 100]"), "{yaml}");
    assert!(line(&yaml, "recommend us? (1-10)\"").contains("nps: { column:"), "{yaml}");
    assert!(line(&yaml, "recommend us? (1-10)\"").contains("scale: [1, 10]"), "{yaml}");
    assert!(said.contains("the 1–7 scale the header states"), "{said}");
    let pct = |k: u64| 100.0 * k as f64 / n as f64;
    let (count, nps) = metric_row(&tmp, "overall,all,nps,");
    assert_eq!((count, format!("{nps:.4}")), (n, format!("{:.4}", pct(promoters) - pct(detractors))));
    let (_, slider) = metric_row(&tmp, "overall,all,overall_satisfaction,");
    assert_eq!(format!("{slider:.4}"), format!("{:.4}", slider_sum as f64 / n as f64));
    // Top-two boxes: 6–7 of the 1–7 rating (no 7 answered), 9–10 of the 1–10 one.
    for (id, top2) in [("ordering", ease_top2), ("satisfaction", sat_top2)] {
        let (count, value) = metric_row(&tmp, &format!("overall,all,{id},"));
        assert_eq!((count, format!("{value:.4}")), (n, format!("{:.4}", pct(top2))), "{id}");
    }
}

/// Ease and effort headers say which end is the best in German (`1 = sehr einfach, 7 = sehr
/// schwierig`) as in English and Chinese: read reversed, the easy answers (1–2) are the top
/// box.
#[test]
fn an_ease_scale_whose_header_puts_the_easy_end_first_is_read_reversed_in_german() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(11);
    let mut csv = String::from("ID,Datum,Wie schwierig war es? (1 = sehr einfach; 7 = sehr schwierig)\n");
    let (mut easy, n) = (0u64, 150u64);
    for i in 0..n {
        let v = 1 + r.below(7);
        easy += u64::from(v <= 2);
        csv += &format!("K{i},2024-06-{:02},{v}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "aufwand.csv", csv.as_bytes());
    assert!(line(&yaml, "sehr schwierig)\"").contains("reverse: true"), "{yaml}");
    let want = format!("{:.4}", 100.0 * easy as f64 / n as f64);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let row = metrics
        .lines()
        .find(|l| l.starts_with("overall,all,") && !l.contains("_mean,") && !l.contains(",nps,"))
        .unwrap_or_else(|| panic!("{metrics}"));
    assert!(row.contains(&format!(",{n},{want},")), "{row}: want {want}");
}

/// Five-point wordings of SurveyMonkey, Trustpilot and expectation questions are ratings;
/// a scale of words init does not know stays a segment, with a note saying how to score it.
#[test]
fn verbal_scales_are_ratings_and_an_unknown_one_gets_a_note() {
    let tmp = TempDir::new();
    let scales: [&[&str]; 5] = [
        &["Terrible", "Poor", "Average", "Good", "Excellent"],
        &["Very bad", "Bad", "Okay", "Good", "Very good"],
        &[
            "Much worse than expected",
            "Worse than expected",
            "As expected",
            "Better than expected",
            "Much better than expected",
        ],
        &["Rather poor", "Mediocre", "Decent", "Rather good", "Superb"],
        // Trustpilot's star labels: Bad is its 1 star, Poor its 2.
        &["Bad", "Poor", "Average", "Great", "Excellent"],
    ];
    let mut csv = String::from("ID,Date,Quality,Cleanliness,Speed,Décor,Stars,Resort\n");
    let mut top2 = [0u64; 3];
    let mut r = Lcg::new(3);
    for i in 0..100 {
        let picks: Vec<usize> = (0..5).map(|_| r.below(5) as usize).collect();
        for (k, t) in top2.iter_mut().enumerate() {
            *t += u64::from(picks[k] >= 3);
        }
        let mut cells: Vec<&str> = picks.iter().enumerate().map(|(k, p)| scales[k][*p]).collect();
        // Places named with a scale's word are no scale: no note for them.
        cells.push(["Great Wall", "Good Hope", "Fair Isle", "Bad Homburg"][i % 4]);
        csv += &format!("V{i},2024-07-{:02},{}\n", 1 + i % 28, cells.join(","));
    }
    let (yaml, said) = guess_said(&tmp, "visits.csv", csv.as_bytes());
    for (col, top) in [
        ("Excellent", "Terrible"),
        ("Very good", "Very bad"),
        ("Much better than expected", "Much worse than expected"),
    ] {
        assert!(said.contains(&format!("text labels of a 5-point scale ({col} … {top})")), "{said}");
    }
    assert!(said.contains("text labels of a 5-point scale (Excellent … Bad)"), "{said}");
    assert!(
        said.contains("`Décor` is a segment of answers such as") && said.contains("read like a rating scale"),
        "{said}"
    );
    assert!(!said.contains("`Resort` is a"), "{said}");
    // Quality: Good and Excellent (4 and 5) are its top two boxes.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let row = metrics
        .lines()
        .find(|l| l.starts_with("touchpoint,quality,") && !l.contains("_mean,"))
        .unwrap_or_else(|| panic!("{yaml}\n{metrics}"));
    assert!(row.contains(&format!(",100,{:.4},", top2[0] as f64)), "{row}: want {}", top2[0]);
}

/// A database export writes `NULL` for a missing answer (and `\N`, `NaN`, `#NULL!` from other
/// tools): a score column 30 % `NULL` is a score with blanks, guessed and read as one, and a
/// store or comment `NULL` is none. Expected figures are counted here from the rows written.
#[test]
fn null_markers_of_databases_and_statistics_tools_are_blank_cells() {
    let tmp = TempDir::new();
    let mut rng = Lcg::new(41);
    let mut csv = String::from("survey_id,created_at,store_id,nps_score,csat_score,comment\n");
    let (mut csat_n, mut csat_top, mut nps_n, mut nps_net) = (0i64, 0i64, 0i64, 0i64);
    let nulls = ["NULL", "null", "\\N", "NaN", "#NULL!", "(null)"];
    for i in 0..300 {
        let null = |rng: &mut Lcg| nulls[rng.below(nulls.len() as u64) as usize];
        let nps = rng.below(11) as i64;
        let nps_cell = if rng.below(10) < 3 { null(&mut rng).to_string() } else { nps.to_string() };
        if !nps_cell.contains(|c: char| !c.is_ascii_digit()) {
            nps_n += 1;
            nps_net += i64::from(nps >= 9) - i64::from(nps <= 6);
        }
        let csat = 1 + rng.below(5) as i64;
        let csat_cell = if rng.below(10) < 3 { null(&mut rng).to_string() } else { csat.to_string() };
        if !csat_cell.contains(|c: char| !c.is_ascii_digit()) {
            csat_n += 1;
            csat_top += i64::from(csat >= 4);
        }
        let store = if i % 50 == 0 { "NULL".to_string() } else { format!("S{}", 100 + rng.below(5)) };
        let words = ["friendly", "slow", "clean", "noisy", "great", "rude", "quick", "cold"];
        let things = ["staff", "checkout", "store", "queue", "coffee", "delivery", "app", "prices"];
        let comment = if i % 3 == 0 {
            "NULL".to_string()
        } else {
            format!("{} {} and {} {}", words[i % 8], things[(i / 8) % 8], words[(i / 3) % 8], things[(i / 5) % 8])
        };
        csv.push_str(&format!("{i},2024-03-{:02} 10:00:00,{store},{nps_cell},{csat_cell},{comment}\n", 1 + i % 28));
    }
    let yaml = guess(&tmp, "nulls.csv", csv.as_bytes());
    has(&yaml, &["column: \"nps_score\", scale: [0, 10]", "column: \"csat_score\", scale: [1, 5]"]);
    let overall = overall_metrics(&tmp);
    assert_eq!(overall["nps"].0, nps_n.to_string());
    let nps = 100.0 * nps_net as f64 / nps_n as f64;
    assert!((overall["nps"].1.parse::<f64>().unwrap() - nps).abs() < 1e-3, "{overall:?} against {nps}");
    let csat_key = overall.keys().find(|k| k.starts_with("csat")).unwrap().clone();
    assert_eq!(overall[&csat_key].0, csat_n.to_string());
    let top = 100.0 * csat_top as f64 / csat_n as f64;
    assert!((overall[&csat_key].1.parse::<f64>().unwrap() - top).abs() < 1e-3, "{overall:?} against {top}");
    // No store `NULL` and no comment `NULL` among the verbatims kept.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(!metrics.contains("NULL"), "{metrics}");
    let comments = fs::read_to_string(tmp.path().join("project/public/data/comments.csv")).unwrap();
    assert!(comments.lines().count() > 1 && !comments.contains("NULL"), "{comments}");
}

/// "How likely are you to cancel" asked 0–10 is no NPS (promoters would be the customers about
/// to leave): its mean, lower the better. "How likely are you to buy again" is a rating, and a
/// likelihood to recommend stays the NPS. Figures counted here from the rows written.
#[test]
fn a_likelihood_to_leave_or_return_is_no_nps_and_leaving_is_lower_the_better() {
    for header in [
        "How likely are you to cancel your subscription in the next 3 months?",
        "Wahrscheinlichkeit zu kündigen (0-10)",
        "流失可能性",
    ] {
        let tmp = TempDir::new();
        let mut rng = Lcg::new(7);
        let mut csv = format!("id,date,\"{header}\"\n");
        let mut sum = 0i64;
        for i in 0..60 {
            let v = if i == 0 { 10 } else { rng.below(11) as i64 };
            sum += v;
            csv.push_str(&format!("{i},2024-03-{:02},{v}\n", 1 + i % 28));
        }
        let yaml = guess(&tmp, "churn.csv", csv.as_bytes());
        lacks(&yaml, &["nps:", "a likelihood to recommend"]);
        let score = line(&yaml, "type: mean");
        assert!(score.contains("scale: [0, 10]") && score.contains("better: lower"), "{score}");
        let overall = overall_metrics(&tmp);
        let (n, mean) = overall.values().next().unwrap();
        assert_eq!(n, "60");
        assert!((mean.parse::<f64>().unwrap() - sum as f64 / 60.0).abs() < 1e-4, "{mean} against {sum}/60");
    }
    let tmp = TempDir::new();
    let rows: String =
        (0..40).map(|i| format!("{i},2024-03-{:02},{},{}\n", 1 + i % 28, i % 11, (i * 7) % 11)).collect();
    let csv = format!("id,date,How likely are you to buy from us again?,How likely are you to recommend us?\n{rows}");
    let yaml = guess(&tmp, "intent.csv", csv.as_bytes());
    assert!(line(&yaml, "to recommend us").trim_start().starts_with("nps:"), "{yaml}");
    assert!(!line(&yaml, "buy from us again").trim_start().starts_with("nps"), "{yaml}");
}

/// A scale's direction and ends as the header's anchors or the answers' own words state them:
/// `0 = very dissatisfied` starts the scale at 0 (no 0 read as "not applicable"), `1 = very
/// dissatisfied, 4 = very satisfied` is four points whatever the answers reach, and `1 = très
/// satisfait`, `1 = sehr gut … 6 = ungenügend`, `1 = best, 5 = worst`, `1 (very satisfied) to 5
/// (very dissatisfied)`, cells `1 - Very satisfied` and 问卷星's `非常满意(1)` put the best
/// answer at 1. The expected share is of the answers whose meaning is one of the top two,
/// counted here from what each written answer means.
#[test]
fn a_scale_s_ends_and_direction_come_from_the_header_s_anchors_and_the_answers_words() {
    // (header, scale (lo, hi), reversed, how a value is written)
    type Write = fn(i64) -> String;
    let plain: Write = |v| v.to_string();
    let cases: [(&str, (i64, i64), bool, Write); 8] = [
        ("How satisfied are you? (0 = very dissatisfied, 5 = very satisfied)", (0, 5), false, plain),
        ("Satisfaction (1 = very dissatisfied, 4 = very satisfied)", (1, 4), false, plain),
        ("Note globale (1 = très satisfait, 4 = pas du tout satisfait)", (1, 4), true, plain),
        ("Gesamtnote (1 = sehr gut, 6 = ungenügend)", (1, 6), true, plain),
        ("Rate us (1 = best, 5 = worst)", (1, 5), true, plain),
        ("Satisfaction: 1 (very satisfied) to 5 (very dissatisfied)", (1, 5), true, plain),
        ("Overall satisfaction", (1, 5), true, |v| {
            let words = [
                "Very satisfied",
                "Satisfied",
                "Neither satisfied nor dissatisfied",
                "Dissatisfied",
                "Very dissatisfied",
            ];
            format!("{v} - {}", words[v as usize - 1])
        }),
        ("1、您对本次服务的总体满意度", (1, 5), true, |v| {
            let words = ["非常满意", "满意", "一般", "不满意", "非常不满意"];
            format!("{}({v})", words[v as usize - 1])
        }),
    ];
    for (header, (lo, hi), reversed, write) in cases {
        let tmp = TempDir::new();
        let mut rng = Lcg::new(11);
        let mut csv = format!("id,date,\"{header}\"\n");
        let mut top = 0;
        for i in 0..40i64 {
            // Both ends at least once, then anything on the scale.
            let v = match i {
                0 => lo,
                1 => hi,
                _ => lo + rng.below((hi - lo + 1) as u64) as i64,
            };
            // What the answer means, higher the better: its two best values are the top box.
            let meaning = if reversed { lo + hi - v } else { v };
            top += i64::from(meaning >= hi - 1);
            csv.push_str(&format!("{i},2024-03-{:02},{}\n", 1 + i % 28, write(v)));
        }
        let yaml = guess(&tmp, "scale.csv", csv.as_bytes());
        let score = line(&yaml, "scale: [");
        assert!(score.contains(&format!("scale: [{lo}, {hi}]")), "{header}: {score}");
        assert_eq!(score.contains("reverse: true"), reversed, "{header}: {score}");
        assert!(!score.contains("na:"), "{header}: {score}");
        let overall = overall_metrics(&tmp);
        let (n, share) = overall.iter().find(|(k, _)| !k.ends_with("_mean")).map(|(_, v)| v).unwrap();
        assert_eq!(n, "40", "{header}");
        let want = 100.0 * top as f64 / 40.0;
        assert!((share.parse::<f64>().unwrap() - want).abs() < 1e-3, "{header}: {share} against {want}");
    }
}

/// A yes/no column whose header says the response was finished (`Finished` TRUE/FALSE) or was
/// a test (`Is Test` Yes/No, `是否测试` 是/否) marks rows that are no response: `drop_rows:`
/// leaves them out. Before, each was a segment and the unfinished and test rows were counted.
#[test]
fn finished_and_test_flags_leave_their_rows_out() {
    let tmp = TempDir::new();
    // 40 rows. Unfinished: every 10th (i = 0, 10, 20, 30), all NPS 0. Tests: every 8th (i = 0,
    // 8, 16, 24, 32), all NPS 0. Left: 40 − 8 = 32 rows (0 is both) whose NPS is 10 on even
    // rows and 8 on odd ones: i even and not left out are 2,4,6,12,14,18,22,26,28,34,36,38 =
    // 12 promoters of 32, the rest passives (8): NPS 37.5.
    let mut csv = String::from("Response ID,Submitted,Finished,Is Test,How likely are you to recommend us?\n");
    for i in 0..40 {
        let (finished, test) = (i % 10 != 0, i % 8 == 0);
        let nps = if !finished || test {
            0
        } else if i % 2 == 0 {
            10
        } else {
            8
        };
        let f = if finished { "TRUE" } else { "FALSE" };
        let t = if test { "Yes" } else { "No" };
        csv += &format!("R{i},2024-03-{:02},{f},{t},{nps}\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["drop_rows:", "\"Finished\": [\"FALSE\"]", "\"Is Test\": [\"Yes\"]"]);
    lacks(&yaml, &["from_column: \"Finished\"", "from_column: \"Is Test\""]);
    assert!(said.contains("left out where it holds FALSE"), "{said}");
    assert_eq!(overall_metrics(&tmp)["nps"], ("32".into(), "37.5000".into()), "{yaml}");

    // Chinese flags; and a question that merely contains the word is a customer's answer.
    let tmp = TempDir::new();
    let mut csv = String::from("序号,提交时间,是否测试,Was your order complete?,推荐意愿\n");
    for i in 0..40 {
        let test = if i % 4 == 0 { "是" } else { "否" };
        csv += &format!("{i},2024-03-{:02},{test},{},{}\n", 1 + i % 28, ["Yes", "No"][i % 3 / 2], 10 - i % 3);
    }
    let yaml = guess(&tmp, "问卷.csv", csv.as_bytes());
    has(&yaml, &["\"是否测试\": [\"是\"]"]);
    lacks(&yaml, &["\"Was your order complete?\": ["]);
}

/// Of several dates, the one that says when the customer answered is the period: `Survey Date`
/// over `Order Date`, whatever their order; a sign-up date (注册时间) is never the period.
#[test]
fn the_answer_date_is_chosen_over_order_and_signup_dates() {
    let tmp = TempDir::new();
    // Sign-ups in 2019, orders in January 2024, surveys in March 2024.
    let mut csv = String::from("ID,Signup Date,Order Date,Survey Date,NPS\n");
    for i in 0..30 {
        csv += &format!("{i},2019-05-{d:02},2024-01-{d:02},2024-03-{d:02},{}\n", i % 11, d = 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["date: \"Survey Date\""]);
    assert!(said.contains("a date about the customer"), "{said}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.contains("\nperiod,2024-03,nps,30,"), "{metrics}");
    assert!(!metrics.contains("\nperiod,2019-05,") && !metrics.contains("\nperiod,2024-01,"), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from("注册时间,回访时间,推荐意愿\n");
    for i in 0..30 {
        csv += &format!("2019-05-{d:02},2024-03-{d:02},{}\n", i % 11, d = 1 + i % 28);
    }
    let yaml = guess(&tmp, "回访.csv", csv.as_bytes());
    has(&yaml, &["date: \"回访时间\""]);
    // A sign-up date alone is no period either: the rows are read without one.
    let tmp = TempDir::new();
    let mut csv = String::from("Signup Date,NPS\n");
    for i in 0..30 {
        csv += &format!("2019-05-{:02},{}\n", 1 + i % 28, i % 11);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    lacks(&yaml, &["date: \"Signup Date\""]);
}

/// Answers 1–4 with many 4s and no 5 are a four-point scale: CSAT counts 3 and 4. Read on
/// 1–5, as before, only the 4s counted (37.5 % where 75 % is right). Beside numeric ratings on
/// 1–5 the same column is a five-point question without a 5 in the sample.
#[test]
fn answers_up_to_four_are_a_four_point_scale_unless_the_file_rates_on_five() {
    let tmp = TempDir::new();
    // 40 rows cycling 4, 4, 4, 3, 3, 3, 2, 1: top two (3–4) 30 of 40 = 75 %; 4s 15 of 40.
    let mut csv = String::from("Date,Satisfaction\n");
    for i in 0..40 {
        csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, [4, 4, 4, 3, 3, 3, 2, 1][i % 8]);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 4]"]);
    assert_eq!(overall_metrics(&tmp)["csat"], ("40".into(), "75.0000".into()), "{yaml}");

    let tmp = TempDir::new();
    let mut csv = String::from("Date,Rate the checkout,Rate the staff,Rate the app\n");
    for i in 0..40 {
        let four = [4, 4, 4, 3, 3, 3, 2, 1][i % 8];
        csv += &format!("2024-03-{:02},{four},{},{}\n", 1 + i % 28, 1 + i % 5, 5 - i % 5);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    lacks(&yaml, &["scale: [1, 4]"]);
}

/// Answer wordings of unipolar scales (`Extremely helpful` … `Not at all helpful`, `Completely
/// satisfied` … `Not at all satisfied`), purchase intent (`Definitely will` … `Definitely will
/// not`), a resolution asked yes / partly / no, and a four-label scale without a midpoint are
/// scores; before, each was a segment (or the last a 1–5 scale with a mean between points).
#[test]
fn more_answer_wordings_are_scales() {
    for (header, labels, expect, scale, csat) in [
        (
            "How helpful was the agent?",
            vec!["Extremely helpful", "Very helpful", "Somewhat helpful", "Not so helpful", "Not at all helpful"],
            "\"Not at all helpful\": 1",
            "scale: [1, 5]",
            // Top two (4–5): 2 of every 5.
            "40.0000",
        ),
        (
            "How satisfied are you overall?",
            vec![
                "Completely satisfied",
                "Mostly satisfied",
                "Somewhat satisfied",
                "Not very satisfied",
                "Not at all satisfied",
            ],
            "\"Mostly satisfied\": 4",
            "scale: [1, 5]",
            "40.0000",
        ),
        (
            "Will you shop with us again?",
            vec!["Definitely will", "Probably will", "Might or might not", "Probably will not", "Definitely will not"],
            "\"Probably will not\": 2",
            "scale: [1, 5]",
            "40.0000",
        ),
        (
            "Was your issue resolved?",
            vec!["Yes", "Yes", "Partially", "No"],
            "\"Partially\": 2",
            "scale: [1, 3]",
            // A three-point scale's top box alone: the Yes answers, 2 of every 4.
            "50.0000",
        ),
        (
            "Overall satisfaction",
            vec!["Very satisfied", "Satisfied", "Satisfied", "Dissatisfied", "Very dissatisfied"],
            "\"Satisfied\": 3",
            "scale: [1, 4]",
            // Top two (3–4): 3 of every 5.
            "60.0000",
        ),
        (
            "总体满意度",
            vec!["完全满意", "满意", "一般", "不满意", "完全不满意"],
            "\"完全满意\": 5",
            "scale: [1, 5]",
            "40.0000",
        ),
    ] {
        let tmp = TempDir::new();
        let mut csv = format!("Date,{header}\n");
        let n = labels.len() * 10;
        for i in 0..n {
            csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, labels[i % labels.len()]);
        }
        let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
        has(&yaml, &[expect, scale]);
        let metrics = overall_metrics(&tmp);
        // The score's share, beside its mean (`<id>_mean`), whatever id init gave it.
        let found = metrics.iter().find(|(k, _)| metrics.contains_key(&format!("{k}_mean")));
        let (_, (count, value)) = found.unwrap_or_else(|| panic!("{header}: {metrics:?}\n{yaml}"));
        assert_eq!((count.as_str(), value.as_str()), (n.to_string().as_str(), csat), "{header}\n{yaml}");
    }
}

/// A likelihood to recommend answered 1–5 over 20 answers is a five-point rating (`recommend`),
/// not an NPS on 0–10 whose every answer is a detractor (it read −100).
#[test]
fn a_recommendation_asked_on_five_points_is_a_rating_not_nps() {
    let tmp = TempDir::new();
    // 40 rows cycling 5, 5, 4, 3, 2: top two (4–5) 24 of 40 = 60 %.
    let mut csv = String::from("Date,How likely are you to recommend us to a friend?\n");
    for i in 0..40 {
        csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, [5, 5, 4, 3, 2][i % 5]);
    }
    let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
    has(&yaml, &["recommend: {", "scale: [1, 5]"]);
    lacks(&yaml, &["nps: {"]);
    let metrics = overall_metrics(&tmp);
    assert!(!metrics.contains_key("nps"), "{metrics:?}");
    assert_eq!(metrics["recommend"], ("40".into(), "60.0000".into()), "{yaml}");
}

/// HubSpot's feedback export names each row's survey type as its API's enum (`NPS`,
/// `CUSTOMER_SATISFACTION`, `CUSTOMER_EFFORT`): one dataset per type, as for Retently's words.
#[test]
fn hubspot_survey_type_enums_split_the_rating_column_by_metric() {
    let tmp = TempDir::new();
    let mut csv = String::from("Submission ID,Submitted at,Survey type,Rating\n");
    // NPS rows (i % 3 == 0, 30 of them): 10 or 0 alternately, NPS 0. CSAT rows (i % 3 == 1,
    // 30): 5, 4, 2, 1, 3 cycling, top two 12 of 30 = 40 %. CES rows (30): 7 and 3, mean 5.
    for i in 0..90 {
        let (kind, rating) = match i % 3 {
            0 => ("NPS", if (i / 3) % 2 == 0 { 10 } else { 0 }),
            1 => ("CUSTOMER_SATISFACTION", [5, 4, 2, 1, 3][(i / 3) % 5]),
            _ => ("CUSTOMER_EFFORT", if (i / 3) % 2 == 0 { 7 } else { 3 }),
        };
        csv += &format!("s{i},2024-03-{:02},{kind},{rating}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "feedback.csv", csv.as_bytes());
    has(&yaml, &["keep_rows: { \"Survey type\": \"CUSTOMER_SATISFACTION\" }"]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("30".into(), "0.0000".into()), "{yaml}");
    assert_eq!(m["csat"], ("30".into(), "40.0000".into()), "{yaml}");
    assert_eq!(m["ces"], ("30".into(), "5.0000".into()), "{yaml}");
}

/// Headers that name the best answer at 1 in French, Spanish and Japanese, or one end only
/// (`1 being the best`), are read reversed; `where 5 is best`, `where 1 is worst` and `from 1
/// very unhelpful to 5 very helpful` state a scale read as written (before: a segment, a
/// segment, and a column left out as a count of votes).
#[test]
fn scale_anchors_in_more_languages_and_phrasings_set_the_direction() {
    // 40 rows cycling 1, 1, 2, 3, 5: as written, top two (4–5) is 8 of 40 = 20 %; reversed
    // (1 → 5, 2 → 4), 24 of 40 = 60 %.
    let cycle = [1, 1, 2, 3, 5];
    for (header, reversed) in [
        ("Qualité du conseil (1 = excellent, 5 = mauvais)", true),
        ("Valoración (1 = excelente, 5 = muy mala)", true),
        ("総合満足度（1：大変満足～5：大変不満）", true),
        ("評価（1＝とても良い、5＝とても悪い）", true),
        ("Packaging (1-5, 1 being the best)", true),
        ("Quality (scale 1 to 5; 1 = excellent)", true),
        ("Cleanliness (1-5, where 5 is best)", false),
        ("Speed of service (1-5, where 1 is worst)", false),
        ("Helpfulness (from 1 very unhelpful to 5 very helpful)", false),
    ] {
        let tmp = TempDir::new();
        let mut csv = format!("Date,\"{header}\"\n");
        for i in 0..40 {
            csv += &format!("2024-03-{:02},{}\n", 1 + i % 28, cycle[i % 5]);
        }
        let yaml = guess(&tmp, "survey.csv", csv.as_bytes());
        assert_eq!(yaml.contains("reverse: true"), reversed, "{header}\n{yaml}");
        let m = overall_metrics(&tmp);
        let want = if reversed { "60.0000" } else { "20.0000" };
        let found = m.iter().find(|(k, _)| m.contains_key(&format!("{k}_mean")));
        let (_, (n, value)) = found.unwrap_or_else(|| panic!("{header}: no score {m:?}\n{yaml}"));
        assert_eq!((n.as_str(), value.as_str()), ("40", want), "{header}\n{yaml}");
    }
}

/// A yes/no question of outcome is a 0–1 score, yes counted: `Was your issue resolved?`,
/// `问题是否解决` (是/否), `Problem gelöst?` (Ja/Nein), `Task Completed` (TRUE/FALSE). Before,
/// each was a segment and the site had no resolution rate. A yes/no question of fact
/// (`First visit?`) stays a segment.
#[test]
fn yes_no_questions_of_outcome_are_rates() {
    let tmp = TempDir::new();
    let mut csv =
        String::from("Date,Was your issue resolved?,问题是否解决,Problem gelöst?,Task Completed,First visit?\n");
    // 40 rows. Resolved: yes on 3 rows of 4 (30 = 75 %); 是 on 1 row of 4 (25 %); Ja on 1 row
    // of 2 (50 %); TRUE on 4 rows of 5 (32 = 80 %).
    for i in 0..40 {
        let yes = |y: bool, a: &'static str, b: &'static str| if y { a } else { b };
        csv += &format!(
            "2024-03-{:02},{},{},{},{},{}\n",
            1 + i % 28,
            yes(i % 4 != 0, "Yes", "No"),
            yes(i % 4 == 0, "是", "否"),
            yes(i % 2 == 0, "Ja", "Nein"),
            yes(i % 5 != 0, "TRUE", "FALSE"),
            yes(i % 3 == 0, "Yes", "No"),
        );
    }
    let yaml = guess(&tmp, "tickets.csv", csv.as_bytes());
    has(&yaml, &["from_column: \"First visit?\""]);
    let m = overall_metrics(&tmp);
    let mut shares: Vec<&str> = m.values().filter(|(n, _)| n == "40").map(|(_, v)| v.as_str()).collect();
    shares.sort_unstable();
    assert_eq!(shares, ["25.0000", "50.0000", "75.0000", "80.0000"], "{m:?}\n{yaml}");
}

/// Codes the header names as no answer (`6 = don't know`) and an 11-point recommendation's
/// `11` beside 0–10 are not applicable: before, the first widened the scale to 1–6 (CSAT 28 %
/// for 68.6 %) and the second made the NPS column a dimension. `LTR` names a recommendation.
#[test]
fn dont_know_codes_named_in_the_header_or_past_ten_are_not_applicable() {
    let tmp = TempDir::new();
    let mut csv = String::from("RespID,IntDate,Q1_LTR,\"Q4_SAT (1-5, 6 = don't know)\"\n");
    // 40 rows. Q1: 10, 9, 5, 11, 0, 98 cycling over i % 8 with 7 and 8 for the rest: per 8 rows
    // 10, 9, 5, 11, 0, 98, 7, 8 → answered 6 of 8 (30 of 40): promoters 2, detractors 2 per 8 →
    // NPS 0. Q4: 5, 4, 6, 2, 3 cycling: answered 32 of 40, top two (4–5) 16 of 32 = 50 %.
    for i in 0..40 {
        let q1 = [10, 9, 5, 11, 0, 98, 7, 8][i % 8];
        let q4 = [5, 4, 6, 2, 3][i % 5];
        csv += &format!("{i},2024-06-{:02},{q1},{q4}\n", 1 + i % 28);
    }
    let yaml = guess(&tmp, "panel.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5]", "\"6\""]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("30".into(), "0.0000".into()), "{yaml}");
    assert_eq!(m["csat"], ("32".into(), "50.0000".into()), "{yaml}");
}

/// A 0–10 recommendation coded 1–11 (Qualtrics numbers a choice question's answers from 1):
/// no 0, 11 the commonest answer. Before, init read 11 as "don't know" and 1–10 as 1–10, and
/// the NPS lost its top promoters (34.87 for 26.72 on the probe's export).
#[test]
fn a_recommendation_coded_one_to_eleven_is_read_one_lower() {
    let tmp = TempDir::new();
    let mut csv = String::from("ResponseId,RecordedDate,Q1 How likely are you to recommend us?\n");
    // 40 rows cycling 11, 11, 10, 9, 8, 7, 4, 1 (each 5 times): read one lower 10, 10, 9, 8, 7,
    // 6, 3, 0 → promoters (9–10) 15, detractors (0–6) 15 of 40 → NPS 0. Read as coded, with
    // 11 not applicable: promoters 10 (10, 9), detractors 10 (4, 1) of 30 → 0 too, so the test
    // also checks n: 40, not 30.
    for i in 0..40 {
        let q = [11, 11, 10, 9, 8, 7, 4, 1][i % 8];
        csv += &format!("R{i},2024-06-{:02},{q}\n", 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "qualtrics.csv", csv.as_bytes());
    has(&yaml, &["\"11\": 10", "\"1\": 0"]);
    lacks(&yaml, &["na: [\"11\"]"]);
    assert!(said.contains("coded 1–11"), "{said}");
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("40".into(), "0.0000".into()), "{yaml}");
    // A file without the header's question id, its answers skewed high.
    let tmp = TempDir::new();
    let mut csv = String::from("id,How likely are you to recommend us?\n");
    // 11, 11, 10, 9, 3 × 6: read one lower 10, 10, 9, 8, 2 → promoters 18, detractors 6 of 30
    // → NPS 40.
    for i in 0..30 {
        csv += &format!("{i},{}\n", [11, 11, 10, 9, 3][i % 5]);
    }
    guess(&tmp, "plain.csv", csv.as_bytes());
    assert_eq!(overall_metrics(&tmp)["nps"], ("30".into(), "40.0000".into()));
}

/// A French export's `04/02/2024 à 16h21` is read (a chrono `date_format`), not quoted as
/// comments; dates that read both ways with a 12-hour clock (`3/4/2024 5:23 PM`) are month
/// first, as United States exports write them.
#[test]
fn french_worded_times_are_dates_and_a_twelve_hour_clock_puts_the_month_first() {
    let tmp = TempDir::new();
    let mut csv = String::from("N° réponse;Date de réponse;Satisfaction globale (1-5)\n");
    for i in 0..30 {
        csv += &format!("{i};{:02}/0{}/2024 à {:02}h{:02};{}\n", 1 + i % 28, 1 + i % 3, i % 24, i, 1 + i % 5);
    }
    let yaml = guess(&tmp, "avis.csv", csv.as_bytes());
    has(&yaml, &["date: \"Date de réponse\"", "date_format: \"%d/%m/%Y à %Hh%M\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    for month in ["2024-01", "2024-02", "2024-03"] {
        assert!(metrics.contains(&format!("\nperiod,{month},csat,10,")), "{month}\n{metrics}");
    }

    let tmp = TempDir::new();
    let mut csv = String::from("Submitted,NPS\n");
    // Months 1–3 written first, days 1–12: every date reads both ways.
    for i in 0..30 {
        csv += &format!("{}/{}/2024 {}:05 PM,{}\n", 1 + i % 3, 1 + i % 12, 1 + i % 11, i % 11);
    }
    let yaml = guess(&tmp, "intercept.csv", csv.as_bytes());
    has(&yaml, &["date_format: \"MM/DD/YYYY h:mm A\""]);
}

/// Google Forms in the United States writes `6/12/2024 20:27:32`: when no day is above 12,
/// numbers without a leading zero put the month first (before, day first, and every month's
/// figures were another month's); padded ones (`06/12/2024`, the UK's) stay day first.
#[test]
fn unpadded_slashed_dates_that_read_both_ways_put_the_month_first() {
    for (month, day, format, period) in
        [("6", "3", "MM/DD/YYYY HH:mm:ss", "2024-06"), ("06", "03", "DD/MM/YYYY HH:mm:ss", "2024-03")]
    {
        let tmp = TempDir::new();
        let mut csv = String::from("Timestamp,How likely are you to recommend us?\n");
        // 30 answers, all written month/day (or, padded, read day/month) 6/3 or 06/03.
        for i in 0..30 {
            csv += &format!("{month}/{day}/2024 {:02}:15:00,{}\n", i % 24, i % 11);
        }
        let yaml = guess(&tmp, "Form Responses 1.csv", csv.as_bytes());
        has(&yaml, &[&format!("date_format: \"{format}\"")]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(metrics.contains(&format!("\nperiod,{period},nps,30,")), "{period}\n{metrics}");
    }
}

/// A survey weight is left out saying the figures are unweighted (before: a segment of its
/// values); a question column of a one-row-per-answer export is no comment (its questions'
/// words had become themes): init says how to read it.
#[test]
fn weights_and_question_columns_are_left_out_with_their_reason() {
    let tmp = TempDir::new();
    let mut csv = String::from("panelist_id,interview_date,weight,recommend_0_10\n");
    for i in 0..40 {
        csv += &format!("P{i},2024-07-{:02},{},{}\n", 1 + i % 28, ["0.5000", "1.6000", "2.0000"][i % 3], i % 11);
    }
    let (yaml, said) = guess_said(&tmp, "panel.csv", csv.as_bytes());
    assert!(said.contains("survey weights: not applied"), "{said}");
    lacks(&yaml, &["from_column: \"weight\""]);

    let tmp = TempDir::new();
    let file = tmp.path().join("answers.csv");
    let mut csv = String::from("ResponseId,RecordedDate,QuestionText,Value,Comment\n");
    for i in 0..40 {
        let q = ["How likely are you to recommend us?", "Satisfaction - Delivery"][i % 2];
        csv += &format!(
            "R{},2024-04-{:02},{q},{},Das Paket kam pünktlich an und alles war gut verpackt {i}\n",
            i / 2,
            1 + i % 28,
            i % 5 + 1
        );
    }
    fs::write(&file, csv).unwrap();
    let init = common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, tmp.path().join("p")]].concat());
    let said = format!("{}{}", init.stdout, init.stderr);
    assert!(said.contains("which question the row answers: a dataset per question"), "{said}");
    let yaml = fs::read_to_string(tmp.path().join("p/cxsite.yaml")).unwrap_or_default();
    lacks(&yaml, &["\"QuestionText\"]", "comment: \"QuestionText\""]);
    has(&yaml, &["keep_rows: { \"QuestionText\": \"Satisfaction - Delivery\" }"]);
}

/// A yes/no question of outcome answered with the codes its header states is a 0–1 rate, the
/// yes code counted: `Issue Resolved (1=Yes 2=No)`, `问题是否解决（1=是，2=否）` and `Resolved?
/// Yes=1, No=0` (before, each was a breakdown of two codes and the site had no resolution
/// rate). The codes leave the name the site shows. A question of fact with codes (`First visit
/// (1=Yes 2=No)`) stays a breakdown, and a Chinese header's anchors without a sign
/// (`（1分最满意，5分最不满意）`) leave the name too, read reversed.
#[test]
fn yes_no_codes_stated_in_the_header_are_rates() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Date,Issue Resolved (1=Yes 2=No),问题是否解决（1=是，2=否）,\"Resolved? Yes=1, No=0\",First visit (1=Yes 2=No),服务评价（1分最满意，5分最不满意）\n",
    );
    // 40 rows. Issue Resolved: 1 on 3 rows of 4 → 30 of 40 = 75 %. 问题是否解决: 1 on 1 row of
    // 4 → 25 %, with a 9 (the header names no 9: not a yes/no) on none. Resolved?: 1 on 1 row
    // of 2 → 50 %. 服务评价 1, 2, 3, 4, 5 in turn, read reversed (1 best): top two are the 1s
    // and 2s, 16 of 40 = 40 %.
    for i in 0..40 {
        csv += &format!(
            "2024-03-{:02},{},{},{},{},{}\n",
            1 + i % 28,
            if i % 4 != 0 { 1 } else { 2 },
            if i % 4 == 0 { 1 } else { 2 },
            if i % 2 == 0 { 1 } else { 0 },
            if i % 3 == 0 { 1 } else { 2 },
            1 + i % 5,
        );
    }
    let yaml = guess(&tmp, "tickets.csv", csv.as_bytes());
    // Ids and names without the codes; the Chinese header's id says what it asks.
    has(
        &yaml,
        &["from_column: \"First visit (1=Yes 2=No)\"", "issue_resolved: {", "resolved: {", "name: \"问题是否解决\""],
    );
    has(&yaml, &["reverse: true"]);
    let m = overall_metrics(&tmp);
    let mut shares: Vec<&str> =
        m.iter().filter(|(k, (n, _))| n == "40" && !k.ends_with("_mean")).map(|(_, (_, v))| v.as_str()).collect();
    shares.sort_unstable();
    assert_eq!(shares, ["25.0000", "40.0000", "50.0000", "75.0000"], "{m:?}\n{yaml}");
}

/// A header holding an escape sequence (`\x1b[1mtier`) is named by its position (`$2`), as the
/// build reads its control character as `�`, which no name in cxsite.yaml matches; the name
/// shown leaves the control character out. Before, init wrote `"\u001b[1mtier"` and the
/// guessed project did not build.
#[test]
fn a_header_with_a_control_character_is_named_by_its_position() {
    let tmp = TempDir::new();
    let mut csv = String::from("date,\u{1b}[1mtier,recommend\n");
    for i in 0..100 {
        csv += &format!("2025-0{}-1{},{},{}\n", 1 + i % 6, i % 9, ["gold", "silver"][i % 2], i % 11);
    }
    let yaml = guess(&tmp, "export.csv", csv.as_bytes());
    has(&yaml, &["from_column: $2", "name: \"[1mtier\""]);
    lacks(&yaml, &["\\u001b"]);
}

/// Shapes from a probe of exports init had not met, each read now with the figure worked out
/// from the rows written: scores out of their top in Spanish (`8 de 10`, `4 de 5`: they had
/// been breakdowns, so the site had no NPS nor CSAT); thumbs up and down under `Rating`, and
/// yes/no under `Was this answer helpful?` and Amazon's `Arrived on Time` (rates, not
/// breakdowns); a buyer's (`买家`) and a Korean name (`이름`) left out as personal data; epoch
/// seconds under `responded` as the date.
#[test]
fn out_of_words_thumbs_helpful_and_on_time_answers_buyers_and_response_times_are_read() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "responded,Recomendación,Satisfacción,Rating,Was this answer helpful?,Arrived on Time,买家,이름\n",
    );
    // 120 rows. Recomendación i % 11 de 10: per 11 rows 2 promoters (9, 10), 7 detractors
    // (0–6); 120 = 10 × 11 + 10 (0–9: 1 promoter, 7 detractors) → promoters 21, detractors 77:
    // NPS = (21 − 77) / 120 = −46.6667. Satisfacción 1 + i % 5 de 5: top two (4, 5) 48 of 120 =
    // 40 %. Rating 👍 on 3 rows of 4 (90 = 75 %); helpful Yes on 1 row of 3 (40 = 33.3333 %);
    // on time Yes on 1 row of 2 (50 %). Dates: 2024-01-01 00:00 UTC (1704067200) plus i days.
    for i in 0..120 {
        csv += &format!(
            "{},{} de 10,{} de 5,{},{},{},{},{}\n",
            1_704_067_200 + i * 86_400,
            i % 11,
            1 + i % 5,
            if i % 4 != 0 { "👍" } else { "👎" },
            if i % 3 == 0 { "Yes" } else { "No" },
            if i % 2 == 0 { "Yes" } else { "No" },
            ["李*", "张*", "微信用户"][i as usize % 3],
            ["김민수", "이서연", "박지훈", "최유진"][i as usize % 4],
        );
    }
    let (yaml, said) = guess_said(&tmp, "mixed.csv", csv.as_bytes());
    has(&yaml, &["date: \"responded\""]);
    assert!(said.contains("买家") && said.contains("이름") && said.matches("personal data").count() >= 2, "{said}");
    lacks(&yaml, &["from_column: \"买家\"", "from_column: \"이름\"", "column: \"买家\"", "column: \"이름\""]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("120".into(), "-46.6667".into()), "{yaml}");
    assert_eq!(m["csat"], ("120".into(), "40.0000".into()), "{yaml}");
    let mut rates: Vec<&str> = m
        .iter()
        .filter(|(k, (n, _))| n == "120" && !["nps", "csat"].contains(&k.as_str()) && !k.ends_with("_mean"))
        .map(|(_, (_, v))| v.as_str())
        .collect();
    rates.sort_unstable();
    assert_eq!(rates, ["33.3333", "50.0000", "75.0000"], "{m:?}\n{yaml}");
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    for month in ["2024-01", "2024-02", "2024-03", "2024-04"] {
        assert!(metrics.contains(&format!("\nperiod,{month},nps,")), "{month}\n{metrics}");
    }
}

/// An app store's daily statistics count the ratings of each star level (`1 Star` … `5 Stars`):
/// a table of counts, not one rating a row. Read as scores, `1 Star` had become a 1–5 rating
/// and the site's CSAT was made of counts; now init names the columns for what they are and,
/// with no answers left, stops with nothing written. Beside a real rating, they are left out.
#[test]
fn columns_counting_each_star_level_are_counts_not_ratings() {
    let tmp = TempDir::new();
    let mut csv = String::from("Date,1 Star,2 Stars,3 Stars,4 Stars,5 Stars\n");
    for d in 1..=28 {
        csv += &format!("2024-02-{d:02},{},{},{},{},{}\n", d % 5, d % 3, d % 4, d % 9, 2 * d % 11);
    }
    let file = tmp.path().join("ratings.csv");
    fs::write(&file, csv).unwrap();
    let dir = tmp.path().join("project");
    let init = common::cxsite(tmp.path(), [path(&["init", "--from-csv"]), vec![file, dir.clone()]].concat());
    init.expect(1).stderr_has(&["found no score column", "1 Star", "a count of ratings of one star level"]);
    assert!(!dir.join("cxsite.yaml").exists());

    let tmp = TempDir::new();
    let mut csv = String::from("Date,Rating,5星,4星,3星\n");
    for d in 1..=28 {
        csv += &format!("2024-02-{d:02},{},{},{},{}\n", 1 + d % 5, d % 7, d % 3, d % 4);
    }
    let yaml = guess(&tmp, "mixed.csv", csv.as_bytes());
    lacks(&yaml, &["column: \"5星\"", "column: \"4星\"", "from_column: \"3星\""]);
    has(&yaml, &["column: \"Rating\""]);
}

/// Thirteen digits are Unix milliseconds under a date's name, and an order number under an
/// id's: JD's `订单编号` and an `Order ID` of 13 digits had been read as dates, and the site's
/// trends showed periods of 2060 made of order numbers.
#[test]
fn order_numbers_of_thirteen_digits_are_ids_and_milliseconds_under_a_date_name_are_dates() {
    for header in ["订单编号", "Order ID"] {
        let tmp = TempDir::new();
        let mut csv = format!("{header},商品名称,评分\n");
        for i in 0..60 {
            csv += &format!("{},商品{},{}\n", 2_850_000_000_000u64 + i * 7919, i % 3, 1 + i % 5);
        }
        let yaml = guess(&tmp, "orders.csv", csv.as_bytes());
        lacks(&yaml, &["date: "]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        assert!(!metrics.contains("\nperiod,"), "{header}: periods made of order numbers");
    }
    let tmp = TempDir::new();
    // 2024-04-23 14:17 UTC in milliseconds, a day apart.
    let mut csv = String::from("id,submitted_at,nps\n");
    for i in 0..60u64 {
        csv += &format!("{i},{},{}\n", 1_713_881_820_000u64 + i * 86_400_000, i % 11);
    }
    let yaml = guess(&tmp, "ms.csv", csv.as_bytes());
    has(&yaml, &["date: \"submitted_at\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.contains("\nperiod,2024-04,") && metrics.contains("\nperiod,2024-06,"), "{metrics}");
}

/// A quarterly export's period (`2024-Q1`, under the header `Period`) is its date, and the
/// project is written with `period: quarter`. Before, the column became a dimension with the
/// id `period`, which cxsite makes itself, and the guessed project did not load. A `Period`
/// column of other values keeps that id out. Built with `period: month`, quarters are counted
/// on their first day with a warning saying to set `period: quarter`.
#[test]
fn quarters_are_dates_read_by_quarter_and_a_period_column_takes_another_id() {
    let tmp = TempDir::new();
    let mut csv = String::from("Period,NPS,Shift\n");
    // 120 rows over the 8 quarters of 2023–2024, 15 each; NPS 10 on rows i % 3 == 0 (40),
    // 3 on i % 3 == 1 (40), 8 otherwise: NPS 0. Shift: 8 names, each on 15 rows.
    for i in 0..120 {
        let q = i % 8;
        csv += &format!("{}-Q{},{},Shift {}\n", 2023 + q / 4, 1 + q % 4, [10, 3, 8][i % 3], 1 + i % 8);
    }
    let yaml = guess(&tmp, "quarterly.csv", csv.as_bytes());
    has(&yaml, &["period: quarter", "date: \"Period\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    for q in ["2023-Q1", "2023-Q4", "2024-Q1", "2024-Q4"] {
        assert!(metrics.contains(&format!("\nperiod,{q},nps,15,")), "{q}\n{metrics}");
    }
    assert!(metrics.contains("\noverall,all,nps,120,0.0000,"), "{metrics}");

    let tmp = TempDir::new();
    let mut csv = String::from("Date,NPS,Period\n");
    for i in 0..120 {
        csv += &format!("2024-03-{:02},{},Slot {}\n", 1 + i % 28, i % 11, 1 + i % 8);
    }
    let yaml = guess(&tmp, "slots.csv", csv.as_bytes());
    has(&yaml, &["id: period_dim, column: \"Period\""]);

    // Quarters under `period: month`: a warning naming the setting.
    let tmp = TempDir::new();
    let mut csv = String::from("Period,NPS\n");
    for i in 0..60 {
        csv += &format!("2024-Q{},{}\n", 1 + i % 4, i % 11);
    }
    guess(&tmp, "q.csv", csv.as_bytes());
    let dir = tmp.path().join("project");
    let yaml = fs::read_to_string(dir.join("cxsite.yaml")).unwrap().replace("period: quarter", "period: month");
    fs::write(dir.join("cxsite.yaml"), yaml).unwrap();
    let build = common::cxsite(tmp.path(), [path(&["build"]), vec![dir]].concat());
    build.expect(0);
    assert!(
        build.stderr.contains("writes quarters (`2024-Q1`)") && build.stderr.contains("set `period: quarter`"),
        "{}",
        build.stderr
    );
}

/// Long data, a row per answer (`respondent, submitted, question_id, question_text, answer`):
/// a dataset per question, each keeping its own rows, the score named by the question's text
/// (which tells the recommendation from the rating), the free-text question read as comments.
/// Read as one column, the answers were a breakdown of mixed numbers and words, and init
/// stopped: no score, no comment.
#[test]
fn a_row_per_answer_is_a_dataset_per_question() {
    let tmp = TempDir::new();
    let mut csv = String::from("respondent_id,submitted_at,question_id,question_text,answer\n");
    let comments = [
        "The driver was late again",
        "Lovely staff at the counter",
        "Checkout took far too long",
        "Fresh bread and fair prices",
    ];
    for i in 0..60 {
        let date = format!("2024-{:02}-{:02} 10:00:00", 1 + i % 6, 1 + i % 28);
        // NPS: 10, 10, 9, 7, 3 — 3 promoters and 1 detractor in 5: +40 over 60 answers.
        let nps = [10, 10, 9, 7, 3][i % 5];
        // Satisfaction: 5, 4, 3, 1 — top two box 2 of 4: 50 % over 60 answers.
        let sat = [5, 4, 3, 1][i % 4];
        csv += &format!("R{i:03},{date},Q1,How likely are you to recommend us to a friend?,{nps}\n");
        csv += &format!("R{i:03},{date},Q2,\"Overall, how satisfied are you?\",{sat}\n");
        csv += &format!("R{i:03},{date},Q3,Anything else?,{} (visit {i})\n", comments[i % 4]);
    }
    let yaml = guess(&tmp, "answers.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "keep_rows: { \"question_text\": \"How likely are you to recommend us to a friend?\" }",
            "keep_rows: { \"question_text\": \"Overall, how satisfied are you?\" }",
            "keep_rows: { \"question_text\": \"Anything else?\" }",
            "nps: { column: \"answer\", scale: [0, 10] }",
            "csat: { column: \"answer\", scale: [1, 5] }",
            "comment: \"answer\"",
        ],
    );
    let m = overall_metrics(&tmp);
    assert_eq!(m["nps"], ("60".into(), "40.0000".into()), "{m:?}");
    assert_eq!(m["csat"], ("60".into(), "50.0000".into()), "{m:?}");
    // Every one of the 60 comments is analysed (a theme's share is of the comments read), and
    // 15 of them (1 in 4) are about the staff.
    assert_eq!(m["staff_mentions"], ("60".into(), "15.0000".into()), "{m:?}");
}

/// Salesforce's effort question answered in words (`Very low effort` … `Very high effort`): a
/// CES on 1–5 read best-first (very low effort 5), and no `better: lower` though the question
/// asks how much effort was spent — that is for effort asked in numbers; on labels it turned
/// the best answers into the worst.
#[test]
fn effort_answered_in_words_is_a_ces_read_best_first() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "Case Number,Created Date,How much effort did you personally have to put forth to handle your request?\n",
    );
    for i in 0..80 {
        // 5, 4, 4, 1: mean 3.5 over 80 answers.
        let a = ["Very low effort", "Low effort", "Low effort", "Very high effort"][i % 4];
        csv += &format!("{},2024-03-{:02},{a}\n", 5000 + i, 1 + i % 28);
    }
    let yaml = guess(&tmp, "cases.csv", csv.as_bytes());
    has(&yaml, &["ces: {", "\"Very low effort\": 5", "\"Very high effort\": 1"]);
    lacks(&yaml, &["better: lower"]);
    assert_eq!(overall_metrics(&tmp)["ces"], ("80".into(), "3.5000".into()));
}

/// Review scores with one decimal: Booking.com's out of 10 (`8.3`, and `8,3` in a semicolon
/// file), 携程's out of 5 (`4.8`), read with `step: 0.1` (they had been breakdowns of their
/// values, and the project had no score); a whole-number `Review score` 1–10 is a rating, not
/// an NPS.
#[test]
fn review_scores_with_one_decimal_are_ratings_in_tenths() {
    // 9.2, 8.3, 7.5, 10, 5.8: mean 40.8 / 5 = 8.16 over 100.
    let booking = ["9.2", "8.3", "7.5", "10", "5.8"];
    for (delimiter, decimal) in [(',', '.'), (';', ',')] {
        let tmp = TempDir::new();
        let mut csv = format!("Hotel{delimiter}Review date{delimiter}Review score\n");
        for i in 0..100 {
            let score = booking[i % 5].replace('.', &decimal.to_string());
            csv += &format!("Hotel {}{delimiter}2024-0{}-{:02}{delimiter}{score}\n", i % 2, 1 + i % 6, 1 + i % 28);
        }
        let yaml = guess(&tmp, "reviews.csv", csv.as_bytes());
        has(&yaml, &["review_score: { column: \"Review score\", type: rating, scale: [1, 10], step: 0.1 }"]);
        assert_eq!(overall_metrics(&tmp)["review_score_mean"], ("100".into(), "8.1600".into()), "{decimal}");
    }
    // 4.8, 4.2, 3.9, 5, 2.6: mean 20.5 / 5 = 4.1; 4 and up: 3 of 5.
    let tmp = TempDir::new();
    let mut csv = String::from("酒店,点评时间,评分\n");
    for i in 0..100 {
        csv += &format!(
            "店{},2024-0{}-{:02},{}\n",
            i % 2,
            1 + i % 6,
            1 + i % 28,
            ["4.8", "4.2", "3.9", "5", "2.6"][i % 5]
        );
    }
    let yaml = guess(&tmp, "携程点评.csv", csv.as_bytes());
    has(&yaml, &["scale: [1, 5], step: 0.1"]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["csat_mean"], ("100".into(), "4.1000".into()), "{m:?}");
    assert_eq!(m["csat"], ("100".into(), "60.0000".into()), "{m:?}");
    // Whole numbers 1–10 named a review score: 10, 7, 3, 8 — mean 7 over 80, no NPS.
    let tmp = TempDir::new();
    let mut csv = String::from("Review date,Review score\n");
    for i in 0..80 {
        csv += &format!("2024-0{}-{:02},{}\n", 1 + i % 6, 1 + i % 28, [10, 7, 3, 8][i % 4]);
    }
    let yaml = guess(&tmp, "scores.csv", csv.as_bytes());
    lacks(&yaml, &["nps:"]);
    assert_eq!(overall_metrics(&tmp)["review_score_mean"], ("80".into(), "7.0000".into()));
}

/// A phone survey's keypad answers (IVR): digits 0–10 beside `*` and `#`, the keys for skipping
/// or repeating. Those are not applicable, so the column is the NPS (it had been a breakdown of
/// 13 values, and init stopped with no score).
#[test]
fn keypad_skip_keys_beside_digits_are_not_applicable() {
    let tmp = TempDir::new();
    let mut csv = String::from("Call ID,Call Start,Queue,NPS Digit\n");
    for i in 0..70 {
        // 10, 10, 9, 7, 3 and two skips: 3 promoters, 1 detractor in 5 answers, +40 over 50.
        let key = ["10", "10", "9", "7", "3", "*", "#"][i % 7];
        csv += &format!("CALL-{i},2024-06-{:02} 10:00:00,{},{key}\n", 1 + i % 28, ["Billing", "Sales"][i % 2]);
    }
    let yaml = guess(&tmp, "ivr.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"NPS Digit\", scale: [0, 10], na: [", "\"*\"", "\"#\""]);
    assert_eq!(overall_metrics(&tmp)["nps"], ("50".into(), "40.0000".into()));
}

/// A column of each answer's part of the NPS (−100, 0, 100, as Qualtrics' and Medallia's NPS
/// fields write it) beside the 0–10 question is worked out from it and left out (it had been a
/// breakdown of three groups); alone, it is the NPS, exact: 100 read as 10, 0 as 8, −100 as 0.
#[test]
fn an_nps_column_of_minus_100_0_and_100_is_the_groups_of_the_nps() {
    let ltr = [10, 9, 8, 3, 6];
    let part = |n: i64| {
        if n >= 9 {
            "100"
        } else if n >= 7 {
            "0"
        } else {
            "-100"
        }
    };
    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Date,LTR,NPS\n");
    for i in 0..60 {
        csv += &format!("{i},2024-04-{:02},{},{}\n", 1 + i % 28, ltr[i % 5], part(ltr[i % 5]));
    }
    let (yaml, said) = guess_said(&tmp, "nps.csv", csv.as_bytes());
    has(&yaml, &["nps: { column: \"LTR\""]);
    lacks(&yaml, &["from_column: \"NPS\""]);
    assert!(said.contains("NPS groups"), "{said}");
    // 2 promoters, 2 detractors in 5: NPS 0 over 60.
    assert_eq!(overall_metrics(&tmp)["nps"], ("60".into(), "0.0000".into()));
    let tmp = TempDir::new();
    let mut csv = String::from("Response ID,Date,NPS\n");
    for i in 0..60 {
        csv += &format!("{i},2024-04-{:02},{}\n", 1 + i % 28, part([10, 9, 8, 8, 3][i % 5]));
    }
    guess(&tmp, "nps.csv", csv.as_bytes());
    // 2 promoters, 1 detractor in 5: +20 over 60.
    assert_eq!(overall_metrics(&tmp)["nps"], ("60".into(), "20.0000".into()));
}

/// Tripadvisor's exports write bubbles as 10 to 50: a 1–5 rating, each value a label (it had
/// been a breakdown of five groups, and the project had no score); an age band of the same
/// numbers is no rating.
#[test]
fn tripadvisor_bubbles_written_in_tens_are_a_one_to_five_rating() {
    let tmp = TempDir::new();
    let mut csv = String::from("review_id,published_date,rating,age\n");
    for i in 0..100 {
        // 50, 40, 40, 20, 10: 4 and 5 bubbles in 3 of 5, 60 %; mean 16 / 5 = 3.2.
        let bubbles = [50, 40, 40, 20, 10][i % 5];
        csv += &format!("r{i},2024-05-{:02},{bubbles},{}\n", 1 + i % 28, [20, 30, 40, 50][i % 4]);
    }
    let yaml = guess(&tmp, "tripadvisor.csv", csv.as_bytes());
    has(
        &yaml,
        &["csat: { column: \"rating\", scale: [1, 5], labels: { \"50\": 5, \"40\": 4, \"20\": 2, \"10\": 1 } }"],
    );
    lacks(&yaml, &["column: \"age\", scale"]);
    let m = overall_metrics(&tmp);
    assert_eq!(m["csat"], ("100".into(), "60.0000".into()), "{m:?}");
    assert_eq!(m["csat_mean"], ("100".into(), "3.2000".into()), "{m:?}");
}

/// A Google Forms comment column of short remarks, some with a comma and some written in two
/// cases (`Tasty`, `tasty`): its commas are a sentence's, so it is the comment, not a checkbox
/// question of their pieces — listed as options, `Tasty` and `tasty` twice had failed the
/// guessed project's first build. A checkbox question's options differing in case are one.
#[test]
fn a_google_forms_comment_of_short_remarks_is_the_comment_and_options_are_listed_once() {
    let tmp = TempDir::new();
    let remarks = ["Tasty", "tasty", "No parking, again", "Friendly staff", "", "Expensive, but good", "", ""];
    let bought = ["Crisps, Nuts", "crisps", "Nuts", "Crisps, Mango", "Mango, nuts", "Crisps"];
    let mut csv =
        String::from("Timestamp,How likely are you to recommend us?,What did you buy today?,Any other comments?\n");
    for i in 0..60 {
        csv += &format!(
            "2024/03/{:02} 2:22:10 PM GMT+8,{},\"{}\",\"{}\"\n",
            1 + i % 28,
            i % 11,
            bought[i % bought.len()],
            remarks[i % remarks.len()]
        );
    }
    let (yaml, said) = guess_said(&tmp, "Crunchy survey (Responses) - Form Responses 1.csv", csv.as_bytes());
    assert!(said.contains("Any other comments?      comment"), "{said}");
    has(&yaml, &["options: [\"Crisps\", \"Nuts\", \"Mango\"]"]);
}

/// A grid of touchpoint ratings beside an overall CSAT is guessed as the metric `rating`, so
/// the site calls it "Rating": `rating_1_5` had read "Rating 1 5" on tiles and findings.
#[test]
fn a_grid_of_touchpoint_ratings_beside_an_overall_csat_is_called_rating() {
    let tmp = TempDir::new();
    let mut csv = String::from(
        "编号,开始答题时间,Q1:您向朋友推荐我们的可能性有多大？,Q2:总体满意度,Q3:请对以下方面进行评价|结账速度,Q3:请对以下方面进行评价|店员服务\n",
    );
    for i in 0..100 {
        csv += &format!(
            "{},2024-03-{:02} 10:00:00,{},{},{},{}\n",
            i + 1,
            1 + i % 28,
            i % 11,
            1 + i % 5,
            1 + (i + 1) % 5,
            1 + (i + 2) % 5
        );
    }
    let yaml = guess(&tmp, "门店体验.csv", csv.as_bytes());
    has(&yaml, &["csat: {", "- metric: rating "]);
    lacks(&yaml, &["rating_1_5"]);
    let index = fs::read_to_string(tmp.path().join("project/public/index.html")).unwrap();
    assert!(!index.contains("Rating 1 5"), "{index}");
}

/// A Weibo export (微博正文 of short posts that reposts repeat, a few holding a phone number;
/// 转发数, 评论数, 点赞数): the posts are the comments of a text-only project, and the
/// reach counts are neither scores nor groups. It had been refused: the posts read as
/// personal data for their phone numbers, and 转发数 and 评论数 were segments.
#[test]
fn a_weibo_export_is_a_text_only_project_of_its_posts() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(17);
    let posts = [
        "客服电话打不通，打了一上午都没人接",
        "转发微博",
        "配送太慢了，下单三天还没到",
        "今天买的草莓特别新鲜，推荐！",
        "退款申请了一周了还没处理，电话13812345678也不回",
        "水果价格越来越贵了",
        "门店的店员很热情，点赞",
        "说好的次日达，结果等了四天",
    ];
    let mut csv = String::from("序号,用户昵称,微博正文,发布时间,转发数,评论数,点赞数,来源\n");
    for i in 0..240 {
        let post = posts[r.below(posts.len() as u64) as usize];
        let counts = [0, 1, 2, 5, 13, 120];
        csv += &format!(
            "{},用户{},{post},2024-{:02}-{:02} 10:{:02},{},{},{},{}\n",
            i + 1,
            r.below(90_000),
            1 + i % 12,
            1 + i % 28,
            i % 60,
            counts[r.below(6) as usize],
            counts[r.below(6) as usize],
            counts[r.below(6) as usize],
            ["iPhone客户端", "Android", "微博 weibo.com"][i % 3],
        );
    }
    let yaml = guess(&tmp, "weibo.csv", csv.as_bytes());
    has(&yaml, &["comment: \"微博正文\"", "\"转发数\": a count", "\"评论数\": a count", "\"点赞数\": a count"]);
    lacks(&yaml, &["scores:"]);
    let comments = fs::read_to_string(tmp.path().join("project/public/data/comments.csv")).unwrap();
    assert!(comments.contains("打不通"), "{comments}");
    assert!(!comments.contains("13812345678"), "a phone number is redacted before it is written");
}

/// Short typed answers ("Faster checkout", "ok") under a question no comment word names are
/// too varied for a breakdown and too short for free text by their look alone; the survey
/// tool's own mark says they were typed into a text box: SurveyMonkey's `Open-Ended
/// Response`, a Qualtrics ImportId `QID4_TEXT`. They are the comments. A text box of store
/// names stays a breakdown, and an "Other" option's typed text (`QID5_4_TEXT`) is no comment.
#[test]
fn a_survey_tools_text_box_of_short_answers_is_the_comment() {
    let mut r = Lcg::new(23);
    let first = ["Faster", "Cheaper", "More", "Better", "Cleaner", "Friendlier", "Quicker"];
    let second = ["checkout", "staff", "toilets", "prices", "parking", "bread", "music", "aisles", "tills", "app"];
    let typed = |r: &mut Lcg| match r.below(10) {
        0..=1 => String::new(),
        2 => "ok".to_string(),
        _ => format!("{} {}", first[r.below(7) as usize], second[r.below(10) as usize]),
    };
    let tmp = TempDir::new();
    let mut sm = String::from(
        "Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would recommend us?,Is there anything else you would like to tell us?,Which store did you visit?\n,,,,Response,Open-Ended Response,Open-Ended Response\n",
    );
    for i in 0..200 {
        let store = ["Downtown", "Mall", "Airport", "Station"][r.below(4) as usize];
        sm += &format!(
            "{},431234567,03/{:02}/2024 10:12:40 AM,03/{:02}/2024 10:15:02 AM,{},{},{store}\n",
            114_523_098_712u64 + i,
            1 + i % 28,
            1 + i % 28,
            r.below(11),
            typed(&mut r)
        );
    }
    let yaml = guess(&tmp, "sm.csv", sm.as_bytes());
    has(
        &yaml,
        &["comment: \"Is there anything else you would like to tell us?\"", "column: \"Which store did you visit?\""],
    );

    let tmp = TempDir::new();
    let ids = ["startDate", "endDate", "status", "finished", "_recordId", "QID1", "QID4_TEXT", "QID5_4_TEXT"];
    let mut q = String::from("StartDate,EndDate,Status,Finished,ResponseId,Q1,Q4,Q5_4_TEXT\nStart Date,End Date,Response Type,Finished,Response ID,How likely are you to recommend us?,Anything else?,Which did you buy? - Other - Text\n");
    q += &ids.iter().map(|id| format!("\"{{\"\"ImportId\"\":\"\"{id}\"\"}}\"")).collect::<Vec<_>>().join(",");
    q += "\n";
    for i in 0..200 {
        let other = ["", "", "", "Mango", "Nuts"][r.below(5) as usize];
        q += &format!(
            "2024-03-{d:02} 10:00:00,2024-03-{d:02} 10:05:00,IP Address,True,R_{i:06}abc,{},{},{other}\n",
            r.below(11),
            typed(&mut r),
            d = 1 + i % 28
        );
    }
    let yaml = guess(&tmp, "q.csv", q.as_bytes());
    has(&yaml, &["comment: \"Q4\""]);
    lacks(&yaml, &["comment: \"Q5_4_TEXT\""]);
}

/// Times written with a zone abbreviation that names several zones: a US help desk's `CST`
/// and `CDT` side by side (US Central), a Chinese system's year-first `… CST`, and Java's
/// `Tue Mar 05 20:00:00 CST 2024` (both China's). Each is guessed as the dataset's
/// `date_timezone:` (and the project's zone), and every date is read: one period a month.
#[test]
fn zone_abbreviations_of_several_zones_are_guessed_as_the_columns_zone() {
    use std::fmt::Write;
    let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    // Days from Monday 1 January 2024 to the 1st of each month (leap year).
    let month_starts = [0, 31, 60, 91, 121, 152];
    type DateOf = fn(usize, usize, &str) -> String;
    let cases: [(&str, &str, DateOf); 3] = [
        ("America/Chicago", "Response Date,Likelihood to Recommend\n", |m, d, _| {
            // CST until 10 March, CDT after.
            let zone = if m < 3 || (m == 3 && d < 10) { "CST" } else { "CDT" };
            format!("{m:02}/{d:02}/2024 08:15:00 PM {zone}")
        }),
        ("Asia/Shanghai", "提交时间,推荐意愿\n", |m, d, _| format!("2024-{m:02}-{d:02} 20:15:00 CST")),
        ("Asia/Shanghai", "提交时间,推荐意愿\n", |m, d, weekday| {
            let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun"][m - 1];
            format!("{weekday} {month} {d:02} 20:15:00 CST 2024")
        }),
    ];
    for (zone, header, date) in cases {
        let tmp = TempDir::new();
        let mut csv = String::from(header);
        for i in 0..120usize {
            let (m, d) = (1 + i % 6, 2 + i % 25);
            let weekday = weekdays[(month_starts[m - 1] + d - 1) % 7];
            let _ = writeln!(csv, "{},{}", date(m, d, weekday), i % 11);
        }
        let yaml = guess(&tmp, "export.csv", csv.as_bytes());
        has(&yaml, &[&format!("date_timezone: \"{zone}\""), &format!("timezone: {zone}")]);
        let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
        for m in 1..=6 {
            let month = format!("period,2024-{m:02},nps,");
            let row =
                metrics.lines().find(|l| l.contains(&month)).unwrap_or_else(|| panic!("{zone}: {month}\n{metrics}"));
            assert!(row.contains(",nps,20,"), "{zone}: 20 answers in each month: {row}");
        }
    }
}

/// A Java back end's order export (MyBatis' soft-delete `deleted`, an `is_anonymous` flag,
/// `null` written into empty timestamps): deleted rows are dropped, the flag is a breakdown
/// and not an outcome, and the timestamps with `null` among them are a date column, not
/// comments quoting timestamps.
#[test]
fn a_java_systems_flags_and_null_cells_are_read_as_what_they_are() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(29);
    let comment = |r: &mut Lcg| {
        let said = ["环境干净", "等了四十分钟还没上菜", "服务员态度很好", "价格有点贵", "菜品分量足", "外卖送得慢"];
        let then = ["下次还来", "不会再点了", "推荐朋友", "希望改进", "总体一般", "谢谢老板", "性价比高"];
        format!("{}，{}", said[r.below(6) as usize], then[r.below(7) as usize])
    };
    let mut csv = String::from("order_no,store_name,score,is_anonymous,content,create_time,update_time,deleted\n");
    for i in 0..200 {
        let update =
            if i % 3 == 0 { "null".to_string() } else { format!("2024-02-{:02} 13:{:02}:00", 1 + i % 28, i % 60) };
        csv += &format!(
            "{},{},{},{},{},2024-02-{:02} 12:{:02}:00,{update},{}\n",
            1_700_000_000_000_000u64 + i,
            ["深圳南山店", "北京朝阳店", "上海徐汇店"][i as usize % 3],
            1 + r.below(5),
            r.below(2),
            comment(&mut r),
            1 + i % 28,
            i % 60,
            u64::from(i % 10 == 0),
        );
    }
    let yaml = guess(&tmp, "orders.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "\"deleted\": [\"1\"]",
            "from_column: \"is_anonymous\"",
            "comment: \"content\"",
            "\"update_time\": another date column",
        ],
    );
    lacks(&yaml, &["is_anonymous: {", "comment: \"update_time\""]);
    // The 20 deleted orders are left out of the counts: 180 rated.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert!(metrics.lines().any(|l| l.starts_with("overall,all,") && l.contains(",180,")), "{metrics}");
}

/// A 12345 hotline's callback satisfaction: 满意 / 基本满意 / 不满意, with the callbacks that
/// reached no one marked in words and marks (`无法联系`, `/`, `——`). The marks are no answer,
/// and the satisfaction rate counts 满意 and 基本满意, as such hotlines report it.
#[test]
fn a_hotlines_callback_marks_are_no_answer_and_basically_satisfied_is_satisfied() {
    let tmp = TempDir::new();
    let mut csv = String::from("工单编号,来电时间,诉求内容,满意度\n");
    let answers = ["满意", "基本满意", "不满意", "满意", "无法联系", "/", "——", "满意", "基本满意", "不满意"];
    let mut counts = (0, 0);
    for i in 0..300usize {
        let a = answers[(i * 7) % answers.len()];
        counts.0 += usize::from(a == "满意" || a == "基本满意");
        counts.1 += usize::from(a.contains("满意"));
        csv += &format!(
            "{},2024-0{}-{:02} 10:00:00,市民反映{}小区{}问题，希望尽快处理,{a}\n",
            20_240_000_000u64 + i as u64,
            1 + i % 3,
            1 + i % 28,
            ["东城", "西城", "朝阳", "海淀", "丰台"][i % 5],
            ["噪音", "停车", "供暖", "垃圾清运", "路灯", "漏水"][(i / 5) % 6],
        );
    }
    let yaml = guess(&tmp, "12345.csv", csv.as_bytes());
    let line = line(&yaml, "column: \"满意度\"");
    assert!(line.contains("scale: [1, 3], top_box: 2"), "{line}");
    for mark in ["\"无法联系\"", "\"/\"", "\"——\""] {
        assert!(line.contains(mark), "{mark} is no answer: {line}");
    }
    // 满意 + 基本满意 over those who rated.
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    let rate = format!("overall,all,csat,{},{:.4},", counts.1, 100.0 * counts.0 as f64 / counts.1 as f64);
    assert!(metrics.contains(&rate), "{rate}\n{metrics}");
}

/// Zendesk's satisfaction export beside a store's number and name: `Satisfaction Reason`
/// (picked after a Bad rating) is no segment, `Replies` is a count (not "the company's
/// replies"), and of `Store No` and `Store` — the same groups under two names — the one in
/// words is the breakdown.
#[test]
fn a_rating_reason_a_reply_count_and_a_second_name_for_the_same_groups_are_left_out() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(31);
    let stores = [("101", "Downtown"), ("102", "Airport"), ("103", "Mall"), ("104", "Station")];
    let mut csv = String::from("Ticket ID,Created at,Store No,Store,Satisfaction Score,Satisfaction Reason,Replies\n");
    for i in 0..240 {
        let (no, store) = stores[r.below(4) as usize];
        let good = r.below(3) > 0;
        let reason = if good { "" } else { ["The issue was not resolved", "Took too long", "Rude agent"][i % 3] };
        csv += &format!(
            "{},2024-03-{:02} 10:00,{no},{store},{},{reason},{}\n",
            100_000 + i,
            1 + i % 28,
            if good { "Good" } else { "Bad" },
            1 + r.below(9)
        );
    }
    let yaml = guess(&tmp, "zendesk.csv", csv.as_bytes());
    has(
        &yaml,
        &[
            "column: \"Store\"",
            "\"Store No\": the same groups as column `Store`",
            "\"Satisfaction Reason\": the reason picked for a rating",
            "\"Replies\": a count",
        ],
    );
    lacks(&yaml, &["column: \"Store No\"", "column: \"Satisfaction Reason\""]);
}

/// 问卷星's `总分` (a quiz's points summed over its questions, dozens of values) is a sum: no
/// rating and no breakdown of 31 pages.
#[test]
fn a_quizs_total_of_points_is_no_breakdown() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(37);
    let mut csv = String::from("序号,提交答卷时间,您向朋友推荐我们的可能性有多大？,总分\n");
    for i in 0..200 {
        csv += &format!("{},2024/3/{} 10:00:00,{},{}\n", i + 1, 1 + i % 28, r.below(11), 10 + r.below(31));
    }
    let yaml = guess(&tmp, "123_0_调查_6_6.csv", csv.as_bytes());
    has(&yaml, &["\"总分\": a count or measure"]);
    lacks(&yaml, &["column: \"总分\""]);
}

/// A Freshdesk ticket export: the ticket's creation dates it (not the agent's first response
/// or its closing), its durations and counts of replies are measures (no date, score or
/// group), its CSAT words are the score, and its subject lines, what the customer wrote,
/// are comments rather than a breakdown of hundreds of values.
#[test]
fn a_ticket_export_is_dated_by_creation_and_its_durations_and_counts_are_measures() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(17);
    let mut csv = String::from("Ticket ID,Subject,Status,Priority,Created time,Resolved time,Initial response time,First response time (in hrs),Resolution time (in hrs),Agent interactions,Customer interactions,Survey results\n");
    let topics = [
        "Charged twice",
        "Refund not received",
        "Cannot log in",
        "Order arrived damaged",
        "App crashes on checkout",
        "Change delivery address",
    ];
    let results = ["Extremely happy", "Happy", "Neutral", "Unhappy", "Extremely unhappy", ""];
    for i in 0..400 {
        let day = 1 + i % 28;
        csv += &format!(
            "{},{} #{},{},{},2024-0{}-{day:02} 09:{:02}:00,2024-0{}-{day:02} 18:00:00,2024-0{}-{day:02} 11:00:00,{}.{:02},{}.{:02},{},{},{}\n",
            10_000 + i,
            topics[i % topics.len()],
            r.below(90),
            ["Open", "Closed", "Resolved"][i % 3],
            ["Low", "Medium", "High"][i % 3],
            1 + i % 6,
            r.below(60),
            1 + i % 6,
            1 + i % 6,
            r.below(24),
            r.below(100),
            r.below(90),
            r.below(100),
            1 + r.below(6),
            1 + r.below(6),
            results[r.below(6) as usize],
        );
    }
    let (yaml, said) = guess_said(&tmp, "freshdesk_tickets.csv", csv.as_bytes());
    has(&yaml, &["date: \"Created time\"", "column: \"Survey results\"", "comment: \"Subject\""]);
    lacks(&yaml, &["column: \"Customer interactions\"", "Agent interactions\n", "date_format"]);
    for measure in
        ["First response time (in hrs)", "Resolution time (in hrs)", "Agent interactions", "Customer interactions"]
    {
        assert!(
            said.contains(&format!("{measure:<24} left out: a count or measure"))
                || said.contains(&format!("{measure} left out: a count or measure")),
            "{measure}: {said}"
        );
    }
    assert!(said.contains("Initial response time    left out: another date column; `Created time` is used"), "{said}");
}

/// Answers to an open question (`What could we improve?`) are the comment even when some
/// of them hold an e-mail address or a phone number (redacted when shown), and a German
/// `Kundenname` is a person's name, never a breakdown.
#[test]
fn an_open_question_with_contact_details_in_some_answers_is_a_comment_and_kundenname_is_personal() {
    let tmp = TempDir::new();
    let mut r = Lcg::new(5);
    let mut csv = String::from("ID,Kundenname,Filiale,Score,What could we improve?\n");
    let names = ["Müller, Jürgen", "Becker, Anna", "Schmidt, Käthe", "Weber, Tom", "Wagner, Lena"];
    let answers = [
        "Faster delivery would be great, it took a week.",
        "The app is slow when I search for products.",
        "Nothing really, the staff were lovely.",
        "Please call me back on 0171 2345678, nobody answered my complaint.",
        "Write to me at anna.becker@example.de about the refund.",
        "Cheaper shipping for small orders.",
    ];
    for i in 0..300 {
        csv += &format!(
            "{},\"{}\",{},{},\"{} {}\"\n",
            i + 1,
            names[i % names.len()],
            ["Berlin Mitte", "Hamburg Altona", "München Ost"][i % 3],
            r.below(11),
            answers[r.below(answers.len() as u64) as usize],
            ["Thanks.", "Regards", "Cheers!", "", "Danke", "Best"][r.below(6) as usize],
        );
    }
    let (yaml, said) = guess_said(&tmp, "filialen.csv", csv.as_bytes());
    has(&yaml, &["comment: \"What could we improve?\""]);
    assert!(said.contains("Kundenname") && said.contains("left out: personal data (a person's name)"), "{said}");
    lacks(&yaml, &["column: Kundenname", "from_column: Kundenname"]);
}

/// A skipped checkbox question of 问卷星 is no answer: its "按序号" export writes `-3` in each
/// option's column, its "按选项文本" export `(跳过)` in the joined column. Both had counted the
/// skip as an answer (`-3` ticked every option, `(跳过)` became an option of its own) and put
/// the skippers in every share's base. 120 rows: rows 0–29 skipped; of the 90 who answered,
/// option k is ticked on rows where (i + k) % 3 != 0, 60 of 90 each: 66.6667 %.
#[test]
fn a_skipped_checkbox_question_of_wenjuanxing_is_no_answer_in_either_export() {
    let options = ["价格", "品质", "服务"];
    let ticked = |i: usize, k: usize| i >= 30 && !(i + k).is_multiple_of(3);
    let ticks = |i: usize| -> Vec<usize> { (0..3).filter(|&k| ticked(i, k)).collect() };
    assert!((30..120).all(|i| ticks(i).len() == 2), "each answerer ticks two options");
    // By number: a column per option, 1 / 0, -3 when skipped.
    let tmp = TempDir::new();
    let mut csv = String::from("序号,提交答卷时间,1、您向朋友推荐我们的可能性有多大？,3(价格),3(品质),3(服务)\n");
    for i in 0..120 {
        let cells: Vec<String> =
            (0..3).map(|k| if i < 30 { "-3".to_string() } else { u8::from(ticked(i, k)).to_string() }).collect();
        csv += &format!("{},2024/3/{} 10:00:00,{},{}\n", i + 1, 1 + i % 28, i % 11, cells.join(","));
    }
    let (yaml, said) = guess_said(&tmp, "wjx_numbers.csv", csv.as_bytes());
    assert!(said.contains("multi-select option `价格`"), "{said}");
    has(&yaml, &["columns: { \"价格\": \"3(价格)\""]);
    for o in options {
        assert_overall_row(&tmp, &format!("_{o},90,66.6667"));
    }
    // By text: one joined column, `(跳过)` when skipped.
    let tmp = TempDir::new();
    let mut csv = String::from("序号,提交答卷时间,1、您向朋友推荐我们的可能性有多大？,3、您选择本店的原因是？\n");
    for i in 0..120 {
        let cell = if i < 30 {
            "(跳过)".to_string()
        } else {
            ticks(i).iter().map(|&k| options[k]).collect::<Vec<_>>().join("┋")
        };
        csv += &format!("{},2024/3/{} 10:00:00,{},{cell}\n", i + 1, 1 + i % 28, i % 11);
    }
    let (yaml, _) = guess_said(&tmp, "wjx_text.csv", csv.as_bytes());
    has(&yaml, &["separator: \"┋\""]);
    lacks(&yaml, &["跳过"]);
    for o in options {
        assert_overall_row(&tmp, &format!("_{o},90,66.6667"));
    }
}

/// A checkbox question whose header says it takes several answers (`（多选）`) joins them with
/// a comma or `、` (金数据, 麦客): a multi-select, not a breakdown by every combination. 96
/// rows, each of the 3 options on the rows where i % 4 != k (72 of 96, 75 %).
#[test]
fn answers_joined_by_commas_under_a_header_that_says_multiple_choice_are_a_multi_select() {
    let options = ["配送快", "客服热情", "品质好"];
    for sep in [", ", "，", "、"] {
        let tmp = TempDir::new();
        let mut csv = String::from("序号,您有多大可能向朋友推荐我们？,您最满意的方面（多选）,提交时间\n");
        for i in 0..96 {
            let cell: Vec<&str> = (0..3).filter(|k| i % 4 != *k).map(|k| options[k]).collect();
            csv += &format!("{},{},\"{}\",2025-02-{:02} 10:00:00\n", i + 1, i % 11, cell.join(sep), 1 + i % 28);
        }
        let (yaml, said) = guess_said(&tmp, "jinshuju.csv", csv.as_bytes());
        assert!(said.contains("multi-select (3 options)"), "{sep}: {said}");
        lacks(&yaml, &["from_column: \"您最满意"]);
        for o in options {
            assert_overall_row(&tmp, &format!("_{o},96,75.0000"));
        }
    }
}

/// A review platform masks its users' handles (`大***1`): still a customer's, so left out,
/// whatever the column is called; before, `网友` was a breakdown with a page per handle.
#[test]
fn masked_user_handles_are_personal_data_whatever_the_header() {
    let tmp = TempDir::new();
    let mut csv = String::from("网友,评分,评价内容,发布时间\n");
    for i in 0..60 {
        let handle = format!("{}***{}", ["大", "小", "老", "阿"][i % 4], i % 7);
        csv += &format!("{handle},{},味道不错 {i},2025-03-{:02}\n", 1 + i % 5, 1 + i % 28);
    }
    let (yaml, said) = guess_said(&tmp, "dianping.csv", csv.as_bytes());
    assert!(said.contains("personal data"), "{said}");
    lacks(&yaml, &["from_column: \"网友\"", "- \"网友\""]);
    assert_site_lacks(&tmp, &["大***", "小***"]);
}

/// A report that writes a group's name on its first row only (Salesforce's grouped reports)
/// leaves the column blank on most rows: init says so, and how to keep it, instead of "3
/// different values: too many to break down by".
#[test]
fn a_grouping_written_on_each_group_s_first_row_only_is_left_out_saying_why() {
    let tmp = TempDir::new();
    let mut csv = String::from("Case Owner,Case Number,Date Closed,Satisfaction\n");
    for i in 0..90 {
        let owner = if i % 30 == 0 { ["Ann Lee", "Bo Chen", "Cy Park"][i / 30] } else { "" };
        csv += &format!("{owner},{},2025-03-{:02},{}\n", 10_000 + i, 1 + i % 28, 1 + i % 5);
    }
    let (_, said) = guess_said(&tmp, "report.csv", csv.as_bytes());
    assert!(said.contains("filled on 3 of 90 rows only"), "{said}");
    assert!(said.contains("Fill it down"), "{said}");
}

/// 大众点评 writes a review's aspect ratings as text (`口味：好 环境：一般 服务：非常好`): no comment
/// (every row had counted two, and the ratings were quoted as what customers said), left out
/// saying what it is; the review's own text stays the comment.
#[test]
fn aspect_ratings_written_as_text_are_no_comment() {
    let tmp = TempDir::new();
    let words = ["非常好", "很好", "好", "一般", "差"];
    let mut csv = String::from("评分,分项评分,评价内容,发布时间\n");
    for i in 0..60 {
        csv += &format!(
            "{},口味：{} 环境：{} 服务：{},这家店的菜很好吃，服务也周到，第{i}次来,2025-03-{:02}\n",
            1 + i % 5,
            words[i % 5],
            words[(i / 5) % 5],
            words[(i / 2) % 5],
            1 + i % 28
        );
    }
    let (yaml, said) = guess_said(&tmp, "dianping.csv", csv.as_bytes());
    assert!(said.contains("ratings of several aspects written as text"), "{said}");
    has(&yaml, &["comment: \"评价内容\""]);
    lacks(&yaml, &["comment: [", "- \"分项评分\""]);
    assert_site_lacks(&tmp, &["环境："]);

    // Pros and cons in the customers' own words, under labels every row repeats: a comment.
    let tmp = TempDir::new();
    let pros =
        ["便宜", "好吃", "位置方便", "环境干净", "上菜快", "分量足", "服务热情", "停车方便", "有包间", "装修好看"];
    let cons = ["排队久", "太吵", "偏咸", "贵了点", "服务慢", "座位挤", "油腻", "没有停车位", "菜量少", "上菜慢"];
    let mut csv = String::from("评分,评价,发布时间\n");
    for i in 0..60 {
        csv +=
            &format!("{},优点：{} 缺点：{},2025-03-{:02}\n", 1 + i % 5, pros[i % 10], cons[(i / 3) % 10], 1 + i % 28);
    }
    let (yaml, _) = guess_said(&tmp, "proscons.csv", csv.as_bytes());
    has(&yaml, &["comment: \"评价\""]);
}

/// 问卷星 joins a checkbox question's answers with `┋` even under a `（多选）` header, and an
/// option may hold a `、`: split at `┋`, never at the option's own comma. 90 rows, each
/// ticking two of three options (60 of 90, 66.6667 %).
#[test]
fn a_multiple_choice_header_does_not_split_wenjuanxing_answers_at_an_option_s_comma() {
    let tmp = TempDir::new();
    let options = ["价格、优惠", "服务", "环境"];
    let mut csv = String::from("序号,提交答卷时间,1、推荐的可能性,2、您选择本店的原因（多选）\n");
    for i in 0..90 {
        let cell: Vec<&str> = (0..3).filter(|k| (i + k) % 3 != 0).map(|k| options[k]).collect();
        csv += &format!("{},2024/3/{} 10:00:00,{},{}\n", i + 1, 1 + i % 28, i % 11, cell.join("┋"));
    }
    let (yaml, _) = guess_said(&tmp, "wjx.csv", csv.as_bytes());
    has(&yaml, &["separator: \"┋\"", "\"价格、优惠\"", "\"服务\", \"环境\""]);
    let metrics = fs::read_to_string(tmp.path().join("project/public/data/metrics.csv")).unwrap();
    assert_eq!(
        metrics.lines().filter(|l| l.starts_with("overall,all,") && l.contains(",90,66.6667,")).count(),
        3,
        "{metrics}"
    );
}
