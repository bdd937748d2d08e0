//! The content format: one record per kind of file, each the one description of its file.
//!
//! A record says which fields a file has, which are required (not `Option`, no
//! `#[serde(default)]`), what each holds (closed sets are the model's enums, dates are
//! [`Date`]s) and, in its doc comments, what each field means. From it come the shape check
//! of the file (`shape`, through the record's JSON Schema), the typed values (`de`) and the
//! reference of the format. Values that need the rest of the site to mean something
//! (references to documents, topics, indicators) stay text here, with where they are written
//! ([`At`]), for `validate` to resolve.
//!
//! Indicators are read straight into the model's [`Indicator`](crate::model::Indicator),
//! which is their record.

use super::de::At;
use crate::date::{Date, Period};
use crate::model::{ComplianceStatus, DocumentKind, FollowUpState, Language, Response};
use schemars::JsonSchema;
use serde::Deserialize;

/// `site.toml`: the site's settings.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    /// The site's name, on every page.
    pub title: String,
    /// The language of every interface text: `nl` (the default) or `en`.
    pub language: Option<Language>,
    /// The reporting date: every state is computed against it, never against the clock.
    pub as_of: At<Date>,
    /// The folder under themes/ whose files are laid over the built-in theme.
    pub theme: Option<At<String>>,
    /// The full http(s) address the site is published at (for feed.xml and sitemap.xml).
    pub base_url: Option<At<String>>,
    /// A sentence about the site, on the dashboard and in search results.
    pub description: Option<String>,
    /// Who publishes the site, in every page's footer.
    pub publisher: Option<String>,
    /// A banner on every page ("illustrative figures").
    pub notice: Option<String>,
    /// Let raw HTML in Markdown through, sanitized, instead of showing it as text.
    pub allow_html: Option<bool>,
    /// The facts of the accessibility statement.
    pub accessibility: Option<AccessibilityFile>,
    /// What the review copy counts as needing attention.
    pub review: Option<ReviewFile>,
    /// The Atom feed.
    pub feed: Option<FeedFile>,
    /// Long lists in pages.
    pub lists: Option<ListsFile>,
}

/// `[feed]` in site.toml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FeedFile {
    /// How many of the newest entries feed.xml holds (1 to 100,000, default 100).
    pub limit: Option<At<f64>>,
}

/// `[lists]` in site.toml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ListsFile {
    /// Rows per page of a long list (10 to 10,000, default 100).
    pub page_size: Option<At<f64>>,
}

/// `[review]` in site.toml.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReviewFile {
    /// A follow-up without a status entry for this many months is stale (default 6).
    pub stale_after_months: Option<At<f64>>,
}

/// `[accessibility]` in site.toml: the facts of the accessibility statement.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccessibilityFile {
    /// How far the site complies with WCAG (default `not_assessed`).
    #[schemars(title = "accessibility status")]
    pub status: Option<ComplianceStatus>,
    /// When accessibility was last assessed.
    pub evaluated: Option<At<Date>>,
    /// How it was assessed.
    pub method: Option<String>,
    /// What does not comply yet, and what is planned.
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// An e-mail address or an https:// address for feedback.
    pub contact: Option<At<String>>,
}

/// The front matter of `content/index.md` (optional).
#[derive(Debug, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct HomeFile {
    /// The dashboard's heading, instead of the site's title.
    pub title: Option<String>,
}

/// The front matter of `content/documents/<id>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentFile {
    pub title: String,
    /// The document's date; not after `as_of`.
    pub date: At<Date>,
    /// What the document is: `report`, `response`, `progress` (a reporting moment), `reply`
    /// (the reviewer's reaction to a response) or `other`.
    pub kind: DocumentKind,
    /// The reference number (kenmerk).
    pub reference: Option<String>,
    pub author: Option<String>,
    /// Where the original is published (http or https).
    pub url: Option<At<String>>,
}

/// The front matter of `content/topics/<id>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicFile {
    pub title: String,
}

/// The front matter of `content/recommendations/<id>.md`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendationFile {
    /// Equal to the file name without `.md`.
    pub id: At<String>,
    pub title: String,
    /// The id of the document that makes the recommendation.
    pub source: At<String>,
    /// Whom the recommendation is addressed to.
    #[serde(default)]
    pub addressed_to: Vec<String>,
    /// The id of the recommendation this one is a part of (`R3` for `R3a`): a part has its own
    /// answer, commitments and follow-up, and its parent's page lists its parts.
    pub part_of: Option<At<String>>,
    /// Topic ids.
    #[serde(default)]
    pub topics: Vec<At<String>>,
    /// The government's answer.
    pub response: At<Response>,
    /// Where the answer is: `document` or `document#anchor`; required unless the response is
    /// `pending`.
    pub response_ref: Option<At<String>>,
    /// Later changes of the answer, oldest first (accepted in 2020, withdrawn in 2023).
    #[serde(default)]
    pub response_changes: Vec<ResponseChangeFile>,
    /// Where the reviewer, auditor or inspectorate replies to the answer about this
    /// recommendation: `document` or `document#anchor`, a document of kind `reply`.
    pub reply_ref: Option<At<String>>,
    /// Ids of the indicators that measure the follow-up.
    #[serde(default)]
    pub indicators: Vec<At<String>>,
    /// What was promised, by whom and by when.
    #[serde(default)]
    pub commitments: Vec<CommitmentFile>,
    /// The follow-up history, oldest first; at least one entry.
    #[serde(default)]
    pub status: Vec<StatusFile>,
}

/// `[[response_changes]]`: the answer changed.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResponseChangeFile {
    /// When the answer changed; not after `as_of`, and not before the change above it.
    pub date: At<Date>,
    /// The answer from this day on: `withdrawn` when an accepted recommendation is dropped.
    pub response: At<Response>,
    /// Why it changed: an answer never changes without a reason.
    pub reason: At<String>,
    /// Where the change is announced: `document` or `document#anchor`.
    #[serde(rename = "ref")]
    pub reference: At<String>,
}

/// `[[commitments]]` of a recommendation.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CommitmentFile {
    /// What was promised.
    pub text: At<String>,
    /// Who is to keep the promise.
    pub owner: String,
    /// The deadline in force now, as precisely as the source gives it: a day (2025-06-30), or
    /// in quotes a month ("2025-06"), quarter ("2025-Q2"), half year ("2025-H1") or year
    /// ("2025"). Leave it out when no deadline was given: the commitment is then never overdue.
    pub due: Option<At<Period>>,
    /// When it was fulfilled; not after `as_of`.
    pub done: Option<At<Date>>,
    /// Where it was promised: `document` or `document#anchor`.
    #[serde(rename = "ref")]
    pub reference: Option<At<String>>,
    /// The earlier deadlines, oldest first, and why each moved.
    #[serde(default)]
    pub revisions: Vec<RevisionFile>,
}

/// `[[commitments.revisions]]`: an earlier deadline, and why it moved.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RevisionFile {
    /// When the deadline was moved.
    pub date: At<Date>,
    /// The deadline before the move, in any of the forms of `due`; left out when the
    /// commitment had no deadline before.
    pub previous_due: Option<At<Period>>,
    /// Why it moved: a deadline never moves without a reason.
    pub reason: At<String>,
    /// Where the move was announced.
    #[serde(rename = "ref")]
    pub reference: Option<At<String>>,
}

/// `[[status]]`: one entry of the follow-up history.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusFile {
    /// Not after `as_of`, and not before the entry above it.
    pub date: At<Date>,
    /// Where the follow-up stands from this day on.
    pub state: FollowUpState,
    pub note: String,
    /// Where it is reported: `document` or `document#anchor`.
    #[serde(rename = "ref")]
    pub reference: Option<At<String>>,
}
