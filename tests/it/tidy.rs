//! The invariants ARCHITECTURE.md claims, checked on the source where a test can: every
//! module says what it owns; only the modules that may touch the disk do; the model depends
//! on nothing but dates and paths; history and review only on the model; the theme contract
//! is types only; nothing prints but main.rs; nothing reads the clock; no hash map reaches
//! output. Code after `#[cfg(test)]` (unit tests) is not looked at.

use crate::support::repo;
use std::path::Path;

/// Every `.rs` file under src/, relative to src/, with its code before `#[cfg(test)]`.
fn sources() -> Vec<(String, String)> {
    let src = repo().join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let code = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        files.push((rel, code));
    }
    assert!(files.len() > 40, "{} files", files.len());
    files
}

/// The lines of `code` that are code, not comments.
fn code_lines(code: &str) -> impl Iterator<Item = (usize, &str)> {
    code.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.starts_with("//"))
}

fn under(rel: &str, allowed: &[&str]) -> bool {
    allowed
        .iter()
        .any(|a| rel == *a || (a.ends_with('/') && rel.starts_with(a)))
}

#[test]
fn every_module_starts_with_what_it_owns() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, code)| !code.trim_start().starts_with("//!"))
        .map(|(rel, _)| rel)
        .collect();
    assert!(missing.is_empty(), "modules without a //! doc: {missing:?}");
}

#[test]
fn only_the_modules_that_may_touch_the_disk_do() {
    // load reads the site, write writes the output, scaffold writes new sites and themes
    // (through fsx), serve watches; synthetic writes generated sites for benchmarks.
    let allowed = [
        "fsx.rs",
        "load.rs",
        "write.rs",
        "scaffold.rs",
        "serve/",
        "main.rs",
        "synthetic.rs",
    ];
    let touches = [
        "std::fs",
        "fs_err",
        "fsx::",
        "read_dir",
        ".is_dir()",
        ".is_file()",
        ".exists()",
    ];
    let mut found = Vec::new();
    for (rel, code) in sources() {
        if under(&rel, &allowed) {
            continue;
        }
        for (n, line) in code_lines(&code) {
            if let Some(what) = touches.iter().find(|t| line.contains(*t)) {
                found.push(format!("src/{rel}:{n}: {what}"));
            }
            // `File::` itself, not a name ending in it (`IndicatorFile::`).
            let file = line
                .match_indices("File::")
                .any(|(at, _)| !line[..at].ends_with(|c: char| c.is_alphanumeric() || c == '_'));
            if file {
                found.push(format!("src/{rel}:{n}: File::"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "disk access outside load/write/scaffold/serve: {found:#?}"
    );
}

#[test]
fn the_model_depends_on_dates_and_paths_history_and_review_on_the_model() {
    let allowed: [(&str, &[&str]); 4] = [
        ("model.rs", &["crate::date", "crate::paths"]),
        ("date.rs", &[]),
        ("history.rs", &["crate::date", "crate::model"]),
        (
            "review.rs",
            &["crate::date", "crate::history", "crate::model"],
        ),
    ];
    let mut found = Vec::new();
    for (rel, code) in sources() {
        let Some((_, may)) = allowed.iter().find(|(f, _)| *f == rel) else {
            continue;
        };
        for (n, line) in code_lines(&code) {
            for at in line.match_indices("crate::").map(|(i, _)| i) {
                let used = &line[at..];
                let module: String = used
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let module = module.trim_end_matches(':');
                let root = module.split("::").take(2).collect::<Vec<_>>().join("::");
                if !may.contains(&root.as_str()) {
                    found.push(format!("src/{rel}:{n}: {root}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_theme_contract_is_types_only() {
    let mut found = Vec::new();
    for (rel, code) in sources() {
        if !rel.starts_with("render/views/") {
            continue;
        }
        for (n, line) in code_lines(&code) {
            let builds =
                line.starts_with("impl ") || line.contains(" fn ") || line.starts_with("fn ");
            // The binding table's generated functions are the contract's own.
            if builds
                && !line.contains("fn page_schemas")
                && !line.contains("fn required_templates")
            {
                found.push(format!("src/{rel}:{n}: {line}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "builders belong in render/pages: {found:#?}"
    );
}

#[test]
fn only_main_prints_and_nothing_reads_the_clock() {
    let mut found = Vec::new();
    for (rel, code) in sources() {
        for (n, line) in code_lines(&code) {
            let prints = ["println!", "eprintln!", "print!(", "eprint!(", "dbg!("]
                .iter()
                .any(|p| line.contains(p));
            if prints && rel != "main.rs" {
                found.push(format!("src/{rel}:{n}: prints"));
            }
            let clock = ["SystemTime::now", "Utc::now", "Local::now", "Instant::now"]
                .iter()
                .any(|c| line.contains(c));
            // serve times its own updates for the terminal; main times the build it reports.
            if clock && !under(&rel, &["serve/", "main.rs"]) {
                found.push(format!("src/{rel}:{n}: reads the clock"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn no_hash_map_reaches_output() {
    let mut found = Vec::new();
    for (rel, code) in sources() {
        for (n, line) in code_lines(&code) {
            // tera's filter functions take their arguments as a HashMap (its API): read, never
            // iterated into output.
            if (line.contains("HashMap") || line.contains("HashSet"))
                && !(rel == "render/theme.rs" && line.contains("HashMap<String, tera::Value>"))
            {
                found.push(format!("src/{rel}:{n}: {line}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_source_tree_has_no_file_the_checks_above_skip() {
    // Every file the checks read is Rust under src/; a file of another kind there would be
    // unchecked.
    let src = repo().join("src");
    let others: Vec<String> = walkdir::WalkDir::new(&src)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().to_path_buf())
        .filter(|p| {
            let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
            // Bundled fonts, their licence and the script that made the subsets, and the
            // starter sites' content.
            !matches!(
                ext,
                "rs" | "ttf" | "woff2" | "txt" | "md" | "toml" | "json" | "py" | "sh"
            ) && !p.starts_with(src.join("scaffold"))
        })
        .map(|p| {
            p.strip_prefix(Path::new(&src))
                .unwrap()
                .display()
                .to_string()
        })
        .collect();
    assert!(others.is_empty(), "{others:?}");
}
