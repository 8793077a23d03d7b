//! What the team's own files (pages, template overrides) do that cxsite drops or distrusts,
//! found before rendering: errors that stop the build, warnings that `build` and `check`
//! print on stderr with the file and line.

use regex::Regex;
use std::sync::LazyLock;

use crate::error::{Diagnostic, Error, Result};
use crate::project::Project;

/// Values cxsite renders to HTML itself (charts, the journey map, a markdown page after
/// sanitising), which the built-in templates print with `| safe`.
const PRE_RENDERED: &[&str] = &[
    "c.svg",
    "page.svg",
    "page.map",
    "page.html",
    "r.hint_html",
    "r.reason_html",
    "warning_html",
    "x.scope_html",
    "x.change.note_html",
    "x.whole_html",
    "x.thin_html",
];

static SAFE_OUTPUT: LazyLock<Regex> = LazyLock::new(|| {
    // `{{ x | safe }}`, `{% set h = x | safe %}` (printed later as `{{ h }}`), and a
    // `{% filter safe %}` section.
    Regex::new(
        r"\{\{-?\s*([^|}]*?)\s*((?:\|[^}]*?)?\|\s*safe\b)|\{%-?\s*(?:set|set_global)\s+[\w.]+\s*=\s*([^|%]*?)\s*(?:\|[^%]*?)?\|\s*safe\b|\{%-?\s*filter\s+(safe)\b",
    )
    .expect("valid")
});

/// Why a page or an SVG of `static/` that is not UTF-8 text is refused.
const NOT_UTF8_MARKUP: &str = "not UTF-8 text: an HTML page, SVG or XML file of static/ is checked for links out of the site and given the site's Content-Security-Policy, which needs its text; save it as UTF-8";

/// Warnings about the project's pages (files of `pages/` that are not published, what a page
/// drops), templates and catalogue. Errors, all of them in one
/// report: the files refused when they were read (in any folder), an external image in a page,
/// a link out of the site or a resource from another host in a page, a file of `static/`, a
/// template or an HTML message of the project's catalogue.
pub fn project(project: &Project) -> Result<Vec<Diagnostic>> {
    let mut errors = project.files.refused.clone();
    let mut warnings = project.files.unpublished.clone();
    for page in &project.files.pages {
        let from = super::routes::page(&page.slug);
        let found = super::markdown::inspect(&page.file, &from, page.body_line, &page.body);
        errors.extend(found.errors);
        warnings.extend(found.warnings);
    }
    // The project's own catalogue of the site's locale: its HTML messages.
    let locale = format!("{}.yaml", project.locale.tag());
    if let Some(text) = project.files.locales.get(&locale) {
        let (e, w) = super::catalogue::check_project_html(&format!("locales/{locale}"), text);
        errors.extend(e);
        warnings.extend(w);
    }
    for (rel, file) in &project.files.static_files {
        let at = format!("static/{rel}");
        match &file.text {
            Some(text) => {
                errors.extend(super::links::check_file(&at, Some(&at), text));
                errors.extend(super::policy::unguarded_scripts(&at, text));
            }
            // A page or an SVG that is not UTF-8 could be neither checked nor given the policy.
            None if super::policy::is_markup(rel) => errors.push(Diagnostic::file(&at, NOT_UTF8_MARKUP)),
            None => {}
        }
    }
    for (name, source) in &project.files.templates {
        let file = format!("templates/{name}");
        // An asset override is published under assets/; a page template is drawn at every depth.
        let from = super::BUILTIN_ASSETS.iter().any(|(n, _)| n == name).then(|| format!("assets/{name}"));
        errors.extend(super::links::check_file(&file, from.as_deref(), source));
        warnings.extend(unescaped_output(&file, source));
    }
    if errors.is_empty() {
        Ok(warnings)
    } else {
        Err(Error::Invalid(errors))
    }
}

/// Warnings for the links and images of the project's pages that lead to no file of the
/// built site (`exists` says which it has), at the line and column they are written.
pub fn dead_links(project: &Project, exists: impl Fn(&str) -> bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for page in &project.files.pages {
        let from = super::routes::page(&page.slug);
        let found = super::markdown::inspect(&page.file, &from, page.body_line, &page.body);
        out.extend(super::markdown::dead_links(&found, &exists));
    }
    out
}

/// `{{ value | safe }}` on anything but cxsite's own pre-rendered HTML: data printed without
/// escaping can run script in the reader's browser.
fn unescaped_output(file: &str, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (n, line) in source.lines().enumerate() {
        for m in SAFE_OUTPUT.captures_iter(line) {
            let expr = m.get(1).or(m.get(3)).map_or("", |e| e.as_str()).trim();
            if PRE_RENDERED.contains(&expr) {
                continue;
            }
            let column = m.get(0).map_or(0, |e| line[..e.start()].chars().count() + 1);
            out.push(Diagnostic::at(
                file,
                n as u64 + 1,
                column as u64,
                if m.get(4).is_some() {
                    "a `{% filter safe %}` section prints what it holds without HTML escaping: text from the data or the project can then run script in readers' browsers; remove the section's `filter safe`".to_string()
                } else {
                    format!(
                        "`{expr}` is printed with `| safe`, which turns off HTML escaping: text from the data or the project can then run script in readers' browsers; remove `| safe` unless the value is HTML cxsite made"
                    )
                },
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::unescaped_output;

    #[test]
    fn safe_on_data_is_found_and_on_pre_rendered_html_is_not() {
        let t = "<p>{{ page.html | safe }}</p>\n{{ c.title|safe }} {{ site.title | upper | safe }}\n{{ x | safer }}\n{% set h = page.heading | safe %}{{ h }}\n{% set s = page.svg | safe %}{% filter safe %}{{ x }}{% endfilter %}";
        let found = unescaped_output("templates/group.html", t);
        assert_eq!(found.len(), 4, "{found:?}");
        assert_eq!(found[0].line, Some(2));
        assert!(found[0].message.contains("`c.title`"));
        assert!(found[1].message.contains("`site.title`"));
        assert_eq!(found[2].line, Some(4));
        assert!(found[2].message.contains("`page.heading`"));
        assert_eq!((found[3].line, found[3].column.as_deref()), (Some(5), Some("30")), "{found:?}");
        assert!(found[3].message.starts_with("a `{% filter safe %}` section"), "{found:?}");
    }
}
