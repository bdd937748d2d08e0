//! Follow-up over time: the site's reporting moments, the state of every recommendation at a
//! date, and what changed between two dates.
//!
//! Everything here follows from the dated content alone (status entries, commitments with
//! their revisions, figures with their periods), so any page can show the state at any
//! moment. Pure: reads the model, computes values; it knows nothing of pages or files.

use crate::date::{Date, Period};
use crate::model::*;
use std::sync::Arc;

/// A reporting moment: a date at which the state of the follow-up is reported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moment {
    pub date: Date,
    /// The progress documents dated that day (none for the current moment, `as_of`, when no
    /// progress document bears its date), in natural id order.
    pub documents: Vec<String>,
}

/// The reporting moments of a site, oldest first: one per date of a progress document, and
/// `as_of`, the current one, always last. Validation keeps every document on or before
/// `as_of`.
pub fn moments(site: &Site) -> Vec<Moment> {
    let mut progress: Vec<&Arc<Document>> = site
        .documents
        .values()
        .filter(|d| d.kind == DocumentKind::Progress)
        .collect();
    progress.sort_by(|a, b| a.date.cmp(&b.date).then(natural_order(&a.id, &b.id)));
    let mut moments: Vec<Moment> = Vec::new();
    for doc in progress {
        match moments.last_mut() {
            Some(last) if last.date == doc.date => last.documents.push(doc.id.clone()),
            _ => moments.push(Moment {
                date: doc.date,
                documents: vec![doc.id.clone()],
            }),
        }
    }
    let as_of = site.config.as_of;
    if moments.last().is_none_or(|m| m.date < as_of) {
        moments.push(Moment {
            date: as_of,
            documents: Vec::new(),
        });
    }
    moments
}

/// The reporting moment before the current one (`as_of`): what "since the last report" on
/// the dashboard means. `None` when the site has no progress document before `as_of`.
pub fn previous_moment(site: &Site) -> Option<Moment> {
    let as_of = site.config.as_of;
    moments(site).into_iter().rfind(|m| m.date < as_of)
}

/// Something that happened in the follow-up on a day: what the feed lists, and what the
/// changes between two reporting moments are made of. Items are named by id and position, so
/// each output finds them (and their places) in the model.
#[derive(Debug, Clone, PartialEq)]
pub enum Event<'s> {
    /// A status entry of a recommendation (by its index in the history).
    Status {
        recommendation: &'s str,
        entry: usize,
    },
    /// The answer to a recommendation changed (by the index of the change).
    Answered {
        recommendation: &'s str,
        change: usize,
    },
    /// A commitment was fulfilled, on its `done` day.
    Fulfilled {
        recommendation: &'s str,
        commitment: usize,
    },
    /// A deadline in force passed with the commitment unfulfilled: dated the day after it.
    Passed {
        recommendation: &'s str,
        commitment: usize,
        deadline: Period,
    },
    /// A commitment's deadline moved (by the index of the move).
    Moved {
        recommendation: &'s str,
        commitment: usize,
        revision: usize,
    },
    /// A figure became known: its period began.
    Figure {
        indicator: &'s str,
        series: usize,
        point: usize,
    },
    /// A progress document: a reporting moment.
    Report { document: &'s str },
}

/// An event and its day.
#[derive(Debug, Clone, PartialEq)]
pub struct Dated<'s> {
    pub date: Date,
    pub event: Event<'s>,
}

/// Every event of the follow-up after `from` (`None`: from the beginning) up to and
/// including `to`: recommendations in natural order of their ids (each one's status entries,
/// then its commitments in order), then progress documents by date. Figures are not here
/// (an indicator has dozens): [`figure_events`] has them.
pub fn events(site: &Site, from: Option<Date>, to: Date) -> Vec<Dated<'_>> {
    let mut events = Vec::new();
    for rec in in_natural_order(&site.recommendations) {
        recommendation_events(rec, from, to, &mut events);
    }
    let within = |d: Date| from.is_none_or(|f| d > f) && d <= to;
    for moment in moments(site) {
        if within(moment.date) {
            events.extend(moment.documents.iter().filter_map(|id| {
                let (document, _) = site.documents.get_key_value(id)?;
                Some(Dated {
                    date: moment.date,
                    event: Event::Report { document },
                })
            }));
        }
    }
    events
}

/// The figures that became known after `from` up to and including `to`: indicators in
/// natural order of their ids, each one's series in order, each series' points in order.
pub fn figure_events(site: &Site, from: Option<Date>, to: Date) -> Vec<Dated<'_>> {
    let within = |d: Date| from.is_none_or(|f| d > f) && d <= to;
    let mut events = Vec::new();
    for ind in in_natural_order(&site.indicators) {
        for (series, s) in ind.series.iter().enumerate() {
            for (point, p) in s.points.iter().enumerate() {
                if p.figure.is_some() && within(p.period.start()) {
                    events.push(Dated {
                        date: p.period.start(),
                        event: Event::Figure {
                            indicator: &ind.id,
                            series,
                            point,
                        },
                    });
                }
            }
        }
    }
    events
}

/// The events of one recommendation after `from` up to `to`, in the order of [`events`].
fn recommendation_events<'s>(
    rec: &'s Recommendation,
    from: Option<Date>,
    to: Date,
    out: &mut Vec<Dated<'s>>,
) {
    let within = |d: Date| from.is_none_or(|f| d > f) && d <= to;
    let id = || rec.id.as_str();
    for (entry, s) in rec.status.iter().enumerate() {
        if within(s.date) {
            out.push(Dated {
                date: s.date,
                event: Event::Status {
                    recommendation: id(),
                    entry,
                },
            });
        }
    }
    for (change, c) in rec.response_changes.iter().enumerate() {
        if within(c.date) {
            out.push(Dated {
                date: c.date,
                event: Event::Answered {
                    recommendation: id(),
                    change,
                },
            });
        }
    }
    for (commitment, c) in rec.commitments.iter().enumerate() {
        if let Some(done) = c.done.filter(|d| within(*d)) {
            out.push(Dated {
                date: done,
                event: Event::Fulfilled {
                    recommendation: id(),
                    commitment,
                },
            });
        }
        // Every deadline that was in force when it passed counts, also one that was moved
        // later in the same period: it passed unfulfilled all the same.
        for deadline in c.deadlines().flatten() {
            let passed_on = deadline.end().add_days(1);
            if within(passed_on) && c.is_overdue_at(passed_on) {
                out.push(Dated {
                    date: passed_on,
                    event: Event::Passed {
                        recommendation: id(),
                        commitment,
                        deadline,
                    },
                });
            }
        }
        for (revision, r) in c.revisions.iter().enumerate() {
            if within(r.date) {
                out.push(Dated {
                    date: r.date,
                    event: Event::Moved {
                        recommendation: id(),
                        commitment,
                        revision,
                    },
                });
            }
        }
    }
}

/// The kinds of change between two dates, in the order they are listed.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum ChangeKind {
    States,
    Responses,
    Fulfilled,
    Passed,
    Moved,
    Figures,
    Targets,
}

/// One change between two dates.
#[derive(Debug, Clone, PartialEq)]
pub enum Change<'s> {
    /// A recommendation's state differs: `before` at the start (`None`: nothing reported
    /// yet), and at the end the state its status entry `entry` set.
    State {
        recommendation: &'s str,
        entry: usize,
        before: Option<FollowUpState>,
    },
    /// An event of a recommendation other than a status entry: its answer changed, a
    /// commitment was fulfilled, a deadline passed, a deadline moved.
    Event(Dated<'s>),
    /// Figures of an indicator became known: how many, and the latest (`series`, `point`).
    Figures {
        indicator: &'s str,
        count: usize,
        series: usize,
        point: usize,
    },
    /// An indicator's target became met or missed.
    Target {
        indicator: &'s str,
        before: Option<TargetState>,
        after: TargetState,
    },
}

impl Change<'_> {
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::State { .. } => ChangeKind::States,
            Change::Event(d) => match d.event {
                Event::Answered { .. } => ChangeKind::Responses,
                Event::Fulfilled { .. } => ChangeKind::Fulfilled,
                Event::Passed { .. } => ChangeKind::Passed,
                _ => ChangeKind::Moved,
            },
            Change::Figures { .. } => ChangeKind::Figures,
            Change::Target { .. } => ChangeKind::Targets,
        }
    }

    /// The recommendation the change is about, if it is about one.
    pub fn recommendation(&self) -> Option<&str> {
        match self {
            Change::State { recommendation, .. } => Some(recommendation),
            Change::Event(Dated {
                event:
                    Event::Answered { recommendation, .. }
                    | Event::Fulfilled { recommendation, .. }
                    | Event::Passed { recommendation, .. }
                    | Event::Moved { recommendation, .. },
                ..
            }) => Some(recommendation),
            _ => None,
        }
    }
}

/// What changed after `from` up to and including `to`, by kind (in [`ChangeKind`] order),
/// each kind in natural order of the recommendation or indicator, then by date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes<'s> {
    pub list: Vec<Change<'s>>,
}

impl<'s> Changes<'s> {
    /// How many changes there are, of every kind.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The changes of one kind.
    pub fn of(&self, kind: ChangeKind) -> impl Iterator<Item = &Change<'s>> {
        self.list.iter().filter(move |c| c.kind() == kind)
    }

    /// Whether anything in these changes concerns the recommendation `id` (its own state or
    /// commitments; indicators are not counted).
    pub fn touches(&self, id: &str) -> bool {
        self.list.iter().any(|c| c.recommendation() == Some(id))
    }
}

/// What changed after `from` (`None`: since the beginning) up to and including `to`: the
/// events of the period, folded (a state that changed and changed back did not change).
pub fn changes(site: &Site, from: Option<Date>, to: Date) -> Changes<'_> {
    let mut list = Vec::new();
    for rec in in_natural_order(&site.recommendations) {
        add_recommendation_changes(&mut list, rec, from, to);
    }
    let mut figures: Vec<Change<'_>> = Vec::new();
    for dated in figure_events(site, from, to) {
        let Event::Figure {
            indicator,
            series,
            point,
        } = dated.event
        else {
            continue;
        };
        match figures.last_mut() {
            Some(Change::Figures {
                indicator: last,
                count,
                series: s,
                point: p,
            }) if *last == indicator => {
                *count += 1;
                // The last new figure (of the last series that has any), unless the one the
                // target is judged on is new (below).
                (*s, *p) = (series, point);
            }
            _ => figures.push(Change::Figures {
                indicator,
                count: 1,
                series,
                point,
            }),
        }
    }
    // The figure the target is judged on, when it is new, is the one to show.
    for change in &mut figures {
        if let Change::Figures {
            indicator,
            series,
            point,
            ..
        } = change
        {
            let ind = &site.indicators[*indicator];
            if let Some(judged) = ind.series.first().and_then(|s| {
                s.points
                    .iter()
                    .rposition(|p| p.figure.is_some() && p.period.start() <= to)
            }) && from.is_none_or(|f| ind.series[0].points[judged].period.start() > f)
            {
                (*series, *point) = (0, judged);
            }
        }
    }
    list.extend(figures);
    for ind in in_natural_order(&site.indicators) {
        let before = from.and_then(|f| ind.target_state(f));
        if let Some(after) = ind.target_state(to)
            && matches!(after, TargetState::Met | TargetState::Missed)
            && before != Some(after)
        {
            list.push(Change::Target {
                indicator: &ind.id,
                before,
                after,
            });
        }
    }
    // By kind; within a kind the order above (natural order of ids, then date).
    list.sort_by_key(Change::kind);
    Changes { list }
}

/// What changed in one recommendation (its state and commitments) after `from` up to `to`:
/// the part of [`changes`] that one recommendation's page needs, without visiting the rest.
pub fn recommendation_changes(rec: &Recommendation, from: Option<Date>, to: Date) -> Changes<'_> {
    let mut list = Vec::new();
    add_recommendation_changes(&mut list, rec, from, to);
    list.sort_by_key(Change::kind);
    Changes { list }
}

fn add_recommendation_changes<'s>(
    list: &mut Vec<Change<'s>>,
    rec: &'s Recommendation,
    from: Option<Date>,
    to: Date,
) {
    let before = from.and_then(|f| rec.state_at(f)).map(|s| s.state);
    if let Some(entry) = rec.status.iter().rposition(|s| s.date <= to)
        && before != Some(rec.status[entry].state)
    {
        list.push(Change::State {
            recommendation: &rec.id,
            entry,
            before,
        });
    }
    let mut events = Vec::new();
    recommendation_events(rec, from, to, &mut events);
    list.extend(
        events
            .into_iter()
            .filter(|d| !matches!(d.event, Event::Status { .. }))
            .map(Change::Event),
    );
}

/// The state of one recommendation at a date.
#[derive(Debug, Clone, PartialEq)]
pub struct StateAt<'s> {
    pub recommendation: &'s Recommendation,
    /// The status entry in force; `None` before the first one.
    pub entry: Option<&'s StatusEntry>,
    pub open: usize,
    pub overdue: usize,
}

/// Every recommendation's state at `date`, in natural id order.
pub fn states_at(site: &Site, date: Date) -> Vec<StateAt<'_>> {
    in_natural_order(&site.recommendations)
        .into_iter()
        .map(|rec| state_of(rec, date))
        .collect()
}

/// One recommendation's state at `date`.
pub fn state_of(rec: &Recommendation, date: Date) -> StateAt<'_> {
    StateAt {
        recommendation: rec,
        entry: rec.state_at(date),
        open: rec.open_commitments_at(date),
        overdue: rec
            .commitments
            .iter()
            .filter(|c| c.is_overdue_at(date))
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn due(text: &str) -> Option<Period> {
        Some(Period::parse(text).unwrap())
    }

    fn entry(on: &str, state: FollowUpState) -> StatusEntry {
        StatusEntry {
            date: date(on),
            state,
            note: String::new(),
            reference: None,
            at: Location::default(),
        }
    }

    fn document(id: &str, on: &str, kind: DocumentKind) -> Arc<Document> {
        Arc::new(Document {
            id: id.into(),
            title: id.into(),
            date: date(on),
            kind,
            reference: None,
            author: None,
            url: None,
            body: Body::default(),
        })
    }

    fn site(as_of: &str, documents: Vec<Arc<Document>>, recs: Vec<Recommendation>) -> Site {
        Site {
            config: SiteConfig {
                title: "t".into(),
                language: Language::En,
                as_of: date(as_of),
                theme: "default".into(),
                base_url: None,
                description: None,
                publisher: None,
                notice: None,
                allow_html: false,
                feed_limit: DEFAULT_FEED_LIMIT,
                page_size: DEFAULT_PAGE_SIZE,
                accessibility: Accessibility {
                    status: ComplianceStatus::NotAssessed,
                    evaluated: None,
                    method: None,
                    known_issues: Vec::new(),
                    contact: None,
                },
                review: ReviewSettings::default(),
            },
            home: Home::default(),
            documents: documents.into_iter().map(|d| (d.id.clone(), d)).collect(),
            topics: Default::default(),
            recommendations: recs
                .into_iter()
                .map(|r| (r.id.clone(), Arc::new(r)))
                .collect(),
            indicators: Default::default(),
            index: CrossIndex::default(),
            attachments: Default::default(),
            pending_anchors: Default::default(),
        }
    }

    fn recommendation(
        id: &str,
        status: Vec<StatusEntry>,
        commitments: Vec<Commitment>,
    ) -> Recommendation {
        Recommendation {
            id: id.into(),
            title: id.into(),
            source: "d".into(),
            addressed_to: Vec::new(),
            topics: Vec::new(),
            response: Response::Accepted,
            response_ref: None,
            response_changes: Vec::new(),
            part_of: None,
            reply_ref: None,
            indicators: Vec::new(),
            commitments,
            status,
            body: Body::default(),
        }
    }

    #[test]
    fn moments_are_the_progress_documents_and_as_of() {
        let s = site(
            "2024-06-30",
            vec![
                document("p2", "2024-05-01", DocumentKind::Progress),
                document("r", "2023-05-25", DocumentKind::Response),
                document("p1", "2023-12-15", DocumentKind::Progress),
                document("p1b", "2023-12-15", DocumentKind::Progress),
            ],
            Vec::new(),
        );
        let dates: Vec<(String, Vec<String>)> = moments(&s)
            .into_iter()
            .map(|m| (m.date.to_string(), m.documents))
            .collect();
        assert_eq!(
            dates,
            [
                (
                    "2023-12-15".to_string(),
                    vec!["p1".to_string(), "p1b".to_string()]
                ),
                ("2024-05-01".to_string(), vec!["p2".to_string()]),
                ("2024-06-30".to_string(), vec![]),
            ]
        );
        assert_eq!(
            previous_moment(&s).map(|m| m.date),
            Some(date("2024-05-01"))
        );
        // A progress document on as_of is the current moment itself.
        let on_as_of = site(
            "2024-05-01",
            vec![document("p2", "2024-05-01", DocumentKind::Progress)],
            Vec::new(),
        );
        assert_eq!(moments(&on_as_of).len(), 1);
        assert_eq!(previous_moment(&on_as_of), None);
    }

    #[test]
    fn changes_between_two_moments_are_net_and_dated() {
        use FollowUpState::*;
        let moved = Commitment {
            text: "c".into(),
            owner: "o".into(),
            due: due("2024-09-30"),
            done: None,
            reference: None,
            revisions: vec![Revision {
                date: date("2024-03-01"),
                previous_due: due("2024-01-01"),
                reason: "why".into(),
                reference: None,
                at: Location::default(),
            }],
            at: Location::default(),
        };
        let passed = Commitment {
            due: due("2024-02-01"),
            revisions: Vec::new(),
            ..moved.clone()
        };
        let fulfilled = Commitment {
            due: due("2024-12-31"),
            done: Some(date("2024-04-01")),
            revisions: Vec::new(),
            ..moved.clone()
        };
        let s = site(
            "2024-06-30",
            Vec::new(),
            vec![
                recommendation(
                    "R10",
                    vec![entry("2023-06-01", Open), entry("2024-04-01", InProgress)],
                    vec![moved, passed, fulfilled],
                ),
                // Two entries in the window that end where they started: no state change.
                recommendation(
                    "R2",
                    vec![
                        entry("2023-06-01", InProgress),
                        entry("2024-02-01", Open),
                        entry("2024-03-01", InProgress),
                    ],
                    Vec::new(),
                ),
                recommendation("R3", vec![entry("2024-05-01", Implemented)], Vec::new()),
            ],
        );
        let c = changes(&s, Some(date("2023-12-31")), date("2024-06-30"));
        let states: Vec<(&str, Option<FollowUpState>)> = c
            .of(ChangeKind::States)
            .map(|x| match x {
                Change::State {
                    recommendation,
                    before,
                    ..
                } => (*recommendation, *before),
                _ => unreachable!(),
            })
            .collect();
        assert_eq!(states, [("R3", None), ("R10", Some(Open))]);
        let commitment_events = |c: &Changes, kind: ChangeKind| -> Vec<(usize, Date)> {
            c.of(kind)
                .map(|x| match x {
                    Change::Event(Dated {
                        event: Event::Passed {
                            commitment,
                            deadline,
                            ..
                        },
                        ..
                    }) => (*commitment, deadline.end()),
                    Change::Event(Dated {
                        date,
                        event:
                            Event::Fulfilled { commitment, .. } | Event::Moved { commitment, .. },
                    }) => (*commitment, *date),
                    _ => unreachable!(),
                })
                .collect()
        };
        assert_eq!(
            commitment_events(&c, ChangeKind::Fulfilled),
            [(2, date("2024-04-01"))]
        );
        assert_eq!(
            commitment_events(&c, ChangeKind::Passed),
            // The first deadline of the moved commitment passed before it moved: it counts.
            [(0, date("2024-01-01")), (1, date("2024-02-01"))]
        );
        assert_eq!(
            commitment_events(&c, ChangeKind::Moved),
            [(0, date("2024-03-01"))]
        );
        assert!(c.touches("R10") && c.touches("R3") && !c.touches("R2"));
        // After the move, in a later period, the moved deadline has not passed.
        let later = changes(&s, Some(date("2024-03-01")), date("2024-06-30"));
        assert_eq!(later.of(ChangeKind::Passed).count(), 0);
        // A deadline passes the day after it: on the last day of a period it counts in the next.
        assert_eq!(
            changes(&s, Some(date("2023-12-31")), date("2024-01-01"))
                .of(ChangeKind::Passed)
                .count(),
            0
        );
        assert_eq!(
            changes(&s, Some(date("2024-01-01")), date("2024-01-02"))
                .of(ChangeKind::Passed)
                .count(),
            1
        );
        // Every status entry is an event; only the net change of state is a change.
        let entries = events(&s, Some(date("2023-12-31")), date("2024-06-30"))
            .into_iter()
            .filter(|d| matches!(d.event, Event::Status { .. }))
            .count();
        assert_eq!(entries, 4);
        // Nothing happens in an empty window.
        assert!(changes(&s, Some(date("2024-06-30")), date("2024-06-30")).is_empty());
    }

    #[test]
    fn the_state_at_a_date_counts_what_was_open_and_overdue_then() {
        let c = Commitment {
            text: "c".into(),
            owner: "o".into(),
            due: due("2024-01-01"),
            done: Some(date("2024-03-01")),
            reference: None,
            revisions: Vec::new(),
            at: Location::default(),
        };
        let rec = recommendation(
            "R1",
            vec![entry("2023-06-01", FollowUpState::Open)],
            vec![c],
        );
        let before = state_of(&rec, date("2023-05-01"));
        assert!(before.entry.is_none());
        let late = state_of(&rec, date("2024-02-01"));
        assert_eq!((late.open, late.overdue), (1, 1));
        let done = state_of(&rec, date("2024-03-01"));
        assert_eq!((done.open, done.overdue), (0, 0));
    }
}
