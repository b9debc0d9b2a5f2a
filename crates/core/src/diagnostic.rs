//! Diagnostics: what the parser found that it did not expect, where, and what it expected.

use std::fmt;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The parser guessed (an unknown region, a missing editor's note…): the output is usable
    /// but someone should look.
    Warning,
    /// The input cannot become an issue (no masthead number or date, no articles…).
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One problem found in a source text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Warning or error.
    pub severity: Severity,
    /// Line in the source text, from 1.
    pub line: usize,
    /// Column in that line, in characters, from 1 (1 when the whole line is meant).
    pub column: usize,
    /// What was found and what was expected, in words.
    pub message: String,
}

impl Diagnostic {
    /// A warning at `line`:`column`.
    pub fn warning(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            line,
            column,
            message: message.into(),
        }
    }

    /// An error at `line`:`column`.
    pub fn error(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            line,
            column,
            message: message.into(),
        }
    }
}

/// `LINE:COL: warning: message`; a caller prefixes the file name.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.line, self.column, self.severity, self.message
        )
    }
}
