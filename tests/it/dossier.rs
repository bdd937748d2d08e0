//! The print dossier: everything in one document, every id once, every link landing on its
//! section; a site too large to print gets a page that says so. (Printing it to PDF is in
//! browser.rs, with the real browser.)

use crate::support::{Site, check_links};
use scraper::{Html, Selector};
use std::collections::BTreeMap;

#[test]
fn the_dossier_holds_every_item_once_with_unique_ids_and_working_links() {
    let site = Site::fixture("history");
    site.build_ok();
    let page = site.page("dossier.html");
    let html = Html::parse_document(&page);
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for element in html.select(&Selector::parse("[id]").unwrap()) {
        *counts
            .entry(element.value().attr("id").unwrap().to_string())
            .or_default() += 1;
    }
    let twice: Vec<&String> = counts
        .iter()
        .filter(|(_, n)| **n > 1)
        .map(|(id, _)| id)
        .collect();
    assert!(twice.is_empty(), "ids on the page twice: {twice:?}");
    for id in [
        "_rec.R1",
        "_rec.R2",
        "_rec.R3",
        "_ind.ind-a",
        "_doc.letter",
        "_doc.answer",
        "_doc.progress-1",
        "_doc.progress-2",
        // A document's headings keep their place, under the document's prefix.
        "_doc.answer.answer",
        // Each chart once: R1's timeline, and the indicator's chart.
        "_timeline.R1",
        "_chart.ind-a",
    ] {
        assert_eq!(counts.get(id), Some(&1), "{id}");
    }
    // The answer of R1 points into the dossier, at the section of the answer's text.
    assert!(page.contains("href=\"#_doc.answer.answer\""));
    let (broken, reachable) = check_links(&site.output());
    assert!(broken.is_empty(), "{broken:#?}");
    assert!(reachable.contains("dossier.html"), "linked from every page");
    // The print stylesheet carries the running head of this site.
    let css = site.read("output/dossier-print.css");
    assert!(
        css.contains("content: \"History fixture · state as of 30 September 2024\""),
        "{css}"
    );
}

#[test]
fn a_site_too_large_to_print_gets_a_dossier_page_that_says_so() {
    let dir = tempfile::tempdir().unwrap();
    opvolg::synthetic::generate(101, dir.path(), false);
    let report = opvolg::build(&opvolg::BuildOptions {
        root: dir.path().to_path_buf(),
        output: None,
        review: false,
    });
    assert!(report.is_ok(), "{:?}", report.err());
    let page = std::fs::read_to_string(dir.path().join("output/dossier.html")).unwrap();
    assert!(
        page.contains(
            "Deze site volgt 101 aanbevelingen: te veel om als één document af te drukken"
        ),
        "{page}"
    );
    assert!(!page.contains("id=\"_rec."), "no recommendation in it");
    assert!(page.len() < 20_000, "{} bytes", page.len());
}
