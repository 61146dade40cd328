//! One driver per meeting. After every message, `settle` decides from the
//! lease the board carries whether this screen drives the open meeting or
//! follows it, and a driver tells the file where it is (its heartbeat).
//! A follower mirrors the driver: section, clock, pause and cursor.

use chrono::{DateTime, Utc};

use super::clock::format_away;
use super::rows::rows;
use super::{Action, Effect, MeetingClock, Screen, Section, State, StatusLine};
use crate::domain::driver::{AWAY_AFTER, HEARTBEAT};
use crate::domain::{Change, Driver, MeetingId};

/// The screen a person sits at: who drives when it drives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seat {
    /// The person at this screen.
    pub name: String,
    /// This screen, as the lease names it (unique per process).
    pub screen: String,
    /// What this screen last told the file, to know when to tell it again.
    sent: Option<Sent>,
    /// Set once the screen quits: it never takes a meeting again, also not
    /// while the answers to its last writes come in.
    gone: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Sent {
    at: DateTime<Utc>,
    meeting: MeetingId,
    section: Section,
    selected: Option<(u8, i64)>,
    paused: bool,
}

impl Seat {
    pub fn new(name: &str, screen: &str) -> Seat {
        Seat {
            name: name.to_string(),
            screen: screen.to_string(),
            sent: None,
            gone: false,
        }
    }
}

/// The lease on the meeting on screen, when one is open.
pub fn driver(state: &State) -> Option<&Driver> {
    let m = state.board.open_meeting()?;
    state.board.driver.as_ref().filter(|d| d.meeting == m.id)
}

/// Since when the facilitator has been away, as a follower sees it: they
/// left, or sent no heartbeat for longer than `AWAY_AFTER`.
pub fn away_since(state: &State) -> Option<DateTime<Utc>> {
    if !state.following || state.screen != Screen::Meeting {
        return None;
    }
    driver(state)
        .filter(|d| d.away(state.now))
        .map(|d| d.heartbeat_at)
}

/// Whether a key is offered on this screen: a follower looks, leaves, and
/// (from a meeting screen of its own) takes the meeting over; a driver has
/// every key but take-over. The help and the footer list only these.
pub fn offered(state: &State, action: Action) -> bool {
    if state.following {
        matches!(action, Action::Help | Action::Quit)
            || (action == Action::TakeOver
                && state.seat.is_some()
                && state.screen == Screen::Meeting)
    } else {
        action != Action::TakeOver
    }
}

/// `T` on a follower: this screen takes the meeting from its driver, with
/// the clock paused or running as the driver left it.
pub(super) fn take_over(state: &State) -> Vec<Effect> {
    let (Some(seat), Some(m)) = (&state.seat, state.board.open_meeting()) else {
        return Vec::new();
    };
    let d = driver(state);
    let from = d.map_or_else(String::new, |d| format!(" from {}", d.name));
    vec![Effect::Apply {
        changes: vec![Change::DriveMeeting {
            meeting: m.id,
            driver: seat.name.clone(),
            screen: seat.screen.clone(),
            take_over: true,
            paused: d.is_some_and(|d| d.paused_at.is_some()),
            selected: d.and_then(|d| d.selected),
        }],
        done: format!("You drive the meeting now (taken over{from})"),
    }]
}

/// Mirrors the driver from the board: their section, their clock as last
/// saved (never behind what this screen has already counted), their pause
/// and the row under their cursor.
pub(super) fn mirror(state: &mut State) {
    let Some(m) = state.board.open_meeting() else {
        state.screen = Screen::Home;
        return;
    };
    let stored: Vec<u32> = m.sections.iter().map(|s| s.seconds_spent).collect();
    let section = state.board.section_at(m.current_section as usize);
    let mut seconds = stored;
    if state.screen == Screen::Meeting && state.section == section {
        for (s, local) in seconds.iter_mut().zip(&state.clock.seconds) {
            *s = (*s).max(*local);
        }
    }
    let earlier = std::mem::replace(&mut state.clock, MeetingClock::new(seconds));
    state.clock.tick_on_from(&earlier);
    state.section = section;
    state.screen = Screen::Meeting;
    let (paused, selected) = driver(state).map_or((None, None), |d| (d.paused_at, d.selected));
    if let Some(since) = paused {
        state.clock.paused_at(since);
    }
    if let Some(i) = selected.and_then(|r| {
        rows(state, section)
            .iter()
            .position(|row| row.record() == r)
    }) {
        state.selected[section.slot()] = i;
    }
}

/// Before a follower's tick: its clock counts only while the driver is
/// there and has not paused it. Once the driver is found away it stops
/// where it stands: the room is watching it, and going back to the
/// driver's last save (older than their last heartbeat) would show the
/// meeting's clock running backwards. The few seconds counted here before
/// the silence was noticed stay on screen (at most `AWAY_AFTER`, and the
/// next section starts from the driver's clock again).
pub(super) fn follower_clock(state: &mut State) {
    state.clock.running =
        away_since(state).is_none() && driver(state).is_none_or(|d| d.paused_at.is_none());
}

/// After every message: drive or follow, by the lease; a driver sends its
/// heartbeat when it is due or something followers see changed, and lets
/// go of the meeting when it leaves it.
pub(super) fn settle(state: &mut State, effects: &mut Vec<Effect>) {
    let Some(mut seat) = state.seat.take() else {
        return;
    };
    settle_seat(state, &mut seat, effects);
    state.seat = Some(seat);
}

fn settle_seat(state: &mut State, seat: &mut Seat, effects: &mut Vec<Effect>) {
    let open = state
        .board
        .open_meeting()
        .map(|m| m.id)
        .filter(|_| state.screen == Screen::Meeting);
    if seat.gone {
        return;
    }
    let quitting = effects.contains(&Effect::Quit);
    seat.gone = quitting;
    let Some(meeting) = open.filter(|_| !quitting) else {
        // Off the meeting screen (or leaving it): a driver lets go.
        if let Some(sent) = seat.sent.take() {
            ride_along(
                effects,
                Change::LeaveMeeting {
                    meeting: sent.meeting,
                    screen: seat.screen.clone(),
                },
            );
        }
        state.following = false;
        return;
    };
    let lease = driver(state).cloned();
    let mine = lease
        .as_ref()
        .is_some_and(|d| d.screen.as_deref() == Some(seat.screen.as_str()));
    if let Some(d) = lease.as_ref().filter(|d| !mine && !d.away(state.now)) {
        if !state.following {
            let mut text = if seat.sent.take().is_some() {
                format!(
                    "{} took over the meeting; this screen follows it now",
                    d.name
                )
            } else {
                format!("{} drives this meeting; this screen follows it", d.name)
            };
            // A follower writes nothing: a form open here cannot be saved.
            if let Some(super::Overlay::Form(_)) = state.overlay.take() {
                text.push_str(" (the open form was not saved)");
            }
            state.following = true;
            state.status = Some(StatusLine {
                text,
                error: false,
                undo: false,
            });
            mirror(state);
        }
        return;
    }
    if state.following {
        if !mine {
            // The driver is away: this screen waits for them, or for `T`.
            return;
        }
        state.following = false;
    }
    if seat.sent.is_none() && !mine {
        resumed(state, lease.as_ref());
    }
    let section = state.section;
    let now = Sent {
        at: state.now,
        meeting,
        section,
        selected: rows(state, section)
            .get(state.selected[section.slot()])
            .map(|r| r.record()),
        paused: !state.clock.running,
    };
    let beat = Change::DriveMeeting {
        meeting,
        driver: seat.name.clone(),
        screen: seat.screen.clone(),
        take_over: false,
        paused: now.paused,
        selected: now.selected,
    };
    // Every clock save carries the lease, so a screen that lost the meeting
    // cannot save its clock over the new driver's.
    let saves_clock = effects.iter_mut().find_map(|e| match e {
        Effect::Apply { changes, .. }
            if changes
                .iter()
                .any(|c| matches!(c, Change::SaveMeetingClock { .. })) =>
        {
            Some(changes)
        }
        _ => None,
    });
    let due = seat.sent.as_ref().is_none_or(|s| {
        (s.meeting, s.section, s.selected, s.paused)
            != (now.meeting, now.section, now.selected, now.paused)
            || now.at - s.at >= HEARTBEAT
    });
    match saves_clock {
        Some(changes) => changes.push(beat),
        None if due => effects.push(Effect::Apply {
            changes: vec![beat],
            done: String::new(),
        }),
        None => return,
    }
    seat.sent = Some(now);
}

/// A meeting this screen takes up again after nobody drove it for a while:
/// its pause still holds, and the time away is said and was not counted.
fn resumed(state: &mut State, lease: Option<&Driver>) {
    let Some(d) = lease else {
        return;
    };
    if let Some(since) = d.paused_at {
        state.clock.paused_at(since);
        state.status = Some(StatusLine {
            text: format!(
                "Resumed this week's review, paused since {}",
                state.board.local_time(since)
            ),
            error: false,
            undo: false,
        });
    } else if state.now - d.heartbeat_at > AWAY_AFTER {
        state.status = Some(StatusLine {
            text: format!(
                "Resumed this week's review after {} away (since {}); that time was not counted",
                format_away(state.now - d.heartbeat_at),
                state.board.local_time(d.heartbeat_at)
            ),
            error: false,
            undo: false,
        });
    }
}

/// Adds `change` to the first write of `effects` (so it happens before a
/// quit), or as a write of its own before them.
fn ride_along(effects: &mut Vec<Effect>, change: Change) {
    match effects.iter_mut().find_map(|e| match e {
        Effect::Apply { changes, .. } => Some(changes),
        _ => None,
    }) {
        Some(changes) => changes.push(change),
        None => effects.insert(
            0,
            Effect::Apply {
                changes: vec![change],
                done: String::new(),
            },
        ),
    }
}
