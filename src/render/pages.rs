//! The pages of the site: what each one shows, built from the model into view structs and
//! rendered with the theme's template. Each method renders one page (or one page with its
//! downloads) and hands the files to the sink; they run in parallel and share nothing mutable.

use super::data;
use super::i18n::{AccessibilityText, ChartText, HistoryText, ListsText, Ui};
use super::views::*;
use super::{DASHBOARD_ROWS, OutputFile, Renderer, charts};
use crate::diag::Diagnostics;
use crate::markdown;
use crate::model::*;
use std::sync::Arc;

impl Renderer<'_> {
    /// A text as HTML on the page at `path`: its links to the site's pages and files become
    /// URLs relative to the page. `after_heading` may place HTML after a heading, by anchor.
    fn text_html(
        &self,
        body: &Body,
        path: &str,
        after_heading: &dyn Fn(&str) -> Option<String>,
    ) -> String {
        let link = |dest: &str| body.links.get(dest).map(|target| link_url(target, path));
        let options = markdown::HtmlOptions {
            allow_html: self.site.config.allow_html,
            link: Some(&link),
            ..Default::default()
        };
        markdown::to_html(body.markdown(), options, after_heading)
    }

    fn markdown(&self, body: &Body, path: &str) -> String {
        self.text_html(body, path, &|_| None)
    }

    pub(super) fn dashboard(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let as_of = site.config.as_of;
        let counts: Vec<(FollowUpState, usize)> = FollowUpState::all()
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
        self.count_chart();
        let table = Table {
            caption: self.t.text(Ui::PerState).to_string(),
            columns: vec![self.t.text(Ui::State).into(), self.t.text(Ui::Count).into()],
            rows: counts
                .iter()
                .map(|(s, n)| vec![self.t.text(*s).to_string(), n.to_string()])
                .collect(),
        };
        let large = site.recommendations.len() > site.config.page_size;
        let changes = self.previous_moment().map(|m| {
            let all = Link {
                url: paths::CHANGES.to_string(),
                text: self.t.text(ListsText::AllChanges).to_string(),
            };
            ChangesView::new(site, Some(m), as_of, self.t).cut(DASHBOARD_ROWS, &all, self.t)
        });
        let page = DashboardPage {
            title: site
                .home
                .title
                .clone()
                .unwrap_or_else(|| site.config.title.clone()),
            intro: self.markdown(&site.home.body, paths::INDEX),
            chart: ChartView::new(chart, table),
            recommendations: if large {
                Vec::new()
            } else {
                self.recommendation_rows(in_natural_order(&site.recommendations))
            },
            indicators: if large {
                Vec::new()
            } else {
                in_natural_order(&site.indicators)
                    .into_iter()
                    .map(|i| IndicatorRow::new(i, as_of, self.t))
                    .collect()
            },
            changes,
            latest_report: self
                .moments
                .iter()
                .rev()
                .find(|m| !m.documents.is_empty())
                .map_or_else(Vec::new, |m| {
                    m.documents
                        .iter()
                        .map(|id| Link {
                            url: paths::document(id),
                            text: site.documents[id].title.clone(),
                        })
                        .collect()
                }),
            summary: large.then(|| self.dashboard_summary()),
        };
        self.page("index.html", paths::INDEX, "dashboard", page, diags);
    }

    /// What the dashboard of a large site shows instead of every recommendation: counts per
    /// topic, per owner and per target state, the longest overdue commitments and the latest
    /// updates, each cut short with a link to its complete list.
    fn dashboard_summary(&self) -> DashboardSummary {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        let link = |url: &str, text: &str| Link {
            url: url.to_string(),
            text: text.to_string(),
        };
        let topics: Vec<TopicSummaryRow> = in_natural_order(&site.topics)
            .into_iter()
            .map(|topic| {
                let recs: Vec<&Arc<Recommendation>> = site
                    .index
                    .topic_recommendations
                    .get(&topic.id)
                    .into_iter()
                    .flatten()
                    .map(|id| &site.recommendations[id])
                    .collect();
                TopicSummaryRow {
                    title: topic.title.clone(),
                    url: paths::topic(&topic.id),
                    recommendations: recs.len(),
                    open: recs.iter().map(|r| r.open_commitments_at(as_of)).sum(),
                    overdue: recs.iter().map(|r| r.overdue_commitments(as_of)).sum(),
                }
            })
            .collect();
        let owners = OwnerRow::all(site);
        let commitments_link = link(paths::COMMITMENTS, t.text(ListsText::CommitmentsTitle));
        let overdue_count = site
            .recommendations
            .values()
            .flat_map(|r| &r.commitments)
            .filter(|c| c.is_overdue(as_of))
            .count();
        let overdue: Vec<CommitmentRow> = CommitmentRow::all(site, t)
            .take(overdue_count.min(DASHBOARD_ROWS))
            .collect();
        let mut updated: Vec<&Arc<Recommendation>> = site.recommendations.values().collect();
        // The latest status entry first; the id decides between equals.
        updated.sort_by(|a, b| {
            b.current()
                .date
                .cmp(&a.current().date)
                .then_with(|| natural_order(&a.id, &b.id))
        });
        let mut targets: Vec<CountRow> = TargetState::all()
            .into_iter()
            .map(|state| CountRow {
                label: Label::of(t, state),
                count: site
                    .indicators
                    .values()
                    .filter(|i| i.target_state(as_of) == Some(state))
                    .count(),
            })
            .collect();
        targets.push(CountRow {
            label: Label {
                key: "no_target",
                text: t.text(ListsText::NoTarget).to_string(),
            },
            count: site
                .indicators
                .values()
                .filter(|i| i.target.is_none())
                .count(),
        });
        let all_recs = link(paths::RECOMMENDATIONS, t.text(Ui::AllRecommendations));
        DashboardSummary {
            more_topics: More::of(
                DASHBOARD_ROWS,
                topics.len(),
                link(paths::TOPICS, t.text(Ui::AllTopics)),
                t,
            ),
            topics: topics.into_iter().take(DASHBOARD_ROWS).collect(),
            more_owners: More::of(DASHBOARD_ROWS, owners.len(), commitments_link.clone(), t),
            owners: owners.into_iter().take(DASHBOARD_ROWS).collect(),
            more_overdue: More::of(DASHBOARD_ROWS, overdue_count, commitments_link.clone(), t),
            overdue,
            more_updated: More::of(DASHBOARD_ROWS, updated.len(), all_recs.clone(), t),
            updated: self.recommendation_rows(updated.into_iter().take(DASHBOARD_ROWS).collect()),
            targets,
            lists: vec![
                all_recs,
                link(paths::INDICATORS, t.text(Ui::AllIndicators)),
                link(paths::DOCUMENTS, t.text(Ui::AllDocuments)),
                link(paths::TOPICS, t.text(Ui::AllTopics)),
                commitments_link,
            ],
        }
    }

    /// The last reporting moment before `as_of`: what "new since" and "changed since" count
    /// from.
    pub(super) fn previous_moment(&self) -> Option<&crate::history::Moment> {
        let as_of = self.site.config.as_of;
        self.moments.iter().rfind(|m| m.date < as_of)
    }

    fn recommendation_rows(&self, recs: Vec<&Arc<Recommendation>>) -> Vec<RecommendationRow> {
        let as_of = self.site.config.as_of;
        recs.into_iter()
            .map(|r| RecommendationRow::new(r, as_of, self.t))
            .collect()
    }

    /// Renders a list of `rows` in pages of `[lists] page_size` rows, the first at `first`:
    /// `page` makes each page's struct from its rows and its place among the pages.
    fn list_pages<T, P: serde::Serialize>(
        &self,
        (template, first, section): (&str, &str, &str),
        rows: impl ExactSizeIterator<Item = T>,
        mut page: impl FnMut(Vec<T>, Option<Pagination>) -> P,
        diags: &mut Diagnostics,
    ) {
        for (path, rows, pagination) in pages_of(first, rows, self.site.config.page_size, self.t) {
            self.page(template, &path, section, page(rows, pagination), diags);
        }
    }

    pub(super) fn recommendation_list(&self, diags: &mut Diagnostics) {
        let as_of = self.site.config.as_of;
        let rows = in_natural_order(&self.site.recommendations)
            .into_iter()
            .map(|r| RecommendationRow::new(r, as_of, self.t));
        self.list_pages(
            (
                "recommendations.html",
                paths::RECOMMENDATIONS,
                "recommendations",
            ),
            rows,
            |recommendations, pagination| RecommendationList {
                recommendations,
                pagination,
            },
            diags,
        );
    }

    pub(super) fn indicator_list(&self, diags: &mut Diagnostics) {
        let as_of = self.site.config.as_of;
        let rows = in_natural_order(&self.site.indicators)
            .into_iter()
            .map(|i| IndicatorRow::new(i, as_of, self.t));
        self.list_pages(
            ("indicators.html", paths::INDICATORS, "indicators"),
            rows,
            |indicators, pagination| IndicatorList {
                indicators,
                pagination,
            },
            diags,
        );
    }

    pub(super) fn document_list(&self, diags: &mut Diagnostics) {
        let t = self.t;
        let mut docs: Vec<&Arc<Document>> = self.site.documents.values().collect();
        // Newest first, id as the tie-break so the order never depends on anything else.
        docs.sort_by(|a, b| {
            b.date
                .cmp(&a.date)
                .then_with(|| natural_order(&a.id, &b.id))
        });
        let rows = docs.into_iter().map(|d| DocumentRow {
            title: d.title.clone(),
            url: paths::document(&d.id),
            date: t.date(d.date),
            date_iso: d.date.to_string(),
            kind: Label::of(t, d.kind),
            reference: d.reference.clone(),
        });
        self.list_pages(
            ("documents.html", paths::DOCUMENTS, "documents"),
            rows,
            |documents, pagination| DocumentList {
                documents,
                pagination,
            },
            diags,
        );
    }

    pub(super) fn topic_list(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let rows = in_natural_order(&site.topics)
            .into_iter()
            .map(|topic| TopicRow {
                title: topic.title.clone(),
                url: paths::topic(&topic.id),
                count: site
                    .index
                    .topic_recommendations
                    .get(&topic.id)
                    .map_or(0, Vec::len),
            });
        self.list_pages(
            ("topics.html", paths::TOPICS, "topics"),
            rows,
            |topics, pagination| TopicList { topics, pagination },
            diags,
        );
    }

    /// `commitments/index.html` and its further pages: the register of commitments.
    pub(super) fn commitment_list(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let intro = t.fill(
            ListsText::CommitmentsIntro,
            &[("as_of", &t.date(site.config.as_of))],
        );
        let mut owners = Some(OwnerRow::all(site));
        self.list_pages(
            ("commitments.html", paths::COMMITMENTS, "commitments"),
            CommitmentRow::all(site, t),
            |commitments, pagination| CommitmentList {
                intro: intro.clone(),
                // On the first page; the closure is called in page order.
                owners: pagination
                    .as_ref()
                    .is_none_or(|p| p.number == 1)
                    .then(|| owners.take())
                    .flatten()
                    .unwrap_or_default(),
                commitments,
                pagination,
            },
            diags,
        );
    }

    /// `changes.html` and its further pages: everything that changed since the last
    /// reporting moment before `as_of` (the dashboard shows the first few of each kind).
    pub(super) fn change_list(&self, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let Some(since) = self.previous_moment() else {
            return;
        };
        let changes = ChangesView::new(site, Some(since), site.config.as_of, t);
        let title = t.fill(ListsText::ChangesTitle, &[("date", &t.date(since.date))]);
        let total = changes.count();
        let size = site.config.page_size;
        let pages = changes.into_pages(size);
        let count = pages.len();
        for (n, changes) in pages.into_iter().enumerate() {
            let number = n + 1;
            let path = paths::list_page(paths::CHANGES, number);
            let page = ChangesPage {
                title: title.clone(),
                changes,
                pagination: (count > 1)
                    .then(|| Pagination::new(paths::CHANGES, number, total, size, t)),
            };
            self.page("changes_list.html", &path, "dashboard", page, diags);
        }
    }

    pub(super) fn accessibility(&self, diags: &mut Diagnostics) {
        let t = self.t;
        let config = &self.site.config;
        let a = &config.accessibility;
        let publisher = config
            .publisher
            .clone()
            .unwrap_or_else(|| t.text(AccessibilityText::PublisherFallback).to_string());
        let site_name = match &config.base_url {
            Some(url) => format!("{} ({url})", config.title),
            None => config.title.clone(),
        };
        let page = AccessibilityPage {
            intro: t.fill(AccessibilityText::Intro, &[("publisher", &publisher)]),
            scope: t.fill(AccessibilityText::Scope, &[("site", &site_name)]),
            status: Label::of(t, a.status),
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

    pub(super) fn recommendation(&self, rec: &Recommendation, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        let source = &site.documents[&rec.source];
        let figures: Vec<ChartView> = rec
            .indicators
            .iter()
            .map(|id| self.indicator_figure(&site.indicators[id]))
            .collect();
        let since = self.previous_moment().map(|m| m.date);
        let commitments: Vec<CommitmentView> = CommitmentView::all(site, rec, since, t);
        let mut timeline_view = self.timeline(rec, &commitments);
        // Its dates and states are the page's tables of commitments and progress: the page
        // points at them instead of repeating them under the chart.
        timeline_view.table.rows.clear();
        timeline_view.more = Some(Link {
            url: format!("{}#_commitments", paths::recommendation(&rec.id)),
            text: t.text(ChartText::TimelineData).to_string(),
        });

        let page = RecommendationPage {
            row: RecommendationRow::new(rec, as_of, t),
            body: self.markdown(&rec.body, &paths::recommendation(&rec.id)),
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
            response_link: rec.response_ref.as_ref().map(|r| doc_ref_link(site, r)),
            commitments,
            status: rec
                .status
                .iter()
                .zip(status_anchors(rec))
                .map(|(s, id)| StatusView::new(site, s, id, since, t))
                .collect(),
            moments: MomentRow::all(site, &self.moments, rec, t),
            since: since.map(|d| t.date(d)),
            new_since: since.map(|d| t.fill(HistoryText::NewSince, &[("date", &t.date(d))])),
            any_moved: rec.commitments.iter().any(|c| !c.revisions.is_empty()),
            timeline: timeline_view,
            charts: figures,
        };
        self.page(
            "recommendation.html",
            &paths::recommendation(&rec.id),
            "recommendations",
            page,
            diags,
        );
    }

    /// A recommendation's follow-up timeline: the chart, its text alternative and its table
    /// (status changes, deadlines and their moves in date order).
    pub(super) fn timeline(
        &self,
        rec: &Recommendation,
        commitments: &[CommitmentView],
    ) -> ChartView {
        let site = self.site;
        let t = self.t;
        let as_of = site.config.as_of;
        let source = &site.documents[&rec.source];
        // Commitments are drawn from the day of the answer, or of the recommendation while
        // the answer is pending.
        let promised = rec
            .response_ref
            .as_ref()
            .map_or(source.date, |r| site.documents[&r.document].date);
        let done = rec.commitments.iter().filter(|c| c.done.is_some()).count();
        let overdue = rec.overdue_commitments(as_of);
        let summary = t.fill(
            ChartText::TimelineSummary,
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
            .map(|s| format!("{} {}", t.date(s.date), t.text(s.state)))
            .collect();
        let mut description = format!(
            "{} {}: {}.",
            t.fill(
                ChartText::TimelineDesc,
                &[
                    ("count", &rec.commitments.len().to_string()),
                    ("as_of", &t.date(as_of)),
                    ("summary", &summary)
                ],
            ),
            t.text(ChartText::TimelineStatusLane),
            states.join("; ")
        );
        for view in commitments {
            for r in &view.revisions {
                let number = view.number.to_string();
                let subject = t.fill(
                    HistoryText::CommitmentNumber,
                    &[("id", &rec.id), ("number", &number)],
                );
                description.push_str(&format!(" {subject}: {}.", r.summary));
            }
        }
        let timeline = charts::timeline_chart(rec, promised, as_of, t, &description);
        self.count_chart();
        // One table in date order, as the timeline reads: status changes and deadlines mixed.
        let mut dated: Vec<(crate::date::Date, Vec<String>)> = rec
            .status
            .iter()
            .map(|s| {
                let row = vec![
                    t.date(s.date),
                    t.text(ChartText::TimelineStatusLane).to_string(),
                    t.text(s.state).to_string(),
                ];
                (s.date, row)
            })
            .collect();
        for (c, view) in rec.commitments.iter().zip(commitments) {
            let what = format!("{}. {}", view.number, view.text);
            // A kept commitment has two rows, its deadline and the day it was kept, so the
            // state is never read as happening on the deadline.
            let at_due = match (&view.done, c.done) {
                (Some(done), Some(on)) => {
                    dated.push((
                        on,
                        vec![done.clone(), what.clone(), view.status.text.clone()],
                    ));
                    t.text(Ui::Due).to_string()
                }
                _ => view.status.text.clone(),
            };
            dated.push((c.due, vec![view.due.clone(), what, at_due]));
        }
        for (c, view) in rec.commitments.iter().zip(commitments) {
            for (r, revision) in c.revisions.iter().zip(&view.revisions) {
                let row = vec![
                    revision.date.clone(),
                    format!("{}. {}", view.number, view.text),
                    revision.summary.clone(),
                ];
                dated.push((r.date, row));
            }
        }
        dated.sort_by_key(|(date, _)| *date);
        let rows: Vec<Vec<String>> = dated.into_iter().map(|(_, row)| row).collect();
        let timeline_table = Table {
            caption: timeline.title.clone(),
            columns: vec![
                t.text(Ui::Date).into(),
                t.text(Ui::FollowUp).into(),
                t.text(Ui::State).into(),
            ],
            rows,
        };
        ChartView::new(timeline, timeline_table)
    }

    pub(super) fn indicator(&self, ind: &Indicator, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        self.count_chart();
        self.emit(OutputFile {
            path: paths::indicator_file(&ind.id, paths::IndicatorFile::Svg),
            bytes: data::indicator_drawing(ind, site.config.as_of, t).into_bytes(),
        });
        let chart = data::indicator_chart(ind, site.config.as_of, t);
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
            csv: paths::indicator_file(&ind.id, paths::IndicatorFile::Csv),
            json: paths::indicator_file(&ind.id, paths::IndicatorFile::Json),
        };
        self.page(
            "indicator.html",
            &paths::indicator(&ind.id),
            "indicators",
            page,
            diags,
        );
        let csv = paths::indicator_file(&ind.id, paths::IndicatorFile::Csv);
        self.emit_made(&csv, data::indicator_csv(ind), diags);
        let json = paths::indicator_file(&ind.id, paths::IndicatorFile::Json);
        self.emit_made(&json, data::indicator_json(ind), diags);
    }

    pub(super) fn document(&self, doc: &Document, diags: &mut Diagnostics) {
        let site = self.site;
        let t = self.t;
        let citations = site.index.citations.get(&doc.id);
        let rec_link = |id: &String| Link {
            url: paths::recommendation(id),
            text: format!("{id}: {}", site.recommendations[id].title),
        };
        let path = paths::document(&doc.id);
        // The theme's cited_by.html after each cited heading; problems are collected and
        // reported once the body is done.
        let problems = std::cell::RefCell::new(Diagnostics::default());
        let cited_at = |anchor: &str| -> Option<String> {
            let recs = citations?.get(anchor)?;
            let cited = CitedBy {
                links: recs.iter().map(rec_link).collect(),
            };
            self.partial(
                "cited_by.html",
                &path,
                "cited",
                &cited,
                &mut problems.borrow_mut(),
            )
        };
        let body = self.text_html(&doc.body, &path, &cited_at);
        diags.extend(problems.into_inner());
        let rec_link = |id: &String| Link {
            url: paths::recommendation(id),
            text: format!("{id}: {}", site.recommendations[id].title),
        };
        let page = DocumentPage {
            title: doc.title.clone(),
            date: t.date(doc.date),
            date_iso: doc.date.to_string(),
            kind: Label::of(t, doc.kind),
            reference: doc.reference.clone(),
            author: doc.author.clone(),
            url: doc.url.clone(),
            body,
            contents: doc
                .body
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
            report: (doc.kind == DocumentKind::Progress)
                .then(|| ReportView::new(site, &self.moments, doc.date, t)),
        };
        self.page("document.html", &path, "documents", page, diags);
    }

    pub(super) fn topic(&self, topic: &Topic, diags: &mut Diagnostics) {
        let site = self.site;
        let ids: &[String] = site
            .index
            .topic_recommendations
            .get(&topic.id)
            .map_or(&[], Vec::as_slice);
        let rows = ids
            .iter()
            .map(|id| RecommendationRow::new(&site.recommendations[id], site.config.as_of, self.t));
        let body = self.markdown(&topic.body, &paths::topic(&topic.id));
        self.list_pages(
            ("topic.html", &paths::topic(&topic.id), "topics"),
            rows,
            |recommendations, pagination| TopicPage {
                title: topic.title.clone(),
                body: if pagination.as_ref().is_none_or(|p| p.number == 1) {
                    body.clone()
                } else {
                    String::new()
                },
                recommendations,
                pagination,
            },
            diags,
        );
    }
}

impl Renderer<'_> {
    /// One table of open-data/, as CSV and as an Excel workbook, each streamed as it is made.
    pub(super) fn data_table(&self, table: super::open_data::DataTable, diags: &mut Diagnostics) {
        let name = table.name();
        let site = self.site;
        self.emit_stream(
            &paths::open_data(&format!("{name}.csv")),
            &mut |out| super::open_data::table_csv(site, table, out),
            diags,
        );
        self.emit_stream(
            &paths::open_data(&format!("{name}.xlsx")),
            &mut |out| super::open_data::table_xlsx(site, table, out),
            diags,
        );
    }

    /// open-data/site.json and its schema.
    pub(super) fn site_data(&self, diags: &mut Diagnostics) {
        self.emit_stream(
            &paths::open_data("site.json"),
            &mut |out| super::open_data::site_json(self.site, &self.moments, out),
            diags,
        );
        let schema = paths::open_data("site.schema.json");
        self.emit_made(&schema, super::open_data::site_schema(), diags);
    }

    /// open-data/index.html: what every file, column and code of the open data holds.
    pub(super) fn open_data_page(&self, diags: &mut Diagnostics) {
        use super::i18n::OpenDataText as T;
        use super::open_data::DataTable;
        let site = self.site;
        let t = self.t;
        let tables = DataTable::all()
            .into_iter()
            .map(|table| {
                let csv_name = format!("{}.csv", table.name());
                DataFileView {
                    url: paths::open_data(&csv_name),
                    name: csv_name,
                    workbook: Some(paths::open_data(&format!("{}.xlsx", table.name()))),
                    description: t.text(table.description()).to_string(),
                    rows: Some(t.fill(T::Rows, &[("count", &table.row_count(site).to_string())])),
                    columns: table
                        .columns()
                        .iter()
                        .map(|(name, meaning)| ColumnView {
                            name: name.to_string(),
                            meaning: t.text(*meaning).to_string(),
                        })
                        .collect(),
                }
            })
            .collect();
        let json = [
            ("site.json", T::FileSiteJson),
            ("site.schema.json", T::FileSiteSchema),
        ]
        .into_iter()
        .map(|(name, description)| DataFileView {
            name: name.to_string(),
            url: paths::open_data(name),
            workbook: None,
            description: t.text(description).to_string(),
            rows: None,
            columns: Vec::new(),
        })
        .collect();
        let page = OpenDataPage {
            intro: t.fill(T::Intro, &[("as_of", &t.date(site.config.as_of))]),
            tables,
            json,
            codes: vec![
                CodeList::of::<Response>("response", t),
                CodeList::of::<FollowUpState>("state", t),
                CodeList::of::<Provenance>("provenance", t),
                CodeList::of::<Direction>("target.direction (site.json)", t),
                CodeList::of::<TargetState>("target_state (site.json)", t),
                CodeList::of::<DocumentKind>("kind (site.json)", t),
            ],
        };
        self.page(
            "open_data.html",
            paths::OPEN_DATA_PAGE,
            "open-data",
            page,
            diags,
        );
    }
}

/// The URL of a link's target on the page at `page`: relative to the page, with the query and
/// fragment as written.
pub(super) fn link_url(target: &LinkTarget, page: &str) -> String {
    let mut url = match &target.output {
        Some(output) => paths::relative_url(page, &output.path()),
        None => String::new(),
    };
    if let Some(query) = &target.query {
        url.push('?');
        url.push_str(query);
    }
    if let Some(fragment) = &target.fragment {
        url.push('#');
        url.push_str(fragment);
    }
    url
}
