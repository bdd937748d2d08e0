//! The lists of the site, each in pages of `[lists] page_size` rows: recommendations,
//! indicators, documents, topics (and each topic's recommendations), the register of
//! commitments and everything that changed since the last reporting moment.

use super::Ctx;
use super::parts::pages_of;
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, List, Output};
use crate::render::i18n::ListsText;
use crate::render::renderer::Renderer;
use crate::render::views::*;
use std::sync::Arc;

impl Renderer<'_> {
    /// Renders a list of `rows` in pages of `[lists] page_size` rows, the first at `first`:
    /// `page` makes each page's struct from its rows and its place among the pages.
    fn list_pages<T, P: PageView>(
        &self,
        first: &str,
        rows: impl ExactSizeIterator<Item = T>,
        mut page: impl FnMut(Vec<T>, Option<Pagination>) -> P,
        diags: &mut Diagnostics,
    ) {
        for (path, rows, pagination) in pages_of(first, rows, self.site.config.page_size, self.t) {
            self.page(&path, page(rows, pagination), diags);
        }
    }

    pub(in crate::render) fn recommendation_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let rows = in_natural_order(&self.site.recommendations)
            .into_iter()
            .map(|r| RecommendationRow::new(&cx, r));
        self.list_pages(
            paths::RECOMMENDATIONS,
            rows,
            |recommendations, pagination| RecommendationList {
                recommendations,
                pagination,
            },
            diags,
        );
    }

    pub(in crate::render) fn indicator_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let rows = in_natural_order(&self.site.indicators)
            .into_iter()
            .map(|i| IndicatorRow::new(&cx, i));
        self.list_pages(
            paths::INDICATORS,
            rows,
            |indicators, pagination| IndicatorList {
                indicators,
                pagination,
            },
            diags,
        );
    }

    pub(in crate::render) fn document_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let mut docs: Vec<&Arc<Document>> = self.site.documents.values().collect();
        // Newest first, id as the tie-break so the order never depends on anything else.
        docs.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| natural_order(&a.id, &b.id))
        });
        let rows = docs.into_iter().map(|d| document_row(&cx, d));
        self.list_pages(
            paths::DOCUMENTS,
            rows,
            |documents, pagination| DocumentList {
                documents,
                pagination,
            },
            diags,
        );
    }

    pub(in crate::render) fn topic_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let site = self.site;
        let rows = in_natural_order(&site.topics)
            .into_iter()
            .map(|topic| TopicRow {
                title: topic.title.clone(),
                url: cx.url(Output::Topic(topic.id.clone(), 1), None),
                count: site
                    .index
                    .topic_recommendations
                    .get(&topic.id)
                    .map_or(0, Vec::len),
            });
        self.list_pages(
            paths::TOPICS,
            rows,
            |topics, pagination| TopicList { topics, pagination },
            diags,
        );
    }

    /// A topic's page and its further pages: the topic's text (on the first) and its
    /// recommendations.
    pub(in crate::render) fn topic(&self, topic: &Topic, diags: &mut Diagnostics) {
        let cx = self.cx();
        let site = self.site;
        let ids: &[String] = site
            .index
            .topic_recommendations
            .get(&topic.id)
            .map_or(&[], Vec::as_slice);
        let rows = ids
            .iter()
            .map(|id| RecommendationRow::new(&cx, &site.recommendations[id]));
        let first = paths::topic(&topic.id);
        let body = self.text_html(&topic.body, &first, None, diags);
        self.list_pages(
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
    pub(in crate::render) fn commitment_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let site = self.site;
        let t = self.t;
        let intro = t.fill(
            ListsText::CommitmentsIntro,
            &[("as_of", &t.date(site.config.as_of))],
        );
        let mut owners = Some(OwnerRow::all(site));
        self.list_pages(
            paths::COMMITMENTS,
            CommitmentRow::all(&cx),
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
    pub(in crate::render) fn change_list(&self, diags: &mut Diagnostics) {
        let cx = self.cx();
        let t = self.t;
        let Some(since) = cx.since() else {
            return;
        };
        let changes = ChangesView::new(&cx, Some(since), cx.as_of());
        let title = t.fill(ListsText::ChangesTitle, &[("date", &t.date(since.date))]);
        let total = changes.count();
        let size = self.site.config.page_size;
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
            self.page(&Output::List(List::Changes, number).path(), page, diags);
        }
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
