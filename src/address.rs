//! The page's address (the URL hash) as a routing reader writes it. A new view is a new
//! history entry at once. A search changed in place (typed on, sorted, narrowed to a region)
//! rewrites its entry only after the results have painted: writing an address is a
//! same-document navigation the browser reports beyond the page, which costs more than half a
//! millisecond (more with developer tools attached), and a reader waiting for results is not
//! looking at the address.

use std::cell::RefCell;

use gloo::timers::callback::Timeout;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The address writer of one reader.
#[derive(Default)]
pub struct Address {
    /// The rewrite of the current entry that waits for the paint, if any.
    pending: RefCell<Option<String>>,
    /// The hash of the entry this reader added last.
    pushed: RefCell<String>,
}

impl Address {
    /// Adds a history entry for `hash`. A rewrite still waiting is written first, so that the
    /// entry being left keeps the search last shown in it.
    pub fn push(&self, hash: String) {
        self.write_pending();
        if let Some(window) = web_sys::window() {
            window.location().set_hash(&hash).ok();
        }
        *self.pushed.borrow_mut() = hash;
    }

    /// Keeps `hash` as the current entry's address to write once the frame has painted
    /// ([`after_paint`]), in place of a rewrite still waiting; true when none was, and the
    /// caller is to arrange the write.
    pub fn wait(&self, hash: String) -> bool {
        self.pending.borrow_mut().replace(hash).is_none()
    }

    /// Whether a `hashchange` to `hash` is this reader's own new entry arriving while a rewrite
    /// of it waits: the reader has moved on from that address already.
    pub fn is_own_echo(&self, hash: &str) -> bool {
        self.pending.borrow().is_some() && *self.pushed.borrow() == hash
    }

    /// The page moved to another entry (back, forward, an edited address): a rewrite still
    /// waiting belonged to the entry left, and is dropped.
    pub fn forget_pending(&self) {
        self.pending.borrow_mut().take();
    }

    /// Writes the rewrite waiting, if any.
    pub fn write_pending(&self) {
        let Some(hash) = self.pending.borrow_mut().take() else {
            return;
        };
        if let Some(history) = web_sys::window().and_then(|window| window.history().ok()) {
            history
                .replace_state_with_url(&JsValue::NULL, "", Some(&hash))
                .ok();
        }
    }
}

/// Runs `f` in a task after the next frame has painted what the current task changed: a
/// timeout set from the frame's callback, which runs before that paint. (A page that is not
/// shown runs no frames; its rewrite waits for it to be shown, or is written by the next new
/// entry.)
pub fn after_paint(f: impl FnOnce() + 'static) {
    let frame = Closure::once_into_js(move || Timeout::new(0, f).forget());
    if let Some(window) = web_sys::window() {
        window.request_animation_frame(frame.unchecked_ref()).ok();
    }
}
