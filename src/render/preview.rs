//! What the live preview (`serve`) shows of its own, made with the theme like any page: the
//! page for an address the site does not have (`not_found.html`), the page shown while the
//! site has never been valid, and the box of the site's errors (`problems.html`). A build
//! never makes them.

use super::i18n::PreviewText;
use super::reads::{Recorder, SiteReads};
use super::theme::Theme;
use super::theme::error_chain;
use super::views::{Link, NotFoundPage, PageView, Problems, SiteView};
use crate::model::Site;
use crate::paths;

/// The page of the preview at `path`: an address the site does not have, or (`site` is
/// `None`) any address while the site has never been valid, or (`failed`) a page the theme
/// could not render.
pub fn page(
    theme: &Theme,
    site: Option<&Site>,
    path: &str,
    failed: bool,
) -> Result<String, String> {
    let t = &theme.translations;
    let (title, text) = match (site, failed) {
        (None, _) => (PreviewText::NoSiteTitle, PreviewText::NoSiteText),
        (Some(_), true) => (PreviewText::FailedTitle, PreviewText::FailedText),
        (Some(_), false) => (PreviewText::NotFoundTitle, PreviewText::NotFoundText),
    };
    let page = NotFoundPage {
        title: t.text(title).to_string(),
        text: t.text(text).to_string(),
        home: Link {
            url: paths::INDEX.to_string(),
            text: t.text(PreviewText::Home).to_string(),
        },
    };
    let mut context = base(theme, site);
    context.insert("root", &paths::root_of(path));
    context.insert("path", path);
    context.insert("section", &NotFoundPage::SECTION);
    context.insert("csp", &super::theme::content_security_policy(None));
    context.insert("page", &page);
    theme
        .tera
        .render(NotFoundPage::TEMPLATE, &context)
        .map_err(|e| error_chain(&e))
}

/// The box of the site's errors, for the top of every page the preview serves.
pub fn problems(theme: &Theme, site: Option<&Site>, problems: &Problems) -> Result<String, String> {
    let mut context = base(theme, site);
    context.insert("problems", problems);
    theme
        .tera
        .render("problems.html", &context)
        .map_err(|e| error_chain(&e))
}

/// `site` and `t`: the site's facts, or (without a valid site) the name of the preview and
/// the theme's language.
fn base(theme: &Theme, site: Option<&Site>) -> tera::Context {
    let t = &theme.translations;
    let view = match site {
        Some(site) => SiteView::new(SiteReads::new(site, &Recorder::off()), t, false),
        None => SiteView {
            title: "opvolg".to_string(),
            lang: theme.language.code(),
            as_of: String::new(),
            as_of_iso: String::new(),
            description: None,
            publisher: None,
            notice: None,
            base_url: None,
            review: false,
        },
    };
    let mut context = tera::Context::new();
    context.insert("site", &view);
    context.insert("t", t);
    context
}
