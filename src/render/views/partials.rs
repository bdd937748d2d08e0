//! What the partials opvolg renders itself get: the parts of a text (footnotes, the
//! recommendations that cite a section), the preview's errors box, and the dossier's print
//! setup.

use super::common::Link;
use schemars::JsonSchema;
use serde::Serialize;

/// `cited_by.html`: the recommendations that cite one section of a document, placed right
/// after that section's heading.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CitedBy {
    /// The recommendations, in natural order of their ids.
    pub links: Vec<Link>,
}

/// `footnote_ref.html`: one reference to a footnote, where the text makes it.
#[derive(Serialize, JsonSchema, Debug)]
pub struct FootnoteRef {
    /// The id of the reference (`_fnref.1`, `_fnref.1.2` for a second reference), where the
    /// footnote links back to.
    pub id: String,
    /// The footnote's number, by first reference.
    pub number: usize,
    /// The footnote, on this page: `#_fn.1`.
    pub url: String,
}

/// `footnotes.html`: the footnotes of a text, after it.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Footnotes {
    /// The footnotes, numbered by first reference.
    pub notes: Vec<Footnote>,
}

/// One footnote.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Footnote {
    /// The id of its item (`_fn.1`).
    pub id: String,
    /// Its number.
    pub number: usize,
    /// Its text, as HTML (output it with `| safe`).
    pub html: String,
    /// A way back to every place that refers to it (none for an unreferenced one); the texts
    /// are "1", "1 (2)", ...
    pub back: Vec<Link>,
}

/// `problems.html`: the live preview's box of the site's errors, at the top of every page.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Problems {
    /// The problems as the terminal shows them: file:line:column, the text underlined.
    pub text: String,
    /// The pages show the last version without errors (else there is none yet).
    pub last_valid_site: bool,
}

/// `dossier-print.css`: the dossier's page setup when printed.
#[derive(Serialize, JsonSchema, Debug)]
pub struct PrintSetup {
    /// The running head of every page: the site's title and `as_of`.
    pub running_head: String,
    /// The page number's text before the number ("page " of "page {page}").
    pub page_before: String,
    /// The page number's text after the number.
    pub page_after: String,
}
