//! Scores and dates read from cells, against hand-worked days and values.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::*;
use crate::project::{Period, Reading, ScoreDef, ScoreKind};

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

fn read_date_plain(raw: &str, tz: Tz) -> Option<NaiveDate> {
    read_date(raw, tz, None, false)
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
fn google_forms_timestamps_move_from_their_gmt_offset_into_the_project_zone() {
    let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
    // 23:30 at GMT+8 is 15:30 UTC the same day, and 10:30 the same day in New York.
    assert_eq!(d("2024/03/01 11:30:00 PM GMT+8", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 1));
    // 1:15 AM at GMT+8 on 2 March is 17:15 UTC on 1 March.
    assert_eq!(d("2024/03/02 1:15:00 AM GMT+8", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 1));
    assert_eq!(d("2024/03/02 1:15:00 AM GMT+8", Tz::Asia__Shanghai), NaiveDate::from_ymd_opt(2024, 3, 2));
    assert_eq!(d("2024/03/01 9:00:00 PM GMT-5", Tz::UTC), NaiveDate::from_ymd_opt(2024, 3, 2));
}

#[test]
fn a_zone_abbreviation_or_a_bracketed_offset_moves_the_time_into_the_project_zone() {
    let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
    let day = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd);
    // 21:30 EST (−5) on 26 January is 02:30 UTC and 10:30 in Shanghai on the 27th.
    assert_eq!(d("2024-01-26 21:30:00 EST", Tz::Asia__Shanghai), day(1, 27));
    assert_eq!(d("2024-01-26 21:30:00 EST", Tz::America__New_York), day(1, 26));
    // 00:30 CET (+1) on 5 March is 23:30 UTC on the 4th.
    assert_eq!(d("2024-03-05 00:30 CET", Tz::UTC), day(3, 4));
    // Outlook's and Windows' bracketed offsets: 07:00 at GMT+08:00 is 23:00 UTC the day before.
    assert_eq!(d("2024-03-05 07:00:00 (GMT+08:00)", Tz::UTC), day(3, 4));
    assert_eq!(d("2024-03-05 20:00 (UTC-05:00)", Tz::Asia__Shanghai), day(3, 6));
    // CST is China's +8 or US Central's −6: either would move a late row a day, so unread;
    // so is PST (US Pacific or the Philippines).
    assert_eq!(d("2024-03-05 20:00:00 CST", Tz::Asia__Shanghai), None);
    assert_eq!(d("2024-03-05 20:00:00 PST", Tz::Asia__Shanghai), None);
    // A zone after a date that is not year-first is not read by the zone's rule: day-first
    // or month-first stays for `date_format` to say (unread without it), never guessed.
    assert_eq!(d("05/03/2024 10:00 CET", Tz::UTC), None);
    assert_eq!(read_date("05/03/2024 10:00 CET", Tz::UTC, Some("%d/%m/%Y %H:%M CET"), false), day(3, 5));
    // RFC 2822 with a US zone is read by its own reader: 10:15 EST is 15:15 UTC.
    assert_eq!(d("Mon, 04 Mar 2024 10:15:02 EST", Tz::UTC), day(3, 4));
    assert_eq!(d("Mon, 04 Mar 2024 22:15:02 EST", Tz::UTC), day(3, 5));
    // Jira's day/month-name/year: 25 January 2024, 01:28 AM.
    assert_eq!(d("25/Jan/24 01:28 AM", Tz::UTC), day(1, 25));
    assert_eq!(d("25/Jan/24 11:28 PM", Tz::UTC), day(1, 25));
}

#[test]
fn chinese_google_forms_timestamps_read_their_half_of_the_day_and_offset() {
    let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
    let day = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd);
    // 上午10:15 at GMT+8 is 02:15 UTC the same day; 下午10:15 is 14:15 UTC.
    assert_eq!(d("2024/03/04 上午10:15:02 GMT+8", Tz::UTC), day(3, 4));
    assert_eq!(d("2024/03/04 下午10:15:02 GMT+8", Tz::America__New_York), day(3, 4));
    // 下午11:30 (23:30) at GMT+8 on the 31st is 1 April in a zone east of +8:30.
    assert_eq!(d("2024/3/31 下午 11:30:00 GMT+8", Tz::Asia__Tokyo), day(4, 1));
    assert_eq!(d("2024/3/31 下午 11:30:00 GMT+8", Tz::Asia__Shanghai), day(3, 31));
    assert_eq!(d("2024/03/31 下午11:30:00 GMT+08:00", Tz::Asia__Tokyo), day(4, 1));
    assert_eq!(d("2024/03/31 下午11:30:00 UTC+8", Tz::Asia__Tokyo), day(4, 1));
    // 上午12 is midnight, 下午12 noon: 上午12:30 at GMT+8 on the 4th is the 3rd in UTC.
    assert_eq!(d("2024/03/04 上午12:30:00 GMT+8", Tz::UTC), day(3, 3));
    assert_eq!(d("2024/03/04 下午12:30:00 GMT+8", Tz::UTC), day(3, 4));
    assert_eq!(d("2024/03/04 12:05:02 AM GMT-5", Tz::UTC), day(3, 4));
    assert_eq!(d("2024/03/04 11:05:02 PM GMT-5", Tz::UTC), day(3, 5));
    assert_eq!(d("2024-03-04 23:00:00 GMT+05:30", Tz::UTC), day(3, 4));
    assert_eq!(d("2024-03-04 03:00:00 GMT+0530", Tz::UTC), day(3, 3));
    // Without an offset: local time in the project's zone.
    assert_eq!(d("2024/03/04 下午11:30:00", Tz::UTC), day(3, 4));
    assert_eq!(d("2024-03-04 10:15 PM", Tz::UTC), day(3, 4));
    // No hour past 12 on a 12-hour clock; no offset past 14 hours.
    assert_eq!(d("2024/03/04 下午13:30:00 GMT+8", Tz::UTC), None);
    assert_eq!(d("2024/03/04 10:15:02 GMT+99", Tz::UTC), None);
    assert_eq!(d("2024/03/04 上午 GMT+8", Tz::UTC), None);
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
fn chinese_dates_with_a_chinese_time_of_day_are_read_on_their_own_day() {
    let d = |s: &str, tz: Tz| read_date(s, tz, None, false);
    let day = NaiveDate::from_ymd_opt(2024, 3, 4);
    for written in [
        "2024年03月04日 10时15分",
        "2024年03月04日 10时15分30秒",
        "2024年3月4日10时15分",
        "2024年3月4日 10点15分",
        "2024年3月4日 10点",
        "2024年3月4日 10点半",
        "2024年3月4日 下午3点20分",
        "2024年3月4日下午3点20分",
        "2024年3月4日 下午3:20",
        "2024/3/4 上午10:15:02",
        "2024-03-04 晚上11点59分",
        "2024年3月4日 凌晨0点05分",
        "2024年3月4日 中午12点",
        "２０２４年３月４日 １０时１５分",
        "2024年03月04日 10時15分",
    ] {
        assert_eq!(d(written, Tz::Asia__Shanghai), day, "{written}");
        // Local time in the project's zone: the day is the one written, in any zone.
        assert_eq!(d(written, Tz::America__New_York), day, "{written}");
    }
    // 下午 is after noon: 下午11点 is 23:00, 上午11点 is 11:00; no hour past 12 with a half
    // of the day, no hour past 23 or minute past 59 without.
    assert_eq!(d("2024年3月4日 下午11点30分", Tz::UTC), day);
    for junk in [
        "2024年3月4日 下午13点",
        "2024年3月4日 25时10分",
        "2024年3月4日 10时61分",
        "2024年3月4日 10时15分61秒",
        "2024年3月4日 时分",
        "2024年3月4日 10分",
        "2024年3月4日 下午",
    ] {
        assert_eq!(d(junk, Tz::UTC), None, "{junk}");
    }
    // With a GMT offset (a Google Forms timestamp in Chinese), the time moves the day:
    // 下午11点30分 at GMT+8 on the 31st is 00:30 on 1 April in Tokyo (GMT+9).
    assert_eq!(d("2024/3/31 下午11点30分 GMT+8", Tz::Asia__Tokyo), NaiveDate::from_ymd_opt(2024, 4, 1));
    assert_eq!(d("2024/3/31 下午11点30分 GMT+8", Tz::Asia__Shanghai), NaiveDate::from_ymd_opt(2024, 3, 31));
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
fn 晚上12点_is_the_midnight_that_ends_the_day_not_noon() {
    let d = |s: &str| read_date(s, Tz::Asia__Shanghai, None, false);
    let day = |m, n| NaiveDate::from_ymd_opt(2024, m, n);
    // The evening's 12 o'clock (and 0 o'clock) is 00:00 of the next day, across a month too.
    assert_eq!(d("2024年3月4日 晚上12点"), day(3, 5));
    assert_eq!(d("2024年3月4日 晚上12点30分"), day(3, 5));
    assert_eq!(d("2024-03-31 晚上12:00"), day(4, 1));
    assert_eq!(d("2024年3月4日 晚上0点"), day(3, 5));
    // The other hours of the evening are after noon on the day written.
    assert_eq!(d("2024年3月4日 晚上11点59分"), day(3, 4));
    assert_eq!(d("2024年3月4日 晚上8点"), day(3, 4));
    // Noon and the start of the day as before: 中午12点, 下午12点, 上午12点, 凌晨12点.
    for noon_or_start in
        ["2024年3月4日 中午12点", "2024年3月4日 下午12点", "2024年3月4日 上午12点", "2024年3月4日 凌晨12点"]
    {
        assert_eq!(d(noon_or_start), day(3, 4), "{noon_or_start}");
    }
    // At GMT+8, 晚上12点 on the 4th is 16:00 on the 4th in UTC (noon would be 04:00, also the
    // 4th), and 00:00 on the 5th in Shanghai, seen from Tokyo as 01:00 on the 5th.
    assert_eq!(read_date("2024/3/4 晚上12:00:00 GMT+8", Tz::Asia__Tokyo, None, false), day(3, 5));
    assert_eq!(read_date("2024/3/4 晚上11:00:00 GMT+8", Tz::Asia__Tokyo, None, false), day(3, 5));
    assert_eq!(read_date("2024/3/4 晚上10:00:00 GMT+8", Tz::Asia__Tokyo, None, false), day(3, 4));
}

#[test]
fn local_times_of_a_column_in_another_zone_land_on_their_day_in_the_projects() {
    let sh = Tz::Asia__Shanghai;
    let denver = Some(Tz::America__Denver);
    let day = |m, n| NaiveDate::from_ymd_opt(2024, m, n);
    let d = |s: &str| read_date_from(s, denver, sh, None, false);
    // 19:00 on 31 March in Denver (UTC−6) is 09:00 on 1 April in Shanghai, in every form.
    for written in [
        "2024-03-31 19:00:00",
        "2024-03-31 19:00",
        "2024-03-31T19:00:00.250",
        "2024/3/31 19:00",
        "2024年3月31日 晚上7点",
        "Mar 31, 2024 7:00 PM",
        "２０２４－０３－３１ １９：００",
    ] {
        assert_eq!(d(written), day(4, 1), "{written}");
        assert_eq!(read_date(written, sh, None, false), day(3, 31), "{written}");
    }
    // Through the dataset's `date_format`, and a workbook's serial with a time of day.
    assert_eq!(read_date_from("31/03/2024 19:00", denver, sh, Some("%d/%m/%Y %H:%M"), false), day(4, 1));
    assert_eq!(read_date_from("45382.7916667", denver, sh, None, true), day(4, 1));
    assert_eq!(read_date("45382.7916667", sh, None, true), day(3, 31));
    // A date alone stays its day; an offset says its own zone; 08:00 is still the 31st.
    assert_eq!(d("2024-03-31"), day(3, 31));
    assert_eq!(d("2024-03-31T19:00:00Z"), day(4, 1));
    assert_eq!(d("2024-03-31T10:00:00+08:00"), day(3, 31));
    assert_eq!(d("2024-03-31 08:00:00"), day(3, 31));
    // A time a DST change skips in Denver (02:30 on 10 March 2024) is read an hour later.
    assert_eq!(read_date_from("2024-03-10 02:30", denver, Tz::UTC, None, false), day(3, 10));
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
fn korean_and_japanese_timestamps_read_their_half_of_the_day() {
    let d = |s: &str| read_date(s, Tz::UTC, None, false);
    let day = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd);
    // Google Forms in Korean: `2024. 3. 14 오후 3:15:02`, a point after the day or not.
    assert_eq!(d("2024. 3. 14 오후 3:15:02"), day(3, 14));
    assert_eq!(d("2024. 3. 14. 오전 9:05:00"), day(3, 14));
    assert_eq!(d("2024. 3. 14."), day(3, 14));
    // 오후 11:30 in Seoul (+9) is 14:30 UTC the same day; 오전 8:30 is the day before in UTC.
    assert_eq!(read_date("2024. 3. 14 오전 8:30:00", Tz::UTC, None, false), day(3, 14));
    assert_eq!(read_date_from("2024. 3. 14 오전 8:30:00", Some(Tz::Asia__Seoul), Tz::UTC, None, false), day(3, 13));
    assert_eq!(read_date_from("2024. 3. 14 오후 8:30:00", Some(Tz::Asia__Seoul), Tz::UTC, None, false), day(3, 14));
    // Japanese: the day of the week in brackets, 午前 and 午後.
    assert_eq!(d("2024年1月12日(金) 9:57"), day(1, 12));
    assert_eq!(d("2024年1月12日（金） 午後 9:57"), day(1, 12));
    assert_eq!(d("2024/01/12 午前 0:30"), day(1, 12));
    // Brackets that hold no day of the week stay: no date.
    assert_eq!(d("2024年1月12日(晴) 9:57"), None);
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
fn a_zone_abbreviation_under_date_format_z_is_converted_or_refused() {
    let f = Some("%m/%d/%Y %I:%M:%S %p %Z");
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d);
    // 9:10 PM EDT (UTC−4) is 01:10 UTC the next day; in New York it stays 31 March.
    assert_eq!(read_date("03/31/2024 09:10:00 PM EDT", Tz::UTC, f, false), day(4, 1));
    assert_eq!(read_date("03/31/2024 09:10:00 PM EDT", Tz::America__New_York, f, false), day(3, 31));
    assert_eq!(read_date("03/31/2024 09:10:00 PM UTC", Tz::UTC, f, false), day(3, 31));
    assert_eq!(read_date("03/31/2024 11:10:00 PM GMT", Tz::Asia__Shanghai, f, false), day(4, 1));
    assert_eq!(read_date("03/31/2024 08:10:00 AM JST", Tz::UTC, f, false), day(3, 30));
    assert_eq!(read_date("03/31/2024 09:10:00 PM PDT", Tz::UTC, f, false), day(4, 1));
    // Ambiguous or unknown: unread, and the reason given for the build's error.
    for cell in ["03/31/2024 09:10:00 PM CST", "03/31/2024 09:10:00 PM IST", "03/31/2024 09:10:00 PM XYZ"] {
        assert_eq!(read_date(cell, Tz::UTC, f, false), None, "{cell}");
        assert!(zone_refusal(cell, f).is_some(), "{cell}");
    }
    assert!(zone_refusal("03/31/2024 09:10:00 PM CST", f).unwrap().contains("America/Chicago"));
    // A cell that does not read is only unreadable, and one that reads is no refusal.
    assert_eq!(zone_refusal("yesterday CST", f), None);
    assert_eq!(zone_refusal("03/31/2024 09:10:00 PM EDT", f), None);
    assert_eq!(zone_refusal("03/31/2024 09:10:00 PM CST", Some("%m/%d/%Y %I:%M:%S %p")), None);
    // With the column's zone declared, the time is local there (CST in Chicago is UTC−6).
    let chicago = Some(Tz::America__Chicago);
    assert_eq!(read_date_from("03/09/2024 07:10:00 PM CST", chicago, Tz::UTC, f, false), day(3, 10));
    assert_eq!(read_date_from("03/09/2024 05:10:00 PM CST", chicago, Tz::UTC, f, false), day(3, 9));
    // A numeric offset (`%z`) is converted too, not dropped.
    assert_eq!(read_date("31.03.2024 21:10 -0400", Tz::UTC, Some("%d.%m.%Y %H:%M %z"), false), day(4, 1));
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

/// JavaScript's `Date.prototype.toString` (web apps pass it on as text): the instant its
/// offset says, on the project's calendar. 23:30 on 11 May at +08:00 is 15:30 UTC, the 11th;
/// 01:30 on 12 May at +08:00 is 17:30 UTC on the 11th, and still the 12th in Shanghai.
#[test]
fn javascript_date_strings_are_read_by_their_offset() {
    let day = |d| NaiveDate::from_ymd_opt(2024, 5, d);
    let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
    let js = "Sat May 11 2024 23:30:05 GMT+0800 (China Standard Time)";
    assert_eq!(read_date(js, chrono_tz::UTC, None, false), day(11));
    let late = "Sun May 12 2024 01:30:00 GMT+0800 (中国标准时间)";
    assert_eq!(read_date(late, chrono_tz::UTC, None, false), day(11));
    assert_eq!(read_date(late, shanghai, None, false), day(12));
    assert_eq!(read_date("Sat May 11 2024 14:23:05 GMT-0500", chrono_tz::UTC, None, false), day(11));
    assert_eq!(written_offset(js).map(|o| o.local_minus_utc()), Some(8 * 3600));
    // Not dates: a wrong weekday's shape, a cut stamp, text.
    for bad in [
        "Sat May 11 2024 14:23:05",
        "Sat May 11 2024 14:23:05 GMT",
        "Saturday May 11 2024 14:23:05 GMT+0800",
        "Sat Mày 11 2024 14:23:05 GMT+0800",
    ] {
        assert_eq!(read_date(bad, chrono_tz::UTC, None, false), None, "{bad}");
    }
}
