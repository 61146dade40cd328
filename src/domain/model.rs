//! The meeting's vocabulary: teams, people, measures, readings, off-track
//! items, action items, dependencies, decisions, meetings and agendas.
//! Plain data; the rules live beside it (status, week, change).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::status::Goal;
use super::week::Week;

/// A closed set of words stored and typed as text. One declaration gives the
/// enum its stored name, parser and list of valid values, so the CLI, the
/// database and JSON never disagree on spelling.
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum $name {
            $(#[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }

            /// The valid spellings, for error messages and help.
            pub fn choices() -> String {
                [$($text),+].join(", ")
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                let wanted = s.trim().to_ascii_lowercase().replace([' ', '-'], "_");
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == wanted)
                    .ok_or_else(|| format!("'{}' is not one of: {}", s, $name::choices()))
            }
        }
    };
}

text_enum!(
    /// Lagging measures report outcomes; leading ones predict them.
    Kind { Leading = "leading", Lagging = "lagging" }
);
text_enum!(ItemState { Open = "open", Resolved = "resolved", Dropped = "dropped" });
text_enum!(ActionState { Open = "open", Done = "done", Dropped = "dropped" });
text_enum!(
    /// Where an action item came from, so a recap can trace it back.
    ActionSource { Manual = "manual", Meeting = "meeting", OffTrack = "offtrack", Decision = "decision" }
);
text_enum!(DepStatus { OnTrack = "on_track", AtRisk = "at_risk", Blocked = "blocked", Done = "done" });

impl DepStatus {
    /// The status as people say it ("on track"), for screens, lines and
    /// the minutes; `as_str` is how files and the database spell it.
    pub const fn words(self) -> &'static str {
        match self {
            DepStatus::OnTrack => "on track",
            DepStatus::AtRisk => "at risk",
            DepStatus::Blocked => "blocked",
            DepStatus::Done => "done",
        }
    }
}
text_enum!(
    /// A needed decision that stopped being needed is withdrawn, not made.
    DecisionState { Needed = "needed", Made = "made", Superseded = "superseded", Withdrawn = "withdrawn" }
);
text_enum!(
    /// Governance lanes: commitments need approval to change, guardrails are
    /// risk limits the team owns, everything else is autonomy.
    Lane { Commitment = "commitment", Guardrail = "guardrail", Autonomy = "autonomy" }
);
text_enum!(
    /// The lines of a strategy brief: a choice with its consequence, an
    /// objective with its integrator, an exclusion with what would lift it,
    /// and a measure (showing an objective, or one of the few that matter).
    BriefKind { Choice = "choice", Objective = "objective", Exclusion = "exclusion", Measure = "measure" }
);
text_enum!(
    /// Where a milestone of the plan is: deciding what to do, building
    /// it, or launching it.
    Phase { Decide = "decide", Build = "build", Launch = "launch" }
);
text_enum!(
    /// An initiative or milestone of the plan: open, done, or closed
    /// without being done (stopped, with a note saying why).
    PlanState { Open = "open", Done = "done", Closed = "closed" }
);
text_enum!(
    /// The weekly work that may name the choice or objective it serves
    /// (an initiative names it as one of its own parts).
    Serving { Measure = "measure", Action = "action", OffTrack = "offtrack", Decision = "decision" }
);
text_enum!(
    /// Which value stands for a month in a monthly trigger rule: the last
    /// week's (a stock, such as ARR), the sum of the weeks' (a flow, such
    /// as deals closed per week) or their average (a rate or a ratio).
    Rollup { Last = "last", Sum = "sum", Average = "average" }
);
text_enum!(MeetingKind { Weekly = "weekly", Monthly = "monthly", Quarterly = "quarterly" });
text_enum!(
    /// What a section shows. The weekly review's five, the monthly
    /// business review's and the quarterly strategy reset's; wrap-up
    /// (rating and ending the meeting) ends every meeting.
    SectionKind {
        Scorecard = "scorecard",
        OffTrack = "off_track",
        Dependencies = "dependencies",
        Decisions = "decisions",
        Rollup = "scorecard_rollup",
        Objectives = "objectives",
        Risks = "risks",
        Systemic = "systemic_issues",
        Lanes = "commitments_guardrails",
        Scored = "scored_quarter",
        Choices = "choices_revisited",
        Signals = "signals_assumptions",
        Resources = "resources",
        Stop = "what_to_stop",
        NextBrief = "next_brief",
        WrapUp = "wrap_up",
    }
);
text_enum!(
    /// Which week a team's weekly review looks at: the week it meets in,
    /// or (for a team that meets on Monday) the week just ended.
    ReviewWeek { Current = "current", Previous = "previous" }
);
text_enum!(
    /// Where an operation came from.
    OpSource { Cli = "cli", Tui = "tui", Import = "import", Demo = "demo" }
);
text_enum!(
    /// An operation makes changes, or reverses an earlier one (undo), or
    /// reverses an undo (redo).
    OpKind { Change = "change", Undo = "undo", Redo = "redo" }
);

/// Row ids, typed per table so one cannot be passed where another is meant.
macro_rules! id_type {
    ($($name:ident),+) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    )+};
}
id_type!(
    TeamId,
    PersonId,
    MeasureId,
    OffTrackId,
    ActionId,
    DependencyId,
    DecisionId,
    MeetingId,
    OpId,
    BriefItemId,
    InitiativeId,
    MilestoneId,
    FlexDrawId,
    TriggerId
);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub review: ReviewWeek,
}

impl ReviewWeek {
    /// The week a review held in `this` week looks at.
    pub fn of(self, this: Week) -> Week {
        match self {
            ReviewWeek::Current => this,
            ReviewWeek::Previous => this.prev(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measure {
    pub id: MeasureId,
    pub team_id: TeamId,
    pub name: String,
    pub owner: Option<String>,
    pub unit: String,
    pub kind: Kind,
    pub goal: Goal,
    /// 1-based order on the scorecard.
    pub position: u32,
    pub archived: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub measure_id: MeasureId,
    pub week: Week,
    pub value: f64,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OffTrackItem {
    pub id: OffTrackId,
    pub team_id: TeamId,
    pub measure_id: Option<MeasureId>,
    pub measure: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    #[serde(with = "empty_is_null")]
    pub why: String,
    /// What will be different by next week.
    #[serde(with = "empty_is_null")]
    pub change: String,
    pub state: ItemState,
    pub raised_week: Week,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionItem {
    pub id: ActionId,
    pub team_id: TeamId,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<NaiveDate>,
    pub state: ActionState,
    pub source: ActionSource,
    pub source_id: Option<i64>,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// One side of a dependency: a team in this file, or one outside it by name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRef {
    pub id: Option<TeamId>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dependency {
    pub id: DependencyId,
    pub needing: TeamRef,
    pub providing: TeamRef,
    pub what: String,
    pub owner: Option<String>,
    pub needed_by: Option<NaiveDate>,
    pub status: DepStatus,
    pub note: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Dependency {
    /// Days since it was raised, for "how long has this been waiting".
    pub fn days_waiting(&self, today: NaiveDate) -> i64 {
        (today - self.created_at.date_naive()).num_days().max(0)
    }

    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status != DepStatus::Done && self.needed_by.is_some_and(|d| d < today)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: DecisionId,
    pub team_id: TeamId,
    pub title: String,
    #[serde(with = "empty_is_null")]
    pub context: String,
    pub options: Vec<String>,
    /// What was chosen; empty while the decision is needed.
    #[serde(with = "empty_is_null")]
    pub chosen: String,
    pub owner: Option<String>,
    pub lane: Lane,
    pub state: DecisionState,
    pub due: Option<NaiveDate>,
    pub made_at: Option<DateTime<Utc>>,
    pub meeting_id: Option<MeetingId>,
    /// Ids of other records end in `_id` in every JSON rhythm writes;
    /// JSON written before said `supersedes` and `superseded_by`.
    #[serde(rename = "supersedes_id", alias = "supersedes")]
    pub supersedes: Option<DecisionId>,
    #[serde(rename = "superseded_by_id", alias = "superseded_by")]
    pub superseded_by: Option<DecisionId>,
    pub created_at: DateTime<Utc>,
}

/// A needed decision that has waited longer than this with no owner is flagged.
pub const UNOWNED_DECISION_DAYS: i64 = 7;

impl Decision {
    pub fn is_flagged(&self, today: NaiveDate) -> bool {
        self.state == DecisionState::Needed
            && self.owner.is_none()
            && (today - self.created_at.date_naive()).num_days() > UNOWNED_DECISION_DAYS
    }
}

/// One section of an agenda: the screen it shows, its title and its
/// timebox (see `agenda`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaSection {
    pub kind: SectionKind,
    pub name: String,
    pub minutes: u32,
}

/// The weekly review's default agenda and timeboxes.
pub fn default_weekly_agenda() -> Vec<AgendaSection> {
    super::agenda::default_agenda(MeetingKind::Weekly)
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MeetingSection {
    pub kind: SectionKind,
    pub name: String,
    pub minutes: u32,
    pub seconds_spent: u32,
}

/// What a meeting said of the team's execution, kept as it was then (not
/// worked out again later): how many measures had no value for the week
/// when it started, and how many of the commitments due were done when it
/// ended. None for meetings from before rhythm kept them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingHealth {
    pub missing_at_start: Option<u32>,
    /// Done, out of due.
    pub commitments: Option<(u32, u32)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meeting {
    pub id: MeetingId,
    pub team_id: TeamId,
    pub kind: MeetingKind,
    pub week: Week,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    /// 0-based index into `sections`.
    pub current_section: u32,
    pub sections: Vec<MeetingSection>,
    pub attendees: Vec<String>,
    pub rating: Option<u8>,
    /// The scorecard as the room saw it, frozen when the meeting ended.
    pub snapshot: Option<super::scorecard::Scorecard>,
    /// The minutes as written when the meeting ended (Markdown).
    pub minutes: Option<String>,
    pub health: MeetingHealth,
}

impl Meeting {
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none()
    }
}

/// A meeting as a list of meetings shows it: its time spent summed and its
/// attendees, without its sections, snapshot or minutes.
#[derive(Debug, Clone, PartialEq)]
pub struct MeetingSummary {
    pub id: MeetingId,
    pub team_id: TeamId,
    pub kind: MeetingKind,
    pub week: Week,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub rating: Option<u8>,
    /// The seconds spent in all its sections.
    pub seconds_spent: u32,
    pub attendees: Vec<String>,
}

impl MeetingSummary {
    pub fn is_open(&self) -> bool {
        self.ended_at.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_enums_parse_loosely_and_print_strictly() {
        assert_eq!("On Track".parse::<DepStatus>(), Ok(DepStatus::OnTrack));
        assert_eq!("at-risk".parse::<DepStatus>(), Ok(DepStatus::AtRisk));
        assert_eq!("LAGGING".parse::<Kind>(), Ok(Kind::Lagging));
        assert_eq!(
            "soon".parse::<Lane>(),
            Err("'soon' is not one of: commitment, guardrail, autonomy".to_string())
        );
        assert_eq!(DepStatus::Blocked.to_string(), "blocked");
    }

    #[test]
    fn weekly_agenda_is_an_hour() {
        let agenda = default_weekly_agenda();
        assert_eq!(agenda.iter().map(|s| s.minutes).sum::<u32>(), 60);
        assert_eq!(agenda[1].name, "Off-track");
    }
}

/// Text that may be empty is `null` in JSON when it is: every JSON rhythm
/// prints says "not known" as `null`, never `""`. Read back, `null` is
/// empty text again.
mod empty_is_null {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(text: &str, s: S) -> Result<S::Ok, S::Error> {
        if text.is_empty() {
            s.serialize_none()
        } else {
            s.serialize_str(text)
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        Ok(Option::<String>::deserialize(d)?.unwrap_or_default())
    }
}
