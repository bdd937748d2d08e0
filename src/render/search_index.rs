//! The search index: what the search page's script (the theme's `search.js`) searches,
//! written at build time as classic scripts, so search works from a page opened from disk
//! (browsers refuse `fetch` and modules there, but run a `<script src>`).
//!
//! Owns how words are found in a text (case and accents folded, cut at everything that is not
//! a letter or digit), how they are stemmed (Snowball, for the site's language), and the files:
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
//! searchable and how hits are shown is decided elsewhere (`pages::search`, the theme).

use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::BTreeMap;

/// How many entries one `entries-<n>.js` holds.
pub const ENTRIES_PER_FILE: usize = 500;

/// How much of an entry's text is kept for the snippet under a hit (in characters).
const SNIPPET_CHARS: usize = 300;

/// One searchable thing: a recommendation, a commitment, a section of a document, ...
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Its kind, as a number into the list of kinds the search page gives the script.
    pub kind: usize,
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

/// Case and accents folded: "Één" and "een" are the same word to search.
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
                    folded.extend(d.to_lowercase());
                }
            });
        }
    }
    folded
}

/// The words of a folded text: runs of letters and digits.
fn words(folded: &str) -> impl Iterator<Item = &str> {
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

/// The entries a stem occurs in: in the title or id, and only in the text (in order: entries
/// are visited in order, each once).
#[derive(Default)]
struct Postings {
    title: Vec<u32>,
    text: Vec<u32>,
}

/// The words of the site so far: every word form gets the number of its stem once; an
/// entry's words are looked up once per entry (not per occurrence), as numbers from then on.
struct Vocabulary {
    stemmer: Stemmer,
    /// word form -> the number of its stem.
    forms: BTreeMap<String, usize>,
    /// stem -> its number.
    stem_numbers: BTreeMap<String, usize>,
    /// By stem number: the stem and the entries it is in.
    postings: Vec<(String, Postings)>,
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
            self.postings.push((stem, Postings::default()));
        }
        self.forms.insert(word.to_string(), n);
        n
    }
}

/// What one `words-<c>.js` holds.
#[derive(Serialize, Default)]
struct WordsFile {
    /// word form -> its stem ("" when the form is its own stem).
    forms: BTreeMap<String, String>,
    /// stem -> [entries with it in the title or id, entries with it only in the text], each
    /// sorted and delta-coded (the first number, then the differences).
    stems: BTreeMap<String, [Vec<u32>; 2]>,
}

/// Builds the index one entry at a time, keeping of each only what the files need (its stems
/// and its row with the snippet), never every text at once.
pub struct Builder {
    vocabulary: Vocabulary,
    /// Each entry's row of its entries file, as JSON.
    rows: Vec<String>,
}

impl Builder {
    /// An empty index for a site in `language` (`nl`, `en`).
    pub fn new(language: &str) -> Builder {
        Builder {
            vocabulary: Vocabulary {
                stemmer: stemmer(language),
                forms: BTreeMap::new(),
                stem_numbers: BTreeMap::new(),
                postings: Vec::new(),
            },
            rows: Vec::new(),
        }
    }

    /// Adds the next entry (entries are numbered in the order they are added).
    pub fn add(&mut self, entry: Entry) {
        let number = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
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
        let row = serde_json::json!([
            entry.kind,
            entry.id,
            entry.title,
            entry.state.map_or(-1, |s| s as i64),
            entry.url,
            snippet(&entry.text),
            entry.context
        ]);
        self.rows.push(row.to_string());
    }

    /// Every file of the index, by path from the site root, in a stable order.
    pub fn files(self) -> Vec<(String, Vec<u8>)> {
        let Vocabulary {
            forms, postings, ..
        } = self.vocabulary;
        let mut by_key: BTreeMap<char, WordsFile> = BTreeMap::new();
        for (form, stem) in forms {
            let file = by_key.entry(file_key(&form)).or_default();
            let stem = &postings[stem].0;
            let stem = if *stem == form {
                String::new()
            } else {
                stem.clone()
            };
            file.forms.insert(form, stem);
        }
        for (stem, found) in postings {
            let file = by_key.entry(file_key(&stem)).or_default();
            file.stems
                .insert(stem, [delta_coded(&found.title), delta_coded(&found.text)]);
        }
        let mut out = Vec::new();
        for (key, file) in by_key {
            let json = serde_json::to_string(&file).unwrap_or_default();
            out.push((
                words_file(key),
                format!("opvolgSearch.words({:?},{json});\n", key.to_string()).into_bytes(),
            ));
        }
        for (n, rows) in self.rows.chunks(ENTRIES_PER_FILE).enumerate() {
            out.push((
                entries_file(n),
                format!("opvolgSearch.entries({n},[{}]);\n", rows.join(",")).into_bytes(),
            ));
        }
        out
    }
}

/// Every file of the index of `entries`, by path from the site root, in a stable order.
pub fn files(entries: impl IntoIterator<Item = Entry>, language: &str) -> Vec<(String, Vec<u8>)> {
    let mut builder = Builder::new(language);
    for entry in entries {
        builder.add(entry);
    }
    builder.files()
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
    use unicode_normalization::UnicodeNormalization;

    fn entry(title: &str, text: &str) -> Entry {
        Entry {
            kind: 0,
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
        // What the search script does: NFD, marks removed, lower case.
        for text in ["Één", "Curaçao", "Ångström", "ﬁ ǅ Σ", "naïeve coöperatie"] {
            let nfd: String = text
                .nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect();
            assert_eq!(fold(text), nfd, "{text}");
        }
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
        // "kinderen" is stemmed; entry 0 has it in its title, entry 1 (delta 1) in its text.
        assert!(k.contains("\"kinderen\":\"kinder\""), "{k}");
        assert!(k.contains("\"kinder\":[[0],[1]]"), "{k}");
        // The id is searchable like the title, in the file of its first character.
        assert!(files["search/words-r.js"].contains("\"r1\":[[0,1],[]]"));
        assert!(files["search/words-a.js"].contains("\"apel\":[[],[0]]"));
        let e = &files["search/entries-0.js"];
        assert!(e.starts_with("opvolgSearch.entries(0,[[0,\"R1\",\"Kinderen in de opvang\",-1,"));
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
