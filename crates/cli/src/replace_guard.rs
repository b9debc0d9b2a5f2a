//! Whether `lianluo build` may replace its `--out` folder: replacing deletes whatever the
//! folder held, so it is done only to a folder that holds nothing of anyone else's.
//!
//! A folder may be replaced when it is absent, empty, or an earlier output of `lianluo build`.
//! Every output carries [`SITE_MARKER`] at its top, so an output is recognised by that file
//! alone whatever else a build puts there; outputs of versions that wrote no marker are
//! recognised by their names ([`LEGACY_SITE_ENTRIES`]). And it is never done when the output
//! and the sources overlap: replacing the output would delete the sources, or the output would
//! mix with them.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::i18n::t;

/// The file `lianluo build` writes at the top of every data folder it produces, which marks
/// the folder as one it may replace on the next build.
pub const SITE_MARKER: &str = ".lianluo-site";

/// The marker's content: a one-line JSON object naming the tool that wrote the folder and the
/// folder's layout version (1: the layout of `docs/format.md`). Only `tool` is checked, so a
/// later layout's marker is recognised too.
pub const SITE_MARKER_CONTENT: &str = "{\"tool\":\"lianluo build\",\"format\":1}\n";

/// The most bytes of a marker read: far more than [`SITE_MARKER_CONTENT`] (under 40), so a
/// large file of that name is not read whole to be refused.
const MAX_MARKER_BYTES: u64 = 4096;

/// The top-level entries of a data folder written by a `lianluo build` older than the marker;
/// such a folder, holding `index.json` and nothing but these, is replaced like a marked one.
/// Only those versions' outputs need to be listed here: every later output carries the marker.
pub const LEGACY_SITE_ENTRIES: &[&str] = &[
    "index.json",
    "issues",
    "search",
    "view",
    "pages",
    "sitemap.xml",
    "feed.xml",
];

/// The entry every legacy output holds, without which a folder of those names is not one.
const LEGACY_REQUIRED_ENTRY: &str = "index.json";

/// How many of a refused folder's entries the message names; the rest are counted.
pub const ENTRIES_NAMED: usize = 5;

/// Why `--out` is not replaced.
#[derive(Debug)]
pub enum Refusal {
    /// It exists and is not a folder.
    NotAFolder,
    /// It is the source folder.
    IsTheSources,
    /// It holds the source folder.
    HoldsTheSources,
    /// It is inside the source folder.
    InsideTheSources,
    /// It holds entries and is not an output of `lianluo build`; `entries` are its top-level
    /// entry names, sorted, folders ending in `/`.
    NotASiteFolder {
        /// Every top-level entry.
        entries: Vec<String>,
    },
    /// It, or the sources' path, could not be examined.
    CannotExamine(io::Error),
}

impl Refusal {
    /// The refusal in the run's language; `out` is the folder as given on the command line.
    pub fn message(&self, out: &Path) -> String {
        let dir = out.display().to_string();
        match self {
            Refusal::NotAFolder => t("build-out-not-folder", &[]),
            Refusal::IsTheSources => t("build-out-is-sources", &[("dir", dir)]),
            Refusal::HoldsTheSources => t("build-out-holds-sources", &[("dir", dir)]),
            Refusal::InsideTheSources => t("build-out-inside-sources", &[("dir", dir)]),
            Refusal::NotASiteFolder { entries } => t(
                "build-out-not-site",
                &[("dir", dir), ("entries", named_entries(entries))],
            ),
            Refusal::CannotExamine(e) => t("build-cannot-examine", &[("reason", e.to_string())]),
        }
    }
}

/// The first [`ENTRIES_NAMED`] entries, joined in the run's language, and how many more.
fn named_entries(entries: &[String]) -> String {
    let listed = entries
        .iter()
        .take(ENTRIES_NAMED)
        .cloned()
        .collect::<Vec<_>>()
        .join(&t("build-out-entry-separator", &[]));
    match entries.len().saturating_sub(ENTRIES_NAMED) {
        0 => listed,
        more => t(
            "build-out-entries-more",
            &[("listed", listed), ("more", more.to_string())],
        ),
    }
}

/// Whether `out` may be replaced by a build of the sources in `src`.
pub fn ensure_replaceable(out: &Path, src: &Path) -> Result<(), Refusal> {
    let out_path = resolved(out).map_err(Refusal::CannotExamine)?;
    let src_path = resolved(src).map_err(Refusal::CannotExamine)?;
    let metadata = match fs::metadata(&out_path) {
        Ok(metadata) => Some(metadata),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(Refusal::CannotExamine(e)),
    };
    if metadata.as_ref().is_some_and(|m| !m.is_dir()) {
        return Err(Refusal::NotAFolder);
    }
    if out_path == src_path {
        return Err(Refusal::IsTheSources);
    }
    if src_path.starts_with(&out_path) {
        return Err(Refusal::HoldsTheSources);
    }
    if out_path.starts_with(&src_path) {
        return Err(Refusal::InsideTheSources);
    }
    if metadata.is_none() {
        return Ok(());
    }
    let entries = top_level_entries(&out_path).map_err(Refusal::CannotExamine)?;
    if entries.is_empty() || has_marker(&out_path) || is_legacy_site(&entries) {
        Ok(())
    } else {
        Err(Refusal::NotASiteFolder { entries })
    }
}

/// `path` made absolute with its symbolic links resolved, as far as it exists: its nearest
/// existing ancestor canonicalised and the rest appended (an output folder usually does not
/// exist yet). In the part that does not exist `..` removes the name before it, as it will
/// once those folders are created.
fn resolved(path: &Path) -> io::Result<PathBuf> {
    let absolute = std::path::absolute(path)?;
    let mut existing = absolute.as_path();
    let mut full = loop {
        match existing.canonicalize() {
            Ok(canonical) => break canonical,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                existing = existing.parent().ok_or(e)?;
            }
            Err(e) => return Err(e),
        }
    };
    let tail = absolute.strip_prefix(existing).unwrap_or(Path::new(""));
    for part in tail.components() {
        match part {
            Component::ParentDir => {
                full.pop();
            }
            Component::Normal(name) => full.push(name),
            _ => {}
        }
    }
    Ok(full)
}

/// The names of the entries directly in `dir`, sorted, folders ending in `/`.
fn top_level_entries(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let mut name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            name.push('/');
        }
        names.push(name);
    }
    names.sort();
    Ok(names)
}

/// Whether `dir` holds a marker written by `lianluo build`.
fn has_marker(dir: &Path) -> bool {
    let path = dir.join(SITE_MARKER);
    let small_file = fs::metadata(&path).is_ok_and(|m| m.is_file() && m.len() <= MAX_MARKER_BYTES);
    small_file
        && fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .is_some_and(|marker| marker["tool"] == "lianluo build")
}

/// Whether `entries` are those of an output older than the marker.
fn is_legacy_site(entries: &[String]) -> bool {
    let name = |entry: &String| entry.trim_end_matches('/').to_owned();
    entries.iter().any(|e| name(e) == LEGACY_REQUIRED_ENTRY)
        && entries
            .iter()
            .all(|e| LEGACY_SITE_ENTRIES.contains(&name(e).as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_path_resolves_through_its_nearest_existing_ancestor() {
        let dir = tempfile::tempdir().expect("tempdir");
        let base = dir.path().canonicalize().expect("exists");
        let out = dir.path().join("a/b/../c/./d");
        assert_eq!(resolved(&out).expect("resolves"), base.join("a/c/d"));
        assert_eq!(resolved(dir.path()).expect("resolves"), base);
    }

    #[test]
    fn the_marker_content_is_recognised() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert!(!has_marker(dir.path()));
        fs::write(dir.path().join(SITE_MARKER), "something else").expect("writes");
        assert!(!has_marker(dir.path()));
        fs::write(dir.path().join(SITE_MARKER), SITE_MARKER_CONTENT).expect("writes");
        assert!(has_marker(dir.path()));
    }

    #[test]
    fn a_legacy_output_needs_its_index_and_nothing_else() {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert!(is_legacy_site(&names(&[
            "index.json",
            "issues/",
            "search/"
        ])));
        assert!(!is_legacy_site(&names(&["issues/", "search/"])));
        assert!(!is_legacy_site(&names(&["index.json", "notes.txt"])));
    }
}
