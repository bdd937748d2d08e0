//! What a render job read of the model, recorded as it reads: the dependencies of incremental
//! rebuilds. A job sees the site only through [`SiteReads`], whose every accessor notes what
//! it handed out (an item, a whole collection, an entry of the cross-reference index, the
//! reporting moments, or the whole site); [`SiteDiff`] then says whether anything a job read
//! differs between two versions of the model. Nothing is listed by hand beside the code that
//! reads, so a new page cannot forget a dependency (Zola's and Hugo's stale pages came from
//! hand-kept rules; salsa records each query's reads the same way).
//!
//! Owns the vocabulary of reads and the comparison; it renders nothing and decides nothing
//! about which jobs exist (`jobs`) or what to do with dirty ones (`project`, `serve`).

use crate::history::{self, Moment};
use crate::model::*;
use crate::paths::Output;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

/// One thing a job read of the model.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Read {
    /// The site's settings (`site.toml`).
    Config,
    /// The dashboard's introduction.
    Home,
    Recommendation(String),
    Document(String),
    Topic(String),
    Indicator(String),
    /// Every recommendation: which there are, and each one whole.
    Recommendations,
    Documents,
    Topics,
    Indicators,
    /// The files pages link to, and their bytes.
    Attachments,
    /// Which recommendations cite a document (by section).
    Citations(String),
    /// Which recommendations are in a topic.
    TopicRecommendations(String),
    /// Which recommendations use an indicator.
    IndicatorUsers(String),
    /// Which recommendations have a document as their source.
    DocumentSources(String),
    /// The parts of a recommendation.
    Parts(String),
    /// The links to anchors on a page that only its rendering can confirm.
    PendingAnchors(Output),
    /// The reporting moments (dates and documents of the progress reports).
    Moments,
    /// Anything at all (what gathers from the whole site: open data, the feed, search).
    Everything,
}

/// What a job read.
pub type ReadSet = BTreeSet<Read>;

/// Where the reads of one job are noted; `None` when nobody will ask (a build), so reading
/// costs nothing then. Shared by the threads of a job that works in parallel.
#[derive(Debug, Default)]
pub struct Recorder(Option<Mutex<ReadSet>>);

impl Recorder {
    /// A recorder that keeps what it is told.
    pub fn keeping() -> Recorder {
        Recorder(Some(Mutex::new(ReadSet::new())))
    }

    /// A recorder that keeps nothing.
    pub fn off() -> Recorder {
        Recorder(None)
    }

    pub fn note(&self, read: Read) {
        if let Some(reads) = &self.0
            && let Ok(mut reads) = reads.lock()
        {
            reads.insert(read);
        }
    }

    fn note_with(&self, read: impl FnOnce() -> Read) {
        if self.0.is_some() {
            self.note(read());
        }
    }

    /// What was noted (nothing when off).
    pub fn into_reads(self) -> ReadSet {
        self.0
            .and_then(|reads| reads.into_inner().ok())
            .unwrap_or_default()
    }
}

/// The model as a render job sees it: every accessor notes what it hands out.
#[derive(Clone, Copy)]
pub struct SiteReads<'a> {
    site: &'a Site,
    recorder: &'a Recorder,
}

impl<'a> SiteReads<'a> {
    pub fn new(site: &'a Site, recorder: &'a Recorder) -> SiteReads<'a> {
        SiteReads { site, recorder }
    }

    /// The whole site, for what gathers from all of it (history, review, open data):
    /// depends on everything.
    pub fn whole(&self) -> &'a Site {
        self.recorder.note(Read::Everything);
        self.site
    }

    pub fn config(&self) -> &'a SiteConfig {
        self.recorder.note(Read::Config);
        &self.site.config
    }

    pub fn home(&self) -> &'a Home {
        self.recorder.note(Read::Home);
        &self.site.home
    }

    /// The recommendation `id`; validation guarantees every id the model refers to exists,
    /// so a missing one is a bug.
    pub fn recommendation(&self, id: &str) -> &'a Arc<Recommendation> {
        self.recorder
            .note_with(|| Read::Recommendation(id.to_string()));
        &self.site.recommendations[id]
    }

    pub fn document(&self, id: &str) -> &'a Arc<Document> {
        self.recorder.note_with(|| Read::Document(id.to_string()));
        &self.site.documents[id]
    }

    pub fn topic(&self, id: &str) -> &'a Arc<Topic> {
        self.recorder.note_with(|| Read::Topic(id.to_string()));
        &self.site.topics[id]
    }

    pub fn indicator(&self, id: &str) -> &'a Arc<Indicator> {
        self.recorder.note_with(|| Read::Indicator(id.to_string()));
        &self.site.indicators[id]
    }

    /// The recommendation `id`, if the site has it.
    pub fn find_recommendation(&self, id: &str) -> Option<&'a Arc<Recommendation>> {
        self.recorder
            .note_with(|| Read::Recommendation(id.to_string()));
        self.site.recommendations.get(id)
    }

    /// The document `id`, if the site has it.
    pub fn find_document(&self, id: &str) -> Option<&'a Arc<Document>> {
        self.recorder.note_with(|| Read::Document(id.to_string()));
        self.site.documents.get(id)
    }

    pub fn recommendations(&self) -> &'a BTreeMap<String, Arc<Recommendation>> {
        self.recorder.note(Read::Recommendations);
        &self.site.recommendations
    }

    pub fn documents(&self) -> &'a BTreeMap<String, Arc<Document>> {
        self.recorder.note(Read::Documents);
        &self.site.documents
    }

    pub fn topics(&self) -> &'a BTreeMap<String, Arc<Topic>> {
        self.recorder.note(Read::Topics);
        &self.site.topics
    }

    pub fn indicators(&self) -> &'a BTreeMap<String, Arc<Indicator>> {
        self.recorder.note(Read::Indicators);
        &self.site.indicators
    }

    pub fn attachments(&self) -> &'a BTreeMap<String, Arc<[u8]>> {
        self.recorder.note(Read::Attachments);
        &self.site.attachments
    }

    /// The recommendations citing document `id`, by section ("" for the whole document).
    pub fn citations(&self, id: &str) -> Option<&'a BTreeMap<String, Vec<String>>> {
        self.recorder.note_with(|| Read::Citations(id.to_string()));
        self.site.index.citations.get(id)
    }

    /// The recommendations in topic `id`, in id order.
    pub fn topic_recommendations(&self, id: &str) -> &'a [String] {
        self.recorder
            .note_with(|| Read::TopicRecommendations(id.to_string()));
        self.site
            .index
            .topic_recommendations
            .get(id)
            .map_or(&[], Vec::as_slice)
    }

    /// The recommendations that use indicator `id`, in id order.
    pub fn indicator_users(&self, id: &str) -> &'a [String] {
        self.recorder
            .note_with(|| Read::IndicatorUsers(id.to_string()));
        self.site
            .index
            .indicator_users
            .get(id)
            .map_or(&[], Vec::as_slice)
    }

    /// The recommendations whose source is document `id`.
    pub fn document_sources(&self, id: &str) -> &'a [String] {
        self.recorder
            .note_with(|| Read::DocumentSources(id.to_string()));
        self.site
            .index
            .document_sources
            .get(id)
            .map_or(&[], Vec::as_slice)
    }

    /// The parts of recommendation `id`, in natural order.
    pub fn parts(&self, id: &str) -> &'a [String] {
        self.recorder.note_with(|| Read::Parts(id.to_string()));
        self.site.index.parts.get(id).map_or(&[], Vec::as_slice)
    }

    /// The links to anchors on `page` that its rendering must confirm.
    pub fn pending_anchors(&self, page: &Output) -> Option<&'a Vec<PendingAnchor>> {
        self.recorder
            .note_with(|| Read::PendingAnchors(page.clone()));
        self.site.pending_anchors.get(page)
    }

    /// Notes that the reporting moments were read (they are computed once per render).
    pub fn note_moments(&self) {
        self.recorder.note(Read::Moments);
    }
}

/// What differs between two versions of the model, asked read by read. Each comparison is
/// made once (items by pointer first: an unchanged item is the same `Arc` in both).
pub struct SiteDiff<'s> {
    old: &'s Site,
    new: &'s Site,
    recommendations: OnceCell<bool>,
    documents: OnceCell<bool>,
    topics: OnceCell<bool>,
    indicators: OnceCell<bool>,
    moments: OnceCell<bool>,
    anything: OnceCell<bool>,
}

impl<'s> SiteDiff<'s> {
    pub fn new(old: &'s Site, new: &'s Site) -> SiteDiff<'s> {
        SiteDiff {
            old,
            new,
            recommendations: OnceCell::new(),
            documents: OnceCell::new(),
            topics: OnceCell::new(),
            indicators: OnceCell::new(),
            moments: OnceCell::new(),
            anything: OnceCell::new(),
        }
    }

    /// Whether anything in `reads` differs.
    pub fn affects(&self, reads: &ReadSet) -> bool {
        reads.iter().any(|read| self.changed(read))
    }

    /// Whether what `read` handed out differs.
    pub fn changed(&self, read: &Read) -> bool {
        let (old, new) = (self.old, self.new);
        match read {
            Read::Config => old.config != new.config,
            Read::Home => old.home != new.home,
            Read::Recommendation(id) => {
                item_changed(&old.recommendations, &new.recommendations, id)
            }
            Read::Document(id) => item_changed(&old.documents, &new.documents, id),
            Read::Topic(id) => item_changed(&old.topics, &new.topics, id),
            Read::Indicator(id) => item_changed(&old.indicators, &new.indicators, id),
            Read::Recommendations => *self
                .recommendations
                .get_or_init(|| map_changed(&old.recommendations, &new.recommendations)),
            Read::Documents => *self
                .documents
                .get_or_init(|| map_changed(&old.documents, &new.documents)),
            Read::Topics => *self
                .topics
                .get_or_init(|| map_changed(&old.topics, &new.topics)),
            Read::Indicators => *self
                .indicators
                .get_or_init(|| map_changed(&old.indicators, &new.indicators)),
            Read::Attachments => old.attachments != new.attachments,
            Read::Citations(id) => old.index.citations.get(id) != new.index.citations.get(id),
            Read::TopicRecommendations(id) => {
                old.index.topic_recommendations.get(id) != new.index.topic_recommendations.get(id)
            }
            Read::IndicatorUsers(id) => {
                old.index.indicator_users.get(id) != new.index.indicator_users.get(id)
            }
            Read::DocumentSources(id) => {
                old.index.document_sources.get(id) != new.index.document_sources.get(id)
            }
            Read::Parts(id) => old.index.parts.get(id) != new.index.parts.get(id),
            Read::PendingAnchors(page) => {
                old.pending_anchors.get(page) != new.pending_anchors.get(page)
            }
            Read::Moments => *self
                .moments
                .get_or_init(|| moments_changed(&history::moments(old), &history::moments(new))),
            Read::Everything => *self.anything.get_or_init(|| self.anything_changed()),
        }
    }

    fn anything_changed(&self) -> bool {
        let (old, new) = (self.old, self.new);
        [
            Read::Config,
            Read::Home,
            Read::Recommendations,
            Read::Documents,
            Read::Topics,
            Read::Indicators,
            Read::Attachments,
        ]
        .iter()
        .any(|read| self.changed(read))
            || old.index != new.index
            || old.pending_anchors != new.pending_anchors
    }
}

fn item_changed<T: PartialEq>(
    old: &BTreeMap<String, Arc<T>>,
    new: &BTreeMap<String, Arc<T>>,
    id: &str,
) -> bool {
    match (old.get(id), new.get(id)) {
        (Some(a), Some(b)) => !Arc::ptr_eq(a, b) && **a != **b,
        (None, None) => false,
        _ => true,
    }
}

fn map_changed<T: PartialEq>(
    old: &BTreeMap<String, Arc<T>>,
    new: &BTreeMap<String, Arc<T>>,
) -> bool {
    old.len() != new.len()
        || old
            .iter()
            .zip(new)
            .any(|((ka, a), (kb, b))| ka != kb || (!Arc::ptr_eq(a, b) && **a != **b))
}

fn moments_changed(old: &[Moment], new: &[Moment]) -> bool {
    old != new
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recorder_that_is_off_keeps_nothing_and_one_that_keeps_keeps_each_read_once() {
        let off = Recorder::off();
        off.note(Read::Config);
        assert!(off.into_reads().is_empty());
        let keeping = Recorder::keeping();
        keeping.note(Read::Config);
        keeping.note(Read::Topic("zorg".into()));
        keeping.note(Read::Config);
        assert_eq!(
            keeping.into_reads(),
            ReadSet::from([Read::Config, Read::Topic("zorg".into())])
        );
    }
}
