//! opvolg: a static site generator for the follow-up of recommendations.
//!
//! The pipeline, one module per stage:
//! `load` (disk → text) → `parse` (text → raw records) → `validate` (raw → [`model::Site`])
//! → `render` (site + theme → files) → `write` (files → disk, all or nothing).
//! This module wires the stages together and decides nothing about content itself.

pub mod date;
pub mod diag;
pub mod embedded;
pub mod fsx;
#[doc(hidden)]
pub mod fuzz_checks;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod paths;
pub mod render;
pub mod scaffold;
#[doc(hidden)]
pub mod synthetic;
pub mod validate;
pub mod write;

use diag::{Diagnostics, Report};
use std::path::PathBuf;

/// What to build, and where.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site root: the folder holding site.toml.
    pub root: PathBuf,
    /// The output folder; `<root>/output` when not given.
    pub output: Option<PathBuf>,
}

impl BuildOptions {
    pub fn output_folder(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("output"))
    }
}

/// Why a command failed.
#[derive(Debug)]
pub enum Failure {
    /// The content (or theme) has errors; warnings are included.
    Content(Report),
    /// The command cannot run as asked: a missing site root, a refused output folder.
    Usage(String),
    /// Reading or writing failed for a reason outside the content.
    Io(String),
}

/// A validated site that rendered without errors (the files were not kept).
pub struct Checked {
    pub site: model::Site,
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
    let (site, theme, diags) = prepare(root)?;
    let (stats, diags) = render(&site, &theme, diags, &|_| Ok(()), &|_, _| {})?;
    Ok(Checked {
        site,
        stats,
        warnings: diags.into_report(),
    })
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
    write::check_output_folder(&options.root, &output)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let (site, theme, diags) = prepare(&options.root)?;
    let staging = write::Staging::begin(&output).map_err(write_failure)?;
    let sink = |file: render::OutputFile| staging.write(&file).map_err(|e| e.to_string());
    let (stats, diags) = match render(&site, &theme, diags, &sink, progress) {
        Ok(rendered) => rendered,
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
        warnings: diags.into_report(),
    })
}

fn write_failure(e: write::WriteError) -> Failure {
    match e {
        write::WriteError::Refused(why) => Failure::Usage(why),
        write::WriteError::Io(e) => Failure::Io(e.to_string()),
    }
}

/// Load, parse, validate and compile the theme: everything before rendering.
fn prepare(root: &std::path::Path) -> Result<(model::Site, render::Theme, Diagnostics), Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "the site folder {} does not exist",
            root.display()
        )));
    }
    let mut diags = Diagnostics::default();
    let sources = load::load_sources(root).map_err(|e| Failure::Io(e.to_string()))?;
    let site = validate::validate(sources, &mut diags);
    let theme = match &site {
        Some(site) => compile_theme(root, &site.config, &mut diags)?,
        None => None,
    };
    match (site, theme) {
        (Some(site), Some(theme)) if !diags.has_errors() => Ok((site, theme, diags)),
        _ => Err(Failure::Content(diags.into_report())),
    }
}

/// Renders every page into `sink`; template errors come back with the warnings found before.
fn render(
    site: &model::Site,
    theme: &render::Theme,
    mut diags: Diagnostics,
    sink: render::Sink,
    progress: render::Progress,
) -> Result<(render::RenderStats, Diagnostics), Failure> {
    let cache = render::ChartCache::default();
    let jobs = render::Job::all(site);
    let rendered =
        render::render(site, theme, &cache, &jobs, sink, progress).map_err(Failure::Io)?;
    diags.extend(rendered.diagnostics());
    if diags.has_errors() {
        return Err(Failure::Content(diags.into_report()));
    }
    Ok((rendered.stats, diags))
}

fn compile_theme(
    root: &std::path::Path,
    config: &model::SiteConfig,
    diags: &mut Diagnostics,
) -> Result<Option<render::Theme>, Failure> {
    // Validation has checked that the theme's folder exists; if it vanished since, the theme
    // is missing as far as this build is concerned.
    let files =
        load::load_theme(root, &config.theme, diags).map_err(|e| Failure::Io(e.to_string()))?;
    Ok(files.and_then(|files| render::Theme::compile(&files, config.language, diags)))
}
