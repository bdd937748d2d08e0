//! The print dossier (`dossier.html`): every recommendation with its answer, commitments,
//! history and timeline, every indicator with its chart and numbers, and every document's
//! text, as one document in reading order. The texts of many pages share one page here, so
//! every id a text gives an element gets the prefix of its section (`_rec.R1.`, `_doc.d.`),
//! and every link to a page of the site points at that page's section: the builders make
//! them so, given the dossier's [`Places`].

use super::Out;
use super::parts::{doc_ref_link, states_table};
use super::recommendation::timeline;
use super::{Ctx, Places, indicator};
use crate::diag::Diagnostics;
use crate::markdown;
use crate::model::*;
use crate::paths::{self, Output};
use crate::render::i18n::{DossierText, Ui};
use crate::render::views::*;

/// The id of a recommendation's, indicator's or document's section in the dossier.
fn section(kind: &str, id: &str) -> String {
    format!("_{kind}.{id}")
}

/// The most recommendations a dossier holds. Printing more (a site of thousands) is no
/// one's use, and one page of hundreds of megabytes opens nowhere: beyond this,
/// `dossier.html` says so and points at the pages and the open data.
pub const DOSSIER_LIMIT: usize = 100;

/// Where pages are in the dossier: every recommendation, indicator and document has a
/// section of its own.
struct Sections<'s> {
    site: &'s Site,
}

impl Places for Sections<'_> {
    /// A recommendation's, indicator's or document's section (a document's heading keeps its
    /// place in the text); anything else is the site's file (the dossier is at the root).
    fn url(&self, output: &Output, fragment: Option<&str>) -> String {
        let site = self.site;
        match output {
            Output::Recommendation(id) if site.recommendations.contains_key(id) => {
                format!("#{}", section("rec", id))
            }
            Output::Indicator(id) if site.indicators.contains_key(id) => {
                format!("#{}", section("ind", id))
            }
            Output::Document(id) if site.documents.contains_key(id) => {
                match fragment.filter(|f| site.documents[id].heading(f).is_some()) {
                    Some(heading) => format!("#{}.{heading}", section("doc", id)),
                    None => format!("#{}", section("doc", id)),
                }
            }
            _ => match fragment {
                Some(fragment) => format!("{}#{fragment}", output.path()),
                None => output.path(),
            },
        }
    }
}

/// A text shown in the dossier's section `prefix` (`_rec.R1`): its ids prefixed, its
/// headings from `top_level` down, its links into the dossier.
fn dossier_text(
    out: &impl Out,
    cx: &Ctx,
    body: &Body,
    prefix: &str,
    top_level: u8,
    diags: &mut Diagnostics,
) -> String {
    let link = |dest: &str| -> Option<String> {
        let target = body.links.get(dest)?;
        Some(match &target.output {
            // A place on its own page: that place in its section.
            None => match target.fragment.as_deref() {
                Some(fragment) if body.heading(fragment).is_some() => {
                    format!("#{prefix}.{fragment}")
                }
                _ => format!("#{prefix}"),
            },
            Some(output) => cx.places.url(output, target.fragment.as_deref()),
        })
    };
    let id_prefix = format!("{prefix}.");
    let options = markdown::HtmlOptions {
        allow_html: cx.site.whole().config.allow_html,
        link: Some(&link),
        id_prefix: &id_prefix,
        top_level: Some(top_level),
    };
    out.markdown(body, options, paths::DOSSIER, None, diags)
}

pub(in crate::render) fn dossier(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let site = cx.site.whole();
    let t = cx.t;
    let as_of = site.config.as_of;
    let page_of = t.text(DossierText::PageOf);
    let (page_before, page_after) = page_of.split_once("{page}").unwrap_or((page_of, ""));
    let print = PrintSetup {
        running_head: t.fill(
            DossierText::RunningHead,
            &[("title", &site.config.title), ("as_of", &t.date(as_of))],
        ),
        page_before: page_before.to_string(),
        page_after: page_after.to_string(),
    };
    if let Some(css) = out.partial("dossier-print.css", paths::DOSSIER, "print", &print, diags) {
        out.emit_made(paths::DOSSIER_CSS, Ok(css.into_bytes()), diags);
    }
    let title = t.fill(DossierText::Title, &[("title", &site.config.title)]);
    if site.recommendations.len() > DOSSIER_LIMIT {
        let too_large = t.fill(
            DossierText::TooLarge,
            &[
                ("count", &site.recommendations.len().to_string()),
                ("limit", &DOSSIER_LIMIT.to_string()),
            ],
        );
        let page = DossierPage {
            title,
            intro: String::new(),
            contents: Vec::new(),
            states: Table {
                caption: String::new(),
                columns: Vec::new(),
                rows: Vec::new(),
            },
            recommendations: Vec::new(),
            changes: None,
            items: Vec::new(),
            indicators: Vec::new(),
            documents: Vec::new(),
            too_large: Some(too_large),
        };
        return out.page(cx, paths::DOSSIER, page, diags);
    }
    let sections = Sections { site };
    let cx = cx.with_places(&sections);
    let recs = in_natural_order(&site.recommendations);

    let mut items = Vec::with_capacity(recs.len());
    for rec in &recs {
        let id = section("rec", &rec.id);
        let commitments: Vec<CommitmentView> = CommitmentView::all(&cx, rec);
        let timeline = timeline(&cx, rec, &commitments, diags);
        out.count_chart();
        let source = &site.documents[&rec.source];
        items.push(DossierRecommendation {
            body: dossier_text(out, &cx, &rec.body, &id, 3, diags),
            row: RecommendationRow::new(&cx, rec),
            source: Link {
                url: cx.url(Output::Document(source.id.clone()), None),
                text: source.title.clone(),
            },
            addressed_to: rec.addressed_to.clone(),
            response_link: rec.response_ref.as_ref().map(|r| doc_ref_link(&cx, r)),
            responses: ResponseView::all(&cx, rec),
            reply: ReplyView::of(&cx, rec),
            any_moved: rec.commitments.iter().any(|c| !c.revisions.is_empty()),
            commitments,
            status: StatusView::all(&cx, rec),
            moments: MomentRow::all(&cx, rec),
            timeline,
            indicators: rec
                .indicators
                .iter()
                .map(|i| Link {
                    url: cx.url(Output::Indicator(i.clone()), None),
                    text: site.indicators[i].title.clone(),
                })
                .collect(),
            id,
        });
    }

    let indicators: Vec<DossierIndicator> = in_natural_order(&site.indicators)
        .into_iter()
        .map(|ind| DossierIndicator {
            id: section("ind", &ind.id),
            row: IndicatorRow::new(&cx, ind),
            description: ind.description.clone(),
            source_name: ind.source.name.clone(),
            chart: ind
                .milestone
                .is_none()
                .then(|| indicator::chart(ind, as_of, t)),
            checks: CheckView::all(&cx, ind),
        })
        .collect();

    let mut documents: Vec<&std::sync::Arc<Document>> = site.documents.values().collect();
    documents.sort_by(|a, b| a.date.cmp(&b.date).then(natural_order(&a.id, &b.id)));
    let documents: Vec<DossierDocument> = documents
        .into_iter()
        .map(|d| {
            let id = section("doc", &d.id);
            DossierDocument {
                body: dossier_text(out, &cx, &d.body, &id, 4, diags),
                id,
                title: d.title.clone(),
                date: t.date(d.date),
                date_iso: d.date.to_string(),
                kind: cx.label(d.kind),
                reference: d.reference.clone(),
                author: d.author.clone(),
            }
        })
        .collect();

    let (_, states) = states_table(&cx);
    let changes = cx.since().map(|m| ChangesView::new(&cx, Some(m), as_of));
    let mut contents = vec![Link {
        url: "#_summary".into(),
        text: t.text(DossierText::Summary).to_string(),
    }];
    contents.extend(items.iter().map(|r| Link {
        url: format!("#{}", r.id),
        text: format!("{}: {}", r.row.id, r.row.title),
    }));
    if !indicators.is_empty() {
        contents.push(Link {
            url: "#_indicators".into(),
            text: t.text(Ui::Indicators).to_string(),
        });
    }
    if !documents.is_empty() {
        contents.push(Link {
            url: "#_documents".into(),
            text: t.text(Ui::Documents).to_string(),
        });
    }
    let page = DossierPage {
        title,
        intro: dossier_text(out, &cx, &site.home.body, "_home", 3, diags),
        contents,
        states,
        recommendations: items.iter().map(|r| r.row.clone()).collect(),
        changes,
        items,
        indicators,
        documents,
        too_large: None,
    };
    out.page(&cx, paths::DOSSIER, page, diags);
}
