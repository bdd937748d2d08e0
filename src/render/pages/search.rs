//! Finding things on a large site: the search page with its index (`search_index` writes the
//! files), and for readers without JavaScript the A–Z index and the filters (by state, topic,
//! owner, addressee) as plain pages in the search folder.
//!
//! Owns what is searchable (recommendations, commitments, documents and their sections,
//! indicators, topics) and what each finder lists. How words are matched is the index's.

use super::anchors::commitment_anchors;
use super::parts::{commitment_status, pages_of};
use super::{Ctx, Out};
use crate::diag::Diagnostics;
use crate::model::*;
use crate::paths::{self, Finder, Output};
use crate::render::i18n::{SearchText, Ui};
use crate::render::search_index::{self, ENTRIES_PER_FILE, Entry, EntryKind};
use crate::render::views::*;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use strum::IntoEnumIterator;

/// Each kind of entry with its name, in the order of the numbers the index gives them.
fn kinds(cx: &Ctx) -> Vec<Label> {
    EntryKind::iter()
        .map(|kind| Label {
            key: kind.into(),
            text: cx
                .t
                .text(match kind {
                    EntryKind::Recommendation => SearchText::KindRecommendation,
                    EntryKind::Commitment => SearchText::KindCommitment,
                    EntryKind::Document => SearchText::KindDocument,
                    EntryKind::Section => SearchText::KindSection,
                    EntryKind::Indicator => SearchText::KindIndicator,
                    EntryKind::Topic => SearchText::KindTopic,
                })
                .to_string(),
        })
        .collect()
}

/// The states an entry can show, in the order of the numbers the index gives them: those of
/// recommendations, of commitments, of indicators' targets.
fn states(cx: &Ctx) -> Vec<SearchState> {
    let state = |label: Label, of: StateOf| SearchState {
        key: label.key,
        text: label.text,
        of,
    };
    let mut states: Vec<SearchState> = FollowUpState::all()
        .into_iter()
        .map(|s| state(cx.label(s), StateOf::Recommendation))
        .collect();
    states.extend(
        [
            Ui::CommitmentOpen,
            Ui::CommitmentDone,
            Ui::CommitmentDoneLate,
            Ui::CommitmentOverdue,
        ]
        .map(|s| state(cx.label(s), StateOf::Commitment)),
    );
    states.extend(
        TargetState::all()
            .into_iter()
            .map(|s| state(cx.label(s), StateOf::Target)),
    );
    states
}

/// Every searchable thing of the site, handed to `add` one at a time, recommendations first
/// (in natural order): the order hits of equal weight are shown in.
pub fn entries(cx: &Ctx, add: &mut dyn FnMut(Entry)) {
    let site = cx.site.whole();
    let labels = states(cx);
    let state_number =
        |of: StateOf, key: &str| labels.iter().position(|l| l.of == of && l.key == key);
    let recommendations = in_natural_order(&site.recommendations);
    for rec in &recommendations {
        add(Entry {
            kind: EntryKind::Recommendation,
            id: rec.id.clone(),
            title: rec.title.clone(),
            // Whom it is addressed to: searchable, and shown with the hit.
            context: rec.addressed_to.join(", "),
            state: state_number(StateOf::Recommendation, rec.current().state.key()),
            url: cx.url(Output::Recommendation(rec.id.clone()), None),
            text: search_index_text(&rec.body),
        });
    }
    for doc in in_natural_order(&site.documents) {
        let sections = crate::markdown::text_by_section(doc.body.markdown());
        let output = Output::Document(doc.id.clone());
        add(Entry {
            kind: EntryKind::Document,
            id: doc.reference.clone().unwrap_or_default(),
            title: doc.title.clone(),
            context: String::new(),
            state: None,
            url: cx.url(output.clone(), None),
            text: sections.first().cloned().unwrap_or_default(),
        });
        for (heading, text) in doc.body.headings.iter().zip(sections.iter().skip(1)) {
            add(Entry {
                kind: EntryKind::Section,
                id: String::new(),
                title: heading.text.clone(),
                context: doc.title.clone(),
                state: None,
                url: cx.url(output.clone(), Some(&heading.anchor)),
                text: text.clone(),
            });
        }
    }
    for ind in in_natural_order(&site.indicators) {
        let mut text = ind.description.clone();
        if let Some(milestone) = &ind.milestone {
            text.push(' ');
            text.push_str(&milestone.text);
        }
        add(Entry {
            kind: EntryKind::Indicator,
            id: ind.id.clone(),
            title: ind.title.clone(),
            context: String::new(),
            state: ind
                .target_state(site.config.as_of)
                .and_then(|s| state_number(StateOf::Target, s.key())),
            url: cx.url(Output::Indicator(ind.id.clone()), None),
            text,
        });
    }
    for topic in in_natural_order(&site.topics) {
        add(Entry {
            kind: EntryKind::Topic,
            id: String::new(),
            title: topic.title.clone(),
            context: String::new(),
            state: None,
            url: cx.url(Output::Topic(topic.id.clone(), 1), None),
            text: search_index_text(&topic.body),
        });
    }
    for rec in &recommendations {
        let anchors = commitment_anchors(rec);
        for (n, (c, anchor)) in rec.commitments.iter().zip(anchors).enumerate() {
            let status = commitment_status(c, site.config.as_of);
            add(Entry {
                kind: EntryKind::Commitment,
                id: format!("{} · {}", rec.id, n + 1),
                title: c.text.clone(),
                context: rec.title.clone(),
                state: state_number(StateOf::Commitment, status.key()),
                url: cx.url(Output::Recommendation(rec.id.clone()), Some(&anchor)),
                text: c.owner.clone(),
            });
        }
    }
}

/// A text's words for the index: all of its Markdown's plain text.
fn search_index_text(body: &Body) -> String {
    crate::markdown::text_by_section(body.markdown()).join(" ")
}

/// One row a finder lists.
pub enum Listed<'a> {
    Recommendation(&'a Arc<Recommendation>),
    Indicator(&'a Arc<Indicator>),
    Document(&'a Arc<Document>),
    Topic(&'a Arc<Topic>),
    /// An owner of commitments or an addressee (its name), listed under its letter and
    /// leading to its filter.
    Organisation(String, Finder),
}

/// The slug of an organisation's name, for its filter's address.
fn slug(name: &str) -> String {
    let slug = slug::slugify(name);
    if slug.is_empty() {
        "name".to_string()
    } else {
        slug
    }
}

/// The letter a name is listed under in the A–Z index: `a`–`z`, or `0` for anything else.
fn letter_of(name: &str) -> char {
    match search_index::fold(name.trim()).chars().next() {
        Some(c) if c.is_ascii_lowercase() => c,
        _ => '0',
    }
}

/// What every finder lists, in order: each letter of the A–Z index, and each state, owner and
/// addressee with its recommendations. Only finders that list something are there.
pub fn finder_lists(site: &Site) -> BTreeMap<Finder, Vec<Listed<'_>>> {
    let mut finders: BTreeMap<Finder, Vec<Listed>> = BTreeMap::new();
    let mut named: Vec<(String, Listed)> = Vec::new();
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut addressees: BTreeMap<String, String> = BTreeMap::new();
    for rec in in_natural_order(&site.recommendations) {
        finders
            .entry(Finder::State(rec.current().state.key().to_string()))
            .or_default()
            .push(Listed::Recommendation(rec));
        let mut seen = Vec::new();
        for c in &rec.commitments {
            let key = slug(&c.owner);
            owners.entry(key.clone()).or_insert_with(|| c.owner.clone());
            if !seen.contains(&key) {
                finders
                    .entry(Finder::Owner(key.clone()))
                    .or_default()
                    .push(Listed::Recommendation(rec));
                seen.push(key);
            }
        }
        let mut seen = Vec::new();
        for name in &rec.addressed_to {
            let key = slug(name);
            addressees
                .entry(key.clone())
                .or_insert_with(|| name.clone());
            if !seen.contains(&key) {
                finders
                    .entry(Finder::Addressee(key.clone()))
                    .or_default()
                    .push(Listed::Recommendation(rec));
                seen.push(key);
            }
        }
        named.push((rec.title.clone(), Listed::Recommendation(rec)));
    }
    named.extend(
        site.indicators
            .values()
            .map(|i| (i.title.clone(), Listed::Indicator(i))),
    );
    named.extend(
        site.documents
            .values()
            .map(|d| (d.title.clone(), Listed::Document(d))),
    );
    named.extend(
        site.topics
            .values()
            .map(|t| (t.title.clone(), Listed::Topic(t))),
    );
    for (key, name) in owners {
        named.push((name.clone(), Listed::Organisation(name, Finder::Owner(key))));
    }
    for (key, name) in addressees {
        named.push((
            name.clone(),
            Listed::Organisation(name, Finder::Addressee(key)),
        ));
    }
    // By name as a reader sorts it (case and accents aside, numbers by value: "2" before
    // "10"), then by kind and id.
    let mut named: Vec<(String, String, Listed)> = named
        .into_iter()
        .map(|(name, listed)| (search_index::fold(&name), name, listed))
        .collect();
    named.sort_by(|a, b| {
        natural_order(&a.0, &b.0)
            .then_with(|| a.1.cmp(&b.1))
            .then_with(|| sort_key(&a.2).cmp(&sort_key(&b.2)))
    });
    for (_, name, listed) in named {
        finders
            .entry(Finder::Letter(letter_of(&name)))
            .or_default()
            .push(listed);
    }
    finders
}

/// The kind and id of a row: the order of rows with the same name.
fn sort_key(listed: &Listed) -> (usize, String) {
    match listed {
        Listed::Recommendation(r) => (0, r.id.clone()),
        Listed::Indicator(i) => (1, i.id.clone()),
        Listed::Document(d) => (2, d.id.clone()),
        Listed::Topic(t) => (3, t.id.clone()),
        Listed::Organisation(_, finder) => (4, finder.first_page()),
    }
}

/// `search/index.html` and the files of the index.
pub(in crate::render) fn search(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let t = cx.t;
    let mut index = search_index::Builder::new(cx.site.whole().config.language.code());
    let mut emit = |(path, bytes): search_index::IndexFile| {
        out.emit(crate::render::output::OutputFile { path, bytes });
    };
    entries(cx, &mut |entry| {
        if let Some(file) = index.add(entry) {
            emit(file);
        }
    });
    let word_files = index.finish(&mut emit);
    let setup = SearchSetup {
        entries_per_file: ENTRIES_PER_FILE,
        word_files,
        kinds: kinds(cx),
        states: states(cx),
    };
    let Some(script) = out.partial("search.js", paths::SEARCH, "search", &setup, diags) else {
        return;
    };
    let finders = finder_lists(cx.site.whole());
    let link = |finder: &Finder, text: String| FinderLink {
        url: cx.url(Output::Finder(finder.clone(), 1), None),
        text,
        count: finders.get(finder).map_or(0, Vec::len),
    };
    let letters = letters(cx, &finders);
    // By name, as the A–Z index sorts them.
    let filter = |make: &dyn Fn(&Finder) -> Option<String>| -> Vec<FinderLink> {
        let mut links: Vec<FinderLink> = finders
            .keys()
            .filter_map(|f| make(f).map(|text| link(f, text)))
            .collect();
        links.sort_by(|a, b| {
            natural_order(&search_index::fold(&a.text), &search_index::fold(&b.text))
                .then_with(|| a.url.cmp(&b.url))
        });
        links
    };
    let by_state = FollowUpState::all()
        .into_iter()
        .filter_map(|s| {
            let finder = Finder::State(s.key().to_string());
            finders
                .contains_key(&finder)
                .then(|| link(&finder, t.text(s).to_string()))
        })
        .collect();
    let names = organisation_names(cx.site.whole());
    let by_owner = filter(&|f| match f {
        Finder::Owner(_) => names.get(f).cloned(),
        _ => None,
    });
    let by_addressee = filter(&|f| match f {
        Finder::Addressee(_) => names.get(f).cloned(),
        _ => None,
    });
    let by_topic = in_natural_order(&cx.site.whole().topics)
        .into_iter()
        .map(|topic| FinderLink {
            url: cx.url(Output::Topic(topic.id.clone(), 1), None),
            text: topic.title.clone(),
            count: cx
                .site
                .whole()
                .index
                .topic_recommendations
                .get(&topic.id)
                .map_or(0, Vec::len),
        })
        .collect();
    let page = SearchPage {
        script: script.clone(),
        letters,
        by_state,
        by_topic,
        by_owner,
        by_addressee,
    };
    out.page_with_script(cx, paths::SEARCH, page, Some(&script), diags);
}

/// The pages of the A–Z index and of the filters.
pub(in crate::render) fn finders(out: &impl Out, cx: &Ctx, diags: &mut Diagnostics) {
    let finders = finder_lists(cx.site.whole());
    let letters = letters(cx, &finders);
    let names = organisation_names(cx.site.whole());
    // Hundreds of pages on a large site: made in parallel, like the site's other pages,
    // instead of one after the other in one job.
    let found: Vec<Diagnostics> = finders
        .par_iter()
        .map(|(finder, rows)| {
            let mut diags = Diagnostics::default();
            finder_pages(out, cx, finder, rows, &letters, &names, &mut diags);
            diags
        })
        .collect();
    for found in found {
        diags.extend(found);
    }
}

/// The pages of one letter or filter.
fn finder_pages(
    out: &impl Out,
    cx: &Ctx,
    finder: &Finder,
    rows: &[Listed],
    letters: &[FinderLink],
    names: &BTreeMap<Finder, String>,
    diags: &mut Diagnostics,
) {
    let t = cx.t;
    {
        let title = match finder {
            Finder::Letter(c) => {
                t.fill(SearchText::LetterTitle, &[("letter", &letter_text(cx, *c))])
            }
            Finder::State(key) => {
                let state = FollowUpState::all()
                    .into_iter()
                    .find(|s| s.key() == key)
                    .map_or(key.as_str(), |s| t.text(s));
                t.fill(SearchText::StateTitle, &[("state", state)])
            }
            Finder::Owner(_) => t.fill(
                SearchText::OwnerTitle,
                &[("owner", names.get(finder).map_or("", String::as_str))],
            ),
            Finder::Addressee(_) => t.fill(
                SearchText::AddresseeTitle,
                &[("addressee", names.get(finder).map_or("", String::as_str))],
            ),
        };
        let is_letter = matches!(finder, Finder::Letter(_));
        let first = finder.first_page();
        let size = cx.site.whole().config.page_size;
        for (path, rows, pagination) in pages_of(&first, rows.iter(), size, t) {
            let (mut recommendations, mut index) = (Vec::new(), Vec::new());
            for row in rows {
                if is_letter {
                    index.push(index_entry(cx, row, names));
                } else if let Listed::Recommendation(rec) = row {
                    recommendations.push(RecommendationRow::new(cx, rec));
                }
            }
            let page = FinderPage {
                title: title.clone(),
                letter: is_letter,
                recommendations,
                entries: index,
                pagination,
                letters: if is_letter {
                    letters.to_vec()
                } else {
                    Vec::new()
                },
            };
            out.page(cx, &path, page, diags);
        }
    }
}

/// The name of every owner's and addressee's filter.
fn organisation_names(site: &Site) -> BTreeMap<Finder, String> {
    // The first name of a slug in the site's order, as `finder_lists` takes it.
    let mut names = BTreeMap::new();
    for rec in in_natural_order(&site.recommendations) {
        for c in &rec.commitments {
            names
                .entry(Finder::Owner(slug(&c.owner)))
                .or_insert_with(|| c.owner.clone());
        }
        for name in &rec.addressed_to {
            names
                .entry(Finder::Addressee(slug(name)))
                .or_insert_with(|| name.clone());
        }
    }
    names
}

/// How a letter is shown: "A", or "0–9" for everything that does not start with a letter.
fn letter_text(cx: &Ctx, letter: char) -> String {
    match letter {
        '0' => cx.t.text(SearchText::OtherLetter).to_string(),
        c => c.to_ascii_uppercase().to_string(),
    }
}

/// The letters of the A–Z index that list something.
fn letters(cx: &Ctx, finders: &BTreeMap<Finder, Vec<Listed>>) -> Vec<FinderLink> {
    finders
        .iter()
        .filter_map(|(finder, rows)| match finder {
            Finder::Letter(c) => Some(FinderLink {
                url: cx.url(Output::Finder(finder.clone(), 1), None),
                text: letter_text(cx, *c),
                count: rows.len(),
            }),
            _ => None,
        })
        .collect()
}

fn index_entry(cx: &Ctx, listed: &Listed, names: &BTreeMap<Finder, String>) -> IndexEntry {
    let t = cx.t;
    let (name, kind, id, url, state) = match listed {
        Listed::Recommendation(rec) => (
            rec.title.clone(),
            SearchText::KindRecommendation,
            Some(rec.id.clone()),
            Output::Recommendation(rec.id.clone()),
            Some(cx.label(rec.current().state)),
        ),
        Listed::Indicator(ind) => (
            ind.title.clone(),
            SearchText::KindIndicator,
            Some(ind.id.clone()),
            Output::Indicator(ind.id.clone()),
            ind.target_state(cx.site.config().as_of)
                .map(|s| cx.label(s)),
        ),
        Listed::Document(doc) => (
            doc.title.clone(),
            SearchText::KindDocument,
            doc.reference.clone(),
            Output::Document(doc.id.clone()),
            None,
        ),
        Listed::Topic(topic) => (
            topic.title.clone(),
            SearchText::KindTopic,
            None,
            Output::Topic(topic.id.clone(), 1),
            None,
        ),
        Listed::Organisation(name, finder) => (
            names.get(finder).cloned().unwrap_or_else(|| name.clone()),
            match finder {
                Finder::Owner(_) => SearchText::KindOwner,
                _ => SearchText::KindAddressee,
            },
            None,
            Output::Finder(finder.clone(), 1),
            None,
        ),
    };
    IndexEntry {
        name,
        kind: t.text(kind).to_string(),
        id,
        url: cx.url(url, None),
        state,
    }
}
