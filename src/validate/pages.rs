//! The Markdown pages without references in their front matter: content/index.md, documents
//! and topics. Each is checked on its own; the links in their text are resolved later, with
//! the rest of the site in view (`links`).

use super::Draft;
use super::checks::{FileContext, ReadBody, Settings};
use crate::diag::Diagnostics;
use crate::load::SourceFile;
use crate::model::*;
use crate::parse::{self, Parsed};
use toml::Spanned;

/// A Markdown page checked on its own: the item when the file is valid, and its body's
/// headings and links whenever the file could be parsed.
pub(crate) type PageDraft<T> = Draft<Option<T>>;

/// content/index.md: the dashboard's introduction (front matter optional).
pub(super) fn home(
    file: &SourceFile,
    settings: Settings,
) -> (Option<PageDraft<Home>>, Diagnostics) {
    let mut cx = FileContext::new(file, settings);
    let draft = check_home(&mut cx);
    (draft, cx.diags)
}

fn check_home(cx: &mut FileContext) -> Option<PageDraft<Home>> {
    let page: Parsed<parse::RawHome> = parse::parse_optional_front_matter(cx.file, &mut cx.diags)?;
    let read = cx.body(page.body);
    Some(draft(read, |body| {
        Some(Home {
            title: page.meta.title,
            body,
        })
    }))
}

/// content/documents/<id>.md.
pub(super) fn document(
    file: &SourceFile,
    settings: Settings,
) -> (Option<PageDraft<Document>>, Diagnostics) {
    let mut cx = FileContext::new(file, settings);
    let draft = check_document(&mut cx);
    (draft, cx.diags)
}

fn check_document(cx: &mut FileContext) -> Option<PageDraft<Document>> {
    let id = cx.file_id();
    let page: Parsed<parse::RawDocument> = parse::parse_page(cx.file, &mut cx.diags)?;
    cx.offset = page.front_matter_offset;
    let meta = page.meta;
    let kind = cx.enum_value::<DocumentKind>(cx.at(&meta.kind.span()), meta.kind.get_ref(), "kind");
    let mut date = cx.date(&meta.date);
    // A progress report dated after as_of would be a reporting moment that has not happened.
    if let Some(when) = date
        && !cx.not_after_as_of(cx.at(&meta.date.span()), "a document dated", when)
    {
        date = None;
    }
    let url_ok = meta
        .url
        .as_ref()
        .is_none_or(|url| cx.url(cx.at(&url.span()), url.get_ref()));
    let read = cx.body(page.body);
    Some(draft(read, |body| {
        url_ok.then_some(())?;
        Some(Document {
            id: id?,
            title: meta.title,
            date: date?,
            kind: kind?,
            reference: meta.reference,
            author: meta.author,
            url: meta.url.map(Spanned::into_inner),
            body,
        })
    }))
}

/// content/topics/<id>.md.
pub(super) fn topic(
    file: &SourceFile,
    settings: Settings,
) -> (Option<PageDraft<Topic>>, Diagnostics) {
    let mut cx = FileContext::new(file, settings);
    let draft = check_topic(&mut cx);
    (draft, cx.diags)
}

fn check_topic(cx: &mut FileContext) -> Option<PageDraft<Topic>> {
    let id = cx.file_id();
    let page: Parsed<parse::RawTopic> = parse::parse_page(cx.file, &mut cx.diags)?;
    let read = cx.body(page.body);
    Some(draft(read, |body| {
        Some(Topic {
            id: id?,
            title: page.meta.title,
            body,
        })
    }))
}

/// The draft of a page whose body was read: `make` builds the item from a valid body.
fn draft<T>(read: ReadBody, make: impl FnOnce(Body) -> Option<T>) -> PageDraft<T> {
    Draft {
        value: read.body.and_then(make),
        body_offset: read.offset,
        headings: read.headings,
        links: read.links,
    }
}
