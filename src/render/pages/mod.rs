//! The pages of the site: what each one shows, built from the model into the theme's view
//! structs (`views`) and rendered with the template its struct names. One module per page
//! (or kind of page), each with the function that does its job; `anchors` names the rows of
//! a recommendation's tables, `parts` builds what several pages show (rows, commitments,
//! histories, lists in pages), `changes` and `review` word what changed and what to check.
//!
//! Builders get a [`Ctx`]: the site as the job reads it (every read recorded, see `reads`),
//! the texts, the reporting moments, and where pages are ([`Places`]), so the same builder
//! makes the site's pages and the dossier's sections. A job hands what it makes to an
//! [`Out`] (the renderer: templates, the sink); pages never write files and never see the
//! renderer itself.

pub(super) mod accessibility;
pub(super) mod anchors;
pub(super) mod changes;
pub(super) mod dashboard;
pub(super) mod document;
pub(super) mod dossier;
pub mod indicator;
pub(super) mod lists;
pub(super) mod open_data;
pub(super) mod parts;
pub(super) mod recommendation;
pub mod review;
pub mod search;

use super::i18n::{Text, Translations};
use super::options::RenderOptions;
use super::output::{OutputFile, Stream};
use super::reads::SiteReads;
use super::views::{CitedBy, Label, PageView};
use crate::date::Date;
use crate::diag::Diagnostics;
use crate::history::Moment;
use crate::markdown::HtmlOptions;
use crate::model::Body;
use crate::paths::Output;

/// The recommendations that cite a section of a text, by the section's anchor: what the
/// theme's `cited_by.html` shows after the section's heading.
pub type Cited<'c> = &'c dyn Fn(&str) -> Option<CitedBy>;

/// What a job does with what it makes: render a page with its template, turn a text into
/// HTML with the theme's markup, hand files to the sink. The renderer is the one `Out`; pages
/// use it without knowing it.
pub trait Out: Sync {
    /// Renders `page` with its template into the file `path`; a template's failure is a
    /// problem of the template (in `diags`).
    fn page<P: PageView>(&self, cx: &Ctx, path: &str, page: P, diags: &mut Diagnostics) {
        self.page_with_script(cx, path, page, None, diags);
    }

    /// [`Out::page`] for a page with an inline script of its own (the search page's), which
    /// the page's policy (`csp`) allows; the theme is told when the page lacks that policy.
    fn page_with_script<P: PageView>(
        &self,
        cx: &Ctx,
        path: &str,
        page: P,
        script: Option<&str>,
        diags: &mut Diagnostics,
    );

    /// Hands a finished file to the sink.
    fn emit(&self, file: OutputFile);

    /// Hands a file to the sink when it could be made; when it could not, that is a problem
    /// of the file (never an empty file in its place).
    fn emit_made(&self, path: &str, made: Result<Vec<u8>, String>, diags: &mut Diagnostics);

    /// Streams the file at `path` into the sink as `write` makes it.
    fn emit_stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn Stream) -> Result<(), String>,
        diags: &mut Diagnostics,
    );

    /// A text as HTML on the page at `path`: its links become URLs relative to the page, its
    /// footnotes and (with `cited`) the recommendations that cite each section come from the
    /// theme's partials.
    fn text_html(
        &self,
        cx: &Ctx,
        body: &Body,
        path: &str,
        cited: Option<Cited>,
        diags: &mut Diagnostics,
    ) -> String;

    /// Markdown to HTML with the theme's markup, for the page at `path`.
    fn markdown(
        &self,
        body: &Body,
        options: HtmlOptions,
        path: &str,
        cited: Option<Cited>,
        diags: &mut Diagnostics,
    ) -> String;

    /// Renders the partial `template` with one variable, `name`, for the page at `page_path`;
    /// a problem becomes a diagnostic.
    fn partial<T: serde::Serialize>(
        &self,
        template: &str,
        page_path: &str,
        name: &str,
        value: &T,
        diags: &mut Diagnostics,
    ) -> Option<String>;

    /// Counts a chart drawn (for the build's summary).
    fn count_chart(&self);

    fn options(&self) -> RenderOptions;
}

/// Where the pages of the site are, for what is being made: URLs from the site root (the
/// site's own pages), or the sections of the dossier.
pub trait Places: Sync {
    /// The URL of `output`, and of a place on it (`fragment`), from the site root.
    fn url(&self, output: &Output, fragment: Option<&str>) -> String;
}

/// The site's own pages: each output at its path.
pub struct SitePages;

impl Places for SitePages {
    fn url(&self, output: &Output, fragment: Option<&str>) -> String {
        let mut url = output.path();
        if let Some(fragment) = fragment {
            url.push('#');
            url.push_str(fragment);
        }
        url
    }
}

/// What every builder works from.
#[derive(Clone, Copy)]
pub struct Ctx<'a> {
    /// The model, as this job reads it.
    pub site: SiteReads<'a>,
    pub t: &'a Translations,
    /// Where pages are.
    pub places: &'a dyn Places,
    /// The site's reporting moments, oldest first (see `history::moments`); read through
    /// [`Ctx::moments`], which records the read.
    moments: &'a [Moment],
}

impl<'a> Ctx<'a> {
    pub fn new(
        site: SiteReads<'a>,
        t: &'a Translations,
        places: &'a dyn Places,
        moments: &'a [Moment],
    ) -> Ctx<'a> {
        Ctx {
            site,
            t,
            places,
            moments,
        }
    }

    /// The site's reporting date.
    pub fn as_of(&self) -> Date {
        self.site.config().as_of
    }

    /// The site's reporting moments, oldest first.
    pub fn moments(&self) -> &'a [Moment] {
        self.site.note_moments();
        self.moments
    }

    /// The last reporting moment before `as_of`: what "new since" and "changed since" count
    /// from.
    pub fn since(&self) -> Option<&'a Moment> {
        let as_of = self.as_of();
        self.moments().iter().rfind(|m| m.date < as_of)
    }

    /// The URL of `output` (and a place on it), from the site root.
    pub fn url(&self, output: Output, fragment: Option<&str>) -> String {
        self.places.url(&output, fragment)
    }

    /// A value of a closed set with its text in the site's language.
    pub fn label<K: Text>(&self, value: K) -> Label {
        Label {
            key: value.key(),
            text: self.t.text(value).to_string(),
        }
    }

    /// Same as [`Ctx`] with other places.
    pub fn with_places(self, places: &'a dyn Places) -> Ctx<'a> {
        Ctx { places, ..self }
    }
}
