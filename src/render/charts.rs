//! Charts: SVG drawn with plotters, with a text alternative.
//!
//! Owns the three chart kinds (follow-up states on the dashboard, an indicator against its
//! target, a recommendation's follow-up timeline), their colours and the fonts. Text is
//! measured with Liberation Sans compiled into the binary, never a system font, so the same
//! input gives byte-identical SVG on any machine. Browsers draw it with the font that has the
//! same metrics: Arial or Helvetica (almost every reader has one), Liberation Sans, or the small
//! "Opvolg Sans" subset served with the site as a last resort (see [`stylesheet`]). State is
//! never shown by colour alone: every mark that carries a state also has a shape or a text
//! label. Drawings go through the compact backend of `svg.rs`. Pure: model in, strings out. A
//! chart plotters cannot draw is an error at the content it is drawn from (never a drawing
//! of the error, published as if it were the chart).

use super::svg::{self, CompactSvg, Palette};
use crate::date::{Date, Period};
use crate::diag::{Diagnostic, Diagnostics, Severity};
use crate::model::{ChartKind, Direction, FollowUpState, Indicator, Location, Recommendation};
use crate::render::i18n::{ChartText, Translations, Ui};
use chrono::NaiveDate;
use plotters::coord::types::IntoMonthly;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::sync::Once;

/// The name charts register their measuring font under (plotters' font registry).
const FONT_FAMILY: &str = "Liberation Sans";
/// The measuring fonts: Liberation Sans 2.1.5, metric-compatible with Arial and Helvetica.
const FONT_REGULAR: &[u8] = include_bytes!("fonts/LiberationSans-Regular.ttf");
const FONT_BOLD: &[u8] = include_bytes!("fonts/LiberationSans-Bold.ttf");
/// The web fonts a page may load when the reader has none of the local ones: Latin subsets
/// of the same fonts, renamed as the OFL asks of modified versions.
pub const WEB_FONTS: [(&str, &[u8]); 2] = [
    (
        "static/fonts/opvolg-sans-regular.woff2",
        include_bytes!("fonts/opvolg-sans-regular.woff2"),
    ),
    (
        "static/fonts/opvolg-sans-bold.woff2",
        include_bytes!("fonts/opvolg-sans-bold.woff2"),
    ),
];
/// The stylesheet of every chart on a page (`static/charts.css`).
pub const STYLESHEET_PATH: &str = "static/charts.css";
/// The fonts, in the order a browser tries them: the metric-compatible local ones, then the
/// served subset.
const FONT_STACK: &str = "Arial,Helvetica,\"Liberation Sans\",\"Opvolg Sans\",sans-serif";

// Colours chosen for contrast on white: text at least 4.5:1, marks at least 3:1.
const TEXT: RGBColor = RGBColor(0x1a, 0x1a, 0x1a);
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
const AXIS: RGBColor = RGBColor(0x55, 0x55, 0x55);
const TARGET: RGBColor = RGBColor(0xb0, 0x00, 0x20);
const DONE: RGBColor = RGBColor(0x1e, 0x6b, 0x30);
const SERIES: [RGBColor; 4] = [
    RGBColor(0x1b, 0x4f, 0x9c),
    RGBColor(0xa3, 0x4a, 0x00),
    RGBColor(0x5b, 0x3a, 0x8c),
    RGBColor(0x2b, 0x6e, 0x2f),
];
/// Dashed pens: colours one step from `TARGET`, which the palette draws dashed (the eye cannot
/// tell the step), so a dashed line is one line, not one element per dash.
const TARGET_DASHED: RGBColor = RGBColor(0xb0, 0x00, 0x21);
const OVERDUE_DASHED: RGBColor = RGBColor(0xb0, 0x00, 0x22);
/// Every colour above, as the compact backend names them in classes (`s3`, `f3`), and the
/// dash patterns of the dashed pens.
static PALETTE: Palette = Palette(&[
    ((0x1a, 0x1a, 0x1a), ""),
    ((0xdd, 0xdd, 0xdd), ""),
    ((0x55, 0x55, 0x55), ""),
    ((0xb0, 0x00, 0x20), ""),
    ((0x1e, 0x6b, 0x30), ""),
    ((0x1b, 0x4f, 0x9c), ""),
    ((0xa3, 0x4a, 0x00), ""),
    ((0x5b, 0x3a, 0x8c), ""),
    ((0x2b, 0x6e, 0x2f), ""),
    ((0xff, 0xff, 0xff), ""),
    ((0xb0, 0x00, 0x21), "stroke:#b00020;stroke-dasharray:14 7"),
    ((0xb0, 0x00, 0x22), "stroke:#b00020;stroke-dasharray:6 4"),
]);

/// The size of indicator charts, in SVG pixels (scaled to the page width by CSS).
pub const SIZE: (u32, u32) = (800, 420);

/// A finished chart: SVG markup with its text alternative inside.
#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub title: String,
    pub description: String,
    /// The `<svg>` element, for a page (its classes are in [`stylesheet`]).
    pub svg: String,
    /// The same drawing as a file of its own: with its namespace and the rules it uses.
    pub file: String,
    /// In SVG pixels.
    pub size: (u32, u32),
}

/// `static/charts.css`: the classes of every drawing, and the fonts its text is drawn with.
pub fn stylesheet() -> String {
    let mut css = String::from(
        "/* Made by opvolg: the look of its charts. Their text was measured with Liberation Sans;\n   \
         Arial and Helvetica have the same widths, and Opvolg Sans (a subset of Liberation Sans)\n   \
         is only fetched when none of them is on the reader's machine. */\n",
    );
    for (weight, file) in [("normal", "regular"), ("bold", "bold")] {
        let local = if weight == "bold" {
            "local(\"Arial Bold\"),local(\"Arial-BoldMT\"),local(\"Liberation Sans Bold\"),local(\"LiberationSans-Bold\")"
        } else {
            "local(\"Arial\"),local(\"ArialMT\"),local(\"Liberation Sans\"),local(\"LiberationSans\")"
        };
        css.push_str(&format!(
            "@font-face{{font-family:\"Opvolg Sans\";font-weight:{weight};font-display:swap;\
             src:{local},url(\"fonts/opvolg-sans-{file}.woff2\") format(\"woff2\")}}\n"
        ));
    }
    css.push_str(&format!(
        ".oc{{font-family:{FONT_STACK};background:#fff}}\n{}\n",
        svg::stylesheet(&PALETTE, ".oc", None)
    ));
    css
}

fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // The fonts are compiled in and tested, so registration cannot fail in practice; if it
        // did, plotters would report a font error per chart, each an error of its content.
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_REGULAR);
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Bold, FONT_BOLD);
    });
}

fn font(size: f64) -> TextStyle<'static> {
    TextStyle::from((FONT_FAMILY, size).into_font()).color(&TEXT)
}

type Area<'a> = DrawingArea<CompactSvg<'a>, plotters::coord::Shift>;

/// Where a chart's content is written, and what to call the chart, for the error when it
/// cannot be drawn.
struct Source<'a> {
    /// The file (and line) the chart is drawn from; a path alone for a file opvolg makes.
    at: Location,
    what: &'a str,
}

/// Draws into an SVG of the given size and wraps it with the text alternative. When plotters
/// cannot draw it, that is an error at the chart's source in `diags`, and the chart is empty:
/// the build fails on the error, so the empty chart is never published.
fn draw(
    id: &str,
    title: &str,
    description: &str,
    size: (u32, u32),
    source: Source,
    diags: &mut Diagnostics,
    paint: impl FnOnce(&Area) -> Result<(), String>,
) -> Chart {
    let body = match paint_svg(size, paint) {
        Ok(drawn) => drawn,
        Err(problem) => {
            diags.push(Diagnostic {
                severity: Severity::Error,
                path: source.at.path.to_string(),
                line: source.at.line.max(1),
                column: 1,
                span: None,
                message: format!("{} could not be drawn: {problem}", source.what),
                hint: Some(
                    "nothing opvolg checks is wrong here, so this is a fault of opvolg's: please report it with this file"
                        .into(),
                ),
            });
            svg::Drawn::default()
        }
    };
    wrap(id, title, description, size, body)
}

/// The drawing `paint` makes, or why plotters could not make it.
fn paint_svg(
    size: (u32, u32),
    paint: impl FnOnce(&Area) -> Result<(), String>,
) -> Result<svg::Drawn, String> {
    register_font();
    let mut drawn = svg::Drawn::default();
    {
        let root = CompactSvg::new(size, &PALETTE, &mut drawn).into_drawing_area();
        root.fill(&WHITE)
            .map_err(|e| e.to_string())
            .and_then(|_| paint(&root))
            .and_then(|_| root.present().map_err(|e| e.to_string()))?;
    }
    Ok(drawn)
}

/// A drawing as a chart: in its `<svg>`, with its title and text alternative.
fn wrap(id: &str, title: &str, description: &str, size: (u32, u32), drawn: svg::Drawn) -> Chart {
    let (w, h) = size;
    let (body, used) = (drawn.elements, drawn.used);
    let (title_html, description_html) = (
        super::escape::escape_html(title),
        super::escape::escape_html(description),
    );
    // On a page the description is the text under the chart (`chart.html` gives it the id
    // `<chart id>.description`), so it is written once.
    let svg = format!(
        "<svg class=\"oc chart\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-labelledby=\"{id}.title\" aria-describedby=\"{id}.description\">\
         <title id=\"{id}.title\">{title_html}</title>{body}</svg>"
    );
    let file = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"oc\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\"><title>{title_html}</title><desc>{description_html}</desc>\
         <style>.oc{{font-family:{FONT_STACK}}}{}</style>{body}</svg>\n",
        svg::stylesheet(&PALETTE, "", Some(used))
    );
    Chart {
        id: id.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        svg,
        file,
        size,
    }
}

fn err<E: std::fmt::Display>(e: E) -> String {
    e.to_string()
}

/// The dashboard chart: how many recommendations are in each follow-up state. A drawing that
/// fails is an error of the dashboard in `diags`.
pub fn state_chart(
    counts: &[(FollowUpState, usize)],
    as_of: Date,
    t: &Translations,
    diags: &mut Diagnostics,
) -> Chart {
    let title = t.text(ChartText::StateTitle).to_string();
    let listed: Vec<String> = counts
        .iter()
        .map(|(state, n)| format!("{} {n}", t.text(*state)))
        .collect();
    let description = t.fill(
        ChartText::StateDesc,
        &[("as_of", &t.date(as_of)), ("counts", &listed.join(", "))],
    );
    let rows = counts.len().max(1);
    let height = 40 + 40 * rows as u32 + 44;
    let max = counts.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let source = Source {
        at: Location {
            path: crate::paths::INDEX.into(),
            line: 0,
        },
        what: "the chart of the follow-up states",
    };
    draw(
        "_state-chart",
        &title,
        &description,
        (800, height),
        source,
        diags,
        |root| {
            let mut chart = ChartBuilder::on(root)
                .margin(12)
                .margin_right(48)
                .x_label_area_size(40)
                .y_label_area_size(230)
                .build_cartesian_2d(
                    0f64..(max as f64 * 1.1).max(1.0),
                    -0.5f64..(rows as f64 - 0.5),
                )
                .map_err(err)?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(0)
                .x_labels(max.min(10) + 1)
                .x_label_formatter(&|x| {
                    if x.fract() == 0.0 {
                        format!("{x}")
                    } else {
                        String::new()
                    }
                })
                .label_style(font(16.0))
                .axis_style(AXIS)
                .light_line_style(GRID)
                .bold_line_style(GRID)
                .draw()
                .map_err(err)?;
            for (row, (state, n)) in counts.iter().enumerate() {
                let y = (rows - 1 - row) as f64;
                let color = SERIES[0];
                if *n > 0 {
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(0.0, y - 0.32), (*n as f64, y + 0.32)],
                            color.filled(),
                        )))
                        .map_err(err)?;
                }
                let (px, py) = chart.backend_coord(&(0.0, y));
                root.draw(&Text::new(
                    t.text(*state).to_string(),
                    (px - 10, py),
                    font(17.0).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)?;
                let (bx, by) = chart.backend_coord(&(*n as f64, y));
                root.draw(&Text::new(
                    n.to_string(),
                    (bx + 6, by),
                    font(17.0).pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
            }
            Ok(())
        },
    )
}

/// An indicator's chart: its series over time, with the target as a dashed line up to its
/// deadline, the deadline and the reporting date as vertical lines, and a visible label
/// when the numbers are illustrative. A drawing that fails is an error at the indicator's
/// data file in `diags`.
pub fn indicator_chart(
    ind: &Indicator,
    id: &str,
    as_of: Date,
    t: &Translations,
    description: &str,
    diags: &mut Diagnostics,
) -> Chart {
    let what = format!("the chart of indicator {}", ind.id);
    let source = || Source {
        at: ind.places.id.clone(),
        what: &what,
    };
    let first = ind
        .series
        .iter()
        .filter_map(|s| s.points.first())
        .map(|p| p.period.start())
        .min();
    let last = ind
        .series
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| p.period.end())
        .max();
    let (Some(first), Some(last)) = (first, last) else {
        return draw(id, &ind.title, description, SIZE, source(), diags, |_| {
            Ok(())
        });
    };
    let mut x_min = first;
    let mut x_max = last.add_days(1);
    if let Some(by) = ind.target.as_ref().and_then(|t| t.by) {
        x_max = x_max.max(by.end().add_days(1));
        x_min = x_min.min(by.end());
    }
    let span = (x_max.days_since_epoch() - x_min.days_since_epoch()).max(1);
    let pad = (span / 20).max(15);
    let (x_min, x_max) = (x_min.add_days(-pad), x_max.add_days(pad));

    let values: Vec<f64> = ind
        .series
        .iter()
        .flat_map(|s| s.points.iter().filter_map(|p| p.value()))
        .chain(ind.target.as_ref().map(|t| t.value.value))
        .collect();
    // Values beyond 10^12 are drawn scaled by a power of ten (said on the axis), so every
    // range computation stays far from overflow whatever the data holds.
    let largest = values.iter().fold(0f64, |m, v| m.max(v.abs()));
    let exponent = if largest >= 1e12 {
        largest.log10().floor() as i32 - 3
    } else {
        0
    };
    let factor = 10f64.powi(exponent);
    let scaled = |v: f64| v / factor;
    let lo = values.iter().map(|v| scaled(*v)).fold(0f64, f64::min);
    let hi = values.iter().map(|v| scaled(*v)).fold(0f64, f64::max);
    let spread = hi - lo;
    let room = if spread > 1e-9 {
        spread * 0.12
    } else {
        hi.abs().max(1.0) * 0.1
    };
    let (y_min, y_max) = (if lo < 0.0 { lo - room } else { 0.0 }, hi + room);
    let unit = match &ind.prefix {
        Some(prefix) => format!("{prefix} {}", ind.unit),
        None => ind.unit.clone(),
    };
    let axis_unit = if exponent == 0 {
        unit
    } else {
        format!("{unit} (× 10^{exponent})")
    };

    let illustrative = ind.provenance == crate::model::Provenance::Illustrative;
    let series_count = ind.series.len();
    draw(id, &ind.title, description, SIZE, source(), diags, |root| {
        let mut chart = ChartBuilder::on(root)
            .margin(16)
            .margin_right(36)
            .margin_top(if illustrative { 40 } else { 16 })
            .x_label_area_size(42)
            .y_label_area_size(100)
            .build_cartesian_2d((x_min.naive()..x_max.naive()).monthly(), y_min..y_max)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_labels(8)
            .y_labels(6)
            .x_label_formatter(&|d: &NaiveDate| month_year(t, *d))
            .y_label_formatter(&|v: &f64| t.number(*v))
            .y_desc(axis_unit.clone())
            .label_style(font(16.0))
            .axis_desc_style(font(16.0))
            .axis_style(AXIS)
            .max_light_lines(0)
            .bold_line_style(GRID)
            .draw()
            .map_err(err)?;

        for (index, series) in ind.series.iter().enumerate() {
            let color = SERIES[index % SERIES.len()];
            match ind.chart {
                ChartKind::Line => {
                    // Each run of non-null values is its own line, so a gap stays a gap.
                    let mut runs: Vec<Vec<(NaiveDate, f64)>> = vec![Vec::new()];
                    for point in &series.points {
                        match point.value() {
                            Some(v) => runs
                                .last_mut()
                                .expect("non-empty")
                                .push((point.period.start().naive(), scaled(v))),
                            None => runs.push(Vec::new()),
                        }
                    }
                    for run in runs.iter().filter(|r| !r.is_empty()) {
                        chart
                            .draw_series(LineSeries::new(
                                run.iter().copied(),
                                color.stroke_width(2),
                            ))
                            .map_err(err)?;
                    }
                    let points = runs.iter().flatten().copied();
                    let style = color.filled();
                    let drawn = match index % 3 {
                        0 => chart.draw_series(points.map(|p| Circle::new(p, 4, style))),
                        1 => chart.draw_series(points.map(|p| TriangleMarker::new(p, 6, style))),
                        _ => chart.draw_series(points.map(|p| {
                            EmptyElement::at(p) + Rectangle::new([(-4, -4), (4, 4)], style)
                        })),
                    }
                    .map_err(err)?;
                    if series_count > 1 {
                        let anno = drawn.label(series.name.clone());
                        let line =
                            move || PathElement::new(vec![(0, 0), (18, 0)], color.stroke_width(2));
                        match index % 3 {
                            0 => anno.legend(move |c| {
                                EmptyElement::at(c) + line() + Circle::new((9, 0), 4, style)
                            }),
                            1 => anno.legend(move |c| {
                                EmptyElement::at(c) + line() + TriangleMarker::new((9, 0), 6, style)
                            }),
                            _ => anno.legend(move |c| {
                                EmptyElement::at(c)
                                    + line()
                                    + Rectangle::new([(5, -4), (13, 4)], style)
                            }),
                        };
                    }
                }
                ChartKind::Bar => {
                    let bars = series.points.iter().filter_map(|point| {
                        let value = point.value()?;
                        let start = point.period.start();
                        let slot = (point.period.end().days_since_epoch()
                            - start.days_since_epoch()
                            + 1) as f64;
                        let width = slot * 0.8 / series_count as f64;
                        let left =
                            start.days_since_epoch() as f64 + slot * 0.1 + width * index as f64;
                        let x0 = Date::from_days_since_epoch(left.round() as i64).naive();
                        let x1 =
                            Date::from_days_since_epoch((left + width).round() as i64 - 1).naive();
                        // Alternate series are drawn hollow, so they differ by shape too.
                        let style = if index % 2 == 0 {
                            color.filled()
                        } else {
                            color.stroke_width(2)
                        };
                        Some(Rectangle::new([(x0, 0.0), (x1, scaled(value))], style))
                    });
                    let drawn = chart.draw_series(bars).map_err(err)?;
                    if series_count > 1 {
                        drawn.label(series.name.clone()).legend(move |(x, y)| {
                            let style = if index % 2 == 0 {
                                color.filled()
                            } else {
                                color.stroke_width(2)
                            };
                            Rectangle::new([(x, y - 6), (x + 14, y + 6)], style)
                        });
                    }
                }
            }
        }

        if let Some(target) = &ind.target {
            // A target without a date holds at every moment: its line runs the whole chart.
            let until = target.by.map_or(x_max, |by| by.end());
            let line = vec![
                (x_min.naive(), scaled(target.value.value)),
                (until.naive(), scaled(target.value.value)),
            ];
            chart
                .draw_series(LineSeries::new(line, TARGET_DASHED.stroke_width(2)))
                .map_err(err)?;
            let sign = match target.direction {
                Direction::AtMost => "≤",
                Direction::AtLeast => "≥",
            };
            let label = format!(
                "{} {sign} {}",
                t.text(ChartText::TargetLine),
                t.figure(&target.value)
            );
            let (px, py) = chart.backend_coord(&(until.naive(), scaled(target.value.value)));
            let (lx, anchor) = if target.by.is_none() {
                // A line across the whole chart: labelled at its start, clear of the
                // reporting date's label at the right.
                let (sx, _) = chart.backend_coord(&(x_min.naive(), scaled(target.value.value)));
                (sx + 6, HPos::Left)
            } else if until >= x_max.add_days(-span / 4) {
                (px - 6, HPos::Right)
            } else {
                (px + 6, HPos::Left)
            };
            boxed_text(
                root,
                &label,
                (lx, py - 8),
                font(16.0)
                    .color(&TARGET)
                    .pos(Pos::new(anchor, VPos::Bottom)),
            )?;
            if let Some(by) = target.by {
                let deadline = Moment {
                    at: by.end(),
                    color: TARGET,
                    label: t.text(ChartText::Deadline),
                    label_offset: 0,
                };
                vertical(root, &chart, (y_min, y_max), deadline)?;
            }
        }
        if as_of > x_min && as_of < x_max {
            let reporting_date = Moment {
                at: as_of,
                color: AXIS,
                label: t.text(ChartText::AsOfLine),
                label_offset: 16,
            };
            vertical(root, &chart, (y_min, y_max), reporting_date)?;
        }
        if series_count > 1 {
            chart
                .configure_series_labels()
                .position(SeriesLabelPosition::LowerLeft)
                .label_font(font(16.0))
                .background_style(WHITE.mix(0.92))
                .border_style(AXIS)
                .draw()
                .map_err(err)?;
        }
        if illustrative {
            root.draw(&Text::new(
                t.text(ChartText::Illustrative).to_string(),
                (SIZE.0 as i32 - 14, 10),
                TextStyle::from((FONT_FAMILY, 18.0, FontStyle::Bold).into_font())
                    .color(&TEXT)
                    .pos(Pos::new(HPos::Right, VPos::Top)),
            ))
            .map_err(err)?;
        }
        Ok(())
    })
}

type DateChart<'a, 'b> = ChartContext<
    'a,
    CompactSvg<'b>,
    Cartesian2d<plotters::coord::types::Monthly<NaiveDate>, plotters::coord::types::RangedCoordf64>,
>;

/// A labelled moment drawn as a vertical line: a deadline or the reporting date.
struct Moment<'a> {
    at: Date,
    color: RGBColor,
    label: &'a str,
    /// Pixels from the top of the plot to the label (negative: above the plot).
    label_offset: i32,
}

/// A thin vertical line across the plot (from `y_min` to `y_max`) with a label at its top.
fn vertical(
    root: &Area,
    chart: &DateChart,
    (y_min, y_max): (f64, f64),
    moment: Moment,
) -> Result<(), String> {
    let Moment {
        at,
        color,
        label,
        label_offset,
    } = moment;
    // Clamped to the drawing, whatever coordinates extreme values produce.
    let height = root.dim_in_pixel().1 as i32;
    let (x, top) = chart.backend_coord(&(at.naive(), y_max));
    let (_, bottom) = chart.backend_coord(&(at.naive(), y_min));
    let (top, bottom) = (top.clamp(0, height), bottom.clamp(0, height));
    // One thin line (a dotted one would be a hundred SVG elements); the label names it.
    root.draw(&PathElement::new(
        vec![(x, top), (x, bottom)],
        color.stroke_width(1),
    ))
    .map_err(err)?;
    root.draw(&Text::new(
        label.to_string(),
        (x - 4, top + 2 + label_offset),
        font(15.0)
            .color(&color)
            .pos(Pos::new(HPos::Right, VPos::Top)),
    ))
    .map_err(err)
}

/// Text on a white box, so it stays readable where it crosses bars or lines.
fn boxed_text(root: &Area, text: &str, (x, y): (i32, i32), style: TextStyle) -> Result<(), String> {
    let (w, h) = root.estimate_text_size(text, &style).map_err(err)?;
    let (w, h) = (w as i32, h as i32);
    let left = match style.pos.h_pos {
        HPos::Left => x,
        HPos::Center => x - w / 2,
        HPos::Right => x - w,
    };
    let top = match style.pos.v_pos {
        VPos::Top => y,
        VPos::Center => y - h / 2,
        VPos::Bottom => y - h,
    };
    root.draw(&Rectangle::new(
        [(left - 3, top - 2), (left + w + 3, top + h + 2)],
        WHITE.filled(),
    ))
    .map_err(err)?;
    root.draw(&Text::new(text.to_string(), (x, y), style))
        .map_err(err)
}

fn month_year(t: &Translations, d: NaiveDate) -> String {
    use chrono::Datelike;
    Date::from_ymd(d.year(), d.month(), 1).map_or_else(String::new, |d| t.month_year(d))
}

/// A recommendation's follow-up timeline: one lane for its status changes and one per
/// commitment, from the date it was promised to its due date, marked fulfilled (✓, filled
/// circle) or overdue (✗, red), with the reporting date as a vertical line.
///
/// A drawing that fails is an error at the recommendation's file in `diags`.
pub fn timeline_chart(
    rec: &Recommendation,
    promised: Date,
    as_of: Date,
    t: &Translations,
    description: &str,
    diags: &mut Diagnostics,
) -> Chart {
    // Chart ids are opvolg's (`_`), with a `.` that no item id can contain: no indicator's
    // chart can take a timeline's id.
    let id = format!("_timeline.{}", rec.id);
    let title = t.fill(ChartText::TimelineTitle, &[("id", &rec.id)]);
    let lanes = 1 + rec.commitments.len();
    let height = 90 + 46 * lanes as u32;
    let mut dates = vec![promised, as_of];
    dates.extend(rec.status.iter().map(|s| s.date));
    dates.extend(
        rec.commitments
            .iter()
            .flat_map(|c| [c.due.map(Period::end), c.done])
            .flatten(),
    );
    dates.extend(
        rec.commitments
            .iter()
            .flat_map(|c| &c.revisions)
            .flat_map(|r| [Some(r.date), r.previous_due.map(Period::end)])
            .flatten(),
    );
    let first = dates.iter().copied().min().unwrap_or(as_of);
    let last = dates.iter().copied().max().unwrap_or(as_of);
    let span = (last.days_since_epoch() - first.days_since_epoch()).max(30);
    let pad = (span / 12).max(20);
    let (x_min, x_max) = (first.add_days(-pad), last.add_days(pad * 2));
    let what = format!("the timeline of recommendation {}", rec.id);
    // The file, from where its history is written (a recommendation has at least one entry).
    let at = rec
        .status
        .first()
        .map_or_else(Location::default, |s| Location {
            path: s.at.path.clone(),
            line: 0,
        });
    let source = Source { at, what: &what };
    draw(
        &id,
        &title,
        description,
        (900, height),
        source,
        diags,
        |root| {
            let mut chart = ChartBuilder::on(root)
                .margin(12)
                .margin_top(40)
                .margin_right(200)
                .x_label_area_size(40)
                .y_label_area_size(170)
                .build_cartesian_2d(
                    (x_min.naive()..x_max.naive()).monthly(),
                    -0.5f64..(lanes as f64 - 0.5),
                )
                .map_err(err)?;
            chart
                .configure_mesh()
                .disable_y_mesh()
                .y_labels(0)
                .x_labels(5)
                .x_label_formatter(&|d: &NaiveDate| month_year(t, *d))
                .label_style(font(16.0))
                .axis_style(AXIS)
                .max_light_lines(0)
                .bold_line_style(GRID)
                .draw()
                .map_err(err)?;
            let lane_y = |lane: usize| (lanes - 1 - lane) as f64;
            let lane_label = |lane: usize, text: &str| -> Result<(), String> {
                let (px, py) = chart.backend_coord(&(x_min.naive(), lane_y(lane)));
                root.draw(&Text::new(
                    shorten(text, 30),
                    (px - 10, py),
                    font(16.0).pos(Pos::new(HPos::Right, VPos::Center)),
                ))
                .map_err(err)
            };
            lane_label(0, t.text(ChartText::TimelineStatusLane))?;
            for i in 0..rec.commitments.len() {
                // The number only: the table above the chart has the text under the same number,
                // and a text cut to fit the margin would say less than either.
                lane_label(
                    i + 1,
                    &t.fill(ChartText::TimelineLane, &[("number", &(i + 1).to_string())]),
                )?;
            }

            // Status lane: a diamond per change, labelled with the state, labels staggered so
            // changes close in time stay readable.
            let y0 = lane_y(0);
            chart
                .draw_series(LineSeries::new(
                    rec.status
                        .iter()
                        .map(|s| (s.date.naive(), y0))
                        .chain(std::iter::once((as_of.naive(), y0))),
                    AXIS.stroke_width(1),
                ))
                .map_err(err)?;
            for (i, s) in rec.status.iter().enumerate() {
                let (px, py) = chart.backend_coord(&(s.date.naive(), y0));
                root.draw(&Polygon::new(
                    vec![(px, py - 6), (px + 6, py), (px, py + 6), (px - 6, py)],
                    SERIES[0].filled(),
                ))
                .map_err(err)?;
                let dy = if i % 2 == 0 { -9 } else { 9 };
                let v = if i % 2 == 0 { VPos::Bottom } else { VPos::Top };
                root.draw(&Text::new(
                    t.text(s.state).to_string(),
                    (px + 2, py + dy),
                    font(15.0).pos(Pos::new(HPos::Left, v)),
                ))
                .map_err(err)?;
            }

            for (i, c) in rec.commitments.iter().enumerate() {
                let y = lane_y(i + 1);
                // A deadline is drawn at its last day; a commitment without one runs on to when it
                // was kept or to the reporting date.
                let due = c.due.map(Period::end);
                let end = match (c.done, due) {
                    (Some(done), Some(due)) => done.min(due),
                    (None, Some(due)) => due,
                    (done, None) => done.unwrap_or(as_of),
                };
                chart
                    .draw_series(std::iter::once(PathElement::new(
                        vec![(promised.naive(), y), (end.max(promised).naive(), y)],
                        SERIES[0].stroke_width(6),
                    )))
                    .map_err(err)?;
                // Earlier deadlines: thin grey ticks, joined above the bar by a thin line that
                // ends in an arrow at the deadline in force, so a move shows how far it went.
                let first_dated = c.revisions.iter().find_map(|r| r.previous_due);
                if let (Some(first), Some(due)) = (first_dated, due) {
                    let (fx, fy) = chart.backend_coord(&(first.end().naive(), y));
                    let (tx, _) = chart.backend_coord(&(due.naive(), y));
                    let above = fy - 13;
                    root.draw(&PathElement::new(
                        vec![(fx, above), (tx, above)],
                        AXIS.stroke_width(1),
                    ))
                    .map_err(err)?;
                    let head = if tx >= fx { -5 } else { 5 };
                    root.draw(&PathElement::new(
                        vec![(tx + head, above - 4), (tx, above), (tx + head, above + 4)],
                        AXIS.stroke_width(1),
                    ))
                    .map_err(err)?;
                    for previous in c.revisions.iter().filter_map(|r| r.previous_due) {
                        let (rx, ry) = chart.backend_coord(&(previous.end().naive(), y));
                        root.draw(&PathElement::new(
                            vec![(rx, ry - 16), (rx, ry + 7)],
                            AXIS.stroke_width(1),
                        ))
                        .map_err(err)?;
                    }
                }
                // The due date: a vertical tick.
                if let Some(due) = due {
                    let (dx, dy) = chart.backend_coord(&(due.naive(), y));
                    root.draw(&PathElement::new(
                        vec![(dx, dy - 9), (dx, dy + 9)],
                        TEXT.stroke_width(2),
                    ))
                    .map_err(err)?;
                }
                let (label, color, mark_at) = if let Some(done) = c.done {
                    let key = if c.was_late() {
                        Ui::CommitmentDoneLate
                    } else {
                        Ui::CommitmentDone
                    };
                    (t.text(key).to_string(), DONE, done)
                } else if c.is_overdue(as_of) {
                    // Overdue: the line continues dashed in red up to the reporting date.
                    chart
                        .draw_series(LineSeries::new(
                            vec![(end.naive(), y), (as_of.naive(), y)],
                            OVERDUE_DASHED.stroke_width(3),
                        ))
                        .map_err(err)?;
                    (t.text(Ui::CommitmentOverdue).to_string(), TARGET, as_of)
                } else {
                    (t.text(Ui::CommitmentOpen).to_string(), AXIS, end)
                };
                let (mx, my) = chart.backend_coord(&(mark_at.naive(), y));
                if c.done.is_some() {
                    root.draw(&Circle::new((mx, my), 6, DONE.filled()))
                        .map_err(err)?;
                } else if c.is_overdue(as_of) {
                    root.draw(&Cross::new((mx, my), 6, TARGET.stroke_width(3)))
                        .map_err(err)?;
                }
                root.draw(&Text::new(
                    label,
                    (mx + 10, my),
                    font(15.0)
                        .color(&color)
                        .pos(Pos::new(HPos::Left, VPos::Center)),
                ))
                .map_err(err)?;
            }
            let reporting_date = Moment {
                at: as_of,
                color: AXIS,
                label: t.text(ChartText::AsOfLine),
                label_offset: -34,
            };
            vertical(root, &chart, (-0.5, lanes as f64 - 0.5), reporting_date)?;
            Ok(())
        },
    )
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 1).collect();
    format!("{}…", cut.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_are_valid() {
        for bytes in [FONT_REGULAR, FONT_BOLD] {
            assert!(plotters::style::register_font("test-font", FontStyle::Normal, bytes).is_ok());
        }
    }

    fn translations() -> Translations {
        let file = crate::source::SourceFile {
            path: "nl.toml".into(),
            text: include_str!("../../themes/default/i18n/nl.toml").into(),
        };
        Translations::parse(&file, &mut Diagnostics::default()).expect("bundled texts are valid")
    }

    /// Before, a drawing plotters refused was published as a chart showing the error's text.
    #[test]
    fn a_drawing_that_fails_is_an_error_at_its_source_never_a_chart_of_the_error() {
        let mut diags = Diagnostics::default();
        let source = Source {
            at: Location {
                path: "data/indicators/x.json".into(),
                line: 2,
            },
            what: "the chart of indicator x",
        };
        let chart = draw("c", "X", "d", SIZE, source, &mut diags, |_| {
            Err("Bad layout".to_string())
        });
        let report = diags.into_report();
        assert_eq!(
            report.lines()[0].lines().next(),
            Some(
                "data/indicators/x.json:2:1: error: the chart of indicator x could not be drawn: Bad layout"
            )
        );
        assert_eq!(report.errors(), 1);
        for drawn in [&chart.svg, &chart.file] {
            assert!(!drawn.contains("Bad layout"), "{drawn}");
            assert!(!drawn.contains("<text"), "{drawn}");
        }
    }

    /// No valid indicator makes plotters fail, however far its dates, values and target lie
    /// (a search of 240,000 random ones found none): every one of these draws, without a
    /// diagnostic. The fuzz target `indicator_chart` checks the same of any input.
    #[test]
    fn indicators_at_the_edges_of_what_is_valid_draw() {
        let t = translations();
        let as_of = Date::parse("2024-06-30").unwrap();
        let values = [
            "0",
            "-1",
            "5e-324",
            "1e-300",
            "999999999999",
            "1e12",
            "-1.7e308",
            "1.7e308",
        ];
        let dates = ["0000", "0001-01-01", "1899-12", "2024-Q1", "2024-06-30"];
        let targets = [
            "",
            "\"target\": {\"value\": 1.7e308, \"direction\": \"at_most\", \"by\": \"9999\"},",
            "\"target\": {\"value\": -5e-324, \"direction\": \"at_least\", \"by\": \"0000\"},",
        ];
        let mut drawn = 0;
        for (i, value) in values.iter().enumerate() {
            for (j, date) in dates.iter().enumerate() {
                for target in targets {
                    for chart in ["line", "bar"] {
                        let other = values[(i + 3) % values.len()];
                        let later = dates[(j + 1).min(dates.len() - 1)];
                        let points = if later == *date {
                            format!("{{\"date\": \"{date}\", \"value\": {value}}}")
                        } else {
                            format!(
                                "{{\"date\": \"{date}\", \"value\": {value}}}, {{\"date\": \"{later}\", \"value\": {other}}}"
                            )
                        };
                        let series: Vec<String> = (0..1 + (i + j) % 6)
                            .map(|n| {
                                format!(
                                    "{{\"name\": \"{}\", \"points\": [{points}]}}",
                                    "reeks ".repeat(n * 10)
                                )
                            })
                            .collect();
                        let text = format!(
                            "{{\"id\": \"x\", \"title\": \"t\", \"unit\": \"u\", \"description\": \"d\", \"source\": {{\"name\": \"s\"}}, \"provenance\": \"illustrative\", \"chart\": \"{chart}\", {target} \"series\": [{}]}}",
                            series.join(", ")
                        );
                        let file = crate::source::SourceFile {
                            path: "data/indicators/x.json".into(),
                            text: text.as_str().into(),
                        };
                        let mut diags = Diagnostics::default();
                        let ind =
                            crate::validate::indicator(&file, &mut diags).unwrap_or_else(|| {
                                panic!("{text}: {:?}", diags.clone().into_report().lines())
                            });
                        indicator_chart(&ind, "c", as_of, &t, "d", &mut diags);
                        assert!(
                            diags.is_empty(),
                            "{text}: {:?}",
                            diags.into_report().lines()
                        );
                        drawn += 1;
                    }
                }
            }
        }
        assert_eq!(drawn, 240);
    }

    #[test]
    fn shorten_keeps_short_text_and_marks_cuts() {
        assert_eq!(shorten("abc", 5), "abc");
        assert_eq!(shorten("abcdefgh", 5), "abcd…");
    }
}
