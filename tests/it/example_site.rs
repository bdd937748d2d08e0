//! The bundled example site: it builds, every page is reachable and linked correctly, every
//! recommendation page shows its state, response link and charts, and builds are repeatable.

use crate::support::{Site, check_links, snapshot};
use scraper::{Html, Selector};

#[test]
fn the_model_matches_the_policy_response() {
    let site = Site::example();
    let checked = match opvolg::check(site.root()) {
        Ok(c) => c,
        Err(e) => panic!("{e:?}"),
    };
    let s = &checked.site;
    assert_eq!(
        s.recommendations.keys().collect::<Vec<_>>(),
        ["R1", "R2", "R3", "R4"]
    );
    assert_eq!(s.topics.len(), 5);
    assert!(
        (5..=7).contains(&s.indicators.len()),
        "{}",
        s.indicators.len()
    );
    // Every example indicator is invented, and says so.
    assert!(
        s.indicators
            .values()
            .all(|i| i.provenance == opvolg::model::Provenance::Illustrative)
    );
    let response = &s.documents["beleidsreactie-2023-05-25"];
    let anchors: Vec<&str> = response
        .body
        .headings
        .iter()
        .map(|h| h.anchor.as_str())
        .collect();
    for expected in [
        "leefomstandigheden-cno",
        "amv-opvang-in-ter-apel",
        "toegang-tot-onderwijs",
        "toegang-tot-zorg",
        "toerusting-medewerkers",
    ] {
        assert!(anchors.contains(&expected), "{anchors:?}");
    }
    for rec in s.recommendations.values() {
        let answer = rec.response_ref.as_ref().expect("every one is answered");
        assert_eq!(answer.document, "beleidsreactie-2023-05-25", "{}", rec.id);
        assert!(answer.anchor.is_some(), "{} links to a paragraph", rec.id);
        assert!(!rec.commitments.is_empty(), "{} has commitments", rec.id);
    }
    // The Ter Apel commitment: back to 55 unaccompanied minors.
    let ter_apel = &s.indicators["amv-ter-apel"];
    assert_eq!(ter_apel.target.as_ref().map(|t| t.value.value), Some(55.0));
    assert!(checked.warnings.is_empty(), "{:?}", checked.warnings);
}

#[test]
fn every_page_is_reachable_and_no_link_or_anchor_is_broken() {
    let site = Site::example();
    site.build_ok();
    let (broken, reachable) = check_links(&site.output());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    let pages: Vec<String> = snapshot(&site.output())
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    let unreachable: Vec<&String> = pages.iter().filter(|p| !reachable.contains(*p)).collect();
    assert!(
        unreachable.is_empty(),
        "not reachable from index.html: {unreachable:?}"
    );
    assert!(pages.len() >= 4 + 6 + 2 + 5 + 5, "{} pages", pages.len());
}

#[test]
fn recommendation_pages_show_state_response_link_and_charts() {
    let site = Site::example();
    site.build_ok();
    let svg = Selector::parse("svg.chart").unwrap();
    let figure = Selector::parse("figure.chart").unwrap();
    let description = Selector::parse(".chart-description").unwrap();
    let image = Selector::parse("figure.chart img").unwrap();
    let facts = Selector::parse(".facts").unwrap();
    let response =
        Selector::parse("a[href^=\"../documents/beleidsreactie-2023-05-25.html#\"]").unwrap();
    for (id, state) in [
        ("R1", "in uitvoering"),
        ("R2", "deels gerealiseerd"),
        ("R3", "open"),
        ("R4", "deels gerealiseerd"),
    ] {
        let html = Html::parse_document(&site.page(&format!("recommendations/{id}.html")));
        let facts_text: String = html.select(&facts).flat_map(|e| e.text()).collect();
        assert!(
            facts_text.contains(state),
            "{id} shows state {state}: {facts_text}"
        );
        assert!(
            html.select(&response).next().is_some(),
            "{id} links to the answering paragraph"
        );
        // The timeline is drawn into the page; each indicator's chart is its SVG file.
        assert_eq!(html.select(&svg).count(), 1, "{id} has its timeline");
        let images: Vec<_> = html.select(&image).collect();
        assert!(!images.is_empty(), "{id} has at least one indicator chart");
        for img in images {
            let src = img.value().attr("src").unwrap_or_default();
            let file = site.read(&format!("output/recommendations/{src}"));
            assert!(
                file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
                "{src}"
            );
            assert!(file.contains("<title>"), "{src} has its title");
        }
        // Every chart (the timeline and each indicator's) is described by the text under it.
        let figures: Vec<_> = html.select(&figure).collect();
        assert!(figures.len() >= 2, "{id}: the timeline and an indicator");
        for fig in figures {
            let text: String = fig.select(&description).flat_map(|d| d.text()).collect();
            assert!(
                text.len() > 30,
                "{id}: a chart without its description: {text:?}"
            );
            let id_of = fig.value().attr("id").unwrap_or_default();
            let described_by = format!("{id_of}.description");
            let refers = fig
                .html()
                .contains(&format!("aria-describedby=\"{described_by}\""))
                || fig.html().contains(&format!("id=\"{described_by}\""));
            assert!(refers, "{id}: {id_of} points at its description");
        }
    }
}

#[test]
fn illustrative_data_is_labelled_on_every_chart_and_table() {
    let site = Site::example();
    site.build_ok();
    let figure = Selector::parse("figure.chart").unwrap();
    for page in ["indicators/amv-ter-apel.html", "recommendations/R1.html"] {
        let html = Html::parse_document(&site.page(page));
        for fig in html.select(&figure) {
            let text: String = fig.text().collect();
            if text.contains("Tijdlijn") {
                continue; // the follow-up timeline shows no indicator numbers
            }
            assert!(
                text.contains("ILLUSTRATIEF"),
                "{page}: chart figure without label: {text}"
            );
            assert!(
                text.contains("Illustratieve cijfers"),
                "{page}: figure lacks the warning"
            );
        }
    }
    let dashboard = Html::parse_document(&site.page("index.html"));
    let rows = Selector::parse("table.indicators tbody tr").unwrap();
    for row in dashboard.select(&rows) {
        assert!(row.text().collect::<String>().contains("illustratief"));
    }
    let csv = site.page("indicators/amv-ter-apel.csv");
    assert!(
        csv.lines().skip(1).all(|l| l.ends_with(",illustrative,,")),
        "{csv}"
    );
}

#[test]
fn indicator_pages_offer_data_downloads_that_read_back() {
    let site = Site::example();
    site.build_ok();
    let download = site.page("indicators/amv-ter-apel.json");
    let json: serde_json::Value = serde_json::from_str(&download).unwrap();
    assert_eq!(json["id"], "amv-ter-apel");
    assert_eq!(json["provenance"], "illustrative");
    // Counts stay whole numbers, as in the data file.
    assert_eq!(json["series"][0]["points"][0]["value"].as_i64(), Some(452));
    // The download is a valid data file: used as the source, it gives the same page.
    let page = site.page("indicators/amv-ter-apel.html");
    site.write("data/indicators/amv-ter-apel.json", &download);
    site.build_ok();
    assert_eq!(site.page("indicators/amv-ter-apel.html"), page);
    assert_eq!(site.page("indicators/amv-ter-apel.json"), download);
    let csv = site.page("indicators/amv-ter-apel.csv");
    assert!(csv.starts_with("indicator,series,period,value,unit,provenance,qualifier,note\n"));
    // A null in the data stays an empty cell, not a zero.
    assert!(csv.lines().any(|l| l.contains(",,")), "{csv}");
    let html = site.page("indicators/amv-ter-apel.html");
    assert!(html.contains("href=\"../indicators/amv-ter-apel.csv\""));
    assert!(
        html.contains("niet behaald"),
        "the Ter Apel target was missed as of 2024-06-30"
    );
}

#[test]
fn document_pages_link_back_from_cited_sections() {
    let site = Site::example();
    site.build_ok();
    let html = site.page("documents/beleidsreactie-2023-05-25.html");
    let at = html
        .find("id=\"toegang-tot-onderwijs\"")
        .expect("heading anchor");
    let after = &html[at..];
    let aside = after
        .find("class=\"cited-by\"")
        .expect("cited-by after the heading");
    assert!(aside < 200, "the backlink sits right after the heading");
    assert!(after[aside..].contains("../recommendations/R2.html"));
    // Footnotes became footnotes.
    assert!(html.contains("id=\"_fn.1\"") && html.contains("href=\"#_fnref.4\""));
}

#[test]
fn two_builds_are_byte_identical_and_leave_no_stale_files() {
    let site = Site::example();
    site.build_ok();
    let first = snapshot(&site.output());
    site.build_ok();
    let second = snapshot(&site.output());
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &first {
        assert!(second[path] == *bytes, "{path} differs between builds");
    }
    // Removing a topic removes its page on the next build.
    std::fs::remove_file(site.root().join("content/topics/zorg.md")).unwrap();
    site.edit(
        "content/recommendations/R2.md",
        "topics = [\"onderwijs\", \"zorg\"]",
        "topics = [\"onderwijs\"]",
    );
    site.build_ok();
    assert!(!site.output().join("topics/zorg.html").exists());
}

#[test]
fn output_holds_no_machine_paths_and_no_foreign_requests() {
    let site = Site::example();
    site.build_ok();
    let root = site.root().to_string_lossy().to_string();
    for (path, bytes) in snapshot(&site.output()) {
        if !path.ends_with(".html") && !path.ends_with(".css") && !path.ends_with(".js") {
            continue;
        }
        let text = String::from_utf8(bytes).unwrap();
        assert!(!text.contains(&root), "{path} contains the build folder");
        if path.ends_with(".js") {
            assert!(
                path.starts_with("search/"),
                "{path}: a script outside the search index"
            );
            assert!(
                !text.contains("http:") && !text.contains("https:"),
                "{path}"
            );
        }
        // Only the search page has a script (its own, inline, allowed by its hash).
        if path != "search/index.html" {
            assert!(!text.contains("<script"), "{path} has a script");
        } else {
            assert!(!text.contains("<script src"), "{path} loads a script");
        }
        for attr in ["src=\"http", "href=\"//", "url(http", "url(//"] {
            assert!(
                !text.contains(attr),
                "{path} loads from another host: {attr}"
            );
        }
    }
}

#[test]
fn the_timeline_table_lists_status_changes_and_deadlines_in_date_order() {
    let site = Site::example();
    site.build_ok();
    // On the recommendation's page the timeline points at the page's own tables; the dossier,
    // a document to print, has the timeline's table.
    let page = Html::parse_document(&site.page("recommendations/R1.html"));
    let more: Vec<&str> = page
        .select(&Selector::parse("#_timeline\\.R1 .chart-more a").unwrap())
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(more, ["../recommendations/R1.html#_commitments"]);
    let html = Html::parse_document(&site.page("dossier.html"));
    let caption = Selector::parse("table caption").unwrap();
    let timeline = html
        .select(&Selector::parse("table").unwrap())
        .find(|t| {
            t.select(&caption)
                .any(|c| c.text().collect::<String>() == "Tijdlijn van de opvolging van R1")
        })
        .expect("the timeline's table");
    let dates: Vec<String> = timeline
        .select(&Selector::parse("tbody th").unwrap())
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(
        dates,
        [
            "25 mei 2023",
            "1 juli 2023",
            "15 december 2023",
            "1 mei 2024",
            // The deadline moved on 1 May 2024, to 31 December 2024.
            "1 mei 2024",
            "31 december 2024"
        ]
    );
    let moved = timeline
        .select(&Selector::parse("tbody tr").unwrap())
        .map(|tr| tr.text().collect::<String>())
        .find(|row| row.contains("verschoven"))
        .expect("the move of the deadline is a row");
    assert!(
        moved.contains("termijn op 1 mei 2024 verschoven van 1 januari 2024 naar 31 december 2024"),
        "{moved}"
    );
}
