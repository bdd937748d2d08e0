//! The review described: what `review::review` found, and what changed since the last
//! reporting moment, in the site's language, each linked to its spot and placed in the
//! content. `review.html` and the terminal (`check --review`) show the same descriptions.
//!
//! Pure: the model and the translations in, views and lines out.

use super::anchors::{commitment_anchors, status_anchors};
use super::{Ctx, SitePages, changes};
use crate::history::{self, Moment};
use crate::model::*;
use crate::paths::Output;
use crate::render::i18n::{HistoryText, ReviewText as R, Translations};
use crate::render::reads::{Recorder, SiteReads};
use crate::render::views::*;
use crate::review::{self, Check, Detail, Finding, Subject};

/// The texts of a kind of finding: its heading, why it matters, and its detail.
fn texts(check: Check) -> (R, R, R) {
    match check {
        Check::OverdueWithoutUpdate => (
            R::OverdueWithoutUpdate,
            R::OverdueWithoutUpdateWhy,
            R::OverdueWithoutUpdateDetail,
        ),
        Check::Stale => (R::Stale, R::StaleWhy, R::StaleDetail),
        Check::OutdatedFigures => (
            R::OutdatedFigures,
            R::OutdatedFiguresWhy,
            R::OutdatedFiguresDetail,
        ),
        Check::ImplementedTargetNotMet => (
            R::ImplementedTargetNotMet,
            R::ImplementedTargetNotMetWhy,
            R::ImplementedTargetNotMetDetail,
        ),
        Check::MovedMoreThanOnce => (
            R::MovedMoreThanOnce,
            R::MovedMoreThanOnceWhy,
            R::MovedMoreThanOnceDetail,
        ),
        Check::NotOfficial => (R::NotOfficial, R::NotOfficialWhy, R::NotOfficialDetail),
        Check::NoTarget => (R::NoTarget, R::NoTargetWhy, R::NoTargetDetail),
        Check::StatusWithoutSource => (
            R::StatusWithoutSource,
            R::StatusWithoutSourceWhy,
            R::StatusWithoutSourceDetail,
        ),
    }
}

/// A finding, described: its spot on the site, its subject and what is the matter.
fn described(cx: &Ctx, finding: &Finding) -> FindingItem {
    let (site, t) = (cx.site.whole(), cx.t);
    let page = |id: &str| Output::Recommendation(id.to_string());
    let (url, subject) = match &finding.subject {
        Subject::Recommendation(id) => (
            cx.url(page(id), None),
            format!("{id}: {}", site.recommendations[id].title),
        ),
        Subject::Commitment(id, n) => {
            let rec = &site.recommendations[id];
            let anchor = commitment_anchors(rec).swap_remove(*n - 1);
            (
                cx.url(page(id), Some(&anchor)),
                changes::commitment_subject(rec, *n - 1, t),
            )
        }
        Subject::StatusEntry(id, index) => {
            let rec = &site.recommendations[id];
            let anchor = status_anchors(rec).swap_remove(*index);
            (
                cx.url(page(id), Some(&anchor)),
                t.fill(
                    R::StatusEntryOf,
                    &[("id", id), ("date", &t.date(rec.status[*index].date))],
                ),
            )
        }
        Subject::Indicator(id) => (
            cx.url(Output::Indicator(id.clone()), None),
            site.indicators[id].title.clone(),
        ),
    };
    let (_, _, key) = texts(finding.detail.check());
    let detail = match &finding.detail {
        Detail::OverdueWithoutUpdate { due } => t.fill(key, &[("due", &t.period(*due))]),
        Detail::Stale { last_entry, .. } => t.fill(key, &[("date", &t.date(*last_entry))]),
        Detail::OutdatedFigures {
            latest,
            interval_days,
        } => t.fill(
            key,
            &[
                ("period", &t.period(*latest)),
                ("days", &interval_days.to_string()),
            ],
        ),
        Detail::ImplementedTargetNotMet { indicator, state } => t.fill(
            key,
            &[
                ("indicator", &site.indicators[indicator].title),
                ("state", t.text(*state)),
            ],
        ),
        Detail::MovedMoreThanOnce {
            moves,
            original,
            due,
        } => t.fill(
            key,
            &[
                ("count", &moves.to_string()),
                ("from", &t.deadline(*original)),
                ("to", &t.deadline(*due)),
            ],
        ),
        Detail::NotOfficial { provenance } => t.fill(key, &[("provenance", t.text(*provenance))]),
        Detail::NoTarget | Detail::StatusWithoutSource { .. } => t.text(key).to_string(),
    };
    FindingItem {
        url,
        subject,
        detail,
        location: format!("{}:{}", finding.at.path, finding.at.line),
    }
}

/// The findings in groups of one kind each, in the order the review lists them.
fn groups(cx: &Ctx, found: &review::Review) -> Vec<FindingGroup> {
    let t = cx.t;
    let months = cx.site.whole().config.review.stale_after_months.to_string();
    let mut groups: Vec<FindingGroup> = Vec::new();
    for finding in &found.findings {
        let check = finding.detail.check();
        if groups.last().is_none_or(|g| g.key != check.key()) {
            let (title, why, _) = texts(check);
            groups.push(FindingGroup {
                key: check.key(),
                title: t.text(title).to_string(),
                why: t.fill(why, &[("months", &months)]),
                items: Vec::new(),
            });
        }
        if let Some(group) = groups.last_mut() {
            group.items.push(described(cx, finding));
        }
    }
    groups
}

/// The review as lines for the terminal, each `file:line: what` (editors jump to them): a
/// line with the count, the findings, then what changed since the last reporting moment.
pub fn lines(site: &Site, t: &Translations) -> Vec<String> {
    let moments = history::moments(site);
    let unrecorded = Recorder::off();
    let cx = Ctx::new(SiteReads::new(site, &unrecorded), t, &SitePages, &moments);
    let found = review::review(site);
    let mut lines = vec![format!(
        "review: {}",
        t.fill(R::Count, &[("count", &found.findings.len().to_string())])
    )];
    for group in groups(&cx, &found) {
        for item in group.items {
            lines.push(format!(
                "{}: {}: {} — {}",
                item.location, group.title, item.subject, item.detail
            ));
        }
    }
    match &found.since {
        Some(moment) => {
            let changes = history::changes(site, Some(moment.date), site.config.as_of);
            lines.push(format!(
                "changes: {} ({})",
                t.fill(HistoryText::ChangesSince, &[("date", &t.date(moment.date))]),
                changes.len()
            ));
            for change in &changes.list {
                let described = changes::change(&cx, change);
                lines.push(format!(
                    "{}:{}: {}",
                    described.at.path,
                    described.at.line,
                    described.title()
                ));
            }
        }
        None => lines.push(format!(
            "changes: {}",
            t.text(HistoryText::NoPreviousMoment)
        )),
    }
    lines
}

/// review.html: the review's findings, each linked to its spot, and what changed since the
/// last reporting moment.
pub(in crate::render) fn page(cx: &Ctx) -> ReviewPage {
    let t = cx.t;
    let found = review::review(cx.site.whole());
    let since: Option<&Moment> = found.since.as_ref();
    ReviewPage {
        intro: t.text(R::Intro).to_string(),
        count: t.fill(R::Count, &[("count", &found.findings.len().to_string())]),
        groups: groups(cx, &found),
        changes: since.map(|m| ChangesView::new(cx, Some(m), cx.as_of())),
    }
}
