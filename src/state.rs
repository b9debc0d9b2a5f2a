//! The reader's state and every change to it: a pure reducer, tested natively.
//!
//! Components render a [`State`] and send [`Action`]s; effects in `components::app` perform the
//! I/O the state asks for ([`State::issues_to_fetch`]) and report back with more actions.

use std::collections::HashMap;
use std::rc::Rc;

use lianluo_core::{ArchiveIndex, ArticleSummary, Issue, IssueSummary};
use yew::Reducible;

use crate::error::{LoadError, LoadErrorKind};
use crate::route::{RegionFilter, Route};
use crate::text_size::TextSize;

/// How many issue files may be downloading at once. Browsers allow six connections per host on
/// HTTP/1.1; four leaves room for the host page. Range 1–6.
pub const MAX_FETCHES_IN_FLIGHT: usize = 4;

/// How many articles a region view lists before "more" (and so how many issue files it
/// fetches at first). Range 5–50: a phone screen shows about five.
pub const REGION_PAGE_SIZE: usize = 20;

/// Something that is being fetched, has arrived, or could not be had.
#[derive(Debug, Clone, PartialEq)]
pub enum Load<T> {
    /// Requested, not yet here.
    Pending,
    /// Here.
    Ready(T),
    /// Could not be loaded; the reader says why.
    Failed(LoadError),
}

impl<T> Load<T> {
    /// The value, when it has arrived.
    pub fn ready(&self) -> Option<&T> {
        match self {
            Load::Ready(value) => Some(value),
            _ => None,
        }
    }
}

/// Everything the reader shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The current view.
    pub route: Route,
    /// The archive index (`index.json`).
    pub index: Load<Rc<ArchiveIndex>>,
    /// Bumped on every attempt to load the index; the loading effect runs once per value.
    pub index_attempt: u32,
    /// Issue files requested so far, by issue id.
    pub issues: HashMap<String, Load<Rc<Issue>>>,
    /// How many articles the region view lists.
    pub region_limit: usize,
    /// The region `region_limit` was grown for: going back to it (from one of its articles,
    /// say) keeps the list as long as it was; another region starts over.
    pub paged_region: Option<RegionFilter>,
    /// The reader's chosen text size.
    pub text_size: TextSize,
    /// Where clearing a region or a search takes the reader: the view they were on before.
    pub return_to: Route,
    /// The region or search list the current view was opened from: going back to that same
    /// list keeps its way out (`return_to`), as if the reader had never left it.
    pub left_list: Option<Route>,
    /// The search index fetched so far and the current results.
    pub search_state: SearchState,
}

/// Every change the reader's state can undergo.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show another view.
    Navigate(Route),
    /// The archive index arrived or failed.
    IndexLoaded(Result<ArchiveIndex, LoadError>),
    /// Load the archive index again after a failure.
    RetryIndex,
    /// An issue file is being fetched.
    IssueRequested(String),
    /// An issue file arrived or failed.
    IssueLoaded(String, Result<Issue, LoadError>),
    /// Forget a failed issue file so that it is fetched again.
    RetryIssue(String),
    /// Try every issue file that could not be loaded again.
    RetryFailedIssues,
    /// List more articles in the region view.
    ShowMoreRegionArticles,
    /// Change the text size.
    SetTextSize(TextSize),
    /// The search manifest is being fetched.
    ManifestRequested,
    /// The search manifest arrived (and was checked against the archive) or failed.
    ManifestLoaded(Result<lianluo_core::search::Manifest, LoadError>),
    /// A search shard is being fetched (its path).
    ShardRequested(String),
    /// A search shard arrived or failed.
    ShardLoaded(String, Result<lianluo_core::search::Shard, LoadError>),
    /// Forget the search files that failed, so that they are fetched again.
    RetrySearch,
    /// List more search results.
    ShowMoreResults,
    /// Result cards of these issues came on screen: fetch their files for snippets.
    ResultsSeen(Vec<String>),
}

impl State {
    /// The state of a freshly mounted reader.
    pub fn new(route: Route, text_size: TextSize) -> Self {
        let paged_region = match &route {
            Route::Region(filter) => Some(filter.clone()),
            _ => None,
        };
        State {
            route,
            index: Load::Pending,
            index_attempt: 0,
            issues: HashMap::new(),
            region_limit: REGION_PAGE_SIZE,
            paged_region,
            text_size,
            return_to: Route::Latest,
            left_list: None,
            search_state: SearchState::default(),
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        self.apply_one(action);
        self.refresh_search();
    }

    fn apply_one(&mut self, action: Action) {
        let search = &mut self.search_state;
        match action {
            Action::Navigate(route) => {
                if let Route::Region(filter) = &route {
                    if self.paged_region.as_ref() != Some(filter) {
                        self.paged_region = Some(filter.clone());
                        self.region_limit = REGION_PAGE_SIZE;
                    }
                }
                let entering_list = route.is_result_list() && !self.route.is_result_list();
                if entering_list && self.left_list.as_ref() != Some(&route) {
                    self.return_to = self.route.clone();
                }
                let leaving_list = self.route.is_result_list() && !route.is_result_list();
                self.left_list = leaving_list.then(|| self.route.clone());
                self.route = route;
            }
            Action::IndexLoaded(result) => {
                self.index = match result {
                    Ok(index) => {
                        search.docs = search_docs(&index);
                        search.regions = search_regions(&index);
                        Load::Ready(Rc::new(index))
                    }
                    Err(error) => Load::Failed(error),
                };
            }
            Action::RetryIndex => {
                self.index = Load::Pending;
                self.index_attempt += 1;
            }
            Action::IssueRequested(id) => {
                self.issues.insert(id, Load::Pending);
            }
            Action::IssueLoaded(id, result) => {
                let load = match result {
                    Ok(issue) if issue.id == id => Load::Ready(Rc::new(issue)),
                    Ok(issue) => Load::Failed(LoadError::new(
                        self.issue_path(&id).unwrap_or(&id),
                        LoadErrorKind::Mismatch(format!("应为第 {id} 期，文件中却是 {}", issue.id)),
                    )),
                    Err(error) => Load::Failed(error),
                };
                self.issues.insert(id, load);
            }
            Action::RetryIssue(id) => {
                self.issues.remove(&id);
            }
            Action::RetryFailedIssues => {
                self.issues
                    .retain(|_, load| !matches!(load, Load::Failed(_)));
            }
            Action::ShowMoreRegionArticles => self.region_limit += REGION_PAGE_SIZE,
            Action::SetTextSize(size) => self.text_size = size,
            Action::ManifestRequested => search.manifest = Some(Load::Pending),
            Action::ManifestLoaded(result) => {
                search.manifest = Some(match result {
                    Ok(manifest) => Load::Ready(Rc::new(manifest)),
                    Err(error) => Load::Failed(error),
                });
            }
            Action::ShardRequested(path) => {
                search.shards.insert(path, Load::Pending);
            }
            Action::ShardLoaded(path, result) => {
                let load = result.map_or_else(Load::Failed, |shard| Load::Ready(Rc::new(shard)));
                search.shards.insert(path, load);
            }
            Action::RetrySearch => {
                if matches!(search.manifest, Some(Load::Failed(_))) {
                    search.manifest = None;
                }
                search
                    .shards
                    .retain(|_, load| !matches!(load, Load::Failed(_)));
                search.results = None;
            }
            Action::ShowMoreResults => search.limit += RESULTS_PAGE_SIZE,
            Action::ResultsSeen(ids) => {
                for id in ids {
                    if !search.seen_issues.contains(&id) {
                        search.seen_issues.push(id);
                    }
                }
            }
        }
    }

    /// The archive index, once loaded.
    pub fn archive(&self) -> Option<&ArchiveIndex> {
        self.index.ready().map(Rc::as_ref)
    }

    /// An issue's entry in the archive index.
    pub fn issue_summary(&self, id: &str) -> Option<&IssueSummary> {
        self.archive()?.issues.iter().find(|issue| issue.id == id)
    }

    /// The issue that contains an article, and the article's entry.
    pub fn article_summary(&self, article_id: &str) -> Option<(&IssueSummary, &ArticleSummary)> {
        self.archive()?.issues.iter().find_map(|issue| {
            let article = issue
                .articles
                .iter()
                .find(|article| article.id == article_id)?;
            Some((issue, article))
        })
    }

    /// The issue the current view is about, if it is about one.
    pub fn current_issue(&self) -> Option<&IssueSummary> {
        match &self.route {
            Route::Latest => self.archive()?.issues.first(),
            Route::Issue(id) => self.issue_summary(id),
            Route::Article { id, .. } => self.article_summary(id).map(|(issue, _)| issue),
            _ => None,
        }
    }

    /// The newer and the older neighbour of an issue in the archive.
    pub fn neighbours(&self, id: &str) -> (Option<&IssueSummary>, Option<&IssueSummary>) {
        let Some(issues) = self.archive().map(|archive| &archive.issues) else {
            return (None, None);
        };
        match issues.iter().position(|issue| issue.id == id) {
            Some(at) => (
                at.checked_sub(1).map(|newer| &issues[newer]),
                issues.get(at + 1),
            ),
            None => (None, None),
        }
    }

    /// Every article from a region, newest first.
    pub fn region_articles(&self, filter: &RegionFilter) -> Vec<(&IssueSummary, &ArticleSummary)> {
        let Some(archive) = self.archive() else {
            return Vec::new();
        };
        archive
            .issues
            .iter()
            .flat_map(|issue| issue.articles.iter().map(move |article| (issue, article)))
            .filter(|(_, article)| in_region(&article.region, filter))
            .collect()
    }

    /// The issue files the current view shows, in the order it shows them.
    pub fn wanted_issues(&self) -> Vec<&str> {
        match &self.route {
            Route::Search(_) => self.search_wanted_issues(),
            Route::Region(filter) => {
                let mut ids: Vec<&str> = Vec::new();
                for (issue, _) in self
                    .region_articles(filter)
                    .into_iter()
                    .take(self.region_limit)
                {
                    if ids.last() != Some(&issue.id.as_str()) {
                        ids.push(&issue.id);
                    }
                }
                ids
            }
            _ => self
                .current_issue()
                .map(|issue| issue.id.as_str())
                .into_iter()
                .collect(),
        }
    }

    /// Issue files to start fetching now: wanted, never requested, within the in-flight limit.
    pub fn issues_to_fetch(&self) -> Vec<String> {
        let in_flight = self
            .issues
            .values()
            .filter(|load| **load == Load::Pending)
            .count();
        self.wanted_issues()
            .into_iter()
            .filter(|id| !self.issues.contains_key(*id))
            .take(MAX_FETCHES_IN_FLIGHT.saturating_sub(in_flight))
            .map(str::to_owned)
            .collect()
    }

    /// How many of the wanted issue files have arrived (or failed), out of how many.
    pub fn wanted_progress(&self) -> (usize, usize) {
        let wanted = self.wanted_issues();
        let settled = wanted
            .iter()
            .filter(|id| {
                matches!(
                    self.issues.get(**id),
                    Some(Load::Ready(_) | Load::Failed(_))
                )
            })
            .count();
        (settled, wanted.len())
    }

    /// How many of the issue files the current view wants could not be loaded.
    pub fn unloaded_wanted(&self) -> usize {
        self.wanted_issues()
            .iter()
            .filter(|id| matches!(self.issues.get(**id), Some(Load::Failed(_))))
            .count()
    }

    /// An issue file's path as listed in the index.
    pub fn issue_path(&self, id: &str) -> Option<&str> {
        self.issue_summary(id).map(|issue| issue.path.as_str())
    }
}

/// Whether an article's region lies within a filter.
pub fn in_region(region: &lianluo_core::Region, filter: &RegionFilter) -> bool {
    region.prefecture.as_deref() == Some(filter.prefecture.as_str())
        && filter
            .county
            .as_ref()
            .is_none_or(|county| region.county.as_ref() == Some(county))
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

mod search;

pub use search::{
    check_manifest, ResultEntry, ResultPage, Results, SearchState, RESULTS_PAGE_SIZE,
};
use search::{search_docs, search_regions};

#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;
