//! The manifest: the small JSON file the reader fetches first. It says how many documents the
//! index covers (and a checksum of their ids, so a reader can tell it belongs to the
//! `index.json` it came with) and lists the index's segments.
//!
//! A segment is an index of its own over some of the documents, written once and never
//! changed: a build that adds issues writes a new segment beside the old ones (see
//! [`super::segments`]). Its documents are numbered from 0 in its own order, which is the
//! order of `index.json`; the manifest maps them to the archive's by runs of article ids, and
//! masks those of issues since removed or replaced. Each segment says how its keys map to its
//! shards and how large they are, so that a query can pick the cheapest keys to fetch.
//!
//! Keys are spread over `hashed_shards` files by [`Key::shard_hash`]; a key whose postings
//! alone are large gets files of its own (its documents and counts; and, for a pair, the same
//! with its occurrences), and only those keys are listed, so the manifest stays small.

use serde::{Deserialize, Serialize};

use crate::model::ArchiveIndex;

use super::key::Key;
use super::plan::{plan_term, TermPlan};
use super::query::Query;
use super::shard::ShardId;

/// The version of the search index format (manifest and shards) this crate writes and reads.
pub const SEARCH_FORMAT_VERSION: u32 = 3;

/// The search manifest (`search/manifest.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`SEARCH_FORMAT_VERSION`] when written by this crate.
    pub version: u32,
    /// How many documents (articles) the index covers: every article of `index.json`, in its
    /// order (issues newest first, articles in printed order).
    pub doc_count: u32,
    /// Checksum of the article ids in document order, 8 hex digits (see [`doc_checksum`]).
    pub doc_checksum: String,
    /// The segments, oldest first; together they hold every document once.
    pub segments: Vec<Segment>,
}

/// One segment of the index: its documents and its shards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Identifies the segment by its content: 8 hex digits, part of each of its shards' file
    /// names and headers.
    pub tag: String,
    /// How many documents the segment indexes, masked ones included.
    pub doc_count: u32,
    /// Where its live documents are in `index.json`: the first and the last article id of
    /// each run of consecutive articles, runs in document order. The segment numbers its
    /// documents in that order, skipping the masked ones.
    pub runs: Vec<String>,
    /// Documents no longer in the archive (their issue was removed, or replaced and indexed
    /// again in a newer segment): the first document and the count of each masked range, in
    /// increasing order.
    pub masked: Vec<u32>,
    /// How many hashed shards there are (at least 1).
    pub hashed_shards: u32,
    /// Average size in bytes of a hashed shard: the cost of fetching a key that has no shard
    /// of its own.
    pub hashed_shard_bytes: u32,
    /// Characters with shards of their own, in code point order. The `i`-th has own shard
    /// number `i`.
    pub own_chars: String,
    /// Character pairs with shards of their own, concatenated, in code point order. The `j`-th
    /// pair has own shard number `own_chars.chars().count() + j`.
    pub own_pairs: String,
    /// Size class of what a query fetches for each own key (for a pair, the shard with
    /// positions), by own shard number: the letter `a + k` means at most 2^k bytes.
    pub own_sizes: String,
    /// The longest block (title, paragraph or sub-heading) in normalised characters: a
    /// longer term cannot match, and needs no shard.
    pub max_block_chars: u32,
}

/// Which archive document each segment's documents are: made once from `index.json` by
/// [`Manifest::doc_map`], and passed to every evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMap {
    /// For each segment, its documents' numbers in the archive ([`MASKED`] for a masked one).
    pub(crate) segments: Vec<Vec<u32>>,
}

/// A segment's document that is no longer in the archive.
pub(crate) const MASKED: u32 = u32::MAX;

/// Checksum of article ids in document order: FNV-1a over the ids, each followed by a
/// newline, as 8 lowercase hex digits.
pub fn doc_checksum<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    let mut hash = super::key::fnv1a_start(&[]);
    for id in ids {
        hash = super::key::fnv1a(hash, id.as_bytes());
        hash = super::key::fnv1a(hash, b"\n");
    }
    format!("{hash:08x}")
}

impl Manifest {
    /// Maps each segment's documents to the archive whose article ids are `ids`, in order;
    /// `None` when the manifest was not built for them (other articles, another order, runs
    /// that name articles it does not have or leave some out).
    pub fn doc_map(&self, ids: &[&str]) -> Option<DocMap> {
        if ids.len() != self.doc_count as usize
            || doc_checksum(ids.iter().copied()) != self.doc_checksum
        {
            return None;
        }
        // Runs are in document order, so each is found by reading on from the one before: one
        // pass over the ids per segment, and no sort or hash map in the WebAssembly.
        let find_from = |from: usize, id: &str| {
            let skipped = ids.get(from..)?.iter().position(|other| *other == id)?;
            Some(from + skipped)
        };
        let mut covered = vec![false; ids.len()];
        let mut segments = Vec::with_capacity(self.segments.len());
        for segment in &self.segments {
            let mut to_archive = vec![MASKED; segment.doc_count as usize];
            let mut masked = segment
                .masked
                .chunks_exact(2)
                .map(|m| (m[0], m[1]))
                .peekable();
            let mut local = 0u32;
            if segment.runs.len() % 2 != 0 || segment.masked.len() % 2 != 0 {
                return None;
            }
            let mut read_to = 0;
            for run in segment.runs.chunks_exact(2) {
                let first = find_from(read_to, &run[0])?;
                let last = find_from(first, &run[1])?;
                read_to = last + 1;
                for doc in first as u32..=last as u32 {
                    while let Some(&(start, count)) = masked.peek() {
                        if start > local {
                            break;
                        }
                        if start < local {
                            return None; // ranges out of order or overlapping
                        }
                        local = local.checked_add(count)?;
                        masked.next();
                    }
                    let slot = to_archive.get_mut(local as usize)?;
                    if std::mem::replace(&mut covered[doc as usize], true) {
                        return None; // in two runs
                    }
                    *slot = doc;
                    local += 1;
                }
            }
            for (start, count) in masked {
                if start < local {
                    return None;
                }
                local = start.checked_add(count)?;
            }
            if local != segment.doc_count {
                return None;
            }
            segments.push(to_archive);
        }
        covered.iter().all(|&c| c).then_some(DocMap { segments })
    }

    /// Maps each segment's documents to `archive`'s (see [`Manifest::doc_map`]).
    pub fn doc_map_of(&self, archive: &ArchiveIndex) -> Option<DocMap> {
        self.doc_map(&archive.article_ids().collect::<Vec<_>>())
    }

    /// The paths of the shards `query` needs, relative to `index.json`'s directory: for
    /// each segment, sorted, each once. Empty when the query cannot match anything.
    pub fn shards_for(&self, query: &Query) -> Vec<String> {
        self.segments
            .iter()
            .flat_map(|segment| segment.shards_for(query))
            .collect()
    }

    /// Every shard file the index should have, relative to `index.json`'s directory, segment
    /// after segment: for checking a published index, and for keeping a segment's files.
    pub fn shard_paths(&self) -> Vec<String> {
        self.segments
            .iter()
            .flat_map(Segment::shard_paths)
            .collect()
    }
}

impl Segment {
    /// The path of one of this segment's shard files, relative to `index.json`'s directory.
    pub fn shard_path(&self, id: ShardId) -> String {
        match id {
            ShardId::Hashed(n) => format!("search/h{n}-{}.bin", self.tag),
            ShardId::Own(n) => format!("search/k{n}-{}.bin", self.tag),
            ShardId::OwnPositions(n) => format!("search/p{n}-{}.bin", self.tag),
        }
    }

    /// The paths of this segment's shards `query` needs, sorted, each once. Empty when the
    /// query cannot match anything here (nothing required, or a required term longer than
    /// any block).
    pub fn shards_for(&self, query: &Query) -> Vec<String> {
        let locator = self.locator();
        let Some((required, excluded)) = locator.plan(query) else {
            return Vec::new();
        };
        // Sorted by insertion: a query names few shards, and the WebAssembly needs no extra
        // sort routine.
        let mut ids: Vec<ShardId> = Vec::new();
        for plan in required.iter().chain(&excluded) {
            for &(_, key) in &plan.keys {
                let id = locator.shard_of(key, plan.positions);
                if let Err(at) = ids.binary_search(&id) {
                    ids.insert(at, id);
                }
            }
        }
        ids.into_iter().map(|id| self.shard_path(id)).collect()
    }

    /// Every shard file of this segment, in shard order.
    pub fn shard_paths(&self) -> Vec<String> {
        let own_chars = self.own_chars.chars().count() as u32;
        let own_keys = own_chars + self.own_pairs.chars().count() as u32 / 2;
        let hashed = (0..self.hashed_shards).map(ShardId::Hashed);
        let own = (0..own_keys).map(ShardId::Own);
        let positions = (own_chars..own_keys).map(ShardId::OwnPositions);
        hashed
            .chain(own)
            .chain(positions)
            .map(|id| self.shard_path(id))
            .collect()
    }

    /// How many of its documents are masked.
    pub fn masked_docs(&self) -> u32 {
        self.masked.chunks_exact(2).map(|m| m[1]).sum()
    }

    pub(crate) fn locator(&self) -> Locator<'_> {
        let own_chars: Vec<char> = self.own_chars.chars().collect();
        let pair_chars: Vec<char> = self.own_pairs.chars().collect();
        Locator {
            segment: self,
            // A tag that is not hex matches no shard, so every lookup reports a stale shard.
            tag: u32::from_str_radix(&self.tag, 16).ok(),
            own_chars,
            own_pairs: pair_chars.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
        }
    }
}

/// The manifest's key lists, unpacked once per query.
pub(crate) struct Locator<'m> {
    segment: &'m Segment,
    /// The build tag as shards carry it.
    pub(crate) tag: Option<u32>,
    own_chars: Vec<char>,
    own_pairs: Vec<(char, char)>,
}

impl Locator<'_> {
    /// The keys to look up for each term: `Some((required plans, excluded plans))`, or `None`
    /// when the query cannot match.
    pub(crate) fn plan(&self, query: &Query) -> Option<(Vec<TermPlan>, Vec<TermPlan>)> {
        if query.is_empty() {
            return None;
        }
        let max_len = self.segment.max_block_chars;
        let cost = |key: Key| self.fetch_cost(key);
        // Positions of a two-character term serve only to rank terms' closeness; they are
        // fetched when there are other terms and the pair is not one of the largest keys,
        // whose positions alone would outweigh the rest of a query.
        let closeness = query.required.len() > 1;
        let cheap_pair = |term: &str| {
            let mut chars = term.chars();
            match (chars.next(), chars.next()) {
                (Some(a), Some(b)) => self.own_index(Key::Pair(a, b)).is_none(),
                _ => false,
            }
        };
        let required = query
            .required
            .iter()
            .map(|t| plan_term(t, max_len, closeness && cheap_pair(t), &cost))
            .collect::<Option<Vec<_>>>()?;
        // An excluded term that cannot occur excludes nothing.
        let excluded = query
            .excluded
            .iter()
            .filter_map(|t| plan_term(t, max_len, false, &cost))
            .collect();
        Some((required, excluded))
    }

    /// The shard to read a key from, with its occurrences or not.
    pub(crate) fn shard_of(&self, key: Key, positions: bool) -> ShardId {
        match self.own_index(key) {
            Some(n) if positions => ShardId::OwnPositions(n),
            Some(n) => ShardId::Own(n),
            None => ShardId::Hashed(key.shard_hash() % self.segment.hashed_shards.max(1)),
        }
    }

    /// Bytes to fetch for a pair's occurrences (or a character's counts), roughly.
    fn fetch_cost(&self, key: Key) -> u64 {
        match self.own_index(key) {
            Some(n) => {
                let class = self.segment.own_sizes.as_bytes().get(n as usize).copied();
                let bits = class.map_or(32, |c| c.saturating_sub(b'a').min(32));
                1u64 << bits
            }
            None => u64::from(self.segment.hashed_shard_bytes.max(1)),
        }
    }

    fn own_index(&self, key: Key) -> Option<u32> {
        match key {
            Key::Char(c) => self.own_chars.binary_search(&c).ok().map(|i| i as u32),
            Key::Pair(a, b) => self
                .own_pairs
                .binary_search(&(a, b))
                .ok()
                .map(|j| (self.own_chars.len() + j) as u32),
        }
    }
}
