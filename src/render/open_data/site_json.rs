//! `site.json`, the whole model as data, and `site.schema.json`, its JSON Schema, derived from
//! the same types (so the two cannot differ). Indicators are the model's own record, as their
//! data files have them.

use super::tables::page_url;
use crate::date::{Date, Period};
use crate::history::Moment;
use crate::model::*;
use crate::paths;
use crate::render::output::Stream;
use schemars::JsonSchema;
use serde::Serialize;

/// Everything the site publishes, as data.
#[derive(Serialize, JsonSchema)]
#[schemars(title = "opvolg site data", deny_unknown_fields)]
struct SiteData<'a> {
    /// The version of this format: `opvolg-site/2`.
    format: &'static str,
    title: &'a str,
    /// `nl` or `en`.
    language: &'a str,
    /// The reporting date: every state is as of this day.
    as_of: Date,
    base_url: Option<&'a str>,
    description: Option<&'a str>,
    publisher: Option<&'a str>,
    /// The reporting moments, oldest first; the last is `as_of`.
    moments: Vec<MomentData<'a>>,
    documents: Vec<DocumentData<'a>>,
    topics: Vec<TopicData<'a>>,
    recommendations: Items<'a, RecommendationData<'a>>,
    indicators: Items<'a, IndicatorData<'a>>,
}

/// A list written item by item as the model is read, so that `site.json` of a large site is
/// never held whole; its schema is that of a `Vec<T>`.
struct Items<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T> Items<'a, T> {
    fn new<I: Iterator<Item = T> + 'a>(items: impl Fn() -> I + 'a) -> Items<'a, T> {
        Items(Box::new(move || Box::new(items())))
    }
}

impl<T: Serialize> Serialize for Items<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

impl<T: JsonSchema> JsonSchema for Items<'_, T> {
    fn inline_schema() -> bool {
        Vec::<T>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        Vec::<T>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        Vec::<T>::json_schema(generator)
    }
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct MomentData<'a> {
    date: Date,
    /// The ids of the progress documents of that day.
    documents: &'a [String],
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DocumentData<'a> {
    id: &'a str,
    title: &'a str,
    date: Date,
    kind: DocumentKind,
    reference: Option<&'a str>,
    author: Option<&'a str>,
    /// Where the original is published.
    url: Option<&'a str>,
    /// The text, in Markdown.
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct TopicData<'a> {
    id: &'a str,
    title: &'a str,
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RefData<'a> {
    document: &'a str,
    /// A heading's anchor in the document.
    anchor: Option<&'a str>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RecommendationData<'a> {
    id: &'a str,
    title: &'a str,
    url: String,
    /// The id of the document that makes the recommendation.
    source: &'a str,
    addressed_to: &'a [String],
    topics: &'a [String],
    /// The recommendation this one is a part of.
    #[serde(skip_serializing_if = "Option::is_none")]
    part_of: Option<&'a str>,
    /// The answer in force at `as_of`.
    response: Response,
    /// The first answer.
    first_response: Response,
    /// Where the first answer is.
    response_ref: Option<RefData<'a>>,
    /// Later changes of the answer, oldest first.
    response_changes: Vec<ResponseChangeData<'a>>,
    /// Where the reviewer replies to the answer.
    reply_ref: Option<RefData<'a>>,
    indicators: &'a [String],
    /// The state at `as_of`.
    state: FollowUpState,
    state_date: Date,
    commitments: Vec<CommitmentData<'a>>,
    /// Oldest first.
    status: Vec<StatusData<'a>>,
    /// The recommendation's text, in Markdown.
    text: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CommitmentData<'a> {
    number: usize,
    text: &'a str,
    owner: &'a str,
    /// The deadline in force at `as_of` (a day, month, quarter, half year or year); absent when
    /// none was given.
    due: Option<Period>,
    /// The deadline first promised.
    original_due: Option<Period>,
    done: Option<Date>,
    /// Not fulfilled, and the deadline in force has passed, at `as_of`.
    overdue: bool,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
    /// The moves of the deadline, oldest first.
    revisions: Vec<RevisionData<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RevisionData<'a> {
    /// When the deadline moved.
    date: Date,
    /// The deadline before the move; absent when there was none.
    previous_due: Option<Period>,
    /// The deadline the move set.
    due: Option<Period>,
    reason: &'a str,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ResponseChangeData<'a> {
    /// From when the answer holds.
    date: Date,
    response: Response,
    reason: &'a str,
    #[serde(rename = "ref")]
    reference: RefData<'a>,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct StatusData<'a> {
    date: Date,
    state: FollowUpState,
    note: &'a str,
    #[serde(rename = "ref")]
    reference: Option<RefData<'a>>,
}

/// An indicator as its data file has it (the model's record, so the two cannot differ), with
/// where it stands at `as_of`.
#[derive(Serialize, JsonSchema)]
struct IndicatorData<'a> {
    #[serde(flatten)]
    indicator: &'a Indicator,
    /// Where the indicator stands against its target at `as_of`.
    target_state: Option<TargetState>,
}

fn ref_data(r: &Option<DocRef>) -> Option<RefData<'_>> {
    r.as_ref().map(|r| RefData {
        document: &r.document,
        anchor: r.anchor.as_deref(),
    })
}

/// `site.json`: the whole model, written into `out` as it is read (never held whole).
pub fn site_json(site: &Site, moments: &[Moment], out: &mut dyn Stream) -> Result<(), String> {
    let as_of = site.config.as_of;
    let mut documents: Vec<&std::sync::Arc<Document>> = site.documents.values().collect();
    documents.sort_by(|a, b| a.date.cmp(&b.date).then(natural_order(&a.id, &b.id)));
    let data = SiteData {
        format: "opvolg-site/2",
        title: &site.config.title,
        language: site.config.language.code(),
        as_of,
        base_url: site.config.base_url.as_deref(),
        description: site.config.description.as_deref(),
        publisher: site.config.publisher.as_deref(),
        moments: moments
            .iter()
            .map(|m| MomentData {
                date: m.date,
                documents: &m.documents,
            })
            .collect(),
        documents: documents
            .into_iter()
            .map(|d| DocumentData {
                id: &d.id,
                title: &d.title,
                date: d.date,
                kind: d.kind,
                reference: d.reference.as_deref(),
                author: d.author.as_deref(),
                url: d.url.as_deref(),
                text: d.body.markdown(),
            })
            .collect(),
        topics: in_natural_order(&site.topics)
            .into_iter()
            .map(|t| TopicData {
                id: &t.id,
                title: &t.title,
                text: t.body.markdown(),
            })
            .collect(),
        recommendations: Items::new(move || {
            in_natural_order(&site.recommendations)
                .into_iter()
                .map(move |rec| RecommendationData {
                    id: &rec.id,
                    title: &rec.title,
                    url: page_url(site, &paths::recommendation(&rec.id)),
                    source: &rec.source,
                    addressed_to: &rec.addressed_to,
                    topics: &rec.topics,
                    part_of: rec.part_of.as_deref(),
                    response: rec.current_response(),
                    first_response: rec.response,
                    reply_ref: ref_data(&rec.reply_ref),
                    response_ref: ref_data(&rec.response_ref),
                    response_changes: rec
                        .response_changes
                        .iter()
                        .map(|c| ResponseChangeData {
                            date: c.date,
                            response: c.response,
                            reason: &c.reason,
                            reference: RefData {
                                document: &c.reference.document,
                                anchor: c.reference.anchor.as_deref(),
                            },
                        })
                        .collect(),
                    indicators: &rec.indicators,
                    state: rec.current().state,
                    state_date: rec.current().date,
                    commitments: rec
                        .commitments
                        .iter()
                        .enumerate()
                        .map(|(i, c)| CommitmentData {
                            number: i + 1,
                            text: &c.text,
                            owner: &c.owner,
                            due: c.due,
                            original_due: c.original_due(),
                            done: c.done,
                            overdue: c.is_overdue(as_of),
                            reference: ref_data(&c.reference),
                            revisions: c
                                .revisions
                                .iter()
                                .map(|r| RevisionData {
                                    date: r.date,
                                    previous_due: r.previous_due,
                                    due: c.due_at(r.date),
                                    reason: &r.reason,
                                    reference: ref_data(&r.reference),
                                })
                                .collect(),
                        })
                        .collect(),
                    status: rec
                        .status
                        .iter()
                        .map(|s| StatusData {
                            date: s.date,
                            state: s.state,
                            note: &s.note,
                            reference: ref_data(&s.reference),
                        })
                        .collect(),
                    text: rec.body.markdown(),
                })
        }),
        indicators: Items::new(move || {
            in_natural_order(&site.indicators)
                .into_iter()
                .map(move |indicator| IndicatorData {
                    indicator,
                    target_state: indicator.target_state(as_of),
                })
        }),
    };
    // Compact: on a large site the file is hundreds of megabytes, and indentation would
    // double it.
    serde_json::to_writer(&mut *out, &data).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}

/// `site.schema.json`: the JSON Schema (draft 2020-12) of `site.json`.
pub fn site_schema() -> Result<Vec<u8>, String> {
    let schema = schemars::schema_for!(SiteData);
    let mut bytes = serde_json::to_vec_pretty(&schema).map_err(|e| e.to_string())?;
    bytes.push(b'\n');
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_names_every_key_of_a_closed_set() {
        let schema = String::from_utf8(site_schema().unwrap()).unwrap();
        for key in [
            "in_progress",
            "partially_accepted",
            "illustrative",
            "at_most",
        ] {
            assert!(schema.contains(&format!("\"{key}\"")), "{key}");
        }
    }
}
