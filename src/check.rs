//! What is wrong with a data file the reader could not read, told by the check program
//! (`crates/check`): a WebAssembly module of its own, which the loader fetches only then.

use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::error::{LoadError, LoadErrorKind};
use crate::programs;

/// Said of a file whose fault cannot be told because the check program could not be had.
const UNTOLD: &str = "未能取得检查程序，无法指出是哪一处";

#[wasm_bindgen]
extern "C" {
    /// The check program's exports.
    type Program;
    #[wasm_bindgen(method)]
    fn diagnose(this: &Program, kind: &str, value: &JsValue) -> Problem;

    /// Its answer: an unknown format version, or what is wrong with the content.
    type Problem;
    #[wasm_bindgen(method, getter)]
    fn version(this: &Problem) -> Option<String>;
    #[wasm_bindgen(method, getter)]
    fn shape(this: &Problem) -> Option<String>;
}

/// The kinds of data file the check program knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataKind {
    /// `index.json`.
    Index,
    /// An issue file.
    Issue,
    /// The search manifest.
    Manifest,
}

impl DataKind {
    /// The name the check program knows the kind by.
    fn name(self) -> &'static str {
        match self {
            DataKind::Index => "index",
            DataKind::Issue => "issue",
            DataKind::Manifest => "manifest",
        }
    }
}

/// The error for the file at `url`, of kind `kind`, which parsed as JSON into `value` but
/// could not be read.
pub async fn problem(url: &str, kind: DataKind, value: &JsValue) -> LoadError {
    let error = |kind| LoadError::new(url, kind);
    let program = match programs::start("check") {
        Some(promise) => JsFuture::from(promise).await.ok(),
        None => None,
    };
    let Some(program) = program else {
        return error(LoadErrorKind::Shape(UNTOLD.to_owned()));
    };
    let problem = program
        .unchecked_into::<Program>()
        .diagnose(kind.name(), value);
    match (problem.version(), problem.shape()) {
        (Some(version), _) => error(LoadErrorKind::Version(version)),
        (None, shape) => error(LoadErrorKind::Shape(shape.unwrap_or_default())),
    }
}
