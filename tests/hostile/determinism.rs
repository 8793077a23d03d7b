//! Group 7: the same input gives byte-identical output whatever the machine's time zone,
//! locale, thread count, the order the data files were created in, and where the project
//! lives. Many groups with mixed scripts, two datasets and a lookup make any hash-ordered
//! or thread-ordered output show.

use std::collections::BTreeMap;

use crate::support::{csv_bytes, snapshot, Proj};

const YAML: &str = "title: Determinism
min_n: 5
timezone: Asia/Shanghai
journey:
  stages:
    - id: aware
      name: 认知 Aware
      touchpoints:
        - { id: ad, name: Social ad }
    - id: buy
      name: 购买 Buy
      touchpoints:
        - { id: web, name: Website }
        - { id: store, name: 门店 }
segments:
  - { from_column: tier, name: Tier }
  - { id: young, name: Young, when: \"age < 30\" }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: id, date: date, touchpoint: tp, comment: comment }
    scores:
      nps: { column: nps }
      csat: { column: csat, scale: [1, 5] }
    dimensions: [store]
  - id: hotline
    path: data/hotline.csv
    touchpoint: store
    columns: { date: date, comment: comment }
    scores:
      csat: { column: csat, scale: [1, 5] }
  - { id: crm, path: data/crm.csv, key: id }
joins:
  - { dataset: survey, column: id, to: crm }
events:
  - { date: 2024-02-10, name: 春节 campaign }
";

/// The three data files, as (name, bytes), in a fixed order.
fn data() -> Vec<(&'static str, Vec<u8>)> {
    let stores = ["上海徐汇店", "Zürich", "Ålesund", "shop-a", "Shop-A", "😀 store", "東京", "Ελλάδα", "a|b", "=x"];
    let tps = ["ad", "web", "store"];
    let survey: Vec<Vec<String>> = (0..300usize)
        .map(|i| {
            vec![
                format!("C{}", i % 120),
                // Times near midnight: the zone decides the day and so the period.
                format!("2024-{:02}-{:02} 23:{:02}", 1 + i % 4, 1 + (i * 7) % 28, i % 60),
                tps[i % 3].to_string(),
                stores[(i * 13) % stores.len()].to_string(),
                (16 + (i * 7) % 50).to_string(),
                ((i * 7) % 11).to_string(),
                (1 + (i * 3) % 5).to_string(),
                if i % 4 == 0 { format!("评论 {i} 😀 comment") } else { String::new() },
            ]
        })
        .collect();
    let hotline: Vec<Vec<String>> = (0..80usize)
        .map(|i| vec![format!("{}", 1_706_000_000 + i * 86_400 * 3), (1 + i % 5).to_string(), format!("call {i}")])
        .collect();
    let crm: Vec<Vec<String>> =
        (0..120usize).map(|i| vec![format!("C{i}"), ["gold", "silver", "金卡", "Bronze"][i % 4].to_string()]).collect();
    vec![
        ("data/survey.csv", csv_bytes(&["id", "date", "tp", "store", "age", "nps", "csat", "comment"], &survey)),
        ("data/hotline.csv", csv_bytes(&["date", "csat", "comment"], &hotline)),
        ("data/crm.csv", csv_bytes(&["id", "tier"], &crm)),
    ]
}

/// The project with its data files created in `order` (indices into [`data`]).
fn project(order: &[usize]) -> Proj {
    let p = Proj::new(YAML, &[]);
    let files = data();
    for &i in order {
        p.write(files[i].0, &files[i].1);
        // Different creation times as well as a different order.
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    p
}

/// Builds `p` into `TMP/<name>` with `env` and returns the site's files.
fn built(p: &Proj, name: &str, env: &[(&str, &str)]) -> BTreeMap<String, Option<Vec<u8>>> {
    let out = p.tmp().join(name);
    p.build_env(&out, env).expect(0);
    snapshot(&out)
}

#[track_caller]
fn assert_identical(a: &BTreeMap<String, Option<Vec<u8>>>, b: &BTreeMap<String, Option<Vec<u8>>>, what: &str) {
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>(), "{what}: different files");
    for (k, v) in a {
        assert!(b[k] == *v, "{what}: {k} differs");
    }
}

#[test]
fn the_build_machines_time_zone_does_not_change_a_byte() {
    let p = project(&[0, 1, 2]);
    let base = built(&p, "utc", &[("TZ", "UTC")]);
    assert!(base.len() > 20, "{} files", base.len());
    for tz in ["Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata"] {
        assert_identical(&base, &built(&p, &format!("tz-{}", tz.replace('/', "-")), &[("TZ", tz)]), tz);
    }
}

#[test]
fn the_build_machines_locale_does_not_change_a_byte() {
    let p = project(&[0, 1, 2]);
    let base = built(&p, "c", &[("LANG", "C"), ("LC_ALL", "C")]);
    for lang in ["zh_CN.UTF-8", "tr_TR.UTF-8", "de_DE.UTF-8"] {
        assert_identical(&base, &built(&p, &format!("l-{lang}"), &[("LANG", lang), ("LC_ALL", lang)]), lang);
    }
}

#[test]
fn the_number_of_rendering_threads_does_not_change_a_byte() {
    let p = project(&[0, 1, 2]);
    let one = built(&p, "one", &[("RAYON_NUM_THREADS", "1")]);
    let four = built(&p, "four", &[("RAYON_NUM_THREADS", "4")]);
    assert_identical(&one, &four, "RAYON_NUM_THREADS=1 vs 4");
    let sixteen = built(&p, "sixteen", &[("RAYON_NUM_THREADS", "16")]);
    assert_identical(&one, &sixteen, "RAYON_NUM_THREADS=1 vs 16");
}

#[test]
fn the_order_the_data_files_were_created_in_does_not_change_a_byte() {
    let a = project(&[0, 1, 2]);
    let b = project(&[2, 1, 0]);
    let c = project(&[1, 2, 0]);
    let sa = built(&a, "site", &[]);
    assert_identical(&sa, &built(&b, "site", &[]), "reverse creation order");
    assert_identical(&sa, &built(&c, "site", &[]), "another creation order");
}

#[test]
fn where_the_project_lives_and_where_the_site_goes_do_not_change_a_byte() {
    let a = project(&[0, 1, 2]);
    let b = project(&[0, 1, 2]);
    let sa = built(&a, "site", &[]);
    assert_identical(&sa, &built(&b, "elsewhere-with-a-longer-name", &[]), "another directory");
    // Building into PROJECT/public from inside the project, with a relative path.
    let run = crate::support::cxsite(&a.dir, ["build", "."]);
    run.expect(0);
    assert_identical(&sa, &snapshot(&a.public()), "default output, relative project path");
}

#[test]
fn two_builds_in_a_row_are_byte_identical_and_leave_nothing_else() {
    let p = project(&[0, 1, 2]);
    let first = built(&p, "site", &[]);
    let second = built(&p, "site", &[]);
    assert_identical(&first, &second, "a rebuild");
    let top: Vec<String> =
        std::fs::read_dir(p.tmp()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    let mut top = top;
    top.sort();
    assert_eq!(top, ["project", "site"]);
}

const FORUM: &str = "title: Redacted alike
min_n: 5
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints:
        - { id: web, name: Website }
        - { id: store, name: Store }
datasets:
  - id: forum
    path: data/forum.csv
    columns: { date: date, touchpoint: touchpoint, comment: comment }
";

/// 60,000 rows (3 MB: several of the reader's 1 MB chunks, so the rows are split between
/// threads): filler at the store; at the website, spread through the file, 40 complaints that
/// differ only in a mobile number (one text once redacted) and 40 other complaints.
fn redacted_alike() -> Vec<u8> {
    let mut x = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let words = ["the", "shelf", "was", "tidy", "and", "staff", "were", "kind", "to", "us", "today"];
    let bad = ["awful", "terrible", "slow", "broken", "rude", "late", "wrong", "useless"];
    let things = ["delivery", "courier", "parcel", "checkout", "payment", "refund", "support", "box"];
    let mut rows = Vec::new();
    for i in 0..60_000u64 {
        let date = format!("2025-{:02}-10", 1 + i % 9);
        let row = if i % 1500 == 0 && i / 1500 < 40 {
            let mobile = format!("138{:08}", next() % 100_000_000);
            vec![date, "web".into(), format!("Terrible delivery, call me back on {mobile} please"), "2".into()]
        } else if i % 1500 == 750 && i / 1500 < 40 {
            let pick = |list: &[&str], n: u64| list[(n % list.len() as u64) as usize].to_string();
            let text = format!(
                "{} {} and {} {}, ticket {}",
                pick(&bad, next()),
                pick(&things, next()),
                pick(&bad, next()),
                pick(&things, next()),
                i / 1500
            );
            vec![date, "web".into(), text, "3".into()]
        } else {
            let text: Vec<&str> = (0..8).map(|_| words[(next() % words.len() as u64) as usize]).collect();
            vec![date, "store".into(), format!("{} visit {i}", text.join(" ")), (i % 11).to_string()]
        };
        rows.push(row);
    }
    csv_bytes(&["date", "touchpoint", "comment", "nps"], &rows)
}

/// A sample tells texts apart by the text as written, in each thread's part and in the merge
/// alike: comparing the merge's redacted texts instead made two complaints that differ only in
/// a mobile number one text when two threads kept them and two when one did, and the pages
/// then showed different verbatims by thread count.
#[test]
fn comments_that_differ_only_in_what_redaction_hides_give_one_site_on_any_number_of_threads() {
    let csv = redacted_alike();
    assert!(csv.len() > 2 << 20, "more than two of the reader's chunks: {}", csv.len());
    // Analysed (a dataset of comments alone) and sampled plainly (a survey without `text:`).
    // The same dataset with a score and no `text:` is a survey: comments sampled per
    // touchpoint, not analysed.
    let survey = format!("{FORUM}    scores:\n      nps: {{ column: nps }}\n");
    for (yaml, what) in [(FORUM, "analysed"), (survey.as_str(), "plain")] {
        let p = Proj::new(yaml, &[("data/forum.csv", &csv)]);
        let one = built(&p, "one", &[("RAYON_NUM_THREADS", "1")]);
        for threads in ["2", "3"] {
            let other = built(&p, &format!("t{threads}"), &[("RAYON_NUM_THREADS", threads)]);
            assert_identical(&one, &other, &format!("{what}: {threads} threads"));
        }
        // The complaint shows once, redacted, and no mobile number anywhere.
        let web = String::from_utf8(one["touchpoints/web.html"].clone().unwrap()).unwrap();
        assert_eq!(web.matches("call me back on [phone] please").count(), 1, "{what}: shown once");
        let mobile = |w: &[u8]| w.starts_with(b"138") && w[3..].iter().all(u8::is_ascii_digit);
        assert!(!one.values().flatten().any(|f| f.windows(11).any(mobile)), "{what}: a mobile number in the site");
    }
}
