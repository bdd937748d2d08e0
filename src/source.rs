//! What was read: a text file with the path it is known by, and a theme's files. The types
//! that cross from `load` into the stages that read them (`parse`, `validate`, the theme's
//! compilation in `render`), kept here so that none of those stages depends on `load` itself.
//! Plain data: nothing here reads the disk.

use std::sync::Arc;

/// One text file, with its path relative to the site root (used in every message).
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
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

/// A theme's files: templates, translation tables and static assets.
#[derive(Debug, Default)]
pub struct ThemeFiles {
    pub name: String,
    /// (template name relative to templates/, text)
    pub templates: Vec<(String, SourceFile)>,
    /// (language code, texts): the built-in table first, then the site's, whose texts
    /// replace the built-in ones key by key.
    pub translations: Vec<(String, Vec<SourceFile>)>,
    /// (path relative to static/, bytes)
    pub assets: Vec<(String, Vec<u8>)>,
}
