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
/// billionth of a unit in the last shown place of a half (or within the double's own error of
/// it, for a value so large that this is more) counts as the half. A mean of counts over n
/// answers is a half exactly or at least 1 / (2n) of that unit from one, so no mean of up to
/// 500 million answers is taken for a half it is not.
pub fn half_away(v: f64, decimals: usize) -> String {
    let decimals = decimals.min(300);
    let scaled = v * 10f64.powi(decimals as i32);
    let tolerance = 1e-9_f64.max(scaled.abs() * 8.0 * f64::EPSILON);
    if !scaled.is_finite() || (scaled.fract() - 0.5).abs() > tolerance {
        return format!("{v:.decimals$}");
    }
    // Rounded up: the next whole number of units in the last place, written by its digits.
    if decimals > 15 || scaled.abs() >= 1e15 {
        return format!("{v:.decimals$}");
    }
    let units = scaled.trunc() as u64 + 1;
    if decimals == 0 {
        return units.to_string();
    }
    let scale = 10u64.pow(decimals as u32);
    format!("{}.{:0decimals$}", units / scale, units % scale)
}
