//! Invariants checked on arbitrary input, shared by the fuzz targets (fuzz/) and the
//! regression tests that replay what the fuzzers found (tests/fuzz_regressions/).
//!
//! Owns what each target feeds its input into and what must hold of the result: each
//! function must return normally for every input (a panic is a bug), every problem it reports
//! must lie inside its file, and what is valid must read back or render as it was written.
//! Not part of the build pipeline.

use crate::date::{Date, Period};
use crate::diag::{Diagnostics, Report};
use crate::load::{Input, Sources};
use crate::model::{Indicator, Language, Site};
use crate::render::i18n::{Translations, Ui};
use crate::render::{Job, OutputFile, RenderOptions, Theme};
use crate::render::{charts, escape_html, pages};
use crate::source::SourceFile;
use crate::{markdown, parse, validate};
use codespan_reporting::term::termcolor::NoColor;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

/// Front matter and Markdown, read as a recommendation and as a document: parsing,
/// validation, anchors, HTML and the diagnostics report.
pub fn markdown_page(text: &str) {
    let mut diags = Diagnostics::default();
    let rec = SourceFile {
        path: "content/recommendations/R1.md".into(),
        text: text.into(),
    };
    let _ = parse::parse_page::<parse::RecommendationFile>(&rec, &mut diags);
    let doc = SourceFile {
        path: "content/documents/d.md".into(),
        text: text.into(),
    };
    if let Some(document) = validate::document(&doc, &mut diags) {
        let options = markdown::HtmlOptions::default();
        let html = markdown::to_html(document.body.markdown(), options, &markdown::PlainMarkup);
        // Every anchor validation accepted is an id in the HTML, so references resolve.
        for heading in document.body.headings.iter() {
            let id = format!("id=\"{}\"", escape_html(&heading.anchor));
            assert!(html.contains(&id), "anchor {} missing", heading.anchor);
        }
        assert!(!html.contains("<script"), "raw HTML passed through");
        let sanitized = markdown::to_html(
            document.body.markdown(),
            markdown::HtmlOptions {
                allow_html: true,
                ..Default::default()
            },
            &markdown::PlainMarkup,
        );
        assert!(
            !sanitized.contains("<script"),
            "sanitizer let a script through"
        );
    }
    emit(&diags.into_report());
}

fn translations() -> &'static Translations {
    static TEXTS: OnceLock<Translations> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let file = SourceFile {
            path: "nl.toml".into(),
            text: include_str!("../themes/default/i18n/nl.toml").into(),
        };
        Translations::parse(&file, &mut Diagnostics::default()).expect("bundled texts are valid")
    })
}

/// Indicator JSON: parsing, validation, the target computation, the chart and the report.
pub fn indicator_json(text: &str) {
    let file = SourceFile {
        path: "data/indicators/x.json".into(),
        text: text.into(),
    };
    let mut diags = Diagnostics::default();
    if let Some(indicator) = validate::indicator(&file, &mut diags) {
        chart_and_download(&indicator, "x");
    }
    emit(&diags.into_report());
}

/// A valid indicator's target state and chart, and its JSON download, which is itself a valid
/// data file (named `<stem>.json`) that reads back to the same indicator.
fn chart_and_download(indicator: &Indicator, stem: &str) {
    let as_of = Date::parse("2024-06-30").expect("a valid date");
    let _ = indicator.target_state(as_of);
    let mut drawing = Diagnostics::default();
    let chart = charts::indicator_chart(indicator, "c", as_of, translations(), "d", &mut drawing);
    assert!(chart.svg.starts_with("<svg"), "a chart is SVG");
    assert!(drawing.is_empty(), "a valid indicator's chart draws");
    let download = SourceFile {
        path: format!("data/indicators/{stem}.json"),
        text: String::from_utf8(pages::indicator::json(indicator).expect("the download is made"))
            .expect("JSON is UTF-8")
            .into(),
    };
    let mut again = Diagnostics::default();
    // The same indicator, written elsewhere in its file.
    let read_back = validate::indicator(&download, &mut again).map(|mut ind| {
        ind.places = indicator.places.clone();
        ind
    });
    assert_eq!(read_back.as_ref(), Some(indicator), "{}", download.text);
}

/// The report printed, as `opvolg check` prints it: drawing the underlines must not fail.
fn emit(report: &Report) {
    let mut out = NoColor::new(Vec::new());
    report.emit(&mut out).expect("the report renders");
}

/// Every problem reported in one of `files` (path, text) is placed inside it: a line the file
/// has, a column of that line (one past its end at most) and, when it underlines, bytes of
/// the file on character boundaries.
fn assert_placed(report: &Report, files: &BTreeMap<String, String>) {
    for d in &report.diagnostics {
        let Some(text) = files.get(&d.path) else {
            continue;
        };
        let lines: Vec<&str> = text.split('\n').collect();
        let line = d.line.checked_sub(1).and_then(|i| lines.get(i));
        let columns = line.map_or(0, |l| l.chars().count() + 1);
        assert!(
            line.is_some() && (1..=columns).contains(&d.column),
            "{d} lies outside {} ({} lines)",
            d.path,
            lines.len()
        );
        if let Some(span) = &d.span {
            assert!(text.get(span.clone()).is_some(), "{d}: span {span:?}");
        }
    }
}

/// How many date fields [`front_matter_dates`] fills: every kind of date and period a
/// recommendation, a document and site.toml have.
const DATE_FIELDS: usize = 10;

/// The value of each date field as TOML writes it, or `None` to leave the field out.
type Dates = [Option<String>; DATE_FIELDS];

/// The dates of the small site as it is valid: in the order of [`front_matter_dates`]' lines.
fn valid_dates() -> Dates {
    [
        "2023-05-25",  // the document d
        "2023-09-01",  // R1's change of answer
        "\"2024-Q1\"", // the deadline of R1's first commitment
        "2024-03-01",  // when that commitment was done
        "2023-10-01",  // when its deadline moved
        "\"2023-12\"", // the deadline before the move
        "\"2025\"",    // the deadline of R1's second commitment
        "2023-06-01",  // R1's first status entry
        "2024-01-15",  // R1's second
        "2024-06-30",  // as_of in site.toml
    ]
    .map(|d| Some(d.to_string()))
}

/// The text files of a small valid site in `language` (every kind of file, each referring to
/// others; R1 has every kind of date, as `dates` gives them), by path.
fn small_site(language: Language, dates: &Dates) -> BTreeMap<String, String> {
    let field = |name: &str, i: usize| {
        dates
            .get(i)
            .and_then(Option::as_deref)
            .map_or(String::new(), |value| format!("{name} = {value}\n"))
    };
    let mut files = BTreeMap::new();
    let mut add = |path: &str, text: String| files.insert(path.to_string(), text);
    add(
        "site.toml",
        format!(
            "title = \"Fuzz\"\nlanguage = \"{}\"\n{}base_url = \"https://example.org/\"\n",
            language.code(),
            field("as_of", 9)
        ),
    );
    add("content/index.md", "Intro.\n".into());
    add(
        "content/documents/d.md",
        format!(
            "+++\ntitle = \"D\"\n{}kind = \"progress\"\n+++\n## Progress\n",
            field("date", 0)
        ),
    );
    add(
        "content/documents/letter.md",
        "+++\ntitle = \"Letter\"\ndate = 2023-05-01\nkind = \"report\"\n+++\n## Answer\n".into(),
    );
    add(
        "content/topics/t.md",
        "+++\ntitle = \"T\"\n+++\nTopic.\n".into(),
    );
    add(
        "content/recommendations/R1.md",
        format!(
            "+++\nid = \"R1\"\ntitle = \"One\"\nsource = \"letter\"\ntopics = [\"t\"]\nresponse = \"accepted\"\n\
             response_ref = \"letter#answer\"\nindicators = [\"i\"]\n\
             [[response_changes]]\n{}response = \"partially_accepted\"\nreason = \"Less money.\"\nref = \"d\"\n\
             [[commitments]]\ntext = \"c\"\nowner = \"o\"\n{}{}ref = \"letter#answer\"\n\
             [[commitments.revisions]]\n{}{}reason = \"Later.\"\nref = \"d\"\n\
             [[commitments]]\ntext = \"c2\"\nowner = \"o2\"\n{}\
             [[status]]\n{}state = \"open\"\nnote = \"n\"\nref = \"letter\"\n\
             [[status]]\n{}state = \"in_progress\"\nnote = \"n2\"\nref = \"d\"\n+++\nOne.\n",
            field("date", 1),
            field("due", 2),
            field("done", 3),
            field("date", 4),
            field("previous_due", 5),
            field("due", 6),
            field("date", 7),
            field("date", 8),
        ),
    );
    add(
        "content/recommendations/R2.md",
        "+++\nid = \"R2\"\ntitle = \"Two\"\nsource = \"letter\"\ntopics = [\"t\"]\nresponse = \"accepted\"\nresponse_ref = \"d\"\nindicators = [\"i\"]\n[[commitments]]\ntext = \"c\"\nowner = \"o\"\ndue = 2024-01-01\n[[status]]\ndate = 2023-06-01\nstate = \"open\"\nnote = \"n\"\n+++\nTwo.\n".into(),
    );
    add(
        "data/indicators/i.json",
        r#"{"id": "i", "title": "I", "unit": "u", "description": "d", "source": {"name": "s"}, "provenance": "official", "chart": "line", "target": {"value": 5, "direction": "at_most", "by": "2024-01-01"}, "series": [{"name": "a", "points": [{"date": "2023", "value": 9}, {"date": "2024", "value": 3}]}]}"#.into(),
    );
    files
}

/// The site of `files` validated (no theme folders), with every problem reported placed
/// inside its file and the report printed.
fn validated(files: &BTreeMap<String, String>) -> Option<Site> {
    let sources = Sources {
        files: files
            .iter()
            .map(|(path, text)| {
                let file = SourceFile {
                    path: path.clone(),
                    text: text.as_str().into(),
                };
                (path.clone(), Input::Text(file))
            })
            .collect(),
        theme_folders: Vec::new(),
    };
    let mut diags = Diagnostics::default();
    let site = crate::validate::validate(sources, &mut diags);
    let report = diags.into_report();
    assert_placed(&report, files);
    emit(&report);
    site
}

/// The built-in theme in `language`, compiled once.
fn built_in(language: Language) -> &'static Theme {
    static THEMES: OnceLock<[Theme; 2]> = OnceLock::new();
    let [nl, en] = THEMES.get_or_init(|| {
        [Language::Nl, Language::En]
            .map(|l| crate::project::built_in_theme(l).expect("the built-in theme compiles"))
    });
    match language {
        Language::Nl => nl,
        Language::En => en,
    }
}

/// Renders every page of a valid `site` with `theme` (nothing is written), then, as a review
/// copy, the jobs `review` gives; returns the home page of the last rendering. The theme
/// must render every page of a valid site: a problem here is a bug of opvolg's, not of the
/// content.
fn render_all(site: &Site, theme: &Theme, review: Option<Vec<Job>>) -> String {
    let home = Mutex::new(String::new());
    let keep_home = |file: OutputFile| {
        if file.path == "index.html" {
            let mut home = home
                .lock()
                .map_err(|e| std::io::Error::other(e.to_string()))?;
            *home = String::from_utf8(file.bytes).map_err(std::io::Error::other)?;
        }
        Ok(())
    };
    let copies = std::iter::once((false, Job::all(site))).chain(review.map(|jobs| (true, jobs)));
    for (review, jobs) in copies {
        let rendered = crate::render::render(
            site,
            theme,
            RenderOptions { review },
            &jobs,
            &keep_home,
            &|_, _| {},
            crate::render::Record::Nothing,
        )
        .expect("nothing is written, so nothing fails to be");
        let problems = rendered.diagnostics().into_report();
        assert!(
            problems.errors() == 0
                || problems
                    .lines()
                    .iter()
                    .all(|l| l.contains("the link goes to #")),
            "{:?}",
            problems.lines()
        );
    }
    home.into_inner().unwrap_or_default()
}

/// Every job of a review copy of `site`.
fn review_copy(site: &Site) -> Option<Vec<Job>> {
    let mut jobs = Job::all(site);
    jobs.push(Job::Review);
    Some(jobs)
}

/// A small site whose every text file but one is fixed: the fuzzed text is the
/// recommendation `R1` and, on its own, the document `d` (which R1 and R2 cite). The site is
/// validated and, when valid, rendered with the built-in theme in both languages (nothing is
/// written): templates, partials, Markdown with its theme markup, charts, downloads, feed and
/// dossier all run on what the text says. True when the site was valid, so rendered.
pub fn rendered_site(text: &str) -> bool {
    let mut rendered_any = false;
    for language in [Language::Nl, Language::En] {
        let mut files = small_site(language, &valid_dates());
        files.insert(
            "content/documents/d.md".into(),
            format!("+++\ntitle = \"D\"\ndate = 2023-05-25\nkind = \"progress\"\n+++\n{text}"),
        );
        files.insert("content/recommendations/R1.md".into(), text.to_string());
        let Some(site) = validated(&files) else {
            continue;
        };
        rendered_any = true;
        render_all(&site, built_in(language), review_copy(&site));
    }
    rendered_any
}

/// The indicator `f` of the small site has its figures in `data/indicators/f.csv`: the fuzzed
/// text. The site is validated (the figures read and checked, then joined with the
/// indicator); when valid, the joined indicator is drawn and its JSON download read back, and
/// its figures are those the csv crate reads from the same file. True when valid.
pub fn figures_csv(text: &str) -> bool {
    let mut files = small_site(Language::Nl, &valid_dates());
    files.insert(
        "data/indicators/f.json".into(),
        r#"{"id": "f", "title": "F", "unit": "u", "description": "d", "source": {"name": "s"}, "provenance": "official", "chart": "line", "target": {"value": 5, "direction": "at_least"}}"#.into(),
    );
    files.insert("data/indicators/f.csv".into(), text.to_string());
    let Some(site) = validated(&files) else {
        return false;
    };
    let indicator = site.indicators.get("f").expect("a valid site has f");
    chart_and_download(indicator, "f");
    // Read on their own by the csv crate, the value cells of the rows are the figures as
    // written (a gap is an empty cell), in the same order within each series.
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = if header_line.matches(';').count() > header_line.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records().map(|r| r.expect("text is UTF-8"));
    let header = records.next().expect("a valid file has a header");
    let column = |name: &str| header.iter().position(|c| c.trim() == name);
    let value = column("value").expect("a valid file has a value column");
    let series = column("series");
    let mut by_series: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for record in records {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let name = match cell(series) {
            "" => indicator.title.as_str(),
            name => name,
        };
        by_series
            .entry(name.to_string())
            .or_default()
            .push(cell(Some(value)).to_string());
    }
    let read: BTreeMap<String, Vec<String>> = indicator
        .series
        .iter()
        .map(|s| {
            let written = s.points.iter().map(|p| {
                p.figure
                    .as_ref()
                    .map_or(String::new(), |f| f.written.to_string())
            });
            (s.name.clone(), written.collect())
        })
        .collect();
    assert_eq!(read, by_series, "the figures of {text:?}");
    true
}

/// The fuzzed text is site.toml of the small site. When the site is valid it is rendered with
/// the built-in theme in the language site.toml names, as a normal and a review copy, and
/// its home page has that language and the site's title. True when valid.
pub fn site_toml(text: &str) -> bool {
    let mut files = small_site(Language::Nl, &valid_dates());
    files.insert("site.toml".into(), text.to_string());
    let Some(site) = validated(&files) else {
        return false;
    };
    let language = site.config.language;
    let home = render_all(&site, built_in(language), review_copy(&site));
    let lang = format!("<html lang=\"{}\">", language.code());
    assert!(home.contains(&lang), "{lang} not in the home page");
    let title = format!(">{}</a></p>", escape_html(&site.config.title));
    assert!(home.contains(&title), "{title} not in the home page");
    true
}

/// The fuzzed text is a site's translation table for Dutch (`themes/default/i18n/nl.toml`),
/// laid over the built-in one as a site's is. When the theme compiles with it, the small site
/// is rendered with it (and the pages a review copy adds), and the home page shows the text the
/// site's table gives for `[ui] dashboard` (the built-in text when it gives none). True when
/// the theme compiled.
pub fn translation_table(text: &str) -> bool {
    let path = "themes/default/i18n/nl.toml";
    let mut diags = Diagnostics::default();
    let mut theme_files = crate::load::built_in_theme(&mut diags);
    for (language, layers) in &mut theme_files.translations {
        if language == Language::Nl.code() {
            layers.push(SourceFile {
                path: path.into(),
                text: text.into(),
            });
        }
    }
    // The texts alone first: compiling the templates takes most of a run, and a table that
    // cannot be read stops the theme all the same.
    let layers = theme_files
        .translations
        .iter()
        .find(|(language, _)| language == Language::Nl.code())
        .map_or(&[][..], |(_, layers)| layers.as_slice());
    let read = Translations::layered(layers, &mut diags);
    let theme = read.map(|_| Theme::compile(&theme_files, Language::Nl, &mut diags));
    let report = diags.into_report();
    assert_placed(
        &report,
        &BTreeMap::from([(path.to_string(), text.to_string())]),
    );
    emit(&report);
    let Some(theme) = theme else {
        return false;
    };
    let theme = theme.expect("the built-in templates compile, so a readable table makes a theme");
    let given = toml::from_str::<toml::Table>(text).ok().and_then(|table| {
        let ui = table.get("ui")?.as_table()?;
        ui.get("dashboard")?.as_str().map(str::to_string)
    });
    let expected = given.unwrap_or_else(|| {
        built_in(Language::Nl)
            .translations()
            .text(Ui::Dashboard)
            .to_string()
    });
    assert_eq!(theme.translations().text(Ui::Dashboard), expected);
    let site =
        validated(&small_site(Language::Nl, &valid_dates())).expect("the small site is valid");
    // Compiling the theme takes most of the time of a run: of the review copy, only the pages
    // with texts of their own.
    let home = render_all(&site, &theme, Some(vec![Job::Dashboard, Job::Review]));
    let link = format!(" aria-current=\"page\">{}</a>", escape_html(&expected));
    assert!(home.contains(&link), "{link} not in the home page");
    true
}

/// Every date field of the small site filled from the fuzzed text, one line each in the order
/// of [`valid_dates`]: an empty line keeps the valid date, `-` leaves the field out, a line
/// that is a TOML value is put in as it is, and any other line as a TOML string. The site is
/// validated and, when valid, every date reads back exactly as written and the site renders
/// as a normal and a review copy. True when valid.
pub fn front_matter_dates(text: &str) -> bool {
    let mut dates = valid_dates();
    for (slot, line) in dates.iter_mut().zip(text.split('\n')) {
        *slot = match line {
            "" => continue,
            "-" => None,
            line if toml::from_str::<toml::Table>(&format!("v = {line}")).is_ok() => {
                Some(line.to_string())
            }
            line => Some(toml::Value::String(line.to_string()).to_string()),
        };
    }
    let files = small_site(Language::Nl, &dates);
    let Some(site) = validated(&files) else {
        return false;
    };
    let r1 = site.recommendations.get("R1").expect("a valid site has R1");
    let first = r1.commitments.first().expect("R1 has two commitments");
    let second = r1.commitments.get(1).expect("R1 has two commitments");
    let revision = first
        .revisions
        .first()
        .expect("R1's first commitment moved");
    let day = |d: Date| Some(d.to_string());
    let period = |p: Option<Period>| p.map(|p| p.to_string());
    let read = [
        day(site.documents.get("d").expect("a valid site has d").date),
        day(r1
            .response_changes
            .first()
            .expect("R1's answer changed")
            .date),
        period(first.due),
        first.done.map(|d| d.to_string()),
        day(revision.date),
        period(revision.previous_due),
        period(second.due),
        day(r1.status.first().expect("R1 has a status").date),
        day(r1.status.get(1).expect("R1 has two statuses").date),
        day(site.config.as_of),
    ];
    for (i, (read, written)) in read.iter().zip(&dates).enumerate() {
        // The value as TOML has it: a string's text, a date as written.
        let value = written.as_ref().map(|w| {
            match toml::from_str::<toml::Table>(&format!("v = {w}"))
                .ok()
                .and_then(|t| t.get("v").cloned())
            {
                Some(toml::Value::String(text)) => text,
                Some(toml::Value::Datetime(date)) => date.to_string(),
                other => panic!("date field {i}: {other:?} was taken as a date"),
            }
        });
        assert_eq!(read, &value, "date field {i}");
        if let Some(read) = read {
            assert_eq!(
                Period::parse(read).map(|p| p.to_string()).as_ref(),
                Ok(read)
            );
        }
    }
    render_all(&site, built_in(Language::Nl), review_copy(&site));
    true
}
