//! The index as segments, carried from one build to the next. A build that knows the last
//! build's index keeps each of its segments whose issues are unchanged, masks the documents
//! of issues removed or changed since, writes one new segment for the issues not indexed yet,
//! and merges segments as [`super::merge`] decides. Kept segments keep their files byte for
//! byte; only the manifest and the new segment's shards are new.

use std::collections::{BTreeMap, HashMap};

use crate::model::{ArchiveIndex, Article, Issue, IssueSummary};

use super::build::{build_segment, ShardLayout};
use super::manifest::{doc_checksum, Manifest, Segment, MASKED, SEARCH_FORMAT_VERSION};
use super::merge::{plan, SegmentSize, Step};
use super::{IndexFile, MANIFEST_PATH};

/// What a build knows of the last build's index.
pub struct PreviousIndex<'a> {
    /// Its manifest.
    pub manifest: &'a Manifest,
    /// The archive index it was built with.
    pub archive: &'a ArchiveIndex,
    /// Whether an issue (by id) is exactly as it was then: its kept documents are only
    /// those of issues for which this is true.
    pub unchanged: &'a dyn Fn(&str) -> bool,
}

/// An index written over the last one.
#[derive(Debug)]
pub struct IndexUpdate {
    /// The manifest at [`MANIFEST_PATH`], then the shards of the segments written now.
    pub files: Vec<IndexFile>,
    /// The shard files of the segments kept from the last build (paths relative to
    /// `index.json`'s directory), to be carried over unchanged.
    pub kept: Vec<String>,
    /// How many segments the index has.
    pub segments: usize,
    /// How many of the last build's segments were merged or written anew.
    pub rewritten: usize,
}

/// A segment of the new index before it is written: kept (with which of its documents are
/// where in the archive now) or yet to be written from issues.
enum Part {
    Kept {
        segment: Segment,
        /// (its document, the archive's document) of each live one, in order.
        live: Vec<(u32, u32)>,
    },
    Fresh {
        /// Positions of its issues in `index.json`.
        issues: Vec<usize>,
    },
}

/// Writes the index for `archive` (its issues in `issues`, any order), carrying over what it
/// can of `previous`; without it (or when it is unusable: another format, another archive
/// than its manifest says) every issue goes into one new segment.
pub fn update_index(
    archive: &ArchiveIndex,
    issues: &[Issue],
    previous: Option<&PreviousIndex>,
    layout: ShardLayout,
) -> IndexUpdate {
    let bodies: BTreeMap<&str, &Article> = issues
        .iter()
        .flat_map(|issue| &issue.articles)
        .map(|article| (article.id.as_str(), article))
        .collect();
    let ids: Vec<&str> = archive.article_ids().collect();
    let issue_of_doc: Vec<usize> = archive
        .issues
        .iter()
        .enumerate()
        .flat_map(|(i, issue)| issue.articles.iter().map(move |_| i))
        .collect();

    let mut parts = previous.map_or_else(Vec::new, |previous| kept_parts(previous, &ids));
    let mut placed = vec![false; archive.issues.len()];
    for part in &parts {
        if let Part::Kept { live, .. } = part {
            for &(_, doc) in live {
                placed[issue_of_doc[doc as usize]] = true;
            }
        }
    }
    let fresh: Vec<usize> = (0..archive.issues.len())
        .filter(|&i| !placed[i] && !archive.issues[i].articles.is_empty())
        .collect();
    if !fresh.is_empty() {
        parts.push(Part::Fresh { issues: fresh });
    }

    let sizes: Vec<SegmentSize> = parts.iter().map(|part| part.size(archive)).collect();
    let mut segments = Vec::new();
    let mut files = Vec::new();
    let mut kept = Vec::new();
    let mut rewritten = 0;
    for step in plan(&sizes) {
        match step {
            Step::Keep(i) => {
                let Part::Kept { segment, live } = &parts[i] else {
                    unreachable!("the policy keeps only written segments");
                };
                let mut segment = segment.clone();
                segment.runs = runs(live.iter().map(|&(_, doc)| doc), &ids);
                segment.masked = masked(segment.doc_count, live);
                kept.extend(segment.shard_paths());
                segments.push(segment);
            }
            Step::Write(members) => {
                let mut issue_positions: Vec<usize> = Vec::new();
                for &i in &members {
                    match &parts[i] {
                        Part::Kept { live, .. } => {
                            rewritten += 1;
                            issue_positions
                                .extend(live.iter().map(|&(_, doc)| issue_of_doc[doc as usize]));
                        }
                        Part::Fresh { issues } => issue_positions.extend(issues),
                    }
                }
                issue_positions.sort_unstable();
                issue_positions.dedup();
                let summaries: Vec<&IssueSummary> = issue_positions
                    .iter()
                    .map(|&i| &archive.issues[i])
                    .collect();
                let built = build_segment(&summaries, &bodies, layout);
                let mut segment = built.segment;
                let first_doc = |issue: usize| issue_of_doc.partition_point(|&i| i < issue);
                let docs = issue_positions.iter().flat_map(|&issue| {
                    let first = first_doc(issue) as u32;
                    first..first + archive.issues[issue].articles.len() as u32
                });
                segment.runs = runs(docs, &ids);
                files.extend(built.shards);
                segments.push(segment);
            }
        }
    }
    let manifest = Manifest {
        version: SEARCH_FORMAT_VERSION,
        doc_count: ids.len() as u32,
        doc_checksum: doc_checksum(ids.iter().copied()),
        segments,
    };
    files.insert(
        0,
        IndexFile {
            path: MANIFEST_PATH.to_owned(),
            bytes: manifest_json(&manifest).into_bytes(),
        },
    );
    IndexUpdate {
        files,
        kept,
        segments: manifest.segments.len(),
        rewritten,
    }
}

impl Part {
    fn size(&self, archive: &ArchiveIndex) -> SegmentSize {
        match self {
            Part::Kept { segment, live } => SegmentSize {
                live: live.len() as u32,
                masked: segment.doc_count - live.len() as u32,
                written: true,
            },
            Part::Fresh { issues } => SegmentSize {
                live: issues
                    .iter()
                    .map(|&i| archive.issues[i].articles.len() as u32)
                    .sum(),
                masked: 0,
                written: false,
            },
        }
    }
}

/// The last build's segments that still hold documents of unchanged issues, with where those
/// are now. None when the last index cannot be read against its own archive.
fn kept_parts(previous: &PreviousIndex, ids_now: &[&str]) -> Vec<Part> {
    let manifest = previous.manifest;
    if manifest.version != SEARCH_FORMAT_VERSION {
        return Vec::new();
    }
    let Some(map) = manifest.doc_map_of(previous.archive) else {
        return Vec::new();
    };
    let now: HashMap<&str, u32> = ids_now
        .iter()
        .enumerate()
        .map(|(i, id)| (*id, i as u32))
        .collect();
    let then: Vec<(&str, &str)> = previous
        .archive
        .issues
        .iter()
        .flat_map(|issue| {
            issue
                .articles
                .iter()
                .map(|article| (issue.id.as_str(), article.id.as_str()))
        })
        .collect();
    let mut parts = Vec::new();
    for (segment, to_archive) in manifest.segments.iter().zip(&map.segments) {
        let live: Vec<(u32, u32)> = to_archive
            .iter()
            .enumerate()
            .filter(|&(_, &doc)| doc != MASKED)
            .filter_map(|(local, &doc)| {
                let (issue, article) = then[doc as usize];
                let at = *now.get(article)?;
                (previous.unchanged)(issue).then_some((local as u32, at))
            })
            .collect();
        // Unchanged issues keep their order, so the documents keep theirs; a segment whose
        // documents would not is left for its issues to be indexed again.
        let in_order = live.windows(2).all(|pair| pair[0].1 < pair[1].1);
        if !live.is_empty() && in_order {
            parts.push(Part::Kept {
                segment: segment.clone(),
                live,
            });
        }
    }
    parts
}

/// The runs of consecutive documents among `docs` (increasing), as the first and last id of
/// each.
fn runs(docs: impl IntoIterator<Item = u32>, ids: &[&str]) -> Vec<String> {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for doc in docs {
        match runs.last_mut() {
            Some((_, last)) if *last + 1 == doc => *last = doc,
            _ => runs.push((doc, doc)),
        }
    }
    runs.into_iter()
        .flat_map(|(first, last)| {
            [
                ids[first as usize].to_owned(),
                ids[last as usize].to_owned(),
            ]
        })
        .collect()
}

/// The ranges of a segment's `doc_count` documents not among `live` (increasing), as first
/// and count of each.
fn masked(doc_count: u32, live: &[(u32, u32)]) -> Vec<u32> {
    let mut masked = Vec::new();
    let mut next = 0;
    for local in live.iter().map(|&(local, _)| local).chain([doc_count]) {
        if local > next {
            masked.extend([next, local - next]);
        }
        next = local + 1;
    }
    masked
}

/// The manifest as JSON. Written by hand because the core crate carries no JSON serialiser into
/// the browser; the reader parses it with serde (the fields match [`Manifest`]'s).
fn manifest_json(m: &Manifest) -> String {
    let segments: Vec<String> = m.segments.iter().map(segment_json).collect();
    format!(
        "{{\"version\":{},\"doc_count\":{},\"doc_checksum\":{},\"segments\":[\n{}\n]}}\n",
        m.version,
        m.doc_count,
        json_string(&m.doc_checksum),
        segments.join(",\n"),
    )
}

fn segment_json(s: &Segment) -> String {
    let runs: Vec<String> = s.runs.iter().map(|id| json_string(id)).collect();
    let masked: Vec<String> = s.masked.iter().map(u32::to_string).collect();
    format!(
        "{{\"tag\":{},\"doc_count\":{},\"runs\":[{}],\"masked\":[{}],\"hashed_shards\":{},\
         \"hashed_shard_bytes\":{},\"own_chars\":{},\"own_pairs\":{},\"own_sizes\":{},\
         \"max_block_chars\":{}}}",
        json_string(&s.tag),
        s.doc_count,
        runs.join(","),
        masked.join(","),
        s.hashed_shards,
        s.hashed_shard_bytes,
        json_string(&s.own_chars),
        json_string(&s.own_pairs),
        json_string(&s.own_sizes),
        s.max_block_chars,
    )
}

fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
