//! Rebuilds on every save: the sources folder is watched through the system's file events,
//! and a burst of them (Word writes a temporary file, renames the document away, renames the
//! temporary file in) becomes one rebuild once the folder has been quiet for [`SETTLE`].
//!
//! The events say a file was touched, not that it changed: reading the sources for a build
//! is an event too on Linux. So a rebuild happens only when the sources' names, sizes or
//! modification times differ from those before the last build; otherwise each build would
//! start the next.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, SystemTime};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

use super::builds::Builds;
use crate::build::is_source_name;
use crate::i18n::t;
use crate::report::to_stderr;

/// How long the folder must stay quiet after a change before it is built again. Word's save
/// takes well under this; much longer (over a second) and the page lags behind the save.
/// Range: 100–1000 ms.
pub const SETTLE: Duration = Duration::from_millis(200);

/// Each issue source in a folder with its size and modification time, sorted: equal
/// fingerprints mean nothing to build again.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

/// The fingerprint of the sources in `dir` now (empty if it cannot be listed).
fn fingerprint(dir: &Path) -> Fingerprint {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found: Fingerprint = entries
        .flatten()
        .filter(|entry| is_source_name(&entry.path()))
        .filter_map(|entry| {
            let metadata = entry.metadata().ok()?;
            Some((entry.path(), metadata.len(), metadata.modified().ok()))
        })
        .collect();
    found.sort();
    found
}

/// Watches `src_dir` and rebuilds through `builds` whenever an issue source in it changes,
/// until the returned watcher is dropped. Word's lock and temporary files, hidden files and
/// files of other kinds change nothing. Call it before the first build, so that a save
/// during that build is not missed.
pub fn watch(
    src_dir: &Path,
    builds: Arc<Builds>,
) -> notify_debouncer_mini::notify::Result<Debouncer<RecommendedWatcher>> {
    let (events, changes) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(SETTLE, events)?;
    debouncer
        .watcher()
        .watch(src_dir, RecursiveMode::NonRecursive)?;
    let src_dir = src_dir.to_path_buf();
    let mut built = fingerprint(&src_dir);
    thread::spawn(move || {
        for change in changes {
            match change {
                Ok(events) => {
                    let Some(changed) = events.iter().find(|e| is_source_name(&e.path)) else {
                        continue;
                    };
                    let now = fingerprint(&src_dir);
                    if now == built {
                        continue;
                    }
                    built = now;
                    let file = changed.path.display().to_string();
                    to_stderr(format_args!("{}", t("serve-changed", &[("file", file)])));
                    builds.rebuild();
                }
                Err(e) => {
                    let reason = e.to_string();
                    to_stderr(format_args!(
                        "{}",
                        t("serve-watch-failed", &[("reason", reason)])
                    ));
                }
            }
        }
    });
    Ok(debouncer)
}
