//! Corrections: undo and redo, action items added and edited, a dependency
//! edited or deleted, a decision assigned or withdrawn, a value cleared.

use super::*;
use crate::app::Reversal;
use crate::domain::change::{DecisionEdit, DependencyEdit, Expect, FieldEdit, NewAction, RowRef};

fn error(text: &str) -> Option<StatusLine> {
    Some(StatusLine {
        text: text.into(),
        error: true,
        undo: false,
    })
}

#[test]
fn u_and_ctrl_r_ask_the_runtime_and_change_nothing_themselves() {
    let mut state = in_meeting(Section::OffTrack);
    let before = state.clone();
    assert_eq!(act(&mut state, Action::Undo), vec![Effect::Undo]);
    assert_eq!(act(&mut state, Action::Redo), vec![Effect::Redo]);
    assert_eq!(state, before);

    let mut home = State::new(board(), now());
    assert_eq!(act(&mut home, Action::Undo), vec![Effect::Undo]);
    assert_eq!(act(&mut home, Action::Redo), vec![Effect::Redo]);
}

#[test]
fn with_a_form_open_undo_does_nothing() {
    let mut state = in_meeting(Section::OffTrack);
    act(&mut state, Action::AddAction);
    let before = state.clone();
    assert_eq!(act(&mut state, Action::Undo), vec![]);
    assert_eq!(state, before);
}

#[test]
fn the_answer_to_an_undo_or_redo_is_on_the_status_line() {
    let mut state = in_meeting(Section::OffTrack);
    let answers = [
        (
            Msg::Undone(Reversal::Done("Dropped off-track #9".into())),
            status("↶ Undid: Dropped off-track #9"),
        ),
        (
            Msg::Redone(Reversal::Done("Dropped off-track #9".into())),
            status("↷ Redid: Dropped off-track #9"),
        ),
        (
            Msg::Undone(Reversal::Nothing),
            status("Nothing to undo: no change was made from this screen"),
        ),
        (
            Msg::Redone(Reversal::Nothing),
            status("Nothing to redo: no undo since this screen's last change"),
        ),
        (
            Msg::Undone(Reversal::Refused("operation #12 changed it since".into())),
            error("Not undone: operation #12 changed it since"),
        ),
    ];
    for (msg, said) in answers {
        let mut expected = state.clone();
        expected.status = said;
        assert_eq!(update(&mut state, msg), vec![]);
        assert_eq!(state, expected);
    }
}

#[test]
fn undoing_the_start_of_the_review_goes_home() {
    let mut state = in_meeting(Section::Decisions);
    update(&mut state, Msg::Loaded(Box::new(board())));
    update(
        &mut state,
        Msg::Undone(Reversal::Done(
            "Started the weekly review of 2026-W48".into(),
        )),
    );
    assert_eq!(state.screen, Screen::Home);
    assert_eq!(
        state.status,
        status("↶ Undid: Started the weekly review of 2026-W48")
    );
}

#[test]
fn capital_d_deletes_a_dependency_at_once_naming_it() {
    let mut state = in_meeting(Section::Dependencies);
    assert_eq!(
        act(&mut state, Action::Delete),
        vec![Effect::Apply {
            changes: vec![Change::DeleteDependency {
                dependency: DependencyId(3)
            }],
            done: "Deleted dependency #3: Review of the reseller terms".into(),
        }]
    );
    assert_eq!(state.overlay, None);
}

#[test]
fn e_edits_a_dependency_setting_and_clearing_fields() {
    let mut state = in_meeting(Section::Dependencies);
    act(&mut state, Action::Edit);
    assert_eq!(form(&state).value("Needed by"), "2026-11-30");
    act(&mut state, Action::NextField);
    act(&mut state, Action::NextField);
    backspace(&mut state, 10);
    act(&mut state, Action::NextField);
    type_text(&mut state, "chased");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            changes: vec![Change::Guarded {
                expect: Expect::Dependency {
                    dependency: DependencyId(3),
                    what: "Review of the reseller terms".into(),
                    owner: Some("Cy".into()),
                    needed_by: Some(date("2026-11-30")),
                    note: None,
                },
                change: Box::new(Change::EditDependency {
                    dependency: DependencyId(3),
                    edit: DependencyEdit {
                        what: Some("Review of the reseller terms".into()),
                        owner: Some("Cy".into()),
                        needed_by: FieldEdit::Clear,
                        note: FieldEdit::Set("chased".into()),
                        ..DependencyEdit::default()
                    },
                }),
            }],
            done: "Saved dependency #3".into(),
        }]
    );
}

#[test]
fn an_action_item_added_in_the_meeting_is_due_at_the_next_one_and_filed_under_it() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::AddAction);
    assert_eq!(form(&state).value("Due"), "2026-12-01");
    type_text(&mut state, "Call Acme");
    act(&mut state, Action::NextField);
    type_text(&mut state, "A");
    act(&mut state, Action::NextField);
    assert_eq!(form(&state).value("Owner"), "Ana", "Tab completed the name");
    act(&mut state, Action::NextField);
    // A bad date is named in the form and nothing is written.
    backspace(&mut state, 2);
    type_text(&mut state, "x1");
    assert_eq!(act(&mut state, Action::Save), vec![]);
    assert!(
        form(&state)
            .error
            .as_deref()
            .is_some_and(|e| e.starts_with("Due: '2026-12-x1' is not a date")),
        "{:?}",
        form(&state).error
    );
    backspace(&mut state, 2);
    type_text(&mut state, "01");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            changes: vec![Change::AddAction(NewAction {
                team: TeamId(1),
                title: "Call Acme".into(),
                owner: Some("Ana".into()),
                due: Some(date("2026-12-01")),
                source: ActionSource::Meeting,
                source_id: Some(RowRef::Id(MEETING.0)),
            })],
            done: "Added action: Call Acme".into(),
        }]
    );
}

#[test]
fn e_on_last_weeks_commitment_edits_the_action_item() {
    let mut state = in_meeting(Section::OffTrack);
    act(&mut state, Action::Edit);
    assert_eq!(
        form(&state).kind,
        FormKind::EditAction {
            action: ActionId(4)
        }
    );
    type_text(&mut state, " now");
    assert_eq!(
        act(&mut state, Action::Save),
        // Guarded by the action as the form saw it (see tests/conflict.rs).
        vec![Effect::Apply {
            changes: vec![Change::Guarded {
                expect: Expect::Action {
                    action: ActionId(4),
                    title: "Ship the onboarding checklist".into(),
                    owner: Some("Dee".into()),
                    due: Some(date("2026-11-20")),
                },
                change: Box::new(Change::EditAction {
                    action: ActionId(4),
                    title: Some("Ship the onboarding checklist now".into()),
                    owner: Some("Dee".into()),
                    due: Some(date("2026-11-20")),
                }),
            }],
            done: "Saved action #4".into(),
        }]
    );
}

#[test]
fn o_names_the_owner_of_a_needed_decision_and_w_withdraws_it() {
    let mut state = in_meeting(Section::Decisions);
    act(&mut state, Action::NameOwner);
    type_text(&mut state, "Cy");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            changes: vec![Change::EditDecision {
                decision: DecisionId(2),
                edit: DecisionEdit {
                    owner: Some("Cy".into()),
                    ..DecisionEdit::default()
                },
            }],
            done: "Decision #2 is owned by Cy".into(),
        }]
    );

    let mut state = in_meeting(Section::Decisions);
    assert_eq!(
        act(&mut state, Action::Withdraw),
        vec![Effect::Apply {
            changes: vec![Change::WithdrawDecision {
                decision: DecisionId(2)
            }],
            done: "Withdrew decision #2: Whether to sunset the free tier".into(),
        }]
    );
}

#[test]
fn emptying_a_recorded_value_asks_to_clear_the_week() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    backspace(&mut state, 1);
    assert_eq!(act(&mut state, Action::Save), vec![]);
    assert_eq!(
        state.overlay,
        Some(Overlay::Confirm(Confirm::ClearReading(MeasureId(1))))
    );
    assert_eq!(
        act(&mut state, Action::Yes),
        vec![Effect::Apply {
            changes: vec![Change::ClearReading {
                measure: MeasureId(1),
                week: week(),
            }],
            done: "Cleared Activation in first 30 days for 2026-W48".into(),
        }]
    );
}

#[test]
fn at_home_a_review_left_open_earlier_comes_first_and_enter_asks_to_end_it() {
    let mut earlier = meeting(2, [60, 0, 0, 0, 0], false);
    earlier.id = MeetingId(3);
    earlier.week = "2026-W44".parse().unwrap();
    let mut b = board();
    b.earlier = vec![earlier];
    b.open_actions = vec![commitment(
        4,
        "Ship the onboarding checklist",
        ActionState::Open,
    )];
    let mut state = State::new(b, now());
    assert_eq!(act(&mut state, Action::Open), vec![]);
    assert_eq!(
        state.overlay,
        Some(Overlay::Confirm(Confirm::EndEarlier(MeetingId(3))))
    );
    assert_eq!(
        act(&mut state, Action::Yes),
        vec![Effect::EndEarlier(MeetingId(3))]
    );
    // Or resume it; the resume key means nothing in another question.
    act(&mut state, Action::Open);
    assert_eq!(
        act(&mut state, Action::ResumeEarlier),
        vec![Effect::ResumeEarlier(MeetingId(3))]
    );
    assert_eq!(state.overlay, None);
    state.overlay = Some(Overlay::Confirm(Confirm::Leave));
    assert_eq!(act(&mut state, Action::ResumeEarlier), vec![]);
    assert_eq!(state.overlay, Some(Overlay::Confirm(Confirm::Leave)));
    state.overlay = None;

    // The next row is the open action item: Enter or e edits it.
    act(&mut state, Action::Down);
    assert_eq!(act(&mut state, Action::Edit), vec![]);
    assert_eq!(
        form(&state).kind,
        FormKind::EditAction {
            action: ActionId(4)
        }
    );
    act(&mut state, Action::Back);
    act(&mut state, Action::Down);
    assert_eq!(state.home_selected, 1, "no further rows");
}
