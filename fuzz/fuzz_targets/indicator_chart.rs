//! Fuzz target: indicator JSON through parsing, validation, the target computation and chart
//! drawing, plus the diagnostics report.
#![no_main]

use codespan_reporting::term::termcolor::NoColor;
use libfuzzer_sys::fuzz_target;
use opvolg::date::Date;
use opvolg::diag::Diagnostics;
use opvolg::load::SourceFile;
use opvolg::render::{charts, i18n::Translations};
use opvolg::validate;
use std::sync::OnceLock;

fn translations() -> &'static Translations {
    static T: OnceLock<Translations> = OnceLock::new();
    T.get_or_init(|| {
        let file = SourceFile {
            path: "nl.toml".into(),
            text: include_str!("../../themes/default/i18n/nl.toml").into(),
        };
        Translations::parse(&file, &mut Diagnostics::default()).expect("bundled texts")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile { path: "data/indicators/x.json".into(), text: text.into() };
    let mut diags = Diagnostics::default();
    if let Some(indicator) = validate::indicator(&file, &mut diags) {
        let as_of = Date::parse("2024-06-30").expect("valid");
        let _ = indicator.target_state(as_of);
        let chart = charts::indicator_chart(&indicator, "c", as_of, translations(), "d");
        assert!(chart.svg.starts_with("<svg"));
    }
    let mut out = NoColor::new(Vec::new());
    diags.into_report().emit(&mut out).expect("report renders");
});
