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

/// Regression: a link in `static/` to the output folder published the previous site inside
/// the new one, and the site grew with every build (never the same bytes twice).
#[test]
fn a_static_link_into_the_output_is_refused() {
    let p = hostile_project("x");
    p.build().expect(0);
    fs::create_dir_all(p.path("static")).unwrap();
    symlink("../public", p.path("static/old")).unwrap();
    let before = snapshot(p.tmp());
    p.build().expect(2).stderr_has(&["refusing to write the site to", "static/old/", "leads into it"]);
    assert_eq!(snapshot(p.tmp()), before, "a refused build changed files");
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

/// A build killed during its swap leaves the previous site set aside: what a person had added
/// to it (a CNAME, a `.git/`) is moved into the site in place by the next build, not removed
/// with the leftover; and a previous site set aside with no site in its place is put back.
#[test]
fn a_previous_site_left_aside_by_a_killed_build_gives_back_what_a_person_added() {
    let p = hostile_project("x");
    p.build().expect(0);
    // As a build killed after its swap leaves it: the previous site, with a person's files.
    let aside = p.dir.join(".public.cxsite-old-424242");
    copy_dir(&p.public(), &aside);
    fs::write(aside.join("CNAME"), "cx.example.com\n").unwrap();
    fs::create_dir_all(aside.join(".git")).unwrap();
    fs::write(aside.join(".git/HEAD"), "ref: main\n").unwrap();
    p.build().expect(0);
    assert!(!aside.exists());
    assert_eq!(fs::read_to_string(p.public().join("CNAME")).unwrap(), "cx.example.com\n");
    assert_eq!(fs::read_to_string(p.public().join(".git/HEAD")).unwrap(), "ref: main\n");
    // Killed between its two renames: no site in place, the previous one aside. It is put back
    // (and replaced by this build as any previous site), the person's file kept.
    fs::rename(p.public(), &aside).unwrap();
    p.build().expect(0);
    assert!(!aside.exists());
    assert_eq!(fs::read_to_string(p.public().join("CNAME")).unwrap(), "cx.example.com\n");
}

/// A copy of the folder `from` at `to`.
fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
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

/// cxsite.yaml kept inside `public/` (a link to `public/cx.yaml`): the default output is
/// refused, and the folder the message suggests is not that same folder.
#[test]
fn a_refused_default_output_is_not_the_folder_suggested_instead() {
    let p = hostile_project("x");
    let yaml = fs::read(p.path("cxsite.yaml")).unwrap();
    fs::create_dir_all(p.path("public")).unwrap();
    fs::write(p.path("public/cx.yaml"), yaml).unwrap();
    fs::remove_file(p.path("cxsite.yaml")).unwrap();
    symlink("public/cx.yaml", p.path("cxsite.yaml")).unwrap();
    let run = p.build();
    run.expect(2).stderr_has(&["holds the project file", "such as "]);
    let suggested = run.stderr.split("such as ").nth(1).unwrap_or("").trim();
    assert!(!suggested.ends_with("public"), "{}", run.stderr);
    assert!(suggested.ends_with("site"), "{}", run.stderr);
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
    // A page the team put into the output by hand is not the build's: it is kept, where the
    // pages of the build's groups that went are gone.
    p.write("public/notes.html", b"mine");
    p.build().expect(0).stderr_has(&["kept what you added to the previous site", "notes.html"]);
    assert_eq!(fs::read(p.public().join("notes.html")).unwrap(), b"mine");
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

/// The survey kept at `rel` instead of `data/survey.csv` (any path inside the project is
/// allowed).
fn project_with_survey_at(rel: &str) -> Proj {
    let yaml = YAML.replace("path: data/survey.csv", &format!("path: {rel}"));
    Proj::new(&yaml, &[(rel, &csv_bytes(&HEADER, &rows("x")))])
}

#[track_caller]
fn refused_even_with_force(p: &Proj, out: &Path, says: &[&str]) {
    let before = snapshot(p.tmp());
    for force in [false, true] {
        let mut args = vec![OsStr::new("build"), p.dir.as_os_str(), OsStr::new("--output"), out.as_os_str()];
        if force {
            args.push(OsStr::new("--force"));
        }
        let run = p.run(args);
        run.expect(2).stderr_has(&["refusing to write the site to"]).stderr_has(says);
        assert_eq!(snapshot(p.tmp()), before, "a refused build changed files (--force: {force})");
    }
}

#[test]
fn a_folder_holding_a_dataset_is_refused_even_with_force_and_the_data_stays() {
    // The audit's case: `path: exports/s.csv`, `-o exports --force` deleted the raw export.
    let p = project_with_survey_at("exports/survey.csv");
    // The message names the dataset, its path and the line of cxsite.yaml that gives it.
    refused_even_with_force(&p, &p.path("exports"), &["dataset `survey`", "exports/survey.csv", "cxsite.yaml:20:11"]);
    // A deeper dataset: its folder's parent holds it too.
    let p = project_with_survey_at("deep/raw/survey.csv");
    refused_even_with_force(&p, &p.path("deep"), &["dataset `survey`"]);
    refused_even_with_force(&p, &p.path("deep/raw"), &["dataset `survey`"]);
    // Spelt through `..`, or through a link to the folder.
    refused_even_with_force(&p, &p.path("public/../deep"), &["dataset `survey`"]);
    symlink(p.path("deep"), p.tmp().join("link")).unwrap();
    refused_even_with_force(&p, &p.tmp().join("link"), &["dataset `survey`"]);
    assert!(p.path("deep/raw/survey.csv").is_file());
    // A folder beside it is fine.
    p.build_into(&p.path("deep/site")).expect(0);
    assert!(p.path("deep/raw/survey.csv").is_file());
}

#[test]
fn a_folder_holding_a_dataset_reached_through_a_link_is_refused() {
    // data/survey.csv is a link to the real export elsewhere: that folder is the data too.
    let p = hostile_project("x");
    let elsewhere = p.tmp().join("exports");
    fs::create_dir(&elsewhere).unwrap();
    fs::rename(p.path("data/survey.csv"), elsewhere.join("survey.csv")).unwrap();
    symlink(elsewhere.join("survey.csv"), p.path("data/survey.csv")).unwrap();
    // Without --force its being a foreign non-empty folder is enough; with it, the dataset is.
    refused_even_with_force(&p, &elsewhere, &[]);
    let run =
        p.run([OsStr::new("build"), p.dir.as_os_str(), OsStr::new("-o"), elsewhere.as_os_str(), OsStr::new("--force")]);
    run.expect(2).stderr_has(&["dataset `survey`"]);
    assert!(elsewhere.join("survey.csv").is_file());
}

#[test]
fn every_folder_the_project_reads_is_refused_even_with_force() {
    let p = hostile_project("x");
    p.write("locales/fr.yaml", b"x: y\n");
    p.write("pages/about.md", b"---\ntitle: About\n---\nHi\n");
    for (rel, says) in [
        ("locales", "`locales/`"),
        ("locales/site", "`locales/`"),
        ("pages", "`pages/`"),
        ("templates", "`templates/`"),
        ("static", "`static/`"),
        ("data", "data"),
    ] {
        refused_even_with_force(&p, &p.path(rel), &[says]);
    }
    assert_eq!(fs::read_to_string(p.path("locales/fr.yaml")).unwrap(), "x: y\n");
}

/// Holds the lock of `PROJECT/public` as another build would.
fn hold_lock(p: &Proj) -> fs::File {
    let f = fs::File::create(p.path(".public.cxsite-lock")).unwrap();
    f.lock().unwrap();
    f
}

#[test]
fn a_build_waits_for_another_build_to_the_same_folder_then_succeeds() {
    use std::io::Read;
    use std::time::{Duration, Instant};
    let p = hostile_project("x");
    let held = hold_lock(&p);
    let mut child = std::process::Command::new(crate::support::BIN)
        .args([OsStr::new("build"), p.dir.as_os_str()])
        .current_dir(p.tmp())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // It says that it waits, and waits: no site, no staging folder while the lock is held.
    let mut stderr = child.stderr.take().unwrap();
    let mut said = Vec::new();
    let started = Instant::now();
    let mut byte = [0u8; 1];
    while !String::from_utf8_lossy(&said).contains('\n') && started.elapsed() < RUN_LIMIT {
        match stderr.read(&mut byte) {
            Ok(1) => said.push(byte[0]),
            _ => break,
        }
    }
    let said = String::from_utf8_lossy(&said).into_owned();
    assert!(said.contains("waiting for another cxsite build"), "{said}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(child.try_wait().unwrap().is_none(), "the build did not wait for the lock");
    assert!(!p.public().exists());
    let names = || -> Vec<String> {
        fs::read_dir(&p.dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    assert!(!names().iter().any(|n| n.contains("cxsite-new")), "{:?}", names());
    drop(held);
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    crate::site::assert_site_clean(&p.public());
    assert!(p.public().join(".cxsite-output").is_file());
    // The lock file goes with the build.
    assert!(!names().iter().any(|n| n.starts_with(".public.cxsite")), "{:?}", names());
}

#[test]
fn concurrent_builds_to_one_folder_all_succeed_and_leave_a_whole_site() {
    let p = hostile_project("x");
    p.build().expect(0);
    let alone = crate::support::files(&p.public());
    // `-q`: the wait's message is not an error.
    let runs: Vec<_> = std::thread::scope(|s| {
        let spawned: Vec<_> =
            (0..4).map(|_| s.spawn(|| p.run([OsStr::new("build"), p.dir.as_os_str(), OsStr::new("-q")]))).collect();
        spawned.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for run in &runs {
        run.expect(0);
        assert_eq!(run.stderr, "", "-q prints only errors");
    }
    assert_eq!(crate::support::files(&p.public()), alone, "a concurrent build left another site");
    let names: Vec<String> =
        fs::read_dir(&p.dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    assert!(!names.iter().any(|n| n.starts_with(".public.cxsite")), "{names:?}");
}

#[test]
fn a_staging_folder_in_use_is_not_removed_by_another_build() {
    // A build holding the lock with its staging folder half written: a second build waits
    // instead of removing it as a leftover.
    let p = hostile_project("x");
    let held = hold_lock(&p);
    let staging = p.path(".public.cxsite-new-1");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("index.html"), "half a site").unwrap();
    let waiting = std::thread::scope(|s| {
        let build = s.spawn(|| p.build());
        std::thread::sleep(std::time::Duration::from_millis(500));
        let still_there = staging.join("index.html").is_file();
        // The holder "finishes": its staging folder is gone, as after a swap.
        fs::remove_dir_all(&staging).unwrap();
        drop(held);
        (still_there, build.join().unwrap())
    });
    assert!(waiting.0, "the staging folder of a running build was removed");
    waiting.1.expect(0);
    crate::site::assert_site_clean(&p.public());
}

#[test]
fn check_refuses_a_template_or_catalogue_that_build_would_refuse_before_reading_data() {
    // A template override that does not compile: `check` fails as `build` does, naming it.
    let p = hostile_project("x");
    p.write("templates/group.html", b"{% extends \"base.html\" %}{% block content %}{% if %}{% endblock content %}");
    p.run([OsStr::new("check"), p.dir.as_os_str()]).expect(1).stderr_has(&["templates/group.html", "does not compile"]);
    p.build().expect(1).stderr_has(&["templates/group.html", "does not compile"]);
    assert!(!p.public().exists(), "a refused build wrote a site");
    // A project catalogue lacking a message, and one that is not YAML.
    let p = hostile_project("x");
    p.write("locales/en.yaml", b"locale: en\nnumbers: {}\nmessages: {}\n");
    p.run([OsStr::new("check"), p.dir.as_os_str()]).expect(1).stderr_has(&["locales/en.yaml"]);
    p.write("locales/en.yaml", b"locale: en\nmessages: [\n");
    p.run([OsStr::new("check"), p.dir.as_os_str()]).expect(1).stderr_has(&["locales/en.yaml:"]);
    p.build().expect(1).stderr_has(&["locales/en.yaml:"]);
    // The failure comes before the data is read: an unreadable dataset is not what is reported.
    p.write("data/survey.csv", b"\xff\xfe\x00broken");
    p.run([OsStr::new("check"), p.dir.as_os_str()])
        .expect(1)
        .stderr_has(&["locales/en.yaml:"])
        .stderr_lacks(&["survey.csv"]);
}

/// Ctrl-C during a build: the build ends with 130, removes its staging folder and its lock
/// file, and the previous site stays as it was.
#[test]
fn an_interrupted_build_removes_its_staging_folder_and_keeps_the_previous_site() {
    let mut survey = csv_bytes(&HEADER, &rows("plain"));
    let body: Vec<u8> = survey[survey.iter().position(|b| *b == b'\n').unwrap() + 1..].to_vec();
    for _ in 0..3000 {
        survey.extend_from_slice(&body);
    }
    let p = Proj::new(YAML, &[("data/survey.csv", &survey)]);
    p.build().expect(0);
    let before = snapshot(&p.public());
    let child = std::process::Command::new(crate::common::BIN)
        .args([OsStr::new("build"), p.dir.as_os_str(), OsStr::new("-q")])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let staged = || {
        fs::read_dir(&p.dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().starts_with(".public.cxsite-new-"))
    };
    let start = std::time::Instant::now();
    while !staged() && start.elapsed() < std::time::Duration::from_secs(20) {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(staged(), "the build made no staging folder");
    let sent = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(sent.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("interrupted"));
    assert!(!staged(), "the staging folder was left");
    // Nor its lock file (the handler exits without the lock's own clean-up).
    assert!(!p.dir.join(".public.cxsite-lock").exists(), "the lock file was left");
    assert_eq!(snapshot(&p.public()), before, "the previous site changed");
}
