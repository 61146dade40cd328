//! Writes that meet another process's write lock wait here instead of
//! freezing the screen. Each attempt waits only `ATTEMPT` for the lock; a
//! write still refused is kept, in order, with every effect after it, and
//! tried again on the loop's ticks while the clock and the screen go on.
//! A busy write wrote nothing, so trying it again never applies it twice.
//! After `GIVE_UP` the waiting writes are answered as failed: a form keeps
//! what was typed, to save again or copy. A heartbeat is never kept: the
//! next one follows in seconds.

use std::collections::VecDeque;
use std::time::Duration;

use chrono::{DateTime, Utc};

use super::Engine;
use crate::app::{Effect, Msg, Reversal, State};
use crate::clock::Clock;
use crate::domain::Change;
use crate::storage::StoreError;

/// How long one attempt waits for another process's write lock: short
/// enough that the screen never seems to stop, long enough to outlast the
/// usual write of another rhythm, so most writes never wait at all.
pub(super) const ATTEMPT: Duration = Duration::from_millis(100);

/// How long writes wait before they are answered as failed.
pub(super) const GIVE_UP: chrono::Duration = chrono::Duration::seconds(30);

#[derive(Default)]
pub(super) struct Waiting {
    effects: VecDeque<Effect>,
    /// When the oldest waiting write met the lock, or one last landed, by
    /// the wall clock (`Clock::typed`, which a pinned clock leaves running).
    since: Option<DateTime<Utc>>,
}

impl Engine {
    /// Whether writes of this screen wait for another process's lock.
    pub fn is_waiting(&self) -> bool {
        !self.waiting.effects.is_empty()
    }

    /// Keeps `effect` to be tried again, after those already waiting; the
    /// app hears of the wait when it begins.
    pub(super) fn wait(&mut self, effect: Effect, clock: &Clock) -> Vec<Msg> {
        if beat_only(&effect) {
            return Vec::new();
        }
        self.waiting.effects.push_back(effect);
        match self.waiting.since {
            Some(_) => Vec::new(),
            None => {
                self.waiting.since = Some(clock.typed);
                vec![Msg::Waiting(Some(chrono::Duration::zero()))]
            }
        }
    }

    /// On the loop's tick: tries the waiting writes again, oldest first,
    /// each one's answers (and what follows from them) before the next,
    /// as if they had run when asked. Past `GIVE_UP` they are answered as
    /// failed instead. Returns true when the app asked to quit.
    pub fn retry_waiting(&mut self, state: &mut State, clock: &Clock) -> bool {
        self.retry(state, clock, true)
    }

    fn retry(&mut self, state: &mut State, clock: &Clock, may_give_up: bool) -> bool {
        if !self.is_waiting() {
            return false;
        }
        let since = self.waiting.since.unwrap_or(clock.typed);
        let give_up = may_give_up && clock.typed - since >= GIVE_UP;
        let mut queue = std::mem::take(&mut self.waiting.effects);
        if give_up {
            // Anything that waits from here on waits afresh.
            self.waiting.since = None;
        }
        let mut quit = false;
        while let Some(effect) = queue.pop_front() {
            let answers = if give_up {
                self.given_up(state, effect, clock)
            } else {
                match self.attempt(state, effect, clock) {
                    Ok(answers) => {
                        self.waiting.since = Some(clock.typed);
                        answers
                    }
                    Err(effect) => {
                        queue.push_front(effect);
                        break;
                    }
                }
            };
            for msg in answers {
                quit |= self.send(state, msg, clock);
            }
            // A write that followed from those answers met the lock: it
            // goes before the rest, as it would have run before them. And
            // nothing runs after a quit, as in the queue.
            if quit || (self.is_waiting() && !give_up) {
                break;
            }
        }
        self.waiting.effects.extend(queue);
        let waited = match (self.is_waiting(), self.waiting.since) {
            (true, Some(since)) => Some(clock.typed - since),
            (true, None) => Some(chrono::Duration::zero()),
            (false, _) => {
                self.waiting.since = None;
                None
            }
        };
        quit | self.send(state, Msg::Waiting(waited), clock)
    }

    /// The answers to a waiting effect given up on: a write failed as
    /// busy (nothing of it was written); anything else runs now.
    fn given_up(&mut self, state: &State, effect: Effect, clock: &Clock) -> Vec<Msg> {
        let busy = || StoreError::Busy.to_string();
        match effect {
            Effect::Apply { .. }
            | Effect::ApplyApproved { .. }
            | Effect::EndMeeting { .. }
            | Effect::EndEarlier(_) => self.answer(state, clock, Err(StoreError::Busy)),
            Effect::Undo => vec![self.reload(clock), Msg::Undone(Reversal::Refused(busy()))],
            Effect::Redo => vec![self.reload(clock), Msg::Redone(Reversal::Refused(busy()))],
            other => self.attempt(state, other, clock).unwrap_or_default(),
        }
    }

    /// On the way out: one last, longer wait of up to `patience` for the
    /// waiting writes. Returns what could still not be saved, in words,
    /// with what a form being saved held; those are answered as given up.
    pub fn flush(&mut self, state: &mut State, clock: &Clock, patience: Duration) -> Vec<String> {
        if !self.is_waiting() {
            return Vec::new();
        }
        let typed = state.form().filter(|f| f.saving).map(|f| {
            let held: Vec<String> = f
                .fields
                .iter()
                .map(|field| (field.label, field.text()))
                .filter(|(_, text)| !text.trim().is_empty())
                .map(|(label, text)| format!("{label}: {text}"))
                .collect();
            held.join("; ")
        });
        let _ = self.store.set_busy_wait(patience);
        self.retry(state, clock, false);
        let _ = self.store.set_busy_wait(ATTEMPT);
        let given_up = std::mem::take(&mut self.waiting).effects;
        let mut left: Vec<String> = Vec::new();
        // Each clock save holds all the seconds counted: one line says it.
        for line in given_up.iter().filter_map(describe) {
            if !left.contains(&line) {
                left.push(line);
            }
        }
        if let Some(typed) = typed.filter(|t| !left.is_empty() && !t.is_empty()) {
            left.push(format!("the form held {typed}"));
        }
        // The app hears of it as of any write given up: a form stays open.
        for effect in given_up {
            for msg in self.given_up(state, effect, clock) {
                self.send(state, msg, clock);
            }
        }
        self.send(state, Msg::Waiting(None), clock);
        left
    }
}

/// A waiting effect in words, for the note on the way out; `None` for
/// what loses nothing of the user's (a lease runs out by itself).
fn describe(effect: &Effect) -> Option<String> {
    match effect {
        Effect::Apply { done, .. } | Effect::ApplyApproved { done, .. } if !done.is_empty() => {
            Some(format!("'{done}'"))
        }
        Effect::Apply { changes, .. } | Effect::ApplyApproved { changes, .. } => changes
            .iter()
            .any(|c| matches!(c, Change::SaveMeetingClock { .. }))
            .then(|| "the meeting clock's last seconds".to_string()),
        Effect::EndMeeting { .. } => Some("ending the meeting (it stays open)".into()),
        Effect::EndEarlier(m) => Some(format!("ending meeting #{m}")),
        Effect::Undo => Some("an undo".into()),
        Effect::Redo => Some("a redo".into()),
        _ => None,
    }
}

/// A driver's heartbeat alone: skipped when busy, never kept.
fn beat_only(effect: &Effect) -> bool {
    matches!(effect, Effect::Apply { changes, done }
        if done.is_empty()
            && !changes.is_empty()
            && changes.iter().all(|c| matches!(c, Change::DriveMeeting { take_over: false, .. })))
}
