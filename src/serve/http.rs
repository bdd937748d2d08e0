//! The preview's HTTP side (axum on tokio): pages rendered on request, the live-reload
//! events, and the problems box.
//!
//! Owns what a request may read: a path is looked up among the files the site generates and
//! nothing else, so no request can reach the file system at all. Paths with `..`, `.`, empty
//! segments, backslashes or encoded slashes are refused before the lookup. Served pages get
//! the live-reload script (its hash, and the event stream, allowed by their
//! Content-Security-Policy) and, while the site has errors, the problems at the top; `build`
//! output never has either.

use super::State;
use super::live::{self, Answer};
use crate::model::Site;
use crate::render::views::Problems;
use crate::render::{Theme, preview};
use axum::Router;
use axum::extract::State as Extract;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use std::convert::Infallible;
use std::sync::{Arc, OnceLock};
use tokio::sync::{broadcast, watch};

/// Where the live-reload events are sent; the name cannot be a file of the site (ids have no
/// leading underscores in folder names).
const EVENTS: &str = "/__opvolg/events";

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
        .fallback(file)
        .with_state(App { state, stopping });
    axum::serve(listener, app)
        .with_graceful_shutdown(async move {
            let _ = tokio::signal::ctrl_c().await;
            let _ = stop.send(true);
        })
        .await
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
    live::read(&state.live).version
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
    let state = Arc::clone(&app.state);
    let path = site_path(uri.path());
    // Made off the async threads: a page not made yet is rendered on this request's thread.
    let served =
        tokio::task::spawn_blocking(move || live::answer(&state.live, path.as_deref())).await;
    let served = match served {
        Ok(served) => served,
        Err(e) => {
            // A panic while making the page: a bug of opvolg's, said as such.
            let text = format!("internal error: making {} failed: {e}", uri.path());
            let mut response = (StatusCode::INTERNAL_SERVER_ERROR, text).into_response();
            response.headers_mut().insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/plain; charset=utf-8"),
            );
            return response;
        }
    };
    let problems = served.problems.clone().map(|text| Problems {
        text,
        last_valid_site: served.snapshot.is_some(),
    });
    let preview = Preview {
        theme: served
            .snapshot
            .as_ref()
            .map(|s| &*s.theme)
            .or(served.theme.as_deref()),
        site: served.snapshot.as_ref().map(|s| &*s.site),
        version: served.version,
        problems: problems.as_ref(),
    };
    let path = &served.path;
    match served.answer {
        Answer::NoSite => preview.page(StatusCode::SERVICE_UNAVAILABLE, path, false),
        Answer::NotFound => preview.page(StatusCode::NOT_FOUND, path, false),
        Answer::Failed(message) => {
            let failed = Problems {
                text: message,
                last_valid_site: false,
            };
            let preview = Preview {
                problems: Some(&failed),
                ..preview
            };
            preview.page(StatusCode::INTERNAL_SERVER_ERROR, path, true)
        }
        Answer::File(bytes) => {
            let content_type = content_type(path);
            if content_type.starts_with("text/html") {
                let html = String::from_utf8_lossy(&bytes);
                return html_response(StatusCode::OK, preview.decorate(&html));
            }
            let mut response = bytes.into_response();
            let headers = response.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&content_type) {
                headers.insert(header::CONTENT_TYPE, value);
            }
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
    }
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

/// What a served page is made with: the theme (none when even the built-in one failed), the
/// site (none while it has never been valid), the version pages reload for, and the site's
/// problems while it has errors.
#[derive(Clone, Copy)]
pub(super) struct Preview<'a> {
    pub theme: Option<&'a Theme>,
    pub site: Option<&'a Site>,
    pub version: u64,
    pub problems: Option<&'a Problems>,
}

impl Preview<'_> {
    /// A page of the preview itself (`not_found.html` of the theme), with `status`.
    fn page(&self, status: StatusCode, path: &str, failed: bool) -> Response {
        let made = self
            .theme
            .ok_or_else(|| "no theme".to_string())
            .and_then(|theme| preview::page(theme, self.site, path, failed));
        match made {
            Ok(html) => html_response(status, self.decorate(&html)),
            Err(_) => self.plain(status),
        }
    }

    /// The problems as plain text, when not even the built-in theme can show them.
    fn plain(&self, status: StatusCode) -> Response {
        let text = self.problems.map_or(String::new(), |p| p.text.clone());
        let mut response =
            (status, format!("opvolg: the site has errors\n\n{text}")).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        response
    }

    /// A served page: the live-reload script, the Content-Security-Policy that allows exactly
    /// it and its event stream, and the theme's box of the problems when the site has errors.
    pub(super) fn decorate(&self, html: &str) -> String {
        let problems = match (self.problems, self.theme) {
            (Some(problems), Some(theme)) => preview::problems(theme, self.site, problems).ok(),
            _ => None,
        };
        decorate(html, self.version, problems.as_deref())
    }
}

/// `html` with the live-reload script (and the Content-Security-Policy that allows exactly it
/// and its event stream) and, right after `<body>`, the box of the problems.
pub(super) fn decorate(html: &str, version: u64, problems: Option<&str>) -> String {
    let mut out = String::with_capacity(html.len() + 1024);
    let mut rest = html;
    const CSP: &str = "http-equiv=\"Content-Security-Policy\" content=\"";
    if let Some(at) = rest.find(CSP) {
        let (before, after) = rest.split_at(at + CSP.len());
        out.push_str(before);
        let policy_end = after.find('"').unwrap_or(after.len());
        // A page with a script of its own (the search page) names it in its `script-src`: the
        // live-reload script joins it there (a second `script-src` would be ignored).
        out.push_str("connect-src 'self'; ");
        match after[..policy_end].find("script-src ") {
            Some(at) => {
                let at = at + "script-src ".len();
                out.push_str(&after[..at]);
                out.push_str(&format!("'{}' ", script_hash()));
                rest = &after[at..];
            }
            None => {
                out.push_str(&format!("script-src '{}'; ", script_hash()));
                rest = after;
            }
        }
    }
    if let (Some(problems), Some(at)) = (problems, rest.find("<body")) {
        let end = rest[at..].find('>').map_or(rest.len(), |i| at + i + 1);
        out.push_str(&rest[..end]);
        out.push('\n');
        out.push_str(problems);
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
    HASH.get_or_init(|| crate::render::theme::csp_hash(LIVE_RELOAD))
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
        let theme =
            crate::project::built_in_theme(crate::model::Language::En).expect("the built-in theme");
        let preview = Preview {
            theme: Some(&theme),
            site: None,
            version: 7,
            problems: Some(&problems),
        };
        let served = preview.decorate(page);
        assert!(served.contains(&format!(
            "content=\"connect-src 'self'; script-src '{}'; default-src 'none'\"",
            script_hash()
        )));
        // A page with a script of its own keeps one script-src, which allows both.
        let search = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-abc' 'strict-dynamic'; form-action 'self'\">";
        assert!(decorate(search, 1, None).contains(&format!(
            "content=\"connect-src 'self'; default-src 'none'; script-src '{}' 'sha256-abc' 'strict-dynamic'; form-action 'self'\"",
            script_hash()
        )));
        assert!(served.contains(&format!(
            "<script data-version=\"7\">{LIVE_RELOAD}</script>"
        )));
        let body = served.find("<body class=\"x\">").unwrap();
        let problems = served.find("opvolg-problems").unwrap();
        assert!(body < problems && problems < served.find("<p>a</p>").unwrap());
        assert!(served.contains("content/a.md:1:1 &lt;bad&gt;"));
        assert!(
            served.contains("the site has errors."),
            "the theme's words: {served}"
        );
        assert!(!decorate(page, 7, None).contains("opvolg-problems"));
    }
}
