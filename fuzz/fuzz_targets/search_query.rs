//! Arbitrary text as a search query (whatever a reader types or a shared link carries):
//! parsing never fails and gives non-empty, distinct terms without quotes or spaces;
//! planning and evaluation over the sound sample index never panic, never err (every shard a
//! query names is there), and name only documents that exist, each at most once.
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
                (
                    f.path.clone(),
                    Shard::decode(&f.bytes).expect("the shards decode"),
                )
            })
            .collect();
        Index {
            map: manifest.doc_map_of(&archive).expect("the sample maps"),
            manifest,
            docs: doc_facts(&archive),
            shards,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let query = parse_query(&input);
    for (i, term) in query.required.iter().chain(&query.excluded).enumerate() {
        assert!(!term.is_empty());
        assert!(
            !term.contains(['"', '＂']) && !term.chars().any(char::is_whitespace),
            "{term:?}"
        );
        let list = if i < query.required.len() {
            &query.required
        } else {
            &query.excluded
        };
        assert_eq!(list.iter().filter(|t| *t == term).count(), 1);
    }
    let index = index();
    let paths = index.manifest.shards_for(&query);
    let needed: Vec<(&str, &Shard)> = index
        .shards
        .iter()
        .filter(|(path, _)| paths.contains(path))
        .map(|(path, shard)| (path.as_str(), shard))
        .collect();
    assert_eq!(
        needed.len(),
        paths.len(),
        "every shard named exists: {paths:?}"
    );
    let hits = index
        .manifest
        .evaluate(&query, &needed, &index.docs, &index.map)
        .expect("a sound index answers every query");
    let mut seen = vec![false; index.docs.len()];
    for hit in hits {
        let doc = hit.doc as usize;
        assert!(doc < seen.len() && !seen[doc], "{doc}");
        seen[doc] = true;
    }
});
