//! Shapes of the rows that change what is guessed: test submissions, several metrics in one
//! score column, NPS groups without their scores.

use super::*;

/// What a form's owner types as the name of a test submission (麦客, 金数据, Jotform).
const TEST_NAMES: &[&str] = &["测试", "测试用户", "测试人员", "测试数据", "test", "testing", "test user", "tester"];

/// An e-mail address a tester types: `test@…`, `test123@…`, `qa@…`, `dummy@…` (a `+tag`
/// aside), or any address at a domain kept for examples and tests (`@example.com`,
/// `@test.com`, `@mailinator.com`).
fn test_address(v: &str) -> bool {
    let Some((local, domain)) = v.to_lowercase().rsplit_once('@').map(|(l, d)| (l.to_string(), d.to_string())) else {
        return false;
    };
    let local = local.split('+').next().unwrap_or("");
    let word = local.trim_end_matches(|c: char| c.is_ascii_digit() || c == '.' || c == '_' || c == '-');
    matches!(word, "test" | "testing" | "tester" | "testuser" | "test.user" | "test_user" | "qa" | "dummy" | "demo")
        || ["example.com", "example.org", "example.net", "test.com", "test.cn", "mailinator.com"]
            .contains(&domain.as_str())
}

/// A name or e-mail column (personal data, left out) where a few rows say `测试`, `test` or
/// `test@example.com`: those rows are the form owner's tests, left out by `drop_rows:` (the
/// column stays unshown).
pub(super) fn test_respondents(roles: &mut [Role], columns: &[Vec<String>]) {
    for (i, role) in roles.iter_mut().enumerate() {
        let Role::Left(why) = role else { continue };
        let names = why.starts_with(PERSONAL) && why.contains("name");
        let addresses = why.contains("e-mail");
        if !names && !addresses {
            continue;
        }
        let mut tests: Vec<String> = Vec::new();
        let mut rows = 0;
        for v in columns[i].iter().map(|v| v.trim()) {
            let test = if addresses { test_address(v) } else { TEST_NAMES.iter().any(|t| v.eq_ignore_ascii_case(t)) };
            if test {
                rows += 1;
                if !tests.iter().any(|t| t == v) {
                    tests.push(v.to_string());
                }
            }
        }
        // Tests are a few rows, not a column of them.
        if rows > 0 && rows * 10 <= columns[i].len() {
            *role = Role::Screen(tests);
        }
    }
}

/// An export that mixes several metrics in one score column, a column saying which each row
/// answers (Retently's `Survey type`: NPS, CSAT, CES): the type column, the score column, and
/// per type its value as written, the score id and the scale of that type's answers. One
/// dataset per type is written, each reading its rows (`keep_rows:`); read as one score, an
/// NPS over CSAT and CES answers was the headline.
pub(super) fn metric_types(roles: &[Role], columns: &[Vec<String>]) -> Option<MetricTypes> {
    let scores: Vec<usize> = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Score { .. })).collect();
    let [score] = scores[..] else { return None };
    // As written, or as an API's enum (HubSpot's `CUSTOMER_SATISFACTION`, `CUSTOMER_EFFORT`).
    let kind = |v: &str| match v.trim().to_lowercase().replace(['_', '-'], " ").as_str() {
        "nps" | "net promoter score" | "net promoter" | "nps survey" => Some("nps"),
        "csat" | "customer satisfaction" | "customer satisfaction score" | "csat survey" => Some("csat"),
        "ces" | "customer effort score" | "customer effort" | "ces survey" => Some("ces"),
        _ => None,
    };
    let (column, values) = (0..roles.len()).filter(|i| matches!(roles[*i], Role::Segment(_))).find_map(|t| {
        let mut values: Vec<(String, &'static str)> = Vec::new();
        for v in columns[t].iter().filter(|v| !v.trim().is_empty()) {
            let k = kind(v)?;
            if !values.iter().any(|(w, _)| w == v.trim()) {
                values.push((v.trim().to_string(), k));
            }
        }
        (values.len() >= 2).then_some((t, values))
    })?;
    let mut types = Vec::new();
    for (value, id) in values {
        let answers = columns[score]
            .iter()
            .zip(&columns[column])
            .filter(|(_, t)| t.trim() == value)
            .filter_map(|(a, _)| a.trim().parse::<i64>().ok());
        let (lo, hi) = answers.fold((i64::MAX, i64::MIN), |(l, h), a| (l.min(a), h.max(a)));
        let scale = match id {
            "nps" => (0, 10),
            _ if lo >= 1 && hi <= 5 => (1, 5),
            _ if lo >= 1 && hi == 6 => (1, 6),
            _ if lo >= 1 && hi <= 7 => (1, 7),
            _ => return None,
        };
        types.push((value, id, scale));
    }
    Some(MetricTypes { column, score, types })
}

/// What [`metric_types`] found.
pub(in crate::init) struct MetricTypes {
    pub(in crate::init) column: usize,
    pub(in crate::init) score: usize,
    /// (the type as written, the score id, the scale of its answers).
    pub(in crate::init) types: Vec<(String, &'static str, (i64, i64))>,
}

/// A column of NPS groups by name (`Promoter`, `Passive`, `Detractor`) in a file with no 0–10
/// answers is the only NPS there is: read as 10, 8 and 0, which puts each answer in its group,
/// so the NPS is exact. Beside a 0–10 question the groups are worked out from it and left out.
pub(super) fn nps_groups_alone(roles: &mut [Role], columns: &[Vec<String>]) {
    if roles.iter().any(|r| matches!(r, Role::Score { scale: (0, 10), .. })) {
        return;
    }
    let Some(i) =
        roles.iter().position(|r| matches!(r, Role::Left(why) if why.starts_with(crate::init::guess::NPS_GROUPS)))
    else {
        return;
    };
    let mut labels: Vec<(String, i64)> = Vec::new();
    for v in &columns[i] {
        let v = v.trim();
        if v.is_empty() || labels.iter().any(|(l, _)| l == v) {
            continue;
        }
        let Some(n) = crate::init::guess::nps_group_value(v) else { return };
        labels.push((v.to_string(), n));
    }
    if labels.len() < 2 {
        return;
    }
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    roles[i] = Role::Score {
        scale: (0, 10),
        na_zero: false,
        labels,
        per_point: 1,
        reverse: false,
        why: "NPS groups alone, with no 0–10 answers in the file: promoters read as 10, passives as 8, detractors as 0, so the NPS is exact (its distribution shows the three groups only)".into(),
    };
}

/// Names of the column that holds the answer in long data (a row per answer).
const ANSWER_NAMES: &[&str] = &[
    "answer",
    "answers",
    "answertext",
    "answervalue",
    "response",
    "responsevalue",
    "responsetext",
    "value",
    "score",
    "rating",
    "antwort",
    "réponse",
    "reponse",
    "respuesta",
    "resposta",
    "risposta",
    "回答",
    "答案",
    "答复",
    "作答",
    "分数",
    "评分",
    "得分",
];

/// Long data, a row per answer (`Response ID, Question, Answer`): the question column, the
/// answer column, and per question as written the role its answers have on their own rows
/// (a score on its scale, or free text). A dataset per question is written, each reading its
/// rows (`keep_rows:`); read as one column, the answers of every question were one breakdown
/// of mixed numbers and words, and the project had no score.
pub(super) fn question_rows(
    roles: &[Role],
    header: &[String],
    columns: &[Vec<String>],
    workbook: bool,
) -> Option<QuestionRows> {
    use crate::init::guess::QUESTION_ROWS;
    // Of a question's code and its text (`question_id`, `question_text`), the text: what the
    // question asks names the score and tells a recommendation from a rating.
    let length = |i: usize| columns[i].iter().map(|v| v.trim().chars().count()).sum::<usize>();
    let question = (0..roles.len())
        .filter(|i| matches!(&roles[*i], Role::Left(why) if why.starts_with(QUESTION_ROWS)))
        .max_by_key(|i| (length(*i), std::cmp::Reverse(*i)))?;
    let answer = named_answer(header, question).or_else(|| {
        let next = question + 1;
        (next < roles.len() && answerable(&roles[next])).then_some(next)
    })?;
    // Scores beside the answers: not a file of one answer a row.
    if roles.iter().enumerate().any(|(i, r)| i != answer && matches!(r, Role::Score { .. })) {
        return None;
    }
    let mut items: Vec<(String, Role)> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut asked: Vec<&str> = Vec::new();
    for q in columns[question].iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        if !asked.contains(&q) {
            asked.push(q);
        }
    }
    for q in asked {
        let mut p = Profile::default();
        let mut values: Vec<&str> = Vec::new();
        for (a, _) in columns[answer].iter().zip(&columns[question]).filter(|(_, w)| w.trim() == q) {
            p.add(a);
            if !a.is_empty() {
                values.push(a);
            }
        }
        p.note_header(q);
        match classify(q, &p, &values, workbook) {
            role @ (Role::Score { .. } | Role::Comment) => items.push((q.to_string(), role)),
            _ => others.push(q.to_string()),
        }
    }
    items.iter().any(|(_, r)| matches!(r, Role::Score { .. })).then_some(QuestionRows {
        question,
        answer,
        items,
        others,
    })
}

/// The column after `question` named for answers (`Answer`, `Response`, `回答`).
fn named_answer(header: &[String], question: usize) -> Option<usize> {
    use crate::init::guess::header_key;
    (0..header.len()).filter(|i| *i != question).find(|i| ANSWER_NAMES.contains(&header_key(&header[*i]).as_str()))
}

/// Whether a column's own role leaves it free to be the answers (not an id, a date or a
/// column left out as personal data).
fn answerable(role: &Role) -> bool {
    match role {
        Role::Respondent | Role::Date { .. } => false,
        Role::Left(why) => !why.starts_with(PERSONAL),
        _ => true,
    }
}

/// What [`question_rows`] found.
pub(in crate::init) struct QuestionRows {
    pub(in crate::init) question: usize,
    pub(in crate::init) answer: usize,
    /// (the question as written, the role of its answers): scores and free text.
    pub(in crate::init) items: Vec<(String, Role)>,
    /// Questions whose answers are neither a score nor free text (a choice, a fact): not read.
    pub(in crate::init) others: Vec<String>,
}
