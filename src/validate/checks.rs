//! The per-file context of validation: one file, where its front matter starts, and the
//! problems found in it, with the checks that every kind of file shares (ids, dates, enum
//! values, web addresses, Markdown bodies).
//!
//! Positions are byte offsets into the whole file (the spanned tree places every value so).

use crate::date::Date;
use crate::diag::Diagnostics;
use crate::markdown::{self, MdLink, Outline};
use crate::model::{Body, Heading};
pub(super) use crate::paths::{ID_RULE, is_safe_id};
use crate::source::SourceFile;
use std::ops::Range;
use std::sync::Arc;

/// A file checked on its own, with what the second step needs of it.
pub(crate) struct Draft<T> {
    pub value: T,
    /// Where the Markdown body starts in the file.
    pub body_offset: usize,
    /// The body's headings, also when something else in the file is wrong.
    pub headings: Arc<[Heading]>,
    /// The body's links and images, as written.
    pub links: Vec<MdLink>,
}

/// What from site.toml bounds the checks of every other file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Settings {
    /// The reporting date: nothing in a file may be dated after it.
    pub as_of: Option<Date>,
    /// Raw HTML in Markdown is let through (sanitized) instead of shown as text.
    pub allow_html: bool,
}

/// One file being validated.
pub(super) struct FileContext<'a> {
    pub file: &'a SourceFile,
    pub settings: Settings,
    pub diags: Diagnostics,
    /// The file's path, shared by every [`Location`](crate::model::Location) in it.
    path: Arc<str>,
}

impl<'a> FileContext<'a> {
    pub fn new(file: &'a SourceFile, settings: Settings) -> FileContext<'a> {
        FileContext {
            file,
            settings,
            diags: Diagnostics::default(),
            path: Arc::from(file.path.as_str()),
        }
    }

    /// The file and line of a byte offset, for the model to say where something is written.
    pub fn location(&self, at: usize) -> crate::model::Location {
        crate::model::Location {
            path: Arc::clone(&self.path),
            line: crate::diag::line_column(&self.file.text, at).0,
        }
    }

    /// An error on the token at a byte offset of the file.
    pub fn error(&mut self, at: usize, message: impl Into<String>) {
        self.diags
            .error_at(&self.file.path, &self.file.text, at, message);
    }

    /// An error on a byte range of the file.
    pub fn error_span(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags
            .error_span(&self.file.path, &self.file.text, span, message);
    }

    pub fn warning_span(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.diags
            .warning_span(&self.file.path, &self.file.text, span, message);
    }

    /// A hint for the diagnostic just added.
    pub fn hint(&mut self, hint: impl Into<String>) {
        self.diags.with_hint(hint);
    }

    /// The file's stem as an id, or an error on the file.
    pub fn file_id(&mut self) -> Option<String> {
        let id = self.file.stem();
        if is_safe_id(id) {
            return Some(id.to_string());
        }
        self.error(0, format!("the file name \"{id}\" is not a valid id"));
        self.hint(ID_RULE);
        None
    }

    /// A URL that becomes a link: only web addresses.
    pub fn url(&mut self, at: usize, url: &str) -> bool {
        let lower = url.trim().to_ascii_lowercase();
        if lower.starts_with("https://") || lower.starts_with("http://") {
            return true;
        }
        self.error(at, format!("{url:?} is not a web address"));
        self.hint("use a full address starting with https:// (or http://)");
        false
    }

    /// Reports `what` dated `when` after the reporting date: nothing can be known before it
    /// happens. True when the date is fine (or there is no `as_of` to compare with).
    pub fn not_after_as_of(&mut self, at: usize, what: &str, when: Date) -> bool {
        let Some(as_of) = self.settings.as_of.filter(|as_of| when > *as_of) else {
            return true;
        };
        self.error(
            at,
            format!("{what} {when} is after the reporting date as_of = {as_of}"),
        );
        self.hint(
            "nothing can be known before it happens; raise as_of in site.toml or fix the date",
        );
        false
    }

    /// Reads a Markdown body (the end of the file): its headings and links, with warnings for
    /// links rendering will drop and errors for explicit anchors that are not allowed. The
    /// body is `None` when an anchor is wrong; headings and links are read all the same, so
    /// the links can still be checked in the same run.
    pub fn body(&mut self, markdown: &str) -> ReadBody {
        // The body is the end of the file's text, so its offset is the difference in length.
        let base = self.file.text.len() - markdown.len();
        let outline = markdown::outline(markdown);
        for problem in markdown::link_problems(&outline.links) {
            let span = base + problem.span.start..base + problem.span.end;
            self.warning_span(span, problem.message);
            self.hint(format!(
                "the link to {:?} is shown as plain text",
                problem.url
            ));
        }
        for (span, message) in &outline.anchor_problems {
            self.error_span(base + span.start..base + span.end, message);
        }
        // Once per file: the first place says enough.
        if let (Some(span), false) = (&outline.raw_html, self.settings.allow_html) {
            self.warning_span(
                base + span.start..base + span.end,
                "raw HTML is shown as text on the page, not as markup",
            );
            self.hint("write it in Markdown, or set allow_html = true in site.toml to let HTML through (sanitized: no scripts, styles or event handlers)");
        }
        let Outline {
            headings,
            links,
            anchor_problems,
            ..
        } = outline;
        let headings: Arc<[Heading]> = headings.into();
        let body = anchor_problems.is_empty().then(|| Body {
            text: Arc::clone(&self.file.text),
            start: base,
            headings: Arc::clone(&headings),
            links: Default::default(),
        });
        ReadBody {
            body,
            offset: base,
            headings,
            links,
        }
    }
}

/// A Markdown body as [`FileContext::body`] read it.
pub(super) struct ReadBody {
    pub body: Option<Body>,
    /// Where the body starts in the file.
    pub offset: usize,
    pub headings: Arc<[Heading]>,
    pub links: Vec<MdLink>,
}

/// The anchors of `headings`, for a message.
pub(super) fn anchor_list(headings: &[Heading]) -> String {
    headings
        .iter()
        .map(|h| h.anchor.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks an optional field: `Some(None)` when absent, `Some(Some(value))` when present and
/// valid, `None` when present and invalid (the problem is then in the diagnostics).
pub(super) fn optional<A, T>(
    input: Option<A>,
    check: impl FnOnce(A) -> Option<T>,
) -> Option<Option<T>> {
    match input {
        None => Some(None),
        Some(value) => check(value).map(Some),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        assert!(is_safe_id("R1"));
        assert!(is_safe_id("amv-ter_apel"));
        for bad in ["", "a/b", "a\\b", "..", "a b", "a\u{7}", "é", "a.b"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
    }
}
