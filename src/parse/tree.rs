//! A parsed TOML or JSON document as a tree of values, each with its byte span in the file.
//!
//! Front matter and site.toml (TOML, through toml's spanned `DeTable`) and indicators (JSON,
//! through jsonc-parser's AST in strict JSON mode) become the same tree, so their structure is
//! checked one way (`schema`), and every position in a message comes from a span, never from
//! searching the text. Numbers keep the text they were written as, so figures can be shown
//! with the decimals they were given.

use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// One value and where it is in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Range<usize>,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A number, exactly as written (`51.50`, `-3`, `1e-7`).
    Number(String),
    Bool(bool),
    /// A TOML date or date-time, as written.
    Date(String),
    Null,
    List(Vec<Node>),
    /// The fields of a TOML table or a JSON object.
    Table(Vec<Field>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub key: String,
    pub key_span: Range<usize>,
    pub node: Node,
}

impl Node {
    /// The field `key` of a table.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.value {
            Value::Table(fields) => fields.iter().find(|f| f.key == key).map(|f| &f.node),
            _ => None,
        }
    }

    /// The `index`-th element of a list.
    pub fn item(&self, index: usize) -> Option<&Node> {
        match &self.value {
            Value::List(items) => items.get(index),
            _ => None,
        }
    }

    /// The node at a path of keys and list positions (`["series", "0", "points"]`).
    pub fn at(&self, path: &[&str]) -> Option<&Node> {
        path.iter()
            .try_fold(self, |node, step| match step.parse::<usize>() {
                Ok(index) if matches!(node.value, Value::List(_)) => node.item(index),
                _ => node.get(step),
            })
    }

    /// What the value is, in the words of a message: `the text "51"`, `the number 5`.
    pub fn describe(&self, json: bool) -> String {
        match &self.value {
            Value::Text(text) => format!("the text {text:?}"),
            Value::Number(number) => format!("the number {number}"),
            Value::Bool(b) => b.to_string(),
            Value::Date(date) => format!("the date {date}"),
            Value::Null => "null".into(),
            Value::List(_) => "a list".into(),
            Value::Table(_) if json => "an object ({ ... })".into(),
            Value::Table(_) => "a table".into(),
        }
    }
}

/// The tree of a TOML text that starts at byte `offset` of its file (front matter).
pub fn from_toml(text: &str, offset: usize) -> Result<Node, toml::de::Error> {
    parse_toml(text, offset).map(|(_, node)| node)
}

/// [`from_toml`], keeping toml's own parse too: records are read from it, so the text is
/// parsed once.
pub fn parse_toml(
    text: &str,
    offset: usize,
) -> Result<(Spanned<DeTable<'_>>, Node), toml::de::Error> {
    let table = DeTable::parse(text)?;
    let node = toml_table(&table, offset);
    Ok((table, node))
}

fn toml_table(table: &Spanned<DeTable>, offset: usize) -> Node {
    let fields = table
        .get_ref()
        .iter()
        .map(|(key, value)| Field {
            key: key.get_ref().to_string(),
            key_span: shift(key.span(), offset),
            node: toml_value(value, offset),
        })
        .collect();
    Node {
        span: shift(table.span(), offset),
        value: Value::Table(fields),
    }
}

fn toml_value(value: &Spanned<DeValue>, offset: usize) -> Node {
    let node = match value.get_ref() {
        DeValue::String(text) => Value::Text(text.to_string()),
        DeValue::Integer(n) => Value::Number(n.as_str().to_string()),
        DeValue::Float(n) => Value::Number(n.as_str().to_string()),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(dt) => Value::Date(dt.to_string()),
        DeValue::Array(items) => Value::List(items.iter().map(|v| toml_value(v, offset)).collect()),
        DeValue::Table(table) => {
            let spanned = Spanned::new(value.span(), table.clone());
            return toml_table(&spanned, offset);
        }
    };
    Node {
        span: shift(value.span(), offset),
        value: node,
    }
}

fn shift(span: Range<usize>, offset: usize) -> Range<usize> {
    span.start + offset..span.end + offset
}

/// The tree of a JSON text (strict JSON: no comments, trailing commas or unquoted keys).
/// `None` when it is not JSON; the caller reports serde_json's message for that.
pub fn from_json(text: &str) -> Option<Node> {
    use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
    let strict = ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
    };
    let parsed = parse_to_ast(text, &CollectOptions::default(), &strict).ok()?;
    parsed.value.as_ref().map(json_value)
}

fn json_value(value: &jsonc_parser::ast::Value) -> Node {
    use jsonc_parser::ast::Value as Json;
    let range = |r: &jsonc_parser::common::Range| r.start..r.end;
    let (span, value) = match value {
        Json::StringLit(s) => (range(&s.range), Value::Text(s.value.to_string())),
        Json::NumberLit(n) => (range(&n.range), Value::Number(n.value.to_string())),
        Json::BooleanLit(b) => (range(&b.range), Value::Bool(b.value)),
        Json::NullKeyword(n) => (range(&n.range), Value::Null),
        Json::Array(a) => (
            range(&a.range),
            Value::List(a.elements.iter().map(json_value).collect()),
        ),
        Json::Object(o) => (
            range(&o.range),
            Value::Table(
                o.properties
                    .iter()
                    .map(|p| {
                        let (key, key_span) = match &p.name {
                            jsonc_parser::ast::ObjectPropName::String(s) => {
                                (s.value.to_string(), range(&s.range))
                            }
                            jsonc_parser::ast::ObjectPropName::Word(w) => {
                                (w.value.to_string(), range(&w.range))
                            }
                        };
                        Field {
                            key,
                            key_span,
                            node: json_value(&p.value),
                        }
                    })
                    .collect(),
            ),
        ),
    };
    Node { span, value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_toml_give_spanned_trees_with_numbers_as_written() {
        let json = r#"{"a": [1.50, null, "x"], "b": {"c": true}}"#;
        let tree = from_json(json).unwrap();
        let first = tree.at(&["a", "0"]).unwrap();
        assert_eq!(first.value, Value::Number("1.50".into()));
        assert_eq!(&json[first.span.clone()], "1.50");
        assert_eq!(tree.at(&["b", "c"]).unwrap().value, Value::Bool(true));
        assert!(from_json("{\"a\": 1,}").is_none(), "strict JSON");

        let toml_text = "x = 2.50\n[t]\nd = 2023-05-25\nl = [\"a\"]\n";
        let tree = from_toml(toml_text, 10).unwrap();
        let x = tree.get("x").unwrap();
        assert_eq!(x.value, Value::Number("2.50".into()));
        assert_eq!(x.span, 14..18, "spans are moved by the offset");
        assert_eq!(
            tree.at(&["t", "d"]).unwrap().value,
            Value::Date("2023-05-25".into())
        );
        assert_eq!(
            tree.at(&["t", "l", "0"]).unwrap().describe(false),
            "the text \"a\""
        );
    }
}
