//! The search index: what the search page's script (the theme's `search.js`) searches,
//! written at build time as classic scripts, so search works from a page opened from disk
//! (browsers refuse `fetch` and modules there, but run a `<script src>`).
//!
//! Owns the rule of words ([`WORD_RULE`]: how a text is folded and cut into words, which the
//! search script implements identically), how words are stemmed (Snowball, for the site's
//! language), and the files, each a call with one named object ([`WordsFile`], [`EntryRow`]):
//! - `search/words-<c>.js`, one per first character of a word (`a`–`z`, `0`–`9`, `_` for the
//!   rest): every word form of the site starting with it and its stem, and for every stem
//!   starting with it the entries it occurs in, split in those with it in the title or id and
//!   those with it only in the text (numbers delta-coded). A query loads only the files of its
//!   words' first characters: no file holds the whole site.
//! - `search/entries-<n>.js`: the entries themselves, [`ENTRIES_PER_FILE`] to a file, loaded
//!   only for the hits shown: kind, id, title, state, URL and the start of the text.
//!
//! The script folds a query as [`fold`] does and looks its words up as forms (exactly, and
//! the last word also as the start of a form), so it needs no stemmer of its own. What is
//! searchable and how hits are shown is decided elsewhere (`pages::search`, the theme). The
//! files' formats are part of the theme contract: their types here are written into the
//! reference (`docs/theme-context.md`) by `render::reference`.

use indexmap::IndexMap;
use rust_stemmers::{Algorithm, Stemmer};
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many entries one `entries-<n>.js` holds.
pub const ENTRIES_PER_FILE: usize = 500;

/// How much of an entry's text is kept for the snippet under a hit (in characters).
const SNIPPET_CHARS: usize = 300;

/// The rule of words, the same in opvolg and in the search script (`search.js`), as the
/// reference and the README state it; `tests/it/search.rs` runs the script's own code on
/// texts of many scripts and checks it gives what [`fold`] and [`words`] give.
pub const WORD_RULE: &str = "A text is folded: canonical decomposition (NFD), every combining mark \
(Unicode category M) removed, lower case (Unicode's full mapping), and every Greek final sigma `ς` \
made `σ` (so \"ΟΔΟΣ\" and \"οδος\" are one word). Its words are then the runs of word characters: \
those that are Unicode `Alphabetic` or a number (category N: `Nd`, `Nl`, `No`), so `Ⓐ`, `²` and \
`東京都` are (parts of) words; everything else, spaces, punctuation, hyphens, apostrophes, \
symbols and emoji, separates words. In Rust: `char::is_alphanumeric` on the folded text; in \
JavaScript: `/[\\p{Alphabetic}\\p{N}]+/u`. To mark words in a text as shown, the script cuts the \
unfolded text at the same characters, with combining marks kept in the word they follow.";

/// What an entry is. Its number in an [`EntryRow`] is its place in this list, which the
/// search page gives the script with the kinds' names (`SearchSetup::kinds`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "snake_case")]
pub enum EntryKind {
    Recommendation,
    Commitment,
    Document,
    Section,
    Indicator,
    Topic,
}

/// One searchable thing: a recommendation, a commitment, a section of a document, ...
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub kind: EntryKind,
    /// Its id as readers know it (`R1`, `R1 · 2`), searchable like the title.
    pub id: String,
    pub title: String,
    /// What it is part of (a section's document, a commitment's recommendation): searchable
    /// like the text, shown with the hit.
    pub context: String,
    /// Its state, as a number into the list of states the search page gives the script.
    pub state: Option<usize>,
    /// Its page and place, from the site root.
    pub url: String,
    /// Its text, searchable; the start of it is shown under a hit.
    pub text: String,
}

/// Case and accents folded: "Één" and "een" are the same word to search ([`WORD_RULE`]).
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            // A character's canonical decomposition is what NFD gives it (the reordering of
            // combining marks NFD also does does not matter: they are dropped).
            unicode_normalization::char::decompose_canonical(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    // The script lower-cases whole texts, where a sigma at the end of a word
                    // becomes `ς`; one char at a time it is always `σ`: both sides make it `σ`.
                    folded.extend(d.to_lowercase().map(|l| if l == 'ς' { 'σ' } else { l }));
                }
            });
        }
    }
    folded
}

/// The words of a folded text: runs of word characters ([`WORD_RULE`]).
pub fn words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The file a word (or stem) is in: its first character when that is `a`–`z` or `0`–`9`,
/// else `_`.
pub fn file_key(word: &str) -> char {
    match word.chars().next() {
        Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit() => c,
        _ => '_',
    }
}

/// The stemmer of a language (`nl`, `en`).
pub fn stemmer(language: &str) -> Stemmer {
    Stemmer::create(match language {
        "nl" => Algorithm::Dutch,
        _ => Algorithm::English,
    })
}

/// The entries a stem occurs in (in order: entries are visited in order, each once).
#[derive(Default)]
struct Found {
    title: Vec<u32>,
    text: Vec<u32>,
}

/// The entries a stem occurs in, by the number of each in the order of the entries files
/// (entry `n` is in `entries-<n / entries_per_file>.js`), delta-coded: the first number, then
/// the difference to the one before. An entry is in one of the two lists at most.
#[derive(Serialize, JsonSchema, Default, Debug)]
pub struct Postings {
    /// The entries with the stem in their title or id (ranked first); left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub title: Vec<u32>,
    /// The entries with the stem only in their text or context; left out when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text: Vec<u32>,
}

/// The words of the site so far: every word form gets the number of its stem once; an
/// entry's words are looked up once per entry (not per occurrence), as numbers from then on.
struct Vocabulary {
    stemmer: Stemmer,
    /// word form -> the number of its stem. Looked up for every word of every entry, so by
    /// hash (a sorted map's string comparisons were a visible part of a large build); in the
    /// order the words came, sorted once at the end, so no hash order reaches the index.
    forms: IndexMap<String, usize>,
    /// stem -> its number, in the same way.
    stem_numbers: IndexMap<String, usize>,
    /// By stem number: the stem and the entries it is in.
    postings: Vec<(String, Found)>,
}

impl Vocabulary {
    /// The numbers of the stems of the words of `texts`, sorted, each once.
    fn stems_of(&mut self, texts: &[&str]) -> Vec<usize> {
        let folded: Vec<String> = texts.iter().map(|t| fold(t)).collect();
        let mut unique: Vec<&str> = folded.iter().flat_map(|t| words(t)).collect();
        unique.sort_unstable();
        unique.dedup();
        let mut numbers: Vec<usize> = unique.into_iter().map(|w| self.stem_number(w)).collect();
        numbers.sort_unstable();
        numbers.dedup();
        numbers
    }

    fn stem_number(&mut self, word: &str) -> usize {
        if let Some(&n) = self.forms.get(word) {
            return n;
        }
        let stem = self.stemmer.stem(word).into_owned();
        let next = self.stem_numbers.len();
        let n = *self.stem_numbers.entry(stem.clone()).or_insert(next);
        if n == next {
            self.postings.push((stem, Found::default()));
        }
        self.forms.insert(word.to_string(), n);
        n
    }
}

/// What one `search/words-<c>.js` holds: it calls `opvolgSearch.words("<c>", WordsFile)`. `<c>`
/// is the first character of its words and stems when that is `a`–`z` or `0`–`9`, else `_`.
#[derive(Serialize, JsonSchema, Default, Debug)]
pub struct WordsFile {
    /// Every word form of the site (folded) that starts with `<c>`, with its stem: `""` when
    /// the form is its own stem. The stem is in the words file of its own first character.
    pub forms: BTreeMap<String, String>,
    /// Every stem that starts with `<c>`, with the entries it occurs in (Postings).
    pub stems: BTreeMap<String, Postings>,
}

/// An entry as the script shows it, one of the list an entries file gives:
/// `search/entries-<n>.js` calls `opvolgSearch.entries(n, [EntryRow, ...])`, entries
/// `n * entries_per_file` and on. Empty fields are left out.
#[derive(Serialize, JsonSchema, Debug)]
pub struct EntryRow {
    /// What it is: its place in `search.kinds` (SearchSetup), which names it.
    pub kind: usize,
    /// Its id as readers know it (`R1`, `R1 · 2`); left out when it has none.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Its title.
    pub title: String,
    /// Where it stands: its place in `search.states` (SearchSetup); left out when it has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<usize>,
    /// Its page and place, from the site root (`recommendations/R1.html#_c.R1.2`).
    pub url: String,
    /// The start of its text, cut after a word (300 characters at most, then `…`); left out
    /// when it has no text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub snippet: String,
    /// What it is part of (a section's document, a commitment's recommendation, a
    /// recommendation's addressees); left out when nothing.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub context: String,
}

/// Builds the index one entry at a time, keeping of each only what the words files need
/// (its stems): its row is written into the entries file as soon as that file is full, and
/// the words files are written one after the other at the end, each from the part of the
/// vocabulary it holds. No text, and no file, is ever held whole for the whole site.
pub struct Builder {
    vocabulary: Vocabulary,
    /// How many entries were added.
    count: usize,
    /// The rows (as JSON) of the entries file being filled.
    rows: Vec<String>,
}

/// A finished file of the index: its path from the site root and its bytes.
pub type IndexFile = (String, Vec<u8>);

impl Builder {
    /// An empty index for a site in `language` (`nl`, `en`).
    pub fn new(language: &str) -> Builder {
        Builder {
            vocabulary: Vocabulary {
                stemmer: stemmer(language),
                forms: IndexMap::new(),
                stem_numbers: IndexMap::new(),
                postings: Vec::new(),
            },
            count: 0,
            rows: Vec::with_capacity(ENTRIES_PER_FILE),
        }
    }

    /// Adds the next entry (entries are numbered in the order they are added); returns the
    /// entries file it completes, if it completes one.
    pub fn add(&mut self, entry: Entry) -> Option<IndexFile> {
        let number = u32::try_from(self.count).unwrap_or(u32::MAX);
        self.count += 1;
        let vocabulary = &mut self.vocabulary;
        let in_title = vocabulary.stems_of(&[&entry.title, &entry.id]);
        let in_text = vocabulary.stems_of(&[&entry.text, &entry.context]);
        for &stem in &in_title {
            vocabulary.postings[stem].1.title.push(number);
        }
        for stem in in_text {
            if in_title.binary_search(&stem).is_err() {
                vocabulary.postings[stem].1.text.push(number);
            }
        }
        let row = EntryRow {
            kind: entry.kind as usize,
            snippet: snippet(&entry.text),
            id: entry.id,
            title: entry.title,
            state: entry.state,
            url: entry.url,
            context: entry.context,
        };
        self.rows
            .push(serde_json::to_string(&row).unwrap_or_default());
        (self.rows.len() == ENTRIES_PER_FILE).then(|| self.entries_file())
    }

    /// The entries file of the rows gathered so far (which it empties).
    fn entries_file(&mut self) -> IndexFile {
        let n = (self.count - 1) / ENTRIES_PER_FILE;
        let file = (
            entries_file(n),
            format!("opvolgSearch.entries({n},[{}]);\n", self.rows.join(",")).into_bytes(),
        );
        self.rows.clear();
        file
    }

    /// Hands the rest of the index to `emit`, file by file, in a stable order: the last
    /// entries file, then the words files by their first character. Returns those characters
    /// (the words files the site has), in the order of the characters.
    pub fn finish(mut self, emit: &mut dyn FnMut(IndexFile)) -> String {
        if !self.rows.is_empty() {
            emit(self.entries_file());
        }
        let Vocabulary {
            mut forms,
            mut stem_numbers,
            mut postings,
            ..
        } = self.vocabulary;
        forms.sort_unstable_keys();
        stem_numbers.sort_unstable_keys();
        // Forms and stems sorted: every word of one file is in one run of each (digits, then
        // `a`–`z`, then every other first character, all in the `_` file), so the files are
        // made one at a time, each from its runs.
        let mut forms = forms.into_iter().peekable();
        let mut stems = stem_numbers.into_iter().peekable();
        let mut keys = String::new();
        loop {
            let next_key = [
                forms.peek().map(|(form, _)| file_key(form)),
                stems.peek().map(|(stem, _)| file_key(stem)),
            ]
            .into_iter()
            .flatten()
            .min_by_key(|key| key_order(*key));
            let Some(key) = next_key else {
                break;
            };
            let mut file = WordsFile::default();
            while let Some((form, stem)) = forms.next_if(|(form, _)| file_key(form) == key) {
                let stem = &postings[stem].0;
                let stem = if *stem == form {
                    String::new()
                } else {
                    stem.clone()
                };
                file.forms.insert(form, stem);
            }
            while let Some((stem, number)) = stems.next_if(|(stem, _)| file_key(stem) == key) {
                let found = std::mem::take(&mut postings[number].1);
                let postings = Postings {
                    title: delta_coded(&found.title),
                    text: delta_coded(&found.text),
                };
                file.stems.insert(stem, postings);
            }
            let json = serde_json::to_string(&file).unwrap_or_default();
            emit((
                words_file(key),
                format!("opvolgSearch.words({:?},{json});\n", key.to_string()).into_bytes(),
            ));
            keys.push(key);
        }
        // Listed in the order of the characters, as they always were.
        let mut keys: Vec<char> = keys.chars().collect();
        keys.sort_unstable();
        keys.into_iter().collect()
    }
}

/// Where the words of a file key sort: the order of the keys' runs among sorted words (the
/// `_` file, every word that does not start with `a`–`z` or `0`–`9`, sorts after them).
fn key_order(key: char) -> u32 {
    match key {
        '_' => u32::MAX,
        key => u32::from(key),
    }
}

/// Every file of the index of `entries`, by path from the site root, in a stable order.
pub fn files(entries: impl IntoIterator<Item = Entry>, language: &str) -> Vec<IndexFile> {
    let mut builder = Builder::new(language);
    let mut files: Vec<IndexFile> = entries
        .into_iter()
        .filter_map(|entry| builder.add(entry))
        .collect();
    builder.finish(&mut |file| files.push(file));
    files
}

/// Whether `name` (in the search folder) can be a file of the index.
pub fn is_file_name(name: &str) -> bool {
    let words = name
        .strip_prefix("words-")
        .and_then(|n| n.strip_suffix(".js"))
        .is_some_and(|key| {
            let mut chars = key.chars();
            matches!((chars.next(), chars.next()), (Some(c), None) if file_key(&c.to_string()) == c)
        });
    let entries = name
        .strip_prefix("entries-")
        .and_then(|n| n.strip_suffix(".js"))
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| name == format!("entries-{n}.js"));
    words || entries
}

/// The path of the words file for `key`.
pub fn words_file(key: char) -> String {
    format!("search/words-{key}.js")
}

/// The path of the `n`th entries file (from 0).
pub fn entries_file(n: usize) -> String {
    format!("search/entries-{n}.js")
}

fn delta_coded(numbers: &[u32]) -> Vec<u32> {
    let mut previous = 0;
    numbers
        .iter()
        .map(|&n| {
            let delta = n - previous;
            previous = n;
            delta
        })
        .collect()
}

/// The start of a text, cut after a word.
fn snippet(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= SNIPPET_CHARS {
        return text;
    }
    let cut: String = text.chars().take(SNIPPET_CHARS).collect();
    match cut.rfind(' ') {
        Some(at) => format!("{}…", &cut[..at]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, text: &str) -> Entry {
        Entry {
            kind: EntryKind::Recommendation,
            id: "R1".into(),
            title: title.into(),
            context: String::new(),
            state: None,
            url: "recommendations/R1.html".into(),
            text: text.into(),
        }
    }

    #[test]
    fn words_fold_case_and_accents_and_split_at_everything_else() {
        assert_eq!(
            words(&fold("Één café, AMV-Ter Apel (2023)!")).collect::<Vec<_>>(),
            ["een", "cafe", "amv", "ter", "apel", "2023"]
        );
        assert_eq!(fold("Ç'EST"), "c'est");
        // A sigma is one letter wherever it stands (the script's whole-text lower case makes
        // the last one of a word `ς`); the script's own code is checked in tests/it/search.rs.
        assert_eq!(fold("ΟΔΟΣ οδος Σ"), "οδοσ οδοσ σ");
        assert_eq!(
            words(&fold("Ⓐ-x² ΚΑΛΟΣ")).collect::<Vec<_>>(),
            ["ⓐ", "x²", "καλοσ"]
        );
    }

    #[test]
    fn dutch_and_english_forms_share_their_stem() {
        let nl = stemmer("nl");
        assert_eq!(nl.stem("kinderen"), nl.stem("kinder"));
        assert_eq!(nl.stem("verhuizingen"), nl.stem("verhuizing"));
        assert_eq!(nl.stem("maatregelen"), nl.stem("maatregel"));
        let en = stemmer("en");
        assert_eq!(en.stem("recommendations"), en.stem("recommendation"));
    }

    #[test]
    fn files_hold_forms_stems_and_entries_by_first_character() {
        let entries = [
            entry("Kinderen in de opvang", "Ter Apel"),
            entry("Onderwijs", "kinderen en ouders"),
        ];
        let files: BTreeMap<String, String> = files(entries, "nl")
            .into_iter()
            .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
            .collect();
        let k = &files["search/words-k.js"];
        assert!(
            k.starts_with("opvolgSearch.words(\"k\",{\"forms\":{"),
            "{k}"
        );
        // "kinderen" is stemmed; entry 0 has it in its title, entry 1 (delta 1) in its text.
        assert!(k.contains("\"kinderen\":\"kinder\""), "{k}");
        assert!(k.contains("\"kinder\":{\"title\":[0],\"text\":[1]}"), "{k}");
        // The id is searchable like the title, in the file of its first character.
        assert!(files["search/words-r.js"].contains("\"r1\":{\"title\":[0,1]}"));
        assert!(files["search/words-a.js"].contains("\"apel\":{\"text\":[0]}"));
        let e = &files["search/entries-0.js"];
        assert!(
            e.starts_with("opvolgSearch.entries(0,[{\"kind\":0,\"id\":\"R1\",\"title\":\"Kinderen in de opvang\",\"url\":"),
            "{e}"
        );
        assert!(!files.contains_key("search/entries-1.js"));
    }

    #[test]
    fn snippets_are_cut_after_a_word() {
        let long = "woord ".repeat(100);
        let cut = snippet(&long);
        assert!(cut.ends_with("woord…") && cut.chars().count() <= SNIPPET_CHARS + 1);
        assert_eq!(snippet("kort\n  en  klein"), "kort en klein");
    }
}
