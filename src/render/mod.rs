//! Render: the site model and a compiled theme into output files (paths and bytes).
//!
//! Owns which pages exist and what each shows: dashboard, one page per recommendation,
//! indicator, document and topic, the list pages, the data downloads and the static assets.
//! Pure: `&Site` and `&Theme` in, `Vec<OutputFile>` out, sorted by path. It never touches
//! the disk (that is `write`) and never re-validates content (that was `validate`).

pub mod charts;
pub mod i18n;
pub mod views;

use crate::diag::Diagnostics;
use crate::load::ThemeFiles;
use crate::markdown;
use crate::model::*;
use i18n::Translations;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use views::*;

/// One file of the generated site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A theme ready to render with: compiled templates, the language's texts and the assets.
pub struct Theme {
    tera: tera::Tera,
    translations: Translations,
    assets: Vec<(String, Vec<u8>)>,
    /// template name -> (path relative to the site root, text), for error positions.
    sources: BTreeMap<String, (String, String)>,
}

/// Templates every theme must provide.
const TEMPLATES: &[&str] = &[
    "index.html",
    "recommendation.html",
    "indicator.html",
    "document.html",
    "topic.html",
    "recommendations.html",
    "indicators.html",
    "documents.html",
    "topics.html",
    "accessibility.html",
];

impl Theme {
    /// Compiles the theme's templates and loads the texts for `language`.
    pub fn compile(
        files: &ThemeFiles,
        language: Language,
        diags: &mut Diagnostics,
    ) -> Option<Theme> {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(escape_html);
        let mut sources = BTreeMap::new();
        for (name, file) in &files.templates {
            sources.insert(name.clone(), (file.path.clone(), file.text.clone()));
        }
        // All at once: inheritance and macro imports resolve only when every template is in.
        let raw = files
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), file.text.as_str()));
        let mut ok = true;
        if let Err(e) = tera.add_raw_templates(raw) {
            let (line, column, message, chain) = template_error_position(&e);
            // Tera names the failing template in quotes: "Failed to parse 'x.html'".
            let path = files
                .templates
                .iter()
                .find(|(name, _)| chain.contains(&format!("'{name}'")))
                .map_or_else(
                    || format!("themes/{}/templates", files.name),
                    |(_, f)| f.path.clone(),
                );
            let text = files
                .templates
                .iter()
                .find(|(_, f)| f.path == path)
                .map_or("", |(_, f)| f.text.as_str());
            let offset = crate::diag::offset_of(text, line, column);
            diags.error_at(&path, text, offset, message);
            ok = false;
        }
        for required in TEMPLATES {
            if !sources.contains_key(*required) {
                diags.error_in_file(
                    &format!("themes/{}/templates/{required}", files.name),
                    format!("the theme \"{}\" lacks the template {required}", files.name),
                );
                ok = false;
            }
        }
        let translations = match files
            .translations
            .iter()
            .find(|(lang, _)| lang == language.code())
        {
            Some((_, file)) => Translations::parse(file, diags),
            None => {
                diags.error_in_file(
                    &format!("themes/{}/i18n/{}.toml", files.name, language.code()),
                    format!(
                        "the theme \"{}\" has no texts for language \"{}\"",
                        files.name,
                        language.code()
                    ),
                );
                None
            }
        };
        if !ok {
            return None;
        }
        Some(Theme {
            tera,
            translations: translations?,
            assets: files.assets.clone(),
            sources,
        })
    }

    pub fn translations(&self) -> &Translations {
        &self.translations
    }
}

/// Escapes text for HTML text and quoted attributes. Unlike tera's default it leaves `/`
/// alone, so URLs in the output stay readable.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Tera's parse errors carry "--> line:column" in their cause chain; find it, and shorten the
/// message to the parser's explanation. Returns (line, column, message, full chain).
fn template_error_position(e: &tera::Error) -> (usize, usize, String, String) {
    let chain = error_chain(e);
    let position = chain.find("--> ").and_then(|at| {
        let rest = &chain[at + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    });
    let (line, column) = position.unwrap_or((1, 1));
    // The parser's own explanation is its last "= ..." line; the rest repeats the source.
    let expected = chain
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= "))
        .next_back()
        .map(str::to_string);
    let message = match expected {
        Some(expected) => format!("template syntax error: {expected}"),
        None => chain.clone(),
    };
    (line, column, message, chain)
}

fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub charts: usize,
}

/// Renders the whole site. Template errors become diagnostics naming the template.
pub fn render_site(
    site: &Site,
    theme: &Theme,
    diags: &mut Diagnostics,
) -> Option<(Vec<OutputFile>, RenderStats)> {
    let mut r = Renderer {
        site,
        theme,
        t: &theme.translations,
        files: Vec::new(),
        stats: RenderStats::default(),
        failed: false,
        reported: BTreeSet::new(),
    };
    r.dashboard(diags);
    r.list_pages(diags);
    r.accessibility(diags);
    for rec in site.recommendations.values() {
        r.recommendation(rec, diags);
    }
    for ind in site.indicators.values() {
        r.indicator(ind, diags);
    }
    for doc in site.documents.values() {
        r.document(doc, diags);
    }
    for topic in site.topics.values() {
        r.topic(topic, diags);
    }
    for (path, bytes) in &theme.assets {
        r.files.push(OutputFile {
            path: format!("static/{path}"),
            bytes: bytes.clone(),
        });
    }
    r.files.push(OutputFile {
        path: charts::FONT_OUTPUT_PATH.to_string(),
        bytes: charts::FONT_BYTES.to_vec(),
    });
    if r.failed {
        return None;
    }
    let mut files = r.files;
    // Sorted and unique by path: the write order, and a guard against two pages on one path.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    Some((files, r.stats))
}

struct Renderer<'a> {
    site: &'a Site,
    theme: &'a Theme,
    t: &'a Translations,
    files: Vec<OutputFile>,
    stats: RenderStats,
    failed: bool,
    /// Template errors already reported, as (template, message).
    reported: BTreeSet<(String, String)>,
}

/// What every page template receives besides its own data.
#[derive(Serialize)]
struct Common<'a> {
    site: &'a SiteView,
    t: &'a Translations,
    root: String,
    path: &'a str,
    section: &'a str,
}

impl<'a> Renderer<'a> {
    fn page<T: Serialize>(
        &mut self,
        template: &str,
        path: &str,
        section: &str,
        page: T,
        diags: &mut Diagnostics,
    ) {
        let site_view = SiteView::new(self.site, self.t);
        let common = Common {
            site: &site_view,
            t: self.t,
            root: paths::root_of(path),
            path,
            section,
        };
        let mut context = match tera::Context::from_serialize(&common) {
            Ok(c) => c,
            Err(e) => {
                diags.error_in_file(path, error_chain(&e));
                self.failed = true;
                return;
            }
        };
        context.insert("page", &page);
        match self.theme.tera.render(template, &context) {
            Ok(html) => {
                self.stats.pages += 1;
                self.files.push(OutputFile {
                    path: path.to_string(),
                    bytes: html.into_bytes(),
                });
            }
            Err(e) => {
                self.failed = true;
                let chain = error_chain(&e);
                let variable = missing_variable(&chain);
                // One report per template problem, not one per page that meets it.
                let key = variable.clone().unwrap_or_else(|| chain.clone());
                if !self.reported.insert((template.to_string(), key)) {
                    return;
                }
                let (file, text) = self
                    .theme
                    .sources
                    .get(template)
                    .cloned()
                    .unwrap_or_default();
                // Tera does not say where in the template a variable was missing; point at
                // the first place the name occurs.
                let offset = variable
                    .as_ref()
                    .and_then(|name| text.find(name.as_str()))
                    .unwrap_or(0);
                let message = match &variable {
                    Some(name) => format!("unknown variable `{name}` in template {template}"),
                    None => chain,
                };
                diags.error_at(&file, &text, offset, message);
                diags.with_hint(format!(
                    "first met while rendering {path}; the README section \"Themes\" lists what templates can use"
                ));
            }
        }
    }

    fn html_options(&self) -> markdown::HtmlOptions {
        markdown::HtmlOptions {
            allow_html: self.site.config.allow_html,
        }
    }

    fn markdown(&self, body: &str) -> String {
        markdown::to_html(body, self.html_options(), &|_| None)
    }

    fn dashboard(&mut self, diags: &mut Diagnostics) {
        let site = self.site;
        let as_of = site.config.as_of;
        let counts: Vec<(FollowUpState, usize)> = FollowUpState::ALL
            .iter()
            .map(|s| {
                (
                    *s,
                    site.recommendations
                        .values()
                        .filter(|r| r.current().state == *s)
                        .count(),
                )
            })
            .collect();
        let chart = charts::state_chart(&counts, as_of, self.t);
        self.stats.charts += 1;
        let table = Table {
            caption: self.t.get("ui", "per_state").to_string(),
            columns: vec![
                self.t.get("ui", "state").into(),
                self.t.get("ui", "count").into(),
            ],
            rows: counts
                .iter()
                .map(|(s, n)| vec![self.t.get("state", s.key()).to_string(), n.to_string()])
                .collect(),
        };
        #[derive(Serialize)]
        struct Dashboard {
            title: String,
            intro: String,
            chart: ChartView,
            recommendations: Vec<RecommendationRow>,
            indicators: Vec<IndicatorRow>,
        }
        let page = Dashboard {
            title: site
                .home
                .title
                .clone()
                .unwrap_or_else(|| site.config.title.clone()),
            intro: self.markdown(&site.home.body),
            chart: ChartView {
                id: chart.id,
                title: chart.title,
                description: chart.description,
                svg: chart.svg,
                table,
                provenance_warning: None,
                provenance: None,
                details: None,
            },
            recommendations: site
                .recommendations
                .values()
                .map(|r| RecommendationRow::new(r, as_of, self.t))
                .collect(),
            indicators: site
                .indicators
                .values()
                .map(|i| IndicatorRow::new(i, as_of, self.t))
                .collect(),
        };
        self.page("index.html", paths::INDEX, "dashboard", page, diags);
    }

    fn list_pages(&mut self, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        let recs: Vec<RecommendationRow> = site
            .recommendations
            .values()
            .map(|r| RecommendationRow::new(r, as_of, t))
            .collect();
        self.page(
            "recommendations.html",
            paths::RECOMMENDATIONS,
            "recommendations",
            recs,
            diags,
        );
        let inds: Vec<IndicatorRow> = site
            .indicators
            .values()
            .map(|i| IndicatorRow::new(i, as_of, t))
            .collect();
        self.page(
            "indicators.html",
            paths::INDICATORS,
            "indicators",
            inds,
            diags,
        );

        #[derive(Serialize)]
        struct DocumentRow {
            title: String,
            url: String,
            date: String,
            date_iso: String,
            kind: Label,
            reference: Option<String>,
        }
        let mut docs: Vec<&Document> = site.documents.values().collect();
        // Newest first, id as the tie-break so the order never depends on anything else.
        docs.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.id.cmp(&b.id)));
        let docs: Vec<DocumentRow> = docs
            .into_iter()
            .map(|d| DocumentRow {
                title: d.title.clone(),
                url: paths::document(&d.id),
                date: t.date(d.date),
                date_iso: d.date.to_string(),
                kind: Label::new(t, "kind", d.kind.key()),
                reference: d.reference.clone(),
            })
            .collect();
        self.page("documents.html", paths::DOCUMENTS, "documents", docs, diags);

        #[derive(Serialize)]
        struct TopicRow {
            title: String,
            url: String,
            count: usize,
        }
        let topics: Vec<TopicRow> = site
            .topics
            .values()
            .map(|topic| TopicRow {
                title: topic.title.clone(),
                url: paths::topic(&topic.id),
                count: site
                    .index
                    .topic_recommendations
                    .get(&topic.id)
                    .map_or(0, Vec::len),
            })
            .collect();
        self.page("topics.html", paths::TOPICS, "topics", topics, diags);
    }

    fn accessibility(&mut self, diags: &mut Diagnostics) {
        let t = self.t;
        let config = &self.site.config;
        let a = &config.accessibility;
        #[derive(Serialize)]
        struct AccessibilityPage {
            intro: String,
            scope: String,
            status: Label,
            evaluated: Option<String>,
            evaluated_iso: Option<String>,
            method: Option<String>,
            known_issues: Vec<String>,
            contact: Option<Link>,
        }
        let publisher = config
            .publisher
            .clone()
            .unwrap_or_else(|| t.get("accessibility", "publisher_fallback").to_string());
        let site_name = match &config.base_url {
            Some(url) => format!("{} ({url})", config.title),
            None => config.title.clone(),
        };
        let page = AccessibilityPage {
            intro: t.fill("accessibility", "intro", &[("publisher", &publisher)]),
            scope: t.fill("accessibility", "scope", &[("site", &site_name)]),
            status: Label::new(t, "accessibility", a.status.key()),
            evaluated: a.evaluated.map(|d| t.date(d)),
            evaluated_iso: a.evaluated.map(|d| d.to_string()),
            method: a.method.clone(),
            known_issues: a.known_issues.clone(),
            contact: a.contact.as_ref().map(|c| Link {
                url: if c.contains('@') && !c.contains(':') {
                    format!("mailto:{c}")
                } else {
                    c.clone()
                },
                text: c.clone(),
            }),
        };
        self.page(
            "accessibility.html",
            paths::ACCESSIBILITY,
            "accessibility",
            page,
            diags,
        );
    }

    fn indicator_chart(&mut self, ind: &Indicator, chart_id: &str, details: bool) -> ChartView {
        let t = self.t;
        let as_of = self.site.config.as_of;
        let description = indicator_description(ind, as_of, t);
        let chart = charts::indicator_chart(ind, chart_id, as_of, t, &description);
        self.stats.charts += 1;
        let (provenance_warning, provenance) = provenance_of(ind, t);
        ChartView {
            id: chart.id,
            title: chart.title,
            description: chart.description,
            svg: chart.svg,
            table: indicator_table(ind, t),
            provenance_warning,
            provenance,
            details: details.then(|| Link {
                url: paths::indicator(&ind.id),
                text: ind.title.clone(),
            }),
        }
    }

    fn recommendation(&mut self, rec: &Recommendation, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        let source = &site.documents[&rec.source];
        let response_doc = &site.documents[&rec.response_ref.document];
        let promised = response_doc.date;

        let mut indicator_charts = Vec::new();
        for id in &rec.indicators {
            let chart_id = format!("chart-{id}");
            indicator_charts.push(self.indicator_chart(&site.indicators[id], &chart_id, true));
        }
        let commitments: Vec<CommitmentView> = rec
            .commitments
            .iter()
            .enumerate()
            .map(|(i, c)| CommitmentView::new(site, i + 1, c, t))
            .collect();
        let done = rec.commitments.iter().filter(|c| c.done.is_some()).count();
        let overdue = rec.overdue_commitments(as_of);
        let summary = t.fill(
            "chart",
            "timeline_summary",
            &[
                ("done", &done.to_string()),
                ("overdue", &overdue.to_string()),
                (
                    "open",
                    &(rec.commitments.len() - done - overdue).to_string(),
                ),
            ],
        );
        let states: Vec<String> = rec
            .status
            .iter()
            .map(|s| format!("{} {}", t.date(s.date), t.get("state", s.state.key())))
            .collect();
        let description = format!(
            "{} {}: {}.",
            t.fill(
                "chart",
                "timeline_desc",
                &[
                    ("count", &rec.commitments.len().to_string()),
                    ("as_of", &t.date(as_of)),
                    ("summary", &summary)
                ],
            ),
            t.get("chart", "timeline_status_lane"),
            states.join("; ")
        );
        let timeline = charts::timeline_chart(rec, promised, as_of, t, &description);
        self.stats.charts += 1;
        let mut rows: Vec<Vec<String>> = rec
            .status
            .iter()
            .map(|s| {
                vec![
                    t.date(s.date),
                    t.get("chart", "timeline_status_lane").to_string(),
                    t.get("state", s.state.key()).to_string(),
                ]
            })
            .collect();
        for c in &commitments {
            rows.push(vec![
                c.due.clone(),
                format!("{}. {}", c.number, c.text),
                c.status.text.clone(),
            ]);
        }
        let timeline_view = ChartView {
            id: timeline.id,
            title: timeline.title.clone(),
            description: timeline.description,
            svg: timeline.svg,
            table: Table {
                caption: timeline.title,
                columns: vec![
                    t.get("ui", "date").into(),
                    t.get("ui", "follow_up").into(),
                    t.get("ui", "state").into(),
                ],
                rows,
            },
            provenance_warning: None,
            provenance: None,
            details: None,
        };

        #[derive(Serialize)]
        struct RecommendationPage {
            row: RecommendationRow,
            body: String,
            source: Link,
            addressed_to: Vec<String>,
            topics: Vec<Link>,
            response_link: Link,
            commitments: Vec<CommitmentView>,
            status: Vec<StatusView>,
            timeline: ChartView,
            charts: Vec<ChartView>,
        }
        let page = RecommendationPage {
            row: RecommendationRow::new(rec, as_of, t),
            body: self.markdown(&rec.body),
            source: Link {
                url: paths::document(&source.id),
                text: source.title.clone(),
            },
            addressed_to: rec.addressed_to.clone(),
            topics: rec
                .topics
                .iter()
                .map(|id| Link {
                    url: paths::topic(id),
                    text: site.topics[id].title.clone(),
                })
                .collect(),
            response_link: doc_ref_link(site, &rec.response_ref),
            commitments,
            status: rec
                .status
                .iter()
                .map(|s| StatusView::new(site, s, t))
                .collect(),
            timeline: timeline_view,
            charts: indicator_charts,
        };
        self.page(
            "recommendation.html",
            &paths::recommendation(&rec.id),
            "recommendations",
            page,
            diags,
        );
    }

    fn indicator(&mut self, ind: &Indicator, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let chart = self.indicator_chart(ind, "chart-indicator", false);
        #[derive(Serialize)]
        struct IndicatorPage {
            row: IndicatorRow,
            description: String,
            source_name: String,
            source_url: Option<String>,
            chart: ChartView,
            used_by: Vec<Link>,
            csv: String,
            json: String,
        }
        let used_by = site
            .index
            .indicator_users
            .get(&ind.id)
            .into_iter()
            .flatten()
            .map(|id| Link {
                url: paths::recommendation(id),
                text: format!("{}: {}", id, site.recommendations[id].title),
            })
            .collect();
        let page = IndicatorPage {
            row: IndicatorRow::new(ind, site.config.as_of, t),
            description: ind.description.clone(),
            source_name: ind.source.name.clone(),
            source_url: ind.source.url.clone(),
            chart,
            used_by,
            csv: paths::indicator_data(&ind.id, "csv"),
            json: paths::indicator_data(&ind.id, "json"),
        };
        self.page(
            "indicator.html",
            &paths::indicator(&ind.id),
            "indicators",
            page,
            diags,
        );
        match indicator_csv(ind) {
            Ok(bytes) => self.files.push(OutputFile {
                path: paths::indicator_data(&ind.id, "csv"),
                bytes,
            }),
            Err(e) => {
                diags.error_in_file(&paths::indicator_data(&ind.id, "csv"), e);
                self.failed = true;
            }
        }
        self.files.push(OutputFile {
            path: paths::indicator_data(&ind.id, "json"),
            bytes: indicator_json(ind),
        });
    }

    fn document(&mut self, doc: &Document, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let citations = site.index.citations.get(&doc.id);
        let cited_at = |anchor: &str| -> Option<String> {
            let recs = citations?.get(anchor)?;
            let links: Vec<String> = recs
                .iter()
                .map(|id| {
                    format!(
                        "<a href=\"../{}\">{}</a>",
                        paths::recommendation(id),
                        escape_html(&format!("{id}: {}", site.recommendations[id].title))
                    )
                })
                .collect();
            Some(format!(
                "<aside class=\"cited-by\"><span class=\"cited-by-label\">{}:</span> {}</aside>\n",
                escape_html(t.get("ui", "cited_by")),
                links.join(", ")
            ))
        };
        let body = markdown::to_html(&doc.body, self.html_options(), &cited_at);
        #[derive(Serialize)]
        struct DocumentPage {
            title: String,
            date: String,
            date_iso: String,
            kind: Label,
            reference: Option<String>,
            author: Option<String>,
            url: Option<String>,
            body: String,
            contents: Vec<Link>,
            sourced: Vec<Link>,
            cited_whole: Vec<Link>,
        }
        let rec_link = |id: &String| Link {
            url: paths::recommendation(id),
            text: format!("{id}: {}", site.recommendations[id].title),
        };
        let page = DocumentPage {
            title: doc.title.clone(),
            date: t.date(doc.date),
            date_iso: doc.date.to_string(),
            kind: Label::new(t, "kind", doc.kind.key()),
            reference: doc.reference.clone(),
            author: doc.author.clone(),
            url: doc.url.clone(),
            body,
            contents: doc
                .headings
                .iter()
                .filter(|h| h.level <= 2)
                .map(|h| Link {
                    url: format!("#{}", h.anchor),
                    text: h.text.clone(),
                })
                .collect(),
            sourced: site
                .index
                .document_sources
                .get(&doc.id)
                .into_iter()
                .flatten()
                .map(rec_link)
                .collect(),
            cited_whole: citations
                .and_then(|c| c.get(""))
                .into_iter()
                .flatten()
                .map(rec_link)
                .collect(),
        };
        self.page(
            "document.html",
            &paths::document(&doc.id),
            "documents",
            page,
            diags,
        );
    }

    fn topic(&mut self, topic: &Topic, diags: &mut Diagnostics) {
        let site = self.site;
        #[derive(Serialize)]
        struct TopicPage {
            title: String,
            body: String,
            recommendations: Vec<RecommendationRow>,
        }
        let page = TopicPage {
            title: topic.title.clone(),
            body: self.markdown(&topic.body),
            recommendations: site
                .index
                .topic_recommendations
                .get(&topic.id)
                .into_iter()
                .flatten()
                .map(|id| {
                    RecommendationRow::new(&site.recommendations[id], site.config.as_of, self.t)
                })
                .collect(),
        };
        self.page(
            "topic.html",
            &paths::topic(&topic.id),
            "topics",
            page,
            diags,
        );
    }
}

fn missing_variable(message: &str) -> Option<String> {
    let start = message.find("Variable `")? + "Variable `".len();
    let end = message[start..].find('`')? + start;
    Some(message[start..end].to_string())
}

fn provenance_of(ind: &Indicator, t: &Translations) -> (Option<String>, Option<Label>) {
    let label = Label::new(t, "provenance", ind.provenance.key());
    let warning = match ind.provenance {
        Provenance::Illustrative => Some(t.get("ui", "illustrative_warning").to_string()),
        Provenance::Provisional => Some(t.get("ui", "provisional_warning").to_string()),
        Provenance::Official => None,
    };
    (warning, Some(label))
}

/// The chart's text alternative: what it shows, the latest values and the target state.
fn indicator_description(ind: &Indicator, as_of: crate::date::Date, t: &Translations) -> String {
    let periods = ind
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period));
    let from = periods
        .clone()
        .min()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let to = periods.max().map(|p| p.to_string()).unwrap_or_default();
    let key = match ind.chart {
        ChartKind::Line => "line_desc",
        ChartKind::Bar => "bar_desc",
    };
    let mut parts = vec![t.fill(
        "chart",
        key,
        &[
            ("title", &ind.title),
            ("unit", &ind.unit),
            ("from", &from),
            ("to", &to),
        ],
    )];
    for series in &ind.series {
        let latest = series
            .points
            .iter()
            .filter(|p| p.period.start() <= as_of)
            .filter_map(|p| p.value.map(|v| (p.period, v)))
            .next_back();
        if let Some((period, value)) = latest {
            parts.push(t.fill(
                "chart",
                "latest_desc",
                &[
                    ("series", &series.name),
                    ("value", &t.number(value)),
                    ("period", &period.to_string()),
                ],
            ));
        }
    }
    if let (Some(target), Some(state)) = (&ind.target, ind.target_state(as_of)) {
        parts.push(t.fill(
            "chart",
            "target_desc",
            &[
                ("target", &target_text(target, &ind.unit, t)),
                ("by", &t.date(target.by)),
                ("as_of", &t.date(as_of)),
                ("state", t.get("target_state", state.key())),
            ],
        ));
    }
    if ind.provenance == Provenance::Illustrative {
        parts.push(t.get("chart", "illustrative_desc").to_string());
    }
    parts.join(" ")
}

/// The numbers of an indicator: one row per period, one column per series.
fn indicator_table(ind: &Indicator, t: &Translations) -> Table {
    let mut rows: BTreeMap<crate::date::Period, Vec<String>> = BTreeMap::new();
    let width = ind.series.len();
    for (i, series) in ind.series.iter().enumerate() {
        for p in &series.points {
            let row = rows
                .entry(p.period)
                .or_insert_with(|| vec![t.get("ui", "no_value").to_string(); width]);
            row[i] = p
                .value
                .map_or_else(|| t.get("ui", "no_value").to_string(), |v| t.number(v));
        }
    }
    let mut columns = vec![t.get("ui", "period").to_string()];
    columns.extend(
        ind.series
            .iter()
            .map(|s| format!("{} ({})", s.name, ind.unit)),
    );
    Table {
        caption: match ind.provenance {
            Provenance::Official => format!("{}: {}", t.get("ui", "data_table"), ind.title),
            other => format!(
                "{}: {} ({})",
                t.get("ui", "data_table"),
                ind.title,
                t.get("provenance", other.key()).to_uppercase()
            ),
        },
        columns,
        rows: rows
            .into_iter()
            .map(|(period, values)| std::iter::once(period.to_string()).chain(values).collect())
            .collect(),
    }
}

fn indicator_csv(ind: &Indicator) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    writer
        .write_record([
            "indicator",
            "series",
            "period",
            "value",
            "unit",
            "provenance",
        ])
        .map_err(e)?;
    for series in &ind.series {
        for p in &series.points {
            let value = p.value.map(|v| v.to_string()).unwrap_or_default();
            writer
                .write_record([
                    ind.id.as_str(),
                    &series.name,
                    &p.period.to_string(),
                    &value,
                    &ind.unit,
                    ind.provenance.key(),
                ])
                .map_err(e)?;
        }
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The indicator as JSON in the input format, so a download can be read back by opvolg.
fn indicator_json(ind: &Indicator) -> Vec<u8> {
    let series: Vec<serde_json::Value> = ind
        .series
        .iter()
        .map(|s| {
            let points: Vec<serde_json::Value> = s
                .points
                .iter()
                .map(|p| serde_json::json!({ "date": p.period.to_string(), "value": p.value }))
                .collect();
            serde_json::json!({ "name": s.name, "points": points })
        })
        .collect();
    let mut value = serde_json::json!({
        "id": ind.id,
        "title": ind.title,
        "unit": ind.unit,
        "description": ind.description,
        "source": { "name": ind.source.name, "url": ind.source.url },
        "provenance": ind.provenance.key(),
        "chart": ind.chart.key(),
        "series": series,
    });
    if let Some(target) = &ind.target {
        value["target"] = serde_json::json!({
            "value": target.value,
            "direction": target.direction.key(),
            "by": target.by.to_string(),
            "label": target.label,
        });
    }
    let mut bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}
