//! The site as a team customises it: template overrides by name, static files, markdown
//! pages, `public:`, and the Mermaid export.

use crate::support::Project;

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.public().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn a_template_of_the_same_name_in_the_project_replaces_the_built_in_one() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(
        p.path("templates/trends.html"),
        "{% extends \"base.html\" %}{% block content %}<p id=\"ours\">Our own trends page: {{ page.heading }}</p>{% endblock content %}",
    )
    .unwrap();
    p.build().expect(0);
    let trends = read(&p, "trends.html");
    assert!(trends.contains("<p id=\"ours\">Our own trends page: Trends</p>"), "{trends}");
    // The other pages keep the built-in templates, and the shared base still applies.
    assert!(trends.contains("Content-Security-Policy"));
    assert!(read(&p, "index.html").contains("Executive summary"));
}

#[test]
fn a_template_that_does_not_compile_is_an_error_naming_it() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("templates")).unwrap();
    std::fs::write(p.path("templates/index.html"), "{% if %}").unwrap();
    p.build().expect(1).stderr_has(&["templates/index.html", "does not compile"]);
}

#[test]
fn static_files_are_copied_and_markdown_pages_are_rendered_into_the_navigation() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("static/img")).unwrap();
    std::fs::write(p.path("static/img/logo.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").unwrap();
    std::fs::create_dir_all(p.path("pages")).unwrap();
    std::fs::write(
        p.path("pages/team.md"),
        "---\ntitle: Our team\norder: 2\n---\n# Who we are\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
    )
    .unwrap();
    p.build().expect(0);
    assert_eq!(
        std::fs::read(p.public().join("static/img/logo.svg")).unwrap(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>"
    );
    let page = read(&p, "pages/team.html");
    assert!(page.contains("<h1 id=\"who-we-are\">Who we are</h1>") && page.contains("<table>"), "{page}");
    assert!(read(&p, "index.html").contains("href=\"pages/team.html\">Our team</a>"));
}

#[test]
fn pages_carry_noindex_unless_the_project_is_public() {
    let p = Project::new("basic");
    p.build().expect(0);
    assert!(read(&p, "index.html").contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
    p.replace("cxsite.yaml", "title:", "public: true\ntitle:");
    p.build().expect(0);
    assert!(!read(&p, "index.html").contains("noindex"));
}

#[test]
fn the_journey_is_exported_as_a_mermaid_block_with_its_stages_in_order() {
    let p = Project::new("basic");
    p.build().expect(0);
    let mmd = read(&p, "data/journey.mmd");
    assert!(mmd.starts_with("journey\n  title "), "{mmd}");
    // Every stage is a section, in journey order, and every task has a 1–5 score.
    let sections: Vec<&str> = mmd.lines().filter(|l| l.trim_start().starts_with("section ")).collect();
    assert!(!sections.is_empty(), "{mmd}");
    for task in mmd.lines().filter(|l| l.starts_with("    ")) {
        let score: i64 = task.split(':').nth(1).unwrap().trim().parse().unwrap();
        assert!((1..=5).contains(&score), "{task}");
    }
}
