//! The deployment as a web team makes it, for the end-to-end suites: a site the release
//! `lianluo` writes into a folder of its own, from the sample archive alone, served as it is by
//! Python's http.server, a plain static server with no compression and no headers of ours.

use crate::paths;
use crate::run::{run, step};
use anyhow::{bail, Context, Result};
use std::fs;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The longest the server may run, in seconds: it stops by itself after that even if this
/// process never stops it. The longest suite takes about 7 minutes.
const SERVER_LIMIT_SECONDS: u32 = 3600;

/// A plain static server serving a site, stopped when dropped.
pub struct PlainSite {
    server: Child,
    /// Its address, ending in `/`.
    pub url: String,
}

impl Drop for PlainSite {
    fn drop(&mut self) {
        // SIGTERM, which `timeout` passes on to the server, where SIGKILL would leave it.
        let _ = Command::new("kill")
            .arg(self.server.id().to_string())
            .status();
        let _ = self.server.wait();
    }
}

/// Writes the sample archive's site with the release `lianluo` (which must carry the reader)
/// into `target/e2e-plain/site` and serves that folder on a free loopback port.
pub fn serve(root: &Path) -> Result<PlainSite> {
    let work = root.join("target").join("e2e-plain");
    fs::create_dir_all(&work)?;
    let site = work.join("site");
    step("Writing a site with lianluo build alone, for the plain static server");
    run(Command::new(paths::cli_binary(root))
        .arg("build")
        .arg(paths::archive(root))
        .arg("--out")
        .arg(&site))?;
    if !site.join("lianluo.js").is_file() {
        bail!("lianluo build wrote no reader into {}", site.display());
    }
    let log = fs::File::create(work.join("server.log"))?;
    let mut server = Command::new("timeout")
        .arg(SERVER_LIMIT_SECONDS.to_string())
        .args([
            "python3",
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
        ])
        .arg("--directory")
        .arg(&site)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(log)
        .spawn()
        .context("starting python3 -m http.server")?;
    let mut first_line = String::new();
    BufReader::new(server.stdout.take().context("the server's output")?)
        .read_line(&mut first_line)?;
    // "Serving HTTP on 127.0.0.1 port 41234 (http://127.0.0.1:41234/) ..."
    let port = first_line
        .split_whitespace()
        .skip_while(|word| *word != "port")
        .nth(1)
        .and_then(|word| word.parse::<u16>().ok());
    let Some(port) = port else {
        let _ = server.kill();
        bail!("python3 -m http.server said {first_line:?}, not its port");
    };
    let url = format!("http://127.0.0.1:{port}/");
    step(format!("Serving {} plainly at {url}", site.display()));
    Ok(PlainSite { server, url })
}
