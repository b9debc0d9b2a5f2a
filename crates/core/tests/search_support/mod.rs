//! Shared by the search tests: a tiny archive built from plain blocks of text.

#![allow(dead_code)] // each test file uses a different part

use lianluo_core::archive::issue_summary;
use lianluo_core::search::{
    build_index_with, doc_facts, DocMap, Hit, IndexFile, Manifest, Query, SearchError, Segment,
    Shard, ShardLayout, MANIFEST_PATH,
};
use lianluo_core::test_support::{article, bare_issue, paragraph, region};
use lianluo_core::{ArchiveIndex, Issue, FORMAT_VERSION};

/// One article: its title, then its body blocks.
pub type Doc = Vec<String>;

/// An archive of issues with `per_issue` articles each, from `docs` in document order.
pub fn archive(docs: &[Doc], per_issue: usize) -> (ArchiveIndex, Vec<Issue>) {
    let issues: Vec<Issue> = docs
        .chunks(per_issue.max(1))
        .enumerate()
        .map(|(n, chunk)| issue(n as u32 + 1, chunk))
        .collect();
    (archive_of(&issues), issues)
}

/// Issue `2000-{number}`, its articles `docs`.
pub fn issue(number: u32, docs: &[Doc]) -> Issue {
    let id = format!("2000-{number}");
    let articles = docs
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let blocks = doc[1..].iter().map(|text| paragraph(text)).collect();
            article(
                &format!("{id}-{}", i + 1),
                &doc[0],
                region("长沙市", "长沙市", None),
                blocks,
            )
        })
        .collect();
    bare_issue(&id, "2000-01-01", articles)
}

/// The archive index of `issues`, listed in the order given.
pub fn archive_of(issues: &[Issue]) -> ArchiveIndex {
    ArchiveIndex {
        format_version: FORMAT_VERSION,
        title: "联络动态".into(),
        issues: issues.iter().map(issue_summary).collect(),
        regions: Vec::new(),
        search: Some(MANIFEST_PATH.into()),
        volumes: None,
    }
}

/// The built index, with its manifest parsed and every shard decoded from its bytes.
pub struct Built {
    pub archive: ArchiveIndex,
    pub files: Vec<IndexFile>,
    pub manifest: Manifest,
    pub shards: Vec<(String, Shard)>,
    /// The segments' documents in the archive.
    pub map: DocMap,
}

impl Built {
    /// The index's one segment (an index built whole has one).
    pub fn segment(&self) -> &Segment {
        assert_eq!(self.manifest.segments.len(), 1, "built whole");
        &self.manifest.segments[0]
    }

    /// Every shard, by path, as evaluation takes them.
    pub fn all_shards(&self) -> Vec<(&str, &Shard)> {
        self.shards
            .iter()
            .map(|(path, shard)| (path.as_str(), shard))
            .collect()
    }

    /// The shards at `paths`, by path.
    pub fn shards_at(&self, paths: &[String]) -> Vec<(&str, &Shard)> {
        self.shards
            .iter()
            .filter(|(path, _)| paths.contains(path))
            .map(|(path, shard)| (path.as_str(), shard))
            .collect()
    }

    /// `query` evaluated over the shards the manifest names for it, fetched as a reader would.
    pub fn evaluate(&self, query: &Query) -> Result<Vec<Hit>, SearchError> {
        let fetched = self.shards_at(&self.manifest.shards_for(query));
        self.manifest
            .evaluate(query, &fetched, &doc_facts(&self.archive), &self.map)
    }
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
    let map = manifest
        .doc_map_of(&archive)
        .expect("the manifest maps its archive");
    Built {
        archive,
        files,
        manifest,
        shards,
        map,
    }
}

pub fn doc(blocks: &[&str]) -> Doc {
    blocks.iter().map(|b| b.to_string()).collect()
}
