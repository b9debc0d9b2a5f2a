//! The binary shard format, and its decoder that turns damaged bytes into an error, never a
//! panic.
//!
//! ```text
//! shard    = magic "LLSI" · version u8 · tag u32 (little-endian) · id · key-count · entry*
//! id       = kind u8 (0 hashed, 1 own, 2 own with positions) · number
//! entry    = key · doc-count · (doc-gap · count)* · has-positions u8 · [positions]
//! key      = 1 · char  |  2 · char · char           (code points; keys strictly increasing)
//! positions = neighbours · (pos-gap · index)*   (per document, `count` occurrences,
//!             documents in order)
//! neighbours = length · (left · right · second-right)*
//! ```
//! Every number after the tag is an unsigned LEB128 varint. Doc ids are delta-coded: the first
//! is absolute, each later one is the gap (≥ 1) from the one before; positions within a
//! document likewise. Each occurrence names, by its index in the key's `neighbours` list, the
//! character just before the pair in its block and the two just after it, each written as code
//! point + 1, or 0 for none (the block starts or ends there). Only pairs have positions. `tag`
//! identifies the build: the manifest carries the same value, so a shard left over from another
//! build is recognised. Version 2 added the second character after the pair.

use core::fmt;

use super::key::Key;
use super::varint::{self, Reader, VarintError};

/// The first bytes of every shard.
pub(crate) const SHARD_MAGIC: &[u8; 4] = b"LLSI";
/// The shard format version this crate writes and reads.
pub(crate) const SHARD_VERSION: u8 = 2;

/// Which shard a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ShardId {
    /// One of the shards keys are spread over by hash, with positions for pairs.
    Hashed(u32),
    /// The documents and counts of one large key (see [`super::Manifest`]), by its number.
    Own(u32),
    /// The same key with its positions too.
    OwnPositions(u32),
}

/// A decoded shard: the postings of its keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    tag: u32,
    id: ShardId,
    entries: Vec<(Key, Postings)>,
}

/// The code point stored for "no character": the pair is at the edge of its block.
pub(crate) const NO_CHAR: u32 = u32::MAX;

/// The postings of one key: documents in increasing order with the key's occurrence count in
/// each, and for pairs (when the shard carries them) the occurrences themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Postings {
    pub(crate) docs: Vec<u32>,
    pub(crate) counts: Vec<u32>,
    pub(crate) occurrences: Option<Occurrences>,
}

/// Every occurrence of a pair, document after document: its position, and the characters
/// around it (code points, [`NO_CHAR`] at a block edge). Those of the `i`-th listed document
/// are at indexes `ends[i - 1]..ends[i]` (from 0 for `i = 0`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Occurrences {
    pub(crate) ends: Vec<u32>,
    pub(crate) positions: Vec<u32>,
    /// The character before the pair and the two after it.
    pub(crate) around: Vec<[u32; 3]>,
}

impl Occurrences {
    /// The index range of the `i`-th listed document's occurrences.
    pub(crate) fn range_of(&self, i: usize) -> core::ops::Range<usize> {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        start..self.ends[i] as usize
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

    /// Every key with its postings, in key order.
    pub(crate) fn entries(&self) -> &[(Key, Postings)] {
        &self.entries
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
            2 => ShardId::OwnPositions(number),
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
        let mut postings = Postings::default();
        let mut doc = None;
        let mut total: u32 = 0;
        for _ in 0..doc_count {
            let d = self.next_in_sequence(doc)?;
            doc = Some(d);
            let count = self.varint()?;
            if count == 0 {
                return self.fail("a document is listed with no occurrences");
            }
            total = match total.checked_add(count) {
                Some(t) => t,
                None => return self.fail("too many occurrences"),
            };
            postings.docs.push(d);
            postings.counts.push(count);
        }
        match (self.bytes(1)?[0], key) {
            (0, _) => {}
            (1, Key::Pair(..)) => postings.occurrences = Some(self.occurrences(&postings.counts)?),
            (1, Key::Char(_)) => return self.fail("a single character has positions"),
            _ => return self.fail("unknown positions flag"),
        }
        Ok(postings)
    }

    /// The neighbours list: each entry's code points (the character before the pair, and the
    /// two after it), [`NO_CHAR`] for none.
    fn neighbours(&mut self) -> Result<Vec<[u32; 3]>, ShardError> {
        let len = self.varint()?;
        let mut neighbours = Vec::new();
        for _ in 0..len {
            neighbours.push([self.neighbour()?, self.neighbour()?, self.neighbour()?]);
        }
        Ok(neighbours)
    }

    fn neighbour(&mut self) -> Result<u32, ShardError> {
        match self.varint()? {
            0 => Ok(NO_CHAR),
            code => match char::from_u32(code - 1) {
                Some(c) => Ok(u32::from(c)),
                None => self.fail("a neighbouring character is not a valid character"),
            },
        }
    }

    fn occurrences(&mut self, counts: &[u32]) -> Result<Occurrences, ShardError> {
        let neighbours = self.neighbours()?;
        let mut occurrences = Occurrences::default();
        for &count in counts {
            let mut position = None;
            for _ in 0..count {
                let p = self.next_in_sequence(position)?;
                position = Some(p);
                let index = self.varint()?;
                let Some(&around) = neighbours.get(index as usize) else {
                    return self.fail("an occurrence's neighbours are not in the list");
                };
                occurrences.positions.push(p);
                occurrences.around.push(around);
            }
            occurrences.ends.push(occurrences.positions.len() as u32);
        }
        Ok(occurrences)
    }
}

/// One key's postings, encoded (see the module docs) but for the key itself.
pub(crate) struct EncodedPostings<'a> {
    pub(crate) key: Key,
    pub(crate) doc_count: u32,
    /// `(doc-gap · count)*`.
    pub(crate) docs: &'a [u8],
    /// `neighbours · occurrence*`, when written.
    pub(crate) positions: Option<&'a [u8]>,
}

/// Writes a shard; `entries` sorted by key.
pub(crate) fn encode(tag: u32, id: ShardId, entries: &[EncodedPostings]) -> Vec<u8> {
    let body: usize = entries
        .iter()
        .map(|e| e.docs.len() + e.positions.map_or(0, <[u8]>::len) + 16)
        .sum();
    let mut out = Vec::with_capacity(16 + body);
    out.extend_from_slice(SHARD_MAGIC);
    out.push(SHARD_VERSION);
    out.extend_from_slice(&tag.to_le_bytes());
    let (kind, number) = match id {
        ShardId::Hashed(n) => (0, n),
        ShardId::Own(n) => (1, n),
        ShardId::OwnPositions(n) => (2, n),
    };
    out.push(kind);
    varint::write(&mut out, number);
    varint::write(&mut out, entries.len() as u32);
    for e in entries {
        match e.key {
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
        varint::write(&mut out, e.doc_count);
        out.extend_from_slice(e.docs);
        match e.positions {
            Some(positions) => {
                out.push(1);
                out.extend_from_slice(positions);
            }
            None => out.push(0),
        }
    }
    out
}
