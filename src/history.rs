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

/// A recommendation whose state differs between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct StateChange {
    pub recommendation: String,
    /// `None`: nothing was reported yet.
    pub before: Option<FollowUpState>,
    pub after: FollowUpState,
    /// The date of the status entry that set `after`.
    pub date: Date,
}

/// Something that happened to one commitment on a date.
#[derive(Debug, Clone, PartialEq)]
pub struct CommitmentEvent {
    pub recommendation: String,
    /// Index into the recommendation's commitments (0-based; pages number them from 1).
    pub commitment: usize,
    pub date: Date,
}

/// A deadline that moved.
#[derive(Debug, Clone, PartialEq)]
pub struct MovedDeadline {
    pub recommendation: String,
    pub commitment: usize,
    /// Index into the commitment's revisions.
    pub revision: usize,
    pub date: Date,
    pub from: Date,
    pub to: Date,
    pub reason: String,
}

/// Figures of one indicator that became known between two dates.
#[derive(Debug, Clone, PartialEq)]
pub struct NewFigures {
    pub indicator: String,
    pub count: usize,
    /// The latest of them, of the first series that has any.
    pub latest: (Period, Figure),
}

/// An indicator whose target became met or missed.
#[derive(Debug, Clone, PartialEq)]
pub struct TargetChange {
    pub indicator: String,
    pub before: Option<TargetState>,
    pub after: TargetState,
}

/// What changed after `from` up to and including `to`. Each list is in natural order of the
/// recommendation or indicator, then by date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Changes {
    pub states: Vec<StateChange>,
    pub fulfilled: Vec<CommitmentEvent>,
    /// Deadlines that passed, while in force, without the commitment being fulfilled: the
    /// day after the deadline lies in the period and the commitment was overdue that day.
    /// `date` is the deadline.
    pub passed: Vec<CommitmentEvent>,
    pub moved: Vec<MovedDeadline>,
    pub figures: Vec<NewFigures>,
    pub targets: Vec<TargetChange>,
}

impl Changes {
    /// How many changes there are, of every kind.
    pub fn len(&self) -> usize {
        self.states.len()
            + self.fulfilled.len()
            + self.passed.len()
            + self.moved.len()
            + self.figures.len()
            + self.targets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.states.is_empty()
            && self.fulfilled.is_empty()
            && self.passed.is_empty()
            && self.moved.is_empty()
            && self.figures.is_empty()
            && self.targets.is_empty()
    }

    /// Whether anything in these changes concerns the recommendation `id` (its own state or
    /// commitments; indicators are not counted).
    pub fn touches(&self, id: &str) -> bool {
        self.states.iter().any(|c| c.recommendation == id)
            || self.fulfilled.iter().any(|c| c.recommendation == id)
            || self.passed.iter().any(|c| c.recommendation == id)
            || self.moved.iter().any(|c| c.recommendation == id)
    }
}

/// What changed after `from` (`None`: since the beginning) up to and including `to`.
pub fn changes(site: &Site, from: Option<Date>, to: Date) -> Changes {
    let within = |d: Date| from.is_none_or(|f| d > f) && d <= to;
    let mut changes = Changes::default();
    for rec in in_natural_order(&site.recommendations) {
        add_recommendation_changes(&mut changes, rec, from, to);
    }
    for ind in in_natural_order(&site.indicators) {
        let new: Vec<(Period, &Figure)> = ind
            .series
            .iter()
            .flat_map(|s| &s.points)
            .filter(|p| within(p.period.start()))
            .filter_map(|p| p.figure.as_ref().map(|f| (p.period, f)))
            .collect();
        if let Some(last) = new.last() {
            // The figure the target is judged on, when it is new; else the last new one.
            let (period, figure) = ind
                .latest(to)
                .filter(|(p, _)| within(p.start()))
                .unwrap_or(*last);
            changes.figures.push(NewFigures {
                indicator: ind.id.clone(),
                count: new.len(),
                latest: (period, figure.clone()),
            });
        }
        let before = from.and_then(|f| ind.target_state(f));
        if let Some(after) = ind.target_state(to)
            && matches!(after, TargetState::Met | TargetState::Missed)
            && before != Some(after)
        {
            changes.targets.push(TargetChange {
                indicator: ind.id.clone(),
                before,
                after,
            });
        }
    }
    changes
}

/// What changed in one recommendation (its state and commitments) after `from` up to `to`:
/// the part of [`changes`] that one recommendation's page needs, without visiting the rest.
pub fn recommendation_changes(rec: &Recommendation, from: Option<Date>, to: Date) -> Changes {
    let mut changes = Changes::default();
    add_recommendation_changes(&mut changes, rec, from, to);
    changes
}

fn add_recommendation_changes(
    changes: &mut Changes,
    rec: &Recommendation,
    from: Option<Date>,
    to: Date,
) {
    let within = |d: Date| from.is_none_or(|f| d > f) && d <= to;
    let before = from.and_then(|f| rec.state_at(f)).map(|s| s.state);
    if let Some(now) = rec.state_at(to)
        && before != Some(now.state)
    {
        changes.states.push(StateChange {
            recommendation: rec.id.clone(),
            before,
            after: now.state,
            date: now.date,
        });
    }
    for (i, c) in rec.commitments.iter().enumerate() {
        let event = |date| CommitmentEvent {
            recommendation: rec.id.clone(),
            commitment: i,
            date,
        };
        if let Some(done) = c.done.filter(|d| within(*d)) {
            changes.fulfilled.push(event(done));
        }
        // Every deadline that was in force when it passed counts, also one that was moved
        // later in the same period: it passed unfulfilled all the same.
        for deadline in c.deadlines() {
            let passed_on = deadline.add_days(1);
            if within(passed_on) && c.is_overdue_at(passed_on) {
                changes.passed.push(event(deadline));
            }
        }
        for (k, r) in c.revisions.iter().enumerate() {
            if within(r.date) {
                changes.moved.push(MovedDeadline {
                    recommendation: rec.id.clone(),
                    commitment: i,
                    revision: k,
                    date: r.date,
                    from: r.previous_due,
                    to: c.due_at(r.date),
                    reason: r.reason.clone(),
                });
            }
        }
    }
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
            due: date("2024-09-30"),
            done: None,
            reference: None,
            revisions: vec![Revision {
                date: date("2024-03-01"),
                previous_due: date("2024-01-01"),
                reason: "why".into(),
                reference: None,
                at: Location::default(),
            }],
            at: Location::default(),
        };
        let passed = Commitment {
            due: date("2024-02-01"),
            revisions: Vec::new(),
            ..moved.clone()
        };
        let fulfilled = Commitment {
            due: date("2024-12-31"),
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
        let states: Vec<(&str, Option<FollowUpState>, FollowUpState)> = c
            .states
            .iter()
            .map(|x| (x.recommendation.as_str(), x.before, x.after))
            .collect();
        assert_eq!(
            states,
            [("R3", None, Implemented), ("R10", Some(Open), InProgress)]
        );
        assert_eq!(
            c.fulfilled
                .iter()
                .map(|e| (e.commitment, e.date))
                .collect::<Vec<_>>(),
            [(2, date("2024-04-01"))]
        );
        assert_eq!(
            c.passed
                .iter()
                .map(|e| (e.commitment, e.date))
                .collect::<Vec<_>>(),
            // The first deadline of the moved commitment passed before it moved: it counts.
            [(0, date("2024-01-01")), (1, date("2024-02-01"))]
        );
        assert_eq!(c.moved.len(), 1);
        assert_eq!(
            (c.moved[0].from, c.moved[0].to),
            (date("2024-01-01"), date("2024-09-30"))
        );
        assert!(c.touches("R10") && c.touches("R3") && !c.touches("R2"));
        // After the move, in a later period, the moved deadline has not passed.
        let later = changes(&s, Some(date("2024-03-01")), date("2024-06-30"));
        assert!(later.passed.is_empty());
        // A deadline passes the day after it: on the last day of a period it counts in the next.
        assert!(
            changes(&s, Some(date("2023-12-31")), date("2024-01-01"))
                .passed
                .is_empty()
        );
        assert_eq!(
            changes(&s, Some(date("2024-01-01")), date("2024-01-02"))
                .passed
                .len(),
            1
        );
        // Nothing happens in an empty window.
        assert!(changes(&s, Some(date("2024-06-30")), date("2024-06-30")).is_empty());
    }

    #[test]
    fn the_state_at_a_date_counts_what_was_open_and_overdue_then() {
        let c = Commitment {
            text: "c".into(),
            owner: "o".into(),
            due: date("2024-01-01"),
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
