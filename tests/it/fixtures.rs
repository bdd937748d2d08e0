//! Small fixture sites under tests/fixtures: edge cases the example does not cover.

use crate::support::{Site, check_links};
use scraper::{Html, Selector};

#[test]
fn minimal_english_site_builds_with_edge_cases() {
    let site = Site::fixture("minimal");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings);
    let (broken, _) = check_links(&site.output());
    assert!(broken.is_empty(), "{broken:?}");

    // English interface text, from the translation table.
    let index = site.page("index.html");
    assert!(index.contains("<html lang=\"en\">"));
    assert!(index.contains("Skip to content"));
    assert!(
        index.contains("<strong>without</strong>"),
        "index.md without front matter is the intro"
    );

    // A recommendation with neither indicators nor commitments still has a chart.
    let a1 = Html::parse_document(&site.page("recommendations/A-1.html"));
    assert_eq!(a1.select(&Selector::parse("svg.chart").unwrap()).count(), 1);
    assert!(
        site.page("recommendations/A-1.html")
            .contains("href=\"../documents/letter.html#first-part-2\"")
    );

    // Commitment states as of 2024-03-31: late, overdue, open.
    let b2 = site.page("recommendations/b_2.html");
    for expected in ["fulfilled late", "overdue", "open", "implemented"] {
        assert!(b2.contains(expected), "b_2 shows {expected}");
    }
    // A single negative point renders, and meets its target of at most -5? No: -3.25 > -5.
    let single = site.page("indicators/single.html");
    assert!(single.contains("-3.25"), "negative value in the table");
    assert!(single.contains("not yet met"));
    // Huge values are formatted, not printed in exponent form.
    let big = site.page("indicators/big.html");
    assert!(
        big.contains("1,000,000,000,000"),
        "thousands separators in English"
    );
    assert!(
        big.contains("Provisional numbers"),
        "provisional data is labelled"
    );
}

#[test]
fn the_same_heading_twice_gets_distinct_anchors() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let doc = site.page("documents/letter.html");
    assert!(doc.contains("id=\"first-part\""));
    assert!(doc.contains("id=\"first-part-2\""));
    // Markdown h1 is demoted below the page's own h1.
    assert_eq!(doc.matches("<h1").count(), 1);
}
