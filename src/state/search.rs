//! Search in the reader's state: the index files fetched so far, and the results of the
//! current query, evaluated as soon as every shard it needs has arrived.

use std::collections::HashMap;
use std::rc::Rc;

use lianluo_core::search::{
    doc_facts, parse_query, scoring::newest_first, DocFacts, Hit, Manifest, Query, Shard,
};
use lianluo_core::tally::RegionTally;
use lianluo_core::{ArchiveIndex, ArticleSummary, IssueSummary, RegionCount};

use super::{in_region, Load, State};
use crate::error::{LoadError, LoadErrorKind};
use crate::route::{Route, SearchRoute, SearchSort};

/// How many results are listed before "more". Range 5–50.
pub const RESULTS_PAGE_SIZE: usize = 20;

/// The search index as fetched so far, and the last evaluated query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SearchState {
    /// The manifest, once requested.
    pub manifest: Option<Load<Rc<Manifest>>>,
    /// Shards requested so far, by path relative to `index.json`.
    pub shards: HashMap<String, Load<Rc<Shard>>>,
    /// What the index needs to know of each document, from the archive index.
    pub docs: Rc<Vec<DocFacts>>,
    /// Each document's region by position, for counting results per region.
    pub regions: Rc<RegionTally>,
    /// The results of the last query evaluated.
    pub results: Option<Results>,
    /// How many results are listed.
    pub limit: usize,
    /// Issues whose result cards have been on screen: their files are fetched for snippets.
    pub seen_issues: Vec<String>,
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

/// The results listed now, and how many there are.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultPage<'a> {
    /// The first results, as many as are listed.
    pub listed: Vec<ResultEntry<'a>>,
    /// All results (in the chosen region).
    pub total: usize,
}

/// One result as shown: its issue and article from the archive index.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultEntry<'a> {
    /// Its issue.
    pub issue: &'a IssueSummary,
    /// The article.
    pub article: &'a ArticleSummary,
}

impl State {
    /// The current search and its parsed query, when the view is a search.
    pub fn search(&self) -> Option<(&SearchRoute, Query)> {
        match &self.route {
            Route::Search(search) => Some((search, parse_query(&search.query))),
            _ => None,
        }
    }

    /// Whether the archive has a search index at all.
    pub fn has_search(&self) -> bool {
        self.archive()
            .is_some_and(|archive| archive.search.is_some())
    }

    /// The manifest's path relative to `index.json`, when it should be fetched now.
    pub fn manifest_to_fetch(&self) -> Option<&str> {
        let wanted = self.search().is_some_and(|(_, query)| !query.is_empty());
        let path = self.archive()?.search.as_deref()?;
        (wanted && self.search_state.manifest.is_none()).then_some(path)
    }

    /// Shards the current query needs that were never requested.
    pub fn shards_to_fetch(&self) -> Vec<String> {
        self.needed_shards()
            .into_iter()
            .filter(|path| !self.search_state.shards.contains_key(path))
            .collect()
    }

    fn needed_shards(&self) -> Vec<String> {
        let manifest = self.search_state.manifest.as_ref().and_then(Load::ready);
        match (manifest, self.search()) {
            (Some(manifest), Some((_, query))) => manifest.shards_for(&query),
            _ => Vec::new(),
        }
    }

    /// Evaluates the current query when everything it needs is here and it has not been
    /// evaluated yet; records a failure when a file it needs failed.
    pub(super) fn refresh_search(&mut self) {
        let Some((search, query)) = self.search() else {
            return;
        };
        let typed = search.query.clone();
        if self
            .search_state
            .results
            .as_ref()
            .is_some_and(|results| results.query == typed)
        {
            return;
        }
        let hits = if query.is_empty() {
            Ok(Ranked::default())
        } else {
            match self.evaluate(&query) {
                Some(hits) => hits.map(|hits| self.rank(hits)),
                None => return, // Still waiting for files.
            }
        };
        self.search_state.results = Some(Results { query: typed, hits });
        self.search_state.limit = RESULTS_PAGE_SIZE;
        self.search_state.seen_issues.clear();
    }

    fn evaluate(&self, query: &Query) -> Option<Result<Vec<Hit>, LoadError>> {
        let manifest = match self.search_state.manifest.as_ref()? {
            Load::Pending => return None,
            Load::Failed(error) => return Some(Err(error.clone())),
            Load::Ready(manifest) => manifest,
        };
        let mut shards = Vec::new();
        for path in manifest.shards_for(query) {
            match self.search_state.shards.get(&path)? {
                Load::Pending => return None,
                Load::Failed(error) => return Some(Err(error.clone())),
                Load::Ready(shard) => shards.push(shard.as_ref()),
            }
        }
        let result = manifest.evaluate(query, &shards, &self.search_state.docs);
        Some(
            result.map_err(|error| {
                LoadError::new("search/", LoadErrorKind::Mismatch(error.to_string()))
            }),
        )
    }

    fn rank(&self, best_first: Vec<Hit>) -> Ranked {
        let newest_first = newest_first(&best_first);
        let facets = self
            .search_state
            .regions
            .count(best_first.iter().map(|hit| hit.doc as usize));
        Ranked {
            best_first: Rc::new(best_first),
            newest_first: Rc::new(newest_first),
            facets: Rc::new(facets),
        }
    }

    /// Each hit with its issue and article, in the hits' order; hits the archive index does
    /// not know are left out.
    fn placed<'a>(&'a self, hits: &'a [Hit]) -> impl Iterator<Item = ResultEntry<'a>> + 'a {
        let archive = self.archive();
        let docs = &self.search_state.docs;
        hits.iter().filter_map(move |hit| {
            let place = docs.get(hit.doc as usize)?;
            let issue = archive?.issues.get(place.issue)?;
            Some(ResultEntry {
                issue,
                article: issue.articles.get(place.article)?,
            })
        })
    }

    /// Whether the current query's results (or its failure) are known.
    pub fn search_settled(&self) -> bool {
        self.current_results().is_some()
    }

    /// The results listed now: the first [`SearchState::limit`] of the current results in the
    /// search's region and order, with their issues and articles, and how many there are in
    /// the region in all; `None` while they are not known.
    pub fn search_page(&self) -> Option<Result<ResultPage<'_>, LoadError>> {
        let (search, _) = self.search()?;
        let ranked = match &self.current_results()?.hits {
            Ok(ranked) => ranked,
            Err(error) => return Some(Err(error.clone())),
        };
        let hits = match search.sort {
            SearchSort::Relevance => &ranked.best_first,
            SearchSort::Newest => &ranked.newest_first,
        };
        let region = search.region.as_ref();
        let in_chosen_region = self
            .placed(hits)
            .filter(|entry| region.is_none_or(|filter| in_region(&entry.article.region, filter)));
        let mut page = ResultPage {
            listed: Vec::with_capacity(self.search_state.limit.min(hits.len())),
            total: 0,
        };
        for entry in in_chosen_region {
            if page.listed.len() < self.search_state.limit {
                page.listed.push(entry);
            }
            page.total += 1;
        }
        Some(Ok(page))
    }

    /// The results of the query in the address, once evaluated.
    fn current_results(&self) -> Option<&Results> {
        let (search, _) = self.search()?;
        let results = self.search_state.results.as_ref()?;
        (results.query == search.query).then_some(results)
    }

    /// Article counts per prefecture (and county beneath) among all results of the current
    /// query, whatever region is chosen: most first, then by name.
    pub fn search_facets(&self) -> Rc<Vec<RegionCount>> {
        match self.current_results().map(|results| &results.hits) {
            Some(Ok(ranked)) => ranked.facets.clone(),
            _ => Rc::default(),
        }
    }

    /// Issue files to fetch for the snippets of results on screen.
    pub(super) fn search_wanted_issues(&self) -> Vec<&str> {
        let Some(Ok(page)) = self.search_page() else {
            return Vec::new();
        };
        let seen = &self.search_state.seen_issues;
        let mut ids: Vec<&str> = Vec::new();
        for entry in &page.listed {
            let id = entry.issue.id.as_str();
            if seen.iter().any(|s| s == id) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// The search facts of an archive's documents, computed once when the index arrives.
pub fn search_docs(archive: &ArchiveIndex) -> Rc<Vec<DocFacts>> {
    Rc::new(doc_facts(archive))
}

/// The archive's documents' regions by position, computed once when the index arrives.
pub fn search_regions(archive: &ArchiveIndex) -> Rc<RegionTally> {
    Rc::new(RegionTally::of_documents(archive))
}

/// Whether the manifest was built for this archive; a stale pair is reported, not searched.
pub fn check_manifest(
    manifest: Manifest,
    archive: Option<&ArchiveIndex>,
    path: &str,
) -> Result<Manifest, LoadError> {
    match archive {
        Some(archive) if !manifest.matches_archive(archive) => Err(LoadError::new(
            path,
            LoadErrorKind::Mismatch(
                "搜索索引与文章目录不是同一次生成的，请重新生成网站数据".into(),
            ),
        )),
        _ => Ok(manifest),
    }
}
