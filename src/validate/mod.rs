//! Validate: the site's files into the typed [`Site`] model, or diagnostics.
//!
//! Owns every rule about meaning: ids are safe and unique, enum values are known, dates exist,
//! references resolve to documents, headings, topics and indicators, links in Markdown lead to
//! pages and files that exist, status histories are in order and not after `as_of`. It
//! collects all problems rather than stopping at the first. Pure: no IO.
//!
//! Two steps, so that a change re-checks only what depends on it ([`Validation::update`]):
//! 1. each file on its own (`config`, `pages`, `recommendation`, `indicator`): parsed and
//!    checked, kept per path until the file changes;
//! 2. what refers to other files (references of recommendations, links in Markdown), resolved
//!    per file and kept together with the paths it looked at; redone when one of those, or the
//!    set of files, changes.
//!
//! Then the model is assembled from both, with the cross-reference index.

mod checks;
mod config;
mod figures;
mod indicator;
mod links;
mod lookup;
mod pages;
mod recommendation;

pub use checks::Settings;

use crate::diag::Diagnostics;
use crate::load::{Input, Kind, Sources};
use crate::markdown::MdLink;
use crate::model::*;
use crate::paths::Output;
use crate::source::{SourceFile, stem_of};
use checks::Draft;
use checks::FileContext;
use lookup::{Entry, Ids, Known};
use pages::PageDraft;
use rayon::prelude::*;
use recommendation::RecommendationDraft;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// Validates a whole site at once. `None` when any error was found (all of them are in
/// `diags`, with the warnings).
pub fn validate(sources: Sources, diags: &mut Diagnostics) -> Option<Site> {
    let validation = Validation::new(sources);
    diags.extend(validation.diagnostics().clone());
    validation.site().map(|site| Site::clone(site))
}

/// Validates one indicator file on its own (for the fuzz checks and the download round trip).
pub fn indicator(file: &SourceFile, diags: &mut Diagnostics) -> Option<Indicator> {
    let checked = indicator::indicator(file, Settings::default());
    diags.extend(checked.diags);
    checked.indicator
}

/// Validates one document file on its own, without resolving its links.
pub fn document(file: &SourceFile, diags: &mut Diagnostics) -> Option<Document> {
    let (draft, found) = pages::document(file, Settings::default());
    diags.extend(found);
    draft.and_then(|d| d.value)
}

/// One file after the first step.
struct FileCheck {
    input: Input,
    diags: Diagnostics,
    item: Item,
    /// Rendering once, a Markdown page's text is let go after the first step (its input is
    /// `Unread` again): its body keeps its own Markdown, and the second step reads the file
    /// again where it must place a problem or a link. The front matter, read into the draft
    /// already, is not held twice (at 50,000 recommendations, a third of every text). This
    /// is a digest of the text the first step checked, so that a file changed in between is
    /// said to have changed rather than underlined in the wrong places.
    released: Option<u64>,
}

fn digest(text: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    // `DefaultHasher::new` has fixed keys: the same text gives the same digest in every run.
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

impl FileCheck {
    /// The text the first step checked: held, or read again (once mode) and the same.
    fn text(&self, path: &str) -> Result<std::borrow::Cow<'_, SourceFile>, Diagnostics> {
        match (&self.input, self.released) {
            (Input::Text(file), _) => Ok(std::borrow::Cow::Borrowed(file)),
            (Input::Unread(unread), Some(checked)) => {
                let mut diags = Diagnostics::default();
                match Input::Unread(unread.clone()).read(path) {
                    Input::Text(file) if digest(&file.text) == checked => {
                        Ok(std::borrow::Cow::Owned(file))
                    }
                    Input::Failed(found) => Err(found),
                    _ => {
                        diags.error_in_file(
                            path,
                            "the file changed while opvolg was reading the site",
                        );
                        diags.with_hint("run opvolg again once the file is saved");
                        Err(diags)
                    }
                }
            }
            _ => Err(Diagnostics::default()),
        }
    }
}

enum Item {
    /// A file with errors, or one that is not part of the site.
    Nothing,
    Config(Box<SiteConfig>),
    // Boxed: the map of every file's check holds one `Item` per file, most of them
    // indicators, so the large variants would make every entry large.
    Home(Box<PageDraft<Home>>),
    Document(Box<PageDraft<Document>>),
    Topic(Box<PageDraft<Topic>>),
    Recommendation(Box<Draft<RecommendationDraft>>),
    /// The indicator, and where its id is written.
    Indicator(Arc<Indicator>, usize),
    /// An indicator's figures from a CSV file.
    Figures(Arc<figures::Figures>),
    /// A Markdown page whose front matter could not be read: its text still has headings to
    /// link to and links to check, so one run reports those problems too.
    Unread(Kind, Box<Draft<()>>),
    /// A file under content/ that pages may link to.
    File(Arc<[u8]>),
}

/// An indicator whose figures are in its CSV file, joined: a series without a name takes the
/// indicator's title.
fn with_figures(ind: &Indicator, figures: &figures::Figures) -> Indicator {
    let mut joined = ind.clone();
    joined.series = figures
        .series
        .iter()
        .map(|s| Series {
            name: if s.name.is_empty() {
                ind.title.clone()
            } else {
                s.name.clone()
            },
            points: s.points.clone(),
        })
        .collect();
    joined.places.last_point = figures.last_point.clone();
    joined
}

/// Where a checked file's id is written, when it has an id field.
fn id_offset(item: &Item) -> Option<usize> {
    match item {
        Item::Recommendation(d) => Some(d.value.id_offset()),
        Item::Indicator(_, at) => Some(*at),
        _ => None,
    }
}

impl Item {
    /// Each body keeps only its own Markdown instead of the whole file's text (its front
    /// matter is in the draft already).
    fn keep_only_markdown(&mut self) {
        fn trim(body: &mut Body) {
            if body.start > 0 {
                body.text = Arc::from(body.markdown());
                body.start = 0;
            }
        }
        match self {
            Item::Home(d) => d.value.iter_mut().for_each(|v| trim(&mut v.body)),
            Item::Document(d) => d.value.iter_mut().for_each(|v| trim(&mut v.body)),
            Item::Topic(d) => d.value.iter_mut().for_each(|v| trim(&mut v.body)),
            Item::Recommendation(d) => d.value.body_mut().into_iter().for_each(trim),
            _ => {}
        }
    }

    /// The page that shows the text of a Markdown file with this stem.
    fn page(&self, stem: &str) -> Output {
        match self {
            Item::Home(_) | Item::Unread(Kind::Home, _) => Output::Dashboard,
            Item::Document(_) | Item::Unread(Kind::Document, _) => {
                Output::Document(stem.to_string())
            }
            Item::Topic(_) | Item::Unread(Kind::Topic, _) => Output::Topic(stem.to_string(), 1),
            _ => Output::Recommendation(stem.to_string()),
        }
    }

    /// The body's headings and links, and where the body starts, for Markdown pages.
    fn body(&self) -> Option<(usize, &[Heading], &[MdLink])> {
        fn parts<T>(d: &Draft<T>) -> Option<(usize, &[Heading], &[MdLink])> {
            Some((d.body_offset, &d.headings, &d.links))
        }
        match self {
            Item::Home(d) => parts(d),
            Item::Document(d) => parts(d),
            Item::Topic(d) => parts(d),
            Item::Recommendation(d) => parts(d),
            Item::Unread(_, d) => parts(d),
            _ => None,
        }
    }
}

/// One Markdown file after the second step.
#[derive(Default)]
struct Resolution {
    /// The files (and folders, ending in `/`) its lookups consulted: a change to one of them
    /// can change this result.
    consulted: BTreeSet<String>,
    diags: Diagnostics,
    item: Option<Resolved>,
    /// Files under content/ its text links to.
    files: BTreeSet<String>,
    /// Anchors to check on rendered pages: (page, anchor).
    pending: Vec<(Output, PendingAnchor)>,
}

enum Resolved {
    Home(Home),
    Document(Arc<Document>),
    Topic(Arc<Topic>),
    Recommendation(Arc<Recommendation>),
}

/// The validation of a whole site, kept between changes (by `serve`) so that a change is
/// re-checked only where it matters.
pub struct Validation {
    /// For one render (see [`Validation::new_once`]): no update will follow.
    once: bool,
    theme_folders: Vec<String>,
    checks: BTreeMap<String, FileCheck>,
    resolutions: BTreeMap<String, Arc<Resolution>>,
    site: Option<Arc<Site>>,
    diagnostics: Diagnostics,
}

impl Validation {
    /// Validates every file of `sources`.
    pub fn new(sources: Sources) -> Validation {
        Validation::with(sources, false)
    }

    /// Validates every file of `sources` for a build or check that renders once: what only
    /// updates need is used up or dropped along the way, so the peak of memory is about the
    /// site itself. No update may follow.
    pub fn new_once(sources: Sources) -> Validation {
        let mut validation = Validation::with(sources, true);
        validation.checks = BTreeMap::new();
        validation.resolutions = BTreeMap::new();
        validation
    }

    fn with(sources: Sources, once: bool) -> Validation {
        let mut validation = Validation {
            once,
            theme_folders: sources.theme_folders,
            checks: BTreeMap::new(),
            resolutions: BTreeMap::new(),
            site: None,
            diagnostics: Diagnostics::default(),
        };
        validation.check_files(sources.files.into_iter().collect());
        validation.assemble(&BTreeSet::new(), true);
        validation
    }

    /// Takes changed files (`None`: the file is gone) and the current theme folders, and
    /// re-checks what depends on them. The result is what [`Validation::new`] would give for
    /// the site as it now is (the tests compare the two).
    pub fn update(&mut self, changes: Vec<(String, Option<Input>)>, theme_folders: Vec<String>) {
        let paths_before: Vec<String> = self.checks.keys().cloned().collect();
        let config_changed =
            theme_folders != self.theme_folders || changes.iter().any(|(p, _)| p == "site.toml");
        self.theme_folders = theme_folders;
        let mut changed = BTreeSet::new();
        let mut inputs = Vec::new();
        for (path, input) in changes {
            changed.insert(path.clone());
            match input {
                Some(input) => inputs.push((path, input)),
                None => {
                    self.checks.remove(&path);
                    self.resolutions.remove(&path);
                }
            }
        }
        if config_changed {
            // The reporting date and the theme bound every file: check them all again.
            let mut all: BTreeMap<String, Input> = std::mem::take(&mut self.checks)
                .into_iter()
                .map(|(path, check)| (path, check.input))
                .collect();
            all.extend(inputs);
            self.check_files(all.into_iter().collect());
        } else {
            self.check_files(inputs);
        }
        let paths_changed =
            paths_before.len() != self.checks.len() || !paths_before.iter().eq(self.checks.keys());
        self.assemble(&changed, config_changed || paths_changed);
    }

    /// The paths of every file of the site, relative to its root.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.checks.keys().map(String::as_str)
    }

    /// The model, when the site has no errors.
    pub fn site(&self) -> Option<&Arc<Site>> {
        self.site.as_ref()
    }

    /// Every problem found, errors and warnings.
    pub fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    /// Step 1 for `files`: site.toml first (the others are checked against its `as_of`),
    /// the rest in parallel.
    fn check_files(&mut self, mut files: Vec<(String, Input)>) {
        if let Some(at) = files.iter().position(|(p, _)| p == "site.toml") {
            let (path, input) = files.remove(at);
            let check = check_file(&path, input, Settings::default(), &self.theme_folders);
            self.checks.insert(path, check);
        }
        let settings = Settings {
            as_of: self.config().map(|c| c.as_of),
            allow_html: self.config().is_some_and(|c| c.allow_html),
        };
        let folders = &self.theme_folders;
        let once = self.once;
        // Rendering once, an indicator's text is not needed after its check (its model holds
        // all it says), except to point at its id when another file claims the same one.
        let mut stems: BTreeMap<String, usize> = BTreeMap::new();
        if self.once {
            for (path, _) in &files {
                *stems.entry(stem_of(path).to_lowercase()).or_default() += 1;
            }
        }
        let checked: Vec<(String, FileCheck)> = files
            .into_par_iter()
            .map(|(path, input)| {
                let unread = match &input {
                    Input::Unread(unread) if once => Some(unread.clone()),
                    _ => None,
                };
                let mut check = check_file(&path, input, settings, folders);
                if let (Item::Indicator(..), Input::Text(file), Some(1)) = (
                    &check.item,
                    &mut check.input,
                    stems.get(&stem_of(&path).to_lowercase()),
                ) {
                    file.text = Arc::from("");
                }
                if let (Some(unread), Input::Text(file), Some(_)) =
                    (unread, &check.input, check.item.body())
                {
                    check.released = Some(digest(&file.text));
                    check.item.keep_only_markdown();
                    check.input = Input::Unread(unread);
                }
                (path, check)
            })
            .collect();
        self.checks.extend(checked);
    }

    fn config(&self) -> Option<&SiteConfig> {
        match self.checks.get("site.toml").map(|c| &c.item) {
            Some(Item::Config(config)) => Some(config),
            _ => None,
        }
    }

    /// Step 2 where needed, then the model. `changed`: paths checked again in step 1;
    /// `all`: resolve every file again (the set of files or the settings changed).
    fn assemble(&mut self, changed: &BTreeSet<String>, all: bool) {
        let mut global = Diagnostics::default();
        // Rendering once, each recommendation's draft is used up by its resolution instead of
        // copied: the drafts and the model are never both held whole.
        let mut taken: BTreeMap<String, RecommendationDraft> = BTreeMap::new();
        if self.once {
            for (path, check) in &mut self.checks {
                if let Item::Recommendation(d) = &mut check.item {
                    taken.insert(path.clone(), d.value.take());
                }
            }
        }
        let known = self.known(&mut global);
        let stale: Vec<&String> = self
            .checks
            .iter()
            .filter(|(_, check)| check.item.body().is_some())
            .map(|(path, _)| path)
            .filter(|path| {
                all || changed.contains(*path)
                    || self
                        .resolutions
                        .get(*path)
                        .is_none_or(|r| lookup::affected(&r.consulted, changed))
            })
            .collect();
        let stale: Vec<(&String, Option<RecommendationDraft>)> = stale
            .into_iter()
            .map(|path| (path, taken.remove(path)))
            .collect();
        let fresh: Vec<(String, Arc<Resolution>)> = stale
            .into_par_iter()
            .map(|(path, draft)| {
                let resolution = resolve(path, &self.checks[path], draft, &known, self.once);
                (path.clone(), Arc::new(resolution))
            })
            .collect();
        drop(known);
        self.resolutions.extend(fresh);
        let checks = &self.checks;
        self.resolutions
            .retain(|path, _| checks.get(path).is_some_and(|c| c.item.body().is_some()));

        let mut diagnostics = Diagnostics::default();
        if !self.checks.contains_key("site.toml") {
            diagnostics.error_in_file("site.toml", "site.toml is missing: every site needs one");
        }
        for check in self.checks.values() {
            diagnostics.extend(check.diags.clone());
        }
        for resolution in self.resolutions.values() {
            diagnostics.extend(resolution.diags.clone());
        }
        let linked: BTreeSet<&str> = self
            .resolutions
            .values()
            .flat_map(|r| r.files.iter().map(String::as_str))
            .collect();
        for (path, check) in &self.checks {
            if matches!(check.item, Item::File(_))
                && !linked.contains(path.strip_prefix("content/").unwrap_or(path))
            {
                global.warning_in_file(path, "no page links to this file, so it is not published");
                global.with_hint(
                    "link to it from a page ([text](file.pdf) or ![description](image.png)), or remove it",
                );
            }
        }
        diagnostics.extend(global);
        if diagnostics.has_errors() {
            // No page will render, so the check of anchors after rendering will not run: say
            // now what can be said without it, so one run shows every problem. A page's ids
            // are its headings' (checked already) and opvolg's own, which all begin with `_`;
            // an anchor that is neither is broken whatever the page renders.
            for resolution in self.resolutions.values() {
                for (output, link) in &resolution.pending {
                    if link.anchor.starts_with('_') {
                        continue;
                    }
                    diagnostics.error_span(
                        &link.file,
                        &link.text,
                        link.span.clone(),
                        format!(
                            "the link goes to #{} on {}, but that page has no heading with that id",
                            link.anchor,
                            output.path()
                        ),
                    );
                    diagnostics.with_hint("link to a heading's anchor (see the page's table of contents), or to the page without #");
                }
            }
        }
        self.site = if diagnostics.has_errors() {
            None
        } else {
            match self.model() {
                Ok(site) => Some(Arc::new(site)),
                Err((path, why)) => {
                    // A file without errors of its own that still yields nothing would be a
                    // silent hole in the site: say so instead.
                    diagnostics.error_in_file(
                        &path,
                        format!(
                            "internal error: {path} has no problems, but {why}; please report this"
                        ),
                    );
                    None
                }
            }
        };
        self.diagnostics = diagnostics;
    }

    /// What the site has as step 1 left it: ids and link targets. Duplicate ids are reported
    /// into `global`.
    fn known(&self, global: &mut Diagnostics) -> Known<'_> {
        let mut known = Known::default();
        // Ids are compared ignoring case, because they become file names: the first file in
        // path order keeps the id.
        let mut folded: BTreeMap<(u8, String), String> = BTreeMap::new();
        let mut claim = |kind: u8, id: &str, path: &str, at: usize, global: &mut Diagnostics| {
            let key = (kind, id.to_lowercase());
            if let Some(earlier) = folded.get(&key) {
                if let Some(Ok(file)) = self.checks.get(path).map(|c| c.text(path)) {
                    global.error_at(
                        path,
                        &file.text,
                        at,
                        format!("duplicate id \"{id}\": {earlier} already uses it"),
                    );
                    global.with_hint("ids are compared ignoring case, because they become file names and some file systems ignore case");
                }
                return false;
            }
            folded.insert(key, path.to_string());
            true
        };
        for (path, check) in &self.checks {
            let stem = stem_of(path);
            let in_content = path.strip_prefix("content/").unwrap_or(path);
            if let Some((_, headings, _)) = check.item.body() {
                debug_assert_eq!(check.item.page(stem), lookup::page_of(in_content));
                known.pages.insert(in_content, headings);
            }
            let kind = Kind::of(path);
            let page = matches!(
                kind,
                Some(Kind::Home | Kind::Document | Kind::Topic | Kind::Recommendation)
            );
            if page && check.item.body().is_none() {
                known.unread.insert(in_content);
            }
            let files = vec![path.as_str()];
            let (ids, valid, headings): (&mut Ids, bool, &[Heading]) = match (&check.item, kind) {
                (Item::Document(d), _) => (&mut known.documents, d.value.is_some(), &d.headings),
                (Item::Topic(d), _) => (&mut known.topics, d.value.is_some(), &d.headings),
                (Item::Indicator(..), _) => (&mut known.indicators, true, &[]),
                (Item::File(_), _) => {
                    known.files.insert(in_content);
                    continue;
                }
                (Item::Recommendation(d), _) => {
                    let id = d.value.id.as_str();
                    let at = id_offset(&check.item).unwrap_or(0);
                    if claim(3, id, path, at, global) {
                        let entry = Entry {
                            headings: &[],
                            files,
                        };
                        known.recommendations.valid.insert(id, entry);
                        known
                            .parents
                            .extend(d.value.parent().map(|parent| (id, parent)));
                    }
                    continue;
                }
                (Item::Nothing | Item::Unread(..), Some(Kind::Recommendation)) => {
                    known.recommendations.broken.insert(stem, files);
                    continue;
                }
                (Item::Nothing | Item::Unread(..), Some(Kind::Document)) => {
                    (&mut known.documents, false, &[])
                }
                (Item::Nothing | Item::Unread(..), Some(Kind::Topic)) => {
                    (&mut known.topics, false, &[])
                }
                (Item::Nothing, Some(Kind::Indicator)) => (&mut known.indicators, false, &[]),
                _ => continue,
            };
            let kind_key = match kind {
                Some(Kind::Document) => 0,
                Some(Kind::Topic) => 1,
                _ => 2,
            };
            // Point at the id field where the file has one (indicators), else at the file.
            let at = id_offset(&check.item).unwrap_or(0);
            if valid && claim(kind_key, stem, path, at, global) {
                ids.valid.insert(stem, Entry { headings, files });
            } else {
                ids.broken.insert(stem, files);
            }
        }
        self.join_figures(&mut known, global);
        known
    }

    /// Checks that every indicator has its figures in one place: in its data file, in
    /// `<id>.csv` beside it, or neither for a milestone; and that no figures file lies beside
    /// no data file. An indicator whose figures file has errors is broken (its errors say why).
    fn join_figures<'s>(&'s self, known: &mut Known<'s>, global: &mut Diagnostics) {
        for (path, check) in &self.checks {
            let text = match &check.input {
                Input::Text(file) => &file.text,
                _ => continue,
            };
            match (&check.item, Kind::of(path)) {
                (Item::Indicator(ind, _), _) => {
                    let id = stem_of(path);
                    let csv = format!("data/indicators/{id}.csv");
                    let found = self.checks.get_key_value(&csv);
                    let figures = found.map(|(_, c)| &c.item);
                    // What the indicator is depends on its figures file too (on its absence
                    // as well, but a new file is a change of the set of files, which redoes
                    // every result).
                    let csv_path = found.map(|(path, _)| path.as_str());
                    if let (Some(csv_path), Some(entry)) =
                        (csv_path, known.indicators.valid.get_mut(id))
                    {
                        entry.files.push(csv_path);
                    }
                    let in_file = !ind.series.is_empty() || ind.milestone.is_some();
                    match (in_file, figures) {
                        (true, Some(_)) => {
                            global.error_at(
                                &csv,
                                self.text_of(&csv),
                                0,
                                format!("{} has its figures in its data file already: the figures must be in one place", stem_of(path)),
                            );
                            global.with_hint(format!(
                                "remove `series` from {path}, or remove this file"
                            ));
                        }
                        (false, None) => {
                            global.error_at(path, text, 0, "an indicator needs its figures: `series` in this file, or a file data/indicators/<id>.csv beside it");
                            global.with_hint(format!(
                                "add {csv} with the columns date,value; or, for a target in words, a `milestone`"
                            ));
                        }
                        (false, Some(Item::Figures(_))) | (true, None) => continue,
                        (false, Some(_)) => {}
                    }
                    // Its own errors, or its figures': either way not a usable indicator.
                    let files = [Some(path.as_str()), csv_path]
                        .into_iter()
                        .flatten()
                        .collect();
                    known.indicators.valid.remove(id);
                    known.indicators.broken.insert(id, files);
                }
                (_, Some(Kind::IndicatorFigures)) => {
                    let json = format!("data/indicators/{}.json", stem_of(path));
                    if !self.checks.contains_key(&json) {
                        global.error_at(
                            path,
                            text,
                            0,
                            format!("figures without an indicator: there is no {json}"),
                        );
                        global.with_hint("the indicator's data file says what the figures are (title, unit, description, source, provenance); its name is the same");
                    }
                }
                _ => {}
            }
        }
    }

    /// The text of a checked file, or `""`.
    fn text_of(&self, path: &str) -> &str {
        match self.checks.get(path).map(|c| &c.input) {
            Some(Input::Text(file)) => &file.text,
            _ => "",
        }
    }

    /// The model from the results of both steps, when both found no errors; otherwise the
    /// file that yields nothing and why.
    fn model(&self) -> Result<Site, (String, &'static str)> {
        let config = self
            .config()
            .ok_or(("site.toml".to_string(), "its settings were not read"))?
            .clone();
        let mut site = Site {
            config,
            home: Home::default(),
            documents: BTreeMap::new(),
            topics: BTreeMap::new(),
            recommendations: BTreeMap::new(),
            indicators: BTreeMap::new(),
            index: CrossIndex::default(),
            attachments: BTreeMap::new(),
            pending_anchors: BTreeMap::new(),
        };
        for (path, check) in &self.checks {
            match &check.item {
                Item::Indicator(ind, _) => {
                    let csv = format!("data/indicators/{}.csv", stem_of(path));
                    let ind = match self.checks.get(&csv).map(|c| &c.item) {
                        Some(Item::Figures(figures)) if ind.series.is_empty() => {
                            Arc::new(with_figures(ind, figures))
                        }
                        _ => Arc::clone(ind),
                    };
                    site.indicators.insert(ind.id.clone(), ind);
                }
                Item::Figures(_) => {}
                Item::File(_) | Item::Nothing | Item::Config(_) => {}
                _ => {
                    let unresolved = || (path.clone(), "its references were not resolved");
                    let resolution = self.resolutions.get(path).ok_or_else(unresolved)?;
                    match resolution.item.as_ref().ok_or_else(unresolved)? {
                        Resolved::Home(home) => site.home = home.clone(),
                        Resolved::Document(doc) => {
                            site.documents.insert(doc.id.clone(), Arc::clone(doc));
                        }
                        Resolved::Topic(topic) => {
                            site.topics.insert(topic.id.clone(), Arc::clone(topic));
                        }
                        Resolved::Recommendation(rec) => {
                            site.recommendations.insert(rec.id.clone(), Arc::clone(rec));
                        }
                    }
                    for file in &resolution.files {
                        let path = format!("content/{file}");
                        if let Some(Item::File(bytes)) = self.checks.get(&path).map(|c| &c.item) {
                            site.attachments.insert(file.clone(), Arc::clone(bytes));
                        }
                    }
                    for (page, pending) in &resolution.pending {
                        site.pending_anchors
                            .entry(page.clone())
                            .or_default()
                            .push(pending.clone());
                    }
                }
            }
        }
        site.index = cross_index(&site.documents, &site.recommendations);
        Ok(site)
    }
}

/// Step 1 for one file.
fn check_file(path: &str, input: Input, settings: Settings, theme_folders: &[String]) -> FileCheck {
    let input = input.read(path);
    let mut diags = Diagnostics::default();
    let item = match (&input, Kind::of(path)) {
        (Input::Failed(found), _) => {
            diags.extend(found.clone());
            Item::Nothing
        }
        (Input::Stray, _) => {
            diags.warning_in_file(path, "this file is not part of the site and is ignored");
            diags.with_hint(
                "content/ holds index.md, documents/*.md, topics/*.md, recommendations/*.md and the files pages link to; data/ holds indicators/*.json",
            );
            Item::Nothing
        }
        // `read` above reads every file it is given; never silently nothing.
        (Input::Unread(_), _) => {
            diags.error_in_file(
                path,
                "internal error: the file was not read; please report this",
            );
            Item::Nothing
        }
        (Input::Bytes(bytes), _) => Item::File(Arc::clone(bytes)),
        (Input::Text(file), Some(kind)) => {
            let (item, found) = match kind {
                Kind::Config => {
                    let (config, found) = config::site_config(file, theme_folders);
                    (config.map(|c| Item::Config(Box::new(c))), found)
                }
                Kind::Home => {
                    let (draft, found) = pages::home(file, settings);
                    (draft.map(|d| Item::Home(Box::new(d))), found)
                }
                Kind::Document => {
                    let (draft, found) = pages::document(file, settings);
                    (draft.map(|d| Item::Document(Box::new(d))), found)
                }
                Kind::Topic => {
                    let (draft, found) = pages::topic(file, settings);
                    (draft.map(|d| Item::Topic(Box::new(d))), found)
                }
                Kind::Recommendation => {
                    let (draft, found) = recommendation::check(file, settings);
                    (draft.map(|d| Item::Recommendation(Box::new(d))), found)
                }
                Kind::Indicator => {
                    let checked = indicator::indicator(file, settings);
                    let id_at = checked.id_at;
                    let item = checked
                        .indicator
                        .map(|i| Item::Indicator(Arc::new(i), id_at));
                    (item, checked.diags)
                }
                Kind::IndicatorFigures => {
                    let (found, diags) = figures::figures(file, settings);
                    (found.map(|f| Item::Figures(Arc::new(f))), diags)
                }
                Kind::Attachment | Kind::Stray => (None, Diagnostics::default()),
            };
            diags.extend(found);
            item.or_else(|| unread(file, kind, settings, &mut diags))
                .unwrap_or(Item::Nothing)
        }
        (Input::Text(_), None) => Item::Nothing,
    };
    FileCheck {
        input,
        diags,
        item,
        released: None,
    }
}

/// A Markdown page whose front matter failed: its body, read as any page's is.
fn unread(
    file: &SourceFile,
    kind: Kind,
    settings: Settings,
    diags: &mut Diagnostics,
) -> Option<Item> {
    if !matches!(
        kind,
        Kind::Home | Kind::Document | Kind::Topic | Kind::Recommendation
    ) {
        return None;
    }
    let split = crate::parse::split_front_matter(&file.text).ok()?;
    let mut cx = FileContext::new(file, settings);
    let read = cx.body(split.body);
    diags.extend(cx.diags);
    Some(Item::Unread(
        kind,
        Box::new(Draft {
            value: (),
            body_offset: read.offset,
            headings: read.headings,
            links: read.links,
        }),
    ))
}

/// Step 2 for one Markdown file: its references and links.
/// `taken`: the recommendation's draft, when it was taken out of `check` to be used up here.
fn resolve(
    path: &str,
    check: &FileCheck,
    taken: Option<RecommendationDraft>,
    known: &Known,
    once: bool,
) -> Resolution {
    let Some((body_offset, headings, links)) = check.item.body() else {
        return Resolution::default();
    };
    let file = match check.text(path) {
        Ok(file) => file,
        Err(diags) => {
            return Resolution {
                diags,
                ..Resolution::default()
            };
        }
    };
    let mut cx = FileContext::new(&file, Settings::default());
    let stem = stem_of(path);
    let page = check.item.page(stem);
    // Validated to be rendered once, nothing will ask what a result depended on.
    let lookup = if once {
        known.lookup_unrecorded()
    } else {
        known.lookup()
    };
    let resolved_links = links::resolve(&mut cx, &page, body_offset, headings, links, &lookup);
    let with_links = |body: &Body| Body {
        links: resolved_links.targets.clone(),
        ..body.clone()
    };
    let item = match &check.item {
        Item::Home(d) => d.value.as_ref().map(|home| {
            Resolved::Home(Home {
                title: home.title.clone(),
                body: with_links(&home.body),
            })
        }),
        Item::Document(d) => d.value.as_ref().map(|doc| {
            Resolved::Document(Arc::new(Document {
                body: with_links(&doc.body),
                ..doc.clone()
            }))
        }),
        Item::Topic(d) => d.value.as_ref().map(|topic| {
            Resolved::Topic(Arc::new(Topic {
                body: with_links(&topic.body),
                ..topic.clone()
            }))
        }),
        Item::Recommendation(d) => {
            let draft = taken.unwrap_or_else(|| d.value.clone());
            recommendation::resolve(draft, &lookup, &mut cx).map(|rec| {
                Resolved::Recommendation(Arc::new(Recommendation {
                    body: with_links(&rec.body),
                    ..rec
                }))
            })
        }
        _ => None,
    };
    Resolution {
        consulted: lookup.into_consulted(),
        diags: cx.diags,
        item,
        files: resolved_links.files,
        pending: resolved_links.pending,
    }
}

/// Reverse links, built in one pass over the recommendations.
fn cross_index(
    documents: &BTreeMap<String, Arc<Document>>,
    recommendations: &BTreeMap<String, Arc<Recommendation>>,
) -> CrossIndex {
    let mut index = CrossIndex::default();
    for doc in documents.keys() {
        index.citations.insert(doc.clone(), BTreeMap::new());
    }
    let mut cite = |r: &DocRef, rec: &str| {
        let anchors = index.citations.entry(r.document.clone()).or_default();
        let recs = anchors
            .entry(r.anchor.clone().unwrap_or_default())
            .or_default();
        if recs.last().map(String::as_str) != Some(rec) {
            recs.push(rec.to_string());
        }
    };
    // Recommendations in natural id order, so every list below comes out in that order.
    let recommendations = in_natural_order(recommendations);
    for rec in &recommendations {
        if let Some(parent) = &rec.part_of {
            index
                .parts
                .entry(parent.clone())
                .or_default()
                .push(rec.id.clone());
        }
        let answers = rec
            .response_ref
            .iter()
            .chain(rec.response_changes.iter().map(|c| &c.reference))
            .chain(rec.reply_ref.iter());
        for r in answers {
            cite(r, &rec.id);
        }
        for r in rec.commitments.iter().filter_map(|c| c.reference.as_ref()) {
            cite(r, &rec.id);
        }
        for r in rec.status.iter().filter_map(|s| s.reference.as_ref()) {
            cite(r, &rec.id);
        }
    }
    for rec in &recommendations {
        for topic in &rec.topics {
            index
                .topic_recommendations
                .entry(topic.clone())
                .or_default()
                .push(rec.id.clone());
        }
        for indicator in &rec.indicators {
            index
                .indicator_users
                .entry(indicator.clone())
                .or_default()
                .push(rec.id.clone());
        }
        index
            .document_sources
            .entry(rec.source.clone())
            .or_default()
            .push(rec.id.clone());
    }
    for list in index
        .topic_recommendations
        .values_mut()
        .chain(index.indicator_users.values_mut())
    {
        list.dedup();
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// A copy of the `minimal` fixture site in a temporary folder.
    fn minimal_site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let fixture =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for entry in walkdir::WalkDir::new(&fixture) {
            let entry = entry.unwrap();
            let to = dir
                .path()
                .join(entry.path().strip_prefix(&fixture).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(entry.path(), &to).unwrap();
            }
        }
        dir
    }

    /// Rendering once, a page's text is let go after the first step and read again in the
    /// second: the model is the same as when every text is held, and a file changed in between
    /// is said to have changed instead of being underlined in the wrong places.
    #[test]
    fn a_text_let_go_after_the_first_step_is_read_again_and_checked_to_be_the_same() {
        let dir = minimal_site();
        let held = Validation::new(load::load_sources(dir.path()).unwrap());
        let once = Validation::new_once(load::load_sources(dir.path()).unwrap());
        assert!(held.diagnostics.is_empty() && once.diagnostics.is_empty());
        assert_eq!(
            held.site.as_deref().map(|s| &s.recommendations),
            once.site.as_deref().map(|s| &s.recommendations)
        );

        let mut changed = Validation {
            once: true,
            theme_folders: Vec::new(),
            checks: BTreeMap::new(),
            resolutions: BTreeMap::new(),
            site: None,
            diagnostics: Diagnostics::default(),
        };
        let files = load::load_sources(dir.path()).unwrap().files;
        changed.check_files(files.into_iter().collect());
        let path = "content/recommendations/A-1.md";
        assert!(matches!(changed.checks[path].input, Input::Unread(_)));
        let file = dir.path().join(path);
        let text = std::fs::read_to_string(&file).unwrap();
        std::fs::write(&file, text.replacen("+++", "+++\n", 1)).unwrap();
        changed.assemble(&BTreeSet::new(), true);
        let problems = changed.diagnostics.into_report().lines();
        assert!(
            problems
                .iter()
                .any(|l| l.contains(path) && l.contains("changed while opvolg was reading")),
            "{problems:#?}"
        );
    }
}
