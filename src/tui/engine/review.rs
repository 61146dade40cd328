//! The week under review: this week's, the week just ended for a team
//! that reviews it, one chosen with `rhythm meeting --week`, or one left
//! open earlier. The board is loaded as of the end of an earlier week, so
//! the room sees that week's scorecard and commitments; today stays today.

use super::Engine;
use crate::app::{Action, Board, Msg};
use crate::clock::Clock;
use crate::domain::{Meeting, MeetingId, Week};
use crate::storage::StoreError;
use crate::tui::load::load_board_keeping;

impl Engine {
    /// Goes into a review left open in an earlier week, with the board as
    /// of that week: the answers reload it and go into the meeting.
    pub(super) fn resume_earlier(&mut self, meeting: MeetingId, clock: &Clock) -> Vec<Msg> {
        match self.store.meeting(meeting) {
            Ok(Some(m)) if m.is_open() => {
                let mut answers = self.open_week(m.week, clock);
                answers.push(Msg::Saved(Ok(format!("Resumed the review of {}", m.week))));
                answers
            }
            Ok(_) => {
                let gone = StoreError::Refused(format!("meeting #{meeting} is no longer open"));
                vec![Msg::Saved(Err(gone.to_string())), self.reload(clock)]
            }
            Err(e) => vec![Msg::Saved(Err(e.to_string())), self.reload(clock)],
        }
    }

    /// Starts or resumes the review of `week`, with the board as of that
    /// week when it is an earlier one, so the room sees that week's
    /// scorecard and commitments.
    pub(super) fn open_week(&mut self, week: Week, clock: &Clock) -> Vec<Msg> {
        self.as_of = Some(week.sunday()).filter(|d| *d < clock.today);
        match self.load(clock, None) {
            Ok(board) if board.week == week => vec![
                Msg::Loaded(Box::new(board)),
                Msg::Reviewing(week),
                Msg::Act(Action::StartMeeting),
            ],
            // Only a week that has begun can be loaded: asking again would
            // ask for it again.
            Ok(board) => vec![
                Msg::Loaded(Box::new(board)),
                Msg::Saved(Err(format!("{week} has not begun yet"))),
            ],
            Err(e) => vec![Msg::Saved(Err(format!("could not reload: {e}")))],
        }
    }

    /// The clock the board is loaded at: `as_of` while an earlier review
    /// is open. A screen that only follows (`rhythm follow`) looks at the
    /// week the team's setting reviews, where its meeting runs.
    fn view(&self, clock: &Clock) -> Clock {
        let mut at = *clock;
        let followed = self.screen.is_none().then(|| {
            let picked = self.team.review.of(Week::containing(clock.today));
            picked.sunday()
        });
        if let Some(day) = self.as_of.or(followed).filter(|d| *d < clock.today) {
            at.today = day;
        }
        at
    }

    /// The board as of the week under review (see `view`), `past` reused
    /// as `load_board_keeping` does. Its day stays today: the promises
    /// made in the meeting are due a week from today, not from the end of
    /// the week it looks back at.
    pub(super) fn load(
        &self,
        clock: &Clock,
        past: Option<Vec<Meeting>>,
    ) -> Result<Board, StoreError> {
        let mut board = load_board_keeping(&self.store, &self.team, &self.view(clock), past)?;
        board.today = clock.today;
        // The review of the week just ended, for a team that reviews it,
        // is the one `m` resumes, not one forgotten in an earlier week.
        let picked = self.team.review.of(Week::containing(clock.today));
        if picked != board.week {
            board.earlier.retain(|m| m.week != picked);
        }
        Ok(board)
    }
}
