//! Markdown: heading anchors and HTML, on top of pulldown-cmark.
//!
//! Owns the one rule for heading anchors, used both by validation (which anchors exist, so
//! `response_ref` can be checked) and by rendering (which ids the HTML carries), so the two can
//! never disagree. Owns content safety too: raw HTML is escaped unless the site opts in (and
//! is then sanitized with ammonia), and links with script-capable schemes are dropped.
//! Pure: text in, text out.

use crate::model::Heading;
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// Where a destination goes instead of as written (`None`: as written).
pub type Redirect<'a> = &'a dyn Fn(&str) -> Option<String>;

/// How to render Markdown.
#[derive(Clone, Copy, Default)]
pub struct HtmlOptions<'a> {
    /// Pass raw HTML through (sanitized by ammonia) instead of escaping it.
    pub allow_html: bool,
    /// Where a link or image goes: its destination as written -> the URL to publish
    /// (`None` from the function: as written). Validation resolved what each link of the
    /// site points at; the page (or the dossier) that shows the text makes the URL.
    pub link: Option<Redirect<'a>>,
    /// Put before every id the text gives an element (heading anchors, footnotes), for a
    /// page that shows several texts (the print dossier). Empty: ids as they are.
    pub id_prefix: &'a str,
    /// The level the text's top headings are shown at; `None`: 2 (below the page's title).
    pub top_level: Option<u8>,
}

/// A link or image in Markdown, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MdLink {
    /// Byte range of the whole link (or image) in the Markdown text.
    pub span: Range<usize>,
    /// The destination as written (`R2.md#x`, `https://...`, `figure.png`).
    pub dest: String,
    pub image: bool,
}

/// What validation needs to know about a Markdown text, from one parse: its headings with
/// their anchors, its links and images, and the explicit anchors that are not allowed.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub headings: Vec<Heading>,
    pub links: Vec<MdLink>,
    pub anchor_problems: Vec<(Range<usize>, String)>,
    /// Where the text first has raw HTML, which is shown as text unless the site allows it.
    pub raw_html: Option<Range<usize>>,
}

/// Reads the headings, links and anchor problems of a Markdown text.
pub fn outline(markdown: &str) -> Outline {
    let events: Vec<(Event, Range<usize>)> = Parser::new_ext(markdown, parser_options())
        .into_offset_iter()
        .collect();
    let links = events
        .iter()
        .filter_map(|(event, span)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => Some((dest_url, false, span)),
            Event::Start(Tag::Image { dest_url, .. }) => Some((dest_url, true, span)),
            _ => None,
        })
        .map(|(dest, image, span)| MdLink {
            span: span.clone(),
            dest: dest.to_string(),
            image,
        })
        .collect();
    let anchor_problems = anchor_problems_of(markdown, &events);
    let raw_html = events.iter().find_map(|(event, span)| {
        matches!(event, Event::Html(_) | Event::InlineHtml(_)).then(|| span.clone())
    });
    let (_, headings) = assign_anchors(events.into_iter().map(|(e, _)| e).collect());
    Outline {
        headings,
        links,
        anchor_problems,
        raw_html,
    }
}

/// A link or image in Markdown that the site will not render as such.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkProblem {
    /// Byte range of the link in the Markdown text.
    pub span: Range<usize>,
    pub url: String,
    pub message: &'static str,
}

/// URL schemes that run code or smuggle content: `javascript:`, `vbscript:`, `data:`.
/// Browsers ignore case, leading spaces and control characters, and tabs or newlines inside
/// the scheme, so the check does too.
pub fn is_dangerous_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c.is_whitespace() || c.is_control())
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .iter()
        .any(|scheme| cleaned.starts_with(scheme))
}

/// An image URL that would make the browser ask another host.
fn is_foreign_image(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

/// Explicit heading anchors (`{#id}`) that are not allowed: characters outside letters,
/// digits, `-` and `_` (anchors end up in URLs), an anchor used twice in one text, or an anchor
/// that another heading would get from its text (that heading would silently move to `-2`, and
/// every reference to it would land on the wrong section).
fn anchor_problems_of(
    markdown: &str,
    events: &[(Event, Range<usize>)],
) -> Vec<(Range<usize>, String)> {
    let mut problems = Vec::new();
    let mut explicit: Vec<(Range<usize>, String)> = Vec::new();
    // The anchor each heading without `{#id}` takes from its text, with that text.
    let mut derived: BTreeMap<String, String> = BTreeMap::new();
    let mut heading: Option<(Option<String>, String)> = None;
    for (event, span) in events {
        match event {
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                // `{#Procurement rules}` reads as the anchor `Procurement` and an attribute
                // `rules`: what was meant is one anchor, so say which.
                if !classes.is_empty() || !attrs.is_empty() {
                    let written =
                        heading_attributes(markdown.get(span.clone()).unwrap_or_default());
                    let meant = slug_of(written.trim_start_matches('{').trim_end_matches('}'));
                    problems.push((
                        span.clone(),
                        format!("the heading attributes {written} are not one anchor: an anchor has no spaces, dots or other attributes; write {{#{meant}}}"),
                    ));
                } else if let Some(id) = id {
                    explicit.push((span.clone(), id.to_string()));
                }
                heading = Some((id.as_ref().map(|id| id.to_string()), String::new()));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, text)) = &mut heading {
                    text.push_str(t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((None, text)) = heading.take() {
                    derived
                        .entry(slug_of(&text))
                        .or_insert_with(|| text.trim().to_string());
                }
                heading = None;
            }
            _ => {}
        }
    }
    let mut seen = BTreeSet::new();
    for (span, id) in explicit {
        let safe = id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
        if !safe {
            problems.push((span, format!("the heading anchor {{#{id}}} may contain only ASCII letters, digits, '-' and '_'; write {{#{}}}", slug_of(&id))));
        } else if id.starts_with('_') {
            problems.push((
                span,
                format!("the heading anchor {{#{id}}} starts with '_', which marks the ids opvolg gives sections, charts and footnotes; write {{#{}}}", slug_of(&id)),
            ));
        } else if !seen.insert(id.clone()) {
            problems.push((
                span,
                format!("the heading anchor {{#{id}}} is used twice in this text"),
            ));
        } else if let Some(text) = derived.get(&id) {
            problems.push((
                span,
                format!("the heading anchor {{#{id}}} is also the anchor of the heading \"{text}\"; give one of the two another {{#anchor}}"),
            ));
        }
    }
    problems
}

/// The links and images of `links` that rendering will drop, for warnings.
pub fn link_problems(links: &[MdLink]) -> Vec<LinkProblem> {
    let mut problems = Vec::new();
    for link in links {
        let message = if is_dangerous_url(&link.dest) {
            "links and images with javascript:, vbscript: or data: URLs are removed"
        } else if link.image && is_foreign_image(&link.dest) {
            "images from other hosts are removed: the site makes no requests to other hosts"
        } else {
            continue;
        };
        problems.push(LinkProblem {
            span: link.span.clone(),
            url: link.dest.clone(),
            message,
        });
    }
    problems
}

fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_STRIKETHROUGH
}

/// The headings of a Markdown text with their anchors, in document order.
pub fn headings(markdown: &str) -> Vec<Heading> {
    outline(markdown).headings
}

/// The plain text of a Markdown text, cut at its headings: the first string is the text
/// before the first heading, then one per heading (in the order of [`headings`]) with the
/// text under it up to the next heading, the heading's own words left out. Words of
/// neighbouring blocks and cells are kept apart by a space; markup, link targets and raw HTML
/// are left out (for the search index).
pub fn text_by_section(markdown: &str) -> Vec<String> {
    let mut sections = vec![String::new()];
    let mut in_heading = false;
    for event in Parser::new_ext(markdown, parser_options()) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                sections.push(String::new());
            }
            Event::End(TagEnd::Heading(_)) => in_heading = false,
            Event::Text(text) | Event::Code(text) if !in_heading => {
                if let Some(section) = sections.last_mut() {
                    section.push_str(&text);
                }
            }
            // Blocks and cells end a word; a link or emphasis ending does not ("A1: ...").
            Event::End(
                TagEnd::Link
                | TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript,
            ) => {}
            Event::End(_) | Event::SoftBreak | Event::HardBreak => {
                if let Some(section) = sections.last_mut()
                    && !section.ends_with(' ')
                    && !section.is_empty()
                {
                    section.push(' ');
                }
            }
            _ => {}
        }
    }
    for section in &mut sections {
        let trimmed = section.trim_end().len();
        section.truncate(trimmed);
    }
    sections
}

/// The markup a page adds to a text: the theme's, given here, put in after the text is
/// made (and sanitized), so it is never taken for content.
pub trait Markup {
    /// What follows the heading with `anchor` (the recommendations that cite the section).
    fn after_heading(&self, anchor: &str) -> Option<String>;
    /// A reference to a footnote, where the text makes it.
    fn footnote_ref(&self, reference: &FootnoteRef) -> String;
    /// The footnotes of the text, after it (never called without any).
    fn footnotes(&self, notes: &[Footnote]) -> String;
}

/// One reference to a footnote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FootnoteRef {
    /// The id of the reference: `_fnref.1`, `_fnref.1.2` for a second one (with the prefix).
    pub id: String,
    /// The footnote's number, by first reference.
    pub number: usize,
    /// The id of the footnote it refers to: `_fn.1` (with the prefix).
    pub target: String,
}

/// One footnote of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Footnote {
    /// The id of the footnote: `_fn.1` (with the prefix).
    pub id: String,
    pub number: usize,
    /// Its text as HTML.
    pub html: String,
    /// The ids of the references to it, in order (none for an unreferenced one).
    pub references: Vec<String>,
}

/// Where theme markup goes in a text until it is put in: a private-use character, which
/// `to_html` removes from every text it renders, a number, and another.
const SLOT_OPEN: char = '\u{E000}';
const SLOT_CLOSE: char = '\u{E001}';

/// Renders Markdown to HTML.
///
/// Headings carry their anchors and are demoted so the text's top level is `<h2>` (the page
/// owns the `<h1>`). `markup` gives what follows a heading (the "cited by" block), the
/// references to footnotes, and the list of footnotes at the end.
pub fn to_html(markdown: &str, options: HtmlOptions, markup: &dyn Markup) -> String {
    // No text can hold a slot of its own: the characters are taken out before parsing.
    let cleaned;
    let markdown = if markdown.contains([SLOT_OPEN, SLOT_CLOSE]) {
        cleaned = markdown.replace([SLOT_OPEN, SLOT_CLOSE], "");
        cleaned.as_str()
    } else {
        markdown
    };
    let events: Vec<Event> = Parser::new_ext(markdown, parser_options()).collect();
    let (events, headings) = assign_anchors(events);
    let top = options.top_level.unwrap_or(2);
    let demote = headings
        .iter()
        .map(|h| h.level)
        .min()
        .map_or(0, |first| top.saturating_sub(first));

    let mut footnotes = Footnotes {
        prefix: options.id_prefix,
        ..Footnotes::default()
    };
    // Theme markup by slot number, put in once the text is HTML.
    let mut slots: Vec<String> = Vec::new();
    let mut slot = |mut markup: String| -> Event {
        // A slot ends a line when its markup does, so what follows starts on a new one as
        // it would after the markup itself.
        let newline = if markup.ends_with('\n') {
            markup.pop();
            "\n"
        } else {
            ""
        };
        slots.push(markup);
        Event::Text(format!("{SLOT_OPEN}{}{SLOT_CLOSE}{newline}", slots.len() - 1).into())
    };
    let mut body: Vec<Event> = Vec::with_capacity(events.len());
    let mut in_definition: Option<(String, Vec<Event>)> = None;
    let mut heading_anchor: Option<String> = None;
    let allow_html = options.allow_html;
    fn raw_with(allow_html: bool, event: Event<'_>) -> Event<'_> {
        if allow_html {
            event
        } else {
            escape_raw_html(event)
        }
    }
    let events = prepare_links(events, options.link);
    for event in events {
        if let Some((_, definition)) = in_definition.as_mut() {
            match event {
                Event::End(TagEnd::FootnoteDefinition) => {
                    let (label, definition) = in_definition.take().expect("inside a definition");
                    footnotes.define(label, definition);
                }
                Event::FootnoteReference(reference) => {
                    definition.push(slot(markup.footnote_ref(&footnotes.reference(&reference))));
                }
                other => definition.push(raw_with(allow_html, other)),
            }
            continue;
        }
        match event {
            Event::Start(Tag::FootnoteDefinition(label)) => {
                in_definition = Some((label.to_string(), Vec::new()));
            }
            Event::FootnoteReference(reference) => {
                body.push(slot(markup.footnote_ref(&footnotes.reference(&reference))));
            }
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                heading_anchor = id.as_ref().map(|id| id.to_string());
                let id = match (id, options.id_prefix) {
                    (Some(id), prefix) if !prefix.is_empty() => {
                        Some(CowStr::from(format!("{prefix}{id}")))
                    }
                    (id, _) => id,
                };
                body.push(Event::Start(Tag::Heading {
                    level: shift(level, demote),
                    id,
                    classes,
                    attrs,
                }));
            }
            Event::End(TagEnd::Heading(level)) => {
                body.push(Event::End(TagEnd::Heading(shift(level, demote))));
                if let Some(extra) = heading_anchor.take().and_then(|a| markup.after_heading(&a)) {
                    body.push(slot(extra));
                }
            }
            other => body.push(raw_with(allow_html, other)),
        }
    }

    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, body.into_iter());
    if allow_html {
        html = sanitize(&html);
    }
    let notes = footnotes.into_list(allow_html);
    let mut html = fill_slots(html, &slots);
    if !notes.is_empty() {
        html.push_str(&fill_slots(markup.footnotes(&notes), &slots));
    }
    html
}

/// Puts the theme's markup in its slots, in one pass over the text.
fn fill_slots(html: String, slots: &[String]) -> String {
    if slots.is_empty() || !html.contains(SLOT_OPEN) {
        return html;
    }
    let mut out = String::with_capacity(html.len() + slots.iter().map(String::len).sum::<usize>());
    let mut rest = html.as_str();
    while let Some(open) = rest.find(SLOT_OPEN) {
        out.push_str(&rest[..open]);
        let after = &rest[open + SLOT_OPEN.len_utf8()..];
        let filled = after.find(SLOT_CLOSE).and_then(|close| {
            let markup = slots.get(after[..close].parse::<usize>().ok()?)?;
            Some((markup, close))
        });
        match filled {
            Some((markup, close)) => {
                out.push_str(markup);
                rest = &after[close + SLOT_CLOSE.len_utf8()..];
            }
            // Never made by `to_html` (slots are numbers it made): dropped.
            None => rest = after,
        }
    }
    out.push_str(rest);
    out
}

/// Points links and images at their published URLs, removes dangerous links (keeping their
/// text) and foreign or dangerous images (keeping their alt text as plain text).
fn prepare_links<'e>(events: Vec<Event<'e>>, link: Option<Redirect>) -> Vec<Event<'e>> {
    let published = |dest: &CowStr<'e>| -> Option<CowStr<'e>> {
        link.and_then(|to| to(dest)).map(CowStr::from)
    };
    let mut out = Vec::with_capacity(events.len());
    // For each open link or image: whether its start tag was dropped.
    let mut open: Vec<bool> = Vec::new();
    for event in events {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let drop = is_dangerous_url(&dest_url);
                open.push(drop);
                if !drop {
                    let dest_url = published(&dest_url).unwrap_or(dest_url);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let drop = is_dangerous_url(&dest_url) || is_foreign_image(&dest_url);
                open.push(drop);
                if !drop {
                    let dest_url = published(&dest_url).unwrap_or(dest_url);
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) | Event::End(TagEnd::Image) => {
                if !open.pop().unwrap_or(false) {
                    out.push(event);
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Sanitizes HTML from content that opted into raw HTML: ammonia's safe subset, plus the
/// attributes the Markdown's own HTML needs (heading anchors).
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class", "lang", "role"])
        .add_tags(["aside", "section", "sup", "sub"])
        .add_tag_attributes("li", ["value"])
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .clean(html)
        .to_string()
}

/// Turns raw HTML into text, so content can never inject markup.
fn escape_raw_html(event: Event) -> Event {
    match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        other => other,
    }
}

fn shift(level: HeadingLevel, by: u8) -> HeadingLevel {
    let n = (level as u8 + by).min(6);
    HeadingLevel::try_from(n as usize).unwrap_or(HeadingLevel::H6)
}

/// Gives every heading an anchor: the explicit `{#id}`, else a slug of its text made unique
/// with `-2`, `-3`, ... in document order.
fn assign_anchors(mut events: Vec<Event>) -> (Vec<Event>, Vec<Heading>) {
    let explicit: BTreeSet<String> = events
        .iter()
        .filter_map(|e| match e {
            Event::Start(Tag::Heading { id: Some(id), .. }) => Some(id.to_string()),
            _ => None,
        })
        .collect();
    let mut used: BTreeSet<String> = explicit.clone();
    // The next suffix to try per slug, so a text with thousands of equal headings is not
    // searched from `-2` again for each one.
    let mut next: BTreeMap<String, usize> = BTreeMap::new();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i] {
            let level = *level as u8;
            let explicit_id = id.as_ref().map(|id| id.to_string());
            let mut text = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j] {
                    text.push_str(t);
                }
                j += 1;
            }
            let anchor = match explicit_id {
                Some(id) => id,
                None => {
                    let anchor = unique(&slug_of(&text), &mut used, &mut next);
                    if let Event::Start(Tag::Heading { id, .. }) = &mut events[i] {
                        *id = Some(CowStr::from(anchor.clone()));
                    }
                    anchor
                }
            };
            headings.push(Heading {
                level,
                anchor,
                text: text.trim().to_string(),
            });
            i = j;
        }
        i += 1;
    }
    (events, headings)
}

/// The `{...}` attribute block at the end of a heading's first line, as written.
fn heading_attributes(heading: &str) -> &str {
    let line = heading.lines().next().unwrap_or(heading).trim_end();
    let line = line.trim_end_matches('#').trim_end();
    match line.rfind('{') {
        Some(open) => &line[open..],
        None => line,
    }
}

/// The anchor derived from a heading's text.
pub fn slug_of(text: &str) -> String {
    let slug = slug::slugify(text);
    if slug.is_empty() {
        "section".to_string()
    } else {
        slug
    }
}

/// `base`, or `base-2`, `base-3`, ...: the first that is not used yet.
fn unique(base: &str, used: &mut BTreeSet<String>, next: &mut BTreeMap<String, usize>) -> String {
    let mut candidate = base.to_string();
    if used.contains(&candidate) {
        let n = next.entry(base.to_string()).or_insert(2);
        loop {
            candidate = format!("{base}-{n}");
            *n += 1;
            if !used.contains(&candidate) {
                break;
            }
        }
    }
    used.insert(candidate.clone());
    candidate
}

/// Footnotes numbered by first reference, listed at the end. Their ids are opvolg's
/// (`_fn.N`, `_fnref.N`, `_fnref.N.2` for a second reference), so no heading of the text can
/// take them, and every reference has its own.
#[derive(Default)]
struct Footnotes<'a> {
    /// Put before every id (see [`HtmlOptions::id_prefix`]).
    prefix: &'a str,
    numbers: BTreeMap<String, usize>,
    definitions: BTreeMap<String, Vec<Event<'a>>>,
    /// How often each footnote number has been referenced so far.
    references: BTreeMap<usize, usize>,
}

/// The id of the `k`-th (1-based) reference to footnote `n`.
fn footnote_reference_id(prefix: &str, n: usize, k: usize) -> String {
    if k == 1 {
        format!("{prefix}_fnref.{n}")
    } else {
        format!("{prefix}_fnref.{n}.{k}")
    }
}

impl<'a> Footnotes<'a> {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    fn reference(&mut self, label: &str) -> FootnoteRef {
        let n = self.number(label);
        let k = self.references.entry(n).or_insert(0);
        *k += 1;
        FootnoteRef {
            id: footnote_reference_id(self.prefix, n, *k),
            number: n,
            target: format!("{}_fn.{n}", self.prefix),
        }
    }

    fn define(&mut self, label: String, events: Vec<Event<'a>>) {
        self.number(&label);
        self.definitions.insert(label, events);
    }

    /// Every defined footnote in number order, its text as HTML (sanitized when the text's
    /// HTML is let through).
    fn into_list(self, allow_html: bool) -> Vec<Footnote> {
        let mut notes: Vec<Footnote> = self
            .definitions
            .into_iter()
            .map(|(label, events)| {
                // `define` numbered every label it kept.
                let n = self.numbers[&label];
                let mut html = String::new();
                pulldown_cmark::html::push_html(&mut html, events.into_iter());
                if allow_html {
                    html = sanitize(&html);
                }
                let count = self.references.get(&n).copied().unwrap_or(0);
                Footnote {
                    id: format!("{}_fn.{n}", self.prefix),
                    number: n,
                    html,
                    references: (1..=count)
                        .map(|k| footnote_reference_id(self.prefix, n, k))
                        .collect(),
                }
            })
            .collect();
        notes.sort_by_key(|note| note.number);
        notes
    }
}

/// Markup for texts shown without a theme (tests, the fuzz checks): a reference is its
/// number, the footnotes a list, and nothing follows a heading.
pub struct PlainMarkup;

impl Markup for PlainMarkup {
    fn after_heading(&self, _: &str) -> Option<String> {
        None
    }

    fn footnote_ref(&self, r: &FootnoteRef) -> String {
        format!(
            "<sup id=\"{}\"><a href=\"#{}\">{}</a></sup>",
            r.id, r.target, r.number
        )
    }

    fn footnotes(&self, notes: &[Footnote]) -> String {
        let mut html = String::from("<ol>");
        for note in notes {
            html.push_str(&format!("<li id=\"{}\">{}", note.id, note.html));
            for reference in &note.references {
                html.push_str(&format!("<a href=\"#{reference}\">↩</a>"));
            }
            html.push_str("</li>");
        }
        html.push_str("</ol>");
        html
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_makes_every_id_of_a_text_its_own_on_a_page_with_several() {
        let md = "# Top\n\nSee [below](#top) and [away](other.md).[^n]\n\n[^n]: A note.\n";
        let link = |dest: &str| match dest {
            "other.md" => Some("#_doc.other".to_string()),
            _ => dest.strip_prefix('#').map(|f| format!("#_rec.R1.{f}")),
        };
        let html = to_html(
            md,
            HtmlOptions {
                link: Some(&link),
                id_prefix: "_rec.R1.",
                top_level: Some(3),
                ..Default::default()
            },
            &PlainMarkup,
        );
        assert!(html.contains("<h3 id=\"_rec.R1.top\">Top</h3>"), "{html}");
        assert!(html.contains("href=\"#_rec.R1.top\""), "{html}");
        assert!(html.contains("href=\"#_doc.other\""), "{html}");
        assert!(html.contains("id=\"_rec.R1._fnref.1\""), "{html}");
        assert!(html.contains("href=\"#_rec.R1._fn.1\""), "{html}");
        assert!(html.contains("<li id=\"_rec.R1._fn.1\""), "{html}");
        assert!(html.contains("href=\"#_rec.R1._fnref.1\""), "{html}");
    }

    #[test]
    fn anchors_are_explicit_or_derived_and_unique() {
        let md = "## Aanleiding\n\n## AMV-opvang in Ter Apel\n\n## Onderwijs {#school}\n\n## Aanleiding\n";
        let anchors: Vec<String> = headings(md).into_iter().map(|h| h.anchor).collect();
        assert_eq!(
            anchors,
            [
                "aanleiding",
                "amv-opvang-in-ter-apel",
                "school",
                "aanleiding-2"
            ]
        );
    }

    #[test]
    fn anchors_opvolg_owns_or_cannot_carry_are_refused_with_the_form_to_write() {
        let md = "## Procurement {#Procurement rules}\n\n## Main {#_main}\n\n## Bad {#a&b}\n";
        let problems: Vec<String> = outline(md)
            .anchor_problems
            .into_iter()
            .map(|(span, message)| format!("{}: {message}", &md[span]))
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            problems[0].ends_with("write {#procurement-rules}"),
            "{problems:?}"
        );
        assert!(problems[1].contains("starts with '_'") && problems[1].ends_with("write {#main}"));
        assert!(problems[2].ends_with("write {#a-b}"), "{problems:?}");
    }

    #[test]
    fn every_footnote_reference_has_its_own_id_and_a_way_back() {
        let md = "A[^a] and again[^a], B[^b].\n\n[^a]: First.\n[^b]: Second.\n[^c]: Never cited.\n";
        let html = to_html(md, HtmlOptions::default(), &PlainMarkup);
        for id in [
            "_fnref.1",
            "_fnref.1.2",
            "_fnref.2",
            "_fn.1",
            "_fn.2",
            "_fn.3",
        ] {
            assert_eq!(
                html.matches(&format!("id=\"{id}\"")).count(),
                1,
                "{id}: {html}"
            );
        }
        assert!(html.contains("href=\"#_fnref.1.2\""), "{html}");
        // No way back to a reference that does not exist.
        assert!(!html.contains("href=\"#_fnref.3\""), "{html}");
    }

    #[test]
    fn html_carries_the_same_anchors_and_demotes_h1() {
        let html = to_html(
            "# Top\n\n## Toegang tot zorg\n",
            HtmlOptions::default(),
            &PlainMarkup,
        );
        assert!(html.contains("<h2 id=\"top\">Top</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"toegang-tot-zorg\">"), "{html}");
    }

    #[test]
    fn raw_html_is_escaped() {
        let html = to_html(
            "Hi <script>alert(1)</script>\n\n<div onclick=x>y</div>\n",
            HtmlOptions::default(),
            &PlainMarkup,
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<div"), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn allowed_html_is_sanitized() {
        let md = "<div class=\"box\" onclick=\"x()\">ok <script>alert(1)</script><b>bold</b></div>\n\n## Kop\n";
        let html = to_html(
            md,
            HtmlOptions {
                allow_html: true,
                ..Default::default()
            },
            &PlainMarkup,
        );
        assert!(html.contains("<b>bold</b>"), "{html}");
        assert!(html.contains("class=\"box\""), "{html}");
        assert!(
            !html.contains("onclick") && !html.contains("<script"),
            "{html}"
        );
        assert!(html.contains("<h2 id=\"kop\">"), "{html}");
    }

    #[test]
    fn dangerous_links_are_dropped_and_reported() {
        let md = "[a](javascript:alert(1)) [b](JaVaScRiPt:x) [e](java&#x09;script:x) [c](https://ok.nl) ![i](data:image/png;base64,xx) ![j](https://host/x.png) [d](vbscript:x)\n";
        let html = to_html(md, HtmlOptions::default(), &PlainMarkup);
        assert!(!html.to_lowercase().contains("script:"), "{html}");
        assert!(!html.contains("data:") && !html.contains("<img"), "{html}");
        assert!(html.contains("<a href=\"https://ok.nl\">c</a>"), "{html}");
        assert!(
            html.contains(">a") || html.contains(" a") || html.starts_with("<p>a"),
            "{html}"
        );
        let problems = link_problems(&outline(md).links);
        assert_eq!(problems.len(), 6, "{problems:?}");
        assert_eq!(&md[problems[0].span.clone()], "[a](javascript:alert(1))");
    }

    #[test]
    fn footnotes_link_both_ways_in_reference_order() {
        let md = "A[^b] and B[^a].\n\n[^a]: First defined.\n[^b]: Second defined.\n";
        let html = to_html(md, HtmlOptions::default(), &PlainMarkup);
        assert!(html.contains("<a href=\"#_fn.1\">1</a>"));
        let first = html.find("id=\"_fn.1\"").unwrap();
        assert!(html[first..].starts_with("id=\"_fn.1\"><p>Second defined."));
        assert!(html.contains("href=\"#_fnref.2\""));
    }

    /// Markup that follows every heading with a paragraph naming it.
    struct Cited;

    impl Markup for Cited {
        fn after_heading(&self, anchor: &str) -> Option<String> {
            Some(format!(
                "<aside class=\"cited\" onclick=\"x\">cited {anchor}</aside>"
            ))
        }
        fn footnote_ref(&self, r: &FootnoteRef) -> String {
            PlainMarkup.footnote_ref(r)
        }
        fn footnotes(&self, notes: &[Footnote]) -> String {
            PlainMarkup.footnotes(notes)
        }
    }

    #[test]
    fn markup_after_a_heading_is_put_in_after_the_text_is_sanitized() {
        let html = to_html("## Zorg\n\ntext\n", HtmlOptions::default(), &Cited);
        assert!(
            html.contains("</h2>\n<aside class=\"cited\" onclick=\"x\">cited zorg</aside>"),
            "{html}"
        );
        // With raw HTML let through, the text is sanitized; the theme's markup is not content.
        let options = HtmlOptions {
            allow_html: true,
            ..Default::default()
        };
        let html = to_html("## Zorg\n\n<b onclick=\"y\">text</b>\n", options, &Cited);
        assert!(html.contains("onclick=\"x\""), "{html}");
        assert!(!html.contains("onclick=\"y\""), "{html}");
        // A text cannot make a slot of its own.
        let html = to_html(
            "a \u{E000}0\u{E001} b\n\n## Zorg\n",
            HtmlOptions::default(),
            &Cited,
        );
        assert!(html.contains("<p>a 0 b</p>"), "{html}");
        assert_eq!(html.matches("<aside").count(), 1, "{html}");
    }

    #[test]
    fn text_by_section_cuts_at_headings_and_keeps_words_apart_only_between_blocks() {
        let md = "Intro with a [link](x.md): *em*phasis.\n\n## One {#een}\n\nFirst.\n\n- a\n- b\n\n## Two\n\n| x | y |\n|---|---|\n| 1 | 2 |\n";
        let sections = text_by_section(md);
        assert_eq!(
            sections,
            ["Intro with a link: emphasis.", "First. a b", "x y 1 2"]
        );
        assert_eq!(headings(md).len(), sections.len() - 1);
    }
}
