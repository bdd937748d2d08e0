//! The theme contract (`src/render/views/`): its reference in docs/ is what `opvolg theme
//! context` prints, every field of it says what it holds, and what each template gets is
//! pinned by a snapshot of one page's context (`tests/snapshots/context/<template>.json`).
//! A change to what templates see fails here until the snapshots are written again on
//! purpose: `UPDATE_SNAPSHOTS=1 cargo test contract`.

use crate::support::{Site, large_site, repo};
use std::collections::BTreeMap;

/// Compares `actual` with the checked-in file `rel`, or writes it with `UPDATE_SNAPSHOTS=1`.
fn snapshot(rel: &str, actual: &str) {
    let path = repo().join(rel);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{rel}: {e}; write it with UPDATE_SNAPSHOTS=1"));
    assert!(
        expected == actual,
        "{rel} differs from what the code makes now; if the change is meant, run UPDATE_SNAPSHOTS=1 cargo test contract and commit the file\n--- first difference at line {}",
        expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .map_or(
                expected.lines().count().min(actual.lines().count()) + 1,
                |i| i + 1
            )
    );
}

#[test]
fn the_reference_in_docs_is_what_opvolg_theme_context_prints() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_opvolg"))
        .args(["theme", "context"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed, opvolg::render::reference::markdown());
    snapshot("docs/theme-context.md", &printed);
}

#[test]
fn every_field_of_the_contract_says_what_it_holds() {
    let structs = opvolg::render::reference::structs();
    assert!(structs.len() > 40, "{} structs", structs.len());
    // And the files of the search index, which the theme's script reads.
    let index = opvolg::render::reference::index_structs();
    assert_eq!(index.len(), 3, "WordsFile, Postings, EntryRow");
    let mut missing = Vec::new();
    for described in structs.iter().chain(&index) {
        if described.description.is_empty() {
            missing.push(described.name.clone());
        }
        for (field, _, meaning) in &described.fields {
            if meaning.trim().is_empty() {
                missing.push(format!("{}.{field}", described.name));
            }
        }
    }
    assert!(missing.is_empty(), "without a doc comment: {missing:#?}");
}

/// The template and context of every page of a built site, `t` left out (the translation
/// table is pinned by the language files themselves).
fn contexts(root: &std::path::Path, review: bool) -> BTreeMap<String, (String, serde_json::Value)> {
    let mut project =
        opvolg::project::Project::open_with(root, opvolg::render::RenderOptions { review })
            .unwrap_or_else(|e| panic!("{e}"));
    let jobs = project.all_jobs();
    let snapshot = project.snapshot().expect("a valid site").clone();
    let _ = &mut project;
    opvolg::render::contexts(&snapshot.site, &snapshot.theme, snapshot.options, &jobs)
        .into_iter()
        .map(|(path, (template, mut context))| {
            if let Some(map) = context.as_object_mut() {
                map.remove("t");
            }
            (path, (template.to_string(), context))
        })
        .collect()
}

#[test]
fn what_each_template_gets_is_pinned_by_a_snapshot() {
    // The history fixture as a review copy has every kind of page but the list of changes,
    // which a site needs more changes than a page of the dashboard holds for.
    let history = Site::fixture("history");
    let mut all = contexts(history.root(), true);
    let large = large_site(45, 10);
    for (path, context) in contexts(large.path(), false) {
        if context.0 == "changes_list.html" {
            all.insert(path, context);
        }
    }
    let mut first: BTreeMap<String, (String, serde_json::Value)> = BTreeMap::new();
    for (path, (template, context)) in all {
        first.entry(template).or_insert((path, context));
    }
    let templates: Vec<&str> = opvolg::render::views::PAGE_TEMPLATES
        .iter()
        .map(|(t, _)| *t)
        .filter(|t| *t != "not_found.html")
        .collect();
    for template in &templates {
        let (path, context) = first
            .get(*template)
            .unwrap_or_else(|| panic!("no page of the fixtures uses {template}"));
        let text = format!(
            "{}\n",
            serde_json::to_string_pretty(&serde_json::json!({ "path": path, "context": context }))
                .unwrap()
        );
        let name = template.trim_end_matches(".html");
        snapshot(&format!("tests/snapshots/context/{name}.json"), &text);
    }
}
