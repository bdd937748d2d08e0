//! The reference of the theme contract: every variable a template gets and every field of
//! every struct in it, with its meaning, written out from the views' own types (their JSON
//! Schemas, which carry the doc comments). `opvolg theme context` prints it; the checked-in
//! `docs/theme-context.md` is kept equal to it by a test, so the reference cannot drift from
//! the code. It also states the format of the search index, which the theme's script reads,
//! from the index files' own types (`search_index`).

use super::search_index::{EntryRow, WORD_RULE, WordsFile};
use super::views::{self, FootnoteRef, Footnotes, PrintSetup, Problems, SiteView};
use schemars::{SchemaGenerator, generate::SchemaSettings};
use serde_json::Value;
use std::collections::BTreeSet;
use std::fmt::Write;

/// A struct of the contract with its fields: (name, type, meaning).
pub struct Described {
    pub name: String,
    pub description: String,
    pub fields: Vec<(String, String, String)>,
}

/// Every struct the templates can see, in the order the reference lists them: `site`, the
/// page structs in the order of the contract's table, the partials' variables, then every
/// struct they hold, each once, where first met.
pub fn structs() -> Vec<Described> {
    let mut generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let mut roots: Vec<(String, Value)> = Vec::new();
    let mut root = |name: &str, schema: schemars::Schema| {
        roots.push((name.to_string(), schema.to_value()));
    };
    root("SiteView", generator.subschema_for::<SiteView>());
    for (template, schema) in views::page_schemas(&mut generator) {
        let name = views::PAGE_TEMPLATES
            .iter()
            .find(|(t, _)| *t == template)
            .map_or(template, |(_, name)| name);
        root(name, schema);
    }
    root("ChartView", generator.subschema_for::<views::ChartView>());
    root(
        "ChangesView",
        generator.subschema_for::<views::ChangesView>(),
    );
    root("CitedBy", generator.subschema_for::<views::CitedBy>());
    root("FootnoteRef", generator.subschema_for::<FootnoteRef>());
    root("Footnotes", generator.subschema_for::<Footnotes>());
    root("Problems", generator.subschema_for::<Problems>());
    root("PrintSetup", generator.subschema_for::<PrintSetup>());
    root(
        "SearchSetup",
        generator.subschema_for::<views::SearchSetup>(),
    );
    described(generator, &roots)
}

/// What the files of the search index hold (`search/words-<c>.js`, `search/entries-<n>.js`),
/// and every struct in it.
pub fn index_structs() -> Vec<Described> {
    let mut generator = SchemaGenerator::new(SchemaSettings::draft2020_12());
    let roots = [
        ("WordsFile", generator.subschema_for::<WordsFile>()),
        ("EntryRow", generator.subschema_for::<EntryRow>()),
    ]
    .map(|(name, schema)| (name.to_string(), schema.to_value()));
    described(generator, &roots)
}

/// The structs of `roots` and every struct they hold, each once, where first met.
fn described(mut generator: SchemaGenerator, roots: &[(String, Value)]) -> Vec<Described> {
    let defs: serde_json::Map<String, Value> =
        generator.take_definitions(true).into_iter().collect();
    let mut order: Vec<String> = Vec::new();
    let mut seen = BTreeSet::new();
    let mut queue: Vec<String> = roots.iter().map(|(name, _)| name.clone()).collect();
    // Breadth first: a struct is listed after the first struct that holds it.
    let mut at = 0;
    while at < queue.len() {
        let name = queue[at].clone();
        at += 1;
        if !seen.insert(name.clone()) {
            continue;
        }
        let Some(schema) = defs.get(&name) else {
            continue;
        };
        order.push(name);
        let mut refs = Vec::new();
        collect_refs(schema, &mut refs);
        queue.extend(refs);
    }
    order
        .into_iter()
        .filter_map(|name| {
            let schema = defs.get(&name)?;
            let properties = schema.get("properties")?.as_object()?;
            Some(Described {
                description: text(schema),
                fields: properties
                    .iter()
                    .map(|(field, s)| (field.clone(), type_of(s), text(s)))
                    .collect(),
                name,
            })
        })
        .collect()
}

/// The names of the structs a schema refers to, in order.
fn collect_refs(schema: &Value, out: &mut Vec<String>) {
    match schema {
        Value::Object(map) => {
            if let Some(name) = map
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/$defs/"))
            {
                out.push(name.to_string());
            }
            for value in map.values() {
                collect_refs(value, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| collect_refs(item, out)),
        _ => {}
    }
}

fn text(schema: &Value) -> String {
    schema
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or("")
        .replace('\n', " ")
        // Inside a table a `|` would end the cell, even in code.
        .replace('|', "\\|")
}

/// A field's type in the words of the reference: `text`, `number`, `yes/no`, `list of Link`,
/// `Label or null`.
fn type_of(schema: &Value) -> String {
    if let Some(name) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return name.to_string();
    }
    if let Some(alternatives) = schema.get("anyOf").and_then(Value::as_array) {
        let types: Vec<String> = alternatives.iter().map(type_of).collect();
        return types.join(" or ");
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let words: Vec<String> = types
        .iter()
        .map(|t| match *t {
            "string" => match schema.get("enum").and_then(Value::as_array) {
                Some(keys) => format!(
                    "one of {}",
                    keys.iter()
                        .filter_map(Value::as_str)
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                None => "text".to_string(),
            },
            "integer" | "number" => "number".to_string(),
            "boolean" => "yes/no".to_string(),
            "object" => match schema.get("additionalProperties") {
                Some(values) => format!("map of text to {}", type_of(values)),
                None => "object".to_string(),
            },
            "null" => "null".to_string(),
            "array" => format!(
                "list of {}",
                schema.get("items").map_or("values".to_string(), type_of)
            ),
            other => other.to_string(),
        })
        .collect();
    if words.is_empty() {
        "value".to_string()
    } else {
        words.join(" or ")
    }
}

/// The reference as Markdown.
pub fn markdown() -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# The template context\n\n\
         Generated by `opvolg theme context` from the types in `src/render/views/`; a test keeps \
         this file equal to what the command prints. `opvolg theme context --root SITE PAGE` prints \
         the context of one page of a site as JSON.\n\n\
         Every page template gets:\n\n\
         | variable | what |\n|---|---|\n\
         | `site` | the site's facts ([SiteView](#siteview)) |\n\
         | `t` | the texts of the site's language: the theme's `i18n/<lang>.toml` (`t.ui.dashboard`, `t.state.open`, ...) |\n\
         | `root` | the way from the page back to the site root (`\"\"`, `\"../\"`): every `url` is relative to the root, so templates write `{{{{ root }}}}{{{{ x.url }}}}` |\n\
         | `path` | the page's own path (`recommendations/R1.html`) |\n\
         | `section` | the part of the site the page is in: {} |\n\
         | `csp` | the page's Content-Security-Policy, made by opvolg: write it as `<meta http-equiv=\"Content-Security-Policy\" content=\"{{{{ csp \\| safe }}}}\">` in `base.html` (it holds no `\"`, `<`, `>` or `&`; escaped it means the same). It allows no script, but on the search page exactly its script (by its hash) and the index files that script loads; a search page without it is a warning, as its script cannot run |\n\
         | `page` | the page's own struct, by template (below) |\n",
        <views::Section as strum::IntoEnumIterator>::iter()
            .map(|s| format!(
                "`{}`",
                serde_json::to_value(s)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default()
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(out, "## Page templates\n\n| template | `page` |\n|---|---|");
    for (template, name) in views::PAGE_TEMPLATES {
        let _ = writeln!(out, "| `{template}` | [{name}](#{}) |", name.to_lowercase());
    }
    let _ = writeln!(
        out,
        "\n## Partials and other templates\n\n| template | gets |\n|---|---|"
    );
    for (template, gets) in views::PARTIALS.iter().chain(views::TEXT_TEMPLATES) {
        let _ = writeln!(out, "| `{template}` | {gets} |");
    }
    let _ = writeln!(out, "\n## The structs\n");
    write_structs(&mut out, structs());
    let _ = writeln!(
        out,
        "## The search index\n\n\
         The search page's script (`search.js`) reads the index opvolg writes into the search \
         folder as classic scripts, which run from a page opened from disk too: \
         `search/words-<c>.js` calls `opvolgSearch.words(\"<c>\", WordsFile)`, and \
         `search/entries-<n>.js` calls `opvolgSearch.entries(<n>, [EntryRow, ...])`, where the \
         script has set `window.opvolgSearch` before it loads them. What the script needs to \
         read them comes as `search` ([SearchSetup](#searchsetup)).\n\n\
         **Words.** {WORD_RULE} A query is folded and cut the same way; each of its words is \
         looked up among the forms of the words file of its first character.\n"
    );
    write_structs(&mut out, index_structs());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Each struct as a heading, its description and a table of its fields.
fn write_structs(out: &mut String, structs: Vec<Described>) {
    for described in structs {
        let _ = writeln!(out, "### {}\n", described.name);
        if !described.description.is_empty() {
            let _ = writeln!(out, "{}\n", described.description);
        }
        let _ = writeln!(out, "| field | type | meaning |\n|---|---|---|");
        for (field, kind, meaning) in &described.fields {
            let _ = writeln!(out, "| `{field}` | {kind} | {meaning} |");
        }
        out.push('\n');
    }
}
