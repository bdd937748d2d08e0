//! `accessibility.html`: the accessibility statement, from `[accessibility]` in site.toml and
//! the theme's texts (the Dutch "toegankelijkheidsverklaring").

use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::paths;
use crate::render::i18n::AccessibilityText;
use crate::render::views::*;

pub(in crate::render) fn accessibility(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let t = cx.t;
    let config = cx.site.config();
    let a = &config.accessibility;
    let publisher = config
        .publisher
        .clone()
        .unwrap_or_else(|| t.text(AccessibilityText::PublisherFallback).to_string());
    let site_name = match &config.base_url {
        Some(url) => format!("{} ({url})", config.title),
        None => config.title.clone(),
    };
    let page = AccessibilityPage {
        intro: t.fill(AccessibilityText::Intro, &[("publisher", &publisher)]),
        scope: t.fill(AccessibilityText::Scope, &[("site", &site_name)]),
        status: cx.label(a.status),
        evaluated: a.evaluated.map(|d| t.date(d)),
        evaluated_iso: a.evaluated.map(|d| d.to_string()),
        method: a.method.clone(),
        known_issues: a.known_issues.clone(),
        contact: a.contact.as_ref().map(|c| Link {
            url: if c.contains('@') && !c.contains(':') {
                format!("mailto:{c}")
            } else {
                c.clone()
            },
            text: c.clone(),
        }),
    };
    out.page(cx, paths::ACCESSIBILITY, page, diags);
}
