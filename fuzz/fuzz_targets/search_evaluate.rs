//! Query evaluation over decoded shards that a server may have damaged. The input is a query
//! (up to the first newline) and the body of a shard after its header; the target writes the
//! header with the sample index's build tag, so the fuzzer reaches evaluation rather than the
//! stale-shard check. The damaged shard replaces the sound one with its id: evaluation must
//! return hits or an error with text, never panic, and hits name documents that exist.
#![no_main]

#[path = "../sample/index.rs"]
mod sample;

use std::sync::OnceLock;

use lianluo_core::search::{doc_facts, parse_query, DocFacts, DocMap, Manifest, Shard};
use libfuzzer_sys::fuzz_target;

struct Index {
    manifest: Manifest,
    docs: Vec<DocFacts>,
    map: DocMap,
    shards: Vec<(String, Shard)>,
    header: Vec<u8>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (_, archive, files) = sample::sample_index();
        let manifest: Manifest =
            serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
        let shards = files[1..]
            .iter()
            .map(|f| {
                let shard = Shard::decode(&f.bytes).expect("the sample's shards decode");
                (f.path.clone(), shard)
            })
            .collect();
        // magic, version and the tag: the first 9 bytes of every shard of this build.
        let header = files[1].bytes[..9].to_vec();
        Index {
            map: manifest.doc_map_of(&archive).expect("the sample maps"),
            manifest,
            docs: doc_facts(&archive),
            shards,
            header,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let index = index();
    let split = data.iter().position(|&b| b == b'\n').unwrap_or(data.len());
    let query = parse_query(&String::from_utf8_lossy(&data[..split]));
    let mut bytes = index.header.clone();
    bytes.extend_from_slice(data.get(split + 1..).unwrap_or_default());
    let Ok(damaged) = Shard::decode(&bytes) else {
        return;
    };
    // Under the name of the sound shard with its id, in the sample's one segment.
    let path = index.manifest.segments[0].shard_path(damaged.id());
    let mut shards: Vec<(&str, &Shard)> = vec![(path.as_str(), &damaged)];
    shards.extend(
        index
            .shards
            .iter()
            .filter(|(named, _)| *named != path)
            .map(|(named, shard)| (named.as_str(), shard)),
    );
    match index.manifest.evaluate(&query, &shards, &index.docs, &index.map) {
        Ok(hits) => {
            for hit in hits {
                assert!((hit.doc as usize) < index.docs.len());
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
