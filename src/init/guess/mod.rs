//! Column roles for `cxsite init --from-csv`: each column is profiled over a sample and given
//! a role (respondent, date, score, comment, touchpoint, segment, dimension, or left out) from
//! its name and values.

mod labels;
mod personal;
mod profile;
mod zone;

use crate::produce::csv::value;
use labels::{label_role, labelled_score};
use personal::{personal_header, words};
pub(super) use profile::{is_na_word, Profile};
pub(super) use zone::guess_zone;

/// Most values a dimension may have (stores of a chain: hundreds).
const MAX_DIMENSION_VALUES: usize = 500;

/// The value a not-applicable word gets among the labels: none; it is written to `na:`.
pub(super) const NA_LABEL: i64 = i64::MIN;

/// Most touchpoints a touchpoint column may have.
const MAX_TOUCHPOINTS: usize = 30;

/// The start of the reason given for a column left out as personal data (the summary lists them).
pub(super) const PERSONAL: &str = "personal data";

/// The start of the reason given for a column of response statuses (the summary warns of them).
pub(super) const STATUS: &str = "response status";

/// What a column is taken to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Respondent,
    Date {
        format: Option<String>,
        why: String,
    },
    Score {
        scale: (i64, i64),
        na_zero: bool,
        labels: Vec<(String, i64)>,
        /// Answered in half points (`4.5`): read with `step: 0.5`.
        half: bool,
        /// The header says the lowest number is the best answer (`1 = sehr zufrieden, 5 = sehr
        /// unzufrieden`): read with `reverse: true`.
        reverse: bool,
        why: String,
    },
    Comment,
    Touchpoint(Vec<String>),
    Segment(usize),
    Dimension(usize),
    /// A checkbox question's answers joined in one column, with its options.
    MultiSelect(Vec<String>, &'static str),
    /// One option of a checkbox question written a column per option (`Q4:…|薯片` holding 1
    /// or 0, Typeform's column holding the option's text when chosen): the question's text and
    /// the option.
    OptionOf {
        question: String,
        option: String,
    },
    Left(String),
}

pub(super) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// Whether a column name contains one of `words` (case-insensitive).
/// A header's question and the item it names, a grid's row or a checkbox question's option:
/// `Q4:…|薯片` (腾讯问卷), `Which snacks? [Crisps]` (Google Forms) and, with `parens`, `5(薯片)`
/// (问卷星; without it `Overall satisfaction (1-5)` stays a plain header). `None` for a plain
/// header.
pub(super) fn question_and_item(header: &str, parens: bool) -> Option<(&str, &str)> {
    let h = header.trim();
    let (question, item) = if let Some((q, o)) = h.rsplit_once('|') {
        (q, o)
    } else if let Some((q, o)) = h.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
        (q, o)
    } else if parens {
        h.strip_suffix(')').or_else(|| h.strip_suffix('）')).and_then(|s| s.rsplit_once(['(', '（']))?
    } else {
        return None;
    };
    let (question, item) = (question.trim(), item.trim());
    (!question.is_empty() && !item.is_empty()).then_some((question, item))
}

/// A column named for the likelihood to recommend: the NPS question.
pub(super) fn recommend_named(name: &str) -> bool {
    named(
        name,
        &[
            "nps",
            "recommend",
            "推荐",
            "推薦",
            "likelihood to",
            "empfehl",
            "recommand",
            "recomend",
            "raccomand",
            "consigli",
            "추천",
            "おすすめ",
            "薦め",
            "勧め",
        ],
    )
}

/// Named for satisfaction in words, not merely a rating (`Rating`, `评分`): a 0–10 or 1–10
/// column so named is a rating, where one named `Rating` is as likely an NPS (HubSpot's NPS
/// export calls its 0–10 answer `Rating`).
pub(super) fn satisfaction_worded(name: &str) -> bool {
    named(name, &["satisf", "满意", "滿意", "zufrieden", "soddisf", "만족", "満足"])
}

pub(super) fn named(name: &str, words: &[&str]) -> bool {
    let n = name.to_lowercase();
    words.iter().any(|w| n.contains(w))
}

fn named_id(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    // The key of what several respondents share — an account with several contacts, a store,
    // an agent — is no respondent's id: their rows would be reported as repeated responses.
    const SHARED: &[&str] = &[
        "account",
        "company",
        "organisation",
        "organization",
        "org ",
        "store",
        "shop",
        "branch",
        "agent",
        "location",
        "site",
        "dealer",
        "门店",
        "公司",
        "店铺",
        "网点",
        "坐席",
        "客服",
    ];
    if SHARED.iter().any(|w| n.contains(w)) {
        return false;
    }
    n == "id"
        || n == "no"
        // Typeform's response token.
        || n == "#"
        || n == "responseid"
        || n.ends_with("_id")
        || n.ends_with(" id")
        || n.starts_with("id_")
        || n.contains("respondent")
        || named(name, &["编号", "序号", "用户id", "答卷", "会员号", "uuid"])
}

/// Words that name a date column.
pub(super) const DATE_WORDS: &[&str] = &["date", "time", "日期", "时间", "submitted", "created", "_at", "day", "when"];
/// Whether most filled values read as a date or time that cxsite does not take: a year and
/// at least two more numbers, a clock (`:`), and few letters (a zone or month abbreviation);
/// a month and day without a year (`02-19`); or a relative time (`3天前`, `2 hours ago`).
fn looks_like_times(values: &[&str]) -> bool {
    let filled: Vec<&str> = values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).collect();
    let timelike = |v: &str| {
        let numbers: Vec<&str> = v.split(|c: char| !c.is_ascii_digit()).filter(|n| !n.is_empty()).collect();
        let letters = v.chars().filter(|c| c.is_alphabetic()).count();
        // A year (`2024`): a time slot (`10:00-12:00`) is no date.
        let year = numbers.iter().any(|n| n.len() == 4 && (n.starts_with("19") || n.starts_with("20")));
        let full = v.contains(':') && year && numbers.len() >= 4 && letters <= 8 && v.chars().count() <= 40;
        // A date without its year (`02-19`, `2/19 12:02`), as social-media scrapes write this
        // year's posts: month and day, then perhaps a clock. (Not a time slot, `10:00-12:00`.)
        let (day, clock) = v.split_once(' ').unwrap_or((v, ""));
        let month_day = day.split(['-', '/', '.']).collect::<Vec<_>>();
        let bare = month_day.len() == 2
            && month_day.iter().all(|n| (1..=2).contains(&n.len()) && n.bytes().all(|b| b.is_ascii_digit()))
            && clock.bytes().all(|b| b.is_ascii_digit() || b == b':');
        // A relative time (`3天前`, `昨天 12:02`, `2 hours ago`).
        let relative = v.chars().count() <= 20
            && (v.ends_with('前')
                || v.ends_with(" ago")
                || ["昨天", "今天", "前天", "刚刚"].iter().any(|w| v.starts_with(w)));
        full || bare || relative
    };
    !filled.is_empty() && filled.iter().filter(|v| timelike(v)).count() * 10 >= filled.len() * 9
}

/// The date format of a column whose values are all dates, tried in order: the standard
/// forms, then day-first and month-first patterns (with times); `None` when not dates.
fn date_role(values: &[&str], workbook: bool) -> Option<(Option<String>, String)> {
    let tz = chrono_tz::UTC;
    let sample: Vec<&str> = values.iter().copied().take(500).collect();
    if sample.is_empty() {
        return None;
    }
    // Nearly all: a stray `yesterday` is counted by the build, not a reason to doubt the column.
    let all = |f: Option<&str>| {
        let read = sample.iter().filter(|v| value::read_date(v, tz, f, workbook).is_some()).count();
        read * 20 >= sample.len() * 19
    };
    let numeric = |v: &&&str| v.bytes().all(|b| b.is_ascii_digit() || b == b'.');
    let serial = sample.iter().take(20).all(|v| numeric(&v));
    // Some cells typed as dates and the rest left as Excel's serial numbers, in one column.
    let some_serial = sample.iter().take(40).filter(numeric).count() * 4 >= sample.len().min(40);
    if all(None) {
        let why = if serial && workbook { "Excel serial day numbers" } else { "dates in a standard form" };
        return Some((None, why.into()));
    }
    // A CSV saved from Excel with the date cells in General format holds their serial day
    // numbers (`45384`, `45384.75`); only a date-named column gets here with numbers.
    if serial && all(Some("excel")) {
        return Some((Some("excel".into()), "Excel serial day numbers written into a CSV".into()));
    }
    if some_serial && all(Some("excel")) {
        return Some((
            Some("excel".into()),
            "dates, and Excel serial day numbers (45365.12) among them, written into a CSV".into(),
        ));
    }
    let mut fits = Vec::new();
    for sep in ['/', '-', '.'] {
        // Microsoft Forms writes `1/5/25 22:00:00`: a year of two digits.
        for (first, second, label, year) in [
            ("DD", "MM", "day first", "YYYY"),
            ("MM", "DD", "month first", "YYYY"),
            ("DD", "MM", "day first", "YY"),
            ("MM", "DD", "month first", "YY"),
        ] {
            // SurveySparrow writes `23/03/2024, 07:17:26 PM`: a comma before the time.
            for time in
                ["", " HH:mm", " HH:mm:ss", " h:mm A", " h:mm:ss A", ", HH:mm", ", HH:mm:ss", ", h:mm A", ", h:mm:ss A"]
            {
                let tokens = format!("{first}{sep}{second}{sep}{year}{time}");
                let Ok(pattern) = crate::project::date_pattern(&tokens) else { continue };
                if years_written_in(&sample, sep, year.len()) && all(Some(&pattern)) {
                    fits.push((tokens, label));
                }
            }
        }
    }
    let (tokens, label) = fits.first()?.clone();
    let ambiguous = fits.iter().any(|(_, l)| *l != label);
    let why = if ambiguous {
        format!("dates written {tokens}; no day is above 12, so day first is a guess")
    } else {
        format!("dates written {tokens} ({label})")
    };
    Some((Some(tokens), why))
}

/// Whether every value's third number (its year, in `DD/MM/YYYY` and the like) has `digits`
/// digits: a version number `4.1.2` reads as 4 January 2002 to a parser that takes `2` for a
/// two-digit year, and is no date.
fn years_written_in(sample: &[&str], sep: char, digits: usize) -> bool {
    sample.iter().all(|v| {
        let date = v.trim().split([' ', 'T']).next().unwrap_or("");
        date.split(sep).nth(2).is_some_and(|y| y.bytes().take_while(u8::is_ascii_digit).count() == digits)
    })
}

const EFFORT_WORDS: &[&str] = &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"];

/// Words an export writes for the NPS groups (HubSpot's `Sentiment`, Delighted's and
/// Qualtrics' labels): worked out from the 0–10 answer, whatever the column is called.
const NPS_GROUP_WORDS: &[&str] = &[
    "promoter",
    "promoters",
    "passive",
    "passives",
    "detractor",
    "detractors",
    "neutral",
    "推荐者",
    "被动者",
    "中立者",
    "贬损者",
    "批评者",
];

/// How a column of NPS groups is said to be left out (see `from_csv::nps_groups_alone`).
pub(super) const NPS_GROUPS: &str = "NPS groups";

/// A named NPS group as a 0–10 answer in it: a promoter 10, a passive 8, a detractor 0.
pub(super) fn nps_group_value(group: &str) -> Option<i64> {
    let g = group.trim().to_lowercase();
    if g.starts_with("promoter") || g == "推荐者" {
        Some(10)
    } else if g.starts_with("passive") || ["neutral", "被动者", "中立者"].contains(&g.as_str()) {
        Some(8)
    } else if g.starts_with("detractor") || ["贬损者", "批评者"].contains(&g.as_str()) {
        Some(0)
    } else {
        None
    }
}

/// A column of NPS groups (Qualtrics' `Q1_NPS_GROUP`: 1 detractor, 2 passive, 3 promoter;
/// or the groups' names, `Promoter` … `Detractor`), worked out from the 0–10 answers: no
/// score of its own.
fn nps_group(name: &str, p: &Profile) -> bool {
    if p.int_count == 0 && p.distinct_count() >= 2 {
        let groups: Vec<String> = p.distinct.keys().map(|v| v.trim().to_lowercase()).collect();
        if groups.iter().all(|g| NPS_GROUP_WORDS.contains(&g.as_str()))
            && groups.iter().any(|g| g.starts_with("promoter") || g == "推荐者")
        {
            return true;
        }
    }
    let w = words(name);
    let nps = w.iter().any(|x| x == "nps") || named(name, &["net promoter"]);
    let group = w
        .iter()
        .any(|x| ["group", "category", "categories", "segment", "class", "bucket", "type"].contains(&x.as_str()));
    let codes = p.ints.keys().all(|k| (0..=3).contains(k));
    nps && (group || (codes && p.distinct_count() <= 3))
}

/// Words a survey tool writes for a finished response, or for a row that is none (a test, a
/// deleted response); those of an unfinished one are the build's
/// ([`crate::produce::csv::is_unfinished_status`]).
const STATUS_WORDS: &[&str] = &["complete", "completed", "已完成", "完成", "deleted", "test", "无效"];

/// A column saying which responses are finished and which are partial or disqualified.
fn status_column(p: &Profile) -> bool {
    let low: Vec<String> = p.distinct.keys().map(|v| v.to_lowercase()).collect();
    low.len() >= 2
        && !p.overflow
        && low.iter().all(|v| STATUS_WORDS.contains(&v.as_str()) || crate::produce::csv::is_unfinished_status(v))
        && low.iter().any(|v| ["complete", "completed", "已完成", "完成"].contains(&v.as_str()))
}

/// Guesses a column's role from its name and profile, in this order: personal data (left
/// out), a date, the respondent id, NPS groups (left out), a score, a touchpoint, free text,
/// then a breakdown or a reason to leave the column out.
pub(super) fn classify(name: &str, p: &Profile, values: &[&str], workbook: bool) -> Role {
    if p.filled == 0 {
        return Role::Left("empty in the sample".into());
    }
    if let Some(role) = personal_data(name, p) {
        return role;
    }
    // Answers: the filled cells but those that say there is none (`(跳过)`, `N/A`).
    let answered = p.filled - p.na;
    let mostly_ints = answered > 0 && p.int_count * 10 >= answered * 9;
    let (lo, _) = p.int_range().unwrap_or((0, 0));
    // One date on every row is a placeholder, not when anyone answered (LimeSurvey writes
    // `1980-01-01 00:00:00` for every response of a survey that does not record dates).
    let one_date = p.distinct_count() == 1 && p.filled >= 10;
    if (!mostly_ints || (named(name, DATE_WORDS) && lo >= 30000)) && !one_date {
        if let Some((format, why)) = date_role(values, workbook) {
            return Role::Date { format, why };
        }
    }
    let example = values.iter().find(|v| !v.trim().is_empty()).map_or("", |v| v.trim());
    if one_date && date_role(values, workbook).is_some() {
        return Role::Left(format!(
            "the same date on every row ({example}): a placeholder (as LimeSurvey writes for a survey that does not record dates), not when anyone answered"
        ));
    }
    if named(name, DATE_WORDS) && !mostly_ints && looks_like_times(values) {
        // `2024-03-05 20:00:00 CST` (China or US Central?), a home-made form: times that no
        // reading takes, which as a comment column would quote timestamps as verbatims.
        let year = example.split(|c: char| !c.is_ascii_digit()).any(|n| n.len() == 4);
        return Role::Left(if year {
            format!("dates or times in a form cxsite does not read (e.g. {example}): give the column's form as `date_format:` and name it under `columns: {{ date: … }}`")
        } else {
            format!("dates without a year or relative times (e.g. {example}), which no date format places in a period: the rows are read without a date")
        });
    }
    if named_id(name) && p.distinct_count() * 5 >= p.filled {
        return Role::Respondent;
    }
    if nps_group(name, p) {
        return Role::Left(format!(
            "{NPS_GROUPS} (detractor, passive, promoter codes) worked out from the 0–10 question: not a score"
        ));
    }
    // One word on every row (`good` throughout) tells nothing: the same value on every row,
    // not a yes/no outcome nor a one-label scale.
    if p.int_count == 0 && p.distinct_count() < 2 {
        return breakdown_or_left(p);
    }
    // A column named for what customers wrote is no answer scale, whatever a few of its
    // words are (a LimeSurvey `COMMENT` of `ok` and `bad` is not Intercom's scale).
    let labelled = if comment_named(name) { None } else { labelled_score(p) };
    if let Some(mut role) = labelled.or_else(|| numeric_score(name, p, answered, mostly_ints)) {
        if let Role::Score { scale, labels, reverse, why, .. } = &mut role {
            // Numbers whose header says 1 is the best answer; labels say their own direction.
            if labels.iter().all(|l| l.1 == NA_LABEL) && reversed_by_anchors(name, *scale) {
                *reverse = true;
                why.push_str("; the header says the lowest number is the best answer: read reversed");
            }
        }
        return role;
    }
    if let Some(role) = text_role(name, p, mostly_ints) {
        return role;
    }
    breakdown_or_left(p)
}

/// A column of e-mail addresses or phone numbers, or one whose name says it holds a person's
/// name or contact details: left out.
fn personal_data(name: &str, p: &Profile) -> Option<Role> {
    if p.emails * 2 > p.filled {
        return Some(Role::Left("e-mail addresses: personal data, never shown".into()));
    }
    if p.phones * 2 > p.filled {
        return Some(Role::Left("phone numbers: personal data, never shown".into()));
    }
    let what = personal_header(name)?;
    Some(Role::Left(format!("{PERSONAL} ({what}): never shown nor used to group answers")))
}

/// A question of fact whose answers are categories: who (gender, age band, occupation), where
/// (city, region, store) or which; its numbers are codes.
fn category_named(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "gender",
        "sex",
        "age",
        "city",
        "region",
        "province",
        "country",
        "which",
        "where",
        "occupation",
        "education",
        "income",
        "channel",
        "source",
        "recaptcha",
        "gruppe",
        "alter",
    ];
    const ZH: &[&str] = &[
        "性别", "年龄", "城市", "地区", "省份", "哪", "职业", "学历", "收入", "渠道", "来源", "居住", "性別", "年齡",
        "職業", "學歷",
    ];
    personal::words(name).iter().any(|w| WORDS.contains(&w.to_lowercase().as_str())) || named(name, ZH)
}

/// Named for a count or a measure (votes, likes, seconds, tenure, transfers, 次数, 点赞), or
/// for a time that is one when its numbers are a measure's (`measured`: `Ring Time` 0–10,
/// `Times contacted` mostly 0) where a rating of it would not be (`Delivery times` 1–5,
/// `Opening hours`). Words are whole (`Account Manager` holds no `count`, `Product reviews` no
/// `views`); a header that asks for satisfaction or states a scale (`Satisfaction with the
/// waiting time`, `(1-5)`) is a rating whatever it names.
fn counted_named(name: &str, measured: bool) -> bool {
    const ALWAYS: &[&str] = &[
        "vote",
        "votes",
        "helpful",
        "likes",
        "replies",
        "views",
        "clicks",
        "count",
        "counts",
        "seconds",
        "secs",
        "sec",
        "minutes",
        "mins",
        "min",
        "yrs",
        "years",
        "tenure",
        "duration",
        "position",
        "transfers",
        "transferred",
        "attempts",
        "qty",
        "quantity",
        "anzahl",
        "aht",
        "ivr",
    ];
    const MEASURED: &[&str] =
        &["times", "time", "hours", "hrs", "days", "wait", "queue", "hold", "ring", "talk", "length"];
    const PHRASES: &[&str] = &["how many", "number of", "nombre de", "(s)", "menu option"];
    const CJK: &[&str] =
        &["次数", "数量", "点赞", "有用", "回复数", "浏览", "分钟", "时长", "多少次", "秒", "排队", "金额", "通话"];
    let low = name.to_lowercase();
    let rated = satisfaction_worded(name)
        || low.contains("star")
        || low.contains('星')
        || named(name, &["rate", "rating", "score", "评分", "打分", "评价"])
        || stated_scale(&low);
    if rated {
        return false;
    }
    let w: Vec<String> = words(name).iter().map(|x| x.to_lowercase()).collect();
    let has = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
    has(ALWAYS) || (measured && has(MEASURED)) || named(name, PHRASES) || named(name, CJK)
}

/// A scale written in the header: `(1-5)`, `1–5`, `0 to 10`, `1～5分`.
fn stated_scale(low: &str) -> bool {
    static SCALE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\b[01]\s*(?:-|–|—|~|～|to|bis|à|a|至|到)\s*(?:4|5|7|10)\b").expect("scale pattern")
    });
    SCALE.is_match(low)
}

/// Whether the header says its scale runs from the best answer down: anchors at both ends
/// (`1 = sehr zufrieden, 5 = sehr unzufrieden`, `(1=Very satisfied; 5=Very dissatisfied)`,
/// `1分=非常满意，5分=非常不满意`) whose labels, on a known scale, fall as the numbers rise.
pub(super) fn reversed_by_anchors(name: &str, scale: (i64, i64)) -> bool {
    static ANCHOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(\d{1,2})\s*分?\s*[=:：＝]\s*([^,;，；、/()（）\[\]=:：＝\d]+)").expect("anchor pattern")
    });
    let mut low = None;
    let mut high = None;
    for c in ANCHOR.captures_iter(name) {
        let Ok(n) = c[1].parse::<i64>() else { continue };
        // `1 = very satisfied and 5 = very dissatisfied`: the label ends at the joining word.
        const JOINTS: [&str; 9] = ["and", "to", "bis", "und", "et", "y", "e", "–", "-"];
        let words: Vec<&str> =
            c[2].split_whitespace().take_while(|w| !JOINTS.contains(&w.to_lowercase().as_str())).collect();
        let label = words.join(" ");
        let value = labels::label_value(label.trim_end_matches(['.', '…']));
        if n == scale.0 {
            low = value;
        } else if n == scale.1 {
            high = value;
        }
    }
    matches!((low, high), (Some(l), Some(h)) if l > h)
}

/// A score read from whole numbers, possibly with labels for some answers (`非常满意` beside
/// `4`) and not-applicable words: its scale guessed from the numbers' range and the name.
fn numeric_score(name: &str, p: &Profile, answered: usize, mostly_ints: bool) -> Option<Role> {
    if let Some(role) = half_point_score(p, answered) {
        return Some(role);
    }
    let labels = match label_role(p.other.keys()) {
        Some((l, _)) => Some(l),
        None if mostly_ints => Some(Vec::new()),
        None => None,
    };
    let numbers_or_labels = p.int_count * 2 >= answered || (p.int_count == 0 && labels.is_some());
    let labels = labels.filter(|_| numbers_or_labels && !p.unique())?;
    let (mut lo, mut hi) = if p.int_count == 0 { (i64::MAX, i64::MIN) } else { p.int_range().unwrap_or((0, 0)) };
    for (_, n) in &labels {
        lo = lo.min(*n);
        hi = hi.max(*n);
    }
    let nps_named = recommend_named(name);
    let effort = named(name, EFFORT_WORDS);
    // Coded answers to a question of fact (`您所在的城市` 1–9, `性别` 1–2, `Which store did you
    // visit?` 1–3, as 问卷星 and Qualtrics export choices by number) are groups, not ratings.
    if !nps_named && category_named(name) {
        return None;
    }
    // Counts and measures (`Helpful Votes` 0–12, `Times contacted`, `Wartezeit (Min.)`) are no
    // answer scale, however their numbers fall.
    // A measure's zeros are its commonest value or it runs past a rating's top (`Ring Time`
    // 0–10, `Transfers` mostly 0); a rating's 0 is "not applicable" beside answers 1–5.
    let mode = p.ints.iter().max_by_key(|(v, n)| (**n, std::cmp::Reverse(**v))).map(|(v, _)| *v);
    let measured = lo == 0 && (mode == Some(0) || hi > 7);
    if !nps_named && counted_named(name, measured) {
        return None;
    }
    let mut na = p.na_words();
    na.extend(p.na_codes().iter().map(i64::to_string));
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    let labelled = if labels.is_empty() { "" } else { " and text labels" };
    let score = |scale: (i64, i64), na_zero, why: &str| {
        let mut labels = labels.clone();
        labels.extend(na.iter().map(|w| (w.clone(), NA_LABEL)));
        Some(Role::Score {
            scale,
            na_zero,
            labels,
            half: false,
            reverse: false,
            why: format!("{why}{labelled}{na_note}"),
        })
    };
    // A scale's answers reach its top end (a 0–10 question gets its 10s, a 1–5 its 4s and 5s);
    // codes 1–9 or 1–2 that stop short are something else.
    if lo >= 1 && hi == 10 && !nps_named && satisfaction_worded(name) {
        // NPS is asked 0–10; a satisfaction question scored 1–10 (`满意度打分（1-10分）`) is a
        // rating. (A column merely without 0s is not: few answer 0, and a small file of NPS
        // answers often has none.)
        score((1, 10), false, "whole numbers from 1 to 10, named for satisfaction: a 1–10 rating, not NPS")
    } else if lo >= 0 && hi == 10 && !nps_named && satisfaction_worded(name) {
        score((0, 10), false, "whole numbers from 0 to 10, named for satisfaction: a 0–10 rating, not NPS")
    } else if lo >= 0 && hi <= 10 && (hi == 10 || (nps_named && hi > 1)) {
        score((0, 10), false, "whole numbers from 0 to 10: a likelihood to recommend (NPS)")
    } else if lo >= 0 && hi <= 1 && p.distinct_count() >= 2 {
        score((0, 1), false, "only 0 and 1: a yes/no outcome, 1 counted as positive")
    } else if lo >= 1 && (4..=5).contains(&hi) && !effort {
        score((1, 5), false, "whole numbers from 1 to 5")
    } else if lo == 0 && (4..=5).contains(&hi) && !effort {
        score((1, 5), true, "whole numbers from 0 to 5: a 1–5 rating with 0 for not applicable")
    } else if lo >= 1 && (6..=7).contains(&hi) || (effort && lo >= 1 && (4..=7).contains(&hi)) {
        score((1, 7), false, "whole numbers from 1 to 7")
    } else {
        None
    }
}

/// A rating in half stars (大众点评's `4.5`): whole and half points from 0 or 1 to 5, at least
/// two answers and one in a hundred halves, nine in ten answers numbers. Read on 1–5 (0–5 when
/// a 0 or 0.5 is among them, more than a stray) with `step: 0.5`, so no half is left unread;
/// a rare value past the ends (a `5.5` or `0.5`, one answer in forty or fewer) is a stray the build reports,
/// not a reason to widen the scale.
fn half_point_score(p: &Profile, answered: usize) -> Option<Role> {
    let halves: usize = p.halves.values().sum();
    if halves < 2 || halves * 100 < answered || (p.int_count + halves) * 10 < answered * 9 {
        return None;
    }
    // In halves: the whole numbers doubled beside the halves, strays at the ends left out.
    let mut all: std::collections::BTreeMap<i64, usize> = p.halves.clone();
    for (v, n) in &p.ints {
        *all.entry(2 * v).or_default() += n;
    }
    let stray = (p.int_count + halves) / 40;
    while all.len() > 2 && all.first_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_first();
    }
    while all.len() > 2 && all.last_key_value().is_some_and(|(_, n)| *n <= stray) {
        all.pop_last();
    }
    let (lo, hi) = (*all.first_key_value()?.0, *all.last_key_value()?.0);
    if lo < 0 || !(7..=10).contains(&hi) {
        return None;
    }
    let (scale, why) = if lo >= 2 {
        ((1, 5), "whole and half points from 1 to 5 (4.5): a 1–5 rating in half stars")
    } else {
        ((0, 5), "whole and half points from 0 to 5 (4.5): a 0–5 rating in half stars")
    };
    let labels = p.na_words().into_iter().map(|w| (w, NA_LABEL)).collect();
    Some(Role::Score { scale, na_zero: false, labels, half: true, reverse: false, why: why.into() })
}

/// A touchpoint column, links (left out) or free text, from the name and the values' length.
fn text_role(name: &str, p: &Profile, mostly_ints: bool) -> Option<Role> {
    // The company's answers to reviews (Trustpilot's `Reply Content`, App Store's `Developer
    // Response`, 天猫's `商家回复`) are not what customers say.
    let reply = words(name).iter().any(|w| w == "reply" || w == "replies")
        || named(
            name,
            &["developer response", "owner response", "business response", "merchant response", "回复", "回覆"],
        );
    if reply {
        return Some(Role::Left("the company's replies, not what customers say".into()));
    }
    // `无`, `没有`, `暂无` (half of a 问卷星 suggestions column) say nothing: measured without them.
    let said = p.filled - p.non_answers.min(p.filled);
    if said == 0 {
        return None;
    }
    let avg = (p.chars - p.non_answer_chars.min(p.chars)) as f64 / said as f64;
    let non_answer_values = p.distinct.keys().filter(|v| crate::text::is_non_answer(v)).count();
    let distinct = p.distinct_count() - non_answer_values.min(p.distinct_count());
    if named(name, &["touchpoint", "touch point", "触点", "接触点", "环节", "journey"])
        && !p.overflow
        && distinct <= MAX_TOUCHPOINTS
        && p.identifiers == 0
    {
        // Values the build reads as one touchpoint (`Product  Search`, `product search`) are one.
        let mut values: Vec<String> = Vec::new();
        for v in p.distinct.keys() {
            let key = crate::aggregate::redact::name_key(v);
            if !key.is_empty() && !values.iter().any(|w| crate::aggregate::redact::name_key(w) == key) {
                values.push(v.clone());
            }
        }
        return Some(Role::Touchpoint(values));
    }
    let commenty = named(
        name,
        &[
            "comment",
            "feedback",
            "verbatim",
            "text",
            "remark",
            "评论",
            "意见",
            "建议",
            "评价",
            "留言",
            "原因",
            "reason",
            "review",
            "suggestion",
            "complaint",
            "explain",
            "反馈",
            "投诉",
            "评语",
            "心得",
            "描述",
            "备注",
            "補充",
            "补充",
        ],
    ) || named(name, COMMENT_WORDS_ELSEWHERE);
    let varied = distinct * 2 >= said;
    if p.links * 2 > said {
        return Some(Role::Left("web addresses (links): not free text".into()));
    }
    // Free text: words, not one-token codes (`R_1a2B…`, a hex token) that merely vary.
    let text = p.codes * 2 < said;
    // A few answers each given many times are a drop-down's choices, however long (Zendesk's
    // `Satisfaction reason`: "The issue took too long to resolve" …): a breakdown, not what
    // customers wrote — unless the name says it holds what they wrote.
    let written =
        named(name, &["comment", "text", "review", "feedback", "verbatim", "评论", "评价", "意见", "留言", "反馈"])
            || named(name, COMMENT_WORDS_ELSEWHERE);
    let choices = distinct <= 12 && said >= distinct * 5 && !written;
    // Named for what customers wrote (`Verbatim`, `Comment`, `回访备注`), it is their words
    // however few different texts a sample holds — not a breakdown by them; but `Feedback
    // type` and `Comment category` are a drop-down's.
    const KIND_OF: &[&str] = &["type", "category", "categories", "topic", "tag", "类型", "类别", "分类", "标签"];
    if comment_named(name) && !named(name, KIND_OF) && !mostly_ints && text {
        return Some(Role::Comment);
    }
    if !mostly_ints
        && text
        && !choices
        && ((varied && (avg >= 15.0 || (commenty && avg >= 4.0))) || (commenty && avg >= 15.0))
    {
        return Some(Role::Comment);
    }
    None
}

/// Named for what customers wrote: a comment, feedback, remark or suggestion (not a review's
/// grade: `评价等级` holds 好评 … 差评).
fn comment_named(name: &str) -> bool {
    let low = name.to_lowercase();
    let grade = ["等级", "星级", "grade", "rating", "score"].iter().any(|w| low.contains(w));
    !grade
        && (named(
            name,
            &[
                "comment",
                "feedback",
                "verbatim",
                "remark",
                "suggestion",
                "评论",
                "意见",
                "留言",
                "反馈",
                "建议",
                "备注",
            ],
        ) || named(name, COMMENT_WORDS_ELSEWHERE))
}

/// Headers of comment columns in the other languages exports come in (lower case): German,
/// French, Spanish, Italian, Portuguese, Dutch, Japanese, Korean and Traditional Chinese.
const COMMENT_WORDS_ELSEWHERE: &[&str] = &[
    "kommentar",
    "anmerkung",
    "bemerkung",
    "rückmeldung",
    "anregung",
    "commentaire",
    "remarque",
    "comentario",
    "comentário",
    "sugerencia",
    "commento",
    "suggeriment",
    "opmerking",
    "toelichting",
    "ご意見",
    "ご感想",
    "感想",
    "コメント",
    "ご要望",
    "의견",
    "후기",
    "건의",
    "建議",
    "評論",
    "評價",
    "意見",
    "回饋",
    "心得",
];

/// A segment or dimension when the values repeat enough, else why the column is left out
/// (an identifier, a response status, personal values, one value, too many values).
fn breakdown_or_left(p: &Profile) -> Role {
    let distinct = p.distinct_count();
    if p.unique() || (distinct * 10 >= p.filled * 9 && p.filled >= 10) {
        return Role::Left("a different value on (almost) every row: an identifier".into());
    }
    if status_column(p) {
        let values: Vec<&str> = p.distinct.keys().map(String::as_str).collect();
        return Role::Left(format!(
            "{STATUS} ({}): every response is read, partial and disqualified ones too — remove those rows from the file if they should not count",
            values.join(", ")
        ));
    }
    if p.identifiers > 0 {
        return Role::Left(format!(
            "{PERSONAL} (values such as e-mail addresses or phone numbers): never shown nor used to group answers"
        ));
    }
    if (2..=6).contains(&distinct) && distinct * 3 <= p.filled {
        return Role::Segment(distinct);
    }
    if (2..=MAX_DIMENSION_VALUES).contains(&distinct) && distinct * 5 <= p.filled {
        return Role::Dimension(distinct);
    }
    if distinct < 2 {
        return Role::Left("the same value on every row".into());
    }
    Role::Left(format!("{distinct} different values: too many to break down by"))
}

#[cfg(test)]
mod tests;
