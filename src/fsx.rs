//! Filesystem helpers: the walk over a site's folders, and writing with the folder made on
//! demand. Every error names the path it concerns (fs-err's `io::Error`s do).
//!
//! Only `load`, `write`, `scaffold` and `project` use this module; nothing else in the crate
//! touches the disk.

use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

pub use fs_err::{create_dir_all, read, remove_dir_all, rename};

/// Writes `bytes` to `path`, creating its folder when it does not exist yet. The folder is
/// only created after a first attempt fails, so the common case (the folder is there) costs
/// no extra system call: that matters when a build writes tens of thousands of files.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    match std::fs::write(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            fs_err::write(path, bytes)
        }
        Err(_) => fs_err::write(path, bytes),
        Ok(()) => Ok(()),
    }
}

/// Creates (or empties) the file at `path` for writing, making its folders when needed.
pub fn create(path: &Path) -> io::Result<fs_err::File> {
    match fs_err::File::create(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            fs_err::File::create(path)
        }
        other => other,
    }
}

/// A file found in a site's folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    File(PathBuf),
    /// A symbolic link that leads out of the site folder (to this place): never read.
    LinkOut(PathBuf, PathBuf),
}

/// The files under `dir`, in sorted path order (so output never depends on the order the
/// operating system lists a folder in). Hidden entries (`.name`) are skipped. A symbolic link
/// is followed when it leads to a place inside `root` (the site folder), and found as
/// [`Found::LinkOut`] when it leads outside, so nothing outside the site is ever read.
/// A missing folder yields no files.
pub fn site_files(root: &Path, dir: &Path) -> io::Result<Vec<Found>> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let site = fs_err::canonicalize(root)?;
    let mut found = Vec::new();
    walk(&site, dir, &mut found)?;
    Ok(found)
}

fn walk(site: &Path, dir: &Path, found: &mut Vec<Found>) -> io::Result<()> {
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).display().to_string();
            io::Error::other(format!("could not list {path}: {e}"))
        })?;
        if entry.file_type().is_file() {
            found.push(Found::File(entry.into_path()));
        } else if entry.path_is_symlink() && entry.depth() > 0 {
            let path = entry.into_path();
            let Ok(target) = std::fs::canonicalize(&path) else {
                // A link to nothing: there is no file to read.
                continue;
            };
            if !target.starts_with(site) {
                found.push(Found::LinkOut(path, target));
            } else if target.is_file() {
                found.push(Found::File(path));
            } else if target.is_dir() && !path.starts_with(&target) {
                // A folder inside the site; one that contains the link itself would be a loop.
                let canonical_link_dir = path
                    .parent()
                    .and_then(|p| std::fs::canonicalize(p).ok())
                    .unwrap_or_default();
                if !canonical_link_dir.starts_with(&target) {
                    walk(site, &path, found)?;
                }
            }
        }
    }
    Ok(())
}

/// `path` relative to `root`, with `/` separators, for messages and output paths.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_inside_the_site_are_followed_and_links_out_are_named() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        std::fs::create_dir_all(site.join("content/shared")).unwrap();
        std::fs::write(site.join("content/shared/a.md"), "a").unwrap();
        std::fs::write(tmp.path().join("secret.txt"), "s").unwrap();
        let content = site.join("content");
        std::os::unix::fs::symlink(content.join("shared/a.md"), content.join("b.md")).unwrap();
        std::os::unix::fs::symlink(content.join("shared"), content.join("linked")).unwrap();
        std::os::unix::fs::symlink(tmp.path().join("secret.txt"), content.join("c.txt")).unwrap();
        std::os::unix::fs::symlink(&content, content.join("shared/loop")).unwrap();
        let found = site_files(&site, &content).unwrap();
        let names: Vec<String> = found
            .iter()
            .map(|f| match f {
                Found::File(p) => relative(&site, p),
                Found::LinkOut(p, _) => format!("out: {}", relative(&site, p)),
            })
            .collect();
        assert_eq!(
            names,
            [
                "content/b.md",
                "out: content/c.txt",
                "content/linked/a.md",
                "content/shared/a.md"
            ]
        );
    }
}
