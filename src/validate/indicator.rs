//! data/indicators/<id>.json: an indicator, its target and its series of figures.

use super::checks::FileContext;
use crate::date::{DateError, Period};
use crate::diag::Diagnostics;
use crate::load::SourceFile;
use crate::model::*;
use crate::parse::{self, RawIndicator};

/// Validates one indicator file.
pub fn indicator(file: &SourceFile) -> (Option<Indicator>, Diagnostics) {
    let mut cx = FileContext::new(file);
    let indicator = check(&mut cx);
    (indicator, cx.diags)
}

fn check(cx: &mut FileContext) -> Option<Indicator> {
    let file = cx.file;
    let stem = cx.file_id();
    let raw: RawIndicator = parse::parse_indicator(file, &mut cx.diags)?;
    let at = |needle: &str| parse::locate(&file.text, needle);
    if stem.as_deref().is_some_and(|stem| stem != raw.id) {
        cx.error(
            at("\"id\""),
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                raw.id,
                file.stem()
            ),
        );
        cx.hint("an indicator's id must equal its file name without .json");
    }
    let provenance = cx.enum_value(
        at("\"provenance\""),
        &raw.provenance,
        &Provenance::ALL,
        Provenance::key,
        "provenance",
    );
    let chart = cx.enum_value(
        at("\"chart\""),
        &raw.chart,
        &ChartKind::ALL,
        ChartKind::key,
        "chart",
    );
    let target = match &raw.target {
        None => Some(None),
        Some(t) => {
            let direction = cx.enum_value(
                at("\"direction\""),
                &t.direction,
                &Direction::ALL,
                Direction::key,
                "direction",
            );
            let by = cx.date_text(at(&format!("\"{}\"", t.by)), &t.by);
            let finite = t.value.is_finite();
            if !finite {
                cx.error(at("\"target\""), "the target value must be a finite number");
            }
            match (direction, by, finite) {
                (Some(direction), Some(by), true) => Some(Some(Target {
                    value: t.value,
                    direction,
                    by,
                    label: t.label.clone(),
                })),
                _ => None,
            }
        }
    };
    if raw.series.is_empty() {
        cx.error(at("\"series\""), "an indicator needs at least one series");
    }
    let mut series = Vec::with_capacity(raw.series.len());
    let mut series_ok = true;
    // Series and points are found in file order from here on, each after the one before.
    let mut cursor = at("\"series\"");
    for s in &raw.series {
        let series_at = parse::locate_next(&file.text, &mut cursor, &format!("\"{}\"", s.name));
        if s.points.is_empty() {
            cx.error(series_at, format!("series \"{}\" has no points", s.name));
            series_ok = false;
            continue;
        }
        if s.points.iter().all(|p| p.value.is_none()) {
            cx.error(
                series_at,
                format!("series \"{}\" has only null values", s.name),
            );
            cx.hint("null marks a gap; a series needs at least one number");
            series_ok = false;
        }
        let mut points = Vec::with_capacity(s.points.len());
        for p in &s.points {
            let point_at = parse::locate_next(&file.text, &mut cursor, &format!("\"{}\"", p.date));
            match Period::parse(&p.date) {
                Ok(period) => {
                    if let Some(previous) = points.last().map(|q: &Point| q.period)
                        && period.start() <= previous.start()
                    {
                        cx.error(
                            point_at,
                            format!(
                                "point \"{}\" in series \"{}\" is not after the point before it ({previous})",
                                p.date, s.name
                            ),
                        );
                        cx.hint("list points in date order, each date once");
                        series_ok = false;
                    }
                    points.push(Point {
                        period,
                        value: p.value,
                    });
                }
                Err(err) => {
                    cx.error(point_at, period_message(&p.date, err));
                    series_ok = false;
                }
            }
        }
        series.push(Series {
            name: s.name.clone(),
            points,
        });
    }
    let url_ok = raw.source.url.as_ref().is_none_or(|url| {
        let at = parse::locate(&file.text, &format!("\"{url}\""));
        cx.url(at, url)
    });
    if !series_ok || !url_ok || raw.series.is_empty() {
        return None;
    }
    Some(Indicator {
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
