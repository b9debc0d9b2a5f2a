//! The reader's state and every change to it: a pure reducer, tested natively.
//!
//! Components render a [`State`] and send [`Action`]s. The state names the data files it
//! wants ([`State::files_to_fetch`]); one effect in `components::app` fetches them and
//! reports each back ([`Action::FileArrived`]). What is worked out from the files — the parsed
//! query, its ranked results, the page of a list shown now — is stored when its inputs change,
//! never recomputed by a render.

use std::rc::Rc;

use lianluo_core::{ArchiveIndex, ArticleSummary, Issue, IssueSummary, RegionCount};
use yew::Reducible;

use crate::error::{LoadError, LoadErrorKind};
use crate::route::{RegionFilter, Route};
use crate::search_index::SearchEngine;
use crate::text_size::TextSize;

mod files;
mod list_page;
pub mod lookup;
mod search;
mod visit;

pub use files::{File, FileKey, Files, Load};
pub use list_page::{ListPage, Placed};
pub use search::{Ranked, Results, SearchState};
pub use visit::{ListVisit, LIST_PAGE_SIZE};

/// How many data files may be downloading at once. Browsers allow six connections per host on
/// HTTP/1.1; four leaves room for the host page. Range 1–6.
pub const MAX_FETCHES_IN_FLIGHT: usize = 4;

/// Everything the reader shows is derived from this.
#[derive(Debug, Clone, PartialEq)]
pub struct State {
    /// The current view.
    route: Route,
    /// Every data file asked for so far.
    files: Files,
    /// The reader's chosen text size.
    text_size: TextSize,
    /// Whether 长辈模式 is on.
    elder_mode: bool,
    /// The result list the reader is on or last left, and the way back out of it.
    visit: Option<ListVisit>,
    /// The search: the parsed query, its results, the documents it ranks.
    search: SearchState,
    /// Article counts per prefecture across the archive, from the index.
    region_counts: Rc<Vec<RegionCount>>,
    /// The current list's page (a region's articles or a search's results), once known.
    page: Option<Result<ListPage, LoadError>>,
    /// What `page` was worked out from.
    page_inputs: Option<list_page::PageInputs>,
}

/// Every change the reader's state can undergo.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Show another view.
    Navigate(Route),
    /// These files are being fetched.
    FilesRequested(Vec<FileKey>),
    /// A file arrived, or could not be had.
    FileArrived(FileKey, Result<File, LoadError>),
    /// Fetch again the wanted files that failed.
    RetryFailed,
    /// List more entries of the current region or search.
    ShowMore,
    /// Change the text size.
    SetTextSize(TextSize),
    /// 长辈模式 was turned on or off.
    SetElderMode(bool),
    /// Result cards of these issues came on screen: fetch their files for snippets.
    ResultsSeen(Vec<String>),
    /// The reader turned to the search box: get ready for a first query.
    SearchFocused,
    /// The reader is typing this in the search box: what it needs is fetched during the
    /// typing pause.
    SearchTyped(String),
}

impl State {
    /// The state of a freshly mounted reader.
    pub fn new(route: Route, text_size: TextSize) -> Self {
        let mut state = State {
            visit: ListVisit::opening(&route),
            route,
            files: Files::default(),
            text_size,
            elder_mode: false,
            search: SearchState::default(),
            region_counts: Rc::default(),
            page: None,
            page_inputs: None,
        };
        state.refresh();
        state
    }

    /// Applies one action, then brings what is derived from the state up to date.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Navigate(route) => {
                self.visit = ListVisit::after(self.visit.take(), &self.route, &route);
                self.route = route;
            }
            Action::FilesRequested(keys) => {
                for key in keys {
                    self.files.set(key, Load::Pending);
                }
            }
            Action::FileArrived(key, result) => {
                let load = match result.and_then(|file| self.consistent(&key, file)) {
                    Ok(file) => Load::Ready(file),
                    Err(error) => Load::Failed(error),
                };
                if key == FileKey::Index {
                    self.index_arrived(&load);
                }
                let of_index = matches!(key, FileKey::Index | FileKey::Volume(_));
                self.files.set(key, load);
                if of_index {
                    self.files.join_volumes();
                }
            }
            Action::RetryFailed => {
                self.files.forget_failed(&self.wanted_files());
                self.search.forget_failure();
            }
            Action::ShowMore => {
                if let Some(visit) = &mut self.visit {
                    visit.shown += LIST_PAGE_SIZE;
                }
            }
            Action::SetTextSize(size) => self.text_size = size,
            Action::SetElderMode(on) => self.elder_mode = on,
            Action::ResultsSeen(ids) => self.search.seen(ids),
            Action::SearchFocused => self.search.prime(),
            Action::SearchTyped(text) => self.search.type_ahead(&text),
        }
        self.refresh();
    }

    /// Whether `action` would change anything. Many change nothing, and keeping the state as
    /// it is spares a copy and a render: the `hashchange` that follows a view the reader
    /// already shows, files asked for again while on their way, cards already seen, the box
    /// focused again.
    fn changed_by(&self, action: &Action) -> bool {
        match action {
            Action::Navigate(route) => *route != self.route,
            Action::FilesRequested(keys) => keys
                .iter()
                .any(|key| !matches!(self.files.get(key), Some(Load::Pending))),
            Action::SetTextSize(size) => *size != self.text_size,
            Action::SetElderMode(on) => *on != self.elder_mode,
            Action::ResultsSeen(ids) => ids.iter().any(|id| !self.search.was_seen(id)),
            Action::SearchFocused => !self.search.is_primed(),
            Action::FileArrived(..)
            | Action::RetryFailed
            | Action::ShowMore
            | Action::SearchTyped(_) => true,
        }
    }

    /// A file as it may be kept: an issue file must hold the issue it is named for, and the
    /// manifest must come from the same build as the index.
    fn consistent(&self, key: &FileKey, file: File) -> Result<File, LoadError> {
        match (key, &file) {
            (FileKey::Issue(id), File::Issue(issue)) if issue.id != *id => Err(LoadError::new(
                self.file_path(key).unwrap_or(id),
                LoadErrorKind::Mismatch(format!("应为第 {id} 期，文件中却是 {}", issue.id)),
            )),
            (FileKey::Manifest, File::Manifest(manifest))
                if self
                    .archive()
                    .is_some_and(|archive| !manifest.matches_archive(archive)) =>
            {
                Err(LoadError::new(
                    self.file_path(key).unwrap_or_default(),
                    LoadErrorKind::Mismatch(
                        "搜索索引与文章目录不是同一次生成的，请重新生成网站数据".into(),
                    ),
                ))
            }
            _ => Ok(file),
        }
    }

    fn index_arrived(&mut self, load: &Load<File>) {
        if let Load::Ready(File::Index(archive, _)) = load {
            self.region_counts = Rc::new(archive.regions.clone());
        }
    }

    /// Brings the derived values up to date with the route and the files.
    fn refresh(&mut self) {
        self.search.follow(&self.route);
        if let Some(archive) = self.files.archive().cloned() {
            self.search.evaluate(&self.files, &archive);
            self.refresh_page(&archive);
        }
    }

    /// The current view.
    pub fn route(&self) -> &Route {
        &self.route
    }

    /// The reader's chosen text size.
    pub fn text_size(&self) -> TextSize {
        self.text_size
    }

    /// Whether 长辈模式 is on: large, high-contrast text and large controls.
    pub fn elder_mode(&self) -> bool {
        self.elder_mode
    }

    /// The search: the parsed query, its results, the documents it ranks.
    pub fn search(&self) -> &SearchState {
        &self.search
    }

    /// Article counts per prefecture across the archive, from the index.
    pub fn region_counts(&self) -> &Rc<Vec<RegionCount>> {
        &self.region_counts
    }

    /// The archive index, once loaded.
    pub fn archive(&self) -> Option<&ArchiveIndex> {
        self.files.archive().map(Rc::as_ref)
    }

    /// The archive index's load: `Pending` until it arrives.
    pub fn index(&self) -> Load<Rc<ArchiveIndex>> {
        self.files.index().unwrap_or(Load::Pending)
    }

    /// An issue file's load, once asked for.
    pub fn issue(&self, id: &str) -> Option<Load<Rc<Issue>>> {
        self.files.issue(id)
    }

    /// An issue's entry in the archive index.
    pub fn issue_summary(&self, id: &str) -> Option<&IssueSummary> {
        self.archive()?.issues.get(self.files.lookup()?.issue(id)?)
    }

    /// The issue that contains an article, and the article's entry.
    pub fn article_summary(&self, article_id: &str) -> Option<(&IssueSummary, &ArticleSummary)> {
        let (at, place) = self.files.lookup()?.article(article_id)?;
        let issue = self.archive()?.issues.get(at)?;
        Some((issue, issue.articles.get(place)?))
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
        match self.files.lookup().and_then(|lookup| lookup.issue(id)) {
            Some(at) => (
                at.checked_sub(1).map(|newer| &issues[newer]),
                issues.get(at + 1),
            ),
            None => (None, None),
        }
    }

    /// Where clearing the current region or search takes the reader.
    pub fn return_point(&self) -> Route {
        self.visit
            .as_ref()
            .map_or(Route::Latest, |visit| visit.entered_from.clone())
    }

    /// The current list's page: the entries shown of a region's articles or a search's
    /// results and how many there are; `None` when the view is no list or while it is not
    /// known yet; the failure when the search index could not answer.
    pub fn page(&self) -> Option<&Result<ListPage, LoadError>> {
        self.page.as_ref()
    }

    /// The files the current view needs, most urgent first: the index, then the search
    /// files, then the issue files it shows.
    pub fn wanted_files(&self) -> Vec<FileKey> {
        let mut wanted = vec![FileKey::Index];
        wanted.extend(self.files.volumes_wanted());
        if let Some(archive) = self.archive() {
            wanted.extend(self.search.wanted_files(archive, &self.files));
            wanted.extend(self.wanted_issues().into_iter().map(FileKey::Issue));
        }
        wanted
    }

    /// The issue files the current view shows, in the order it shows them.
    fn wanted_issues(&self) -> Vec<String> {
        match &self.route {
            Route::Region(_) | Route::Search(_) => {
                let Some((archive, Ok(page))) = self.archive().zip(self.page.as_ref()) else {
                    return Vec::new();
                };
                let mut ids: Vec<String> = Vec::new();
                for placed in &page.listed {
                    let id = &archive.issues[placed.issue].id;
                    let wanted = match &self.route {
                        Route::Search(_) => self.search.was_seen(id),
                        _ => true,
                    };
                    if wanted && !ids.contains(id) {
                        ids.push(id.clone());
                    }
                }
                ids
            }
            _ => self
                .current_issue()
                .map(|issue| issue.id.clone())
                .into_iter()
                .collect(),
        }
    }

    /// Wanted files never asked for, as many as may start now.
    pub fn files_to_fetch(&self) -> Vec<FileKey> {
        let room = MAX_FETCHES_IN_FLIGHT.saturating_sub(self.files.in_flight());
        self.wanted_files()
            .into_iter()
            .filter(|key| self.files.get(key).is_none())
            .take(room)
            .collect()
    }

    /// A file's path relative to `index.json`, as the index names it; `None` for the index
    /// itself (its address comes from the host's markup) and for a file the index does not
    /// know.
    pub fn file_path<'a>(&'a self, key: &'a FileKey) -> Option<&'a str> {
        match key {
            FileKey::Index => None,
            FileKey::Issue(id) => self.issue_summary(id).map(|issue| issue.path.as_str()),
            FileKey::Manifest => self.archive()?.search.as_deref(),
            FileKey::Shard(path) | FileKey::Volume(path) => Some(path),
        }
    }

    /// Whether the current view shows what a static rendering of it would: the index has
    /// arrived (or failed) and so has the issue file an issue or article view shows. Lists
    /// fill in their entries afterwards, as a live reader does.
    pub fn view_settled(&self) -> bool {
        match self.index() {
            Load::Pending => false,
            Load::Failed(_) => true,
            Load::Ready(_) => match self.current_issue() {
                Some(issue) => self
                    .files
                    .get(&FileKey::Issue(issue.id.clone()))
                    .is_some_and(Load::settled),
                None => true,
            },
        }
    }

    /// How the issue files of the current view stand.
    pub fn issue_progress(&self) -> Progress {
        let mut progress = Progress::default();
        for id in self.wanted_issues() {
            progress.wanted += 1;
            match self.files.get(&FileKey::Issue(id)) {
                Some(Load::Ready(_)) => progress.settled += 1,
                Some(Load::Failed(_)) => {
                    progress.settled += 1;
                    progress.failed += 1;
                }
                _ => {}
            }
        }
        progress
    }
}

/// How the issue files a view wants stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Arrived or failed.
    pub settled: usize,
    /// Wanted in all.
    pub wanted: usize,
    /// Failed.
    pub failed: usize,
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
        // The same state back: Yew renders nothing for it.
        if !self.changed_by(&action) {
            return self;
        }
        let mut next = Rc::unwrap_or_clone(self);
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod search_tests;
#[cfg(test)]
mod tests;
