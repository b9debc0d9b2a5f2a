//! `lianluo serve SRC_DIR`: the editors' live preview. SRC_DIR is built, by the same code as
//! `lianluo build`, into a temporary folder of the preview's own (never the site), served on
//! 127.0.0.1 and opened in the browser; every save of an issue in SRC_DIR builds it again,
//! and the page reloads itself, showing the build's problems at its top. A build that fails
//! leaves the last good one served. Ctrl-C ends it and removes the temporary folder.

mod browser;
mod builds;
mod page;
mod server;
mod watch;

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use clap::{Args, FromArgMatches};

use self::builds::Builds;
use crate::build::BuildArgs;
use crate::i18n::t;
use crate::report::{to_stderr, to_stdout, Reporter};
use crate::text_options::TextOptions;

/// The port asked for when `--port` is not given; another is chosen when it is taken.
pub const DEFAULT_PORT: u16 = 3000;

/// How the preview's temporary folders are named (`lianluo-preview-XXXXXX`), in the
/// system's temporary folder (`TMPDIR`, `%TEMP%`).
pub const WORK_DIR_PREFIX: &str = "lianluo-preview-";

/// Arguments of `serve`.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Folder of issue Word documents (`.docx`), texts (`.txt`) and issue JSON (`.json`).
    pub src_dir: PathBuf,
    /// The port to serve on (another is chosen when it is taken; 0 for any).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT, hide_default_value = true)]
    pub port: u16,
    /// Do not open the browser.
    #[arg(long)]
    pub no_open: bool,
    /// How the `.txt` files are read.
    #[command(flatten)]
    pub text: TextOptions,
}

/// The `build` arguments the preview builds with: those `lianluo build SRC_DIR --out OUT`
/// would have (so that every default of `build` holds), with `serve`'s text options.
fn build_args(serve: ServeArgs, out: &Path) -> Result<BuildArgs, clap::Error> {
    let command = BuildArgs::augment_args(clap::Command::new("build"));
    let words: [OsString; 4] = [
        "build".into(),
        serve.src_dir.into_os_string(),
        "--out".into(),
        out.into(),
    ];
    let mut args = BuildArgs::from_arg_matches(&command.try_get_matches_from(words)?)?;
    args.text = serve.text;
    args.for_preview = true;
    Ok(args)
}

/// A channel that receives once when the preview is asked to end (Ctrl-C, or the console
/// window closing).
fn stop_requests() -> Result<mpsc::Receiver<()>, ctrlc::Error> {
    let (stop, requests) = mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = stop.send(());
    })?;
    Ok(requests)
}

/// Runs `serve` until Ctrl-C.
pub fn run(args: ServeArgs, reporter: &mut Reporter) {
    let src_dir = args.src_dir.clone();
    if !src_dir.is_dir() {
        return reporter.error(&src_dir, 1, 1, &t("serve-no-folder", &[]));
    }
    let stop = match stop_requests() {
        Ok(stop) => stop,
        Err(e) => {
            let message = t("serve-no-ctrl-c", &[("reason", e.to_string())]);
            return reporter.error(&src_dir, 1, 1, &message);
        }
    };
    let work_dir = match tempfile::Builder::new().prefix(WORK_DIR_PREFIX).tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            let message = t("serve-no-work-dir", &[("reason", e.to_string())]);
            return reporter.error(&std::env::temp_dir(), 1, 1, &message);
        }
    };
    let dir = work_dir.path().display().to_string();
    to_stderr(format_args!("{}", t("serve-work-dir", &[("dir", dir)])));
    let port = args.port;
    let no_open = args.no_open;
    let build_args = match build_args(args, &work_dir.path().join("build")) {
        Ok(build_args) => build_args,
        Err(e) => {
            let message = t("build-internal", &[]);
            to_stderr(format_args!("{e}"));
            return reporter.error(&src_dir, 1, 1, &message);
        }
    };
    let builds = Arc::new(Builds::new(build_args, work_dir.path()));
    // Without the watcher the preview still shows the sources as they were.
    let _watcher = match watch::watch(&src_dir, Arc::clone(&builds)) {
        Ok(watcher) => Some(watcher),
        Err(e) => {
            let reason = e.to_string();
            to_stderr(format_args!(
                "{}",
                t("serve-watch-failed", &[("reason", reason)])
            ));
            None
        }
    };
    builds.rebuild();
    let (listener, chosen, taken) = match server::listen(port) {
        Ok(listening) => listening,
        Err(reason) => {
            let message = t("serve-cannot-listen", &[("reason", reason)]);
            return reporter.error(Path::new("--port"), 1, 1, &message);
        }
    };
    if taken {
        let ports = [("port", port.to_string()), ("chosen", chosen.to_string())];
        to_stderr(format_args!("{}", t("serve-port-taken", &ports)));
    }
    server::serve(listener, Arc::clone(&builds));
    let url = format!("http://127.0.0.1:{chosen}{}", start_page(&builds));
    to_stdout(format_args!(
        "{}",
        t("serve-address", &[("url", url.clone())])
    ));
    if !no_open {
        browser::open(&url);
    }
    // Any other end of the channel (its sender gone) ends the preview all the same.
    let _ = stop.recv();
    builds.stop();
    let dir = work_dir.path().to_path_buf();
    if let Err(e) = work_dir.close() {
        let message = t("serve-work-dir-left", &[("reason", e.to_string())]);
        return reporter.error(&dir, 1, 1, &message);
    }
    to_stderr(format_args!("{}", t("serve-stopped", &[])));
}

/// The address to open: the reader at the top when the build has it, else the static archive
/// page of a data-only build; the top (the problems page) while no build succeeded.
fn start_page(builds: &Builds) -> &'static str {
    match builds.status().served_dir {
        Some(dir) if !dir.join("index.html").is_file() => server::ARCHIVE_PAGE,
        _ => "/",
    }
}
