//! Shard decoding refuses damaged bytes with a message, never a panic.

mod search_support;

use lianluo_core::search::{doc_facts, parse_query, Shard, ShardError};
use proptest::prelude::*;
use search_support::{build, doc};

fn sample_shard() -> Vec<u8> {
    let docs = vec![
        doc(&["代表工作室", "人大代表人大代表"]),
        doc(&["选举", "换届选举"]),
    ];
    let built = build(&docs, 1);
    built.files[1].bytes.clone()
}

#[test]
fn a_truncated_shard_is_an_error() {
    let bytes = sample_shard();
    assert!(Shard::decode(&bytes).is_ok());
    for len in 0..bytes.len() {
        let err = Shard::decode(&bytes[..len]).unwrap_err();
        assert!(err.offset <= len, "{err}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let err = Shard::decode(b"PK\x03\x04zip").unwrap_err();
    assert_eq!(
        err,
        ShardError {
            offset: 0,
            problem: "not a search shard (wrong magic bytes)"
        }
    );
    assert_eq!(
        err.to_string(),
        "damaged search shard at byte 0: not a search shard (wrong magic bytes)"
    );
    let mut bytes = sample_shard();
    bytes[4] = 99;
    assert_eq!(
        Shard::decode(&bytes).unwrap_err().problem,
        "unsupported shard version"
    );
    let mut bytes = sample_shard();
    bytes.push(0);
    assert_eq!(
        Shard::decode(&bytes).unwrap_err().problem,
        "unexpected bytes after the last key"
    );
}

#[test]
fn a_shard_from_another_build_is_refused() {
    let old = build(&[doc(&["代表", "代表"])], 1);
    let new = build(&[doc(&["代表", "代表"]), doc(&["人大", "人大"])], 1);
    let stale: Vec<&Shard> = old.shards.iter().map(|(_, s)| s).collect();
    let err = new
        .manifest
        .evaluate(&parse_query("代表"), &stale, &doc_facts(&new.archive))
        .unwrap_err();
    assert!(err.to_string().contains("another build"), "{err}");
    let err = new
        .manifest
        .evaluate(&parse_query("代表"), &[], &doc_facts(&new.archive))
        .unwrap_err();
    assert!(err.to_string().contains("is missing"), "{err}");
}

#[test]
fn a_manifest_of_another_version_is_refused() {
    let mut built = build(&[doc(&["代表", "代表"])], 1);
    built.manifest.version += 1;
    let shards: Vec<&Shard> = built.shards.iter().map(|(_, s)| s).collect();
    let err = built
        .manifest
        .evaluate(&parse_query("代表"), &shards, &doc_facts(&built.archive))
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "the search index has format version 2; this reader reads version 1"
    );
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = Shard::decode(&bytes);
        let mut with_header = b"LLSI\x01\0\0\0\0\0".to_vec();
        with_header.extend_from_slice(&bytes);
        let _ = Shard::decode(&with_header);
    }

    #[test]
    fn flipped_bytes_never_panic(at in any::<prop::sample::Index>(), value in any::<u8>()) {
        let mut bytes = sample_shard();
        let i = at.index(bytes.len());
        bytes[i] = value;
        if let Ok(shard) = Shard::decode(&bytes) {
            // A shard that still decodes may list other documents; evaluation must cope.
            let built = build(&[doc(&["代表工作室", "人大代表人大代表"]), doc(&["选举", "换届选举"])], 1);
            let _ = built.manifest.evaluate(
                &parse_query("代表 人大"),
                &[&shard],
                &doc_facts(&built.archive),
            );
        }
    }
}
