//! Inputs the fuzzers found crashing, replayed through the same checks (opvolg::fuzz_checks).
//! Each file under tests/fuzz_regressions/<target>/ is one input; add new finds there.

use crate::support::repo;

fn replay(target: &str, mut check: impl FnMut(&str)) -> usize {
    let dir = repo().join("tests/fuzz_regressions").join(target);
    let mut count = 0;
    for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if !entry.file_type().is_file() {
            continue;
        }
        let bytes = std::fs::read(entry.path()).unwrap();
        if let Ok(text) = std::str::from_utf8(&bytes) {
            check(text);
        }
        count += 1;
    }
    count
}

#[test]
fn markdown_page_finds_stay_fixed() {
    assert!(replay("markdown_page", opvolg::fuzz_checks::markdown_page) >= 1);
}

#[test]
fn indicator_chart_finds_stay_fixed() {
    assert!(replay("indicator_chart", opvolg::fuzz_checks::indicator_json) >= 1);
}

#[test]
fn site_render_finds_stay_fixed() {
    let mut rendered = 0;
    let count = replay("site_render", |text| {
        rendered += usize::from(opvolg::fuzz_checks::rendered_site(text));
    });
    assert!(count >= 1);
    // Each find is a valid recommendation, so it went through the renderer.
    assert_eq!(rendered, count);
}
