//! What follows a meeting's end on the screen: the minutes written, and the
//! config file's hook, which runs off the screen's thread and is heard of
//! when it ends.

use super::Engine;
use crate::app::{Msg, State};
use crate::clock::Clock;
use crate::tui::end::Written;

impl Engine {
    /// What the app hears of the minutes written at a meeting's end; a
    /// hook that started is heard of when it ends (`hooks_finished`).
    pub(super) fn written_msgs(&mut self, written: Result<Written, String>) -> Vec<Msg> {
        match written {
            Ok(w) => {
                let mut msgs = vec![Msg::MinutesWritten(Ok(w.path))];
                match w.hook {
                    Some(Ok(running)) => self.hooks.push(running),
                    Some(Err(why)) => msgs.push(Msg::HookFailed(why)),
                    None => {}
                }
                msgs
            }
            Err(e) => vec![Msg::MinutesWritten(Err(e))],
        }
    }

    /// Tells the app of hooks that have ended since the last look, when
    /// they failed. True when the app asks to quit.
    pub fn hooks_finished(&mut self, state: &mut State, clock: &Clock) -> bool {
        let mut failed = Vec::new();
        self.hooks.retain(|hook| match hook.finished() {
            None => true,
            Some(Ok(())) => false,
            Some(Err(why)) => {
                failed.push(why);
                false
            }
        });
        failed
            .into_iter()
            .any(|why| self.send(state, Msg::HookFailed(why), clock))
    }

    /// Whether a hook is still running.
    pub fn hooks_running(&self) -> bool {
        !self.hooks.is_empty()
    }

    /// Waits for the hooks still running (each stops itself within its
    /// limit); returns why each that failed did.
    pub fn wait_for_hooks(&mut self) -> Vec<String> {
        std::mem::take(&mut self.hooks)
            .into_iter()
            .filter_map(|hook| hook.wait().err())
            .collect()
    }
}
