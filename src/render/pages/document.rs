//! `document.html`: one source document with its full text, each cited section followed by
//! the recommendations that cite it, and (for a progress report) the state of the follow-up at
//! its date.

use super::parts::recommendation_link;
use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths;
use crate::render::views::*;

pub(in crate::render) fn document(
    out: &impl Out,
    cx: &Ctx,
    doc: &Document,
    diags: &mut Diagnostics,
) {
    let site = cx.site;
    let t = cx.t;
    let citations = site.citations(&doc.id);
    let rec_links = |ids: Option<&Vec<String>>| -> Vec<Link> {
        ids.into_iter()
            .flatten()
            .map(|id| recommendation_link(cx, id))
            .collect()
    };
    let path = paths::document(&doc.id);
    // The theme's cited_by.html after each cited heading.
    let cited = |anchor: &str| -> Option<CitedBy> {
        let recs = citations?.get(anchor)?;
        Some(CitedBy {
            links: rec_links(Some(recs)),
        })
    };
    let body = out.text_html(cx, &doc.body, &path, Some(&cited), diags);
    let page = DocumentPage {
        title: doc.title.clone(),
        date: t.date(doc.date),
        date_iso: doc.date.to_string(),
        kind: cx.label(doc.kind),
        reference: doc.reference.clone(),
        author: doc.author.clone(),
        url: doc.url.clone(),
        body,
        contents: doc
            .body
            .headings
            .iter()
            .filter(|h| h.level <= 2)
            .map(|h| Link {
                url: format!("#{}", h.anchor),
                text: h.text.clone(),
            })
            .collect(),
        sourced: rec_links(Some(&site.document_sources(&doc.id).to_vec())),
        cited_whole: rec_links(citations.and_then(|c| c.get(""))),
        report: (doc.kind == DocumentKind::Progress).then(|| ReportView::new(cx, doc.date)),
    };
    out.page(cx, &path, page, diags);
}
