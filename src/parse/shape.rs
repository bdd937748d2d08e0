//! The shape of each kind of file, derived from its record's JSON Schema, and checked on the
//! spanned tree before the record is read.
//!
//! A record (`format`) is the one description of a file format: its fields, which are
//! required, what each holds, its closed sets of values and its dates. schemars turns it into
//! a schema, and this module turns the schema into a [`Shape`] once. Checking the tree against
//! it reports a file's every missing, unknown and wrongly typed field, every unknown value of
//! a closed set, every number out of its bounds and every impossible date in one run, each at
//! the value itself and in the writer's terms ("expected a number, found the text "51": write
//! it without quotes"), not serde's. Owns no field names: adding a field to a record is all it
//! takes; a field of a kind of schema it does not know yet fails its tests until it does.

use super::tree::{Node, Value};
use crate::date::{DATE_FORMAT, Date, DateError, PERIOD_FORMAT, Period};
use crate::diag::did_you_mean;
use crate::model::FIGURE_FORMAT;
use serde_json::Value as Json;
use std::ops::Range;

/// What a value must be.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Text,
    Number(Bounds),
    /// A figure of the data: a finite number, kept as written.
    Figure,
    /// A number without a fraction.
    WholeNumber(Bounds),
    Bool,
    /// A day, `YYYY-MM-DD`: a TOML date, or a date written as text.
    Date,
    /// A reporting period: `YYYY`, `YYYY-Qn`, `YYYY-MM` or `YYYY-MM-DD`.
    Period,
    /// One of a closed set of texts (the keys of an enum).
    Choice(Vec<String>),
    List(Box<Shape>),
    Table(Vec<Field>),
    /// The shape, or `null` (how JSON leaves out an optional value).
    Nullable(Box<Shape>),
    /// Anything (a schema this module does not know: never refused here). No record has one
    /// (tested): a field of a kind this module does not know yet must be taught to it.
    Any,
}

/// The least and greatest a number may be (`minimum`, `maximum`; schemars gives an unsigned
/// integer its range).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Bounds {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl Bounds {
    fn of(schema: &Json) -> Bounds {
        Bounds {
            min: schema.get("minimum").and_then(Json::as_f64),
            max: schema.get("maximum").and_then(Json::as_f64),
        }
    }

    fn contains(self, value: f64) -> bool {
        self.min.is_none_or(|min| value >= min) && self.max.is_none_or(|max| value <= max)
    }

    /// " from 0 to 30", " of at least 1", or "" without bounds.
    fn said(self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!(" from {min} to {max}"),
            (Some(min), None) => format!(" of at least {min}"),
            (None, Some(max)) => format!(" of at most {max}"),
            (None, None) => String::new(),
        }
    }
}

/// A field of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    /// What messages call the field's values: its schema `title`, or else its name.
    pub label: String,
    pub shape: Shape,
    pub required: bool,
    /// The record's doc comment of the field.
    pub description: Option<String>,
}

/// The JSON Schema of a record, as its shape is derived from it.
pub fn schema_of<T: schemars::JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

impl Shape {
    /// The shape of a record, from its JSON Schema.
    pub fn of<T: schemars::JsonSchema>() -> Shape {
        let schema = schema_of::<T>();
        let root = schema.as_value();
        let defs = root.get("$defs").cloned().unwrap_or(Json::Null);
        from_schema(root, &defs, 0)
    }

    /// The fields of a table shape (none for any other).
    pub fn fields(&self) -> &[Field] {
        match self {
            Shape::Table(fields) => fields,
            Shape::Nullable(inner) => inner.fields(),
            _ => &[],
        }
    }
}

/// How deep references are followed: records are trees, so a deeper chain is a schema loop.
const MAX_DEPTH: usize = 32;

fn from_schema(schema: &Json, defs: &Json, depth: usize) -> Shape {
    if depth > MAX_DEPTH {
        return Shape::Any;
    }
    if let Some(name) = schema
        .get("$ref")
        .and_then(Json::as_str)
        .and_then(|r| r.strip_prefix("#/$defs/"))
    {
        return defs
            .get(name)
            .map_or(Shape::Any, |def| from_schema(def, defs, depth + 1));
    }
    let alternatives = schema
        .get("anyOf")
        .or_else(|| schema.get("oneOf"))
        .and_then(Json::as_array);
    if let Some(alternatives) = alternatives {
        let keys: Option<Vec<Vec<String>>> = alternatives.iter().map(choice_keys).collect();
        if let Some(keys) = keys {
            return Shape::Choice(keys.concat());
        }
        let (null, other): (Vec<&Json>, Vec<&Json>) = alternatives
            .iter()
            .partition(|a| a.get("type").and_then(Json::as_str) == Some("null"));
        return match (null.is_empty(), other.as_slice()) {
            (false, [one]) => Shape::Nullable(Box::new(from_schema(one, defs, depth + 1))),
            (true, [one]) => from_schema(one, defs, depth + 1),
            _ => Shape::Any,
        };
    }
    let types: Vec<&str> = match schema.get("type") {
        Some(Json::String(t)) => vec![t.as_str()],
        Some(Json::Array(ts)) => ts.iter().filter_map(Json::as_str).collect(),
        _ => Vec::new(),
    };
    let nullable = types.contains(&"null");
    let base = types.iter().find(|t| **t != "null").copied();
    let shape = match base {
        Some("string") => match (
            schema.get("format").and_then(Json::as_str),
            choice_keys(schema),
        ) {
            (_, Some(keys)) => Shape::Choice(keys),
            (Some(DATE_FORMAT), _) => Shape::Date,
            (Some(PERIOD_FORMAT), _) => Shape::Period,
            _ => Shape::Text,
        },
        Some("number") if schema.get("format").and_then(Json::as_str) == Some(FIGURE_FORMAT) => {
            Shape::Figure
        }
        Some("number") => Shape::Number(Bounds::of(schema)),
        Some("integer") => Shape::WholeNumber(Bounds::of(schema)),
        Some("boolean") => Shape::Bool,
        Some("array") => Shape::List(Box::new(
            schema
                .get("items")
                .map_or(Shape::Any, |items| from_schema(items, defs, depth + 1)),
        )),
        Some("object") => {
            let required: Vec<&str> = schema
                .get("required")
                .and_then(Json::as_array)
                .map(|r| r.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            let fields = schema
                .get("properties")
                .and_then(Json::as_object)
                .map(|properties| {
                    properties
                        .iter()
                        .map(|(name, field)| Field {
                            name: name.clone(),
                            label: field
                                .get("title")
                                .and_then(Json::as_str)
                                .unwrap_or(name)
                                .to_string(),
                            shape: from_schema(field, defs, depth + 1),
                            required: required.contains(&name.as_str()),
                            description: field
                                .get("description")
                                .and_then(Json::as_str)
                                .map(String::from),
                        })
                        .collect()
                })
                .unwrap_or_default();
            Shape::Table(fields)
        }
        _ => Shape::Any,
    };
    if nullable {
        Shape::Nullable(Box::new(shape))
    } else {
        shape
    }
}

/// The keys a schema of a closed set allows (`enum` or `const` of strings). schemars lists an
/// enum's keys in declaration order, the order messages name them in, unless some variants
/// have doc comments (those come after the rest): the content format's enums have none.
fn choice_keys(schema: &Json) -> Option<Vec<String>> {
    if let Some(key) = schema.get("const").and_then(Json::as_str) {
        return Some(vec![key.to_string()]);
    }
    let keys = schema.get("enum")?.as_array()?;
    keys.iter().map(|k| k.as_str().map(String::from)).collect()
}

/// One problem with a file's shape: where, what, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub span: Range<usize>,
    pub message: String,
    pub hint: Option<String>,
}

/// Checks `node` (a whole file's table) against `shape`; every problem is returned. `start`
/// is where a missing field of the file itself is reported (the start of its front matter);
/// `json` picks the words for JSON files.
pub fn check(node: &Node, shape: &Shape, start: Range<usize>, json: bool) -> Vec<Problem> {
    let mut checker = Checker {
        json,
        problems: Vec::new(),
    };
    checker.table(node, shape.fields(), start);
    checker.problems
}

struct Checker {
    json: bool,
    problems: Vec<Problem>,
}

impl Checker {
    fn problem(&mut self, span: Range<usize>, message: String, hint: Option<String>) {
        self.problems.push(Problem {
            span,
            message,
            hint,
        });
    }

    fn table(&mut self, node: &Node, fields: &[Field], missing_at: Range<usize>) {
        let Value::Table(present) = &node.value else {
            return;
        };
        for field in present {
            match fields.iter().find(|f| f.name == field.key) {
                Some(known) => self.value(&field.node, &known.shape, &known.label),
                None => {
                    let names = fields.iter().map(|f| f.name.as_str());
                    let hint = match did_you_mean(&field.key, names.clone()) {
                        Some(close) => format!(
                            "did you mean `{close}`? Unknown fields are errors, so a typo cannot drop data"
                        ),
                        None => format!(
                            "the fields allowed here are: {}",
                            names.collect::<Vec<_>>().join(", ")
                        ),
                    };
                    self.problem(
                        field.key_span.clone(),
                        format!("unknown field `{}`", field.key),
                        Some(hint),
                    );
                }
            }
        }
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name.as_str())
            .collect();
        for name in &required {
            if !present.iter().any(|f| f.key == *name) {
                self.problem(
                    missing_at.clone(),
                    format!("the required field `{name}` is missing"),
                    Some(format!("required here: {}", required.join(", "))),
                );
            }
        }
    }

    /// Checks one value; `name` is its field's, for messages about closed sets.
    fn value(&mut self, node: &Node, shape: &Shape, name: &str) {
        match shape {
            Shape::Nullable(_) if node.value == Value::Null => {}
            Shape::Nullable(inner) => self.value_as(node, inner, shape, name),
            _ => self.value_as(node, shape, shape, name),
        }
    }

    /// Checks one value against `shape`; a value of the wrong type is said to be not what
    /// `expected` (the field's whole shape) says.
    fn value_as(&mut self, node: &Node, shape: &Shape, expected: &Shape, name: &str) {
        let fits = match (&node.value, shape) {
            (_, Shape::Any) => true,
            (Value::Text(_), Shape::Text) => true,
            (Value::Number(text), Shape::Number(_) | Shape::Figure) => {
                if text.parse::<f64>().is_ok_and(f64::is_infinite) {
                    self.problem(
                        node.span.clone(),
                        format!("number out of range: {text} is beyond the largest number a figure can hold (about 1.8 × 10³⁰⁸)"),
                        None,
                    );
                } else if let Shape::Number(bounds) = shape {
                    self.bounded(node, text, *bounds, "a number", name);
                }
                true
            }
            (Value::Number(text), Shape::WholeNumber(bounds)) => {
                if text.contains(['.', 'e', 'E']) && !text.starts_with("0x") {
                    self.problem(
                        node.span.clone(),
                        format!("expected a whole number, found the number {text}"),
                        None,
                    );
                } else {
                    self.bounded(node, text, *bounds, "a whole number", name);
                }
                true
            }
            (Value::Bool(_), Shape::Bool) => true,
            (Value::Text(text), Shape::Date) => {
                self.date(node, text, false);
                true
            }
            (Value::Date(text), Shape::Date) => {
                self.date(node, text, true);
                true
            }
            // A TOML date literal is a day, one of the periods.
            (Value::Text(text), Shape::Period) => {
                self.period(node, text);
                true
            }
            (Value::Date(text), Shape::Period) => {
                self.date(node, text, true);
                true
            }
            (Value::Text(text), Shape::Choice(keys)) => {
                self.choice(node, text, keys, name);
                true
            }
            (Value::List(items), Shape::List(inner)) => {
                for item in items {
                    self.value(item, inner, name);
                }
                true
            }
            (Value::Table(_), Shape::Table(fields)) => {
                // A field missing from a nested table is reported at the table's first byte.
                let start = node.span.start..node.span.start + 1;
                self.table(node, fields, start);
                true
            }
            _ => false,
        };
        if !fits {
            let problem = self.type_problem(node, expected);
            self.problems.push(problem);
        }
    }

    /// A number outside its bounds: "decimals must be a whole number from 0 to 30, not 50".
    fn bounded(&mut self, node: &Node, text: &str, bounds: Bounds, what: &str, name: &str) {
        let Ok(value) = text.parse::<f64>() else {
            return;
        };
        if !bounds.contains(value) {
            self.problem(
                node.span.clone(),
                format!("{name} must be {what}{}, not {text}", bounds.said()),
                None,
            );
        }
    }

    fn date(&mut self, node: &Node, text: &str, toml_date: bool) {
        let message = match Date::parse(text) {
            Ok(_) => return,
            Err(_) if toml_date && text.contains(['T', 't', ' ', ':']) => {
                format!("expected a date like 2023-05-25, found the date-time {text}")
            }
            Err(DateError::Impossible) if toml_date => {
                format!("{text} is not a day in the calendar")
            }
            Err(DateError::Impossible) => format!("\"{text}\" is not a day in the calendar"),
            Err(DateError::Malformed) => {
                format!("\"{text}\" is not a date; expected YYYY-MM-DD")
            }
        };
        self.problem(node.span.clone(), message, None);
    }

    fn period(&mut self, node: &Node, text: &str) {
        let message = match Period::parse(text) {
            Ok(_) => return,
            // Written as a day: said as a day's problem.
            Err(_) if text.split('-').count() == 3 => return self.date(node, text, false),
            Err(DateError::Impossible) => {
                format!("\"{text}\" is not a real day, month, quarter or half year")
            }
            Err(DateError::Malformed) => format!(
                "\"{text}\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY"
            ),
        };
        self.problem(node.span.clone(), message, None);
    }

    fn choice(&mut self, node: &Node, text: &str, keys: &[String], name: &str) {
        if keys.iter().any(|k| k == text) {
            return;
        }
        let hint = did_you_mean(text, keys.iter().map(String::as_str))
            .map(|close| format!("did you mean \"{close}\"?"));
        self.problem(
            node.span.clone(),
            format!(
                "unknown {name} \"{text}\"; expected one of: {}",
                keys.join(", ")
            ),
            hint,
        );
    }

    /// "expected a number, found the text "51"", with the way to write it.
    fn type_problem(&self, node: &Node, shape: &Shape) -> Problem {
        let base = match shape {
            Shape::Nullable(inner) => inner,
            other => other,
        };
        let hint = match (&node.value, base) {
            (Value::Text(text), Shape::Number(_) | Shape::Figure | Shape::WholeNumber(_)) => {
                number_hint(text)
            }
            (Value::Number(n), Shape::Text | Shape::Choice(_)) => {
                Some(format!("put it in quotes: \"{n}\""))
            }
            (Value::Bool(b), Shape::Text | Shape::Choice(_)) => {
                Some(format!("put it in quotes: \"{b}\""))
            }
            (Value::Text(text), Shape::Bool) if matches!(text.as_str(), "true" | "false") => {
                Some(format!("write {text} without quotes"))
            }
            (Value::Text(text), Shape::List(inner)) if **inner == Shape::Text => {
                Some(format!("write a list: [{text:?}]"))
            }
            (Value::Text(_) | Value::Number(_), Shape::List(_)) => {
                Some("write a list in square brackets: [ ... ]".into())
            }
            _ => None,
        };
        Problem {
            span: node.span.clone(),
            message: format!(
                "expected {}, found {}",
                self.expected(shape),
                node.describe(self.json)
            ),
            hint,
        }
    }

    fn expected(&self, shape: &Shape) -> String {
        match shape {
            Shape::Text | Shape::Choice(_) => "a text (in quotes)".into(),
            Shape::Number(_) | Shape::Figure => "a number".into(),
            Shape::WholeNumber(_) => "a whole number".into(),
            Shape::Bool => "true or false".into(),
            Shape::Date => "a date like 2023-05-25".into(),
            Shape::Period => {
                "a date like 2023-05-25, or a period in quotes like \"2023-05\", \"2023-Q2\", \"2023-H1\" or \"2023\"".into()
            }
            Shape::List(_) => "a list".into(),
            Shape::Table(_) if self.json => "an object ({ ... })".into(),
            Shape::Table(_) => "a table".into(),
            Shape::Nullable(inner) if self.json && **inner == Shape::Figure => {
                "a number, or null for a gap".into()
            }
            Shape::Nullable(inner) if self.json => format!("{}, or null", self.expected(inner)),
            Shape::Nullable(inner) => self.expected(inner),
            Shape::Any => "a value".into(),
        }
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
    use schemars::JsonSchema;

    #[derive(JsonSchema)]
    #[serde(rename_all = "snake_case")]
    #[allow(dead_code)]
    enum Direction {
        // A doc comment here would make schemars list this key last (see `from_schema`).
        AtMost,
        AtLeast,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Point {
        #[schemars(with = "String", extend("format" = "period"))]
        date: String,
        value: Option<f64>,
    }

    #[derive(JsonSchema)]
    #[allow(dead_code)]
    struct Series {
        name: String,
        points: Vec<Point>,
    }

    #[derive(JsonSchema)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Record {
        /// The id.
        id: String,
        title: String,
        unit: String,
        direction: Direction,
        decimals: Option<u8>,
        #[serde(default)]
        topics: Vec<String>,
        series: Vec<Series>,
    }

    #[test]
    fn shapes_come_from_the_records_schema() {
        let shape = Shape::of::<Record>();
        let fields = shape.fields();
        let id = &fields.iter().find(|f| f.name == "id").unwrap();
        assert!(id.required);
        assert_eq!(id.description.as_deref(), Some("The id."));
        let get = |name: &str| &fields.iter().find(|f| f.name == name).unwrap().shape;
        assert_eq!(
            get("direction"),
            &Shape::Choice(vec!["at_most".into(), "at_least".into()])
        );
        assert_eq!(
            get("decimals"),
            &Shape::Nullable(Box::new(Shape::WholeNumber(Bounds {
                min: Some(0.0),
                max: Some(255.0)
            })))
        );
        assert!(!fields.iter().find(|f| f.name == "topics").unwrap().required);
    }

    #[test]
    fn every_problem_of_a_file_is_found_in_one_pass_in_the_writers_terms() {
        let json = r#"{"id": "x", "titel": "t", "unit": 5, "direction": "atmost", "decimals": 1.5,
            "series": [{"name": "a", "points": [{"date": "2023", "value": "51"},
            {"date": "2024-13", "value": "51,5"}, {"value": 1}]}]}"#;
        let tree = tree::from_json(json).unwrap();
        let problems = check(&tree, &Shape::of::<Record>(), 0..1, true);
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
            "\"atmost\" | unknown direction \"atmost\"; expected one of: at_most, at_least | did you mean \"at_most\"?",
            "1.5 | expected a whole number, found the number 1.5 | ",
            "\"51\" | expected a number, or null, found the text \"51\" | write it without quotes: 51",
            "\"2024-13\" | \"2024-13\" is not a real day, month, quarter or half year | ",
            "\"51,5\" | expected a number, or null, found the text \"51,5\" | write it without quotes and with a decimal point: 51.5",
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
        assert_eq!(problems.len(), 9, "{said:#?}");
    }

    #[test]
    fn numbers_out_of_their_bounds_are_said_in_the_writers_terms() {
        let json = r#"{"id": "x", "title": "t", "unit": "u", "direction": "at_most",
            "decimals": 300, "series": []}"#;
        let tree = tree::from_json(json).unwrap();
        let problems = check(&tree, &Shape::of::<Record>(), 0..1, true);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(&json[problems[0].span.clone()], "300");
        assert_eq!(
            problems[0].message,
            "decimals must be a whole number from 0 to 255, not 300"
        );
    }

    /// Every field of `shape`, at every depth, with its path (`series[].points[].value`).
    fn fields(path: &str, shape: &Shape, out: &mut Vec<(String, Shape)>) {
        match shape {
            Shape::List(inner) => fields(&format!("{path}[]"), inner, out),
            Shape::Nullable(inner) => fields(path, inner, out),
            Shape::Table(table) => {
                for field in table {
                    let at = format!("{path}.{}", field.name);
                    out.push((at.clone(), field.shape.clone()));
                    fields(&at, &field.shape, out);
                }
            }
            _ => {}
        }
    }

    /// A field whose schema this module did not know would be `Any`: never checked, so a typo
    /// in it would go through silently.
    #[test]
    fn no_field_of_any_record_is_left_unchecked() {
        for (record, shape, _) in crate::parse::records() {
            let mut all = Vec::new();
            fields(record, shape, &mut all);
            assert!(!all.is_empty(), "{record}");
            let unchecked: Vec<&String> = all
                .iter()
                .filter(|(_, shape)| contains_any(shape))
                .map(|(path, _)| path)
                .collect();
            assert!(unchecked.is_empty(), "not checked: {unchecked:?}");
        }
    }

    fn contains_any(shape: &Shape) -> bool {
        match shape {
            Shape::Any => true,
            Shape::List(inner) | Shape::Nullable(inner) => contains_any(inner),
            _ => false,
        }
    }

    /// The keywords of JSON Schema that `from_schema` reads; and `pattern`, which only
    /// periods have, whose `format` is checked by parsing them (stricter than the pattern).
    const KNOWN_KEYWORDS: &[&str] = &[
        "$schema",
        "$defs",
        "$ref",
        "title",
        "description",
        "default",
        "type",
        "properties",
        "required",
        "additionalProperties",
        "items",
        "anyOf",
        "oneOf",
        "enum",
        "const",
        "format",
        "minimum",
        "maximum",
        "pattern",
    ];

    /// The formats `from_schema` knows: days, periods, figures, any number (`double`), and the
    /// integer formats schemars gives with their bounds (which are checked).
    const KNOWN_FORMATS: &[&str] = &[DATE_FORMAT, PERIOD_FORMAT, FIGURE_FORMAT, "double", "uint8"];

    /// Checks one schema object and those inside it; `at` names it for messages.
    fn known(schema: &Json, at: &str, problems: &mut Vec<String>) {
        let Some(object) = schema.as_object() else {
            problems.push(format!("{at}: not a schema object"));
            return;
        };
        for (key, value) in object {
            let here = format!("{at}/{key}");
            if !KNOWN_KEYWORDS.contains(&key.as_str()) {
                problems.push(format!("{here}: keyword unknown to the shape check"));
            }
            match key.as_str() {
                "properties" | "$defs" => {
                    for (name, inner) in value.as_object().into_iter().flatten() {
                        known(inner, &format!("{here}/{name}"), problems);
                    }
                }
                "items" => known(value, &here, problems),
                "anyOf" | "oneOf" => {
                    for (i, inner) in value.as_array().into_iter().flatten().enumerate() {
                        known(inner, &format!("{here}/{i}"), problems);
                    }
                }
                // A map (an object whose keys are free) would be read as a table with no
                // fields, refusing every key.
                "additionalProperties" if value != &Json::Bool(false) => {
                    problems.push(format!("{here}: only closed objects are known"));
                }
                "format" if !value.as_str().is_some_and(|f| KNOWN_FORMATS.contains(&f)) => {
                    problems.push(format!("{here}: format {value} unknown to the shape check"));
                }
                "pattern" if object.get("format") != Some(&Json::from(PERIOD_FORMAT)) => {
                    problems.push(format!("{here}: a pattern is only checked on periods"));
                }
                _ => {}
            }
        }
    }

    #[test]
    fn every_schema_of_every_record_is_one_the_shape_check_knows() {
        let mut problems = Vec::new();
        for (record, _, schema) in crate::parse::records() {
            known(schema.as_value(), record, &mut problems);
        }
        assert!(problems.is_empty(), "{problems:#?}");
        // And the test sees what it should: a keyword or format it does not know.
        let mut found = Vec::new();
        let unknown = serde_json::json!({"type": "object", "properties": {
            "a": {"type": "array", "prefixItems": []},
            "b": {"type": "string", "format": "email"},
            "c": {"type": "object", "additionalProperties": {"type": "string"}}
        }});
        known(&unknown, "test", &mut found);
        assert_eq!(found.len(), 3, "{found:#?}");
    }

    #[test]
    fn a_text_where_a_list_belongs_is_shown_as_a_list() {
        let text = "id = \"R1\"\ntopics = \"transparency\"\n";
        let tree = tree::from_toml(text, 0).unwrap();
        let problems = check(&tree, &Shape::of::<Record>(), 0..1, false);
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
