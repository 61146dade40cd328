//! The altitude check: does the weekly work flow from the strategy? The
//! practice's readiness test, answered from the data: which choices have
//! nothing under them yet (still "at altitude"), which objectives show
//! measures off track, which initiatives and measures serve no choice or
//! objective, and, for each person, the open work this week that flows
//! from the brief. Pure: the brief, the team's work and its links, and the
//! scorecard's statuses in; the findings out.

use serde::Serialize;

use super::brief::Brief;
use super::model::{BriefItemId, BriefKind, MeasureId};
use super::status::Status;

/// What kind of work a link comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkKind {
    Initiative,
    Milestone,
    Measure,
    Action,
    OffTrack,
    Decision,
}

impl WorkKind {
    pub fn word(self) -> &'static str {
        match self {
            WorkKind::Initiative => "initiative",
            WorkKind::Milestone => "milestone",
            WorkKind::Measure => "measure",
            WorkKind::Action => "action",
            WorkKind::OffTrack => "off-track item",
            WorkKind::Decision => "decision",
        }
    }
}

/// One piece of the team's open work and what it serves (a milestone
/// serves what its initiative serves).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Work {
    pub kind: WorkKind,
    pub id: i64,
    pub title: String,
    pub owner: Option<String>,
    pub serves: Option<BriefItemId>,
    /// Whether it is this week's (or, for a milestone, this month's).
    pub now: bool,
}

/// A line of the brief and the work under it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub id: BriefItemId,
    pub kind: BriefKind,
    pub text: String,
}

/// An objective whose measures are off track this week.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OffTrackObjective {
    pub objective: Line,
    pub measures: Vec<String>,
}

/// A person and the open work of theirs that flows from the brief.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonWork {
    pub person: String,
    pub work: Vec<(Work, Line)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Check {
    /// Choices with no initiative, measure or open action under them.
    pub at_altitude: Vec<Line>,
    pub off_track: Vec<OffTrackObjective>,
    /// Initiatives and measures that serve no line of the brief.
    pub unanchored: Vec<Work>,
    /// People with work this week that flows from the brief.
    pub people: Vec<PersonWork>,
    /// People who own open work this week, none of it from the brief.
    pub people_without: Vec<String>,
}

/// The check of `briefs` (the team's and the whole database's) against
/// `work`; `status` gives a measure's status this week.
pub fn check(briefs: &[&Brief], work: &[Work], status: impl Fn(MeasureId) -> Status) -> Check {
    let lines: Vec<Line> = briefs
        .iter()
        .flat_map(|b| &b.items)
        .filter(|i| matches!(i.kind, BriefKind::Choice | BriefKind::Objective))
        .map(|i| Line {
            id: i.id,
            kind: i.kind,
            text: i.text.clone(),
        })
        .collect();
    let under = |line: BriefItemId| work.iter().filter(move |w| w.serves == Some(line));
    let at_altitude = lines
        .iter()
        .filter(|l| l.kind == BriefKind::Choice)
        .filter(|l| {
            !under(l.id).any(|w| {
                matches!(
                    w.kind,
                    WorkKind::Initiative | WorkKind::Measure | WorkKind::Action
                )
            })
        })
        .cloned()
        .collect();
    let off_track = lines
        .iter()
        .filter(|l| l.kind == BriefKind::Objective)
        .filter_map(|l| {
            let measures: Vec<String> = briefs
                .iter()
                .flat_map(|b| b.measures_of(l.id))
                .filter(|m| {
                    m.measure_id
                        .is_some_and(|id| status(id) == Status::OffTrack)
                })
                .filter_map(|m| m.measure.clone())
                .collect();
            (!measures.is_empty()).then(|| OffTrackObjective {
                objective: l.clone(),
                measures,
            })
        })
        .collect();
    let known = |id: Option<BriefItemId>| id.is_some_and(|id| lines.iter().any(|l| l.id == id));
    // A measure the brief names (showing an objective, or among the few
    // that matter) is the brief's already.
    let named = |w: &Work| {
        w.kind == WorkKind::Measure
            && briefs
                .iter()
                .flat_map(|b| &b.items)
                .any(|i| i.measure_id == Some(MeasureId(w.id)))
    };
    let unanchored = work
        .iter()
        .filter(|w| matches!(w.kind, WorkKind::Initiative | WorkKind::Measure))
        .filter(|w| !known(w.serves) && !named(w))
        .cloned()
        .collect();
    let mut owners: Vec<&str> = work
        .iter()
        .filter(|w| w.now && w.kind != WorkKind::Measure && w.kind != WorkKind::Initiative)
        .filter_map(|w| w.owner.as_deref())
        .collect();
    owners.sort_unstable();
    owners.dedup();
    let mut people = Vec::new();
    let mut people_without = Vec::new();
    for person in owners {
        let theirs: Vec<(Work, Line)> = work
            .iter()
            .filter(|w| w.now && w.owner.as_deref() == Some(person))
            .filter(|w| !matches!(w.kind, WorkKind::Measure | WorkKind::Initiative))
            .filter_map(|w| {
                let line = lines.iter().find(|l| Some(l.id) == w.serves)?;
                Some((w.clone(), line.clone()))
            })
            .collect();
        if theirs.is_empty() {
            people_without.push(person.to_string());
        } else {
            people.push(PersonWork {
                person: person.to_string(),
                work: theirs,
            });
        }
    }
    Check {
        at_altitude,
        off_track,
        unanchored,
        people,
        people_without,
    }
}

#[cfg(test)]
mod tests;
