//! The print dossier (`dossier.html`): every recommendation with its answer, commitments,
//! history and timeline, every indicator with its chart and numbers, and every document's
//! text, as one document in reading order. The texts of many pages share one page here, so
//! every id a text gives an element gets the prefix of its section (`_rec.R1.`, `_doc.d.`),
//! and every link to a page of the site points at that page's section in the dossier.

use super::i18n::{DossierText, Ui};
use super::views::*;
use super::{OutputFile, Renderer};
use crate::diag::Diagnostics;
use crate::markdown;
use crate::model::*;
use crate::paths::Output;

/// The id of a recommendation's, indicator's or document's section in the dossier.
fn section(kind: &str, id: &str) -> String {
    format!("_{kind}.{id}")
}

/// The most recommendations a dossier holds. Printing more (a site of thousands) is no
/// one's use, and one page of hundreds of megabytes opens nowhere: beyond this,
/// `dossier.html` says so and points at the pages and the open data.
pub const DOSSIER_LIMIT: usize = 100;

/// What the dossier holds: every recommendation, indicator and document of the site.
struct Scope<'s> {
    site: &'s Site,
}

impl Scope<'_> {
    /// Where `output` (and a place in it) is in the dossier: a recommendation's, indicator's
    /// or document's section (a document's heading keeps its place in the text); anything else
    /// is the site's file (the dossier is at the root).
    fn url(&self, output: &Output, fragment: Option<&str>) -> String {
        let site = self.site;
        match output {
            Output::Recommendation(id) if site.recommendations.contains_key(id) => {
                format!("#{}", section("rec", id))
            }
            Output::Indicator(id) if site.indicators.contains_key(id) => {
                format!("#{}", section("ind", id))
            }
            Output::Document(id) => match (site.documents.get(id), fragment) {
                (Some(doc), Some(fragment)) if doc.heading(fragment).is_some() => {
                    format!("#{}.{fragment}", section("doc", id))
                }
                (Some(_), _) => format!("#{}", section("doc", id)),
                (None, _) => output.path(),
            },
            _ => match fragment {
                Some(fragment) => format!("{}#{fragment}", output.path()),
                None => output.path(),
            },
        }
    }

    /// Where a URL of a view (relative to the site root) goes in the dossier.
    fn link(&self, url: &str) -> String {
        let (path, fragment) = match url.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (url, None),
        };
        match Output::of_path(path) {
            Some(output) => self.url(&output, fragment),
            None => url.to_string(),
        }
    }

    fn relink(&self, link: Link) -> Link {
        Link {
            url: self.link(&link.url),
            ..link
        }
    }
}

impl Renderer<'_> {
    /// A text shown in the dossier's section `prefix` (`_rec.R1`): its ids prefixed, its
    /// headings from `top_level` down, its links into the dossier.
    fn dossier_text(&self, scope: &Scope, body: &Body, prefix: &str, top_level: u8) -> String {
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
                Some(output) => scope.url(output, target.fragment.as_deref()),
            })
        };
        let id_prefix = format!("{prefix}.");
        markdown::to_html(
            body.markdown(),
            markdown::HtmlOptions {
                allow_html: self.site.config.allow_html,
                link: Some(&link),
                id_prefix: &id_prefix,
                top_level: Some(top_level),
            },
            &|_| None,
        )
    }

    pub(super) fn dossier(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        self.emit(OutputFile {
            path: crate::paths::DOSSIER_CSS.to_string(),
            bytes: print_css(
                &t.fill(
                    DossierText::RunningHead,
                    &[("title", &site.config.title), ("as_of", &t.date(as_of))],
                ),
                t.text(DossierText::PageOf),
            )
            .into_bytes(),
        });
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
            let path = crate::paths::DOSSIER;
            return self.page("dossier.html", path, "dossier", page, diags);
        }
        let recs = in_natural_order(&site.recommendations);
        let scope = Scope { site };
        let since = self.previous_moment().map(|m| m.date);

        let mut items = Vec::with_capacity(recs.len());
        for rec in &recs {
            let id = section("rec", &rec.id);
            let mut commitments: Vec<CommitmentView> = CommitmentView::all(site, rec, since, t);
            let timeline = self.timeline(rec, &commitments);
            for c in &mut commitments {
                c.reference = c.reference.take().map(|l| scope.relink(l));
                for r in &mut c.revisions {
                    r.reference = r.reference.take().map(|l| scope.relink(l));
                }
            }
            let mut row = RecommendationRow::new(rec, as_of, t);
            row.url = format!("#{id}");
            let source = &site.documents[&rec.source];
            items.push(DossierRecommendation {
                body: self.dossier_text(&scope, &rec.body, &id, 3),
                row,
                source: scope.relink(Link {
                    url: crate::paths::document(&source.id),
                    text: source.title.clone(),
                }),
                addressed_to: rec.addressed_to.clone(),
                response_link: rec
                    .response_ref
                    .as_ref()
                    .map(|r| scope.relink(doc_ref_link(site, r))),
                any_moved: rec.commitments.iter().any(|c| !c.revisions.is_empty()),
                commitments,
                status: rec
                    .status
                    .iter()
                    .zip(status_anchors(rec))
                    .map(|(s, anchor)| {
                        let mut view = StatusView::new(site, s, anchor, since, t);
                        view.reference = view.reference.take().map(|l| scope.relink(l));
                        view
                    })
                    .collect(),
                moments: MomentRow::all(site, &self.moments, rec, t)
                    .into_iter()
                    .map(|mut m| {
                        m.documents = m.documents.into_iter().map(|l| scope.relink(l)).collect();
                        m
                    })
                    .collect(),
                timeline,
                indicators: rec
                    .indicators
                    .iter()
                    .map(|i| Link {
                        url: format!("#{}", section("ind", i)),
                        text: site.indicators[i].title.clone(),
                    })
                    .collect(),
                id,
            });
        }

        let indicators: Vec<DossierIndicator> = in_natural_order(&site.indicators)
            .into_iter()
            .map(|ind| {
                let chart = super::data::indicator_chart(ind, as_of, t);
                let mut row = IndicatorRow::new(ind, as_of, t);
                row.url = format!("#{}", section("ind", &ind.id));
                DossierIndicator {
                    id: section("ind", &ind.id),
                    row,
                    description: ind.description.clone(),
                    source_name: ind.source.name.clone(),
                    chart,
                }
            })
            .collect();

        let mut documents: Vec<&std::sync::Arc<Document>> = site.documents.values().collect();
        documents.sort_by(|a, b| a.date.cmp(&b.date).then(natural_order(&a.id, &b.id)));
        let documents: Vec<DossierDocument> = documents
            .into_iter()
            .map(|d| {
                let id = section("doc", &d.id);
                DossierDocument {
                    body: self.dossier_text(&scope, &d.body, &id, 4),
                    id,
                    title: d.title.clone(),
                    date: t.date(d.date),
                    date_iso: d.date.to_string(),
                    kind: Label::of(t, d.kind),
                    reference: d.reference.clone(),
                    author: d.author.clone(),
                }
            })
            .collect();

        let counts: Vec<(FollowUpState, usize)> = FollowUpState::all()
            .into_iter()
            .map(|s| (s, recs.iter().filter(|r| r.current().state == s).count()))
            .collect();
        let mut changes = self
            .previous_moment()
            .map(|m| ChangesView::new(site, Some(m), as_of, t));
        if let Some(changes) = &mut changes {
            for group in &mut changes.groups {
                for item in &mut group.items {
                    item.url = scope.link(&item.url);
                }
            }
            changes.since_documents = std::mem::take(&mut changes.since_documents)
                .into_iter()
                .map(|l| scope.relink(l))
                .collect();
        }
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
            intro: self.dossier_text(&scope, &site.home.body, "_home", 3),
            contents,
            states: Table {
                caption: t.text(Ui::PerState).to_string(),
                columns: vec![t.text(Ui::State).into(), t.text(Ui::Count).into()],
                rows: counts
                    .iter()
                    .map(|(s, n)| vec![t.text(*s).to_string(), n.to_string()])
                    .collect(),
            },
            recommendations: items.iter().map(|r| r.row.clone()).collect(),
            changes,
            items,
            indicators,
            documents,
            too_large: None,
        };
        self.page(
            "dossier.html",
            crate::paths::DOSSIER,
            "dossier",
            page,
            diags,
        );
    }
}

/// The look of the running head and page numbers: the body's sans-serif, not the browser's
/// default serif that page margins get otherwise.
const MARGIN_TEXT: &str = "font-family: system-ui, -apple-system, \"Segoe UI\", Roboto, Arial, sans-serif; font-size: 8.5pt; color: #333;";

/// The dossier's page setup: A4, the running head on every page, page numbers.
fn print_css(running_head: &str, page_of: &str) -> String {
    let page_of = css_string(page_of);
    let (before, after) = page_of.split_once("{page}").unwrap_or((&page_of, ""));
    format!(
        "/* Made by opvolg for this site: the dossier's page setup when printed. */\n\
         @page {{\n  size: A4;\n  margin: 22mm 16mm 20mm;\n  \
         @top-left {{ content: \"{}\"; {MARGIN_TEXT} }}\n  \
         @bottom-right {{ content: \"{before}\" counter(page) \"{after}\"; {MARGIN_TEXT} }}\n}}\n",
        css_string(running_head)
    )
}

/// Text for a CSS string in double quotes.
fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out_of_their_quotes() {
        assert_eq!(css_string("a \"b\" \\ c\n"), "a \\\"b\\\" \\\\ c\\A ");
        let css = print_css("Title \"x\"", "page {page}");
        assert!(css.contains("content: \"Title \\\"x\\\"\""), "{css}");
        assert!(
            css.contains("content: \"page \" counter(page) \"\""),
            "{css}"
        );
    }
}
