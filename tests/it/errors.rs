//! Bad input: precise diagnostics, all problems in one run, and nothing built is lost.

use crate::support::{Site, snapshot};

#[test]
fn an_unknown_indicator_is_reported_with_position_and_suggestion() {
    let site = Site::example();
    site.edit(
        "content/recommendations/R1.md",
        "\"kinderen-in-cno\", \"amv-ter-apel\"]",
        "\"kinderen-in-cno\", \"amv-terapel\"]",
    );
    let errors = site.build_errors();
    let line = errors
        .iter()
        .find(|e| e.contains("unknown indicator \"amv-terapel\""))
        .expect("reported");
    assert!(
        line.starts_with("content/recommendations/R1.md:9:34:"),
        "{line}"
    );
    assert!(line.contains("did you mean \"amv-ter-apel\"?"), "{line}");
}

#[test]
fn a_missing_anchor_names_the_document_and_a_close_match() {
    let site = Site::example();
    site.edit(
        "content/recommendations/R2.md",
        "#toegang-tot-onderwijs\"\nindicators",
        "#toegang-tot-ondewijs\"\nindicators",
    );
    let errors = site.build_errors();
    let line = errors
        .iter()
        .find(|e| e.contains("has no heading with anchor"))
        .expect("reported");
    assert!(
        line.starts_with("content/recommendations/R2.md:8:43:"),
        "{line}"
    );
    assert!(line.contains("toegang-tot-onderwijs"), "{line}");
}

#[test]
fn all_problems_of_a_run_are_reported_together() {
    let site = Site::example();
    site.edit(
        "content/recommendations/R1.md",
        "response = \"partially_accepted\"",
        "response = \"partialy_accepted\"",
    );
    site.edit(
        "content/recommendations/R3.md",
        "state = \"open\"",
        "state = \"opn\"",
    );
    site.edit("data/indicators/nla-inspecties.json", "\"bar\"", "\"pie\"");
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/recommendations/R1.md:")
                && e.contains("did you mean \"partially_accepted\"")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/recommendations/R3.md:")
                && e.contains("unknown state \"opn\"")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("data/indicators/nla-inspecties.json:")
                && e.contains("unknown chart \"pie\"")),
        "{errors:?}"
    );
}

/// Issue 18: syntax errors, validation errors and broken anchors came in three runs. Now a
/// syntax error in one file hides nothing: not the other files' errors, not the links in its
/// own text, not anchors that no page can have.
#[test]
fn a_syntax_error_hides_no_other_problem_not_even_a_broken_anchor() {
    let site = Site::fixture("windrush");
    let r3 = "content/recommendations/R3.md";
    site.edit(r3, "title = \"Run", "title = Run");
    let text = site.read(r3);
    site.write(
        r3,
        &format!("{text}\nSee [the plan](../documents/response-2020-09-30.md#rec-33).\n"),
    );
    site.edit(
        "content/recommendations/R6.md",
        "response_ref = \"response-2020-09-30#rec-6\"",
        "response_ref = \"response-2020-09-30#rec-66\"",
    );
    let review = "content/documents/review-2020-03-19.md";
    let text = site.read(review);
    site.write(
        review,
        &format!("{text}\nSee [the plan](response-2020-09-30.md#nowhere).\n"),
    );
    site.edit(
        "data/indicators/windrush-commissioner.json",
        "\"official\"",
        "\"oficial\"",
    );
    site.edit("data/indicators/compensation-paid.csv", "24.4", "24,4");
    let errors = site.build_errors();
    let starts: Vec<&str> = errors
        .iter()
        .map(|e| e.split(": error: ").next().unwrap_or(e))
        .collect();
    assert_eq!(
        starts,
        [
            "content/documents/review-2020-03-19.md:13:5",
            "content/recommendations/R3.md:3:9",
            "content/recommendations/R3.md:42:5",
            "content/recommendations/R6.md:8:37",
            "data/indicators/compensation-paid.csv:2:14",
            "data/indicators/windrush-commissioner.json:6:17",
        ],
        "{errors:#?}"
    );
    assert!(errors[0].contains("#nowhere on documents/response-2020-09-30.html"));
    assert!(errors[2].contains("#rec-33 on documents/response-2020-09-30.html"));
}

#[test]
fn status_after_as_of_and_impossible_dates_are_errors() {
    let site = Site::example();
    site.edit(
        "content/recommendations/R4.md",
        "date = 2023-05-25",
        "date = 2025-05-25",
    );
    site.edit(
        "data/indicators/amv-ter-apel.json",
        "\"2023-03\"",
        "\"2023-13\"",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.contains("after the reporting date")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("data/indicators/amv-ter-apel.json:")
                && e.contains("\"2023-13\" is not a real day, month, quarter or half year")),
        "{errors:?}"
    );
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let site = Site::example();
    site.build_ok();
    let before = snapshot(&site.output());
    site.edit("content/topics/zorg.md", "+++\ntitle", "+++\ntitel");
    site.build_errors();
    assert!(
        snapshot(&site.output()) == before,
        "output changed after a failed build"
    );
}

#[test]
fn a_non_empty_folder_not_made_by_opvolg_is_never_replaced() {
    let site = Site::example();
    site.write("output/notes.txt", "my own file");
    match site.build() {
        Err(opvolg::Failure::Usage(opvolg::Usage::OutputRefused(message))) => {
            assert!(message.contains("not made by opvolg"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(site.read("output/notes.txt"), "my own file");
    for inside in ["content", "data", "themes", "."] {
        let result = opvolg::build(&opvolg::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(site.root().join(inside)),
            review: false,
        });
        assert!(
            matches!(
                result,
                Err(opvolg::Failure::Usage(opvolg::Usage::OutputRefused(_)))
            ),
            "{inside}: {result:?}"
        );
    }
}

#[test]
fn script_in_content_never_reaches_the_output_as_markup() {
    let site = Site::example();
    let r1 = site.read("content/recommendations/R1.md");
    site.write(
        "content/recommendations/R1.md",
        &format!("{r1}\n<script>alert('x')</script>\n\nInline <img src=x onerror=alert(1)> too.\n"),
    );
    site.build_ok();
    let html = site.page("recommendations/R1.html");
    assert!(!html.contains("<script"), "script tag passed through");
    // The page's own images are its charts; the content's is shown as text.
    assert!(!html.contains("<img src=x"), "img tag passed through");
    assert!(html.contains("&lt;img src=x"));
    assert!(html.contains("&lt;script&gt;"));
}

#[test]
fn dangerous_links_are_dropped_with_a_located_warning() {
    let site = Site::example();
    let r1 = site.read("content/recommendations/R1.md");
    site.write(
        "content/recommendations/R1.md",
        &format!("{r1}\n[klik](javascript:alert(1)) en ![logo](https://elders.nl/logo.png)\n"),
    );
    let report = site.build_ok();
    let lines = report.warnings.lines();
    let line = 1 + r1.lines().count() + 1;
    assert!(
        lines.iter().any(|l| l.starts_with(&format!(
            "content/recommendations/R1.md:{line}:1: warning: links and images with javascript:"
        ))),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("images from other hosts are removed")),
        "{lines:?}"
    );
    let html = site.page("recommendations/R1.html");
    assert!(
        !html.contains("javascript:") && !html.contains("elders.nl"),
        "dropped from the page"
    );
    assert!(html.contains("klik"), "the link text stays");
}

#[test]
fn url_fields_must_be_web_addresses() {
    let site = Site::example();
    site.edit(
        "content/documents/beleidsreactie-2023-05-25.md",
        "reference = \"4654361\"",
        "reference = \"4654361\"\nurl = \"javascript:alert(1)\"",
    );
    let errors = site.build_errors();
    assert!(errors.iter().any(|e| e.starts_with("content/documents/beleidsreactie-2023-05-25.md:6:7: error: \"javascript:alert(1)\" is not a web address")), "{errors:?}");
}

#[test]
fn allowed_raw_html_is_sanitized() {
    let site = Site::example();
    site.edit(
        "site.toml",
        "theme = \"default\"",
        "theme = \"default\"\nallow_html = true",
    );
    let r1 = site.read("content/recommendations/R1.md");
    site.write("content/recommendations/R1.md", &format!("{r1}\n<p class=\"kader\" onmouseover=\"x()\">Met <abbr title=\"Centraal Orgaan opvang asielzoekers\">COA</abbr></p>\n\n<script>alert(1)</script>\n<iframe src=\"https://elders.nl\"></iframe>\n"));
    site.build_ok();
    let html = site.page("recommendations/R1.html");
    assert!(
        html.contains("<abbr title=\"Centraal Orgaan opvang asielzoekers\">COA</abbr>"),
        "allowed HTML passes"
    );
    assert!(
        !html.contains("onmouseover") && !html.contains("<iframe") && !html.contains("alert(1)"),
        "unsafe HTML removed"
    );
}

#[test]
fn every_page_carries_a_strict_content_security_policy() {
    let site = Site::example();
    site.build_ok();
    for (path, bytes) in snapshot(&site.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        let rest = "style-src 'self' file:; font-src 'self' file:; img-src 'self' file:; base-uri 'none'; form-action 'self' file:\">";
        if path == "search/index.html" {
            // The search page allows exactly its own script, by the hash of its text, and the
            // index files that script loads ('strict-dynamic'); nothing else.
            let script = html
                .split_once("<script>")
                .and_then(|(_, s)| s.split_once("</script>"))
                .map(|(s, _)| s)
                .expect("the search script");
            use base64::Engine;
            use sha2::Digest;
            let hash = base64::engine::general_purpose::STANDARD
                .encode(sha2::Sha256::digest(script.as_bytes()));
            let csp = format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-{hash}' 'strict-dynamic'; {rest}"
            );
            assert!(html.contains(&csp), "{path}: {csp}");
            assert_eq!(html.matches("<script").count(), 1, "{path}");
            assert!(
                !script.contains("http:")
                    && !script.contains("https:")
                    && !script.contains("eval(")
            );
        } else {
            let csp = format!(
                "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; {rest}"
            );
            assert!(html.contains(&csp), "{path}");
            assert!(!html.contains("<script"), "{path}");
        }
        // The page satisfies its own policy: no inline style, no event handlers.
        assert!(
            !html.contains(" style=") && !html.contains("<style"),
            "{path}"
        );
        assert!(
            !html.contains(" onload=") && !html.contains(" onclick="),
            "{path}"
        );
    }
}

#[test]
fn the_home_folder_is_refused_as_output() {
    let site = Site::example();
    let home = tempfile::tempdir().unwrap();
    std::fs::write(home.path().join(".profile"), "keep me").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_opvolg"))
        .args(["build", "--output"])
        .arg(home.path())
        .current_dir(site.root())
        .env("HOME", home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("refusing"));
    assert_eq!(
        std::fs::read_to_string(home.path().join(".profile")).unwrap(),
        "keep me"
    );
}

#[test]
fn leftovers_of_an_interrupted_build_are_cleaned_up() {
    let site = Site::example();
    site.build_ok();
    // An interrupted build leaves its staging folder, marked as opvolg's.
    site.write(".output.opvolg-new/.opvolg-output", "");
    site.write(".output.opvolg-new/half-written.html", "<p>half");
    site.build_ok();
    assert!(!site.root().join(".output.opvolg-new").exists());
    assert!(!site.output().join("half-written.html").exists());
}
