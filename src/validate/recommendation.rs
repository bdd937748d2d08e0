//! content/recommendations/<id>.md: a recommendation, the answer, the commitments and the
//! follow-up history.
//!
//! Checked in two steps. [`check`] reads the file on its own (fields, dates, enum values, the
//! order of the history). [`resolve`] then looks up what it refers to in the rest of the site
//! (documents and their anchors, topics, indicators, the recommendation it is a part of, and
//! whether `part_of` comes round to it), which `serve` repeats only when one of those changed.

use super::checks::Draft;
use super::checks::{FileContext, ID_RULE, Settings, anchor_list, is_safe_id, optional};
use super::lookup::{Found, IdKind, Lookup};
use crate::date::Date;
use crate::diag::did_you_mean;
use crate::model::*;
use crate::parse::{self, At, Parsed, RecommendationFile};
use crate::source::SourceFile;

/// A recommendation checked on its own: what was valid in the file, with its references
/// still the ids as written (they are checked even when something else in the file is wrong,
/// so one run reports both).
#[derive(Debug, Clone)]
pub(crate) struct RecommendationDraft {
    pub id: String,
    id_at: usize,
    part_of: Option<At<String>>,
    response: At<Response>,
    /// The rest, which only the recommendation's own resolution reads: boxed, so that a
    /// build that resolves each draft once takes it whole ([`RecommendationDraft::take`])
    /// without copying it, and what stays behind for the checks of the whole site is small.
    rest: Option<Box<DraftRest>>,
}

#[derive(Debug, Clone)]
struct DraftRest {
    /// Everything in the file itself is valid.
    complete: bool,
    title: String,
    source: At<String>,
    addressed_to: Vec<String>,
    topics: Vec<At<String>>,
    response_ref: Option<At<String>>,
    response_changes: Vec<(ResponseChangeDraft, At<String>)>,
    reply_ref: Option<At<String>>,
    indicators: Vec<At<String>>,
    commitments: Vec<CommitmentDraft>,
    status: Vec<(StatusEntry, Option<At<String>>)>,
    body: Option<Body>,
}

impl RecommendationDraft {
    /// The body, to keep only its Markdown (see `Item::keep_only_markdown`).
    pub fn body_mut(&mut self) -> Option<&mut Body> {
        self.rest.as_mut().and_then(|rest| rest.body.as_mut())
    }

    /// Takes the draft out, leaving its id (which the checks of the whole site still need)
    /// and nothing else: for a build that resolves each draft once and keeps only the model.
    pub fn take(&mut self) -> RecommendationDraft {
        RecommendationDraft {
            id: self.id.clone(),
            id_at: self.id_at,
            part_of: self.part_of.clone(),
            response: self.response.clone(),
            rest: self.rest.take(),
        }
    }

    /// The byte offset of the `id` value, to point at when the id is taken twice.
    pub fn id_offset(&self) -> usize {
        self.id_at
    }

    /// The recommendation this one is a part of, as written.
    pub fn parent(&self) -> Option<&str> {
        self.part_of.as_ref().map(|p| p.get().as_str())
    }
}

/// Reads a recommendation file on its own; `as_of` bounds the dates in it.
pub(super) fn check(
    file: &SourceFile,
    settings: Settings,
) -> (Option<Draft<RecommendationDraft>>, crate::diag::Diagnostics) {
    let mut cx = FileContext::new(file, settings);
    let draft = check_file(&mut cx);
    (draft, cx.diags)
}

fn check_file(cx: &mut FileContext) -> Option<Draft<RecommendationDraft>> {
    let stem = cx.file_id();
    let page: Parsed<RecommendationFile> = parse::parse_page(cx.file, &mut cx.diags)?;
    let raw = page.meta;
    let mut ok = stem.is_some();

    let id_at = raw.id.start();
    if !is_safe_id(raw.id.get()) {
        cx.error(id_at, format!("\"{}\" is not a valid id", raw.id.get()));
        cx.hint(ID_RULE);
        ok = false;
    } else if stem.as_deref().is_some_and(|stem| stem != raw.id.get()) {
        cx.error(
            id_at,
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                raw.id.get(),
                cx.file.stem()
            ),
        );
        cx.hint("a recommendation's id must equal its file name without .md");
        ok = false;
    }

    let response_changes = response_changes(cx, raw.response.get(), raw.response_changes);
    ok &= response_changes.is_some();

    let mut commitments = Vec::new();
    for c in raw.commitments {
        let draft = commitment(cx, c);
        ok &= draft.value.is_some();
        commitments.push(draft);
    }

    if raw.status.is_empty() {
        cx.error(
            page.front_matter_offset,
            "a recommendation needs at least one [[status]] entry",
        );
        cx.hint("add [[status]] with date, state and note: where the follow-up stands");
        ok = false;
    }
    let mut status = Vec::with_capacity(raw.status.len());
    let mut previous: Option<Date> = None;
    for s in raw.status {
        let (when, at) = (s.date.value, s.date.start());
        if let Some(before) = previous
            && when < before
        {
            cx.error(
                at,
                format!("status entries must be in date order: {when} is before the entry above it ({before})"),
            );
            ok = false;
        }
        ok &= cx.not_after_as_of(at, "status dated", when);
        previous = Some(when);
        let entry = StatusEntry {
            date: when,
            state: s.state,
            note: s.note,
            reference: None,
            at: cx.location(at),
        };
        status.push((entry, s.reference));
    }
    let read = cx.body(page.body);
    ok &= read.body.is_some();
    Some(Draft {
        value: RecommendationDraft {
            id: raw.id.into_inner(),
            id_at,
            part_of: raw.part_of,
            response: raw.response,
            rest: Some(Box::new(DraftRest {
                complete: ok,
                title: raw.title,
                source: raw.source,
                addressed_to: raw.addressed_to,
                topics: raw.topics,
                response_ref: raw.response_ref,
                response_changes: response_changes.unwrap_or_default(),
                reply_ref: raw.reply_ref,
                indicators: raw.indicators,
                commitments,
                status,
                body: read.body,
            })),
        },
        body_offset: read.offset,
        headings: read.headings,
        links: read.links,
    })
}

/// A change of the answer checked on its own; its reference is resolved later.
#[derive(Debug, Clone)]
struct ResponseChangeDraft {
    date: Date,
    response: Response,
    reason: String,
    at: Location,
}

/// The changes of the answer, each checked: in date order, not after `as_of`, with a reason,
/// and each a change (not the answer already in force, and never back to `pending`).
fn response_changes(
    cx: &mut FileContext,
    first: &Response,
    changes: Vec<parse::ResponseChangeFile>,
) -> Option<Vec<(ResponseChangeDraft, At<String>)>> {
    let mut ok = true;
    let mut before: (Option<Date>, Response) = (None, *first);
    let mut drafts = Vec::with_capacity(changes.len());
    for change in changes {
        let (date, at) = (change.date.value, change.date.start());
        if let Some(previous) = before.0
            && date < previous
        {
            cx.error(
                at,
                format!("response changes must be in date order, oldest first: {date} is before the change above it ({previous})"),
            );
            ok = false;
        }
        ok &= cx.not_after_as_of(at, "a response change dated", date);
        let response = *change.response.get();
        if response == Response::Pending {
            cx.error(
                change.response.start(),
                "an answer that was given cannot become `pending` again",
            );
            cx.hint("use `withdrawn` when the government no longer stands by its answer");
            ok = false;
        } else if response == before.1 {
            cx.error(
                change.response.start(),
                format!(
                    "the answer is already `{}` before this change: nothing changed",
                    response.key()
                ),
            );
            cx.hint("give the answer from this day on; the answer before it is `response` or the change above");
            ok = false;
        }
        if change.reason.get().trim().is_empty() {
            cx.error(
                change.reason.start(),
                "the reason is empty: an answer never changes without a reason",
            );
            cx.hint("say why the answer changed, in the words of the source");
            ok = false;
        }
        before = (Some(date), response);
        drafts.push((
            ResponseChangeDraft {
                date,
                response,
                reason: change.reason.get().trim().to_string(),
                at: cx.location(at),
            },
            change.reference,
        ));
    }
    ok.then_some(drafts)
}

/// A commitment checked on its own, with its references (and those of its revisions) still
/// as written.
#[derive(Debug, Clone)]
pub(crate) struct CommitmentDraft {
    value: Option<Commitment>,
    reference: Option<At<String>>,
    revision_refs: Vec<Option<At<String>>>,
}

fn commitment(cx: &mut FileContext, c: parse::CommitmentFile) -> CommitmentDraft {
    let due = c.due.as_ref().map(|d| d.value);
    let done = c.done.as_ref().map(|d| d.value);
    let mut ok = true;
    // Else a mistyped year would quietly turn an overdue promise into a kept one.
    if let Some(raw_done) = &c.done {
        ok &= cx.not_after_as_of(raw_done.start(), "commitment done on", raw_done.value);
    }
    // Earlier deadlines, oldest first: each moved on its date, to the deadline after it.
    let mut revisions = Vec::with_capacity(c.revisions.len());
    let mut revision_refs = Vec::with_capacity(c.revisions.len());
    let mut moved_before: Option<Date> = None;
    for r in &c.revisions {
        let (date, at) = (r.date.value, r.date.start());
        if let Some(before) = moved_before
            && date < before
        {
            cx.error(
                at,
                format!("revisions must be in date order, oldest first: {date} is before the revision above it ({before})"),
            );
            ok = false;
        }
        // A commitment already kept has no deadline left to move.
        if let Some(done_on) = done
            && date > done_on
        {
            cx.error(
                at,
                format!(
                    "the deadline was moved on {date}, after the commitment was done on {done_on}"
                ),
            );
            cx.hint("a kept commitment has no deadline left to move: fix the date of the move or of `done`");
            ok = false;
        }
        if r.reason.get().trim().is_empty() {
            cx.error(
                r.reason.start(),
                "the reason is empty: a deadline never moves without a reason",
            );
            cx.hint("say why the deadline moved, for example the cause of the delay");
            ok = false;
        }
        ok &= cx.not_after_as_of(at, "a deadline moved on", date);
        moved_before = Some(date);
        revisions.push(Revision {
            date,
            previous_due: r.previous_due.as_ref().map(|p| p.value),
            reason: r.reason.get().trim().to_string(),
            reference: None,
            at: cx.location(at),
        });
        revision_refs.push(r.reference.clone());
    }
    // A revision that "moves" a deadline to the same day moved nothing: a mistake.
    for (i, r) in revisions.iter().enumerate() {
        let replaced_by = revisions.get(i + 1).map_or(due, |next| next.previous_due);
        if r.previous_due == replaced_by {
            // `revisions` has one entry per revision of the file, in its order.
            let (at, message) = match &c.revisions[i].previous_due {
                Some(p) => (
                    p.start(),
                    format!(
                        "previous_due {} is the deadline that replaced it: the deadline did not move",
                        p.value
                    ),
                ),
                None => (
                    c.revisions[i].date.start(),
                    "this revision has no previous_due and the deadline after it is not given either: the deadline did not move".to_string(),
                ),
            };
            cx.error(at, message);
            cx.hint("give the deadline before the move; the deadline after it is the next revision's previous_due, or `due` for the last one");
            ok = false;
        }
    }
    let value = ok.then(|| Commitment {
        at: cx.location(c.text.start()),
        text: c.text.into_inner(),
        owner: c.owner,
        due,
        done,
        reference: None,
        revisions,
    });
    CommitmentDraft {
        value,
        reference: c.reference,
        revision_refs,
    }
}

/// Resolves the references of a checked recommendation against the rest of the site. The
/// recommendation when it and its references are all valid; otherwise the problems are in
/// `cx` (or, for the file itself, were reported by [`check`]).
pub(super) fn resolve(
    mut draft: RecommendationDraft,
    lookup: &Lookup,
    cx: &mut FileContext,
) -> Option<Recommendation> {
    // Only a draft already taken has no rest; the caller then says the file resolved to
    // nothing without a problem of its own, an internal error.
    let rest = *draft.rest.take()?;
    let mut ok = rest.complete;
    ok &= reference(cx, &rest.source, lookup, IdKind::Document).is_some();
    for topic in &rest.topics {
        ok &= reference(cx, topic, lookup, IdKind::Topic).is_some();
    }
    for indicator in &rest.indicators {
        ok &= reference(cx, indicator, lookup, IdKind::Indicator).is_some();
    }
    if let Some(parent) = &draft.part_of {
        if parent.get() == &draft.id {
            cx.error(
                parent.start(),
                "a recommendation cannot be a part of itself",
            );
            ok = false;
        } else if reference(cx, parent, lookup, IdKind::Recommendation).is_none() {
            ok = false;
        } else if let Some(cycle) = cycle_through(&draft, lookup) {
            let mut said = draft.id.clone();
            for (i, id) in cycle.iter().enumerate() {
                said.push_str(if i == 0 {
                    " is a part of "
                } else {
                    ", which is a part of "
                });
                said.push_str(id);
            }
            cx.error(parent.start(), format!("part_of makes a cycle: {said}"));
            cx.hint("a recommendation cannot be a part of one of its own parts: remove part_of from one of them");
            ok = false;
        }
    }
    let response_ref = optional(rest.response_ref.as_ref(), |r| doc_ref(cx, r, lookup));
    let reply_ref = optional(rest.reply_ref.as_ref(), |r| doc_ref(cx, r, lookup));
    // An answer that has been given is published with where it is; only a pending one may
    // have none yet.
    let answered = *draft.response.get() != Response::Pending;
    if answered && rest.response_ref.is_none() {
        cx.error(
            draft.response.start(),
            "the field `response_ref` is missing: where is the answer?",
        );
        cx.hint("write response_ref = \"<document id>#<anchor>\", or response = \"pending\" while the answer is awaited");
        ok = false;
    }
    let mut commitments = Some(Vec::with_capacity(rest.commitments.len()));
    for c in rest.commitments {
        // Every reference is resolved, also after a bad one, so all problems are reported.
        let reference = optional(c.reference.as_ref(), |r| doc_ref(cx, r, lookup));
        let revision_refs: Vec<Option<Option<DocRef>>> = c
            .revision_refs
            .iter()
            .map(|r| optional(r.as_ref(), |r| doc_ref(cx, r, lookup)))
            .collect();
        let resolved = (|| {
            let mut commitment = c.value?;
            commitment.reference = reference?;
            for (revision, reference) in commitment.revisions.iter_mut().zip(revision_refs) {
                revision.reference = reference?;
            }
            Some(commitment)
        })();
        match (resolved, &mut commitments) {
            (Some(resolved), Some(list)) => list.push(resolved),
            _ => commitments = None,
        }
    }
    let status = with_references(cx, lookup, rest.status, |s, reference| StatusEntry {
        reference,
        ..s
    });
    let response_changes: Option<Vec<ResponseChange>> = rest
        .response_changes
        .into_iter()
        .map(|(c, reference)| {
            let reference = doc_ref(cx, &reference, lookup);
            Some(ResponseChange {
                date: c.date,
                response: c.response,
                reason: c.reason,
                reference: reference?,
                at: c.at,
            })
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    if !ok {
        return None;
    }
    let ids = |list: Vec<At<String>>| list.into_iter().map(At::into_inner).collect();
    Some(Recommendation {
        id: draft.id,
        title: rest.title,
        source: rest.source.into_inner(),
        addressed_to: rest.addressed_to,
        part_of: draft.part_of.map(At::into_inner),
        topics: ids(rest.topics),
        response: draft.response.into_inner(),
        response_ref: response_ref?,
        response_changes: response_changes?,
        reply_ref: reply_ref?,
        indicators: ids(rest.indicators),
        commitments: commitments?,
        status: status?,
        body: rest.body?,
    })
}

/// The recommendations up the `part_of` chain of `draft`, nearest first, each once: up to one
/// that is a part of nothing (or that does not exist), or until the chain comes round to one
/// it has met. Each step is a lookup, so the result depends on every file up the chain: a
/// change of any can close a cycle.
fn ancestors(draft: &RecommendationDraft, lookup: &Lookup) -> Vec<String> {
    let mut chain: Vec<String> = Vec::new();
    let mut met = std::collections::BTreeSet::from([draft.id.clone()]);
    let mut next = draft.parent().map(str::to_string);
    while let Some(id) = next {
        if !met.insert(id.clone()) {
            break;
        }
        next = lookup.parent_of(&id).map(str::to_string);
        chain.push(id);
    }
    chain
}

/// The cycle of `part_of` that `draft` is in, if any: the recommendations it is a part of, in
/// order, ending with itself (`[R2, R1]` for R1). One below a cycle is not in it: its chain
/// comes round without it.
fn cycle_through(draft: &RecommendationDraft, lookup: &Lookup) -> Option<Vec<String>> {
    let mut chain = ancestors(draft, lookup);
    let last = chain.last()?;
    (lookup.parent_of(last) == Some(draft.id.as_str())).then(|| {
        chain.push(draft.id.clone());
        chain
    })
}

/// The entries with their `ref`s resolved: all of them, when each entry and each reference is
/// valid. Every reference is checked, also after a bad one, so all problems are reported.
fn with_references<T>(
    cx: &mut FileContext,
    lookup: &Lookup,
    entries: Vec<(T, Option<At<String>>)>,
    set: impl Fn(T, Option<DocRef>) -> T,
) -> Option<Vec<T>> {
    let resolved: Vec<Option<T>> = entries
        .into_iter()
        .map(|(entry, reference)| {
            let reference = optional(reference.as_ref(), |r| doc_ref(cx, r, lookup));
            Some(set(entry, reference?))
        })
        .collect();
    resolved.into_iter().collect()
}

/// Checks that an id refers to an existing item, suggesting a close match if not. An item
/// whose own file has errors is not reported again: the cause is already in the report.
/// The headings of its text when it exists.
fn reference<'k>(
    cx: &mut FileContext,
    id: &At<String>,
    lookup: &Lookup<'k, '_>,
    kind: IdKind,
) -> Option<&'k [Heading]> {
    let wanted = id.get().as_str();
    match lookup.id(kind, wanted) {
        Found::Valid(headings) => return Some(headings),
        Found::Broken => return None,
        Found::Unknown => {}
    }
    let what = kind.noun();
    cx.error(id.start(), format!("unknown {what} \"{wanted}\""));
    if let Some(close) = did_you_mean(wanted, lookup.all_ids(kind)) {
        cx.hint(format!("did you mean \"{close}\"?"));
    } else if !lookup.has_any(kind) {
        cx.hint(format!("the site has no {what}s"));
    }
    None
}

/// Resolves "<document id>" or "<document id>#<anchor>".
fn doc_ref(cx: &mut FileContext, text: &At<String>, lookup: &Lookup) -> Option<DocRef> {
    let (doc_id, anchor) = match text.get().split_once('#') {
        Some((doc, anchor)) => (doc, Some(anchor)),
        None => (text.get().as_str(), None),
    };
    let doc_span = At {
        span: text.span.clone(),
        value: doc_id.to_string(),
    };
    let headings = reference(cx, &doc_span, lookup, IdKind::Document)?;
    if let Some(anchor) = anchor
        && !headings.iter().any(|h| h.anchor == anchor)
    {
        let anchor_offset = text.start() + 1 + doc_id.len() + 1;
        cx.error(
            anchor_offset,
            format!("document \"{doc_id}\" has no heading with anchor \"{anchor}\""),
        );
        match did_you_mean(anchor, headings.iter().map(|h| h.anchor.as_str())) {
            Some(close) => cx.hint(format!("did you mean \"{doc_id}#{close}\"?")),
            None => cx.hint(format!("its anchors are: {}", anchor_list(headings))),
        }
        return None;
    }
    Some(DocRef {
        document: doc_id.to_string(),
        anchor: anchor.map(str::to_string),
    })
}
