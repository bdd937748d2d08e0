//! The review: what a reviewer should check before a site is published, found in the model.
//!
//! Each finding names what it is about, why it needs attention, and where it is written
//! (file and line), so `opvolg check --review` can list it in the terminal and the review
//! copy's `review.html` can link it to its spot on the site. Pure: the model in, findings out;
//! wording is left to the callers (the terminal speaks English, pages the site's language).

use crate::date::{Date, Period};
use crate::history::{self, Moment};
use crate::model::*;

/// What needs checking, with the facts that say why.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// A commitment is overdue, and no status entry of its recommendation is dated after the
    /// deadline that passed.
    OverdueWithoutUpdate { due: Period },
    /// The recommendation's follow-up is not finished and its last status entry is older than
    /// `[review] stale_after_months`.
    Stale { last_entry: Date, months: u32 },
    /// An indicator's latest figure is older than two of its own reporting intervals.
    OutdatedFigures { latest: Period, interval_days: i64 },
    /// The recommendation is marked implemented while a linked indicator's target is not met.
    ImplementedTargetNotMet {
        indicator: String,
        state: TargetState,
    },
    /// A commitment's deadline moved more than once.
    MovedMoreThanOnce {
        moves: usize,
        original: Option<Period>,
        due: Option<Period>,
    },
    /// An indicator's figures are illustrative or provisional.
    NotOfficial { provenance: Provenance },
    /// An indicator has no target.
    NoTarget,
    /// A status entry does not say where it comes from (`ref`).
    StatusWithoutSource { date: Date },
}

/// The kinds of finding, in the order the review lists them.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter, strum::IntoStaticStr,
)]
#[strum(serialize_all = "snake_case")]
pub enum Check {
    OverdueWithoutUpdate,
    Stale,
    OutdatedFigures,
    ImplementedTargetNotMet,
    MovedMoreThanOnce,
    NotOfficial,
    NoTarget,
    StatusWithoutSource,
}

impl Detail {
    pub fn check(&self) -> Check {
        match self {
            Detail::OverdueWithoutUpdate { .. } => Check::OverdueWithoutUpdate,
            Detail::Stale { .. } => Check::Stale,
            Detail::OutdatedFigures { .. } => Check::OutdatedFigures,
            Detail::ImplementedTargetNotMet { .. } => Check::ImplementedTargetNotMet,
            Detail::MovedMoreThanOnce { .. } => Check::MovedMoreThanOnce,
            Detail::NotOfficial { .. } => Check::NotOfficial,
            Detail::NoTarget => Check::NoTarget,
            Detail::StatusWithoutSource { .. } => Check::StatusWithoutSource,
        }
    }
}

/// What a finding is about: the spot it links to on the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    Recommendation(String),
    /// A commitment, numbered from 1 as pages show it.
    Commitment(String, usize),
    /// A status entry, by its index in the recommendation's history.
    StatusEntry(String, usize),
    Indicator(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub detail: Detail,
    pub subject: Subject,
    /// Where to fix it (or look): file and line.
    pub at: Location,
}

/// The whole review: the findings, by kind then in natural order of their subject, and the
/// last reporting moment before `as_of` (what changed since it is `history::changes`).
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub findings: Vec<Finding>,
    pub since: Option<Moment>,
}

/// Reviews a site.
pub fn review(site: &Site) -> Review {
    let as_of = site.config.as_of;
    let mut findings = Vec::new();
    for rec in in_natural_order(&site.recommendations) {
        recommendation_findings(site, rec, &mut findings);
    }
    for ind in in_natural_order(&site.indicators) {
        indicator_findings(ind, as_of, &mut findings);
    }
    // Stable: within a kind, the order of the walk above (natural order of ids).
    findings.sort_by_key(|f| f.detail.check());
    Review {
        findings,
        since: history::previous_moment(site),
    }
}

fn recommendation_findings(site: &Site, rec: &Recommendation, findings: &mut Vec<Finding>) {
    let as_of = site.config.as_of;
    let current = rec.current();
    for (i, c) in rec.commitments.iter().enumerate() {
        let subject = Subject::Commitment(rec.id.clone(), i + 1);
        if let Some(due) = c.due_at(as_of).filter(|_| c.is_overdue_at(as_of))
            && !rec.status.iter().any(|s| s.date > due.end())
        {
            findings.push(Finding {
                detail: Detail::OverdueWithoutUpdate { due },
                subject: subject.clone(),
                at: c.at.clone(),
            });
        }
        if c.revisions.len() > 1 {
            findings.push(Finding {
                detail: Detail::MovedMoreThanOnce {
                    moves: c.revisions.len(),
                    original: c.original_due(),
                    due: c.due,
                },
                subject,
                at: c.revisions.last().map_or(c.at.clone(), |r| r.at.clone()),
            });
        }
    }
    let months = site.config.review.stale_after_months;
    let finished = matches!(
        current.state,
        FollowUpState::Implemented
            | FollowUpState::Superseded
            | FollowUpState::NotImplemented
            | FollowUpState::Dropped
    );
    if !finished && current.date < as_of.months_before(months) {
        findings.push(Finding {
            detail: Detail::Stale {
                last_entry: current.date,
                months,
            },
            subject: Subject::Recommendation(rec.id.clone()),
            at: current.at.clone(),
        });
    }
    if current.state == FollowUpState::Implemented {
        for id in &rec.indicators {
            let Some(state) = site.indicators.get(id).and_then(|i| i.target_state(as_of)) else {
                continue;
            };
            if state != TargetState::Met {
                findings.push(Finding {
                    detail: Detail::ImplementedTargetNotMet {
                        indicator: id.clone(),
                        state,
                    },
                    // The entry that marked it implemented, where the claim is made.
                    subject: Subject::StatusEntry(rec.id.clone(), rec.status.len() - 1),
                    at: current.at.clone(),
                });
            }
        }
    }
    for (i, s) in rec.status.iter().enumerate() {
        if s.reference.is_none() {
            findings.push(Finding {
                detail: Detail::StatusWithoutSource { date: s.date },
                subject: Subject::StatusEntry(rec.id.clone(), i),
                at: s.at.clone(),
            });
        }
    }
}

fn indicator_findings(ind: &Indicator, as_of: Date, findings: &mut Vec<Finding>) {
    let subject = Subject::Indicator(ind.id.clone());
    if let Some((latest, interval_days)) = outdated(ind, as_of) {
        findings.push(Finding {
            detail: Detail::OutdatedFigures {
                latest,
                interval_days,
            },
            subject: subject.clone(),
            at: ind.places.last_point.clone(),
        });
    }
    if ind.provenance != Provenance::Official {
        findings.push(Finding {
            detail: Detail::NotOfficial {
                provenance: ind.provenance,
            },
            subject: subject.clone(),
            at: ind.places.provenance.clone(),
        });
    }
    if ind.target.is_none() && ind.milestone.is_none() {
        findings.push(Finding {
            detail: Detail::NoTarget,
            subject,
            at: ind.places.id.clone(),
        });
    }
}

/// The latest figure's period and the indicator's reporting interval (in days), when that
/// figure is older than two intervals on `as_of`. The interval is the median gap between the
/// starts of consecutive figures of the first series. A figure published once has no interval
/// to be late against, so it is never outdated.
fn outdated(ind: &Indicator, as_of: Date) -> Option<(Period, i64)> {
    let series = ind.series.first()?;
    let latest = series.latest(as_of)?.0.period;
    let starts: Vec<i64> = series
        .points
        .iter()
        .filter(|p| p.figure.is_some() && p.period.start() <= as_of)
        .map(|p| p.period.start().days_since_epoch())
        .collect();
    let mut gaps: Vec<i64> = starts.windows(2).map(|w| w[1] - w[0]).collect();
    gaps.sort_unstable();
    let interval = (*gaps.get(gaps.len() / 2)?).max(1);
    let age = as_of.days_since_epoch() - latest.start().days_since_epoch();
    (age > 2 * interval).then_some((latest, interval))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn indicator(points: &[(&str, f64)]) -> Indicator {
        Indicator {
            id: "i".into(),
            title: "I".into(),
            unit: "n".into(),
            prefix: None,
            milestone: None,
            description: String::new(),
            source: IndicatorSource {
                name: "s".into(),
                url: None,
            },
            provenance: Provenance::Official,
            chart: ChartKind::Line,
            target: None,
            series: vec![Series {
                name: "s".into(),
                points: points
                    .iter()
                    .map(|(p, v)| Point {
                        qualifier: None,
                        note: None,
                        period: Period::parse(p).unwrap(),
                        figure: Figure::parse(&v.to_string()),
                    })
                    .collect(),
            }],
            decimals: None,
            places: IndicatorPlaces::default(),
        }
    }

    #[test]
    fn figures_are_outdated_after_two_of_their_own_intervals() {
        let monthly = indicator(&[("2024-01", 1.0), ("2024-02", 1.0), ("2024-03", 1.0)]);
        // 1 March + 2 × 29 days (the median gap, February's) is 28 April.
        assert_eq!(outdated(&monthly, date("2024-04-28")), None);
        assert!(outdated(&monthly, date("2024-05-15")).is_some());
        let yearly = indicator(&[("2022", 1.0), ("2023", 1.0)]);
        assert_eq!(outdated(&yearly, date("2024-06-30")), None);
        assert!(outdated(&yearly, date("2025-06-30")).is_some());
        // A figure published once (issue 18: "older than two reporting intervals (about 31
        // days each)"): no interval, never outdated.
        let once = indicator(&[("2024-03", 1.0)]);
        assert_eq!(outdated(&once, date("2024-09-30")), None);
        assert_eq!(outdated(&once, date("2030-01-01")), None);
    }
}
