//! Forms: cancelled, refused, saving, saved, failed; owner completion.

use super::*;
use crate::domain::change::Expect;

#[test]
fn esc_closes_a_form_and_writes_nothing() {
    let mut state = in_meeting(Section::Scorecard);
    let mut before = state.clone();
    // The cursor's record is remembered, to follow it through a reload.
    before.acted[Section::Scorecard.slot()] = Some((0, 1));
    assert_eq!(act(&mut state, Action::Edit), vec![]);
    assert!(matches!(
        form(&state).kind,
        FormKind::Record {
            measure: MeasureId(1),
            ..
        }
    ));
    type_text(&mut state, "42");
    assert_eq!(act(&mut state, Action::Back), vec![]);
    assert_eq!(state, before);
}

#[test]
fn a_bad_number_keeps_the_form_with_the_value_quoted() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    // The current value is selected, so typing replaces it.
    assert_eq!(form(&state).value("Value"), "31");
    type_text(&mut state, "4o");
    assert_eq!(act(&mut state, Action::Save), vec![]);
    let f = form(&state);
    assert_eq!(f.error.as_deref(), Some("Value: '4o' is not a number"));
    assert_eq!(f.value("Value"), "4o");
    assert!(!f.saving);

    // Typing again clears the message.
    backspace(&mut state, 1);
    assert_eq!(form(&state).error, None);
}

#[test]
fn saving_a_form_waits_for_the_store_and_closes_on_ok() {
    let mut state = in_meeting(Section::Scorecard);
    let mut before = state.clone();
    before.acted[Section::Scorecard.slot()] = Some((0, 1));
    act(&mut state, Action::Edit);
    type_text(&mut state, "42.5");
    act(&mut state, Action::NextField);
    type_text(&mut state, "new funnel");
    let effects = act(&mut state, Action::Save);
    assert_eq!(
        effects,
        vec![Effect::Apply {
            // Guarded: it only applies if the reading is still the 31 the
            // form showed.
            changes: vec![Change::Guarded {
                expect: Expect::Reading {
                    measure: MeasureId(1),
                    week: week(),
                    value: Some(31.0),
                    note: None,
                },
                change: Box::new(Change::RecordReading {
                    measure: MeasureId(1),
                    week: week(),
                    value: 42.5,
                    note: Some("new funnel".into()),
                }),
            }],
            done: "Saved Activation in first 30 days for 2026-W48".into(),
        }]
    );
    let f = form(&state);
    assert!(f.saving, "the form stays, greyed, until the store answers");
    assert_eq!(f.error, None);

    // While saving, typing and saving again do nothing.
    let saving = state.clone();
    type_text(&mut state, "zzz");
    assert_eq!(act(&mut state, Action::Save), vec![]);
    assert_eq!(state, saving);

    assert_eq!(
        update(
            &mut state,
            Msg::Saved(Ok("Saved Activation in first 30 days for 2026-W48".into()))
        ),
        vec![]
    );
    let mut expected = before;
    expected.status = status("✓ Saved Activation in first 30 days for 2026-W48");
    if let Some(line) = &mut expected.status {
        line.undo = true;
    }
    assert_eq!(state, expected);
}

#[test]
fn a_failed_save_keeps_the_form_and_what_was_typed() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    type_text(&mut state, "42");
    assert_eq!(act(&mut state, Action::Save).len(), 1);
    let mut expected = state.clone();

    assert_eq!(
        update(&mut state, Msg::Saved(Err("database is locked".into()))),
        vec![]
    );
    if let Some(Overlay::Form(f)) = &mut expected.overlay {
        f.saving = false;
        f.error = Some("Not saved: database is locked".into());
    }
    assert_eq!(state, expected);
    assert_eq!(form(&state).value("Value"), "42");

    // And it can be saved again.
    assert_eq!(act(&mut state, Action::Save).len(), 1);
    assert!(form(&state).saving);
}

#[test]
fn a_failed_save_without_a_form_is_an_error_on_the_status_line() {
    let mut state = in_meeting(Section::OffTrack);
    update(&mut state, Msg::Saved(Err("disk full".into())));
    assert_eq!(
        state.status,
        Some(StatusLine {
            text: "Not saved: disk full".into(),
            error: true,
            undo: false,
        })
    );
    assert_eq!(state.overlay, None);
}

#[test]
fn raising_an_off_track_item_promises_a_change_for_next_week() {
    let mut state = in_meeting(Section::Scorecard);
    assert_eq!(act(&mut state, Action::RaiseOffTrack), vec![]);
    let f = form(&state);
    assert_eq!(
        f.kind,
        FormKind::Raise {
            measure: Some(MeasureId(1))
        }
    );
    assert_eq!(f.value("Title"), "Activation in first 30 days is off track");
    assert_eq!(f.value("Owner"), "Dee");

    act(&mut state, Action::NextField); // Title → Owner: "Dee" is complete, so it moves on
    act(&mut state, Action::NextField);
    type_text(&mut state, "Checklist shipped late");
    act(&mut state, Action::NextField);
    type_text(&mut state, "Ship it to all trials");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![crate::app::raise(
            vec![NewOffTrack {
                team: TeamId(1),
                measure: Some(MeasureId(1)),
                title: "Activation in first 30 days is off track".into(),
                owner: Some("Dee".into()),
                why: "Checklist shipped late".into(),
                change: "Ship it to all trials".into(),
                raised_week: week(),
            }],
            date("2026-12-01"),
            "Raised: Activation in first 30 days is off track".into(),
        )]
    );
}

#[test]
fn tab_on_an_owner_field_completes_a_name_before_moving_on() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::RaiseOffTrack);
    act(&mut state, Action::NextField);
    backspace(&mut state, 3);
    type_text(&mut state, "a");
    act(&mut state, Action::NextField);
    assert_eq!(form(&state).value("Owner"), "Ana");
    assert_eq!(form(&state).focus, 1, "completing does not move on");
    act(&mut state, Action::NextField);
    assert_eq!(form(&state).focus, 2);
    act(&mut state, Action::PrevField);
    assert_eq!(form(&state).focus, 1);
}

#[test]
fn a_missing_required_field_is_named() {
    let mut state = in_meeting(Section::Decisions);
    act(&mut state, Action::RecordDecision);
    type_text(&mut state, "Drop the free tier");
    assert_eq!(act(&mut state, Action::Save), vec![]);
    assert_eq!(
        form(&state).error.as_deref(),
        Some("Chosen approach is required")
    );
}

#[test]
fn recording_a_decision_made_and_one_needed() {
    let mut state = in_meeting(Section::Decisions);
    act(&mut state, Action::RecordDecision);
    type_text(&mut state, "Drop the free tier");
    act(&mut state, Action::NextField);
    type_text(&mut state, "It costs more than it converts");
    act(&mut state, Action::NextField);
    type_text(&mut state, "keep; drop; cap");
    act(&mut state, Action::NextField);
    type_text(&mut state, "drop");
    act(&mut state, Action::NextField);
    type_text(&mut state, "Cy");
    let Some(Effect::Apply { changes, done }) = act(&mut state, Action::Save).pop() else {
        panic!("a decision is one Apply");
    };
    assert_eq!(done, "Recorded decision: Drop the free tier");
    assert_eq!(
        changes,
        vec![Change::AddDecision(crate::domain::change::NewDecision {
            team: TeamId(1),
            title: "Drop the free tier".into(),
            context: "It costs more than it converts".into(),
            options: vec!["keep".into(), "drop".into(), "cap".into()],
            chosen: "drop".into(),
            owner: Some("Cy".into()),
            lane: Lane::Autonomy,
            made: true,
            due: None,
        })]
    );

    update(&mut state, Msg::Saved(Ok(done)));
    act(&mut state, Action::Add);
    assert_eq!(form(&state).value("Due"), "2026-12-01");
    type_text(&mut state, "Q1 outbound budget");
    assert_eq!(
        act(&mut state, Action::Save),
        vec![Effect::Apply {
            changes: vec![Change::AddDecision(crate::domain::change::NewDecision {
                team: TeamId(1),
                title: "Q1 outbound budget".into(),
                context: String::new(),
                options: Vec::new(),
                chosen: String::new(),
                owner: None,
                lane: Lane::Autonomy,
                made: false,
                due: Some(date("2026-12-01")),
            })],
            done: "Added decision needed: Q1 outbound budget".into(),
        }]
    );
}

/// Editing an off-track item writes the item; only a promised change that
/// is new becomes an action item (of its own), so an open commitment is
/// never moved or rewritten by an edit of the why.
#[test]
fn editing_an_off_track_item_adds_an_action_only_for_a_new_promise() {
    use crate::app::board::OffTrackView;
    use crate::domain::change::{NewAction, RowRef};
    use crate::domain::{ItemState, OffTrackId, OffTrackItem};
    let item = OffTrackItem {
        id: OffTrackId(9),
        team_id: TeamId(1),
        measure_id: None,
        measure: None,
        title: "NRR low".into(),
        owner: Some("Ana".into()),
        why: "churn".into(),
        change: "call the top ten".into(),
        state: ItemState::Open,
        raised_week: week(),
        created_at: now(),
    };
    let view = OffTrackView {
        item,
        raised_value: None,
        current_value: None,
        unit: String::new(),
    };
    let mut b = board();
    b.offtrack = vec![view.clone()];
    let submit = |form: &super::super::Form| super::super::forms::submit(&b, form).unwrap();
    let changes = |e: Effect| match e {
        Effect::Apply { changes, .. } => changes,
        other => panic!("{other:?}"),
    };

    // The why alone: the item, and no action.
    let mut form = super::super::forms::edit_offtrack(&view);
    let set = |form: &mut super::super::Form, label: &str, text: &str| {
        let field = form.fields.iter_mut().find(|f| f.label == label).unwrap();
        field.set_text(text);
    };
    set(&mut form, "Why", "renewals slipped");
    let sent = changes(submit(&form));
    assert_eq!(sent.len(), 1, "{sent:?}");

    // A new promise: the item, then a new action for it, due next meeting.
    set(&mut form, "Change by next week", "call every SMB account");
    let sent = changes(submit(&form));
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert_eq!(
        sent[1],
        Change::AddAction(NewAction {
            team: TeamId(1),
            title: "call every SMB account".into(),
            owner: Some("Ana".into()),
            due: Some(b.next_meeting_day()),
            source: ActionSource::OffTrack,
            source_id: Some(RowRef::Id(9)),
        })
    );
}

#[test]
fn a_refused_save_moves_the_focus_to_the_field_in_error() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    type_text(&mut state, "4o");
    // The note is being typed when Enter is pressed: the fix is in Value.
    act(&mut state, Action::NextField);
    type_text(&mut state, "checked");
    assert_eq!(form(&state).focus, 1);
    assert_eq!(act(&mut state, Action::Save), vec![]);
    let f = form(&state);
    assert_eq!(f.error.as_deref(), Some("Value: '4o' is not a number"));
    assert_eq!(f.focus, 0, "the focus is on the value in error");

    // A required field left empty is named, and focused, the same way.
    let mut state = in_meeting(Section::OffTrack);
    act(&mut state, Action::Add);
    for _ in 0..form(&state).fields.len() - 1 {
        act(&mut state, Action::NextField);
    }
    act(&mut state, Action::Save);
    let f = form(&state);
    assert_eq!(f.error.as_deref(), Some("Title is required"));
    assert_eq!(f.focus, 0);
}
