//! Fuzz target: a recommendation's file (and the same text as a document), validated and
//! rendered through the built-in theme (see `opvolg::fuzz_checks::rendered_site`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = opvolg::fuzz_checks::rendered_site(text);
    }
});
