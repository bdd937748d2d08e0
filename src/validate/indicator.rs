//! data/indicators/<id>.json: an indicator, its target and its series of figures.
//!
//! Every position comes from the spanned tree of the file (`parse::tree`), and every figure
//! keeps the decimals it was written with.

use super::checks::{FileContext, Settings};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::parse::{self, Node};
use crate::source::SourceFile;
use std::ops::Range;

/// An indicator file checked on its own.
pub struct Checked {
    pub indicator: Option<Indicator>,
    /// Where its `id` is written, to point at when the id is taken twice.
    pub id_at: usize,
    pub diags: Diagnostics,
}

/// Validates one indicator file; `as_of` bounds the periods of its figures.
pub fn indicator(file: &SourceFile, settings: Settings) -> Checked {
    let mut cx = FileContext::new(file, settings);
    let mut id_at = 0;
    let indicator = check(&mut cx, &mut id_at);
    Checked {
        indicator,
        id_at,
        diags: cx.diags,
    }
}

/// The span of the value at `path`, or of the whole file when it has none.
fn span(tree: &Node, path: &[&str]) -> Range<usize> {
    tree.at(path).map_or(tree.span.clone(), |n| n.span.clone())
}

/// What the record says beyond its shape: its id is its file's, its series have figures in
/// period order, none for a period after `as_of`, and its addresses are web addresses.
fn check(cx: &mut FileContext, id_at: &mut usize) -> Option<Indicator> {
    let file = cx.file;
    let stem = cx.file_id();
    let (mut indicator, tree): (Indicator, Node) = parse::parse_indicator(file, &mut cx.diags)?;
    *id_at = span(&tree, &["id"]).start;
    let mut ok = stem.is_some();
    if stem.as_deref().is_some_and(|stem| stem != indicator.id) {
        cx.error_span(
            span(&tree, &["id"]),
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                indicator.id,
                file.stem()
            ),
        );
        cx.hint("an indicator's id must equal its file name without .json");
        ok = false;
    }
    match (&indicator.milestone, indicator.series.is_empty()) {
        (None, true) if tree.at(&["series"]).is_none() => {
            // The figures are in data/indicators/<id>.csv, joined when the site is assembled
            // (which also reports a missing one).
        }
        (None, true) => {
            cx.error_span(
                span(&tree, &["series"]),
                "an indicator needs at least one series",
            );
            cx.hint("give its figures in `series`, or, for a target that is not a number, a `milestone` with dated checks");
            ok = false;
        }
        (None, false) if tree.at(&["unit"]).is_none() => {
            // The shape lets it out for milestones only.
            cx.error_span(
                tree.span.start..tree.span.start + 1,
                "the required field `unit` is missing",
            );
            cx.hint("required here: id, title, unit, description, source, provenance, series");
            ok = false;
        }
        (Some(_), false) => {
            cx.error_span(
                span(&tree, &["milestone"]),
                "an indicator has either figures (`series`) or a `milestone`, not both",
            );
            cx.hint("a target in words goes in an indicator of its own");
            ok = false;
        }
        (Some(_), true) if indicator.target.is_some() => {
            cx.error_span(
                span(&tree, &["target"]),
                "a milestone is the target of its indicator: `target` is for figures",
            );
            ok = false;
        }
        _ => {}
    }
    if let Some(milestone) = &indicator.milestone {
        let mut before = None;
        for (j, check) in milestone.checks.iter().enumerate() {
            let at = span(&tree, &["milestone", "checks", &j.to_string(), "date"]);
            if before.is_some_and(|b| check.date < b) {
                cx.error_span(
                    at.clone(),
                    format!("checks must be in date order, oldest first: {} is before the check above it", check.date),
                );
                ok = false;
            }
            before = Some(check.date);
            ok &= cx.not_after_as_of(at.start, "a check dated", check.date);
            if let Some(url) = &check.url {
                ok &= cx.url(
                    span(&tree, &["milestone", "checks", &j.to_string(), "url"]).start,
                    url,
                );
            }
        }
    }
    for (i, s) in indicator.series.iter().enumerate() {
        let i = i.to_string();
        let series_at = span(&tree, &["series", &i, "name"]);
        if s.points.is_empty() {
            cx.error_span(series_at, format!("series \"{}\" has no points", s.name));
            ok = false;
            continue;
        }
        if s.points.iter().all(|p| p.figure.is_none()) {
            cx.error_span(
                series_at,
                format!("series \"{}\" has only null values", s.name),
            );
            cx.hint("null marks a gap; a series needs at least one number");
            ok = false;
        }
        for (j, pair) in s.points.windows(2).enumerate() {
            let (previous, period) = (pair[0].period, pair[1].period);
            if period.start() <= previous.start() {
                let at = span(
                    &tree,
                    &["series", &i, "points", &(j + 1).to_string(), "date"],
                );
                cx.error_span(
                    at,
                    format!(
                        "point \"{period}\" in series \"{}\" is not after the point before it ({previous})",
                        s.name
                    ),
                );
                cx.hint("list points in date order, each date once");
                ok = false;
            }
        }
        for (j, p) in s.points.iter().enumerate() {
            // A figure for a period that has not begun by the reporting date would be
            // published as a fact.
            let at = span(&tree, &["series", &i, "points", &j.to_string(), "date"]);
            ok &= cx.not_after_as_of(
                at.start,
                &format!("the figure for {}, which begins on", p.period),
                p.period.start(),
            );
        }
    }
    if let Some(url) = &indicator.source.url {
        ok &= cx.url(span(&tree, &["source", "url"]).start, url);
    }
    if !ok {
        return None;
    }
    let last_point = indicator
        .series
        .first()
        .map_or(0, |s| s.points.len().saturating_sub(1));
    indicator.places = IndicatorPlaces {
        id: cx.location(*id_at),
        provenance: cx.location(span(&tree, &["provenance"]).start),
        last_point: cx
            .location(span(&tree, &["series", "0", "points", &last_point.to_string()]).start),
    };
    Some(indicator)
}
