//! Each form's fields, and what saving it writes.

use super::form::{Field, FieldKind, Form, FormKind, parse_date, parse_number};
use super::{Board, Effect};
use crate::app::board::OffTrackView;
use crate::domain::change::{
    Expect, NewAction, NewDecision, NewDependency, NewOffTrack, RowRef, TeamSide,
};
use crate::domain::names;
use crate::domain::scorecard::ScorecardRow;
use crate::domain::status::format_number;
use crate::domain::{ActionSource, Change, Decision, DepStatus, Lane, Measure, Status};

pub fn record(board: &Board, m: &Measure, row: &ScorecardRow) -> Form {
    let value = row.value.map(format_number).unwrap_or_default();
    let mut form = Form::new(
        FormKind::Record {
            measure: m.id,
            name: m.name.clone(),
            week: board.week,
        },
        format!("{} · {} ({})", m.name, board.week, row.target_text()),
        vec![
            Field::new("Value", FieldKind::Number, &value).required(),
            Field::new("Note", FieldKind::Text, row.note.as_deref().unwrap_or("")),
        ],
    );
    form.expect = Some(reading_expect(board, m.id, row));
    form
}

/// The reading as the form saw it, for a guarded save.
fn reading_expect(board: &Board, measure: crate::domain::MeasureId, row: &ScorecardRow) -> Expect {
    Expect::Reading {
        measure,
        week: board.week,
        value: row.value,
        note: row.note.clone(),
    }
}

fn offtrack_expect(v: &OffTrackView) -> Expect {
    Expect::OffTrack {
        item: v.item.id,
        title: v.item.title.clone(),
        owner: v.item.owner.clone(),
        why: v.item.why.clone(),
        change: v.item.change.clone(),
    }
}

/// After a conflict, what the form should now expect: the record as the
/// freshly loaded board shows it.
pub fn refreshed_expect(board: &Board, form: &Form) -> Option<Expect> {
    match &form.kind {
        FormKind::Record { measure, .. } => board
            .measures
            .iter()
            .zip(&board.scorecard.measures)
            .find(|(m, _)| m.id == *measure)
            .map(|(m, row)| reading_expect(board, m.id, row)),
        FormKind::EditOffTrack { item } => board
            .offtrack
            .iter()
            .find(|v| v.item.id == *item)
            .map(offtrack_expect),
        FormKind::EditAction { action } => board
            .open_actions
            .iter()
            .chain(&board.commitments)
            .chain(&board.recap.new_actions)
            .find(|a| a.id == *action)
            .map(super::corrections::action_expect),
        FormKind::EditDependency { dependency } => board
            .deps
            .iter()
            .find(|d| d.id == *dependency)
            .map(super::corrections::dependency_expect),
        FormKind::EditDecision { decision } => board
            .needed
            .iter()
            .chain(&board.made)
            .chain(&board.recap.decisions_made)
            .find(|d| d.id == *decision)
            .map(super::corrections::decision_expect),
        _ => form.expect.clone(),
    }
}

/// The form that raises an item, for a measure (with the status it shows
/// this week, so the title it suggests is true) or for no measure.
pub fn raise(m: Option<(&Measure, Status)>) -> Form {
    let title = m
        .map(|(m, status)| match status {
            Status::OffTrack => format!("{} is off track", m.name),
            Status::AtRisk => format!("{} is at risk", m.name),
            Status::OnTrack => format!("{} is on track", m.name),
            Status::Missing => format!("{} has no value this week", m.name),
        })
        .unwrap_or_default();
    let m = m.map(|(m, _)| m);
    let owner = m.and_then(|m| m.owner.clone()).unwrap_or_default();
    Form::new(
        FormKind::Raise {
            measure: m.map(|m| m.id),
        },
        "Raise an off-track item",
        vec![
            Field::new("Title", FieldKind::Text, &title).required(),
            Field::new("Owner", FieldKind::Owner, &owner).required(),
            Field::new("Why", FieldKind::Text, ""),
            Field::new("Change by next week", FieldKind::Text, ""),
        ],
    )
}

pub fn edit_offtrack(v: &OffTrackView) -> Form {
    let i = &v.item;
    let mut form = Form::new(
        FormKind::EditOffTrack { item: i.id },
        format!("Off-track #{}", i.id),
        vec![
            Field::new("Title", FieldKind::Text, &i.title).required(),
            Field::new("Owner", FieldKind::Owner, i.owner.as_deref().unwrap_or("")).required(),
            Field::new("Why", FieldKind::Text, &i.why),
            Field::new("Change by next week", FieldKind::Text, &i.change),
        ],
    );
    form.expect = Some(offtrack_expect(v));
    form
}

pub fn add_dependency() -> Form {
    Form::new(
        FormKind::AddDependency,
        "Add a dependency",
        vec![
            Field::new("What", FieldKind::Text, "").required(),
            Field::new("Needs from (or owes) team", FieldKind::Text, "").required(),
            Field::new(
                "Needs or owes",
                FieldKind::Choice(&["needs", "owes"]),
                "needs",
            )
            .required(),
            Field::new("Owner", FieldKind::Owner, "").required(),
            Field::new("Needed by", FieldKind::Date, ""),
        ],
    )
}

pub fn decision_made() -> Form {
    Form::new(
        FormKind::DecisionMade,
        "Record a decision made",
        vec![
            Field::new("Decision", FieldKind::Text, "").required(),
            Field::new("Context", FieldKind::Text, ""),
            Field::new("Options considered (; between)", FieldKind::Text, ""),
            Field::new("Chosen approach", FieldKind::Text, "").required(),
            Field::new("Decision owner", FieldKind::Owner, "").required(),
            Field::new("Lane", FieldKind::Lane, "autonomy").required(),
        ],
    )
}

pub fn decision_needed(board: &Board) -> Form {
    Form::new(
        FormKind::DecisionNeeded,
        "Add a decision needed",
        vec![
            Field::new("Decision needed", FieldKind::Text, "").required(),
            Field::new("Decision owner", FieldKind::Owner, ""),
            Field::new(
                "Due",
                FieldKind::Date,
                &board.next_meeting_day().to_string(),
            ),
        ],
    )
}

pub fn decide(d: &Decision) -> Form {
    Form::new(
        FormKind::Decide { decision: d.id },
        format!("Decide: {}", d.title),
        vec![
            Field::new("Chosen approach", FieldKind::Text, "").required(),
            Field::new(
                "Decision owner",
                FieldKind::Owner,
                d.owner.as_deref().unwrap_or(""),
            )
            .required(),
        ],
    )
}

pub fn filter(current: Option<&str>) -> Form {
    Form::new(
        FormKind::Filter,
        "Filter this section",
        vec![Field::new(
            "Show rows containing",
            FieldKind::Text,
            current.unwrap_or(""),
        )],
    )
}

fn some(text: String) -> Option<String> {
    (!text.is_empty()).then_some(text)
}

/// What saving `form` writes. Checks first; a problem is returned as the
/// message to show in the form.
pub fn submit(board: &Board, form: &Form) -> Result<Effect, String> {
    form.check()?;
    let v = |label: &str| form.value(label);
    // An edit of an existing record only applies if nobody changed it since.
    let apply = |change: Change, done: String| Effect::Apply {
        changes: vec![match &form.expect {
            Some(expect) => Change::Guarded {
                expect: expect.clone(),
                change: Box::new(change),
            },
            None => change,
        }],
        done,
    };
    Ok(match &form.kind {
        FormKind::Record {
            measure,
            name,
            week,
        } => apply(
            Change::RecordReading {
                measure: *measure,
                week: *week,
                value: parse_number(&v("Value"))?,
                note: some(v("Note")),
            },
            format!("Saved {name} for {week}"),
        ),
        FormKind::Raise { measure } => super::raise(
            vec![NewOffTrack {
                team: board.team.id,
                measure: *measure,
                title: v("Title"),
                owner: some(v("Owner")),
                why: v("Why"),
                change: v("Change by next week"),
                raised_week: board.week,
            }],
            board.next_meeting_day(),
            format!("Raised: {}", v("Title")),
        ),
        FormKind::EditOffTrack { item } => {
            let mut effect = apply(
                Change::EditOffTrack {
                    item: *item,
                    title: Some(v("Title")),
                    owner: some(v("Owner")),
                    why: Some(v("Why")),
                    change: Some(v("Change by next week")),
                },
                format!("Saved off-track #{item}"),
            );
            // A promised change that is new becomes a new action item; an
            // edit of anything else leaves the open commitment as it is.
            let promised = v("Change by next week").trim().to_string();
            let stored = board.offtrack.iter().find(|o| o.item.id == *item);
            let is_new = stored.is_none_or(|o| o.item.change.trim() != promised);
            if !promised.is_empty()
                && is_new
                && let Effect::Apply { changes, .. } = &mut effect
            {
                changes.push(Change::AddAction(NewAction {
                    team: board.team.id,
                    title: promised,
                    owner: some(v("Owner")).or_else(|| stored.and_then(|o| o.item.owner.clone())),
                    due: Some(board.next_meeting_day()),
                    source: ActionSource::OffTrack,
                    source_id: Some(RowRef::Id(item.0)),
                }));
            }
            effect
        }
        FormKind::AddDependency => {
            let other = v("Needs from (or owes) team");
            let other_side = match board_team(board, &other) {
                Some(side) => side,
                None => TeamSide {
                    team: None,
                    name: other,
                },
            };
            let home = TeamSide {
                team: Some(board.team.id),
                name: board.team.name.clone(),
            };
            let needs = match v("Needs or owes").to_lowercase().as_str() {
                "needs" | "need" | "n" => true,
                "owes" | "owe" | "o" => false,
                other => {
                    return Err(format!(
                        "Needs or owes: '{other}' is neither 'needs' nor 'owes'"
                    ));
                }
            };
            let (needing, providing) = if needs {
                (home, other_side)
            } else {
                (other_side, home)
            };
            apply(
                Change::AddDependency(NewDependency {
                    needing,
                    providing,
                    what: v("What"),
                    owner: some(v("Owner")),
                    needed_by: some(v("Needed by")).map(|d| parse_date(&d)).transpose()?,
                    status: DepStatus::OnTrack,
                    note: None,
                }),
                format!("Added dependency: {}", v("What")),
            )
        }
        FormKind::DecisionMade => apply(
            Change::AddDecision(NewDecision {
                team: board.team.id,
                title: v("Decision"),
                context: v("Context"),
                options: v("Options considered (; between)")
                    .split(';')
                    .map(str::trim)
                    .filter(|o| !o.is_empty())
                    .map(String::from)
                    .collect(),
                chosen: v("Chosen approach"),
                owner: some(v("Decision owner")),
                lane: v("Lane").parse::<Lane>()?,
                made: true,
                due: None,
            }),
            format!("Recorded decision: {}", v("Decision")),
        ),
        FormKind::DecisionNeeded => apply(
            Change::AddDecision(NewDecision {
                team: board.team.id,
                title: v("Decision needed"),
                context: String::new(),
                options: Vec::new(),
                chosen: String::new(),
                owner: some(v("Decision owner")),
                lane: Lane::Autonomy,
                made: false,
                due: some(v("Due")).map(|d| parse_date(&d)).transpose()?,
            }),
            format!("Added decision needed: {}", v("Decision needed")),
        ),
        FormKind::Decide { decision } => apply(
            Change::Decide {
                decision: *decision,
                chosen: v("Chosen approach"),
                owner: some(v("Decision owner")),
                context: None,
                options: None,
            },
            format!(
                "Decided #{decision}: {}",
                form.title.trim_start_matches("Decide: ")
            ),
        ),
        FormKind::Filter => return Err("a filter is applied, not saved".into()),
        _ => {
            return super::corrections::submit(board, form)
                .or_else(|| super::decide_rule::submit(board, form))
                .or_else(|| super::serving::submit(board, form))
                .unwrap_or_else(|| Err("this form saves nothing".into()));
        }
    })
}

/// A team in this file named by what was typed, as people read names.
fn board_team(board: &Board, name: &str) -> Option<TeamSide> {
    board
        .other_teams
        .iter()
        .find(|t| names::same(&t.name, name))
        .map(|t| TeamSide {
            team: Some(t.id),
            name: t.name.clone(),
        })
}
