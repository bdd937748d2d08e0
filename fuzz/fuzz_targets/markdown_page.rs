//! Fuzz target: front matter + Markdown, as a recommendation and as a document, through
//! parsing, validation, heading anchors, HTML rendering and the diagnostics report.
#![no_main]

use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;
use opvolg::diag::Diagnostics;
use opvolg::load::SourceFile;
use opvolg::{markdown, parse, validate};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diags = Diagnostics::default();
    let rec = SourceFile { path: "content/recommendations/R1.md".into(), text: text.into() };
    let _ = parse::parse_page::<parse::RawRecommendation>(&rec, &mut diags);
    let doc = SourceFile { path: "content/documents/d.md".into(), text: text.into() };
    if let Some(document) = validate::document(&doc, &mut diags) {
        let anchors: Vec<String> = document.headings.iter().map(|h| h.anchor.clone()).collect();
        let html = markdown::to_html(&document.body, &|a| Some(format!("<aside>{a}</aside>")));
        // Every anchor validation promised is an id in the HTML.
        for anchor in anchors {
            assert!(html.contains(&format!("id=\"{anchor}\"")), "anchor {anchor} missing");
        }
        assert!(!html.contains("<script"), "raw HTML passed through");
    }
    let _ = markdown::to_html(text, &|_| None);
    let mut out = NoColor::new(Vec::new());
    diags.into_report().emit(&mut out).expect("report renders");
});
