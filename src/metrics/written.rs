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

/// `v` (not negative) with `decimals` decimals, a value halfway rounded up — away from zero,
/// as Excel rounds. Rust's formatting rounds an exact half to the even digit (2.5 → "2",
/// 0.125 → "0.12") and a computed one as the double stores it: a mean of 1,079 over 200
/// answers, 5.395, is stored as 5.39499…, and came out "5.39". So a value within a
/// billionth of a unit in the last shown place of a half counts as the half: a ratio of
/// counts is either a half exactly or at least 1 / (2n) of that unit from one, far beyond
/// the double's error for any n this tool reads.
pub fn half_away(v: f64, decimals: usize) -> String {
    let decimals = decimals.min(300);
    let scaled = v * 10f64.powi(decimals as i32);
    let tolerance = 1e-9 * scaled.abs().max(1.0);
    if !scaled.is_finite() || (scaled.fract() - 0.5).abs() > tolerance {
        return format!("{v:.decimals$}");
    }
    // Past the half by a hundredth of the tolerance: formatting then rounds it up.
    let nudged = (scaled.trunc() + 0.5 + tolerance / 100.0) / 10f64.powi(decimals as i32);
    format!("{nudged:.decimals$}")
}
