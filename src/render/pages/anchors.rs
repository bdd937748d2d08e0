//! The ids opvolg gives the rows of a recommendation's tables (answers, commitments, status
//! entries), so that what changed, the feed and review.html can point at a row. Only the ids:
//! the forms of each id are `paths`'; what a row shows is the page builders'.

use crate::date::Date;
use crate::model::Recommendation;
use crate::paths;

/// The ids of a recommendation's status rows, in order (see [`paths::status_anchor`]).
pub fn status_anchors(rec: &Recommendation) -> Vec<String> {
    let mut anchors = Vec::with_capacity(rec.status.len());
    let mut previous: Option<(Date, usize)> = None;
    for s in &rec.status {
        let nth = match previous {
            Some((date, n)) if date == s.date => n + 1,
            _ => 0,
        };
        previous = Some((s.date, nth));
        anchors.push(paths::status_anchor(&s.date.to_string(), nth));
    }
    anchors
}

/// The ids of a recommendation's changes of answer, in order (see
/// [`paths::response_anchor`]).
pub fn response_anchors(rec: &Recommendation) -> Vec<String> {
    let mut anchors = Vec::with_capacity(rec.response_changes.len());
    let mut previous: Option<(Date, usize)> = None;
    for c in &rec.response_changes {
        let nth = match previous {
            Some((date, n)) if date == c.date => n + 1,
            _ => 0,
        };
        previous = Some((c.date, nth));
        anchors.push(paths::response_anchor(&c.date.to_string(), nth));
    }
    anchors
}

/// The ids of a recommendation's commitment rows, in order (see [`paths::commitment_anchor`]).
pub fn commitment_anchors(rec: &Recommendation) -> Vec<String> {
    rec.commitments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let original = c.original_due();
            let nth = rec.commitments[..i]
                .iter()
                .filter(|earlier| earlier.original_due() == original)
                .count();
            let first_due = original.map_or_else(|| "undated".to_string(), |p| p.to_string());
            paths::commitment_anchor(&first_due, nth)
        })
        .collect()
}
