//! The entry point the loader calls for each host element.

use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::Callback;

use crate::components::app::{App, AppProps};
use crate::route::Route;
use crate::source::DataSource;
use crate::storage::{recall_elder_mode, recall_text_size};

/// How a reader is mounted: what the loader reads from the host's markup and hands over.
#[derive(Debug, Clone, Default)]
pub struct MountOptions {
    /// Whether this reader keeps its view in the URL hash (the first reader of a page).
    pub routing: bool,
    /// Whether the data may live on another site (`data-lianluo-allow-cross-origin`).
    pub allow_cross_origin: bool,
    /// The reader address (`#/issue/2017-15`) to open when the URL names none (a static
    /// issue page's own issue); empty for the newest issue.
    pub view: String,
    /// Called once the first view shows what its static rendering shows.
    pub on_ready: Option<js_sys::Function>,
    /// The loader's function that fetches another of the reader's programs by name (a promise
    /// of its exports; see [`crate::programs`]).
    pub load_program: Option<js_sys::Function>,
    /// 长辈模式 as the host page sets it (`data-lianluo-elder-mode`, `on` or `off`); it wins
    /// over the reader's remembered choice. `None`: the remembered choice.
    pub elder_mode: Option<bool>,
}

impl MountOptions {
    /// The options the loader passes as an object: `{ routing, allowCrossOrigin, view,
    /// onReady, loadProgram, elderMode }`, each optional (`elderMode`: `"on"` or `"off"`).
    pub fn from_js(options: &JsValue) -> MountOptions {
        let field = |name: &str| js_sys::Reflect::get(options, &JsValue::from_str(name)).ok();
        let function = |name: &str| field(name).and_then(|value| value.dyn_into().ok());
        MountOptions {
            routing: field("routing").is_some_and(|value| value.is_truthy()),
            allow_cross_origin: field("allowCrossOrigin").is_some_and(|value| value.is_truthy()),
            view: field("view")
                .and_then(|value| value.as_string())
                .unwrap_or_default(),
            on_ready: function("onReady"),
            load_program: function("loadProgram"),
            elder_mode: match field("elderMode")
                .and_then(|value| value.as_string())
                .as_deref()
            {
                Some("on") => Some(true),
                Some("off") => Some(false),
                _ => None,
            },
        }
    }
}

/// Mounts a reader into `container` (an element inside the host's shadow root), as the loader
/// does: `source` is the `data-lianluo-src` value as written in the host's markup, resolved
/// against the page's address; `options` is an object read as [`MountOptions::from_js`].
#[wasm_bindgen(js_name = mountReader)]
pub fn mount_reader(container: HtmlElement, source: &str, options: JsValue) {
    mount(container, source, MountOptions::from_js(&options));
}

/// Mounts a reader into `container` with `options`; see [`mount_reader`].
pub fn mount(container: HtmlElement, source: &str, options: MountOptions) {
    #[cfg(not(panic = "immediate-abort"))]
    report_panics();
    let MountOptions {
        routing,
        allow_cross_origin,
        view,
        on_ready,
        load_program,
        elder_mode,
    } = options;
    crate::programs::provide_loader(load_program);
    let source = DataSource::from_markup(source, allow_cross_origin);
    let own_view = Route::from_hash(&view).unwrap_or_default();
    let hash = web_sys::window()
        .filter(|_| routing)
        .and_then(|window| window.location().hash().ok())
        .filter(|hash| !matches!(hash.as_str(), "" | "#" | "#/"));
    let initial_route = hash
        .and_then(|hash| Route::from_hash(&hash))
        .unwrap_or(own_view);
    // The loader names every reader after the first, so that their landmarks differ.
    let name = container
        .get_attribute("data-reader-name")
        .unwrap_or_default();
    let props = AppProps {
        source: Rc::new(source),
        routing,
        initial_route,
        text_size: recall_text_size(),
        elder_mode: elder_mode.unwrap_or_else(recall_elder_mode),
        name: name.into(),
        on_ready: Callback::from(move |()| {
            if let Some(on_ready) = &on_ready {
                on_ready.call0(&JsValue::NULL).ok();
            }
        }),
        files: Rc::default(),
        pages: None,
        static_text: false,
    };
    // The reader lives as long as the page: its handle is never dropped.
    std::mem::forget(yew::Renderer::<App>::with_root_and_props(container.into(), props).render());
}

/// Says on the console where the reader panicked, before the panic stops it (a trap says
/// nothing of where it came from). The place alone, not the message: formatting arbitrary
/// payloads would cost the download more. Not in the shipped build: with
/// `-Cpanic=immediate-abort` a panic traps at once and no hook ever runs.
#[cfg(not(panic = "immediate-abort"))]
fn report_panics() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let place = info.location().map_or_else(String::new, |at| {
                format!("{}:{}:{}", at.file(), at.line(), at.column())
            });
            web_sys::console::error_1(&format!("lianluo: panicked at {place}").into());
        }));
    });
}
