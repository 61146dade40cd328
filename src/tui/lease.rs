//! A meeting screen whose process is gone (a closed terminal, a crash) has
//! left its meeting: a new screen takes it at once instead of following a
//! driver who cannot come back. Only the runtime can tell, by the process
//! id the lease names; every screen runs on the machine that holds the file
//! (a network file system is not supported), so that id is meaningful here.

use crate::app::{Msg, State};
use crate::clock::Clock;
use crate::domain::Change;

use super::Engine;

/// Lets go of the open meeting for the screen that drove it when its
/// process no longer runs, and shows the meeting as nobody's.
pub(super) fn release_gone(engine: &mut Engine, state: &mut State, clock: &Clock) {
    // A watcher writes nothing; the lease runs out by itself for it.
    let (Some(_), Some(d)) = (&state.seat, state.board.driver.as_ref()) else {
        return;
    };
    let Some(screen) = d.screen.as_deref().filter(|s| gone(s)) else {
        return;
    };
    let change = Change::LeaveMeeting {
        meeting: d.meeting,
        screen: screen.to_string(),
    };
    if engine
        .store
        .apply(&[change], &engine.origin, clock.now)
        .is_ok()
        && let Ok(board) = super::load_board(&engine.store, &engine.team, clock)
    {
        engine.send(state, Msg::Loaded(Box::new(board)), clock);
    }
}

/// Whether the process that a screen's name starts with has ended. Where
/// that cannot be told, it has not: the lease then runs out by itself.
fn gone(screen: &str) -> bool {
    let Some(pid) = screen.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    let proc = std::path::Path::new("/proc");
    pid != std::process::id() && proc.is_dir() && !proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_of_this_process_is_not_gone_and_an_unknown_name_never_is() {
        assert!(!gone(&format!("{}-3", std::process::id())));
        assert!(!gone("someone"));
        if std::path::Path::new("/proc/self").exists() {
            // Beyond the largest process id Linux hands out.
            assert!(gone("4194305-0"));
        }
    }
}
