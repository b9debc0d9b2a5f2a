//! The index against a brute-force scan: on random small corpora and random queries, the
//! documents found through the on-disk format (build → bytes → decode → evaluate, fetching
//! only the shards the manifest names) are exactly those a scan of each block's normalised
//! text finds, with the same match counts and title hits. The same holds of an index in
//! segments: an archive built in random steps (issues added anywhere, changed, removed), each
//! build carrying the last one's index over.

mod search_support;

use std::collections::{BTreeMap, HashMap};

use lianluo_core::search::{
    doc_facts, normalize, parse_query, update_index, Manifest, PreviousIndex, Query, Shard,
    ShardLayout,
};
use lianluo_core::{ArchiveIndex, Issue};
use proptest::prelude::*;
use search_support::{archive_of, build, build_with, doc, issue, Doc};

/// Few characters, so that pairs collide and repeat (人人人), with full-width forms and spaces
/// that normalisation folds or removes.
const ALPHABET: &[char] = &[
    '人', '大', '代', '表', '工', '作', '室', '选', 'a', 'B', '%', '6', '６', 'Ａ', 'ｂ', ' ', '　',
];

fn block() -> impl Strategy<Value = String> {
    proptest::collection::vec(proptest::sample::select(ALPHABET), 0..14)
        .prop_map(|chars| chars.into_iter().collect())
}

fn corpus() -> impl Strategy<Value = Vec<Doc>> {
    proptest::collection::vec(proptest::collection::vec(block(), 1..5), 1..9)
}

/// Occurrences of `term` in `text`, overlapping ones included.
fn occurrences(text: &[char], term: &[char]) -> u32 {
    if term.is_empty() || term.len() > text.len() {
        return 0;
    }
    text.windows(term.len()).filter(|w| *w == term).count() as u32
}

/// (matches, title hit) per matching document, by scanning.
fn brute_force(docs: &[Doc], query: &Query) -> BTreeMap<u32, (u32, bool)> {
    let mut found = BTreeMap::new();
    if query.is_empty() {
        return found;
    }
    for (d, doc) in docs.iter().enumerate() {
        let blocks: Vec<Vec<char>> = doc.iter().map(|b| normalize(b).chars().collect()).collect();
        let count = |term: &String| -> u32 {
            let term: Vec<char> = term.chars().collect();
            blocks.iter().map(|b| occurrences(b, &term)).sum()
        };
        let counts: Vec<u32> = query.required.iter().map(count).collect();
        if counts.contains(&0) || query.excluded.iter().any(|t| count(t) > 0) {
            continue;
        }
        let title: Vec<char> = blocks[0].clone();
        let title_hit = query.required.iter().any(|t| {
            let t: Vec<char> = t.chars().collect();
            occurrences(&title, &t) > 0
        });
        found.insert(d as u32, (counts.iter().sum(), title_hit));
    }
    found
}

/// A piece of query text: a substring of one block, a stretch across two blocks of a
/// document, or random characters.
#[derive(Debug, Clone)]
enum Piece {
    InBlock {
        doc: usize,
        block: usize,
        start: usize,
        len: usize,
    },
    Across {
        doc: usize,
        block: usize,
        before: usize,
        after: usize,
    },
    Random(String),
}

fn piece_text(docs: &[Doc], piece: &Piece) -> String {
    match *piece {
        Piece::InBlock {
            doc,
            block,
            start,
            len,
        } => {
            let d = &docs[doc % docs.len()];
            let chars: Vec<char> = d[block % d.len()].chars().collect();
            let start = start % (chars.len() + 1);
            chars[start..(start + len).min(chars.len())]
                .iter()
                .collect()
        }
        Piece::Across {
            doc,
            block,
            before,
            after,
        } => {
            let d = &docs[doc % docs.len()];
            let first: Vec<char> = d[block % d.len()].chars().collect();
            let second: Vec<char> = d[(block + 1) % d.len()].chars().collect();
            let tail = &first[first.len().saturating_sub(before)..];
            let head = &second[..after.min(second.len())];
            tail.iter().chain(head).collect()
        }
        Piece::Random(ref s) => s.clone(),
    }
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => (0..9usize, 0..5usize, 0..14usize, 1..10usize)
            .prop_map(|(doc, block, start, len)| Piece::InBlock { doc, block, start, len }),
        2 => (0..9usize, 0..5usize, 1..4usize, 1..4usize)
            .prop_map(|(doc, block, before, after)| Piece::Across { doc, block, before, after }),
        1 => block().prop_map(Piece::Random),
    ]
}

/// How a piece is written in the query.
#[derive(Debug, Clone, Copy)]
enum Form {
    Plain,
    Quoted,
    Excluded,
}

fn form() -> impl Strategy<Value = Form> {
    prop_oneof![4 => Just(Form::Plain), 2 => Just(Form::Quoted), 1 => Just(Form::Excluded)]
}

fn query_text(docs: &[Doc], pieces: &[(Piece, Form)]) -> String {
    let mut out = String::new();
    for (piece, form) in pieces {
        let text = piece_text(docs, piece);
        let term = match form {
            // Spaces inside an unquoted piece split it into several terms, which is fine:
            // the oracle sees the same parse.
            Form::Plain => text,
            Form::Quoted => format!("\"{text}\""),
            Form::Excluded => format!("-\"{text}\""),
        };
        out.push_str(&term);
        out.push(' ');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn index_finds_exactly_what_a_scan_finds(
        docs in corpus(),
        per_issue in 1..4usize,
        target_shard_bytes in 1..200usize,
        own_shard_min_bytes in 4..40usize,
        max_own_keys in 0..12usize,
        pieces in proptest::collection::vec((piece(), form()), 1..4),
    ) {
        // Tiny shards, so that the query fetches some of many shards, some of them own shards.
        let layout = ShardLayout {
            max_own_keys,
            target_shard_bytes,
            own_shard_min_bytes,
            ..ShardLayout::default()
        };
        let built = build_with(&docs, per_issue, layout);
        let text = query_text(&docs, &pieces);
        let query = parse_query(&text);

        let needed = built.manifest.shards_for(&query);
        prop_assert_eq!(built.shards_at(&needed).len(), needed.len(), "every named shard exists");

        let hits = built
            .evaluate(&query)
            .expect("evaluation succeeds with the named shards");
        let found: BTreeMap<u32, (u32, bool)> =
            hits.iter().map(|h| (h.doc, (h.matches, h.title_hit))).collect();
        prop_assert_eq!(found, brute_force(&docs, &query), "query {:?}", text);
    }
}

#[test]
fn a_term_split_across_blocks_does_not_match() {
    let docs = vec![
        vec!["标题".to_string(), "电子表决".into(), "系统".into()],
        vec!["表决系统".to_string(), "正文".into()],
    ];
    let built = build(&docs, 2);
    let query = parse_query("表决系统");
    let hits = built.evaluate(&query).unwrap();
    let docs_found: Vec<u32> = hits.iter().map(|h| h.doc).collect();
    assert_eq!(docs_found, [1]);
    assert!(hits[0].title_hit);
}

/// The oracle above holds results exact whatever shards a query names; this holds the
/// reason for shards at all: a query names a few of many, not every one.
#[test]
fn a_query_names_a_few_of_many_shards() {
    let docs: Vec<Doc> = (0..40)
        .map(|i| {
            doc(&[&format!(
                "第{i}次会议：代表工作室开展换届选举工作，人大代表联络站接待群众"
            )])
        })
        .collect();
    let layout = ShardLayout {
        max_own_keys: 0,
        target_shard_bytes: 64,
        own_shard_min_bytes: usize::MAX,
        ..ShardLayout::default()
    };
    let built = build_with(&docs, 4, layout);
    let every = built.manifest.shard_paths();
    assert!(every.len() > 10, "{} shards", every.len());
    for query in ["换届", "代表工作室", "群众 -会议"] {
        let needed = built.manifest.shards_for(&parse_query(query));
        assert!(
            !needed.is_empty() && needed.len() * 3 < every.len(),
            "{query}: {} of {} shards",
            needed.len(),
            every.len()
        );
    }
}

/// What one build of the archive does before it runs.
#[derive(Debug, Clone)]
struct Edit {
    /// How many issues come in (the next ones of the order they arrive in).
    added: usize,
    /// An issue present whose other version replaces it.
    changed: Option<prop::sample::Index>,
    /// An issue present that is taken out.
    removed: Option<prop::sample::Index>,
}

fn edit() -> impl Strategy<Value = Edit> {
    (
        0..4usize,
        proptest::option::weighted(0.3, any::<prop::sample::Index>()),
        proptest::option::weighted(0.15, any::<prop::sample::Index>()),
    )
        .prop_map(|(added, changed, removed)| Edit {
            added,
            changed,
            removed,
        })
}

/// Issues in two versions each: one or two articles, as first written and as corrected.
fn versions() -> impl Strategy<Value = Vec<[Vec<Doc>; 2]>> {
    let articles = || proptest::collection::vec(proptest::collection::vec(block(), 1..4), 1..3);
    proptest::collection::vec((articles(), articles()).prop_map(|(a, b)| [a, b]), 2..10)
}

/// The last build, as the next one finds it.
struct Last {
    manifest: Manifest,
    manifest_bytes: Vec<u8>,
    archive: ArchiveIndex,
    /// The version of each issue present then.
    versions: HashMap<String, usize>,
}

/// The archive of the issues `present` (by position in `versions`, each in its version), in
/// that order.
fn issues_of(versions: &[[Vec<Doc>; 2]], present: &BTreeMap<usize, usize>) -> Vec<Issue> {
    present
        .iter()
        .map(|(&n, &version)| issue(n as u32 + 1, &versions[n][version]))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn segments_find_exactly_what_a_scan_finds(
        versions in versions(),
        arrival in any::<u64>(),
        edits in proptest::collection::vec(edit(), 1..9),
        target_shard_bytes in 1..200usize,
        own_shard_min_bytes in 4..40usize,
        pieces in proptest::collection::vec((piece(), form()), 1..4),
    ) {
        let layout = ShardLayout {
            max_own_keys: 4,
            target_shard_bytes,
            own_shard_min_bytes,
            ..ShardLayout::default()
        };
        // The order issues arrive in: any, so that a new issue may fall between old ones.
        let mut order: Vec<usize> = (0..versions.len()).collect();
        let mut seed = arrival;
        for i in (1..order.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            order.swap(i, (seed >> 33) as usize % (i + 1));
        }
        let mut arriving = order.into_iter();
        let mut present: BTreeMap<usize, usize> = BTreeMap::new();
        let mut site: HashMap<String, Vec<u8>> = HashMap::new();
        let mut last: Option<Last> = None;
        for edit in &edits {
            present.extend(arriving.by_ref().take(edit.added).map(|n| (n, 0)));
            let keys: Vec<usize> = present.keys().copied().collect();
            if let (Some(which), false) = (&edit.changed, keys.is_empty()) {
                let n = *which.get(&keys);
                present.insert(n, 1 - present[&n]);
            }
            if let (Some(which), false) = (&edit.removed, keys.is_empty()) {
                present.remove(which.get(&keys));
            }
            let issues = issues_of(&versions, &present);
            let archive = archive_of(&issues);
            let versions_now: HashMap<String, usize> = present
                .iter()
                .map(|(&n, &version)| (format!("2000-{}", n + 1), version))
                .collect();
            let update = match &last {
                Some(last) => {
                    let unchanged = |id: &str| last.versions.get(id) == versions_now.get(id);
                    let previous = PreviousIndex {
                        manifest: &last.manifest,
                        archive: &last.archive,
                        unchanged: &unchanged,
                    };
                    update_index(&archive, &issues, Some(&previous), layout)
                }
                None => update_index(&archive, &issues, None, layout),
            };
            for path in &update.kept {
                prop_assert!(site.contains_key(path), "kept {path} was written before");
            }
            site.extend(update.files.iter().map(|f| (f.path.clone(), f.bytes.clone())));
            let manifest: Manifest = serde_json::from_slice(&update.files[0].bytes).unwrap();
            prop_assert_eq!(update.segments, manifest.segments.len());
            last = Some(Last {
                manifest,
                manifest_bytes: update.files[0].bytes.clone(),
                archive,
                versions: versions_now,
            });
        }
        let last = last.expect("at least one build");
        // The archive's articles in document order, as a scan reads them.
        let docs: Vec<Doc> = present
            .iter()
            .flat_map(|(&n, &version)| versions[n][version].clone())
            .collect();
        let map = last.manifest.doc_map_of(&last.archive);
        prop_assert!(map.is_some(), "the manifest maps its archive: {:?}", last.manifest);
        let map = map.unwrap();
        if !docs.is_empty() {
            let text = query_text(&docs, &pieces);
            let query = parse_query(&text);
            let needed = last.manifest.shards_for(&query);
            let decoded: Vec<(String, Shard)> = needed
                .iter()
                .map(|path| (path.clone(), Shard::decode(&site[path]).expect("decodes")))
                .collect();
            let fetched: Vec<(&str, &Shard)> =
                decoded.iter().map(|(path, shard)| (path.as_str(), shard)).collect();
            let hits = last
                .manifest
                .evaluate(&query, &fetched, &doc_facts(&last.archive), &map)
                .expect("evaluation succeeds with the named shards");
            let mut found: BTreeMap<u32, (u32, bool)> = BTreeMap::new();
            for hit in &hits {
                prop_assert!(found.insert(hit.doc, (hit.matches, hit.title_hit)).is_none());
            }
            prop_assert_eq!(found, brute_force(&docs, &query), "query {:?}", text);
        }

        // The same sources again: nothing is written but the same manifest.
        let issues = issues_of(&versions, &present);
        let unchanged = |id: &str| last.versions.contains_key(id);
        let previous = PreviousIndex {
            manifest: &last.manifest,
            archive: &last.archive,
            unchanged: &unchanged,
        };
        let again = update_index(&last.archive, &issues, Some(&previous), layout);
        prop_assert_eq!(again.files.len(), 1, "only the manifest");
        prop_assert_eq!(&again.files[0].bytes, &last.manifest_bytes);
        prop_assert_eq!(again.kept, last.manifest.shard_paths());
        prop_assert_eq!(again.rewritten, 0);
    }
}
