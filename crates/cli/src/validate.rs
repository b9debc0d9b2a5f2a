//! `lianluo validate FILE...`: checks issue and archive JSON against the model and the
//! semantic rules, reporting each problem with its JSON path, line and column.

use std::path::PathBuf;

use crate::i18n::t;
use lianluo_core::diagnostic::Diagnostic;

use crate::load::{document_from_json, Document};
use crate::report::{to_stdout, Reporter};
use crate::source_file::read_source_file;

/// Arguments of `validate`.
#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Issue or archive index JSON files.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Runs `validate`: one line on stdout per valid file, diagnostics on stderr.
pub fn run(args: &ValidateArgs, reporter: &mut Reporter) {
    for file in &args.files {
        let bytes = match read_source_file(file) {
            Ok(b) => b,
            Err(message) => {
                reporter.diagnostic(file, &Diagnostic::error(1, 1, message));
                continue;
            }
        };
        let loaded = document_from_json(&bytes);
        for d in &loaded.diagnostics {
            reporter.diagnostic(file, d);
        }
        match loaded.value {
            Some(Document::Issue(issue)) => {
                let line = t(
                    "validate-valid-issue",
                    &[
                        ("file", file.display().to_string()),
                        ("id", issue.id),
                        ("articles", issue.articles.len().to_string()),
                    ],
                );
                to_stdout(format_args!("{line}"));
            }
            Some(Document::Archive(index)) => {
                let line = t(
                    "validate-valid-archive",
                    &[
                        ("file", file.display().to_string()),
                        ("issues", index.issues.len().to_string()),
                    ],
                );
                to_stdout(format_args!("{line}"));
            }
            None => {}
        }
    }
}
