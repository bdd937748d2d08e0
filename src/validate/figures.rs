//! data/indicators/<id>.csv: an indicator's figures as a statistics office exports them, next
//! to the indicator's data file, which then leaves out `series`.
//!
//! Owns reading the table (csv_core, the csv crate's parser, which also gives every cell's
//! place; comma or semicolon, as the header line uses) into series of points, and every
//! problem of a cell at its file, line and column. Must not decide what the figures mean: the
//! indicator's file says that, and `validate::mod` joins the two.

use super::checks::{FileContext, Settings};
use crate::date::Period;
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::{Figure, Keyed, Location, Point, Qualifier, Series};
use crate::source::SourceFile;
use std::ops::Range;

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
    let mut rows = Rows::new(text, delimiter);
    let Some(header) = rows.next() else {
        cx.error(0, "the file is empty: it needs a header line `date,value`");
        return None;
    };
    let mut column_of = [None; COLUMNS.len()];
    let mut ok = true;
    for (i, cell) in header.iter().enumerate() {
        let name = cell.text.trim();
        // `period` is what a statistics table often calls the first column.
        let name = if name == "period" { "date" } else { name };
        match COLUMNS.iter().position(|c| *c == name) {
            Some(k) if column_of[k].is_none() => column_of[k] = Some(i),
            Some(_) => {
                cx.error_span(
                    cell.span.clone(),
                    format!("the column `{name}` is there twice"),
                );
                ok = false;
            }
            None => {
                cx.error_span(cell.span.clone(), format!("unknown column `{name}`"));
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
    for row in rows {
        if row.iter().all(|cell| cell.text.trim().is_empty()) {
            continue;
        }
        let (Some(first), Some(last)) = (row.first(), row.last()) else {
            continue;
        };
        let start = first.span.start;
        // A cell's bytes, to underline all of it; a cell the row lacks underlines the row.
        let cell_at = |i: usize| {
            row.get(i)
                .map_or(start..last.span.end, |cell| cell.span.clone())
        };
        let cell = |i: Option<usize>| i.and_then(|i| row.get(i)).map(|c| c.text.trim());
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
                    } else if let Some(number) = as_json_number(value_text) {
                        cx.hint(format!(
                            "write {number}: numbers are written as in JSON, without a + sign or leading zeros and with digits on both sides of the point"
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
            cx.error_span(
                cell_at(date_col),
                format!("{period} is not after the line before it of this series ({previous})"),
            );
            cx.hint("list each series' figures in date order, each period once");
            ok = false;
        }
        // A figure for a period that has not begun by the reporting date would be published
        // as a fact.
        ok &= cx.not_after_as_of(
            cell_at(date_col).start,
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
            note: note.map(String::into_boxed_str),
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

/// `text` as JSON writes the number, when it is one that JSON does not read as it stands but
/// others do (`.42`, `+5`, `5.`, `007`): the download repeats a figure as written, in JSON too.
fn as_json_number(text: &str) -> Option<String> {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.strip_prefix('+').unwrap_or(text)),
    };
    let (mantissa, exponent) = rest.split_at(rest.find(['e', 'E']).unwrap_or(rest.len()));
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let whole = match whole.trim_start_matches('0') {
        "" => "0",
        digits => digits,
    };
    let point = if fraction.is_empty() { "" } else { "." };
    let number = format!("{sign}{whole}{point}{fraction}{exponent}");
    Figure::parse(&number).map(|_| number)
}

/// One cell of the file: its text as the CSV parser read it (quotes resolved) and the bytes it
/// is written in, quotes included.
struct Cell {
    text: String,
    span: Range<usize>,
}

/// The rows of a CSV text, each cell with its place. Read by csv_core, the parser under the csv
/// crate, which says how many bytes each field took: a cell is placed where the parser that
/// read it found it, however odd its quotes (a scanner of its own once disagreed on quotes and
/// indexed past its list of cells).
struct Rows<'a> {
    bytes: &'a [u8],
    delimiter: u8,
    reader: csv_core::Reader,
    /// How far the parser has read.
    at: usize,
    /// Where the parser writes a field's text; a longer field comes in several pieces.
    buffer: [u8; 1024],
}

impl<'a> Rows<'a> {
    fn new(text: &'a str, delimiter: u8) -> Rows<'a> {
        Rows {
            bytes: text.as_bytes(),
            delimiter,
            reader: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            at: 0,
            buffer: [0; 1024],
        }
    }

    /// The next cell, and whether it ends its row; `None` after the last row.
    fn cell(&mut self, row_start: bool) -> Option<(Cell, bool)> {
        let mut start = self.at;
        if row_start {
            // What the parser skips before a row: a byte-order mark at the start, the end of
            // the line before, and empty lines.
            if start == 0 && self.bytes.starts_with("\u{feff}".as_bytes()) {
                start = 3;
            }
            while matches!(self.bytes.get(start), Some(b'\r' | b'\n')) {
                start += 1;
            }
        }
        let bytes = self.bytes;
        let mut text = Vec::new();
        loop {
            let input = bytes.get(self.at..).unwrap_or_default();
            let (result, read, written) = self.reader.read_field(input, &mut self.buffer);
            text.extend_from_slice(self.buffer.get(..written).unwrap_or_default());
            self.at += read;
            let record_end = match result {
                csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {
                    continue;
                }
                csv_core::ReadFieldResult::End => return None,
                csv_core::ReadFieldResult::Field { record_end } => record_end,
            };
            // The byte that ended the field, a delimiter or the first of a line end, is read
            // with it; at the end of the file there is none.
            let ended_by = self.at.checked_sub(1).and_then(|i| bytes.get(i));
            let end = match ended_by {
                Some(&b) if read > 0 && (b == self.delimiter || b == b'\r' || b == b'\n') => {
                    self.at - 1
                }
                _ => self.at,
            };
            let cell = Cell {
                // A field is the file's bytes (UTF-8) without some ASCII quotes, and ends at
                // an ASCII delimiter or line end: always whole characters, never lossy.
                text: String::from_utf8_lossy(&text).into_owned(),
                span: start.min(end)..end,
            };
            return Some((cell, record_end));
        }
    }
}

impl Iterator for Rows<'_> {
    type Item = Vec<Cell>;

    fn next(&mut self) -> Option<Vec<Cell>> {
        let mut row = Vec::new();
        while let Some((cell, row_end)) = self.cell(row.is_empty()) {
            row.push(cell);
            if row_end {
                break;
            }
        }
        (!row.is_empty()).then_some(row)
    }
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

    /// The text each problem underlines.
    fn underlined(text: &str) -> Vec<String> {
        let file = SourceFile {
            path: "data/indicators/x.csv".into(),
            text: text.into(),
        };
        let (_, diags) = figures(&file, Settings::default());
        diags
            .into_report()
            .diagnostics
            .iter()
            .map(|d| text[d.span.clone().unwrap_or_default()].to_string())
            .collect()
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
    fn numbers_json_cannot_repeat_are_refused_with_how_to_write_them() {
        let (figures, problems) = read_csv("date,value\n2021,.42\n2022,+5\n2023,5.\n2024,007\n");
        assert!(figures.is_none());
        assert_eq!(
            problems,
            [
                "2:6: \".42\" is not a number",
                "3:6: \"+5\" is not a number",
                "4:6: \"5.\" is not a number",
                "5:6: \"007\" is not a number",
            ]
        );
        let hints: Vec<Option<String>> = [".42", "-.5e3", "+5", "5.", "007", "inf", "1_000"]
            .into_iter()
            .map(as_json_number)
            .collect();
        let expected = [
            Some("0.42"),
            Some("-0.5e3"),
            Some("5"),
            Some("5"),
            Some("7"),
            None,
            None,
        ];
        assert_eq!(hints, expected.map(|h| h.map(String::from)));
    }

    /// Quotes where CSV does not expect them: every cell is still found where the parser that
    /// read it found it (a cell scanner of its own once disagreed, and indexed past its list).
    #[test]
    fn odd_quotes_put_every_cell_where_the_parser_read_it() {
        let (figures, problems) = read_csv("date,value,x\"y,zz\n2024-01,1\n");
        assert!(figures.is_none());
        assert_eq!(
            problems,
            ["1:12: unknown column `x\"y`", "1:16: unknown column `zz`"]
        );
        // A quote inside an unquoted cell is a character of it; one right before a
        // delimiter too; the cells after them are where they are.
        let (_, problems) =
            read_csv("date,value,qualifier\n20\"24-01,1,x\n2024-02,2\",about\n2024-03,3,abuot\n");
        assert_eq!(
            problems,
            [
                "2:1: \"20\"24-01\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
                "2:12: unknown qualifier \"x\"; expected one of: at_least, more_than, about, less_than, at_most, provisional, estimated",
                "3:9: \"2\"\" is not a number",
                "4:11: unknown qualifier \"abuot\"; expected one of: at_least, more_than, about, less_than, at_most, provisional, estimated",
            ]
        );
        // Each problem underlines its whole cell, quotes and all.
        assert_eq!(
            underlined("date,value\n2024-01,\" 1,5 \"\n\"20\"\"24\",1\n"),
            ["\" 1,5 \"", "\"20\"\"24\""]
        );
        // A quote that is never closed runs to the end of the file: the cell is all of it.
        let unclosed = "date;value\n2024-01;1\n2024-02;\"2\n\n2024-03;x\n";
        let (_, problems) = read_csv(unclosed);
        assert_eq!(problems, ["3:9: \"2\n\n2024-03;x\" is not a number"]);
        assert_eq!(underlined(unclosed), ["\"2\n\n2024-03;x\n"]);
        let (_, at_the_end) = read_csv("date;value\r\n2024-01;1\r\n2024-02;\"x");
        assert_eq!(at_the_end, ["3:9: \"x\" is not a number"]);
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
