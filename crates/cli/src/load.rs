//! Reading one issue or archive index from a file's bytes into a value plus diagnostics, the
//! same way for `convert`, `validate` and `build`. Nothing here prints: callers report.

use lianluo_core::diagnostic::{Diagnostic, Message, Severity};
use lianluo_core::parse::{parse_issue, parse_paragraphs, ParseOptions};
use lianluo_core::validate::{validate_archive, validate_issue, Problem};
use lianluo_core::{ArchiveIndex, Issue};
use serde::de::DeserializeOwned;

use crate::decode::{decode, Encoding};
use crate::docx::{read_docx, Skipped};
use crate::i18n::catalogue;
use crate::json_location::locate;
use crate::pdf::read_pdf;

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
            Message::new(
                "text-is-json",
                "this is JSON, not an issue's text; expected the text exported from the issue's PDF or Word file (check JSON with `lianluo validate`)",
            ),
        ));
    }
    validated(parse_issue(&text, options))
}

/// Whether `path` names a Word document (`.docx`, any case).
pub fn is_docx(path: &std::path::Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
}

/// Converts an issue's Word document to an issue. Diagnostics are located by paragraph: the
/// line is the paragraph's number and the message names it.
pub fn issue_from_docx(bytes: &[u8], options: &ParseOptions) -> Loaded<Issue> {
    let text = match read_docx(bytes) {
        Ok(text) => text,
        Err(message) => return Loaded::failed(Diagnostic::error(1, 1, message)),
    };
    let mut outcome = parse_paragraphs(&text.paragraphs, options);
    let severity = if options.strict {
        Severity::Error
    } else {
        Severity::Warning
    };
    for skipped in &text.skipped {
        let (paragraph, message) = match *skipped {
            Skipped::Table { before_paragraph } => (
                before_paragraph,
                Message::new(
                    "docx-table-skipped",
                    "a table before this paragraph was skipped; expected text only (if it belongs to the issue, write its content as paragraphs)",
                ),
            ),
            Skipped::Image { paragraph } => (
                paragraph,
                Message::new(
                    "docx-image-skipped",
                    "an image in this paragraph was skipped; expected text only",
                ),
            ),
        };
        let mut d = Diagnostic::warning(paragraph, 1, message);
        d.severity = severity;
        outcome.diagnostics.push(d);
    }
    if severity == Severity::Error && !text.skipped.is_empty() {
        outcome.issue = None;
    }
    outcome.diagnostics.sort_by_key(|d| (d.line, d.column));
    let mut loaded = validated(outcome);
    loaded.diagnostics = loaded.diagnostics.iter().map(in_paragraph).collect();
    loaded
}

/// Diagnostics about the document as a whole, which no paragraph is the place of.
const WHOLE_DOCUMENT: [&str; 3] = ["text-empty", "text-binary", "converted-invalid"];

/// A diagnostic located at a paragraph, its message saying which (`第 12 段：…`).
fn in_paragraph(d: &Diagnostic) -> Diagnostic {
    let place = Message::new(
        "in-paragraph",
        format!("paragraph {}: {}", d.line, d.message),
    )
    .arg("paragraph", d.line);
    placed(d, d.line, d.column, place)
}

/// `d` said at `line`:`column` inside `place` (the place in words, with `{ $message }` for
/// what `d` says), keeping its severity. Diagnostics about the whole document stay as they are.
fn placed(d: &Diagnostic, line: usize, column: usize, place: Message) -> Diagnostic {
    if WHOLE_DOCUMENT.contains(&d.id) {
        return d.clone();
    }
    let message = place.arg("message", catalogue().diagnostic(d));
    let mut located = Diagnostic::error(line, column, message);
    located.severity = d.severity;
    located
}

/// Whether a file is a PDF: named `.pdf`, or starting as every PDF does (a PDF saved as
/// `.txt` is read as what it is).
pub fn is_pdf(path: &std::path::Path, bytes: &[u8]) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        || bytes.starts_with(b"%PDF-")
}

/// Converts an issue's PDF to an issue. Diagnostics are located by page and line: the line
/// of a diagnostic is the page, its column the line on that page, and the message says both.
pub fn issue_from_pdf(bytes: &[u8], options: &ParseOptions) -> Loaded<Issue> {
    let text = match read_pdf(bytes) {
        Ok(text) => text,
        Err(message) => return Loaded::failed(Diagnostic::error(1, 1, message)),
    };
    let paragraphs: Vec<String> = text.paragraphs.iter().map(|p| p.text.clone()).collect();
    let mut outcome = parse_paragraphs(&paragraphs, options);
    let place = |paragraph: usize| {
        text.paragraphs
            .get(paragraph.saturating_sub(1))
            .map_or((1, 1), |p| (p.page, p.line))
    };
    let mut diagnostics: Vec<Diagnostic> = outcome
        .diagnostics
        .iter()
        .map(|d| {
            let (page, line) = place(d.line);
            at_page_line(d, page, line)
        })
        .collect();
    for &(page, line, count) in &text.gaps {
        let message = Message::new(
            "pdf-characters-left-out",
            format!("{count} characters whose font does not say what they are left out; expected text throughout (check this line against the printed issue)"),
        )
        .arg("count", count);
        let mut d = Diagnostic::warning(1, 1, message);
        if options.strict {
            d.severity = Severity::Error;
            outcome.issue = None;
        }
        diagnostics.push(at_page_line(&d, page, line));
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    outcome.diagnostics = Vec::new();
    let mut loaded = validated(outcome);
    diagnostics.append(&mut loaded.diagnostics);
    loaded.diagnostics = diagnostics;
    loaded
}

/// A diagnostic placed at a PDF's page and line, its message saying which (`第 3 页第 12 行：…`).
fn at_page_line(d: &Diagnostic, page: usize, line: usize) -> Diagnostic {
    let place = Message::new(
        "in-page-line",
        format!("page {page}, line {line}: {}", d.message),
    )
    .arg("page", page)
    .arg("line", line);
    placed(d, page, line, place)
}

/// Reads an issue from a source file's bytes: a PDF or a Word document by its extension (a
/// PDF by its first bytes too), otherwise text.
pub fn issue_from_file(
    path: &std::path::Path,
    bytes: &[u8],
    options: &ParseOptions,
    encoding: Option<Encoding>,
) -> Loaded<Issue> {
    if is_pdf(path, bytes) {
        issue_from_pdf(bytes, options)
    } else if is_docx(path) {
        issue_from_docx(bytes, options)
    } else {
        issue_from_text(bytes, options, encoding)
    }
}

/// The parser's outcome, its issue validated against the format's rules.
fn validated(outcome: lianluo_core::parse::ParseOutcome) -> Loaded<Issue> {
    let mut diagnostics = outcome.diagnostics;
    let issue = outcome.issue.filter(|issue| {
        // The parser builds valid issues; a problem here is a parser bug worth stopping for.
        let problems = validate_issue(issue);
        for p in &problems {
            diagnostics.push(Diagnostic::error(
                1,
                1,
                Message::new(
                    "converted-invalid",
                    format!("the converted issue is invalid at {p}"),
                )
                .arg("problem", catalogue().problem(p)),
            ));
        }
        problems.is_empty()
    });
    Loaded {
        value: issue,
        diagnostics,
    }
}

/// Semantic problems as diagnostics located in the JSON text. Each is said as `path: message`,
/// the path staying as written in the JSON whatever the language.
fn located(json: &str, problems: Vec<Problem>) -> Vec<Diagnostic> {
    problems
        .into_iter()
        .map(|p| {
            let (line, column) = locate(json, &p.path);
            let message = Message::new("json-problem", p.to_string())
                .arg("path", &p.path)
                .arg("problem", catalogue().problem_message(&p));
            Diagnostic::error(line, column, message)
        })
        .collect()
}

/// Parses JSON as `T`, with serde's line and column on failure (serde's reason stays in
/// English: it quotes JSON syntax and Rust types).
fn typed<T: DeserializeOwned>(json: &str, id: &'static str, what: &str) -> Result<T, Diagnostic> {
    serde_json::from_str(json).map_err(|e| {
        Diagnostic::error(
            e.line().max(1),
            e.column().max(1),
            Message::new(id, format!("not a valid {what}: {e}")).arg("reason", e),
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
    let shape: serde_json::Value = match typed(json, "json-syntax-document", "JSON document") {
        Ok(v) => v,
        Err(d) => return Loaded::failed(d),
    };
    if shape.get("issues").is_some() {
        match typed::<ArchiveIndex>(json, "json-syntax-archive", "archive index") {
            Ok(index) => {
                let diagnostics = located(json, validate_archive(&index));
                let value = diagnostics.is_empty().then_some(Document::Archive(index));
                Loaded { value, diagnostics }
            }
            Err(d) => Loaded::failed(d),
        }
    } else {
        match typed::<Issue>(json, "json-syntax-issue", "issue") {
            Ok(issue) => {
                let diagnostics = located(json, validate_issue(&issue));
                let value = diagnostics.is_empty().then_some(Document::Issue(issue));
                Loaded { value, diagnostics }
            }
            Err(d) => Loaded::failed(d),
        }
    }
}
