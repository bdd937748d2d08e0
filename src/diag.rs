//! Diagnostics: problems in the user's content, as values with a file and a position.
//!
//! Every stage pushes into a [`Diagnostics`] collection instead of returning at the first
//! problem, so one run reports everything it can find. The collection keeps the text of each
//! file it has a diagnostic for, so the report can underline the offending text
//! (codespan-reporting draws it). This module formats; printing is left to `main.rs`.

use codespan_reporting::diagnostic as cs;
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term;
use std::collections::BTreeMap;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

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
    /// The offending bytes of the file, when known.
    pub span: Option<Range<usize>>,
    pub message: String,
    pub hint: Option<String>,
}

impl fmt::Display for Diagnostic {
    /// The one-line form `path:line:column: severity: message`, then the hint.
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

/// The byte offset of a 1-based line and byte column (as serde_json reports them).
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    floor_char_boundary(
        text,
        (line_start + column.saturating_sub(1)).min(text.len()),
    )
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The extent of the token starting at `offset`: a quoted string, or a run of characters up
/// to whitespace or punctuation that ends a value.
fn token_at(text: &str, offset: usize) -> Range<usize> {
    let start = floor_char_boundary(text, offset.min(text.len()));
    let rest = &text[start..];
    let len = if let Some(inner) = rest.strip_prefix('"') {
        inner.find(['"', '\n']).map_or(rest.len(), |i| i + 2)
    } else {
        rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}'))
            .unwrap_or(rest.len())
    };
    start..start + len.max(usize::from(!rest.is_empty()))
}

/// The text of a file with problems, with where its lines start, so that each position is
/// found by a binary search instead of a count from the start of the file.
#[derive(Debug, Clone)]
struct Source {
    text: Arc<str>,
    line_starts: Vec<usize>,
}

impl Source {
    fn new(text: &str) -> Source {
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Source {
            text: Arc::from(text),
            line_starts,
        }
    }

    /// 1-based line and column (in characters) of a byte offset on a character boundary.
    fn line_column(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// The problems found so far, and the text of the files they are in.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
    sources: BTreeMap<String, Source>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    fn at(
        &mut self,
        severity: Severity,
        path: &str,
        text: &str,
        span: Range<usize>,
        message: String,
    ) {
        // Spans always land on character boundaries inside the text, whatever the caller had.
        let end = floor_char_boundary(text, span.end.min(text.len()));
        let span = floor_char_boundary(text, span.start.min(end))..end;
        // A file's diagnostics all come from its one text: the first one seen is kept.
        if !self.sources.contains_key(path) {
            self.sources.insert(path.to_string(), Source::new(text));
        }
        let source = &self.sources[path];
        let (line, column) = source.line_column(span.start);
        self.push(Diagnostic {
            severity,
            path: path.to_string(),
            line,
            column,
            span: Some(span),
            message,
            hint: None,
        });
    }

    /// An error on the token at a byte offset of `text`, the contents of `path`.
    pub fn error_at(&mut self, path: &str, text: &str, offset: usize, message: impl Into<String>) {
        self.at(
            Severity::Error,
            path,
            text,
            token_at(text, offset),
            message.into(),
        );
    }

    /// An error on a known byte range of `text`.
    pub fn error_span(
        &mut self,
        path: &str,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) {
        self.at(Severity::Error, path, text, span, message.into());
    }

    /// A warning on a known byte range.
    pub fn warning_span(
        &mut self,
        path: &str,
        text: &str,
        span: Range<usize>,
        message: impl Into<String>,
    ) {
        self.at(Severity::Warning, path, text, span, message.into());
    }

    /// An error about a file as a whole.
    pub fn error_in_file(&mut self, path: &str, message: impl Into<String>) {
        self.file_level(Severity::Error, path, message.into());
    }

    /// A warning about a file as a whole.
    pub fn warning_in_file(&mut self, path: &str, message: impl Into<String>) {
        self.file_level(Severity::Warning, path, message.into());
    }

    fn file_level(&mut self, severity: Severity, path: &str, message: String) {
        self.push(Diagnostic {
            severity,
            path: path.to_string(),
            line: 1,
            column: 1,
            span: None,
            message,
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
        for (path, text) in other.sources {
            self.sources.entry(path).or_insert(text);
        }
    }

    /// One diagnostic per place and message: where several say the same thing at the same spot
    /// (a template error met on many pages), the one whose hint sorts first is kept, so the
    /// result does not depend on the order they were found in.
    pub fn dedup_by_place(mut self) -> Diagnostics {
        let place = |d: &Diagnostic| {
            (
                d.path.clone(),
                d.line,
                d.column,
                d.severity,
                d.message.clone(),
            )
        };
        self.items
            .sort_by(|a, b| (place(a), &a.hint).cmp(&(place(b), &b.hint)));
        self.items
            .dedup_by(|later, first| place(later) == place(first));
        self
    }

    /// The finished report: sorted by file, then position, so it reads top to bottom.
    pub fn into_report(mut self) -> Report {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        self.items.dedup();
        Report {
            diagnostics: self.items,
            sources: self
                .sources
                .into_iter()
                .map(|(path, source)| (path, source.text))
                .collect(),
        }
    }
}

/// The diagnostics of a run, ready to print.
#[derive(Debug, Default, Clone)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    sources: BTreeMap<String, Arc<str>>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.diagnostics.is_empty()
    }

    /// One line per diagnostic (`path:line:col: severity: message`), as plain text.
    pub fn lines(&self) -> Vec<String> {
        self.diagnostics.iter().map(ToString::to_string).collect()
    }

    /// Writes every diagnostic with the offending text underlined; colour if the writer has it.
    pub fn emit(&self, writer: &mut dyn term::termcolor::WriteColor) -> std::io::Result<()> {
        let mut files = SimpleFiles::new();
        let ids: BTreeMap<&str, usize> = self
            .sources
            .iter()
            .map(|(path, text)| (path.as_str(), files.add(path.as_str(), &**text)))
            .collect();
        let config = term::Config::default();
        for d in &self.diagnostics {
            let severity = match d.severity {
                Severity::Error => cs::Severity::Error,
                Severity::Warning => cs::Severity::Warning,
            };
            let mut diagnostic = cs::Diagnostic::new(severity).with_message(&d.message);
            if let Some(hint) = &d.hint {
                diagnostic = diagnostic.with_notes(vec![format!("hint: {hint}")]);
            }
            let text = self.sources.get(&d.path);
            match (ids.get(d.path.as_str()), &d.span) {
                (Some(_), Some(span))
                    if text.is_some_and(|t| line_of(t, span.start).len() > LONG_LINE) =>
                {
                    emit_windowed(writer, d, text.map_or("", |t| &**t), span)?;
                }
                (Some(&id), Some(span)) => {
                    let label = cs::Label::primary(id, span.clone());
                    diagnostic = diagnostic.with_labels(vec![label]);
                    term::emit_to_write_style(writer, &config, &files, &diagnostic)
                        .map_err(std::io::Error::other)?;
                }
                _ => {
                    // No text to show: the problem concerns the file as a whole.
                    let label = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                    };
                    writeln!(writer, "{label}: {}", d.message)?;
                    writeln!(writer, "  ┌─ {}", d.path)?;
                    if let Some(hint) = &d.hint {
                        writeln!(writer, "  = hint: {hint}")?;
                    }
                    writeln!(writer)?;
                }
            }
        }
        Ok(())
    }
}

/// Lines longer than this (in bytes) are shown as a window around the problem, not whole:
/// a JSON file on one line of 10,000 characters would otherwise fill the terminal.
const LONG_LINE: usize = 160;

/// How many characters of a long line are shown on each side of the problem.
const WINDOW: usize = 60;

/// The line (without its end) that holds byte `offset` of `text`.
fn line_of(text: &str, offset: usize) -> &str {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    &text[start..end]
}

/// A diagnostic on a long line, drawn like codespan-reporting draws the others, with a window
/// of the line around the underlined part and `…` where the line was cut.
fn emit_windowed(
    writer: &mut dyn term::termcolor::WriteColor,
    d: &Diagnostic,
    text: &str,
    span: &Range<usize>,
) -> std::io::Result<()> {
    use term::termcolor::{Color, ColorSpec};
    let line = line_of(text, span.start);
    let chars: Vec<char> = line.chars().collect();
    let start = d.column.saturating_sub(1).min(chars.len());
    let width = text
        .get(span.clone())
        .map_or(1, |s| s.lines().next().unwrap_or("").chars().count())
        .clamp(1, WINDOW);
    let from = start.saturating_sub(WINDOW);
    let to = (start + width + WINDOW).min(chars.len());
    let before = if from > 0 { "…" } else { "" };
    let after = if to < chars.len() { "…" } else { "" };
    let window: String = chars[from..to].iter().collect();
    let number = d.line.to_string();
    let pad = " ".repeat(number.len());
    let (label, colour) = match d.severity {
        Severity::Error => ("error", Color::Red),
        Severity::Warning => ("warning", Color::Yellow),
    };
    writer.set_color(ColorSpec::new().set_fg(Some(colour)).set_bold(true))?;
    write!(writer, "{label}")?;
    writer.reset()?;
    writeln!(writer, ": {}", d.message)?;
    writeln!(writer, "{pad} ┌─ {}:{}:{}", d.path, d.line, d.column)?;
    writeln!(writer, "{pad} │")?;
    writeln!(writer, "{number} │ {before}{window}{after}")?;
    let caret_at = " ".repeat(before.chars().count() + (start - from));
    writeln!(writer, "{pad} │ {caret_at}{}", "^".repeat(width))?;
    writeln!(writer, "{pad} │")?;
    if let Some(hint) = &d.hint {
        writeln!(writer, "{pad} = hint: {hint}")?;
    }
    writeln!(writer)
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
        assert_eq!(offset_of(text, 2, 2), 4);
        assert_eq!(offset_of(text, 9, 9), text.len());
    }

    #[test]
    fn tokens_cover_quoted_strings_and_words() {
        let text = "x = [\"amv\", 12]";
        assert_eq!(&text[token_at(text, 5)], "\"amv\"");
        assert_eq!(&text[token_at(text, 12)], "12");
        assert_eq!(token_at(text, 99), text.len()..text.len());
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
        let text = d.into_report().lines()[0].clone();
        assert_eq!(text, "content/a.md:2:1: error: bad\n  hint: fix it");
    }

    #[test]
    fn a_problem_on_a_very_long_line_shows_a_window_of_it() {
        let text = format!(
            "{{\"a\": [{}\"bad\"{}]}}",
            "1, ".repeat(3000),
            ", 2".repeat(3000)
        );
        let at = text.find("\"bad\"").unwrap();
        let mut d = Diagnostics::default();
        d.error_span(
            "data/indicators/x.json",
            &text,
            at..at + 5,
            "expected a number",
        );
        d.with_hint("write it without quotes");
        let mut out = term::termcolor::NoColor::new(Vec::new());
        d.into_report().emit(&mut out).unwrap();
        let shown = String::from_utf8(out.into_inner()).unwrap();
        assert!(
            shown.contains(&format!("┌─ data/indicators/x.json:1:{}", at + 1)),
            "{shown}"
        );
        assert!(shown.lines().all(|l| l.chars().count() < 160), "{shown}");
        let line = shown.lines().find(|l| l.contains("\"bad\"")).unwrap();
        let caret = shown.lines().find(|l| l.contains("^^^^^")).unwrap();
        assert_eq!(
            line.find("\"bad\"").map(|i| line[..i].chars().count()),
            caret.find('^').map(|i| caret[..i].chars().count()),
            "the carets are under the value:\n{line}\n{caret}"
        );
        assert!(line.contains('…') && shown.contains("= hint: write it without quotes"));
    }

    #[test]
    fn the_rich_report_underlines_the_offending_text() {
        let mut d = Diagnostics::default();
        d.error_at(
            "content/a.md",
            "+++\nstate = \"opn\"\n+++\n",
            12,
            "unknown state \"opn\"",
        );
        d.with_hint("did you mean \"open\"?");
        let mut out = term::termcolor::NoColor::new(Vec::new());
        d.into_report().emit(&mut out).unwrap();
        let text = String::from_utf8(out.into_inner()).unwrap();
        assert!(text.contains("content/a.md:2:9"), "{text}");
        assert!(text.contains("^^^^^"), "{text}");
        assert!(text.contains("hint: did you mean \"open\"?"), "{text}");
    }
}
