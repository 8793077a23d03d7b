//! Times of day as people and tools write them: 12-hour clocks (`10:15 AM`, `下午3点`), day
//! halves, Chinese weekdays and clock words, spaced or dotted dates, normalised to one form.

use chrono::NaiveDateTime;

/// A part of the day that a time of day is read in (see `day_half`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Half {
    /// Before noon: 12 is midnight at the start of the day (`12 AM`, `上午12点`, `凌晨12点`).
    Am,
    /// After noon: 12 is noon (`12 PM`, `下午12点`, `中午12点`).
    Pm,
    /// The evening, `晚上`: after noon, and 12 (or 0) is midnight at the end of the day —
    /// `晚上12点` is 00:00 of the next day, as Chinese time parsers (Time-NLP, JioNLP) and
    /// speakers read it, not noon.
    Night,
}

/// A 12-hour clock's half of the day, and the text without its mark: `AM`/`PM` after the
/// time (any case), or a Chinese part of the day before or after it (with or without a
/// space): `上午`, `凌晨`, `早上`, `早晨` before noon, `下午`, `中午`, `傍晚`, `晚上` after it
/// (`中午1点` is 13:00; `晚上12点` is midnight, see `Half::Night`).
pub(super) fn day_half(t: &str) -> (std::borrow::Cow<'_, str>, Option<Half>) {
    const PARTS: [(&str, Half); 12] = [
        // Korean and Japanese (Google Forms in those locales: `2024. 3. 14 오후 3:15:02`).
        ("오전", Half::Am),
        ("오후", Half::Pm),
        ("午前", Half::Am),
        ("午後", Half::Pm),
        ("上午", Half::Am),
        ("凌晨", Half::Am),
        ("早上", Half::Am),
        ("早晨", Half::Am),
        ("下午", Half::Pm),
        ("中午", Half::Pm),
        ("傍晚", Half::Pm),
        ("晚上", Half::Night),
    ];
    for (mark, half) in PARTS {
        if t.contains(mark) {
            return (t.replacen(mark, " ", 1).into(), Some(half));
        }
    }
    let upper = t.len() >= 3 && t.is_char_boundary(t.len() - 3);
    if upper {
        let (head, tail) = t.split_at(t.len() - 3);
        if tail.eq_ignore_ascii_case(" AM") {
            return (head.into(), Some(Half::Am));
        }
        if tail.eq_ignore_ascii_case(" PM") {
            return (head.into(), Some(Half::Pm));
        }
    }
    (t.into(), None)
}

/// A date as the year-first formats read it: `年`, `月`, `/` and `.` as `-`, `日` and `T` as a
/// space, a Chinese time of day as `HH:MM[:SS]` (see [`chinese_clock`]), runs of spaces as one
/// (`2024年3月5日 14:30` → `2024-3-5 14:30`, `2024年03月05日 10时15分` → `2024-03-05 10:15`).
pub(super) fn normalise_date(t: &str) -> String {
    let t = without_chinese_weekday(t);
    let t = spaced_dotted(&t);
    let t = t.replace(['年', '月', '/', '.'], "-").replace(['日', 'T'], " ");
    chinese_clock(&t).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A Korean date's dotted form, `2024. 3. 14.` (spaces after the points, a point after the
/// day), as `2024-3-14`; other text as it is.
fn spaced_dotted(t: &str) -> std::borrow::Cow<'_, str> {
    static DOTTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^(\d{4})\.\s+(\d{1,2})\.\s+(\d{1,2})\.?(\s|$)").expect("dotted date pattern")
    });
    DOTTED.replace(t, "$1-$2-$3$4")
}

/// `t` without a Chinese day of the week, which says nothing the date does not:
/// `2024年3月5日 星期二`, `2024/3/5（周二）10:15`, `2024-03-05 礼拜二` (also 週, 禮拜; 日 or
/// 天 for Sunday). Other text is borrowed unchanged.
fn without_chinese_weekday(t: &str) -> std::borrow::Cow<'_, str> {
    const MARKS: [&str; 5] = ["星期", "礼拜", "禮拜", "周", "週"];
    const DAYS: &str = "一二三四五六日天";
    // Japanese writes the day alone in brackets: `2024年1月12日(金) 9:57`.
    const JAPANESE_DAYS: &str = "月火水木金土日";
    if !t.contains(['星', '礼', '禮', '周', '週', '(', '（']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut rest = t;
    while !rest.is_empty() {
        let open = rest.strip_prefix(['(', '（']);
        let after_open = open.unwrap_or(rest);
        let day = MARKS
            .iter()
            .find_map(|m| after_open.strip_prefix(m))
            .and_then(|r| {
                let d = r.chars().next().filter(|c| DAYS.contains(*c))?;
                Some(&r[d.len_utf8()..])
            })
            .or_else(|| {
                // A Japanese day needs its brackets round it (月 alone is a month).
                open?;
                let d = after_open.chars().next().filter(|c| JAPANESE_DAYS.contains(*c))?;
                let r = &after_open[d.len_utf8()..];
                r.starts_with([')', '）']).then_some(r)
            });
        match day {
            Some(r) => {
                // With its brackets, when it has them; a space keeps what follows apart.
                rest = if open.is_some() { r.strip_prefix([')', '）']).unwrap_or(r) } else { r };
                out.push(' ');
            }
            None => {
                let c = rest.chars().next().unwrap_or(' ');
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A time of day written with Chinese marks as `HH:MM[:SS]`: `10时15分` and `10点15分` →
/// `10:15`, `10时15分30秒` → `10:15:30`, `10点` → `10:00`, `10点半` → `10:30` (also with the
/// traditional `時`, `點`). Other text is borrowed unchanged.
fn chinese_clock(t: &str) -> std::borrow::Cow<'_, str> {
    if !t.contains(['时', '時', '点', '點', '分', '秒']) {
        return std::borrow::Cow::Borrowed(t);
    }
    let mut out = String::with_capacity(t.len());
    let mut chars = t.chars().peekable();
    while let Some(c) = chars.next() {
        let digit_next = chars.peek().is_some_and(char::is_ascii_digit);
        match c {
            '时' | '時' | '点' | '點' => {
                out.push(':');
                if chars.peek() == Some(&'半') {
                    chars.next();
                    out.push_str("30");
                } else if !digit_next {
                    out.push_str("00");
                }
            }
            // Minutes end the time, or seconds follow them.
            '分' if digit_next => out.push(':'),
            '分' | '秒' => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// A local date and time of day: year first (`2024-03-05 14:30`, `2024/3/5 14:30:00`,
/// `2024年3月5日 14:30`), on a 24-hour clock or a 12-hour one (`10:15:02 AM`, `上午10:15:02`,
/// `下午 11:30:00`); `month_first` also reads `3/5/2024 …` (Google Forms in an English locale).
pub(super) fn local_datetime(t: &str, month_first: bool) -> Option<NaiveDateTime> {
    let (t, half) = day_half(t);
    time_of_day(&normalise_date(&t), half, month_first)
}

/// [`local_datetime`] of a date already [`normalise_date`]d, its half of the day taken off.
pub(super) fn time_of_day(normalised: &str, half: Option<Half>, month_first: bool) -> Option<NaiveDateTime> {
    use chrono::Timelike;
    let formats: &[&str] = if month_first {
        &["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M", "%m-%d-%Y %H:%M:%S", "%m-%d-%Y %H:%M"]
    } else {
        &["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%d %H:%M"]
    };
    let naive = formats.iter().find_map(|f| NaiveDateTime::parse_from_str(normalised, f).ok())?;
    match half {
        None => Some(naive),
        // 12-hour clock: 12 AM (上午12) is 00, 12 PM (下午12) is 12; no hour past 12.
        Some(_) if naive.hour() > 12 => None,
        Some(Half::Am) => naive.with_hour(naive.hour() % 12),
        Some(Half::Pm) => naive.with_hour(naive.hour() % 12 + 12),
        // 晚上12点 (and 晚上0点) is the midnight that ends the day: 00:00 of the next.
        Some(Half::Night) if naive.hour() % 12 == 0 => {
            naive.with_hour(0)?.checked_add_signed(chrono::TimeDelta::days(1))
        }
        Some(Half::Night) => naive.with_hour(naive.hour() + 12),
    }
}
