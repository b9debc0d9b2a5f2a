//! The search engine as the reader's state sees it: a manifest read and ready
//! ([`SearchIndex`]) that names the shard files a query needs and evaluates the query over
//! them ([`ShardFile`]).
//!
//! One interface, two builds. The shipped WebAssembly (feature `search-module`) drives the
//! engine in a second WebAssembly module that the loader fetches when a reader first turns to
//! search, so a plain first load never pays for it (`module.rs`). Every other build — native
//! tests, the CLI's static rendering, the component tests — links `lianluo_core::search`
//! directly (`direct.rs`).

#[cfg(not(feature = "search-module"))]
mod direct;
#[cfg(not(feature = "search-module"))]
pub use direct::{open, SearchIndex, ShardFile};

#[cfg(feature = "search-module")]
mod module;
#[cfg(feature = "search-module")]
pub use module::{open, SearchIndex, ShardFile};
