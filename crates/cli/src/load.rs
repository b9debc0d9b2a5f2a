//! Reading one issue or archive index from a file's bytes into a value plus diagnostics, the
//! same way for `convert`, `validate` and `build`. Nothing here prints: callers report.

use lianluo_core::diagnostic::Diagnostic;
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::validate::{validate_archive, validate_issue, Problem};
use lianluo_core::{ArchiveIndex, Issue};
use serde::de::DeserializeOwned;

use crate::decode::{decode, Encoding};
use crate::json_location::locate;

/// A value read from a file (when it could be), and what was found on the way.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The value; `None` when there was an error.
    pub value: Option<T>,
    /// Warnings and errors, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl<T> Loaded<T> {
    fn failed(diagnostic: Diagnostic) -> Self {
        Loaded {
            value: None,
            diagnostics: vec![diagnostic],
        }
    }
}

/// What a JSON file holds.
#[derive(Debug)]
pub enum Document {
    /// One issue.
    Issue(Issue),
    /// An archive index.
    Archive(ArchiveIndex),
}

/// Whether decoded text is JSON rather than an issue's text.
fn looks_like_json(text: &str) -> bool {
    text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}')
        .starts_with(['{', '['])
}

/// Converts an issue's text (any supported encoding) to an issue.
pub fn issue_from_text(
    bytes: &[u8],
    options: &ParseOptions,
    encoding: Option<Encoding>,
) -> Loaded<Issue> {
    let text = match decode(bytes, encoding) {
        Ok(text) => text,
        Err(e) => return Loaded::failed(Diagnostic::error(e.line, e.column, e.message)),
    };
    if looks_like_json(&text) {
        return Loaded::failed(Diagnostic::error(
            1,
            1,
            "this is JSON, not an issue's text; expected the text exported from the issue's PDF or Word file (check JSON with `lianluo validate`)",
        ));
    }
    let outcome = parse_issue(&text, options);
    let mut diagnostics = outcome.diagnostics;
    let issue = outcome.issue.filter(|issue| {
        // The parser builds valid issues; a problem here is a parser bug worth stopping for.
        let problems = validate_issue(issue);
        for p in &problems {
            diagnostics.push(Diagnostic::error(
                1,
                1,
                format!("the converted issue is invalid at {p}"),
            ));
        }
        problems.is_empty()
    });
    Loaded {
        value: issue,
        diagnostics,
    }
}

/// Semantic problems as diagnostics located in the JSON text.
fn located(json: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|p| {
            let (line, column) = locate(json, &p.path);
            Diagnostic::error(line, column, p.to_string())
        })
        .collect()
}

/// Parses JSON as `T`, with serde's line and column on failure.
fn typed<T: DeserializeOwned>(json: &str, what: &str) -> Result<T, Diagnostic> {
    serde_json::from_str(json).map_err(|e| {
        Diagnostic::error(
            e.line().max(1),
            e.column().max(1),
            format!("not a valid {what}: {e}"),
        )
    })
}

/// Reads an issue or an archive index from JSON (UTF-8, byte-order mark allowed), deciding
/// which by the presence of a top-level `issues` member, and checks it.
pub fn document_from_json(bytes: &[u8]) -> Loaded<Document> {
    let text = match decode(bytes, Some(Encoding::Utf8)) {
        Ok(text) => text,
        Err(e) => return Loaded::failed(Diagnostic::error(e.line, e.column, e.message)),
    };
    let json = text.as_str();
    let shape: serde_json::Value = match typed(json, "JSON document") {
        Ok(v) => v,
        Err(d) => return Loaded::failed(d),
    };
    if shape.get("issues").is_some() {
        match typed::<ArchiveIndex>(json, "archive index") {
            Ok(index) => {
                let diagnostics = located(json, validate_archive(&index));
                let value = diagnostics.is_empty().then_some(Document::Archive(index));
                Loaded { value, diagnostics }
            }
            Err(d) => Loaded::failed(d),
        }
    } else {
        match typed::<Issue>(json, "issue") {
            Ok(issue) => {
                let diagnostics = located(json, validate_issue(&issue));
                let value = diagnostics.is_empty().then_some(Document::Issue(issue));
                Loaded { value, diagnostics }
            }
            Err(d) => Loaded::failed(d),
        }
    }
}
