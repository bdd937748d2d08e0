//! The review copy: `build --review` marks every page and adds review.html with the findings,
//! each linked to its spot; `check --review` lists the same findings with file and line; a
//! normal build has none of it. The findings on the history fixture are worked out by hand.

use crate::support::{Site, check_links, snapshot};

/// Builds the review copy where it goes by default, and returns that folder: never output/,
/// which holds the site to publish.
fn review_build(site: &Site) -> std::path::PathBuf {
    let report = opvolg::build(&opvolg::BuildOptions {
        root: site.root().to_path_buf(),
        output: None,
        review: true,
    })
    .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    assert_eq!(report.output, site.root().join("output-review"));
    assert!(
        !site.output().exists(),
        "a review copy is not written to output/"
    );
    report.output
}

/// `opvolg check --review`: the findings (after "review:") and the changes (after
/// "changes:"), each `file:line: ...`.
fn check_review(site: &Site) -> (Vec<String>, Vec<String>) {
    let out = site.run(&["check", "--review"]);
    assert_eq!(out.status.code(), Some(0), "findings are not errors");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut findings = Vec::new();
    let mut changes = Vec::new();
    let mut in_changes = false;
    for line in text.lines() {
        if line.starts_with("changes: ") {
            in_changes = true;
        } else if line.starts_with("content/") || line.starts_with("data/") {
            if in_changes {
                changes.push(line.to_string());
            } else {
                findings.push(line.to_string());
            }
        }
    }
    (findings, changes)
}

#[test]
fn check_review_lists_the_findings_with_file_and_line() {
    let site = Site::fixture("history");
    let (findings, changes) = check_review(&site);
    assert_eq!(
        findings,
        [
            // R1 is implemented (20 June); the target of ind-a, due 30 June, is missed on
            // 30 September (48 < 50).
            "content/recommendations/R1.md:42: Implemented, but target not met: R1, step of 20 June 2024 — Indicator A: missed",
            "content/recommendations/R2.md:25: Deadline moved more than once: R2, commitment 2 (Passes, then moves twice) — moved 2×, from 30 April 2024 to 31 December 2024",
            "content/recommendations/R1.md:42: Follow-up without a source: R1, step of 20 June 2024 — no reference",
            "content/recommendations/R2.md:36: Follow-up without a source: R2, step of 1 August 2024 — no reference",
            "content/recommendations/R3.md:8: Follow-up without a source: R3, step of 15 May 2024 — no reference",
        ]
    );
    // The same words as review.html and the pages' lists of what changed.
    assert_eq!(
        changes,
        [
            "content/recommendations/R2.md:36: R2: Second — in progress → partially implemented",
            "content/recommendations/R2.md:25: R2, commitment 2 (Passes, then moves twice) — deadline moved on 15 July 2024 from 31 July 2024 to 31 December 2024",
            "data/indicators/ind-a.json:15: Indicator A — new figures: 1; latest: 48 % (July 2024)",
            "data/indicators/ind-a.json:2: Indicator A — missed",
        ]
    );
}

#[test]
fn every_kind_of_finding_is_found_where_it_applies() {
    let site = Site::fixture("history");
    // Two months without a step is stale now: R3 (15 May) is, and so is R2 once its August
    // step is gone (1 February); R1 is finished.
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[review]\nstale_after_months = 2\n"),
    );
    // Without its August step, R2's first commitment (due 15 March) has had no step since.
    let r2 = site.read("content/recommendations/R2.md");
    site.write(
        "content/recommendations/R2.md",
        &r2.replace(
            "\n[[status]]\ndate = 2024-08-01\nstate = \"partially_implemented\"\nnote = \"Half.\"\n",
            "",
        ),
    );
    // Provisional figures, no target, and no figure since February.
    site.write(
        "data/indicators/ind-a.json",
        r#"{
  "id": "ind-a",
  "title": "Indicator A",
  "unit": "%",
  "description": "Provisional, without target, outdated.",
  "source": { "name": "Test" },
  "provenance": "provisional",
  "chart": "line",
  "series": [ { "name": "A", "points": [
    { "date": "2024-01", "value": 40 },
    { "date": "2024-02", "value": 45 }
  ] } ]
}
"#,
    );
    let (findings, _) = check_review(&site);
    let kinds: Vec<&str> = findings
        .iter()
        .map(|f| f.split(": ").nth(1).unwrap_or(""))
        .collect();
    assert_eq!(
        kinds,
        [
            "Deadline passed without a new step",
            "No follow-up for a long time",
            "No follow-up for a long time",
            "Outdated figures",
            "Deadline moved more than once",
            "Illustrative or provisional figures",
            "Indicator without a target",
            "Follow-up without a source",
            "Follow-up without a source",
        ],
        "{findings:#?}"
    );
    assert_eq!(
        findings[0],
        "content/recommendations/R2.md:10: Deadline passed without a new step: R2, commitment 1 (Passes in the first period) — deadline 15 March 2024 passed; no step after that date"
    );
    assert_eq!(
        findings[1],
        "content/recommendations/R2.md:30: No follow-up for a long time: R2: Second — last step 1 February 2024"
    );
    assert_eq!(
        findings[2],
        "content/recommendations/R3.md:8: No follow-up for a long time: R3: Third — last step 15 May 2024"
    );
    assert!(findings[3].starts_with(
        "data/indicators/ind-a.json:11: Outdated figures: Indicator A — latest figure for February 2024"
    ));
}

#[test]
fn a_review_copy_marks_every_page_and_links_each_finding_to_its_spot() {
    let site = Site::fixture("history");
    let out = review_build(&site);
    let (broken, reachable) = check_links(&out);
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(reachable.contains("review.html"));
    for (path, bytes) in snapshot(&out) {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(html.contains("class=\"review-banner\""), "{path}");
            assert!(
                html.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"),
                "{path}"
            );
        }
    }
    let page = std::fs::read_to_string(out.join("review.html")).unwrap();
    for spot in [
        // Marked implemented while its indicator misses the target: the entry that says so.
        "href=\"recommendations/R1.html#_status.2024-06-20\"",
        "href=\"recommendations/R2.html#_commitment.2024-04-30\"",
        "href=\"recommendations/R3.html#_status.2024-05-15\"",
        "<code>content/recommendations/R2.md:25</code>",
    ] {
        assert!(page.contains(spot), "{spot}");
    }
    assert!(page.contains("What changed since 30 June 2024"));
}

#[test]
fn a_normal_build_has_no_banner_and_no_review_page() {
    let site = Site::fixture("history");
    site.build_ok();
    assert!(!site.output().join("review.html").exists());
    for (path, bytes) in snapshot(&site.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("review-banner"), "{path}");
        assert!(!text.contains("noindex"), "{path}");
    }
    // The sitemap never lists the review page.
    assert!(!site.read("output/sitemap.xml").contains("review.html"));
}

#[test]
fn stale_after_months_must_be_a_whole_number_of_months() {
    let site = Site::fixture("history");
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{config}\n[review]\nstale_after_months = 2.5\n"),
    );
    let errors = site.build_errors();
    assert!(
        errors.iter().any(|e| e.starts_with("site.toml:8:22:")
            && e.contains("stale_after_months must be a whole number of months")),
        "{errors:?}"
    );
}
