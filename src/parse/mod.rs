//! Parse: text into the records of the content format (`format`), keeping source positions.
//!
//! Owns the syntax of the content format: the `+++` front matter split, TOML (the toml
//! crate) and JSON (jsonc-parser in strict mode) into one spanned tree per file (`tree`), the
//! file's shape checked on the tree (`shape`, derived from its record), and the record read
//! from the same tree (`de`): each file is parsed once. Values that need the rest of the site
//! (references) stay text with their places; `validate` resolves them. Pure: strings in, no
//! IO.

pub mod de;
pub mod format;
pub mod shape;
pub mod tree;

use crate::diag::Diagnostics;
use crate::model::Indicator;
use crate::source::SourceFile;
pub use de::At;
pub use format::*;
use shape::Shape;
use std::sync::OnceLock;
pub use tree::Node;

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

/// A parsed Markdown file: its front matter record and its body, with the spanned tree of the
/// front matter (for positions) and its offset in the file.
#[derive(Debug)]
pub struct Parsed<'a, T> {
    pub file: &'a SourceFile,
    pub front_matter_offset: usize,
    pub meta: T,
    /// The front matter as a spanned tree; spans are positions in the whole file.
    pub tree: Node,
    pub body: &'a str,
}

/// The record of a kind of file, with its shape (derived once from its schema).
pub trait Record: for<'de> serde::Deserialize<'de> + schemars::JsonSchema {
    fn shape() -> &'static Shape;
}

macro_rules! records {
    ($($t:ty),* $(,)?) => {
        $(
            impl Record for $t {
                fn shape() -> &'static Shape {
                    static SHAPE: OnceLock<Shape> = OnceLock::new();
                    SHAPE.get_or_init(Shape::of::<$t>)
                }
            }
        )*

        /// Every record with its shape and the schema it comes from: for the tests that the
        /// shape check knows every schema a record has.
        #[cfg(test)]
        pub(crate) fn records() -> Vec<(&'static str, &'static Shape, schemars::Schema)> {
            vec![$((stringify!($t), <$t as Record>::shape(), shape::schema_of::<$t>())),*]
        }
    };
}
records!(
    SiteFile,
    HomeFile,
    DocumentFile,
    TopicFile,
    RecommendationFile,
    Indicator
);

/// Parses a TOML document (site.toml) into `T`; errors become diagnostics.
pub fn parse_toml<T: Record>(file: &SourceFile, diags: &mut Diagnostics) -> Option<(T, Node)> {
    toml_at(file, &file.text, 0, diags)
}

/// Parses a Markdown file with required front matter.
pub fn parse_page<'a, T: Record>(
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
    let (meta, tree) = toml_at(file, split.front_matter, split.front_matter_offset, diags)?;
    Some(Parsed {
        file,
        front_matter_offset: split.front_matter_offset,
        meta,
        tree,
        body: split.body,
    })
}

/// Parses a Markdown file whose front matter is optional (content/index.md).
pub fn parse_optional_front_matter<'a, T>(
    file: &'a SourceFile,
    diags: &mut Diagnostics,
) -> Option<Parsed<'a, T>>
where
    T: Record + Default,
{
    match split_front_matter(&file.text) {
        Err(SplitError::Missing) => Some(Parsed {
            file,
            front_matter_offset: 0,
            meta: T::default(),
            tree: Node {
                span: 0..0,
                value: tree::Value::Table(Vec::new()),
            },
            body: &file.text,
        }),
        _ => parse_page(file, diags),
    }
}

/// TOML at byte `offset` of the file: syntax, then shape (every problem at once), then the
/// typed record.
fn toml_at<T: Record>(
    file: &SourceFile,
    toml_text: &str,
    offset: usize,
    diags: &mut Diagnostics,
) -> Option<(T, Node)> {
    let tree = match tree::from_toml(toml_text, offset) {
        Ok(parsed) => parsed,
        Err(err) => {
            let span = err.span().unwrap_or(0..0);
            let span = offset + span.start..offset + span.end;
            diags.error_span(&file.path, &file.text, span.clone(), err.message().trim());
            if let Some(hint) = decimal_comma_hint(&file.text, span.start)
                .or_else(|| unquoted_period_hint(&file.text, span.start))
            {
                diags.with_hint(hint);
            }
            return None;
        }
    };
    if !shape_ok(file, &tree, T::shape(), offset, false, diags) {
        return None;
    }
    let record = read(file, &tree, diags)?;
    Some((record, tree))
}

/// The record of a tree whose shape is right; a value serde still cannot take (a number too
/// large for its field, say) is an error at the value.
fn read<T: Record>(file: &SourceFile, tree: &Node, diags: &mut Diagnostics) -> Option<T> {
    match de::from_node(tree) {
        Ok(record) => Some(record),
        Err(err) => {
            let span = err.span.unwrap_or(tree.span.clone());
            diags.error_span(&file.path, &file.text, span, err.message);
            None
        }
    }
}

/// Checks a file's tree against its shape, reporting every problem. True when there are none.
fn shape_ok(
    file: &SourceFile,
    tree: &Node,
    shape: &Shape,
    start: usize,
    json: bool,
    diags: &mut Diagnostics,
) -> bool {
    let problems = shape::check(tree, shape, start..start, json);
    for problem in &problems {
        if problem.span.is_empty() {
            // The file as a whole: point at its first token.
            diags.error_at(&file.path, &file.text, problem.span.start, &problem.message);
        } else {
            diags.error_span(
                &file.path,
                &file.text,
                problem.span.clone(),
                &problem.message,
            );
        }
        if let Some(hint) = &problem.hint {
            diags.with_hint(hint);
        }
    }
    problems.is_empty()
}

/// A syntax error right after a comma between digits is a decimal comma (`51,5`).
fn decimal_comma_hint(text: &str, at: usize) -> Option<String> {
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return None;
    }
    let comma = (at.saturating_sub(2)..=at.min(bytes.len().saturating_sub(1)))
        .rev()
        .find(|&i| bytes[i] == b',')?;
    let before = comma.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(comma + 1).copied();
    (before.is_some_and(|b| b.is_ascii_digit()) && after.is_some_and(|b| b.is_ascii_digit()))
        .then(|| "write numbers with a decimal point, not a comma: 51.5, not 51,5".to_string())
}

/// A syntax error in a bare `2025-06` or `2025-Q2`: TOML knows days, not months or
/// quarters, so these are periods to be written in quotes.
fn unquoted_period_hint(text: &str, at: usize) -> Option<String> {
    let before = text.get(..at.min(text.len()))?;
    // The word starts after the last character that cannot be in a period, which may take
    // more than one byte.
    let start = before
        .char_indices()
        .rfind(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '-'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    crate::date::Period::parse(&word)
        .is_ok()
        .then(|| format!("put a month, quarter, half year or year in quotes: \"{word}\""))
}

/// Parses an indicator JSON file: syntax, then shape (every problem at once, from the spanned
/// tree), then the record, read from the same tree. Returns the record with the tree, whose
/// spans place every later message.
pub fn parse_indicator(file: &SourceFile, diags: &mut Diagnostics) -> Option<(Indicator, Node)> {
    let Some(tree) = tree::from_json(&file.text) else {
        // Not JSON: serde_json says what is wrong, and where, in the words people know (only
        // a broken file is read twice).
        let (offset, message) = match serde_json::from_str::<serde::de::IgnoredAny>(&file.text) {
            Err(err) => {
                let message = err.to_string();
                // serde_json appends " at line L column C"; we report the position separately.
                let message = match message.rfind(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                let offset = crate::diag::offset_of(&file.text, err.line(), err.column());
                (offset, message)
            }
            Ok(_) => (0, "the file is not JSON that opvolg can read".to_string()),
        };
        diags.error_at(&file.path, &file.text, offset, &message);
        if let Some(hint) = decimal_comma_hint(&file.text, offset) {
            diags.with_hint(hint);
        }
        return None;
    };
    if !shape_ok(
        file,
        &tree,
        Indicator::shape(),
        tree.span.start,
        true,
        diags,
    ) {
        return None;
    }
    let record = read(file, &tree, diags)?;
    Some((record, tree))
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

    const INDICATOR_JSON: &str = r#"{"id": "x", "title": "t", "unit": "u", "description": "d",
            "source": {"name": "s", "url": "https://example.org"}, "provenance": "official",
            "chart": "line", "decimals": 1,
            "target": {"value": 5, "direction": "at_most", "by": "2024-01-01", "label": "l"},
            "series": [{"name": "a", "points": [{"date": "2023", "value": 9.9e191},
            {"date": "2024", "value": 0.30000000000000004}, {"date": "2025", "value": null}]}]}"#;

    #[test]
    fn indicator_values_are_read_exactly_as_written() {
        // serde_json's default float parser can be one unit in the last place off; a published
        // figure must be the figure in the file (found by fuzzing the JSON download round trip).
        let (raw, _) = parse_indicator(
            &file("data/indicators/x.json", INDICATOR_JSON),
            &mut Diagnostics::default(),
        )
        .expect("valid");
        let values: Vec<Option<f64>> = raw.series[0].points.iter().map(|p| p.value()).collect();
        assert_eq!(values, [Some(9.9e191), Some(0.30000000000000004), None]);
    }

    /// A file with every field of its record, and one with only the required fields, pass
    /// the shape check and are read.
    #[test]
    fn complete_and_minimal_files_are_read() {
        let mut diags = Diagnostics::default();
        let site = "title = \"t\"\nlanguage = \"nl\"\nas_of = 2024-06-30\ntheme = \"default\"\n\
            base_url = \"https://example.org/\"\ndescription = \"d\"\npublisher = \"p\"\nnotice = \"n\"\n\
            allow_html = false\n[accessibility]\nstatus = \"compliant\"\nevaluated = 2024-06-30\n\
            method = \"m\"\nknown_issues = [\"k\"]\ncontact = \"a@b.nl\"\n";
        assert!(parse_toml::<SiteFile>(&file("site.toml", site), &mut diags).is_some());
        let rec = "+++\nid = \"R1\"\ntitle = \"t\"\nsource = \"d\"\naddressed_to = [\"a\"]\n\
            topics = [\"t\"]\nresponse = \"accepted\"\nresponse_ref = \"d#a\"\nindicators = [\"i\"]\n\
            [[commitments]]\ntext = \"t\"\nowner = \"o\"\ndue = 2024-01-01\ndone = 2024-01-02\nref = \"d\"\n\
            [[commitments.revisions]]\ndate = 2023-06-01\nprevious_due = 2023-12-01\nreason = \"r\"\nref = \"d\"\n\
            [[status]]\ndate = 2024-01-01\nstate = \"open\"\nnote = \"n\"\nref = \"d\"\n+++\nBody\n";
        assert!(
            parse_page::<RecommendationFile>(
                &file("content/recommendations/R1.md", rec),
                &mut diags
            )
            .is_some()
        );
        let doc = "+++\ntitle = \"t\"\ndate = 2024-01-01\nkind = \"report\"\nreference = \"r\"\n\
            author = \"a\"\nurl = \"https://example.org\"\n+++\n";
        assert!(
            parse_page::<DocumentFile>(&file("content/documents/d.md", doc), &mut diags).is_some()
        );
        assert!(
            parse_indicator(&file("data/indicators/x.json", INDICATOR_JSON), &mut diags).is_some()
        );
        // The minimal files: only the required fields.
        let rec = "+++\nid = \"R1\"\ntitle = \"t\"\nsource = \"d\"\nresponse = \"pending\"\n+++\n";
        assert!(
            parse_page::<RecommendationFile>(
                &file("content/recommendations/R1.md", rec),
                &mut diags
            )
            .is_some()
        );
        let ind = r#"{"id": "x", "title": "t", "unit": "u", "description": "d", "source": {"name": "s"},
            "provenance": "official", "chart": "line", "series": [{"name": "a", "points": [{"date": "2023"}]}]}"#;
        assert!(parse_indicator(&file("data/indicators/x.json", ind), &mut diags).is_some());
        assert!(diags.is_empty(), "{:?}", diags.into_report().lines());
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
        assert!(parse_page::<TopicFile>(&f, &mut diags).is_none());
        let d = &diags.into_report().diagnostics[0];
        assert_eq!((d.line, d.column), (3, 1), "{d}");
        assert!(d.message.contains("unknown field `colour`"), "{d}");
    }

    #[test]
    fn dates_may_be_toml_dates_or_strings() {
        let f = file(
            "content/documents/d.md",
            "+++\ntitle = \"d\"\ndate = 2023-05-25\nkind = \"report\"\n+++\n",
        );
        let mut diags = Diagnostics::default();
        let parsed = parse_page::<DocumentFile>(&f, &mut diags).unwrap();
        assert_eq!(parsed.meta.date.get().to_string(), "2023-05-25");
        let f = file(
            "content/documents/d.md",
            "+++\ntitle = \"d\"\ndate = \"2023-05-25\"\nkind = \"report\"\n+++\n",
        );
        let parsed = parse_page::<DocumentFile>(&f, &mut diags).unwrap();
        assert_eq!(parsed.meta.date.get().to_string(), "2023-05-25");
    }

    #[test]
    fn json_errors_carry_line_and_column() {
        let f = file(
            "data/indicators/x.json",
            "{\n  \"id\": \"x\",\n  \"title\": 5\n}",
        );
        let mut diags = Diagnostics::default();
        assert!(parse_indicator(&f, &mut diags).is_none());
        let report = diags.into_report();
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.message.contains("found the number 5"))
            .unwrap();
        assert_eq!((d.line, d.column), (3, 12), "{d}");
        // Every missing field in the same run.
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("`description` is missing"))
        );
        assert!(
            report
                .diagnostics
                .iter()
                .any(|d| d.message.contains("`source` is missing"))
        );
    }

    #[test]
    fn a_period_right_after_a_wide_character_gets_its_hint() {
        // `«` takes two bytes: the word starts after both, not inside the character.
        let hint = unquoted_period_hint("date = «2025-06", 9);
        assert!(hint.is_some_and(|h| h.ends_with("\"2025-06\"")));
        // A place inside a character is no place to start a word from.
        assert_eq!(unquoted_period_hint("date = «2025-06", 8), None);
    }

    #[test]
    fn a_decimal_comma_gets_a_hint() {
        let f = file("data/indicators/x.json", "{\"value\": 51,5}");
        let mut diags = Diagnostics::default();
        assert!(parse_indicator(&f, &mut diags).is_none());
        let d = &diags.into_report().diagnostics[0];
        assert!(
            d.hint.as_deref().unwrap_or("").contains("decimal point"),
            "{d}"
        );
    }
}
