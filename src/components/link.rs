//! Moving between views: with URL sync the address bar leads (links change the hash and the
//! reader follows `hashchange`, so back and forward work); without it the reader navigates
//! itself and leaves the URL alone.

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
    /// Goes to `route` as a new history entry (when routing).
    pub fn go(&self, route: Route) {
        timing::mark(timing::NAVIGATE_MARK);
        let location = web_sys::window().map(|window| window.location());
        match location {
            Some(location) if self.routing => {
                // The browser's hashchange event brings the route back to the app.
                if location.set_hash(&route.to_hash()).is_err() {
                    self.show.emit(route);
                }
            }
            _ => self.show.emit(route),
        }
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
        <a class={props.class.clone()} href={props.to.to_hash()} aria-current={props.current.clone()} {onclick}>
            { props.children.clone() }
        </a>
    }
}
