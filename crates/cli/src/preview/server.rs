//! The preview's HTTP server, on 127.0.0.1 only: the served build's files (every HTML page
//! with the live-reload script), the script itself, and the builds' status, each request on
//! its own thread so that the status requests waiting for a build hold up nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

use percent_encoding::percent_decode_str;
use tiny_http::{Header, Request, Response, Server, StatusCode};

use super::builds::Builds;
use super::page::{not_found_page, preview_script, problems_page, with_preview_script};
use super::page::{SCRIPT_PATH, STATUS_PATH};
use crate::i18n::t;

/// Longest a status request waits for a new build before answering with the same number.
/// Browsers and proxies give up on a silent request after 30–60 s; much shorter only makes
/// more requests. Range: 5–28 s.
pub const LONG_POLL: Duration = Duration::from_secs(25);

/// The page a build is seen from when it has no `index.html` at its top (a data-only build,
/// without the reader): the static archive page.
pub const ARCHIVE_PAGE: &str = "/pages/index.html";

/// A server listening on 127.0.0.1: on `port` when it is free (0 for any), else on a port
/// the system chooses. Gives the server, its port, and whether `port` was taken.
pub fn listen(port: u16) -> Result<(Server, u16, bool), String> {
    let (server, taken) = match Server::http(("127.0.0.1", port)) {
        Ok(server) => (server, false),
        Err(_) if port != 0 => (
            Server::http("127.0.0.1:0").map_err(|e| e.to_string())?,
            true,
        ),
        Err(e) => return Err(e.to_string()),
    };
    let chosen = server.server_addr().to_ip().map_or(port, |a| a.port());
    Ok((server, chosen, taken))
}

/// Answers every request of `server` from `builds`, on threads of its own.
pub fn serve(server: Server, builds: Arc<Builds>) {
    thread::spawn(move || {
        for request in server.incoming_requests() {
            let builds = Arc::clone(&builds);
            thread::spawn(move || respond(request, &builds));
        }
    });
}

/// An answer to a request.
#[derive(Debug, PartialEq)]
pub struct Answer {
    /// The HTTP status code.
    pub status: u16,
    /// The `Content-Type`.
    pub content_type: &'static str,
    /// The body.
    pub body: Vec<u8>,
    /// Where a redirect goes.
    pub location: Option<String>,
}

impl Answer {
    fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Answer {
        Answer {
            status,
            content_type,
            body: body.into(),
            location: None,
        }
    }

    fn html(status: u16, page: String) -> Answer {
        Answer::new(status, HTML, page)
    }
}

const HTML: &str = "text/html; charset=utf-8";

/// The `Content-Type` of a file, by its extension.
fn content_type(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("html" | "htm") => HTML,
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("json") => "application/json",
        Some("wasm") => "application/wasm",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        _ => "application/octet-stream",
    }
}

/// The file an address names inside `root`, or `None` when the address tries to leave it
/// (a `..` step, a drive or a backslash) or is not UTF-8 once decoded.
fn file_in(root: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode_str(path).decode_utf8().ok()?;
    let mut file = root.to_path_buf();
    for step in decoded.split('/').filter(|s| !s.is_empty() && *s != ".") {
        if step == ".." || step.contains(['\\', ':', '\0']) {
            return None;
        }
        file.push(step);
    }
    Some(file)
}

/// The number after `since=` in a query, 0 when absent.
fn since(query: &str) -> u64 {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("since="))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The answer to a GET of `url` (path and query), from the builds as they are.
pub fn answer(url: &str, builds: &Builds) -> Answer {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    if path == SCRIPT_PATH {
        return Answer::new(200, "text/javascript; charset=utf-8", preview_script());
    }
    if path == STATUS_PATH {
        let status = builds.status_after(since(query), LONG_POLL);
        let json = serde_json::to_vec(&status).unwrap_or_default();
        return Answer::new(200, "application/json", json);
    }
    let status = builds.status();
    let Some(root) = status.served_dir.as_deref() else {
        return Answer::html(503, problems_page(&status));
    };
    let Some(mut file) = file_in(root, path) else {
        let words = t("serve-bad-path", &[("path", path.to_string())]);
        return Answer::new(400, "text/plain; charset=utf-8", words);
    };
    if file.is_dir() {
        file.push("index.html");
        if path == "/" && !file.is_file() && root.join(&ARCHIVE_PAGE[1..]).is_file() {
            return Answer {
                location: Some(ARCHIVE_PAGE.to_string()),
                ..Answer::new(302, HTML, Vec::new())
            };
        }
    }
    match fs::read(&file) {
        Ok(bytes) if content_type(&file) == HTML => {
            let page = with_preview_script(&String::from_utf8_lossy(&bytes), status.served);
            Answer::html(200, page)
        }
        Ok(bytes) => Answer::new(200, content_type(&file), bytes),
        Err(_) => Answer::html(404, not_found_page(path)),
    }
}

/// Sends the answer to `request`. Nothing is cached: after a rebuild, a reload must show it.
fn respond(request: Request, builds: &Builds) {
    let answer = answer(request.url(), builds);
    let header = |name: &str, value: &str| Header::from_bytes(name, value).ok();
    let mut response = Response::from_data(answer.body).with_status_code(StatusCode(answer.status));
    let headers = [
        header("Content-Type", answer.content_type),
        header("Cache-Control", "no-store"),
        answer
            .location
            .as_deref()
            .and_then(|to| header("Location", to)),
    ];
    for found in headers.into_iter().flatten() {
        response.add_header(found);
    }
    // The browser may have gone (a reload while waiting): nothing to do about it.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_stay_inside_the_build() {
        let root = Path::new("/tmp/build-1");
        assert_eq!(
            file_in(root, "/pages/2017-15.html"),
            Some(root.join("pages/2017-15.html"))
        );
        assert_eq!(
            file_in(root, "/a%20b/./c.json"),
            Some(root.join("a b/c.json"))
        );
        assert_eq!(file_in(root, "/"), Some(root.to_path_buf()));
        assert_eq!(file_in(root, "/../etc/passwd"), None);
        assert_eq!(file_in(root, "/pages/%2e%2e/%2E%2E/x"), None);
        assert_eq!(file_in(root, "/..%5C..%5Cwin.ini"), None);
        assert_eq!(file_in(root, "/C:/x"), None);
        assert_eq!(file_in(root, "/%FF"), None);
    }

    #[test]
    fn each_kind_of_file_has_its_content_type() {
        for (name, expected) in [
            ("a.html", HTML),
            ("lianluo.js", "text/javascript; charset=utf-8"),
            ("s.CSS", "text/css; charset=utf-8"),
            ("index.json", "application/json"),
            ("lianluo_bg.wasm", "application/wasm"),
            ("i.svg", "image/svg+xml"),
            ("sitemap.xml", "application/xml"),
            ("x.bin", "application/octet-stream"),
        ] {
            assert_eq!(content_type(Path::new(name)), expected, "{name}");
        }
    }

    #[test]
    fn the_status_query_gives_the_build_waited_past() {
        assert_eq!(since("since=12"), 12);
        assert_eq!(since("x=1&since=3"), 3);
        assert_eq!(since(""), 0);
        assert_eq!(since("since=abc"), 0);
    }
}
