//! Moving between views: with URL sync every view has its address in the hash (a new history
//! entry for a link, the same entry while a search is typed), and the reader follows
//! `hashchange`, so back and forward work; without it the reader navigates itself and leaves
//! the URL alone.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::landmark::ReaderName;
use crate::address::{after_paint, Address};
use crate::route::{Route, SearchRoute};
use crate::timing;

/// How components ask for another view. Provided by the app as a context, made once per
/// reader, so that a render does not make every link render again.
///
/// It knows the route it last showed, ahead of the state: the reducer runs, and the views
/// render, only after the task that asked for a route ends, and a busy browser can run the
/// reader's next keys first. Whether a typed query starts a search (a new history entry) or
/// changes the one shown (in place) is therefore decided here, when it is asked for, and not
/// by a callback made for the view the last render showed.
///
/// It also keeps where leaving a search or a region goes (the view before it), as the reader
/// last rendered it, so that callbacks made once read it when they are called.
///
/// And it carries the reader's name for its landmarks ([`ReaderName`]), which is fixed for
/// the reader's life: in a context of its own, every component that names a landmark paid
/// for a second subscription, 1.5 KB gzip of WebAssembly.
#[derive(Clone)]
pub struct Navigator {
    routing: bool,
    show: Callback<Route>,
    places: Rc<Places>,
    pages: Option<StaticPages>,
    name: ReaderName,
}

/// What the navigator keeps as the reader moves: one allocation that every clone shares.
struct Places {
    /// The route it last showed.
    shown: RefCell<Route>,
    /// Where leaving the current search or region goes.
    return_point: RefCell<Route>,
    /// The page's address as this reader writes it.
    address: Address,
}

impl PartialEq for Navigator {
    fn eq(&self, other: &Self) -> bool {
        self.routing == other.routing
            && self.show == other.show
            && Rc::ptr_eq(&self.places, &other.places)
            && self.pages == other.pages
            && self.name == other.name
    }
}

impl Navigator {
    /// A navigator for a reader that opens on `initial` and shows routes with `show`;
    /// `routing` says whether it keeps its view in the URL hash.
    pub fn new(routing: bool, initial: Route, show: Callback<Route>) -> Self {
        Navigator {
            routing,
            show,
            places: Rc::new(Places {
                shown: RefCell::new(initial),
                return_point: RefCell::new(Route::Latest),
                address: Address::default(),
            }),
            pages: None,
            name: ReaderName::default(),
        }
    }

    /// The same navigator for a reader called `name` within the page.
    pub fn named(self, name: ReaderName) -> Self {
        Navigator { name, ..self }
    }

    /// The reader's name within the page, for its landmarks.
    pub fn reader_name(&self) -> &ReaderName {
        &self.name
    }

    /// The same navigator for views rendered to static pages: its links name the pages.
    pub fn linking_pages(self, pages: Option<StaticPages>) -> Self {
        Navigator { pages, ..self }
    }

    /// Whether links name static pages (a view rendered to one) rather than reader addresses.
    pub fn links_pages(&self) -> bool {
        self.pages.is_some()
    }

    /// The address a link to `route` names: the static page that shows it, or the reader
    /// address in the URL hash.
    pub fn href(&self, route: &Route) -> String {
        match &self.pages {
            Some(pages) => pages.href(route),
            None => route.to_hash(),
        }
    }

    /// Where leaving the current search or region goes, as the reader's state says.
    pub fn set_return_point(&self, route: Route) {
        *self.places.return_point.borrow_mut() = route;
    }

    /// Where leaving the current search or region goes.
    pub fn return_point(&self) -> Route {
        self.places.return_point.borrow().clone()
    }

    /// Whether this reader keeps its view in the URL hash.
    pub fn routing(&self) -> bool {
        self.routing
    }

    /// Goes to `route` as a new history entry (when routing), showing it at once.
    ///
    /// The view changes now rather than when the `hashchange` event the new address causes
    /// arrives, a task of its own. When the event comes, the route it brings is the one
    /// shown, or one a search typed since put in its place (see [`Navigator::address_changed`]).
    pub fn go(&self, route: Route) {
        timing::mark(timing::NAVIGATE_MARK);
        if self.routing {
            self.places.address.push(route.to_hash());
        }
        self.show(route);
    }

    /// Goes to `route` in place of the current view (as typing a search does): its address
    /// rewrites the current history entry once the view has painted (`crate::address`).
    pub fn replace(&self, route: Route) {
        timing::mark(timing::NAVIGATE_MARK);
        if self.routing && self.places.address.wait(route.to_hash()) {
            let places = self.places.clone();
            after_paint(move || places.address.write_pending());
        }
        self.show(route);
    }

    /// The page's address changed to `hash`: back, forward, an edited or pasted address, or
    /// this reader's own new entry arriving as `hashchange`. Shows the route it names, unless
    /// it is that own entry and the reader has changed the view in place since.
    pub fn address_changed(&self, hash: &str) {
        if self.places.address.is_own_echo(hash) {
            return;
        }
        self.places.address.forget_pending();
        if let Some(route) = Route::from_hash(hash) {
            timing::mark(timing::NAVIGATE_MARK);
            self.show(route);
        }
    }

    /// The reader asked for `query` in the search box. From a search, the search changes in
    /// place (an emptied box goes back to the return point); from any other view a search
    /// starts as a new history entry, returning to that view (an emptied box asks for
    /// nothing).
    pub fn search(&self, query: String) {
        let shown = self.places.shown.borrow().clone();
        match (shown, query.trim().is_empty()) {
            (Route::Search(_), true) => self.go(self.return_point()),
            (Route::Search(search), false) => {
                timing::mark(timing::SEARCH_MARK);
                self.replace(Route::Search(SearchRoute { query, ..search }));
            }
            (_, true) => {}
            (here, false) => {
                timing::mark(timing::SEARCH_MARK);
                self.set_return_point(here);
                self.go(Route::Search(SearchRoute {
                    query,
                    ..SearchRoute::default()
                }));
            }
        }
    }

    /// Changes the search shown by `change`, in place, timing the query it asks for;
    /// nothing when no search is shown (a control of a search view the reader has left).
    pub fn change_search(&self, change: impl FnOnce(SearchRoute) -> SearchRoute) {
        let Route::Search(search) = self.places.shown.borrow().clone() else {
            return;
        };
        timing::mark(timing::SEARCH_MARK);
        self.replace(Route::Search(change(search)));
    }

    /// An anchor to `to` saying `children`: [`Link`]'s, and the one each entry of a list (a
    /// result's card, an issue in the issue list) renders within its list's view. Lists make
    /// them by the dozen, and as components each would cost a render of its own whenever the
    /// list changes.
    pub fn anchor(
        &self,
        to: Route,
        class: Classes,
        current: Option<AttrValue>,
        children: Html,
    ) -> Html {
        let href = self.href(&to);
        let navigator = self.clone();
        let onclick = Callback::from(move |event: MouseEvent| {
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if modified && navigator.routing {
                return; // Opening in a new tab or window: the browser's business.
            }
            event.prevent_default();
            navigator.go(to.clone());
        });
        html! {
            <a {class} {href} aria-current={current} {onclick}>{ children }</a>
        }
    }

    fn show(&self, route: Route) {
        *self.places.shown.borrow_mut() = route.clone();
        self.show.emit(route);
    }
}

/// Links as static pages need them: to the page of an issue (`2017-15.html`), an article's
/// place in it (`2017-15.html#t-2017-15-2`), the newest issue's page (`latest.html`, one
/// name whatever the issue, so that no page changes when a newer issue comes) or the archive
/// page (`index.html`), all in one folder. The navigator carries it when views are rendered
/// to static pages; without it links are reader addresses in the URL hash.
#[derive(Clone, PartialEq)]
pub struct StaticPages;

impl StaticPages {
    /// The static page that shows `route`, or the archive page where none does (a region, a
    /// search).
    pub fn href(&self, route: &Route) -> String {
        match route {
            Route::Latest => LATEST_PAGE.to_owned(),
            Route::Issue(id) => format!("{id}.html"),
            Route::Article { id, .. } => match article_issue(id) {
                Some(issue) => format!("{issue}.html#t-{id}"),
                None => ARCHIVE_PAGE.to_owned(),
            },
            _ => ARCHIVE_PAGE.to_owned(),
        }
    }
}

/// The archive page's name, beside the issue pages.
pub const ARCHIVE_PAGE: &str = "index.html";

/// The newest issue's page, beside the issue pages.
pub const LATEST_PAGE: &str = "latest.html";

/// The issue an article id belongs to: ids are `{issue id}-{position}` (docs/format.md).
fn article_issue(id: &str) -> Option<&str> {
    let (issue, position) = id.rsplit_once('-')?;
    position.parse::<u32>().ok().map(|_| issue)
}

/// Props for [`Link`].
#[derive(Properties, PartialEq)]
pub struct LinkProps {
    /// Where the link goes.
    pub to: Route,
    /// Classes for the anchor.
    #[prop_or_default]
    pub class: Classes,
    /// `aria-current` value, when this link is the current page.
    #[prop_or_default]
    pub current: Option<AttrValue>,
    /// What the link says.
    pub children: Html,
}

/// The reader's navigator, which every view inside the app has.
#[hook]
pub fn use_navigator() -> Navigator {
    use_context::<Navigator>().expect("rendered inside the app")
}

/// A link to a view of the reader.
#[function_component]
pub fn Link(props: &LinkProps) -> Html {
    crate::render_count::rendered("Link");
    use_navigator().anchor(
        props.to.clone(),
        props.class.clone(),
        props.current.clone(),
        props.children.clone(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_pages_link_issues_articles_and_the_archive() {
        let pages = StaticPages;
        assert_eq!(pages.href(&Route::Latest), "latest.html");
        assert_eq!(pages.href(&Route::Issue("2017-15".into())), "2017-15.html");
        assert_eq!(
            pages.href(&Route::article("2017-15-2")),
            "2017-15.html#t-2017-15-2"
        );
        assert_eq!(pages.href(&Route::Issues), "index.html");
        assert_eq!(pages.href(&Route::article("odd")), "index.html");
    }
}
