//! Query evaluation over decoded shards: which documents match, and how well.
//!
//! A one- or two-character term matches where its key's document count is non-zero: pairs
//! never span blocks. A longer term matches at position `p` when each pair of its plan (see
//! [`super::plan`]) occurs at `p` plus the pair's offset in the term, with the characters
//! around it that the term has there. Together the pairs check every character of the term at
//! consecutive positions, and the index leaves an unused position between blocks (see
//! [`super::build`]), so the match lies inside one block: what is found is exactly what a scan
//! of each block's normalised text finds.

use core::fmt;

use crate::model::ArchiveIndex;

use super::key::Key;
use super::manifest::{DocMap, Locator, Manifest, Segment, MASKED, SEARCH_FORMAT_VERSION};
use super::normalize::normalize;
use super::plan::TermPlan;
use super::query::Query;
use super::scoring::{rank, score, Hit};
use super::shard::{Occurrences, Postings, Shard, ShardId};

/// What the reader knows about a document from `index.json` alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFacts {
    /// The article's title, normalised.
    pub title: String,
    /// Where the article is in `index.json`: `issues[issue].articles[article]`.
    pub issue: usize,
    /// See `issue`.
    pub article: usize,
}

/// The facts of every document of `archive`, in document order.
pub fn doc_facts(archive: &ArchiveIndex) -> Vec<DocFacts> {
    let mut facts = Vec::new();
    for (i, issue) in archive.issues.iter().enumerate() {
        for (a, article) in issue.articles.iter().enumerate() {
            facts.push(DocFacts {
                title: normalize(&article.title),
                issue: i,
                article: a,
            });
        }
    }
    facts
}

/// Why a query could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
    /// The manifest is in a format version this reader does not know.
    UnsupportedVersion(u32),
    /// The documents passed in are not the ones the index was built for.
    WrongArchive {
        /// Documents in the index.
        indexed: u32,
        /// Documents passed in.
        given: usize,
    },
    /// A shard the query needs was not passed in (its path).
    MissingShard(String),
    /// A shard belongs to another build of the index (its path).
    StaleShard(String),
    /// A shard lists a document the index does not have.
    BadDocument,
    /// A shard lacks the occurrences its name promises (its path).
    NoPositions(String),
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SearchError::UnsupportedVersion(v) => write!(
                f,
                "the search index has format version {v}; this reader reads version \
                 {SEARCH_FORMAT_VERSION}"
            ),
            SearchError::WrongArchive { indexed, given } => write!(
                f,
                "the search index covers {indexed} articles but the archive lists {given}"
            ),
            SearchError::MissingShard(path) => write!(f, "search shard {path} is missing"),
            SearchError::StaleShard(path) => {
                write!(
                    f,
                    "search shard {path} belongs to another build of the index"
                )
            }
            SearchError::NoPositions(path) => {
                write!(f, "search shard {path} lacks the positions it should have")
            }
            SearchError::BadDocument => {
                write!(
                    f,
                    "the search index lists an article the archive does not have"
                )
            }
        }
    }
}

impl std::error::Error for SearchError {}

/// Where a term matches in one document.
struct DocMatch {
    doc: u32,
    /// Occurrences, overlapping ones included (人人 occurs twice in 人人人).
    count: u32,
    /// Start positions, for terms of two or more characters; empty for one character.
    starts: Vec<u32>,
}

impl Manifest {
    /// Evaluates `query`: the matching documents, best first (see [`super::scoring`]).
    /// `shards` must include, by path, every shard [`Manifest::shards_for`] named for this
    /// query (others are ignored); `docs` are the facts of every document ([`doc_facts`]),
    /// and `map` places each segment's documents among them ([`Manifest::doc_map`]).
    pub fn evaluate(
        &self,
        query: &Query,
        shards: &[(&str, &Shard)],
        docs: &[DocFacts],
        map: &DocMap,
    ) -> Result<Vec<Hit>, SearchError> {
        if self.version != SEARCH_FORMAT_VERSION {
            return Err(SearchError::UnsupportedVersion(self.version));
        }
        if docs.len() != self.doc_count as usize || map.segments.len() != self.segments.len() {
            return Err(SearchError::WrongArchive {
                indexed: self.doc_count,
                given: docs.len(),
            });
        }
        let mut hits = Vec::new();
        for (segment, to_archive) in self.segments.iter().zip(&map.segments) {
            segment.collect_hits(query, shards, docs, to_archive, &mut hits)?;
        }
        rank(&mut hits);
        Ok(hits)
    }
}

impl Segment {
    /// Adds to `hits` this segment's matching documents that are still in the archive,
    /// numbered as the archive's (`to_archive`).
    fn collect_hits(
        &self,
        query: &Query,
        shards: &[(&str, &Shard)],
        docs: &[DocFacts],
        to_archive: &[u32],
        hits: &mut Vec<Hit>,
    ) -> Result<(), SearchError> {
        let locator = self.locator();
        let Some((required, excluded)) = locator.plan(query) else {
            return Ok(());
        };
        let lookup = Lookup {
            segment: self,
            locator: &locator,
            shards,
        };

        // The rarest term first, so that the others are only checked in its documents.
        // Insertion keeps the WebAssembly free of another sort routine; queries have few terms.
        let mut order: Vec<(usize, usize)> = Vec::with_capacity(required.len());
        for (i, plan) in required.iter().enumerate() {
            let docs = lookup.rarest_doc_count(plan)?;
            order.insert(order.partition_point(|&(d, _)| d <= docs), (docs, i));
        }

        let mut per_term: Vec<Vec<DocMatch>> = (0..required.len()).map(|_| Vec::new()).collect();
        let mut candidates: Option<Vec<u32>> = None;
        for &(_, i) in &order {
            let found = lookup.term_matches(&required[i], candidates.as_deref())?;
            candidates = Some(found.iter().map(|m| m.doc).collect());
            per_term[i] = found;
        }
        let mut candidates = candidates.unwrap_or_default();
        for plan in &excluded {
            let found = lookup.term_matches(plan, Some(&candidates))?;
            candidates.retain(|d| found.binary_search_by_key(d, |m| m.doc).is_err());
        }

        // Candidates are increasing and in every term's list, so one cursor per list finds
        // each candidate's matches; the buffers are reused from one document to the next.
        let mut cursors = vec![0usize; per_term.len()];
        let mut counts: Vec<u32> = Vec::with_capacity(per_term.len());
        let mut distances: Vec<Option<u32>> = Vec::with_capacity(per_term.len());
        hits.reserve(candidates.len());
        for local in candidates {
            let doc = *to_archive
                .get(local as usize)
                .ok_or(SearchError::BadDocument)?;
            if doc == MASKED {
                continue;
            }
            let facts = docs.get(doc as usize).ok_or(SearchError::BadDocument)?;
            for (cursor, list) in cursors.iter_mut().zip(&per_term) {
                while list[*cursor].doc < local {
                    *cursor += 1;
                }
            }
            let matched = |t: usize| &per_term[t][cursors[t]];
            let title_terms = query
                .required
                .iter()
                .filter(|t| facts.title.contains(t.as_str()))
                .count() as u32;
            counts.clear();
            counts.extend((0..per_term.len()).map(|t| matched(t).count));
            distances.clear();
            distances.extend((1..per_term.len()).map(|t| {
                let len = |plan: &TermPlan| plan.chars.len() as u32;
                let (a, b) = (matched(t - 1), matched(t));
                nearest(
                    &a.starts,
                    len(&required[t - 1]),
                    &b.starts,
                    len(&required[t]),
                )
            }));
            hits.push(Hit {
                doc,
                score: score(title_terms, &counts, &distances),
                matches: counts.iter().sum(),
                title_hit: title_terms > 0,
            });
        }
        Ok(())
    }
}

/// The distance between the nearest occurrences of term A (`starts_a`, `len_a` characters)
/// and term B: the characters between A's end and B's start when B follows A (0 = adjacent),
/// one more than the gap when B comes first, 0 when they overlap. `None` when either has no
/// positions (one-character terms).
fn nearest(starts_a: &[u32], len_a: u32, starts_b: &[u32], len_b: u32) -> Option<u32> {
    let mut best: Option<u32> = None;
    for &a in starts_a {
        let end_a = a.saturating_add(len_a);
        let i = starts_b.partition_point(|&b| b < end_a);
        let after = starts_b.get(i).map(|&b| b - end_a);
        let before = i
            .checked_sub(1)
            .map(|j| starts_b[j])
            .map(|b| a.saturating_add(1).saturating_sub(b.saturating_add(len_b)));
        for d in after.into_iter().chain(before) {
            best = Some(best.map_or(d, |x| x.min(d)));
        }
    }
    best
}

/// Finds keys' postings among the shards passed in.
struct Lookup<'a> {
    segment: &'a Segment,
    locator: &'a Locator<'a>,
    shards: &'a [(&'a str, &'a Shard)],
}

impl Lookup<'_> {
    /// The postings of `key` from the shard the plan reads it from, `None` when that shard
    /// does not list it (it occurs nowhere).
    fn postings(&self, key: Key, positions: bool) -> Result<Option<&Postings>, SearchError> {
        let id: ShardId = self.locator.shard_of(key, positions);
        let path = self.segment.shard_path(id);
        let shard = self
            .shards
            .iter()
            .find(|(named, _)| *named == path)
            .map(|(_, shard)| *shard)
            .ok_or_else(|| SearchError::MissingShard(path.clone()))?;
        if self.locator.tag != Some(shard.tag()) || shard.id() != id {
            return Err(SearchError::StaleShard(path));
        }
        let postings = shard.postings(key);
        if positions && postings.is_some_and(|p| p.occurrences.is_none()) {
            return Err(SearchError::NoPositions(path));
        }
        Ok(postings)
    }

    /// How many documents the plan's rarest key occurs in.
    fn rarest_doc_count(&self, plan: &TermPlan) -> Result<usize, SearchError> {
        let mut fewest = usize::MAX;
        for &(_, key) in &plan.keys {
            let docs = self
                .postings(key, plan.positions)?
                .map_or(0, |p| p.docs.len());
            fewest = fewest.min(docs);
        }
        Ok(fewest)
    }

    /// The documents (among `candidates`, when given, which are increasing) where a term
    /// matches, in increasing order.
    fn term_matches(
        &self,
        plan: &TermPlan,
        candidates: Option<&[u32]>,
    ) -> Result<Vec<DocMatch>, SearchError> {
        let wanted = |doc: u32| candidates.is_none_or(|c| c.binary_search(&doc).is_ok());
        let mut lists: Vec<(u32, &Postings)> = Vec::with_capacity(plan.keys.len());
        for &(offset, key) in &plan.keys {
            match self.postings(key, plan.positions)? {
                Some(postings) => lists.push((offset, postings)),
                None => return Ok(Vec::new()),
            }
        }
        if !plan.positions {
            let postings = lists[0].1;
            return Ok(postings
                .docs
                .iter()
                .zip(&postings.counts)
                .filter(|&(&doc, _)| wanted(doc))
                .map(|(&doc, &count)| DocMatch {
                    doc,
                    count,
                    starts: Vec::new(),
                })
                .collect());
        }
        let checks: Vec<PairCheck> = lists
            .iter()
            .map(|&(offset, postings)| PairCheck::new(plan, offset, postings))
            .collect();
        let driver = checks
            .iter()
            .min_by_key(|c| c.postings.docs.len())
            .expect("a plan has keys");
        let mut found = Vec::new();
        for &doc in &driver.postings.docs {
            if !wanted(doc) {
                continue;
            }
            let in_doc: Option<Vec<(&PairCheck, core::ops::Range<usize>)>> = checks
                .iter()
                .map(|c| c.in_doc(doc).map(|range| (c, range)))
                .collect();
            let Some(in_doc) = in_doc else { continue };
            let (anchor, range) = in_doc
                .iter()
                .min_by_key(|(_, range)| range.len())
                .expect("a plan has keys");
            let starts: Vec<u32> = anchor.occurrences.positions[range.clone()]
                .iter()
                .filter_map(|&at| at.checked_sub(anchor.offset))
                .filter(|&start| in_doc.iter().all(|(c, range)| c.holds_at(start, range)))
                .collect();
            if !starts.is_empty() {
                found.push(DocMatch {
                    doc,
                    count: starts.len() as u32,
                    starts,
                });
            }
        }
        Ok(found)
    }
}

/// One pair of a term's plan, with the characters around it that the term requires.
struct PairCheck<'a> {
    offset: u32,
    postings: &'a Postings,
    occurrences: &'a Occurrences,
    /// The term's character before the pair and the two after it (code points), where the
    /// term has them.
    around: [Option<u32>; 3],
}

impl<'a> PairCheck<'a> {
    fn new(plan: &TermPlan, offset: u32, postings: &'a Postings) -> Self {
        let o = offset as usize;
        let char_at = |i: usize| plan.chars.get(i).map(|&c| u32::from(c));
        PairCheck {
            offset,
            postings,
            occurrences: postings
                .occurrences
                .as_ref()
                .expect("checked when looked up"),
            around: [
                o.checked_sub(1).and_then(char_at),
                char_at(o + 2),
                char_at(o + 3),
            ],
        }
    }

    /// The index range of the occurrences in `doc`, if the pair occurs there.
    fn in_doc(&self, doc: u32) -> Option<core::ops::Range<usize>> {
        let i = self.postings.docs.binary_search(&doc).ok()?;
        Some(self.occurrences.range_of(i))
    }

    /// Whether the term starting at `start` has this pair, with the right neighbours, where
    /// it should (`range`: the pair's occurrences in the document).
    fn holds_at(&self, start: u32, range: &core::ops::Range<usize>) -> bool {
        let Some(at) = start.checked_add(self.offset) else {
            return false;
        };
        let positions = &self.occurrences.positions[range.clone()];
        let Ok(i) = positions.binary_search(&at) else {
            return false;
        };
        let k = range.start + i;
        let found = &self.occurrences.around[k];
        self.around
            .iter()
            .zip(found)
            .all(|(wanted, &found)| wanted.is_none_or(|c| c == found))
    }
}
