//! `cargo xtask fuzz [--seconds N]`, and the fuzz layer of `cargo xtask test`: every
//! cargo-fuzz target in `fuzz/` (each reader of outside bytes) runs for a fixed time, starting
//! from its committed seed corpus `fuzz/corpus/<target>/`. Any crash fails; the executions of
//! each target are reported.
//!
//! New inputs the fuzzer finds go to `target/fuzz-corpus/<target>/`, emptied before each
//! run, so that the committed seeds never change under a run and every run starts alike. A
//! crashing input is kept where cargo-fuzz puts it, `fuzz/artifacts/<target>/`, and the
//! output says how to reproduce it.

use crate::install::{self, NIGHTLY};
use crate::outcome::Counts;
use crate::paths;
use crate::run::{probe, run, run_captured, step};
use anyhow::{bail, Context, Result};
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// Seconds each target runs in `cargo xtask test`: long enough to get well past the seeds,
/// short enough that every target together stays a small part of CI. Range 5–60; the bench
/// (`cargo xtask fuzz`) runs each for minutes.
pub const TEST_SECONDS: u64 = 10;

/// How one target's run ended.
pub struct TargetRun {
    /// The target's name (`fuzz/fuzz_targets/<name>.rs`).
    pub name: String,
    /// Inputs executed, as libFuzzer reports them; `None` when it printed no count.
    pub executions: Option<u64>,
    /// Whether it ended with a crash (a panic, a sanitizer report, a timeout, out of memory)
    /// or otherwise unsuccessfully.
    pub crashed: bool,
    pub took: Duration,
}

/// Every target's run.
pub struct Report {
    pub targets: Vec<TargetRun>,
}

impl Report {
    /// Clean targets as passed, crashed ones as failed.
    pub fn counts(&self) -> Counts {
        let failed = self.targets.iter().filter(|t| t.crashed).count() as u32;
        Counts {
            passed: self.targets.len() as u32 - failed,
            failed,
        }
    }

    /// Prints one line per target: its result, executions, and time.
    pub fn print(&self) {
        println!();
        println!(
            "{:<20} {:<6} {:>12} {:>8}",
            "fuzz target", "result", "executions", "time"
        );
        for target in &self.targets {
            println!(
                "{:<20} {:<6} {:>12} {:>7.1}s",
                target.name,
                if target.crashed { "CRASH" } else { "ok" },
                target
                    .executions
                    .map_or_else(|| "-".to_owned(), |n| n.to_string()),
                target.took.as_secs_f64()
            );
        }
    }

    /// Fails when a target crashed, or when there was no target to run.
    pub fn check(&self) -> Result<()> {
        if self.targets.is_empty() {
            bail!("fuzz/ has no fuzz targets");
        }
        let crashed: Vec<&str> = self
            .targets
            .iter()
            .filter(|t| t.crashed)
            .map(|t| t.name.as_str())
            .collect();
        if !crashed.is_empty() {
            bail!(
                "fuzz targets crashed: {} (inputs in fuzz/artifacts/; see the output above)",
                crashed.join(", ")
            );
        }
        Ok(())
    }
}

/// `cargo xtask fuzz`: installs what is missing, runs every target for `seconds`, prints the
/// report and fails on any crash.
pub fn fuzz(root: &Path, seconds: u64) -> Result<()> {
    let report = run_targets(root, seconds)?;
    report.print();
    report.check()
}

/// Installs the nightly and cargo-fuzz if missing, builds every target once, then runs each
/// for `seconds`.
pub fn run_targets(root: &Path, seconds: u64) -> Result<Report> {
    install::ensure_fuzz_tools(root)?;
    let fuzz_dir = root.join("fuzz");
    let listed = probe(&mut cargo_fuzz(root, &["list"])).context("cargo fuzz list failed")?;
    let names: Vec<String> = listed.split_whitespace().map(str::to_owned).collect();
    step(format!("Building the fuzz targets: {}", names.join(", ")));
    run(&mut cargo_fuzz(root, &["build"]))?;
    let mut targets = Vec::new();
    for name in names {
        let seeds = fuzz_dir.join("corpus").join(&name);
        if !seeds.is_dir() {
            bail!(
                "fuzz target {name} has no seed corpus at {}",
                seeds.display()
            );
        }
        let scratch = root.join("target").join("fuzz-corpus").join(&name);
        if scratch.exists() {
            fs::remove_dir_all(&scratch)
                .with_context(|| format!("emptying {}", scratch.display()))?;
        }
        fs::create_dir_all(&scratch).with_context(|| format!("creating {}", scratch.display()))?;
        step(format!("Fuzzing {name} for {seconds} s"));
        let began = Instant::now();
        let mut command = cargo_fuzz(root, &["run", &name]);
        command
            .arg(&scratch)
            .arg(&seeds)
            .arg("--")
            .arg(format!("-max_total_time={seconds}"))
            // An input that takes this long is a hang, reported like a crash.
            .arg("-timeout=10")
            .arg("-print_final_stats=1");
        let output = run_captured(&mut command)?;
        targets.push(TargetRun {
            executions: executions(&output.text),
            crashed: !output.success,
            took: began.elapsed(),
            name,
        });
    }
    Ok(Report { targets })
}

/// `cargo +<nightly> fuzz <args>` in `fuzz/`, with the project-local cargo-fuzz on PATH.
fn cargo_fuzz(root: &Path, args: &[&str]) -> Command {
    let mut command = Command::new("cargo");
    command
        .arg(format!("+{NIGHTLY}"))
        .arg("fuzz")
        .args(args)
        .env("PATH", paths::path_with_tools(root))
        .current_dir(root.join("fuzz"));
    command
}

/// The inputs libFuzzer executed: its final `stat::number_of_executed_units: N`, or else the
/// `Done N runs` line, or else the last `#N` status line (a crash cuts the others short).
fn executions(output: &str) -> Option<u64> {
    let number = |text: &str| text.trim().parse::<u64>().ok();
    let mut stat = None;
    let mut done = None;
    let mut status = None;
    for line in output.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix("stat::number_of_executed_units:") {
            stat = number(rest).or(stat);
        } else if let Some(rest) = line.strip_prefix("Done ") {
            done = rest.split_whitespace().next().and_then(number).or(done);
        } else if let Some(rest) = line.strip_prefix('#') {
            status = rest
                .split(|c: char| c.is_whitespace())
                .next()
                .and_then(number)
                .or(status);
        }
    }
    stat.or(done).or(status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn final_stats_give_the_executions() {
        let output = "\
#2267	NEW    cov: 2395 ft: 6797 corp: 339/2277Kb lim: 10457 exec/s: 151 rss: 426Mb
Done 2311 runs in 16 second(s)
stat::number_of_executed_units: 2311
stat::average_exec_per_sec:     144
";
        assert_eq!(executions(output), Some(2311));
    }

    #[test]
    fn without_stats_the_done_line_or_the_last_status_counts() {
        assert_eq!(executions("Done 57 runs in 1 second(s)\n"), Some(57));
        let crashed = "#128\tpulse  cov: 10 ft: 11\n#256\tpulse  cov: 12 ft: 13\n\
thread '<unnamed>' panicked at fuzz_targets/x.rs:3:5\n==1== ERROR: libFuzzer: deadly signal\n";
        assert_eq!(executions(crashed), Some(256));
        assert_eq!(executions("error: could not compile\n"), None);
    }

    #[test]
    fn crashed_targets_fail_the_report_and_count_as_failed() {
        let run = |name: &str, crashed| TargetRun {
            name: name.to_owned(),
            executions: Some(10),
            crashed,
            took: Duration::ZERO,
        };
        let report = Report {
            targets: vec![run("a", false), run("b", true)],
        };
        assert_eq!(
            report.counts(),
            Counts {
                passed: 1,
                failed: 1
            }
        );
        assert!(report.check().unwrap_err().to_string().contains("b"));
        assert!(Report { targets: vec![] }.check().is_err());
        let clean = Report {
            targets: vec![run("a", false)],
        };
        assert!(clean.check().is_ok());
    }
}
