//! Figures rounded as the site writes them. Metrics that readers compare by eye (a league's
//! stars against its thresholds) are decided on these, so that two figures written the same
//! are treated the same; rendering writes them with the same rounding.

use super::Measure;

/// `v` rounded as the site writes it (`render::format::Numbers::value`): NPS whole, shares whole, means to two
/// decimals, halves away from zero.
pub fn as_written(v: f64, measure: Measure) -> f64 {
    let fixed = |d: usize| half_away(v.abs(), d).parse::<f64>().map_or(v, |a| if v < 0.0 { -a } else { a }) + 0.0;
    match measure {
        Measure::Nps => fixed(0),
        Measure::TopBox => v.round(),
        Measure::Mean => fixed(2),
    }
}

/// `v` (not negative) with `decimals` decimals, a value exactly halfway rounded up — away
/// from zero. Rust's formatting rounds such a value to the even digit (2.5 → "2", 0.125 →
/// "0.12"); a value merely near halfway (1.005, stored as 1.00499…) is rounded as stored.
pub fn half_away(v: f64, decimals: usize) -> String {
    let scaled = v * 10f64.powi(decimals.min(300) as i32);
    // Only a value whose scaled fraction is near one half can be a tie: the rest need no
    // exact expansion.
    if !scaled.is_finite() || (scaled.fract() - 0.5).abs() > 1e-6 {
        return format!("{v:.decimals$}");
    }
    // The exact expansion, 40 digits past the shown ones: a tie is `5` then zeros.
    const EXTRA: usize = 40;
    let long = format!("{v:.*}", decimals + EXTRA);
    let (head, tail) = long.split_at(long.len() - EXTRA);
    if !(tail.starts_with('5') && tail[1..].bytes().all(|b| b == b'0')) {
        return format!("{v:.decimals$}");
    }
    let mut out: Vec<u8> = head.trim_end_matches('.').bytes().collect();
    // Adds one in the last shown place, carrying through nines.
    let mut carry = true;
    for b in out.iter_mut().rev().filter(|b| b.is_ascii_digit()) {
        if !carry {
            break;
        }
        if *b == b'9' {
            *b = b'0';
        } else {
            *b += 1;
            carry = false;
        }
    }
    if carry {
        out.insert(0, b'1');
    }
    String::from_utf8(out).unwrap_or_default()
}
