//! The Markdown pages without references in their front matter: content/index.md, documents
//! and topics. Each is checked on its own; the links in their text are resolved later, with
//! the rest of the site in view (`links`).

use super::checks::{Draft, FileContext, ReadBody, Settings};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::parse::{self, Parsed};
use crate::source::SourceFile;

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
    let page: Parsed<parse::HomeFile> = parse::parse_optional_front_matter(cx.file, &mut cx.diags)?;
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
    let page: Parsed<parse::DocumentFile> = parse::parse_page(cx.file, &mut cx.diags)?;
    let meta = page.meta;
    // A progress report dated after as_of would be a reporting moment that has not happened.
    let date_ok = cx.not_after_as_of(meta.date.start(), "a document dated", meta.date.value);
    let url_ok = meta
        .url
        .as_ref()
        .is_none_or(|url| cx.url(url.start(), url.get()));
    let read = cx.body(page.body);
    Some(draft(read, |body| {
        (url_ok && date_ok).then_some(())?;
        Some(Document {
            id: id?,
            title: meta.title,
            date: meta.date.value,
            kind: meta.kind,
            reference: meta.reference,
            author: meta.author,
            url: meta.url.map(parse::At::into_inner),
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
    let page: Parsed<parse::TopicFile> = parse::parse_page(cx.file, &mut cx.diags)?;
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
