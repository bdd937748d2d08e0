//! Which pages a change to the model affects: the dependency rules of incremental rebuilds.
//!
//! [`dirty_jobs`] compares the model before and after a change, item by item (items that did
//! not change are the same `Arc`, so the comparison is cheap), and names every job whose
//! output can differ. Relations are taken from both models, so a recommendation that leaves a
//! topic makes the old topic's page dirty too. The rules are tested against full builds by
//! random edits (tests/it/incremental.rs): a rule that misses a dependency fails there.

use super::jobs::Job;
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

/// The jobs whose output differs between `old` and `new`.
pub fn dirty_jobs(old: &Site, new: &Site) -> Dirty {
    if old.config != new.config {
        return Dirty::All;
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
            Job::CommitmentList,
        ]);
        for site in both {
            let Some(rec) = site.recommendations.get(id) else {
                continue;
            };
            jobs.extend(rec.topics.iter().cloned().map(Job::Topic));
            // The parent lists its parts' answers and states; a part names its parent.
            jobs.extend(rec.part_of.iter().cloned().map(Job::Recommendation));
            jobs.extend(
                site.index
                    .parts
                    .get(id)
                    .into_iter()
                    .flatten()
                    .cloned()
                    .map(Job::Recommendation),
            );
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
    // History: a progress document's page reports the state of every recommendation and
    // indicator at its date; every recommendation page and the dashboard list the reporting
    // moments (dates and titles of progress documents) and count changes from them.
    let recs_or_indicators_changed = !changed(&old.recommendations, &new.recommendations)
        .is_empty()
        || !changed(&old.indicators, &new.indicators).is_empty();
    let moments_changed = moment_signature(old) != moment_signature(new);
    if recs_or_indicators_changed || moments_changed {
        for site in both {
            jobs.extend(progress_documents(site).map(Job::Document));
        }
        jobs.insert(Job::ChangeList);
    }
    if moments_changed {
        jobs.insert(Job::Dashboard);
        jobs.extend(new.recommendations.keys().cloned().map(Job::Recommendation));
    }
    for path in changed(&old.attachments, &new.attachments) {
        jobs.insert(Job::Attachment(path.clone()));
    }
    // A link to an anchor is checked when its target page is rendered: a page whose pending
    // checks changed must be rendered again to check them.
    let pages: BTreeSet<&crate::paths::Output> = old
        .pending_anchors
        .keys()
        .chain(new.pending_anchors.keys())
        .collect();
    for page in pages {
        if old.pending_anchors.get(page) != new.pending_anchors.get(page)
            && let Some(job) = Job::of_output(new, page)
        {
            jobs.insert(job);
        }
    }
    // Open data, the feed and the sitemap gather from the whole site: any change may change
    // them.
    if !jobs.is_empty() {
        jobs.extend(super::whole_site_jobs());
    }
    // Jobs of items that are gone make nothing; leave them to the caller's clean-up.
    jobs.retain(|job| job.exists(new));
    Dirty::Jobs(jobs)
}

/// The ids of a site's progress documents.
fn progress_documents(site: &Site) -> impl Iterator<Item = String> + '_ {
    site.documents
        .values()
        .filter(|d| d.kind == DocumentKind::Progress)
        .map(|d| d.id.clone())
}

/// What pages show of the reporting moments: each moment's date and its documents' ids and
/// titles.
fn moment_signature(site: &Site) -> Vec<(crate::date::Date, Vec<(String, String)>)> {
    crate::history::moments(site)
        .into_iter()
        .map(|m| {
            let documents = m
                .documents
                .iter()
                .map(|id| (id.clone(), site.documents[id].title.clone()))
                .collect();
            (m.date, documents)
        })
        .collect()
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
        .chain(rec.reply_ref.as_ref().map(|r| &r.document))
        .chain(rec.response_changes.iter().map(|c| &c.reference.document))
        .chain(
            rec.commitments
                .iter()
                .flat_map(|c| {
                    c.reference
                        .iter()
                        .chain(c.revisions.iter().filter_map(|r| r.reference.as_ref()))
                })
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
