//! Carries the reader's built files inside `lianluo`, when a build names them.
//!
//! `cargo xtask dist` and `cargo xtask release` assemble the reader (its loader, programs,
//! styles and their compressed siblings, the standalone page and its icon) into a folder and
//! set `LIANLUO_READER_DIR` to it; every file there is then compiled into the binary with
//! `include_bytes!`. A plain `cargo build` or `cargo install` has no such folder: the binary
//! carries no reader and `lianluo build` writes data only.
//!
//! A build script rather than `include_dir!` or `rust-embed`: both need the folder to exist
//! when the crate compiles, which a plain `cargo build` cannot promise, and the folder is named
//! by the one build that made it, not by a path fixed in the source.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// The variable naming the folder of the reader's built files.
const READER_DIR_VARIABLE: &str = "LIANLUO_READER_DIR";

fn main() {
    println!("cargo:rerun-if-env-changed={READER_DIR_VARIABLE}");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let files = match env::var_os(READER_DIR_VARIABLE) {
        Some(dir) if !dir.is_empty() => reader_files(Path::new(&dir)),
        _ => Vec::new(),
    };
    let version = if files.is_empty() {
        String::new()
    } else {
        content_version(&files)
    };
    let mut code = String::from("/// The reader's files, by path relative to the site's top.\n");
    code.push_str("pub static FILES: &[(&str, &[u8])] = &[\n");
    for (relative, path) in &files {
        writeln!(
            code,
            "    ({relative:?}, include_bytes!({:?})),",
            path.display()
        )
        .expect("writing to a String cannot fail");
    }
    code.push_str("];\n");
    fs::write(out.join("carried_reader.rs"), code).expect("writing carried_reader.rs");
    println!("cargo:rustc-env=LIANLUO_READER_VERSION={version}");
}

/// Every file under `dir` by its `/`-separated path relative to `dir`, sorted; each is watched,
/// so that a rebuilt reader is carried again.
fn reader_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let dir = dir
        .canonicalize()
        .unwrap_or_else(|e| panic!("{READER_DIR_VARIABLE}={}: {e}", dir.display()));
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files = Vec::new();
    let mut pending = vec![dir.clone()];
    while let Some(folder) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("listing the reader's folder") {
            let path = entry.expect("reading the reader's folder").path();
            println!("cargo:rerun-if-changed={}", path.display());
            if path.is_dir() {
                pending.push(path);
            } else {
                let relative = path
                    .strip_prefix(&dir)
                    .expect("under the folder")
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                files.push((relative, path));
            }
        }
    }
    files.sort();
    files
}

/// The reader's version: the workspace version and a hash of every carried file's name and
/// bytes (FNV-1a, 64 bits), so that two builds of one version with different readers differ.
fn content_version(files: &[(String, PathBuf)]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &byte in bytes {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for (relative, path) in files {
        feed(relative.as_bytes());
        feed(&[0]);
        feed(&fs::read(path).expect("reading a reader file"));
        feed(&[0]);
    }
    let package = env::var("CARGO_PKG_VERSION").expect("cargo sets CARGO_PKG_VERSION");
    format!("{package}+{hash:016x}")
}
