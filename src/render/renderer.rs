//! The renderer: runs jobs over the immutable model, renders each page struct with the
//! template the contract names for it (`views::PageView`), and hands every file to the sink as
//! soon as it is made. Owns the template context (`site`, `t`, `root`, `path`, `section`,
//! `csp`, `page`), the partials opvolg renders itself (footnotes, the "cited by" block), and
//! how a template's failure becomes a problem of the template. What each page shows is the
//! pages' (`pages`), never decided here.

use super::i18n::Translations;
use super::jobs::Job;
use super::options::RenderOptions;
use super::output::{OutputFile, Sink, Stream};
use super::pages::{self, Cited, Ctx, Out, SitePages};
use super::reads::{ReadSet, Recorder, SiteReads};
use super::theme::Theme;
use super::views::{self, PageView, SiteView};
use super::{charts, feeds, link_check};
use crate::diag::Diagnostics;
use crate::history::Moment;
use crate::markdown::{self, Markup};
use crate::model::{Body, Site};
use crate::paths::{self, Output};
use serde::Serialize;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Shared, read-only state of one render, plus counters.
pub(super) struct Renderer<'a> {
    site: &'a Site,
    pub theme: &'a Theme,
    pub t: &'a Translations,
    sink: Sink<'a>,
    /// The context every page starts from (`site`, `t`), built once. tera 2's values share
    /// their contents, so a page's copy of it costs two counts, not the translation table.
    base: tera::Context,
    /// What `base` read of the model: every page shows it, so every job read it.
    pub base_reads: ReadSet,
    pub options: RenderOptions,
    /// The site's reporting moments, oldest first (see `history`), computed once; a job that
    /// uses them records it ([`Ctx::moments`]).
    moments: Vec<Moment>,
    pub pages: AtomicUsize,
    pub charts: AtomicUsize,
    pub files: AtomicUsize,
    pub io_error: Mutex<Option<std::io::Error>>,
    /// The ids of rendered pages that links from Markdown lead to, for the link check.
    pub rendered_ids: Mutex<BTreeMap<Output, Vec<String>>>,
    /// When set, pages are not rendered: their templates and contexts are kept here, by path
    /// (see `render::contexts`).
    pub captured: Option<Mutex<BTreeMap<String, (&'static str, serde_json::Value)>>>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        site: &'a Site,
        theme: &'a Theme,
        options: RenderOptions,
        sink: Sink<'a>,
    ) -> Renderer<'a> {
        let t = &theme.translations;
        let mut base = tera::Context::new();
        let recorder = Recorder::keeping();
        base.insert(
            "site",
            &SiteView::new(SiteReads::new(site, &recorder), t, options.review),
        );
        base.insert("t", t);
        Renderer {
            site,
            theme,
            t,
            sink,
            base,
            base_reads: recorder.into_reads(),
            options,
            moments: crate::history::moments(site),
            charts: AtomicUsize::new(0),
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            io_error: Mutex::new(None),
            rendered_ids: Mutex::new(BTreeMap::new()),
            captured: None,
        }
    }

    /// What the builders of one job work from: the site as read through `recorder`.
    pub fn cx<'r>(&'r self, recorder: &'r Recorder) -> Ctx<'r> {
        Ctx::new(
            SiteReads::new(self.site, recorder),
            self.t,
            &SitePages,
            &self.moments,
        )
    }

    /// Runs `job`, noting what it reads in `recorder`.
    pub fn run(&self, job: &Job, recorder: &Recorder, diags: &mut Diagnostics) {
        let cx = self.cx(recorder);
        let site = cx.site;
        match job {
            Job::Assets => self.assets(),
            Job::Dashboard => pages::dashboard::dashboard(self, &cx, diags),
            Job::RecommendationList => pages::lists::recommendation_list(self, &cx, diags),
            Job::IndicatorList => pages::lists::indicator_list(self, &cx, diags),
            Job::DocumentList => pages::lists::document_list(self, &cx, diags),
            Job::TopicList => pages::lists::topic_list(self, &cx, diags),
            Job::CommitmentList => pages::lists::commitment_list(self, &cx, diags),
            Job::ChangeList => pages::lists::change_list(self, &cx, diags),
            Job::Accessibility => pages::accessibility::accessibility(self, &cx, diags),
            // A job for an item the site no longer has makes nothing (its files are gone).
            Job::Recommendation(id) => {
                if let Some(rec) = site.find_recommendation(id) {
                    pages::recommendation::recommendation(self, &cx, rec, diags)
                }
            }
            Job::Indicator(id) => {
                if let Some(ind) = site.indicators().get(id) {
                    pages::indicator::indicator(self, &cx, ind, diags)
                }
            }
            Job::Document(id) => {
                if let Some(doc) = site.find_document(id) {
                    pages::document::document(self, &cx, doc, diags)
                }
            }
            Job::Topic(id) => {
                if let Some(topic) = site.topics().get(id) {
                    pages::lists::topic(self, &cx, topic, diags)
                }
            }
            Job::Attachment(path) => {
                if let Some(bytes) = site.attachments().get(path) {
                    self.emit(OutputFile {
                        path: path.clone(),
                        bytes: bytes.to_vec(),
                    });
                }
            }
            Job::OpenData => pages::open_data::open_data_page(self, &cx, diags),
            Job::Search => pages::search::search(self, &cx, diags),
            Job::Finders => pages::search::finders(self, &cx, diags),
            Job::Dossier => pages::dossier::dossier(self, &cx, diags),
            Job::DataTable(table) => pages::open_data::data_table(self, &cx, *table, diags),
            Job::SiteData => pages::open_data::site_data(self, &cx, diags),
            Job::Review => {
                if self.options.review {
                    self.page(&cx, paths::REVIEW, pages::review::page(&cx), diags);
                }
            }
            Job::Feed => {
                if let Some(base) = &site.config().base_url {
                    let made = feeds::atom_feed(&cx, base);
                    self.emit_made(paths::FEED, made, diags);
                }
            }
            Job::Sitemap => {
                let site = site.whole();
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

    fn keep_error(&self, written: std::io::Result<()>) {
        if let Err(error) = written
            && let Ok(mut slot) = self.io_error.lock()
        {
            slot.get_or_insert(error);
        }
    }

    /// The theme's static files, the fonts of the charts and the charts' stylesheet.
    fn assets(&self) {
        for (path, bytes) in &self.theme.assets {
            self.emit(OutputFile {
                path: format!("{}{path}", paths::STATIC),
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

    /// A template failed while rendering `path`: a problem of the template, where tera says.
    fn template_problem(
        &self,
        template: &str,
        path: &str,
        error: &tera::Error,
        diags: &mut Diagnostics,
    ) {
        self.theme.render_problem(template, path, error, diags);
    }
}

impl Out for Renderer<'_> {
    /// Hands a finished file to the sink; the first failure is kept and reported.
    fn emit(&self, file: OutputFile) {
        self.files.fetch_add(1, Ordering::Relaxed);
        let written = self.sink.file(file);
        self.keep_error(written);
    }

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

    /// A failure to make the file is a problem of the file (`diags`); a failure to write it
    /// is kept and reported.
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

    fn options(&self) -> RenderOptions {
        self.options
    }

    /// Renders the partial `template` with one variable, `name`, for the page at `page_path`;
    /// a problem becomes a diagnostic.
    fn partial<T: Serialize>(
        &self,
        template: &str,
        page_path: &str,
        name: &str,
        value: &T,
        diags: &mut Diagnostics,
    ) -> Option<String> {
        let mut context = self.base.clone();
        context.insert("root", &paths::root_of(page_path));
        context.insert(name.to_string(), value);
        match self.theme.tera.render(template, &context) {
            Ok(html) => Some(html),
            Err(e) => {
                self.template_problem(template, page_path, &e, diags);
                None
            }
        }
    }

    fn count_chart(&self) {
        self.charts.fetch_add(1, Ordering::Relaxed);
    }

    /// Renders `page` with its template into the file `path`. Problems with the template
    /// become diagnostics on the template.
    fn page_with_script<P: PageView>(
        &self,
        cx: &Ctx,
        path: &str,
        page: P,
        script: Option<&str>,
        diags: &mut Diagnostics,
    ) {
        let csp = &super::theme::content_security_policy(script);
        let mut context = self.base.clone();
        context.insert("root", &paths::root_of(path));
        context.insert("path", path);
        context.insert("section", &P::SECTION);
        context.insert("csp", csp);
        context.insert("page", &page);
        if let Some(captured) = &self.captured {
            // As JSON, the variables in the order of their names.
            let json = ["csp", "page", "path", "root", "section", "site", "t"]
                .into_iter()
                .filter_map(|key| {
                    let value = serde_json::to_value(context.get(key)?).ok()?;
                    Some((key.to_string(), value))
                })
                .collect();
            if let Ok(mut captured) = captured.lock() {
                captured.insert(
                    path.to_string(),
                    (P::TEMPLATE, serde_json::Value::Object(json)),
                );
            }
            return;
        }
        match self.theme.tera.render(P::TEMPLATE, &context) {
            Ok(html) => {
                if script.is_some() {
                    self.theme
                        .check_policy(P::TEMPLATE, path, &html, csp, diags);
                }
                // A page that links from Markdown lead to hands its ids to the link check.
                if let Some(output) = Output::of_path(path)
                    && link_check::is_link_target(cx.site, &output)
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
            Err(e) => self.template_problem(P::TEMPLATE, path, &e, diags),
        }
    }

    /// A text as HTML on the page at `path`: its links to the site's pages and files become
    /// URLs relative to the page, its footnotes and (with `cited`) the recommendations that
    /// cite each section come from the theme's partials.
    fn text_html(
        &self,
        cx: &Ctx,
        body: &Body,
        path: &str,
        cited: Option<Cited>,
        diags: &mut Diagnostics,
    ) -> String {
        let link = |dest: &str| body.links.get(dest).map(|target| link_url(target, path));
        let options = markdown::HtmlOptions {
            allow_html: cx.site.config().allow_html,
            link: Some(&link),
            ..Default::default()
        };
        self.markdown(body, options, path, cited, diags)
    }

    /// Markdown to HTML with the theme's markup, for the page at `path`.
    fn markdown(
        &self,
        body: &Body,
        options: markdown::HtmlOptions,
        path: &str,
        cited: Option<Cited>,
        diags: &mut Diagnostics,
    ) -> String {
        let markup = ThemeMarkup {
            renderer: self,
            path,
            cited,
            problems: RefCell::new(Diagnostics::default()),
        };
        let html = markdown::to_html(body.markdown(), options, &markup);
        diags.extend(markup.problems.into_inner());
        html
    }
}

/// The theme's markup of a text on one page: footnotes and "cited by" from the partials,
/// their problems collected for the page's job.
struct ThemeMarkup<'r, 'a> {
    renderer: &'r Renderer<'a>,
    path: &'r str,
    cited: Option<Cited<'r>>,
    problems: RefCell<Diagnostics>,
}

impl ThemeMarkup<'_, '_> {
    fn partial<T: Serialize>(&self, template: &str, name: &str, value: &T) -> String {
        let mut problems = self.problems.borrow_mut();
        self.renderer
            .partial(template, self.path, name, value, &mut problems)
            .unwrap_or_default()
    }
}

impl Markup for ThemeMarkup<'_, '_> {
    fn after_heading(&self, anchor: &str) -> Option<String> {
        let cited = (self.cited?)(anchor)?;
        Some(self.partial("cited_by.html", "cited", &cited))
    }

    fn footnote_ref(&self, r: &markdown::FootnoteRef) -> String {
        let note = views::FootnoteRef {
            id: r.id.clone(),
            number: r.number,
            url: format!("#{}", r.target),
        };
        self.partial("footnote_ref.html", "note", &note)
    }

    fn footnotes(&self, notes: &[markdown::Footnote]) -> String {
        let notes = views::Footnotes {
            notes: notes
                .iter()
                .map(|note| views::Footnote {
                    id: note.id.clone(),
                    number: note.number,
                    html: note.html.clone(),
                    back: note
                        .references
                        .iter()
                        .enumerate()
                        .map(|(k, id)| views::Link {
                            url: format!("#{id}"),
                            text: match k {
                                0 => note.number.to_string(),
                                k => format!("{} ({})", note.number, k + 1),
                            },
                        })
                        .collect(),
                })
                .collect(),
        };
        self.partial("footnotes.html", "notes", &notes)
    }
}

/// The URL of a link's target on the page at `page`: relative to the page, with the query and
/// fragment as written.
pub(super) fn link_url(target: &crate::model::LinkTarget, page: &str) -> String {
    let mut url = match &target.output {
        Some(output) => paths::relative_url(page, &output.path()),
        None => String::new(),
    };
    if let Some(query) = &target.query {
        url.push('?');
        url.push_str(query);
    }
    if let Some(fragment) = &target.fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}
