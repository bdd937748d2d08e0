//! Test helpers: fixture sites copied into temporary folders, builds, and an HTML link checker.

use scraper::{Html, Selector};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The repository root (the example site).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site in a temporary folder: a copy of a fixture under tests/fixtures (which use the
/// built-in theme), or of the example site with its themes/ folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        copy_tree(&repo().join("tests/fixtures").join(name), dir.path());
        Site { dir }
    }

    pub fn example() -> Site {
        let dir = tempfile::tempdir().unwrap();
        for part in ["site.toml", "content", "data", "themes"] {
            let from = repo().join(part);
            if from.is_dir() {
                copy_tree(&from, &dir.path().join(part));
            } else {
                std::fs::copy(&from, dir.path().join(part)).unwrap();
            }
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn output(&self) -> PathBuf {
        self.root().join("output")
    }

    pub fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root().join(rel)).unwrap();
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.root().join(rel)).unwrap()
    }

    /// Replaces `from` by `to` in a file, asserting that `from` was there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    pub fn build(&self) -> Result<opvolg::BuildReport, opvolg::Failure> {
        opvolg::build(&opvolg::BuildOptions {
            root: self.root().to_path_buf(),
            output: None,
            review: false,
        })
    }

    pub fn build_ok(&self) -> opvolg::BuildReport {
        match self.build() {
            Ok(report) => report,
            Err(opvolg::Failure::Content(report)) => {
                panic!("build failed:\n{}", report.lines().join("\n"))
            }
            Err(other) => panic!("build failed: {other:?}"),
        }
    }

    /// The diagnostics of a failing build, as text lines.
    pub fn build_errors(&self) -> Vec<String> {
        match self.build() {
            Ok(_) => panic!("expected the build to fail"),
            Err(opvolg::Failure::Content(report)) => report.lines(),
            Err(other) => panic!("expected content errors, got {other:?}"),
        }
    }

    pub fn page(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// Runs the real binary in this site.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        Command::new(env!("CARGO_BIN_EXE_opvolg"))
            .args(args)
            .current_dir(self.root())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    }
}

/// A generated site of `n` recommendations (see `opvolg::synthetic`) whose lists take pages
/// of `page_size` rows, with a progress report of 15 June 2023, so that the status entries of
/// July and October 2023 are changes since the last report.
pub fn large_site(n: usize, page_size: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    opvolg::synthetic::generate(n, dir.path(), false);
    let settings = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        format!("{settings}\n[lists]\npage_size = {page_size}\n"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/documents/progress.md"),
        "+++\ntitle = \"Voortgangsbrief\"\ndate = 2023-06-15\nkind = \"progress\"\n+++\n## Voortgang\n\nDe stand van zaken.\n",
    )
    .unwrap();
    dir
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).sort_by_file_name() {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, keyed by relative path.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Checks every `href` and `src` in every HTML page under `out` the way a browser opening
/// the files from disk would: relative links must name an existing file (a folder does not
/// resolve to its index.html on file://), and a `#fragment` must be an id in the target page.
/// Returns the broken links, and the pages reachable from index.html by following links.
pub fn check_links(out: &Path) -> (Vec<String>, BTreeSet<String>) {
    let files = snapshot(out);
    let mut ids: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let id_sel = Selector::parse("[id]").unwrap();
    let link_sel = Selector::parse("a[href], link[href], img[src], script[src]").unwrap();
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        ids.insert(
            path.clone(),
            doc.select(&id_sel)
                .filter_map(|e| e.value().attr("id"))
                .map(String::from)
                .collect(),
        );
        let found = doc
            .select(&link_sel)
            .filter(|e| e.value().attr("rel") != Some("canonical"))
            .filter_map(|e| e.value().attr("href").or(e.value().attr("src")))
            .map(String::from)
            .collect();
        links.insert(path.clone(), found);
    }
    let mut broken = Vec::new();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (page, hrefs) in &links {
        for href in hrefs {
            if href.starts_with("http://")
                || href.starts_with("https://")
                || href.starts_with("mailto:")
            {
                continue;
            }
            let (target_path, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (href.as_str(), None),
            };
            // A browser decodes %20 and the like before it looks for the file.
            let target_path = percent_encoding::percent_decode_str(target_path)
                .decode_utf8_lossy()
                .into_owned();
            let target = if target_path.is_empty() {
                page.clone()
            } else {
                resolve(page, &target_path)
            };
            if !files.contains_key(&target) {
                broken.push(format!("{page}: {href} (no file {target})"));
                continue;
            }
            edges
                .entry(page.clone())
                .or_default()
                .insert(target.clone());
            if let Some(fragment) = fragment {
                let known = ids.get(&target).is_some_and(|set| set.contains(fragment));
                if !known {
                    broken.push(format!("{page}: {href} (no id {fragment:?} in {target})"));
                }
            }
        }
    }
    let mut reachable = BTreeSet::new();
    let mut todo = vec!["index.html".to_string()];
    while let Some(page) = todo.pop() {
        if reachable.insert(page.clone()) {
            todo.extend(edges.get(&page).into_iter().flatten().cloned());
        }
    }
    (broken, reachable)
}

/// Resolves a relative URL path against the page's path, both relative to the site root.
fn resolve(page: &str, href: &str) -> String {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for part in href.split('/') {
        match part {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// A running `opvolg serve`; stopped (killed) when dropped, if the test did not stop it.
pub struct Server {
    child: Child,
    pub url: String,
    pub port: u16,
}

impl Server {
    pub fn start(root: &Path) -> Server {
        Server::start_then(root, || {})
    }

    /// Starts serving `root` and calls `meanwhile` at once, while the site is being read.
    pub fn start_then(root: &Path, meanwhile: impl FnOnce()) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_opvolg"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        meanwhile();
        let mut first = String::new();
        BufReader::new(child.stdout.as_mut().unwrap())
            .read_line(&mut first)
            .unwrap();
        // "serving <root> at http://127.0.0.1:PORT/"
        let url = first.trim().rsplit(' ').next().unwrap().to_string();
        let port = url
            .trim_end_matches('/')
            .rsplit(':')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        Server { child, url, port }
    }

    /// GET with a real HTTP client: (status, content type, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .build()
            .into();
        let mut response = agent.get(format!("{}{path}", self.url)).call().unwrap();
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default();
        let body = response.body_mut().read_to_string().unwrap();
        (status, content_type, body)
    }

    /// A request written byte for byte, as an attacker would (clients clean up `..`):
    /// the status line and the whole response.
    pub fn raw(&self, method: &str, target: &str) -> (String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {target} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = String::new();
        stream.read_to_string(&mut response).unwrap();
        let status = response.lines().next().unwrap_or_default().to_string();
        (status, response)
    }

    /// Fetches `path` until `check` holds for its body, or fails after ten seconds.
    pub fn wait_for(&self, path: &str, what: &str, check: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if check(&body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "{path} never showed {what}; last:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Sends Ctrl-C (SIGINT) and waits for the process to end.
    pub fn interrupt(mut self) -> std::process::ExitStatus {
        // SAFETY: kill(2) on our own child's pid, with a valid signal number.
        let sent = unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGINT) };
        assert_eq!(sent, 0, "could not send SIGINT");
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "serve did not stop"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
