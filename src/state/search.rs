//! Search in the reader's state: the index files fetched so far, and the results of the
//! current query, evaluated as soon as every shard it needs has arrived.

use std::collections::HashMap;
use std::rc::Rc;

use lianluo_core::search::{
    doc_facts, parse_query, scoring::sort_newest_first, DocFacts, Hit, Manifest, Query, Shard,
};
use lianluo_core::{ArchiveIndex, ArticleSummary, CountyCount, IssueSummary, RegionCount};

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
    /// Matching documents, best first; or why the index could not answer.
    pub hits: Result<Rc<Vec<Hit>>, LoadError>,
}

/// One result as shown: the hit with its issue and article from the archive index.
#[derive(Debug, Clone, PartialEq)]
pub struct ResultEntry<'a> {
    /// The hit.
    pub hit: Hit,
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
            Ok(Rc::new(Vec::new()))
        } else {
            match self.evaluate(&query) {
                Some(hits) => hits,
                None => return, // Still waiting for files.
            }
        };
        self.search_state.results = Some(Results { query: typed, hits });
        self.search_state.limit = RESULTS_PAGE_SIZE;
        self.search_state.seen_issues.clear();
    }

    fn evaluate(&self, query: &Query) -> Option<Result<Rc<Vec<Hit>>, LoadError>> {
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
            result.map(Rc::new).map_err(|error| {
                LoadError::new("search/", LoadErrorKind::Mismatch(error.to_string()))
            }),
        )
    }

    /// Whether the current query's results (or its failure) are known.
    pub fn search_settled(&self) -> bool {
        let results = self.search_state.results.as_ref();
        self.search()
            .is_some_and(|(search, _)| results.is_some_and(|r| r.query == search.query))
    }

    /// The current results narrowed to the search's region and put in its order, with their
    /// issues and articles; `None` while they are not known.
    pub fn search_entries(&self) -> Option<Result<Vec<ResultEntry<'_>>, LoadError>> {
        let (search, _) = self.search()?;
        let entries = self.all_search_entries()?;
        let region = search.region.as_ref();
        Some(entries.map(|entries| {
            entries
                .into_iter()
                .filter(|entry| {
                    region.is_none_or(|filter| in_region(&entry.article.region, filter))
                })
                .collect()
        }))
    }

    /// Every result of the current query, whatever the region, in the search's order.
    fn all_search_entries(&self) -> Option<Result<Vec<ResultEntry<'_>>, LoadError>> {
        let (search, _) = self.search()?;
        let results = self
            .search_state
            .results
            .as_ref()
            .filter(|r| r.query == search.query)?;
        let hits = match &results.hits {
            Ok(hits) => hits,
            Err(error) => return Some(Err(error.clone())),
        };
        let archive = self.archive()?;
        let docs = &self.search_state.docs;
        let mut hits = hits.as_ref().clone();
        if search.sort == SearchSort::Newest {
            sort_newest_first(&mut hits);
        }
        let entries = hits
            .iter()
            .filter_map(|hit| {
                let place = docs.get(hit.doc as usize)?;
                let issue = archive.issues.get(place.issue)?;
                let article = issue.articles.get(place.article)?;
                Some(ResultEntry {
                    hit: *hit,
                    issue,
                    article,
                })
            })
            .collect();
        Some(Ok(entries))
    }

    /// Article counts per prefecture (and county beneath) among all results of the current
    /// query, whatever region is chosen: most first, then by name.
    pub fn search_facets(&self) -> Vec<RegionCount> {
        let Some(Ok(entries)) = self.all_search_entries() else {
            return Vec::new();
        };
        let mut counts: Vec<RegionCount> = Vec::new();
        for region in entries.iter().map(|entry| &entry.article.region) {
            let Some(prefecture) = &region.prefecture else {
                continue;
            };
            let at = counts
                .iter()
                .position(|c| &c.prefecture == prefecture)
                .unwrap_or_else(|| {
                    let empty = RegionCount {
                        prefecture: prefecture.clone(),
                        count: 0,
                        counties: Vec::new(),
                    };
                    counts.push(empty);
                    counts.len() - 1
                });
            let count = &mut counts[at];
            count.count += 1;
            if let Some(county) = &region.county {
                match count.counties.iter_mut().find(|c| &c.county == county) {
                    Some(c) => c.count += 1,
                    None => count.counties.push(CountyCount {
                        county: county.clone(),
                        count: 1,
                    }),
                }
            }
        }
        for count in &mut counts {
            order_by_count(&mut count.counties, |c| (c.count, c.county.as_str()));
        }
        order_by_count(&mut counts, |c| (c.count, c.prefecture.as_str()));
        counts
    }

    /// Issue files to fetch for the snippets of results on screen.
    pub(super) fn search_wanted_issues(&self) -> Vec<&str> {
        let Some(Ok(entries)) = self.search_entries() else {
            return Vec::new();
        };
        let seen = &self.search_state.seen_issues;
        let mut ids: Vec<&str> = Vec::new();
        for entry in entries.iter().take(self.search_state.limit) {
            let id = entry.issue.id.as_str();
            if seen.iter().any(|s| s == id) && !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }
}

/// Orders a short list (a handful of regions) most first, then by name. An insertion sort:
/// the lists are tiny, and it keeps a general sort routine per element type out of the
/// WebAssembly.
fn order_by_count<T>(items: &mut [T], key: impl Fn(&T) -> (u32, &str)) {
    for i in 1..items.len() {
        let mut j = i;
        while j > 0 && {
            let (count, name) = key(&items[j]);
            let (before_count, before_name) = key(&items[j - 1]);
            count > before_count || (count == before_count && name < before_name)
        } {
            items.swap(j, j - 1);
            j -= 1;
        }
    }
}

/// The search facts of an archive's documents, computed once when the index arrives.
pub fn search_docs(archive: &ArchiveIndex) -> Rc<Vec<DocFacts>> {
    Rc::new(doc_facts(archive))
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
