//! Links and files in Markdown: every link form becomes the relative URL of its target, files
//! that pages link to are published next to them, and what is not linked is not published.
//! (Every way a link can be wrong is a case in `cases.rs`.)

use crate::support::{Site, check_links, snapshot};

const A1: &str = "content/recommendations/A-1.md";

fn hrefs(html: &str) -> Vec<String> {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(".prose p a[href], .prose p img[src]").unwrap();
    doc.select(&sel)
        .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
        .map(String::from)
        .collect()
}

#[test]
fn every_link_form_becomes_the_relative_url_of_its_target() {
    let site = Site::fixture("minimal");
    site.edit(
        A1,
        "+++\nBody.\n",
        "+++\nBody.\n\n## Details\n\n\
         [a](b_2.md) [b](./b_2.md#_progress) [c](../documents/letter.md#answer) \
         [d](@/recommendations/b_2.md) [e](@/documents/letter.md#answer) \
         [f](../../data/indicators/single.json) [g](@/indicators/big.json) \
         [h](../recommendations/b_2.html#_commitments) [i](../indicators/index.html) \
         [j](#details) [k](#_commitments) [l](../index.md) [m](@/topics/general.md) \
         [n](https://example.org/x) [o](mailto:someone@example.org) \
         ![Figure 1](figure1.png) [annex](../documents/annex%201.pdf) [again](b_2.md)\n",
    );
    site.write("content/recommendations/figure1.png", "not really a PNG");
    site.write("content/documents/annex 1.pdf", "%PDF-1.4");
    let report = site.build_ok();
    assert!(report.warnings.is_empty(), "{:?}", report.warnings.lines());
    let found = hrefs(&site.page("recommendations/A-1.html"));
    let expected = [
        "b_2.html",
        "b_2.html#_progress",
        "../documents/letter.html#answer",
        "b_2.html",
        "../documents/letter.html#answer",
        "../indicators/single.html",
        "../indicators/big.html",
        "b_2.html#_commitments",
        "../indicators/index.html",
        "#details",
        "#_commitments",
        "../index.html",
        "../topics/general.html",
        "https://example.org/x",
        "mailto:someone@example.org",
        "figure1.png",
        "../documents/annex%201.pdf",
        "b_2.html",
    ];
    assert_eq!(found, expected);
    // The files are published at their place under content/, byte for byte.
    let out = snapshot(&site.output());
    assert_eq!(out["recommendations/figure1.png"], b"not really a PNG");
    assert_eq!(out["documents/annex 1.pdf"], b"%PDF-1.4");
    let (broken, _) = check_links(&site.output());
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn links_are_rewritten_in_the_dashboard_documents_and_topics() {
    let site = Site::fixture("minimal");
    site.write(
        "content/index.md",
        "See [the letter](documents/letter.md#answer) and [A-1](@/recommendations/A-1.md).\n",
    );
    site.edit(
        "content/documents/letter.md",
        "The answer.",
        "The answer to [A-1](../recommendations/A-1.md), see ![chart](img/chart.png).",
    );
    site.write("content/documents/img/chart.png", "png");
    site.edit(
        "content/topics/general.md",
        "A topic without recommendations.",
        "Nothing here yet; see [the letter](../documents/letter.md).",
    );
    site.build_ok();
    assert_eq!(
        hrefs(&site.page("index.html")),
        ["documents/letter.html#answer", "recommendations/A-1.html"]
    );
    assert_eq!(
        hrefs(&site.page("documents/letter.html")),
        ["../recommendations/A-1.html", "img/chart.png"]
    );
    assert_eq!(
        hrefs(&site.page("topics/general.html")),
        ["../documents/letter.html"]
    );
    assert!(site.output().join("documents/img/chart.png").is_file());
    let (broken, _) = check_links(&site.output());
    assert!(broken.is_empty(), "{broken:?}");
}

#[test]
fn a_file_no_page_links_to_is_a_warning_and_is_not_published() {
    let site = Site::fixture("minimal");
    site.write("content/documents/draft notes.docx", "words");
    let report = site.build_ok();
    let lines = report.warnings.lines();
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with(
            "content/documents/draft notes.docx:1:1: warning: no page links to this file"
        ),
        "{lines:?}"
    );
    assert!(!site.output().join("documents/draft notes.docx").exists());
}
