//! The key-driver partials a row adds to: pairs of ratings (wide data) or the outcome split by
//! a touchpoint's rating (long data).

use std::collections::BTreeMap;

use crate::aggregate::{CoMoments, Histogram};
use crate::project::Project;

/// The most touchpoints a project may have for key drivers from touchpoint ratings in
/// columns (wide data): each row counts every pair of its ratings.
pub const MAX_DRIVER_RATINGS: usize = 100;

/// Adds one row's answers to the driver partials: in wide data every pair of the loyalty
/// outcome and touchpoint ratings; in long data the outcome split by whether the row's
/// touchpoint was rated on its favourable side (the top box; below it for `better: lower`).
pub(super) fn fold_drivers(
    project: &Project,
    answers: &[(usize, i64, Option<usize>, bool)],
    pairs: &mut BTreeMap<(usize, usize), CoMoments>,
    gaps: &mut [[Histogram; 2]],
) {
    let Some(loyalty) = project.loyalty else { return };
    let Some(&(_, outcome, _, _)) = answers.iter().find(|a| a.0 == loyalty) else { return };
    let wide: Vec<(usize, i64)> =
        answers.iter().filter(|a| a.3 && a.0 != loyalty).filter_map(|a| a.2.map(|t| (1 + t, a.1))).collect();
    // Past MAX_DRIVER_RATINGS touchpoints there are no respondent-level drivers: every pair is
    // counted on every row, which would cost time and memory in the square of the columns.
    if !wide.is_empty() && project.touchpoints.len() <= MAX_DRIVER_RATINGS {
        let mut vars = vec![(0usize, outcome)];
        vars.extend(wide);
        for i in 0..vars.len() {
            for j in i + 1..vars.len() {
                let (a, b) = if vars[i].0 <= vars[j].0 { (vars[i], vars[j]) } else { (vars[j], vars[i]) };
                pairs.entry((a.0, b.0)).or_default().add(a.1, b.1);
            }
        }
        return;
    }
    // Long data: the row's rating of its touchpoint is its first rating-type score.
    let rating = answers.iter().find(|a| {
        a.0 != loyalty && !a.3 && a.2.is_some() && project.scores[a.0].kind == crate::project::ScoreKind::Rating
    });
    if let Some(&(score, v, Some(t), _)) = rating {
        let out_def = &project.scores[loyalty];
        // The favourable side of the rating: its top box, or — where the rating is `better:
        // lower` (an effort or waiting-time score) and its top box holds the bad answers —
        // the answers below it. The first histogram is that side, so that a gap above 0
        // always says "those who fared well are more loyal".
        let def = &project.scores[score];
        let favourable = (v >= def.top_box) != def.lower_better;
        gaps[t][usize::from(!favourable)].add((outcome - out_def.min) as usize, out_def.width());
    }
}
