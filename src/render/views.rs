//! Template view structs: what theme templates can see. The theme authors' API.
//!
//! Every page template gets the same five variables:
//! - `site` ([`SiteView`]): the site's title, language, `as_of`, description, publisher, notice;
//! - `t`: the translation table of the site's language (`t.ui.dashboard`, `t.state.open`, ...);
//! - `root`: the relative path from the page back to the site root (`""` or `"../"`); every
//!   `url` below is relative to the site root, so templates write `{{ root }}{{ x.url }}`;
//! - `path`: the page's own path (`recommendations/R1.html`) and `section` (`dashboard`,
//!   `recommendations`, `indicators`, `documents`, `topics`, `accessibility`);
//! - `page`: the page's own struct, one per template: [`DashboardPage`] (index.html),
//!   [`RecommendationPage`], [`IndicatorPage`], [`DocumentPage`], [`TopicPage`],
//!   [`AccessibilityPage`], and the lists [`RecommendationList`] (recommendations.html),
//!   [`IndicatorList`], [`DocumentList`], [`TopicList`].
//!
//! Partials get what their comment at the top says: `chart.html` gets `chart` ([`ChartView`])
//! and `heading`; `cited_by.html` gets `cited` ([`CitedBy`]).
//!
//! Lists are always named fields of a struct, never bare arrays, so a field can be added later
//! without breaking a theme. Every label is already translated, every date formatted, every
//! number written for the language. The structs change deliberately: they are a public
//! interface. Pure: no IO, no template engine.

use crate::date::Date;
use crate::model::*;
use crate::render::i18n::{Text, Translations, Ui};
use serde::Serialize;
use std::sync::Arc;

/// Site-wide facts shown on every page.
#[derive(Serialize)]
pub struct SiteView {
    pub title: String,
    pub lang: &'static str,
    pub as_of: String,
    pub as_of_iso: String,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub notice: Option<String>,
    pub base_url: Option<String>,
}

impl SiteView {
    pub fn new(site: &Site, t: &Translations) -> SiteView {
        let c = &site.config;
        SiteView {
            title: c.title.clone(),
            lang: c.language.code(),
            as_of: t.date(c.as_of),
            as_of_iso: c.as_of.to_string(),
            description: c.description.clone(),
            publisher: c.publisher.clone(),
            notice: c.notice.clone(),
            // Validation made it absolute and ending in `/`.
            base_url: c.base_url.clone(),
        }
    }
}

/// A value with its machine key (for CSS classes and shapes) and its translated text.
#[derive(Serialize, Clone)]
pub struct Label {
    pub key: &'static str,
    pub text: String,
}

impl Label {
    /// A value with its text in the site's language.
    pub fn of<K: Text>(t: &Translations, value: K) -> Label {
        Label {
            key: value.key(),
            text: t.text(value).to_string(),
        }
    }
}

#[derive(Serialize, Clone)]
pub struct Link {
    pub url: String,
    pub text: String,
}

pub use crate::paths;

/// A link to a place in a document: "Toegang tot onderwijs (Beleidsreactie ...)".
pub fn doc_ref_link(site: &Site, r: &DocRef) -> Link {
    let doc = &site.documents[&r.document];
    let mut url = paths::document(&doc.id);
    let text = match r.anchor.as_deref().and_then(|a| doc.heading(a)) {
        Some(heading) => {
            url.push('#');
            url.push_str(&heading.anchor);
            format!("{} ({})", heading.text, doc.title)
        }
        None => doc.title.clone(),
    };
    Link { url, text }
}

/// One row of a recommendations table.
#[derive(Serialize)]
pub struct RecommendationRow {
    pub id: String,
    pub title: String,
    pub url: String,
    pub response: Label,
    pub state: Label,
    pub last_change: String,
    pub last_change_iso: String,
    pub open_commitments: usize,
    pub overdue_commitments: usize,
}

impl RecommendationRow {
    pub fn new(rec: &Recommendation, as_of: Date, t: &Translations) -> RecommendationRow {
        let current = rec.current();
        RecommendationRow {
            id: rec.id.clone(),
            title: rec.title.clone(),
            url: paths::recommendation(&rec.id),
            response: Label::of(t, rec.response),
            state: Label::of(t, current.state),
            last_change: t.date(current.date),
            last_change_iso: current.date.to_string(),
            open_commitments: rec.open_commitments(),
            overdue_commitments: rec.overdue_commitments(as_of),
        }
    }
}

/// A drawn chart to splice into a rendered page: (marker, SVG).
pub type Drawing = (String, Arc<str>);

impl ChartView {
    /// A view of a drawn chart, with its numbers.
    pub fn new(chart: super::charts::Chart, table: Table) -> ChartView {
        ChartView {
            svg: super::marker("chart", &chart.id),
            drawing: Arc::from(chart.svg),
            id: chart.id,
            title: chart.title,
            description: chart.description,
            table,
            provenance_warning: None,
            provenance: None,
            details: None,
        }
    }

    pub fn drawing(&self) -> Drawing {
        (self.svg.clone(), Arc::clone(&self.drawing))
    }
}

/// A chart shown as a finished figure: `figure` is a marker that templates output with `| safe`
/// and that is replaced by the theme's `chart.html` rendered for this chart (once per site, not
/// once per page).
#[derive(Serialize)]
pub struct FigureView {
    pub id: String,
    pub title: String,
    pub figure: String,
}

/// A chart with its caption, text alternative, and the table of its numbers.
#[derive(Serialize, Clone)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// Where the chart's SVG goes: templates output it with `| safe`. It is a short marker
    /// that is replaced by the SVG after the template has run, so the large drawing is never
    /// copied through the template engine.
    pub svg: String,
    #[serde(skip)]
    pub drawing: Arc<str>,
    pub table: Table,
    /// Set when the numbers are not official: the warning shown with chart and table.
    pub provenance_warning: Option<String>,
    pub provenance: Option<Label>,
    /// Link to the page that explains the chart's data, when it is not the current page.
    pub details: Option<Link>,
}

#[derive(Serialize, Clone)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    /// The first cell of each row is a row header.
    pub rows: Vec<Vec<String>>,
}

/// One commitment, with its state as of the reporting date.
#[derive(Serialize)]
pub struct CommitmentView {
    pub number: usize,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub due_iso: String,
    pub done: Option<String>,
    pub done_iso: Option<String>,
    pub status: Label,
    pub reference: Option<Link>,
}

impl CommitmentView {
    pub fn new(site: &Site, number: usize, c: &Commitment, t: &Translations) -> CommitmentView {
        let key = if c.done.is_some() {
            if c.was_late() {
                Ui::CommitmentDoneLate
            } else {
                Ui::CommitmentDone
            }
        } else if c.is_overdue(site.config.as_of) {
            Ui::CommitmentOverdue
        } else {
            Ui::CommitmentOpen
        };
        CommitmentView {
            number,
            text: c.text.clone(),
            owner: c.owner.clone(),
            due: t.date(c.due),
            due_iso: c.due.to_string(),
            done: c.done.map(|d| t.date(d)),
            done_iso: c.done.map(|d| d.to_string()),
            status: Label::of(t, key),
            reference: c.reference.as_ref().map(|r| doc_ref_link(site, r)),
        }
    }
}

#[derive(Serialize)]
pub struct StatusView {
    pub date: String,
    pub date_iso: String,
    pub state: Label,
    pub note: String,
    pub reference: Option<Link>,
}

impl StatusView {
    pub fn new(site: &Site, s: &StatusEntry, t: &Translations) -> StatusView {
        StatusView {
            date: t.date(s.date),
            date_iso: s.date.to_string(),
            state: Label::of(t, s.state),
            note: s.note.clone(),
            reference: s.reference.as_ref().map(|r| doc_ref_link(site, r)),
        }
    }
}

/// An indicator in a list: its latest value and where it stands against its target.
#[derive(Serialize)]
pub struct IndicatorRow {
    pub id: String,
    pub title: String,
    pub url: String,
    pub unit: String,
    pub latest: Option<String>,
    pub latest_period: Option<String>,
    pub target: Option<String>,
    pub target_by: Option<String>,
    pub target_state: Option<Label>,
    pub provenance: Label,
}

impl IndicatorRow {
    pub fn new(ind: &Indicator, as_of: Date, t: &Translations) -> IndicatorRow {
        let latest = ind.latest(as_of);
        IndicatorRow {
            id: ind.id.clone(),
            title: ind.title.clone(),
            url: paths::indicator(&ind.id),
            unit: ind.unit.clone(),
            latest: latest.map(|(_, f)| t.figure(ind.shown(f))),
            latest_period: latest.map(|(p, _)| p.to_string()),
            target: ind
                .target
                .as_ref()
                .map(|target| target_text(target, &ind.unit, t)),
            target_by: ind.target.as_ref().map(|target| t.date(target.by)),
            target_state: ind.target_state(as_of).map(|s| Label::of(t, s)),
            provenance: Label::of(t, ind.provenance),
        }
    }
}

/// "hoogstens 55 amv"
pub fn target_text(target: &Target, unit: &str, t: &Translations) -> String {
    format!(
        "{} {} {unit}",
        t.text(target.direction),
        t.figure(Figure {
            value: target.value,
            decimals: target.decimals,
        })
    )
}

/// `index.html`: the dashboard.
#[derive(Serialize)]
pub struct DashboardPage {
    pub title: String,
    /// The introduction from content/index.md, as HTML.
    pub intro: String,
    /// Recommendations per follow-up state.
    pub chart: ChartView,
    pub recommendations: Vec<RecommendationRow>,
    pub indicators: Vec<IndicatorRow>,
}

/// `recommendation.html`: one recommendation.
#[derive(Serialize)]
pub struct RecommendationPage {
    /// Id, title, URL, response, current state and counts, as in the lists.
    pub row: RecommendationRow,
    /// The recommendation's text, as HTML.
    pub body: String,
    /// The document that makes the recommendation.
    pub source: Link,
    pub addressed_to: Vec<String>,
    pub topics: Vec<Link>,
    /// The place in the answering document; `None` while the answer is awaited.
    pub response_link: Option<Link>,
    pub commitments: Vec<CommitmentView>,
    /// The follow-up history, oldest first.
    pub status: Vec<StatusView>,
    /// The follow-up timeline chart.
    pub timeline: ChartView,
    /// One finished figure per indicator that measures the recommendation.
    pub charts: Vec<FigureView>,
}

/// `indicator.html`: one indicator.
#[derive(Serialize)]
pub struct IndicatorPage {
    pub row: IndicatorRow,
    pub description: String,
    pub source_name: String,
    pub source_url: Option<String>,
    pub chart: ChartView,
    /// The recommendations this indicator measures.
    pub used_by: Vec<Link>,
    /// The downloads, relative to the site root.
    pub csv: String,
    pub json: String,
}

/// `document.html`: one source document.
#[derive(Serialize)]
pub struct DocumentPage {
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub kind: Label,
    pub reference: Option<String>,
    pub author: Option<String>,
    /// Where the original is published.
    pub url: Option<String>,
    /// The full text as HTML, each cited section followed by `cited_by.html`.
    pub body: String,
    /// The table of contents (headings of the first two levels); URLs are `#anchor`.
    pub contents: Vec<Link>,
    /// Recommendations this document makes.
    pub sourced: Vec<Link>,
    /// Recommendations that cite the document as a whole.
    pub cited_whole: Vec<Link>,
}

/// `topic.html`: one topic.
#[derive(Serialize)]
pub struct TopicPage {
    pub title: String,
    pub body: String,
    pub recommendations: Vec<RecommendationRow>,
}

/// `accessibility.html`: the accessibility statement.
#[derive(Serialize)]
pub struct AccessibilityPage {
    pub intro: String,
    pub scope: String,
    pub status: Label,
    pub evaluated: Option<String>,
    pub evaluated_iso: Option<String>,
    pub method: Option<String>,
    pub known_issues: Vec<String>,
    pub contact: Option<Link>,
}

/// `recommendations.html`: every recommendation.
#[derive(Serialize)]
pub struct RecommendationList {
    pub recommendations: Vec<RecommendationRow>,
}

/// `indicators.html`: every indicator.
#[derive(Serialize)]
pub struct IndicatorList {
    pub indicators: Vec<IndicatorRow>,
}

/// `documents.html`: every document, newest first.
#[derive(Serialize)]
pub struct DocumentList {
    pub documents: Vec<DocumentRow>,
}

/// `topics.html`: every topic.
#[derive(Serialize)]
pub struct TopicList {
    pub topics: Vec<TopicRow>,
}

#[derive(Serialize)]
pub struct DocumentRow {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub kind: Label,
    pub reference: Option<String>,
}

#[derive(Serialize)]
pub struct TopicRow {
    pub title: String,
    pub url: String,
    /// How many recommendations the topic has.
    pub count: usize,
}

/// `cited_by.html`: the recommendations that cite one section of a document, placed right
/// after that section's heading.
#[derive(Serialize)]
pub struct CitedBy {
    pub links: Vec<Link>,
}
