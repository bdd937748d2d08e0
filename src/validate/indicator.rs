//! data/indicators/<id>.json: an indicator, its target and its series of figures.
//!
//! Every position comes from the spanned tree of the file (`parse::tree`), and every figure
//! keeps the decimals it was written with.

use super::checks::{FileContext, Settings};
use crate::date::{DateError, Period};
use crate::diag::Diagnostics;
use crate::load::SourceFile;
use crate::model::*;
use crate::parse::tree::{Node, Value};
use crate::parse::{self, RawIndicator};
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

/// The figure at `path` as written; `None` for null (a gap) or no value.
fn figure(tree: &Node, path: &[&str]) -> Option<Figure> {
    match &tree.at(path)?.value {
        Value::Number(text) => Figure::parse(text),
        _ => None,
    }
}

fn check(cx: &mut FileContext, id_at: &mut usize) -> Option<Indicator> {
    let file = cx.file;
    let stem = cx.file_id();
    let (raw, tree): (RawIndicator, Node) = parse::parse_indicator(file, &mut cx.diags)?;
    *id_at = span(&tree, &["id"]).start;
    if stem.as_deref().is_some_and(|stem| stem != raw.id) {
        cx.error_span(
            span(&tree, &["id"]),
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                raw.id,
                file.stem()
            ),
        );
        cx.hint("an indicator's id must equal its file name without .json");
    }
    let provenance = cx.enum_value::<Provenance>(
        span(&tree, &["provenance"]).start,
        &raw.provenance,
        "provenance",
    );
    let chart = cx.enum_value::<ChartKind>(span(&tree, &["chart"]).start, &raw.chart, "chart");
    let decimals_ok = raw.decimals.is_none_or(|d| d <= MAX_DECIMALS);
    if !decimals_ok {
        cx.error_span(
            span(&tree, &["decimals"]),
            format!("decimals must be at most {MAX_DECIMALS}"),
        );
    }
    let target = match &raw.target {
        None => Some(None),
        Some(t) => {
            let direction = cx.enum_value::<Direction>(
                span(&tree, &["target", "direction"]).start,
                &t.direction,
                "direction",
            );
            let by = cx.date_text(span(&tree, &["target", "by"]).start, &t.by);
            let written = figure(&tree, &["target", "value"]);
            match (direction, by, written) {
                (Some(direction), Some(by), Some(written)) => Some(Some(Target {
                    value: written.value,
                    decimals: written.decimals,
                    direction,
                    by,
                    label: t.label.clone(),
                })),
                _ => None,
            }
        }
    };
    if raw.series.is_empty() {
        cx.error_span(
            span(&tree, &["series"]),
            "an indicator needs at least one series",
        );
    }
    let mut series = Vec::with_capacity(raw.series.len());
    let mut series_ok = true;
    for (i, s) in raw.series.iter().enumerate() {
        let i = i.to_string();
        let series_at = span(&tree, &["series", &i, "name"]);
        if s.points.is_empty() {
            cx.error_span(series_at, format!("series \"{}\" has no points", s.name));
            series_ok = false;
            continue;
        }
        if s.points.iter().all(|p| p.value.is_none()) {
            cx.error_span(
                series_at,
                format!("series \"{}\" has only null values", s.name),
            );
            cx.hint("null marks a gap; a series needs at least one number");
            series_ok = false;
        }
        let mut points: Vec<Point> = Vec::with_capacity(s.points.len());
        for (j, p) in s.points.iter().enumerate() {
            let j = j.to_string();
            let date_at = span(&tree, &["series", &i, "points", &j, "date"]);
            let period = match Period::parse(&p.date) {
                Ok(period) => period,
                Err(err) => {
                    cx.error_span(date_at, period_message(&p.date, err));
                    series_ok = false;
                    continue;
                }
            };
            if let Some(previous) = points.last().map(|q| q.period)
                && period.start() <= previous.start()
            {
                cx.error_span(
                    date_at.clone(),
                    format!(
                        "point \"{}\" in series \"{}\" is not after the point before it ({previous})",
                        p.date, s.name
                    ),
                );
                cx.hint("list points in date order, each date once");
                series_ok = false;
            }
            // A figure for a period that has not begun by the reporting date would be
            // published as a fact.
            series_ok &= cx.not_after_as_of(
                date_at.start,
                &format!("the figure for {}, which begins on", p.date),
                period.start(),
            );
            points.push(Point {
                period,
                figure: figure(&tree, &["series", &i, "points", &j, "value"]),
            });
        }
        series.push(Series {
            name: s.name.clone(),
            points,
        });
    }
    let url_ok = raw
        .source
        .url
        .as_ref()
        .is_none_or(|url| cx.url(span(&tree, &["source", "url"]).start, url));
    if !series_ok || !url_ok || !decimals_ok || raw.series.is_empty() {
        return None;
    }
    let last_point = raw
        .series
        .first()
        .map_or(0, |s| s.points.len().saturating_sub(1));
    let places = IndicatorPlaces {
        id: cx.location(*id_at),
        provenance: cx.location(span(&tree, &["provenance"]).start),
        last_point: cx
            .location(span(&tree, &["series", "0", "points", &last_point.to_string()]).start),
    };
    Some(Indicator {
        places,
        id: stem?,
        title: raw.title,
        unit: raw.unit,
        description: raw.description,
        source: IndicatorSource {
            name: raw.source.name,
            url: raw.source.url,
        },
        provenance: provenance?,
        chart: chart?,
        target: target?,
        series,
        decimals: raw.decimals,
    })
}

fn period_message(text: &str, err: DateError) -> String {
    match err {
        DateError::Impossible => format!("\"{text}\" is not a real day, month or quarter"),
        DateError::Malformed => {
            format!("\"{text}\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
        }
    }
}
