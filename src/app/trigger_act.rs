//! Acting on a firing trigger rule in the weekly review: one key on the
//! scorecard opens the off-track form for the rule's measure with the rule
//! as the reason and its planned response as the change by next week, so
//! the team agrees on the response and who owns it in the meeting where
//! the rule fired. A measure has at most one open item: when the rule's
//! measure already has one, the key opens that item instead. With several
//! rules firing, each press takes the next one still without an item.

use super::form::{Field, FieldKind, Form, FormKind};
use super::{Effect, Overlay, State, StatusLine};
use crate::domain::trigger::Trigger;

pub(super) fn act(state: &mut State) -> Vec<Effect> {
    let board = &state.board;
    let item_of = |t: &Trigger| {
        board
            .offtrack
            .iter()
            .find(|v| v.item.measure_id == Some(t.measure_id))
    };
    let (form, note) = match board.triggers.iter().find(|t| item_of(t).is_none()) {
        Some(t) => {
            let owner = board
                .measures
                .iter()
                .find(|m| m.id == t.measure_id)
                .and_then(|m| m.owner.as_deref());
            (raise(t, owner), None)
        }
        None => match board
            .triggers
            .first()
            .and_then(|t| item_of(t).map(|v| (t, v)))
        {
            Some((t, v)) => (
                super::forms::edit_offtrack(v),
                Some(format!(
                    "Every firing trigger has its off-track item: editing #{} for {}",
                    v.item.id, t.measure
                )),
            ),
            None => {
                state.status = Some(StatusLine {
                    text: "No trigger rule is firing: nothing to act on".into(),
                    error: false,
                    undo: false,
                });
                return Vec::new();
            }
        },
    };
    state.overlay = Some(Overlay::Form(Box::new(form)));
    if let Some(text) = note {
        state.status = Some(StatusLine {
            text,
            error: false,
            undo: false,
        });
    }
    Vec::new()
}

/// The off-track form for `t`'s measure: the rule (since when) as the
/// title and the reason, its response as the change by next week.
fn raise(t: &Trigger, owner: Option<&str>) -> Form {
    let since = t.firing_since.as_deref().unwrap_or("this week");
    Form::new(
        FormKind::Raise {
            measure: Some(t.measure_id),
        },
        "Act on a trigger rule: raise an off-track item",
        vec![
            Field::new("Title", FieldKind::Text, &format!("⚑ {}", t.rule)).required(),
            Field::new("Owner", FieldKind::Owner, owner.unwrap_or("")).required(),
            Field::new(
                "Why",
                FieldKind::Text,
                &format!("The trigger rule \"{}\" fires since {since}.", t.rule),
            ),
            Field::new("Change by next week", FieldKind::Text, &t.response),
        ],
    )
}
