//! site.toml: the site's settings, the reporting date and the accessibility statement.

use super::checks::{FileContext, ID_RULE, Settings, is_safe_id};
use crate::diag::{Diagnostics, did_you_mean};
use crate::model::*;
use crate::parse::{self, At};
use crate::source::SourceFile;

/// Validates site.toml. `theme_folders` are the folders under themes/, which a `theme` other
/// than the built-in "default" must name.
pub(super) fn site_config(
    file: &SourceFile,
    theme_folders: &[String],
) -> (Option<SiteConfig>, Diagnostics) {
    let mut cx = FileContext::new(file, Settings::default());
    let config = check(&mut cx, theme_folders);
    (config, cx.diags)
}

fn check(cx: &mut FileContext, theme_folders: &[String]) -> Option<SiteConfig> {
    let (raw, _): (parse::SiteFile, _) = parse::parse_toml(cx.file, &mut cx.diags)?;
    let language = raw.language.unwrap_or(Language::Nl);
    let as_of = raw.as_of.value;
    let base_url = match raw.base_url.as_ref() {
        None => Some(None),
        Some(url) => base_url(cx, url).map(Some),
    };
    if raw.base_url.is_none() {
        cx.diags.warning_in_file(
            &cx.file.path,
            "base_url is not set: feed.xml and sitemap.xml need the site's full address and are not written",
        );
        cx.hint("add the address the site will be published at: base_url = \"https://www.example.nl/opvolging/\"");
    }
    let review = whole_number(
        cx,
        raw.review
            .as_ref()
            .and_then(|r| r.stale_after_months.as_ref()),
        ("stale_after_months", "months", 1..=1200),
        ReviewSettings::default().stale_after_months as usize,
    )
    .map(|months| ReviewSettings {
        stale_after_months: months as u32,
    });
    let feed_limit = whole_number(
        cx,
        raw.feed.as_ref().and_then(|f| f.limit.as_ref()),
        ("limit", "entries", 1..=100_000),
        DEFAULT_FEED_LIMIT,
    );
    let page_size = whole_number(
        cx,
        raw.lists.as_ref().and_then(|l| l.page_size.as_ref()),
        ("page_size", "rows", 10..=10_000),
        DEFAULT_PAGE_SIZE,
    );
    let accessibility = accessibility(cx, raw.accessibility.as_ref());
    let theme = match raw.theme {
        None => "default".to_string(),
        Some(theme) if theme.get() == "default" => theme.into_inner(),
        Some(theme) if !is_safe_id(theme.get()) => {
            cx.error(theme.start(), "the theme name is not a valid folder name");
            cx.hint(ID_RULE);
            return None;
        }
        Some(theme) if !theme_folders.contains(theme.get()) => {
            let name = theme.get();
            cx.error_span(
                theme.span.clone(),
                format!("the theme \"{name}\" does not exist: there is no folder themes/{name}/"),
            );
            match did_you_mean(name, theme_folders.iter().map(String::as_str)) {
                Some(close) => cx.hint(format!("did you mean \"{close}\"?")),
                None => cx.hint(
                    "remove `theme` to use the built-in default theme, or create the folder themes/<name>/ with templates/, i18n/ and static/",
                ),
            }
            return None;
        }
        Some(theme) => theme.into_inner(),
    };
    Some(SiteConfig {
        title: raw.title,
        language,
        as_of,
        theme,
        base_url: base_url?,
        description: raw.description,
        publisher: raw.publisher,
        notice: raw.notice,
        allow_html: raw.allow_html.unwrap_or(false),
        accessibility: accessibility?,
        review: review?,
        feed_limit: feed_limit?,
        page_size: page_size?,
    })
}

/// An optional whole-number setting (`name`, counting `unit`s, within `range`).
fn whole_number(
    cx: &mut FileContext,
    raw: Option<&At<f64>>,
    (name, unit, range): (&str, &str, std::ops::RangeInclusive<usize>),
    default: usize,
) -> Option<usize> {
    let Some(raw) = raw else {
        return Some(default);
    };
    let value = *raw.get();
    let (low, high) = (*range.start(), *range.end());
    if value.fract() != 0.0 || !(low as f64..=high as f64).contains(&value) {
        cx.error_span(
            raw.span.clone(),
            format!("{name} must be a whole number of {unit} from {low} to {high}, not {value}"),
        );
        return None;
    }
    Some(value as usize)
}

/// `base_url`: the absolute http(s) address the site is published at, written with a final
/// `/` so that page paths can be put after it.
fn base_url(cx: &mut FileContext, raw: &At<String>) -> Option<String> {
    let text = raw.get().trim();
    let parsed = url::Url::parse(text).ok().filter(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    });
    let Some(mut url) = parsed else {
        cx.error_span(
            raw.span.clone(),
            format!("base_url {text:?} is not the full address of a website"),
        );
        cx.hint("write the address the site will be published at, from https:// on: base_url = \"https://www.example.nl/opvolging/\"");
        return None;
    };
    if url.query().is_some() || url.fragment().is_some() {
        cx.error_span(
            raw.span.clone(),
            "base_url may not have a ?query or #fragment",
        );
        return None;
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Some(url.to_string())
}

fn accessibility(
    cx: &mut FileContext,
    raw: Option<&parse::AccessibilityFile>,
) -> Option<Accessibility> {
    let Some(raw) = raw else {
        return Some(Accessibility {
            status: ComplianceStatus::NotAssessed,
            evaluated: None,
            method: None,
            known_issues: Vec::new(),
            contact: None,
        });
    };
    let contact_ok = raw.contact.as_ref().is_none_or(|c| {
        let text = c.get();
        let email =
            text.contains('@') && !text.contains(':') && !text.contains(char::is_whitespace);
        email || cx.url(c.start(), text)
    });
    if !contact_ok {
        cx.hint("give an e-mail address (name@example.nl) or a web address starting with https://");
        return None;
    }
    Some(Accessibility {
        status: raw.status.unwrap_or(ComplianceStatus::NotAssessed),
        evaluated: raw.evaluated.as_ref().map(|d| d.value),
        method: raw.method.clone(),
        known_issues: raw.known_issues.clone(),
        contact: raw.contact.as_ref().map(|c| c.get().clone()),
    })
}
