//! The export document: a whole database (or one team) as plain data, in
//! the shape `rhythm export` writes and `rhythm import` reads. Values are
//! kept as stored (timestamps and dates as their text), so a database
//! exported, imported into an empty file and exported again gives the same
//! bytes. Records carry their stable `uid`, which `import --merge` matches on.

use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "rhythm";
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub format: String,
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamRecord {
    pub uid: String,
    pub id: i64,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PersonRecord {
    pub id: i64,
    pub name: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaRecord {
    pub team: String,
    pub kind: String,
    pub position: i64,
    pub name: String,
    pub minutes: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureRecord {
    pub uid: String,
    pub id: i64,
    pub team: String,
    pub name: String,
    pub owner: Option<String>,
    pub unit: String,
    pub kind: String,
    pub direction: String,
    pub target: Option<f64>,
    pub range_low: Option<f64>,
    pub range_high: Option<f64>,
    pub tolerance: f64,
    pub position: i64,
    pub archived: bool,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReadingRecord {
    pub measure: String,
    pub week: String,
    pub value: f64,
    pub note: Option<String>,
    pub recorded_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffTrackRecord {
    pub uid: String,
    pub id: i64,
    pub team: String,
    pub measure: Option<String>,
    pub title: String,
    pub owner: Option<String>,
    pub why: String,
    pub change: String,
    pub state: String,
    pub raised_week: String,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRecord {
    pub uid: String,
    pub id: i64,
    pub team: String,
    pub title: String,
    pub owner: Option<String>,
    pub due: Option<String>,
    pub state: String,
    pub source: String,
    /// The uid of the off-track item or decision it came from.
    pub source_uid: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    pub closed_at: Option<String>,
}

/// One side of a dependency: a team of the archive (by uid) or outside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideRecord {
    pub team: Option<String>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DependencyRecord {
    pub uid: String,
    pub id: i64,
    pub needing: SideRecord,
    pub providing: SideRecord,
    pub what: String,
    pub owner: Option<String>,
    pub needed_by: Option<String>,
    pub status: String,
    pub note: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionRecord {
    pub name: String,
    pub minutes: i64,
    pub seconds_spent: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeetingRecord {
    pub uid: String,
    pub id: i64,
    pub team: String,
    pub kind: String,
    pub week: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub current_section: i64,
    pub rating: Option<i64>,
    /// The scorecard as the room saw it, as stored.
    pub snapshot: Option<serde_json::Value>,
    pub minutes: Option<String>,
    pub sections: Vec<SectionRecord>,
    pub attendees: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    pub uid: String,
    pub id: i64,
    pub team: String,
    pub title: String,
    pub context: String,
    pub options: Vec<String>,
    pub chosen: String,
    pub owner: Option<String>,
    pub lane: String,
    pub state: String,
    pub due: Option<String>,
    pub made_at: Option<String>,
    pub meeting: Option<String>,
    pub supersedes: Option<String>,
    pub created_at: String,
    pub updated_at: String,
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

fn bad(place: String, problem: impl Into<String>) -> ArchiveError {
    ArchiveError {
        place,
        problem: problem.into(),
    }
}

fn check_enum<T: std::str::FromStr<Err = String>>(
    place: String,
    value: &str,
) -> Result<(), ArchiveError> {
    value.parse::<T>().map(|_| ()).map_err(|e| bad(place, e))
}

fn check_week(place: String, value: &str) -> Result<(), ArchiveError> {
    value
        .parse::<super::Week>()
        .map(|_| ())
        .map_err(|e| bad(place, e.to_string()))
}

fn check_date(place: String, value: &Option<String>) -> Result<(), ArchiveError> {
    match value {
        Some(d) => super::week::parse_date(d)
            .map(|_| ())
            .map_err(|e| bad(place, e.to_string())),
        None => Ok(()),
    }
}

fn check_name(place: String, value: &str) -> Result<(), ArchiveError> {
    if value.trim().is_empty() {
        return Err(bad(place, "cannot be empty"));
    }
    Ok(())
}

impl Archive {
    /// Checks what the schema would refuse, and that every reference points
    /// at a record of the archive, so an import fails before it writes.
    pub fn validate(&self) -> Result<(), ArchiveError> {
        use super::model::{
            ActionSource, ActionState, DecisionState, DepStatus, ItemState, Kind, Lane, MeetingKind,
        };
        use super::status::Direction;
        use std::collections::HashSet;

        if self.format != FORMAT {
            return Err(bad(
                "format".into(),
                format!(
                    "'{}' is not a rhythm export (expected '{FORMAT}')",
                    self.format
                ),
            ));
        }
        if self.version != VERSION {
            return Err(bad(
                "version".into(),
                format!(
                    "{} is not a version this rhythm reads (it reads {VERSION})",
                    self.version
                ),
            ));
        }
        let unique = |what: &str, uids: Vec<&str>| -> Result<HashSet<String>, ArchiveError> {
            let mut seen = HashSet::new();
            for (i, u) in uids.iter().enumerate() {
                if u.trim().is_empty() {
                    return Err(bad(format!("{what}[{i}].uid"), "cannot be empty"));
                }
                if !seen.insert(u.to_string()) {
                    return Err(bad(
                        format!("{what}[{i}].uid"),
                        format!("'{u}' appears twice"),
                    ));
                }
            }
            Ok(seen)
        };
        let teams = unique("teams", self.teams.iter().map(|t| t.uid.as_str()).collect())?;
        let measures = unique(
            "measures",
            self.measures.iter().map(|m| m.uid.as_str()).collect(),
        )?;
        let offtrack = unique(
            "offtrack",
            self.offtrack.iter().map(|o| o.uid.as_str()).collect(),
        )?;
        unique(
            "actions",
            self.actions.iter().map(|a| a.uid.as_str()).collect(),
        )?;
        unique(
            "dependencies",
            self.dependencies.iter().map(|d| d.uid.as_str()).collect(),
        )?;
        let meetings = unique(
            "meetings",
            self.meetings.iter().map(|m| m.uid.as_str()).collect(),
        )?;
        let decisions = unique(
            "decisions",
            self.decisions.iter().map(|d| d.uid.as_str()).collect(),
        )?;
        let refers = |place: String, set: &HashSet<String>, uid: &str| {
            if set.contains(uid) {
                Ok(())
            } else {
                Err(bad(place, format!("'{uid}' is not in this export")))
            }
        };
        let mut names = HashSet::new();
        for (i, t) in self.teams.iter().enumerate() {
            check_name(format!("teams[{i}].name"), &t.name)?;
            if !names.insert(t.name.to_lowercase()) {
                return Err(bad(
                    format!("teams[{i}].name"),
                    format!("'{}' appears twice", t.name),
                ));
            }
        }
        let mut people = HashSet::new();
        for (i, p) in self.people.iter().enumerate() {
            check_name(format!("people[{i}].name"), &p.name)?;
            if !people.insert(p.name.to_lowercase()) {
                return Err(bad(
                    format!("people[{i}].name"),
                    format!("'{}' appears twice", p.name),
                ));
            }
        }
        for (i, s) in self.agendas.iter().enumerate() {
            refers(format!("agendas[{i}].team"), &teams, &s.team)?;
            check_enum::<MeetingKind>(format!("agendas[{i}].kind"), &s.kind)?;
            if s.minutes < 0 {
                return Err(bad(
                    format!("agendas[{i}].minutes"),
                    format!("'{}' is negative", s.minutes),
                ));
            }
        }
        for (i, m) in self.measures.iter().enumerate() {
            let p = |f: &str| format!("measures[{i}].{f}");
            refers(p("team"), &teams, &m.team)?;
            check_name(p("name"), &m.name)?;
            check_enum::<Kind>(p("kind"), &m.kind)?;
            let direction: Direction = m
                .direction
                .parse()
                .map_err(|e: String| bad(p("direction"), e))?;
            let range = match (m.range_low, m.range_high) {
                (Some(l), Some(h)) => Some((l, h)),
                (None, None) => None,
                _ => return Err(bad(p("range_low"), "a range needs both ends")),
            };
            super::status::Goal::new(direction, m.target, range, m.tolerance)
                .map_err(|e| bad(p("target"), e.to_string()))?;
        }
        let mut seen_readings = HashSet::new();
        for (i, r) in self.readings.iter().enumerate() {
            refers(format!("readings[{i}].measure"), &measures, &r.measure)?;
            check_week(format!("readings[{i}].week"), &r.week)?;
            if !seen_readings.insert((r.measure.as_str(), r.week.as_str())) {
                return Err(bad(
                    format!("readings[{i}]"),
                    format!("week '{}' of measure '{}' appears twice", r.week, r.measure),
                ));
            }
        }
        for (i, o) in self.offtrack.iter().enumerate() {
            let p = |f: &str| format!("offtrack[{i}].{f}");
            refers(p("team"), &teams, &o.team)?;
            if let Some(m) = &o.measure {
                refers(p("measure"), &measures, m)?;
            }
            check_name(p("title"), &o.title)?;
            check_enum::<ItemState>(p("state"), &o.state)?;
            check_week(p("raised_week"), &o.raised_week)?;
        }
        for (i, a) in self.actions.iter().enumerate() {
            let p = |f: &str| format!("actions[{i}].{f}");
            refers(p("team"), &teams, &a.team)?;
            check_name(p("title"), &a.title)?;
            check_enum::<ActionState>(p("state"), &a.state)?;
            check_enum::<ActionSource>(p("source"), &a.source)?;
            check_date(p("due"), &a.due)?;
            if let Some(s) = &a.source_uid {
                let set = if a.source == "decision" {
                    &decisions
                } else {
                    &offtrack
                };
                refers(p("source_uid"), set, s)?;
            }
        }
        for (i, d) in self.dependencies.iter().enumerate() {
            let p = |f: &str| format!("dependencies[{i}].{f}");
            for (side, name) in [(&d.needing, "needing"), (&d.providing, "providing")] {
                if let Some(t) = &side.team {
                    refers(p(&format!("{name}.team")), &teams, t)?;
                }
                check_name(p(&format!("{name}.name")), &side.name)?;
            }
            check_name(p("what"), &d.what)?;
            check_enum::<DepStatus>(p("status"), &d.status)?;
            check_date(p("needed_by"), &d.needed_by)?;
        }
        for (i, m) in self.meetings.iter().enumerate() {
            let p = |f: &str| format!("meetings[{i}].{f}");
            refers(p("team"), &teams, &m.team)?;
            check_enum::<MeetingKind>(p("kind"), &m.kind)?;
            check_week(p("week"), &m.week)?;
            if let Some(r) = m.rating.filter(|r| !(1..=10).contains(r)) {
                return Err(bad(p("rating"), format!("'{r}' must be from 1 to 10")));
            }
        }
        for (i, d) in self.decisions.iter().enumerate() {
            let p = |f: &str| format!("decisions[{i}].{f}");
            refers(p("team"), &teams, &d.team)?;
            check_name(p("title"), &d.title)?;
            check_enum::<Lane>(p("lane"), &d.lane)?;
            check_enum::<DecisionState>(p("state"), &d.state)?;
            check_date(p("due"), &d.due)?;
            if let Some(m) = &d.meeting {
                refers(p("meeting"), &meetings, m)?;
            }
            if let Some(s) = &d.supersedes {
                refers(p("supersedes"), &decisions, s)?;
            }
        }
        Ok(())
    }
}
