//! The search index the search fuzz targets work against: the two fixture issues of
//! `crates/core/tests/fixtures/`, with a shard layout small enough to give several hashed
//! shards and keys with shards of their own. `crates/core/examples/fuzz_seeds.rs` writes the
//! seed corpus from this same file, so the seeds' shard ids are those of this index.

use lianluo_core::archive::build_archive_index;
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::search::{build_index_with, IndexFile, ShardLayout};
use lianluo_core::{ArchiveIndex, Issue};

/// The fixture issues' texts.
pub const TEXTS: [&str; 2] = [
    include_str!("../../crates/core/tests/fixtures/lianluo-2017-15.txt"),
    include_str!("../../crates/core/tests/fixtures/quirks-2018-4.txt"),
];

/// The layout: a few small hashed shards, and up to 8 keys with shards of their own.
pub const LAYOUT: ShardLayout = ShardLayout {
    max_own_keys: 8,
    target_shard_bytes: 1024,
    own_shard_min_bytes: 64,
    max_hashed_shards: usize::MAX,
};

/// The fixture issues, their archive index, and its search index (the manifest first).
pub fn sample_index() -> (Vec<Issue>, ArchiveIndex, Vec<IndexFile>) {
    let issues: Vec<Issue> = TEXTS
        .iter()
        .map(|text| {
            parse_issue(text, &ParseOptions::default())
                .issue
                .expect("the fixture issues parse")
        })
        .collect();
    let archive = build_archive_index(&issues);
    let files = build_index_with(&archive, &issues, LAYOUT);
    (issues, archive, files)
}
