//! The search engine as the reader's state sees it: a manifest read and ready
//! ([`SearchIndex`]) that names the shard files a query needs and evaluates the query over
//! them ([`ShardFile`]). [`SearchEngine`] is the contract both builds keep.
//!
//! One interface, two builds. The shipped WebAssembly (feature `search-module`) drives the
//! engine in a second WebAssembly module that the loader fetches when a reader first turns to
//! search, so a plain first load never pays for it (`module.rs`). Every other build — native
//! tests, the CLI's static rendering, the component tests — links `lianluo_core::search`
//! directly (`direct.rs`). The reducer's search tests run against both: natively with the
//! linked engine, and in Chromium with the module's engine (`cargo xtask test`'s layer
//! "reducer with the search module").

use lianluo_core::search::{Answer, Query, SearchDocs};
use lianluo_core::ArchiveIndex;

use crate::error::LoadError;

#[cfg(not(feature = "search-module"))]
mod direct;
#[cfg(not(feature = "search-module"))]
pub use direct::{open, SearchIndex, ShardFile};

#[cfg(feature = "search-module")]
mod module;
#[cfg(feature = "search-module")]
pub use module::{open, SearchIndex, ShardFile};

/// What the reducer may count on from a search engine, in either build.
///
/// Results are a function of the query, the shards and the documents: the same inputs give
/// the same hits, whichever engine and in whatever order calls came. An engine may keep what
/// it was given (the module keeps decoded shards and the documents, so that it is sent each
/// once); that is a cache no caller can observe, and the only side effect of these calls.
/// The reducer calls them from `reduce`; nothing else changes there.
///
/// Where the two builds differ, on purpose and tested (`state/search_tests.rs`):
/// - **A damaged shard** is found when it arrives by the linked engine (the file fails, and
///   retrying fetches it again), and when the first query needs it by the module, which
///   decodes a shard only then (the query fails, naming the file, and retrying asks again of
///   the same bytes). Either way the reader sees the search fail with the file's address.
/// - **Equality** is by value for the linked engine and by identity for the module's (one
///   read of a file is one object in the other module); the state only compares a file with
///   itself.
pub trait SearchEngine {
    /// A shard file as the engine keeps it.
    type Shard;

    /// Whether the manifest was built for `archive` (the same articles in the same order).
    fn matches_archive(&self, archive: &ArchiveIndex) -> bool;

    /// The paths of the shards `query` needs, relative to `index.json`.
    fn shards_for(&self, query: &Query) -> Vec<String>;

    /// Hands the engine the documents ahead of the first query, so that it does not wait for
    /// them; evaluating without it gives the same results.
    fn prepare(&self, docs: &SearchDocs);

    /// The documents matching `query` from the shards it needs (by path), in both orders and
    /// counted by region ([`SearchDocs::answer`]); a shard that cannot be read fails the query
    /// with the shard's address.
    fn evaluate(
        &self,
        query: &Query,
        shards: &[(&str, &Self::Shard)],
        docs: &SearchDocs,
    ) -> Result<Answer, LoadError>;
}
