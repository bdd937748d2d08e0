//! Follow-up over time, on tests/fixtures/history: three recommendations, two progress
//! reports (31 March and 30 June 2024) and the current moment (`as_of`, 30 September 2024).
//! What each page must say at each moment is worked out by hand from the fixture's dates
//! and written out below, so a wrong rule in `history` cannot agree with itself.

use crate::support::Site;
use scraper::{ElementRef, Html, Selector};

fn built() -> Site {
    let site = Site::fixture("history");
    site.build_ok();
    site
}

/// A page as a tree; a line break counts as a space, as it reads.
fn parse(page: &str) -> Html {
    Html::parse_document(&page.replace("<br>", " <br>"))
}

fn select<'a>(html: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    html.select(&Selector::parse(css).unwrap()).collect()
}

fn text(element: &ElementRef) -> String {
    element
        .text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The rows of the first table under `section`, each as its cells' texts.
fn rows(html: &Html, section: &str) -> Vec<Vec<String>> {
    let cell = Selector::parse("th, td").unwrap();
    select(html, &format!("{section} table tbody tr"))
        .iter()
        .map(|tr| tr.select(&cell).map(|c| text(&c)).collect())
        .collect()
}

/// The changes section: each group's heading with its items' texts.
fn changes(html: &Html) -> Vec<(String, Vec<String>)> {
    let item = Selector::parse("li").unwrap();
    let mut groups = Vec::new();
    for heading in select(html, "section.changes h3") {
        let list = heading
            .next_siblings()
            .filter_map(ElementRef::wrap)
            .find(|e| e.value().name() == "ul")
            .expect("a list after each heading");
        let items = list.select(&item).map(|li| text(&li)).collect();
        groups.push((text(&heading), items));
    }
    groups
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_first_report_shows_the_state_on_its_date_and_everything_up_to_it() {
    let site = built();
    let page = parse(&site.page("documents/progress-1.html"));
    assert_eq!(
        rows(&page, "section[aria-labelledby=_report]"),
        [
            strings(&[
                "R1",
                "First",
                "in progress (15 March 2024)",
                "1",
                "0",
                "changed"
            ]),
            strings(&[
                "R2",
                "Second",
                "in progress (1 February 2024)",
                "2",
                "✗ 1",
                "changed"
            ]),
            strings(&["R3", "Third", "not yet reported", "0", "0", "unchanged"]),
        ]
    );
    let heading = select(&page, "section.changes h2");
    assert_eq!(text(&heading[0]), "What happened up to 31 March 2024");
    assert_eq!(
        changes(&page),
        [
            (
                "Changes of state".to_string(),
                strings(&[
                    "R1: First: first state: in progress",
                    "R2: Second: first state: in progress",
                ])
            ),
            (
                "Commitments fulfilled".to_string(),
                strings(&[
                    "R1, commitment 1 (Fulfilled before the first report): fulfilled on 20 February 2024 Fulfilled before the first report"
                ])
            ),
            (
                "Deadlines passed".to_string(),
                strings(&[
                    "R2, commitment 1 (Passes in the first period): deadline of 15 March 2024 passed without the commitment being fulfilled Passes in the first period"
                ])
            ),
            (
                "New figures".to_string(),
                strings(&["Indicator A: new figures: 2; latest: 45 % (February 2024)"])
            ),
        ]
    );
}

#[test]
fn the_second_report_shows_what_changed_since_the_first() {
    let site = built();
    let page = parse(&site.page("documents/progress-2.html"));
    assert_eq!(
        rows(&page, "section[aria-labelledby=_report]"),
        [
            strings(&[
                "R1",
                "First",
                "implemented (20 June 2024)",
                "0",
                "0",
                "changed"
            ]),
            strings(&[
                "R2",
                "Second",
                "in progress (1 February 2024)",
                "2",
                "✗ 1",
                "changed"
            ]),
            strings(&["R3", "Third", "open (15 May 2024)", "0", "0", "changed"]),
        ]
    );
    let compared = select(&page, "section.changes p");
    assert_eq!(text(&compared[0]), "Compared with: First progress report");
    assert_eq!(
        changes(&page),
        [
            (
                "Changes of state".to_string(),
                strings(&[
                    "R1: First: in progress → implemented",
                    "R3: Third: first state: open",
                ])
            ),
            (
                "Commitments fulfilled".to_string(),
                strings(&[
                    "R1, commitment 2 (Moved once, then fulfilled): fulfilled late on 10 June 2024, after its deadline of 1 May 2024 Moved once, then fulfilled"
                ])
            ),
            (
                "Deadlines passed".to_string(),
                strings(&[
                    // Moved on 15 April, before it passed, to 1 May; fulfilled late.
                    "R1, commitment 2 (Moved once, then fulfilled): deadline of 1 May 2024 passed without the commitment being fulfilled Moved once, then fulfilled",
                    // Moved on 10 May, after it had passed.
                    "R2, commitment 2 (Passes, then moves twice): deadline of 30 April 2024 passed without the commitment being fulfilled Passes, then moves twice",
                ])
            ),
            (
                "Deadlines moved".to_string(),
                strings(&[
                    "R1, commitment 2 (Moved once, then fulfilled): deadline moved on 15 April 2024 from 20 April 2024 to 1 May 2024 Reason: More time needed.",
                    "R2, commitment 2 (Passes, then moves twice): deadline moved on 10 May 2024 from 30 April 2024 to 31 July 2024 Reason: Late start.",
                ])
            ),
            (
                "New figures".to_string(),
                strings(&["Indicator A: new figures: 1; latest: 52 % (April 2024)"])
            ),
            (
                "Targets met or missed".to_string(),
                strings(&["Indicator A: met at least 50 %"])
            ),
        ]
    );
}

#[test]
fn the_dashboard_shows_what_changed_since_the_last_report() {
    let site = built();
    let page = parse(&site.page("index.html"));
    let heading = select(&page, "section.changes h2");
    assert_eq!(text(&heading[0]), "What changed since 30 June 2024");
    let compared = select(&page, "section.changes p a");
    assert_eq!(
        compared[0].value().attr("href"),
        Some("documents/progress-2.html")
    );
    assert_eq!(
        changes(&page),
        [
            (
                "Changes of state".to_string(),
                strings(&["R2: Second: in progress → partially implemented"])
            ),
            (
                "Deadlines moved".to_string(),
                strings(&[
                    "R2, commitment 2 (Passes, then moves twice): deadline moved on 15 July 2024 from 31 July 2024 to 31 December 2024 Reason: Still late."
                ])
            ),
            (
                "New figures".to_string(),
                strings(&["Indicator A: new figures: 1; latest: 48 % (July 2024)"])
            ),
            (
                "Targets met or missed".to_string(),
                strings(&["Indicator A: missed at least 50 %"])
            ),
        ]
    );
    // Each change links to its spot, and that spot exists.
    let links: Vec<String> = select(&page, "section.changes li a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(String::from))
        .collect();
    assert_eq!(
        links,
        [
            "recommendations/R2.html#_status.2024-08-01",
            "recommendations/R2.html#_commitment.2024-04-30.revision.2",
            "indicators/ind-a.html#_chart.ind-a",
            "indicators/ind-a.html",
        ]
    );
    let r2 = site.page("recommendations/R2.html");
    assert!(r2.contains("id=\"_status.2024-08-01\""));
    assert!(r2.contains("id=\"_commitment.2024-04-30.revision.2\""));
}

#[test]
fn a_recommendation_page_shows_its_state_at_every_moment_and_marks_what_is_new() {
    let site = built();
    let r2 = parse(&site.page("recommendations/R2.html"));
    assert_eq!(
        rows(&r2, "section[aria-labelledby=_moments]"),
        [
            strings(&[
                "31 March 2024 First progress report",
                "in progress",
                "2",
                "✗ 1",
                "changed"
            ]),
            strings(&[
                "30 June 2024 Second progress report",
                "in progress",
                "2",
                "✗ 1",
                "changed"
            ]),
            strings(&[
                "30 September 2024 this site's reporting date",
                "partially implemented",
                "2",
                "✗ 1",
                "changed"
            ]),
        ]
    );
    let r3 = parse(&site.page("recommendations/R3.html"));
    let states: Vec<(String, String)> = rows(&r3, "section[aria-labelledby=_moments]")
        .into_iter()
        .map(|row| (row[1].clone(), row[4].clone()))
        .collect();
    assert_eq!(
        states,
        [
            ("not yet reported".to_string(), "unchanged".to_string()),
            ("open".to_string(), "changed".to_string()),
            ("open".to_string(), "unchanged".to_string()),
        ]
    );
    // Marked new: the status entry and the move after 30 June, not the older ones.
    let new: Vec<String> = select(&r2, "tr.changed, li:has(.new)")
        .iter()
        .map(|e| e.value().attr("id").unwrap_or("").to_string())
        .collect();
    assert_eq!(
        new,
        [
            "_commitment.2024-04-30",
            "_commitment.2024-04-30.revision.2",
            "_status.2024-08-01"
        ]
    );
    let marks = select(&r2, ".new");
    assert!(marks.iter().all(|m| text(m) == "new since 30 June 2024"));
}

#[test]
fn a_moved_deadline_shows_its_original_date_its_moves_and_their_reasons() {
    let site = built();
    let r2 = parse(&site.page("recommendations/R2.html"));
    let due = select(&r2, "#_commitment\\.2024-04-30 td")
        .get(2)
        .map(text)
        .expect("the due cell");
    assert_eq!(due, "31 December 2024 (originally 30 April 2024; moved 2×)");
    let moves: Vec<String> = select(&r2, "ul.revisions li").iter().map(text).collect();
    assert_eq!(
        moves,
        [
            "Commitment 2: deadline moved on 10 May 2024 from 30 April 2024 to 31 July 2024. Reason: Late start.",
            "Commitment 2: deadline moved on 15 July 2024 from 31 July 2024 to 31 December 2024. new since 30 June 2024 Reason: Still late.",
        ]
    );
    // The timeline's text alternative names the moves too.
    let description = select(&r2, "#_timeline\\.R2 .chart-description");
    assert!(
        text(&description[0]).contains(
            "R2, commitment 2: deadline moved on 15 July 2024 from 31 July 2024 to 31 December 2024."
        ),
        "{}",
        text(&description[0])
    );
}

#[test]
fn a_site_without_progress_reports_says_so_on_the_dashboard() {
    let site = Site::fixture("history");
    for report in ["progress-1", "progress-2"] {
        site.edit(
            &format!("content/documents/{report}.md"),
            "kind = \"progress\"",
            "kind = \"other\"",
        );
    }
    site.build_ok();
    let page = site.page("index.html");
    assert!(!page.contains("class=\"changes\""));
    assert!(page.contains("There is no earlier reporting moment yet"));
}

#[test]
fn a_document_dated_after_as_of_is_an_error() {
    let site = Site::fixture("history");
    site.edit(
        "content/documents/progress-2.md",
        "date = 2024-06-30",
        "date = 2024-10-01",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("content/documents/progress-2.md:3:8:")
                && e.contains("a document dated 2024-10-01 is after the reporting date")),
        "{errors:?}"
    );
}
