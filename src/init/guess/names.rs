//! What a column's header says: recommending, satisfaction, effort, an id, a question of
//! fact, a count or measure, a scale written out, or what customers wrote.

use super::*;

/// A column named for the likelihood to recommend: the NPS question. Not one asking how likely
/// the customer is to do something else (`likelihood to cancel`, `to buy again`).
pub(in crate::init) fn recommend_named(name: &str) -> bool {
    let other_intent = (leaving_named(name) || returning_named(name))
        && !named(name, &["recommend", "推荐", "推薦", "empfehl", "recommand"]);
    // `LTR` (likelihood to recommend) as panels code it: a whole word (`Q1_LTR`), never inside
    // one (`filter`, `ALTR`).
    let ltr = name.split(|c: char| !c.is_ascii_alphanumeric()).any(|w| w.eq_ignore_ascii_case("ltr"));
    !other_intent
        && (ltr
            || named(
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
            ))
}

/// Named for how likely the customer is to leave: cancel, churn, switch to a competitor
/// (`How likely are you to cancel your subscription`, `Wahrscheinlichkeit zu kündigen`,
/// `流失可能性`). A 0–10 answer is no NPS, and its higher answers are the worse ones.
pub(in crate::init) fn leaving_named(name: &str) -> bool {
    worded(
        name,
        &[
            "cancel",
            "cancelling",
            "canceling",
            "churn",
            "leave",
            "leaving",
            "switch",
            "switching",
            "unsubscribe",
            "discontinue",
            "terminate",
            "quit",
            "kündigen",
            "kündigung",
            "wechseln",
            "résilier",
            "quitter",
            "cancelar",
            "abandonar",
            "disdire",
            "退订",
            "取消",
            "流失",
            "离开",
            "解约",
            "转投",
            "换用",
            "退会",
            "解約",
        ],
    )
}

/// Named for how likely the customer is to come back or buy again (`likelihood to
/// repurchase`, `再次购买`, `复购意愿`): an intent, no NPS.
pub(in crate::init) fn returning_named(name: &str) -> bool {
    worded(
        name,
        &[
            "repurchase",
            "rebuy",
            "renew",
            "return",
            "revisit",
            "continue",
            "again",
            "wiederkaufen",
            "racheter",
            "再次购买",
            "复购",
            "回购",
            "再来",
            "续费",
            "续订",
            "再次光临",
            "再次",
            "回头",
        ],
    )
}

/// Named for satisfaction in words, not merely a rating (`Rating`, `评分`): a 0–10 or 1–10
/// column so named is a rating, where one named `Rating` is as likely an NPS (HubSpot's NPS
/// export calls its 0–10 answer `Rating`).
pub(in crate::init) fn satisfaction_worded(name: &str) -> bool {
    named(name, &["satisf", "满意", "滿意", "zufrieden", "soddisf", "만족", "満足"])
}

/// Named for satisfaction or for a grade given (`Note globale (sur 10)`, `Gesamtnote`,
/// `总体评分`): a 0–10 or 1–10 column so named rates something, where NPS asks how likely a
/// recommendation is (a header naming a recommendation wins over it). Not `Rating`: HubSpot's
/// NPS export names its 0–10 answer so.
pub(in crate::init) fn rating_worded(name: &str) -> bool {
    const WORDS: &[&str] = &[
        "note",
        "grade",
        "bewertung",
        "gesamtnote",
        "gesamtbewertung",
        "calificación",
        "calificacion",
        "valoración",
        "valoracion",
        "puntuación",
        "valutazione",
        "voto",
        "rate",
        // A review site's score out of 10 (Booking.com's `Review score`).
        "review",
        "quality",
        "qualität",
        "qualité",
        "calidad",
    ];
    satisfaction_worded(name)
        || words(name).iter().any(|w| WORDS.contains(&w.to_lowercase().as_str()))
        || named(name, &["评分", "評分", "打分", "质量", "品质", "out of", "满分", "滿分", "分制"])
}

pub(in crate::init) fn named(name: &str, words: &[&str]) -> bool {
    let n = name.to_lowercase();
    words.iter().any(|w| n.contains(w))
}

/// Named for a respondent's or response's id (`ID`, `Response ID`, `respondent`, 编号), and
/// not for a key several respondents share ([`shared_key_named`]).
pub(in crate::init) fn named_id(name: &str) -> bool {
    let n = name.trim().to_lowercase();
    if shared_key_named(name) {
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

/// Named for the key of what several respondents share — an account with several contacts, a
/// store, an agent — which is no respondent's id: their rows would be reported as repeated
/// responses. Latin words are whole, or a key written onto one (`Store ID`, `storeId`,
/// `StoreNo`, `accounts`), so `Website ID` and `Workshop no` are not a site's or a shop's.
fn shared_key_named(name: &str) -> bool {
    const SHARED: &[&str] = &[
        "account",
        "company",
        "organisation",
        "organization",
        "org",
        "store",
        "shop",
        "branch",
        "agent",
        "location",
        "site",
        "dealer",
    ];
    const KEYS: &[&str] = &["", "s", "id", "ids", "no", "nr", "code", "key", "number", "num"];
    const SHARED_ZH: &[&str] = &["门店", "公司", "店铺", "网点", "坐席", "客服", "門店", "店鋪", "網點"];
    let of_shared = |w: &str| SHARED.iter().any(|s| w.strip_prefix(s).is_some_and(|rest| KEYS.contains(&rest)));
    personal::words(name).iter().any(|w| of_shared(w)) || named(name, SHARED_ZH)
}

/// Named for effort (`Customer effort`, `Ease of use`, `CES`, `容易`, `费力`). Latin words are
/// whole: `Please rate`, `Customer services` and `Our prices` hold no `ease` or `ces`.
pub(in crate::init) fn effort_named(name: &str) -> bool {
    worded(
        name,
        &[
            "effort",
            "effortless",
            "easy",
            "ease",
            "easier",
            "easily",
            "ces",
            "容易",
            "费力",
            "費力",
            "费劲",
            "努力",
            "便捷",
        ],
    )
}

/// Whether `name` asks how much effort a customer spent (the first Customer Effort Score:
/// "How much effort did you personally have to put forth…", `您付出了多少努力`), where the
/// higher answer is the worse one, rather than how easy it was (`The company made it easy…`,
/// `办理是否便捷`), where it is the better.
pub(in crate::init) fn effort_spent_named(name: &str) -> bool {
    worded(name, &["effort", "费力", "費力", "费劲", "努力"])
        && !worded(name, &["effortless", "easy", "ease", "easier", "easily", "容易", "便捷", "轻松"])
}

/// Whether `name` holds one of `words`: a Latin word as a whole word ([`words`]; `rate` is not
/// in `Separate`), a word of another script (Chinese has no spaces) anywhere in it.
pub(in crate::init) fn worded(name: &str, list: &[&str]) -> bool {
    let (latin, other): (Vec<&str>, Vec<&str>) = list.iter().partition(|w| w.is_ascii());
    words(name).iter().any(|w| latin.contains(&w.to_lowercase().as_str())) || named(name, &other)
}

/// A question of fact whose answers are categories: who (gender, age band, occupation), where
/// (city, region, store) or which; its numbers are codes.
pub(in crate::init) fn category_named(name: &str) -> bool {
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
    // A header that states its scale is a rating, whatever its words (`Cleanliness (1-5, where
    // 5 is best)`).
    let low = name.to_lowercase();
    if stated_scale(&low) {
        return false;
    }
    personal::words(name).iter().any(|w| WORDS.contains(&w.to_lowercase().as_str())) || named(name, ZH)
}

/// A header naming a version (`App Version`, `app_version`, `Versión`, `版本号`): its values
/// (`5.4`, `5.5`) read like tenths of a point but are groups.
pub(in crate::init) fn version_named(name: &str) -> bool {
    const WORDS: &[&str] = &["version", "versión", "versão", "versione", "versie"];
    personal::words(name).iter().any(|w| WORDS.contains(&w.to_lowercase().as_str()))
        || named(name, &["版本", "バージョン"])
}

/// The scale a header states by labelled ends joined by `to` (`from 1 very unhelpful to 5 very
/// helpful`, `1 sehr schlecht bis 5 sehr gut`): the low end 0 or 1, a top a scale may have.
pub(in crate::init) fn stated_span(low: &str) -> Option<(i64, i64)> {
    static SPAN: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d.,$€£¥#])([01])\s*[=:(（]?\s*\p{L}[\p{L}\s')）]*?\s(?:to|bis|à|a|au|al)\s+(\d{1,3})\s*[=:(（]?\s*\p{L}")
            .expect("span pattern")
    });
    let c = SPAN.captures(low)?;
    let (from, top): (i64, i64) = (c[1].parse().ok()?, c[2].parse().ok()?);
    (stated_top(top) && top > from + 1).then_some((from, top))
}

/// Named for a count or a measure (votes, likes, seconds, tenure, transfers, 次数, 点赞), or
/// for a time that is one when its numbers are a measure's (`measured`: `Ring Time` 0–10,
/// `Times contacted` mostly 0) where a rating of it would not be (`Delivery times` 1–5,
/// `Opening hours`). Words are whole (`Account Manager` holds no `count`, `Product reviews` no
/// `views`); a header that asks for satisfaction or states a scale (`Satisfaction with the
/// waiting time`, `(1-5)`) is a rating whatever it names.
pub(in crate::init) fn counted_named(name: &str, measured: bool) -> bool {
    const ALWAYS: &[&str] = &[
        "vote",
        "votes",
        "helpful",
        // Yelp's votes on a review.
        "useful",
        "funny",
        "cool",
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
        // A ticket's back-and-forth (Freshdesk's `Agent interactions`, `Customer interactions`).
        "interactions",
        "reopens",
        "escalations",
        "qty",
        "quantity",
        "anzahl",
        "aht",
        "ivr",
        // A social post's reach.
        "retweets",
        "reposts",
        "shares",
        "favorites",
        "favourites",
        "followers",
        "reactions",
        "impressions",
        "engagements",
        "upvotes",
        "downvotes",
    ];
    const MEASURED: &[&str] =
        &["times", "time", "hours", "hrs", "days", "wait", "queue", "hold", "ring", "talk", "length"];
    const PHRASES: &[&str] = &["how many", "number of", "nombre de", "(s)", "menu option"];
    // A social post's reach (微博's 转发数, 评论数, 点赞数; 小红书's 收藏数) is counted too.
    const CJK: &[&str] = &[
        "次数",
        "数量",
        "点赞",
        "有用",
        "回复数",
        "浏览",
        "分钟",
        "时长",
        "多少次",
        "秒",
        "排队",
        "金额",
        "通话",
        "转发",
        "评论数",
        "评论量",
        "分享数",
        "收藏",
        "阅读",
        "粉丝",
        "播放",
        "关注数",
        "互动",
        "赞数",
        "点击",
        "曝光",
        // A quiz's total of points (问卷星's 总分), a sum: no rating and no group.
        "总分",
        "总得分",
        "合计",
        "总计",
    ];
    let low = name.to_lowercase();
    let rated = satisfaction_worded(name)
        || low.contains("star")
        || low.contains('星')
        || worded(name, &["rate", "rated", "rating", "ratings", "score", "scores", "评分", "打分", "评价"])
        || stated_scale(&low);
    if rated {
        return false;
    }
    let w: Vec<String> = words(name).iter().map(|x| x.to_lowercase()).collect();
    let has = |set: &[&str]| w.iter().any(|x| set.contains(&x.as_str()));
    has(ALWAYS) || (measured && has(MEASURED)) || named(name, PHRASES) || named(name, CJK)
}

/// Named for a length of time (`First response time (in hrs)`, `Handle time (mins)`,
/// `Wartezeit (Min.)`, 通话时长): a measure, never a date, whatever its cells look like
/// (`7.05` hours is no 7:05).
pub(in crate::init) fn duration_named(name: &str) -> bool {
    const UNITS: &[&str] = &[
        "hrs", "hours", "hour", "mins", "minutes", "min", "secs", "seconds", "sec", "days", "duration", "minuten",
        "stunden", "tage",
    ];
    const CJK: &[&str] = &["时长", "耗时", "分钟", "小时", "秒数", "天数", "用时"];
    let w = words(name);
    w.iter().any(|x| UNITS.contains(&x.as_str())) || named(name, CJK) || name.to_lowercase().contains("wartezeit")
}

/// A scale written in the header: `(1-5)`, `1–5`, `0 to 10`, `1～5分`, `out of 10`, `from 1
/// very unhelpful to 5 very helpful`.
pub(in crate::init) fn stated_scale(low: &str) -> bool {
    stated_range(low).is_some() || stated_out_of(low).is_some() || stated_span(low).is_some()
}

/// The scale a header states from end to end: `(1-6)`, `Schulnote 1–6`, `1 bis 7`, `1～4分`,
/// `(0-10)`, `Rate us 1-10`, `(0–100)`. Its low end is 0 or 1, its top 3 to 7, 10 or 100.
/// Answers that stop short of the top are still on it: a 1–7 question whose answers reach 5 is
/// no 1–5 rating (its top two boxes are 6 and 7), a 1–10 one whose answers reach 9 no
/// grouping of 9 values.
pub(in crate::init) fn stated_range(low: &str) -> Option<(i64, i64)> {
    // The low end, a dash or `to`/`bis`/`à`/`a` between spaces, the top; then the end, a
    // non-digit, or a full stop or comma that ends a phrase (`On a scale of 1-10, how…`).
    // Not after a currency sign or `#` (`$0-100`).
    static RANGE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?:^|[^\d.,a-z$€£¥#_])([01])(?:\s*(?:-|–|—|~|～|至|到)\s*|\s+(?:to|bis|à|a)\s+)(\d{1,3})(?:$|[^\d.,]|[.,](?:\s|$))",
        )
        .expect("range pattern")
    });
    let c = RANGE.captures(low)?;
    let (from, top): (i64, i64) = (c[1].parse().ok()?, c[2].parse().ok()?);
    let before = low[..c.get(1)?.start()].trim_end();
    let after = low[c.get(2)?.end()..].trim_start();
    let numbered = |w: &str| {
        ["q", "no", "nr", "item", "items", "question", "questions", "section", "part", "step", "page", "pages", "#"]
            .contains(&w)
    };
    let word_before =
        before.rsplit(|ch: char| !ch.is_alphanumeric() && ch != '#').find(|w| !w.is_empty()).unwrap_or("");
    let listed = numbered(word_before) && before.ends_with(|ch: char| ch.is_alphanumeric() || ch == '.' || ch == ' ');
    (stated_top(top) && top > from + 1 && !listed && !measured_span(after)).then_some((from, top))
}

/// The scale a header's anchors state: the numbers given a label at both ends (`0 = very
/// dissatisfied, 5 = very satisfied`, `1 (very satisfied) to 5 (very dissatisfied)`,
/// `1分=非常满意，4分=非常不满意`, `1分最满意，5分最不满意`), the lower 0 or 1 and the top one a
/// scale may have.
pub(in crate::init) fn stated_anchors(low: &str) -> Option<(i64, i64)> {
    static ANCHOR: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:^|[^\d.,$€£¥#])(\d{1,3})\s*(?:分\s*[=＝:：(（]?|[=＝:：(（])\s*(\p{L})")
            .expect("anchor pattern")
    });
    // `1分最满意` names its end without a sign; `5分钟` is a time.
    let numbers: Vec<i64> = ANCHOR
        .captures_iter(low)
        .filter(|c| !["钟", "鐘"].contains(&&c[2]))
        .filter_map(|c| c[1].parse().ok())
        .collect();
    let numbers = if numbers.len() >= 2 { numbers } else { bare_keys(low) };
    let (from, top) = (*numbers.iter().min()?, *numbers.iter().max()?);
    (numbers.len() >= 2 && from <= 1 && stated_top(top) && top > from + 1).then_some((from, top))
}

/// The keys an IVR prompt lists with no sign between number and label (`1满意2一般3不满意`):
/// three or more, numbered in order from 0 or 1, each followed by a Han character (`1次`
/// alone, or `3天`, is a measure, not a list of keys).
fn bare_keys(low: &str) -> Vec<i64> {
    static KEY: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(?:^|[^\d.,$€£¥#])(\d)\s*(\p{Han})").expect("key pattern"));
    const UNITS: [char; 12] = ['钟', '鐘', '次', '天', '人', '个', '元', '年', '月', '日', '号', '分'];
    // Rating words: `学历(1初中2高中3本科)` and `业务(1开户2转账3挂失)` are codes, not a scale.
    const RATING: [&str; 10] = ["满意", "好", "差", "一般", "不", "推荐", "愿意", "同意", "可能", "喜欢"];
    // Each key and where its label starts; a label runs to the next key.
    let starts: Vec<(i64, usize)> = KEY
        .captures_iter(low)
        .filter(|c| !c[2].starts_with(UNITS))
        .filter_map(|c| Some((c[1].parse().ok()?, c.get(2)?.start())))
        .collect();
    let pairs: Vec<(i64, &str)> = starts
        .iter()
        .enumerate()
        .map(|(i, (k, from))| {
            let to = starts.get(i + 1).map_or(low.len(), |(_, next)| *next);
            let label = &low[*from..to];
            (*k, label.split(|c: char| !c.is_alphabetic()).next().unwrap_or(""))
        })
        .collect();
    let keys: Vec<i64> = pairs.iter().map(|(k, _)| *k).collect();
    // In order either way (`1满意2一般3不满意`, `5非常满意4满意3一般2不满意1非常不满意`).
    let up = keys.windows(2).all(|w| w[1] == w[0] + 1);
    let down = keys.windows(2).all(|w| w[1] + 1 == w[0]);
    let rated = pairs.iter().all(|(_, label)| RATING.iter().any(|r| label.contains(r)));
    if keys.len() >= 3 && (up || down) && keys.iter().min().is_some_and(|m| *m <= 1) && rated {
        keys
    } else {
        Vec::new()
    }
}

/// Whether the words after a stated range make it a span of a measure (`1-3 business days`,
/// `0–5 Jahre`, `1~3次`, `0-100%`, `1-10 km`), no answer scale.
fn measured_span(after: &str) -> bool {
    // Besides the units of time a score cell is refused for (`value::TIME_UNITS`): measures.
    const MEASURES: &[&str] = &[
        "wk", "yr", "time", "item", "km", "kg", "mile", "mi", "lb", "employee", "people", "person", "business",
        "working", "calendar", "stunde", "stunden", "tag", "tage", "woche", "wochen", "monat", "monate", "jahr",
        "jahre", "jour", "mois", "an", "semaine", "heure", "日", "次", "件", "个", "人", "公里", "元", "块",
    ];
    use crate::produce::csv::value::{unit_word, TIME_UNITS};
    if after.starts_with(['$', '€', '£', '¥']) {
        return true;
    }
    let word: String = after.chars().take_while(|ch| ch.is_alphabetic() || *ch == '%' || *ch == '％').collect();
    !word.is_empty() && (unit_word(&word, TIME_UNITS) || unit_word(&word, MEASURES))
}

/// The top a header states without the low end: `out of 10`, `(sur 10)`, `满分10分`, `10分制`.
pub(in crate::init) fn stated_out_of(low: &str) -> Option<i64> {
    static OUT_OF: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?:out of|sur|满分|滿分)\s*(\d{1,3})\s*分?(?:$|[^\d.,])|(?:^|[^\d.,])(\d{1,3})\s*分制")
            .expect("out-of pattern")
    });
    let c = OUT_OF.captures(low)?;
    let top: i64 = c.get(1).or_else(|| c.get(2))?.as_str().parse().ok()?;
    (stated_top(top) && top >= 4).then_some(top)
}

/// A top a header may state for a scale: 3 to 7, 10 or 100.
fn stated_top(top: i64) -> bool {
    (3..=7).contains(&top) || top == 9 || top == 10 || top == 100
}

/// A German school grade (`Schulnote`, 1 the best and 6 the worst), read the other way round.
pub(in crate::init) fn school_grade_named(name: &str) -> bool {
    named(name, &["schulnote"])
}

/// Named for a question that takes several answers: `（多选）`, `[多选题]`, `(select all that
/// apply)`, `check all`, `Mehrfachauswahl` (not "multiple choice" nor "choix multiple", which
/// as often name a question of one answer among several). Such a column's commas join
/// its answers, whichever tool wrote it.
pub(in crate::init) fn several_answers_named(name: &str) -> bool {
    let low = name.to_lowercase();
    [
        "多选",
        "多項選擇",
        "多项选择",
        "複選",
        "复选",
        "可多选",
        "all that apply",
        "select all",
        "check all",
        "tick all",
        "choose all",
        "multiple answers",
        "multi-select",
        "multiselect",
        "mehrfachauswahl",
        "mehrfachnennung",
    ]
    .iter()
    .any(|w| low.contains(w))
}

/// Named for what customers wrote: a comment, feedback, remark or suggestion (not a review's
/// grade: `评价等级` holds 好评 … 差评).
pub(in crate::init) fn comment_named(name: &str) -> bool {
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
        ) || named(name, COMMENT_WORDS_ELSEWHERE)
            || post_named(name))
}

/// Named for what a social or forum post says (微博's `微博正文`, a forum's `帖子内容`, a
/// scraper's `Tweet` or `Post text`): the customer's own words, however often a repost
/// repeats them. `Post` alone is not enough (`Post code`, `Position`).
fn post_named(name: &str) -> bool {
    const CJK: &[&str] = &["正文", "博文", "帖子", "帖文", "发帖", "笔记内容", "微博内容", "评论内容", "回帖"];
    const PHRASES: &[&str] =
        &["post text", "post content", "post body", "message text", "message body", "full text", "tweet text"];
    let w = words(name);
    named(name, CJK) || named(name, PHRASES) || w.iter().any(|x| x == "tweet" || x == "tweets")
}

/// Headers of comment columns in the other languages exports come in (lower case): German,
/// French, Spanish, Italian, Portuguese, Dutch, Japanese, Korean and Traditional Chinese.
pub(in crate::init) const COMMENT_WORDS_ELSEWHERE: &[&str] = &[
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
