//! Validating a published index against its manifest and archive: the segments' runs cover
//! the archive's articles, and every shard the manifest implies is there, decodes, belongs to
//! its segment, holds only keys the manifest sends to it, and lists only documents its segment
//! has.

use core::fmt;

use crate::model::ArchiveIndex;

use super::key::Key;
use super::manifest::{Manifest, Segment, SEARCH_FORMAT_VERSION};
use super::shard::{Shard, ShardId};

/// One thing wrong with a published index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexProblem {
    /// The file concerned, relative to `index.json`'s directory.
    pub path: String,
    /// What is wrong, in words.
    pub problem: String,
}

impl fmt::Display for IndexProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.problem)
    }
}

/// Validates the index described by `manifest` (already parsed from [`super::MANIFEST_PATH`]) for
/// `archive`; `read` returns a file's bytes by its path relative to `index.json`'s directory,
/// or `None` when it is missing. Returns every problem found, none when the index is sound.
pub fn validate_index(
    manifest: &Manifest,
    archive: &ArchiveIndex,
    mut read: impl FnMut(&str) -> Option<Vec<u8>>,
) -> Vec<IndexProblem> {
    let manifest_problem = |problem: String| IndexProblem {
        path: super::MANIFEST_PATH.to_owned(),
        problem,
    };
    if manifest.version != SEARCH_FORMAT_VERSION {
        return vec![manifest_problem(format!(
            "format version {} is not the supported version {SEARCH_FORMAT_VERSION}",
            manifest.version
        ))];
    }
    let mut problems = Vec::new();
    if manifest.doc_map_of(archive).is_none() {
        problems.push(manifest_problem(
            "built for other articles than index.json lists (count, ids or runs differ)".to_owned(),
        ));
    }
    for segment in &manifest.segments {
        validate_segment(segment, &mut read, &mut problems);
    }
    problems
}

/// Checks one segment's shards: each there, decoding, of this segment, holding only keys its
/// entry in the manifest sends to it and only documents it has.
fn validate_segment(
    segment: &Segment,
    read: &mut impl FnMut(&str) -> Option<Vec<u8>>,
    problems: &mut Vec<IndexProblem>,
) {
    let locator = segment.locator();
    for path in segment.shard_paths() {
        let problem = |problem: String| IndexProblem {
            path: path.clone(),
            problem,
        };
        let Some(bytes) = read(&path) else {
            problems.push(problem("missing".to_owned()));
            continue;
        };
        let shard = match Shard::decode(&bytes) {
            Ok(shard) => shard,
            Err(error) => {
                problems.push(problem(error.to_string()));
                continue;
            }
        };
        if locator.tag != Some(shard.tag()) {
            problems.push(problem("belongs to another build of the index".to_owned()));
            continue;
        }
        if segment.shard_path(shard.id()) != path {
            problems.push(problem(format!(
                "holds {} instead",
                segment.shard_path(shard.id())
            )));
            continue;
        }
        let positions = matches!(shard.id(), ShardId::Hashed(_) | ShardId::OwnPositions(_));
        for (key, postings) in shard.entries() {
            if locator.shard_of(*key, positions) != shard.id() {
                problems.push(problem(format!(
                    "holds {}, which belongs elsewhere",
                    describe(*key)
                )));
            }
            if postings
                .docs
                .last()
                .is_some_and(|&doc| doc >= segment.doc_count)
            {
                problems.push(problem(format!(
                    "lists an article beyond the {} of its segment",
                    segment.doc_count
                )));
            }
        }
    }
}

fn describe(key: Key) -> String {
    match key {
        Key::Char(c) => format!("the character {c:?}"),
        Key::Pair(a, b) => format!("the pair {:?}", format!("{a}{b}")),
    }
}
