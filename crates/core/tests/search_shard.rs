//! Shard decoding refuses damaged bytes with a message, never a panic: random, truncated and
//! bit-flipped shards are refused with an error the reader shows, or, when a flip leaves a
//! valid shard, searched without a panic; sound shards of random indexes decode.

mod search_support;

use lianluo_core::search::{
    doc_facts, parse_query, Shard, ShardError, ShardLayout, SEARCH_FORMAT_VERSION,
};
use proptest::prelude::*;
use search_support::{build, build_with, doc, Built, Doc};

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
    // The old build's shards under the new build's names.
    let stale: Vec<(&str, &Shard)> = new
        .shards
        .iter()
        .filter_map(|(path, shard)| {
            let old = old.shards.iter().find(|(_, o)| o.id() == shard.id())?;
            Some((path.as_str(), &old.1))
        })
        .collect();
    let facts = doc_facts(&new.archive);
    let err = new
        .manifest
        .evaluate(&parse_query("代表"), &stale, &facts, &new.map)
        .unwrap_err();
    assert!(err.to_string().contains("another build"), "{err}");
    let err = new
        .manifest
        .evaluate(&parse_query("代表"), &[], &facts, &new.map)
        .unwrap_err();
    assert!(err.to_string().contains("is missing"), "{err}");
}

#[test]
fn a_manifest_of_another_version_is_refused() {
    let mut built = build(&[doc(&["代表", "代表"])], 1);
    built.manifest.version += 1;
    let err = built
        .manifest
        .evaluate(
            &parse_query("代表"),
            &built.all_shards(),
            &doc_facts(&built.archive),
            &built.map,
        )
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the search index has format version {}; this reader reads version {SEARCH_FORMAT_VERSION}",
            SEARCH_FORMAT_VERSION + 1
        )
    );
}

/// Random articles from a small alphabet, so that pairs repeat and longer terms need their
/// positions.
fn random_docs() -> impl Strategy<Value = Vec<Doc>> {
    let block = "[代表人大工作室选举换届a1 ]{1,24}";
    proptest::collection::vec(proptest::collection::vec(block, 2..4), 1..6)
}

/// Small shards, so that a few articles give several hashed shards and keys of their own.
const SMALL: ShardLayout = ShardLayout {
    max_own_keys: 4,
    target_shard_bytes: 1024,
    own_shard_min_bytes: 16,
    max_hashed_shards: usize::MAX,
};

/// Whether a refusal is one the reader can show: a sentence, at an offset within the bytes.
fn can_be_shown(err: &ShardError, len: usize) -> bool {
    err.offset <= len && !err.problem.is_empty() && err.to_string().contains(err.problem)
}

/// Evaluates a few queries with `shard` in place of the built shard of the same id: hits or
/// an error with text, never a panic.
fn search_with(built: &Built, shard: &Shard) -> Result<(), TestCaseError> {
    // In place of the built shard of its id, under that shard's name.
    let shards: Vec<(&str, &Shard)> = built
        .shards
        .iter()
        .map(|(path, built)| match built.id() == shard.id() {
            true => (path.as_str(), shard),
            false => (path.as_str(), built),
        })
        .collect();
    let facts = doc_facts(&built.archive);
    for query in ["代表", "人大代表", "代表 工作室", "选举 -换届", "a1"] {
        if let Err(e) = built
            .manifest
            .evaluate(&parse_query(query), &shards, &facts, &built.map)
        {
            prop_assert!(!e.to_string().is_empty());
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn every_shard_of_a_random_index_decodes(docs in random_docs()) {
        let built = build_with(&docs, 2, SMALL);
        for file in &built.files[1..] {
            prop_assert!(Shard::decode(&file.bytes).is_ok(), "{}", file.path);
        }
    }

    #[test]
    fn truncated_shards_are_refused_with_a_message(
        docs in random_docs(),
        which in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
    ) {
        let built = build_with(&docs, 2, SMALL);
        let bytes = &which.get(&built.files[1..]).bytes;
        let len = cut.index(bytes.len());
        let err = Shard::decode(&bytes[..len]).unwrap_err();
        prop_assert!(can_be_shown(&err, len), "{err:?}");
    }

    #[test]
    fn bit_flipped_shards_are_refused_with_a_message_or_still_searched(
        docs in random_docs(),
        which in any::<prop::sample::Index>(),
        bit in any::<prop::sample::Index>(),
    ) {
        let built = build_with(&docs, 2, SMALL);
        let mut bytes = which.get(&built.files[1..]).bytes.clone();
        let bit = bit.index(bytes.len() * 8);
        bytes[bit / 8] ^= 1 << (bit % 8);
        match Shard::decode(&bytes) {
            Err(err) => prop_assert!(can_be_shown(&err, bytes.len()), "{err:?}"),
            // A flip can leave a valid shard that lists other documents or keys.
            Ok(shard) => search_with(&built, &shard)?,
        }
    }

    #[test]
    fn random_bytes_are_refused_with_a_message(
        bytes in proptest::collection::vec(any::<u8>(), 0..300),
        with_header in any::<bool>(),
    ) {
        let mut input = if with_header { b"LLSI\x02\0\0\0\0".to_vec() } else { Vec::new() };
        input.extend_from_slice(&bytes);
        match Shard::decode(&input) {
            Err(err) => prop_assert!(can_be_shown(&err, input.len()), "{err:?}"),
            Ok(shard) => {
                let built = build_with(&[doc(&["代表工作室", "人大代表"])], 1, SMALL);
                search_with(&built, &shard)?;
            }
        }
    }

    #[test]
    fn flipped_bytes_never_panic(at in any::<prop::sample::Index>(), value in any::<u8>()) {
        let mut bytes = sample_shard();
        let i = at.index(bytes.len());
        bytes[i] = value;
        if let Ok(shard) = Shard::decode(&bytes) {
            // A shard that still decodes may list other documents; evaluation must cope.
            // The index the sample shard comes from, with the changed shard under its name.
            let built = build(&[doc(&["代表工作室", "人大代表人大代表"]), doc(&["选举", "换届选举"])], 1);
            let _ = built.manifest.evaluate(
                &parse_query("代表 人大"),
                &[(built.files[1].path.as_str(), &shard)],
                &doc_facts(&built.archive),
                &built.map,
            );
        }
    }
}
