//! The index against a brute-force scan: on random small corpora and random queries, the
//! documents found through the on-disk format (build → bytes → decode → evaluate, fetching
//! only the shards the manifest names) are exactly those a scan of each block's normalised
//! text finds, with the same match counts and title hits.

mod search_support;

use std::collections::BTreeMap;

use lianluo_core::search::{doc_facts, normalize, parse_query, Query, Shard, ShardLayout};
use proptest::prelude::*;
use search_support::{build, build_with, doc, Doc};

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
        let layout = ShardLayout { max_own_keys, target_shard_bytes, own_shard_min_bytes };
        let built = build_with(&docs, per_issue, layout);
        let text = query_text(&docs, &pieces);
        let query = parse_query(&text);

        let needed = built.manifest.shards_for(&query);
        let fetched: Vec<&Shard> = built
            .shards
            .iter()
            .filter(|(path, _)| needed.contains(path))
            .map(|(_, shard)| shard)
            .collect();
        prop_assert_eq!(fetched.len(), needed.len(), "every named shard exists");

        let hits = built
            .manifest
            .evaluate(&query, &fetched, &doc_facts(&built.archive))
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
    let shards: Vec<&Shard> = built.shards.iter().map(|(_, s)| s).collect();
    let hits = built
        .manifest
        .evaluate(&query, &shards, &doc_facts(&built.archive))
        .unwrap();
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
