//! `cxsite build`, stage by stage: claim the output folder, read (or reuse) the aggregates,
//! work out the numbers and findings, write the site into a staging folder, and swap it in.
//! Each step is a function of its own; [`run`] only puts them in order.

use std::path::PathBuf;

use crate::error::{Diagnostic, Result};
use crate::{aggregate, insights, metrics, output, progress, project, render};
use crate::{BuildCache, BuildOptions, BuildSummary, Stopwatch};

/// The pipeline; with a cache, its aggregates are reused or kept. Only `serve` keeps them: a
/// one-off build does not pay for the copy (all groups' histograms). `exiting`: the process
/// ends right after, so what the build made is left to the operating system.
pub(crate) fn run(opts: &BuildOptions, cache: Option<&mut Option<BuildCache>>, exiting: bool) -> Result<BuildSummary> {
    let mut clock = Stopwatch::new();
    let (project, out_dir, lock) = claim_output(opts)?;
    let mut warnings = crate::project_warnings(&project)?;
    clock.lap("load");
    let ingested = aggregates(&project, cache)?;
    clock.lap("ingest");
    let metrics = crate::numbers(&project, &ingested, opts.strict, &mut warnings)?;
    clock.lap("metrics");
    let insights = insights::derive(&project, &metrics, ingested.quality.last_date.as_deref());
    clock.lap("insights");
    // Files go to a staging directory as they are made (never the whole site in memory).
    let staging = output::Staging::begin(&lock)?;
    progress::set_stage(progress::Stage::Writing);
    warnings.extend(write_site(&staging, &project, &metrics, &insights, &ingested)?);
    // A page's link to a file the site turned out not to have (a typo, a page since renamed).
    warnings.extend(render::lint::dead_links(&project, |rel| staging.has(rel)));
    clock.lap("render and write");
    let (files, leftover, kept) = staging.commit()?;
    warnings.extend(leftover);
    clock.lap("swap");
    let summary = BuildSummary {
        output: out_dir,
        files,
        metric_rows: metrics.rows.len(),
        quality: ingested.quality.clone(),
        warnings,
        kept: kept.moved,
    };
    if exiting {
        std::mem::forget((ingested, metrics, insights, project));
    }
    Ok(summary)
}

/// Loads the project and takes the output folder for this build: what no `--force` allows is
/// refused first; then what the project reads (a folder holding a dataset is named as such,
/// not as a folder `--force` could replace); then the non-empty check. The lock holds one
/// build at a time per output folder until the swap (nothing is written before it: a refused
/// output is left untouched), and the folder is looked at again under it, since another build
/// may have changed it while this one waited.
fn claim_output(opts: &BuildOptions) -> Result<(project::Project, PathBuf, output::OutputLock)> {
    let out_dir = opts.output_dir();
    output::check_output_dir(&opts.root, &out_dir, true)?;
    let project = project::load(&opts.root)?;
    output::check_output_against_project(&project, &out_dir)?;
    output::check_output_dir(&opts.root, &out_dir, opts.force)?;
    let lock = output::lock_output(&out_dir, opts.quiet)?;
    output::check_output_dir(&opts.root, &out_dir, opts.force)?;
    Ok((project, out_dir, lock))
}

/// The project's aggregates: read from its files, or, with a cache whose key still matches
/// the files on disk, the last build's; the cache then keeps this build's.
fn aggregates(project: &project::Project, cache: Option<&mut Option<BuildCache>>) -> Result<aggregate::Aggregates> {
    let Some(cache) = cache else { return crate::aggregate_all(project) };
    let key = BuildCache::key_of(project);
    let aggregates = match cache.take() {
        Some(c) if c.key == key => c.aggregates,
        _ => crate::aggregate_all(project)?,
    };
    *cache = Some(BuildCache { key, aggregates: aggregates.clone() });
    Ok(aggregates)
}

/// Writes every file of the site into `staging`: the pages and the team's static files beside
/// the downloads, which are independent and made side by side. Returns the warnings about
/// what the downloads had to change.
fn write_site(
    staging: &output::Staging,
    project: &project::Project,
    metrics: &metrics::Metrics,
    insights: &insights::Insights,
    ingested: &aggregate::Aggregates,
) -> Result<Vec<Diagnostic>> {
    let (pages, downloads) = rayon::join(
        || write_pages(staging, project, metrics, insights, ingested),
        || write_downloads(staging, project, metrics, ingested),
    );
    pages?;
    downloads
}

/// The rendered pages, then the team's static files, copied as they are (streamed, never
/// read whole); an HTML page among them gets the site's Content-Security-Policy
/// (`render::policy`).
fn write_pages(
    staging: &output::Staging,
    project: &project::Project,
    metrics: &metrics::Metrics,
    insights: &insights::Insights,
    ingested: &aggregate::Aggregates,
) -> Result<()> {
    render::render(project, metrics, insights, ingested, &|path: &str, bytes: &[u8]| staging.put(path, bytes))?;
    project.files.static_files.iter().try_for_each(|(rel, f)| match &f.text {
        Some(text) if render::policy::is_page(rel) => {
            staging.put(&format!("static/{rel}"), render::policy::with_policy(text).as_bytes())
        }
        _ => staging.copy(&format!("static/{rel}"), &f.path),
    })
}

/// The downloads — metrics.csv and metrics.json side by side, then comments.csv and
/// keywords.csv — each streamed into the staging folder. Returns a warning for each CSV
/// whose group names held control characters (written as U+FFFD).
fn write_downloads(
    staging: &output::Staging,
    project: &project::Project,
    metrics: &metrics::Metrics,
    ingested: &aggregate::Aggregates,
) -> Result<Vec<Diagnostic>> {
    let mut csv_replaced = 0;
    let mut keywords_replaced = 0;
    let ((csv, json), comments) = rayon::join(
        || {
            rayon::join(
                || {
                    staging.stream("data/metrics.csv", |w| {
                        csv_replaced = output::downloads::write_metrics_csv(metrics, w)?;
                        Ok(())
                    })
                },
                || {
                    staging.stream("data/metrics.json", |w| {
                        output::downloads::write_metrics_json(project, metrics, &ingested.quality, &metrics.segments, w)
                    })
                },
            )
        },
        || {
            staging
                .stream("data/comments.csv", |w| {
                    output::downloads::write_comments_csv(project, ingested, w).map(|_| ())
                })
                .and_then(|()| {
                    if metrics.themes.rows.is_empty() {
                        return Ok(());
                    }
                    staging.stream("data/keywords.csv", |w| {
                        keywords_replaced = output::downloads::write_keywords_csv(metrics, w)?;
                        Ok(())
                    })
                })
        },
    );
    csv.and(json).and(comments)?;
    Ok([("data/metrics.csv", csv_replaced), ("data/keywords.csv", keywords_replaced)]
        .into_iter()
        .filter(|(_, replaced)| *replaced > 0)
        .map(|(file, replaced)| {
            Diagnostic::file(file, format!("{replaced} control character(s) in group names were written as U+FFFD (�)"))
        })
        .collect())
}
