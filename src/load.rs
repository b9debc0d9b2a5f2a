//! Fetching data files with the browser's own `fetch` and `Response.json()`, converted to the
//! model with serde-wasm-bindgen, so that no JSON parser is compiled into the WebAssembly.

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use lianluo_core::{ArchiveIndex, Issue};

use crate::error::{LoadError, LoadErrorKind};
use crate::locate::locate;
use crate::search_index::{self, ShardFile};
use crate::state::{File, FileKey};

/// How long one file may take, from request to parsed body, in milliseconds. A phone on a
/// slow 3G link fetches a 200 KB index in about 10 s. Range 5,000–60,000.
pub const FETCH_TIMEOUT_MS: u32 = 20_000;

/// Fetches the file `key` names from `url` and reads it as its kind.
pub async fn fetch_file(key: &FileKey, url: &str) -> Result<File, LoadError> {
    Ok(match key {
        FileKey::Index => File::Index(Rc::new(fetch_data::<ArchiveIndex>(url).await?)),
        FileKey::Issue(_) => File::Issue(Rc::new(fetch_data::<Issue>(url).await?)),
        FileKey::Manifest => File::Manifest(Rc::new(search_index::open(url).await?)),
        FileKey::Shard(_) => File::Shard(Rc::new(fetch_shard(url).await?)),
    })
}

/// Fetches a versioned JSON data file (`index.json` or an issue file) and converts it.
async fn fetch_data<T: DeserializeOwned>(url: &str) -> Result<T, LoadError> {
    fetch_versioned(url, "format_version", lianluo_core::FORMAT_VERSION).await
}

/// Fetches a search shard and reads it.
async fn fetch_shard(url: &str) -> Result<ShardFile, LoadError> {
    let buffer = fetch(url, Body::Bytes).await?;
    ShardFile::read(&buffer).map_err(|problem| LoadError::new(url, LoadErrorKind::Shape(problem)))
}

/// Fetches a JSON file whose `field` must be the format version `known`, and converts it.
pub(crate) async fn fetch_versioned<T: DeserializeOwned>(
    url: &str,
    field: &str,
    known: u32,
) -> Result<T, LoadError> {
    let value = fetch(url, Body::Json).await?;
    check_version(url, &value, field, known)?;
    convert::<T>(&value).map_err(|message| {
        let path = locate(&value, &|candidate| convert::<T>(candidate).err());
        let problem = shape_problem(&message, path.as_deref());
        LoadError::new(url, LoadErrorKind::Shape(problem))
    })
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

/// Says in Chinese what serde found wrong, and where when `path` is known (`articles[1].title`):
/// "字段 title 应为文字，实为数字 5". Messages of another form are kept as they are.
pub fn shape_problem(message: &str, path: Option<&str>) -> String {
    let field = match path {
        Some(path) => format!("字段 {path} "),
        None => "有字段".to_owned(),
    };
    if let Some(rest) = message.strip_prefix("missing field `") {
        let missing = rest.split('`').next().unwrap_or_default();
        return match path {
            Some(path) => format!("{path} 缺少字段 {missing}"),
            None => format!("缺少字段 {missing}"),
        };
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        return format!(
            "{field}应为{}，实为{}",
            kind_expected(expected),
            kind_found(found)
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let value = rest.split('`').next().unwrap_or_default();
        return format!("{field}的取值“{value}”不是规定的取值之一");
    }
    if message.starts_with("invalid value") || message.starts_with("invalid length") {
        return format!("{field}的取值不对");
    }
    format!("内容无法读取（{message}）")
}

/// serde's "expected …" in words.
fn kind_expected(expected: &str) -> &'static str {
    if expected.contains("string") || expected.contains("char") {
        "文字"
    } else if expected.contains("bool") {
        "真假值"
    } else if ["u8", "u16", "u32", "u64", "i32", "i64", "integer"]
        .iter()
        .any(|t| expected.contains(t))
    {
        "整数"
    } else if expected.contains("sequence") {
        "数组"
    } else if expected.contains("struct") || expected.contains("map") {
        "对象"
    } else {
        "另一种类型"
    }
}

/// serde's "invalid type: …" in words, with the value when it is short.
fn kind_found(found: &str) -> String {
    let quoted = |text: &str| text.split('`').nth(1).unwrap_or_default().to_owned();
    if found.starts_with("integer") || found.starts_with("floating point") {
        // JSON numbers reach serde as floating point: 5 comes as `5.0`.
        let number = quoted(found);
        format!("数字 {}", number.strip_suffix(".0").unwrap_or(&number))
    } else if found.starts_with("boolean") {
        format!("真假值 {}", quoted(found))
    } else if found.starts_with("string") {
        "文字".to_owned()
    } else if found.starts_with("sequence") {
        "数组".to_owned()
    } else if found.starts_with("map") {
        "对象".to_owned()
    } else if found.starts_with("unit") || found.starts_with("null") || found.starts_with("Option")
    {
        "空值".to_owned()
    } else {
        "其他类型".to_owned()
    }
}

/// Refuses a file whose format version this reader does not know, before its fields are
/// read, so that a newer file is reported as newer rather than as malformed.
pub(crate) fn check_version(
    url: &str,
    value: &JsValue,
    field: &str,
    known: u32,
) -> Result<(), LoadError> {
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
    fn serde_messages_are_told_in_chinese_with_the_field() {
        let wrong = "invalid type: floating point `5.0`, expected a string";
        assert_eq!(
            shape_problem(wrong, Some("articles[1].title")),
            "字段 articles[1].title 应为文字，实为数字 5"
        );
        assert_eq!(
            shape_problem("invalid type: string \"x\", expected u32", None),
            "有字段应为整数，实为文字"
        );
        assert_eq!(
            shape_problem("invalid type: null, expected a sequence", Some("issues")),
            "字段 issues 应为数组，实为空值"
        );
        assert_eq!(
            shape_problem("missing field `title`", Some("issues[2]")),
            "issues[2] 缺少字段 title"
        );
        assert_eq!(
            shape_problem("missing field `title`", None),
            "缺少字段 title"
        );
        assert_eq!(
            shape_problem(
                "unknown variant `table`, expected `paragraph` or `heading`",
                Some("articles[0].blocks[3].kind")
            ),
            "字段 articles[0].blocks[3].kind 的取值“table”不是规定的取值之一"
        );
        assert_eq!(shape_problem("odd", None), "内容无法读取（odd）");
    }
}
