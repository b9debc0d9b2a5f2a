//! `cargo xtask dist`: build the reader (the WebAssembly programs and their glue, the loader,
//! the styles, the standalone page, each with its compressed siblings) into `target/reader/`,
//! build `lianluo` carrying it, and let that `lianluo build` write `dist/` from the sample
//! archive: the end-to-end suites then test the very site the tool writes.

use crate::assets::{hashed_name, replace_required, short_hash};
use crate::compress::{
    files_under, relative_slash_path, write_brotli_siblings, write_siblings_except,
};
use crate::import_names::shorten;
use crate::install::{NIGHTLY, WASM_TARGET};
use crate::minify::{minify, minify_css};
use crate::paths;
use crate::run::{run, step};
use anyhow::{Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// wasm-opt features: exactly those every browser we support (Chromium 96, Safari 15.4,
/// Firefox 91) implements. Never `--all-features`, which would let wasm-opt emit instructions
/// older browsers reject.
const WASM_OPT_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-reference-types",
    "--enable-multivalue",
    "--enable-mutable-globals",
];

/// One WebAssembly program of the reader: its crate's output names, the literal by which the
/// loader (`www/lianluo.js`) imports its glue, and what its hashed files are named after.
pub struct Program {
    /// The cargo package.
    pub package: &'static str,
    /// The crate's name as cargo writes its `.wasm` (`lianluo_reader`).
    pub crate_name: &'static str,
    /// The hashed files' extension before `.js` and `.wasm`: empty for the reader, so that
    /// its files are `lianluo-<hash>.js`; `search.` for `lianluo-<hash>.search.js`.
    pub kind: &'static str,
}

/// The reader itself, fetched on every first load.
pub const READER: Program = Program {
    package: "lianluo-reader",
    crate_name: "lianluo_reader",
    kind: "",
};

/// The search engine, fetched when a reader first turns to search (`crates/search`).
pub const SEARCH: Program = Program {
    package: "lianluo-search",
    crate_name: "lianluo_search",
    kind: "search.",
};

/// The check program, fetched when a data file cannot be read, to say what is wrong with it
/// (`crates/check`).
pub const CHECK: Program = Program {
    package: "lianluo-check",
    crate_name: "lianluo_check",
    kind: "check.",
};

/// Every program, in the order they are built and named.
const PROGRAMS: [Program; 3] = [READER, SEARCH, CHECK];

impl Program {
    /// wasm-bindgen's glue.
    fn glue_file(&self) -> String {
        format!("{}.js", self.crate_name)
    }

    /// wasm-bindgen's module.
    pub fn wasm_file(&self) -> String {
        format!("{}_bg.wasm", self.crate_name)
    }
}

/// The loader, whose literals `"./lianluo_reader.js"`, `"./lianluo_search.js"`,
/// `"./lianluo_check.js"` and `"./lianluo.css"` the build points at the hashed files.
const LOADER_FILE: &str = "lianluo.js";
const LOADER_CSS_LITERAL: &str = "\"./lianluo.css\"";
const CSS_FILE: &str = "lianluo.css";

/// 朗读's module, which the loader fetches on the first press: minified and named by content
/// (`lianluo-<hash>.read-aloud.js`) like the programs.
const READ_ALOUD_FILE: &str = "read-aloud.js";

/// The stylesheets written as the one hashed stylesheet, in this order: the reader's, and the
/// standalone page's frame, so that the page waits for one stylesheet before its text paints
/// and the reader's shadow root finds it cached. The frame's rules (the page's body, header
/// and host element) match nothing inside a shadow root.
const STYLESHEETS: [&str; 2] = [CSS_FILE, "page.css"];

/// The standalone page's template: `lianluo build` writes it with the newest issue's text
/// inside. It names the styles as `href="lianluo.css"`, which the build points at the hashed
/// file.
const PAGE_FILE: &str = "index.html";

/// Builds everything in release mode and replaces `dist/`; returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    let reader = build_reader(root)?;
    build_cli(root, &reader)?;
    // Per-process names, so that two builds at once cannot pull each other's folders away.
    let staging = root
        .join("target")
        .join(format!("dist-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).context("clearing the previous staging folder")?;
    }
    step("Writing the site from the sample archive with lianluo build");
    run(Command::new(paths::cli_binary(root))
        .arg("build")
        .arg(paths::archive(root))
        .arg("--out")
        .arg(&staging)
        .current_dir(root))?;
    step("Writing .br siblings of the data and the page (lianluo writes their .gz ones)");
    let siblings = write_brotli_siblings(&staging, |relative| {
        relative == PAGE_FILE || relative.starts_with("data/")
    })?;
    println!("    {siblings} compressed siblings");

    let dist = paths::dist(root);
    let previous = root
        .join("target")
        .join(format!("dist-previous-{}", std::process::id()));
    swap_in(&staging, &dist, &previous)?;
    step(format!("dist/ ready at {}", dist.display()));
    Ok(dist)
}

/// Builds the reader's files into [`paths::reader`] and returns that folder. Only files whose
/// bytes changed are written, so that an unchanged reader does not make cargo build `lianluo`
/// again.
pub fn build_reader(root: &Path) -> Result<PathBuf> {
    build_wasm(root)?;
    let staging = root
        .join("target")
        .join(format!("reader-staging-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).context("clearing the previous staging folder")?;
    }
    fs::create_dir_all(&staging)?;
    assemble(root, &staging)?;
    step("Writing the reader's .gz and .br siblings");
    let siblings = write_siblings_except(&staging, &[PAGE_FILE])?;
    println!("    {siblings} compressed siblings");
    let reader = paths::reader(root);
    let changed = sync_folder(&staging, &reader)?;
    fs::remove_dir_all(&staging)?;
    step(format!(
        "The reader's files are in {} ({changed} changed)",
        reader.display()
    ));
    Ok(reader)
}

/// Builds `lianluo` (release) carrying the reader in `reader`.
pub fn build_cli(root: &Path, reader: &Path) -> Result<()> {
    step("Building lianluo (release), carrying the reader");
    run(Command::new("cargo")
        .args(["build", "--release", "-p", "lianluo-cli"])
        .env(READER_DIR_VARIABLE, reader)
        .current_dir(root))
}

/// The variable that tells `crates/cli/build.rs` where the reader's files are.
pub const READER_DIR_VARIABLE: &str = "LIANLUO_READER_DIR";

/// Makes `to` hold exactly the files of `from`, writing only those whose bytes differ;
/// returns how many were written or removed.
fn sync_folder(from: &Path, to: &Path) -> Result<usize> {
    let mut changed = 0;
    let wanted: Vec<String> = files_under(from)?
        .iter()
        .map(|file| relative_slash_path(from, file))
        .collect();
    if to.exists() {
        for file in files_under(to)? {
            if !wanted.contains(&relative_slash_path(to, &file)) {
                fs::remove_file(&file)?;
                changed += 1;
            }
        }
    }
    for relative in &wanted {
        let bytes = read(&from.join(relative))?;
        let target = to.join(relative);
        if fs::read(&target).ok().as_ref() != Some(&bytes) {
            if let Some(parent) = target.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&target, bytes)?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Unstable flags the shipped WebAssembly is built with (docs/development.md, "The
/// WebAssembly's toolchain"): the standard library compiled for size with the reader rather
/// than the prebuilt one; panics that stop the program at once, without formatting a
/// message no one reads (the loader says what happened); and, since nothing the shipped
/// program shows comes from `{:?}` or a source location, `Debug` formatting compiled to
/// nothing and no file names or lines kept for panics.
const SIZE_FLAGS: [&str; 2] = [
    "-Zbuild-std=std,panic_abort",
    "-Zbuild-std-features=optimize_for_size",
];
const SIZE_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none";

/// Release wasm of every program with the dated nightly (the reader with its search engine
/// left to the second module), wasm-bindgen glue into `pkg/`, then wasm-opt in place.
fn build_wasm(root: &Path) -> Result<()> {
    step(format!(
        "Building the reader, its search engine and its check program for WebAssembly (release, {NIGHTLY}, \
         standard library built for size)"
    ));
    run(Command::new("cargo")
        .arg(format!("+{NIGHTLY}"))
        .args(["build", "--release", "--target", WASM_TARGET, "--lib"])
        .args(PROGRAMS.iter().flat_map(|program| ["-p", program.package]))
        .args(["--features", "lianluo-reader/search-module"])
        .args(SIZE_FLAGS)
        .env("RUSTFLAGS", SIZE_RUSTFLAGS)
        .current_dir(root))?;
    for program in PROGRAMS {
        step(format!(
            "Generating {}'s JavaScript glue (wasm-bindgen --target web) and optimising it \
             for size (wasm-opt -Oz)",
            program.package
        ));
        let optimised = bind(root, &program, &paths::pkg(root))?;
        optimise(root, &optimised, &optimised, &[])?;
        shorten_imports(&paths::pkg(root), &program)?;
    }
    Ok(())
}

/// Gives `program`'s imports short names in its module and glue in `pkg` (see
/// [`crate::import_names`]).
fn shorten_imports(pkg: &Path, program: &Program) -> Result<()> {
    step(format!(
        "Giving {}'s imports short names in its WebAssembly and glue",
        program.package
    ));
    let (wasm_path, glue_path) = (pkg.join(program.wasm_file()), pkg.join(program.glue_file()));
    let (wasm, glue) = shorten(&read(&wasm_path)?, &read_text(&glue_path)?)
        .with_context(|| format!("shortening the imports of {}", wasm_path.display()))?;
    fs::write(&wasm_path, wasm)?;
    fs::write(&glue_path, glue)?;
    Ok(())
}

/// Runs wasm-bindgen on the release build of `program`, writing its glue and its module
/// (`<crate>_bg.wasm`) into `out_dir`; returns the module's path.
pub fn bind(root: &Path, program: &Program, out_dir: &Path) -> Result<PathBuf> {
    let wasm = root
        .join("target")
        .join(WASM_TARGET)
        .join("release")
        .join(format!("{}.wasm", program.crate_name));
    run(Command::new(paths::tools_bin(root).join("wasm-bindgen"))
        .args(["--target", "web", "--no-typescript", "--out-dir"])
        .arg(out_dir)
        .arg(wasm)
        .current_dir(root))?;
    Ok(out_dir.join(program.wasm_file()))
}

/// `wasm-opt -Oz` with the shipped features and `extra` arguments, from `input` to `output`:
/// - `--converge` runs the passes again until they shrink the module no further (0.3 KB
///   gzip less of the reader for a few seconds more);
/// - `--low-memory-unused` lets it fold a constant added to an address into the access's
///   offset (1.2 KB): it assumes no address below 1024 is reached by an addition that
///   wraps, which Rust's pointers never do (its linker puts the 1 MB stack first, and a
///   pointer's arithmetic does not wrap);
/// - the custom sections that only name the tools and features the module was built with
///   go (no browser reads them).
pub fn optimise(root: &Path, input: &Path, output: &Path, extra: &[&str]) -> Result<()> {
    run(Command::new(paths::node_bin(root, "wasm-opt"))
        .args(["-Oz", "--converge", "--low-memory-unused"])
        .args(["--strip-producers", "--strip-target-features"])
        .args(WASM_OPT_FEATURES)
        .args(extra)
        .arg(input)
        .arg("-o")
        .arg(output)
        .current_dir(root))
}

/// Copies `www/` (without the archive sources) and writes the hashed wasm, glue and styles.
fn assemble(root: &Path, staging: &Path) -> Result<()> {
    step("Copying www/ (except archive/) into dist/");
    let www = paths::www(root);
    let archive = paths::archive(root);
    for file in files_under(&www)? {
        // The styles are written under their hashed name only.
        if file.starts_with(&archive)
            || STYLESHEETS.iter().any(|name| file == www.join(name))
            || file == www.join(READ_ALOUD_FILE)
        {
            continue;
        }
        let target = staging.join(relative_slash_path(&www, &file));
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::copy(&file, &target).with_context(|| format!("copying {}", file.display()))?;
    }

    step("Naming the wasm, glue and styles by content hash");
    let loader_path = www.join(LOADER_FILE);
    let mut loader = read_text(&loader_path)?;
    let shown = loader_path.display().to_string();
    for program in PROGRAMS {
        let glue_name = write_hashed(root, &program, staging)?;
        loader = replace_required(
            &loader,
            &format!("\"./{}\"", program.glue_file()),
            &format!("\"./{glue_name}\""),
            &shown,
        )?;
    }

    let mut css = String::new();
    for name in STYLESHEETS {
        css.push_str(&read_text(&www.join(name))?);
    }
    let css = minify_css(root, &css, CSS_FILE)?.into_bytes();
    let css_name = hashed_name(&short_hash(&[&css]), "css");
    fs::write(staging.join(&css_name), css)?;

    let loader = replace_required(
        &loader,
        LOADER_CSS_LITERAL,
        &format!("\"./{css_name}\""),
        &shown,
    )?;
    let read_aloud = minify(
        root,
        &read_text(&www.join(READ_ALOUD_FILE))?,
        READ_ALOUD_FILE,
    )?;
    let read_aloud_name = hashed_name(&short_hash(&[read_aloud.as_bytes()]), "read-aloud.js");
    fs::write(staging.join(&read_aloud_name), read_aloud)?;
    let loader = replace_required(
        &loader,
        &format!("\"./{READ_ALOUD_FILE}\""),
        &format!("\"./{read_aloud_name}\""),
        &shown,
    )?;
    fs::write(staging.join(LOADER_FILE), minify(root, &loader, &shown)?)?;

    let page_path = www.join(PAGE_FILE);
    let mut page = read_text(&page_path)?;
    let shown = page_path.display().to_string();
    page = replace_required(
        &page,
        &format!("href=\"{CSS_FILE}\""),
        &format!("href=\"{css_name}\""),
        &shown,
    )?;
    fs::write(staging.join(PAGE_FILE), page)?;
    println!("    {css_name}");
    Ok(())
}

/// Writes `program`'s module and minified glue from `pkg/` into `staging` under names hashed
/// from both (so that they always change names together); returns the glue's name.
fn write_hashed(root: &Path, program: &Program, staging: &Path) -> Result<String> {
    let pkg = paths::pkg(root);
    let wasm = read(&pkg.join(program.wasm_file()))?;
    let glue = read_text(&pkg.join(program.glue_file()))?;
    let hash = short_hash(&[&wasm, glue.as_bytes()]);
    let wasm_name = hashed_name(&hash, &format!("{}wasm", program.kind));
    let glue_name = hashed_name(&hash, &format!("{}js", program.kind));
    let glue = replace_required(
        &glue,
        &program.wasm_file(),
        &wasm_name,
        "the wasm-bindgen glue",
    )?;
    fs::write(staging.join(&wasm_name), wasm)?;
    let glue = minify(root, &glue, &program.glue_file())?;
    fs::write(staging.join(&glue_name), glue)?;
    println!("    {wasm_name}, {glue_name}");
    Ok(glue_name)
}

/// Replaces `dist` with `staging` by renames, so a failed build never leaves a half-written
/// `dist/` and a successful one replaces it in one step.
fn swap_in(staging: &Path, dist: &Path, previous: &Path) -> Result<()> {
    if previous.exists() {
        fs::remove_dir_all(previous)?;
    }
    if dist.exists() {
        fs::rename(dist, previous).context("moving the old dist/ aside")?;
    }
    fs::rename(staging, dist).context("moving the new dist/ into place")?;
    if previous.exists() {
        fs::remove_dir_all(previous)?;
    }
    Ok(())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("reading {}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))
}
