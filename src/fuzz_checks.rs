//! Invariants checked on arbitrary input, shared by the fuzz targets (fuzz/) and the
//! regression tests that replay what the fuzzers found (tests/fuzz_regressions/).
//!
//! Each function must return normally for every input; a panic is a bug. Not part of the
//! build pipeline.

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::load::{Input, Sources};
use crate::model::Language;
use crate::render::{Discard, Job, RenderOptions};
use crate::render::{charts, escape_html, i18n::Translations, pages};
use crate::source::SourceFile;
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
        let mut drawing = Diagnostics::default();
        let chart =
            charts::indicator_chart(&indicator, "c", as_of, translations(), "d", &mut drawing);
        assert!(chart.svg.starts_with("<svg"), "a chart is SVG");
        assert!(drawing.is_empty(), "a valid indicator's chart draws");
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

/// A small site whose every text file but one is fixed: the fuzzed text is the
/// recommendation `R1` and, on its own, the document `d` (which R1 and R2 cite). The site is
/// validated and, when valid, rendered with the built-in theme in both languages (nothing is
/// written): templates, partials, Markdown with its theme markup, charts, downloads, feed and
/// dossier all run on what the text says. True when the site was valid, so rendered.
pub fn rendered_site(text: &str) -> bool {
    let mut rendered_any = false;
    for language in [Language::Nl, Language::En] {
        let mut files = std::collections::BTreeMap::new();
        let mut add = |path: &str, text: &str| {
            files.insert(
                path.to_string(),
                Input::Text(SourceFile {
                    path: path.to_string(),
                    text: text.into(),
                }),
            );
        };
        add(
            "site.toml",
            &format!(
                "title = \"Fuzz\"\nlanguage = \"{}\"\nas_of = 2024-06-30\nbase_url = \"https://example.org/\"\n",
                language.code()
            ),
        );
        add("content/index.md", "Intro.\n");
        add(
            "content/documents/d.md",
            &format!("+++\ntitle = \"D\"\ndate = 2023-05-25\nkind = \"progress\"\n+++\n{text}"),
        );
        add(
            "content/documents/letter.md",
            "+++\ntitle = \"Letter\"\ndate = 2023-05-01\nkind = \"report\"\n+++\n## Answer\n",
        );
        add("content/topics/t.md", "+++\ntitle = \"T\"\n+++\nTopic.\n");
        add("content/recommendations/R1.md", text);
        add(
            "content/recommendations/R2.md",
            "+++\nid = \"R2\"\ntitle = \"Two\"\nsource = \"letter\"\ntopics = [\"t\"]\nresponse = \"accepted\"\nresponse_ref = \"d\"\nindicators = [\"i\"]\n[[commitments]]\ntext = \"c\"\nowner = \"o\"\ndue = 2024-01-01\n[[status]]\ndate = 2023-06-01\nstate = \"open\"\nnote = \"n\"\n+++\nTwo.\n",
        );
        add(
            "data/indicators/i.json",
            r#"{"id": "i", "title": "I", "unit": "u", "description": "d", "source": {"name": "s"}, "provenance": "official", "chart": "line", "target": {"value": 5, "direction": "at_most", "by": "2024-01-01"}, "series": [{"name": "a", "points": [{"date": "2023", "value": 9}, {"date": "2024", "value": 3}]}]}"#,
        );
        let sources = Sources {
            files,
            theme_folders: Vec::new(),
        };
        let mut diags = Diagnostics::default();
        let site = crate::validate::validate(sources, &mut diags);
        let mut out = NoColor::new(Vec::new());
        diags
            .into_report()
            .emit(&mut out)
            .expect("the report renders");
        let Some(site) = site else {
            continue;
        };
        rendered_any = true;
        let theme = crate::project::built_in_theme(language).expect("the built-in theme compiles");
        for review in [false, true] {
            let mut jobs = Job::all(&site);
            if review {
                jobs.push(Job::Review);
            }
            let rendered = crate::render::render(
                &site,
                &theme,
                RenderOptions { review },
                &jobs,
                &Discard,
                &|_, _| {},
                crate::render::Record::Nothing,
            )
            .expect("nothing is written, so nothing fails to be");
            // The built-in theme renders every page of a valid site: a problem here is a
            // bug of opvolg's, not of the text.
            let problems = rendered.diagnostics().into_report();
            assert!(
                problems.errors() == 0
                    || problems
                        .lines()
                        .iter()
                        .all(|l| l.contains("the link goes to #")),
                "{:?}",
                problems.lines()
            );
        }
    }
    rendered_any
}
