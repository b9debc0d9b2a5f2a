//! `lianluo validate FILE...`: checks issue and archive JSON against the model and the
//! semantic rules, reporting each problem with its JSON path, line and column.

use std::path::PathBuf;

use crate::load::{document_from_json, Document};
use crate::report::{to_stdout, Reporter};

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
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(e) => {
                reporter.error(file, 1, 1, &format!("cannot read the file: {e}"));
                continue;
            }
        };
        let loaded = document_from_json(&bytes);
        for d in &loaded.diagnostics {
            reporter.diagnostic(file, d);
        }
        match loaded.value {
            Some(Document::Issue(issue)) => to_stdout(format_args!(
                "{}: valid issue {} ({} articles)",
                file.display(),
                issue.id,
                issue.articles.len()
            )),
            Some(Document::Archive(index)) => to_stdout(format_args!(
                "{}: valid archive index ({} issues)",
                file.display(),
                index.issues.len()
            )),
            None => {}
        }
    }
}
