//! What the screens show, loaded from the store by the runtime in one go:
//! a plain value, so `update` and rendering never touch the database.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

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
    /// Action items due since the last meeting (or the last week), up to today.
    pub commitments: Vec<ActionItem>,
    /// The day of the last ended meeting before this one.
    pub since: Option<NaiveDate>,
    pub offtrack: Vec<OffTrackView>,
    /// Blocked and overdue first.
    pub deps: Vec<Dependency>,
    pub needed: Vec<Decision>,
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

/// What changed while the meeting ran, for the wrap-up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Recap {
    pub new_actions: Vec<ActionItem>,
    pub decisions_made: Vec<Decision>,
    pub decisions_needed: Vec<Decision>,
    pub deps_changed: Vec<Dependency>,
}

impl Board {
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

    /// The completion rate of the commitments, as a whole percentage.
    pub fn completion_percent(&self) -> Option<usize> {
        let (done, all) = self.completion();
        (done * 100).checked_div(all)
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
