//! This screen's undo and redo: only its own operations, newest first.

use super::Engine;
use crate::app::Reversal;
use crate::domain::OpId;
use crate::storage::StoreError;

/// One of this screen's undos: its own operation, and the operations it
/// took back (which a redo puts back in effect).
pub(super) struct Undone {
    undo: OpId,
    ops: Vec<OpId>,
}

impl Engine {
    /// Undoes the newest operation made from this screen still in effect.
    /// Err only when another process held the file (`StoreError::Busy`):
    /// nothing was undone, and the undo waits to be tried again.
    pub(super) fn undo(
        &mut self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Reversal, StoreError> {
        if self.made.is_empty() {
            return Ok(Reversal::Nothing);
        }
        match self.store.undo_newest_of(&self.made, &self.origin, now) {
            Ok(r) => {
                let ops: Vec<OpId> = r.reversed.iter().map(|(op, _)| *op).collect();
                self.made.retain(|op| !ops.contains(op));
                self.undone.push(Undone { undo: r.op, ops });
                Ok(Reversal::Done(what(&r.summary)))
            }
            Err(StoreError::Busy) => Err(StoreError::Busy),
            Err(e @ StoreError::AlreadyUndone { op, .. }) => {
                // Said once; the next `u` goes on to the change before it.
                self.made.retain(|m| *m != op);
                Ok(Reversal::Refused(e.to_string()))
            }
            Err(e) => Ok(Reversal::Refused(e.to_string())),
        }
    }

    /// Makes again what this screen's last undo took back; Err as `undo`.
    pub(super) fn redo(
        &mut self,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Reversal, StoreError> {
        let Some(last) = self.undone.last() else {
            return Ok(Reversal::Nothing);
        };
        match self.store.redo_op(last.undo, &self.origin, now) {
            Ok(r) => {
                if let Some(last) = self.undone.pop() {
                    // Back in effect, oldest first, so `u` may take them back again.
                    self.made.extend(last.ops.iter().rev());
                }
                Ok(Reversal::Done(what(&r.summary)))
            }
            Err(StoreError::Busy) => Err(StoreError::Busy),
            Err(e) => Ok(Reversal::Refused(e.to_string())),
        }
    }
}

/// What an undo or redo did, from its log line ("Undid #12: Dropped
/// off-track #9" says "Dropped off-track #9").
fn what(summary: &str) -> String {
    summary
        .split_once(": ")
        .map_or(summary, |(_, what)| what)
        .to_string()
}
