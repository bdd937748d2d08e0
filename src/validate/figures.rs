//! data/indicators/<id>.csv: an indicator's figures as a statistics office exports them, next
//! to the indicator's data file, which then leaves out `series`.
//!
//! Owns reading the table (the csv crate; comma or semicolon, as the header line uses) into
//! series of points, and every problem of a cell at its file, line and column. Must not
//! decide what the figures mean: the indicator's file says that, and `validate::mod` joins the
//! two.

use super::checks::{FileContext, Settings};
use crate::date::Period;
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::{Figure, Keyed, Location, Point, Qualifier, Series};
use crate::source::SourceFile;

/// The figures of one CSV file, checked on their own: the series in the order their first
/// row comes, each point in file order. A series without a `series` column is named `""`:
/// it takes the indicator's title when the two files are joined.
#[derive(Debug, Clone, PartialEq)]
pub struct Figures {
    pub series: Vec<Series>,
    /// Where the last figure of the first series is written.
    pub last_point: Location,
}

/// The columns a figures file may have; `date` and `value` are required.
const COLUMNS: [&str; 5] = ["date", "value", "series", "qualifier", "note"];

/// Reads and checks one figures file; `as_of` bounds the periods of its figures.
pub fn figures(file: &SourceFile, settings: Settings) -> (Option<Figures>, Diagnostics) {
    let mut cx = FileContext::new(file, settings);
    let figures = read(&mut cx);
    (figures, cx.diags)
}

fn read(cx: &mut FileContext) -> Option<Figures> {
    let text: &str = &cx.file.text;
    let header_line = text.lines().next().unwrap_or("");
    // A statistics office in a country that writes decimal commas separates with semicolons.
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(err)) => {
            cx.error(0, format!("the header line cannot be read: {err}"));
            return None;
        }
        None => {
            cx.error(0, "the file is empty: it needs a header line `date,value`");
            return None;
        }
    };
    let header_starts = field_starts(text, 0, delimiter);
    let mut column_of = [None; COLUMNS.len()];
    let mut ok = true;
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        // `period` is what a statistics table often calls the first column.
        let name = if name == "period" { "date" } else { name };
        match COLUMNS.iter().position(|c| *c == name) {
            Some(k) if column_of[k].is_none() => column_of[k] = Some(i),
            Some(_) => {
                cx.error(
                    header_starts[i],
                    format!("the column `{name}` is there twice"),
                );
                ok = false;
            }
            None => {
                cx.error(header_starts[i], format!("unknown column `{name}`"));
                match did_you_mean(name, COLUMNS) {
                    Some(close) => cx.hint(format!("did you mean `{close}`?")),
                    None => cx.hint(format!("the columns are: {}", COLUMNS.join(", "))),
                }
                ok = false;
            }
        }
    }
    let [
        Some(date_col),
        Some(value_col),
        series_col,
        qualifier_col,
        note_col,
    ] = column_of
    else {
        let missing: Vec<&str> = COLUMNS[..2]
            .iter()
            .zip(column_of)
            .filter(|(_, at)| at.is_none())
            .map(|(name, _)| *name)
            .collect();
        cx.error(
            0,
            format!(
                "the header line lacks the column `{}`",
                missing.join("` and `")
            ),
        );
        cx.hint(
            "the first line names the columns: date,value (and optionally series, qualifier, note)",
        );
        return None;
    };
    let mut series: Vec<Series> = Vec::new();
    let mut last_point_at = 0;
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                let at = err.position().map_or(0, |p| p.byte() as usize);
                cx.error(at, format!("this line cannot be read: {err}"));
                ok = false;
                continue;
            }
        };
        let mut start = record.position().map_or(0, |p| p.byte() as usize);
        // After a CRLF line end the position can still be at its LF.
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let starts = field_starts(text, start, delimiter);
        let at = |i: usize| starts.get(i).copied().unwrap_or(start);
        let line_end = text[start..]
            .find(['\r', '\n'])
            .map_or(text.len(), |end| start + end);
        // A cell's bytes, to underline all of it: up to the next delimiter or the line end.
        let cell_at = |i: usize| {
            let from = at(i);
            let to = starts.get(i + 1).map_or(line_end, |next| next - 1);
            from..to.max(from + 1)
        };
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map(str::trim);
        let date_text = cell(Some(date_col)).unwrap_or("");
        let period = match Period::parse(date_text) {
            Ok(period) => Some(period),
            Err(_) => {
                cx.error_span(
                    cell_at(date_col),
                    format!("\"{date_text}\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"),
                );
                ok = false;
                None
            }
        };
        let value_text = cell(Some(value_col)).unwrap_or("");
        let figure = if value_text.is_empty() {
            // An empty cell is a gap, as null is in JSON.
            Some(None)
        } else {
            match Figure::parse(value_text) {
                Some(figure) => Some(Some(figure)),
                None => {
                    cx.error_span(
                        cell_at(value_col),
                        format!("\"{value_text}\" is not a number"),
                    );
                    let with_point = value_text.replace('.', "").replacen(',', ".", 1);
                    if value_text.contains(',') && Figure::parse(&with_point).is_some() {
                        cx.hint(format!(
                            "write numbers with a decimal point and without thousands separators: {with_point}, not {value_text}"
                        ));
                    }
                    ok = false;
                    None
                }
            }
        };
        let qualifier = match cell(qualifier_col).filter(|q| !q.is_empty()) {
            None => Some(None),
            Some(text) => match Qualifier::all().into_iter().find(|q| q.key() == text) {
                Some(q) => Some(Some(q)),
                None => {
                    let keys: Vec<&str> = Qualifier::all().into_iter().map(Keyed::key).collect();
                    cx.error_span(
                        cell_at(qualifier_col.unwrap_or(0)),
                        format!(
                            "unknown qualifier \"{text}\"; expected one of: {}",
                            keys.join(", ")
                        ),
                    );
                    if let Some(close) = did_you_mean(text, keys.iter().copied()) {
                        cx.hint(format!("did you mean \"{close}\"?"));
                    }
                    ok = false;
                    None
                }
            },
        };
        let name = cell(series_col).unwrap_or("").to_string();
        let note = cell(note_col).filter(|n| !n.is_empty()).map(str::to_string);
        let (Some(period), Some(figure), Some(qualifier)) = (period, figure, qualifier) else {
            continue;
        };
        let index = match series.iter().position(|s| s.name == name) {
            Some(index) => index,
            None => {
                series.push(Series {
                    name,
                    points: Vec::new(),
                });
                series.len() - 1
            }
        };
        let points = &mut series[index].points;
        if let Some(previous) = points.last().map(|p: &Point| p.period)
            && period.start() <= previous.start()
        {
            cx.error(
                at(date_col),
                format!("{period} is not after the line before it of this series ({previous})"),
            );
            cx.hint("list each series' figures in date order, each period once");
            ok = false;
        }
        // A figure for a period that has not begun by the reporting date would be published
        // as a fact.
        ok &= cx.not_after_as_of(
            at(date_col),
            &format!("the figure for {period}, which begins on"),
            period.start(),
        );
        if index == 0 {
            last_point_at = start;
        }
        points.push(Point {
            period,
            figure,
            qualifier,
            note,
        });
    }
    if series.is_empty() && ok {
        cx.error(0, "the file has a header line but no figures");
        ok = false;
    }
    for s in &series {
        if s.points.iter().all(|p| p.figure.is_none()) {
            cx.error(0, format!("series \"{}\" has only empty values", s.name));
            cx.hint("an empty value marks a gap; a series needs at least one number");
            ok = false;
        }
    }
    ok.then(|| Figures {
        series,
        last_point: cx.location(last_point_at),
    })
}

/// The byte offsets at which the fields of the line starting at `start` begin: the csv crate
/// gives each record's position, not its fields', and an error names the cell.
fn field_starts(text: &str, start: usize, delimiter: u8) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![start];
    let mut quoted = false;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b if b == delimiter && !quoted => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Date;

    fn read_csv(text: &str) -> (Option<Figures>, Vec<String>) {
        let file = SourceFile {
            path: "data/indicators/x.csv".into(),
            text: text.into(),
        };
        let settings = Settings {
            as_of: Date::parse("2025-06-30").ok(),
            ..Settings::default()
        };
        let (figures, diags) = figures(&file, settings);
        let report = diags.into_report();
        let lines = report
            .diagnostics
            .iter()
            .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
            .collect();
        (figures, lines)
    }

    #[test]
    fn reads_commas_semicolons_gaps_qualifiers_and_several_series() {
        let (figures, problems) = read_csv(
            "date;value;series;qualifier;note\n2024-01;80;Paid;more_than;\n2024-02;;Paid;;gap\n2024-01;3;Offered;;\"a; b\"\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let figures = figures.unwrap();
        assert_eq!(figures.series.len(), 2);
        assert_eq!(figures.series[0].name, "Paid");
        assert_eq!(
            figures.series[0].points[0].qualifier,
            Some(Qualifier::MoreThan)
        );
        assert_eq!(figures.series[0].points[1].figure, None);
        assert_eq!(figures.series[1].points[0].note.as_deref(), Some("a; b"));
        let (figures, problems) = read_csv("period,value\n2024,1.50\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            figures.unwrap().series[0].points[0]
                .figure
                .as_ref()
                .unwrap()
                .decimals,
            2
        );
    }

    #[test]
    fn every_problem_is_at_its_cell() {
        let lf = "date;value;qualifer\n2024-13;1;\n2024-02;24,4;x\n2024-03;x;\n2099-01;1;\n";
        let (figures, problems) = read_csv(lf);
        assert!(figures.is_none());
        // Windows line ends put every problem at the same place.
        assert_eq!(read_csv(&lf.replace('\n', "\r\n")).1, problems);
        assert_eq!(
            problems,
            [
                "1:12: unknown column `qualifer`",
                "2:1: \"2024-13\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
                "3:9: \"24,4\" is not a number",
                "4:9: \"x\" is not a number",
                "5:1: the figure for 2099-01, which begins on 2099-01-01 is after the reporting date as_of = 2025-06-30",
            ]
        );
    }
}
