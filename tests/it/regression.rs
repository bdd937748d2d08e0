//! Regression tests, named after the issue that found the fault.

use crate::support::Site;

/// Issue 20: a title or code span with `<!--opvolg-` and multi-byte text after it made the
/// build cut a string inside a character (exit 101). Such text is content like any other: it
/// is shown as written.
#[test]
fn issue20_text_that_looks_like_an_internal_marker_is_shown_as_written() {
    let site = Site::fixture("minimal");
    site.edit(
        "content/recommendations/A-1.md",
        "title = \"A recommendation without indicators or commitments\"",
        "title = \"Zie <!--opvolg-chart:é€ en ééé…\"",
    );
    site.edit(
        "content/recommendations/A-1.md",
        "Body.",
        "Code: `<!--opvolg-chart:a--> ß` and <!--opvolg-ü",
    );
    site.build_ok();
    let page = site.page("recommendations/A-1.html");
    assert!(
        page.contains("Zie &lt;!--opvolg-chart:é€ en ééé…"),
        "{page}"
    );
    assert!(
        page.contains("<code>&lt;!--opvolg-chart:a--&gt; ß</code>"),
        "{page}"
    );
}

/// Issue 20: an exponent at the end of what an i64 holds overflowed a subtraction while the
/// figure's decimals were worked out.
#[test]
fn issue20_a_figure_with_the_largest_exponents_is_read() {
    let site = Site::fixture("minimal");
    let path = "data/indicators/single.json";
    let text = site.read(path);
    let value = text
        .split("\"value\":")
        .nth(1)
        .and_then(|rest| rest.split([',', '}']).next())
        .expect("a value in the fixture")
        .trim()
        .to_string();
    site.edit(path, &value, "1e-9223372036854775808");
    site.build_ok();
    assert!(site.page("indicators/single.html").contains("<table"));
}

/// The example site with the figures of indicator `amv-ter-apel` moved into its CSV file, as
/// the preview sees it (opened on the site).
fn amv_figures_in_csv(site: &Site) {
    let json = "data/indicators/amv-ter-apel.json";
    let mut data: serde_json::Value = serde_json::from_str(&site.read(json)).unwrap();
    let series = data.as_object_mut().unwrap().remove("series").unwrap();
    let mut csv = String::from("date,value\n");
    for p in series[0]["points"].as_array().unwrap() {
        let value = if p["value"].is_null() {
            String::new()
        } else {
            p["value"].to_string()
        };
        csv.push_str(&format!("{},{value}\n", p["date"].as_str().unwrap()));
    }
    site.write(json, &serde_json::to_string_pretty(&data).unwrap());
    site.write("data/indicators/amv-ter-apel.csv", &csv);
}

fn served(preview: &opvolg::serve::Preview, path: &str) -> String {
    match preview.get(path) {
        opvolg::serve::Got::File(bytes) => String::from_utf8(bytes).unwrap(),
        other => panic!("{path}: {other:?}"),
    }
}

/// Issue 25 (a): a recommendation depended on its indicator's data file but not on the
/// figures CSV beside it. Break the CSV (a decimal comma), edit the recommendation that uses
/// the indicator, repair the CSV: the page kept the old title, with no problem shown.
#[test]
fn issue25_a_repaired_figures_file_brings_the_edited_recommendation_back() {
    let site = Site::example();
    amv_figures_in_csv(&site);
    let preview = opvolg::serve::Preview::open(site.root(), Default::default()).unwrap();
    let page = "recommendations/R1.html";
    assert!(served(&preview, page).contains("Bied rechtszekerheid"));
    let csv = site.read("data/indicators/amv-ter-apel.csv");
    site.write(
        "data/indicators/amv-ter-apel.csv",
        &csv.replacen("2023-02,431", "2023-02,431.5", 1)
            .replacen("431.5", "\"431,5\"", 1),
    );
    preview.change(vec!["data/indicators/amv-ter-apel.csv".into()]);
    assert!(
        preview.problems().is_some(),
        "the decimal comma is an error"
    );
    site.edit(
        "content/recommendations/R1.md",
        "title = \"Bied rechtszekerheid",
        "title = \"Nieuw: bied rechtszekerheid",
    );
    preview.change(vec!["content/recommendations/R1.md".into()]);
    site.write("data/indicators/amv-ter-apel.csv", &csv);
    preview.change(vec!["data/indicators/amv-ter-apel.csv".into()]);
    assert_eq!(preview.problems(), None, "{:?}", preview.report().lines());
    assert!(
        served(&preview, page).contains("Nieuw: bied rechtszekerheid"),
        "the edit shows once the figures are repaired"
    );
}

/// Issue 25 (b): on a site with more recommendations than a page of a list, a topic's new
/// title showed on its own page but not on the dashboard, which lists every topic.
#[test]
fn issue25_a_renamed_topic_shows_on_every_page_of_a_large_site() {
    let site = crate::incremental::larger_than_a_page();
    let preview = opvolg::serve::Preview::open(site.root(), Default::default()).unwrap();
    for page in ["index.html", "topics/zorg.html", "recommendations/R1.html"] {
        served(&preview, page);
    }
    site.edit(
        "content/topics/zorg.md",
        "title = \"",
        "title = \"Hernoemd: ",
    );
    preview.change(vec!["content/topics/zorg.md".into()]);
    for page in ["index.html", "topics/zorg.html", "topics/index.html"] {
        assert!(
            served(&preview, page).contains("Hernoemd: "),
            "{page} shows the old title"
        );
    }
}

/// Issue 25: a page answered 500 in the preview because another page links to an anchor it
/// does not have. The page is served; the link's problem is the linking page's, in the box.
#[test]
fn issue25_a_page_that_another_page_links_to_a_missing_anchor_of_is_served() {
    let site = Site::example();
    let preview = opvolg::serve::Preview::open(site.root(), Default::default()).unwrap();
    let text = site.read("content/recommendations/R1.md");
    site.write(
        "content/recommendations/R1.md",
        &format!("{text}\nZie [R2](R2.md#_geen-sectie).\n"),
    );
    preview.change(vec!["content/recommendations/R1.md".into()]);
    assert!(served(&preview, "recommendations/R2.html").contains("<h1"));
    let problems = preview.problems().expect("the broken link is a problem");
    assert!(
        problems.contains("content/recommendations/R1.md") && problems.contains("#_geen-sectie"),
        "{problems}"
    );
}

/// Issue 25: a panic while the preview handled a change left it holding a poisoned lock,
/// showing the old site with no problem and ignoring every later edit. Now the panic is an
/// internal error on every page, and the next change reads the site afresh.
#[test]
fn issue25_a_panic_in_the_preview_is_shown_and_the_next_edit_recovers() {
    let site = Site::example();
    let preview = opvolg::serve::Preview::open(site.root(), Default::default()).unwrap();
    site.edit(
        "content/recommendations/R1.md",
        "title = \"Bied rechtszekerheid",
        "title = \"Eerst: bied rechtszekerheid",
    );
    preview.change_with(vec!["content/recommendations/R1.md".into()], |_, _| {
        panic!("a fault of opvolg's own")
    });
    let problems = preview.problems().expect("the panic is shown");
    assert!(
        problems.contains("internal error") && problems.contains("a fault of opvolg's own"),
        "{problems}"
    );
    site.edit(
        "content/recommendations/R1.md",
        "title = \"Eerst: bied rechtszekerheid",
        "title = \"Daarna: bied rechtszekerheid",
    );
    preview.change(vec!["content/recommendations/R1.md".into()]);
    assert_eq!(preview.problems(), None);
    assert!(served(&preview, "recommendations/R1.html").contains("Daarna: bied rechtszekerheid"));
}
