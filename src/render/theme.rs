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
        tera.set_escape_fn(super::escape::escape_html);
        tera.register_filter("css_string", css_string_filter);
        tera.register_filter("script_json", script_json_filter);
        let mut sources = BTreeMap::new();
        for (name, file) in &files.templates {
            sources.insert(name.clone(), (file.path.clone(), file.text.to_string()));
        }
        // All at once: inheritance and macro imports resolve only when every template is in.
        let raw = files
            .templates
            .iter()
            .map(|(name, file)| (name.as_str(), &*file.text));
        let mut ok = true;
        if let Err(e) = tera.add_raw_templates(raw) {
            let (line, column, message, chain) = template_error_position(&e);
            // Tera names the failing template in quotes: "Failed to parse 'x.html'".
            let path = files
                .templates
                .iter()
                .find(|(name, _)| chain.contains(&format!("'{name}'")))
                .map_or_else(
                    || format!("themes/{}/templates", files.name),
                    |(_, f)| f.path.clone(),
                );
            let text = files
                .templates
                .iter()
                .find(|(_, f)| f.path == path)
                .map_or("", |(_, f)| &*f.text);
            let offset = crate::diag::offset_of(text, line, column);
            diags.error_at(&path, text, offset, message);
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

/// Tera's parse errors carry "--> line:column" in their cause chain; find it, and shorten the
/// message to the parser's explanation. Returns (line, column, message, full chain).
fn template_error_position(e: &tera::Error) -> (usize, usize, String, String) {
    let chain = error_chain(e);
    let position = chain.find("--> ").and_then(|at| {
        let rest = &chain[at + 4..];
        let end = rest
            .find(|c: char| !c.is_ascii_digit() && c != ':')
            .unwrap_or(rest.len());
        let (line, column) = rest[..end].split_once(':')?;
        Some((line.parse().ok()?, column.parse().ok()?))
    });
    let (line, column) = position.unwrap_or((1, 1));
    // The parser's own explanation is its last "= ..." line; the rest repeats the source.
    let expected = chain
        .lines()
        .filter_map(|l| l.trim().strip_prefix("= "))
        .next_back()
        .map(str::to_string);
    let message = match expected {
        Some(expected) => format!("template syntax error: {expected}"),
        None => chain.clone(),
    };
    (line, column, message, chain)
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
fn css_string_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = tera::try_get_value!("css_string", "value", String, value);
    Ok(tera::Value::String(css_string(&text)))
}

/// `| script_json`: a value as JSON that can stand in a `<script>` element (the search
/// script's setup): `<`, `>` and `&` as `\u` escapes, so no text can end the element, and the
/// line and paragraph separators too, which older browsers took for line ends.
fn script_json_filter(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    Ok(tera::Value::String(script_json(value)))
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
