//! Keys that act on the selected row of an agenda section: recording
//! values, raising and resolving off-track items, dependency statuses,
//! decisions, the rating and the end of the meeting.

use super::rows::{Row, selected};
use super::{Action, Confirm, Effect, Overlay, Section, State, StatusLine, forms};
use crate::domain::change::{Expect, NewOffTrack};
use crate::domain::{ActionState, Change, DepStatus, ItemState, Status};

fn open_form(state: &mut State, form: super::Form) {
    state.overlay = Some(Overlay::Form(Box::new(form)));
}

fn apply(change: Change, done: impl Into<String>) -> Vec<Effect> {
    vec![Effect::Apply {
        changes: vec![change],
        done: done.into(),
    }]
}

pub(super) fn section_action(state: &mut State, action: Action) -> Vec<Effect> {
    if let Some(effects) = super::corrections::section_action(state, action) {
        return effects;
    }
    let board = &state.board;
    let row = selected(state);
    match (state.section, action, row) {
        (Section::Scorecard, Action::Open | Action::Edit, Some(Row::Measure(m, r))) => {
            let form = forms::record(board, m, r);
            open_form(state, form);
        }
        (Section::Scorecard, Action::RaiseOffTrack, Some(Row::Measure(m, r))) => {
            // A measure has at most one open item: `o` on one that has it
            // opens that item rather than raising a copy.
            let open = board
                .offtrack
                .iter()
                .find(|v| v.item.measure_id == Some(m.id));
            let (form, note) = match open {
                Some(v) => (
                    forms::edit_offtrack(v),
                    Some(format!(
                        "{} already has off-track item #{}: editing it",
                        m.name, v.item.id
                    )),
                ),
                None => (forms::raise(Some((m, r.status))), None),
            };
            open_form(state, form);
            if let Some(text) = note {
                state.status = Some(StatusLine {
                    text,
                    error: false,
                    undo: false,
                });
            }
        }
        (Section::Scorecard, Action::RaiseAllOffTrack, _) => return raise_all(state),
        (Section::Scorecard, Action::ActOnTrigger, _) => return super::trigger_act::act(state),
        (Section::OffTrack, Action::Add, _) | (Section::Scorecard, Action::Add, _) => {
            open_form(state, forms::raise(None));
        }
        (Section::OffTrack, Action::ToggleDone | Action::Open, Some(Row::Commitment(a))) => {
            let state_to = if a.state == ActionState::Done {
                ActionState::Open
            } else {
                ActionState::Done
            };
            return apply(
                Change::SetActionState {
                    action: a.id,
                    state: state_to,
                },
                format!(
                    "Action #{} {}: {}",
                    a.id,
                    if state_to == ActionState::Done {
                        "done"
                    } else {
                        "reopened"
                    },
                    a.title
                ),
            );
        }
        (Section::OffTrack, Action::DropItem, Some(Row::Commitment(a)))
            if a.state == ActionState::Open =>
        {
            return apply(
                Change::SetActionState {
                    action: a.id,
                    state: ActionState::Dropped,
                },
                format!("Dropped action #{}: {}", a.id, a.title),
            );
        }
        (Section::OffTrack, Action::Open | Action::Edit, Some(Row::OffTrack(v))) => {
            let form = forms::edit_offtrack(v);
            open_form(state, form);
        }
        (Section::OffTrack, Action::ToggleDone, Some(Row::OffTrack(v))) => {
            return apply(
                Change::SetOffTrackState {
                    item: v.item.id,
                    state: ItemState::Resolved,
                },
                format!("Resolved off-track #{}: {}", v.item.id, v.item.title),
            );
        }
        (Section::OffTrack, Action::DropItem, Some(Row::OffTrack(v))) => {
            return apply(
                Change::SetOffTrackState {
                    item: v.item.id,
                    state: ItemState::Dropped,
                },
                format!("Dropped off-track #{}: {}", v.item.id, v.item.title),
            );
        }
        (Section::Dependencies, Action::Add, _) => open_form(state, forms::add_dependency()),
        (Section::Dependencies, Action::SetStatus, Some(Row::Dep(d))) => {
            let form = super::corrections::dependency_status(d);
            open_form(state, form);
        }
        (Section::Dependencies, Action::ToggleDone, Some(Row::Dep(d))) => {
            let next = if d.status == DepStatus::Done {
                DepStatus::OnTrack
            } else {
                DepStatus::Done
            };
            return apply(dep_status(d.id, d.status, next), dep_line(d, next));
        }
        (Section::Decisions, Action::RecordDecision, _) => open_form(state, forms::decision_made()),
        (Section::Decisions, Action::Add, _) => {
            let form = forms::decision_needed(board);
            open_form(state, form);
        }
        (Section::Decisions, Action::Open | Action::Edit, Some(Row::Needed(d))) => {
            let form = forms::decide(d);
            open_form(state, form);
        }
        (Section::WrapUp, Action::Rate(n), _) => {
            if let Some(m) = board.open_meeting() {
                return apply(
                    Change::RateMeeting {
                        meeting: m.id,
                        rating: n,
                    },
                    format!("Rated {n}/10"),
                );
            }
        }
        (Section::WrapUp, Action::EndMeeting, _) if board.open_meeting().is_some() => {
            state.overlay = Some(Overlay::Confirm(Confirm::EndMeeting));
        }
        _ => {}
    }
    Vec::new()
}

/// What a status change did, naming the dependency and both statuses.
pub(super) fn dep_line(d: &crate::domain::Dependency, next: DepStatus) -> String {
    format!(
        "Dependency #{} {}: {} → {}",
        d.id,
        d.what,
        d.status.words(),
        next.words()
    )
}

/// A new status for a dependency, applied only if it still has the status
/// the screen showed: a status set elsewhere meanwhile is not overwritten.
pub(super) fn dep_status(
    id: crate::domain::DependencyId,
    seen: DepStatus,
    status: DepStatus,
) -> Change {
    Change::Guarded {
        expect: Expect::DependencyStatus {
            dependency: id,
            status: seen,
        },
        change: Box::new(Change::UpdateDependency {
            dependency: id,
            status: Some(status),
            needed_by: None,
            owner: None,
            note: None,
        }),
    }
}

/// Raises an item for every off-track measure that has no open item yet.
fn raise_all(state: &mut State) -> Vec<Effect> {
    let b = &state.board;
    let covered: Vec<_> = b
        .offtrack
        .iter()
        .filter_map(|o| o.item.measure_id)
        .collect();
    let items: Vec<NewOffTrack> = b
        .measures
        .iter()
        .zip(&b.scorecard.measures)
        .filter(|(m, r)| r.status == Status::OffTrack && !covered.contains(&m.id))
        .map(|(m, _)| NewOffTrack {
            team: b.team.id,
            measure: Some(m.id),
            title: format!("{} is off track", m.name),
            owner: m.owner.clone(),
            why: String::new(),
            change: String::new(),
            raised_week: b.week,
        })
        .collect();
    if items.is_empty() {
        state.status = Some(StatusLine {
            text: "Every off-track measure already has an item".into(),
            error: false,
            undo: false,
        });
        return Vec::new();
    }
    let done = format!(
        "Raised {} off-track item{}",
        items.len(),
        if items.len() == 1 { "" } else { "s" }
    );
    vec![super::raise(items, b.next_meeting_day(), done)]
}
