//! What the preview serves, apart from how it is carried (`http`): the site pages are made
//! from, the pages made so far, and the answer to a request for a path.
//!
//! A page is made when it is first asked for and kept with what it read of the model (as the
//! renderer recorded it). When a change swaps a new site in, every kept page whose reads the
//! change touched is dropped; the rest are still exactly what the new site would make. A page
//! made from a site that was replaced while it was being made is served once and not kept.
//!
//! Locks are taken through [`read`], [`write`] and [`lock`], which recover from a thread that
//! panicked while holding one: the preview keeps answering, and the panic itself is shown as
//! an internal error (see `serve`).

use crate::paths;
use crate::project::Snapshot;
use crate::render::reads::{ReadSet, SiteDiff};
use crate::render::{Job, OutputFile, Record, Theme, merge_problems};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex, MutexGuard, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// What requests see: the site to render from, and what the pages must show.
pub(crate) struct Live {
    pub snapshot: Option<Snapshot>,
    /// Counts every change the pages must reload for; pages carry the number they were made at.
    pub version: u64,
    /// Counts every swap of `snapshot`: kept pages are of the snapshot with this number.
    pub site_number: u64,
    /// The site's problems as the terminal shows them, when it has errors.
    pub problems: Option<String>,
    /// The theme the preview's own pages are made with while there is no valid site: the
    /// site's, once it compiled, else the built-in one.
    pub theme: Option<Arc<Theme>>,
    /// The pages made since their last change.
    pub cache: Cache,
}

/// The files of one job as made from the current site, with what the job read.
pub(crate) struct Made {
    pub files: Arc<Vec<OutputFile>>,
    reads: ReadSet,
}

/// The jobs rendered since their last change.
#[derive(Default)]
pub(crate) struct Cache(BTreeMap<Job, Made>);

impl Cache {
    pub fn get(&self, job: &Job) -> Option<Arc<Vec<OutputFile>>> {
        self.0.get(job).map(|made| Arc::clone(&made.files))
    }

    #[cfg(test)]
    pub fn contains(&self, job: &Job) -> bool {
        self.0.contains_key(job)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Live {
    pub fn new(snapshot: Option<Snapshot>, theme: Option<Arc<Theme>>) -> Live {
        Live {
            snapshot,
            version: 1,
            site_number: 1,
            problems: None,
            theme,
            cache: Cache::default(),
        }
    }

    /// Swaps `snapshot` in: kept pages that read something the change touched are dropped
    /// (all of them when `everything`: the theme changed). Returns the version the pages must
    /// reload to.
    pub fn swap(&mut self, snapshot: Snapshot, everything: bool) -> u64 {
        match (&self.snapshot, everything) {
            (Some(before), false) => {
                let diff = SiteDiff::new(&before.site, &snapshot.site);
                let site = &snapshot.site;
                self.cache
                    .0
                    .retain(|job, made| job.exists(site) && !diff.affects(&made.reads));
            }
            _ => self.cache.0.clear(),
        }
        self.snapshot = Some(snapshot);
        self.site_number += 1;
        self.problems = None;
        self.version += 1;
        self.version
    }
}

/// What the preview has at a path.
pub(crate) enum Answer {
    /// The site has never been valid: every page is the list of its problems.
    NoSite,
    /// No file of the site is at the path.
    NotFound,
    /// The file, as the site generates it.
    File(Vec<u8>),
    /// The page's template failed (its problems, as the terminal shows them).
    Failed(String),
}

/// An answer, with what a served page is decorated with.
pub(crate) struct Served {
    pub answer: Answer,
    /// The path the answer is for (`index.html` for a folder).
    pub path: String,
    pub snapshot: Option<Snapshot>,
    pub theme: Option<Arc<Theme>>,
    pub version: u64,
    pub problems: Option<String>,
}

/// The answer for the site file at `path` (relative, as `http::site_path` makes it; `None`
/// for a request that names no such path): kept, or made now on this thread and kept while
/// its site is still the current one.
pub(crate) fn answer(live: &RwLock<Live>, path: Option<&str>) -> Served {
    // Read together: the files rendered from this snapshot are kept only while it is still
    // the site's (its number unchanged).
    let (snapshot, site_number, theme, version, problems) = {
        let live = read(live);
        (
            live.snapshot.clone(),
            live.site_number,
            live.theme.clone(),
            live.version,
            live.problems.clone(),
        )
    };
    let mut served = Served {
        answer: Answer::NotFound,
        path: path.unwrap_or(paths::INDEX).to_string(),
        snapshot: snapshot.clone(),
        theme,
        version,
        problems,
    };
    let Some(snapshot) = snapshot else {
        served.answer = Answer::NoSite;
        return served;
    };
    let Some(path) = path else {
        return served;
    };
    let Some(job) = Job::for_path(&snapshot.site, path) else {
        return served;
    };
    let cached = read(live).cache.get(&job);
    let files = match cached {
        Some(files) => files,
        None => match render_job(&snapshot, &job) {
            Ok((files, reads)) => {
                let files = Arc::new(files);
                keep(live, site_number, job, Arc::clone(&files), reads);
                files
            }
            Err(problems) => {
                served.answer = Answer::Failed(problems);
                return served;
            }
        },
    };
    if let Some(file) = files.iter().find(|f| f.path == path) {
        served.answer = Answer::File(file.bytes.clone());
    }
    served
}

/// Keeps the files of `job`, made from the site numbered `site_number`, while that is still
/// the current site.
fn keep(
    live: &RwLock<Live>,
    site_number: u64,
    job: Job,
    files: Arc<Vec<OutputFile>>,
    reads: ReadSet,
) {
    let mut live = write(live);
    if live.site_number == site_number {
        live.cache.0.insert(job, Made { files, reads });
    }
}

/// Renders one job, recording what it reads. `Err` with the problems of its template; links
/// from other pages to anchors it lacks are those pages' problems, not a reason to refuse it.
fn render_job(snapshot: &Snapshot, job: &Job) -> Result<(Vec<OutputFile>, ReadSet), String> {
    let files = Mutex::new(Vec::new());
    let sink = |file: OutputFile| {
        lock(&files).push(file);
        Ok(())
    };
    let mut rendered = snapshot
        .render(std::slice::from_ref(job), &sink, &|_, _| {}, Record::Reads)
        .map_err(|e| e.to_string())?;
    if !rendered.problems.is_empty() {
        let report = merge_problems(rendered.problems.values()).into_report();
        return Err(super::plain_text(&report));
    }
    let reads = rendered.reads.remove(job).unwrap_or_default();
    let files = files.into_inner().unwrap_or_else(|e| e.into_inner());
    Ok((files, reads))
}

/// The lock of `live` for reading, also after a thread panicked holding it.
pub(crate) fn read<T>(lock: &RwLock<T>) -> RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The lock of `live` for writing, also after a thread panicked holding it.
pub(crate) fn write<T>(lock: &RwLock<T>) -> RwLockWriteGuard<'_, T> {
    lock.write()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// A mutex's lock, also after a thread panicked holding it.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 19: a page made from a site that an edit replaced while it was being made is
    /// served once but never kept, or the preview would show the old page until the next edit
    /// of it (the benchmark caught a body edit that never showed).
    #[test]
    fn a_page_made_from_a_replaced_site_is_not_kept() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let root = dir.path().join("site");
        crate::scaffold::new_site(&root, crate::model::Language::En).expect("a starter site");
        let project = crate::project::Project::open_with(&root, Default::default())
            .expect("the starter site opens");
        let snapshot = project.snapshot().cloned().expect("a valid site");
        let live = RwLock::new(Live::new(Some(snapshot.clone()), None));
        let job = Job::Recommendation("A1".into());
        let path = paths::recommendation("A1");
        let (files, reads) = render_job(&snapshot, &job).expect("rendered");
        let files = Arc::new(files);
        assert!(!files.is_empty() && !reads.is_empty());
        // Another thread swaps a site in while this one renders.
        let taken = read(&live).site_number;
        write(&live).swap(snapshot.clone(), true);
        keep(&live, taken, job.clone(), Arc::clone(&files), reads.clone());
        assert!(
            !read(&live).cache.contains(&job),
            "kept a page of a replaced site"
        );
        let current = read(&live).site_number;
        keep(&live, current, job.clone(), files, reads);
        assert!(
            read(&live).cache.contains(&job),
            "the current site's page is kept"
        );
        // And a request answers from the site as it now is, keeping what it made.
        write(&live).swap(snapshot.clone(), true);
        let served = answer(&live, Some(&path));
        assert!(matches!(served.answer, Answer::File(_)));
        assert!(read(&live).cache.contains(&job));
    }

    #[test]
    fn a_lock_poisoned_by_a_panic_still_opens() {
        let live = Arc::new(RwLock::new(1));
        let poisoner = Arc::clone(&live);
        let _ = std::thread::spawn(move || {
            let _guard = poisoner.write().expect("not poisoned yet");
            panic!("a panic while holding the lock");
        })
        .join();
        assert!(live.read().is_err(), "the lock is poisoned");
        assert_eq!(*read(&live), 1);
        *write(&live) = 2;
        assert_eq!(*read(&live), 2);
    }
}
