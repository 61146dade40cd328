//! What the screens show, loaded from the store by the runtime in one go:
//! a plain value, so `update` and rendering never touch the database.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

use crate::domain::activity::{Activity, Event, Group};
use crate::domain::operation::RecordChange;
use crate::domain::{
    ActionItem, ActionState, AgendaSection, Decision, DecisionId, Dependency, Measure, Meeting,
    OffTrackItem, Scorecard, Team, Week,
};

#[derive(Debug, Clone, PartialEq)]
pub struct Board {
    pub team: Team,
    /// The other teams in the file, for naming a dependency's other side.
    pub other_teams: Vec<Team>,
    pub week: Week,
    pub today: NaiveDate,
    pub offset: FixedOffset,
    /// Active measures in scorecard order; `scorecard.measures` matches it row for row.
    pub measures: Vec<Measure>,
    pub scorecard: Scorecard,
    /// Everyone named as an owner, for completion.
    pub people: Vec<String>,
    /// What this review checks, open ones first, oldest due first: every action due by today
    /// still open (an overdue one stays until done or dropped), and those
    /// due or closed since the last meeting.
    pub commitments: Vec<ActionItem>,
    /// The day of the last ended meeting before this one.
    pub since: Option<NaiveDate>,
    pub offtrack: Vec<OffTrackView>,
    /// Blocked and overdue first.
    pub deps: Vec<Dependency>,
    pub needed: Vec<Decision>,
    /// The plan's milestones in *decide* over a week with nobody named to
    /// decide them: the Decisions section raises them first.
    pub stuck: Vec<crate::domain::plan::Stuck>,
    /// This quarter's choices and objectives (the team's brief and the
    /// whole database's), for linking work to the one it serves.
    pub brief_lines: Vec<crate::domain::altitude::Line>,
    /// Made in the last four weeks, newest first.
    pub made: Vec<Decision>,
    /// The change log of each of those in the commitment lane: every
    /// edit, decision and supersession, with who and when (and who approved).
    pub commitment_log: Vec<(DecisionId, Vec<RecordChange>)>,
    pub open_actions: Vec<ActionItem>,
    /// This week's weekly review, open or ended.
    pub meeting: Option<Meeting>,
    /// Who drives the open meeting, if any screen ever did.
    pub driver: Option<crate::domain::Driver>,
    /// Ended meetings, newest first.
    pub past: Vec<Meeting>,
    /// Meetings of earlier weeks never ended, newest first.
    pub earlier: Vec<Meeting>,
    pub recap: Recap,
    pub agenda: Vec<AgendaSection>,
    /// The team's trigger rules firing now, each with its planned
    /// response: the scorecard section and the home screen lead with them.
    pub triggers: Vec<crate::domain::trigger::Trigger>,
    /// This quarter's health figures from the past meetings listed, for
    /// the home screen's short form (worked out once a load, not a frame).
    pub health: crate::domain::health::Health,
}

/// An open off-track item and, when it was raised from a measure, how that
/// measure has moved since.
#[derive(Debug, Clone, PartialEq)]
pub struct OffTrackView {
    pub item: OffTrackItem,
    pub raised_value: Option<f64>,
    pub current_value: Option<f64>,
    pub unit: String,
}

/// What the meeting did, for the wrap-up and the minutes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recap {
    pub new_actions: Vec<ActionItem>,
    pub decisions_made: Vec<Decision>,
    /// Every change the meeting made and kept, from the operation log.
    pub activity: Activity,
}

impl Board {
    /// The section at `position` of the agenda (the last one past its end;
    /// the scorecard on an empty agenda).
    pub fn section_at(&self, position: usize) -> crate::domain::SectionKind {
        self.agenda
            .get(position)
            .or(self.agenda.last())
            .map_or(crate::domain::SectionKind::Scorecard, |s| s.kind)
    }

    /// Where `kind` is on the agenda (past its end when it is not on it).
    pub fn position(&self, kind: crate::domain::SectionKind) -> usize {
        self.agenda
            .iter()
            .position(|s| s.kind == kind)
            .unwrap_or(self.agenda.len())
    }

    /// A commitment's change log, oldest first (empty for other decisions).
    pub fn changes_of(&self, decision: DecisionId) -> &[RecordChange] {
        self.commitment_log
            .iter()
            .find(|(d, _)| *d == decision)
            .map_or(&[], |(_, log)| log.as_slice())
    }

    /// Done commitments out of all of them.
    pub fn completion(&self) -> (usize, usize) {
        let done = self
            .commitments
            .iter()
            .filter(|a| a.state == ActionState::Done)
            .count();
        (done, self.commitments.len())
    }

    /// `completion` as the meeting stores it when it ends.
    pub fn completion_counts(&self) -> (u32, u32) {
        let (done, due) = self.completion();
        let c = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (c(done), c(due))
    }

    /// How many earlier reviews a commitment was due at and left open:
    /// "carried 3×". A review counts when it was held on or after the due
    /// day, ended after the action existed, and before it was closed.
    pub fn carried(&self, a: &ActionItem) -> usize {
        let Some(due) = a.due else { return 0 };
        self.past
            .iter()
            .filter(|m| m.week < self.week)
            .filter_map(|m| m.ended_at.map(|end| (m, end)))
            .filter(|(m, end)| {
                m.started_at.with_timezone(&self.offset).date_naive() >= due
                    && *end > a.created_at
                    && a.closed_at.is_none_or(|c| c > *end)
            })
            .count()
    }

    /// The completion rate of the commitments, as a whole percentage.
    pub fn completion_percent(&self) -> Option<usize> {
        let (done, all) = self.completion();
        (done * 100).checked_div(all)
    }

    /// Whether a decision still needed was first asked for in this
    /// meeting ("new"), rather than carried from an earlier one.
    pub fn is_new_need(&self, d: &Decision) -> bool {
        self.meeting
            .as_ref()
            .is_some_and(|m| d.created_at >= m.started_at)
    }

    /// The commitments this review leaves open: carried to the next one.
    pub fn carried_on(&self) -> impl Iterator<Item = &ActionItem> {
        self.commitments
            .iter()
            .filter(|a| a.state == ActionState::Open)
    }

    /// What the meeting did, under the recap's headings, each line as a
    /// person reads it: the changes from the log, and the commitments it
    /// carried. Headings with nothing under them are left out. The screen
    /// and the minutes both say it this way.
    pub fn changes_made(&self) -> Vec<(&'static str, Vec<String>)> {
        let mut out = Vec::new();
        for group in Group::ALL {
            let mut lines: Vec<String> =
                self.recap.activity.listed(group).map(Event::line).collect();
            if group == Group::Actions {
                lines.extend(self.carried_on().map(|a| {
                    // This review counts too: the commitments list says how
                    // often it was carried before it.
                    let times = match self.carried(a) + 1 {
                        1 => String::new(),
                        n => format!(", {n}× now"),
                    };
                    format!("#{} {}: carried to the next review{times}", a.id, a.title)
                }));
            }
            if !lines.is_empty() {
                out.push((group.heading(), lines));
            }
        }
        out
    }

    /// When the promised changes are due: the next weekly meeting, a week on.
    pub fn next_meeting_day(&self) -> NaiveDate {
        self.today + Duration::days(7)
    }

    pub fn open_meeting(&self) -> Option<&Meeting> {
        self.meeting.as_ref().filter(|m| m.is_open())
    }

    /// A time of day as the room reads it, in local time.
    pub fn local_time(&self, at: DateTime<Utc>) -> String {
        at.with_timezone(&self.offset).format("%H:%M").to_string()
    }

    pub fn dep_needs(&self, d: &Dependency) -> bool {
        d.needing.id == Some(self.team.id)
    }
}
