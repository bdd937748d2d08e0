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
mod live;
mod watch;

use crate::diag::Report;
use crate::failure::{Failure, IoFailure, Usage};
use crate::model::Language;
use crate::project::{Project, Update};
use crate::render::{Job, OutputFile, Record, RenderOptions, Theme};
use live::{Live, lock, write};
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

pub(crate) struct State {
    pub live: RwLock<Live>,
    /// Tells open pages the new `version`.
    pub versions: broadcast::Sender<u64>,
}

/// The project and what the preview knows of its health.
struct Site {
    root: PathBuf,
    options: RenderOptions,
    project: Project,
    /// A thread panicked while it worked on the project (a bug of opvolg's): it may be
    /// half-updated, so the next change reads the site afresh.
    broken: bool,
}

/// Serves the site until Ctrl-C.
pub fn serve(options: &ServeOptions, report: Reporter) -> Result<(), Failure> {
    if !crate::load::is_site_folder(&options.root) {
        return Err(Usage::NoSiteFolder(options.root.clone()).into());
    }
    // Watching starts before the site is read: an edit made while it is read (seconds, on a
    // large site) is seen and read again after, never lost.
    let watching = {
        let report = Arc::clone(&report);
        watch::start(&options.root, &move |why: String| {
            report(ServeEvent::NotWatching(why))
        })
    };
    let render_options = RenderOptions {
        review: options.review,
    };
    let project = Project::open_with(&options.root, render_options)?;
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
        live: RwLock::new(Live::new(
            project.snapshot().cloned(),
            preview_theme(&project),
        )),
        versions,
    });
    let url = format!("http://{local}/");
    report(ServeEvent::Listening(url.clone()));
    let site = Arc::new(Mutex::new(Site {
        root: options.root.clone(),
        options: render_options,
        project,
        broken: false,
    }));
    let stop = Arc::new(AtomicBool::new(false));

    // Two threads: one follows the files and swaps each change in (the pages answer from then
    // on, rendered on request); the other renders the jobs a change made dirty, only to find
    // template problems, so a long page (the dashboard of a large site) never delays the next
    // change nor the page that was asked for.
    let shown = Arc::new(Mutex::new(Vec::new()));
    let (to_check, checks) = std::sync::mpsc::channel::<Check>();
    let checker = {
        let (state, site, stop, report, shown) = (
            Arc::clone(&state),
            Arc::clone(&site),
            Arc::clone(&stop),
            Arc::clone(&report),
            Arc::clone(&shown),
        );
        std::thread::spawn(move || check_renders(&state, &site, &report, &shown, &stop, &checks))
    };
    let worker = {
        let (state, site, stop, report) = (
            Arc::clone(&state),
            Arc::clone(&site),
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
                |paths| {
                    let changes = Changes {
                        state: &state,
                        site: &site,
                        report: &report,
                        shown: &shown,
                        to_check: &to_check,
                    };
                    changes.handle(paths, |project, paths| project.update(paths));
                },
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
    /// Every job (at the start, and after the site was read afresh).
    All,
    /// The jobs a change made dirty.
    Jobs(Vec<Job>),
}

/// The checker thread: renders what it is asked to, without holding the project, and records
/// the problems found (and what each job read) when the site it rendered is still the
/// current one; otherwise the jobs wait for the next round, against the newer site. Requests
/// that arrive while it renders are taken together.
fn check_renders(
    state: &State,
    site: &Mutex<Site>,
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
        let jobs = (!all).then(|| waiting.iter().cloned().collect());
        if !pool.install(|| check_round(site, jobs)) {
            // Rendered against a site that has changed since: again, against the new one.
            continue;
        }
        (all, waiting) = (false, std::collections::BTreeSet::new());
        show_problems(state, &lock(site).project, report, &mut lock(shown), !first);
        first = false;
    }
}

/// Renders `jobs` (every job: `None`) of the current site, without holding the project while
/// it renders, for their template problems and reads, and records them when the site is
/// still the same; false when it changed meanwhile (nothing is recorded then). A panic is a
/// bug of opvolg's, recorded as an internal error.
fn check_round(site: &Mutex<Site>, jobs: Option<Vec<Job>>) -> bool {
    let (snapshot, jobs) = {
        let site = lock(site);
        let jobs = jobs.unwrap_or_else(|| site.project.all_jobs());
        (site.project.snapshot().cloned(), jobs)
    };
    let rendered = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        snapshot.as_ref().and_then(|s| {
            s.render(&jobs, &|_: OutputFile| Ok(()), &|_, _| {}, Record::Reads)
                .ok()
        })
    }));
    let mut site = lock(site);
    let current = match (site.project.snapshot(), &snapshot) {
        (Some(now), Some(then)) => Arc::ptr_eq(&now.site, &then.site),
        (None, None) => true,
        _ => false,
    };
    if !current {
        return false;
    }
    match rendered {
        Ok(Some(rendered)) => site.project.record(&jobs, rendered),
        Ok(None) => {}
        Err(panic) => site
            .project
            .internal_error(format!("rendering panicked: {}", panic_message(&*panic))),
    }
    true
}

/// The preview without its server and threads, for tests: the same handling of a change
/// (update, swap, pages dropped by what they read), the same check of dirty jobs (done at
/// once instead of on a thread), and the same answer to a request (without the live-reload
/// script and problems box an HTTP answer adds).
#[doc(hidden)]
pub struct Preview {
    state: State,
    site: Mutex<Site>,
    shown: Mutex<Vec<String>>,
    checks: std::sync::mpsc::Receiver<Check>,
    to_check: std::sync::mpsc::Sender<Check>,
    report: Reporter,
}

/// What [`Preview::get`] found at a path.
#[doc(hidden)]
#[derive(Debug, PartialEq, Eq)]
pub enum Got {
    File(Vec<u8>),
    NotFound,
    /// The page's template failed, with its problems.
    Failed(String),
    NoSite,
}

impl Preview {
    pub fn open(root: &std::path::Path, options: RenderOptions) -> Result<Preview, Failure> {
        let project = Project::open_with(root, options)?;
        let (versions, _) = broadcast::channel(16);
        let (to_check, checks) = std::sync::mpsc::channel();
        let preview = Preview {
            state: State {
                live: RwLock::new(Live::new(
                    project.snapshot().cloned(),
                    preview_theme(&project),
                )),
                versions,
            },
            site: Mutex::new(Site {
                root: root.to_path_buf(),
                options,
                project,
                broken: false,
            }),
            shown: Mutex::new(Vec::new()),
            checks,
            to_check,
            report: Arc::new(|_| {}),
        };
        check_round(&preview.site, None);
        Ok(preview)
    }

    /// Handles a change of `paths` (relative to the site root) as the server does, then
    /// checks the jobs it made dirty.
    pub fn change(&self, paths: Vec<String>) {
        self.change_with(paths, |project, paths| project.update(paths));
    }

    /// [`Preview::change`] with another update than the project's (to test what a failing
    /// one does).
    pub fn change_with(
        &self,
        paths: Vec<String>,
        update: impl FnOnce(&mut Project, &[String]) -> Result<Update, Failure>,
    ) {
        let changes = Changes {
            state: &self.state,
            site: &self.site,
            report: &self.report,
            shown: &self.shown,
            to_check: &self.to_check,
        };
        changes.handle(paths, update);
        for check in self.checks.try_iter().collect::<Vec<_>>() {
            let jobs = match check {
                Check::All => None,
                Check::Jobs(jobs) => Some(jobs),
            };
            check_round(&self.site, jobs);
        }
        show_problems(
            &self.state,
            &lock(&self.site).project,
            &self.report,
            &mut lock(&self.shown),
            true,
        );
    }

    /// What a request for `path` (relative to the site root, as the output has it) gets.
    pub fn get(&self, path: &str) -> Got {
        match live::answer(&self.state.live, Some(path)).answer {
            live::Answer::File(bytes) => Got::File(bytes),
            live::Answer::NotFound => Got::NotFound,
            live::Answer::Failed(problems) => Got::Failed(problems),
            live::Answer::NoSite => Got::NoSite,
        }
    }

    /// The problems every page shows, when the site has errors.
    pub fn problems(&self) -> Option<String> {
        live::read(&self.state.live).problems.clone()
    }

    /// Every problem of the site as it now is, errors and warnings, as the terminal shows
    /// them.
    pub fn report(&self) -> Report {
        lock(&self.site).project.diagnostics().into_report()
    }

    /// How many jobs' pages the preview keeps.
    pub fn kept(&self) -> usize {
        live::read(&self.state.live).cache.len()
    }
}

/// What handles a change: the preview's state and the threads' channels.
struct Changes<'a> {
    state: &'a State,
    site: &'a Mutex<Site>,
    report: &'a Reporter,
    shown: &'a Mutex<Vec<String>>,
    to_check: &'a std::sync::mpsc::Sender<Check>,
}

impl Changes<'_> {
    /// Handles a change of `paths` (relative to the site root) with `update` (the project's
    /// own, but for tests). A panic in it is a bug of opvolg's: it is shown as an internal
    /// error on every page and in the terminal, and the next change reads the site afresh.
    fn handle(
        &self,
        paths: Vec<String>,
        update: impl FnOnce(&mut Project, &[String]) -> Result<Update, Failure>,
    ) {
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            self.rebuild(&paths, update)
        }));
        let jobs = match outcome {
            Ok(jobs) => jobs,
            Err(panic) => {
                let mut site = lock(self.site);
                site.broken = true;
                let message = format!("updating the site panicked: {}", panic_message(&*panic));
                site.project.internal_error(message);
                show_problems(
                    self.state,
                    &site.project,
                    self.report,
                    &mut lock(self.shown),
                    true,
                );
                0
            }
        };
        (self.report)(ServeEvent::Rebuilt {
            jobs,
            millis: started.elapsed().as_millis(),
        });
    }

    /// Updates the project, swaps the new site in and tells the pages at once; the jobs to
    /// check for template problems go to the checker. Returns how many.
    fn rebuild(
        &self,
        paths: &[String],
        update: impl FnOnce(&mut Project, &[String]) -> Result<Update, Failure>,
    ) -> usize {
        let mut site = lock(self.site);
        let outcome = if site.broken {
            // Read the whole site again: nothing of the half-updated project is trusted.
            match Project::open_with(&site.root, site.options) {
                Ok(project) => {
                    site.project = project;
                    site.broken = false;
                    let _ = self.to_check.send(Check::All);
                    Ok(match site.project.snapshot() {
                        Some(_) => Update::Dirty {
                            jobs: Default::default(),
                            everything: true,
                        },
                        None => Update::Failed,
                    })
                }
                Err(failure) => Err(failure),
            }
        } else {
            update(&mut site.project, paths)
        };
        let update = match outcome {
            Ok(update) => update,
            Err(failure) => {
                // Reading the files failed (a folder vanished mid-change): show it, keep serving.
                set_problems(self.state, Some(failure.to_string()), true);
                return 0;
            }
        };
        let mut jobs = 0;
        if let Update::Dirty {
            jobs: dirty,
            everything,
        } = update
            && let Some(snapshot) = site.project.snapshot().cloned()
        {
            let version = write(&self.state.live).swap(snapshot, everything);
            let _ = self.state.versions.send(version);
            jobs = dirty.len();
            let _ = self.to_check.send(Check::Jobs(dirty.into_iter().collect()));
        }
        show_problems(
            self.state,
            &site.project,
            self.report,
            &mut lock(self.shown),
            true,
        );
        jobs
    }
}

/// The text of a panic's payload.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
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
    if let Some(theme) = project.theme() {
        write(&state.live).theme = Some(theme);
    }
    set_problems(state, text, reload);
    if lines != *shown {
        *shown = lines;
        report(ServeEvent::Problems(report_now));
    }
}

fn set_problems(state: &State, problems: Option<String>, reload: bool) {
    let mut live = write(&state.live);
    if live.problems != problems {
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
