//! Keys that mean nothing where they are pressed. A facilitator who types a
//! sentence outside a form (meant for a decision, say) must not have its
//! letters run as commands one by one: the first unbound key says where it
//! works, and the rest of that burst of typing is swallowed whole.

use chrono::{DateTime, TimeDelta, Utc};

use super::{State, StatusLine};

/// A pause this long ends a burst of typing: keys after it act again.
/// People type a sentence with well under a second between keys.
pub const BURST: TimeDelta = TimeDelta::milliseconds(1000);

/// Below this the screens cannot be drawn legibly: the app says so, and
/// keys that change anything do nothing while it does.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// A burst of keys typed outside a form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Typing {
    /// When the newest key of the burst came.
    pub last: DateTime<Utc>,
    /// How many keys the burst has had, the first included.
    pub keys: u32,
    /// Where the first key works, or that it works nowhere.
    pub hint: String,
}

impl State {
    /// Whether a key at `at` belongs to a burst of typing still going on
    /// (and so is swallowed, whatever it is bound to).
    pub fn swallows(&self, at: DateTime<Utc>) -> bool {
        self.overlay.is_none()
            && self
                .typing
                .as_ref()
                .is_some_and(|t| at >= t.last && at - t.last < BURST)
    }
}

/// A key no binding takes here: say where it works, and start a burst.
pub(super) fn unbound(state: &mut State, hint: String, at: DateTime<Utc>) {
    state.status = Some(StatusLine {
        text: hint.clone(),
        error: false,
        undo: false,
    });
    state.typing = Some(Typing {
        last: at,
        keys: 1,
        hint,
    });
}

/// One more key of a burst: swallowed, and counted in the status line.
pub(super) fn swallowed(state: &mut State, at: DateTime<Utc>) {
    let Some(t) = &mut state.typing else {
        return;
    };
    t.last = at;
    t.keys += 1;
    state.status = Some(StatusLine {
        text: format!("{} keys ignored (no form open) · {}", t.keys, t.hint),
        error: false,
        undo: false,
    });
}

/// Any key that acts ends a burst.
pub(super) fn end_burst(state: &mut State) {
    state.typing = None;
}
