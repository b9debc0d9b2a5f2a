//! Writes the seed corpus of the search and JSON fuzz targets into `fuzz/corpus/`, from the
//! sample index the targets themselves use (`fuzz/sample/index.rs`):
//!
//! ```text
//! cargo run -p lianluo-core --example fuzz_seeds
//! ```
//! - `search_shard/`: every shard file of the index;
//! - `search_evaluate/`: a query, a newline, and a shard without its 9-byte header (magic,
//!   version, build tag), for queries that need that shard;
//! - `search_manifest/`: the index's manifest, and the same with some fields changed;
//! - `search_query/`: queries, plain and with quotes, exclusions and full-width forms;
//! - `validate_json/`: the fixture issues and their archive index as JSON, and the same with
//!   one thing wrong in each (a semantic problem, a wrong type, a syntax error).
//!
//! The text targets' seeds (`parse_issue/`, `decode_text/`) are the fixture texts themselves
//! in each encoding the CLI reads; see `fuzz/README.md`.

#[path = "../../../fuzz/sample/index.rs"]
mod sample;

use std::fs;
use std::path::{Path, PathBuf};

use lianluo_core::search::{parse_query, Manifest};

const QUERIES: [&str; 8] = [
    "代表",
    "人大代表",
    "代表 工作室",
    "\"换届 选举\"",
    "选举 -换届",
    "ＡＢＣ 60%以上",
    "人大 代表 联络",
    "“” -",
];

fn main() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus");
    let (issues, archive, files) = sample::sample_index();
    let manifest: Manifest = serde_json::from_slice(&files[0].bytes).expect("manifest parses");

    let dir = fresh(&corpus, "search_shard");
    for file in &files[1..] {
        write(&dir, file.path.trim_start_matches("search/"), &file.bytes);
    }

    let dir = fresh(&corpus, "search_evaluate");
    for (q, query) in QUERIES.iter().enumerate() {
        for path in manifest.shards_for(&parse_query(query)) {
            let file = files.iter().find(|f| f.path == path).expect("named shard");
            let mut seed = query.as_bytes().to_vec();
            seed.push(b'\n');
            seed.extend_from_slice(&file.bytes[9..]);
            write(
                &dir,
                &format!("q{q}-{}", path.trim_start_matches("search/")),
                &seed,
            );
        }
    }

    let dir = fresh(&corpus, "search_manifest");
    write(&dir, "manifest.json", &files[0].bytes);
    let mut changed = manifest.clone();
    changed.segments[0].hashed_shards = 1;
    changed.segments[0].own_chars.clear();
    write(
        &dir,
        "manifest-fewer-shards.json",
        pretty(&changed).as_bytes(),
    );
    let mut changed = manifest.clone();
    changed.segments[0].own_pairs = "代表人".into();
    changed.segments[0].own_sizes = "z".into();
    changed.segments[0].max_block_chars = 2;
    write(&dir, "manifest-odd-pairs.json", pretty(&changed).as_bytes());
    let mut changed = manifest.clone();
    let runs = changed.segments[0].runs.clone();
    changed.segments[0].runs = vec![runs[0].clone(), runs[0].clone()];
    changed.segments[0].masked = vec![1, changed.segments[0].doc_count - 1];
    write(&dir, "manifest-masked.json", pretty(&changed).as_bytes());

    let dir = fresh(&corpus, "search_query");
    for (q, query) in QUERIES.iter().enumerate() {
        write(&dir, &format!("q{q}.txt"), query.as_bytes());
    }

    let dir = fresh(&corpus, "validate_json");
    let mut issue = serde_json::to_value(&issues[1]).expect("issue serialises");
    write(&dir, "issue.json", pretty(&issue).as_bytes());
    write(&dir, "archive.json", pretty(&archive).as_bytes());
    issue["articles"][0]["title"] = "".into();
    write(&dir, "issue-empty-title.json", pretty(&issue).as_bytes());
    issue["number"] = "四".into();
    write(&dir, "issue-wrong-type.json", pretty(&issue).as_bytes());
    let text = pretty(&archive);
    write(&dir, "archive-cut.json", &text.as_bytes()[..text.len() / 2]);
}

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serialises")
}

/// `corpus/name`, emptied of earlier seeds.
fn fresh(corpus: &Path, name: &str) -> PathBuf {
    let dir = corpus.join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).expect("remove old seeds");
    }
    fs::create_dir_all(&dir).expect("create seed folder");
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    fs::write(dir.join(name), bytes).expect("write seed");
}
