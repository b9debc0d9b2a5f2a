//! The preview's builds: each one numbered and written into a fresh folder of the preview's
//! own, by the same code as `lianluo build`; the newest good one is served, and the pages
//! waiting on the status are told as soon as a build is done.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Serialize;

use crate::build::{self, BuildArgs};
use crate::i18n::t;
use crate::report::{to_stderr, Reporter};

/// What the preview page learns from `/__lianluo/status`, as JSON.
#[derive(Debug, Clone, Default, Serialize)]
pub struct BuildStatus {
    /// The newest build's number, good or not: 1 for the first.
    pub build: u64,
    /// Whether the newest build succeeded.
    pub ok: bool,
    /// Its diagnostics as printed (`文件:段:列: 错误: …`): the errors of a failed build, the
    /// warnings of a good one.
    pub problems: Vec<String>,
    /// When it ended, in milliseconds since 1970 (JavaScript's `Date` takes it as is).
    pub built_at: u64,
    /// The number of the build being served: the newest good one, 0 while none succeeded.
    pub served: u64,
    /// The folder of the build being served.
    #[serde(skip)]
    pub served_dir: Option<PathBuf>,
}

/// What a build needs, locked for the length of each build.
struct Builder {
    /// The `build` arguments; `out` is set anew for each build.
    args: BuildArgs,
    /// Set when the preview ends: no build starts after it.
    stopped: bool,
}

/// The builds of one preview, shared by the watcher and the server's threads.
pub struct Builds {
    builder: Mutex<Builder>,
    /// The folder every build goes into (the preview's temporary folder).
    work_dir: PathBuf,
    status: Mutex<BuildStatus>,
    /// Signalled after each build, for the status requests waiting on one.
    finished: Condvar,
}

/// The guarded value even if a thread panicked holding it: the status stays readable.
fn unpoisoned<'a, T>(
    guard: Result<MutexGuard<'a, T>, PoisonError<MutexGuard<'a, T>>>,
) -> MutexGuard<'a, T> {
    guard.unwrap_or_else(PoisonError::into_inner)
}

/// Milliseconds since 1970, 0 if the clock is before it.
fn now_millis() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

impl Builds {
    /// Builds that run `args` into folders under `work_dir`; none has run yet.
    pub fn new(args: BuildArgs, work_dir: &Path) -> Builds {
        Builds {
            builder: Mutex::new(Builder {
                args,
                stopped: false,
            }),
            work_dir: work_dir.to_path_buf(),
            status: Mutex::new(BuildStatus::default()),
            finished: Condvar::new(),
        }
    }

    /// The status now.
    pub fn status(&self) -> BuildStatus {
        unpoisoned(self.status.lock()).clone()
    }

    /// The status once a build newer than `since` is done, or after `timeout` as it is then.
    pub fn status_after(&self, since: u64, timeout: Duration) -> BuildStatus {
        let status = unpoisoned(self.status.lock());
        let (status, _) = self
            .finished
            .wait_timeout_while(status, timeout, |status| status.build <= since)
            .unwrap_or_else(PoisonError::into_inner);
        status.clone()
    }

    /// Builds the sources again into a fresh folder; when that succeeds, serves it and
    /// removes the folder served before. A failed build leaves the last good one served.
    pub fn rebuild(&self) {
        let mut builder = unpoisoned(self.builder.lock());
        if builder.stopped {
            return;
        }
        let number = self.status().build + 1;
        let out = self.work_dir.join(format!("build-{number}"));
        builder.args.out = out.clone();
        let mut reporter = Reporter::collecting();
        build::run(&builder.args, &mut reporter);
        let ok = !reporter.failed();
        let retired = {
            let mut status = unpoisoned(self.status.lock());
            status.build = number;
            status.ok = ok;
            status.problems = reporter.lines().to_vec();
            status.built_at = now_millis();
            if ok {
                status.served = number;
                status.served_dir.replace(out)
            } else {
                None
            }
        };
        self.finished.notify_all();
        if let Some(previous) = retired {
            // A page still reading from it may keep it a moment on Windows; the preview's
            // temporary folder goes all the same when the preview ends.
            let _ = fs::remove_dir_all(previous);
        }
        let message = if ok {
            "serve-build-ok"
        } else {
            "serve-build-failed"
        };
        to_stderr(format_args!(
            "{}",
            t(message, &[("build", number.to_string())])
        ));
    }

    /// Waits for a build under way and keeps any other from starting, so that the
    /// temporary folder can be removed.
    pub fn stop(&self) {
        unpoisoned(self.builder.lock()).stopped = true;
    }
}
