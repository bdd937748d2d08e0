//! What several pages show, built from the model: the site's facts, rows of lists,
//! commitments and their moves, status entries, the state at each reporting moment, what
//! changed, a progress report's table, and long lists in pages.

use super::Ctx;
use super::anchors::{commitment_anchors, response_anchors, status_anchors};
use super::changes::{self, target_text};
use crate::date::{Date, Period};
use crate::history::{self, ChangeKind, Changes, Moment};
use crate::model::*;
use crate::paths::{self, Output};
use crate::render::i18n::{HistoryText, ListsText, Text, Translations, Ui};
use crate::render::reads::SiteReads;
use crate::render::views::*;
use std::sync::Arc;

impl SiteView {
    pub fn new(site: SiteReads, t: &Translations, review: bool) -> SiteView {
        let c = site.config();
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
            review,
        }
    }
}

/// A link to a place in a document: "Toegang tot onderwijs (Beleidsreactie ...)".
pub fn doc_ref_link(cx: &Ctx, r: &DocRef) -> Link {
    let doc = cx.site.document(&r.document);
    let heading = r.anchor.as_deref().and_then(|a| doc.heading(a));
    let output = Output::Document(doc.id.clone());
    match heading {
        Some(heading) => Link {
            url: cx.url(output, Some(&heading.anchor)),
            text: format!("{} ({})", heading.text, doc.title),
        },
        None => Link {
            url: cx.url(output, None),
            text: doc.title.clone(),
        },
    }
}

/// Links to the documents of a reporting moment.
pub fn document_links(cx: &Ctx, ids: &[String]) -> Vec<Link> {
    ids.iter()
        .filter_map(|id| cx.site.find_document(id))
        .map(|d| Link {
            url: cx.url(Output::Document(d.id.clone()), None),
            text: d.title.clone(),
        })
        .collect()
}

/// A link to a recommendation's page: "R1: title".
pub fn recommendation_link(cx: &Ctx, id: &str) -> Link {
    Link {
        url: cx.url(Output::Recommendation(id.to_string()), None),
        text: format!("{id}: {}", cx.site.recommendation(id).title),
    }
}

impl RecommendationRow {
    pub fn new(cx: &Ctx, rec: &Recommendation) -> RecommendationRow {
        let current = rec.current();
        RecommendationRow {
            id: rec.id.clone(),
            title: rec.title.clone(),
            url: cx.url(Output::Recommendation(rec.id.clone()), None),
            response: cx.label(rec.current_response()),
            state: cx.label(current.state),
            last_change: cx.t.date(current.date),
            last_change_iso: current.date.to_string(),
            open_commitments: rec.open_commitments(),
            overdue_commitments: rec.overdue_commitments(cx.as_of()),
        }
    }

    /// Rows of `recs`, in the order given.
    pub fn all<'r>(
        cx: &Ctx,
        recs: impl IntoIterator<Item = &'r Arc<Recommendation>>,
    ) -> Vec<RecommendationRow> {
        recs.into_iter()
            .map(|r| RecommendationRow::new(cx, r))
            .collect()
    }
}

impl IndicatorRow {
    pub fn new(cx: &Ctx, ind: &Indicator) -> IndicatorRow {
        let t = cx.t;
        let as_of = cx.as_of();
        let latest = ind.latest(as_of);
        IndicatorRow {
            id: ind.id.clone(),
            title: ind.title.clone(),
            url: cx.url(Output::Indicator(ind.id.clone()), None),
            unit: ind.unit.clone(),
            prefix: ind.prefix.clone(),
            latest: latest
                .map(|(p, f)| t.qualified(&ind.shown(f), p.qualifier, ind.prefix.as_deref())),
            latest_period: latest.map(|(p, _)| t.period(p.period)),
            target: match &ind.milestone {
                Some(milestone) => Some(milestone.text.clone()),
                None => ind
                    .target
                    .as_ref()
                    .map(|target| target_text(ind, target, t)),
            },
            target_by: ind
                .milestone
                .as_ref()
                .map_or_else(|| ind.target.as_ref().and_then(|t| t.by), |m| m.by)
                .map(|by| t.period(by)),
            target_state: ind.target_state(as_of).map(|s| cx.label(s)),
            provenance: cx.label(ind.provenance),
        }
    }
}

impl ChartView {
    /// A view of a chart drawn into the page, with its numbers.
    pub fn drawn(chart: crate::render::charts::Chart, table: Table) -> ChartView {
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

impl CheckView {
    /// The checks of an indicator's milestone, oldest first; none without one.
    pub fn all(cx: &Ctx, ind: &Indicator) -> Vec<CheckView> {
        let Some(milestone) = &ind.milestone else {
            return Vec::new();
        };
        milestone
            .checks
            .iter()
            .map(|c| CheckView {
                date: cx.t.date(c.date),
                date_iso: c.date.to_string(),
                state: cx.label(if c.met {
                    TargetState::Met
                } else {
                    TargetState::NotMetYet
                }),
                note: c.note.clone(),
                url: c.url.clone(),
            })
            .collect()
    }
}

impl ReplyView {
    /// The reply to the answer about `rec`, if there is one.
    pub fn of(cx: &Ctx, rec: &Recommendation) -> Option<ReplyView> {
        let r = rec.reply_ref.as_ref()?;
        let doc = cx.site.document(&r.document);
        Some(ReplyView {
            reference: doc_ref_link(cx, r),
            author: doc.author.clone(),
            date: cx.t.date(doc.date),
            date_iso: doc.date.to_string(),
        })
    }
}

impl ResponseView {
    /// Every answer to `rec`: the first, then each change, oldest first.
    pub fn all(cx: &Ctx, rec: &Recommendation) -> Vec<ResponseView> {
        let t = cx.t;
        let since = cx.since().map(|m| m.date);
        let after_since = |d: Date| since.is_some_and(|s| d > s);
        let first_date = rec
            .response_ref
            .as_ref()
            .and_then(|r| cx.site.find_document(&r.document))
            .map(|d| d.date);
        let first = ResponseView {
            id: "_response".to_string(),
            response: cx.label(rec.response),
            date: first_date.map(|d| t.date(d)),
            date_iso: first_date.map(|d| d.to_string()),
            reason: None,
            reference: rec.response_ref.as_ref().map(|r| doc_ref_link(cx, r)),
            is_new: first_date.is_some_and(after_since),
        };
        let changes = rec
            .response_changes
            .iter()
            .zip(response_anchors(rec))
            .map(|(c, id)| ResponseView {
                id,
                response: cx.label(c.response),
                date: Some(t.date(c.date)),
                date_iso: Some(c.date.to_string()),
                reason: Some(c.reason.clone()),
                reference: Some(doc_ref_link(cx, &c.reference)),
                is_new: after_since(c.date),
            });
        std::iter::once(first).chain(changes).collect()
    }
}

/// A deadline as HTML's `datetime` attribute has it, when it has a form for its precision
/// (a day, a month or a year; not a quarter or half year, nor a deadline not given).
pub fn datetime(deadline: Option<Period>) -> Option<String> {
    match deadline? {
        Period::Quarter { .. } | Period::Half { .. } => None,
        period => Some(period.to_string()),
    }
}

impl CommitmentFacts {
    /// Commitment `number` (from 1) as every page shows it.
    pub fn new(cx: &Ctx, number: usize, c: &Commitment) -> CommitmentFacts {
        let t = cx.t;
        CommitmentFacts {
            number,
            text: c.text.clone(),
            owner: c.owner.clone(),
            due: t.deadline(c.due),
            due_iso: datetime(c.due),
            done: c.done.map(|d| t.date(d)),
            done_iso: c.done.map(|d| d.to_string()),
            status: cx.label(commitment_status(c, cx.as_of())),
        }
    }
}

impl CommitmentView {
    /// Every commitment of `rec`, numbered from 1 as pages show them.
    pub fn all(cx: &Ctx, rec: &Recommendation) -> Vec<CommitmentView> {
        rec.commitments
            .iter()
            .zip(commitment_anchors(rec))
            .enumerate()
            .map(|(i, (c, anchor))| CommitmentView::new(cx, i + 1, anchor, c))
            .collect()
    }

    /// Commitment `number` (from 1), whose row has the id `anchor`; what changed after the
    /// last reporting moment is marked.
    pub fn new(cx: &Ctx, number: usize, anchor: String, c: &Commitment) -> CommitmentView {
        let t = cx.t;
        let as_of = cx.as_of();
        let since = cx.since().map(|m| m.date);
        let after_since = |d: Date| since.is_some_and(|s| d > s);
        let revisions: Vec<RevisionView> = c
            .revisions
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let to = c.due_at(r.date);
                RevisionView {
                    summary: changes::moved_text(c, r, t),
                    id: paths::revision_anchor(&anchor, k + 1),
                    date: t.date(r.date),
                    date_iso: r.date.to_string(),
                    from: t.deadline(r.previous_due),
                    from_iso: datetime(r.previous_due),
                    to: t.deadline(to),
                    to_iso: datetime(to),
                    reason: r.reason.clone(),
                    reference: r.reference.as_ref().map(|r| doc_ref_link(cx, r)),
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
            facts: CommitmentFacts::new(cx, number, c),
            reference: c.reference.as_ref().map(|r| doc_ref_link(cx, r)),
            original_due: moved.then(|| {
                t.fill(
                    HistoryText::OriginalDue,
                    &[("date", &t.deadline(c.original_due()))],
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

impl StatusView {
    /// Every status entry of `rec`, oldest first.
    pub fn all(cx: &Ctx, rec: &Recommendation) -> Vec<StatusView> {
        let since = cx.since().map(|m| m.date);
        rec.status
            .iter()
            .zip(status_anchors(rec))
            .map(|(s, id)| StatusView {
                id,
                is_new: since.is_some_and(|since| s.date > since),
                date: cx.t.date(s.date),
                date_iso: s.date.to_string(),
                state: cx.label(s.state),
                note: s.note.clone(),
                reference: s.reference.as_ref().map(|r| doc_ref_link(cx, r)),
            })
            .collect()
    }
}

impl MomentRow {
    /// One row per reporting moment of the site, oldest first.
    pub fn all(cx: &Ctx, rec: &Recommendation) -> Vec<MomentRow> {
        let mut before: Option<Date> = None;
        cx.moments
            .iter()
            .map(|m| {
                let state = history::state_of(rec, m.date);
                let changed = !history::recommendation_changes(rec, before, m.date).is_empty();
                before = Some(m.date);
                MomentRow {
                    date: cx.t.date(m.date),
                    date_iso: m.date.to_string(),
                    documents: document_links(cx, &m.documents),
                    is_current: m.date == cx.as_of(),
                    state: state.entry.map(|s| cx.label(s.state)),
                    open: state.open,
                    overdue: state.overdue,
                    is_changed: changed,
                }
            })
            .collect()
    }
}

impl OwnerRow {
    /// Every owner of the site's commitments: the most overdue first, then the most open,
    /// then by name.
    pub fn all(site: SiteReads) -> Vec<OwnerRow> {
        let as_of = site.config().as_of;
        let mut owners: std::collections::BTreeMap<&str, OwnerRow> = Default::default();
        for rec in site.recommendations().values() {
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

impl CommitmentRow {
    /// Every commitment of the site in the register's order: overdue first (the oldest
    /// deadline first), then open (the nearest deadline first), then kept (the latest first);
    /// the recommendation and the number decide between equals.
    pub fn all<'a>(cx: &'a Ctx<'a>) -> impl ExactSizeIterator<Item = CommitmentRow> + 'a {
        let as_of = cx.as_of();
        let mut found: Vec<(u8, i64, &Arc<Recommendation>, usize)> = Vec::new();
        for rec in cx.site.recommendations().values() {
            for (i, c) in rec.commitments.iter().enumerate() {
                let (rank, day) = match commitment_status(c, as_of) {
                    Ui::CommitmentOverdue => (0, deadline_end(c.due).days_since_epoch()),
                    Ui::CommitmentOpen => (1, deadline_end(c.due).days_since_epoch()),
                    _ => (
                        2,
                        -c.done
                            .unwrap_or_else(|| deadline_end(c.due))
                            .days_since_epoch(),
                    ),
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
            .map(move |(_, _, rec, i)| CommitmentRow::new(cx, rec, i))
    }

    /// Commitment `index` (from 0) of `rec`.
    pub fn new(cx: &Ctx, rec: &Recommendation, index: usize) -> CommitmentRow {
        let c = &rec.commitments[index];
        let output = Output::Recommendation(rec.id.clone());
        CommitmentRow {
            recommendation: Link {
                url: cx.url(output.clone(), None),
                text: rec.id.clone(),
            },
            url: cx.url(output, Some(&commitment_anchors(rec).swap_remove(index))),
            facts: CommitmentFacts::new(cx, index + 1, c),
        }
    }
}

impl CodeList {
    /// The codes of the closed set `K`, held by `column`.
    pub fn of<K: Text>(column: &str, cx: &Ctx) -> CodeList {
        CodeList {
            column: column.to_string(),
            codes: K::all().into_iter().map(|k| cx.label(k)).collect(),
        }
    }
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

impl More {
    /// `Some` when `total` rows were cut to `shown`.
    pub fn of(shown: usize, total: usize, link: Link, t: &Translations) -> Option<More> {
        (total > shown).then(|| More {
            text: t.fill(ListsText::AndMore, &[("count", &t.count(total - shown))]),
            link,
        })
    }
}

impl ChangesView {
    /// The changes after the moment `from` (`None`: from the beginning) up to `to`.
    pub fn new(cx: &Ctx, from: Option<&Moment>, to: Date) -> ChangesView {
        let t = cx.t;
        let changes: Changes = history::changes(cx.site.whole(), from.map(|m| m.date), to);
        let heading = match from {
            Some(m) => t.fill(HistoryText::ChangesSince, &[("date", &t.date(m.date))]),
            None => t.fill(HistoryText::ChangesUntil, &[("date", &t.date(to))]),
        };
        let groups = <ChangeKind as strum::IntoEnumIterator>::iter()
            .filter_map(|kind| {
                let items: Vec<ChangeItem> = changes
                    .of(kind)
                    .map(|change| {
                        let described = changes::change(cx, change);
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
            since_documents: from.map_or_else(Vec::new, |m| document_links(cx, &m.documents)),
            since: from.map(|m| t.date(m.date)),
            groups,
            is_empty: changes.is_empty(),
        }
    }

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

/// The heading of the group of changes of one kind.
fn change_group_title(kind: ChangeKind) -> HistoryText {
    match kind {
        ChangeKind::States => HistoryText::StateChanges,
        ChangeKind::Responses => HistoryText::ResponseChanges,
        ChangeKind::Fulfilled => HistoryText::Fulfilled,
        ChangeKind::Passed => HistoryText::Passed,
        ChangeKind::Moved => HistoryText::Moved,
        ChangeKind::Figures => HistoryText::NewFigures,
        ChangeKind::Targets => HistoryText::Targets,
    }
}

impl ReportView {
    /// The report at `date`, one of the site's reporting moments.
    pub fn new(cx: &Ctx, date: Date) -> ReportView {
        let t = cx.t;
        let previous = cx.moments().iter().rfind(|m| m.date < date);
        let changes = ChangesView::new(cx, previous, date);
        let touched = history::changes(cx.site.whole(), previous.map(|m| m.date), date);
        let states = history::states_at(cx.site.whole(), date)
            .into_iter()
            .map(|s| {
                let rec = s.recommendation;
                StateRow {
                    id: rec.id.clone(),
                    title: rec.title.clone(),
                    url: cx.url(Output::Recommendation(rec.id.clone()), None),
                    state: s.entry.map(|e| cx.label(e.state)),
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

/// The table of recommendations per follow-up state, and the counts it shows.
pub fn states_table(cx: &Ctx) -> (Vec<(FollowUpState, usize)>, Table) {
    let t = cx.t;
    let counts: Vec<(FollowUpState, usize)> = FollowUpState::all()
        .into_iter()
        .map(|s| {
            let n = cx
                .site
                .recommendations()
                .values()
                .filter(|r| r.current().state == s)
                .count();
            (s, n)
        })
        .collect();
    let table = Table {
        caption: t.text(Ui::PerState).to_string(),
        columns: vec![t.text(Ui::State).into(), t.text(Ui::Count).into()],
        rows: counts
            .iter()
            .map(|(s, n)| vec![t.text(*s).to_string(), n.to_string()])
            .collect(),
    };
    (counts, table)
}
