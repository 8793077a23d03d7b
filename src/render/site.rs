//! The parts every page shares: the site view (title, root, navigation) and the Open Graph description.

use super::routes;
use super::views::*;
use super::{clean_text, Ctx};
use crate::aggregate::{Dim, ALL};
use rustc_hash::FxHashMap;

impl<'a> Ctx<'a> {
    pub(super) fn site_view(&self, path: &str, page_title: &str) -> SiteView {
        let title = self.site_title();
        SiteView {
            page_title: if page_title.is_empty() {
                title.clone()
            } else {
                format!("{} · {title}", clean_text(page_title))
            },
            brand: unbroken_ranges(&title),
            title,
            lang: self.cat.locale().into(),
            root: routes::root(path),
            noindex: !self.project.public,
            nav: self.nav.clone(),
            data_period: self.data_period(),
            nps: self.metrics.defs.iter().any(|d| d.measure == crate::metrics::Measure::Nps),
            comments_csv: self.project.datasets.iter().any(|d| !d.comments.is_empty()),
            keywords_csv: !self.metrics.themes.rows.is_empty(),
            version: env!("CARGO_PKG_VERSION").into(),
            built_with: self.msg("built_with", &[("version", env!("CARGO_PKG_VERSION"))]),
            description: self.page_description(page_title),
            url: self.project.base_url.as_ref().map(|b| format!("{}/{path}", b.trim_end_matches('/'))),
            image: self.project.base_url.as_ref().map(|b| format!("{}/assets/preview.png", b.trim_end_matches('/'))),
            path: path.to_string(),
            open_stage: self.stage_of_page.get(path).cloned().unwrap_or_default(),
        }
    }

    /// The site's title as the project gives it; a blank one is the catalogue's default
    /// ("Customer experience" in the site's language), never an empty masthead.
    pub(super) fn site_title(&self) -> String {
        let title = clean_text(&self.project.title);
        if title.trim().is_empty() {
            self.tr("site_title_default").into()
        } else {
            title
        }
    }

    /// The language of `text` (a comment, a keyword) as a BCP 47 tag for its `lang` attribute
    /// when it is not the page's; empty when it is, or when the text has no letters.
    pub(in crate::render) fn foreign_language(&self, text: &str) -> String {
        let locale = self.cat.locale();
        crate::text::language_tag(text).filter(|tag| !locale.starts_with(tag)).unwrap_or_default().into()
    }

    pub(super) fn data_period(&self) -> String {
        let q = &self.ingested.quality;
        match (&q.first_date, &q.last_date) {
            (Some(a), Some(b)) => self.msg("date_range", &[("first", &a.to_string()), ("last", &b.to_string())]),
            _ => String::new(),
        }
    }

    /// A page's one-line description for search previews and link unfurls: which page of
    /// which site, then, on the summary, the headline number when there is one.
    fn page_description(&self, page_title: &str) -> String {
        let site = self.site_title();
        let what = if page_title.is_empty() {
            self.msg("site_description", &[("site", &site)])
        } else {
            self.msg("page_description", &[("page", &clean_text(page_title)), ("site", &site)])
        };
        // The headline number goes with the summary only: under a touchpoint's or a store's
        // title it would read as that group's number.
        if self.description.is_empty() || !page_title.is_empty() {
            what
        } else {
            self.msg("description_headline", &[("what", &what), ("headline", &self.description)])
        }
    }

    /// The Open Graph description: the headline number of the latest period.
    pub(super) fn og_description(&self) -> String {
        let Some((def, _)) = self.headline else { return String::new() };
        let Some(k) = self.insights.kpis.iter().find(|k| k.metric == def.name) else { return String::new() };
        let Some(row) = &k.latest else { return String::new() };
        let Some(v) = row.value else { return String::new() };
        let label = self.metric(&def.name);
        // Undated data: the headline is all answers, and says so.
        let period = k.period.as_deref().map(|p| self.period(p)).unwrap_or_else(|| self.tr("all_time").into());
        let (value, n) = (self.num().value(v, def.measure), self.num().count(row.n));
        self.msg("og_description", &[("metric", &label), ("value", &value), ("period", &period), ("n", &n)])
    }

    /// Each stage's page and its touchpoints' pages, with the stage's page: where the stage's
    /// folded list is open. Worked out once, not listed on every page: a stage of thousands of
    /// touchpoints would give each of their pages the whole list (a site growing with the
    /// square of their number).
    pub(super) fn stage_of_page(&self) -> FxHashMap<String, String> {
        let p = self.project;
        let mut pages = FxHashMap::default();
        for s in &p.stages {
            let stage = routes::stage(&s.id);
            for i in s.touchpoints.iter().filter(|i| !p.touchpoints[**i].implicit) {
                pages.insert(routes::touchpoint(&p.touchpoints[*i].id), stage.clone());
            }
            pages.insert(stage.clone(), stage);
        }
        pages
    }

    pub(super) fn nav(&self) -> Nav {
        let p = self.project;
        let stages: Vec<NavStage> = p
            .stages
            .iter()
            .map(|s| {
                let link = Link { text: clean_text(&s.name), href: routes::stage(&s.id) };
                let mut touchpoints: Vec<Link> = s
                    .touchpoints
                    .iter()
                    .filter(|i| !p.touchpoints[**i].implicit)
                    .map(|i| Link {
                        text: clean_text(&p.touchpoints[*i].name),
                        href: routes::touchpoint(&p.touchpoints[*i].id),
                    })
                    .collect();
                if touchpoints.len() > NAV_LIST_MAX {
                    touchpoints.clear();
                }
                let toggle = self.msg("nav_stage_toggle", &[("stage", &link.text)]);
                NavStage { link, touchpoints, toggle }
            })
            .collect();
        let listed: usize = p.touchpoints.iter().filter(|t| !t.implicit).count();
        let fold = listed > NAV_OPEN_MAX;
        let own_stage_only = listed > NAV_LIST_MAX;
        let segments = (!self.metrics.segments.is_empty())
            .then(|| Link { text: self.tr("segments").into(), href: routes::SEGMENTS.into() });
        let dimensions = self
            .dimension_ids()
            .into_iter()
            .map(|(i, d)| Link { text: clean_text(&self.dimension_name(i)), href: routes::dimension(&d) })
            .collect();
        let pages =
            p.files.pages.iter().map(|pg| Link { text: clean_text(&pg.title), href: routes::page(&pg.slug) }).collect();
        let drivers = self.metrics.drivers.is_some() && self.insights.performance_metric.is_some();
        let trends = self.has_trends();
        let themes = !self.metrics.themes.rows.is_empty() && self.ingested.text.group(Dim::Overall, ALL).is_some();
        Nav { stages, segments, dimensions, pages, drivers, trends, themes, fold, own_stage_only }
    }

    /// A dimension's name for people: as configured, or where cxsite.yaml names it only by its
    /// column (`dimensions: [store]`) the catalogue's word for a common one ("Stores", "门店"),
    /// else its id written as words ("product_line" → "Product line").
    pub(super) fn dimension_name(&self, i: usize) -> String {
        let d = &self.project.dimensions[i];
        if d.name != d.id {
            return d.name.clone();
        }
        if let Some(word) = self.t.get(format!("dimension_{}", d.id).as_str()) {
            return (*word).to_string();
        }
        let words = d.id.replace(['_', '-'], " ");
        let mut chars = words.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(words)
    }

    /// Configured dimensions that have data, with their ids.
    pub(super) fn dimension_ids(&self) -> Vec<(usize, String)> {
        self.project
            .dimensions
            .iter()
            .enumerate()
            .filter(|(i, _)| self.ingested.partials.groups.keys().any(|k| k.dim == Dim::Custom(*i)))
            .map(|(i, d)| (i, d.id.clone()))
            .collect()
    }
}

/// `text` with a word joiner after each dash between two digits (`2024–2026`), so that a
/// narrow masthead does not break a range of years after its dash ("Customer experience
/// 2024–" over "2026" at 320 px).
fn unbroken_ranges(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 6);
    for (i, c) in chars.iter().enumerate() {
        out.push(*c);
        let between_digits =
            i > 0 && chars[i - 1].is_ascii_digit() && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if matches!(c, '–' | '—' | '~' | '～') && between_digits {
            out.push('\u{2060}');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_range_of_years_in_the_title_does_not_break_after_its_dash() {
        assert_eq!(super::unbroken_ranges("Customer experience 2024–2026"), "Customer experience 2024–\u{2060}2026");
        assert_eq!(super::unbroken_ranges("A – B 2024"), "A – B 2024");
        assert_eq!(super::unbroken_ranges("2024-2026"), "2024-2026");
    }
}
