//! A meeting screen whose process is gone (a closed terminal, a crash) has
//! left its meeting: a new screen takes it at once instead of following a
//! driver who cannot come back. Only the runtime can tell, by the process
//! id the lease names, and only for a screen of this machine: on a server's
//! database the driver may sit at another machine, whose process ids mean
//! nothing here, so a screen's name carries its machine (see `machine`).

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

/// On a server's database, what to tell a screen whose machine's clock
/// disagrees with the server's (see `driver::clock_warning`). A clock
/// pinned by `RHYTHM_NOW` is off on purpose, and is not told.
pub(super) fn clock_warning(store: &crate::storage::Store) -> Option<String> {
    if std::env::var_os("RHYTHM_NOW").is_some() {
        return None;
    }
    let before = Clock::read().ok()?.typed;
    let server = store.server_time().ok()??;
    let after = Clock::read().ok()?.typed;
    let here = before + (after - before) / 2;
    crate::domain::driver::clock_warning(server - here)
}

/// Whether the process that a screen's name starts with has ended. Where
/// that cannot be told (another machine's screen), it has not: the lease
/// then runs out by itself.
fn gone(screen: &str) -> bool {
    let (local, machine_of) = match screen.split_once('@') {
        Some((local, m)) => (local, Some(m)),
        // Named before screens carried their machine: a file's, this one.
        None => (screen, None),
    };
    if machine_of.is_some_and(|m| m != machine()) {
        return false;
    }
    let Some(pid) = local.split('-').next().and_then(|p| p.parse::<u32>().ok()) else {
        return false;
    };
    let proc = std::path::Path::new("/proc");
    pid != std::process::id() && proc.is_dir() && !proc.join(pid.to_string()).exists()
}

/// This machine and process-id space, as screen names carry it: the id of
/// this boot and of the pid namespace (a container is another machine to
/// its process ids). Empty where neither can be read.
pub(super) fn machine() -> &'static str {
    static MACHINE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MACHINE.get_or_init(|| {
        let boot = std::fs::read_to_string("/proc/sys/kernel/random/boot_id").unwrap_or_default();
        let boot: String = boot
            .chars()
            .filter(char::is_ascii_hexdigit)
            .take(8)
            .collect();
        let ns: String = std::fs::read_link("/proc/self/ns/pid")
            .map(|p| {
                p.to_string_lossy()
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect()
            })
            .unwrap_or_default();
        format!("{boot}{ns}")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_of_this_process_is_not_gone_and_an_unknown_name_never_is() {
        assert!(!gone(&format!("{}-3", std::process::id())));
        assert!(!gone(&format!("{}-3@{}", std::process::id(), machine())));
        assert!(!gone("someone"));
        if std::path::Path::new("/proc/self").exists() {
            // Beyond the largest process id Linux hands out.
            assert!(gone("4194305-0"));
            assert!(gone(&format!("4194305-0@{}", machine())));
            // Another machine's process id says nothing of this one's.
            assert!(!gone("4194305-0@elsewhere"));
        }
    }
}
