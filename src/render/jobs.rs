//! Jobs: the units of rendering. One job makes a page (or a list with all its pages, or a page
//! with its chart and downloads, or a file of the whole site), and jobs are what an
//! incremental rebuild renders again (`deps`). Owns which jobs a site has, which files each
//! makes, and which job makes a given file (through `paths::Output`, the one map of paths).

use super::{open_data, pages};
use crate::model::Site;
use crate::paths::{self, List, Output};

/// The jobs that gather from the whole site (whether the site has them or not: see
/// [`Job::exists`]).
pub fn whole_site_jobs() -> Vec<Job> {
    let mut jobs: Vec<Job> = open_data::DataTable::all()
        .into_iter()
        .rev() // the longest table first
        .map(Job::DataTable)
        .collect();
    jobs.extend([
        Job::Dossier,
        Job::Search,
        Job::Finders,
        Job::SiteData,
        Job::OpenData,
        Job::Feed,
        Job::Sitemap,
    ]);
    jobs
}

/// One unit of rendering: a page (or a few) and the files that go with it. Jobs are the unit
/// of incremental rebuilds too: a change to the model makes some jobs dirty (see `deps`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Job {
    /// The theme's static files and the chart font.
    Assets,
    Dashboard,
    RecommendationList,
    IndicatorList,
    DocumentList,
    TopicList,
    /// The register of commitments, in pages.
    CommitmentList,
    /// Everything that changed since the last reporting moment, in pages (only when the
    /// dashboard shows just the first few of a kind).
    ChangeList,
    Accessibility,
    Recommendation(String),
    /// The indicator's page, its chart (an SVG file) and its CSV and JSON downloads.
    Indicator(String),
    Document(String),
    Topic(String),
    /// A file under content/ that a page links to, published at the same path.
    Attachment(String),
    /// `dossier.html` and its print stylesheet: the whole follow-up as one document.
    Dossier,
    /// `open-data/index.html`, which describes the open data.
    OpenData,
    /// One table of the open data, as CSV and Excel workbook.
    DataTable(open_data::DataTable),
    /// `open-data/site.json` and `site.schema.json`.
    SiteData,
    /// `feed.xml` (only with `base_url`).
    Feed,
    /// `sitemap.xml`, and its parts on a large site (only with `base_url`).
    Sitemap,
    /// `review.html`: what a reviewer should check (only in a review copy).
    Review,
    /// `search/index.html` and the search index (`search/*.js`).
    Search,
    /// The pages that find without JavaScript: the A–Z index and the filters.
    Finders,
}

impl Job {
    /// Every job of a site, in a fixed order.
    pub fn all(site: &Site) -> Vec<Job> {
        // The jobs that gather from the whole site come first: they are the longest, and
        // started first they run beside the pages instead of after them.
        let mut jobs: Vec<Job> = whole_site_jobs()
            .into_iter()
            .filter(|j| j.exists(site))
            .collect();
        jobs.extend(
            [
                Job::Assets,
                Job::Dashboard,
                Job::RecommendationList,
                Job::IndicatorList,
                Job::DocumentList,
                Job::TopicList,
                Job::CommitmentList,
                Job::ChangeList,
                Job::Accessibility,
            ]
            .into_iter()
            .filter(|j| j.exists(site)),
        );
        jobs.extend(
            site.recommendations
                .keys()
                .cloned()
                .map(Job::Recommendation),
        );
        jobs.extend(site.indicators.keys().cloned().map(Job::Indicator));
        jobs.extend(site.documents.keys().cloned().map(Job::Document));
        jobs.extend(site.topics.keys().cloned().map(Job::Topic));
        jobs.extend(site.attachments.keys().cloned().map(Job::Attachment));
        jobs
    }

    /// The HTML pages a job makes (none for assets, downloads and attachments), every page
    /// of a long list included.
    pub fn pages(&self, site: &Site) -> Vec<String> {
        if !self.exists(site) {
            return Vec::new();
        }
        let pages = |make: &dyn Fn(usize) -> Output, rows: usize| -> Vec<String> {
            (1..=paths::page_count(rows, site.config.page_size))
                .map(|n| make(n).path())
                .collect()
        };
        let list = |list: List, rows: usize| pages(&|n| Output::List(list, n), rows);
        match self {
            Job::Dashboard => vec![paths::INDEX.to_string()],
            Job::RecommendationList => list(List::Recommendations, site.recommendations.len()),
            Job::IndicatorList => list(List::Indicators, site.indicators.len()),
            Job::DocumentList => list(List::Documents, site.documents.len()),
            Job::TopicList => list(List::Topics, site.topics.len()),
            Job::CommitmentList => list(
                List::Commitments,
                site.recommendations
                    .values()
                    .map(|r| r.commitments.len())
                    .sum(),
            ),
            Job::ChangeList => {
                let changes = crate::history::previous_moment(site).map_or(0, |m| {
                    crate::history::changes(site, Some(m.date), site.config.as_of).len()
                });
                list(List::Changes, changes)
            }
            Job::Accessibility => vec![paths::ACCESSIBILITY.to_string()],
            Job::Recommendation(id) => vec![paths::recommendation(id)],
            Job::Indicator(id) => vec![paths::indicator(id)],
            Job::Document(id) => vec![paths::document(id)],
            Job::Topic(id) => pages(
                &|n| Output::Topic(id.clone(), n),
                site.index.topic_recommendations.get(id).map_or(0, Vec::len),
            ),
            Job::OpenData => vec![paths::OPEN_DATA_PAGE.to_string()],
            Job::Dossier => vec![paths::DOSSIER.to_string()],
            Job::Search => vec![paths::SEARCH.to_string()],
            Job::Finders => pages::search::finder_lists(site)
                .into_iter()
                .flat_map(|(finder, rows)| {
                    pages(&|n| Output::Finder(finder.clone(), n), rows.len())
                })
                .collect(),
            Job::Assets
            | Job::Attachment(_)
            | Job::DataTable(_)
            | Job::SiteData
            | Job::Feed
            | Job::Sitemap
            | Job::Review => Vec::new(),
        }
    }

    /// What kind of job it is, in words (for `build --timings`).
    pub fn kind(&self) -> &'static str {
        match self {
            Job::Assets => "theme files",
            Job::Dashboard => "dashboard",
            Job::RecommendationList => "list of recommendations",
            Job::IndicatorList => "list of indicators",
            Job::DocumentList => "list of documents",
            Job::TopicList => "list of topics",
            Job::CommitmentList => "register of commitments",
            Job::ChangeList => "what changed",
            Job::Accessibility => "accessibility statement",
            Job::Recommendation(_) => "recommendation pages",
            Job::Indicator(_) => "indicator pages, charts, downloads",
            Job::Document(_) => "document pages",
            Job::Topic(_) => "topic pages",
            Job::Attachment(_) => "attachments",
            Job::Dossier => "dossier",
            Job::OpenData => "open data page",
            Job::DataTable(_) => "open data tables (CSV, XLSX)",
            Job::SiteData => "site.json",
            Job::Feed => "feed",
            Job::Sitemap => "sitemap",
            Job::Review => "review",
            Job::Search => "search page and index",
            Job::Finders => "A-Z index and filters",
        }
    }

    /// The job that makes `output`, when the site has it.
    pub fn of_output(site: &Site, output: &Output) -> Option<Job> {
        let job = match output {
            Output::Dashboard => Job::Dashboard,
            Output::Accessibility => Job::Accessibility,
            Output::List(list, _) => match list {
                List::Recommendations => Job::RecommendationList,
                List::Indicators => Job::IndicatorList,
                List::Documents => Job::DocumentList,
                List::Topics => Job::TopicList,
                List::Commitments => Job::CommitmentList,
                List::Changes => Job::ChangeList,
            },
            Output::Recommendation(id) => Job::Recommendation(id.clone()),
            Output::Indicator(id) | Output::IndicatorFile(id, _) => Job::Indicator(id.clone()),
            Output::Document(id) => Job::Document(id.clone()),
            Output::Topic(id, _) => Job::Topic(id.clone()),
            Output::OpenData => Job::OpenData,
            Output::DataFile(file) => match file.as_str() {
                "site.json" | "site.schema.json" => Job::SiteData,
                _ => Job::DataTable(open_data::DataTable::of_file(file)?),
            },
            Output::Dossier | Output::DossierCss => Job::Dossier,
            Output::Review => Job::Review,
            Output::Feed => Job::Feed,
            Output::Sitemap | Output::SitemapPart(_) => Job::Sitemap,
            // Whether the theme has the file shows when the job runs.
            Output::Static(_) => Job::Assets,
            Output::Attachment(path) => Job::Attachment(path.clone()),
            Output::Search | Output::SearchIndex(_) => Job::Search,
            Output::Finder(..) => Job::Finders,
        };
        if !job.exists(site) {
            return None;
        }
        // A further page of a list belongs to the list's job only when the list has it.
        let paged = matches!(output, Output::List(_, n) | Output::Topic(_, n) if *n > 1);
        // A finder or a file of the index only when the site has it.
        let listed = matches!(output, Output::Finder(..) | Output::SearchIndex(_));
        let has = match output {
            // Which of these the site has shows when the job runs.
            Output::SearchIndex(name) => super::search_index::is_file_name(name),
            _ => job.pages(site).contains(&output.path()),
        };
        (!(paged || listed) || has).then_some(job)
    }

    /// The job that makes the output file `path`, if the site has one.
    pub fn for_path(site: &Site, path: &str) -> Option<Job> {
        // A file under content/ keeps its path, whatever a generated file there would be.
        if site.attachments.contains_key(path) {
            return Some(Job::Attachment(path.to_string()));
        }
        Job::of_output(site, &Output::of_path(path)?)
    }

    /// A job that gathers from the whole site (open data, feed, sitemap): any change to the
    /// model makes it dirty.
    pub fn is_whole_site(&self) -> bool {
        matches!(
            self,
            Job::Dossier
                | Job::OpenData
                | Job::DataTable(_)
                | Job::SiteData
                | Job::Feed
                | Job::Sitemap
                | Job::Search
                | Job::Finders
        )
    }

    /// Whether the site has what this job renders.
    pub fn exists(&self, site: &Site) -> bool {
        match self {
            Job::Recommendation(id) => site.recommendations.contains_key(id),
            Job::Indicator(id) => site.indicators.contains_key(id),
            Job::Document(id) => site.documents.contains_key(id),
            Job::Topic(id) => site.topics.contains_key(id),
            Job::Attachment(path) => site.attachments.contains_key(path),
            Job::Feed | Job::Sitemap => site.config.base_url.is_some(),
            Job::ChangeList => changes_are_cut(site),
            _ => true,
        }
    }
}

/// Whether the dashboard cuts the list of what changed since the last reporting moment, so
/// that `changes.html` holds the rest.
fn changes_are_cut(site: &Site) -> bool {
    crate::history::previous_moment(site).is_some_and(|m| {
        let c = crate::history::changes(site, Some(m.date), site.config.as_of);
        <crate::history::ChangeKind as strum::IntoEnumIterator>::iter()
            .any(|kind| c.of(kind).count() > pages::dashboard::DASHBOARD_ROWS)
    })
}
