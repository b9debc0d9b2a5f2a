//! Diagnostics on stderr, one per line as `FILE:LINE:COL: 级别: message` (`错误`/`警告`, or
//! `error`/`warning` in English), the form editors and their tools (editors' "go to error",
//! grep) understand. Messages come in the run's language from [`crate::i18n`].

use std::fmt;
use std::io::Write;
use std::path::Path;

use lianluo_core::diagnostic::{Diagnostic, Severity};

use crate::i18n::{catalogue, t};

/// Prints a line on stderr. Unlike `eprintln!` it does not panic when stderr is gone (a closed
/// pipe): the exit code still tells the outcome.
pub fn to_stderr(line: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Prints a line on stdout, without panicking on a closed pipe (`lianluo validate … | head`).
pub fn to_stdout(line: fmt::Arguments<'_>) {
    let _ = writeln!(std::io::stdout(), "{line}");
}

/// Prints diagnostics and remembers whether any was an error (and, when collecting, the
/// lines it printed).
#[derive(Debug, Default)]
pub struct Reporter {
    errors: usize,
    warnings: usize,
    /// The lines printed so far, for a reporter made by [`Reporter::collecting`].
    kept: Option<Vec<String>>,
    /// Whether `build` wrote the site without some files, whose errors were reported.
    partly: bool,
}

impl Reporter {
    /// A reporter that also keeps every line it prints, for `serve` to show them on the
    /// preview page.
    pub fn collecting() -> Reporter {
        Reporter {
            kept: Some(Vec::new()),
            ..Reporter::default()
        }
    }

    /// The lines printed so far, as printed; none unless made by [`Reporter::collecting`].
    pub fn lines(&self) -> &[String] {
        self.kept.as_deref().unwrap_or_default()
    }

    /// Prints one diagnostic for `file`.
    pub fn report(
        &mut self,
        file: &Path,
        line: usize,
        column: usize,
        severity: Severity,
        message: &str,
    ) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
        }
        let printed = format!(
            "{}:{line}:{column}: {}: {message}",
            file.display(),
            catalogue().severity(severity)
        );
        to_stderr(format_args!("{printed}"));
        if let Some(kept) = &mut self.kept {
            kept.push(printed);
        }
    }

    /// Prints an error for `file`.
    pub fn error(&mut self, file: &Path, line: usize, column: usize, message: &str) {
        self.report(file, line, column, Severity::Error, message);
    }

    /// Prints a diagnostic for `file`, in the run's language.
    pub fn diagnostic(&mut self, file: &Path, d: &Diagnostic) {
        let message = catalogue().diagnostic(d);
        self.report(file, d.line, d.column, d.severity, &message);
    }

    /// Whether an error was reported.
    pub fn failed(&self) -> bool {
        self.errors > 0
    }

    /// Records that the site was written without the files whose errors were reported.
    pub fn built_without_some_files(&mut self) {
        self.partly = true;
    }

    /// Whether the site was written without some files.
    pub fn built_partly(&self) -> bool {
        self.partly
    }

    /// `N errors, M warnings` (`N 个错误，M 个警告`), for a closing line.
    pub fn summary(&self) -> String {
        t(
            "summary",
            &[
                ("errors", self.errors.to_string()),
                ("warnings", self.warnings.to_string()),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_collecting_reporter_keeps_the_lines_it_prints() {
        crate::i18n::init(crate::i18n::Lang::Zh);
        let mut reporter = Reporter::collecting();
        let file = Path::new("稿件/第15期.docx");
        reporter.report(file, 3, 1, Severity::Warning, "发现了什么；应当是什么");
        reporter.error(file, 7, 2, "无法读取");
        assert_eq!(
            reporter.lines(),
            [
                "稿件/第15期.docx:3:1: 警告: 发现了什么；应当是什么",
                "稿件/第15期.docx:7:2: 错误: 无法读取"
            ]
        );
        assert!(reporter.failed());
    }

    #[test]
    fn a_plain_reporter_keeps_nothing() {
        let mut reporter = Reporter::default();
        reporter.error(Path::new("a.txt"), 1, 1, "x");
        assert!(reporter.lines().is_empty());
        assert!(reporter.failed());
    }
}
