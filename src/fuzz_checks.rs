//! Invariants checked on arbitrary input, shared by the fuzz targets (fuzz/) and the
//! regression tests that replay what the fuzzers found (tests/fuzz_regressions/).
//!
//! Each function must return normally for every input; a panic is a bug. Not part of the
//! build pipeline.

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::load::SourceFile;
use crate::render::{charts, escape_html, i18n::Translations, pages};
use crate::{markdown, parse, validate};
use codespan_reporting::term::termcolor::NoColor;
use std::sync::OnceLock;

/// Front matter and Markdown, read as a recommendation and as a document: parsing,
/// validation, anchors, HTML and the diagnostics report.
pub fn markdown_page(text: &str) {
    let mut diags = Diagnostics::default();
    let rec = SourceFile {
        path: "content/recommendations/R1.md".into(),
        text: text.into(),
    };
    let _ = parse::parse_page::<parse::RecommendationFile>(&rec, &mut diags);
    let doc = SourceFile {
        path: "content/documents/d.md".into(),
        text: text.into(),
    };
    if let Some(document) = validate::document(&doc, &mut diags) {
        let options = markdown::HtmlOptions::default();
        let html = markdown::to_html(document.body.markdown(), options, &markdown::PlainMarkup);
        // Every anchor validation accepted is an id in the HTML, so references resolve.
        for heading in document.body.headings.iter() {
            let id = format!("id=\"{}\"", escape_html(&heading.anchor));
            assert!(html.contains(&id), "anchor {} missing", heading.anchor);
        }
        assert!(!html.contains("<script"), "raw HTML passed through");
        let sanitized = markdown::to_html(
            document.body.markdown(),
            markdown::HtmlOptions {
                allow_html: true,
                ..Default::default()
            },
            &markdown::PlainMarkup,
        );
        assert!(
            !sanitized.contains("<script"),
            "sanitizer let a script through"
        );
    }
    let mut out = NoColor::new(Vec::new());
    diags
        .into_report()
        .emit(&mut out)
        .expect("the report renders");
}

fn translations() -> &'static Translations {
    static TEXTS: OnceLock<Translations> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let file = SourceFile {
            path: "nl.toml".into(),
            text: include_str!("../themes/default/i18n/nl.toml").into(),
        };
        Translations::parse(&file, &mut Diagnostics::default()).expect("bundled texts are valid")
    })
}

/// Indicator JSON: parsing, validation, the target computation, the chart and the report.
pub fn indicator_json(text: &str) {
    let file = SourceFile {
        path: "data/indicators/x.json".into(),
        text: text.into(),
    };
    let mut diags = Diagnostics::default();
    if let Some(indicator) = validate::indicator(&file, &mut diags) {
        let as_of = Date::parse("2024-06-30").expect("a valid date");
        let _ = indicator.target_state(as_of);
        let chart = charts::indicator_chart(&indicator, "c", as_of, translations(), "d");
        assert!(chart.svg.starts_with("<svg"), "a chart is SVG");
        // The JSON download is itself a valid data file that reads back to the same indicator.
        let download = SourceFile {
            path: file.path.clone(),
            text: String::from_utf8(
                pages::indicator::json(&indicator).expect("the download is made"),
            )
            .expect("JSON is UTF-8")
            .into(),
        };
        let mut again = Diagnostics::default();
        // The same indicator, written elsewhere in its file.
        let read_back = validate::indicator(&download, &mut again).map(|mut ind| {
            ind.places = indicator.places.clone();
            ind
        });
        assert_eq!(read_back.as_ref(), Some(&indicator), "{}", download.text);
    }
    let mut out = NoColor::new(Vec::new());
    diags
        .into_report()
        .emit(&mut out)
        .expect("the report renders");
}
