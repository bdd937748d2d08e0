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
use crate::history::{self, ChangeKind, Changes};
use crate::model::*;
use crate::render::i18n::{HistoryText, ListsText, Text, Translations, Ui};
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
    /// This is a review copy (`build --review`): not for publication.
    pub review: bool,
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
            review: false,
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
#[derive(Serialize, Clone)]
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

impl ChartView {
    /// A view of a chart drawn into the page, with its numbers.
    pub fn new(chart: super::charts::Chart, table: Table) -> ChartView {
        ChartView {
            svg: chart.svg,
            image: None,
            width: chart.size.0,
            height: chart.size.1,
            id: chart.id,
            title: chart.title,
            description: chart.description,
            table,
            provenance_warning: None,
            provenance: None,
            details: None,
            more: None,
        }
    }

    /// A view of a chart that is a file of its own (`image`, from the site root), with its
    /// numbers.
    pub fn image(
        id: String,
        title: String,
        description: String,
        image: String,
        (width, height): (u32, u32),
        table: Table,
    ) -> ChartView {
        ChartView {
            svg: String::new(),
            image: Some(image),
            width,
            height,
            id,
            title,
            description,
            table,
            provenance_warning: None,
            provenance: None,
            details: None,
            more: None,
        }
    }
}

/// A chart with its caption, text alternative, and the table of its numbers.
#[derive(Serialize, Clone)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The chart's SVG, for a chart drawn into the page: templates output it with `| safe`.
    /// Empty for an image.
    pub svg: String,
    /// The chart's SVG file (from the site root), for a chart shown as an image: an
    /// indicator's chart is one file, cached once by the browser for every page that shows it.
    pub image: Option<String>,
    /// The drawing's size in SVG pixels (pages scale it to their width).
    pub width: u32,
    pub height: u32,
    pub table: Table,
    /// Set when the numbers are not official: the warning shown with chart and table.
    pub provenance_warning: Option<String>,
    pub provenance: Option<Label>,
    /// Link to the page that explains the chart's data, when it is not the current page.
    pub details: Option<Link>,
    /// Where the rest of the numbers are, when `table` shows only some of them.
    pub more: Option<Link>,
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
    /// The id of its row (`_commitment.2`), where history links to.
    pub id: String,
    pub number: usize,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub due_iso: String,
    pub done: Option<String>,
    pub done_iso: Option<String>,
    pub status: Label,
    pub reference: Option<Link>,
    /// "originally 1 January 2024", when the deadline moved.
    pub original_due: Option<String>,
    /// "moved 2×", when the deadline moved.
    pub moved: Option<String>,
    /// The moves of the deadline, oldest first.
    pub revisions: Vec<RevisionView>,
    /// Fulfilled, moved or overdue since the last reporting moment.
    pub is_changed: bool,
}

/// Where a commitment stands on `as_of`: kept (in time or late), overdue or open.
pub fn commitment_status(c: &Commitment, as_of: Date) -> Ui {
    if c.done_by(as_of) {
        if c.was_late() {
            Ui::CommitmentDoneLate
        } else {
            Ui::CommitmentDone
        }
    } else if c.is_overdue(as_of) {
        Ui::CommitmentOverdue
    } else {
        Ui::CommitmentOpen
    }
}

/// One move of a commitment's deadline.
#[derive(Serialize)]
pub struct RevisionView {
    pub id: String,
    pub date: String,
    pub date_iso: String,
    pub from: String,
    pub from_iso: String,
    pub to: String,
    pub to_iso: String,
    pub reason: String,
    pub reference: Option<Link>,
    /// "deadline moved on ... from ... to ...".
    pub summary: String,
    /// Moved since the last reporting moment.
    pub is_new: bool,
}

impl CommitmentView {
    /// Every commitment of `rec`, numbered from 1 as pages show them.
    pub fn all(
        site: &Site,
        rec: &Recommendation,
        since: Option<Date>,
        t: &Translations,
    ) -> Vec<CommitmentView> {
        rec.commitments
            .iter()
            .zip(commitment_anchors(rec))
            .enumerate()
            .map(|(i, (c, anchor))| CommitmentView::new(site, i + 1, anchor, c, since, t))
            .collect()
    }

    /// `since`: the last reporting moment before `as_of`, to mark what changed after it.
    pub fn new(
        site: &Site,
        number: usize,
        anchor: String,
        c: &Commitment,
        since: Option<Date>,
        t: &Translations,
    ) -> CommitmentView {
        let as_of = site.config.as_of;
        let after_since = |d: Date| since.is_some_and(|s| d > s);
        let key = commitment_status(c, as_of);
        let revisions: Vec<RevisionView> = c
            .revisions
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let to = c.due_at(r.date);
                let summary = t.fill(
                    HistoryText::MovedFromTo,
                    &[
                        ("date", &t.date(r.date)),
                        ("from", &t.date(r.previous_due)),
                        ("to", &t.date(to)),
                    ],
                );
                RevisionView {
                    summary,
                    id: paths::revision_anchor(&anchor, k + 1),
                    date: t.date(r.date),
                    date_iso: r.date.to_string(),
                    from: t.date(r.previous_due),
                    from_iso: r.previous_due.to_string(),
                    to: t.date(to),
                    to_iso: to.to_string(),
                    reason: r.reason.clone(),
                    reference: r.reference.as_ref().map(|r| doc_ref_link(site, r)),
                    is_new: after_since(r.date),
                }
            })
            .collect();
        let moved = !c.revisions.is_empty();
        let is_changed = c.done.is_some_and(after_since)
            || revisions.iter().any(|r| r.is_new)
            || (c.is_overdue_at(as_of) && since.is_some_and(|s| !c.is_overdue_at(s)));
        CommitmentView {
            id: anchor,
            number,
            text: c.text.clone(),
            owner: c.owner.clone(),
            due: t.date(c.due),
            due_iso: c.due.to_string(),
            done: c.done.map(|d| t.date(d)),
            done_iso: c.done.map(|d| d.to_string()),
            status: Label::of(t, key),
            reference: c.reference.as_ref().map(|r| doc_ref_link(site, r)),
            original_due: moved.then(|| {
                t.fill(
                    HistoryText::OriginalDue,
                    &[("date", &t.date(c.original_due()))],
                )
            }),
            moved: moved.then(|| {
                t.fill(
                    HistoryText::MovedTimes,
                    &[("count", &c.revisions.len().to_string())],
                )
            }),
            revisions,
            is_changed,
        }
    }
}

#[derive(Serialize)]
pub struct StatusView {
    /// The id of its row (`_status.2024-05-01`), where history and the feed link to.
    pub id: String,
    /// Dated after the last reporting moment.
    pub is_new: bool,
    pub date: String,
    pub date_iso: String,
    pub state: Label,
    pub note: String,
    pub reference: Option<Link>,
}

impl StatusView {
    pub fn new(
        site: &Site,
        s: &StatusEntry,
        id: String,
        since: Option<Date>,
        t: &Translations,
    ) -> StatusView {
        StatusView {
            id,
            is_new: since.is_some_and(|since| s.date > since),
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
            latest: latest.map(|(_, f)| t.figure(&ind.shown(f))),
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
        t.figure(&target.value)
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
    /// What changed since the last reporting moment before `as_of`; `None` when there is
    /// no such moment (no progress document yet).
    pub changes: Option<ChangesView>,
    /// The progress documents of the latest reporting moment that has any.
    pub latest_report: Vec<Link>,
    /// On a site of more recommendations than a page of a list holds: what the dashboard
    /// shows instead of every recommendation and indicator (which are then left empty).
    pub summary: Option<DashboardSummary>,
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
    /// The state at each reporting moment, oldest first.
    pub moments: Vec<MomentRow>,
    /// The last reporting moment before `as_of`, if there is one.
    pub since: Option<String>,
    /// "new since 1 May 2024": the mark of entries, commitments and moves after `since`.
    pub new_since: Option<String>,
    /// Some commitment's deadline moved.
    pub any_moved: bool,
    /// The follow-up timeline chart.
    pub timeline: ChartView,
    /// One chart per indicator that measures the recommendation: its file, its description
    /// and a link to all its figures on the indicator's page.
    pub charts: Vec<ChartView>,
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
    /// For a progress document: the state of the follow-up at its date and what changed.
    pub report: Option<ReportView>,
}

/// `topic.html`: one topic.
#[derive(Serialize)]
pub struct TopicPage {
    pub title: String,
    /// The topic's text, as HTML (on the first page of a long topic only).
    pub body: String,
    pub recommendations: Vec<RecommendationRow>,
    pub pagination: Option<Pagination>,
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
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `indicators.html`: every indicator.
#[derive(Serialize)]
pub struct IndicatorList {
    pub indicators: Vec<IndicatorRow>,
    pub pagination: Option<Pagination>,
}

/// `documents.html`: every document, newest first.
#[derive(Serialize)]
pub struct DocumentList {
    pub documents: Vec<DocumentRow>,
    pub pagination: Option<Pagination>,
}

/// `topics.html`: every topic.
#[derive(Serialize)]
pub struct TopicList {
    pub topics: Vec<TopicRow>,
    pub pagination: Option<Pagination>,
}

/// Where one page of a long list is among its pages (see [`paths::list_page`]).
#[derive(Serialize)]
pub struct Pagination {
    /// From 1.
    pub number: usize,
    pub count: usize,
    /// "Page 2 of 100".
    pub label: String,
    /// "101–200 of 10,000": the rows of this page.
    pub showing: String,
    pub previous: Option<String>,
    pub next: Option<String>,
    /// The first and the last page and the two on either side of this one, in order; `None`
    /// stands for the pages left out between them.
    pub pages: Vec<Option<PageLink>>,
}

#[derive(Serialize)]
pub struct PageLink {
    pub number: usize,
    pub url: String,
    pub is_current: bool,
}

impl Pagination {
    /// Page `number` (from 1) of a list of `total` rows, `size` to a page, whose first page
    /// is `first`.
    pub fn new(
        first: &str,
        number: usize,
        total: usize,
        size: usize,
        t: &Translations,
    ) -> Pagination {
        let count = paths::page_count(total, size);
        let url = |n: usize| paths::list_page(first, n);
        let mut pages = Vec::new();
        for n in 1..=count {
            let shown = n == 1 || n == count || n.abs_diff(number) <= 2;
            if shown {
                pages.push(Some(PageLink {
                    number: n,
                    url: url(n),
                    is_current: n == number,
                }));
            } else if pages.last().is_some_and(Option::is_some) {
                pages.push(None);
            }
        }
        let from = (number - 1) * size + 1;
        let to = (number * size).min(total);
        Pagination {
            number,
            count,
            label: t.fill(
                ListsText::PageOf,
                &[
                    ("number", &number.to_string()),
                    ("count", &count.to_string()),
                ],
            ),
            showing: t.fill(
                ListsText::Showing,
                &[
                    ("from", &t.count(from)),
                    ("to", &t.count(to)),
                    ("total", &t.count(total)),
                ],
            ),
            previous: (number > 1).then(|| url(number - 1)),
            next: (number < count).then(|| url(number + 1)),
            pages,
        }
    }
}

/// The pages of a list of `rows` whose first page is `first`, `size` rows to a page: each
/// page's path, its rows, and where it is among the pages (`None` when one page holds all).
/// Rows are made as the pages are, so a list of many thousand rows is never held whole.
pub fn pages_of<'a, I: ExactSizeIterator + 'a>(
    first: &'a str,
    mut rows: I,
    size: usize,
    t: &'a Translations,
) -> impl Iterator<Item = (String, Vec<I::Item>, Option<Pagination>)> + 'a {
    let total = rows.len();
    let count = paths::page_count(total, size);
    (1..=count).map(move |n| {
        let page: Vec<I::Item> = rows.by_ref().take(size).collect();
        let pagination = (count > 1).then(|| Pagination::new(first, n, total, size, t));
        (paths::list_page(first, n), page, pagination)
    })
}

/// A list cut short where it is shown, and where the rest is.
#[derive(Serialize)]
pub struct More {
    /// "and 34 more".
    pub text: String,
    pub link: Link,
}

impl More {
    /// `Some` when `total` rows were cut to `shown`.
    pub fn of(shown: usize, total: usize, link: Link, t: &Translations) -> Option<More> {
        (total > shown).then(|| More {
            text: t.fill(ListsText::AndMore, &[("count", &t.count(total - shown))]),
            link,
        })
    }
}

/// The dashboard of a site too large to show every recommendation on it.
#[derive(Serialize)]
pub struct DashboardSummary {
    pub topics: Vec<TopicSummaryRow>,
    pub more_topics: Option<More>,
    pub owners: Vec<OwnerRow>,
    pub more_owners: Option<More>,
    /// The commitments that are overdue longest.
    pub overdue: Vec<CommitmentRow>,
    pub more_overdue: Option<More>,
    /// The recommendations with the latest status entries.
    pub updated: Vec<RecommendationRow>,
    pub more_updated: Option<More>,
    /// How many indicators stand where against their target (and how many have none).
    pub targets: Vec<CountRow>,
    /// Every complete list of the site.
    pub lists: Vec<Link>,
}

/// A topic with the counts of its recommendations and their commitments.
#[derive(Serialize)]
pub struct TopicSummaryRow {
    pub title: String,
    pub url: String,
    pub recommendations: usize,
    pub open: usize,
    pub overdue: usize,
}

/// The commitments one owner is responsible for.
#[derive(Serialize)]
pub struct OwnerRow {
    pub owner: String,
    pub total: usize,
    pub open: usize,
    pub overdue: usize,
    pub done: usize,
}

impl OwnerRow {
    /// Every owner of the site's commitments: the most overdue first, then the most open,
    /// then by name.
    pub fn all(site: &Site) -> Vec<OwnerRow> {
        let as_of = site.config.as_of;
        let mut owners: std::collections::BTreeMap<&str, OwnerRow> = Default::default();
        for rec in site.recommendations.values() {
            for c in &rec.commitments {
                let row = owners.entry(&c.owner).or_insert_with(|| OwnerRow {
                    owner: c.owner.clone(),
                    total: 0,
                    open: 0,
                    overdue: 0,
                    done: 0,
                });
                row.total += 1;
                if c.done_by(as_of) {
                    row.done += 1;
                } else if c.is_overdue(as_of) {
                    row.overdue += 1;
                } else {
                    row.open += 1;
                }
            }
        }
        let mut rows: Vec<OwnerRow> = owners.into_values().collect();
        rows.sort_by(|a, b| {
            b.overdue
                .cmp(&a.overdue)
                .then(b.open.cmp(&a.open))
                .then_with(|| natural_order(&a.owner, &b.owner))
        });
        rows
    }
}

/// One commitment in a list of commitments of many recommendations.
#[derive(Serialize)]
pub struct CommitmentRow {
    /// The recommendation it answers.
    pub recommendation: Link,
    /// The commitment's row on the recommendation's page.
    pub url: String,
    pub number: usize,
    pub text: String,
    pub owner: String,
    pub due: String,
    pub due_iso: String,
    pub done: Option<String>,
    pub done_iso: Option<String>,
    pub status: Label,
}

impl CommitmentRow {
    /// Every commitment of the site in the register's order: overdue first (the oldest
    /// deadline first), then open (the nearest deadline first), then kept (the latest first);
    /// the recommendation and the number decide between equals.
    pub fn all<'a>(
        site: &'a Site,
        t: &'a Translations,
    ) -> impl ExactSizeIterator<Item = CommitmentRow> + 'a {
        let as_of = site.config.as_of;
        let mut found: Vec<(u8, i64, &Arc<Recommendation>, usize)> = Vec::new();
        for rec in site.recommendations.values() {
            for (i, c) in rec.commitments.iter().enumerate() {
                let (rank, day) = match commitment_status(c, as_of) {
                    Ui::CommitmentOverdue => (0, c.due.days_since_epoch()),
                    Ui::CommitmentOpen => (1, c.due.days_since_epoch()),
                    _ => (2, -c.done.unwrap_or(c.due).days_since_epoch()),
                };
                found.push((rank, day, rec, i));
            }
        }
        found.sort_by(|a, b| {
            (a.0, a.1)
                .cmp(&(b.0, b.1))
                .then_with(|| natural_order(&a.2.id, &b.2.id))
                .then(a.3.cmp(&b.3))
        });
        found
            .into_iter()
            .map(move |(_, _, rec, i)| CommitmentRow::new(rec, i, as_of, t))
    }

    /// Commitment `index` (from 0) of `rec`.
    pub fn new(rec: &Recommendation, index: usize, as_of: Date, t: &Translations) -> CommitmentRow {
        let c = &rec.commitments[index];
        CommitmentRow {
            recommendation: Link {
                url: paths::recommendation(&rec.id),
                text: rec.id.clone(),
            },
            url: format!(
                "{}#{}",
                paths::recommendation(&rec.id),
                commitment_anchors(rec).swap_remove(index)
            ),
            number: index + 1,
            text: c.text.clone(),
            owner: c.owner.clone(),
            due: t.date(c.due),
            due_iso: c.due.to_string(),
            done: c.done.map(|d| t.date(d)),
            done_iso: c.done.map(|d| d.to_string()),
            status: Label::of(t, commitment_status(c, as_of)),
        }
    }
}

/// A label with a count: rows of a summary table.
#[derive(Serialize)]
pub struct CountRow {
    pub label: Label,
    pub count: usize,
}

/// `commitments.html`: the register of commitments, a page of it.
#[derive(Serialize)]
pub struct CommitmentList {
    pub intro: String,
    /// Every owner with the counts of their commitments (on the first page only).
    pub owners: Vec<OwnerRow>,
    pub commitments: Vec<CommitmentRow>,
    pub pagination: Option<Pagination>,
}

/// `changes.html`: everything that changed since the last reporting moment, a page of it.
#[derive(Serialize)]
pub struct ChangesPage {
    pub title: String,
    pub changes: ChangesView,
    pub pagination: Option<Pagination>,
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

/// The ids of a recommendation's status rows, in order (see [`paths::status_anchor`]).
pub fn status_anchors(rec: &Recommendation) -> Vec<String> {
    let mut anchors = Vec::with_capacity(rec.status.len());
    let mut previous: Option<(Date, usize)> = None;
    for s in &rec.status {
        let nth = match previous {
            Some((date, n)) if date == s.date => n + 1,
            _ => 0,
        };
        previous = Some((s.date, nth));
        anchors.push(paths::status_anchor(&s.date.to_string(), nth));
    }
    anchors
}

/// The ids of a recommendation's commitment rows, in order (see [`paths::commitment_anchor`]).
pub fn commitment_anchors(rec: &Recommendation) -> Vec<String> {
    rec.commitments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let original = c.original_due();
            let nth = rec.commitments[..i]
                .iter()
                .filter(|earlier| earlier.original_due() == original)
                .count();
            paths::commitment_anchor(&original.to_string(), nth)
        })
        .collect()
}

/// Links to the documents of a reporting moment.
fn document_links(site: &Site, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| site.documents.get(id))
        .map(|d| Link {
            url: paths::document(&d.id),
            text: d.title.clone(),
        })
        .collect()
}

/// A recommendation's state at one reporting moment.
#[derive(Serialize)]
pub struct MomentRow {
    pub date: String,
    pub date_iso: String,
    /// The progress documents of the moment; none for the current moment without one.
    pub documents: Vec<Link>,
    /// This is `as_of`, the current moment.
    pub is_current: bool,
    /// `None`: nothing was reported yet.
    pub state: Option<Label>,
    pub open: usize,
    pub overdue: usize,
    /// The state, or the commitments, changed since the moment before.
    pub is_changed: bool,
}

impl MomentRow {
    /// One row per reporting moment (`moments`: the site's, oldest first).
    pub fn all(
        site: &Site,
        moments: &[history::Moment],
        rec: &Recommendation,
        t: &Translations,
    ) -> Vec<MomentRow> {
        let mut before: Option<Date> = None;
        moments
            .iter()
            .map(|m| {
                let state = history::state_of(rec, m.date);
                let changed = !history::recommendation_changes(rec, before, m.date).is_empty();
                before = Some(m.date);
                MomentRow {
                    date: t.date(m.date),
                    date_iso: m.date.to_string(),
                    documents: document_links(site, &m.documents),
                    is_current: m.date == site.config.as_of,
                    state: state.entry.map(|s| Label::of(t, s.state)),
                    open: state.open,
                    overdue: state.overdue,
                    is_changed: changed,
                }
            })
            .collect()
    }
}

/// One change between two reporting moments, linked to where it is shown.
#[derive(Serialize)]
pub struct ChangeItem {
    /// Relative to the site root, with the fragment of the spot.
    pub url: String,
    /// "R1: title", "R2, commitment 3", or an indicator's title.
    pub subject: String,
    /// What happened: "open → in progress", "deadline moved on ... from ... to ...".
    pub detail: String,
    /// More text where it helps: the commitment, the reason a deadline moved.
    pub text: Option<String>,
    pub date: Option<String>,
    pub date_iso: Option<String>,
}

/// What changed between two reporting moments, as lists per kind of change.
#[derive(Serialize)]
pub struct ChangesView {
    /// "What changed since 1 May 2024".
    pub heading: String,
    /// The documents of the moment the changes are counted from.
    pub since_documents: Vec<Link>,
    pub since: Option<String>,
    /// The kinds of change that have any, in a fixed order: states, fulfilled, passed,
    /// moved, figures, targets.
    pub groups: Vec<ChangeGroup>,
    pub is_empty: bool,
}

/// The changes of one kind.
#[derive(Serialize)]
pub struct ChangeGroup {
    /// `states`, `fulfilled`, `passed`, `moved`, `figures`, `targets`: for CSS classes.
    pub key: &'static str,
    pub title: String,
    pub items: Vec<ChangeItem>,
    /// Set when the items are cut short here.
    pub more: Option<More>,
}

impl ChangesView {
    /// The changes after the moment `from` (`None`: from the beginning) up to `to`.
    pub fn new(
        site: &Site,
        from: Option<&history::Moment>,
        to: Date,
        t: &Translations,
    ) -> ChangesView {
        let changes: Changes = history::changes(site, from.map(|m| m.date), to);
        let heading = match from {
            Some(m) => t.fill(HistoryText::ChangesSince, &[("date", &t.date(m.date))]),
            None => t.fill(HistoryText::ChangesUntil, &[("date", &t.date(to))]),
        };
        let groups = <ChangeKind as strum::IntoEnumIterator>::iter()
            .filter_map(|kind| {
                let items: Vec<ChangeItem> = changes
                    .of(kind)
                    .map(|change| {
                        let described = super::changes::change(site, t, change);
                        ChangeItem {
                            url: described.url,
                            subject: described.subject,
                            detail: described.detail,
                            text: described.text,
                            date: described.date.map(|d| t.date(d)),
                            date_iso: described.date.map(|d| d.to_string()),
                        }
                    })
                    .collect();
                (!items.is_empty()).then(|| ChangeGroup {
                    key: kind.into(),
                    title: t.text(change_group_title(kind)).to_string(),
                    items,
                    more: None,
                })
            })
            .collect();
        ChangesView {
            heading,
            since_documents: from.map_or_else(Vec::new, |m| document_links(site, &m.documents)),
            since: from.map(|m| t.date(m.date)),
            groups,
            is_empty: changes.is_empty(),
        }
    }
}

/// The heading of the group of changes of one kind.
fn change_group_title(kind: ChangeKind) -> HistoryText {
    match kind {
        ChangeKind::States => HistoryText::StateChanges,
        ChangeKind::Fulfilled => HistoryText::Fulfilled,
        ChangeKind::Passed => HistoryText::Passed,
        ChangeKind::Moved => HistoryText::Moved,
        ChangeKind::Figures => HistoryText::NewFigures,
        ChangeKind::Targets => HistoryText::Targets,
    }
}

impl ChangesView {
    /// How many changes there are, across the groups.
    pub fn count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    /// At most `most` items of each group, each cut group saying where the rest is.
    pub fn cut(mut self, most: usize, rest: &Link, t: &Translations) -> ChangesView {
        for group in &mut self.groups {
            group.more = More::of(most, group.items.len(), rest.clone(), t);
            group.items.truncate(most);
        }
        self
    }

    /// The changes in pages of `size` items, counted across the groups in their order: each
    /// page keeps the headings of the groups it shows.
    pub fn into_pages(self, size: usize) -> Vec<ChangesView> {
        let mut pages = Vec::new();
        let mut page = self.shell();
        let mut room = size.max(1);
        for group in self.groups {
            let mut items = group.items.into_iter().peekable();
            while items.peek().is_some() {
                let taken: Vec<ChangeItem> = items.by_ref().take(room).collect();
                room -= taken.len();
                page.groups.push(ChangeGroup {
                    key: group.key,
                    title: group.title.clone(),
                    items: taken,
                    more: None,
                });
                if room == 0 {
                    let next = page.shell();
                    pages.push(std::mem::replace(&mut page, next));
                    room = size.max(1);
                }
            }
        }
        if !page.groups.is_empty() || pages.is_empty() {
            pages.push(page);
        }
        pages
    }

    /// The same view without its groups.
    fn shell(&self) -> ChangesView {
        ChangesView {
            heading: self.heading.clone(),
            since_documents: self.since_documents.clone(),
            since: self.since.clone(),
            groups: Vec::new(),
            is_empty: self.is_empty,
        }
    }
}

/// A recommendation's state at one date, in a progress report's table.
#[derive(Serialize)]
pub struct StateRow {
    pub id: String,
    pub title: String,
    pub url: String,
    pub state: Option<Label>,
    pub state_date: Option<String>,
    pub state_date_iso: Option<String>,
    pub open: usize,
    pub overdue: usize,
    /// Changed since the moment before.
    pub is_changed: bool,
}

/// What a progress document's page shows after its text: the state of every recommendation
/// at its date, and what changed since the reporting moment before it.
#[derive(Serialize)]
pub struct ReportView {
    /// "State of the follow-up on 15 December 2023".
    pub heading: String,
    /// The caption of the table.
    pub caption: String,
    pub date: String,
    pub date_iso: String,
    pub states: Vec<StateRow>,
    pub changes: ChangesView,
}

impl ReportView {
    /// The report at `date`, one of the site's reporting `moments`.
    pub fn new(
        site: &Site,
        moments: &[history::Moment],
        date: Date,
        t: &Translations,
    ) -> ReportView {
        let previous = moments.iter().rfind(|m| m.date < date);
        let changes = ChangesView::new(site, previous, date, t);
        let touched = history::changes(site, previous.map(|m| m.date), date);
        let states = history::states_at(site, date)
            .into_iter()
            .map(|s| {
                let rec = s.recommendation;
                StateRow {
                    id: rec.id.clone(),
                    title: rec.title.clone(),
                    url: paths::recommendation(&rec.id),
                    state: s.entry.map(|e| Label::of(t, e.state)),
                    state_date: s.entry.map(|e| t.date(e.date)),
                    state_date_iso: s.entry.map(|e| e.date.to_string()),
                    open: s.open,
                    overdue: s.overdue,
                    is_changed: touched.touches(&rec.id),
                }
            })
            .collect();
        let day = t.date(date);
        ReportView {
            heading: t.fill(HistoryText::ReportHeading, &[("date", &day)]),
            caption: t.fill(HistoryText::StateHistory, &[("date", &day)]),
            date: day,
            date_iso: date.to_string(),
            states,
            changes,
        }
    }
}

/// `open_data.html` (open-data/index.html): every data file, what each column holds, and
/// what each code means.
#[derive(Serialize)]
pub struct OpenDataPage {
    pub intro: String,
    /// The tables, each as CSV with an Excel workbook beside it.
    pub tables: Vec<DataFileView>,
    /// site.json and its schema.
    pub json: Vec<DataFileView>,
    /// The codes of closed sets, per column that holds them.
    pub codes: Vec<CodeList>,
}

#[derive(Serialize)]
pub struct DataFileView {
    /// The file name: `recommendations.csv`.
    pub name: String,
    /// Relative to the site root.
    pub url: String,
    /// The Excel workbook beside it, relative to the site root.
    pub workbook: Option<String>,
    pub description: String,
    /// "4 rows".
    pub rows: Option<String>,
    pub columns: Vec<ColumnView>,
}

#[derive(Serialize)]
pub struct ColumnView {
    pub name: String,
    pub meaning: String,
}

#[derive(Serialize)]
pub struct CodeList {
    /// The column (or field of site.json) that holds these codes.
    pub column: String,
    pub codes: Vec<Label>,
}

impl CodeList {
    pub fn of<K: Text>(column: &str, t: &Translations) -> CodeList {
        CodeList {
            column: column.to_string(),
            codes: K::all().into_iter().map(|k| Label::of(t, k)).collect(),
        }
    }
}

/// `review.html`: what a reviewer should check before publication (review copies only).
#[derive(Serialize)]
pub struct ReviewPage {
    pub intro: String,
    /// "12 points to check".
    pub count: String,
    /// One group per kind of finding that has any, in a fixed order.
    pub groups: Vec<FindingGroup>,
    /// What changed since the last reporting moment before `as_of`, if there was one.
    pub changes: Option<ChangesView>,
}

#[derive(Serialize)]
pub struct FindingGroup {
    /// `overdue_without_update`, `stale`, ...: for CSS classes and anchors.
    pub key: &'static str,
    pub title: String,
    /// Why these need checking.
    pub why: String,
    pub items: Vec<FindingItem>,
}

#[derive(Serialize)]
pub struct FindingItem {
    /// The spot on the site, relative to the site root.
    pub url: String,
    pub subject: String,
    pub detail: String,
    /// `content/recommendations/R1.md:23`.
    pub location: String,
}

/// `dossier.html`: the whole follow-up as one document, to print or keep as PDF. Every URL
/// in it points into the dossier itself where it can (`#_rec.R1`, `#_ind.x`, `#_doc.d`).
#[derive(Serialize)]
pub struct DossierPage {
    pub title: String,
    /// The dashboard's introduction, as HTML.
    pub intro: String,
    /// The table of contents: the summary, each recommendation, the indicators, the
    /// documents.
    pub contents: Vec<Link>,
    /// Recommendations per follow-up state.
    pub states: Table,
    pub recommendations: Vec<RecommendationRow>,
    pub changes: Option<ChangesView>,
    pub items: Vec<DossierRecommendation>,
    pub indicators: Vec<DossierIndicator>,
    pub documents: Vec<DossierDocument>,
    /// Set (and nothing else is) when the site has more recommendations than one printed
    /// document can sensibly hold: what to do instead.
    pub too_large: Option<String>,
}

/// One recommendation in the dossier: what its page shows, without the indicator charts
/// (each is in the dossier once, with its indicator).
#[derive(Serialize)]
pub struct DossierRecommendation {
    /// The id of its section (`_rec.R1`).
    pub id: String,
    pub row: RecommendationRow,
    pub body: String,
    pub source: Link,
    pub addressed_to: Vec<String>,
    pub response_link: Option<Link>,
    pub commitments: Vec<CommitmentView>,
    pub any_moved: bool,
    pub status: Vec<StatusView>,
    pub moments: Vec<MomentRow>,
    pub timeline: ChartView,
    /// Links to its indicators' sections.
    pub indicators: Vec<Link>,
}

#[derive(Serialize)]
pub struct DossierIndicator {
    /// The id of its section (`_ind.x`).
    pub id: String,
    pub row: IndicatorRow,
    pub description: String,
    pub source_name: String,
    pub chart: ChartView,
}

#[derive(Serialize)]
pub struct DossierDocument {
    /// The id of its section (`_doc.d`).
    pub id: String,
    pub title: String,
    pub date: String,
    pub date_iso: String,
    pub kind: Label,
    pub reference: Option<String>,
    pub author: Option<String>,
    pub body: String,
}
