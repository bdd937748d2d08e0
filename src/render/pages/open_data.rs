//! The open data's files and `open-data/index.html`, the page that says what every file,
//! column and code holds. The files themselves are made by `render::open_data`.

use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths;
use crate::render::i18n::OpenDataText as T;
use crate::render::open_data::{self, DataTable};
use crate::render::views::*;

/// One table of open-data/, as CSV and as an Excel workbook, each streamed as it is made.
pub(in crate::render) fn data_table(
    out: &impl Out,
    cx: &Ctx,
    table: DataTable,
    diags: &mut Diagnostics,
) {
    let name = table.name();
    let site = cx.site.whole();
    out.emit_stream(
        &paths::open_data(&format!("{name}.csv")),
        &mut |out| open_data::table_csv(site, table, out),
        diags,
    );
    out.emit_stream(
        &paths::open_data(&format!("{name}.xlsx")),
        &mut |out| open_data::table_xlsx(site, table, out),
        diags,
    );
}

/// open-data/site.json and its schema.
pub(in crate::render) fn site_data(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    out.emit_stream(
        &paths::open_data("site.json"),
        &mut |out| open_data::site_json(cx.site.whole(), cx.moments(), out),
        diags,
    );
    let schema = paths::open_data("site.schema.json");
    out.emit_made(&schema, open_data::site_schema(), diags);
}

/// open-data/index.html: what every file, column and code of the open data holds.
pub(in crate::render) fn open_data_page(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let site = cx.site.whole();
    let t = cx.t;
    let tables = DataTable::all()
        .into_iter()
        .map(|table| {
            let csv_name = format!("{}.csv", table.name());
            DataFileView {
                url: paths::open_data(&csv_name),
                name: csv_name,
                workbook: Some(paths::open_data(&format!("{}.xlsx", table.name()))),
                description: t.text(table.description()).to_string(),
                rows: Some(t.fill(T::Rows, &[("count", &table.row_count(site).to_string())])),
                columns: table
                    .columns()
                    .iter()
                    .map(|(name, meaning)| ColumnView {
                        name: name.to_string(),
                        meaning: t.text(*meaning).to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    let json = [
        ("site.json", T::FileSiteJson),
        ("site.schema.json", T::FileSiteSchema),
    ]
    .into_iter()
    .map(|(name, description)| DataFileView {
        name: name.to_string(),
        url: paths::open_data(name),
        workbook: None,
        description: t.text(description).to_string(),
        rows: None,
        columns: Vec::new(),
    })
    .collect();
    let page = OpenDataPage {
        intro: t.fill(T::Intro, &[("as_of", &t.date(site.config.as_of))]),
        tables,
        json,
        codes: vec![
            CodeList::of::<Response>("response", cx),
            CodeList::of::<FollowUpState>("state", cx),
            CodeList::of::<Provenance>("provenance", cx),
            CodeList::of::<Qualifier>("qualifier", cx),
            CodeList::of::<Direction>("target.direction (site.json)", cx),
            CodeList::of::<TargetState>("target_state (site.json)", cx),
            CodeList::of::<DocumentKind>("kind (site.json)", cx),
        ],
    };
    out.page(cx, paths::OPEN_DATA_PAGE, page, diags);
}
