//! Runs the app's effects against the store, with no terminal: the event
//! loop uses it, and so do the flow tests, which drive the app by keys.

use super::end::{AfterMeeting, Written};
use std::path::{Path, PathBuf};

use crate::app::{Effect, Msg, Seat, State};
use crate::clock::Clock;
use crate::domain::{Change, MeetingId, OpId, Origin, Team};
use crate::hooks::Running;
use crate::input;
use crate::storage::{Store, StoreError};

use super::queue;
use super::write_minutes;

mod after;
mod brief;
mod review;
mod undo;
mod waiting;

use undo::Undone;

pub struct Engine {
    pub store: Store,
    /// Minutes are written beside this file, in `minutes/`, unless `after`
    /// names a folder.
    pub db_path: PathBuf,
    /// Where an ended meeting's minutes go, and the hook run then.
    pub after: AfterMeeting,
    pub team: Team,
    /// The file's data version when last seen, to notice other processes.
    seen_version: Option<i64>,
    /// Who makes this screen's changes.
    pub origin: Origin,
    /// Operations made from this screen and still in effect, oldest
    /// first: what `u` may undo.
    made: Vec<OpId>,
    /// While the review of an earlier week is open (one left open, one
    /// chosen, or the week just ended for a team that reviews it): the day
    /// the board is loaded as of (the end of that week), so the room sees
    /// that week's scorecard and commitments.
    as_of: Option<chrono::NaiveDate>,
    /// This screen's undos since its last change, newest last: what redo
    /// may bring back.
    undone: Vec<Undone>,
    /// This screen as a meeting's lease names it; `None` for a follower
    /// that only ever looks (`rhythm follow`, on a read-only file).
    screen: Option<String>,
    /// Writes that met another process's write lock, oldest first, and
    /// what came after them: tried again on the loop's ticks.
    waiting: waiting::Waiting,
    /// Hooks started when a meeting ended, still running.
    hooks: Vec<Running>,
}

impl Engine {
    pub fn new(store: Store, db_path: &Path, team: Team, origin: Origin) -> Engine {
        // Taken before the first load, so a change made in between (another
        // screen starting the meeting) is not missed.
        let seen_version = store.data_version().ok();
        // Should the connection refuse, writes wait as long as the
        // commands' do: the screen may stall, but loses nothing.
        let _ = store.set_busy_wait(waiting::ATTEMPT);
        Engine {
            store,
            db_path: db_path.to_path_buf(),
            after: AfterMeeting::default(),
            team,
            seen_version,
            origin,
            made: Vec::new(),
            as_of: None,
            undone: Vec::new(),
            screen: Some(queue::next_screen()),
            waiting: waiting::Waiting::default(),
            hooks: Vec::new(),
        }
    }

    /// An engine that only looks (`rhythm follow`): its screen follows the
    /// team's meeting and never drives it, so it never writes.
    pub fn follower(store: Store, db_path: &Path, team: Team) -> Engine {
        let origin = Origin::new("follower", crate::domain::OpSource::Tui);
        Engine {
            screen: None,
            ..Engine::new(store, db_path, team, origin)
        }
    }

    /// A fresh state on the home screen, loaded at `clock`; a follower's
    /// goes straight to the meeting when one runs.
    pub fn start(&self, clock: &Clock) -> Result<State, StoreError> {
        let board = self.load(clock, None)?;
        Ok(match &self.screen {
            Some(screen) => State {
                seat: Some(Seat::new(&self.origin.author, screen)),
                ..State::new(board, clock.now)
            },
            None => State::follower(board, clock.now),
        })
    }

    /// Reloads the screen's data when another process (the CLI, a second
    /// screen) changed the file since the last look. Returns whether it did.
    /// While writes wait, the screen keeps the board they were made on (a
    /// reload would answer a start still waiting, as if it had failed); it
    /// catches up once they land.
    pub fn refresh_if_changed(&mut self, state: &mut State, clock: &Clock) -> bool {
        if self.is_waiting() {
            return false;
        }
        let Ok(version) = self.store.data_version() else {
            return false;
        };
        let changed = self.seen_version.is_some_and(|seen| seen != version);
        self.seen_version = Some(version);
        if changed {
            // The team itself may have changed too: its name, or which
            // week its review looks at (`rhythm team edit`).
            if let Ok(Some(team)) = self
                .store
                .teams()
                .map(|teams| teams.into_iter().find(|t| t.id == self.team.id))
            {
                self.team = team;
            }
            let loaded = self.reload(clock);
            // A reload never quits: what the app asks for after it runs.
            self.send(state, loaded, clock);
        }
        changed
    }

    /// Sends one message and drains the queue that follows: each effect the
    /// app asks for runs, and every answer goes back to the app, before the
    /// next effect. Returns true when the app asked to quit.
    pub fn send(&mut self, state: &mut State, msg: Msg, clock: &Clock) -> bool {
        queue::drain(state, msg, |state, effect| self.run(state, effect, clock))
    }

    /// Types keys the way a person would, by the binding table: a bound key
    /// is its action; in a form anything else is typing. Returns true on quit.
    pub fn press(
        &mut self,
        state: &mut State,
        input: ratatui_textarea::Input,
        clock: &Clock,
    ) -> bool {
        // Inside a burst of typing outside a form, every key is swallowed
        // (Esc ends the burst and acts as itself).
        if state.swallows(clock.typed) && input.key != ratatui_textarea::Key::Esc {
            return self.send(state, Msg::Swallowed(clock.typed), clock);
        }
        let msg = match input::action(state, &input) {
            Some(action) => Msg::Act(action),
            None if state.form().is_some() => Msg::Type(input),
            None => match input::unbound_hint(state, &input) {
                Some(hint) => Msg::Unbound {
                    hint,
                    at: clock.typed,
                },
                None => return false,
            },
        };
        self.send(state, msg, clock)
    }

    /// Runs one effect against the store; returns the app's answers to it.
    /// A write that meets another process's write lock waits (see
    /// `waiting`), and so does every effect after it, in order.
    fn run(&mut self, state: &State, effect: Effect, clock: &Clock) -> Vec<Msg> {
        if self.screen.is_none() {
            // A follower's app asks for no writes; should one slip through,
            // it is refused here rather than tried on a read-only file.
            return vec![Msg::Saved(Err(
                "this screen only follows the meeting".into()
            ))];
        }
        if effect == Effect::Quit {
            return Vec::new();
        }
        if self.is_waiting() {
            return self.wait(effect, clock);
        }
        match self.attempt(state, effect, clock) {
            Ok(answers) => answers,
            Err(effect) => self.wait(effect, clock),
        }
    }

    /// Runs one effect; gives it back when the store was busy with another
    /// process's write, having written nothing, so it can be tried again.
    fn attempt(
        &mut self,
        state: &State,
        effect: Effect,
        clock: &Clock,
    ) -> Result<Vec<Msg>, Effect> {
        let now = clock.now;
        let answers = match &effect {
            Effect::Quit => Vec::new(),
            // A heartbeat (sent on every cursor move) changes nothing this
            // screen shows: only a refusal needs the board again.
            Effect::Apply { changes, done }
                if done.is_empty() && changes.iter().all(queue::heartbeat) =>
            {
                match self.apply_all(changes, now) {
                    Ok(()) => Vec::new(),
                    Err(StoreError::Busy) => return Err(effect),
                    Err(e) => self.answer(state, clock, Err(e)),
                }
            }
            Effect::Apply { changes, done } => match self.apply_all(changes, now) {
                Err(StoreError::Busy) => return Err(effect),
                result => self.answer(state, clock, result.map(|()| done.clone())),
            },
            Effect::ApplyApproved {
                changes,
                done,
                approved_by,
            } => match self.apply_approved(changes, approved_by.clone(), now) {
                Err(StoreError::Busy) => return Err(effect),
                result => self.answer(state, clock, result.map(|()| done.clone())),
            },
            Effect::EndMeeting {
                changes,
                meeting,
                minutes,
            } => match self.apply_all(changes, now) {
                Err(StoreError::Busy) => return Err(effect),
                Err(e) => self.answer(state, clock, Err(e)),
                Ok(()) => {
                    let written = self.write_minutes(state, meeting.0, minutes);
                    // An earlier week's review is over: back to this week.
                    self.as_of = None;
                    [vec![self.reload(clock)], self.written_msgs(written)].concat()
                }
            },
            Effect::EndEarlier(meeting) => match self.end_earlier(state, *meeting, clock) {
                Err(StoreError::Busy) => return Err(effect),
                Err(e) => self.answer(state, clock, Err(e)),
                Ok(answers) => answers,
            },
            // Left for the home screen: this week again, as loaded now.
            Effect::BackHome => {
                self.as_of = None;
                vec![self.reload(clock)]
            }
            Effect::ResumeEarlier(meeting) => self.resume_earlier(*meeting, clock),
            Effect::ShowBrief => vec![self.brief(clock)],
            Effect::ShowPlan => vec![match self.store.plan(self.team.id) {
                Ok(plan) => Msg::Plan(Box::new(plan)),
                Err(e) => Msg::Saved(Err(format!("could not read the plan: {e}"))),
            }],
            Effect::OpenWeek(week) => self.open_week(*week, clock),
            // An undo may take back the end of a meeting: reload all.
            Effect::Undo => match self.undo(now) {
                Ok(reversal) => vec![self.reload(clock), Msg::Undone(reversal)],
                Err(_) => return Err(effect),
            },
            Effect::Redo => match self.redo(now) {
                Ok(reversal) => vec![self.reload(clock), Msg::Redone(reversal)],
                Err(_) => return Err(effect),
            },
        };
        Ok(answers)
    }

    /// Applies `changes` in one transaction: all of them, or none.
    fn apply_all(
        &mut self,
        changes: &[Change],
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let applied = self.store.apply(changes, &self.origin, now)?;
        self.made_here(applied.op);
        Ok(())
    }

    /// `apply_all` with the approval a change to a made commitment needs.
    fn apply_approved(
        &mut self,
        changes: &[Change],
        approved_by: String,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<(), StoreError> {
        let origin = self.origin.clone().approved_by(Some(approved_by));
        let applied = self.store.apply(changes, &origin, now)?;
        self.made_here(applied.op);
        Ok(())
    }

    /// An operation made from this screen: `u` may take it back, and after
    /// it there is nothing to redo.
    fn made_here(&mut self, op: Option<OpId>) {
        if let Some(op) = op {
            self.made.push(op);
            self.undone.clear();
        }
    }

    /// Ends a review left open in an earlier week and writes its minutes.
    /// Err when it could not be ended (then nothing was written).
    fn end_earlier(
        &mut self,
        state: &State,
        meeting: MeetingId,
        clock: &Clock,
    ) -> Result<Vec<Msg>, StoreError> {
        let m = match self.store.meeting(meeting)? {
            Some(m) if m.is_open() => m,
            _ => {
                return Err(StoreError::Refused(format!(
                    "meeting #{meeting} is no longer open"
                )));
            }
        };
        let (change, text) = super::ending(&self.store, &self.team, &m, clock)?;
        self.apply_all(&[change], clock.now)?;
        let written = write_minutes(
            &self.store,
            &self.db_path,
            &self.after,
            &state.board.team.name,
            m.week,
            m.id,
            &text,
        );
        Ok([vec![self.reload(clock)], self.written_msgs(written)].concat())
    }

    /// The app's answers to a write: the board reloaded and what was saved,
    /// or why not.
    fn answer(
        &mut self,
        state: &State,
        clock: &Clock,
        result: Result<String, StoreError>,
    ) -> Vec<Msg> {
        match result {
            Ok(done) => {
                // Our own saves never end a meeting: the history stays as loaded.
                let past = state.board.past.clone();
                let loaded = match self.load(clock, Some(past)) {
                    Ok(board) => Msg::Loaded(Box::new(board)),
                    Err(e) => Msg::Saved(Err(format!("could not reload: {e}"))),
                };
                vec![loaded, Msg::Saved(Ok(done))]
            }
            Err(StoreError::Conflict(text)) => {
                vec![
                    Msg::Conflict(super::keys::with_keys(state, text)),
                    self.reload(clock),
                ]
            }
            // Another process may have changed the file (started or ended
            // this week's review, taken the meeting over): show what it
            // holds now.
            Err(e) => vec![Msg::Saved(Err(e.to_string())), self.reload(clock)],
        }
    }

    /// The board as the file holds it now, for the app.
    fn reload(&mut self, clock: &Clock) -> Msg {
        match self.load(clock, None) {
            Ok(board) => Msg::Loaded(Box::new(board)),
            Err(e) => Msg::Saved(Err(format!("could not reload: {e}"))),
        }
    }

    fn write_minutes(&self, state: &State, meeting: i64, text: &str) -> Result<Written, String> {
        write_minutes(
            &self.store,
            &self.db_path,
            &self.after,
            &state.board.team.name,
            state.board.week,
            MeetingId(meeting),
            text,
        )
    }
}
