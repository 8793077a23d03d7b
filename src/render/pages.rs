//! The team's own markdown pages.

use super::routes;
use super::{clean_text, markdown, Ctx, Job};

impl<'a> Ctx<'a> {
    pub(super) fn markdown_pages(&self) -> Vec<Job> {
        self.project
            .files
            .pages
            .iter()
            .map(|pg| {
                let page = serde_json::json!({ "heading": clean_text(&pg.title), "html": markdown::to_html(&pg.body) });
                self.job(routes::page(&pg.slug), "page.html", pg.title.clone(), page)
            })
            .collect()
    }
}
