//! Columns an export keeps about its rows rather than the customer's answers: a response's
//! status or its finished and test flags (which rows are no response, for `drop_rows:`), a
//! survey weight, and the question a row answers in an export of one row per answer.

use super::personal::words;
use super::Profile;

/// A header compared as a whole, whatever its case, spaces and punctuation: its letters and
/// digits in lower case (`Is Test` and `is_test?` are `istest`).
pub(in crate::init) fn header_key(name: &str) -> String {
    name.trim().to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Words an export writes for a real response: finished, approved, published, valid.
const GOOD_STATUS: &[&str] = &[
    "complete",
    "completed",
    "finished",
    "approved",
    "published",
    "live",
    "valid",
    "已完成",
    "完成",
    "有效",
    "正常",
    "通过",
    "已通过",
    "审核通过",
    "已审核",
    "已发布",
    "已公开",
];

/// Words an export writes for a row that is no real response: a test, a deleted or invalid
/// answer, a review its platform rejected, hid or has not yet approved. Those of an unfinished
/// response are the build's ([`crate::produce::csv::is_unfinished_status`]).
const BAD_STATUS: &[&str] = &[
    "test",
    "testing",
    "preview",
    "deleted",
    "removed",
    "invalid",
    "rejected",
    "spam",
    "pending",
    "hidden",
    "suppressed",
    // Taken down or never published, whatever the column is called.
    "unpublished",
    "unapproved",
    "disapproved",
    "trash",
    "trashed",
    "junk",
    "awaiting moderation",
    "未发布",
    "已下架",
    "被举报",
    "测试",
    "测试数据",
    "预览",
    "无效",
    "作废",
    "删除",
    "已删除",
    "垃圾",
    "屏蔽",
    "已屏蔽",
    "隐藏",
    "已隐藏",
    "驳回",
    "已驳回",
    "未通过",
    "审核未通过",
    "待审核",
    "审核中",
];

/// A review platform's moderation words (Shopify's `state`, Judge.me's `curated`, a `Review
/// Status`), read only under a header that names moderation: `Declined` of a claim, `Blocked`
/// of an account and `Not yet` of an installation are customers' answers.
const MODERATION_GOOD: &[&str] = &["active", "ok", "visible", "accepted", "shown"];
const MODERATION_BAD: &[&str] = &["flagged", "reported", "declined", "blocked", "not-yet", "not yet", "notyet"];

/// Whether a header names a review's moderation: `state`, `moderation`, `curated`, `Review
/// Status`, `published`, `审核状态`.
fn moderation_header(name: &str) -> bool {
    let key = header_key(name);
    ["state", "moderation", "moderationstatus", "curated", "reviewstatus", "reviewstate", "published", "visibility"]
        .contains(&key.as_str())
        || ["审核", "审核状态", "评价状态", "状态"].contains(&key.as_str())
}

/// A column saying which rows are real responses and which are not (partial, disqualified,
/// test, deleted, rejected): every value one of those words, at least one of each kind.
pub(super) fn status_column(name: &str, p: &Profile) -> bool {
    let moderation = moderation_header(name);
    let low: Vec<String> = p.distinct.keys().map(|v| v.trim().to_lowercase()).collect();
    let good = |v: &String| GOOD_STATUS.contains(&v.as_str()) || (moderation && MODERATION_GOOD.contains(&v.as_str()));
    let bad = |v: &String| no_response_status(v, moderation);
    low.len() >= 2
        && !p.overflow
        && low.iter().all(|v| good(v) || bad(v))
        && low.iter().any(good)
        && low.iter().any(bad)
}

/// The values of a status column ([`status_column`]) that mark no real response, as written.
pub(super) fn status_values_left_out(name: &str, p: &Profile) -> Vec<String> {
    let moderation = moderation_header(name);
    p.distinct.keys().filter(|v| no_response_status(&v.trim().to_lowercase(), moderation)).cloned().collect()
}

/// Whether a status (trimmed, lower case) marks a row that is no real response: one of
/// [`BAD_STATUS`] or an unfinished one, or under a moderation header one of [`MODERATION_BAD`].
fn no_response_status(low: &str, moderation: bool) -> bool {
    BAD_STATUS.contains(&low)
        || crate::produce::csv::is_unfinished_status(low)
        || (moderation && MODERATION_BAD.contains(&low))
}

/// Headers of a yes/no column that says whether the response was finished (`Finished`,
/// `Completed`, `是否完成`), compared as [`header_key`] writes them. A whole
/// header, not a word in one: `Was your order complete?` is a question customers answer.
const FINISHED_FLAGS: &[&str] = &[
    "finished",
    "isfinished",
    "complete",
    "completed",
    "iscomplete",
    "iscompleted",
    "responsecomplete",
    "responsecompleted",
    "surveycomplete",
    "surveycompleted",
    "completedsurvey",
    "valid",
    "isvalid",
    "validresponse",
    "完成",
    "已完成",
    "是否完成",
    "是否已完成",
    "是否完成答卷",
    "答卷完成",
    "有效",
    "是否有效",
    "有效答卷",
    "是否有效答卷",
];

/// Headers of a yes/no column that says the row is a test, preview or spam (`Is Test`,
/// `Test Response`, `是否测试`), compared as [`FINISHED_FLAGS`] are.
const TEST_FLAGS: &[&str] = &[
    "test",
    "istest",
    "testresponse",
    "testflag",
    "testdata",
    "preview",
    "ispreview",
    "spam",
    "isspam",
    "测试",
    "是否测试",
    "是否为测试",
    // A record the system deleted or voided and kept (a soft delete: MyBatis' `deleted`,
    // `is_deleted`, `del_flag`): no response any more.
    "deleted",
    "isdeleted",
    "delflag",
    "deleteflag",
    "isdel",
    "voided",
    "isvoid",
    "删除",
    "已删除",
    "是否删除",
    "删除标记",
    "删除标志",
    "作废",
    "是否作废",
    "测试数据",
    "是否测试数据",
    "预览",
    "是否预览",
];

/// Yes and no as exports write them in a flag column, lower case.
const FLAG_YES: &[&str] = &["true", "yes", "y", "1", "t", "是", "√", "✓", "x"];
const FLAG_NO: &[&str] = &["false", "no", "n", "0", "f", "否"];

/// A yes/no column whose header says the response was finished or was a test
/// ([`FINISHED_FLAGS`], [`TEST_FLAGS`]): the values, as written, that mark rows which are no
/// real response (`FALSE` of `Finished`, `Yes` of `Is Test`), when the sample has both.
pub(super) fn flag_left_out(name: &str, p: &Profile) -> Option<Vec<String>> {
    let key = header_key(name);
    let finished = FINISHED_FLAGS.contains(&key.as_str());
    if !finished && !TEST_FLAGS.contains(&key.as_str()) {
        return None;
    }
    let low = |v: &str| v.trim().to_lowercase();
    let yes = |v: &String| FLAG_YES.contains(&low(v).as_str());
    let no = |v: &String| FLAG_NO.contains(&low(v).as_str());
    let values: Vec<&String> = p.distinct.keys().collect();
    if p.overflow || !values.iter().all(|v| yes(v) || no(v)) || !values.iter().any(|v| yes(v)) {
        return None;
    }
    // Unfinished rows say no; test rows say yes.
    let out: Vec<String> = values.into_iter().filter(|v| if finished { no(v) } else { yes(v) }).cloned().collect();
    (!out.is_empty()).then_some(out)
}

/// A column naming the question each row answers, in an export of one row per answer
/// (`QuestionText`, `Question`, `QuestionId`, `题目`): a few values repeated on every
/// respondent's rows. Its texts are no customer's words (as comments, the questions' own words
/// became themes) nor a breakdown.
pub(super) fn question_column(name: &str, p: &Profile) -> bool {
    const NAMES: &[&str] = &[
        "question",
        "questiontext",
        "questiontitle",
        "questionlabel",
        "questionname",
        "questionid",
        "questioncode",
        "questionkey",
        "frage",
        "fragetext",
        "题目",
        "问题",
        "题干",
        "题目名称",
        "问题名称",
        "题号",
    ];
    let distinct = p.distinct_count();
    NAMES.contains(&header_key(name).as_str())
        && !p.overflow
        && (2..=50).contains(&distinct)
        && p.filled >= distinct * 3
}

/// A panel's or a poll's weight per respondent (`weight`, `wt`, `Gewicht`, `权重`): its name
/// a whole word of the header, nine in ten values positive numbers, some not whole.
pub(super) fn weight_column(name: &str, p: &Profile) -> bool {
    const WEIGHT: &[&str] = &["weight", "weights", "weighting", "wgt", "wt", "gewicht", "gewichtung", "poids", "peso"];
    let named =
        words(name).iter().any(|w| WEIGHT.contains(&w.as_str())) || name.contains("权重") || name.contains("加权");
    if !named {
        return false;
    }
    let numbers = p.distinct.keys().filter(|v| v.trim().parse::<f64>().is_ok_and(|x| x > 0.0)).count();
    let fractions = p.distinct.keys().any(|v| v.contains('.'));
    numbers * 10 >= p.distinct.len() * 9 && fractions
}
