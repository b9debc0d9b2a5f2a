//! `lianluo`: turns 联络动态 issue texts, Word documents and PDFs into JSON, checks issue and
//! archive JSON, builds the whole site (the reader it carries, index, issue files, search
//! index, pages), and previews it live while the issues are edited (`serve`, also what a
//! double click starts).
//!
//! It speaks Chinese, or English when the locale or `--lang en` asks for it (see [`i18n`]).
//! Exit codes: 0 success, 1 invalid input (every problem is printed as
//! `FILE:LINE:COL: 错误: …`), 2 usage.

mod build;
mod carried_reader;
#[cfg(test)]
mod catalogue_tests;
mod changes;
mod cli_text;
mod convert;
mod double_click;
mod feeds;
mod output;
mod preview;
mod previous_site;
mod progress;
mod replace_guard;
mod report;
mod site;
mod static_html;
mod text_options;
mod validate;

use std::process::ExitCode;

use clap::{FromArgMatches, Parser, Subcommand};
// The reading side is the crate's library, shared with the fuzz targets.
use lianluo_cli::{decode, i18n, load, source_file};

/// Convert 联络动态 issue texts to JSON, validate them, build the whole site, preview it.
#[derive(Debug, Parser)]
#[command(name = "lianluo", version, about)]
struct Cli {
    /// The language of messages.
    #[arg(long, global = true, value_name = "zh|en", value_parser = ["zh", "en"])]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Convert an issue's text to JSON.
    Convert(convert::ConvertArgs),
    /// Check issue and archive index JSON files.
    Validate(validate::ValidateArgs),
    /// Build the whole site (or its data folder) from a folder of issues.
    Build(build::BuildArgs),
    /// Preview the site live while the issues are edited.
    Serve(preview::ServeArgs),
}

/// Exit code for invalid input.
const EXIT_INVALID: u8 = 1;

/// Exit code for a site built without the files that could not be converted (listed).
const EXIT_BUILT_WITHOUT_SOME: u8 = 3;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    i18n::init(i18n::lang_for_run(&args));
    let double_clicked =
        double_click::double_clicked(args.len(), double_click::console_processes());
    if double_clicked {
        let Some(folder) = double_click::ask_for_folder() else {
            return ExitCode::SUCCESS;
        };
        let folder = folder.to_string_lossy().into_owned();
        args = vec!["lianluo".into(), "serve".into(), folder];
    }
    let matches = match cli_text::localized::<Cli>().try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(e) => return cli_text::usage_error(&e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return cli_text::usage_error(&e),
    };
    let mut reporter = report::Reporter::default();
    match cli.command {
        Command::Convert(args) => convert::run(&args, &mut reporter),
        Command::Validate(args) => validate::run(&args, &mut reporter),
        Command::Build(args) => build::run(&args, &mut reporter),
        Command::Serve(args) => preview::run(args, &mut reporter),
    }
    if reporter.failed() {
        report::to_stderr(format_args!("lianluo: {}", reporter.summary()));
        if double_clicked {
            double_click::wait_before_closing();
        }
        if reporter.built_partly() {
            ExitCode::from(EXIT_BUILT_WITHOUT_SOME)
        } else {
            ExitCode::from(EXIT_INVALID)
        }
    } else {
        ExitCode::SUCCESS
    }
}
