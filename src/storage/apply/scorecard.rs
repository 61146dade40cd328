//! Writes to the scorecard: teams, measures and readings.

use crate::storage::db::{OptionalExtension, params};

use super::{Applied, Writer, duplicate};
use crate::domain::change::{MeasureEdit, NewMeasure};
use crate::domain::{
    AgendaSection, Goal, MeasureId, MeetingKind, ReviewWeek, Target, TeamId, Week,
    default_weekly_agenda,
};
use crate::storage::StoreError;
use crate::storage::names::{self, Named};

impl Writer<'_> {
    pub(super) fn add_team(&mut self, name: &str) -> Result<Applied, StoreError> {
        let name = &names::stored(name);
        if let Some((_, existing)) = names::find(self.tx, Named::Team, name, None)? {
            return Err(duplicate("team", name, &existing));
        }
        let id = self.insert(
            "INSERT INTO team (name, created_at) VALUES (?1, ?2) RETURNING id",
            params![name, self.now],
        )?;
        self.write_agenda(TeamId(id), MeetingKind::Weekly, &default_weekly_agenda())?;
        Ok(Applied::id(id))
    }

    pub(super) fn set_agenda(
        &mut self,
        team: TeamId,
        kind: MeetingKind,
        sections: &[AgendaSection],
    ) -> Result<Applied, StoreError> {
        self.team_name(team)?;
        self.exec(
            "DELETE FROM agenda_section WHERE team_id = ?1 AND kind = ?2",
            params![team, kind],
        )?;
        self.write_agenda(team, kind, sections)?;
        Ok(Applied::id(team.0))
    }

    /// Writes `team`'s agenda for `kind`, where it has none.
    fn write_agenda(
        &self,
        team: TeamId,
        kind: MeetingKind,
        sections: &[AgendaSection],
    ) -> Result<(), StoreError> {
        let mut insert = self.tx.prepare_cached(
            "INSERT INTO agenda_section (team_id, kind, position, name, minutes, section)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, s) in sections.iter().enumerate() {
            insert.execute(params![team, kind, i as i64, s.name, s.minutes, s.kind])?;
        }
        Ok(())
    }

    pub(super) fn rename_team(&mut self, team: &TeamId, name: &str) -> Result<Applied, StoreError> {
        let name = &names::stored(name);
        self.team_name(*team)?;
        if let Some((_, existing)) = names::find(self.tx, Named::Team, name, Some(team.0))? {
            return Err(duplicate("team", name, &existing));
        }
        self.exec(
            "UPDATE team SET name = ?1 WHERE id = ?2",
            params![name, team],
        )?;
        Ok(Applied::id(team.0))
    }

    pub(super) fn set_review_week(
        &mut self,
        team: TeamId,
        review: ReviewWeek,
    ) -> Result<Applied, StoreError> {
        self.team_name(team)?;
        self.exec(
            "UPDATE team SET review = ?1 WHERE id = ?2",
            params![review, team],
        )?;
        Ok(Applied::id(team.0))
    }

    pub(super) fn add_measure(&mut self, m: &NewMeasure) -> Result<Applied, StoreError> {
        let now = self.now;
        self.team_name(m.team)?;
        let name = &names::stored(&m.name);
        self.check_measure_name(m.team, name, None)?;
        let owner = self.person(m.owner.as_deref())?;
        let position: u32 = self.row(
            "SELECT coalesce(max(position), 0) + 1 FROM measure WHERE team_id = ?1",
            [m.team],
            |r| r.get(0),
        )?;
        let (target, low, high) = goal_columns(&m.goal);
        let id = self.insert(
            "INSERT INTO measure (team_id, name, owner_id, unit, kind, direction, target,
                     range_low, range_high, tolerance, position, created_at, updated_at, rollup)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?13) RETURNING id",
            params![
                m.team,
                name,
                owner,
                m.unit.trim(),
                m.kind,
                m.goal.direction,
                target,
                low,
                high,
                m.goal.tolerance,
                position,
                now,
                m.rollup
            ],
        )?;
        Ok(Applied::id(id))
    }

    pub(super) fn edit_measure(
        &mut self,
        measure: MeasureId,
        edit: &MeasureEdit,
    ) -> Result<Applied, StoreError> {
        let team = self.measure_team(measure)?;
        if let Some(name) = &edit.name {
            let name = names::stored(name);
            self.check_measure_name(team, &name, Some(measure))?;
            self.exec(
                "UPDATE measure SET name = ?1 WHERE id = ?2",
                params![name, measure],
            )?;
        }
        if edit.owner.is_some() {
            let owner = self.person(edit.owner.as_deref())?;
            self.exec(
                "UPDATE measure SET owner_id = ?1 WHERE id = ?2",
                params![owner, measure],
            )?;
        }
        if let Some(unit) = &edit.unit {
            self.exec(
                "UPDATE measure SET unit = ?1 WHERE id = ?2",
                params![unit.trim(), measure],
            )?;
        }
        if let Some(kind) = edit.kind {
            self.exec(
                "UPDATE measure SET kind = ?1 WHERE id = ?2",
                params![kind, measure],
            )?;
        }
        if let Some(goal) = &edit.goal {
            let (target, low, high) = goal_columns(goal);
            self.exec(
                "UPDATE measure SET direction = ?1, target = ?2, range_low = ?3, range_high = ?4,
                     tolerance = ?5 WHERE id = ?6",
                params![goal.direction, target, low, high, goal.tolerance, measure],
            )?;
        }
        if let Some(rollup) = edit.rollup {
            self.exec(
                "UPDATE measure SET rollup = ?1 WHERE id = ?2",
                params![rollup, measure],
            )?;
        }
        self.exec(
            "UPDATE measure SET updated_at = ?1 WHERE id = ?2",
            params![self.now, measure],
        )?;
        // A month's value follows the roll-up, and a measure without one
        // takes its unit's.
        if edit.rollup.is_some() || edit.unit.is_some() {
            self.evaluate_measure(measure)?;
        }
        Ok(Applied::id(measure.0))
    }

    pub(super) fn archive_measure(
        &mut self,
        measure: &MeasureId,
        archived: &bool,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        let team = self.measure_team(*measure)?;
        // A restored measure goes to the bottom of the scorecard rather
        // than sharing the position it had before.
        self.exec(
            "UPDATE measure SET archived = ?1, updated_at = ?2,
                     position = CASE WHEN CAST(?1 AS BIGINT) != 0 THEN position ELSE
                         (SELECT coalesce(max(position), 0) + 1 FROM measure
                          WHERE team_id = ?4 AND archived = 0) END
                 WHERE id = ?3",
            params![archived, now, measure, team],
        )?;
        Ok(Applied::id(measure.0))
    }

    pub(super) fn move_measure(
        &mut self,
        measure: MeasureId,
        position: u32,
    ) -> Result<Applied, StoreError> {
        let team = self.measure_team(measure)?;
        let mut stmt = self.tx.prepare_cached(
            "SELECT id FROM measure WHERE team_id = ?1 AND archived = 0 ORDER BY position, id",
        )?;
        let mut order: Vec<MeasureId> = stmt
            .query_map([team], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let Some(from) = order.iter().position(|m| *m == measure) else {
            return Err(StoreError::Refused(format!(
                "measure #{measure} is archived: restore it before moving it"
            )));
        };
        order.remove(from);
        let to = (position as usize - 1).min(order.len());
        order.insert(to, measure);
        let mut update = self
            .tx
            .prepare_cached("UPDATE measure SET position = ?1 WHERE id = ?2")?;
        for (i, id) in order.iter().enumerate() {
            update.execute(params![i as i64 + 1, id])?;
        }
        Ok(Applied::id(measure.0))
    }

    pub(super) fn record_reading(
        &mut self,
        measure: &MeasureId,
        week: &Week,
        value: &f64,
        note: &Option<String>,
    ) -> Result<Applied, StoreError> {
        let now = self.now;
        self.measure_team(*measure)?;
        let previous = self
            .row(
                "SELECT value, note FROM reading WHERE measure_id = ?1 AND week = ?2",
                params![measure, week],
                |r| Ok((r.get::<_, f64>(0)?, r.get::<_, Option<String>>(1)?)),
            )
            .optional()?;
        self.exec(
            "INSERT INTO reading (measure_id, week, value, note, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (measure_id, week) DO UPDATE SET
                     value = excluded.value, note = excluded.note,
                     recorded_at = excluded.recorded_at",
            params![measure, week, value, note.as_deref().map(str::trim), now],
        )?;
        self.evaluate_measure(*measure)?;
        Ok(Applied {
            replaced: previous,
            ..Applied::id(measure.0)
        })
    }

    fn check_measure_name(
        &self,
        team: TeamId,
        name: &str,
        except: Option<MeasureId>,
    ) -> Result<(), StoreError> {
        let clash = names::find(self.tx, Named::Measure(team.0), name, except.map(|m| m.0))?;
        match clash {
            Some((_, existing)) => Err(duplicate("measure", name, &existing)),
            None => Ok(()),
        }
    }
}

/// (target, range low, range high); the schema checks they fit the direction.
fn goal_columns(goal: &Goal) -> (Option<f64>, Option<f64>, Option<f64>) {
    match goal.target {
        Target::Value(v) => (Some(v), None, None),
        Target::Range { low, high } => (None, Some(low), Some(high)),
    }
}
