//! The 联络动态 reader: a Yew app that shows the newsletter's issues from static JSON files.
//!
//! The page's loader (`www/lianluo.js`) gives each host element a shadow root and calls
//! [`mount_reader`]. From there everything is in this crate: a pure reducer ([`state`]) that
//! holds what is shown, components that render it, and effects that fetch the files it asks for.

pub mod check;
pub mod components;
pub mod contact_links;
pub mod data_fetch;
pub mod error;
pub mod format;
pub mod programs;
pub mod render_count;
pub mod route;
pub mod search_index;
pub mod source;
pub mod state;
#[cfg(feature = "ssr")]
pub mod static_view;
pub mod storage;
pub mod text_size;
pub mod timing;

mod address;
mod mount;

pub use mount::{mount, mount_reader, MountOptions};

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
