//! Search over the real sample issue, converted by the parser: the reader's examples hold.

use lianluo_core::archive::build_archive_index;
use lianluo_core::parse::{parse_issue, ParseOptions};
use lianluo_core::search::{build_index, doc_facts, mark_ranges, parse_query, Manifest, Shard};
use lianluo_core::{ArchiveIndex, Issue};

const SAMPLE: &str = include_str!("../../../www/archive/lianluo-2017-15.txt");

struct Sample {
    issue: Issue,
    archive: ArchiveIndex,
    manifest: Manifest,
    shards: Vec<(String, Shard)>,
}

fn sample() -> Sample {
    let issue = parse_issue(SAMPLE, &ParseOptions::default())
        .issue
        .expect("the sample converts");
    let archive = build_archive_index(std::slice::from_ref(&issue));
    let files = build_index(&archive, std::slice::from_ref(&issue));
    let manifest = serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
    let shards = files[1..]
        .iter()
        .map(|f| (f.path.clone(), Shard::decode(&f.bytes).expect("decodes")))
        .collect();
    Sample {
        issue,
        archive,
        manifest,
        shards,
    }
}

/// The regions (as printed) of the articles found, best first, fetching only named shards.
fn found(sample: &Sample, query: &str) -> Vec<String> {
    let query = parse_query(query);
    let needed = sample.manifest.shards_for(&query);
    let shards: Vec<(&str, &Shard)> = sample
        .shards
        .iter()
        .filter(|(path, _)| needed.contains(path))
        .map(|(path, shard)| (path.as_str(), shard))
        .collect();
    let facts = doc_facts(&sample.archive);
    let map = sample.manifest.doc_map_of(&sample.archive).expect("maps");
    sample
        .manifest
        .evaluate(&query, &shards, &facts, &map)
        .expect("evaluates")
        .iter()
        .map(|hit| {
            let doc = &facts[hit.doc as usize];
            sample.archive.issues[doc.issue].articles[doc.article]
                .region
                .printed
                .clone()
        })
        .collect()
}

#[test]
fn phrases_find_their_articles() {
    let sample = sample();
    assert_eq!(found(&sample, "代表工作室"), ["湘潭市"]);
    // Split by a page break in the source, joined by the parser.
    assert_eq!(found(&sample, "表决系统"), ["湘西自治州"]);
    assert_eq!(found(&sample, "换届选举"), ["衡阳市"]);
    assert_eq!(found(&sample, "没有这个词"), Vec::<String>::new());
}

#[test]
fn terms_quotes_exclusions_and_widths_combine() {
    let sample = sample();
    // No article has both terms; each alone is found.
    assert_eq!(found(&sample, "代表工作室 表决"), Vec::<String>::new());
    assert_eq!(found(&sample, "工作室 代表"), ["湘潭市"]);
    assert_eq!(found(&sample, "代表工作室 -表决"), ["湘潭市"]);
    assert_eq!(found(&sample, "\"代表 工作室\""), ["湘潭市"]);
    // Full-width and quoted-with-space queries normalise to the same term.
    let ascii = found(&sample, "60%以上");
    assert!(!ascii.is_empty());
    assert_eq!(found(&sample, "６０％以上"), ascii);
    assert_eq!(found(&sample, "\"60% 以上\""), ascii);
}

#[test]
fn every_match_in_an_article_is_marked() {
    let sample = sample();
    let query = parse_query("60%以上");
    let marked: Vec<&str> = sample
        .issue
        .articles
        .iter()
        .flat_map(|a| &a.blocks)
        .flat_map(|b| {
            mark_ranges(&b.text, &query)
                .into_iter()
                .map(move |r| &b.text[r])
        })
        .collect();
    // The source prints 60%以上 and 60% 以上; the parser removes the space after the digits.
    assert_eq!(marked, ["60%以上", "60%以上"]);
}
