//! The search engine linked into the reader: `lianluo_core::search` called directly.

use lianluo_core::search::{DocFacts, Hit, Manifest, Query, Shard, SEARCH_FORMAT_VERSION};
use lianluo_core::ArchiveIndex;
use wasm_bindgen::JsValue;

use crate::check::{self, DataKind};
use crate::error::{LoadError, LoadErrorKind};
use crate::load::{fetch, Body};

/// A search manifest, read.
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    manifest: Manifest,
}

/// A shard file, decoded when it arrived.
#[derive(Debug, PartialEq)]
pub struct ShardFile {
    shard: Shard,
}

/// Fetches the search manifest at `url` and reads it.
pub async fn open(url: &str) -> Result<SearchIndex, LoadError> {
    let value = fetch(url, Body::Json).await?;
    match serde_wasm_bindgen::from_value::<Manifest>(value.clone()) {
        Ok(manifest) if manifest.version == SEARCH_FORMAT_VERSION => Ok(manifest.into()),
        _ => Err(check::problem(url, DataKind::Manifest, &value).await),
    }
}

impl From<Manifest> for SearchIndex {
    fn from(manifest: Manifest) -> Self {
        SearchIndex { manifest }
    }
}

impl SearchIndex {
    /// Whether the manifest was built for `archive`.
    pub fn matches_archive(&self, archive: &ArchiveIndex) -> bool {
        self.manifest.matches_archive(archive)
    }

    /// The paths of the shards `query` needs, relative to `index.json`.
    pub fn shards_for(&self, query: &Query) -> Vec<String> {
        self.manifest.shards_for(query)
    }

    /// Nothing to send ahead: the linked engine reads the documents where they are.
    pub fn prepare(&self, _docs: &[DocFacts]) {}

    /// The documents matching `query`, best first, from the shards it needs (by path).
    pub fn evaluate(
        &self,
        query: &Query,
        shards: &[(&str, &ShardFile)],
        docs: &[DocFacts],
    ) -> Result<Vec<Hit>, LoadError> {
        let shards: Vec<&Shard> = shards.iter().map(|(_, file)| &file.shard).collect();
        self.manifest
            .evaluate(query, &shards, docs)
            .map_err(|error| LoadError::new("search/", LoadErrorKind::Mismatch(error.to_string())))
    }
}

impl ShardFile {
    /// Decodes a shard file's bytes.
    pub fn decode(bytes: &[u8]) -> Result<ShardFile, String> {
        Shard::decode(bytes)
            .map(|shard| ShardFile { shard })
            .map_err(|error| error.to_string())
    }

    /// Reads a shard file fetched as an `ArrayBuffer`.
    pub fn read(buffer: &JsValue) -> Result<ShardFile, String> {
        Self::decode(&js_sys::Uint8Array::new(buffer).to_vec())
    }
}
