//! Dates read from cells in each accepted form (standard, day-first under `date_format`,
//! serials and timestamps, months, quarters and weeks, other languages), against hand-worked days.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::*;

#[test]
fn date_format_excel_reads_serial_day_numbers_in_a_csv() {
    let day = chrono::NaiveDate::from_ymd_opt(2024, 4, 2);
    // 45384 days after Excel's day 0 (30 December 1899) is 2 April 2024.
    assert_eq!(read_date("45384", chrono_tz::UTC, Some("excel"), false), day);
    assert_eq!(read_date("45384.75", chrono_tz::UTC, Some("excel"), false), day);
    // Without it a bare 5-digit number in a CSV is no date.
    assert_eq!(read_date("45384", chrono_tz::UTC, None, false), None);
    // ISO dates still read.
    assert_eq!(read_date("2024-04-02", chrono_tz::UTC, Some("excel"), false), day);
}

#[test]
fn dates_in_the_accepted_forms_land_on_the_right_day_in_the_project_zone() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(read_date_plain("2024-03-05", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024/3/5", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024年3月5日", sh), Some(d(2024, 3, 5)));
    // Month names (review, CRM and help-desk exports), full-width digits.
    for written in [
        "Mar 5, 2024",
        "March 5, 2024",
        "5 Mar 2024",
        "05-Mar-2024",
        "05-Mar-24",
        "Tuesday, March 5, 2024",
        "Mar 5, 2024, 10:15 PM",
        "March 5, 2024 at 23:59",
        "Tue, 05 Mar 2024 10:15:02 +0800",
        "２０２４－０３－０５",
        "２０２４／３／５\u{3000}１０：１５",
    ] {
        assert_eq!(read_date_plain(written, sh), Some(d(2024, 3, 5)), "{written}");
    }
    // An offset moves the day: 23:30 in London is the next morning in Shanghai.
    assert_eq!(read_date_plain("Tue, 05 Mar 2024 23:30:00 +0000", sh), Some(d(2024, 3, 6)));
    // A month alone (`Mar 2024`) is its first day: see `a_month_without_its_day_…`.
    for junk in ["March 5", "5 Mar 2024 soon", "Marc 5, 2024", "next tuesday"] {
        assert_eq!(read_date_plain(junk, sh), None, "{junk}");
    }
    assert_eq!(read_date_plain("2024-03-05 23:59", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024-03-05 23:59:59", sh), Some(d(2024, 3, 5)));
    // 20:00 UTC on the 31st is 04:00 on 1 April in Shanghai: it belongs to April.
    assert_eq!(read_date_plain("2024-03-31T20:00:00Z", sh), Some(d(2024, 4, 1)));
    assert_eq!(read_date_plain("2024-03-31T20:00:00+08:00", sh), Some(d(2024, 3, 31)));
    assert_eq!(read_date_plain("2024-13-40", sh), None);
    assert_eq!(read_date_plain("yesterday", sh), None);
    assert_eq!(read_date_plain("2024-03-05 garbage", sh), None);
    assert_eq!(read_date_plain("2024-03-05 25:00", sh), None);
    assert_eq!(read_date_plain("2024-03-05T10:00:00.250", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024-02-30", sh), None);
    assert_eq!(read_date_plain("+99999-01-01", sh), None);
    assert_eq!(read_date_plain("9999999999999", sh), None);
    assert_eq!(read_date_plain("1899-12-31", sh), None);
    // ISO 8601's basic form; eight digits that are no date stay unread.
    assert_eq!(read_date_plain("20240305", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("20241305", sh), None);
    assert_eq!(read_date_plain("12345678", sh), None);
    // A local time without separators (14 or 12 digits), in the project's zone.
    assert_eq!(read_date_plain("20240305235959", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("202403052359", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("20240305246000", sh), None);
    assert_eq!(read_date_plain("123456789012", sh), None);
    // A Chinese day of the week says nothing more (5 March 2024 was a Tuesday).
    assert_eq!(read_date_plain("2024年3月5日 星期二", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024年03月05日 星期二 10:15", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024/3/5（周二）10:15", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024-03-05 礼拜二", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024年3月5日 星期八", sh), None);
    // PostgreSQL writes a timestamptz in a whole-hour zone with an hour-only offset: 20:00
    // at -05 is 01:00 UTC on the 6th, 09:00 in Shanghai.
    assert_eq!(read_date_plain("2024-03-05 10:00:00+08", sh), Some(d(2024, 3, 5)));
    assert_eq!(read_date_plain("2024-03-05 20:00:00.5-05", sh), Some(d(2024, 3, 6)));
}

#[test]
fn a_declared_format_reads_day_first_dates_which_are_otherwise_unreadable() {
    let utc = Tz::UTC;
    let d = NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
    assert_eq!(read_date("05/03/2024", utc, None, false), None);
    assert_eq!(read_date("05/03/2024", utc, Some("%d/%m/%Y"), false), Some(d));
    assert_eq!(read_date("05/03/2024 14:30", utc, Some("%d/%m/%Y %H:%M"), false), Some(d));
    // ISO dates still read when a format is declared.
    assert_eq!(read_date("2024-03-05", utc, Some("%d/%m/%Y"), false), Some(d));
}

#[test]
fn unix_timestamps_and_excel_serials_are_dates() {
    let sh: Tz = "Asia/Shanghai".parse().unwrap();
    // 1709654400 = 2024-03-05T16:00:00Z = 2024-03-06 00:00 in Shanghai.
    assert_eq!(read_date("1709654400", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(read_date("1709654400", sh, None, false), NaiveDate::from_ymd_opt(2024, 3, 6));
    assert_eq!(read_date("1709654400000", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
    // Excel: 45356 days after 1899-12-30 is 2024-03-05; only in workbooks.
    assert_eq!(read_date("45356", Tz::UTC, None, true), NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(read_date("45356", Tz::UTC, None, false), None);
    assert_eq!(read_date("12345", Tz::UTC, None, true), None);
    assert_eq!(read_date("45356.75", Tz::UTC, None, true), NaiveDate::from_ymd_opt(2024, 3, 5));
}

#[test]
fn periods_are_month_quarter_or_iso_week() {
    let d = NaiveDate::from_ymd_opt(2024, 12, 30).unwrap();
    assert_eq!(Period::Month.key(d), "2024-12");
    assert_eq!(Period::Quarter.key(d), "2024-Q4");
    assert_eq!(Period::Week.key(d), "2025-W01");
}

#[test]
fn month_names_in_other_languages_are_read() {
    let utc = chrono_tz::UTC;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    for (text, want) in [
        ("4 juin 2024", day(2024, 6, 4)),
        ("12 mars 2024", day(2024, 3, 12)),
        ("1 févr. 2024", day(2024, 2, 1)),
        ("15 août 2024 à 10:15", day(2024, 8, 15)),
        ("3. März 2024", day(2024, 3, 3)),
        ("3. Dezember 2024 um 23:10", day(2024, 12, 3)),
        ("4 de junio de 2024", day(2024, 6, 4)),
        ("30 novembre 2024", day(2024, 11, 30)),
        ("12 mrt. 2024", day(2024, 3, 12)),
        ("7 maggio 2024", day(2024, 5, 7)),
        ("9 de outubro de 2024", day(2024, 10, 9)),
    ] {
        assert_eq!(read_date(text, utc, None, false), want, "{text}");
    }
    // A month name alone, or words that merely hold one, are no date.
    assert_eq!(read_date("juin", utc, None, false), None);
    assert_eq!(read_date("mars attaque", utc, None, false), None);
}

#[test]
fn quarters_are_read_as_their_first_day() {
    let utc = chrono_tz::UTC;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    for raw in
        ["2024-Q3", "2024Q3", "2024 Q3", "Q3 2024", "q3-2024", "Q3/2024", "2024年Q3", "2024年第3季度", "2024年三季度"]
    {
        assert_eq!(read_date(raw, utc, None, false), day(2024, 7, 1), "{raw}");
    }
    for raw in ["2024-Q5", "2024-Q0", "Q1", "24-Q1", "Quarter 1", "2024年第5季度"] {
        assert_eq!(read_date(raw, utc, None, false), None, "{raw}");
    }
}

#[test]
fn iso_weeks_are_read_as_their_monday_or_day() {
    let utc = chrono_tz::UTC;
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
    // Week 9 of 2024 starts on Monday 26 February; week 1 of 2025 on Monday 30 December 2024.
    assert_eq!(read_date("2024-W09", utc, None, false), day(2024, 2, 26));
    assert_eq!(read_date("2024W09", utc, None, false), day(2024, 2, 26));
    assert_eq!(read_date("2024-W09-3", utc, None, false), day(2024, 2, 28));
    assert_eq!(read_date("2025-W01", utc, None, false), day(2024, 12, 30));
    assert_eq!(read_date("2024-W54", utc, None, false), None);
    assert_eq!(read_date("2024-W09-8", utc, None, false), None);
    assert_eq!(read_date("Week 9", utc, None, false), None);
    // Ordinal days, as English writes them.
    assert_eq!(read_date("May 3rd, 2024", utc, None, false), day(2024, 5, 3));
    assert_eq!(read_date("21st March 2024", utc, None, false), day(2024, 3, 21));
    assert_eq!(read_date("August 22nd 2024 at 5:10 PM", utc, None, false), day(2024, 8, 22));
    assert_eq!(read_date("May 3rdx, 2024", utc, None, false), None);
    // As Chinese weekly reports write a week: its ISO week's Monday.
    assert_eq!(read_date("2024年第9周", utc, None, false), day(2024, 2, 26));
    assert_eq!(read_date("2024年 第 09 週", utc, None, false), day(2024, 2, 26));
    assert_eq!(read_date("2025年第1周", utc, None, false), day(2024, 12, 30));
    assert_eq!(read_date("2024年第54周", utc, None, false), None);
    assert_eq!(read_date("2024年第9天", utc, None, false), None);
}

#[test]
fn a_month_without_its_day_is_read_as_the_first_of_the_month() {
    let first = NaiveDate::from_ymd_opt(2024, 3, 1);
    for cell in
        ["2024-03", "2024-3", "2024/03", "2024.03", "2024年3月", "2024年03月", "03/2024", "Mar 2024", "March 2024"]
    {
        assert_eq!(read_date(cell, Tz::UTC, None, false), first, "{cell}");
    }
    // Not a month: a number, a month out of range, a month of another year's form. (A
    // quarter is read as its first day: `quarters_are_read_as_their_first_day`.)
    for cell in ["2024.3", "2024-13", "24-03", "2024-03-", "Mar 24"] {
        assert_eq!(read_date(cell, Tz::UTC, None, false), None, "{cell}");
    }
    // Under a `date_format` naming a month and no day, the month's first day too.
    assert_eq!(read_date("2024-03", Tz::UTC, Some("%Y-%m"), false), first);
    assert_eq!(read_date("Mar 2024", Tz::UTC, Some("%b %Y"), false), first);
    assert_eq!(read_date("2024年3月", Tz::UTC, Some("%Y年%m月"), false), first);
    // Full dates still read as themselves.
    assert_eq!(read_date("2024-03-05", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
}
