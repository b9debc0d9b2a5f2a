//! The source text as numbered lines: line ends of any convention (LF, CRLF, CR), byte-order
//! marks and form feeds removed, leading and trailing whitespace (full-width included) trimmed,
//! with the line number and starting column kept for diagnostics.

use crate::text::is_space;

/// One source line, trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Line number in the source, from 1.
    pub number: usize,
    /// Column of the first character kept, in characters, from 1.
    pub column: usize,
    /// The text without leading and trailing whitespace; empty for a blank line.
    pub text: String,
}

/// Splits `source` into lines. A form feed (a page break in extracted text) and a byte-order
/// mark are dropped wherever they are, so a page break inside a line joins its two halves.
pub fn split_lines(source: &str) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut rest = source;
    let mut number = 1;
    loop {
        let end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let raw = &rest[..end];
        let leading = raw.chars().take_while(|&c| is_space(c)).count();
        let text: String = raw
            .trim_matches(is_space)
            .chars()
            .filter(|&c| c != '\u{C}' && c != '\u{FEFF}')
            .collect();
        lines.push(Line {
            number,
            column: leading + 1,
            text,
        });
        if end == rest.len() {
            break;
        }
        let terminator = if rest[end..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[end + terminator..];
        number += 1;
    }
    lines
}

/// Whether a line is only a page number left by PDF extraction: `2`, `- 2 -`, `— 12 —`,
/// `第 3 页`. Such lines are not text and are skipped as if absent.
pub fn is_page_number(text: &str) -> bool {
    let compact: String = text.chars().filter(|&c| !is_space(c)).collect();
    let inner = compact
        .trim_matches(|c| matches!(c, '-' | '—' | '–' | '－' | '·'))
        .trim_start_matches('第')
        .trim_end_matches('页');
    (1..=4).contains(&inner.len()) && inner.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(source: &str) -> Vec<String> {
        split_lines(source).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn page_numbers_are_recognised() {
        for page in ["2", "- 2 -", "— 12 —", "第 3 页", "－4－"] {
            assert!(is_page_number(page), "{page}");
        }
        for text in ["", "2017年", "第15期", "12345", "一"] {
            assert!(!is_page_number(text), "{text}");
        }
    }

    #[test]
    fn every_line_end_convention_counts_one_line() {
        assert_eq!(texts("a\r\nb\rc\nd"), ["a", "b", "c", "d"]);
        assert_eq!(split_lines("a\r\n\r\nb")[2].number, 3);
    }

    #[test]
    fn bom_form_feed_and_full_width_spaces_are_trimmed() {
        let lines = split_lines(
            "\u{FEFF}联络\u{3000}\u{3000}\n\u{3000}\u{3000}正文 \n\u{C}\n让市\u{C}领导",
        );
        assert_eq!(lines[0].text, "联络");
        assert_eq!((lines[1].text.as_str(), lines[1].column), ("正文", 3));
        assert_eq!(lines[2].text, "");
        assert_eq!(lines[3].text, "让市领导");
    }
}
