//! The site's machine-readable indexes: the Atom feed of follow-up events (`feed.xml`, RFC
//! 4287) and the sitemap (`sitemap.xml`, sitemaps.org 0.9). Both need absolute URLs, so both
//! exist only when `base_url` is set (validation warns when it is not).
//!
//! Pure: the model in, bytes out. Every date is a day of the content, written as midnight UTC;
//! nothing reads the clock, so two builds give the same bytes.

use super::pages::{Ctx, changes};
use crate::date::Date;
use crate::history::{self, Dated, Event};
use crate::model::Site;
use crate::paths;
use atom_syndication as atom;

/// The sitemap protocol's limit of URLs per file; beyond it `sitemap.xml` is an index of
/// numbered sitemaps.
pub const SITEMAP_LIMIT: usize = 50_000;

/// One event of the follow-up, as a feed entry.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    date: Date,
    /// Absolute, stable: the same event has the same id in every build.
    id: String,
    /// Absolute URL of the spot on its page.
    link: String,
    title: String,
    summary: String,
}

/// The feed's entries: the newest `limit` events, newest first (the id decides between events
/// of one day, so the order is total), described as the pages describe them.
fn entries(cx: &Ctx, base: &str, limit: usize) -> Vec<Entry> {
    let site = cx.site.whole();
    // What happened to the follow-up, and the reports; of the figures only each indicator's
    // latest (an indicator has dozens: the open data has them all), with its caveat.
    let mut news: Vec<Dated> = history::events(site, None, site.config.as_of);
    news.extend(latest_figures(site));
    // The day of the oldest event that can be in the feed, found from the dates alone, so a
    // site of many thousand events makes ids only for those it may show.
    if news.len() > limit {
        let mut dates: Vec<Date> = news.iter().map(|d| d.date).collect();
        let (_, oldest, _) = dates.select_nth_unstable_by(limit - 1, |a, b| b.cmp(a));
        let oldest = *oldest;
        news.retain(|d| d.date >= oldest);
    }
    let mut events: Vec<(Date, String, Dated)> = news
        .into_iter()
        .map(|d| {
            let spot = changes::event_url(cx, &d.event);
            // The spot is a row; the event is what happened to it, when it has several.
            let id = match &d.event {
                Event::Fulfilled { .. } => format!("{base}{spot}.done"),
                Event::Passed { deadline, .. } => format!("{base}{spot}.passed.{deadline}"),
                Event::Figure {
                    indicator,
                    series,
                    point,
                } => format!(
                    "{base}{spot}.{}",
                    site.indicators[*indicator].series[*series].points[*point].period
                ),
                _ => format!("{base}{spot}"),
            };
            (d.date, id, d)
        })
        .collect();
    events.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    events.truncate(limit);
    events
        .into_iter()
        .map(|(date, id, dated)| {
            let described = changes::event(cx, &dated);
            Entry {
                date,
                id,
                link: format!("{base}{}", described.url),
                title: described.title(),
                summary: described.text.unwrap_or_default(),
            }
        })
        .collect()
}

/// The latest figure of each indicator (of its first series, the one its target is judged on),
/// as an event dated when its period began.
fn latest_figures(site: &Site) -> Vec<Dated<'_>> {
    let as_of = site.config.as_of;
    site.indicators
        .values()
        .filter_map(|ind| {
            let series = ind.series.first()?;
            let point = series
                .points
                .iter()
                .rposition(|p| p.figure.is_some() && p.period.start() <= as_of)?;
            Some(Dated {
                date: series.points[point].period.start(),
                event: Event::Figure {
                    indicator: &ind.id,
                    series: 0,
                    point,
                },
            })
        })
        .collect()
}

/// The Atom feed: the newest `site.config.feed_limit` events of the follow-up (status
/// entries, fulfilled commitments, deadlines passed and moved, reporting moments), newest
/// first. `base` is the site's `base_url` (ending in `/`).
pub fn atom_feed(cx: &Ctx, base: &str) -> Result<Vec<u8>, String> {
    let site = cx.site.whole();
    let events = entries(cx, base, site.config.feed_limit);
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
