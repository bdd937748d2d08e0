//! Real-tool checks of the generated HTML, run from `cargo test`: the Nu Html Checker, axe-core
//! in headless Chromium, reflow at 320 CSS px and screenshots (tests/browser/check.mjs), over
//! the example site, a generated fixture of 60 recommendations, the starter sites of
//! `opvolg new` in both languages, and the example as `opvolg serve` serves it (live-reload
//! script and all). Plus the link and anchor check over the fixture and the starters.
//!
//! Needs node with `npm ci` done in tests/browser, Java and /usr/bin/chromium, so the two
//! tests that use them are `#[ignore]`d: `cargo test` lists them as ignored, and
//! `cargo test -- --ignored` (which .ci/run runs) runs them, failing when a tool is missing.

use crate::support::{Server, Site, check_links, repo, snapshot};
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
    for (tool, arg) in [
        ("node", "--version"),
        ("java", "-version"),
        ("pdftotext", "-v"),
    ] {
        if Command::new(tool).arg(arg).output().is_err() {
            return Some(format!("{tool} is not installed"));
        }
    }
    None
}

/// Fails the test, saying what to install, when the browser tools are not there: a check that
/// did not run must not pass.
fn require_tools() {
    if let Some(missing) = tool_missing() {
        panic!("the browser checks need their tools, but {missing}; install them as .ci/run does");
    }
}

/// A generated site of `n` recommendations whose lists take pages of 20 (so its dashboard
/// summarises), with a progress report (so it has a list of changes).
fn fixture(n: usize) -> tempfile::TempDir {
    let dir = crate::support::large_site(n, 20);
    let report = opvolg::build(&opvolg::BuildOptions {
        root: dir.path().to_path_buf(),
        output: None,
        review: false,
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

/// A starter site of `opvolg new`, built.
fn starter(language: opvolg::model::Language) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    opvolg::scaffold::new_site(&dir.path().join("site"), language).unwrap();
    let report = opvolg::build(&opvolg::BuildOptions {
        root: dir.path().join("site"),
        output: None,
        review: false,
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    dir
}

#[test]
fn the_starter_sites_build_without_warnings_and_without_broken_links() {
    for language in [opvolg::model::Language::Nl, opvolg::model::Language::En] {
        let site = starter(language);
        let out = site.path().join("site/output");
        let (broken, reachable) = check_links(&out);
        assert!(broken.is_empty(), "{broken:?}");
        let pages = snapshot(&out)
            .into_keys()
            .filter(|p| p.ends_with(".html"))
            .count();
        assert_eq!(
            reachable.iter().filter(|p| p.ends_with(".html")).count(),
            pages
        );
    }
}

#[test]
#[ignore = "needs Chromium, Java and the npm packages of tests/browser: cargo test -- --ignored"]
fn html_is_valid_and_accessible_in_a_real_browser() {
    require_tools();
    let example = Site::example();
    example.build_ok();
    let fixture = fixture(60);
    // Named folders, so the screenshots land in target/screenshots/example, .../fixture-60...
    let work = tempfile::tempdir().unwrap();
    let example_out = work.path().join("example/output");
    let fixture_out = work.path().join("fixture-60/output");
    crate::support::copy_tree(&example.output(), &example_out);
    crate::support::copy_tree(&fixture.path().join("output"), &fixture_out);
    let mut sites = vec![
        example_out.to_string_lossy().into_owned(),
        fixture_out.to_string_lossy().into_owned(),
    ];
    // The real follow-up of tests/fixtures/windrush: answers that change, a reply, undated
    // commitments, a 200-character address (every page is checked on a site this small).
    let windrush = Site::fixture("windrush");
    windrush.build_ok();
    let windrush_out = work.path().join("windrush/output");
    crate::support::copy_tree(&windrush.output(), &windrush_out);
    sites.push(windrush_out.to_string_lossy().into_owned());
    // A recommendation with six commitments, long texts, some moved: its timeline and table
    // at 390 and 320 px.
    let six = Site::example();
    let mut extra = String::new();
    for n in 3..=6 {
        extra.push_str(&format!(
            "\n[[commitments]]\ntext = \"Extra commitment {n}: publish a comprehensive improvement plan that takes account of every recommendation of the review\"\nowner = \"Ministerie van Justitie en Veiligheid\"\ndue = \"2024-Q{}\"\n",
            n - 2
        ));
    }
    six.edit(
        "content/recommendations/R1.md",
        "\n[[status]]",
        &format!("{extra}\n[[status]]"),
    );
    six.build_ok();
    let six_out = work.path().join("six-commitments/output");
    crate::support::copy_tree(&six.output(), &six_out);
    sites.push(six_out.to_string_lossy().into_owned());
    // The example as a review copy: the banner on every page, and review.html.
    let review = Site::example();
    opvolg::build(&opvolg::BuildOptions {
        root: review.root().to_path_buf(),
        output: Some(work.path().join("review/output")),
        review: true,
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    sites.push(
        work.path()
            .join("review/output")
            .to_string_lossy()
            .into_owned(),
    );
    for (language, name) in [
        (opvolg::model::Language::Nl, "starter-nl"),
        (opvolg::model::Language::En, "starter-en"),
    ] {
        let built = starter(language);
        let out = work.path().join(name).join("output");
        crate::support::copy_tree(&built.path().join("site/output"), &out);
        sites.push(out.to_string_lossy().into_owned());
    }
    // The example as `serve` serves it: each page fetched over HTTP (for the HTML checker)
    // and opened at its address (for the browser, where the live-reload script runs).
    let server = Server::start(example.root());
    let served = work.path().join("served/output");
    for page in snapshot(&example.output()).into_keys() {
        if page.ends_with(".html") {
            let (status, _, body) = server.get(&page);
            assert_eq!(status, 200, "{page}");
            assert!(
                body.contains("data-version="),
                "{page} has the reload script"
            );
            let path = served.join(&page);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, body).unwrap();
        }
    }
    sites.push(format!("{}={}", served.display(), server.url));
    let screenshots = std::env::var("CARGO_TARGET_DIR")
        .map_or_else(|_| repo().join("target"), Into::into)
        .join("screenshots");
    let mut args = vec![screenshots.into_os_string()];
    args.extend(sites.into_iter().map(Into::into));
    run_node("check.mjs", &args, "browser checks");
}

/// Runs the script `tests/browser/<script>` with node and `args`, prints what it says, and
/// fails (with its output) when it fails: `what` names the check in the message.
fn run_node(script: &str, args: &[std::ffi::OsString], what: &str) {
    let out = Command::new("node")
        .arg(repo().join("tests/browser").join(script))
        .args(args)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{what} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The text of each page of a PDF (pdftotext from poppler-utils).
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let info = Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let pages: usize = String::from_utf8_lossy(&info.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo names the page count");
    (1..=pages)
        .map(|n| {
            let out = Command::new("pdftotext")
                .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
                .arg(pdf)
                .arg("-")
                .output()
                .expect("pdftotext (poppler-utils)");
            String::from_utf8_lossy(&out.stdout).into_owned()
        })
        .collect()
}

#[test]
#[ignore = "needs Chromium and poppler-utils: cargo test -- --ignored"]
fn the_dossier_prints_as_a4_with_the_title_and_date_on_every_page_and_every_recommendation() {
    require_tools();
    let site = Site::example();
    site.build_ok();
    let pdf = site.root().join("dossier.pdf");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!(
            "file://{}",
            site.output().join("dossier.html").display()
        ))
        .output()
        .unwrap();
    assert!(pdf.is_file(), "{}", String::from_utf8_lossy(&status.stderr));
    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    assert!(
        String::from_utf8_lossy(&info.stdout).contains("594.96 x 841.92 pts (A4)"),
        "A4 pages"
    );
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 1, "{} page(s)", pages.len());
    for (n, text) in pages.iter().enumerate() {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.contains(
                "Opvolging aanbevelingen kinderen in de (crisis)noodopvang · stand per 30 juni 2024"
            ),
            "page {}: no running head:\n{flat}",
            n + 1
        );
        assert!(
            flat.contains(&format!("pagina {}", n + 1)),
            "page {}: no page number",
            n + 1
        );
    }
    let all = pages.join("\n");
    for id in ["R1", "R2", "R3", "R4"] {
        assert!(
            all.contains(&format!("{id} ")),
            "{id} is missing from the printed dossier"
        );
    }
    // Each recommendation starts a page: its title heads the page it is on.
    for title in [
        "Bied rechtszekerheid",
        "Maak concreet hoe kinderen",
        "Bied rechtsgelijkheid",
        "Beleg het toezicht",
    ] {
        assert!(
            pages.iter().any(|p| p
                .lines()
                .filter(|l| !l.trim().is_empty())
                .nth(1)
                .is_some_and(|l| l.contains(title))),
            "{title} does not start a page"
        );
    }
    // The summary's titles keep several words to a line (issue 18: the title column was one
    // word wide on A4).
    let summary = &pages[1];
    assert!(
        summary
            .lines()
            .any(|l| l.contains("R1") && l.contains("Bied rechtszekerheid: laat")),
        "{summary}"
    );
}

#[test]
#[ignore = "needs Chromium and the npm packages of tests/browser: cargo test -- --ignored"]
fn a_served_page_reloads_itself_after_an_edit_an_error_and_the_fix() {
    require_tools();
    let site = starter(opvolg::model::Language::En);
    let root = site.path().join("site");
    let server = Server::start(&root);
    let args: Vec<std::ffi::OsString> = vec![
        format!("{}recommendations/A2.html", server.url).into(),
        root.join("content/recommendations/A2.md").into(),
        "title = \"Keep those who object informed".into(),
        "title = \"Keep objectors informed".into(),
        "title = [\"not a text\"".into(),
        "Keep objectors informed".into(),
    ];
    run_node("reload.mjs", &args, "live reload");
}

/// Runs tests/browser/search.mjs on a built site's output with these cases.
fn search_in_chromium(output: &Path, cases: &str) {
    run_node(
        "search.mjs",
        &[output.as_os_str().to_owned(), cases.into()],
        "search checks",
    );
}

/// Issue 19: search works from a site opened from disk, from the header of any page and on
/// the search page while typing: by a word of a recommendation's body (Dutch and English, a
/// form the site does not have), by a word's start, by an id; a query that finds nothing (with
/// letters no word starts with, and `$&`) says so; the page with hits passes axe;
/// nothing is refused by the Content-Security-Policy; without JavaScript the A–Z index and the
/// filters list the site. Issue 25: hits show their kind and state by the names the index
/// gives them; Greek and circled letters are found as the index has them; a theme's own
/// base.html that writes `csp` gets a search page that works.
#[test]
#[ignore = "needs Chromium and the npm packages of tests/browser: cargo test -- --ignored"]
fn search_finds_by_words_and_ids_from_disk_in_chromium() {
    require_tools();
    let example = Site::example();
    example.build_ok();
    search_in_chromium(
        &example.output(),
        r#"[
            {"query": "overbruggingskader", "expect": "recommendations/R4.html"},
            {"query": "R2", "expect": "recommendations/R2.html", "first": true, "kind": "aanbeveling", "badge": "state-partially_implemented"},
            {"query": "Ter Ap", "expect": "indicators/amv-ter-apel.html"},
            {"query": "VEILIGHEIDSREGIO", "expect": "recommendations/R4.html"},
            {"query": "xq $& zz", "expect": null}
        ]"#,
    );
    let windrush = Site::fixture("windrush");
    windrush.build_ok();
    search_in_chromium(
        &windrush.output(),
        r#"[
            {"query": "reconciled", "expect": "recommendations/R3.html"},
            {"query": "r10a", "expect": "recommendations/R10a.html", "first": true}
        ]"#,
    );
    // Issue 25: a theme with a base.html of its own that writes the page's policy (`csp`,
    // escaped); words that opvolg and the script once folded and cut differently.
    let themed = Site::fixture("minimal");
    let base = std::fs::read_to_string(repo().join("themes/default/templates/base.html"))
        .unwrap()
        .replace("{{ csp | safe }}", "{{ csp }}")
        .replace("<body>", "<body class=\"plain\">");
    themed.write("themes/default/templates/base.html", &base);
    themed.edit(
        "content/recommendations/A-1.md",
        "Body.",
        "Body. Η ΟΔΟΣ ΤΗΣ ΠΟΛΗΣ, Ⓐⓑ-plan.",
    );
    let report = themed.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    search_in_chromium(
        &themed.output(),
        r#"[
            {"query": "οδος", "expect": "recommendations/A-1.html", "first": true, "kind": "recommendation", "badge": "state-not_implemented"},
            {"query": "ⓐⓑ", "expect": "recommendations/A-1.html", "first": true},
            {"query": "Overdue", "expect": "recommendations/b_2.html", "first": true, "kind": "commitment", "badge": "commitment_overdue"}
        ]"#,
    );
}
