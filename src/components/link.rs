//! Moving between views: with URL sync every view has its address in the hash (a new history
//! entry for a link, the same entry while a search is typed), and the reader follows
//! `hashchange`, so back and forward work; without it the reader navigates itself and leaves
//! the URL alone.

use yew::prelude::*;

use crate::route::Route;
use crate::timing;

/// How components ask for another view. Provided by the app as a context.
#[derive(Clone, PartialEq)]
pub struct Navigator {
    /// Whether this reader keeps its view in the URL hash.
    pub routing: bool,
    /// Shows a route in the reader itself.
    pub show: Callback<Route>,
}

impl Navigator {
    /// Goes to `route` as a new history entry (when routing), showing it at once.
    ///
    /// The view changes now rather than when the `hashchange` event the new address causes
    /// arrives, a task of its own: a busy browser can run the reader's next keys before it,
    /// and a search typed on from the issue view would then be asked for from the issue
    /// view again, as a second history entry instead of in place. When the event comes, the
    /// route it brings is the one shown (or one a search typed since put in its place).
    pub fn go(&self, route: Route) {
        timing::mark(timing::NAVIGATE_MARK);
        if self.routing {
            if let Some(location) = web_sys::window().map(|window| window.location()) {
                location.set_hash(&route.to_hash()).ok();
            }
        }
        self.show.emit(route);
    }

    /// Goes to `route` replacing the current history entry (as typing a search does).
    pub fn replace(&self, route: Route) {
        timing::mark(timing::NAVIGATE_MARK);
        if self.routing {
            if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
                let hash = route.to_hash();
                history
                    .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&hash))
                    .ok();
            }
        }
        self.show.emit(route);
    }
}

/// Links as static pages need them: to the page of an issue (`2017-15.html`), an article's
/// place in it (`2017-15.html#t-2017-15-2`), the newest issue's page (`latest.html`, one
/// name whatever the issue, so that no page changes when a newer issue comes) or the archive
/// page (`index.html`), all in one folder. Provided as a context when views are rendered to
/// static pages; without it links are reader addresses in the URL hash.
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

/// A link to a view of the reader.
#[function_component]
pub fn Link(props: &LinkProps) -> Html {
    let navigator = use_context::<Navigator>().expect("Link is rendered inside the app");
    let href = match use_context::<StaticPages>() {
        Some(pages) => pages.href(&props.to),
        None => props.to.to_hash(),
    };
    let onclick = {
        let (navigator, to) = (navigator.clone(), props.to.clone());
        Callback::from(move |event: MouseEvent| {
            let modified =
                event.ctrl_key() || event.meta_key() || event.shift_key() || event.alt_key();
            if modified && navigator.routing {
                return; // Opening in a new tab or window: the browser's business.
            }
            event.prevent_default();
            navigator.go(to.clone());
        })
    };
    html! {
        <a class={props.class.clone()} {href} aria-current={props.current.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
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
