//! Running external commands: each one is echoed before it runs, and a failure names the
//! command and its exit status.

use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;

/// Announces a step of a command, so the output reads as a log of what was done.
pub fn step(message: impl AsRef<str>) {
    println!("==> {}", message.as_ref());
}

/// Runs a command with inherited output; an unsuccessful exit is an error.
pub fn run(command: &mut Command) -> Result<()> {
    let status = start(command)?
        .wait()
        .with_context(|| format!("waiting for {}", describe(command)))?;
    check(command, status)
}

/// The output of a command that was shown while it ran and kept for parsing.
pub struct Captured {
    /// Whether it exited successfully.
    pub success: bool,
    /// stdout and stderr, interleaved line by line in the order they arrived.
    pub text: String,
}

/// Runs a command, echoing its stdout and stderr as they arrive and keeping both; an
/// unsuccessful exit is reported in [`Captured::success`], not as an error, so that callers can
/// still parse what ran.
pub fn run_captured(command: &mut Command) -> Result<Captured> {
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let mut child = start(command)?;
    let text = Arc::new(Mutex::new(String::new()));
    let readers: Vec<_> = [
        child
            .stdout
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
        child
            .stderr
            .take()
            .map(|s| Box::new(s) as Box<dyn Read + Send>),
    ]
    .into_iter()
    .flatten()
    .map(|stream| {
        let text = Arc::clone(&text);
        thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                println!("{line}");
                let mut text = text
                    .lock()
                    .expect("no reader panics while holding the lock");
                text.push_str(&line);
                text.push('\n');
            }
        })
    })
    .collect();
    let status = child
        .wait()
        .with_context(|| format!("waiting for {}", describe(command)))?;
    for reader in readers {
        reader.join().expect("output reader does not panic");
    }
    std::io::stdout().flush().ok();
    let text = Arc::try_unwrap(text)
        .map(|m| m.into_inner().expect("lock not poisoned"))
        .unwrap_or_default();
    Ok(Captured {
        success: status.success(),
        text,
    })
}

/// Runs a command silently and returns its stdout, or `None` when it cannot start or fails;
/// for probes such as `tool --version`.
pub fn probe(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

fn start(command: &mut Command) -> Result<std::process::Child> {
    println!("$ {}", describe(command));
    command
        .spawn()
        .with_context(|| format!("could not start {}", describe(command)))
}

fn check(command: &Command, status: ExitStatus) -> Result<()> {
    if !status.success() {
        bail!("{} failed ({status})", describe(command));
    }
    Ok(())
}

/// The command line as a person would type it.
pub fn describe(command: &Command) -> String {
    std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
