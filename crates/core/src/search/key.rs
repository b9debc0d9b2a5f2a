//! Index keys: a character bigram (postings with positions) or a single character (postings
//! with per-document counts, for one-character terms), and the hash that assigns a key to a
//! shard — the same in the publishing tool and the browser, so both agree where a key lives.

use core::cmp::Ordering;

/// One index key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Key {
    /// A normalised character, for one-character terms.
    Char(char),
    /// Two consecutive normalised characters of one block.
    Pair(char, char),
}

/// FNV-1a 32-bit offset basis.
const FNV_OFFSET: u32 = 0x811c_9dc5;
/// FNV-1a 32-bit prime.
const FNV_PRIME: u32 = 0x0100_0193;

/// FNV-1a over bytes: small, stable across platforms and versions, good enough to spread keys.
pub(crate) fn fnv1a(mut hash: u32, bytes: &[u8]) -> u32 {
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(FNV_PRIME);
    }
    hash
}

/// [`fnv1a`] from its offset basis.
pub(crate) fn fnv1a_start(bytes: &[u8]) -> u32 {
    fnv1a(FNV_OFFSET, bytes)
}

impl Key {
    /// The key's hash, which picks its shard among the hashed shards.
    pub(crate) fn shard_hash(self) -> u32 {
        let mut bytes = [0u8; 9];
        let len = match self {
            Key::Char(c) => {
                bytes[0] = 1;
                bytes[1..5].copy_from_slice(&u32::from(c).to_le_bytes());
                5
            }
            Key::Pair(a, b) => {
                bytes[0] = 2;
                bytes[1..5].copy_from_slice(&u32::from(a).to_le_bytes());
                bytes[5..9].copy_from_slice(&u32::from(b).to_le_bytes());
                9
            }
        };
        fnv1a_start(&bytes[..len])
    }

    /// A total order used to sort keys inside a shard: characters before pairs, then by code
    /// point.
    fn sort_tuple(self) -> (u8, u32, u32) {
        match self {
            Key::Char(c) => (1, u32::from(c), 0),
            Key::Pair(a, b) => (2, u32::from(a), u32::from(b)),
        }
    }
}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_tuple().cmp(&other.sort_tuple())
    }
}

impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
