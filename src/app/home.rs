//! The home screen's keys: this week's review started or resumed, past
//! minutes read, action items added, undo and redo.

use super::Board;
use super::rows::{HomeRow, home_rows, home_selected};
use super::{
    Action, Confirm, Effect, MeetingClock, Overlay, Screen, State, StatusLine, corrections,
};
use crate::domain::{Change, MeetingKind, Week};

pub(super) fn home(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Up => state.home_selected = state.home_selected.saturating_sub(1),
        Action::Down => {
            state.home_selected =
                (state.home_selected + 1).min(home_rows(state).len().saturating_sub(1));
        }
        Action::Open | Action::Edit => open(state, action),
        Action::StartMeeting => return start_meeting(state),
        Action::AddAction => {
            let form = corrections::add_action(&state.board, None);
            state.overlay = Some(Overlay::Form(Box::new(form)));
        }
        Action::Undo => return vec![Effect::Undo],
        Action::Redo => return vec![Effect::Redo],
        Action::Help => state.overlay = Some(Overlay::Help),
        Action::ShowBrief => return vec![Effect::ShowBrief],
        Action::ShowPlan => return vec![Effect::ShowPlan],
        Action::Quit | Action::Back => return vec![Effect::Quit],
        _ => {}
    }
    Vec::new()
}

/// Enter on a home row: end an earlier review left open, edit an action
/// item, read a past meeting's minutes. `e` only edits action items.
fn open(state: &mut State, action: Action) {
    let team = &state.board.team.name;
    let (screen, overlay) = match (action, home_selected(state)) {
        (Action::Open, Some(HomeRow::Earlier(m))) => {
            (None, Some(Overlay::Confirm(Confirm::EndEarlier(m.id))))
        }
        (_, Some(HomeRow::Action(a))) => (
            None,
            Some(Overlay::Form(Box::new(corrections::edit_action(a)))),
        ),
        (Action::Open, Some(HomeRow::Past(m))) => (
            Some(Screen::Minutes {
                title: format!("{team} · weekly review {}", m.week),
                text: m
                    .minutes
                    .clone()
                    .unwrap_or_else(|| crate::formats::minutes::from_record(team, m)),
                scroll: 0,
            }),
            None,
        ),
        _ => (None, None),
    };
    if let Some(screen) = screen {
        state.screen = screen;
    }
    if overlay.is_some() {
        state.overlay = overlay;
    }
}

/// Goes into the board's week's review if it is open, at its stored
/// section with its stored clock. Returns whether it did.
pub(super) fn enter_open_meeting(state: &mut State) -> bool {
    let Some(m) = state.board.open_meeting() else {
        return false;
    };
    state.clock = MeetingClock::new(m.sections.iter().map(|s| s.seconds_spent).collect());
    state.section = state.board.section_at(m.current_section as usize);
    state.screen = Screen::Meeting;
    state.status = Some(StatusLine {
        text: format!("Resumed {}", the_review(&state.board, state.board.week)),
        error: false,
        undo: false,
    });
    true
}

/// The week a review started now looks at: the one chosen, else the one
/// the team's setting picks from today's week.
pub fn review_week(state: &State) -> Week {
    state.review_week.unwrap_or_else(|| {
        let b = &state.board;
        b.team.review.of(Week::containing(b.today))
    })
}

/// "this week's review", or "the review of 2026-W47" for another week.
fn the_review(b: &Board, week: Week) -> String {
    if week == Week::containing(b.today) {
        "this week's review".into()
    } else {
        format!("the review of {week}")
    }
}

/// Resumes the open review of the week under review, or starts one. When
/// that is not the board's week, the runtime first loads the board as of
/// it (`Effect::OpenWeek`) and asks again.
pub(super) fn start_meeting(state: &mut State) -> Vec<Effect> {
    // Entered from the home screen, so leaving comes back to it (the
    // runtime sets it again when the program opened straight into it).
    state.leave_quits = false;
    let week = review_week(state);
    let b = &state.board;
    let ended = b
        .past
        .iter()
        .any(|m| m.week == week && m.kind == MeetingKind::Weekly);
    if week != b.week && !ended {
        return vec![Effect::OpenWeek(week)];
    }
    if week == b.week && enter_open_meeting(state) {
        return Vec::new();
    }
    let b = &state.board;
    if week != b.week || b.meeting.is_some() {
        let mut text = the_review(b, week);
        if let Some(first) = text.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        state.status = Some(StatusLine {
            text: format!("{text} has ended; its minutes are under past meetings ({week})"),
            error: false,
            undo: false,
        });
        return Vec::new();
    }
    state.entering = true;
    vec![Effect::Apply {
        changes: vec![Change::StartMeeting {
            team: b.team.id,
            kind: MeetingKind::Weekly,
            week: b.week,
        }],
        done: "Meeting started".into(),
    }]
}

/// Leaves the meeting (it stays open) after `save` writes its clock down:
/// back to the home screen it was entered from, or out of the program when
/// the program opened straight into it.
pub(super) fn leave(state: &mut State, save: Effect) -> Vec<Effect> {
    if state.leave_quits {
        return vec![save, Effect::Quit];
    }
    let week = state
        .board
        .open_meeting()
        .map_or(state.board.week, |m| m.week);
    state.screen = Screen::Home;
    state.filter = None;
    // Home again: the next review follows the team's setting.
    state.review_week = None;
    state.status = Some(StatusLine {
        // The home screen's first lines say which key resumes it.
        text: format!("Left the review of {week}; it stays open"),
        error: false,
        undo: false,
    });
    vec![save, Effect::BackHome]
}

/// Quits at once, writing the clock down first when this screen keeps it
/// (a follower writes nothing).
pub(super) fn stop(state: &mut State) -> Vec<Effect> {
    if state.following || state.screen != Screen::Meeting {
        return vec![Effect::Quit];
    }
    let save = super::update::save_clock(state);
    vec![save, Effect::Quit]
}
