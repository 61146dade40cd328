//! When a frame is worth drawing. Keys, pastes, resizes and a reload of
//! the data always draw; between them a tick only does when something on
//! screen moved: the meeting's clock to its next second, the status line,
//! how long a save has waited, the screen itself, the time as far as the
//! screen shows it: a meeting's clock by its own seconds, its projected
//! end by the minute (it moves while the clock is paused), a follower's
//! driver gone quiet by the second, anything else by the day. An idle home
//! screen draws nothing until the day changes.

use super::{Screen, State, StatusLine};

/// What a tick may change on screen, as a value to compare.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    screen: Screen,
    status: Option<StatusLine>,
    waited_seconds: Option<i64>,
    /// The meeting's clock, and the time as far as the screen shows it.
    clock: Option<(u32, bool)>,
    time: i64,
}

pub fn shown(state: &State) -> Shown {
    let meeting = state.screen == Screen::Meeting;
    let clock = (meeting && state.board.open_meeting().is_some())
        .then(|| (state.clock.total(), state.clock.running));
    let seconds = state.now.timestamp();
    Shown {
        time: match (meeting, state.following) {
            (true, true) => seconds,
            (true, false) => seconds.div_euclid(60),
            (false, _) => seconds.div_euclid(86_400),
        },
        screen: state.screen.clone(),
        status: state.status.clone(),
        waited_seconds: state.waiting.map(|w| w.num_seconds()),
        clock,
    }
}
