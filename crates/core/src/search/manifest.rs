//! The manifest: the small JSON file the reader fetches first. It says how many documents the
//! index covers (and a checksum of their ids, so a reader can tell it belongs to the
//! `index.json` it came with), how keys map to shards, and how large the shards are, so that
//! a query can pick the cheapest keys to fetch.
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
pub const SEARCH_FORMAT_VERSION: u32 = 1;

/// The search manifest (`search/manifest.json`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`SEARCH_FORMAT_VERSION`] when written by this crate.
    pub version: u32,
    /// How many documents (articles) the index covers; document `i` is the `i`-th article of
    /// `index.json` (issues newest first, articles in printed order).
    pub doc_count: u32,
    /// Checksum of the article ids in document order, 8 hex digits (see [`doc_checksum`]).
    pub doc_checksum: String,
    /// Identifies this build: 8 hex digits, part of every shard's file name and header.
    pub tag: String,
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
    /// The path of a shard file, relative to `index.json`'s directory.
    pub fn shard_path(&self, id: ShardId) -> String {
        match id {
            ShardId::Hashed(n) => format!("search/h{n}-{}.bin", self.tag),
            ShardId::Own(n) => format!("search/k{n}-{}.bin", self.tag),
            ShardId::OwnPositions(n) => format!("search/p{n}-{}.bin", self.tag),
        }
    }

    /// The paths of the shards `query` needs, relative to `index.json`'s directory, sorted,
    /// each once. Empty when the query cannot match anything (nothing required, or a required
    /// term longer than any block).
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

    /// Whether this manifest was built for the archive whose article ids are `ids`, in order.
    pub fn matches_docs<'a>(&self, ids: impl IntoIterator<Item = &'a str> + Clone) -> bool {
        let count = ids.clone().into_iter().count();
        count == self.doc_count as usize && doc_checksum(ids) == self.doc_checksum
    }

    /// Whether this manifest was built for `archive`: the same articles in the same order.
    pub fn matches_archive(&self, archive: &ArchiveIndex) -> bool {
        self.matches_docs(
            archive
                .issues
                .iter()
                .flat_map(|issue| &issue.articles)
                .map(|article| article.id.as_str()),
        )
    }

    /// Every shard file the index should have, relative to `index.json`'s directory, in
    /// shard order: for checking a published index.
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

    pub(crate) fn locator(&self) -> Locator<'_> {
        let own_chars: Vec<char> = self.own_chars.chars().collect();
        let pair_chars: Vec<char> = self.own_pairs.chars().collect();
        Locator {
            manifest: self,
            // A tag that is not hex matches no shard, so every lookup reports a stale shard.
            tag: u32::from_str_radix(&self.tag, 16).ok(),
            own_chars,
            own_pairs: pair_chars.chunks_exact(2).map(|p| (p[0], p[1])).collect(),
        }
    }
}

/// The manifest's key lists, unpacked once per query.
pub(crate) struct Locator<'m> {
    manifest: &'m Manifest,
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
        let max_len = self.manifest.max_block_chars;
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
            None => ShardId::Hashed(key.shard_hash() % self.manifest.hashed_shards.max(1)),
        }
    }

    /// Bytes to fetch for a pair's occurrences (or a character's counts), roughly.
    fn fetch_cost(&self, key: Key) -> u64 {
        match self.own_index(key) {
            Some(n) => {
                let class = self.manifest.own_sizes.as_bytes().get(n as usize).copied();
                let bits = class.map_or(32, |c| c.saturating_sub(b'a').min(32));
                1u64 << bits
            }
            None => u64::from(self.manifest.hashed_shard_bytes.max(1)),
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
