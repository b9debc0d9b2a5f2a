//! Checking a published index, as `lianluo validate` does.

mod search_support;

use std::collections::HashMap;

use lianluo_core::search::{validate_index, IndexProblem, ShardLayout, SEARCH_FORMAT_VERSION};
use search_support::{build_with, doc, Built};

fn built() -> Built {
    let docs = vec![
        doc(&["代表工作室", "人大代表人大代表"]),
        doc(&["选举", "换届选举工作"]),
        doc(&["表决", "电子表决系统"]),
    ];
    // Small shards, so that there are hashed and own shards of both kinds.
    let layout = ShardLayout {
        max_own_keys: 4,
        target_shard_bytes: 64,
        own_shard_min_bytes: 8,
        ..ShardLayout::default()
    };
    build_with(&docs, 2, layout)
}

fn check(built: &Built, files: &HashMap<String, Vec<u8>>) -> Vec<String> {
    validate_index(&built.manifest, &built.archive, |path| {
        files.get(path).cloned()
    })
    .iter()
    .map(IndexProblem::to_string)
    .collect()
}

fn files(built: &Built) -> HashMap<String, Vec<u8>> {
    built
        .files
        .iter()
        .map(|f| (f.path.clone(), f.bytes.clone()))
        .collect()
}

#[test]
fn a_sound_index_has_no_problems() {
    let built = built();
    assert!(
        built.segment().own_pairs.chars().count() >= 2,
        "{:?}",
        built.manifest
    );
    assert_eq!(check(&built, &files(&built)), Vec::<String>::new());
}

#[test]
fn missing_and_damaged_shards_are_named() {
    let built = built();
    let mut files = files(&built);
    let paths = built.manifest.shard_paths();
    files.remove(&paths[0]);
    let damaged = files.get_mut(&paths[1]).unwrap();
    damaged.truncate(damaged.len() - 1);
    let damaged_len = damaged.len();
    assert_eq!(
        check(&built, &files),
        [
            format!("{}: missing", paths[0]),
            format!(
                "{}: damaged search shard at byte {}: the data ends too early",
                paths[1], damaged_len
            ),
        ]
    );
}

#[test]
fn swapped_and_stale_shards_are_named() {
    let built = built();
    let mut files = files(&built);
    let paths = built.manifest.shard_paths();
    let first = files[&paths[0]].clone();
    files.insert(paths[1].clone(), first);
    let other = built_other();
    let stale = other.files[1].bytes.clone();
    files.insert(paths[2].clone(), stale);
    assert_eq!(
        check(&built, &files),
        [
            format!("{}: holds {} instead", paths[1], paths[0]),
            format!("{}: belongs to another build of the index", paths[2]),
        ]
    );
}

fn built_other() -> Built {
    build_with(&[doc(&["另一个", "档案"])], 1, ShardLayout::default())
}

#[test]
fn a_manifest_for_other_articles_is_named() {
    let built = built();
    let other = built_other();
    let problems: Vec<String> = validate_index(&built.manifest, &other.archive, |path| {
        files(&built).get(path).cloned()
    })
    .iter()
    .map(IndexProblem::to_string)
    .collect();
    assert_eq!(
        problems,
        ["search/manifest.json: built for other articles than index.json lists (count, ids or runs differ)"]
    );
}

#[test]
fn another_format_version_stops_the_check() {
    let mut built = built();
    built.manifest.version = 7;
    assert_eq!(
        check(&built, &HashMap::new()),
        [format!(
            "search/manifest.json: format version 7 is not the supported version {SEARCH_FORMAT_VERSION}"
        )]
    );
}

#[test]
fn the_same_postings_cut_differently_are_another_build() {
    let docs = vec![
        doc(&["人大代表", "人大代表人大代表"]),
        doc(&["代表", "人人人人"]),
    ];
    // One hashed shard either way; only which keys have shards of their own differs.
    let layout = |max_own_keys| ShardLayout {
        max_own_keys,
        target_shard_bytes: 1 << 20,
        own_shard_min_bytes: 4,
        ..ShardLayout::default()
    };
    let with_own = build_with(&docs, 1, layout(3));
    let without = build_with(&docs, 1, layout(0));
    assert_ne!(with_own.segment().tag, without.segment().tag);
}
