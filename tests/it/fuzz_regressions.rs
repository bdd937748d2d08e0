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

#[test]
fn figures_csv_finds_stay_fixed() {
    assert!(
        replay("figures_csv", |text| {
            let _ = opvolg::fuzz_checks::figures_csv(text);
        }) >= 1
    );
}

/// The targets without finds yet have no folder (git keeps no empty one): whatever is put in
/// theirs is replayed, and no find lies where nothing replays it.
#[test]
fn every_regression_folder_is_a_targets_and_replayed() {
    let targets = [
        "markdown_page",
        "indicator_chart",
        "site_render",
        "figures_csv",
        "site_toml",
        "translation_table",
        "front_matter_dates",
    ];
    let cargo = std::fs::read_to_string(repo().join("fuzz/Cargo.toml")).unwrap();
    for target in targets {
        assert!(cargo.contains(&format!("name = \"{target}\"")), "{target}");
    }
    for entry in std::fs::read_dir(repo().join("tests/fuzz_regressions")).unwrap() {
        let name = entry.unwrap().file_name();
        let name = name.to_string_lossy();
        assert!(targets.contains(&name.as_ref()), "{name} is no fuzz target");
    }
    for (target, check) in [
        (
            "site_toml",
            opvolg::fuzz_checks::site_toml as fn(&str) -> bool,
        ),
        ("translation_table", opvolg::fuzz_checks::translation_table),
        (
            "front_matter_dates",
            opvolg::fuzz_checks::front_matter_dates,
        ),
    ] {
        if repo().join("tests/fuzz_regressions").join(target).is_dir() {
            replay(target, |text| {
                let _ = check(text);
            });
        }
    }
}

/// The seeds fuzz/run.sh starts from are valid, so each target reaches what it checks of a
/// valid input (reading back, rendering) from the first run; and what is wrong is refused.
#[test]
fn valid_seeds_reach_rendering_and_broken_ones_do_not() {
    let read = |path: &str| std::fs::read_to_string(repo().join(path)).unwrap();
    use opvolg::fuzz_checks::*;
    // As the Windrush fixture's file is written (a byte-order mark, semicolons, quotes), with
    // figures up to the small site's as_of.
    assert!(figures_csv(
        "\u{feff}date;series;value;qualifier;note\n2021-05;Paid;24.4;more_than;\n\
         2021-08;Paid;30.56;;\"£30,564,647.94; \"\"almost\"\"\"\n2022-06;Paid;;;gap\n2022-06;Offered;3;;\n"
    ));
    assert!(figures_csv("period;value\r\n2023;\"1.50\"\r\n2024;\r\n"));
    assert!(!figures_csv("date,value\n2023,1\n2023,2\n"));
    assert!(site_toml(&read("site.toml")));
    assert!(site_toml(&read("tests/fixtures/minimal/site.toml")));
    assert!(!site_toml("title = \"t\"\nas_of = 2024-06-31\n"));
    for language in ["nl", "en"] {
        assert!(translation_table(&read(&format!(
            "themes/default/i18n/{language}.toml"
        ))));
    }
    assert!(translation_table(
        "[ui]\ndashboard = \"Overzicht & <meer>\"\n"
    ));
    assert!(!translation_table("[ui]\ndashbord = \"Overzicht\"\n"));
    assert!(front_matter_dates(""));
    assert!(front_matter_dates(
        "\n\n\"2024\"\n-\n\n-\n-\n\n\n2025-01-01\n"
    ));
    assert!(!front_matter_dates("\n\n\n\n\n\"2024-Q1\"\n"));
    assert!(!front_matter_dates("2023-02-29"));
}
