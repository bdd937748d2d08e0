//! Load: reads the site's files from disk into memory, and nothing more.
//!
//! Owns where things live (site.toml, content/, data/, themes/), what each file is by its
//! path ([`Kind`]), and turns bytes into text (UTF-8 required, a byte-order mark is dropped).
//! It does not parse: parsing works on the strings this module returns, so tests can feed
//! strings without files. Files in the sorted order of their paths.

use crate::diag::Diagnostics;
use crate::embedded;
use crate::fsx::{self, Found};
use crate::source::{SourceFile, ThemeFiles};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What a file of the site is, from its path relative to the site root alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Config,
    Home,
    Document,
    Topic,
    Recommendation,
    Indicator,
    /// `data/indicators/<id>.csv`: an indicator's figures, next to its data file.
    IndicatorFigures,
    /// Any other file under content/: published when a page links to it.
    Attachment,
    /// A file under data/ that is not an indicator, or Markdown outside the content folders.
    Stray,
}

impl Kind {
    /// The kind of the file at `path` (relative to the site root, `/`-separated), or `None`
    /// for a path outside site.toml, content/ and data/.
    pub fn of(path: &str) -> Option<Kind> {
        if path == "site.toml" {
            return Some(Kind::Config);
        }
        let parts: Vec<&str> = path.split('/').collect();
        let kind = match parts.as_slice() {
            ["content", "index.md"] => Kind::Home,
            ["content", "documents", name] if name.ends_with(".md") => Kind::Document,
            ["content", "topics", name] if name.ends_with(".md") => Kind::Topic,
            ["content", "recommendations", name] if name.ends_with(".md") => Kind::Recommendation,
            ["content", .., name] if name.ends_with(".md") => Kind::Stray,
            ["content", _, ..] => Kind::Attachment,
            ["data", "indicators", name] if name.ends_with(".json") => Kind::Indicator,
            ["data", "indicators", name] if name.ends_with(".csv") => Kind::IndicatorFigures,
            ["data", _, ..] => Kind::Stray,
            _ => return None,
        };
        Some(kind)
    }

    /// Whether files of this kind are read as UTF-8 text.
    fn is_text(self) -> bool {
        !matches!(self, Kind::Attachment | Kind::Stray)
    }
}

/// One file of the site as loaded.
#[derive(Debug, Clone)]
pub enum Input {
    Text(SourceFile),
    /// An attachment's bytes (any file under content/ that is not a page).
    Bytes(Arc<[u8]>),
    /// Not part of the site; not read.
    Stray,
    /// Could not be read or is not UTF-8; the problem is in the diagnostics.
    Failed(Diagnostics),
    /// Listed, not read yet: [`Input::read`] reads it. [`load_sources`] leaves every file
    /// this way, so that each is read when it is checked and its text, where the check keeps
    /// nothing of it (an indicator's JSON), is gone before most others are read: a build
    /// never holds every file's text at once.
    Unread(Unread),
}

/// A file of the site found on disk, to be read as its kind needs.
#[derive(Debug, Clone)]
pub struct Unread {
    path: PathBuf,
    kind: Kind,
}

impl Input {
    /// The input with its file read (shown as `rel`), if it was not read yet.
    pub fn read(self, rel: &str) -> Input {
        match self {
            Input::Unread(unread) => read_input(&unread.path, rel, unread.kind),
            read => read,
        }
    }
}

/// Everything a site is made of: every file of site.toml, content/ and data/ by its path
/// relative to the site root, in sorted order.
#[derive(Debug, Default)]
pub struct Sources {
    pub files: BTreeMap<String, Input>,
    /// The folders under `themes/`, sorted: the themes `theme` in site.toml may name.
    pub theme_folders: Vec<String>,
}

/// Lists site.toml, content/ and data/ under `root`, each file as [`Input::Unread`] (read by
/// [`Input::read`], which keeps an unreadable or non-UTF-8 file as [`Input::Failed`]); only a
/// failure to list a folder is fatal.
pub fn load_sources(root: &Path) -> std::io::Result<Sources> {
    let mut found = Vec::new();
    if root.join("site.toml").is_file() {
        found.push(Found::File(root.join("site.toml")));
    }
    found.extend(fsx::site_files(root, &root.join("content"))?);
    found.extend(fsx::site_files(root, &root.join("data"))?);
    let files = found
        .into_par_iter()
        .filter_map(|found| {
            let (path, outside) = match found {
                Found::File(path) => (path, None),
                Found::LinkOut(path, target) => (path, Some(target)),
            };
            let rel = fsx::relative(root, &path);
            let kind = Kind::of(&rel)?;
            let input = match outside {
                None if kind == Kind::Stray => Input::Stray,
                None => Input::Unread(Unread { path, kind }),
                Some(target) => link_out(&rel, &target),
            };
            Some((rel, input))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    Ok(Sources {
        files,
        theme_folders: theme_folders(root),
    })
}

/// Reads one file of the site again (for `serve`): `None` when it no longer exists or is not
/// part of the site.
pub fn load_file(root: &Path, rel: &str) -> Option<Input> {
    let kind = Kind::of(rel)?;
    let path = root.join(rel);
    if !path.is_file() {
        return None;
    }
    // The same rule as the walk: a link that leads out of the site is never read.
    let site = std::fs::canonicalize(root).ok()?;
    let target = std::fs::canonicalize(&path).ok()?;
    if !target.starts_with(&site) {
        return Some(link_out(rel, &target));
    }
    Some(read_input(&path, rel, kind))
}

/// A symbolic link that leads out of the site: reported, never read.
fn link_out(rel: &str, target: &Path) -> Input {
    let mut diags = Diagnostics::default();
    diags.error_in_file(
        rel,
        format!(
            "this is a link to {}, outside the site folder; opvolg reads nothing outside it",
            target.display()
        ),
    );
    diags.with_hint("copy the file into the site, or make the link point inside the site folder");
    Input::Failed(diags)
}

/// Reads the file at `path` (shown as `rel`) as its kind needs.
fn read_input(path: &Path, rel: &str, kind: Kind) -> Input {
    if kind == Kind::Stray {
        return Input::Stray;
    }
    let mut diags = Diagnostics::default();
    match fsx::read(path) {
        Err(err) => {
            diags.error_in_file(rel, err.to_string());
            Input::Failed(diags)
        }
        Ok(bytes) if kind.is_text() => match decode_file(rel.to_string(), bytes, &mut diags) {
            Some(file) => Input::Text(file),
            None => Input::Failed(diags),
        },
        Ok(bytes) => Input::Bytes(Arc::from(bytes)),
    }
}

/// The bytes of the file shown as `rel` as text; invalid UTF-8 becomes a diagnostic.
fn decode_file(rel: String, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<SourceFile> {
    match decode(bytes) {
        Ok(text) => Some(SourceFile {
            path: rel,
            text: text.into(),
        }),
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

/// Reads the theme `name`: the built-in default theme, with every file of the site's own
/// `themes/<name>/` laid over it (a file at the same relative path replaces the built-in one,
/// any other file is added). So a site needs no theme folder at all, overrides single files of
/// the default theme in `themes/default/`, and a theme of another name may be complete or
/// partial. `None` when a theme other than "default" has no folder (validation reports that).
/// Only `templates/`, `i18n/*.toml` and `static/` are read.
pub fn load_theme(
    root: &Path,
    name: &str,
    diags: &mut Diagnostics,
) -> std::io::Result<Option<ThemeFiles>> {
    let dir: PathBuf = root.join("themes").join(name);
    if name != "default" && !dir.is_dir() {
        return Ok(None);
    }
    let mut layered = built_in_layer();
    for found in fsx::site_files(root, &dir)? {
        let path = match found {
            Found::File(path) => path,
            Found::LinkOut(path, target) => {
                let rel = fsx::relative(root, &path);
                if let Input::Failed(problem) = link_out(&rel, &target) {
                    diags.extend(problem);
                }
                continue;
            }
        };
        let bytes = fsx::read(&path)?;
        layered.insert(
            fsx::relative(&dir, &path),
            (fsx::relative(root, &path), bytes),
        );
    }
    Ok(Some(theme_files(name, layered, diags)))
}

/// The built-in theme alone, without a site (what `serve` shows its own pages with when a
/// site's theme cannot be compiled).
pub fn built_in_theme(diags: &mut Diagnostics) -> ThemeFiles {
    theme_files("default", built_in_layer(), diags)
}

/// (path inside the theme) -> (path shown in messages, bytes) of the built-in theme.
fn built_in_layer() -> BTreeMap<String, (String, Vec<u8>)> {
    embedded::DEFAULT_THEME
        .iter()
        .map(|(rel, bytes)| {
            let shown = format!("{}{rel}", embedded::BUILT_IN_PREFIX);
            (rel.to_string(), (shown, bytes.to_vec()))
        })
        .collect()
}

/// A theme's files from its layers (the built-in files, replaced by the site's).
fn theme_files(
    name: &str,
    layered: BTreeMap<String, (String, Vec<u8>)>,
    diags: &mut Diagnostics,
) -> ThemeFiles {
    let mut theme = ThemeFiles {
        name: name.to_string(),
        ..ThemeFiles::default()
    };
    for (rel, (shown, bytes)) in layered {
        if let Some(template) = rel.strip_prefix("templates/") {
            if let Some(file) = decode_file(shown, bytes, diags) {
                theme.templates.push((template.to_string(), file));
            }
        } else if let Some(lang) = rel
            .strip_prefix("i18n/")
            .and_then(|r| r.strip_suffix(".toml"))
        {
            // The built-in table is kept under the site's: a site's table needs only the
            // texts it changes.
            let mut layers = Vec::new();
            let built_in = embedded::DEFAULT_THEME.iter().find(|(r, _)| **r == rel);
            if let Some((_, bytes)) =
                built_in.filter(|_| !shown.starts_with(embedded::BUILT_IN_PREFIX))
            {
                let path = format!("{}{rel}", embedded::BUILT_IN_PREFIX);
                layers.extend(decode_file(path, bytes.to_vec(), diags));
            }
            layers.extend(decode_file(shown, bytes, diags));
            theme.translations.push((lang.to_string(), layers));
        } else if let Some(asset) = rel.strip_prefix("static/") {
            theme.assets.push((asset.to_string(), bytes));
        }
    }
    theme
}

/// The site's files at `path` (relative to the root): every file under it when it is a
/// folder, else the file itself when it can be part of the site (it may be gone).
pub fn files_at(root: &Path, path: &str) -> std::io::Result<Vec<String>> {
    let dir = root.join(path);
    if !dir.is_dir() {
        return Ok(Kind::of(path)
            .map(|_| path.to_string())
            .into_iter()
            .collect());
    }
    let mut files = Vec::new();
    for found in fsx::site_files(root, &dir)? {
        let (Found::File(file) | Found::LinkOut(file, _)) = found;
        files.push(fsx::relative(root, &file));
    }
    Ok(files)
}

/// Whether `root` is a folder a site can be in.
pub fn is_site_folder(root: &Path) -> bool {
    root.is_dir()
}

/// The names of the folders under `themes/`, for checking `theme` in site.toml.
pub fn theme_folders(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    names
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
            text: Arc::from(""),
        };
        assert_eq!(f.stem(), "amv-ter-apel");
    }
}
