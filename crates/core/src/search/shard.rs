//! The binary shard format, and its decoder that turns damaged bytes into an error, never a
//! panic.
//!
//! ```text
//! shard   = magic "LLSI" · version u8 · tag u32 (little-endian) · id · key-count · entry*
//! id      = kind u8 (0 hashed, 1 own shard of one large key) · number
//! entry   = key · doc-count · doc*            (keys strictly increasing)
//! key     = 1 · char  |  2 · char · char      (code points)
//! doc     = doc-gap · (count                  for a character key
//!                     | count · pos-gap*)     for a pair key: `count` positions
//! ```
//! Every number after the tag is an unsigned LEB128 varint. Doc ids are delta-coded: the first
//! is absolute, each later one is the gap (≥ 1) from the one before; positions within a
//! document likewise. `tag` identifies the build: the manifest carries the same value, so a
//! shard left over from another build is recognised.

use core::fmt;

use super::key::Key;
use super::varint::{self, Reader, VarintError};

/// The first bytes of every shard.
pub(crate) const SHARD_MAGIC: &[u8; 4] = b"LLSI";
/// The shard format version this crate writes and reads.
pub(crate) const SHARD_VERSION: u8 = 1;

/// Which shard a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShardId {
    /// One of the shards keys are spread over by hash.
    Hashed(u32),
    /// The shard of one large posting list (see [`super::Manifest`]), by its number.
    Own(u32),
}

/// A decoded shard: the postings of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    tag: u32,
    id: ShardId,
    entries: Vec<(Key, Postings)>,
}

/// The postings of one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Postings {
    /// For a character pair: each document with the pair and its positions there.
    Positions(PositionLists),
    /// For a single character: each document with the character and how often it occurs.
    Counts(Vec<(u32, u32)>),
}

/// Documents in increasing order, each with its increasing positions: those of `docs[i]` are
/// `positions[ends[i - 1]..ends[i]]` (from 0 for `i = 0`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PositionLists {
    pub(crate) docs: Vec<u32>,
    pub(crate) ends: Vec<u32>,
    pub(crate) positions: Vec<u32>,
}

impl PositionLists {
    /// The positions of the `i`-th listed document.
    pub(crate) fn positions_of(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.positions[start..self.ends[i] as usize]
    }
}

/// Why a shard could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardError {
    /// Byte offset where decoding stopped.
    pub offset: usize,
    /// What was wrong there.
    pub problem: &'static str,
}

impl fmt::Display for ShardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "damaged search shard at byte {}: {}",
            self.offset, self.problem
        )
    }
}

impl std::error::Error for ShardError {}

impl Shard {
    /// Decodes a shard file, checking its structure throughout.
    pub fn decode(bytes: &[u8]) -> Result<Shard, ShardError> {
        Decoder {
            reader: Reader::new(bytes),
        }
        .shard()
    }

    /// Which shard this is.
    pub fn id(&self) -> ShardId {
        self.id
    }

    /// The build tag written in the shard; the manifest's must be the same.
    pub fn tag(&self) -> u32 {
        self.tag
    }

    /// The postings of `key`, if this shard holds it.
    pub(crate) fn postings(&self, key: Key) -> Option<&Postings> {
        self.entries
            .binary_search_by(|(k, _)| k.cmp(&key))
            .ok()
            .map(|i| &self.entries[i].1)
    }
}

struct Decoder<'a> {
    reader: Reader<'a>,
}

impl Decoder<'_> {
    fn fail<T>(&self, problem: &'static str) -> Result<T, ShardError> {
        Err(ShardError {
            offset: self.reader.offset(),
            problem,
        })
    }

    fn varint(&mut self) -> Result<u32, ShardError> {
        let offset = self.reader.offset();
        self.reader.varint().map_err(|e| ShardError {
            offset,
            problem: match e {
                VarintError::Truncated => "the data ends too early",
                VarintError::TooLarge => "a number is too large",
            },
        })
    }

    fn bytes(&mut self, n: usize) -> Result<&[u8], ShardError> {
        let offset = self.reader.offset();
        self.reader.take(n).map_err(|_| ShardError {
            offset,
            problem: "the data ends too early",
        })
    }

    fn char(&mut self) -> Result<char, ShardError> {
        let code = self.varint()?;
        match char::from_u32(code) {
            Some(c) => Ok(c),
            None => self.fail("a key is not a valid character"),
        }
    }

    /// Adds a gap to the previous value (or takes the first value as is), insisting on strictly
    /// increasing results.
    fn next_in_sequence(&mut self, previous: Option<u32>) -> Result<u32, ShardError> {
        let gap = self.varint()?;
        match previous {
            None => Ok(gap),
            Some(_) if gap == 0 => self.fail("a list is not increasing"),
            Some(p) => match p.checked_add(gap) {
                Some(v) => Ok(v),
                None => self.fail("a number is too large"),
            },
        }
    }

    fn shard(mut self) -> Result<Shard, ShardError> {
        if self.bytes(SHARD_MAGIC.len()).ok() != Some(&SHARD_MAGIC[..]) {
            return Err(ShardError {
                offset: 0,
                problem: "not a search shard (wrong magic bytes)",
            });
        }
        if self.bytes(1)?[0] != SHARD_VERSION {
            return self.fail("unsupported shard version");
        }
        let tag_bytes = self.bytes(4)?;
        let tag = u32::from_le_bytes([tag_bytes[0], tag_bytes[1], tag_bytes[2], tag_bytes[3]]);
        let kind = self.bytes(1)?[0];
        let number = self.varint()?;
        let id = match kind {
            0 => ShardId::Hashed(number),
            1 => ShardId::Own(number),
            _ => return self.fail("unknown shard kind"),
        };
        let key_count = self.varint()?;
        let mut entries: Vec<(Key, Postings)> = Vec::new();
        for _ in 0..key_count {
            let key = self.key()?;
            if entries.last().is_some_and(|(last, _)| *last >= key) {
                return self.fail("keys are not in increasing order");
            }
            let postings = self.postings(key)?;
            entries.push((key, postings));
        }
        if !self.reader.is_at_end() {
            return self.fail("unexpected bytes after the last key");
        }
        Ok(Shard { tag, id, entries })
    }

    fn key(&mut self) -> Result<Key, ShardError> {
        match self.bytes(1)?[0] {
            1 => Ok(Key::Char(self.char()?)),
            2 => Ok(Key::Pair(self.char()?, self.char()?)),
            _ => self.fail("unknown key kind"),
        }
    }

    fn postings(&mut self, key: Key) -> Result<Postings, ShardError> {
        let doc_count = self.varint()?;
        let mut doc = None;
        match key {
            Key::Char(_) => {
                let mut counts = Vec::new();
                for _ in 0..doc_count {
                    let d = self.next_in_sequence(doc)?;
                    doc = Some(d);
                    let count = self.varint()?;
                    if count == 0 {
                        return self.fail("a document is listed with no occurrences");
                    }
                    counts.push((d, count));
                }
                Ok(Postings::Counts(counts))
            }
            Key::Pair(..) => {
                let mut lists = PositionLists::default();
                for _ in 0..doc_count {
                    let d = self.next_in_sequence(doc)?;
                    doc = Some(d);
                    let count = self.varint()?;
                    if count == 0 {
                        return self.fail("a document is listed with no occurrences");
                    }
                    let mut position = None;
                    for _ in 0..count {
                        let p = self.next_in_sequence(position)?;
                        position = Some(p);
                        lists.positions.push(p);
                    }
                    lists.docs.push(d);
                    let Ok(end) = u32::try_from(lists.positions.len()) else {
                        return self.fail("too many positions");
                    };
                    lists.ends.push(end);
                }
                Ok(Postings::Positions(lists))
            }
        }
    }
}

/// Writes a shard: `entries` are (key, doc count, posting bytes as described in the module
/// docs), sorted by key.
pub(crate) fn encode(tag: u32, id: ShardId, entries: &[(Key, u32, &[u8])]) -> Vec<u8> {
    let body: usize = entries.iter().map(|(_, _, bytes)| bytes.len() + 16).sum();
    let mut out = Vec::with_capacity(16 + body);
    out.extend_from_slice(SHARD_MAGIC);
    out.push(SHARD_VERSION);
    out.extend_from_slice(&tag.to_le_bytes());
    match id {
        ShardId::Hashed(n) => {
            out.push(0);
            varint::write(&mut out, n);
        }
        ShardId::Own(n) => {
            out.push(1);
            varint::write(&mut out, n);
        }
    }
    varint::write(&mut out, entries.len() as u32);
    for &(key, doc_count, bytes) in entries {
        match key {
            Key::Char(c) => {
                out.push(1);
                varint::write(&mut out, u32::from(c));
            }
            Key::Pair(a, b) => {
                out.push(2);
                varint::write(&mut out, u32::from(a));
                varint::write(&mut out, u32::from(b));
            }
        }
        varint::write(&mut out, doc_count);
        out.extend_from_slice(bytes);
    }
    out
}
