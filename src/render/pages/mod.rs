//! The pages of the site: what each one shows, built from the model into the theme's view
//! structs (`views`) and rendered with the template its struct names. One module per page
//! (or kind of page); `anchors` names the rows of a recommendation's tables, `parts` builds what several pages show (rows, commitments, histories,
//! lists in pages), `changes` and `review` word what changed and what to check.
//!
//! Builders get a [`Ctx`]: the site, the texts, the reporting moments, and where pages are
//! ([`Places`]), so the same builder makes the site's pages and the dossier's sections. They
//! never write files (the renderer hands what they make to the sink).

mod accessibility;
pub(super) mod anchors;
pub(super) mod changes;
pub(super) mod dashboard;
mod document;
mod dossier;
pub mod indicator;
mod lists;
mod open_data;
pub(super) mod parts;
mod recommendation;
pub mod review;
pub mod search;

use super::i18n::{Text, Translations};
use super::views::Label;
use crate::date::Date;
use crate::history::Moment;
use crate::model::Site;
use crate::paths::Output;

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
    pub site: &'a Site,
    pub t: &'a Translations,
    /// Where pages are.
    pub places: &'a dyn Places,
    /// The site's reporting moments, oldest first (see `history::moments`).
    pub moments: &'a [Moment],
}

impl<'a> Ctx<'a> {
    /// The site's reporting date.
    pub fn as_of(&self) -> Date {
        self.site.config.as_of
    }

    /// The last reporting moment before `as_of`: what "new since" and "changed since" count
    /// from.
    pub fn since(&self) -> Option<&'a Moment> {
        let as_of = self.as_of();
        self.moments.iter().rfind(|m| m.date < as_of)
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
