//! Columns of text: touchpoints, comments, and the breakdowns or reasons to leave a column out.

use super::*;

/// A touchpoint column, links (left out) or free text, from the name and the values' length.
pub(in crate::init) fn text_role(name: &str, p: &Profile, mostly_ints: bool) -> Option<Role> {
    // The company's answers to reviews (Trustpilot's `Reply Content`, App Store's `Developer
    // Response`, 天猫's `商家回复`) are not what customers say.
    let reply = words(name).iter().any(|w| w == "reply" || w == "replies")
        || named(
            name,
            &["developer response", "owner response", "business response", "merchant response", "回复", "回覆"],
        );
    // (`Replies` of numbers is a count of them, left out as one.)
    if reply && !mostly_ints {
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
            // 12345's 诉求内容, a forum's 内容, a review site's 评价内容: varied text of that name.
            "内容",
            "content",
        ],
    ) || named(name, COMMENT_WORDS_ELSEWHERE)
        || open_question_named(name);
    let varied = distinct * 2 >= said;
    if p.links * 2 > said {
        return Some(Role::Left("web addresses (links): not free text".into()));
    }
    if let Some(example) = sub_ratings(p) {
        return Some(Role::Left(format!(
            "ratings of several aspects written as text (`{example}`): not what customers wrote; give each aspect a column to read it as a score"
        )));
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
        && ((varied && (avg >= 15.0 || (commenty && avg >= 4.0)))
            || (commenty && avg >= 15.0)
            // Sentences in their hundreds (answers a template or a macro repeats among them):
            // no breakdown has so many long values.
            || (distinct > 100 && avg >= 30.0))
    {
        return Some(Role::Comment);
    }
    None
}

/// The first value of a column of aspect ratings written as text, when four in five of its
/// filled cells are such (大众点评's `分项评分`: `口味：非常好 环境：一般 服务：好`): two or more
/// `label：rating` pairs, the same labels on most rows, each rated in a few words (at most 8
/// different ones a label). Read as comments, every row counted twice and the ratings were
/// quoted as what customers said. Customers' own `优点：便宜 缺点：排队久` vary too much to be such.
fn sub_ratings(p: &Profile) -> Option<String> {
    let pairs = |v: &str| -> Option<Vec<(String, String)>> {
        let v = v.replace("： ", "：").replace(": ", ":");
        let pieces: Vec<&str> =
            v.split([' ', '\u{3000}', ',', '，', ';', '；', '|', '/', '、']).filter(|x| !x.is_empty()).collect();
        let out: Option<Vec<(String, String)>> = pieces
            .iter()
            .map(|piece| {
                let (label, rating) = piece.split_once([':', '：'])?;
                ((1..=8).contains(&label.chars().count()) && (1..=6).contains(&rating.chars().count()))
                    .then(|| (label.to_lowercase(), rating.to_lowercase()))
            })
            .collect();
        out.filter(|o| o.len() >= 2)
    };
    let seen: usize = p.distinct.values().sum();
    let mut rated = 0;
    let mut example = None;
    let mut ratings: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> = Default::default();
    let mut labelled: std::collections::BTreeMap<String, usize> = Default::default();
    for (v, n) in &p.distinct {
        let Some(found) = pairs(v.trim()) else { continue };
        rated += n;
        example.get_or_insert_with(|| v.trim().chars().take(40).collect::<String>());
        for (label, rating) in found {
            *labelled.entry(label.clone()).or_default() += n;
            ratings.entry(label).or_default().insert(rating);
        }
    }
    let repeated = labelled.values().max().is_some_and(|most| most * 5 >= rated * 4);
    let scale = ratings.values().all(|r| r.len() <= 8);
    example.filter(|_| seen >= 5 && rated * 5 >= seen * 4 && repeated && scale)
}

/// A header asking customers to write (`What could we improve?`, `Anything else you'd like to
/// tell us?`, 您对我们有什么改进建议) or naming what a customer wrote in a ticket or a review
/// besides its body (`Description`, `Subject`, `Review Title`, 标题): a comment when its
/// answers are words and not a drop-down's few choices.
fn open_question_named(name: &str) -> bool {
    const PHRASES: &[&str] = &[
        "improve",
        "anything else",
        "tell us",
        "what could we",
        "what can we",
        "what did you like",
        "what would make",
        "how can we",
        "description",
        "review title",
        "post title",
        "ticket title",
        "改进",
        "改善",
        "为什么",
        "还有什么",
        "标题",
        "问题描述",
    ];
    named(name, PHRASES) || words(name).iter().any(|w| w == "subject" || w == "why")
}

/// A segment or dimension when the values repeat enough, else why the column is left out
/// (an identifier, a response status, personal values, one value, too many values).
pub(in crate::init) fn breakdown_or_left(name: &str, p: &Profile) -> Role {
    let distinct = p.distinct_count();
    if p.unique() || (distinct * 10 >= p.filled * 9 && p.filled >= 10) {
        return Role::Left("a different value on (almost) every row: an identifier".into());
    }
    if status_column(name, p) {
        return Role::Screen(status_values_left_out(name, p));
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
        // (Wherever filled: Typeform's `Tags` holds `test` on 3 rows and nothing elsewhere.)
        let value: String = p.distinct.keys().next().map_or("", |v| v.trim()).chars().take(40).collect();
        return Role::Left(format!("one value (`{value}`) wherever filled: nothing to break down by"));
    }
    // Filled on a few rows of many: a report that writes a group's name on its first row only
    // (Salesforce's grouped reports), or a question few answered. "Too many values" it is not.
    if p.filled * 10 < p.filled + p.blank {
        return Role::Left(format!(
            "filled on {} of {} rows only: a report's grouping written on each group's first row? Fill it down to break down by it",
            p.filled,
            p.filled + p.blank
        ));
    }
    Role::Left(format!("{distinct} different values: too many to break down by"))
}

/// A column the survey tool marks as a text box (SurveyMonkey's `Open-Ended Response`, a
/// Qualtrics text-entry question) whose answers were guessed a breakdown or left out for
/// their variety: what customers typed in their own words, so a comment, when the answers
/// are words (not numbers or codes) and vary as typed answers do — at least one different
/// answer in four, or long ones. A text box of store names (a few values, each many times)
/// stays a breakdown, a text box for an e-mail address or a number stays what it was.
pub(in crate::init) fn open_ended_answer(role: Role, p: &Profile) -> Role {
    let breakdown = matches!(role, Role::Segment(_) | Role::Dimension(_))
        || matches!(&role, Role::Left(why) if why.contains("different values") || why.contains("identifier") || why.contains("values such as e-mail addresses or phone numbers"));
    let said = p.filled - p.non_answers.min(p.filled);
    if !breakdown || said == 0 || p.emails * 2 > p.filled || p.phones * 2 > p.filled {
        return role;
    }
    let numbers = p.int_count + p.halves.values().sum::<usize>() + p.tenths.values().sum::<usize>();
    let words = numbers * 2 < said && p.codes * 2 < said && p.links * 2 < said;
    let avg = (p.chars - p.non_answer_chars.min(p.chars)) as f64 / said as f64;
    let distinct = p.distinct_count();
    if words && (distinct * 4 >= said || avg >= 15.0) {
        Role::Comment
    } else {
        role
    }
}
