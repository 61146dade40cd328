//! Reading meetings: a team's history, one meeting, and this week's live one.

use std::collections::HashMap;

use crate::storage::db::{self, OptionalExtension, Row, params};

use crate::domain::{
    Driver, Meeting, MeetingHealth, MeetingId, MeetingKind, MeetingSection, MeetingSummary, TeamId,
    Week,
};

use super::{Store, StoreError};

const MEETING_COLUMNS: &str = "id, team_id, kind, week, started_at, ended_at, current_section,
    rating, snapshot, minutes, missing_at_start, commitments_done, commitments_due";

fn meeting_row(r: &Row<'_>) -> db::Result<Meeting> {
    let snapshot: Option<String> = r.get(8)?;
    Ok(Meeting {
        id: r.get(0)?,
        team_id: r.get(1)?,
        kind: r.get(2)?,
        week: r.get(3)?,
        started_at: r.get(4)?,
        ended_at: r.get(5)?,
        current_section: r.get(6)?,
        rating: r.get(7)?,
        snapshot: snapshot.and_then(|s| serde_json::from_str(&s).ok()),
        minutes: r.get(9)?,
        health: MeetingHealth {
            missing_at_start: r.get(10)?,
            commitments: match (r.get(11)?, r.get(12)?) {
                (Some(done), Some(due)) => Some((done, due)),
                _ => None,
            },
        },
        sections: Vec::new(),
        attendees: Vec::new(),
    })
}

pub(super) const DRIVER_COLUMNS: &str =
    "meeting_id, driver, screen, heartbeat_at, paused_at, selected_kind, selected_id";

pub(super) fn driver_row(r: &Row<'_>) -> db::Result<Driver> {
    let kind: Option<u8> = r.get(5)?;
    let id: Option<i64> = r.get(6)?;
    Ok(Driver {
        meeting: r.get(0)?,
        name: r.get(1)?,
        screen: r.get(2)?,
        heartbeat_at: r.get(3)?,
        paused_at: r.get(4)?,
        selected: kind.zip(id),
    })
}

impl Store {
    /// A meeting's stable id: random, kept across exports and imports, so
    /// no two databases share one (unless one is a copy of the other).
    pub fn meeting_uid(&self, id: MeetingId) -> Result<Option<String>, StoreError> {
        Ok(self
            .cached("SELECT uid FROM meeting WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Who drives a live meeting, if any screen ever did.
    pub fn meeting_driver(&self, meeting: MeetingId) -> Result<Option<Driver>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT {DRIVER_COLUMNS} FROM meeting_driver WHERE meeting_id = ?1"
        ))?;
        Ok(stmt.query_row([meeting], driver_row).optional()?)
    }

    /// A team's meetings, newest first.
    pub fn meetings(&self, team: TeamId) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meeting WHERE team_id = ?1 ORDER BY week DESC, id DESC"
        ))?;
        let mut meetings: Vec<Meeting> = stmt
            .query_map([team], meeting_row)?
            .collect::<Result<_, _>>()?;
        self.fill_meetings(&mut meetings)?;
        Ok(meetings)
    }

    /// A team's meetings, newest first, as a list shows them: one query,
    /// a row per meeting and attendee, with no snapshot to parse.
    pub fn meeting_list(&self, team: TeamId) -> Result<Vec<MeetingSummary>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT m.id, m.team_id, m.kind, m.week, m.started_at, m.ended_at, m.rating,
                    (SELECT CAST(coalesce(sum(s.seconds_spent), 0) AS BIGINT)
                     FROM meeting_section s WHERE s.meeting_id = m.id),
                    p.name
             FROM meeting m
             LEFT JOIN meeting_attendee a ON a.meeting_id = m.id
             LEFT JOIN person p ON p.id = a.person_id
             WHERE m.team_id = ?1
             ORDER BY m.week DESC, m.id DESC, {}",
            self.conn.dialect().nocase("p.name")
        ))?;
        let mut rows = stmt.query([team])?;
        let mut list: Vec<MeetingSummary> = Vec::new();
        while let Some(r) = rows.next()? {
            let id: MeetingId = r.get(0)?;
            let attendee: Option<String> = r.get(8)?;
            if list.last().is_none_or(|m| m.id != id) {
                list.push(MeetingSummary {
                    id,
                    team_id: r.get(1)?,
                    kind: r.get(2)?,
                    week: r.get(3)?,
                    started_at: r.get(4)?,
                    ended_at: r.get(5)?,
                    rating: r.get(6)?,
                    seconds_spent: r.get(7)?,
                    attendees: Vec::new(),
                });
            }
            if let (Some(name), Some(m)) = (attendee, list.last_mut()) {
                m.attendees.push(name);
            }
        }
        Ok(list)
    }

    /// A team's latest `limit` ended meetings, newest first: what the home
    /// screen lists, without reading the rest of the history.
    pub fn past_meetings(&self, team: TeamId, limit: usize) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meeting WHERE team_id = ?1 AND ended_at IS NOT NULL
             ORDER BY week DESC, id DESC LIMIT ?2"
        ))?;
        let mut meetings: Vec<Meeting> = stmt
            .query_map(params![team, limit as i64], meeting_row)?
            .collect::<Result<_, _>>()?;
        self.fill_meetings(&mut meetings)?;
        Ok(meetings)
    }

    /// A team's last meeting ended of a week up to `week`: the minutes a
    /// report of a period that ends with `week` shows, not a later one's.
    pub fn last_meeting_by(&self, team: TeamId, week: Week) -> Result<Option<Meeting>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meeting
             WHERE team_id = ?1 AND week <= ?2 AND ended_at IS NOT NULL
             ORDER BY week DESC, id DESC LIMIT 1"
        ))?;
        let found = stmt
            .query_map(params![team, week], meeting_row)?
            .next()
            .transpose()?;
        match found {
            Some(mut m) => {
                self.fill_meeting(&mut m)?;
                Ok(Some(m))
            }
            None => Ok(None),
        }
    }

    /// A team's meetings of weeks before `week` that were never ended,
    /// newest first: reviews left open by mistake.
    pub fn open_meetings_before(
        &self,
        team: TeamId,
        week: Week,
    ) -> Result<Vec<Meeting>, StoreError> {
        let mut stmt = self.cached(&format!(
            "SELECT {MEETING_COLUMNS} FROM meeting
             WHERE team_id = ?1 AND week < ?2 AND ended_at IS NULL
             ORDER BY week DESC, id DESC"
        ))?;
        let mut meetings: Vec<Meeting> = stmt
            .query_map(params![team, week], meeting_row)?
            .collect::<Result<_, _>>()?;
        self.fill_meetings(&mut meetings)?;
        Ok(meetings)
    }

    pub fn meeting(&self, id: MeetingId) -> Result<Option<Meeting>, StoreError> {
        let sql = format!("SELECT {MEETING_COLUMNS} FROM meeting WHERE id = ?1");
        let found = self.cached(&sql)?.query_row([id], meeting_row).optional()?;
        self.filled(found)
    }

    /// The team's meeting of this kind in this week, open or ended.
    pub fn meeting_in(
        &self,
        team: TeamId,
        kind: MeetingKind,
        week: Week,
    ) -> Result<Option<Meeting>, StoreError> {
        let sql = format!(
            "SELECT {MEETING_COLUMNS} FROM meeting WHERE team_id = ?1 AND kind = ?2 AND week = ?3"
        );
        let found = self
            .cached(&sql)?
            .query_row(params![team, kind, week], meeting_row)
            .optional()?;
        self.filled(found)
    }

    fn filled(&self, found: Option<Meeting>) -> Result<Option<Meeting>, StoreError> {
        match found {
            Some(mut m) => {
                self.fill_meeting(&mut m)?;
                Ok(Some(m))
            }
            None => Ok(None),
        }
    }

    fn fill_meeting(&self, m: &mut Meeting) -> Result<(), StoreError> {
        self.fill_meetings(std::slice::from_mut(m))
    }

    /// Reads the sections and attendees of all of `meetings` in two
    /// queries, however many meetings there are.
    fn fill_meetings(&self, meetings: &mut [Meeting]) -> Result<(), StoreError> {
        if meetings.is_empty() {
            return Ok(());
        }
        let ids = serde_json::Value::from(meetings.iter().map(|m| m.id.0).collect::<Vec<_>>())
            .to_string();
        let at: HashMap<MeetingId, usize> = meetings
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id, i))
            .collect();
        let dialect = self.conn.dialect();
        let mut sections = self.cached(&format!(
            "SELECT meeting_id, name, minutes, seconds_spent, section FROM meeting_section
             WHERE meeting_id IN ({}) ORDER BY meeting_id, position",
            dialect.json_ints("?1")
        ))?;
        let mut rows = sections.query([ids.as_str()])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get(0)?) {
                meetings[i].sections.push(MeetingSection {
                    kind: r.get(4)?,
                    name: r.get(1)?,
                    minutes: r.get(2)?,
                    seconds_spent: r.get(3)?,
                });
            }
        }
        let mut attendees = self.cached(&format!(
            "SELECT a.meeting_id, p.name FROM meeting_attendee a JOIN person p ON p.id = a.person_id
             WHERE a.meeting_id IN ({}) ORDER BY a.meeting_id, {}",
            dialect.json_ints("?1"),
            dialect.nocase("p.name")
        ))?;
        let mut rows = attendees.query([ids.as_str()])?;
        while let Some(r) = rows.next()? {
            if let Some(&i) = at.get(&r.get(0)?) {
                meetings[i].attendees.push(r.get(1)?);
            }
        }
        Ok(())
    }
}
