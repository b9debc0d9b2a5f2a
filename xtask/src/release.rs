//! `cargo xtask release`: the `lianluo` tool ready-built for the editors' desks, carrying the
//! reader it publishes — an archive for x86_64 Linux, for Linux on aarch64 and loongarch64
//! (see [`crate::cross_linux`]) and for x86_64 Windows (cross-built with mingw-w64), each with
//! its 使用说明 and the 编辑手册 as an HTML page, their contents checked once written — and the
//! check that another build (Windows under Wine, the others under qemu-user) prints and writes
//! exactly what the x86_64 Linux build does.

use crate::install::{self, WINDOWS_TARGET, WINE};
use crate::manual::{manual_page, MANUAL_FILE};
use crate::outcome::Counts;
use crate::run::{run, step};
use anyhow::{bail, Context, Result};
use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The longest a run of either build may take (the slowest, `build`, takes about a second
/// under Wine); past it the run is stopped and counted as failed rather than hanging CI.
const RUN_LIMIT: Duration = Duration::from_secs(60);

/// The longest `wineboot` may take to create the prefix (about 15 s on two cores).
const WINEBOOT_LIMIT: Duration = Duration::from_secs(180);

/// Runs `command` to completion and returns its output, or stops it after `limit`.
fn output_within(command: &mut Command, limit: Duration) -> Result<Output> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("could not start {}", crate::run::describe(command)))?;
    let read = |stream: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            if let Some(mut stream) = stream {
                let _ = stream.read_to_end(&mut bytes);
            }
            bytes
        })
    };
    let stdout = read(child.stdout.take().map(|s| Box::new(s) as _));
    let stderr = read(child.stderr.take().map(|s| Box::new(s) as _));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait()? {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            bail!(
                "{} took more than {} s and was stopped",
                crate::run::describe(command),
                limit.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

/// Where `cargo xtask release` writes the archives (named in the README and the 编辑手册).
pub fn release_dir(root: &Path) -> PathBuf {
    root.join("target").join("lianluo-release")
}

/// The two builds of the tool.
pub struct Binaries {
    /// `lianluo` for x86_64 Linux (the host).
    pub linux: PathBuf,
    /// `lianluo.exe` for x86_64 Windows.
    pub windows: PathBuf,
}

/// Installs what is missing and builds the tool for Linux and for Windows, in release mode,
/// both carrying the reader in `reader` (see [`crate::dist::build_reader`]).
pub fn build_binaries(root: &Path, reader: &Path) -> Result<Binaries> {
    install::ensure_windows_tools()?;
    crate::dist::build_cli(root, reader)?;
    step(format!(
        "Cross-building lianluo.exe for {WINDOWS_TARGET} (mingw-w64), carrying the reader"
    ));
    run(Command::new("cargo")
        .args(["build", "--release", "-p", "lianluo-cli", "--target"])
        .arg(WINDOWS_TARGET)
        .env(crate::dist::READER_DIR_VARIABLE, reader)
        .current_dir(root))?;
    let binaries = Binaries {
        linux: crate::paths::cli_binary(root),
        windows: root
            .join("target")
            .join(WINDOWS_TARGET)
            .join("release")
            .join("lianluo.exe"),
    };
    for binary in [&binaries.linux, &binaries.windows] {
        if !binary.is_file() {
            bail!("the build did not produce {}", binary.display());
        }
    }
    Ok(binaries)
}

/// The usage notes shipped beside each binary.
fn usage_notes(root: &Path, platform: &str) -> Result<String> {
    let path = root
        .join("crates")
        .join("cli")
        .join("release")
        .join(format!("使用说明-{platform}.txt"));
    fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))
}

/// Notepad on older Windows guesses a text's encoding; a byte-order mark and CRLF line ends
/// make it show the Chinese notes as they are.
fn for_windows(text: &str) -> Vec<u8> {
    let mut bytes = "\u{FEFF}".as_bytes().to_vec();
    bytes.extend(
        text.replace("\r\n", "\n")
            .replace('\n', "\r\n")
            .into_bytes(),
    );
    bytes
}

/// What every archive holds besides the tool itself, at the top of its one folder.
const ARCHIVE_DOCUMENTS: [&str; 2] = ["使用说明.txt", MANUAL_FILE];

/// Builds the reader and every binary, writes `lianluo-VERSION-linux-{x86_64,aarch64,
/// loongarch64}.tar.gz` and `lianluo-VERSION-windows-x86_64.zip` into [`release_dir`], and
/// checks what each holds.
pub fn release(root: &Path) -> Result<()> {
    let reader = crate::dist::build_reader(root)?;
    let binaries = build_binaries(root, &reader)?;
    let out = release_dir(root);
    fs::create_dir_all(&out).with_context(|| format!("creating {}", out.display()))?;
    let version = env!("CARGO_PKG_VERSION");
    let manual = manual_page(root)?;

    let mut linux_archives = vec![(
        "x86_64",
        binaries.linux.clone(),
        linux_archive(&out, version, "x86_64", &binaries.linux, root, &manual)?,
    )];
    for (cross, binary) in crate::cross_linux::build(root, &reader)? {
        let archive = linux_archive(&out, version, cross.arch, &binary, root, &manual)?;
        linux_archives.push((cross.arch, binary, archive));
    }

    let windows_name = format!("lianluo-{version}-windows-x86_64");
    let windows_archive = out.join(format!("{windows_name}.zip"));
    let mut zip = zip::ZipWriter::new(fs::File::create(&windows_archive)?);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(format!("{windows_name}/lianluo.exe"), options)?;
    zip.write_all(&fs::read(&binaries.windows)?)?;
    zip.start_file(format!("{windows_name}/{}", ARCHIVE_DOCUMENTS[0]), options)?;
    zip.write_all(&for_windows(&usage_notes(root, "windows")?))?;
    zip.start_file(format!("{windows_name}/{}", ARCHIVE_DOCUMENTS[1]), options)?;
    zip.write_all(manual.as_bytes())?;
    zip.finish()?;

    step("Checking what each archive holds");
    for (arch, binary, archive) in &linux_archives {
        let folder = format!("lianluo-{version}-linux-{arch}");
        check_contents(&tar_entries(archive)?, &folder, "lianluo", binary)?;
    }
    check_contents(
        &zip_entries(&windows_archive)?,
        &windows_name,
        "lianluo.exe",
        &binaries.windows,
    )?;
    let archives = linux_archives.iter().map(|(_, _, archive)| archive);
    for archive in archives.chain([&windows_archive]) {
        let size = fs::metadata(archive)?.len();
        println!("    {} ({} KB)", archive.display(), size / 1024);
    }
    Ok(())
}

/// Writes `lianluo-VERSION-linux-ARCH.tar.gz` into `out`: one folder holding the tool, its
/// 使用说明 and the 编辑手册; returns its path.
fn linux_archive(
    out: &Path,
    version: &str,
    arch: &str,
    binary: &Path,
    root: &Path,
    manual: &str,
) -> Result<PathBuf> {
    let name = format!("lianluo-{version}-linux-{arch}");
    let path = out.join(format!("{name}.tar.gz"));
    let gzip = flate2::write::GzEncoder::new(fs::File::create(&path)?, flate2::Compression::best());
    let mut tar = tar::Builder::new(gzip);
    let mut add = |file: &str, bytes: &[u8], mode: u32| -> Result<()> {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(mode);
        header.set_mtime(0);
        header.set_cksum();
        tar.append_data(&mut header, format!("{name}/{file}"), bytes)?;
        Ok(())
    };
    add("lianluo", &fs::read(binary)?, 0o755)?;
    add(
        ARCHIVE_DOCUMENTS[0],
        usage_notes(root, "linux")?.as_bytes(),
        0o644,
    )?;
    add(ARCHIVE_DOCUMENTS[1], manual.as_bytes(), 0o644)?;
    tar.into_inner()?.finish()?;
    Ok(path)
}

/// An archive's files, by path, with their bytes.
type Entries = BTreeMap<String, Vec<u8>>;

fn tar_entries(archive: &Path) -> Result<Entries> {
    let file = fs::File::open(archive)?;
    let mut tar = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut entries = Entries::new();
    for entry in tar.entries()? {
        let mut entry = entry?;
        let path = entry.path()?.to_string_lossy().into_owned();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes)?;
        entries.insert(path, bytes);
    }
    Ok(entries)
}

fn zip_entries(archive: &Path) -> Result<Entries> {
    let mut zip = zip::ZipArchive::new(fs::File::open(archive)?)?;
    let mut entries = Entries::new();
    for index in 0..zip.len() {
        let mut entry = zip.by_index(index)?;
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut bytes)?;
        entries.insert(entry.name().to_owned(), bytes);
    }
    Ok(entries)
}

/// Fails unless `entries` are exactly the tool (the bytes of `binary`, which carries a reader)
/// and [`ARCHIVE_DOCUMENTS`], in one folder named `folder`.
fn check_contents(entries: &Entries, folder: &str, tool: &str, binary: &Path) -> Result<()> {
    let mut expected: Vec<String> = std::iter::once(tool)
        .chain(ARCHIVE_DOCUMENTS)
        .map(|name| format!("{folder}/{name}"))
        .collect();
    expected.sort();
    let names: Vec<String> = entries.keys().cloned().collect();
    if names != expected {
        bail!("the archive holds {names:?}; expected {expected:?}");
    }
    if entries[&format!("{folder}/{tool}")] != fs::read(binary)? {
        bail!(
            "{tool} in the archive is not the build's {}",
            binary.display()
        );
    }
    let manual = String::from_utf8_lossy(&entries[&format!("{folder}/{MANUAL_FILE}")]);
    if !manual.starts_with("<!doctype html>") || !manual.contains("<h1>") {
        bail!("{MANUAL_FILE} in the archive is not the manual as a page");
    }
    if !carries_reader(&entries[&format!("{folder}/{tool}")]) {
        bail!("{tool} in the archive carries no reader");
    }
    println!("    {folder}: {}", names.join(", "));
    Ok(())
}

/// Whether a `lianluo` binary carries the reader: its bytes hold a WebAssembly module's header,
/// which nothing else in it has.
fn carries_reader(binary: &[u8]) -> bool {
    const WASM_HEADER: &[u8] = b"\0asm\x01\0\0\0";
    binary
        .windows(WASM_HEADER.len())
        .any(|window| window == WASM_HEADER)
}

/// One way of running the tool, tried with both builds in the same folder.
struct Case {
    name: &'static str,
    args: &'static [&'static str],
    /// A folder the run writes, compared file by file (emptied before each run).
    writes: Option<&'static str>,
    /// A run of the Linux build before each of the two runs, not compared: the same state
    /// for both to start from.
    prepare: Option<&'static [&'static str]>,
}

/// The runs compared: the sample (text and Word) in folders with Chinese names under Chinese
/// file names, diagnostics in both languages, builds, a check, help and mistakes.
const CASES: [Case; 12] = [
    Case {
        name: "convert the sample text to stdout",
        args: &["convert", "样刊/联络动态第15期.txt"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "convert the sample's PDF, set in a 公文 font without /ToUnicode",
        args: &["convert", "旧刊/第15期.pdf"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "convert the sample Word document with -o",
        args: &[
            "convert",
            "稿件/联络动态第15期.docx",
            "-o",
            "输出/第15期.json",
        ],
        writes: Some("输出"),
        prepare: None,
    },
    Case {
        name: "an error in Chinese",
        args: &["convert", "有误/无日期.txt"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "warnings in English",
        args: &["--lang", "en", "convert", "有误/某某县.txt"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "build a whole site, the reader included, from text and Word",
        args: &["build", "稿件", "--out", "输出/网站"],
        writes: Some("输出"),
        prepare: None,
    },
    Case {
        name: "build a data folder only",
        args: &["build", "稿件", "--out", "输出/data", "--data-only"],
        writes: Some("输出"),
        prepare: None,
    },
    Case {
        // Each run builds over the site the Linux build wrote just before: the Windows build
        // must replace it whole (the rename dance differs between the systems), and both find
        // nothing changed.
        name: "build over the previous site",
        args: &["build", "稿件", "--out", "网站"],
        writes: None,
        prepare: Some(&["build", "稿件", "--out", "网站"]),
    },
    Case {
        name: "validate an issue",
        args: &["validate", "稿件/第14期.json"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "help in Chinese",
        args: &["convert", "--help"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "a usage mistake",
        args: &["frobnicate"],
        writes: None,
        prepare: None,
    },
    Case {
        name: "a file that is not a Word document",
        args: &["convert", "有误/改名的压缩包.docx"],
        writes: None,
        prepare: None,
    },
];

/// The folder the cases run in.
fn stage_inputs(root: &Path, dir: &Path) -> Result<()> {
    let sample = fs::read_to_string(crate::paths::archive(root).join("lianluo-2017-15.txt"))?;
    let sample_docx = root
        .join("crates")
        .join("cli")
        .join("tests")
        .join("fixtures")
        .join("lianluo-2017-15.docx");
    let golden = root
        .join("crates")
        .join("core")
        .join("tests")
        .join("golden")
        .join("lianluo-2017-15.json");
    let samples = dir.join("样刊");
    let drafts = dir.join("稿件");
    let faulty = dir.join("有误");
    let back_catalogue = dir.join("旧刊");
    for folder in [&samples, &drafts, &faulty, &back_catalogue] {
        fs::create_dir_all(folder)?;
    }
    let sample_pdf = root
        .join("crates")
        .join("cli")
        .join("tests")
        .join("fixtures")
        .join("pdf")
        .join("reportlab-stsong.pdf");
    fs::copy(&sample_pdf, back_catalogue.join("第15期.pdf"))?;
    fs::write(samples.join("联络动态第15期.txt"), &sample)?;
    fs::copy(&sample_docx, drafts.join("联络动态第15期.docx"))?;
    // Issue 15 once more, as the JSON of issue 14 (number, id, articles renumbered), so that
    // `build` reads a Word document and a JSON file, each issue once.
    let as_14 = fs::read_to_string(&golden)?
        .replace("\"2017-15", "\"2017-14")
        .replace("\"number\": 15", "\"number\": 14")
        .replace("\"date\": \"2017-08-30\"", "\"date\": \"2017-08-15\"")
        .replace("\"serial\": 535", "\"serial\": 534");
    fs::write(drafts.join("第14期.json"), as_14)?;
    fs::write(
        faulty.join("无日期.txt"),
        sample.replace("2017 年 8 月 30 日", ""),
    )?;
    fs::write(
        faulty.join("某某县.txt"),
        sample.replace("衡阳市:", "某某县:"),
    )?;
    // A zip that is not a Word document: the sample text, zipped.
    let mut zip = zip::ZipWriter::new(fs::File::create(faulty.join("改名的压缩包.docx"))?);
    zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())?;
    zip.write_all(sample.as_bytes())?;
    zip.finish()?;
    Ok(())
}

/// Every file under `dir`, by path relative to it, with its bytes.
fn tree(dir: &Path) -> Result<BTreeMap<PathBuf, Vec<u8>>> {
    let mut files = BTreeMap::new();
    if dir.exists() {
        for file in crate::compress::files_under(dir)? {
            let relative = file.strip_prefix(dir)?.to_path_buf();
            files.insert(relative, fs::read(&file)?);
        }
    }
    Ok(files)
}

/// What one run printed and wrote.
#[derive(PartialEq, Eq)]
struct Seen {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: Vec<u8>,
    written: BTreeMap<PathBuf, Vec<u8>>,
}

fn seen(output: Output, written: BTreeMap<PathBuf, Vec<u8>>) -> Seen {
    Seen {
        code: output.status.code(),
        stdout: output.stdout,
        stderr: output.stderr,
        written,
    }
}

/// Why two runs differ, in a line; `other` names the build compared with Linux's.
fn difference(linux: &Seen, windows: &Seen, other: &str) -> String {
    if linux.code != windows.code {
        return format!(
            "exit code {:?} on Linux, {:?} on {other}",
            linux.code, windows.code
        );
    }
    for (what, a, b) in [
        ("stdout", &linux.stdout, &windows.stdout),
        ("stderr", &linux.stderr, &windows.stderr),
    ] {
        if a != b {
            let (a, b) = (String::from_utf8_lossy(a), String::from_utf8_lossy(b));
            let line = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            return match line {
                Some((x, y)) => format!("{what} differs: Linux {x:?}, {other} {y:?}"),
                None => format!("{what} differs in length: Linux {a:?}, {other} {b:?}"),
            };
        }
    }
    let names = |s: &Seen| s.written.keys().cloned().collect::<Vec<_>>();
    if names(linux) != names(windows) {
        return format!(
            "wrote {:?} on Linux, {:?} on {other}",
            names(linux),
            names(windows)
        );
    }
    let file = linux
        .written
        .iter()
        .find(|(name, bytes)| windows.written.get(*name) != Some(bytes))
        .map(|(name, _)| name.display().to_string())
        .unwrap_or_default();
    format!("{file} differs")
}

/// Where Debian's Wine keeps its own Windows DLLs.
const WINE_DLLS: &str = "/usr/lib/x86_64-linux-gnu/wine/x86_64-windows";

/// A `wine64` command in a Wine prefix of the project's own (made once, quiet, with no attempt
/// to download Mono or Gecko: there is no network for that and a console program needs
/// neither). When this Wine lacks `bcryptprimitives.dll` (Debian 12's Wine 8.0), which Rust's
/// standard library loads on Windows 10 and later, the stand-in in `xtask/wine/` is built
/// with mingw-w64 into the prefix.
fn wine(root: &Path) -> Result<Command> {
    let prefix = root.join("target").join("wine");
    let quiet = |command: &mut Command| {
        command
            .env("WINEPREFIX", &prefix)
            .env("WINEDEBUG", "-all")
            .env("WINEDLLOVERRIDES", "mscoree,mshtml=")
            .env_remove("DISPLAY");
    };
    let system32 = prefix.join("drive_c").join("windows").join("system32");
    if !system32.is_dir() {
        step(format!("Creating a Wine prefix in {}", prefix.display()));
        let mut boot = Command::new(WINE);
        boot.args(["wineboot", "--init"]);
        quiet(&mut boot);
        let output = output_within(&mut boot, WINEBOOT_LIMIT)?;
        if !system32.is_dir() {
            bail!(
                "wineboot did not create the prefix: {}",
                String::from_utf8_lossy(&output.stderr)
            );
        }
    }
    let shim = system32.join("bcryptprimitives.dll");
    if !Path::new(WINE_DLLS).join("bcryptprimitives.dll").exists() && !shim.exists() {
        step("Building the bcryptprimitives.dll stand-in for this Wine (xtask/wine/)");
        run(Command::new(install::MINGW_LINKER)
            .args(["-shared", "-O2", "-o"])
            .arg(&shim)
            .arg(root.join("xtask").join("wine").join("bcryptprimitives.c"))
            .arg("-ladvapi32"))?;
    }
    let mut command = Command::new(WINE);
    quiet(&mut command);
    Ok(command)
}

/// A build of the tool for another kind of machine, run here to be compared with the x86_64
/// Linux build.
pub enum Other<'a> {
    /// `lianluo.exe`, under Wine.
    Windows(&'a Path),
    /// A Linux build for another processor, under qemu-user: the emulator and the binary.
    Qemu {
        name: &'static str,
        emulator: &'static str,
        binary: &'a Path,
    },
}

impl Other<'_> {
    /// Whether this build runs under an emulator (not Wine, which runs it natively).
    fn emulated(&self) -> bool {
        matches!(self, Other::Qemu { .. })
    }

    fn name(&self) -> &'static str {
        match self {
            Other::Windows(_) => "Windows",
            Other::Qemu { name, .. } => name,
        }
    }

    /// The command that runs this build, before its arguments.
    fn command(&self, root: &Path) -> Result<Command> {
        match self {
            Other::Windows(binary) => {
                let mut command = wine(root)?;
                command.arg(binary);
                Ok(command)
            }
            Other::Qemu {
                emulator, binary, ..
            } => {
                let mut command = Command::new(emulator);
                command.arg(binary);
                Ok(command)
            }
        }
    }
}

/// Runs one case with the Linux build, then the other build, in `dir`.
fn run_case(
    root: &Path,
    linux: &Path,
    other: &Other,
    dir: &Path,
    case: &Case,
) -> Result<(Seen, Seen)> {
    let mut results = Vec::new();
    for on_other in [false, true] {
        let mut retried = false;
        loop {
            if let Some(args) = case.prepare {
                let mut prepare = Command::new(linux);
                prepare.args(args).env("LANG", "C.UTF-8").current_dir(dir);
                let output = output_within(&mut prepare, RUN_LIMIT)?;
                if !output.status.success() {
                    bail!(
                        "preparing {:?} failed: {}",
                        case.name,
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            }
            if let Some(written) = case.writes {
                let path = dir.join(written);
                if path.exists() {
                    fs::remove_dir_all(&path)?;
                }
                fs::create_dir_all(&path)?;
            }
            let mut command = if on_other {
                other.command(root)?
            } else {
                Command::new(linux)
            };
            // Wine reads the arguments in the locale's encoding: a UTF-8 locale keeps the Chinese
            // names whole. LANG says nothing of English, so both speak Chinese.
            command
                .args(case.args)
                .env("LANG", "C.UTF-8")
                .env_remove("LC_ALL")
                .env_remove("LC_MESSAGES")
                .current_dir(dir);
            let output = output_within(&mut command, RUN_LIMIT)?;
            let written = match case.writes {
                Some(written) => tree(&dir.join(written))?,
                None => BTreeMap::new(),
            };
            let emulator_died = on_other && other.emulated() && output.status.code().is_none();
            if emulator_died && !retried {
                // qemu 7.2's loongarch64 user mode aborts about one run in a hundred with a
                // spurious failed allocation (`memory allocation of 6 bytes failed`; none in 300
                // runs on aarch64, none natively): such a run is tried once more, and said.
                println!(
                    "    {} ({}): killed by a signal under qemu; running it once more",
                    case.name,
                    other.name()
                );
                retried = true;
                continue;
            }
            results.push(seen(output, written));
            break;
        }
    }
    let windows = results.pop().context("two runs")?;
    let linux = results.pop().context("two runs")?;
    Ok((linux, windows))
}

/// Runs every case with both builds, carrying the reader in `reader`, and compares what they
/// printed and wrote, byte for byte. Prints a cargo-style `test result:` line; the counts are
/// returned even when cases differ.
pub fn windows_matches_linux(root: &Path, reader: &Path) -> Result<Counts> {
    let binaries = build_binaries(root, reader)?;
    matches_linux(root, &binaries.linux, &Other::Windows(&binaries.windows))
}

/// Runs every case with the x86_64 Linux build and `other`, and compares what they printed and
/// wrote, byte for byte, as [`windows_matches_linux`] says.
pub fn matches_linux(root: &Path, linux: &Path, other: &Other) -> Result<Counts> {
    let work = root
        .join("target")
        .join(format!("{}-check", other.name().to_lowercase()));
    if work.exists() {
        fs::remove_dir_all(&work)?;
    }
    let dir = work.join("联络动态");
    stage_inputs(root, &dir)?;
    let mut counts = Counts::default();
    for case in &CASES {
        let compared = run_case(root, linux, other, &dir, case).and_then(|(linux, theirs)| {
            if linux == theirs {
                Ok(())
            } else {
                bail!("{}", difference(&linux, &theirs, other.name()))
            }
        });
        match compared {
            Ok(()) => {
                counts.passed += 1;
                println!("test {} ({}) ... ok", case.name, other.name());
            }
            Err(problem) => {
                counts.failed += 1;
                println!(
                    "test {} ({}) ... FAILED: {problem:#}",
                    case.name,
                    other.name()
                );
            }
        }
    }
    println!(
        "test result: {}. {} passed; {} failed; 0 ignored; 0 measured; 0 filtered out",
        if counts.failed == 0 { "ok" } else { "FAILED" },
        counts.passed,
        counts.failed
    );
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_notes_get_a_byte_order_mark_and_crlf() {
        assert_eq!(for_windows("一\n二\r\n"), "\u{FEFF}一\r\n二\r\n".as_bytes());
    }

    fn output(code: i32, stderr: &str) -> Seen {
        Seen {
            code: Some(code),
            stdout: Vec::new(),
            stderr: stderr.as_bytes().to_vec(),
            written: BTreeMap::new(),
        }
    }

    #[test]
    fn a_difference_is_named_by_its_first_differing_line() {
        let linux = output(1, "a\n用法：lianluo\n");
        assert_eq!(
            difference(&linux, &output(1, "a\n用法：lianluo.exe\n"), "Windows"),
            "stderr differs: Linux \"用法：lianluo\", Windows \"用法：lianluo.exe\""
        );
        assert_eq!(
            difference(&linux, &output(0, ""), "Windows"),
            "exit code Some(1) on Linux, Some(0) on Windows"
        );
    }

    #[test]
    fn a_run_past_its_limit_is_stopped_and_one_within_it_is_kept() {
        let slow = output_within(Command::new("sleep").arg("5"), Duration::from_millis(200));
        let message = format!("{:#}", slow.expect_err("stopped"));
        assert_eq!(message, "sleep 5 took more than 0 s and was stopped");
        let quick = output_within(Command::new("echo").arg("联络"), RUN_LIMIT).expect("runs");
        assert_eq!(quick.stdout, "联络\n".as_bytes());
        assert_eq!(quick.status.code(), Some(0));
    }

    #[test]
    fn usage_notes_exist_for_both_platforms_in_chinese() {
        let root = crate::paths::repo_root();
        for platform in ["linux", "windows"] {
            let notes = usage_notes(&root, platform).expect("notes");
            assert!(notes.contains("使用说明"), "{platform}");
            assert!(
                notes.contains("convert") && notes.contains("build"),
                "{platform}"
            );
        }
    }
}
