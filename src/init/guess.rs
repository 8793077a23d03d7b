//! Column roles for `cxsite init --from-csv`: each column is profiled over a sample and given
//! a role (respondent, date, score, comment, touchpoint, segment, dimension, or left out) from
//! its name and values.

use indexmap::IndexMap;

use crate::produce::csv::value;
/// Distinct values kept (in order of appearance) per column.
const MAX_DISTINCT: usize = 1000;

/// Most values a dimension may have (stores of a chain: hundreds).
const MAX_DIMENSION_VALUES: usize = 500;

/// The value a not-applicable word gets among the labels: none; it is written to `na:`.
pub(super) const NA_LABEL: i64 = i64::MIN;

/// Most touchpoints a touchpoint column may have.
const MAX_TOUCHPOINTS: usize = 30;

/// Known answer scales: label → value. A column whose answers all belong to one set is read as
/// a score on that set's range (`LABEL_SETS` is tried in order, so a narrower set goes before
/// the wider one that shares its words: 5-point before 7-point, Good/Bad before Excellent…Poor).
const LABEL_SETS: &[&[(&str, i64)]] = &[
    &[
        ("非常满意", 5),
        ("很满意", 5),
        ("满意", 4),
        ("比较满意", 4),
        ("较满意", 4),
        ("一般", 3),
        ("不满意", 2),
        ("不太满意", 2),
        ("比较不满意", 2),
        ("较不满意", 2),
        ("非常不满意", 1),
        ("很不满意", 1),
    ],
    &[
        ("非常同意", 5),
        ("完全同意", 5),
        ("同意", 4),
        ("比较同意", 4),
        ("一般", 3),
        ("不确定", 3),
        ("中立", 3),
        ("不同意", 2),
        ("不太同意", 2),
        ("比较不同意", 2),
        ("非常不同意", 1),
        ("完全不同意", 1),
    ],
    &[
        ("非常容易", 5),
        ("很容易", 5),
        ("容易", 4),
        ("比较容易", 4),
        ("一般", 3),
        ("不太容易", 2),
        ("比较困难", 2),
        ("困难", 2),
        ("非常困难", 1),
        ("很困难", 1),
    ],
    &[
        ("非常好", 5),
        ("很好", 5),
        ("好", 4),
        ("比较好", 4),
        ("较好", 4),
        ("一般", 3),
        ("较差", 2),
        ("比较差", 2),
        ("差", 2),
        ("非常差", 1),
        ("很差", 1),
    ],
    &[
        ("very satisfied", 5),
        ("satisfied", 4),
        ("neutral", 3),
        ("neither satisfied nor dissatisfied", 3),
        ("dissatisfied", 2),
        ("very dissatisfied", 1),
    ],
    &[
        ("extremely satisfied", 7),
        ("very satisfied", 7),
        ("moderately satisfied", 6),
        ("satisfied", 6),
        ("slightly satisfied", 5),
        ("somewhat satisfied", 5),
        ("neither satisfied nor dissatisfied", 4),
        ("neutral", 4),
        ("slightly dissatisfied", 3),
        ("somewhat dissatisfied", 3),
        ("moderately dissatisfied", 2),
        ("dissatisfied", 2),
        ("extremely dissatisfied", 1),
        ("very dissatisfied", 1),
    ],
    &[
        ("strongly agree", 5),
        ("agree", 4),
        ("neither agree nor disagree", 3),
        ("neutral", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[
        ("strongly agree", 7),
        ("agree", 6),
        ("somewhat agree", 5),
        ("neither agree nor disagree", 4),
        ("neutral", 4),
        ("somewhat disagree", 3),
        ("disagree", 2),
        ("strongly disagree", 1),
    ],
    &[
        ("very likely", 5),
        ("extremely likely", 5),
        ("likely", 4),
        ("somewhat likely", 4),
        ("neither likely nor unlikely", 3),
        ("neutral", 3),
        ("unlikely", 2),
        ("somewhat unlikely", 2),
        ("very unlikely", 1),
        ("extremely unlikely", 1),
    ],
    &[
        ("very easy", 5),
        ("easy", 4),
        ("somewhat easy", 4),
        ("neither easy nor difficult", 3),
        ("neutral", 3),
        ("difficult", 2),
        ("somewhat difficult", 2),
        ("very difficult", 1),
    ],
    &[
        ("far exceeded expectations", 5),
        ("exceeded expectations", 4),
        ("met expectations", 3),
        ("below expectations", 2),
        ("far below expectations", 1),
    ],
    &[("much better", 5), ("somewhat better", 4), ("about the same", 3), ("somewhat worse", 2), ("much worse", 1)],
    &[("satisfied", 1), ("neutral or dissatisfied", 0)],
    // Zendesk's satisfaction rating (its "Offered" and "Unoffered" are no rating: NA_WORDS).
    &[("good", 1), ("bad", 0), ("good, i'm satisfied", 1), ("bad, i'm unsatisfied", 0)],
    &[("excellent", 4), ("good", 3), ("fair", 2), ("poor", 1)],
    &[("excellent", 5), ("very good", 4), ("good", 3), ("fair", 2), ("poor", 1)],
];

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
        why: String,
    },
    Comment,
    Touchpoint(Vec<String>),
    Segment(usize),
    Dimension(usize),
    /// A checkbox question's answers joined in one column, with its options.
    MultiSelect(Vec<String>),
    Left(String),
}

/// One column's profile over the sample.
#[derive(Default)]
pub(super) struct Profile {
    filled: usize,
    /// Distinct values with their counts, the first [`MAX_DISTINCT`].
    distinct: IndexMap<String, usize>,
    overflow: bool,
    /// Every distinct value, for an exact uniqueness test.
    all: std::collections::HashSet<String>,
    /// Whole numbers (also `10 - Extremely likely`, `5分`) and how often each occurs.
    ints: std::collections::BTreeMap<i64, usize>,
    int_count: usize,
    /// Values that are not whole numbers, the first few.
    other: IndexMap<String, usize>,
    chars: usize,
    emails: usize,
    phones: usize,
    /// Values that are one of [`NA_WORDS`].
    na: usize,
    /// Values that redaction would change (an e-mail address, a phone or ID number inside).
    identifiers: usize,
    /// Values that are one-token codes, not words: no space, ASCII, with a digit or `_` in
    /// them (`R_1a2B…`, a hex token `357fbc5a…`, `1700000001_abc`). `Fast` and `第3位` are words.
    codes: usize,
    /// Values that are web addresses.
    links: usize,
}

/// Cell values that mean "not applicable" or "no answer" in exports (lower-cased), among them
/// what 问卷星 writes for a skipped question and an empty answer.
const NA_WORDS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "#n/a",
    "not applicable",
    "don't know",
    "don’t know",
    "-",
    "不适用",
    "无法评价",
    "不知道",
    "不清楚",
    "offered",
    "unoffered",
    "not offered",
    "(跳过)",
    "(空)",
    "（跳过）",
    "（空）",
];

fn is_na_word(v: &str) -> bool {
    NA_WORDS.contains(&v.to_lowercase().as_str())
}

impl Profile {
    pub(super) fn add(&mut self, raw: &str) {
        // As the build reads the cell (`cell_value`), and its digits as the score reader does
        // (`١٠`, `１０` are 10).
        let cleaned = crate::aggregate::redact::cell_value(raw);
        let v = &*cleaned;
        let ascii = crate::text::digits::ascii_digits(v);
        if v.is_empty() {
            return;
        }
        self.filled += 1;
        self.na += usize::from(is_na_word(v));
        self.chars += v.chars().count();
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
        } else if self.other.len() < 50 || self.other.contains_key(v) {
            *self.other.entry(v.to_string()).or_default() += 1;
        }
        if is_email(v) {
            self.emails += 1;
        }
        if is_phone(&ascii) {
            self.phones += 1;
        }
        if crate::aggregate::redact::redact(v) != v {
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
    fn unique(&self) -> bool {
        self.all.len() == self.filled && self.filled >= 10
    }

    fn distinct_count(&self) -> usize {
        self.all.len()
    }

    /// The range of the whole numbers without rare strays at either end (a 99 or -1 typed
    /// by mistake is skipped and counted by the build, and must not widen the scale).
    fn int_range(&self) -> Option<(i64, i64)> {
        let stray = self.int_count / 200;
        let mut keys: Vec<(i64, usize)> = self.ints.iter().map(|(k, n)| (*k, *n)).collect();
        while keys.len() > 2 && keys.first().is_some_and(|k| k.1 <= stray) {
            keys.remove(0);
        }
        while keys.len() > 2 && keys.last().is_some_and(|k| k.1 <= stray) {
            keys.pop();
        }
        Some((keys.first()?.0, keys.last()?.0))
    }

    /// The not-applicable words among the values that are not numbers.
    fn na_words(&self) -> Vec<String> {
        self.other.keys().filter(|v| is_na_word(v)).cloned().collect()
    }
}

/// A whole number, or one followed by a label (`10 - Extremely likely`, `5 非常满意`, `5分`),
/// as the score reader accepts it.
fn leading_int(v: &str) -> Option<i64> {
    let v = v.strip_suffix(".0").unwrap_or(v);
    // 问卷星's "选项(分值)": the option carries its score (`非常满意(5)`).
    if let Some(n) = crate::produce::csv::value::trailing_score(v) {
        return Some(n);
    }
    let digits = v.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 12 {
        return None;
    }
    let rest = v[digits..].trim().trim_start_matches(['-', '–', ':', '.']).trim();
    if !rest.is_empty() && (rest.chars().any(|c| c.is_ascii_digit() || c == '@') || digits > 2) {
        return None;
    }
    v[..digits].parse().ok()
}

/// A web address: `https://…`, `http://…` or `www.…`, one token.
fn is_link(v: &str) -> bool {
    let low = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    (low.starts_with("http://") || low.starts_with("https://") || low.starts_with("www.")) && !v.contains(' ')
}

fn is_email(v: &str) -> bool {
    let Some((user, host)) = v.split_once('@') else { return false };
    !user.is_empty() && host.contains('.') && !v.contains(char::is_whitespace)
}

fn is_phone(v: &str) -> bool {
    let digits: String = v.chars().filter(char::is_ascii_digit).collect();
    let only_phone_chars = v.chars().all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let cn_mobile = digits.len() == 11 && digits.starts_with('1') && digits.as_bytes()[1] >= b'3';
    let cn_mobile_86 = digits.len() == 13 && digits.starts_with("861");
    let international = v.starts_with('+') && (8..=15).contains(&digits.len());
    only_phone_chars && (cn_mobile || cn_mobile_86 || international)
}

pub(super) fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c))
}

/// Whether a column name contains one of `words` (case-insensitive).
pub(super) fn named(name: &str, words: &[&str]) -> bool {
    let n = name.to_lowercase();
    words.iter().any(|w| n.contains(w))
}

fn named_id(name: &str) -> bool {
    let n = name.trim().to_lowercase();
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

const DATE_WORDS: &[&str] = &["date", "time", "日期", "时间", "submitted", "created", "_at", "day", "when"];
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
    if all(None) {
        let serial = sample.iter().take(20).all(|v| v.bytes().all(|b| b.is_ascii_digit() || b == b'.'));
        let why = if serial && workbook { "Excel serial day numbers" } else { "dates in a standard form" };
        return Some((None, why.into()));
    }
    let mut fits = Vec::new();
    for sep in ['/', '-', '.'] {
        for (first, second, label) in [("DD", "MM", "day first"), ("MM", "DD", "month first")] {
            for time in ["", " HH:mm", " HH:mm:ss", " h:mm A", " h:mm:ss A"] {
                let tokens = format!("{first}{sep}{second}{sep}YYYY{time}");
                let Ok(pattern) = crate::project::date_pattern(&tokens) else { continue };
                if all(Some(&pattern)) {
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

/// Labels as written in the data, with their values.
type Labels = Vec<(String, i64)>;

/// The labelled scale that every given text value belongs to, if any: the labels used, and
/// the whole scale's range (a sample without `Extremely dissatisfied` is still on 1–7).
fn label_role<'a>(values: impl Iterator<Item = &'a String> + Clone) -> Option<(Labels, (i64, i64))> {
    'sets: for set in LABEL_SETS {
        let mut used = Vec::new();
        for v in values.clone() {
            let low = v.trim().to_lowercase();
            if is_na_word(&low) {
                continue;
            }
            match set.iter().find(|(l, _)| *l == low) {
                Some((_, n)) => used.push((v.trim().to_string(), *n)),
                None => continue 'sets,
            }
        }
        if used.is_empty() {
            return None;
        }
        used.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let lo = set.iter().map(|l| l.1).min().unwrap_or(0);
        let hi = set.iter().map(|l| l.1).max().unwrap_or(0);
        return Some((used, (lo, hi)));
    }
    None
}

const EFFORT_WORDS: &[&str] = &["effort", "easy", "ease", "ces", "容易", "费力", "便捷"];

/// A column name's words, lower-cased: split at anything but a letter or digit, and where
/// camelCase starts a word (`RecipientLastName`, `IPAddress`).
fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &ch) in chars.iter().enumerate() {
        if !ch.is_alphanumeric() {
            if !word.is_empty() {
                out.push(std::mem::take(&mut word));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1);
        let starts = ch.is_uppercase()
            && prev.is_some_and(|p| {
                p.is_lowercase() || p.is_ascii_digit() || (p.is_uppercase() && next.is_some_and(|n| n.is_lowercase()))
            });
        if starts && !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        word.extend(ch.to_lowercase());
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Words that may stand beside a personal-data word without changing what the column holds:
/// `Your name`, `Customer e-mail address`, `Phone number (optional)`, `WeChat ID`.
const PERSON_FILLER: &[&str] = &[
    "your",
    "the",
    "of",
    "respondent",
    "respondents",
    "customer",
    "customers",
    "client",
    "requester",
    "requestor",
    "recipient",
    "contact",
    "user",
    "participant",
    "submitter",
    "member",
    "guest",
    "primary",
    "optional",
    "address",
    "number",
    "no",
    "nr",
    "home",
    "work",
    "business",
    "personal",
    "id",
    "full",
    "first",
    "last",
    "given",
    "family",
    "middle",
    "sur",
    "preferred",
];

/// What personal data a column's name says it holds — a person's name or contact details —
/// or `None`. Only a name made of such words counts: `Name` and `Customer e-mail` do, `Store
/// name`, `Mobile app` and `Phone support rating` do not.
pub(super) fn personal_header(name: &str) -> Option<&'static str> {
    const CJK: &[(&str, &str)] = &[
        ("姓名", "a person's name"),
        ("名字", "a person's name"),
        ("称呼", "a person's name"),
        ("联系人", "a contact person"),
        ("联系方式", "contact details"),
        ("邮箱", "an e-mail address"),
        ("电子邮件", "an e-mail address"),
        ("邮件地址", "an e-mail address"),
        ("微信", "a WeChat account"),
        ("身份证", "an ID number"),
        ("IP地址", "an IP address"),
    ];
    if let Some((_, what)) = CJK.iter().find(|(w, _)| name.to_uppercase().contains(w)) {
        return Some(what);
    }
    let trimmed = name.trim().trim_end_matches(['：', ':', '*', ' ']);
    if ["手机", "电话", "手机号", "手机号码", "电话号码", "联系电话", "电话号"].iter().any(|w| trimmed.ends_with(w))
    {
        return Some("a phone number");
    }
    let w = words(name);
    // The name's own words, fillers dropped, run together: `E-mail` and `Email address` are
    // `email`, `WeChat ID` is `wechat`, `Cell phone` is `cellphone`.
    let core: String = w.iter().map(String::as_str).filter(|x| !PERSON_FILLER.contains(x)).collect();
    if w.len() == 1 && (w[0] == "requester" || w[0] == "requestor") {
        // Zendesk's requester: the customer's name.
        return Some("a person's name");
    }
    let kinds: &[(&[&str], &str)] = &[
        (&["name", "names", "surname", "forename", "username"], "a person's name"),
        (&["email", "mail"], "an e-mail address"),
        (&["phone", "mobile", "telephone", "tel", "cellphone", "mobilephone", "cell", "whatsapp"], "a phone number"),
        (&["wechat", "weixin", "qq", "telegram", "skype"], "a messaging account"),
        (&["ip", "ipaddr"], "an IP address or what is worked out from it"),
    ];
    if let Some((_, what)) = kinds.iter().find(|(set, _)| set.contains(&core.as_str())) {
        return Some(what);
    }
    if w == ["network", "id"] {
        // Typeform's `Network ID` is worked out from the respondent's IP address.
        return Some("an IP address or what is worked out from it");
    }
    None
}

/// A column of NPS groups (Qualtrics' `Q1_NPS_GROUP`: 1 detractor, 2 passive, 3 promoter),
/// worked out from the 0–10 answers: no score of its own.
fn nps_group(name: &str, p: &Profile) -> bool {
    let w = words(name);
    let nps = w.iter().any(|x| x == "nps") || named(name, &["net promoter"]);
    let group = w
        .iter()
        .any(|x| ["group", "category", "categories", "segment", "class", "bucket", "type"].contains(&x.as_str()));
    let codes = p.ints.keys().all(|k| (0..=3).contains(k));
    nps && (group || (codes && p.distinct_count() <= 3))
}

/// Words a survey tool writes for how far a response got (Alchemer's `Status`).
const STATUS_WORDS: &[&str] = &[
    "complete",
    "completed",
    "partial",
    "incomplete",
    "disqualified",
    "terminated",
    "screened out",
    "quota full",
    "over quota",
    "abandoned",
    "deleted",
    "test",
    "已完成",
    "未完成",
    "部分完成",
    "无效",
];

/// A column saying which responses are finished and which are partial or disqualified.
fn status_column(p: &Profile) -> bool {
    let low: Vec<String> = p.distinct.keys().map(|v| v.to_lowercase()).collect();
    low.len() >= 2
        && !p.overflow
        && low.iter().all(|v| STATUS_WORDS.contains(&v.as_str()))
        && low.iter().any(|v| ["complete", "completed", "已完成"].contains(&v.as_str()))
}

/// A column whose every answer is a label of one known scale (`很满意` … `很不满意`,
/// `Very likely` … `Very unlikely`, Zendesk's `Good`/`Bad`): a score on that scale, the labels
/// written out, not-applicable words under `na:`.
fn labelled_score(p: &Profile) -> Option<Role> {
    // Numbers among the labels are read by the mixed path; a label column never holds all
    // its distinct values in a sample this short only when they are too many to be a scale.
    if p.int_count > 0 || p.unique() || p.other.len() < p.distinct_count() {
        return None;
    }
    let (mut labels, scale) = label_role(p.other.keys())?;
    let (top, bottom) = (labels.first()?.0.clone(), labels.last()?.0.clone());
    let na = p.na_words();
    let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
    let why = if scale == (0, 1) {
        format!("text labels ({top} = 1, {bottom} = 0): a yes/no outcome, 1 counted as positive{na_note}")
    } else {
        format!("text labels of a {}-point scale ({top} … {bottom}){na_note}", scale.1 - scale.0 + 1)
    };
    labels.extend(na.into_iter().map(|w| (w, NA_LABEL)));
    Some(Role::Score { scale, na_zero: false, labels, why })
}

/// Guesses a column's role from its name and profile.
pub(super) fn classify(name: &str, p: &Profile, values: &[&str], workbook: bool) -> Role {
    if p.filled == 0 {
        return Role::Left("empty in the sample".into());
    }
    if p.emails * 2 > p.filled {
        return Role::Left("e-mail addresses: personal data, never shown".into());
    }
    if p.phones * 2 > p.filled {
        return Role::Left("phone numbers: personal data, never shown".into());
    }
    if let Some(what) = personal_header(name) {
        return Role::Left(format!("{PERSONAL} ({what}): never shown nor used to group answers"));
    }
    // Answers: the filled cells but those that say there is none (`(跳过)`, `N/A`).
    let answered = p.filled - p.na;
    let mostly_ints = answered > 0 && p.int_count * 10 >= answered * 9;
    let (lo, hi) = p.int_range().unwrap_or((0, 0));
    if !mostly_ints || (named(name, DATE_WORDS) && lo >= 30000) {
        if let Some((format, why)) = date_role(values, workbook) {
            return Role::Date { format, why };
        }
    }
    if named_id(name) && p.distinct_count() * 5 >= p.filled {
        return Role::Respondent;
    }
    if nps_group(name, p) {
        return Role::Left(
            "NPS groups (detractor, passive, promoter codes) worked out from the 0–10 question: not a score".into(),
        );
    }
    if let Some(role) = labelled_score(p) {
        return role;
    }
    // Numbers, possibly with labels for some answers (`非常满意` beside `4`) and N/A words.
    let labels = match label_role(p.other.keys()) {
        Some((l, _)) => Some(l),
        None if mostly_ints => Some(Vec::new()),
        None => None,
    };
    let numbers_or_labels = p.int_count * 2 >= answered || (p.int_count == 0 && labels.is_some());
    if let (Some(labels), true) = (labels, numbers_or_labels && !p.unique()) {
        let (mut lo, mut hi) = if p.int_count == 0 { (i64::MAX, i64::MIN) } else { (lo, hi) };
        for (_, n) in &labels {
            lo = lo.min(*n);
            hi = hi.max(*n);
        }
        let nps_named = named(name, &["nps", "recommend", "推荐"]);
        let effort = named(name, EFFORT_WORDS);
        let na = p.na_words();
        let na_note = if na.is_empty() { String::new() } else { format!("; {} read as not applicable", na.join(", ")) };
        let labelled = if labels.is_empty() { "" } else { " and text labels" };
        let score = |scale: (i64, i64), na_zero, why: String| {
            let mut labels = labels.clone();
            labels.extend(na.iter().map(|w| (w.clone(), NA_LABEL)));
            Some(Role::Score { scale, na_zero, labels, why: format!("{why}{labelled}{na_note}") })
        };
        let guess = if lo >= 0 && hi <= 10 && (hi >= 8 || (nps_named && hi > 1)) {
            score((0, 10), false, "whole numbers from 0 to 10: a likelihood to recommend (NPS)".into())
        } else if lo >= 0 && hi <= 1 && p.distinct_count() >= 2 {
            score((0, 1), false, "only 0 and 1: a yes/no outcome, 1 counted as positive".into())
        } else if lo >= 1 && hi <= 5 && !effort {
            score((1, 5), false, "whole numbers from 1 to 5".into())
        } else if lo == 0 && hi <= 5 && !effort {
            score((1, 5), true, "whole numbers from 0 to 5: a 1–5 rating with 0 for not applicable".into())
        } else if lo >= 1 && hi <= 7 {
            score((1, 7), false, "whole numbers from 1 to 7".into())
        } else {
            None
        };
        if let Some(role) = guess {
            return role;
        }
    }
    let avg = p.chars as f64 / p.filled as f64;
    let distinct = p.distinct_count();
    if named(name, &["touchpoint", "touch point", "触点", "接触点", "环节", "journey"])
        && !p.overflow
        && distinct <= MAX_TOUCHPOINTS
        && p.identifiers == 0
    {
        return Role::Touchpoint(p.distinct.keys().cloned().collect());
    }
    let commenty = named(
        name,
        &[
            "comment", "feedback", "verbatim", "text", "remark", "评论", "意见", "建议", "评价", "留言", "原因",
            "reason",
        ],
    );
    let varied = distinct * 2 >= p.filled;
    if p.links * 2 > p.filled {
        return Role::Left("web addresses (links): not free text".into());
    }
    // Free text: words, not one-token codes (`R_1a2B…`, a hex token) that merely vary.
    let text = p.codes * 2 < p.filled;
    if !mostly_ints && text && ((varied && (avg >= 15.0 || (commenty && avg >= 4.0))) || (commenty && avg >= 15.0)) {
        return Role::Comment;
    }
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
mod tests {
    use super::*;

    #[test]
    fn numbers_followed_by_labels_read_as_their_number() {
        assert_eq!(leading_int("10 - Extremely likely"), Some(10));
        assert_eq!(leading_int("5分"), Some(5));
        assert_eq!(leading_int("7.0"), Some(7));
        assert_eq!(leading_int("2024-03-05"), None);
        assert_eq!(leading_int("12 Main St 3"), None);
    }

    #[test]
    fn names_of_people_and_contact_details_are_personal_but_names_of_things_are_not() {
        for h in [
            "Name",
            "Full name",
            "First Name",
            "RecipientLastName",
            "Customer name",
            "Requester",
            "Email",
            "E-mail",
            "Email address",
            "RecipientEmail",
            "Phone",
            "Mobile",
            "Phone number (optional)",
            "WeChat ID",
            "IP Address",
            "IPAddress",
            "Network ID",
            "姓名",
            "您的名字",
            "联系人",
            "手机",
            "手机号码",
            "联系电话",
            "邮箱",
            "微信号",
        ] {
            assert!(personal_header(h).is_some(), "{h}");
        }
        for h in [
            "Store name",
            "Product Name",
            "Mobile app",
            "Phone support rating",
            "Email opt-in",
            "Package Name",
            "手机型号",
            "门店",
            "Requester type",
        ] {
            assert_eq!(personal_header(h), None, "{h}");
        }
    }

    #[test]
    fn label_scales_keep_their_whole_range() {
        let v: Vec<String> = ["Agree", "Somewhat agree", "Strongly disagree"].iter().map(|s| s.to_string()).collect();
        assert_eq!(label_role(v.iter()).unwrap().1, (1, 7));
        let v: Vec<String> = ["Good", "Fair", "Poor"].iter().map(|s| s.to_string()).collect();
        assert_eq!(label_role(v.iter()).unwrap().1, (1, 4));
        let v: Vec<String> = ["Good", "Bad"].iter().map(|s| s.to_string()).collect();
        assert_eq!(label_role(v.iter()).unwrap().1, (0, 1));
        assert_eq!(leading_int("非常满意(5)"), Some(5));
    }

    #[test]
    fn personal_data_is_recognised() {
        assert!(is_email("a.b@example.com"));
        assert!(is_phone("13812345678"));
        assert!(is_phone("+86 138 1234 5678"));
        assert!(!is_phone("45356"));
    }
}
