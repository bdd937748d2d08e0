//! The link check after rendering: links from Markdown to a `#fragment` that is not a heading
//! of the target's text (a section the theme makes, such as `#_commitments`, or a footnote)
//! can only be confirmed once the target page exists. Validation kept each such link with its
//! target page (`Site::pending_anchors`); rendering hands over the ids of those pages; this
//! module reports every link whose anchor is not among them, at the link.
//!
//! It reads rendered HTML and the model, and decides nothing else about content.

use super::escape::escape_html;
use super::jobs::Job;
use super::reads::SiteReads;
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::Site;
use crate::paths::Output;
use std::collections::BTreeMap;

/// Whether the page `output` must hand its ids to the check.
pub fn is_link_target(site: SiteReads, output: &Output) -> bool {
    site.pending_anchors(output).is_some()
}

/// The ids of a rendered page's elements, for the check. Every attribute in a page is written
/// by tera (escaped) or sanitized by ammonia, so ` id="` occurs only where an element has an
/// id: text with those characters is escaped (`id=&quot;`).
pub fn element_ids(html: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (at, _) in html.match_indices(" id=\"") {
        let value = &html[at + 5..];
        if let Some(end) = value.find('"') {
            ids.push(value[..end].replace("&amp;", "&"));
        }
    }
    ids
}

/// Every pending link to a rendered page whose anchor that page does not have, as problems
/// of the job that renders the page (so an update that renders it again checks again).
pub fn check(site: &Site, rendered: &BTreeMap<Output, Vec<String>>) -> BTreeMap<Job, Diagnostics> {
    let mut problems: BTreeMap<Job, Diagnostics> = BTreeMap::new();
    for (output, ids) in rendered {
        let Some(pending) = site.pending_anchors.get(output) else {
            continue;
        };
        let Some(job) = Job::of_output(site, output) else {
            continue;
        };
        let path = output.path();
        for link in pending {
            if ids.contains(&link.anchor) {
                continue;
            }
            let diags = problems.entry(job.clone()).or_default();
            diags.error_span(
                &link.file,
                &link.text,
                link.span.clone(),
                format!(
                    "the link goes to #{} on {path}, but that page has no element with that id",
                    link.anchor
                ),
            );
            match did_you_mean(&link.anchor, ids.iter().map(String::as_str)) {
                Some(close) => diags.with_hint(format!("did you mean #{close}?")),
                None => diags.with_hint(format!(
                    "the page's anchors are: {}",
                    ids.iter()
                        .map(|id| format!("#{}", escape_html(id)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_ids_are_read_from_attributes_not_from_text() {
        let html = r#"<h2 id="a&amp;b">x</h2><p>say id=&quot;c&quot;</p><section id="_d">"#;
        assert_eq!(element_ids(html), ["a&b", "_d"]);
    }
}
