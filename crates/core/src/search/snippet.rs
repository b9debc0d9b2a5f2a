//! Marks and snippets for display: where a query's terms occur in original (un-normalised)
//! text, as byte ranges, and the stretch of an article that shows the most of them.
//!
//! Matching is done on normalised text and mapped back through [`normalized_chars`], so a
//! mark spans whatever normalisation removed inside a match: for the query `60%以上`, the
//! printed `60% 以上` is marked whole. Ranges always fall on character boundaries.

use core::ops::Range;

use super::normalize::normalized_chars;
use super::query::Query;

/// Length of a snippet in characters of the original text (less when the block is shorter).
/// Range 20 to 300; 80 is two or three lines on a phone.
pub const SNIPPET_CHARS: usize = 80;

/// Characters of context shown before the first match of a snippet, when the block has them.
/// Range 0 to half of [`SNIPPET_CHARS`].
pub const SNIPPET_LEAD: usize = 12;

/// For each required term that occurs in a text, the byte ranges of its occurrences.
type Occurrences = Vec<Vec<Range<usize>>>;

/// A window of one block of an article, with its matches marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snippet {
    /// Which of the blocks passed in the window comes from.
    pub block: usize,
    /// The window's text, exactly as in the block.
    pub text: String,
    /// Byte ranges of `text` to mark, increasing and disjoint.
    pub marks: Vec<Range<usize>>,
    /// The block goes on before the window (show an ellipsis there).
    pub cut_before: bool,
    /// The block goes on after the window.
    pub cut_after: bool,
}

/// Byte ranges of `text` where the query's required terms occur, merged where they overlap,
/// in order. Excluded terms are not marked.
pub fn mark_ranges(text: &str, query: &Query) -> Vec<Range<usize>> {
    merge(occurrences(text, query))
}

/// The window of about [`SNIPPET_CHARS`] characters, within one of `blocks`, that holds
/// occurrences of the most distinct terms, then the most occurrences; the earliest such
/// window wins ties. When nothing matches, the beginning of the first non-empty block.
/// `None` when every block is empty.
pub fn snippet(blocks: &[&str], query: &Query) -> Option<Snippet> {
    // The best window so far: its density, block, byte range and that block's occurrences.
    let mut best: Option<(u64, usize, Range<usize>, Occurrences)> = None;
    for (b, text) in blocks.iter().enumerate() {
        let found = occurrences_by_term(text, query);
        if found.is_empty() {
            continue;
        }
        let starts = char_starts(text);
        let char_at = |byte: usize| starts.partition_point(|&s| s < byte);
        let mut block_best: Option<(u64, Range<usize>)> = None;
        for range in found.iter().flatten() {
            let first = char_at(range.start).saturating_sub(SNIPPET_LEAD);
            let window = window_at(&starts, text.len(), first);
            let density = density(&found, &window);
            if block_best.as_ref().is_none_or(|(d, _)| density > *d) {
                block_best = Some((density, window));
            }
        }
        if let Some((density, window)) = block_best {
            if best.as_ref().is_none_or(|(d, ..)| density > *d) {
                best = Some((density, b, window, found));
            }
        }
    }
    let (block, window, marks) = match best {
        Some((_, block, window, found)) => {
            (block, window, merge(found.into_iter().flatten().collect()))
        }
        None => {
            let block = blocks.iter().position(|t| !t.trim().is_empty())?;
            let text = blocks[block];
            (
                block,
                window_at(&char_starts(text), text.len(), 0),
                Vec::new(),
            )
        }
    };
    let text = blocks[block];
    let marks = marks
        .into_iter()
        .filter_map(|m| {
            let start = m.start.max(window.start);
            let end = m.end.min(window.end);
            (start < end).then(|| start - window.start..end - window.start)
        })
        .collect();
    Some(Snippet {
        block,
        // Window bounds are character boundaries; `get` keeps the panic path out of the
        // WebAssembly.
        text: text.get(window.clone()).unwrap_or_default().to_owned(),
        marks,
        cut_before: window.start > 0,
        cut_after: window.end < text.len(),
    })
}

/// Byte offset of each character of `text`.
fn char_starts(text: &str) -> Vec<usize> {
    text.char_indices().map(|(at, _)| at).collect()
}

/// The byte range of [`SNIPPET_CHARS`] characters from character `first`, moved back when
/// the block ends sooner so that the window stays full.
fn window_at(starts: &[usize], len: usize, first: usize) -> Range<usize> {
    let first = first.min(starts.len().saturating_sub(SNIPPET_CHARS));
    let end = starts.get(first + SNIPPET_CHARS).copied().unwrap_or(len);
    starts.get(first).copied().unwrap_or(len)..end
}

/// How good a window is: distinct terms wholly inside it first, then occurrences.
fn density(found: &Occurrences, window: &Range<usize>) -> u64 {
    let inside = |r: &&Range<usize>| r.start >= window.start && r.end <= window.end;
    let mut terms = 0u64;
    let mut count = 0u64;
    for ranges in found {
        let n = ranges.iter().filter(inside).count() as u64;
        terms += u64::from(n > 0);
        count += n;
    }
    (terms << 32) | count
}

/// Every occurrence of every required term, unmerged.
fn occurrences(text: &str, query: &Query) -> Vec<Range<usize>> {
    occurrences_by_term(text, query)
        .into_iter()
        .flatten()
        .collect()
}

/// For each required term that occurs in `text`, the byte ranges of its occurrences,
/// overlapping ones included.
fn occurrences_by_term(text: &str, query: &Query) -> Occurrences {
    let mut found = Vec::new();
    for term in &query.required {
        let term: Vec<char> = term.chars().collect();
        let Some(&first) = term.first() else {
            continue;
        };
        // Only where the term's first character stands can it start: the text is walked once
        // per term, and no copy of its normalised characters is made.
        let ranges: Vec<Range<usize>> = normalized_chars(text)
            .filter(|(c, _)| *c == first)
            .filter_map(|(_, at)| match_at(text, at.start, &term))
            .collect();
        if !ranges.is_empty() {
            found.push(ranges);
        }
    }
    found
}

/// The byte range of the original text from `at` whose normalised characters begin with
/// `term`, when they do.
fn match_at(text: &str, at: usize, term: &[char]) -> Option<Range<usize>> {
    let mut chars = normalized_chars(text.get(at..)?);
    let mut end = at;
    for &wanted in term {
        let (c, range) = chars.next()?;
        if c != wanted {
            return None;
        }
        end = at + range.end;
    }
    Some(at..end)
}

/// Sorts ranges and merges those that overlap.
fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    // Each term's ranges are already in order, so insertion moves little; and the WebAssembly
    // needs no extra sort routine.
    let mut sorted: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        let at = sorted.partition_point(|s| (s.start, s.end) <= (r.start, r.end));
        sorted.insert(at, r);
    }
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(sorted.len());
    for r in sorted {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::search::parse_query;

    /// Every window of the normalised text compared with each term: the definition that
    /// [`occurrences_by_term`] finds faster.
    fn occurrences_by_scan(text: &str, query: &Query) -> Occurrences {
        let normalized: Vec<(char, Range<usize>)> = normalized_chars(text).collect();
        let mut found = Vec::new();
        for term in &query.required {
            let term: Vec<char> = term.chars().collect();
            if term.is_empty() || term.len() > normalized.len() {
                continue;
            }
            let ranges: Vec<Range<usize>> = normalized
                .windows(term.len())
                .filter(|w| w.iter().map(|(c, _)| *c).eq(term.iter().copied()))
                .map(|w| w[0].1.start..w[w.len() - 1].1.end)
                .collect();
            if !ranges.is_empty() {
                found.push(ranges);
            }
        }
        found
    }

    proptest! {
        #[test]
        fn occurrences_are_those_of_a_scan_of_every_window(
            text in "[人大代表 　Ａａa６6%％]{0,30}",
            query in "[人大代表Ａa６6%％ ]{1,8}",
        ) {
            let query = parse_query(&query);
            prop_assert_eq!(occurrences_by_term(&text, &query), occurrences_by_scan(&text, &query));
        }
    }

    #[test]
    fn a_match_spans_the_space_normalisation_removed() {
        let query = parse_query("人大代表");
        let found = occurrences_by_term("湖南人大 代表", &query);
        assert_eq!(found, vec![vec![6..19]]);
    }
}
