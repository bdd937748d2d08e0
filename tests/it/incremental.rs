//! Incremental rebuilds are exact: after every random edit (change, add or delete files of each
//! kind, settings and theme included, errors introduced and removed, figures files broken and
//! repaired), every page the preview serves equals the same file of a fresh full build of the
//! same files, and the preview's problems are the build's. The site is larger than a page of
//! its lists, so every list has further pages, and the edits run on a normal site and on a
//! review copy. The preview is driven through `serve::Preview`: the server's own handling of a
//! change (dependencies recorded by the renderer, pages dropped by what they read) and of a
//! request, without the HTTP around it.

use crate::support::{Site, snapshot};
use opvolg::serve::{Got, Preview};
use std::collections::BTreeMap;
use std::path::Path;

/// A random edit of the site on disk; returns the paths it touched and what it did.
struct Editor {
    rng: fastrand::Rng,
    count: usize,
}

impl Editor {
    /// One of the site's figures files, if it has any.
    fn pick_csv(&mut self, site: &Site) -> Option<String> {
        let csvs: Vec<String> = Self::files(site, "data/indicators")
            .into_iter()
            .filter(|p| p.ends_with(".csv"))
            .collect();
        self.pick(&csvs).cloned()
    }

    fn pick<'a>(&mut self, items: &'a [String]) -> Option<&'a String> {
        (!items.is_empty()).then(|| &items[self.rng.usize(..items.len())])
    }

    fn files(site: &Site, dir: &str) -> Vec<String> {
        let mut found: Vec<String> = std::fs::read_dir(site.root().join(dir))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| format!("{dir}/{}", e.file_name().to_string_lossy()))
            .collect();
        found.sort();
        found
    }

    fn ids(site: &Site, dir: &str) -> Vec<String> {
        Self::files(site, dir)
            .iter()
            .filter_map(|p| {
                p.rsplit('/')
                    .next()?
                    .rsplit_once('.')
                    .map(|(s, _)| s.to_string())
            })
            .collect()
    }

    /// Replaces the line starting with `key` in a file.
    fn set_line(site: &Site, rel: &str, key: &str, line: &str) {
        let text = site.read(rel);
        let new: Vec<String> = text
            .lines()
            .map(|l| {
                if l.starts_with(key) {
                    line.to_string()
                } else {
                    l.to_string()
                }
            })
            .collect();
        site.write(rel, &(new.join("\n") + "\n"));
    }

    /// Undoes the cause of the first error: the file it is in goes back to the example's (or
    /// away, if the example has no such file), and every file of the example that is missing
    /// comes back.
    fn repair(
        &mut self,
        site: &Site,
        original: &Path,
        errors: &[(String, String)],
    ) -> (Vec<String>, String) {
        let mut touched = Vec::new();
        if let Some((path, message)) = errors.first() {
            // An anchor the error names may have gone from a document: put that back too.
            for entry in std::fs::read_dir(original.join("content/documents"))
                .unwrap()
                .flatten()
            {
                let name = entry.file_name().to_string_lossy().into_owned();
                let stem = name.trim_end_matches(".md");
                if message.contains(stem) {
                    let doc = format!("content/documents/{name}");
                    site.write(&doc, &std::fs::read_to_string(entry.path()).unwrap());
                    touched.push(doc);
                }
            }
            let before = original.join(path);
            if before.is_file() {
                site.write(path, &std::fs::read_to_string(before).unwrap());
            } else if site.root().join(path).is_file() {
                site.remove(path);
            }
            touched.push(path.clone());
        }
        touched.extend(Self::restore_missing(site, original));
        (touched.clone(), format!("repair {touched:?}"))
    }

    /// Brings back every file of the example that is missing; returns their paths.
    fn restore_missing(site: &Site, original: &Path) -> Vec<String> {
        let mut touched = Vec::new();
        for dir in [
            "content/recommendations",
            "content/topics",
            "content/documents",
            "data/indicators",
        ] {
            for entry in std::fs::read_dir(original.join(dir)).unwrap().flatten() {
                let path = format!("{dir}/{}", entry.file_name().to_string_lossy());
                if !site.root().join(&path).exists() {
                    site.write(&path, &std::fs::read_to_string(entry.path()).unwrap());
                    touched.push(path);
                }
            }
        }
        touched
    }

    fn edit(&mut self, site: &Site, original: &Path) -> (Vec<String>, String) {
        self.count += 1;
        let n = self.count;
        let recs: Vec<String> = Self::files(site, "content/recommendations")
            .into_iter()
            .filter(|p| p.ends_with(".md"))
            .collect();
        let topics = Self::ids(site, "content/topics");
        let mut indicators = Self::ids(site, "data/indicators");
        indicators.dedup();
        let op = self.rng.usize(..29);
        let named = [
            "content/documents/brief-inspecties-2023-05-03.md",
            "content/documents/beleidsreactie-2023-05-25.md",
        ];
        let docs = Self::files(site, "content/documents");
        let Some(rec) = self.pick(&recs).cloned().filter(|_| {
            !topics.is_empty()
                && !indicators.is_empty()
                && named.iter().all(|d| docs.contains(&d.to_string()))
        }) else {
            // Too much is gone to edit at random: bring the example's files back first.
            let touched = Self::restore_missing(site, original);
            return (touched.clone(), format!("restore {touched:?}"));
        };
        match op {
            0 => {
                site.edit(&rec, "title = \"", &format!("title = \"E{n} "));
                (vec![rec.clone()], format!("retitle {rec}"))
            }
            1 => {
                let state = [
                    "open",
                    "in_progress",
                    "implemented",
                    "partially_implemented",
                ][self.rng.usize(..4)];
                let text = site.read(&rec);
                let at = text[3..].find("\n+++").map(|i| i + 3).unwrap();
                let entry = format!(
                    "\n\n[[status]]\ndate = 2024-06-30\nstate = \"{state}\"\nnote = \"Edit {n}.\""
                );
                site.write(&rec, &format!("{}{entry}{}", &text[..at], &text[at..]));
                (vec![rec.clone()], format!("status {state} on {rec}"))
            }
            2 => {
                let chosen: Vec<String> = topics
                    .iter()
                    .filter(|_| self.rng.bool())
                    .map(|t| format!("\"{t}\""))
                    .collect();
                Self::set_line(
                    site,
                    &rec,
                    "topics =",
                    &format!("topics = [{}]", chosen.join(", ")),
                );
                (vec![rec.clone()], format!("topics {chosen:?} on {rec}"))
            }
            3 => {
                let chosen: Vec<String> = indicators
                    .iter()
                    .filter(|_| self.rng.u8(..4) == 0)
                    .map(|t| format!("\"{t}\""))
                    .collect();
                Self::set_line(
                    site,
                    &rec,
                    "indicators =",
                    &format!("indicators = [{}]", chosen.join(", ")),
                );
                (vec![rec.clone()], format!("indicators {chosen:?} on {rec}"))
            }
            4 => {
                // A paragraph with links to another recommendation and a document section.
                let other = self.pick(&recs).cloned().unwrap_or_default();
                let other = other.rsplit('/').next().unwrap().to_string();
                // A section of the template, which only rendering the target can confirm; now
                // and then one that does not exist (an error found on the target page).
                let anchor = ["_commitments", "_progress", "no-such-section"][self.rng.usize(..3)];
                let text = site.read(&rec);
                site.write(
                    &rec,
                    &format!(
                        "{text}\n## Extra {n}\n\nSee [{other}]({other}#{anchor}) and [the answer](../documents/beleidsreactie-2023-05-25.md#toegang-tot-zorg).\n"
                    ),
                );
                (vec![rec.clone()], format!("links in {rec} to {other}"))
            }
            5 => {
                let id = format!("N{n}");
                let path = format!("content/recommendations/{id}.md");
                let text = site.read(&rec);
                let old_id = text.lines().nth(1).unwrap().to_string();
                site.write(&path, &text.replacen(&old_id, &format!("id = \"{id}\""), 1));
                (vec![path.clone()], format!("new {path} from {rec}"))
            }
            6 => {
                site.remove(&rec);
                (vec![rec.clone()], format!("delete {rec}"))
            }
            7 => {
                let doc = "content/documents/brief-inspecties-2023-05-03.md";
                site.edit(doc, "title = \"", &format!("title = \"E{n} "));
                let text = site.read(doc);
                site.write(doc, &format!("{text}\n## Annex {n}\n\nMore text.\n"));
                (vec![doc.into()], "edit the letter".into())
            }
            8 => {
                let topic = self.pick(&topics).cloned().unwrap_or_default();
                let path = format!("content/topics/{topic}.md");
                site.edit(&path, "title = \"", &format!("title = \"E{n} "));
                (vec![path.clone()], format!("retitle {path}"))
            }
            9 => {
                let path = format!("content/topics/t{n}.md");
                site.write(&path, &format!("+++\ntitle = \"Topic {n}\"\n+++\nNew.\n"));
                (vec![path.clone()], format!("new {path}"))
            }
            10 => {
                let topic = self.pick(&topics).cloned().unwrap_or_default();
                let path = format!("content/topics/{topic}.md");
                site.remove(&path);
                (vec![path.clone()], format!("delete {path}"))
            }
            11 => {
                let id = self.pick(&indicators).cloned().unwrap_or_default();
                let path = format!("data/indicators/{id}.json");
                let value = self.rng.u32(1..900);
                let text = site.read(&path);
                let Some(at) = text.find("\"value\": ").map(|at| at + 9) else {
                    return (vec![path.clone()], format!("no figures in {path}"));
                };
                let end = at + text[at..].find([',', ' ', '}']).unwrap();
                site.write(&path, &format!("{}{value}{}", &text[..at], &text[end..]));
                (vec![path.clone()], format!("value {value} in {path}"))
            }
            12 => {
                // An error: an unknown state, in a file restored from the original later.
                site.edit(&rec, "state = \"", "state = \"bogus");
                (vec![rec.clone()], format!("break {rec}"))
            }
            13 => {
                // Put one file back as it was in the example (or remove an added one).
                let all: Vec<String> = [
                    "content/recommendations",
                    "content/topics",
                    "content/documents",
                    "data/indicators",
                ]
                .iter()
                .flat_map(|d| Self::files(site, d))
                .collect();
                let path = self.pick(&all).cloned().unwrap_or_default();
                let before = original.join(&path);
                if before.is_file() {
                    site.write(&path, &std::fs::read_to_string(before).unwrap());
                } else {
                    site.remove(&path);
                }
                (vec![path.clone()], format!("restore {path}"))
            }
            14 => {
                let file = format!("content/recommendations/fig{n}.png");
                site.write(&file, &format!("image {n}"));
                let text = site.read(&rec);
                site.write(&rec, &format!("{text}\n![Figure {n}](fig{n}.png)\n"));
                (vec![file, rec.clone()], format!("image in {rec}"))
            }
            15 => {
                let day = 1 + self.rng.u8(..30);
                Self::set_line(
                    site,
                    "site.toml",
                    "as_of =",
                    &format!("as_of = 2024-07-{day:02}"),
                );
                (vec!["site.toml".into()], format!("as_of 2024-07-{day:02}"))
            }
            16 => {
                let path = "themes/default/templates/topic.html";
                let text = site.read(path);
                site.write(path, &format!("{text}{{# edit {n} #}}\n"));
                (vec![path.into()], "theme edit".into())
            }
            21 => {
                // Toggle a heading that recommendations and links point at: its anchor goes
                // away (errors where it is cited) and comes back.
                let doc = "content/documents/beleidsreactie-2023-05-25.md";
                let text = site.read(doc);
                let toggled = if text.contains("## Toegang tot zorg\n") {
                    text.replace("## Toegang tot zorg\n", "## Toegang tot de zorg\n")
                } else {
                    text.replace("## Toegang tot de zorg\n", "## Toegang tot zorg\n")
                };
                site.write(doc, &toggled);
                (vec![doc.into()], "toggle a cited heading".into())
            }
            17 => {
                let docs = Self::files(site, "content/documents");
                let doc = self.pick(&docs).cloned().unwrap_or_default();
                let path = format!("content/documents/d{n}.md");
                site.write(&path, &site.read(&doc));
                (vec![path.clone()], format!("new {path} from {doc}"))
            }
            18 => {
                let docs = Self::files(site, "content/documents");
                let doc = self.pick(&docs).cloned().unwrap_or_default();
                site.remove(&doc);
                (vec![doc.clone()], format!("delete {doc}"))
            }
            19 => {
                let id = self.pick(&indicators).cloned().unwrap_or_default();
                let path = format!("data/indicators/i{n}.json");
                let text = site.read(&format!("data/indicators/{id}.json"));
                site.write(
                    &path,
                    &text.replacen(&format!("\"{id}\""), &format!("\"i{n}\""), 1),
                );
                (vec![path.clone()], format!("new {path} from {id}"))
            }
            20 => {
                let id = self.pick(&indicators).cloned().unwrap_or_default();
                let path = format!("data/indicators/{id}.json");
                site.remove(&path);
                (vec![path.clone()], format!("delete {path}"))
            }
            22 => {
                // Reporting moments come and go: a document's date and kind change.
                let docs = Self::files(site, "content/documents");
                let doc = self.pick(&docs).cloned().unwrap_or_default();
                let kind = ["progress", "report", "progress"][self.rng.usize(..3)];
                let (month, day) = (1 + self.rng.u8(..6), 1 + self.rng.u8(..28));
                Self::set_line(site, &doc, "kind =", &format!("kind = \"{kind}\""));
                Self::set_line(
                    site,
                    &doc,
                    "date =",
                    &format!("date = 2024-{month:02}-{day:02}"),
                );
                (
                    vec![doc.clone()],
                    format!("{doc}: {kind} on 2024-{month:02}-{day:02}"),
                )
            }
            23 => {
                // A deadline moves: a revision for the last commitment (sometimes out of order,
                // which is an error).
                let text = site.read(&rec);
                let Some(at) = text.find("\n\n[[status]]") else {
                    return (vec![rec.clone()], format!("no status in {rec}"));
                };
                let (month, day) = (1 + self.rng.u8(..6), 1 + self.rng.u8(..28));
                let previous = 1 + self.rng.u8(..12);
                let revision = format!(
                    "\n\n[[commitments.revisions]]\ndate = 2024-{month:02}-{day:02}\nprevious_due = 2023-{previous:02}-15\nreason = \"Edit {n}.\""
                );
                site.write(&rec, &format!("{}{revision}{}", &text[..at], &text[at..]));
                (vec![rec.clone()], format!("move a deadline in {rec}"))
            }
            24 => {
                // A commitment is fulfilled.
                let text = site.read(&rec);
                let Some(at) = text.find("\ndue = ").map(|i| i + 1) else {
                    return (vec![rec.clone()], format!("no commitment in {rec}"));
                };
                let end = at + text[at..].find('\n').unwrap_or(text.len() - at);
                if text[end..].starts_with("\ndone") {
                    return (vec![rec.clone()], format!("already done in {rec}"));
                }
                let (month, day) = (1 + self.rng.u8(..6), 1 + self.rng.u8(..28));
                let done = format!("\ndone = 2024-{month:02}-{day:02}");
                site.write(&rec, &format!("{}{done}{}", &text[..end], &text[end..]));
                (vec![rec.clone()], format!("fulfil a commitment in {rec}"))
            }
            25 => {
                // An indicator's figures move to a CSV file beside it (semicolons, a BOM, CRLF).
                let id = self.pick(&indicators).cloned().unwrap_or_default();
                let json = format!("data/indicators/{id}.json");
                let Ok(mut data) = serde_json::from_str::<serde_json::Value>(&site.read(&json))
                else {
                    return (vec![json.clone()], format!("no JSON in {json}"));
                };
                let Some(series) = data.as_object_mut().and_then(|o| o.remove("series")) else {
                    return (vec![json.clone()], format!("no series in {json}"));
                };
                let mut csv = String::from("\u{feff}date;series;value\r\n");
                for s in series.as_array().into_iter().flatten() {
                    for p in s["points"].as_array().into_iter().flatten() {
                        let value = if p["value"].is_null() {
                            String::new()
                        } else {
                            p["value"].to_string()
                        };
                        csv.push_str(&format!(
                            "{};{};{value}\r\n",
                            p["date"].as_str().unwrap_or(""),
                            s["name"].as_str().unwrap_or("")
                        ));
                    }
                }
                let path = format!("data/indicators/{id}.csv");
                site.write(&json, &serde_json::to_string_pretty(&data).unwrap());
                site.write(&path, &csv);
                (
                    vec![json.clone(), path.clone()],
                    format!("figures of {id} into {path}"),
                )
            }
            27 => {
                // A figures file breaks (a decimal comma, as a spreadsheet in Dutch writes it);
                // a repair puts it back.
                let Some(path) = self.pick_csv(site) else {
                    return (Vec::new(), "no CSV".into());
                };
                set_first_value(site, &path, "12,5");
                (vec![path.clone()], format!("decimal comma in {path}"))
            }
            26 => {
                // A figure in a CSV file changes, or the file goes (an error while the data file
                // has no series).
                let Some(path) = self.pick_csv(site) else {
                    return (Vec::new(), "no CSV".into());
                };
                if self.rng.bool() {
                    site.remove(&path);
                    return (vec![path.clone()], format!("delete {path}"));
                }
                let value = self.rng.u32(1..900);
                set_first_value(site, &path, &value.to_string());
                (vec![path.clone()], format!("value {value} in {path}"))
            }
            _ => {
                site.write(
                    "content/index.md",
                    &format!("Introduction {n}, see [R1](recommendations/R1.md).\n"),
                );
                (vec!["content/index.md".into()], "home".into())
            }
        }
    }
}

#[test]
fn every_served_page_equals_a_full_build_after_every_random_edit() {
    random_edits(false, 3, 120);
}

/// A review copy gathers what to check from the whole site: every change must reach
/// review.html as it reaches a fresh review build.
#[test]
fn every_served_page_of_a_review_copy_equals_a_full_review_build_after_every_random_edit() {
    random_edits(true, 11, 60);
}

/// The example site made larger than a page of its lists: ten more recommendations (copies of
/// R1 under ids of their own, in its topics) and `page_size = 10`, so the lists, the topics
/// and the dashboard have what only a large site has.
pub fn larger_than_a_page() -> Site {
    let site = Site::example();
    let r1 = site.read("content/recommendations/R1.md");
    let id_line = r1.lines().nth(1).unwrap().to_string();
    assert!(id_line.starts_with("id = "), "{id_line}");
    for n in 0..10 {
        let id = format!("X{n}");
        site.write(
            &format!("content/recommendations/{id}.md"),
            &r1.replacen(&id_line, &format!("id = \"{id}\""), 1),
        );
    }
    let settings = site.read("site.toml");
    site.write(
        "site.toml",
        &format!("{settings}\n[lists]\npage_size = 10\n"),
    );
    site
}

/// The files of a build and its warnings.
type Built = (BTreeMap<String, Vec<u8>>, Vec<String>);

/// Every file of a fresh build of `site` (into a temporary folder), or the build's problems.
fn full_build(site: &Site, review: bool) -> Result<Built, Vec<String>> {
    let out = tempfile::tempdir().unwrap();
    let built = opvolg::build(&opvolg::BuildOptions {
        root: site.root().to_path_buf(),
        output: Some(out.path().join("site")),
        review,
    });
    match built {
        Ok(report) => {
            let mut files = snapshot(&out.path().join("site"));
            files.remove(opvolg::write::MARKER);
            Ok((files, report.warnings.lines()))
        }
        Err(opvolg::Failure::Content(report)) => Err(report.lines()),
        Err(other) => panic!("{other:?}"),
    }
}

/// Asserts that the preview serves exactly what a fresh build of the same files gives, or,
/// when that build fails, that it shows the same problems.
fn assert_served_as_built(
    preview: &Preview,
    site: &Site,
    review: bool,
    context: &dyn Fn() -> String,
) {
    match full_build(site, review) {
        Ok((files, warnings)) => {
            assert_eq!(preview.problems(), None, "{}", context());
            assert_eq!(preview.report().lines(), warnings, "{}", context());
            let differ: Vec<&String> = files
                .iter()
                .filter(|(path, bytes)| preview.get(path) != Got::File(bytes.to_vec()))
                .map(|(path, _)| path)
                .collect();
            assert!(
                differ.is_empty(),
                "served pages differ: {differ:?}\n{}",
                context()
            );
        }
        Err(problems) => {
            assert!(preview.problems().is_some(), "{}", context());
            assert_eq!(preview.report().lines(), problems, "{}", context());
        }
    }
}

/// `rounds` random edits of the larger example site (from `seed`, or `OPVOLG_SEED`), each
/// handled by the preview and compared with a full build of the same files.
fn random_edits(review: bool, seed: u64, rounds: usize) {
    let site = larger_than_a_page();
    let original = larger_than_a_page();
    let preview = Preview::open(site.root(), opvolg::render::RenderOptions { review }).unwrap();
    let mut editor = Editor {
        rng: fastrand::Rng::with_seed(
            std::env::var("OPVOLG_SEED")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(seed),
        ),
        count: 0,
    };
    let mut history = Vec::new();
    let (mut failed, mut kept_total) = (0, 0);
    for round in 0..rounds {
        let errors: Vec<(String, String)> = preview
            .report()
            .diagnostics
            .iter()
            .filter(|d| d.severity == opvolg::diag::Severity::Error)
            .map(|d| (d.path.clone(), d.to_string()))
            .collect();
        let (paths, what) = if !errors.is_empty() && editor.rng.u8(..10) < 6 {
            editor.repair(&site, original.root(), &errors)
        } else {
            editor.edit(&site, original.root())
        };
        if std::env::var("OPVOLG_TRACE").is_ok() {
            eprintln!("round {round}: {what}");
        }
        history.push(what);
        // What the preview kept of the last round's pages (all of them were asked for).
        preview.change(paths);
        if preview.problems().is_some() {
            failed += 1;
        } else {
            kept_total += preview.kept();
        }
        let context = || format!("after round {round}: {}", history.join("; "));
        assert_served_as_built(&preview, &site, review, &context);
    }
    // The walk went through errors, and a change kept most pages: dependencies are not
    // simply "everything".
    assert!(
        failed >= rounds / 24,
        "{failed} rounds with errors; history: {}",
        history.join("; ")
    );
    assert!(
        kept_total > 0,
        "the preview never kept a page across a change"
    );
}

/// A cycle of `part_of` closed by a change far up the chain is found after that change alone,
/// at every recommendation in it, as a full check finds it; and gone once it is opened again.
#[test]
fn a_cycle_of_parts_closed_up_the_chain_is_found_by_an_update() {
    let site = Site::example();
    let mut project = opvolg::project::Project::open_with(site.root(), Default::default()).unwrap();
    let mut set_parent = |id: &str, parent: Option<&str>| {
        let path = format!("content/recommendations/{id}.md");
        let text = site.read(&path);
        let without: String = text
            .lines()
            .filter(|l| !l.starts_with("part_of = "))
            .map(|l| format!("{l}\n"))
            .collect();
        let with = match parent {
            Some(parent) => without.replacen(
                "topics = [",
                &format!("part_of = \"{parent}\"\ntopics = ["),
                1,
            ),
            None => without,
        };
        site.write(&path, &with);
        project.update(&[path]).unwrap();
        let full = match opvolg::check(site.root()) {
            Ok(report) => report.warnings.lines(),
            Err(opvolg::Failure::Content(report)) => report.lines(),
            Err(other) => panic!("{other:?}"),
        };
        let incremental = project.diagnostics().into_report().lines();
        assert_eq!(incremental, full, "after {id} part of {parent:?}");
        incremental
            .iter()
            .filter(|l| l.contains("part_of makes a cycle"))
            .count()
    };
    assert_eq!(set_parent("R1", Some("R2")), 0);
    assert_eq!(set_parent("R2", Some("R3")), 0);
    assert_eq!(set_parent("R3", Some("R1")), 3);
    assert_eq!(set_parent("R3", None), 0);
}

/// The figures file at `path` with the value of its first row set to `value` (as written:
/// `12,5` breaks it), in CRLF lines as a spreadsheet saves them.
fn set_first_value(site: &Site, path: &str, value: &str) {
    let edited: Vec<String> = site
        .read(path)
        .lines()
        .enumerate()
        .map(|(i, line)| match line.rsplit_once(';') {
            Some((head, _)) if i == 1 => format!("{head};{value}"),
            _ => line.to_string(),
        })
        .collect();
    site.write(path, &(edited.join("\r\n") + "\r\n"));
}
