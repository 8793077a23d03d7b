//! Times of day and zones: offsets, abbreviations and halves of the day (上午, 오후, 午後)
//! moved into the project's zone, each landing on the day worked out by hand.

use chrono::NaiveDate;
use chrono_tz::Tz;

use super::*;

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

/// Java's `Date.toString()` (`Tue Mar 05 20:00:00 CST 2024`): an abbreviation of one offset
/// places the time; `CST` (US Central, China or Cuba) reads only in a column whose zone is
/// declared, as a local time there; otherwise it is unreadable and its note says why.
#[test]
fn java_date_strings_are_read_by_their_abbreviation_or_the_declared_zone() {
    let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d);
    let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
    let chicago: Tz = "America/Chicago".parse().unwrap();
    // 8 PM EST on 5 March is 01:00 UTC on the 6th.
    assert_eq!(read_date("Tue Mar 05 20:00:00 EST 2024", Tz::UTC, None, false), day(3, 6));
    assert_eq!(read_date("Tue Mar 05 20:00:00 UTC 2024", Tz::UTC, None, false), day(3, 5));
    let cst = "Tue Mar 05 20:00:00 CST 2024";
    assert_eq!(read_date(cst, Tz::UTC, None, false), None);
    // Declared Shanghai (UTC+8): 12:00 UTC the 5th. Declared Chicago (CST, UTC−6): 02:00 UTC the 6th.
    assert_eq!(read_date_from(cst, Some(shanghai), Tz::UTC, None, false), day(3, 5));
    assert_eq!(read_date_from(cst, Some(chicago), Tz::UTC, None, false), day(3, 6));
    // The weekday must be the date's.
    assert_eq!(read_date_from("Wed Mar 05 20:00:00 CST 2024", Some(shanghai), Tz::UTC, None, false), None);
    let note = ambiguous_zone_note(cst).unwrap();
    assert!(note.contains("`CST` names more than one zone") && note.contains("date_timezone:"), "{note}");
    assert_eq!(ambiguous_zone_note("Tue Mar 05 20:00:00 EST 2024"), None);
    assert_eq!(ambiguous_zone_note("next tuesday"), None);
}

/// A year-first time with an ambiguous abbreviation (`2024-03-05 20:00:00 CST`, as Chinese
/// systems write China Standard Time) reads in the declared zone and is unreadable without.
#[test]
fn a_year_first_time_with_an_ambiguous_abbreviation_reads_in_the_declared_zone() {
    let shanghai: Tz = "Asia/Shanghai".parse().unwrap();
    let chicago: Tz = "America/Chicago".parse().unwrap();
    let t = "2024-03-05 20:00:00 CST";
    assert_eq!(read_date(t, Tz::UTC, None, false), None);
    assert_eq!(read_date_from(t, Some(shanghai), Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 5));
    assert_eq!(read_date_from(t, Some(chicago), Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 6));
    assert!(ambiguous_zone_note(t).is_some());
    // An abbreviation of one offset keeps its own reading whatever is declared.
    assert_eq!(read_date("2024-03-05 20:00:00 EST", Tz::UTC, None, false), NaiveDate::from_ymd_opt(2024, 3, 6));
}
