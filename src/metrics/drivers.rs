//! Key-driver analysis: which touchpoints move the loyalty outcome.
//!
//! - Correlation: Pearson's r of each touchpoint rating with the outcome over the respondents
//!   who answered both (pairwise complete), with a Fisher-z interval.
//! - Relative importance: Johnson's relative weights (J. W. Johnson, "A heuristic method for
//!   estimating the relative weight of predictor variables in multiple regression",
//!   Multivariate Behavioral Research 35 (2000) 1–19), computed from the correlation matrix
//!   alone, so from co-moment partials. The weights add up to the model's R². They are sums
//!   of squares and carry no sign: a touchpoint rated higher by the less loyal explains as
//!   much variance as one rated higher by the more loyal. Its share of R² is importance only
//!   where its correlation with the outcome runs the favourable way ([`importance`]); one
//!   that runs the other way is flagged, not called a driver.
//! - Where each respondent rated one touchpoint (long data), no respondent-level model is
//!   possible: the outcome gap between those who rated the touchpoint in its top box and the
//!   rest stands in, with its interval from the two groups' standard errors.

use nalgebra::{DMatrix, DVector, SymmetricEigen};

use super::Interval;

/// Fisher-z interval of a correlation from n pairs at critical value z; `None` for n ≤ 3.
pub fn correlation_interval(r: f64, n: u64, z: f64) -> Option<Interval> {
    if n <= 3 {
        return None;
    }
    let fz = r.clamp(-0.999_999, 0.999_999).atanh();
    let se = 1.0 / ((n - 3) as f64).sqrt();
    Some(Interval::new((fz - z * se).tanh(), (fz + z * se).tanh()))
}

/// Johnson's relative weights of `k` predictors from their correlation matrix `rxx` (k × k)
/// and their correlations with the outcome `rxy`. Returns the weights (summing to R²) and R²,
/// or `None` when the predictors are too collinear to invert.
pub fn relative_weights(rxx: &DMatrix<f64>, rxy: &DVector<f64>) -> Option<(Vec<f64>, f64)> {
    let k = rxx.nrows();
    if k == 0 || rxx.ncols() != k || rxy.len() != k {
        return None;
    }
    // R_xx = V Λ Vᵀ; the orthogonal counterparts Z of the predictors have correlations
    // Λ* = V Λ^½ Vᵀ with them. Regress y on Z: β = Λ*⁻¹ r_xy. Each predictor's weight is
    // Σ_j Λ*²_ij β_j².
    let eig = SymmetricEigen::new(rxx.clone());
    if eig.eigenvalues.iter().any(|l| *l <= 1e-10) {
        return None;
    }
    let sqrt_l = DMatrix::from_diagonal(&eig.eigenvalues.map(f64::sqrt));
    let lambda = &eig.eigenvectors * sqrt_l * eig.eigenvectors.transpose();
    let beta = lambda.clone().try_inverse()? * rxy;
    let weights: Vec<f64> = (0..k).map(|i| (0..k).map(|j| lambda[(i, j)].powi(2) * beta[j].powi(2)).sum()).collect();
    let r2 = weights.iter().sum();
    Some((weights, r2))
}

/// A touchpoint's importance from its relative weight `weight` and the model's `r2`: its share
/// of R² where its rating moves the outcome the favourable way (`toward`, its correlation
/// turned by the favourable directions of rating and outcome, above 0), else 0 — a weight
/// earned by going with a worse outcome is no reason to call a touchpoint a driver.
pub fn importance(weight: f64, r2: f64, toward: f64) -> f64 {
    if r2 > 0.0 && toward > 0.0 {
        weight / r2
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::tests::{close, Z95};

    #[test]
    fn fisher_interval_of_a_correlation() {
        // r = .5, n = 103: z' = atanh(.5) = .549306, SE = 1/√100 = .1,
        // z′ ± 1.959964·.1 = .353310 … .745303 → tanh: .339308 … .632338.
        let i = correlation_interval(0.5, 103, Z95).unwrap();
        close(i.low, 0.339308, 1e-5);
        close(i.high, 0.632338, 1e-5);
        assert!(correlation_interval(0.5, 3, Z95).is_none());
    }

    #[test]
    fn uncorrelated_predictors_get_their_squared_correlations() {
        // With R_xx = I, Λ* = I and β = r_xy, so each weight is r², and R² = Σ r².
        let rxx = DMatrix::identity(2, 2);
        let rxy = DVector::from_vec(vec![0.6, 0.3]);
        let (w, r2) = relative_weights(&rxx, &rxy).unwrap();
        close(w[0], 0.36, 1e-12);
        close(w[1], 0.09, 1e-12);
        close(r2, 0.45, 1e-12);
    }

    #[test]
    fn two_correlated_predictors_split_r_squared_as_johnson_does() {
        // R_xx = [[1, .5], [.5, 1]], r_xy = (.6, .4). By hand: eigenvalues 1.5 and .5 with
        // vectors (1,1)/√2 and (1,−1)/√2; Λ* = [[a, b], [b, a]] with a = (√1.5 + √.5)/2 =
        // .965926, b = (√1.5 − √.5)/2 = .258819. β = Λ*⁻¹ r_xy: det = a² − b² = .866025;
        // β₁ = (a·.6 − b·.4)/det = .549667, β₂ = (a·.4 − b·.6)/det = .266825.
        // w₁ = a²β₁² + b²β₂² = .281895 + .004769 = .286664; w₂ = b²β₁² + a²β₂² = .020239 + .066424
        // = .086663 (to rounding). R² by OLS: (r₁² + r₂² − 2·r₁·r₂·r₁₂)/(1 − r₁₂²) =
        // (.36 + .16 − .24)/.75 = .373333 = w₁ + w₂.
        let rxx = DMatrix::from_row_slice(2, 2, &[1.0, 0.5, 0.5, 1.0]);
        let rxy = DVector::from_vec(vec![0.6, 0.4]);
        let (w, r2) = relative_weights(&rxx, &rxy).unwrap();
        close(r2, 0.373333, 1e-6);
        close(w[0], 0.286667, 1e-4);
        close(w[1], 0.086667, 1e-4);
    }

    #[test]
    fn weights_are_blind_to_sign_so_importance_counts_only_the_favourable_direction() {
        // By hand: R_xx = I, so each weight is r², whatever its sign: r_xy = (.6, −.3) gives
        // the weights (.36, .09) that (.6, .3) gives, R² = .45. The second touchpoint goes
        // with a worse outcome: importance (.36/.45, 0) = (.8, 0), not (.8, .2).
        let rxx = DMatrix::identity(2, 2);
        let (w, r2) = relative_weights(&rxx, &DVector::from_vec(vec![0.6, -0.3])).unwrap();
        let (w_pos, _) = relative_weights(&rxx, &DVector::from_vec(vec![0.6, 0.3])).unwrap();
        close(w[1], 0.09, 1e-12);
        close(w_pos[1], 0.09, 1e-12);
        close(r2, 0.45, 1e-12);
        close(importance(w[0], r2, 0.6), 0.8, 1e-12);
        assert_eq!(importance(w[1], r2, -0.3), 0.0);
        // A `better: lower` rating (an effort score) with r = −.3 moves the outcome the right
        // way: its correlation turned by its direction, +.3, counts.
        close(importance(w[1], r2, -1.0 * -0.3), 0.2, 1e-12);
        // No model, no importance.
        assert_eq!(importance(0.1, 0.0, 0.5), 0.0);
    }

    #[test]
    fn perfectly_collinear_predictors_have_no_weights() {
        let rxx = DMatrix::from_row_slice(2, 2, &[1.0, 1.0, 1.0, 1.0]);
        assert!(relative_weights(&rxx, &DVector::from_vec(vec![0.5, 0.5])).is_none());
    }
}
