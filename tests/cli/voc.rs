//! Voice of the customer: a text-only dataset builds, comments carry themes and sentiment,
//! data/comments.csv follows its contract and groups under min_n show no text.

use std::fmt::Write as _;

use crate::support::Project;

/// A survey (30 scored rows at `web`) and a forum of comments alone: 30 complaints about slow
/// delivery and 10 praises of friendly staff at `delivery`, 5 posts at `web`.
fn write_project(dir: &std::path::Path) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        r#"title: VoC
min_n: 30
journey:
  stages:
    - id: buy
      name: Buy
      touchpoints: [{ id: web, name: Web }, { id: delivery, name: Delivery }]
datasets:
  - id: survey
    path: data/survey.csv
    columns: { respondent: id, date: date, touchpoint: tp }
    scores:
      nps: { column: nps }
  - id: forum
    path: data/forum.csv
    columns: { date: date, touchpoint: board, comment: text }
"#,
    )
    .unwrap();
    let mut survey = String::from("id,date,tp,nps\n");
    for i in 0..30 {
        let _ = writeln!(survey, "R{i},2025-03-01,web,{}", i % 11);
    }
    std::fs::write(dir.join("data/survey.csv"), survey).unwrap();
    let mut forum = String::from("date,board,text\n");
    for i in 0..30 {
        let _ = writeln!(forum, "2025-03-{:02},delivery,送货太慢了，很失望 {i}", 1 + i % 28);
    }
    for _ in 0..10 {
        forum.push_str("2025-03-02,delivery,Friendly staff and great service\n");
    }
    for _ in 0..5 {
        forum.push_str("2025-03-02,web,=HYPERLINK(\"x\") the website login is broken call 13812345678\n");
    }
    std::fs::write(dir.join("data/forum.csv"), forum).unwrap();
}

#[test]
fn a_text_only_dataset_builds_and_its_comments_are_tagged_in_comments_csv() {
    let p = Project::written("voc", write_project);
    p.build().expect(0);
    let csv = p.built("data/comments.csv");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("dataset,row,touchpoint,period,sentiment,themes,text,question"));
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    // 12 texts of each sentiment are kept per touchpoint and theme (the same 12 of the 30
    // different complaints: smallest hashes of one set), and the 10 praises, one text, once.
    let negative: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "negative").collect();
    let positive: Vec<&Vec<String>> = rows.iter().filter(|r| r[4] == "positive").collect();
    assert_eq!((negative.len(), positive.len(), rows.len()), (12, 1, 13), "{csv}");
    for r in &negative {
        assert_eq!(
            (r[0].as_str(), r[2].as_str(), r[3].as_str(), r[5].as_str()),
            ("forum", "delivery", "2025-03", "delivery;waiting")
        );
        assert!(r[6].starts_with("送货太慢了"));
        // `row` is the record's line in forum.csv: line 2 holds the first post.
        let n: u64 = r[6].rsplit(' ').next().unwrap().parse().unwrap();
        assert_eq!(r[1], (n + 2).to_string());
    }
    assert!(positive.iter().all(|r| r[5] == "staff" && r[1].parse::<u64>().unwrap() >= 32));
    // The 5 posts at `web` are under min_n: not written.
    assert!(!csv.contains("HYPERLINK") && !csv.contains("1381234"), "{csv}");
    let page = p.built("touchpoints/delivery.html");
    assert!(page.contains("Themes in comments"), "the delivery page has no themes section");
    // Delivery: 30 of 40 comments (75 %), all negative.
    assert!(page.contains("<th scope=\"row\">Delivery</th><td class=\"num\">30</td><td class=\"num\">75%</td><td class=\"num\">100%</td><td class=\"num\">0%</td>"), "{page}");
    let web = p.built("touchpoints/web.html");
    assert!(!web.contains("Themes in comments") && !web.contains("website login"));
}

/// Comments in Japanese and Korean are not read as Chinese, nor German as English: neutral,
/// no theme, no keyword, counted, and a warning says how many and where. Before, `待ち時間が長すぎる` ("the wait is
/// far too long") was positive and its kanji Chinese keywords; Korean complaints neutral
/// without a word.
#[test]
fn comments_in_japanese_or_korean_are_counted_but_not_read_as_chinese() {
    let p = Project::written("voc", |dir| {
        write_project(dir);
        let mut forum = std::fs::read_to_string(dir.join("data/forum.csv")).unwrap();
        // Lines 47–86: 20 Japanese complaints about the wait, 20 Korean ones about delivery.
        for i in 0..20 {
            let _ = writeln!(forum, "2025-03-03,delivery,待ち時間が長すぎる、配達が遅い {i}");
        }
        for i in 0..20 {
            let _ = writeln!(forum, "2025-03-04,delivery,배송이 너무 늦었어요 {i}");
        }
        // Lines 87–96: German, which English weights would score at random.
        for i in 0..10 {
            let _ = writeln!(forum, "2025-03-05,delivery,Die Lieferung war leider sehr spät und nicht gut {i}");
        }
        std::fs::write(dir.join("data/forum.csv"), forum).unwrap();
    });
    p.build().expect(0).stderr_has(&[
        "comments the text analysis does not read (10 in German, the first at line 87; 20 in Japanese, the first at line 47; 20 in Korean, the first at line 67)",
    ]);
    let csv = p.built("data/comments.csv");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let unread: Vec<&Vec<String>> =
        rows.iter().filter(|r| r[6].contains("待ち") || r[6].contains("배송") || r[6].contains("Lieferung")).collect();
    assert!(!unread.is_empty(), "{csv}");
    assert!(unread.iter().all(|r| r[4] == "neutral" && r[5].is_empty()), "{unread:?}");
    // The delivery page counts 90 comments: 30 Chinese complaints, 10 praises, 50 unread.
    let page = p.built("touchpoints/delivery.html");
    assert!(
        page.contains("<th scope=\"row\">Delivery</th><td class=\"num\">30</td><td class=\"num\">33%</td>"),
        "{page}"
    );
    let keywords = p.built("data/keywords.csv");
    assert!(!["时间", "待", "배송", "lieferung", "spät"].iter().any(|w| keywords.contains(w)), "{keywords}");
}

#[test]
fn a_theme_of_fewer_than_min_n_mentions_shows_no_sentiment_shares_on_a_group_page() {
    // Guards the audit's "67% negative" of 3 comments on a store page, while the themes page
    // and the table of questions show a share only from min_n (here 30) mentions.
    let p = Project::written("voc", write_project);
    p.build().expect(0);
    let page = p.built("touchpoints/delivery.html");
    // Staff: 10 praises of 40 comments (25 %), under min_n: its share of comments, no mood.
    let staff = "<th scope=\"row\">Staff</th><td class=\"num\">10</td><td class=\"num\">25%</td><td class=\"num\">–</td><td class=\"num\">–</td>";
    assert!(page.contains(staff), "{page}");
    // …and no bar that draws the 100 % positive the cells leave out.
    let row = &page[page.find(staff).unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(!row.contains("class=\"ci "), "{row}");
}

#[test]
fn a_group_whose_every_theme_is_under_min_n_mentions_shows_no_sentiment_columns_but_says_why() {
    // The audit's store pages: a themes table whose every sentiment cell was "–" and every bar
    // empty. With min_n 35, delivery's 40 comments are shown, its Delivery theme (30 mentions)
    // and Staff (10) are both under it: mentions and shares, no sentiment columns, a note.
    let p = Project::written("voc", write_project);
    p.replace("cxsite.yaml", "min_n: 30", "min_n: 35");
    p.build().expect(0);
    let page = p.built("touchpoints/delivery.html");
    assert!(
        page.contains("<tr><th scope=\"row\">Delivery</th><td class=\"num\">30</td><td class=\"num\">75%</td></tr>"),
        "{page}"
    );
    assert!(!page.contains("Negative (left) · positive (right)"), "{page}");
    assert!(page.contains("No theme here has enough mentions"), "{page}");
}

/// The rows of `comments.csv` as (question, text), header left out.
fn comment_rows(csv: &str) -> Vec<(String, String)> {
    csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap())
        .map(|r| (r[7].to_string(), r[6].to_string()))
        .collect()
}

/// Two comment columns in one dataset (`tests/fixtures/comments_two`): 30 rows answer
/// `like_best` ("The staff were friendly and helpful") and rows 1–20 `like_least` ("The queue
/// was slow…"). By hand: the checkout page counts 50 comments, 30 (60 %) liked, all positive,
/// and 20 (40 %) disliked, all negative; comments.csv keeps each question's text, with its
/// question id.
#[test]
fn two_comment_columns_are_counted_and_shown_with_their_labels() {
    let p = Project::new("comments_two");
    let run = p.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = p.built("touchpoints/checkout.html");
    for row in [
        "<tr><th scope=\"row\">liked</th><td class=\"num\">30</td><td class=\"num\">60%</td><td class=\"num\">0%</td><td class=\"num\">100%</td><td>Staff</td></tr>",
        "<tr><th scope=\"row\">disliked</th><td class=\"num\">20</td><td class=\"num\">40%</td><td class=\"num\">100%</td><td class=\"num\">0%</td><td>Waiting</td></tr>",
    ] {
        assert!(page.contains(row), "missing {row} in {page}");
    }
    assert!(page
        .contains("<q dir=\"auto\">The queue was slow and the wait was terrible</q> <span class=\"meta\"><span>disliked</span>&nbsp;· "));
    assert!(page.contains(
        "<q dir=\"auto\">The staff were friendly and helpful</q> <span class=\"meta\"><span>liked</span>&nbsp;· "
    ));
    let csv = p.built("data/comments.csv");
    assert!(csv.starts_with("dataset,row,touchpoint,period,sentiment,themes,text,question\n"));
    let rows = comment_rows(&csv);
    let best: Vec<_> = rows.iter().filter(|r| r.0 == "like_best").collect();
    let least: Vec<_> = rows.iter().filter(|r| r.0 == "like_least").collect();
    // Each question's one text, written on every row, is kept once per sample it enters: the
    // liked text in the positive samples (one comment: the smallest hash of the same rows), the
    // disliked one in the negative sample and, from a promoter's row, "worth reading".
    assert_eq!(best.len(), 1, "{csv}");
    assert!((1..=2).contains(&least.len()), "{csv}");
    assert!(best.iter().all(|r| r.1.starts_with("The staff")) && least.iter().all(|r| r.1.starts_with("The queue")));

    // The labels of the site's locale.
    p.replace("cxsite.yaml", "min_n: 10", "min_n: 10\nlocale: zh-CN");
    assert_eq!(p.build().code, 0);
    let page = p.built("touchpoints/checkout.html");
    assert!(
        page.contains("<tr><th scope=\"row\">喜欢</th><td class=\"num\">30</td>")
            && page.contains("<tr><th scope=\"row\">不喜欢</th><td class=\"num\">20</td>")
    );

    // A bare list: each question labelled with its column.
    p.replace(
        "cxsite.yaml",
        "      comment:\n        - column: like_best\n          label: { en: liked, zh-CN: 喜欢 }\n        - { column: like_least, label: { en: disliked, zh-CN: 不喜欢 } }",
        "      comment: [like_best, like_least]",
    );
    assert_eq!(p.build().code, 0);
    let page = p.built("touchpoints/checkout.html");
    assert!(
        page.contains("<tr><th scope=\"row\">like_best</th><td class=\"num\">30</td>")
            && page.contains("<tr><th scope=\"row\">like_least</th><td class=\"num\">20</td>")
    );

    // Comments that answer only one of the questions: no table (its one row would say 100%),
    // but each verbatim still says which question it answers.
    let visits = std::fs::read_to_string(p.path("data/visits.csv")).unwrap();
    let one: String = visits
        .lines()
        .enumerate()
        .map(|(i, l)| if i == 0 { format!("{l}\n") } else { format!("{},\n", l.rsplit_once(',').unwrap().0) })
        .collect();
    std::fs::write(p.path("data/visits.csv"), one).unwrap();
    assert_eq!(p.build().code, 0);
    let page = p.built("touchpoints/checkout.html");
    assert!(!page.contains("voc-questions") && page.contains("voc-themes"), "{page}");
    assert!(
        page.contains(
            "<q dir=\"auto\" lang=\"en\">The staff were friendly and helpful</q> <span class=\"meta\"><span>like_best</span>&nbsp;· "
        ),
        "{page}"
    );
}

/// Without `text:` the pages still show each touchpoint's sample of comments; comments.csv,
/// "the verbatims the site shows", held only its header. It now holds those verbatims (as
/// the touchpoint page shows them: a text once), with no sentiment it did not compute.
#[test]
fn without_text_analysis_comments_csv_holds_the_verbatims_the_pages_show() {
    let p = Project::written("plain_comments", |dir| {
        std::fs::create_dir_all(dir.join("data")).unwrap();
        std::fs::write(
            dir.join("cxsite.yaml"),
            r#"title: Plain comments
min_n: 3
journey:
  stages:
    - { id: buy, name: Buy, touchpoints: [{ id: web, name: Web }, { id: shop, name: Shop }] }
datasets:
  - id: survey
    path: data/survey.csv
    columns: { date: date, touchpoint: tp, comment: comment }
    scores: { nps: { column: nps } }
"#,
        )
        .unwrap();
        let mut survey = String::from("date,tp,nps,comment\n");
        for i in 0..6 {
            let _ = writeln!(survey, "2025-03-01,web,{},Checkout was slow {i}", i % 11);
        }
        // Two comments at the shop: under min_n, shown nowhere.
        survey.push_str("2025-03-01,shop,9,Lovely shop\n2025-03-01,shop,9,Lovely shop too\n2025-03-01,shop,9,\n");
        std::fs::write(dir.join("data/survey.csv"), survey).unwrap();
    });
    p.build().expect(0);
    let csv = p.built("data/comments.csv");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(csv.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 6, "{csv}");
    for r in &rows {
        assert_eq!((r[2].as_str(), r[4].as_str(), r[5].as_str()), ("web", "", ""), "{r:?}");
        assert!(r[6].starts_with("Checkout was slow"), "{r:?}");
    }
    let page = p.built("touchpoints/web.html");
    for r in &rows {
        assert!(page.contains(&r[6]), "{} is not on the touchpoint page", r[6]);
    }
}

/// A project of comments alone (forum posts, `text: {}`), min_n 3: 4 posts at `web` over two
/// months (3 about slow delivery, 1 praising friendly staff), 2 at `app` (below min_n).
fn write_forum(dir: &std::path::Path, locale: &str) {
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::write(
        dir.join("cxsite.yaml"),
        format!("title: Forum\nlocale: {locale}\nmin_n: 3\njourney:\n  stages:\n    - id: buy\n      name: Buy\n      touchpoints:\n        - {{ id: web, name: Website }}\n        - {{ id: app, name: App }}\ndatasets:\n  - id: posts\n    path: data/posts.csv\n    columns: {{ date: date, comment: comment, touchpoint: tp }}\ntext: {{}}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.join("data/posts.csv"),
        "date,tp,comment\n2024-01-03,web,Delivery was very slow and late\n2024-01-09,web,The delivery took forever and was slow\n2024-02-04,web,Slow delivery again very late\n2024-02-11,web,Friendly staff were really helpful\n2024-01-05,app,The app crashed twice\n2024-02-05,app,App keeps crashing badly\n",
    )
    .unwrap();
}

#[test]
fn a_project_of_comments_alone_shows_its_comments_and_says_in_words_what_customers_talk_about() {
    let p = Project::written("forum", |dir| write_forum(dir, "en"));
    p.build().expect(0);
    // Web: 4 comments ≥ min_n and no ratings: its comments are shown, and the note says the
    // figures are what is missing, not the comments.
    let web = p.built("touchpoints/web.html");
    assert!(web.contains("No ratings for this touchpoint yet"), "{web}");
    assert!(web.contains("Friendly staff were really helpful"), "{web}");
    assert!(!web.contains("comments appear once customers rate it"), "{web}");
    // App: 2 comments < min_n: nothing shown, and the note says what each part waits for.
    let app = p.built("touchpoints/app.html");
    assert!(app.contains("its comments once it has at least 3 comments"), "{app}");
    assert!(!app.contains("crash"), "{app}");
    // Two months of comments but no score: no trends page, and no link to one.
    assert!(!p.public().join("trends.html").exists());
    let index = p.built("index.html");
    assert!(!index.contains("trends.html"), "{index}");
    let journey = p.built("journey.html");
    assert!(journey.contains("No touchpoint has ratings in this data"), "{journey}");
    // The summary in words: 6 comments; delivery is in 3 of them, 50%.
    assert!(index.contains("In 6 comments, customers talk most about Delivery (50%)"), "{index}");
    assert!(index.contains("of the comments are negative"), "{index}");
    assert!(index.contains("Customers at Website complain most about Delivery"), "{index}");

    // No comment carries a score: the key of the score dots, and the grey "no score" dots
    // themselves, would explain nothing, so neither is shown; the comments are.
    for page in ["touchpoints/web.html", "stages/buy.html", "themes.html"] {
        let html = p.built(page);
        assert!(html.contains("Delivery was very slow and late"), "{page}: {html}");
        assert!(!html.contains("comment-key") && !html.contains("Dot: the score given"), "{page}: {html}");
        assert!(!html.contains("swatch s0"), "{page}: {html}");
    }
    // Shares of each theme by period exist for comments alone (3 comments a month ≥ min_n):
    // the themes page draws their trend as it does for a scored project.
    let themes = p.built("themes.html");
    assert!(themes.contains("id=\"theme-trends\""), "{themes}");
    assert!(themes.contains("Jan 2024") && themes.contains("Feb 2024"), "{themes}");
    // No score, so no gap: the themes table has no "with / without / Gap / Verdict" columns
    // empty in every row, nor a note explaining them; the summary and the touchpoint page have
    // no empty box where the tiles would be.
    let table = &themes[themes.find("id=\"themes\"").unwrap()..];
    let table = &table[..table.find("</figure>").unwrap()];
    assert!(!table.contains(">Gap") && !table.contains("Verdict") && !table.contains("with and without"), "{table}");
    assert!(table.contains("Negative: of the comments that mention the theme"), "{table}");
    for page in ["index.html", "touchpoints/web.html"] {
        assert!(!p.built(page).contains("class=\"tiles\""), "{page}");
    }
    // Nor does the methodology list scores under a heading over an empty table.
    assert!(!p.built("methodology.html").contains("id=\"scores\""));

    let zh = Project::written("forum", |dir| write_forum(dir, "zh-CN"));
    zh.build().expect(0);
    let themes = zh.built("themes.html");
    assert!(themes.contains("id=\"theme-trends\"") && !themes.contains("圆点表示该评论所附的评分"), "{themes}");
    let index = zh.built("index.html");
    assert!(index.contains("在6 条评论中，客户谈论最多的是"), "{index}");
    assert!(index.contains("评论中 "), "{index}");
    assert!(zh.built("touchpoints/web.html").contains("该触点暂无评分"));
}

/// Posts scraped from a web page carry character references: `&amp;` and `&nbsp;` are read as
/// what they stand for, so `amp` and `nbsp` are no keywords and the verbatims read as written
/// on the page (`&#128077;` is the thumbs-up its writer typed); `AT&T` stays as it is.
#[test]
fn character_references_of_scraped_posts_are_read_as_the_characters_they_stand_for() {
    let p = Project::written("forum", |dir| {
        write_forum(dir, "en");
        std::fs::write(
            dir.join("data/posts.csv"),
            "date,tp,comment\n2024-01-03,web,Delivery &amp; packaging were slow&nbsp;again\n2024-01-09,web,Slow delivery &amp; rude driver\n2024-02-04,web,Friendly staff &#128077;\n2024-02-11,web,AT&T signal in store &amp; wifi slow\n",
        )
        .unwrap();
    });
    p.build().expect(0);
    let keywords = std::fs::read_to_string(p.public().join("data/keywords.csv")).unwrap();
    assert!(!keywords.lines().any(|l| l.split(',').any(|c| c == "amp" || c == "nbsp")), "{keywords}");
    let comments = std::fs::read_to_string(p.public().join("data/comments.csv")).unwrap();
    assert!(comments.contains("Delivery & packaging were slow\u{a0}again"), "{comments}");
    assert!(comments.contains("Friendly staff 👍") && comments.contains("AT&T signal"), "{comments}");
    assert!(!comments.contains("&amp;") && !comments.contains("&#128077;"), "{comments}");
}

/// A quoted comment in another language than the page's carries its `lang`,
/// so a browser draws Chinese on an English page with Chinese glyphs and a screen reader
/// speaks it as Chinese; one in the page's own language carries none.
#[test]
fn a_comment_in_another_language_than_the_page_says_which() {
    let p = Project::written("voc", |dir| {
        write_project(dir);
        let mut forum = std::fs::read_to_string(dir.join("data/forum.csv")).unwrap();
        for i in 0..3 {
            let _ = writeln!(forum, "2025-03-03,delivery,待ち時間が長すぎる {i}");
        }
        std::fs::write(dir.join("data/forum.csv"), forum).unwrap();
    });
    p.build().expect(0);
    let page = p.built("touchpoints/delivery.html");
    assert!(page.contains("<q dir=\"auto\" lang=\"zh\">送货太慢了"), "{page}");
    assert!(page.contains("<q dir=\"auto\">Friendly staff"), "{page}");
    assert!(page.contains("<q dir=\"auto\" lang=\"ja\">待ち時間"), "{page}");
    // The footer links every download the site writes.
    for file in ["comments.csv", "keywords.csv", "metrics.csv", "metrics.json"] {
        assert!(page.contains(&format!("<a href=\"../data/{file}\">{file}</a>")), "{file}");
        assert!(p.public().join("data").join(file).exists(), "{file}");
    }

    let zh = Project::written("forum", |dir| write_forum(dir, "zh-CN"));
    zh.build().expect(0);
    let page = zh.built("touchpoints/web.html");
    assert!(page.contains("<q dir=\"auto\" lang=\"en\">Delivery was very slow"), "{page}");
    assert!(!page.contains("lang=\"zh\""), "Chinese on a Chinese page needs no lang");
}
