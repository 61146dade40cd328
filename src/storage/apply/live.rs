//! Writes made while a meeting runs: starting it, its clock, its rating,
//! ending it with its snapshot and minutes, and off-track items edited in
//! place (whose promised change becomes an action item).

use crate::storage::db::{OptionalExtension, params};

use super::{Applied, Writer, duplicate, not_found};
use crate::domain::agenda::default_agenda;
use crate::domain::{
    Driver, MeetingId, MeetingKind, OffTrackId, Scorecard, SectionKind, TeamId, Week,
};
use crate::storage::StoreError;

impl Writer<'_> {
    pub(super) fn start_meeting(
        &mut self,
        team: TeamId,
        kind: MeetingKind,
        week: Week,
    ) -> Result<Applied, StoreError> {
        self.team_name(team)?;
        let clash: Option<i64> = self
            .row(
                "SELECT id FROM meeting WHERE team_id = ?1 AND kind = ?2 AND week = ?3",
                params![team, kind, week],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            let name = format!("{kind} {week}");
            return Err(duplicate("meeting", &name, &name));
        }
        // The measures with no value for the week as the meeting starts:
        // the health figures keep it as it was.
        let missing: i64 = self.row(
            "SELECT count(*) FROM measure m WHERE m.team_id = ?1 AND m.archived = 0
               AND NOT EXISTS (SELECT 1 FROM reading r WHERE r.measure_id = m.id AND r.week = ?2)",
            params![team, week],
            |r| r.get(0),
        )?;
        let id = self.insert(
            "INSERT INTO meeting (team_id, kind, week, started_at, current_section, missing_at_start)
             VALUES (?1, ?2, ?3, ?4, 0, ?5) RETURNING id",
            params![team, kind, week, self.now, missing],
        )?;
        let meeting = id;
        // The meeting keeps its own copy of the agenda: changing the
        // agenda later leaves a meeting under way as it began.
        let mut agenda: Vec<(String, u32, SectionKind)> = self
            .tx
            .prepare_cached(
                "SELECT name, minutes, section FROM agenda_section WHERE team_id = ?1 AND kind = ?2
                 ORDER BY position",
            )?
            .query_map(params![team, kind], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<Result<_, _>>()?;
        if agenda.is_empty() {
            agenda = default_agenda(kind)
                .into_iter()
                .map(|s| (s.name, s.minutes, s.kind))
                .collect();
        }
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO meeting_section (meeting_id, position, name, minutes, section)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for (i, (name, minutes, section)) in agenda.iter().enumerate() {
            insert.execute(params![meeting, i as i64, name, minutes, section])?;
        }
        Ok(Applied::id(meeting))
    }

    /// Refuses changes to a meeting that has ended: its record is final.
    fn open_meeting(&self, meeting: MeetingId) -> Result<(TeamId, String), StoreError> {
        let row: Option<(TeamId, Option<String>, String)> = self
            .row(
                "SELECT team_id, ended_at, started_at FROM meeting WHERE id = ?1",
                [meeting],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        match row {
            None => Err(not_found("meeting", meeting.0)),
            Some((_, Some(_), _)) => Err(StoreError::Refused(format!(
                "meeting #{meeting} has already ended"
            ))),
            Some((team, None, started)) => Ok((team, started)),
        }
    }

    pub(super) fn save_meeting_clock(
        &mut self,
        meeting: MeetingId,
        current_section: u32,
        seconds: &[u32],
    ) -> Result<Applied, StoreError> {
        self.open_meeting(meeting)?;
        let sections: u32 = self.row(
            "SELECT count(*) FROM meeting_section WHERE meeting_id = ?1",
            [meeting],
            |r| r.get(0),
        )?;
        if current_section >= sections.max(1) {
            return Err(StoreError::Refused(format!(
                "meeting #{meeting} has {sections} sections, not {}",
                current_section + 1
            )));
        }
        self.exec(
            "UPDATE meeting SET current_section = ?1 WHERE id = ?2",
            params![current_section, meeting],
        )?;
        let mut update = self.tx.prepare_cached(
            "UPDATE meeting_section SET seconds_spent = ?1 WHERE meeting_id = ?2 AND position = ?3",
        )?;
        for (i, secs) in seconds.iter().enumerate() {
            update.execute(params![secs, meeting, i as i64])?;
        }
        Ok(Applied::id(meeting.0))
    }

    /// Takes or renews the lease on a live meeting for `screen`; refused
    /// while another screen drives it and is not away, unless `take_over`.
    pub(super) fn drive_meeting(
        &mut self,
        meeting: MeetingId,
        driver: &str,
        screen: &str,
        take_over: bool,
        paused: bool,
        selected: Option<(u8, i64)>,
    ) -> Result<Applied, StoreError> {
        self.open_meeting(meeting)?;
        if !take_over
            && let Some(holder) = self.driver_of(meeting)?
            && !holder.free_for(screen, self.now)
        {
            return Err(StoreError::Refused(format!(
                "{} drives meeting #{meeting} from another screen",
                holder.name
            )));
        }
        let (kind, id) = selected.unzip();
        self.exec(
            "INSERT INTO meeting_driver (meeting_id, driver, screen, heartbeat_at, paused_at,
                 selected_kind, selected_id)
             VALUES (?1, ?2, ?3, ?4, CASE WHEN CAST(?5 AS BIGINT) != 0 THEN ?4 END, ?6, ?7)
             ON CONFLICT (meeting_id) DO UPDATE SET driver = ?2, screen = ?3, heartbeat_at = ?4,
                 paused_at = CASE WHEN CAST(?5 AS BIGINT) != 0 THEN coalesce(meeting_driver.paused_at, ?4) END,
                 selected_kind = ?6, selected_id = ?7",
            params![meeting, driver, screen, self.now, paused, kind, id],
        )?;
        Ok(Applied::id(meeting.0))
    }

    /// Lets go of a meeting `screen` drives; a screen that no longer holds
    /// it (someone took it over) changes nothing.
    pub(super) fn leave_meeting(
        &mut self,
        meeting: MeetingId,
        screen: &str,
    ) -> Result<Applied, StoreError> {
        self.exec(
            "UPDATE meeting_driver SET screen = NULL, heartbeat_at = ?1
             WHERE meeting_id = ?2 AND screen = ?3",
            params![self.now, meeting, screen],
        )?;
        Ok(Applied::id(meeting.0))
    }

    fn driver_of(&self, meeting: MeetingId) -> Result<Option<Driver>, StoreError> {
        Ok(self
            .row(
                &format!(
                    "SELECT {} FROM meeting_driver WHERE meeting_id = ?1",
                    crate::storage::read_meetings::DRIVER_COLUMNS
                ),
                [meeting],
                crate::storage::read_meetings::driver_row,
            )
            .optional()?)
    }

    pub(super) fn rate_meeting(
        &mut self,
        meeting: MeetingId,
        rating: u8,
    ) -> Result<Applied, StoreError> {
        self.open_meeting(meeting)?;
        self.exec(
            "UPDATE meeting SET rating = ?1 WHERE id = ?2",
            params![rating, meeting],
        )?;
        Ok(Applied::id(meeting.0))
    }

    pub(super) fn end_meeting(
        &mut self,
        meeting: MeetingId,
        snapshot: &Scorecard,
        minutes: &str,
        (done, due): (u32, u32),
    ) -> Result<Applied, StoreError> {
        let (team, started) = self.open_meeting(meeting)?;
        let snapshot =
            serde_json::to_string(snapshot).map_err(|e| StoreError::Refused(e.to_string()))?;
        self.exec(
            "UPDATE meeting SET ended_at = ?1, snapshot = ?2, minutes = ?3,
                 commitments_done = ?4, commitments_due = ?5
             WHERE id = ?6",
            params![self.now, snapshot, minutes, done, due.max(done), meeting],
        )?;
        // Decisions made while the meeting ran were made in it.
        self.exec(
            "UPDATE decision SET meeting_id = ?1
             WHERE team_id = ?2 AND meeting_id IS NULL AND state != 'needed' AND made_at >= ?3",
            params![meeting, team, started],
        )?;
        Ok(Applied::id(meeting.0))
    }

    pub(super) fn edit_offtrack(
        &mut self,
        item: OffTrackId,
        title: Option<&str>,
        owner: Option<&str>,
        why: Option<&str>,
        change: Option<&str>,
    ) -> Result<Applied, StoreError> {
        self.row("SELECT team_id FROM offtrack WHERE id = ?1", [item], |r| {
            r.get::<_, TeamId>(0)
        })
        .optional()?
        .ok_or_else(|| not_found("off-track item", item.0))?;
        let owner_id = self.person(owner)?;
        self.exec(
            "UPDATE offtrack SET title = coalesce(?1, title), owner_id = coalesce(?2, owner_id),
                 why = coalesce(?3, why), change = coalesce(?4, change), updated_at = ?5
             WHERE id = ?6",
            params![
                title.map(str::trim),
                owner_id,
                why.map(str::trim),
                change.map(str::trim),
                self.now,
                item
            ],
        )?;
        Ok(Applied::id(item.0))
    }
}
