//! Building the index: every article becomes a document, every block of it (the title first,
//! then paragraphs and sub-headings) is normalised, and each character and each pair of
//! consecutive characters within a block is posted.
//!
//! Positions number a document's normalised characters block after block, leaving one unused
//! number between blocks. No pair spans a block boundary, and because of the unused number no
//! two pairs at consecutive or next-but-one positions can come from different blocks — which is
//! what lets a term be verified from a cover of its pairs (see [`super::plan`]).

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{ArchiveIndex, Article, Issue};

use super::key::{fnv1a, fnv1a_start, Key};
use super::manifest::{doc_checksum, Manifest, SEARCH_FORMAT_VERSION};
use super::normalize::normalize;
use super::shard::{self, ShardId};
use super::varint;
use super::{IndexFile, MANIFEST_PATH};

/// How postings are cut into shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardLayout {
    /// The size, in bytes before compression, that hashed shards aim for (see
    /// [`TARGET_SHARD_BYTES`]).
    pub target_shard_bytes: usize,
    /// Postings of at least this many bytes get a shard of their own (see
    /// [`OWN_SHARD_MIN_BYTES`]).
    pub own_shard_min_bytes: usize,
}

impl Default for ShardLayout {
    fn default() -> Self {
        ShardLayout {
            target_shard_bytes: TARGET_SHARD_BYTES,
            own_shard_min_bytes: OWN_SHARD_MIN_BYTES,
        }
    }
}

/// The size, in bytes before compression, that hashed shards aim for: the hashed shard count
/// is the total size of keys without a shard of their own divided by this. Range 1 KiB to
/// 64 KiB: smaller shards waste fewer bytes per query but make more files.
pub const TARGET_SHARD_BYTES: usize = 4 * 1024;

/// A key whose postings take at least this many bytes gets a shard of its own, so that the
/// many small keys never share a file with a big one and a query's cost is what its keys
/// weigh. Range: a quarter of [`TARGET_SHARD_BYTES`] up to all of it; lower lists more keys in
/// the manifest.
pub const OWN_SHARD_MIN_BYTES: usize = 2 * 1024;

/// Builds the whole search index for an archive: the manifest at [`MANIFEST_PATH`], then the
/// shards. `issues` in any order; documents are the articles in `archive` order (issues newest
/// first, articles in printed order). An article listed in `archive` without its issue among
/// `issues` is indexed by its title alone.
pub fn build_index(archive: &ArchiveIndex, issues: &[Issue]) -> Vec<IndexFile> {
    build_index_with(archive, issues, ShardLayout::default())
}

/// [`build_index`] with another shard layout: for measuring layouts, and for testing many
/// shards on a small archive.
pub fn build_index_with(
    archive: &ArchiveIndex,
    issues: &[Issue],
    layout: ShardLayout,
) -> Vec<IndexFile> {
    let articles: BTreeMap<&str, &Article> = issues
        .iter()
        .flat_map(|issue| &issue.articles)
        .map(|article| (article.id.as_str(), article))
        .collect();
    let summaries = || archive.issues.iter().flat_map(|issue| &issue.articles);

    let mut postings = Postings::default();
    let mut max_block_chars = 0;
    for (doc, summary) in summaries().enumerate() {
        let body = articles.get(summary.id.as_str()).map(|a| &a.blocks[..]);
        let blocks = std::iter::once(summary.title.as_str())
            .chain(body.unwrap_or_default().iter().map(|b| b.text.as_str()));
        let mut position = 0u32;
        for block in blocks {
            let chars: Vec<char> = normalize(block).chars().collect();
            max_block_chars = max_block_chars.max(chars.len() as u32);
            for (i, &c) in chars.iter().enumerate() {
                postings.add(Key::Char(c), position);
                if let Some(&next) = chars.get(i + 1) {
                    postings.add(Key::Pair(c, next), position);
                }
                position += 1;
            }
            position += 1; // the unused number between blocks
        }
        postings.finish_doc(doc as u32);
    }

    let doc_count = summaries().count() as u32;
    let checksum = doc_checksum(summaries().map(|a| a.id.as_str()));
    write_index(
        postings.into_sorted(),
        layout,
        doc_count,
        checksum,
        max_block_chars,
    )
}

/// Lays the sorted postings out in shards and writes them with their manifest.
fn write_index(
    entries: Vec<Entry>,
    layout: ShardLayout,
    doc_count: u32,
    doc_checksum: String,
    max_block_chars: u32,
) -> Vec<IndexFile> {
    let (own, hashed): (Vec<&Entry>, Vec<&Entry>) = entries
        .iter()
        .partition(|e| e.bytes.len() >= layout.own_shard_min_bytes);
    let hashed_total: usize = hashed.iter().map(|e| e.bytes.len() + 8).sum();
    let hashed_shards = hashed_total
        .div_ceil(layout.target_shard_bytes.max(1))
        .max(1) as u32;

    let mut tag = fnv1a_start(doc_checksum.as_bytes());
    tag = fnv1a(tag, &hashed_shards.to_le_bytes());
    for e in &entries {
        tag = fnv1a(tag, &e.key.shard_hash().to_le_bytes());
        tag = fnv1a(tag, &e.bytes);
    }

    let mut groups: Vec<Vec<(Key, u32, &[u8])>> = vec![Vec::new(); hashed_shards as usize];
    for e in &hashed {
        groups[(e.key.shard_hash() % hashed_shards) as usize].push((e.key, e.doc_count, &e.bytes));
    }
    let mut shards: Vec<(ShardId, Vec<u8>)> = groups
        .iter()
        .enumerate()
        .map(|(n, group)| {
            let id = ShardId::Hashed(n as u32);
            (id, shard::encode(tag, id, group))
        })
        .collect();
    let mut own_chars = String::new();
    let mut own_pairs = String::new();
    let mut own_sizes = String::new();
    for (n, e) in own.iter().enumerate() {
        let id = ShardId::Own(n as u32);
        let bytes = shard::encode(tag, id, &[(e.key, e.doc_count, &e.bytes)]);
        match e.key {
            Key::Char(c) => own_chars.push(c),
            Key::Pair(a, b) => {
                own_pairs.push(a);
                own_pairs.push(b);
            }
        }
        own_sizes.push(size_class(bytes.len()));
        shards.push((id, bytes));
    }

    let manifest = Manifest {
        version: SEARCH_FORMAT_VERSION,
        doc_count,
        doc_checksum,
        tag: format!("{tag:08x}"),
        hashed_shards,
        hashed_shard_bytes: shards
            .iter()
            .filter(|(id, _)| matches!(id, ShardId::Hashed(_)))
            .map(|(_, b)| b.len() as u32)
            .max()
            .unwrap_or(0),
        own_chars,
        own_pairs,
        own_sizes,
        max_block_chars,
    };
    let mut files = vec![IndexFile {
        path: MANIFEST_PATH.to_owned(),
        bytes: manifest_json(&manifest).into_bytes(),
    }];
    files.extend(shards.into_iter().map(|(id, bytes)| IndexFile {
        path: manifest.shard_path(id),
        bytes,
    }));
    files
}

/// The letter for "at most 2^k bytes" (see [`Manifest::own_sizes`]).
fn size_class(len: usize) -> char {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    char::from(b'a' + bits.min(25) as u8)
}

/// The manifest as JSON. Written by hand because the core crate carries no JSON serialiser into
/// the browser; the reader parses it with serde (the fields match [`Manifest`]'s).
fn manifest_json(m: &Manifest) -> String {
    format!(
        "{{\"version\":{},\"doc_count\":{},\"doc_checksum\":{},\"tag\":{},\"hashed_shards\":{},\
         \"hashed_shard_bytes\":{},\"own_chars\":{},\"own_pairs\":{},\"own_sizes\":{},\
         \"max_block_chars\":{}}}\n",
        m.version,
        m.doc_count,
        json_string(&m.doc_checksum),
        json_string(&m.tag),
        m.hashed_shards,
        m.hashed_shard_bytes,
        json_string(&m.own_chars),
        json_string(&m.own_pairs),
        json_string(&m.own_sizes),
        m.max_block_chars,
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One key's postings, encoded as in the shard format (after the doc count).
struct Entry {
    key: Key,
    doc_count: u32,
    bytes: Vec<u8>,
    last_doc: Option<u32>,
    pending: Vec<u32>,
}

/// Postings being collected, encoded as they come: documents arrive in order, so each key's
/// list is appended to when a document is finished.
#[derive(Default)]
struct Postings {
    index: HashMap<u64, u32, BuildHasherDefault<MixHasher>>,
    entries: Vec<Entry>,
    touched: Vec<u32>,
}

impl Postings {
    fn add(&mut self, key: Key, position: u32) {
        let packed = match key {
            Key::Char(c) => u64::from(u32::from(c)),
            Key::Pair(a, b) => {
                (1 << 42) | (u64::from(u32::from(a)) << 21) | u64::from(u32::from(b))
            }
        };
        let next = self.entries.len() as u32;
        let i = *self.index.entry(packed).or_insert(next) as usize;
        if i == self.entries.len() {
            self.entries.push(Entry {
                key,
                doc_count: 0,
                bytes: Vec::new(),
                last_doc: None,
                pending: Vec::new(),
            });
        }
        let entry = &mut self.entries[i];
        if entry.pending.is_empty() {
            self.touched.push(i as u32);
        }
        entry.pending.push(position);
    }

    fn finish_doc(&mut self, doc: u32) {
        for &i in &self.touched {
            let entry = &mut self.entries[i as usize];
            let gap = entry.last_doc.map_or(doc, |last| doc - last);
            varint::write(&mut entry.bytes, gap);
            varint::write(&mut entry.bytes, entry.pending.len() as u32);
            if let Key::Pair(..) = entry.key {
                let mut previous = None;
                for &p in &entry.pending {
                    varint::write(&mut entry.bytes, previous.map_or(p, |q| p - q));
                    previous = Some(p);
                }
            }
            entry.pending.clear();
            entry.last_doc = Some(doc);
            entry.doc_count += 1;
        }
        self.touched.clear();
    }

    fn into_sorted(mut self) -> Vec<Entry> {
        self.entries.sort_unstable_by_key(|e| e.key);
        self.entries
    }
}

/// A fast multiplicative hasher for packed keys; the build's hot loop is one lookup per
/// character and per pair, where the standard library's DoS-resistant hasher is needlessly
/// slow. Inputs are the publisher's own text.
#[derive(Default)]
struct MixHasher(u64);

impl Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
