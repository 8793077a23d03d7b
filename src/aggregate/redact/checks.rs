//! The rules that tell a personal number from any other run of digits: check digits
//! (Luhn, ISO 7064, Hong Kong, Taiwan) and the ranges numbers are issued in.

/// Whether ten digits are a North American number (NANP): an area code and an exchange of
/// [2-9] then two digits, the area code's middle digit not 9 (no such codes are assigned).
pub(super) fn north_american(d: &str) -> bool {
    let b = d.as_bytes();
    d.len() == 10
        && b.iter().all(u8::is_ascii_digit)
        && (b'2'..=b'9').contains(&b[0])
        && b[1] != b'9'
        && (b'2'..=b'9').contains(&b[3])
}

/// Whether nine digits are a US Social Security number as issued: area 001–899 but not 666,
/// group 01–99, serial 0001–9999 (SSA's rules since 2011 randomisation).
pub(super) fn social_security(d: &str) -> bool {
    if d.len() != 9 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let (area, group, serial) = (&d[..3], &d[3..5], &d[5..]);
    area != "000" && area != "666" && !area.starts_with('9') && group != "00" && serial != "0000"
}

/// A Hong Kong identity card number: one or two letters, six digits and a check character,
/// which makes the weighted sum (a lone letter counted after a space of value 36; letters
/// A=10…Z=35; weights 9 down to 1) a multiple of 11, `A` standing for 10.
pub(super) fn hong_kong_id(m: &str) -> bool {
    let chars: Vec<char> = m.chars().filter(|c| c.is_ascii_alphanumeric()).collect();
    let letters = chars.iter().take_while(|c| c.is_ascii_uppercase()).count();
    if chars.len() != letters + 7 || !(1..=2).contains(&letters) {
        return false;
    }
    let value = |c: char| if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - 'A' as u32 + 10 };
    let mut values: Vec<u32> = Vec::with_capacity(9);
    if letters == 1 {
        values.push(36);
    }
    values.extend(chars[..letters + 6].iter().map(|c| value(*c)));
    if !chars[letters..letters + 6].iter().all(char::is_ascii_digit) {
        return false;
    }
    let check = match chars[letters + 6] {
        'A' => 10,
        c if c.is_ascii_digit() => value(c),
        _ => return false,
    };
    let sum: u32 = values.iter().zip((2..=9).rev()).map(|(v, w)| v * w).sum::<u32>() + check;
    sum.is_multiple_of(11)
}

/// A Taiwan national ID: a letter (its two-digit code, A=10…), `1`/`2` (or `8`/`9` for a
/// resident's certificate) and eight digits, the last a check digit that makes the weighted
/// sum (1, 9, then 8 down to 1, and 1) a multiple of ten.
pub(super) fn taiwan_id(m: &str) -> bool {
    const CODES: &[u8; 26] =
        &[10, 11, 12, 13, 14, 15, 16, 17, 34, 18, 19, 20, 21, 22, 35, 23, 24, 25, 26, 27, 28, 29, 32, 30, 31, 33];
    let b = m.as_bytes();
    if b.len() != 10 || !b[0].is_ascii_uppercase() || !b[1..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !matches!(b[1], b'1' | b'2' | b'8' | b'9') {
        return false;
    }
    let code = u32::from(CODES[usize::from(b[0] - b'A')]);
    let digits: Vec<u32> = b[1..].iter().map(|d| u32::from(d - b'0')).collect();
    let weighted: u32 = digits[..8].iter().zip((1..=8).rev()).map(|(d, w)| d * w).sum();
    (code / 10 + (code % 10) * 9 + weighted + digits[8]).is_multiple_of(10)
}

/// A 15-digit first-generation resident ID (GB 11643-1989): a province code, four more
/// digits of place, a birth date YYMMDD of the 1900s, and three digits of sequence. There is
/// no check digit, so the province and the date are what tell it from an order number.
pub(super) fn first_generation_id(d: &str) -> bool {
    const PROVINCES: [u32; 34] = [
        11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62,
        63, 64, 65, 71, 81, 82,
    ];
    if d.len() != 15 || !d.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let num = |r: std::ops::Range<usize>| d[r].parse::<u32>().unwrap_or(0);
    let (year, month, day) = (1900 + num(6..8) as i32, num(8..10), num(10..12));
    PROVINCES.contains(&num(0..2)) && chrono::NaiveDate::from_ymd_opt(year, month, day).is_some()
}

/// Luhn (mod 10) check of a card number.
pub(super) fn luhn(d: &str) -> bool {
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
pub(super) fn id_checksum(d: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const CHECK: [u8; 11] = *b"10X98765432";
    // Bytes: a text with anything but ASCII digits in the first 17 places, or with more or
    // fewer than 18 characters, fails either way.
    let b = d.as_bytes();
    if b.len() != 18 || !b[..17].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = b[..17].iter().zip(W).map(|(c, w)| u32::from(c - b'0') * w).sum();
    CHECK[(sum % 11) as usize] == b[17].to_ascii_uppercase()
}
