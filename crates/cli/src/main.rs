//! `lianluo`: turns 联络动态 issue texts into JSON, checks issue and archive JSON, and builds a
//! site's data folder (index, issue files, search index).
//!
//! Exit codes: 0 success, 1 invalid input (every problem is printed as
//! `FILE:LINE:COL: error: …`), 2 usage.

mod build;
mod convert;
mod output;
mod report;
mod text_options;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
// The reading side is the crate's library, shared with the fuzz targets.
use lianluo_cli::{decode, load};

/// Convert 联络动态 issue texts to JSON, validate them, build a site's data folder.
#[derive(Debug, Parser)]
#[command(name = "lianluo", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert an issue's text to JSON.
    Convert(convert::ConvertArgs),
    /// Check issue and archive index JSON files.
    Validate(validate::ValidateArgs),
    /// Build a site's data folder from a folder of issues.
    Build(build::BuildArgs),
}

/// Exit code for invalid input.
const EXIT_INVALID: u8 = 1;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut reporter = report::Reporter::default();
    match &cli.command {
        Command::Convert(args) => convert::run(args, &mut reporter),
        Command::Validate(args) => validate::run(args, &mut reporter),
        Command::Build(args) => build::run(args, &mut reporter),
    }
    if reporter.failed() {
        report::to_stderr(format_args!("lianluo: {}", reporter.summary()));
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}
