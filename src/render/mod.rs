//! Render: the site model and a compiled theme into output files (paths and bytes).
//!
//! The stage is split by what it owns: `jobs` (which units of work a site has and which files
//! each makes), `theme` (the compiled templates and texts), `views` (the theme contract: what
//! templates see, types only), `pages` (what each page shows, built into those views),
//! `renderer` (running jobs: templates, partials, the sink), `link_check` (anchors that only
//! rendered pages can confirm), and the files that are not pages: `open_data`, `feeds`,
//! `charts` with `svg`. `reads` records what each job reads of the model, the
//! dependencies of incremental rebuilds.
//!
//! Pure: `&Site` and `&Theme` in, files out through a [`Sink`]. It never touches the disk
//! (that is `write`) and never re-validates content (that was `validate`).

pub mod charts;
mod escape;
mod feeds;
pub mod i18n;
mod jobs;
mod link_check;
pub mod open_data;
pub mod options;
pub mod output;
pub mod pages;
pub mod preview;
pub mod reads;
pub mod reference;
mod renderer;
pub mod search_index;
pub mod svg;
pub mod theme;
pub mod views;

pub use escape::escape_html;
pub use jobs::{Job, whole_site_jobs};
pub use options::RenderOptions;
pub use output::{Discard, FileSink, OutputFile, Sink, Stream};
pub use theme::Theme;

use crate::diag::Diagnostics;
use crate::model::Site;
use rayon::prelude::*;
use reads::{ReadSet, Recorder};
use renderer::Renderer;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts for the build summary.
#[derive(Debug, Default, Clone, Copy)]
pub struct RenderStats {
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
}

/// Told as rendering goes, from any thread: when each job starts, and when it is done with
/// (work done, work in all). A closure `|done, total|` is one.
pub trait Watch: Sync {
    fn started(&self, _job: &Job) {}
    fn finished(&self, _job: &Job, _done: usize, _total: usize) {}
}

impl<F: Fn(usize, usize) + Sync> Watch for F {
    fn finished(&self, _: &Job, done: usize, total: usize) {
        self(done, total)
    }
}

/// What a render is told along the way.
pub type Progress<'p> = &'p dyn Watch;

/// Whether a render notes what each job read of the model (for `serve`, which renders again
/// only what a change touched), or not (a build: nobody will ask).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    Reads,
    Nothing,
}

/// What rendering a set of jobs found: counts, the problems of each job that had any, and
/// (when recorded) what each job read.
#[derive(Debug, Default)]
pub struct Rendered {
    pub stats: RenderStats,
    /// Template errors, per job (only jobs with problems appear).
    pub problems: BTreeMap<Job, Diagnostics>,
    /// Links to anchors that a job's pages do not have, found once the pages were rendered:
    /// problems of the links (they are in the files that link), kept with the job of the
    /// page they point at because rendering that page again checks them again. They do not
    /// stop the page itself from being shown.
    pub broken_links: BTreeMap<Job, Diagnostics>,
    /// What each job read of the model (with [`Record::Reads`]).
    pub reads: BTreeMap<Job, ReadSet>,
}

impl Rendered {
    /// Every problem, with each template error once: the same error met on many pages is
    /// reported for the first of those pages in path order, whatever order the threads met it in.
    pub fn diagnostics(&self) -> Diagnostics {
        merge_problems(self.problems.values().chain(self.broken_links.values()))
    }
}

/// Merges per-job problems, keeping one report of each template error (see
/// [`Rendered::diagnostics`]).
pub fn merge_problems<'d>(problems: impl IntoIterator<Item = &'d Diagnostics>) -> Diagnostics {
    let mut all = Diagnostics::default();
    for diags in problems {
        all.extend(diags.clone());
    }
    all.dedup_by_place()
}

/// Renders `jobs` in parallel over the immutable model, handing every file to `sink` as soon
/// as it is made, so the site is never held in memory as a whole. Output bytes do not depend
/// on the order the work happens in. `Err` only when the sink failed (writing); template
/// errors are in [`Rendered::problems`].
#[allow(clippy::too_many_arguments)]
pub fn render(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    jobs: &[Job],
    sink: Sink,
    progress: Progress,
    record: Record,
) -> std::io::Result<Rendered> {
    let renderer = Renderer::new(site, theme, options, sink);
    let (done, total) = (AtomicUsize::new(0), jobs.len());
    let run = |job: &Job| {
        let mut diags = Diagnostics::default();
        let recorder = match record {
            Record::Reads => Recorder::keeping(),
            Record::Nothing => Recorder::off(),
        };
        progress.started(job);
        renderer.run(job, &recorder, &mut diags);
        progress.finished(job, done.fetch_add(1, Ordering::Relaxed) + 1, total);
        let mut reads = recorder.into_reads();
        if record == Record::Reads {
            // Every page shows the base context (`site`): what it read, every job read.
            reads.extend(renderer.base_reads.iter().cloned());
        }
        (job.clone(), diags, reads)
    };
    // One job (a page the preview was asked for) runs on the calling thread: handed to the
    // thread pool it would queue behind whatever long jobs the pool is busy with.
    let ran: Vec<(Job, Diagnostics, ReadSet)> = if jobs.len() == 1 {
        jobs.iter().map(run).collect()
    } else {
        jobs.par_iter().map(run).collect()
    };
    let mut problems = BTreeMap::new();
    let mut reads = BTreeMap::new();
    for (job, diags, read) in ran {
        if !diags.is_empty() {
            problems.insert(job.clone(), diags);
        }
        if record == Record::Reads {
            reads.insert(job, read);
        }
    }
    // Then the links that only rendered pages can confirm.
    let rendered_ids = std::mem::take(
        &mut *renderer
            .rendered_ids
            .lock()
            .map_err(|e| std::io::Error::other(e.to_string()))?,
    );
    let broken_links = link_check::check(site, &rendered_ids);
    if let Some(error) = renderer.io_error.lock().map_or(None, |mut e| e.take()) {
        return Err(error);
    }
    Ok(Rendered {
        stats: RenderStats {
            pages: renderer.pages.load(Ordering::Relaxed),
            charts: renderer.charts.load(Ordering::Relaxed),
            files: renderer.files.load(Ordering::Relaxed),
        },
        problems,
        broken_links,
        reads,
    })
}

/// The template and context of every page `jobs` make, by path, the context as JSON: what
/// the templates see (for the contract's tests and `opvolg theme context PAGE`). Nothing is
/// rendered.
pub fn contexts(
    site: &Site,
    theme: &Theme,
    options: RenderOptions,
    jobs: &[Job],
) -> BTreeMap<String, (&'static str, serde_json::Value)> {
    let mut renderer = Renderer::new(site, theme, options, &Discard);
    renderer.captured = Some(Mutex::new(BTreeMap::new()));
    for job in jobs {
        renderer.run(job, &Recorder::off(), &mut Diagnostics::default());
    }
    renderer
        .captured
        .and_then(|captured| captured.into_inner().ok())
        .unwrap_or_default()
}
