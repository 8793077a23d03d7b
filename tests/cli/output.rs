//! Output safety (exit 2 and nothing touched when the output directory is not cxsite's to
//! replace), atomic rebuilds, and byte-identical output.

use std::ffi::OsStr;
use std::fs;

use crate::support::{cxsite, paths, snapshot, Project};

/// The file by which cxsite marks a directory as its own output (DESIGN: a rebuild may
/// replace such a directory, and no other).
const MARKER: &str = ".cxsite-output";

#[test]
fn refuses_to_build_into_the_project_directory_and_touches_nothing() {
    let p = Project::new("basic");
    let before = snapshot(p.tmp());
    p.build_into(&p.dir).expect(2).stderr_has(&["refusing"]);
    // The same directory spelt `.` from inside it.
    cxsite(&p.dir, ["build", ".", "--output", "."]).expect(2);
    assert_eq!(snapshot(p.tmp()), before);
    // Even when it carries the marker of a cxsite output (the non-empty check alone would let
    // the build replace the project).
    fs::write(p.path(MARKER), "").unwrap();
    let before = snapshot(p.tmp());
    p.build_into(&p.dir).expect(2).stderr_has(&["refusing"]);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn refuses_to_build_into_a_parent_of_the_project_and_touches_nothing() {
    let p = Project::new("basic");
    let before = snapshot(p.tmp());
    // The project is TMP/basic: TMP is its parent.
    p.build_into(p.tmp()).expect(2).stderr_has(&["refusing"]);
    // The same parent spelt `..` from inside the project.
    cxsite(&p.dir, ["build", ".", "--output", ".."]).expect(2);
    assert_eq!(snapshot(p.tmp()), before);
    // Even when the parent carries the marker of a cxsite output (a project kept inside an old
    // site): replacing it would delete the project.
    fs::write(p.tmp().join(MARKER), "").unwrap();
    let before = snapshot(p.tmp());
    p.build_into(p.tmp()).expect(2).stderr_has(&["refusing"]);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn refuses_a_non_empty_directory_not_made_by_cxsite_and_touches_nothing() {
    let p = Project::new("basic");
    let site = p.tmp().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("notes.txt"), "my notes\n").unwrap();
    let before = snapshot(p.tmp());
    p.build_into(&site).expect(2).stderr_has(&["not empty"]);
    assert_eq!(snapshot(p.tmp()), before);
    // The project's own data directory is such a directory too.
    p.build_into(&p.path("data")).expect(2);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn force_replaces_a_non_empty_directory_but_never_the_project_or_its_sources() {
    let p = Project::new("basic");
    let site = p.tmp().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("notes.txt"), "my notes\n").unwrap();
    let out = site.to_str().unwrap().to_string();
    p.run(["build", "basic", "-o", out.as_str(), "--force", "-q"]).expect(0);
    assert!(site.join("index.html").is_file() && !site.join("notes.txt").exists());
    // --force does not lift the other refusals.
    let before = snapshot(p.tmp());
    p.run(["build", "basic", "-o", "basic", "--force"]).expect(2);
    p.run(["build", "basic", "-o", "basic/data", "--force"]).expect(2);
    p.run(["build", "basic", "-o", ".", "--force"]).expect(2);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn refuses_the_project_directory_spelt_through_a_missing_subdirectory() {
    let p = Project::new("basic");
    let before = snapshot(p.tmp());
    p.build_into(&p.dir.join("new").join("..")).expect(2).stderr_has(&["refusing"]);
    assert_eq!(snapshot(p.tmp()), before);
}

#[test]
fn builds_into_an_existing_empty_directory() {
    let p = Project::new("basic");
    let site = p.tmp().join("site");
    fs::create_dir(&site).unwrap();
    p.build_into(&site).expect(0);
    assert!(site.join("data").join("metrics.csv").is_file());
}

#[test]
fn rebuild_replaces_the_previous_output() {
    let p = Project::new("basic");
    fs::create_dir_all(p.path("pages")).unwrap();
    fs::write(p.path("pages/extra.md"), "---\ntitle: Extra\n---\nMore.\n").unwrap();
    p.build().expect(0);
    let stale = p.public().join("pages/extra.html");
    assert!(stale.is_file());
    // Added by hand for the host (GitHub Pages' CNAME, a git checkout of the published
    // branch): not the build's, so the rebuild keeps them, where it had deleted them.
    fs::write(p.public().join("CNAME"), "cx.example.com\n").unwrap();
    fs::create_dir_all(p.public().join(".git/refs")).unwrap();
    fs::write(p.public().join(".git/refs/main"), "abc\n").unwrap();
    fs::write(p.public().join("data/notes.txt"), "mine\n").unwrap();
    fs::remove_file(p.path("pages/extra.md")).unwrap();
    // Change the data: B1's 10 becomes a 0, so the second site must differ from the first.
    p.replace("data/survey.csv", "B1,2024-06-01,web,Online,25,10,5", "B1,2024-06-01,web,Online,25,0,5");
    p.build().expect(0).stderr_has(&["kept what you added to the previous site", ".git/, CNAME, data/notes.txt"]);
    assert!(!stale.exists(), "the rebuild kept a page of the previous build that this one does not write");
    assert_eq!(fs::read_to_string(p.public().join("CNAME")).unwrap(), "cx.example.com\n");
    assert_eq!(fs::read_to_string(p.public().join(".git/refs/main")).unwrap(), "abc\n");
    assert_eq!(fs::read_to_string(p.public().join("data/notes.txt")).unwrap(), "mine\n");
    // A file added by hand where the site now has a page of its own: the build stops before
    // the swap, naming it, and the previous site stays as it was.
    fs::create_dir_all(p.public().join("pages")).unwrap();
    fs::write(p.public().join("pages/about.html"), "my page\n").unwrap();
    fs::write(p.path("pages/about.md"), "---\ntitle: About\n---\nUs.\n").unwrap();
    let before = snapshot(&p.public());
    p.build().expect(2).stderr_has(&["that cxsite did not write", "pages/about.html", "move it out of the folder"]);
    assert_eq!(snapshot(&p.public()), before);
    let m = crate::support::MetricsCsv::read(&p.public());
    // Overall NPS answers now 0, 8, 6, 9, 3, 10: 2 promoters, 3 detractors → 100·(2 − 3)/6 = −16.6667.
    assert_eq!(m.cells("overall", "all", "nps")[..2], ["6", "-16.6667"]);
    // No temporary or set-aside directory is left next to the output.
    let leftovers: Vec<String> = fs::read_dir(&p.dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    assert!(leftovers.is_empty(), "left behind: {leftovers:?}");
}

#[test]
fn failed_build_leaves_the_previous_site_byte_for_byte() {
    let p = Project::new("basic");
    p.build().expect(0);
    let before = snapshot(&p.dir);
    assert!(before.contains_key("public/data/metrics.csv"), "{:?}", paths(&before));
    // A row with an unclosed quote: the file is structurally broken.
    p.append("data/survey.csv", b"B7,2024-07-03,web,\"Online,30,9,4\n");
    let broken = fs::read(p.path("data/survey.csv")).unwrap();
    p.build().expect(1).stderr_has(&["data/survey.csv"]);
    let mut after = snapshot(&p.dir);
    // Everything but the CSV we broke is as it was, the previous site included.
    assert_eq!(after.insert("data/survey.csv".into(), None), Some(Some(broken)));
    let mut expected = before;
    expected.insert("data/survey.csv".into(), None);
    assert_eq!(paths(&after), paths(&expected));
    assert!(after == expected, "the failed build changed the previous site");
}

#[test]
fn two_builds_into_two_directories_are_byte_identical() {
    let p = Project::new("metrics");
    let (a, b) = (p.tmp().join("out-a"), p.tmp().join("out-b"));
    p.build_into(&a).expect(0);
    p.build_into(&b).expect(0);
    let (sa, sb) = (snapshot(&a), snapshot(&b));
    assert!(sa.contains_key("data/metrics.csv") && sa.contains_key("data/metrics.json"), "{:?}", paths(&sa));
    assert_eq!(paths(&sa), paths(&sb));
    for (path, bytes) in &sa {
        assert!(&sb[path] == bytes, "{path} differs between two builds");
    }
}

#[test]
fn output_does_not_depend_on_where_the_project_lives() {
    let (p, q) = (Project::new("metrics"), Project::new("metrics"));
    assert_ne!(p.dir, q.dir);
    p.build().expect(0);
    q.run([OsStr::new("build"), q.dir.as_os_str()]).expect(0);
    let (sp, sq) = (snapshot(&p.public()), snapshot(&q.public()));
    assert_eq!(paths(&sp), paths(&sq));
    for (path, bytes) in &sp {
        assert!(&sq[path] == bytes, "{path} differs between two copies of the project");
    }
}

#[test]
fn a_build_failing_while_pages_are_written_leaves_the_previous_site_and_no_staging_folder() {
    let p = Project::new("basic");
    p.build().expect(0);
    let before = snapshot(&p.dir);
    // A template that compiles but fails as it renders: by then other pages and the downloads
    // are already in the staging folder.
    fs::create_dir_all(p.path("templates")).unwrap();
    fs::write(p.path("templates/trends.html"), "{{ page.no_such_field.deeper }}").unwrap();
    p.build().expect(1).stderr_has(&["templates/trends.html", "no_such_field"]);
    let mut after = snapshot(&p.dir);
    after.remove("templates/trends.html");
    after.remove("templates");
    assert_eq!(paths(&after), paths(&before), "a staging folder or a half-written site was left");
    assert!(after == before, "the failed build changed the previous site");
}

#[test]
fn quiet_prints_only_errors_not_warnings() {
    // `min_n: 1` is allowed with a warning: shown normally, not under -q ("Print only errors").
    let p = Project::new("basic");
    let loud = p.check();
    loud.expect(0).stderr_has(&["warning", "min_n"]);
    for args in [["check", "basic", "-q"], ["build", "basic", "-q"], ["-q", "build", "basic"]] {
        let run = p.run(args);
        run.expect(0);
        assert_eq!(run.stderr, "", "{args:?}");
        assert_eq!(run.stdout, "", "{args:?}");
    }
    p.build().expect(0).stderr_has(&["warning", "min_n"]);
    // Errors still are printed.
    p.replace("cxsite.yaml", "min_n: 1", "min_n: x");
    p.run(["check", "basic", "-q"]).expect(1).stderr_has(&["error", "min_n"]);
}
