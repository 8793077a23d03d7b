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
    // With the first by line, so the terminal alone says where to look.
    assert!(
        build.stderr.contains(
            "5 dates of column `Submitted` could not be read (first: data/responses.csv:2:Submitted: \"05/03/2024\""
        ),
        "{}",
        build.stderr
    );
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
fn a_day_the_calendar_lacks_is_called_so_not_a_format_to_set() {
    // 31 April and 29 February 2023: a typo in the export, whatever the format. With the
    // declared format the hint must not blame the format; without it, it must not suggest one.
    for declared in [true, false] {
        let p = Project::new("exports_dates");
        p.replace("data/responses.csv", "31/03/2024", "31/04/2024");
        p.replace("data/responses.csv", "01/04/2024", "29/02/2023");
        if !declared {
            p.replace("data/responses.csv", "05/03/2024", "2024-03-05");
            p.replace("data/responses.csv", "12/03/2024", "2024-03-12");
            p.replace("data/responses.csv", "13/03/2024", "2024-03-13");
            p.replace("cxsite.yaml", "    date_format: DD/MM/YYYY\n", "");
        }
        let site = p.built();
        let q = site.quality("responses");
        assert_eq!(q.column("Submitted"), [4, 0, 0, 2], "declared {declared}");
        let (n, examples) = q.tally("problems", "Submitted: unreadable date");
        assert_eq!(n, 2);
        assert_eq!(examples[0], "data/responses.csv:5:Submitted: \"29/02/2023\" — not a day of the calendar");
        assert_eq!(examples[1], "data/responses.csv:6:Submitted: \"31/04/2024\" — not a day of the calendar");
        assert_eq!(
            q.0["problems"]["Submitted: unreadable date"]["hint"],
            "dates such as \"29/02/2023\" name a day the calendar does not have: a typo? Correct them in the data, or leave the cells blank",
            "declared {declared}"
        );
        // The page says it in the site's words.
        let page = site.page("quality.html");
        assert!(page.contains("name a day the calendar does not have"), "declared {declared}");
        assert!(page.contains("not a day of the calendar"), "declared {declared}");
    }
    // Beside a date of another shape, that one still decides the hint: a format to set.
    let p = Project::new("exports_dates");
    p.replace("cxsite.yaml", "    date_format: DD/MM/YYYY\n", "");
    p.replace("data/responses.csv", "12/03/2024", "31/04/2024");
    let site = p.built();
    let q = site.quality("responses");
    assert_eq!(q.tally("problems", "Submitted: unreadable date").0, 5);
    assert_eq!(
        q.0["problems"]["Submitted: unreadable date"]["hint"],
        "set `date_format: DD/MM/YYYY` on the dataset to read them"
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

/// Medallia's `03/31/2024 09:10:00 PM EDT` under `date_format: "%m/%d/%Y %I:%M:%S %p %Z"`:
/// the zone abbreviation places the time (chrono reads `%Z` and drops it, which put every
/// row in the project's zone: all 80 in March).
#[test]
fn a_zone_abbreviation_under_date_format_z_places_the_time() {
    let site = Project::new("exports_tzabbr").built();
    // 31 March 9:10–9:49 PM EDT (UTC−4) is 1 April 01:10–01:49 UTC: 40 rows, all 10.
    // 10 March 9:10–9:49 AM EDT is 13:10–13:49 UTC the same day: 40 rows, all 0.
    let (march, april) = (40, 40);
    assert_eq!(site.groups("period"), ["2024-03", "2024-04"]);
    // March: 0 promoters, 40 detractors → −100; April: 40 promoters → +100.
    let nps = |promoters: i32, detractors: i32, n: i32| {
        format!("{:.4}", f64::from(promoters - detractors) / f64::from(n) * 100.0)
    };
    assert_eq!(site.cells("period", "2024-03", "nps")[..2], [&*march.to_string(), &*nps(0, march, march)]);
    assert_eq!(site.cells("period", "2024-04", "nps")[..2], [&*april.to_string(), &*nps(april, 0, april)]);
    assert_eq!(site.data_period(), ["2024-03-10", "2024-04-01"]);
    let q = site.quality("d");
    assert_eq!(q.column("Response Date"), [80, 0, 0, 0]);
}

/// `CST` is US Central or China Standard Time (or Cuba's): read as either, a row could move
/// a day, so the build stops at the first such cell and says how to name the column's zone —
/// after which it reads them as local times there.
#[test]
fn an_ambiguous_zone_abbreviation_stops_the_build_at_its_cell_until_the_zone_is_named() {
    let p = Project::new("exports_tzabbr");
    p.replace("data/medallia.csv", "03/10/2024 09:10:00 AM EDT", "03/10/2024 09:10:00 AM CST");
    p.build().expect(1).stderr_has(&[
        "data/medallia.csv:42",
        "data/medallia.csv:42:Response Date: \"03/10/2024 09:10:00 AM CST\" — `CST` names more than one zone",
        "America/Chicago",
        "`date_timezone: America/Chicago` under dataset `d`",
        "`Response Date (America/Chicago)`",
    ]);
    p.assert_nothing_written();
    // Named in cxsite.yaml, the file untouched: the same reading. An abbreviation there is
    // refused at load, at its line.
    p.replace("cxsite.yaml", "    columns:", "    date_timezone: CST\n    columns:");
    p.build().expect(1).stderr_has(&["cxsite.yaml:", "unknown time zone `CST` in `date_timezone`"]);
    p.replace("cxsite.yaml", "date_timezone: CST", "date_timezone: America/Chicago");
    let site = p.built();
    assert_eq!(site.cells("period", "2024-03", "nps")[0], "40");
    assert_eq!(site.cells("period", "2024-04", "nps")[0], "40");
    // Read in Shanghai instead (UTC+8), 31 March 9:10 PM is 13:10 UTC: all 80 in March.
    p.replace("cxsite.yaml", "date_timezone: America/Chicago", "date_timezone: Asia/Shanghai");
    let site = p.built();
    assert_eq!(site.groups("period"), ["2024-03"]);
    assert_eq!(site.cells("period", "2024-03", "nps")[0], "80");
    p.replace("cxsite.yaml", "    date_timezone: Asia/Shanghai\n", "");
    // Named in the header: every time is read in Chicago (CDT, UTC−5, from 10 March 3 AM):
    // 31 March 9:10 PM is 1 April 02:10 UTC; the months stay 40 and 40.
    p.replace("data/medallia.csv", "Response Date,", "Response Date (America/Chicago),");
    p.replace("cxsite.yaml", "date: Response Date", "date: \"Response Date (America/Chicago)\"");
    let site = p.built();
    assert_eq!(site.cells("period", "2024-03", "nps")[0], "40");
    assert_eq!(site.cells("period", "2024-04", "nps")[0], "40");
}

/// `%Z` anywhere but last is refused when the project loads.
#[test]
fn a_zone_abbreviation_before_the_time_is_refused_at_load() {
    let p = Project::new("exports_tzabbr");
    p.replace("cxsite.yaml", "%m/%d/%Y %I:%M:%S %p %Z", "%Z %m/%d/%Y %I:%M:%S %p");
    p.build().expect(1).stderr_has(&["`%Z` (a zone abbreviation such as EDT) must come last"]);
}

/// A monthly export (`2024-01`): each answer on its month's first day, without `date_format`
/// and with `date_format: "%Y-%m"` (refused before as naming no day).
#[test]
fn a_monthly_export_is_read_month_by_month() {
    // (month, answers, promoters, detractors), counted from the file.
    let months = [("2024-01", 35, 5, 25), ("2024-02", 29, 7, 20), ("2024-03", 26, 4, 14)];
    let nps = |p: i32, d: i32, n: i32| format!("{:.4}", f64::from(p - d) / f64::from(n) * 100.0);
    let p = Project::new("exports_monthly");
    for format in [None, Some("\"%Y-%m\""), Some("YYYY-MM")] {
        if let Some(f) = format {
            p.replace("cxsite.yaml", "    columns:", &format!("    date_format: {f}\n    columns:"));
        }
        let build = p.build();
        build.expect(0);
        assert!(!build.stderr.contains("months without their day"), "{}", build.stderr);
        let site = crate::support::Site::read(&p.public());
        assert_eq!(site.groups("period"), ["2024-01", "2024-02", "2024-03"], "{format:?}");
        for (month, n, promoters, detractors) in months {
            let cells = site.cells("period", month, "nps");
            assert_eq!(cells[..2], [&*n.to_string(), &*nps(promoters, detractors, n)], "{month} {format:?}");
        }
        assert_eq!(site.data_period(), ["2024-01-01", "2024-03-01"]);
        assert_eq!(site.quality("d").column("Month"), [90, 0, 0, 0]);
        if let Some(f) = format {
            p.replace("cxsite.yaml", &format!("    date_format: {f}\n"), "");
        }
    }
    // By week, the months' answers fall in the weeks of their first days: said, once.
    p.replace("cxsite.yaml", "timezone: UTC", "timezone: UTC\nperiod: week");
    let build = p.build();
    build.expect(0);
    assert_eq!(build.stderr.matches("column `Month` writes months without their day").count(), 1, "{}", build.stderr);
    let site = crate::support::Site::read(&p.public());
    // 1 January 2024 is a Monday (W01), 1 February a Thursday (W05), 1 March a Friday (W09).
    assert_eq!(site.groups("period"), ["2024-W01", "2024-W05", "2024-W09"]);
}

/// A column that mixes months alone and dates with their day is refused: read as the 1st,
/// the months' answers would look dated to the day. With a `date_format` that names a day, a
/// month alone is an unreadable date, counted.
#[test]
fn months_alone_among_dates_with_a_day_are_refused_or_unread() {
    let p = Project::new("exports_monthly");
    // Line 2 is the file's first answer, in January (`2024-01,7`); line 3 (`2024-01,6`) gets a day.
    p.edit("data/monthly.csv", |b| {
        String::from_utf8(b).unwrap().replacen("\n2024-01,6\n", "\n2024-01-15,6\n", 1).into_bytes()
    });
    p.build().expect(1).stderr_has(&[
        "data/monthly.csv:2:Month: \"2024-01\" is a month without its day, but line 3 writes a date with one (\"2024-01-15\")",
        "set `date_format`",
    ]);
    p.assert_nothing_written();
    p.replace("cxsite.yaml", "    columns:", "    date_format: YYYY-MM-DD\n    columns:");
    let site = p.built();
    assert_eq!(site.quality("d").column("Month"), [1, 0, 0, 89]);
}
