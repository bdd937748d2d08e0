//! Parse: text into raw, untyped-by-meaning records (`Raw*`), keeping source positions.
//!
//! Owns the syntax of the content format: the `+++` front matter split, TOML via the toml
//! crate and JSON via serde_json, with unknown fields refused. Values that need a meaning
//! (enum keys, dates, references) stay as spanned strings here; `validate` checks them, so all
//! problems of a file are reported together. Pure: strings in, no IO.

use crate::diag::{Diagnostics, did_you_mean};
use crate::load::SourceFile;
use serde::Deserialize;
use toml::Spanned;

/// A Markdown file split into its TOML front matter and its body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    pub front_matter: &'a str,
    /// Byte offset of the front matter in the file, to turn TOML spans into file positions.
    pub front_matter_offset: usize,
    pub body: &'a str,
}

/// Why a file's front matter could not be separated from its body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// The file does not start with a `+++` line.
    Missing,
    /// The opening `+++` has no closing `+++` line; the offset is that of the opening line.
    Unclosed,
}

/// Splits `+++\n<toml>\n+++\n<body>`. Accepts `\r\n` line endings.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, SplitError> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "+++" {
        return Err(SplitError::Missing);
    }
    let mut offset = first_line_end;
    while offset < text.len() {
        let line_end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if text[offset..line_end].trim_end() == "+++" {
            return Ok(Split {
                front_matter: &text[first_line_end..offset],
                front_matter_offset: first_line_end,
                body: &text[line_end..],
            });
        }
        offset = line_end;
    }
    Err(SplitError::Unclosed)
}

/// A date as written in TOML: either a TOML date (`2023-05-25`) or a string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDate {
    Toml(toml::value::Datetime),
    Text(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSiteConfig {
    pub title: String,
    pub language: Option<Spanned<String>>,
    pub as_of: Spanned<RawDate>,
    pub theme: Option<Spanned<String>>,
    pub base_url: Option<String>,
    pub description: Option<String>,
    pub publisher: Option<String>,
    pub notice: Option<String>,
    pub allow_html: Option<bool>,
    pub accessibility: Option<RawAccessibility>,
}

/// `[accessibility]` in site.toml: the facts of the accessibility statement.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccessibility {
    pub status: Option<Spanned<String>>,
    pub evaluated: Option<Spanned<RawDate>>,
    pub method: Option<String>,
    #[serde(default)]
    pub known_issues: Vec<String>,
    pub contact: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawHome {
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDocument {
    pub title: String,
    pub date: Spanned<RawDate>,
    pub kind: Spanned<String>,
    pub reference: Option<String>,
    pub author: Option<String>,
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    pub title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecommendation {
    pub id: Spanned<String>,
    pub title: String,
    pub source: Spanned<String>,
    #[serde(default)]
    pub addressed_to: Vec<String>,
    #[serde(default)]
    pub topics: Vec<Spanned<String>>,
    pub response: Spanned<String>,
    pub response_ref: Spanned<String>,
    #[serde(default)]
    pub indicators: Vec<Spanned<String>>,
    #[serde(default)]
    pub commitments: Vec<RawCommitment>,
    #[serde(default)]
    pub status: Vec<RawStatus>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCommitment {
    pub text: String,
    pub owner: String,
    pub due: Spanned<RawDate>,
    pub done: Option<Spanned<RawDate>>,
    #[serde(rename = "ref")]
    pub reference: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStatus {
    pub date: Spanned<RawDate>,
    pub state: Spanned<String>,
    pub note: String,
    #[serde(rename = "ref")]
    pub reference: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicator {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub description: String,
    pub source: RawIndicatorSource,
    pub provenance: String,
    pub chart: String,
    pub target: Option<RawTarget>,
    pub series: Vec<RawSeries>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicatorSource {
    pub name: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTarget {
    pub value: f64,
    pub direction: String,
    pub by: String,
    pub label: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    pub name: String,
    pub points: Vec<RawPoint>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    pub date: String,
    pub value: Option<f64>,
}

/// A parsed Markdown file: its front matter record and its body, with the offset needed to
/// place diagnostics on front-matter spans.
#[derive(Debug)]
pub struct Parsed<'a, T> {
    pub file: &'a SourceFile,
    pub front_matter_offset: usize,
    pub meta: T,
    pub body: &'a str,
}

/// Parses a TOML document (site.toml) into `T`; errors become diagnostics.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    diags: &mut Diagnostics,
) -> Option<T> {
    toml_at(file, &file.text, 0, diags)
}

/// Parses a Markdown file with required front matter.
pub fn parse_page<'a, T: serde::de::DeserializeOwned>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<Parsed<'a, T>> {
    let split = match split_front_matter(&file.text) {
        Ok(split) => split,
        Err(SplitError::Missing) => {
            diags.error_at(&file.path, &file.text, 0, "front matter is missing");
            diags.with_hint("start the file with a line `+++`, the TOML fields, and another `+++`");
            return None;
        }
        Err(SplitError::Unclosed) => {
            diags.error_at(&file.path, &file.text, 0, "front matter is not closed");
            diags.with_hint("end the front matter with a line containing only `+++`");
            return None;
        }
    };
    let meta = toml_at(file, split.front_matter, split.front_matter_offset, diags)?;
    Some(Parsed {
        file,
        front_matter_offset: split.front_matter_offset,
        meta,
        body: split.body,
    })
}

/// Parses a Markdown file whose front matter is optional (content/index.md).
pub fn parse_optional_front_matter<'a, T>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<Parsed<'a, T>>
where
    T: serde::de::DeserializeOwned + Default,
{
    match split_front_matter(&file.text) {
        Err(SplitError::Missing) => Some(Parsed {
            file,
            front_matter_offset: 0,
            meta: T::default(),
            body: &file.text,
        }),
        _ => parse_page(file, diags),
    }
}

fn toml_at<T: serde::de::DeserializeOwned>(
    file: &SourceFile,
    toml_text: &str,
    offset: usize,
    diags: &mut Diagnostics,
) -> Option<T> {
    match toml::from_str::<T>(toml_text) {
        Ok(value) => Some(value),
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            let span = offset + span.start..offset + span.end;
            let message = toml_message(&err);
            diags.error_span(&file.path, &file.text, span, &message);
            if let Some(hint) = unknown_field_hint(&message) {
                diags.with_hint(hint);
            }
            None
        }
    }
}

/// The toml crate's message without its own rendering of the source line (we add position).
fn toml_message(err: &toml::de::Error) -> String {
    let message = err.message().trim().to_string();
    if message.contains("did not match any variant of untagged enum RawDate") {
        return "expected a date like 2023-05-25".to_string();
    }
    message
}

/// For serde's "unknown field `titel`, expected one of `title`, ...": a suggestion.
fn unknown_field_hint(message: &str) -> Option<String> {
    let rest = message.strip_prefix("unknown field `")?;
    let (field, expected) = rest.split_once('`')?;
    let allowed: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
    let list = allowed.join(", ");
    Some(match did_you_mean(field, allowed.iter().copied()) {
        Some(close) => {
            format!("did you mean `{close}`? Unknown fields are errors, so a typo cannot drop data")
        }
        None if allowed.is_empty() => "remove this field".to_string(),
        None => format!("the fields allowed here are: {list}"),
    })
}

/// Parses an indicator JSON file; errors become diagnostics with serde_json's line and column.
pub fn parse_indicator(file: &SourceFile, diags: &mut Diagnostics) -> Option<RawIndicator> {
    match serde_json::from_str::<RawIndicator>(&file.text) {
        Ok(raw) => Some(raw),
        Err(err) => {
            let message = err.to_string();
            // serde_json appends " at line L column C"; we report the position separately.
            let message = match message.rfind(" at line ") {
                Some(i) => message[..i].to_string(),
                None => message,
            };
            let offset = crate::diag::offset_of(&file.text, err.line(), err.column());
            diags.error_at(&file.path, &file.text, offset, &message);
            if let Some(hint) = unknown_field_hint(&message) {
                diags.with_hint(hint);
            }
            None
        }
    }
}

/// The byte offset of the first occurrence of `needle` in `text`, for placing a diagnostic
/// about a JSON value (serde_json keeps no positions for values it accepted).
pub fn locate(text: &str, needle: &str) -> usize {
    text.find(needle).unwrap_or(0)
}

/// Like [`locate`], but the first occurrence at or after `*cursor`, which then moves past it;
/// without one, the cursor stays and its position is returned. Walking a file's values in
/// order places each one right (a date that occurs twice is found at its own place) and reads
/// the text once, not once per value.
pub fn locate_next(text: &str, cursor: &mut usize, needle: &str) -> usize {
    match text.get(*cursor..).and_then(|rest| rest.find(needle)) {
        Some(at) => {
            let found = *cursor + at;
            *cursor = found + needle.len();
            found
        }
        None => *cursor,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile {
            path: path.into(),
            text: text.into(),
        }
    }

    #[test]
    fn indicator_values_are_read_exactly_as_written() {
        // serde_json's default float parser can be one unit in the last place off; a published
        // figure must be the figure in the file (found by fuzzing the JSON download round trip).
        let text = r#"{"id": "x", "title": "t", "unit": "u", "description": "d",
            "source": {"name": "s"}, "provenance": "official", "chart": "line",
            "series": [{"name": "a", "points": [{"date": "2023", "value": 9.9e191},
            {"date": "2024", "value": 0.30000000000000004}]}]}"#;
        let raw = parse_indicator(
            &file("data/indicators/x.json", text),
            &mut Diagnostics::default(),
        )
        .expect("valid");
        let values: Vec<Option<f64>> = raw.series[0].points.iter().map(|p| p.value).collect();
        assert_eq!(values, [Some(9.9e191), Some(0.30000000000000004)]);
    }

    #[test]
    fn locate_next_finds_each_occurrence_in_turn_or_stays() {
        let text = r#"{"a": "2023-01", "b": "2023-01"}"#;
        let mut cursor = 0;
        assert_eq!(locate_next(text, &mut cursor, "\"2023-01\""), 6);
        assert_eq!(locate_next(text, &mut cursor, "\"2023-01\""), 22);
        assert_eq!(cursor, 31);
        assert_eq!(locate_next(text, &mut cursor, "\"2023-01\""), 31);
        assert_eq!(cursor, 31);
    }

    #[test]
    fn splits_front_matter_with_lf_and_crlf() {
        let s = split_front_matter("+++\ntitle = \"x\"\n+++\nbody\n").unwrap();
        assert_eq!(s.front_matter, "title = \"x\"\n");
        assert_eq!(s.body, "body\n");
        assert_eq!(s.front_matter_offset, 4);
        let s = split_front_matter("+++\r\ntitle = \"x\"\r\n+++\r\nbody").unwrap();
        assert_eq!(s.body, "body");
        assert_eq!(
            split_front_matter("title").unwrap_err(),
            SplitError::Missing
        );
        assert_eq!(
            split_front_matter("+++\ntitle = 1\n").unwrap_err(),
            SplitError::Unclosed
        );
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let f = file(
            "content/topics/a.md",
            "+++\ntitle = \"a\"\ncolour = 1\n+++\n",
        );
        let mut diags = Diagnostics::default();
        assert!(parse_page::<RawTopic>(&f, &mut diags).is_none());
        let d = &diags.into_report().diagnostics[0];
        assert_eq!((d.line, d.column), (3, 1), "{d}");
        assert!(d.message.contains("unknown field `colour`"), "{d}");
    }

    #[test]
    fn unknown_fields_get_a_suggestion() {
        let hint = unknown_field_hint("unknown field `titel`, expected `title`").unwrap();
        assert!(hint.starts_with("did you mean `title`?"), "{hint}");
        let hint = unknown_field_hint("unknown field `x`, expected `name` or `points`").unwrap();
        assert_eq!(hint, "the fields allowed here are: name, points");
        assert_eq!(unknown_field_hint("missing field `id`"), None);
    }

    #[test]
    fn dates_may_be_toml_dates_or_strings() {
        let f = file(
            "content/documents/d.md",
            "+++\ntitle = \"d\"\ndate = 2023-05-25\nkind = \"report\"\n+++\n",
        );
        let mut diags = Diagnostics::default();
        let parsed = parse_page::<RawDocument>(&f, &mut diags).unwrap();
        assert!(matches!(parsed.meta.date.get_ref(), RawDate::Toml(_)));
        let f = file(
            "content/documents/d.md",
            "+++\ntitle = \"d\"\ndate = \"2023-05-25\"\nkind = \"report\"\n+++\n",
        );
        let parsed = parse_page::<RawDocument>(&f, &mut diags).unwrap();
        assert!(matches!(parsed.meta.date.get_ref(), RawDate::Text(_)));
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let f = file(
            "data/indicators/x.json",
            "{\n  \"id\": \"x\",\n  \"title\": 5\n}",
        );
        let mut diags = Diagnostics::default();
        assert!(parse_indicator(&f, &mut diags).is_none());
        let d = &diags.into_report().diagnostics[0];
        assert_eq!(d.line, 3, "{d}");
        assert!(d.message.contains("invalid type"), "{d}");
    }
}
