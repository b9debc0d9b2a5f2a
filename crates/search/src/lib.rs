//! The reader's search engine as a WebAssembly module of its own: the search manifest, shard
//! decoding, planning and evaluation from `lianluo_core::search`, behind a narrow interface.
//!
//! The reader's main module never links this code. Its loader fetches this module when a
//! reader first turns to search (`www/lianluo.js`, `loadProgram`), and the reader drives it
//! through `src/search_index/module.rs`: plain strings, numbers and bytes cross the boundary,
//! never the engine's types. Queries are parsed by the reader, which needs the terms anyway
//! to mark matches, and sent as their required and excluded terms.

use std::collections::HashMap;

use lianluo_core::search::{DocFacts, DocMap, Manifest, Query, Shard};
use wasm_bindgen::prelude::*;

/// How many numbers describe one hit in [`SearchIndex::evaluate`]'s answer: the document,
/// its score, its match count and whether its title matched (0 or 1).
pub const HIT_FIELDS: usize = 4;

/// A manifest read, the documents it indexes (and where each segment's are among them), and
/// every shard decoded so far.
#[wasm_bindgen]
pub struct SearchIndex {
    manifest: Manifest,
    docs: Vec<DocFacts>,
    map: Option<DocMap>,
    shards: HashMap<String, Shard>,
}

/// Reads a search manifest, as parsed by the browser's JSON parser; the error is serde's
/// message.
#[wasm_bindgen(js_name = openIndex)]
pub fn open_index(manifest: JsValue) -> Result<SearchIndex, String> {
    let manifest: Manifest =
        serde_wasm_bindgen::from_value(manifest).map_err(|error| error.to_string())?;
    Ok(SearchIndex::new(manifest))
}

#[wasm_bindgen]
impl SearchIndex {
    /// The manifest's format version, which the reader checks.
    pub fn version(&self) -> u32 {
        self.manifest.version
    }

    /// Whether the manifest was built for the archive whose article ids are `ids`, in order;
    /// when it was, its segments' documents are placed among them for every evaluation.
    #[wasm_bindgen(js_name = matchesDocs)]
    pub fn matches_docs(&mut self, ids: Vec<String>) -> bool {
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        self.map = self.manifest.doc_map(&ids);
        self.map.is_some()
    }

    /// The documents, in document order: each one's normalised title and its place in
    /// `index.json` (issue and article positions).
    #[wasm_bindgen(js_name = setDocuments)]
    pub fn set_documents(&mut self, titles: Vec<String>, issues: Vec<u32>, articles: Vec<u32>) {
        self.docs = titles
            .into_iter()
            .zip(issues.into_iter().zip(articles))
            .map(|(title, (issue, article))| DocFacts {
                title,
                issue: issue as usize,
                article: article as usize,
            })
            .collect();
    }

    /// The paths of the shards the query needs (see `Manifest::shards_for`).
    #[wasm_bindgen(js_name = shardsFor)]
    pub fn shards_for(&self, required: Vec<String>, excluded: Vec<String>) -> Vec<String> {
        self.manifest.shards_for(&Query { required, excluded })
    }

    /// Decodes a shard file and keeps it under `path`; the error says where it is damaged.
    #[wasm_bindgen(js_name = addShard)]
    pub fn add_shard(&mut self, path: String, bytes: &[u8]) -> Result<(), String> {
        let shard = Shard::decode(bytes).map_err(|error| error.to_string())?;
        self.shards.insert(path, shard);
        Ok(())
    }

    /// Evaluates the query over the shards kept under `paths`: [`HIT_FIELDS`] numbers per
    /// hit, best first. The error is the engine's message.
    pub fn evaluate(
        &self,
        required: Vec<String>,
        excluded: Vec<String>,
        paths: Vec<String>,
    ) -> Result<Vec<u32>, String> {
        let mut shards = Vec::with_capacity(paths.len());
        for path in &paths {
            match self.shards.get(path) {
                Some(shard) => shards.push((path.as_str(), shard)),
                None => return Err(format!("the shard {path} was not added")),
            }
        }
        let map = self
            .map
            .as_ref()
            .ok_or("the index was not matched to the archive")?;
        let query = Query { required, excluded };
        let hits = self
            .manifest
            .evaluate(&query, &shards, &self.docs, map)
            .map_err(|error| error.to_string())?;
        let mut answer = Vec::with_capacity(hits.len() * HIT_FIELDS);
        for hit in hits {
            answer.extend([hit.doc, hit.score, hit.matches, u32::from(hit.title_hit)]);
        }
        Ok(answer)
    }
}

impl SearchIndex {
    fn new(manifest: Manifest) -> Self {
        SearchIndex {
            manifest,
            docs: Vec::new(),
            map: None,
            shards: HashMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianluo_core::archive::build_archive_index;
    use lianluo_core::parse::{parse_issue, ParseOptions};
    use lianluo_core::search::{build_index, doc_facts, parse_query, MANIFEST_PATH};

    const SAMPLE: &str = include_str!("../../../www/archive/lianluo-2017-15.txt");

    /// The sample issue's index, opened as the reader opens it, beside the core's own answer.
    fn opened() -> (
        SearchIndex,
        Manifest,
        Vec<DocFacts>,
        Vec<(String, Shard)>,
        DocMap,
    ) {
        let issue = parse_issue(SAMPLE, &ParseOptions::default())
            .issue
            .expect("the sample parses");
        let archive = build_archive_index(std::slice::from_ref(&issue));
        let files = build_index(&archive, &[issue]);
        let manifest_file = files.iter().find(|f| f.path == MANIFEST_PATH).unwrap();
        let manifest: Manifest = serde_json::from_slice(&manifest_file.bytes).unwrap();
        let docs = doc_facts(&archive);
        let mut index = SearchIndex::new(manifest.clone());
        let ids = archive.article_ids().map(str::to_owned).collect();
        assert!(index.matches_docs(ids));
        index.set_documents(
            docs.iter().map(|d| d.title.clone()).collect(),
            docs.iter().map(|d| d.issue as u32).collect(),
            docs.iter().map(|d| d.article as u32).collect(),
        );
        let shards = files
            .iter()
            .filter(|f| f.path.ends_with(".bin"))
            .map(|f| (f.path.clone(), Shard::decode(&f.bytes).unwrap()))
            .collect();
        for file in files.iter().filter(|f| f.path.ends_with(".bin")) {
            index.add_shard(file.path.clone(), &file.bytes).unwrap();
        }
        let map = manifest.doc_map_of(&archive).unwrap();
        (index, manifest, docs, shards, map)
    }

    #[test]
    fn answers_as_the_core_does_four_numbers_a_hit() {
        let (index, manifest, docs, shards, map) = opened();
        for typed in ["代表工作室", "人大 -换届", "选举", "人大"] {
            let query = parse_query(typed);
            let paths = index.shards_for(query.required.clone(), query.excluded.clone());
            assert_eq!(paths, manifest.shards_for(&query), "{typed}");
            let needed: Vec<(&str, &Shard)> = shards
                .iter()
                .filter(|(path, _)| paths.contains(path))
                .map(|(path, shard)| (path.as_str(), shard))
                .collect();
            let expected = manifest.evaluate(&query, &needed, &docs, &map).unwrap();
            assert!(
                !expected.is_empty(),
                "{typed} finds something in the sample"
            );
            let answer = index
                .evaluate(query.required.clone(), query.excluded.clone(), paths)
                .unwrap();
            let hits: Vec<[u32; HIT_FIELDS]> = answer
                .chunks_exact(HIT_FIELDS)
                .map(|h| [h[0], h[1], h[2], h[3]])
                .collect();
            let core: Vec<[u32; HIT_FIELDS]> = expected
                .iter()
                .map(|h| [h.doc, h.score, h.matches, u32::from(h.title_hit)])
                .collect();
            assert_eq!(hits, core, "{typed}");
        }
    }

    #[test]
    fn a_shard_not_added_or_damaged_is_an_error_in_words() {
        let (mut index, ..) = opened();
        let query = parse_query("代表工作室");
        let mut paths = index.shards_for(query.required.clone(), query.excluded.clone());
        paths.push("search/h99-x.bin".into());
        let missing = index.evaluate(query.required, query.excluded, paths);
        assert_eq!(
            missing,
            Err("the shard search/h99-x.bin was not added".to_owned())
        );
        let damaged = index.add_shard("search/h0-x.bin".into(), &[0xff, 0x01]);
        assert!(
            damaged
                .as_ref()
                .is_err_and(|e| e.contains("damaged search shard")),
            "{damaged:?}"
        );
    }
}
