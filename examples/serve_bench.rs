//! How fast `opvolg serve` shows an edit, and how much memory it needs while serving.
//!
//! `cargo run --release --example serve_bench -- SITE [EDITS]` (bench/serve.sh runs it on a
//! generated site). Starts `target/release/opvolg serve` on SITE and, as soon as the first page
//! is served (no waiting for the first full check), makes EDITS edits (10 by default) of each
//! kind, each on an item not edited before, and fetches the page that shows it until the new
//! text is in the response: a recommendation's title and its body (its page), an indicator's
//! data (its page), the heading of a document section a recommendation cites (that
//! recommendation's page) and a topic's title (its page). Prints per kind the median and the
//! slowest time from the file write to that first response, and serve's peak memory (VmHWM).
//! The site's files are put back as they were afterwards.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(site) = args.get(1).map(PathBuf::from) else {
        eprintln!("usage: serve_bench SITE [EDITS]");
        std::process::exit(2);
    };
    let edits: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(10);
    let binary = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/opvolg");
    let mut child = Command::new(&binary)
        .args(["serve", "--port", "0", "--root"])
        .arg(&site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start opvolg serve (cargo build --release first)");
    let started = Instant::now();
    let mut line = String::new();
    let mut output = BufReader::new(child.stdout.take().expect("piped"));
    output
        .read_line(&mut line)
        .expect("serve prints its address");
    // Keep reading what serve prints, so that it never waits on a full pipe.
    std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
    let url = line
        .trim()
        .rsplit(' ')
        .next()
        .expect("an address")
        .to_string();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let fetch = |path: &str| -> String {
        agent
            .get(format!("{url}{path}"))
            .call()
            .ok()
            .and_then(|mut r| r.body_mut().read_to_string().ok())
            .unwrap_or_default()
    };
    // Ready once the first page is served; the edits start at once, while serve still
    // renders every page in the background to look for template problems.
    while !fetch("index.html").contains("<h1") {
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "first page served after {:.2} s",
        started.elapsed().as_secs_f64()
    );

    // Every edit from here on comes right after the one before is shown: the first ones
    // while serve still runs its first full check.
    let pid = std::process::id();
    let mut restore: Vec<(PathBuf, String)> = Vec::new();
    let mut kinds: Vec<(&str, Vec<Duration>)> = Vec::new();
    let rec_id = |k: usize| format!("R{:05}", k);
    let rec_path = |id: &str| site.join(format!("content/recommendations/{id}.md"));
    let mut keep = |path: &Path| -> String {
        let text = read(path);
        if !restore.iter().any(|(p, _)| p == path) {
            restore.push((path.to_path_buf(), text.clone()));
        }
        text
    };

    let mut times = Vec::new();
    for n in 0..edits {
        let id = rec_id(100 + 37 * n);
        let path = rec_path(&id);
        let before = keep(&path);
        let marker = format!("Title{n}x{pid}");
        times.push(edit_and_wait(&path, &before, "title = \"", &marker, || {
            fetch(&format!("recommendations/{id}.html"))
        }));
    }
    kinds.push(("recommendation title", times));

    let mut times = Vec::new();
    for n in 0..edits {
        let id = rec_id(200 + 41 * n);
        let path = rec_path(&id);
        let before = keep(&path);
        let marker = format!("Body{n}x{pid}");
        let edited = format!("{before}\n{marker} in a new paragraph.\n");
        times.push(write_and_wait(&path, &edited, &marker, || {
            fetch(&format!("recommendations/{id}.html"))
        }));
    }
    kinds.push(("recommendation body", times));

    let mut times = Vec::new();
    for n in 0..edits {
        let id = format!("i{:05}", 300 + 43 * n);
        let path = site.join(format!("data/indicators/{id}.json"));
        let before = keep(&path);
        // A figure shown as written, in Dutch: 9876500.5 is "9.876.500,5".
        let points = before.find("\"points\"").expect("figures");
        let at = points + before[points..].find("\"value\": ").expect("a figure") + 9;
        let end = at + before[at..].find([',', '}']).expect("its end");
        let edited = format!("{}{}.5{}", &before[..at], 9_876_500 + n, &before[end..]);
        let shown = format!("9.876.{:03},5", 500 + n);
        times.push(write_and_wait(&path, &edited, &shown, || {
            fetch(&format!("indicators/{id}.html"))
        }));
    }
    kinds.push(("indicator data", times));

    let mut times = Vec::new();
    for n in 0..edits {
        // The section the recommendation's answer is in, retitled.
        let id = rec_id(400 + 47 * n);
        let rec = read(&rec_path(&id));
        let target = rec
            .lines()
            .find_map(|l| l.strip_prefix("response_ref = \""))
            .and_then(|r| r.strip_suffix('"'))
            .expect("a response_ref");
        let (doc, anchor) = target.split_once('#').expect("document#anchor");
        let path = site.join(format!("content/documents/{doc}.md"));
        let before = keep(&path);
        let marker = format!("Heading{n}x{pid}");
        let line = before
            .lines()
            .find(|l| l.starts_with("## ") && l.ends_with(&format!("{{#{anchor}}}")))
            .expect("the cited heading");
        let edited = before.replacen(line, &format!("## {marker} {{#{anchor}}}"), 1);
        times.push(write_and_wait(&path, &edited, &marker, || {
            fetch(&format!("recommendations/{id}.html"))
        }));
    }
    kinds.push(("cited document heading", times));

    let mut times = Vec::new();
    let topics = std::fs::read_dir(site.join("content/topics"))
        .map(|d| d.count())
        .unwrap_or(0)
        .max(1);
    for n in 0..edits {
        let id = format!("t{:02}", n % topics);
        let path = site.join(format!("content/topics/{id}.md"));
        let before = read(&path);
        keep(&path);
        let marker = format!("Topic{n}x{pid}");
        times.push(edit_and_wait(&path, &before, "title = \"", &marker, || {
            fetch(&format!("topics/{id}.html"))
        }));
    }
    kinds.push(("topic title", times));

    for (path, text) in &restore {
        std::fs::write(path, text).expect("restore");
    }
    let peak = peak_memory_kib(child.id());
    // SAFETY: kill(2) on our own child's pid, with a valid signal number.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let _ = child.wait();
    for (what, times) in &mut kinds {
        report(what, times);
    }
    println!("serve peak memory (VmHWM): {} MiB", peak / 1024);
    if NEVER_SHOWN.load(std::sync::atomic::Ordering::Relaxed) {
        eprintln!("FAILED: an edit never showed");
        std::process::exit(1);
    }
}

/// Set when an edit did not show within 30 s.
static NEVER_SHOWN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes `original` with `marker` put after `key`, then fetches until the marker is served.
fn edit_and_wait(
    path: &Path,
    original: &str,
    key: &str,
    marker: &str,
    fetch: impl Fn() -> String,
) -> Duration {
    let edited = original.replacen(key, &format!("{key}{marker} "), 1);
    write_and_wait(path, &edited, marker, fetch)
}

/// Writes `edited` to `path`, then fetches until `marker` is served.
fn write_and_wait(path: &Path, edited: &str, marker: &str, fetch: impl Fn() -> String) -> Duration {
    let written = Instant::now();
    std::fs::write(path, edited).expect("write");
    loop {
        if fetch().contains(marker) {
            return written.elapsed();
        }
        if written.elapsed() > Duration::from_secs(30) {
            // Counted as 30 s, said, and the run fails at the end (after the site's files are
            // put back).
            eprintln!("the edit with {marker} never showed in {}", path.display());
            NEVER_SHOWN.store(true, std::sync::atomic::Ordering::Relaxed);
            return written.elapsed();
        }
    }
}

fn report(what: &str, times: &mut [Duration]) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.0} ms, slowest {:.0} ms, fastest {:.0} ms ({} edits, write to first response with the new text)",
        ms(times[times.len() / 2]),
        ms(times[times.len() - 1]),
        ms(times[0]),
        times.len()
    );
}

fn peak_memory_kib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
