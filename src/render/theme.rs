//! The theme, compiled: its templates (tera), the texts of the site's language and its static
//! files. Owns how template errors are placed in their files, HTML escaping, the filters
//! opvolg adds (`css_string`, `script_json`), and the pages' Content-Security-Policy, which
//! templates get as `csp` (with the warning when a theme's page does not carry it). It knows
//! nothing of pages: which template renders what is the contract's (`views`).

use super::i18n::Translations;
use super::views;
use crate::diag::Diagnostics;
use crate::model::Language;
use crate::source::ThemeFiles;
use std::collections::BTreeMap;

/// A theme ready to render with: compiled templates, the language's texts and the assets.
pub struct Theme {
    /// The language of its texts.
    pub language: Language,
    pub(super) tera: tera::Tera,
    pub(super) translations: Translations,
    pub(super) assets: Vec<(String, Vec<u8>)>,
    /// template name -> (path relative to the site root, text), for error positions.
    pub(super) sources: BTreeMap<String, (String, String)>,
}

impl Theme {
    /// Compiles the theme's templates and loads the texts for `language`.
    pub fn compile(
        files: &ThemeFiles,
        language: Language,
        diags: &mut Diagnostics,
    ) -> Option<Theme> {
        let mut tera = tera::Tera::default();
        tera.set_escape_fn(super::escape::escape_html_to);
        // What tera 1 escaped, which tera 2 does by default too: said here so that a change of
        // tera's default cannot unescape a theme's pages.
        tera.autoescape_on([".html", ".htm", ".xml"]);
        // Before the templates: tera 2 refuses a template that uses a filter it does not know.
        tera.register_filter("css_string", css_string_filter);
        tera.register_filter("script_json", script_json_filter);
        let mut sources = BTreeMap::new();
        for (name, file) in &files.templates {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        // All at once: inheritance, includes and components resolve only when every template
        // is in.
        let raw = files
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), &*file.text));
        let mut ok = true;
        if let Err(e) = tera.add_raw_templates(raw) {
            template_errors(&e, files, &sources, diags);
            ok = false;
        }
        for required in views::required_templates() {
            if !sources.contains_key(required) {
                diags.error_in_file(
                    &format!("themes/{}/templates/{required}", files.name),
                    format!("the theme \"{}\" lacks the template {required}", files.name),
                );
                ok = false;
            }
        }
        let translations = match files
            .translations
            .iter()
            .find(|(lang, _)| lang == language.code())
        {
            Some((_, layers)) => Translations::layered(layers, diags),
            None => {
                diags.error_in_file(
                    &format!("themes/{}/i18n/{}.toml", files.name, language.code()),
                    format!(
                        "the theme \"{}\" has no texts for language \"{}\"",
                        files.name,
                        language.code()
                    ),
                );
                None
            }
        };
        // opvolg writes these itself; a theme's file of the same name would be replaced in a
        // build and win in the preview, so it is refused.
        let generated = std::iter::once(super::charts::STYLESHEET_PATH)
            .chain(super::charts::WEB_FONTS.iter().map(|(path, _)| *path));
        for path in generated {
            let asset = path.strip_prefix(crate::paths::STATIC).unwrap_or(path);
            if files.assets.iter().any(|(name, _)| name == asset) {
                diags.error_in_file(
                    &format!("themes/{}/static/{asset}", files.name),
                    format!(
                        "static/{asset} is made by opvolg for the charts: a theme cannot replace it"
                    ),
                );
                diags.with_hint("give the file another name, and link it from base.html");
                ok = false;
            }
        }
        if !ok {
            return None;
        }
        Some(Theme {
            language,
            tera,
            translations: translations?,
            assets: files.assets.clone(),
            sources,
        })
    }

    pub fn translations(&self) -> &Translations {
        &self.translations
    }

    /// A warning when the page at `path`, rendered with `template` into `html`, does not
    /// carry its policy `csp` (as written or escaped), which allows its script: a base.html
    /// that writes a policy of its own (one copied before opvolg made it) keeps the script from
    /// running. The warning is on the template that writes a policy, base.html as a rule.
    pub(super) fn check_policy(
        &self,
        template: &str,
        path: &str,
        html: &str,
        csp: &str,
        diags: &mut Diagnostics,
    ) {
        if html.contains(csp) || html.contains(&super::escape::escape_html(csp)) {
            return;
        }
        const NAME: &str = "content-security-policy";
        let writing = [template, "base.html"]
            .into_iter()
            .filter_map(|name| self.sources.get(name))
            .chain(self.sources.values())
            .find_map(|(file, text)| {
                let at = text.to_ascii_lowercase().find(NAME)?;
                Some((file, text, at))
            });
        let message = format!(
            "{path} does not carry the Content-Security-Policy that allows its script, so \
             browsers will not run it"
        );
        match writing {
            Some((file, text, at)) => diags.warning_span(file, text, at..at + NAME.len(), message),
            None => {
                let file = self
                    .sources
                    .get(template)
                    .map_or(template, |(file, _)| file);
                diags.warning_in_file(file, message);
            }
        }
        diags.with_hint(
            "write the policy opvolg makes for each page, `csp`: <meta \
             http-equiv=\"Content-Security-Policy\" content=\"{{ csp }}\"> in base.html",
        );
    }
}

impl Theme {
    /// `template` failed while rendering the page at `page`: the problem is placed at tera's
    /// span in the template it happened in (an included partial, `base.html`, a component of
    /// `macros.html`), and the hint says where that was called from and which page met it
    /// first.
    pub(super) fn render_problem(
        &self,
        template: &str,
        page: &str,
        error: &tera::Error,
        diags: &mut Diagnostics,
    ) {
        let report = match error.kind() {
            tera::ErrorKind::RenderingError(report) => Some(&**report),
            _ => None,
        };
        let name = report.map_or(template, |r| r.filename());
        let (file, text) = self
            .sources
            .get(name)
            .map_or((name, ""), |(file, text)| (file.as_str(), text.as_str()));
        match report {
            Some(report) => {
                let span = report.span().range.clone();
                // tera 2 says what is wrong in words a theme's author can act on ("Field
                // `titel` is not defined. Available fields: body, ..."): kept as it is.
                diags.error_span(file, text, span, report.message());
            }
            None => diags.error_in_file(file, format!("template {name}: {}", error_chain(error))),
        }
        // tera names the templates and components that led there as notes: "called from
        // <template>:<line>:<column>".
        let called_from: Vec<String> = error
            .to_string()
            .lines()
            .filter_map(|line| line.strip_prefix("note: called from "))
            .map(|place| match place.split_once(':') {
                Some((name, at)) => match self.sources.get(name) {
                    Some((file, _)) => format!("{file}:{at}"),
                    None => place.to_string(),
                },
                None => place.to_string(),
            })
            .collect();
        let called_from = match called_from.is_empty() {
            true => String::new(),
            false => format!("called from {}; ", called_from.join(", ")),
        };
        diags.with_hint(format!(
            "{called_from}first met while rendering {page}; `opvolg theme context` lists what \
             templates can use"
        ));
    }
}

/// `sha256-<base64>` of an inline script: the source that allows exactly that script in a
/// Content-Security-Policy (the search page's script; the preview's live-reload script).
pub fn csp_hash(script: &str) -> String {
    use base64::Engine;
    use sha2::Digest;
    let digest = sha2::Sha256::digest(script.as_bytes());
    format!(
        "sha256-{}",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The Content-Security-Policy of a page, which templates get as `csp`: nothing but the site's
/// own stylesheets, fonts and images (also from `file:`, for a site opened from disk), forms
/// only to the site itself, and with `script` (the page's own inline script, the search
/// page's) exactly that script, by its hash, and what it loads (`'strict-dynamic'`). It holds
/// no `"`, `<`, `>` or `&`, so a template may write it unescaped.
pub fn content_security_policy(script: Option<&str>) -> String {
    let script_src = script.map_or(String::new(), |script| {
        format!("script-src '{}' 'strict-dynamic'; ", csp_hash(script))
    });
    format!(
        "default-src 'none'; {script_src}style-src 'self' file:; font-src 'self' file:; \
         img-src 'self' file:; base-uri 'none'; form-action 'self' file:"
    )
}

/// Places tera's refusal of the theme's templates in their files. A syntax error stops tera at
/// the first template it cannot read, so then every template is read on its own and each one's
/// first syntax error is reported; the problems tera finds when it checks the templates together
/// (every unknown filter, component, included template or block) come as one text of reports,
/// each at its place; a missing parent or a circle of includes is a problem of the file.
fn template_errors(
    error: &tera::Error,
    files: &ThemeFiles,
    sources: &BTreeMap<String, (String, String)>,
    diags: &mut Diagnostics,
) {
    let folder = format!("themes/{}/templates", files.name);
    let file_of = |name: &str| sources.get(name).map_or(folder.as_str(), |(path, _)| path);
    match error.kind() {
        tera::ErrorKind::SyntaxError(_) => {
            let mut found = false;
            for (name, file) in &files.templates {
                if let Err(e) = tera::Tera::default().add_raw_template(name, &file.text)
                    && let tera::ErrorKind::SyntaxError(report) = e.kind()
                {
                    syntax_error(report, &file.path, &file.text, diags);
                    found = true;
                }
            }
            if !found && let tera::ErrorKind::SyntaxError(report) = error.kind() {
                let (path, text) = sources
                    .get(report.filename())
                    .map_or((folder.as_str(), ""), |(path, text)| (path, text));
                syntax_error(report, path, text, diags);
            }
        }
        tera::ErrorKind::Msg(text) => {
            let reports = reports_in(text);
            if reports.is_empty() {
                diags.error_in_file(&folder, format!("template error: {text}"));
            }
            for (message, name, line, column) in reports {
                match sources.get(&name) {
                    Some((path, text)) => {
                        let offset = offset_of_char(text, line, column);
                        diags.error_at(path, text, offset, format!("template error: {message}"));
                    }
                    None => diags.error_in_file(&folder, format!("template error: {message}")),
                }
            }
        }
        tera::ErrorKind::MissingParent { current, parent } => diags.error_in_file(
            file_of(current),
            format!("{current} extends \"{parent}\", which the theme does not have"),
        ),
        tera::ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => diags.error_in_file(
            file_of(tpl),
            format!(
                "{tpl} extends itself: {} -> {tpl}",
                inheritance_chain.join(" -> ")
            ),
        ),
        tera::ErrorKind::CircularInclude { tpl, include_chain } => diags.error_in_file(
            file_of(tpl),
            format!("{tpl} includes itself: {}", include_chain.join(" -> ")),
        ),
        _ => diags.error_in_file(&folder, format!("template error: {error}")),
    }
}

/// A syntax error at tera's span, with what tera 2 expected; where the template is written in
/// tera 1's words (a theme made before opvolg moved to tera 2), what to change.
fn syntax_error(report: &tera::ReportError, path: &str, text: &str, diags: &mut Diagnostics) {
    let span = report.span().range.clone();
    let message = match (report.message(), text.get(span.clone())) {
        // The tag is underlined; the one-line form of the message names it too.
        ("Unknown tag", Some(tag)) => format!("Unknown tag `{tag}`"),
        (said, _) => said.to_string(),
    };
    diags.error_span(
        path,
        text,
        span.clone(),
        format!("template syntax error: {message}"),
    );
    if let Some(hint) = tera1_hint(text, span.start) {
        diags.with_hint(hint);
    }
}

/// What to write instead, when the line of the error at `offset` is in tera 1's words: a
/// macro, its import or a call of it, which tera 2 replaced by components.
fn tera1_hint(text: &str, offset: usize) -> Option<&'static str> {
    let start = text.get(..offset)?.rfind('\n').map_or(0, |at| at + 1);
    let end = text
        .get(offset..)?
        .find('\n')
        .map_or(text.len(), |at| offset + at);
    let line = &text[start..end];
    ["macro ", "import ", "::"]
        .iter()
        .any(|word| line.contains(word))
        .then_some(TERA1_HINT)
}

/// How a tera 1 theme's macros become tera 2's components (README, "Themes written before
/// tera 2").
pub(super) const TERA1_HINT: &str = "templates are tera 2 now: a macro is a component \
    ({% component name(a, b) %}...{% endcomponent name %}), there is no {% import %}, and a \
    call `m::name(a=x, b=\"h2\")` is written {{<name a={x} b={\"h2\"}/>}}; see the README, \
    \"Themes written for opvolg before tera 2\"";

/// tera's reports, as its checks of the templates together give them: "error: <message>",
/// then " --> <template>:<line>:<column>" (the column in characters, from 1), then the line
/// quoted. Returns (message, template, line, column) for each.
fn reports_in(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message = None;
    for line in text.lines() {
        if let Some(said) = line.strip_prefix("error: ") {
            message = Some(said.to_string());
        } else if let Some(place) = line.trim_start().strip_prefix("--> ")
            && let Some(said) = message.take()
        {
            let mut parts = place.rsplitn(3, ':');
            let column = parts.next().and_then(|c| c.parse().ok());
            let line = parts.next().and_then(|l| l.parse().ok());
            if let (Some(column), Some(line), Some(name)) = (column, line, parts.next()) {
                found.push((said, name.to_string(), line, column));
            }
        }
    }
    found
}

/// The byte offset of a 1-based line and character column.
fn offset_of_char(text: &str, line: usize, column: usize) -> usize {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = &text[line_start.min(text.len())..];
    line_start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(rest.len(), |(at, _)| at)
}

pub(super) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        parts.push(s.to_string());
        source = s.source();
    }
    parts.join(": ")
}

/// `| css_string`: a text for a CSS string in double quotes (the dossier's print setup), so
/// no text can end the string or the rule.
fn css_string_filter(text: &str, _: tera::Kwargs, _: &tera::State) -> String {
    css_string(text)
}

/// `| script_json`: a value as JSON that can stand in a `<script>` element (the search
/// script's setup): `<`, `>` and `&` as `\u` escapes, so no text can end the element, and the
/// line and paragraph separators too, which older browsers took for line ends. The fields keep
/// the order of their struct (tera's `preserve_order`).
fn script_json_filter(value: tera::Value, _: tera::Kwargs, _: &tera::State) -> String {
    script_json(&value)
}

/// A value as JSON safe inside a `<script>` element.
pub fn script_json(value: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".to_string());
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a CSS string in double quotes.
pub fn css_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' => out.push_str("\\A "),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_strings_cannot_break_out_of_their_quotes() {
        assert_eq!(css_string("a \"b\" \\ c\n"), "a \\\"b\\\" \\\\ c\\A ");
    }

    #[test]
    fn script_json_cannot_end_its_script_element() {
        let text = "</script><!-- a & b \u{2028}";
        let json = script_json(&text);
        assert_eq!(
            json,
            "\"\\u003c/script\\u003e\\u003c!-- a \\u0026 b \\u2028\""
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
    }

    #[test]
    fn a_pages_policy_allows_its_own_script_and_no_other() {
        let policy = content_security_policy(None);
        assert!(
            policy.starts_with("default-src 'none'; style-src"),
            "{policy}"
        );
        assert!(!policy.contains("script-src"));
        let with = content_security_policy(Some("x()"));
        assert!(
            with.contains(&format!(
                "; script-src '{}' 'strict-dynamic'; ",
                csp_hash("x()")
            )),
            "{with}"
        );
        for c in ['"', '<', '>', '&'] {
            assert!(!with.contains(c));
        }
    }
}
