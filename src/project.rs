//! A site held in memory: loaded, validated and ready to render, and kept up to date when
//! files change. `build` and `check` open one and render everything; `serve` keeps one open
//! and, after each change, renders again only the jobs the change made dirty.
//!
//! Owns the order of the stages (load → validate → theme → render) and what survives between
//! changes: the validation (per file), the compiled theme, and for each render job the
//! problems it met and what it read of the model (recorded by the renderer as it read). A
//! change makes dirty exactly the jobs whose reads it touched. It decides nothing about
//! content (that is `validate`) and never writes output.

use crate::diag::Diagnostics;
use crate::failure::{Failure, IoFailure, Usage};
use crate::load::{self, Kind};
use crate::model::{Language, Site};
use crate::render::reads::{ReadSet, SiteDiff};
use crate::render::{self, Job, Record, RenderOptions, Rendered, Sink, Theme};
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
    /// What each job read of the model when it last ran, while that is still what it would
    /// read of `current` (a job a change made dirty has none until it runs again).
    reads: BTreeMap<Job, ReadSet>,
    /// What pages are rendered from: the last site and theme without errors.
    current: Option<Snapshot>,
    /// Opened with [`Project::open_once`]: the files' texts are gone, no update can follow.
    once: bool,
    /// A failure of opvolg's own (a panic while updating or rendering), until the next
    /// change: shown as an error so that nobody takes the preview for current.
    internal: Option<String>,
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
        record: Record,
    ) -> std::io::Result<Rendered> {
        render::render(
            &self.site,
            &self.theme,
            self.options,
            jobs,
            sink,
            progress,
            record,
        )
    }
}

/// What a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Update {
    /// The site now has errors; pages still render from the last valid site.
    Failed,
    /// The site is valid, and these jobs may render differently now: what they read
    /// changed, or nothing is known of what they read (new jobs, jobs not rendered since the
    /// last change). Jobs of items that are gone made files that are gone.
    Dirty {
        jobs: BTreeSet<Job>,
        /// Everything rendered before is stale whatever it read: the theme changed, or there
        /// was no valid site before.
        everything: bool,
    },
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
            reads: BTreeMap::new(),
            current: None,
            once,
            internal: None,
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
        self.internal = None;
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
        let all = Job::all(&next.site);
        let everything = recompiled || self.current.is_none();
        if everything {
            self.reads.clear();
            self.render_problems.clear();
        } else if let Some(before) = &self.current {
            let diff = SiteDiff::new(&before.site, &next.site);
            // A job whose reads changed renders differently, and its reads themselves are
            // unknown until it runs again.
            self.reads
                .retain(|job, reads| job.exists(&next.site) && !diff.affects(reads));
        }
        let mut jobs: BTreeSet<Job> = all
            .into_iter()
            .chain(self.options.review.then_some(Job::Review))
            .filter(|job| !self.reads.contains_key(job))
            .collect();
        jobs.retain(|job| job.exists(&next.site));
        let reads = &self.reads;
        self.render_problems
            .retain(|job, _| reads.contains_key(job));
        self.current = Some(next);
        Ok(Update::Dirty { jobs, everything })
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
        self.internal.is_some()
            || self.valid_snapshot().is_none()
            || self.diagnostics().has_errors()
    }

    /// Notes a failure of opvolg's own (a panic), shown with the problems until the next
    /// change.
    pub fn internal_error(&mut self, message: String) {
        self.internal = Some(message);
    }

    /// Every problem of the site as it now is: content and theme, the template problems of
    /// the jobs rendered since the last change (they belong to the valid site only), and a
    /// failure of opvolg's own.
    pub fn diagnostics(&self) -> Diagnostics {
        let mut all = self.validation.diagnostics().clone();
        if let Some(internal) = &self.internal {
            all.error_in_file(
                "(opvolg)",
                format!("internal error in opvolg: {internal}; the preview may be out of date until the next change (please report this)"),
            );
        }
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
        // Rendering once, nobody will ask what the jobs read.
        let record = if self.once {
            Record::Nothing
        } else {
            Record::Reads
        };
        let rendered = snapshot
            .render(jobs, sink, progress, record)
            .map_err(IoFailure::Write)?;
        let stats = rendered.stats;
        self.record(jobs, rendered);
        Ok(stats)
    }

    /// Keeps what `jobs` met and read (rendered from the current snapshot elsewhere, with
    /// their reads recorded).
    pub fn record(&mut self, jobs: &[Job], mut rendered: Rendered) {
        for job in jobs {
            let mut problems = rendered.problems.remove(job).unwrap_or_default();
            problems.extend(rendered.broken_links.remove(job).unwrap_or_default());
            if problems.is_empty() {
                self.render_problems.remove(job);
            } else {
                self.render_problems.insert(job.clone(), problems);
            }
            match rendered.reads.remove(job) {
                Some(reads) => self.reads.insert(job.clone(), reads),
                None => self.reads.remove(job),
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
