//! The preview's HTTP side (axum on tokio): pages rendered on request, the live-reload
//! events, and the problems box.
//!
//! Owns what a request may read: a path is looked up among the files the site generates and
//! nothing else, so no request can reach the file system at all. Paths with `..`, `.`, empty
//! segments, backslashes or encoded slashes are refused before the lookup. Served pages get
//! the live-reload script (its hash, and the event stream, allowed by their
//! Content-Security-Policy) and, while the site has errors, the problems at the top; `build`
//! output never has either.

use super::{Live, State};
use crate::render::{Job, OutputFile, merge_problems};
use axum::Router;
use axum::extract::State as Extract;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use std::convert::Infallible;
use std::sync::{Arc, Mutex, OnceLock};
use tokio::sync::{broadcast, watch};

/// Where the live-reload events are sent; the name cannot be a file of the site (ids have no
/// leading underscores in folder names).
const EVENTS: &str = "/__opvolg/events";
const STYLESHEET: &str = "/__opvolg/serve.css";

/// The live-reload script: it knows the version of the site its page was made from (in its
/// `data-version`), and reloads the page when the server announces another one. Inline, so
/// that its hash in the page's Content-Security-Policy allows exactly this script.
const LIVE_RELOAD: &str = "(function () {\
var mine = document.currentScript && document.currentScript.getAttribute(\"data-version\");\
var events = new EventSource(\"/__opvolg/events\");\
events.addEventListener(\"version\", function (event) {\
if (event.data !== mine) { events.close(); location.reload(); }\
});\
})();";

const PROBLEMS_CSS: &str = "body.opvolg-page { margin: 0; font: 1rem/1.5 system-ui, sans-serif; color: #1a1a1a; }\n\
body.opvolg-page main { max-width: 50rem; margin: 0 auto; padding: 1rem 1.25rem; }\n\
.opvolg-problems { margin: 0; padding: 1rem 1.25rem; background: #fff4f4; color: #1a1a1a; border-bottom: 4px solid #b00020; font: 1rem/1.45 system-ui, sans-serif; }\n\
.opvolg-problems pre { margin: 0.5rem 0 0; max-height: 60vh; overflow: auto; white-space: pre-wrap; overflow-wrap: anywhere; font: 0.85rem/1.4 ui-monospace, monospace; }\n\
.opvolg-problems pre:focus { outline: 3px solid #1a1a1a; outline-offset: 2px; }\n";

#[derive(Clone)]
struct App {
    state: Arc<State>,
    stopping: watch::Receiver<bool>,
}

/// Serves until Ctrl-C, then lets open requests finish and ends the event streams.
pub async fn run(listener: tokio::net::TcpListener, state: Arc<State>) -> std::io::Result<()> {
    let (stop, stopping) = watch::channel(false);
    let app = Router::new()
        .route(EVENTS, get(events))
        .route(STYLESHEET, get(stylesheet))
        .fallback(file)
        .with_state(App { state, stopping });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = stop.send(true);
        })
        .await
}

async fn stylesheet() -> Response {
    let mut response = PROBLEMS_CSS.into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    response
}

/// The stream of site versions: the current one at once, then every new one.
async fn events(Extract(app): Extract<App>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = app.state.versions.subscribe();
    let first = current_version(&app.state);
    let stream = futures_util::stream::unfold(
        (Some(first), receiver, app.stopping.clone(), app.state),
        |(first, mut receiver, mut stopping, state)| async move {
            if let Some(version) = first {
                return Some((
                    Ok(version_event(version)),
                    (None, receiver, stopping, state),
                ));
            }
            let version = tokio::select! {
                received = receiver.recv() => match received {
                    Ok(version) => version,
                    // Missed some: the current one is what counts.
                    Err(broadcast::error::RecvError::Lagged(_)) => current_version(&state),
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
                _ = stopping.changed() => return None,
            };
            Some((
                Ok(version_event(version)),
                (None, receiver, stopping, state),
            ))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

fn version_event(version: u64) -> Event {
    Event::default().event("version").data(version.to_string())
}

fn current_version(state: &State) -> u64 {
    state.live.read().map_or(0, |live| live.version)
}

/// Any other request: a file of the site.
async fn file(Extract(app): Extract<App>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut response = StatusCode::METHOD_NOT_ALLOWED.into_response();
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let state = &app.state;
    let (snapshot, version, problems) = match state.live.read() {
        Ok(live) => (live.snapshot.clone(), live.version, live.problems.clone()),
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let problems = problems.map(|text| Problems {
        text,
        last_valid_site: snapshot.is_some(),
    });
    let problems = problems.as_ref();
    let Some(snapshot) = snapshot else {
        // No valid site yet: every page is the list of problems, until they are fixed.
        let html = message_page(
            "en",
            "The site has errors",
            "The pages appear as soon as the errors above are fixed.",
            version,
            problems,
        );
        return html_response(StatusCode::SERVICE_UNAVAILABLE, html);
    };
    let lang = snapshot.site.config.language.code();
    let found = match site_path(uri.path()) {
        Some(path) => Job::for_path(&snapshot.site, &path).map(|job| (path, job)),
        None => None,
    };
    let Some((path, job)) = found else {
        return not_found(lang, version, problems);
    };
    let files = match cached(state, &job) {
        Some(files) => files,
        None => match render_job(state, &snapshot, job).await {
            Ok(files) => files,
            Err(message) => {
                let html = message_page(
                    lang,
                    "This page could not be made",
                    "",
                    version,
                    Some(&Problems {
                        text: message,
                        last_valid_site: false,
                    }),
                );
                return html_response(StatusCode::INTERNAL_SERVER_ERROR, html);
            }
        },
    };
    let Some(file) = files.iter().find(|f| f.path == path) else {
        return not_found(lang, version, problems);
    };
    let content_type = content_type(&path);
    if content_type.starts_with("text/html") {
        let html = String::from_utf8_lossy(&file.bytes);
        return html_response(StatusCode::OK, decorate(&html, version, problems));
    }
    let mut response = file.bytes.clone().into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn cached(state: &State, job: &Job) -> Option<Arc<Vec<OutputFile>>> {
    state.live.read().ok()?.cache.get(job).cloned()
}

/// Renders one job off the async threads and keeps its files, unless the site changed in
/// the meantime. `Err` with the problems when its template failed.
async fn render_job(
    state: &Arc<State>,
    snapshot: &crate::project::Snapshot,
    job: Job,
) -> Result<Arc<Vec<OutputFile>>, String> {
    let site_number = state.live.read().map_or(0, |live| live.site_number);
    let (snapshot, for_job) = (snapshot.clone(), job.clone());
    let rendered = tokio::task::spawn_blocking(move || {
        let files = Mutex::new(Vec::new());
        let sink = |file: OutputFile| {
            files.lock().map_err(|e| e.to_string())?.push(file);
            Ok(())
        };
        let result = snapshot.render(std::slice::from_ref(&for_job), &sink, &|_, _| {});
        (files.into_inner().unwrap_or_default(), result)
    })
    .await
    .map_err(|e| e.to_string())?;
    let (files, result) = rendered;
    let problems = result?.problems;
    if !problems.is_empty() {
        let report = merge_problems(problems.values()).into_report();
        return Err(super::plain_text(&report));
    }
    let files = Arc::new(files);
    if let Ok(mut live) = state.live.write()
        && live.site_number == site_number
    {
        keep(&mut live, job, Arc::clone(&files));
    }
    Ok(files)
}

fn keep(live: &mut Live, job: Job, files: Arc<Vec<OutputFile>>) {
    live.cache.insert(job, files);
}

/// The path of a site file from a request's path (still percent-encoded): `None` for anything
/// that is not a plain relative path inside the site.
pub(super) fn site_path(raw: &str) -> Option<String> {
    let lower = raw.to_ascii_lowercase();
    // An encoded slash, backslash or NUL can only be an attempt to look like something else.
    if ["%2f", "%5c", "%00"].iter().any(|bad| lower.contains(bad)) {
        return None;
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    let rel = decoded.strip_prefix('/')?;
    let (rel, folder) = match rel.strip_suffix('/') {
        Some(folder) => (folder, true),
        None => (rel, rel.is_empty()),
    };
    let mut parts = Vec::new();
    if !rel.is_empty() {
        for part in rel.split('/') {
            if part.is_empty() || part == "." || part == ".." || part.contains(['\\', '\0']) {
                return None;
            }
            parts.push(part);
        }
    }
    if folder {
        parts.push("index.html");
    }
    Some(parts.join("/"))
}

fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let text = mime.type_() == "text" || mime.essence_str() == "application/json";
    if text {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn html_response(status: StatusCode, html: String) -> Response {
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn not_found(lang: &str, version: u64, problems: Option<&Problems>) -> Response {
    let (title, text) = match lang {
        "nl" => (
            "Deze pagina bestaat niet",
            "Ga naar het <a href=\"/index.html\">dashboard</a>.",
        ),
        _ => (
            "This page does not exist",
            "Go to the <a href=\"/index.html\">dashboard</a>.",
        ),
    };
    let html = message_page(lang, title, text, version, problems);
    html_response(StatusCode::NOT_FOUND, html)
}

/// A page of the preview itself (not found, errors), in the theme's stylesheet.
fn message_page(
    lang: &str,
    title: &str,
    text_html: &str,
    version: u64,
    problems: Option<&Problems>,
) -> String {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'\">\n\
         <title>{title}</title>\n<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">\n\
         <link rel=\"stylesheet\" href=\"/static/style.css\">\n</head>\n\
         <body class=\"opvolg-page\">\n<main id=\"main\" class=\"wrap\">\n<h1>{title}</h1>\n<p>{text_html}</p>\n</main>\n</body>\n</html>\n"
    );
    decorate(&page, version, problems)
}

/// The site's problems as a page shows them.
pub(super) struct Problems {
    /// As the terminal shows them.
    pub text: String,
    /// Whether pages show the last valid site (or there has not been one yet).
    pub last_valid_site: bool,
}

/// A served page: the live-reload script, the Content-Security-Policy that allows exactly it
/// and its event stream, and the problems box when the site has errors.
pub(super) fn decorate(html: &str, version: u64, problems: Option<&Problems>) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    const CSP: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    if let Some(at) = rest.find(CSP) {
        let (before, after) = rest.split_at(at + CSP.len());
        out.push_str(before);
        out.push_str(&format!(
            "script-src '{}'; connect-src 'self'; ",
            script_hash()
        ));
        rest = after;
    }
    if let Some(at) = rest.find("</head>") {
        out.push_str(&rest[..at]);
        out.push_str(&format!(
            "<link rel=\"stylesheet\" href=\"{STYLESHEET}\">\n"
        ));
        rest = &rest[at..];
    }
    if let (Some(problems), Some(at)) = (problems, rest.find("<body")) {
        let end = rest[at..].find('>').map_or(rest.len(), |i| at + i + 1);
        let lead = if problems.last_valid_site {
            "What shows below is the last version without them; the page reloads once they are fixed."
        } else {
            "The page reloads once they are fixed."
        };
        out.push_str(&rest[..end]);
        out.push_str(&format!(
            "\n<div class=\"opvolg-problems\" role=\"alert\" lang=\"en\"><p><strong>opvolg: the site has errors.</strong> {lead}</p><pre tabindex=\"0\">{}</pre></div>",
            crate::render::escape_html(problems.text.trim_end())
        ));
        rest = &rest[end..];
    }
    match rest.rfind("</body>") {
        Some(at) => {
            out.push_str(&rest[..at]);
            out.push_str(&format!(
                "<script data-version=\"{version}\">{LIVE_RELOAD}</script>\n"
            ));
            out.push_str(&rest[at..]);
        }
        None => out.push_str(rest),
    }
    out
}

/// `sha256-...` of the live-reload script, for the Content-Security-Policy.
fn script_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        use base64::Engine;
        use sha2::Digest;
        let digest = sha2::Sha256::digest(LIVE_RELOAD.as_bytes());
        format!(
            "sha256-{}",
            base64::engine::general_purpose::STANDARD.encode(digest)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_paths_inside_the_site_are_looked_up() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/recommendations/").as_deref(),
            Some("recommendations/index.html")
        );
        assert_eq!(
            site_path("/documents/annex%201.pdf").as_deref(),
            Some("documents/annex 1.pdf")
        );
        for bad in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/recommendations/..%2fsite.toml",
            "/recommendations%2FR1.html",
            "//etc/passwd",
            "/a/./b",
            "/a\\..\\b",
            "/a%5c..%5cb",
            "/x%00.html",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn served_pages_allow_exactly_the_reload_script() {
        let page = "<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head><body class=\"x\"><p>a</p></body></html>";
        let problems = Problems {
            text: "content/a.md:1:1 <bad>".into(),
            last_valid_site: true,
        };
        let served = decorate(page, 7, Some(&problems));
        assert!(served.contains(&format!(
            "content=\"script-src '{}'; connect-src 'self'; default-src 'none'\"",
            script_hash()
        )));
        assert!(served.contains(&format!(
            "<script data-version=\"7\">{LIVE_RELOAD}</script>"
        )));
        let body = served.find("<body class=\"x\">").unwrap();
        let problems = served.find("opvolg-problems").unwrap();
        assert!(body < problems && problems < served.find("<p>a</p>").unwrap());
        assert!(served.contains("content/a.md:1:1 &lt;bad&gt;"));
        assert!(!decorate(page, 7, None).contains("opvolg-problems"));
    }
}
