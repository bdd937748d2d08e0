//! The four tables of the open data (recommendations, commitments, status entries,
//! indicator figures): rows made from the model one at a time, written as CSV and as an Excel
//! workbook.

use crate::date::{Date, Period};
use crate::model::*;
use crate::paths;
use crate::render::i18n::OpenDataText as T;
use crate::render::output::Stream;
use std::borrow::Cow;

/// One cell of a table, typed so a workbook gets numbers, dates and text right; text is
/// borrowed from the model where it can be (the long tables have a million cells).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    Text(Cow<'a, str>),
    /// A figure, shown as it was written.
    Figure(Figure),
    Count(usize),
    Date(Date),
    Yes(bool),
    Empty,
}

impl Cell<'_> {
    /// The cell as CSV text.
    pub fn csv(&self) -> String {
        let mut out = String::new();
        self.write_csv(&mut out);
        out
    }

    /// Appends the cell's CSV text to `out`.
    fn write_csv(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Cell::Text(text) => out.push_str(text),
            Cell::Figure(figure) => out.push_str(&figure.written),
            Cell::Count(n) => {
                let _ = write!(out, "{n}");
            }
            Cell::Date(date) => {
                let _ = write!(out, "{date}");
            }
            Cell::Yes(yes) => out.push_str(if *yes { "yes" } else { "no" }),
            Cell::Empty => {}
        }
    }
}

fn text<'a>(value: impl Into<Cow<'a, str>>) -> Cell<'a> {
    Cell::Text(value.into())
}

fn optional_date(date: Option<Date>) -> Cell<'static> {
    date.map_or(Cell::Empty, Cell::Date)
}

/// A deadline as written: a day is a date (a spreadsheet can sort and compute with it), a
/// month, quarter, half year or year its text ("2025-06"), none an empty cell.
fn deadline(deadline: Option<Period>) -> Cell<'static> {
    match deadline {
        None => Cell::Empty,
        Some(Period::Day(date)) => Cell::Date(date),
        Some(period) => Cell::Text(period.to_string().into()),
    }
}

/// A deadline in a line of text: as written, or `none`.
fn written(deadline: Option<Period>) -> String {
    deadline.map_or_else(|| "none".to_string(), |p| p.to_string())
}

/// The tables of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, strum::EnumIter)]
pub enum DataTable {
    Recommendations,
    Commitments,
    Status,
    Indicators,
}

impl DataTable {
    pub fn all() -> Vec<DataTable> {
        <DataTable as strum::IntoEnumIterator>::iter().collect()
    }

    /// The file name without extension (and the workbook's sheet name).
    pub fn name(self) -> &'static str {
        match self {
            DataTable::Recommendations => "recommendations",
            DataTable::Commitments => "commitments",
            DataTable::Status => "status",
            DataTable::Indicators => "indicators",
        }
    }

    /// The table whose CSV or workbook is `file` (`status.csv`).
    pub fn of_file(file: &str) -> Option<DataTable> {
        let (stem, extension) = file.rsplit_once('.')?;
        let table = DataTable::all().into_iter().find(|t| t.name() == stem)?;
        matches!(extension, "csv" | "xlsx").then_some(table)
    }

    pub fn description(self) -> T {
        match self {
            DataTable::Recommendations => T::FileRecommendations,
            DataTable::Commitments => T::FileCommitments,
            DataTable::Status => T::FileStatus,
            DataTable::Indicators => T::FileIndicators,
        }
    }

    /// The columns: the CSV header names, and what each means.
    pub fn columns(self) -> &'static [(&'static str, T)] {
        match self {
            DataTable::Recommendations => RECOMMENDATION_COLUMNS,
            DataTable::Commitments => COMMITMENT_COLUMNS,
            DataTable::Status => STATUS_COLUMNS,
            DataTable::Indicators => INDICATOR_COLUMNS,
        }
    }

    /// How many rows the table has.
    pub fn row_count(self, site: &Site) -> usize {
        let recs = site.recommendations.values();
        match self {
            DataTable::Recommendations => site.recommendations.len(),
            DataTable::Commitments => recs.map(|r| r.commitments.len()).sum(),
            DataTable::Status => recs.map(|r| r.status.len()).sum(),
            DataTable::Indicators => site
                .indicators
                .values()
                .flat_map(|i| &i.series)
                .map(|s| s.points.len())
                .sum(),
        }
    }

    /// Hands each row to `row`, in natural order of the ids, then by number or date. Rows
    /// are made one at a time, so a large table is never held in memory as cells.
    pub fn rows(
        self,
        site: &Site,
        row: &mut dyn FnMut(&[Cell]) -> Result<(), String>,
    ) -> Result<(), String> {
        let as_of = site.config.as_of;
        match self {
            DataTable::Recommendations => {
                for rec in in_natural_order(&site.recommendations) {
                    let current = rec.current();
                    let done = rec.commitments.iter().filter(|c| c.done_by(as_of)).count();
                    row(&[
                        text(&rec.id),
                        text(&rec.title),
                        text(page_url(site, &paths::recommendation(&rec.id))),
                        text(&rec.source),
                        text(rec.addressed_to.join("; ")),
                        text(rec.topics.join("; ")),
                        text(rec.current_response().key()),
                        doc_ref(&rec.response_ref),
                        text(current.state.key()),
                        Cell::Date(current.date),
                        Cell::Count(rec.commitments.len()),
                        Cell::Count(rec.open_commitments_at(as_of)),
                        Cell::Count(rec.overdue_commitments(as_of)),
                        Cell::Count(done),
                        text(
                            rec.response_changes
                                .iter()
                                .map(|c| format!("{}: {} ({})", c.date, c.response.key(), c.reason))
                                .collect::<Vec<_>>()
                                .join("; "),
                        ),
                    ])?;
                }
            }
            DataTable::Commitments => {
                for rec in in_natural_order(&site.recommendations) {
                    for (i, c) in rec.commitments.iter().enumerate() {
                        let history: Vec<String> = c
                            .revisions
                            .iter()
                            .map(|r| {
                                format!(
                                    "{}: {} -> {} ({})",
                                    r.date,
                                    written(r.previous_due),
                                    written(c.due_at(r.date)),
                                    r.reason
                                )
                            })
                            .collect();
                        row(&[
                            text(&rec.id),
                            Cell::Count(i + 1),
                            text(&c.text),
                            text(&c.owner),
                            deadline(c.due),
                            deadline(c.original_due()),
                            Cell::Count(c.revisions.len()),
                            text(history.join("; ")),
                            optional_date(c.done),
                            Cell::Yes(c.is_overdue(as_of)),
                            doc_ref(&c.reference),
                        ])?;
                    }
                }
            }
            DataTable::Status => {
                for rec in in_natural_order(&site.recommendations) {
                    for s in &rec.status {
                        row(&[
                            text(&rec.id),
                            Cell::Date(s.date),
                            text(s.state.key()),
                            text(&s.note),
                            doc_ref(&s.reference),
                        ])?;
                    }
                }
            }
            DataTable::Indicators => {
                for ind in in_natural_order(&site.indicators) {
                    for series in &ind.series {
                        for p in &series.points {
                            row(&[
                                text(&ind.id),
                                text(&series.name),
                                text(p.period.to_string()),
                                Cell::Date(p.period.start()),
                                p.figure
                                    .as_ref()
                                    .map_or(Cell::Empty, |f| Cell::Figure(ind.shown(f))),
                                text(&ind.unit),
                                text(ind.provenance.key()),
                                text(p.qualifier.map_or("", Keyed::key)),
                                text(p.note.as_deref().unwrap_or("")),
                            ])?;
                        }
                    }
                }
            }
        }
        Ok(())
    }
}

pub const RECOMMENDATION_COLUMNS: &[(&str, T)] = &[
    ("id", T::ColId),
    ("title", T::ColTitle),
    ("url", T::ColUrl),
    ("source", T::ColSource),
    ("addressed_to", T::ColAddressedTo),
    ("topics", T::ColTopics),
    ("response", T::ColResponse),
    ("response_ref", T::ColResponseRef),
    ("state", T::ColState),
    ("state_date", T::ColStateDate),
    ("commitments", T::ColCommitments),
    ("commitments_open", T::ColCommitmentsOpen),
    ("commitments_overdue", T::ColCommitmentsOverdue),
    ("commitments_done", T::ColCommitmentsDone),
    // Added after the others, so the columns people's sheets refer to kept their places.
    ("response_changes", T::ColResponseChanges),
];

pub const COMMITMENT_COLUMNS: &[(&str, T)] = &[
    ("recommendation", T::ColRecommendation),
    ("number", T::ColNumber),
    ("text", T::ColText),
    ("owner", T::ColOwner),
    ("due", T::ColDue),
    ("original_due", T::ColOriginalDue),
    ("deadline_moves", T::ColDeadlineMoves),
    ("deadline_history", T::ColDeadlineHistory),
    ("done", T::ColDone),
    ("overdue", T::ColOverdue),
    ("ref", T::ColRef),
];

pub const STATUS_COLUMNS: &[(&str, T)] = &[
    ("recommendation", T::ColRecommendation),
    ("date", T::ColDate),
    ("state", T::ColState),
    ("note", T::ColNote),
    ("ref", T::ColRef),
];

/// One row per figure; what belongs to the indicator as a whole (title, source, target) is
/// in site.json, so this long table does not repeat it on every row.
pub const INDICATOR_COLUMNS: &[(&str, T)] = &[
    ("indicator", T::ColIndicator),
    ("series", T::ColSeries),
    ("period", T::ColPeriod),
    ("period_start", T::ColPeriodStart),
    ("value", T::ColValue),
    ("unit", T::ColUnit),
    ("provenance", T::ColProvenance),
    ("qualifier", T::ColQualifier),
    ("note", T::ColPointNote),
];

fn doc_ref(r: &Option<DocRef>) -> Cell<'_> {
    r.as_ref().map_or(Cell::Empty, |r| match &r.anchor {
        Some(anchor) => text(format!("{}#{anchor}", r.document)),
        None => text(&r.document),
    })
}

/// The byte-order mark that tells Excel (and others) the CSV is UTF-8.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A table as CSV, written into `out` row by row: a byte-order mark, the header, the rows
/// (RFC 4180 quoting by the csv crate).
pub fn table_csv(site: &Site, table: DataTable, out: &mut dyn Stream) -> Result<(), String> {
    let ce = |e: csv::Error| e.to_string();
    out.write_all(BOM).map_err(|e| e.to_string())?;
    let mut csv = csv::Writer::from_writer(out);
    csv.write_record(table.columns().iter().map(|(name, _)| *name))
        .map_err(ce)?;
    // One buffer per column, reused row after row.
    let mut line: Vec<String> = vec![String::new(); table.columns().len()];
    table.rows(site, &mut |cells| {
        for (field, cell) in line.iter_mut().zip(cells) {
            field.clear();
            cell.write_csv(field);
        }
        csv.write_record(&line[..cells.len()]).map_err(ce)
    })?;
    csv.flush().map_err(|e| e.to_string())
}

/// The most rows of data an Excel worksheet holds (1,048,576 rows, less the header).
const SHEET_ROWS: u32 = 1_048_575;

/// A table as an Excel workbook, written into `out`: a bold frozen header, numbers as numbers
/// and dates as dates (those a workbook cannot hold as text: see [`excel_day`]; a text too
/// long for a cell cut, saying so: see [`cell_text`]), written row by row (rust_xlsxwriter's constant-memory mode) so a long
/// table costs little memory; a table longer than a worksheet holds goes on in a second sheet
/// (`name 2`, ...) with the same header. Its creation date is the site's `as_of`.
pub fn table_xlsx(site: &Site, table: DataTable, out: &mut dyn Stream) -> Result<(), String> {
    use rust_xlsxwriter::{DocProperties, Format, Workbook, Worksheet};
    let xe = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let columns = table.columns();
    let mut workbook = Workbook::new();
    // Level 1 of 9, the fastest: at N = 10,000 the workbooks take 0.22 s less CPU than at
    // level 3 (about 6% of the build) and are 18.4 MB instead of 12.8 MB; the XML inside still
    // shrinks sevenfold. For a site of real size they are a few dozen KB either way.
    workbook.set_zip_compression_level(1);
    // Without a creation date of its own, rust_xlsxwriter would read the clock. One before
    // Excel's first day takes that day: it is the file's metadata, not the site's data.
    let created = excel_day(site.config.as_of)
        .or_else(|| Date::from_ymd(1900, 3, 1).and_then(excel_day))
        .ok_or("no creation date for the workbook")?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    let number_formats: Vec<Format> = (0..=MAX_SHOWN_DECIMALS)
        .map(|d| Format::new().set_num_format(number_format(d)))
        .collect();
    let new_sheet = |workbook: &mut Workbook, n: usize| -> Result<(), String> {
        let sheet: &mut Worksheet = workbook.add_worksheet_with_constant_memory().map_err(xe)?;
        let name = match n {
            1 => table.name().to_string(),
            n => format!("{} {n}", table.name()),
        };
        sheet.set_name(name).map_err(xe)?;
        for (col, (name, _)) in columns.iter().enumerate() {
            let col = col as u16;
            sheet
                .set_column_width(col, column_width(name))
                .map_err(xe)?;
            sheet
                .write_string_with_format(0, col, *name, &bold)
                .map_err(xe)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(xe)?;
        Ok(())
    };
    let mut sheets = 1;
    new_sheet(&mut workbook, sheets)?;
    let mut r: u32 = 0;
    // The number format of each column, taken from the first row of a sheet: a cell in that
    // format is written without one and takes the column's. Passing a format makes
    // rust_xlsxwriter hash the whole Format, which for a table of every indicator point was a
    // noticeable part of the build.
    let mut column_formats: Vec<Option<ColumnFormat>> = Vec::new();
    let excel_format = |format: ColumnFormat| match format {
        ColumnFormat::Decimals(d) => &number_formats[usize::from(d)],
        ColumnFormat::Date => &date_format,
    };
    table.rows(site, &mut |cells| {
        if r == SHEET_ROWS {
            sheets += 1;
            new_sheet(&mut workbook, sheets)?;
            r = 0;
        }
        r += 1;
        let sheet = workbook.worksheet_from_index(sheets - 1).map_err(xe)?;
        if r == 1 {
            column_formats = cells.iter().map(ColumnFormat::of).collect();
            for (col, format) in column_formats.iter().enumerate() {
                if let Some(format) = format {
                    sheet
                        .set_column_format(col as u16, excel_format(*format))
                        .map_err(xe)?;
                }
            }
        }
        for (col, cell) in cells.iter().enumerate() {
            // The cell's own format, unless its column already has it.
            let format = ColumnFormat::of(cell)
                .filter(|own| column_formats.get(col).copied().flatten() != Some(*own))
                .map(excel_format);
            let col = col as u16;
            match cell {
                Cell::Text(text) => sheet.write_string(r, col, cell_text(text)).map(|_| ()),
                Cell::Figure(figure) => match format {
                    Some(format) => sheet.write_number_with_format(r, col, figure.value, format),
                    None => sheet.write_number(r, col, figure.value),
                }
                .map(|_| ()),
                Cell::Count(n) => sheet.write_number(r, col, *n as f64).map(|_| ()),
                Cell::Date(date) => match (excel_day(*date), format) {
                    (Some(day), Some(format)) => {
                        sheet.write_datetime_with_format(r, col, day, format)
                    }
                    (Some(day), None) => sheet.write_datetime(r, col, day),
                    // A day no workbook holds as a date is still a fact of the site: its text.
                    (None, _) => sheet.write_string(r, col, date.to_string()),
                }
                .map(|_| ()),
                Cell::Yes(_) => sheet.write_string(r, col, cell.csv()).map(|_| ()),
                Cell::Empty => Ok(()),
            }
            .map_err(xe)?;
        }
        Ok(())
    })?;
    workbook.save_to_writer(out).map_err(xe)
}

/// The number format a cell is shown in, where it has one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ColumnFormat {
    Decimals(u8),
    Date,
}

impl ColumnFormat {
    fn of(cell: &Cell) -> Option<ColumnFormat> {
        match cell {
            Cell::Figure(figure) => Some(ColumnFormat::Decimals(
                figure.decimals.min(MAX_SHOWN_DECIMALS),
            )),
            Cell::Date(date) => excel_day(*date).map(|_| ColumnFormat::Date),
            _ => None,
        }
    }
}

/// A day as a workbook holds it, where one can: Excel's days run from 1900 to 9999, and
/// before 1 March 1900 spreadsheets disagree about them (Excel counts a 29 February 1900 that
/// never was; LibreOffice does not, so it shows those days one day off). Any other day is
/// written as its text, as in the CSV.
fn excel_day(date: Date) -> Option<rust_xlsxwriter::ExcelDateTime> {
    if date < Date::from_ymd(1900, 3, 1)? {
        return None;
    }
    let year = u16::try_from(date.year()).ok()?;
    let (month, day) = (
        u8::try_from(date.month()).ok()?,
        u8::try_from(date.day()).ok()?,
    );
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, month, day).ok()
}

/// The most characters (UTF-16 code units) a workbook cell holds.
const CELL_CHARS: usize = 32_767;

/// A text as a workbook cell can hold it: a longer one (a long history of deadline moves,
/// joined) is cut, and says so and where the whole is, instead of failing the workbook.
fn cell_text(text: &str) -> Cow<'_, str> {
    if text.len() <= CELL_CHARS || text.encode_utf16().count() <= CELL_CHARS {
        return Cow::Borrowed(text);
    }
    const CUT: &str =
        " … [cut: Excel holds 32,767 characters in a cell; the CSV file has the whole text]";
    let room = CELL_CHARS - CUT.encode_utf16().count();
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(i, _)| i);
    Cow::Owned(format!("{}{CUT}", &text[..end]))
}

/// Excel shows at most 15 significant digits; more decimals than this are not shown.
const MAX_SHOWN_DECIMALS: u8 = 15;

/// An Excel number format that shows a figure with the decimals it was written with.
fn number_format(decimals: u8) -> String {
    match decimals {
        0 => "0".to_string(),
        n => format!("0.{}", "0".repeat(usize::from(n.min(MAX_SHOWN_DECIMALS)))),
    }
}

/// A readable column width for a header name (in characters).
fn column_width(name: &str) -> f64 {
    match name {
        "title" | "text" | "note" | "addressed_to" | "deadline_history" => 50.0,
        "url" | "response_ref" | "ref" | "source" | "owner" => 30.0,
        _ => (name.len() as f64 + 2.0).max(12.0),
    }
}

/// The address of a page: absolute with `base_url`, else relative to the site root.
pub(super) fn page_url(site: &Site, path: &str) -> String {
    match &site.config.base_url {
        Some(base) => format!("{base}{path}"),
        None => path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_written_for_csv_as_in_the_data() {
        let figure = Figure::parse("51.50").unwrap();
        assert_eq!(Cell::Figure(figure.clone()).csv(), "51.50");
        assert_eq!(Cell::Figure(figure.with_decimals(1)).csv(), "51.5");
        assert_eq!(Cell::Figure(Figure::parse("1e-7").unwrap()).csv(), "1e-7");
        assert_eq!(Cell::Yes(true).csv(), "yes");
        assert_eq!(Cell::Empty.csv(), "");
        assert_eq!(
            Cell::Date(Date::parse("2024-06-30").unwrap()).csv(),
            "2024-06-30"
        );
    }

    #[test]
    fn a_workbook_holds_days_from_1_march_1900_to_9999_as_dates() {
        let day = |y, m, d| excel_day(Date::from_ymd(y, m, d).unwrap());
        assert!(day(1, 1, 1).is_none());
        assert!(day(1899, 12, 31).is_none());
        assert!(day(1900, 2, 28).is_none());
        assert!(day(1900, 3, 1).is_some());
        assert!(day(9999, 12, 31).is_some());
    }

    #[test]
    fn texts_longer_than_a_cell_are_cut_on_a_character_and_say_so() {
        assert_eq!(cell_text("kort"), "kort");
        let exact = "a".repeat(CELL_CHARS);
        assert_eq!(cell_text(&exact), exact.as_str());
        // Characters of two UTF-16 units each are never cut in half.
        let wide = "😀".repeat(CELL_CHARS);
        let cut = cell_text(&wide);
        assert!(cut.encode_utf16().count() <= CELL_CHARS);
        assert!(cut.starts_with('😀') && cut.contains("[cut:"));
    }

    #[test]
    fn number_formats_keep_the_written_decimals() {
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(2), "0.00");
    }
}
