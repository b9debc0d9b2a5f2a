//! How soon the editors' preview (`lianluo serve`) has a saved change on screen: from the
//! moment a source file is written to the moment the page it reloads has arrived, asked over
//! HTTP as the page's own script asks.

use anyhow::{bail, Context, Result};
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// Saves timed per archive; the median is reported. Odd, so that the median is a save.
pub const SAVES: usize = 5;

/// Longest one request may wait: past the preview's own long poll (25 s).
const REQUEST_LIMIT: Duration = Duration::from_secs(60);

/// A running `lianluo serve`, stopped when dropped.
struct Preview {
    child: Child,
    port: u16,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Milliseconds from each of [`SAVES`] saves of the newest issue of `sources` (copied into
/// `work`; the file last by name) to the moment the preview's page holds the saved change,
/// with `cli` previewing the copy; sorted. Each save puts a new mark in the first
/// sentence; the standalone page holds the newest issue's text, so the page shows the mark
/// once the build that read it is served.
pub fn save_to_page_ms(cli: &Path, sources: &Path, work: &Path) -> Result<Vec<f64>> {
    if work.exists() {
        fs::remove_dir_all(work)?;
    }
    let (src, tmp) = (work.join("稿件"), work.join("tmp"));
    fs::create_dir_all(&src)?;
    fs::create_dir_all(&tmp)?;
    let mut newest = None;
    for entry in fs::read_dir(sources)? {
        let path = entry?.path();
        if path.is_file() {
            let target = src.join(path.file_name().context("a file name")?);
            fs::copy(&path, &target)?;
            newest = newest.max(Some(target));
        }
    }
    let edited = newest.context("no source file to edit")?;
    let original = fs::read_to_string(&edited)?;
    let preview = start(cli, &src, &tmp)?;
    let mut build = status(&preview, 0)?;
    let mut times = Vec::with_capacity(SAVES);
    for save in 1..=SAVES {
        let mark = format!("预览测量{save}");
        let text = original.replacen('。', &format!("。{mark}"), 1);
        if text == original {
            bail!("{} has no sentence to mark", edited.display());
        }
        let saved = Instant::now();
        fs::write(&edited, text)?;
        loop {
            build = status(&preview, build)?;
            let page = get(&preview, "/")?;
            if String::from_utf8_lossy(&page).contains(&mark) {
                break;
            }
            if saved.elapsed() > REQUEST_LIMIT {
                bail!("the preview never showed the save");
            }
        }
        times.push(saved.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok(times)
}

/// Starts `cli serve` on `src` and waits for its address.
fn start(cli: &Path, src: &Path, tmp: &Path) -> Result<Preview> {
    let mut child = Command::new(cli)
        .args(["--lang", "en", "serve", "--no-open", "--port", "0"])
        .arg(src)
        .env("TMPDIR", tmp)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("starting {} serve", cli.display()))?;
    let stdout = child.stdout.take().context("the preview's output")?;
    let mut preview = Preview { child, port: 0 };
    for line in BufReader::new(stdout).lines() {
        let line = line?;
        if let Some(at) = line.find("http://127.0.0.1:") {
            let digits: String = line[at + "http://127.0.0.1:".len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            preview.port = digits.parse().context("the preview's port")?;
            return Ok(preview);
        }
    }
    bail!("lianluo serve ended without saying its address")
}

/// The number of the newest build once one newer than `since` is done (or the preview's long
/// poll ran out).
fn status(preview: &Preview, since: u64) -> Result<u64> {
    let body = get(preview, &format!("/__lianluo/status?since={since}"))?;
    let status: serde_json::Value = serde_json::from_slice(&body)?;
    if status["ok"] == serde_json::Value::Bool(false) {
        bail!("the preview's build failed: {}", status["problems"]);
    }
    status["build"]
        .as_u64()
        .context("the status names no build")
}

/// The body of `path` from the preview, over HTTP/1.0.
fn get(preview: &Preview, path: &str) -> Result<Vec<u8>> {
    let mut stream = TcpStream::connect(("127.0.0.1", preview.port))?;
    stream.set_read_timeout(Some(REQUEST_LIMIT))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response
        .windows(4)
        .position(|window| window == b"\r\n\r\n")
        .context("an HTTP response without headers")?;
    if !response.starts_with(b"HTTP/1.1 200") && !response.starts_with(b"HTTP/1.0 200") {
        bail!(
            "GET {path}: {}",
            String::from_utf8_lossy(&response[..split])
        );
    }
    Ok(response[split + 4..].to_vec())
}
