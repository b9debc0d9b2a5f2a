//! `lianluo convert IN [-o OUT]`: an issue's text or Word document to pretty JSON on stdout or
//! in OUT.

use std::io::Write;
use std::path::PathBuf;

use lianluo_core::diagnostic::Diagnostic;

use crate::i18n::t;
use crate::load::issue_from_file;
use crate::output::write_file_atomically;
use crate::report::Reporter;
use crate::source_file::read_source_file;
use crate::text_options::TextOptions;

/// Arguments of `convert`.
#[derive(Debug, clap::Args)]
pub struct ConvertArgs {
    /// The issue: its Word document (.docx), its PDF (.pdf) or its text.
    pub input: PathBuf,
    /// Where to write the JSON (replaced whole, or left untouched on failure); stdout if absent.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// How the text is read.
    #[command(flatten)]
    pub text: TextOptions,
}

/// Runs `convert`; errors and warnings go to `reporter`.
pub fn run(args: &ConvertArgs, reporter: &mut Reporter) {
    let bytes = match read_source_file(&args.input) {
        Ok(b) => b,
        Err(message) => return reporter.diagnostic(&args.input, &Diagnostic::error(1, 1, message)),
    };
    let loaded = issue_from_file(
        &args.input,
        &bytes,
        &args.text.parse_options(),
        args.text.encoding,
    );
    for d in &loaded.diagnostics {
        reporter.diagnostic(&args.input, d);
    }
    let Some(issue) = loaded.value else {
        return;
    };
    let mut json = match serde_json::to_vec_pretty(&issue) {
        Ok(json) => json,
        Err(e) => {
            let message = t("file-cannot-write-json", &[("reason", e.to_string())]);
            return reporter.error(&args.input, 1, 1, &message);
        }
    };
    json.push(b'\n');
    let written = match &args.output {
        Some(out) => write_file_atomically(out, &json).map_err(|e| (out.clone(), e)),
        None => std::io::stdout()
            .lock()
            .write_all(&json)
            .map_err(|e| (PathBuf::from("<stdout>"), e)),
    };
    if let Err((path, e)) = written {
        let message = t("file-cannot-write-output", &[("reason", e.to_string())]);
        reporter.error(&path, 1, 1, &message);
    }
}
