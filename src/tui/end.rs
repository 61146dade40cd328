//! Ending a meeting as the room saw it, for a meeting of any week: the
//! screen (a review left open earlier) and `rhythm meeting end` share it.

use crate::clock::Clock;
use crate::domain::{Change, Meeting, Team, Week};
use crate::formats::minutes;
use crate::storage::{Store, StoreError};

use super::load_board;

/// The change that ends `m` at `clock.now`, and its minutes: the scorecard
/// as of the meeting's own week is frozen as its snapshot.
pub fn ending(
    store: &Store,
    team: &Team,
    m: &Meeting,
    clock: &Clock,
) -> Result<(Change, String), StoreError> {
    let mut at = *clock;
    if m.week < Week::containing(at.today) {
        at.today = m.week.sunday();
    }
    let mut board = load_board(store, team, &at)?;
    if board.meeting.as_ref().map(|b| b.id) != Some(m.id) {
        board.meeting = Some(m.clone());
    }
    let seconds: Vec<u32> = m.sections.iter().map(|x| x.seconds_spent).collect();
    let text = minutes::render(&minutes::Input {
        board: &board,
        meeting: m,
        seconds: &seconds,
        ended_at: clock.now,
    });
    let change = Change::EndMeeting {
        meeting: m.id,
        snapshot: Box::new(board.scorecard),
        minutes: text.clone(),
    };
    Ok((change, text))
}
