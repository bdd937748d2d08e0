//! Real-tool checks of the generated HTML, run from `cargo test`: the Nu Html Checker, axe-core
//! in headless Chromium, reflow at 320 CSS px and screenshots (tests/browser/check.mjs), over
//! the example site and a generated fixture of 60 recommendations. Plus the link and anchor
//! check over the fixture.
//!
//! Needs node with `npm ci` done in tests/browser, Java and /usr/bin/chromium. When they are
//! missing the browser test says so and passes, unless OPVOLG_BROWSER_TESTS=required (as
//! .ci/run sets), in which case it fails.

use crate::support::{Site, check_links, repo, snapshot};
use std::path::Path;
use std::process::Command;

fn tool_missing() -> Option<String> {
    let browser = repo().join("tests/browser");
    if !browser.join("node_modules/playwright-core").is_dir() {
        return Some(
            "tests/browser/node_modules is missing (run `npm ci` in tests/browser)".into(),
        );
    }
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!("{chromium} is missing (apt-get install chromium)"));
    }
    for (tool, arg) in [("node", "--version"), ("java", "-version")] {
        if Command::new(tool).arg(arg).output().is_err() {
            return Some(format!("{tool} is not installed"));
        }
    }
    None
}

fn fixture(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    opvolg::synthetic::generate(n, dir.path(), false);
    let report = opvolg::build(&opvolg::BuildOptions {
        root: dir.path().to_path_buf(),
        output: None,
    });
    assert!(report.is_ok(), "{:?}", report.err());
    dir
}

#[test]
fn a_generated_site_of_60_recommendations_has_no_broken_link_or_anchor() {
    let site = fixture(60);
    let (broken, reachable) = check_links(&site.path().join("output"));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    let pages = snapshot(&site.path().join("output"))
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .count();
    let reachable_pages = reachable.iter().filter(|p| p.ends_with(".html")).count();
    assert_eq!(
        reachable_pages, pages,
        "every page is reachable from index.html"
    );
    assert!(pages > 60 + 30, "{pages} pages");
}

#[test]
fn html_is_valid_and_accessible_in_a_real_browser() {
    if let Some(missing) = tool_missing() {
        if std::env::var("OPVOLG_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("browser checks are required but {missing}");
        }
        eprintln!("SKIPPED browser checks: {missing}. Run .ci/run, or install them as it does.");
        return;
    }
    let example = Site::example();
    example.build_ok();
    let fixture = fixture(60);
    // Named folders, so the screenshots land in target/screenshots/example and .../fixture-60.
    let work = tempfile::tempdir().unwrap();
    let example_out = work.path().join("example/output");
    let fixture_out = work.path().join("fixture-60/output");
    crate::support::copy_tree(&example.output(), &example_out);
    crate::support::copy_tree(&fixture.path().join("output"), &fixture_out);
    let screenshots = std::env::var("CARGO_TARGET_DIR")
        .map_or_else(|_| repo().join("target"), Into::into)
        .join("screenshots");
    let out = Command::new("node")
        .arg(repo().join("tests/browser/check.mjs"))
        .arg(&screenshots)
        .arg(&example_out)
        .arg(&fixture_out)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "browser checks failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
