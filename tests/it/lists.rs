//! Lists that scale: long lists in pages with stable addresses, the dashboard of a large site,
//! the register of commitments and the list of changes.

use crate::support::{Site, check_links, large_site, snapshot};
use scraper::{Html, Selector};
use std::path::Path;

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn build(root: &Path) -> opvolg::model::Site {
    let options = opvolg::BuildOptions {
        root: root.to_path_buf(),
        output: None,
        review: false,
    };
    opvolg::build(&options).unwrap_or_else(|e| panic!("{e:?}"));
    opvolg::check(root).unwrap().site
}

fn page(root: &Path, rel: &str) -> Html {
    let path = root.join("output").join(rel);
    Html::parse_document(
        &std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

fn hrefs(html: &Html, selector: &str) -> Vec<String> {
    html.select(&sel(selector))
        .filter_map(|e| e.value().attr("href").map(str::to_string))
        .collect()
}

#[test]
fn a_long_list_is_split_into_pages_that_hold_every_row_once_and_link_to_each_other() {
    let dir = large_site(45, 10);
    build(dir.path());
    let out = dir.path().join("output/recommendations");
    // 45 rows, 10 to a page: index.html and index.2.html to index.5.html, and no more.
    for n in 2..=5 {
        assert!(out.join(format!("index.{n}.html")).is_file(), "page {n}");
    }
    assert!(!out.join("index.6.html").exists());
    let mut ids = Vec::new();
    for (n, file) in [
        "index.html",
        "index.2.html",
        "index.3.html",
        "index.4.html",
        "index.5.html",
    ]
    .iter()
    .enumerate()
    {
        let html = page(dir.path(), &format!("recommendations/{file}"));
        let rows = texts(&html, "table.recommendations tbody th");
        assert_eq!(rows.len(), if n < 4 { 10 } else { 5 }, "{file}");
        ids.extend(rows);
        let current = texts(&html, "nav.pagination a[aria-current=page]");
        assert_eq!(current, [(n + 1).to_string()], "{file}");
        let previous = hrefs(&html, "nav.pagination a[rel=prev]");
        let next = hrefs(&html, "nav.pagination a[rel=next]");
        match n {
            0 => assert!(previous.is_empty()),
            1 => assert_eq!(previous, ["../recommendations/index.html"]),
            _ => assert_eq!(previous, [format!("../recommendations/index.{n}.html")]),
        }
        if n == 4 {
            assert!(next.is_empty());
        } else {
            assert_eq!(next, [format!("../recommendations/index.{}.html", n + 2)]);
        }
        let title = texts(&html, "title").join("");
        if n > 0 {
            assert!(
                title.contains(&format!("Pagina {} van 5", n + 1)),
                "{title}"
            );
        }
    }
    let expected: Vec<String> = (0..45).map(|r| format!("R{r:05}")).collect();
    assert_eq!(ids, expected, "every recommendation once, in order");
    // Every page, of every list, is reachable from the dashboard and no link is broken.
    let (broken, reachable) = check_links(&dir.path().join("output"));
    assert!(broken.is_empty(), "{broken:#?}");
    let pages: Vec<String> = snapshot(&dir.path().join("output"))
        .into_keys()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.iter().all(|p| reachable.contains(p)));
    // 22 indicators: three pages of them.
    assert!(pages.contains(&"indicators/index.3.html".to_string()));
    assert!(!pages.contains(&"indicators/index.4.html".to_string()));
}

#[test]
fn a_topic_keeps_its_text_on_its_first_page() {
    let dir = large_site(100, 10);
    let site = build(dir.path());
    let in_topic = site.index.topic_recommendations["t00"].len();
    let pages = in_topic.div_ceil(10);
    assert!(pages >= 2, "{in_topic}");
    let first = page(dir.path(), "topics/t00.html");
    assert_eq!(first.select(&sel(".prose")).count(), 1);
    let second = page(dir.path(), "topics/t00.2.html");
    assert_eq!(second.select(&sel(".prose")).count(), 0);
    assert_eq!(texts(&second, "h1"), texts(&first, "h1"));
    let mut rows = 0;
    for n in 1..=pages {
        let file = opvolg::paths::list_page("topics/t00.html", n);
        rows += page(dir.path(), &file)
            .select(&sel("table.recommendations tbody tr"))
            .count();
    }
    assert_eq!(rows, in_topic);
}

#[test]
fn a_site_whose_lists_fit_on_a_page_shows_no_pages_and_keeps_its_full_dashboard() {
    let site = Site::example();
    site.build_ok();
    for (path, _) in snapshot(&site.output()) {
        assert!(opvolg::paths::list_page_of(&path).is_none(), "{path}");
        if path.ends_with(".html") {
            assert!(!site.page(&path).contains("class=\"pagination\""), "{path}");
        }
    }
    let dashboard = Html::parse_document(&site.page("index.html"));
    assert_eq!(
        texts(&dashboard, "table.recommendations tbody th"),
        ["R1", "R2", "R3", "R4"]
    );
    assert!(dashboard.select(&sel("#_overdue")).next().is_none());
}

#[test]
fn the_dashboard_of_a_large_site_summarises_and_links_to_every_complete_list() {
    let dir = large_site(45, 10);
    let site = build(dir.path());
    let as_of = site.config.as_of;
    let html = page(dir.path(), "index.html");
    // Not every recommendation, but the latest ten updates, and a link to the rest.
    assert!(html.select(&sel("#_recommendations")).next().is_none());
    let updated = texts(&html, "#_updated ~ .table-scroll tbody th");
    assert_eq!(updated.len(), 10);
    let overdue: Vec<(String, usize)> = opvolg::model::in_natural_order(&site.recommendations)
        .into_iter()
        .flat_map(|r| {
            r.commitments
                .iter()
                .enumerate()
                .filter(|(_, c)| c.is_overdue(as_of))
                .map(|(i, c)| {
                    (
                        r.id.clone(),
                        c.due.expect("dated").end().days_since_epoch() as usize * 1000 + i,
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(overdue.len() > 10, "{}", overdue.len());
    let shown = texts(&html, "#_overdue ~ .table-scroll tbody th");
    assert_eq!(shown.len(), 10);
    let more = texts(&html, "#_overdue ~ p.more").join("");
    assert!(
        more.starts_with(&format!("en nog {}", overdue.len() - 10)),
        "{more}"
    );
    // The owners, with the counts of their commitments, add up to every commitment.
    let totals: usize = texts(&html, "table.owners tbody td:nth-of-type(1)")
        .iter()
        .map(|n| n.parse::<usize>().unwrap())
        .sum();
    let commitments: usize = site
        .recommendations
        .values()
        .map(|r| r.commitments.len())
        .sum();
    assert_eq!(totals, commitments);
    let lists = hrefs(&html, "#_lists ~ ul a");
    assert_eq!(
        lists,
        [
            "recommendations/index.html",
            "indicators/index.html",
            "documents/index.html",
            "topics/index.html",
            "commitments/index.html"
        ]
    );
}

#[test]
fn the_register_of_commitments_holds_every_commitment_once_the_overdue_first() {
    let dir = large_site(45, 10);
    let site = build(dir.path());
    let as_of = site.config.as_of;
    let all: usize = site
        .recommendations
        .values()
        .map(|r| r.commitments.len())
        .sum();
    let overdue: usize = site
        .recommendations
        .values()
        .flat_map(|r| &r.commitments)
        .filter(|c| c.is_overdue(as_of))
        .count();
    let mut states = Vec::new();
    let mut links = Vec::new();
    for n in 1..=all.div_ceil(10) {
        let html = page(
            dir.path(),
            &opvolg::paths::list_page(opvolg::paths::COMMITMENTS, n),
        );
        assert_eq!(
            html.select(&sel("table.owners")).count(),
            usize::from(n == 1),
            "the owners on the first page only"
        );
        states.extend(texts(&html, "table.commitments tbody .badge"));
        links.extend(hrefs(&html, "table.commitments tbody td a"));
    }
    assert_eq!(states.len(), all);
    assert!(states[..overdue].iter().all(|s| s == "termijn verstreken"));
    assert!(states[overdue..].iter().all(|s| s != "termijn verstreken"));
    let unique: std::collections::BTreeSet<&String> = links.iter().collect();
    assert_eq!(unique.len(), all, "each commitment's own row, once");
}

#[test]
fn what_the_dashboard_cuts_short_is_on_the_list_of_changes() {
    let dir = large_site(45, 10);
    let site = build(dir.path());
    let since = opvolg::history::previous_moment(&site).expect("the progress report");
    let changes = opvolg::history::changes(&site, Some(since.date), site.config.as_of);
    let states = changes.of(opvolg::history::ChangeKind::States).count();
    assert!(states > 10, "{states}");
    let html = page(dir.path(), "index.html");
    let shown = html.select(&sel(".changes .change-states + ul li")).count();
    assert_eq!(shown, 10);
    assert_eq!(hrefs(&html, ".changes p.more a")[0], "changes.html");
    // All of them, across the pages of changes.html.
    let mut items = 0;
    for n in 1..=changes.len().div_ceil(10) {
        let html = page(dir.path(), &opvolg::paths::list_page("changes.html", n));
        items += html.select(&sel(".change-list li")).count();
    }
    assert_eq!(items, changes.len());
}
