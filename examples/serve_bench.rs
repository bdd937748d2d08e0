//! How fast `opvolg serve` shows an edit, and how much memory it needs while serving.
//!
//! `cargo run --release --example serve_bench -- SITE [EDITS]` (bench/serve.sh runs it on a
//! generated site). Starts `target/release/opvolg serve` on SITE, then, EDITS times each (10
//! by default): changes a recommendation's title and fetches its page until the new title is
//! in the response, then does the same with an indicator's title and its page. Prints the
//! median and the slowest time from the file write to that first response, and serve's peak
//! memory (VmHWM). The site's files are put back as they were afterwards.

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
    // Ready once the first page is served; then wait for the first full check to finish
    // (it prints nothing, so give it the time a build takes).
    while !fetch("index.html").contains("<h1") {
        std::thread::sleep(Duration::from_millis(50));
    }
    println!(
        "first page served after {:.2} s",
        started.elapsed().as_secs_f64()
    );
    std::thread::sleep(Duration::from_secs(8));

    let rec = site.join("content/recommendations/R00042.md");
    let ind = site.join("data/indicators/i00042.json");
    let (rec_before, ind_before) = (read(&rec), read(&ind));
    let mut rec_times = Vec::new();
    let mut ind_times = Vec::new();
    for n in 0..edits {
        let marker = format!("Edit{n}x{}", std::process::id());
        rec_times.push(edit_and_wait(
            &rec,
            &rec_before,
            "title = \"",
            &marker,
            || fetch("recommendations/R00042.html"),
        ));
        let marker = format!("Figure{n}x{}", std::process::id());
        ind_times.push(edit_and_wait(
            &ind,
            &ind_before,
            "\"title\": \"",
            &marker,
            || fetch("indicators/i00042.html"),
        ));
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(&rec, &rec_before).expect("restore");
    std::fs::write(&ind, &ind_before).expect("restore");
    let peak = peak_memory_kib(child.id());
    // SAFETY: kill(2) on our own child's pid, with a valid signal number.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let _ = child.wait();
    report("recommendation page", &mut rec_times);
    report("indicator page", &mut ind_times);
    println!("serve peak memory (VmHWM): {} MiB", peak / 1024);
}

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
    let written = Instant::now();
    std::fs::write(path, edited).expect("write");
    loop {
        if fetch().contains(marker) {
            return written.elapsed();
        }
        assert!(
            written.elapsed() < Duration::from_secs(30),
            "the edit never showed"
        );
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
