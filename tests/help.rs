//! Help that teaches: every command's `--help` has examples, and `cxsite explain` prints the
//! methodology's definitions in the project's language.

mod common;

use common::TempDir;

#[test]
fn every_command_help_has_examples() {
    let tmp = TempDir::new();
    for cmd in [
        vec!["--help"],
        vec!["build", "--help"],
        vec!["check", "--help"],
        vec!["init", "--help"],
        vec!["serve", "--help"],
        vec!["explain", "--help"],
    ] {
        let run = common::cxsite(tmp.path(), &cmd);
        run.expect(0);
        assert!(run.stdout.contains("Examples:\n  cxsite"), "{cmd:?} has no examples:\n{}", run.stdout);
    }
}

#[test]
fn explain_prints_a_definition_in_the_projects_locale() {
    let tmp = TempDir::new();
    let run = common::cxsite(tmp.path(), ["explain", "nps"]);
    run.expect(0);
    assert!(run.stdout.contains("adjusted-Wald") && run.stdout.contains("Sauro"), "{}", run.stdout);

    std::fs::write(tmp.path().join("cxsite.yaml"), "title: x\nlocale: zh-CN\nmin_n: 50\n").unwrap();
    let run = common::cxsite(tmp.path(), ["explain", "shrinkage"]);
    run.expect(0);
    assert!(run.stdout.contains("收缩分"), "the locale comes from ./cxsite.yaml:\n{}", run.stdout);
    let run = common::cxsite(tmp.path(), ["explain", "harshness", "--locale", "en"]);
    assert!(run.stdout.contains("Harshness"), "{}", run.stdout);

    let run = common::cxsite(tmp.path(), ["explain", "npz"]);
    run.expect(2).stderr_has(&["nps"]);
}
