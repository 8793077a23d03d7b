//! The team's own markdown pages.

use super::routes;
use super::{clean_text, markdown, Ctx, Pages};
use crate::error::Result;

impl<'a> Ctx<'a> {
    pub(super) fn markdown_pages(&self, out: &Pages) -> Result<()> {
        self.project
            .files
            .pages
            .iter()
            .map(|pg| {
                let title = clean_text(&pg.title);
                let name = self.msg("page_table", &[("page", &title)]);
                let tables = markdown::TableBox { hint: self.tr("scroll_hint"), name: &name };
                let page = serde_json::json!({ "heading": title, "html": markdown::to_html(&pg.body, &tables) });
                self.job(routes::page(&pg.slug), "page.html", pg.title.clone(), &page)
            })
            .try_for_each(out)
    }
}
