//! The search engine linked into the reader: `lianluo_core::search` called directly.

use std::cell::OnceCell;

use lianluo_core::search::{
    Answer, DocMap, Manifest, Query, SearchDocs, Shard, SEARCH_FORMAT_VERSION,
};
use lianluo_core::ArchiveIndex;
use wasm_bindgen::JsValue;

use super::SearchEngine;
use crate::check::{self, DataKind};
use crate::data_fetch::{fetch, Body};
use crate::error::{LoadError, LoadErrorKind};

/// A search manifest, read, and once matched to the archive, where each segment's documents
/// are in it.
#[derive(Debug, PartialEq)]
pub struct SearchIndex {
    manifest: Manifest,
    map: OnceCell<DocMap>,
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
        SearchIndex {
            manifest,
            map: OnceCell::new(),
        }
    }
}

impl SearchIndex {
    /// The linked engine over `manifest`.
    #[cfg(test)]
    pub(crate) fn for_tests(manifest: &Manifest) -> SearchIndex {
        manifest.clone().into()
    }
}

impl SearchEngine for SearchIndex {
    type Shard = ShardFile;

    /// Also keeps, when it was, where each segment's documents are in the archive, for every
    /// evaluation, as the search module keeps it.
    fn matches_archive(&self, archive: &ArchiveIndex) -> bool {
        match self.manifest.doc_map_of(archive) {
            Some(map) => {
                let _ = self.map.set(map);
                true
            }
            None => false,
        }
    }

    fn shards_for(&self, query: &Query) -> Vec<String> {
        self.manifest.shards_for(query)
    }

    /// Nothing to send ahead: the linked engine reads the documents where they are.
    fn prepare(&self, _docs: &SearchDocs) {}

    fn evaluate(
        &self,
        query: &Query,
        shards: &[(&str, &ShardFile)],
        docs: &SearchDocs,
    ) -> Result<Answer, LoadError> {
        let mismatch =
            |message: String| LoadError::new("search/", LoadErrorKind::Mismatch(message));
        let map = self
            .map
            .get()
            .ok_or_else(|| mismatch("the index was not matched to the archive".into()))?;
        let shards: Vec<(&str, &Shard)> = shards
            .iter()
            .map(|(path, file)| (*path, &file.shard))
            .collect();
        self.manifest
            .evaluate(query, &shards, &docs.facts, map)
            .map(|hits| docs.answer(hits))
            .map_err(|error| mismatch(error.to_string()))
    }
}

impl ShardFile {
    /// Decodes the bytes of the shard file fetched from `url`; a damaged one fails here.
    pub fn from_bytes(url: &str, bytes: &[u8]) -> Result<ShardFile, LoadError> {
        Shard::decode(bytes)
            .map(|shard| ShardFile { shard })
            .map_err(|error| LoadError::new(url, LoadErrorKind::Shape(error.to_string())))
    }

    /// Reads the shard file fetched from `url` as an `ArrayBuffer`.
    pub fn read(url: &str, buffer: &JsValue) -> Result<ShardFile, LoadError> {
        Self::from_bytes(url, &js_sys::Uint8Array::new(buffer).to_vec())
    }
}
