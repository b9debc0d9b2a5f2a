//! Ranking: pure functions from what a document's matches look like to a score, and the two
//! orders results can be shown in. Weights are integers so that equal inputs always rank the
//! same on every platform.

/// One matching document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The document: the article's position in `index.json` (issues newest first, articles in
    /// printed order), so a smaller number is a newer article.
    pub doc: u32,
    /// Relevance; higher is better (see [`score`]).
    pub score: u32,
    /// How many times the required terms occur in it, all terms together.
    pub matches: u32,
    /// Whether a required term occurs in its title.
    pub title_hit: bool,
}

/// Points for each required term found in the title. Range 0 to 10,000; at 1,000 it outweighs
/// any realistic sum of the other points, so articles with a title hit come first.
pub const TITLE_POINTS: u32 = 1_000;

/// Points for a term's occurrences: `MATCH_POINTS × √count`, so the second occurrence adds
/// less than the first and a long article that repeats a word cannot drown a title hit.
/// Range 1 to 1,000.
pub const MATCH_POINTS: u32 = 100;

/// Points for two terms (consecutive in the query) occurring next to each other in query
/// order, as if they had been typed as one phrase. Range 0 to 1,000.
pub const PHRASE_POINTS: u32 = 200;

/// Points for two terms (consecutive in the query) occurring close together: the full amount
/// when adjacent, falling linearly to nothing at [`NEAR_WINDOW`] characters apart. Range 0 to
/// 1,000.
pub const NEAR_POINTS: u32 = 150;

/// How many characters apart two terms may be and still count as close. Range 1 to 500;
/// about a sentence.
pub const NEAR_WINDOW: u32 = 30;

/// Points for a term occurring `count` times in a document: `MATCH_POINTS × √count`, rounded
/// down.
pub fn match_points(count: u32) -> u32 {
    count.saturating_mul(MATCH_POINTS * MATCH_POINTS).isqrt()
}

/// Points for two consecutive terms whose nearest occurrences are `distance` characters apart:
/// the characters between the first term's end and the second's start when they come in query
/// order (0 = adjacent), one more than that when reversed, 0 when they overlap. Positions are
/// counted across the whole article, a block boundary counting as one character.
pub fn closeness_points(distance: u32) -> u32 {
    let phrase = if distance == 0 { PHRASE_POINTS } else { 0 };
    phrase + NEAR_POINTS * NEAR_WINDOW.saturating_sub(distance) / NEAR_WINDOW
}

/// A document's score: title hits, then occurrences per term, then closeness of each pair of
/// consecutive terms whose positions are known (`None` when unknown). Positions are known for
/// terms of three or more characters, and for two-character terms in queries of several terms
/// unless their pair is one of the index's largest keys (too costly to fetch for ranking).
pub fn score(title_terms: u32, term_counts: &[u32], distances: &[Option<u32>]) -> u32 {
    let title = TITLE_POINTS.saturating_mul(title_terms);
    let matches: u32 = term_counts.iter().map(|&c| match_points(c)).sum();
    let closeness: u32 = distances
        .iter()
        .flatten()
        .map(|&d| closeness_points(d))
        .sum();
    title.saturating_add(matches).saturating_add(closeness)
}

/// Best first; among equal scores the newer article first. One integer key per hit (score
/// inverted above document number), which sorts tens of thousands of hits in a millisecond.
pub fn rank(hits: &mut [Hit]) {
    hits.sort_unstable_by_key(|h| (u64::from(u32::MAX - h.score) << 32) | u64::from(h.doc));
}

/// Newest article first, whatever the score. Documents are numbered newest first, so this is
/// document order: each hit is put in its document's slot, with no sort.
pub fn newest_first(hits: &[Hit]) -> Vec<Hit> {
    let slots = hits.iter().map(|h| h.doc as usize + 1).max().unwrap_or(0);
    let mut by_doc: Vec<Option<Hit>> = vec![None; slots];
    for hit in hits {
        by_doc[hit.doc as usize] = Some(*hit);
    }
    by_doc.into_iter().flatten().collect()
}
