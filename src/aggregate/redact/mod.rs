//! Personal data in comments, replaced at ingest — before any metric, sample or output
//! sees the text.
//!
//! The rule (documented on the methodology page, in the README and in docs/):
//! - e-mail addresses, also written with a full-width `＠` or `．`, or with letters of other
//!   scripts (`josé@correo.es`, `иван@почта.рф`), or with a local part in Han, kana or Hangul
//!   (`张三@example.com`, taken with the run of such characters before it) → `[email]`;
//! - Chinese mobile numbers (11 digits, 1[3-9]…, optionally +86 / 0086 / 86), however written:
//!   spaces (no-break ones too), dashes, dots, invisible characters between the digits, the
//!   digits of any script (full-width `１３８…`, Arabic-Indic `١٣٨…`, Persian `۱۳۸…`, Devanagari
//!   `१३८…`, mixed with ASCII), glued to Chinese text → `[phone]`; landlines written
//!   with a leading 0 and 10–12 digits (`010-12345678`, `021 6123 4567`), or with the area
//!   code in brackets (`(021) 6123 4567`, `（010）12345678`) → `[phone]`;
//! - Chinese mobiles also written `(138)0013-8000`, `138 - 0013 - 8000`, digit by digit
//!   `1 3 8 0 0 1 3 8 0 0 0`, or in eleven Chinese numerals `一三八零零一三八零零零` / `幺三八…`
//!   → `[phone]`; a QQ number after `QQ`/`企鹅`, a WeChat id after `微信`/`微信号`/`wechat`/`vx`/
//!   `wx`/`加V` (or `wxid_…` alone), a passport number after `护照`, a membership, card or
//!   account number after its keyword (`会员卡号88001234`, `Member ID: 55102938`) → `[id]`, the
//!   keyword kept (`contacts`); in comments only ([`comment`]), a home's street number with its
//!   building or unit and flat after the road's or estate's name (`建国路88号3单元502`) →
//!   `[address]`, the name kept;
//! - Chinese resident ID numbers: 18 characters whose ISO 7064 MOD 11-2 check digit is right,
//!   or 15 digits (first generation, no check digit) that start with a province code and hold
//!   a real birth date (YYMMDD) → `[id]`;
//! - bank card numbers that pass the Luhn check → `[card]`: 16–19 digits, or American Express's
//!   15 (from 34, 37) and Diners Club's 14 (from 300–305, 36, 38, 39);
//! - phone numbers of other countries: any number written with a `+` and a country code, 8–15
//!   digits in all as E.164 allows, however grouped (`+1 (415) 555-0132`, `+44 20 7946 0958`,
//!   `+44 (0)20 7946 0958`, `+33 1 23 45 67 89`); North American numbers written in their
//!   usual groups, `(415) 555-0132`, `415-555-0132`, `415.555.0132`, `1-800-555-0199` (a
//!   valid area code and exchange; a bare block of ten digits is an order number as often);
//!   French numbers in five pairs `01 23 45 67 89`; national numbers with a leading 0 and
//!   10–12 digits, in groups of three or more or a `/` after the area code (UK `07700 900123`,
//!   `020 7946 0958`; German `0151 23456789`, `030/1234567`; Australian mobiles `0412 345 678`;
//!   Japanese mobiles `090-1234-5678`); two-digit area codes in the 2–4–4 form, alone
//!   (`02 9876 5432`, `(02) 9876 5432`, `03-1234-5678`, no year in the middle); Singapore
//!   and Hong Kong numbers written as two fours starting with 2, 3, 5, 6, 8 or 9, alone, not
//!   round, without a year and not two times of day (`9123 4567`, `2812 3456`); Indian mobiles as two fives from
//!   6–9, alone, not round nor two neighbouring codes (`98765 43210`); Brazilian mobiles
//!   `(11) 98765-4321`, `11 98765-4321` (Korean `010-1234-5678` and Taiwanese `0912-345-678`
//!   mobiles have the leading 0 of the national numbers above) → `[phone]`;
//! - US Social Security numbers written `123-45-6789` or `123 45 6789` (a valid area, group
//!   and serial) → `[id]`; Hong Kong identity card numbers `A123456(3)` and Taiwan national
//!   IDs `A123456789` whose check digit is right → `[id]`.
//!
//! Everything else stays: scores, dates (`2024-03-05`), prices, order numbers that fail the
//! checks. Checksums keep the false positives rare. A number glued to Latin letters
//! (`card4111111111111111`, `ABC13812345678`) is redacted only when it passes a checksum
//! (card or 18-character ID): an order code's digits are not a phone number.
//!
//! A shown comment is also cut to [`MAX_COMMENT_CHARS`] characters (see [`comment`]).
//!
//! Split by what each part does: `invisible` (characters that show nothing, and white space
//! as cells are compared), `patterns` (numbers told by their written form: international,
//! bracketed, letter-prefixed IDs), `numbers` (runs of digits: mobiles, landlines, IDs, cards),
//! `checks` (the check digits and valid ranges that tell a personal number from another).

use std::sync::LazyLock;

use regex::Regex;

mod checks;
mod contacts;
mod invisible;
mod names;
mod numbers;
mod patterns;
#[cfg(test)]
mod tests;

pub use invisible::{cell_value, group_value, is_invisible, name_key, nfc, spaced, strip_invisible};
pub use names::{GIVEN_NAMES, ZH_SURNAMES};

use crate::text::digits::ascii_digit;

/// The longest comment shown on a page, in characters; a longer one is cut there and ends
/// with `…`.
pub const MAX_COMMENT_CHARS: usize = 1000;

/// An e-mail address: ASCII, full-width, or internationalised (RFC 6531: `josé@correo.es`,
/// `иван@почта.рф`). Letters of every script count except Han, kana and Hangul, which are
/// written without spaces: `邮箱li@qq.com谢谢` must keep `邮箱` and `谢谢` around `[email]`.
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let letter = r"\p{L}\p{M}&&[^\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]";
    let local = format!(r"[[{letter}]\p{{Nd}}._%+\-]+");
    let label = format!(r"[[{letter}]\p{{Nd}}\-]+");
    let tld = format!(r"[{letter}]{{2,}}");
    Regex::new(&format!(r"{local}[@＠]{label}(?:[.．。]{label})*[.．。]{tld}")).expect("valid")
});

/// An e-mail address whose local part is written in Han, kana or Hangul (`张三@example.com`),
/// which [`EMAIL`] leaves to keep such text around a Latin address. Chinese and Japanese are
/// written without spaces, so where the address begins cannot be told: the whole run of
/// those characters (and letters, digits and `._%+-` among them) before the at sign is taken,
/// `请联系张三@example.com` becoming `[email]` — rather a few words too many than a name shown.
/// The domain is read as [`EMAIL`] reads it, so text right after it stays.
static CJK_EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    let cjk = r"\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}ー";
    let letter = r"\p{L}\p{M}&&[^\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]";
    let local = format!(r"[{cjk}][{cjk}\p{{L}}\p{{M}}\p{{Nd}}._%+\-]*");
    let label = format!(r"[[{letter}]\p{{Nd}}\-]+");
    let tld = format!(r"[{letter}]{{2,}}");
    Regex::new(&format!(r"{local}[@＠]{label}(?:[.．。]{label})*[.．。]{tld}")).expect("valid")
});

/// Every e-mail address of `text` replaced by `with`: Latin and other scripts' first, then
/// those with a CJK local part.
fn replace_emails<'t>(text: &'t str, with: &str) -> std::borrow::Cow<'t, str> {
    match EMAIL.replace_all(text, with) {
        std::borrow::Cow::Borrowed(t) => CJK_EMAIL.replace_all(t, with),
        std::borrow::Cow::Owned(t) => std::borrow::Cow::Owned(CJK_EMAIL.replace_all(&t, with).into_owned()),
    }
}

/// Replaces personal data in `text`; applying it twice changes nothing more. Invisible
/// format characters go first ([`strip_invisible`]): a zero-width space inside a phone number
/// must not hide it, and a right-to-left override must not turn the text around it.
pub fn redact(text: &str) -> String {
    // The passes run in order, and one pass's token can give the next a boundary it lacked
    // (`13812345678wxid_0013`: the WeChat id stands alone only once the mobile before it is
    // `[phone]`), so they run again until nothing changes: redacting redacted text changes
    // nothing. Tokens are never redacted, so this ends; most texts take one pass.
    let mut out = redact_once(text);
    // A pass that changed nothing is the end at once (nearly every comment).
    if out == text {
        return out;
    }
    for _ in 0..4 {
        let again = redact_once(&out);
        if again == out {
            break;
        }
        out = again;
    }
    out
}

/// One pass of every rule of [`redact`], in order.
fn redact_once(text: &str) -> String {
    let text = strip_invisible(text);
    // QQ numbers, WeChat ids and passport numbers after their keywords: first, while the id
    // is whole (a WeChat id may end in digits the number pass would take).
    let text = contacts::redact_keyed(&text);
    // Every other rule but the last needs a digit or an at sign: most comments have neither.
    if !text.chars().any(|c| ascii_digit(c).is_some() || matches!(c, '@' | '＠')) {
        return contacts::redact_numeral_mobiles(&text).into_owned();
    }
    let text = replace_emails(&text, "[email]");
    // `+1 (415) 555-0132` is one number: the country code is read with it.
    let text = patterns::redact_international(&text);
    let text = patterns::redact_bracketed_landlines(&text);
    let text = patterns::redact_letter_ids(&text);
    let text = numbers::redact_numbers(&text);
    // Mobiles whose groups the number pass leaves apart (`1 3 8 0 0 1 3 8 0 0 0`), once it has
    // taken the numbers it knows.
    let text = contacts::redact_loose_mobiles(&text);
    // A mobile spelt in Chinese numerals, last: what stands beside it is then final.
    contacts::redact_numeral_mobiles(&text).into_owned()
}

/// `text` with every e-mail address blanked (a space each), for comment analysis: an address
/// is no one's opinion, and its parts must not become keywords. Free when the text has no at
/// sign.
pub fn without_emails(text: &str) -> std::borrow::Cow<'_, str> {
    // Byte searches (SIMD), not a walk over the characters: most comments have no at sign.
    let bytes = text.as_bytes();
    static FULL_WIDTH_AT: LazyLock<memchr::memmem::Finder<'static>> =
        LazyLock::new(|| memchr::memmem::Finder::new("＠".as_bytes()));
    if memchr::memchr(b'@', bytes).is_none() && FULL_WIDTH_AT.find(bytes).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    replace_emails(text, " ")
}

/// A comment as it is shown: redacted, then cut to [`MAX_COMMENT_CHARS`] characters (the
/// whole text is redacted first, so a cut never leaves half a number unredacted).
pub fn comment(text: &str) -> String {
    // A name the comment signs off with (`- Tom Smith`, `——张伟`): comments only, as a cell
    // of a store or team (`上海-徐汇`, `Support - Tom`) is no signature.
    let redacted = redact(text);
    let redacted = match names::redact_signature(&redacted) {
        std::borrow::Cow::Owned(signed) => signed,
        std::borrow::Cow::Borrowed(_) => redacted,
    };
    // A home address too: comments only, as a store may be named for its street number
    // (`淮海中路999号店`), and a breakdown value redaction would change is refused as an id.
    let redacted = match contacts::redact_addresses(&redacted) {
        std::borrow::Cow::Owned(out) => out,
        std::borrow::Cow::Borrowed(_) => redacted,
    };
    match redacted.char_indices().nth(MAX_COMMENT_CHARS) {
        Some((end, _)) => format!("{}…", redacted[..end].trim_end()),
        None => redacted,
    }
}
