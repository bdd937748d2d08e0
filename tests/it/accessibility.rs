//! What automated checkers do not verify on their own, checked on every page of the example:
//! one h1 and no skipped heading levels, a skip link to <main>, the landmarks, table captions
//! and header cells, charts with a text alternative and a data table, the language, and the
//! footer link to the accessibility statement.

use crate::support::{Site, snapshot};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

#[test]
fn every_page_has_the_structure_assistive_technology_relies_on() {
    let site = Site::example();
    site.build_ok();
    let mut problems = Vec::new();
    for (path, bytes) in snapshot(&site.output()) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = Html::parse_document(std::str::from_utf8(&bytes).unwrap());
        let mut check = |ok: bool, what: &str| {
            if !ok {
                problems.push(format!("{path}: {what}"));
            }
        };
        check(
            html.select(&sel("html[lang=nl]")).count() == 1,
            "lang on <html>",
        );
        check(html.select(&sel("h1")).count() == 1, "exactly one h1");
        let levels: Vec<u8> = html
            .select(&sel("h1, h2, h3, h4, h5, h6"))
            .map(|h| h.value().name()[1..].parse().unwrap())
            .collect();
        check(
            levels.first() == Some(&1) || levels.is_empty(),
            "the first heading is the h1",
        );
        check(
            levels.windows(2).all(|w| w[1] <= w[0] + 1),
            &format!("heading levels skip: {levels:?}"),
        );
        check(
            html.select(&sel("a.skip-link[href=\"#_main\"]")).count() == 1,
            "skip link",
        );
        check(
            html.select(&sel("main#_main")).count() == 1,
            "one main with the skip target",
        );
        for landmark in ["header", "nav", "footer"] {
            check(html.select(&sel(landmark)).next().is_some(), landmark);
        }
        check(
            html.select(&sel("footer a[href$=\"accessibility.html\"]"))
                .count()
                == 1,
            "footer link to the accessibility statement",
        );
        for table in html.select(&sel("table")) {
            check(
                table.select(&sel("caption")).next().is_some(),
                "table caption",
            );
            check(
                table.select(&sel("thead th[scope=col]")).next().is_some(),
                "column headers",
            );
        }
        for figure in html.select(&sel("figure.chart")) {
            let svg = figure.select(&sel("svg[role=img]")).next();
            let img = figure.select(&sel("img")).next();
            check(
                svg.is_some() != img.is_some(),
                "chart is one image to assistive technology",
            );
            // Either way the chart is described by the text under it.
            let described_by = |element: scraper::ElementRef| -> String {
                let described = element.value().attr("aria-describedby").unwrap_or("");
                html.select(&sel("p.chart-description"))
                    .filter(|p| p.value().attr("id") == Some(described))
                    .flat_map(|p| p.text())
                    .collect()
            };
            if let Some(svg) = svg {
                let labelled = svg.value().attr("aria-labelledby").unwrap_or("");
                let title_ids: Vec<&str> = svg
                    .select(&sel("title"))
                    .filter_map(|e| e.value().attr("id"))
                    .collect();
                check(
                    title_ids.len() == 1 && labelled == title_ids[0],
                    "chart labelled by its title",
                );
                check(
                    described_by(svg).len() > 40,
                    "chart described by the text that says what it shows",
                );
            }
            if let Some(img) = img {
                check(
                    img.value().attr("alt").is_some_and(|alt| alt.len() > 5),
                    "chart image has a text alternative",
                );
                check(
                    described_by(img).len() > 40,
                    "chart image described by the text that says what it shows",
                );
            }
            // Its numbers: a table beside it, or a link to where they are.
            check(
                figure.select(&sel("table")).next().is_some()
                    || figure.select(&sel(".chart-more a")).next().is_some(),
                "chart has its numbers or a link to them",
            );
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_accessibility_statement_holds_the_required_parts() {
    let site = Site::example();
    site.build_ok();
    let page = site.page("accessibility.html");
    for part in [
        "Toegankelijkheidsverklaring",
        "Ministerie van Justitie en Veiligheid",
        "voldoet gedeeltelijk",
        "30 juni 2024",
        "Bekende problemen",
        "mailto:toegankelijkheid@example.nl",
        "Nationale ombudsman",
    ] {
        assert!(page.contains(part), "statement lacks {part}");
    }
}

#[test]
fn an_unknown_accessibility_status_is_an_error() {
    let site = Site::example();
    site.edit(
        "site.toml",
        "status = \"partially_compliant\"",
        "status = \"partly\"",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("site.toml:11:10: error: unknown accessibility status \"partly\"")),
        "{errors:?}"
    );
}

#[test]
fn print_styles_hide_navigation_and_print_link_targets() {
    let css =
        std::fs::read_to_string(crate::support::repo().join("themes/default/static/style.css"))
            .unwrap();
    let print = &css[css.find("@media print").expect("a print stylesheet")..];
    for rule in [
        "size: A4",
        ".site-nav",
        "display: none",
        "attr(href)",
        "break-inside: avoid",
    ] {
        assert!(print.contains(rule), "print styles lack {rule}");
    }
    assert!(css.contains("prefers-reduced-motion"));
}
