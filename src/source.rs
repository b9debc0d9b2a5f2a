//! Where a reader's data comes from, and which addresses it may fetch.
//!
//! The archive address comes only from the host's markup. Every file the archive names is
//! resolved against the archive's own address and refused when it leaves the page's site,
//! unless the host opted in, or when it is not http(s).

use web_sys::Url;

use crate::error::{LoadError, LoadErrorKind};

/// The archive a reader shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataSource {
    /// `index.json`'s address, resolved against the page; or the markup's value when it
    /// could not be resolved (so that the error can name it).
    pub index_url: Result<String, LoadError>,
    /// Whether files may come from another site.
    allow_cross_origin: bool,
}

impl DataSource {
    /// Resolves the markup's `data-lianluo-src` value against the page.
    pub fn from_markup(src: &str, allow_cross_origin: bool) -> Self {
        let page = web_sys::window().and_then(|window| window.document()?.base_uri().ok()?);
        let base = page.unwrap_or_default();
        let mut source = DataSource {
            index_url: Ok(String::new()),
            allow_cross_origin,
        };
        source.index_url = source.allowed(src.trim(), &base);
        source
    }

    /// The source of a view rendered at build time, which fetches nothing.
    pub fn built() -> Self {
        DataSource {
            index_url: Err(LoadError::new("", LoadErrorKind::NoSource)),
            allow_cross_origin: false,
        }
    }

    /// The address of a file the archive names (`issues/2017-15.json`), or why it may not be
    /// fetched.
    pub fn file_url(&self, path: &str) -> Result<String, LoadError> {
        let index_url = self.index_url.as_ref().map_err(Clone::clone)?;
        self.allowed(path, index_url)
    }

    fn allowed(&self, address: &str, base: &str) -> Result<String, LoadError> {
        let refused = || LoadError::new(address, LoadErrorKind::CrossOrigin);
        if address.is_empty() {
            return Err(LoadError::new("data-lianluo-src", LoadErrorKind::NoSource));
        }
        let url = Url::new_with_base(address, base).map_err(|_| refused())?;
        if !matches!(url.protocol().as_str(), "http:" | "https:") {
            return Err(refused());
        }
        let page_origin = web_sys::window().and_then(|window| window.location().origin().ok());
        if !self.allow_cross_origin && page_origin.as_deref() != Some(url.origin().as_str()) {
            return Err(refused());
        }
        Ok(url.href())
    }
}
