//! Says what is wrong with a data file the reader could not read, in a WebAssembly module of
//! its own.
//!
//! The reader reads `index.json` and issue files with miniserde, whose errors say only that
//! something is wrong. When a file fails (or the search module refuses a manifest), the
//! reader's loader fetches this module (`www/lianluo.js`, `loadProgram("check")`) and the
//! reader asks it (`src/check.rs`): the format version, when it is one the reader does not
//! know, or else the field that has the wrong shape, found by converting the file again with
//! serde and leaving parts of it out ([`locate`]). That takes serde's derived code for every
//! data type, which only a damaged file needs, so no sound visit fetches it.

mod locate;
mod shape;

pub use locate::locate;
pub use shape::shape_problem;

use js_sys::{Array, Reflect};
use lianluo_core::search::{Manifest, SEARCH_FORMAT_VERSION};
use lianluo_core::{ArchiveIndex, Issue, FORMAT_VERSION, VOLUMES_FORMAT_VERSION};
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// What is wrong with a data file: one of the two is set.
#[wasm_bindgen(getter_with_clone)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's format version, when it is one this reader does not know.
    pub version: Option<String>,
    /// Otherwise what is wrong with its content, in Chinese: "字段 articles[1].title
    /// 应为文字，实为数字 5".
    pub shape: Option<String>,
}

impl Problem {
    fn shape(detail: impl Into<String>) -> Problem {
        Problem {
            version: None,
            shape: Some(detail.into()),
        }
    }
}

/// What is wrong with `value`, a data file as parsed by the browser's JSON parser, of the kind
/// `kind`: `index` (`index.json`), `issue` (an issue file) or `manifest` (the search manifest).
#[wasm_bindgen]
pub fn diagnose(kind: &str, value: &JsValue) -> Problem {
    match kind {
        "index" => problem::<ArchiveIndex>(
            value,
            "format_version",
            &[FORMAT_VERSION, VOLUMES_FORMAT_VERSION],
        ),
        "issue" => problem::<Issue>(value, "format_version", &[FORMAT_VERSION]),
        "manifest" => problem::<Manifest>(value, "version", &[SEARCH_FORMAT_VERSION]),
        _ => Problem::shape(format!("未知的文件种类 {kind}")),
    }
}

/// A file whose version field `field` is none of `known` is reported as that version, before its
/// fields are read, so that a newer file is told apart from a malformed one.
fn problem<T: DeserializeOwned>(value: &JsValue, field: &str, known: &[u32]) -> Problem {
    if !value.is_object() || Array::is_array(value) {
        return Problem::shape("应为一个 JSON 对象");
    }
    let version = Reflect::get(value, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED);
    match version.as_f64() {
        Some(found) if !known.iter().any(|&version| found == f64::from(version)) => {
            return Problem {
                version: Some((found as i64).to_string()),
                shape: None,
            }
        }
        Some(_) => {}
        None => return Problem::shape(format!("缺少 {field} 字段")),
    }
    match convert::<T>(value) {
        Err(message) => {
            let path = locate(value, &|candidate| convert::<T>(candidate).err());
            Problem::shape(shape_problem(&message, path.as_deref()))
        }
        // serde reads it, but the reader's stricter reading did not (a whole number written
        // as 15.0, for one).
        Ok(_) => Problem::shape("内容无法读取"),
    }
}

/// Converts a value from the browser's JSON parser to `T`, or says in serde's words what is
/// wrong with it.
pub fn convert<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    serde_wasm_bindgen::from_value(value.clone()).map_err(|error| {
        let message = error.to_string();
        // serde-wasm-bindgen's errors are JavaScript `Error`s, written "Error: …".
        match message.strip_prefix("Error: ") {
            Some(rest) => rest.to_owned(),
            None => message,
        }
    })
}

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
