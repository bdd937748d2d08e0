//! Links and images in Markdown that point into the site: resolved, checked and rewritten.
//!
//! The forms a writer can use (README, "Links between pages"):
//! - a relative path to another content file, as a git forge's preview follows it:
//!   `R2.md`, `../documents/brief.md#onderwijs`, `../../data/indicators/amv.json`;
//! - a path from the content root: `@/recommendations/R2.md`, `@/documents/brief.md#onderwijs`,
//!   and for indicators `@/indicators/<id>.json` (content/ has no indicators folder, so this
//!   names the file under data/indicators/);
//! - a relative link to a generated page: `../recommendations/R2.html#commitments`;
//! - a same-page `#anchor`;
//! - any other file under content/ (an image, a PDF), which is then published at the same
//!   path in the output, next to the page that links to it; never at a path opvolg publishes
//!   a file of its own at (the feed, the open data, a page, the theme's files, ...), which is
//!   an error at the link: one file per path.
//!
//! Each becomes what it points at (a [`LinkTarget`]: a file the site publishes, or the page
//! itself), which every output that shows the text turns into a URL of its own (a page, the
//! dossier). A missing page, file or heading anchor is an error at the link. An anchor that is
//! not a heading of the target's text (a section of the template, a footnote) can only be
//! checked once the target page is rendered: it is kept for the link check after rendering.
//! External links (`https:`, `mailto:`) are left alone.

use super::checks::FileContext;
use super::lookup::{Found, IdKind, Lookup};
use crate::diag::did_you_mean;
use crate::markdown::MdLink;
use crate::model::{Heading, LinkTarget, PendingAnchor};
use crate::paths::{self, IndicatorFile, List, Output};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

/// What is at `path` (relative to the output root) when it is a page or file opvolg generates
/// that content may link to, and the headings of its text when it shows one. Further pages of
/// a list are not: which page a row is on changes as the site grows.
fn generated<'k>(lookup: &Lookup<'k, '_>, path: &str) -> Option<(Output, &'k [Heading])> {
    let output = Output::of_path(path)?;
    let linkable = match &output {
        Output::Dashboard | Output::Accessibility => true,
        Output::List(list, 1) => *list != List::Changes,
        Output::Indicator(id) | Output::IndicatorFile(id, _) => {
            matches!(
                lookup.id(IdKind::Indicator, id),
                Found::Valid(_) | Found::Broken
            )
        }
        _ => false,
    };
    if let Some((_, headings)) = lookup.page_showing(&output) {
        return Some((output, headings));
    }
    linkable.then_some((output, &[]))
}

/// What the links of one text resolved to.
#[derive(Debug, Default)]
pub(super) struct ResolvedLinks {
    /// Destination as written -> what it points at.
    pub targets: BTreeMap<String, LinkTarget>,
    /// Anchors to check once the target page is rendered: (target page, anchor, link).
    pub pending: Vec<(Output, PendingAnchor)>,
    /// Files under content/ this text links to (published with the site).
    pub files: BTreeSet<String>,
}

/// Extensions a linked file may not have: the file would be published as a page or script
/// that none of the content checks have seen.
const UNSAFE_EXTENSIONS: &[&str] = &["html", "htm", "xhtml", "js", "mjs"];

/// Resolves the links of the Markdown text shown on `page`, which starts at `body_offset` in
/// the file of `cx`; `headings` are that text's own.
pub(super) fn resolve(
    cx: &mut FileContext,
    page: &Output,
    body_offset: usize,
    headings: &[Heading],
    links: &[MdLink],
    lookup: &Lookup,
) -> ResolvedLinks {
    let mut out = ResolvedLinks::default();
    if links.is_empty() {
        return out;
    }
    let text: Arc<str> = Arc::clone(&cx.file.text);
    let source_dir = cx
        .file
        .path
        .rsplit_once('/')
        .map_or("", |(dir, _)| dir)
        .to_string();
    let mut seen = BTreeSet::new();
    for link in links {
        let span = body_offset + link.span.start..body_offset + link.span.end;
        // The same destination resolves the same way; report a broken one once per file.
        if !seen.insert(link.dest.clone()) {
            continue;
        }
        let mut link_cx = LinkContext {
            cx,
            span: span.clone(),
            dest: &link.dest,
        };
        let Some(target) = link_cx.target(&source_dir, lookup) else {
            continue;
        };
        let (output, anchors_of) = match target {
            Target::External => continue,
            Target::SamePage => (None, Some((page.clone(), headings))),
            Target::Page { output, headings } => (Some(output.clone()), Some((output, headings))),
            Target::File(path) => {
                out.files.insert(path.clone());
                (Some(Output::Attachment(path)), None)
            }
        };
        let (_, query, fragment) = split_destination(&link.dest);
        if let (Some(fragment), Some((target_page, target_headings))) = (fragment, anchors_of) {
            let anchor = percent_decode(fragment);
            if !target_headings.iter().any(|h| h.anchor == anchor) {
                out.pending.push((
                    target_page,
                    PendingAnchor {
                        anchor,
                        file: cx.file.path.clone(),
                        text: Arc::clone(&text),
                        span,
                    },
                ));
            }
        }
        out.targets.insert(
            link.dest.clone(),
            LinkTarget {
                output,
                query: query.map(String::from),
                fragment: fragment.map(String::from),
            },
        );
    }
    out
}

enum Target<'h> {
    External,
    SamePage,
    Page {
        output: Output,
        headings: &'h [Heading],
    },
    File(String),
}

struct LinkContext<'c, 'f, 'd> {
    cx: &'c mut FileContext<'f>,
    span: std::ops::Range<usize>,
    dest: &'d str,
}

impl LinkContext<'_, '_, '_> {
    fn error(&mut self, message: String, hint: Option<String>) -> Option<Target<'static>> {
        self.cx.error_span(self.span.clone(), message);
        if let Some(hint) = hint {
            self.cx.hint(hint);
        }
        None
    }

    /// What the link points at, or `None` after reporting why it points at nothing.
    fn target<'k>(&mut self, source_dir: &str, lookup: &Lookup<'k, '_>) -> Option<Target<'k>> {
        let dest = self.dest;
        if dest.is_empty() || has_scheme(dest) || dest.starts_with("//") {
            return Some(Target::External);
        }
        let (path, _, _) = split_destination(dest);
        if path.is_empty() {
            return Some(Target::SamePage);
        }
        let decoded = percent_decode(path);
        let root_relative = if let Some(from_content) = decoded.strip_prefix("@/") {
            match from_content.strip_prefix("indicators/") {
                Some(file) => format!("data/indicators/{file}"),
                None => match normalize(&format!("content/{from_content}")) {
                    Some(path) if path.starts_with("content/") => path,
                    _ => {
                        return self.error(
                            format!("the link {dest:?} leaves the content folder"),
                            Some(AT_FORMS.to_string()),
                        );
                    }
                },
            }
        } else if decoded.starts_with('/') {
            return self.error(
                format!("the link {dest:?} starts with /, so where it leads depends on where the site is published"),
                Some(format!("write the path relative to this file, or from the content root: @{decoded}")),
            );
        } else {
            match normalize(&format!("{source_dir}/{decoded}")) {
                Some(path) => path,
                None => {
                    return self.error(
                        format!("the link {dest:?} points outside the site folder"),
                        None,
                    );
                }
            }
        };
        if let Some(file) = root_relative.strip_prefix("data/indicators/") {
            let id = file.strip_suffix(".json").unwrap_or(file);
            if matches!(
                lookup.id(IdKind::Indicator, id),
                Found::Valid(_) | Found::Broken
            ) {
                return Some(Target::Page {
                    output: Output::Indicator(id.to_string()),
                    headings: &[],
                });
            }
            let close = did_you_mean(id, lookup.all_ids(IdKind::Indicator));
            return self.error(
                format!("the link {dest:?} points to data/indicators/{file}, which is not an indicator of the site"),
                close.map(|c| format!("did you mean the indicator \"{c}\" (data/indicators/{c}.json)?")),
            );
        }
        let Some(in_content) = root_relative.strip_prefix("content/") else {
            return self.error(
                format!("the link {dest:?} points to {root_relative}, which is not part of the site"),
                Some("link to pages and files under content/, or to indicators under data/indicators/".into()),
            );
        };
        if lookup.is_unread(in_content) {
            return None;
        }
        if let Some((output, headings)) = lookup.page(in_content) {
            return Some(Target::Page { output, headings });
        }
        // A file there is what the link means, even where opvolg also has a page to link
        // to: the file would be published at that page's path, so it is refused below.
        if lookup.is_file(in_content) {
            let extension = in_content.rsplit_once('.').map_or("", |(_, e)| e);
            if UNSAFE_EXTENSIONS.contains(&extension.to_ascii_lowercase().as_str()) {
                return self.error(
                    format!("the link {dest:?} points to a .{extension} file, which would be published without any of opvolg's checks"),
                    Some("write the text as a Markdown page, or offer the file in a format browsers do not run, such as PDF".into()),
                );
            }
            if let Some(taken) = generated_at(in_content) {
                return self.error(
                    format!("the link {dest:?} points to content/{in_content}, which would be published at {in_content}{taken}"),
                    Some("an attachment is published at its own path, and opvolg makes the file at this one: move the file to another folder under content/, or rename it".into()),
                );
            }
            return Some(Target::File(in_content.to_string()));
        }
        if let Some((output, headings)) = generated(lookup, in_content) {
            return Some(Target::Page { output, headings });
        }
        // Nothing there: say what is there instead.
        let folder_index = format!("{}/index.html", in_content.trim_end_matches('/'));
        if generated(lookup, &folder_index).is_some() {
            return self.error(
                format!("the link {dest:?} points to a folder; opened from disk, a folder does not show its index page"),
                Some(format!("link to {}", paths::relative_url("x", &folder_index))),
            );
        }
        // Suggest a close match of the same kind: a page for a page, a file for a file.
        let candidates: Vec<String> = if in_content.ends_with(".md") {
            lookup
                .all_pages()
                .map(|(path, _)| path.to_string())
                .collect()
        } else if in_content.ends_with(".html") {
            let generated = [paths::INDEX, paths::ACCESSIBILITY]
                .into_iter()
                .map(String::from)
                .chain(
                    <List as strum::IntoEnumIterator>::iter()
                        .filter(|l| *l != List::Changes)
                        .map(|l| l.first_page().to_string()),
                );
            lookup
                .all_pages()
                .map(|(_, o)| o.path())
                .chain(generated)
                .collect()
        } else {
            lookup.all_files().map(str::to_string).collect()
        };
        // Suggest the close match as the writer would write it: relative to this file.
        let from = self.cx.file.path.strip_prefix("content/").unwrap_or("");
        let hint = did_you_mean(in_content, candidates.iter().map(String::as_str))
            .map(|close| format!("did you mean {:?}?", paths::relative_url(from, close)));
        self.error(
            format!("the link {dest:?} points to {root_relative}, which does not exist"),
            hint,
        )
    }
}

/// What opvolg publishes at `path` (an attachment's path under content/, which is its path
/// in the output), said as the end of a sentence, when opvolg publishes anything there: `None`
/// when the path is free for an attachment. From [`Output::of_path`], the one map of the
/// paths opvolg generates, so every kind of output is covered as soon as it has a path.
/// Compared ignoring case too: a file system that ignores case keeps one file for both.
fn generated_at(path: &str) -> Option<String> {
    let folded = path.to_lowercase();
    match Output::of_path(&folded) {
        Some(Output::Attachment(_)) => None,
        Some(output) => {
            let same = if output.path() == path {
                String::new()
            } else {
                format!(
                    " (file systems that ignore case take it for {}, one file)",
                    output.path()
                )
            };
            Some(format!(": the path of {}{same}", describe(&output)))
        }
        // A path no file of opvolg's has, but in a folder of opvolg's own.
        None => {
            let folder = folded.split_once('/').map_or(folded.as_str(), |(f, _)| f);
            Some(format!(
                ", in {folder}/, which holds opvolg's own files only"
            ))
        }
    }
}

/// What an output is, for a writer.
fn describe(output: &Output) -> String {
    match output {
        Output::Dashboard => "the dashboard".into(),
        Output::Accessibility => "the accessibility statement".into(),
        Output::List(list, n) => {
            let name = match list {
                List::Recommendations => "recommendations",
                List::Indicators => "indicators",
                List::Documents => "documents",
                List::Topics => "topics",
                List::Commitments => "commitments",
                List::Changes => "changes",
            };
            format!("page {n} of the list of {name}")
        }
        Output::Recommendation(id) => format!("the page of recommendation {id}"),
        Output::Indicator(id) => format!("the page of indicator {id}"),
        Output::IndicatorFile(id, file) => match file {
            IndicatorFile::Svg => format!("the chart of indicator {id}"),
            IndicatorFile::Csv => format!("the figures of indicator {id} as CSV"),
            IndicatorFile::Json => format!("the data file of indicator {id}"),
        },
        Output::Document(id) => format!("the page of document {id}"),
        Output::Topic(id, n) => format!("page {n} of topic {id}"),
        Output::OpenData => "the page of the open data".into(),
        Output::DataFile(name) => format!("the open data's {name}"),
        Output::Dossier => "the dossier".into(),
        Output::DossierCss => "the dossier's print stylesheet".into(),
        Output::Review => "the review copy's list of what to check".into(),
        Output::Feed => "the Atom feed".into(),
        Output::Sitemap => "the sitemap".into(),
        Output::SitemapPart(n) => format!("part {n} of the sitemap"),
        Output::Static(_) => {
            "a file of the theme (static/ in the output belongs to the theme)".into()
        }
        Output::Attachment(path) => format!("the attachment {path}"),
        Output::Search => "the search page".into(),
        Output::SearchIndex(_) => "a file of the search index".into(),
        Output::Finder(..) => "a page of the A–Z index or of its filters".into(),
    }
}

/// What `@/` paths may name.
const AT_FORMS: &str = "@/ starts at content/: @/recommendations/<id>.md, @/documents/<id>.md#anchor, @/topics/<id>.md, and @/indicators/<id>.json for an indicator";

/// `path?query#fragment` into its parts.
fn split_destination(dest: &str) -> (&str, Option<&str>, Option<&str>) {
    let (rest, fragment) = match dest.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (dest, None),
    };
    match rest.split_once('?') {
        Some((path, query)) => (path, Some(query), fragment),
        None => (rest, None, fragment),
    }
}

/// A URL scheme (`https:`, `mailto:`): letters, then letters, digits, `+`, `-` or `.`, then `:`.
fn has_scheme(dest: &str) -> bool {
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// Resolves `.` and `..` in a `/`-separated path; `None` when it climbs above its start.
fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalized_without_climbing_out() {
        assert_eq!(
            normalize("content/recommendations/../documents/d.md").as_deref(),
            Some("content/documents/d.md")
        );
        assert_eq!(
            normalize("content/./a//b.png").as_deref(),
            Some("content/a/b.png")
        );
        assert_eq!(normalize("content/../../etc/passwd"), None);
    }

    #[test]
    fn schemes_and_destinations_are_told_apart() {
        assert!(has_scheme("https://example.org"));
        assert!(has_scheme("mailto:a@b.nl"));
        assert!(!has_scheme("R2.md"));
        assert!(!has_scheme("../a b.md#x:y"));
        assert_eq!(
            split_destination("a.md?x=1#frag"),
            ("a.md", Some("x=1"), Some("frag"))
        );
        assert_eq!(split_destination("#frag"), ("", None, Some("frag")));
    }
}
