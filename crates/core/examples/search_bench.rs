//! Measures the search index on a synthetic archive: build time, index size, shard count,
//! largest shard, and what a cold query fetches.
//!
//! ```text
//! cargo run --release -p lianluo-core --example search_bench -- [ISSUES...] [--build-only] [--target BYTES] [--own BYTES] [--max-own KEYS]
//! ```
//! Default: 535 and 5000 issues, with the default shard layout (the last three options set
//! [`ShardLayout`]'s fields, to compare layouts). `--build-only` times the build and skips
//! the gzip and query measurements. Articles (3 or 4 per issue, about 1,500 characters each) are
//! drawn, with a fixed-seed generator, from the sentences of the sample issue
//! `www/archive/lianluo-2017-15.txt`, so frequent pairs (人大, 代表, 工作) are as frequent as
//! in real issues. Sizes after gzip are measured with the system's `gzip -6` (the usual server
//! setting), file by file.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::Instant;

use lianluo_core::archive::issue_summary;
use lianluo_core::search::{
    build_index_with, doc_facts, parse_query, IndexFile, Manifest, Shard, ShardLayout,
};
use lianluo_core::test_support;
use lianluo_core::{ArchiveIndex, Issue, FORMAT_VERSION};

const SAMPLE: &str = include_str!("../../../www/archive/lianluo-2017-15.txt");

/// Queries measured: phrases readers look for, a frequent pair, one character, two terms.
const QUERIES: &[&str] = &[
    "代表工作室",
    "换届选举",
    "电子表决",
    "县乡人大工作",
    "人大",
    "代",
    "代表 工作室",
    "\"60% 以上\"",
];

/// Characters per synthetic article body, roughly.
const ARTICLE_CHARS: usize = 1_500;

/// SplitMix64: a small deterministic generator, so every run measures the same archive.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn sentences() -> Vec<String> {
    SAMPLE
        .split('。')
        .map(|s| s.split_whitespace().collect::<String>())
        .filter(|s| s.chars().count() >= 8)
        .map(|s| format!("{s}。"))
        .collect()
}

fn synthetic_archive(issue_count: usize) -> (ArchiveIndex, Vec<Issue>) {
    let sentences = sentences();
    let mut rng = Rng(535);
    let mut issues = Vec::with_capacity(issue_count);
    for n in 0..issue_count {
        // Newest first: the first issue gets the highest serial.
        let serial = (issue_count - n) as u32;
        let id = format!("{}-{}", 2000 + serial / 30, serial % 30 + 1);
        let article_count = 3 + rng.below(2);
        let articles = (0..article_count)
            .map(|a| {
                let title: String = sentences[rng.below(sentences.len())]
                    .chars()
                    .take(8 + rng.below(10))
                    .collect();
                let mut blocks = Vec::new();
                let mut chars = 0;
                while chars < ARTICLE_CHARS {
                    let paragraph: String = (0..2 + rng.below(4))
                        .map(|_| sentences[rng.below(sentences.len())].as_str())
                        .collect();
                    chars += paragraph.chars().count();
                    blocks.push(test_support::paragraph(&paragraph));
                }
                let region = test_support::region("湘潭市", "湘潭市", None);
                test_support::article(&format!("{id}-{}", a + 1), &title, region, blocks)
            })
            .collect();
        let date = format!("{}-01-01", 2000 + serial / 30);
        issues.push(Issue {
            number: serial % 30 + 1,
            serial: Some(serial),
            ..test_support::bare_issue(&id, &date, articles)
        });
    }
    let archive = ArchiveIndex {
        format_version: FORMAT_VERSION,
        title: "联络动态".into(),
        issues: issues.iter().map(issue_summary).collect(),
        regions: Vec::new(),
        search: Some(lianluo_core::search::MANIFEST_PATH.into()),
        volumes: None,
    };
    (archive, issues)
}

fn gzip_len(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip")
        .arg("-6")
        .arg("-c")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the gzip command runs");
    let mut stdin = child.stdin.take().expect("gzip's stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let output = child.wait_with_output().expect("gzip finishes");
    writer
        .join()
        .expect("writer")
        .expect("gzip reads its input");
    output.stdout.len()
}

fn kb(bytes: usize) -> String {
    format!("{:.1} KB", bytes as f64 / 1024.0)
}

fn measure(issue_count: usize, layout: ShardLayout, build_only: bool) {
    let (archive, issues) = synthetic_archive(issue_count);
    let articles: usize = issues.iter().map(|i| i.articles.len()).sum();
    let chars: usize = issues
        .iter()
        .flat_map(|i| &i.articles)
        .flat_map(|a| &a.blocks)
        .map(|b| b.text.chars().count())
        .sum();
    let started = Instant::now();
    let files: Vec<IndexFile> = build_index_with(&archive, &issues, layout);
    let build = started.elapsed();
    if build_only {
        let raw: usize = files.iter().map(|f| f.bytes.len()).sum();
        println!(
            "{issue_count} issues, {articles} articles: build_index {:.0} ms, {} files, {} raw",
            build.as_secs_f64() * 1000.0,
            files.len(),
            kb(raw)
        );
        return;
    }

    let manifest: Manifest = serde_json::from_slice(&files[0].bytes).expect("the manifest parses");
    let gz: Vec<usize> = files.iter().map(|f| gzip_len(&f.bytes)).collect();
    let raw_total: usize = files.iter().map(|f| f.bytes.len()).sum();
    let (largest, largest_path) = files[1..]
        .iter()
        .map(|f| (f.bytes.len(), &f.path))
        .max()
        .expect("at least one shard");
    println!("## {issue_count} issues, {articles} articles, {chars} characters");
    println!("build_index: {:.0} ms", build.as_secs_f64() * 1000.0);
    println!(
        "index: {} files ({} hashed shards, {} own shards), {} raw, {} gzip",
        files.len(),
        manifest
            .segments
            .iter()
            .map(|s| s.hashed_shards)
            .sum::<u32>(),
        manifest
            .segments
            .iter()
            .map(|s| s.own_sizes.len())
            .sum::<usize>(),
        kb(raw_total),
        kb(gz.iter().sum())
    );
    println!(
        "manifest: {} raw, {} gzip",
        kb(files[0].bytes.len()),
        kb(gz[0])
    );
    println!("largest shard: {largest_path} {} raw", kb(largest));

    let decoded: Vec<(&str, Shard, usize)> = files[1..]
        .iter()
        .zip(&gz[1..])
        .map(|(f, &g)| {
            (
                f.path.as_str(),
                Shard::decode(&f.bytes).expect("decodes"),
                g,
            )
        })
        .collect();
    let facts = doc_facts(&archive);
    let map = manifest
        .doc_map_of(&archive)
        .expect("the manifest maps its archive");
    println!("| query | shards | fetched (gzip, with manifest) | hits | warm query |");
    println!("| --- | --- | --- | --- | --- |");
    for text in QUERIES {
        let query = parse_query(text);
        let needed = manifest.shards_for(&query);
        let fetched: Vec<&(&str, Shard, usize)> = decoded
            .iter()
            .filter(|(path, _, _)| needed.iter().any(|n| n == path))
            .collect();
        let bytes = gz[0] + fetched.iter().map(|(_, _, g)| g).sum::<usize>();
        let shards: Vec<(&str, &Shard)> = fetched.iter().map(|(p, s, _)| (*p, s)).collect();
        let mut times = Vec::new();
        let mut hits = 0;
        for _ in 0..21 {
            let started = Instant::now();
            hits = manifest
                .evaluate(&query, &shards, &facts, &map)
                .expect("evaluates")
                .len();
            times.push(started.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "| {text} | {} | {} | {hits} | {:.2} ms |",
            needed.len(),
            kb(bytes),
            times[times.len() / 2]
        );
    }
    println!();
}

fn main() {
    let mut counts = Vec::new();
    let mut layout = ShardLayout::default();
    let mut build_only = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| -> usize {
            let v = args
                .next()
                .unwrap_or_else(|| panic!("{name} needs a number of bytes"));
            v.parse()
                .unwrap_or_else(|_| panic!("{name} needs a number, not {v}"))
        };
        match arg.as_str() {
            "--target" => layout.target_shard_bytes = value("--target"),
            "--own" => layout.own_shard_min_bytes = value("--own"),
            "--build-only" => build_only = true,
            "--max-own" => layout.max_own_keys = value("--max-own"),
            n => counts.push(n.parse().expect("issue counts are whole numbers")),
        }
    }
    if counts.is_empty() {
        counts = vec![535, 5_000];
    }
    println!(
        "layout: target {} bytes, own from {} bytes, at most {} own keys\n",
        layout.target_shard_bytes, layout.own_shard_min_bytes, layout.max_own_keys
    );
    for n in counts {
        measure(n, layout, build_only);
    }
}
