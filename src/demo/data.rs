//! The demo's cast, read from `assets/demo.json`: three teams and their
//! measures (where each history starts and ends this week; a null end is
//! missing this week), and the follow-ups around them. Days count from this
//! week's Monday; weeks count back from this week.

use serde::Deserialize;

use crate::domain::{ActionState, DepStatus, Direction, ItemState, Kind, Lane};

const DEMO_JSON: &str = include_str!("../../assets/demo.json");

#[derive(Debug, Deserialize)]
pub struct DemoData {
    pub teams: Vec<TeamSpec>,
    pub notes: Vec<NoteSpec>,
    pub offtrack: Vec<OffTrackSpec>,
    pub actions: Vec<ActionSpec>,
    pub dependencies: Vec<DependencySpec>,
    pub decisions: Vec<DecisionSpec>,
    pub supersessions: Vec<SupersessionSpec>,
    pub briefs: Vec<BriefSpec>,
    pub triggers: Vec<TriggerSpec>,
    pub plans: Vec<PlanSpec>,
}

/// A trigger rule of a team, with the response it sets off.
#[derive(Debug, Deserialize)]
pub struct TriggerSpec {
    pub team: String,
    pub when: String,
    pub response: String,
}

#[derive(Debug, Deserialize)]
pub struct TeamSpec {
    pub name: String,
    pub measures: Vec<MeasureSpec>,
}

#[derive(Debug, Deserialize)]
pub struct MeasureSpec {
    pub name: String,
    pub owner: String,
    pub unit: String,
    pub kind: Kind,
    pub direction: Direction,
    pub target: Option<f64>,
    pub range: Option<(f64, f64)>,
    pub tolerance: f64,
    pub start: f64,
    pub end: Option<f64>,
    /// Week-to-week wobble, in the measure's unit.
    pub noise: f64,
    pub decimals: i32,
}

#[derive(Debug, Deserialize)]
pub struct NoteSpec {
    pub measure: String,
    pub weeks_ago: usize,
    pub note: String,
}

#[derive(Debug, Deserialize)]
pub struct OffTrackSpec {
    pub team: String,
    pub measure: Option<String>,
    pub title: String,
    pub owner: String,
    pub why: String,
    pub change: String,
    pub raised_weeks_ago: i64,
    pub state: ItemState,
}

#[derive(Debug, Deserialize)]
pub struct ActionSpec {
    pub team: String,
    pub title: String,
    pub owner: String,
    pub due: i64,
    pub state: ActionState,
    pub created: i64,
}

#[derive(Debug, Deserialize)]
pub struct DependencySpec {
    pub needing: String,
    pub providing: String,
    pub what: String,
    pub owner: String,
    pub needed_by: i64,
    pub status: DepStatus,
    pub note: Option<String>,
    pub created: i64,
}

#[derive(Debug, Deserialize)]
pub struct DecisionSpec {
    pub team: String,
    pub created: i64,
    pub title: String,
    pub context: String,
    pub options: Vec<String>,
    pub chosen: String,
    pub owner: Option<String>,
    pub lane: Lane,
    pub needed: bool,
    pub due: Option<i64>,
    /// For a decision made: how many days before `created` it was first
    /// recorded as needed (none: recorded as made at once).
    #[serde(default)]
    pub asked: Option<i64>,
}

#[derive(Debug, Deserialize)]
pub struct SupersessionSpec {
    pub old: String,
    pub new: String,
    pub day: i64,
}

/// A team's strategy brief for the demo's quarter.
#[derive(Debug, Deserialize)]
pub struct BriefSpec {
    pub team: String,
    pub choices: Vec<LineSpec>,
    pub objectives: Vec<ObjectiveSpec>,
    pub exclusions: Vec<ExclusionSpec>,
    /// The few measures that matter.
    pub measures: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct LineSpec {
    pub text: String,
    pub consequence: String,
}

#[derive(Debug, Deserialize)]
pub struct ObjectiveSpec {
    pub text: String,
    pub integrator: String,
    pub measures: Vec<String>,
}

#[derive(Debug, Deserialize)]
pub struct ExclusionSpec {
    pub text: String,
    pub unless: String,
}

/// A team's operating plan. Months count from this one (-1: last month);
/// days back from today.
#[derive(Debug, Deserialize)]
pub struct PlanSpec {
    pub team: String,
    /// The flexible pool, in percent.
    pub flex: u8,
    pub initiatives: Vec<InitiativeSpec>,
    pub draws: Vec<DrawSpec>,
}

#[derive(Debug, Deserialize)]
pub struct InitiativeSpec {
    pub title: String,
    pub owner: String,
    /// The text of the choice or objective of the team's brief it serves.
    pub serves: String,
    pub start: i32,
    pub end: i32,
    /// (person, share in percent)
    pub people: Vec<(String, u8)>,
    pub milestones: Vec<MilestoneSpec>,
}

#[derive(Debug, Deserialize)]
pub struct MilestoneSpec {
    pub title: String,
    pub owner: String,
    pub month: i32,
    pub phase: crate::domain::Phase,
    /// How long ago it entered its phase.
    pub days_in_phase: u64,
    pub state: crate::domain::PlanState,
}

#[derive(Debug, Deserialize)]
pub struct DrawSpec {
    pub why: String,
    pub days_ago: u64,
    pub post_mortem: Option<crate::domain::plan::PostMortem>,
}

/// The bundled demo data. It ships inside the binary, so a parse failure
/// is a build defect that the tests below catch.
pub fn load() -> Result<DemoData, serde_json::Error> {
    serde_json::from_str(DEMO_JSON)
}
