//! Output paths, relative to the site root: the site's stable URLs, and what is at each.
//!
//! The one place that maps what the site publishes ([`Output`]: a page of an item, a page of
//! a list, a download, an attachment) to its path and back ([`Output::path`],
//! [`Output::of_path`]), and the ids of the rows pages link to. Validation resolves a link
//! to an [`Output`], rendering writes each file at its path, and `serve` maps a request back
//! to what makes it. Pure string functions; nothing here knows about files on disk.

/// The rule for ids, as messages state it.
pub const ID_RULE: &str =
    "ids may contain only ASCII letters, digits, '-' and '_' (they become file names)";

/// Characters allowed in ids: they become file names and URL parts.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

pub const INDEX: &str = "index.html";
pub const RECOMMENDATIONS: &str = "recommendations/index.html";
pub const INDICATORS: &str = "indicators/index.html";
pub const DOCUMENTS: &str = "documents/index.html";
pub const TOPICS: &str = "topics/index.html";
/// Every commitment, the overdue ones first: the register of commitments.
pub const COMMITMENTS: &str = "commitments/index.html";
/// Everything that changed since the last reporting moment (when the site has one).
pub const CHANGES: &str = "changes.html";
pub const ACCESSIBILITY: &str = "accessibility.html";
/// The open-data folder and its page.
pub const OPEN_DATA: &str = "open-data/";
pub const OPEN_DATA_PAGE: &str = "open-data/index.html";
/// The whole follow-up as one printable document.
pub const DOSSIER: &str = "dossier.html";
/// The dossier's print stylesheet with the site's running head (made per site).
pub const DOSSIER_CSS: &str = "dossier-print.css";
/// The review copy's list of what to check.
pub const REVIEW: &str = "review.html";
/// The Atom feed of follow-up events (only with `base_url`).
pub const FEED: &str = "feed.xml";
/// The sitemap, or the index of numbered sitemaps (only with `base_url`).
pub const SITEMAP: &str = "sitemap.xml";
/// The folder the theme's static files go to; content may not put files there.
pub const STATIC: &str = "static/";
/// The folder of the search page, its index and the pages that find without JavaScript (the
/// A–Z index and the filters); content may not put files there.
pub const SEARCH_FOLDER: &str = "search/";
/// The search page: the search box and, without JavaScript, the A–Z index and the filters.
pub const SEARCH: &str = "search/index.html";

/// A page of the search folder that lists what the search page cannot find without
/// JavaScript: one letter of the A–Z index, or one value of a filter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Finder {
    /// Everything whose name starts with this letter (`a`–`z`), or with anything else (`0`).
    Letter(char),
    /// The recommendations in a state (its key: `in_progress`).
    State(String),
    /// The recommendations with a commitment of an owner (the owner's name as a slug).
    Owner(String),
    /// The recommendations addressed to someone (the name as a slug).
    Addressee(String),
}

impl Finder {
    /// The path of its first page.
    pub fn first_page(&self) -> String {
        match self {
            Finder::Letter(c) => format!("{SEARCH_FOLDER}letter-{c}.html"),
            Finder::State(key) => format!("{SEARCH_FOLDER}state-{key}.html"),
            Finder::Owner(slug) => format!("{SEARCH_FOLDER}owner-{slug}.html"),
            Finder::Addressee(slug) => format!("{SEARCH_FOLDER}addressee-{slug}.html"),
        }
    }

    /// The finder whose first page has the file name `stem.html` in the search folder.
    fn of_stem(stem: &str) -> Option<Finder> {
        let (kind, value) = stem.split_once('-')?;
        let slug_like = !value.is_empty()
            && value
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !slug_like {
            return None;
        }
        match kind {
            "letter" => {
                let mut chars = value.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) if c.is_ascii_lowercase() || c == '0' => {
                        Some(Finder::Letter(c))
                    }
                    _ => None,
                }
            }
            "state" => Some(Finder::State(value.to_string())),
            "owner" => Some(Finder::Owner(value.to_string())),
            "addressee" => Some(Finder::Addressee(value.to_string())),
            _ => None,
        }
    }
}

/// A list of the site, shown in pages of `[lists] page_size` rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum List {
    Recommendations,
    Indicators,
    Documents,
    Topics,
    /// The register of commitments.
    Commitments,
    /// Everything that changed since the last reporting moment.
    Changes,
}

impl List {
    /// The path of the list's first page.
    pub fn first_page(self) -> &'static str {
        match self {
            List::Recommendations => RECOMMENDATIONS,
            List::Indicators => INDICATORS,
            List::Documents => DOCUMENTS,
            List::Topics => TOPICS,
            List::Commitments => COMMITMENTS,
            List::Changes => CHANGES,
        }
    }
}

/// A file an indicator has beside its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum IndicatorFile {
    /// Its chart.
    Svg,
    /// Its figures as CSV.
    Csv,
    /// Its data file, as opvolg reads it.
    Json,
}

impl IndicatorFile {
    pub fn extension(self) -> &'static str {
        match self {
            IndicatorFile::Svg => "svg",
            IndicatorFile::Csv => "csv",
            IndicatorFile::Json => "json",
        }
    }
}

/// Everything the site can publish, by what it is. Its path is its stable URL. Its kinds
/// ([`OutputKind`]) can be listed, so a test can go through every one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumDiscriminants)]
#[strum_discriminants(name(OutputKind), derive(strum::EnumIter))]
pub enum Output {
    /// `index.html`.
    Dashboard,
    Accessibility,
    /// Page `n` (from 1) of a list.
    List(List, usize),
    Recommendation(String),
    Indicator(String),
    /// An indicator's chart or download.
    IndicatorFile(String, IndicatorFile),
    Document(String),
    /// Page `n` (from 1) of a topic's recommendations.
    Topic(String, usize),
    /// `open-data/index.html`.
    OpenData,
    /// A file of the open data (`open-data/<name>`).
    DataFile(String),
    Dossier,
    DossierCss,
    Review,
    Feed,
    Sitemap,
    /// The `n`th sitemap (from 1) under the index of a large site's sitemaps.
    SitemapPart(usize),
    /// A file of the theme (`static/<path>`).
    Static(String),
    /// A file under content/ that a page links to, published at the same path.
    Attachment(String),
    /// The search page.
    Search,
    /// A file of the search index (`search/<name>`, a script).
    SearchIndex(String),
    /// Page `n` (from 1) of a letter of the A–Z index or of a filter.
    Finder(Finder, usize),
}

impl Output {
    /// Where the output is, relative to the site root.
    pub fn path(&self) -> String {
        match self {
            Output::Dashboard => INDEX.to_string(),
            Output::Accessibility => ACCESSIBILITY.to_string(),
            Output::List(list, n) => list_page(list.first_page(), *n),
            Output::Recommendation(id) => format!("recommendations/{id}.html"),
            Output::Indicator(id) => format!("indicators/{id}.html"),
            Output::IndicatorFile(id, file) => format!("indicators/{id}.{}", file.extension()),
            Output::Document(id) => format!("documents/{id}.html"),
            Output::Topic(id, n) => list_page(&format!("topics/{id}.html"), *n),
            Output::OpenData => OPEN_DATA_PAGE.to_string(),
            Output::DataFile(name) => format!("{OPEN_DATA}{name}"),
            Output::Dossier => DOSSIER.to_string(),
            Output::DossierCss => DOSSIER_CSS.to_string(),
            Output::Review => REVIEW.to_string(),
            Output::Feed => FEED.to_string(),
            Output::Sitemap => SITEMAP.to_string(),
            Output::SitemapPart(n) => format!("sitemap-{n}.xml"),
            Output::Static(path) => format!("{STATIC}{path}"),
            Output::Attachment(path) => path.clone(),
            Output::Search => SEARCH.to_string(),
            Output::SearchIndex(name) => format!("{SEARCH_FOLDER}{name}"),
            Output::Finder(finder, n) => list_page(&finder.first_page(), *n),
        }
    }

    /// What the site publishes at `path` (relative to the site root), if anything can be
    /// there: the inverse of [`Output::path`]. A path no generated file can have is an
    /// attachment's (whether the site has one there is the site's to say).
    pub fn of_path(path: &str) -> Option<Output> {
        if path.is_empty() || path.ends_with('/') {
            return None;
        }
        let fixed = [
            (INDEX, Output::Dashboard),
            (ACCESSIBILITY, Output::Accessibility),
            (OPEN_DATA_PAGE, Output::OpenData),
            (DOSSIER, Output::Dossier),
            (DOSSIER_CSS, Output::DossierCss),
            (REVIEW, Output::Review),
            (FEED, Output::Feed),
            (SITEMAP, Output::Sitemap),
            (SEARCH, Output::Search),
        ];
        if let Some((_, output)) = fixed.iter().find(|(p, _)| *p == path) {
            return Some(output.clone());
        }
        let (first, n) = list_page_of(path).unwrap_or_else(|| (path.to_string(), 1));
        if let Some(list) =
            <List as strum::IntoEnumIterator>::iter().find(|l| l.first_page() == first)
        {
            return Some(Output::List(list, n));
        }
        if let Some(file) = path.strip_prefix(STATIC) {
            return Some(Output::Static(file.to_string()));
        }
        if let Some(file) = path.strip_prefix(SEARCH_FOLDER) {
            if file.contains('/') {
                return None;
            }
            if file.ends_with(".js") {
                return Some(Output::SearchIndex(file.to_string()));
            }
            let stem = first.strip_prefix(SEARCH_FOLDER)?.strip_suffix(".html")?;
            return Finder::of_stem(stem).map(|f| Output::Finder(f, n));
        }
        if let Some(file) = path.strip_prefix(OPEN_DATA) {
            return (!file.contains('/')).then(|| Output::DataFile(file.to_string()));
        }
        if let Some(n) = path
            .strip_prefix("sitemap-")
            .and_then(|rest| rest.strip_suffix(".xml"))
            .and_then(|n| n.parse::<usize>().ok())
            .filter(|n| path == format!("sitemap-{n}.xml"))
        {
            return Some(Output::SitemapPart(n));
        }
        let item = |folder: &str, file: &str| -> Option<Output> {
            let (stem, extension) = file.rsplit_once('.')?;
            if !is_safe_id(stem) {
                return None;
            }
            let id = stem.to_string();
            match (folder, extension) {
                ("recommendations", "html") => Some(Output::Recommendation(id)),
                ("indicators", "html") => Some(Output::Indicator(id)),
                ("indicators", extension) => <IndicatorFile as strum::IntoEnumIterator>::iter()
                    .find(|f| f.extension() == extension)
                    .map(|f| Output::IndicatorFile(id, f)),
                ("documents", "html") => Some(Output::Document(id)),
                _ => None,
            }
        };
        if let Some((folder, file)) = path.split_once('/')
            && !file.contains('/')
        {
            if folder == "topics"
                && let Some(stem) = first
                    .strip_prefix("topics/")
                    .and_then(|f| f.strip_suffix(".html"))
                && is_safe_id(stem)
            {
                return Some(Output::Topic(stem.to_string(), n));
            }
            if let Some(output) = item(folder, file) {
                return Some(output);
            }
        }
        Some(Output::Attachment(path.to_string()))
    }
}

/// A file in the open-data folder.
pub fn open_data(file: &str) -> String {
    Output::DataFile(file.to_string()).path()
}

/// A URL relative to the page `page`, as a path relative to the site root (with its query
/// and fragment): `../documents/d.html#a` on `recommendations/R1.html` is `documents/d.html#a`.
pub fn from_root(page: &str, url: &str) -> String {
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in path.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    format!("{}{rest}", parts.join("/"))
}

/// The `n`th sitemap (from 1) under the index, when one sitemap would hold too many URLs.
pub fn sitemap_part(n: usize) -> String {
    Output::SitemapPart(n).path()
}

pub fn recommendation(id: &str) -> String {
    Output::Recommendation(id.to_string()).path()
}

pub fn indicator(id: &str) -> String {
    Output::Indicator(id.to_string()).path()
}

pub fn indicator_file(id: &str, file: IndicatorFile) -> String {
    Output::IndicatorFile(id.to_string(), file).path()
}

pub fn document(id: &str) -> String {
    Output::Document(id.to_string()).path()
}

pub fn topic(id: &str) -> String {
    Output::Topic(id.to_string(), 1).path()
}

/// The id of an indicator's chart on a page. Ids that opvolg gives elements start with `_`
/// (no heading anchor can) and join their parts with `.` (no item id can contain one), so no
/// two can be the same.
pub fn chart(indicator: &str) -> String {
    format!("_chart.{indicator}")
}

/// The id of a status entry's row on its recommendation's page: by its date, so the link
/// stays when entries are added; the second entry of a day gets `.2`, and so on.
pub fn status_anchor(date: &str, nth_of_day: usize) -> String {
    match nth_of_day {
        0 => format!("_status.{date}"),
        n => format!("_status.{date}.{}", n + 1),
    }
}

/// The id of a change of the answer on its recommendation's page: by its date (a second
/// change the same day gets `.2`).
pub fn response_anchor(date: &str, nth_of_day: usize) -> String {
    match nth_of_day {
        0 => format!("_response.{date}"),
        n => format!("_response.{date}.{}", n + 1),
    }
}

/// The id of a commitment's row on its recommendation's page: by its original deadline (the
/// deadline it was first given, which moves never change), so the link and the feed ids stay
/// when commitments are added or reordered; the second commitment first due on the same day
/// gets `.2`, and so on.
pub fn commitment_anchor(original_due: &str, nth_of_day: usize) -> String {
    match nth_of_day {
        0 => format!("_commitment.{original_due}"),
        n => format!("_commitment.{original_due}.{}", n + 1),
    }
}

/// The id of one moved deadline of a commitment (`commitment`: its row's id; `revision`
/// numbered from 1, oldest first, so a new move never renumbers earlier ones).
pub fn revision_anchor(commitment: &str, revision: usize) -> String {
    format!("{commitment}.revision.{revision}")
}

/// The `n`th page (from 1) of a list whose first page is `first`: the first page is `first`
/// itself, the others put `.n` before `.html` (`recommendations/index.2.html`,
/// `topics/zorg.2.html`). No id contains a `.`, so no item's page can have such a path, and
/// page `n` of a list has the same address in every build.
pub fn list_page(first: &str, n: usize) -> String {
    match (n, first.strip_suffix(".html")) {
        (0 | 1, _) | (_, None) => first.to_string(),
        (n, Some(stem)) => format!("{stem}.{n}.html"),
    }
}

/// The first page of the list `path` is page `n ≥ 2` of, and `n`.
pub fn list_page_of(path: &str) -> Option<(String, usize)> {
    let (stem, number) = path.strip_suffix(".html")?.rsplit_once('.')?;
    let n: usize = number.parse().ok().filter(|n| *n >= 2)?;
    (number == n.to_string() && !stem.is_empty()).then(|| (format!("{stem}.html"), n))
}

/// The number of pages a list of `items` takes, `size` to a page (at least one page).
pub fn page_count(items: usize, size: usize) -> usize {
    items.div_ceil(size.max(1)).max(1)
}

/// The prefix that leads from `path` back to the site root ("" or "../").
pub fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// The shortest relative URL from the page `from` to the file `to`, both relative to the
/// site root: `recommendations/R1.html` to `recommendations/R2.html` is `R2.html`, to
/// `index.html` is `../index.html`. Characters that a URL cannot hold as they are (spaces, `#`,
/// `%`, non-ASCII) are percent-encoded.
pub fn relative_url(from: &str, to: &str) -> String {
    let from_dirs: Vec<&str> = from.split('/').collect();
    let from_dirs = &from_dirs[..from_dirs.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dirs
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count()
        .min(to_parts.len() - 1);
    let mut url = "../".repeat(from_dirs.len() - common);
    let rest: Vec<String> = to_parts[common..]
        .iter()
        .map(|part| percent_encoding::utf8_percent_encode(part, URL_PART).to_string())
        .collect();
    url.push_str(&rest.join("/"));
    url
}

/// What to encode in one path segment of a URL: everything but unreserved characters and a
/// few that are safe in a path.
const URL_PART: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~')
    .remove(b'(')
    .remove(b')');

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_reads_back_from_its_path() {
        let outputs = [
            Output::Dashboard,
            Output::Accessibility,
            Output::List(List::Recommendations, 1),
            Output::List(List::Commitments, 12),
            Output::List(List::Changes, 2),
            Output::Recommendation("R1".into()),
            Output::Indicator("amv-ter-apel".into()),
            Output::IndicatorFile("x".into(), IndicatorFile::Svg),
            Output::IndicatorFile("x".into(), IndicatorFile::Json),
            Output::Document("d".into()),
            Output::Topic("zorg".into(), 1),
            Output::Topic("zorg".into(), 3),
            Output::OpenData,
            Output::DataFile("status.csv".into()),
            Output::Dossier,
            Output::DossierCss,
            Output::Review,
            Output::Feed,
            Output::Sitemap,
            Output::SitemapPart(2),
            Output::Static("fonts/a.woff2".into()),
            Output::Attachment("documents/annex 1.pdf".into()),
            Output::Attachment("documents/x.y.html".into()),
            Output::Search,
            Output::SearchIndex("words-k.js".into()),
            Output::Finder(Finder::Letter('a'), 1),
            Output::Finder(Finder::Letter('0'), 3),
            Output::Finder(Finder::State("in_progress".into()), 1),
            Output::Finder(Finder::Owner("ministerie-van-jenv".into()), 2),
            Output::Finder(Finder::Addressee("coa".into()), 1),
        ];
        for output in outputs {
            assert_eq!(
                Output::of_path(&output.path()),
                Some(output.clone()),
                "{output:?}"
            );
        }
        assert_eq!(Output::of_path(""), None);
        for nothing in [
            "search/x.html",
            "search/letter-ab.html",
            "search/a/b.js",
            "search/owner-.html",
        ] {
            assert_eq!(Output::of_path(nothing), None, "{nothing}");
        }
        assert_eq!(Output::of_path("recommendations/"), None);
    }

    #[test]
    fn list_pages_have_addresses_no_item_can_take_and_read_back() {
        assert_eq!(list_page(RECOMMENDATIONS, 1), RECOMMENDATIONS);
        assert_eq!(
            list_page(RECOMMENDATIONS, 2),
            "recommendations/index.2.html"
        );
        assert_eq!(list_page("topics/zorg.html", 12), "topics/zorg.12.html");
        assert_eq!(
            list_page_of("topics/zorg.12.html"),
            Some(("topics/zorg.html".to_string(), 12))
        );
        for not_a_page in [
            "topics/zorg.html",
            "topics/zorg.1.html",
            "topics/zorg.02.html",
            "x.html",
        ] {
            assert_eq!(list_page_of(not_a_page), None, "{not_a_page}");
        }
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
    }

    #[test]
    fn relative_urls_are_the_shortest_path_between_two_files() {
        assert_eq!(
            relative_url("recommendations/R1.html", "recommendations/R2.html"),
            "R2.html"
        );
        assert_eq!(
            relative_url("recommendations/R1.html", "documents/d.html"),
            "../documents/d.html"
        );
        assert_eq!(
            relative_url("recommendations/R1.html", "index.html"),
            "../index.html"
        );
        assert_eq!(relative_url("index.html", "topics/t.html"), "topics/t.html");
        assert_eq!(
            relative_url("documents/d.html", "documents/figures/fig 1.png"),
            "figures/fig%201.png"
        );
        assert_eq!(relative_url("index.html", "index.html"), "index.html");
    }

    #[test]
    fn urls_relative_to_a_page_resolve_to_paths_from_the_root() {
        assert_eq!(
            from_root("recommendations/R1.html", "../documents/d.html#a"),
            "documents/d.html#a"
        );
        assert_eq!(
            from_root("recommendations/R1.html", "R2.html"),
            "recommendations/R2.html"
        );
        assert_eq!(
            from_root("index.html", "topics/t.html?x=1"),
            "topics/t.html?x=1"
        );
        assert_eq!(
            from_root("documents/d.html", "figures/fig%201.png"),
            "documents/figures/fig%201.png"
        );
    }
}
