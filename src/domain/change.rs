//! `Change`: every write rhythm can make, as a value. The CLI and the TUI
//! build changes; the store applies each one (or a batch) in one transaction.
//! Validation that needs no database lives here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    ActionId, ActionSource, ActionState, AgendaSection, DecisionId, DepStatus, DependencyId,
    ItemState, Kind, Lane, MeasureId, MeetingId, MeetingKind, MeetingSection, OffTrackId, TeamId,
};
use super::scorecard::Scorecard;
use super::status::Goal;
use super::week::Week;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    AddTeam {
        name: String,
    },
    RenameTeam {
        team: TeamId,
        name: String,
    },
    AddMeasure(NewMeasure),
    EditMeasure {
        measure: MeasureId,
        edit: MeasureEdit,
    },
    ArchiveMeasure {
        measure: MeasureId,
        archived: bool,
    },
    /// Puts a measure at a 1-based position, shifting the others.
    MoveMeasure {
        measure: MeasureId,
        position: u32,
    },
    RecordReading {
        measure: MeasureId,
        week: Week,
        value: f64,
        note: Option<String>,
    },
    AddAction(NewAction),
    SetActionState {
        action: ActionId,
        state: ActionState,
    },
    AddOffTrack(NewOffTrack),
    SetOffTrackState {
        item: OffTrackId,
        state: ItemState,
    },
    AddDependency(NewDependency),
    UpdateDependency {
        dependency: DependencyId,
        status: Option<DepStatus>,
        needed_by: Option<NaiveDate>,
        owner: Option<String>,
        note: Option<String>,
    },
    AddDecision(NewDecision),
    /// Turns a needed decision into a made one.
    Decide {
        decision: DecisionId,
        chosen: String,
        owner: Option<String>,
        context: Option<String>,
        options: Option<Vec<String>>,
    },
    /// Marks `old` as superseded by the (already recorded) decision `new`.
    Supersede {
        old: DecisionId,
        new: DecisionId,
    },
    /// A whole meeting as it happened, for the demo history and imports.
    AddMeeting(NewMeeting),
    /// Edits an off-track item in place, and nothing else: a new promised
    /// change becomes an action item by its own `AddAction`.
    EditOffTrack {
        item: OffTrackId,
        title: Option<String>,
        owner: Option<String>,
        why: Option<String>,
        change: Option<String>,
    },
    /// Opens a live meeting with the team's agenda for that kind.
    StartMeeting {
        team: TeamId,
        kind: MeetingKind,
        week: Week,
    },
    /// Where a live meeting is: its section and the seconds spent in each.
    SaveMeetingClock {
        meeting: MeetingId,
        current_section: u32,
        seconds: Vec<u32>,
    },
    RateMeeting {
        meeting: MeetingId,
        rating: u8,
    },
    /// Closes a meeting with the scorecard as the room saw it and its
    /// minutes; decisions the team made during it are filed under it.
    EndMeeting {
        meeting: MeetingId,
        snapshot: Box<Scorecard>,
        minutes: String,
    },
    /// A record of an export, written as it was exported (see `restore`).
    Restore(Box<super::restore::Restore>),
    /// Empties a database that holds only a demo (or nothing), before the
    /// demo is built again.
    ClearDemo,
    /// Marks the database as the demo's, so `rhythm demo` may rebuild it.
    MarkDemo {
        label: String,
    },
    /// Deletes a measure's reading for a week: the week is missing again.
    ClearReading {
        measure: MeasureId,
        week: Week,
    },
    /// Corrects an action item's title, owner or due date.
    EditAction {
        action: ActionId,
        title: Option<String>,
        owner: Option<String>,
        due: Option<NaiveDate>,
    },
    /// Corrects what a dependency says, who is on either side and who owns it.
    EditDependency {
        dependency: DependencyId,
        edit: DependencyEdit,
    },
    /// Deletes a dependency recorded by mistake (a delivered one is `done`).
    DeleteDependency {
        dependency: DependencyId,
    },
    /// Corrects a decision, needed or made.
    EditDecision {
        decision: DecisionId,
        edit: DecisionEdit,
    },
    /// A needed decision that is no longer needed.
    WithdrawDecision {
        decision: DecisionId,
    },
    /// Renames a person; when someone is already called `to`, merges `from`
    /// into them (every owner and attendee reference moves) and deletes `from`.
    RenamePerson {
        from: String,
        to: String,
    },
    /// Deletes a team and everything that is only the team's.
    DeleteTeam {
        team: TeamId,
    },
    /// Sets a meeting's rating, whether it is open or has ended.
    SetMeetingRating {
        meeting: MeetingId,
        rating: u8,
    },
    /// `change`, but only if the record still is as the editor saw it when
    /// they started: a save never silently overwrites a change it never saw.
    Guarded {
        expect: Expect,
        change: Box<Change>,
    },
}

/// What a record looked like when someone began editing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expect {
    /// The reading of a measure in a week (`value` None: there was none).
    Reading {
        measure: MeasureId,
        week: Week,
        value: Option<f64>,
        note: Option<String>,
    },
    /// A dependency's status, as the screen showed it.
    DependencyStatus {
        dependency: DependencyId,
        status: DepStatus,
    },
    /// An off-track item's text and owner.
    OffTrack {
        item: OffTrackId,
        title: String,
        owner: Option<String>,
        why: String,
        change: String,
    },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMeasure {
    pub team: TeamId,
    pub name: String,
    pub owner: Option<String>,
    pub unit: String,
    pub kind: Kind,
    pub goal: Goal,
}

/// Fields left `None` keep their stored value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureEdit {
    pub name: Option<String>,
    pub owner: Option<String>,
    pub unit: Option<String>,
    pub kind: Option<Kind>,
    pub goal: Option<Goal>,
}

/// An edit of a field that may be empty: keep it, set it, or clear it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub enum FieldEdit<T> {
    #[default]
    Keep,
    Set(T),
    Clear,
}

impl<T> FieldEdit<T> {
    pub fn is_keep(&self) -> bool {
        matches!(self, FieldEdit::Keep)
    }
}

/// Fields left `None` (or `Keep`) keep their stored value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DependencyEdit {
    pub what: Option<String>,
    pub needing: Option<TeamSide>,
    pub providing: Option<TeamSide>,
    pub owner: Option<String>,
    pub needed_by: FieldEdit<NaiveDate>,
    pub note: FieldEdit<String>,
}

/// Fields left `None` keep their stored value. `chosen` is for a decision
/// made, `due` for one still needed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DecisionEdit {
    pub title: Option<String>,
    pub context: Option<String>,
    pub options: Option<Vec<String>>,
    pub chosen: Option<String>,
    pub lane: Option<Lane>,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewAction {
    pub team: TeamId,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub source: ActionSource,
    pub source_id: Option<RowRef>,
}

/// A row a change refers to: one already stored, or the one an earlier
/// change of the same `apply` created (by its index in the list), so one
/// user action can create an item and the action item it promises.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowRef {
    Id(i64),
    Earlier(usize),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewOffTrack {
    pub team: TeamId,
    pub measure: Option<MeasureId>,
    pub title: String,
    pub owner: Option<String>,
    pub why: String,
    pub change: String,
    pub raised_week: Week,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamSide {
    /// The team in this file, when it is one.
    pub team: Option<TeamId>,
    /// The name of a team outside this file (ignored when `team` is set).
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDependency {
    pub needing: TeamSide,
    pub providing: TeamSide,
    pub what: String,
    pub owner: Option<String>,
    pub needed_by: Option<NaiveDate>,
    pub status: DepStatus,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDecision {
    pub team: TeamId,
    pub title: String,
    pub context: String,
    pub options: Vec<String>,
    pub chosen: String,
    pub owner: Option<String>,
    pub lane: Lane,
    /// `Needed` or `Made`; a decision is superseded only by another one.
    pub made: bool,
    pub due: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewMeeting {
    pub team: TeamId,
    pub kind: MeetingKind,
    pub week: Week,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub current_section: u32,
    pub sections: Vec<MeetingSection>,
    pub attendees: Vec<String>,
    pub rating: Option<u8>,
    pub snapshot: Option<Scorecard>,
}

/// A change that cannot be right whatever the database holds.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ChangeError {
    #[error("{0} cannot be empty")]
    Empty(&'static str),
    #[error("{what} '{value}' is too long ({len} characters; at most {max})")]
    TooLong {
        what: &'static str,
        value: String,
        len: usize,
        max: usize,
    },
    #[error("{what} '{value}' contains a control character")]
    ControlCharacter { what: &'static str, value: String },
    #[error("value '{0}' is not a finite number")]
    NotFinite(f64),
    #[error("position '{0}' must be 1 or more")]
    Position(u32),
    #[error("rating '{0}' must be from 1 to 10")]
    Rating(u8),
    #[error("a decision cannot supersede itself (#{0})")]
    SelfSupersede(DecisionId),
    #[error("a made decision needs its chosen approach: add --chosen")]
    NoChosen,
    #[error("a dependency needs at least one side that is a team in this database")]
    NoHomeTeam,
    #[error(transparent)]
    Goal(#[from] super::status::GoalError),
}

/// Names (teams, measures, people) are one line and short enough to show.
const NAME_MAX: usize = 200;

pub(crate) fn check_name(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    let len = value.chars().count();
    if len > NAME_MAX {
        let shown: String = value.chars().take(40).collect();
        return Err(ChangeError::TooLong {
            what,
            value: format!("{shown}…"),
            len,
            max: NAME_MAX,
        });
    }
    if value.chars().any(char::is_control) {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}

fn check_owner(owner: &Option<String>) -> Result<(), ChangeError> {
    owner.as_deref().map_or(Ok(()), |o| check_name("owner", o))
}

impl Change {
    /// Refuses what is wrong on its face: empty or multi-line names,
    /// non-finite numbers, impossible positions and ratings.
    pub fn validate(&self) -> Result<(), ChangeError> {
        match self {
            Change::AddTeam { name } | Change::RenameTeam { name, .. } => {
                check_name("team name", name)
            }
            Change::AddMeasure(m) => {
                check_name("measure name", &m.name)?;
                m.goal.check()?;
                check_owner(&m.owner)
            }
            Change::EditMeasure { edit, .. } => {
                if let Some(name) = &edit.name {
                    check_name("measure name", name)?;
                }
                if let Some(goal) = &edit.goal {
                    goal.check()?;
                }
                check_owner(&edit.owner)
            }
            Change::ArchiveMeasure { .. } => Ok(()),
            Change::MoveMeasure { position, .. } => {
                if *position == 0 {
                    Err(ChangeError::Position(*position))
                } else {
                    Ok(())
                }
            }
            Change::RecordReading { value, .. } => {
                if value.is_finite() {
                    Ok(())
                } else {
                    Err(ChangeError::NotFinite(*value))
                }
            }
            Change::AddAction(a) => {
                check_text("action title", &a.title)?;
                check_owner(&a.owner)
            }
            Change::SetActionState { .. } | Change::SetOffTrackState { .. } => Ok(()),
            Change::AddOffTrack(o) => {
                check_text("off-track title", &o.title)?;
                check_owner(&o.owner)
            }
            Change::AddDependency(d) => {
                check_text("dependency", &d.what)?;
                if d.needing.team.is_none() && d.providing.team.is_none() {
                    return Err(ChangeError::NoHomeTeam);
                }
                for side in [&d.needing, &d.providing] {
                    if side.team.is_none() {
                        check_name("team name", &side.name)?;
                    }
                }
                check_owner(&d.owner)
            }
            Change::UpdateDependency { owner, .. } => check_owner(owner),
            Change::AddDecision(d) => {
                check_text("decision title", &d.title)?;
                if d.made && d.chosen.trim().is_empty() {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(&d.owner)
            }
            Change::Decide { chosen, owner, .. } => {
                if chosen.trim().is_empty() {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(owner)
            }
            Change::Supersede { old, new } => {
                if old == new {
                    Err(ChangeError::SelfSupersede(*old))
                } else {
                    Ok(())
                }
            }
            Change::EditOffTrack { title, owner, .. } => {
                if let Some(t) = title {
                    check_text("off-track title", t)?;
                }
                check_owner(owner)
            }
            Change::ClearReading { .. }
            | Change::DeleteDependency { .. }
            | Change::WithdrawDecision { .. }
            | Change::DeleteTeam { .. } => Ok(()),
            Change::EditAction { title, owner, .. } => {
                if let Some(t) = title {
                    check_text("action title", t)?;
                }
                check_owner(owner)
            }
            Change::EditDependency { edit, .. } => {
                if let Some(what) = &edit.what {
                    check_text("dependency", what)?;
                }
                if let (Some(n), Some(p)) = (&edit.needing, &edit.providing)
                    && n.team.is_none()
                    && p.team.is_none()
                {
                    return Err(ChangeError::NoHomeTeam);
                }
                for side in [&edit.needing, &edit.providing].into_iter().flatten() {
                    if side.team.is_none() {
                        check_name("team name", &side.name)?;
                    }
                }
                check_owner(&edit.owner)
            }
            Change::EditDecision { edit, .. } => {
                if let Some(t) = &edit.title {
                    check_text("decision title", t)?;
                }
                if edit.chosen.as_ref().is_some_and(|c| c.trim().is_empty()) {
                    return Err(ChangeError::NoChosen);
                }
                check_owner(&edit.owner)
            }
            Change::RenamePerson { from, to } => {
                check_name("person name", from)?;
                check_name("person name", to)
            }
            Change::Guarded { change, .. } => change.validate(),
            Change::Restore(r) => r.validate(),
            Change::StartMeeting { .. }
            | Change::ClearDemo
            | Change::MarkDemo { .. }
            | Change::SaveMeetingClock { .. }
            | Change::EndMeeting { .. } => Ok(()),
            Change::RateMeeting { rating, .. } | Change::SetMeetingRating { rating, .. } => {
                if (1..=10).contains(rating) {
                    Ok(())
                } else {
                    Err(ChangeError::Rating(*rating))
                }
            }
            Change::AddMeeting(m) => {
                if let Some(r) = m.rating.filter(|r| !(1..=10).contains(r)) {
                    return Err(ChangeError::Rating(r));
                }
                m.attendees
                    .iter()
                    .try_for_each(|a| check_name("attendee", a))
            }
        }
    }
}

/// Titles may be long, but a title is still one line.
fn check_text(what: &'static str, value: &str) -> Result<(), ChangeError> {
    if value.trim().is_empty() {
        return Err(ChangeError::Empty(what));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(ChangeError::ControlCharacter {
            what,
            value: value.escape_debug().to_string(),
        });
    }
    Ok(())
}

/// The weekly agenda a new team starts with.
pub fn agenda_for_new_team() -> Vec<AgendaSection> {
    super::model::default_weekly_agenda()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validate_refuses_bad_values_with_the_value_quoted() {
        let cases = [
            (
                Change::AddTeam { name: "  ".into() },
                "team name cannot be empty",
            ),
            (
                Change::AddTeam {
                    name: "Growth\nPlatform".into(),
                },
                "team name 'Growth\\nPlatform' contains a control character",
            ),
            (
                Change::RecordReading {
                    measure: MeasureId(1),
                    week: "2026-W48".parse().unwrap(),
                    value: f64::NAN,
                    note: None,
                },
                "value 'NaN' is not a finite number",
            ),
            (
                Change::MoveMeasure {
                    measure: MeasureId(1),
                    position: 0,
                },
                "position '0' must be 1 or more",
            ),
            (
                Change::Supersede {
                    old: DecisionId(3),
                    new: DecisionId(3),
                },
                "a decision cannot supersede itself (#3)",
            ),
        ];
        for (change, want) in cases {
            assert_eq!(change.validate().unwrap_err().to_string(), want);
        }
        let long = "x".repeat(201);
        let err = Change::AddTeam { name: long }
            .validate()
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("team name 'xxxx"), "{err}");
        assert!(err.ends_with("(201 characters; at most 200)"), "{err}");
    }

    #[test]
    fn validate_accepts_ordinary_changes() {
        let ok = Change::AddTeam {
            name: "Customer Success 🚀".into(),
        };
        assert_eq!(ok.validate(), Ok(()));
    }
}
