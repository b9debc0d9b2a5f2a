//! Search in the reader's state: the current query parsed once, the index files it needs, and
//! its results, evaluated as soon as every shard it needs has arrived.

use std::rc::Rc;

use lianluo_core::search::{parse_query, Answer, DocFacts, Hit, Query, SearchDocs};
use lianluo_core::{ArchiveIndex, RegionCount};

use super::files::{FileKey, Files, Load};
use crate::error::LoadError;
use crate::route::Route;
use crate::search_index::{SearchEngine, SearchIndex};

/// The current search and what is known of its answer.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    /// The query in the address as typed, and parsed; `None` when the view is no search.
    pub query: Option<(String, Rc<Query>)>,
    /// The shards the query needs, once the manifest is here.
    shards: Vec<String>,
    /// What the index needs to know of each document, and each document's region by
    /// position: worked out from the archive index when the first query is evaluated, or
    /// once the reader turns to the search box.
    pub(super) documents: Option<Rc<SearchDocs>>,
    /// The results of the last query evaluated.
    pub results: Option<Results>,
    /// Issues whose result cards have been on screen: their files are fetched for snippets.
    seen_issues: Vec<String>,
    /// The reader turned to the search box: what every query needs (the manifest, the
    /// documents) is made ready before the first query is typed.
    primed: bool,
    /// What the reader is typing: its shards are fetched and it is evaluated during the
    /// typing pause, so that the query, when it runs, only has to be shown.
    pub(super) typed: Option<Typed>,
}

/// The text in the search box, ahead of the query it becomes.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Typed {
    /// As typed.
    text: String,
    /// Parsed.
    query: Query,
    /// The shards it needs, once the manifest is here (none when it cannot match).
    shards: Option<Vec<String>>,
    /// Its results, once its shards are here.
    pub(super) results: Option<Ranked>,
}

/// The outcome of one query.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The query as typed.
    pub query: String,
    /// The matching documents; or why the index could not answer.
    pub hits: Result<Ranked, LoadError>,
}

/// A query's matching documents in both orders, and how many come from each region: worked
/// out once, when the query is evaluated, so that choosing an order or a region, listing more
/// or a snippet arriving re-renders without sorting or counting again.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Ranked {
    /// Best match first.
    pub best_first: Rc<Vec<Hit>>,
    /// Newest article first.
    pub newest_first: Rc<Vec<Hit>>,
    /// Article counts per prefecture (and county beneath) among all of them.
    pub facets: Rc<Vec<RegionCount>>,
}

impl SearchState {
    /// Parses the query of a search route, when it changed.
    pub(super) fn follow(&mut self, route: &Route) {
        let typed = match route {
            Route::Search(search) => &search.query,
            _ => {
                self.query = None;
                return;
            }
        };
        if self.query.as_ref().is_some_and(|(query, _)| query == typed) {
            return;
        }
        self.query = Some((typed.clone(), Rc::new(parse_query(typed))));
        self.shards.clear();
    }

    /// The query, when the view is a search with at least one term.
    pub fn terms(&self) -> Option<&Query> {
        self.query
            .as_ref()
            .map(|(_, query)| query.as_ref())
            .filter(|query| !query.is_empty())
    }

    /// The search files the current query needs: the manifest, then its shards.
    pub(super) fn wanted_files(&self, archive: &ArchiveIndex, files: &Files) -> Vec<FileKey> {
        if (self.terms().is_none() && !self.primed) || archive.search.is_none() {
            return Vec::new();
        }
        let mut wanted = vec![FileKey::Manifest];
        if matches!(files.manifest(), Some(Load::Ready(_))) {
            wanted.extend(self.shards.iter().cloned().map(FileKey::Shard));
            let ahead = self
                .typed
                .iter()
                .flat_map(|typed| typed.shards.iter().flatten());
            for path in ahead.filter(|path| !self.shards.contains(path)) {
                wanted.push(FileKey::Shard(path.clone()));
            }
        }
        wanted
    }

    /// The reader turned to the search box: the manifest is fetched and the documents are
    /// worked out now, so that the first query waits for neither.
    pub(super) fn prime(&mut self) {
        self.primed = true;
    }

    /// Whether the reader has turned to the search box.
    pub(super) fn is_primed(&self) -> bool {
        self.primed
    }

    /// The reader is typing `text`: its shards are planned once the manifest is here.
    pub(super) fn type_ahead(&mut self, text: &str) {
        self.primed = true;
        let query = parse_query(text);
        self.typed = (!query.is_empty()).then(|| Typed {
            text: text.to_owned(),
            query,
            shards: None,
            results: None,
        });
    }

    /// Names the shards of what is being typed once the manifest is here, and evaluates it
    /// once they are. A failure is left for the query to meet and report.
    fn look_ahead(&mut self, files: &Files, archive: &ArchiveIndex) {
        let Some(Load::Ready(manifest)) = files.manifest() else {
            return;
        };
        if self.typed.is_none() {
            return;
        }
        let documents = self.documents_of(archive);
        let Some(typed) = &mut self.typed else {
            return;
        };
        let shards = typed
            .shards
            .get_or_insert_with(|| manifest.shards_for(&typed.query));
        if typed.results.is_none() && !shards.is_empty() {
            let answered = answer(&manifest, files, &documents, &typed.query, shards);
            if let Some(Ok(ranked)) = answered {
                typed.results = Some(ranked);
            }
        }
    }

    /// The documents of `archive` as searching sees them, worked out on first use.
    fn documents_of(&mut self, archive: &ArchiveIndex) -> Rc<SearchDocs> {
        let documents = self
            .documents
            .get_or_insert_with(|| Rc::new(SearchDocs::of(archive)));
        documents.clone()
    }

    /// Evaluates the current query when everything it needs is here and it has not been
    /// evaluated yet; records a failure when a file it needs failed.
    pub(super) fn evaluate(&mut self, files: &Files, archive: &ArchiveIndex) {
        if self.primed {
            let documents = self.documents_of(archive);
            if let Some(Load::Ready(manifest)) = files.manifest() {
                manifest.prepare(&documents);
            }
        }
        self.look_ahead(files, archive);
        let Some((typed, query)) = self.query.clone() else {
            return;
        };
        if self.results.as_ref().is_some_and(|r| r.query == typed) {
            return;
        }
        // The query takes over what was typed ahead: its results, or else its own fetching
        // and evaluation, so that nothing is evaluated twice.
        let ahead = self.typed.take_if(|ahead| ahead.text == typed);
        if let Some(ranked) = ahead.and_then(|ahead| ahead.results) {
            return self.answered(typed, Ok(ranked));
        }
        let hits = if query.is_empty() {
            Ok(Ranked::default())
        } else {
            let manifest = match files.manifest() {
                None | Some(Load::Pending) => return,
                Some(Load::Failed(error)) => return self.answered(typed, Err(error)),
                Some(Load::Ready(manifest)) => manifest,
            };
            if self.shards.is_empty() {
                self.shards = manifest.shards_for(&query);
            }
            let documents = self.documents_of(archive);
            match answer(&manifest, files, &documents, &query, &self.shards) {
                None => return,
                Some(hits) => hits,
            }
        };
        self.answered(typed, hits);
    }

    fn answered(&mut self, query: String, hits: Result<Ranked, LoadError>) {
        self.results = Some(Results { query, hits });
        self.seen_issues.clear();
    }

    /// Drops a failed answer, so that the query is evaluated again once its files are here.
    pub(super) fn forget_failure(&mut self) {
        if self.results.as_ref().is_some_and(|r| r.hits.is_err()) {
            self.results = None;
        }
    }

    /// The results of the query in the address, once evaluated.
    pub fn current(&self) -> Option<&Results> {
        let (typed, _) = self.query.as_ref()?;
        self.results.as_ref().filter(|r| r.query == *typed)
    }

    /// Article counts per region among all results of the current query, whatever region is
    /// chosen: most first, then by name.
    pub fn facets(&self) -> Rc<Vec<RegionCount>> {
        match self.current().map(|results| &results.hits) {
            Some(Ok(ranked)) => ranked.facets.clone(),
            _ => Rc::default(),
        }
    }

    /// Where a document is in the archive index.
    pub(super) fn place(&self, doc: u32) -> Option<&DocFacts> {
        self.documents.as_ref()?.facts.get(doc as usize)
    }

    /// Records the issues whose cards came on screen.
    pub(super) fn seen(&mut self, ids: Vec<String>) {
        for id in ids {
            if !self.seen_issues.contains(&id) {
                self.seen_issues.push(id);
            }
        }
    }

    /// Whether a card of this issue has been on screen.
    pub(super) fn was_seen(&self, id: &str) -> bool {
        self.seen_issues.iter().any(|seen| seen == id)
    }
}

/// The ranked results of `query` once every shard it needs (`paths`) is here (`None`
/// before), or the failure of one of them.
fn answer(
    manifest: &SearchIndex,
    files: &Files,
    documents: &SearchDocs,
    query: &Query,
    paths: &[String],
) -> Option<Result<Ranked, LoadError>> {
    let mut shards = Vec::with_capacity(paths.len());
    for path in paths {
        match files.shard(path)? {
            Load::Pending => return None,
            Load::Failed(error) => return Some(Err(error)),
            Load::Ready(shard) => shards.push((path.as_str(), shard)),
        }
    }
    let shards: Vec<_> = shards
        .iter()
        .map(|(path, shard)| (*path, shard.as_ref()))
        .collect();
    Some(
        manifest
            .evaluate(query, &shards, documents)
            .map(Ranked::from),
    )
}

impl From<Answer> for Ranked {
    fn from(answer: Answer) -> Self {
        Ranked {
            best_first: Rc::new(answer.best_first),
            newest_first: Rc::new(answer.newest_first),
            facets: Rc::new(answer.facets),
        }
    }
}
