//! Where the reader is: every view it can show, and its address in the URL hash.
//!
//! Reader addresses start with `#/`, so the host page's own anchors (`#contact`) are never
//! mistaken for one. Names in addresses are percent-encoded UTF-8.

use percent_encoding::{percent_decode_str, utf8_percent_encode, AsciiSet, CONTROLS};

/// Characters escaped inside one address segment or query value.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'+')
    .add(b'/')
    .add(b'<')
    .add(b'=')
    .add(b'>')
    .add(b'?')
    .add(b'`');

/// One view of the reader.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Route {
    /// The newest issue.
    #[default]
    Latest,
    /// Every issue, grouped by year.
    Issues,
    /// One issue by id (`2017-15`).
    Issue(String),
    /// One article by id (`2017-15-2`), with a search query's matches marked when opened from
    /// search results.
    Article {
        /// The article id.
        id: String,
        /// The query whose matches are marked, as typed.
        highlight: Option<String>,
    },
    /// Every article from a prefecture, or from one county in it, newest first.
    Region(RegionFilter),
    /// Search results, optionally narrowed to a region.
    Search(SearchRoute),
    /// An address in the reader's form (`#/…`) that names no view, a mistyped or cut-off
    /// link: kept as given (without its `#/`), so that the address bar still shows it.
    NotFound(String),
}

/// A prefecture, optionally narrowed to one of its counties.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RegionFilter {
    /// Canonical prefecture name.
    pub prefecture: String,
    /// Canonical county name within it.
    pub county: Option<String>,
}

/// How search results are ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SearchSort {
    /// Best match first.
    #[default]
    Relevance,
    /// Newest issue first.
    Newest,
}

/// A search: the query as typed, an optional region, the order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchRoute {
    /// The query exactly as typed.
    pub query: String,
    /// Only results from this region.
    pub region: Option<RegionFilter>,
    /// Result order.
    pub sort: SearchSort,
}

impl Route {
    /// Reads a `location.hash` value. `None` when the hash is not a reader address (the host's
    /// own anchor), so the reader stays where it is; a reader address that names no view is
    /// [`Route::NotFound`].
    pub fn from_hash(hash: &str) -> Option<Route> {
        let hash = hash.strip_prefix('#').unwrap_or(hash);
        if hash.is_empty() || hash == "/" {
            return Some(Route::Latest);
        }
        let rest = hash.strip_prefix('/')?;
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let segments: Vec<String> = path.split('/').map(decode).collect();
        let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
        match segments.as_slice() {
            ["issues"] => Some(Route::Issues),
            ["issue", id] if !id.is_empty() => Some(Route::Issue((*id).to_owned())),
            ["article", id] if !id.is_empty() => Some(Route::Article {
                id: (*id).to_owned(),
                highlight: Some(parse_search(query).query).filter(|q| !q.is_empty()),
            }),
            ["region", prefecture, rest @ ..] if !prefecture.is_empty() && rest.len() <= 1 => {
                Some(Route::Region(RegionFilter {
                    prefecture: (*prefecture).to_owned(),
                    county: rest
                        .first()
                        .filter(|c| !c.is_empty())
                        .map(|c| (*c).to_owned()),
                }))
            }
            ["search"] => Some(Route::Search(parse_search(query))),
            _ => Some(Route::NotFound(rest.to_owned())),
        }
    }

    /// Whether this view lists articles found by region or by search (and so is left by
    /// "clearing" it rather than by navigating).
    pub fn is_result_list(&self) -> bool {
        matches!(self, Route::Region(_) | Route::Search(_))
    }

    /// An article, without marks.
    pub fn article(id: impl Into<String>) -> Route {
        Route::Article {
            id: id.into(),
            highlight: None,
        }
    }

    /// The `#/…` address of this view.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Latest => "#/".to_owned(),
            Route::Issues => "#/issues".to_owned(),
            Route::Issue(id) => format!("#/issue/{}", encode(id)),
            Route::Article {
                id,
                highlight: None,
            } => format!("#/article/{}", encode(id)),
            Route::Article {
                id,
                highlight: Some(query),
            } => {
                format!("#/article/{}?q={}", encode(id), encode(query))
            }
            Route::Region(region) => format!("#/region/{}", region_path(region)),
            Route::Search(search) => {
                let mut hash = format!("#/search?q={}", encode(&search.query));
                if let Some(region) = &search.region {
                    hash.push_str("&region=");
                    hash.push_str(&region_path(region));
                }
                if search.sort == SearchSort::Newest {
                    hash.push_str("&sort=newest");
                }
                hash
            }
            Route::NotFound(path) => format!("#/{path}"),
        }
    }
}

fn region_path(region: &RegionFilter) -> String {
    match &region.county {
        Some(county) => format!("{}/{}", encode(&region.prefecture), encode(county)),
        None => encode(&region.prefecture),
    }
}

fn parse_search(query: &str) -> SearchRoute {
    let mut search = SearchRoute::default();
    for pair in query.split('&') {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "q" => search.query = decode(value),
            "region" => {
                let mut parts = value.splitn(2, '/').map(decode);
                let prefecture = parts.next().unwrap_or_default();
                if !prefecture.is_empty() {
                    let county = parts.next().filter(|c| !c.is_empty());
                    search.region = Some(RegionFilter { prefecture, county });
                }
            }
            "sort" if value == "newest" => search.sort = SearchSort::Newest,
            _ => {}
        }
    }
    search
}

fn encode(text: &str) -> String {
    utf8_percent_encode(text, SEGMENT).to_string()
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn region(prefecture: &str, county: Option<&str>) -> RegionFilter {
        RegionFilter {
            prefecture: prefecture.into(),
            county: county.map(Into::into),
        }
    }

    #[test]
    fn every_route_survives_a_round_trip_through_the_hash() {
        let routes = [
            Route::Latest,
            Route::Issues,
            Route::Issue("2017-15".into()),
            Route::article("2017-15-2"),
            Route::Article {
                id: "2017-15-2".into(),
                highlight: Some("代表 -\"工作\"".into()),
            },
            Route::Region(region("衡阳市", None)),
            Route::Region(region("长沙市", Some("浏阳市"))),
            Route::Search(SearchRoute::default()),
            Route::Search(SearchRoute {
                query: "代表 \"工作 室\" -换届 a&b=c/d?#%".into(),
                region: Some(region("湘西土家族苗族自治州", Some("吉首市"))),
                sort: SearchSort::Newest,
            }),
            Route::NotFound("isue/2017-15".into()),
        ];
        for route in routes {
            let hash = route.to_hash();
            assert_eq!(Route::from_hash(&hash), Some(route.clone()), "via {hash}");
        }
    }

    #[test]
    fn names_are_percent_encoded_in_the_hash() {
        let hash = Route::Region(region("衡阳市", None)).to_hash();
        assert_eq!(hash, "#/region/%E8%A1%A1%E9%98%B3%E5%B8%82");
    }

    #[test]
    fn browsers_may_hand_back_unencoded_names() {
        assert_eq!(
            Route::from_hash("#/region/衡阳市"),
            Some(Route::Region(region("衡阳市", None)))
        );
    }

    #[test]
    fn empty_hash_and_root_are_the_latest_issue() {
        assert_eq!(Route::from_hash(""), Some(Route::Latest));
        assert_eq!(Route::from_hash("#"), Some(Route::Latest));
        assert_eq!(Route::from_hash("#/"), Some(Route::Latest));
    }

    #[test]
    fn host_anchors_are_not_reader_routes() {
        for hash in ["#contact", "#top", "contact"] {
            assert_eq!(Route::from_hash(hash), None, "{hash}");
        }
    }

    #[test]
    fn reader_addresses_that_name_no_view_are_not_found() {
        for path in ["nowhere", "issue/", "region/a/b/c", "article", "search/x"] {
            assert_eq!(
                Route::from_hash(&format!("#/{path}")),
                Some(Route::NotFound(path.to_owned())),
                "{path}"
            );
        }
    }

    #[test]
    fn unknown_search_parameters_are_ignored() {
        let route = Route::from_hash("#/search?q=%E4%BB%A3%E8%A1%A8&page=3&sort=oldest");
        let expected = SearchRoute {
            query: "代表".into(),
            ..SearchRoute::default()
        };
        assert_eq!(route, Some(Route::Search(expected)));
    }
}
