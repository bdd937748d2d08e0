//! Integration tests: build the example site and small fixture sites into temporary folders,
//! then assert on the site model, the HTML, the links and the exit codes.
//! One test binary (see Cargo.toml `[[test]]`), one module per concern.

mod support;

mod accessibility;
mod browser;
mod cases;
mod cli;
mod contract;
mod dossier;
mod errors;
mod example_site;
mod feeds;
mod fixtures;
mod fuzz_regressions;
mod history;
pub mod incremental;
mod links;
mod lists;
mod open_data;
mod real_follow_up;
mod regression;
mod review;
mod search;
mod serve;
mod themes;
mod tidy;
mod trust;
