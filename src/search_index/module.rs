//! The search engine in a WebAssembly module of its own (`crates/search`), fetched through
//! the loader's `loadProgram("search")` when the manifest is first wanted: the first time a
//! reader turns to the search box, types, or opens a search address. Plain strings, numbers
//! and bytes cross the boundary; shard bytes go straight from the response into the search
//! module.

use std::cell::{Cell, RefCell};
use std::fmt;

use js_sys::Uint8Array;
use lianluo_core::search::{
    facets_from_parts, Answer, Hit, Query, SearchDocs, SEARCH_FORMAT_VERSION,
};
use lianluo_core::ArchiveIndex;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use super::SearchEngine;
use crate::check::{self, DataKind};
use crate::data_fetch::{fetch, Body};
use crate::error::{LoadError, LoadErrorKind};
use crate::programs;

/// Numbers per hit in the search module's answer, as `lianluo_search::HIT_FIELDS`: document,
/// score, matches, title matched (0 or 1).
const HIT_FIELDS: usize = 4;

/// The search module's name for the loader, and what a failure to fetch or start it is
/// reported against.
const PROGRAM: &str = "search";

#[wasm_bindgen]
extern "C" {
    /// The search module's exports.
    type Program;
    #[wasm_bindgen(method, catch, js_name = openIndex)]
    fn open_index(this: &Program, manifest: &JsValue) -> Result<Engine, JsValue>;

    /// A manifest read by the search module, with its documents and decoded shards.
    type Engine;
    #[wasm_bindgen(method)]
    fn version(this: &Engine) -> u32;
    #[wasm_bindgen(method, js_name = matchesDocs)]
    fn matches_docs(this: &Engine, ids: Vec<String>) -> bool;
    #[wasm_bindgen(method, js_name = setDocuments)]
    fn set_documents(
        this: &Engine,
        titles: Vec<String>,
        issues: Vec<u32>,
        articles: Vec<u32>,
        prefectures: Vec<String>,
        counties: Vec<String>,
    );
    #[wasm_bindgen(method, js_name = shardsFor)]
    fn shards_for(this: &Engine, required: Vec<String>, excluded: Vec<String>) -> Vec<String>;
    #[wasm_bindgen(method, catch, js_name = addShard)]
    fn add_shard(this: &Engine, path: &str, bytes: &Uint8Array) -> Result<(), JsValue>;
    #[wasm_bindgen(method, catch)]
    fn evaluate(
        this: &Engine,
        required: Vec<String>,
        excluded: Vec<String>,
        paths: Vec<String>,
    ) -> Result<Ranked, JsValue>;

    /// A query's answer, as `lianluo_search::Ranked`.
    type Ranked;
    #[wasm_bindgen(method, js_name = bestFirst)]
    fn best_first(this: &Ranked) -> Vec<u32>;
    #[wasm_bindgen(method, js_name = newestFirst)]
    fn newest_first(this: &Ranked) -> Vec<u32>;
    #[wasm_bindgen(method, js_name = facetNames)]
    fn facet_names(this: &Ranked) -> Vec<String>;
    #[wasm_bindgen(method, js_name = facetNumbers)]
    fn facet_numbers(this: &Ranked) -> Vec<u32>;
}

/// Hits from the search module's numbers, [`HIT_FIELDS`] each.
fn hits(numbers: &[u32]) -> Vec<Hit> {
    numbers
        .chunks_exact(HIT_FIELDS)
        .map(|hit| Hit {
            doc: hit[0],
            score: hit[1],
            matches: hit[2],
            title_hit: hit[3] != 0,
        })
        .collect()
}

/// A search manifest, read by the search module.
pub struct SearchIndex {
    engine: Engine,
    /// Whether the module has the documents yet: they are sent once.
    documents_sent: Cell<bool>,
    /// The shards the module holds decoded, by path.
    added: RefCell<Vec<String>>,
}

/// A shard file as fetched; the search module decodes it when a query first needs it.
#[derive(Debug)]
pub struct ShardFile {
    url: String,
    bytes: Uint8Array,
}

/// Fetches the search module and the manifest at `url` at once, and reads the manifest.
pub async fn open(url: &str) -> Result<SearchIndex, LoadError> {
    let missing = || LoadError::new(PROGRAM, LoadErrorKind::SearchProgram);
    let program = programs::start(PROGRAM).ok_or_else(missing)?;
    let manifest = fetch(url, Body::Json).await?;
    let program: Program = JsFuture::from(program)
        .await
        .map_err(|_| missing())?
        .unchecked_into();
    let engine = match program.open_index(&manifest) {
        Ok(engine) if engine.version() == SEARCH_FORMAT_VERSION => engine,
        _ => return Err(check::problem(url, DataKind::Manifest, &manifest).await),
    };
    Ok(SearchIndex {
        engine,
        documents_sent: Cell::new(false),
        added: RefCell::default(),
    })
}

impl SearchIndex {
    /// The module's engine over `manifest`, linked into the test itself (`lianluo-search`)
    /// instead of fetched by the loader.
    #[cfg(test)]
    pub(crate) fn for_tests(manifest: &lianluo_core::search::Manifest) -> SearchIndex {
        let json = serde_json::to_string(manifest).expect("a manifest is JSON");
        let manifest = js_sys::JSON::parse(&json).expect("JSON the browser reads");
        let engine = lianluo_search::open_index(manifest).expect("the module reads it");
        SearchIndex {
            engine: JsValue::from(engine).unchecked_into(),
            documents_sent: Cell::new(false),
            added: RefCell::default(),
        }
    }
}

impl SearchEngine for SearchIndex {
    type Shard = ShardFile;

    fn matches_archive(&self, archive: &ArchiveIndex) -> bool {
        let ids = archive.article_ids().map(str::to_owned).collect();
        self.engine.matches_docs(ids)
    }

    fn shards_for(&self, query: &Query) -> Vec<String> {
        self.engine
            .shards_for(query.required.clone(), query.excluded.clone())
    }

    /// Each shard is decoded in the search module the first time a query needs it, and a
    /// damaged one fails that query.
    fn evaluate(
        &self,
        query: &Query,
        shards: &[(&str, &ShardFile)],
        docs: &SearchDocs,
    ) -> Result<Answer, LoadError> {
        self.prepare(docs);
        let mut added = self.added.borrow_mut();
        for (path, file) in shards {
            if added.iter().any(|kept| kept == path) {
                continue;
            }
            self.engine.add_shard(path, &file.bytes).map_err(|error| {
                let message = error.as_string().unwrap_or_default();
                LoadError::new(&file.url, LoadErrorKind::Shape(message))
            })?;
            added.push((*path).to_owned());
        }
        let paths = shards.iter().map(|(path, _)| (*path).to_owned()).collect();
        let mismatch = |message| LoadError::new("search/", LoadErrorKind::Mismatch(message));
        let ranked = self
            .engine
            .evaluate(query.required.clone(), query.excluded.clone(), paths)
            .map_err(|error| mismatch(error.as_string().unwrap_or_default()))?;
        let facets = facets_from_parts(ranked.facet_names(), &ranked.facet_numbers())
            .ok_or_else(|| mismatch("the search module's region counts do not fit".into()))?;
        Ok(Answer {
            best_first: hits(&ranked.best_first()),
            newest_first: hits(&ranked.newest_first()),
            facets,
        })
    }

    /// Sends the documents to the search module, once: ahead of the first query when the
    /// reader turns to the search box, so that the query does not wait for it.
    fn prepare(&self, docs: &SearchDocs) {
        if self.documents_sent.replace(true) {
            return;
        }
        let facts = &docs.facts;
        let titles = facts.iter().map(|doc| doc.title.clone()).collect();
        let issues = facts.iter().map(|doc| doc.issue as u32).collect();
        let articles = facts.iter().map(|doc| doc.article as u32).collect();
        let (mut prefectures, mut counties) = (Vec::new(), Vec::new());
        for i in 0..facts.len() {
            let (prefecture, county) = docs.regions.names_of(i);
            prefectures.push(prefecture.unwrap_or_default().to_owned());
            counties.push(county.unwrap_or_default().to_owned());
        }
        self.engine
            .set_documents(titles, issues, articles, prefectures, counties);
    }
}

impl ShardFile {
    /// Keeps the bytes of the shard file fetched from `url`, undecoded.
    #[cfg(test)]
    pub fn from_bytes(url: &str, bytes: &[u8]) -> Result<ShardFile, LoadError> {
        Ok(ShardFile {
            url: url.to_owned(),
            bytes: Uint8Array::from(bytes),
        })
    }

    /// Keeps the shard file fetched from `url` as an `ArrayBuffer`, undecoded.
    pub fn read(url: &str, buffer: &JsValue) -> Result<ShardFile, LoadError> {
        Ok(ShardFile {
            url: url.to_owned(),
            bytes: Uint8Array::new(buffer),
        })
    }
}

// The state compares files by identity: one read of the manifest is one engine.
impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl PartialEq for ShardFile {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
    }
}

impl fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SearchIndex (in the search module)")
    }
}
