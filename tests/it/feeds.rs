//! feed.xml against RFC 4287 and sitemap.xml against the sitemaps.org protocol: the elements
//! each requires, absolute URLs, unique ids that stay the same between builds, RFC 3339 dates.
//! Checked on the history fixture (whose events are counted by hand) and on the example.

use crate::support::{Site, snapshot};
use std::collections::BTreeSet;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const SITEMAP: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const BASE: &str = "https://example.org/follow-up/";

/// The text of the one child `name` of `node`; fails when there is none or more than one.
fn only_child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> roxmltree::Node<'a, 'a> {
    let found: Vec<_> = node
        .children()
        .filter(|c| c.has_tag_name((ATOM, name)))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "<{}> needs exactly one <{name}>",
        node.tag_name().name()
    );
    found[0]
}

fn rfc3339(text: &str) -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339(text).unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

fn absolute_under(url: &str, base: &str) {
    let parsed = url::Url::parse(url).unwrap_or_else(|e| panic!("{url:?} is not absolute: {e}"));
    assert_eq!(parsed.scheme(), "https", "{url}");
    assert!(url.starts_with(base), "{url} is not under {base}");
}

/// An entry: (id, link, updated, title).
type Entry = (String, String, String, String);

/// Checks a feed against RFC 4287's rules and returns its entries in order.
fn check_feed(xml: &str, base: &str) -> Vec<Entry> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let feed = doc.root_element();
    assert!(feed.has_tag_name((ATOM, "feed")), "the root is atom:feed");
    // atom:feed: exactly one id, title, updated; an author (here on the feed, which then
    // covers every entry); a self link.
    let id = only_child(feed, "id").text().unwrap_or_default();
    absolute_under(id, base);
    assert!(
        !only_child(feed, "title")
            .text()
            .unwrap_or_default()
            .is_empty()
    );
    let updated = rfc3339(only_child(feed, "updated").text().unwrap_or_default());
    let author = feed
        .children()
        .find(|c| c.has_tag_name((ATOM, "author")))
        .expect("a feed-level author");
    assert!(author.children().any(|c| c.has_tag_name((ATOM, "name"))));
    let links: Vec<_> = feed
        .children()
        .filter(|c| c.has_tag_name((ATOM, "link")))
        .collect();
    let own = links
        .iter()
        .find(|l| l.attribute("rel") == Some("self"))
        .expect("a self link");
    assert_eq!(
        own.attribute("href"),
        Some(format!("{base}feed.xml").as_str())
    );

    let mut entries = Vec::new();
    for entry in feed.children().filter(|c| c.has_tag_name((ATOM, "entry"))) {
        let id = only_child(entry, "id")
            .text()
            .unwrap_or_default()
            .to_string();
        absolute_under(&id, base);
        let title = only_child(entry, "title")
            .text()
            .unwrap_or_default()
            .to_string();
        assert!(!title.is_empty());
        let when = only_child(entry, "updated")
            .text()
            .unwrap_or_default()
            .to_string();
        assert!(rfc3339(&when) <= updated, "no entry is newer than the feed");
        // Without content, an entry needs an alternate link (RFC 4287 4.1.1.1).
        let link = entry
            .children()
            .find(|c| c.has_tag_name((ATOM, "link")) && c.attribute("rel") == Some("alternate"))
            .and_then(|l| l.attribute("href"))
            .expect("an alternate link")
            .to_string();
        absolute_under(&link, base);
        entries.push((id, link, when, title));
    }
    let ids: BTreeSet<&String> = entries.iter().map(|e| &e.0).collect();
    assert_eq!(ids.len(), entries.len(), "entry ids are unique");
    let dates: Vec<_> = entries.iter().map(|e| rfc3339(&e.2)).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "newest first");
    entries
}

/// Checks a sitemap and returns its URLs.
fn check_sitemap(xml: &str, base: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name((SITEMAP, "urlset")));
    let mut urls = Vec::new();
    for url in root.children().filter(|c| c.is_element()) {
        assert!(url.has_tag_name((SITEMAP, "url")), "only <url> in <urlset>");
        let loc: Vec<_> = url
            .children()
            .filter(|c| c.has_tag_name((SITEMAP, "loc")))
            .collect();
        assert_eq!(loc.len(), 1, "one <loc> per <url>");
        let text = loc[0].text().unwrap_or_default().to_string();
        absolute_under(&text, base);
        assert!(text.len() < 2048, "the protocol's URL length limit");
        urls.push(text);
    }
    urls
}

#[test]
fn the_feed_has_one_entry_per_event_each_linking_to_its_spot() {
    let site = Site::fixture("history");
    site.build_ok();
    let feed = site.read("output/feed.xml");
    let entries = check_feed(&feed, BASE);
    // By hand from the fixture: 6 status entries, 2 fulfilled commitments, 3 deadlines that
    // passed unfulfilled, 3 moved deadlines, 2 progress reports, and the latest figure of the
    // one indicator.
    assert_eq!(entries.len(), 17, "{entries:#?}");
    let first = &entries[0];
    assert_eq!(
        first.0,
        format!("{BASE}recommendations/R2.html#_status.2024-08-01")
    );
    assert_eq!(first.2, "2024-08-01T00:00:00+00:00");
    // Titled as the pages' lists of changes word it, with the recommendation's title.
    assert_eq!(first.3, "R2: Second — partially implemented");
    let fulfilled = entries
        .iter()
        .find(|e| e.0.ends_with("R1.html#_commitment.2024-04-20.done"))
        .expect("R1's second commitment (first due 20 April 2024), fulfilled");
    assert_eq!(
        fulfilled.1,
        format!("{BASE}recommendations/R1.html#_commitment.2024-04-20")
    );
    assert_eq!(
        fulfilled.3,
        "R1, commitment 2 (Moved once, then fulfilled) — fulfilled late on 10 June 2024, after its deadline of 1 May 2024"
    );
    let passed = entries
        .iter()
        .find(|e| {
            e.0.ends_with("R2.html#_commitment.2024-03-15.passed.2024-03-15")
        })
        .expect("R2's first commitment, due 15 March 2024, passed unfulfilled");
    assert_eq!(passed.2, "2024-03-16T00:00:00+00:00");
    assert!(
        entries
            .iter()
            .any(|e| e.0 == format!("{BASE}documents/progress-2.html")
                && e.3 == "Second progress report — State of the follow-up on 30 June 2024")
    );
    // A figure is news when it is an indicator's latest, with any caveat it has.
    let figure = entries
        .iter()
        .find(|e| e.0 == format!("{BASE}indicators/ind-a.html#_chart.ind-a.2024-07"))
        .expect("the latest figure of Indicator A");
    assert_eq!(figure.3, "Indicator A — new figure: 48 % (July 2024)");
    // Every link lands on an element of a built page.
    for (_, link, _, _) in &entries {
        let local = link.strip_prefix(BASE).unwrap();
        let (page, fragment) = local.split_once('#').unwrap_or((local, ""));
        let html = site.read(&format!("output/{page}"));
        if !fragment.is_empty() {
            assert!(html.contains(&format!("id=\"{fragment}\"")), "{link}");
        }
    }
    // Every page announces the feed.
    assert!(
        site.page("recommendations/R3.html")
            .contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"../feed.xml\"")
    );
}

#[test]
fn feed_ids_stay_the_same_when_the_site_grows() {
    let site = Site::fixture("history");
    site.build_ok();
    let before = check_feed(&site.read("output/feed.xml"), BASE);
    let text = site.read("content/recommendations/R3.md");
    site.write(
        "content/recommendations/R3.md",
        &text.replacen(
            "+++\nBody",
            "\n[[status]]\ndate = 2024-09-01\nstate = \"in_progress\"\nnote = \"Started.\"\n+++\nBody",
            1,
        ),
    );
    site.build_ok();
    let after = check_feed(&site.read("output/feed.xml"), BASE);
    assert_eq!(after.len(), before.len() + 1);
    for entry in &before {
        assert!(after.contains(entry), "{entry:?} changed or went away");
    }
    assert_eq!(
        after[0].0,
        format!("{BASE}recommendations/R3.html#_status.2024-09-01")
    );
}

#[test]
fn feed_ids_stay_the_same_when_a_commitment_is_added_above_the_others() {
    let site = Site::fixture("history");
    site.build_ok();
    let before = check_feed(&site.read("output/feed.xml"), BASE);
    let text = site.read("content/recommendations/R1.md");
    // A new first commitment, kept at once: every other commitment's number goes up by one,
    // and none of their ids may change.
    site.write(
        "content/recommendations/R1.md",
        &text.replacen(
            "[[commitments]]",
            "[[commitments]]\ntext = \"Added later\"\nowner = \"Ministry\"\ndue = 2024-02-01\ndone = 2024-02-01\n\n[[commitments]]",
            1,
        ),
    );
    site.build_ok();
    let after = check_feed(&site.read("output/feed.xml"), BASE);
    assert_eq!(after.len(), before.len() + 1);
    let ids = |entries: &[Entry]| entries.iter().map(|e| e.0.clone()).collect::<Vec<_>>();
    for id in ids(&before) {
        assert!(ids(&after).contains(&id), "{id} changed or went away");
    }
    assert!(ids(&after).contains(&format!(
        "{BASE}recommendations/R1.html#_commitment.2024-02-01.done"
    )));
}

#[test]
fn the_feed_holds_the_newest_entries_up_to_its_limit() {
    let site = Site::fixture("history");
    site.build_ok();
    let all = check_feed(&site.read("output/feed.xml"), BASE);
    let settings = site.read("site.toml");
    site.write("site.toml", &format!("{settings}\n[feed]\nlimit = 4\n"));
    site.build_ok();
    let newest = check_feed(&site.read("output/feed.xml"), BASE);
    assert_eq!(
        newest,
        all[..4],
        "the first four of the whole feed, in its order"
    );
}

#[test]
fn the_sitemap_lists_every_page_once_with_its_absolute_url() {
    for site in [Site::fixture("history"), Site::example()] {
        site.build_ok();
        let base = site
            .read("site.toml")
            .lines()
            .find_map(|l| l.strip_prefix("base_url = \""))
            .map(|rest| rest.trim_end_matches('"').to_string())
            .expect("base_url");
        let urls = check_sitemap(&site.read("output/sitemap.xml"), &base);
        let listed: BTreeSet<String> = urls.iter().map(|u| u[base.len()..].to_string()).collect();
        assert_eq!(listed.len(), urls.len(), "no URL twice");
        let pages: BTreeSet<String> = snapshot(&site.output())
            .into_keys()
            .filter(|p| p.ends_with(".html"))
            .collect();
        assert_eq!(listed, pages);
        check_feed(&site.read("output/feed.xml"), &base);
    }
}

#[test]
fn without_base_url_the_build_warns_and_writes_no_feed_or_sitemap() {
    let site = Site::fixture("history");
    site.edit(
        "site.toml",
        "base_url = \"https://example.org/follow-up/\"\n",
        "",
    );
    let report = site.build_ok();
    let warnings = report.warnings.lines();
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("site.toml:1:1: warning: base_url is not set")),
        "{warnings:?}"
    );
    assert!(!site.output().join("feed.xml").exists());
    assert!(!site.output().join("sitemap.xml").exists());
    assert!(!site.page("index.html").contains("application/atom+xml"));
}
