//! Shared by the search tests: a tiny archive built from plain blocks of text.

#![allow(dead_code)] // each test file uses a different part

use lianluo_core::archive::issue_summary;
use lianluo_core::search::{
    build_index_with, IndexFile, Manifest, Shard, ShardLayout, MANIFEST_PATH,
};
use lianluo_core::{
    ArchiveIndex, Article, Block, BlockKind, Issue, Normalization, Region, FORMAT_VERSION,
};

/// One article: its title, then its body blocks.
pub type Doc = Vec<String>;

/// An archive of issues with `per_issue` articles each, from `docs` in document order.
pub fn archive(docs: &[Doc], per_issue: usize) -> (ArchiveIndex, Vec<Issue>) {
    let mut issues = Vec::new();
    for (n, chunk) in docs.chunks(per_issue.max(1)).enumerate() {
        let id = format!("2000-{}", n + 1);
        let articles = chunk
            .iter()
            .enumerate()
            .map(|(i, doc)| Article {
                id: format!("{id}-{}", i + 1),
                region: Region {
                    printed: "长沙市".into(),
                    prefecture: Some("长沙市".into()),
                    county: None,
                },
                title: doc[0].clone(),
                blocks: doc[1..]
                    .iter()
                    .map(|text| Block {
                        kind: BlockKind::Paragraph,
                        text: text.clone(),
                    })
                    .collect(),
            })
            .collect();
        issues.push(Issue {
            format_version: FORMAT_VERSION,
            id: id.clone(),
            title: "联络动态".into(),
            number: n as u32 + 1,
            serial: None,
            date: "2000-01-01".into(),
            publisher: "委员会".into(),
            editor_note: None,
            articles,
            distribution: Vec::new(),
            editors: Vec::new(),
            phone: None,
            email: None,
            approval: None,
            normalization: Normalization {
                cjk_punctuation: false,
            },
        });
    }
    let archive = ArchiveIndex {
        format_version: FORMAT_VERSION,
        title: "联络动态".into(),
        issues: issues.iter().map(issue_summary).collect(),
        regions: Vec::new(),
        search: Some(MANIFEST_PATH.into()),
    };
    (archive, issues)
}

/// The built index, with its manifest parsed and every shard decoded from its bytes.
pub struct Built {
    pub archive: ArchiveIndex,
    pub files: Vec<IndexFile>,
    pub manifest: Manifest,
    pub shards: Vec<(String, Shard)>,
}

pub fn build(docs: &[Doc], per_issue: usize) -> Built {
    build_with(docs, per_issue, ShardLayout::default())
}

pub fn build_with(docs: &[Doc], per_issue: usize, layout: ShardLayout) -> Built {
    let (archive, issues) = archive(docs, per_issue);
    let files = build_index_with(&archive, &issues, layout);
    assert_eq!(files[0].path, MANIFEST_PATH);
    let manifest: Manifest = serde_json::from_slice(&files[0].bytes).expect("manifest parses");
    let shards = files[1..]
        .iter()
        .map(|f| {
            (
                f.path.clone(),
                Shard::decode(&f.bytes).expect("shard decodes"),
            )
        })
        .collect();
    Built {
        archive,
        files,
        manifest,
        shards,
    }
}

pub fn doc(blocks: &[&str]) -> Doc {
    blocks.iter().map(|b| b.to_string()).collect()
}
