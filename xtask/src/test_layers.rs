//! `cargo xtask test`: install what is missing, run every layer, print a summary with counts
//! and timings. A layer that could not run is a failure, never a skip.

use crate::budget::Budget;
use crate::install::{self, CHROMEDRIVER, CHROMIUM, WASM_TARGET};
use crate::outcome::{parse_cargo_test, parse_node_test, Counts};
use crate::run::{self as command, run_captured, step};
use crate::serve::{self, Mount};
use crate::sizes::{first_load_sizes, first_text_sizes};
use crate::{dist, paths};
use anyhow::{bail, Result};
use std::path::Path;
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
        ("end-to-end (Playwright + axe)", end_to_end),
        ("byte budget (gzip)", byte_budget),
        ("lianluo.exe under Wine = Linux", windows_build),
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
        step(format!("Layer: {name}"));
        let began = Instant::now();
        let outcome = layer(&mut shared);
        let took = began.elapsed();
        let counts = shared.counts.take();
        let failure = outcome.err().map(|error| format!("{error:#}"));
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
        .args(["test", "-p", "lianluo-reader", "--target", WASM_TARGET])
        .env("PATH", paths::path_with_tools(run.root))
        .env("CHROMEDRIVER", CHROMEDRIVER);
    cargo_tests(run, &mut command, "wasm-bindgen-test")
}

/// The same component tests in Firefox ESR: wasm-bindgen-test-runner drives geckodriver.
fn wasm_tests_firefox(run: &mut Run) -> Result<()> {
    install::ensure_firefox(run.root)?;
    let mut command = Command::new("cargo");
    command
        .args(["test", "-p", "lianluo-reader", "--target", WASM_TARGET])
        .env("PATH", paths::path_with_tools(run.root))
        .env(
            "GECKODRIVER",
            paths::tools_bin(run.root).join("geckodriver"),
        )
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

fn end_to_end(run: &mut Run) -> Result<()> {
    let root = run.root;
    let dist = dist::build(root)?;
    run.fresh_dist = true;
    let suite = root.join("tests").join("e2e");
    if !suite.is_dir() {
        bail!("there is no end-to-end suite at {}", suite.display());
    }
    // A site built by the CLI from an issue whose every text field carries markup and
    // script: its static pages and fragments must show it all as text.
    let poisoned = root.join("target").join("e2e-poisoned");
    command::run(
        Command::new(paths::cli_binary(root))
            .arg("build")
            .arg(paths::e2e_pages(root).join("poisoned-src"))
            .arg("--out")
            .arg(&poisoned)
            .args(["--reader-script", "../../lianluo.js"]),
    )?;
    let server = serve::spawn(vec![
        Mount::at("/poisoned", poisoned),
        Mount::root(dist.clone()),
        Mount::at("/e2e", paths::e2e_pages(root)),
        // The same data as from a site that shares it with any other (for the cross-origin
        // tests, which read it from the other loopback name).
        Mount::shared("/shared", dist.join("data")),
    ])?;
    step(format!(
        "Serving dist/ at {} (tests/e2e/pages at /e2e/)",
        server.url
    ));
    let output = run_captured(
        Command::new("node")
            .args(["--test", "--test-reporter=tap", "tests/e2e/"])
            .env("LIANLUO_BASE_URL", &server.url)
            .env("CHROMIUM_PATH", CHROMIUM)
            .env("E2E_OUT", root.join("target").join("e2e"))
            .current_dir(root),
    )?;
    counted(
        run,
        output.success,
        parse_node_test(&output.text),
        "the end-to-end suite",
    )
}

/// The Windows build of `lianluo`, run under Wine, prints and writes what the Linux build does.
fn windows_build(run: &mut Run) -> Result<()> {
    let counts = crate::release::windows_matches_linux(run.root)?;
    counted(run, true, counts, "the Windows build under Wine")
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
