//! Synthetic sites of any size, for benchmarks, the accessibility fixture and scale tests.
//!
//! N recommendations (~250 words with a list and a table, 2 commitments, 2-4 status entries,
//! 1-2 indicators), N/2 indicators (1-3 series of 12-40 monthly points, line or bar, half with
//! a target), N/50 documents (at least 1) of ~2,000 words in 20 anchored sections, 12 topics;
//! optionally the same texts as a plain Hugo site for a like-for-like speed comparison.
//! Deterministic: a fixed seed and no clock, so the same N gives the same files. Not part of
//! the build pipeline (the `opvolg` binary never calls it); it writes files because that is its
//! job, and as a test and benchmark helper it panics when it cannot.

use crate::model::{FollowUpState, Keyed, Response};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

const WORDS: &[&str] = &[
    "opvang",
    "kinderen",
    "gemeente",
    "locatie",
    "onderwijs",
    "zorg",
    "toezicht",
    "kwaliteit",
    "medewerkers",
    "veiligheid",
    "termijn",
    "norm",
    "inspectie",
    "maatregel",
    "capaciteit",
    "doorstroom",
    "verbetering",
    "planning",
    "voortgang",
    "afspraak",
    "begeleiding",
    "toegang",
    "ondersteuning",
    "regio",
    "verblijf",
    "school",
    "huisarts",
    "rapportage",
    "overleg",
    "besluit",
    "uitvoering",
    "evaluatie",
    "beleid",
    "wet",
    "kader",
    "risico",
    "aanpak",
    "gezin",
    "jeugd",
    "het",
    "de",
    "een",
    "en",
    "van",
    "voor",
    "met",
    "op",
    "in",
    "wordt",
    "zijn",
    "blijft",
];
const TOPICS: usize = 12;
const STATES: [FollowUpState; 6] = [
    FollowUpState::Open,
    FollowUpState::InProgress,
    FollowUpState::PartiallyImplemented,
    FollowUpState::Implemented,
    FollowUpState::NotImplemented,
    FollowUpState::Superseded,
];
/// The answers a generated recommendation gets (never pending: every one has a response_ref).
const RESPONSES: [Response; 4] = [
    Response::Accepted,
    Response::PartiallyAccepted,
    Response::Rejected,
    Response::Noted,
];

struct Gen {
    rng: fastrand::Rng,
}

impl Gen {
    fn words(&mut self, n: usize) -> String {
        let mut text = String::with_capacity(n * 8);
        for i in 0..n {
            if i > 0 {
                text.push(' ');
            }
            text.push_str(WORDS[self.rng.usize(..WORDS.len())]);
        }
        text
    }

    fn sentence(&mut self, n: usize) -> String {
        let mut s = self.words(n);
        if let Some(first) = s.get_mut(0..1) {
            first.make_ascii_uppercase();
        }
        s.push('.');
        s
    }

    fn paragraph(&mut self, words: usize) -> String {
        let mut p = String::new();
        let mut left = words;
        while left > 0 {
            let n = left.min(8 + self.rng.usize(..10));
            if !p.is_empty() {
                p.push(' ');
            }
            p.push_str(&self.sentence(n));
            left -= n;
        }
        p
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    fs::write(path, text).expect("write file");
}

fn date(month_index: i32) -> String {
    // Month 0 is January 2022.
    format!(
        "{}-{:02}",
        2022 + month_index.div_euclid(12),
        month_index.rem_euclid(12) + 1
    )
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, Copy)]
pub struct Generated {
    pub recommendations: usize,
    pub indicators: usize,
    pub documents: usize,
    pub topics: usize,
}

/// Writes a synthetic site with `n` recommendations into `dir` (it uses the built-in theme),
/// and with `hugo` also the equivalent Hugo site into `dir/hugo`.
pub fn generate(n: usize, dir: &Path, hugo: bool) -> Generated {
    let mut g = Gen {
        rng: fastrand::Rng::with_seed(20230525),
    };
    let documents = (n / 50).max(1);
    let indicators = (n / 2).max(1);

    write(
        &dir.join("site.toml"),
        &format!(
            "title = \"Synthetische site met {n} aanbevelingen\"\nlanguage = \"nl\"\nas_of = 2024-06-30\n\
             base_url = \"https://www.example.org/synthetisch/\"\n\
             description = \"Gegenereerd voor benchmarks en toegankelijkheidstests.\"\n\
             notice = \"Synthetische gegevens: alle tekst en cijfers zijn gegenereerd.\"\n"
        ),
    );
    write(
        &dir.join("content/index.md"),
        &format!("{}\n", g.paragraph(60)),
    );
    let mut hugo_pages: Vec<(String, String, String, Vec<String>)> = Vec::new();

    for t in 0..TOPICS {
        let body = g.paragraph(50);
        write(
            &dir.join(format!("content/topics/t{t:02}.md")),
            &format!("+++\ntitle = \"Thema {t}: {}\"\n+++\n{body}\n", g.words(2)),
        );
        hugo_pages.push((
            "topics-pages".into(),
            format!("t{t:02}"),
            format!("Thema {t}"),
            vec![body],
        ));
    }

    for d in 0..documents {
        let mut body = String::new();
        for s in 0..20 {
            let _ = write!(
                body,
                "## Paragraaf {s} {{#p{s}}}\n\n{}\n\n{}\n\n",
                g.paragraph(50),
                g.paragraph(50)
            );
        }
        write(
            &dir.join(format!("content/documents/doc{d:04}.md")),
            &format!(
                "+++\ntitle = \"Rapport {d}\"\ndate = 2023-{:02}-15\nkind = \"report\"\nreference = \"{}\"\n+++\n{body}",
                1 + d % 12,
                100000 + d
            ),
        );
        hugo_pages.push((
            "documents".into(),
            format!("doc{d:04}"),
            format!("Rapport {d}"),
            vec![body],
        ));
    }

    for i in 0..indicators {
        let series_count = 1 + g.rng.usize(..3);
        let points = 12 + g.rng.usize(..29);
        let start = 30 - points as i32;
        let bar = i % 3 == 0;
        let mut series = Vec::new();
        for s in 0..series_count {
            let mut value = 100.0 + g.rng.f64() * 900.0;
            let mut pts = Vec::new();
            for p in 0..points {
                value = (value * (0.9 + g.rng.f64() * 0.2)).max(0.0);
                let v = if g.rng.usize(..25) == 0 {
                    "null".to_string()
                } else {
                    format!("{:.1}", value)
                };
                pts.push(format!(
                    "{{\"date\": \"{}\", \"value\": {v}}}",
                    date(start + p as i32)
                ));
            }
            series.push(format!(
                "{{\"name\": \"Reeks {s}\", \"points\": [{}]}}",
                pts.join(", ")
            ));
        }
        let target = if i % 2 == 0 {
            format!(
                ",\n  \"target\": {{\"value\": {}, \"direction\": \"at_most\", \"by\": \"2024-12-31\", \"label\": \"doel\"}}",
                100 + g.rng.usize(..400)
            )
        } else {
            String::new()
        };
        write(
            &dir.join(format!("data/indicators/i{i:05}.json")),
            &format!(
                "{{\n  \"id\": \"i{i:05}\",\n  \"title\": \"Indicator {i}: {}\",\n  \"unit\": \"aantal\",\n  \"description\": \"{}\",\n  \
                 \"source\": {{\"name\": \"Generator\"}},\n  \"provenance\": \"illustrative\",\n  \"chart\": \"{}\"{target},\n  \"series\": [{}]\n}}\n",
                g.words(3),
                g.sentence(12),
                if bar { "bar" } else { "line" },
                series.join(", ")
            ),
        );
    }

    for r in 0..n {
        let id = format!("R{r:05}");
        let doc = r % documents;
        let topic_a = r % TOPICS;
        let topic_b = (r * 7 + 3) % TOPICS;
        let topics = if topic_a == topic_b {
            format!("\"t{topic_a:02}\"")
        } else {
            format!("\"t{topic_a:02}\", \"t{topic_b:02}\"")
        };
        let ind_a = r % indicators;
        let ind_b = (r * 13 + 5) % indicators;
        let inds = if r % 2 == 0 || ind_a == ind_b {
            format!("\"i{ind_a:05}\"")
        } else {
            format!("\"i{ind_a:05}\", \"i{ind_b:05}\"")
        };
        let mut fm = format!(
            "+++\nid = \"{id}\"\ntitle = \"Aanbeveling {r}: {}\"\nsource = \"doc{doc:04}\"\naddressed_to = [\"Minister\", \"Gemeenten\"]\n\
             topics = [{topics}]\nresponse = \"{}\"\nresponse_ref = \"doc{doc:04}#p{}\"\nindicators = [{inds}]\n",
            g.words(6),
            RESPONSES[r % RESPONSES.len()].key(),
            r % 20
        );
        for c in 0..2 {
            let due_month = 1 + g.rng.usize(..12);
            let done = if g.rng.bool() {
                format!("done = 2024-{:02}-10\n", due_month.min(6))
            } else {
                String::new()
            };
            let _ = write!(
                fm,
                "\n[[commitments]]\ntext = \"{}\"\nowner = \"Eigenaar {c}\"\ndue = 2024-{due_month:02}-01\n{done}ref = \"doc{doc:04}#p{}\"\n",
                g.sentence(8),
                (r + c) % 20
            );
        }
        let entries = 2 + g.rng.usize(..3);
        for e in 0..entries {
            let _ = write!(
                fm,
                "\n[[status]]\ndate = 2023-{:02}-01\nstate = \"{}\"\nnote = \"{}\"\n",
                1 + e * 3,
                STATES[(r + e) % STATES.len()].key(),
                g.sentence(10)
            );
        }
        fm.push_str("+++\n");
        let mut body = String::new();
        let _ = write!(
            body,
            "## Aanbeveling\n\n{}\n\n- {}\n- {}\n- {}\n\n",
            g.paragraph(90),
            g.words(6),
            g.words(6),
            g.words(6)
        );
        let _ = write!(
            body,
            "| Onderdeel | Stand |\n|---|---|\n| {} | {} |\n| {} | {} |\n\n",
            g.words(2),
            g.words(1),
            g.words(2),
            g.words(1)
        );
        let _ = write!(body, "## Reactie\n\n{}\n", g.paragraph(110));
        write(
            &dir.join(format!("content/recommendations/{id}.md")),
            &format!("{fm}{body}"),
        );
        hugo_pages.push((
            "recommendations".into(),
            id.clone(),
            format!("Aanbeveling {r}"),
            vec![body, format!("t{topic_a:02}")],
        ));
    }

    if hugo {
        write_hugo(&dir.join("hugo"), &hugo_pages);
    }
    Generated {
        recommendations: n,
        indicators,
        documents,
        topics: TOPICS,
    }
}

/// The same texts as a Markdown-only Hugo site: pages with a base template, a list page per
/// section and a `topics` taxonomy.
fn write_hugo(dir: &Path, pages: &[(String, String, String, Vec<String>)]) {
    write(
        &dir.join("hugo.toml"),
        "baseURL = \"https://example.org/\"\nlanguageCode = \"nl\"\ntitle = \"Benchmark\"\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
         [taxonomies]\ntopic = \"topics\"\n",
    );
    write(
        &dir.join("layouts/_default/baseof.html"),
        "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head>\
         <body><header><a href=\"/\">{{ .Site.Title }}</a></header><main>{{ block \"main\" . }}{{ end }}</main></body></html>\n",
    );
    write(
        &dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n",
    );
    write(
        &dir.join("layouts/_default/list.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n",
    );
    write(
        &dir.join("layouts/index.html"),
        "{{ define \"main\" }}<h1>{{ .Site.Title }}</h1>{{ end }}\n",
    );
    for (section, id, title, parts) in pages {
        let topics = if section == "recommendations" {
            format!("topics = [\"{}\"]\n", parts[1])
        } else {
            String::new()
        };
        write(
            &dir.join(format!("content/{section}/{id}.md")),
            &format!("+++\ntitle = \"{title}\"\n{topics}+++\n{}", parts[0]),
        );
    }
}
