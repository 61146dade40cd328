//! Progress for long runs (exports and imports of many thousands of rows):
//! a counter on stderr when it is a terminal, nothing when piped.

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Redraw at most this often, so counting never slows the work down.
const EVERY: Duration = Duration::from_millis(100);

/// Below this many rows the work is instant and nothing is shown.
const WORTH_SHOWING: usize = 5_000;

pub struct Progress {
    label: &'static str,
    total: usize,
    done: usize,
    shown: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// A counter up to `total`, shown only on a terminal and for long runs.
    pub fn new(label: &'static str, total: usize) -> Progress {
        Progress {
            label,
            total,
            done: 0,
            shown: None,
            enabled: total >= WORTH_SHOWING && std::io::stderr().is_terminal(),
        }
    }

    pub fn add(&mut self, n: usize) {
        self.done += n;
        if !self.enabled || self.shown.is_some_and(|t| t.elapsed() < EVERY) {
            return;
        }
        self.shown = Some(Instant::now());
        let pct = (self.done * 100)
            .checked_div(self.total)
            .unwrap_or(100)
            .min(100);
        let _ = write!(
            std::io::stderr(),
            "\r{} {}/{} ({pct}%)",
            self.label,
            self.done,
            self.total
        );
    }

    /// Clears the counter line.
    pub fn finish(&mut self) {
        if self.enabled && self.shown.is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
        self.enabled = false;
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}
