//! Load: reads the site's files from disk into memory, and nothing more.
//!
//! Owns where things live (site.toml, content/, data/, themes/) and turns bytes into text
//! (UTF-8 required, a byte-order mark is dropped). It does not parse: parsing works on the
//! strings this module returns, so tests can feed strings without files. Files in the sorted
//! order of their paths.

use crate::diag::Diagnostics;
use crate::fsx::{self, IoError};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

/// One text file, with its path relative to the site root (used in every message).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// The file name without extension: the id of documents, topics and indicators.
    pub fn stem(&self) -> &str {
        stem_of(&self.path)
    }
}

/// The file name of a `/`-separated path without its extension.
pub fn stem_of(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem)
}

/// Everything a site is made of, as text.
#[derive(Debug, Default)]
pub struct Sources {
    pub config: Option<SourceFile>,
    pub home: Option<SourceFile>,
    pub documents: Vec<SourceFile>,
    pub topics: Vec<SourceFile>,
    pub recommendations: Vec<SourceFile>,
    pub indicators: Vec<SourceFile>,
    /// Paths of site files that could not be read (already reported), so references to them
    /// are not reported a second time.
    pub unreadable: Vec<String>,
}

/// Reads site.toml, content/ and data/ under `root`. Unreadable or non-UTF-8 files and stray
/// files become diagnostics; only a failure to list a folder is fatal.
pub fn load_sources(root: &Path, diags: &mut Diagnostics) -> Result<Sources, IoError> {
    #[derive(Clone, Copy)]
    enum Kind {
        Home,
        Document,
        Topic,
        Recommendation,
        Indicator,
    }
    let mut sources = Sources::default();
    let config_path = root.join("site.toml");
    if config_path.is_file() {
        sources.config = read_text(root, &config_path, diags);
    } else {
        diags.error_in_file("site.toml", "site.toml is missing: every site needs one");
    }

    // Decide what each file is (cheap, in path order), then read them in parallel.
    let mut wanted: Vec<(Kind, PathBuf)> = Vec::new();
    let content = root.join("content");
    for path in fsx::files_sorted(&content)? {
        let rel = fsx::relative(&content, &path);
        let kind = match rel.split('/').collect::<Vec<_>>().as_slice() {
            ["index.md"] => Kind::Home,
            ["documents", name] if name.ends_with(".md") => Kind::Document,
            ["topics", name] if name.ends_with(".md") => Kind::Topic,
            ["recommendations", name] if name.ends_with(".md") => Kind::Recommendation,
            _ => {
                stray(root, &path, diags);
                continue;
            }
        };
        wanted.push((kind, path));
    }
    let data = root.join("data");
    for path in fsx::files_sorted(&data)? {
        let rel = fsx::relative(&data, &path);
        match rel.split('/').collect::<Vec<_>>().as_slice() {
            ["indicators", name] if name.ends_with(".json") => wanted.push((Kind::Indicator, path)),
            _ => stray(root, &path, diags),
        }
    }
    let read: Vec<(Kind, PathBuf, Option<SourceFile>, Diagnostics)> = wanted
        .into_par_iter()
        .map(|(kind, path)| {
            let mut file_diags = Diagnostics::default();
            let file = read_text_inner(root, &path, &mut file_diags);
            (kind, path, file, file_diags)
        })
        .collect();
    for (kind, path, file, file_diags) in read {
        diags.extend(file_diags);
        let Some(file) = file else {
            sources.unreadable.push(fsx::relative(root, &path));
            continue;
        };
        match kind {
            Kind::Home => sources.home = Some(file),
            Kind::Document => sources.documents.push(file),
            Kind::Topic => sources.topics.push(file),
            Kind::Recommendation => sources.recommendations.push(file),
            Kind::Indicator => sources.indicators.push(file),
        }
    }
    Ok(sources)
}

fn stray(root: &Path, path: &Path, diags: &mut Diagnostics) {
    diags.warning_in_file(
        &fsx::relative(root, path),
        "this file is not part of the site and is ignored",
    );
    diags.with_hint(
        "content/ holds index.md, documents/*.md, topics/*.md and recommendations/*.md; \
         data/ holds indicators/*.json",
    );
}

/// Reads a UTF-8 text file; problems become diagnostics.
fn read_text(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    read_text_inner(root, path, diags)
}

fn read_text_inner(root: &Path, path: &Path, diags: &mut Diagnostics) -> Option<SourceFile> {
    let rel = fsx::relative(root, path);
    let bytes = match fsx::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            diags.error_in_file(&rel, err.to_string());
            return None;
        }
    };
    match decode(bytes) {
        Ok(text) => Some(SourceFile { path: rel, text }),
        Err((offset, lossy)) => {
            diags.error_at(
                &rel,
                &lossy,
                offset,
                format!("the file is not valid UTF-8 (first bad byte at offset {offset})"),
            );
            diags.with_hint("save the file as UTF-8");
            None
        }
    }
}

/// UTF-8 text without a leading byte-order mark; or the offset of the first invalid byte and
/// the text with invalid bytes replaced (to show where the problem is).
pub fn decode(bytes: Vec<u8>) -> Result<String, (usize, String)> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        (offset, String::from_utf8_lossy(e.as_bytes()).into_owned())
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// A theme's files: templates, translation tables and static assets.
#[derive(Debug, Default)]
pub struct ThemeFiles {
    pub name: String,
    /// (template name relative to templates/, text)
    pub templates: Vec<(String, SourceFile)>,
    /// (language code, text)
    pub translations: Vec<(String, SourceFile)>,
    /// (path relative to static/, bytes)
    pub assets: Vec<(String, Vec<u8>)>,
}

/// Reads `themes/<name>/`. A missing theme is a content error on site.toml's `theme`.
pub fn load_theme(
    root: &Path,
    name: &str,
    diags: &mut Diagnostics,
) -> Result<Option<ThemeFiles>, IoError> {
    let dir: PathBuf = root.join("themes").join(name);
    if !dir.join("templates").is_dir() {
        return Ok(None);
    }
    let mut theme = ThemeFiles {
        name: name.to_string(),
        ..ThemeFiles::default()
    };
    for path in fsx::files_sorted(&dir.join("templates"))? {
        let rel = fsx::relative(&dir.join("templates"), &path);
        if let Some(file) = read_text(root, &path, diags) {
            theme.templates.push((rel, file));
        }
    }
    for path in fsx::files_sorted(&dir.join("i18n"))? {
        let rel = fsx::relative(&dir.join("i18n"), &path);
        if let (Some(lang), Some(file)) = (rel.strip_suffix(".toml"), read_text(root, &path, diags))
        {
            theme.translations.push((lang.to_string(), file));
        }
    }
    for path in fsx::files_sorted(&dir.join("static"))? {
        let rel = fsx::relative(&dir.join("static"), &path);
        theme.assets.push((rel, fsx::read(&path)?));
    }
    Ok(Some(theme))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_drops_bom_and_reports_bad_bytes() {
        assert_eq!(decode(b"\xef\xbb\xbfabc".to_vec()), Ok("abc".to_string()));
        assert_eq!(decode(b"ab\xffc".to_vec()).unwrap_err().0, 2);
    }

    #[test]
    fn stem_is_the_file_name_without_extension() {
        let f = SourceFile {
            path: "data/indicators/amv-ter-apel.json".into(),
            text: String::new(),
        };
        assert_eq!(f.stem(), "amv-ter-apel");
    }
}
