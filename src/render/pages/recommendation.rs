//! `recommendation.html`: one recommendation, its answer, commitments, follow-up history,
//! state at each reporting moment, timeline and the charts of its indicators.

use super::indicator::figure;
use super::parts::{doc_ref_link, recommendation_link};
use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, Output};
use crate::render::charts;
use crate::render::i18n::{ChartText, HistoryText, Ui};
use crate::render::views::*;
use std::sync::Arc;

pub(in crate::render) fn recommendation(
    out: &impl Out,
    cx: &Ctx,
    rec: &Recommendation,
    diags: &mut Diagnostics,
) {
    let site = cx.site;
    let t = cx.t;
    let source = site.document(&rec.source);
    let since = cx.since().map(|m| m.date);
    let commitments: Vec<CommitmentView> = CommitmentView::all(cx, rec);
    let mut timeline_view = timeline(cx, rec, &commitments, diags);
    out.count_chart();
    // Its dates and states are the page's tables of commitments and progress: the page
    // points at them instead of repeating them under the chart.
    timeline_view.table.rows.clear();
    timeline_view.more = Some(Link {
        url: cx.url(Output::Recommendation(rec.id.clone()), Some("_commitments")),
        text: t.fill(
            ChartText::TimelineData,
            &[
                ("commitments", t.text(Ui::Commitments)),
                ("progress", t.text(Ui::StatusHistory)),
            ],
        ),
    });
    let path = paths::recommendation(&rec.id);
    let parts: Vec<&Arc<Recommendation>> = site
        .parts(&rec.id)
        .iter()
        .filter_map(|id| site.find_recommendation(id))
        .collect();
    let page = RecommendationPage {
        row: RecommendationRow::new(cx, rec),
        body: out.text_html(cx, &rec.body, &path, None, diags),
        source: Link {
            url: cx.url(Output::Document(source.id.clone()), None),
            text: source.title.clone(),
        },
        addressed_to: rec.addressed_to.clone(),
        part_of: rec
            .part_of
            .as_ref()
            .map(|parent| recommendation_link(cx, parent)),
        parts: parts
            .iter()
            .map(|r| RecommendationRow::new(cx, r))
            .collect(),
        parts_summary: parts_summary(cx, &parts),
        topics: rec
            .topics
            .iter()
            .map(|id| Link {
                url: cx.url(Output::Topic(id.clone(), 1), None),
                text: site.topic(id).title.clone(),
            })
            .collect(),
        response_link: rec.response_ref.as_ref().map(|r| doc_ref_link(cx, r)),
        responses: ResponseView::all(cx, rec),
        reply: ReplyView::of(cx, rec),
        commitments,
        status: StatusView::all(cx, rec),
        moments: MomentRow::all(cx, rec),
        since: since.map(|d| t.date(d)),
        new_since: since.map(|d| t.fill(HistoryText::NewSince, &[("date", &t.date(d))])),
        any_moved: rec.commitments.iter().any(|c| !c.revisions.is_empty()),
        timeline: timeline_view,
        charts: rec
            .indicators
            .iter()
            .map(|id| site.indicator(id))
            .filter(|ind| ind.milestone.is_none())
            .map(|ind| figure(cx, ind))
            .collect(),
        milestones: rec
            .indicators
            .iter()
            .map(|id| site.indicator(id))
            .filter(|ind| ind.milestone.is_some())
            .map(|ind| IndicatorRow::new(cx, ind))
            .collect(),
    };
    out.page(cx, &path, page, diags);
}

/// A recommendation's follow-up timeline: the chart, its text alternative and its table
/// (status changes, deadlines and their moves in date order).
pub(super) fn timeline(
    cx: &Ctx,
    rec: &Recommendation,
    commitments: &[CommitmentView],
    diags: &mut Diagnostics,
) -> ChartView {
    let site = cx.site;
    let t = cx.t;
    let as_of = cx.as_of();
    let source = site.document(&rec.source);
    // Commitments are drawn from the day of the answer, or of the recommendation while
    // the answer is pending.
    let promised = rec
        .response_ref
        .as_ref()
        .map_or(source.date, |r| site.document(&r.document).date);
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
            match rec.commitments.len() {
                0 => ChartText::TimelineDescNone,
                1 => ChartText::TimelineDescOne,
                _ => ChartText::TimelineDesc,
            },
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
            let number = view.facts.number.to_string();
            let subject = t.fill(
                HistoryText::CommitmentNumber,
                &[("id", &rec.id), ("number", &number)],
            );
            description.push_str(&format!(" {subject}: {}.", r.summary));
        }
    }
    let timeline = charts::timeline_chart(rec, promised, as_of, t, &description, diags);
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
        let what = format!("{}. {}", view.facts.number, view.facts.text);
        // A kept commitment has two rows, its deadline and the day it was kept, so the
        // state is never read as happening on the deadline.
        let at_due = match (&view.facts.done, c.done) {
            (Some(done), Some(on)) => {
                dated.push((
                    on,
                    vec![done.clone(), what.clone(), view.facts.status.text.clone()],
                ));
                t.text(Ui::Due).to_string()
            }
            _ => view.facts.status.text.clone(),
        };
        // The row of a deadline sits at its last day; one not given comes last.
        dated.push((
            deadline_end(c.due),
            vec![view.facts.due.clone(), what, at_due],
        ));
    }
    for (c, view) in rec.commitments.iter().zip(commitments) {
        for (r, revision) in c.revisions.iter().zip(&view.revisions) {
            let row = vec![
                revision.date.clone(),
                format!("{}. {}", view.facts.number, view.facts.text),
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
    ChartView::drawn(timeline, timeline_table)
}

/// Where the parts of a recommendation stand together: how many, and how many in each state
/// that any of them is in, in the order of the states ("3 parts: 1 implemented, 2 dropped by
/// decision"); `None` without parts.
fn parts_summary(cx: &Ctx, parts: &[&Arc<Recommendation>]) -> Option<String> {
    if parts.is_empty() {
        return None;
    }
    let counts: Vec<String> = FollowUpState::all()
        .into_iter()
        .filter_map(|state| {
            let n = parts.iter().filter(|r| r.current().state == state).count();
            (n > 0).then(|| format!("{n} {}", cx.t.text(state)))
        })
        .collect();
    Some(cx.t.fill(
        Ui::PartsSummary,
        &[
            ("count", &parts.len().to_string()),
            ("states", &counts.join(", ")),
        ],
    ))
}
