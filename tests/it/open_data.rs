//! open-data/: the CSV files read back exactly (by hand on the history fixture, against the
//! model on the example), each Excel workbook holds the same cells as its CSV (numbers as
//! numbers, dates as dates), and site.json validates against site.schema.json.

use crate::support::Site;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

/// A CSV file of the build: its header and rows. Fails unless it starts with a UTF-8
/// byte-order mark.
fn read_csv(site: &Site, name: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(site.output().join("open-data").join(name)).unwrap();
    let body = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .expect("a UTF-8 byte-order mark, so Excel reads the file as UTF-8");
    let mut reader = csv::Reader::from_reader(body);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn the_tables_read_back_as_written_out_by_hand() {
    let site = Site::fixture("history");
    site.build_ok();
    let (header, rows) = read_csv(&site, "recommendations.csv");
    assert_eq!(
        header,
        strings(&[
            "id",
            "title",
            "url",
            "source",
            "addressed_to",
            "topics",
            "response",
            "response_ref",
            "state",
            "state_date",
            "commitments",
            "commitments_open",
            "commitments_overdue",
            "commitments_done",
            "response_changes"
        ])
    );
    let base = "https://example.org/follow-up/recommendations";
    assert_eq!(
        rows,
        [
            strings(&[
                "R1",
                "First",
                &format!("{base}/R1.html"),
                "letter",
                "",
                "general",
                "accepted",
                "answer#answer",
                "implemented",
                "2024-06-20",
                "2",
                "0",
                "0",
                "2",
                ""
            ]),
            strings(&[
                "R2",
                "Second",
                &format!("{base}/R2.html"),
                "letter",
                "",
                "general",
                "partially_accepted",
                "answer#answer",
                "partially_implemented",
                "2024-08-01",
                "2",
                "2",
                "1",
                "0",
                ""
            ]),
            strings(&[
                "R3",
                "Third",
                &format!("{base}/R3.html"),
                "letter",
                "",
                "",
                "pending",
                "",
                "open",
                "2024-05-15",
                "0",
                "0",
                "0",
                "0",
                ""
            ]),
        ]
    );
    let (_, commitments) = read_csv(&site, "commitments.csv");
    assert_eq!(commitments.len(), 4);
    assert_eq!(
        commitments[3],
        strings(&[
            "R2",
            "2",
            "Passes, then moves twice",
            "Agency",
            "2024-12-31",
            "2024-04-30",
            "2",
            "2024-05-10: 2024-04-30 -> 2024-07-31 (Late start.); 2024-07-15: 2024-07-31 -> 2024-12-31 (Still late.)",
            "",
            "no",
            ""
        ])
    );
    assert_eq!(commitments[2][9], "yes", "R2's first commitment is overdue");
    let (_, status) = read_csv(&site, "status.csv");
    assert_eq!(
        status
            .iter()
            .map(|r| format!("{} {} {}", r[0], r[1], r[2]))
            .collect::<Vec<_>>(),
        [
            "R1 2024-02-01 open",
            "R1 2024-03-15 in_progress",
            "R1 2024-06-20 implemented",
            "R2 2024-02-01 in_progress",
            "R2 2024-08-01 partially_implemented",
            "R3 2024-05-15 open",
        ]
    );
    let (_, figures) = read_csv(&site, "indicators.csv");
    assert_eq!(
        figures[2],
        strings(&[
            "ind-a",
            "A",
            "2024-04",
            "2024-04-01",
            "52",
            "%",
            "official",
            "",
            ""
        ])
    );
}

#[test]
fn the_example_tables_hold_every_item_of_the_model() {
    let site = Site::example();
    site.build_ok();
    let model = opvolg::check(site.root()).expect("valid").site;
    let (_, recs) = read_csv(&site, "recommendations.csv");
    let ids: Vec<&str> = recs.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(ids, ["R1", "R2", "R3", "R4"]);
    for row in &recs {
        let rec = &model.recommendations[&row[0]];
        assert_eq!(row[1], rec.title);
        assert_eq!(row[8], opvolg::model::Keyed::key(rec.current().state));
        assert_eq!(row[10], rec.commitments.len().to_string());
    }
    let (_, status) = read_csv(&site, "status.csv");
    let entries: usize = model.recommendations.values().map(|r| r.status.len()).sum();
    assert_eq!(status.len(), entries);
    let notes: Vec<&String> = model
        .recommendations
        .values()
        .flat_map(|r| r.status.iter().map(|s| &s.note))
        .collect();
    for row in &status {
        assert!(
            notes.contains(&&row[3]),
            "a note read back differently: {}",
            row[3]
        );
    }
    let (_, figures) = read_csv(&site, "indicators.csv");
    let points: usize = model
        .indicators
        .values()
        .flat_map(|i| &i.series)
        .map(|s| s.points.len())
        .sum();
    assert_eq!(figures.len(), points);
}

/// A workbook cell as the CSV writes it.
fn as_csv(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::DateTime(d) => d
            .as_datetime()
            .map(|d| d.date().to_string())
            .unwrap_or_default(),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn every_workbook_holds_the_cells_of_its_csv_with_numbers_and_dates_typed() {
    let site = Site::example();
    site.build_ok();
    for name in ["recommendations", "commitments", "status", "indicators"] {
        let (header, rows) = read_csv(&site, &format!("{name}.csv"));
        let bytes = std::fs::read(site.output().join(format!("open-data/{name}.xlsx"))).unwrap();
        let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
        let range = workbook.worksheet_range(name).unwrap();
        let cells: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(cells.len(), rows.len() + 1, "{name}: one row per CSV row");
        let got_header: Vec<String> = cells[0].iter().map(as_csv).collect();
        assert_eq!(got_header, header, "{name}");
        for (row, csv_row) in cells[1..].iter().zip(&rows) {
            for (column, (cell, text)) in row.iter().zip(csv_row).enumerate() {
                let heading = &header[column];
                match cell {
                    // A number must equal the CSV's value (written with its decimals there).
                    Data::Float(f) => assert_eq!(
                        Some(*f),
                        text.parse::<f64>().ok(),
                        "{name} {heading}: {text}"
                    ),
                    Data::DateTime(_) => {
                        assert_eq!(&as_csv(cell), text, "{name} {heading}");
                        assert!(
                            heading.contains("date")
                                || heading.contains("due")
                                || heading == "done"
                                || heading.ends_with("_by")
                                || heading.ends_with("start"),
                            "{heading} is a date"
                        );
                    }
                    _ => assert_eq!(&as_csv(cell), text, "{name} {heading}"),
                }
                // Dates and counts are never text in the workbook.
                if text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-' {
                    assert!(
                        matches!(cell, Data::DateTime(_)),
                        "{name} {heading}: {cell:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn site_json_validates_against_its_schema_and_the_schema_rejects_what_it_should() {
    for site in [
        Site::example(),
        Site::fixture("history"),
        Site::fixture("minimal"),
    ] {
        site.build_ok();
        let read = |name: &str| -> serde_json::Value {
            serde_json::from_slice(
                &std::fs::read(site.output().join("open-data").join(name)).unwrap(),
            )
            .unwrap()
        };
        let schema = read("site.schema.json");
        let data = read("site.json");
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("a valid JSON Schema");
        let errors: Vec<String> = validator
            .iter_errors(&data)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");

        let mut bad_state = data.clone();
        bad_state["recommendations"][0]["state"] = "bogus".into();
        assert!(!validator.is_valid(&bad_state), "an unknown state");
        let mut bad_date = data.clone();
        bad_date["as_of"] = "30 June 2024".into();
        assert!(!validator.is_valid(&bad_date), "a date not as YYYY-MM-DD");
        let mut extra = data.clone();
        extra["unexpected"] = true.into();
        assert!(
            !validator.is_valid(&extra),
            "a field the format does not have"
        );
    }
}

#[test]
fn every_page_links_to_the_open_data_page() {
    let site = Site::fixture("history");
    site.build_ok();
    for page in [
        "index.html",
        "recommendations/R1.html",
        "open-data/index.html",
    ] {
        let html = site.page(page);
        assert!(
            html.contains("open-data/index.html\">Open data</a>"),
            "{page}"
        );
    }
    let page = site.page("open-data/index.html");
    for file in [
        "recommendations.csv",
        "recommendations.xlsx",
        "commitments.csv",
        "status.xlsx",
        "indicators.csv",
        "site.json",
        "site.schema.json",
    ] {
        assert!(
            page.contains(&format!("href=\"../open-data/{file}\"")),
            "{file}"
        );
    }
    // Every column of every table is explained.
    for column in ["deadline_history", "overdue", "period_start", "provenance"] {
        assert!(page.contains(&format!("<code>{column}</code>")), "{column}");
    }
}

/// One record describes an indicator file: each indicator's JSON download and its entry in
/// site.json (less `target_state`, which is computed) hold the same values as its data file,
/// and the fields the shape check allows are the fields of the record's schema.
#[test]
fn an_indicator_file_its_download_and_its_site_json_entry_are_one_record() {
    let site = Site::example();
    site.build_ok();
    let site_json: serde_json::Value =
        serde_json::from_str(&site.page("open-data/site.json")).unwrap();
    let entries = site_json["indicators"].as_array().unwrap();
    assert!(entries.len() >= 5);
    for entry in entries {
        let id = entry["id"].as_str().unwrap();
        let file: serde_json::Value =
            serde_json::from_str(&site.read(&format!("data/indicators/{id}.json"))).unwrap();
        let download: serde_json::Value =
            serde_json::from_str(&site.page(&format!("indicators/{id}.json"))).unwrap();
        assert_eq!(download, file, "{id}: the download is the data file");
        let mut entry = entry.clone();
        entry.as_object_mut().unwrap().remove("target_state");
        assert_eq!(entry, file, "{id}: site.json holds the data file");
    }
    // The schema of site.json describes each indicator with the record's fields.
    let schema: serde_json::Value =
        serde_json::from_str(&site.page("open-data/site.schema.json")).unwrap();
    let defs = &schema["$defs"];
    let properties: Vec<&String> = defs["IndicatorData"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    let record = opvolg::parse::shape::Shape::of::<opvolg::model::Indicator>();
    for field in record.fields() {
        assert!(properties.contains(&&field.name), "{}", field.name);
    }
}

/// The first cell in the column `column` of the workbook `name` that reads as `text` (as the
/// CSV writes it).
fn workbook_cell(site: &Site, name: &str, column: &str, text: &str) -> Data {
    let bytes = std::fs::read(site.output().join(format!("open-data/{name}.xlsx"))).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range(name).unwrap();
    let mut rows = range.rows();
    let header: Vec<String> = rows.next().unwrap().iter().map(as_csv).collect();
    let at = header.iter().position(|h| h == column).unwrap();
    rows.map(|row| row[at].clone())
        .find(|cell| match cell {
            Data::String(s) => s == text,
            other => as_csv(other) == text,
        })
        .unwrap_or_else(|| panic!("{name}.xlsx has no {column} {text}"))
}

/// Excel holds days from 1900 to 9999 only, and spreadsheets disagree about its days before
/// 1 March 1900 (Excel counts a 29 February 1900 that never was). A date that is content all
/// the same (a series going back to the 19th century, a year 1 of the calendar) is written as
/// its text there, as in the CSV; the workbook, and so the build, never fails on a date.
#[test]
fn dates_a_workbook_cannot_hold_are_written_as_their_text() {
    let site = Site::example();
    site.edit(
        "data/indicators/amv-ter-apel.json",
        "{ \"date\": \"2023-01\", \"value\": 452 }",
        "{ \"date\": \"0001\", \"value\": 1 },\n        { \"date\": \"1899-12\", \"value\": 2 },\n        { \"date\": \"1900-01-01\", \"value\": 3 },\n        { \"date\": \"1900-03-01\", \"value\": 4 },\n        { \"date\": \"2023-01\", \"value\": 452 }",
    );
    site.edit(
        "content/recommendations/R1.md",
        "due = 2023-07-01\n",
        "due = 1899-12-31\ndone = 1899-12-30\n",
    );
    site.build_ok();
    for (name, column, date) in [
        ("indicators", "period_start", "0001-01-01"),
        ("indicators", "period_start", "1899-12-01"),
        ("indicators", "period_start", "1900-01-01"),
        ("commitments", "due", "1899-12-31"),
        ("commitments", "original_due", "1899-12-31"),
        ("commitments", "done", "1899-12-30"),
    ] {
        assert_eq!(
            workbook_cell(&site, name, column, date),
            Data::String(date.to_string()),
            "{name} {column}"
        );
    }
    let typed = workbook_cell(&site, "indicators", "period_start", "1900-03-01");
    assert!(matches!(typed, Data::DateTime(_)), "{typed:?}");
    let (_, rows) = read_csv(&site, "indicators.csv");
    assert!(rows.iter().any(|r| r[2] == "0001" && r[3] == "0001-01-01"));
}

/// A workbook cell holds 32,767 characters: a longer text is cut there, and says so, while
/// the CSV has it whole; the workbook, and so the build, never fails on a long text.
#[test]
fn a_text_longer_than_a_workbook_cell_is_cut_there_and_whole_in_the_csv() {
    let site = Site::example();
    let long = "Lange notitie. ".repeat(3000);
    site.edit(
        "content/recommendations/R1.md",
        "note = \"Beleidsreactie aan de Tweede Kamer verstuurd.\"",
        &format!("note = \"{long}\""),
    );
    site.build_ok();
    let (header, rows) = read_csv(&site, "status.csv");
    let note = header.iter().position(|h| h == "note").unwrap();
    assert!(rows.iter().any(|r| r[note] == long));
    let bytes = std::fs::read(site.output().join("open-data/status.xlsx")).unwrap();
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let range = workbook.worksheet_range("status").unwrap();
    let cut = range
        .rows()
        .find_map(|row| match &row[note] {
            Data::String(s) if s.starts_with("Lange notitie.") => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(cut.encode_utf16().count(), 32_767);
    assert!(cut.ends_with("the CSV file has the whole text]"), "{cut}");
}
