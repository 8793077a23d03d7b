//! Personal data in comments, replaced at ingest — before any metric, sample or output
//! sees the text.
//!
//! The rule (documented on the methodology page):
//! - e-mail addresses → `[email]`;
//! - Chinese mobile numbers (11 digits, 1[3-9]…, optionally +86 / 0086 / 86), however written:
//!   spaces, dashes, full-width digits, glued to Chinese text → `[phone]`; landlines written
//!   with a leading 0 and 10–12 digits → `[phone]`;
//! - Chinese resident ID numbers (18 characters) whose ISO 7064 MOD 11-2 check digit is right
//!   → `[id]`;
//! - bank card numbers (16–19 digits) that pass the Luhn check → `[card]`.
//!
//! Everything else stays: scores, dates (`2024-03-05`), prices, order numbers that fail the
//! checks. Checksums keep the false positives rare; digit runs glued to Latin letters or other
//! digits are not split.

use std::sync::LazyLock;

use regex::Regex;

static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}").expect("valid")
});

/// Replaces personal data in `text`; applying it twice changes nothing more.
pub fn redact(text: &str) -> String {
    let text = EMAIL.replace_all(text, "[email]");
    redact_numbers(&text)
}

/// Full-width digits and plus sign read as ASCII, so "１３８…" is found like "138…".
fn ascii_digit(c: char) -> Option<char> {
    match c {
        '0'..='9' => Some(c),
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
        _ => None,
    }
}

fn redact_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let starts_run = ascii_digit(chars[i]).is_some()
            || (matches!(chars[i], '+' | '＋') && chars.get(i + 1).and_then(|c| ascii_digit(*c)).is_some());
        // Glue is judged on what was written: after a placeholder (`[id]`) a new number starts.
        let glued = out.chars().last().is_some_and(|c| c.is_ascii_alphanumeric() || ascii_digit(c).is_some());
        if !starts_run || glued {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let end = run_end(&chars, i);
        // A run glued to a Latin letter at its end (an order code like 12345678AB) is left alone,
        // except the X of an ID number.
        out.push_str(&redact_run(&chars[i..end]));
        i = end;
    }
    out
}

/// The end of a run of digit groups joined by single spaces or dashes (and a final X).
fn run_end(chars: &[char], start: usize) -> usize {
    let mut j = start;
    if matches!(chars[j], '+' | '＋') {
        j += 1;
    }
    loop {
        while j < chars.len() && ascii_digit(chars[j]).is_some() {
            j += 1;
        }
        let sep = j < chars.len() && matches!(chars[j], ' ' | '-' | '－' | '\u{3000}');
        if sep && chars.get(j + 1).and_then(|c| ascii_digit(*c)).is_some() {
            j += 1;
            continue;
        }
        break;
    }
    if j < chars.len() && matches!(chars[j], 'X' | 'x') {
        j += 1;
    }
    j
}

/// Redacts the personal numbers inside one run, trying the longest spans of whole groups first.
fn redact_run(run: &[char]) -> String {
    // Groups: (start, end) char offsets of digit chunks, X attached to the last.
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut k = 0;
    while k < run.len() {
        if ascii_digit(run[k]).is_some() || (matches!(run[k], 'X' | 'x') && k + 1 == run.len()) {
            let s = k;
            while k < run.len()
                && (ascii_digit(run[k]).is_some() || (matches!(run[k], 'X' | 'x') && k + 1 == run.len()))
            {
                k += 1;
            }
            groups.push((s, k));
        } else {
            k += 1;
        }
    }
    let mut out = String::new();
    let mut copied = 0;
    let mut g = 0;
    while g < groups.len() {
        let mut hit = None;
        for h in (g + 1..=groups.len()).rev() {
            let digits: String = groups[g..h]
                .iter()
                .flat_map(|(s, e)| run[*s..*e].iter())
                .map(|c| ascii_digit(*c).unwrap_or('X'))
                .collect();
            if let Some(tag) = classify(&digits) {
                hit = Some((h, tag));
                break;
            }
        }
        match hit {
            Some((h, tag)) => {
                // Take a leading + with the number.
                let start = if g == 0 { 0 } else { groups[g].0 };
                out.extend(&run[copied..start]);
                out.push_str(tag);
                copied = groups[h - 1].1;
                g = h;
            }
            None => g += 1,
        }
    }
    out.extend(&run[copied..]);
    out
}

/// What a digit string is, if it is personal data.
fn classify(d: &str) -> Option<&'static str> {
    let mobile = |s: &str| s.len() == 11 && s.starts_with('1') && matches!(s.as_bytes()[1], b'3'..=b'9');
    if !d.ends_with(['X', 'x']) {
        let national = d.strip_prefix("0086").or_else(|| d.strip_prefix("86")).unwrap_or(d);
        if mobile(d) || mobile(national) {
            return Some("[phone]");
        }
        if d.starts_with('0') && !d.starts_with("00") && (10..=12).contains(&d.len()) {
            return Some("[phone]");
        }
        if (16..=19).contains(&d.len()) && luhn(d) {
            return Some("[card]");
        }
    }
    if d.len() == 18 && id_checksum(d) {
        return Some("[id]");
    }
    None
}

/// Luhn (mod 10) check of a card number.
fn luhn(d: &str) -> bool {
    let mut sum = 0;
    for (i, c) in d.bytes().rev().enumerate() {
        let mut v = u32::from(c - b'0');
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum % 10 == 0
}

/// GB 11643 / ISO 7064 MOD 11-2 check digit of an 18-character resident ID.
fn id_checksum(d: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let b: Vec<char> = d.chars().collect();
    if b.len() != 18 || !b[..17].iter().all(char::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17].iter().zip(W).map(|(c, w)| c.to_digit(10).unwrap_or(0) * w).sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobiles_in_every_common_writing_are_redacted() {
        for t in [
            "电话13812345678谢谢",
            "call 138 1234 5678 please",
            "call 138-1234-5678",
            "+86 138 1234 5678",
            "+8613812345678",
            "008613812345678",
            "手机：１３８１２３４５６７８",
        ] {
            let r = redact(t);
            assert!(r.contains("[phone]"), "{t} → {r}");
            assert!(!r.chars().filter(|c| c.is_ascii_digit()).any(|_| r.contains("5678")), "{t} → {r}");
        }
        assert_eq!(redact("+86 138 1234 5678"), "[phone]");
    }

    #[test]
    fn id_numbers_need_a_valid_check_digit() {
        // 11010519491231002X: Σ weights·digits = 167, 167 mod 11 = 2 → X. Valid.
        assert_eq!(redact("身份证11010519491231002X"), "身份证[id]");
        // The same with a wrong check digit is left alone (it is not an ID).
        assert_eq!(redact("单号110105194912310021"), "单号110105194912310021");
    }

    #[test]
    fn card_numbers_need_to_pass_luhn() {
        // 4111 1111 1111 1111 is the Luhn-valid test Visa number; change one digit and it fails.
        assert_eq!(redact("card 4111 1111 1111 1111 thanks"), "card [card] thanks");
        assert_eq!(redact("order 4111 1111 1111 1112"), "order 4111 1111 1111 1112");
    }

    #[test]
    fn emails_and_landlines_are_redacted() {
        assert_eq!(redact("mail li.na@example.com.cn now"), "mail [email] now");
        assert_eq!(redact("打010-12345678找我"), "打[phone]找我");
    }

    #[test]
    fn scores_dates_prices_and_order_codes_survive() {
        for t in
            ["5分好评", "2024-03-05 买的", "价格 39.9 元", "订单 20240305001", "NPS 10", "ABC13812345678", "买了3包"]
        {
            assert_eq!(redact(t), t);
        }
    }

    #[test]
    fn redaction_is_idempotent() {
        let once = redact("13812345678 a@b.cn 11010519491231002X 4111111111111111");
        assert_eq!(redact(&once), once);
        assert_eq!(once, "[phone] [email] [id] [card]");
        let glued = redact("11010519491231002X13812345678");
        assert_eq!(glued, "[id][phone]");
        assert_eq!(redact(&glued), glued);
    }
}
