//! Render: the site model and a compiled theme into output files (paths and bytes).
//!
//! Owns which pages exist and what each shows: dashboard, one page per recommendation,
//! indicator, document and topic, the list pages, the data downloads and the static assets,
//! each made by one [`Job`]. Pure: `&Site` and `&Theme` in, files out through a [`Sink`]. It
//! never touches the disk (that is `write`) and never re-validates content (that was
//! `validate`).

mod changes;
pub mod charts;
pub(crate) mod data;
pub mod deps;
mod dossier;
mod feeds;
pub mod i18n;
mod link_check;
pub mod open_data;
mod pages;
pub mod review;
pub mod svg;
pub mod views;

use crate::diag::Diagnostics;
use crate::load::ThemeFiles;
use crate::model::*;
use crate::paths::{List, Output};
use i18n::Translations;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use views::*;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A theme ready to render with: compiled templates, the language's texts and the assets.
pub struct Theme {
    tera: tera::Tera,
    translations: Translations,
    assets: Vec<(String, Vec<u8>)>,
    /// template name -> (path relative to the site root, text), for error positions.
    sources: BTreeMap<String, (String, String)>,
}

/// How many rows each part of the dashboard shows before it links to the complete list.
pub const DASHBOARD_ROWS: usize = 10;

/// Whether the dashboard cuts the list of what changed since the last reporting moment, so
/// that `changes.html` holds the rest.
fn changes_are_cut(site: &Site) -> bool {
    crate::history::previous_moment(site).is_some_and(|m| {
        let c = crate::history::changes(site, Some(m.date), site.config.as_of);
        <crate::history::ChangeKind as strum::IntoEnumIterator>::iter()
            .any(|kind| c.of(kind).count() > DASHBOARD_ROWS)
    })
}

/// Templates every theme must provide.
const TEMPLATES: &[&str] = &[
    "cited_by.html",
    "changes.html",
    "index.html",
    "recommendation.html",
    "indicator.html",
    "document.html",
    "topic.html",
    "recommendations.html",
    "indicators.html",
    "documents.html",
    "topics.html",
    "commitments.html",
    "changes_list.html",
    "accessibility.html",
    "open_data.html",
    "review.html",
    "dossier.html",
    "chart.html",
];

impl Theme {
    /// Compiles the theme's templates and loads the texts for `language`.
    pub fn compile(
        files: &ThemeFiles,
        language: Language,
        diags: &mut Diagnostics,
    ) -> Option<Theme> {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        let mut sources = BTreeMap::new();
        for (name, file) in &files.templates {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        // All at once: inheritance and macro imports resolve only when every template is in.
        let raw = files
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), &*file.text));
        let mut ok = true;
        if let Err(e) = tera.add_raw_templates(raw) {
            let (line, column, message, chain) = template_error_position(&e);
            // Tera names the failing template in quotes: "Failed to parse 'x.html'".
            let path = files
                .templates
                .iter()
                .find(|(name, _)| chain.contains(&format!("'{name}'")))
                .map_or_else(
                    || format!("themes/{}/templates", files.name),
                    |(_, f)| f.path.clone(),
                );
            let text = files
                .templates
                .iter()
                .find(|(_, f)| f.path == path)
                .map_or("", |(_, f)| &*f.text);
            let offset = crate::diag::offset_of(text, line, column);
            diags.error_at(&path, text, offset, message);
            ok = false;
        }
        for required in TEMPLATES {
            if !sources.contains_key(*required) {
                diags.error_in_file(
                    &format!("themes/{}/templates/{required}", files.name),
                    format!("the theme \"{}\" lacks the template {required}", files.name),
                );
                ok = false;
            }
        }
        let translations = match files
            .translations
            .iter()
            .find(|(lang, _)| lang == language.code())
        {
            Some((_, file)) => Translations::parse(file, diags),
            None => {
                diags.error_in_file(
                    &format!("themes/{}/i18n/{}.toml", files.name, language.code()),
                    format!(
                        "the theme \"{}\" has no texts for language \"{}\"",
                        files.name,
                        language.code()
                    ),
                );
                None
            }
        };
        if !ok {
            return None;
        }
        Some(Theme {
            tera,
            translations: translations?,
            assets: files.assets.clone(),
            sources,
        })
    }

    pub fn translations(&self) -> &Translations {
        &self.translations
    }
}

/// Escapes text for HTML text and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Most text needs no escape at all: copy the runs between special bytes whole (every
    // special character is ASCII, so a run always ends on a character boundary).
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[run_start..at]);
        out.push_str(entity);
        run_start = at + 1;
    }
    out.push_str(&text[run_start..]);
    out
}

/// Tera's parse errors carry "--> line:column" in their cause chain; find it, and shorten the
/// message to the parser's explanation. Returns (line, column, message, full chain).
fn template_error_position(e: &tera::Error) -> (usize, usize, String, String) {
    let chain = error_chain(e);
    let position = chain.find("--> ").and_then(|at| {
        let rest = &chain[at + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    });
    let (line, column) = position.unwrap_or((1, 1));
    // The parser's own explanation is its last "= ..." line; the rest repeats the source.
    let expected = chain
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= "))
        .next_back()
        .map(str::to_string);
    let message = match expected {
        Some(expected) => format!("template syntax error: {expected}"),
        None => chain.clone(),
    };
    (line, column, message, chain)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// How to render, beyond the site and theme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderOptions {
    /// A review copy: a banner on every page, `review.html`, and no indexing by search
    /// engines. Never for publication.
    pub review: bool,
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
}

/// Where rendered files go as soon as they are made: written to the staging folder by a
/// build, dropped by a check, kept in memory by `serve`. Called from several threads at once.
pub type Sink<'s> = &'s dyn FileSink;

/// A writer a large file is streamed into.
pub trait Stream: std::io::Write + Send {}

impl<T: std::io::Write + Send> Stream for T {}

/// What takes the rendered files: any `Fn(OutputFile)` closure, or a writer of its own that
/// also streams large files (`site.json` of a large site is hundreds of megabytes) without
/// holding them whole.
pub trait FileSink: Sync {
    /// Takes a finished file.
    fn file(&self, file: OutputFile) -> Result<(), String>;

    /// Takes the file at `path` as `write` writes it. By default it is collected and handed
    /// to [`FileSink::file`].
    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Stream) -> Result<(), String>,
    ) -> Result<(), String> {
        let mut bytes = Vec::new();
        write(&mut bytes)?;
        self.file(OutputFile {
            path: path.to_string(),
            bytes,
        })
    }
}

impl<F: Fn(OutputFile) -> Result<(), String> + Sync> FileSink for F {
    fn file(&self, file: OutputFile) -> Result<(), String> {
        self(file)
    }
}

/// Told (work done, work in all) after each unit of rendering, from any thread.
pub type Progress<'p> = &'p (dyn Fn(usize, usize) + Sync);

/// The jobs that gather from the whole site (whether the site has them or not: see
/// [`Job::exists`]).
pub fn whole_site_jobs() -> Vec<Job> {
    let mut jobs: Vec<Job> = open_data::DataTable::all()
        .into_iter()
        .rev() // the longest table first
        .map(Job::DataTable)
        .collect();
    jobs.extend([
        Job::Dossier,
        Job::SiteData,
        Job::OpenData,
        Job::Feed,
        Job::Sitemap,
    ]);
    jobs
}

/// One unit of rendering: a page (or a few) and the files that go with it. Jobs are the unit
/// of incremental rebuilds too: a change to the model makes some jobs dirty (see `deps`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// The theme's static files and the chart font.
    Assets,
    Dashboard,
    RecommendationList,
    IndicatorList,
    DocumentList,
    TopicList,
    /// The register of commitments, in pages.
    CommitmentList,
    /// Everything that changed since the last reporting moment, in pages (only when the
    /// dashboard shows just the first few of a kind).
    ChangeList,
    Accessibility,
    Recommendation(String),
    /// The indicator's page, its chart (an SVG file) and its CSV and JSON downloads.
    Indicator(String),
    Document(String),
    Topic(String),
    /// A file under content/ that a page links to, published at the same path.
    Attachment(String),
    /// `dossier.html` and its print stylesheet: the whole follow-up as one document.
    Dossier,
    /// `open-data/index.html`, which describes the open data.
    OpenData,
    /// One table of the open data, as CSV and Excel workbook.
    DataTable(open_data::DataTable),
    /// `open-data/site.json` and `site.schema.json`.
    SiteData,
    /// `feed.xml` (only with `base_url`).
    Feed,
    /// `sitemap.xml`, and its parts on a large site (only with `base_url`).
    Sitemap,
    /// `review.html`: what a reviewer should check (only in a review copy).
    Review,
}

impl Job {
    /// Every job of a site, in a fixed order.
    pub fn all(site: &Site) -> Vec<Job> {
        // The jobs that gather from the whole site come first: they are the longest, and
        // started first they run beside the pages instead of after them.
        let mut jobs: Vec<Job> = whole_site_jobs()
            .into_iter()
            .filter(|j| j.exists(site))
            .collect();
        jobs.extend(
            [
                Job::Assets,
                Job::Dashboard,
                Job::RecommendationList,
                Job::IndicatorList,
                Job::DocumentList,
                Job::TopicList,
                Job::CommitmentList,
                Job::ChangeList,
                Job::Accessibility,
            ]
            .into_iter()
            .filter(|j| j.exists(site)),
        );
        jobs.extend(
            site.recommendations
                .keys()
                .cloned()
                .map(Job::Recommendation),
        );
        jobs.extend(site.indicators.keys().cloned().map(Job::Indicator));
        jobs.extend(site.documents.keys().cloned().map(Job::Document));
        jobs.extend(site.topics.keys().cloned().map(Job::Topic));
        jobs.extend(site.attachments.keys().cloned().map(Job::Attachment));
        jobs
    }

    /// The HTML pages a job makes (none for assets, downloads and attachments), every page
    /// of a long list included.
    pub fn pages(&self, site: &Site) -> Vec<String> {
        if !self.exists(site) {
            return Vec::new();
        }
        let pages = |make: &dyn Fn(usize) -> Output, rows: usize| -> Vec<String> {
            (1..=paths::page_count(rows, site.config.page_size))
                .map(|n| make(n).path())
                .collect()
        };
        let list = |list: List, rows: usize| pages(&|n| Output::List(list, n), rows);
        match self {
            Job::Dashboard => vec![paths::INDEX.to_string()],
            Job::RecommendationList => list(List::Recommendations, site.recommendations.len()),
            Job::IndicatorList => list(List::Indicators, site.indicators.len()),
            Job::DocumentList => list(List::Documents, site.documents.len()),
            Job::TopicList => list(List::Topics, site.topics.len()),
            Job::CommitmentList => list(
                List::Commitments,
                site.recommendations
                    .values()
                    .map(|r| r.commitments.len())
                    .sum(),
            ),
            Job::ChangeList => {
                let changes = crate::history::previous_moment(site).map_or(0, |m| {
                    crate::history::changes(site, Some(m.date), site.config.as_of).len()
                });
                list(List::Changes, changes)
            }
            Job::Accessibility => vec![paths::ACCESSIBILITY.to_string()],
            Job::Recommendation(id) => vec![paths::recommendation(id)],
            Job::Indicator(id) => vec![paths::indicator(id)],
            Job::Document(id) => vec![paths::document(id)],
            Job::Topic(id) => pages(
                &|n| Output::Topic(id.clone(), n),
                site.index.topic_recommendations.get(id).map_or(0, Vec::len),
            ),
            Job::OpenData => vec![paths::OPEN_DATA_PAGE.to_string()],
            Job::Dossier => vec![paths::DOSSIER.to_string()],
            Job::Assets
            | Job::Attachment(_)
            | Job::DataTable(_)
            | Job::SiteData
            | Job::Feed
            | Job::Sitemap
            | Job::Review => Vec::new(),
        }
    }

    /// The job that makes `output`, when the site has it.
    pub fn of_output(site: &Site, output: &Output) -> Option<Job> {
        let job = match output {
            Output::Dashboard => Job::Dashboard,
            Output::Accessibility => Job::Accessibility,
            Output::List(list, _) => match list {
                List::Recommendations => Job::RecommendationList,
                List::Indicators => Job::IndicatorList,
                List::Documents => Job::DocumentList,
                List::Topics => Job::TopicList,
                List::Commitments => Job::CommitmentList,
                List::Changes => Job::ChangeList,
            },
            Output::Recommendation(id) => Job::Recommendation(id.clone()),
            Output::Indicator(id) | Output::IndicatorFile(id, _) => Job::Indicator(id.clone()),
            Output::Document(id) => Job::Document(id.clone()),
            Output::Topic(id, _) => Job::Topic(id.clone()),
            Output::OpenData => Job::OpenData,
            Output::DataFile(file) => match file.as_str() {
                "site.json" | "site.schema.json" => Job::SiteData,
                _ => Job::DataTable(open_data::DataTable::of_file(file)?),
            },
            Output::Dossier | Output::DossierCss => Job::Dossier,
            Output::Review => Job::Review,
            Output::Feed => Job::Feed,
            Output::Sitemap | Output::SitemapPart(_) => Job::Sitemap,
            // Whether the theme has the file shows when the job runs.
            Output::Static(_) => Job::Assets,
            Output::Attachment(path) => Job::Attachment(path.clone()),
        };
        if !job.exists(site) {
            return None;
        }
        // A further page of a list belongs to the list's job only when the list has it.
        let paged = matches!(output, Output::List(_, n) | Output::Topic(_, n) if *n > 1);
        (!paged || job.pages(site).contains(&output.path())).then_some(job)
    }

    /// The job that makes the output file `path`, if the site has one.
    pub fn for_path(site: &Site, path: &str) -> Option<Job> {
        // A file under content/ keeps its path, whatever a generated file there would be.
        if site.attachments.contains_key(path) {
            return Some(Job::Attachment(path.to_string()));
        }
        Job::of_output(site, &Output::of_path(path)?)
    }

    /// A job that gathers from the whole site (open data, feed, sitemap): any change to the
    /// model makes it dirty.
    pub fn is_whole_site(&self) -> bool {
        matches!(
            self,
            Job::Dossier
                | Job::OpenData
                | Job::DataTable(_)
                | Job::SiteData
                | Job::Feed
                | Job::Sitemap
        )
    }

    /// Whether the site has what this job renders.
    pub fn exists(&self, site: &Site) -> bool {
        match self {
            Job::Recommendation(id) => site.recommendations.contains_key(id),
            Job::Indicator(id) => site.indicators.contains_key(id),
            Job::Document(id) => site.documents.contains_key(id),
            Job::Topic(id) => site.topics.contains_key(id),
            Job::Attachment(path) => site.attachments.contains_key(path),
            Job::Feed | Job::Sitemap => site.config.base_url.is_some(),
            Job::ChangeList => changes_are_cut(site),
            _ => true,
        }
    }
}

/// What rendering a set of jobs found: counts, and the problems of each job that had any.
#[derive(Debug, Default)]
pub struct Rendered {
    pub stats: RenderStats,
    /// Template errors, per job (only jobs with problems appear).
    pub problems: BTreeMap<Job, Diagnostics>,
}

impl Rendered {
    /// Every problem, with each template error once: the same error met on many pages is
    /// reported for the first of those pages in path order, whatever order the threads met it in.
    pub fn diagnostics(&self) -> Diagnostics {
        merge_problems(self.problems.values())
    }
}

/// Merges per-job problems, keeping one report of each template error (see
/// [`Rendered::diagnostics`]).
pub fn merge_problems<'d>(problems: impl IntoIterator<Item = &'d Diagnostics>) -> Diagnostics {
    let mut all = Diagnostics::default();
    for diags in problems {
        all.extend(diags.clone());
    }
    all.dedup_by_place()
}

/// Renders `jobs` in parallel over the immutable model, handing every file to `sink` as soon
/// as it is made, so the site is never held in memory as a whole. Output bytes do not depend
/// on the order the work happens in. `Err` only when the sink failed (writing); template
/// errors are in [`Rendered::problems`].
#[allow(clippy::too_many_arguments)]
pub fn render(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    jobs: &[Job],
    sink: Sink,
    progress: Progress,
) -> Result<Rendered, String> {
    let renderer = Renderer::new(site, theme, options, sink);
    let (done, total) = (AtomicUsize::new(0), jobs.len());
    let mut problems: BTreeMap<Job, Diagnostics> = jobs
        .par_iter()
        .map(|job| {
            let mut diags = Diagnostics::default();
            renderer.run(job, &mut diags);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            (job.clone(), diags)
        })
        .filter(|(_, diags)| !diags.is_empty())
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    // Then the links that only rendered pages can confirm.
    let rendered_ids =
        std::mem::take(&mut *renderer.rendered_ids.lock().map_err(|e| e.to_string())?);
    for (job, found) in link_check::check(site, &rendered_ids) {
        problems.entry(job).or_default().extend(found);
    }
    if let Some(error) = renderer.io_error.lock().map_or(None, |mut e| e.take()) {
        return Err(error);
    }
    Ok(Rendered {
        stats: RenderStats {
            pages: renderer.pages.load(Ordering::Relaxed),
            charts: renderer.charts.load(Ordering::Relaxed),
            files: renderer.files.load(Ordering::Relaxed),
        },
        problems,
    })
}

/// Shared, read-only state of one render, plus counters.
struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    t: &'a Translations,
    sink: Sink<'a>,
    /// The context every page starts from (`site`, `t`), built once.
    base: tera::Context,
    /// Copies of `base` to render with, reused (see [`Renderer::with_context`]).
    contexts: Mutex<Vec<tera::Context>>,
    options: RenderOptions,
    /// The site's reporting moments, oldest first (see `history`).
    moments: Vec<crate::history::Moment>,
    pages: AtomicUsize,
    charts: AtomicUsize,
    files: AtomicUsize,
    io_error: Mutex<Option<String>>,
    /// The ids of rendered pages that links from Markdown lead to, for the link check.
    rendered_ids: Mutex<BTreeMap<Output, Vec<String>>>,
}

impl<'a> Renderer<'a> {
    fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        sink: Sink<'a>,
    ) -> Renderer<'a> {
        let t = &theme.translations;
        let mut base = tera::Context::new();
        let mut view = SiteView::new(site, t);
        view.review = options.review;
        base.insert("site", &view);
        base.insert("t", t);
        Renderer {
            site,
            theme,
            t,
            sink,
            base,
            contexts: Mutex::new(Vec::new()),
            options,
            moments: crate::history::moments(site),
            charts: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            io_error: Mutex::new(None),
            rendered_ids: Mutex::new(BTreeMap::new()),
        }
    }

    fn run(&self, job: &Job, diags: &mut Diagnostics) {
        let site = self.site;
        match job {
            Job::Assets => self.assets(),
            Job::Dashboard => self.dashboard(diags),
            Job::RecommendationList => self.recommendation_list(diags),
            Job::IndicatorList => self.indicator_list(diags),
            Job::DocumentList => self.document_list(diags),
            Job::TopicList => self.topic_list(diags),
            Job::CommitmentList => self.commitment_list(diags),
            Job::ChangeList => self.change_list(diags),
            Job::Accessibility => self.accessibility(diags),
            // A job for an item the site no longer has makes nothing (its files are gone).
            Job::Recommendation(id) => {
                if let Some(rec) = site.recommendations.get(id) {
                    self.recommendation(rec, diags)
                }
            }
            Job::Indicator(id) => {
                if let Some(ind) = site.indicators.get(id) {
                    self.indicator(ind, diags)
                }
            }
            Job::Document(id) => {
                if let Some(doc) = site.documents.get(id) {
                    self.document(doc, diags)
                }
            }
            Job::Topic(id) => {
                if let Some(topic) = site.topics.get(id) {
                    self.topic(topic, diags)
                }
            }
            Job::Attachment(path) => {
                if let Some(bytes) = site.attachments.get(path) {
                    self.emit(OutputFile {
                        path: path.clone(),
                        bytes: bytes.to_vec(),
                    });
                }
            }
            Job::OpenData => self.open_data_page(diags),
            Job::Dossier => self.dossier(diags),
            Job::DataTable(table) => self.data_table(*table, diags),
            Job::SiteData => self.site_data(diags),
            Job::Review => {
                if self.options.review {
                    self.review_page(diags);
                }
            }
            Job::Feed => {
                if let Some(base) = &site.config.base_url {
                    let made = feeds::atom_feed(site, base, self.t);
                    self.emit_made(paths::FEED, made, diags);
                }
            }
            Job::Sitemap => {
                if let Some(base) = &site.config.base_url {
                    let pages: Vec<String> =
                        Job::all(site).iter().flat_map(|j| j.pages(site)).collect();
                    for (path, bytes) in feeds::sitemaps(base, &pages) {
                        self.emit(OutputFile { path, bytes });
                    }
                }
            }
        }
    }

    /// Hands a finished file to the sink; the first failure is kept and reported.
    fn emit(&self, file: OutputFile) {
        self.files.fetch_add(1, Ordering::Relaxed);
        let written = self.sink.file(file);
        self.keep_error(written);
    }

    /// Hands a file to the sink when it could be made; when it could not, that is a problem
    /// of the file (never an empty file in its place).
    fn emit_made(&self, path: &str, made: Result<Vec<u8>, String>, diags: &mut Diagnostics) {
        match made {
            Ok(bytes) => self.emit(OutputFile {
                path: path.to_string(),
                bytes,
            }),
            Err(problem) => {
                diags.error_in_file(path, format!("{path} could not be made: {problem}"))
            }
        }
    }

    /// Streams the file at `path` into the sink as `write` makes it. A failure to make it is
    /// a problem of the file (`diags`); a failure to write it is kept and reported.
    fn emit_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Stream) -> Result<(), String>,
        diags: &mut Diagnostics,
    ) {
        self.files.fetch_add(1, Ordering::Relaxed);
        let mut made = Ok(());
        let written = self.sink.stream(path, &mut |out| {
            made = write(out);
            // Stop writing, but let the sink finish: the problem is reported as the file's.
            Ok(())
        });
        if let Err(problem) = made {
            diags.error_in_file(path, problem);
        }
        self.keep_error(written);
    }

    fn keep_error(&self, written: Result<(), String>) {
        if let Err(error) = written
            && let Ok(mut slot) = self.io_error.lock()
        {
            slot.get_or_insert(error);
        }
    }

    fn assets(&self) {
        for (path, bytes) in &self.theme.assets {
            self.emit(OutputFile {
                path: format!("static/{path}"),
                bytes: bytes.clone(),
            });
        }
        for (path, bytes) in charts::WEB_FONTS {
            self.emit(OutputFile {
                path: path.to_string(),
                bytes: bytes.to_vec(),
            });
        }
        self.emit(OutputFile {
            path: charts::STYLESHEET_PATH.to_string(),
            bytes: charts::stylesheet().into_bytes(),
        });
    }

    fn count_chart(&self) {
        self.charts.fetch_add(1, Ordering::Relaxed);
    }

    /// An indicator's chart as a recommendation page shows it: the drawing (a file of the
    /// indicator's), a link to the indicator, and its latest figures with a link to the rest.
    fn indicator_figure(&self, ind: &Indicator) -> ChartView {
        let as_of = self.site.config.as_of;
        let mut view = data::indicator_figure(ind, as_of, self.t);
        view.details = Some(Link {
            url: paths::indicator(&ind.id),
            text: ind.title.clone(),
        });
        // The latest figures are in the description; all of them on the indicator's page.
        view.more = Some(Link {
            url: format!("{}#{}", paths::indicator(&ind.id), paths::chart(&ind.id)),
            text: self.t.text(i18n::Ui::AllFigures).to_string(),
        });
        view
    }

    /// Renders `template` with `page` into the file `path`. Problems with the template
    /// become diagnostics on the template.
    fn page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        section: &str,
        page: T,
        diags: &mut Diagnostics,
    ) {
        match self.render_page(template, path, section, &page) {
            Ok(html) => {
                // A page that links from Markdown lead to hands its ids to the link check.
                if let Some(output) = Output::of_path(path)
                    && link_check::is_link_target(self.site, &output)
                    && let Ok(mut ids) = self.rendered_ids.lock()
                {
                    ids.insert(output, link_check::element_ids(&html));
                }
                self.pages.fetch_add(1, Ordering::Relaxed);
                self.emit(OutputFile {
                    path: path.to_string(),
                    bytes: html.into_bytes(),
                });
            }
            Err(e) => self.template_problem(template, path, &error_chain(&e), diags),
        }
    }

    fn render_page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        section: &str,
        page: &T,
    ) -> Result<String, tera::Error> {
        self.with_context(|context| {
            context.insert("root", &paths::root_of(path));
            context.insert("path", path);
            context.insert("section", section);
            context.insert("page", page);
            let html = self.theme.tera.render(template, context);
            for key in ["root", "path", "section", "page"] {
                context.remove(key);
            }
            html
        })
    }

    /// Runs `f` with a context that holds the base (`site`, `t`) and nothing else, and that
    /// `f` leaves that way. Contexts are reused: copying the base, whose translation table has
    /// hundreds of texts, for every page was a good part of rendering one.
    fn with_context<R>(&self, f: impl FnOnce(&mut tera::Context) -> R) -> R {
        let pooled = self.contexts.lock().ok().and_then(|mut pool| pool.pop());
        let mut context = pooled.unwrap_or_else(|| self.base.clone());
        let result = f(&mut context);
        if let Ok(mut pool) = self.contexts.lock() {
            pool.push(context);
        }
        result
    }

    /// Renders a partial (`cited_by.html`) with one variable; a problem becomes a diagnostic.
    fn partial<T: Serialize>(
        &self,
        template: &str,
        page_path: &str,
        name: &str,
        value: &T,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let rendered = self.with_context(|context| {
            context.insert("root", &paths::root_of(page_path));
            context.insert(name, value);
            let html = self.theme.tera.render(template, context);
            context.remove("root");
            context.remove(name);
            html
        });
        match rendered {
            Ok(html) => Some(html),
            Err(e) => {
                self.template_problem(template, page_path, &error_chain(&e), diags);
                None
            }
        }
    }

    /// A template failed while rendering `path`: reported on the template, at the unknown
    /// variable where tera names one.
    fn template_problem(&self, template: &str, path: &str, chain: &str, diags: &mut Diagnostics) {
        let variable = missing_variable(chain);
        let (file, text) = self.template_source(template);
        // Tera does not say where in the template a variable was missing; point at the
        // first place the name occurs.
        let offset = variable
            .as_ref()
            .and_then(|name| text.find(name.as_str()))
            .unwrap_or(0);
        let message = match &variable {
            Some(name) => format!("unknown variable `{name}` in template {template}"),
            None => chain.to_string(),
        };
        diags.error_at(&file, &text, offset, message);
        diags.with_hint(format!(
            "first met while rendering {path}; the README section \"Themes\" lists what templates can use"
        ));
    }

    fn template_source(&self, template: &str) -> (String, String) {
        self.theme
            .sources
            .get(template)
            .cloned()
            .unwrap_or_else(|| (template.to_string(), String::new()))
    }
}

fn missing_variable(message: &str) -> Option<String> {
    let start = message.find("Variable `")? + "Variable `".len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_html_escapes_the_five_specials_and_keeps_every_other_character() {
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("plain / text"), "plain / text");
        assert_eq!(
            escape_html(r#"<a href="x">'R&D'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;R&amp;D&#39;&lt;/a&gt;"
        );
        // Runs of multi-byte characters on both sides of a special one stay whole.
        assert_eq!(escape_html("één&ß€>"), "één&amp;ß€&gt;");
        assert_eq!(escape_html("&&"), "&amp;&amp;");
    }
}
