//! Remembering the reader's text size and 长辈模式 in `localStorage`, where the browser allows
//! it.

use crate::text_size::TextSize;

/// The storage key, shared by every reader on the site.
const TEXT_SIZE_KEY: &str = "lianluo:text-size";

/// The key of 长辈模式, `on` or `off`; the loader reads it too, to show static text in the
/// mode the reader will take over in.
const ELDER_MODE_KEY: &str = "lianluo:elder-mode";

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

/// Whether 长辈模式 was left on.
pub fn recall_elder_mode() -> bool {
    local_storage()
        .and_then(|storage| storage.get_item(ELDER_MODE_KEY).ok()?)
        .is_some_and(|value| value == "on")
}

/// Remembers 长辈模式 on or off.
pub fn remember_elder_mode(on: bool) {
    if let Some(storage) = local_storage() {
        storage
            .set_item(ELDER_MODE_KEY, if on { "on" } else { "off" })
            .ok();
    }
}
