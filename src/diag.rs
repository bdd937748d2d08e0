//! Diagnostics: problems in the user's content, as values with a file and a position.
//!
//! Every stage pushes into a [`Diagnostics`] collection instead of returning at the first
//! problem, so one run reports everything it can find. This module only formats; printing is
//! left to `main.rs`.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem, located in a file relative to the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path relative to the site root, with `/` separators.
    pub path: String,
    /// 1-based line; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.path,
            self.line.max(1),
            self.column.max(1),
            self.message
        )?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// A line and column computed from a byte offset in a text.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The problems found so far, in the order they were found.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// An error at a byte offset of `text`, the contents of `path`.
    pub fn error_at(&mut self, path: &str, text: &str, offset: usize, message: impl Into<String>) {
        let (line, column) = line_column(text, offset);
        self.push(Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line,
            column,
            message: message.into(),
            hint: None,
        });
    }

    /// An error about a file as a whole.
    pub fn error_in_file(&mut self, path: &str, message: impl Into<String>) {
        self.push(Diagnostic {
            severity: Severity::Error,
            path: path.to_string(),
            line: 1,
            column: 1,
            message: message.into(),
            hint: None,
        });
    }

    /// Adds a hint to the most recent diagnostic.
    pub fn with_hint(&mut self, hint: impl Into<String>) {
        if let Some(last) = self.items.last_mut() {
            last.hint = Some(hint.into());
        }
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted by file, then position, so the report reads top to bottom.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// The closest candidate to `wanted`, if any is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (wanted.chars().count() / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (strsim::levenshtein(wanted, c), c))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        assert_eq!(line_column(text, 8), (3, 1)); // é is two bytes
        assert_eq!(line_column(text, 999), (3, 2));
    }

    #[test]
    fn suggests_close_names_only() {
        let ids = ["amv-ter-apel", "kinderen-in-cno"];
        assert_eq!(did_you_mean("amv-terapel", ids), Some("amv-ter-apel"));
        assert_eq!(did_you_mean("onderwijs", ids), None);
    }

    #[test]
    fn display_names_file_line_column() {
        let mut d = Diagnostics::default();
        d.error_at("content/a.md", "x\ny", 2, "bad");
        d.with_hint("fix it");
        let text = d.into_sorted()[0].to_string();
        assert_eq!(text, "content/a.md:2:1: error: bad\n  hint: fix it");
    }
}
