//! The export document: a whole database (or one team) as plain data, in
//! the shape `rhythm export` writes and `rhythm import` reads. Values are
//! kept as stored (dates as their text), but for times, which the export
//! writes in RFC 3339 with `Z` and the import turns back into the store's
//! text (`times`), so a database exported, imported into an empty file and
//! exported again gives the same bytes. Records carry their stable `uid`,
//! which `import --merge` matches on, and name the records they refer to by
//! it in fields ending in `_uid` (`team_uid`, `measure_uid`), so `team` in
//! any JSON rhythm writes is a team's name. Version 1 wrote `team`,
//! `measure`, `meeting` and `supersedes` for those: they are still read.
//! Version 3 adds the strategy brief (`brief`); files of versions 1 and 2
//! have none, and read as holding none. Version 4 adds trigger rules with
//! their episodes (`triggers`) and each measure's monthly roll-up
//! (`rollup`), the operating plan (`plan`: initiatives with their people,
//! milestones, flex draws) and each team's `flex_share`; older files have
//! no rules and no plan, their measures take the roll-up their unit gives
//! and their teams keep the default pool (10 %). Version 5 adds the links
//! from weekly work to the brief (`links`); older files have none.
//! The types are also the format's JSON Schema (`schema`): its attributes
//! name the words, times, dates and weeks the text fields hold.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

// The schema's names for the words each field takes: records keep them as
// text, as stored, and `validate` parses them.
use crate::domain::model::{
    ActionSource, ActionState, BriefKind, DecisionState, DepStatus, ItemState, Kind, Lane,
    MeetingKind, Phase, PlanState, ReviewWeek, Rollup, SectionKind,
};
use crate::domain::status::Direction;

mod link;
mod schema;
pub mod times;
mod trigger;
mod validate;

pub use schema::schema;

pub use link::LinkRecord;
pub use times::Timed;
pub use trigger::{EpisodeRecord, TriggerRecord};

pub const FORMAT: &str = "rhythm";
/// The version this build writes. Version 5 adds the links from measures,
/// actions, off-track items and decisions to the brief, which builds that
/// read up to version 4 refuse by the version. Version 4 adds trigger rules, the
/// measures' roll-up, the plan and the teams' flexible pools, which builds
/// that read up to version 3 refuse by the version. Version 3 adds the
/// brief, which builds
/// that read up to version 2 would refuse as an unknown field: they refuse
/// a version 3 file by its version instead. Version 2 writes times in RFC
/// 3339 with `Z` and references as `…_uid`; version 1 wrote the store's
/// text for times (`2026-06-08 08:00:00+00:00`) and `team`, `measure`,
/// `meeting`, `supersedes`, which earlier builds require.
pub const VERSION: u32 = 5;
/// The oldest version this build reads.
pub const FIRST_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "rhythm export")]
pub struct Archive {
    #[schemars(extend("const" = "rhythm"))]
    pub format: String,
    /// The schema describes the version this build writes.
    #[schemars(extend("const" = 5))]
    pub version: u32,
    pub teams: Vec<TeamRecord>,
    pub people: Vec<PersonRecord>,
    pub agendas: Vec<AgendaRecord>,
    pub measures: Vec<MeasureRecord>,
    pub readings: Vec<ReadingRecord>,
    pub offtrack: Vec<OffTrackRecord>,
    pub actions: Vec<ActionRecord>,
    pub dependencies: Vec<DependencyRecord>,
    pub meetings: Vec<MeetingRecord>,
    pub decisions: Vec<DecisionRecord>,
    /// The strategy brief's lines, from version 3 on: older files have none.
    #[serde(default)]
    pub brief: Vec<BriefRecord>,
    /// Trigger rules with their episodes, from version 4 on.
    #[serde(default)]
    pub triggers: Vec<TriggerRecord>,
    /// The operating plan, from version 4 on: older files have none.
    #[serde(default)]
    pub plan: PlanSection,
    /// Which weekly work serves which brief line, from version 5 on: last,
    /// so an import has every record and brief line in before it links.
    #[serde(default)]
    pub links: Vec<LinkRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TeamRecord {
    pub uid: String,
    pub id: i64,
    pub name: String,
    /// Which week its weekly review looks at (`ReviewWeek`); exports made
    /// before teams had the choice leave it out, and meant "current".
    #[serde(default = "current_week")]
    #[schemars(with = "ReviewWeek")]
    pub review: String,
    /// The flexible pool, in percent of everyone's time; files before
    /// version 4 leave it out, and had the default.
    #[serde(default = "flex_default")]
    #[schemars(range(min = 0, max = 50))]
    pub flex_share: i64,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
}

fn current_week() -> String {
    crate::domain::ReviewWeek::Current.to_string()
}

fn flex_default() -> i64 {
    i64::from(crate::domain::plan::FLEX_DEFAULT)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaRecord {
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    #[schemars(with = "MeetingKind")]
    pub kind: String,
    pub position: i64,
    pub name: String,
    #[schemars(range(min = 0))]
    pub minutes: i64,
    /// The screen the section shows; null (and absent, before version 5)
    /// takes the default agenda's at its position.
    #[serde(default)]
    #[schemars(with = "Option<SectionKind>")]
    pub section: Option<String>,
}

/// The section kind a record names, or the default agenda's at its
/// position in a `kind` meeting (`kind` as stored; weekly if unreadable).
pub fn section_or_default(section: Option<&str>, kind: &str, position: usize) -> String {
    match section {
        Some(s) => s.to_string(),
        None => {
            crate::domain::agenda::kind_at(kind.parse().unwrap_or(MeetingKind::Weekly), position)
                .to_string()
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeasureRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    pub name: String,
    pub owner: Option<String>,
    pub unit: String,
    #[schemars(with = "Kind")]
    pub kind: String,
    #[schemars(with = "Direction")]
    pub direction: String,
    pub target: Option<f64>,
    pub range_low: Option<f64>,
    pub range_high: Option<f64>,
    #[schemars(range(min = 0, max = 1))]
    pub tolerance: f64,
    pub position: i64,
    pub archived: bool,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
    /// Which value stands for a month in monthly trigger rules; null (and
    /// absent, before version 4) takes the one its unit gives.
    #[serde(default)]
    #[schemars(with = "Option<Rollup>")]
    pub rollup: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReadingRecord {
    #[serde(rename = "measure_uid", alias = "measure")]
    pub measure: String,
    #[schemars(with = "schema::WeekText")]
    pub week: String,
    pub value: f64,
    pub note: Option<String>,
    #[schemars(with = "schema::Time")]
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OffTrackRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    #[serde(rename = "measure_uid", alias = "measure")]
    pub measure: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    pub why: String,
    pub change: String,
    #[schemars(with = "ItemState")]
    pub state: String,
    #[schemars(with = "schema::WeekText")]
    pub raised_week: String,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    pub title: String,
    pub owner: Option<String>,
    #[schemars(with = "Option<schema::Date>")]
    pub due: Option<String>,
    #[schemars(with = "ActionState")]
    pub state: String,
    #[schemars(with = "ActionSource")]
    pub source: String,
    /// The uid of the off-track item or decision it came from.
    pub source_uid: Option<String>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
    #[schemars(with = "Option<schema::Time>")]
    pub closed_at: Option<String>,
}

/// One side of a dependency: a team of the archive (by uid) or outside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SideRecord {
    #[serde(rename = "team_uid", alias = "team")]
    pub team: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DependencyRecord {
    pub uid: String,
    pub id: i64,
    pub needing: SideRecord,
    pub providing: SideRecord,
    pub what: String,
    pub owner: Option<String>,
    #[schemars(with = "Option<schema::Date>")]
    pub needed_by: Option<String>,
    #[schemars(with = "DepStatus")]
    pub status: String,
    pub note: Option<String>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SectionRecord {
    pub name: String,
    #[schemars(range(min = 0))]
    pub minutes: i64,
    #[schemars(range(min = 0))]
    pub seconds_spent: i64,
    /// The screen it showed; null (and absent, before version 5) takes the
    /// default agenda's at its position.
    #[serde(default)]
    #[schemars(with = "Option<SectionKind>")]
    pub section: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    #[schemars(with = "MeetingKind")]
    pub kind: String,
    #[schemars(with = "schema::WeekText")]
    pub week: String,
    #[schemars(with = "schema::Time")]
    pub started_at: String,
    #[schemars(with = "Option<schema::Time>")]
    pub ended_at: Option<String>,
    pub current_section: i64,
    #[schemars(range(min = 1, max = 10))]
    pub rating: Option<i64>,
    /// The scorecard as the room saw it, as stored.
    pub snapshot: Option<serde_json::Value>,
    pub minutes: Option<String>,
    pub sections: Vec<SectionRecord>,
    pub attendees: Vec<String>,
    /// Measures with no value for the week when it started; null for
    /// meetings before rhythm kept it (and absent before version 5).
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub missing_at_start: Option<i64>,
    /// The commitments due that were done when it ended, and how many
    /// were due; null as above.
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub commitments_done: Option<i64>,
    #[serde(default)]
    #[schemars(range(min = 0))]
    pub commitments_due: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid", alias = "team")]
    pub team: String,
    pub title: String,
    pub context: String,
    pub options: Vec<String>,
    pub chosen: String,
    pub owner: Option<String>,
    #[schemars(with = "Lane")]
    pub lane: String,
    #[schemars(with = "DecisionState")]
    pub state: String,
    #[schemars(with = "Option<schema::Date>")]
    pub due: Option<String>,
    #[schemars(with = "Option<schema::Time>")]
    pub made_at: Option<String>,
    #[serde(rename = "meeting_uid", alias = "meeting")]
    pub meeting: Option<String>,
    #[serde(rename = "supersedes_uid", alias = "supersedes")]
    pub supersedes: Option<String>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

/// A line of a strategy brief: a team's, or the whole database's (no
/// `team_uid`), for a quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BriefRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid")]
    pub team: Option<String>,
    #[schemars(with = "schema::QuarterText")]
    pub quarter: String,
    #[schemars(with = "BriefKind")]
    pub kind: String,
    #[schemars(range(min = 0))]
    pub position: i64,
    pub text: String,
    pub detail: String,
    /// An objective's integrator, by name.
    pub integrator: Option<String>,
    /// A measure line's measure.
    #[serde(rename = "measure_uid")]
    pub measure: Option<String>,
    /// The objective a measure line shows: a line of the same brief.
    #[serde(rename = "objective_uid")]
    pub objective: Option<String>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

/// The operating plan: every team's initiatives (each with its people),
/// their milestones, and the draws on each team's flexible pool.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanSection {
    pub initiatives: Vec<InitiativeRecord>,
    pub milestones: Vec<MilestoneRecord>,
    pub flex_draws: Vec<FlexDrawRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InitiativeRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid")]
    pub team: String,
    pub title: String,
    pub owner: Option<String>,
    /// The choice or objective it serves: a line of its team's brief or
    /// the whole database's. A one-team export leaves out the whole
    /// database's brief, and so this link to it.
    #[serde(rename = "serves_uid")]
    pub serves: Option<String>,
    #[schemars(with = "schema::MonthText")]
    pub start: String,
    #[schemars(with = "Option<schema::MonthText>")]
    pub end: Option<String>,
    #[schemars(with = "PlanState")]
    pub state: String,
    pub note: Option<String>,
    /// Who works on it and their share of time, in percent.
    pub people: Vec<ShareRecord>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShareRecord {
    pub person: String,
    #[schemars(range(min = 1, max = 100))]
    pub share: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MilestoneRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "initiative_uid")]
    pub initiative: String,
    pub title: String,
    pub owner: Option<String>,
    #[schemars(with = "schema::MonthText")]
    pub month: String,
    #[schemars(with = "Phase")]
    pub phase: String,
    /// When it entered its phase: the decide rule counts from it.
    #[schemars(with = "schema::Time")]
    pub phase_since: String,
    #[schemars(with = "PlanState")]
    pub state: String,
    pub note: Option<String>,
    /// The decision needed that names who decides: a decision of its team.
    #[serde(rename = "decision_uid")]
    pub decision: Option<String>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FlexDrawRecord {
    pub uid: String,
    pub id: i64,
    #[serde(rename = "team_uid")]
    pub team: String,
    pub why: String,
    #[schemars(with = "schema::Date")]
    pub drawn_on: String,
    /// Once written.
    pub post_mortem: Option<PostMortemRecord>,
    #[schemars(with = "schema::Time")]
    pub created_at: String,
    #[schemars(with = "schema::Time")]
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PostMortemRecord {
    /// What happened.
    pub what: String,
    pub factors: String,
    /// The one change to the system.
    pub change: String,
}

impl Archive {
    pub fn empty() -> Archive {
        Archive {
            format: FORMAT.to_string(),
            version: VERSION,
            teams: Vec::new(),
            people: Vec::new(),
            agendas: Vec::new(),
            measures: Vec::new(),
            readings: Vec::new(),
            offtrack: Vec::new(),
            actions: Vec::new(),
            dependencies: Vec::new(),
            meetings: Vec::new(),
            decisions: Vec::new(),
            brief: Vec::new(),
            triggers: Vec::new(),
            plan: PlanSection::default(),
            links: Vec::new(),
        }
    }

    /// How many records it holds, for progress and reports.
    pub fn len(&self) -> usize {
        self.teams.len()
            + self.people.len()
            + self.agendas.len()
            + self.measures.len()
            + self.readings.len()
            + self.offtrack.len()
            + self.actions.len()
            + self.dependencies.len()
            + self.meetings.len()
            + self.decisions.len()
            + self.brief.len()
            + self.triggers.len()
            + self.plan.initiatives.len()
            + self.plan.milestones.len()
            + self.plan.flex_draws.len()
            + self.links.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What is wrong with an archive's contents, named by where it is
/// (`measures[3].kind`) and quoting the value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{place}: {problem}")]
pub struct ArchiveError {
    pub place: String,
    pub problem: String,
}
