//! A site held in memory: loaded, validated and ready to render, and kept up to date when
//! files change. `build` and `check` open one and render everything; `serve` keeps one open
//! and, after each change, renders again only the jobs the change made dirty.
//!
//! Owns the order of the stages (load → validate → theme → render) and what survives between
//! changes: the validation (per file), the compiled theme, the drawn charts, and the problems
//! each render job met. It decides nothing about content (that is `validate`) or about which
//! pages depend on what (that is `render::deps`), and it never writes output.

use crate::diag::Diagnostics;
use crate::failure::{Failure, IoFailure, Usage};
use crate::load::{self, Kind};
use crate::model::{Language, Site};
use crate::render::deps::{self, Dirty};
use crate::render::{self, Job, RenderOptions, Rendered, Sink, Theme};
use crate::validate::Validation;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A site in memory.
pub struct Project {
    root: PathBuf,
    options: RenderOptions,
    validation: Validation,
    theme: Option<CompiledTheme>,
    theme_diagnostics: Diagnostics,
    /// A theme file changed while the site had errors: compile again once it has none.
    theme_stale: bool,
    /// The problems each job met when it last ran against `current`.
    render_problems: BTreeMap<Job, Diagnostics>,
    /// What pages are rendered from: the last site and theme without errors.
    current: Option<Snapshot>,
    /// Opened with [`Project::open_once`]: the files' texts are gone, no update can follow.
    once: bool,
}

struct CompiledTheme {
    name: String,
    language: Language,
    theme: Arc<Theme>,
}

/// A valid site with its theme: everything needed to render any page.
#[derive(Clone)]
pub struct Snapshot {
    pub site: Arc<Site>,
    pub theme: Arc<Theme>,
    pub options: RenderOptions,
}

impl Snapshot {
    /// Renders `jobs` into `sink`; `Err` when the sink failed.
    pub fn render(
        &self,
        jobs: &[Job],
        sink: Sink,
        progress: render::Progress,
    ) -> std::io::Result<Rendered> {
        render::render(&self.site, &self.theme, self.options, jobs, sink, progress)
    }
}

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// The site now has errors; pages still render from the last valid site.
    Failed,
    /// The site is valid; these jobs must be rendered again (and jobs of items that are gone
    /// made files that are gone).
    Dirty(Dirty),
}

impl Project {
    /// Loads and validates the site in `root` and compiles its theme.
    pub fn open(root: &Path) -> Result<Project, Failure> {
        Project::open_with(root, RenderOptions::default())
    }

    /// [`Project::open`], rendering with `options` (a review copy, for one).
    pub fn open_with(root: &Path, options: RenderOptions) -> Result<Project, Failure> {
        Project::open_validated(root, options, false)
    }

    fn open_validated(root: &Path, options: RenderOptions, once: bool) -> Result<Project, Failure> {
        if !load::is_site_folder(root) {
            return Err(Usage::NoSiteFolder(root.to_path_buf()).into());
        }
        let sources = load::load_sources(root).map_err(io_failure)?;
        let mut project = Project {
            root: root.to_path_buf(),
            options,
            validation: if once {
                Validation::new_once(sources)
            } else {
                Validation::new(sources)
            },
            theme: None,
            theme_diagnostics: Diagnostics::default(),
            theme_stale: true,
            render_problems: BTreeMap::new(),
            current: None,
            once,
        };
        project.refresh_theme()?;
        project.current = project.valid_snapshot();
        Ok(project)
    }

    /// Opens the site for rendering once (`build`, `check`): nothing is kept for updates.
    pub fn open_once(root: &Path, options: RenderOptions) -> Result<Project, Failure> {
        Project::open_validated(root, options, true)
    }

    /// Takes the paths (relative to the site root) of files or folders that changed, were
    /// added or were removed, and brings the site up to date, re-checking only what depends on
    /// them. Paths outside site.toml, content/, data/ and themes/ are ignored.
    pub fn update(&mut self, changed: &[String]) -> Result<Update, Failure> {
        if self.once {
            return Err(Usage::UpdateAfterOnce.into());
        }
        let mut theme_changed = false;
        let mut files = BTreeSet::new();
        for path in changed {
            let path = path.trim_end_matches('/');
            if path == "themes" || path.starts_with("themes/") {
                theme_changed = true;
                continue;
            }
            // A folder stands for every file that was or is under it.
            let prefix = format!("{path}/");
            files.extend(
                self.validation
                    .paths()
                    .filter(|known| known.starts_with(&prefix))
                    .map(String::from),
            );
            files.extend(load::files_at(&self.root, path).map_err(io_failure)?);
        }
        let changes = files
            .into_iter()
            .filter(|path| Kind::of(path).is_some())
            .map(|path| {
                let input = load::load_file(&self.root, &path);
                (path, input)
            })
            .collect();
        self.validation
            .update(changes, load::theme_folders(&self.root));
        self.theme_stale |= theme_changed;
        let recompiled = self.refresh_theme()?;
        let Some(next) = self.valid_snapshot() else {
            return Ok(Update::Failed);
        };
        let dirty = match &self.current {
            Some(before) if !recompiled => {
                let mut dirty = deps::dirty_jobs(&before.site, &next.site);
                // The review gathers from the whole site.
                if let Dirty::Jobs(jobs) = &mut dirty
                    && self.options.review
                    && !jobs.is_empty()
                {
                    jobs.insert(Job::Review);
                }
                dirty
            }
            _ => Dirty::All,
        };
        match &dirty {
            Dirty::All => self.render_problems.clear(),
            Dirty::Jobs(jobs) => self
                .render_problems
                .retain(|job, _| !jobs.contains(job) && job.exists(&next.site)),
        }
        self.current = Some(next);
        Ok(Update::Dirty(dirty))
    }

    /// The theme last compiled (of the site as it is on disk, or as it last was with a valid
    /// site.toml), for pages that do not need a valid site: the preview's own.
    pub fn theme(&self) -> Option<Arc<Theme>> {
        self.theme.as_ref().map(|t| Arc::clone(&t.theme))
    }

    /// The site and theme to render from, when there is a valid one.
    pub fn snapshot(&self) -> Option<&Snapshot> {
        self.current.as_ref()
    }

    /// Whether the site as it is on disk has errors (in content or theme).
    pub fn has_errors(&self) -> bool {
        self.valid_snapshot().is_none() || self.diagnostics().has_errors()
    }

    /// Every problem of the site as it now is: content and theme, and the template problems
    /// of the jobs rendered since the last change (they belong to the valid site only).
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.validation.diagnostics().clone();
        all.extend(self.theme_diagnostics.clone());
        if !all.has_errors() {
            all.extend(render::merge_problems(self.render_problems.values()));
        }
        all
    }

    /// Renders `jobs` of the current site into `sink` and keeps the problems they met.
    pub fn render(
        &mut self,
        jobs: &[Job],
        sink: Sink,
        progress: render::Progress,
    ) -> Result<render::RenderStats, Failure> {
        let Some(snapshot) = &self.current else {
            return Ok(render::RenderStats::default());
        };
        let rendered = snapshot
            .render(jobs, sink, progress)
            .map_err(IoFailure::Write)?;
        self.record(jobs, rendered.problems);
        Ok(rendered.stats)
    }

    /// Keeps the problems `jobs` met (rendered from the current snapshot elsewhere).
    pub fn record(&mut self, jobs: &[Job], mut problems: BTreeMap<Job, Diagnostics>) {
        for job in jobs {
            match problems.remove(job) {
                Some(found) => self.render_problems.insert(job.clone(), found),
                None => self.render_problems.remove(job),
            };
        }
    }

    /// Every job of the current site.
    pub fn all_jobs(&self) -> Vec<Job> {
        let Some(snapshot) = &self.current else {
            return Vec::new();
        };
        let mut jobs = Job::all(&snapshot.site);
        if self.options.review {
            jobs.push(Job::Review);
        }
        jobs
    }

    /// Compiles the theme again when a theme file changed, or when the settings now name
    /// another theme or language. True when it did.
    fn refresh_theme(&mut self) -> Result<bool, Failure> {
        let Some(site) = self.validation.site() else {
            return Ok(false);
        };
        let config = &site.config;
        let same = self
            .theme
            .as_ref()
            .is_some_and(|t| t.name == config.theme && t.language == config.language);
        if same && !self.theme_stale {
            return Ok(false);
        }
        self.theme_stale = false;
        let mut diags = Diagnostics::default();
        let files = load::load_theme(&self.root, &config.theme, &mut diags).map_err(io_failure)?;
        let theme = files.and_then(|files| Theme::compile(&files, config.language, &mut diags));
        self.theme = theme.map(|theme| CompiledTheme {
            name: config.theme.clone(),
            language: config.language,
            theme: Arc::new(theme),
        });
        self.theme_diagnostics = diags;
        Ok(true)
    }

    fn valid_snapshot(&self) -> Option<Snapshot> {
        let site = self.validation.site()?;
        let theme = self.theme.as_ref()?;
        if self.theme_diagnostics.has_errors() {
            return None;
        }
        Some(Snapshot {
            site: Arc::clone(site),
            theme: Arc::clone(&theme.theme),
            options: self.options,
        })
    }
}

/// The built-in theme in `language`, compiled without a site (the preview's own pages use it
/// while a site has none that compiles).
pub fn built_in_theme(language: Language) -> Option<Theme> {
    let mut diags = Diagnostics::default();
    let files = load::built_in_theme(&mut diags);
    Theme::compile(&files, language, &mut diags)
}

fn io_failure(e: std::io::Error) -> Failure {
    Failure::Io(IoFailure::Read(e))
}
