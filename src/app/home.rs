//! The home screen's keys: this week's review started or resumed, past
//! minutes read, action items added, undo and redo.

use super::{
    Action, Effect, MeetingClock, Overlay, Screen, Section, State, StatusLine, corrections,
};
use crate::domain::Change;

pub(super) fn home(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::Up => state.home_selected = state.home_selected.saturating_sub(1),
        Action::Down => {
            state.home_selected =
                (state.home_selected + 1).min(state.board.past.len().saturating_sub(1));
        }
        Action::Open => {
            if let Some(m) = state.board.past.get(state.home_selected) {
                state.screen = Screen::Minutes {
                    title: format!("{} · weekly review {}", state.board.team.name, m.week),
                    text: m.minutes.clone().unwrap_or_else(|| {
                        crate::formats::minutes::from_record(&state.board.team.name, m)
                    }),
                    scroll: 0,
                };
            }
        }
        Action::StartMeeting => return start_meeting(state),
        Action::AddAction => {
            let form = corrections::add_action(&state.board, None);
            state.overlay = Some(Overlay::Form(Box::new(form)));
        }
        Action::Undo => return vec![Effect::Undo],
        Action::Redo => return vec![Effect::Redo],
        Action::Help => state.overlay = Some(Overlay::Help),
        Action::Quit | Action::Back => return vec![Effect::Quit],
        _ => {}
    }
    Vec::new()
}

/// Goes into this week's review if it is open, at its stored section with
/// its stored clock. Returns whether it did.
pub(super) fn enter_open_meeting(state: &mut State) -> bool {
    let Some(m) = state.board.open_meeting() else {
        return false;
    };
    state.clock = MeetingClock::new(m.sections.iter().map(|s| s.seconds_spent).collect());
    state.section = Section::at(m.current_section as usize);
    state.screen = Screen::Meeting;
    state.status = Some(StatusLine {
        text: "Resumed this week's review".into(),
        error: false,
    });
    true
}

/// Resumes this week's open review, or starts one.
pub(super) fn start_meeting(state: &mut State) -> Vec<Effect> {
    if enter_open_meeting(state) {
        return Vec::new();
    }
    if state.board.meeting.is_some() {
        state.status = Some(StatusLine {
            text: format!(
                "This week's review has ended; its minutes are under past meetings ({})",
                state.board.week
            ),
            error: false,
        });
        return Vec::new();
    }
    state.entering = true;
    vec![Effect::Apply {
        changes: vec![Change::StartMeeting {
            team: state.board.team.id,
            kind: crate::domain::MeetingKind::Weekly,
            week: state.board.week,
        }],
        done: "Meeting started".into(),
    }]
}
