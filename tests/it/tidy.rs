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
            if line.contains("HashMap") || line.contains("HashSet") {
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

/// The modules of src/ and what each imports: one node per file (`validate/mod.rs` is the
/// module `validate`), an edge for every `crate::`, `super::` or child-module path in its code
/// (in `use` lines, with their `{...}` groups, and in expressions), resolved to the deepest
/// module file it names. Self-references (a file's own unit tests) are left out.
fn import_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    use std::collections::{BTreeMap, BTreeSet};
    let files = sources();
    // Module path (e.g. "render::pages::parts") -> file.
    let module_of = |rel: &str| -> String {
        let rel = rel.trim_end_matches(".rs");
        let rel = rel.strip_suffix("/mod").unwrap_or(rel);
        if rel == "lib" {
            String::new()
        } else {
            rel.replace('/', "::")
        }
    };
    let modules: BTreeMap<String, String> = files
        .iter()
        .filter(|(rel, _)| rel != "main.rs")
        .map(|(rel, _)| (module_of(rel), rel.clone()))
        .collect();
    // The deepest module file that `path` (absolute, from the crate root) names.
    let resolve = |path: &[&str]| -> Option<&String> {
        (0..=path.len())
            .rev()
            .find_map(|n| modules.get(&path[..n].join("::")))
    };
    let mut graph = BTreeMap::new();
    for (rel, code) in &files {
        if rel == "main.rs" {
            continue;
        }
        let here = module_of(rel);
        let here: Vec<&str> = here.split("::").filter(|s| !s.is_empty()).collect();
        let mut uses = BTreeSet::new();
        for path in paths_in(code) {
            let segments: Vec<&str> = path.split("::").collect();
            let absolute: Vec<&str> = match segments[0] {
                "crate" => segments[1..].to_vec(),
                "super" | "self" => {
                    let mut at = here.clone();
                    let mut rest = &segments[..];
                    while let Some(first) = rest.first() {
                        match *first {
                            "super" => {
                                at.pop();
                            }
                            "self" => {}
                            _ => break,
                        }
                        rest = &rest[1..];
                    }
                    at.extend(rest);
                    at
                }
                // A child module of this one, used by its bare name.
                first => {
                    let mut child = here.clone();
                    child.push(first);
                    if !modules.contains_key(&child.join("::")) {
                        continue;
                    }
                    child.extend(&segments[1..]);
                    child
                }
            };
            if let Some(file) = resolve(&absolute)
                && file != rel
            {
                uses.insert(file.clone());
            }
        }
        graph.insert(rel.clone(), uses);
    }
    graph
}

/// Every path in `code` that may name a module: `crate::a::b`, `super::x`, `self::x`, and the
/// first segment of every `use` path, with `use a::{b, c::d}` groups expanded.
fn paths_in(code: &str) -> Vec<String> {
    let code: String = code_lines(code)
        .map(|(_, l)| l)
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    // `use` statements, grouped or not.
    let mut rest = code.as_str();
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        rest = &rest[at + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        let statement: String = rest[..end].split_whitespace().collect();
        expand_use("", &statement, &mut found);
        rest = &rest[end..];
    }
    // Paths in expressions and types.
    for start in ["crate::", "super::", "self::"] {
        for (at, _) in code.match_indices(start) {
            if code[..at]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let path: String = code[at..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            let path = path.trim_end_matches(':');
            // `super::{a, b}` is a `use` group, read above; alone it names no module.
            if path.contains("::") {
                found.push(path.to_string());
            }
        }
    }
    found
}

/// `prefix` + a `use` tree without spaces (`a::{b,c::{d,e}}`) into its full paths.
fn expand_use(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree
        .trim_start_matches("pub(crate)")
        .trim_start_matches("pub(super)");
    let tree = tree.strip_prefix("pub").unwrap_or(tree);
    let join = |a: &str, b: &str| {
        if a.is_empty() {
            b.to_string()
        } else {
            format!("{a}::{b}")
        }
    };
    match tree.find('{') {
        Some(open) if tree.ends_with('}') => {
            let head = tree[..open].trim_end_matches("::");
            let inner = &tree[open + 1..tree.len() - 1];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand_use(&join(prefix, head), &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand_use(&join(prefix, head), &inner[start..], out);
        }
        _ => {
            let path = tree.split(" as ").next().unwrap_or(tree).split("as").next();
            let path = path.unwrap_or(tree);
            if !path.is_empty() && path != "self" {
                out.push(join(prefix, path));
            } else if path == "self" && !prefix.is_empty() {
                out.push(prefix.to_string());
            }
        }
    }
}

#[test]
fn the_modules_import_each_other_without_circles() {
    let graph = import_graph();
    // Every edge's target is a module file (a typo in the resolution would show as none).
    assert!(
        graph["project.rs"].contains("validate/mod.rs"),
        "{:?}",
        graph["project.rs"]
    );
    assert!(graph["validate/mod.rs"].contains("validate/lookup.rs"));
    // Tarjan's strongly connected components: any with more than one file is a circle.
    let circles = circles(&graph);
    assert!(
        circles.is_empty(),
        "import circles (files that import each other, directly or through others): {circles:#?}"
    );
}

#[test]
fn the_model_reaches_only_dates_and_paths_history_and_review_only_the_model() {
    let graph = import_graph();
    let reach = |from: &str| {
        let mut seen = std::collections::BTreeSet::new();
        let mut todo = vec![from.to_string()];
        while let Some(file) = todo.pop() {
            for next in graph.get(&file).into_iter().flatten() {
                if seen.insert(next.clone()) {
                    todo.push(next.clone());
                }
            }
        }
        seen
    };
    for (module, may) in [
        ("model.rs", &["date.rs", "paths.rs"][..]),
        ("history.rs", &["date.rs", "paths.rs", "model.rs"][..]),
        (
            "review.rs",
            &["date.rs", "paths.rs", "model.rs", "history.rs"][..],
        ),
    ] {
        let reached = reach(module);
        let beyond: Vec<&String> = reached
            .iter()
            .filter(|f| !may.contains(&f.as_str()))
            .collect();
        assert!(beyond.is_empty(), "{module} reaches {beyond:?}");
    }
}

/// The strongly connected components of more than one file (Tarjan's algorithm).
fn circles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    use std::collections::BTreeMap;
    struct State<'g> {
        graph: &'g BTreeMap<String, std::collections::BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: std::collections::BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.graph.contains_key(w) {
                continue;
            }
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: Default::default(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(&mut state, v);
        }
    }
    state.found
}

#[test]
fn the_circle_check_finds_a_circle() {
    let graph = std::collections::BTreeMap::from([
        ("a.rs".to_string(), ["b.rs".to_string()].into()),
        ("b.rs".to_string(), ["c.rs".to_string()].into()),
        ("c.rs".to_string(), ["a.rs".to_string()].into()),
        ("d.rs".to_string(), ["a.rs".to_string()].into()),
    ]);
    assert_eq!(circles(&graph), vec![vec!["a.rs", "b.rs", "c.rs"]]);
    let mut uses = Vec::new();
    expand_use("", "super::{checks::{Draft,FileContext},lookup}", &mut uses);
    assert_eq!(
        uses,
        [
            "super::checks::Draft",
            "super::checks::FileContext",
            "super::lookup"
        ]
    );
}
