//! Query evaluation over decoded shards: which documents match, and how well.
//!
//! A one-character term matches where its character's count is non-zero. A longer term
//! matches at position `p` when each pair of its plan (see [`super::plan`]) occurs at `p` plus
//! the pair's offset in the term. The pairs cover every character and sit at most two apart,
//! and the index leaves an unused position between blocks (see [`super::build`]), so such a
//! chain can only lie inside one block: what is found is exactly what a scan of each block's
//! normalised text finds.

use core::fmt;

use crate::model::ArchiveIndex;

use super::key::Key;
use super::manifest::{Locator, Manifest};
use super::normalize::normalize;
use super::plan::TermPlan;
use super::query::Query;
use super::scoring::{rank, score, Hit};
use super::shard::{PositionLists, Postings, Shard, ShardId};

/// What the reader knows about a document from `index.json` alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFacts {
    /// The article's title, normalised.
    pub title: String,
}

/// The facts of every document of `archive`, in document order.
pub fn doc_facts(archive: &ArchiveIndex) -> Vec<DocFacts> {
    archive
        .issues
        .iter()
        .flat_map(|issue| &issue.articles)
        .map(|article| DocFacts {
            title: normalize(&article.title),
        })
        .collect()
}

/// Why a query could not be evaluated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchError {
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
}

impl fmt::Display for SearchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
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
    /// `shards` must include every shard [`Manifest::shards_for`] named for this query (others
    /// are ignored); `docs` are the facts of every document ([`doc_facts`]).
    pub fn evaluate(
        &self,
        query: &Query,
        shards: &[&Shard],
        docs: &[DocFacts],
    ) -> Result<Vec<Hit>, SearchError> {
        if docs.len() != self.doc_count as usize {
            return Err(SearchError::WrongArchive {
                indexed: self.doc_count,
                given: docs.len(),
            });
        }
        let locator = self.locator();
        let Some((required, excluded)) = locator.plan(query) else {
            return Ok(Vec::new());
        };
        let lookup = Lookup {
            manifest: self,
            locator: &locator,
            shards,
        };

        // The rarest term first, so that the others are only checked in its documents.
        let mut order: Vec<usize> = (0..required.len()).collect();
        let mut first_key_docs = Vec::with_capacity(required.len());
        for plan in &required {
            first_key_docs.push(lookup.rarest_doc_count(plan)?);
        }
        order.sort_by_key(|&i| first_key_docs[i]);

        let mut per_term: Vec<Vec<DocMatch>> = (0..required.len()).map(|_| Vec::new()).collect();
        let mut candidates: Option<Vec<u32>> = None;
        for &i in &order {
            let found = lookup.term_matches(&required[i], candidates.as_deref())?;
            candidates = Some(found.iter().map(|m| m.doc).collect());
            per_term[i] = found;
        }
        let mut candidates = candidates.unwrap_or_default();
        for plan in &excluded {
            let found = lookup.term_matches(plan, Some(&candidates))?;
            candidates.retain(|d| found.binary_search_by_key(d, |m| m.doc).is_err());
        }

        let mut hits = Vec::with_capacity(candidates.len());
        for doc in candidates {
            let facts = docs.get(doc as usize).ok_or(SearchError::BadDocument)?;
            let matches: Vec<&DocMatch> = per_term
                .iter()
                .map(|list| {
                    let i = list
                        .binary_search_by_key(&doc, |m| m.doc)
                        .expect("a candidate document matches every required term");
                    &list[i]
                })
                .collect();
            let title_terms = query
                .required
                .iter()
                .filter(|t| facts.title.contains(t.as_str()))
                .count() as u32;
            let counts: Vec<u32> = matches.iter().map(|m| m.count).collect();
            let distances: Vec<Option<u32>> = matches
                .windows(2)
                .zip(required.windows(2))
                .map(|(m, p)| nearest(&m[0].starts, p[0].len, &m[1].starts, p[1].len))
                .collect();
            hits.push(Hit {
                doc,
                score: score(title_terms, &counts, &distances),
                matches: counts.iter().sum(),
                title_hit: title_terms > 0,
            });
        }
        rank(&mut hits);
        Ok(hits)
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
    manifest: &'a Manifest,
    locator: &'a Locator<'a>,
    shards: &'a [&'a Shard],
}

impl Lookup<'_> {
    /// The postings of `key`, `None` when its shard does not list it (it occurs nowhere).
    fn postings(&self, key: Key) -> Result<Option<&Postings>, SearchError> {
        let id: ShardId = self.locator.shard_of(key);
        let path = || self.manifest.shard_path(id);
        let shard = self
            .shards
            .iter()
            .find(|s| s.id() == id)
            .ok_or_else(|| SearchError::MissingShard(path()))?;
        if format!("{:08x}", shard.tag()) != self.manifest.tag {
            return Err(SearchError::StaleShard(path()));
        }
        Ok(shard.postings(key))
    }

    /// How many documents the plan's rarest key occurs in.
    fn rarest_doc_count(&self, plan: &TermPlan) -> Result<usize, SearchError> {
        let mut fewest = usize::MAX;
        for &(_, key) in &plan.keys {
            let docs = match self.postings(key)? {
                None => 0,
                Some(Postings::Counts(counts)) => counts.len(),
                Some(Postings::Positions(lists)) => lists.docs.len(),
            };
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
        if let [(_, key @ Key::Char(_))] = plan.keys[..] {
            return Ok(match self.postings(key)? {
                Some(Postings::Counts(counts)) => counts
                    .iter()
                    .filter(|&&(doc, _)| wanted(doc))
                    .map(|&(doc, count)| DocMatch {
                        doc,
                        count,
                        starts: Vec::new(),
                    })
                    .collect(),
                _ => Vec::new(),
            });
        }
        let mut lists: Vec<(u32, &PositionLists)> = Vec::with_capacity(plan.keys.len());
        for &(offset, key) in &plan.keys {
            match self.postings(key)? {
                Some(Postings::Positions(list)) => lists.push((offset, list)),
                _ => return Ok(Vec::new()),
            }
        }
        let driver = lists
            .iter()
            .min_by_key(|(_, list)| list.docs.len())
            .map(|&(_, list)| list)
            .expect("a plan of two or more characters has pairs");
        let mut found = Vec::new();
        for &doc in &driver.docs {
            if !wanted(doc) {
                continue;
            }
            let mut in_doc: Vec<(u32, &[u32])> = Vec::with_capacity(lists.len());
            for &(offset, list) in &lists {
                match list.docs.binary_search(&doc) {
                    Ok(i) => in_doc.push((offset, list.positions_of(i))),
                    Err(_) => break,
                }
            }
            if in_doc.len() < lists.len() {
                continue;
            }
            let &(anchor_offset, anchor) = in_doc
                .iter()
                .min_by_key(|(_, positions)| positions.len())
                .expect("at least one pair");
            let starts: Vec<u32> = anchor
                .iter()
                .filter_map(|&at| at.checked_sub(anchor_offset))
                .filter(|&start| {
                    in_doc.iter().all(|&(offset, positions)| {
                        start
                            .checked_add(offset)
                            .is_some_and(|p| positions.binary_search(&p).is_ok())
                    })
                })
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
