//! Where a score sits on its measure's scale: its position on the natural axis, a zoomed
//! axis for breakdowns, and its class and colour on the diverging colour scale.

use super::as_written;
use crate::metrics::Measure;
use crate::project::ScoreDef;

/// Where a value sits on its measure's natural axis, 0…1 (NPS −100…100, shares 0…100 %,
/// means on the score's scale).
pub fn position(v: f64, measure: Measure, def: &ScoreDef) -> f64 {
    let (lo, hi) = axis(measure, def);
    ((v - lo) / (hi - lo)).clamp(0.0, 1.0)
}

/// The natural axis of a measure.
pub fn axis(measure: Measure, def: &ScoreDef) -> (f64, f64) {
    match measure {
        Measure::Nps => (-100.0, 100.0),
        Measure::TopBox => (0.0, 100.0),
        Measure::Mean => def.range(),
    }
}

/// The neutral point of the colour scale: NPS 0, top-box 60 %, a mean's scale middle.
pub fn neutral(measure: Measure, def: &ScoreDef) -> f64 {
    match measure {
        Measure::Nps => 0.0,
        Measure::TopBox => 60.0,
        Measure::Mean => (def.range().0 + def.range().1) / 2.0,
    }
}

/// The class `s1`…`s7` of the diverging score scale (ColorBrewer RdYlBu, colour-blind safe):
/// s1 far below neutral, s4 neutral, s7 far above — "above" meaning better: a score declared
/// `better: lower` (complaint rate, waiting time) is read the other way round. The value is
/// classed as it is written ([`super::Numbers::value`]): a CSAT of 41.7 % reads "42%", and the key's
/// "below 42%" must not colour it.
pub fn score_class(v: f64, measure: Measure, def: &ScoreDef) -> &'static str {
    let v = as_written(v, measure);
    // Lower is better: the value is read mirrored on its axis, so 78 % negative reads as 22 %.
    let v = if def.lower_better {
        let (lo, hi) = axis(measure, def);
        lo + hi - v
    } else {
        v
    };
    let centre = neutral(measure, def);
    let half = match measure {
        Measure::Nps => 60.0,
        Measure::TopBox => 30.0,
        Measure::Mean => (def.range().1 - def.range().0) / 2.0,
    };
    let t = ((v - centre) / half).clamp(-1.0, 1.0);
    match t {
        t if t < -0.6 => "s1",
        t if t < -0.3 => "s2",
        t if t < -0.1 => "s3",
        t if t <= 0.1 => "s4",
        t if t <= 0.3 => "s5",
        t if t <= 0.6 => "s6",
        _ => "s7",
    }
}

/// A breakdown's axis: the measure's natural axis cut down to the values shown, widened to
/// round steps (NPS and shares 10 points; means 1 on a scale wider than 6, 0.5 on one of 4
/// to 6, else 0.25), at least one step wide. The whole axis when nothing is shown.
pub fn zoomed_axis(values: &[f64], measure: Measure, def: &ScoreDef) -> (f64, f64) {
    let (lo, hi) = axis(measure, def);
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !min.is_finite() || !max.is_finite() {
        return (lo, hi);
    }
    let step = match measure {
        Measure::Mean if hi - lo > 6.0 => 1.0,
        Measure::Mean if hi - lo >= 4.0 => 0.5,
        Measure::Mean => 0.25,
        _ => 10.0,
    };
    let a = ((min / step).floor() * step).max(lo);
    let b = ((max / step).ceil() * step).min(hi);
    if b - a < step {
        ((a - step).max(lo), (b + step).min(hi))
    } else {
        (a, b)
    }
}

/// The six values where `score_class` moves from one class to the next, in class order (the
/// bound between s1 and s2 first). For a score where lower is better they run downwards.
pub fn class_bounds(measure: Measure, def: &ScoreDef) -> [f64; 6] {
    let centre = neutral(measure, def);
    let half = match measure {
        Measure::Nps => 60.0,
        Measure::TopBox => 30.0,
        Measure::Mean => (def.range().1 - def.range().0) / 2.0,
    };
    let (lo, hi) = axis(measure, def);
    [-0.6, -0.3, -0.1, 0.1, 0.3, 0.6].map(|t| {
        let v = centre + t * half;
        if def.lower_better {
            lo + hi - v
        } else {
            v
        }
    })
}

/// Fill colour of each score class, for SVG that cxsite draws (same as the CSS).
pub fn class_colour(class: &str) -> (&'static str, &'static str) {
    // (fill, text colour with at least 4.5:1 contrast on it)
    match class {
        "s1" => ("#d73027", "#ffffff"),
        "s2" => ("#f4a582", "#1a1a1a"),
        "s3" => ("#fddbc7", "#1a1a1a"),
        "s4" => ("#f4f1e6", "#1a1a1a"),
        "s5" => ("#d1e5f0", "#1a1a1a"),
        "s6" => ("#92c5de", "#1a1a1a"),
        "s7" => ("#4575b4", "#ffffff"),
        _ => ("#eeeeee", "#555555"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::ScoreKind;

    fn nps() -> ScoreDef {
        ScoreDef::new("nps", ScoreKind::Nps, 0, 10, 9)
    }

    /// Breakdown axes zoom to the data in round steps, worked out by hand.
    #[test]
    fn a_breakdown_axis_is_zoomed_to_the_values_in_round_steps() {
        let ces = ScoreDef::new("ces", ScoreKind::Rating, 1, 7, 6);
        assert_eq!(zoomed_axis(&[12.0, 31.0], Measure::Nps, &nps()), (10.0, 40.0));
        assert_eq!(zoomed_axis(&[-100.0, -95.0], Measure::Nps, &nps()), (-100.0, -90.0));
        assert_eq!(zoomed_axis(&[42.3, 77.9], Measure::TopBox, &nps()), (40.0, 80.0));
        assert_eq!(zoomed_axis(&[5.21, 5.45], Measure::Mean, &ces), (5.0, 5.5));
        assert_eq!(zoomed_axis(&[20.0, 20.0], Measure::Nps, &nps()), (10.0, 30.0));
        assert_eq!(zoomed_axis(&[], Measure::Nps, &nps()), (-100.0, 100.0));
    }

    /// The colour key's bounds are where the classes change: worked out by hand for NPS
    /// (neutral 0, half-width 60: cuts at ±6, ±18, ±36), and for every score a value just
    /// inside each band gets that band's class, also for a score where lower is better.
    #[test]
    fn the_colour_key_bounds_are_where_score_class_changes() {
        assert_eq!(class_bounds(Measure::Nps, &nps()), [-36.0, -18.0, -6.0, 6.0, 18.0, 36.0]);
        let mut ces = ScoreDef::new("ces", ScoreKind::Rating, 1, 7, 6);
        let mut waits = ScoreDef::new("wait", ScoreKind::Rating, 1, 5, 4);
        waits.lower_better = true;
        ces.lower_better = false;
        for (measure, def) in
            [(Measure::Nps, nps()), (Measure::Mean, ces), (Measure::TopBox, waits.clone()), (Measure::Mean, waits)]
        {
            let b = class_bounds(measure, &def);
            let (lo, hi) = axis(measure, &def);
            let edges: Vec<f64> = if def.lower_better {
                std::iter::once(hi).chain(b).chain(std::iter::once(lo)).collect()
            } else {
                std::iter::once(lo).chain(b).chain(std::iter::once(hi)).collect()
            };
            for k in 0..7 {
                let mid = (edges[k] + edges[k + 1]) / 2.0;
                assert_eq!(score_class(mid, measure, &def), format!("s{}", k + 1), "{measure:?} {mid} (bounds {b:?})");
            }
        }
    }

    #[test]
    fn the_colour_scale_is_neutral_at_nps_zero_and_sixty_percent() {
        let def = nps();
        assert_eq!(score_class(0.0, Measure::Nps, &def), "s4");
        // Classed as written: CSAT's key cuts at 42 % (60 − 0.6 × 30) and NPS's at −36; 41.7 %
        // reads "42%" and −36.4 reads "−36", so each takes the class its key gives "42%" and
        // "−36", while 41.4 % ("41%") and −36.6 ("−37") stay below.
        assert_eq!(score_class(41.7, Measure::TopBox, &def), "s2");
        assert_eq!(score_class(41.4, Measure::TopBox, &def), "s1");
        assert_eq!(score_class(-36.4, Measure::Nps, &def), "s2");
        assert_eq!(score_class(-36.6, Measure::Nps, &def), "s1");
        assert_eq!(score_class(60.0, Measure::TopBox, &def), "s4");
        assert_eq!(score_class(-80.0, Measure::Nps, &def), "s1");
        assert_eq!(score_class(80.0, Measure::Nps, &def), "s7");
    }
}
