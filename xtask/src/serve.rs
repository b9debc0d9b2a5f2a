//! The HTTP server for `dist/`: tower-http's ServeDir with precompressed gzip and brotli, the
//! MIME types static hosts get wrong (`.wasm`), and cache headers that let hashed files live a
//! year while everything else revalidates. `serve` runs it in the foreground; `test` and
//! `bench` start it on an ephemeral port with [`spawn`].

use crate::assets::is_hashed_name;
use anyhow::{Context, Result};
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::thread::JoinHandle;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeader;

/// Cache-Control for content-hashed files: their bytes never change under a name.
pub const CACHE_IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Cache-Control for everything else (pages, the loader, data): always revalidate.
pub const CACHE_REVALIDATE: &str = "no-cache";

/// A folder served under a URL prefix.
pub struct Mount {
    /// `/` for the site itself, or a prefix such as `/e2e` (no trailing slash).
    pub prefix: String,
    /// The folder whose files are served.
    pub dir: PathBuf,
    /// Whether pages of any site may read these files (`Access-Control-Allow-Origin: *`), as
    /// a data host that opted in to sharing would answer.
    pub shared: bool,
}

impl Mount {
    /// `dir` served at the site root.
    pub fn root(dir: PathBuf) -> Self {
        Self {
            prefix: "/".to_owned(),
            dir,
            shared: false,
        }
    }

    /// `dir` served under `prefix` (e.g. `/e2e`).
    pub fn at(prefix: &str, dir: PathBuf) -> Self {
        Self {
            prefix: prefix.trim_end_matches('/').to_owned(),
            dir,
            shared: false,
        }
    }

    /// `dir` served under `prefix` to pages of any site.
    pub fn shared(prefix: &str, dir: PathBuf) -> Self {
        Self {
            shared: true,
            ..Self::at(prefix, dir)
        }
    }
}

/// The router: each mount's folder, precompressed siblings preferred, headers fixed up.
pub fn router(mounts: Vec<Mount>) -> Router {
    let mut router = Router::new();
    for mount in mounts {
        let files = ServeDir::new(mount.dir)
            .precompressed_br()
            .precompressed_gzip();
        let files = SetResponseHeader::overriding(
            files,
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            mount.shared.then(|| HeaderValue::from_static("*")),
        );
        router = if mount.prefix.is_empty() || mount.prefix == "/" {
            router.fallback_service(files)
        } else {
            router.nest_service(&mount.prefix, files)
        };
    }
    router.layer(middleware::from_fn(set_headers))
}

async fn set_headers(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    let served = response.status().is_success() || response.status().is_redirection();
    apply_policy(&path, served, response.headers_mut());
    response
}

/// Sets Content-Type, Cache-Control and the hardening headers for a response to `path`.
fn apply_policy(path: &str, served: bool, headers: &mut HeaderMap) {
    let name = served_file_name(path);
    if served {
        if let Some(content_type) = content_type(name) {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(name)),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
}

/// The file name a request path resolves to: its last segment, or `index.html` for a folder.
fn served_file_name(path: &str) -> &str {
    match path.rsplit('/').next() {
        Some("") | None => "index.html",
        Some(name) => name,
    }
}

/// The Content-Type we send for a file name, where the default guess is wrong or lacks a
/// charset; `None` keeps ServeDir's guess.
pub fn content_type(file_name: &str) -> Option<&'static str> {
    let extension = file_name.rsplit_once('.')?.1;
    Some(match extension {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        _ => return None,
    })
}

/// Cache-Control for a file name: a year for hashed files, revalidation for the rest.
pub fn cache_control(file_name: &str) -> &'static str {
    if is_hashed_name(file_name) {
        CACHE_IMMUTABLE
    } else {
        CACHE_REVALIDATE
    }
}

/// Serves `mounts` in the foreground until Ctrl-C.
pub fn serve_forever(host: IpAddr, port: u16, mounts: Vec<Mount>) -> Result<()> {
    let runtime = tokio::runtime::Runtime::new().context("starting the async runtime")?;
    runtime.block_on(async move {
        let address = SocketAddr::new(host, port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| {
                format!("could not listen on {address}; is the port in use? try --port")
            })?;
        for mount in &mounts {
            let prefix = mount.prefix.trim_matches('/');
            let at = url_for(address) + prefix + if prefix.is_empty() { "" } else { "/" };
            println!("Serving {} at {at}", mount.dir.display());
        }
        println!("Press Ctrl-C to stop.");
        axum::serve(listener, router(mounts))
            .with_graceful_shutdown(async {
                tokio::signal::ctrl_c().await.ok();
            })
            .await
            .context("serving")
    })
}

/// A server running on a background thread; it stops when dropped.
pub struct RunningServer {
    /// The base URL, with a trailing slash (`http://127.0.0.1:41234/`).
    pub url: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            stop.send(()).ok();
        }
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

/// Starts a server for `mounts` on an ephemeral loopback port.
pub fn spawn(mounts: Vec<Mount>) -> Result<RunningServer> {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").context("binding a loopback port")?;
    listener.set_nonblocking(true)?;
    let address = listener.local_addr()?;
    // Two workers: a browser under test opens a few connections at once, and the machines
    // this runs on have few cores to spare beside the browser.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let app = router(mounts);
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener)
                .expect("a nonblocking std listener converts");
            axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    stopped.await.ok();
                })
                .await
                .ok();
        });
    });
    Ok(RunningServer {
        url: url_for(address),
        stop: Some(stop),
        thread: Some(thread),
    })
}

fn url_for(address: SocketAddr) -> String {
    format!("http://{address}/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;
    use std::io::{Read, Write};
    use std::net::TcpStream;

    /// Status line and lower-cased headers of a GET, read with a minimal HTTP/1.1 client.
    fn get(url: &str, path: &str, accept_encoding: &str) -> (String, Vec<(String, String)>) {
        let authority = url.trim_start_matches("http://").trim_end_matches('/');
        let mut stream = TcpStream::connect(authority).unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {authority}\r\nAccept-Encoding: {accept_encoding}\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let text = String::from_utf8_lossy(&response);
        let head = text.split("\r\n\r\n").next().unwrap();
        let mut lines = head.lines();
        let status = lines.next().unwrap().to_owned();
        let headers = lines
            .filter_map(|line| line.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
            .collect();
        (status, headers)
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
        headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    #[test]
    fn serves_precompressed_files_with_types_and_cache_headers() {
        let site = tempfile::tempdir().unwrap();
        let pages = tempfile::tempdir().unwrap();
        fs::write(site.path().join("index.html"), "<!doctype html>").unwrap();
        fs::write(
            site.path().join("index.html.gz"),
            crate::compress::gzip(b"<!doctype html>"),
        )
        .unwrap();
        fs::write(site.path().join("lianluo-0123456789.wasm"), b"\0asm").unwrap();
        fs::write(
            site.path().join("lianluo-0123456789.wasm.br"),
            crate::compress::brotli(b"\0asm"),
        )
        .unwrap();
        fs::create_dir(site.path().join("data")).unwrap();
        fs::write(site.path().join("data/index.json"), "{}").unwrap();
        fs::write(pages.path().join("host.html"), "<p>host</p>").unwrap();
        let server = spawn(vec![
            Mount::root(site.path().to_path_buf()),
            Mount::at("/e2e/", pages.path().to_path_buf()),
            Mount::shared("/shared/", site.path().join("data")),
        ])
        .unwrap();

        let (status, headers) = get(&server.url, "/", "gzip, br");
        assert!(status.contains("200"), "{status}");
        assert_eq!(header(&headers, "content-encoding"), Some("gzip"));
        assert_eq!(
            header(&headers, "content-type"),
            Some("text/html; charset=utf-8")
        );
        assert_eq!(header(&headers, "cache-control"), Some(CACHE_REVALIDATE));
        assert_eq!(header(&headers, "x-content-type-options"), Some("nosniff"));

        let (_, headers) = get(&server.url, "/lianluo-0123456789.wasm", "gzip, br");
        assert_eq!(header(&headers, "content-encoding"), Some("br"));
        assert_eq!(header(&headers, "content-type"), Some("application/wasm"));
        assert_eq!(header(&headers, "cache-control"), Some(CACHE_IMMUTABLE));

        let (_, headers) = get(&server.url, "/lianluo-0123456789.wasm", "identity");
        assert_eq!(header(&headers, "content-encoding"), None);
        assert_eq!(header(&headers, "content-length"), Some("4"));

        let (_, headers) = get(&server.url, "/data/index.json", "gzip");
        assert_eq!(
            header(&headers, "content-type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(header(&headers, "cache-control"), Some(CACHE_REVALIDATE));

        assert_eq!(header(&headers, "access-control-allow-origin"), None);
        let (_, headers) = get(&server.url, "/shared/index.json", "gzip");
        assert_eq!(header(&headers, "access-control-allow-origin"), Some("*"));

        let (status, _) = get(&server.url, "/e2e/host.html", "gzip");
        assert!(status.contains("200"), "{status}");
        let (status, _) = get(&server.url, "/missing.js", "gzip");
        assert!(status.contains("404"), "{status}");
    }

    #[test]
    fn file_names_resolve_folders_to_their_index() {
        assert_eq!(served_file_name("/"), "index.html");
        assert_eq!(served_file_name("/e2e/"), "index.html");
        assert_eq!(served_file_name("/data/index.json"), "index.json");
    }

    #[test]
    fn content_types_cover_what_static_hosts_get_wrong() {
        assert_eq!(content_type("a.wasm"), Some("application/wasm"));
        assert_eq!(
            content_type("lianluo.js"),
            Some("text/javascript; charset=utf-8")
        );
        assert_eq!(content_type("shard.bin"), None);
        assert_eq!(content_type("LICENSE"), None);
    }
}
