//! The page of a result list shown now — a region's articles, or a search's results in the
//! chosen order and region — as positions in the archive index, worked out once per change of
//! what it depends on.

use lianluo_core::search::Hit;
use lianluo_core::ArchiveIndex;

use super::{in_region, State};
use crate::error::LoadError;
use crate::route::{Route, SearchSort};

/// An article's place in the archive index: `issues[issue].articles[article]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placed {
    /// The issue's position.
    pub issue: usize,
    /// The article's position within the issue.
    pub article: usize,
}

/// The entries a list shows now, and how many it has in all.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ListPage {
    /// The first entries, as many as are shown.
    pub listed: Vec<Placed>,
    /// Every entry of the list.
    pub total: usize,
}

/// What a page depends on; the page is worked out again only when one of these changed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct PageInputs {
    route: Route,
    shown: usize,
    /// Whether the search's results are known, and whether they are a failure.
    answered: Option<bool>,
    /// The archive index by identity: a new index is a new list.
    archive: *const ArchiveIndex,
}

impl State {
    /// Brings the page up to date with the route, the list's length and the results.
    pub(super) fn refresh_page(&mut self, archive: &ArchiveIndex) {
        let inputs = PageInputs {
            route: self.route.clone(),
            shown: self.visit.as_ref().map_or(0, |visit| visit.shown),
            answered: self.search.current().map(|results| results.hits.is_err()),
            archive,
        };
        if self.page_inputs.as_ref() != Some(&inputs) {
            self.page = self.list_page(archive, inputs.shown);
            self.page_inputs = Some(inputs);
        }
    }

    fn list_page(
        &self,
        archive: &ArchiveIndex,
        shown: usize,
    ) -> Option<Result<ListPage, LoadError>> {
        match &self.route {
            Route::Region(filter) => {
                let articles = archive.issues.iter().enumerate().flat_map(|(i, issue)| {
                    issue
                        .articles
                        .iter()
                        .enumerate()
                        .filter_map(move |(a, article)| {
                            in_region(&article.region, filter).then_some(Placed {
                                issue: i,
                                article: a,
                            })
                        })
                });
                Some(Ok(paged(articles, shown)))
            }
            Route::Search(search) => {
                let ranked = match &self.search.current()?.hits {
                    Ok(ranked) => ranked,
                    Err(error) => return Some(Err(error.clone())),
                };
                let hits = match search.sort {
                    SearchSort::Relevance => &ranked.best_first,
                    SearchSort::Newest => &ranked.newest_first,
                };
                let region = search.region.as_ref();
                let placed = hits.iter().filter_map(|hit: &Hit| {
                    let place = self.search.place(hit.doc)?;
                    let article = archive
                        .issues
                        .get(place.issue)?
                        .articles
                        .get(place.article)?;
                    region
                        .is_none_or(|filter| in_region(&article.region, filter))
                        .then_some(Placed {
                            issue: place.issue,
                            article: place.article,
                        })
                });
                Some(Ok(paged(placed, shown)))
            }
            _ => None,
        }
    }
}

/// The first `shown` entries, counting them all.
fn paged(entries: impl Iterator<Item = Placed>, shown: usize) -> ListPage {
    let mut page = ListPage::default();
    for entry in entries {
        if page.listed.len() < shown {
            page.listed.push(entry);
        }
        page.total += 1;
    }
    page
}
