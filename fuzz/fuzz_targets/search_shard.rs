//! Feeds arbitrary bytes to the search shard decoder, as the reader does with whatever a
//! server sends: never a panic, and a refusal is an error the reader can show (non-empty
//! text, an offset inside the bytes). A shard that does decode is searched: evaluating queries
//! over it must not panic either.
#![no_main]

#[path = "../sample/index.rs"]
mod sample;

use std::sync::OnceLock;

use lianluo_core::search::{doc_facts, parse_query, DocFacts, DocMap, Manifest, Shard};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static (Manifest, Vec<DocFacts>, DocMap) {
    static INDEX: OnceLock<(Manifest, Vec<DocFacts>, DocMap)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (_, archive, files) = sample::sample_index();
        let manifest: Manifest =
            serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
        let map = manifest.doc_map_of(&archive).expect("the sample maps");
        (manifest, doc_facts(&archive), map)
    })
}

fuzz_target!(|data: &[u8]| {
    match Shard::decode(data) {
        Ok(shard) => {
            let (manifest, docs, map) = index();
            // Under the name its id has in the sample's one segment.
            let path = manifest.segments[0].shard_path(shard.id());
            let shards = [(path.as_str(), &shard)];
            for query in ["代表", "人大代表", "代表 工作室", "选举 -换届", "a"] {
                if let Err(e) = manifest.evaluate(&parse_query(query), &shards, docs, map) {
                    assert!(!e.to_string().is_empty());
                }
            }
        }
        Err(e) => {
            assert!(e.offset <= data.len(), "{e}");
            assert!(!e.problem.is_empty() && !e.to_string().is_empty());
        }
    }
});
