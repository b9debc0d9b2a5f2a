//! Feeds arbitrary bytes to the search shard decoder, as the reader does with whatever a
//! server sends: never a panic, and a refusal is an error the reader can show (non-empty
//! text, an offset inside the bytes). A shard that does decode is searched: evaluating queries
//! over it must not panic either.
#![no_main]

#[path = "../sample/index.rs"]
mod sample;

use std::sync::OnceLock;

use lianluo_core::search::{doc_facts, parse_query, DocFacts, Manifest, Shard};
use libfuzzer_sys::fuzz_target;

fn index() -> &'static (Manifest, Vec<DocFacts>) {
    static INDEX: OnceLock<(Manifest, Vec<DocFacts>)> = OnceLock::new();
    INDEX.get_or_init(|| {
        let (_, archive, files) = sample::sample_index();
        let manifest = serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
        (manifest, doc_facts(&archive))
    })
}

fuzz_target!(|data: &[u8]| {
    match Shard::decode(data) {
        Ok(shard) => {
            let (manifest, docs) = index();
            for query in ["代表", "人大代表", "代表 工作室", "选举 -换届", "a"] {
                if let Err(e) = manifest.evaluate(&parse_query(query), &[&shard], docs) {
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
