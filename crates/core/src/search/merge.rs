//! When segments merge: a tiered policy, as Lucene's log merge policy. Segments are sorted into
//! levels by their live documents, each level holding [`MERGE_FACTOR`] times larger segments
//! than the one below; when [`MERGE_FACTOR`] segments sit in one level, they become one segment
//! of the level above. A build that adds an issue or two usually writes one small segment and
//! keeps the rest; one build in [`MERGE_FACTOR`] merges the small ones, one in
//! `MERGE_FACTOR²` the merged ones, and so on, so the count of segments grows with the
//! logarithm of the archive. Pure: sizes in, steps out.

/// Segments with fewer live documents than this are in the lowest level; each level above
/// holds segments [`MERGE_FACTOR`] times larger. Range 4 to 100: about two issues' worth, so
/// that one-issue segments are in the lowest level and their merge is in the next.
pub const LOWEST_LEVEL_DOCS: u32 = 8;

/// When this many segments sit in one level, they merge into one. Range 2 to 10: lower keeps
/// fewer segments for a query to read; higher rewrites less at each merge.
pub const MERGE_FACTOR: usize = 4;

/// A segment in which more than this share of documents (in percent) is masked is written
/// anew without them. Range 10 to 50: lower reclaims bytes sooner, at more rewriting.
pub const MAX_MASKED_PERCENT: u32 = 25;

/// A segment the index would have before merging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SegmentSize {
    /// Its documents still in the archive.
    pub live: u32,
    /// Its documents masked.
    pub masked: u32,
    /// Whether it exists already (from the last build), or is yet to be written (new issues).
    pub written: bool,
}

/// What becomes of the segments: in order, each segment of the new index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// This segment (by its index in the sizes given) is kept as it is.
    Keep(usize),
    /// These segments' live documents are written as one new segment.
    Write(Vec<usize>),
}

/// The level of a segment with `live` documents.
pub fn level(live: u32) -> u32 {
    let mut level = 0;
    let mut bound = u64::from(LOWEST_LEVEL_DOCS);
    while u64::from(live) >= bound {
        level += 1;
        bound *= MERGE_FACTOR as u64;
    }
    level
}

/// The steps from `sizes` (oldest first) to the new index's segments.
pub fn plan(sizes: &[SegmentSize]) -> Vec<Step> {
    struct Unit {
        members: Vec<usize>,
        live: u32,
        write: bool,
    }
    let mut units: Vec<Unit> = sizes
        .iter()
        .enumerate()
        .map(|(i, size)| Unit {
            members: vec![i],
            live: size.live,
            write: !size.written
                || u64::from(size.masked) * 100
                    > u64::from(MAX_MASKED_PERCENT) * u64::from(size.live + size.masked),
        })
        .collect();
    loop {
        let full_level = (0..=32)
            .find(|&l| units.iter().filter(|unit| level(unit.live) == l).count() >= MERGE_FACTOR);
        let Some(full) = full_level else { break };
        let at_level: Vec<usize> = (0..units.len())
            .filter(|&i| level(units[i].live) == full)
            .collect();
        let picked = &at_level[at_level.len() - MERGE_FACTOR..];
        let mut merged = Unit {
            members: Vec::new(),
            live: 0,
            write: true,
        };
        for &i in picked.iter().rev() {
            let unit = units.remove(i);
            merged.members.extend(unit.members);
            merged.live += unit.live;
        }
        merged.members.sort_unstable();
        units.insert(picked[0], merged);
    }
    units
        .into_iter()
        .map(|unit| match unit.write {
            true => Step::Write(unit.members),
            false => Step::Keep(unit.members[0]),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(live: u32) -> SegmentSize {
        SegmentSize {
            live,
            masked: 0,
            written: true,
        }
    }

    fn fresh(live: u32) -> SegmentSize {
        SegmentSize {
            live,
            masked: 0,
            written: false,
        }
    }

    #[test]
    fn levels_grow_by_the_merge_factor() {
        assert_eq!(level(0), 0);
        assert_eq!(level(7), 0);
        assert_eq!(level(8), 1);
        assert_eq!(level(31), 1);
        assert_eq!(level(32), 2);
        assert_eq!(level(1_880), 4);
    }

    #[test]
    fn a_new_issue_is_written_and_the_rest_kept() {
        let steps = plan(&[kept(1_880), kept(4), fresh(4)]);
        assert_eq!(steps, [Step::Keep(0), Step::Keep(1), Step::Write(vec![2])]);
    }

    #[test]
    fn the_fourth_small_segment_merges_the_small_ones() {
        let steps = plan(&[kept(1_880), kept(4), kept(3), kept(5), fresh(4)]);
        assert_eq!(steps, [Step::Keep(0), Step::Write(vec![1, 2, 3, 4])]);
    }

    #[test]
    fn merges_cascade_up_the_levels() {
        // Three of level 1 and three of level 0; the new one fills level 0, whose merge
        // (14 documents, level 1) fills level 1.
        let sizes = [
            kept(1_880),
            kept(14),
            kept(20),
            kept(18),
            kept(4),
            kept(3),
            kept(3),
            fresh(4),
        ];
        assert_eq!(
            plan(&sizes),
            [Step::Keep(0), Step::Write(vec![1, 2, 3, 4, 5, 6, 7])]
        );
    }

    #[test]
    fn a_segment_mostly_masked_is_written_anew() {
        let half_gone = SegmentSize {
            live: 10,
            masked: 10,
            written: true,
        };
        let few_gone = SegmentSize {
            live: 1_870,
            masked: 10,
            written: true,
        };
        assert_eq!(
            plan(&[few_gone, half_gone]),
            [Step::Keep(0), Step::Write(vec![1])]
        );
    }
}
