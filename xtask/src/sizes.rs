//! The first-load files — what a browser fetches before the reader shows anything, data
//! excluded — and their raw, gzip and brotli sizes.

use crate::compress::{brotli, shipped_gzip};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;

/// Name patterns of the first-load files in `dist/`; `*` stands for the content hash.
pub const FIRST_LOAD_PATTERNS: [&str; 5] = [
    "index.html",
    "lianluo.js",
    "lianluo-*.js",
    "lianluo-*.wasm",
    "lianluo-*.css",
];

/// What a browser fetches before the newest issue's text is on screen: the page (which holds
/// that text), its stylesheets and the loader — not the WebAssembly, its glue or any data
/// file. The loader is not needed for the paint (a module script does not hold it up), but
/// counted all the same: it comes with the page.
pub const FIRST_TEXT_FILES: [&str; 3] = ["index.html", "lianluo.js", "lianluo-*.css"];

/// A program of the reader fetched after the first load, never on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LaterProgram {
    /// Its name, as the loader and `budget.json` know it.
    pub name: &'static str,
    /// When a reader fetches it, in words.
    pub when: &'static str,
    /// Name patterns of its files: the glue and WebAssembly of a program, or one module of
    /// script (`*` matches no `.`, so the first-load patterns do not take them).
    pub patterns: &'static [&'static str],
}

/// The reader's programs besides its own WebAssembly.
pub const LATER_PROGRAMS: [LaterProgram; 3] = [
    LaterProgram {
        name: "search",
        when: "on a reader's first search",
        patterns: &["lianluo-*.search.js", "lianluo-*.search.wasm"],
    },
    LaterProgram {
        name: "check",
        when: "when a data file cannot be read",
        patterns: &["lianluo-*.check.js", "lianluo-*.check.wasm"],
    },
    LaterProgram {
        name: "read-aloud",
        when: "on a reader's first press of 朗读",
        patterns: &["lianluo-*.read-aloud.js"],
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

/// Measures every top-level file of `dist` that matches a first-load pattern, by name. The
/// standalone page is measured as its frame: the newest issue's text it holds is data, which
/// the first load's bar leaves out (it is the view `data/view/latest.html` holds as well), and
/// which [`first_text_sizes`] counts.
pub fn first_load_sizes(dist: &Path) -> Result<Vec<FileSize>> {
    let mut sizes = sizes_matching(dist, &FIRST_LOAD_PATTERNS)?;
    let page_name = FIRST_LOAD_PATTERNS[0];
    let frame = page_frame(dist)?;
    for size in sizes.iter_mut().filter(|size| size.name == page_name) {
        *size = FileSize {
            name: page_name.to_owned(),
            raw: frame.len() as u64,
            gzip: shipped_gzip(page_name, frame.as_bytes()).len() as u64,
            brotli: brotli(frame.as_bytes()).len() as u64,
        };
    }
    Ok(sizes)
}

/// The standalone page without the newest issue's text it holds.
fn page_frame(dist: &Path) -> Result<String> {
    let read = |relative: &str| {
        fs::read_to_string(dist.join(relative)).with_context(|| format!("reading {relative}"))
    };
    let (page, text) = (read(FIRST_LOAD_PATTERNS[0])?, read(NEWEST_VIEW)?);
    if !page.contains(&text) {
        bail!(
            "{} does not hold the newest issue's text ({NEWEST_VIEW})",
            FIRST_LOAD_PATTERNS[0]
        );
    }
    Ok(page.replacen(&text, "", 1))
}

/// The newest issue's view, which the standalone page holds.
const NEWEST_VIEW: &str = "data/view/latest.html";

/// Measures a later program's files, by name.
pub fn later_program_sizes(dist: &Path, program: &LaterProgram) -> Result<Vec<FileSize>> {
    sizes_matching(dist, program.patterns)
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
/// ([`FIRST_TEXT_FILES`]), the page whole; fails when the page does not hold that text.
pub fn first_text_sizes(dist: &Path) -> Result<Vec<FileSize>> {
    page_frame(dist)?;
    sizes_matching(dist, &FIRST_TEXT_FILES)
}

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
        let view = "<div class=\"reader\"><h2>第15期</h2><p>让市领导和市代表</p></div>".repeat(40);
        let page = format!("<!doctype html><main><div class=\"lianluo\">{view}</div></main>");
        fs::create_dir_all(dist.path().join("data/view")).unwrap();
        fs::write(dist.path().join(NEWEST_VIEW), &view).unwrap();
        fs::write(dist.path().join("index.html"), &page).unwrap();
        fs::write(dist.path().join("index.html.gz"), "shipped").unwrap();
        fs::write(dist.path().join("lianluo-0123456789.wasm"), vec![0u8; 1000]).unwrap();
        fs::write(dist.path().join("web.config"), "<configuration/>").unwrap();

        let sizes = first_load_sizes(dist.path()).unwrap();
        let names: Vec<&str> = sizes.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["index.html", "lianluo-0123456789.wasm"]);
        let frame = "<!doctype html><main><div class=\"lianluo\"></div></main>";
        assert_eq!(
            sizes[0].raw,
            frame.len() as u64,
            "the page's frame, its text left out"
        );
        assert_eq!(
            sizes[0].gzip,
            shipped_gzip("index.html", frame.as_bytes()).len() as u64
        );
        assert!(
            sizes[1].gzip < 100,
            "1000 zero bytes compress well: {}",
            sizes[1].gzip
        );

        let text = first_text_sizes(dist.path()).unwrap();
        assert_eq!(text[0].name, "index.html");
        assert_eq!(text[0].raw, page.len() as u64, "the page whole");
        assert_eq!(text[0].gzip, 7, "the shipped sibling's bytes");

        fs::write(dist.path().join("index.html"), "<p>no text</p>").unwrap();
        assert!(
            first_text_sizes(dist.path()).is_err(),
            "a page without the text fails"
        );
    }
}
