//! Fetching data files with the browser's own `fetch` and `Response.json()`, converted to the
//! model with serde-wasm-bindgen, so that no JSON parser is compiled into the WebAssembly.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use lianluo_core::search::{Manifest, Shard, SEARCH_FORMAT_VERSION};

use crate::error::{LoadError, LoadErrorKind};

/// How long one file may take, from request to parsed body, in milliseconds. A phone on a
/// slow 3G link fetches a 200 KB index in about 10 s. Range 5,000–60,000.
pub const FETCH_TIMEOUT_MS: u32 = 20_000;

/// Fetches a versioned JSON data file (`index.json` or an issue file) and converts it.
pub async fn fetch_data<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    fetch_versioned(url, "format_version", lianluo_core::FORMAT_VERSION).await
}

/// Fetches the search manifest and converts it.
pub async fn fetch_manifest(url: &str) -> Result<Manifest, LoadError> {
    fetch_versioned(url, "version", SEARCH_FORMAT_VERSION).await
}

/// Fetches a search shard and decodes it.
pub async fn fetch_shard(url: &str) -> Result<Shard, LoadError> {
    let buffer = fetch(url, Body::Bytes).await?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Shard::decode(&bytes)
        .map_err(|error| LoadError::new(url, LoadErrorKind::Shape(error.to_string())))
}

async fn fetch_versioned<T: DeserializeOwned>(
    url: &str,
    field: &str,
    known: u32,
) -> Result<T, LoadError> {
    let value = fetch(url, Body::Json).await?;
    check_version(url, &value, field, known)?;
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        LoadError::new(url, LoadErrorKind::Shape(shape_problem(&error.to_string())))
    })
}

/// Says in Chinese what serde found wrong, from its English message, keeping the original
/// after it for whoever fixes the file. (Naming the field's path would take a path-tracking
/// deserializer: about 10 KB more gzip in every reader's download, for a publishing mistake
/// that `lianluo validate` reports with file, line and column.)
pub fn shape_problem(message: &str) -> String {
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        return format!("缺少字段 {field}");
    }
    let what = if message.starts_with("invalid type") {
        "有字段的类型不对"
    } else if message.starts_with("unknown variant") || message.starts_with("invalid value") {
        "有字段的取值不对"
    } else {
        "内容无法读取"
    };
    format!("{what}（{message}），请用 lianluo validate 检查此文件")
}

/// Refuses a file whose format version this reader does not know, before its fields are
/// read, so that a newer file is reported as newer rather than as malformed.
fn check_version(url: &str, value: &JsValue, field: &str, known: u32) -> Result<(), LoadError> {
    if !value.is_object() || js_sys::Array::is_array(value) {
        let detail = "应为一个 JSON 对象".to_owned();
        return Err(LoadError::new(url, LoadErrorKind::Shape(detail)));
    }
    let version =
        js_sys::Reflect::get(value, &JsValue::from_str(field)).unwrap_or(JsValue::UNDEFINED);
    match version.as_f64() {
        Some(found) if found == f64::from(known) => Ok(()),
        Some(found) => Err(LoadError::new(
            url,
            LoadErrorKind::Version(format!("{}", found as i64)),
        )),
        None => {
            let detail = format!("缺少 {field} 字段");
            Err(LoadError::new(url, LoadErrorKind::Shape(detail)))
        }
    }
}

/// How to read a response's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Parsed by the browser's JSON parser.
    Json,
    /// As an `ArrayBuffer`.
    Bytes,
}

/// Fetches `url` and reads its body, within [`FETCH_TIMEOUT_MS`].
pub async fn fetch(url: &str, body: Body) -> Result<JsValue, LoadError> {
    let error = |kind| LoadError::new(url, kind);
    let window = web_sys::window().ok_or_else(|| error(LoadErrorKind::Network))?;
    let controller = AbortController::new().map_err(|_| error(LoadErrorKind::Network))?;
    let timed_out = Rc::new(Cell::new(false));
    let _deadline = {
        let (timed_out, controller) = (timed_out.clone(), controller.clone());
        Timeout::new(FETCH_TIMEOUT_MS, move || {
            timed_out.set(true);
            controller.abort();
        })
    };
    let init = RequestInit::new();
    init.set_signal(Some(&controller.signal()));
    let failed = |fallback| {
        error(if timed_out.get() {
            LoadErrorKind::Timeout
        } else {
            fallback
        })
    };

    let response = JsFuture::from(window.fetch_with_str_and_init(url, &init))
        .await
        .map_err(|_| failed(LoadErrorKind::Network))?;
    let response: Response = response
        .dyn_into()
        .map_err(|_| failed(LoadErrorKind::Network))?;
    match response.status() {
        200..=299 => {}
        404 => return Err(error(LoadErrorKind::NotFound)),
        status => return Err(error(LoadErrorKind::Status(status))),
    }
    let reading = match body {
        Body::Json => response.json(),
        Body::Bytes => response.array_buffer(),
    };
    let reading = reading.map_err(|_| failed(LoadErrorKind::Malformed))?;
    JsFuture::from(reading)
        .await
        .map_err(|_| failed(LoadErrorKind::Malformed))
}

#[cfg(test)]
mod tests {
    use super::shape_problem;

    #[test]
    fn serde_messages_are_told_in_chinese_with_the_original_kept() {
        let wrong = shape_problem("invalid type: floating point `5.0`, expected a string");
        assert!(
            wrong.starts_with("有字段的类型不对（invalid type"),
            "{wrong}"
        );
        assert!(
            wrong.ends_with("请用 lianluo validate 检查此文件"),
            "{wrong}"
        );
        assert_eq!(shape_problem("missing field `title`"), "缺少字段 title");
        assert!(shape_problem("unknown variant `table`").starts_with("有字段的取值不对"));
        assert!(shape_problem("something else").starts_with("内容无法读取"));
    }
}
