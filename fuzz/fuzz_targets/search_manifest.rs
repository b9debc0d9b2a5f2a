//! A search manifest of any content, as a server may send it (JSON the reader converts into
//! a `Manifest`), used with the sample index's archive and shards: mapping its segments'
//! documents, naming the shards a query needs and evaluating it never panic, an error has
//! text, and hits name documents that exist.
#![no_main]

#[path = "../sample/index.rs"]
mod sample;

use std::sync::OnceLock;

use lianluo_core::search::{doc_facts, parse_query, DocFacts, DocMap, Manifest, Shard};
use libfuzzer_sys::fuzz_target;

struct Index {
    ids: Vec<String>,
    docs: Vec<DocFacts>,
    /// The sample manifest's map: used when the fuzzed manifest maps nothing, so that
    /// evaluation still meets it (and refuses it in words).
    map: DocMap,
    shards: Vec<(String, Shard)>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (_, archive, files) = sample::sample_index();
        let shards = files[1..]
            .iter()
            .map(|f| {
                let shard = Shard::decode(&f.bytes).expect("the sample's shards decode");
                (f.path.clone(), shard)
            })
            .collect();
        let manifest: Manifest =
            serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
        let ids = archive.article_ids().map(str::to_owned).collect();
        Index {
            ids,
            docs: doc_facts(&archive),
            map: manifest.doc_map_of(&archive).expect("the sample maps"),
            shards,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(manifest) = serde_json::from_slice::<Manifest>(data) else {
        return;
    };
    let index = index();
    let shards: Vec<(&str, &Shard)> = index
        .shards
        .iter()
        .map(|(path, shard)| (path.as_str(), shard))
        .collect();
    let ids: Vec<&str> = index.ids.iter().map(String::as_str).collect();
    let map = manifest.doc_map(&ids).unwrap_or_else(|| index.map.clone());
    for query in [
        "代表",
        "人大代表",
        "代表 工作室",
        "选举 -换届",
        "\"60% 以上\"",
    ] {
        let query = parse_query(query);
        let _ = manifest.shards_for(&query);
        match manifest.evaluate(&query, &shards, &index.docs, &map) {
            Ok(hits) => assert!(hits.iter().all(|hit| (hit.doc as usize) < index.docs.len())),
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
});
