//! Writes of this screen waiting for another process's write lock: the
//! runtime keeps them, in order, and tries them again on its ticks; the
//! app only says so, on the status line, while the screen goes on.

use chrono::Duration;

use super::{State, StatusLine};
use crate::app::clock::format_away;

/// How long the waiting goes unsaid in numbers: a short wait is normal
/// when people share a file, and a counter from 0 s would only flicker.
const COUNT_AFTER: Duration = Duration::seconds(3);

/// The status line while writes wait, for as long as they have waited
/// so far; `None` when nothing waits (then `state.status` shows).
pub fn waiting_line(state: &State) -> Option<StatusLine> {
    let waited = state.waiting?;
    let text = if waited >= COUNT_AFTER {
        format!(
            "Waiting for another writer… ({}; the change is kept, saved when it is done)",
            format_away(waited)
        )
    } else {
        "Waiting for another writer… (the change is kept, saved when it is done)".into()
    };
    Some(StatusLine {
        text,
        error: false,
        undo: false,
    })
}
