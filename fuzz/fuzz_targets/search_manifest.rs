//! A search manifest of any content, as a server may send it (JSON the reader converts into
//! a `Manifest`), used with the sample index's shards: naming the shards a query needs and
//! evaluating it never panic, and an error has text.
#![no_main]

#[path = "../sample/index.rs"]
mod sample;

use std::sync::OnceLock;

use lianluo_core::search::{doc_facts, parse_query, DocFacts, Manifest, Shard};
use libfuzzer_sys::fuzz_target;

struct Index {
    docs: Vec<DocFacts>,
    shards: Vec<Shard>,
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (_, archive, files) = sample::sample_index();
        let shards = files[1..]
            .iter()
            .map(|f| Shard::decode(&f.bytes).expect("the sample's shards decode"))
            .collect();
        Index {
            docs: doc_facts(&archive),
            shards,
        }
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(manifest) = serde_json::from_slice::<Manifest>(data) else {
        return;
    };
    let index = index();
    let shards: Vec<&Shard> = index.shards.iter().collect();
    for query in [
        "代表",
        "人大代表",
        "代表 工作室",
        "选举 -换届",
        "\"60% 以上\"",
    ] {
        let query = parse_query(query);
        let _ = manifest.shards_for(&query);
        if let Err(e) = manifest.evaluate(&query, &shards, &index.docs) {
            assert!(!e.to_string().is_empty());
        }
    }
});
