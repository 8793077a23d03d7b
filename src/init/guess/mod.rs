//! Column roles for `cxsite init --from-csv`: each column is profiled over a sample and given
//! a role (respondent, date, score, comment, touchpoint, segment, dimension, or left out) from
//! its name and values.

mod dates;
mod labels;
mod marks;
mod names;
mod outcomes;
mod personal;
mod profile;
mod scores;
mod text;
mod zone;

use crate::produce::csv::value;
pub(super) use labels::scale_like;
use labels::{label_role, labelled_score};
use personal::{personal_header, values_are_names, words};
pub(super) use profile::{is_na_word, text_width, Profile};
pub(super) use zone::guess_zone;

pub(super) use dates::*;
pub(in crate::init) use marks::header_key;
use marks::{flag_left_out, question_column, status_column, status_values_left_out, weight_column};
pub(super) use names::*;
pub(in crate::init) use outcomes::stated_yes_no_codes;
use outcomes::{numbered_yes_no, yes_no_outcome};
pub(super) use scores::*;
pub(in crate::init) use text::open_ended_answer;
use text::*;

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
/// How the reason for a column of questions (a row per answer, [`marks::question_column`])
/// starts.
pub(in crate::init) const QUESTION_ROWS: &str = "the question each row answers";

/// What a column is taken to be.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Role {
    Respondent,
    Date {
        format: Option<String>,
        why: String,
        /// The zone the dates' abbreviations point to when one names several (`CST`), and
        /// why: written as the dataset's `date_timezone:` (see `dates::abbreviation_zone`).
        zone: Option<(String, String)>,
    },
    Score {
        scale: (i64, i64),
        na_zero: bool,
        labels: Vec<(String, i64)>,
        /// Steps per point: 1 for whole points, 2 for half points (`4.5`: `step: 0.5`), 10 for
        /// tenths (a review site's `8.3`: `step: 0.1`).
        per_point: u8,
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
    /// A column marking rows that are no real response (tests, deleted, rejected, partial):
    /// those holding these values, as written, are left out by `drop_rows:`.
    Screen(Vec<String>),
}

pub(super) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// Whether a column name contains one of `words` (case-insensitive).
/// A header's question and the item it names, a grid's row or a checkbox question's option:
/// `Q4:…|薯片` (腾讯问卷), `Which snacks? [Crisps]` (Google Forms), `5.…—薯片` (问卷网) and, with `parens`, `5(薯片)`
/// (问卷星; without it `Overall satisfaction (1-5)` stays a plain header). `None` for a plain
/// header.
/// The question and item of a column whose tool wrote them on two header rows, joined by the
/// reader as `question / item` (SurveyMonkey's options and grid rows: `Which of these did you
/// buy? / Crisps`), given the column's question (`reader::layout::combine`).
pub(in crate::init) fn tool_question_and_item<'h>(
    header: &'h str,
    question: Option<&str>,
) -> Option<(&'h str, &'h str)> {
    let q = question.map(str::trim).filter(|q| !q.is_empty())?;
    let item = header.trim().strip_prefix(q)?.strip_prefix(" / ")?.trim();
    (!item.is_empty()).then(|| (&header.trim()[..q.len()], item))
}

pub(super) fn question_and_item(header: &str, parens: bool) -> Option<(&str, &str)> {
    let h = header.trim();
    let (question, item) = if let Some((q, o)) = h.rsplit_once('|') {
        (q, o)
    } else if let Some((q, o)) = h.strip_suffix(']').and_then(|s| s.rsplit_once('[')) {
        (q, o)
    } else if let Some((q, o)) = h.rsplit_once(['—', '―']) {
        // 问卷网's `5.请对以下方面进行评价—结账速度` (an em dash, or two: `——`).
        (q.trim_end_matches(['—', '―']), o)
    } else if parens {
        h.strip_suffix(')').or_else(|| h.strip_suffix('）')).and_then(|s| s.rsplit_once(['(', '（']))?
    } else {
        return None;
    };
    let (question, item) = (question.trim(), item.trim());
    (!question.is_empty() && !item.is_empty()).then_some((question, item))
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
    let duration = duration_named(name);
    // Digits alone too long for a number of points (`1712000000000`) are Unix milliseconds
    // only under a date's name: an `Order ID` or `订单编号` of 13 digits read as dates made
    // periods of 2060 out of order numbers.
    let bare_digits =
        values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()).all(|v| v.bytes().all(|b| b.is_ascii_digit()));
    let digits_as_dates = !bare_digits || (named(name, DATE_WORDS) && !named_id(name));
    if (!mostly_ints || (named(name, DATE_WORDS) && lo >= 30000)) && digits_as_dates && !one_date && !duration {
        if let Some((format, why)) = date_role(values, workbook) {
            // The zone of abbreviations such as `CST` waits for the file's language
            // (`from_csv::name_abbreviated_zones`).
            return Role::Date { format, why, zone: None };
        }
    }
    let example = values.iter().find(|v| !v.trim().is_empty()).map_or("", |v| v.trim());
    if one_date && date_role(values, workbook).is_some() {
        return Role::Left(format!(
            "the same date on every row ({example}): a placeholder (as LimeSurvey writes for a survey that does not record dates), not when anyone answered"
        ));
    }
    if named(name, DATE_WORDS) && !mostly_ints && !duration && looks_like_times(values) {
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
    if question_column(name, p) {
        return Role::Left(format!(
            "{QUESTION_ROWS} ({} questions, a row per answer): read each as a dataset of its own, `keep_rows: {{ {}: [the question] }}` with the answer column under `scores:` (docs/config.md)",
            p.distinct_count(),
            name.trim()
        ));
    }
    if weight_column(name, p) {
        return Role::Left(
            "survey weights: not applied — cxsite counts each answer once, so its figures are unweighted".into(),
        );
    }
    if let Some(values) = flag_left_out(name, p) {
        return Role::Screen(values);
    }
    if let Some(role) = yes_no_outcome(name, p).or_else(|| numbered_yes_no(name, p)) {
        return role;
    }
    if nps_group(name, p) {
        return Role::Left(format!(
            "{NPS_GROUPS} (detractor, passive, promoter codes) worked out from the 0–10 question: not a score"
        ));
    }
    // One word on every row (`good` throughout) tells nothing: the same value on every row,
    // not a yes/no outcome nor a one-label scale.
    if p.int_count == 0 && p.distinct_count() < 2 {
        return breakdown_or_left(name, p);
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
            } else if labels.iter().all(|l| l.1 == NA_LABEL) && reversed_by_cell_labels(p) {
                *reverse = true;
                why.push_str("; the answers' own words say the lowest number is the best answer (`1 - Very satisfied`): read reversed");
            }
        }
        return role;
    }
    if let Some(role) = text_role(name, p, mostly_ints) {
        return role;
    }
    // Votes, minutes, counts (`Useful`, `Wartezeit (Min.)`): numbers no answer scale holds nor
    // any group is named by.
    if (mostly_ints || mostly_decimals(p)) && (counted_named(name, true) || duration) {
        return Role::Left("a count or measure (votes, minutes, times): neither a score nor a group".into());
    }
    let role = breakdown_or_left(name, p);
    if matches!(role, Role::Segment(_) | Role::Dimension(_)) && rating_reason_named(name) {
        return Role::Left(
            "the reason picked for a rating (asked after a low one, as Zendesk's `Satisfaction Reason`): it follows the rating, so grouping by it says nothing new"
                .into(),
        );
    }
    role
}

/// A header naming the reason picked for a rating: Zendesk's `Satisfaction Reason`, `Reason
/// for score`, 差评原因, 不满意原因.
fn rating_reason_named(name: &str) -> bool {
    let low = name.to_lowercase();
    let rated = ["satisfaction", "rating", "score", "csat", "nps", "dissatisf"].iter().any(|w| low.contains(w));
    (low.contains("reason") && rated) || named(name, &["差评原因", "不满意原因", "不满原因", "评分原因", "打分原因"])
}

/// Nine in ten of the values numbers with a fraction or without (`38.94`, `7,5`): a measure
/// when the header names one.
fn mostly_decimals(p: &Profile) -> bool {
    let total: usize = p.distinct.values().sum();
    let numbers: usize = p
        .distinct
        .iter()
        .filter(|(v, _)| v.trim().replace(',', ".").parse::<f64>().is_ok_and(f64::is_finite))
        .map(|(_, n)| n)
        .sum();
    total > 0 && numbers * 10 >= total * 9
}

/// A column of e-mail addresses or phone numbers, or one whose name says it holds a person's
/// name or contact details: left out.
fn personal_data(name: &str, p: &Profile) -> Option<Role> {
    if p.emails * 2 > p.filled {
        return Some(Role::Left(format!("{PERSONAL} (e-mail addresses): never shown nor used to group answers")));
    }
    if p.phones * 2 > p.filled {
        return Some(Role::Left(format!("{PERSONAL} (phone numbers): never shown nor used to group answers")));
    }
    let what = personal_header(name)
        .or_else(|| person_named_alone(name, p))
        .or_else(|| (!staff_header(name) && values_are_names(p)).then_some("people's names, by its values"))?;
    Some(Role::Left(format!("{PERSONAL} ({what}): never shown nor used to group answers")))
}

/// Whether a header names the staff who served (`Agent`, `Assignee`, `客服`, `坐席`): their
/// names are a breakdown a service team reads, not customers' personal data.
fn staff_header(name: &str) -> bool {
    const STAFF: &[&str] = &[
        "agent",
        "assignee",
        "assigned",
        "owner",
        "staff",
        "employee",
        "advisor",
        "adviser",
        "consultant",
        "rep",
        "representative",
        "operator",
        "handler",
        "technician",
        "driver",
        "courier",
        "cashier",
        "waiter",
        "server",
        "stylist",
        "doctor",
        "teacher",
        "manager",
        "salesperson",
        "sales",
        "客服",
        "坐席",
        "员工",
        "员工姓名",
        "工号",
        "处理人",
        "负责人",
        "经办人",
        "导购",
        "店员",
        "服务人员",
        "服务员",
        "销售",
        "顾问",
        "骑手",
        "配送员",
        "司机",
        "技师",
        "医生",
        "老师",
        "店长",
        "served",
        "handled",
        "resolved",
        "provider",
        "therapist",
        "nurse",
        "barista",
        "host",
        "associate",
        "clerk",
        "specialist",
        "coach",
        "instructor",
        "trainer",
        "客户经理",
        "回访人",
        "跟进人",
        "接待人",
        "管家",
        "师傅",
        "医师",
        "护士",
        "教练",
        "美容师",
        "快递员",
        "专员",
        "客服人员",
    ];
    let name = crate::text::simplified(name);
    let low = name.to_lowercase();
    // `words` splits camelCase (`AgentName`, `assignedTo`) before it lowers the case.
    words(&name).iter().any(|w| STAFF.contains(&w.as_str())) || STAFF.iter().any(|s| !s.is_ascii() && low.contains(s))
}

/// A column named for the person alone (`Customer`, `Client`, `Guest`, `客户`) holding more
/// than a handful of values (a type of customer, `New` or `Returning`, is a handful): their
/// names, one group each. A date of birth. A customer's or member's number that repeats (a
/// unique one is the respondent's id): one group per customer.
fn person_named_alone(name: &str, p: &Profile) -> Option<&'static str> {
    const PEOPLE: &[&str] = &[
        "customer",
        "customers",
        "client",
        "contact",
        "guest",
        "member",
        "patient",
        "caller",
        "respondent",
        "kunde",
        "kundin",
        "cliente",
        "客户",
        "顾客",
        "客人",
        "会员",
        "用户",
        "来电者",
        "提交者",
        "填写者",
        "答题者",
        "user",
        "users",
        "passenger",
        "traveller",
        "traveler",
        "visitor",
        "shopper",
        "buyer",
        "student",
        "tenant",
        "resident",
        "乘客",
        "旅客",
        "患者",
        "病人",
        "学员",
        "学生",
        "业主",
        "住户",
        "租户",
        "お客様",
        "고객",
    ];
    const BIRTH: &[&str] = &[
        "dob",
        "dateofbirth",
        "birthdate",
        "birthday",
        "geburtsdatum",
        "geburtstag",
        "fechadenacimiento",
        "datedenaissance",
        "datadinascita",
        "datadenascimento",
        "出生日期",
        "生日",
        "出生年月",
        "出生年月日",
    ];
    const NUMBERS: &[&str] = &[
        "customernumber",
        "customerno",
        "customernr",
        "customerid",
        "clientnumber",
        "clientno",
        "clientid",
        "membernumber",
        "memberno",
        "memberid",
        "kundennummer",
        "kundennr",
        "会员号",
        "会员编号",
        "会员卡号",
        "客户编号",
        "客户号",
        "客户id",
        "用户id",
        "用户编号",
        "contactid",
        "contactnumber",
        "userid",
        "usernumber",
        "accountid",
        "accountnumber",
        "会员id",
        "顾客编号",
        "顾客id",
    ];
    let key = header_key(&crate::text::simplified(name));
    if BIRTH.contains(&key.as_str()) {
        return Some("a date of birth");
    }
    // Names are words without digits (`Anna Jones`, `张伟`); `R001` under `Respondent` is an id.
    let wordy = |v: &str| {
        v.chars().any(char::is_alphabetic)
            && v.chars().all(|c| c.is_alphabetic() || matches!(c, ' ' | '.' | '-' | '\'' | '·'))
            && v.split_whitespace().count() <= 4
    };
    let names = p.other.keys().filter(|v| wordy(v.trim())).count();
    if PEOPLE.contains(&key.as_str()) && p.distinct_count() > 10 && names * 2 > p.other.len() {
        return Some("a person's name");
    }
    // Repeated, it is no response's id: the customer answered more than once.
    // One double submission (under 2 % of rows) is a duplicate the build warns of.
    (NUMBERS.contains(&key.as_str()) && p.distinct_count() * 50 < p.filled * 49).then_some("a customer's number")
}

#[cfg(test)]
mod tests;
