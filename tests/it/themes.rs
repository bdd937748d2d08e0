//! The built-in theme: a site needs no theme folder, overrides single files of it, may name a
//! theme of its own, and can write the built-in theme out to customise it.

use crate::support::{Site, repo, snapshot};

/// The built-in theme's file `rel` with `from` replaced by `to` (which must be there).
fn built_in_with(rel: &str, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(repo().join("themes/default").join(rel)).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    text.replacen(from, to, 1)
}

#[test]
fn a_site_without_a_theme_folder_uses_the_built_in_theme() {
    let site = Site::fixture("minimal");
    assert!(!site.root().join("themes").exists());
    site.build_ok();
    let css = std::fs::read(repo().join("themes/default/static/style.css")).unwrap();
    assert_eq!(snapshot(&site.output())["static/style.css"], css);
}

#[test]
fn a_file_under_themes_default_replaces_only_that_file() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let before = snapshot(&site.output());
    site.write(
        "themes/default/static/style.css",
        "body { color: black; }\n",
    );
    let topic = built_in_with(
        "templates/topic.html",
        "<h1>{{ page.title }}</h1>",
        "<h1>Topic: {{ page.title }}</h1>",
    );
    site.write("themes/default/templates/topic.html", &topic);
    let english = built_in_with(
        "i18n/en.toml",
        "dashboard = \"Overview\"",
        "dashboard = \"Start\"",
    );
    site.write("themes/default/i18n/en.toml", &english);
    site.build_ok();
    let after = snapshot(&site.output());
    assert_eq!(after["static/style.css"], b"body { color: black; }\n");
    let general = String::from_utf8(after["topics/general.html"].clone()).unwrap();
    assert!(general.contains("<h1>Topic: General</h1>"), "{general}");
    assert!(general.contains(">Start</a>"), "{general}");
    // Untouched templates are still the built-in ones: only the texts changed.
    let index = String::from_utf8(after["index.html"].clone()).unwrap();
    let index_before = String::from_utf8(before["index.html"].clone()).unwrap();
    assert_ne!(index, index_before);
    assert_eq!(index, index_before.replace(">Overview<", ">Start<"));
}

#[test]
fn a_named_theme_may_be_partial_and_a_missing_one_is_an_error_at_the_theme_line() {
    let site = Site::fixture("minimal");
    let base = built_in_with("templates/base.html", "<body>", "<body class=\"plain\">");
    site.write("themes/plain/templates/base.html", &base);
    site.edit("site.toml", "as_of", "theme = \"plain\"\nas_of");
    site.build_ok();
    assert!(site.page("index.html").contains("<body class=\"plain\">"));
    site.edit("site.toml", "theme = \"plain\"", "theme = \"plane\"");
    let errors = site.build_errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with(
            "site.toml:3:9: error: the theme \"plane\" does not exist: there is no folder themes/plane/"
        ),
        "{errors:?}"
    );
    assert!(errors[0].contains("did you mean \"plain\"?"), "{errors:?}");
}

/// A theme written for tera 1 (before opvolg moved to tera 2) fails where each template first
/// says something tera 2 does not, every template in one run, and the hint says what to write
/// instead.
#[test]
fn a_theme_written_for_tera_1_fails_at_each_place_with_what_to_write_instead() {
    let site = Site::fixture("minimal");
    site.write(
        "themes/default/templates/topic.html",
        "{% extends \"base.html\" %}{% import \"macros.html\" as m %}\n\
         {% block main %}{{ m::pagination(p=page.pagination, root=root, lists=t.lists) }}{% endblock main %}\n",
    );
    site.write(
        "themes/default/templates/macros.html",
        "{% macro pagination(p, root, lists) %}{{ p.label }}{% endmacro pagination %}\n",
    );
    site.write(
        "themes/default/templates/topics.html",
        "{% extends \"base.html\" %}\n{% block main %}{{ m::pagination(p=page.pagination, root=root, lists=t.lists) }}{% endblock main %}\n",
    );
    let errors = site.build_errors();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let expected = [
        "themes/default/templates/macros.html:1:4: error: template syntax error: Unknown tag `macro`",
        "themes/default/templates/topic.html:1:29: error: template syntax error: Unknown tag `import`",
        "themes/default/templates/topics.html:2:21: error: template syntax error: Found `:` but expected }}.",
    ];
    for (error, expected) in errors.iter().zip(expected) {
        assert!(error.starts_with(expected), "{error}");
        assert!(
            error.contains("hint: templates are tera 2 now: a macro is a component"),
            "{error}"
        );
    }
}

#[test]
fn theme_export_writes_the_built_in_theme_that_builds_the_same_site() {
    let site = Site::fixture("minimal");
    site.build_ok();
    let built_in = snapshot(&site.output());
    let out = site.run(&["theme", "export", "themes/default"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("wrote the built-in theme"));
    assert!(
        site.root()
            .join("themes/default/templates/base.html")
            .is_file()
    );
    site.build_ok();
    assert!(
        snapshot(&site.output()) == built_in,
        "the exported theme is the built-in one"
    );
    // A folder with files in it is never written into.
    let again = site.run(&["theme", "export", "themes/default"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("is not empty"));
}

/// Issue 20: a site's translation table replaces the built-in texts key by key, so it holds
/// only what it changes, and texts added to opvolg later reach a site that overrides some.
#[test]
fn a_translation_table_of_one_text_overrides_only_that_text() {
    let site = Site::fixture("minimal");
    site.write(
        "themes/default/i18n/en.toml",
        "[ui]\ndashboard = \"Start\"\n",
    );
    site.build_ok();
    let index = site.page("index.html");
    assert!(index.contains(">Start</a>"), "{index}");
    assert!(
        index.contains(">Recommendations</a>"),
        "the other texts stay: {index}"
    );
    // A key opvolg does not know is still an error, where it is written.
    site.write(
        "themes/default/i18n/en.toml",
        "[ui]\ndashboard = \"Start\"\ndashbord = \"x\"\n",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e
                .starts_with("themes/default/i18n/en.toml:3:1: error: unknown text [ui] dashbord")),
        "{errors:?}"
    );
}

/// Issue 20: opvolg writes static/charts.css itself; a theme's file of that name was replaced
/// in a build and won in the preview. It is an error now.
#[test]
fn a_theme_cannot_replace_the_charts_stylesheet() {
    let site = Site::fixture("minimal");
    site.write(
        "themes/default/static/charts.css",
        "svg { display: none; }\n",
    );
    let errors = site.build_errors();
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with("themes/default/static/charts.css")
                && e.contains("made by opvolg for the charts")),
        "{errors:?}"
    );
}
