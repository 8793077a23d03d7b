//! Each column's role: classified from its name and sampled values, then the passes over
//! all of them (checkbox questions, option columns, one column of each single role).

use super::*;

/// Each column's role: classified from its profile, checkbox questions split into options,
/// then one column of each single-column role kept.
pub(super) fn guess_roles(
    header: &[String],
    questions: &[String],
    open_ended: &[bool],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = classify_columns(header, questions, open_ended, columns, export, workbook);
    counts_of_ratings(&mut roles, header, columns);
    split_checkbox_questions(&mut roles, header, columns, export == Some(crate::project::Export::GoogleForms));
    group_option_columns(&mut roles, header, questions, columns);
    group_self_named_options(&mut roles, header, columns);
    prefer_unique_respondent(&mut roles, columns);
    keep_first_of_each(&mut roles, header);
    four_points_beside_five(&mut roles);
    screened_status(&mut roles, header);
    nps_groups_alone(&mut roles, columns);
    test_respondents(&mut roles, columns);
    copies_of_scores(&mut roles, header, columns);
    same_groups(&mut roles, header, columns);
    roles
}

/// Two breakdown columns that split the rows into the same groups (Medallia's `Unit` and
/// `Unit ID`, Google Play's `App Version Code` and `App Version Name`, a store's number beside
/// its name): each value of one always beside the same value of the other, both ways. The
/// second would repeat every figure of the first under codes ("Unit ID: 1002 are the least
/// satisfied"): the one in words is kept, the other left out naming it.
fn same_groups(roles: &mut [Role], header: &[String], columns: &[Vec<String>]) {
    let breakdown = |r: &Role| matches!(r, Role::Segment(_) | Role::Dimension(_));
    let coded = |i: usize| {
        let filled: Vec<&String> = columns[i].iter().filter(|v| !v.trim().is_empty()).collect();
        filled.iter().filter(|v| !v.chars().any(char::is_alphabetic)).count() * 2 > filled.len()
    };
    let same = |a: usize, b: usize| {
        let (mut ab, mut ba): (HashMap<&str, &str>, HashMap<&str, &str>) = (HashMap::new(), HashMap::new());
        columns[a].iter().zip(&columns[b]).all(|(x, y)| {
            let (x, y) = (x.trim(), y.trim());
            *ab.entry(x).or_insert(y) == y && *ba.entry(y).or_insert(x) == x
        })
    };
    for a in 0..roles.len() {
        if !breakdown(&roles[a]) {
            continue;
        }
        for b in a + 1..roles.len() {
            if !breakdown(&roles[b]) || !same(a, b) {
                continue;
            }
            // Keep the one in words; of two alike, the first.
            let (keep, drop) = if coded(a) && !coded(b) { (b, a) } else { (a, b) };
            roles[drop] = Role::Left(format!(
                "the same groups as column `{}` (each value always beside the same one): a second name for them",
                header[keep]
            ));
            if drop == a {
                break;
            }
        }
    }
}

/// A 0–10 column whose every answer is the one of an earlier 0–10 column on the same row
/// (Medallia's `LTR` beside `Likelihood to Recommend`, a recommendation exported twice) is a
/// copy: left out, saying which column it repeats, rather than a second NPS of the same
/// answers. Only 0–10 columns of 30 answers or more: a grid's 1–5 rows may agree on a small
/// sample by chance. Found by a hash of each column's answers, so a file of thousands of
/// columns costs one pass.
fn copies_of_scores(roles: &mut [Role], header: &[String], columns: &[Vec<String>]) {
    use std::hash::{Hash, Hasher};
    let mut seen: HashMap<u64, Vec<usize>> = HashMap::new();
    for i in 0..roles.len() {
        if !matches!(roles[i], Role::Score { scale: (0, 10), .. }) {
            continue;
        }
        if columns[i].iter().filter(|v| !v.trim().is_empty()).count() < 30 {
            continue;
        }
        let mut h = std::collections::hash_map::DefaultHasher::new();
        columns[i].iter().for_each(|v| v.trim().hash(&mut h));
        let same = |j: &usize| columns[*j].iter().map(|v| v.trim()).eq(columns[i].iter().map(|v| v.trim()));
        let earlier = seen.entry(h.finish()).or_default();
        match earlier.iter().find(|j| same(j)) {
            Some(&j) => {
                roles[i] =
                    Role::Left(format!("the same answer as column `{}` on every row read: a copy of it", header[j]))
            }
            None => earlier.push(i),
        }
    }
}

/// Answers 1–4 read as a four-point scale ([`crate::init::guess::FOUR_POINT`]) in a file whose
/// other numeric ratings are on 1–5 are a five-point question without a 5 in the sample (a grid's
/// unhappiest row): read on 1–5, as its siblings are.
fn four_points_beside_five(roles: &mut [Role]) {
    use crate::init::guess::{FOUR_POINT, FOUR_POINT_NA};
    // Numbers on 1–5: a label column's scale says how its labels are worded, not how numbers
    // are asked.
    let numbers = |labels: &[(String, i64)]| labels.iter().all(|l| l.1 == crate::init::guess::NA_LABEL);
    let five =
        roles.iter().any(|r| matches!(r, Role::Score { scale: (1, 5), per_point: 1, labels, .. } if numbers(labels)));
    if !five {
        return;
    }
    for r in roles.iter_mut() {
        if let Role::Score { scale, why, na_zero, .. } = r {
            // The reason may go on (labels, not-applicable codes): kept after the new start.
            let rest = why.strip_prefix(FOUR_POINT).or_else(|| why.strip_prefix(FOUR_POINT_NA));
            if let Some(rest) = rest.map(str::to_string) {
                *scale = (1, 5);
                *why = if *na_zero {
                    format!("whole numbers from 0 to 4: a 1–5 rating with 0 for not applicable, as the file's other ratings are on 1–5{rest}")
                } else {
                    format!("whole numbers from 1 to 4: a 1–5 rating, as the file's other ratings are{rest}")
                };
            }
        }
    }
}

/// Columns that count the ratings of each star (`1 Star` … `5 Stars`, `5星`, App Store
/// Connect's and Google Play's daily statistics): a table of counts, one row a day, not one
/// rating a row. Read as scores, `1 Star` had become a 1–5 rating of counts and the site's
/// CSAT was made up; they are left out, saying why (cxsite counts answers one a row, and
/// weights none).
fn counts_of_ratings(roles: &mut [Role], header: &[String], columns: &[Vec<String>]) {
    use std::sync::LazyLock;
    static STARS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(?i)^\s*(?:count of |number of |# ?)?(\d{1,2}|[一二两三四五])\s*-?\s*(?:stars?|star ratings?|星(?:评价|评分)?|★)\s*(?:ratings?|reviews?|count)?\s*$")
            .expect("valid")
    });
    let counts = |i: usize| {
        let filled: Vec<&String> = columns[i].iter().filter(|v| !v.trim().is_empty()).collect();
        !filled.is_empty() && filled.iter().all(|v| v.trim().bytes().all(|b| b.is_ascii_digit() || b == b','))
    };
    let starred: Vec<(usize, String)> = header
        .iter()
        .enumerate()
        .filter_map(|(i, h)| STARS.captures(h).map(|c| (i, c[1].to_string())))
        .filter(|(i, _)| counts(*i))
        .collect();
    let distinct: std::collections::BTreeSet<&str> = starred.iter().map(|(_, n)| n.as_str()).collect();
    if distinct.len() < 3 {
        return;
    }
    for (i, _) in starred {
        roles[i] = Role::Left(
            "a count of ratings of one star level on each row (a table of counts, such as an app store's daily statistics): cxsite reads one answer per row and weights none, so these counts are not read as ratings".into(),
        );
    }
}

/// The column in which the export marks unfinished responses, which the build leaves out
/// ([`crate::produce::csv::unfinished_column`]): said so, not "every response is read".
fn screened_status(roles: &mut [Role], header: &[String]) {
    let Some((i, crate::produce::csv::Unfinished::Values(_))) = crate::produce::csv::unfinished_column(header) else {
        return;
    };
    // What the build does not leave out itself (a test, a deleted response) is for `drop_rows:`.
    if let Role::Screen(values) = &mut roles[i] {
        values.retain(|v| !crate::produce::csv::is_unfinished_status(v));
        if !values.is_empty() {
            return;
        }
    }
    roles[i] = Role::Left(format!(
        "{STATUS}: its unfinished responses (partial, disqualified, screened out) are left out as incomplete"
    ));
}
/// Of several respondent columns, the one whose every value differs (Typeform's `#` token)
/// goes first: a column that repeats its values beside it is not the response's id.
fn prefer_unique_respondent(roles: &mut [Role], columns: &[Vec<String>]) {
    let candidates: Vec<usize> = (0..roles.len()).filter(|i| roles[*i] == Role::Respondent).collect();
    if candidates.len() < 2 {
        return;
    }
    let unique = |i: usize| {
        let filled: Vec<&String> = columns[i].iter().filter(|v| !v.is_empty()).collect();
        filled.iter().collect::<std::collections::HashSet<_>>().len() == filled.len()
    };
    if let Some(best) = candidates.iter().copied().find(|i| unique(*i)) {
        for i in candidates {
            if i != best {
                roles[i] = Role::Left("another respondent id column whose values repeat; the one with a different value on every row is used".into());
            }
        }
    }
}
/// LimeSurvey's own columns beside the answers: the last page reached, the language, the
/// randomisation seed, the address and the page the respondent came from.
const LIMESURVEY_METADATA: [&str; 5] = ["lastpage", "startlanguage", "seed", "ipaddr", "refurl"];

/// Classifies each column from its sampled values; a survey tool's own metadata is left out.
fn classify_columns(
    header: &[String],
    questions: &[String],
    open_ended: &[bool],
    columns: &[Vec<String>],
    export: Option<crate::project::Export>,
    workbook: bool,
) -> Vec<Role> {
    let mut roles = Vec::new();
    // LimeSurvey's response table starts `id, submitdate, lastpage, startlanguage, seed`.
    let limesurvey = ["lastpage", "startlanguage"].iter().all(|n| header.iter().any(|h| h.eq_ignore_ascii_case(n)));
    for (i, h) in header.iter().enumerate() {
        if limesurvey && LIMESURVEY_METADATA.iter().any(|m| h.eq_ignore_ascii_case(m)) {
            roles.push(Role::Left("LimeSurvey metadata".into()));
            continue;
        }
        let mut p = Profile::default();
        for v in &columns[i] {
            p.add(v);
        }
        p.note_header(&asked(h, questions.get(i)));
        // `null`, `\N`, `NaN`: blank, as the build reads them (a date column with some `null`
        // cells had been guessed free text, quoting its timestamps as comments).
        let values: Vec<&str> = columns[i]
            .iter()
            .map(String::as_str)
            .filter(|v| !v.is_empty() && !crate::produce::csv::reader::null_marker(v))
            .collect();
        roles.push(match export {
            Some(e) if TOOL_METADATA.contains(&h.as_str()) => Role::Left(format!("{} metadata", e.title())),
            _ if alert_field(h) => Role::Left(
                "a case-management alert field: alerts are raised from the scores (a detractor's answer), so grouping by them says nothing new".into(),
            ),
            Some(crate::project::Export::Qualtrics) if qualtrics_own(h) => {
                Role::Left("Qualtrics' own field (a check or scoring total, no answer)".into())
            }
            _ => {
                let role = classify(&asked(h, questions.get(i)), &p, &values, workbook);
                if open_ended.get(i) == Some(&true) {
                    crate::init::guess::open_ended_answer(role, &p)
                } else {
                    role
                }
            }
        });
    }
    roles
}

/// A closed-loop platform's alert fields (Medallia's and InMoment's `Alert Status`, `Alert
/// Type`, `Alert Owner`; `Case Status`): set from the answers, not answers. A CRM's `Case
/// Owner` is not one: in a support report it is the agent who handled the case, the
/// breakdown a support team wants most.
fn alert_field(header: &str) -> bool {
    let h = header.trim().to_lowercase();
    [
        "alert status",
        "alert type",
        "alert owner",
        "alert id",
        "alert level",
        "case status",
        "alert triggered",
        "alert raised",
        "alert flag",
        "alerted",
        "alert",
        "预警",
        "是否预警",
        "预警状态",
    ]
    .contains(&h.as_str())
}

/// A field Qualtrics adds of its own: embedded data it sets (`Q_RecaptchaScore`,
/// `Q_StraightliningCount`, `Q_Language`: `Q_` then a name; questions are `Q1`, `Q2_3`, `QID4`)
/// and scoring totals (`SC0`, `SC1`: points summed over questions, 0–10 as often as not, and
/// no likelihood to recommend).
fn qualtrics_own(header: &str) -> bool {
    let scoring = header.strip_prefix("SC").is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    scoring || header.strip_prefix("Q_").is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
}

/// What a column is named for when guessing its role: its header, and the question a tool
/// writes apart (Qualtrics' second header row: `Q3` asks `Which store did you visit?`, whose
/// coded answers 1–4 are stores, not a rating).
fn asked(header: &str, question: Option<&String>) -> String {
    match question.map(|q| q.trim()) {
        // (SurveyMonkey's headers hold their question already: `question / option`.)
        Some(q) if !q.is_empty() && !header.contains(q) => format!("{header} {q}"),
        _ => header.to_string(),
    }
}
/// A checkbox question's column of joined answers: its options, split as `multi_select:`
/// will. Looked for in comments and breakdowns, and in columns left out for their many values
/// (every combination of ticked options is a value of its own), not in personal ones.
fn split_checkbox_questions(roles: &mut [Role], header: &[String], columns: &[Vec<String>], google_forms: bool) {
    use crate::init::choices::{joined_options, joined_options_by, separated_options, SEPARATORS};
    for (i, r) in roles.iter_mut().enumerate() {
        let looked_at = match r {
            // Named for what customers wrote (`Any other comments?`), its commas are a
            // sentence's: a Google Forms comment of short remarks had become a checkbox
            // question of 24 "options".
            Role::Comment => !header.get(i).is_some_and(|h| crate::init::guess::comment_named(h)),
            Role::Dimension(_) | Role::Segment(_) => true,
            Role::Left(why) => !why.starts_with(crate::init::guess::PERSONAL),
            _ => false,
        };
        if !looked_at {
            continue;
        }
        // ", " joins Google Forms' answers; elsewhere it is as likely a comma in a sentence,
        // unless the header says the question takes several answers (`（多选）`).
        // `;` and `┋` first: they join nothing but answers, so an option that holds a comma
        // (`价格、优惠`) is not cut at it under a `（多选）` header.
        let several = header.get(i).is_some_and(|h| crate::init::guess::several_answers_named(h));
        let found = SEPARATORS
            .iter()
            .find_map(|sep| separated_options(&columns[i], sep).map(|o| (o, *sep)))
            .or_else(|| google_forms.then(|| joined_options(&columns[i])).flatten().map(|o| (o, ", ")))
            .or_else(|| {
                let joined_otherwise = columns[i].iter().any(|v| SEPARATORS.iter().any(|sep| v.contains(sep)));
                (several && !joined_otherwise)
                    .then(|| {
                        [", ", "，", "、", ","]
                            .iter()
                            .find_map(|sep| joined_options_by(&columns[i], sep).map(|o| (o, *sep)))
                    })
                    .flatten()
            });
        if let Some((options, sep)) = found {
            *r = Role::MultiSelect(options, sep);
        }
    }
}

/// Side-by-side columns of one checkbox question, a column per option: their headers share the
/// question and name the option (`Q4:您本次购买了哪些商品？|薯片`, `5(薯片)`, `Which snacks?
/// [Crisps]`), and each holds only 1 / 0 or blank, or the option's own text or blank — or,
/// for the "Other" option (`Other (please specify)`, `其他`), what the respondent typed.
/// Otherwise each would be a yes/no score or a segment of its own, and those who ticked only
/// "Other" would fall out of the question's base, raising every option's share.
fn group_option_columns(roles: &mut [Role], header: &[String], questions: &[String], columns: &[Vec<String>]) {
    let options: Vec<Option<(String, String)>> = (0..roles.len())
        .map(|i| {
            if matches!(roles[i], Role::Respondent | Role::Date { .. } | Role::Touchpoint(_)) {
                return None;
            }
            let (question, option) =
                crate::init::guess::tool_question_and_item(&header[i], questions.get(i).map(String::as_str))
                    .or_else(|| crate::init::guess::question_and_item(&header[i], true))?;
            let other = other_option(option);
            if matches!(roles[i], Role::Comment) && !other {
                return None;
            }
            let mut filled = columns[i].iter().map(|v| v.trim()).filter(|v| !v.is_empty());
            // A 1 or the option ticks it; a cell the build reads as no tick (0, 问卷星's `-3` of
            // a skipped question, `(跳过)`) does not.
            let ticks = other || filled.all(|v| v == "1" || v == option || !crate::project::choices::ticked(v));
            ticks.then(|| (question.to_string(), option.to_string()))
        })
        .collect();
    let option_of = |i: usize| options[i].clone();
    let mut i = 0;
    while i < roles.len() {
        let Some((question, _)) = option_of(i) else {
            i += 1;
            continue;
        };
        let mut end = i + 1;
        while end < roles.len() && option_of(end).is_some_and(|(q, _)| q == question) {
            end += 1;
        }
        if end - i >= 2 {
            for (role, found) in roles[i..end].iter_mut().zip(&options[i..end]) {
                if let Some((question, option)) = found.clone() {
                    *role = Role::OptionOf { question, option };
                }
            }
        }
        i = end;
    }
}
/// Side-by-side columns each headed by a checkbox option alone and holding its own text when
/// ticked, blank otherwise — Typeform's layout (`Reports`, `Dashboards`, `Alerts`), with the
/// "Other" column after them holding what the respondent typed. No header names the question,
/// so it is named by its options (a name to review). Each had been left out as "one value
/// wherever filled", and the question never reached the site.
fn group_self_named_options(roles: &mut [Role], header: &[String], columns: &[Vec<String>]) {
    let open = |r: &Role| match r {
        Role::Left(why) => !why.starts_with(crate::init::guess::PERSONAL),
        Role::Segment(_) | Role::Dimension(_) => true,
        _ => false,
    };
    let self_named: Vec<bool> = (0..roles.len())
        .map(|i| {
            let h = header[i].trim().to_lowercase();
            let mut filled = columns[i].iter().map(|v| v.trim()).filter(|v| !v.is_empty()).peekable();
            open(&roles[i])
                && h.chars().any(char::is_alphabetic)
                && filled.peek().is_some()
                && filled.all(|v| v.to_lowercase() == h)
        })
        .collect();
    let mut i = 0;
    while i < roles.len() {
        let mut end = i;
        while end < roles.len() && self_named[end] {
            end += 1;
        }
        if end - i < 2 {
            i = end.max(i + 1);
            continue;
        }
        if end < roles.len() && other_option(header[end].trim()) && (open(&roles[end]) || roles[end] == Role::Comment) {
            end += 1;
        }
        let options: Vec<&str> = header[i..end].iter().map(|h| h.trim()).collect();
        let question = options.join(" / ");
        for (role, option) in roles[i..end].iter_mut().zip(&options) {
            *role = Role::OptionOf { question: question.clone(), option: option.to_string() };
        }
        i = end;
    }
}

/// Whether a checkbox option is the "Other" one, whose column holds what the respondent typed
/// (`Other (please specify)`, `Other - Write In`, `其他（请注明）`, `Sonstiges`, `Autre`).
fn other_option(option: &str) -> bool {
    const OTHER: &[&str] = &[
        "other",
        "others",
        "something else",
        "其他",
        "其它",
        "其他选项",
        "sonstige",
        "sonstiges",
        "andere",
        "autre",
        "autres",
        "otro",
        "otros",
        "otra",
        "altro",
    ];
    let head = option.split(['(', '（', ':', '：', '[']).next().unwrap_or("");
    let head = head.split(" - ").next().unwrap_or("").trim().to_lowercase();
    OTHER.contains(&head.as_str())
}

/// Words of a date column that says when the answer was given, not when the survey or the
/// ticket began.
const ANSWERED_WORDS: &[&str] = &[
    "submit",
    "complet",
    "recorded",
    "responded",
    "response date",
    "scored",
    "rated at",
    "rated on",
    "rating date",
    "rating time",
    "answered",
    "end date",
    "enddate",
    "提交",
    "完成",
    "结束",
    "填写时间",
    "答卷时间",
];

/// Words of a date column named for the survey or the feedback itself (`Survey Date`,
/// `Review Date`, `回访时间`): when the customer answered, short of a submit time.
const SURVEY_DATE_WORDS: &[&str] = &[
    "survey",
    "feedback",
    "review",
    "interview",
    "response",
    "回访",
    "调查",
    "评价",
    "反馈",
    "问卷",
    "答卷",
    "访问时间",
];

/// Words of a date column that is a later step of a ticket's or an order's handling
/// (Freshdesk's `Initial response time`, `Resolved time`, `Due by Time`, `Last update time`;
/// 工单's 办结时间): kept only when no other date is there, after `Created time` or `Date/Time
/// Opened`, which say when the customer got in touch.
const WORKFLOW_DATE_WORDS: &[&str] = &[
    "initial response",
    "first response",
    "first reply",
    "resolved",
    "resolution",
    "closed",
    "due by",
    "due time",
    "last update",
    "last updated",
    "last modified",
    "updated at",
    "modified",
    "assigned",
    "escalated",
    "shipped",
    "delivered",
    "办结",
    "结案",
    "关闭时间",
    "更新时间",
    "修改时间",
    "派单",
    "回复时间",
    "处理时间",
];

/// Words of a date column that is a fact about the customer or the account, not about the
/// answer (`Signup Date`, `Date of Birth`, `Expiry Date`, `注册时间`): never the period of a
/// response.
const CUSTOMER_DATE_WORDS: &[&str] = &[
    "signup",
    "sign-up",
    "sign up",
    "sign_up",
    "registration",
    "registered",
    "register",
    "joined",
    "join date",
    "join_date",
    "member since",
    "membership start",
    "customer since",
    "birth",
    "dob",
    "expir",
    "expires",
    "renewal",
    "next contact",
    "follow-up due",
    "due date",
    "注册",
    "出生",
    "生日",
    "入会",
    "开卡",
    "到期",
    "有效期",
    "下次",
];

/// One of each single-column role; a second date, respondent or touchpoint is left out
/// (comment columns are all read: `comment: [a, b]`). Of several date columns the one kept is,
/// in this order, the first named for when the answer was given ([`ANSWERED_WORDS`]), for the
/// survey or feedback ([`SURVEY_DATE_WORDS`]), for a date at all (`Order Date`, `提交时间`),
/// then one that merely reads as dates; a date named for the customer's sign-up, birth or
/// expiry ([`CUSTOMER_DATE_WORDS`]) is never kept, so no trend is cut by when customers joined.
fn keep_first_of_each(roles: &mut [Role], header: &[String]) {
    use crate::init::guess::named;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, r) in roles.iter_mut().enumerate() {
        if matches!(r, Role::Date { .. }) && named(&header[i], CUSTOMER_DATE_WORDS) {
            *r = Role::Left(
                "a date about the customer (sign-up, birth, expiry), not when they answered: no period is cut by it"
                    .into(),
            );
        }
    }
    let rank = |i: usize| {
        let h = &header[i];
        if named(h, WORKFLOW_DATE_WORDS) {
            4
        } else if named(h, ANSWERED_WORDS) {
            0
        } else if named(h, SURVEY_DATE_WORDS) {
            1
        } else if named(h, crate::init::guess::DATE_WORDS) {
            2
        } else {
            3
        }
    };
    if let Some(best) =
        (0..roles.len()).filter(|&i| matches!(roles[i], Role::Date { .. })).min_by_key(|&i| (rank(i), i))
    {
        seen.insert("date", best);
    }
    for (i, r) in roles.iter_mut().enumerate() {
        let kind = match r {
            Role::Respondent => "respondent",
            Role::Date { .. } => "date",
            Role::Touchpoint(_) => "touchpoint",
            _ => continue,
        };
        if let Some(first) = seen.get(kind).filter(|first| **first != i) {
            *r = Role::Left(format!("another {kind} column; `{}` is used", c(header[*first].as_str())));
        } else {
            seen.insert(kind, i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::qualtrics_own;

    #[test]
    fn qualtrics_own_fields_are_its_checks_and_scoring_totals_not_questions() {
        for h in ["SC0", "SC12", "Q_RecaptchaScore", "Q_StraightliningCount", "Q_Language"] {
            assert!(qualtrics_own(h), "{h}");
        }
        for h in ["Q1", "Q2_3", "QID4", "SC", "SCORE", "Q_1", "Store"] {
            assert!(!qualtrics_own(h), "{h}");
        }
    }
}
