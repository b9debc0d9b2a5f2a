//! Exact substring search over the archive, from a sharded index of character pairs.
//!
//! Chinese has no spaces between words, so instead of words the index holds every pair of
//! consecutive characters of every block (title, paragraph, sub-heading) with positions and
//! neighbouring characters, plus single characters with counts. A term is found by looking up
//! pairs that together check each of its characters and verifying that they line up, so the
//! results are exactly those of a scan of each block's normalised text (see [`normalize`]),
//! never across a block boundary. See `docs/search.md` for the layout and its measurements.
//!
//! The index is a list of segments, each written once and named by its content, so that a
//! build that adds an issue adds a small segment and leaves the others' files alone (see
//! [`update_index`] and [`merge`]).
//!
//! The publishing tool calls [`update_index`] (or [`build_index`] for one segment). The reader:
//! 1. fetches [`MANIFEST_PATH`] (relative to `index.json`) into a [`Manifest`], maps its
//!    segments' documents to the archive's with [`Manifest::doc_map`] (which fails when the
//!    manifest belongs to another archive), and computes [`doc_facts`] once;
//! 2. for each query, [`parse_query`], then fetches the paths [`Manifest::shards_for`] names
//!    that it has not fetched yet, and decodes each with [`Shard::decode`] (keep them for the
//!    session: a shard's name changes with its content);
//! 3. calls [`Manifest::evaluate`] for ranked [`Hit`]s, and [`SearchDocs::answer`] for them in
//!    both orders with their counts per region;
//! 4. for the results on screen, fetches their issue files and calls [`snippet`] with the
//!    article's blocks; an opened article gets [`mark_ranges`] on each block.
//!
//! [`validate_index`] validates a published index against its archive.

mod answer;
mod build;
mod evaluate;
mod key;
mod manifest;
pub mod merge;
mod normalize;
mod plan;
mod query;
pub mod scoring;
mod segments;
mod shard;
mod snippet;
mod validate;
mod varint;

pub use answer::{facets_from_parts, facets_to_parts, Answer, SearchDocs};
pub use build::{
    build_index, build_index_with, ShardLayout, MAX_HASHED_SHARDS_PER_ISSUE, MAX_OWN_KEYS,
    OWN_SHARD_MIN_BYTES, TARGET_SHARD_BYTES,
};
pub use evaluate::{doc_facts, DocFacts, SearchError};
pub use manifest::{doc_checksum, DocMap, Manifest, Segment, SEARCH_FORMAT_VERSION};
pub use normalize::{fold_char, normalize, normalized_chars};
pub use query::{parse_query, Query};
pub use scoring::Hit;
pub use segments::{update_index, IndexUpdate, PreviousIndex};
pub use shard::{Shard, ShardError, ShardId};
pub use snippet::{mark_ranges, snippet, Snippet, SNIPPET_CHARS, SNIPPET_LEAD};
pub use validate::{validate_index, IndexProblem};

/// Where the manifest lives, relative to `index.json`.
pub const MANIFEST_PATH: &str = "search/manifest.json";

/// One file of the search index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// Path relative to `index.json`'s directory, `/`-separated.
    pub path: String,
    /// The file's content.
    pub bytes: Vec<u8>,
}
