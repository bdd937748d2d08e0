//! Validate: raw parsed records into the typed [`Site`] model, or diagnostics.
//!
//! Owns every rule about meaning: ids are safe and unique, enum values are known, dates exist,
//! references resolve to documents, headings, topics and indicators, status histories are in
//! order and not after `as_of`. It collects all problems rather than stopping at the first,
//! and builds the cross-reference index once. Pure: no IO.

use crate::date::{Date, Period};
use crate::diag::{Diagnostics, did_you_mean};
use crate::load::{SourceFile, Sources};
use crate::markdown;
use crate::model::*;
use crate::parse::{self, Parsed, RawDate, RawIndicator, RawRecommendation};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use toml::Spanned;

/// Builds the site model. Returns `None` when any error was found (all of them are in `diags`).
pub fn validate(sources: &Sources, diags: &mut Diagnostics) -> Option<Site> {
    let config = sources.config.as_ref().and_then(|f| site_config(f, diags));
    let as_of = config.as_ref().map(|c| c.as_of);

    let home = match &sources.home {
        Some(file) => parse::parse_optional_front_matter::<parse::RawHome>(file, diags).map(|p| {
            check_markdown(file, p.body, diags);
            Home {
                title: p.meta.title,
                body: p.body.to_string(),
            }
        }),
        None => Some(Home {
            title: None,
            body: String::new(),
        }),
    };

    let mut documents = collect(&sources.documents, diags, document);
    let mut topics = collect(&sources.topics, diags, topic);
    let mut indicators = collect(&sources.indicators, diags, indicator);
    for path in &sources.unreadable {
        let stem = crate::load::stem_of(path).to_string();
        if path.starts_with("content/documents/") {
            documents.broken.insert(stem);
        } else if path.starts_with("content/topics/") {
            topics.broken.insert(stem);
        } else if path.starts_with("data/indicators/") {
            indicators.broken.insert(stem);
        }
    }
    let lookup = Lookup {
        documents: &documents,
        topics: &topics,
        indicators: &indicators,
    };
    let recommendations = collect(&sources.recommendations, diags, |file, diags| {
        recommendation(file, &lookup, as_of, diags)
    });
    let (documents, topics, indicators) = (documents.items, topics.items, indicators.items);
    let recommendations = recommendations.items;

    if diags.has_errors() {
        return None;
    }
    let index = cross_index(&documents, &recommendations);
    Some(Site {
        config: config?,
        home: home?,
        documents,
        topics,
        recommendations,
        indicators,
        index,
    })
}

/// Runs `make` on every file and keys the results by id, reporting duplicate ids (also those
/// that differ only in case, since they would be one file on some file systems).
fn collect<T: HasId + Send>(
    files: &[SourceFile],
    diags: &mut Diagnostics,
    make: impl Fn(&SourceFile, &mut Diagnostics) -> Option<T> + Sync,
) -> Collection<T> {
    // Files are validated in parallel; results and diagnostics are then taken in file order,
    // so ids, duplicates and the report come out the same on every run.
    let made: Vec<(Option<T>, Diagnostics)> = files
        .par_iter()
        .map(|file| {
            let mut file_diags = Diagnostics::default();
            let item = make(file, &mut file_diags);
            (item, file_diags)
        })
        .collect();
    let mut items: BTreeMap<String, T> = BTreeMap::new();
    let mut broken = BTreeSet::new();
    let mut folded: BTreeMap<String, String> = BTreeMap::new();
    for (file, (item, file_diags)) in files.iter().zip(made) {
        diags.extend(file_diags);
        let Some(item) = item else {
            broken.insert(file.stem().to_string());
            continue;
        };
        let id = item.id().to_string();
        if let Some(earlier) = folded.get(&id.to_lowercase()) {
            // Point at the id field where there is one (recommendations, indicators).
            let at = ["id =", "\"id\""]
                .iter()
                .find_map(|key| file.text.find(key))
                .unwrap_or(0);
            diags.error_at(
                &file.path,
                &file.text,
                at,
                format!("duplicate id \"{id}\": {earlier} already uses it"),
            );
            diags.with_hint("ids are compared ignoring case, because they become file names and some file systems ignore case");
            broken.insert(id);
            continue;
        }
        folded.insert(id.to_lowercase(), file.path.clone());
        items.insert(id, item);
    }
    Collection { items, broken }
}

/// Valid items by id, and the ids of files that had errors of their own (references to
/// those are not reported again: the cause is already in the report).
struct Collection<T> {
    items: BTreeMap<String, T>,
    broken: BTreeSet<String>,
}

trait HasId {
    fn id(&self) -> &str;
}

macro_rules! has_id {
    ($($t:ty),*) => {$(impl HasId for $t { fn id(&self) -> &str { &self.id } })*};
}
has_id!(Document, Topic, Indicator, Recommendation);

/// The ids a recommendation may refer to.
struct Lookup<'a> {
    documents: &'a Collection<Document>,
    topics: &'a Collection<Topic>,
    indicators: &'a Collection<Indicator>,
}

/// Characters allowed in ids: they become file names and URL parts.
pub fn is_safe_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

const ID_RULE: &str =
    "ids may contain only ASCII letters, digits, '-' and '_' (they become file names)";

fn check_file_id(file: &SourceFile, diags: &mut Diagnostics) -> Option<String> {
    let id = file.stem();
    if is_safe_id(id) {
        Some(id.to_string())
    } else {
        diags.error_at(
            &file.path,
            &file.text,
            0,
            format!("the file name \"{id}\" is not a valid id"),
        );
        diags.with_hint(ID_RULE);
        None
    }
}

fn site_config(file: &SourceFile, diags: &mut Diagnostics) -> Option<SiteConfig> {
    let raw: parse::RawSiteConfig = parse::parse_toml(file, diags)?;
    let at = |span: std::ops::Range<usize>| span.start;
    let language = match &raw.language {
        None => Some(Language::Nl),
        Some(lang) => enum_value(
            file,
            at(lang.span()),
            lang.get_ref(),
            &Language::ALL,
            Language::code,
            "language",
            diags,
        ),
    };
    let as_of = date(file, 0, &raw.as_of, diags);
    let accessibility = accessibility(file, raw.accessibility.as_ref(), diags);
    let theme = match raw.theme {
        None => "default".to_string(),
        Some(theme) if is_safe_id(theme.get_ref()) => theme.into_inner(),
        Some(theme) => {
            diags.error_at(
                &file.path,
                &file.text,
                theme.span().start,
                "the theme name is not a valid folder name",
            );
            diags.with_hint(ID_RULE);
            return None;
        }
    };
    Some(SiteConfig {
        title: raw.title,
        language: language?,
        as_of: as_of?,
        theme,
        base_url: raw.base_url,
        description: raw.description,
        publisher: raw.publisher,
        notice: raw.notice,
        allow_html: raw.allow_html.unwrap_or(false),
        accessibility: accessibility?,
    })
}

fn accessibility(
    file: &SourceFile,
    raw: Option<&parse::RawAccessibility>,
    diags: &mut Diagnostics,
) -> Option<Accessibility> {
    let Some(raw) = raw else {
        return Some(Accessibility {
            status: ComplianceStatus::NotAssessed,
            evaluated: None,
            method: None,
            known_issues: Vec::new(),
            contact: None,
        });
    };
    let status = match &raw.status {
        None => Some(ComplianceStatus::NotAssessed),
        Some(s) => enum_value(
            file,
            s.span().start,
            s.get_ref(),
            &ComplianceStatus::ALL,
            ComplianceStatus::key,
            "accessibility status",
            diags,
        ),
    };
    let evaluated = optional(raw.evaluated.as_ref(), |d| date(file, 0, d, diags));
    let contact_ok = raw.contact.as_ref().is_none_or(|c| {
        let text = c.get_ref();
        let email =
            text.contains('@') && !text.contains(':') && !text.contains(char::is_whitespace);
        email || check_url(file, c.span().start, text, diags)
    });
    if !contact_ok {
        diags.with_hint(
            "give an e-mail address (name@example.nl) or a web address starting with https://",
        );
    }
    Some(Accessibility {
        status: status?,
        evaluated: evaluated?,
        method: raw.method.clone(),
        known_issues: raw.known_issues.clone(),
        contact: if contact_ok {
            raw.contact.as_ref().map(|c| c.get_ref().clone())
        } else {
            return None;
        },
    })
}

pub fn document(file: &SourceFile, diags: &mut Diagnostics) -> Option<Document> {
    let id = check_file_id(file, diags);
    let page: Parsed<parse::RawDocument> = parse::parse_page(file, diags)?;
    let off = page.front_matter_offset;
    let kind = enum_value(
        file,
        off + page.meta.kind.span().start,
        page.meta.kind.get_ref(),
        &DocumentKind::ALL,
        DocumentKind::key,
        "kind",
        diags,
    );
    let date = date(file, off, &page.meta.date, diags);
    let url_ok = page
        .meta
        .url
        .as_ref()
        .is_none_or(|url| check_url(file, off + url.span().start, url.get_ref(), diags));
    check_markdown(file, page.body, diags);
    let body_offset = file.text.len() - page.body.len();
    let anchors = markdown::anchor_problems(page.body);
    for (span, message) in &anchors {
        let span = body_offset + span.start..body_offset + span.end;
        diags.error_span(&file.path, &file.text, span, message);
    }
    if !url_ok || !anchors.is_empty() {
        return None;
    }
    Some(Document {
        id: id?,
        title: page.meta.title,
        date: date?,
        kind: kind?,
        reference: page.meta.reference,
        author: page.meta.author,
        url: page.meta.url.map(Spanned::into_inner),
        headings: markdown::headings(page.body),
        body: page.body.to_string(),
    })
}

fn topic(file: &SourceFile, diags: &mut Diagnostics) -> Option<Topic> {
    let id = check_file_id(file, diags);
    let page: Parsed<parse::RawTopic> = parse::parse_page(file, diags)?;
    check_markdown(file, page.body, diags);
    Some(Topic {
        id: id?,
        title: page.meta.title,
        body: page.body.to_string(),
    })
}

pub fn indicator(file: &SourceFile, diags: &mut Diagnostics) -> Option<Indicator> {
    let stem = check_file_id(file, diags);
    let raw: RawIndicator = parse::parse_indicator(file, diags)?;
    let at = |needle: &str| parse::locate(&file.text, needle);
    if stem.as_deref().is_some_and(|stem| stem != raw.id) {
        diags.error_at(
            &file.path,
            &file.text,
            at("\"id\""),
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                raw.id,
                file.stem()
            ),
        );
        diags.with_hint("an indicator's id must equal its file name without .json");
    }
    let provenance = enum_value(
        file,
        at("\"provenance\""),
        &raw.provenance,
        &Provenance::ALL,
        Provenance::key,
        "provenance",
        diags,
    );
    let chart = enum_value(
        file,
        at("\"chart\""),
        &raw.chart,
        &ChartKind::ALL,
        ChartKind::key,
        "chart",
        diags,
    );
    let target = match &raw.target {
        None => Some(None),
        Some(t) => {
            let direction = enum_value(
                file,
                at("\"direction\""),
                &t.direction,
                &Direction::ALL,
                Direction::key,
                "direction",
                diags,
            );
            let by = date_text(file, at(&format!("\"{}\"", t.by)), &t.by, diags);
            if !t.value.is_finite() {
                diags.error_at(
                    &file.path,
                    &file.text,
                    at("\"target\""),
                    "the target value must be a finite number",
                );
            }
            match (direction, by) {
                (Some(direction), Some(by)) => Some(Some(Target {
                    value: t.value,
                    direction,
                    by,
                    label: t.label.clone(),
                })),
                _ => None,
            }
        }
    };
    if raw.series.is_empty() {
        diags.error_at(
            &file.path,
            &file.text,
            at("\"series\""),
            "an indicator needs at least one series",
        );
    }
    let mut series = Vec::with_capacity(raw.series.len());
    let mut series_ok = true;
    // Series and points are found in file order from here on, each after the one before.
    let mut cursor = at("\"series\"");
    for s in &raw.series {
        let series_at = parse::locate_next(&file.text, &mut cursor, &format!("\"{}\"", s.name));
        if s.points.is_empty() {
            diags.error_at(
                &file.path,
                &file.text,
                series_at,
                format!("series \"{}\" has no points", s.name),
            );
            series_ok = false;
            continue;
        }
        if s.points.iter().all(|p| p.value.is_none()) {
            diags.error_at(
                &file.path,
                &file.text,
                series_at,
                format!("series \"{}\" has only null values", s.name),
            );
            diags.with_hint("null marks a gap; a series needs at least one number");
            series_ok = false;
        }
        let mut points = Vec::with_capacity(s.points.len());
        for p in &s.points {
            let point_at = parse::locate_next(&file.text, &mut cursor, &format!("\"{}\"", p.date));
            match Period::parse(&p.date) {
                Ok(period) => {
                    if let Some(previous) = points.last().map(|q: &Point| q.period)
                        && period.start() <= previous.start()
                    {
                        diags.error_at(&file.path, &file.text, point_at, format!("point \"{}\" in series \"{}\" is not after the point before it ({previous})", p.date, s.name));
                        diags.with_hint("list points in date order, each date once");
                        series_ok = false;
                    }
                    points.push(Point {
                        period,
                        value: p.value,
                    });
                }
                Err(err) => {
                    diags.error_at(
                        &file.path,
                        &file.text,
                        point_at,
                        period_message(&p.date, err),
                    );
                    series_ok = false;
                }
            }
        }
        series.push(Series {
            name: s.name.clone(),
            points,
        });
    }
    let url_ok = raw.source.url.as_ref().is_none_or(|url| {
        let at = parse::locate(&file.text, &format!("\"{url}\""));
        check_url(file, at, url, diags)
    });
    if !series_ok || !url_ok || raw.series.is_empty() {
        return None;
    }
    Some(Indicator {
        id: stem?,
        title: raw.title,
        unit: raw.unit,
        description: raw.description,
        source: IndicatorSource {
            name: raw.source.name,
            url: raw.source.url,
        },
        provenance: provenance?,
        chart: chart?,
        target: target?,
        series,
    })
}

fn recommendation(
    file: &SourceFile,
    lookup: &Lookup,
    as_of: Option<Date>,
    diags: &mut Diagnostics,
) -> Option<Recommendation> {
    let stem = check_file_id(file, diags);
    let page: Parsed<RawRecommendation> = parse::parse_page(file, diags)?;
    check_markdown(file, page.body, diags);
    let off = page.front_matter_offset;
    let raw = page.meta;
    let mut ok = true;
    let pos = |s: &std::ops::Range<usize>| off + s.start;

    if !is_safe_id(raw.id.get_ref()) {
        diags.error_at(
            &file.path,
            &file.text,
            pos(&raw.id.span()),
            format!("\"{}\" is not a valid id", raw.id.get_ref()),
        );
        diags.with_hint(ID_RULE);
        ok = false;
    } else if stem.as_deref().is_some_and(|stem| stem != raw.id.get_ref()) {
        diags.error_at(
            &file.path,
            &file.text,
            pos(&raw.id.span()),
            format!(
                "the id \"{}\" differs from the file name \"{}\"",
                raw.id.get_ref(),
                file.stem()
            ),
        );
        diags.with_hint("a recommendation's id must equal its file name without .md");
        ok = false;
    }
    ok &= reference(file, off, &raw.source, lookup.documents, "document", diags).is_some();
    for topic in &raw.topics {
        ok &= reference(file, off, topic, lookup.topics, "topic", diags).is_some();
    }
    for indicator in &raw.indicators {
        ok &= reference(file, off, indicator, lookup.indicators, "indicator", diags).is_some();
    }
    let response = enum_value(
        file,
        pos(&raw.response.span()),
        raw.response.get_ref(),
        &Response::ALL,
        Response::key,
        "response",
        diags,
    );
    let response_ref = doc_ref(file, off, &raw.response_ref, lookup.documents, diags);

    let mut commitments = Vec::new();
    for c in &raw.commitments {
        let due = date(file, off, &c.due, diags);
        let done = optional(c.done.as_ref(), |done| date(file, off, done, diags));
        // Else a mistyped year would quietly turn an overdue promise into a kept one.
        if let (Some(Some(done_on)), Some(raw_done)) = (done, &c.done) {
            let at = pos(&raw_done.span());
            ok &= not_after_as_of(file, at, "commitment done on", done_on, as_of, diags);
        }
        let reference = optional(c.reference.as_ref(), |r| {
            doc_ref(file, off, r, lookup.documents, diags)
        });
        match (due, done, reference) {
            (Some(due), Some(done), Some(reference)) => commitments.push(Commitment {
                text: c.text.clone(),
                owner: c.owner.clone(),
                due,
                done,
                reference,
            }),
            _ => ok = false,
        }
    }

    if raw.status.is_empty() {
        diags.error_at(
            &file.path,
            &file.text,
            off,
            "a recommendation needs at least one [[status]] entry",
        );
        diags.with_hint("add [[status]] with date, state and note: where the follow-up stands");
        ok = false;
    }
    let mut status: Vec<StatusEntry> = Vec::new();
    for s in &raw.status {
        let when = date(file, off, &s.date, diags);
        let state = enum_value(
            file,
            pos(&s.state.span()),
            s.state.get_ref(),
            &FollowUpState::ALL,
            FollowUpState::key,
            "state",
            diags,
        );
        let reference = optional(s.reference.as_ref(), |r| {
            doc_ref(file, off, r, lookup.documents, diags)
        });
        let (Some(when), Some(state), Some(reference)) = (when, state, reference) else {
            ok = false;
            continue;
        };
        if let Some(previous) = status.last()
            && when < previous.date
        {
            diags.error_at(
                &file.path,
                &file.text,
                pos(&s.date.span()),
                format!(
                    "status entries must be in date order: {when} comes after {}",
                    previous.date
                ),
            );
            ok = false;
        }
        ok &= not_after_as_of(
            file,
            pos(&s.date.span()),
            "status dated",
            when,
            as_of,
            diags,
        );
        status.push(StatusEntry {
            date: when,
            state,
            note: s.note.clone(),
            reference,
        });
    }

    if !ok {
        return None;
    }
    Some(Recommendation {
        id: raw.id.into_inner(),
        title: raw.title,
        source: raw.source.into_inner(),
        addressed_to: raw.addressed_to,
        topics: raw.topics.into_iter().map(Spanned::into_inner).collect(),
        response: response?,
        response_ref: response_ref?,
        indicators: raw
            .indicators
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        commitments,
        status,
        body: page.body.to_string(),
    })
}

/// Checks an optional field: `Some(None)` when absent, `Some(Some(value))` when present and
/// valid, `None` when present and invalid (the problem is then in the diagnostics).
fn optional<A, T>(input: Option<A>, check: impl FnOnce(A) -> Option<T>) -> Option<Option<T>> {
    match input {
        None => Some(None),
        Some(value) => check(value).map(Some),
    }
}

/// Warns about links and images in a Markdown body that rendering will drop.
fn check_markdown(file: &SourceFile, body: &str, diags: &mut Diagnostics) {
    // The body is the end of the file's text, so its offset is the difference in length.
    let offset = file.text.len() - body.len();
    for problem in markdown::link_problems(body) {
        let span = offset + problem.span.start..offset + problem.span.end;
        diags.warning_span(&file.path, &file.text, span, problem.message);
        diags.with_hint(format!(
            "the link to {:?} is shown as plain text",
            problem.url
        ));
    }
}

/// A URL in front matter or JSON that becomes a link: only web addresses.
fn check_url(file: &SourceFile, offset: usize, url: &str, diags: &mut Diagnostics) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        return true;
    }
    diags.error_at(
        &file.path,
        &file.text,
        offset,
        format!("{url:?} is not a web address"),
    );
    diags.with_hint("use a full address starting with https:// (or http://)");
    false
}

/// Checks that an id refers to an existing item, suggesting a close match if not.
fn reference<'m, T>(
    file: &SourceFile,
    off: usize,
    id: &Spanned<String>,
    collection: &'m Collection<T>,
    what: &str,
    diags: &mut Diagnostics,
) -> Option<&'m T> {
    if let Some(item) = collection.items.get(id.get_ref()) {
        return Some(item);
    }
    if collection.broken.contains(id.get_ref()) {
        return None;
    }
    let items = &collection.items;
    diags.error_at(
        &file.path,
        &file.text,
        off + id.span().start,
        format!("unknown {what} \"{}\"", id.get_ref()),
    );
    if let Some(close) = did_you_mean(id.get_ref(), items.keys().map(String::as_str)) {
        diags.with_hint(format!("did you mean \"{close}\"?"));
    } else if items.is_empty() {
        diags.with_hint(format!("the site has no {what}s"));
    }
    None
}

/// Resolves "<document id>" or "<document id>#<anchor>".
fn doc_ref(
    file: &SourceFile,
    off: usize,
    text: &Spanned<String>,
    documents: &Collection<Document>,
    diags: &mut Diagnostics,
) -> Option<DocRef> {
    let (doc_id, anchor) = match text.get_ref().split_once('#') {
        Some((doc, anchor)) => (doc, Some(anchor)),
        None => (text.get_ref().as_str(), None),
    };
    let doc_span = Spanned::new(text.span(), doc_id.to_string());
    let document = reference(file, off, &doc_span, documents, "document", diags)?;
    if let Some(anchor) = anchor
        && document.heading(anchor).is_none()
    {
        let anchor_offset = off + text.span().start + 1 + doc_id.len() + 1;
        diags.error_at(
            &file.path,
            &file.text,
            anchor_offset,
            format!("document \"{doc_id}\" has no heading with anchor \"{anchor}\""),
        );
        match did_you_mean(anchor, document.headings.iter().map(|h| h.anchor.as_str())) {
            Some(close) => diags.with_hint(format!("did you mean \"{doc_id}#{close}\"?")),
            None => diags.with_hint(format!(
                "its anchors are: {}",
                document
                    .headings
                    .iter()
                    .map(|h| h.anchor.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
        return None;
    }
    Some(DocRef {
        document: doc_id.to_string(),
        anchor: anchor.map(str::to_string),
    })
}

fn enum_value<T: Copy>(
    file: &SourceFile,
    offset: usize,
    text: &str,
    all: &[T],
    key: fn(T) -> &'static str,
    field: &str,
    diags: &mut Diagnostics,
) -> Option<T> {
    if let Some(value) = all.iter().copied().find(|v| key(*v) == text) {
        return Some(value);
    }
    let allowed: Vec<&str> = all.iter().map(|v| key(*v)).collect();
    diags.error_at(
        &file.path,
        &file.text,
        offset,
        format!(
            "unknown {field} \"{text}\"; expected one of: {}",
            allowed.join(", ")
        ),
    );
    if let Some(close) = did_you_mean(text, allowed.iter().copied()) {
        diags.with_hint(format!("did you mean \"{close}\"?"));
    }
    None
}

fn date(
    file: &SourceFile,
    off: usize,
    raw: &Spanned<RawDate>,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let offset = off + raw.span().start;
    match raw.get_ref() {
        RawDate::Text(text) => date_text(file, offset, text, diags),
        RawDate::Toml(dt) => match (dt.date, dt.time, dt.offset) {
            (Some(d), None, None) => {
                let parsed = Date::from_ymd(d.year as i32, d.month as u32, d.day as u32);
                if parsed.is_none() {
                    diags.error_at(
                        &file.path,
                        &file.text,
                        offset,
                        format!("{dt} is not a day in the calendar"),
                    );
                }
                parsed
            }
            _ => {
                diags.error_at(
                    &file.path,
                    &file.text,
                    offset,
                    format!("expected a date like 2023-05-25, found the date-time {dt}"),
                );
                None
            }
        },
    }
}

fn date_text(
    file: &SourceFile,
    offset: usize,
    text: &str,
    diags: &mut Diagnostics,
) -> Option<Date> {
    match Date::parse(text) {
        Ok(date) => Some(date),
        Err(crate::date::DateError::Impossible) => {
            diags.error_at(
                &file.path,
                &file.text,
                offset,
                format!("\"{text}\" is not a day in the calendar"),
            );
            None
        }
        Err(crate::date::DateError::Malformed) => {
            diags.error_at(
                &file.path,
                &file.text,
                offset,
                format!("\"{text}\" is not a date; expected YYYY-MM-DD"),
            );
            None
        }
    }
}

fn period_message(text: &str, err: crate::date::DateError) -> String {
    match err {
        crate::date::DateError::Impossible => {
            format!("\"{text}\" is not a real day, month or quarter")
        }
        crate::date::DateError::Malformed => {
            format!("\"{text}\" is not a date; expected YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY")
        }
    }
}

/// Reverse links, built in one pass over the recommendations.
fn cross_index(
    documents: &BTreeMap<String, Document>,
    recommendations: &BTreeMap<String, Recommendation>,
) -> CrossIndex {
    let mut index = CrossIndex::default();
    for doc in documents.keys() {
        index.citations.insert(doc.clone(), BTreeMap::new());
    }
    let mut cite = |r: &DocRef, rec: &str| {
        let anchors = index.citations.entry(r.document.clone()).or_default();
        let recs = anchors
            .entry(r.anchor.clone().unwrap_or_default())
            .or_default();
        if recs.last().map(String::as_str) != Some(rec) {
            recs.push(rec.to_string());
        }
    };
    // Recommendations iterate in id order, so every list below comes out sorted.
    for rec in recommendations.values() {
        cite(&rec.response_ref, &rec.id);
        for r in rec.commitments.iter().filter_map(|c| c.reference.as_ref()) {
            cite(r, &rec.id);
        }
        for r in rec.status.iter().filter_map(|s| s.reference.as_ref()) {
            cite(r, &rec.id);
        }
    }
    for rec in recommendations.values() {
        for topic in &rec.topics {
            index
                .topic_recommendations
                .entry(topic.clone())
                .or_default()
                .push(rec.id.clone());
        }
        for indicator in &rec.indicators {
            index
                .indicator_users
                .entry(indicator.clone())
                .or_default()
                .push(rec.id.clone());
        }
        index
            .document_sources
            .entry(rec.source.clone())
            .or_default()
            .push(rec.id.clone());
    }
    for list in index
        .topic_recommendations
        .values_mut()
        .chain(index.indicator_users.values_mut())
    {
        list.dedup();
    }
    index
}

/// Reports `what` dated `when` after the reporting date: nothing can be known before it
/// happens. True when the date is fine (or there is no `as_of` to compare with).
fn not_after_as_of(
    file: &SourceFile,
    at: usize,
    what: &str,
    when: Date,
    as_of: Option<Date>,
    diags: &mut Diagnostics,
) -> bool {
    let Some(as_of) = as_of.filter(|as_of| when > *as_of) else {
        return true;
    };
    diags.error_at(
        &file.path,
        &file.text,
        at,
        format!("{what} {when} is after the reporting date as_of = {as_of}"),
    );
    diags.with_hint(
        "nothing can be known before it happens; raise as_of in site.toml or fix the date",
    );
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_ids() {
        assert!(is_safe_id("R1"));
        assert!(is_safe_id("amv-ter_apel"));
        for bad in ["", "a/b", "a\\b", "..", "a b", "a\u{7}", "é", "a.b"] {
            assert!(!is_safe_id(bad), "{bad:?}");
        }
    }
}
