//! The converter from an issue's text (as exported from its PDF or Word file, already decoded)
//! or from a Word document's paragraphs to an [`Issue`], with diagnostics that say where and
//! what.
//!
//! The text is read top to bottom: the masthead up to its date line, then the body (editor's
//! note and articles), then the back matter from its first labelled line (送：, 责任编辑：…).

mod back_matter;
mod body;
mod headings;
mod lines;
mod masthead;
mod paragraphs;

use crate::diagnostic::{Diagnostic, Message, Severity};
use crate::gazetteer::Gazetteer;
use crate::model::{Article, Issue, Normalization, FORMAT_VERSION};
use back_matter::{is_back_matter_line, read_back_matter};
use body::read_body;
use lines::{split_lines, Line};
use masthead::{is_date_line, read_masthead};

pub use back_matter::starts_back_matter_field;
pub use headings::{MAX_HEADING_CHARS, MAX_REGION_CHARS, MAX_SUB_HEADING_CHARS};
pub use masthead::MAX_MASTHEAD_LINE_CHARS;

/// The masthead is searched for its date line within this many non-blank lines; a longer
/// masthead is not one. The sample's has six.
pub const MASTHEAD_MAX_LINES: usize = 12;

/// Text where more than this share (in thousandths) of the characters are control characters
/// or U+FFFD (undecodable) is taken for binary data. Real text has none; 10 = 1%.
pub const BINARY_PER_MILLE: usize = 10;

/// The masthead title used when none is printed.
pub const DEFAULT_TITLE: &str = "联络动态";

/// How to convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Make half-width `,` `:` `;` between Chinese characters full-width (recorded in the
    /// issue's `normalization`). On by default.
    pub cjk_punctuation: bool,
    /// Treat every warning as an error: no issue is produced when there is any.
    pub strict: bool,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            cjk_punctuation: true,
            strict: false,
        }
    }
}

/// The result of a conversion: the issue unless there were errors, and every diagnostic in
/// source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseOutcome {
    /// The issue; `None` when any diagnostic is an error.
    pub issue: Option<Issue>,
    /// Warnings and errors, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl ParseOutcome {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Whether the text is binary data rather than text: a NUL, or too many control characters
/// and replacement characters (see [`BINARY_PER_MILLE`]).
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut odd = 0usize;
    for c in text.chars() {
        if c == '\0' {
            return true;
        }
        total += 1;
        if c == '\u{FFFD}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{C}')) {
            odd += 1;
        }
    }
    odd > 0 && odd * 1000 > total * BINARY_PER_MILLE
}

/// Where the masthead ends (exclusive index into `lines`): after its date line, or, without
/// one, before the first line that cannot belong to a masthead.
fn masthead_end(lines: &[Line]) -> usize {
    let candidates = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.text.is_empty())
        .take(MASTHEAD_MAX_LINES)
        .take_while(|(_, l)| {
            let t = &l.text;
            let article_heading = headings::heading_parts(t).is_some_and(|parts| {
                headings::looks_like_place(parts.region)
                    || Gazetteer::hunan()
                        .resolve(parts.region)
                        .prefecture
                        .is_some()
            });
            !t.contains("编者按") && !article_heading && !is_back_matter_line(l)
        });
    let mut last = 0;
    for (index, line) in candidates {
        last = index + 1;
        if is_date_line(line) {
            return last;
        }
    }
    last
}

/// Converts an issue's text. Never panics; anything it cannot read is a diagnostic.
pub fn parse_issue(text: &str, options: &ParseOptions) -> ParseOutcome {
    if let Some(outcome) = unreadable(text) {
        return outcome;
    }
    parse_lines(&split_lines(text), options, true)
}

/// Converts an issue from a Word document's paragraphs, in order (empty ones included; a soft
/// line break inside a paragraph as `\n`). Diagnostics give the paragraph's number, from 1,
/// as their line. The paragraphs are whole: none is joined to the next as a page break's part.
pub fn parse_paragraphs(paragraphs: &[String], options: &ParseOptions) -> ParseOutcome {
    if let Some(outcome) = unreadable(&paragraphs.join("\n")) {
        return outcome;
    }
    parse_lines(&paragraphs::paragraph_lines(paragraphs), options, false)
}

/// The outcome for a text that is binary data or empty, which has nothing to parse.
fn unreadable(text: &str) -> Option<ParseOutcome> {
    let mut diagnostics = Vec::new();
    if looks_binary(text) {
        diagnostics.push(Diagnostic::error(
            1,
            1,
            Message::new(
                "text-binary",
                "the file holds binary data (NUL or control bytes), not text; expected an issue's text",
            ),
        ));
        return Some(ParseOutcome {
            issue: None,
            diagnostics,
        });
    }
    if text.trim_matches(crate::text::is_space).is_empty() {
        diagnostics.push(Diagnostic::error(
            1,
            1,
            Message::new("text-empty", "the text is empty; expected an issue's text"),
        ));
        return Some(ParseOutcome {
            issue: None,
            diagnostics,
        });
    }
    None
}

/// Converts numbered lines (blank lines separate blocks); `page_breaks` joins paragraphs cut
/// by a page break.
fn parse_lines(lines: &[Line], options: &ParseOptions, page_breaks: bool) -> ParseOutcome {
    let mut diagnostics = Vec::new();
    // Where to report what is missing at the end: the last line with text, not the empty
    // "line" after a final line end.
    let last_line = lines
        .iter()
        .rev()
        .find(|l| !l.text.is_empty())
        .map_or(1, |l| l.number);
    let head_end = masthead_end(lines);
    let back_start = lines[head_end..]
        .iter()
        .position(is_back_matter_line)
        .map_or(lines.len(), |p| head_end + p);

    let masthead = read_masthead(&lines[..head_end], &mut diagnostics);
    let body = read_body(
        &lines[head_end..back_start],
        options.cjk_punctuation,
        page_breaks,
        &mut diagnostics,
    );
    let back = if back_start < lines.len() {
        read_back_matter(
            &lines[back_start..],
            last_line,
            options.cjk_punctuation,
            &mut diagnostics,
        )
    } else {
        diagnostics.push(Diagnostic::warning(
            last_line,
            1,
            Message::new(
                "back-matter-missing",
                "no back matter; expected 送：…, 责任编辑：…, 联系方式：… and 批准文号：… after the last article",
            ),
        ));
        Default::default()
    };

    let masthead_line = lines
        .get(head_end.saturating_sub(1))
        .map_or(1, |l| l.number);
    if masthead.number.is_none() {
        diagnostics.push(Diagnostic::error(
            masthead_line,
            1,
            Message::new(
                "masthead-no-number",
                "the masthead has no issue number; expected a line 第N期 before the date",
            ),
        ));
    }
    // Issues and serials count from 1: a 0 would make an issue no reader or tool accepts.
    if masthead.number == Some(0) {
        diagnostics.push(Diagnostic::error(
            masthead_line,
            1,
            Message::new(
                "masthead-number-zero",
                "the masthead's issue number is 0 (第0期); expected 第1期 or later",
            ),
        ));
    }
    if masthead.serial == Some(0) {
        diagnostics.push(Diagnostic::error(
            masthead_line,
            1,
            Message::new(
                "masthead-serial-zero",
                "the masthead's serial number is 0 (总第0期); expected 总第1期 or later",
            ),
        ));
    }
    if masthead.date.is_none() {
        diagnostics.push(Diagnostic::error(
            masthead_line,
            1,
            Message::new(
                "masthead-no-date",
                "the masthead has no date; expected a line such as 2017年8月30日 before the first article",
            ),
        ));
    }
    if masthead.title.is_none() {
        diagnostics.push(Diagnostic::warning(
            1,
            1,
            Message::new(
                "masthead-no-title",
                format!("the masthead has no title; expected {DEFAULT_TITLE} on the first line, which is assumed"),
            )
            .arg("title", DEFAULT_TITLE),
        ));
    }
    if masthead.publisher.is_none() {
        diagnostics.push(Diagnostic::warning(
            masthead_line,
            1,
            Message::new(
                "masthead-no-publisher",
                "the masthead names no publisher; expected a line ending in 编 (…委员会编)",
            ),
        ));
    }
    if masthead.serial.is_none() {
        diagnostics.push(Diagnostic::warning(
            masthead_line,
            1,
            Message::new(
                "masthead-no-serial",
                "the masthead has no serial number; expected (总第…期)",
            ),
        ));
    }
    if body.articles.is_empty() {
        diagnostics.push(Diagnostic::error(
            lines
                .get(back_start.saturating_sub(1))
                .map_or(1, |l| l.number),
            1,
            Message::new(
                "no-articles",
                "no articles; expected at least one heading line 地区：标题 after the masthead",
            ),
        ));
    }

    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    diagnostics.sort_by_key(|d| (d.line, d.column));
    let failed = diagnostics.iter().any(|d| d.severity == Severity::Error);
    let issue = match (masthead.number, masthead.date) {
        (Some(number), Some(date)) if !failed => {
            let id = format!("{}-{}", date.year, number);
            let articles = body
                .articles
                .into_iter()
                .enumerate()
                .map(|(n, a)| Article {
                    id: format!("{id}-{}", n + 1),
                    region: a.region,
                    title: a.title,
                    blocks: a.blocks,
                })
                .collect();
            Some(Issue {
                format_version: FORMAT_VERSION,
                id,
                title: masthead.title.unwrap_or_else(|| DEFAULT_TITLE.to_string()),
                number,
                serial: masthead.serial,
                date: date.to_iso(),
                publisher: masthead.publisher.unwrap_or_default(),
                editor_note: body.editor_note,
                articles,
                distribution: back.distribution,
                editors: back.editors,
                phone: back.phone,
                email: back.email,
                approval: back.approval,
                normalization: Normalization {
                    cjk_punctuation: options.cjk_punctuation,
                },
            })
        }
        _ => None,
    };
    ParseOutcome { issue, diagnostics }
}
