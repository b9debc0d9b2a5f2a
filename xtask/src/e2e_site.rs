//! What the end-to-end suite opens, beside `dist/`: the folders are prepared here and served by
//! the end-to-end layers of `cargo xtask test`, and by `cargo xtask serve --e2e` for running
//! the suite by hand.

use crate::assets::is_hashed_name;
use crate::compress::files_under;
use crate::paths;
use crate::run::run;
use crate::serve::Mount;
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;

/// Prepares and lists the mounts of the end-to-end site for `dist`: `dist/` at `/`,
/// `tests/e2e/pages/` at `/e2e/`, and beside them:
///
/// - `/shared/`: `dist/data/` as a site that shares it with any other would serve it (for the
///   cross-origin tests, which read it from the other loopback name);
/// - `/poisoned/`: a site built by the CLI from an issue whose every text field carries markup
///   and script, whose static pages and fragments must show it all as text;
/// - `/no-wasm/` and `/no-glue/`: `dist/` without the WebAssembly, and without the JavaScript
///   glue that loads it, as a failed or blocked download leaves a site; `/no-wasm/e2e/` has the
///   host pages. Every engine sees these the same way, where a blocked request would need
///   Chromium's interception.
pub fn mounts(root: &Path, dist: &Path) -> Result<Vec<Mount>> {
    let suite = root.join("tests").join("e2e");
    if !suite.is_dir() {
        bail!("there is no end-to-end suite at {}", suite.display());
    }
    let poisoned = root.join("target").join("e2e-poisoned");
    run(Command::new(paths::cli_binary(root))
        .arg("build")
        .arg(paths::e2e_pages(root).join("poisoned-src"))
        .arg("--out")
        .arg(&poisoned)
        .args(["--data-only", "--reader-script", "../../lianluo.js"]))?;
    let no_wasm = root.join("target").join("e2e-no-wasm");
    copy_site_without(dist, &no_wasm, |name| is_reader_program(name, "wasm"))?;
    let no_glue = root.join("target").join("e2e-no-glue");
    copy_site_without(dist, &no_glue, |name| is_reader_program(name, "js"))?;
    Ok(vec![
        Mount::at("/poisoned", poisoned),
        Mount::root(dist.to_path_buf()),
        Mount::at("/e2e", paths::e2e_pages(root)),
        Mount::shared("/shared", dist.join("data")),
        Mount::at("/no-wasm/e2e", paths::e2e_pages(root)),
        Mount::at("/no-wasm", no_wasm),
        Mount::at("/no-glue", no_glue),
    ])
}

/// Whether `file_name` is the reader's hashed WebAssembly (`extension` "wasm") or glue ("js"),
/// or a compressed sibling of it; the loader, `lianluo.js`, is neither.
fn is_reader_program(file_name: &str, extension: &str) -> bool {
    let base = file_name
        .strip_suffix(".gz")
        .or_else(|| file_name.strip_suffix(".br"))
        .unwrap_or(file_name);
    is_hashed_name(file_name) && base.ends_with(&format!(".{extension}"))
}

/// Replaces `to` with a copy of the folder `from` (hard links where the file system allows)
/// leaving out the files whose names `left_out` picks.
fn copy_site_without(from: &Path, to: &Path, left_out: impl Fn(&str) -> bool) -> Result<()> {
    if to.exists() {
        fs::remove_dir_all(to).with_context(|| format!("removing {}", to.display()))?;
    }
    for file in files_under(from)? {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        if left_out(&name) {
            continue;
        }
        let target = to.join(file.strip_prefix(from)?);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        if fs::hard_link(&file, &target).is_err() {
            fs::copy(&file, &target)
                .with_context(|| format!("copying {} to {}", file.display(), target.display()))?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reader_program_is_told_from_the_loader_and_the_stylesheet() {
        assert!(is_reader_program("lianluo-9a1df66987.wasm", "wasm"));
        assert!(is_reader_program("lianluo-9a1df66987.wasm.br", "wasm"));
        assert!(is_reader_program("lianluo-9a1df66987.js.gz", "js"));
        assert!(!is_reader_program("lianluo-9a1df66987.js", "wasm"));
        assert!(!is_reader_program("lianluo.js", "js"));
        assert!(!is_reader_program("lianluo.js.br", "js"));
        assert!(!is_reader_program("lianluo-ae8936bd25.css", "js"));
    }

    #[test]
    fn a_site_is_copied_without_the_files_left_out() {
        let from = tempfile::tempdir().unwrap();
        let to = tempfile::tempdir().unwrap();
        let copy = to.path().join("site");
        fs::create_dir(from.path().join("data")).unwrap();
        fs::write(from.path().join("index.html"), "page").unwrap();
        fs::write(from.path().join("data").join("index.json"), "{}").unwrap();
        fs::write(from.path().join("lianluo-9a1df66987.wasm"), "\0asm").unwrap();
        fs::create_dir(&copy).unwrap();
        fs::write(copy.join("stale.txt"), "from an earlier run").unwrap();

        copy_site_without(from.path(), &copy, |name| is_reader_program(name, "wasm")).unwrap();
        let mut copied: Vec<String> = files_under(&copy)
            .unwrap()
            .iter()
            .map(|file| crate::compress::relative_slash_path(&copy, file))
            .collect();
        copied.sort();
        assert_eq!(copied, ["data/index.json", "index.html"]);
        assert_eq!(fs::read_to_string(copy.join("index.html")).unwrap(), "page");
    }
}
