//! Serve: a live preview of the site while it is being edited.
//!
//! Owns the preview's life: open the [`Project`], serve it over HTTP (`http`), watch the
//! site's files (`watch`), and on every change update the project, swap in the new site and
//! tell the open pages to reload. Pages are rendered on request from the current site and kept
//! until a change makes them dirty, so nothing is written to disk: the user's `output/` is
//! never touched. When the site has errors, the last valid site is served with the problems on
//! every page, and the pages reload into the fixed site once they are gone.
//!
//! It prints nothing itself: what happens goes to the caller as [`ServeEvent`]s.

mod http;
mod watch;

use crate::diag::Report;
use crate::failure::{Failure, IoFailure, Usage};
use crate::model::Language;
use crate::project::{Project, Snapshot, Update};
use crate::render::deps::Dirty;
use crate::render::{Job, OutputFile, Theme};
use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};
use tokio::sync::broadcast;

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port.
    pub port: u16,
    /// Open the site in the default browser once it is served.
    pub open: bool,
    /// Serve a review copy (a banner on every page, review.html).
    pub review: bool,
}

/// What happened, for the caller to show.
#[derive(Debug)]
pub enum ServeEvent {
    /// The server is listening at this address.
    Listening(String),
    /// The site's problems (errors and warnings) changed; these are the ones now.
    Problems(Report),
    /// A change was handled: the site was updated and `pages` jobs rendered again.
    Rebuilt { jobs: usize, millis: u128 },
    /// Changes to the site's files will not be seen: the preview shows the site as it was
    /// (the text says why).
    NotWatching(String),
    /// The server stopped (Ctrl-C).
    Stopped,
}

/// Receives [`ServeEvent`]s, from any thread.
pub type Reporter = Arc<dyn Fn(ServeEvent) + Send + Sync>;

/// What requests see: the site to render from, and what the pages must show.
pub(crate) struct Live {
    pub snapshot: Option<Snapshot>,
    /// Counts every change the pages must reload for; pages carry the number they were made at.
    pub version: u64,
    /// Counts every swap of `snapshot`: cached files are of the snapshot with this number.
    pub site_number: u64,
    /// The site's problems as the terminal shows them, when it has errors.
    pub problems: Option<String>,
    /// The theme the preview's own pages are made with while there is no valid site: the
    /// site's, once it compiled, else the built-in one.
    pub theme: Option<Arc<Theme>>,
    /// Files of the jobs rendered since their last change.
    pub cache: BTreeMap<Job, Arc<Vec<OutputFile>>>,
}

pub(crate) struct State {
    pub live: RwLock<Live>,
    /// Tells open pages the new `version`.
    pub versions: broadcast::Sender<u64>,
}

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions, report: Reporter) -> Result<(), Failure> {
    let project = Project::open_with(
        &options.root,
        crate::render::RenderOptions {
            review: options.review,
        },
    )?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(IoFailure::StartServer)?;
    let address = SocketAddr::new(options.bind, options.port);
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(address))
        .map_err(|e| Failure::Usage(Usage::CannotListen { address, source: e }))?;
    let local = listener.local_addr().map_err(IoFailure::StartServer)?;
    let (versions, _) = broadcast::channel(16);
    let state = Arc::new(State {
        live: RwLock::new(Live {
            snapshot: project.snapshot().cloned(),
            version: 1,
            site_number: 1,
            problems: None,
            theme: preview_theme(&project),
            cache: BTreeMap::new(),
        }),
        versions,
    });
    let url = format!("http://{local}/");
    // Watching starts before the first page is served: an edit right after it is not lost.
    let watching = {
        let report = Arc::clone(&report);
        watch::start(&options.root, &move |why: String| {
            report(ServeEvent::NotWatching(why))
        })
    };
    report(ServeEvent::Listening(url.clone()));
    let project = Arc::new(Mutex::new(project));
    let stop = Arc::new(AtomicBool::new(false));

    // Two threads: one follows the files and swaps each change in (the pages answer from then
    // on, rendered on request); the other renders the jobs a change made dirty, only to find
    // template problems, so a long page (the dashboard of a large site) never delays the next
    // change nor the page that was asked for.
    let shown = Arc::new(Mutex::new(Vec::new()));
    let (to_check, checks) = std::sync::mpsc::channel::<Check>();
    let checker = {
        let (state, project, stop, report, shown) = (
            Arc::clone(&state),
            Arc::clone(&project),
            Arc::clone(&stop),
            Arc::clone(&report),
            Arc::clone(&shown),
        );
        std::thread::spawn(move || check_renders(&state, &project, &report, &shown, &stop, &checks))
    };
    let worker = {
        let (state, project, stop, report) = (
            Arc::clone(&state),
            Arc::clone(&project),
            Arc::clone(&stop),
            Arc::clone(&report),
        );
        std::thread::spawn(move || {
            let unwatched = |why: String| report(ServeEvent::NotWatching(why));
            watching.follow(
                &stop,
                unwatched,
                || {
                    let _ = to_check.send(Check::All);
                },
                |paths| rebuild(&state, &project, &report, &shown, &to_check, paths),
            );
        })
    };
    if options.open {
        // A browser that does not open is no reason to stop serving.
        let _ = open::that_detached(&url);
    }
    let served = runtime.block_on(http::run(listener, Arc::clone(&state)));
    stop.store(true, Ordering::Relaxed);
    let _ = worker.join();
    let _ = checker.join();
    report(ServeEvent::Stopped);
    served.map_err(|e| IoFailure::Server(e).into())
}

/// What the checker is to render (output dropped) for template problems.
enum Check {
    /// Every job (at the start).
    All,
    /// The jobs a change made dirty.
    Jobs(Vec<Job>),
}

/// The checker thread: renders what it is asked to, without holding the project, and records
/// the problems found when the site it rendered is still the current one; otherwise the jobs
/// wait for the next round, against the newer site. Requests that arrive while it renders are
/// taken together.
fn check_renders(
    state: &State,
    project: &Mutex<Project>,
    report: &Reporter,
    shown: &Mutex<Vec<String>>,
    stop: &AtomicBool,
    checks: &std::sync::mpsc::Receiver<Check>,
) {
    // Its own threads: on the shared pool its long renders would queue ahead of the work a
    // change and a page request need (reading the change uses the pool), which then waited
    // for the whole check (two seconds for a topic's pages on a large site).
    let threads = std::thread::available_parallelism().map_or(1, |n| (n.get() / 2).max(1));
    let Ok(pool) = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("opvolg-check-{i}"))
        .build()
    else {
        return;
    };
    let (mut all, mut waiting) = (false, std::collections::BTreeSet::new());
    let mut first = true;
    while !stop.load(Ordering::Relaxed) {
        let mut arrived = Vec::new();
        if !all && waiting.is_empty() {
            match checks.recv_timeout(Duration::from_millis(100)) {
                Ok(check) => arrived.push(check),
                Err(_) => continue,
            }
        }
        arrived.extend(checks.try_iter());
        for check in arrived {
            match check {
                Check::All => all = true,
                Check::Jobs(jobs) => waiting.extend(jobs),
            }
        }
        let Some((snapshot, jobs)) = project.lock().ok().map(|p| {
            let jobs: Vec<Job> = if all {
                p.all_jobs()
            } else {
                waiting.iter().cloned().collect()
            };
            (p.snapshot().cloned(), jobs)
        }) else {
            return;
        };
        let rendered = pool.install(|| {
            snapshot
                .as_ref()
                .and_then(|s| s.render(&jobs, &|_: OutputFile| Ok(()), &|_, _| {}).ok())
        });
        let Ok(mut project) = project.lock() else {
            return;
        };
        let current = match (project.snapshot(), &snapshot) {
            (Some(now), Some(then)) => Arc::ptr_eq(&now.site, &then.site),
            (None, None) => true,
            _ => false,
        };
        if !current {
            // Rendered against a site that has changed since: again, against the new one.
            continue;
        }
        if let Some(rendered) = rendered {
            project.record(&jobs, rendered.problems);
        }
        (all, waiting) = (false, std::collections::BTreeSet::new());
        if let Ok(mut shown) = shown.lock() {
            show_problems(state, &project, report, &mut shown, !first);
        }
        first = false;
    }
}

/// Handles a change of `paths` (relative to the site root).
fn rebuild(
    state: &State,
    project: &Mutex<Project>,
    report: &Reporter,
    shown: &Mutex<Vec<String>>,
    to_check: &std::sync::mpsc::Sender<Check>,
    paths: Vec<String>,
) {
    let started = Instant::now();
    let Ok(mut project) = project.lock() else {
        return;
    };
    let update = match project.update(&paths) {
        Ok(update) => update,
        Err(failure) => {
            // Reading the files failed (a folder vanished mid-change): show it, keep serving.
            set_problems(state, Some(failure.to_string()), true);
            return;
        }
    };
    let mut rendered_jobs = 0;
    if let Update::Dirty(dirty) = update {
        let Some(snapshot) = project.snapshot().cloned() else {
            return;
        };
        // Swap the new site in and tell the pages at once; look for template problems after.
        let jobs: Vec<Job> = match &dirty {
            Dirty::All => project.all_jobs(),
            Dirty::Jobs(jobs) => jobs.iter().cloned().collect(),
        };
        if let Ok(mut live) = state.live.write() {
            match &dirty {
                Dirty::All => live.cache.clear(),
                Dirty::Jobs(dirty) => {
                    let site = &snapshot.site;
                    live.cache
                        .retain(|job, _| !dirty.contains(job) && job.exists(site));
                }
            }
            live.snapshot = Some(snapshot.clone());
            live.site_number += 1;
            live.problems = None;
            live.version += 1;
            let _ = state.versions.send(live.version);
        }
        rendered_jobs = jobs.len();
        let _ = to_check.send(Check::Jobs(jobs));
    }
    if let Ok(mut shown) = shown.lock() {
        show_problems(state, &project, report, &mut shown, true);
    }
    report(ServeEvent::Rebuilt {
        jobs: rendered_jobs,
        millis: started.elapsed().as_millis(),
    });
}

/// The theme of the preview's own pages: the site's last compiled one, else the built-in one
/// (in English: without a valid site.toml there is no language to choose).
fn preview_theme(project: &Project) -> Option<Arc<Theme>> {
    project
        .theme()
        .or_else(|| crate::project::built_in_theme(Language::En).map(Arc::new))
}

/// Puts the project's problems on the pages (when there are errors) and in the terminal
/// (when they changed).
fn show_problems(
    state: &State,
    project: &Project,
    report: &Reporter,
    shown: &mut Vec<String>,
    reload: bool,
) {
    let diagnostics = project.diagnostics();
    let has_errors = diagnostics.has_errors();
    let report_now = diagnostics.into_report();
    let lines = report_now.lines();
    let text = has_errors.then(|| plain_text(&report_now));
    if let Some(theme) = project.theme()
        && let Ok(mut live) = state.live.write()
    {
        live.theme = Some(theme);
    }
    set_problems(state, text, reload);
    if lines != *shown {
        *shown = lines;
        report(ServeEvent::Problems(report_now));
    }
}

fn set_problems(state: &State, problems: Option<String>, reload: bool) {
    if let Ok(mut live) = state.live.write()
        && live.problems != problems
    {
        live.problems = problems;
        if reload {
            live.version += 1;
            let _ = state.versions.send(live.version);
        }
    }
}

/// A report as the terminal shows it, without colour.
fn plain_text(report: &Report) -> String {
    let mut out = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
    let _ = report.emit(&mut out);
    String::from_utf8_lossy(&out.into_inner()).into_owned()
}

/// How long a burst of file events is gathered before the site is updated: long enough for
/// an editor's save (write a temporary file, rename it over the old one), short enough that
/// the preview feels immediate.
const DEBOUNCE: Duration = Duration::from_millis(20);
