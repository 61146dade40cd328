//! Corrections on screen: undo and redo, adding and editing action items,
//! editing or deleting a dependency, editing, assigning or withdrawing a
//! decision, and clearing a week's value; the forms and questions they
//! open and what answering them writes.

use super::form::{Field, FieldKind, Form, FormKind, parse_date};
use super::rows::{Row, selected};
use super::{
    Action, Board, Confirm, Effect, Overlay, Reversal, Screen, Section, State, StatusLine,
};
use crate::domain::change::{DecisionEdit, DependencyEdit, Expect, FieldEdit, NewAction, RowRef};
use crate::domain::{
    ActionItem, ActionSource, Change, Decision, DecisionState, DepStatus, Dependency, Lane,
};

/// Says what an undo (or redo) did. Undoing the start of the review leaves
/// no meeting to be in: the screen goes home.
pub(super) fn reversed(state: &mut State, reversal: Reversal, undo: bool) {
    let (mark, verb, not) = if undo {
        ("↶", "Undid", "undone")
    } else {
        ("↷", "Redid", "redone")
    };
    state.status = Some(match reversal {
        Reversal::Done(what) => StatusLine {
            text: format!("{mark} {verb}: {what}"),
            error: false,
            undo: false,
        },
        Reversal::Nothing => StatusLine {
            text: if undo {
                "Nothing to undo: no change was made from this screen".into()
            } else {
                "Nothing to redo: no undo since this screen's last change".into()
            },
            error: false,
            undo: false,
        },
        Reversal::Refused(why) => StatusLine {
            text: format!("Not {not}: {why}"),
            error: true,
            undo: false,
        },
    });
    if state.screen == Screen::Meeting && state.board.open_meeting().is_none() {
        state.screen = Screen::Home;
    }
}

/// Keys that correct the selected row of a section (or add an action item
/// anywhere). `None`: the key means something else here.
pub(super) fn section_action(state: &mut State, action: Action) -> Option<Vec<Effect>> {
    let board = &state.board;
    let opens = match (state.section, action, selected(state)) {
        (_, Action::Serve, Some(row)) => match super::serving::of_row(&row) {
            Some((kind, id, title)) => Box::new(super::serving::form(kind, id, &title)),
            None => return None,
        },
        (_, Action::AddAction, _) => {
            Box::new(add_action(board, board.open_meeting().map(|m| m.id)))
        }
        (Section::OffTrack, Action::Edit, Some(Row::Commitment(a)))
        | (Section::WrapUp, Action::Edit, Some(Row::Action(a))) => Box::new(edit_action(a)),
        (Section::Dependencies, Action::Edit, Some(Row::Dep(d))) => Box::new(edit_dependency(d)),
        // Deleting and withdrawing act at once: the status line names the
        // record and `u` takes it back, which a question would only delay.
        (Section::Dependencies, Action::Delete, Some(Row::Dep(d))) => {
            return Some(apply(
                Change::DeleteDependency { dependency: d.id },
                format!("Deleted dependency #{}: {}", d.id, d.what),
            ));
        }
        (Section::Decisions, Action::Edit, Some(Row::Made(d))) => Box::new(edit_decision(d)),
        (Section::Decisions, Action::NameOwner, Some(Row::Needed(d))) => Box::new(name_owner(d)),
        (Section::Decisions, Action::NameOwner, Some(Row::Stuck(m))) => {
            Box::new(super::decide_rule::name_decider(m, board))
        }
        (Section::Decisions, Action::StopWork, Some(Row::Stuck(m))) => {
            Box::new(super::decide_rule::stop_work(m))
        }
        (Section::Decisions, Action::Withdraw, Some(Row::Needed(d))) => {
            return Some(apply(
                Change::WithdrawDecision { decision: d.id },
                format!("Withdrew decision #{}: {}", d.id, d.title),
            ));
        }
        _ => return None,
    };
    state.overlay = Some(Overlay::Form(opens));
    Some(Vec::new())
}

fn apply(change: Change, done: String) -> Vec<Effect> {
    vec![Effect::Apply {
        changes: vec![change],
        done,
    }]
}

/// `y` to a correcting question. `None`: not one of these questions.
pub(super) fn confirmed(state: &State, confirm: Confirm) -> Option<Vec<Effect>> {
    let b = &state.board;
    Some(match confirm {
        Confirm::ClearReading(measure) => {
            let name = b
                .measures
                .iter()
                .find(|m| m.id == measure)
                .map(|m| m.name.clone());
            apply(
                Change::ClearReading {
                    measure,
                    week: b.week,
                },
                format!("Cleared {} for {}", name.unwrap_or_default(), b.week),
            )
        }
        Confirm::EndEarlier(meeting) => vec![Effect::EndEarlier(meeting)],
        Confirm::Leave | Confirm::EndMeeting => return None,
    })
}

/// Saving a value form with the value emptied, for a week that has one:
/// ask whether to clear it rather than refuse the empty value.
pub(super) fn clear_instead(board: &Board, form: &Form) -> Option<Confirm> {
    let FormKind::Record { measure, .. } = &form.kind else {
        return None;
    };
    let has_value = board
        .measures
        .iter()
        .zip(&board.scorecard.measures)
        .any(|(m, r)| m.id == *measure && r.value.is_some());
    (has_value && form.value("Value").is_empty()).then_some(Confirm::ClearReading(*measure))
}

pub fn add_action(board: &Board, meeting: Option<crate::domain::MeetingId>) -> Form {
    Form::new(
        FormKind::AddAction { meeting },
        "Add an action item",
        vec![
            Field::new("Title", FieldKind::Text, "").required(),
            Field::new("Owner", FieldKind::Owner, ""),
            Field::new(
                "Due",
                FieldKind::Date,
                &board.next_meeting_day().to_string(),
            ),
        ],
    )
}

pub fn edit_action(a: &ActionItem) -> Form {
    let mut form = Form::new(
        FormKind::EditAction { action: a.id },
        format!("Action #{}", a.id),
        vec![
            Field::new("Title", FieldKind::Text, &a.title).required(),
            Field::new("Owner", FieldKind::Owner, a.owner.as_deref().unwrap_or("")),
            Field::new(
                "Due",
                FieldKind::Date,
                &a.due.map(|d| d.to_string()).unwrap_or_default(),
            ),
        ],
    );
    form.expect = Some(action_expect(a));
    form
}

/// The action as the form saw it, for a guarded save.
pub(super) fn action_expect(a: &ActionItem) -> Expect {
    Expect::Action {
        action: a.id,
        title: a.title.clone(),
        owner: a.owner.clone(),
        due: a.due,
    }
}

pub fn edit_dependency(d: &Dependency) -> Form {
    let mut form = Form::new(
        FormKind::EditDependency { dependency: d.id },
        format!("Dependency #{}", d.id),
        vec![
            Field::new("What", FieldKind::Text, &d.what).required(),
            Field::new("Owner", FieldKind::Owner, d.owner.as_deref().unwrap_or("")),
            Field::new(
                "Needed by",
                FieldKind::Date,
                &d.needed_by.map(|n| n.to_string()).unwrap_or_default(),
            ),
            Field::new("Note", FieldKind::Text, d.note.as_deref().unwrap_or("")),
        ],
    );
    form.expect = Some(dependency_expect(d));
    form
}

/// The dependency as the form saw it, for a guarded save.
pub(super) fn dependency_expect(d: &Dependency) -> Expect {
    Expect::Dependency {
        dependency: d.id,
        what: d.what.clone(),
        owner: d.owner.clone(),
        needed_by: d.needed_by,
        note: d.note.clone(),
    }
}

/// The decision as the form saw it, for a guarded save.
pub(super) fn decision_expect(d: &Decision) -> Expect {
    Expect::Decision {
        decision: d.id,
        title: d.title.clone(),
        context: d.context.clone(),
        chosen: d.chosen.clone(),
        owner: d.owner.clone(),
    }
}

pub fn edit_decision(d: &Decision) -> Form {
    let mut form = Form::new(
        FormKind::EditDecision { decision: d.id },
        format!("Decision #{}", d.id),
        {
            let mut fields = vec![
                Field::new("Decision", FieldKind::Text, &d.title).required(),
                Field::new("Context", FieldKind::Text, &d.context),
                Field::new("Chosen approach", FieldKind::Text, &d.chosen).required(),
                Field::new(
                    "Decision owner",
                    FieldKind::Owner,
                    d.owner.as_deref().unwrap_or(""),
                )
                .required(),
            ];
            // A made commitment changes only with someone's approval, which
            // the log keeps with the change.
            if d.lane == Lane::Commitment && d.state == DecisionState::Made {
                fields.push(Field::new(APPROVED_BY, FieldKind::Owner, "").required());
            }
            fields
        },
    );
    form.expect = Some(decision_expect(d));
    form
}

pub fn name_owner(d: &Decision) -> Form {
    Form::new(
        FormKind::NameOwner { decision: d.id },
        format!("Who decides: {}", d.title),
        vec![
            Field::new(
                "Decision owner",
                FieldKind::Owner,
                d.owner.as_deref().unwrap_or(""),
            )
            .required(),
        ],
    )
}

fn some(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// The field a made commitment's edit form asks its approver in.
const APPROVED_BY: &str = "Approved by";

/// An optional field: set it, or clear it when emptied.
fn set_or_clear<T>(value: Option<T>) -> FieldEdit<T> {
    value.map_or(FieldEdit::Clear, FieldEdit::Set)
}

/// `change`, applied only if the record is still as the form saw it (when
/// the form is an edit of a record it read): a save never silently
/// overwrites a change it never saw.
fn guarded(form: &Form, change: Change) -> Change {
    match &form.expect {
        Some(expect) => Change::Guarded {
            expect: expect.clone(),
            change: Box::new(change),
        },
        None => change,
    }
}

/// What saving one of these forms writes (checked already). `None`: the
/// form is not one of them.
pub(super) fn submit(board: &Board, form: &Form) -> Option<Result<Effect, String>> {
    let v = |label: &str| form.value(label);
    let date = |label: &str| some(v(label)).map(|d| parse_date(&d)).transpose();
    // An edit of a record the form saw applies only if nobody changed it
    // since (see `forms::submit`).
    let effect = |change: Change, done: String| {
        Ok(Effect::Apply {
            changes: vec![guarded(form, change)],
            done,
        })
    };
    Some(match &form.kind {
        FormKind::AddAction { meeting } => date("Due").and_then(|due| {
            effect(
                Change::AddAction(NewAction {
                    team: board.team.id,
                    title: v("Title"),
                    owner: some(v("Owner")),
                    due,
                    source: if meeting.is_some() {
                        ActionSource::Meeting
                    } else {
                        ActionSource::Manual
                    },
                    source_id: meeting.map(|m| RowRef::Id(m.0)),
                }),
                format!("Added action: {}", v("Title")),
            )
        }),
        FormKind::EditAction { action } => date("Due").and_then(|due| {
            effect(
                Change::EditAction {
                    action: *action,
                    title: Some(v("Title")),
                    owner: some(v("Owner")),
                    due,
                },
                format!("Saved action #{action}"),
            )
        }),
        FormKind::EditDependency { dependency } => date("Needed by").and_then(|needed_by| {
            effect(
                Change::EditDependency {
                    dependency: *dependency,
                    edit: DependencyEdit {
                        what: Some(v("What")),
                        owner: some(v("Owner")),
                        needed_by: set_or_clear(needed_by),
                        note: set_or_clear(some(v("Note"))),
                        ..DependencyEdit::default()
                    },
                },
                format!("Saved dependency #{dependency}"),
            )
        }),
        FormKind::EditDecision { decision } => {
            let change = guarded(
                form,
                Change::EditDecision {
                    decision: *decision,
                    edit: DecisionEdit {
                        title: Some(v("Decision")),
                        context: Some(v("Context")),
                        chosen: Some(v("Chosen approach")),
                        owner: some(v("Decision owner")),
                        ..DecisionEdit::default()
                    },
                },
            );
            let done = format!("Saved decision #{decision}");
            match some(v(APPROVED_BY)) {
                Some(approver) => Ok(Effect::ApplyApproved {
                    changes: vec![change],
                    done: format!("{done}, approved by {approver}"),
                    approved_by: approver,
                }),
                None => effect(change, done),
            }
        }
        FormKind::NameOwner { decision } => effect(
            Change::EditDecision {
                decision: *decision,
                edit: DecisionEdit {
                    owner: some(v("Decision owner")),
                    ..DecisionEdit::default()
                },
            },
            format!("Decision #{decision} is owned by {}", v("Decision owner")),
        ),
        FormKind::DependencyStatus { dependency } => {
            let Some(d) = board.deps.iter().find(|d| d.id == *dependency) else {
                return Some(Err(format!("dependency #{dependency} is no longer listed")));
            };
            let status = match STATUS_WORDS.iter().position(|w| *w == v("Status")) {
                Some(i) => STATUSES[i],
                None => return Some(Err(format!("Status: '{}' is not a status", v("Status")))),
            };
            let note = some(v("Note"));
            let mut changes = Vec::new();
            if status != d.status {
                changes.push(super::sections::dep_status(d.id, d.status, status));
            }
            if note != d.note {
                changes.push(Change::EditDependency {
                    dependency: d.id,
                    edit: DependencyEdit {
                        note: set_or_clear(note),
                        ..DependencyEdit::default()
                    },
                });
            }
            // The same status and note again writes nothing, and says
            // nothing: no line claims a change `u` would then look for.
            let done = if changes.is_empty() {
                String::new()
            } else {
                super::sections::dep_line(d, status)
            };
            Ok(Effect::Apply { changes, done })
        }
        _ => return None,
    })
}

/// A dependency's statuses, as the status form offers them.
const STATUSES: [DepStatus; 4] = [
    DepStatus::OnTrack,
    DepStatus::AtRisk,
    DepStatus::Blocked,
    DepStatus::Done,
];
const STATUS_WORDS: &[&str] = &[
    STATUSES[0].words(),
    STATUSES[1].words(),
    STATUSES[2].words(),
    STATUSES[3].words(),
];

/// A dependency's status chosen from the list, with its note: one save,
/// not a key pressed once per step (each of which would be saved).
pub fn dependency_status(d: &Dependency) -> Form {
    let now = STATUSES.iter().position(|s| *s == d.status).unwrap_or(0);
    Form::new(
        FormKind::DependencyStatus { dependency: d.id },
        format!("Dependency #{} status", d.id),
        vec![
            Field::new("Status", FieldKind::Choice(STATUS_WORDS), STATUS_WORDS[now]).required(),
            Field::new("Note", FieldKind::Text, d.note.as_deref().unwrap_or("")),
        ],
    )
}
