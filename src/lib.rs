//! opvolg: a static site generator for the follow-up of recommendations.
//!
//! The pipeline, one module per stage:
//! `load` (disk → text) → `parse` (text → raw records) → `validate` (raw → [`model::Site`])
//! → `render` (site + theme → files) → `write` (files → disk, all or nothing).
//! This module wires the stages together and decides nothing about content itself.

pub mod date;
pub mod diag;
pub mod fsx;
pub mod load;
pub mod markdown;
pub mod model;
pub mod parse;
pub mod render;
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

/// A validated site with its compiled theme, ready to render.
pub struct Checked {
    pub site: model::Site,
    pub theme: render::Theme,
    /// Warnings found while checking (errors would have failed the check).
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

/// Loads and validates the site and its theme; writes nothing.
pub fn check(root: &std::path::Path) -> Result<Checked, Failure> {
    if !root.is_dir() {
        return Err(Failure::Usage(format!(
            "the site folder {} does not exist",
            root.display()
        )));
    }
    let mut diags = Diagnostics::default();
    let sources = load::load_sources(root, &mut diags).map_err(|e| Failure::Io(e.to_string()))?;
    let site = validate::validate(&sources, &mut diags);
    let theme = match &site {
        Some(site) => compile_theme(root, &site.config, &mut diags)?,
        None => None,
    };
    match (site, theme) {
        (Some(site), Some(theme)) if !diags.has_errors() => Ok(Checked {
            site,
            theme,
            warnings: diags.into_report(),
        }),
        _ => Err(Failure::Content(diags.into_report())),
    }
}

fn compile_theme(
    root: &std::path::Path,
    config: &model::SiteConfig,
    diags: &mut Diagnostics,
) -> Result<Option<render::Theme>, Failure> {
    let files =
        load::load_theme(root, &config.theme, diags).map_err(|e| Failure::Io(e.to_string()))?;
    let Some(files) = files else {
        diags.error_in_file(
            "site.toml",
            format!(
                "the theme \"{}\" does not exist: themes/{}/templates/ is missing",
                config.theme, config.theme
            ),
        );
        return Ok(None);
    };
    Ok(render::Theme::compile(&files, config.language, diags))
}

/// Checks, renders and writes the site. The output folder changes only when all succeeded.
pub fn build(options: &BuildOptions) -> Result<BuildReport, Failure> {
    let output = options.output_folder();
    write::check_output_folder(&options.root, &output)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    let checked = check(&options.root)?;
    let mut diags = Diagnostics::default();
    let Some((files, stats)) = render::render_site(&checked.site, &checked.theme, &mut diags)
    else {
        let mut all = checked.warnings;
        all.merge(diags.into_report());
        return Err(Failure::Content(all));
    };
    write::write_site(&output, &files).map_err(|e| match e {
        write::WriteError::Refused(why) => Failure::Usage(why),
        write::WriteError::Io(e) => Failure::Io(e.to_string()),
    })?;
    let mut warnings = checked.warnings;
    warnings.merge(diags.into_report());
    Ok(BuildReport {
        output,
        pages: stats.pages,
        charts: stats.charts,
        files: files.len(),
        warnings,
    })
}
