//! The first-load files — what a browser fetches before the reader shows anything, data
//! excluded — and their raw, gzip and brotli sizes.

use crate::compress::{brotli, shipped_gzip};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;

/// Name patterns of the first-load files in `dist/`; `*` stands for the content hash.
/// `page.css` is the standalone page's own stylesheet, which `index.html` links.
pub const FIRST_LOAD_PATTERNS: [&str; 6] = [
    "index.html",
    "page.css",
    "lianluo.js",
    "lianluo-*.js",
    "lianluo-*.wasm",
    "lianluo-*.css",
];

/// What a browser fetches before the newest issue's text is on screen: the page (which holds
/// that text), its stylesheets and the loader — not the WebAssembly, its glue or any data
/// file. The loader is not needed for the paint (a module script does not hold it up), but
/// counted all the same: it comes with the page.
pub const FIRST_TEXT_FILES: [&str; 4] = ["index.html", "page.css", "lianluo.js", "lianluo-*.css"];

/// A program of the reader fetched after the first load, never on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaterProgram {
    /// Its name, as the loader and `budget.json` know it.
    pub name: &'static str,
    /// When a reader fetches it, in words.
    pub when: &'static str,
    /// Name patterns of its glue and WebAssembly (`*` matches no `.`, so the first-load
    /// patterns do not take them).
    pub patterns: [&'static str; 2],
}

/// The reader's programs besides its own WebAssembly.
pub const LATER_PROGRAMS: [LaterProgram; 2] = [
    LaterProgram {
        name: "search",
        when: "on a reader's first search",
        patterns: ["lianluo-*.search.js", "lianluo-*.search.wasm"],
    },
    LaterProgram {
        name: "check",
        when: "when a data file cannot be read",
        patterns: ["lianluo-*.check.js", "lianluo-*.check.wasm"],
    },
];

/// The sizes of one file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct FileSize {
    /// Its name in `dist/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes of its `.gz` sibling as shipped, or, without one, of the gzip it would be shipped
    /// with (zopfli for the reader's own files, see [`shipped_gzip`]).
    pub gzip: u64,
    /// Bytes brotli-compressed at quality 11 (as served).
    pub brotli: u64,
}

/// Whether `name` matches a pattern with at most one `*` (which matches any run of characters
/// that contains no `.`, so `lianluo-*.js` does not match `lianluo-abc.js.gz`).
pub fn matches(pattern: &str, name: &str) -> bool {
    match pattern.split_once('*') {
        None => pattern == name,
        Some((prefix, suffix)) => {
            name.len() >= prefix.len() + suffix.len()
                && name.starts_with(prefix)
                && name.ends_with(suffix)
                && !name[prefix.len()..name.len() - suffix.len()].contains('.')
        }
    }
}

/// Measures every top-level file of `dist` that matches a first-load pattern, by name.
pub fn first_load_sizes(dist: &Path) -> Result<Vec<FileSize>> {
    sizes_matching(dist, &FIRST_LOAD_PATTERNS)
}

/// Measures a later program's files, by name.
pub fn later_program_sizes(dist: &Path, program: &LaterProgram) -> Result<Vec<FileSize>> {
    sizes_matching(dist, &program.patterns)
}

/// Measures every top-level file of `dist` whose name matches one of `patterns`, by name.
fn sizes_matching(dist: &Path, patterns: &[&str]) -> Result<Vec<FileSize>> {
    let mut sizes = Vec::new();
    for entry in fs::read_dir(dist).with_context(|| format!("listing {}", dist.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !path.is_file() || !patterns.iter().any(|p| matches(p, &name)) {
            continue;
        }
        let bytes = fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        // The `.gz` sibling as shipped (the page's comes from `lianluo build`), or the gzip it
        // would be shipped with.
        let gzip = match fs::metadata(dist.join(format!("{name}.gz"))) {
            Ok(sibling) => sibling.len(),
            Err(_) => shipped_gzip(&name, &bytes).len() as u64,
        };
        sizes.push(FileSize {
            raw: bytes.len() as u64,
            gzip,
            brotli: brotli(&bytes).len() as u64,
            name,
        });
    }
    sizes.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sizes)
}

/// Measures the files a browser needs before the newest issue's text shows
/// ([`FIRST_TEXT_FILES`]); fails when the page does not hold that text itself.
pub fn first_text_sizes(dist: &Path) -> Result<Vec<FileSize>> {
    let page = fs::read_to_string(dist.join(FIRST_TEXT_FILES[0]))
        .with_context(|| format!("reading {}", FIRST_TEXT_FILES[0]))?;
    if !page.contains(OWN_TEXT_MARK) {
        bail!(
            "{} does not hold the newest issue's text ({OWN_TEXT_MARK} is missing)",
            FIRST_TEXT_FILES[0]
        );
    }
    let loaded = first_load_sizes(dist)?;
    Ok(loaded
        .into_iter()
        .filter(|size| FIRST_TEXT_FILES.iter().any(|p| matches(p, &size.name)))
        .collect())
}

/// What marks the standalone page's own text, which `lianluo build` writes into it.
const OWN_TEXT_MARK: &str = "data-lianluo-shows=";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_matches_the_hash_only() {
        assert!(matches("lianluo-*.js", "lianluo-0123456789.js"));
        assert!(!matches("lianluo-*.js", "lianluo-0123456789.js.gz"));
        assert!(!matches("lianluo-*.js", "lianluo.js"));
        assert!(!matches("lianluo-*.wasm", "lianluo-.js"));
        assert!(matches("index.html", "index.html"));
        assert!(!matches("index.html", "index.html.br"));
    }

    #[test]
    fn first_load_files_are_found_and_measured() {
        let dist = tempfile::tempdir().unwrap();
        let html = "<!doctype html><p>联络动态</p>".repeat(20);
        fs::write(dist.path().join("index.html"), &html).unwrap();
        fs::write(dist.path().join("index.html.gz"), "shipped").unwrap();
        fs::write(dist.path().join("lianluo-0123456789.wasm"), vec![0u8; 1000]).unwrap();
        fs::write(dist.path().join("web.config"), "<configuration/>").unwrap();
        let sizes = first_load_sizes(dist.path()).unwrap();
        let names: Vec<&str> = sizes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["index.html", "lianluo-0123456789.wasm"]);
        assert_eq!(sizes[0].raw, html.len() as u64);
        assert_eq!(sizes[0].gzip, 7, "the shipped sibling's bytes");
        assert!(
            sizes[1].gzip < 100,
            "1000 zero bytes compress well: {}",
            sizes[1].gzip
        );
    }
}
