//! Comment cells that say nothing: a non-answer (`无`, `N/A`, `No comment`) or punctuation
//! alone. Such a cell is no comment.

/// What respondents write in a comment box when they have nothing to say, compared in lower
/// case without the punctuation around it.
const NON_ANSWERS: &[&str] = &[
    "n/a",
    "na",
    "n.a",
    "n a",
    "none",
    "nil",
    "null",
    "no",
    "nope",
    "nothing",
    "no comment",
    "no comments",
    "nothing to add",
    "nothing to say",
    "nothing else",
    "not applicable",
    "no answer",
    "no idea",
    "nothing really",
    "无",
    "没有",
    "暂无",
    "没",
    "无意见",
    "没意见",
    "没有意见",
    "暂无意见",
    "无建议",
    "没有建议",
    "暂无建议",
    "无评论",
    "没有评论",
    "无其他",
    "没有了",
    "没什么",
    "没什么建议",
    "没什么意见",
    "略",
    "空",
    "跳过",
    "不适用",
    "无可奉告",
    "沒有",
    "無",
    "暫無",
    "無意見",
    // (What review platforms write in place of a review nobody wrote — Taobao, Tmall, JD,
    // Meituan — is told by its words in any wording: `platform_default_review`.)
];

/// What a shop platform writes for a review left without words (京东's `您没有填写内容，默认好评`,
/// 淘宝's `评价方未及时做出评价，系统默认好评`, `此用户没有填写评价内容`): a short text saying the
/// review was given by default or its words were not filled in, in any of the platforms'
/// wordings.
/// Every clause must say so: `系统默认好评，但其实薯片碎了` is a comment.
fn platform_default_review(t: &str) -> bool {
    // Every comment comes this way: its length first (40 characters are at most 160 bytes),
    // then a look for the words such a text holds.
    if t.len() > 160 || t.chars().count() > 40 {
        return false;
    }
    if !["默认", "填写", "未写", "没有写", "未及时"].iter().any(|w| t.contains(w)) {
        return false;
    }
    let says_default = |clause: &str| {
        let unfilled = ["未填写", "没有填写", "没填写", "未写", "没有写"].iter().any(|w| clause.contains(w))
            && ["评价", "内容", "评论", "评语"].iter().any(|w| clause.contains(w));
        unfilled || ["默认好评", "默认评价", "系统默认", "未及时"].iter().any(|w| clause.contains(w))
    };
    let mut clauses = t.split(|c: char| !c.is_alphanumeric()).filter(|c| !c.is_empty()).peekable();
    clauses.peek().is_some() && clauses.all(says_default)
}

/// Whether a comment cell says nothing: blank, only punctuation, symbols and spaces (`-`, `/`,
/// `...`, `？`), or a non-answer (`无`, `没有`, `N/A`, `none`, `No comment.`, `(空)`). Such a
/// cell is no comment: not counted, analysed or quoted.
pub fn is_non_answer(text: &str) -> bool {
    let t = text.trim_matches(|c: char| !c.is_alphanumeric());
    if t.is_empty() {
        // Nothing but punctuation, symbols and spaces; an emoji alone is a comment.
        return !text.chars().any(|c| matches!(c, '\u{1F300}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}'));
    }
    if t.is_ascii() {
        // The list is in lower case; no allocation for the case-blind comparison.
        return t.len() <= 24 && NON_ANSWERS.iter().any(|n| n.eq_ignore_ascii_case(t));
    }
    if platform_default_review(t) {
        return true;
    }
    t.chars().count() <= 24 && {
        // Lower-cased only when that changes a character (any upper- or title-case letter).
        // (Han characters, most of such a text, have no case: not looked up.)
        let changes = |c: char| {
            if super::is_han(c) {
                return false;
            }
            let mut lower = c.to_lowercase();
            lower.next() != Some(c) || lower.next().is_some()
        };
        if t.chars().any(changes) {
            NON_ANSWERS.contains(&t.to_lowercase().as_str())
        } else {
            NON_ANSWERS.contains(&t)
        }
    }
}
