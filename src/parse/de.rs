//! Records from the spanned tree: a serde `Deserializer` over [`Node`], so every file is parsed
//! once (into the tree), its shape is checked on the tree (`shape`), and the typed record is
//! read from the same tree.
//!
//! Two things serde alone cannot give, the tree can: where a value is written ([`At`]) and a
//! number exactly as written (the `Written` newtype that `model::Figure` reads itself with).
//! Owns nothing about meaning: which fields a record has is the record's own declaration.

use super::tree::{Field, Node, Value};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::Range;

/// The newtype name under which a number's text as written is handed to its visitor.
pub const WRITTEN: &str = "$opvolg::Written";
/// The struct name under which a value's span is handed over with the value.
const AT: &str = "$opvolg::At";
const AT_FIELDS: &[&str] = &["start", "end", "value"];

/// A value of a record with where it is written in its file (byte offsets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct At<T> {
    pub span: Range<usize>,
    pub value: T,
}

impl<T> At<T> {
    /// Where the value starts: what a message points at.
    pub fn start(&self) -> usize {
        self.span.start
    }

    pub fn get(&self) -> &T {
        &self.value
    }

    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: Serialize> Serialize for At<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<T: schemars::JsonSchema> schemars::JsonSchema for At<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for At<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<At<T>, D::Error> {
        struct AtVisitor<T>(std::marker::PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for AtVisitor<T> {
            type Value = At<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a value of a content file")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<At<T>, A::Error> {
                let mut start = None;
                let mut end = None;
                let mut value = None;
                while let Some(key) = map.next_key::<&str>()? {
                    match key {
                        "start" => start = Some(map.next_value::<usize>()?),
                        "end" => end = Some(map.next_value::<usize>()?),
                        _ => value = Some(map.next_value::<T>()?),
                    }
                }
                match (start, end, value) {
                    (Some(start), Some(end), Some(value)) => Ok(At {
                        span: start..end,
                        value,
                    }),
                    _ => Err(de::Error::custom("a value without its place")),
                }
            }
        }
        deserializer.deserialize_struct(AT, AT_FIELDS, AtVisitor(std::marker::PhantomData))
    }
}

/// Why a record could not be read from a tree that had the right shape (a number too large
/// for its field, say): the message, at the value.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl DeError {
    /// The error, placed at `span` unless a value inside it already placed it.
    fn at(mut self, span: &Range<usize>) -> DeError {
        self.span.get_or_insert_with(|| span.clone());
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(message: T) -> DeError {
        DeError {
            span: None,
            message: message.to_string(),
        }
    }
}

/// Reads a `T` from a tree.
pub fn from_node<'de, T: Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDeserializer { node })
}

struct NodeDeserializer<'a> {
    node: &'a Node,
}

impl<'de> NodeDeserializer<'de> {
    fn placed<T>(&self, result: Result<T, DeError>) -> Result<T, DeError> {
        result.map_err(|e| e.at(&self.node.span))
    }
}

/// A number as written (TOML also allows `1_000`, `0x1f`, `inf`), handed to the visitor as
/// the narrowest type that holds it.
fn visit_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, DeError> {
    let plain: String = text.chars().filter(|c| *c != '_').collect();
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, plain.strip_prefix('+').unwrap_or(&plain)),
    };
    let radix = [("0x", 16), ("0o", 8), ("0b", 2)]
        .into_iter()
        .find_map(|(prefix, radix)| digits.strip_prefix(prefix).map(|d| (d, radix)));
    if let Some((digits, radix)) = radix {
        return match i64::from_str_radix(digits, radix).map(|n| n.checked_mul(sign)) {
            Ok(Some(n)) => visitor.visit_i64(n),
            _ => Err(de::Error::custom(format!("{text} is not a number"))),
        };
    }
    let whole = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if whole {
        if sign < 0 {
            if let Ok(n) = plain.parse::<i64>() {
                return visitor.visit_i64(n);
            }
        } else if let Ok(n) = digits.parse::<u64>() {
            return visitor.visit_u64(n);
        }
    }
    match plain.parse::<f64>() {
        Ok(n) => visitor.visit_f64(n),
        Err(_) => Err(de::Error::custom(format!("{text} is not a number"))),
    }
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Text(text) | Value::Date(text) => visitor.visit_borrowed_str(text),
            Value::Number(text) => visit_number(text, visitor),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Null => visitor.visit_unit(),
            Value::List(items) => visitor.visit_seq(Items {
                items: items.iter(),
            }),
            Value::Table(fields) => visitor.visit_map(Fields {
                fields: fields.iter(),
                value: None,
            }),
        };
        self.placed(result)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.node.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match (&self.node.value, name) {
            (Value::Number(text), WRITTEN) => {
                let result = visitor.visit_borrowed_str(text);
                self.placed(result)
            }
            _ => visitor.visit_newtype_struct(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == AT {
            return visitor.visit_map(Placed {
                node: self.node,
                step: 0,
            });
        }
        let _ = fields;
        self.deserialize_any(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.node.value {
            Value::Text(text) => visitor.visit_enum(text.as_str().into_deserializer()),
            _ => Err(de::Error::custom(format!(
                "expected a text, found {}",
                self.node.describe(false)
            ))),
        };
        self.placed(result)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

struct Items<'a> {
    items: std::slice::Iter<'a, Node>,
}

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some(node) => seed.deserialize(NodeDeserializer { node }).map(Some),
            None => Ok(None),
        }
    }

    /// The exact count: a sequence is read into a vector of exactly its size (serde's
    /// `Vec` reserves this much), not one grown by doubling, which for the figures of a
    /// large site left a third of their memory unused.
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Fields<'a> {
    fields: std::slice::Iter<'a, Field>,
    value: Option<&'a Node>,
}

impl<'de> MapAccess<'de> for Fields<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(field) = self.fields.next() else {
            return Ok(None);
        };
        self.value = Some(&field.node);
        let key: de::value::BorrowedStrDeserializer<DeError> =
            de::value::BorrowedStrDeserializer::new(&field.key);
        seed.deserialize(key)
            .map(Some)
            .map_err(|e| e.at(&field.key_span))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let node = self
            .value
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("a value without its key"))?;
        seed.deserialize(NodeDeserializer { node })
    }
}

/// The fields of an [`At`]: the span's ends, then the value.
struct Placed<'a> {
    node: &'a Node,
    step: usize,
}

impl<'de> MapAccess<'de> for Placed<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(name) = AT_FIELDS.get(self.step) else {
            return Ok(None);
        };
        let key: de::value::BorrowedStrDeserializer<DeError> =
            de::value::BorrowedStrDeserializer::new(name);
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let step = self.step;
        self.step += 1;
        match step {
            0 => seed.deserialize(self.node.span.start.into_deserializer()),
            1 => seed.deserialize(self.node.span.end.into_deserializer()),
            _ => seed.deserialize(NodeDeserializer { node: self.node }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tree;
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        AtMost,
        AtLeast,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Record {
        name: At<String>,
        count: u8,
        share: f64,
        kind: Kind,
        #[serde(default)]
        tags: Vec<String>,
        note: Option<String>,
    }

    #[test]
    fn records_are_read_from_the_tree_with_the_places_of_their_values() {
        let json =
            r#"{"name": "a", "count": 3, "share": -1.5e2, "kind": "at_least", "note": null}"#;
        let node = tree::from_json(json).unwrap();
        let record: Record = from_node(&node).unwrap();
        assert_eq!(&json[record.name.span.clone()], "\"a\"");
        assert_eq!(record.name.value, "a");
        assert_eq!((record.count, record.share), (3, -150.0));
        assert_eq!(record.kind, Kind::AtLeast);
        assert_eq!((record.tags.len(), record.note), (0, None));

        let toml_text =
            "name = \"b\"\ncount = 1_0\nshare = 2\nkind = \"at_most\"\ntags = [\"x\"]\n";
        let node = tree::from_toml(toml_text, 0).unwrap();
        let record: Record = from_node(&node).unwrap();
        assert_eq!(
            (record.count, record.share, record.tags.len()),
            (10, 2.0, 1)
        );
    }

    #[test]
    fn a_value_that_does_not_fit_its_field_is_an_error_at_the_value() {
        let json = r#"{"name": "a", "count": 300, "share": 1, "kind": "at_most"}"#;
        let node = tree::from_json(json).unwrap();
        let error = from_node::<Record>(&node).unwrap_err();
        assert_eq!(&json[error.span.clone().unwrap()], "300");
    }

    #[test]
    fn numbers_can_be_read_as_written() {
        struct Text(String);
        impl<'de> Deserialize<'de> for Text {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
                struct V;
                impl Visitor<'_> for V {
                    type Value = Text;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str("a number")
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                        Ok(Text(v.to_string()))
                    }
                }
                d.deserialize_newtype_struct(WRITTEN, V)
            }
        }
        let node = tree::from_json("[51.50, 1e-7]").unwrap();
        let texts: Vec<Text> = from_node(&node).unwrap();
        let texts: Vec<String> = texts.into_iter().map(|t| t.0).collect();
        assert_eq!(texts, ["51.50", "1e-7"]);
    }
}
