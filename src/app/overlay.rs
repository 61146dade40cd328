//! Answers to what an overlay asks: keys on an open form (save, move
//! between fields, cancel) and a yes to a question (leave, end the
//! meeting, or one of the corrections' questions).

use super::update::save_clock;
use super::{Action, Confirm, Effect, Overlay, State, corrections, forms, home};
use crate::domain::Change;
use crate::formats::minutes;

/// Keys on an open form. Returns the effects and whether the form stays
/// open: a saved form stays (greyed) until the store confirms, so a failed
/// save keeps everything typed; Esc closes it and changes nothing.
pub(super) fn form_action(
    state: &mut State,
    form: &mut super::Form,
    action: Action,
) -> (Vec<Effect>, bool) {
    match action {
        Action::Back => return (Vec::new(), false),
        Action::NextField => form.tab(&state.board.people, false),
        Action::PrevField => form.tab(&state.board.people, true),
        Action::Save if form.kind == super::form::FormKind::Filter => {
            let text = form.value("Show rows containing");
            state.filter = (!text.is_empty()).then_some(text);
            state.selected[state.section.slot()] = 0;
            return (Vec::new(), false);
        }
        Action::Save
            if !form.saving
                && let Some(ask) = corrections::clear_instead(&state.board, form) =>
        {
            state.overlay = Some(Overlay::Confirm(ask));
            return (Vec::new(), false);
        }
        Action::Save if !form.saving => match forms::submit(&state.board, form) {
            Ok(effect) => {
                form.saving = true;
                form.error = None;
                return (vec![effect], true);
            }
            Err(e) => form.fail(e),
        },
        _ => {}
    }
    (Vec::new(), true)
}

pub(super) fn confirmed(state: &mut State, confirm: Confirm) -> Vec<Effect> {
    if let Some(effects) = corrections::confirmed(state, confirm) {
        return effects;
    }
    match confirm {
        Confirm::Leave => {
            let save = save_clock(state);
            home::leave(state, save)
        }
        Confirm::EndMeeting => {
            let Some(meeting) = state.board.open_meeting().cloned() else {
                return Vec::new();
            };
            let text = minutes::render(&minutes::Input {
                board: &state.board,
                meeting: &meeting,
                seconds: &state.clock.seconds,
                ended_at: state.now,
            });
            vec![Effect::EndMeeting {
                changes: vec![
                    Change::SaveMeetingClock {
                        meeting: meeting.id,
                        current_section: state.position() as u32,
                        seconds: state.clock.seconds.clone(),
                    },
                    Change::EndMeeting {
                        meeting: meeting.id,
                        snapshot: Box::new(state.board.scorecard.clone()),
                        minutes: text.clone(),
                        commitments: state.board.completion_counts(),
                    },
                ],
                meeting: meeting.id,
                minutes: text,
            }]
        }
        _ => Vec::new(),
    }
}
