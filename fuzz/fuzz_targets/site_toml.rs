//! Fuzz target: site.toml, validated and, when valid, a small site rendered with it (see
//! `opvolg::fuzz_checks::site_toml`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = opvolg::fuzz_checks::site_toml(text);
    }
});
