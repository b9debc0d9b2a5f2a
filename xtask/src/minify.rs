//! The shipped JavaScript (the loader and each program's wasm-bindgen glue) and stylesheet
//! minified by esbuild, from the committed `package-lock.json`: comments and long names are a
//! third of a first load's script bytes and of the stylesheet's, and a phone pays for every
//! one.

use crate::paths;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

/// `source`, an ES module, minified; `what` names it in errors. Exports, `import.meta` and
/// dynamic imports are kept as they are, nothing is bundled, and text stays UTF-8 (escaped,
/// the loader's Chinese sentences would take twice the bytes).
pub fn minify(root: &Path, source: &str, what: &str) -> Result<String> {
    esbuild(root, source, what, &["--format=esm", "--loader=js"])
}

/// `source`, a stylesheet, minified: comments and spaces go, colours and numbers are written
/// short; rules keep their order. `what` names it in errors.
pub fn minify_css(root: &Path, source: &str, what: &str) -> Result<String> {
    esbuild(root, source, what, &["--loader=css"])
}

fn esbuild(root: &Path, source: &str, what: &str, args: &[&str]) -> Result<String> {
    let mut child = Command::new(paths::node_bin(root, "esbuild"))
        .args(["--minify", "--charset=utf8", "--log-level=warning"])
        .args(args)
        .current_dir(root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("starting esbuild (node_modules/.bin/esbuild; `npm ci` installs it)")?;
    child
        .stdin
        .take()
        .context("esbuild's input")?
        .write_all(source.as_bytes())
        .with_context(|| format!("sending {what} to esbuild"))?;
    let output = child.wait_with_output()?;
    if !output.status.success() {
        bail!(
            "esbuild could not minify {what}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    String::from_utf8(output.stdout).with_context(|| format!("esbuild's output for {what}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_local_names_go_exports_and_import_meta_stay() {
        let source = "// The glue.\nconst WORDS = \"阅读器\";\nconst GLUE = new URL(\"./lianluo-0123456789.js\", import.meta.url).href;\n\
                      export function mountReader(container) { const longLocalName = container; return longLocalName; }\n\
                      export default async function init() { return import(GLUE + WORDS); }\n";
        let minified = minify(&paths::repo_root(), source, "a test module").unwrap();
        assert!(minified.len() < source.len(), "{minified}");
        assert!(!minified.contains("The glue"), "{minified}");
        assert!(!minified.contains("longLocalName"), "{minified}");
        for kept in [
            "阅读器",
            "import.meta.url",
            "\"./lianluo-0123456789.js\"",
            "mountReader",
            "export",
        ] {
            assert!(minified.contains(kept), "{kept} in {minified}");
        }
    }

    #[test]
    fn a_stylesheet_loses_its_comments_and_keeps_its_rules_in_order() {
        let source = "/* The reader. */\n.reader { color: #ffffff; }\n\n@media (prefers-contrast: more) {\n  .reader { --ink: #000000; }\n}\n.reader.elder { --target: 48px; }\n";
        let minified = minify_css(&paths::repo_root(), source, "a test stylesheet").unwrap();
        assert!(!minified.contains("The reader"), "{minified}");
        let order: Vec<usize> = ["color:", "prefers-contrast:more", ".reader.elder"]
            .iter()
            .map(|wanted| {
                minified
                    .find(wanted)
                    .unwrap_or_else(|| panic!("{wanted} in {minified}"))
            })
            .collect();
        assert!(order.windows(2).all(|pair| pair[0] < pair[1]), "{minified}");
        assert!(minified.len() < source.len() * 3 / 4, "{minified}");
    }

    #[test]
    fn a_syntax_error_is_reported_with_the_file_named() {
        let error = minify(&paths::repo_root(), "export const = ;", "lianluo.js").unwrap_err();
        assert!(error.to_string().contains("lianluo.js"), "{error}");
    }
}
