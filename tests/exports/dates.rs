//! Day-first dates (`exports_dates`, min_n 3, `date_format: DD/MM/YYYY`). By file line:
//!   2 UK-01 05/03/2024 10     3 UK-02 12/03/2024 9     4 UK-03 13/03/2024 3
//!   5 UK-04 01/04/2024 8      6 UK-05 31/03/2024 6     7 UK-06 2024-04-02 10 (ISO, typed by hand)

use crate::support::Project;

const UNREADABLE: &str = "not a date";

#[test]
fn with_date_format_dd_mm_yyyy_05_03_2024_is_the_fifth_of_march() {
    let site = Project::new("exports_dates").built();
    // Day first: 5, 12, 13 and 31 March, 1 April, and the ISO 2 April.
    assert_eq!(site.data_period(), ["2024-03-05", "2024-04-02"]);
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);
    // March: UK-01 10, UK-02 9, UK-03 3, UK-05 6 → 2 promoters, 2 detractors → 0; n' = 7,
    // p' = d' = 2.75/7, SE 33.5030.
    assert_eq!(site.cells("period", "2024-03", "nps"), ["4", "0.0000", "-65.6646", "65.6646"]);
    // April: UK-04 8, UK-06 10 → n 2 < 3.
    assert_eq!(site.cells("period", "2024-04", "nps"), ["2", "", "", ""]);
    // NPS 10 9 3 8 6 10: 3 and 2 → 16.6667.
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    let q = site.quality("responses");
    assert_eq!(q.column("Submitted"), [6, 0, 0, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
}

#[test]
fn without_date_format_day_first_dates_are_counted_as_unreadable_not_guessed() {
    let p = Project::new("exports_dates");
    p.replace("cxsite.yaml", "    date_format: DD/MM/YYYY\n", "");
    let site = p.built();
    let q = site.quality("responses");
    // Only UK-06's ISO date is read.
    assert_eq!(q.column("Submitted"), [1, 0, 0, 5]);
    let (n, examples) = q.tally("problems", "Submitted: unreadable date");
    assert_eq!(n, 5);
    // The column's hint names the date_format that reads its dates (issue 12), once, not per
    // example: 05/03 could be either way round, but 31/03 can only be day first, so day first
    // reads them all.
    assert_eq!(examples[0], format!("data/responses.csv:2:Submitted: \"05/03/2024\" — {UNREADABLE}"));
    assert_eq!(examples[4], format!("data/responses.csv:6:Submitted: \"31/03/2024\" — {UNREADABLE}"));
    assert_eq!(
        q.0["problems"]["Submitted: unreadable date"]["hint"],
        "set `date_format: DD/MM/YYYY` on the dataset to read them"
    );
    // `check` gives the hint once, and so does the build, as a warning.
    let check = p.check();
    assert_eq!(check.stdout.matches("hint: set `date_format: DD/MM/YYYY`").count(), 1, "{}", check.stdout);
    let build = p.build();
    assert_eq!(build.stderr.matches("date_format: DD/MM/YYYY").count(), 1, "{}", build.stderr);
    assert!(build.stderr.contains("5 dates of column `Submitted` could not be read"), "{}", build.stderr);
    // The answers still count everywhere but in the periods.
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
    assert_eq!(site.groups("period"), ["2024-04"]);
    assert_eq!(site.cells("period", "2024-04", "nps")[0], "1");
    assert_eq!(site.data_period(), ["2024-04-02", "2024-04-02"]);
    // No row is rejected for its date.
    assert_eq!(q.rows(), [6, 6, 0]);
}

#[test]
fn a_month_first_date_format_on_day_first_dates_fails_at_the_first_date_that_gives_the_order_away() {
    let p = Project::new("exports_dates");
    p.replace("cxsite.yaml", "date_format: DD/MM/YYYY", "date_format: MM/DD/YYYY");
    // Read month first, 05/03 would be 3 May and 12/03 3 December; 13/03 (line 4) has no
    // month 13 but reads day first, which tells that the others were read the wrong way round.
    p.build().expect(1).stderr_has(&[
        "data/responses.csv:4",
        "column `Submitted`: \"13/03/2024\" reads only with day and month the other way round from `MM/DD/YYYY`",
        "as the dataset's `date_format` says",
        "Set `date_format: DD/MM/YYYY` on dataset `responses`",
    ]);
    p.assert_nothing_written();
}

#[test]
fn a_declared_format_counts_a_date_it_cannot_read_either_way_round() {
    let p = Project::new("exports_dates");
    p.replace("data/responses.csv", "13/03/2024", "13/13/2024");
    p.replace("data/responses.csv", "31/03/2024", "2024-99-01");
    let site = p.built();
    let q = site.quality("responses");
    assert_eq!(q.column("Submitted"), [4, 0, 0, 2]);
    // With a declared format, the hint says which format the values failed.
    assert_eq!(
        q.0["problems"]["Submitted: unreadable date"]["hint"],
        "dates must match the declared date_format DD/MM/YYYY"
    );
}

#[test]
fn a_date_format_with_a_time_reads_day_first_date_times() {
    let p = Project::new("exports_dates");
    p.edit("data/responses.csv", |b| String::from_utf8(b).unwrap().replace("/2024,", "/2024 23:45,").into_bytes());
    p.replace("cxsite.yaml", "date_format: DD/MM/YYYY", "date_format: DD/MM/YYYY HH:mm");
    let site = p.built();
    // 31/03/2024 23:45 is local time in Europe/London: still 31 March.
    assert_eq!(site.cells("period", "2024-03", "nps")[..2], ["4", "0.0000"]);
    assert_eq!(site.data_period(), ["2024-03-05", "2024-04-02"]);
    assert_eq!(site.quality("responses").column("Submitted"), [6, 0, 0, 0]);
}

#[test]
fn chinese_dates_with_a_chinese_time_of_day_land_in_the_month_written() {
    // The same answers stamped as Chinese tools and people write a date with its time, read
    // without a `date_format`, in Europe/London. A time without an offset is local, so the
    // day is the one written: 23:59 on 31 March is March, 00:05 on 1 April is April.
    let p = Project::new("exports_dates");
    p.replace("cxsite.yaml", "    date_format: DD/MM/YYYY\n", "");
    let csv = "Response,Submitted,Touchpoint,NPS\n\
               UK-01,2024年03月31日 23时59分,web,10\n\
               UK-02,2024年3月31日 下午11点30分,web,9\n\
               UK-03,2024年04月01日 00时05分30秒,web,3\n\
               UK-04,2024/4/1 上午10:15:02,web,8\n\
               UK-05,2024年3月4日 下午3:20,web,6\n\
               UK-06,2024年4月2日 10点15分,web,10\n";
    p.edit("data/responses.csv", |_| csv.as_bytes().to_vec());
    let site = p.built();
    let q = site.quality("responses");
    assert_eq!(q.column("Submitted"), [6, 0, 0, 0]);
    assert!(q.keys("problems").is_empty(), "{:#}", q.0);
    assert_eq!(site.data_period(), ["2024-03-04", "2024-04-02"]);
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);
    // March: UK-01 10, UK-02 9, UK-05 6 → 2 promoters, 1 detractor → 33.3333; n' = 6,
    // p' = 2.75/6, d' = 1.75/6, centre 16.6667, SE 34.6945.
    assert_eq!(site.cells("period", "2024-03", "nps"), ["3", "33.3333", "-51.3332", "84.6665"]);
    // April: UK-03 3, UK-04 8, UK-06 10 → 1 and 1 → 0; p' = d' = 1.75/6, SE 31.1805.
    assert_eq!(site.cells("period", "2024-04", "nps"), ["3", "0.0000", "-61.1126", "61.1126"]);
    assert_eq!(site.cells("overall", "all", "nps"), ["6", "16.6667", "-43.9339", "66.1562"]);
}
