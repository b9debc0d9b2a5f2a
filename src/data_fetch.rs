//! Fetching data files with the browser's own `fetch`. `index.json` and issue files are read
//! with miniserde, which takes far less WebAssembly than serde's derived code; when one cannot
//! be read, the check program says what is wrong with it ([`crate::check`]).

use std::cell::Cell;
use std::rc::Rc;

use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestInit, Response};

use lianluo_core::{ArchiveIndex, Issue, FORMAT_VERSION, VOLUMES_FORMAT_VERSION};

use crate::check::{self, DataKind};
use crate::error::{LoadError, LoadErrorKind};
use crate::search_index::{self, ShardFile};
use crate::state::{File, FileKey};

/// How long one file may take, from request to parsed body, in milliseconds. A phone on a
/// slow 3G link fetches a 200 KB index in about 10 s. Range 5,000–60,000.
pub const FETCH_TIMEOUT_MS: u32 = 20_000;

/// Fetches the file `key` names from `url` and reads it as its kind.
pub async fn fetch_file(key: &FileKey, url: &str) -> Result<File, LoadError> {
    Ok(match key {
        // One call for both, so that the reading code is in the program once.
        FileKey::Index | FileKey::Volume(_) => {
            let index = Rc::new(fetch_data::<ArchiveIndex>(url).await?);
            match key {
                FileKey::Index => File::index(index),
                _ => File::Volume(index),
            }
        }
        FileKey::Issue(_) => File::Issue(Rc::new(fetch_data::<Issue>(url).await?)),
        FileKey::Manifest => File::Manifest(Rc::new(search_index::open(url).await?)),
        FileKey::Shard(_) => File::Shard(Rc::new(fetch_shard(url).await?)),
    })
}

/// A JSON data file in the format [`FORMAT_VERSION`].
pub trait DataFile: miniserde::Deserialize {
    /// What the check program knows it as.
    const KIND: DataKind;
    /// The format version the file says it is in.
    fn format_version(&self) -> u32;
    /// Whether the reader reads files of `version`.
    fn reads_version(version: u32) -> bool {
        version == FORMAT_VERSION
    }
}

impl DataFile for ArchiveIndex {
    const KIND: DataKind = DataKind::Index;
    fn format_version(&self) -> u32 {
        self.format_version
    }
    fn reads_version(version: u32) -> bool {
        version == FORMAT_VERSION || version == VOLUMES_FORMAT_VERSION
    }
}

impl DataFile for Issue {
    const KIND: DataKind = DataKind::Issue;
    fn format_version(&self) -> u32 {
        self.format_version
    }
}

/// Fetches a data file and reads it; one in another format version is refused as such.
async fn fetch_data<T: DataFile>(url: &str) -> Result<T, LoadError> {
    let text = fetch(url, Body::Text)
        .await?
        .as_string()
        .unwrap_or_default();
    // miniserde says only whether it could read the text; the check program says why not.
    match miniserde::json::from_str::<T>(&text) {
        Ok(data) if T::reads_version(data.format_version()) => Ok(data),
        Ok(data) => {
            let version = data.format_version().to_string();
            Err(LoadError::new(url, LoadErrorKind::Version(version)))
        }
        Err(_) => {
            let value = js_sys::JSON::parse(&text)
                .map_err(|_| LoadError::new(url, LoadErrorKind::Malformed))?;
            Err(check::problem(url, T::KIND, &value).await)
        }
    }
}

/// Fetches a search shard and reads it.
async fn fetch_shard(url: &str) -> Result<ShardFile, LoadError> {
    let buffer = fetch(url, Body::Bytes).await?;
    ShardFile::read(url, &buffer)
}

/// How to read a response's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Parsed by the browser's JSON parser.
    Json,
    /// As text.
    Text,
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
        Body::Text => response.text(),
        Body::Bytes => response.array_buffer(),
    };
    let reading = reading.map_err(|_| failed(LoadErrorKind::Malformed))?;
    JsFuture::from(reading)
        .await
        .map_err(|_| failed(LoadErrorKind::Malformed))
}
