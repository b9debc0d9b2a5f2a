//! Content-hashed file names for the files a browser may cache for a year, and the literal
//! replacements that point the loader and the glue at them.

use anyhow::{bail, Result};
use sha2::{Digest, Sha256};

/// How many hex digits of the SHA-256 go into a hashed name. 10 digits (40 bits) make an
/// accidental collision between two builds negligible while keeping names short; 8–16 is sane.
pub const HASH_HEX_DIGITS: usize = 10;

/// The prefix every hashed file name starts with.
const HASHED_PREFIX: &str = "lianluo-";

/// A short hex digest of the concatenation of `parts`. The wasm and its glue are hashed
/// together so that they always change names together.
pub fn short_hash(parts: &[&[u8]]) -> String {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect::<String>()[..HASH_HEX_DIGITS]
        .to_owned()
}

/// `lianluo-<hash>.<extension>`.
pub fn hashed_name(hash: &str, extension: &str) -> String {
    format!("{HASHED_PREFIX}{hash}.{extension}")
}

/// Whether a file name (not a path) is one written by [`hashed_name`], possibly with a `.gz`
/// or `.br` suffix: such files never change content and may be cached for a year.
pub fn is_hashed_name(file_name: &str) -> bool {
    let base = file_name
        .strip_suffix(".gz")
        .or_else(|| file_name.strip_suffix(".br"))
        .unwrap_or(file_name);
    let Some(rest) = base.strip_prefix(HASHED_PREFIX) else {
        return false;
    };
    let Some((hash, extension)) = rest.split_once('.') else {
        return false;
    };
    hash.len() == HASH_HEX_DIGITS
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        && !extension.is_empty()
}

/// Replaces every occurrence of `from` in `text` with `to`; it is an error when `from` does
/// not occur, because then the output would silently point at a file that does not exist.
pub fn replace_required(text: &str, from: &str, to: &str, file: &str) -> Result<String> {
    if !text.contains(from) {
        bail!("{file} does not contain {from}, which the build must replace with {to}");
    }
    Ok(text.replace(from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_hash_is_a_prefix_of_the_sha256_of_the_concatenation() {
        // sha256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        assert_eq!(short_hash(&[b"abc"]), "ba7816bf8f");
        assert_eq!(short_hash(&[b"a", b"bc"]), "ba7816bf8f");
        assert_ne!(short_hash(&[b"abd"]), short_hash(&[b"abc"]));
    }

    #[test]
    fn hashed_names_are_recognised_and_others_are_not() {
        let name = hashed_name("0123456789", "wasm");
        assert_eq!(name, "lianluo-0123456789.wasm");
        assert!(is_hashed_name(&name));
        assert!(is_hashed_name("lianluo-abcdef0123.js.br"));
        assert!(is_hashed_name("lianluo-abcdef0123.css.gz"));
        assert!(!is_hashed_name("lianluo.js"));
        assert!(!is_hashed_name("lianluo-ABCDEF0123.js"));
        assert!(!is_hashed_name("lianluo-abcdef012.js"));
        assert!(!is_hashed_name("lianluo-abcdef0123"));
        assert!(!is_hashed_name("index.json"));
    }

    #[test]
    fn replace_required_replaces_every_occurrence() {
        let glue = "new URL('lianluo_reader_bg.wasm', import.meta.url); // lianluo_reader_bg.wasm";
        let out =
            replace_required(glue, "lianluo_reader_bg.wasm", "lianluo-1.wasm", "glue").unwrap();
        assert_eq!(
            out,
            "new URL('lianluo-1.wasm', import.meta.url); // lianluo-1.wasm"
        );
    }

    #[test]
    fn replace_required_fails_naming_the_file_and_the_literal() {
        let error = replace_required(
            "import x from './other.js'",
            "\"./lianluo.css\"",
            "x",
            "www/lianluo.js",
        )
        .unwrap_err()
        .to_string();
        assert!(error.contains("www/lianluo.js"), "{error}");
        assert!(error.contains("\"./lianluo.css\""), "{error}");
    }
}
