//! Open data: the whole follow-up as files for researchers, journalists and spreadsheets, in
//! `open-data/`. Four tables (recommendations, commitments, status entries, indicator
//! figures), each as CSV (UTF-8 with a byte-order mark, comma-separated, points as decimal
//! separators, ISO dates) and as an Excel workbook beside it (typed cells, so Excel in any
//! locale reads numbers and dates as such); and `site.json`, the whole model, with the JSON
//! Schema it validates against (`site.schema.json`, derived from the same types, so the two
//! cannot drift apart).
//!
//! Pure: the model in, bytes out. Workbooks carry `as_of` as their creation date, never the
//! clock, so two builds give the same bytes.

use super::Stream;
use super::i18n::OpenDataText as T;
use crate::date::Date;
use crate::history::Moment;
use crate::model::*;
use crate::paths;
use schemars::JsonSchema;
use serde::Serialize;
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
                        text(rec.response.key()),
                        doc_ref(&rec.response_ref),
                        text(current.state.key()),
                        Cell::Date(current.date),
                        Cell::Count(rec.commitments.len()),
                        Cell::Count(rec.open_commitments_at(as_of)),
                        Cell::Count(rec.overdue_commitments(as_of)),
                        Cell::Count(done),
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
                                    r.previous_due,
                                    c.due_at(r.date),
                                    r.reason
                                )
                            })
                            .collect();
                        row(&[
                            text(&rec.id),
                            Cell::Count(i + 1),
                            text(&c.text),
                            text(&c.owner),
                            Cell::Date(c.due),
                            Cell::Date(c.original_due()),
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
];

fn doc_ref(r: &Option<DocRef>) -> Cell<'_> {
    r.as_ref().map_or(Cell::Empty, |r| match &r.anchor {
        Some(anchor) => text(format!("{}#{anchor}", r.document)),
        None => text(&r.document),
    })
}

/// The address of a page: absolute with `base_url`, else relative to the site root.
fn page_url(site: &Site, path: &str) -> String {
    match &site.config.base_url {
        Some(base) => format!("{base}{path}"),
        None => path.to_string(),
    }
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
/// and dates as dates, written row by row (rust_xlsxwriter's constant-memory mode) so a long
/// table costs little memory; a table longer than a worksheet holds goes on in a second sheet
/// (`name 2`, ...) with the same header. Its creation date is the site's `as_of`.
pub fn table_xlsx(site: &Site, table: DataTable, out: &mut dyn Stream) -> Result<(), String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet};
    let xe = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let excel_date = |d: Date| {
        ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8).map_err(xe)
    };
    let columns = table.columns();
    let mut workbook = Workbook::new();
    // Level 1 of 9, the fastest: at N = 10,000 the workbooks take 0.22 s less CPU than at
    // level 3 (about 6% of the build) and are 18.4 MB instead of 12.8 MB; the XML inside still
    // shrinks sevenfold. For a site of real size they are a few dozen KB either way.
    workbook.set_zip_compression_level(1);
    workbook.set_properties(
        &DocProperties::new().set_creation_datetime(&excel_date(site.config.as_of)?),
    );
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
                Cell::Text(text) => sheet.write_string(r, col, text.as_ref()).map(|_| ()),
                Cell::Figure(figure) => match format {
                    Some(format) => sheet.write_number_with_format(r, col, figure.value, format),
                    None => sheet.write_number(r, col, figure.value),
                }
                .map(|_| ()),
                Cell::Count(n) => sheet.write_number(r, col, *n as f64).map(|_| ()),
                Cell::Date(date) => {
                    let date = excel_date(*date)?;
                    match format {
                        Some(format) => sheet.write_datetime_with_format(r, col, date, format),
                        None => sheet.write_datetime(r, col, date),
                    }
                    .map(|_| ())
                }
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
            Cell::Date(_) => Some(ColumnFormat::Date),
            _ => None,
        }
    }
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

// site.json: the whole model. The types below are the format; the schema is derived from them.

/// A date, written `YYYY-MM-DD`.
struct IsoDate(Date);

impl From<Date> for IsoDate {
    fn from(date: Date) -> IsoDate {
        IsoDate(date)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

impl JsonSchema for IsoDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// A value of a closed set, written by its key (`in_progress`); the schema lists the keys.
#[derive(Serialize)]
#[serde(transparent)]
struct Key<T: Keyed>(#[serde(serialize_with = "key_of")] T);

fn key_of<S: serde::Serializer, T: Keyed>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.key())
}

impl<T: Keyed> JsonSchema for Key<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        let full = std::any::type_name::<T>();
        full.rsplit("::").next().unwrap_or(full).to_string().into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let keys: Vec<&str> = T::all().into_iter().map(Keyed::key).collect();
        schemars::json_schema!({ "type": "string", "enum": keys })
    }
}

/// Everything the site publishes, as data.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "opvolg site data", deny_unknown_fields)]
struct SiteData<'a> {
    /// The version of this format: `opvolg-site/2`.
    format: &'static str,
    title: &'a str,
    /// `nl` or `en`.
    language: &'a str,
    /// The reporting date: every state is as of this day.
    as_of: IsoDate,
    base_url: Option<&'a str>,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    /// The reporting moments, oldest first; the last is `as_of`.
    moments: Vec<MomentData<'a>>,
    documents: Vec<DocumentData<'a>>,
    topics: Vec<TopicData<'a>>,
    recommendations: Items<'a, RecommendationData<'a>>,
    indicators: Items<'a, IndicatorData<'a>>,
}

/// A list written item by item as the model is read, so that `site.json` of a large site is
/// never held whole; its schema is that of a `Vec<T>`.
struct Items<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T> Items<'a, T> {
    fn new<I: Iterator<Item = T> + 'a>(items: impl Fn() -> I + 'a) -> Items<'a, T> {
        Items(Box::new(move || Box::new(items())))
    }
}

impl<T: Serialize> Serialize for Items<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl<T: JsonSchema> JsonSchema for Items<'_, T> {
    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct MomentData<'a> {
    date: IsoDate,
    /// The ids of the progress documents of that day.
    documents: &'a [String],
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DocumentData<'a> {
    id: &'a str,
    title: &'a str,
    date: IsoDate,
    kind: Key<DocumentKind>,
    reference: Option<&'a str>,
    author: Option<&'a str>,
    /// Where the original is published.
    url: Option<&'a str>,
    /// The text, in Markdown.
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct TopicData<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RefData<'a> {
    document: &'a str,
    /// A heading's anchor in the document.
    anchor: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RecommendationData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// The id of the document that makes the recommendation.
    source: &'a str,
    addressed_to: &'a [String],
    topics: &'a [String],
    response: Key<Response>,
    response_ref: Option<RefData<'a>>,
    indicators: &'a [String],
    /// The state at `as_of`.
    state: Key<FollowUpState>,
    state_date: IsoDate,
    commitments: Vec<CommitmentData<'a>>,
    /// Oldest first.
    status: Vec<StatusData<'a>>,
    /// The recommendation's text, in Markdown.
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CommitmentData<'a> {
    number: usize,
    text: &'a str,
    owner: &'a str,
    /// The deadline in force at `as_of`.
    due: IsoDate,
    original_due: IsoDate,
    done: Option<IsoDate>,
    /// Not fulfilled, and the deadline in force has passed, at `as_of`.
    overdue: bool,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
    /// The moves of the deadline, oldest first.
    revisions: Vec<RevisionData<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RevisionData<'a> {
    /// When the deadline moved.
    date: IsoDate,
    previous_due: IsoDate,
    /// The deadline the move set.
    due: IsoDate,
    reason: &'a str,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct StatusData<'a> {
    date: IsoDate,
    state: Key<FollowUpState>,
    note: &'a str,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
}

/// An indicator as its data file has it (the model's record, so the two cannot differ), with
/// where it stands at `as_of`.
#[derive(Serialize, JsonSchema)]
struct IndicatorData<'a> {
    #[serde(flatten)]
    indicator: &'a Indicator,
    /// Where the indicator stands against its target at `as_of`.
    target_state: Option<Key<TargetState>>,
}

fn ref_data(r: &Option<DocRef>) -> Option<RefData<'_>> {
    r.as_ref().map(|r| RefData {
        document: &r.document,
        anchor: r.anchor.as_deref(),
    })
}

/// `site.json`: the whole model, written into `out` as it is read (never held whole).
pub fn site_json(site: &Site, moments: &[Moment], out: &mut dyn Stream) -> Result<(), String> {
    let as_of = site.config.as_of;
    let mut documents: Vec<&std::sync::Arc<Document>> = site.documents.values().collect();
    documents.sort_by(|a, b| a.date.cmp(&b.date).then(natural_order(&a.id, &b.id)));
    let data = SiteData {
        format: "opvolg-site/2",
        title: &site.config.title,
        language: site.config.language.code(),
        as_of: as_of.into(),
        base_url: site.config.base_url.as_deref(),
        description: site.config.description.as_deref(),
        publisher: site.config.publisher.as_deref(),
        moments: moments
            .iter()
            .map(|m| MomentData {
                date: m.date.into(),
                documents: &m.documents,
            })
            .collect(),
        documents: documents
            .into_iter()
            .map(|d| DocumentData {
                id: &d.id,
                title: &d.title,
                date: d.date.into(),
                kind: Key(d.kind),
                reference: d.reference.as_deref(),
                author: d.author.as_deref(),
                url: d.url.as_deref(),
                text: d.body.markdown(),
            })
            .collect(),
        topics: in_natural_order(&site.topics)
            .into_iter()
            .map(|t| TopicData {
                id: &t.id,
                title: &t.title,
                text: t.body.markdown(),
            })
            .collect(),
        recommendations: Items::new(move || {
            in_natural_order(&site.recommendations)
                .into_iter()
                .map(move |rec| RecommendationData {
                    id: &rec.id,
                    title: &rec.title,
                    url: page_url(site, &paths::recommendation(&rec.id)),
                    source: &rec.source,
                    addressed_to: &rec.addressed_to,
                    topics: &rec.topics,
                    response: Key(rec.response),
                    response_ref: ref_data(&rec.response_ref),
                    indicators: &rec.indicators,
                    state: Key(rec.current().state),
                    state_date: rec.current().date.into(),
                    commitments: rec
                        .commitments
                        .iter()
                        .enumerate()
                        .map(|(i, c)| CommitmentData {
                            number: i + 1,
                            text: &c.text,
                            owner: &c.owner,
                            due: c.due.into(),
                            original_due: c.original_due().into(),
                            done: c.done.map(IsoDate::from),
                            overdue: c.is_overdue(as_of),
                            reference: ref_data(&c.reference),
                            revisions: c
                                .revisions
                                .iter()
                                .map(|r| RevisionData {
                                    date: r.date.into(),
                                    previous_due: r.previous_due.into(),
                                    due: c.due_at(r.date).into(),
                                    reason: &r.reason,
                                    reference: ref_data(&r.reference),
                                })
                                .collect(),
                        })
                        .collect(),
                    status: rec
                        .status
                        .iter()
                        .map(|s| StatusData {
                            date: s.date.into(),
                            state: Key(s.state),
                            note: &s.note,
                            reference: ref_data(&s.reference),
                        })
                        .collect(),
                    text: rec.body.markdown(),
                })
        }),
        indicators: Items::new(move || {
            in_natural_order(&site.indicators)
                .into_iter()
                .map(move |indicator| IndicatorData {
                    indicator,
                    target_state: indicator.target_state(as_of).map(Key),
                })
        }),
    };
    // Compact: on a large site the file is hundreds of megabytes, and indentation would
    // double it.
    serde_json::to_writer(&mut *out, &data).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

/// `site.schema.json`: the JSON Schema (draft 2020-12) of `site.json`.
pub fn site_schema() -> Result<Vec<u8>, String> {
    let schema = schemars::schema_for!(SiteData);
    let mut bytes = serde_json::to_vec_pretty(&schema).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
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
    fn number_formats_keep_the_written_decimals() {
        assert_eq!(number_format(0), "0");
        assert_eq!(number_format(2), "0.00");
    }

    #[test]
    fn the_schema_names_every_key_of_a_closed_set() {
        let schema = String::from_utf8(site_schema().unwrap()).unwrap();
        for key in [
            "in_progress",
            "partially_accepted",
            "illustrative",
            "at_most",
        ] {
            assert!(schema.contains(&format!("\"{key}\"")), "{key}");
        }
    }
}
