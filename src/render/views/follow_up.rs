//! The parts of the contract about the follow-up: recommendations in lists, commitments and
//! their moves, status entries, the state at each reporting moment, and what changed.

use super::common::{Label, Link, More};
use schemars::JsonSchema;
use serde::Serialize;

/// A recommendation in a list: its facts and where its follow-up stands.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct RecommendationRow {
    /// Its id: `R1`.
    pub id: String,
    /// The recommendation's title.
    pub title: String,
    /// Its page, from the site root (in the dossier: its section).
    pub url: String,
    /// The government's answer.
    pub response: Label,
    /// The current state of the follow-up: that of its last status entry.
    pub state: Label,
    /// The date of its last status entry, written for the language.
    pub last_change: String,
    /// The date of its last status entry, `YYYY-MM-DD`.
    pub last_change_iso: String,
    /// How many of its commitments are not fulfilled.
    pub open_commitments: usize,
    /// How many of its commitments are overdue on `as_of`.
    pub overdue_commitments: usize,
}

/// One commitment of a recommendation, with where it stands on `as_of`.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CommitmentView {
    /// The id of its row (`_commitment.2024-01-01`): by the deadline it was first given.
    pub id: String,
    /// What was promised, by whom, by when, and where it stands (its fields are the
    /// commitment's own: `number`, `text`, `owner`, `due`, `due_iso`, `done`, `done_iso`,
    /// `status`).
    #[serde(flatten)]
    pub facts: CommitmentFacts,
    /// Where it was promised.
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

/// What a commitment is, wherever it is shown (its fields are those of the struct that holds
/// it: `commitment.text`, not `commitment.facts.text`).
#[derive(Serialize, JsonSchema, Debug)]
pub struct CommitmentFacts {
    /// Its number on the recommendation's page, from 1.
    pub number: usize,
    /// What was promised.
    pub text: String,
    /// Who is to keep the promise.
    pub owner: String,
    /// The deadline in force now as precisely as it was given, written for the language ("30
    /// juni 2025", "juni 2025", "2e kwartaal 2025", or that none was set).
    pub due: String,
    /// The deadline in force now for a `<time datetime>`: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`;
    /// absent for a quarter, a half year or no deadline.
    pub due_iso: Option<String>,
    /// When it was fulfilled, written for the language.
    pub done: Option<String>,
    /// When it was fulfilled, `YYYY-MM-DD`.
    pub done_iso: Option<String>,
    /// Kept, kept late, overdue or open.
    pub status: Label,
}

/// One move of a commitment's deadline.
#[derive(Serialize, JsonSchema, Debug)]
pub struct RevisionView {
    /// The id of its row (`_commitment.2024-01-01.revision.1`).
    pub id: String,
    /// When the deadline moved, written for the language.
    pub date: String,
    /// When the deadline moved, `YYYY-MM-DD`.
    pub date_iso: String,
    /// The deadline before the move, written for the language (or that there was none).
    pub from: String,
    /// The deadline before the move for a `<time datetime>` (see `due_iso`).
    pub from_iso: Option<String>,
    /// The deadline the move set, written for the language.
    pub to: String,
    /// The deadline the move set for a `<time datetime>` (see `due_iso`).
    pub to_iso: Option<String>,
    /// Why the deadline moved.
    pub reason: String,
    /// Where the move was announced.
    pub reference: Option<Link>,
    /// "deadline moved on ... from ... to ...".
    pub summary: String,
    /// Moved since the last reporting moment.
    pub is_new: bool,
}

/// One answer to a recommendation: the first, or a later change of it.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ResponseView {
    /// The id of its row: `_response` for the first answer, `_response.2023-01-26` for a
    /// change.
    pub id: String,
    /// The answer.
    pub response: Label,
    /// When it was given (for the first answer: the date of the document it is in), written
    /// for the language; absent while the answer is awaited.
    pub date: Option<String>,
    /// The same, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
    /// Why the answer changed; absent for the first answer.
    pub reason: Option<String>,
    /// Where the answer is.
    pub reference: Option<Link>,
    /// Given after the last reporting moment.
    pub is_new: bool,
}

/// The reviewer's reply to the answer about a recommendation.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ReplyView {
    /// Where the reply speaks of the recommendation.
    pub reference: Link,
    /// Who replied (the document's author).
    pub author: Option<String>,
    /// The reply's date, written for the language.
    pub date: String,
    /// The same, `YYYY-MM-DD`.
    pub date_iso: String,
}

/// One check of a milestone: on a date, it was or was not reached.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CheckView {
    /// The day of the check, written for the language.
    pub date: String,
    /// The same, `YYYY-MM-DD`.
    pub date_iso: String,
    /// Met, or not met yet.
    pub state: Label,
    /// What was found.
    pub note: String,
    /// Where the finding is published.
    pub url: Option<String>,
}

/// One status entry of a recommendation's follow-up history.
#[derive(Serialize, JsonSchema, Debug)]
pub struct StatusView {
    /// The id of its row (`_status.2024-05-01`), where history and the feed link to.
    pub id: String,
    /// Dated after the last reporting moment.
    pub is_new: bool,
    /// Its date, written for the language.
    pub date: String,
    /// Its date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// The state from this day on.
    pub state: Label,
    /// What happened.
    pub note: String,
    /// Where it is reported.
    pub reference: Option<Link>,
}

/// A recommendation's state at one reporting moment.
#[derive(Serialize, JsonSchema, Debug)]
pub struct MomentRow {
    /// The moment's date, written for the language.
    pub date: String,
    /// The moment's date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// The progress documents of the moment; none for the current moment without one.
    pub documents: Vec<Link>,
    /// This is `as_of`, the current moment.
    pub is_current: bool,
    /// The state then; `null`: nothing was reported yet.
    pub state: Option<Label>,
    /// Commitments not fulfilled then.
    pub open: usize,
    /// Commitments overdue then.
    pub overdue: usize,
    /// The state, or the commitments, changed since the moment before.
    pub is_changed: bool,
}

/// One commitment in a list of the commitments of many recommendations.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CommitmentRow {
    /// The recommendation it answers.
    pub recommendation: Link,
    /// The commitment's row on the recommendation's page, from the site root.
    pub url: String,
    /// What was promised, by whom, by when, and where it stands (its fields are the
    /// commitment's own: `number`, `text`, `owner`, `due`, `due_iso`, `done`, `done_iso`,
    /// `status`).
    #[serde(flatten)]
    pub facts: CommitmentFacts,
}

/// The commitments one owner is responsible for.
#[derive(Serialize, JsonSchema, Debug)]
pub struct OwnerRow {
    /// The owner, as the commitments name them.
    pub owner: String,
    /// How many commitments they have.
    pub total: usize,
    /// How many are open (not fulfilled, not overdue).
    pub open: usize,
    /// How many are overdue on `as_of`.
    pub overdue: usize,
    /// How many are fulfilled.
    pub done: usize,
}

/// A recommendation's state at one date, in a progress report's table.
#[derive(Serialize, JsonSchema, Debug)]
pub struct StateRow {
    /// Its id: `R1`.
    pub id: String,
    /// The recommendation's title.
    pub title: String,
    /// Its page, from the site root.
    pub url: String,
    /// The state then; `null`: nothing was reported yet.
    pub state: Option<Label>,
    /// The date of the status entry in force then, written for the language.
    pub state_date: Option<String>,
    /// The date of the status entry in force then, `YYYY-MM-DD`.
    pub state_date_iso: Option<String>,
    /// Commitments not fulfilled then.
    pub open: usize,
    /// Commitments overdue then.
    pub overdue: usize,
    /// Changed since the moment before.
    pub is_changed: bool,
}

/// What a progress document's page shows after its text: the state of every recommendation
/// at its date, and what changed since the reporting moment before it.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ReportView {
    /// "State of the follow-up on 15 December 2023".
    pub heading: String,
    /// The caption of the table of states.
    pub caption: String,
    /// The report's date, written for the language.
    pub date: String,
    /// The report's date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// Every recommendation's state at the report's date.
    pub states: Vec<StateRow>,
    /// What changed since the reporting moment before.
    pub changes: ChangesView,
}

/// What changed between two dates, as lists per kind of change (`changes.html` gets it as
/// `changes`).
#[derive(Serialize, JsonSchema, Debug)]
pub struct ChangesView {
    /// "What changed since 1 May 2024".
    pub heading: String,
    /// The documents of the moment the changes are counted from.
    pub since_documents: Vec<Link>,
    /// The date the changes are counted from, written for the language.
    pub since: Option<String>,
    /// The kinds of change that have any, in a fixed order: states, fulfilled, passed,
    /// moved, figures, targets.
    pub groups: Vec<ChangeGroup>,
    /// Nothing changed.
    pub is_empty: bool,
}

/// The changes of one kind.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ChangeGroup {
    /// `states`, `fulfilled`, `passed`, `moved`, `figures`, `targets`: for CSS classes.
    pub key: &'static str,
    /// The group's heading.
    pub title: String,
    /// The changes, in natural order of their recommendation or indicator, then by date.
    pub items: Vec<ChangeItem>,
    /// Set when the items are cut short here.
    pub more: Option<More>,
}

/// One change, linked to where it is shown.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct ChangeItem {
    /// The spot it links to, from the site root, with the fragment of its row.
    pub url: String,
    /// What it is about: "R1: title", "R2, commitment 3", an indicator's title.
    pub subject: String,
    /// What happened: "open → in progress", "deadline moved on ... from ... to ...".
    pub detail: String,
    /// More text where it helps: the commitment, the reason a deadline moved.
    pub text: Option<String>,
    /// The day it happened, written for the language.
    pub date: Option<String>,
    /// The day it happened, `YYYY-MM-DD`.
    pub date_iso: Option<String>,
}
