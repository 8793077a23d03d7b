//! Why did a score move? A shift-share split of the change between two periods into the part
//! due to a different mix of groups answering and the part due to change within the groups:
//!
//! P₁ − P₀ = Σ_g (w₁g − w₀g)·v₀g (mix)  +  Σ_g w₁g·(v₁g − v₀g) (within)
//!
//! where w is a group's share of the answers and v its score. NPS, top-box shares and means
//! are all averages over answers, so P = Σ w·v exactly and the two parts add up to the change.
//! A group present in one period only contributes w₁v₁ (or −w₀v₀) to the mix.

/// One group of a partition in two periods: (answers, value) before and after.
#[derive(Debug, Clone, Copy)]
pub struct GroupPeriods {
    pub before: Option<(u64, f64)>,
    pub after: Option<(u64, f64)>,
}

/// (mix, within) of the change from before to after; `None` if a period has no answers.
pub fn split(groups: &[GroupPeriods]) -> Option<(f64, f64)> {
    let n0: u64 = groups.iter().filter_map(|g| g.before.map(|b| b.0)).sum();
    let n1: u64 = groups.iter().filter_map(|g| g.after.map(|a| a.0)).sum();
    if n0 == 0 || n1 == 0 {
        return None;
    }
    let (mut mix, mut within) = (0.0, 0.0);
    for g in groups {
        let w0 = g.before.map(|b| b.0 as f64 / n0 as f64).unwrap_or(0.0);
        let w1 = g.after.map(|a| a.0 as f64 / n1 as f64).unwrap_or(0.0);
        match (g.before, g.after) {
            (Some((_, v0)), Some((_, v1))) => {
                mix += (w1 - w0) * v0;
                within += w1 * (v1 - v0);
            }
            (None, Some((_, v1))) => mix += w1 * v1,
            (Some((_, v0)), None) => mix -= w0 * v0,
            (None, None) => {}
        }
    }
    Some((mix, within))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::close;

    #[test]
    fn a_change_caused_only_by_more_answers_from_a_harsher_group_is_all_mix() {
        // Group A scores 40, group B 0, in both periods. Before: 80 A + 20 B → NPS 32.
        // After: 50 A + 50 B → NPS 20. Change −12: mix (.5−.8)·40 + (.5−.2)·0 = −12, within 0.
        let g = [
            GroupPeriods { before: Some((80, 40.0)), after: Some((50, 40.0)) },
            GroupPeriods { before: Some((20, 0.0)), after: Some((50, 0.0)) },
        ];
        let (mix, within) = split(&g).unwrap();
        close(mix, -12.0, 1e-12);
        close(within, 0.0, 1e-12);
    }

    #[test]
    fn the_two_parts_add_up_to_the_change() {
        // Before: A 60 answers at 30, B 40 at 10 → P0 = 22. After: A 30 at 20, B 70 at 15,
        // C 0 → P1 = .3·20 + .7·15 = 16.5. Mix = (.3−.6)·30 + (.7−.4)·10 = −6;
        // within = .3·(20−30) + .7·(15−10) = .5; −6 + .5 = −5.5 = 16.5 − 22.
        let g = [
            GroupPeriods { before: Some((60, 30.0)), after: Some((30, 20.0)) },
            GroupPeriods { before: Some((40, 10.0)), after: Some((70, 15.0)) },
        ];
        let (mix, within) = split(&g).unwrap();
        close(mix, -6.0, 1e-12);
        close(within, 0.5, 1e-12);
    }

    #[test]
    fn a_new_group_counts_entirely_as_mix() {
        // Before: A 100 at 10 → 10. After: A 50 at 10, new B 50 at 30 → 20. Mix = (.5−1)·10 +
        // .5·30 = 10, within = .5·0 = 0.
        let g = [
            GroupPeriods { before: Some((100, 10.0)), after: Some((50, 10.0)) },
            GroupPeriods { before: None, after: Some((50, 30.0)) },
        ];
        let (mix, within) = split(&g).unwrap();
        close(mix, 10.0, 1e-12);
        close(within, 0.0, 1e-12);
    }
}
