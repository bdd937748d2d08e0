//! Compiles the files that `opvolg` carries inside its binary: the default theme
//! (`themes/default/`) and the starter sites of `opvolg new` (`src/scaffold/<language>/`).
//!
//! Writes `$OUT_DIR/embedded.rs` with one `include_bytes!` per file, in sorted path order, so
//! the binary is the same whatever order the file system lists folders in. Cargo reruns this
//! script when anything under those folders changes, and `include_bytes!` makes it rebuild
//! when a file's contents change.
//!
//! Also says whether node is installed (`cfg(node)`): the test that runs the search script's
//! own code (`tests/it/search.rs`) runs in a plain `cargo test` where it is, and is ignored,
//! saying why, where it is not.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let mut code = String::new();
    for (name, folder) in [
        ("DEFAULT_THEME", "themes/default"),
        ("STARTER_NL", "src/scaffold/nl"),
        ("STARTER_EN", "src/scaffold/en"),
    ] {
        let dir = manifest.join(folder);
        println!("cargo:rerun-if-changed={folder}");
        let mut files = Vec::new();
        collect(&dir, &dir, &mut files);
        files.sort();
        writeln!(code, "pub static {name}: &[(&str, &[u8])] = &[").unwrap();
        for (rel, abs) in files {
            writeln!(code, "    ({rel:?}, include_bytes!({abs:?})),").unwrap();
        }
        writeln!(code, "];").unwrap();
    }
    std::fs::write(out.join("embedded.rs"), code).expect("write embedded.rs");
    println!("cargo::rustc-check-cfg=cfg(node)");
    let node = std::process::Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success());
    if node {
        println!("cargo::rustc-cfg=node");
    }
}

/// Every regular file under `dir` as (path relative to `base` with `/`, absolute path).
/// Hidden files (editor swap files, .DS_Store) are left out.
fn collect(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let entry = entry.expect("readable folder entry");
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .expect("under base")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
