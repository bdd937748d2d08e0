//! Render: the site model and a compiled theme into output files (paths and bytes).
//!
//! Owns which pages exist and what each shows: dashboard, one page per recommendation,
//! indicator, document and topic, the list pages, the data downloads and the static assets.
//! Pure: `&Site` and `&Theme` in, `Vec<OutputFile>` out, sorted by path. It never touches
//! the disk (that is `write`) and never re-validates content (that was `validate`).

pub mod charts;
pub(crate) mod data;
pub mod i18n;
mod pages;
pub mod views;

use crate::diag::Diagnostics;
use crate::load::ThemeFiles;
use crate::model::*;
use i18n::Translations;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
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

/// Templates every theme must provide.
const TEMPLATES: &[&str] = &[
    "index.html",
    "recommendation.html",
    "indicator.html",
    "document.html",
    "topic.html",
    "recommendations.html",
    "indicators.html",
    "documents.html",
    "topics.html",
    "accessibility.html",
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
            sources.insert(name.clone(), (file.path.clone(), file.text.clone()));
        }
        // All at once: inheritance and macro imports resolve only when every template is in.
        let raw = files
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), file.text.as_str()));
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
                .map_or("", |(_, f)| f.text.as_str());
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
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
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

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
}

/// Where rendered files go as soon as they are made: written to the staging folder by a
/// build, dropped by a check. Called from several threads at once.
pub type Sink<'s> = &'s (dyn Fn(OutputFile) -> Result<(), String> + Sync);

/// Told (work done, work in all) after each unit of rendering, from any thread.
pub type Progress<'p> = &'p (dyn Fn(usize, usize) + Sync);

/// Why rendering failed.
#[derive(Debug)]
pub enum RenderError {
    /// Template problems, as diagnostics naming the template.
    Content(Diagnostics),
    /// The sink could not take a file (writing failed).
    Io(String),
}

/// One unit of parallel work: a page (or a few) and the files that go with it.
enum Job<'a> {
    Dashboard,
    Lists,
    Accessibility,
    Assets,
    Recommendation(&'a Recommendation),
    Indicator(&'a Indicator),
    Document(&'a Document),
    Topic(&'a Topic),
}

/// Renders the whole site in parallel over the immutable model, handing every file to `sink`
/// as soon as it is made, so the site is never held in memory as a whole. Output bytes do not
/// depend on the order the work happens in.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    sink: Sink,
    progress: Progress,
) -> Result<RenderStats, RenderError> {
    let renderer = Renderer::new(site, theme, sink);
    let mut jobs = vec![Job::Dashboard, Job::Lists, Job::Accessibility, Job::Assets];
    jobs.extend(site.recommendations.values().map(Job::Recommendation));
    jobs.extend(site.indicators.values().map(Job::Indicator));
    jobs.extend(site.documents.values().map(Job::Document));
    jobs.extend(site.topics.values().map(Job::Topic));
    let (done, total) = (AtomicUsize::new(0), jobs.len());
    let reports: Vec<Diagnostics> = jobs
        .par_iter()
        .map(|job| {
            let mut diags = Diagnostics::default();
            renderer.run(job, &mut diags);
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            diags
        })
        .collect();
    let mut diags = Diagnostics::default();
    for report in reports {
        diags.extend(report);
    }
    if let Some(error) = renderer.io_error.lock().map_or(None, |mut e| e.take()) {
        return Err(RenderError::Io(error));
    }
    if renderer.failed.load(Ordering::Relaxed) {
        return Err(RenderError::Content(diags));
    }
    Ok(RenderStats {
        pages: renderer.pages.load(Ordering::Relaxed),
        charts: renderer.charts.load(Ordering::Relaxed),
        files: renderer.files.load(Ordering::Relaxed),
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
    /// Each indicator's chart, drawn once and shown on its own page and on every
    /// recommendation that uses it.
    indicator_charts: BTreeMap<&'a str, ChartView>,
    /// Each indicator's whole figure as recommendation pages show it (the theme's chart.html
    /// rendered once), or the template error that prevented it. It holds the chart's marker,
    /// not the SVG, so each drawing is kept in memory once.
    figures: BTreeMap<&'a str, Result<Arc<str>, String>>,
    pages: AtomicUsize,
    charts: AtomicUsize,
    files: AtomicUsize,
    failed: AtomicBool,
    io_error: Mutex<Option<String>>,
    /// Template errors already reported, as (template, message).
    reported: Mutex<BTreeSet<(String, String)>>,
}

impl<'a> Renderer<'a> {
    fn new(site: &'a Site, theme: &'a Theme, sink: Sink<'a>) -> Renderer<'a> {
        let t = &theme.translations;
        let mut base = tera::Context::new();
        base.insert("site", &SiteView::new(site, t));
        base.insert("t", t);
        let indicator_charts: BTreeMap<&str, ChartView> = site
            .indicators
            .par_iter()
            .map(|(id, ind)| {
                (
                    id.as_str(),
                    data::indicator_chart(ind, site.config.as_of, t),
                )
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        // Recommendation pages all sit one folder deep, so one rendering of each figure serves
        // every page that shows it.
        let root = paths::root_of(&paths::recommendation("R"));
        let figures = indicator_charts
            .par_iter()
            .map(|(id, view)| {
                let mut view = view.clone();
                view.details = Some(Link {
                    url: paths::indicator(id),
                    text: site.indicators[*id].title.clone(),
                });
                let mut context = base.clone();
                context.insert("root", &root);
                context.insert("heading", "h3");
                context.insert("chart", &view);
                let figure = theme
                    .tera
                    .render("chart.html", &context)
                    .map(Arc::from)
                    .map_err(|e| error_chain(&e));
                (*id, figure)
            })
            .collect::<Vec<_>>()
            .into_iter()
            .collect();
        Renderer {
            site,
            theme,
            t,
            sink,
            base,
            figures,
            charts: AtomicUsize::new(indicator_charts.len()),
            indicator_charts,
            pages: AtomicUsize::new(0),
            files: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
            io_error: Mutex::new(None),
            reported: Mutex::new(BTreeSet::new()),
        }
    }

    fn run(&self, job: &Job, diags: &mut Diagnostics) {
        match job {
            Job::Dashboard => self.dashboard(diags),
            Job::Lists => self.list_pages(diags),
            Job::Accessibility => self.accessibility(diags),
            Job::Assets => self.assets(),
            Job::Recommendation(rec) => self.recommendation(rec, diags),
            Job::Indicator(ind) => self.indicator(ind, diags),
            Job::Document(doc) => self.document(doc, diags),
            Job::Topic(topic) => self.topic(topic, diags),
        }
    }

    /// Hands a finished file to the sink; the first failure is kept and reported.
    fn emit(&self, file: OutputFile) {
        self.files.fetch_add(1, Ordering::Relaxed);
        if let Err(error) = (self.sink)(file)
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
        self.emit(OutputFile {
            path: charts::FONT_OUTPUT_PATH.to_string(),
            bytes: charts::FONT_BYTES.to_vec(),
        });
    }

    fn count_chart(&self) {
        self.charts.fetch_add(1, Ordering::Relaxed);
    }

    fn page<T: Serialize>(
        &self,
        template: &str,
        path: &str,
        section: &str,
        page: T,
        drawings: Vec<Drawing>,
        diags: &mut Diagnostics,
    ) {
        let mut context = self.base.clone();
        context.insert("root", &paths::root_of(path));
        context.insert("path", path);
        context.insert("section", section);
        context.insert("page", &page);
        match self.theme.tera.render(template, &context) {
            Ok(html) => {
                self.pages.fetch_add(1, Ordering::Relaxed);
                self.emit(OutputFile {
                    path: path.to_string(),
                    bytes: splice(html, &drawings).into_bytes(),
                });
            }
            Err(e) => {
                self.failed.store(true, Ordering::Relaxed);
                let chain = error_chain(&e);
                let variable = missing_variable(&chain);
                // One report per template problem, not one per page that meets it.
                let key = variable.clone().unwrap_or_else(|| chain.clone());
                let first = self
                    .reported
                    .lock()
                    .map_or(true, |mut seen| seen.insert((template.to_string(), key)));
                if !first {
                    return;
                }
                let (file, text) = self
                    .theme
                    .sources
                    .get(template)
                    .cloned()
                    .unwrap_or_default();
                // Tera does not say where in the template a variable was missing; point at
                // the first place the name occurs.
                let offset = variable
                    .as_ref()
                    .and_then(|name| text.find(name.as_str()))
                    .unwrap_or(0);
                let message = match &variable {
                    Some(name) => format!("unknown variable `{name}` in template {template}"),
                    None => chain,
                };
                diags.error_at(&file, &text, offset, message);
                diags.with_hint(format!(
                    "first met while rendering {path}; the README section \"Themes\" lists what templates can use"
                ));
            }
        }
    }
}

/// Every marker starts with this, so one scan of the page finds them all.
const MARKER_PREFIX: &str = "<!--opvolg-";

/// The placeholder a template outputs where a drawing of `kind` and `id` goes: an HTML
/// comment, so a page whose splicing was skipped would still be valid.
fn marker(kind: &str, id: &str) -> String {
    format!("{MARKER_PREFIX}{kind}:{id}-->")
}

/// Puts each drawing where the template placed its marker, in one pass over the page.
/// A drawing may itself hold markers (a pre-rendered figure holds its chart's), which are
/// replaced too, one level deep. Text that looks like a marker but names no drawing of this
/// page is left as it is.
fn splice(html: String, drawings: &[Drawing]) -> String {
    if drawings.is_empty() {
        return html;
    }
    let extra: usize = drawings.iter().map(|(_, svg)| svg.len()).sum();
    let mut out = String::with_capacity(html.len() + extra);
    splice_into(&mut out, &html, drawings, 1);
    out
}

fn splice_into(out: &mut String, html: &str, drawings: &[Drawing], nested: usize) {
    let finder = memchr::memmem::Finder::new(MARKER_PREFIX);
    let mut rest = html;
    while let Some(at) = finder.find(rest.as_bytes()) {
        let tail = &rest[at..];
        let drawing = tail.find("-->").and_then(|end| {
            let marker = &tail[..end + 3];
            drawings
                .iter()
                .find(|(m, _)| m == marker)
                .map(|(_, svg)| (marker.len(), svg))
        });
        match drawing {
            Some((len, content)) => {
                out.push_str(&rest[..at]);
                if nested > 0 {
                    splice_into(out, content, drawings, nested - 1);
                } else {
                    out.push_str(content);
                }
                rest = &tail[len..];
            }
            None => {
                out.push_str(&rest[..at + MARKER_PREFIX.len()]);
                rest = &tail[MARKER_PREFIX.len()..];
            }
        }
    }
    out.push_str(rest);
}

fn missing_variable(message: &str) -> Option<String> {
    let start = message.find("Variable `")? + "Variable `".len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn drawing(kind: &str, id: &str, svg: &str) -> Drawing {
        (marker(kind, id), Arc::from(svg))
    }

    #[test]
    fn splice_replaces_every_marker_of_the_page_once_per_occurrence() {
        let drawings = [
            drawing("chart", "a", "<svg>A</svg>"),
            drawing("figure", "b", "<b/>"),
        ];
        let html = format!(
            "x{}y{}z{}",
            marker("figure", "b"),
            marker("chart", "a"),
            marker("figure", "b")
        );
        assert_eq!(splice(html, &drawings), "x<b/>y<svg>A</svg>z<b/>");
    }

    #[test]
    fn splice_leaves_unknown_and_unfinished_markers_alone() {
        let drawings = [drawing("chart", "a", "<svg/>")];
        let html = format!(
            "{}|{}|<!--opvolg-chart:a",
            marker("chart", "other"),
            marker("chart", "a")
        );
        assert_eq!(
            splice(html, &drawings),
            "<!--opvolg-chart:other-->|<svg/>|<!--opvolg-chart:a"
        );
    }

    #[test]
    fn splice_fills_markers_inside_drawings_one_level_deep() {
        let figure = format!("<figure>{}</figure>", marker("chart", "a"));
        let drawings = [
            drawing("figure", "a", &figure),
            drawing("chart", "a", "<svg/>"),
            // A drawing that contains its own marker must not recurse for ever.
            drawing("chart", "loop", "[<!--opvolg-chart:loop-->]"),
        ];
        let html = format!("{}{}", marker("figure", "a"), marker("chart", "loop"));
        assert_eq!(
            splice(html, &drawings),
            "<figure><svg/></figure>[[<!--opvolg-chart:loop-->]]"
        );
    }

    #[test]
    fn splice_without_drawings_returns_the_page_unchanged() {
        let html = marker("chart", "a");
        assert_eq!(splice(html.clone(), &[]), html);
    }
}
