//! What the keys do about the store's answers: the store says what
//! happened, the screen adds which key does what, from the binding table,
//! so a rebinding cannot leave a message wrong.

use crate::app::{Action, Section, State};
use crate::input;

/// A conflict as the store tells it, with what the keys do about it (from
/// the binding table): the store says what happened, the screen which key
/// does what.
pub(super) fn with_keys(state: &State, text: String) -> String {
    if state.form().is_some() {
        format!(
            "{text}. Your text is kept: {} saves it over theirs, {} keeps theirs",
            input::key_of(input::Scope::Form, Action::Save),
            input::key_of(input::Scope::Form, Action::Back)
        )
    } else if state.section == Section::Dependencies {
        let key = input::key_of(input::Scope::In(Section::Dependencies), Action::SetStatus);
        format!("{text} ({key} sets it from there)")
    } else {
        text
    }
}
