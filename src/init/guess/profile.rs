//! A column's profile over the sample: how many cells are filled, its distinct values, its
//! whole numbers and other values, and how many look like e-mails, phones, codes or links.

use indexmap::IndexMap;

/// Distinct values kept (in order of appearance) per column.
const MAX_DISTINCT: usize = 1000;

/// One column's profile over the sample.
#[derive(Default)]
pub(in crate::init) struct Profile {
    pub(super) filled: usize,
    /// Cells read blank (empty, or a null marker such as `NULL`).
    pub(super) blank: usize,
    /// Distinct values with their counts, the first [`MAX_DISTINCT`].
    pub(super) distinct: IndexMap<String, usize>,
    pub(super) overflow: bool,
    /// Every distinct value, for an exact uniqueness test.
    pub(super) all: std::collections::HashSet<String>,
    /// Whole numbers (also `10 - Extremely likely`, `5分`) and how often each occurs.
    pub(super) ints: std::collections::BTreeMap<i64, usize>,
    pub(super) int_count: usize,
    /// Half points (`4.5`, `3,5`, `4.5星`), in halves (9 for 4.5), and how often each occurs.
    pub(super) halves: std::collections::BTreeMap<i64, usize>,
    /// Tenths that are no half star (`8.3`, `4,8`, `7.5`: a review site's score), in tenths
    /// (83), and how often each occurs.
    pub(super) tenths: std::collections::BTreeMap<i64, usize>,
    /// Percents from 0% to 100% (`93%`, `85.5 %`: an audit or completion score), in tenths of
    /// a point (930), and how often each occurs. Also counted where they fall above (`other`).
    pub(super) percents: std::collections::BTreeMap<i64, usize>,
    /// Values that are not whole numbers, the first few.
    pub(super) other: IndexMap<String, usize>,
    pub(super) chars: usize,
    pub(super) emails: usize,
    pub(super) phones: usize,
    /// Values that are one of [`NA_WORDS`].
    pub(super) na: usize,
    /// Values that say there is nothing to say (`无`, `没有`, `no comment`: the build's
    /// non-answers, never analysed), and their width.
    pub(super) non_answers: usize,
    pub(super) non_answer_chars: usize,
    /// Values that redaction would change (an e-mail address, a phone or ID number inside).
    pub(super) identifiers: usize,
    /// Values that are one-token codes, not words: no space, ASCII, with a digit or `_` in
    /// them (`R_1a2B…`, a hex token `357fbc5a…`, `1700000001_abc`). `Fast` and `第3位` are words.
    pub(super) codes: usize,
    /// Values that are web addresses.
    pub(super) links: usize,
    /// Codes the header says are no answer (`6 = don't know`), or a recommendation's `11`
    /// beside 0–10 ([`Profile::note_header`]).
    pub(super) stated_na: Vec<i64>,
}

/// Cell values that mean "not applicable" or "no answer" in exports (lower-cased), among them
/// what 问卷星 writes for a skipped question and an empty answer.
const NA_WORDS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "#n/a",
    "not applicable",
    "not rated",
    "no rating",
    "未评价",
    "未评",
    "用户未评价",
    "超时未评价",
    "未作答",
    "未回答",
    "未評價",
    "don't know",
    "don’t know",
    // French, German: "no opinion", "not stated".
    "ne se prononce pas",
    "nsp",
    "sans avis",
    "k.a.",
    "k. a.",
    "keine angabe",
    "weiß nicht",
    // A hotline's callback that reached no one or was refused: no rating.
    "未接通",
    "无法接通",
    "无人接听",
    "拒绝回访",
    "拒绝评价",
    "未回访",
    "无法联系",
    "联系不上",
    "未联系上",
    "未能联系",
    "无法回访",
    "未回复",
    "放弃评价",
    "不评价",
    "暂无评价",
    "not contacted",
    "unreachable",
    "no response",
    "空号",
    "-",
    "不适用",
    "无法评价",
    "不知道",
    "不清楚",
    "offered",
    "unoffered",
    "not offered",
    // A service the guest did not use (a hotel's breakfast, spa, parking), so cannot rate.
    "did not use",
    "didn't use",
    "did not use it",
    "not used",
    "never used",
    "did not visit",
    "didn't visit",
    "not visited",
    "no experience",
    "no opinion",
    "cannot say",
    "can't say",
    "未使用",
    "没有使用",
    "未体验",
    "没用过",
    "未去过",
    // A phone survey's (IVR) keys for skipping or repeating the question, beside the digits.
    "*",
    "#",
    "(跳过)",
    "(空)",
    "（跳过）",
    "（空）",
];

/// A number of at most four characters (`7`, `4.5`, `-1`, `10`) holds no phone, ID or account
/// number for redaction to find: the score cells, most of a file, skip the redaction check.
fn too_short_to_identify(v: &str) -> bool {
    v.len() <= 4 && v.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
}

pub(in crate::init) fn is_na_word(v: &str) -> bool {
    NA_WORDS.contains(&v.to_lowercase().as_str()) || placeholder_mark(v)
}

/// A cell of dashes, slashes or dots alone (`/`, `——`, `--`, `…`): a clerk's mark for "no
/// value", as hotline and CRM exports fill a rating nobody gave.
fn placeholder_mark(v: &str) -> bool {
    let t = v.trim();
    !t.is_empty()
        && t.chars().count() <= 6
        && t.chars().all(|c| matches!(c, '-' | '/' | '\\' | '—' | '–' | '－' | '／' | '.' | '…' | '·' | '_'))
}

impl Profile {
    /// Takes from the column's header the codes that are no answer: those it names so (`(1-5,
    /// 6 = don't know)`, `98 = refused`, `9=weiß nicht`), and `11` in a recommendation answered
    /// 0–10 (an 11-point question's "don't know" key), so that neither widens the scale.
    pub(in crate::init) fn note_header(&mut self, name: &str) {
        static CODE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
            regex::Regex::new(
                r"(?:^|[^\d.])(-?\d{1,3})\s*(?:=|:|：|＝|-|–)\s*(?:don'?t know|do not know|dk\b|not applicable|n/?a\b|no answer|refused|prefer not to say|weiß nicht|weiss nicht|keine angabe|ne sais pas|nsp\b|no sabe|ns/nc|non applicable|不知道|不清楚|不适用|不適用|说不清|拒答|无法回答)",
            )
            .expect("code pattern")
        });
        let low = name.to_lowercase();
        self.stated_na = CODE.captures_iter(&low).filter_map(|c| c[1].parse().ok()).collect();
        let answered_to_ten = self.ints.contains_key(&10) && self.ints.keys().all(|k| *k <= 11 || *k >= 90);
        if super::recommend_named(name) && answered_to_ten && self.ints.contains_key(&11) && !self.coded_one_to_eleven()
        {
            self.stated_na.push(11);
        }
    }

    pub(in crate::init) fn add(&mut self, raw: &str) {
        // As the build reads the cell (`cell_value`), and its digits as the score reader does
        // (`١٠`, `１０` are 10).
        let cleaned = crate::aggregate::redact::cell_value(raw);
        let v = &*cleaned;
        // `NULL`, `\N`, `NaN`: blank, as the build reads them.
        if v.is_empty() || crate::produce::csv::reader::null_marker(v) {
            self.blank += 1;
            return;
        }
        let ascii = crate::text::digits::ascii_digits(v);
        self.filled += 1;
        self.na += usize::from(is_na_word(v));
        self.chars += text_width(v);
        if crate::text::is_non_answer(v) {
            self.non_answers += 1;
            self.non_answer_chars += text_width(v);
        }
        if self.distinct.len() < MAX_DISTINCT || self.distinct.contains_key(v) {
            *self.distinct.entry(v.to_string()).or_default() += 1;
        } else {
            self.overflow = true;
        }
        if !self.all.contains(v) {
            self.all.insert(v.to_string());
        }
        if let Some(n) = leading_int(&ascii) {
            *self.ints.entry(n).or_default() += 1;
            self.int_count += 1;
        } else if let Some(h) = half_point(&ascii) {
            *self.halves.entry(h).or_default() += 1;
        } else if let Some(t) = tenth_point(&ascii) {
            *self.tenths.entry(t).or_default() += 1;
        } else if self.other.len() < 50 || self.other.contains_key(v) {
            *self.other.entry(v.to_string()).or_default() += 1;
        }
        if let Some(t) = percent_point(&ascii) {
            *self.percents.entry(t).or_default() += 1;
        }
        if is_email(v) {
            self.emails += 1;
        }
        if is_phone(&ascii) {
            self.phones += 1;
        }
        if !too_short_to_identify(v) && crate::aggregate::redact::redact(v) != v {
            self.identifiers += 1;
        }
        if v.is_ascii() && !v.contains(char::is_whitespace) && v.contains(|c: char| c.is_ascii_digit() || c == '_') {
            self.codes += 1;
        }
        if is_link(v) {
            self.links += 1;
        }
    }

    /// Every value differs (and there are enough to tell).
    pub(super) fn unique(&self) -> bool {
        self.all.len() == self.filled && self.filled >= 10
    }

    pub(super) fn distinct_count(&self) -> usize {
        self.all.len()
    }

    /// The range of the whole numbers without rare strays at either end (a 99 or -1 typed
    /// by mistake is skipped and counted by the build, and must not widen the scale).
    pub(super) fn int_range(&self) -> Option<(i64, i64)> {
        let stray = self.int_count / 200;
        let codes = self.na_codes();
        let mut keys: Vec<(i64, usize)> =
            self.ints.iter().filter(|(k, _)| !codes.contains(k)).map(|(k, n)| (*k, *n)).collect();
        while keys.len() > 2 && keys.first().is_some_and(|k| k.1 <= stray) {
            keys.remove(0);
        }
        while keys.len() > 2 && keys.last().is_some_and(|k| k.1 <= stray) {
            keys.pop();
        }
        Some((keys.first()?.0, keys.last()?.0))
    }

    /// Codes a survey writes for "don't know", "refused" or "repeat the question" past its
    /// scale's end (`99` beside 0–10, `9` beside 1–5 or 1–7 — an IVR's repeat key, `-1`): a
    /// known code, apart from the other numbers by more than one, however many gave it (a
    /// touchpoint few use is mostly 99; 问卷星's numeric export writes `-3` for a skipped
    /// question and `-2` for one not shown). They are not applicable, not the scale's end.
    pub(super) fn na_codes(&self) -> Vec<i64> {
        const CODES: [i64; 12] = [9, 99, 98, 97, 999, 88, 77, 66, -1, -2, -3, -99];
        let mut codes: Vec<i64> = self.stated_na.iter().copied().filter(|c| self.ints.contains_key(c)).collect();
        let mut keys: Vec<(i64, usize)> =
            self.ints.iter().filter(|(k, _)| !codes.contains(k)).map(|(k, n)| (*k, *n)).collect();
        for _ in 0..2 {
            let [.., next, (top, _)] = keys[..] else { break };
            if CODES.contains(&top) && top > next.0 + 1 && top > 0 {
                codes.push(top);
                keys.pop();
            }
        }
        for _ in 0..2 {
            let [(bottom, _), next, ..] = keys[..] else { break };
            if CODES.contains(&bottom) && bottom < 0 && bottom < next.0 - 1 {
                codes.push(bottom);
                keys.remove(0);
            } else if CODES.contains(&bottom) && bottom < 0 && next.0 < 0 && CODES.contains(&next.0) {
                // Two codes side by side (`-3`, `-2`) below the scale: the lower one here,
                // the other on the next turn.
                codes.push(bottom);
                keys.remove(0);
            } else {
                break;
            }
        }
        codes
    }

    /// Whole numbers 1 to 11 and no 0, the 11s common: a 0–10 question whose answers a survey
    /// tool coded 1–11 (Qualtrics numbers a choice question's answers from 1 unless recoded).
    /// A "don't know" key of 11 beside 0–10 is rare, and its question has its 0s.
    pub(super) fn coded_one_to_eleven(&self) -> bool {
        let count = |k: i64| self.ints.get(&k).copied().unwrap_or(0);
        let on_scale: usize = (1..=11).map(count).sum();
        let codes = self.na_codes();
        let only_one_to_eleven = self.ints.keys().all(|k| (1..=11).contains(k) || codes.contains(k));
        only_one_to_eleven && count(0) == 0 && count(11) * 20 >= on_scale && count(11) * 2 >= count(10)
    }

    /// The not-applicable words among the values that are not numbers.
    pub(super) fn na_words(&self) -> Vec<String> {
        self.other.keys().filter(|v| is_na_word(v)).cloned().collect()
    }
}

/// A whole number, or one followed by a label (`10 - Extremely likely`, `5 非常满意`, `5分`),
/// as the score reader accepts it.
pub(super) fn leading_int(v: &str) -> Option<i64> {
    // `4.0`, or `4,0` from a locale whose decimal mark is a comma (a semicolon-separated export).
    let v = v.strip_suffix(".0").or_else(|| v.strip_suffix(",0")).unwrap_or(v);
    // 问卷星's "选项(分值)": the option carries its score (`非常满意(5)`).
    if let Some(n) = crate::produce::csv::value::trailing_score(v) {
        return Some(n);
    }
    // An app store's stars (`★★★★☆`).
    if let Some((filled, _)) = crate::produce::csv::value::star_score(v) {
        return Some(filled);
    }
    // The negative codes survey tools write for no answer (`-3`, 问卷星's skipped question),
    // counted with the numbers so that `na_codes` can tell them; no other negative number is.
    if let Some(code) = ["-1", "-2", "-3", "-99"].iter().find(|c| **c == v) {
        return code.parse().ok();
    }
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    let mut rest = &v[digits..];
    // A percent (`80%`) is no whole number of points: the score reader takes it for a
    // quantity, and a scale written in percents is read by its labels (`percent_scale`).
    if rest.trim_start().starts_with(['%', '％']) {
        return None;
    }
    // A number of points, perhaps with its label (`10分（非常愿意）`, `10 pts - Extremely likely`):
    // as the score reader reads it, so that `5分钟` (minutes) is no score here either.
    if crate::produce::csv::value::points_unit(rest).is_some() {
        return whole_points(v);
    }
    // A zero decimal before a label: Yelp's `4.0 star rating`, TripAdvisor's `4.0 of 5 bubbles`.
    if let Some(after) = rest.strip_prefix(['.', ',']) {
        let zeros_off = after.trim_start_matches('0');
        if zeros_off.len() < after.len() && !zeros_off.starts_with(|c: char| c.is_ascii_digit()) {
            rest = zeros_off;
        }
    }
    let rest = rest.trim().trim_start_matches(['-', '–', ':', '.']).trim();
    // Out of the scale's top (`4/5`, `of 5 bubbles`, `out of 5 stars`), as the score reader takes it.
    let low = rest.to_ascii_lowercase();
    let out_of = crate::produce::csv::value::OUT_OF_WORDS.iter().chain(&["/", "／"]);
    let rest = match out_of.into_iter().find(|w| low.starts_with(**w)) {
        Some(w) => rest[w.len()..].trim_start_matches(|c: char| c.is_ascii_digit()).trim(),
        None => rest,
    };
    if !rest.is_empty() && (rest.chars().any(|c| c.is_ascii_digit() || c == '@') || digits > 2) {
        return None;
    }
    v[..digits].parse().ok()
}

/// A whole number as the score reader reads it on a scale wide enough for any (`None` when it
/// reads none).
fn whole_points(v: &str) -> Option<i64> {
    use crate::produce::csv::value::{read_score, Cell};
    use crate::project::{Reading, ScoreDef, ScoreKind};
    static ANY: std::sync::LazyLock<ScoreDef> =
        std::sync::LazyLock::new(|| ScoreDef::new("points", ScoreKind::Rating, -1_000_000, 1_000_000, 0));
    match read_score(v, &Reading::default(), &ANY) {
        Cell::Value(n) => Some(n),
        _ => None,
    }
}

/// A number of whole and half points that is not whole (`4.5`, `4,5`, `4.5星`, `3.5/5`,
/// `4.5 of 5 bubbles`), in halves (9), read as the build reads a 0–5 score with `step: 0.5`.
pub(super) fn half_point(v: &str) -> Option<i64> {
    use crate::produce::csv::value::{read_score, Cell};
    use crate::project::{Reading, ScoreDef, ScoreKind};
    static HALF_STARS: std::sync::LazyLock<ScoreDef> =
        std::sync::LazyLock::new(|| ScoreDef { per_point: 2, ..ScoreDef::new("stars", ScoreKind::Rating, 0, 10, 8) });
    match read_score(v, &Reading::default(), &HALF_STARS) {
        Cell::Value(steps) if steps % 2 == 1 => Some(steps),
        _ => None,
    }
}

/// A percent from 0% to 100% (`93%`, `85.5 %`, `93％`) in tenths of a point (930), read as
/// the build reads a 0–100 score with `step: 0.1`; `None` for anything else.
pub(super) fn percent_point(v: &str) -> Option<i64> {
    use crate::produce::csv::value::{read_score, Cell};
    use crate::project::{Reading, ScoreDef, ScoreKind};
    if !v.trim_end().ends_with(['%', '％']) {
        return None;
    }
    static PERCENT: std::sync::LazyLock<ScoreDef> = std::sync::LazyLock::new(|| ScoreDef {
        per_point: 10,
        ..ScoreDef::new("percent", ScoreKind::Mean, 0, 1000, 1000)
    });
    match read_score(v, &Reading::default(), &PERCENT) {
        Cell::Value(tenths) => Some(tenths),
        _ => None,
    }
}

/// A number with one decimal that is not whole (`8.3`, `4,8`, and `7.5` past the half stars
/// of 0–5), in tenths (83), read as the build reads a 0–10 score with `step: 0.1`.
pub(super) fn tenth_point(v: &str) -> Option<i64> {
    use crate::produce::csv::value::{read_score, Cell};
    use crate::project::{Reading, ScoreDef, ScoreKind};
    static TENTHS: std::sync::LazyLock<ScoreDef> = std::sync::LazyLock::new(|| ScoreDef {
        per_point: 10,
        ..ScoreDef::new("review", ScoreKind::Rating, 0, 100, 80)
    });
    // Written as a number and nothing more (a unit of points or stars, or the top, aside):
    // `3.1.0` is an app's version, not 3.1.
    let number = ["分", "星", "/5", "/10", " / 5", " / 10", " pts", " points"]
        .iter()
        .find_map(|u| v.strip_suffix(u))
        .unwrap_or(v)
        .trim();
    let plain = number.split_once(['.', ',']).is_some_and(|(whole, tenth)| {
        (1..=2).contains(&whole.len())
            && whole.bytes().all(|b| b.is_ascii_digit())
            && tenth.len() == 1
            && tenth.bytes().all(|b| b.is_ascii_digit())
    });
    if !plain {
        return None;
    }
    match read_score(v, &Reading::default(), &TENTHS) {
        Cell::Value(steps) if steps % 10 != 0 => Some(steps),
        _ => None,
    }
}

/// A web address: `https://…`, `http://…` or `www.…`, one token.
fn is_link(v: &str) -> bool {
    let low = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    (low.starts_with("http://") || low.starts_with("https://") || low.starts_with("www.")) && !v.contains(' ')
}

pub(super) fn is_email(v: &str) -> bool {
    let Some((user, host)) = v.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
}

pub(super) fn is_phone(v: &str) -> bool {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let cn_mobile = digits.len() == 11 && digits.starts_with('1') && digits.as_bytes()[1] >= b'3';
    let cn_mobile_86 = digits.len() == 13 && digits.starts_with("861");
    let international = v.starts_with('+') && (8..=15).contains(&digits.len());
    only_phone_chars && (cn_mobile || cn_mobile_86 || international)
}

/// A value's length in Latin letters' worth: a Han, kana or Hangul character counts two, as
/// a Chinese comment says in 10 characters what an English one says in 20 or more, and both
/// are free text.
pub(in crate::init) fn text_width(v: &str) -> usize {
    let wide = |c: char| crate::text::is_han(c) || matches!(c, '\u{3040}'..='\u{30FF}' | '\u{AC00}'..='\u{D7AF}');
    v.chars().map(|c| if wide(c) { 2 } else { 1 }).sum()
}

#[cfg(test)]
mod tests {
    use super::too_short_to_identify;

    /// The skip is safe only if redaction leaves every such value as it is: all of them up to
    /// four characters are tried.
    #[test]
    fn redaction_changes_no_value_the_profile_skips() {
        let alphabet: Vec<char> = "0123456789.-+".chars().collect();
        let mut values = vec![String::new()];
        let mut tried = 0;
        for _ in 0..4 {
            values = values.iter().flat_map(|v| alphabet.iter().map(move |c| format!("{v}{c}"))).collect();
            for v in &values {
                assert!(too_short_to_identify(v));
                assert_eq!(crate::aggregate::redact::redact(v), *v, "redaction changes {v:?}");
                tried += 1;
            }
        }
        assert_eq!(tried, 13 + 169 + 2197 + 28561);
        assert!(!too_short_to_identify("12345"), "a five-digit QQ-like number is still checked");
        assert!(!too_short_to_identify("a1"));
    }
}
