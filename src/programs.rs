//! The reader's other WebAssembly programs, each fetched by the loader (`www/lianluo.js`,
//! `loadProgram`) the first time it is needed: `search`, the search engine, when a reader first
//! turns to search; `check`, which says what is wrong with a damaged data file.

use std::cell::RefCell;

use js_sys::{Function, Promise};
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The loader's `loadProgram(name)`: a promise of the named program's exports, fetched
    /// once (again after a failure).
    static LOADER: RefCell<Option<Function>> = const { RefCell::new(None) };
}

/// Keeps the loader's function that fetches the other programs.
pub fn provide_loader(loader: Option<Function>) {
    LOADER.with(|kept| *kept.borrow_mut() = loader);
}

/// Asks the loader for the program `name`: a promise of its exports, so that it downloads
/// meanwhile. `None` when there is no loader (a reader mounted without one) or it refused.
pub fn start(name: &str) -> Option<Promise> {
    let loader = LOADER.with(|kept| kept.borrow().clone())?;
    loader
        .call1(&JsValue::NULL, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Promise>()
        .ok()
}
