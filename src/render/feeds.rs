//! The site's machine-readable indexes: the Atom feed of follow-up events (`feed.xml`, RFC
//! 4287) and the sitemap (`sitemap.xml`, sitemaps.org 0.9). Both need absolute URLs, so both
//! exist only when `base_url` is set (validation warns when it is not).
//!
//! Pure: the model in, bytes out. Every date is a day of the content, written as midnight UTC;
//! nothing reads the clock, so two builds give the same bytes.

use super::i18n::{HistoryText, Translations};
use super::views::{commitment_anchors, status_anchors};
use crate::date::Date;
use crate::history::Moment;
use crate::model::*;
use crate::paths;
use atom_syndication as atom;

/// The sitemap protocol's limit of URLs per file; beyond it `sitemap.xml` is an index of
/// numbered sitemaps.
pub const SITEMAP_LIMIT: usize = 50_000;

/// One event of the follow-up, as a feed entry.
#[derive(Debug, Clone, PartialEq)]
struct Event {
    date: Date,
    /// Absolute, stable: the same event has the same id in every build.
    id: String,
    /// Absolute URL of the spot on its page.
    link: String,
    title: String,
    summary: String,
}

/// The follow-up's events dated on or after `since` (all with `None`): every status entry,
/// fulfilled commitment, moved deadline and reporting moment. `dated` is told the date of
/// every event, kept or not, before anything of it is made.
fn events(
    site: &Site,
    moments: &[Moment],
    base: &str,
    t: &Translations,
    since: Option<Date>,
    dated: &mut dyn FnMut(Date),
) -> Vec<Event> {
    let mut keep = |date: Date| {
        dated(date);
        since.is_none_or(|since| date >= since)
    };
    let mut events = Vec::new();
    for rec in in_natural_order(&site.recommendations) {
        let page = format!("{base}{}", paths::recommendation(&rec.id));
        for (s, anchor) in rec.status.iter().zip(status_anchors(rec)) {
            if !keep(s.date) {
                continue;
            }
            let link = format!("{page}#{anchor}");
            events.push(Event {
                date: s.date,
                id: link.clone(),
                link,
                title: t.fill(
                    HistoryText::FeedStatus,
                    &[("id", &rec.id), ("state", t.text(s.state))],
                ),
                summary: s.note.clone(),
            });
        }
        for (i, (c, anchor)) in rec
            .commitments
            .iter()
            .zip(commitment_anchors(rec))
            .enumerate()
        {
            let number = i + 1;
            let spot = format!("{page}#{anchor}");
            let subject = t.fill(
                HistoryText::CommitmentNumber,
                &[("id", &rec.id), ("number", &number.to_string())],
            );
            if let Some(done) = c.done.filter(|done| keep(*done)) {
                events.push(Event {
                    date: done,
                    // The row is the commitment's; the event is its fulfilment.
                    id: format!("{spot}.done"),
                    link: spot.clone(),
                    title: format!("{subject}: {}", t.text(HistoryText::FeedFulfilled)),
                    summary: c.text.clone(),
                });
            }
            for (k, r) in c.revisions.iter().enumerate() {
                if !keep(r.date) {
                    continue;
                }
                let link = format!("{page}#{}", paths::revision_anchor(&anchor, k + 1));
                let moved = t.fill(
                    HistoryText::MovedFromTo,
                    &[
                        ("date", &t.date(r.date)),
                        ("from", &t.date(r.previous_due)),
                        ("to", &t.date(c.due_at(r.date))),
                    ],
                );
                events.push(Event {
                    date: r.date,
                    id: link.clone(),
                    link,
                    title: format!("{subject}: {moved}"),
                    summary: format!("{} {}: {}", c.text, t.text(HistoryText::Reason), r.reason),
                });
            }
        }
    }
    for moment in moments {
        for id in &moment.documents {
            if !keep(moment.date) {
                continue;
            }
            let doc = &site.documents[id];
            let link = format!("{base}{}", paths::document(id));
            events.push(Event {
                date: moment.date,
                id: link.clone(),
                link,
                title: t.fill(HistoryText::FeedReport, &[("title", &doc.title)]),
                summary: t.fill(
                    HistoryText::ReportHeading,
                    &[("date", &t.date(moment.date))],
                ),
            });
        }
    }
    events
}

/// The Atom feed: the newest `site.config.feed_limit` events of the follow-up (status
/// entries, fulfilled commitments, moved deadlines, reporting moments), newest first. `base`
/// is the site's `base_url` (ending in `/`).
pub fn atom_feed(
    site: &Site,
    moments: &[Moment],
    base: &str,
    t: &Translations,
) -> Result<Vec<u8>, String> {
    let limit = site.config.feed_limit;
    // The day of the oldest event that can be in the feed, found from the dates alone, so a
    // site of many thousand events makes entries only for those it shows.
    let mut dates = Vec::new();
    events(site, moments, base, t, Some(Date::MAX), &mut |d| {
        dates.push(d)
    });
    let since = (dates.len() > limit).then(|| {
        let (_, nth, _) = dates.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
        *nth
    });
    drop(dates);
    let mut events = events(site, moments, base, t, since, &mut |_| {});
    // Newest first; the id decides between events of one day, so the order is total.
    events.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
    events.truncate(limit);

    let updated = events.first().map_or(site.config.as_of, |e| e.date);
    let author = atom::Person {
        name: site
            .config
            .publisher
            .clone()
            .unwrap_or_else(|| site.config.title.clone()),
        ..Default::default()
    };
    let entries: Vec<atom::Entry> = events
        .into_iter()
        .map(|e| atom::Entry {
            id: e.id,
            title: atom::Text::plain(e.title),
            updated: midnight(e.date),
            published: Some(midnight(e.date)),
            links: vec![atom::Link {
                href: e.link,
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            }],
            summary: Some(atom::Text::plain(e.summary)),
            ..Default::default()
        })
        .collect();
    let feed = atom::Feed {
        id: base.to_string(),
        title: atom::Text::plain(site.config.title.clone()),
        subtitle: site.config.description.clone().map(atom::Text::plain),
        updated: midnight(updated),
        authors: vec![author],
        lang: Some(site.config.language.code().to_string()),
        links: vec![
            atom::Link {
                href: format!("{base}{}", paths::FEED),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Default::default()
            },
            atom::Link {
                href: format!("{base}{}", paths::INDEX),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Default::default()
            },
        ],
        entries,
        ..Default::default()
    };
    let config = atom::WriteConfig {
        write_document_declaration: true,
        indent_size: Some(1),
    };
    feed.write_with_config(Vec::new(), config)
        .map_err(|e| format!("the feed could not be written: {e}"))
}

/// A day as the instant it starts, in UTC: what RFC 3339 needs of a date.
fn midnight(date: Date) -> atom::FixedDateTime {
    let utc = chrono::FixedOffset::east_opt(0).expect("zero is a valid offset");
    date.naive()
        .and_hms_opt(0, 0, 0)
        .expect("midnight exists")
        .and_local_timezone(utc)
        .single()
        .expect("UTC has no gaps")
}

/// The sitemap of `pages` (paths relative to the site root): `sitemap.xml` alone, or, beyond
/// [`SITEMAP_LIMIT`] URLs, `sitemap.xml` as an index of `sitemap-1.xml`, `sitemap-2.xml`, ...
pub fn sitemaps(base: &str, pages: &[String]) -> Vec<(String, Vec<u8>)> {
    let urls = |chunk: &[String]| -> Vec<u8> {
        xml_list(
            "urlset",
            "url",
            chunk.iter().map(|page| format!("{base}{page}")),
        )
    };
    if pages.len() <= SITEMAP_LIMIT {
        return vec![(paths::SITEMAP.to_string(), urls(pages))];
    }
    let mut files = Vec::new();
    let mut parts = Vec::new();
    for (i, chunk) in pages.chunks(SITEMAP_LIMIT).enumerate() {
        let path = paths::sitemap_part(i + 1);
        parts.push(format!("{base}{path}"));
        files.push((path, urls(chunk)));
    }
    files.insert(
        0,
        (
            paths::SITEMAP.to_string(),
            xml_list("sitemapindex", "sitemap", parts.into_iter()),
        ),
    );
    files
}

/// `<root xmlns=...><item><loc>URL</loc></item>...</root>`, written by quick-xml (which
/// escapes the URLs).
fn xml_list(root: &str, item: &str, locations: impl Iterator<Item = String>) -> Vec<u8> {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
    let mut writer = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 1);
    let write = |writer: &mut quick_xml::Writer<Vec<u8>>| -> std::io::Result<()> {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        let mut start = BytesStart::new(root);
        start.push_attribute(("xmlns", "http://www.sitemaps.org/schemas/sitemap/0.9"));
        writer.write_event(Event::Start(start))?;
        for location in locations {
            writer.write_event(Event::Start(BytesStart::new(item)))?;
            writer.write_event(Event::Start(BytesStart::new("loc")))?;
            writer.write_event(Event::Text(BytesText::new(&location)))?;
            writer.write_event(Event::End(BytesEnd::new("loc")))?;
            writer.write_event(Event::End(BytesEnd::new(item)))?;
        }
        writer.write_event(Event::End(BytesEnd::new(root)))?;
        Ok(())
    };
    // Writing into a Vec cannot fail.
    let _ = write(&mut writer);
    let mut bytes = writer.into_inner();
    bytes.push(b'\n');
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_sitemap_is_one_file_and_a_large_one_an_index() {
        let pages: Vec<String> = (0..3).map(|i| format!("p{i}.html")).collect();
        let files = sitemaps("https://x.org/", &pages);
        assert_eq!(files.len(), 1);
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("<loc>https://x.org/p2.html</loc>"), "{text}");

        let many: Vec<String> = (0..SITEMAP_LIMIT + 1)
            .map(|i| format!("p{i}.html"))
            .collect();
        let files = sitemaps("https://x.org/", &many);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(names, ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]);
        let index = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("<loc>https://x.org/sitemap-2.xml</loc>"));
    }

    #[test]
    fn urls_are_escaped_in_the_sitemap() {
        let files = sitemaps("https://x.org/a&b/", &["p.html".to_string()]);
        let text = String::from_utf8(files[0].1.clone()).unwrap();
        assert!(text.contains("https://x.org/a&amp;b/p.html"), "{text}");
    }
}
