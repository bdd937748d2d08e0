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
//!
//! `tables` makes the four tables (rows from the model, then CSV and workbook); `site_json`
//! the whole model and its schema.

mod site_json;
mod tables;

pub use site_json::{site_json, site_schema};
pub use tables::*;
