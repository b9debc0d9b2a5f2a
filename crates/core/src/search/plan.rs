//! Which keys to look up for a term. A one-character term uses its character's counts. A
//! longer term needs pairs whose positions verify every character of it: a set of pairs,
//! taken at offsets within the term, whose characters together cover the whole term. Among
//! such covers this picks the cheapest to fetch; very frequent pairs (人大, 代表) are often
//! avoidable, and their lists are the largest.

use super::key::Key;

/// The keys to look up for one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermPlan {
    /// The term's length in characters.
    pub(crate) len: u32,
    /// Each key with its offset in the term, offsets increasing. For a one-character term,
    /// one [`Key::Char`] at offset 0; otherwise pairs whose offsets start at 0, end at
    /// `len - 2` and step by 1 or 2, so every character is covered.
    pub(crate) keys: Vec<(u32, Key)>,
}

/// Plans a normalised, non-empty term; `None` when it is longer than `max_len` characters (it
/// cannot occur within one block).
pub(crate) fn plan_term(term: &str, max_len: u32, cost: &impl Fn(Key) -> u64) -> Option<TermPlan> {
    let chars: Vec<char> = term.chars().collect();
    let n = chars.len();
    if n == 0 || n > max_len as usize {
        return None;
    }
    if n == 1 {
        return Some(TermPlan {
            len: 1,
            keys: vec![(0, Key::Char(chars[0]))],
        });
    }
    // best[i]: cheapest cover of characters 0..=i+1 whose last pair is at offset i. The pair
    // before it is at i - 1 or i - 2, so that no character is left out.
    let pair_cost: Vec<u64> = chars
        .windows(2)
        .map(|w| cost(Key::Pair(w[0], w[1])))
        .collect();
    let pairs = pair_cost.len();
    let mut best: Vec<(u64, usize)> = Vec::with_capacity(pairs);
    for i in 0..pairs {
        let entry = if i == 0 {
            (pair_cost[0], usize::MAX)
        } else {
            let from_prev = best[i - 1].0;
            let from_skip = if i >= 2 { best[i - 2].0 } else { u64::MAX };
            let (base, prev) = if from_skip < from_prev {
                (from_skip, i - 2)
            } else {
                (from_prev, i - 1)
            };
            (base.saturating_add(pair_cost[i]), prev)
        };
        best.push(entry);
    }
    let mut offsets = Vec::new();
    let mut at = pairs - 1;
    loop {
        offsets.push(at);
        let prev = best[at].1;
        if prev == usize::MAX {
            break;
        }
        at = prev;
    }
    offsets.reverse();
    Some(TermPlan {
        len: n as u32,
        keys: offsets
            .into_iter()
            .map(|o| (o as u32, Key::Pair(chars[o], chars[o + 1])))
            .collect(),
    })
}
