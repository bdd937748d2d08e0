//! The `opvolg` binary: exit codes and what it prints.

use crate::support::Site;

#[test]
fn check_succeeds_on_the_example_and_writes_nothing() {
    let site = Site::example();
    let out = site.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("4 recommendations"));
    assert!(!site.output().exists());
}

#[test]
fn content_errors_exit_1_with_file_line_column() {
    let site = Site::example();
    site.edit(
        "content/recommendations/R3.md",
        "response = \"noted\"",
        "response = 5",
    );
    let out = site.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("┌─ content/recommendations/R3.md:7:12"),
        "{stderr}"
    );
    assert!(stderr.contains("error: expected a text (in quotes), found the number 5"));
    assert!(stderr.contains("hint: put it in quotes: \"5\""), "{stderr}");
    assert!(
        stderr.contains("response = 5\n  │            ^"),
        "the value is underlined: {stderr}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::example();
    let out = site.run(&["build", "--root", "does-not-exist"]);
    assert_eq!(out.status.code(), Some(2));
    let out = site.run(&["frobnicate"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn build_prints_what_to_open() {
    let site = Site::example();
    let out = site.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("index.html"), "{stdout}");
    assert!(site.output().join("index.html").is_file());
}

#[test]
fn new_writes_a_starter_that_builds_without_warnings_and_refuses_a_full_folder() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_opvolg"))
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run(&["new", "mysite", "--language", "en"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("opvolg serve --root mysite"), "{stdout}");
    assert!(stdout.contains("opvolg build --root mysite"), "{stdout}");
    let built = run(&["build", "--root", "mysite"]);
    assert!(built.status.success());
    assert_eq!(String::from_utf8_lossy(&built.stderr), "", "no warnings");
    assert!(
        dir.path()
            .join("mysite/output/recommendations/A1.html")
            .is_file()
    );

    let again = run(&["new", "mysite"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("mysite is not empty"));
    let toml = std::fs::read_to_string(dir.path().join("mysite/site.toml")).unwrap();
    assert!(
        toml.contains("language = \"en\""),
        "nothing was overwritten"
    );
}
