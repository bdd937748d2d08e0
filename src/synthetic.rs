//! Synthetic sites of any size, for benchmarks, the accessibility fixture and scale tests.
//!
//! N recommendations (~250 words with a list and a table, 2 commitments, 2-4 status entries,
//! 1-2 indicators), N/2 indicators (1-3 series of 12-40 monthly points, line or bar, half with
//! a target), N/50 documents (at least 1) of ~2,000 words in 20 anchored sections, 12 topics;
//! optionally the same content as the equivalent Hugo site (see `write_hugo`) for a
//! like-for-like speed comparison.
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

    let title = format!("Synthetische site met {n} aanbevelingen");
    write(
        &dir.join("site.toml"),
        &format!(
            "title = \"{title}\"\nlanguage = \"nl\"\nas_of = 2024-06-30\n\
             base_url = \"https://www.example.org/synthetisch/\"\n\
             description = \"Gegenereerd voor benchmarks en toegankelijkheidstests.\"\n\
             notice = \"Synthetische gegevens: alle tekst en cijfers zijn gegenereerd.\"\n"
        ),
    );
    let home = format!("{}\n", g.paragraph(60));
    write(&dir.join("content/index.md"), &home);
    let mut twin = HugoSite {
        title,
        home,
        ..HugoSite::default()
    };

    for t in 0..TOPICS {
        let body = g.paragraph(50);
        let file = format!("+++\ntitle = \"Thema {t}: {}\"\n+++\n{body}\n", g.words(2));
        write(&dir.join(format!("content/topics/t{t:02}.md")), &file);
        twin.topics.push((format!("t{t:02}"), file));
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
        let file = format!(
            "+++\ntitle = \"Rapport {d}\"\ndate = 2023-{:02}-15\nkind = \"report\"\nreference = \"{}\"\n+++\n{body}",
            1 + d % 12,
            100000 + d
        );
        write(&dir.join(format!("content/documents/doc{d:04}.md")), &file);
        twin.documents.push((format!("doc{d:04}"), file));
    }

    for i in 0..indicators {
        let series_count = 1 + g.rng.usize(..3);
        let points = 12 + g.rng.usize(..29);
        let start = 30 - points as i32;
        let bar = i % 3 == 0;
        let mut series = Vec::new();
        let mut table: Vec<(String, Vec<Option<f64>>)> = (0..points)
            .map(|p| (date(start + p as i32), Vec::new()))
            .collect();
        for s in 0..series_count {
            let mut value = 100.0 + g.rng.f64() * 900.0;
            let mut pts = Vec::new();
            for (period, row) in &mut table {
                value = (value * (0.9 + g.rng.f64() * 0.2)).max(0.0);
                let missing = g.rng.usize(..25) == 0;
                // The value as written (one decimal), as the table of the other twin shows it.
                let written: f64 = format!("{value:.1}").parse().unwrap_or(value);
                row.push((!missing).then_some(written));
                let v = if missing {
                    "null".to_string()
                } else {
                    format!("{:.1}", value)
                };
                pts.push(format!("{{\"date\": \"{period}\", \"value\": {v}}}"));
            }
            series.push(format!(
                "{{\"name\": \"Reeks {s}\", \"points\": [{}]}}",
                pts.join(", ")
            ));
        }
        let target_value = (i % 2 == 0).then(|| 100 + g.rng.usize(..400));
        let target = match target_value {
            Some(value) => format!(
                ",\n  \"target\": {{\"value\": {value}, \"direction\": \"at_most\", \"by\": \"2024-12-31\", \"label\": \"doel\"}}"
            ),
            None => String::new(),
        };
        let title = format!("Indicator {i}: {}", g.words(3));
        let description = g.sentence(12);
        let json = format!(
            "{{\n  \"id\": \"i{i:05}\",\n  \"title\": \"{title}\",\n  \"unit\": \"aantal\",\n  \"description\": \"{description}\",\n  \
             \"source\": {{\"name\": \"Generator\"}},\n  \"provenance\": \"illustrative\",\n  \"chart\": \"{}\"{target},\n  \"series\": [{}]\n}}\n",
            if bar { "bar" } else { "line" },
            series.join(", ")
        );
        write(&dir.join(format!("data/indicators/i{i:05}.json")), &json);
        twin.indicators.push(HugoIndicator {
            id: format!("i{i:05}"),
            title,
            description,
            unit: "aantal",
            source: "Generator",
            json,
            series: (0..series_count).map(|s| format!("Reeks {s}")).collect(),
            table,
            target: target_value,
        });
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
        let file = format!("{fm}{body}");
        write(&dir.join(format!("content/recommendations/{id}.md")), &file);
        twin.recommendations.push((id, file));
    }

    if hugo {
        write_hugo(&dir.join("hugo"), &twin, Twin::DataLookups);
        write_hugo(&dir.join("hugo-tables"), &twin, Twin::ReadyTables);
    }
    Generated {
        recommendations: n,
        indicators,
        documents,
        topics: TOPICS,
    }
}

/// What the Hugo twin needs of the generated content: the same files, as [`write_hugo`] turns
/// them into a Hugo site.
#[derive(Default)]
struct HugoSite {
    title: String,
    /// The home page's Markdown.
    home: String,
    /// (id, opvolg file: TOML front matter and Markdown) of each topic.
    topics: Vec<(String, String)>,
    /// (id, opvolg file) of each document.
    documents: Vec<(String, String)>,
    indicators: Vec<HugoIndicator>,
    /// (id, opvolg file) of each recommendation: its front matter (source, addressed_to,
    /// topics, response, commitments, status, ...) is already what a Hugo page would carry.
    recommendations: Vec<(String, String)>,
}

struct HugoIndicator {
    id: String,
    title: String,
    description: String,
    unit: &'static str,
    source: &'static str,
    /// The opvolg data file, which the Hugo twin keeps as its data file.
    json: String,
    /// The names of its series.
    series: Vec<String>,
    /// (period, the value of each series) per row: the table the ready-table twin is given.
    table: Vec<(String, Vec<Option<f64>>)>,
    /// The target (at most), if any.
    target: Option<usize>,
}

/// The two Hugo twins: the same content, the indicators' numbers either as data files that
/// the indicator template looks up and formats (`site.Data`), or as a ready Markdown table
/// in each indicator's page, with no data lookup in any template.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Twin {
    DataLookups,
    ReadyTables,
}

/// A number as Hugo's `lang.FormatNumber 1` writes it in Dutch: one decimal, a decimal comma,
/// points between thousands.
fn dutch_number(value: f64) -> String {
    let text = format!("{value:.1}");
    let (int, frac) = text.split_once('.').unwrap_or((&text, "0"));
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut grouped = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped},{frac}")
}

/// The Hugo twin's templates and translations, as (path, text).
const HUGO_FILES: &[(&str, &str)] = &[
    (
        "i18n/nl.toml",
        r##"state_open = "open"
state_in_progress = "in uitvoering"
state_partially_implemented = "deels gerealiseerd"
state_implemented = "gerealiseerd"
state_not_implemented = "niet uitgevoerd"
state_superseded = "vervallen"
response_accepted = "overgenomen"
response_partially_accepted = "deels overgenomen"
response_rejected = "niet overgenomen"
response_noted = "voor kennisgeving aangenomen"
response_pending = "antwoord verwacht"
commitment_open = "open"
commitment_done = "gerealiseerd"
commitment_done_late = "gerealiseerd na termijn"
commitment_overdue = "termijn verstreken"
direction_at_most = "hoogstens"
direction_at_least = "minstens"
kind_report = "rapport"
"##,
    ),
    (
        "layouts/_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title></head>
<body>
<header><a href="{{ "" | relURL }}">{{ site.Title }}</a></header>
<nav aria-label="Hoofdmenu"><ul>
<li><a href="{{ "recommendations/" | relURL }}">Aanbevelingen</a></li>
<li><a href="{{ "indicators/" | relURL }}">Indicatoren</a></li>
<li><a href="{{ "documents/" | relURL }}">Documenten</a></li>
<li><a href="{{ "topics/" | relURL }}">Thema's</a></li>
</ul></nav>
<main>{{ block "main" . }}{{ end }}</main>
<footer><p>{{ site.Params.notice }}</p><p>Stand per {{ site.Params.asOf | time.Format "2 January 2006" }}.</p></footer>
</body>
</html>
"##,
    ),
    (
        "layouts/index.html",
        r##"{{ define "main" }}<h1>{{ site.Title }}</h1>
{{ .Content }}
<ul>{{ range .Sections }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ len .RegularPages }}</li>{{ end }}</ul>
{{ end }}
"##,
    ),
    (
        "layouts/_default/single.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
{{ end }}
"##,
    ),
    (
        "layouts/_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/_default/taxonomy.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<table><thead><tr><th scope="col">Thema</th><th scope="col">Aanbevelingen</th></tr></thead><tbody>
{{ range .Paginator.Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ len .Pages }}</td></tr>
{{ end }}</tbody></table>
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/_default/term.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<div class="prose">{{ .Content }}</div>
<h2>Aanbevelingen</h2>
{{ partial "recommendation-rows.html" .Paginator.Pages }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/partials/recommendation-rows.html",
        r##"<table><thead><tr><th scope="col">Aanbeveling</th><th scope="col">Stand</th><th scope="col">Reactie</th></tr></thead><tbody>
{{ range . }}<tr><td><a href="{{ .RelPermalink }}">{{ .Params.id }} {{ .Title }}</a></td><td>{{ i18n (printf "state_%s" (index (last 1 .Params.status) 0).state) }}</td><td>{{ i18n (printf "response_%s" .Params.response) }}</td></tr>
{{ end }}</tbody></table>
"##,
    ),
    (
        "layouts/partials/doc-link.html",
        r##"{{ $ref := split . "#" }}{{ $anchor := "" }}{{ if gt (len $ref) 1 }}{{ $anchor = index $ref 1 }}{{ end }}{{ with site.GetPage (printf "/documents/%s" (index $ref 0)) }}<a href="{{ .RelPermalink }}{{ with $anchor }}#{{ . }}{{ end }}">{{ .Title }}{{ with $anchor }}, {{ . }}{{ end }}</a>{{ end }}"##,
    ),
    (
        "layouts/recommendations/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ partial "recommendation-rows.html" .Paginator.Pages }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/recommendations/single.html",
        r##"{{ define "main" }}{{ $asOf := time site.Params.asOf }}{{ $last := index (last 1 .Params.status) 0 }}
<h1><span class="rec-id">{{ .Params.id }}</span> {{ .Title }}</h1>
<dl class="facts">
<div><dt>Huidige stand</dt><dd>{{ i18n (printf "state_%s" $last.state) }} (laatste wijziging <time datetime="{{ $last.date }}">{{ $last.date | time.Format "2 January 2006" }}</time>)</dd></div>
<div><dt>Reactie</dt><dd>{{ i18n (printf "response_%s" .Params.response) }}</dd></div>
<div><dt>Vindplaats reactie</dt><dd>{{ partial "doc-link.html" .Params.response_ref }}</dd></div>
<div><dt>Bron</dt><dd>{{ partial "doc-link.html" .Params.source }}</dd></div>
<div><dt>Gericht aan</dt><dd>{{ delimit .Params.addressed_to ", " }}</dd></div>
<div><dt>Thema's</dt><dd>{{ range $i, $t := .GetTerms "topics" }}{{ if $i }}, {{ end }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a>{{ end }}</dd></div>
</dl>
<div class="prose">{{ .Content }}</div>
<section aria-labelledby="_commitments"><h2 id="_commitments">Toezeggingen</h2>
<table class="commitments"><caption>Toezeggingen {{ .Params.id }}, stand per {{ $asOf | time.Format "2 January 2006" }}</caption>
<thead><tr><th scope="col">Nr.</th><th scope="col">Toezegging</th><th scope="col">Eigenaar</th><th scope="col">Termijn</th><th scope="col">Gerealiseerd</th><th scope="col">Stand</th><th scope="col">Toegezegd in</th></tr></thead><tbody>
{{ range $i, $c := .Params.commitments }}<tr><th scope="row">{{ add $i 1 }}</th><td>{{ .text }}</td><td>{{ .owner }}</td><td><time datetime="{{ .due }}">{{ .due | time.Format "2 January 2006" }}</time></td><td>{{ with .done }}<time datetime="{{ . }}">{{ . | time.Format "2 January 2006" }}</time>{{ else }}–{{ end }}</td><td>{{ if .done }}{{ if gt (time .done) (time .due) }}{{ i18n "commitment_done_late" }}{{ else }}{{ i18n "commitment_done" }}{{ end }}{{ else if lt (time .due) $asOf }}{{ i18n "commitment_overdue" }}{{ else }}{{ i18n "commitment_open" }}{{ end }}</td><td>{{ with .ref }}{{ partial "doc-link.html" . }}{{ else }}–{{ end }}</td></tr>
{{ end }}</tbody></table>
</section>
<section aria-labelledby="_progress"><h2 id="_progress">Voortgang</h2>
<table class="status-history"><caption>Voortgang {{ .Params.id }}</caption>
<thead><tr><th scope="col">Datum</th><th scope="col">Stand</th><th scope="col">Toelichting</th></tr></thead><tbody>
{{ range .Params.status }}<tr><th scope="row"><time datetime="{{ .date }}">{{ .date | time.Format "2 January 2006" }}</time></th><td>{{ i18n (printf "state_%s" .state) }}</td><td>{{ .note }}</td></tr>
{{ end }}</tbody></table>
</section>
<section aria-labelledby="_indicators"><h2 id="_indicators">Indicatoren bij deze aanbeveling</h2>
<ul>{{ range .Params.indicators }}{{ with site.GetPage (printf "/indicators/%s" .) }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}{{ end }}</ul>
</section>
{{ end }}
"##,
    ),
    (
        "layouts/indicators/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<table><thead><tr><th scope="col">Indicator</th><th scope="col">Eenheid</th><th scope="col">Bron</th></tr></thead><tbody>
{{ range .Paginator.Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.unit }}</td><td>{{ .Params.source }}</td></tr>
{{ end }}</tbody></table>
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/indicators/single.html",
        r##"{{ define "main" }}{{ $d := index site.Data.indicators .File.ContentBaseName }}
<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
<dl class="facts">
<div><dt>Eenheid</dt><dd>{{ .Params.unit }}</dd></div>
<div><dt>Bron</dt><dd>{{ .Params.source }}</dd></div>
{{ with $d.target }}<div><dt>Doel</dt><dd>{{ i18n (printf "direction_%s" .direction) }} {{ lang.FormatNumber 0 .value }} {{ .label }}, uiterlijk <time datetime="{{ .by }}">{{ .by | time.Format "2 January 2006" }}</time></dd></div>{{ end }}
</dl>
<table class="data"><caption>{{ .Title }} ({{ .Params.unit }})</caption>
<thead><tr><th scope="col">Periode</th>{{ range $d.series }}<th scope="col">{{ .name }}</th>{{ end }}</tr></thead><tbody>
{{ range $i, $p := (index $d.series 0).points }}<tr><th scope="row">{{ $p.date }}</th>{{ range $d.series }}{{ $v := (index .points $i).value }}<td>{{ if eq $v nil }}–{{ else }}{{ lang.FormatNumber 1 $v }}{{ end }}</td>{{ end }}</tr>
{{ end }}</tbody></table>
{{ end }}
"##,
    ),
    (
        "layouts/documents/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<table><thead><tr><th scope="col">Document</th><th scope="col">Datum</th><th scope="col">Kenmerk</th></tr></thead><tbody>
{{ range .Paginator.Pages }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format "2 January 2006" }}</time></td><td>{{ .Params.reference }}</td></tr>
{{ end }}</tbody></table>
{{ template "_internal/pagination.html" . }}
{{ end }}
"##,
    ),
    (
        "layouts/documents/single.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<dl class="facts"><div><dt>Soort</dt><dd>{{ i18n (printf "kind_%s" .Params.kind) }}</dd></div><div><dt>Datum</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date | time.Format "2 January 2006" }}</time></dd></div><div><dt>Kenmerk</dt><dd>{{ .Params.reference }}</dd></div></dl>
<div class="prose">{{ .Content }}</div>
{{ end }}
"##,
    ),
];

/// The indicator page of the ready-table twin: the facts from front matter, the numbers from
/// the page's own Markdown table; no data lookup.
const HUGO_READY_TABLE_INDICATOR: &str = r##"{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ .Description }}</p>
<dl class="facts">
<div><dt>Eenheid</dt><dd>{{ .Params.unit }}</dd></div>
<div><dt>Bron</dt><dd>{{ .Params.source }}</dd></div>
{{ with .Params.target }}<div><dt>Doel</dt><dd>{{ . }}</dd></div>{{ end }}
</dl>
<div class="data">{{ .Content }}</div>
{{ end }}
"##;

/// The same content as a Hugo site, built the way a Hugo user would: the recommendations'
/// and documents' files as they are (Hugo keeps the unknown front-matter keys as `.Params`,
/// which the templates render as facts, commitments and status tables), each indicator as a
/// page (with its data file under `data/indicators/`, or its numbers as a ready table in the
/// page: see [`Twin`]), the topics as a `topics` taxonomy whose term pages carry the topic
/// texts, and list pages paginated at 100 entries.
fn write_hugo(dir: &Path, site: &HugoSite, twin: Twin) {
    write(
        &dir.join("hugo.toml"),
        &format!(
            "baseURL = \"https://www.example.org/synthetisch/\"\nlanguageCode = \"nl\"\ndefaultContentLanguage = \"nl\"\n\
             title = \"{}\"\npaginate = 100\ndisableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n\
             [taxonomies]\ntopic = \"topics\"\n[params]\nasOf = 2024-06-30\n\
             notice = \"Synthetische gegevens: alle tekst en cijfers zijn gegenereerd.\"\n",
            site.title
        ),
    );
    for (path, text) in HUGO_FILES {
        let text = match (twin, *path) {
            (Twin::ReadyTables, "layouts/indicators/single.html") => HUGO_READY_TABLE_INDICATOR,
            _ => text,
        };
        write(&dir.join(path), text);
    }
    write(
        &dir.join("content/_index.md"),
        &format!("+++\ntitle = \"{}\"\n+++\n{}", site.title, site.home),
    );
    for (section, title) in [
        ("recommendations", "Aanbevelingen"),
        ("indicators", "Indicatoren"),
        ("documents", "Documenten"),
        ("topics", "Thema's"),
    ] {
        write(
            &dir.join(format!("content/{section}/_index.md")),
            &format!("+++\ntitle = \"{title}\"\n+++\n"),
        );
    }
    for (id, file) in &site.topics {
        write(&dir.join(format!("content/topics/{id}/_index.md")), file);
    }
    for (id, file) in &site.documents {
        write(&dir.join(format!("content/documents/{id}.md")), file);
    }
    for (k, ind) in site.indicators.iter().enumerate() {
        let front = format!(
            "+++\ntitle = \"{}\"\ndescription = \"{}\"\nunit = \"{}\"\nsource = \"{}\"\nweight = {}\n",
            ind.title,
            ind.description,
            ind.unit,
            ind.source,
            k + 1
        );
        let page = &dir.join(format!("content/indicators/{}.md", ind.id));
        match twin {
            Twin::DataLookups => {
                write(page, &format!("{front}+++\n"));
                write(
                    &dir.join(format!("data/indicators/{}.json", ind.id)),
                    &ind.json,
                );
            }
            Twin::ReadyTables => {
                let target = ind.target.map_or(String::new(), |value| {
                    format!(
                        "target = \"hoogstens {} {} doel, uiterlijk 31 december 2024\"\n",
                        dutch_number(value as f64).trim_end_matches(",0"),
                        ind.unit
                    )
                });
                let mut table = format!("| Periode | {} |\n|---|", ind.series.join(" | "));
                table.push_str(&"---|".repeat(ind.series.len()));
                table.push('\n');
                for (period, values) in &ind.table {
                    let cells: Vec<String> = values
                        .iter()
                        .map(|v| v.map_or_else(|| "–".to_string(), dutch_number))
                        .collect();
                    table.push_str(&format!("| {period} | {} |\n", cells.join(" | ")));
                }
                write(page, &format!("{front}{target}+++\n{table}"));
            }
        }
    }
    for (k, (id, file)) in site.recommendations.iter().enumerate() {
        // The list pages show the recommendations in the order of their ids, as opvolg does.
        let rest = file.strip_prefix("+++\n").expect("TOML front matter");
        write(
            &dir.join(format!("content/recommendations/{id}.md")),
            &format!("+++\nweight = {}\n{rest}", k + 1),
        );
    }
}
