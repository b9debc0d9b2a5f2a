//! Recognising headings: an article's `地区：标题` line and a sub-heading (`一、…`, `(一)…`,
//! `（一）…`, `1. …`, `1、…`) on a line of its own.

use crate::text::{is_closing_punctuation, is_han};

/// Longest line, in characters, read as an article heading; longer lines are body text.
/// Real headings run 15–35 characters; 60 leaves room for a long title.
pub const MAX_HEADING_CHARS: usize = 60;

/// Longest region part of a heading, in characters: room for a township under its county
/// and prefecture (`湘西土家族苗族自治州吉首市某某镇人大` is 18).
pub const MAX_REGION_CHARS: usize = 24;

/// Longest line, in characters, read as a sub-heading; sub-headings are short phrases, and a
/// longer line starting `一、` is an enumerated paragraph.
pub const MAX_SUB_HEADING_CHARS: usize = 40;

/// Endings of a region that make it look like a place even when the gazetteer does not know
/// it: a division, a township, or a people's congress body.
const PLACE_SUFFIXES: [&str; 9] = ["市", "州", "县", "区", "镇", "乡", "街道", "人大", "常委会"];

/// The parts of an `地区：标题` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadingParts<'t> {
    /// The region as printed.
    pub region: &'t str,
    /// The title, trimmed.
    pub title: &'t str,
}

/// Splits a line shaped like an article heading: short, a region of Han characters only, a
/// colon (full- or half-width), and a title that is not a sentence.
pub fn heading_parts(line: &str) -> Option<HeadingParts<'_>> {
    if line.chars().count() > MAX_HEADING_CHARS {
        return None;
    }
    let colon = line.find(['：', ':'])?;
    let region = line[..colon].trim();
    let colon_len = line[colon..].chars().next().map_or(1, char::len_utf8);
    let title = line[colon + colon_len..].trim();
    let region_chars = region.chars().count();
    let region_ok = (2..=MAX_REGION_CHARS).contains(&region_chars) && region.chars().all(is_han);
    // A title may end in a quote, ？ or ！, but not in what ends or continues a sentence.
    let title_ok = !title.is_empty()
        && !title.contains(['。', '；', ';'])
        && !title.ends_with(['：', ':', '，', ',', '、', '.']);
    (region_ok && title_ok).then_some(HeadingParts { region, title })
}

/// Whether `region` ends like a place name (see [`PLACE_SUFFIXES`]).
pub fn looks_like_place(region: &str) -> bool {
    PLACE_SUFFIXES.iter().any(|s| region.ends_with(s))
}

/// Whether `c` counts as a numbering digit in a sub-heading (Chinese or Arabic).
fn is_numbering_digit(c: char) -> bool {
    "〇零一二三四五六七八九十".contains(c) || crate::text::is_digit(c)
}

/// The length in bytes of a sub-heading's numbering (`一、`, `(二)`, `（十一）`, `3.`, `3、`, `①`),
/// when `line` starts with one.
fn numbering_len(line: &str) -> Option<usize> {
    let (open, rest) = match line.chars().next()? {
        c @ ('(' | '（') => (c.len_utf8(), &line[c.len_utf8()..]),
        // ① to ⑳ number on their own.
        c @ '①'..='⑳' => return Some(c.len_utf8()),
        _ => (0, line),
    };
    let digits: usize = rest
        .chars()
        .take_while(|&c| is_numbering_digit(c))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || digits > 9 {
        return None;
    }
    let after = rest[digits..].chars().next()?;
    let arabic = rest[..digits].chars().all(crate::text::is_digit);
    let closes = if open > 0 {
        matches!(after, ')' | '）')
    } else if arabic {
        // `1.` but not `1.5倍`; `1、`.
        (matches!(after, '.' | '．')
            && !rest[digits + after.len_utf8()..].starts_with(|c: char| c.is_ascii_digit()))
            || after == '、'
    } else {
        after == '、'
    };
    closes.then_some(open + digits + after.len_utf8())
}

/// Whether `line` is a sub-heading: numbered, short, with text after the numbering, and
/// without the punctuation of a sentence.
pub fn is_sub_heading(line: &str) -> bool {
    let Some(len) = numbering_len(line) else {
        return false;
    };
    let text = line[len..].trim();
    !text.is_empty()
        && line.chars().count() <= MAX_SUB_HEADING_CHARS
        && !text.contains(['。', '；', ';', '，', ','])
        && !text.ends_with(is_closing_punctuation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_with_either_colon_split_into_region_and_title() {
        let expected = HeadingParts {
            region: "湘潭市",
            title: "加强领导 上下协同",
        };
        assert_eq!(
            heading_parts("湘潭市:加强领导 上下协同"),
            Some(expected.clone())
        );
        assert_eq!(heading_parts("湘潭市：加强领导 上下协同"), Some(expected));
        let quoted = heading_parts("乔口镇人大：打造“乔口样本”").map(|p| p.title);
        assert_eq!(quoted, Some("打造“乔口样本”"));
    }

    #[test]
    fn sentences_with_a_colon_are_not_headings() {
        assert_eq!(heading_parts("会议指出：要加强领导。"), None);
        assert_eq!(heading_parts("一是加强思想建设："), None);
        assert_eq!(heading_parts("市委“领航”：把握方向"), None);
        assert_eq!(heading_parts(&format!("湘潭市：{}", "长".repeat(60))), None);
    }

    #[test]
    fn each_sub_heading_style_is_recognised() {
        for line in [
            "一、加强领导",
            "(一)加强领导",
            "（十二）加强领导",
            "1. 加强领导",
            "2、加强领导",
            "３．加强领导",
            "①加强领导",
            "(1)加强领导",
        ] {
            assert!(is_sub_heading(line), "{line}");
        }
    }

    #[test]
    fn numbered_sentences_are_not_sub_headings() {
        for line in [
            "一是加强思想建设",
            "一、加强领导，上下协同。",
            "1.5倍以上",
            "十分重要",
            "一、",
            "(一)",
        ] {
            assert!(!is_sub_heading(line), "{line}");
        }
    }
}
