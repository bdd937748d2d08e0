//! The typed site model: what a valid site *is*, after loading and validation.
//!
//! Everything downstream (render, write) reads only this model. It is immutable once built,
//! uses sorted collections only (so iteration order never depends on hashing or on the
//! directory walk), and depends on nothing else in the crate except `date` and `paths` (what
//! a link points at is a file the site publishes).
//! Computed facts that depend on `as_of` (overdue, target state, current state) live here as
//! methods, so every page computes them the same way.

use crate::date::{Date, Period};
use crate::paths::Output;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Declares a closed set: an enum whose values content writes by key (snake case), with
/// everything each such set needs (ordering, keys, serde and its JSON Schema).
macro_rules! closed_set {
    ($(#[$meta:meta])* pub enum $name:ident { $($variant:ident),* $(,)? }) => {
        $(#[$meta])*
        #[derive(
            Debug,
            Clone,
            Copy,
            PartialEq,
            Eq,
            PartialOrd,
            Ord,
            strum::EnumIter,
            strum::IntoStaticStr,
            serde::Serialize,
            serde::Deserialize,
            schemars::JsonSchema,
        )]
        #[strum(serialize_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($variant),*
        }
    };
}

/// A value of a closed set that content writes by its key (`state = "in_progress"`): the
/// key is the variant's name in snake_case, and `all` lists the values in declaration order
/// (the order pages list them in).
pub trait Keyed: Copy + Into<&'static str> + strum::IntoEnumIterator + 'static {
    fn key(self) -> &'static str {
        self.into()
    }

    fn all() -> Vec<Self> {
        Self::iter().collect()
    }
}

impl<T: Copy + Into<&'static str> + strum::IntoEnumIterator + 'static> Keyed for T {}

/// Compares ids the way people count: R2 before R10, SZW-2 before SZW-10. Ids that natural
/// order sees as equal fall back to plain text order, so the order is total and stable.
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    alphanumeric_sort::compare_str(a, b).then_with(|| a.cmp(b))
}

/// The items of an id-keyed map in the natural order of their ids: the order of every list,
/// table and download of the site.
pub fn in_natural_order<T>(map: &BTreeMap<String, Arc<T>>) -> Vec<&Arc<T>> {
    let mut items: Vec<(&String, &Arc<T>)> = map.iter().collect();
    items.sort_by(|(a, _), (b, _)| natural_order(a, b));
    items.into_iter().map(|(_, item)| item).collect()
}

/// A whole validated site.
#[derive(Debug, Clone)]
pub struct Site {
    pub config: SiteConfig,
    /// The dashboard's introduction (Markdown) and optional heading override.
    pub home: Home,
    // Items are shared (`Arc`) so that a rebuilt model shares every unchanged item with the
    // one before it: `serve` rebuilds the model on every change and finds what changed by
    // pointer.
    pub documents: BTreeMap<String, Arc<Document>>,
    pub topics: BTreeMap<String, Arc<Topic>>,
    pub recommendations: BTreeMap<String, Arc<Recommendation>>,
    pub indicators: BTreeMap<String, Arc<Indicator>>,
    /// Cross-references computed once during validation.
    pub index: CrossIndex,
    /// Files under content/ that pages link to, by output path (the same path as under
    /// content/), published next to the pages.
    pub attachments: BTreeMap<String, Arc<[u8]>>,
    /// Links from Markdown to a `#fragment` that is not a heading of the target's text (a
    /// section of the template, a footnote): whether the id exists is only known once the target
    /// page is rendered. By the target page.
    pub pending_anchors: BTreeMap<Output, Vec<PendingAnchor>>,
}

/// Where a link in a text leads, as validation resolved it: a file the site publishes
/// (`None`: the page that shows the text), with the query and fragment as written. Each
/// output that shows the text makes its own URL of it (`paths`, the dossier).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    pub output: Option<Output>,
    pub query: Option<String>,
    pub fragment: Option<String>,
}

/// A link to `#anchor` on a page, to be checked when that page is rendered; where the link
/// is written, to report it there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingAnchor {
    pub anchor: String,
    /// The file with the link, relative to the site root.
    pub file: String,
    /// That file's text, to underline the link in a report.
    pub text: Arc<str>,
    /// The link's bytes in the file.
    pub span: std::ops::Range<usize>,
}

/// A Markdown text as a page shows it: the end of its file's text, shared with the file (and
/// with every copy of the item) rather than copied.
#[derive(Debug, Clone, Default)]
pub struct Body {
    /// The text of the whole file.
    pub text: Arc<str>,
    /// Where the Markdown starts in `text`: it runs to the end.
    pub start: usize,
    /// Headings in order, with their stable anchors (shared with validation's copy).
    pub headings: Arc<[Heading]>,
    /// Links and images to pages and files of the site: the destination as written -> what
    /// it points at.
    pub links: BTreeMap<String, LinkTarget>,
}

impl Body {
    /// A body that is all of `markdown` (tests, generated texts).
    pub fn of(markdown: &str) -> Body {
        Body {
            text: Arc::from(markdown),
            ..Body::default()
        }
    }

    pub fn markdown(&self) -> &str {
        self.text.get(self.start..).unwrap_or_default()
    }

    pub fn heading(&self, anchor: &str) -> Option<&Heading> {
        self.headings.iter().find(|h| h.anchor == anchor)
    }
}

impl PartialEq for Body {
    /// The same Markdown, headings and links: where in which file it is written does not
    /// change what a page shows.
    fn eq(&self, other: &Body) -> bool {
        self.markdown() == other.markdown()
            && self.headings == other.headings
            && self.links == other.links
    }
}

impl Eq for Body {}

/// `site.toml`.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteConfig {
    pub title: String,
    pub language: Language,
    pub as_of: Date,
    pub theme: String,
    /// The absolute http(s) address the site is published at, ending in `/`.
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    /// A banner shown on every page (for example "example site, illustrative data").
    pub notice: Option<String>,
    /// Raw HTML in Markdown is passed through (sanitized) instead of escaped.
    pub allow_html: bool,
    pub accessibility: Accessibility,
    pub review: ReviewSettings,
    /// `[feed] limit`: feed.xml holds this many of the newest entries (default 100).
    pub feed_limit: usize,
    /// `[lists] page_size`: a list longer than this is split into pages (default 100).
    pub page_size: usize,
}

/// How many entries feed.xml holds when site.toml does not say.
pub const DEFAULT_FEED_LIMIT: usize = 100;
/// How many rows a page of a list shows when site.toml does not say.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// `[review]`: what the review copy counts as needing attention.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewSettings {
    /// A recommendation without a status entry in this many months is stale.
    pub stale_after_months: u32,
}

impl Default for ReviewSettings {
    fn default() -> ReviewSettings {
        ReviewSettings {
            stale_after_months: 6,
        }
    }
}

/// The facts of the accessibility statement (the Dutch "toegankelijkheidsverklaring").
#[derive(Debug, Clone, PartialEq)]
pub struct Accessibility {
    pub status: ComplianceStatus,
    pub evaluated: Option<Date>,
    pub method: Option<String>,
    pub known_issues: Vec<String>,
    /// An e-mail address or a web address for feedback.
    pub contact: Option<String>,
}

closed_set! {
    pub enum ComplianceStatus {
        Compliant,
        PartiallyCompliant,
        NotCompliant,
        NotAssessed,
    }
}

closed_set! {
    /// The interface language.
    pub enum Language {
        Nl,
        En,
    }
}

impl Language {
    /// The language's code: `nl`, `en`.
    pub fn code(self) -> &'static str {
        self.into()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Home {
    pub title: Option<String>,
    pub body: Body,
}

/// A source document: a letter, report, response or progress letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub date: Date,
    pub kind: DocumentKind,
    pub reference: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    /// The full text, with its headings.
    pub body: Body,
}

impl Document {
    pub fn heading(&self, anchor: &str) -> Option<&Heading> {
        self.body.heading(anchor)
    }
}

closed_set! {
    pub enum DocumentKind {
        Report,
        Response,
        Progress,
        // The reviewer's, auditor's or inspectorate's reaction to a response (nawoord).
        Reply,
        Other,
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    pub level: u8,
    pub anchor: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    pub id: String,
    pub title: String,
    pub body: Body,
}

/// A place in a document: the document, and optionally a heading anchor in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocRef {
    pub document: String,
    pub anchor: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Recommendation {
    pub id: String,
    pub title: String,
    pub source: String,
    pub addressed_to: Vec<String>,
    /// The recommendation this one is a part of.
    pub part_of: Option<String>,
    pub topics: Vec<String>,
    /// The first answer.
    pub response: Response,
    /// Where the first answer is; `None` while the response is pending.
    pub response_ref: Option<DocRef>,
    /// Later changes of the answer, oldest first (accepted, then withdrawn).
    pub response_changes: Vec<ResponseChange>,
    /// The reviewer's reply to the answer: where it speaks of this recommendation.
    pub reply_ref: Option<DocRef>,
    pub indicators: Vec<String>,
    pub commitments: Vec<Commitment>,
    /// Oldest first; never empty; no entry after `as_of`.
    pub status: Vec<StatusEntry>,
    pub body: Body,
}

impl Recommendation {
    /// The last status entry: where the follow-up stands.
    pub fn current(&self) -> &StatusEntry {
        self.status
            .last()
            .expect("validation guarantees a status entry")
    }

    /// The status entry in force on `date`: the last one dated on or before it; `None`
    /// before the first (nothing was reported yet).
    pub fn state_at(&self, date: Date) -> Option<&StatusEntry> {
        self.status.iter().rfind(|s| s.date <= date)
    }

    /// The answer in force now: the last change's, or the first.
    pub fn current_response(&self) -> Response {
        self.response_changes
            .last()
            .map_or(self.response, |c| c.response)
    }

    /// The answer in force on `date`.
    pub fn response_at(&self, date: Date) -> Response {
        self.response_changes
            .iter()
            .rfind(|c| c.date <= date)
            .map_or(self.response, |c| c.response)
    }

    pub fn open_commitments(&self) -> usize {
        self.open_commitments_at(Date::MAX)
    }

    /// Commitments not fulfilled on `date`.
    pub fn open_commitments_at(&self, date: Date) -> usize {
        self.commitments.iter().filter(|c| !c.done_by(date)).count()
    }

    pub fn overdue_commitments(&self, as_of: Date) -> usize {
        self.commitments
            .iter()
            .filter(|c| c.is_overdue(as_of))
            .count()
    }
}

closed_set! {
    /// The government's answer to a recommendation.
    pub enum Response {
        // It will do what is recommended.
        Accepted,
        // It will do part of it.
        PartiallyAccepted,
        // It will not do it.
        Rejected,
        // It takes note without saying whether it will do it.
        Noted,
        // It accepted earlier and has since decided not to do it (a later answer).
        Withdrawn,
        // Not answered yet: the answer is awaited.
        Pending,
    }
}

/// The answer changed: from `date` on it is `response`, for `reason`, as announced in
/// `reference`.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseChange {
    pub date: Date,
    pub response: Response,
    pub reason: String,
    pub reference: DocRef,
    /// Where the change is written.
    pub at: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Commitment {
    pub text: String,
    pub owner: String,
    /// The deadline in force now (after every revision), as precisely as it was given; `None`
    /// when none was: such a commitment is never overdue.
    pub due: Option<Period>,
    pub done: Option<Date>,
    pub reference: Option<DocRef>,
    /// Earlier deadlines and why they moved, oldest first.
    pub revisions: Vec<Revision>,
    /// Where the commitment is written.
    pub at: Location,
}

/// A deadline that moved: on `date`, `previous_due` gave way to the next deadline. A
/// commitment that had no deadline and got one has a revision without `previous_due`.
#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub date: Date,
    pub previous_due: Option<Period>,
    pub reason: String,
    pub reference: Option<DocRef>,
    pub at: Location,
}

impl Commitment {
    /// The deadline first promised.
    pub fn original_due(&self) -> Option<Period> {
        self.revisions.first().map_or(self.due, |r| r.previous_due)
    }

    /// The deadline in force on `date`: the one set by the last revision on or before it.
    pub fn due_at(&self, date: Date) -> Option<Period> {
        match self.revisions.iter().rposition(|r| r.date <= date) {
            None => self.original_due(),
            Some(k) => self
                .revisions
                .get(k + 1)
                .map_or(self.due, |next| next.previous_due),
        }
    }

    /// Every deadline the commitment has had, oldest first: the original, each one a move set,
    /// and the one in force now.
    pub fn deadlines(&self) -> impl Iterator<Item = Option<Period>> + '_ {
        self.revisions
            .iter()
            .map(|r| r.previous_due)
            .chain(std::iter::once(self.due))
    }

    /// Fulfilled on or before `date`.
    pub fn done_by(&self, date: Date) -> bool {
        self.done.is_some_and(|done| done <= date)
    }

    /// Not fulfilled by `date`, and the deadline in force then ended before it: a deadline of
    /// June 2025 is missed from 1 July 2025; one not given is never missed.
    pub fn is_overdue_at(&self, date: Date) -> bool {
        !self.done_by(date) && passed(self.due_at(date), date)
    }

    /// Overdue on the reporting date.
    pub fn is_overdue(&self, as_of: Date) -> bool {
        self.is_overdue_at(as_of)
    }

    /// Done, but after the deadline in force on the day it was done.
    pub fn was_late(&self) -> bool {
        self.done
            .is_some_and(|done| passed(self.due_at(done), done))
    }
}

/// Whether a deadline (or a target's date) ended before `date`; one not given never has.
pub fn passed(deadline: Option<Period>, date: Date) -> bool {
    deadline.is_some_and(|d| d.end() < date)
}

/// The last day of a deadline, for ordering: a deadline not given comes after every other.
pub fn deadline_end(deadline: Option<Period>) -> Date {
    deadline.map_or(Date::MAX, Period::end)
}

/// Where something is written: a file (relative to the site root) and a 1-based line, for
/// messages about the model (the review's findings) that must point into the content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Location {
    pub path: Arc<str>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StatusEntry {
    pub date: Date,
    pub state: FollowUpState,
    pub note: String,
    pub reference: Option<DocRef>,
    /// Where the entry is written.
    pub at: Location,
}

closed_set! {
    /// Where the follow-up of a recommendation stands.
    pub enum FollowUpState {
        // Nothing has been done yet.
        Open,
        // Work is under way.
        InProgress,
        // Part of it is done, and the rest is still to come or will not come.
        PartiallyImplemented,
        // Done as recommended (or as accepted).
        Implemented,
        // Not done, although it was meant to be (it failed or ran out).
        NotImplemented,
        // Not done by decision: the government dropped it or withdrew its acceptance.
        Dropped,
        // Overtaken by another measure or recommendation.
        Superseded,
    }
}

/// An indicator: `data/indicators/<id>.json`. This type is the file's record: the shape the
/// file is checked against, what it is read into, the JSON download (which reads back as a data
/// file) and each indicator of `site.json` are all this one declaration, so a field added here
/// is read, checked, published and described everywhere at once.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// The indicator's id: its file name without `.json`.
    pub id: String,
    /// What it counts, as a heading.
    pub title: String,
    /// The unit of every figure, written after it: "aantal amv", "%", "million". Required
    /// with `series`; an indicator with a `milestone` has no figures and needs none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// A currency sign written before every figure ("£", "€"), so pages say "£112 million"
    /// with `"unit": "million"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prefix: Option<String>,
    /// What the figures are and how they are counted.
    pub description: String,
    /// Who publishes the figures.
    pub source: IndicatorSource,
    /// Whether the figures are official, provisional or illustrative (invented).
    pub provenance: Provenance,
    /// How the figures are drawn (default `line`).
    #[serde(default = "line_chart")]
    pub chart: ChartKind,
    /// How many decimals every figure is shown with; without it, each figure is shown with
    /// the decimals it was written with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = MAX_DECIMALS))]
    pub decimals: Option<u8>,
    /// The level to reach, judged on the first series.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    /// A target that is not a number ("a Commissioner is in post"), judged by dated checks
    /// instead of figures: an indicator has either this or `series`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub milestone: Option<Milestone>,
    /// The figures, one series or more; each series has at least one point, in period order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub series: Vec<Series>,
    /// Where its parts are written, for the review's findings.
    #[serde(skip)]
    pub places: IndicatorPlaces,
}

/// Where an indicator's parts are written in its data file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct IndicatorPlaces {
    /// The `id` field.
    pub id: Location,
    pub provenance: Location,
    /// The last point of the first series.
    pub last_point: Location,
}

impl Indicator {
    /// The latest figure of the first series whose period started on or before `as_of`: the
    /// one the target is judged on.
    pub fn latest(&self, as_of: Date) -> Option<(&Point, &Figure)> {
        self.series.first().and_then(|series| series.latest(as_of))
    }

    /// Where the indicator stands against its target on `as_of`, or `None` without a target.
    pub fn target_state(&self, as_of: Date) -> Option<TargetState> {
        if let Some(milestone) = &self.milestone {
            return Some(milestone.state(as_of));
        }
        let target = self.target.as_ref()?;
        let state = match self.latest(as_of) {
            None => TargetState::NoData,
            Some((_, figure)) if target.is_satisfied_by(figure.value) => TargetState::Met,
            Some(_) if passed(target.by, as_of) => TargetState::Missed,
            Some(_) => TargetState::NotMetYet,
        };
        Some(state)
    }

    /// A figure as this indicator shows it: with its declared decimals, if any.
    pub fn shown(&self, figure: &Figure) -> Figure {
        match self.decimals {
            Some(decimals) => figure.with_decimals(decimals),
            None => figure.clone(),
        }
    }
}

/// A number as written in the data: its value, how many decimals it was given (`51.50` has
/// two, `1e-7` seven), so it is shown as written, and its text, so downloads repeat it
/// exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub value: f64,
    pub decimals: u8,
    /// The number exactly as the data file writes it (`51.50`, `1e-7`).
    pub written: compact_str::CompactString,
}

impl Figure {
    /// The figure written as `text` (a JSON number); `None` when it is not one.
    pub fn parse(text: &str) -> Option<Figure> {
        // Rust reads `.42`, `+5` and `5.` too, but the JSON download repeats the text as
        // written, which JSON must be able to read (found by fuzzing figures from CSV).
        if !is_json_number(text) {
            return None;
        }
        let value: f64 = text.parse().ok()?;
        if !value.is_finite() {
            return None;
        }
        let (mantissa, exponent) = match text.find(['e', 'E']) {
            Some(at) => (&text[..at], text[at + 1..].parse::<i64>().ok()?),
            None => (text, 0),
        };
        let fraction = mantissa.split_once('.').map_or(0, |(_, f)| f.len() as i64);
        // Saturating: an exponent as written can be as large as an i64 holds.
        let decimals = fraction
            .saturating_sub(exponent)
            .clamp(0, MAX_DECIMALS as i64) as u8;
        Some(Figure {
            value,
            decimals,
            written: text.into(),
        })
    }

    /// The same number with `decimals` decimals, written with them: `51.5` with 2 is
    /// `51.50`. Where the plain form would not read back to the same number (from 10^15 on,
    /// or too few decimals for a tiny value), it is written with a power of ten.
    pub fn with_decimals(&self, decimals: u8) -> Figure {
        if decimals == self.decimals {
            return self.clone();
        }
        let plain = format!("{:.*}", usize::from(decimals), self.value);
        let written = if self.value.abs() < 1e15 && plain.parse::<f64>() == Ok(self.value) {
            plain
        } else {
            format!("{:e}", self.value)
        };
        Figure {
            value: self.value,
            decimals,
            written: written.into(),
        }
    }
}

/// Whether `text` is a number as JSON writes it: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
fn is_json_number(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = usize::from(bytes.first() == Some(&b'-'));
    // The number of digits from `at` on, which it moves past.
    let digits = |at: &mut usize| {
        let start = *at;
        while bytes.get(*at).is_some_and(u8::is_ascii_digit) {
            *at += 1;
        }
        *at - start
    };
    match bytes.get(at) {
        Some(b'0') => at += 1,
        Some(b'1'..=b'9') => {
            digits(&mut at);
        }
        _ => return false,
    }
    if bytes.get(at) == Some(&b'.') {
        at += 1;
        if digits(&mut at) == 0 {
            return false;
        }
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        if digits(&mut at) == 0 {
            return false;
        }
    }
    at == bytes.len()
}

/// In JSON, the number as written.
impl serde::Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(self.written.to_string()) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_f64(self.value),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Figure {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Figure, D::Error> {
        struct Written;

        impl serde::de::Visitor<'_> for Written {
            type Value = Figure;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number")
            }

            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Figure, E> {
                Figure::parse(text).ok_or_else(|| E::custom(format!("{text} is not a number")))
            }

            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Figure, E> {
                self.visit_str(ryu::Buffer::new().format(value))
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Figure, E> {
                self.visit_str(&value.to_string())
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Figure, E> {
                self.visit_str(&value.to_string())
            }
        }
        // The spanned tree hands over the number's text under this name (`parse::de`).
        deserializer.deserialize_newtype_struct("$opvolg::Written", Written)
    }
}

impl schemars::JsonSchema for Figure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figure".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "number",
            "format": FIGURE_FORMAT,
            "description": "A figure, shown with the decimals it is written with."
        })
    }
}

/// The JSON Schema `format` of a figure (what the shape checks of the content format read).
pub const FIGURE_FORMAT: &str = "figure";

/// More decimals than this are never shown (and never needed: an f64 has about 17
/// significant digits).
pub const MAX_DECIMALS: u8 = 30;

/// Who publishes an indicator's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSource {
    /// The publisher's name.
    pub name: String,
    /// Where the figures are published (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
closed_set! {
    /// Whether an indicator's figures can be relied on.
    pub enum Provenance {
        // Published figures.
        Official,
        // Figures that may still change.
        Provisional,
        // Invented figures, to show what the site will look like: labelled on every chart and
        // table.
        Illustrative,
    }
}

closed_set! {
    /// How an indicator's figures are drawn.
    pub enum ChartKind {
        Line,
        Bar,
    }
}

/// `chart` when a data file does not say.
fn line_chart() -> ChartKind {
    ChartKind::Line
}

/// The level an indicator should reach, and by when.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// The level, in the indicator's unit.
    pub value: Figure,
    /// Whether the figures should stay at or below the level, or reach it from below.
    pub direction: Direction,
    /// When the level is to be reached: a day, month, quarter, half year or year. Without
    /// it, the target is judged against the latest figure and never counts as missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Period>,
    /// What the target is called on the chart.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

impl Target {
    pub fn is_satisfied_by(&self, value: f64) -> bool {
        match self.direction {
            Direction::AtMost => value <= self.value.value,
            Direction::AtLeast => value >= self.value.value,
        }
    }
}

/// A target in words, judged by dated checks: "A Windrush Commissioner is in post".
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// What is to be reached, in words.
    pub text: String,
    /// When it is to be reached: a day, month, quarter, half year or year. Without it, it is
    /// never missed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Period>,
    /// Dated findings of whether it is reached, oldest first; none after `as_of`.
    #[serde(default)]
    pub checks: Vec<MilestoneCheck>,
}

/// One finding about a milestone: on `date`, it was (or was not) reached.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneCheck {
    pub date: Date,
    /// Whether the milestone is reached on this day.
    pub met: bool,
    /// What was found, and where it is published.
    pub note: String,
    /// Where the finding is published (http or https).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

impl Milestone {
    /// The last check on or before `date`.
    pub fn check_at(&self, date: Date) -> Option<&MilestoneCheck> {
        self.checks.iter().rfind(|c| c.date <= date)
    }

    /// Met when the last check so far says so; missed when its date passed without that;
    /// otherwise not met yet.
    pub fn state(&self, as_of: Date) -> TargetState {
        match self.check_at(as_of) {
            Some(check) if check.met => TargetState::Met,
            _ if passed(self.by, as_of) => TargetState::Missed,
            _ => TargetState::NotMetYet,
        }
    }
}

closed_set! {
    /// Which side of a target's level counts as reaching it.
    pub enum Direction {
        AtMost,
        AtLeast,
    }
}

closed_set! {
    pub enum TargetState {
        Met,
        NotMetYet,
        Missed,
        NoData,
    }
}

/// One line of an indicator's figures.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// What the series counts (the legend).
    pub name: String,
    /// Its figures, oldest first.
    pub points: Vec<Point>,
}

impl Series {
    /// The latest figure whose period started on or before `as_of`.
    pub fn latest(&self, as_of: Date) -> Option<(&Point, &Figure)> {
        self.points
            .iter()
            .filter(|p| p.period.start() <= as_of)
            .filter_map(|p| p.figure.as_ref().map(|f| (p, f)))
            .next_back()
    }
}

/// One figure of a series.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The period the figure is for; it counts from the period's first day.
    #[serde(rename = "date")]
    pub period: Period,
    /// The figure; `null` is a gap in the data.
    #[serde(rename = "value", default)]
    pub figure: Option<Figure>,
    /// How the source qualifies the figure: "more than £36 million" is `more_than`, a
    /// figure that may still change is `provisional`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// A remark on this one figure (where it comes from, what it leaves out).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Box<str>>,
}

closed_set! {
    /// How a source qualifies one figure.
    pub enum Qualifier {
        AtLeast,
        MoreThan,
        About,
        LessThan,
        AtMost,
        // The figure may still change.
        Provisional,
        Estimated,
    }
}

impl Qualifier {
    /// Said before the number ("more than 36"), or after it ("36 (provisional)").
    pub fn comes_first(self) -> bool {
        !matches!(self, Qualifier::Provisional | Qualifier::Estimated)
    }
}

impl Point {
    pub fn value(&self) -> Option<f64> {
        self.figure.as_ref().map(|f| f.value)
    }
}

/// Reverse links, computed once so no page scans all others.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CrossIndex {
    /// document id -> anchor ("" for the document as a whole) -> recommendation ids citing it.
    pub citations: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    /// topic id -> recommendation ids, in id order.
    pub topic_recommendations: BTreeMap<String, Vec<String>>,
    /// indicator id -> recommendation ids using it, in id order.
    pub indicator_users: BTreeMap<String, Vec<String>>,
    /// document id -> recommendation ids whose `source` it is.
    pub document_sources: BTreeMap<String, Vec<String>>,
    /// recommendation id -> the ids of its parts, in natural order.
    pub parts: BTreeMap<String, Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn due(text: &str) -> Option<Period> {
        Some(Period::parse(text).unwrap())
    }

    fn indicator(direction: Direction, values: &[(&str, Option<f64>)]) -> Indicator {
        Indicator {
            id: "x".into(),
            title: "X".into(),
            unit: "n".into(),
            prefix: None,
            milestone: None,
            description: String::new(),
            source: IndicatorSource {
                name: "s".into(),
                url: None,
            },
            provenance: Provenance::Illustrative,
            chart: ChartKind::Line,
            target: Some(Target {
                value: Figure::parse("55").unwrap(),
                direction,
                by: due("2024-01-01"),
                label: None,
            }),
            series: vec![Series {
                name: "a".into(),
                points: values
                    .iter()
                    .map(|(p, v)| Point {
                        qualifier: None,
                        note: None,
                        period: Period::parse(p).unwrap(),
                        figure: v.map(|value| Figure::parse(&format!("{value:.1}")).unwrap()),
                    })
                    .collect(),
            }],
            decimals: None,
            places: IndicatorPlaces::default(),
        }
    }

    #[test]
    fn figures_keep_the_decimals_they_were_written_with() {
        let decimals = |text: &str| Figure::parse(text).unwrap().decimals;
        assert_eq!(decimals("51"), 0);
        assert_eq!(decimals("51.50"), 2);
        assert_eq!(decimals("-0.0000001"), 7);
        assert_eq!(decimals("1e-7"), 7);
        assert_eq!(decimals("1.5E3"), 0);
        assert_eq!(decimals("1.7e308"), 0);
        assert_eq!(decimals("1e-400"), MAX_DECIMALS);
        // Exponents at the ends of what an i64 holds (found by review: it overflowed).
        assert_eq!(decimals("1e-9223372036854775808"), MAX_DECIMALS);
        assert_eq!(decimals("0.0e9223372036854775807"), 0);
        // A value no f64 holds is not a figure.
        assert!(Figure::parse("1.5e9223372036854775807").is_none());
        assert_eq!(Figure::parse("1.5e3").unwrap().value, 1500.0);
    }

    #[test]
    fn figures_are_numbers_as_json_writes_them() {
        for json in ["0", "-0", "0.5", "-12.50", "1E+5", "2e-3", "10"] {
            assert_eq!(
                Figure::parse(json).map(|f| f.written.to_string()),
                Some(json.to_string())
            );
        }
        // Numbers Rust reads but JSON does not: the JSON download could not repeat them.
        for not_json in [
            ".42", "-.42", "+5", "5.", "01", "-01", "1e", "1e+", "0x1f", "inf", "NaN", " 5", "5 ",
            "", "-", "1_000",
        ] {
            assert!(Figure::parse(not_json).is_none(), "{not_json:?}");
        }
    }

    #[test]
    fn target_state_follows_latest_value_and_deadline() {
        let ind = indicator(
            Direction::AtMost,
            &[
                ("2023-01", Some(400.0)),
                ("2023-06", Some(50.0)),
                ("2024-03", Some(80.0)),
            ],
        );
        // Before the last point: 50 <= 55.
        assert_eq!(ind.target_state(date("2023-07-01")), Some(TargetState::Met));
        // The latest value 80 misses, deadline passed.
        assert_eq!(
            ind.target_state(date("2024-06-30")),
            Some(TargetState::Missed)
        );
        // Only the first point is known, deadline ahead.
        assert_eq!(
            ind.target_state(date("2023-02-01")),
            Some(TargetState::NotMetYet)
        );
        // Nothing known yet.
        assert_eq!(
            ind.target_state(date("2022-12-31")),
            Some(TargetState::NoData)
        );
    }

    #[test]
    fn gaps_are_skipped_and_at_least_compares_upwards() {
        let ind = indicator(Direction::AtLeast, &[("2023", Some(60.0)), ("2024", None)]);
        assert_eq!(
            ind.latest(date("2024-06-30")).map(|(_, f)| f.value),
            Some(60.0)
        );
        assert_eq!(ind.target_state(date("2024-06-30")), Some(TargetState::Met));
        let low = indicator(Direction::AtLeast, &[("2023", Some(54.9))]);
        assert_eq!(
            low.target_state(date("2023-12-31")),
            Some(TargetState::NotMetYet)
        );
        assert_eq!(
            low.target_state(date("2024-01-02")),
            Some(TargetState::Missed)
        );
    }

    #[test]
    fn the_boundary_day_is_not_overdue() {
        let c = Commitment {
            text: "t".into(),
            owner: "o".into(),
            due: due("2023-07-01"),
            done: None,
            reference: None,
            revisions: Vec::new(),
            at: Location::default(),
        };
        assert!(!c.is_overdue(date("2023-07-01")));
        assert!(c.is_overdue(date("2023-07-02")));
        let done = Commitment {
            done: Some(date("2023-08-01")),
            ..c
        };
        assert!(!done.is_overdue(date("2024-01-01")));
        assert!(done.was_late());
    }

    #[test]
    fn a_deadline_is_missed_only_after_its_last_day_and_never_without_one() {
        let c = |due_text: Option<&str>, done: Option<&str>| Commitment {
            text: "t".into(),
            owner: "o".into(),
            due: due_text.and_then(due),
            done: done.map(date),
            reference: None,
            revisions: Vec::new(),
            at: Location::default(),
        };
        for (deadline, last_day, first_late_day) in [
            ("2025-06", "2025-06-30", "2025-07-01"),
            ("2025-Q2", "2025-06-30", "2025-07-01"),
            ("2025-H1", "2025-06-30", "2025-07-01"),
            ("2025", "2025-12-31", "2026-01-01"),
        ] {
            let open = c(Some(deadline), None);
            assert!(!open.is_overdue(date(last_day)), "{deadline}");
            assert!(open.is_overdue(date(first_late_day)), "{deadline}");
            assert!(!c(Some(deadline), Some(last_day)).was_late(), "{deadline}");
            assert!(
                c(Some(deadline), Some(first_late_day)).was_late(),
                "{deadline}"
            );
        }
        let undated = c(None, None);
        assert!(!undated.is_overdue(Date::MAX.add_days(-1)));
        assert!(!c(None, Some("2030-01-01")).was_late());
    }

    #[test]
    fn a_target_without_a_date_is_never_missed() {
        let mut ind = indicator(Direction::AtMost, &[("2023-06-01", Some(80.0))]);
        ind.target.as_mut().unwrap().by = None;
        assert_eq!(
            ind.target_state(date("2099-01-01")),
            Some(TargetState::NotMetYet)
        );
        ind.target.as_mut().unwrap().by = due("2023-Q4");
        assert_eq!(
            ind.target_state(date("2023-12-31")),
            Some(TargetState::NotMetYet)
        );
        assert_eq!(
            ind.target_state(date("2024-01-01")),
            Some(TargetState::Missed)
        );
    }

    fn revision(on: &str, previous_due: &str) -> Revision {
        Revision {
            date: date(on),
            previous_due: due(previous_due),
            reason: "r".into(),
            reference: None,
            at: Location::default(),
        }
    }

    /// Promised for 1 Jan 2024; on 20 Dec 2023 moved to 1 Mar; on 15 Feb moved to 1 Jun.
    fn moved_twice(done: Option<&str>) -> Commitment {
        Commitment {
            text: "t".into(),
            owner: "o".into(),
            due: due("2024-06-01"),
            done: done.map(date),
            reference: None,
            revisions: vec![
                revision("2023-12-20", "2024-01-01"),
                revision("2024-02-15", "2024-03-01"),
            ],
            at: Location::default(),
        }
    }

    #[test]
    fn the_deadline_in_force_follows_the_revisions() {
        let c = moved_twice(None);
        assert_eq!(c.original_due(), due("2024-01-01"));
        assert_eq!(c.due_at(date("2023-12-19")), due("2024-01-01"));
        assert_eq!(c.due_at(date("2023-12-20")), due("2024-03-01"));
        assert_eq!(c.due_at(date("2024-02-14")), due("2024-03-01"));
        assert_eq!(c.due_at(date("2024-02-15")), due("2024-06-01"));
        assert_eq!(c.due_at(Date::MAX), due("2024-06-01"));
    }

    #[test]
    fn overdue_is_judged_against_the_deadline_in_force_then() {
        let c = moved_twice(None);
        // Before the first move nothing was late; the original deadline never passed unmoved.
        assert!(!c.is_overdue_at(date("2023-12-31")));
        assert!(!c.is_overdue_at(date("2024-01-02")));
        assert!(!c.is_overdue_at(date("2024-06-01")));
        assert!(c.is_overdue_at(date("2024-06-02")));
        // Done on 10 May: within the deadline in force then (1 June), so not late.
        let done = moved_twice(Some("2024-05-10"));
        assert!(!done.was_late());
        assert!(!done.is_overdue_at(date("2024-07-01")));
        assert!(!done.is_overdue_at(date("2024-05-09")));
        // A deadline that passed and was only moved afterwards: overdue in between.
        let late_move = Commitment {
            revisions: vec![revision("2024-02-01", "2024-01-01")],
            due: due("2024-06-01"),
            ..moved_twice(None)
        };
        assert!(late_move.is_overdue_at(date("2024-01-15")));
        assert!(!late_move.is_overdue_at(date("2024-02-01")));
    }
}
