//! Scaffolding: writes the files that ship inside the binary into a new folder. `opvolg new`
//! writes a starter site; `opvolg theme export` writes the built-in theme for customising.
//!
//! Owns one rule: it only ever writes into a folder that is missing or empty, so it can never
//! overwrite a user's work. It does not build or check what it writes (the tests do).

use crate::embedded;
use crate::fsx;
use crate::model::Language;
use std::fmt;
use std::path::{Path, PathBuf};

/// Why scaffolding did not happen.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The folder holds files already.
    NotEmpty(PathBuf),
    Io(std::io::Error),
}

impl fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScaffoldError::NotEmpty(dir) => write!(
                f,
                "{} is not empty; choose a new folder, so that nothing in it is overwritten",
                dir.display()
            ),
            ScaffoldError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for ScaffoldError {
    fn from(e: std::io::Error) -> Self {
        ScaffoldError::Io(e)
    }
}

/// Writes the starter site in `language` into `dir` (missing or empty). Returns the paths
/// written, relative to `dir`.
pub fn new_site(dir: &Path, language: Language) -> Result<Vec<String>, ScaffoldError> {
    let files = match language {
        Language::Nl => embedded::STARTER_NL,
        Language::En => embedded::STARTER_EN,
    };
    write_fresh(dir, files)
}

/// Writes the built-in theme into `dir` (missing or empty): `templates/`, `i18n/`, `static/`.
pub fn export_theme(dir: &Path) -> Result<Vec<String>, ScaffoldError> {
    write_fresh(dir, embedded::DEFAULT_THEME)
}

fn write_fresh(dir: &Path, files: &[(&str, &[u8])]) -> Result<Vec<String>, ScaffoldError> {
    let occupied = std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some());
    if occupied || dir.is_file() {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    for (rel, bytes) in files {
        fsx::write(&dir.join(rel), bytes)?;
    }
    Ok(files.iter().map(|(rel, _)| rel.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_into_a_missing_or_empty_folder_and_never_into_a_full_one() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("new");
        let written = new_site(&site, Language::En).unwrap();
        assert!(written.contains(&"site.toml".to_string()));
        assert!(site.join("content/index.md").is_file());
        let before = std::fs::read(site.join("site.toml")).unwrap();
        assert!(matches!(
            new_site(&site, Language::Nl),
            Err(ScaffoldError::NotEmpty(_))
        ));
        assert_eq!(std::fs::read(site.join("site.toml")).unwrap(), before);
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        assert!(export_theme(&empty).is_ok());
        assert!(empty.join("templates/base.html").is_file());
    }

    #[test]
    fn both_starters_have_the_same_files_in_kind() {
        let shape = |files: &[(&str, &[u8])]| -> Vec<String> {
            files
                .iter()
                .map(|(p, _)| p.rsplit_once('/').map_or("", |(dir, _)| dir).to_string())
                .collect()
        };
        assert_eq!(shape(embedded::STARTER_NL), shape(embedded::STARTER_EN));
    }
}
