//! The reader's way back out of a result list. A region or a search is a detour: clearing it
//! returns to the view it was entered from, and reading one of its articles and coming back
//! finds the list as long as it was.

use crate::route::Route;

/// How many entries a result list shows before "more", and how many each "more" adds.
/// Range 5–50: a phone screen shows about five.
pub const LIST_PAGE_SIZE: usize = 20;

/// The result list (a region or a search) the reader is on, or last left for one of its
/// articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListVisit {
    /// The list, as its route.
    pub list: Route,
    /// The view the reader was on before the first list of this visit: clearing returns here.
    pub entered_from: Route,
    /// How many entries the list shows.
    pub shown: usize,
}

impl ListVisit {
    /// The visit a reader starts with: a list opened from a link returns to the newest issue.
    pub fn opening(route: &Route) -> Option<ListVisit> {
        route.is_result_list().then(|| ListVisit {
            list: route.clone(),
            entered_from: Route::Latest,
            shown: LIST_PAGE_SIZE,
        })
    }

    /// The visit after moving from `from` to `to`, given the visit before (`None` when the
    /// reader has not been on a list).
    pub fn after(visit: Option<ListVisit>, from: &Route, to: &Route) -> Option<ListVisit> {
        if !to.is_result_list() {
            // Off to an article (or anywhere): the list is remembered for the way back.
            return visit;
        }
        match visit {
            // Back to the very list left, or still on it: as it was.
            Some(visit) if visit.list == *to => Some(visit),
            // From one list to another (a narrower region, a new query): the same way out,
            // a fresh page.
            Some(visit) if from.is_result_list() => Some(ListVisit {
                list: to.clone(),
                shown: LIST_PAGE_SIZE,
                ..visit
            }),
            _ => Some(ListVisit {
                list: to.clone(),
                entered_from: from.clone(),
                shown: LIST_PAGE_SIZE,
            }),
        }
    }
}
