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
                && e.contains("\"2023-13\" is not a real day, month or quarter")),
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
        Err(opvolg::Failure::Usage(message)) => {
            assert!(message.contains("not made by opvolg"), "{message}")
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(site.read("output/notes.txt"), "my own file");
    for inside in ["content", "data", "themes", "."] {
        let result = opvolg::build(&opvolg::BuildOptions {
            root: site.root().to_path_buf(),
            output: Some(site.root().join(inside)),
        });
        assert!(
            matches!(result, Err(opvolg::Failure::Usage(_))),
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
    assert!(!html.contains("<img"), "img tag passed through");
    assert!(html.contains("&lt;script&gt;"));
}
