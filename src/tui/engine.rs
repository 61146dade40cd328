//! Runs the app's effects against the store, with no terminal: the event
//! loop uses it, and so do the flow tests, which drive the app by keys.

use std::path::{Path, PathBuf};

use crate::app::{Effect, Msg, Reversal, State, update};
use crate::clock::Clock;
use crate::domain::{Change, MeetingId, OpId, Origin, Team};
use crate::input;
use crate::storage::{Store, StoreError};

mod review;

pub struct Engine {
    pub store: Store,
    /// Minutes are written beside this file, in `minutes/`.
    pub db_path: PathBuf,
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
}

/// One of this screen's undos: its own operation, and the operations it
/// took back (which a redo puts back in effect).
struct Undone {
    undo: OpId,
    ops: Vec<OpId>,
}

impl Engine {
    pub fn new(store: Store, db_path: &Path, team: Team, origin: Origin) -> Engine {
        Engine {
            store,
            db_path: db_path.to_path_buf(),
            team,
            seen_version: None,
            origin,
            made: Vec::new(),
            as_of: None,
            undone: Vec::new(),
        }
    }

    /// A fresh state on the home screen, loaded at `clock`.
    pub fn start(&self, clock: &Clock) -> Result<State, StoreError> {
        Ok(State::new(self.load(clock, None)?, clock.now))
    }

    /// Reloads the screen's data when another process (the CLI, a second
    /// screen) changed the file since the last look. Returns whether it did.
    pub fn refresh_if_changed(&mut self, state: &mut State, clock: &Clock) -> bool {
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
            self.reload(state, clock);
        }
        changed
    }

    /// Sends one message and runs the effects that follow. Returns true when
    /// the app asked to quit.
    pub fn send(&mut self, state: &mut State, msg: Msg, clock: &Clock) -> bool {
        let effects = update(state, msg);
        self.run_effects(state, effects, clock)
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
        if state.swallows(clock.now) && input.key != ratatui_textarea::Key::Esc {
            return self.send(state, Msg::Swallowed(clock.now), clock);
        }
        let msg = match input::action(state, &input) {
            Some(action) => Msg::Act(action),
            None if state.form().is_some() => Msg::Type(input),
            None => match input::unbound_hint(state, &input) {
                Some(hint) => Msg::Unbound {
                    hint,
                    at: clock.now,
                },
                None => return false,
            },
        };
        self.send(state, msg, clock)
    }

    /// Runs effects in order and feeds each result back to the app.
    /// Returns true when the app asked to quit.
    pub fn run_effects(&mut self, state: &mut State, effects: Vec<Effect>, clock: &Clock) -> bool {
        for effect in effects {
            let now = clock.now;
            match effect {
                Effect::Quit => return true,
                Effect::Apply { changes, done } => {
                    let result = self.apply_all(&changes, now);
                    self.answer(state, clock, result.map(|()| done));
                }
                Effect::ApplyApproved {
                    changes,
                    done,
                    approved_by,
                } => {
                    let result = self.apply_approved(&changes, approved_by, now);
                    self.answer(state, clock, result.map(|()| done));
                }
                Effect::EndMeeting {
                    changes,
                    meeting,
                    minutes,
                } => {
                    let result = self.apply_all(&changes, now);
                    if let Err(e) = result {
                        self.answer(state, clock, Err(e));
                        continue;
                    }
                    let written = self.write_minutes(state, meeting.0, &minutes);
                    // An earlier week's review is over: back to this week,
                    // and the next review follows the team's setting.
                    self.as_of = None;
                    state.review_week = None;
                    self.reload(state, clock);
                    update(state, Msg::MinutesWritten(written));
                }
                // Left for the home screen: this week again, as loaded now.
                Effect::BackHome => {
                    self.as_of = None;
                    self.reload(state, clock);
                }
                Effect::EndEarlier(meeting) => self.end_earlier(state, meeting, clock),
                Effect::ResumeEarlier(meeting) => {
                    if self.resume_earlier(state, meeting, clock) {
                        return true;
                    }
                }
                Effect::OpenWeek(week) => {
                    if self.open_week(state, week, clock) {
                        return true;
                    }
                }
                // An undo may take back the end of a meeting: reload all.
                Effect::Undo => {
                    let reversal = self.undo(now);
                    self.reload(state, clock);
                    update(state, Msg::Undone(reversal));
                }
                Effect::Redo => {
                    let reversal = self.redo(now);
                    self.reload(state, clock);
                    update(state, Msg::Redone(reversal));
                }
            }
        }
        false
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
    fn end_earlier(&mut self, state: &mut State, meeting: MeetingId, clock: &Clock) {
        let found = match self.store.meeting(meeting) {
            Ok(Some(m)) if m.is_open() => Ok(m),
            Ok(_) => Err(StoreError::Refused(format!(
                "meeting #{meeting} is no longer open"
            ))),
            Err(e) => Err(e),
        };
        let ended = found.and_then(|m| {
            let (change, text) = super::ending(&self.store, &self.team, &m, clock)?;
            self.apply_all(&[change], clock.now)?;
            Ok((m, text))
        });
        match ended {
            Ok((m, text)) => {
                let written =
                    write_minutes(&self.db_path, &state.board.team.name, m.week, m.id.0, &text);
                self.reload(state, clock);
                update(state, Msg::MinutesWritten(written));
            }
            Err(e) => self.answer(state, clock, Err(e)),
        }
    }

    /// Undoes the newest operation made from this screen still in effect.
    fn undo(&mut self, now: chrono::DateTime<chrono::Utc>) -> Reversal {
        if self.made.is_empty() {
            return Reversal::Nothing;
        }
        match self.store.undo_newest_of(&self.made, &self.origin, now) {
            Ok(r) => {
                let ops: Vec<OpId> = r.reversed.iter().map(|(op, _)| *op).collect();
                self.made.retain(|op| !ops.contains(op));
                self.undone.push(Undone { undo: r.op, ops });
                Reversal::Done(what(&r.summary))
            }
            Err(e) => Reversal::Refused(e.to_string()),
        }
    }

    /// Makes again what this screen's last undo took back.
    fn redo(&mut self, now: chrono::DateTime<chrono::Utc>) -> Reversal {
        let Some(last) = self.undone.last() else {
            return Reversal::Nothing;
        };
        match self.store.redo_op(last.undo, &self.origin, now) {
            Ok(r) => {
                if let Some(last) = self.undone.pop() {
                    // Back in effect, oldest first, so `u` may take them back again.
                    self.made.extend(last.ops.iter().rev());
                }
                Reversal::Done(what(&r.summary))
            }
            Err(e) => Reversal::Refused(e.to_string()),
        }
    }

    fn answer(&mut self, state: &mut State, clock: &Clock, result: Result<String, StoreError>) {
        match result {
            Ok(done) => {
                // Our own saves never end a meeting: the history stays as loaded.
                let past = state.board.past.clone();
                match self.load(clock, Some(past)) {
                    Ok(board) => update(state, Msg::Loaded(Box::new(board))),
                    Err(e) => update(state, Msg::Saved(Err(format!("could not reload: {e}")))),
                };
                update(state, Msg::Saved(Ok(done)));
            }
            Err(StoreError::Conflict(text)) => {
                update(state, Msg::Conflict(text));
                self.reload(state, clock);
            }
            Err(e) => {
                update(state, Msg::Saved(Err(e.to_string())));
                // Another process may have changed the file (started or
                // ended this week's review): show what it holds now.
                self.reload(state, clock);
            }
        }
    }

    fn reload(&mut self, state: &mut State, clock: &Clock) {
        match self.load(clock, None) {
            Ok(board) => {
                update(state, Msg::Loaded(Box::new(board)));
            }
            Err(e) => {
                update(state, Msg::Saved(Err(format!("could not reload: {e}"))));
            }
        }
    }

    fn write_minutes(&self, state: &State, meeting: i64, text: &str) -> Result<String, String> {
        write_minutes(
            &self.db_path,
            &state.board.team.name,
            state.board.week,
            meeting,
            text,
        )
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

/// Minutes go beside the database, in `minutes/`, one file per meeting.
/// Returns the file's path. The screen and `rhythm meeting end` both write
/// them here.
pub fn write_minutes(
    db_path: &Path,
    team: &str,
    week: crate::domain::Week,
    meeting: i64,
    text: &str,
) -> Result<String, String> {
    let dir = db_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join("minutes");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = format!(
        "{}-{week}-{meeting}.md",
        crate::formats::slug::file_slug(team, "team")
    );
    let path = dir.join(name);
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path.display().to_string())
}
