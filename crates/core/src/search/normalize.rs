//! The one normalisation that text and queries share, so that what a reader types matches what
//! was printed: full-width forms fold to ASCII (６０％ → 60%), ASCII letters fold to lower case,
//! and whitespace disappears (the source's "60% 以上" matches 60%以上).
//!
//! Case folding covers ASCII only, on purpose: the newsletter is Chinese, and the Latin it
//! contains is acronyms and units, typed either as ASCII or as full-width forms (which fold to
//! ASCII first). Full Unicode case folding would bring its tables into the WebAssembly for
//! letters that do not occur in the archive.
//!
//! Every normalised character comes from exactly one original character, so a match in
//! normalised text maps back to a byte range of the original ([`normalized_chars`]).

use core::ops::Range;

/// First code point of the full-width forms that mirror printable ASCII (`！` U+FF01).
const FULL_WIDTH_FIRST: u32 = 0xFF01;
/// Last code point of the full-width forms that mirror printable ASCII (`～` U+FF5E).
const FULL_WIDTH_LAST: u32 = 0xFF5E;
/// Distance from a full-width form down to its ASCII twin (`Ａ` U+FF21 − `A` U+0041).
const FULL_WIDTH_OFFSET: u32 = 0xFEE0;

/// The normalised form of one character, or `None` when normalisation removes it
/// (whitespace, including the ideographic space U+3000).
#[inline]
pub fn fold_char(c: char) -> Option<char> {
    let code = u32::from(c);
    let c = if (FULL_WIDTH_FIRST..=FULL_WIDTH_LAST).contains(&code) {
        // The range maps onto '!'..='~', all valid chars.
        char::from_u32(code - FULL_WIDTH_OFFSET).unwrap_or(c)
    } else {
        c
    };
    if c.is_whitespace() {
        None
    } else {
        Some(c.to_ascii_lowercase())
    }
}

/// `text` normalised: width folded, ASCII case folded, whitespace removed.
pub fn normalize(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// Each normalised character of `text` with the byte range of the original character it came
/// from, in order. Concatenating the characters gives [`normalize`]`(text)`.
pub fn normalized_chars(text: &str) -> impl Iterator<Item = (char, Range<usize>)> + '_ {
    text.char_indices()
        .filter_map(|(at, c)| fold_char(c).map(|folded| (folded, at..at + c.len_utf8())))
}
