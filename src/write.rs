//! Write: rendered files onto disk, all or nothing.
//!
//! Owns the output folder's safety rules. The site is written into a fresh staging folder
//! beside the output folder and swapped in only when complete, so a failed build leaves the
//! previous output exactly as it was and a successful one leaves no stale files. opvolg only
//! replaces a folder it created itself (it carries a marker file) and refuses folders that
//! hold the user's work.

use crate::fsx;
use crate::render::OutputFile;
use std::fmt;
use std::path::{Path, PathBuf};

/// The file that marks a folder as opvolg's output, safe to replace.
pub const MARKER: &str = ".opvolg-output";

/// Why an output folder was refused or could not be written.
#[derive(Debug)]
pub enum WriteError {
    Refused(String),
    Io(std::io::Error),
}

impl WriteError {
    /// As an I/O error, for a sink (a refused path is a bug of opvolg's, not the user's).
    pub fn into_io(self) -> std::io::Error {
        match self {
            WriteError::Refused(why) => std::io::Error::other(why),
            WriteError::Io(e) => e,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::Refused(why) => write!(f, "{why}"),
            WriteError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for WriteError {
    fn from(e: std::io::Error) -> Self {
        WriteError::Io(e)
    }
}

/// Refuses output folders that would put the user's files at risk: one that holds the site
/// (the file system root among them), one inside its content/, data/ or themes/, the user's
/// home folder, a file, and a folder with files in it that opvolg did not make. `home` is the
/// user's home folder, if known.
pub fn check_output_folder(
    root: &Path,
    output: &Path,
    home: Option<&Path>,
) -> Result<(), WriteError> {
    let refuse = |why: String| Err(WriteError::Refused(why));
    let absolute = |p: &Path| -> PathBuf {
        // An output folder need not exist yet: resolve its existing parent.
        match (p.canonicalize(), p.parent(), p.file_name()) {
            (Ok(c), _, _) => c,
            (Err(_), Some(parent), Some(name)) => {
                let parent = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                parent
                    .canonicalize()
                    .map_or_else(|_| p.to_path_buf(), |c| c.join(name))
            }
            _ => p.to_path_buf(),
        }
    };
    let out = absolute(output);
    let root = absolute(root);
    if root.starts_with(&out) {
        return refuse(format!(
            "refusing to write into {}: it contains the site's own sources",
            output.display()
        ));
    }
    for protected in ["content", "data", "themes"] {
        if out.starts_with(root.join(protected)) {
            return refuse(format!(
                "refusing to write into {}: it is inside the site's {protected}/ folder",
                output.display()
            ));
        }
    }
    if home
        .and_then(|home| home.canonicalize().ok())
        .is_some_and(|home| home == out)
    {
        return refuse(format!(
            "refusing to write into the home folder {}",
            output.display()
        ));
    }
    if out.is_file() {
        return refuse(format!("{} is a file, not a folder", output.display()));
    }
    if out.is_dir() && !out.join(MARKER).is_file() {
        let empty = std::fs::read_dir(&out)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty {
            return refuse(format!(
                "refusing to replace {}: it is not empty and was not made by opvolg (no {MARKER} file in it)",
                output.display()
            ));
        }
    }
    Ok(())
}

/// A fresh folder beside the output folder that a build writes into; it replaces the output
/// folder only on `commit`, so a failed build changes nothing.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    previous: PathBuf,
}

impl Staging {
    /// Creates the staging folder (removing leftovers of an interrupted build).
    pub fn begin(output: &Path) -> Result<Staging, WriteError> {
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let sibling = |suffix: &str| output.with_file_name(format!(".{name}.{suffix}"));
        let staging = Staging {
            dir: sibling("opvolg-new"),
            output: output.to_path_buf(),
            previous: sibling("opvolg-old"),
        };
        for leftover in [&staging.dir, &staging.previous] {
            if leftover.exists() {
                // Left by an interrupted build; ours by name, but only removed if marked ours.
                if !leftover.join(MARKER).is_file() {
                    return Err(WriteError::Refused(format!(
                        "{} exists and was not made by opvolg; move it away and build again",
                        leftover.display()
                    )));
                }
                fsx::remove_dir_all(leftover)?;
            }
        }
        fsx::create_dir_all(&staging.dir)?;
        fsx::write(
            &staging.dir.join(MARKER),
            b"This folder is generated by opvolg and replaced on every build.\n",
        )?;
        Ok(staging)
    }

    /// Writes one file; safe to call from several threads.
    pub fn write(&self, file: &OutputFile) -> Result<(), WriteError> {
        let path = safe_join(&self.dir, &file.path)?;
        fsx::write(&path, &file.bytes)?;
        Ok(())
    }

    /// Writes one file as `write` makes it, through a buffer; safe to call from several
    /// threads.
    pub fn write_stream(
        &self,
        relative: &str,
        write: &mut dyn FnMut(&mut dyn crate::render::Stream) -> Result<(), String>,
    ) -> Result<(), WriteError> {
        let path = safe_join(&self.dir, relative)?;
        let file = fsx::create(&path)?;
        let mut buffered = std::io::BufWriter::with_capacity(256 * 1024, file);
        write(&mut buffered).map_err(|e| WriteError::Io(std::io::Error::other(e)))?;
        std::io::Write::flush(&mut buffered)?;
        Ok(())
    }

    /// Swaps the staging folder in place of the output folder.
    pub fn commit(self) -> Result<(), WriteError> {
        if self.output.exists() {
            fsx::rename(&self.output, &self.previous)?;
            if let Err(e) = fsx::rename(&self.dir, &self.output) {
                // Put the previous site back so nothing is lost.
                let _ = fsx::rename(&self.previous, &self.output);
                return Err(e.into());
            }
            fsx::remove_dir_all(&self.previous)?;
        } else {
            fsx::rename(&self.dir, &self.output)?;
        }
        Ok(())
    }

    /// Removes the staging folder; the output folder stays as it was.
    pub fn abort(self) {
        // Best effort: a leftover is removed by the next build anyway.
        let _ = fsx::remove_dir_all(&self.dir);
    }
}

impl crate::render::FileSink for Staging {
    fn file(&self, file: OutputFile) -> std::io::Result<()> {
        self.write(&file).map_err(WriteError::into_io)
    }

    fn stream(
        &self,
        path: &str,
        write: &mut dyn FnMut(&mut dyn crate::render::Stream) -> Result<(), String>,
    ) -> std::io::Result<()> {
        self.write_stream(path, write).map_err(WriteError::into_io)
    }
}

/// Joins a rendered relative path onto `base`, refusing anything that could leave it.
fn safe_join(base: &Path, relative: &str) -> Result<PathBuf, WriteError> {
    let ok = !relative.is_empty()
        && !relative.starts_with('/')
        && relative
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != ".." && !part.contains('\\'));
    if !ok {
        return Err(WriteError::Refused(format!(
            "refusing to write the unsafe output path {relative:?}"
        )));
    }
    Ok(base.join(relative))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each rule on its own: every other rule would let these folders through, so taking
    /// away the rule that refuses one makes its test fail.
    #[test]
    fn each_rule_refuses_its_own_kind_of_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let base = tmp.path();
        let site = base.join("parent/site");
        std::fs::create_dir_all(site.join("content")).unwrap();
        // A parent that opvolg "made" (marked), so only the "holds the site" rule applies.
        std::fs::write(base.join("parent").join(MARKER), "").unwrap();
        let refused =
            |output: &Path, home: Option<&Path>| match check_output_folder(&site, output, home) {
                Err(WriteError::Refused(why)) => why,
                other => panic!("{} was not refused: {other:?}", output.display()),
            };
        assert!(refused(&base.join("parent"), None).contains("contains the site's own sources"));
        assert!(refused(Path::new("/"), None).contains("contains the site's own sources"));
        for folder in ["content", "data", "themes"] {
            let inside = site.join(folder).join("out");
            assert!(
                refused(&inside, None).contains(&format!("inside the site's {folder}/ folder"))
            );
        }
        let home = base.join("home");
        std::fs::create_dir(&home).unwrap();
        assert!(refused(&home, Some(&home)).contains("home folder"));
        std::fs::write(base.join("a-file"), "x").unwrap();
        assert!(refused(&base.join("a-file"), None).contains("is a file"));
        let theirs = base.join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
        assert!(refused(&theirs, None).contains("not made by opvolg"));
        // And what is fine: a new folder, an empty one, one opvolg made, the home folder of
        // someone else.
        let ok = |output: &Path| check_output_folder(&site, output, Some(&home)).is_ok();
        assert!(ok(&site.join("output")));
        assert!(ok(&base.join("empty-to-be")));
        assert!(ok(&base.join("parent").join("elsewhere")));
        std::fs::create_dir(base.join("empty")).unwrap();
        assert!(ok(&base.join("empty")));
        let marked = base.join("marked");
        std::fs::create_dir(&marked).unwrap();
        std::fs::write(marked.join(MARKER), "").unwrap();
        std::fs::write(marked.join("index.html"), "old").unwrap();
        assert!(ok(&marked));
    }

    #[test]
    fn unsafe_paths_are_refused() {
        let base = Path::new("/tmp/x");
        assert!(safe_join(base, "a/b.html").is_ok());
        for bad in ["../a", "/etc/passwd", "a/../../b", "a\\..\\b", "", "a//b"] {
            assert!(safe_join(base, bad).is_err(), "{bad}");
        }
    }
}
