//! How problems are reported (issue: rustc-like diagnostics): several at once, each with its
//! place and the source line with a caret; JSON lines for CI; no colour and no progress bar
//! when stderr is not a terminal; warnings counted in the closing line.

use std::ffi::OsStr;

use crate::support::Project;

#[test]
fn several_errors_come_in_one_run_each_with_its_line_and_a_caret() {
    let p = Project::new("basic");
    // Two semantic errors: a duplicate touchpoint id and a min_n of 0.
    p.replace("cxsite.yaml", "id: store,", "id: web,");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: 0");
    let run = p.check();
    run.expect(1);
    let errors: Vec<&str> = run.stderr.lines().filter(|l| l.starts_with("error: ")).collect();
    assert!(errors.len() >= 2, "{}", run.stderr);
    // Each located error is followed by its source line and a caret line.
    for e in &errors {
        let at = e.split(": ").nth(1).unwrap();
        assert!(run.stderr.contains(&format!("--> {at}")), "no snippet for {e}:\n{}", run.stderr);
    }
    assert!(run.stderr.lines().any(|l| l.trim_start().starts_with('|') && l.contains('^')), "{}", run.stderr);
    assert!(!run.stderr.contains('\u{1b}'), "colour on a pipe: {:?}", run.stderr);
}

#[test]
fn json_format_writes_one_object_per_problem() {
    let p = Project::new("basic");
    p.replace("cxsite.yaml", "min_n: 1", "min_n: 1\ntimezon: UTC");
    let run = p.run([OsStr::new("check"), p.path("").as_os_str(), OsStr::new("--format"), OsStr::new("json")]);
    run.expect(1);
    let objects: Vec<serde_json::Value> =
        run.stderr.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}"))).collect();
    assert_eq!(objects.len(), 1, "{}", run.stderr);
    assert_eq!(objects[0]["severity"], "error");
    assert_eq!(objects[0]["file"], "cxsite.yaml");
    assert_eq!(objects[0]["line"], 4);
    assert!(objects[0]["message"].as_str().unwrap().contains("did you mean `timezone`"));
}

#[test]
fn the_closing_line_counts_warnings_and_a_pipe_gets_no_progress_bar() {
    let p = Project::new("basic");
    let run = p.build();
    run.expect(0);
    // basic's min_n of 1 earns one warning, drawn with its line; nothing else on stderr.
    assert!(run.stdout.contains(", 1 warning"), "{}", run.stdout);
    assert!(run.stdout.contains(" s, 1 warning") || run.stdout.contains(" s,"), "{}", run.stdout);
    assert_eq!(run.stderr.lines().filter(|l| l.starts_with("warning: ")).count(), 1, "{}", run.stderr);
    assert!(!run.stderr.contains("reading data") && !run.stderr.contains('\r'), "{:?}", run.stderr);
}

/// A template error in JSON carries the line and column tera points to, in the template that
/// failed: a syntax error in an override, and a rendering error in a template it includes.
#[test]
fn json_format_places_a_template_error_at_its_line_and_column() {
    let p = Project::new("basic");
    std::fs::create_dir_all(p.path("templates")).unwrap();
    // Line 3, the `}}` at column 9 (1-based) where an argument was expected.
    std::fs::write(
        p.path("templates/index.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ foo( }}\n{% endblock %}\n",
    )
    .unwrap();
    let run = p.run([OsStr::new("check"), p.path("").as_os_str(), OsStr::new("--format"), OsStr::new("json")]);
    run.expect(1);
    let e: serde_json::Value = serde_json::from_str(run.stderr.lines().next().unwrap()).unwrap();
    assert_eq!(
        (e["file"].as_str(), e["line"].as_u64(), e["column"].as_str()),
        (Some("templates/index.html"), Some(3), Some("9")),
        "{e}"
    );

    // An override that compiles but fails while a page is drawn: an unknown variable on line 2.
    std::fs::write(
        p.path("templates/index.html"),
        "{% extends \"base.html\" %}\n{% block content %}{{ no_such_thing.x }}{% endblock %}\n",
    )
    .unwrap();
    let run = p.run([
        OsStr::new("build"),
        p.path("").as_os_str(),
        OsStr::new("-o"),
        p.path("out").as_os_str(),
        OsStr::new("--format"),
        OsStr::new("json"),
    ]);
    run.expect(1);
    let e: serde_json::Value = serde_json::from_str(
        run.stderr.lines().find(|l| l.contains("cannot render")).unwrap_or_else(|| panic!("{}", run.stderr)),
    )
    .unwrap();
    assert_eq!((e["file"].as_str(), e["line"].as_u64()), (Some("templates/index.html"), Some(2)), "{e}");
    assert!(e["column"].as_str().is_some_and(|c| c.parse::<u64>().unwrap() > 1), "{e}");
}
