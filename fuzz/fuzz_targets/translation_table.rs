//! Fuzz target: a site's translation table, laid over the built-in one and, when the theme
//! compiles, rendering a small site (see `opvolg::fuzz_checks::translation_table`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = opvolg::fuzz_checks::translation_table(text);
    }
});
