//! Fuzz target: front matter + Markdown (see `opvolg::fuzz_checks::markdown_page`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        opvolg::fuzz_checks::markdown_page(text);
    }
});
