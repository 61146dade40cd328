//! Restoring an export: each record of an `Archive` as a change, with the
//! row id (or none, to take a new one), stable id and times it was exported
//! with, and its references already resolved to this database's rows. The
//! import decides what to add; these changes write it, through the one door,
//! checked by the same rules as every other change.

use serde::{Deserialize, Serialize};

use super::archive::{
    ActionRecord, AgendaRecord, BriefRecord, DecisionRecord, DependencyRecord, FlexDrawRecord,
    InitiativeRecord, MeasureRecord, MeetingRecord, MilestoneRecord, OffTrackRecord, ReadingRecord,
    TeamRecord, TriggerRecord,
};
use super::brief::{self, NewBriefItem};
use super::change::{ChangeError, check_line, check_name, check_title_length};
use super::model::{BriefItemId, BriefKind, MeasureId, TeamId};
use super::month::Month;

/// One side of a restored dependency: a team here, or one outside by name.
pub type Side = (Option<i64>, Option<String>);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Restore {
    Person {
        id: Option<i64>,
        name: String,
        created_at: String,
    },
    Team {
        id: Option<i64>,
        record: TeamRecord,
    },
    Agenda {
        team: i64,
        record: AgendaRecord,
    },
    Measure {
        id: Option<i64>,
        team: i64,
        owner: Option<i64>,
        record: MeasureRecord,
    },
    Reading {
        measure: i64,
        record: ReadingRecord,
    },
    OffTrack {
        id: Option<i64>,
        team: i64,
        measure: Option<i64>,
        owner: Option<i64>,
        record: OffTrackRecord,
    },
    /// A meeting with its sections and attendees.
    Meeting {
        id: Option<i64>,
        team: i64,
        attendees: Vec<i64>,
        record: MeetingRecord,
    },
    Decision {
        id: Option<i64>,
        team: i64,
        owner: Option<i64>,
        meeting: Option<i64>,
        record: DecisionRecord,
    },
    /// Which decision a restored one supersedes, once both are in.
    Supersedes {
        decision: i64,
        old: Option<i64>,
    },
    Action {
        id: Option<i64>,
        team: i64,
        owner: Option<i64>,
        source_id: Option<i64>,
        record: ActionRecord,
    },
    Dependency {
        id: Option<i64>,
        needing: Side,
        providing: Side,
        owner: Option<i64>,
        record: DependencyRecord,
    },
    /// A line of a brief: a team's, or the whole database's (no `team`).
    BriefItem {
        id: Option<i64>,
        team: Option<i64>,
        owner: Option<i64>,
        measure: Option<i64>,
        objective: Option<i64>,
        record: BriefRecord,
    },
    /// A trigger rule with its episodes, on a measure of its team.
    Trigger {
        id: Option<i64>,
        team: i64,
        measure: i64,
        record: TriggerRecord,
    },
    /// An initiative of the plan, with its people: (person, share).
    Initiative {
        id: Option<i64>,
        team: i64,
        owner: Option<i64>,
        serves: Option<i64>,
        people: Vec<(i64, i64)>,
        record: InitiativeRecord,
    },
    Milestone {
        id: Option<i64>,
        initiative: i64,
        owner: Option<i64>,
        decision: Option<i64>,
        record: MilestoneRecord,
    },
    FlexDraw {
        id: Option<i64>,
        team: i64,
        record: FlexDrawRecord,
    },
}

impl Restore {
    /// Names and titles follow the rules every change that makes one
    /// follows, no text is longer than any change's may be (checked by
    /// `Change::validate`), a dependency joins two teams, and a brief line
    /// holds what its kind may, as a new line must (the archive's own check
    /// has looked at the rest of the document).
    pub fn validate(&self) -> Result<(), ChangeError> {
        match self {
            Restore::Person { name, .. } => check_name("person name", name),
            Restore::Team { record, .. } => {
                check_name("team name", &record.name)?;
                let flex = u8::try_from(record.flex_share).unwrap_or(u8::MAX);
                super::plan::check_flex(flex)
            }
            Restore::Measure { record, .. } => check_name("measure name", &record.name),
            Restore::Dependency {
                needing: (Some(n), _),
                providing: (Some(p), _),
                ..
            } if n == p => Err(ChangeError::SelfDependency),
            Restore::OffTrack { record, .. } => {
                check_title_length("off-track title", &record.title)
            }
            Restore::Action { record, .. } => check_title_length("action title", &record.title),
            Restore::Decision { record, .. } => check_title_length("decision title", &record.title),
            Restore::Dependency { record, .. } => check_title_length("dependency", &record.what),
            Restore::BriefItem {
                team,
                measure,
                objective,
                record,
                ..
            } => brief::check_new(&brief_line(record, *team, *measure, *objective)?),
            Restore::Trigger { record, .. } => {
                super::trigger::check_response(&record.response)?;
                super::change::check_line("trigger rule", &record.rule)
            }
            Restore::Initiative { people, record, .. } => {
                check_line("initiative title", &record.title)?;
                let month = |m: &str| {
                    m.parse::<Month>()
                        .map_err(|e| ChangeError::Plan(e.to_string()))
                };
                let start = month(&record.start)?;
                let end = record.end.as_deref().map(month).transpose()?;
                super::plan::check_span(start, end)?;
                for (_, share) in people {
                    let share = u8::try_from(*share).unwrap_or(u8::MAX);
                    super::plan::check_share(share)?;
                }
                Ok(())
            }
            Restore::Milestone { record, .. } => {
                check_line("milestone title", &record.title)?;
                record
                    .month
                    .parse::<Month>()
                    .map_err(|e| ChangeError::Plan(e.to_string()))?;
                Ok(())
            }
            // What a draw was for and its post-mortem are prose, kept as
            // exported, as an off-track item's why is.
            Restore::Meeting { .. }
            | Restore::FlexDraw { .. }
            | Restore::Agenda { .. }
            | Restore::Reading { .. }
            | Restore::Supersedes { .. } => Ok(()),
        }
    }
}

/// A restored line of a brief as the line a change would add, its
/// references as this database's rows, so the rules every line follows
/// (the domain's, and the store's for the brief it joins) hold it too.
pub fn brief_line(
    record: &BriefRecord,
    team: Option<i64>,
    measure: Option<i64>,
    objective: Option<i64>,
) -> Result<NewBriefItem, ChangeError> {
    let kind: BriefKind = record.kind.parse().map_err(ChangeError::NotOneOf)?;
    let quarter = record.quarter.parse()?;
    Ok(NewBriefItem {
        team: team.map(TeamId),
        quarter,
        kind,
        text: record.text.clone(),
        detail: record.detail.clone(),
        integrator: record.integrator.clone(),
        measure: measure.map(MeasureId),
        objective: objective.map(BriefItemId),
    })
}
