//! Which pages a change to the model affects: the dependency rules of incremental rebuilds.
//!
//! [`dirty_jobs`] compares the model before and after a change, item by item (items that did
//! not change are the same `Arc`, so the comparison is cheap), and names every job whose
//! output can differ. Relations are taken from both models, so a recommendation that leaves a
//! topic makes the old topic's page dirty too. The rules are tested against full builds by
//! random edits (tests/it/incremental.rs): a rule that misses a dependency fails there.

use super::Job;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What must be rendered again after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Dirty {
    /// Everything (the settings changed).
    All,
    /// These jobs (possibly none).
    Jobs(BTreeSet<Job>),
}

/// The jobs whose output differs between `old` and `new`, and the indicators whose drawings
/// changed (to forget from a chart cache).
pub fn dirty_jobs(old: &Site, new: &Site) -> (Dirty, BTreeSet<String>) {
    let mut indicators_changed = BTreeSet::new();
    if old.config != new.config {
        indicators_changed.extend(old.indicators.keys().cloned());
        return (Dirty::All, indicators_changed);
    }
    let mut jobs = BTreeSet::new();
    if old.home != new.home {
        jobs.insert(Job::Dashboard);
    }
    let both = [old, new];

    for id in changed(&old.recommendations, &new.recommendations) {
        jobs.extend([
            Job::Recommendation(id.clone()),
            Job::Dashboard,
            Job::RecommendationList,
            Job::TopicList,
        ]);
        for site in both {
            let Some(rec) = site.recommendations.get(id) else {
                continue;
            };
            jobs.extend(rec.topics.iter().cloned().map(Job::Topic));
            jobs.extend(rec.indicators.iter().cloned().map(Job::Indicator));
            jobs.extend(cited_documents(rec).map(Job::Document));
        }
    }
    for id in changed(&old.documents, &new.documents) {
        jobs.extend([Job::Document(id.clone()), Job::DocumentList]);
        for site in both {
            let citing = site
                .index
                .citations
                .get(id)
                .into_iter()
                .flat_map(|a| a.values());
            let sourced = site.index.document_sources.get(id).into_iter();
            for recs in citing.chain(sourced) {
                jobs.extend(recs.iter().cloned().map(Job::Recommendation));
            }
        }
    }
    for id in changed(&old.topics, &new.topics) {
        jobs.extend([Job::Topic(id.clone()), Job::TopicList]);
        for site in both {
            let recs = site
                .index
                .topic_recommendations
                .get(id)
                .into_iter()
                .flatten();
            jobs.extend(recs.cloned().map(Job::Recommendation));
        }
    }
    for id in changed(&old.indicators, &new.indicators) {
        indicators_changed.insert(id.clone());
        jobs.extend([
            Job::Indicator(id.clone()),
            Job::IndicatorList,
            Job::Dashboard,
        ]);
        for site in both {
            let recs = site.index.indicator_users.get(id).into_iter().flatten();
            jobs.extend(recs.cloned().map(Job::Recommendation));
        }
    }
    for path in changed(&old.attachments, &new.attachments) {
        jobs.insert(Job::Attachment(path.clone()));
    }
    // A link to an anchor is checked when its target page is rendered: a page whose pending
    // checks changed must be rendered again to check them.
    let pages: BTreeSet<&String> = old
        .pending_anchors
        .keys()
        .chain(new.pending_anchors.keys())
        .collect();
    for page in pages {
        if old.pending_anchors.get(page) != new.pending_anchors.get(page)
            && let Some(job) = Job::for_path(new, page)
        {
            jobs.insert(job);
        }
    }
    // Jobs of items that are gone make nothing; leave them to the caller's clean-up.
    jobs.retain(|job| job.exists(new));
    (Dirty::Jobs(jobs), indicators_changed)
}

/// The keys whose values differ between two maps (added, removed or changed).
fn changed<'m, T: PartialEq + ?Sized>(
    old: &'m BTreeMap<String, Arc<T>>,
    new: &'m BTreeMap<String, Arc<T>>,
) -> BTreeSet<&'m String> {
    let mut keys = BTreeSet::new();
    for (id, item) in new {
        match old.get(id) {
            Some(before) if Arc::ptr_eq(before, item) || **before == **item => {}
            _ => {
                keys.insert(id);
            }
        }
    }
    keys.extend(old.keys().filter(|id| !new.contains_key(*id)));
    keys
}

/// The documents a recommendation's page links to: its source and every document it cites.
fn cited_documents(rec: &Recommendation) -> impl Iterator<Item = String> + '_ {
    std::iter::once(&rec.source)
        .chain(rec.response_ref.as_ref().map(|r| &r.document))
        .chain(
            rec.commitments
                .iter()
                .filter_map(|c| c.reference.as_ref())
                .map(|r| &r.document),
        )
        .chain(
            rec.status
                .iter()
                .filter_map(|s| s.reference.as_ref())
                .map(|r| &r.document),
        )
        .cloned()
}
