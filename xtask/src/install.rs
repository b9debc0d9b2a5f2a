//! Installing what is missing — the only set-up there is. Every step checks first, is skipped
//! when already satisfied, and says what it installs.

use crate::paths;
use crate::run::{describe, probe, run, step};
use anyhow::{bail, Context, Result};
use serde::Deserialize;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The WebAssembly target the reader is built for.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// The Debian Chromium the browser layers drive.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// The Debian chromedriver that wasm-bindgen-test-runner drives.
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// What `build`, `serve` and `dist` need: the wasm target, the nightly the shipped wasm is
/// built with (and its standard library's source), wasm-bindgen-cli, the node tools.
pub fn ensure_build_tools(root: &Path) -> Result<()> {
    ensure_rust_target(WASM_TARGET)?;
    ensure_toolchain(NIGHTLY)?;
    ensure_rust_src(NIGHTLY)?;
    ensure_wasm_bindgen(root)?;
    ensure_node_modules(root)
}

/// What `test` and `bench` need on top of the build tools: Chromium, chromedriver, CJK fonts.
pub fn ensure_browser_tools(root: &Path) -> Result<()> {
    ensure_build_tools(root)?;
    ensure_debian_packages(&[
        ("chromium", Installed::File(CHROMIUM)),
        ("chromium-driver", Installed::File(CHROMEDRIVER)),
        ("fonts-noto-cjk", Installed::NotoCjkFont),
    ])
}

/// Adds the Rust target `target` (its standard library) to the default toolchain with rustup.
fn ensure_rust_target(target: &str) -> Result<()> {
    let installed = probe(Command::new("rustup").args(["target", "list", "--installed"]))
        .with_context(|| {
            format!("rustup is needed to add the Rust target {target}; install Rust with rustup")
        })?;
    if installed.lines().any(|line| line.trim() == target) {
        step(format!("Rust target {target}: installed"));
        return Ok(());
    }
    step(format!("Installing the Rust target {target}"));
    run(Command::new("rustup").args(["target", "add", target]))
}

fn ensure_wasm_bindgen(root: &Path) -> Result<()> {
    let wanted = locked_version(&cargo_metadata(root)?, "wasm-bindgen").context(
        "finding the wasm-bindgen-cli version to install; is the viewer crate in the workspace?",
    )?;
    let binary = paths::tools_bin(root).join("wasm-bindgen");
    let found = probe(Command::new(&binary).arg("--version"));
    if found.as_deref().and_then(reported_version) == Some(wanted.as_str()) {
        step(format!("wasm-bindgen-cli {wanted}: installed"));
        return Ok(());
    }
    step(format!(
        "Installing wasm-bindgen-cli {wanted} into {} (matches the wasm-bindgen crate in Cargo.lock)",
        paths::tools_root(root).display()
    ));
    run(Command::new("cargo")
        .args(["install", "wasm-bindgen-cli", "--version"])
        .arg(format!("={wanted}"))
        .arg("--root")
        .arg(paths::tools_root(root)))
}

fn ensure_node_modules(root: &Path) -> Result<()> {
    let lock = root.join("package-lock.json");
    let marker = root.join("node_modules").join(".package-lock.json");
    let modified = |path: &Path| fs::metadata(path).and_then(|m| m.modified()).ok();
    let lock_time = modified(&lock).context("package-lock.json is missing")?;
    if modified(&marker).is_some_and(|installed| installed >= lock_time) {
        step("node_modules: up to date with package-lock.json");
        return Ok(());
    }
    step("Installing the node tools from package-lock.json (npm ci; no browser downloads)");
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("PUPPETEER_SKIP_DOWNLOAD", "1")
        .current_dir(root))
}

/// Where Debian installs fonts.
const FONT_DIR: &str = "/usr/share/fonts";

/// Whether a Noto CJK font file (NotoSansCJK…, NotoSerifCJK…) is anywhere under `dir`.
fn font_file_present(dir: &Path) -> bool {
    crate::compress::files_under(dir).is_ok_and(|files| {
        files.iter().any(|file| {
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            name.starts_with("Noto") && name.contains("CJK")
        })
    })
}

fn is_root() -> bool {
    probe(Command::new("id").arg("-u")).is_some_and(|uid| uid.trim() == "0")
}

/// The Rust target the Windows build of `lianluo` is cross-built for.
pub const WINDOWS_TARGET: &str = "x86_64-pc-windows-gnu";

/// Debian's Wine loader for 64-bit Windows programs (package `wine64`).
pub const WINE: &str = "/usr/lib/wine/wine64";

/// The linker the Windows target uses (package `mingw-w64`).
pub const MINGW_LINKER: &str = "/usr/bin/x86_64-w64-mingw32-gcc";

/// What the Windows build and its check under Wine need: the Rust target, Debian's mingw-w64
/// (the linker and Windows libraries) and wine64.
pub fn ensure_windows_tools() -> Result<()> {
    ensure_rust_target(WINDOWS_TARGET)?;
    ensure_debian_packages(&[
        ("mingw-w64", Installed::File(MINGW_LINKER)),
        ("wine64", Installed::File(WINE)),
    ])
}

/// The zig release (PyPI `ziglang`) cargo-zigbuild links the Linux cross builds with, and
/// cargo-zigbuild's own (PyPI `cargo-zigbuild`).
pub const ZIGLANG_VERSION: &str = "0.17.1";
pub const CARGO_ZIGBUILD_VERSION: &str = "0.24.1";

/// The qemu-user emulators the Linux cross builds are run with (package `qemu-user-static`).
pub const QEMU_AARCH64: &str = "/usr/bin/qemu-aarch64-static";
pub const QEMU_LOONGARCH64: &str = "/usr/bin/qemu-loongarch64-static";

/// What the aarch64 and loongarch64 builds and their check need: the aarch64 musl target (the
/// loongarch64 one is built from the nightly's source, as no standard library is shipped for
/// it), zig and cargo-zigbuild from PyPI in a virtual environment of the project's own, and
/// Debian's qemu-user-static. Returns the folder holding `cargo-zigbuild` and its `python3`.
pub fn ensure_linux_cross_tools(root: &Path) -> Result<PathBuf> {
    ensure_rust_target("aarch64-unknown-linux-musl")?;
    ensure_toolchain(NIGHTLY)?;
    ensure_rust_src(NIGHTLY)?;
    ensure_debian_packages(&[("qemu-user-static", Installed::File(QEMU_LOONGARCH64))])?;
    let venv = paths::tools_root(root).join("zig");
    let bin = venv.join("bin");
    let wanted = format!("{ZIGLANG_VERSION} {CARGO_ZIGBUILD_VERSION}");
    let stamp = venv.join("installed.txt");
    if fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        step(format!(
            "zig {ZIGLANG_VERSION}, cargo-zigbuild {CARGO_ZIGBUILD_VERSION}: installed"
        ));
        return Ok(bin);
    }
    step(format!(
        "Installing zig {ZIGLANG_VERSION} and cargo-zigbuild {CARGO_ZIGBUILD_VERSION} from PyPI into {}",
        venv.display()
    ));
    run(Command::new("python3").args(["-m", "venv"]).arg(&venv))?;
    run(Command::new(bin.join("pip")).args([
        "install",
        "--quiet",
        &format!("ziglang=={ZIGLANG_VERSION}"),
        &format!("cargo-zigbuild=={CARGO_ZIGBUILD_VERSION}"),
    ]))?;
    fs::write(&stamp, wanted)?;
    Ok(bin)
}

/// What shows that a Debian package is installed.
#[derive(Clone, Copy)]
enum Installed {
    /// A file the package provides.
    File(&'static str),
    /// A Noto CJK font, which fonts-noto-cjk provides under several names and folders.
    NotoCjkFont,
}

impl Installed {
    fn holds(self) -> bool {
        match self {
            Installed::File(path) => Path::new(path).exists(),
            // fc-list comes with fontconfig, which a minimal system may lack even once the
            // fonts are installed; then the font folder is looked at directly.
            Installed::NotoCjkFont => {
                probe(&mut Command::new("fc-list")).is_some_and(|fonts| has_noto_cjk(&fonts))
                    || font_file_present(Path::new(FONT_DIR))
            }
        }
    }
}

/// Installs, from Debian, each of `packages` that is not installed: as root with apt-get;
/// otherwise it stops and says what to run.
fn ensure_debian_packages(packages: &[(&str, Installed)]) -> Result<()> {
    let names = |list: &[&str]| list.join(", ");
    let all: Vec<&str> = packages.iter().map(|(package, _)| *package).collect();
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, installed)| !installed.holds())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        step(format!("{}: installed", names(&all)));
        return Ok(());
    }
    let install = format!("apt-get install -y {}", missing.join(" "));
    if !is_root() {
        bail!(
            "missing: {}. As root, run: apt-get update && {install}",
            names(&missing)
        );
    }
    step(format!("Installing {} from Debian", names(&missing)));
    run(Command::new("apt-get").arg("update"))?;
    run(Command::new("apt-get")
        .args(["install", "-y"])
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}

/// Whether `fc-list` output lists a Noto CJK family (Sans or Serif).
fn has_noto_cjk(fc_list: &str) -> bool {
    fc_list
        .lines()
        .any(|line| line.contains("Noto") && line.contains("CJK"))
}

/// The dated nightly toolchain the shipped WebAssembly is built with (for `-Zbuild-std` and
/// `-Cpanic=immediate-abort`, docs/development.md) and cargo-fuzz builds the fuzz targets
/// with; `fuzz/rust-toolchain.toml` names the same one, for running cargo-fuzz by hand. Stable
/// builds and checks everything else.
pub const NIGHTLY: &str = "nightly-2026-10-29";

/// The cargo-fuzz release installed into the project-local tools root.
pub const CARGO_FUZZ_VERSION: &str = "0.13.2";

/// The geckodriver release wasm-bindgen-test-runner drives Firefox with.
pub const GECKODRIVER_VERSION: &str = "0.37.1";

/// The Debian Firefox ESR the Firefox component tests run in.
pub const FIREFOX: &str = "/usr/bin/firefox-esr";

/// What `cargo xtask fuzz` and the fuzz layer need: the pinned nightly and cargo-fuzz.
pub fn ensure_fuzz_tools(root: &Path) -> Result<()> {
    ensure_toolchain(NIGHTLY)?;
    ensure_cargo_tool(root, "cargo-fuzz", CARGO_FUZZ_VERSION, true)
}

/// What the Firefox layers need: Firefox ESR from Debian, geckodriver from crates.io.
pub fn ensure_firefox(root: &Path) -> Result<()> {
    ensure_debian_packages(&[("firefox-esr", Installed::File(FIREFOX))])?;
    // Without `--locked`, like wasm-bindgen-cli: the way this install was tried and works.
    ensure_cargo_tool(root, "geckodriver", GECKODRIVER_VERSION, false)
}

/// The geckodriver installed by [`ensure_firefox`].
pub fn geckodriver(root: &Path) -> PathBuf {
    paths::tools_bin(root).join("geckodriver")
}

/// Debian's WebDriver server for WebKitGTK (package `webkit2gtk-driver`); it drives MiniBrowser.
pub const WEBKIT_WEBDRIVER: &str = "/usr/bin/WebKitWebDriver";

/// The virtual X server MiniBrowser runs under, having no headless mode (package `xvfb`).
pub const XVFB: &str = "/usr/bin/Xvfb";

/// What the WebKit end-to-end layer needs: WebKitWebDriver (with MiniBrowser) and Xvfb.
pub fn ensure_webkit() -> Result<()> {
    ensure_debian_packages(&[
        ("webkit2gtk-driver", Installed::File(WEBKIT_WEBDRIVER)),
        ("xvfb", Installed::File(XVFB)),
    ])
}

fn ensure_toolchain(toolchain: &str) -> Result<()> {
    let installed = probe(Command::new("rustup").args(["toolchain", "list"]))
        .context("rustup is needed to install the dated nightly toolchain")?;
    if installed.lines().any(|line| line.starts_with(toolchain)) {
        step(format!("Rust toolchain {toolchain}: installed"));
        return Ok(());
    }
    step(format!("Installing the Rust toolchain {toolchain}"));
    run(Command::new("rustup").args(["toolchain", "install", toolchain, "--profile", "minimal"]))
}

/// The standard library's source for `toolchain`, which `-Zbuild-std` compiles.
fn ensure_rust_src(toolchain: &str) -> Result<()> {
    let installed = probe(Command::new("rustup").args([
        "component",
        "list",
        "--installed",
        "--toolchain",
        toolchain,
    ]))
    .context("rustup is needed to add the standard library's source")?;
    if installed.lines().any(|line| line.starts_with("rust-src")) {
        return Ok(());
    }
    step(format!("Installing rust-src for {toolchain}"));
    run(Command::new("rustup").args(["component", "add", "rust-src", "--toolchain", toolchain]))
}

/// `cargo install krate --version =version --root target/tools` (with `--locked` when
/// `locked`), unless the binary of that name there already reports that version.
fn ensure_cargo_tool(root: &Path, krate: &str, version: &str, locked: bool) -> Result<()> {
    let path = paths::tools_bin(root).join(krate);
    let found = probe(Command::new(&path).arg("--version"));
    if found.as_deref().and_then(reported_version) == Some(version) {
        step(format!("{krate} {version}: installed"));
        return Ok(());
    }
    step(format!(
        "Installing {krate} {version} into {}",
        paths::tools_root(root).display()
    ));
    let mut install = Command::new("cargo");
    install.args(["install", krate]);
    if locked {
        install.arg("--locked");
    }
    run(install
        .arg("--version")
        .arg(format!("={version}"))
        .arg("--root")
        .arg(paths::tools_root(root)))
}

/// `cargo metadata` for the workspace at `root`, resolved from Cargo.lock as it stands
/// (`--locked`), as JSON. Cargo's own messages (a download, a lock file out of date) are shown.
fn cargo_metadata(root: &Path) -> Result<Vec<u8>> {
    let mut command = Command::new("cargo");
    command
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(root)
        .stderr(Stdio::inherit());
    let output = command
        .output()
        .with_context(|| format!("could not start {}", describe(&command)))?;
    if !output.status.success() {
        bail!("{} failed ({})", describe(&command), output.status);
    }
    Ok(output.stdout)
}

/// The part of `cargo metadata`'s output read here: every package of the resolved workspace.
#[derive(Deserialize)]
struct Metadata {
    packages: Vec<MetadataPackage>,
}

/// A package as `cargo metadata` names it.
#[derive(Deserialize)]
struct MetadataPackage {
    name: String,
    version: String,
}

/// The one version of `package` in `cargo metadata` output, e.g. `0.2.130` for
/// `wasm-bindgen`. Several versions are an error: a tool that must match the crate (as
/// wasm-bindgen-cli must) could match only one of them.
fn locked_version(metadata: &[u8], package: &str) -> Result<String> {
    let metadata: Metadata =
        serde_json::from_slice(metadata).context("reading the output of cargo metadata")?;
    let mut versions: Vec<String> = metadata
        .packages
        .into_iter()
        .filter(|found| found.name == package)
        .map(|found| found.version)
        .collect();
    versions.sort_unstable();
    versions.dedup();
    match versions.as_slice() {
        [version] => Ok(version.clone()),
        [] => bail!("Cargo.lock has no {package} package"),
        several => bail!(
            "Cargo.lock has {package} at several versions ({})",
            several.join(", ")
        ),
    }
}

/// The version in a `tool --version` line such as `wasm-bindgen 0.2.130`.
fn reported_version(output: &str) -> Option<&str> {
    output.split_whitespace().nth(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `cargo metadata` output cut to what [`locked_version`] reads, and a field it ignores.
    fn metadata(packages: &[(&str, &str)]) -> Vec<u8> {
        let packages: Vec<serde_json::Value> = packages
            .iter()
            .map(|(name, version)| {
                serde_json::json!({
                    "name": name,
                    "version": version,
                    "source": "registry+https://github.com/rust-lang/crates.io-index",
                })
            })
            .collect();
        serde_json::to_vec(&serde_json::json!({ "packages": packages, "version": 1 })).unwrap()
    }

    #[test]
    fn locked_version_matches_the_exact_package_name() {
        let metadata = metadata(&[
            ("wasm-bindgen-futures", "0.4.50"),
            ("wasm-bindgen", "0.2.130"),
        ]);
        assert_eq!(
            locked_version(&metadata, "wasm-bindgen").unwrap(),
            "0.2.130"
        );
        assert_eq!(
            locked_version(&metadata, "wasm-bindgen-futures").unwrap(),
            "0.4.50"
        );
        assert!(locked_version(&metadata, "wasm").is_err());
    }

    #[test]
    fn several_locked_versions_are_an_error_naming_them() {
        let metadata = metadata(&[
            ("wasm-bindgen", "0.2.130"),
            ("wasm-bindgen", "0.2.100"),
            ("wasm-bindgen", "0.2.130"),
        ]);
        let error = locked_version(&metadata, "wasm-bindgen").unwrap_err();
        assert!(error.to_string().contains("0.2.100, 0.2.130"), "{error}");
    }

    #[test]
    fn the_workspace_locks_the_wasm_bindgen_the_reader_pins() {
        let root = paths::repo_root();
        let version = locked_version(&cargo_metadata(&root).unwrap(), "wasm-bindgen").unwrap();
        let manifest = fs::read_to_string(root.join("Cargo.toml")).unwrap();
        assert!(
            manifest.contains(&format!("wasm-bindgen = \"={version}\"")),
            "Cargo.lock has wasm-bindgen {version}, the reader's Cargo.toml pins another"
        );
    }

    #[test]
    fn the_fuzz_nightly_is_the_one_fuzz_rust_toolchain_names() {
        let file = paths::repo_root().join("fuzz").join("rust-toolchain.toml");
        let text = fs::read_to_string(file).unwrap();
        assert!(text.contains(&format!("channel = \"{NIGHTLY}\"")), "{text}");
    }

    #[test]
    fn reported_version_reads_the_second_word() {
        assert_eq!(reported_version("wasm-bindgen 0.2.130\n"), Some("0.2.130"));
        assert_eq!(reported_version(""), None);
    }

    #[test]
    fn noto_cjk_font_files_are_found_in_subfolders() {
        let fonts = tempfile::tempdir().unwrap();
        let folder = fonts.path().join("opentype").join("noto");
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("DejaVuSans.ttf"), "").unwrap();
        assert!(!font_file_present(fonts.path()));
        fs::write(folder.join("NotoSansCJK-Regular.ttc"), "").unwrap();
        assert!(font_file_present(fonts.path()));
        assert!(!font_file_present(&fonts.path().join("absent")));
    }

    #[test]
    fn noto_cjk_is_recognised_in_fc_list_output() {
        let listing = "/usr/share/fonts/a.ttc: Noto Sans CJK SC:style=Regular\n";
        assert!(has_noto_cjk(listing));
        assert!(!has_noto_cjk(
            "/usr/share/fonts/b.ttf: DejaVu Sans:style=Book\n"
        ));
    }
}
