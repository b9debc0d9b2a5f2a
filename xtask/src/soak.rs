//! `cargo xtask soak`: end-to-end tests run again and again in one engine, each run a fresh
//! process with a fresh browser session, while spinning threads keep the cores busy, until one
//! run fails or every run passed. A failure that comes once in a hundred runs shows itself
//! here, with its stall report (`tests/e2e/stalled.mjs`), and a fix is trusted only after a
//! long clean row.

use crate::install::CHROMIUM;
use crate::outcome::parse_node_test;
use crate::run::{run_captured, step};
use crate::test_layers::{engine_out, EngineDriver};
use crate::{dist, e2e_site, paths, plain_site, serve};
use anyhow::{bail, Result};
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Instant;

/// What to soak.
pub struct Soak<'a> {
    /// `chromium`, `webkit` or `firefox`.
    pub engine: &'a str,
    /// The test file, relative to the repository.
    pub file: &'a str,
    /// Only the tests whose names match this (node's `--test-name-pattern`).
    pub pattern: Option<&'a str>,
    /// How many runs in a row must pass.
    pub runs: u32,
    /// Spinning threads beside the runs: as many as the cores to keep them busy, 0 for none.
    pub busy: usize,
}

/// Keeps `count` threads spinning until dropped.
struct Spinners {
    running: Arc<AtomicBool>,
    threads: Vec<thread::JoinHandle<()>>,
}

impl Spinners {
    fn start(count: usize) -> Spinners {
        let running = Arc::new(AtomicBool::new(true));
        let threads = (0..count)
            .map(|_| {
                let running = Arc::clone(&running);
                thread::spawn(move || {
                    let mut x: u64 = 1;
                    while running.load(Ordering::Relaxed) {
                        x = std::hint::black_box(x.wrapping_mul(6_364_136_223_846_793_005));
                    }
                })
            })
            .collect();
        Spinners { running, threads }
    }
}

impl Drop for Spinners {
    fn drop(&mut self) {
        self.running.store(false, Ordering::Relaxed);
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// Builds and serves the end-to-end site, then runs `soak` until a run fails or all pass.
pub fn soak(root: &Path, soak: &Soak) -> Result<()> {
    let dist = dist::build(root)?;
    let server = serve::spawn(e2e_site::mounts(root, &dist)?)?;
    let plain = plain_site::serve(root)?;
    let driver = match soak.engine {
        "chromium" => None,
        engine => Some(EngineDriver::start(root, engine)?),
    };
    let out = engine_out(root, &format!("soak-{}", soak.engine))?;
    step(format!(
        "Running {} in {} {} times, {} spinning threads beside it",
        soak.file, soak.engine, soak.runs, soak.busy
    ));
    let _spinners = Spinners::start(soak.busy);
    let began = Instant::now();
    for number in 1..=soak.runs {
        let mut command = Command::new("node");
        command.args(["--test", "--test-reporter=tap"]);
        if let Some(pattern) = soak.pattern {
            command.arg(format!("--test-name-pattern={pattern}"));
        }
        command
            .arg(soak.file)
            .env("LIANLUO_BASE_URL", &server.url)
            .env("E2E_PLAIN_URL", &plain.url)
            .env("LIANLUO_CLI", paths::cli_binary(root))
            .env("CHROMIUM_PATH", CHROMIUM)
            .env("E2E_ENGINE", soak.engine)
            .env("E2E_OUT", &out)
            .current_dir(root);
        if let Some(driver) = &driver {
            command.env("E2E_WEBDRIVER_URL", &driver.driver.url);
        }
        let output = run_captured(&mut command)?;
        let counts = parse_node_test(&output.text);
        if !output.success || counts.failed > 0 || counts.passed == 0 {
            bail!(
                "run {number} of {} failed after {} in a row passed ({} passed, {} failed); \
                 stall reports in {}",
                soak.runs,
                number - 1,
                counts.passed,
                counts.failed,
                out.join("stalled").display()
            );
        }
        println!(
            "    run {number}: {} passed ({:.0} s so far)",
            counts.passed,
            began.elapsed().as_secs_f64()
        );
    }
    println!(
        "{} runs in a row passed in {} ({:.0} s)",
        soak.runs,
        soak.engine,
        began.elapsed().as_secs_f64()
    );
    Ok(())
}
