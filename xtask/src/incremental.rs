//! What a build that adds one issue changes. A synthetic archive is built without its newest
//! issues, then with one more each time until all are in, as an editor publishes issue after
//! issue: after the last, the files and bytes `lianluo build` lists to upload (its
//! `.lianluo-upload.txt`), how long that build took and the search index's segments; then once
//! more from the same sources, which must change nothing. The test layer holds the first to
//! [`MAX_FILES`] and [`MAX_BYTES`] on 535 issues + 1 and the last to zero; the bench prints
//! them all, and searches the site it leaves, an index in several segments.

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use serde::Serialize;

use crate::synth;

/// At most this many files to upload after adding one issue to the 535-issue synthetic
/// archive: the new issue's own files, its neighbours', the archive-wide entry files and one
/// small search segment, each with its `.gz`.
pub const MAX_FILES: usize = 40;

/// At most this many bytes to upload after adding one issue to the 535-issue synthetic
/// archive (raw and `.gz` files together).
pub const MAX_BYTES: u64 = 1_500_000;

/// The name of the list `lianluo build` writes in the folder it built.
const UPLOAD_LIST: &str = ".lianluo-upload.txt";

/// What adding one issue changed.
#[derive(Debug, Serialize)]
pub struct OneMore {
    /// Issues after adding it.
    pub issues: u32,
    /// Files to upload.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// How long the build that added it took.
    pub seconds: f64,
    /// Files to upload after building the same sources once more.
    pub files_after_same_sources: usize,
    /// Segments of the search index at the end.
    pub segments: usize,
}

/// Builds the `issues`-issue synthetic archive in `work/site` without its `added` newest
/// issues, then with one more at a time, then again, with `cli` (a whole site when it carries
/// the reader); the figures are the last addition's.
pub fn one_more(cli: &Path, issues: u32, added: usize, work: &Path) -> Result<OneMore> {
    if work.exists() {
        fs::remove_dir_all(work).with_context(|| format!("emptying {}", work.display()))?;
    }
    let (sources, site) = (work.join("sources"), work.join("site"));
    synth::write_archive(&sources, issues, synth::DEFAULT_SEED)?;
    let mut names = fs::read_dir(&sources)?
        .map(|entry| Ok(entry?.file_name()))
        .collect::<Result<Vec<_>>>()?;
    // The synthetic files are named by year and number, so the newest sort last.
    names.sort();
    let newest = names.split_off(names.len().saturating_sub(added));
    for name in &newest {
        fs::rename(sources.join(name), work.join(name))?;
    }
    build(cli, &sources, &site)?;
    let mut seconds = 0.0;
    for name in &newest {
        fs::rename(work.join(name), sources.join(name))?;
        let began = Instant::now();
        build(cli, &sources, &site)?;
        seconds = began.elapsed().as_secs_f64();
    }
    let listed = upload_list(&site)?;
    let mut bytes = 0;
    for path in &listed {
        bytes += fs::metadata(site.join(path))
            .with_context(|| format!("{path}, listed to upload"))?
            .len();
    }
    build(cli, &sources, &site)?;
    Ok(OneMore {
        issues,
        files: listed.len(),
        bytes,
        seconds,
        files_after_same_sources: upload_list(&site)?.len(),
        segments: segments(&site)?,
    })
}

/// Whether `figures` keep the bars: the problems, none when they do.
pub fn problems(figures: &OneMore) -> Vec<String> {
    let mut problems = Vec::new();
    if figures.files > MAX_FILES {
        problems.push(format!(
            "adding one issue to {} uploads {} files (at most {MAX_FILES})",
            figures.issues - 1,
            figures.files
        ));
    }
    if figures.bytes > MAX_BYTES {
        problems.push(format!(
            "adding one issue to {} uploads {} bytes (at most {MAX_BYTES})",
            figures.issues - 1,
            figures.bytes
        ));
    }
    if figures.files_after_same_sources > 0 {
        problems.push(format!(
            "building the same sources again changed {} files",
            figures.files_after_same_sources
        ));
    }
    problems
}

fn build(cli: &Path, sources: &Path, site: &Path) -> Result<()> {
    let output = Command::new(cli)
        .arg("build")
        .arg(sources)
        .arg("--out")
        .arg(site)
        .output()
        .with_context(|| format!("running {}", cli.display()))?;
    if !output.status.success() {
        bail!(
            "lianluo build {} failed:\n{}",
            sources.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
    Ok(())
}

/// How many segments the search index in `site` has.
fn segments(site: &Path) -> Result<usize> {
    let manifest = ["data/search/manifest.json", "search/manifest.json"]
        .iter()
        .map(|path| site.join(path))
        .find(|path| path.is_file())
        .context("the site has no search manifest")?;
    let value: serde_json::Value = serde_json::from_slice(&fs::read(&manifest)?)?;
    value["segments"]
        .as_array()
        .map(Vec::len)
        .context("the search manifest lists no segments")
}

/// The files the last build listed to upload.
fn upload_list(site: &Path) -> Result<Vec<String>> {
    let path = site.join(UPLOAD_LIST);
    let text = fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    Ok(text
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(str::to_owned)
        .collect())
}
