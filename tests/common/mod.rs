//! Shared by the browser tests: mounting a component into a fresh shadow root, waiting for
//! Yew to render, reading the rendered DOM, and recording callbacks. Hand-made issues come
//! from `lianluo_core::test_support`.
//!
//! Each test binary uses a different subset of these helpers.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use lianluo_reader::components::link::Navigator;
use lianluo_reader::route::Route;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};
use yew::prelude::*;
use yew::AppHandle;

/// How long [`wait_until`] polls before giving up, in milliseconds. Range 1,000–10,000: a
/// fetch from the test runner's own server answers in a few milliseconds, so five seconds is
/// only reached when the awaited thing never happens.
pub const WAIT_LIMIT_MS: u64 = 5_000;

/// How often [`wait_until`] looks again, in milliseconds. Range 5–100.
const POLL_EVERY_MS: u64 = 10;

/// A host element in the page with an open shadow root holding the reader's container, as
/// the loader builds it. Removed from the page when dropped.
pub struct Host {
    host: Element,
    /// The shadow root everything is rendered under.
    pub shadow: ShadowRoot,
    /// The element components are mounted into.
    pub container: HtmlElement,
}

impl Host {
    /// Adds `<div>` with a shadow root holding a `<div>` container to the page's body.
    pub fn attach() -> Host {
        let document = gloo::utils::document();
        let host = document.create_element("div").expect("a div can be made");
        gloo::utils::body()
            .append_child(&host)
            .expect("the body takes a child");
        let shadow = host
            .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
            .expect("a div can have a shadow root");
        let container: HtmlElement = document
            .create_element("div")
            .expect("a div can be made")
            .unchecked_into();
        shadow
            .append_child(&container)
            .expect("the shadow root takes a child");
        Host {
            host,
            shadow,
            container,
        }
    }

    /// The first element matching `selector`; fails the test when there is none.
    pub fn one(&self, selector: &str) -> HtmlElement {
        self.find(selector)
            .unwrap_or_else(|| panic!("nothing matches {selector:?} in:\n{}", self.html()))
    }

    /// The first element matching `selector`, if any.
    pub fn find(&self, selector: &str) -> Option<HtmlElement> {
        self.shadow
            .query_selector(selector)
            .expect("the selector is valid")
            .map(JsCast::unchecked_into)
    }

    /// Every element matching `selector`, in document order.
    pub fn all(&self, selector: &str) -> Vec<HtmlElement> {
        let list = self
            .shadow
            .query_selector_all(selector)
            .expect("the selector is valid");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .map(JsCast::unchecked_into)
            .collect()
    }

    /// The text of every element matching `selector`.
    pub fn texts(&self, selector: &str) -> Vec<String> {
        self.all(selector).iter().map(text).collect()
    }

    /// One attribute of every element matching `selector` (empty when absent).
    pub fn attributes(&self, selector: &str, name: &str) -> Vec<String> {
        self.all(selector)
            .iter()
            .map(|element| element.get_attribute(name).unwrap_or_default())
            .collect()
    }

    /// The first button whose text is exactly `label`.
    pub fn button(&self, label: &str) -> HtmlElement {
        self.all("button")
            .into_iter()
            .find(|button| text(button) == label)
            .unwrap_or_else(|| panic!("no button {label:?} in:\n{}", self.html()))
    }

    /// Everything under the shadow root as text.
    pub fn text(&self) -> String {
        self.container.text_content().unwrap_or_default()
    }

    /// Everything under the shadow root as markup, for failure messages.
    pub fn html(&self) -> String {
        self.shadow.inner_html()
    }

    /// Renders `C` with `props` into the container and waits for the first render.
    pub async fn mount<C>(self, props: C::Properties) -> Mounted<C>
    where
        C: BaseComponent,
    {
        let app =
            yew::Renderer::<C>::with_root_and_props(self.container.clone().into(), props).render();
        settle().await;
        Mounted {
            host: self,
            app: Some(app),
        }
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        self.host.remove();
    }
}

/// A component rendered into a [`Host`]; destroyed and removed from the page when dropped.
pub struct Mounted<C: BaseComponent> {
    /// Where it is rendered.
    pub host: Host,
    app: Option<AppHandle<C>>,
}

impl<C: BaseComponent> Mounted<C> {
    /// Renders again with new props and waits for the render.
    pub async fn update(&mut self, props: C::Properties) {
        self.app
            .as_mut()
            .expect("the app lives until drop")
            .update(props);
        settle().await;
    }
}

impl<C: BaseComponent> std::ops::Deref for Mounted<C> {
    type Target = Host;

    fn deref(&self) -> &Host {
        &self.host
    }
}

impl<C: BaseComponent> Drop for Mounted<C> {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
    }
}

/// Renders `C` into a fresh [`Host`].
pub async fn mount<C: BaseComponent>(props: C::Properties) -> Mounted<C> {
    Host::attach().mount(props).await
}

/// An element's text content.
pub fn text(element: &HtmlElement) -> String {
    element.text_content().unwrap_or_default()
}

/// Waits until Yew has rendered what is scheduled (and run the effects that follow it): a
/// timer task runs only after the microtasks Yew renders in.
pub async fn settle() {
    yew::platform::time::sleep(Duration::ZERO).await;
}

/// Clicks `element` and waits for the render the click causes.
pub async fn click(element: &HtmlElement) {
    element.click();
    settle().await;
}

/// Polls `ready` until it is true, failing the test with `what` after [`WAIT_LIMIT_MS`].
pub async fn wait_until(what: &str, mut ready: impl FnMut() -> bool) {
    let started = js_sys::Date::now();
    while !ready() {
        let waited = js_sys::Date::now() - started;
        assert!(
            waited < WAIT_LIMIT_MS as f64,
            "gave up after {waited} ms: {what}"
        );
        yew::platform::time::sleep(Duration::from_millis(POLL_EVERY_MS)).await;
    }
}

/// Every value a callback was called with, in order.
#[derive(Clone)]
pub struct Recorder<T>(Rc<RefCell<Vec<T>>>);

impl<T> Default for Recorder<T> {
    fn default() -> Self {
        Recorder(Rc::new(RefCell::new(Vec::new())))
    }
}

impl<T: Clone + 'static> Recorder<T> {
    /// A new, empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// A callback that records what it is called with.
    pub fn callback(&self) -> Callback<T> {
        let calls = self.0.clone();
        Callback::from(move |value: T| calls.borrow_mut().push(value))
    }

    /// What was recorded so far.
    pub fn calls(&self) -> Vec<T> {
        self.0.borrow().clone()
    }
}

/// Props for [`WithNavigator`].
#[derive(Properties, PartialEq)]
pub struct WithNavigatorProps {
    /// Receives every route a link asks for.
    pub show: Callback<Route>,
    /// The component under test.
    pub children: Html,
}

/// Provides the [`Navigator`] context that `Link` needs, without URL sync, so that a link's
/// route reaches `show` and the page's address is left alone.
#[function_component]
pub fn WithNavigator(props: &WithNavigatorProps) -> Html {
    let navigator = Navigator::new(false, Route::Latest, props.show.clone());
    html! {
        <ContextProvider<Navigator> context={navigator}>
            { props.children.clone() }
        </ContextProvider<Navigator>>
    }
}

/// The page's `location.hash`.
pub fn page_hash() -> String {
    gloo::utils::window()
        .location()
        .hash()
        .expect("the page has a location")
}
