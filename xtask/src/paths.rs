//! Where things live in the repository, so no other module spells a path twice.

use std::path::{Path, PathBuf};

/// The repository root: the parent of this crate's directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the repository root")
        .to_path_buf()
}

/// The deployable folder.
pub fn dist(root: &Path) -> PathBuf {
    root.join("dist")
}

/// The reader's built files, which `lianluo` carries (`crates/cli/build.rs`).
pub fn reader(root: &Path) -> PathBuf {
    root.join("target").join("reader")
}

/// wasm-bindgen's output folder.
pub fn pkg(root: &Path) -> PathBuf {
    root.join("pkg")
}

/// The static-site sources copied into `dist/`.
pub fn www(root: &Path) -> PathBuf {
    root.join("www")
}

/// The sample archive's issue texts, converted into `dist/data/` at build time.
pub fn archive(root: &Path) -> PathBuf {
    www(root).join("archive")
}

/// Project-local tools installed by `cargo install --root` (wasm-bindgen-cli).
pub fn tools_root(root: &Path) -> PathBuf {
    root.join("target").join("tools")
}

/// The `bin` folder of [`tools_root`], prefixed to PATH for commands that need those tools.
pub fn tools_bin(root: &Path) -> PathBuf {
    tools_root(root).join("bin")
}

/// An executable installed by npm from the committed package-lock.json.
pub fn node_bin(root: &Path, name: &str) -> PathBuf {
    root.join("node_modules").join(".bin").join(name)
}

/// The release build of the `lianluo` CLI.
pub fn cli_binary(root: &Path) -> PathBuf {
    root.join("target").join("release").join("lianluo")
}

/// The committed byte budget for first-load files.
pub fn budget_file(root: &Path) -> PathBuf {
    root.join("budget.json")
}

/// Pages the end-to-end suite serves beside `dist/` (under `/e2e/`).
pub fn e2e_pages(root: &Path) -> PathBuf {
    root.join("tests").join("e2e").join("pages")
}

/// Where the benchmark report goes.
pub fn bench_out(root: &Path) -> PathBuf {
    root.join("target").join("bench")
}

/// PATH with the project-local tools first, for commands that look wasm-bindgen up by name.
pub fn path_with_tools(root: &Path) -> std::ffi::OsString {
    let mut dirs = vec![tools_bin(root)];
    if let Some(path) = std::env::var_os("PATH") {
        dirs.extend(std::env::split_paths(&path));
    }
    std::env::join_paths(dirs).expect("PATH entries contain no separator")
}
