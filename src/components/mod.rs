//! The reader's components. Each renders part of the state it is given and reports what the
//! reader did through callbacks. [`app::App`] holds the state and performs the I/O on data
//! (fetching, the URL hash); the others touch the browser only for their own element: the
//! search box's typing pause, focus and scrolling after a change of view, the page's address
//! when a link is followed.

pub mod app;
pub mod article;
pub mod article_view;
pub mod back_matter;
pub mod issue_list;
pub mod issue_view;
pub mod landmark;
pub mod link;
pub mod masthead;
pub mod notice;
pub mod region_picker;
pub mod region_view;
pub mod search_box;
pub mod search_view;
pub mod teaser;
pub mod toolbar;

use yew::AttrValue;

/// The `aria-pressed` value of a toggle button that is `on` or not.
pub fn pressed(on: bool) -> AttrValue {
    AttrValue::Static(if on { "true" } else { "false" })
}
