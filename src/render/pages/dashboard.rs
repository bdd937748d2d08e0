//! `index.html`: the dashboard. On a site whose recommendations fit on a page of a list it
//! shows them all; on a larger one a summary instead.

use super::parts::states_table;
use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, List, Output};
use crate::render::charts;
use crate::render::i18n::{ListsText, Ui};
use crate::render::views::*;
use std::sync::Arc;

/// How many rows each part of the dashboard shows before it links to the complete list.
pub const DASHBOARD_ROWS: usize = 10;

pub(in crate::render) fn dashboard(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let site = cx.site.whole();
    let t = cx.t;
    let (counts, table) = states_table(cx);
    let chart = charts::state_chart(&counts, cx.as_of(), t, diags);
    out.count_chart();
    let large = site.recommendations.len() > site.config.page_size;
    let changes = cx.since().map(|m| {
        let all = Link {
            url: cx.url(Output::List(List::Changes, 1), None),
            text: t.text(ListsText::AllChanges).to_string(),
        };
        ChangesView::new(cx, Some(m), cx.as_of()).cut(DASHBOARD_ROWS, &all, t)
    });
    let page = DashboardPage {
        title: site
            .home
            .title
            .clone()
            .unwrap_or_else(|| site.config.title.clone()),
        intro: out.text_html(cx, &site.home.body, paths::INDEX, None, diags),
        chart: ChartView::drawn(chart, table),
        recommendations: if large {
            Vec::new()
        } else {
            RecommendationRow::all(cx, in_natural_order(&site.recommendations))
        },
        indicators: if large {
            Vec::new()
        } else {
            in_natural_order(&site.indicators)
                .into_iter()
                .map(|i| IndicatorRow::new(cx, i))
                .collect()
        },
        changes,
        latest_report: cx
            .moments()
            .iter()
            .rev()
            .find(|m| !m.documents.is_empty())
            .map_or_else(Vec::new, |m| super::parts::document_links(cx, &m.documents)),
        summary: large.then(|| summary(cx)),
    };
    out.page(cx, paths::INDEX, page, diags);
}

/// What the dashboard of a large site shows instead of every recommendation: counts per
/// topic, per owner and per target state, the longest overdue commitments and the latest
/// updates, each cut short with a link to its complete list.
fn summary(cx: &Ctx) -> DashboardSummary {
    let site = cx.site.whole();
    let t = cx.t;
    let as_of = cx.as_of();
    let link = |output: Output, text: &str| Link {
        url: cx.url(output, None),
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
                url: cx.url(Output::Topic(topic.id.clone(), 1), None),
                recommendations: recs.len(),
                open: recs.iter().map(|r| r.open_commitments_at(as_of)).sum(),
                overdue: recs.iter().map(|r| r.overdue_commitments(as_of)).sum(),
            }
        })
        .collect();
    let owners = OwnerRow::all(cx.site);
    let commitments = link(
        Output::List(List::Commitments, 1),
        t.text(ListsText::CommitmentsTitle),
    );
    let overdue_count = site
        .recommendations
        .values()
        .flat_map(|r| &r.commitments)
        .filter(|c| c.is_overdue(as_of))
        .count();
    let overdue: Vec<CommitmentRow> = CommitmentRow::all(cx)
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
            label: cx.label(state),
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
    let all_recs = link(
        Output::List(List::Recommendations, 1),
        t.text(Ui::AllRecommendations),
    );
    let all_topics = link(Output::List(List::Topics, 1), t.text(Ui::AllTopics));
    DashboardSummary {
        more_topics: More::of(DASHBOARD_ROWS, topics.len(), all_topics.clone(), t),
        topics: topics.into_iter().take(DASHBOARD_ROWS).collect(),
        more_owners: More::of(DASHBOARD_ROWS, owners.len(), commitments.clone(), t),
        owners: owners.into_iter().take(DASHBOARD_ROWS).collect(),
        more_overdue: More::of(DASHBOARD_ROWS, overdue_count, commitments.clone(), t),
        overdue,
        more_updated: More::of(DASHBOARD_ROWS, updated.len(), all_recs.clone(), t),
        updated: RecommendationRow::all(cx, updated.into_iter().take(DASHBOARD_ROWS)),
        targets,
        lists: vec![
            all_recs,
            link(Output::List(List::Indicators, 1), t.text(Ui::AllIndicators)),
            link(Output::List(List::Documents, 1), t.text(Ui::AllDocuments)),
            all_topics,
            commitments,
        ],
    }
}
