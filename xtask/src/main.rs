//! `cargo xtask`: the project's own commands — install what is missing, build the deployable
//! `dist/`, serve it, run every test layer, measure, and write synthetic archives.

mod assets;
mod back_catalogue;
mod bench;
mod budget;
mod compress;
mod cross_linux;
mod dist;
mod e2e_site;
mod fuzz;
mod import_names;
mod incremental;
mod install;
mod machine;
mod manual;
mod minify;
mod outcome;
mod paths;
mod plain_site;
mod preview_latency;
mod release;
mod run;
mod serve;
mod size_profile;
mod sizes;
mod soak;
mod synth;
mod test_layers;
mod webdriver;

use anyhow::Result;
use clap::{Parser, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;

/// The project's own commands; each prints what it does as it goes.
#[derive(Parser)]
#[command(name = "cargo xtask", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Install what is missing, build everything in release mode and assemble dist/.
    Dist,
    /// Build dist/ and serve it over HTTP (gzip and brotli from precompressed files).
    Serve {
        /// TCP port to listen on.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        /// Address to listen on; loopback unless you choose otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        host: IpAddr,
        /// Also serve what the end-to-end suite opens beside dist/ (tests/e2e/README.md), to
        /// run the suite by hand.
        #[arg(long)]
        e2e: bool,
    },
    /// Install what is missing (browser and fonts included), then run every test layer.
    Test {
        /// Run only the layers whose names contain this text (e.g. `end-to-end`); CI runs all.
        #[arg(long, value_name = "TEXT")]
        only: Option<String>,
    },
    /// Run every cargo-fuzz target in fuzz/ from its seed corpus; fails on any crash.
    Fuzz {
        /// Seconds each target runs.
        #[arg(long, default_value_t = 300)]
        seconds: u64,
    },
    /// Build dist/ and measure sizes, Lighthouse scores and CLI times; writes target/bench/.
    Bench {
        /// Only what adding issues one by one uploads, and search on the site it leaves: a
        /// few minutes instead of the whole bench.
        #[arg(long)]
        publishing: bool,
        /// Only the back catalogue: 535 one-issue PDFs built by `lianluo build`.
        #[arg(long, conflicts_with = "publishing")]
        back_catalogue: bool,
    },
    /// Build `lianluo`, carrying the reader, for Linux (x86_64, aarch64, loongarch64) and
    /// Windows into target/lianluo-release/, one archive each with its 使用说明 and
    /// 编辑手册.html.
    Release {
        /// Also run the Windows build under Wine and compare it with the Linux build's output
        /// (the check `cargo xtask test` runs).
        #[arg(long)]
        check: bool,
    },
    /// Run end-to-end tests again and again in one engine with the cores kept busy, until a
    /// run fails or every run passed: how a rare failure is found and a fix is trusted.
    Soak {
        /// chromium, webkit or firefox.
        #[arg(long, default_value = "webkit")]
        engine: String,
        /// The test file.
        #[arg(long, default_value = "tests/e2e/engines/search.test.mjs")]
        file: String,
        /// Only the tests whose names match this pattern.
        #[arg(long)]
        pattern: Option<String>,
        /// How many runs in a row must pass.
        #[arg(long, default_value_t = 200)]
        runs: u32,
        /// Spinning threads beside the runs (0 for none); by default one per core.
        #[arg(long)]
        busy: Option<usize>,
    },
    /// Write a deterministic synthetic archive of issue texts in the printed layout.
    Synth {
        /// How many issues to write.
        #[arg(long)]
        issues: u32,
        /// Directory to write the `.txt` files into (created if missing).
        #[arg(long)]
        out: PathBuf,
        /// Seed; the same seed always gives the same bytes.
        #[arg(long, default_value_t = synth::DEFAULT_SEED)]
        seed: u64,
    },
}

fn main() {
    if let Err(error) = dispatch(Cli::parse()) {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}

fn dispatch(cli: Cli) -> Result<()> {
    let root = paths::repo_root();
    match cli.command {
        Command::Dist => {
            install::ensure_build_tools(&root)?;
            dist::build(&root)?;
            Ok(())
        }
        Command::Serve { port, host, e2e } => {
            install::ensure_build_tools(&root)?;
            let dist = dist::build(&root)?;
            let mounts = if e2e {
                e2e_site::mounts(&root, &dist)?
            } else {
                vec![serve::Mount::root(dist)]
            };
            serve::serve_forever(host, port, mounts)
        }
        Command::Test { only } => test_layers::run_all(&root, only.as_deref()),
        Command::Fuzz { seconds } => fuzz::fuzz(&root, seconds),
        Command::Bench {
            back_catalogue: true,
            ..
        } => back_catalogue::bench(&root),
        Command::Bench {
            publishing: true, ..
        } => bench::publishing(&root),
        Command::Bench { .. } => bench::measure(&root),
        Command::Release { check } => {
            release::release(&root)?;
            if check {
                let counts = release::windows_matches_linux(&root, &paths::reader(&root))?;
                if counts.failed > 0 {
                    anyhow::bail!("the Windows build differs from the Linux build");
                }
            }
            Ok(())
        }
        Command::Soak {
            engine,
            file,
            pattern,
            runs,
            busy,
        } => {
            install::ensure_browser_tools(&root)?;
            let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
            let busy = busy.unwrap_or(cores);
            let chosen = soak::Soak {
                engine: &engine,
                file: &file,
                pattern: pattern.as_deref(),
                runs,
                busy,
            };
            soak::soak(&root, &chosen)
        }
        Command::Synth { issues, out, seed } => synth::write_archive(&out, issues, seed),
    }
}
