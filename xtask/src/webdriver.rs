//! The background programs the WebKit and Firefox end-to-end layers need: a virtual X display
//! for MiniBrowser, and a W3C WebDriver server on a free loopback port. Each is stopped, with
//! every process it started (the browser too), when its handle is dropped, also when a layer
//! fails.

use anyhow::{bail, Context, Result};
use std::fs::File;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

/// How long a server may take to start listening. WebKitWebDriver and geckodriver take well
/// under a second; the margin covers a busy shared machine.
const START_TIMEOUT: Duration = Duration::from_secs(20);

/// How long a stopped program may take to exit before it is killed.
const STOP_TIMEOUT: Duration = Duration::from_secs(5);

/// A program in a process group of its own; dropping it ends the whole group.
struct Background {
    child: Child,
}

impl Background {
    fn spawn(command: &mut Command, log: &Path) -> Result<Self> {
        let output = File::create(log).with_context(|| format!("creating {}", log.display()))?;
        let child = command
            .process_group(0)
            .stdin(Stdio::null())
            .stdout(output.try_clone()?)
            .stderr(output)
            .spawn()
            .with_context(|| format!("could not start {}", crate::run::describe(command)))?;
        Ok(Self { child })
    }

    /// Whether the program has exited already.
    fn exited(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(Some(_)))
    }

    /// Sends `signal` to the program's process group.
    fn signal_group(&self, signal: &str) {
        let group = format!("-{}", self.child.id());
        // The group may be gone already; there is nothing to report then.
        Command::new("kill")
            .args([signal, "--", &group])
            .stderr(Stdio::null())
            .status()
            .ok();
    }
}

impl Drop for Background {
    fn drop(&mut self) {
        self.signal_group("-TERM");
        let asked = Instant::now();
        while !self.exited() && asked.elapsed() < STOP_TIMEOUT {
            thread::sleep(Duration::from_millis(50));
        }
        // What did not stop in time, and any child left behind by one that did.
        self.signal_group("-KILL");
        self.child.wait().ok();
    }
}

/// A virtual X display, `:N`.
pub struct Display {
    number: u32,
    _server: Background,
}

impl Display {
    /// Starts Xvfb on the first free display from `:90`. Its screen is smaller than any
    /// browser window (400×300): with no window manager, X gives the keyboard focus to the
    /// window under the pointer, which stays at the screen's centre, so a window at the corner
    /// (where the suite puts it) always has the focus, whatever its size.
    pub fn start(log: &Path) -> Result<Self> {
        for number in 90..200 {
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
            let lock = PathBuf::from(format!("/tmp/.X{number}-lock"));
            if socket.exists() || lock.exists() {
                continue;
            }
            let mut server = Background::spawn(
                Command::new(crate::install::XVFB)
                    .arg(format!(":{number}"))
                    .args(["-screen", "0", "400x300x24", "-nolisten", "tcp"]),
                log,
            )?;
            let started = Instant::now();
            while started.elapsed() < START_TIMEOUT {
                if socket.exists() {
                    return Ok(Self {
                        number,
                        _server: server,
                    });
                }
                if server.exited() {
                    break; // Taken by another start at the same moment: try the next one.
                }
                thread::sleep(Duration::from_millis(50));
            }
        }
        bail!(
            "Xvfb did not start on any display from :90 to :199 (see {})",
            log.display()
        )
    }

    /// The value for `DISPLAY`.
    pub fn name(&self) -> String {
        format!(":{}", self.number)
    }
}

/// A WebDriver server listening on a loopback port.
pub struct Driver {
    /// Its address, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    _server: Background,
}

impl Driver {
    /// Starts `command` with the arguments `listen(port)` gives for a free loopback port, and
    /// waits until it accepts connections. Its output goes to `log`.
    pub fn start(
        command: &mut Command,
        listen: impl Fn(u16) -> Vec<String>,
        log: &Path,
    ) -> Result<Self> {
        let port = free_port()?;
        let mut server = Background::spawn(command.args(listen(port)), log)?;
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        let started = Instant::now();
        while TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_err() {
            if server.exited() || started.elapsed() > START_TIMEOUT {
                bail!(
                    "{} did not start listening on {address} (see {})",
                    crate::run::describe(command),
                    log.display()
                );
            }
            thread::sleep(Duration::from_millis(50));
        }
        Ok(Self {
            url: format!("http://{address}"),
            _server: server,
        })
    }
}

/// A loopback port nothing listens on right now.
fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free loopback port")?;
    Ok(listener.local_addr()?.port())
}
