//! Watching the site's files: site.toml, content/, data/ and themes/.
//!
//! Editors save in many ways (in place, or a temporary file renamed over the old one, with
//! swap and backup files on the side), so events are gathered for a short while (debounced),
//! reduced to the paths of the site that changed, and handed over in one batch. The folder
//! itself is watched without recursion (site.toml is often replaced, not written, and
//! content/ may be created later), the three folders with it.

use super::DEBOUNCE;
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

const FOLDERS: [&str; 3] = ["content", "data", "themes"];

/// The site's files, watched: changes from the moment [`start`] returns are kept until
/// [`Watching::follow`] hands them over.
pub struct Watching {
    /// Events name absolute paths; so must the root they are taken relative to.
    root: std::path::PathBuf,
    /// `None` when the files cannot be watched.
    debouncer: Option<Debouncer<RecommendedWatcher, RecommendedCache>>,
    rx: mpsc::Receiver<DebounceEventResult>,
    watched: BTreeSet<&'static str>,
}

/// Starts watching the site at `root`. Called before the preview serves its first page, so
/// an edit made right after that page is never missed. When the files cannot be watched,
/// `unwatched` is told why (the preview then serves the site as it was at the start).
pub fn start(root: &Path, unwatched: &impl Fn(String)) -> Watching {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let mut watched = BTreeSet::new();
    let debouncer = match new_debouncer(DEBOUNCE, None, tx) {
        Ok(mut debouncer) => {
            if let Err(e) = debouncer.watch(&root, RecursiveMode::NonRecursive) {
                unwatched(format!("{} cannot be watched ({e})", root.display()));
            }
            watch_folders(&mut debouncer, &root, &mut watched, unwatched);
            Some(debouncer)
        }
        Err(e) => {
            unwatched(format!("the site's files cannot be watched ({e})"));
            None
        }
    };
    Watching {
        root,
        debouncer,
        rx,
        watched,
    }
}

impl Watching {
    /// Calls `first` (changes during it are kept), then calls `on_change` with the changed
    /// paths (relative to the root) after every burst of changes, until `stop` is set.
    pub fn follow(
        self,
        stop: &AtomicBool,
        unwatched: impl Fn(String),
        first: impl FnOnce(),
        on_change: impl FnMut(Vec<String>),
    ) {
        let Watching {
            root,
            debouncer,
            rx,
            mut watched,
        } = self;
        first();
        let Some(mut debouncer) = debouncer else {
            return;
        };
        follow_events(
            &root,
            &mut debouncer,
            &rx,
            &mut watched,
            stop,
            unwatched,
            on_change,
        );
    }
}

fn follow_events(
    root: &Path,
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    rx: &mpsc::Receiver<DebounceEventResult>,
    watched: &mut BTreeSet<&'static str>,
    stop: &AtomicBool,
    unwatched: impl Fn(String),
    mut on_change: impl FnMut(Vec<String>),
) {
    while !stop.load(Ordering::Relaxed) {
        let Ok(result) = rx.recv_timeout(Duration::from_millis(100)) else {
            continue;
        };
        let paths: BTreeSet<String> = match result {
            // Reading a file (as rebuilding does) is an event too, but changes nothing.
            Ok(events) => events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter_map(|path| site_path(root, path))
                .collect(),
            // The watcher lost track (too many events): look at everything again.
            Err(_) => FOLDERS
                .iter()
                .map(|f| f.to_string())
                .chain(["site.toml".to_string()])
                .collect(),
        };
        if paths.is_empty() {
            continue;
        }
        // content/, data/ or themes/ may have been created (or replaced) just now.
        watch_folders(debouncer, root, watched, &unwatched);
        on_change(paths.into_iter().collect());
    }
}

fn watch_folders(
    debouncer: &mut Debouncer<RecommendedWatcher, RecommendedCache>,
    root: &Path,
    watched: &mut BTreeSet<&'static str>,
    unwatched: &impl Fn(String),
) {
    for folder in FOLDERS {
        let dir = root.join(folder);
        if !dir.is_dir() {
            watched.remove(folder);
            continue;
        }
        if watched.contains(folder) {
            continue;
        }
        match debouncer.watch(&dir, RecursiveMode::Recursive) {
            Ok(()) => {
                watched.insert(folder);
            }
            Err(e) => unwatched(format!("{} cannot be watched ({e})", dir.display())),
        }
    }
}

/// The path of a changed file relative to the site root, when it can be part of the site:
/// site.toml, or under content/, data/ or themes/, and not an editor's hidden, swap or
/// backup file.
fn site_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let first = parts.first()?;
    if parts.len() == 1 && first != "site.toml" && !FOLDERS.contains(&first.as_str()) {
        return None;
    }
    if parts.len() > 1 && !FOLDERS.contains(&first.as_str()) {
        return None;
    }
    let name = parts.last()?;
    let scratch = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || (name.starts_with('#') && name.ends_with('#'));
    if scratch || parts.iter().any(|p| p.starts_with('.')) {
        return None;
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_sites_own_files_count() {
        let root = Path::new("/site");
        let rel = |p: &str| site_path(root, &root.join(p));
        assert_eq!(rel("site.toml").as_deref(), Some("site.toml"));
        assert_eq!(
            rel("content/recommendations/R1.md").as_deref(),
            Some("content/recommendations/R1.md")
        );
        assert_eq!(rel("content").as_deref(), Some("content"));
        for ignored in [
            "output/index.html",
            "README.md",
            "content/recommendations/.R1.md.swp",
            "content/recommendations/R1.md~",
            "content/.git/x",
            "data/#notes#",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }
}
