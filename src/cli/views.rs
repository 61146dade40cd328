//! What list commands print with `--json`, where that is more than a domain
//! value: every record of a team's list names its team the same way, as
//! `team` (the name `--team` takes) beside `team_id` (README, "JSON
//! output"). Times are RFC 3339 in UTC with `Z`, as chrono writes them.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{MeetingKind, MeetingSummary, Team, Week};

/// A record of one team's list: its own fields, then `team`.
#[derive(Serialize)]
pub struct InTeam<'a, T> {
    #[serde(flatten)]
    pub record: T,
    pub team: &'a str,
}

/// `records`, each naming `team`.
pub fn in_team<'a, T>(team: &'a Team, records: impl IntoIterator<Item = T>) -> Vec<InTeam<'a, T>> {
    records
        .into_iter()
        .map(|record| InTeam {
            record,
            team: &team.name,
        })
        .collect()
}

/// A meeting as `minutes --list --json` prints it: the table's columns, with
/// the length in seconds and a `state` (open / ended), the word every list
/// uses for where a record is in its life.
#[derive(Serialize)]
pub struct MeetingView {
    pub id: i64,
    pub team_id: i64,
    pub week: Week,
    pub kind: MeetingKind,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub seconds_spent: u32,
    pub rating: Option<u8>,
    pub attendees: Vec<String>,
    pub state: &'static str,
}

impl From<&MeetingSummary> for MeetingView {
    fn from(m: &MeetingSummary) -> Self {
        MeetingView {
            id: m.id.0,
            team_id: m.team_id.0,
            week: m.week,
            kind: m.kind,
            started_at: m.started_at,
            ended_at: m.ended_at,
            seconds_spent: m.seconds_spent,
            rating: m.rating,
            attendees: m.attendees.clone(),
            state: if m.is_open() { "open" } else { "ended" },
        }
    }
}
