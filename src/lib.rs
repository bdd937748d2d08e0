//! opvolg: a static site generator for the follow-up of recommendations.
//!
//! The pipeline, one module per stage:
//! `load` (disk → text) → `parse` (text → raw records) → `validate` (raw → [`model::Site`])
//! → `render` (site + theme → files) → `write` (files → disk, all or nothing).
//! This module wires the stages together and decides nothing about content itself.

pub mod date;
pub mod diag;
pub mod embedded;
pub mod failure;
pub mod fsx;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod history;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod paths;
pub mod project;
pub mod render;
pub mod review;
pub mod scaffold;
pub mod serve;
pub mod source;
#[doc(hidden)]
pub mod synthetic;
pub mod validate;
pub mod write;

use diag::Report;
pub use failure::{Failure, IoFailure, Usage};
use std::path::PathBuf;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding site.toml.
    pub root: PathBuf,
    /// The output folder; when not given `<root>/output`, or `<root>/output-review` for a
    /// review copy, so a review copy never lands where the publishable site is.
    pub output: Option<PathBuf>,
    /// Build a review copy (a banner on every page, review.html): never for publication.
    pub review: bool,
}

impl BuildOptions {
    pub fn output_folder(&self) -> PathBuf {
        let default = if self.review {
            "output-review"
        } else {
            "output"
        };
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join(default))
    }
}

/// A validated site that rendered without errors (the files were not kept).
pub struct Checked {
    pub site: model::Site,
    /// The interface texts of the site's language, from its theme.
    pub texts: render::i18n::Translations,
    pub stats: render::RenderStats,
    /// Warnings found on the way (errors would have failed the check).
    pub warnings: Report,
}

/// The result of a successful build.
#[derive(Debug)]
pub struct BuildReport {
    pub output: PathBuf,
    pub pages: usize,
    pub charts: usize,
    pub files: usize,
    pub warnings: Report,
}

/// Loads, validates and renders the site, dropping every rendered file; writes nothing.
/// Rendering is part of the check because only rendering finds template errors such as an
/// unknown variable.
pub fn check(root: &std::path::Path) -> Result<Checked, Failure> {
    let mut project = open(root)?;
    let stats = render_all(&mut project, &render::Discard, &|_, _| {})?;
    let Some(snapshot) = project.snapshot() else {
        return Err(Failure::Content(project.diagnostics().into_report()));
    };
    Ok(Checked {
        site: model::Site::clone(&snapshot.site),
        texts: snapshot.theme.translations().clone(),
        stats,
        warnings: project.diagnostics().into_report(),
    })
}

/// The template context of the page at `path` (as the output has it) of the site in `root`,
/// as pretty JSON: what the theme's template of that page sees.
pub fn page_context(root: &std::path::Path, path: &str) -> Result<String, Failure> {
    let project = open(root)?;
    let Some(snapshot) = project.snapshot() else {
        return Err(Failure::Content(project.diagnostics().into_report()));
    };
    let job = render::Job::for_path(&snapshot.site, path)
        .ok_or_else(|| Usage::NoSuchPage(path.to_string()))?;
    let contexts = render::contexts(&snapshot.site, &snapshot.theme, snapshot.options, &[job]);
    let (_, context) = contexts
        .get(path)
        .ok_or_else(|| Usage::NotAPage(path.to_string()))?;
    Ok(serde_json::to_string_pretty(context).map_err(IoFailure::Json)?)
}

/// Checks, renders and writes the site. The output folder changes only when all succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    build_with_progress(options, &|_, _| {})
}

/// [`build`], telling `progress` (done, total) as rendering goes, from any thread.
pub fn build_with_progress(
    options: &BuildOptions,
    progress: render::Progress,
) -> Result<BuildReport, Failure> {
    let output = options.output_folder();
    let home = std::env::var_os("HOME").map(PathBuf::from);
    write::check_output_folder(&options.root, &output, home.as_deref()).map_err(|e| match e {
        write::WriteError::Refused(why) => Failure::Usage(Usage::OutputRefused(why)),
        write::WriteError::Io(e) => Failure::Io(IoFailure::Write(e)),
    })?;
    let mut project = open_with(
        &options.root,
        render::RenderOptions {
            review: options.review,
        },
    )?;
    let staging = write::Staging::begin(&output).map_err(write_failure)?;
    let stats = match render_all(&mut project, &staging, progress) {
        Ok(stats) => stats,
        Err(failure) => {
            staging.abort();
            return Err(failure);
        }
    };
    staging.commit().map_err(write_failure)?;
    Ok(BuildReport {
        output,
        pages: stats.pages,
        charts: stats.charts,
        files: stats.files,
        warnings: project.diagnostics().into_report(),
    })
}

/// Opens the site: loaded, validated, with its theme compiled; content errors are a failure.
fn open(root: &std::path::Path) -> Result<project::Project, Failure> {
    open_with(root, render::RenderOptions::default())
}

fn open_with(
    root: &std::path::Path,
    options: render::RenderOptions,
) -> Result<project::Project, Failure> {
    let project = project::Project::open_once(root, options)?;
    if project.snapshot().is_none() || project.diagnostics().has_errors() {
        return Err(Failure::Content(project.diagnostics().into_report()));
    }
    Ok(project)
}

/// Renders every page into `sink`; template errors fail with every problem found.
fn render_all(
    project: &mut project::Project,
    sink: render::Sink,
    progress: render::Progress,
) -> Result<render::RenderStats, Failure> {
    let jobs = project.all_jobs();
    let stats = project.render(&jobs, sink, progress)?;
    let diagnostics = project.diagnostics();
    if diagnostics.has_errors() {
        return Err(Failure::Content(diagnostics.into_report()));
    }
    Ok(stats)
}

fn write_failure(e: write::WriteError) -> Failure {
    match e {
        write::WriteError::Refused(why) => Failure::Usage(Usage::OutputRefused(why)),
        write::WriteError::Io(e) => Failure::Io(IoFailure::Write(e)),
    }
}
