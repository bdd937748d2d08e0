//! `indicator.html` and an indicator's other files: its chart (an SVG file of its own, shown
//! on every page that uses it), its figures as CSV and its data file as JSON; and the chart as
//! a recommendation's page shows it.

use super::changes::target_text;
use super::parts::recommendation_link;
use super::{Ctx, Out};
use crate::date::{Date, Period};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, IndicatorFile, Output};
use crate::render::charts;
use crate::render::i18n::{ChartText, Translations, Ui};
use crate::render::views::*;
use std::collections::BTreeMap;

pub(in crate::render) fn indicator(
    out: &impl Out,
    cx: &Ctx,
    ind: &Indicator,
    diags: &mut Diagnostics,
) {
    let site = cx.site;
    let as_of = cx.as_of();
    out.count_chart();
    let file = |kind| paths::indicator_file(&ind.id, kind);
    out.emit_made(
        &file(IndicatorFile::Svg),
        Ok(drawing(ind, as_of, cx.t, diags).into_bytes()),
        diags,
    );
    let used_by = site
        .indicator_users(&ind.id)
        .iter()
        .map(|id| recommendation_link(cx, id))
        .collect();
    let page = IndicatorPage {
        row: IndicatorRow::new(cx, ind),
        description: ind.description.clone(),
        source_name: ind.source.name.clone(),
        source_url: ind.source.url.clone(),
        chart: ind.milestone.is_none().then(|| chart(ind, as_of, cx.t)),
        checks: CheckView::all(cx, ind),
        used_by,
        csv: file(IndicatorFile::Csv),
        json: file(IndicatorFile::Json),
    };
    out.page(cx, &paths::indicator(&ind.id), page, diags);
    out.emit_made(&file(IndicatorFile::Csv), csv(ind), diags);
    out.emit_made(&file(IndicatorFile::Json), json(ind), diags);
}

/// An indicator's chart as a recommendation page shows it: the drawing (a file of the
/// indicator's), a link to the indicator, and its latest figures (in the description) with a
/// link to the rest.
pub(super) fn figure(cx: &Ctx, ind: &Indicator) -> ChartView {
    let mut view = drawing_view(ind, cx.as_of(), cx.t);
    view.details = Some(Link {
        url: cx.url(Output::Indicator(ind.id.clone()), None),
        text: ind.title.clone(),
    });
    view.more = Some(Link {
        url: cx.url(
            Output::Indicator(ind.id.clone()),
            Some(&paths::chart(&ind.id)),
        ),
        text: cx.t.text(Ui::AllFigures).to_string(),
    });
    view
}

/// An indicator's chart as pages show it: the drawing is a file of its own
/// ([`indicator_drawing`]), with its text alternative, provenance label and table of numbers.
pub fn chart(ind: &Indicator, as_of: Date, t: &Translations) -> ChartView {
    let mut view = drawing_view(ind, as_of, t);
    view.table = table(ind, t);
    view
}

/// An indicator's chart without its numbers.
fn drawing_view(ind: &Indicator, as_of: Date, t: &Translations) -> ChartView {
    let (provenance_warning, provenance) = provenance_of(ind, t);
    let no_numbers = Table {
        caption: String::new(),
        columns: Vec::new(),
        rows: Vec::new(),
    };
    ChartView {
        provenance_warning,
        provenance,
        id: paths::chart(&ind.id),
        title: ind.title.clone(),
        description: description(ind, as_of, t),
        svg: String::new(),
        image: Some(paths::indicator_file(&ind.id, IndicatorFile::Svg)),
        width: charts::SIZE.0,
        height: charts::SIZE.1,
        table: no_numbers,
        details: None,
        more: None,
    }
}

/// The drawing of an indicator's chart, as the SVG file its pages show.
fn drawing(ind: &Indicator, as_of: Date, t: &Translations, diags: &mut Diagnostics) -> String {
    let description = description(ind, as_of, t);
    charts::indicator_chart(ind, &paths::chart(&ind.id), as_of, t, &description, diags).file
}

fn provenance_of(ind: &Indicator, t: &Translations) -> (Option<String>, Option<Label>) {
    let label = Label {
        key: ind.provenance.key(),
        text: t.text(ind.provenance).to_string(),
    };
    let warning = match ind.provenance {
        Provenance::Illustrative => Some(t.text(Ui::IllustrativeWarning).to_string()),
        Provenance::Provisional => Some(t.text(Ui::ProvisionalWarning).to_string()),
        Provenance::Official => None,
    };
    (warning, Some(label))
}

/// The chart's text alternative: what it shows, the latest values and the target state.
fn description(ind: &Indicator, as_of: Date, t: &Translations) -> String {
    let periods = ind
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period));
    let from = periods
        .clone()
        .min_by_key(|p| p.start())
        .map(|p| t.period(p))
        .unwrap_or_default();
    let to = periods
        .max_by_key(|p| p.end())
        .map(|p| t.period(p))
        .unwrap_or_default();
    let key = match ind.chart {
        ChartKind::Line => ChartText::LineDesc,
        ChartKind::Bar => ChartText::BarDesc,
    };
    let mut parts = vec![t.fill(
        key,
        &[
            ("title", &ind.title),
            ("unit", &ind.unit),
            ("from", &from),
            ("to", &to),
        ],
    )];
    for series in &ind.series {
        if let Some((point, figure)) = series.latest(as_of) {
            parts.push(t.fill(
                ChartText::LatestDesc,
                &[
                    ("series", &series.name),
                    (
                        "value",
                        &t.qualified(&ind.shown(figure), point.qualifier, ind.prefix.as_deref()),
                    ),
                    ("period", &t.period(point.period)),
                ],
            ));
        }
    }
    if let (Some(target), Some(state)) = (&ind.target, ind.target_state(as_of)) {
        let (key, by) = match target.by {
            Some(by) => (ChartText::TargetDesc, t.period(by)),
            None => (ChartText::TargetDescUndated, String::new()),
        };
        parts.push(t.fill(
            key,
            &[
                ("target", &target_text(ind, target, t)),
                ("by", &by),
                ("as_of", &t.date(as_of)),
                ("state", t.text(state)),
            ],
        ));
    }
    if ind.provenance == Provenance::Illustrative {
        parts.push(t.text(ChartText::IllustrativeDesc).to_string());
    }
    parts.join(" ")
}

/// The numbers of an indicator: one row per period, one column per series.
fn table(ind: &Indicator, t: &Translations) -> Table {
    // In calendar order, also when a series changes precision (years, then months).
    let mut rows: BTreeMap<(Date, Date, Period), Vec<String>> = BTreeMap::new();
    let width = ind.series.len();
    // A column of notes only when some figure has one; with several series a note says
    // which series it is about.
    let has_notes = ind
        .series
        .iter()
        .flat_map(|s| &s.points)
        .any(|p| p.note.is_some());
    for (i, series) in ind.series.iter().enumerate() {
        for p in &series.points {
            let row = rows
                .entry((p.period.start(), p.period.end(), p.period))
                .or_insert_with(|| {
                    let mut cells = vec![t.text(Ui::NoValue).to_string(); width];
                    if has_notes {
                        cells.push(String::new());
                    }
                    cells
                });
            row[i] = p.figure.as_ref().map_or_else(
                || t.text(Ui::NoValue).to_string(),
                |f| t.qualified(&ind.shown(f), p.qualifier, ind.prefix.as_deref()),
            );
            if let Some(note) = &p.note {
                let notes = &mut row[width];
                if !notes.is_empty() {
                    notes.push_str("; ");
                }
                if width > 1 {
                    notes.push_str(&format!("{}: ", series.name));
                }
                notes.push_str(note);
            }
        }
    }
    let mut columns = vec![t.text(Ui::Period).to_string()];
    columns.extend(ind.series.iter().map(|s| match &ind.prefix {
        Some(prefix) => format!("{} ({prefix} {})", s.name, ind.unit),
        None => format!("{} ({})", s.name, ind.unit),
    }));
    if has_notes {
        columns.push(t.text(Ui::Note).to_string());
    }
    Table {
        caption: match ind.provenance {
            Provenance::Official => format!("{}: {}", t.text(Ui::DataTable), ind.title),
            other => format!(
                "{}: {} ({})",
                t.text(Ui::DataTable),
                ind.title,
                t.text(other).to_uppercase()
            ),
        },
        columns,
        rows: rows
            .into_iter()
            .map(|((_, _, period), values)| {
                std::iter::once(t.period(period)).chain(values).collect()
            })
            .collect(),
    }
}

/// The indicator's figures as CSV: one row per point.
fn csv(ind: &Indicator) -> Result<Vec<u8>, String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let e = |e: csv::Error| e.to_string();
    writer
        .write_record([
            "indicator",
            "series",
            "period",
            "value",
            "unit",
            "provenance",
            "qualifier",
            "note",
        ])
        .map_err(e)?;
    for series in &ind.series {
        for p in &series.points {
            let value = p.figure.as_ref().map_or("", |f| f.written.as_str());
            writer
                .write_record([
                    ind.id.as_str(),
                    &series.name,
                    &p.period.to_string(),
                    value,
                    &ind.unit,
                    ind.provenance.key(),
                    p.qualifier.map_or("", Keyed::key),
                    p.note.as_deref().unwrap_or(""),
                ])
                .map_err(e)?;
        }
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The indicator as JSON in the input format, so a download can be read back by opvolg:
/// the model's indicator is the file's record, serialised straight from the model.
pub fn json(ind: &Indicator) -> Result<Vec<u8>, String> {
    // Compact: one line, as most data files are written by programs; it reads back as a
    // data file all the same.
    let mut bytes = serde_json::to_vec(ind).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}
