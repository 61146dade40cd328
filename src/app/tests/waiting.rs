//! Writes waiting for another process's write lock: the status line says
//! so (and for how long, after a few seconds), the form keeps what was
//! typed, the clock goes on, and the answer, when it comes, is as ever.

use super::*;
use crate::app::waiting_line;

fn waiting_text(state: &State) -> Option<String> {
    waiting_line(state).map(|line| line.text)
}

#[test]
fn a_save_waiting_for_another_writer_keeps_the_form_and_the_clock_going() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    type_text(&mut state, "42");
    assert_eq!(act(&mut state, Action::Save).len(), 1);
    assert_eq!(waiting_text(&state), None);

    // The runtime kept the write: it met another process's lock.
    assert_eq!(
        update(&mut state, Msg::Waiting(Some(Duration::zero()))),
        vec![]
    );
    assert_eq!(
        waiting_text(&state).as_deref(),
        Some("Waiting for another writer… (the change is kept, saved when it is done)")
    );
    let f = form(&state);
    assert!(f.saving, "the form stays open, greyed, with what was typed");
    assert_eq!(f.value("Value"), "42");

    // The clock counts on while the write waits.
    update(&mut state, Msg::Tick(at(1)));
    update(&mut state, Msg::Tick(at(4)));
    assert_eq!(state.clock.seconds[0], 3);
    assert!(form(&state).saving);

    // After a few seconds the line says for how long.
    update(&mut state, Msg::Waiting(Some(Duration::seconds(12))));
    assert_eq!(
        waiting_text(&state).as_deref(),
        Some("Waiting for another writer… (12 s; the change is kept, saved when it is done)")
    );

    // It landed: the form closes and the line says what was saved.
    update(&mut state, Msg::Saved(Ok("Saved Activation".into())));
    update(&mut state, Msg::Waiting(None));
    assert_eq!(waiting_text(&state), None);
    assert_eq!(state.overlay, None);
    assert_eq!(
        state.status.as_ref().map(|s| s.text.as_str()),
        Some("✓ Saved Activation")
    );
}

#[test]
fn a_write_given_up_on_keeps_what_was_typed_to_save_again() {
    let mut state = in_meeting(Section::Scorecard);
    act(&mut state, Action::Edit);
    type_text(&mut state, "42");
    act(&mut state, Action::Save);
    update(&mut state, Msg::Waiting(Some(Duration::zero())));

    // The runtime gave up after its bound: the save failed as busy.
    let busy = crate::storage::StoreError::Busy.to_string();
    update(&mut state, Msg::Saved(Err(busy.clone())));
    update(&mut state, Msg::Waiting(None));
    assert_eq!(waiting_text(&state), None);
    let f = form(&state);
    assert!(!f.saving);
    assert_eq!(f.error, Some(format!("Not saved: {busy}")));
    assert_eq!(f.value("Value"), "42");
    assert_eq!(act(&mut state, Action::Save).len(), 1, "Enter tries again");
}
