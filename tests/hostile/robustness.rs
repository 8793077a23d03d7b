//! Group 9: panics are bugs. Whatever the input or the environment, cxsite ends with 0, 1 or
//! 2 — every run of this suite is held to that by `common::assert_outcome`, and the corpus
//! below replays the inputs that once panicked. A closed stdout ends quietly with success (as
//! ripgrep does), a full disk is an error.

use std::ffi::OsStr;
use std::fs;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::fixture::{hostile_project, yaml_str, YAML};
use crate::support::{csv_bytes, Proj, Run, BIN};

/// Runs `cxsite ARGS` with stdout connected to `stdout`, killed after 60 s.
fn run_with_stdout(cwd: &std::path::Path, args: &[&OsStr], stdout: Stdio) -> (Option<i32>, String) {
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "cxsite hangs");
        std::thread::sleep(Duration::from_millis(10));
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_closed_stdout_ends_the_command_quietly_with_success() {
    // Regression: `cxsite check | head -1` panicked ("failed printing to stdout", exit 101).
    let p = hostile_project("x");
    for args in [vec![OsStr::new("check"), p.dir.as_os_str()], vec![OsStr::new("build"), p.dir.as_os_str()]] {
        let mut child = Command::new(BIN)
            .args(&args)
            .current_dir(p.tmp())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader goes away before cxsite writes a line.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked") && !stderr.contains("error"), "{stderr}");
    }
}

#[test]
fn a_full_disk_for_stdout_is_an_error_with_exit_1() {
    let p = hostile_project("x");
    let full = fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full");
    let (code, stderr) = run_with_stdout(p.tmp(), &[OsStr::new("check"), p.dir.as_os_str()], Stdio::from(full));
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("error: cannot write to standard output") && !stderr.contains("panicked"), "{stderr}");
}

/// The fixture with the CSAT scale replaced by `scale`.
fn with_scale(scale: &str) -> Proj {
    let yaml =
        YAML.replace("csat: { column: csat, scale: [1, 5] }", &format!("csat: {{ column: csat, scale: {scale} }}"));
    Proj::new(&yaml, &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x")))])
}

#[test]
fn a_scale_whose_width_overflows_is_an_error_at_its_line() {
    // Regression: an overflow panic in the fold tables.
    for scale in [
        "[-9223372036854775808, 9223372036854775807]",
        "[9223372036854775806, 9223372036854775807]",
        "[-9223372036854775808, 0]",
    ] {
        let p = with_scale(scale);
        p.build().expect(1).stderr_has(&["cxsite.yaml:24:", "scale of `csat`", "at most 1000"]);
        assert!(!p.public().exists());
    }
}

#[test]
fn a_scale_too_wide_for_the_histogram_is_refused_with_the_real_reason() {
    // Regression: `[0, 100000]` was refused as "min < max".
    let p = with_scale("[0, 100000]");
    let run = p.build();
    run.expect(1).stderr_has(&["cxsite.yaml:24:", "[0, 100000]", "max − min may be at most 1000"]);
    run.stderr_lacks(&["min < max"]);
    // The widest supported scale builds.
    with_scale("[0, 1000]").build().expect(0);
    // A reversed scale keeps its own message.
    with_scale("[5, 1]").build().expect(1).stderr_has(&["min < max"]);
}

#[test]
fn a_header_of_millions_of_columns_is_refused_at_its_line_before_it_costs_memory() {
    // Regression: 4 MB of commas after the real names took 900 MB and six seconds; 12 MB 2.6 GB.
    let mut header: Vec<String> = crate::fixture::HEADER.iter().map(|h| h.to_string()).collect();
    header.resize(2_000_000, String::new());
    let mut csv = header.join(",");
    csv.push('\n');
    let body = csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x"));
    csv.push_str(std::str::from_utf8(&body).unwrap().split_once('\n').unwrap().1);
    let p = Proj::new(YAML, &[("data/survey.csv", csv.as_bytes())]);
    let started = Instant::now();
    let run = p.build();
    run.expect(1).stderr_has(&["data/survey.csv:1:", "2000000 columns", "at most 16384"]);
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert!(!p.public().exists());
    // Excel's widest sheet still reads: 16,384 columns, the real ones first.
    let mut wide: Vec<String> = crate::fixture::HEADER.iter().map(|h| h.to_string()).collect();
    wide.resize(16_384, String::new());
    let mut csv = wide.join(",");
    csv.push('\n');
    csv.push_str(std::str::from_utf8(&body).unwrap().split_once('\n').unwrap().1);
    Proj::new(YAML, &[("data/survey.csv", csv.as_bytes())]).build().expect(0);
}

/// Every input of this corpus once panicked, hung or crashed somewhere; each must end as 0, 1
/// or 2 in `check` and `build` alike.
#[test]
fn no_input_of_the_corpus_makes_cxsite_panic() {
    let huge = "9".repeat(40);
    let scales =
        ["[-9223372036854775808, 9223372036854775807]", "[0, 100000]", "[0, 0]", "[]", "[1, 2, 3]", "[1.5, 3]"];
    let mut projects: Vec<Proj> = scales.iter().map(|s| with_scale(s)).collect();
    for value in [
        huge.as_str(),
        "-9223372036854775808",
        "9223372036854775807",
        "1e308",
        "NaN",
        "\u{0}",
        "\u{feff}",
        "\u{1b}[2J",
        "\u{202e}",
        "",
    ] {
        projects.push(hostile_project(value));
    }
    for (key, value) in [
        ("min_n", "18446744073709551615"),
        ("min_n", "0"),
        ("confidence", "0.9999999999999999"),
        ("base_url", "javascript:alert(1)"),
        ("base_url", "https://"),
        ("timezone", "\"../../etc/passwd\""),
    ] {
        let yaml = YAML.replacen("min_n: 1\n", &format!("min_n: 1\n{key}: {}\n", yaml_str(value)), 1);
        let yaml = if key == "min_n" { yaml.replacen("min_n: 1\n", "", 1) } else { yaml };
        let yaml =
            if key == "base_url" { yaml.replacen("base_url: \"https://cx.example.com/site\"\n", "", 1) } else { yaml };
        projects.push(Proj::new(
            &yaml,
            &[("data/survey.csv", &csv_bytes(&crate::fixture::HEADER, &crate::fixture::rows("x")))],
        ));
    }
    for (page, text) in [
        ("pages/q.md", format!("---\ntitle: Q\n---\n{}\n", ">".repeat(100_000))),
        ("pages/l.md", format!("---\ntitle: L\n---\n{}x\n", "- ".repeat(50_000))),
        ("pages/i.md", "---\ntitle: I\n---\n![x](https://tracker.example/p.gif)\n".to_string()),
        ("templates/page.html", "{{ page.heading | safe }}{{ nothing.deeper }}".to_string()),
    ] {
        let p = hostile_project("x");
        p.write(page, text.as_bytes());
        projects.push(p);
    }
    for p in &projects {
        // `Proj::run` holds every run to 0, 1 or 2 (see `common::assert_outcome`).
        let check: Run = p.run([OsStr::new("check"), p.dir.as_os_str()]);
        assert!(!check.timed_out, "{}", check.stderr);
        let build = p.build();
        assert!(!build.timed_out, "{}", build.stderr);
        assert_eq!(
            check.code == 0,
            build.code == 0,
            "check and build disagree on {}:\n{}\n{}",
            std::fs::read_to_string(p.path("cxsite.yaml")).unwrap().lines().take(4).collect::<Vec<_>>().join(" | "),
            check.stderr,
            build.stderr
        );
    }
}

#[test]
fn a_journey_of_hundreds_of_touchpoints_keeps_each_pages_menu_to_its_own_stage() {
    // Three stages of 60 touchpoints: 180 in all, past the 150 that every menu lists. Before,
    // every page listed every touchpoint, and 3,000 touchpoints made a 750 MB site.
    let mut yaml = String::from("title: Many\nmin_n: 1\njourney:\n  stages:\n");
    for s in ["a", "b", "c"] {
        yaml += &format!("    - id: {s}\n      name: Stage {s}\n      touchpoints:\n");
        for i in 0..60 {
            yaml += &format!("        - {{ id: {s}{i}, name: Touch {s}{i} }}\n");
        }
    }
    yaml += "datasets:\n  - id: survey\n    path: data/s.csv\n    columns: { touchpoint: tp }\n    scores:\n      nps: { column: nps }\n";
    let csv = "tp,nps\na1,9\nb2,7\nc3,3\n";
    let p = Proj::new(&yaml, &[("data/s.csv", csv.as_bytes())]);
    p.build().expect(0);
    let site = p.public();
    let menu = |rel: &str| crate::site::page(&site, rel).texts("nav.sidenav a");
    let on_a = menu("touchpoints/a1.html");
    assert!(on_a.contains(&"Touch a59".to_string()), "{on_a:?}");
    assert!(!on_a.iter().any(|t| t.starts_with("Touch b") || t.starts_with("Touch c")), "{on_a:?}");
    // Every stage stays in every menu; the summary's menu lists no touchpoint.
    let on_index = menu("index.html");
    assert!(["Stage a", "Stage b", "Stage c"].iter().all(|s| on_index.contains(&s.to_string())), "{on_index:?}");
    assert!(!on_index.iter().any(|t| t.starts_with("Touch")), "{on_index:?}");
    let on_stage_b = menu("stages/b.html");
    assert_eq!(on_stage_b.iter().filter(|t| t.starts_with("Touch b")).count(), 60, "{on_stage_b:?}");
    // The folded list open on a page is its own stage's, on the stage's page and on each of
    // its touchpoints' pages; no other page opens one.
    let open = |rel: &str| crate::site::page(&site, rel).texts("nav.sidenav details.nav-fold[open] a");
    for rel in ["stages/a.html", "touchpoints/a1.html", "touchpoints/a59.html"] {
        let listed = open(rel);
        assert_eq!(listed.len(), 60, "{rel}: {listed:?}");
        assert!(listed.iter().all(|t| t.starts_with("Touch a")), "{rel}: {listed:?}");
    }
    assert_eq!(open("touchpoints/c7.html").iter().filter(|t| t.starts_with("Touch c")).count(), 60);
    assert!(open("index.html").is_empty() && open("journey.html").is_empty());
}
