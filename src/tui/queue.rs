//! The runtime's one queue: a message goes to the app, each effect it asks
//! for runs, and every answer goes back to the app before the next effect;
//! nothing `update` returns is dropped.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::app::{Effect, Msg, State, update};
use crate::domain::Change;

/// One item of the queue: a message for the app, or an effect it asked
/// for, whose answers are handled before the next item.
enum Work {
    Msg(Msg),
    Effect(Effect),
}

/// Sends `first` to the app and drains what follows, running effects with
/// `run`. Returns true when the app asked to quit.
pub(super) fn drain(
    state: &mut State,
    first: Msg,
    mut run: impl FnMut(&State, Effect) -> Vec<Msg>,
) -> bool {
    let mut queue = VecDeque::from([Work::Msg(first)]);
    while let Some(work) = queue.pop_front() {
        let next: Vec<Work> = match work {
            Work::Msg(msg) => update(state, msg).into_iter().map(Work::Effect).collect(),
            Work::Effect(Effect::Quit) => return true,
            Work::Effect(effect) => run(state, effect).into_iter().map(Work::Msg).collect(),
        };
        // Answers first: depth first, so the app sees each effect's outcome
        // before the next effect of the same message runs.
        for work in next.into_iter().rev() {
            queue.push_front(work);
        }
    }
    false
}

/// Screens made by this process, so two in one process (the tests) are
/// two screens to the lease too.
static SCREENS: AtomicU64 = AtomicU64::new(0);

/// A name for a new screen, unique while it runs: its process, its number
/// in the process, and its machine (screens on several machines share a
/// server's database).
pub(super) fn next_screen() -> String {
    format!(
        "{}-{}@{}",
        std::process::id(),
        SCREENS.fetch_add(1, Ordering::Relaxed),
        super::lease::machine()
    )
}

/// A driver's word that it still drives (or leaves), taking nothing over.
pub(super) fn heartbeat(change: &Change) -> bool {
    matches!(
        change,
        Change::DriveMeeting {
            take_over: false,
            ..
        } | Change::LeaveMeeting { .. }
    )
}
