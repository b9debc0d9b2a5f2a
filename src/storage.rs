//! Remembering the reader's text size in `localStorage`, where the browser allows it.

use crate::text_size::TextSize;

/// The storage key, shared by every reader on the site.
const TEXT_SIZE_KEY: &str = "lianluo:text-size";

fn local_storage() -> Option<web_sys::Storage> {
    // Storage can be refused (private browsing, sandboxed frames): then nothing is remembered.
    web_sys::window()?.local_storage().ok()?
}

/// The remembered text size, or the default.
pub fn recall_text_size() -> TextSize {
    local_storage()
        .and_then(|storage| storage.get_item(TEXT_SIZE_KEY).ok()?)
        .and_then(|value| TextSize::from_class(&value))
        .unwrap_or_default()
}

/// Remembers a text size.
pub fn remember_text_size(size: TextSize) {
    if let Some(storage) = local_storage() {
        storage.set_item(TEXT_SIZE_KEY, size.class()).ok();
    }
}
