//! Progress of a long `build` on stderr: on a terminal one line rewritten in place, elsewhere
//! (a log, a pipe) a line at each tenth, so that a 500-file back catalogue never looks stuck.

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use crate::i18n::t;

/// Counts files done, from any thread, and says so.
pub struct Progress {
    total: usize,
    done: AtomicUsize,
    shown: bool,
    terminal: bool,
    /// Serialises the printing threads; holds the last tenth printed (off a terminal).
    printed: Mutex<usize>,
}

impl Progress {
    /// Builds of fewer files than this are quick enough to say nothing until they end.
    /// Range 20–200.
    pub const SHOWN_FROM: usize = 50;

    /// Progress over `total` files; `wanted` false (the preview) keeps it quiet.
    pub fn new(total: usize, wanted: bool) -> Progress {
        Progress {
            total,
            done: AtomicUsize::new(0),
            shown: wanted && total >= Self::SHOWN_FROM,
            terminal: std::io::stderr().is_terminal(),
            printed: Mutex::new(0),
        }
    }

    /// One more file done.
    pub fn one_done(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        if !self.shown {
            return;
        }
        let Ok(mut printed) = self.printed.lock() else {
            return;
        };
        let line = t(
            "build-progress",
            &[
                ("done", done.to_string()),
                ("files", self.total.to_string()),
            ],
        );
        let mut stderr = std::io::stderr();
        if self.terminal {
            let _ = write!(stderr, "\r{line}");
        } else {
            let tenth = done * 10 / self.total;
            if tenth > *printed {
                *printed = tenth;
                let _ = writeln!(stderr, "{line}");
            }
        }
    }

    /// Ends the line rewritten in place, so that what follows starts on its own.
    pub fn finish(&self) {
        if self.shown && self.terminal {
            let _ = writeln!(std::io::stderr());
        }
    }
}
