//! The parts of the contract every kind of page uses: the site, labels, links, tables,
//! charts, and the pages of a long list.

use schemars::JsonSchema;
use serde::Serialize;

/// `site`: the facts of the site, the same on every page.
#[derive(Serialize, JsonSchema)]
pub struct SiteView {
    /// The site's title (site.toml `title`).
    pub title: String,
    /// The language code of every interface text: `nl` or `en`.
    pub lang: &'static str,
    /// The reporting date, written for the language ("30 juni 2024").
    pub as_of: String,
    /// The reporting date as `YYYY-MM-DD`.
    pub as_of_iso: String,
    /// A sentence about the site (site.toml `description`).
    pub description: Option<String>,
    /// Who publishes the site (site.toml `publisher`).
    pub publisher: Option<String>,
    /// A banner for every page (site.toml `notice`).
    pub notice: Option<String>,
    /// The absolute address the site is published at, ending in `/` (site.toml `base_url`).
    pub base_url: Option<String>,
    /// This is a review copy (`build --review`): not for publication.
    pub review: bool,
}

/// A value of a closed set (a state, a response, a kind): its key for CSS classes and shapes,
/// and its text in the site's language.
#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Label {
    /// The value's key, as content writes it: `in_progress`.
    pub key: &'static str,
    /// Its text: "in uitvoering".
    pub text: String,
}

/// A link to a page of the site or a place on one.
#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
pub struct Link {
    /// Relative to the site root (`documents/d.html#aanleiding`); a URL that starts with `#`
    /// is a place on the page that shows it.
    pub url: String,
    /// The link's text.
    pub text: String,
}

/// A table of figures or facts, as a chart's numbers are shown.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct Table {
    /// The table's caption.
    pub caption: String,
    /// The column headings.
    pub columns: Vec<String>,
    /// The rows; the first cell of each row is a row header.
    pub rows: Vec<Vec<String>>,
}

/// A chart with its caption, text alternative and numbers.
#[derive(Serialize, JsonSchema, Clone, Debug)]
pub struct ChartView {
    /// The id of its figure on the page (`_chart.amv-ter-apel`, `_timeline.R1`).
    pub id: String,
    /// The chart's title.
    pub title: String,
    /// The text alternative: what the chart shows, the latest values against the target.
    pub description: String,
    /// The SVG of a chart drawn into the page: templates output it with `| safe`. Empty for
    /// a chart that is a file of its own (`image`).
    pub svg: String,
    /// The chart's SVG file (from the site root), for a chart shown as an image: an
    /// indicator's chart is one file, cached once by the browser for every page that shows it.
    pub image: Option<String>,
    /// The drawing's width in SVG pixels (pages scale it to their width).
    pub width: u32,
    /// The drawing's height in SVG pixels.
    pub height: u32,
    /// The chart's numbers (no rows when they are elsewhere: see `more`).
    pub table: Table,
    /// Set when the numbers are not official: the warning shown with chart and table.
    pub provenance_warning: Option<String>,
    /// Whether the numbers are official, provisional or illustrative.
    pub provenance: Option<Label>,
    /// A link to the page that explains the chart's data, when it is not the current page.
    pub details: Option<Link>,
    /// Where the numbers are, when `table` does not hold them all.
    pub more: Option<Link>,
}

/// Where one page of a long list is among its pages.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Pagination {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// "Page 2 of 100".
    pub label: String,
    /// "101–200 of 10,000": the rows of this page.
    pub showing: String,
    /// The previous page (from the site root), if there is one.
    pub previous: Option<String>,
    /// The next page (from the site root), if there is one.
    pub next: Option<String>,
    /// The first and the last page and the two on either side of this one, in order; `null`
    /// stands for the pages left out between them.
    pub pages: Vec<Option<PageLink>>,
}

/// A link to one page of a long list.
#[derive(Serialize, JsonSchema, Debug)]
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// The page, from the site root.
    pub url: String,
    /// It is the page that shows this link.
    pub is_current: bool,
}

/// A list cut short where it is shown, and where the rest is.
#[derive(Serialize, JsonSchema, Debug)]
pub struct More {
    /// "and 34 more".
    pub text: String,
    /// The complete list.
    pub link: Link,
}

/// A label with a count: a row of a summary table.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CountRow {
    /// What is counted.
    pub label: Label,
    /// How many.
    pub count: usize,
}
