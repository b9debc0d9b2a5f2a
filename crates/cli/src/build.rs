//! `lianluo build SRC_DIR --out DIR`: a whole site in DIR — the reader this tool carries at the
//! top (its standalone page holding the newest issue's text) and the data in `DIR/data/` — or,
//! with `--data-only` or a tool that carries no reader, the data folder alone in DIR.
//!
//! Every issue in SRC_DIR (`.txt`, `.docx` and `.pdf` converted, `.json` validated) becomes
//! `issues/{id}.json` in the data folder, with `index.json`, the search index under `search/`,
//! the views as HTML under `view/`, static pages under `pages/`, with `--site-url` `sitemap.xml`
//! and `feed.xml`, and a `.gz` sibling beside each file where that is smaller. DIR is replaced
//! only when everything succeeded, and only when it holds nothing but an earlier build's output
//! (see [`crate::replace_guard`]).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::thread;

use lianluo_core::diagnostic::{Diagnostic, Message, Severity};
use lianluo_core::parse::ParseOptions;
use lianluo_core::Issue;

use crate::carried_reader::{self, Reader};
use crate::changes::UPLOAD_LIST;
use crate::decode::Encoding;
use crate::i18n::{catalogue, t};
use crate::load::{document_from_json, issue_from_file, Document, Loaded};
use crate::progress::Progress;
use crate::replace_guard::ensure_replaceable;
use crate::report::{to_stderr, Reporter};
use crate::site::write_site;
use crate::source_file::read_source_file;
use crate::static_html::PageSettings;
use crate::text_options::TextOptions;

/// Most threads used to read issues; reading is CPU-bound and the machines have few cores.
pub const MAX_THREADS: usize = 8;

/// Arguments of `build`.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Folder of issue Word documents (`.docx`), PDFs (`.pdf`), texts (`.txt`) and issue JSON
    /// (`.json`).
    pub src_dir: PathBuf,
    /// The site to produce (or its data folder, with `--data-only`): absent, empty or an
    /// earlier build's output, replaced whole, or left as it was on failure.
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Write only the data folder, for a page (a CMS's) that already loads the reader.
    #[arg(long)]
    pub data_only: bool,
    /// How the `.txt` files are read.
    #[command(flatten)]
    pub text: TextOptions,
    /// The data folder's public address (e.g. https://example.gov.cn/lianluo/data/): static
    /// pages get absolute canonical links, and sitemap.xml and feed.xml are written.
    #[arg(long, value_name = "URL")]
    pub site_url: Option<String>,
    /// Set by the preview (`serve`), whose builds print no summary or publishing advice.
    #[arg(skip)]
    pub for_preview: bool,
    /// The reader's loader as the static pages reach it, relative to DIR/pages/.
    #[arg(long, value_name = "URL", default_value = "../../lianluo.js")]
    pub reader_script: String,
}

/// Whether `path` names an issue source: a `.txt`, `.docx`, `.pdf` or `.json` file whose name does not
/// start with `~` or `.`, which mark Word's lock files (`~$第15期.docx`), its temporary files
/// (`~WRL0001.tmp`) and hidden ones, present beside the sources while a document is open.
pub(crate) fn is_source_name(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .is_none_or(|n| n.to_string_lossy().starts_with(['~', '.']));
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    !hidden && matches!(ext.as_deref(), Some("txt" | "docx" | "pdf" | "json"))
}

/// The issue sources directly in `dir` (see [`is_source_name`]), sorted by name.
fn source_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_file() && is_source_name(&path) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads one source file into an issue.
fn load(path: &Path, options: &ParseOptions, encoding: Option<Encoding>) -> Loaded<Issue> {
    let bytes = match read_source_file(path) {
        Ok(b) => b,
        Err(message) => {
            return Loaded {
                value: None,
                diagnostics: vec![Diagnostic::error(1, 1, message)],
            }
        }
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        let loaded = document_from_json(&bytes);
        let mut diagnostics = loaded.diagnostics;
        let value = match loaded.value {
            Some(Document::Issue(issue)) => Some(issue),
            Some(Document::Archive(_)) => {
                diagnostics.push(Diagnostic::error(
                    1,
                    1,
                    Message::new(
                        "build-archive-not-issue",
                        "this is an archive index; expected an issue",
                    ),
                ));
                None
            }
            None => None,
        };
        Loaded { value, diagnostics }
    } else {
        issue_from_file(path, &bytes, options, encoding)
    }
}

/// `work` on `items` cut into one run per core (at most [`MAX_THREADS`]), each run told its
/// place; the runs' results in order, `None` for a run that panicked.
pub(crate) fn across_cores<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &[T]) -> Vec<R> + Sync,
) -> Vec<Option<Vec<R>>> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, MAX_THREADS);
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(at, part)| scope.spawn(move || work(at, part)))
            .collect();
        runs.into_iter().map(|run| run.join().ok()).collect()
    })
}

/// Reads every file, spread over the available cores, results in file order.
fn load_all(
    files: &[PathBuf],
    options: &ParseOptions,
    encoding: Option<Encoding>,
    progress: &Progress,
) -> Vec<Loaded<Issue>> {
    let runs = across_cores(files, |_, part| {
        part.iter()
            .map(|f| {
                let loaded = load(f, options, encoding);
                progress.one_done();
                loaded
            })
            .collect()
    });
    runs.into_iter()
        .flat_map(|run| {
            run.unwrap_or_else(|| {
                vec![Loaded {
                    value: None,
                    diagnostics: vec![Diagnostic::error(
                        1,
                        1,
                        Message::new(
                            "build-internal",
                            "internal error while reading this part of the archive",
                        ),
                    )],
                }]
            })
        })
        .collect()
}

/// How a source file fared.
enum Fate {
    Clean,
    Warned,
    /// Left out of the site: the first error said about it.
    LeftOut(String),
}

/// Runs `build`.
pub fn run(args: &BuildArgs, reporter: &mut Reporter) {
    if let Err(refusal) = ensure_replaceable(&args.out, &args.src_dir) {
        return reporter.error(&args.out, 1, 1, &refusal.message(&args.out));
    }
    let files = match source_files(&args.src_dir) {
        Ok(files) => files,
        Err(e) => {
            let message = t("build-cannot-list", &[("reason", e.to_string())]);
            return reporter.error(&args.src_dir, 1, 1, &message);
        }
    };
    if files.is_empty() {
        return reporter.error(&args.src_dir, 1, 1, &t("build-no-files", &[]));
    }
    let options = args.text.parse_options();
    let progress = Progress::new(files.len(), !args.for_preview);
    let mut issues = Vec::with_capacity(files.len());
    let mut fates = Vec::with_capacity(files.len());
    let mut first_file_of: HashMap<String, PathBuf> = HashMap::new();
    let loaded_all = load_all(&files, &options, args.text.encoding, &progress);
    progress.finish();
    for (file, loaded) in files.iter().zip(loaded_all) {
        for d in &loaded.diagnostics {
            reporter.diagnostic(file, d);
        }
        let first_error = loaded
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| catalogue().diagnostic(d));
        let warned = !loaded.diagnostics.is_empty();
        let Some(issue) = loaded.value else {
            fates.push((file, Fate::LeftOut(first_error.unwrap_or_default())));
            continue;
        };
        if let Some(first) = first_file_of.get(&issue.id) {
            let message = t(
                "build-duplicate-id",
                &[
                    ("id", issue.id.clone()),
                    ("file", first.display().to_string()),
                ],
            );
            reporter.error(file, 1, 1, &message);
            fates.push((file, Fate::LeftOut(message)));
            continue;
        }
        first_file_of.insert(issue.id.clone(), file.clone());
        issues.push(issue);
        fates.push((file, if warned { Fate::Warned } else { Fate::Clean }));
    }
    // Without --strict (and outside the preview, which shows every problem of the issue being
    // edited), a file that cannot be converted is left out and the others are built: one bad
    // PDF of a back catalogue never stops the rest.
    let all_or_nothing = args.text.strict || args.for_preview;
    let left_out = fates
        .iter()
        .filter(|(_, fate)| matches!(fate, Fate::LeftOut(_)))
        .count();
    if reporter.failed() && (all_or_nothing || issues.is_empty()) {
        let line = t(
            "build-not-built",
            &[("dir", args.out.display().to_string())],
        );
        to_stderr(format_args!("{line}"));
        return;
    }
    let site_url = match args.site_url.as_deref().map(site_address) {
        Some(Ok(url)) => Some(url),
        Some(Err(problem)) => return reporter.error(Path::new("--site-url"), 1, 1, &problem),
        None => None,
    };
    let settings = PageSettings {
        reader_script: &args.reader_script,
        site_url: site_url.as_deref(),
    };
    let reader = if args.data_only {
        None
    } else {
        let carried = Reader::carried();
        if carried.is_none() {
            carried_reader::say_data_only_once();
        }
        carried
    };
    let written = match write_site(&issues, &args.out, &settings, reader.as_ref()) {
        Ok(written) => written,
        Err(e) => {
            let message = t("build-cannot-write", &[("reason", e.to_string())]);
            return reporter.error(&args.out, 1, 1, &message);
        }
    };
    if left_out > 0 {
        reporter.built_without_some_files();
    }
    let articles: usize = issues.iter().map(|i| i.articles.len()).sum();
    let dir = args.out.display().to_string();
    let counts = [
        ("dir", dir.clone()),
        ("issues", issues.len().to_string()),
        ("articles", articles.to_string()),
        ("files", written.files.to_string()),
        ("size", megabytes(written.bytes)),
    ];
    if args.for_preview {
        // The preview says itself what it built; publishing advice means nothing there.
        return;
    }
    say_fates(&fates);
    let changes = &written.changes;
    if changes.had_previous {
        let upload = changes.added.len() + changes.changed.len();
        let message = if upload + changes.removed.len() == 0 {
            t("build-unchanged", &[])
        } else {
            t(
                "build-changes",
                &[
                    ("added", changes.added.len().to_string()),
                    ("changed", changes.changed.len().to_string()),
                    ("removed", changes.removed.len().to_string()),
                    ("upload", upload.to_string()),
                    ("size", megabytes(changes.upload_bytes)),
                    ("list", args.out.join(UPLOAD_LIST).display().to_string()),
                ],
            )
        };
        to_stderr(format_args!("{}: {message}", args.out.display()));
        if written.search_rewritten > 0 {
            let merged = t(
                "build-search-merged",
                &[
                    ("merged", written.search_rewritten.to_string()),
                    ("segments", written.search_segments.to_string()),
                ],
            );
            to_stderr(format_args!("{}: {merged}", args.out.display()));
        }
    }
    if reader.is_some() {
        to_stderr(format_args!("{}", t("build-site-done", &counts)));
        to_stderr(format_args!("{}", t("build-site-upload", &counts)));
        to_stderr(format_args!("{}", t("build-site-embed", &[])));
        to_stderr(format_args!(
            "  {EMBED_SCRIPT_LINE}\n  {EMBED_ELEMENT_LINE}"
        ));
    } else {
        to_stderr(format_args!("{}", t("build-done", &counts)));
    }
    if site_url.is_none() {
        let line = t("build-no-site-url", &[("dir", dir)]);
        to_stderr(format_args!("{line}"));
    }
}

/// The two lines a web team pastes into a page of its CMS to show the reader of a site this
/// build wrote, uploaded under `/lianluo/` (the path is theirs to change).
const EMBED_SCRIPT_LINE: &str = r#"<script type="module" src="/lianluo/lianluo.js"></script>"#;
const EMBED_ELEMENT_LINE: &str = r#"<div data-lianluo-src="/lianluo/data/index.json"></div>"#;

/// `bytes` in megabytes with one decimal, as the summary says it.
fn megabytes(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1_000_000.0)
}

/// The data folder's public address, ending in `/`, or why it is not one.
fn site_address(url: &str) -> Result<String, String> {
    let url = url.trim();
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    let host = url.split_once("://").map_or("", |(_, rest)| rest);
    if !scheme_ok || host.is_empty() || host.starts_with('/') || url.contains(char::is_whitespace) {
        return Err(t("build-bad-site-url", &[("url", url.to_owned())]));
    }
    Ok(if url.ends_with('/') {
        url.to_owned()
    } else {
        format!("{url}/")
    })
}

/// How the files fared, when there are many or some were left out: counts, then each file left
/// out with its first error.
fn say_fates(fates: &[(&PathBuf, Fate)]) {
    let count = |f: fn(&Fate) -> bool| fates.iter().filter(|(_, fate)| f(fate)).count();
    let clean = count(|f| matches!(f, Fate::Clean));
    let warned = count(|f| matches!(f, Fate::Warned));
    let left_out = fates.len() - clean - warned;
    if left_out == 0 && fates.len() < Progress::SHOWN_FROM {
        return;
    }
    let summary = t(
        "build-fates",
        &[
            ("files", fates.len().to_string()),
            ("clean", clean.to_string()),
            ("warned", warned.to_string()),
            ("left", left_out.to_string()),
        ],
    );
    to_stderr(format_args!("{summary}"));
    for (file, fate) in fates {
        if let Fate::LeftOut(reason) = fate {
            to_stderr(format_args!("  {}: {reason}", file.display()));
        }
    }
}
