//! `lianluo` for the 信创 desks: Linux on ARM64 (Phytium, Kunpeng) and on LoongArch (Loongson).
//! Each is cross-built static against musl with zig as the linker (cargo-zigbuild), so that
//! one file runs on any distribution's C library (Kylin, UOS), and is checked here under
//! qemu-user to print and write exactly what the x86_64 Linux build does.

use crate::install::{self, NIGHTLY, QEMU_AARCH64, QEMU_LOONGARCH64};
use crate::outcome::Counts;
use crate::release::{matches_linux, Other};
use crate::run::{run, step};
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// One Linux build for another processor.
pub struct CrossLinux {
    /// The processor as `uname -m` names it, and as the archive is named.
    pub arch: &'static str,
    pub target: &'static str,
    /// The emulator that runs it here.
    emulator: &'static str,
    /// Whether the standard library is built from source with the pinned nightly: Rust ships
    /// none for loongarch64-unknown-linux-musl.
    build_std: bool,
    /// Flags for the build. LoongArch: no LSX/LASX vector instructions, which qemu 7.2 (and
    /// the earliest Loongson chips' kernels) lack; zig is told the same for the C library.
    rustflags: &'static str,
}

/// The builds, in the order the archives are listed.
pub const CROSS_LINUX: [CrossLinux; 2] = [
    CrossLinux {
        arch: "aarch64",
        target: "aarch64-unknown-linux-musl",
        emulator: QEMU_AARCH64,
        build_std: false,
        rustflags: "",
    },
    CrossLinux {
        arch: "loongarch64",
        target: "loongarch64-unknown-linux-musl",
        emulator: QEMU_LOONGARCH64,
        build_std: true,
        rustflags: "-C target-feature=-lsx,-lasx -C link-arg=-mno-lsx -C link-arg=-mno-lasx",
    },
];

/// Builds `lianluo` (release) for each of [`CROSS_LINUX`], carrying the reader in `reader`;
/// returns each build's binary.
pub fn build(root: &Path, reader: &Path) -> Result<Vec<(&'static CrossLinux, PathBuf)>> {
    let zig_bin = install::ensure_linux_cross_tools(root)?;
    let path = std::env::join_paths(std::iter::once(zig_bin.clone()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))?;
    let mut built = Vec::new();
    for cross in &CROSS_LINUX {
        step(format!(
            "Cross-building lianluo for {} ({}, zig), carrying the reader",
            cross.arch, cross.target
        ));
        let mut command = Command::new("cargo");
        if cross.build_std {
            command.arg(format!("+{NIGHTLY}"));
        }
        command
            .args(["zigbuild", "--release", "-p", "lianluo-cli", "--target"])
            .arg(cross.target);
        if cross.build_std {
            command.arg("-Zbuild-std=std,panic_abort");
        }
        run(command
            .env("PATH", &path)
            .env("RUSTFLAGS", cross.rustflags)
            .env(crate::dist::READER_DIR_VARIABLE, reader)
            .current_dir(root))?;
        let binary = root
            .join("target")
            .join(cross.target)
            .join("release")
            .join("lianluo");
        if !binary.is_file() {
            bail!("the build did not produce {}", binary.display());
        }
        built.push((cross, binary));
    }
    Ok(built)
}

/// Builds the x86_64 Linux tool and each cross build, and runs the release cases with each
/// under qemu-user against the x86_64 one; the counts of every build together.
pub fn matches_x86_64(root: &Path, reader: &Path) -> Result<Counts> {
    crate::dist::build_cli(root, reader)?;
    let linux = crate::paths::cli_binary(root);
    let mut counts = Counts::default();
    for (cross, binary) in build(root, reader)? {
        let other = Other::Qemu {
            name: cross.arch,
            emulator: cross.emulator,
            binary: &binary,
        };
        let these = matches_linux(root, &linux, &other)?;
        counts.passed += these.passed;
        counts.failed += these.failed;
    }
    Ok(counts)
}
