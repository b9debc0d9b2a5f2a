//! Diagnostics: what the parser found that it did not expect, where, and what it expected.
//!
//! Each message carries an id and the values of its placeholders besides its English wording,
//! so that a tool can show it in its user's language (the `lianluo` CLI does, from its
//! catalogue) while the core stays free of any translation machinery.

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

/// A message for its user: an id naming it in a catalogue, the values of its placeholders,
/// and its English wording (for logs, tests and tools without a catalogue).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The message's id in a catalogue, e.g. `masthead-no-date`.
    pub id: &'static str,
    /// Placeholder names and their values, in the order given.
    pub args: Vec<(&'static str, String)>,
    /// The message in English, placeholders filled in.
    pub english: String,
}

impl Message {
    /// A message `id` whose English wording is `english`.
    pub fn new(id: &'static str, english: impl Into<String>) -> Self {
        Self {
            id,
            args: Vec::new(),
            english: english.into(),
        }
    }

    /// Adds the value of the placeholder `name`.
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
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
    /// What was found and what was expected, in English.
    pub message: String,
    /// The message's id, for showing it in another language.
    pub id: &'static str,
    /// The values of the message's placeholders.
    pub args: Vec<(&'static str, String)>,
}

impl Diagnostic {
    fn new(severity: Severity, line: usize, column: usize, message: Message) -> Self {
        Self {
            severity,
            line,
            column,
            message: message.english,
            id: message.id,
            args: message.args,
        }
    }

    /// A warning at `line`:`column`.
    pub fn warning(line: usize, column: usize, message: Message) -> Self {
        Self::new(Severity::Warning, line, column, message)
    }

    /// An error at `line`:`column`.
    pub fn error(line: usize, column: usize, message: Message) -> Self {
        Self::new(Severity::Error, line, column, message)
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
