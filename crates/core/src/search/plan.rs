//! Which keys to look up for a term, and whether their positions are needed.
//!
//! A one-character term uses its character's document counts. A two-character term is one
//! pair; its document counts say where it occurs, and its positions are fetched only when the
//! query has other terms to measure closeness against (and the pair's list is not one of the
//! largest: see [`super::Manifest`]). A longer term is verified from pair
//! occurrences: each occurrence carries the character just before it and the two after it, so
//! the pair at offset `o` checks the term's characters `o - 1 ..= o + 3`. The plan picks, among sets of
//! pairs that together check every character, the cheapest to fetch — very frequent pairs
//! (人大, 代表) have the largest lists and are often avoidable: 换届选举 needs only 届选.

use super::key::Key;

/// The keys to look up for one term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TermPlan {
    /// The term's characters.
    pub(crate) chars: Vec<char>,
    /// Each key with its offset in the term, offsets increasing.
    pub(crate) keys: Vec<(u32, Key)>,
    /// Whether the keys' occurrences are needed, not just their documents and counts.
    pub(crate) positions: bool,
}

/// Plans a normalised, non-empty term. `with_positions` asks for positions of a
/// two-character term too (longer terms always need them). `None` when the term is longer
/// than `max_len` characters: it cannot occur within one block.
pub(crate) fn plan_term(
    term: &str,
    max_len: u32,
    with_positions: bool,
    cost: &impl Fn(Key) -> u64,
) -> Option<TermPlan> {
    let chars: Vec<char> = term.chars().collect();
    let n = chars.len();
    if n == 0 || n > max_len as usize {
        return None;
    }
    let (keys, positions) = match n {
        1 => (vec![(0, Key::Char(chars[0]))], false),
        2 => (vec![(0, Key::Pair(chars[0], chars[1]))], with_positions),
        _ => (cheapest_cover(&chars, cost), true),
    };
    Some(TermPlan {
        chars,
        keys,
        positions,
    })
}

/// The first and last character the pair at offset `o` checks in a term of `n` characters.
fn checked(o: usize, n: usize) -> (usize, usize) {
    (o.saturating_sub(1), (o + 3).min(n - 1))
}

/// The cheapest set of pairs whose checked characters cover all `n ≥ 3` characters.
fn cheapest_cover(chars: &[char], cost: &impl Fn(Key) -> u64) -> Vec<(u32, Key)> {
    let n = chars.len();
    let pairs = n - 1;
    let pair = |o: usize| Key::Pair(chars[o], chars[o + 1]);
    // best[o]: the cheapest set whose last pair is at `o` and which checks 0..=last(o) without
    // a hole, with the previous pair of that set.
    let mut best: Vec<Option<(u64, Option<usize>)>> = Vec::with_capacity(pairs);
    for o in 0..pairs {
        let (first, _) = checked(o, n);
        let own = cost(pair(o));
        let entry = if first == 0 {
            Some((own, None))
        } else {
            (o.saturating_sub(5)..o)
                .filter(|&p| checked(p, n).1 + 1 >= first)
                .filter_map(|p| best[p].map(|(c, _)| (c, p)))
                .min()
                .map(|(c, p)| (c.saturating_add(own), Some(p)))
        };
        best.push(entry);
    }
    let last = (0..pairs)
        .filter(|&o| checked(o, n).1 == n - 1)
        .filter_map(|o| best[o].map(|(c, _)| (c, o)))
        .min()
        .map(|(_, o)| o)
        .expect("the last pair alone reaches the end and chains back to the start");
    let mut offsets = vec![last];
    while let Some((_, Some(previous))) = best[*offsets.last().expect("non-empty")] {
        offsets.push(previous);
    }
    offsets.reverse();
    offsets.into_iter().map(|o| (o as u32, pair(o))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Whether the pairs at `offsets` check every character of an `n`-character term.
    fn covers(offsets: &[usize], n: usize) -> bool {
        (0..n).all(|i| {
            offsets.iter().any(|&o| {
                let (first, last) = checked(o, n);
                (first..=last).contains(&i)
            })
        })
    }

    proptest! {
        /// Against every subset of pairs: the plan covers the term, and no cover is cheaper.
        #[test]
        fn the_cover_is_valid_and_cheapest(costs in proptest::collection::vec(1u64..50, 2..11)) {
            let n = costs.len() + 1;
            // Distinct characters, so each offset is its own key with its own cost.
            let chars: Vec<char> = (0..n).map(|i| char::from(b'a' + i as u8)).collect();
            let cost = |key: Key| match key {
                Key::Pair(a, _) => costs[(a as u8 - b'a') as usize],
                Key::Char(_) => unreachable!("covers use pairs"),
            };
            let plan = cheapest_cover(&chars, &cost);
            let offsets: Vec<usize> = plan.iter().map(|&(o, _)| o as usize).collect();
            prop_assert!(covers(&offsets, n), "{:?}", offsets);
            let plan_cost: u64 = offsets.iter().map(|&o| costs[o]).sum();
            let cheapest = (1u32..1 << costs.len())
                .map(|set| (0..costs.len()).filter(|o| set >> o & 1 == 1).collect::<Vec<_>>())
                .filter(|offsets| covers(offsets, n))
                .map(|offsets| offsets.iter().map(|&o| costs[o]).sum::<u64>())
                .min()
                .expect("all pairs cover");
            prop_assert_eq!(plan_cost, cheapest);
        }
    }

    #[test]
    fn one_inner_pair_checks_a_four_character_term() {
        let cost = |key: Key| {
            if key == Key::Pair('届', '选') {
                1
            } else {
                100
            }
        };
        let plan = plan_term("换届选举", 100, false, &cost).unwrap();
        assert_eq!(plan.keys, [(1, Key::Pair('届', '选'))]);
        assert!(plan.positions);
    }

    #[test]
    fn one_pair_checks_a_five_character_term_from_its_second_character() {
        let cost = |key: Key| {
            if key == Key::Pair('表', '工') {
                1
            } else {
                100
            }
        };
        let plan = plan_term("代表工作室", 100, false, &cost).unwrap();
        assert_eq!(plan.keys, [(1, Key::Pair('表', '工'))]);
        // Without it, the first pair reaches only the fourth character: a second is needed.
        let cost = |key: Key| {
            if key == Key::Pair('表', '工') {
                1_000
            } else {
                1
            }
        };
        let plan = plan_term("代表工作室", 100, false, &cost).unwrap();
        assert_eq!(plan.keys.len(), 2, "{:?}", plan.keys);
    }

    #[test]
    fn short_terms_need_positions_only_when_asked() {
        let cost = |_| 1;
        let one = plan_term("人", 100, true, &cost).unwrap();
        assert_eq!(
            (one.keys, one.positions),
            (vec![(0, Key::Char('人'))], false)
        );
        let two = plan_term("人大", 100, false, &cost).unwrap();
        assert!(!two.positions);
        assert!(plan_term("人大", 100, true, &cost).unwrap().positions);
        assert!(plan_term("人大代表", 3, false, &cost).is_none());
    }
}
