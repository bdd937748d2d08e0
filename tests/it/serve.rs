//! `opvolg serve`, end to end: the real binary on a free port, fetched over HTTP. Edits show
//! up, errors show on every page with file:line:column and go away when fixed, nothing outside
//! the site can be read, and Ctrl-C stops it cleanly without leaving files behind.

use crate::support::{Server, snapshot};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} lacks {from:?}");
    // Written the way many editors save: a temporary file renamed over the old one.
    let temporary = path.with_extension("md.tmp~");
    std::fs::write(&temporary, text.replacen(from, to, 1)).unwrap();
    std::fs::rename(&temporary, &path).unwrap();
}

#[test]
fn serve_shows_edits_and_errors_refuses_traversal_and_stops_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    opvolg::scaffold::new_site(&root, opvolg::model::Language::En).unwrap();
    // A secret beside the site.
    std::fs::write(dir.path().join("secret.txt"), "top secret").unwrap();
    let before = snapshot(&root);
    let server = Server::start(&root);

    // Pages over HTTP, with the live-reload script; the right type per file; HEAD.
    let (status, content_type, home) = server.get("");
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/html; charset=utf-8")
    );
    assert!(
        home.contains("new EventSource(\"/__opvolg/events\")"),
        "{home}"
    );
    assert!(home.contains("script-src 'sha256-"), "{home}");
    let (_, css_type, _) = server.get("static/style.css");
    assert_eq!(css_type, "text/css; charset=utf-8");
    let (_, json_type, json) = server.get("indicators/objections-within-period.json");
    assert_eq!(json_type, "application/json; charset=utf-8");
    assert!(json.contains("\"objections-within-period\""));
    // The search page, allowing its own script and the live-reload script in one script-src,
    // and the files of its index.
    let (_, _, search) = server.get("search/index.html");
    assert!(
        search.contains("; script-src 'sha256-") && search.contains("'strict-dynamic'"),
        "{search}"
    );
    assert_eq!(search.matches("script-src").count(), 1, "{search}");
    let (status, js_type, entries) = server.get("search/entries-0.js");
    assert_eq!(status, 200);
    assert!(js_type.contains("javascript"), "{js_type}");
    assert!(
        entries.starts_with("opvolgSearch.entries(0,[{\"kind\":"),
        "{entries}"
    );
    assert_eq!(server.get("search/entries-99.js").0, 404);
    let (head_status, head) = server.raw("HEAD", "/recommendations/A1.html");
    assert!(head_status.contains("200"), "{head}");
    assert!(head.contains("content-length: "), "{head}");
    assert!(!head.contains("<html"), "HEAD has no body: {head}");
    assert!(server.raw("POST", "/index.html").0.contains("405"));
    let (missing_status, _, missing) = server.get("recommendations/A9.html");
    assert_eq!(missing_status, 404);
    assert!(missing.contains("This page does not exist"), "{missing}");

    // A link inside the site that points out is an error (on every page), never read.
    std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("content/leak.txt"))
        .unwrap();
    let body = server.wait_for("index.html", "the link error", |body| {
        body.contains("outside the site folder")
    });
    assert!(body.contains("content/leak.txt"), "{body}");
    // Nothing outside the site, however the path is written.
    for target in [
        "/../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/recommendations/..%2f..%2fsite.toml",
        "/recommendations/%2e%2e/%2e%2e/secret.txt",
        "/..\\site.toml",
        "//etc/passwd",
        "/site.toml",
        "/content/recommendations/A1.md",
        "/leak.txt",
        "/../secret.txt",
    ] {
        let (status, response) = server.raw("GET", target);
        assert!(status.contains("404"), "{target}: {status}");
        assert!(
            !response.contains("top secret") && !response.contains("as_of ="),
            "{target} leaked: {response}"
        );
    }

    std::fs::remove_file(root.join("content/leak.txt")).unwrap();
    server.wait_for("index.html", "the site without the link", |body| {
        !body.contains("opvolg-problems")
    });

    // An edit shows up.
    edit(
        &root,
        "content/recommendations/A1.md",
        "title = \"Decide on objections",
        "title = \"Decide promptly on objections",
    );
    server.wait_for("recommendations/A1.html", "the new title", |body| {
        body.contains("Decide promptly on objections")
    });

    // An error shows on every page, with file:line:column, until it is fixed.
    edit(
        &root,
        "content/recommendations/A2.md",
        "state = \"in_progress\"",
        "state = \"in_progres\"",
    );
    for page in [
        "index.html",
        "recommendations/A1.html",
        "topics/communication.html",
    ] {
        let body = server.wait_for(page, "the error", |body| body.contains("opvolg-problems"));
        assert!(
            body.contains("┌─ content/recommendations/A2.md:29:9"),
            "{page}: {body}"
        );
        assert!(
            body.contains("unknown state &quot;in_progres&quot;"),
            "{body}"
        );
    }
    let (_, _, missing) = server.get("no-such-page.html");
    assert!(
        missing.contains("content/recommendations/A2.md:29:9"),
        "404 too: {missing}"
    );
    edit(
        &root,
        "content/recommendations/A2.md",
        "state = \"in_progres\"",
        "state = \"partially_implemented\"",
    );
    let fixed = server.wait_for("recommendations/A2.html", "the fix", |body| {
        !body.contains("opvolg-problems") && body.contains("state-partially_implemented")
    });
    assert!(fixed.contains("<h1>"));

    // The reload events: the current version at once.
    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        events,
        "GET /__opvolg/events HTTP/1.1\r\nHost: localhost\r\n\r\n"
    )
    .unwrap();
    let mut received = vec![0; 4096];
    let n = events.read(&mut received).unwrap();
    let received = String::from_utf8_lossy(&received[..n]);
    assert!(received.contains("text/event-stream"), "{received}");

    // Ctrl-C: a clean stop (with an event stream still open), and the site as it was but for
    // the two edits: no output folder, no temporary files.
    let status = server.interrupt();
    assert!(status.success(), "{status:?}");
    drop(events);
    let after = snapshot(&root);
    let changed: Vec<&String> = after
        .keys()
        .chain(before.keys())
        .filter(|p| before.get(*p) != after.get(*p))
        .collect();
    assert_eq!(
        changed,
        [
            "content/recommendations/A1.md",
            "content/recommendations/A2.md",
            "content/recommendations/A1.md",
            "content/recommendations/A2.md"
        ]
    );
}

/// Issue 20: the preview's own pages and its box of errors were written in Rust in two
/// languages; they are the theme's templates and texts now, so a site's texts change them.
#[test]
fn the_previews_own_pages_are_the_themes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    opvolg::scaffold::new_site(&root, opvolg::model::Language::Nl).unwrap();
    std::fs::create_dir_all(root.join("themes/default/i18n")).unwrap();
    std::fs::write(
        root.join("themes/default/i18n/nl.toml"),
        "[preview]\nnot_found_title = \"Hier is niets\"\nerrors_title = \"Let op: fouten.\"\n",
    )
    .unwrap();
    let server = Server::start(&root);
    let (status, _, missing) = server.get("recommendations/X9.html");
    assert_eq!(status, 404);
    assert!(missing.contains("<h1>Hier is niets</h1>"), "{missing}");
    assert!(missing.contains("<html lang=\"nl\">"), "{missing}");
    // The site's look and menu, and a way back.
    assert!(missing.contains("static/style.css") && missing.contains("Naar het dashboard"));
    let site_toml = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(
        root.join("site.toml"),
        site_toml.replacen("as_of = ", "as_of = 2024-13-01\n# was: ", 1),
    )
    .unwrap();
    let body = server.wait_for("index.html", "the errors box", |body| {
        body.contains("opvolg-problems")
    });
    assert!(body.contains("Let op: fouten."), "{body}");
}

/// Issue 19: an edit made the moment the server answers is shown (nothing is lost while the
/// first check of every page still runs), edits of different kinds follow one another without
/// waiting, and a template problem in a page nobody asked for is still found (by the check that
/// renders every page in the background) and shown on the other pages.
#[test]
fn edits_right_after_start_show_and_the_background_check_finds_template_problems() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    opvolg::scaffold::new_site(&root, opvolg::model::Language::En).unwrap();
    let server = Server::start(&root);
    // No page fetched first: the edit comes while serve starts its check.
    edit(
        &root,
        "content/recommendations/A1.md",
        "title = \"Decide on objections",
        "title = \"Right away: decide on objections",
    );
    server.wait_for("recommendations/A1.html", "the first edit", |body| {
        body.contains("Right away: decide on objections")
    });
    let topic = std::fs::read_dir(root.join("content/topics"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "md"))
        .unwrap();
    let topic_rel = topic.strip_prefix(&root).unwrap().to_str().unwrap();
    let topic_page = format!(
        "topics/{}.html",
        topic.file_stem().unwrap().to_str().unwrap()
    );
    edit(&root, topic_rel, "title = \"", "title = \"Renamed ");
    server.wait_for(&topic_page, "the topic's new title", |body| {
        body.contains("<h1>Renamed ")
    });
    let a2 = root.join("content/recommendations/A2.md");
    let text = std::fs::read_to_string(&a2).unwrap();
    std::fs::write(&a2, format!("{text}\nA paragraph added at once.\n")).unwrap();
    server.wait_for("recommendations/A2.html", "the body edit", |body| {
        body.contains("<p>A paragraph added at once.</p>") && !body.contains("opvolg-problems")
    });

    // The topic template refers to a field that does not exist: only topic pages fail, and
    // the dashboard (which renders fine) shows it without any topic page being asked for.
    let template =
        std::fs::read_to_string(crate::support::repo().join("themes/default/templates/topic.html"))
            .unwrap();
    assert!(template.contains("{{ page.title }}</h1>"));
    std::fs::create_dir_all(root.join("themes/default/templates")).unwrap();
    std::fs::write(
        root.join("themes/default/templates/topic.html"),
        template.replacen("{{ page.title }}</h1>", "{{ page.titel }}</h1>", 1),
    )
    .unwrap();
    let body = server.wait_for("index.html", "the template problem", |body| {
        body.contains("opvolg-problems")
    });
    assert!(
        body.contains("themes/default/templates/topic.html:5:13"),
        "{body}"
    );
    assert!(body.contains("Field `titel` is not defined."), "{body}");
    std::fs::remove_file(root.join("themes/default/templates/topic.html")).unwrap();
    server.wait_for("index.html", "the fixed template", |body| {
        !body.contains("opvolg-problems")
    });
}

/// Issue 25 (c): on a large site, a title edited while `serve` was still reading the site
/// (before it listened) never showed: the files were read before they were watched. Now they
/// are watched first, and an edit made while they are read is read again after.
#[test]
fn an_edit_made_while_serve_reads_a_large_site_shows() {
    let dir = crate::support::large_site(3000, 100);
    let root = dir.path();
    let rec = "content/recommendations/R00007.md";
    let text = std::fs::read_to_string(root.join(rec)).unwrap();
    let server = Server::start_then(root, || {
        // Long enough that the files are read, short of the time a site of 3,000
        // recommendations takes to be checked.
        std::thread::sleep(Duration::from_millis(400));
        std::fs::write(
            root.join(rec),
            text.replacen("title = \"", "title = \"Edited while reading: ", 1),
        )
        .unwrap();
    });
    server.wait_for("recommendations/R00007.html", "the edit", |body| {
        body.contains("Edited while reading: ")
    });
}
