//! The page structs (what each template gets as `page`), and the parts only they use.

use super::common::{ChartView, CountRow, Label, Link, More, Pagination, Table};
use super::follow_up::*;
use schemars::JsonSchema;
use serde::Serialize;

/// `index.html`: the dashboard.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DashboardPage {
    /// The dashboard's heading: content/index.md's `title`, or the site's title.
    pub title: String,
    /// The introduction from content/index.md, as HTML (output it with `| safe`).
    pub intro: String,
    /// Recommendations per follow-up state.
    pub chart: ChartView,
    /// Every recommendation (none on a site larger than a page of a list: see `summary`).
    pub recommendations: Vec<RecommendationRow>,
    /// Every indicator (none on a site larger than a page of a list).
    pub indicators: Vec<IndicatorRow>,
    /// What changed since the last reporting moment before `as_of`, the first few of each
    /// kind; `null` when there is no such moment (no progress document yet).
    pub changes: Option<ChangesView>,
    /// The progress documents of the latest reporting moment that has any.
    pub latest_report: Vec<Link>,
    /// On a site of more recommendations than a page of a list holds: what the dashboard
    /// shows instead of every recommendation and indicator.
    pub summary: Option<DashboardSummary>,
}

/// The dashboard of a site too large to show every recommendation on it.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DashboardSummary {
    /// The first topics, with their counts.
    pub topics: Vec<TopicSummaryRow>,
    /// Where the rest of the topics are.
    pub more_topics: Option<More>,
    /// The owners with the most overdue, then the most open commitments.
    pub owners: Vec<OwnerRow>,
    /// Where the rest of the owners are.
    pub more_owners: Option<More>,
    /// The commitments that are overdue longest.
    pub overdue: Vec<CommitmentRow>,
    /// Where the rest of the overdue commitments are.
    pub more_overdue: Option<More>,
    /// The recommendations with the latest status entries.
    pub updated: Vec<RecommendationRow>,
    /// Where the rest of the recommendations are.
    pub more_updated: Option<More>,
    /// How many indicators stand where against their target (and how many have none).
    pub targets: Vec<CountRow>,
    /// Every complete list of the site.
    pub lists: Vec<Link>,
}

/// A topic with the counts of its recommendations and their commitments.
#[derive(Serialize, JsonSchema, Debug)]
pub struct TopicSummaryRow {
    /// The topic's title.
    pub title: String,
    /// The topic's page, from the site root.
    pub url: String,
    /// How many recommendations it has.
    pub recommendations: usize,
    /// How many of their commitments are not fulfilled on `as_of`.
    pub open: usize,
    /// How many of their commitments are overdue on `as_of`.
    pub overdue: usize,
}

/// `recommendation.html`: one recommendation.
#[derive(Serialize, JsonSchema, Debug)]
pub struct RecommendationPage {
    /// Id, title, URL, response, current state and counts, as in the lists.
    pub row: RecommendationRow,
    /// The recommendation's text, as HTML (output it with `| safe`).
    pub body: String,
    /// The document that makes the recommendation.
    pub source: Link,
    /// Whom it is addressed to.
    pub addressed_to: Vec<String>,
    /// The recommendation it is a part of.
    pub part_of: Option<Link>,
    /// Its parts, each with its own answer and state, in natural order of their ids.
    pub parts: Vec<RecommendationRow>,
    /// Where its parts stand together: "3 parts: 1 implemented, 2 dropped by decision".
    pub parts_summary: Option<String>,
    /// Its topics.
    pub topics: Vec<Link>,
    /// The place in the answering document; `null` while the answer is awaited.
    pub response_link: Option<Link>,
    /// Every answer, the first and each later change, oldest first (the last is the one in
    /// force: `row.response`).
    pub responses: Vec<ResponseView>,
    /// The reviewer's reply to the answer, shown after it.
    pub reply: Option<ReplyView>,
    /// Its commitments, in the order of the file.
    pub commitments: Vec<CommitmentView>,
    /// The follow-up history, oldest first.
    pub status: Vec<StatusView>,
    /// The state at each reporting moment, oldest first.
    pub moments: Vec<MomentRow>,
    /// The last reporting moment before `as_of`, if there is one, written for the language.
    pub since: Option<String>,
    /// "new since 1 May 2024": the mark of entries, commitments and moves after `since`.
    pub new_since: Option<String>,
    /// Some commitment's deadline moved.
    pub any_moved: bool,
    /// The follow-up timeline chart.
    pub timeline: ChartView,
    /// One chart per indicator with figures that measures the recommendation: its file, its
    /// description and a link to all its figures on the indicator's page.
    pub charts: Vec<ChartView>,
    /// The milestones (targets in words) that measure it, with where each stands.
    pub milestones: Vec<IndicatorRow>,
}

/// An indicator in a list: its latest value and where it stands against its target.
#[derive(Serialize, JsonSchema, Debug)]
pub struct IndicatorRow {
    /// Its id: its data file's name.
    pub id: String,
    /// The indicator's title.
    pub title: String,
    /// Its page, from the site root (in the dossier: its section).
    pub url: String,
    /// The unit of its figures, written after each of them ("million").
    pub unit: String,
    /// A currency sign written before each figure ("£"); `latest` already has it.
    pub prefix: Option<String>,
    /// The latest figure of its first series on `as_of`, written for the language.
    pub latest: Option<String>,
    /// The period of that figure, as written in the data (`2024-05`).
    pub latest_period: Option<String>,
    /// Its target: "at most 55 amv".
    pub target: Option<String>,
    /// The date its target is to be reached by, written for the language.
    pub target_by: Option<String>,
    /// Where it stands against its target on `as_of`.
    pub target_state: Option<Label>,
    /// Whether its figures are official, provisional or illustrative.
    pub provenance: Label,
}

/// `indicator.html`: one indicator.
#[derive(Serialize, JsonSchema, Debug)]
pub struct IndicatorPage {
    /// Id, title, latest figure and target state, as in the lists.
    pub row: IndicatorRow,
    /// What the figures are and how they are counted.
    pub description: String,
    /// Who publishes the figures.
    pub source_name: String,
    /// Where they are published.
    pub source_url: Option<String>,
    /// Its chart, with every figure in its table; `null` for a milestone (no figures).
    pub chart: Option<ChartView>,
    /// A milestone's dated checks, oldest first (empty for an indicator with figures).
    pub checks: Vec<CheckView>,
    /// The recommendations this indicator measures.
    pub used_by: Vec<Link>,
    /// Its figures as CSV, from the site root.
    pub csv: String,
    /// Its data file (JSON, as opvolg reads it), from the site root.
    pub json: String,
}

/// `document.html`: one source document.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DocumentPage {
    /// The document's title.
    pub title: String,
    /// Its date, written for the language.
    pub date: String,
    /// Its date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// Report, response, progress report or other.
    pub kind: Label,
    /// Its reference number (kenmerk).
    pub reference: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Where the original is published.
    pub url: Option<String>,
    /// The full text as HTML (output it with `| safe`), each cited section followed by
    /// `cited_by.html`.
    pub body: String,
    /// The table of contents (headings of the first two levels); URLs are `#anchor`.
    pub contents: Vec<Link>,
    /// Recommendations this document makes.
    pub sourced: Vec<Link>,
    /// Recommendations that cite the document as a whole.
    pub cited_whole: Vec<Link>,
    /// For a progress document: the state of the follow-up at its date and what changed.
    pub report: Option<ReportView>,
}

/// `topic.html`: one topic, a page of its recommendations.
#[derive(Serialize, JsonSchema, Debug)]
pub struct TopicPage {
    /// The topic's title.
    pub title: String,
    /// The topic's text, as HTML (output it with `| safe`; on the first page only).
    pub body: String,
    /// The topic's recommendations on this page.
    pub recommendations: Vec<RecommendationRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `accessibility.html`: the accessibility statement.
#[derive(Serialize, JsonSchema, Debug)]
pub struct AccessibilityPage {
    /// Who makes the statement, for whom.
    pub intro: String,
    /// Which site the statement is about.
    pub scope: String,
    /// How far the site complies.
    pub status: Label,
    /// When accessibility was last assessed, written for the language.
    pub evaluated: Option<String>,
    /// When accessibility was last assessed, `YYYY-MM-DD`.
    pub evaluated_iso: Option<String>,
    /// How it was assessed.
    pub method: Option<String>,
    /// What does not comply yet, and what is planned.
    pub known_issues: Vec<String>,
    /// Where to report a problem: `mailto:` or a web address.
    pub contact: Option<Link>,
}

/// `recommendations.html`: a page of the list of every recommendation.
#[derive(Serialize, JsonSchema, Debug)]
pub struct RecommendationList {
    /// The recommendations on this page, in natural order of their ids.
    pub recommendations: Vec<RecommendationRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `indicators.html`: a page of the list of every indicator.
#[derive(Serialize, JsonSchema, Debug)]
pub struct IndicatorList {
    /// The indicators on this page, in natural order of their ids.
    pub indicators: Vec<IndicatorRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// A document in a list.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DocumentRow {
    /// The document's title.
    pub title: String,
    /// Its page, from the site root.
    pub url: String,
    /// Its date, written for the language.
    pub date: String,
    /// Its date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// Report, response, progress report or other.
    pub kind: Label,
    /// Its reference number (kenmerk).
    pub reference: Option<String>,
}

/// `documents.html`: a page of the list of every document, newest first.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DocumentList {
    /// The documents on this page.
    pub documents: Vec<DocumentRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// A topic in a list.
#[derive(Serialize, JsonSchema, Debug)]
pub struct TopicRow {
    /// The topic's title.
    pub title: String,
    /// Its page, from the site root.
    pub url: String,
    /// How many recommendations the topic has.
    pub count: usize,
}

/// `topics.html`: a page of the list of every topic.
#[derive(Serialize, JsonSchema, Debug)]
pub struct TopicList {
    /// The topics on this page, in natural order of their ids.
    pub topics: Vec<TopicRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `commitments.html`: a page of the register of commitments.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CommitmentList {
    /// What the register holds, on `as_of`.
    pub intro: String,
    /// Every owner with the counts of their commitments (on the first page only).
    pub owners: Vec<OwnerRow>,
    /// The commitments on this page: overdue first (oldest deadline first), then open
    /// (nearest deadline first), then kept (latest first).
    pub commitments: Vec<CommitmentRow>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `changes_list.html`: a page of everything that changed since the last reporting moment.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ChangesPage {
    /// "Everything that changed since 1 May 2024".
    pub title: String,
    /// The changes on this page.
    pub changes: ChangesView,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
}

/// `open_data.html` (open-data/index.html): every data file, what each column holds, and
/// what each code means.
#[derive(Serialize, JsonSchema, Debug)]
pub struct OpenDataPage {
    /// What the open data is, on `as_of`.
    pub intro: String,
    /// The tables, each as CSV with an Excel workbook beside it.
    pub tables: Vec<DataFileView>,
    /// site.json and its schema.
    pub json: Vec<DataFileView>,
    /// The codes of closed sets, per column that holds them.
    pub codes: Vec<CodeList>,
}

/// One file of the open data.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DataFileView {
    /// The file name: `recommendations.csv`.
    pub name: String,
    /// The file, from the site root.
    pub url: String,
    /// The Excel workbook beside it, from the site root.
    pub workbook: Option<String>,
    /// What the file holds.
    pub description: String,
    /// "4 rows".
    pub rows: Option<String>,
    /// Its columns, in order.
    pub columns: Vec<ColumnView>,
}

/// One column of a table of the open data.
#[derive(Serialize, JsonSchema, Debug)]
pub struct ColumnView {
    /// Its name in the header.
    pub name: String,
    /// What it holds.
    pub meaning: String,
}

/// The codes of one closed set, as the open data writes them.
#[derive(Serialize, JsonSchema, Debug)]
pub struct CodeList {
    /// The column (or field of site.json) that holds these codes.
    pub column: String,
    /// Each code with its text.
    pub codes: Vec<Label>,
}

/// `review.html`: what a reviewer should check before publication (review copies only).
#[derive(Serialize, JsonSchema, Debug)]
pub struct ReviewPage {
    /// What the review copy is for.
    pub intro: String,
    /// "12 points to check".
    pub count: String,
    /// One group per kind of finding that has any, in a fixed order.
    pub groups: Vec<FindingGroup>,
    /// What changed since the last reporting moment before `as_of`, if there was one.
    pub changes: Option<ChangesView>,
}

/// The findings of one kind.
#[derive(Serialize, JsonSchema, Debug)]
pub struct FindingGroup {
    /// `overdue_without_update`, `stale`, ...: for CSS classes and anchors.
    pub key: &'static str,
    /// The group's heading.
    pub title: String,
    /// Why these need checking.
    pub why: String,
    /// The findings.
    pub items: Vec<FindingItem>,
}

/// One point to check.
#[derive(Serialize, JsonSchema, Debug)]
pub struct FindingItem {
    /// The spot on the site, from the site root.
    pub url: String,
    /// What it is about.
    pub subject: String,
    /// What is the matter.
    pub detail: String,
    /// Where it is written: `content/recommendations/R1.md:23`.
    pub location: String,
}

/// `dossier.html`: the whole follow-up as one document, to print or keep as PDF. Every URL
/// in it points into the dossier itself where it can (`#_rec.R1`, `#_ind.x`, `#_doc.d`).
#[derive(Serialize, JsonSchema, Debug)]
pub struct DossierPage {
    /// "Dossier: <site title>".
    pub title: String,
    /// The dashboard's introduction, as HTML (output it with `| safe`).
    pub intro: String,
    /// The table of contents: the summary, each recommendation, the indicators, the
    /// documents.
    pub contents: Vec<Link>,
    /// Recommendations per follow-up state.
    pub states: Table,
    /// Every recommendation, as in the lists.
    pub recommendations: Vec<RecommendationRow>,
    /// What changed since the last reporting moment before `as_of`, if there was one.
    pub changes: Option<ChangesView>,
    /// Every recommendation in full.
    pub items: Vec<DossierRecommendation>,
    /// Every indicator with its chart and figures.
    pub indicators: Vec<DossierIndicator>,
    /// Every document's text, oldest first.
    pub documents: Vec<DossierDocument>,
    /// Set (and nothing else is) when the site has more recommendations than one printed
    /// document can sensibly hold: what to do instead.
    pub too_large: Option<String>,
}

/// One recommendation in the dossier: what its page shows, without the indicator charts
/// (each is in the dossier once, with its indicator).
#[derive(Serialize, JsonSchema, Debug)]
pub struct DossierRecommendation {
    /// The id of its section (`_rec.R1`).
    pub id: String,
    /// Id, title, response, state and counts, as in the lists.
    pub row: RecommendationRow,
    /// The recommendation's text, as HTML (output it with `| safe`).
    pub body: String,
    /// The document that makes the recommendation.
    pub source: Link,
    /// Whom it is addressed to.
    pub addressed_to: Vec<String>,
    /// The place in the answering document; `null` while the answer is awaited.
    pub response_link: Option<Link>,
    /// Every answer, the first and each later change, oldest first.
    pub responses: Vec<ResponseView>,
    /// The reviewer's reply to the answer, shown after it.
    pub reply: Option<ReplyView>,
    /// Its commitments, in the order of the file.
    pub commitments: Vec<CommitmentView>,
    /// Some commitment's deadline moved.
    pub any_moved: bool,
    /// The follow-up history, oldest first.
    pub status: Vec<StatusView>,
    /// The state at each reporting moment, oldest first.
    pub moments: Vec<MomentRow>,
    /// The follow-up timeline chart.
    pub timeline: ChartView,
    /// Links to its indicators' sections.
    pub indicators: Vec<Link>,
}

/// One indicator in the dossier.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DossierIndicator {
    /// The id of its section (`_ind.x`).
    pub id: String,
    /// Id, title, latest figure and target state, as in the lists.
    pub row: IndicatorRow,
    /// What the figures are and how they are counted.
    pub description: String,
    /// Who publishes the figures.
    pub source_name: String,
    /// Its chart, with every figure in its table; `null` for a milestone (no figures).
    pub chart: Option<ChartView>,
    /// A milestone's dated checks, oldest first.
    pub checks: Vec<CheckView>,
}

/// One document in the dossier.
#[derive(Serialize, JsonSchema, Debug)]
pub struct DossierDocument {
    /// The id of its section (`_doc.d`).
    pub id: String,
    /// The document's title.
    pub title: String,
    /// Its date, written for the language.
    pub date: String,
    /// Its date, `YYYY-MM-DD`.
    pub date_iso: String,
    /// Report, response, progress report or other.
    pub kind: Label,
    /// Its reference number (kenmerk).
    pub reference: Option<String>,
    /// Who wrote it.
    pub author: Option<String>,
    /// Its text, as HTML (output it with `| safe`).
    pub body: String,
}

/// `not_found.html`: the live preview's page for an address the site does not have.
#[derive(Serialize, JsonSchema, Debug)]
pub struct NotFoundPage {
    /// The page's heading.
    pub title: String,
    /// What to do instead.
    pub text: String,
    /// The dashboard.
    pub home: Link,
}

/// `search/index.html`: the search page. With JavaScript its script searches the index in the
/// search folder as the reader types (and the query in the page's address, `?q=`, from the
/// search box of every page); without, the A–Z index and the filters lead to plain pages.
#[derive(Serialize, JsonSchema, Debug)]
pub struct SearchPage {
    /// The script that searches (the theme's `search.js`, rendered): write it inline with
    /// `<script>{{ page.script | safe }}</script>`. The page's `csp` allows exactly this text.
    pub script: String,
    /// The letters of the A–Z index that list something, with how many rows each.
    pub letters: Vec<FinderLink>,
    /// A filter for each state some recommendation is in, with how many.
    pub by_state: Vec<FinderLink>,
    /// Each topic's page, with how many recommendations it has.
    pub by_topic: Vec<FinderLink>,
    /// A filter for each owner of a commitment, with how many recommendations.
    pub by_owner: Vec<FinderLink>,
    /// A filter for each addressee of a recommendation, with how many.
    pub by_addressee: Vec<FinderLink>,
}

/// A link to a page that lists something (a letter, a filter, a topic), with how many rows.
#[derive(Serialize, JsonSchema, Debug, Clone)]
pub struct FinderLink {
    /// Its first page, from the site root.
    pub url: String,
    /// The letter, state, topic or name.
    pub text: String,
    /// How many rows it lists.
    pub count: usize,
}

/// `finder.html`: a page of one letter of the A–Z index, or of one filter (a state, an owner,
/// an addressee), in the search folder.
#[derive(Serialize, JsonSchema, Debug)]
pub struct FinderPage {
    /// "A–Z index: K", "Recommendations: in progress".
    pub title: String,
    /// Whether this is a letter of the A–Z index (which lists `entries`) rather than a filter
    /// (which lists `recommendations`).
    pub letter: bool,
    /// A filter's recommendations on this page, in natural order of their ids.
    pub recommendations: Vec<RecommendationRow>,
    /// A letter's rows on this page, by name.
    pub entries: Vec<IndexEntry>,
    /// Set when the list takes more than one page.
    pub pagination: Option<Pagination>,
    /// On a letter's page: every letter of the index, to go on to another.
    pub letters: Vec<FinderLink>,
}

/// A row of the A–Z index.
#[derive(Serialize, JsonSchema, Debug)]
pub struct IndexEntry {
    /// Its name: a title, or an organisation's name.
    pub name: String,
    /// What it is: "recommendation", "indicator", "addressee", ...
    pub kind: String,
    /// Its id or reference, when it has one.
    pub id: Option<String>,
    /// Its page (an organisation's: its filter), from the site root.
    pub url: String,
    /// Where it stands (a recommendation's state, an indicator's target), when it has one.
    pub state: Option<Label>,
}

/// What the search script (`search.js`) gets as `search`: what it needs to read the index
/// (see "The search index" below). `{{ search | script_json }}` writes it all as a JavaScript
/// object, safe inside a `<script>` element.
#[derive(Serialize, JsonSchema, Debug)]
pub struct SearchSetup {
    /// How many entries one file of the index (`search/entries-<n>.js`) holds: entry `n` is in
    /// file `n / entries_per_file` (rounded down), at `n % entries_per_file`.
    pub entries_per_file: usize,
    /// The first characters that have a file of words in the index (`search/words-<c>.js`),
    /// one after the other: the script loads no other.
    pub word_files: String,
    /// Each kind of entry, in the order of the numbers entries give it (`EntryRow.kind`): its
    /// key (`recommendation`, `commitment`, `document`, `section`, `indicator`, `topic`) and
    /// its name.
    pub kinds: Vec<Label>,
    /// Each state an entry can show, in the order of the numbers entries give it
    /// (`EntryRow.state`).
    pub states: Vec<SearchState>,
}

/// A state an entry of the search index can show.
#[derive(Serialize, JsonSchema, Debug)]
pub struct SearchState {
    /// Its key, as content writes it (`in_progress`, `commitment_overdue`, `met`).
    pub key: &'static str,
    /// Its text.
    pub text: String,
    /// What it is a state of: a recommendation's follow-up state, a commitment's status or an
    /// indicator's target, whose badges differ (the default theme's classes: `state-<key>`,
    /// `<key>`, `target-<key>`).
    pub of: StateOf,
}

/// What a state is a state of: a recommendation (its follow-up state), a commitment (its
/// status) or an indicator's target.
#[derive(Serialize, JsonSchema, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
#[schemars(inline)]
pub enum StateOf {
    Recommendation,
    Commitment,
    Target,
}
