//! A Word document's paragraphs as the numbered lines the parser reads: each paragraph a block
//! of its own (a blank line after it), its soft line breaks lines within the block, every line
//! numbered with its paragraph's number so diagnostics point at the paragraph.

use super::lines::Line;
use crate::text::is_space;

/// The lines of `paragraphs` (paragraph `i` numbered `i + 1`; `\n` a soft line break).
pub fn paragraph_lines(paragraphs: &[String]) -> Vec<Line> {
    let mut lines = Vec::with_capacity(paragraphs.len() * 2);
    for (index, paragraph) in paragraphs.iter().enumerate() {
        let number = index + 1;
        for part in paragraph.split('\n') {
            let leading = part.chars().take_while(|&c| is_space(c)).count();
            let text = part.trim_matches(is_space);
            if !text.is_empty() {
                lines.push(Line {
                    number,
                    column: leading + 1,
                    text: text.to_string(),
                });
            }
        }
        lines.push(Line {
            number,
            column: 1,
            text: String::new(),
        });
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(number: usize, column: usize, text: &str) -> Line {
        Line {
            number,
            column,
            text: text.to_string(),
        }
    }

    #[test]
    fn each_paragraph_is_a_block_and_soft_breaks_are_its_lines() {
        let paragraphs = [
            "联络动态".to_string(),
            String::new(),
            "\u{3000}\u{3000}第一行\n第二行\u{A0}".to_string(),
        ];
        assert_eq!(
            paragraph_lines(&paragraphs),
            [
                line(1, 1, "联络动态"),
                line(1, 1, ""),
                line(2, 1, ""),
                line(3, 3, "第一行"),
                line(3, 1, "第二行"),
                line(3, 1, ""),
            ]
        );
    }
}
