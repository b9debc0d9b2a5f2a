//! The reader's search engine as a WebAssembly module of its own: the search manifest, shard
//! decoding, planning and evaluation from `lianluo_core::search`, behind a narrow interface.
//!
//! The reader's main module never links this code. Its loader fetches this module when a
//! reader first turns to search (`www/lianluo.js`, `loadProgram`), and the reader drives it
//! through `src/search_index/module.rs`: plain strings, numbers and bytes cross the boundary,
//! never the engine's types. Queries are parsed by the reader, which needs the terms anyway
//! to mark matches, and sent as their required and excluded terms. An answer comes back in
//! both orders with its counts per region ([`Ranked`]), so that the reader's first load
//! carries no code for ordering or counting hits.

use std::collections::HashMap;

use lianluo_core::search::{
    facets_to_parts, DocFacts, DocMap, Hit, Manifest, Query, SearchDocs, Shard,
};
use lianluo_core::tally::RegionTally;
use lianluo_core::Region;
use wasm_bindgen::prelude::*;

/// How many numbers describe one hit in a [`Ranked`] answer's lists: the document, its score,
/// its match count and whether its title matched (0 or 1).
pub const HIT_FIELDS: usize = 4;

/// A query's answer (`lianluo_core::search::Answer`) in plain numbers and text.
#[wasm_bindgen]
pub struct Ranked {
    best_first: Vec<u32>,
    newest_first: Vec<u32>,
    facet_names: Vec<String>,
    facet_numbers: Vec<u32>,
}

#[wasm_bindgen]
impl Ranked {
    /// The hits, best first: [`HIT_FIELDS`] numbers each.
    #[wasm_bindgen(js_name = bestFirst)]
    pub fn best_first(&self) -> Vec<u32> {
        self.best_first.clone()
    }

    /// The hits, newest first: [`HIT_FIELDS`] numbers each.
    #[wasm_bindgen(js_name = newestFirst)]
    pub fn newest_first(&self) -> Vec<u32> {
        self.newest_first.clone()
    }

    /// The names in the counts per region (`lianluo_core::search::facets_to_parts`).
    #[wasm_bindgen(js_name = facetNames)]
    pub fn facet_names(&self) -> Vec<String> {
        self.facet_names.clone()
    }

    /// The numbers in the counts per region (`lianluo_core::search::facets_to_parts`).
    #[wasm_bindgen(js_name = facetNumbers)]
    pub fn facet_numbers(&self) -> Vec<u32> {
        self.facet_numbers.clone()
    }
}

/// `hits` as [`HIT_FIELDS`] numbers each.
fn numbers(hits: &[Hit]) -> Vec<u32> {
    let mut numbers = Vec::with_capacity(hits.len() * HIT_FIELDS);
    for hit in hits {
        numbers.extend([hit.doc, hit.score, hit.matches, u32::from(hit.title_hit)]);
    }
    numbers
}

/// A manifest read, the documents it indexes (and where each segment's are among them), and
/// every shard decoded so far.
#[wasm_bindgen]
pub struct SearchIndex {
    manifest: Manifest,
    docs: SearchDocs,
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

    /// The documents, in document order: each one's normalised title, its place in
    /// `index.json` (issue and article positions), and its prefecture and county (empty when
    /// not known).
    #[wasm_bindgen(js_name = setDocuments)]
    pub fn set_documents(
        &mut self,
        titles: Vec<String>,
        issues: Vec<u32>,
        articles: Vec<u32>,
        prefectures: Vec<String>,
        counties: Vec<String>,
    ) {
        let known = |name: String| (!name.is_empty()).then_some(name);
        let regions: Vec<Region> = prefectures
            .into_iter()
            .zip(counties)
            .map(|(prefecture, county)| Region {
                printed: String::new(),
                prefecture: known(prefecture),
                county: known(county),
            })
            .collect();
        self.docs = SearchDocs {
            facts: titles
                .into_iter()
                .zip(issues.into_iter().zip(articles))
                .map(|(title, (issue, article))| DocFacts {
                    title,
                    issue: issue as usize,
                    article: article as usize,
                })
                .collect(),
            regions: RegionTally::new(&regions),
        };
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

    /// Evaluates the query over the shards kept under `paths`. The error is the engine's
    /// message.
    pub fn evaluate(
        &self,
        required: Vec<String>,
        excluded: Vec<String>,
        paths: Vec<String>,
    ) -> Result<Ranked, String> {
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
            .evaluate(&query, &shards, &self.docs.facts, map)
            .map_err(|error| error.to_string())?;
        let answer = self.docs.answer(hits);
        let (facet_names, facet_numbers) = facets_to_parts(&answer.facets);
        Ok(Ranked {
            best_first: numbers(&answer.best_first),
            newest_first: numbers(&answer.newest_first),
            facet_names,
            facet_numbers,
        })
    }
}

impl SearchIndex {
    fn new(manifest: Manifest) -> Self {
        SearchIndex {
            manifest,
            docs: SearchDocs {
                facts: Vec::new(),
                regions: RegionTally::default(),
            },
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
    use lianluo_core::search::{build_index, facets_from_parts, parse_query, MANIFEST_PATH};

    const SAMPLE: &str = include_str!("../../../www/archive/lianluo-2017-15.txt");

    /// The sample issue's index, opened as the reader opens it, beside the core's own answer.
    fn opened() -> (
        SearchIndex,
        Manifest,
        SearchDocs,
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
        let docs = SearchDocs::of(&archive);
        let mut index = SearchIndex::new(manifest.clone());
        let ids = archive.article_ids().map(str::to_owned).collect();
        assert!(index.matches_docs(ids));
        let names = |i| docs.regions.names_of(i);
        let name = |name: Option<&str>| name.unwrap_or_default().to_owned();
        let count = docs.facts.len();
        index.set_documents(
            docs.facts.iter().map(|d| d.title.clone()).collect(),
            docs.facts.iter().map(|d| d.issue as u32).collect(),
            docs.facts.iter().map(|d| d.article as u32).collect(),
            (0..count).map(|i| name(names(i).0)).collect(),
            (0..count).map(|i| name(names(i).1)).collect(),
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

    /// `hits` as four numbers each, as the module sends them.
    fn as_numbers(hits: &[Hit]) -> Vec<[u32; HIT_FIELDS]> {
        hits.iter()
            .map(|h| [h.doc, h.score, h.matches, u32::from(h.title_hit)])
            .collect()
    }

    /// `numbers` in fours.
    fn in_fours(numbers: &[u32]) -> Vec<[u32; HIT_FIELDS]> {
        numbers
            .chunks_exact(HIT_FIELDS)
            .map(|h| [h[0], h[1], h[2], h[3]])
            .collect()
    }

    #[test]
    fn answers_as_the_core_does_in_both_orders_with_its_facets() {
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
            let hits = manifest
                .evaluate(&query, &needed, &docs.facts, &map)
                .unwrap();
            assert!(!hits.is_empty(), "{typed} finds something in the sample");
            let expected = docs.answer(hits);
            assert!(!expected.facets.is_empty(), "{typed} counts its regions");
            let ranked = index
                .evaluate(query.required.clone(), query.excluded.clone(), paths)
                .unwrap();
            let best = in_fours(&ranked.best_first());
            assert_eq!(best, as_numbers(&expected.best_first), "{typed}");
            let newest = in_fours(&ranked.newest_first());
            assert_eq!(newest, as_numbers(&expected.newest_first), "{typed}");
            let facets = facets_from_parts(ranked.facet_names(), &ranked.facet_numbers());
            assert_eq!(facets, Some(expected.facets), "{typed}");
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
            missing.err().as_deref(),
            Some("the shard search/h99-x.bin was not added")
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

#[cfg(all(target_arch = "wasm32", feature = "allocator"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
