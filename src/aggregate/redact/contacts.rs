//! Chinese contact details that no digit pattern alone tells: a QQ number or a WeChat id after
//! its keyword, a passport number after 护照, a mainland mobile written with its digits spaced
//! out or its groups joined by ` - `, and one spelt in Chinese numerals (`一三八…`, `幺三八…`).

use std::sync::LazyLock;

use regex::Regex;

use crate::text::digits::ascii_digit;

/// A QQ number after `QQ`/`qq`/`企鹅`/`扣扣` (`我的QQ 1234567890`, `QQ号：12345678`, `my qq is
/// 12345678`): 5–11 digits.
static QQ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:(?i:qq)|企鹅|扣扣)(?:号码|号)?(?:[ \t:：\u{3000}是为]|(?i:[ ]is[ ]))*(\d{5,11})").expect("valid")
});

/// A WeChat id after its keyword (`微信号: wxid_k2j3h4l5`, `wechat: zhangsan_1990`, `vx: abc123`,
/// `加V：abc_123`, `微信ID：zhangsan88`, `WeChat ID: …`): a letter, then 5–19 letters, digits, `_` or `-`, as WeChat allows.
static WECHAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(微信号?|威信|薇信|(?i:wechat|weixin|vx|wx)|加[vV微]|[vV]信)(号码|号|[ ]?(?i:id)(?-u:\b))?([ \t:：\u{3000}是为]*|(?i:[ ]is[ ]))([A-Za-z][A-Za-z0-9_\-]{5,19})")
        .expect("valid")
});

/// WeChat's own account ids, `wxid_…`, wherever they stand.
static WXID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"wxid_[A-Za-z0-9_\-]{4,30}").expect("valid"));

/// A passport number after 护照 (`护照号：G12345678`, `护照 EA1234567`): one or two letters and
/// digits, nine characters in all.
static PASSPORT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"护照(?:号码|号)?[ \t:：\u{3000}是为]*([A-Za-z]{1,2}[0-9]{7,8})").expect("valid"));

/// A membership, card or account number after its keyword (`会员卡号88001234`, `会员号：M-20931`,
/// `Member ID: 55102938`, `account no. 00123456`): the number names the customer as a phone
/// number does. At least four digits, so a keyword followed by words (`卡号不对`) stays.
static MEMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:会员卡号|会员号|会员编号|会员ID|卡号|账号|帐号|((?i:member(?:ship)?[ ]?(?:no\.?|number|id|#)|card[ ]?(?:no\.?|number)|account[ ]?(?:no\.?|number))))(?:[ \t:：\u{3000}是为#]|(?i:[ ]is[ ]))*([A-Za-z0-9][A-Za-z0-9\-]{3,23})")
        .expect("valid")
});

/// A street number with the building or unit after it (and the flat), after a road's or
/// estate's name (`建国路88号3单元502`, `幸福小区3栋2单元502室`): with the road it is a home. The
/// name stays (`建国路[address]`). A street number alone (`南京西路1266号`, a store's address,
/// `步行街3号出口`) is kept.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:路|街|大道|巷|胡同|小区|花园|公寓|家园|新村|园|苑|府)(\d{1,5}(?:号院|号楼|号|栋|幢|座)\d{1,4}(?:号楼|栋|幢|座|单元)(?:\d{1,4}(?:单元|层|楼|室|户))*(?:\d{1,5}(?:室|户)?)?)")
        .expect("valid")
});

/// Whether `c` would continue an id or a number, or begins what a later pass takes whole (an
/// e-mail's at sign, a placeholder): a match followed by one is not taken.
fn continues(c: Option<char>) -> bool {
    c.is_some_and(|c| {
        c.is_ascii_alphanumeric() || ascii_digit(c).is_some() || matches!(c, '_' | '-' | '@' | '＠' | '[')
    })
}

/// Whether `before` ends in what a Latin keyword glued to it would be part of: a Latin letter
/// or digit, or a placeholder (`]`), which stands for digits.
fn glued_before(before: &str) -> bool {
    before.chars().next_back().is_some_and(|c| c.is_ascii_alphanumeric() || ascii_digit(c).is_some() || c == ']')
}

/// QQ numbers, WeChat ids and passport numbers after their keywords → `[id]` (the keyword
/// stays: `QQ号：[id]`).
pub(super) fn redact_keyed(text: &str) -> std::borrow::Cow<'_, str> {
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in QQ.captures_iter(text) {
        let (kw, m) = (c.get(0).expect("match"), c.get(1).expect("group"));
        // `QQ` glued after Latin letters or digits is part of another word (and after a
        // placeholder, which stands for digits); `企鹅` never is.
        let latin_before = kw.as_str().starts_with(['Q', 'q']) && glued_before(&text[..kw.start()]);
        let first_zero = m.as_str().chars().next().and_then(ascii_digit) == Some('0');
        if !latin_before && !first_zero && !continues(text[m.end()..].chars().next()) {
            spans.push((m.start(), m.end()));
        }
    }
    for c in WECHAT.captures_iter(text) {
        let (kw, id) = (c.get(1).expect("keyword"), c.get(4).expect("id"));
        let latin_kw = kw.as_str().is_ascii();
        let latin_before = latin_kw && glued_before(&text[..kw.start()]);
        let separated = !c.get(3).expect("separator").as_str().is_empty() || c.get(2).is_some();
        // An id of letters alone is a word as often (`wechat: terrible`), unless said to be the
        // number (微信号).
        // (`ID` after the keyword says less: `wechat id verification` is words.)
        let id_like = id.as_str().contains(|c: char| c.is_ascii_digit() || c == '_' || c == '-')
            || c.get(2).is_some_and(|g| g.as_str().starts_with('号'))
            || kw.as_str() == "微信号";
        if id_like && !latin_before && (separated || !latin_kw) && !continues(text[id.end()..].chars().next()) {
            spans.push((id.start(), id.end()));
        }
    }
    for m in WXID.find_iter(text) {
        let before = text[..m.start()].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') && !continues(text[m.end()..].chars().next())
        {
            spans.push((m.start(), m.end()));
        }
    }
    for c in PASSPORT.captures_iter(text) {
        let m = c.get(1).expect("group");
        if m.as_str().len() == 9 && !continues(text[m.end()..].chars().next()) {
            spans.push((m.start(), m.end()));
        }
    }
    for c in MEMBER.captures_iter(text) {
        let m = c.get(2).expect("group");
        let digits = m.as_str().bytes().filter(u8::is_ascii_digit).count();
        // `remember #2024`, `scorecard no. 5000`: an English keyword inside a word is none.
        let glued = c.get(1).is_some_and(|kw| glued_before(&text[..kw.start()]));
        // A long run of digits, or one that goes on in groups (`6222 0212 3456 7890 128`), is
        // left to the number passes, whose checks tell a bank card or a phone (`[card]`).
        let long = digits >= 11 && digits == m.as_str().len();
        let grouped = text[m.end()..].trim_start_matches([' ', '-']).starts_with(|c: char| c.is_ascii_digit());
        if digits >= 4
            && !glued
            && !long
            && !grouped
            && !continues(text[m.end()..].chars().next())
            && !amount_or_date(m.as_str(), &text[m.end()..])
        {
            spans.push((m.start(), m.end()));
        }
    }
    replace_spans(text, spans, "[id]")
}

/// Whether a number after a card or account keyword is an amount, a count or a date rather
/// than the card's number: `会员卡号 2024-06-01 到期`, `账号2024年注册`, `卡号 1000 元`.
fn amount_or_date(number: &str, after: &str) -> bool {
    let unit = after.trim_start().starts_with(['元', '块', '积', '分', '年', '月', '日', '张', '次', '天']);
    let date = number.split('-').count() == 3
        && number.split('-').all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    unit || date
}

/// A home's street number, building, unit and flat after the road's name → `[address]`; a
/// number followed by a year, month, day or price (`…3单元2024年`) is not taken.
pub(super) fn redact_addresses(text: &str) -> std::borrow::Cow<'_, str> {
    let spans = ADDRESS
        .captures_iter(text)
        .map(|c| c.get(1).expect("group"))
        .filter(|m| !text[m.end()..].starts_with(['年', '月', '日', '元', '块', '号']))
        .map(|m| (m.start(), m.end()))
        .collect();
    replace_spans(text, spans, "[address]")
}

/// `text` with each of `spans` (overlapping ones merged) replaced by `tag`.
fn replace_spans<'t>(text: &'t str, mut spans: Vec<(usize, usize)>, tag: &str) -> std::borrow::Cow<'t, str> {
    if spans.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    spans.sort_unstable();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (s, e) in spans {
        if s < copied {
            // Inside the span just replaced (`微信号 wxid_…` found twice).
            if e > copied {
                copied = e;
            }
            continue;
        }
        out.push_str(&text[copied..s]);
        out.push_str(tag);
        copied = e;
    }
    out.push_str(&text[copied..]);
    std::borrow::Cow::Owned(out)
}

/// Whether eleven ASCII digits are a mainland mobile number, 1[3-9]….
fn mobile(d: &str) -> bool {
    d.len() == 11 && d.starts_with('1') && matches!(d.as_bytes()[1], b'3'..=b'9')
}

fn space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}')
}

/// Mainland mobiles whose groups the number pass does not join: digits spaced one by one
/// (`1 3 8 0 0 1 3 8 0 0 0`) or groups of 3, 4 and 4 joined by a dash or dot with spaces
/// around it (`138 - 0013 - 8000`) → `[phone]`. The whole run of digits must be the number,
/// every joint written alike, and nothing glued to either end.
pub(super) fn redact_loose_mobiles(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if ascii_digit(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // The run: digit groups joined by joints of spaces with at most one dash or dot. Only
        // what the rule asks of it is kept while it is read (a run may be long, and is read
        // once): its digits while there are no more than a mobile's, the lengths of its first
        // groups, whether every group is one digit and every joint spaces alone, and whether
        // every joint is written like the first.
        let mut digits = [0u8; 11];
        let (mut count, mut groups) = (0usize, 0usize);
        let mut lens = [0usize; 4];
        let (mut ones, mut spaces_only, mut alike) = (true, true, true);
        let mut first_joint: Option<(usize, usize)> = None;
        let mut j = i;
        loop {
            let s = j;
            while j < chars.len() && ascii_digit(chars[j]).is_some() {
                if let Some(d) = digits.get_mut(count) {
                    *d = ascii_digit(chars[j]).map_or(b'0', |c| c as u8);
                }
                count += 1;
                j += 1;
            }
            if let Some(l) = lens.get_mut(groups) {
                *l = j - s;
            }
            groups += 1;
            ones &= j - s == 1;
            let mut k = j;
            while k < chars.len() && space(chars[k]) {
                k += 1;
            }
            if k < chars.len() && matches!(chars[k], '-' | '－' | '–' | '—' | '.') {
                k += 1;
                while k < chars.len() && space(chars[k]) {
                    k += 1;
                }
            }
            if k > j && k < chars.len() && ascii_digit(chars[k]).is_some() {
                let joint = &chars[j..k];
                spaces_only &= joint.iter().all(|c| space(*c));
                match first_joint {
                    None => first_joint = Some((j, k)),
                    Some((a, b)) => alike &= chars[a..b] == *joint,
                }
                j = k;
                continue;
            }
            break;
        }
        let end = j;
        let digits = std::str::from_utf8(&digits[..count.min(11)]).unwrap_or("");
        let glued = |c: Option<&char>| {
            c.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '＋' | '_' | '/' | '[' | ']'))
        };
        let before = if i == 0 { None } else { chars.get(i - 1) };
        // Digits one by one are spaced, not dotted (`1.3.8…` is a version); 3-4-4 groups may
        // be joined by a dash or dot with spaces (a lone `-` or `.` the number pass takes).
        // Digits one by one joined by a dash alike (`1-3-8-…`) are a mobile too.
        let dotted = first_joint.is_some_and(|(a, b)| chars[a..b].contains(&'.'));
        let shape = (ones && (spaces_only || !dotted)) || (groups == 3 && lens[..3] == [3, 4, 4]);
        if count == 11 && mobile(digits) && groups > 1 && alike && shape && !glued(before) && !glued(chars.get(end)) {
            out.push_str("[phone]");
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    out
}

/// A Chinese numeral read as a digit, as a phone number is read aloud (`幺` for one).
fn numeral(c: char) -> Option<u8> {
    Some(match c {
        '〇' | '零' => 0,
        '一' | '幺' | '壹' => 1,
        '二' | '贰' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// A mobile spelt in Chinese numerals (`一三八零零一三八零零零`, `幺三八…`, `一三八 零零一三 八零零零`)
/// → `[phone]`: a run (its groups perhaps spaced) of exactly eleven numerals that reads 1[3-9]…, with no numeral, digit or unit (十百千万亿点)
/// beside it. Prices (`一百二十元`) and years (`二〇二四年`) are no such run.
pub(super) fn redact_numeral_mobiles(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| numeral(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    let chars: Vec<char> = text.chars().collect();
    let unit = |c: Option<&char>| c.is_some_and(|c| ascii_digit(*c).is_some() || "十拾百佰千仟万亿点两".contains(*c));
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    let mut i = 0;
    while i < chars.len() {
        if numeral(chars[i]).is_none() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let mut end = i;
        while end < chars.len() && numeral(chars[end]).is_some() {
            end += 1;
        }
        // Or groups of numerals with a space between (`一三八 一二三四 五六七八`), when together
        // they are the number.
        let mut spaced = end;
        while spaced + 1 < chars.len() && space(chars[spaced]) && numeral(chars[spaced + 1]).is_some() {
            spaced += 1;
            while spaced < chars.len() && numeral(chars[spaced]).is_some() {
                spaced += 1;
            }
        }
        let read = |to: usize| -> String {
            chars[i..to].iter().filter_map(|c| numeral(*c)).map(|d| char::from(b'0' + d)).collect()
        };
        if spaced > end && mobile(&read(spaced)) {
            end = spaced;
        }
        let digits = read(end);
        let before = if i == 0 { None } else { chars.get(i - 1) };
        if mobile(&digits) && !unit(before) && !unit(chars.get(end)) {
            out.push_str("[phone]");
            changed = true;
        } else {
            out.extend(&chars[i..end]);
        }
        i = end;
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}
