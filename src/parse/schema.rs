//! The shape of each kind of file: which fields it has, which are required, and what kind of
//! value each holds. Checked on the spanned tree before the typed records are read, so that a
//! file's every missing field, unknown field and wrongly typed value is reported in one run,
//! each at the value itself and in the writer's terms ("expected a number, found the text
//! "51": write it without quotes"), not serde's.
//!
//! The shapes must agree with the `Raw*` records in `parse`: a test reads a complete example of
//! each through both.

use super::tree::{Node, Value};
use crate::diag::did_you_mean;
use std::ops::Range;

/// What a value must be.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Text,
    Number,
    /// A number, or null for a gap.
    NumberOrNull,
    Bool,
    /// A TOML date, or a date written as text (checked later).
    Date,
    List(&'static Shape),
    Table(&'static [Field]),
}

/// A field of a table.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub shape: Shape,
    pub required: bool,
}

const fn req(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: true,
    }
}

const fn opt(name: &'static str, shape: Shape) -> Field {
    Field {
        name,
        shape,
        required: false,
    }
}

use Shape::*;

pub const SITE: &[Field] = &[
    req("title", Text),
    opt("language", Text),
    req("as_of", Date),
    opt("theme", Text),
    opt("base_url", Text),
    opt("description", Text),
    opt("publisher", Text),
    opt("notice", Text),
    opt("allow_html", Bool),
    opt("accessibility", Table(ACCESSIBILITY)),
    opt("review", Table(REVIEW)),
    opt("feed", Table(FEED)),
    opt("lists", Table(LISTS)),
];

const REVIEW: &[Field] = &[opt("stale_after_months", Number)];
const FEED: &[Field] = &[opt("limit", Number)];
const LISTS: &[Field] = &[opt("page_size", Number)];

const ACCESSIBILITY: &[Field] = &[
    opt("status", Text),
    opt("evaluated", Date),
    opt("method", Text),
    opt("known_issues", List(&Text)),
    opt("contact", Text),
];

pub const HOME: &[Field] = &[opt("title", Text)];

pub const DOCUMENT: &[Field] = &[
    req("title", Text),
    req("date", Date),
    req("kind", Text),
    opt("reference", Text),
    opt("author", Text),
    opt("url", Text),
];

pub const TOPIC: &[Field] = &[req("title", Text)];

pub const RECOMMENDATION: &[Field] = &[
    req("id", Text),
    req("title", Text),
    req("source", Text),
    opt("addressed_to", List(&Text)),
    opt("topics", List(&Text)),
    req("response", Text),
    // Required unless the response is "pending": validation says so.
    opt("response_ref", Text),
    opt("indicators", List(&Text)),
    opt("commitments", List(&Table(COMMITMENT))),
    opt("status", List(&Table(STATUS))),
];

const COMMITMENT: &[Field] = &[
    req("text", Text),
    req("owner", Text),
    req("due", Date),
    opt("done", Date),
    opt("ref", Text),
    opt("revisions", List(&Table(REVISION))),
];

const REVISION: &[Field] = &[
    req("date", Date),
    req("previous_due", Date),
    req("reason", Text),
    opt("ref", Text),
];

const STATUS: &[Field] = &[
    req("date", Date),
    req("state", Text),
    req("note", Text),
    opt("ref", Text),
];

pub const INDICATOR: &[Field] = &[
    req("id", Text),
    req("title", Text),
    req("unit", Text),
    req("description", Text),
    req("source", Table(SOURCE)),
    req("provenance", Text),
    req("chart", Text),
    opt("decimals", Number),
    opt("target", Table(TARGET)),
    req("series", List(&Table(SERIES))),
];

const SOURCE: &[Field] = &[req("name", Text), opt("url", Text)];

const TARGET: &[Field] = &[
    req("value", Number),
    req("direction", Text),
    req("by", Text),
    opt("label", Text),
];

const SERIES: &[Field] = &[req("name", Text), req("points", List(&Table(POINT)))];

const POINT: &[Field] = &[req("date", Text), opt("value", NumberOrNull)];

/// One structural problem: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// Checks `node` (a whole file's table) against `fields`; every problem is returned. `start`
/// is where a missing field of the file itself is reported (the start of its front matter);
/// `json` picks the words for JSON files.
pub fn check(
    node: &Node,
    fields: &'static [Field],
    start: Range<usize>,
    json: bool,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_table(node, fields, start, json, &mut problems);
    problems
}

fn check_table(
    node: &Node,
    fields: &'static [Field],
    missing_at: Range<usize>,
    json: bool,
    problems: &mut Vec<Problem>,
) {
    let Value::Table(present) = &node.value else {
        return;
    };
    for field in present {
        match fields.iter().find(|f| f.name == field.key) {
            // `null` is how JSON leaves out an optional field.
            Some(known) if !known.required && field.node.value == Value::Null => {}
            Some(known) => check_value(&field.node, known.shape, json, problems),
            None => {
                let names = fields.iter().map(|f| f.name);
                let hint = match did_you_mean(&field.key, names.clone()) {
                    Some(close) => format!(
                        "did you mean `{close}`? Unknown fields are errors, so a typo cannot drop data"
                    ),
                    None => format!(
                        "the fields allowed here are: {}",
                        names.collect::<Vec<_>>().join(", ")
                    ),
                };
                problems.push(Problem {
                    span: field.key_span.clone(),
                    message: format!("unknown field `{}`", field.key),
                    hint: Some(hint),
                });
            }
        }
    }
    let required: Vec<&str> = fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.name)
        .collect();
    for name in &required {
        if !present.iter().any(|f| f.key == *name) {
            problems.push(Problem {
                span: missing_at.clone(),
                message: format!("the required field `{name}` is missing"),
                hint: Some(format!("required here: {}", required.join(", "))),
            });
        }
    }
}

fn check_value(node: &Node, shape: Shape, json: bool, problems: &mut Vec<Problem>) {
    let fits = match (&node.value, shape) {
        (Value::Text(_), Text | Date) => true,
        (Value::Number(_), Number | NumberOrNull) => true,
        (Value::Null, NumberOrNull) => true,
        (Value::Bool(_), Bool) => true,
        (Value::Date(_), Date) => true,
        (Value::List(items), List(inner)) => {
            for item in items {
                check_value(item, *inner, json, problems);
            }
            true
        }
        (Value::Table(_), Table(fields)) => {
            // A field missing from a nested table is reported at the table's first line.
            let start = node.span.start..node.span.start + 1;
            check_table(node, fields, start, json, problems);
            true
        }
        _ => false,
    };
    if !fits {
        problems.push(type_problem(node, shape, json));
    }
}

/// "expected a number, found the text "51"", with the way to write it.
fn type_problem(node: &Node, shape: Shape, json: bool) -> Problem {
    let expected = match shape {
        Text => "a text (in quotes)",
        Number => "a number",
        NumberOrNull => "a number, or null for a gap",
        Bool => "true or false",
        Date => "a date like 2023-05-25",
        List(_) => "a list",
        Table(_) if json => "an object ({ ... })",
        Table(_) => "a table",
    };
    let hint = match (&node.value, shape) {
        (Value::Text(text), Number | NumberOrNull) => number_hint(text),
        (Value::Number(n), Text) => Some(format!("put it in quotes: \"{n}\"")),
        (Value::Bool(b), Text) => Some(format!("put it in quotes: \"{b}\"")),
        (Value::Text(text), Bool) if matches!(text.as_str(), "true" | "false") => {
            Some(format!("write {text} without quotes"))
        }
        (Value::Text(text), List(Text)) => Some(format!("write a list: [{text:?}]")),
        (Value::Text(_) | Value::Number(_), List(_)) => {
            Some("write a list in square brackets: [ ... ]".into())
        }
        _ => None,
    };
    Problem {
        span: node.span.clone(),
        message: format!("expected {expected}, found {}", node.describe(json)),
        hint,
    }
}

/// How to write a number that was written as text.
fn number_hint(text: &str) -> Option<String> {
    let trimmed = text.trim();
    if trimmed.parse::<f64>().is_ok() {
        return Some(format!("write it without quotes: {trimmed}"));
    }
    let with_point = trimmed.replacen(',', ".", 1);
    if !trimmed.contains('.') && with_point.parse::<f64>().is_ok() {
        return Some(format!(
            "write it without quotes and with a decimal point: {with_point}"
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::tree;
    use super::*;

    #[test]
    fn every_problem_of_a_file_is_found_in_one_pass_in_the_writers_terms() {
        let json = r#"{"id": "x", "titel": "t", "unit": 5, "description": "d",
            "source": {"name": "s"}, "provenance": "official", "chart": "line",
            "series": [{"name": "a", "points": [{"date": "2023", "value": "51"},
            {"date": "2024", "value": "51,5"}, {"value": 1}]}]}"#;
        let tree = tree::from_json(json).unwrap();
        let problems = check(&tree, INDICATOR, 0..1, true);
        let said: Vec<String> = problems
            .iter()
            .map(|p| {
                format!(
                    "{} | {} | {}",
                    &json[p.span.clone()],
                    p.message,
                    p.hint.clone().unwrap_or_default()
                )
            })
            .collect();
        let expect = [
            "\"titel\" | unknown field `titel` | did you mean `title`? Unknown fields are errors, so a typo cannot drop data",
            "5 | expected a text (in quotes), found the number 5 | put it in quotes: \"5\"",
            "\"51\" | expected a number, or null for a gap, found the text \"51\" | write it without quotes: 51",
            "\"51,5\" | expected a number, or null for a gap, found the text \"51,5\" | write it without quotes and with a decimal point: 51.5",
        ];
        for e in expect {
            assert!(said.iter().any(|s| s == e), "missing {e:?} in {said:#?}");
        }
        // Both missing fields, each once: `title` of the file, `date` of the third point.
        assert!(
            said.iter()
                .any(|s| s.contains("the required field `title` is missing"))
        );
        let date = problems
            .iter()
            .find(|p| p.message.contains("`date` is missing"))
            .unwrap();
        assert_eq!(&json[date.span.clone()], "{");
        assert_eq!(problems.len(), 6, "{said:#?}");
    }

    #[test]
    fn a_text_where_a_list_belongs_is_shown_as_a_list() {
        let text = "id = \"R1\"\ntopics = \"transparency\"\n";
        let tree = tree::from_toml(text, 0).unwrap();
        let problems = check(&tree, RECOMMENDATION, 0..1, false);
        let topics = problems
            .iter()
            .find(|p| p.message.contains("a list"))
            .unwrap();
        assert_eq!(&text[topics.span.clone()], "\"transparency\"");
        assert_eq!(
            topics.hint.as_deref(),
            Some("write a list: [\"transparency\"]")
        );
    }
}
