//! Building the index: every article becomes a document, every block of it (the title first,
//! then paragraphs and sub-headings) is normalised, and each character and each pair of
//! consecutive characters within a block is posted. A pair's occurrence also records the
//! character just before it and the two after it in the block, so that one pair verifies up to
//! five characters of a term (see [`super::plan`]): 代表工作室 is one pair's occurrences.
//!
//! Positions number a document's normalised characters block after block, leaving one unused
//! number between blocks, so that a run of consecutive positions that all hold characters lies
//! within one block.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasherDefault, Hasher};

use crate::model::{ArchiveIndex, Article, Issue, IssueSummary};

use super::key::{fnv1a, fnv1a_start, Key};
use super::manifest::{doc_checksum, Segment};
use super::normalize::fold_char;
use super::shard::{self, EncodedPostings, ShardId};
use super::varint;
use super::IndexFile;
#[cfg(doc)]
use super::MANIFEST_PATH;

/// How postings are cut into shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShardLayout {
    /// At most this many keys get shards of their own, the largest first (see
    /// [`MAX_OWN_KEYS`]).
    pub max_own_keys: usize,
    /// The size, in bytes before compression, that hashed shards aim for (see
    /// [`TARGET_SHARD_BYTES`]).
    pub target_shard_bytes: usize,
    /// Postings of at least this many bytes get a shard of their own (see
    /// [`OWN_SHARD_MIN_BYTES`]).
    pub own_shard_min_bytes: usize,
    /// At most this many hashed shards, whatever their size; a segment's own cap is also
    /// [`MAX_HASHED_SHARDS_PER_ISSUE`] times its issues.
    pub max_hashed_shards: usize,
}

impl Default for ShardLayout {
    fn default() -> Self {
        ShardLayout {
            max_own_keys: MAX_OWN_KEYS,
            target_shard_bytes: TARGET_SHARD_BYTES,
            own_shard_min_bytes: OWN_SHARD_MIN_BYTES,
            max_hashed_shards: usize::MAX,
        }
    }
}

/// The size, in bytes before compression, that hashed shards aim for: the hashed shard count
/// is the total size of keys without a shard of their own divided by this. Range 1 KiB to
/// 64 KiB: smaller shards waste fewer bytes per query but make more files.
pub const TARGET_SHARD_BYTES: usize = 4 * 1024;

/// At most this many keys get shards of their own: the manifest lists each (about 6 bytes, 3
/// after gzip), and the reader fetches the manifest before anything else. Past the cap, the
/// next largest keys go to hashed shards, where they usually sit alone. Range 0 to 4,096.
pub const MAX_OWN_KEYS: usize = 1_024;

/// A key whose postings take at least this many bytes gets shards of its own (its documents
/// and counts alone, and with positions too), so that a query for a frequent pair without
/// positions fetches only its documents, and small keys never share a file with a big one.
/// Range: [`TARGET_SHARD_BYTES`] to 8 times it; lower lists more keys in the manifest.
pub const OWN_SHARD_MIN_BYTES: usize = 8 * 1024;

/// A hashed shard count no larger than this many per issue of the segment: a build that adds
/// one issue then writes at most this many hashed shards for it. Range 1 to 16: fewer means
/// fewer files to upload for a new issue, and more bytes per key a query fetches from a
/// small segment; large segments reach [`TARGET_SHARD_BYTES`] long before the cap.
pub const MAX_HASHED_SHARDS_PER_ISSUE: usize = 4;

/// Builds the whole search index for an archive in one segment: the manifest at
/// [`MANIFEST_PATH`], then the shards. `issues` in any order; documents are the articles in
/// `archive` order (issues newest first, articles in printed order). An article listed in
/// `archive` without its issue among `issues` is indexed by its title alone.
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
    super::segments::update_index(archive, issues, None, layout).files
}

/// A segment built: its entry for the manifest (its runs and masks not yet set) and its
/// shard files.
pub(crate) struct BuiltSegment {
    pub(crate) segment: Segment,
    pub(crate) shards: Vec<IndexFile>,
}

/// Builds a segment over the articles of `issues`, in that order (the order of `index.json`),
/// each with its body from `bodies` when there, else by its title alone.
pub(crate) fn build_segment(
    issues: &[&IssueSummary],
    bodies: &BTreeMap<&str, &Article>,
    layout: ShardLayout,
) -> BuiltSegment {
    let summaries = || issues.iter().flat_map(|issue| &issue.articles);
    let mut postings = Postings::default();
    let mut max_block_chars = 0;
    for (doc, summary) in summaries().enumerate() {
        let body = bodies.get(summary.id.as_str()).map(|a| &a.blocks[..]);
        let blocks = std::iter::once(summary.title.as_str())
            .chain(body.unwrap_or_default().iter().map(|b| b.text.as_str()));
        let mut position = 0u32;
        let mut chars: Vec<char> = Vec::new();
        for block in blocks {
            chars.clear();
            chars.extend(block.chars().filter_map(fold_char));
            max_block_chars = max_block_chars.max(chars.len() as u32);
            for (i, &c) in chars.iter().enumerate() {
                postings.add_char(c);
                if let Some(&next) = chars.get(i + 1) {
                    let left = i.checked_sub(1).map(|j| chars[j]);
                    let right = [chars.get(i + 2).copied(), chars.get(i + 3).copied()];
                    postings.add_pair((c, next), position, left, right);
                }
                position += 1;
            }
            position += 1; // the unused number between blocks
        }
        postings.finish_doc(doc as u32);
    }

    let doc_count = summaries().count() as u32;
    let checksum = doc_checksum(summaries().map(|a| a.id.as_str()));
    let layout = ShardLayout {
        max_hashed_shards: layout
            .max_hashed_shards
            .min(issues.len().max(1) * MAX_HASHED_SHARDS_PER_ISSUE),
        ..layout
    };
    write_segment(
        postings.into_sorted(),
        layout,
        doc_count,
        &checksum,
        max_block_chars,
    )
}

/// Lays the sorted postings out in shards, and describes them for the manifest.
fn write_segment(
    entries: Vec<Entry>,
    layout: ShardLayout,
    doc_count: u32,
    doc_checksum: &str,
    max_block_chars: u32,
) -> BuiltSegment {
    let size = |e: &Entry| e.docs.len() + e.positions.len();
    let mut by_size: Vec<usize> = entries.iter().map(size).collect();
    by_size.sort_unstable_by(|a, b| b.cmp(a));
    // Ties at the cap all go to hashed shards, so that the choice does not depend on order.
    let own_min = match by_size.get(layout.max_own_keys) {
        Some(&first_left_out) => layout.own_shard_min_bytes.max(first_left_out + 1),
        None => layout.own_shard_min_bytes,
    };
    let (own, hashed): (Vec<&Entry>, Vec<&Entry>) =
        entries.iter().partition(|e| size(e) >= own_min);
    let hashed_total: usize = hashed.iter().map(|e| size(e) + 8).sum();
    let hashed_shards = hashed_total
        .div_ceil(layout.target_shard_bytes.max(1))
        .min(layout.max_hashed_shards)
        .max(1) as u32;

    let mut tag = fnv1a_start(doc_checksum.as_bytes());
    tag = fnv1a(tag, &hashed_shards.to_le_bytes());
    // The layout is part of the build: the same postings cut differently are another build.
    for e in &entries {
        tag = fnv1a(tag, &e.key.shard_hash().to_le_bytes());
        tag = fnv1a(tag, &[u8::from(size(e) >= own_min)]);
        tag = fnv1a(tag, &e.docs);
        tag = fnv1a(tag, &e.positions);
    }

    let mut groups: Vec<Vec<EncodedPostings>> = (0..hashed_shards).map(|_| Vec::new()).collect();
    for e in &hashed {
        groups[(e.key.shard_hash() % hashed_shards) as usize].push(e.encoded(true));
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
        let n = n as u32;
        let docs = shard::encode(tag, ShardId::Own(n), &[e.encoded(false)]);
        let fetched = match e.key {
            Key::Char(c) => {
                own_chars.push(c);
                docs.len()
            }
            Key::Pair(a, b) => {
                own_pairs.push(a);
                own_pairs.push(b);
                let id = ShardId::OwnPositions(n);
                let with_positions = shard::encode(tag, id, &[e.encoded(true)]);
                let len = with_positions.len();
                shards.push((id, with_positions));
                len
            }
        };
        own_sizes.push(size_class(fetched));
        shards.push((ShardId::Own(n), docs));
    }
    shards.sort_by_key(|(id, _)| *id);

    let hashed_bytes: usize = shards
        .iter()
        .filter(|(id, _)| matches!(id, ShardId::Hashed(_)))
        .map(|(_, b)| b.len())
        .sum();
    let segment = Segment {
        tag: format!("{tag:08x}"),
        doc_count,
        runs: Vec::new(),
        masked: Vec::new(),
        hashed_shards,
        hashed_shard_bytes: (hashed_bytes / hashed_shards as usize) as u32,
        own_chars,
        own_pairs,
        own_sizes,
        max_block_chars,
    };
    let shards = shards
        .into_iter()
        .map(|(id, bytes)| IndexFile {
            path: segment.shard_path(id),
            bytes,
        })
        .collect();
    BuiltSegment { segment, shards }
}

/// The letter for "at most 2^k bytes" (see [`Manifest::own_sizes`]).
fn size_class(len: usize) -> char {
    let bits = usize::BITS - len.saturating_sub(1).leading_zeros();
    char::from(b'a' + bits.min(25) as u8)
}

/// One key's postings, encoded as in the shard format as they are collected.
struct Entry {
    key: Key,
    doc_count: u32,
    /// `(doc-gap · count)*`.
    docs: Vec<u8>,
    /// Occurrences so far, `(pos-gap · neighbours index)*`, until [`Entry::finish`] puts the
    /// neighbours list in front.
    positions: Vec<u8>,
    /// The neighbours seen around the pair (the character before it and the two after it),
    /// in order of first appearance, as code point + 1 (0: none).
    neighbours: Vec<[u32; 3]>,
    last_doc: Option<u32>,
    /// Occurrences in the current document.
    pending: u32,
    last_position: Option<u32>,
}

impl Entry {
    fn new(key: Key) -> Self {
        Entry {
            key,
            doc_count: 0,
            docs: Vec::new(),
            positions: Vec::new(),
            neighbours: Vec::new(),
            last_doc: None,
            pending: 0,
            last_position: None,
        }
    }

    /// The entry for a shard, with positions (pairs only) or without.
    fn encoded(&self, with_positions: bool) -> EncodedPostings<'_> {
        EncodedPostings {
            key: self.key,
            doc_count: self.doc_count,
            docs: &self.docs,
            positions: (with_positions && matches!(self.key, Key::Pair(..)))
                .then_some(&self.positions[..]),
        }
    }

    /// Prepends the neighbours list to the occurrences, completing the positions section.
    fn finish(&mut self) {
        if let Key::Pair(..) = self.key {
            let mut head = Vec::new();
            varint::write(&mut head, self.neighbours.len() as u32);
            for around in &self.neighbours {
                for &code in around {
                    varint::write(&mut head, code);
                }
            }
            head.extend_from_slice(&self.positions);
            self.positions = head;
        }
    }
}

/// Postings being collected, encoded as they come: documents arrive in order, so each key's
/// list is appended to as the document is read and closed when it is finished.
#[derive(Default)]
struct Postings {
    /// Entry of each character of the Basic Multilingual Plane, by code point (0: none yet,
    /// else 1 + the entry's index): nearly every character of the archive, without hashing.
    bmp: Vec<u32>,
    index: HashMap<u64, u32, BuildHasherDefault<MixHasher>>,
    /// (entry, neighbours) → index in that entry's neighbours list.
    neighbours: HashMap<(u32, [u32; 3]), u32, BuildHasherDefault<MixHasher>>,
    entries: Vec<Entry>,
    touched: Vec<u32>,
}

impl Postings {
    #[inline]
    fn entry(&mut self, packed: u64, key: Key) -> usize {
        let next = self.entries.len() as u32;
        let i = match key {
            Key::Char(c) if u32::from(c) < 0x1_0000 => {
                if self.bmp.is_empty() {
                    self.bmp = vec![0; 0x1_0000];
                }
                let slot = &mut self.bmp[u32::from(c) as usize];
                if *slot == 0 {
                    *slot = next + 1;
                }
                (*slot - 1) as usize
            }
            _ => *self.index.entry(packed).or_insert(next) as usize,
        };
        if i == self.entries.len() {
            self.entries.push(Entry::new(key));
        }
        if self.entries[i].pending == 0 {
            self.touched.push(i as u32);
        }
        self.entries[i].pending += 1;
        i
    }

    #[inline]
    fn add_char(&mut self, c: char) {
        self.entry(u64::from(u32::from(c)), Key::Char(c));
    }

    #[inline]
    fn add_pair(
        &mut self,
        (a, b): (char, char),
        position: u32,
        left: Option<char>,
        right: [Option<char>; 2],
    ) {
        let packed = (1 << 42) | (u64::from(u32::from(a)) << 21) | u64::from(u32::from(b));
        let i = self.entry(packed, Key::Pair(a, b));
        let code = |c: Option<char>| c.map_or(0, |c| u32::from(c) + 1);
        let around = [code(left), code(right[0]), code(right[1])];
        let entry = &mut self.entries[i];
        let next = entry.neighbours.len() as u32;
        let index = *self.neighbours.entry((i as u32, around)).or_insert(next);
        if index == next {
            entry.neighbours.push(around);
        }
        let gap = entry.last_position.map_or(position, |last| position - last);
        entry.last_position = Some(position);
        varint::write(&mut entry.positions, gap);
        varint::write(&mut entry.positions, index);
    }

    fn finish_doc(&mut self, doc: u32) {
        for &i in &self.touched {
            let entry = &mut self.entries[i as usize];
            let gap = entry.last_doc.map_or(doc, |last| doc - last);
            varint::write(&mut entry.docs, gap);
            varint::write(&mut entry.docs, entry.pending);
            entry.pending = 0;
            entry.last_position = None;
            entry.last_doc = Some(doc);
            entry.doc_count += 1;
        }
        self.touched.clear();
    }

    fn into_sorted(mut self) -> Vec<Entry> {
        for entry in &mut self.entries {
            entry.finish();
        }
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
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    #[inline]
    fn write_u32(&mut self, value: u32) {
        self.write_u64(u64::from(value));
    }

    #[inline]
    fn write_u64(&mut self, value: u64) {
        self.0 = (self.0.rotate_left(5) ^ value).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}
