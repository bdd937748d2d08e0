//! What the second step of validation looks things up in: the ids of the site as the first
//! step left them (documents, topics, indicators, recommendations, with the headings of each
//! text and the files that define each id), and the pages and files links can point at.
//!
//! Every lookup records the files it consulted ([`Lookup`]), so a file's resolution is redone
//! exactly when one of them changes: dependencies are recorded by the code that reads, never
//! listed beside it by hand. A lookup that finds nothing records the whole kind (any file of
//! it may come to define the id, and "did you mean" suggestions read every id of the kind).
//! It owns no rule about what a reference may be; `recommendation` and `links` decide that.

use crate::model::Heading;
use crate::paths::Output;
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// What an id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IdKind {
    Document,
    Topic,
    Indicator,
    Recommendation,
}

impl IdKind {
    /// The word for it in messages.
    pub fn noun(self) -> &'static str {
        match self {
            IdKind::Document => "document",
            IdKind::Topic => "topic",
            IdKind::Indicator => "indicator",
            IdKind::Recommendation => "recommendation",
        }
    }

    /// The folder (relative to the site root, with a trailing `/`) of the files that define
    /// ids of this kind: what a lookup that found nothing depends on.
    fn folder(self) -> &'static str {
        match self {
            IdKind::Document => "content/documents/",
            IdKind::Topic => "content/topics/",
            IdKind::Indicator => "data/indicators/",
            IdKind::Recommendation => "content/recommendations/",
        }
    }
}

/// One id that exists and is valid.
pub(crate) struct Entry<'a> {
    /// The headings of its text (none for indicators and recommendations: nothing links to a
    /// section of those by reference).
    pub headings: &'a [Heading],
    /// The files (relative to the site root) that make it what it is: an indicator's data
    /// file and its figures file, a page's Markdown file.
    pub files: Vec<&'a str>,
}

/// The ids of one kind.
#[derive(Default)]
pub(crate) struct Ids<'a> {
    pub valid: BTreeMap<&'a str, Entry<'a>>,
    /// Ids whose files have errors of their own, with those files: a reference to one is not
    /// reported again (the cause is already in the report).
    pub broken: BTreeMap<&'a str, Vec<&'a str>>,
}

/// What is known of the site after the first step: every id, and what links can point at.
/// Shared by the resolutions of every file (in parallel); each reads it through a [`Lookup`].
#[derive(Default)]
pub(crate) struct Known<'a> {
    pub documents: Ids<'a>,
    pub topics: Ids<'a>,
    pub indicators: Ids<'a>,
    pub recommendations: Ids<'a>,
    /// Markdown pages by their path under content/ ("recommendations/R2.md"), with the
    /// headings of their text; the page that shows each is [`page_of`] its path.
    pub pages: BTreeMap<&'a str, &'a [Heading]>,
    /// Files under content/ that are not pages, by their path under content/.
    pub files: BTreeSet<&'a str>,
    /// Markdown files (by their path under content/) that could not be read: a link to one
    /// is not reported again, the cause is already in the report.
    pub unread: BTreeSet<&'a str>,
    /// The `part_of` of each valid recommendation that has one, as written: for cycles.
    pub parents: BTreeMap<&'a str, &'a str>,
}

impl<'a> Known<'a> {
    pub fn ids(&self, kind: IdKind) -> &Ids<'a> {
        match kind {
            IdKind::Document => &self.documents,
            IdKind::Topic => &self.topics,
            IdKind::Indicator => &self.indicators,
            IdKind::Recommendation => &self.recommendations,
        }
    }

    /// A view that records what it is asked.
    pub fn lookup(&self) -> Lookup<'_, 'a> {
        Lookup {
            known: self,
            consulted: Some(RefCell::new(BTreeSet::new())),
        }
    }

    /// A view that records nothing: for a site validated to be rendered once, whose
    /// resolutions are never redone.
    pub fn lookup_unrecorded(&self) -> Lookup<'_, 'a> {
        Lookup {
            known: self,
            consulted: None,
        }
    }
}

/// What a lookup of an id found.
pub(crate) enum Found<'k> {
    /// The id exists: the headings of its text.
    Valid(&'k [Heading]),
    /// The id exists, but its file has errors of its own.
    Broken,
    /// No file defines the id.
    Unknown,
}

/// [`Known`], read by the resolution of one file: every answer records the files it
/// depended on.
pub(crate) struct Lookup<'k, 'a> {
    known: &'k Known<'a>,
    consulted: Option<RefCell<BTreeSet<String>>>,
}

impl<'k, 'a> Lookup<'k, 'a> {
    /// The id `id` of `kind`.
    pub fn id(&self, kind: IdKind, id: &str) -> Found<'k> {
        let ids = self.known.ids(kind);
        if let Some(entry) = ids.valid.get(id) {
            self.record_all(&entry.files);
            return Found::Valid(entry.headings);
        }
        if let Some(files) = ids.broken.get(id) {
            self.record_all(files);
            return Found::Broken;
        }
        self.record(kind.folder());
        Found::Unknown
    }

    /// Every valid id of `kind` (for "did you mean"): depends on every file of the kind.
    pub fn all_ids(&self, kind: IdKind) -> impl Iterator<Item = &'k str> + use<'k, 'a> {
        self.record(kind.folder());
        self.known.ids(kind).valid.keys().copied()
    }

    /// What recommendation `id` is a part of, as its file says: depends on that file (and on
    /// every recommendation file when there is no such recommendation).
    pub fn parent_of(&self, id: &str) -> Option<&'k str> {
        match self.known.recommendations.valid.get(id) {
            Some(entry) => self.record_all(&entry.files),
            None => self.record(IdKind::Recommendation.folder()),
        }
        self.known.parents.get(id).copied()
    }

    /// Whether any id of `kind` exists.
    pub fn has_any(&self, kind: IdKind) -> bool {
        self.all_ids(kind).next().is_some()
    }

    /// The Markdown page at `in_content` (its path under content/): the page that shows it and
    /// its headings.
    pub fn page(&self, in_content: &str) -> Option<(Output, &'k [Heading])> {
        self.record(&format!("content/{in_content}"));
        let headings = *self.known.pages.get(in_content)?;
        Some((page_of(in_content), headings))
    }

    /// The Markdown page whose text `output` shows, if it shows one: its path under content/
    /// and headings.
    pub fn page_showing(&self, output: &Output) -> Option<(&'k str, &'k [Heading])> {
        let path = text_of(output)?;
        self.record(&format!("content/{path}"));
        self.known
            .pages
            .get_key_value(path.as_str())
            .map(|(path, headings)| (*path, *headings))
    }

    /// Whether the Markdown file at `in_content` could not be read.
    pub fn is_unread(&self, in_content: &str) -> bool {
        self.record(&format!("content/{in_content}"));
        self.known.unread.contains(in_content)
    }

    /// Whether a file (not a page) is at `in_content`.
    pub fn is_file(&self, in_content: &str) -> bool {
        self.record(&format!("content/{in_content}"));
        self.known.files.contains(in_content)
    }

    /// Every Markdown page's path under content/ (for suggestions): depends on all of them.
    pub fn all_pages(&self) -> impl Iterator<Item = (&'k str, Output)> + use<'k, 'a> {
        self.record("content/");
        self.known.pages.keys().map(|path| (*path, page_of(path)))
    }

    /// Every file's path under content/ (for suggestions): depends on all of them.
    pub fn all_files(&self) -> impl Iterator<Item = &'k str> + use<'k, 'a> {
        self.record("content/");
        self.known.files.iter().copied()
    }

    /// The files (and, ending in `/`, folders) consulted so far.
    pub fn into_consulted(self) -> BTreeSet<String> {
        self.consulted.map(RefCell::into_inner).unwrap_or_default()
    }

    fn record(&self, path: &str) {
        if let Some(consulted) = &self.consulted {
            let mut consulted = consulted.borrow_mut();
            if !consulted.contains(path) {
                consulted.insert(path.to_string());
            }
        }
    }

    fn record_all(&self, paths: &[&str]) {
        for path in paths {
            self.record(path);
        }
    }
}

/// The page that shows the text of the Markdown file at `in_content` (its path under
/// content/): the dashboard for `index.md`, else the page of the item of its folder, named by
/// its file name (validation keeps every id equal to its file's name).
pub(crate) fn page_of(in_content: &str) -> Output {
    let stem = crate::source::stem_of(in_content).to_string();
    match in_content.split_once('/').map(|(folder, _)| folder) {
        None => Output::Dashboard,
        Some("documents") => Output::Document(stem),
        Some("topics") => Output::Topic(stem, 1),
        Some(_) => Output::Recommendation(stem),
    }
}

/// The Markdown file (its path under content/) whose text `output` shows, when it shows one:
/// the inverse of [`page_of`].
fn text_of(output: &Output) -> Option<String> {
    match output {
        Output::Dashboard => Some("index.md".to_string()),
        Output::Document(id) => Some(format!("documents/{id}.md")),
        Output::Topic(id, 1) => Some(format!("topics/{id}.md")),
        Output::Recommendation(id) => Some(format!("recommendations/{id}.md")),
        _ => None,
    }
}

/// Whether a result that consulted `consulted` may differ after `changed` files changed: a
/// consulted file changed, or a file in a consulted folder.
pub(crate) fn affected(consulted: &BTreeSet<String>, changed: &BTreeSet<String>) -> bool {
    consulted.iter().any(|c| {
        if c.ends_with('/') {
            changed
                .range(c.clone()..)
                .next()
                .is_some_and(|p| p.starts_with(c.as_str()))
        } else {
            changed.contains(c)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known() -> Known<'static> {
        let mut known = Known::default();
        known.indicators.valid.insert(
            "amv",
            Entry {
                headings: &[],
                files: vec!["data/indicators/amv.json", "data/indicators/amv.csv"],
            },
        );
        known
            .documents
            .broken
            .insert("brief", vec!["content/documents/brief.md"]);
        known
    }

    #[test]
    fn a_found_indicator_depends_on_its_data_file_and_its_figures() {
        let known = known();
        let lookup = known.lookup();
        assert!(matches!(
            lookup.id(IdKind::Indicator, "amv"),
            Found::Valid(_)
        ));
        let consulted = lookup.into_consulted();
        let changed = |p: &str| BTreeSet::from([p.to_string()]);
        assert!(affected(&consulted, &changed("data/indicators/amv.csv")));
        assert!(affected(&consulted, &changed("data/indicators/amv.json")));
        assert!(!affected(
            &consulted,
            &changed("data/indicators/other.json")
        ));
    }

    #[test]
    fn a_broken_id_depends_on_its_file_and_an_unknown_one_on_its_whole_kind() {
        let known = known();
        let lookup = known.lookup();
        assert!(matches!(
            lookup.id(IdKind::Document, "brief"),
            Found::Broken
        ));
        assert!(matches!(lookup.id(IdKind::Topic, "zorg"), Found::Unknown));
        let consulted = lookup.into_consulted();
        let changed = |p: &str| BTreeSet::from([p.to_string()]);
        assert!(affected(&consulted, &changed("content/documents/brief.md")));
        assert!(affected(&consulted, &changed("content/topics/new.md")));
        assert!(!affected(
            &consulted,
            &changed("content/documents/other.md")
        ));
    }
}
