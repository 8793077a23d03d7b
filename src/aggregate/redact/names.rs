//! People's names as a comment signs off with them (`- Tom Smith`, `Thanks, Anna`, `——张伟`),
//! and the lists of common given names and surnames that tell a name from other words (init
//! reads them too, to tell a column of customers' names by its values).

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

/// The most common Chinese surnames (about nine people in ten carry one), and compound ones.
pub const ZH_SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝";
/// Common English given names, lower case.
pub const GIVEN_NAMES: &[&str] = &[
    "james",
    "john",
    "robert",
    "michael",
    "william",
    "david",
    "richard",
    "joseph",
    "thomas",
    "charles",
    "christopher",
    "daniel",
    "matthew",
    "anthony",
    "mark",
    "donald",
    "steven",
    "paul",
    "andrew",
    "joshua",
    "kenneth",
    "kevin",
    "brian",
    "george",
    "timothy",
    "ronald",
    "edward",
    "jason",
    "jeffrey",
    "ryan",
    "jacob",
    "gary",
    "nicholas",
    "eric",
    "jonathan",
    "stephen",
    "larry",
    "justin",
    "scott",
    "brandon",
    "benjamin",
    "samuel",
    "frank",
    "gregory",
    "raymond",
    "alexander",
    "patrick",
    "jack",
    "dennis",
    "jerry",
    "tyler",
    "aaron",
    "henry",
    "peter",
    "adam",
    "nathan",
    "zachary",
    "kyle",
    "tom",
    "tim",
    "mike",
    "dave",
    "chris",
    "dan",
    "ben",
    "sam",
    "alex",
    "max",
    "leo",
    "oliver",
    "harry",
    "noah",
    "liam",
    "lucas",
    "mary",
    "patricia",
    "jennifer",
    "linda",
    "elizabeth",
    "barbara",
    "susan",
    "jessica",
    "sarah",
    "karen",
    "lisa",
    "nancy",
    "betty",
    "sandra",
    "margaret",
    "ashley",
    "kimberly",
    "emily",
    "donna",
    "michelle",
    "carol",
    "amanda",
    "melissa",
    "deborah",
    "stephanie",
    "rebecca",
    "laura",
    "sharon",
    "cynthia",
    "kathleen",
    "amy",
    "angela",
    "anna",
    "anne",
    "emma",
    "olivia",
    "sophia",
    "isabella",
    "mia",
    "charlotte",
    "amelia",
    "grace",
    "chloe",
    "lucy",
    "hannah",
    "julia",
    "kate",
    "rachel",
    "helen",
    "maria",
    "sophie",
    "claire",
    "alice",
    "jane",
    "ella",
    "lily",
    "zoe",
    "wei",
    "li",
    "ming",
    "hans",
    "juan",
    "jose",
    "carlos",
    "luis",
    "pedro",
    "ana",
    "carmen",
    "pierre",
    "jean",
    "marie",
    "giulia",
];

/// Words that open with a common surname and close a comment (`——谢谢`, `——满意`).
const NOT_NAMES: &[&str] =
    &["谢谢", "感谢", "舒适", "周到", "安心", "方便", "安静", "高效", "满意", "好评", "推荐", "万分", "余下", "于是"];

/// Where a signature may start: the last 80 bytes of a comment hold it.
const TAIL: usize = 80;

/// `text` with the name it signs off with replaced by `[name]`: after a dash or tilde (`- Tom
/// Smith`, `~Anna`, `——张伟`) or a closing word (`Thanks, Tom`, `Regards, Mary J.`), at the very
/// end. The first name must be a common given name (Chinese: a common surname and one or two
/// characters more), so `- Great Service` and `——服务很好` stay.
pub(super) fn redact_signature(text: &str) -> Cow<'_, str> {
    static LATIN: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i:[-–—~]+\s*|(?:thanks|thank you|regards|best regards|kind regards|cheers|sincerely)[,!.]?\s+|best,\s*)([A-Z][a-z'’-]+)(\s+(?:[A-Z][a-z'’-]+|[A-Z]\.))?\s*[.!]?\s*$",
        )
        .expect("signature pattern")
    });
    // Chinese signs off after `——` alone: `～谢谢`, `-徐汇店` and `~舒适` end comments as often.
    static HAN: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"——\s*(\p{Han}{2,3})\s*[。！.!]?\s*$").expect("signature pattern"));
    let last = text.chars().rev().find(|c| !c.is_whitespace() && !matches!(c, '.' | '!' | '。' | '！'));
    if !last.is_some_and(char::is_alphabetic) {
        return Cow::Borrowed(text);
    }
    let mut from = text.len().saturating_sub(TAIL);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let tail = &text[from..];
    let span = if let Some(c) = LATIN.captures(tail).filter(|c| GIVEN_NAMES.contains(&c[1].to_lowercase().as_str())) {
        let first = c.get(1).expect("group");
        Some((first.start(), c.get(2).map_or(first.end(), |m| m.end())))
    } else {
        HAN.captures(tail)
            .and_then(|c| c.get(1))
            .filter(|m| {
                let name = crate::text::simplified(m.as_str());
                name.chars().next().is_some_and(|s| ZH_SURNAMES.contains(s))
                    && !NOT_NAMES.iter().any(|w| name.starts_with(w))
                    && !name.ends_with(|c| "店区市路街部组".contains(c))
            })
            .map(|m| (m.start(), m.end()))
    };
    match span {
        Some((start, end)) => Cow::Owned(format!("{}[name]{}", &text[..from + start], &text[from + end..])),
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_a_comment_signs_off_with_is_redacted_and_other_endings_stay() {
        for (text, want) in [
            ("Great service, will come back - Tom Smith", "Great service, will come back - [name]"),
            ("Delivery was late again.\nThanks, Anna", "Delivery was late again.\nThanks, [name]"),
            ("Kind regards, Mary J.", "Kind regards, [name]"),
            ("Love the app ~Emma!", "Love the app ~[name]!"),
            ("Best, David", "Best, [name]"),
            ("送货太慢了——张伟", "送货太慢了——[name]"),
            ("服务很好——李娜。", "服务很好——[name]。"),
            ("很满意——張偉", "很满意——[name]"),
            ("- Tom", "- [name]"),
        ] {
            assert_eq!(redact_signature(text), want, "{text}");
        }
        // Comments only: a store's or team's name is no signature.
        assert_eq!(super::super::redact("Support - Tom"), "Support - Tom");
        assert_eq!(super::super::comment("Quick and kind - Tom Smith"), "Quick and kind - [name]");
        for text in [
            "Checkout was quick - Great Service",
            "The staff were friendly",
            "I bought it from Amazon",
            "服务很好——非常满意",
            "麻烦尽快处理～谢谢！",
            "快递很快~谢谢啦",
            "房间很干净～舒适",
            "很好——谢谢",
            "上海-徐汇店",
            "Ask for Tom, he is great",
            "The best Pro Max",
        ] {
            let kept = redact_signature(text);
            assert_eq!(kept, text, "{text}");
        }
    }
}
