//! The lists of the site, each in pages of `[lists] page_size` rows: recommendations,
//! indicators, documents, topics (and each topic's recommendations), the register of
//! commitments and everything that changed since the last reporting moment.

use super::parts::pages_of;
use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, List, Output};
use crate::render::i18n::ListsText;
use crate::render::views::*;
use std::sync::Arc;

/// Renders a list of `rows` in pages of `[lists] page_size` rows, the first at `first`:
/// `page` makes each page's struct from its rows and its place among the pages.
fn list_pages<T, P: PageView>(
    out: &impl Out,
    cx: &Ctx,
    first: &str,
    rows: impl ExactSizeIterator<Item = T>,
    mut page: impl FnMut(Vec<T>, Option<Pagination>) -> P,
    diags: &mut Diagnostics,
) {
    for (path, rows, pagination) in pages_of(first, rows, cx.site.config().page_size, cx.t) {
        out.page(cx, &path, page(rows, pagination), diags);
    }
}

pub(in crate::render) fn recommendation_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let rows = in_natural_order(cx.site.recommendations())
        .into_iter()
        .map(|r| RecommendationRow::new(cx, r));
    list_pages(
        out,
        cx,
        paths::RECOMMENDATIONS,
        rows,
        |recommendations, pagination| RecommendationList {
            recommendations,
            pagination,
        },
        diags,
    );
}

pub(in crate::render) fn indicator_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let rows = in_natural_order(cx.site.indicators())
        .into_iter()
        .map(|i| IndicatorRow::new(cx, i));
    list_pages(
        out,
        cx,
        paths::INDICATORS,
        rows,
        |indicators, pagination| IndicatorList {
            indicators,
            pagination,
        },
        diags,
    );
}

pub(in crate::render) fn document_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let mut docs: Vec<&Arc<Document>> = cx.site.documents().values().collect();
    // Newest first, id as the tie-break so the order never depends on anything else.
    docs.sort_by(|a, b| {
        b.date
            .cmp(&a.date)
            .then_with(|| natural_order(&a.id, &b.id))
    });
    let rows = docs.into_iter().map(|d| document_row(cx, d));
    list_pages(
        out,
        cx,
        paths::DOCUMENTS,
        rows,
        |documents, pagination| DocumentList {
            documents,
            pagination,
        },
        diags,
    );
}

pub(in crate::render) fn topic_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let site = cx.site;
    let rows = in_natural_order(site.topics())
        .into_iter()
        .map(|topic| TopicRow {
            title: topic.title.clone(),
            url: cx.url(Output::Topic(topic.id.clone(), 1), None),
            count: site.topic_recommendations(&topic.id).len(),
        });
    list_pages(
        out,
        cx,
        paths::TOPICS,
        rows,
        |topics, pagination| TopicList { topics, pagination },
        diags,
    );
}

/// A topic's page and its further pages: the topic's text (on the first) and its
/// recommendations.
pub(in crate::render) fn topic(out: &impl Out, cx: &Ctx, topic: &Topic, diags: &mut Diagnostics) {
    let site = cx.site;
    let ids: &[String] = site.topic_recommendations(&topic.id);
    let rows = ids
        .iter()
        .map(|id| RecommendationRow::new(cx, site.recommendation(id)));
    let first = paths::topic(&topic.id);
    let body = out.text_html(cx, &topic.body, &first, None, diags);
    list_pages(
        out,
        cx,
        &first,
        rows,
        |recommendations, pagination| TopicPage {
            title: topic.title.clone(),
            body: if pagination.as_ref().is_none_or(|p| p.number == 1) {
                body.clone()
            } else {
                String::new()
            },
            recommendations,
            pagination,
        },
        diags,
    );
}

/// `commitments/index.html` and its further pages: the register of commitments.
pub(in crate::render) fn commitment_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let site = cx.site;
    let t = cx.t;
    let intro = t.fill(
        ListsText::CommitmentsIntro,
        &[("as_of", &t.date(site.config().as_of))],
    );
    let mut owners = Some(OwnerRow::all(site));
    list_pages(
        out,
        cx,
        paths::COMMITMENTS,
        CommitmentRow::all(cx),
        |commitments, pagination| CommitmentList {
            intro: intro.clone(),
            // On the first page; the closure is called in page order.
            owners: pagination
                .as_ref()
                .is_none_or(|p| p.number == 1)
                .then(|| owners.take())
                .flatten()
                .unwrap_or_default(),
            commitments,
            pagination,
        },
        diags,
    );
}

/// `changes.html` and its further pages: everything that changed since the last
/// reporting moment before `as_of` (the dashboard shows the first few of each kind).
pub(in crate::render) fn change_list(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let t = cx.t;
    let Some(since) = cx.since() else {
        return;
    };
    let changes = ChangesView::new(cx, Some(since), cx.as_of());
    let title = t.fill(ListsText::ChangesTitle, &[("date", &t.date(since.date))]);
    let total = changes.count();
    let size = cx.site.config().page_size;
    let pages = changes.into_pages(size);
    let count = pages.len();
    for (n, changes) in pages.into_iter().enumerate() {
        let number = n + 1;
        let page = ChangesPage {
            title: title.clone(),
            changes,
            pagination: (count > 1)
                .then(|| Pagination::new(paths::CHANGES, number, total, size, t)),
        };
        out.page(cx, &Output::List(List::Changes, number).path(), page, diags);
    }
}

/// A document in a list.
fn document_row(cx: &Ctx, d: &Document) -> DocumentRow {
    DocumentRow {
        title: d.title.clone(),
        url: cx.url(Output::Document(d.id.clone()), None),
        date: cx.t.date(d.date),
        date_iso: d.date.to_string(),
        kind: cx.label(d.kind),
        reference: d.reference.clone(),
    }
}
