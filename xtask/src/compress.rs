//! Precompressed `.gz` and `.br` siblings, so that any static server (ours included) can send
//! compressed bytes without compressing on each request.

use anyhow::{Context, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Brotli quality: 11 is the maximum and the build is one-off, so spend the time.
const BROTLI_QUALITY: u32 = 11;

/// Brotli window, as log2 of bytes: 22 (4 MiB) is the encoder's usual maximum and is larger
/// than any file we ship. Valid range 10–24.
const BROTLI_WINDOW_LOG2: u32 = 22;

/// The brotli writer's internal buffer; it affects speed only, not the output. 4 KiB–1 MiB.
const BROTLI_BUFFER_BYTES: usize = 64 * 1024;

/// Extensions that are compressed wherever they are in the tree.
const COMPRESSIBLE_EXTENSIONS: [&str; 8] =
    ["html", "js", "css", "wasm", "json", "svg", "txt", "xml"];

/// The folder of search shards, under `dist/`; every file in it is compressed, whatever its
/// extension, because the shard format is the CLI's to choose.
const SEARCH_DIR: &str = "data/search";

/// Gzip as small as it gets, with zopfli: many times slower than [`gzip`] and about 5 % smaller,
/// in the same format.
pub fn gzip_smallest(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    zopfli::compress(
        zopfli::Options::default(),
        zopfli::Format::Gzip,
        bytes,
        &mut out,
    )
    .expect("writing to a Vec cannot fail");
    out
}

/// The gzip a file of `dist/` (its path relative to it, with `/` separators) is shipped with:
/// [`gzip_smallest`] for the reader's own files at the top (its programs, styles and pages:
/// few, and fetched by every reader), [`gzip`] for the data beneath (thousands of files,
/// rebuilt with every issue).
pub fn shipped_gzip(relative: &str, bytes: &[u8]) -> Vec<u8> {
    if relative.contains('/') {
        gzip(bytes)
    } else {
        gzip_smallest(bytes)
    }
}

/// Gzip at the best level.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder
        .write_all(bytes)
        .expect("writing to a Vec cannot fail");
    encoder.finish().expect("writing to a Vec cannot fail")
}

/// Brotli at [`BROTLI_QUALITY`], whatever the file.
pub fn shipped_brotli(_relative: &str, bytes: &[u8]) -> Vec<u8> {
    brotli(bytes)
}

/// Brotli at [`BROTLI_QUALITY`].
pub fn brotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(
            &mut out,
            BROTLI_BUFFER_BYTES,
            BROTLI_QUALITY,
            BROTLI_WINDOW_LOG2,
        );
        writer
            .write_all(bytes)
            .expect("writing to a Vec cannot fail");
    }
    out
}

/// Whether a file, given by its path relative to `dist/` with `/` separators, gets siblings.
pub fn is_compressible(relative: &str) -> bool {
    if relative.ends_with(".gz") || relative.ends_with(".br") {
        return false;
    }
    if relative.starts_with(&format!("{SEARCH_DIR}/")) {
        return true;
    }
    relative
        .rsplit_once('.')
        .is_some_and(|(_, extension)| COMPRESSIBLE_EXTENSIONS.contains(&extension))
}

/// Writes `.gz` and `.br` siblings for every compressible file under `dir`, each only when it
/// is smaller than the original, leaving out the files named in `left_out` by their relative
/// path (a template, written elsewhere with other bytes). Returns how many were written.
pub fn write_siblings_except(dir: &Path, left_out: &[&str]) -> Result<usize> {
    let packers: &[(&str, Packer)] = &[("gz", shipped_gzip), ("br", shipped_brotli)];
    write_siblings_with(dir, packers, |relative| !left_out.contains(&relative))
}

/// Writes only `.br` siblings, like [`write_siblings_except`], of the files `wanted` picks by their
/// relative path: for what `lianluo build` wrote with its `.gz` siblings.
pub fn write_brotli_siblings(dir: &Path, wanted: impl Fn(&str) -> bool) -> Result<usize> {
    write_siblings_with(dir, &[("br", shipped_brotli)], wanted)
}

/// Compresses a file's bytes, given its path relative to the tree.
type Packer = fn(&str, &[u8]) -> Vec<u8>;

fn write_siblings_with(
    dir: &Path,
    packers: &[(&str, Packer)],
    wanted: impl Fn(&str) -> bool,
) -> Result<usize> {
    let mut written = 0;
    for file in files_under(dir)? {
        let relative = relative_slash_path(dir, &file);
        if !is_compressible(&relative) || !wanted(&relative) {
            continue;
        }
        let bytes = fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
        for (suffix, pack) in packers {
            let packed = pack(&relative, &bytes);
            if packed.len() < bytes.len() {
                let sibling = PathBuf::from(format!("{}.{suffix}", file.display()));
                fs::write(&sibling, packed)
                    .with_context(|| format!("writing {}", sibling.display()))?;
                written += 1;
            }
        }
    }
    Ok(written)
}

/// Every regular file under `dir`, recursively, in a stable order.
pub fn files_under(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in
            fs::read_dir(&current).with_context(|| format!("listing {}", current.display()))?
        {
            let path = entry?.path();
            if path.is_dir() {
                pending.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// `path` relative to `base`, with `/` separators whatever the platform.
pub fn relative_slash_path(base: &Path, path: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_and_brotli_round_trip() {
        let text = "联络动态 ".repeat(200);
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&gzip(text.as_bytes())[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
        let mut unbrotli = String::new();
        brotli::Decompressor::new(&brotli(text.as_bytes())[..], 4096)
            .read_to_string(&mut unbrotli)
            .unwrap();
        assert_eq!(unbrotli, text);
    }

    #[test]
    fn the_readers_own_files_are_zopfli_gzip_and_smaller() {
        // Text with the repetition of real code, which zopfli finds more of than flate2.
        let text: String = (0..400)
            .map(|i| {
                format!(
                    "function f{i}(a) {{ return a.map((x) => x * {}); }}\n",
                    i % 7
                )
            })
            .collect();
        let smallest = shipped_gzip("lianluo-0123456789.js", text.as_bytes());
        let data = shipped_gzip("data/issues/2017-15.json", text.as_bytes());
        assert_eq!(data, gzip(text.as_bytes()));
        assert!(
            smallest.len() < data.len(),
            "{} < {}",
            smallest.len(),
            data.len()
        );
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&smallest[..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, text);
    }

    #[test]
    fn compressible_by_extension_or_search_folder() {
        assert!(is_compressible("index.html"));
        assert!(is_compressible("lianluo-0123456789.wasm"));
        assert!(is_compressible("data/issues/2017-15.json"));
        assert!(is_compressible("data/search/3f.bin"));
        assert!(is_compressible("data/search/shard-12"));
        assert!(!is_compressible("index.html.gz"));
        assert!(!is_compressible("data/search/3f.bin.br"));
        assert!(!is_compressible("icon.png"));
        assert!(!is_compressible("web.config"));
    }

    #[test]
    fn siblings_are_written_only_when_smaller() {
        let temp = tempfile::tempdir().unwrap();
        let dir = temp.path();
        fs::write(dir.join("big.json"), "[\"联络动态\"]".repeat(500)).unwrap();
        fs::write(dir.join("tiny.txt"), "a").unwrap();
        fs::write(dir.join("photo.png"), "x".repeat(500)).unwrap();
        fs::write(dir.join("page.html"), "<p>联络动态</p>".repeat(500)).unwrap();
        assert_eq!(write_siblings_except(dir, &["page.html"]).unwrap(), 2);
        assert!(dir.join("big.json.gz").exists());
        assert!(dir.join("big.json.br").exists());
        assert!(!dir.join("tiny.txt.gz").exists());
        assert!(!dir.join("photo.png.gz").exists());
        assert!(!dir.join("page.html.gz").exists(), "left out");
    }
}
