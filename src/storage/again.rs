//! A write whose transaction the server undid is run again, whole: on
//! PostgreSQL a serialization failure or a deadlock is met that way, and a
//! connection that went before COMMIT lost the transaction with it (the
//! next try connects again). SQLite never fails so, and runs each once.

use std::time::Duration;

use super::{Store, StoreError};

/// How many times a write is run in all before its failure is said.
pub const TRIES: u32 = 5;

impl Store {
    /// Runs `attempt`, one whole transaction, until it is kept or fails
    /// for another reason, at most `TRIES` times. A write the server kept
    /// undoing for others' sake is then said to be busy, which a screen
    /// keeps and tries again on its own ticks.
    pub(crate) fn again<T>(
        &mut self,
        mut attempt: impl FnMut(&mut Store) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut tries = 1;
        loop {
            match attempt(self) {
                Err(e) if e.worth_again() && tries < TRIES => {
                    std::thread::sleep(pause(tries));
                    tries += 1;
                }
                Err(e) if e.worth_again() && !e.is_lost() => return Err(StoreError::Busy),
                other => return other,
            }
        }
    }
}

/// Doubling from 20 ms, with this process's own few milliseconds added so
/// that two writers undone together do not meet again in step.
fn pause(tries: u32) -> Duration {
    let own = u64::from(std::process::id() % 10);
    Duration::from_millis((10 << tries) + own)
}
