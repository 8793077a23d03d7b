//! Integration tests of the `cxsite` command line: each test copies a small fixture project
//! from `tests/fixtures/` into a temporary directory, runs the real binary on it as a user
//! would, and checks what it printed, its exit code and the files it wrote.
//!
//! Every expected number is worked out by hand or by `tests/tools/expected_metrics.py` and
//! `tests/tools/expected_insights.py`, independent Python implementations of DESIGN.md's
//! formulas, never copied from cxsite's output.

#[path = "common/mod.rs"]
mod common;
#[path = "cli/support.rs"]
mod support;

#[path = "cli/chunks.rs"]
mod chunks;
#[path = "cli/commands.rs"]
mod commands;
#[path = "cli/diagnostics.rs"]
mod diagnostics;
#[path = "cli/downloads.rs"]
mod downloads;
#[path = "cli/errors.rs"]
mod errors;
#[path = "cli/fold.rs"]
mod fold;
#[path = "cli/golden.rs"]
mod golden;
#[path = "cli/golden_errors.rs"]
mod golden_errors;
#[path = "cli/group_pages.rs"]
mod group_pages;
#[path = "cli/half_points.rs"]
mod half_points;
#[path = "cli/insights_drivers.rs"]
mod insights_drivers;
#[path = "cli/insights_harshness.rs"]
mod insights_harshness;
#[path = "cli/insights_league.rs"]
mod insights_league;
#[path = "cli/insights_lower.rs"]
mod insights_lower;
#[path = "cli/insights_trend.rs"]
mod insights_trend;
#[path = "cli/joins.rs"]
mod joins;
#[path = "cli/metrics.rs"]
mod metrics;
#[path = "cli/multi_select.rs"]
mod multi_select;
#[path = "cli/output.rs"]
mod output;
#[path = "cli/periods.rs"]
mod periods;
#[path = "cli/quality.rs"]
mod quality;
#[path = "cli/repeated_scores.rs"]
mod repeated_scores;
#[path = "cli/row_filters.rs"]
mod row_filters;
#[path = "cli/row_order.rs"]
mod row_order;
#[path = "cli/shapes.rs"]
mod shapes;
#[path = "cli/site.rs"]
mod site;
#[path = "cli/suppression.rs"]
mod suppression;
#[path = "cli/themes.rs"]
mod themes;
#[path = "cli/threads.rs"]
mod threads;
#[path = "cli/trend_axis.rs"]
mod trend_axis;
#[path = "cli/voc.rs"]
mod voc;
