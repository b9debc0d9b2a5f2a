//! The command line in the run's language: clap's help (the commands, their arguments, the
//! headings) rewritten from the catalogue, and clap's usage errors said again in our words.
//!
//! The doc comments on the argument structs remain clap's defaults; every string a user sees
//! comes from here.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command, CommandFactory};

use crate::i18n::t;
use crate::report::to_stderr;

/// Exit code for a usage error.
pub const EXIT_USAGE: u8 = 2;

/// Help text of each argument, by clap id, for every command that has it.
const ARGUMENT_HELP: [(&str, &str); 15] = [
    ("input", "help-input"),
    ("output", "help-output"),
    ("files", "help-files"),
    ("src_dir", "help-src-dir"),
    ("out", "help-out"),
    ("data_only", "help-data-only"),
    ("site_url", "help-site-url"),
    ("reader_script", "help-reader-script"),
    ("port", "help-port"),
    ("no_open", "help-no-open"),
    ("strict", "help-strict"),
    ("encoding", "help-encoding"),
    ("no_cjk_punctuation", "help-no-cjk-punctuation"),
    ("lang", "help-lang"),
    ("help", "help-help"),
];

/// What `--version` prints after the name: the tool's version and the reader's it carries,
/// made once a run.
fn version_line() -> &'static str {
    static LINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    LINE.get_or_init(crate::carried_reader::version_line)
}

/// Where help and version come in the options' list: after every other option.
const HELP_ORDER: usize = 1000;

/// The help layout with the headings in the run's language.
fn template(has_subcommands: bool) -> String {
    let usage = t("help-heading-usage", &[]);
    let options = t("help-heading-options", &[]);
    let middle = if has_subcommands {
        format!("{}\n{{subcommands}}", t("help-heading-commands", &[]))
    } else {
        format!("{}\n{{positionals}}", t("help-heading-arguments", &[]))
    };
    // `usage` carries its own spacing: "Usage: " in English, none after "用法：".
    format!("{{about}}\n\n{usage}{{usage}}\n\n{middle}\n\n{options}\n{{options}}\n")
}

/// `command`'s own help flag, described in the run's language.
fn help_flag(command: Command) -> Command {
    command.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help(t("help-help", &[]))
            // Last in the list, after the options of the command and the global --lang.
            .display_order(HELP_ORDER),
    )
}

/// Sets the help of every argument `command` has from [`ARGUMENT_HELP`].
fn argument_help(mut command: Command) -> Command {
    for (id, message) in ARGUMENT_HELP {
        if command.get_arguments().any(|a| a.get_id() == id) {
            command = command.mut_arg(id, |a| {
                // Values are named in the help text itself, in its language.
                let takes_value = a.get_action().takes_values();
                a.help(t(message, &[])).hide_possible_values(takes_value)
            });
        }
    }
    command
}

/// The command line of `C` with every text a user sees in the run's language.
pub fn localized<C: CommandFactory>() -> Command {
    // Named `lianluo` whatever the program file is called (`lianluo.exe` on Windows, where
    // editors type `lianluo` all the same), so help and usage read the same everywhere.
    let root = help_flag(C::command())
        .bin_name("lianluo")
        .about(t("help-about", &[]))
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .version(version_line())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(t("help-version", &[]))
                .display_order(HELP_ORDER + 1),
        )
        .help_template(template(true));
    let mut root = argument_help(root);
    let names: Vec<String> = root
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        root = root.mut_subcommand(&name, |sub| {
            argument_help(help_flag(sub))
                .about(t(&format!("help-{name}"), &[]))
                .help_template(template(false))
        });
    }
    root
}

/// The strings of a clap error's context `kind`, if any.
fn context(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(list)) => list.clone(),
        Some(ContextValue::StyledStr(s)) => vec![s.to_string()],
        Some(ContextValue::StyledStrs(list)) => list.iter().map(|s| s.to_string()).collect(),
        Some(ContextValue::Number(n)) => vec![n.to_string()],
        _ => Vec::new(),
    }
}

/// What went wrong on the command line, in the run's language.
fn usage_message(error: &clap::Error) -> String {
    let one = |kind| context(error, kind).into_iter().next().unwrap_or_default();
    match error.kind() {
        ErrorKind::InvalidSubcommand => t(
            "usage-unknown-command",
            &[("name", one(ContextKind::InvalidSubcommand))],
        ),
        ErrorKind::UnknownArgument => t(
            "usage-unknown-option",
            &[("name", one(ContextKind::InvalidArg))],
        ),
        ErrorKind::InvalidValue => t(
            "usage-bad-value",
            &[
                ("value", one(ContextKind::InvalidValue)),
                ("option", one(ContextKind::InvalidArg)),
                ("valid", context(error, ContextKind::ValidValue).join(", ")),
            ],
        ),
        ErrorKind::MissingRequiredArgument => t(
            "usage-missing",
            &[("names", context(error, ContextKind::InvalidArg).join(", "))],
        ),
        // Other mistakes (an option given twice, a value where none goes…) are named by
        // the option they concern; failing that, by clap's own short description.
        _ => match context(error, ContextKind::InvalidArg).into_iter().next() {
            Some(name) => t("usage-invalid-option", &[("name", name)]),
            None => {
                let reason = error.kind().as_str().unwrap_or("invalid usage").to_string();
                t("usage-other", &[("reason", reason)])
            }
        },
    }
}

/// Reports a clap error: help and version go to stdout (exit 0); a mistake is said in the
/// run's language on stderr with the usage line (exit 2).
pub fn usage_error(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = error.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = error.print();
            return ExitCode::from(EXIT_USAGE);
        }
        _ => {}
    }
    let severity = t("severity-error", &[]);
    to_stderr(format_args!(
        "lianluo: {severity}: {}",
        usage_message(error)
    ));
    let usage = context(error, ContextKind::Usage)
        .into_iter()
        .next()
        .unwrap_or_default();
    let usage = usage.trim_start_matches("Usage:").trim();
    if !usage.is_empty() {
        to_stderr(format_args!(
            "{}",
            t("usage-usage", &[("usage", usage.to_string())])
        ));
    }
    to_stderr(format_args!("{}", t("usage-more", &[])));
    ExitCode::from(EXIT_USAGE)
}
