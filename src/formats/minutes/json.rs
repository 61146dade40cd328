//! The JSON document of one ended meeting (`rhythm minutes --format json`).

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::domain::{Decision, Meeting, MeetingId, MeetingKind, MeetingSection, Scorecard, Week};

/// Whether the minutes were written when the meeting ended, or rebuilt
/// from what the database kept of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    Written,
    Rebuilt,
}

/// `rhythm minutes --format json`: one ended meeting as data, the same
/// facts as the Markdown minutes. Its shape, version 1:
///
/// ```text
/// {
///   "version": 1,
///   "meeting": {
///     "id": 3, "team": "Growth", "kind": "weekly", "week": "2026-W47",
///     "started_at": "2026-11-17T10:00:00Z", "ended_at": "2026-11-17T10:59:25Z",
///     "rating": 9,                 (1 to 10, or null when not rated)
///     "attendees": ["Ana", "Cy"],
///     "planned_minutes": 60, "seconds_spent": 3565,
///     "sections": [{"name": "Scorecard", "minutes": 10, "seconds_spent": 617}, ...]
///   },
///   "decisions": [...],            (made in the meeting, as `decision show --json`)
///   "scorecard": {...},            (as the room saw it, as `scorecard --json`; or null)
///   "minutes": "# Growth — ...",   (the Markdown minutes, as `--format md` prints them)
///   "minutes_source": "written"    (or "rebuilt" when none were written at the end)
/// }
/// ```
///
/// Times are UTC in RFC 3339. Fields may be added under the same version;
/// a field's meaning never changes without a new one.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub version: u32,
    pub meeting: MeetingDoc<'a>,
    pub decisions: Vec<&'a Decision>,
    pub scorecard: Option<&'a Scorecard>,
    pub minutes: &'a str,
    pub minutes_source: Source,
}

#[derive(Debug, Serialize)]
pub struct MeetingDoc<'a> {
    pub id: MeetingId,
    pub team: &'a str,
    pub kind: MeetingKind,
    pub week: Week,
    pub started_at: DateTime<Utc>,
    pub ended_at: Option<DateTime<Utc>>,
    pub rating: Option<u8>,
    pub attendees: &'a [String],
    pub planned_minutes: u32,
    pub seconds_spent: u32,
    pub sections: &'a [MeetingSection],
}

pub const DOCUMENT_VERSION: u32 = 1;

pub fn document<'a>(
    team: &'a str,
    meeting: &'a Meeting,
    made: Vec<&'a Decision>,
    minutes: &'a str,
    source: Source,
) -> Document<'a> {
    Document {
        version: DOCUMENT_VERSION,
        meeting: MeetingDoc {
            id: meeting.id,
            team,
            kind: meeting.kind,
            week: meeting.week,
            started_at: meeting.started_at,
            // Never before the start: a clock set back clamps, as the
            // minutes' text does (and says).
            ended_at: meeting.ended_at.map(|e| e.max(meeting.started_at)),
            rating: meeting.rating,
            attendees: &meeting.attendees,
            planned_minutes: meeting.sections.iter().map(|s| s.minutes).sum(),
            seconds_spent: meeting.sections.iter().map(|s| s.seconds_spent).sum(),
            sections: &meeting.sections,
        },
        decisions: made,
        scorecard: meeting.snapshot.as_ref(),
        minutes,
        minutes_source: source,
    }
}
