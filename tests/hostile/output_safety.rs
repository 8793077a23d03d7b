//! Group 6: output safety. cxsite replaces its output directory whole, so it must refuse any
//! directory that is not its own (the project, an ancestor, `/`, $HOME, a source folder, a
//! non-empty folder without its marker) with exit 2 and touch nothing; a failed build leaves
//! the previous site byte-identical; leftovers of killed builds are removed by the next
//! build (and nothing else is); a rebuild drops the pages of groups that disappeared.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use crate::fixture::{hostile_project, rows, HEADER, YAML};
use crate::support::{csv_bytes, cxsite_limited, paths, snapshot, Proj, RUN_LIMIT};

/// A project whose cxsite.yaml is invalid: should the output check ever let a dangerous
/// directory through, the build stops at exit 1 before writing anything.
fn invalid_project() -> Proj {
    Proj::new("title: [unclosed\n", &[])
}

#[track_caller]
fn refused(p: &Proj, out: &Path) {
    let before = snapshot(p.tmp());
    p.build_into(out).expect(2).stderr_has(&["refusing to write the site to"]);
    assert_eq!(snapshot(p.tmp()), before, "a refused build changed files");
}

#[test]
fn the_project_directory_is_refused_as_output_however_it_is_spelt() {
    let p = hostile_project("x");
    refused(&p, &p.dir);
    refused(&p, &p.dir.join("public/.."));
    refused(&p, &p.dir.join("data/../."));
    // A link to the project is the project.
    symlink(&p.dir, p.tmp().join("link")).unwrap();
    refused(&p, &p.tmp().join("link"));
}

#[test]
fn an_ancestor_of_the_project_is_refused_as_output() {
    let p = hostile_project("x");
    refused(&p, p.tmp());
    refused(&p, p.tmp().parent().unwrap());
    // Even when it carries the marker of a cxsite output.
    fs::write(p.tmp().join(".cxsite-output"), "").unwrap();
    refused(&p, p.tmp());
}

#[test]
fn the_file_system_root_is_refused_as_output() {
    let p = invalid_project();
    let run = p.build_into(Path::new("/"));
    run.expect(2).stderr_has(&["refusing to write the site to /", "root"]);
    let run = p.build_into(Path::new("/tmp/../"));
    run.expect(2);
}

#[test]
fn the_home_directory_is_refused_as_output_even_when_empty() {
    let p = hostile_project("x");
    let home = p.tmp().join("home");
    fs::create_dir(&home).unwrap();
    let home_s = home.to_string_lossy().into_owned();
    for out in [home.clone(), home.join("."), home.join("sub/..")] {
        let run = cxsite_limited(
            p.tmp(),
            [OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str()],
            &[("HOME", &home_s)],
            RUN_LIMIT,
        );
        run.expect(2).stderr_has(&["home directory"]);
        assert_eq!(fs::read_dir(&home).unwrap().count(), 0, "the home directory was written");
    }
    // A folder inside it is fine.
    let run = p.build_env(&home.join("site"), &[("HOME", &home_s)]);
    run.expect(0);
}

#[test]
fn a_source_folder_of_the_project_is_refused_as_output() {
    let p = hostile_project("x");
    p.write("pages/about.md", b"---\ntitle: About\n---\nHi\n");
    p.write("static/logo.txt", b"logo");
    p.write("templates/extra.txt", b"x");
    for rel in ["data", "data/site", "pages", "static/site", "templates"] {
        refused(&p, &p.path(rel));
    }
}

#[test]
fn a_non_empty_directory_without_the_marker_is_refused_and_untouched() {
    let p = hostile_project("x");
    let site = p.tmp().join("site");
    fs::create_dir(&site).unwrap();
    fs::write(site.join("thesis.docx"), "years of work").unwrap();
    refused(&p, &site);
    // A hidden file makes it non-empty too.
    let hidden = p.tmp().join("hidden");
    fs::create_dir(&hidden).unwrap();
    fs::write(hidden.join(".git"), "gitdir: elsewhere").unwrap();
    refused(&p, &hidden);
    // A file is refused.
    fs::write(p.tmp().join("file"), "x").unwrap();
    refused(&p, &p.tmp().join("file"));
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let p = hostile_project("x");
    p.build().expect(0);
    let before = snapshot(p.tmp());
    // Broken data: invalid UTF-8.
    let mut bad = csv_bytes(&HEADER, &rows("x"));
    bad.extend_from_slice(b"R999,2024-01-01,ad,\xff\xfe,North,gold,30,5,3,\n");
    p.write("data/survey.csv", &bad);
    p.build().expect(1);
    let mut expected = before.clone();
    expected.insert("project/data/survey.csv".into(), Some(bad.clone()));
    assert_eq!(snapshot(p.tmp()), expected, "the failed build changed the site or left files");
    // A template that fails to render: the failure comes after ingest, as late as it gets.
    p.write("data/survey.csv", &csv_bytes(&HEADER, &rows("x")));
    p.write(
        "templates/group.html",
        b"{% extends \"base.html\" %}{% block content %}{{ page.nothing.deeper }}{% endblock content %}",
    );
    p.build().expect(1).stderr_has(&["templates/group.html"]);
    let now = snapshot(p.tmp());
    assert_eq!(
        now.iter().filter(|(k, _)| k.starts_with("project/public")).collect::<Vec<_>>(),
        before.iter().filter(|(k, _)| k.starts_with("project/public")).collect::<Vec<_>>(),
        "the previous site changed"
    );
    assert!(paths(&now).iter().all(|k| !k.contains("cxsite-new") && !k.contains("cxsite-old")), "{:?}", paths(&now));
}

#[test]
fn leftovers_of_killed_builds_are_removed_by_the_next_build() {
    let p = hostile_project("x");
    for stale in [".public.cxsite-new-123", ".public.cxsite-old-456", ".public.cxsite-new-99999999"] {
        fs::create_dir_all(p.dir.join(stale).join("touchpoints")).unwrap();
        fs::write(p.dir.join(stale).join("index.html"), "half a site").unwrap();
    }
    // Another output's leftovers, and files that only look alike, are not ours to remove.
    fs::create_dir_all(p.dir.join(".site.cxsite-new-1")).unwrap();
    fs::write(p.dir.join(".public.cxsite-new-file"), "a file, not a build").unwrap();
    p.build().expect(0);
    let names: Vec<String> =
        fs::read_dir(&p.dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".public.cxsite-new-") && n != ".public.cxsite-new-file"), "{names:?}");
    assert!(!names.iter().any(|n| n.starts_with(".public.cxsite-old-")), "{names:?}");
    assert!(names.contains(&".site.cxsite-new-1".to_string()), "{names:?}");
    assert!(names.contains(&".public.cxsite-new-file".to_string()), "{names:?}");
}

#[test]
fn a_leftover_that_is_a_link_is_removed_without_following_it() {
    let p = hostile_project("x");
    let victim = p.tmp().join("victim");
    fs::create_dir(&victim).unwrap();
    fs::write(victim.join("precious.txt"), "keep me").unwrap();
    symlink(&victim, p.dir.join(".public.cxsite-new-666")).unwrap();
    symlink(&victim, p.dir.join(".public.cxsite-old-667")).unwrap();
    p.build().expect(0);
    assert_eq!(fs::read_to_string(victim.join("precious.txt")).unwrap(), "keep me");
}

#[test]
fn an_output_that_is_a_link_to_a_foreign_directory_is_refused() {
    let p = hostile_project("x");
    let victim = p.tmp().join("victim");
    fs::create_dir(&victim).unwrap();
    fs::write(victim.join("precious.txt"), "keep me").unwrap();
    symlink(&victim, p.tmp().join("out")).unwrap();
    refused(&p, &p.tmp().join("out"));
}

#[test]
fn a_rebuild_removes_the_pages_of_groups_that_disappeared() {
    let p = hostile_project("Old Store");
    p.build().expect(0);
    let pages = |p: &Proj| -> Vec<String> {
        crate::support::files(&p.public()).into_keys().filter(|k| k.starts_with("dimensions/store/")).collect()
    };
    let old = pages(&p);
    assert_eq!(old.len(), 3, "index, Shop A and Old Store: {old:?}");
    p.write("data/survey.csv", &csv_bytes(&HEADER, &rows("New Store")));
    p.build().expect(0);
    let new = pages(&p);
    assert_eq!(new.len(), 3, "{new:?}");
    assert!(new.iter().all(|n| !n.contains("old-store")), "{new:?}");
    assert!(new.iter().any(|n| n.contains("new-store")), "{new:?}");
    crate::site::assert_site_clean(&p.public());
    // And a page the team put into the output by hand is gone too: the site is replaced whole.
    p.write("public/notes.html", b"mine");
    p.build().expect(0);
    assert!(!p.public().join("notes.html").exists());
}

#[test]
fn a_build_into_a_new_nested_directory_creates_it_and_nothing_else() {
    let p = Proj::new(YAML, &[("data/survey.csv", &csv_bytes(&HEADER, &rows("x")))]);
    let out = p.tmp().join("a/b/c/site");
    p.build_into(&out).expect(0);
    crate::site::assert_site_clean(&out);
    let top: Vec<String> = fs::read_dir(p.tmp().join("a/b/c"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(top, ["site"]);
}

/// What is at `path`, link or not, as `ls -l` would tell it (type and target).
fn kind_of(path: &Path) -> String {
    let m = fs::symlink_metadata(path).unwrap_or_else(|e| panic!("{} is gone: {e}", path.display()));
    let link = fs::read_link(path).map(|t| format!(" -> {}", t.display())).unwrap_or_default();
    format!("{:?}{link}", m.file_type())
}

#[test]
fn a_fifo_a_socket_a_device_or_a_link_to_one_is_refused_as_output_and_left_as_it_was() {
    // Regression: a FIFO output was moved aside as `.NAME.cxsite-old-PID` and replaced by the
    // site, and the same path logic replaced /dev/null with a directory.
    let p = hostile_project("x");
    let fifo = p.tmp().join("fifo");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let socket = p.tmp().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    symlink(&fifo, p.tmp().join("link-to-fifo")).unwrap();
    symlink("/dev/null", p.tmp().join("link-to-null")).unwrap();
    symlink(p.tmp().join("nothing"), p.tmp().join("dangling")).unwrap();
    for name in ["fifo", "socket", "link-to-fifo", "link-to-null", "dangling"] {
        let out = p.tmp().join(name);
        let before = kind_of(&out);
        for force in [false, true] {
            let mut args = vec![OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str()];
            if force {
                args.push(OsStr::new("--force"));
            }
            let run = cxsite_limited(p.tmp(), args, &[], RUN_LIMIT);
            run.expect(2).stderr_has(&["refusing to write the site to", "the site is a directory"]);
            assert_eq!(kind_of(&out), before, "{name} was changed");
        }
    }
    let names: Vec<String> =
        fs::read_dir(p.tmp()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(names.iter().all(|n| !n.contains("cxsite-")), "{names:?}");
    // A device, by its real path.
    let before = kind_of(Path::new("/dev/null"));
    let run = cxsite_limited(
        p.tmp(),
        [OsStr::new("build"), p.dir.as_os_str(), OsStr::new("-o"), OsStr::new("/dev/null"), OsStr::new("--force")],
        &[],
        RUN_LIMIT,
    );
    run.expect(2).stderr_has(&["/dev/null", "a device"]);
    assert_eq!(kind_of(Path::new("/dev/null")), before);
}

#[test]
fn an_ancestor_of_the_home_directory_is_refused_even_with_force() {
    // Regression: the home check was an equality test, so `-o /home --force` with
    // HOME=/home/alice replaced the folder holding alice's files.
    let p = hostile_project("x");
    let alice = p.tmp().join("home/alice");
    fs::create_dir_all(&alice).unwrap();
    fs::write(alice.join("thesis.docx"), "years of work").unwrap();
    let home_s = alice.to_string_lossy().into_owned();
    let before = snapshot(p.tmp());
    for out in [p.tmp().join("home"), p.tmp().join("home/."), alice.join("..")] {
        let run = cxsite_limited(
            p.tmp(),
            [OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str(), OsStr::new("--force")],
            &[("HOME", &home_s)],
            RUN_LIMIT,
        );
        run.expect(2).stderr_has(&["refusing to write the site to", "holds the home directory"]);
        assert_eq!(snapshot(p.tmp()), before, "a refused build changed files");
    }
}

#[test]
fn an_ancestor_of_the_current_directory_or_the_project_is_refused_even_with_force() {
    let p = hostile_project("x");
    let work = p.tmp().join("work/sub");
    fs::create_dir_all(&work).unwrap();
    fs::write(p.tmp().join("work/notes.txt"), "mine").unwrap();
    let before = snapshot(p.tmp());
    for out in [p.tmp().join("work"), work.clone()] {
        let run = cxsite_limited(
            &work,
            [OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str(), OsStr::new("--force")],
            &[],
            RUN_LIMIT,
        );
        run.expect(2).stderr_has(&["current directory"]);
    }
    for out in [p.tmp().to_path_buf(), p.dir.clone()] {
        let run = cxsite_limited(
            p.tmp(),
            [OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str(), OsStr::new("--force")],
            &[],
            RUN_LIMIT,
        );
        run.expect(2).stderr_has(&["refusing to write the site to"]);
    }
    assert_eq!(snapshot(p.tmp()), before, "a refused build changed files");
}

#[test]
fn only_leftovers_named_with_a_process_id_are_removed() {
    let p = hostile_project("x");
    for mine in [".public.cxsite-old-mine", ".public.cxsite-new-"] {
        fs::create_dir_all(p.dir.join(mine)).unwrap();
        fs::write(p.dir.join(mine).join("keep.txt"), "mine").unwrap();
    }
    p.build().expect(0);
    for mine in [".public.cxsite-old-mine", ".public.cxsite-new-"] {
        assert_eq!(fs::read_to_string(p.dir.join(mine).join("keep.txt")).unwrap(), "mine", "{mine} was removed");
    }
}
