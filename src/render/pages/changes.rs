//! What changed, as readers are told: the one description of every event of the follow-up
//! (`history::Event`) and every change between two dates (`history::Change`), in the site's
//! language, with the spot on the site it links to and the place in the content it is
//! written. The pages' lists of changes, the feed, the review page and the terminal (`check
//! --review`) all show these descriptions; none words a change itself.
//!
//! Pure: the model and the translations in, texts out.

use super::Ctx;
use super::anchors::{commitment_anchors, response_anchors, status_anchors};
use crate::date::Date;
use crate::history::{Change, Dated, Event};
use crate::model::*;
use crate::paths::{self, Output};
use crate::render::i18n::{HistoryText, Translations};
use crate::render::reads::SiteReads;
use std::sync::Arc;

/// One event or change, described.
#[derive(Debug, Clone, PartialEq)]
pub struct Described {
    /// The spot it links to (from the site root, or in the dossier), with the fragment of
    /// its row.
    pub url: String,
    /// What it is about: "R1: title", "R2, commitment 3", an indicator's title.
    pub subject: String,
    /// What happened: "open → in progress", "deadline moved on ... from ... to ...".
    pub detail: String,
    /// More text where it helps: the commitment, the reason a deadline moved, the note.
    pub text: Option<String>,
    /// The day it happened, when it is one day.
    pub date: Option<Date>,
    /// Where it is written in the content.
    pub at: Location,
}

impl Described {
    /// Subject and detail in one line: a feed entry's title, a line in the terminal.
    pub fn title(&self) -> String {
        format!("{} — {}", self.subject, self.detail)
    }
}

/// A change between two dates, described.
pub fn change(cx: &Ctx, change: &Change) -> Described {
    let (site, t) = (cx.site, cx.t);
    match change {
        Change::State {
            recommendation,
            entry,
            before,
        } => {
            let rec = site.recommendation(recommendation);
            let s = &rec.status[*entry];
            let after = t.text(s.state);
            let detail = match before {
                Some(before) => format!("{} → {after}", t.text(*before)),
                None => format!("{}: {after}", t.text(HistoryText::FirstReported)),
            };
            Described {
                url: status_url(cx, rec, *entry),
                subject: recommendation_subject(rec),
                detail,
                text: None,
                date: Some(s.date),
                at: s.at.clone(),
            }
        }
        Change::Event(dated) => event(cx, dated),
        Change::Figures {
            indicator,
            count,
            series,
            point,
        } => {
            let ind = site.indicator(indicator);
            let p = &ind.series[*series].points[*point];
            let value = p.figure.as_ref().map_or_else(String::new, |f| {
                t.qualified(&ind.shown(f), p.qualifier, ind.prefix.as_deref())
            });
            Described {
                url: cx.url(
                    Output::Indicator(ind.id.clone()),
                    Some(&paths::chart(&ind.id)),
                ),
                subject: ind.title.clone(),
                detail: t.fill(
                    HistoryText::FiguresCount,
                    &[
                        ("count", &count.to_string()),
                        ("value", &format!("{value} {}", ind.unit)),
                        ("period", &t.period(p.period)),
                    ],
                ),
                text: None,
                date: None,
                at: ind.places.last_point.clone(),
            }
        }
        Change::Target {
            indicator, after, ..
        } => {
            let ind = site.indicator(indicator);
            Described {
                url: cx.url(Output::Indicator(ind.id.clone()), None),
                subject: ind.title.clone(),
                detail: t.text(*after).to_string(),
                text: match &ind.milestone {
                    Some(milestone) => Some(milestone.text.clone()),
                    None => ind
                        .target
                        .as_ref()
                        .map(|target| target_text(ind, target, t)),
                },
                date: None,
                at: ind.places.id.clone(),
            }
        }
    }
}

/// An event of the follow-up, described.
pub fn event(cx: &Ctx, dated: &Dated) -> Described {
    let (site, t) = (cx.site, cx.t);
    match &dated.event {
        Event::Status {
            recommendation,
            entry,
        } => {
            let rec = site.recommendation(recommendation);
            let s = &rec.status[*entry];
            Described {
                url: event_url(cx, &dated.event),
                subject: recommendation_subject(rec),
                detail: t.text(s.state).to_string(),
                text: Some(s.note.clone()),
                date: Some(s.date),
                at: s.at.clone(),
            }
        }
        Event::Answered {
            recommendation,
            change,
        } => {
            let rec = site.recommendation(recommendation);
            let c = &rec.response_changes[*change];
            Described {
                url: event_url(cx, &dated.event),
                subject: recommendation_subject(rec),
                detail: answered_text(rec, *change, t),
                text: Some(format!("{}: {}", t.text(HistoryText::Reason), c.reason)),
                date: Some(c.date),
                at: c.at.clone(),
            }
        }
        Event::Fulfilled {
            recommendation,
            commitment,
        } => {
            let (rec, c) = commitment_of(site, recommendation, *commitment);
            Described {
                url: event_url(cx, &dated.event),
                subject: commitment_subject(rec, *commitment, t),
                detail: match c.due_at(dated.date).filter(|_| c.was_late()) {
                    Some(due) => t.fill(
                        HistoryText::FulfilledLateOn,
                        &[("date", &t.date(dated.date)), ("due", &t.period(due))],
                    ),
                    None => t.fill(HistoryText::FulfilledOn, &[("date", &t.date(dated.date))]),
                },
                text: Some(c.text.clone()),
                date: Some(dated.date),
                at: c.at.clone(),
            }
        }
        Event::Passed {
            recommendation,
            commitment,
            deadline,
        } => {
            let (rec, c) = commitment_of(site, recommendation, *commitment);
            Described {
                url: event_url(cx, &dated.event),
                subject: commitment_subject(rec, *commitment, t),
                detail: t.fill(HistoryText::PassedOn, &[("date", &t.period(*deadline))]),
                text: Some(c.text.clone()),
                date: Some(deadline.end()),
                at: c.at.clone(),
            }
        }
        Event::Moved {
            recommendation,
            commitment,
            revision,
        } => {
            let (rec, c) = commitment_of(site, recommendation, *commitment);
            let r = &c.revisions[*revision];
            Described {
                url: event_url(cx, &dated.event),
                subject: commitment_subject(rec, *commitment, t),
                detail: moved_text(c, r, t),
                text: Some(format!("{}: {}", t.text(HistoryText::Reason), r.reason)),
                date: Some(r.date),
                at: r.at.clone(),
            }
        }
        Event::Figure {
            indicator,
            series,
            point,
        } => {
            let ind = site.indicator(indicator);
            let p = &ind.series[*series].points[*point];
            let value = p.figure.as_ref().map_or_else(String::new, |f| {
                t.qualified(&ind.shown(f), p.qualifier, ind.prefix.as_deref())
            });
            Described {
                detail: t.fill(
                    HistoryText::NewFigure,
                    &[
                        ("value", &format!("{value} {}", ind.unit)),
                        ("period", &t.period(p.period)),
                    ],
                ),
                text: p.note.as_deref().map(String::from),
                ..change(
                    cx,
                    &Change::Figures {
                        indicator,
                        count: 1,
                        series: *series,
                        point: *point,
                    },
                )
            }
        }
        Event::Report { document } => {
            let doc = site.document(document);
            Described {
                url: event_url(cx, &dated.event),
                subject: doc.title.clone(),
                detail: t.fill(HistoryText::ReportHeading, &[("date", &t.date(dated.date))]),
                text: None,
                date: Some(dated.date),
                at: Location {
                    path: Arc::from(format!("content/documents/{document}.md")),
                    line: 1,
                },
            }
        }
    }
}

/// The spot an event links to.
pub fn event_url(cx: &Ctx, event: &Event) -> String {
    let site = cx.site;
    match event {
        Event::Status {
            recommendation,
            entry,
        } => status_url(cx, site.recommendation(recommendation), *entry),
        Event::Answered {
            recommendation,
            change,
        } => {
            let rec = site.recommendation(recommendation);
            let anchor = response_anchors(rec).swap_remove(*change);
            cx.url(Output::Recommendation(rec.id.clone()), Some(&anchor))
        }
        Event::Fulfilled {
            recommendation,
            commitment,
        }
        | Event::Passed {
            recommendation,
            commitment,
            ..
        } => commitment_url(cx, site.recommendation(recommendation), *commitment),
        Event::Moved {
            recommendation,
            commitment,
            revision,
        } => {
            let rec = site.recommendation(recommendation);
            let anchor = commitment_anchors(rec).swap_remove(*commitment);
            cx.url(
                Output::Recommendation(rec.id.clone()),
                Some(&paths::revision_anchor(&anchor, revision + 1)),
            )
        }
        Event::Figure { indicator, .. } => cx.url(
            Output::Indicator(indicator.to_string()),
            Some(&paths::chart(indicator)),
        ),
        Event::Report { document } => cx.url(Output::Document(document.to_string()), None),
    }
}

/// "answer changed: accepted → withdrawn".
pub fn answered_text(rec: &Recommendation, change: usize, t: &Translations) -> String {
    let before = match change {
        0 => rec.response,
        n => rec.response_changes[n - 1].response,
    };
    t.fill(
        HistoryText::ResponseChanged,
        &[
            ("from", t.text(before)),
            ("to", t.text(rec.response_changes[change].response)),
        ],
    )
}

/// "deadline moved on 1 March from 1 January to 1 June".
pub fn moved_text(c: &Commitment, r: &Revision, t: &Translations) -> String {
    t.fill(
        HistoryText::MovedFromTo,
        &[
            ("date", &t.date(r.date)),
            ("from", &t.deadline(r.previous_due)),
            ("to", &t.deadline(c.due_at(r.date))),
        ],
    )
}

fn commitment_of<'s>(
    site: SiteReads<'s>,
    recommendation: &str,
    commitment: usize,
) -> (&'s Recommendation, &'s Commitment) {
    let rec = site.recommendation(recommendation);
    (rec, &rec.commitments[commitment])
}

fn recommendation_subject(rec: &Recommendation) -> String {
    format!("{}: {}", rec.id, rec.title)
}

/// "R2, commitment 3".
/// "R2, commitment 2 (Publish a comprehensive improvement plan …)": by number, as the page
/// numbers it, and by the start of its text, which is what a reader recognises it by.
pub fn commitment_subject(rec: &Recommendation, commitment: usize, t: &Translations) -> String {
    let numbered = t.fill(
        HistoryText::CommitmentNumber,
        &[("id", &rec.id), ("number", &(commitment + 1).to_string())],
    );
    format!(
        "{numbered} ({})",
        opening(&rec.commitments[commitment].text, 60)
    )
}

/// The first words of `text`, at most about `max` characters, cut at a space with " …".
fn opening(text: &str, max: usize) -> String {
    let text = text.trim();
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let words = cut
        .rsplit_once(' ')
        .map_or(cut.as_str(), |(words, _)| words);
    format!("{} …", words.trim_end_matches([',', ';', ':']))
}

fn status_url(cx: &Ctx, rec: &Recommendation, entry: usize) -> String {
    let anchor = status_anchors(rec).swap_remove(entry);
    cx.url(Output::Recommendation(rec.id.clone()), Some(&anchor))
}

fn commitment_url(cx: &Ctx, rec: &Recommendation, commitment: usize) -> String {
    let anchor = commitment_anchors(rec).swap_remove(commitment);
    cx.url(Output::Recommendation(rec.id.clone()), Some(&anchor))
}

/// "hoogstens 55 amv"
pub fn target_text(ind: &Indicator, target: &Target, t: &Translations) -> String {
    format!(
        "{} {} {}",
        t.text(target.direction),
        t.qualified(&target.value, None, ind.prefix.as_deref()),
        ind.unit
    )
}
