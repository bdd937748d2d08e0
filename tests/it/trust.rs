//! What a publisher would otherwise only find out in public: ids that content cannot take from
//! the theme, lists in the order people count, and the like.

use crate::support::{Site, repo, snapshot};
use scraper::{Html, Selector};
use std::collections::BTreeMap;

/// Every id on every page of the site's output that appears more than once, as "page: id".
fn duplicate_ids(site: &Site) -> Vec<String> {
    let any_id = Selector::parse("[id]").unwrap();
    let mut found = Vec::new();
    for (path, bytes) in snapshot(&site.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for element in html.select(&any_id) {
            *counts
                .entry(element.value().attr("id").unwrap().to_string())
                .or_default() += 1;
        }
        found.extend(
            counts
                .into_iter()
                .filter(|(_, n)| *n > 1)
                .map(|(id, n)| format!("{path}: {id} ({n} times)")),
        );
    }
    found
}

/// Every text of the theme's `[ui]` table in both languages: the names of every section a
/// template can give an id.
fn interface_texts() -> Vec<String> {
    let mut texts = Vec::new();
    for language in ["en", "nl"] {
        let table: toml::Table =
            std::fs::read_to_string(repo().join(format!("themes/default/i18n/{language}.toml")))
                .unwrap()
                .parse()
                .unwrap();
        for value in table["ui"].as_table().unwrap().values() {
            if let Some(text) = value.as_str().filter(|t| !t.contains('{')) {
                texts.push(text.to_string());
            }
        }
    }
    texts.extend(["Main".into(), "Fn 1".into(), "Chart amv".into()]);
    texts
}

#[test]
fn headings_named_like_the_templates_sections_and_repeated_footnotes_give_no_duplicate_id() {
    let headings: String = interface_texts()
        .iter()
        .map(|text| format!("## {text}\n\nText[^a] and again[^a].\n\n"))
        .collect();
    let body = format!("{headings}[^a]: A footnote cited many times.\n");
    for language in ["en", "nl"] {
        let site = Site::fixture("minimal");
        site.edit(
            "site.toml",
            "language = \"en\"",
            &format!("language = \"{language}\""),
        );
        site.write("content/index.md", &body);
        site.edit(
            "content/recommendations/A-1.md",
            "+++\nBody.\n",
            &format!("+++\n{body}"),
        );
        site.edit(
            "content/topics/general.md",
            "A topic without recommendations.",
            &body,
        );
        let letter = site.read("content/documents/letter.md");
        site.write("content/documents/letter.md", &format!("{letter}\n{body}"));
        site.build_ok();
        let duplicates = duplicate_ids(&site);
        assert!(duplicates.is_empty(), "{language}: {duplicates:#?}");
        // The sections are still there, under opvolg's own ids.
        let page = site.page("recommendations/A-1.html");
        assert!(page.contains("id=\"_commitments\"") && page.contains("href=\"#_main\""));
        assert!(
            page.contains("id=\"_fnref.1.2\""),
            "every reference has its own id"
        );
    }
}

#[test]
fn an_explicit_anchor_in_opvolgs_namespace_is_an_error() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/documents/letter.md",
        "## Answer {#answer}",
        "## Answer {#_main}",
    );
    site.edit(
        "content/recommendations/A-1.md",
        "+++\nBody.\n",
        "+++\n## Procurement rules {#Procurement rules}\n",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/documents/letter.md:")
                && e.contains("{#_main} starts with '_'")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/recommendations/A-1.md:")
                && e.contains("write {#procurement-rules}")),
        "{errors:?}"
    );
}

#[test]
fn lists_tables_and_links_back_follow_the_natural_order_of_ids() {
    let site = Site::fixture("minimal");
    let template = site.read("content/recommendations/b_2.md");
    for id in ["R2", "R10", "R1"] {
        site.write(
            &format!("content/recommendations/{id}.md"),
            &template
                .replace("id = \"b_2\"", &format!("id = \"{id}\""))
                .replace("title = \"Second\"", &format!("title = \"Number {id}\""))
                .replace(
                    "indicators = [\"single\", \"big\"]",
                    "indicators = [\"single\"]\ntopics = [\"general\"]",
                ),
        );
    }
    site.build_ok();
    let order = |page: &str| -> Vec<String> {
        let html = site.page(page);
        ["R1", "R2", "R10"]
            .iter()
            .map(|id| {
                (
                    html.find(&format!("Number {id}")).unwrap_or(usize::MAX),
                    id.to_string(),
                )
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .map(|(_, id)| id)
            .collect()
    };
    for page in [
        "index.html",
        "recommendations/index.html",
        "topics/general.html",
        "indicators/single.html",
        "documents/letter.html",
    ] {
        assert_eq!(order(page), ["R1", "R2", "R10"], "{page}");
    }
}

#[test]
fn every_missing_field_of_a_file_is_reported_in_one_run() {
    let site = Site::fixture("minimal");
    site.write(
        "content/documents/letter.md",
        "+++\nauthor = \"Someone\"\n+++\nText.\n",
    );
    site.write(
        "data/indicators/single.json",
        "{\"id\": \"single\", \"unit\": 5, \"series\": []}",
    );
    let errors = site.build_errors();
    for missing in ["title", "date", "kind"] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("content/documents/letter.md:2:1:")
                    && e.contains(&format!("the required field `{missing}` is missing"))),
            "{missing}: {errors:#?}"
        );
    }
    for missing in ["title", "description", "source", "provenance"] {
        assert!(
            errors
                .iter()
                .any(|e| e.starts_with("data/indicators/single.json:1:1:")
                    && e.contains(&format!("`{missing}` is missing"))),
            "{missing}: {errors:#?}"
        );
    }
    // The wrong type in the same file, at the value, in the same run.
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("data/indicators/single.json:1:26:")
                && e.contains("expected a text (in quotes), found the number 5")),
        "{errors:#?}"
    );
}

#[test]
fn raw_html_shown_as_text_is_said_once_per_file_with_the_way_to_allow_it() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/recommendations/A-1.md",
        "+++\nBody.\n",
        "+++\nBody with <b>bold</b>.\n\n<div>and a block</div>\n",
    );
    let report = site.build_ok();
    let lines = report.warnings.lines();
    assert_eq!(lines.len(), 1, "{lines:#?}");
    assert!(
        lines[0].starts_with(
            "content/recommendations/A-1.md:13:11: warning: raw HTML is shown as text"
        ) && lines[0].contains("allow_html = true"),
        "{lines:#?}"
    );
    site.edit("site.toml", "as_of", "allow_html = true\nas_of");
    assert!(site.build_ok().warnings.is_empty());
}

#[test]
fn a_template_error_met_on_many_pages_names_the_first_page_in_path_order_every_time() {
    let site = Site::fixture("minimal");
    for id in ["t3", "t1", "t2"] {
        site.write(
            &format!("content/topics/{id}.md"),
            "+++\ntitle = \"T\"\n+++\nText.\n",
        );
    }
    let topic = std::fs::read_to_string(repo().join("themes/default/templates/topic.html"))
        .unwrap()
        .replace("{{ page.title }}</h1>", "{{ page.titel }}</h1>");
    site.write("themes/default/templates/topic.html", &topic);
    for _ in 0..5 {
        let errors = site.build_errors();
        assert_eq!(errors.len(), 1, "one report for all pages: {errors:#?}");
        assert!(
            errors[0].contains("first met while rendering topics/general.html"),
            "{errors:#?}"
        );
    }
}

#[test]
fn a_pending_response_needs_no_reference_and_is_shown_as_awaited() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/recommendations/A-1.md",
        "response = \"rejected\"\nresponse_ref = \"letter#first-part-2\"",
        "response = \"pending\"",
    );
    site.build_ok();
    let page = site.page("recommendations/A-1.html");
    assert!(page.contains("answer awaited"), "the response badge");
    assert!(
        page.contains("The answer is still awaited."),
        "instead of the link"
    );
}
