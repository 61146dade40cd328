//! The decide rule in the weekly review: a milestone of the plan that has
//! stayed in *decide* over a week with nobody named to decide it is raised
//! at the top of the Decisions section, with two keys. One names who
//! decides, which records a decision needed, owned and due, and files it
//! under the milestone; the other stops the work (the milestone, or its
//! whole initiative) with a note saying why. Both are one operation.

use chrono::Duration;

use super::Effect;
use super::board::Board;
use super::form::{Field, FieldKind, Form, FormKind};
use crate::domain::change::{NewDecision, RowRef};
use crate::domain::plan::Stuck;
use crate::domain::{Change, Lane, PlanState};

/// What "Stop" closes: the milestone alone, or its initiative with it.
pub const STOP_WHAT: &[&str] = &["milestone", "whole initiative"];

/// How long the decision owner gets, by default: a week, the rule's own
/// span.
const DUE_IN_DAYS: i64 = 7;

pub fn name_decider(stuck: &Stuck, board: &Board) -> Form {
    let due = board.today + Duration::days(DUE_IN_DAYS);
    Form::new(
        FormKind::NameDecider {
            milestone: stuck.milestone,
        },
        format!("Who decides: {}", stuck.title),
        vec![
            Field::new("Decision owner", FieldKind::Owner, "").required(),
            Field::new("Due", FieldKind::Date, &due.to_string()).required(),
        ],
    )
}

pub fn stop_work(stuck: &Stuck) -> Form {
    Form::new(
        FormKind::StopWork {
            milestone: stuck.milestone,
            initiative: stuck.initiative,
        },
        format!("Stop: {}", stuck.title),
        vec![
            Field::new("Stop the", FieldKind::Choice(STOP_WHAT), STOP_WHAT[0]),
            Field::new("Why", FieldKind::Text, "").required(),
        ],
    )
}

/// What saving one of these forms writes. `None`: not one of them.
pub(super) fn submit(board: &Board, form: &Form) -> Option<Result<Effect, String>> {
    let v = |label: &str| form.value(label);
    Some(match &form.kind {
        FormKind::NameDecider { milestone } => {
            let Some(stuck) = board.stuck.iter().find(|s| s.milestone == *milestone) else {
                return Some(Err(format!(
                    "milestone #{milestone} is no longer waiting for a decision owner"
                )));
            };
            let due = match super::form::parse_date(&v("Due")) {
                Ok(d) => d,
                Err(e) => return Some(Err(e)),
            };
            let owner = v("Decision owner");
            let decision = NewDecision {
                team: board.team.id,
                title: format!("Decide: {}", stuck.title),
                context: format!(
                    "Milestone #{} of initiative #{} ({}), in decide since {}.",
                    stuck.milestone,
                    stuck.initiative,
                    stuck.initiative_title,
                    stuck.since.date_naive()
                ),
                options: Vec::new(),
                chosen: String::new(),
                owner: Some(owner.clone()),
                lane: Lane::Autonomy,
                made: false,
                due: Some(due),
            };
            Ok(Effect::Apply {
                changes: vec![
                    Change::AddDecision(decision),
                    Change::LinkMilestoneDecision {
                        milestone: *milestone,
                        decision: RowRef::Earlier(0),
                    },
                ],
                done: format!("{owner} decides milestone #{milestone} by {due}"),
            })
        }
        FormKind::StopWork {
            milestone,
            initiative,
        } => {
            let note = Some(v("Why"));
            let (change, done) = if v("Stop the") == STOP_WHAT[1] {
                (
                    Change::SetInitiativeState {
                        initiative: *initiative,
                        state: PlanState::Closed,
                        note,
                    },
                    format!("Stopped initiative #{initiative}"),
                )
            } else {
                (
                    Change::SetMilestoneState {
                        milestone: *milestone,
                        state: PlanState::Closed,
                        note,
                    },
                    format!("Stopped milestone #{milestone}"),
                )
            };
            Ok(Effect::Apply {
                changes: vec![change],
                done,
            })
        }
        _ => return None,
    })
}
