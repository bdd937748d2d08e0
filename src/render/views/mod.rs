//! The theme contract: what templates see. Types only; the builders that fill them are in
//! `render::pages`, and no other module adds to what a template gets.
//!
//! Every page template gets the same seven variables:
//! - `site` ([`SiteView`]): the site's title, language, `as_of`, description, publisher,
//!   notice, and whether this is a review copy;
//! - `t`: the translation table of the site's language (`t.ui.dashboard`, `t.state.open`, ...;
//!   `i18n/<lang>.toml` of the theme);
//! - `root`: the relative path from the page back to the site root (`""`, `"../"`); every
//!   `url` in a view is relative to the site root, so templates write `{{ root }}{{ x.url }}`
//!   (a URL that starts with `#` is a place on the page itself);
//! - `path`: the page's own path (`recommendations/R1.html`);
//! - `section` ([`Section`]): the part of the site the page belongs to, for the menu;
//! - `csp`: the page's Content-Security-Policy, made by opvolg (the search page's allows its
//!   script), for base.html's `<meta http-equiv="Content-Security-Policy">`;
//! - `page`: the page's own struct. Which struct each template gets, and in which section, is
//!   said once, by [`PageView`] (the table at the end of this file).
//!
//! Partials (included by page templates) get what [`PARTIALS`] lists: `chart.html` gets
//! `chart` ([`ChartView`]) and `heading`; `changes.html` gets `changes` ([`ChangesView`]);
//! `cited_by.html` gets `cited` ([`CitedBy`]); `footnote_ref.html` gets `note`
//! ([`FootnoteRef`]); `footnotes.html` gets `notes` ([`Footnotes`]); `problems.html` (the live
//! preview's errors box) gets `problems` ([`Problems`]).
//!
//! Lists are always named fields of a struct, never bare arrays, so a field can be added later
//! without breaking a theme. Every label is already translated, every date formatted, every
//! number written for the language; dates also come as ISO text (`*_iso`) for `datetime`
//! attributes. The structs change deliberately: they are a public interface, pinned by the
//! reference `docs/theme-context.md` (generated from these types, `opvolg theme context`) and
//! by a snapshot of each template's context (`tests/snapshots/context/`).

mod common;
mod follow_up;
mod pages;
mod partials;

pub use common::*;
pub use follow_up::*;
pub use pages::*;
pub use partials::*;

use schemars::JsonSchema;
use serde::Serialize;

/// The part of the site a page belongs to: the menu marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema, strum::EnumIter)]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    Dashboard,
    Recommendations,
    Indicators,
    Documents,
    Topics,
    Commitments,
    Accessibility,
    OpenData,
    Review,
    Dossier,
    /// The search page, the A–Z index and the filters.
    Search,
    /// The live preview's own pages (not found).
    Preview,
}

/// A page struct: what one template gets as `page`, and the section its pages are in.
pub trait PageView: Serialize + JsonSchema {
    /// The template that renders it.
    const TEMPLATE: &'static str;
    /// The section its pages belong to.
    const SECTION: Section;
}

/// The one table of page struct, template and section.
macro_rules! page_views {
    ($($view:ty => $template:literal, $section:ident;)*) => {
        $(impl PageView for $view {
            const TEMPLATE: &'static str = $template;
            const SECTION: Section = Section::$section;
        })*

        /// Every page template with the name of the struct it gets as `page`, in the order of
        /// the reference.
        pub const PAGE_TEMPLATES: &[(&str, &str)] = &[$(($template, stringify!($view))),*];

        /// The JSON Schema of every page struct, by template: the reference of the contract.
        pub fn page_schemas(generator: &mut schemars::SchemaGenerator) -> Vec<(&'static str, schemars::Schema)> {
            vec![$(($template, generator.subschema_for::<$view>())),*]
        }
    };
}

page_views! {
    DashboardPage => "index.html", Dashboard;
    ChangesPage => "changes_list.html", Dashboard;
    RecommendationList => "recommendations.html", Recommendations;
    RecommendationPage => "recommendation.html", Recommendations;
    IndicatorList => "indicators.html", Indicators;
    IndicatorPage => "indicator.html", Indicators;
    DocumentList => "documents.html", Documents;
    DocumentPage => "document.html", Documents;
    TopicList => "topics.html", Topics;
    TopicPage => "topic.html", Topics;
    CommitmentList => "commitments.html", Commitments;
    AccessibilityPage => "accessibility.html", Accessibility;
    OpenDataPage => "open_data.html", OpenData;
    ReviewPage => "review.html", Review;
    DossierPage => "dossier.html", Dossier;
    SearchPage => "search.html", Search;
    FinderPage => "finder.html", Search;
    NotFoundPage => "not_found.html", Preview;
}

/// The partials opvolg renders or page templates include, with the variable each gets.
pub const PARTIALS: &[(&str, &str)] = &[
    ("chart.html", "chart (ChartView) and heading"),
    ("changes.html", "changes (ChangesView)"),
    ("cited_by.html", "cited (CitedBy)"),
    ("footnote_ref.html", "note (FootnoteRef)"),
    ("footnotes.html", "notes (Footnotes)"),
    ("problems.html", "problems (Problems)"),
];

/// Files of the theme that are not HTML templates, rendered with their own variables: the
/// dossier's print stylesheet gets `print` ([`PrintSetup`]), the search page's script gets
/// `search` ([`SearchSetup`]).
pub const TEXT_TEMPLATES: &[(&str, &str)] = &[
    ("dossier-print.css", "print (PrintSetup)"),
    ("search.js", "search (SearchSetup)"),
];

/// Every template a theme must have.
pub fn required_templates() -> impl Iterator<Item = &'static str> {
    PAGE_TEMPLATES
        .iter()
        .chain(PARTIALS)
        .chain(TEXT_TEMPLATES)
        .map(|(name, _)| *name)
}
