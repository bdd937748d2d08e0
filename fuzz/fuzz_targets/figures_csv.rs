//! Fuzz target: an indicator's figures CSV, validated, joined with its indicator and drawn
//! (see `opvolg::fuzz_checks::figures_csv`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = opvolg::fuzz_checks::figures_csv(text);
    }
});
