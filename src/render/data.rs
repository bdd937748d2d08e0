//! Indicator data in the forms pages need: the chart with its text alternative and data
//! table, and the CSV and JSON downloads. Pure functions of the model.

use super::charts;
use super::i18n::{ChartText, Translations, Ui};
use super::views::*;
use crate::model::*;
use std::collections::BTreeMap;

/// An indicator's chart as pages show it: the drawing is a file of its own
/// ([`indicator_drawing`]), with its text alternative, provenance label and table of numbers.
pub fn indicator_chart(ind: &Indicator, as_of: crate::date::Date, t: &Translations) -> ChartView {
    let mut view = indicator_figure(ind, as_of, t);
    view.table = indicator_table(ind, t);
    view
}

/// An indicator's chart without its numbers, for pages that link to the indicator's page
/// for them.
pub fn indicator_figure(ind: &Indicator, as_of: crate::date::Date, t: &Translations) -> ChartView {
    let (provenance_warning, provenance) = provenance_of(ind, t);
    let no_numbers = Table {
        caption: String::new(),
        columns: Vec::new(),
        rows: Vec::new(),
    };
    ChartView {
        provenance_warning,
        provenance,
        ..ChartView::image(
            paths::chart(&ind.id),
            ind.title.clone(),
            indicator_description(ind, as_of, t),
            paths::indicator_data(&ind.id, "svg"),
            charts::SIZE,
            no_numbers,
        )
    }
}

/// The drawing of an indicator's chart, as the SVG file its pages show.
pub fn indicator_drawing(ind: &Indicator, as_of: crate::date::Date, t: &Translations) -> String {
    let description = indicator_description(ind, as_of, t);
    charts::indicator_chart(ind, &paths::chart(&ind.id), as_of, t, &description).file
}

fn provenance_of(ind: &Indicator, t: &Translations) -> (Option<String>, Option<Label>) {
    let label = Label::of(t, ind.provenance);
    let warning = match ind.provenance {
        Provenance::Illustrative => Some(t.text(Ui::IllustrativeWarning).to_string()),
        Provenance::Provisional => Some(t.text(Ui::ProvisionalWarning).to_string()),
        Provenance::Official => None,
    };
    (warning, Some(label))
}

/// The chart's text alternative: what it shows, the latest values and the target state.
fn indicator_description(ind: &Indicator, as_of: crate::date::Date, t: &Translations) -> String {
    let periods = ind
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.period));
    let from = periods
        .clone()
        .min()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let to = periods.max().map(|p| p.to_string()).unwrap_or_default();
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
        if let Some((period, figure)) = series.latest(as_of) {
            parts.push(t.fill(
                ChartText::LatestDesc,
                &[
                    ("series", &series.name),
                    ("value", &t.figure(ind.shown(figure))),
                    ("period", &period.to_string()),
                ],
            ));
        }
    }
    if let (Some(target), Some(state)) = (&ind.target, ind.target_state(as_of)) {
        parts.push(t.fill(
            ChartText::TargetDesc,
            &[
                ("target", &target_text(target, &ind.unit, t)),
                ("by", &t.date(target.by)),
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
fn indicator_table(ind: &Indicator, t: &Translations) -> Table {
    let mut rows: BTreeMap<crate::date::Period, Vec<String>> = BTreeMap::new();
    let width = ind.series.len();
    for (i, series) in ind.series.iter().enumerate() {
        for p in &series.points {
            let row = rows
                .entry(p.period)
                .or_insert_with(|| vec![t.text(Ui::NoValue).to_string(); width]);
            row[i] = p.figure.map_or_else(
                || t.text(Ui::NoValue).to_string(),
                |f| t.figure(ind.shown(f)),
            );
        }
    }
    let mut columns = vec![t.text(Ui::Period).to_string()];
    columns.extend(
        ind.series
            .iter()
            .map(|s| format!("{} ({})", s.name, ind.unit)),
    );
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
            .map(|(period, values)| std::iter::once(period.to_string()).chain(values).collect())
            .collect(),
    }
}

pub fn indicator_csv(ind: &Indicator) -> Result<Vec<u8>, String> {
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
        ])
        .map_err(e)?;
    for series in &ind.series {
        for p in &series.points {
            let value = p.figure.map(written).unwrap_or_default();
            writer
                .write_record([
                    ind.id.as_str(),
                    &series.name,
                    &p.period.to_string(),
                    &value,
                    &ind.unit,
                    ind.provenance.key(),
                ])
                .map_err(e)?;
        }
    }
    writer.into_inner().map_err(|e| e.to_string())
}

/// The indicator as JSON in the input format, so a download can be read back by opvolg.
/// Serialised straight from the model, without building a JSON tree first.
pub fn indicator_json(ind: &Indicator) -> Result<Vec<u8>, String> {
    use serde::Serialize;

    #[derive(Serialize)]
    struct Download<'a> {
        id: &'a str,
        title: &'a str,
        unit: &'a str,
        description: &'a str,
        source: Source<'a>,
        provenance: &'static str,
        chart: &'static str,
        #[serde(skip_serializing_if = "Option::is_none")]
        decimals: Option<u8>,
        #[serde(skip_serializing_if = "Option::is_none")]
        target: Option<TargetOut<'a>>,
        series: Vec<SeriesOut<'a>>,
    }
    #[derive(Serialize)]
    struct Source<'a> {
        name: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        url: &'a Option<String>,
    }
    #[derive(Serialize)]
    struct TargetOut<'a> {
        value: Number,
        direction: &'static str,
        by: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        label: &'a Option<String>,
    }
    #[derive(Serialize)]
    struct SeriesOut<'a> {
        name: &'a str,
        points: Vec<PointOut>,
    }
    #[derive(Serialize)]
    struct PointOut {
        date: String,
        value: Option<Number>,
    }

    let download = Download {
        id: &ind.id,
        title: &ind.title,
        unit: &ind.unit,
        description: &ind.description,
        source: Source {
            name: &ind.source.name,
            url: &ind.source.url,
        },
        provenance: ind.provenance.key(),
        chart: ind.chart.key(),
        decimals: ind.decimals,
        target: ind.target.as_ref().map(|target| TargetOut {
            value: Number(Figure {
                value: target.value,
                decimals: target.decimals,
            }),
            direction: target.direction.key(),
            by: target.by.to_string(),
            label: &target.label,
        }),
        series: ind
            .series
            .iter()
            .map(|s| SeriesOut {
                name: &s.name,
                points: s
                    .points
                    .iter()
                    .map(|p| PointOut {
                        date: p.period.to_string(),
                        value: p.figure.map(Number),
                    })
                    .collect(),
            })
            .collect(),
    };
    // Compact: one line, as most data files are written by programs; it reads back as a
    // data file all the same.
    let mut bytes = serde_json::to_vec(&download).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

/// A figure as the data file had it: with the decimals it was written with (`51.50`, `452`),
/// so a download reads back to the same figures and shows them the same way.
pub(crate) struct Number(pub Figure);

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match serde_json::value::RawValue::from_string(written(self.0)) {
            Ok(raw) => raw.serialize(serializer),
            Err(_) => serializer.serialize_f64(self.0.value),
        }
    }
}

/// The text of a figure as written in data: its decimals, or powers of ten where the plain
/// form would not read back to the same number (beyond 10^15, or tiny values).
pub fn written(figure: Figure) -> String {
    written_from_shortest(figure).unwrap_or_else(|| written_exactly(figure))
}

/// `written` from every digit of the binary value: right everywhere, and the reference the
/// shortcut is tested against.
fn written_exactly(figure: Figure) -> String {
    let plain = format!("{:.*}", usize::from(figure.decimals), figure.value);
    if figure.value.abs() < 1e15 && plain.parse::<f64>() == Ok(figure.value) {
        plain
    } else {
        format!("{:e}", figure.value)
    }
}

/// The plain form of `written`, made from the shortest digits that read back to the value
/// (ryu) with zeros added up to the figure's decimals: the same text as `{:.N}`, which works
/// out every digit of the binary value, at a fraction of the cost, for the many figures of the
/// downloads. It is the same text whenever the value's spacing (one unit in the last place) is
/// below a unit of the last decimal, which `|value| * 10^decimals < 2^52` ensures; elsewhere,
/// from 10^15 on (written with a power of ten) and where ryu writes an exponent or more
/// decimals than the figure has, `None`.
fn written_from_shortest(figure: Figure) -> Option<String> {
    let decimals = usize::from(figure.decimals);
    if !figure.value.is_finite()
        || decimals > 15
        || figure.value.abs() >= 1e15
        || figure.value.abs() * 10f64.powi(i32::from(figure.decimals)) >= 4_503_599_627_370_496.0
    {
        return None;
    }
    let mut buffer = ryu::Buffer::new();
    let shortest = buffer.format_finite(figure.value);
    if shortest.contains(['e', 'E']) {
        return None;
    }
    let (whole, fraction) = shortest.split_once('.').unwrap_or((shortest, ""));
    let fraction = fraction.trim_end_matches('0');
    if fraction.len() > decimals {
        return None;
    }
    let mut plain = String::with_capacity(whole.len() + 1 + decimals);
    plain.push_str(whole);
    if decimals > 0 {
        plain.push('.');
        plain.push_str(fraction);
        plain.extend(std::iter::repeat_n('0', decimals - fraction.len()));
    }
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_keeps_the_decimals_of_the_data() {
        let figure = |text: &str| Figure::parse(text).unwrap();
        for (text, expected) in [
            ("452", "452"),
            ("51.50", "51.50"),
            ("445.0", "445.0"),
            ("-0.0", "-0.0"),
            ("0.1", "0.1"),
            ("1e20", "1e20"),
            ("0.000001", "0.000001"),
            ("123456789012.345", "123456789012.345"),
        ] {
            assert_eq!(written(figure(text)), expected, "{text}");
        }
    }

    #[test]
    fn the_shortcut_writes_what_exact_formatting_writes() {
        let mut rng = fastrand::Rng::with_seed(12);
        let mut shortcuts = 0;
        for _ in 0..200_000 {
            let decimals = rng.u8(0..=8);
            let scale = 10f64.powi(rng.i32(-8..=16));
            // Values as data files write them: a whole number of units of the last decimal,
            // and also arbitrary doubles.
            let value = if rng.bool() {
                let units = (rng.f64() * scale).round() * if rng.bool() { -1.0 } else { 1.0 };
                units / 10f64.powi(i32::from(decimals))
            } else {
                (rng.f64() - 0.5) * scale
            };
            let figure = Figure { value, decimals };
            assert_eq!(
                written(figure),
                written_exactly(figure),
                "{value:?} with {decimals}"
            );
            shortcuts += usize::from(written_from_shortest(figure).is_some());
        }
        // The comparison is worth something only if the shortcut was taken, often.
        assert!(shortcuts > 50_000, "{shortcuts}");
    }
}
