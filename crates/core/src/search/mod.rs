//! Exact substring search over the archive, from a sharded index of character pairs.
//!
//! Chinese has no spaces between words, so instead of words the index holds every pair of
//! consecutive characters of every block, with positions, plus single characters with counts.
//! A term is found by looking up pairs that cover it and checking that their positions line up,
//! so results are exactly those of a scan of the normalised text (see [`normalize`]), never
//! across a block boundary.
//!
//! The publishing tool calls [`build_index`]; the browser fetches the [`Manifest`], asks it
//! which shards a [`Query`] needs, decodes them ([`Shard::decode`]) and evaluates.

mod build;
mod evaluate;
mod key;
mod manifest;
mod normalize;
mod plan;
mod query;
pub mod scoring;
mod shard;
mod snippet;
mod varint;

pub use build::{
    build_index, build_index_with, ShardLayout, MAX_OWN_KEYS, OWN_SHARD_MIN_BYTES,
    TARGET_SHARD_BYTES,
};
pub use evaluate::{doc_facts, DocFacts, SearchError};
pub use manifest::{doc_checksum, Manifest, SEARCH_FORMAT_VERSION};
pub use normalize::{fold_char, normalize, normalized_chars};
pub use query::{parse_query, Query};
pub use scoring::Hit;
pub use shard::{Shard, ShardError, ShardId};
pub use snippet::{mark_ranges, snippet, Snippet, SNIPPET_CHARS, SNIPPET_LEAD};

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
