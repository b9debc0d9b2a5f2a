//! `cargo xtask test`: install what is missing, run every layer, print a summary with counts
//! and timings. A layer that could not run is a failure, never a skip.

use crate::budget::Budget;
use crate::install::{self, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::outcome::{parse_cargo_test, parse_node_test, Counts};
use crate::run::{run_captured, step};
use crate::serve;
use crate::sizes::{first_load_sizes, first_text_sizes, later_program_sizes, LATER_PROGRAMS};
use crate::{dist, e2e_site, incremental, paths, webdriver};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// A layer: fails with the reason in words; a layer that runs tests records their counts.
type Layer = fn(&mut Run) -> Result<()>;

/// What the layers share: the repository, and whether this run has built `dist/` (the budget
/// is checked only against a build of this run, never a stale one).
struct Run<'a> {
    root: &'a Path,
    fresh_dist: bool,
    /// The counts the current layer read, kept even when the layer fails.
    counts: Option<Counts>,
}

/// How one layer ended.
struct LayerResult {
    name: &'static str,
    /// `None` when it passed; otherwise why it failed or could not run.
    failure: Option<String>,
    /// Test counts, for layers that run tests.
    counts: Option<Counts>,
    took: Duration,
}

/// Runs every layer and fails when any layer failed or could not run.
pub fn run_all(root: &Path, only: Option<&str>) -> Result<()> {
    let started = Instant::now();
    install::ensure_browser_tools(root)?;
    let layers: &[(&'static str, Layer)] = &[
        ("cargo fmt --check", fmt),
        ("clippy (native)", clippy_native),
        ("clippy (wasm32)", clippy_wasm),
        ("cargo test (native)", native_tests),
        ("wasm-bindgen-test (Chromium)", wasm_tests),
        ("wasm-bindgen-test (Firefox)", wasm_tests_firefox),
        (
            "reducer with the search module's engine (Chromium)",
            reducer_with_search_module,
        ),
        ("end-to-end (Playwright + axe)", end_to_end),
        ("end-to-end in WebKit", end_to_end_webkit),
        ("end-to-end in Firefox", end_to_end_firefox),
        ("byte budget (gzip)", byte_budget),
        ("one new issue: files to upload", one_new_issue),
        ("lianluo.exe under Wine = Linux", windows_build),
        (
            "lianluo for aarch64 and loongarch64 under qemu = Linux",
            cross_linux_builds,
        ),
        ("fuzz (cargo-fuzz targets)", fuzz_targets),
    ];
    let mut results = Vec::new();
    let mut shared = Run {
        root,
        fresh_dist: false,
        counts: None,
    };
    let chosen = layers
        .iter()
        .filter(|(name, _)| only.is_none_or(|text| name.contains(text)));
    for &(name, layer) in chosen {
        step(format!("Layer: {name}{}", free_disk(root)));
        let began = Instant::now();
        let outcome = layer(&mut shared);
        let took = began.elapsed();
        let counts = shared.counts.take();
        let failure = outcome
            .err()
            .map(|error| format!("{error:#}{}", free_disk(root)));
        if let Some(failure) = &failure {
            eprintln!("layer failed: {name}: {failure}");
        }
        results.push(LayerResult {
            name,
            failure,
            counts,
            took,
        });
    }
    if results.is_empty() {
        bail!("no layer's name contains {:?}", only.unwrap_or_default());
    }
    print_summary(&results, started.elapsed());
    let failed = results.iter().filter(|r| r.failure.is_some()).count();
    if failed > 0 {
        bail!("{failed} of {} layers failed", results.len());
    }
    Ok(())
}

/// " (N MiB of disk free)", or nothing when `df` cannot tell.
fn free_disk(root: &Path) -> String {
    crate::machine::free_disk_mib(root)
        .map(|mib| format!(" ({mib} MiB of disk free)"))
        .unwrap_or_default()
}

fn fmt(run: &mut Run) -> Result<()> {
    let root = run.root;
    must_succeed(
        root,
        Command::new("cargo").args(["fmt", "--all", "--", "--check"]),
    )?;
    Ok(())
}

fn clippy_native(run: &mut Run) -> Result<()> {
    let root = run.root;
    must_succeed(
        root,
        Command::new("cargo").args([
            "clippy",
            "--workspace",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]),
    )?;
    Ok(())
}

fn clippy_wasm(run: &mut Run) -> Result<()> {
    let root = run.root;
    must_succeed(
        root,
        Command::new("cargo")
            .args([
                "clippy",
                "-p",
                "lianluo-reader",
                "--target",
                WASM_TARGET,
                "--all-targets",
            ])
            .args(["--", "-D", "warnings"]),
    )?;
    // As shipped: the reader driving the search engine in its own module, and the other
    // programs.
    must_succeed(
        root,
        Command::new("cargo")
            .args(["clippy", "--target", WASM_TARGET, "--lib"])
            .args([
                "-p",
                "lianluo-reader",
                "-p",
                "lianluo-search",
                "-p",
                "lianluo-check",
            ])
            .args(["--features", "lianluo-reader/search-module"])
            .args(["--", "-D", "warnings"]),
    )?;
    // The reducer's tests against the search module's engine.
    must_succeed(
        root,
        Command::new("cargo")
            .args(["clippy", "--target", WASM_TARGET, "--lib", "--tests"])
            .args(["-p", "lianluo-reader", "--features", "search-module"])
            .args(["--", "-D", "warnings"]),
    )?;
    Ok(())
}

fn native_tests(run: &mut Run) -> Result<()> {
    let mut command = Command::new("cargo");
    command.args(["test", "--workspace"]);
    cargo_tests(run, &mut command, "cargo test")
}

fn wasm_tests(run: &mut Run) -> Result<()> {
    let mut command = Command::new("cargo");
    command
        .args(["test", "-p", "lianluo-reader", "-p", "lianluo-check"])
        .args(["--target", WASM_TARGET])
        .env("PATH", paths::path_with_tools(run.root))
        .env("CHROMEDRIVER", CHROMEDRIVER);
    cargo_tests(run, &mut command, "wasm-bindgen-test")
}

/// The reducer's search tests as shipped: the engine is the search module's
/// (`lianluo-search`, linked into the test), driven through the same calls as the loader's
/// module; the native run above tests the linked engine.
fn reducer_with_search_module(run: &mut Run) -> Result<()> {
    let mut command = Command::new("cargo");
    command
        .args(["test", "-p", "lianluo-reader", "--lib"])
        .args(["--target", WASM_TARGET, "--features", "search-module"])
        .env("PATH", paths::path_with_tools(run.root))
        .env("CHROMEDRIVER", CHROMEDRIVER);
    cargo_tests(run, &mut command, "wasm-bindgen-test")
}

/// The same component tests in Firefox ESR: wasm-bindgen-test-runner drives geckodriver.
fn wasm_tests_firefox(run: &mut Run) -> Result<()> {
    install::ensure_firefox(run.root)?;
    let mut command = Command::new("cargo");
    command
        .args(["test", "-p", "lianluo-reader", "-p", "lianluo-check"])
        .args(["--target", WASM_TARGET])
        .env("PATH", paths::path_with_tools(run.root))
        .env("GECKODRIVER", install::geckodriver(run.root))
        .env_remove("CHROMEDRIVER");
    cargo_tests(run, &mut command, "wasm-bindgen-test (Firefox)")
}

/// Every fuzz target for a short fixed time from its seed corpus: passed and failed count
/// targets; any crash fails.
fn fuzz_targets(run: &mut Run) -> Result<()> {
    let report = crate::fuzz::run_targets(run.root, crate::fuzz::TEST_SECONDS)?;
    report.print();
    run.counts = Some(report.counts());
    report.check()
}

/// Runs a `cargo test` command in the project and counts its tests.
fn cargo_tests(run: &mut Run, command: &mut Command, what: &str) -> Result<()> {
    let output = run_captured(command.current_dir(run.root))?;
    counted(run, output.success, parse_cargo_test(&output.text), what)
}

/// The end-to-end suite in Chromium: every file in `tests/e2e/`, those of `engines/` included.
fn end_to_end(run: &mut Run) -> Result<()> {
    let out = run.root.join("target").join("e2e");
    node_suite(
        run,
        Command::new("node")
            .args(["--test", "--test-reporter=tap", "tests/e2e/"])
            .env("CHROMIUM_PATH", CHROMIUM)
            .env("E2E_OUT", out),
        "the end-to-end suite",
    )
}

/// The engine-neutral part of the suite (`tests/e2e/engines/`) in WebKitGTK: WebKitWebDriver
/// drives MiniBrowser on a virtual display.
fn end_to_end_webkit(run: &mut Run) -> Result<()> {
    let driver = EngineDriver::start(run.root, "webkit")?;
    engine_suite(run, "webkit", &driver.driver)
}

/// The engine-neutral part of the suite in Firefox ESR, headless, through geckodriver.
fn end_to_end_firefox(run: &mut Run) -> Result<()> {
    let driver = EngineDriver::start(run.root, "firefox")?;
    engine_suite(run, "firefox", &driver.driver)
}

/// A WebDriver server for an engine, with the virtual display WebKit needs; both stop when
/// dropped.
pub struct EngineDriver {
    /// The server.
    pub driver: webdriver::Driver,
    _display: Option<webdriver::Display>,
}

impl EngineDriver {
    /// Installs what `engine` (`webkit` or `firefox`) needs and starts its WebDriver server,
    /// logging into `target/e2e/<engine>/`.
    pub fn start(root: &Path, engine: &str) -> Result<EngineDriver> {
        let logs = engine_out(root, engine)?;
        match engine {
            "webkit" => {
                install::ensure_webkit()?;
                let display = webdriver::Display::start(&logs.join("xvfb.log"))?;
                let driver = webdriver::Driver::start(
                    Command::new(install::WEBKIT_WEBDRIVER).env("DISPLAY", display.name()),
                    // The host given explicitly: without it, WebKitWebDriver fails to bind here.
                    |port| vec!["--host=127.0.0.1".to_owned(), format!("--port={port}")],
                    &logs.join("webdriver.log"),
                )?;
                Ok(EngineDriver {
                    driver,
                    _display: Some(display),
                })
            }
            "firefox" => {
                install::ensure_firefox(root)?;
                let driver = webdriver::Driver::start(
                    Command::new(install::geckodriver(root)).args(["--binary", install::FIREFOX]),
                    |port| {
                        vec![
                            "--host".to_owned(),
                            "127.0.0.1".to_owned(),
                            "--port".to_owned(),
                            port.to_string(),
                        ]
                    },
                    &logs.join("webdriver.log"),
                )?;
                Ok(EngineDriver {
                    driver,
                    _display: None,
                })
            }
            other => bail!("no WebDriver engine is called {other:?}: webkit or firefox"),
        }
    }
}

/// `target/e2e/<engine>/`, created: the engine's screenshots and its servers' logs.
pub fn engine_out(root: &Path, engine: &str) -> Result<PathBuf> {
    let dir = root.join("target").join("e2e").join(engine);
    fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    Ok(dir)
}

/// Runs `tests/e2e/engines/` in `engine` through the WebDriver server `driver`: every file in
/// one process, sharing one browser session (a WebDriver server runs one at a time, and each
/// costs seconds to start).
fn engine_suite(run: &mut Run, engine: &str, driver: &webdriver::Driver) -> Result<()> {
    let out = engine_out(run.root, engine)?;
    node_suite(
        run,
        Command::new("node")
            .args(["--test-reporter=tap", "tests/e2e/one-session.mjs"])
            .env("E2E_ENGINE", engine)
            .env("E2E_WEBDRIVER_URL", &driver.url)
            .env("E2E_OUT", out),
        &format!("the end-to-end suite in {engine}"),
    )
}

/// Runs a `node --test` command of the end-to-end suite from the repository root against the
/// site [`e2e_server`] serves (`LIANLUO_BASE_URL`) and a site `lianluo build` wrote, served by
/// a plain static server (`E2E_PLAIN_URL`), and counts its tests.
fn node_suite(run: &mut Run, command: &mut Command, what: &str) -> Result<()> {
    let server = e2e_server(run)?;
    let plain = crate::plain_site::serve(run.root)?;
    let output = run_captured(
        command
            .env("LIANLUO_BASE_URL", &server.url)
            .env("E2E_PLAIN_URL", &plain.url)
            .env("LIANLUO_CLI", paths::cli_binary(run.root))
            .current_dir(run.root),
    )?;
    counted(run, output.success, parse_node_test(&output.text), what)
}

/// Serves the end-to-end site ([`e2e_site`]) on an ephemeral loopback port, with `dist/` of
/// this run (built unless a layer built it already).
fn e2e_server(run: &mut Run) -> Result<serve::RunningServer> {
    let dist = if run.fresh_dist {
        paths::dist(run.root)
    } else {
        let built = dist::build(run.root)?;
        run.fresh_dist = true;
        built
    };
    let server = serve::spawn(e2e_site::mounts(run.root, &dist)?)?;
    step(format!(
        "Serving dist/ at {} (tests/e2e/pages at /e2e/)",
        server.url
    ));
    Ok(server)
}

/// The Windows build of `lianluo`, run under Wine, prints and writes what the Linux build does.
fn windows_build(run: &mut Run) -> Result<()> {
    let reader = reader_of_this_run(run)?;
    let counts = crate::release::windows_matches_linux(run.root, &reader);
    free_in_ci(
        run.root,
        &["wine", "windows-check", crate::install::WINDOWS_TARGET],
    );
    counted(run, true, counts?, "the Windows build under Wine")
}

/// The aarch64 and loongarch64 builds, run under qemu, print and write what x86_64's does.
fn cross_linux_builds(run: &mut Run) -> Result<()> {
    let reader = reader_of_this_run(run)?;
    let counts = crate::cross_linux::matches_x86_64(run.root, &reader);
    let mut scratch = vec!["aarch64-check", "loongarch64-check"];
    scratch.extend(crate::cross_linux::CROSS_LINUX.iter().map(|c| c.target));
    free_in_ci(run.root, &scratch);
    counted(
        run,
        true,
        counts?,
        "the aarch64 and loongarch64 builds under qemu",
    )
}

/// The reader this run built for dist/, or one built now, for the builds of `lianluo` to carry.
fn reader_of_this_run(run: &Run) -> Result<PathBuf> {
    if run.fresh_dist {
        Ok(paths::reader(run.root))
    } else {
        dist::build_reader(run.root)
    }
}

/// On CI (`CI` set), removes these folders of `target/` once their layer is done: a clean
/// clone never builds them again, and together they are over 1.5 GB of a disk that has run
/// out before. Locally they stay, to make the next run quicker.
fn free_in_ci(root: &Path, folders: &[&str]) {
    if std::env::var_os("CI").is_none() {
        return;
    }
    for folder in folders {
        let path = root.join("target").join(folder);
        if path.exists() {
            if let Err(error) = fs::remove_dir_all(&path) {
                eprintln!("could not remove {}: {error}", path.display());
            }
        }
    }
}

/// Adds one issue to the 535-issue synthetic archive with the `lianluo` dist built (carrying
/// the reader, so a whole site): what it lists to upload must keep the bars of
/// [`incremental`], and a build of the same sources must change nothing.
fn one_new_issue(run: &mut Run) -> Result<()> {
    if !run.fresh_dist {
        bail!("dist/ was not built in this run, so the lianluo it carries the reader in is not current");
    }
    let work = run.root.join("target").join("one-new-issue");
    let figures = incremental::one_more(&paths::cli_binary(run.root), 536, 1, &work)?;
    println!(
        "    {} files, {} bytes to upload after adding one issue to 535 (at most {} and {}); \
         {} after the same sources again",
        figures.files,
        figures.bytes,
        incremental::MAX_FILES,
        incremental::MAX_BYTES,
        figures.files_after_same_sources
    );
    let problems = incremental::problems(&figures);
    if !problems.is_empty() {
        bail!("{}", problems.join("; "));
    }
    Ok(())
}

fn byte_budget(run: &mut Run) -> Result<()> {
    let root = run.root;
    if !run.fresh_dist {
        bail!("dist/ was not built in this run, so there is nothing current to measure");
    }
    let budget = Budget::load(&paths::budget_file(root))?;
    let sizes = first_load_sizes(&paths::dist(root))?;
    let mut total = 0;
    for size in &sizes {
        println!("    {:<28} {:>9} bytes gzip", size.name, size.gzip);
        total += size.gzip;
    }
    println!(
        "    {:<28} {:>9} bytes gzip (budget {})",
        "total", total, budget.total_gzip_bytes
    );
    let mut problems = budget.violations(&sizes);
    let text = first_text_sizes(&paths::dist(root))?;
    let before_text: u64 = text.iter().map(|s| s.gzip).sum();
    println!(
        "    {:<28} {:>9} bytes gzip (budget {})",
        "before the first text", before_text, budget.first_text_gzip_bytes
    );
    problems.extend(budget.first_text_violation(&text));
    for program in &LATER_PROGRAMS {
        let sizes = later_program_sizes(&paths::dist(root), program)?;
        println!(
            "    {:<28} {:>9} bytes gzip (budget {})",
            format!("{} program", program.name),
            sizes.iter().map(|s| s.gzip).sum::<u64>(),
            budget
                .later_programs_gzip_bytes
                .get(program.name)
                .map_or("none".to_owned(), u64::to_string)
        );
        problems.extend(budget.later_program_violation(program, &sizes));
    }
    if !problems.is_empty() {
        bail!("over budget: {}", problems.join("; "));
    }
    Ok(())
}

fn must_succeed(root: &Path, command: &mut Command) -> Result<()> {
    let output = run_captured(command.current_dir(root))?;
    if !output.success {
        bail!(
            "{} reported problems (see above)",
            crate::run::describe(command)
        );
    }
    Ok(())
}

/// A test layer passes when its tool succeeded, nothing failed, and at least one test ran.
fn counted(run: &mut Run, success: bool, counts: Counts, what: &str) -> Result<()> {
    run.counts = Some(counts);
    if counts.failed > 0 {
        bail!(
            "{what}: {} of {} tests failed",
            counts.failed,
            counts.total()
        );
    }
    if !success {
        bail!("{what} did not complete (see the output above)");
    }
    if counts.total() == 0 {
        bail!("{what} found no tests to run");
    }
    Ok(())
}

fn print_summary(results: &[LayerResult], total: Duration) {
    println!();
    println!(
        "{:<32} {:<6} {:>8} {:>8} {:>9}",
        "layer", "result", "passed", "failed", "time"
    );
    for result in results {
        let (passed, failed) = match result.counts {
            Some(c) => (c.passed.to_string(), c.failed.to_string()),
            None => ("-".to_owned(), "-".to_owned()),
        };
        println!(
            "{:<32} {:<6} {:>8} {:>8} {:>8.1}s",
            result.name,
            if result.failure.is_some() {
                "FAIL"
            } else {
                "ok"
            },
            passed,
            failed,
            result.took.as_secs_f64()
        );
    }
    println!("total time {:.1}s", total.as_secs_f64());
    for result in results {
        if let Some(failure) = &result.failure {
            println!("FAIL {}: {failure}", result.name);
        }
    }
}
