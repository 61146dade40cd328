//! `Change`: every write rhythm can make, as a value. The CLI and the TUI
//! build changes; the store applies each one (or a batch) in one transaction.
//! Validation that needs no database lives here.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::model::{
    ActionId, ActionSource, ActionState, AgendaSection, DecisionId, DepStatus, DependencyId,
    ItemState, Kind, Lane, MeasureId, MeetingId, MeetingKind, MeetingSection, OffTrackId,
    ReviewWeek, Rollup, TeamId,
};
use super::scorecard::Scorecard;
use super::status::Goal;
use super::week::Week;

mod dates;
mod lengths;
mod validate;

pub use lengths::{MINUTES_MAX, TEXT_MAX, TITLE_MAX};
pub(crate) use lengths::{check_name, check_title_length};
pub use validate::ChangeError;
pub(crate) use validate::check_text as check_line;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Change {
    AddTeam {
        name: String,
    },
    RenameTeam {
        team: TeamId,
        name: String,
    },
    /// Which week the team's weekly review looks at from now on.
    SetReviewWeek {
        team: TeamId,
        review: ReviewWeek,
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
    /// The screen `screen` drives the live meeting and says so (its
    /// heartbeat): where its cursor is and whether the clock is paused. It
    /// takes the meeting when nobody holds it, it holds it already, or its
    /// driver is away; over a present driver only with `take_over`.
    /// Bookkeeping: not an operation of the log.
    DriveMeeting {
        meeting: MeetingId,
        driver: String,
        screen: String,
        take_over: bool,
        paused: bool,
        selected: Option<(u8, i64)>,
    },
    /// The screen `screen` leaves the meeting it drives: the next screen
    /// takes it without asking. Bookkeeping, like `DriveMeeting`.
    LeaveMeeting {
        meeting: MeetingId,
        screen: String,
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
        /// The commitments due done as it ends, out of all of them.
        commitments: (u32, u32),
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
    /// Adds a line to a brief: a team's, or the whole database's, for a
    /// quarter.
    AddBriefItem(super::brief::NewBriefItem),
    /// Corrects a line of a brief.
    EditBriefItem {
        item: super::model::BriefItemId,
        edit: super::brief::BriefEdit,
    },
    /// Takes a line out of a brief; an objective goes with the measure
    /// lines that show it.
    DropBriefItem {
        item: super::model::BriefItemId,
    },
    /// Adds an initiative to a team's operating plan.
    AddInitiative(super::plan::NewInitiative),
    EditInitiative {
        initiative: super::model::InitiativeId,
        edit: super::plan::InitiativeEdit,
    },
    /// Closes an initiative, done or stopped (`state`), with what was
    /// learned; `Open` opens it again.
    SetInitiativeState {
        initiative: super::model::InitiativeId,
        state: super::model::PlanState,
        note: Option<String>,
    },
    /// Gives a person a share of their time (percent) on an initiative;
    /// 0 takes them off it.
    AssignPerson {
        initiative: super::model::InitiativeId,
        person: String,
        share: u8,
    },
    AddMilestone(super::plan::NewMilestone),
    EditMilestone {
        milestone: super::model::MilestoneId,
        edit: super::plan::MilestoneEdit,
    },
    /// Puts a milestone in a phase; its time in the phase starts again.
    MoveMilestone {
        milestone: super::model::MilestoneId,
        phase: super::model::Phase,
    },
    /// Marks a milestone done, closes it without doing it (with a note),
    /// or opens it again.
    SetMilestoneState {
        milestone: super::model::MilestoneId,
        state: super::model::PlanState,
        note: Option<String>,
    },
    /// Files the decision needed that names who decides a milestone stuck
    /// in *decide* (usually added by the change before it).
    LinkMilestoneDecision {
        milestone: super::model::MilestoneId,
        decision: RowRef,
    },
    /// Links a measure, action item, off-track item or decision (stored, or
    /// made by an earlier change of the batch) to the choice or objective
    /// it serves; `None` unlinks it.
    Serve {
        kind: super::model::Serving,
        record: RowRef,
        line: Option<super::model::BriefItemId>,
    },
    /// Replaces a team's agenda for one kind of meeting (meetings already
    /// started keep their own copy).
    SetAgenda {
        team: TeamId,
        kind: super::model::MeetingKind,
        sections: Vec<AgendaSection>,
    },
    /// Sets the share of a team's capacity kept free as its flexible pool.
    SetFlexShare {
        team: TeamId,
        share: u8,
    },
    /// Records a draw on a team's flexible pool.
    DrawFlex(super::plan::NewFlexDraw),
    /// Writes (or rewrites) a draw's post-mortem.
    WritePostMortem {
        draw: super::model::FlexDrawId,
        post_mortem: super::plan::PostMortem,
    },
    /// Adds a trigger rule on a measure, with the response it sets off,
    /// and works out its episodes over the measure's history.
    AddTrigger(super::trigger::NewTrigger),
    /// Corrects a trigger's rule or response (a new rule's episodes are
    /// worked out again).
    EditTrigger {
        trigger: super::model::TriggerId,
        edit: super::trigger::TriggerEdit,
    },
    /// Deletes a trigger rule with its episodes.
    DropTrigger {
        trigger: super::model::TriggerId,
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
    /// An action item's title, owner and due date.
    Action {
        action: ActionId,
        title: String,
        owner: Option<String>,
        due: Option<NaiveDate>,
    },
    /// A dependency's text, owner, date and note.
    Dependency {
        dependency: DependencyId,
        what: String,
        owner: Option<String>,
        needed_by: Option<NaiveDate>,
        note: Option<String>,
    },
    /// A decision's title, context, choice and owner.
    Decision {
        decision: DecisionId,
        title: String,
        context: String,
        chosen: String,
        owner: Option<String>,
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
    /// The monthly roll-up; `None` takes its unit's (`Rollup::for_unit`).
    #[serde(default)]
    pub rollup: Option<Rollup>,
}

/// Fields left `None` keep their stored value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MeasureEdit {
    pub name: Option<String>,
    pub owner: Option<String>,
    pub unit: Option<String>,
    pub kind: Option<Kind>,
    pub goal: Option<Goal>,
    #[serde(default)]
    pub rollup: Option<Rollup>,
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
    pub health: super::model::MeetingHealth,
}

/// The weekly agenda a new team starts with.
pub fn agenda_for_new_team() -> Vec<AgendaSection> {
    super::model::default_weekly_agenda()
}
