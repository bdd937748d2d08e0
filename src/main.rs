//! The `opvolg` command: parses arguments, runs the library, prints diagnostics and chooses
//! the exit code. The only place that prints or exits.

use clap::{Parser, Subcommand};
use opvolg::{BuildOptions, Failure};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Static site generator for the follow-up of recommendations.
#[derive(Parser)]
#[command(name = "opvolg", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into its output folder.
    Build {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: <root>/output; with --review <root>/output-review).
        #[arg(long)]
        output: Option<PathBuf>,
        /// No progress bar (it only shows on a terminal, for builds over a second).
        #[arg(long, short)]
        quiet: bool,
        /// Build a review copy: a banner on every page and review.html, listing what to
        /// check before publication. Never publish it.
        #[arg(long)]
        review: bool,
        /// Print where the time went: reading and checking the site, and each kind of
        /// render job (the time of its jobs added up, and its longest job).
        #[arg(long)]
        timings: bool,
    },
    /// Load and validate the site and its theme; write nothing.
    Check {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also list what a reviewer should check before publication, with file and line.
        #[arg(long)]
        review: bool,
    },
    /// Preview the site while you edit it: serves it on this computer and reloads the open
    /// pages after every change. Writes nothing to disk.
    Serve {
        /// The site folder (holding site.toml).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; the default only lets this computer in.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in your browser.
        #[arg(long)]
        open: bool,
        /// Serve a review copy (a banner on every page and review.html).
        #[arg(long)]
        review: bool,
    },
    /// Create a small, valid starter site in a new (or empty) folder.
    New {
        /// The folder to create.
        dir: PathBuf,
        /// The language of the site's texts.
        #[arg(long, value_enum, default_value = "nl")]
        language: LanguageArg,
    },
    /// Work with the built-in theme.
    Theme {
        #[command(subcommand)]
        action: ThemeAction,
    },
}

#[derive(Subcommand)]
enum ThemeAction {
    /// Write the built-in theme into a new (or empty) folder, to customise it. Put single
    /// files you change under your site's themes/default/ to override just those.
    Export {
        /// The folder to write the theme into (for example mysite/themes/default).
        dir: PathBuf,
    },
    /// Print what templates see: without PAGE the reference of every variable and field
    /// (Markdown); with PAGE the context of that page of the site, as JSON.
    Context {
        /// A page of the site, as its path in the output (recommendations/R1.html).
        page: Option<String>,
        /// The site folder (for PAGE).
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LanguageArg {
    Nl,
    En,
}

// Rendering allocates many short-lived strings on every thread; mimalloc handles that pattern
// much better than the system allocator (measured in bench/run.sh).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXIT_CONTENT: u8 = 1;
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(EXIT_USAGE)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    // A bug must not greet the user with a backtrace: say what happened in one line.
    std::panic::set_hook(Box::new(|info| {
        eprintln!("error: internal error in opvolg: {info}");
    }));
    let result = std::panic::catch_unwind(|| run(cli));
    match result {
        Ok(code) => code,
        Err(_) => {
            eprintln!(
                "error: opvolg stopped on an internal error (a bug); the output folder was not changed. Please report it with the input that caused it."
            );
            ExitCode::from(101)
        }
    }
}

fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build {
            root,
            output,
            quiet,
            review,
            timings,
        } => {
            let started = Instant::now();
            let bar = progress_bar(quiet);
            let progress = Progress {
                bar: &bar,
                started,
                timings: timings.then(Timings::default),
            };
            let result = opvolg::build_with_progress(
                &BuildOptions {
                    root,
                    output,
                    review,
                },
                &progress,
            );
            if let Some(bar) = &bar {
                bar.finish_and_clear();
            }
            let wall = started.elapsed().as_secs_f64();
            match result {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    let index = report.output.join("index.html");
                    println!(
                        "built {} pages, {} charts, {} files in {wall:.2} s",
                        report.pages, report.charts, report.files,
                    );
                    if let Some(timings) = &progress.timings {
                        timings.print(started, wall);
                    }
                    println!("open {}", index.display());
                    if review {
                        println!(
                            "this is a review copy: see {} and do not publish it",
                            report.output.join("review.html").display()
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure),
            }
        }
        Command::Serve {
            root,
            port,
            bind,
            open,
            review,
        } => {
            let options = opvolg::serve::ServeOptions {
                root: root.clone(),
                bind,
                port,
                open,
                review,
            };
            let reporter: opvolg::serve::Reporter = std::sync::Arc::new(move |event| {
                show_serve_event(&root, event);
            });
            match opvolg::serve::serve(&options, reporter) {
                Ok(()) => ExitCode::SUCCESS,
                Err(failure) => fail(failure),
            }
        }
        Command::New { dir, language } => {
            let language = match language {
                LanguageArg::Nl => opvolg::model::Language::Nl,
                LanguageArg::En => opvolg::model::Language::En,
            };
            match opvolg::scaffold::new_site(&dir, language) {
                Ok(files) => {
                    let shown = dir.display();
                    println!("created a new site in {shown} ({} files)", files.len());
                    println!("next:");
                    println!("  opvolg serve --root {shown}    # preview it while you edit");
                    println!(
                        "  opvolg build --root {shown}    # write the site into {}",
                        dir.join("output").display()
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => scaffold_failed(e),
            }
        }
        Command::Theme {
            action: ThemeAction::Export { dir },
        } => match opvolg::scaffold::export_theme(&dir) {
            Ok(files) => {
                println!(
                    "wrote the built-in theme ({} files) to {}",
                    files.len(),
                    dir.display()
                );
                println!(
                    "a site uses it from themes/default/ (every file there replaces the built-in one), or from themes/<name>/ with theme = \"<name>\" in site.toml"
                );
                ExitCode::SUCCESS
            }
            Err(e) => scaffold_failed(e),
        },
        Command::Theme {
            action: ThemeAction::Context { page, root },
        } => match page {
            None => {
                print!("{}", opvolg::render::reference::markdown());
                ExitCode::SUCCESS
            }
            Some(page) => match opvolg::page_context(&root, &page) {
                Ok(context) => {
                    println!("{context}");
                    ExitCode::SUCCESS
                }
                Err(failure) => fail(failure),
            },
        },
        Command::Check { root, review } => match opvolg::check(&root) {
            Ok(checked) => {
                print_diagnostics(&checked.warnings);
                println!(
                    "ok: {} recommendations, {} indicators, {} documents, {} topics",
                    checked.site.recommendations.len(),
                    checked.site.indicators.len(),
                    checked.site.documents.len(),
                    checked.site.topics.len()
                );
                if review {
                    print_review(&checked);
                }
                ExitCode::SUCCESS
            }
            Err(failure) => fail(failure),
        },
    }
}

/// The review's findings and the changes since the last reporting moment, one per line as
/// `file:line: what` in the site's language (as review.html says them), buffered (a large
/// site has thousands).
fn print_review(checked: &opvolg::Checked) {
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in opvolg::render::pages::review::lines(&checked.site, &checked.texts) {
        let _ = writeln!(out, "{line}");
    }
}

/// What `serve` tells the user, as it happens. Output that cannot be written (the terminal
/// went away) is dropped: the preview goes on.
fn show_serve_event(root: &std::path::Path, event: opvolg::serve::ServeEvent) {
    use opvolg::serve::ServeEvent;
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = match event {
        ServeEvent::Listening(url) => writeln!(
            out,
            "serving {} at {url}\nthe pages reload when you save a change; Ctrl-C stops",
            root.display()
        ),
        ServeEvent::Problems(report) => {
            print_diagnostics(&report);
            match report.errors() {
                0 if report.is_empty() => writeln!(out, "no problems"),
                0 => writeln!(out, "no errors"),
                n => writeln!(
                    out,
                    "{n} error(s): every page shows them until they are fixed"
                ),
            }
        }
        ServeEvent::Rebuilt { jobs, millis } => writeln!(
            out,
            "updated in {millis} ms ({jobs} pages and files made again)"
        ),
        ServeEvent::NotWatching(why) => writeln!(
            out,
            "warning: {why}: the preview will not follow your changes; restart `opvolg serve` to see them"
        ),
        ServeEvent::Stopped => writeln!(out, "stopped"),
    };
    let _ = out.flush();
}

/// A progress bar for long builds on a terminal; hidden until the build has taken a second.
fn progress_bar(quiet: bool) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::hidden();
    if let Ok(style) = indicatif::ProgressStyle::with_template("rendering {bar:40} {pos}/{len}") {
        bar.set_style(style);
    }
    Some(bar)
}

/// Prints diagnostics to stderr: coloured on a terminal unless NO_COLOR is set.
fn print_diagnostics(report: &opvolg::diag::Report) {
    use codespan_reporting::term::termcolor::{BufferWriter, ColorChoice};
    use std::io::IsTerminal;
    let colour = std::io::stderr().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let choice = if colour {
        ColorChoice::Auto
    } else {
        ColorChoice::Never
    };
    // Written into one buffer and printed at once: stderr is unbuffered, and a report of
    // thousands of problems would otherwise be thousands of small writes.
    let writer = BufferWriter::stderr(choice);
    let mut buffer = writer.buffer();
    // A failure to write to stderr leaves nothing better to do than carry on to the exit code.
    if report.emit(&mut buffer).is_ok() {
        let _ = writer.print(&buffer);
    }
}

fn scaffold_failed(e: opvolg::scaffold::ScaffoldError) -> ExitCode {
    eprintln!("error: {e}");
    match e {
        opvolg::scaffold::ScaffoldError::NotEmpty(_) => ExitCode::from(EXIT_USAGE),
        opvolg::scaffold::ScaffoldError::Io(_) => ExitCode::from(EXIT_CONTENT),
    }
}

/// What a build tells as it renders: the progress bar, and with `--timings` when each job
/// started and ended.
struct Progress<'b> {
    bar: &'b Option<indicatif::ProgressBar>,
    started: Instant,
    timings: Option<Timings>,
}

/// When each render job started, and per kind of job: how many, their times added up, the
/// longest.
#[derive(Default)]
struct Timings {
    first: std::sync::Mutex<Option<Instant>>,
    /// The peak of memory (MiB) when rendering started: what reading and checking took.
    peak_read: std::sync::Mutex<Option<u64>>,
    running: std::sync::Mutex<std::collections::BTreeMap<opvolg::render::Job, Instant>>,
    kinds: std::sync::Mutex<std::collections::BTreeMap<&'static str, KindTime>>,
    last: std::sync::Mutex<Option<Instant>>,
}

#[derive(Default)]
struct KindTime {
    jobs: usize,
    total: f64,
    longest: f64,
    longest_job: String,
}

impl opvolg::render::Watch for Progress<'_> {
    fn started(&self, job: &opvolg::render::Job) {
        if let Some(timings) = &self.timings {
            let now = Instant::now();
            if let Ok(mut first) = timings.first.lock()
                && first.is_none()
            {
                *first = Some(now);
                if let Ok(mut peak) = timings.peak_read.lock() {
                    *peak = peak_memory_mib();
                }
            }
            if let Ok(mut running) = timings.running.lock() {
                running.insert(job.clone(), now);
            }
        }
    }

    fn finished(&self, job: &opvolg::render::Job, done: usize, total: usize) {
        if let Some(timings) = &self.timings {
            let now = Instant::now();
            let began = timings.running.lock().ok().and_then(|mut r| r.remove(job));
            if let (Some(began), Ok(mut kinds)) = (began, timings.kinds.lock()) {
                let seconds = (now - began).as_secs_f64();
                let kind = kinds.entry(job.kind()).or_default();
                kind.jobs += 1;
                kind.total += seconds;
                if seconds > kind.longest {
                    kind.longest = seconds;
                    kind.longest_job = format!("{job:?}");
                }
            }
            if let Ok(mut last) = timings.last.lock() {
                *last = Some(now);
            }
        }
        if let Some(bar) = self.bar {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
            if self.started.elapsed().as_secs_f64() > 1.0 && bar.is_hidden() {
                bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            }
        }
    }
}

impl Timings {
    fn print(&self, started: Instant, wall: f64) {
        let first = self.first.lock().ok().and_then(|f| *f);
        let last = self.last.lock().ok().and_then(|l| *l);
        let (Some(first), Some(last)) = (first, last) else {
            return;
        };
        let share = |seconds: f64| 100.0 * seconds / wall;
        let reading = (first - started).as_secs_f64();
        let rendering = (last - first).as_secs_f64();
        println!("timings (wall {wall:.2} s):");
        println!(
            "  reading and checking the site   {reading:6.2} s  {:3.0} % of the wall time",
            share(reading)
        );
        println!(
            "  rendering (all jobs)            {rendering:6.2} s  {:3.0} %",
            share(rendering)
        );
        println!(
            "  finishing (the output swapped in) {:4.2} s",
            (wall - reading - rendering).max(0.0)
        );
        let Ok(kinds) = self.kinds.lock() else {
            return;
        };
        let mut kinds: Vec<(&&str, &KindTime)> = kinds.iter().collect();
        kinds.sort_by(|a, b| b.1.total.total_cmp(&a.1.total));
        println!("  render jobs by kind (their times added up over the threads; the longest job):");
        for (kind, time) in &kinds {
            println!(
                "    {kind:36} {:6} jobs {:7.2} s  longest {:.3} s",
                time.jobs, time.total, time.longest
            );
        }
        if let (Some(read), Some(end)) = (
            self.peak_read.lock().ok().and_then(|p| *p),
            peak_memory_mib(),
        ) {
            println!("  peak memory: {read} MiB when rendering started, {end} MiB in all");
        }
        if let Some((kind, time)) = kinds
            .iter()
            .max_by(|a, b| a.1.longest.total_cmp(&b.1.longest))
        {
            println!(
                "  longest single job: {} ({kind}), {:.2} s, {:.0} % of the wall time",
                time.longest_job,
                time.longest,
                share(time.longest)
            );
        }
    }
}

/// The process's peak of resident memory so far, in MiB (Linux: `VmHWM`), for `--timings`.
fn peak_memory_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024)
}

fn fail(failure: Failure) -> ExitCode {
    match failure {
        Failure::Content(report) => {
            print_diagnostics(&report);
            eprintln!(
                "error: {} problem(s) found; nothing was written",
                report.errors()
            );
            ExitCode::from(EXIT_CONTENT)
        }
        Failure::Usage(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_USAGE)
        }
        Failure::Io(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_CONTENT)
        }
    }
}
