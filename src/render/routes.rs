//! Where every page lives, and how one page links to another: the one place page paths are
//! built. Paths are relative to the site root and use `/`; ids of stages, touchpoints and
//! dimensions are validated file-name-safe by the project, other values (segments, dimension
//! groups) go through [`slug`] so that no value can steer a path.

use super::format::slug;
use crate::project::{Project, Touchpoint};

/// The executive summary.
pub const INDEX: &str = "index.html";
/// The journey map.
pub const JOURNEY: &str = "journey.html";
/// Trends over time.
pub const TRENDS: &str = "trends.html";
/// Key drivers.
pub const DRIVERS: &str = "drivers.html";
/// Methodology.
pub const METHODOLOGY: &str = "methodology.html";
/// Data quality.
pub const QUALITY: &str = "quality.html";
/// Comment themes (when text analysis is on).
pub const THEMES: &str = "themes.html";
/// The list of segments.
pub const SEGMENTS: &str = "segments/index.html";

/// A theme's section of the themes page.
pub fn theme(id: &str) -> String {
    format!("{THEMES}#theme-{}", slug(id))
}

/// The page of a stage.
pub fn stage(id: &str) -> String {
    format!("stages/{id}.html")
}

/// The page of a touchpoint.
pub fn touchpoint(id: &str) -> String {
    format!("touchpoints/{id}.html")
}

/// The page a touchpoint's figures link to: its own, or, for the touchpoint that stands for a
/// stage written without touchpoints, the stage's (it has no page of its own).
pub fn touchpoint_of(project: &Project, t: &Touchpoint) -> String {
    if t.implicit {
        stage(&project.stages[t.stage].id)
    } else {
        touchpoint(&t.id)
    }
}

/// The page of a segment.
pub fn segment(id: &str) -> String {
    format!("segments/{}.html", slug(id))
}

/// The list page (league table) of a configured dimension.
pub fn dimension(id: &str) -> String {
    format!("dimensions/{id}/index.html")
}

/// The page of one value of a configured dimension.
pub fn dimension_group(id: &str, group: &str) -> String {
    format!("dimensions/{id}/{}.html", slug(group))
}

/// A markdown page of the team's (its slug is already file-name-safe).
pub fn page(slug: &str) -> String {
    format!("pages/{slug}.html")
}

/// The relative prefix from a page to the site root: `""`, `"../"`, …
pub fn root(from: &str) -> String {
    "../".repeat(from.matches('/').count())
}

/// The relative link from page `from` to page `to`: the file name alone within one folder,
/// else up to the folders they share and down again (`../touchpoints/x.html`).
pub fn link(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let shared = from_dirs.iter().zip(&to_parts[..to_parts.len() - 1]).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from_dirs.len() - shared);
    out.push_str(&to_parts[shared..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stay_in_a_folder_climb_out_of_one_and_start_at_the_root() {
        assert_eq!(link(INDEX, &touchpoint("web")), "touchpoints/web.html");
        assert_eq!(link(&stage("buy"), &touchpoint("web")), "../touchpoints/web.html");
        assert_eq!(link(&stage("buy"), JOURNEY), "../journey.html");
        assert_eq!(link(SEGMENTS, "segments/young-1.html"), "young-1.html");
        assert_eq!(link(&dimension_group("store", "A"), &dimension("store")), "index.html");
        assert_eq!(link(&dimension("store"), &touchpoint("web")), "../../touchpoints/web.html");
        assert_eq!(root(&dimension("store")), "../../");
        assert_eq!(root(INDEX), "");
    }
}
