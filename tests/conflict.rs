//! Two people editing the same record: a save never silently overwrites a
//! change it never saw. The form keeps what was typed and says what
//! happened; a second Enter saves over the other change on purpose.

#![allow(clippy::unwrap_used)]

mod tui;

use rhythm::app::Overlay;
use rhythm::domain::{Change, ItemState, Week};

fn form_error(state: &rhythm::app::State) -> String {
    match &state.overlay {
        Some(Overlay::Form(f)) => f.error.clone().unwrap_or_default(),
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn a_value_changed_elsewhere_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    let week: Week = "2026-W48".parse().unwrap();
    // The facilitator opens Net revenue retention (107.2) to correct it.
    tui::press(&mut engine, &mut state, "m e");

    // Meanwhile the owner records 109 from the command line.
    let mut other = tui::other_process(dir.path());
    let nrr = tui::growth_measure(&other, "Net revenue retention");
    other
        .apply(
            &[Change::RecordReading {
                measure: nrr.id,
                week,
                value: 109.0,
                note: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();

    // The facilitator's 108 is refused, and kept in the form.
    tui::press(&mut engine, &mut state, "\"108\" enter");
    let error = form_error(&state);
    assert!(
        error.contains("someone else changed this value for 2026-W48"),
        "{error}"
    );
    assert!(error.contains("it is now 109"), "{error}");
    assert_eq!(other.reading(nrr.id, week).unwrap().unwrap().value, 109.0);
    match &state.overlay {
        Some(Overlay::Form(f)) => assert_eq!(f.value("Value"), "108"),
        _ => unreachable!(),
    }

    // Enter again saves over it, deliberately.
    tui::press(&mut engine, &mut state, "enter");
    assert_eq!(state.overlay, None);
    assert_eq!(other.reading(nrr.id, week).unwrap().unwrap().value, 108.0);
}

#[test]
fn an_off_track_item_edited_elsewhere_keeps_both_texts_until_one_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    // Off-track: past the three commitments to the first item, and edit it.
    tui::press(&mut engine, &mut state, "m tab down down down e");
    let item = match &state.overlay {
        Some(Overlay::Form(f)) => match f.kind {
            rhythm::app::form::FormKind::EditOffTrack { item } => item,
            ref k => panic!("{k:?}"),
        },
        other => panic!("{other:?}"),
    };
    // Someone else edits the same item's why in another screen.
    let mut other = tui::other_process(dir.path());
    other
        .apply(
            &[Change::EditOffTrack {
                item,
                title: None,
                owner: None,
                why: Some("Their reason".into()),
                change: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();
    tui::press(&mut engine, &mut state, "tab tab bs bs bs \"ours\" enter");
    let error = form_error(&state);
    assert!(
        error.contains("someone else changed this item's why"),
        "{error}"
    );
    assert_eq!(
        other.offtrack_item(item).unwrap().unwrap().why,
        "Their reason"
    );
    // Esc keeps theirs; nothing of ours was written.
    tui::press(&mut engine, &mut state, "esc");
    let now = other.offtrack_item(item).unwrap().unwrap();
    assert_eq!(now.why, "Their reason");
    assert_eq!(now.state, ItemState::Open);
}

#[test]
fn a_dependency_status_set_elsewhere_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    tui::press(&mut engine, &mut state, "m tab tab");
    let shown = state.board.deps[0].clone();
    // Someone marks it done from the command line while the room looks at it.
    let mut other = tui::other_process(dir.path());
    other
        .apply(
            &[Change::UpdateDependency {
                dependency: shown.id,
                status: Some(rhythm::domain::DepStatus::Done),
                needed_by: None,
                owner: None,
                note: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();
    // The status form still shows what the room saw; choosing on track and
    // saving is refused, and the form says why.
    tui::press(&mut engine, &mut state, "s o enter");
    let said = state
        .form()
        .and_then(|f| f.error.clone())
        .or_else(|| state.status.as_ref().map(|s| s.text.clone()))
        .unwrap_or_default();
    assert!(
        said.contains("someone else set this dependency to done"),
        "{said}"
    );
    assert_eq!(
        other.dependency(shown.id).unwrap().unwrap().status,
        rhythm::domain::DepStatus::Done
    );
}

/// The store says what happened and names no key; the screen adds what
/// the keys do, from the binding table, so a rebinding cannot leave the
/// message wrong.
#[test]
fn a_conflict_names_its_keys_from_the_binding_table_not_the_store() {
    use rhythm::app::Action;
    use rhythm::domain::change::Expect;
    use rhythm::input::{Scope, key_of};
    use rhythm::storage::StoreError;

    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    let week: Week = "2026-W48".parse().unwrap();
    let mut other = tui::other_process(dir.path());
    let nrr = tui::growth_measure(&other, "Net revenue retention");
    let stale = Change::Guarded {
        expect: Expect::Reading {
            measure: nrr.id,
            week,
            value: Some(1.0),
            note: None,
        },
        change: Box::new(Change::RecordReading {
            measure: nrr.id,
            week,
            value: 2.0,
            note: None,
        }),
    };
    let origin = rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli);
    match other.apply(&[stale], &origin, clock.now) {
        Err(StoreError::Conflict(text)) => {
            assert_eq!(
                text,
                "someone else changed this value for 2026-W48 while you were editing: it was 1, \
                 it is now 107.2 (two churned accounts in the enterprise segment)"
            );
        }
        other => panic!("{other:?}"),
    }

    // On screen, the form's message ends with the keys as bound.
    tui::press(&mut engine, &mut state, "m e");
    other
        .apply(
            &[Change::RecordReading {
                measure: nrr.id,
                week,
                value: 109.0,
                note: None,
            }],
            &origin,
            clock.now,
        )
        .unwrap();
    tui::press(&mut engine, &mut state, "\"108\" enter");
    let keys = format!(
        "Your text is kept: {} saves it over theirs, {} keeps theirs",
        key_of(Scope::Form, Action::Save),
        key_of(Scope::Form, Action::Back)
    );
    assert_eq!(
        keys,
        "Your text is kept: Enter saves it over theirs, Esc keeps theirs"
    );
    let error = form_error(&state);
    assert!(
        error.ends_with(&format!("it is now 109. {keys}")),
        "{error}"
    );
}

#[test]
fn an_action_edited_elsewhere_from_the_home_screen_is_not_overwritten_silently() {
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    // On the home screen, `e` edits the selected open action item.
    tui::press(&mut engine, &mut state, "e");
    let action = match &state.overlay {
        Some(Overlay::Form(f)) => match f.kind {
            rhythm::app::form::FormKind::EditAction { action } => action,
            ref k => panic!("{k:?}"),
        },
        other => panic!("{other:?}"),
    };
    // Someone renames it from the command line meanwhile.
    let mut other = tui::other_process(dir.path());
    other
        .apply(
            &[Change::EditAction {
                action,
                title: Some("Their title".into()),
                owner: None,
                due: None,
            }],
            &rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli),
            clock.now,
        )
        .unwrap();
    let title = |other: &rhythm::storage::Store| other.action(action).unwrap().unwrap().title;
    tui::press(&mut engine, &mut state, "space \"TUI\" enter");
    let error = form_error(&state);
    assert!(
        error.contains("someone else changed this action's title"),
        "{error}"
    );
    assert_eq!(title(&other), "Their title");
    // Enter again saves over it, deliberately.
    tui::press(&mut engine, &mut state, "enter");
    assert_eq!(state.overlay, None);
    assert!(title(&other).ends_with(" TUI"), "{}", title(&other));
}

/// The open form's kind, or a failure naming what is open instead.
fn form_kind(state: &rhythm::app::State) -> rhythm::app::form::FormKind {
    match &state.overlay {
        Some(Overlay::Form(f)) => f.kind.clone(),
        other => panic!("no form open: {other:?}"),
    }
}

#[test]
fn a_dependency_or_decision_edited_elsewhere_is_not_overwritten_silently() {
    use rhythm::app::form::FormKind;
    use rhythm::domain::change::{DecisionEdit, DependencyEdit, FieldEdit};
    let dir = tempfile::tempdir().unwrap();
    let (mut engine, mut state) = tui::demo(dir.path());
    let clock = tui::clock();
    let origin = rhythm::domain::Origin::new("test", rhythm::domain::OpSource::Cli);
    let mut other = tui::other_process(dir.path());

    tui::press(&mut engine, &mut state, "m tab tab e");
    let FormKind::EditDependency { dependency } = form_kind(&state) else {
        panic!("{:?}", form_kind(&state));
    };
    let note = |edit| Change::EditDependency {
        dependency,
        edit: DependencyEdit {
            note: edit,
            ..DependencyEdit::default()
        },
    };
    other
        .apply(
            &[note(FieldEdit::Set("Their note".into()))],
            &origin,
            clock.now,
        )
        .unwrap();
    tui::press(&mut engine, &mut state, "enter");
    assert!(
        form_error(&state).contains("someone else changed this dependency's note"),
        "{}",
        form_error(&state)
    );
    let now = other.dependency(dependency).unwrap().unwrap();
    assert_eq!(now.note.as_deref(), Some("Their note"));
    // Past the milestone stuck in decide and the two needed decisions to
    // the first one made.
    tui::press(&mut engine, &mut state, "esc tab down down down e");

    let FormKind::EditDecision { decision } = form_kind(&state) else {
        panic!("{:?}", form_kind(&state));
    };
    other
        .apply(
            &[Change::EditDecision {
                decision,
                edit: DecisionEdit {
                    context: Some("Their context".into()),
                    ..DecisionEdit::default()
                },
            }],
            &origin.clone().approved_by(Some("Bo".into())),
            clock.now,
        )
        .unwrap();
    // A made commitment changes with someone's approval, here and there.
    tui::press(
        &mut engine,
        &mut state,
        "tab \"Ours\" tab tab tab \"Ana\" enter",
    );
    assert!(
        form_error(&state).contains("someone else changed this decision's context"),
        "{}",
        form_error(&state)
    );
    let now = other.decision(decision).unwrap().unwrap();
    assert_eq!(now.context, "Their context");
}
