//! The index's files: manifest contents, shard naming, and that every shard decodes.

mod search_support;

use lianluo_core::search::{doc_checksum, doc_facts, ShardId, ShardLayout, SEARCH_FORMAT_VERSION};
use search_support::{build, build_with, doc};

#[test]
fn manifest_describes_the_documents_and_shards() {
    let docs = vec![
        doc(&["代表工作室", "湘潭市建立代表工作室。"]),
        doc(&["换届选举", "６０％ 以上的代表"]),
        doc(&["表决系统", "电子表决", "系统"]),
    ];
    let built = build(&docs, 2);
    let m = &built.manifest;
    assert_eq!(m.version, SEARCH_FORMAT_VERSION);
    assert_eq!(m.doc_count, 3);
    assert_eq!(
        m.doc_checksum,
        doc_checksum(["2000-1-1", "2000-1-2", "2000-2-1"])
    );
    assert!(m.doc_map(&["2000-1-1", "2000-1-2", "2000-2-1"]).is_some());
    assert!(m.doc_map(&["2000-1-1", "2000-1-2"]).is_none());
    assert!(m.doc_map(&["2000-1-2", "2000-1-1", "2000-2-1"]).is_none());
    let segment = built.segment();
    assert_eq!(segment.runs, ["2000-1-1", "2000-2-1"]);
    assert!(segment.masked.is_empty());
    // "湘潭市建立代表工作室。" is the longest block.
    assert_eq!(segment.max_block_chars, 11);
    assert_eq!(
        built.files.len() as u32,
        1 + segment.hashed_shards + segment.own_sizes.len() as u32
    );
    let mut written: Vec<&str> = built.files[1..].iter().map(|f| f.path.as_str()).collect();
    written.sort_unstable();
    let mut listed = m.shard_paths();
    listed.sort_unstable();
    assert_eq!(written, listed);
    for (path, shard) in &built.shards {
        assert_eq!(*path, segment.shard_path(shard.id()));
        assert_eq!(format!("{:08x}", shard.tag()), segment.tag);
        if let ShardId::Hashed(n) = shard.id() {
            assert!(n < segment.hashed_shards);
        }
    }
}

#[test]
fn every_kind_of_shard_is_listed() {
    // Tiny shards, so that there are own characters and own pairs.
    let docs = vec![
        doc(&["人大代表", "人大代表人大代表"]),
        doc(&["代表", "人人人人大大大"]),
    ];
    let layout = ShardLayout {
        max_own_keys: 50,
        target_shard_bytes: 16,
        own_shard_min_bytes: 4,
        ..ShardLayout::default()
    };
    let built = build_with(&docs, 1, layout);
    let m = &built.manifest;
    let segment = built.segment();
    assert!(segment.own_sizes.len() > 2);
    assert!(
        !segment.own_chars.is_empty() && !segment.own_pairs.is_empty(),
        "{m:?}"
    );
    let mut written: Vec<&str> = built.files[1..].iter().map(|f| f.path.as_str()).collect();
    written.sort_unstable();
    let mut listed = m.shard_paths();
    listed.sort_unstable();
    assert_eq!(written, listed);
}

#[test]
fn doc_facts_locate_each_document_in_the_archive() {
    let docs = vec![
        doc(&["ＡＢ 人大", "正文"]),
        doc(&["代表", "正文"]),
        doc(&["选举", "正文"]),
    ];
    let built = build(&docs, 2);
    let facts = doc_facts(&built.archive);
    let located: Vec<(&str, usize, usize)> = facts
        .iter()
        .map(|f| (f.title.as_str(), f.issue, f.article))
        .collect();
    assert_eq!(located, [("ab人大", 0, 0), ("代表", 0, 1), ("选举", 1, 0)]);
}

/// The FNV-1a (64-bit) hash of the files built from the corpus in
/// [`the_built_files_are_the_committed_bytes`], committed so that a change of output between
/// machines, toolchains or versions of this crate fails the test rather than passing unseen.
const BUILT_FILES_HASH: &str = "a88c5efd18704981";

#[test]
fn the_built_files_are_the_committed_bytes() {
    let docs = vec![doc(&["人大", "人大代表人大"]), doc(&["代表", "代表人大"])];
    let mut files = build(&docs, 1).files;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    let hash = fnv1a_64(files.iter().flat_map(|f| [f.path.as_bytes(), &f.bytes]));
    assert_eq!(
        hash, BUILT_FILES_HASH,
        "the search index built from a fixed corpus is not the committed bytes. If the format \
         changed on purpose, set BUILT_FILES_HASH to {hash} in the same commit and say in its \
         message why the bytes changed (and raise SEARCH_FORMAT_VERSION if readers of the old \
         files cannot read the new ones); if not, the change is a bug: the same archive must give \
         the same index on every machine and version."
    );
}

/// FNV-1a (64-bit) over `parts`, each followed by its length so that moving bytes from one part
/// to the next changes the hash. Written here rather than taken from the crate so that a change
/// to the crate's hashing cannot change the expected value with it.
fn fnv1a_64<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &byte in part.iter().chain(&(part.len() as u64).to_le_bytes()) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}
