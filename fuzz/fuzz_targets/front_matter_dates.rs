//! Fuzz target: every date field of a recommendation, a document and site.toml, one line of
//! the input each (see `opvolg::fuzz_checks::front_matter_dates`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = opvolg::fuzz_checks::front_matter_dates(text);
    }
});
