//! Filesystem helpers whose every error names the path it concerns.
//!
//! Only `load` and `write` use this module; nothing else in the crate touches the disk.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// An IO failure together with the path it happened on.
#[derive(Debug)]
pub struct IoError {
    pub path: PathBuf,
    pub action: &'static str,
    pub source: io::Error,
}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "could not {} {}: {}",
            self.action,
            self.path.display(),
            self.source
        )
    }
}

impl std::error::Error for IoError {}

fn wrap<'a>(path: &'a Path, action: &'static str) -> impl FnOnce(io::Error) -> IoError + 'a {
    move |source| IoError {
        path: path.to_path_buf(),
        action,
        source,
    }
}

pub fn read(path: &Path) -> Result<Vec<u8>, IoError> {
    std::fs::read(path).map_err(wrap(path, "read"))
}

/// Writes `bytes` to `path`, creating its folder when it does not exist yet. The folder is
/// only created after a first attempt fails, so the common case (the folder is there) costs
/// no extra system call: that matters when a build writes tens of thousands of files.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), IoError> {
    match std::fs::write(path, bytes) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(parent) = path.parent() {
                create_dir_all(parent)?;
            }
            std::fs::write(path, bytes).map_err(wrap(path, "write"))
        }
        other => other.map_err(wrap(path, "write")),
    }
}

pub fn create_dir_all(path: &Path) -> Result<(), IoError> {
    std::fs::create_dir_all(path).map_err(wrap(path, "create folder"))
}

pub fn remove_dir_all(path: &Path) -> Result<(), IoError> {
    std::fs::remove_dir_all(path).map_err(wrap(path, "remove folder"))
}

pub fn rename(from: &Path, to: &Path) -> Result<(), IoError> {
    std::fs::rename(from, to).map_err(wrap(from, "move"))
}

/// The regular files under `dir`, in sorted path order (so output never depends on the
/// order the operating system lists a folder in). Hidden entries (`.name`) are skipped.
/// A missing folder yields no files.
pub fn files_sorted(dir: &Path) -> Result<Vec<PathBuf>, IoError> {
    if !dir.exists() {
        return Ok(Vec::new());
    }
    let mut files = Vec::new();
    let walker = WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_path_buf();
            IoError {
                path,
                action: "list",
                source: e.into(),
            }
        })?;
        if entry.file_type().is_file() {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// `path` relative to `root`, with `/` separators, for messages and output paths.
pub fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
